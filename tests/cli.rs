//! The example binary, run as a user would: the command-line contract of
//! DESIGN.md (outputs, exit statuses, the sentence dump).

use std::process::Output;

use serde_json::Value;

mod common;
use common::compare;

fn run(args: &[&str]) -> Output {
    compare().args(args).output().expect("the example runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn sample_json(extra: &[&str]) -> Value {
    let mut args = vec!["--format", "json", "--resamples", "200"];
    args.extend_from_slice(extra);
    let output = run(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the report is JSON")
}

#[test]
fn sample_table_shows_at_least_four_outlets() {
    let output = run(&["--resamples", "100"]);
    assert!(output.status.success());
    let table = stdout(&output);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("outlet"), "{table}");
    assert!(lines[0].contains("hedge/1k"));
    let rows: Vec<&&str> = lines[2..].iter().take_while(|l| !l.is_empty()).collect();
    assert!(rows.len() >= 4, "{table}");
    // Aligned: every row as wide as the header's rule or narrower.
    let width = lines[1].len();
    assert!(rows.iter().all(|r| r.chars().count() <= width), "{table}");
}

#[test]
fn json_report_has_the_contract_shape() {
    let report = sample_json(&[]);
    let input = &report["input"];
    assert_eq!(input["records"], input["analysed"]);
    assert!(input["rejected"].as_array().unwrap().is_empty());
    assert_eq!(report["lexicon"]["version"].as_str().unwrap().len(), 16);
    let outlets = report["outlets"].as_array().unwrap();
    assert!(outlets.len() >= 4);
    let names: Vec<&str> = outlets
        .iter()
        .map(|o| o["outlet"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "outlets are sorted by name");
    for outlet in outlets {
        assert!(outlet["articles"].as_u64().unwrap() > 0);
        assert!(outlet["tokens"].as_u64().unwrap() > outlet["sentences"].as_u64().unwrap());
        for name in [
            "hedge_per_1k",
            "booster_per_1k",
            "uncertain_share",
            "certainty",
            "breakthrough_share",
            "outcome_balance",
            "quoted_share",
            "actor_salience.US",
            "actor_salience.IRAN",
            "actor_hedging.QATAR",
            "frame_mix.diplomacy",
        ] {
            let m = &outlet["metrics"][name];
            assert!(m.is_object(), "{} lacks {name}", outlet["outlet"]);
            if let Some(v) = m["value"].as_f64() {
                let (lo, hi) = (
                    m["ci_low"].as_f64().unwrap(),
                    m["ci_high"].as_f64().unwrap(),
                );
                assert!(
                    lo <= v + 1e-9 && v <= hi + 1e-9,
                    "{name}: {lo} <= {v} <= {hi}"
                );
            }
        }
    }
    assert!(!report["comparisons"].as_array().unwrap().is_empty());
}

#[test]
fn outlets_differ_on_the_sample() {
    let report = sample_json(&[]);
    let value = |outlet: &Value, name: &str| {
        outlet["metrics"][name]["value"]
            .as_f64()
            .unwrap_or(f64::NAN)
    };
    let outlets = report["outlets"].as_array().unwrap();
    for name in ["hedge_per_1k", "booster_per_1k", "actor_salience.ISRAEL"] {
        let values: Vec<f64> = outlets.iter().map(|o| value(o, name)).collect();
        let max = values.iter().cloned().fold(f64::MIN, f64::max);
        let min = values.iter().cloned().fold(f64::MAX, f64::min);
        assert!(max > 1.5 * min + 1e-9, "{name} barely differs: {values:?}");
    }
}

#[test]
fn same_bytes_whatever_the_thread_count() {
    let one = run(&["--format", "json", "--resamples", "300", "--threads", "1"]);
    let two = run(&["--format", "json", "--resamples", "300", "--threads", "2"]);
    assert!(one.status.success() && two.status.success());
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn same_bytes_whatever_the_record_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines: Vec<&str> = framescope::io::SAMPLE_JSONL.lines().collect();
    let forward = dir.path().join("forward.jsonl");
    std::fs::write(&forward, lines.join("\n")).unwrap();
    lines.reverse();
    let backward = dir.path().join("backward.jsonl");
    std::fs::write(&backward, lines.join("\n")).unwrap();
    let a = run(&[
        "--format",
        "json",
        "--resamples",
        "300",
        forward.to_str().unwrap(),
    ]);
    let b = run(&[
        "--format",
        "json",
        "--resamples",
        "300",
        backward.to_str().unwrap(),
    ]);
    assert!(a.status.success() && b.status.success());
    let strip = |bytes: &[u8]| -> Value {
        let mut v: Value = serde_json::from_slice(bytes).unwrap();
        v["input"] = Value::Null; // names the input file
        v
    };
    assert_eq!(strip(&a.stdout), strip(&b.stdout));
}

#[test]
fn sentence_dump_offsets_slice_the_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sentences.jsonl");
    let output = run(&["--resamples", "10", "--sentences", path.to_str().unwrap()]);
    assert!(output.status.success());
    let texts: std::collections::HashMap<String, String> = framescope::io::sample()
        .map(|r| {
            let r = r.unwrap();
            (r.article.id, r.article.text)
        })
        .collect();
    let dump = std::fs::read_to_string(&path).unwrap();
    let mut lines = 0;
    let mut cues = 0;
    for line in dump.lines() {
        let s: Value = serde_json::from_str(line).unwrap();
        for field in [
            "article_id",
            "outlet",
            "index",
            "start",
            "end",
            "kind",
            "text",
            "actors",
            "cues",
        ] {
            assert!(!s[field].is_null(), "missing {field} in {line}");
        }
        assert!(
            ["heading", "list_item", "body"].contains(&s["kind"].as_str().unwrap()),
            "{line}"
        );
        let text = &texts[s["article_id"].as_str().unwrap()];
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], s["text"].as_str().unwrap());
        for cue in s["cues"].as_array().unwrap() {
            let (cs, ce) = (
                cue["start"].as_u64().unwrap() as usize,
                cue["end"].as_u64().unwrap() as usize,
            );
            assert!(start <= cs && ce <= end, "cue outside its sentence: {line}");
            assert!(
                ["asserted", "negated", "hypothetical"].contains(&cue["status"].as_str().unwrap())
            );
            assert!(cue["quoted"].is_boolean());
            assert!(!cue["term"].as_str().unwrap().is_empty());
            cues += 1;
        }
        lines += 1;
    }
    assert!(lines > 300, "{lines} sentences");
    assert!(cues > 300, "{cues} cues");
}

#[test]
fn a_bad_jsonl_line_stops_the_run_with_status_2_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jsonl");
    std::fs::write(
        &path,
        "{\"id\":\"1\",\"outlet\":\"A\",\"text\":\"Fine.\"}\n\n{\"id\":\"2\",\"outlet\":\"A\"}\n",
    )
    .unwrap();
    let output = run(&[path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.jsonl:3"), "{stderr}");
    assert!(stderr.contains("missing field `text`"), "{stderr}");

    let skipped = run(&[
        "--skip-invalid",
        "--format",
        "json",
        "--resamples",
        "10",
        path.to_str().unwrap(),
    ]);
    assert!(skipped.status.success());
    let report: Value = serde_json::from_slice(&skipped.stdout).unwrap();
    assert_eq!(report["input"]["records"], 2);
    assert_eq!(report["input"]["analysed"], 1);
    assert_eq!(report["input"]["rejected"][0]["line"], 3);
}

#[test]
fn usage_and_missing_files_exit_with_status_2() {
    assert_eq!(run(&["--format", "yaml"]).status.code(), Some(2));
    assert_eq!(run(&["/no/such/file.jsonl"]).status.code(), Some(2));
}

#[test]
fn output_file_receives_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.csv");
    let output = run(&[
        "--format",
        "csv",
        "--resamples",
        "10",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    let csv = std::fs::read_to_string(&path).unwrap();
    assert!(csv.starts_with("outlet,metric,value,ci_low,ci_high,n,pooled\n"));
    assert!(csv.lines().count() > 4 * 20);
}

#[test]
fn text_directories_and_csv_are_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let outlet_dir = dir.path().join("Gulf Courier");
    std::fs::create_dir(&outlet_dir).unwrap();
    std::fs::write(
        outlet_dir.join("a1.txt"),
        "Iran may return to Doha. No breakthrough yet.",
    )
    .unwrap();
    std::fs::write(
        outlet_dir.join("a2.txt"),
        "The U.S. clearly wants progress.",
    )
    .unwrap();
    std::fs::write(outlet_dir.join("notes.md"), "ignored").unwrap();
    let csv = dir.path().join("more.csv");
    std::fs::write(
        &csv,
        "id,outlet,text\nc1,CSV Daily,\"Qatar hosted talks, and Israel watched.\"\n",
    )
    .unwrap();
    let output = run(&[
        "--format",
        "json",
        "--resamples",
        "10",
        outlet_dir.to_str().unwrap(),
        csv.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let outlets: Vec<(&str, u64)> = report["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["outlet"].as_str().unwrap(),
                o["articles"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(outlets, vec![("CSV Daily", 1), ("Gulf Courier", 2)]);
}

#[test]
fn merged_partials_equal_one_run_over_all_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<&str> = framescope::io::SAMPLE_JSONL.lines().collect();
    let (first, second) = lines.split_at(lines.len() / 2);
    let shard = |name: &str, part: &[&str]| {
        let path = dir.path().join(name);
        std::fs::write(&path, part.join("\n")).unwrap();
        path.to_str().unwrap().to_string()
    };
    let (a, b) = (shard("a.jsonl", first), shard("b.jsonl", second));
    let (pa, pb) = (
        dir.path().join("a.partial").to_str().unwrap().to_string(),
        dir.path().join("b.partial").to_str().unwrap().to_string(),
    );
    for (input, partial) in [(&a, &pa), (&b, &pb)] {
        let out = run(&["--resamples", "200", "--partial", partial, input]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let merged = run(&[
        "--format",
        "json",
        "--resamples",
        "200",
        "--merge",
        &pb,
        &pa,
    ]);
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let whole = run(&["--format", "json", "--resamples", "200", &a, &b]);
    assert!(whole.status.success());
    assert_eq!(stdout(&merged), stdout(&whole));

    // The same shard twice is refused: its articles would count twice.
    let twice = run(&["--format", "json", "--merge", &pa, &pa]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("the same partial as"));
}

#[test]
fn gzip_and_standard_input_are_inputs() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    // Two gzip members in one file, as `cat a.gz b.gz` makes.
    let path = dir.path().join("two.jsonl.gz");
    let mut bytes = Vec::new();
    for line in [
        "{\"id\":\"g1\",\"outlet\":\"Gz\",\"text\":\"Iran may talk.\"}\n",
        "{\"id\":\"g2\",\"outlet\":\"Gz\",\"text\":\"Qatar clearly mediates.\"}\n",
    ] {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(line.as_bytes()).unwrap();
        bytes.extend(encoder.finish().unwrap());
    }
    std::fs::write(&path, bytes).unwrap();
    let out = run(&[
        "--format",
        "json",
        "--resamples",
        "10",
        path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["outlets"][0]["articles"], 2);

    let mut child = compare()
        .args(["--format", "json", "--resamples", "10", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\":\"s1\",\"outlet\":\"Stdin\",\"text\":\"Talks stalled.\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["outlets"][0]["outlet"], "Stdin");
}

#[test]
fn actor_mentions_follow_the_article_date_and_show_their_kind() {
    // One text, published in two years: the president named in it is in
    // office in the first only.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dated.jsonl");
    let text = "Obama told Iranian negotiators in Doha that Congress would wait.";
    let records = [("a2015", "2015-03-01"), ("a2019", "2019-03-01")]
        .map(|(id, date)| {
            serde_json::json!({"id": id, "outlet": "Wire", "published": date, "text": text})
                .to_string()
        })
        .join("\n");
    std::fs::write(&input, records + "\n").unwrap();
    let sentences = dir.path().join("sentences.jsonl");
    let output = run(&[
        "--format",
        "json",
        "--resamples",
        "10",
        "--sentences",
        sentences.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let dump = std::fs::read_to_string(&sentences).unwrap();
    let lines: Vec<Value> = dump
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mentions = |id: &str| -> Vec<(String, String, String)> {
        let line = lines.iter().find(|l| l["article_id"] == id).unwrap();
        line["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let (s, e) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
                (
                    text[s as usize..e as usize].to_string(),
                    m["actor"].as_str().unwrap().to_string(),
                    m["kind"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let owned = |v: &[(&str, &str, &str)]| -> Vec<(String, String, String)> {
        v.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect()
    };
    // "in Doha" is a place; the actors list keeps its contract shape.
    assert_eq!(
        mentions("a2015"),
        owned(&[
            ("Obama", "US", "person"),
            ("Iranian", "IRAN", "demonym"),
            ("Congress", "US", "institution"),
        ])
    );
    assert_eq!(
        mentions("a2019"),
        owned(&[
            ("Iranian", "IRAN", "demonym"),
            ("Congress", "US", "institution")
        ])
    );
    let first = lines.iter().find(|l| l["article_id"] == "a2015").unwrap();
    assert_eq!(first["actors"], serde_json::json!(["US", "IRAN"]));
    // The report breaks each outlet's mentions down by kind.
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let us = &report["outlets"][0]["counts"]["actors"]["US"];
    assert_eq!(us["mentions"], 3);
    assert_eq!(us["by_kind"]["person"], 1);
    assert_eq!(us["by_kind"]["institution"], 2);
    assert_eq!(us["by_kind"]["capital"], 0);
    assert_eq!(
        report["outlets"][0]["counts"]["actors"]["QATAR"]["mentions"],
        0
    );
}

#[test]
fn sentence_dump_shows_each_kind() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let text = "Talks resume in Doha\nThe envoys met.\n• Qatar hosts\n• Pakistan mediates";
    let line = serde_json::json!({"id": "k1", "outlet": "X", "text": text});
    std::fs::write(&input, format!("{line}\n")).unwrap();
    let path = dir.path().join("sentences.jsonl");
    let output = run(&[
        "--resamples",
        "10",
        "--sentences",
        path.to_str().unwrap(),
        "--output",
        dir.path().join("report.txt").to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    let kinds: Vec<String> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["kind"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(kinds, ["heading", "body", "list_item", "list_item"]);
}
