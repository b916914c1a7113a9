//! Reliability (issue 15): no crash on damaged or extreme input, nothing
//! dropped or counted twice, results independent of the order of records
//! and shards, clear messages, outputs written whole or not at all.
//!
//! Each case of the issue is run through the example binary (and, where
//! the library decides, through the public API as well). No test measures
//! time or memory: the costs (lexicon size, long articles, many outlets)
//! are measured by hand (see the CHANGELOG); a stage that went back to
//! super-linear time would show here as a test that does not finish.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Output, Stdio};

use framescope::{
    Analyzer, Article, Corpus, InputError, InputErrorKind, MergeError, Partial, ReportOptions,
};
use proptest::prelude::*;
use serde_json::Value;

mod common;
use common::compare;

// ---------------------------------------------------------------------------
// Helpers.

fn run(args: &[&str]) -> Output {
    compare().args(args).output().expect("the example runs")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = compare()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example starts");
    let mut stdin = child.stdin.take().expect("stdin");
    // The binary may stop reading early (a bad record): a closed pipe here
    // is not the test's concern.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().expect("the example runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path.to_str().expect("UTF-8 temp path").to_string()
}

fn path_in(dir: &Path, name: &str) -> String {
    dir.join(name)
        .to_str()
        .expect("UTF-8 temp path")
        .to_string()
}

/// Expects exit status `code` and every one of `wanted` on standard error,
/// and no panic.
fn expect_status(output: &Output, code: i32, wanted: &[&str]) -> String {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(code), "{err}");
    for w in wanted {
        assert!(err.contains(w), "expected {w:?} in {err:?}");
    }
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// The JSON report of a successful run.
fn json_report(output: &Output) -> Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_slice(&output.stdout).expect("a JSON report")
}

fn article_line(id: &str, outlet: &str, text: &str) -> String {
    serde_json::json!({"id": id, "outlet": outlet, "text": text}).to_string()
}

/// A small corpus of JSON Lines: good records and two bad ones (lines 3
/// and 5).
fn corpus_lines(prefix: &str) -> String {
    [
        article_line(
            &format!("{prefix}1"),
            "Dispatch",
            "Talks in Doha may resume. Officials appear hopeful.",
        ),
        article_line(
            &format!("{prefix}2"),
            "Review",
            "The talks clearly stalled. Tehran rejected the offer.",
        ),
        "{\"id\": broken".to_string(),
        article_line(
            &format!("{prefix}4"),
            "Dispatch",
            "A breakthrough seems unlikely, mediators said.",
        ),
        "[1, 2]".to_string(),
        article_line(
            &format!("{prefix}6"),
            "Review",
            "Negotiators made progress on sanctions relief.",
        ),
    ]
    .join("\n")
        + "\n"
}

/// Writes a partial file from `input` (with --skip-invalid) and returns
/// its path.
fn make_partial(dir: &Path, name: &str, input: &str) -> String {
    let partial = path_in(dir, name);
    let out = run(&[
        "--skip-invalid",
        "--resamples",
        "20",
        "--partial",
        &partial,
        "--output",
        "/dev/null",
        input,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    partial
}

/// A partial file's content as a [`Partial`] (its checksum left aside).
fn load(path: &str) -> Partial {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn analyzer() -> &'static Analyzer {
    static ANALYZER: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    ANALYZER.get_or_init(Analyzer::default)
}

// ---------------------------------------------------------------------------
// Crashes.

#[test]
fn a_partial_edited_by_hand_is_refused_by_its_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.jsonl", corpus_lines("a").as_bytes());
    let partial = make_partial(dir.path(), "a.partial", &input);
    // Shorten one article's values, keeping the checksum: the old panic.
    let mut json: Value =
        serde_json::from_str(&std::fs::read_to_string(&partial).unwrap()).unwrap();
    let values = json["outlets"]["Dispatch"]["articles"][0]["values"]
        .as_array_mut()
        .unwrap();
    values.truncate(2);
    let edited = write(dir.path(), "edited.partial", json.to_string().as_bytes());
    let out = run(&["--merge", &edited]);
    expect_status(&out, 2, &["edited.partial", "checksum mismatch"]);
    // A count changed, consistently or not: the same.
    let mut json: Value =
        serde_json::from_str(&std::fs::read_to_string(&partial).unwrap()).unwrap();
    json["outlets"]["Dispatch"]["profile"]["articles"] = Value::from(999_999);
    let edited = write(dir.path(), "count.partial", json.to_string().as_bytes());
    expect_status(&run(&["--merge", &edited]), 2, &["checksum mismatch"]);
    // Cut short (damaged in transfer).
    let text = std::fs::read_to_string(&partial).unwrap();
    let cut = write(
        dir.path(),
        "cut.partial",
        &text.as_bytes()[..text.len() / 2],
    );
    expect_status(&run(&["--merge", &cut]), 2, &["cut.partial", "EOF"]);
    // The first format, without a checksum.
    let old = text.replace("framescope-partial/4", "framescope-partial/1");
    let old = write(dir.path(), "old.partial", old.as_bytes());
    expect_status(
        &run(&["--merge", &old]),
        2,
        &["framescope-partial/1", "earlier framescope"],
    );
    // The second format, without headline counts: a clean refusal.
    let second = text.replace("framescope-partial/4", "framescope-partial/2");
    let second = write(dir.path(), "second.partial", second.as_bytes());
    expect_status(
        &run(&["--merge", &second]),
        2,
        &["framescope-partial/2", "earlier framescope", "headline"],
    );
    // The third format, without attribution counts: a clean refusal.
    let third = text.replace("framescope-partial/4", "framescope-partial/3");
    let third = write(dir.path(), "third.partial", third.as_bytes());
    expect_status(
        &run(&["--merge", &third]),
        2,
        &["framescope-partial/3", "earlier framescope", "attribution"],
    );
}

#[test]
fn partials_counting_sentences_differently_do_not_merge() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.jsonl", corpus_lines("a").as_bytes());
    let b = write(dir.path(), "b.jsonl", corpus_lines("b").as_bytes());
    let pa = path_in(dir.path(), "a.partial");
    let pb = path_in(dir.path(), "b.partial");
    let out = run(&[
        "--skip-invalid",
        "--partial",
        &pa,
        "--output",
        "/dev/null",
        &a,
    ]);
    expect_status(&out, 0, &[]);
    let out = run(&[
        "--count-all-sentences",
        "--skip-invalid",
        "--partial",
        &pb,
        "--output",
        "/dev/null",
        &b,
    ]);
    expect_status(&out, 0, &[]);
    expect_status(
        &run(&["--merge", &pa, &pb]),
        2,
        &["b.partial", "--count-all-sentences"],
    );
    // Merged by a run with the same setting, they do.
    expect_status(&run(&["--merge", &pa]), 0, &[]);
}

#[test]
fn a_partial_that_breaks_an_invariant_is_refused_even_with_a_good_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.jsonl", corpus_lines("a").as_bytes());
    let partial = make_partial(dir.path(), "a.partial", &input);
    // (edit, expected words): each written back with a valid checksum, as
    // someone who read the format could.
    type Edit = fn(&mut Partial);
    let edits: Vec<(Edit, &[&str])> = vec![
        (
            |p| {
                let data = p.outlets.get_mut("Dispatch").unwrap();
                data.articles[0].values.truncate(2);
            },
            &["invalid data", "metric values"],
        ),
        (
            |p| p.outlets.get_mut("Dispatch").unwrap().profile.articles = 999_999,
            &["invalid data", "999999"],
        ),
        (
            |p| {
                let counts = &mut p.outlets.get_mut("Review").unwrap().profile.counts;
                counts.categories.truncate(3);
            },
            &["invalid data", "categories"],
        ),
        (
            |p| {
                let counts = &mut p.outlets.get_mut("Review").unwrap().profile.counts;
                counts.terms.push((4_000_000, 1));
            },
            &["invalid data", "not in the lexicon"],
        ),
        (
            |p| {
                let counts = &mut p.outlets.get_mut("Review").unwrap().profile.counts;
                counts.terms.reverse();
                counts.terms.push((0, 1));
            },
            &["invalid data"],
        ),
        (
            |p| {
                let counts = &mut p.outlets.get_mut("Review").unwrap().profile.counts;
                counts.sentences = 0;
            },
            &["invalid data", "sentences"],
        ),
        (
            |p| {
                let a = p.outlets["Dispatch"].articles[0].clone();
                p.outlets.get_mut("Review").unwrap().articles.push(a);
                p.outlets.get_mut("Review").unwrap().profile.articles += 1;
            },
            &["invalid data", "listed twice"],
        ),
    ];
    for (i, (edit, wanted)) in edits.into_iter().enumerate() {
        let mut p = load(&partial);
        edit(&mut p);
        let edited = write(
            dir.path(),
            &format!("edit{i}.partial"),
            p.to_json().as_bytes(),
        );
        expect_status(&run(&["--merge", &edited]), 2, wanted);
    }
}

#[test]
fn counts_that_would_overflow_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.jsonl", corpus_lines("a").as_bytes());
    let b = write(dir.path(), "b.jsonl", corpus_lines("b").as_bytes());
    let (pa, pb) = (
        make_partial(dir.path(), "a.partial", &a),
        make_partial(dir.path(), "b.partial", &b),
    );
    // Token counts over half of u64::MAX in each: valid alone, their sum
    // would wrap.
    let mut shards = Vec::new();
    for (i, path) in [&pa, &pb].into_iter().enumerate() {
        let mut p = load(path);
        p.outlets.get_mut("Dispatch").unwrap().profile.counts.tokens = u64::MAX / 2 + 1;
        let edited = write(
            dir.path(),
            &format!("big{i}.partial"),
            p.to_json().as_bytes(),
        );
        shards.push(edited);
    }
    let alone = run(&[
        "--format",
        "json",
        "--resamples",
        "10",
        "--merge",
        &shards[0],
    ]);
    assert_eq!(
        json_report(&alone)["outlets"][0]["tokens"],
        Value::from(u64::MAX / 2 + 1)
    );
    let both = run(&["--merge", &shards[0], &shards[1]]);
    expect_status(&both, 2, &["big1.partial", "overflows"]);
    // Through the library, the outlet profile is left as it was.
    let mut sum = load(&shards[0]).outlets["Dispatch"].profile.clone();
    let before = sum.clone();
    let err = sum
        .merge(&load(&shards[1]).outlets["Dispatch"].profile)
        .unwrap_err();
    assert_eq!(err, MergeError::Overflow("tokens"));
    assert_eq!(sum, before);
}

#[test]
fn threads_are_bounded_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "one.jsonl",
        (article_line("1", "A", "Iran may return.") + "\n").as_bytes(),
    );
    for threads in ["100000", "10000", "1025", "0"] {
        let out = run(&["--threads", threads, &input]);
        expect_status(&out, 2, &["--threads", "1..=1024"]);
    }
    let out = run(&["--threads", "64", "--resamples", "10", &input]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_record_over_the_limit_is_rejected_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Officials may meet again. ".repeat(100);
    let jsonl = [
        article_line("1", "A", "Short and fine."),
        article_line("2", "A", &long),
        article_line("3", "A", "After the long one."),
    ]
    .join("\n");
    let jsonl = write(dir.path(), "long.jsonl", jsonl.as_bytes());
    let csv = format!("id,outlet,text\nc1,B,Fine.\nc2,B,\"{long}\"\nc3,B,Also fine.\n");
    let csv = write(dir.path(), "long.csv", csv.as_bytes());
    let texts = dir.path().join("Wire");
    std::fs::create_dir(&texts).unwrap();
    write(&texts, "a.txt", b"A short text.");
    write(&texts, "b.txt", long.as_bytes());
    let texts = texts.to_str().unwrap();
    let out = run(&["--max-record-bytes", "1000", &jsonl]);
    expect_status(&out, 2, &["long.jsonl:2: ", "longer than 1000 bytes"]);
    let out = run(&["--max-record-bytes", "1000", &csv]);
    expect_status(&out, 2, &["long.csv:3: ", "longer than 1000 bytes"]);
    let out = run(&["--max-record-bytes", "1000", texts]);
    expect_status(&out, 2, &["b.txt: ", "longer than 1000 bytes"]);
    let report = json_report(&run(&[
        "--max-record-bytes",
        "1000",
        "--skip-invalid",
        "--format",
        "json",
        "--resamples",
        "10",
        &jsonl,
        &csv,
        texts,
    ]));
    assert_eq!(report["input"]["records"], 8);
    assert_eq!(report["input"]["analysed"], 5);
    // Within the default limit, all are read.
    let report = json_report(&run(&[
        "--format",
        "json",
        "--resamples",
        "10",
        &jsonl,
        &csv,
        texts,
    ]));
    assert_eq!(report["input"]["analysed"], 8);
}

#[test]
fn an_endless_line_is_reported_before_it_ends() {
    // No line break ever: the first record passes the limit and the run
    // stops there, without reading on (it would not finish otherwise).
    let out = run(&["--max-record-bytes", "100000", "/dev/zero"]);
    expect_status(&out, 2, &["/dev/zero:1: ", "longer than 100000 bytes"]);
    // The same on standard input, from a writer that never stops.
    let mut child = compare()
        .args(["--max-record-bytes", "100000", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = [b'x'; 4096];
        while stdin.write_all(&chunk).is_ok() {}
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    expect_status(&out, 2, &["-:1: ", "longer than 100000 bytes"]);
}

// ---------------------------------------------------------------------------
// Nothing dropped or counted twice.

#[test]
fn an_unclosed_csv_quote_is_a_bad_record_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "quote.csv",
        b"id,outlet,text\n1,A,Fine.\n2,A,\"Never closed.\n3,A,Swallowed by the field above.\n",
    );
    let out = run(&[&csv]);
    expect_status(&out, 2, &["quote.csv:3: ", "never closed"]);
    let report = json_report(&run(&[
        "--skip-invalid",
        "--format",
        "json",
        "--resamples",
        "10",
        &csv,
    ]));
    assert_eq!(report["input"]["analysed"], 1);
    assert_eq!(report["input"]["rejected"][0]["line"], 3);
}

#[test]
fn every_directory_entry_is_analysed_rejected_or_reported_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let outlet = dir.path().join("Wire");
    std::fs::create_dir(&outlet).unwrap();
    write(&outlet, "a.txt", b"Iran may return to the talks.");
    write(&outlet, "notes.md", b"Not an article.");
    std::fs::create_dir(outlet.join("archive")).unwrap();
    std::fs::create_dir(outlet.join("folder.txt")).unwrap();
    std::os::unix::fs::symlink("loop.txt", outlet.join("loop.txt")).unwrap();
    std::os::unix::fs::symlink("gone.txt", outlet.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink("a.txt", outlet.join("link.txt")).unwrap();
    let out = run(&[
        "--skip-invalid",
        "--format",
        "json",
        "--resamples",
        "10",
        outlet.to_str().unwrap(),
    ]);
    let report = json_report(&out);
    // a.txt and link.txt are read (the link's id is its own name; same
    // text, other id); the three .txt entries that are no file are
    // rejected, with no line.
    assert_eq!(report["input"]["analysed"], 2);
    let rejected: Vec<(String, Value, String)> = report["input"]["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let source = r["source"].as_str().unwrap();
            let name = Path::new(source)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (
                name,
                r["line"].clone(),
                r["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let names: Vec<&str> = rejected.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(names, ["dangling.txt", "folder.txt", "loop.txt"]);
    assert!(rejected.iter().all(|r| r.1.is_null()), "{rejected:?}");
    assert!(
        rejected[0].2.contains("broken symbolic link"),
        "{rejected:?}"
    );
    assert!(rejected[1].2.contains("a directory"), "{rejected:?}");
    assert!(rejected[2].2.contains("symbolic link"), "{rejected:?}");
    // The rest is said on standard error.
    let err = stderr(&out);
    assert!(err.contains("notes.md: skipped: not a .txt file"), "{err}");
    assert!(err.contains("archive: skipped: a subdirectory"), "{err}");
}

#[test]
fn the_same_partial_twice_is_an_error_even_with_only_rejections() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.jsonl", b"{broken\n[1]\n");
    let partial = make_partial(dir.path(), "bad.partial", &bad);
    let once = json_report(&run(&["--format", "json", "--merge", &partial]));
    assert_eq!(once["input"]["records"], 2);
    let out = run(&["--format", "json", "--merge", &partial, &partial]);
    expect_status(&out, 2, &["the same partial as"]);
    // A copy under another name: the same content, the same refusal.
    let copy = path_in(dir.path(), "copy.partial");
    std::fs::copy(&partial, &copy).unwrap();
    expect_status(
        &run(&["--merge", &partial, &copy]),
        2,
        &["the same partial as"],
    );
    // Two partials of the same input (with articles, or only rejections)
    // share records: refused by the library's check too.
    let again = make_partial(dir.path(), "again.partial", &bad);
    let out = run(&["--merge", &partial, &again]);
    expect_status(&out, 2, &["the same partial as"]);
    let mut corpus = Corpus::new(analyzer());
    corpus.merge_partial(load(&partial)).unwrap();
    let err = corpus.merge_partial(load(&again)).unwrap_err();
    assert!(
        matches!(err, MergeError::DuplicateRejection { .. }),
        "{err}"
    );
    // The input read again beside its own partial: shared rejections.
    let out = run(&["--skip-invalid", &bad, "--merge", &partial]);
    expect_status(&out, 2, &["appears in more than one shard"]);
}

#[test]
fn shards_read_from_standard_input_merge_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    // Both shards have a bad line 2, for different reasons.
    let one = format!(
        "{}\n{{broken\n",
        article_line("s1", "A", "Iran may return.")
    );
    let two = format!(
        "{}\n[1]\n",
        article_line("s2", "B", "Talks clearly stalled.")
    );
    let shard = |name: &str, input: &str, extra: &[&str]| {
        let partial = path_in(dir.path(), name);
        let mut args = vec![
            "--skip-invalid",
            "--partial",
            &partial,
            "--output",
            "/dev/null",
        ];
        args.extend_from_slice(extra);
        args.push("-");
        let out = run_stdin(&args, input.as_bytes());
        assert!(out.status.success(), "{}", stderr(&out));
        partial
    };
    let (p1, p2) = (
        shard("one.partial", &one, &[]),
        shard("two.partial", &two, &[]),
    );
    let merged = |a: &str, b: &str| {
        let out = run(&["--format", "json", "--resamples", "50", "--merge", a, b]);
        assert!(out.status.success(), "{}", stderr(&out));
        out.stdout
    };
    let forward = merged(&p1, &p2);
    assert_eq!(forward, merged(&p2, &p1));
    let report: Value = serde_json::from_slice(&forward).unwrap();
    let reasons: Vec<&str> = report["input"]["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons.len(), 2);
    assert!(reasons.windows(2).all(|w| w[0] <= w[1]), "{reasons:?}");
    // The same bad line in both: indistinguishable, so refused, unless
    // each shard names its standard input.
    let (p3, p4) = (
        shard("three.partial", &two.replace("s2", "s3"), &[]),
        shard("four.partial", &two.replace("s2", "s4"), &[]),
    );
    expect_status(
        &run(&["--merge", &p3, &p4]),
        2,
        &["-:2", "more than one shard", "--stdin-name"],
    );
    let (p5, p6) = (
        shard(
            "five.partial",
            &two.replace("s2", "s5"),
            &["--stdin-name", "shard-5"],
        ),
        shard(
            "six.partial",
            &two.replace("s2", "s6"),
            &["--stdin-name", "shard-6"],
        ),
    );
    let report: Value = serde_json::from_slice(&merged(&p5, &p6)).unwrap();
    let sources: Vec<&str> = report["input"]["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["shard-5", "shard-6"]);
}

// ---------------------------------------------------------------------------
// Order independence.

#[test]
fn repeated_ids_give_the_same_report_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    // "x" twice with different texts; "y" twice, the same; "z" once.
    let records = [
        article_line("x", "A", "Officials may meet. Talks could resume."),
        article_line("x", "A", "Talks made progress."),
        article_line("y", "B", "Tehran clearly rejected the offer."),
        article_line("y", "B", "Tehran clearly rejected the offer."),
        article_line("z", "A", "Iran may return."),
    ];
    let mut reports = Vec::new();
    for (i, order) in [[0, 1, 2, 3, 4], [1, 0, 3, 2, 4], [4, 3, 1, 2, 0]]
        .iter()
        .enumerate()
    {
        let text: String = order.iter().map(|&k| records[k].clone() + "\n").collect();
        let path = write(dir.path(), &format!("order{i}.jsonl"), text.as_bytes());
        let mut report = json_report(&run(&[
            "--skip-invalid",
            "--format",
            "json",
            "--resamples",
            "50",
            &path,
        ]));
        // Where the rejected copies were depends on the order; nothing
        // else may.
        let rejected = report["input"]["rejected"].take();
        let reasons: Vec<String> = rejected
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["reason"].as_str().unwrap().to_string())
            .collect();
        reports.push((report, reasons.len()));
        assert!(
            reasons.iter().all(|r| r.contains("duplicate article id")),
            "{reasons:?}"
        );
    }
    // Both copies of x and one of y rejected; y and z counted.
    assert_eq!(reports[0].1, 3);
    assert_eq!(reports[0].0["input"]["analysed"], 2);
    for (report, rejected) in &reports[1..] {
        assert_eq!(report, &reports[0].0);
        assert_eq!(*rejected, 3);
    }
    // Without --skip-invalid, the first repeat stops the run.
    let path = path_in(dir.path(), "order0.jsonl");
    expect_status(&run(&[&path]), 2, &["duplicate article id `x`"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Through the library: whatever the order of records with repeated
    /// ids, the report is the same bytes (rejections carry no place here).
    #[test]
    fn repeated_ids_never_depend_on_order(
        records in prop::collection::vec((0usize..4, 0usize..3, 0usize..2), 1..12),
        order in Just((0..12usize).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let texts = ["Officials may meet.", "Talks clearly stalled.", "Iran made progress."];
        let articles: Vec<Article> = records
            .iter()
            .map(|&(id, text, outlet)| Article::new(format!("id{id}"), ["X", "Y"][outlet], texts[text]))
            .collect();
        let report = |order: &mut dyn Iterator<Item = &Article>| {
            let mut corpus = Corpus::new(analyzer());
            for article in order {
                let profile = analyzer().profile(article);
                if let Err(kind) = corpus.add(article, &profile) {
                    corpus.reject(&InputError::whole("", kind));
                }
            }
            corpus.report(&ReportOptions { resamples: 20, ..ReportOptions::default() }).to_json()
        };
        let shuffled: Vec<&Article> = order.iter().filter(|&&k| k < articles.len()).map(|&k| &articles[k]).collect();
        let in_order = report(&mut articles.iter());
        prop_assert_eq!(&in_order, &report(&mut shuffled.into_iter()));
        // And it is the report of the copies the rule keeps, added alone:
        // one copy of an id whose copies are all alike, none otherwise.
        let mut kept: Vec<&Article> = Vec::new();
        for (i, article) in articles.iter().enumerate() {
            let copies: Vec<&Article> = articles.iter().filter(|a| a.id == article.id).collect();
            let first = articles.iter().position(|a| a.id == article.id) == Some(i);
            if first && copies.iter().all(|a| a.outlet == article.outlet && a.text == article.text) {
                kept.push(article);
            }
        }
        let survivors: Value = serde_json::from_str(&report(&mut kept.into_iter())).unwrap();
        let all: Value = serde_json::from_str(&in_order).unwrap();
        prop_assert_eq!(&all["outlets"], &survivors["outlets"]);
        prop_assert_eq!(&all["comparisons"], &survivors["comparisons"]);
        prop_assert_eq!(&all["input"]["analysed"], &survivors["input"]["analysed"]);
    }
}

// ---------------------------------------------------------------------------
// Costs: a large lexicon, the report's size.

#[test]
fn a_large_lexicon_loads_and_names_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::from("[categories.bulk]\ngroup = \"cue\"\nterms = [\n");
    for i in 0..50_000 {
        toml.push_str(&format!("  \"zq{i:05}\",\n  \"zq{i:05}x*\",\n"));
    }
    toml.push_str("  \"zq00007\",\n]\n");
    let lexicon = write(dir.path(), "bulk.toml", toml.as_bytes());
    let input = write(
        dir.path(),
        "a.jsonl",
        (article_line("1", "A", "Here zq00007 and zq12345xyz appear.") + "\n").as_bytes(),
    );
    let out = run(&["--lexicon", &lexicon, "--kwic", "bulk", &input]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    // The repeated entry is on the last line of terms, and the first one
    // on line 18.
    assert!(err.contains("bulk.toml:100004"), "{err}");
    assert!(err.contains("bulk.toml:18"), "{err}");
    let kwic = String::from_utf8(out.stdout).unwrap();
    assert!(
        kwic.contains("[zq00007]") && kwic.contains("[zq12345xyz]"),
        "{kwic}"
    );
}

#[test]
fn a_long_article_counts_the_same_with_and_without_its_tags() {
    // Sentences of 300 KB and more (no sentence end): tagged in pieces; the
    // default run keeps no tag, `--sentences` keeps them all, and both
    // count the same.
    let dir = tempfile::tempdir().unwrap();
    let clause = "Iran may clearly make progress, and Qatar did not; ";
    let lines = [
        article_line("1", "A", &clause.repeat(6000)),
        article_line("2", "A", &"may ".repeat(80_000)),
        article_line(
            "3",
            "B",
            &format!(
                "{} Talks stalled. {}",
                "no ".repeat(100_000),
                clause.repeat(10)
            ),
        ),
    ]
    .join("\n");
    let input = write(dir.path(), "long.jsonl", lines.as_bytes());
    let sentences = path_in(dir.path(), "sentences.jsonl");
    let plain = run(&["--format", "json", "--resamples", "20", &input]);
    let tagged = run(&[
        "--format",
        "json",
        "--resamples",
        "20",
        "--sentences",
        &sentences,
        &input,
    ]);
    let report = json_report(&plain);
    assert_eq!(report, json_report(&tagged));
    assert_eq!(report["input"]["analysed"], 3);
    let dump = std::fs::read_to_string(&sentences).unwrap();
    let counted: u64 = report["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["sentences"].as_u64().unwrap())
        .sum();
    assert_eq!(dump.lines().count() as u64, counted);
    assert!(counted >= 3);
}

#[test]
fn the_report_has_no_log_odds_for_unused_terms() {
    let report = json_report(&run(&["--format", "json", "--resamples", "10"]));
    let mut terms = 0;
    for outlet in report["outlets"].as_array().unwrap() {
        for term in outlet["log_odds"]["terms"].as_array().unwrap() {
            assert!(term["count"].as_u64().unwrap() > 0, "{term}");
            terms += 1;
        }
    }
    assert!(terms > 0);
}

// ---------------------------------------------------------------------------
// Messages.

#[test]
fn errors_about_a_whole_source_name_no_line() {
    let dir = tempfile::tempdir().unwrap();
    // A truncated gzip CSV: the line where reading stopped, not line 0.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(b"id,outlet,text\n").unwrap();
    for i in 0..3000 {
        writeln!(encoder, "{i},A,Talks made progress on day {i}.").unwrap();
    }
    let gz = encoder.finish().unwrap();
    let cut = write(dir.path(), "trunc.csv.gz", &gz[..gz.len() / 2]);
    let err = expect_status(&run(&[&cut]), 2, &["trunc.csv.gz:", "cannot read"]);
    assert!(!err.contains(":0:"), "{err}");
    let report = json_report(&run(&[
        "--skip-invalid",
        "--format",
        "json",
        "--resamples",
        "10",
        &cut,
    ]));
    let analysed = report["input"]["analysed"].as_u64().unwrap();
    assert_eq!(report["input"]["rejected"][0]["line"], analysed + 2);
    // A text file that is no file: the path and the reason alone.
    let outlet = dir.path().join("Wire");
    std::fs::create_dir(&outlet).unwrap();
    std::os::unix::fs::symlink("gone.txt", outlet.join("gone.txt")).unwrap();
    let err = expect_status(
        &run(&[outlet.to_str().unwrap()]),
        2,
        &["gone.txt: cannot read"],
    );
    assert!(!err.contains(":0"), "{err}");
}

#[test]
fn other_encodings_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let line = article_line("1", "A", "Iran may return.") + "\n";
    let utf16 = |bom: bool| -> Vec<u8> {
        let body = line.encode_utf16().flat_map(u16::to_le_bytes);
        if bom {
            [0xFF, 0xFE].into_iter().chain(body).collect()
        } else {
            body.collect()
        }
    };
    let csv16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "id,outlet,text\n1,A,Hi.\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("bom.jsonl", utf16(true), "UTF-16LE"),
        ("nobom.jsonl", utf16(false), "UTF-16LE"),
        ("utf16.csv", csv16, "UTF-16LE"),
        (
            "latin1.jsonl",
            b"{\"id\":\"1\",\"outlet\":\"A\",\"text\":\"Caf\xE9 talks.\"}\n".to_vec(),
            "Latin-1",
        ),
    ];
    for (name, bytes, encoding) in cases {
        let path = write(dir.path(), name, &bytes);
        let err = expect_status(&run(&[&path]), 2, &[name, "not UTF-8", encoding]);
        assert!(!err.contains("syntax"), "{err}");
    }
    let outlet = dir.path().join("Wire");
    std::fs::create_dir(&outlet).unwrap();
    write(&outlet, "a.txt", &utf16(true));
    expect_status(
        &run(&[outlet.to_str().unwrap()]),
        2,
        &["a.txt: not UTF-8", "UTF-16LE"],
    );
}

#[test]
fn an_input_after_merge_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.jsonl", corpus_lines("a").as_bytes());
    let csv = write(dir.path(), "a.csv", b"id,outlet,text\n1,A,Hi.\n");
    let partial = make_partial(dir.path(), "a.partial", &input);
    for after in [&input, &csv, &dir.path().to_str().unwrap().to_string()] {
        let out = run(&["--merge", &partial, after]);
        expect_status(&out, 2, &["not a partial file", "Inputs go before --merge"]);
    }
    // Before --merge, the same input is read.
    let b = write(dir.path(), "b.jsonl", corpus_lines("b").as_bytes());
    let out = run(&[
        "--skip-invalid",
        "--format",
        "json",
        "--resamples",
        "10",
        &b,
        "--merge",
        &partial,
    ]);
    assert_eq!(json_report(&out)["input"]["analysed"], 8);
}

#[test]
fn an_empty_kwic_term_is_a_usage_error() {
    for spec in ["hedge:", "hedge: ", ":"] {
        let out = run(&["--kwic", spec]);
        expect_status(&out, 2, &["--kwic"]);
    }
    let out = run(&["--kwic", "hedge:may"]);
    assert!(out.status.success());
    assert!(!out.stdout.is_empty());
}

#[test]
fn empty_input_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.jsonl", b"");
    let blank = write(dir.path(), "blank.jsonl", b"\n\n  \n");
    let header = write(dir.path(), "header.csv", b"id,outlet,text\n");
    for path in [&empty, &blank, &header] {
        let out = run(&["--format", "json", path]);
        assert!(out.status.success());
        assert!(
            stderr(&out).contains("warning: no records were read"),
            "{}",
            stderr(&out)
        );
    }
    let out = run_stdin(&["-"], b"");
    assert!(out.status.success());
    assert!(stderr(&out).contains("warning: no records were read"));
    // Records, all rejected: no such warning.
    let bad = write(dir.path(), "bad.jsonl", b"[1]\n");
    let out = run(&["--skip-invalid", &bad]);
    assert!(
        !stderr(&out).contains("no records were read"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn output_paths_are_checked_before_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let missing = path_in(dir.path(), "no/such/dir/out.txt");
    // The input is missing too: the output is found out first (status 1,
    // not the input's 2), so nothing was read.
    let input = path_in(dir.path(), "missing.jsonl");
    for option in ["--output", "--partial", "--sentences", "--svg"] {
        let out = run(&[option, &missing, &input]);
        expect_status(&out, 1, &[option, "no/such/dir/out.txt"]);
    }
}

#[test]
fn a_closed_standard_output_stops_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String = (0..3000)
        .map(|i| {
            article_line(
                &i.to_string(),
                "A",
                "Officials may meet. It seems likely that talks could resume.",
            ) + "\n"
        })
        .collect();
    let input = write(dir.path(), "many.jsonl", lines.as_bytes());
    let report = path_in(dir.path(), "report.json");
    for args in [
        vec!["--kwic", "hedge", &input],
        vec!["--kwic", "hedge", "--output", &report, &input],
        vec!["--format", "json", "--resamples", "10", &input],
    ] {
        let mut child = compare()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{args:?}: {}", stderr(&out));
    }
    // The run stopped early, so its report was not written, and no
    // temporary file is left.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["many.jsonl"]);
}

#[test]
fn outputs_are_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "good.jsonl",
        corpus_lines("g")
            .replace("{\"id\": broken\n", "")
            .replace("[1, 2]\n", "")
            .as_bytes(),
    );
    let bad = write(dir.path(), "bad.jsonl", corpus_lines("b").as_bytes());
    let report = write(dir.path(), "report.json", b"the previous report\n");
    let sentences = write(dir.path(), "sentences.jsonl", b"the previous dump\n");
    // A run that fails (a bad record at line 3) leaves both as they were.
    let out = run(&[
        "--format",
        "json",
        "--output",
        &report,
        "--sentences",
        &sentences,
        &bad,
    ]);
    expect_status(&out, 2, &["bad.jsonl:3"]);
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        "the previous report\n"
    );
    assert_eq!(
        std::fs::read_to_string(&sentences).unwrap(),
        "the previous dump\n"
    );
    // A run that succeeds replaces them, whole.
    let out = run(&[
        "--format",
        "json",
        "--resamples",
        "10",
        "--output",
        &report,
        "--sentences",
        &sentences,
        &good,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(written["input"]["analysed"], 4);
    let dump = std::fs::read_to_string(&sentences).unwrap();
    assert!(dump.lines().count() >= 4 && dump.ends_with('\n'));
    // No temporary file is left beside them.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["bad.jsonl", "good.jsonl", "report.json", "sentences.jsonl"]
    );
    // A device is written to, not replaced.
    let out = run(&["--output", "/dev/null", "--resamples", "10", &good]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_file()
    );
}

#[test]
fn merge_errors_through_the_library_leave_the_corpus_as_it_was() {
    let analyzer = analyzer();
    let mut corpus = Corpus::new(analyzer);
    for (id, text) in [("1", "Iran may return."), ("2", "Talks clearly stalled.")] {
        let article = Article::new(id, "A", text);
        corpus.add(&article, &analyzer.profile(&article)).unwrap();
    }
    let partial = corpus.to_partial();
    let options = ReportOptions {
        resamples: 20,
        ..ReportOptions::default()
    };
    let before = corpus.report(&options).to_json();
    // Its own partial: every id is already there.
    assert!(matches!(
        corpus.merge_partial(partial.clone()),
        Err(MergeError::DuplicateId(_))
    ));
    assert_eq!(corpus.report(&options).to_json(), before);
    // A partial that does not hold together.
    let mut other = Corpus::new(analyzer);
    let mut broken = partial;
    broken.outlets.get_mut("A").unwrap().articles.pop();
    let err = other.merge_partial(broken).unwrap_err();
    assert!(matches!(err, MergeError::Invalid(_)), "{err}");
    assert_eq!(other.articles(), 0);
    // A profile from no analyzer.
    let article = Article::new("3", "A", "Iran may return.");
    let mut profile = analyzer.profile(&article);
    profile.categories.pop();
    assert!(matches!(
        corpus.add(&article, &profile),
        Err(InputErrorKind::Profile(_))
    ));
}
