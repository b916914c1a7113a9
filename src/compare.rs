//! Comparison statistics between outlets: log-odds ratios with an
//! informative Dirichlet prior, and Jensen–Shannon divergence.
//!
//! The formulas are documented on the public functions, [`log_odds`] and
//! [`jensen_shannon`]; [`log_odds_table`] applies the first to every
//! category and term of an outlet against the rest of the corpus.

use serde::{Deserialize, Serialize};

use crate::profile::ArticleProfile;

/// Default prior strength `α0` of the log-odds, in pseudo-tokens.
pub const DEFAULT_PRIOR_TOKENS: f64 = 1000.0;

/// A log-odds comparison of one word for one outlet against the rest.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LogOdds {
    /// The outlet's count of the word.
    pub count: u64,
    /// δ: the log-odds ratio, outlet against the rest.
    pub delta: f64,
    /// σ²(δ): its approximate variance.
    pub variance: f64,
    /// z = δ / σ.
    pub z: f64,
}

/// The log-odds ratio of a word for an outlet against the rest of the
/// corpus (formula below). `y_i`, `n_i`: the outlet's count of the
/// word and its tokens; `y_all`, `n_all`: the same over the whole corpus
/// (outlet included); `prior_tokens`: α0. `None` when the word never occurs
/// or the corpus has no tokens.
///
/// # Formula
///
/// Monroe, Colaresi & Quinn (2008), "Fightin' Words", §3.5. For outlet `i`
/// against the rest of the corpus `j`, with `y_w` the asserted count of a
/// word `w` (a lexicon term, or a whole category), `n` the word tokens of
/// the texts, and the prior `α_w = α0 · y_w(all) / n(all)` (the corpus
/// rate, worth `α0` pseudo-tokens):
///
/// ```text
/// δ_w = ln[(y_w^i + α_w) / (n^i + α0 − y_w^i − α_w)] − ln[(y_w^j + α_w) / (n^j + α0 − y_w^j − α_w)]
/// σ²(δ_w) ≈ 1 / (y_w^i + α_w) + 1 / (y_w^j + α_w)
/// z_w = δ_w / √σ²(δ_w)
/// ```
///
/// A positive `z` means outlet `i` uses `w` more than the others, in units
/// of its standard error; |z| > 1.96 is the conventional 5% threshold.
pub fn log_odds(y_i: u64, n_i: u64, y_all: u64, n_all: u64, prior_tokens: f64) -> Option<LogOdds> {
    if y_all == 0 || n_all == 0 || y_i > y_all || n_i > n_all {
        return None;
    }
    let (yi, ni) = (y_i as f64, n_i as f64);
    let (yj, nj) = ((y_all - y_i) as f64, (n_all - n_i) as f64);
    let alpha = prior_tokens * y_all as f64 / n_all as f64;
    let a0 = prior_tokens;
    let odds_i = (yi + alpha) / (ni + a0 - yi - alpha);
    let odds_j = (yj + alpha) / (nj + a0 - yj - alpha);
    if !(odds_i > 0.0 && odds_j > 0.0) {
        return None;
    }
    let delta = odds_i.ln() - odds_j.ln();
    let variance = 1.0 / (yi + alpha) + 1.0 / (yj + alpha);
    Some(LogOdds {
        count: y_i,
        delta,
        variance,
        z: delta / variance.sqrt(),
    })
}

/// One outlet's log-odds against the rest of the corpus, on asserted cues,
/// indexed as profiles are (names are the caller's business).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct LogOddsTable {
    /// Per category, by category index; `None` where [`log_odds`] is
    /// undefined (a category never asserted in the corpus).
    pub categories: Vec<Option<LogOdds>>,
    /// Per term the outlet asserted (a count above 0), by increasing term
    /// index; terms whose log-odds is undefined are left out.
    pub terms: Vec<(u32, LogOdds)>,
}

/// The log-odds of every category and every term for `outlet` against the
/// rest of the corpus, from asserted counts. `corpus` is the whole corpus
/// summed, `outlet` included; `prior_tokens` is α0.
pub(crate) fn log_odds_table(
    outlet: &ArticleProfile,
    corpus: &ArticleProfile,
    prior_tokens: f64,
) -> LogOddsTable {
    let odds =
        |y_i: u64, y_all: u64| log_odds(y_i, outlet.tokens, y_all, corpus.tokens, prior_tokens);
    let categories = corpus
        .categories
        .iter()
        .enumerate()
        .map(|(c, all)| {
            let y_i = outlet.categories.get(c).map_or(0, |x| x.asserted);
            odds(y_i, all.asserted)
        })
        .collect();
    // Only the terms the outlet used: a term it never used would be an
    // entry per outlet for every term of the corpus (most of a report of
    // many outlets), and its z-score follows from the corpus count alone.
    // Both term lists are sorted by term: walk the corpus's alongside.
    let mut all = corpus.terms.iter().peekable();
    let mut terms = Vec::with_capacity(outlet.terms.len());
    for &(term, y_i) in &outlet.terms {
        while all.peek().is_some_and(|(t, _)| *t < term) {
            all.next();
        }
        let y_all = all
            .peek()
            .filter(|(t, _)| *t == term)
            .map_or(0, |(_, y)| *y);
        if y_i > 0
            && let Some(o) = odds(y_i, y_all)
        {
            terms.push((term, o));
        }
    }
    LogOddsTable { categories, terms }
}

/// Jensen–Shannon divergence (base 2) between two count vectors, each
/// normalised to a distribution. `None` when either has no mass.
///
/// # Formula
///
/// For distributions `P` and `Q` and `M = (P + Q) / 2`,
/// `JSD(P, Q) = ½ KL(P‖M) + ½ KL(Q‖M)` with base-2 logarithms, so it lies
/// in `[0, 1]`: 0 for identical distributions, 1 for disjoint ones. Terms
/// with a zero probability contribute 0.
pub fn jensen_shannon(p: &[f64], q: &[f64]) -> Option<f64> {
    let (sp, sq): (f64, f64) = (p.iter().sum(), q.iter().sum());
    if sp <= 0.0 || sq <= 0.0 || p.len() != q.len() {
        return None;
    }
    let mut jsd = 0.0;
    for (&a, &b) in p.iter().zip(q) {
        let (a, b) = (a / sp, b / sq);
        let m = (a + b) / 2.0;
        if a > 0.0 {
            jsd += 0.5 * a * (a / m).log2();
        }
        if b > 0.0 {
            jsd += 0.5 * b * (b / m).log2();
        }
    }
    // Rounding can leave a tiny negative for identical inputs.
    Some(jsd.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_odds_matches_a_hand_computation() {
        // Outlet: 10 of 1,000 tokens; rest: 5 of 3,000; α0 = 100.
        // α = 100 · 15 / 4000 = 0.375.
        // δ = ln(10.375 / 1089.625) − ln(5.375 / 3094.625)
        //   = ln(0.00952162) − ln(0.00173689) = 1.701474
        // σ² = 1/10.375 + 1/5.375 = 0.096386 + 0.186047 = 0.282432
        // z = 1.701474 / 0.531443 = 3.201609
        let r = log_odds(10, 1000, 15, 4000, 100.0).unwrap();
        assert!((r.delta - 1.701474).abs() < 1e-5, "{r:?}");
        assert!((r.variance - 0.282432).abs() < 1e-5, "{r:?}");
        assert!((r.z - 3.201609).abs() < 1e-4, "{r:?}");
        assert_eq!(r.count, 10);
        // Symmetry: the rest against the outlet is the mirror image.
        let mirror = log_odds(5, 3000, 15, 4000, 100.0).unwrap();
        assert!((mirror.delta + r.delta).abs() < 1e-12);
        assert!(log_odds(0, 10, 0, 20, 100.0).is_none());
    }

    #[test]
    fn log_odds_table_compares_each_category_and_term() {
        use crate::profile::CategoryCounts;
        let asserted = |n| CategoryCounts {
            asserted: n,
            ..CategoryCounts::default()
        };
        let outlet = ArticleProfile {
            tokens: 1000,
            categories: vec![asserted(10), asserted(0)],
            terms: vec![(3, 10)],
            ..ArticleProfile::default()
        };
        let corpus = ArticleProfile {
            tokens: 4000,
            categories: vec![asserted(15), asserted(0)],
            terms: vec![(1, 4), (3, 15)],
            ..ArticleProfile::default()
        };
        let table = log_odds_table(&outlet, &corpus, 100.0);
        let expected = log_odds(10, 1000, 15, 4000, 100.0);
        assert_eq!(table.categories, vec![expected, None]);
        // Term 1 is absent from the outlet: no entry (categories keep one
        // each, count 0 included).
        assert_eq!(table.terms, vec![(3, expected.unwrap())]);
        let with_zero = ArticleProfile {
            terms: vec![(1, 0), (3, 10)],
            ..outlet.clone()
        };
        assert_eq!(log_odds_table(&with_zero, &corpus, 100.0), table);
    }

    #[test]
    fn jensen_shannon_is_bounded_and_symmetric() {
        assert_eq!(jensen_shannon(&[1.0, 2.0], &[2.0, 4.0]), Some(0.0));
        assert_eq!(jensen_shannon(&[1.0, 0.0], &[0.0, 3.0]), Some(1.0));
        // P = (1/2, 1/2), Q = (1, 0): M = (3/4, 1/4).
        // JSD = ½[½ log2(2/3) + ½ log2(2)] + ½[log2(4/3)] = 0.311278
        let j = jensen_shannon(&[1.0, 1.0], &[1.0, 0.0]).unwrap();
        assert!((j - 0.311278).abs() < 1e-6, "{j}");
        assert_eq!(jensen_shannon(&[1.0, 0.0], &[1.0, 1.0]), Some(j));
        assert_eq!(jensen_shannon(&[0.0, 0.0], &[1.0, 0.0]), None);
    }
}
