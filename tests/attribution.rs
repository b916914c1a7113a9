//! Attribution through the public API and the example binary: the
//! invariants of every relation on adversarial and random text (each
//! adversarial input is megabytes long, so a stage that is not linear
//! would not finish), the `--attributions` contract, and the voice in the
//! `--sentences` dump.

use std::process::Output;

use framescope::{Analysis, Analyzer, AttributionKind, Span, Voice};
use proptest::prelude::*;
use serde_json::Value;

mod common;
use common::compare;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    ANALYZER.get_or_init(Analyzer::default)
}

/// Checks the attributions and voices of an analysis; returns the first
/// violation.
fn check(text: &str, analysis: &Analysis) -> Result<(), String> {
    let valid = |span: Span, what: &str| -> Result<(), String> {
        if span.start >= span.end || span.end > text.len() {
            return Err(format!("{what}: bad span {span:?}"));
        }
        if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            return Err(format!("{what}: {span:?} not on char boundaries"));
        }
        Ok(())
    };
    let relations = &analysis.attributions;
    for (i, a) in relations.iter().enumerate() {
        valid(a.content, "content")?;
        if let Some(cue) = a.cue {
            valid(cue, "cue")?;
        }
        if let Some(source) = a.source {
            valid(source.span, "source")?;
        }
        if i > 0 && relations[i - 1].content.start > a.content.start {
            return Err("attributions out of order".into());
        }
        if let Some(head) = a.continues {
            let first = relations
                .get(head)
                .ok_or("continues: no such attribution")?;
            if first.continues.is_some() || first.source != a.source || a.cue.is_some() {
                return Err(format!("part {i} does not continue {head}"));
            }
        }
    }
    for cue in &analysis.cues {
        match cue.voice {
            Voice::Own => {}
            Voice::Attributed { relation, actor } => {
                let a = relations
                    .get(relation)
                    .ok_or("voice: no such attribution")?;
                if cue.span.start < a.content.start || cue.span.start >= a.content.end {
                    return Err(format!("cue {:?} outside its content", cue.span));
                }
                if actor != a.source.and_then(|s| s.actor) {
                    return Err("voice actor differs from the source's".into());
                }
            }
        }
    }
    let p = &analysis.profile;
    let heads = relations.iter().filter(|a| a.continues.is_none()).count();
    if p.attributions != heads as u64 {
        return Err("profile attribution count".into());
    }
    if p.sources.iter().sum::<u64>() > p.attributions {
        return Err("more sources than attributions".into());
    }
    if p.attributed_tokens > p.tokens {
        return Err("more attributed tokens than tokens".into());
    }
    for c in &p.categories {
        if c.attributed > c.total() || c.attributed_asserted > c.asserted {
            return Err("more attributed cues than cues".into());
        }
    }
    Ok(())
}

fn analyze_checked(text: &str) -> Analysis {
    let analysis = analyzer().analyze_text(text);
    if let Err(e) = check(text, &analysis) {
        let head: String = text.chars().take(60).collect();
        panic!("{e} for a text of {} bytes starting {head:?}", text.len());
    }
    analysis
}

const MB: usize = 1 << 20;

fn rep(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len())
}

#[test]
fn a_ten_megabyte_quotation() {
    let body = rep(
        "the talks made progress and the sides may meet again ",
        10 * MB,
    );
    let text = format!("“{body}” said a Qatari mediator.");
    let a = analyze_checked(&text);
    assert_eq!(a.attributions.len(), 1);
    let quote = &a.attributions[0];
    assert_eq!(quote.kind, AttributionKind::Direct);
    assert_eq!(quote.content.len(), body.len() + 6);
    let qatar = analyzer().lexicon().actor_index("QATAR");
    assert_eq!(quote.source.and_then(|s| s.actor), qatar);
    // Every cue inside is the mediator's ("mediator" itself is not).
    assert!(
        a.cues
            .iter()
            .all(|c| c.voice.is_attributed() == (c.span.end <= quote.content.end))
    );
}

#[test]
fn unbalanced_and_dense_quotation_marks() {
    for unit in [
        "“Iran said ",
        "Iran said” ",
        "\"said ",
        "\" said \"",
        "'' said ",
        "“”",
        "« officials said ",
        "“a” “b” said Iran, ",
    ] {
        analyze_checked(&rep(unit, 2 * MB));
    }
}

#[test]
fn a_cue_on_every_word() {
    for unit in [
        "said ",
        "he said ",
        "Iran said that ",
        "according to Iran, ",
        "officials, said Iran, ",
        "wants believes says ",
        ", adding, ",
        "Doha, who said, ",
    ] {
        analyze_checked(&rep(unit, 2 * MB));
    }
}

#[test]
fn a_long_sentence_of_cues_and_commas() {
    // One sentence: every cue's content runs towards the same end.
    let text = format!("{}.", rep("officials said the talks stalled, ", 2 * MB));
    let a = analyze_checked(&text);
    assert!(!a.attributions.is_empty());
}

#[test]
fn a_byte_order_mark_stays_in_the_offsets() {
    let line = "{\"id\":\"b\",\"outlet\":\"O\",\"text\":\"\u{feff}The talks stalled, Iranian officials said.\"}\n";
    let mut records = framescope::io::JsonlReader::new(line.as_bytes(), "bom.jsonl");
    let record = records.next().expect("one record").expect("valid");
    assert!(record.article.text.starts_with('\u{feff}'));
    let a = analyze_checked(&record.article.text);
    let content = a.attributions[0].content;
    assert_eq!(&record.article.text[content.range()], "The talks stalled");
    assert_eq!(content.start, '\u{feff}'.len_utf8());
}

const PIECES: &[&str] = &[
    "Iran ",
    "officials ",
    "said ",
    "says ",
    "told reporters ",
    "according to ",
    "that ",
    "the talks ",
    "made progress",
    "stalled",
    "he ",
    "who ",
    ", ",
    ". ",
    "“",
    "”",
    "\"",
    "''",
    ": ",
    "\n",
    "\n\n",
    "wants ",
    "a breakthrough ",
    "Qatar's envoy ",
    "the minister ",
    "adding ",
    "(",
    ")",
    "—",
];

fn news_string() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn attributions_are_well_formed_on_any_text(text in news_string()) {
        let analysis = analyzer().analyze_text(&text);
        prop_assert_eq!(check(&text, &analysis), Ok(()));
    }
}

fn run(args: &[&str]) -> Output {
    compare().args(args).output().expect("the example runs")
}

fn lines(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn the_attributions_file_has_the_contract_shape() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("attributions.jsonl");
    let output = run(&[
        "--resamples",
        "10",
        "--output",
        "/dev/null",
        "--attributions",
        path.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let texts: std::collections::HashMap<String, String> = framescope::io::sample()
        .map(|r| r.unwrap())
        .map(|r| (r.article.id, r.article.text))
        .collect();
    let relations = lines(&path);
    assert!(relations.len() > 100, "{}", relations.len());
    let mut kinds = std::collections::BTreeSet::new();
    let mut actors = std::collections::BTreeSet::new();
    for r in &relations {
        let text = &texts[r["article_id"].as_str().unwrap()];
        assert!(r["outlet"].is_string());
        let kind = r["kind"].as_str().unwrap();
        assert!(
            ["direct", "mixed", "indirect", "according_to"].contains(&kind),
            "{r}"
        );
        kinds.insert(kind.to_string());
        let span = |v: &Value| {
            (
                v["start"].as_u64().unwrap() as usize,
                v["end"].as_u64().unwrap() as usize,
            )
        };
        let (s, e) = span(&r["content"]);
        assert!(s < e && text.get(s..e).is_some(), "{r}");
        if !r["cue"].is_null() {
            let (s, e) = span(&r["cue"]);
            assert!(text.get(s..e).is_some(), "{r}");
        }
        let source = &r["source"];
        if !source.is_null() {
            let (s, e) = span(source);
            assert_eq!(text.get(s..e), source["text"].as_str(), "{r}");
            if let Some(actor) = source["actor"].as_str() {
                actors.insert(actor.to_string());
            } else {
                assert!(source["actor"].is_null());
            }
        }
    }
    // The sample has every kind, and sources for every actor.
    assert_eq!(kinds.len(), 4, "{kinds:?}");
    for actor in ["US", "IRAN", "QATAR", "PAKISTAN", "ISRAEL"] {
        assert!(actors.contains(actor), "{actor} in {actors:?}");
    }
}

#[test]
fn the_sentence_dump_gives_each_cue_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sentences.jsonl");
    let output = run(&[
        "--resamples",
        "10",
        "--output",
        "/dev/null",
        "--sentences",
        path.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    let (mut own, mut attributed) = (0, 0);
    for sentence in lines(&path) {
        for cue in sentence["cues"].as_array().unwrap() {
            let source = &cue["source"];
            if source.is_null() {
                own += 1;
            } else {
                attributed += 1;
                assert!(source["text"].is_string(), "{cue}");
                assert!(
                    source["actor"].is_string() || source["actor"].is_null(),
                    "{cue}"
                );
            }
        }
    }
    assert!(
        own > 0 && attributed > 0,
        "{own} own, {attributed} attributed"
    );
}
