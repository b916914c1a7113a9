//! Dictionaries as researchers have them (issue 20): LIWC `.dic` files with
//! words in several categories, YAML dictionaries in quanteda's format,
//! regular expressions over a word, and the rule for a term the defaults
//! already have (extend, or override through `exclude`). Every dictionary
//! here is written by the test.

use std::path::Path;
use std::process::Output;

use framescope::{Analyzer, LexiconErrorKind, LexiconWarning};
use serde_json::Value;

mod common;
use common::compare;

/// (category, matched text) of every asserted or other cue in `text`.
fn cues(analyzer: &Analyzer, text: &str) -> Vec<(String, String)> {
    common::cue_tuples(analyzer, text)
        .into_iter()
        .map(|(category, matched, _, _)| (category, matched))
        .collect()
}

fn owned(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(c, t)| (c.to_string(), t.to_string()))
        .collect()
}

#[test]
fn a_dic_word_in_several_categories_counts_in_each() {
    let dic = "%\n1\tfuture\n2\ttentat\n3\tcertain\n%\nwill\t1\nmaybe\t2\nperhaps\t2\nkind of\t1 2\nsure*\t3\n";
    let analyzer = Analyzer::builder()
        .without_defaults()
        .lexicon_dic("mine.dic", dic)
        .build()
        .expect("a word in two categories is allowed in a .dic");
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("It will rain.", &[("future", "will")]),
        (
            "It is kind of late.",
            &[("future", "kind of"), ("tentat", "kind of")],
        ),
        (
            "Maybe. Surely.",
            &[("tentat", "Maybe"), ("certain", "Surely")],
        ),
    ];
    for (text, expected) in cases {
        let mut found = cues(&analyzer, text);
        found.sort();
        let mut expected = owned(expected);
        expected.sort();
        assert_eq!(found, expected, "{text}");
    }
}

#[test]
fn a_dictionary_word_the_defaults_have_extends_them() {
    // "perhaps" is a default hedge; here it is also `tentat`, and
    // "progress" (a default progress cue) is also `upbeat`.
    let dic = "%\n1\ttentat\n2\tupbeat\n%\nmaybe\t1\nperhaps\t1\nprogress\t2\n";
    let analyzer = Analyzer::builder()
        .lexicon_dic("liwc.dic", dic)
        .build()
        .expect("a word the defaults have is no error");
    let mut found = cues(&analyzer, "Perhaps they made progress.");
    found.sort();
    assert_eq!(
        found,
        owned(&[
            ("hedge", "Perhaps"),
            ("progress", "progress"),
            ("tentat", "Perhaps"),
            ("upbeat", "progress"),
        ])
    );
    let shared: Vec<String> = analyzer
        .lexicon()
        .warnings()
        .iter()
        .filter(|w| matches!(w, LexiconWarning::SharedEntry { .. }))
        .map(|w| w.to_string())
        .collect();
    assert!(
        shared
            .iter()
            .any(|w| w.contains("liwc.dic:7") && w.contains("counts for both")),
        "{shared:?}"
    );
    // The same in one TOML file is still a conflict: a slip, not a rule.
    let err = Analyzer::builder()
        .without_defaults()
        .lexicon_toml(
            "one.toml",
            "[categories.a]\nterms = [\"deal\"]\n[categories.b]\nterms = [\"deal\"]\n",
        )
        .build()
        .unwrap_err();
    assert!(matches!(err.kind, LexiconErrorKind::Conflict(_)), "{err}");
}

#[test]
fn a_later_file_overrides_between_a_term_and_an_exclusion_of_its_category() {
    let defaults = Analyzer::default();
    let text = "It is a work in progress. The talks made progress.";
    assert_eq!(
        cues(&defaults, text)
            .into_iter()
            .filter(|(c, _)| c == "progress")
            .count(),
        1
    );
    // Counting the idiom the defaults exclude, and dropping the plain word.
    let analyzer = Analyzer::builder()
        .lexicon_toml(
            "mine.toml",
            "[categories.progress]\nterms = [\"work in progress\"]\nexclude = [\"progress\"]\n",
        )
        .build()
        .unwrap();
    let progress: Vec<String> = cues(&analyzer, text)
        .into_iter()
        .filter(|(c, _)| c == "progress")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(progress, ["work in progress"]);
    assert_eq!(
        analyzer
            .lexicon()
            .warnings()
            .iter()
            .filter(|w| matches!(w, LexiconWarning::OverriddenEntry { .. }))
            .count(),
        2
    );
}

#[test]
fn regular_expressions_match_one_word() {
    let analyzer = Analyzer::builder()
        .without_defaults()
        .lexicon_toml(
            "re.toml",
            "[categories.optimism]\nterms = [\"/^optimi[sz]/\", \"/^talks?$/ resumed\", \"=/^NATO$/\"]\n",
        )
        .build()
        .unwrap();
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("Optimism grew.", &[("optimism", "Optimism")]),
        ("They optimized it.", &[("optimism", "optimized")]),
        ("Pessimism and optimal.", &[]),
        ("The talk resumed.", &[("optimism", "talk resumed")]),
        ("The talks resumed.", &[("optimism", "talks resumed")]),
        ("The talkshow resumed.", &[]),
        ("NATO met; nato did not.", &[("optimism", "NATO")]),
    ];
    for (text, expected) in cases {
        assert_eq!(cues(&analyzer, text), owned(expected), "{text}");
    }
    // A regular expression that does not compile names its file, line
    // and entry.
    let err = Analyzer::builder()
        .without_defaults()
        .lexicon_toml(
            "bad.toml",
            "[categories.x]\nterms = [\n  \"/^(unclosed/\",\n]\n",
        )
        .build()
        .unwrap_err();
    assert_eq!((err.file.as_str(), err.line), ("bad.toml", Some(3)));
    assert!(
        matches!(err.kind, LexiconErrorKind::InvalidPattern(_)),
        "{err}"
    );
}

const YAML: &str = "\
# a quanteda dictionary
hedge:
  - perhaps
  - possib*
optimism:
  upbeat:
    - hope*
    - /^buoyan(t|cy)$/
    - optimi?m
  guarded: [cautious*, \"wait and see\"]
";

#[test]
fn yaml_dictionaries_have_categories_subtypes_globs_and_regular_expressions() {
    let analyzer = Analyzer::builder()
        .without_defaults()
        .lexicon_yaml("q.yml", YAML)
        .build()
        .unwrap();
    let lexicon = analyzer.lexicon();
    let optimism = lexicon.category_index("optimism").unwrap();
    let subtypes: Vec<&str> = lexicon
        .category(optimism)
        .unwrap()
        .subtypes
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(subtypes, ["guarded", "upbeat"]);
    let mut found = cues(
        &analyzer,
        "Hopes rose, buoyancy too; optimism, and optimizm. Possibly they wait and see.",
    );
    found.sort();
    let mut expected = owned(&[
        ("optimism", "Hopes"),
        ("optimism", "buoyancy"),
        ("optimism", "optimism"),
        ("optimism", "optimizm"),
        ("optimism", "wait and see"),
        ("hedge", "Possibly"),
    ]);
    expected.sort();
    assert_eq!(found, expected);
    let names: Vec<String> = framescope::metrics_for(lexicon)
        .into_iter()
        .map(|m| m.name)
        .collect();
    for name in [
        "optimism_per_1k",
        "optimism.upbeat_per_1k",
        "optimism.guarded_per_1k",
    ] {
        assert!(names.iter().any(|n| n == name), "{name}");
    }
    // Errors name the YAML file and line.
    for (text, line) in [
        ("hedge:\n  - perhaps\n  - [unclosed\n", 3),
        ("- a\n- b\n", 1),
    ] {
        let err = Analyzer::builder()
            .lexicon_yaml("bad.yml", text)
            .build()
            .unwrap_err();
        assert_eq!(err.file, "bad.yml", "{err}");
        assert!(err.line.is_some_and(|l| l <= line + 1), "{text:?}: {err}");
    }
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn report(args: &[&str]) -> Value {
    let output: Output = compare()
        .args(["--resamples", "20", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn every_dictionary_format_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write(
        dir.path(),
        "in.jsonl",
        "{\"id\":\"1\",\"outlet\":\"A\",\"text\":\"Perhaps the zebras resumed. Hopes rose; the mood is kind of buoyant.\"}\n\
         {\"id\":\"2\",\"outlet\":\"B\",\"text\":\"The talks stalled. Markets were buoyant.\"}\n",
    );
    let files = [
        write(dir.path(), "q.yml", YAML),
        write(dir.path(), "q.yaml", "mood: [kind of, /^resum/]\n"),
        write(
            dir.path(),
            "l.dic",
            "%\n1\tmood2\n2\ttentat\n%\nkind of\t1 2\nperhaps\t2\n",
        ),
        write(
            dir.path(),
            "r.toml",
            "[categories.zebra]\nterms = [\"/^zebras?$/\"]\n",
        ),
    ];
    let mut args: Vec<&str> = Vec::new();
    for f in &files {
        args.extend(["--lexicon", f.as_str()]);
    }
    args.push(&corpus);
    let report = report(&args);
    let a = &report["outlets"][0];
    let count = |category: &str| a["counts"]["categories"][category]["asserted"].as_u64();
    assert_eq!(count("optimism"), Some(2)); // Hopes, buoyant
    assert_eq!(count("mood"), Some(2)); // resumed, kind of
    assert_eq!(count("mood2"), Some(1)); // kind of
    assert_eq!(count("tentat"), Some(2)); // Perhaps, kind of
    assert_eq!(count("zebra"), Some(1));
    assert!(count("hedge").unwrap() >= 1);
    assert!(
        a["metrics"]["optimism.upbeat_per_1k"]["value"]
            .as_f64()
            .unwrap()
            > 0.0
    );
    let b = &report["outlets"][1];
    assert_eq!(b["counts"]["categories"]["optimism"]["asserted"], 1); // buoyant

    // A bad YAML file stops the run, naming it.
    let bad = write(dir.path(), "bad.yml", "hedge: [unclosed\n");
    let output = compare().args(["--lexicon", &bad]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("bad.yml"));
}
