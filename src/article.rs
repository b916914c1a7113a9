//! The article record every stage works on.

use serde::{Deserialize, Serialize};

/// One news article: the unit that is analysed, profiled and resampled.
///
/// Only `text` is analysed; the title is kept as metadata, so that every
/// byte offset in the output refers to `text`. Unknown fields are ignored
/// when deserialising.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Article {
    /// Identifier, unique within a corpus.
    pub id: String,
    /// The outlet that published the article (the unit compared).
    pub outlet: String,
    /// Body text.
    pub text: String,
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date, ISO 8601 (`YYYY-MM-DD`), as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Source address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// An id shared by articles of different outlets on the same event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
}

impl Article {
    /// An article with the three required fields and no metadata.
    pub fn new(id: impl Into<String>, outlet: impl Into<String>, text: impl Into<String>) -> Self {
        Article {
            id: id.into(),
            outlet: outlet.into(),
            text: text.into(),
            ..Article::default()
        }
    }
}

/// An article with where it came from, as readers yield it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The article.
    pub article: Article,
    /// The input it came from (a path, `-` for standard input).
    pub source: std::sync::Arc<str>,
    /// Its 1-based line (for a text file, 1).
    pub line: usize,
}
