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
    /// The publication date, read from the start of `published`
    /// (`YYYY-MM-DD`, also `YYYY-MM` or `YYYY`, anything after it ignored);
    /// `None` when there is none or it does not parse (see [`Date::parse`]).
    /// Actor tagging checks office-holders against it.
    pub fn date(&self) -> Option<Date> {
        self.published.as_deref().and_then(Date::parse)
    }

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

/// A calendar date (proleptic Gregorian), ordered by time: the date of an
/// article, or a bound of a term of office in a lexicon.
///
/// Only what actor tagging needs: parsing an ISO 8601 date and comparing
/// two dates. A month or year alone stands for its first day
/// ([`Date::parse`]) or, as the end of a term, its last
/// ([`Date::parse_end`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, if it exists (years 1 to 9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The date as one ordered number, `yyyymmdd`.
    pub(crate) fn ordinal(self) -> u32 {
        u32::from(self.year) * 10_000 + u32::from(self.month) * 100 + u32::from(self.day)
    }

    /// Reads a date from the start of `text`: `YYYY-MM-DD`, `YYYY-MM` (its
    /// first day) or `YYYY` (1 January), after optional white space, and
    /// followed by the end of the text or anything that is not a digit or
    /// `-` (so `2019-06-13T10:00:00Z` is 13 June 2019). `None` for
    /// anything else, including dates that do not exist.
    pub fn parse(text: &str) -> Option<Date> {
        let (year, month, day) = Self::fields(text)?;
        Date::new(year, month.unwrap_or(1), day.unwrap_or(1))
    }

    /// Like [`Date::parse`], but a month or year alone stands for its
    /// last day: the inclusive end of a period (`until = "2013"` is
    /// 31 December 2013).
    pub fn parse_end(text: &str) -> Option<Date> {
        let (year, month, day) = Self::fields(text)?;
        let month = month.unwrap_or(12);
        Date::new(year, month, day.unwrap_or(days_in_month(year, month)))
    }

    fn fields(text: &str) -> Option<(u16, Option<u8>, Option<u8>)> {
        let bytes = text.trim_start().as_bytes();
        let digits = |from: usize, n: usize| -> Option<u32> {
            let run = bytes.get(from..from + n)?;
            run.iter()
                .all(u8::is_ascii_digit)
                .then(|| run.iter().fold(0, |acc, b| acc * 10 + u32::from(b - b'0')))
        };
        let ends_at = |at: usize| {
            bytes
                .get(at)
                .is_none_or(|b| !b.is_ascii_digit() && *b != b'-')
        };
        let year = u16::try_from(digits(0, 4)?).ok()?;
        if ends_at(4) {
            return Some((year, None, None));
        }
        (bytes.get(4) == Some(&b'-')).then_some(())?;
        let month = u8::try_from(digits(5, 2)?).ok()?;
        if ends_at(7) {
            return Some((year, Some(month), None));
        }
        (bytes.get(7) == Some(&b'-')).then_some(())?;
        let day = u8::try_from(digits(8, 2)?).ok()?;
        ends_at(10).then_some((year, Some(month), Some(day)))
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl std::fmt::Display for Date {
    /// ISO 8601: `2017-01-20`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_from_the_start_of_iso_text() {
        let d = |y, m, day| Date::new(y, m, day);
        let cases: &[(&str, Option<Date>, Option<Date>)] = &[
            ("2017-01-20", d(2017, 1, 20), d(2017, 1, 20)),
            ("2019-06-13T10:00:00Z", d(2019, 6, 13), d(2019, 6, 13)),
            (" 2013", d(2013, 1, 1), d(2013, 12, 31)),
            ("2016-02", d(2016, 2, 1), d(2016, 2, 29)),
            ("2015-02", d(2015, 2, 1), d(2015, 2, 28)),
            ("2000-02-29", d(2000, 2, 29), d(2000, 2, 29)),
            // no such day, not ISO, or a longer number
            ("1900-02-29", None, None),
            ("2019-13-01", None, None),
            ("2019-6-13", None, None),
            ("June 13, 2019", None, None),
            ("20190613", None, None),
            ("", None, None),
            ("0000", None, None),
        ];
        for (text, start, end) in cases {
            assert_eq!(Date::parse(text), *start, "{text:?}");
            assert_eq!(Date::parse_end(text), *end, "{text:?} as an end");
        }
        assert!(d(2017, 1, 20) < d(2017, 2, 1));
        assert_eq!(d(2017, 1, 2).unwrap().to_string(), "2017-01-02");
        let mut article = Article::new("a", "o", "t");
        assert_eq!(article.date(), None);
        article.published = Some("2016-11-08".into());
        assert_eq!(article.date(), d(2016, 11, 8));
    }
}
