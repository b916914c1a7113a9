//! Sentence kinds, which sentences count in per-sentence denominators, and
//! the headline metrics (issue 19), through the public API, with the small
//! test lexicon. Every text here was written for the test.

use framescope::{
    Analyzer, Article, Corpus, HeadlineCounts, Report, ReportOptions, SentenceKind, Span,
    sentence_kind, sentences,
};

mod common;
use common::mini_analyzer;

/// `(name, text, expected kinds in sentence order)`.
type KindCase = (&'static str, &'static str, &'static [SentenceKind]);

use SentenceKind::{Body, Heading, ListItem};

const KIND_CASES: &[KindCase] = &[
    (
        "body_only",
        "Talks resumed. Both sides attended.",
        &[Body, Body],
    ),
    (
        "headline_then_body",
        "Iran and US resume talks in Doha\nThe delegations met for five hours.",
        &[Heading, Body],
    ),
    (
        "headline_dek_dateline",
        "Talks resume in Doha\nMediators hope for a second round\nDOHA, Qatar (AP) — Delegates met on Tuesday.",
        &[Heading, Heading, Body],
    ),
    (
        "byline_and_credit",
        "By Lena Park\n\nThe envoy arrived late.\n\nPhoto: Staff",
        &[Heading, Body, Heading],
    ),
    (
        "subheading_between_paragraphs",
        "The talks ended at noon.\n\nWhat to watch next\n\nA second round is planned.",
        &[Body, Heading, Body],
    ),
    (
        "furniture",
        "Advertisement\n\nQatar hosted the round.",
        &[Heading, Body],
    ),
    (
        "bulleted_key_points",
        "Key points\n• Iran agreed to a second round\n• Qatar will host it",
        &[Heading, ListItem, ListItem],
    ),
    (
        "numbered_demands_inline",
        "The demands: 1) a ceasefire 2) a prisoner swap",
        // The lead-in is not a line of its own: body.
        &[Body, ListItem, ListItem],
    ),
    (
        "numbered_lines_with_stops",
        "1. Iran will cap enrichment.\n2. The U.S. will ease sanctions.",
        &[ListItem, ListItem],
    ),
    (
        "embedded_post_attribution",
        "The envoy posted a reply.\n\n— Lena Park (@lenapark) May 3, 2026",
        &[Body, Heading],
    ),
    (
        "dash_bullets",
        "- Qatar hosts\n- Pakistan mediates",
        &[ListItem, ListItem],
    ),
    (
        "lower_case_lines",
        "agenda\nsanctions relief\nprisoners, inspections",
        &[Heading, Heading, Heading],
    ),
    (
        "cut_off_line_is_body",
        "The talks were expected to bring a\n\nSecond paragraph here.",
        &[Body, Body],
    ),
    (
        "last_sentence_without_stop_is_body",
        "Talks resumed. Delegates arrived late",
        &[Body, Body],
    ),
    (
        "quoted_line_without_stop",
        "“We are close”\n\nThe envoy left.",
        &[Heading, Body],
    ),
    (
        "question_line_is_body",
        "Will Iran agree?\n\nNobody knows.",
        &[Body, Body],
    ),
];

#[test]
fn kinds_of_table_cases() {
    let mut failures = Vec::new();
    for (name, text, expected) in KIND_CASES {
        let got: Vec<SentenceKind> = sentences(text).map(|s| sentence_kind(text, s)).collect();
        if got != *expected {
            let parts: Vec<&str> = sentences(text).map(|s| &text[s.start..s.end]).collect();
            failures.push(format!(
                "{name}: expected {expected:?}, got {got:?} for {parts:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn kind_of_a_span_off_char_boundaries_is_body() {
    let text = "Doha é";
    assert_eq!(sentence_kind(text, Span::new(0, 6)), Body);
    assert_eq!(sentence_kind(text, Span::new(0, 100)), Body);
    assert_eq!(SentenceKind::ListItem.as_str(), "list_item");
}

#[test]
fn headings_leave_the_denominators_unless_all_are_counted() {
    // One heading naming Iran, two body sentences (one naming Iran with a
    // hedge), one list item naming Qatar.
    let text = "Iran talks in Doha\nIran may agree. Officials met.\n• Qatar hosts";
    let analyzer = mini_analyzer();
    let a = analyzer.analyze_text(text);
    assert_eq!(a.kinds, [Heading, Body, Body, ListItem]);
    let p = &a.profile;
    assert_eq!((p.sentences, p.headings, p.list_items), (3, 1, 1));
    let lexicon = analyzer.lexicon();
    let iran = lexicon.actor_index("IRAN").unwrap();
    let hedge = lexicon.category_index("hedge").unwrap();
    // The heading's mention still counts as a mention, not as a sentence.
    assert_eq!(p.actors[iran].mentions, 2);
    assert_eq!(p.actors[iran].sentences, 1);
    assert_eq!(p.categories[hedge].sentences, 1);
    // The same through `profile` (the streaming path).
    assert_eq!(analyzer.profile_text(text), a.profile);

    let all = Analyzer::builder()
        .without_defaults()
        .lexicon_toml("mini", include_str!("data/mini_lexicon.toml"))
        .count_all_sentences(true)
        .build()
        .unwrap();
    assert!(all.counts_all_sentences());
    let q = all.analyze_text(text).profile;
    assert_eq!((q.sentences, q.headings, q.list_items), (4, 1, 1));
    assert_eq!(q.actors[iran].sentences, 2);
    assert_eq!(all.profile_text(text), q);
    // `with_count_all_sentences` on a built analyzer does the same.
    assert_eq!(
        mini_analyzer()
            .with_count_all_sentences(true)
            .profile_text(text),
        q
    );
}

fn article(id: &str, outlet: &str, title: Option<&str>, text: &str) -> Article {
    let mut a = Article::new(id, outlet, text);
    a.title = title.map(str::to_string);
    a
}

#[test]
fn the_title_is_analysed_as_the_headline() {
    let analyzer = mini_analyzer();
    let lexicon = analyzer.lexicon();
    let (us, iran, qatar) = (
        lexicon.actor_index("US").unwrap(),
        lexicon.actor_index("IRAN").unwrap(),
        lexicon.actor_index("QATAR").unwrap(),
    );
    let progress = lexicon.category_index("progress").unwrap();
    let hedge = lexicon.category_index("hedge").unwrap();
    let setback = lexicon.category_index("setback").unwrap();
    let a = article(
        "h1",
        "A",
        Some("Iran and Iran's envoys may make progress"),
        "Talks in Doha stalled. Qatar urged calm.",
    );
    let profile = analyzer.analyze(&a).profile;
    let h = &profile.headline;
    assert_eq!(h.headlines, 1);
    // Once per headline, however many mentions.
    assert_eq!(
        (
            h.actors[iran.index()],
            h.actors[us.index()],
            h.actors[qatar.index()]
        ),
        (1, 0, 0)
    );
    assert_eq!(h.categories[progress.index()], 1);
    assert_eq!(h.categories[hedge.index()], 1);
    assert_eq!(h.categories[setback.index()], 0);
    // The headline's words are in no body count.
    assert_eq!(profile.actors[iran].mentions, 0);
    assert_eq!(profile.categories[progress].asserted, 0);
    assert_eq!(profile.categories[setback].asserted, 1);
    // Both paths agree.
    assert_eq!(analyzer.profile(&a), profile);
    // A negated cue does not count; a blank or missing title is no headline.
    let negated = article("h2", "A", Some("No progress in Doha"), "Talks ended.");
    let n = analyzer.profile(&negated).headline;
    assert_eq!((n.headlines, n.categories[progress.index()]), (1, 0));
    for title in [None, Some("  ")] {
        let none = analyzer.profile(&article("h3", "A", title, "Talks ended."));
        assert_eq!(none.headline.headlines, 0);
    }
    let counts = HeadlineCounts::of_headline(&analyzer.profile_text("Qatar, Qatar"));
    assert_eq!(counts.actors[qatar.index()], 1);
}

fn report(articles: &[Article]) -> Report {
    let analyzer = mini_analyzer();
    let mut corpus = Corpus::new(&analyzer);
    for a in articles {
        corpus.add(a, &analyzer.analyze(a).profile).unwrap();
    }
    corpus.report(&ReportOptions {
        resamples: 200,
        ..ReportOptions::default()
    })
}

#[test]
fn headline_metrics_are_shares_of_headlines_beside_the_body() {
    // Outlet A puts Iran and progress in its headlines; its copy is mostly
    // about Qatar. The third article has no title.
    let articles = [
        article(
            "a1",
            "A",
            Some("Iran makes progress"),
            "Qatar hosted the talks. Officials met.",
        ),
        article(
            "a2",
            "A",
            Some("Iran may return"),
            "Qatar said little. Iran sent envoys.",
        ),
        article("a3", "A", None, "Iran stalled."),
        article("b1", "B", Some("Talks stall"), "Iran and Qatar met."),
    ];
    let report = report(&articles);
    let a = &report.outlets[0];
    let m = |name: &str| a.metrics[name];
    // Headlines naming Iran: 2 of 2 titled articles.
    let iran = m("headline.actor_salience.IRAN");
    assert_eq!(iran.value, Some(1.0));
    assert_eq!(iran.n, 2);
    assert_eq!(iran.pooled, Some(1.0));
    // Beside it, the body's salience: (0/2 + 1/2 + 1/1) / 3.
    let body = m("actor_salience.IRAN").value.unwrap();
    assert!((body - 0.5).abs() < 1e-9, "{body}");
    // Progress in 1 of 2 headlines, a hedge in 1 of 2, no setback.
    assert_eq!(m("headline.cue_share.progress").value, Some(0.5));
    assert_eq!(m("headline.uncertain_share").value, Some(0.5));
    assert_eq!(m("headline.cue_share.setback").value, Some(0.0));
    let ci = m("headline.cue_share.progress");
    assert!(ci.ci_low.unwrap() <= 0.5 && 0.5 <= ci.ci_high.unwrap());
    // Outlet B's one headline has a setback and names nobody.
    let b = &report.outlets[1];
    assert_eq!(b.metrics["headline.cue_share.setback"].value, Some(1.0));
    assert_eq!(b.metrics["headline.actor_salience.IRAN"].value, Some(0.0));
    // In the CSV and JSON reports too.
    let csv = report.to_csv();
    assert!(csv.contains("headline.actor_salience.IRAN"), "{csv}");
    let mut json = Vec::new();
    report.write_json(&mut json).unwrap();
    let json = String::from_utf8(json).unwrap();
    assert!(json.contains("\"headline.cue_share.breakthrough\""));
}
