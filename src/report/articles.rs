//! The article table (`--articles`): one row per article with its group,
//! its metadata, its counts of tokens and sentences and every metric by
//! name, for joining framescope's scores to a researcher's own data in R
//! or pandas (LIWC's one row per text; a quanteda document-feature matrix
//! with its docvars).
//!
//! The metric columns are the corpus's metrics ([`metrics_for`](crate::metrics_for)),
//! in report order, whatever the lexicon defines: a metric added to the
//! crate or a category added by a lexicon file gets its column with no
//! change here. A metric an article does not define (a share with a zero
//! denominator) is an empty cell (`null` in JSON Lines); the report's
//! `value` for a group is the mean of the non-empty cells of its rows.

use std::io::Write;

use serde::ser::{SerializeMap, Serializer};

use crate::article::Article;
use crate::group::{GroupBy, GroupValues};
use crate::metrics::Metric;
use crate::profile::ArticleProfile;

/// One value of an article row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ArticleValue<'a> {
    /// Text (an id, a group value, a title, ...).
    Text(&'a str),
    /// A count (tokens, sentences).
    Count(u64),
    /// A metric's value.
    Number(f64),
    /// No value: a field the article lacks, a metric it does not define.
    Empty,
}

impl<'a> ArticleValue<'a> {
    fn text(value: Option<&'a str>) -> Self {
        value.map_or(ArticleValue::Empty, ArticleValue::Text)
    }

    fn number(value: Option<f64>) -> Self {
        value.map_or(ArticleValue::Empty, ArticleValue::Number)
    }
}

/// One article's row: its metadata, counts and metric values, by name.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRow {
    /// The article's id.
    pub id: String,
    /// Its group's values by column (the outlet, by default).
    pub group: GroupValues,
    /// Its title.
    pub title: Option<String>,
    /// Its publication date or time, as read.
    pub published: Option<String>,
    /// Its story.
    pub story: Option<String>,
    /// Word tokens.
    pub tokens: u64,
    /// Sentences.
    pub sentences: u64,
    /// Every metric by name, in report order (`None` when the article does
    /// not define it).
    pub metrics: Vec<(String, Option<f64>)>,
    /// The fields asked to be kept, by name (`None` when the article has
    /// none).
    pub kept: Vec<(String, Option<String>)>,
    /// The group key, to sort by.
    key: String,
}

impl ArticleRow {
    /// The row of an article with its profile, scored on `metrics`,
    /// grouped by `group_by`, with the fields in `keep` (any
    /// [`Article::field`]).
    pub fn new(
        article: &Article,
        profile: &ArticleProfile,
        metrics: &[Metric],
        group_by: &GroupBy,
        keep: &[String],
    ) -> Self {
        let key = group_by.key(article);
        ArticleRow {
            id: article.id.clone(),
            group: group_by.group_values(&key),
            title: article.title.clone(),
            published: article.published.clone(),
            story: article.story.clone(),
            tokens: profile.tokens,
            sentences: profile.sentences,
            metrics: metrics
                .iter()
                .map(|m| (m.name.clone(), m.value(profile)))
                .collect(),
            kept: keep
                .iter()
                .map(|name| (name.clone(), article.field(name).map(str::to_string)))
                .collect(),
            key,
        }
    }

    /// A metric's value by name (`None` when undefined or unknown).
    pub fn metric(&self, name: &str) -> Option<f64> {
        self.metrics
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| *v)
    }

    /// Every value by column name, in column order: `id`, the group
    /// columns, `title`, `published`, `story` (each unless a group column
    /// has its name), `tokens`, `sentences`, every metric, then the kept
    /// fields (each unless an earlier column has its name).
    pub fn values(&self) -> Vec<(&str, ArticleValue<'_>)> {
        let mut out: Vec<(&str, ArticleValue<'_>)> = vec![("id", ArticleValue::Text(&self.id))];
        for (column, value) in &self.group.0 {
            out.push((column, ArticleValue::text(value.as_deref())));
        }
        fn push<'r>(
            out: &mut Vec<(&'r str, ArticleValue<'r>)>,
            name: &'r str,
            value: ArticleValue<'r>,
        ) {
            if !out.iter().any(|(n, _)| *n == name) {
                out.push((name, value));
            }
        }
        push(&mut out, "title", ArticleValue::text(self.title.as_deref()));
        push(
            &mut out,
            "published",
            ArticleValue::text(self.published.as_deref()),
        );
        push(&mut out, "story", ArticleValue::text(self.story.as_deref()));
        push(&mut out, "tokens", ArticleValue::Count(self.tokens));
        push(&mut out, "sentences", ArticleValue::Count(self.sentences));
        for (name, value) in &self.metrics {
            push(&mut out, name, ArticleValue::number(*value));
        }
        for (name, value) in &self.kept {
            push(&mut out, name, ArticleValue::text(value.as_deref()));
        }
        out
    }
}

/// The article table: rows gathered as articles are analysed, then
/// [`finish`](Self::finish)ed (rows of articles the report does not count
/// dropped, the rest sorted by group and id) and written as CSV or JSON
/// Lines. Same input, same bytes, whatever the order of the records or
/// the number of threads.
#[derive(Debug, Clone)]
pub struct ArticleTable {
    metrics: Vec<Metric>,
    group_by: GroupBy,
    keep: Vec<String>,
    rows: Vec<ArticleRow>,
}

impl ArticleTable {
    /// An empty table for articles scored on `metrics` and grouped by
    /// `group_by`, keeping the fields in `keep`.
    pub fn new(metrics: &[Metric], group_by: &GroupBy, keep: &[String]) -> Self {
        ArticleTable {
            metrics: metrics.to_vec(),
            group_by: group_by.clone(),
            keep: keep.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds an article's row.
    pub fn push(&mut self, article: &Article, profile: &ArticleProfile) {
        self.rows.push(ArticleRow::new(
            article,
            profile,
            &self.metrics,
            &self.group_by,
            &self.keep,
        ));
    }

    /// Drops the rows of articles that `counted` says the report does not
    /// count (see [`Corpus::is_counted`](crate::Corpus::is_counted): a
    /// repeated id whose copies differ), then sorts the rest by group key
    /// and id (the report's order).
    pub fn finish(&mut self, counted: impl Fn(&str) -> bool) {
        self.rows.retain(|r| counted(&r.id));
        self.rows
            .sort_by(|a, b| (&a.key, &a.id).cmp(&(&b.key, &b.id)));
        // A repeated id counted once: its copies are the same row.
        self.rows.dedup_by(|a, b| a.id == b.id);
    }

    /// The rows.
    pub fn rows(&self) -> &[ArticleRow] {
        &self.rows
    }

    /// The column names, in order (see [`ArticleRow::values`]).
    pub fn columns(&self) -> Vec<String> {
        let empty = ArticleRow {
            id: String::new(),
            group: self.group_by.group_values(""),
            title: None,
            published: None,
            story: None,
            tokens: 0,
            sentences: 0,
            metrics: self
                .metrics
                .iter()
                .map(|m| (m.name.clone(), None))
                .collect(),
            kept: self.keep.iter().map(|k| (k.clone(), None)).collect(),
            key: String::new(),
        };
        empty
            .values()
            .into_iter()
            .map(|(n, _)| n.to_string())
            .collect()
    }

    /// Writes the table as CSV (RFC 4180; a header row; numbers in the
    /// shortest form that reads back as the same value; an empty cell for
    /// no value).
    pub fn write_csv<W: Write>(&self, mut out: W) -> std::io::Result<()> {
        let header: Vec<String> = self
            .columns()
            .iter()
            .map(|c| csv_cell(c).into_owned())
            .collect();
        writeln!(out, "{}", header.join(","))?;
        let mut line = String::new();
        for row in &self.rows {
            line.clear();
            for (i, (_, value)) in row.values().into_iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                match value {
                    ArticleValue::Text(s) => line.push_str(&csv_cell(s)),
                    ArticleValue::Count(n) => line.push_str(&n.to_string()),
                    ArticleValue::Number(v) => line.push_str(&v.to_string()),
                    ArticleValue::Empty => {}
                }
            }
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// Writes the table as JSON Lines: one object per row, keys in column
    /// order, `null` for no value.
    pub fn write_jsonl<W: Write>(&self, mut out: W) -> std::io::Result<()> {
        for row in &self.rows {
            let mut serializer = serde_json::Serializer::new(&mut out);
            let values = row.values();
            let mut map = serializer.serialize_map(Some(values.len()))?;
            for (name, value) in values {
                match value {
                    ArticleValue::Text(s) => map.serialize_entry(name, s)?,
                    ArticleValue::Count(n) => map.serialize_entry(name, &n)?,
                    ArticleValue::Number(v) => map.serialize_entry(name, &v)?,
                    ArticleValue::Empty => map.serialize_entry(name, &())?,
                }
            }
            map.end()?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// A CSV cell: quoted when it holds a comma, a quotation mark or a line
/// break.
fn csv_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        std::borrow::Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}
