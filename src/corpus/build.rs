//! Building the report from the accumulated data: outlet means and
//! bootstrap intervals, pooled values, log-odds, and pairwise comparisons
//! (overall and within shared stories).

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::{ArticleEntry, Corpus, OutletData, ReportOptions};
use crate::compare;
use crate::lexicon::{Group, Role};
use crate::metrics;
use crate::profile::ArticleProfile;
use crate::report::{
    Comparison, Counts, Difference, InputSummary, LexiconSummary, LogOddsReport, MetricValue,
    OutletReport, Report, Settings, TermLogOdds,
};

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

impl Corpus<'_> {
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
                let means: Vec<(Option<f64>, u64)> = (0..n_metrics)
                    .map(|m| metrics::mean(values.iter().map(|row| defined(row[m]))))
                    .collect();
                let mut replicates = metrics::bootstrap(
                    &values,
                    n_metrics,
                    options.resamples,
                    metrics::seed_for(options.seed, name),
                );
                // An interval needs two articles that define the metric:
                // with one, every replicate is the same value.
                let intervals = replicates
                    .iter()
                    .zip(&means)
                    .map(|(r, &(_, n))| if n < 2 { (None, None) } else { interval(r) })
                    .collect();
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

        let total = &self.total;
        let outlets = prepared
            .par_iter()
            .map(|p| self.outlet_report(p, total, options))
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
        super::sort_rejections(&mut rejected);
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
                group_by: (!self.group_by.is_outlet()).then(|| self.group_by.columns()),
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
        let odds = compare::log_odds_table(counts, total, options.prior_tokens);
        let category_odds = lexicon
            .categories()
            .iter()
            .zip(odds.categories)
            .filter_map(|(category, o)| o.map(|o| (category.name.clone(), o)))
            .collect();
        let term_odds = odds
            .terms
            .into_iter()
            .filter_map(|(term, o)| {
                // Only cue terms have a category to be reported under.
                let category = match lexicon.terms().get(term as usize).map(|t| t.role) {
                    Some(Role::Cue(c)) => lexicon.category_name(c).to_string(),
                    _ => return None,
                };
                Some(TermLogOdds {
                    term: lexicon.terms()[term as usize].pattern.to_string(),
                    category,
                    log_odds: o,
                })
            })
            .collect();
        let grouped = !self.group_by.is_outlet();
        let voice = lexicon
            .category_indices(Group::Cue)
            .into_iter()
            .filter_map(|c| {
                let x = counts.categories.get(c.index())?;
                let o = compare::log_odds(
                    x.attributed_asserted,
                    counts.attributed_tokens,
                    x.asserted,
                    counts.tokens,
                    options.prior_tokens,
                )?;
                Some((lexicon.category_name(c).to_string(), o))
            })
            .collect();
        OutletReport {
            outlet: self.group_by.label(p.name),
            group: grouped.then(|| self.group_by.group_values(p.name)),
            below_min_articles: p.data.profile.articles < options.min_articles_to_compare,
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
                voice,
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
            // number gives draws of the difference; a side with one
            // defining article has no spread, so no interval.
            let diffs: Vec<f64> = if a.means[m].1 < 2 || b.means[m].1 < 2 {
                Vec::new()
            } else {
                a.replicates[m]
                    .iter()
                    .zip(&b.replicates[m])
                    .map(|(x, y)| x - y)
                    .collect()
            };
            differences.insert(metric.name.clone(), difference_with(difference, &diffs));
        }
        let (ca, cb) = (&a.data.profile.counts, &b.data.profile.counts);
        let frames = self.lexicon.category_indices(Group::Frame);
        let frame_counts = |p: &ArticleProfile| -> Vec<f64> {
            frames
                .iter()
                .map(|&f| {
                    p.categories
                        .get(f.index())
                        .map_or(0.0, |c| c.total() as f64)
                })
                .collect()
        };
        let salience = |p: &ArticleProfile| -> Vec<f64> {
            p.actors.iter().map(|x| x.sentences as f64).collect()
        };
        let (shared_stories, within_story) = self.within_story(a, b, options);
        let grouped = !self.group_by.is_outlet();
        Comparison {
            outlet_a: self.group_by.label(a.name),
            outlet_b: self.group_by.label(b.name),
            group_a: grouped.then(|| self.group_by.group_values(a.name)),
            group_b: grouped.then(|| self.group_by.group_values(b.name)),
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
            let (difference, n) = metrics::mean(rows.iter().map(|r| defined(r[m])));
            // One shared story defining it: no spread, no interval.
            let replicates: &[f64] = if n < 2 { &[] } else { &replicates[m] };
            out.insert(metric.name.clone(), difference_with(difference, replicates));
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

/// A stored article value as an option: NaN marks an undefined metric.
fn defined(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}
