//! Tagging through the public API with a small custom lexicon, so these
//! checks do not depend on the default lists.

use framescope::tag_sentences;
use framescope::{Analyzer, Status};

mod common;
use common::mini_analyzer as analyzer;

/// (category, matched text, status, quoted) of every cue in `text`.
use common::cue_tuples as cues;

fn actors(analyzer: &Analyzer, text: &str) -> Vec<String> {
    tag_sentences(analyzer, text)
        .into_iter()
        .flat_map(|s| s.actors)
        .collect()
}

/// (category, matched text, status, quoted).
type ExpectedCue = (&'static str, &'static str, Status, bool);

#[test]
fn statuses_follow_negation_hypotheticals_and_quotes() {
    let a = analyzer();
    let table: &[(&str, &[ExpectedCue])] = &[
        (
            "The talks made progress.",
            &[
                ("diplomacy", "talks", Status::Asserted, false),
                ("progress", "progress", Status::Asserted, false),
            ],
        ),
        (
            "There was no breakthrough.",
            &[("breakthrough", "breakthrough", Status::Negated, false)],
        ),
        (
            "The sides failed to reach a breakthrough.",
            &[("breakthrough", "breakthrough", Status::Negated, false)],
        ),
        (
            "A breakthrough was not reached.",
            &[("breakthrough", "breakthrough", Status::Negated, false)],
        ),
        (
            "If they find a breakthrough, oil falls.",
            &[("breakthrough", "breakthrough", Status::Hypothetical, false)],
        ),
        (
            "Not only progress but a breakthrough.",
            &[
                ("progress", "progress", Status::Asserted, false),
                ("breakthrough", "breakthrough", Status::Asserted, false),
            ],
        ),
        (
            "No deal, but real progress.",
            &[("progress", "progress", Status::Asserted, false)],
        ),
        (
            "\"We clearly stalled,\" he said.",
            &[
                ("booster", "clearly", Status::Asserted, true),
                ("setback", "stalled", Status::Asserted, true),
            ],
        ),
        (
            "Officials voiced cautious optimism.",
            &[("hedge", "cautious optimism", Status::Asserted, false)],
        ),
        (
            "It may appear so on May 12.",
            &[
                ("hedge", "may", Status::Asserted, false),
                ("hedge", "appear", Status::Asserted, false),
            ],
        ),
        (
            "There is no doubt about the pressure.",
            &[
                ("booster", "no doubt", Status::Asserted, false),
                ("leverage", "pressure", Status::Asserted, false),
            ],
        ),
        (
            "The talks didn't stall.",
            &[
                ("diplomacy", "talks", Status::Asserted, false),
                ("setback", "stall", Status::Negated, false),
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (text, expected) in table {
        let got = cues(&a, text);
        let expected = common::owned_cues(expected);
        if got != expected {
            failures.push(format!(
                "{text:?}\n  got      {got:?}\n  expected {expected:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn actors_respect_case_exclusions_and_compounds() {
    let a = analyzer();
    let table: &[(&str, &[&str])] = &[
        ("The US and Iran met.", &["US", "IRAN"]),
        ("They told us nothing.", &[]),
        ("IRAN AND US AGREE", &["IRAN", "US"]),
        ("The Washington Post reported it.", &[]),
        ("George Washington slept here.", &[]),
        ("Washington's demands grew.", &["US"]),
        ("U.S.-Iran talks in Doha.", &["US", "IRAN", "QATAR"]),
        ("A Qatar-brokered plan.", &["QATAR"]),
        ("Americans and Qatari envoys.", &["US", "QATAR"]),
    ];
    for (text, expected) in table {
        assert_eq!(actors(&a, text), *expected, "{text:?}");
    }
}

#[test]
fn counts_add_up_in_the_profile() {
    let a = analyzer();
    let text = "Iran may talk. Iran clearly stalled. The US made progress with Iran.";
    let analysis = a.analyze_text(text);
    let lex = a.lexicon();
    let iran = lex.actor_index("IRAN").unwrap();
    let hedge = lex.category_index("hedge").unwrap();
    assert_eq!(analysis.profile.sentences, 3);
    assert_eq!(analysis.profile.actors[iran].mentions, 3);
    assert_eq!(analysis.profile.actors[iran].sentences, 3);
    assert_eq!(analysis.profile.categories[hedge].asserted, 1);
    assert_eq!(analysis.profile.categories[hedge].sentences, 1);
    let n = lex.categories().len();
    assert_eq!(
        analysis.profile.actor_category[iran.index() * n + hedge.index()],
        1
    );
    assert_eq!(analysis.profile.actor_category_count(iran, hedge), 1);
    assert_eq!(analysis.profile.tokens, 12);
}
