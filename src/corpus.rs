//! Corpus level: article profiles gathered per outlet, then turned into the
//! report (means, bootstrap intervals, pooled values, comparisons).
//!
//! Results do not depend on the order in which articles arrive or on the
//! thread that analysed them: each outlet's articles are sorted by id
//! before any sum, and the bootstrap's generator is seeded per outlet and
//! replicate.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analyzer::{Analysis, Analyzer};
use crate::article::{Article, Record};
use crate::compare;
use crate::error::{InputError, InputErrorKind};
use crate::lexicon::Lexicon;
use crate::lexicon::{Group, Role};
use crate::metrics::{self, Metric};
use crate::profile::{ArticleProfile, OutletProfile};
use crate::report::{
    Comparison, Counts, Difference, InputSummary, LexiconSummary, LogOddsReport, MetricValue,
    OutletReport, Rejection, Report, Settings, TermLogOdds,
};

/// How the report's statistics are computed.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// Seed of the bootstrap generator.
    pub seed: u64,
    /// Bootstrap resamples per outlet.
    pub resamples: usize,
    /// Strength α0 of the log-odds prior, in pseudo-tokens
    /// (see [`crate::compare`]).
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

/// Why partial results cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// Not a partial file of this format.
    #[error("not a {PARTIAL_FORMAT} file (format {0:?})")]
    Format(String),
    /// Made with another lexicon.
    #[error("made with lexicon {found}, this run uses {expected}")]
    Lexicon {
        /// This run's lexicon version.
        expected: String,
        /// The partial's.
        found: String,
    },
    /// Metrics differ (another framescope version).
    #[error("its metrics differ from this run's")]
    Metrics,
    /// The same article id in two shards.
    #[error("article id {0:?} appears in more than one shard")]
    DuplicateId(String),
    /// The file is not valid JSON of the partial format.
    #[error("{0}")]
    Json(String),
}

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

/// An outlet ready for statistics.
struct Prepared<'a> {
    name: &'a str,
    data: &'a OutletData,
    /// Articles sorted by id: a fixed order for sums and resampling.
    articles: Vec<&'a ArticleEntry>,
    /// Outlet mean of each metric and the number of articles defining it.
    means: Vec<(Option<f64>, u64)>,
    /// 95% interval of each metric's mean.
    intervals: Vec<(Option<f64>, Option<f64>)>,
    /// Bootstrap replicate means, `[metric][replicate]`, kept only for
    /// outlets that are compared pairwise.
    replicates: Vec<Vec<f64>>,
}

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
        // Look up before inserting: the name is cloned once per outlet,
        // not once per article.
        let outlet = match self.outlets.get_mut(&article.outlet) {
            Some(outlet) => outlet,
            None => self.outlets.entry(article.outlet.clone()).or_default(),
        };
        outlet.profile.add(profile);
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

    /// The outlets compared pairwise (see [`ReportOptions`]), sorted by name.
    fn compared_outlets(&self, options: &ReportOptions) -> Vec<&str> {
        let mut eligible: Vec<(&str, u64)> = self
            .outlets
            .iter()
            .map(|(name, data)| (name.as_str(), data.profile.articles))
            .filter(|(_, n)| *n >= options.min_articles_to_compare)
            .collect();
        eligible.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        eligible.truncate(options.max_compared_outlets);
        let mut names: Vec<&str> = eligible.into_iter().map(|(name, _)| name).collect();
        names.sort_unstable();
        names
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
        if partial.format != PARTIAL_FORMAT {
            return Err(MergeError::Format(partial.format));
        }
        if partial.lexicon_version != self.lexicon.version() {
            return Err(MergeError::Lexicon {
                expected: self.lexicon.version().to_string(),
                found: partial.lexicon_version,
            });
        }
        if partial
            .metrics
            .iter()
            .ne(self.metrics.iter().map(|m| &m.name))
        {
            return Err(MergeError::Metrics);
        }
        for (name, data) in partial.outlets {
            for article in &data.articles {
                if !self.ids.insert(article.id.clone()) {
                    return Err(MergeError::DuplicateId(article.id.clone()));
                }
            }
            let outlet = self.outlets.entry(name).or_default();
            outlet.profile.merge(&data.profile);
            outlet.articles.extend(data.articles);
        }
        self.rejected.extend(partial.rejected);
        Ok(())
    }

    /// Computes the report.
    pub fn report(&self, options: &ReportOptions) -> Report {
        let n_metrics = self.metrics.len();
        let compared = self.compared_outlets(options);
        // Outlets in parallel too: each one's sorting, means and interval
        // selection would otherwise run on one thread between bootstraps.
        let prepared: Vec<Prepared<'_>> = self
            .outlets
            .par_iter()
            .map(|(name, data)| {
                let mut articles: Vec<&ArticleEntry> = data.articles.iter().collect();
                articles.sort_by(|a, b| a.id.cmp(&b.id));
                let values: Vec<&[f64]> = articles.iter().map(|a| a.values.as_slice()).collect();
                let means = (0..n_metrics)
                    .map(|m| metrics::mean(values.iter().map(|row| defined(row[m]))))
                    .collect();
                let mut replicates = metrics::bootstrap(
                    &values,
                    n_metrics,
                    options.resamples,
                    metrics::seed_for(options.seed, name),
                );
                let intervals = replicates.iter().map(|r| interval(r)).collect();
                if compared.binary_search(&name.as_str()).is_err() {
                    replicates = Vec::new();
                }
                Prepared {
                    name,
                    data,
                    articles,
                    means,
                    intervals,
                    replicates,
                }
            })
            .collect();

        let mut total = ArticleProfile::empty(self.lexicon);
        for p in &prepared {
            total.merge(&p.data.profile.counts);
        }
        let outlets = prepared
            .par_iter()
            .map(|p| self.outlet_report(p, &total, options))
            .collect();
        let compared: Vec<&Prepared<'_>> = prepared
            .iter()
            .filter(|p| compared.binary_search(&p.name).is_ok())
            .collect();
        let pairs: Vec<(usize, usize)> = (0..compared.len())
            .flat_map(|i| (i + 1..compared.len()).map(move |j| (i, j)))
            .collect();
        let comparisons = pairs
            .par_iter()
            .map(|&(i, j)| self.comparison(compared[i], compared[j], options))
            .collect();

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
                prior_tokens: options.prior_tokens,
                max_compared_outlets: options.max_compared_outlets,
                min_articles_to_compare: options.min_articles_to_compare,
            },
            outlets,
            comparisons,
        }
    }

    fn outlet_report(
        &self,
        p: &Prepared<'_>,
        total: &ArticleProfile,
        options: &ReportOptions,
    ) -> OutletReport {
        let mut metric_values = BTreeMap::new();
        for (m, metric) in self.metrics.iter().enumerate() {
            let (value, n) = p.means[m];
            let (ci_low, ci_high) = p.intervals[m];
            metric_values.insert(
                metric.name.clone(),
                MetricValue {
                    value,
                    ci_low,
                    ci_high,
                    n,
                    pooled: metric.value(&p.data.profile.counts),
                },
            );
        }
        let counts = &p.data.profile.counts;
        let lexicon = self.lexicon;
        let odds = |y_i: u64, y_all: u64| {
            compare::log_odds(
                y_i,
                counts.tokens,
                y_all,
                total.tokens,
                options.prior_tokens,
            )
        };
        let category_odds = lexicon
            .categories()
            .iter()
            .enumerate()
            .filter_map(|(c, category)| {
                let y_i = counts.categories.get(c).map_or(0, |x| x.asserted);
                let y_all = total.categories.get(c).map_or(0, |x| x.asserted);
                odds(y_i, y_all).map(|o| (category.name.clone(), o))
            })
            .collect();
        let mut own = counts.terms.iter().peekable();
        let mut term_odds = Vec::new();
        for &(term, y_all) in &total.terms {
            while own.peek().is_some_and(|(t, _)| *t < term) {
                own.next();
            }
            let y_i = own
                .peek()
                .filter(|(t, _)| *t == term)
                .map_or(0, |(_, y)| *y);
            let Some(o) = odds(y_i, y_all) else { continue };
            let category = match lexicon.terms().get(term as usize).map(|t| t.role) {
                Some(Role::Cue(c)) => lexicon.category_name(c).to_string(),
                _ => continue,
            };
            term_odds.push(TermLogOdds {
                term: lexicon.term_pattern(term as usize).to_string(),
                category,
                log_odds: o,
            });
        }
        OutletReport {
            outlet: p.name.to_string(),
            articles: p.data.profile.articles,
            sentences: counts.sentences,
            tokens: counts.tokens,
            counts: Counts {
                categories: lexicon
                    .categories()
                    .iter()
                    .zip(&counts.categories)
                    .map(|(c, n)| (c.name.clone(), *n))
                    .collect(),
                actors: lexicon
                    .actors()
                    .iter()
                    .zip(&counts.actors)
                    .map(|(a, n)| (a.id.clone(), *n))
                    .collect(),
            },
            metrics: metric_values,
            log_odds: LogOddsReport {
                categories: category_odds,
                terms: term_odds,
            },
        }
    }

    fn comparison(
        &self,
        a: &Prepared<'_>,
        b: &Prepared<'_>,
        options: &ReportOptions,
    ) -> Comparison {
        let mut differences = BTreeMap::new();
        for (m, metric) in self.metrics.iter().enumerate() {
            let difference = a.means[m].0.zip(b.means[m].0).map(|(x, y)| x - y);
            // Replicates are independent per outlet, so pairing them by
            // number gives draws of the difference.
            let diffs: Vec<f64> = a.replicates[m]
                .iter()
                .zip(&b.replicates[m])
                .map(|(x, y)| x - y)
                .collect();
            differences.insert(metric.name.clone(), difference_with(difference, &diffs));
        }
        let (ca, cb) = (&a.data.profile.counts, &b.data.profile.counts);
        let frames = self.lexicon.category_indices(Group::Frame);
        let frame_counts = |p: &ArticleProfile| -> Vec<f64> {
            frames
                .iter()
                .map(|&f| p.categories.get(f).map_or(0.0, |c| c.total() as f64))
                .collect()
        };
        let salience = |p: &ArticleProfile| -> Vec<f64> {
            p.actors.iter().map(|x| x.sentences as f64).collect()
        };
        let (shared_stories, within_story) = self.within_story(a, b, options);
        Comparison {
            outlet_a: a.name.to_string(),
            outlet_b: b.name.to_string(),
            differences,
            frame_mix_jsd: compare::jensen_shannon(&frame_counts(ca), &frame_counts(cb)),
            actor_salience_jsd: compare::jensen_shannon(&salience(ca), &salience(cb)),
            shared_stories,
            within_story,
        }
    }

    /// Paired comparison within the stories both outlets covered: for each
    /// shared story, the mean of `a`'s articles on it minus the mean of
    /// `b`'s; then the mean over stories, with a bootstrap over stories.
    fn within_story(
        &self,
        a: &Prepared<'_>,
        b: &Prepared<'_>,
        options: &ReportOptions,
    ) -> (u64, BTreeMap<String, Difference>) {
        let n_metrics = self.metrics.len();
        let (sa, sb) = (story_means(a, n_metrics), story_means(b, n_metrics));
        let rows: Vec<Vec<f64>> = sa
            .iter()
            .filter_map(|(story, ma)| {
                sb.get(story)
                    .map(|mb| ma.iter().zip(mb).map(|(x, y)| x - y).collect())
            })
            .collect();
        let mut out = BTreeMap::new();
        if rows.is_empty() {
            return (0, out);
        }
        let row_refs: Vec<&[f64]> = rows.iter().map(Vec::as_slice).collect();
        let seed = metrics::seed_for(options.seed, &format!("{}\u{1f}{}", a.name, b.name));
        let replicates = metrics::bootstrap(&row_refs, n_metrics, options.resamples, seed);
        for (m, metric) in self.metrics.iter().enumerate() {
            let (difference, _) = metrics::mean(rows.iter().map(|r| defined(r[m])));
            out.insert(
                metric.name.clone(),
                difference_with(difference, &replicates[m]),
            );
        }
        (rows.len() as u64, out)
    }
}

/// Each story's mean article value of every metric (NaN when undefined).
fn story_means<'p>(p: &Prepared<'p>, n_metrics: usize) -> BTreeMap<&'p str, Vec<f64>> {
    let mut by_story: BTreeMap<&'p str, Vec<&'p [f64]>> = BTreeMap::new();
    for article in &p.articles {
        if let Some(story) = &article.story {
            by_story.entry(story).or_default().push(&article.values);
        }
    }
    by_story
        .into_iter()
        .map(|(story, rows)| {
            let means = (0..n_metrics)
                .map(|m| {
                    metrics::mean(rows.iter().map(|r| defined(r[m])))
                        .0
                        .unwrap_or(f64::NAN)
                })
                .collect();
            (story, means)
        })
        .collect()
}

/// A difference with the interval of its replicates (none when the
/// difference itself is undefined).
fn difference_with(difference: Option<f64>, replicates: &[f64]) -> Difference {
    let (ci_low, ci_high) = match difference {
        Some(_) => interval(replicates),
        None => (None, None),
    };
    Difference {
        difference,
        ci_low,
        ci_high,
    }
}

/// The 95% percentile interval of replicate values.
fn interval(replicates: &[f64]) -> (Option<f64>, Option<f64>) {
    metrics::quantiles_unsorted(replicates, 0.025, 0.975)
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
    I::IntoIter: Send,
    F: FnMut(&Record, &Analysis) + Send,
{
    let mut records = records.into_iter();
    // A three-stage pipeline: while batch k is analysed in parallel, batch
    // k − 1 is added to the corpus (in order) and batch k + 1 is read.
    let mut batch = read_batch(&mut records);
    let mut analysed: Option<(Batch, Vec<Analysis>)> = None;
    loop {
        let done = batch.records.is_empty() && batch.error.is_none();
        let (analyses, (added, next)) = rayon::join(
            || {
                batch
                    .records
                    .par_iter()
                    .map(|r| analyzer.analyze(&r.article))
                    .collect::<Vec<Analysis>>()
            },
            || {
                let added = match analysed.take() {
                    Some((b, a)) => add_batch(corpus, b, a, skip_invalid, &mut on_article),
                    None => Ok(()),
                };
                let next = if done || added.is_err() {
                    Batch::default()
                } else {
                    read_batch(&mut records)
                };
                (added, next)
            },
        );
        added?;
        if done {
            return Ok(());
        }
        analysed = Some((batch, analyses));
        batch = next;
    }
}

/// Adds an analysed batch to the corpus, in input order, then its error.
fn add_batch<F: FnMut(&Record, &Analysis)>(
    corpus: &mut Corpus<'_>,
    batch: Batch,
    analyses: Vec<Analysis>,
    skip_invalid: bool,
    on_article: &mut F,
) -> Result<(), InputError> {
    for (record, analysis) in batch.records.iter().zip(analyses) {
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
    match batch.error {
        Some(error) if skip_invalid => {
            corpus.reject(&error);
            Ok(())
        }
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Records read in one go, ending early at a bad record.
#[derive(Default)]
struct Batch {
    records: Vec<Record>,
    /// The bad record that ended the batch.
    error: Option<InputError>,
}

/// Reads up to [`BATCH`] records, stopping after the first error (so that
/// errors keep their place among the records).
fn read_batch(records: &mut impl Iterator<Item = Result<Record, InputError>>) -> Batch {
    let mut batch = Batch {
        records: Vec::with_capacity(BATCH),
        error: None,
    };
    for record in records.by_ref() {
        match record {
            Ok(record) => {
                batch.records.push(record);
                if batch.records.len() == BATCH {
                    break;
                }
            }
            Err(error) => {
                batch.error = Some(error);
                break;
            }
        }
    }
    batch
}

/// Records analysed together: enough to keep every thread busy, few enough
/// that memory stays flat.
const BATCH: usize = 256;
