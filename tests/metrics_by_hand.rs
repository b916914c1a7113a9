//! Metrics checked against hand computation on a tiny corpus, through the
//! public API, with the small test lexicon (so the default lists can change
//! without touching these numbers).

use framescope::{Article, Corpus, Report, ReportOptions};

mod common;
use common::mini_analyzer as analyzer;

/// Outlet A: three articles; outlet B: two.
const ARTICLES: [(&str, &str, &str); 5] = [
    // 7 tokens, 2 sentences: hedge "may" (Iran's sentence), booster
    // "clearly" and setback "stalled" (US sentence).
    ("a1", "A", "Iran may talk. The US clearly stalled."),
    // 6 tokens, 2 sentences: breakthrough negated, progress asserted.
    ("a2", "A", "There was no breakthrough. Progress came."),
    // 6 tokens, 1 sentence: booster and progress, both quoted.
    ("a3", "A", "\"We clearly made progress,\" Qatar said."),
    // 3 tokens, 1 sentence: a leverage frame; the US.
    ("b1", "B", "Washington wants leverage."),
    // 6 tokens, 1 sentence: hedge "may"; the newspaper is not the US.
    ("b2", "B", "The Washington Post may be right."),
];

fn report(resamples: usize) -> Report {
    let analyzer = analyzer();
    let mut corpus = Corpus::new(&analyzer);
    for (id, outlet, text) in ARTICLES {
        let article = Article::new(id, outlet, text);
        corpus
            .add(&article, &analyzer.analyze(&article).profile)
            .unwrap();
    }
    corpus.report(&ReportOptions {
        resamples,
        ..ReportOptions::default()
    })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn article_means_and_pooled_values_match_hand_computation() {
    let report = report(200);
    let a = &report.outlets[0];
    assert_eq!(
        (a.outlet.as_str(), a.articles, a.tokens, a.sentences),
        ("A", 3, 19, 5)
    );
    let m = |name: &str| a.metrics[name];

    // hedge_per_1k: articles 1000·1/7, 0, 0 → mean 47.619…; pooled 1000·1/19.
    assert!(close(m("hedge_per_1k").value.unwrap(), 1000.0 / 7.0 / 3.0));
    assert!(close(m("hedge_per_1k").pooled.unwrap(), 1000.0 / 19.0));
    assert_eq!(m("hedge_per_1k").n, 3);
    // uncertain_share: 1/2, 0/2, 0/1.
    assert!(close(m("uncertain_share").value.unwrap(), 0.5 / 3.0));
    // certainty: (1−1)/(1+1+1)=0, (0−0)/1=0, (1−0)/(1+0+1)=0.5; pooled (2−1)/(2+1+1).
    assert!(close(m("certainty").value.unwrap(), 0.5 / 3.0));
    assert!(close(m("certainty").pooled.unwrap(), 0.25));
    // breakthrough_share: a1 undefined (no progress or breakthrough asserted),
    // a2 0/(0+1), a3 0/(0+1).
    assert_eq!(m("breakthrough_share").n, 2);
    assert!(close(m("breakthrough_share").value.unwrap(), 0.0));
    // outcome_balance: a1 (0−1)/1 = −1; a2 positive 1 (progress), negative
    // 1 (negated breakthrough) → 0; a3 (1−0)/1 = 1.
    assert!(close(m("outcome_balance").value.unwrap(), 0.0));
    // pooled: positive 2, negative 2.
    assert!(close(m("outcome_balance").pooled.unwrap(), 0.0));
    // quoted_share: 0/3, 0/2, 2/2 (frames count as cues too: none here).
    assert!(close(m("quoted_share").value.unwrap(), 1.0 / 3.0));
    // actor_salience.US: 1/2, 0/2, 0/1; QATAR: 0, 0, 1/1.
    assert!(close(m("actor_salience.US").value.unwrap(), 0.5 / 3.0));
    assert!(close(m("actor_salience.QATAR").value.unwrap(), 1.0 / 3.0));
    // actor_hedging.IRAN: defined only in a1, where Iran's sentence hedges.
    assert_eq!(m("actor_hedging.IRAN").n, 1);
    assert!(close(m("actor_hedging.IRAN").value.unwrap(), 1.0));
    assert!(close(m("actor_hedging.US").value.unwrap(), 0.0));
    // A metric no article defines is null, with no interval.
    let frame = m("frame_mix.leverage");
    assert_eq!((frame.value, frame.ci_low, frame.n), (None, None, 0));

    let b = &report.outlets[1];
    assert_eq!(b.outlet, "B");
    // frame_mix.leverage: b1 1/1; b2 has no frame cue.
    assert_eq!(b.metrics["frame_mix.leverage"].n, 1);
    assert!(close(b.metrics["frame_mix.leverage"].value.unwrap(), 1.0));
    // "The Washington Post" is not the US.
    assert_eq!(b.counts.actors["US"].mentions, 1);
    assert!(close(b.metrics["actor_salience.US"].value.unwrap(), 0.5));
}

#[test]
fn intervals_bracket_means_and_are_empty_for_one_defined_article() {
    let report = report(500);
    for outlet in &report.outlets {
        for (name, m) in &outlet.metrics {
            match (m.value, m.ci_low, m.ci_high) {
                (Some(v), Some(lo), Some(hi)) => {
                    assert!(lo <= hi, "{name}");
                    // Resampling 2–3 articles: the mean lies within the
                    // range of replicate means.
                    assert!(lo - 1e-12 <= v && v <= hi + 1e-12, "{name}: {lo} {v} {hi}");
                }
                (None, None, None) => {}
                (Some(_), None, None) => assert!(m.n < 2, "{name}: no interval with n = {}", m.n),
                other => panic!("{name}: inconsistent {other:?}"),
            }
        }
    }
    // One defined article: every replicate that draws it gives the same
    // value, so a zero-width interval would claim a certainty the data do
    // not have: there is none.
    let m = report.outlets[0].metrics["actor_hedging.IRAN"];
    assert_eq!((m.value, m.n), (Some(1.0), 1));
    assert_eq!((m.ci_low, m.ci_high), (None, None));
}

#[test]
fn comparisons_match_hand_computation() {
    let report = report(200);
    assert_eq!(report.comparisons.len(), 1);
    let c = &report.comparisons[0];
    assert_eq!((c.outlet_a.as_str(), c.outlet_b.as_str()), ("A", "B"));
    // hedge_per_1k: A 47.619…, B (0 + 1000/6)/2 = 83.333…
    let d = c.differences["hedge_per_1k"];
    assert!(close(d.difference.unwrap(), 1000.0 / 21.0 - 1000.0 / 12.0));
    assert!(d.ci_low.unwrap() <= d.ci_high.unwrap());
    // Frames: A uses none (JSD undefined); actor salience: A names US in
    // 1, IRAN in 1, QATAR in 1 sentences; B names US in 1 → P = (1/3, 1/3,
    // 1/3), Q = (1, 0, 0). JSD = ½ KL(P‖M) + ½ KL(Q‖M), M = (2/3, 1/6, 1/6):
    // ½[⅓·log2(½) + ⅔·log2(2)] + ½[log2(3/2)] = ½·⅓ + ½·0.5849625 = 0.4591479
    assert_eq!(c.frame_mix_jsd, None);
    assert!((c.actor_salience_jsd.unwrap() - 0.4591479).abs() < 1e-6);
    assert_eq!(c.shared_stories, 0);
    assert!(c.within_story.is_empty());
}

#[test]
fn log_odds_in_the_report_match_the_formula() {
    let report = report(10);
    let a = &report.outlets[0];
    // hedge: A 1 of 19 tokens, corpus 2 of 28; α0 = 1000, α = 1000·2/28.
    let alpha: f64 = 1000.0 * 2.0 / 28.0;
    let delta = ((1.0 + alpha) / (19.0 + 1000.0 - 1.0 - alpha)).ln()
        - ((1.0 + alpha) / (9.0 + 1000.0 - 1.0 - alpha)).ln();
    let variance = 1.0 / (1.0 + alpha) + 1.0 / (1.0 + alpha);
    let hedge = a.log_odds.categories["hedge"];
    assert_eq!(hedge.count, 1);
    assert!(close(hedge.delta, delta));
    assert!(close(hedge.variance, variance));
    assert!(close(hedge.z, delta / variance.sqrt()));
    // Per term: "=may" is the hedge term both outlets used.
    let may = a.log_odds.terms.iter().find(|t| t.term == "=may").unwrap();
    assert_eq!(may.category, "hedge");
    assert!(close(may.log_odds.delta, delta));
}

#[test]
fn within_story_comparisons_pair_articles_on_the_same_event() {
    let analyzer = analyzer();
    let mut corpus = Corpus::new(&analyzer);
    let texts = [
        ("x1", "X", "s1", "Iran may talk."),
        ("y1", "Y", "s1", "Iran talks."),
        ("x2", "X", "s2", "It may stall. It might."),
        ("y2", "Y", "s2", "It may stall."),
        ("x3", "X", "s3", "Only X covered this."),
    ];
    for (id, outlet, story, text) in texts {
        let mut article = Article::new(id, outlet, text);
        article.story = Some(story.to_string());
        corpus
            .add(&article, &analyzer.analyze(&article).profile)
            .unwrap();
    }
    let report = corpus.report(&ReportOptions {
        resamples: 300,
        ..ReportOptions::default()
    });
    let c = &report.comparisons[0];
    assert_eq!(c.shared_stories, 2);
    // uncertain_share: s1 X 1/1 − Y 0/1 = 1; s2 X 2/2 − Y 1/1 = 0 → mean 0.5.
    let d = c.within_story["uncertain_share"];
    assert!(close(d.difference.unwrap(), 0.5));
    // Bootstrap over two stories: replicate means are 0, 0.5 or 1.
    assert!(d.ci_low.unwrap() >= 0.0 && d.ci_high.unwrap() <= 1.0);
}
