//! The researcher's workflow through the binary (issue 20): the article
//! table (`--articles`, `--keep`), grouping (`--group-by`, periods of
//! `published`), `--outlet-map`, `--min-articles`, clean keyword-in-context
//! output (`--kwic-format`), `--comparisons`, and the forms `published`
//! takes. Every corpus here is written by the test.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Output, Stdio};

use serde_json::{Value, json};

mod common;
use common::compare;

fn run(args: &[&str]) -> Output {
    compare().args(args).output().expect("the example runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{}", stderr(output));
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path.to_str().expect("UTF-8 temp path").to_string()
}

fn path_in(dir: &Path, name: &str) -> String {
    dir.join(name).to_str().expect("UTF-8 path").to_string()
}

/// Expects exit status `code` and each of `wanted` on standard error.
fn expect_status(output: &Output, code: i32, wanted: &[&str]) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(code), "{err}");
    for w in wanted {
        assert!(err.contains(w), "expected {w:?} in {err:?}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

/// JSON Lines of the given records.
fn jsonl(records: &[Value]) -> String {
    records.iter().map(|r| r.to_string() + "\n").collect()
}

/// A small dated corpus: two outlets (one under two names), three months,
/// an extra field `lang` and a numeric one `words`.
fn dated_corpus() -> Vec<Value> {
    let text = [
        "The talks may resume. Officials clearly made progress in Doha.",
        "A breakthrough seems unlikely. Iran said \"perhaps\" the talks resume.",
        "The talks stalled. Negotiators might meet again next week.",
        "The talks clearly collapsed. There was no breakthrough.",
        "Iran may walk away, officials believe. Washington wants leverage.",
        "Progress was made, apparently. Qatar welcomed the step forward.",
        "Officials appear hopeful. The deal is probably close.",
        "Talks in Doha made headway. A setback seems possible.",
    ];
    let rows = [
        ("a1", "Alpha", json!("2019-01-03"), Some("en")),
        ("a2", "Alpha", json!(1_546_992_000_000u64), Some("en")), // 2019-01-09 in ms
        ("a3", "Alpha", json!("2019-02-10T10:00:00Z"), Some("fr")),
        ("a4", "Alpha", json!("2019-02-11 08:30"), Some("en")),
        ("b1", "Beta", json!("1546560000"), Some("en")), // 2019-01-04 in seconds
        ("b2", "Beta", json!("2019-01-20"), None),
        ("b3", "Beta Online", json!("2019-02-21"), Some("fr")),
        ("b4", "Beta Online", json!("2019-03-02"), Some("en")),
    ];
    rows.iter()
        .zip(text)
        .enumerate()
        .map(|(i, ((id, outlet, published, lang), text))| {
            let mut r = json!({
                "id": id, "outlet": outlet, "published": published, "text": text,
                "title": format!("Title, \"{id}\""), "words": i * 10,
            });
            if let Some(lang) = lang {
                r["lang"] = json!(lang);
            }
            r
        })
        .collect()
}

/// CSV text as rows of named cells.
fn csv_rows(text: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

/// The mean of each group's non-empty cells of each metric equals the
/// report's value for the group (checked for every metric and group).
fn check_means(rows: &[BTreeMap<String, String>], report: &Value, group_columns: &[&str]) {
    let metric_names: Vec<String> = report["outlets"][0]["metrics"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert!(metric_names.len() > 20, "{metric_names:?}");
    for outlet in report["outlets"].as_array().unwrap() {
        let values: Vec<String> = match outlet.get("group") {
            Some(group) => group_columns
                .iter()
                .map(|c| group[c].as_str().unwrap_or_default().to_string())
                .collect(),
            None => vec![outlet["outlet"].as_str().unwrap().to_string()],
        };
        let mine: Vec<&BTreeMap<String, String>> = rows
            .iter()
            .filter(|r| group_columns.iter().zip(&values).all(|(c, v)| r[*c] == *v))
            .collect();
        assert_eq!(
            mine.len() as u64,
            outlet["articles"].as_u64().unwrap(),
            "{values:?}"
        );
        for name in &metric_names {
            let cells: Vec<f64> = mine
                .iter()
                .filter(|r| !r[name].is_empty())
                .map(|r| r[name].parse::<f64>().unwrap())
                .collect();
            let m = &outlet["metrics"][name];
            assert_eq!(
                cells.len() as u64,
                m["n"].as_u64().unwrap(),
                "{values:?} {name}"
            );
            match m["value"].as_f64() {
                Some(value) => {
                    let mean = cells.iter().sum::<f64>() / cells.len() as f64;
                    assert!(
                        (mean - value).abs() <= 1e-12 * value.abs().max(1.0),
                        "{values:?} {name}: {mean} != {value}"
                    );
                }
                None => assert!(cells.is_empty(), "{values:?} {name}"),
            }
        }
    }
}

#[test]
fn the_article_table_has_a_row_per_article_whose_means_are_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let table = path_in(dir.path(), "articles.csv");
    let report: Value = serde_json::from_str(&stdout(&run(&[
        "--format",
        "json",
        "--resamples",
        "50",
        "--articles",
        &table,
    ])))
    .unwrap();
    let (header, rows) = csv_rows(&std::fs::read_to_string(&table).unwrap());
    assert_eq!(
        header[..7],
        [
            "id",
            "outlet",
            "title",
            "published",
            "story",
            "tokens",
            "sentences"
        ]
    );
    // Every metric of the report, by name, in report order after them.
    let metrics: Vec<&String> = report["outlets"][0]["metrics"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(header.len(), 7 + metrics.len());
    for name in metrics {
        assert!(header.contains(name), "{name}");
    }
    assert_eq!(rows.len(), 44);
    // Sorted by outlet, then id.
    let keys: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r["outlet"].clone(), r["id"].clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    check_means(&rows, &report, &["outlet"]);
}

#[test]
fn the_article_table_as_json_lines_with_kept_fields() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.jsonl", jsonl(&dated_corpus()).as_bytes());
    let table = path_in(dir.path(), "articles.jsonl");
    let csv_table = path_in(dir.path(), "articles.csv");
    let out = run(&[
        "--resamples",
        "20",
        "--keep",
        "lang,words,url,missing",
        "--articles",
        &table,
        &input,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no record has a field \"missing\""),
        "{}",
        stderr(&out)
    );
    let text = std::fs::read_to_string(&table).unwrap();
    let rows: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 8);
    let a2 = rows.iter().find(|r| r["id"] == "a2").unwrap();
    // Keys in column order, kept fields last.
    let line = text
        .lines()
        .find(|l| l.starts_with("{\"id\":\"a2\""))
        .unwrap();
    let at = |key: &str| {
        line.find(&format!("\"{key}\":"))
            .unwrap_or_else(|| panic!("{key}"))
    };
    let order = [
        "id",
        "outlet",
        "title",
        "published",
        "story",
        "tokens",
        "sentences",
        "booster_per_1k",
        "quoted_share",
        "lang",
        "words",
        "url",
        "missing",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{pair:?} in {line}");
    }
    // Values: text as it is, numbers as written, null for none.
    assert_eq!(a2["lang"], "en");
    assert_eq!(a2["words"], "10");
    assert_eq!(a2["url"], Value::Null);
    assert_eq!(a2["published"], "2019-01-09T00:00:00Z");
    assert_eq!(a2["title"], "Title, \"a2\"");
    assert!(a2["tokens"].as_u64().unwrap() > 5);
    assert!(a2["hedge_per_1k"].as_f64().unwrap() > 0.0);
    assert_eq!(
        rows.iter().find(|r| r["id"] == "b2").unwrap()["lang"],
        Value::Null
    );

    // The same rows as CSV: quoting of the title, empty cells for nulls.
    let out = run(&[
        "--resamples",
        "20",
        "--keep",
        "lang",
        "--articles",
        &csv_table,
        &input,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, csv) = csv_rows(&std::fs::read_to_string(&csv_table).unwrap());
    let b2 = csv.iter().find(|r| r["id"] == "b2").unwrap();
    assert_eq!(b2["title"], "Title, \"b2\"");
    assert_eq!(b2["lang"], "");
    // Undefined: "The talks stalled. ..." claims no progress or breakthrough.
    let a3 = csv.iter().find(|r| r["id"] == "a3").unwrap();
    assert_eq!(a3["breakthrough_share"], "");
}

/// A `--group-by` spec, its group columns, and its groups as their values.
type GroupCase<'a> = (&'a str, &'a [&'a str], &'a [&'a [&'a str]]);

#[test]
fn group_by_fields_and_periods_names_the_group_columns_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.jsonl", jsonl(&dated_corpus()).as_bytes());
    // (spec, group columns, groups as their values)
    let cases: &[GroupCase] = &[
        ("lang", &["lang"], &[&[""], &["en"], &["fr"]]),
        (
            "published:month",
            &["published_month"],
            &[&["2019-01"], &["2019-02"], &["2019-03"]],
        ),
        ("published:year", &["published_year"], &[&["2019"]]),
        (
            "published:week",
            &["published_week"],
            &[
                &["2019-W01"],
                &["2019-W02"],
                &["2019-W03"],
                &["2019-W06"],
                &["2019-W07"],
                &["2019-W08"],
                &["2019-W09"],
            ],
        ),
        (
            "outlet,published:month",
            &["outlet", "published_month"],
            &[
                &["Alpha", "2019-01"],
                &["Alpha", "2019-02"],
                &["Beta", "2019-01"],
                &["Beta Online", "2019-02"],
                &["Beta Online", "2019-03"],
            ],
        ),
    ];
    for (spec, columns, groups) in cases {
        let table = path_in(dir.path(), "articles.csv");
        let report: Value = serde_json::from_str(&stdout(&run(&[
            "--resamples",
            "20",
            "--format",
            "json",
            "--group-by",
            spec,
            "--articles",
            &table,
            &input,
        ])))
        .unwrap();
        assert_eq!(report["settings"]["group_by"], json!(columns), "{spec}");
        let found: Vec<Vec<String>> = report["outlets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                columns
                    .iter()
                    .map(|c| o["group"][c].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .collect();
        let expected: Vec<Vec<String>> = groups
            .iter()
            .map(|g| g.iter().map(|v| v.to_string()).collect())
            .collect();
        assert_eq!(found, expected, "{spec}");
        // The article table has the group columns after the id, and its
        // means are the report's.
        let (header, rows) = csv_rows(&std::fs::read_to_string(&table).unwrap());
        assert_eq!(header[1..=columns.len()], **columns, "{spec}");
        check_means(&rows, &report, columns);
        // Comparisons name both sides.
        for c in report["comparisons"].as_array().unwrap() {
            assert!(
                c["group_a"].is_object() && c["group_b"].is_object(),
                "{spec}"
            );
        }

        // The tidy CSV and the table head with the group columns.
        let csv = stdout(&run(&[
            "--resamples",
            "20",
            "--format",
            "csv",
            "--group-by",
            spec,
            &input,
        ]));
        let head = csv.lines().next().unwrap();
        assert_eq!(
            head,
            format!("{},metric,value,ci_low,ci_high,n,pooled", columns.join(","))
        );
        let table = stdout(&run(&["--resamples", "20", "--group-by", spec, &input]));
        let first: Vec<&str> = table.lines().next().unwrap().split_whitespace().collect();
        assert_eq!(first[..columns.len()], **columns, "{table}");
        assert_eq!(first[columns.len()], "articles");
        let markdown = stdout(&run(&[
            "--resamples",
            "20",
            "--format",
            "markdown",
            "--group-by",
            spec,
            &input,
        ]));
        assert!(
            markdown.starts_with(&format!("| {} | articles |", columns.join(" | "))),
            "{markdown}"
        );
    }
}

#[test]
fn grouping_by_outlet_reads_as_before() {
    // No group fields in the default JSON report, and the same bytes as
    // an explicit --group-by outlet.
    let a = stdout(&run(&["--resamples", "30", "--format", "json"]));
    let b = stdout(&run(&[
        "--resamples",
        "30",
        "--format",
        "json",
        "--group-by",
        "outlet",
    ]));
    assert_eq!(a, b);
    let report: Value = serde_json::from_str(&a).unwrap();
    assert!(report["settings"].get("group_by").is_none());
    assert!(report["outlets"][0].get("group").is_none());
    assert!(report["comparisons"][0].get("group_a").is_none());
}

#[test]
fn bad_group_by_specs_are_usage_errors() {
    for (spec, wanted) in [
        ("published:day", "unknown period"),
        ("title:month", "no periods"),
        ("text", "cannot group by text"),
        ("outlet,outlet", "twice"),
        ("outlet,", "empty field"),
    ] {
        expect_status(&run(&["--group-by", spec]), 2, &["--group-by", wanted]);
    }
}

#[test]
fn a_time_series_chart_draws_each_outlet_over_time() {
    let dir = tempfile::tempdir().unwrap();
    let svg = path_in(dir.path(), "series.svg");
    let out = run(&[
        "--resamples",
        "50",
        "--group-by",
        "outlet,published:month",
        "--svg",
        &svg,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("How outlets compare over time"), "title");
    for needle in [
        "2026-09",
        "2026-10",
        "2026-11",
        "Civic Lens",
        "Counterweight Review",
        "hedge_per_1k",
        "outcome_balance",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
    assert!(text.contains("2026-12"));
    assert!(text.contains("<polygon"), "interval bands");
    // Months with fewer articles than --min-articles are left out: the
    // sample's September and November have two an outlet, October four and
    // December three.
    let out = run(&[
        "--resamples",
        "50",
        "--group-by",
        "outlet,published:month",
        "--min-articles",
        "3",
        "--svg",
        &svg,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&svg).unwrap();
    for month in ["2026-10", "2026-12"] {
        assert!(text.contains(month), "{month}");
    }
    for month in ["2026-09", "2026-11"] {
        assert!(!text.contains(month), "{month}");
    }
    assert!(text.contains("fewer than 3 articles"));
}

#[test]
fn the_outlet_map_merges_aliases_before_grouping() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.jsonl", jsonl(&dated_corpus()).as_bytes());
    let map = write(
        dir.path(),
        "map.csv",
        b"alias,outlet\n\"Beta Online\",Beta\n\nUnused, Gamma\n",
    );
    let report: Value = serde_json::from_str(&stdout(&run(&[
        "--resamples",
        "20",
        "--format",
        "json",
        "--outlet-map",
        &map,
        &input,
    ])))
    .unwrap();
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
    assert_eq!(outlets, [("Alpha", 4), ("Beta", 4)]);
    // Bad maps: a row of three fields, an alias for two outlets, an empty
    // outlet; each names its line.
    for (text, wanted) in [
        ("a,b,c\n", "map.csv:1"),
        ("x,y\n\nx,z\n", "map.csv:3"),
        ("alias,outlet\nx,\n", "map.csv:2"),
    ] {
        let bad = write(dir.path(), "map.csv", text.as_bytes());
        expect_status(&run(&["--outlet-map", &bad, &input]), 2, &[wanted]);
    }
    expect_status(
        &run(&["--outlet-map", &path_in(dir.path(), "none.csv"), &input]),
        2,
        &["none.csv"],
    );
}

#[test]
fn small_groups_are_flagged_have_no_intervals_and_are_not_compared() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.jsonl", jsonl(&dated_corpus()).as_bytes());
    // By outlet and month: every group has one or two articles.
    let report: Value = serde_json::from_str(&stdout(&run(&[
        "--resamples",
        "50",
        "--format",
        "json",
        "--group-by",
        "outlet,published:month",
        &input,
    ])))
    .unwrap();
    assert_eq!(report["settings"]["min_articles_to_compare"], 2);
    let mut compared = std::collections::BTreeSet::new();
    for c in report["comparisons"].as_array().unwrap() {
        compared.insert(c["outlet_a"].as_str().unwrap().to_string());
        compared.insert(c["outlet_b"].as_str().unwrap().to_string());
    }
    for o in report["outlets"].as_array().unwrap() {
        let name = o["outlet"].as_str().unwrap();
        let small = o["articles"].as_u64().unwrap() < 2;
        assert_eq!(o.get("below_min_articles").is_some(), small, "{name}");
        assert_eq!(compared.contains(name), !small, "{name}");
        for (metric, m) in o["metrics"].as_object().unwrap() {
            // An interval needs two articles defining the metric.
            let has_interval = !m["ci_low"].is_null();
            assert_eq!(
                has_interval,
                m["n"].as_u64().unwrap() >= 2,
                "{name} {metric}"
            );
            assert_eq!(m["ci_high"].is_null(), m["ci_low"].is_null());
        }
    }
    // --min-articles 5: every outlet is flagged (the largest has 4), and
    // the table says so.
    let table = stdout(&run(&["--resamples", "20", "--min-articles", "5", &input]));
    assert!(table.contains("4*"), "{table}");
    assert!(table.contains("fewer than 5 articles"), "{table}");
    let report: Value = serde_json::from_str(&stdout(&run(&[
        "--resamples",
        "20",
        "--format",
        "json",
        "--min-articles",
        "1",
        &input,
    ])))
    .unwrap();
    assert_eq!(report["comparisons"].as_array().unwrap().len(), 3);
}

#[test]
fn published_takes_iso_dates_date_times_and_epoch_numbers() {
    let dir = tempfile::tempdir().unwrap();
    // (published as JSON, the month it falls in)
    let good: &[(Value, &str)] = &[
        (json!("2019-06-13"), "2019-06"),
        (json!("2019-06"), "2019-06"),
        (json!("2019-06-13T23:30:00-05:00"), "2019-06"),
        (json!("2019-06-13 10:00:00"), "2019-06"),
        (json!(1_560_420_000), "2019-06"),
        (json!(1_560_420_000_000u64), "2019-06"),
        (json!("1560420000000"), "2019-06"),
        (json!(1_560_420_000.5), "2019-06"),
        (json!(""), ""),
        (json!(null), ""),
    ];
    for (published, month) in good {
        let line = jsonl(&[
            json!({"id": "1", "outlet": "A", "text": "Talks may resume.", "published": published}),
        ]);
        let input = write(dir.path(), "in.jsonl", line.as_bytes());
        let csv = stdout(&run(&[
            "--resamples",
            "10",
            "--format",
            "csv",
            "--group-by",
            "published:month",
            &input,
        ]));
        let first = csv.lines().nth(1).unwrap();
        assert!(
            first.starts_with(&format!("{month},")),
            "{published}: {first}"
        );
    }
    // The same in a CSV input, where every value is text.
    let csv_input = write(
        dir.path(),
        "in.csv",
        b"id,outlet,published,text\n1,A,1560420000000,Talks may resume.\n2,A,,Talks may resume.\n",
    );
    let csv = stdout(&run(&[
        "--resamples",
        "10",
        "--format",
        "csv",
        "--group-by",
        "published:month",
        &csv_input,
    ]));
    assert!(csv.contains("\n2019-06,"), "{csv}");
    // Unreadable dates: an error naming the line and value, or skipped.
    for bad in [
        json!("June 13, 2019"),
        json!("13/06/2019"),
        json!("2019-02-30"),
        json!(12345),
        json!(true),
    ] {
        let lines = jsonl(&[
            json!({"id": "1", "outlet": "A", "text": "Talks may resume.", "published": "2019-06-13"}),
            json!({"id": "2", "outlet": "A", "text": "Talks may resume.", "published": bad}),
        ]);
        let input = write(dir.path(), "in.jsonl", lines.as_bytes());
        expect_status(&run(&[&input]), 2, &["in.jsonl:2", "published"]);
        let report: Value = serde_json::from_str(&stdout(&run(&[
            "--resamples",
            "10",
            "--format",
            "json",
            "--skip-invalid",
            &input,
        ])))
        .unwrap();
        assert_eq!(report["input"]["analysed"], 1, "{bad}");
        assert_eq!(report["input"]["rejected"][0]["line"], 2, "{bad}");
    }
}

/// Reads keyword-in-context output with a CSV reader.
fn kwic_rows(text: &str, separator: u8) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn kwic_output_has_a_header_and_quotes_what_needs_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "in.jsonl",
        jsonl(&[json!({
            "id": "q\t1", "outlet": "The \"Quoted\", Outlet",
            "text": "He said \"perhaps\" the talks resume.\tIt may rain. Officials clearly agree."
        })])
        .as_bytes(),
    );
    for (format, separator) in [(None, b'\t'), (Some("tsv"), b'\t'), (Some("csv"), b',')] {
        let mut args = vec!["--kwic", "hedge", &input];
        if let Some(f) = format {
            args.extend(["--kwic-format", f]);
        }
        let text = stdout(&run(&args));
        let rows = kwic_rows(&text, separator);
        assert_eq!(
            rows[0],
            [
                "outlet",
                "article_id",
                "status",
                "left",
                "match",
                "right",
                "quoted",
                "source"
            ],
            "{format:?}"
        );
        assert_eq!(rows.len(), 3, "{text}");
        for row in &rows[1..] {
            assert_eq!(row.len(), 8, "{row:?}");
            assert_eq!(row[0], "The \"Quoted\", Outlet");
            assert_eq!(row[1], "q\t1");
        }
        let perhaps = rows.iter().find(|r| r[4] == "[perhaps]").unwrap();
        assert_eq!(perhaps[6], "true");
        assert_eq!(perhaps[3], "He said \"");
        let may = rows.iter().find(|r| r[4] == "[may]").unwrap();
        assert_eq!(may[6], "false");
        assert!(may[3].ends_with("resume. It "), "tabs folded: {may:?}");
    }
    // Actor mentions have no `quoted` value.
    let text = stdout(&run(&["--kwic", "IRAN"]));
    let rows = kwic_rows(&text, b'\t');
    assert!(rows.len() > 1);
    assert!(
        rows[1..]
            .iter()
            .all(|r| r[2] == "mention" && r[6].is_empty())
    );
}

#[test]
fn kwic_into_a_pipe_closed_after_one_line_exits_0() {
    // As `compare --kwic hedge | head -1`: the reader takes the header
    // line and goes away.
    for args in [
        &["--kwic", "hedge"][..],
        &["--kwic", "hedge", "--kwic-format", "csv"][..],
    ] {
        let mut child = compare()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while stdout.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
            line.push(byte[0]);
        }
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert!(String::from_utf8(line).unwrap().starts_with("outlet"));
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    }
}

#[test]
fn comparisons_are_written_as_tidy_rows() {
    let dir = tempfile::tempdir().unwrap();
    let file = path_in(dir.path(), "pairs.csv");
    let report: Value = serde_json::from_str(&stdout(&run(&[
        "--resamples",
        "50",
        "--format",
        "json",
        "--comparisons",
        &file,
    ])))
    .unwrap();
    let (header, rows) = csv_rows(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(
        header,
        [
            "outlet_a",
            "outlet_b",
            "scope",
            "metric",
            "value",
            "ci_low",
            "ci_high",
            "shared_stories"
        ]
    );
    let comparisons = report["comparisons"].as_array().unwrap();
    assert_eq!(comparisons.len(), 6); // four outlets
    for c in comparisons {
        let mine: Vec<&BTreeMap<String, String>> = rows
            .iter()
            .filter(|r| {
                r["outlet_a"] == c["outlet_a"].as_str().unwrap()
                    && r["outlet_b"] == c["outlet_b"].as_str().unwrap()
            })
            .collect();
        for (scope, field) in [("all", "differences"), ("within_story", "within_story")] {
            for (metric, d) in c[field].as_object().unwrap() {
                let row = mine
                    .iter()
                    .find(|r| r["scope"] == scope && r["metric"] == *metric)
                    .unwrap_or_else(|| panic!("{scope} {metric}"));
                let cell = |name: &str| row[name].parse::<f64>().ok();
                assert_eq!(cell("value"), d["difference"].as_f64(), "{metric}");
                assert_eq!(cell("ci_low"), d["ci_low"].as_f64(), "{metric}");
                assert_eq!(cell("ci_high"), d["ci_high"].as_f64(), "{metric}");
            }
        }
        let jsd = mine
            .iter()
            .find(|r| r["metric"] == "frame_mix_jsd")
            .unwrap();
        assert_eq!(jsd["scope"], "divergence");
        assert_eq!(
            jsd["value"].parse::<f64>().ok(),
            c["frame_mix_jsd"].as_f64()
        );
    }
    // Grouped otherwise: one column per group field and side.
    let out = run(&[
        "--resamples",
        "20",
        "--group-by",
        "outlet,published:month",
        "--min-articles",
        "1",
        "--comparisons",
        &file,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (header, _) = csv_rows(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(
        header[..4],
        [
            "outlet_a",
            "published_month_a",
            "outlet_b",
            "published_month_b"
        ]
    );
}

#[test]
fn partials_carry_their_grouping() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.jsonl", jsonl(&dated_corpus()).as_bytes());
    let partial = path_in(dir.path(), "p.json");
    let by_month = ["--group-by", "published:month"];
    let out = run(&[
        &by_month[..],
        &["--partial", &partial, "--resamples", "10", &input],
    ]
    .concat());
    assert!(out.status.success(), "{}", stderr(&out));
    // Merged with the same grouping: the same report as the run itself.
    let merged = stdout(&run(&[
        &by_month[..],
        &["--format", "json", "--resamples", "10", "--merge", &partial],
    ]
    .concat()));
    let direct = stdout(&run(&[
        &by_month[..],
        &["--format", "json", "--resamples", "10", &input],
    ]
    .concat()));
    let strip = |s: &str| {
        let mut v: Value = serde_json::from_str(s).unwrap();
        v["input"] = Value::Null;
        v
    };
    assert_eq!(strip(&merged), strip(&direct));
    // With another grouping: refused.
    expect_status(
        &run(&["--merge", &partial]),
        2,
        &["grouped by published:month", "this run groups by outlet"],
    );
}

#[test]
fn the_library_gives_the_same_rows_as_named_values() {
    use framescope::{Analyzer, Article, Corpus, GroupBy, ReportOptions};
    let analyzer = Analyzer::default();
    let mut corpus = Corpus::with_grouping(&analyzer, GroupBy::parse("published:year").unwrap());
    let mut table = corpus.article_table(&["url".to_string()]);
    for (id, published, text) in [
        (
            "1",
            "2019-03-01",
            "Talks may resume. Officials appear hopeful.",
        ),
        ("2", "2019-07-01", "The talks clearly stalled in Doha."),
        ("3", "2020-01-05", "A breakthrough seems unlikely."),
    ] {
        let mut article = Article::new(id, "Dispatch", text);
        article.published = Some(published.into());
        article.url = Some(format!("https://example.org/{id}"));
        let profile = analyzer.analyze(&article).profile;
        corpus.add(&article, &profile).unwrap();
        table.push(&article, &profile);
    }
    table.finish(|id| corpus.is_counted(id));
    let report = corpus.report(&ReportOptions {
        resamples: 20,
        ..ReportOptions::default()
    });
    let rows = table.rows();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].group.get("published_year"), Some("2019"));
    assert_eq!(
        rows[2].kept,
        [("url".to_string(), Some("https://example.org/3".to_string()))]
    );
    let hedges_2019 =
        (rows[0].metric("hedge_per_1k").unwrap() + rows[1].metric("hedge_per_1k").unwrap()) / 2.0;
    let g2019 = &report.outlets[0];
    assert_eq!(g2019.outlet, "2019");
    assert!((g2019.metrics["hedge_per_1k"].value.unwrap() - hedges_2019).abs() < 1e-12);
    let named = rows[0].values();
    assert_eq!(named[0].0, "id");
    assert_eq!(
        named[1],
        ("published_year", framescope::ArticleValue::Text("2019"))
    );
    assert!(named.iter().any(|(n, _)| *n == "booster_per_1k"));
}

/// The installed command is the same program as the example: the same
/// bytes for the same arguments (built with `cargo test --features cli`).
#[cfg(feature = "cli")]
#[test]
fn the_framescope_command_is_the_compare_example() {
    let args = [
        "--format",
        "json",
        "--resamples",
        "30",
        "--group-by",
        "outlet,published:month",
    ];
    let installed = std::process::Command::new(env!("CARGO_BIN_EXE_framescope"))
        .args(args)
        .output()
        .unwrap();
    assert!(installed.status.success(), "{}", stderr(&installed));
    assert_eq!(installed.stdout, run(&args).stdout);
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_framescope"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("--articles"));
}
