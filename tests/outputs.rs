//! The structure of every output of the example binary on the bundled
//! sample: the table, JSON, CSV and Markdown reports, the SVG chart, the
//! keyword-in-context lines, and a LIWC-style `.dic` lexicon.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

mod common;
use common::compare;

/// Runs the example (few resamples: structure, not statistics, is checked)
/// and returns its standard output, failing on a non-zero exit.
fn run_ok(args: &[&str]) -> String {
    let output: Output = compare()
        .args(["--resamples", "100"])
        .args(args)
        .output()
        .expect("the example runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temporary path")
}

/// The sample's JSON report.
fn sample_report() -> Value {
    serde_json::from_str(&run_ok(&["--format", "json"])).expect("the report is JSON")
}

fn outlet_names(report: &Value) -> Vec<String> {
    report["outlets"]
        .as_array()
        .expect("outlets")
        .iter()
        .map(|o| o["outlet"].as_str().expect("outlet name").to_string())
        .collect()
}

const HEADLINE: [&str; 6] = [
    "hedge_per_1k",
    "booster_per_1k",
    "uncertain_share",
    "certainty",
    "breakthrough_share",
    "outcome_balance",
];

#[test]
fn table_is_aligned_narrow_and_has_a_row_pair_per_outlet() {
    let names = outlet_names(&sample_report());
    let table = run_ok(&[]);
    let lines: Vec<&str> = table.lines().collect();
    let header = lines[0];
    for heading in [
        "outlet",
        "articles",
        "hedge/1k",
        "booster/1k",
        "uncertain",
        "certainty",
        "breakthru",
        "outcome",
    ] {
        assert!(header.contains(heading), "{heading} missing: {header}");
    }
    for line in &lines {
        assert!(line.chars().count() <= 121, "too wide: {line:?}");
    }

    // The rule under the header marks the columns: runs of dashes.
    let rule = lines[1];
    assert!(rule.chars().all(|c| c == '-' || c == ' '), "{rule}");
    let mut columns = Vec::new();
    let mut start = None;
    for (i, c) in rule
        .char_indices()
        .chain(std::iter::once((rule.len(), ' ')))
    {
        match (c, start) {
            ('-', None) => start = Some(i),
            (' ', Some(s)) => {
                columns.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    assert_eq!(columns.len(), 8, "{rule}");

    let body: Vec<&str> = lines[2..]
        .iter()
        .copied()
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(body.len(), 2 * names.len(), "{table}");
    for (pair, name) in body.chunks(2).zip(&names) {
        let (values, intervals) = (pair[0], pair[1]);
        assert!(values.starts_with(name.as_str()), "{values:?} for {name}");
        assert!(intervals.starts_with(' '), "{intervals:?}");
        // Numbers are right-aligned to the end of their column's rule.
        for column in &columns[1..] {
            let cell = values.get(column.clone()).expect("a full row");
            assert!(
                !cell.ends_with(' ') && !cell.trim().is_empty(),
                "{cell:?} in {values:?}"
            );
            let trimmed = cell.trim();
            assert!(
                trimmed == "-" || trimmed.parse::<f64>().is_ok(),
                "{trimmed:?} is not a number"
            );
            if let Some(cell) = intervals
                .get(column.clone())
                .filter(|c| !c.trim().is_empty())
            {
                let cell = cell.trim();
                assert!(cell.starts_with('[') && cell.ends_with(']'), "{cell:?}");
                let bounds: Vec<f64> = cell[1..cell.len() - 1]
                    .split(',')
                    .map(|b| b.parse().expect("a bound"))
                    .collect();
                assert_eq!(bounds.len(), 2);
                assert!(bounds[0] <= bounds[1], "{cell}");
            }
        }
    }
    let footer = lines[2 + body.len()..].join("\n");
    let n = framescope::io::SAMPLE_JSONL.lines().count();
    assert!(
        footer.contains(&format!("{n} records: {n} analysed, 0 rejected")),
        "{footer}"
    );
}

#[test]
fn table_footer_counts_rejected_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.jsonl");
    std::fs::write(
        &path,
        "{\"id\":\"1\",\"outlet\":\"Alpha\",\"text\":\"Talks may resume in Doha.\"}\n\
         not json\n\
         {\"id\":\"2\",\"outlet\":\"Beta\",\"text\":\"Iran clearly made progress.\"}\n",
    )
    .unwrap();
    let table = run_ok(&["--skip-invalid", path_str(&path)]);
    assert!(
        table.contains("3 records: 2 analysed, 1 rejected"),
        "{table}"
    );
}

#[test]
fn json_has_the_contract_keys() {
    let report = sample_report();
    for key in ["input", "lexicon", "settings", "outlets", "comparisons"] {
        assert!(report.get(key).is_some(), "no {key}");
    }
    for key in ["records", "analysed", "rejected"] {
        assert!(report["input"].get(key).is_some(), "no input.{key}");
    }
    assert!(report["lexicon"]["version"].is_string());
    let names = outlet_names(&report);
    assert_eq!(names.len(), 4);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    for outlet in report["outlets"].as_array().unwrap() {
        for key in ["articles", "sentences", "tokens"] {
            assert!(outlet[key].is_u64(), "no {key}");
        }
        assert!(outlet["counts"]["categories"]["hedge"]["asserted"].is_u64());
        assert!(outlet["counts"]["actors"]["US"]["mentions"].is_u64());
        for name in HEADLINE
            .iter()
            .copied()
            .chain(["quoted_share", "actor_salience.US"])
        {
            let metric = &outlet["metrics"][name];
            for key in ["value", "ci_low", "ci_high", "n", "pooled"] {
                assert!(metric.get(key).is_some(), "{name} has no {key}");
            }
        }
    }
    let comparison = &report["comparisons"][0];
    for key in ["outlet_a", "outlet_b", "differences"] {
        assert!(comparison.get(key).is_some(), "no comparisons[0].{key}");
    }
}

#[test]
fn csv_is_tidy_with_seven_fields_and_numbers() {
    let report = sample_report();
    let names = outlet_names(&report);
    let metrics_per_outlet = report["outlets"][0]["metrics"].as_object().unwrap().len();
    let text = run_ok(&["--format", "csv"]);
    assert!(text.starts_with("outlet,metric,value,ci_low,ci_high,n,pooled\n"));
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = 0;
    for record in reader.records() {
        let record = record.expect("a CSV record");
        assert_eq!(record.len(), 7, "{record:?}");
        assert!(names.iter().any(|n| n == &record[0]), "{record:?}");
        assert!(!record[1].is_empty());
        for i in [2, 3, 4, 6] {
            let field = &record[i];
            assert!(
                field.is_empty() || field.parse::<f64>().is_ok_and(f64::is_finite),
                "{field:?} in {record:?}"
            );
        }
        record[5].parse::<u64>().expect("n is a count");
        rows += 1;
    }
    assert_eq!(rows, names.len() * metrics_per_outlet);
}

#[test]
fn markdown_is_a_pipe_table_with_a_row_per_outlet() {
    let names = outlet_names(&sample_report());
    let text = run_ok(&["--format", "markdown"]);
    let lines: Vec<&str> = text.lines().collect();
    let cells = |line: &str| line.trim_matches('|').split('|').count();
    assert!(
        lines[0].starts_with("| outlet | articles |"),
        "{}",
        lines[0]
    );
    for name in HEADLINE {
        assert!(lines[0].contains(name), "{name} missing");
    }
    let width = cells(lines[0]);
    let separator = lines[1];
    assert!(separator.starts_with('|') && separator.ends_with('|'));
    assert!(
        separator
            .trim_matches('|')
            .split('|')
            .all(|c| !c.is_empty() && c.chars().all(|ch| ch == '-' || ch == ':')),
        "{separator}"
    );
    assert_eq!(cells(separator), width);
    let rows: Vec<&str> = lines[2..]
        .iter()
        .copied()
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(rows.len(), names.len(), "{text}");
    for (row, name) in rows.iter().zip(&names) {
        assert!(row.starts_with(&format!("| {name} |")), "{row}");
        assert_eq!(cells(row), width, "{row}");
    }
}

/// A small well-formedness check: tags balance, one root element,
/// attributes quoted, `&` only in entities. Returns the root's name.
fn well_formed_root(doc: &str) -> String {
    fn check_text(text: &str) {
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "bare & in {text:?}"
            );
        }
    }
    let mut rest = doc.trim_start();
    if rest.starts_with("<?xml") {
        rest = &rest[rest.find("?>").expect("end of declaration") + 2..];
    }
    let mut stack: Vec<&str> = Vec::new();
    let mut root = None;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        check_text(text);
        assert!(
            !stack.is_empty() || text.trim().is_empty(),
            "text outside the root: {text:?}"
        );
        rest = &rest[open..];
        if rest.starts_with("<!--") {
            rest = &rest[rest.find("-->").expect("end of comment") + 3..];
            continue;
        }
        let close = rest.find('>').expect("end of tag");
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes: {tag}");
        assert!(!tag.contains('<'), "{tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name.trim()), "mismatched </{name}>");
            continue;
        }
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .expect("a tag name");
        assert!(!name.is_empty(), "empty tag name in <{tag}>");
        if stack.is_empty() {
            assert!(root.is_none(), "a second root element <{name}>");
            root = Some(name.to_string());
        }
        if !tag.ends_with('/') {
            stack.push(name);
        }
    }
    assert!(rest.trim().is_empty(), "text after the root");
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    root.expect("a root element")
}

/// The text content of every `<text>` element, trimmed, with the usual
/// entities decoded.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|piece| {
            let body = &piece[piece.find('>')? + 1..];
            let body = &body[..body.find("</text>")?];
            Some(
                body.trim()
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            )
        })
        .collect()
}

#[test]
fn svg_chart_is_well_formed_and_labelled() {
    let report = sample_report();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.svg");
    let table = run_ok(&["--svg", path_str(&path)]);
    assert!(
        table.starts_with("outlet"),
        "the report still goes to stdout"
    );
    let svg = std::fs::read_to_string(&path).expect("the chart was written");
    assert_eq!(well_formed_root(&svg), "svg");
    let texts = svg_texts(&svg);
    let has = |s: &str| texts.iter().any(|t| t == s);
    let has_part = |s: &str| texts.iter().any(|t| t.contains(s));
    assert!(has_part("How outlets compare"), "no title: {texts:?}");
    assert!(has_part("95% bootstrap intervals"), "no subtitle");
    for name in outlet_names(&report) {
        assert!(has(&name), "{name} is not labelled");
    }
    for metric in HEADLINE {
        assert!(has(metric), "no panel for {metric}");
    }
    assert!(has_part("hedges per 1,000 tokens"), "no axis label");
    // The heat map: its title, one column per actor, a value per cell.
    assert!(has_part("Actor salience"), "no heat map title");
    let actors = report["lexicon"]["actors"].as_array().unwrap();
    assert!(!actors.is_empty());
    for actor in actors {
        assert!(has(actor.as_str().unwrap()), "no column for {actor}");
    }
    let us = report["outlets"][0]["metrics"]["actor_salience.US"]["value"]
        .as_f64()
        .unwrap();
    assert!(has(&format!("{us:.2}")), "no cell {us:.2}");
}

#[test]
fn svg_chart_shows_at_most_twelve_outlets_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    let mut lines = String::new();
    // Outlet k has k + 1 articles, so the twelve largest are 3..=14.
    for k in 0..15 {
        for a in 0..=k {
            lines.push_str(&format!(
                "{{\"id\":\"{k}-{a}\",\"outlet\":\"Outlet {k:02}\",\
                 \"text\":\"Iran may return to Doha. The US clearly made progress.\"}}\n"
            ));
        }
    }
    std::fs::write(&input, lines).unwrap();
    let path = dir.path().join("many.svg");
    run_ok(&["--svg", path_str(&path), path_str(&input)]);
    let svg = std::fs::read_to_string(&path).unwrap();
    assert_eq!(well_formed_root(&svg), "svg");
    let texts = svg_texts(&svg);
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Showing the 12 outlets with the most articles (of 15)")),
        "{texts:?}"
    );
    for k in 0..15 {
        let name = format!("Outlet {k:02}");
        assert_eq!(texts.contains(&name), k >= 3, "{name}");
    }
}

/// Keyword-in-context lines: a header row, then rows of eight
/// tab-separated fields (read as a CSV reader with tabs reads them), the
/// match in brackets, a valid status, `quoted` true or false for cues, a
/// source (`own`, `?` or `TEXT [ACTOR]`).
fn check_kwic(spec: &str, statuses: &[&str]) -> Vec<Vec<String>> {
    let names = outlet_names(&sample_report());
    let text = run_ok(&["--kwic", spec]);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "outlet",
            "article_id",
            "status",
            "left",
            "match",
            "right",
            "quoted",
            "source"
        ]
    );
    let lines: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert!(!lines.is_empty(), "no match for {spec}");
    for fields in &lines {
        assert_eq!(fields.len(), 8, "{fields:?}");
        let quoted = if fields[2] == "mention" {
            &[""][..]
        } else {
            &["true", "false"][..]
        };
        assert!(quoted.contains(&fields[6].as_str()), "{fields:?}");
        assert!(names.contains(&fields[0]), "{fields:?}");
        assert!(!fields[1].is_empty(), "{fields:?}");
        assert!(statuses.contains(&fields[2].as_str()), "{fields:?}");
        let source = &fields[7];
        assert!(
            source == "own" || source == "?" || source.ends_with(']'),
            "{fields:?}"
        );
        let matched = &fields[4];
        assert!(
            matched.len() > 2 && matched.starts_with('[') && matched.ends_with(']'),
            "{fields:?}"
        );
        for context in [&fields[3], &fields[5]] {
            assert!(!context.contains('\n') && context.chars().count() <= 50);
        }
    }
    lines
}

#[test]
fn kwic_lines_for_a_category() {
    let lines = check_kwic("hedge", &["asserted", "negated", "hypothetical"]);
    assert!(lines.iter().any(|f| f[2] == "asserted"));
    // Some hedges are the outlets' own, some their sources'.
    assert!(lines.iter().any(|f| f[7] == "own"));
    assert!(lines.iter().any(|f| f[7] != "own"));
}

#[test]
fn kwic_lines_for_one_term() {
    let lines = check_kwic(
        "breakthrough:breakthrough",
        &["asserted", "negated", "hypothetical"],
    );
    for fields in &lines {
        assert_eq!(fields[4].to_lowercase(), "[breakthrough]", "{fields:?}");
    }
    // The sample's outlets deny a breakthrough more often than claim one.
    assert!(lines.iter().any(|f| f[2] == "negated"));
}

#[test]
fn kwic_lines_for_an_actor() {
    let lines = check_kwic("US", &["mention"]);
    assert!(
        lines.iter().all(|f| f[4] != "[us]"), // the pronoun is not the country
        "{lines:?}"
    );
}

#[test]
fn a_dic_lexicon_adds_a_category_metric() {
    let dir = tempfile::tempdir().unwrap();
    let dic = dir.path().join("mine.dic");
    std::fs::write(
        &dic,
        "%\n1\thedge\n2\tbuoyancy\n%\nperchance\t1\nbuoyant\t2\nsanguin*\t2\n",
    )
    .unwrap();
    let corpus = dir.path().join("tiny.jsonl");
    std::fs::write(
        &corpus,
        "{\"id\":\"1\",\"outlet\":\"Alpha\",\"text\":\"Negotiators in Doha were buoyant. \
         Perchance the talks resume. Iran was sanguine.\"}\n\
         {\"id\":\"2\",\"outlet\":\"Beta\",\"text\":\"The talks in Doha stalled.\"}\n",
    )
    .unwrap();

    // On the sample: the new category has a rate, the old ones remain.
    let report: Value =
        serde_json::from_str(&run_ok(&["--format", "json", "--lexicon", path_str(&dic)])).unwrap();
    let categories = report["lexicon"]["categories"].as_array().unwrap();
    assert!(categories.iter().any(|c| c == "buoyancy"), "{categories:?}");
    for outlet in report["outlets"].as_array().unwrap() {
        assert!(outlet["metrics"]["buoyancy_per_1k"]["n"].as_u64().unwrap() > 0);
        assert!(outlet["metrics"]["hedge_per_1k"].is_object());
    }

    // On a corpus that uses the words: they are counted.
    let report: Value = serde_json::from_str(&run_ok(&[
        "--format",
        "json",
        "--lexicon",
        path_str(&dic),
        path_str(&corpus),
    ]))
    .unwrap();
    let alpha = &report["outlets"][0];
    assert_eq!(alpha["outlet"], "Alpha");
    assert_eq!(alpha["counts"]["categories"]["buoyancy"]["asserted"], 2);
    assert!(
        alpha["counts"]["categories"]["hedge"]["asserted"]
            .as_u64()
            .unwrap()
            >= 1
    );
    assert!(
        alpha["metrics"]["buoyancy_per_1k"]["value"]
            .as_f64()
            .unwrap()
            > 0.0
    );
    let beta = &report["outlets"][1];
    assert_eq!(beta["metrics"]["buoyancy_per_1k"]["value"], 0.0);
}

#[test]
fn the_readme_example_lexicon_loads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/lexicon-example.toml");
    let report: Value =
        serde_json::from_str(&run_ok(&["--format", "json", "--lexicon", path_str(&path)])).unwrap();
    let metrics = &report["outlets"][0]["metrics"];
    for name in ["urgency_per_1k", "actor_salience.OMAN", "hedge_per_1k"] {
        assert!(metrics[name].is_object(), "no {name}");
    }
}
