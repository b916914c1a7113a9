//! Corpus level: article profiles gathered per outlet, then turned into the
//! report (means, bootstrap intervals, pooled values, comparisons).
//!
//! Results do not depend on the order in which articles arrive or on the
//! thread that analysed them: each outlet's articles are sorted by id
//! before any sum, and the bootstrap's generator is seeded per outlet and
//! replicate.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::analyzer::{Analysis, Analyzer};
use crate::article::{Article, Record};
use crate::error::{InputError, InputErrorKind};
use crate::lexicon::Lexicon;
use crate::metrics::{self, Metric};
use crate::profile::{ArticleProfile, OutletProfile};
use crate::report::{
    Comparison, Counts, Difference, InputSummary, LexiconSummary, MetricValue, OutletReport,
    Rejection, Report, Settings,
};

/// How the report's statistics are computed.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// Seed of the bootstrap generator.
    pub seed: u64,
    /// Bootstrap resamples per outlet.
    pub resamples: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            seed: 42,
            resamples: 2000,
        }
    }
}

/// What one outlet's articles left behind.
#[derive(Debug, Default)]
struct OutletData {
    profile: OutletProfile,
    /// (article id, article values per metric, NaN when undefined).
    articles: Vec<(String, Vec<f64>)>,
}

/// An outlet ready for statistics: name, data, article values sorted by
/// article id (`[article][metric]`), bootstrap replicates (`[metric][b]`).
type Prepared<'a> = (&'a String, &'a OutletData, Vec<Vec<f64>>, Vec<Vec<f64>>);

/// Articles gathered per outlet; turns into a [`Report`].
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
    /// it is refused with [`InputErrorKind::DuplicateId`] (whose source and
    /// line the caller fills in).
    pub fn add(&mut self, article: &Article, profile: &ArticleProfile) -> Result<(), InputError> {
        if !self.ids.insert(article.id.clone()) {
            return Err(InputError::new(
                "",
                0,
                InputErrorKind::DuplicateId(article.id.clone()),
            ));
        }
        let values = self
            .metrics
            .iter()
            .map(|m| m.value(profile).unwrap_or(f64::NAN))
            .collect();
        let outlet = self.outlets.entry(article.outlet.clone()).or_default();
        outlet.profile.add(profile);
        outlet.articles.push((article.id.clone(), values));
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

    /// Computes the report.
    pub fn report(&self, options: &ReportOptions) -> Report {
        let n_metrics = self.metrics.len();
        // Per outlet: sorted values, bootstrap replicates.
        let prepared: Vec<Prepared<'_>> = self
            .outlets
            .par_iter()
            .map(|(name, data)| {
                let mut articles: Vec<&(String, Vec<f64>)> = data.articles.iter().collect();
                articles.sort_by(|a, b| a.0.cmp(&b.0));
                let values: Vec<Vec<f64>> = articles.iter().map(|a| a.1.clone()).collect();
                let replicates = metrics::bootstrap(
                    &values,
                    n_metrics,
                    options.resamples,
                    metrics::seed_for(options.seed, name),
                );
                (name, data, values, replicates)
            })
            .collect();

        let mut outlets = Vec::new();
        for (name, data, values, replicates) in &prepared {
            let mut metric_values = BTreeMap::new();
            for (m, metric) in self.metrics.iter().enumerate() {
                let (value, n) = metrics::mean(values.iter().map(|row| defined(row[m])));
                let mut sorted = replicates[m].clone();
                sorted.sort_by(f64::total_cmp);
                metric_values.insert(
                    metric.name.clone(),
                    MetricValue {
                        value,
                        ci_low: metrics::quantile(&sorted, 0.025),
                        ci_high: metrics::quantile(&sorted, 0.975),
                        n,
                        pooled: metric.value(&data.profile.counts),
                    },
                );
            }
            let counts = &data.profile.counts;
            outlets.push(OutletReport {
                outlet: (*name).clone(),
                articles: data.profile.articles,
                sentences: counts.sentences,
                tokens: counts.tokens,
                counts: Counts {
                    categories: self
                        .lexicon
                        .categories()
                        .iter()
                        .zip(&counts.categories)
                        .map(|(c, n)| (c.name.clone(), *n))
                        .collect(),
                    actors: self
                        .lexicon
                        .actors()
                        .iter()
                        .zip(&counts.actors)
                        .map(|(a, n)| (a.id.clone(), *n))
                        .collect(),
                },
                metrics: metric_values,
            });
        }

        let mut comparisons = Vec::new();
        for (i, a) in prepared.iter().enumerate() {
            for b in &prepared[i + 1..] {
                let mut differences = BTreeMap::new();
                for (m, metric) in self.metrics.iter().enumerate() {
                    let mean_a = metrics::mean(a.2.iter().map(|r| defined(r[m]))).0;
                    let mean_b = metrics::mean(b.2.iter().map(|r| defined(r[m]))).0;
                    // Replicates are independent per outlet, so pairing them
                    // by number gives draws of the difference.
                    let mut diffs: Vec<f64> =
                        a.3[m].iter().zip(&b.3[m]).map(|(x, y)| x - y).collect();
                    diffs.sort_by(f64::total_cmp);
                    let defined_both = mean_a.is_some() && mean_b.is_some();
                    differences.insert(
                        metric.name.clone(),
                        Difference {
                            difference: mean_a.zip(mean_b).map(|(x, y)| x - y),
                            ci_low: metrics::quantile(&diffs, 0.025).filter(|_| defined_both),
                            ci_high: metrics::quantile(&diffs, 0.975).filter(|_| defined_both),
                        },
                    );
                }
                comparisons.push(Comparison {
                    outlet_a: a.0.clone(),
                    outlet_b: b.0.clone(),
                    differences,
                });
            }
        }

        let mut rejected = self.rejected.clone();
        rejected.sort_by(|x, y| (&x.source, x.line).cmp(&(&y.source, y.line)));
        let analysed = self.articles();
        Report {
            input: InputSummary {
                records: analysed + rejected.len() as u64,
                analysed,
                rejected,
            },
            lexicon: LexiconSummary {
                version: self.lexicon.version().to_string(),
                actors: self.lexicon.actors().iter().map(|a| a.id.clone()).collect(),
                categories: self
                    .lexicon
                    .categories()
                    .iter()
                    .map(|c| c.name.clone())
                    .collect(),
            },
            settings: Settings {
                seed: options.seed,
                resamples: options.resamples,
                confidence: 0.95,
            },
            outlets,
            comparisons,
        }
    }
}

fn defined(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

/// Analyses a stream of records in parallel batches and gathers them into
/// `corpus`, in input order.
///
/// `records` yields articles or input errors. An error stops the run and is
/// returned unless `skip_invalid`, in which case it is recorded in the
/// report. `on_article` sees every analysed article with its analysis, in
/// input order (for a sentence dump, say). Runs on the current rayon pool.
pub fn analyze_records<I, F>(
    analyzer: &Analyzer,
    corpus: &mut Corpus<'_>,
    records: I,
    skip_invalid: bool,
    mut on_article: F,
) -> Result<(), InputError>
where
    I: IntoIterator<Item = Result<Record, InputError>>,
    F: FnMut(&Record, &Analysis),
{
    const BATCH: usize = 256;
    let mut batch: Vec<Record> = Vec::with_capacity(BATCH);
    let mut records = records.into_iter();
    loop {
        batch.clear();
        let mut pending_error = None;
        for record in records.by_ref() {
            match record {
                Ok(article) => {
                    batch.push(article);
                    if batch.len() == BATCH {
                        break;
                    }
                }
                Err(error) => {
                    pending_error = Some(error);
                    break;
                }
            }
        }
        let done = batch.is_empty() && pending_error.is_none();
        let analyses: Vec<Analysis> = batch
            .par_iter()
            .map(|r| analyzer.analyze(&r.article))
            .collect();
        for (record, analysis) in batch.iter().zip(analyses) {
            match corpus.add(&record.article, &analysis.profile) {
                Ok(()) => on_article(record, &analysis),
                Err(mut error) => {
                    error.source_name = record.source.to_string();
                    error.line = record.line;
                    if skip_invalid {
                        corpus.reject(&error);
                    } else {
                        return Err(error);
                    }
                }
            }
        }
        if let Some(error) = pending_error {
            if skip_invalid {
                corpus.reject(&error);
            } else {
                return Err(error);
            }
        }
        if done {
            return Ok(());
        }
    }
}
