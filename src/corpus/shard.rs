//! The partial-results format: a run's accumulated state as written by
//! `--partial` and read back by `--merge`, and the checks a shard must pass
//! before it is merged.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::MergeError;
use crate::metrics::Metric;
use crate::profile::OutletProfile;
use crate::report::Rejection;

/// One article's contribution to the statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleEntry {
    /// Article id.
    pub id: String,
    /// The story it covers, if given.
    pub story: Option<String>,
    /// Article value of each metric, in [`Partial::metrics`] order (`null`
    /// / NaN when undefined).
    #[serde(with = "nan_as_null")]
    pub values: Vec<f64>,
}

/// What one outlet's articles left behind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OutletData {
    /// Summed counts.
    pub profile: OutletProfile,
    /// Per-article metric values (for means and the bootstrap).
    pub articles: Vec<ArticleEntry>,
}

/// A run's state, written by `--partial` and combined by `--merge`, so a
/// corpus can be analysed in shards on several machines and reported as
/// if in one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Partial {
    /// Format tag, [`PARTIAL_FORMAT`].
    pub format: String,
    /// Version of the lexicon that made the profiles.
    pub lexicon_version: String,
    /// Metric names, the order of every article's values.
    pub metrics: Vec<String>,
    /// Per outlet.
    pub outlets: BTreeMap<String, OutletData>,
    /// Rejected records.
    pub rejected: Vec<Rejection>,
}

/// The format tag of partial files.
pub const PARTIAL_FORMAT: &str = "framescope-partial/1";

impl Partial {
    /// Whether this shard can join a run with lexicon `lexicon_version` and
    /// `metrics`: same format, same lexicon, same metrics in the same order
    /// (article values are stored by position).
    pub(super) fn check_compatible(
        &self,
        lexicon_version: &str,
        metrics: &[Metric],
    ) -> Result<(), MergeError> {
        if self.format != PARTIAL_FORMAT {
            return Err(MergeError::Format(self.format.clone()));
        }
        if self.lexicon_version != lexicon_version {
            return Err(MergeError::Lexicon {
                expected: lexicon_version.to_string(),
                found: self.lexicon_version.clone(),
            });
        }
        if self.metrics.iter().ne(metrics.iter().map(|m| &m.name)) {
            return Err(MergeError::Metrics);
        }
        Ok(())
    }
}

/// Undefined metric values are NaN in memory but `null` on disk, as JSON
/// has no NaN.
mod nan_as_null {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(values: &[f64], s: S) -> Result<S::Ok, S::Error> {
        let v: Vec<Option<f64>> = values.iter().map(|&x| (!x.is_nan()).then_some(x)).collect();
        v.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        let v: Vec<Option<f64>> = Vec::deserialize(d)?;
        Ok(v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_error_names_the_format_tag() {
        // `MergeError` lives in `error`, which spells the tag out.
        let message = MergeError::Format("x".into()).to_string();
        assert_eq!(
            message,
            format!("not a {PARTIAL_FORMAT} file (format \"x\")")
        );
    }
}
