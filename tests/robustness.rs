//! Robustness (issue 7): every bad input gets a clear error naming where
//! and why, nothing is silently lost, nothing panics, and adversarial text
//! keeps every span valid.
//!
//! The adversarial texts here are 1–4 MB so that the debug-mode test run
//! stays fast; the full sizes of issue 7 (20 MB without spaces, 5 MB of
//! full stops or quotation marks, a 100 MB article) are run by hand against
//! the release binary (see `fuzz/README.md`). No test here measures time: a
//! super-linear stage would show up as a test that does not finish.

use std::path::Path;
use std::process::{Output, Stdio};

use framescope::io::{CsvReader, JsonlReader};
use framescope::tag_sentences;
use framescope::{
    Analysis, Analyzer, Article, ArticleProfile, Corpus, InputErrorKind, OutletProfile,
    ReportOptions, Span, sentences,
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
    use std::io::Write;
    let mut child = compare()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
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

/// Runs on one file and expects exit status 2 with a message containing
/// every one of `wanted`.
fn assert_rejected(path: &str, wanted: &[&str]) -> String {
    let output = run(&["--resamples", "10", path]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{path}: {err}");
    for w in wanted {
        assert!(err.contains(w), "{path}: expected {w:?} in {err:?}");
    }
    assert!(err.starts_with("error: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// Runs with `--skip-invalid --format json` and returns the report.
fn skip_invalid_report(paths: &[&str]) -> Value {
    let mut args = vec!["--skip-invalid", "--format", "json", "--resamples", "10"];
    args.extend_from_slice(paths);
    let output = run(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    let input = &report["input"];
    let rejected = input["rejected"].as_array().expect("rejected list").len() as u64;
    assert_eq!(
        input["records"].as_u64().unwrap(),
        input["analysed"].as_u64().unwrap() + rejected,
        "records = analysed + rejected: {input}"
    );
    report
}

fn rejected(report: &Value) -> Vec<(String, u64, String)> {
    report["input"]["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["source"].as_str().unwrap().to_string(),
                r["line"].as_u64().unwrap(),
                r["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const GOOD: &str =
    r#"{"id":"ok1","outlet":"A","text":"Talks in Doha made progress. Iran may return."}"#;

// ---------------------------------------------------------------------------
// Bad records through the example binary: status 2, source, line, column
// where known, reason.

#[test]
fn malformed_json_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "broken.jsonl",
        format!("{GOOD}\n{{\"id\":\"2\",\"outlet\": \n").as_bytes(),
    );
    // The record ends (after 20 bytes) before its value: column 20 of line
    // 2, not "column 0" of the line after.
    assert_rejected(&path, &["broken.jsonl:2:20: ", "syntax error", "EOF"]);
    let path = write(
        dir.path(),
        "trailing.jsonl",
        format!("{GOOD} x\r\n").as_bytes(),
    );
    let column = GOOD.len() + 2;
    assert_rejected(
        &path,
        &[
            &format!("trailing.jsonl:1:{column}: "),
            "trailing characters",
        ],
    );
}

#[test]
fn a_line_that_is_not_an_object_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    for (i, line) in ["[1, 2]", "\"text\"", "42", "null", "true"]
        .iter()
        .enumerate()
    {
        let path = write(
            dir.path(),
            &format!("array{i}.jsonl"),
            format!("{GOOD}\n\n{line}\n").as_bytes(),
        );
        assert_rejected(
            &path,
            &[
                &format!("array{i}.jsonl:3: "),
                "record is not a JSON object",
            ],
        );
    }
}

#[test]
fn missing_or_empty_required_fields_are_named() {
    let dir = tempfile::tempdir().unwrap();
    for field in ["id", "outlet", "text"] {
        let mut record: serde_json::Map<String, Value> =
            serde_json::from_str(r#"{"id":"x","outlet":"A","text":"Some text."}"#).unwrap();
        record.remove(field);
        let path = write(
            dir.path(),
            &format!("missing_{field}.jsonl"),
            format!("{GOOD}\n{}\n", Value::Object(record.clone())).as_bytes(),
        );
        assert_rejected(
            &path,
            &[
                &format!("missing_{field}.jsonl:2"),
                &format!("missing field `{field}`"),
            ],
        );
        for empty in ["", "   ", "\n\t"] {
            record.insert(field.to_string(), Value::String(empty.to_string()));
            let path = write(
                dir.path(),
                &format!("empty_{field}.jsonl"),
                format!("{GOOD}\n{}\n", Value::Object(record.clone())).as_bytes(),
            );
            assert_rejected(
                &path,
                &[
                    &format!("empty_{field}.jsonl:2"),
                    &format!("empty field `{field}`"),
                ],
            );
        }
        // null counts as missing.
        record.insert(field.to_string(), Value::Null);
        let path = write(
            dir.path(),
            &format!("null_{field}.jsonl"),
            format!("{}\n", Value::Object(record)).as_bytes(),
        );
        assert_rejected(
            &path,
            &[
                &format!("null_{field}.jsonl:1"),
                &format!("missing field `{field}`"),
            ],
        );
    }
}

#[test]
fn wrong_types_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            r#"{"id":"1","outlet":"A","text":5}"#,
            "field `text` must be a string",
        ),
        (
            r#"{"id":1,"outlet":"A","text":"x"}"#,
            "field `id` must be a string",
        ),
        (
            r#"{"id":"1","outlet":["A"],"text":"x"}"#,
            "field `outlet` must be a string",
        ),
        (
            r#"{"id":"1","outlet":"A","text":{"body":"x"}}"#,
            "field `text` must be a string",
        ),
        (
            r#"{"id":"1","outlet":"A","text":"x","title":5}"#,
            "field `title` must be a string or null",
        ),
        (
            r#"{"id":"1","outlet":"A","text":"x","published":false}"#,
            "field `published` must be a date (a string or an epoch number) or null",
        ),
    ];
    for (i, (line, reason)) in cases.iter().enumerate() {
        let path = write(
            dir.path(),
            &format!("type{i}.jsonl"),
            format!("{GOOD}\n{line}\n").as_bytes(),
        );
        assert_rejected(&path, &[&format!("type{i}.jsonl:2: "), reason]);
    }
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = format!("{GOOD}\n").into_bytes();
    bytes.extend_from_slice(b"{\"id\":\"2\",\"outlet\":\"A\",\"text\":\"caf\xE9\"}\n");
    let path = write(dir.path(), "latin1.jsonl", &bytes);
    // The bad byte is the 35th of line 2.
    assert_rejected(&path, &["latin1.jsonl:2:35: ", "not UTF-8", "Latin-1"]);

    // In a directory of text files: the line and column of the bad byte.
    let outlet = dir.path().join("Outlet");
    std::fs::create_dir(&outlet).unwrap();
    write(&outlet, "a.txt", b"Fine text. Iran may return.\n");
    write(&outlet, "b.txt", b"First line.\nSecond \xFF line.\n");
    assert_rejected(outlet.to_str().unwrap(), &["b.txt:2:8: ", "not UTF-8"]);

    // In CSV.
    let path = write(
        dir.path(),
        "latin1.csv",
        b"id,outlet,text\n1,A,Fine.\n2,A,caf\xE9\n3,A,Also fine.\n",
    );
    assert_rejected(&path, &["latin1.csv:3", "not UTF-8"]);
}

#[test]
fn csv_rows_with_the_wrong_number_of_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "short.csv",
        b"id,outlet,text\n1,A,Fine text.\n2,A\n",
    );
    assert_rejected(&path, &["short.csv:3: ", "expected 3 fields, found 2"]);
    let path = write(
        dir.path(),
        "long.csv",
        b"id,outlet,text\n1,A,Fine text.\n\"2\",A,\"multi\nline\",extra\n",
    );
    assert_rejected(&path, &["long.csv:3: ", "expected 3 fields, found 4"]);
    let path = write(dir.path(), "notext.csv", b"id,outlet\n1,A\n");
    assert_rejected(&path, &["notext.csv:2: ", "missing field `text`"]);
    let path = write(dir.path(), "empty.csv", b"id,outlet,text\n1,  ,Fine.\n");
    assert_rejected(&path, &["empty.csv:2: ", "empty field `outlet`"]);
}

#[test]
fn missing_and_unreadable_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.jsonl");
    assert_rejected(missing.to_str().unwrap(), &["nope.jsonl"]);
    let missing_dir = dir.path().join("no_such_dir");
    assert_rejected(missing_dir.to_str().unwrap(), &["no_such_dir"]);
    // A path through a regular file.
    let file = write(dir.path(), "plain.jsonl", GOOD.as_bytes());
    assert_rejected(&format!("{file}/inner.jsonl"), &["plain.jsonl/inner.jsonl"]);
    // A file that cannot be decoded: not gzip at all.
    let gz = write(dir.path(), "fake.jsonl.gz", b"this is not gzip\n");
    assert_rejected(&gz, &["fake.jsonl.gz:1", "cannot read"]);
    // A missing file after a good one still fails (before any report).
    let output = run(&[&file, missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    // A missing lexicon file.
    let output = run(&["--lexicon", missing.to_str().unwrap(), &file]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("nope.jsonl"));
}

#[test]
fn a_truncated_gzip_file_reports_where_reading_stopped() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    for i in 0..2000 {
        writeln!(
            encoder,
            r#"{{"id":"{i}","outlet":"A","text":"Talks in Doha made progress on day {i}."}}"#
        )
        .unwrap();
    }
    let gz = encoder.finish().unwrap();
    let whole = write(dir.path(), "whole.jsonl.gz", &gz);
    let report = skip_invalid_report(&[&whole]);
    assert_eq!(report["input"]["analysed"], 2000);
    let cut = write(dir.path(), "cut.jsonl.gz", &gz[..gz.len() / 2]);
    assert_rejected(&cut, &["cut.jsonl.gz:", "cannot read"]);
    let report = skip_invalid_report(&[&cut]);
    let analysed = report["input"]["analysed"].as_u64().unwrap();
    assert!(analysed > 0 && analysed < 2000, "{analysed}");
    let rejected = rejected(&report);
    assert_eq!(rejected.len(), 1);
    assert!(rejected[0].2.contains("cannot read"), "{rejected:?}");
    // The error is on the line after the last record read.
    assert_eq!(rejected[0].1, analysed + 1);
}

#[test]
fn articles_without_words_give_a_valid_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "degenerate.jsonl",
        "{\"id\":\"1\",\"outlet\":\"A\",\"text\":\"...\"}\n\
         {\"id\":\"2\",\"outlet\":\"A\",\"text\":\"\\u200b\"}\n\
         {\"id\":\"3\",\"outlet\":\"B\",\"text\":\"((( )))\"}\n\
         {\"id\":\"4\",\"outlet\":\"B\",\"text\":\"\\u0000\"}\n"
            .as_bytes(),
    );
    for format in ["json", "table", "csv", "markdown"] {
        let output = run(&["--format", format, "--resamples", "20", &path]);
        assert!(output.status.success(), "{format}: {}", stderr(&output));
        assert!(output.stdout.len() > 100, "{format}");
    }
    let report = skip_invalid_report(&[&path]);
    assert_eq!(report["input"]["analysed"], 4);
    assert_eq!(report["outlets"][0]["tokens"], 0);
    // Undefined metrics are null, not NaN (which JSON cannot hold).
    assert!(report["outlets"][0]["metrics"]["hedge_per_1k"]["value"].is_null());
}

#[test]
fn usage_errors_exit_with_status_2() {
    for args in [
        &["--format", "yaml"][..],
        &["--format"][..],
        &["--no-such-option"][..],
        &["--threads", "many"][..],
        &["--kwic", "no_such_category"][..],
    ] {
        let output = run(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!stderr(&output).is_empty());
    }
    let output = run(&["--format", "yaml"]);
    assert!(stderr(&output).contains("yaml"), "{}", stderr(&output));
}

#[test]
fn bad_lexicon_files_name_file_line_and_entry() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, &[&str]); 6] = [
        (
            "syntax.toml",
            "[categories.hedge]\ngroup = \"cue\"\nterms = [\"may\"\n",
            &["syntax.toml:"],
        ),
        (
            "group.toml",
            "[categories.mood]\ngroup = \"tone\"\nterms = [\"grim\"]\n",
            &["group.toml:2", "unknown group \"tone\""],
        ),
        (
            "empty.toml",
            "[categories.hedge]\nterms = [\n  \"perchance\",\n  \"  \",\n]\n",
            &["empty.toml:4", "entry \"  \"", "empty term"],
        ),
        (
            "pattern.toml",
            "[categories.hedge]\nterms = [\"perchance\", \"may*be\"]\n",
            &["pattern.toml:2", "entry \"may*be\"", "invalid term"],
        ),
        (
            "conflict.toml",
            "# a comment\n[categories.booster]\nterms = [\"perchance\"]\n[categories.hedge]\nterms = [\"Perchance\"]\n",
            &["conflict.toml:5", "Perchance", "conflict"],
        ),
        (
            "unknown.toml",
            "[categories.hedge]\nwords = [\"perchance\"]\n",
            &["unknown.toml:2", "words"],
        ),
    ];
    let input = write(dir.path(), "ok.jsonl", GOOD.as_bytes());
    for (name, toml, wanted) in cases {
        let path = write(dir.path(), name, toml.as_bytes());
        let output = run(&["--lexicon", &path, &input]);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{name}: {err}");
        for w in wanted {
            assert!(err.contains(w), "{name}: expected {w:?} in {err:?}");
        }
    }
}

/// A rule window is how many word tokens the tagger scans on each side of
/// every cue, so an unbounded window makes tagging quadratic in the length
/// of a sentence (release build, one 1 MB sentence of `talks
/// breakthrough`: 0.07 s with the default windows, 92 s with
/// `window = 100000000000`). The lexicon should refuse such a window with
/// an error naming the file and line.
#[test]
fn an_unbounded_rule_window_is_a_lexicon_error() {
    for table in ["negation", "hypothetical"] {
        let toml = format!("# huge\n[{table}]\nwindow = 100000000000\n");
        let err = Analyzer::builder()
            .lexicon_toml("big.toml", toml)
            .build()
            .expect_err("an unbounded window is refused");
        assert_eq!(err.file, "big.toml");
        assert_eq!(err.line, Some(3), "{err}");
    }
}

#[test]
fn a_duplicate_id_rejects_the_second_record() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(
        dir.path(),
        "first.jsonl",
        format!("{GOOD}\n{}\n", GOOD.replace("ok1", "ok2")).as_bytes(),
    );
    let second = write(
        dir.path(),
        "second.jsonl",
        // A copy that adds the same numbers (issue 15's rule: such copies
        // count once, and the later one is rejected).
        format!("\n{}\n", GOOD.replace("Talks", "talks")).as_bytes(),
    );
    let output = run(&["--resamples", "10", &first, &second]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("second.jsonl:2: "), "{err}");
    assert!(err.contains("duplicate article id `ok1`"), "{err}");

    let report = skip_invalid_report(&[&first, &second]);
    assert_eq!(report["input"]["analysed"], 2);
    let rejected = rejected(&report);
    assert_eq!(rejected.len(), 1);
    assert!(rejected[0].0.ends_with("second.jsonl"));
    assert_eq!(rejected[0].1, 2);
    // "talks in Doha" is a place that mentions no actor, in either copy.
    assert_eq!(
        report["outlets"][0]["counts"]["actors"]["QATAR"]["mentions"],
        0
    );
}

#[test]
fn bad_lines_on_standard_input_name_it() {
    let output = run_stdin(
        &["--resamples", "10", "-"],
        format!("{GOOD}\n{{oops\n").as_bytes(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("-:2:"), "{}", stderr(&output));
}

// ---------------------------------------------------------------------------
// Accepted without complaint.

#[test]
fn bom_crlf_blank_lines_and_unknown_fields_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        b"{\"id\":\"1\",\"outlet\":\"A\",\"text\":\"Iran may return.\",\"extra\":[1,{\"x\":null}],\"title\":null}\r\n\r\n   \r\n\n\t\n{\"id\":\"2\",\"outlet\":\"A\",\"text\":\"Talks stalled.\\r\\nThey resumed.\",\"lang\":\"en\"}\r\n",
    );
    let path = write(dir.path(), "windows.jsonl", &bytes);
    let report = skip_invalid_report(&[&path]);
    assert_eq!(report["input"]["analysed"], 2);
    assert!(rejected(&report).is_empty());
    // Without --skip-invalid it also succeeds.
    let output = run(&["--resamples", "10", &path]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stderr.is_empty(), "{}", stderr(&output));

    // The same for CSV: BOM, CRLF, unknown columns, quoted newlines.
    let csv = write(
        dir.path(),
        "windows.csv",
        b"\xEF\xBB\xBFid,outlet,lang,text\r\n1,A,en,\"Iran may return.\r\nSoon.\"\r\n2,B,en,Talks stalled.\r\n",
    );
    let report = skip_invalid_report(&[&csv]);
    assert_eq!(report["input"]["analysed"], 2);
    assert_eq!(report["outlets"].as_array().unwrap().len(), 2);
}

#[test]
fn an_empty_file_gives_a_report_with_no_outlets() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.jsonl", &b""[..]),
        ("blank.jsonl", b"\n\r\n  \n"),
        ("bom.jsonl", b"\xEF\xBB\xBF"),
        ("empty.csv", b""),
        ("header.csv", b"id,outlet,text\n"),
    ] {
        let path = write(dir.path(), name, bytes);
        let output = run(&["--format", "json", &path]);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["input"]["records"], 0, "{name}");
        assert!(report["outlets"].as_array().unwrap().is_empty(), "{name}");
        for format in ["table", "csv", "markdown"] {
            let output = run(&["--format", format, &path]);
            assert_eq!(output.status.code(), Some(0), "{name} {format}");
        }
    }
    // An empty directory too.
    let empty_dir = dir.path().join("Nobody");
    std::fs::create_dir(&empty_dir).unwrap();
    let output = run(&["--format", "json", empty_dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

// ---------------------------------------------------------------------------
// --skip-invalid: nothing lost.

#[test]
fn skip_invalid_lists_every_rejected_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = Vec::new();
    let lines: [&[u8]; 10] = [
        GOOD.as_bytes(),                                          // 1 ok
        b"{\"id\":\"2\",\"outlet\": ",                            // 2 syntax
        b"[1]",                                                   // 3 not an object
        b"{\"outlet\":\"A\",\"text\":\"x\"}",                     // 4 missing id
        b"{\"id\":\"5\",\"outlet\":\"\",\"text\":\"x\"}",         // 5 empty outlet
        b"{\"id\":\"6\",\"outlet\":\"A\",\"text\":5}",            // 6 wrong type
        b"{\"id\":\"7\",\"outlet\":\"A\",\"text\":\"\xFF\"}",     // 7 invalid UTF-8
        b"",                                                      // 8 blank: not a record
        b"{\"id\":\"ok1\",\"outlet\":\"B\",\"text\":\"Again.\"}", // 9 duplicate
        b"{\"id\":\"10\",\"outlet\":\"B\",\"text\":\"Fine.\"}",   // 10 ok
    ];
    for line in lines {
        bytes.extend_from_slice(line);
        bytes.push(b'\n');
    }
    let path = write(dir.path(), "mixed.jsonl", &bytes);
    let csv = write(
        dir.path(),
        "mixed.csv",
        b"id,outlet,text\nc1,C,Fine.\nc2,C\nc3,C,caf\xE9\nc4,C,Also fine.\n",
    );
    let report = skip_invalid_report(&[&path, &csv]);
    // Line 9 repeats the id of line 1 with another text: neither counts
    // (whichever came first), both are listed.
    assert_eq!(report["input"]["analysed"], 3);
    assert_eq!(report["input"]["records"], 13);
    let rejected = rejected(&report);
    let lines: Vec<(bool, u64)> = rejected
        .iter()
        .map(|(source, line, _)| (source.ends_with(".csv"), *line))
        .collect();
    assert_eq!(
        lines,
        [
            (true, 3),
            (true, 4),
            (false, 1),
            (false, 2),
            (false, 3),
            (false, 4),
            (false, 5),
            (false, 6),
            (false, 7),
            (false, 9)
        ]
    );
    let reasons: Vec<&str> = rejected.iter().map(|r| r.2.as_str()).collect();
    assert!(reasons[0].contains("fields"), "{reasons:?}");
    assert!(reasons[1].contains("UTF-8"), "{reasons:?}");
    assert!(reasons[2].contains("duplicate"), "{reasons:?}");
    assert!(reasons[3].contains("syntax"), "{reasons:?}");
    assert!(reasons[4].contains("not a JSON object"), "{reasons:?}");
    assert!(reasons[5].contains("missing field `id`"), "{reasons:?}");
    assert!(reasons[6].contains("empty field `outlet`"), "{reasons:?}");
    assert!(reasons[7].contains("`text` must be"), "{reasons:?}");
    assert!(reasons[8].contains("UTF-8"), "{reasons:?}");
    assert!(reasons[9].contains("duplicate"), "{reasons:?}");

    // The table says how many were rejected.
    let output = run(&["--skip-invalid", "--resamples", "10", &path, &csv]);
    assert!(output.status.success());
    let table = String::from_utf8(output.stdout).unwrap();
    assert!(
        table.contains("13 records: 3 analysed, 10 rejected"),
        "{table}"
    );
}

// ---------------------------------------------------------------------------
// Readers through the library.

#[test]
fn readers_report_positions_through_the_library() {
    let input = b"{\"id\":\"1\",\"outlet\":\"A\",\"text\":\"x\"}\n{\"id\":\"2\",\n\xC3\x28\n";
    let records: Vec<_> = JsonlReader::new(&input[..], "lib.jsonl").collect();
    assert_eq!(records.len(), 3);
    assert!(records[0].is_ok());
    let syntax = records[1].as_ref().unwrap_err();
    assert_eq!(
        (syntax.line, syntax.source_name.as_str()),
        (Some(2), "lib.jsonl")
    );
    assert!(syntax.column.is_some());
    assert!(matches!(syntax.kind, InputErrorKind::Syntax(_)));
    let utf8 = records[2].as_ref().unwrap_err();
    assert_eq!((utf8.line, utf8.column), (Some(3), Some(1)));
    // No UTF-8 character beyond ASCII on the line: named as a guess.
    assert_eq!(
        utf8.kind,
        InputErrorKind::Encoding("Latin-1 or Windows-1252")
    );
    assert!(
        utf8.to_string()
            .starts_with("lib.jsonl:3:1: not UTF-8: the bytes look like Latin-1"),
        "{utf8}"
    );

    // Deep nesting is a syntax error, not a stack overflow.
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let records: Vec<_> = JsonlReader::new(deep.as_bytes(), "deep.jsonl").collect();
    assert_eq!(records.len(), 1);
    assert!(records[0].is_err());
    let deep = "{\"a\":".repeat(100_000);
    let records: Vec<_> = JsonlReader::new(deep.as_bytes(), "deep.jsonl").collect();
    assert!(records[0].is_err());

    // CSV keeps going after a bad row.
    let csv = b"id,outlet,text\n1,A,x\n2,A,\xFF\n3\n4,A,y\n";
    let records: Vec<_> = CsvReader::new(&csv[..], "lib.csv").collect();
    let summary: Vec<Result<usize, Option<usize>>> = records
        .iter()
        .map(|r| r.as_ref().map(|r| r.line).map_err(|e| e.line))
        .collect();
    assert_eq!(summary, [Ok(2), Err(Some(3)), Err(Some(4)), Ok(5)]);
}

// ---------------------------------------------------------------------------
// Adversarial text through the analyzer.

fn analyzer() -> &'static Analyzer {
    static ANALYZER: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    ANALYZER.get_or_init(Analyzer::default)
}

/// Checks every span of an analysis; returns a description of the first
/// violation.
fn check_analysis(text: &str, analysis: &Analysis) -> Result<(), String> {
    let valid = |span: Span, what: &str| -> Result<(), String> {
        if span.start >= span.end || span.end > text.len() {
            return Err(format!(
                "{what}: bad span {span:?} (text {} bytes)",
                text.len()
            ));
        }
        if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            return Err(format!("{what}: {span:?} not on char boundaries"));
        }
        Ok(())
    };
    let mut previous_end = 0;
    let mut covered = 0;
    for &span in &analysis.sentences {
        valid(span, "sentence")?;
        if span.start < previous_end {
            return Err(format!("sentence {span:?} overlaps the previous one"));
        }
        let s = &text[span.range()];
        if s.trim() != s {
            return Err(format!("sentence {span:?} is not trimmed"));
        }
        if text[previous_end..span.start]
            .chars()
            .any(|c| !c.is_whitespace())
        {
            return Err(format!("text before {span:?} is in no sentence"));
        }
        covered += s.len();
        previous_end = span.end;
    }
    if text[previous_end..].chars().any(|c| !c.is_whitespace()) {
        return Err("text after the last sentence is in no sentence".into());
    }
    let non_ws: usize = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    if covered < non_ws {
        return Err(format!("sentences cover {covered} bytes of {non_ws}"));
    }
    let n = analysis.sentences.len();
    let lexicon = analyzer().lexicon();
    for m in &analysis.actors {
        valid(m.span, "actor")?;
        let sentence = analysis.sentences.get(m.sentence).ok_or("actor sentence")?;
        if m.span.start < sentence.start || m.span.end > sentence.end {
            return Err(format!("actor {:?} outside its sentence", m.span));
        }
        if m.actor.index() >= lexicon.actors().len() {
            return Err("actor index".into());
        }
    }
    for (i, c) in analysis.cues.iter().enumerate() {
        valid(c.span, "cue")?;
        let sentence = analysis.sentences.get(c.sentence).ok_or("cue sentence")?;
        if c.span.start < sentence.start || c.span.end > sentence.end {
            return Err(format!(
                "cue {:?} outside its sentence {sentence:?}",
                c.span
            ));
        }
        if i > 0 && analysis.cues[i - 1].span.start > c.span.start {
            return Err("cues out of text order".into());
        }
        if c.category.index() >= lexicon.categories().len()
            || c.term.index() >= lexicon.terms().len()
        {
            return Err("cue index".into());
        }
    }
    let p = &analysis.profile;
    if analysis.kinds.len() != n {
        return Err(format!("{} kinds for {n} sentences", analysis.kinds.len()));
    }
    // Headings are left out of the per-sentence counts (the default).
    let headings = analysis
        .kinds
        .iter()
        .filter(|&&k| k == framescope::SentenceKind::Heading)
        .count();
    if p.sentences != (n - headings) as u64 || p.headings != headings as u64 {
        return Err(format!(
            "profile says {} sentences and {} headings, not {} and {headings}",
            p.sentences,
            p.headings,
            n - headings
        ));
    }
    let cues: u64 = p.categories.iter().map(|c| c.total()).sum();
    if cues != analysis.cues.len() as u64 {
        return Err(format!(
            "profile counts {cues} cues, not {}",
            analysis.cues.len()
        ));
    }
    let mentions: u64 = p.actors.iter().map(|a| a.mentions).sum();
    if mentions != analysis.actors.len() as u64 {
        return Err("profile mention count".into());
    }
    if p.tokens > text.len() as u64 {
        return Err("more tokens than bytes".into());
    }
    Ok(())
}

fn analyze_checked(text: &str) -> Analysis {
    let analysis = analyzer().analyze_text(text);
    if let Err(e) = check_analysis(text, &analysis) {
        let head: String = text.chars().take(40).collect();
        panic!("{e} for a text of {} bytes starting {head:?}", text.len());
    }
    analysis
}

const MB: usize = 1 << 20;

fn rep(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len())
}

#[test]
fn no_spaces_or_punctuation() {
    let text = rep("abcdefghij", 4 * MB);
    let a = analyze_checked(&text);
    assert_eq!(a.sentences, [Span::new(0, text.len())]);
    // A "word" of 4 MB is tagged in pieces of 64 KiB, cut inside it (the
    // rule of the tag module's `pieces`): one token per piece.
    assert_eq!(a.profile.tokens, text.len().div_ceil(64 * 1024) as u64);
    assert!(a.cues.is_empty() && a.actors.is_empty());
    // Segmenter alone, on more.
    let spans: Vec<Span> = sentences(&text).collect();
    assert_eq!(spans.len(), 1);
}

#[test]
fn all_full_stops_and_terminators() {
    for unit in [".", ". ", "!?", "…", ". . ", ".\n"] {
        let text = rep(unit, 2 * MB);
        let a = analyze_checked(&text);
        assert!(!a.sentences.is_empty(), "{unit:?}");
        assert_eq!(a.profile.tokens, 0, "{unit:?}");
    }
}

#[test]
fn all_quotation_marks() {
    for unit in [
        "\"",
        "“",
        "”",
        "“”",
        "\" ",
        "'",
        "’",
        "«»",
        "\"Iran may go.\" ",
    ] {
        let text = rep(unit, 2 * MB);
        let a = analyze_checked(&text);
        assert!(!a.sentences.is_empty(), "{unit:?}");
        if unit.contains("may") {
            let n = (text.len() / unit.len()) as u64;
            let iran = analyzer().lexicon().actor_index("IRAN").unwrap();
            assert_eq!(a.profile.actors[iran].mentions, n);
            // Every cue sits inside a quotation.
            assert!(a.cues.iter().all(|c| c.quoted), "{unit:?}");
        }
    }
}

#[test]
fn deeply_nested_brackets() {
    let depth = MB;
    for (open, close) in [("(", ")"), ("[", "]"), ("{", "}"), ("“", "”"), ("(“", "”)")] {
        let text = format!(
            "{}Iran may return.{}",
            open.repeat(depth / open.len()),
            close.repeat(depth / close.len())
        );
        let a = analyze_checked(&text);
        let iran = analyzer().lexicon().actor_index("IRAN").unwrap();
        assert_eq!(a.profile.actors[iran].mentions, 1, "{open}");
    }
    let text = rep("([{", 2 * MB);
    analyze_checked(&text);
}

#[test]
fn many_abbreviations() {
    let text = rep("U.S. ", 2 * MB);
    let n = (text.len() / 5) as u64;
    let a = analyze_checked(&text);
    let us = analyzer().lexicon().actor_index("US").unwrap();
    assert_eq!(a.profile.actors[us].mentions, n);
    assert_eq!(a.profile.tokens, n);
    for unit in [
        "Mr. ",
        "e.g. ",
        "a.m. ",
        "No. ",
        "U.S.-Iran ",
        "Inc. Corp. ",
    ] {
        analyze_checked(&rep(unit, MB));
    }
}

#[test]
fn nul_and_control_characters() {
    let controls: String = (0u8..32).chain([127]).map(char::from).collect();
    let text = rep(
        &format!("Iran{controls}may\u{0}progress.\u{85}\u{2028}\u{feff}"),
        2 * MB,
    );
    analyze_checked(&text);
    analyze_checked(&rep("\0", MB));
    analyze_checked(&rep("\r", MB));
    analyze_checked(&rep("\u{1b}[31m", MB));
}

#[test]
fn combining_marks() {
    // A lone mark at the start, stacks of marks on letters and on
    // punctuation, and marks right after terminators.
    let zalgo = "I\u{301}\u{302}\u{303}ran ma\u{308}y .\u{301} \u{301}Qa\u{327}tar! \u{20dd}";
    for text in [
        rep("\u{301}", MB),
        format!("\u{301}{}", rep(zalgo, 2 * MB)),
        rep("e\u{301}.\u{301} ", MB),
        rep("ब्रेकथ्रू। ", MB),
    ] {
        analyze_checked(&text);
    }
}

#[test]
fn one_long_article_is_the_sum_of_its_sentences() {
    let sentence = "Officials in Doha said the talks made progress, but Israel \
                    may object. Iran did not produce a breakthrough, and the \
                    U.S. envoy clearly wants leverage.\n";
    let one = analyzer().analyze_text(sentence).profile;
    assert_eq!(one.sentences, 2);
    let n = 4 * MB / sentence.len();
    let text = sentence.repeat(n);
    let long = analyze_checked(&text).profile;
    let mut expected = ArticleProfile::empty(analyzer().lexicon());
    for _ in 0..n {
        expected.merge(&one).expect("one lexicon");
    }
    assert_eq!(long, expected);
}

#[test]
fn segmenter_on_larger_adversarial_inputs() {
    for unit in ["x", ".", "\"", "U.S. ", "(", "\u{301}", "\0"] {
        let text = rep(unit, 4 * MB);
        let mut end = 0;
        for span in sentences(&text) {
            assert!(span.start >= end && span.start < span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            end = span.end;
        }
    }
}

// ---------------------------------------------------------------------------
// Properties.

const PIECES: &[&str] = &[
    "Iran",
    "Iranian",
    "U.S.",
    "US",
    "us",
    "Washington Post",
    "Doha",
    "Qatar",
    "Israel",
    "Pakistan",
    "talks",
    "may",
    "May",
    "might",
    "clearly",
    "progress",
    "breakthrough",
    "no",
    "not",
    "did not",
    "if",
    "stalled",
    "sanctions",
    "nuclear",
    "but",
    "said",
    "the",
    "a",
    " ",
    " ",
    " ",
    ", ",
    ". ",
    "? ",
    "! ",
    "\n",
    "\n\n",
    "\"",
    "“",
    "”",
    "'",
    "’",
    "(",
    ")",
    "...",
    "Mr.",
    "e.g.",
    "-",
    "—",
    "é",
    "\u{301}",
    "\0",
    "中",
    "3.5",
];

fn news_string() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

fn profile_of(text: &str) -> ArticleProfile {
    analyzer().analyze_text(text).profile
}

/// A profile with random counts (and possibly fewer entries than the
/// lexicon, as an empty default profile has).
fn random_profile() -> impl Strategy<Value = ArticleProfile> {
    (
        0u64..1000,
        0u64..100,
        prop::collection::vec((0u64..50, 0u64..50, 0u64..50, 0u64..50, 0u64..50), 0..6),
        prop::collection::vec((0u64..50, 0u64..50), 0..6),
        prop::collection::vec(0u64..50, 0..12),
        prop::collection::btree_map(0u32..40, 1u64..50, 0..10),
        (
            0u64..50,
            prop::collection::vec(0u64..50, 0..6),
            0u64..500,
            prop::collection::vec(0u64..50, 0..12),
            (0u64..50, 0u64..50),
        ),
    )
        .prop_map(
            |(
                tokens,
                sentences,
                cats,
                actors,
                ac,
                terms,
                (at, sources, att, credited, (va, vaa)),
            )| ArticleProfile {
                lexicon: "0123456789abcdef".to_string(),
                tokens,
                sentences,
                headings: tokens % 7,
                list_items: sentences % 3,
                headline: framescope::HeadlineCounts {
                    headlines: sentences % 4,
                    actors: vec![sentences % 2; actors.len()],
                    categories: vec![tokens % 2; cats.len()],
                },
                categories: cats
                    .into_iter()
                    .map(|(a, n, h, q, s)| framescope::CategoryCounts {
                        asserted: a,
                        negated: n,
                        hypothetical: h,
                        quoted: q,
                        sentences: s,
                        strict_sentences: s / 2,
                        attributed: va,
                        attributed_asserted: vaa,
                    })
                    .collect(),
                actors: actors
                    .into_iter()
                    .map(|(m, s)| framescope::ActorCounts {
                        mentions: m,
                        sentences: s,
                        by_kind: framescope::KindCounts {
                            name: m / 2,
                            role: m - m / 2,
                            ..Default::default()
                        },
                    })
                    .collect(),
                actor_category: ac,
                terms: terms.into_iter().collect(),
                attributions: at,
                sources,
                attributed_tokens: att,
                credited,
            },
        )
}

fn merged(a: &ArticleProfile, b: &ArticleProfile) -> ArticleProfile {
    let mut out = a.clone();
    out.merge(b).expect("one lexicon");
    out
}

fn outlet(profiles: &[ArticleProfile]) -> OutletProfile {
    let mut out = OutletProfile::default();
    for p in profiles {
        out.add(p).expect("one lexicon");
    }
    out
}

fn outlet_merged(a: &OutletProfile, b: &OutletProfile) -> OutletProfile {
    let mut out = a.clone();
    out.merge(b).expect("one lexicon");
    out
}

#[test]
fn profiles_of_two_lexicons_do_not_merge() {
    let other = framescope::Analyzer::builder()
        .lexicon_toml("extra.toml", "[categories.urgency]\nterms = [\"urgent\"]\n")
        .build()
        .unwrap();
    let a = profile_of("Iran may make progress.");
    let b = other.analyze_text("Iran may make progress.").profile;
    assert_ne!(a.lexicon, b.lexicon);
    let mut merged = a.clone();
    let err = merged.merge(&b).expect_err("two lexicons");
    assert!(err.to_string().contains(&a.lexicon), "{err}");
    assert!(err.to_string().contains(&b.lexicon), "{err}");
    assert_eq!(merged, a, "a failed merge changes nothing");
    let mut outlet = OutletProfile::default();
    outlet.add(&a).unwrap();
    assert!(outlet.add(&b).is_err());
    assert_eq!(outlet.articles, 1);
    // A corpus refuses a profile of another lexicon.
    let analyzer = analyzer();
    let mut corpus = framescope::Corpus::new(analyzer);
    let article = framescope::Article::new("x1", "Dispatch", "Iran may make progress.");
    let err = corpus.add(&article, &b).expect_err("another lexicon");
    assert!(err.to_string().contains(&b.lexicon), "{err}");
    corpus.add(&article, &a).expect("its own lexicon");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn analyzer_never_panics_and_spans_are_valid(text in any::<String>()) {
        let analysis = analyzer().analyze_text(&text);
        if let Err(e) = check_analysis(&text, &analysis) {
            prop_assert!(false, "{} for {:?}", e, text);
        }
        prop_assert_eq!(tag_sentences(analyzer(), &text).len(), analysis.sentences.len());
    }

    #[test]
    fn analyzer_spans_are_valid_on_newsish_text(text in news_string()) {
        let analysis = analyzer().analyze_text(&text);
        if let Err(e) = check_analysis(&text, &analysis) {
            prop_assert!(false, "{} for {:?}", e, text);
        }
    }

    #[test]
    fn article_merge_is_associative_and_commutative(
        a in news_string(), b in news_string(), c in news_string()
    ) {
        let (a, b, c) = (profile_of(&a), profile_of(&b), profile_of(&c));
        prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
        // The empty profile is the identity.
        let empty = ArticleProfile::empty(analyzer().lexicon());
        prop_assert_eq!(merged(&a, &empty), a.clone());
    }

    #[test]
    fn merge_laws_hold_for_random_counts(
        a in random_profile(), b in random_profile(), c in random_profile()
    ) {
        prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
        prop_assert_eq!(merged(&a, &ArticleProfile::default()), a.clone());
    }

    #[test]
    fn outlet_merge_is_associative_and_commutative(
        texts in prop::collection::vec(news_string(), 0..9),
        cut1 in 0usize..10, cut2 in 0usize..10,
    ) {
        let profiles: Vec<ArticleProfile> = texts.iter().map(|t| profile_of(t)).collect();
        let n = profiles.len();
        let (i, j) = (cut1.min(cut2).min(n), cut1.max(cut2).min(n));
        let (x, y, z) = (
            outlet(&profiles[..i]),
            outlet(&profiles[i..j]),
            outlet(&profiles[j..]),
        );
        let left = outlet_merged(&outlet_merged(&x, &y), &z);
        let right = outlet_merged(&x, &outlet_merged(&y, &z));
        prop_assert_eq!(&left, &right);
        prop_assert_eq!(outlet_merged(&x, &y), outlet_merged(&y, &x));
        // And equal to adding every article in turn.
        prop_assert_eq!(left, outlet(&profiles));
    }

    #[test]
    fn report_does_not_depend_on_record_order(
        texts in prop::collection::vec((news_string(), 0usize..3), 1..10),
        order in Just((0..10usize).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, (text, o))| {
                let text = if text.trim().is_empty() { "Talks." } else { text };
                Article::new(format!("a{i}"), ["X", "Y", "Z"][*o], text)
            })
            .collect();
        let shuffled: Vec<&Article> = order
            .iter()
            .filter(|&&k| k < articles.len())
            .map(|&k| &articles[k])
            .collect();
        let options = ReportOptions { resamples: 50, ..ReportOptions::default() };
        let report = |list: &[&Article]| {
            let mut corpus = Corpus::new(analyzer());
            for article in list {
                let analysis = analyzer().analyze(article);
                corpus.add(article, &analysis.profile).unwrap();
            }
            corpus.report(&options).to_json()
        };
        let in_order: Vec<&Article> = articles.iter().collect();
        let json = report(&in_order);
        let parsed: Value = serde_json::from_str(&json).expect("the report is JSON");
        prop_assert_eq!(&parsed["input"]["analysed"], &Value::from(articles.len()));
        prop_assert_eq!(json, report(&shuffled));
    }
}
