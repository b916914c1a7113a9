//! The article record every stage works on.

use std::collections::BTreeMap;

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
    /// Publication date or time, ISO 8601 (`YYYY-MM-DD`, or a date-time),
    /// as given; the readers write an epoch number as an ISO date-time
    /// (see [`Published`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Source address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// An id shared by articles of different outlets on the same event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// Other input fields, by name, as text: only those a run asks the
    /// readers to keep (`--keep`, `--group-by`; see
    /// [`ReadOptions::fields`](crate::io::ReadOptions::fields)), so that
    /// an article costs nothing for the fields nobody uses.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

impl Article {
    /// The article's own fields, by name ([`Article::field`]); any other
    /// field is an input field kept in [`extra`](Self::extra).
    pub const FIELDS: [&'static str; 7] =
        ["id", "outlet", "text", "title", "published", "url", "story"];

    /// The publication date, read from the start of `published`
    /// (`YYYY-MM-DD`, also `YYYY-MM` or `YYYY`, anything after it ignored);
    /// `None` when there is none or it does not parse (see [`Date::parse`]).
    /// Actor tagging checks office-holders against it.
    pub fn date(&self) -> Option<Date> {
        self.published.as_deref().and_then(Date::parse)
    }

    /// The value of a field by name: `id`, `outlet`, `text`, `title`,
    /// `published`, `url`, `story`, or a kept input field
    /// ([`extra`](Self::extra)). `None` when the article has none.
    pub fn field(&self, name: &str) -> Option<&str> {
        match name {
            "id" => Some(&self.id),
            "outlet" => Some(&self.outlet),
            "text" => Some(&self.text),
            "title" => self.title.as_deref(),
            "published" => self.published.as_deref(),
            "url" => self.url.as_deref(),
            "story" => self.story.as_deref(),
            _ => self.extra.get(name).map(String::as_str),
        }
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

/// A publication time as the readers take it from an article's
/// `published` field ([`Published::read`]), in one of three forms:
///
/// - an ISO 8601 date: `YYYY-MM-DD`, `YYYY-MM` (its first day) or `YYYY`
///   (1 January);
/// - an ISO 8601 date-time: a full date, `T` (or `t`, or a space),
///   `HH:MM`, optionally `:SS` and a fraction, optionally a zone (`Z`,
///   `+HH:MM`, `+HHMM`, `+HH`, `-…`, or ` UTC` / ` GMT`). Its date is the
///   date as written (local to the zone given), not converted to UTC;
/// - an epoch number (Unix time, from 1970-01-01T00:00:00Z), as a JSON
///   number or as text of digits (an optional `-`, an optional fraction):
///   any number of at least 10^8 in magnitude. Its unit is told by its
///   size: below 10^11 seconds, below 10^14 milliseconds, below 10^17
///   microseconds, else nanoseconds. Each unit thus covers 1973-03-03 to
///   5138-11-16, so pandas' epoch milliseconds and `date +%s` seconds are
///   both read right; a number below 10^8 (other than a four-digit year)
///   is no date. Its date is the UTC date.
///
/// Anything else (`June 13, 2019`, `13/06/2019`, `20190613`, a day that
/// does not exist) is no date: the readers reject the record, naming the
/// value. Empty text is no date at all (a missing value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// The date: as written for ISO text, in UTC for an epoch number.
    pub date: Date,
    /// Seconds since midnight, when a time of day is given.
    pub seconds: Option<u32>,
    /// Whether it was read from an epoch number.
    pub epoch: bool,
}

/// The smallest magnitude read as an epoch number (1973-03-03 in seconds).
const EPOCH_MIN: f64 = 1e8;

impl Published {
    /// Reads an ISO date, an ISO date-time or an epoch number (see the
    /// type's docs); `None` for anything else, empty text included.
    pub fn read(text: &str) -> Option<Published> {
        let text = text.trim();
        Self::parse_iso(text).or_else(|| Self::parse_epoch(text))
    }

    /// An ISO date or date-time, strictly: nothing may follow it.
    pub fn parse_iso(text: &str) -> Option<Published> {
        let b = text.trim().as_bytes();
        let digits = |from: usize, n: usize| -> Option<u32> {
            let run = b.get(from..from + n)?;
            run.iter()
                .all(u8::is_ascii_digit)
                .then(|| run.iter().fold(0, |acc, x| acc * 10 + u32::from(x - b'0')))
        };
        let year = u16::try_from(digits(0, 4)?).ok()?;
        let date = |m: u32, d: u32| Date::new(year, u8::try_from(m).ok()?, u8::try_from(d).ok()?);
        let plain = |date: Option<Date>| {
            date.map(|date| Published {
                date,
                seconds: None,
                epoch: false,
            })
        };
        match b.len() {
            4 => return plain(date(1, 1)),
            7 if b[4] == b'-' => return plain(date(digits(5, 2)?, 1)),
            _ => {}
        }
        if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let day = date(digits(5, 2)?, digits(8, 2)?)?;
        if b.len() == 10 {
            return plain(Some(day));
        }
        if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || b.get(13) != Some(&b':') {
            return None;
        }
        let (hour, minute) = (digits(11, 2)?, digits(14, 2)?);
        let mut at = 16;
        let mut second = 0;
        if b.get(at) == Some(&b':') {
            second = digits(at + 1, 2)?;
            at += 3;
            if b.get(at) == Some(&b'.') || b.get(at) == Some(&b',') {
                let run = b[at + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                if run == 0 {
                    return None;
                }
                at += 1 + run;
            }
        }
        // Leap seconds (:60) are allowed, as ISO 8601 allows them.
        if hour > 23 || minute > 59 || second > 60 || !zone(&b[at..]) {
            return None;
        }
        Some(Published {
            date: day,
            seconds: Some(hour * 3600 + minute * 60 + second.min(59)),
            epoch: false,
        })
    }

    /// An epoch number as text (`-`, digits, an optional fraction), of at
    /// least 10^8 in magnitude, its unit told by its size (see the type's
    /// docs).
    pub fn parse_epoch(text: &str) -> Option<Published> {
        let text = text.trim();
        let body = text.strip_prefix('-').unwrap_or(text);
        let (whole, fraction) = body.split_once('.').unwrap_or((body, "0"));
        let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
        if !is_digits(whole) || !is_digits(fraction) {
            return None;
        }
        Self::from_epoch(text.parse().ok()?)
    }

    /// An epoch number (see the type's docs): `None` below 10^8 in
    /// magnitude, or outside the years 1 to 9999.
    pub fn from_epoch(value: f64) -> Option<Published> {
        let magnitude = value.abs();
        if !magnitude.is_finite() || magnitude < EPOCH_MIN {
            return None;
        }
        let per_second = if magnitude < 1e11 {
            1.0
        } else if magnitude < 1e14 {
            1e3
        } else if magnitude < 1e17 {
            1e6
        } else {
            1e9
        };
        let seconds = (value / per_second).floor();
        let days = (seconds / 86_400.0).floor();
        let of_day = (seconds - days * 86_400.0) as u32;
        let (y, m, d) = civil_from_days(days as i64);
        let date = Date::new(
            u16::try_from(y).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(d).ok()?,
        )?;
        Some(Published {
            date,
            seconds: Some(of_day),
            epoch: true,
        })
    }

    /// ISO 8601 text: the date, and for a time of day `THH:MM:SS` (with
    /// `Z` for an epoch number, whose time is UTC).
    pub fn to_iso(&self) -> String {
        match self.seconds {
            None => self.date.to_string(),
            Some(s) => format!(
                "{}T{:02}:{:02}:{:02}{}",
                self.date,
                s / 3600,
                s / 60 % 60,
                s % 60,
                if self.epoch { "Z" } else { "" }
            ),
        }
    }
}

/// Whether `rest` is a valid end of an ISO date-time: nothing, or a zone.
fn zone(rest: &[u8]) -> bool {
    let two = |s: &[u8]| s.len() == 2 && s.iter().all(u8::is_ascii_digit);
    match rest {
        [] | [b'Z' | b'z'] | b" UTC" | b" GMT" | b" Z" => true,
        [b'+' | b'-', offset @ ..] => match offset {
            [h1, h2] => two(&[*h1, *h2]),
            [h1, h2, b':', m1, m2] | [h1, h2, m1, m2] => two(&[*h1, *h2]) && two(&[*m1, *m2]),
            _ => false,
        },
        _ => false,
    }
}

/// The proleptic Gregorian date `days` days after 1970-01-01 (H. Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl Date {
    /// The ISO 8601 week: its year (which may differ from the date's near
    /// 1 January) and number, 1 to 53. Weeks start on Monday; week 1 holds
    /// the year's first Thursday.
    pub fn iso_week(self) -> (i64, u32) {
        let days = days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        // 1970-01-01 was a Thursday: Monday = 0.
        let weekday = (days + 3).rem_euclid(7);
        let thursday = days - weekday + 3;
        let (year, _, _) = civil_from_days(thursday);
        let first = days_from_civil(year, 1, 1);
        (year, ((thursday - first) / 7 + 1) as u32)
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

    #[test]
    fn published_reads_iso_dates_date_times_and_epoch_numbers() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        // (text, date, ISO text written for it); None: no date.
        let cases: &[(&str, Option<(Date, &str)>)] = &[
            ("2019-06-13", Some((d(2019, 6, 13), "2019-06-13"))),
            ("2019-06", Some((d(2019, 6, 1), "2019-06-01"))),
            ("2019", Some((d(2019, 1, 1), "2019-01-01"))),
            (" 2019-06-13 ", Some((d(2019, 6, 13), "2019-06-13"))),
            (
                "2019-06-13T10:00",
                Some((d(2019, 6, 13), "2019-06-13T10:00:00")),
            ),
            (
                "2019-06-13T10:00:05Z",
                Some((d(2019, 6, 13), "2019-06-13T10:00:05")),
            ),
            (
                "2019-06-13 23:30:00.123-05:00",
                Some((d(2019, 6, 13), "2019-06-13T23:30:00")),
            ),
            (
                "2019-06-13T23:30:00+0530",
                Some((d(2019, 6, 13), "2019-06-13T23:30:00")),
            ),
            (
                "2019-06-13 10:00:00 UTC",
                Some((d(2019, 6, 13), "2019-06-13T10:00:00")),
            ),
            // epoch seconds, milliseconds, microseconds, nanoseconds
            ("1560420000", Some((d(2019, 6, 13), "2019-06-13T10:00:00Z"))),
            (
                "1560420000000",
                Some((d(2019, 6, 13), "2019-06-13T10:00:00Z")),
            ),
            (
                "1560420000000000",
                Some((d(2019, 6, 13), "2019-06-13T10:00:00Z")),
            ),
            (
                "1560420000000000000",
                Some((d(2019, 6, 13), "2019-06-13T10:00:00Z")),
            ),
            (
                "1560420000.75",
                Some((d(2019, 6, 13), "2019-06-13T10:00:00Z")),
            ),
            ("100000000", Some((d(1973, 3, 3), "1973-03-03T09:46:40Z"))),
            (
                "-100000000",
                Some((d(1966, 10, 31), "1966-10-31T14:13:20Z")),
            ),
            // no dates
            ("", None),
            ("June 13, 2019", None),
            ("13/06/2019", None),
            ("20190613", None),
            ("99999999", None),
            ("2019-02-30", None),
            ("2019-06-13T25:00", None),
            ("2019-06-13T10:00 tomorrow", None),
            ("2019-06-13garbage", None),
            ("1e12", None),
            ("0x5d0213a0", None),
        ];
        for (text, expected) in cases {
            let read = Published::read(text);
            assert_eq!(
                read.map(|p| (p.date, p.to_iso())),
                expected.map(|(d, s)| (d, s.to_string())),
                "{text:?}"
            );
            if let Some(p) = read {
                // What the readers write reads back as the same date.
                assert_eq!(Date::parse(&p.to_iso()), Some(p.date), "{text:?}");
            }
        }
    }

    #[test]
    fn iso_weeks_start_on_monday_with_the_first_thursday() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        let cases = [
            (d(2019, 6, 13), (2019, 24)),
            (d(2021, 1, 3), (2020, 53)),
            (d(2021, 1, 4), (2021, 1)),
            (d(2019, 12, 30), (2020, 1)),
            (d(2016, 1, 1), (2015, 53)),
            (d(2024, 12, 29), (2024, 52)),
        ];
        for (date, week) in cases {
            assert_eq!(date.iso_week(), week, "{date}");
        }
    }
}
