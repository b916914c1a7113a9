//! The corpus report: a serde structure (the JSON report of the
//! command-line contract) and its renderings as JSON, an aligned table,
//! Markdown and a tidy CSV. Rendering returns strings; writing them is the
//! caller's job. The per-article views (the `--sentences` dump and
//! keyword-in-context lines) are in [`dump`].

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::compare::LogOdds;
use crate::group::GroupValues;
use crate::profile::{ActorCounts, CategoryCounts};

pub mod articles;
pub mod dump;

pub use articles::{ArticleRow, ArticleTable, ArticleValue};
pub use dump::{
    AttributionRecord, CueRecord, CueSource, KwicFilter, KwicFormat, KwicLine, MentionRecord,
    SentenceRecord, SourceRecord, SpanRecord, attribution_records, kwic_columns, kwic_header,
    kwic_lines, kwic_matches, kwic_row, sentence_records, sentence_records_iter, tag_sentences,
    write_attribution_lines, write_sentence_lines,
};

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
    /// Its 1-based line (`null` in JSON for an error about a whole
    /// source: a file that cannot be read, say).
    pub line: Option<u64>,
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
    /// The group columns, when articles are grouped otherwise than by
    /// outlet alone (`["outlet", "published_month"]`, see
    /// [`GroupBy`](crate::GroupBy)); absent (`None`) for the default, so
    /// that reports grouped by outlet read as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_by: Option<Vec<String>>,
}

/// One outlet's counts and metrics: or one group's, when articles are
/// grouped otherwise (then `outlet` is the group's label and `group` its
/// values).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutletReport {
    /// Outlet name; for another grouping, the group's label (its values
    /// joined by ` / `, `(none)` for an empty one).
    pub outlet: String,
    /// The group's values by column (`{"outlet": "Fox News",
    /// "published_month": "2019-06"}`, `null` for an empty value), when
    /// articles are grouped otherwise than by outlet alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupValues>,
    /// Set when the group has fewer articles than
    /// [`Settings::min_articles_to_compare`]: it is reported, but left out
    /// of the pairwise comparisons and the chart. Absent when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub below_min_articles: bool,
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
/// (see [`log_odds`](crate::log_odds)), on asserted cues.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LogOddsReport {
    /// Per category asserted anywhere in the corpus (a count of 0
    /// included).
    pub categories: BTreeMap<String, LogOdds>,
    /// Per lexicon term the outlet asserted (terms it never used have no
    /// entry), in lexicon order.
    pub terms: Vec<TermLogOdds>,
    /// Per cue category, the outlet's attributed text against its own
    /// voice: `count` and the rates are asserted cues in attributed content
    /// per word token of attributed content, against the rest (a positive
    /// `z`: the category is more frequent in what the outlet reports others
    /// saying than in its own words).
    #[serde(default)]
    pub voice: BTreeMap<String, LogOdds>,
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
    /// First outlet (the earlier name; a group's label, for another
    /// grouping).
    pub outlet_a: String,
    /// Second outlet.
    pub outlet_b: String,
    /// The first group's values, for another grouping than by outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_a: Option<GroupValues>,
    /// The second group's values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_b: Option<GroupValues>,
    /// `a − b` for each metric, with a bootstrap interval.
    pub differences: BTreeMap<String, Difference>,
    /// Jensen–Shannon divergence (base 2) of the pooled frame distributions
    /// (frame cues of any status).
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

/// The metrics shown in the terminal and Markdown tables, in order, with
/// their short column headings.
pub const HEADLINE_METRICS: [(&str, &str); 6] = [
    ("hedge_per_1k", "hedge/1k"),
    ("booster_per_1k", "booster/1k"),
    ("uncertain_share", "uncertain"),
    ("certainty", "certainty"),
    ("breakthrough_share", "breakthru"),
    ("outcome_balance", "outcome"),
];

/// Outlet names longer than this are shortened in the terminal table.
const TABLE_OUTLET_WIDTH: usize = 26;

impl Report {
    /// The report as pretty-printed JSON (the contract's `--format json`).
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Writes [`to_json`](Self::to_json)'s bytes to `out` as they are
    /// made, without holding the whole text (a report of many outlets is
    /// large).
    pub fn write_json<W: std::io::Write>(&self, mut out: W) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut out, self)?;
        out.write_all(b"\n")
    }

    /// The group columns: `["outlet"]`, or those of another grouping
    /// ([`Settings::group_by`]).
    pub fn group_columns(&self) -> Vec<String> {
        self.settings
            .group_by
            .clone()
            .unwrap_or_else(|| vec!["outlet".to_string()])
    }

    /// An aligned table for a terminal (under 120 columns): one row per
    /// outlet (or group: one column per group field) with its articles
    /// and headline metrics, and under each value its 95% interval; then a
    /// line on what was read. A group below the minimum of articles to
    /// compare has a `*` after its count of articles.
    pub fn to_table(&self) -> String {
        let columns = self.group_columns();
        let mut header = columns.clone();
        header.push("articles".to_string());
        header.extend(HEADLINE_METRICS.iter().map(|(_, short)| short.to_string()));
        let mut rows = vec![header];
        for outlet in &self.outlets {
            let mut values: Vec<String> = outlet
                .group_cells()
                .iter()
                .map(|cell| shorten(cell, TABLE_OUTLET_WIDTH))
                .collect();
            values.push(if outlet.below_min_articles {
                format!("{}*", outlet.articles)
            } else {
                outlet.articles.to_string()
            });
            let mut intervals = vec![String::new(); columns.len() + 1];
            for (name, _) in HEADLINE_METRICS {
                let m = outlet.metrics.get(name);
                values.push(
                    m.and_then(|m| m.value)
                        .map_or("-".into(), |v| format!("{v:.2}")),
                );
                intervals.push(match m.map(|m| (m.ci_low, m.ci_high)) {
                    Some((Some(lo), Some(hi))) => format!("[{lo:.2},{hi:.2}]"),
                    _ => String::new(),
                });
            }
            rows.push(values);
            rows.push(intervals);
        }
        let mut out = aligned(&rows, columns.len());
        out.push('\n');
        out.push_str(&self.summary("\n"));
        out.push_str(&self.flagged_note());
        out
    }

    /// A line on the groups left out of comparisons, if any.
    fn flagged_note(&self) -> String {
        let flagged = self.outlets.iter().filter(|o| o.below_min_articles).count();
        if flagged == 0 {
            return String::new();
        }
        format!(
            "*: {flagged} with fewer than {} articles, not compared pairwise nor charted \
             (--min-articles).\n",
            self.settings.min_articles_to_compare
        )
    }

    /// What was read and how the intervals were made, for the foot of a
    /// table; `wrap` goes between its two sentences.
    fn summary(&self, wrap: &str) -> String {
        format!(
            "{} records: {} analysed, {} rejected. Values are means over articles;{wrap}\
             [low,high]: 95% bootstrap intervals ({} resamples of articles, seed {}); lexicon {}.\n",
            self.input.records,
            self.input.analysed,
            self.input.rejected.len(),
            self.settings.resamples,
            self.settings.seed,
            self.lexicon.version,
        )
    }

    /// A Markdown table (one row per outlet, `value [low, high]`), with a
    /// line on what was read: ready to paste into a report.
    pub fn to_markdown(&self) -> String {
        let columns = self.group_columns();
        let mut out = String::from("|");
        for column in &columns {
            let _ = write!(out, " {} |", column.replace('|', "\\|"));
        }
        out.push_str(" articles |");
        for (name, _) in HEADLINE_METRICS {
            let _ = write!(out, " {name} |");
        }
        out.push_str("\n|");
        out.push_str(&"---|".repeat(columns.len()));
        out.push_str("---:|");
        out.push_str(&"---:|".repeat(HEADLINE_METRICS.len()));
        out.push('\n');
        for outlet in &self.outlets {
            out.push('|');
            for cell in outlet.group_cells() {
                let _ = write!(out, " {} |", cell.replace('|', "\\|"));
            }
            let flag = if outlet.below_min_articles { "*" } else { "" };
            let _ = write!(out, " {}{flag} |", outlet.articles);
            for (name, _) in HEADLINE_METRICS {
                let cell = outlet
                    .metrics
                    .get(name)
                    .map_or("–".into(), format_with_interval);
                let _ = write!(out, " {cell} |");
            }
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&self.summary(" "));
        out.push_str(&self.flagged_note());
        out
    }

    /// A tidy long table: `outlet,metric,value,ci_low,ci_high,n,pooled`,
    /// one row per outlet and metric; for another grouping, one column
    /// per group field in place of `outlet` (an empty value an empty
    /// cell).
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        for column in self.group_columns() {
            out.push_str(&csv_field(&column));
            out.push(',');
        }
        out.push_str("metric,value,ci_low,ci_high,n,pooled\n");
        for outlet in &self.outlets {
            let group: String = outlet
                .group_cells()
                .iter()
                .map(|cell| csv_field(cell) + ",")
                .collect();
            for (name, m) in &outlet.metrics {
                let _ = writeln!(
                    out,
                    "{group}{},{},{},{},{},{}",
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

    /// The pairwise comparisons as a tidy long table, one row per pair,
    /// scope and metric: the group columns of each side (`outlet_a`,
    /// `outlet_b` by default; `<column>_a`, `<column>_b` for each group
    /// column otherwise), then `scope,metric,value,ci_low,ci_high,shared_stories`.
    /// `scope` is `all` (`value` = mean of a − mean of b, with its
    /// bootstrap interval), `within_story` (the mean over shared stories
    /// of the within-story difference) or `divergence` (`metric` is
    /// `frame_mix_jsd` or `actor_salience_jsd`, `value` the
    /// Jensen–Shannon divergence, no interval). Undefined values are
    /// empty cells.
    pub fn comparisons_to_csv(&self) -> String {
        let columns = self.group_columns();
        let mut out = String::new();
        for side in ["a", "b"] {
            for column in &columns {
                out.push_str(&csv_field(&format!("{column}_{side}")));
                out.push(',');
            }
        }
        out.push_str("scope,metric,value,ci_low,ci_high,shared_stories\n");
        for c in &self.comparisons {
            let side = |group: &Option<GroupValues>, label: &str| -> String {
                let cells: Vec<String> = match group {
                    Some(g) => {
                        g.0.iter()
                            .map(|(_, v)| v.clone().unwrap_or_default())
                            .collect()
                    }
                    None => vec![label.to_string()],
                };
                cells.iter().map(|cell| csv_field(cell) + ",").collect()
            };
            let pair = side(&c.group_a, &c.outlet_a) + &side(&c.group_b, &c.outlet_b);
            let mut row = |scope: &str, metric: &str, d: &Difference| {
                let _ = writeln!(
                    out,
                    "{pair}{scope},{},{},{},{},{}",
                    csv_field(metric),
                    number(d.difference),
                    number(d.ci_low),
                    number(d.ci_high),
                    c.shared_stories
                );
            };
            for (metric, d) in &c.differences {
                row("all", metric, d);
            }
            for (metric, d) in &c.within_story {
                row("within_story", metric, d);
            }
            for (metric, value) in [
                ("frame_mix_jsd", c.frame_mix_jsd),
                ("actor_salience_jsd", c.actor_salience_jsd),
            ] {
                let d = Difference {
                    difference: value,
                    ci_low: None,
                    ci_high: None,
                };
                row("divergence", metric, &d);
            }
        }
        out
    }
}

impl OutletReport {
    /// The group's values in column order, an empty value as empty text:
    /// `[outlet]` when grouped by outlet.
    pub fn group_cells(&self) -> Vec<String> {
        match &self.group {
            Some(group) => group
                .0
                .iter()
                .map(|(_, v)| v.clone().unwrap_or_default())
                .collect(),
            None => vec![self.outlet.clone()],
        }
    }
}

fn format_with_interval(m: &MetricValue) -> String {
    match (m.value, m.ci_low, m.ci_high) {
        (Some(v), Some(lo), Some(hi)) => format!("{v:.2} [{lo:.2}, {hi:.2}]"),
        (Some(v), _, _) => format!("{v:.2}"),
        _ => "–".into(),
    }
}

/// `name` cut to `width` chars, with an ellipsis when cut.
fn shorten(name: &str, width: usize) -> String {
    if name.chars().count() <= width {
        name.to_string()
    } else {
        let mut cut: String = name.chars().take(width - 1).collect();
        cut.push('…');
        cut
    }
}

/// Rows as an aligned table: the first `left` columns left-aligned, the
/// others right-aligned, a rule under the header.
fn aligned(rows: &[Vec<String>], left: usize) -> String {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |x| x.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (cell, width))| {
                let pad = " ".repeat(width - cell.chars().count());
                if c < left {
                    format!("{cell}{pad}")
                } else {
                    format!("{pad}{cell}")
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
    out
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
