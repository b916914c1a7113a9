//! The corpus report: a serde structure (the JSON report of the
//! command-line contract) and its renderings as JSON, an aligned table and a
//! tidy CSV. Rendering returns strings; writing them is the caller's job.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::analyzer::{Analysis, Analyzer, SentenceRecord};
use crate::article::Record;
use crate::compare::LogOdds;
use crate::profile::{ActorCounts, CategoryCounts};

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// What was read.
    pub input: InputSummary,
    /// Which lexicon was used.
    pub lexicon: LexiconSummary,
    /// How the statistics were computed.
    pub settings: Settings,
    /// One entry per outlet, sorted by name.
    pub outlets: Vec<OutletReport>,
    /// Pairwise comparisons of outlets.
    pub comparisons: Vec<Comparison>,
}

/// Records read, analysed and rejected.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputSummary {
    /// Records seen: `analysed + rejected.len()`.
    pub records: u64,
    /// Records analysed.
    pub analysed: u64,
    /// Records rejected, with where and why.
    pub rejected: Vec<Rejection>,
}

/// A rejected record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// The input it came from.
    pub source: String,
    /// Its 1-based line.
    pub line: u64,
    /// Why it was rejected.
    pub reason: String,
}

/// The lexicon behind the numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LexiconSummary {
    /// Hash of the compiled lexicon (see [`crate::Lexicon::version`]).
    pub version: String,
    /// Actor ids, in lexicon order.
    pub actors: Vec<String>,
    /// Category names, in lexicon order.
    pub categories: Vec<String>,
}

/// Statistical settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Bootstrap seed.
    pub seed: u64,
    /// Bootstrap resamples.
    pub resamples: usize,
    /// Interval coverage (0.95).
    pub confidence: f64,
    /// Strength α0 of the log-odds prior, in pseudo-tokens.
    pub prior_tokens: f64,
    /// At most this many outlets (those with the most articles) are
    /// compared pairwise.
    pub max_compared_outlets: usize,
    /// Outlets with fewer articles are not compared pairwise.
    pub min_articles_to_compare: u64,
}

/// One outlet's counts and metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutletReport {
    /// Outlet name.
    pub outlet: String,
    /// Articles analysed.
    pub articles: u64,
    /// Sentences.
    pub sentences: u64,
    /// Word tokens.
    pub tokens: u64,
    /// Summed counts.
    pub counts: Counts,
    /// Metrics by name.
    pub metrics: BTreeMap<String, MetricValue>,
    /// Log-odds of each category and term, this outlet against the rest.
    pub log_odds: LogOddsReport,
}

/// "Fightin' Words" log-odds of an outlet against the rest of the corpus
/// (see [`crate::compare`]), on asserted cues.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LogOddsReport {
    /// Per category.
    pub categories: BTreeMap<String, LogOdds>,
    /// Per lexicon term used anywhere in the corpus, in lexicon order.
    pub terms: Vec<TermLogOdds>,
}

/// The log-odds of one lexicon term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermLogOdds {
    /// The term as written in the lexicon.
    pub term: String,
    /// Its category.
    pub category: String,
    /// The statistics.
    #[serde(flatten)]
    pub log_odds: LogOdds,
}

/// Summed counts by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Per category.
    pub categories: BTreeMap<String, CategoryCounts>,
    /// Per actor.
    pub actors: BTreeMap<String, ActorCounts>,
}

/// A metric's value with its interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MetricValue {
    /// Mean of the article values (`null` when no article defines it).
    pub value: Option<f64>,
    /// Lower bound of the bootstrap interval.
    pub ci_low: Option<f64>,
    /// Upper bound of the bootstrap interval.
    pub ci_high: Option<f64>,
    /// Articles that define the metric.
    pub n: u64,
    /// The metric on the outlet's summed counts.
    pub pooled: Option<f64>,
}

/// Two outlets compared on every metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// First outlet (the earlier name).
    pub outlet_a: String,
    /// Second outlet.
    pub outlet_b: String,
    /// `a − b` for each metric, with a bootstrap interval.
    pub differences: BTreeMap<String, Difference>,
    /// Jensen–Shannon divergence (base 2) of the pooled frame distributions.
    pub frame_mix_jsd: Option<f64>,
    /// Jensen–Shannon divergence (base 2) of the pooled actor-salience
    /// distributions (sentences naming each actor, normalised).
    pub actor_salience_jsd: Option<f64>,
    /// Stories (the articles' `story` field) both outlets covered.
    pub shared_stories: u64,
    /// Within-story `a − b` for each metric: the mean over shared stories of
    /// the difference of the outlets' story means, with a bootstrap over
    /// stories. Empty without shared stories.
    pub within_story: BTreeMap<String, Difference>,
}

/// A difference of means with its interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    /// Mean of `a` minus mean of `b`.
    pub difference: Option<f64>,
    /// Lower bound of the bootstrap interval of the difference.
    pub ci_low: Option<f64>,
    /// Upper bound.
    pub ci_high: Option<f64>,
}

/// The metrics shown in the terminal table, in order.
pub const HEADLINE_METRICS: [&str; 6] = [
    "hedge_per_1k",
    "booster_per_1k",
    "uncertain_share",
    "certainty",
    "breakthrough_share",
    "outcome_balance",
];

impl Report {
    /// The report as pretty-printed JSON (the contract's `--format json`).
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// An aligned table, one row per outlet: articles, then each headline
    /// metric as `value [low, high]`.
    pub fn to_table(&self) -> String {
        let mut header = vec!["outlet".to_string(), "articles".to_string()];
        header.extend(HEADLINE_METRICS.iter().map(|m| m.to_string()));
        let mut rows = vec![header];
        for outlet in &self.outlets {
            let mut row = vec![outlet.outlet.clone(), outlet.articles.to_string()];
            for name in HEADLINE_METRICS {
                row.push(match outlet.metrics.get(name) {
                    Some(m) => format_with_interval(m),
                    None => "-".into(),
                });
            }
            rows.push(row);
        }
        let columns = rows[0].len();
        let widths: Vec<usize> = (0..columns)
            .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for (i, row) in rows.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let pad = widths[c] - cell.chars().count();
                    if c == 0 {
                        format!("{cell}{}", " ".repeat(pad))
                    } else {
                        format!("{}{cell}", " ".repeat(pad))
                    }
                })
                .collect();
            out.push_str(cells.join("  ").trim_end());
            out.push('\n');
            if i == 0 {
                let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
                out.push_str(&rule.join("  "));
                out.push('\n');
            }
        }
        let _ = writeln!(
            out,
            "\n{} records, {} analysed, {} rejected; lexicon {}; 95% bootstrap intervals ({} resamples of articles, seed {}).",
            self.input.records,
            self.input.analysed,
            self.input.rejected.len(),
            self.lexicon.version,
            self.settings.resamples,
            self.settings.seed
        );
        out
    }

    /// A tidy long table: `outlet,metric,value,ci_low,ci_high,n,pooled`.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("outlet,metric,value,ci_low,ci_high,n,pooled\n");
        for outlet in &self.outlets {
            for (name, m) in &outlet.metrics {
                let _ = writeln!(
                    out,
                    "{},{},{},{},{},{},{}",
                    csv_field(&outlet.outlet),
                    csv_field(name),
                    number(m.value),
                    number(m.ci_low),
                    number(m.ci_high),
                    m.n,
                    number(m.pooled)
                );
            }
        }
        out
    }
}

fn format_with_interval(m: &MetricValue) -> String {
    match (m.value, m.ci_low, m.ci_high) {
        (Some(v), Some(lo), Some(hi)) => format!("{v:.2} [{lo:.2}, {hi:.2}]"),
        (Some(v), _, _) => format!("{v:.2}"),
        _ => "-".into(),
    }
}

fn number(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One line of the `--sentences` dump.
#[derive(Debug, Serialize)]
struct SentenceLine<'a> {
    article_id: &'a str,
    outlet: &'a str,
    #[serde(flatten)]
    sentence: &'a SentenceRecord,
}

/// The `--sentences` dump of one article: one JSON object per line, with
/// `article_id`, `outlet`, `index`, `start`, `end` (byte offsets into the
/// article's text), `text`, `actors` and `cues`.
pub fn sentence_lines(analyzer: &Analyzer, record: &Record, analysis: &Analysis) -> String {
    let mut out = String::new();
    for sentence in analyzer.sentence_records(&record.article.text, analysis) {
        let line = SentenceLine {
            article_id: &record.article.id,
            outlet: &record.article.outlet,
            sentence: &sentence,
        };
        // Plain data with string keys always serialises.
        if let Ok(json) = serde_json::to_string(&line) {
            out.push_str(&json);
            out.push('\n');
        }
    }
    out
}
