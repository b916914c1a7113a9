//! The partial-results format: a run's accumulated state as written by
//! `--partial` and read back by `--merge`, and the checks a shard must pass
//! before it is merged.
//!
//! A partial file is one JSON object: the fields of [`Partial`] and a
//! `checksum`, FNV-1a (64-bit, as hex) over the object's canonical JSON
//! without it (the JSON [`Partial`] serialises to). The checksum finds a
//! damaged or hand-edited file; it is no signature (anyone can compute
//! it), so every invariant of the data is checked as well before a
//! partial is merged ([`Partial::check`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::MergeError;
use crate::group::GroupBy;
use crate::lexicon::Lexicon;
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
    /// Article ids none of whose copies was counted (the copies differed:
    /// see [`Corpus::add`](crate::Corpus::add)), sorted; they may appear in
    /// no other shard.
    #[serde(default)]
    pub rejected_ids: Vec<String>,
    /// Whether every sentence counted in per-sentence denominators
    /// ([`AnalyzerBuilder::count_all_sentences`](crate::AnalyzerBuilder::count_all_sentences));
    /// shards made with different settings do not merge.
    #[serde(default)]
    pub count_all_sentences: bool,
    /// How the articles are grouped, as a `--group-by` spec
    /// ([`GroupBy`]'s text); absent (`None`) for the default, by outlet, so
    /// that partials grouped by outlet read as before. `outlets` is keyed
    /// by group key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_by: Option<String>,
}

/// The format tag of partial files. The first format,
/// `framescope-partial/1`, had no checksum; the second,
/// `framescope-partial/2`, had no headline counts, sentence kinds or
/// sentence-counting setting (and counted headings in its denominators);
/// the third, `framescope-partial/3`, had no attribution counts: all are
/// refused with a message saying so.
pub const PARTIAL_FORMAT: &str = "framescope-partial/4";

/// A partial file as read: the partial and its checksum.
#[derive(Deserialize)]
struct FileForm {
    format: String,
    lexicon_version: String,
    metrics: Vec<String>,
    outlets: BTreeMap<String, OutletData>,
    rejected: Vec<Rejection>,
    rejected_ids: Vec<String>,
    #[serde(default)]
    count_all_sentences: bool,
    #[serde(default)]
    group_by: Option<String>,
    checksum: String,
}

/// The first field of a file, to tell a partial from anything else before
/// reading it all.
#[derive(Deserialize)]
struct Head {
    format: Option<String>,
}

impl Partial {
    /// The partial as the file `--partial` writes: its JSON with a
    /// `checksum` field (see the module docs).
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialising cannot fail.
        let mut json = serde_json::to_string(self).unwrap_or_default();
        let checksum = self.checksum();
        if json.ends_with('}') {
            json.pop();
            json.push_str(&format!(",\"checksum\":\"{checksum}\"}}"));
        }
        json
    }

    /// Reads a partial file ([`Partial::to_json`]). Refused: anything that
    /// is not a partial file (no `format` field: an input of articles,
    /// say), another format, JSON that does not follow the format, and a
    /// checksum that does not match (a damaged or edited file). The data's
    /// invariants are checked when the partial is merged.
    pub fn from_json(text: &str) -> Result<Partial, MergeError> {
        let head = serde_json::Deserializer::from_str(text)
            .into_iter::<Head>()
            .next();
        let format = match head {
            Some(Ok(Head {
                format: Some(format),
            })) => format,
            Some(Ok(Head { format: None })) => {
                return Err(MergeError::NotAPartial(
                    "it has no \"format\" field (is it a file of articles?)".into(),
                ));
            }
            // A partial file starts with an object; a damaged one is
            // reported as damaged, anything else as no partial at all.
            Some(Err(e)) if text.trim_start().starts_with('{') => {
                return Err(MergeError::Json(e.to_string()));
            }
            Some(Err(_)) | None => {
                return Err(MergeError::NotAPartial("it is not a JSON object".into()));
            }
        };
        if format != PARTIAL_FORMAT {
            return Err(MergeError::Format(format));
        }
        let file: FileForm =
            serde_json::from_str(text).map_err(|e| MergeError::Json(e.to_string()))?;
        let partial = Partial {
            format: file.format,
            lexicon_version: file.lexicon_version,
            metrics: file.metrics,
            outlets: file.outlets,
            rejected: file.rejected,
            rejected_ids: file.rejected_ids,
            count_all_sentences: file.count_all_sentences,
            group_by: file.group_by,
        };
        if partial.checksum() != file.checksum {
            return Err(MergeError::Checksum);
        }
        Ok(partial)
    }

    /// The checksum of the partial's content: FNV-1a (64-bit) over its
    /// canonical JSON, as 16 hex digits. Two partials with the same
    /// content have the same checksum.
    pub fn checksum(&self) -> String {
        let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
        // Writing into a hash cannot fail.
        let _ = serde_json::to_writer(&mut hash, self);
        format!("{:016x}", hash.0)
    }

    /// Whether this shard can join a run with `lexicon` and `metrics`, and
    /// holds together: same format, same lexicon, same metrics in the same
    /// order (article values are stored by position); then the invariants
    /// of the data (see [`MergeError::Invalid`]): every outlet has
    /// articles, as many as its profile counts, each with one value per
    /// metric and an id found once in the shard; every profile's counts
    /// fit the lexicon and agree with each other.
    pub(super) fn check(
        &self,
        lexicon: &Lexicon,
        metrics: &[Metric],
        group_by: &GroupBy,
    ) -> Result<(), MergeError> {
        if self.format != PARTIAL_FORMAT {
            return Err(MergeError::Format(self.format.clone()));
        }
        if self.lexicon_version != lexicon.version() {
            return Err(MergeError::Lexicon {
                expected: lexicon.version().to_string(),
                found: self.lexicon_version.clone(),
            });
        }
        if self.metrics.iter().ne(metrics.iter().map(|m| &m.name)) {
            return Err(MergeError::Metrics);
        }
        let grouping = self.group_by.as_deref().unwrap_or("outlet");
        if grouping != group_by.to_string() {
            return Err(MergeError::Grouping {
                expected: group_by.to_string(),
                found: grouping.to_string(),
            });
        }
        let invalid = |msg: String| Err(MergeError::Invalid(msg));
        let mut ids = rustc_hash::FxHashSet::default();
        for (name, data) in &self.outlets {
            // Only an outlet must have a name: another group may have
            // empty values.
            if name.trim().is_empty() && group_by.is_outlet() {
                return invalid("an outlet with an empty name".into());
            }
            let listed = data.articles.len() as u64;
            if listed == 0 || data.profile.articles != listed {
                return invalid(format!(
                    "outlet {name:?} counts {} articles and lists {listed}",
                    data.profile.articles
                ));
            }
            let counts = &data.profile.counts;
            if counts.lexicon != self.lexicon_version {
                return invalid(format!(
                    "outlet {name:?}: counts made with lexicon {:?}",
                    counts.lexicon
                ));
            }
            if let Err(why) = counts.check_counts(lexicon) {
                return invalid(format!("outlet {name:?}: {why}"));
            }
            for article in &data.articles {
                if article.id.trim().is_empty() {
                    return invalid(format!("outlet {name:?}: an article with an empty id"));
                }
                if article.values.len() != metrics.len() {
                    return invalid(format!(
                        "article {:?}: {} metric values for {} metrics",
                        article.id,
                        article.values.len(),
                        metrics.len()
                    ));
                }
                if !ids.insert(article.id.as_str()) {
                    return invalid(format!("article id {:?} listed twice", article.id));
                }
            }
        }
        for id in &self.rejected_ids {
            if !ids.insert(id.as_str()) {
                return invalid(format!("article id {id:?} both counted and rejected"));
            }
        }
        Ok(())
    }
}

/// FNV-1a (64-bit) as a writer: the hash of everything written.
struct Fnv(u64);

impl std::io::Write for Fnv {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
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
        for old in [
            "framescope-partial/1",
            "framescope-partial/2",
            "framescope-partial/3",
        ] {
            let old = MergeError::Format(old.into()).to_string();
            assert!(old.contains("earlier framescope"), "{old}");
        }
    }
}
