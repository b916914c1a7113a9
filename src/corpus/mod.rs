//! Corpus level: article profiles gathered per outlet, then turned into the
//! report (means, bootstrap intervals, pooled values, comparisons).
//!
//! Results do not depend on the order in which articles arrive or on the
//! thread that analysed them: each outlet's articles are sorted by id
//! before any sum, and the bootstrap's generator is seeded per outlet and
//! replicate.
//!
//! This module holds the accumulation ([`Corpus`]); the report's settings
//! are in `options`, the partial-results format in `shard`, report
//! building in `build` and the parallel pipeline in `ingest`, all
//! re-exported here.

use std::collections::BTreeMap;

mod build;
mod ingest;
mod options;
mod shard;

pub use crate::error::MergeError;
pub use ingest::{analyze_records, profile_records};
pub use options::ReportOptions;
pub use shard::{ArticleEntry, OutletData, PARTIAL_FORMAT, Partial};

use crate::analyzer::Analyzer;
use crate::article::Article;
use crate::error::{InputError, InputErrorKind};
use crate::lexicon::Lexicon;
use crate::metrics::{self, Metric};
use crate::profile::ArticleProfile;
use crate::report::Rejection;

/// Articles gathered per outlet; turns into a [`Report`](crate::Report).
#[derive(Debug)]
pub struct Corpus<'a> {
    lexicon: &'a Lexicon,
    metrics: Vec<Metric>,
    outlets: BTreeMap<String, OutletData>,
    ids: rustc_hash::FxHashSet<String>,
    rejected: Vec<Rejection>,
}

impl<'a> Corpus<'a> {
    /// An empty corpus for profiles made by `analyzer`.
    pub fn new(analyzer: &'a Analyzer) -> Self {
        let lexicon = analyzer.lexicon();
        Corpus {
            lexicon,
            metrics: metrics::metrics_for(lexicon),
            outlets: BTreeMap::new(),
            ids: Default::default(),
            rejected: Vec::new(),
        }
    }

    /// Adds an analysed article. An id seen before is not counted twice:
    /// it is refused with [`InputErrorKind::DuplicateId`]; so is a profile
    /// made with another lexicon ([`InputErrorKind::Lexicon`]). The kind
    /// has no place: the caller knows where the record came from
    /// ([`InputError::new`]).
    pub fn add(
        &mut self,
        article: &Article,
        profile: &ArticleProfile,
    ) -> Result<(), InputErrorKind> {
        if profile.lexicon != self.lexicon.version() {
            return Err(InputErrorKind::Lexicon {
                expected: self.lexicon.version().to_string(),
                found: profile.lexicon.clone(),
            });
        }
        if !self.ids.insert(article.id.clone()) {
            return Err(InputErrorKind::DuplicateId(article.id.clone()));
        }
        let values = self
            .metrics
            .iter()
            .map(|m| m.value(profile).unwrap_or(f64::NAN))
            .collect();
        // Look up before inserting: the name is cloned once per outlet,
        // not once per article.
        let outlet = match self.outlets.get_mut(&article.outlet) {
            Some(outlet) => outlet,
            None => self.outlets.entry(article.outlet.clone()).or_default(),
        };
        // Cannot fail: the version was checked above and every profile in
        // the corpus has it.
        let added = outlet.profile.add(profile);
        debug_assert!(added.is_ok(), "{added:?}");
        outlet.articles.push(ArticleEntry {
            id: article.id.clone(),
            story: article.story.clone(),
            values,
        });
        Ok(())
    }

    /// Records a rejected record.
    pub fn reject(&mut self, error: &InputError) {
        self.rejected.push(Rejection {
            source: error.source_name.clone(),
            line: error.line as u64,
            reason: error.reason(),
        });
    }

    /// Articles added so far.
    pub fn articles(&self) -> u64 {
        self.outlets.values().map(|o| o.profile.articles).sum()
    }

    /// The run's state, for `--partial`.
    pub fn to_partial(&self) -> Partial {
        let mut outlets = self.outlets.clone();
        for data in outlets.values_mut() {
            data.articles.sort_by(|a, b| a.id.cmp(&b.id));
        }
        let mut rejected = self.rejected.clone();
        rejected.sort_by(|x, y| (&x.source, x.line).cmp(&(&y.source, y.line)));
        Partial {
            format: PARTIAL_FORMAT.to_string(),
            lexicon_version: self.lexicon.version().to_string(),
            metrics: self.metrics.iter().map(|m| m.name.clone()).collect(),
            outlets,
            rejected,
        }
    }

    /// Adds a shard's state (from [`Corpus::to_partial`], possibly on
    /// another machine). Merging every shard gives the same report as one
    /// run over all their inputs.
    pub fn merge_partial(&mut self, partial: Partial) -> Result<(), MergeError> {
        partial.check_compatible(self.lexicon.version(), &self.metrics)?;
        for (name, data) in partial.outlets {
            for article in &data.articles {
                if !self.ids.insert(article.id.clone()) {
                    return Err(MergeError::DuplicateId(article.id.clone()));
                }
            }
            let outlet = self.outlets.entry(name).or_default();
            outlet.profile.merge(&data.profile)?;
            outlet.articles.extend(data.articles);
        }
        self.rejected.extend(partial.rejected);
        Ok(())
    }
}
