//! The settings of the report's statistics: bootstrap seed and resamples,
//! log-odds prior, and which outlets are compared pairwise.

use crate::compare;

/// How the report's statistics are computed.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// Seed of the bootstrap generator.
    pub seed: u64,
    /// Bootstrap resamples per outlet.
    pub resamples: usize,
    /// Strength α0 of the log-odds prior, in pseudo-tokens
    /// (see [`log_odds`](crate::log_odds)).
    pub prior_tokens: f64,
    /// At most this many outlets are compared pairwise: those with the
    /// most articles (ties broken by name), among outlets with at least
    /// [`min_articles_to_compare`](Self::min_articles_to_compare). Every
    /// outlet still gets its own metrics and intervals; this bounds the
    /// number of pairs (n·(n−1)/2) on corpora with hundreds of outlets.
    pub max_compared_outlets: usize,
    /// Outlets with fewer articles are not compared pairwise.
    pub min_articles_to_compare: u64,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            seed: 42,
            resamples: 2000,
            prior_tokens: compare::DEFAULT_PRIOR_TOKENS,
            max_compared_outlets: 12,
            min_articles_to_compare: 2,
        }
    }
}
