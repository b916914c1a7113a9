//! Metrics: ratios computed from integer-count profiles, and the bootstrap
//! that puts an interval on an outlet's mean.
//!
//! The formulas, and how the bootstrap resamples, are documented on
//! [`Metric`], the public face of this module.
//!
//! The bootstrap and the quantiles each have a plain definition
//! (`bootstrap_reference`, `quantiles_unsorted_reference`) beside the
//! accelerated version the crate runs (`bootstrap/packed`,
//! `quantile/select`); the two give the same bits (the quantiles for
//! finite values, as replicate means are), and tests hold them to it, so an
//! interval can be audited by reading the plain code alone. `random` holds
//! the seeded generator.

mod bootstrap;
mod quantile;
mod random;

pub(crate) use bootstrap::bootstrap;
pub(crate) use quantile::quantiles_unsorted;
pub(crate) use random::seed_for;

use crate::lexicon::{CategoryRole, Group, Lexicon, Role};
use crate::profile::ArticleProfile;

/// How a metric is computed from counts.
#[derive(Debug, Clone, PartialEq)]
enum Formula {
    RatePer1k(usize),
    /// The asserted cues of a subtype's terms (sorted term indices).
    SubtypeRatePer1k(Vec<u32>),
    UncertainShare(usize),
    UncertainShareStrict(usize),
    Certainty {
        booster: usize,
        hedge: usize,
    },
    BreakthroughShare {
        breakthrough: usize,
        progress: usize,
    },
    OutcomeBalance {
        progress: usize,
        breakthrough: usize,
        setback: usize,
    },
    QuotedShare,
    OwnVoiceShare,
    SourceShare(usize),
    Credited {
        actor: usize,
        category: usize,
    },
    VoiceLogOdds(usize),
    ActorSalience(usize),
    ActorHedging {
        actor: usize,
        hedge: usize,
    },
    FrameMix {
        frame: usize,
        frames: Vec<usize>,
    },
    /// Headlines naming the actor / headlines.
    HeadlineActor(usize),
    /// Headlines with an asserted cue of the category / headlines.
    HeadlineCategory(usize),
}

/// One named metric.
///
/// Every metric is a function of a profile's counts that may be undefined
/// (a zero denominator). The **article value** applies it to one article;
/// the **outlet value** is the mean of the defined article values; the
/// **pooled value** applies it to the outlet's summed counts. With `A`
/// asserted counts, and all counts of one profile:
///
/// | metric | formula | undefined when |
/// |---|---|---|
/// | `<category>_per_1k` | 1000 · A(category) / tokens | tokens = 0 |
/// | `<category>.<subtype>_per_1k` | 1000 · A(terms of the subtype) / tokens (`hedge.epistemic_per_1k`, ...) | tokens = 0 |
/// | `uncertain_share` | sentences with ≥ 1 asserted hedge / sentences | sentences = 0 |
/// | `uncertain_share_strict` | sentences with ≥ 1 hedge of any status outside the marginal subtypes (approximators) / sentences | sentences = 0 |
/// | `certainty` | (A(booster) − A(hedge)) / (A(booster) + A(hedge) + 1) | never |
/// | `breakthrough_share` | A(breakthrough) / (A(breakthrough) + A(progress)) | both 0 |
/// | `outcome_balance` | (pos − neg) / (pos + neg), pos = A(progress) + A(breakthrough) + N(setback), neg = A(setback) + N(progress) + N(breakthrough), N = negated | pos + neg = 0 |
/// | `quoted_share` | quoted cues / all cues (every category and status) | no cue |
/// | `own_voice_share` | cues in the outlet's own voice / all cues (every category and status) | no cue |
/// | `source_share.<ID>` | attributions whose source stands for the actor / attributions | no attribution |
/// | `credited.<ID>.<outcome>` | AA(outcome) credited to the actor / AA(outcome), AA = asserted cues in attributed content | AA(outcome) = 0 |
/// | `voice_log_odds.<cue>` | ln[(a + ½) / (A − a + ½)] − ln[(o + ½) / (O − o + ½)] | A = 0, O = 0 or a + o = 0 |
/// | `actor_salience.<ID>` | sentences naming the actor / sentences | sentences = 0 |
/// | `actor_hedging.<ID>` | sentences naming the actor with ≥ 1 asserted hedge / sentences naming the actor | actor not named |
/// | `frame_mix.<frame>` | T(frame) / Σ T(all frames), T = cues of any status | no frame cue |
/// | `headline.actor_salience.<ID>` | headlines naming the actor / headlines | no headline |
/// | `headline.uncertain_share` | headlines with ≥ 1 asserted hedge / headlines | no headline |
/// | `headline.cue_share.<category>` | headlines with ≥ 1 asserted cue of the category / headlines, for the `progress`, `breakthrough` and `setback` roles | no headline |
///
/// **Which sentences count.** "Sentences" above are those counted in
/// [`ArticleProfile::sentences`]: by default body sentences and list items,
/// not headings (lines that stand alone without end punctuation:
/// headlines, subheadings, bylines, page furniture), which would dilute
/// every per-sentence share; the numerators (sentences naming an actor,
/// carrying a hedge) count the same sentences. An analyzer built with
/// [`count_all_sentences`](crate::AnalyzerBuilder::count_all_sentences)
/// (`--count-all-sentences`) counts every sentence in both. The per-1,000
/// token rates and the shares of cues count every sentence either way.
///
/// **Headlines.** An article's `title` is analysed as its headline, a
/// separate text (its cues and mentions are in no body metric). An
/// article's headline value is 1 or 0 (its headline names the actor, or
/// carries the cue, or not) and undefined without a title, so an outlet's
/// value is the share of its headlines that do, over the articles that
/// have one, and its interval comes from the same bootstrap over articles.
/// Each sits beside a body metric of the same kind: `actor_salience.<ID>`
/// (share of body sentences naming the actor) against
/// `headline.actor_salience.<ID>`, `uncertain_share` against
/// `headline.uncertain_share`, the outcome rates against
/// `headline.cue_share.<category>`: how much more often an outlet puts an
/// actor, a hedge or a claim of progress in its headlines than in its
/// copy. A headline counts once however often it names the actor or how
/// many cues it has.
///
/// Two definitions of a hedged sentence: `uncertain_share` follows Hyland
/// (2005), who counts approximators ("nearly", "largely") as hedges, and
/// counts asserted hedges only; `uncertain_share_strict` follows the
/// semantic-uncertainty annotation of Szarvas, Vincze et al. (2012), which
/// leaves approximators out, and counts a hedge whatever its status ("not
/// likely", "if it appears" still hold back commitment). `hedge_per_1k`
/// counts every asserted hedge, approximators included; each subtype has
/// its own rate.
///
/// Voice (see [`Voice`](crate::Voice) and [`Attribution`](crate::Attribution)):
/// a cue is in a source's voice when it lies in the content of an
/// attribution, else in the outlet's own. An attribution split into parts
/// (a quotation interrupted by "she said") counts once in
/// `source_share`. `credited` is computed for the categories with the
/// outcome roles (`progress`, `breakthrough`, `setback`): of the asserted
/// claims of progress that outlets attribute to someone, the share
/// attributed to each actor (sources with no actor make up the rest). In
/// `voice_log_odds` (for every cue category), `a` and `o` are asserted cues
/// of the category in attributed and own-voice text, `A` and `O` the word
/// tokens of each (Haldane–Anscombe's ½ keeps it finite): above 0, the
/// outlet uses the category more in what it reports others saying than
/// in its own words.
///
/// Frames count whatever their status: "there was no military strike" is
/// still a conflict frame (the topic), while for cues the status is the
/// point ("no breakthrough" is not a breakthrough).
///
/// `hedge`, `booster`, `progress`, `breakthrough` and `setback` above are
/// the categories with those *roles* in the lexicon (`role = "hedge"`),
/// whatever their names. Metrics that need a role no category has are
/// left out.
///
/// The bootstrap resamples whole articles: replicate `b` draws `n` article
/// indices uniformly with replacement (n = the outlet's article count) and
/// takes, for each metric, the mean of the defined values among the drawn
/// articles. The interval is the 2.5th and 97.5th percentile of the
/// replicate means (for 95%), interpolated linearly between order
/// statistics (R's type 7). Draws come from SplitMix64 seeded by the run's
/// seed, the outlet's name and the replicate number, so results do not
/// depend on thread count or scheduling.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// Name used in reports (`hedge_per_1k`, `actor_salience.US`, ...).
    pub name: String,
    formula: Formula,
}

/// The metrics a lexicon supports, in report order. The metrics that
/// combine categories find them by their declared role
/// ([`CategoryRole`]), never by name; one whose roles the lexicon lacks is
/// left out (and [`Lexicon::warnings`] says so when only some are missing).
pub fn metrics_for(lexicon: &Lexicon) -> Vec<Metric> {
    let mut out = Vec::new();
    let role = |r: CategoryRole| lexicon.category_with_role(r);
    let hedge = role(CategoryRole::Hedge);
    let booster = role(CategoryRole::Booster);
    let progress = role(CategoryRole::Progress);
    let breakthrough = role(CategoryRole::Breakthrough);
    let setback = role(CategoryRole::Setback);
    let mut push = |name: String, formula: Formula| out.push(Metric { name, formula });
    for (i, category) in lexicon.categories().iter().enumerate() {
        push(format!("{}_per_1k", category.name), Formula::RatePer1k(i));
    }
    for (i, category) in lexicon.categories().iter().enumerate() {
        for (s, subtype) in category.subtypes.iter().enumerate() {
            let terms: Vec<u32> = lexicon
                .terms()
                .iter()
                .enumerate()
                .filter(|(_, t)| {
                    t.subtype == Some(s) && matches!(t.role, Role::Cue(c) if c.index() == i)
                })
                .map(|(t, _)| t as u32)
                .collect();
            push(
                format!("{}.{}_per_1k", category.name, subtype.name),
                Formula::SubtypeRatePer1k(terms),
            );
        }
    }
    if let Some(hedge) = hedge {
        push(
            "uncertain_share".into(),
            Formula::UncertainShare(hedge.index()),
        );
        push(
            "uncertain_share_strict".into(),
            Formula::UncertainShareStrict(hedge.index()),
        );
    }
    if let (Some(booster), Some(hedge)) = (booster, hedge) {
        push(
            "certainty".into(),
            Formula::Certainty {
                booster: booster.index(),
                hedge: hedge.index(),
            },
        );
    }
    if let (Some(breakthrough), Some(progress)) = (breakthrough, progress) {
        push(
            "breakthrough_share".into(),
            Formula::BreakthroughShare {
                breakthrough: breakthrough.index(),
                progress: progress.index(),
            },
        );
        if let Some(setback) = setback {
            push(
                "outcome_balance".into(),
                Formula::OutcomeBalance {
                    progress: progress.index(),
                    breakthrough: breakthrough.index(),
                    setback: setback.index(),
                },
            );
        }
    }
    push("quoted_share".into(), Formula::QuotedShare);
    push("own_voice_share".into(), Formula::OwnVoiceShare);
    for (i, actor) in lexicon.actors().iter().enumerate() {
        push(
            format!("source_share.{}", actor.id),
            Formula::SourceShare(i),
        );
    }
    let outcomes: Vec<usize> = [progress, breakthrough, setback]
        .into_iter()
        .flatten()
        .map(|c| c.index())
        .collect();
    for (i, actor) in lexicon.actors().iter().enumerate() {
        for &category in &outcomes {
            push(
                format!(
                    "credited.{}.{}",
                    actor.id,
                    lexicon.categories()[category].name
                ),
                Formula::Credited { actor: i, category },
            );
        }
    }
    for c in lexicon.category_indices(Group::Cue) {
        push(
            format!("voice_log_odds.{}", lexicon.categories()[c.index()].name),
            Formula::VoiceLogOdds(c.index()),
        );
    }
    for (i, actor) in lexicon.actors().iter().enumerate() {
        push(
            format!("actor_salience.{}", actor.id),
            Formula::ActorSalience(i),
        );
    }
    if let Some(hedge) = hedge {
        for (i, actor) in lexicon.actors().iter().enumerate() {
            push(
                format!("actor_hedging.{}", actor.id),
                Formula::ActorHedging {
                    actor: i,
                    hedge: hedge.index(),
                },
            );
        }
    }
    let frames: Vec<usize> = lexicon
        .category_indices(Group::Frame)
        .into_iter()
        .map(|f| f.index())
        .collect();
    for &frame in &frames {
        push(
            format!("frame_mix.{}", lexicon.categories()[frame].name),
            Formula::FrameMix {
                frame,
                frames: frames.clone(),
            },
        );
    }
    for (i, actor) in lexicon.actors().iter().enumerate() {
        push(
            format!("headline.actor_salience.{}", actor.id),
            Formula::HeadlineActor(i),
        );
    }
    if let Some(hedge) = hedge {
        push(
            "headline.uncertain_share".into(),
            Formula::HeadlineCategory(hedge.index()),
        );
    }
    for outcome in [progress, breakthrough, setback].into_iter().flatten() {
        push(
            format!(
                "headline.cue_share.{}",
                lexicon.categories()[outcome.index()].name
            ),
            Formula::HeadlineCategory(outcome.index()),
        );
    }
    out
}

fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator > 0.0).then(|| numerator / denominator)
}

impl Metric {
    /// The metric's value on a profile (an article's, or summed counts for
    /// the pooled value); `None` when undefined.
    pub fn value(&self, p: &ArticleProfile) -> Option<f64> {
        let asserted = |c: usize| p.categories.get(c).map_or(0, |x| x.asserted) as f64;
        let negated = |c: usize| p.categories.get(c).map_or(0, |x| x.negated) as f64;
        match &self.formula {
            Formula::RatePer1k(c) => ratio(1000.0 * asserted(*c), p.tokens as f64),
            Formula::SubtypeRatePer1k(terms) => {
                // Both lists are sorted by term: one merge walk.
                let mut own = terms.iter().peekable();
                let mut count = 0;
                for &(term, n) in &p.terms {
                    while own.next_if(|&&t| t < term).is_some() {}
                    if own.peek() == Some(&&term) {
                        count += n;
                    }
                }
                ratio(1000.0 * count as f64, p.tokens as f64)
            }
            Formula::UncertainShareStrict(hedge) => ratio(
                p.categories.get(*hedge).map_or(0, |x| x.strict_sentences) as f64,
                p.sentences as f64,
            ),
            Formula::UncertainShare(hedge) => ratio(
                p.categories.get(*hedge).map_or(0, |x| x.sentences) as f64,
                p.sentences as f64,
            ),
            Formula::Certainty { booster, hedge } => {
                let (b, h) = (asserted(*booster), asserted(*hedge));
                ratio(b - h, b + h + 1.0)
            }
            Formula::BreakthroughShare {
                breakthrough,
                progress,
            } => {
                let b = asserted(*breakthrough);
                ratio(b, b + asserted(*progress))
            }
            Formula::OutcomeBalance {
                progress,
                breakthrough,
                setback,
            } => {
                let positive = asserted(*progress) + asserted(*breakthrough) + negated(*setback);
                let negative = asserted(*setback) + negated(*progress) + negated(*breakthrough);
                ratio(positive - negative, positive + negative)
            }
            Formula::QuotedShare => {
                // Summed as floats: exact for any real count, and no
                // overflow on a crafted one.
                let quoted: f64 = p.categories.iter().map(|c| c.quoted as f64).sum();
                let all: f64 = p.categories.iter().map(|c| c.total() as f64).sum();
                ratio(quoted, all)
            }
            Formula::OwnVoiceShare => {
                // Summed as floats, like `quoted_share`.
                let attributed: f64 = p.categories.iter().map(|c| c.attributed as f64).sum();
                let all: f64 = p.categories.iter().map(|c| c.total() as f64).sum();
                ratio((all - attributed).max(0.0), all)
            }
            Formula::SourceShare(a) => ratio(
                p.sources.get(*a).copied().unwrap_or(0) as f64,
                p.attributions as f64,
            ),
            Formula::Credited { actor, category } => {
                let n_categories = p.categories.len();
                let credited = p
                    .credited
                    .get(actor * n_categories + category)
                    .copied()
                    .unwrap_or(0);
                ratio(
                    credited as f64,
                    p.categories
                        .get(*category)
                        .map_or(0, |c| c.attributed_asserted) as f64,
                )
            }
            Formula::VoiceLogOdds(c) => {
                let (a, all) = p
                    .categories
                    .get(*c)
                    .map_or((0, 0), |x| (x.attributed_asserted, x.asserted));
                let o = all.saturating_sub(a);
                let big_a = p.attributed_tokens;
                let big_o = p.tokens.saturating_sub(big_a);
                if big_a == 0 || big_o == 0 || all == 0 {
                    return None;
                }
                let odds = |y: u64, n: u64| {
                    let y = y.min(n) as f64;
                    ((y + 0.5) / (n as f64 - y + 0.5)).ln()
                };
                Some(odds(a, big_a) - odds(o, big_o))
            }
            Formula::ActorSalience(a) => ratio(
                p.actors.get(*a).map_or(0, |x| x.sentences) as f64,
                p.sentences as f64,
            ),
            Formula::ActorHedging { actor, hedge } => {
                let n_categories = p.categories.len();
                let with_hedge = p
                    .actor_category
                    .get(actor * n_categories + hedge)
                    .copied()
                    .unwrap_or(0);
                ratio(
                    with_hedge as f64,
                    p.actors.get(*actor).map_or(0, |x| x.sentences) as f64,
                )
            }
            Formula::FrameMix { frame, frames } => {
                let all = |c: usize| p.categories.get(c).map_or(0, |x| x.total()) as f64;
                let total: f64 = frames.iter().map(|&f| all(f)).sum();
                ratio(all(*frame), total)
            }
            Formula::HeadlineActor(a) => ratio(
                p.headline.actors.get(*a).copied().unwrap_or(0) as f64,
                p.headline.headlines as f64,
            ),
            Formula::HeadlineCategory(c) => ratio(
                p.headline.categories.get(*c).copied().unwrap_or(0) as f64,
                p.headline.headlines as f64,
            ),
        }
    }
}

/// The mean of the defined values (`None` when none is defined).
pub(crate) fn mean(values: impl Iterator<Item = Option<f64>>) -> (Option<f64>, u64) {
    let (mut sum, mut n) = (0.0, 0u64);
    for v in values.flatten() {
        sum += v;
        n += 1;
    }
    ((n > 0).then(|| sum / n as f64), n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LexiconBuilder;

    fn names(lexicon: &Lexicon) -> Vec<String> {
        metrics_for(lexicon).into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn combined_metrics_follow_roles_not_names() {
        // Hedges and boosters under other names, with their roles.
        let lexicon = LexiconBuilder::empty()
            .add_toml(
                "roles.toml",
                "[actors.IRAN]\nnames = [\"Iran\"]\n\
                 [categories.uncertainty]\nrole = \"hedge\"\nterms = [\"may\"]\n\
                 [categories.conviction]\nrole = \"booster\"\nterms = [\"surely\"]\n",
            )
            .build()
            .unwrap();
        let names = names(&lexicon);
        for expected in [
            "uncertainty_per_1k",
            "conviction_per_1k",
            "uncertain_share",
            "certainty",
            "actor_hedging.IRAN",
        ] {
            assert!(
                names.iter().any(|n| n == expected),
                "{expected} in {names:?}"
            );
        }
        assert!(!names.iter().any(|n| n == "breakthrough_share"));

        // A category named "hedge" without the role feeds only its rate.
        let unnamed = LexiconBuilder::empty()
            .add_toml("plain.toml", "[categories.hedge]\nterms = [\"may\"]\n")
            .build()
            .unwrap();
        assert_eq!(
            super::tests::names(&unnamed),
            [
                "hedge_per_1k",
                "quoted_share",
                "own_voice_share",
                "voice_log_odds.hedge"
            ]
        );
    }
}
