//! Grouping: which articles are gathered, scored and compared together.
//!
//! By default a group is an outlet. [`GroupBy`] groups by any article
//! field instead (`story`, `title`, a kept input field such as `lang` or
//! `section`), by a period of `published` (`published:week`,
//! `published:month`, `published:year`), or by several of them at once
//! (`outlet,published:month`: a time series per outlet). [`OutletMap`]
//! harmonises outlet names before grouping ("Fox Online News" counted as
//! "Fox News").
//!
//! A group is identified by its **key**: its values in field order, joined
//! by the unit separator U+001F (the outlet name itself when grouping by
//! outlet alone), so that groups sort by their first field, then their
//! second, and periods sort in time (`2019-06` before `2019-11`,
//! `2019-W09` before `2019-W10`). An article without a value for a field
//! (no `published`, a kept field it lacks, an empty one) has the empty
//! value there, shown as `(none)` in labels and as an empty cell or
//! `null` in the outputs.

use std::fmt;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::article::{Article, Published};
use crate::error::{AliasConflict, GroupByError, InputErrorKind};

/// A period of `published` to group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// The ISO 8601 week (Monday to Sunday), as `2019-W07` (the ISO
    /// week's year, which near 1 January may differ from the date's).
    Week,
    /// The calendar month, as `2019-06`.
    Month,
    /// The calendar year, as `2019`.
    Year,
}

impl Period {
    /// The period's name in a spec (`week`, `month`, `year`).
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    /// The period of `published` (read as [`Published::read`] reads it;
    /// `None` when it is no date).
    pub fn of(self, published: &str) -> Option<String> {
        let date = Published::read(published)?.date;
        Some(match self {
            Period::Week => {
                let (year, week) = date.iso_week();
                format!("{year:04}-W{week:02}")
            }
            Period::Month => format!("{:04}-{:02}", date.year(), date.month()),
            Period::Year => format!("{:04}", date.year()),
        })
    }
}

/// One field to group by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GroupField {
    /// An article field by name (`outlet`, `story`, ...; any name other
    /// than the article's own fields is a kept input field,
    /// [`Article::extra`]).
    Field(String),
    /// A period of `published`.
    Period(Period),
}

impl GroupField {
    /// The name of the field's column in every output: the field's name,
    /// or `published_week`, `published_month`, `published_year`.
    pub fn column(&self) -> String {
        match self {
            GroupField::Field(name) => name.clone(),
            GroupField::Period(p) => format!("published_{}", p.as_str()),
        }
    }

    /// How the field is written in a `--group-by` spec.
    pub fn spec(&self) -> String {
        match self {
            GroupField::Field(name) => name.clone(),
            GroupField::Period(p) => format!("published:{}", p.as_str()),
        }
    }

    /// The article's value for the field (`None` when it has none: a
    /// missing or empty field, or no date for a period). The unit
    /// separator U+001F, which joins keys, becomes a space.
    pub fn value(&self, article: &Article) -> Option<String> {
        let value = match self {
            GroupField::Field(name) => article
                .field(name)
                .filter(|v| !v.trim().is_empty())
                .map(str::to_string),
            GroupField::Period(p) => article.published.as_deref().and_then(|d| p.of(d)),
        }?;
        Some(if value.contains(SEPARATOR) {
            value.replace(SEPARATOR, " ")
        } else {
            value
        })
    }
}

/// Joins the values of a group key.
pub const SEPARATOR: char = '\u{1f}';

/// How articles are grouped: one field or several, in order (see the
/// module docs). The default groups by outlet.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GroupBy {
    fields: Vec<GroupField>,
}

impl Default for GroupBy {
    fn default() -> Self {
        GroupBy::outlet()
    }
}

impl fmt::Display for GroupBy {
    /// The spec: `outlet`, `outlet,published:month`, ...
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let specs: Vec<String> = self.fields.iter().map(GroupField::spec).collect();
        f.write_str(&specs.join(","))
    }
}

impl GroupBy {
    /// By outlet (the default).
    pub fn outlet() -> Self {
        GroupBy {
            fields: vec![GroupField::Field("outlet".into())],
        }
    }

    /// Reads a spec: field names and periods (`published:week`,
    /// `published:month`, `published:year`), separated by commas, white
    /// space around each ignored. Refused: an empty spec or field, a
    /// period of another field than `published` or an unknown period,
    /// `text` (every article would be its own group), and a field named
    /// twice (or two with the same column).
    pub fn parse(spec: &str) -> Result<GroupBy, GroupByError> {
        let mut fields: Vec<GroupField> = Vec::new();
        for part in spec.split(',') {
            let part = part.trim();
            let field = match part.split_once(':') {
                _ if part.is_empty() => return Err(GroupByError::EmptyField(spec.to_string())),
                Some((name, period)) => {
                    let period = match period.trim() {
                        "week" => Period::Week,
                        "month" => Period::Month,
                        "year" => Period::Year,
                        other => {
                            return Err(GroupByError::UnknownPeriod(other.to_string()));
                        }
                    };
                    if name.trim() != "published" {
                        return Err(GroupByError::PeriodOfField(name.trim().to_string()));
                    }
                    GroupField::Period(period)
                }
                None if part == "text" => return Err(GroupByError::Text),
                None => GroupField::Field(part.to_string()),
            };
            if fields.iter().any(|f| f.column() == field.column()) {
                return Err(GroupByError::Repeated(field.spec()));
            }
            fields.push(field);
        }
        Ok(GroupBy { fields })
    }

    /// The fields, in order.
    pub fn fields(&self) -> &[GroupField] {
        &self.fields
    }

    /// Whether this is the default grouping, by outlet alone.
    pub fn is_outlet(&self) -> bool {
        matches!(self.fields.as_slice(), [GroupField::Field(f)] if f == "outlet")
    }

    /// The group columns' names, in order ([`GroupField::column`]).
    pub fn columns(&self) -> Vec<String> {
        self.fields.iter().map(GroupField::column).collect()
    }

    /// The input fields beyond the article's own that grouping needs the
    /// readers to keep (see [`ReadOptions::fields`](crate::io::ReadOptions::fields)).
    pub fn input_fields(&self) -> Vec<String> {
        self.fields
            .iter()
            .filter_map(|f| match f {
                GroupField::Field(name) if !Article::FIELDS.contains(&name.as_str()) => {
                    Some(name.clone())
                }
                _ => None,
            })
            .collect()
    }

    /// The index of the first period field, if any: grouping by it makes a
    /// time series.
    pub fn period(&self) -> Option<usize> {
        self.fields
            .iter()
            .position(|f| matches!(f, GroupField::Period(_)))
    }

    /// The article's group key (see the module docs).
    pub fn key(&self, article: &Article) -> String {
        if self.is_outlet() {
            return article.outlet.clone();
        }
        let values: Vec<String> = self
            .fields
            .iter()
            .map(|f| f.value(article).unwrap_or_default())
            .collect();
        values.join(&SEPARATOR.to_string())
    }

    /// The values of a key, in field order (`None` for an empty value).
    pub fn values<'k>(&self, key: &'k str) -> Vec<Option<&'k str>> {
        if self.is_outlet() {
            return vec![Some(key)];
        }
        let mut values: Vec<Option<&str>> = key
            .split(SEPARATOR)
            .map(|v| (!v.is_empty()).then_some(v))
            .collect();
        values.resize(self.fields.len(), None);
        values
    }

    /// The group's values by column, in field order.
    pub fn group_values(&self, key: &str) -> GroupValues {
        GroupValues(
            self.columns()
                .into_iter()
                .zip(self.values(key))
                .map(|(c, v)| (c, v.map(str::to_string)))
                .collect(),
        )
    }

    /// A key as one readable name: the outlet itself when grouping by
    /// outlet, else the values joined by ` / `, `(none)` for an empty one.
    pub fn label(&self, key: &str) -> String {
        if self.is_outlet() {
            return key.to_string();
        }
        let values: Vec<&str> = self
            .values(key)
            .into_iter()
            .map(|v| v.unwrap_or(NONE))
            .collect();
        values.join(" / ")
    }
}

/// How an empty group value is shown in labels.
pub const NONE: &str = "(none)";

/// A group's values by column, in field order; in JSON an object
/// (`{"outlet": "Fox News", "published_month": "2019-06"}`, `null` for an
/// empty value) whose keys come in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupValues(pub Vec<(String, Option<String>)>);

impl GroupValues {
    /// The value of a column (`None` when the column is absent or the
    /// value empty).
    pub fn get(&self, column: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(c, _)| c == column)
            .and_then(|(_, v)| v.as_deref())
    }
}

impl Serialize for GroupValues {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (column, value) in &self.0 {
            map.serialize_entry(column, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for GroupValues {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = GroupValues;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of group values")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<GroupValues, A::Error> {
                let mut values = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Option<String>>()? {
                    values.push((k, v));
                }
                Ok(GroupValues(values))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// Outlet names harmonised: each alias stands for one outlet name
/// (`"Fox Online News"` → `"Fox News"`). A name is looked up as it is,
/// white space at its ends ignored; a name that is no alias stays as it
/// is. One step only: an outlet an alias maps to is not looked up again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutletMap {
    map: FxHashMap<String, String>,
}

impl OutletMap {
    /// An empty map.
    pub fn new() -> Self {
        OutletMap::default()
    }

    /// Maps `alias` to `outlet`. An alias already mapped to the same
    /// outlet is fine; to another one, it is refused
    /// ([`InputErrorKind::AliasConflict`]).
    pub fn insert(&mut self, alias: &str, outlet: &str) -> Result<(), InputErrorKind> {
        let (alias, outlet) = (alias.trim(), outlet.trim());
        match self.map.get(alias) {
            Some(first) if first != outlet => {
                Err(InputErrorKind::AliasConflict(Box::new(AliasConflict {
                    alias: alias.to_string(),
                    first: first.clone(),
                    second: outlet.to_string(),
                })))
            }
            Some(_) => Ok(()),
            None => {
                self.map.insert(alias.to_string(), outlet.to_string());
                Ok(())
            }
        }
    }

    /// The outlet an alias stands for.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.map.get(name.trim()).map(String::as_str)
    }

    /// Renames the article's outlet if it is an alias; whether it was.
    pub fn apply(&self, article: &mut Article) -> bool {
        match self.get(&article.outlet) {
            Some(outlet) if outlet != article.outlet => {
                article.outlet = outlet.to_string();
                true
            }
            _ => false,
        }
    }

    /// Aliases mapped.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no alias is mapped.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(outlet: &str, published: Option<&str>, lang: Option<&str>) -> Article {
        let mut a = Article::new("1", outlet, "text");
        a.published = published.map(str::to_string);
        if let Some(lang) = lang {
            a.extra.insert("lang".into(), lang.into());
        }
        a
    }

    #[test]
    fn specs_parse_into_fields_or_are_refused() {
        let ok: &[(&str, &[&str])] = &[
            ("outlet", &["outlet"]),
            (" outlet , published:month ", &["outlet", "published_month"]),
            ("published:week", &["published_week"]),
            ("published:year,lang", &["published_year", "lang"]),
            ("story", &["story"]),
        ];
        for (spec, columns) in ok {
            let g = GroupBy::parse(spec).unwrap();
            assert_eq!(g.columns(), *columns, "{spec}");
            assert_eq!(GroupBy::parse(&g.to_string()).unwrap(), g, "{spec}");
        }
        assert!(GroupBy::parse("outlet").unwrap().is_outlet());
        assert!(!GroupBy::parse("outlet,story").unwrap().is_outlet());
        let bad: &[(&str, GroupByError)] = &[
            ("", GroupByError::EmptyField(String::new())),
            ("outlet,", GroupByError::EmptyField("outlet,".into())),
            ("published:day", GroupByError::UnknownPeriod("day".into())),
            ("title:month", GroupByError::PeriodOfField("title".into())),
            ("text", GroupByError::Text),
            ("outlet,outlet", GroupByError::Repeated("outlet".into())),
            (
                "published:month,published:month",
                GroupByError::Repeated("published:month".into()),
            ),
        ];
        for (spec, error) in bad {
            assert_eq!(GroupBy::parse(spec).as_ref(), Err(error), "{spec:?}");
        }
        assert_eq!(
            GroupBy::parse("outlet,lang,title,published:month")
                .unwrap()
                .input_fields(),
            ["lang"]
        );
    }

    #[test]
    fn keys_sort_by_field_then_time_and_read_back() {
        let by = GroupBy::parse("outlet,published:month").unwrap();
        let keys: Vec<String> = [
            article("B", Some("2019-11-02"), None),
            article("A", Some("2019-11-30T23:00:00Z"), None),
            article("A", Some("1560420000000"), None),
            article("A", None, None),
        ]
        .iter()
        .map(|a| by.key(a))
        .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(
            sorted.iter().map(|k| by.label(k)).collect::<Vec<_>>(),
            ["A / (none)", "A / 2019-06", "A / 2019-11", "B / 2019-11"]
        );
        assert_eq!(by.values(&keys[0]), [Some("B"), Some("2019-11")]);
        assert_eq!(by.values(&keys[3]), [Some("A"), None]);
        let json = serde_json::to_string(&by.group_values(&keys[3])).unwrap();
        assert_eq!(json, r#"{"outlet":"A","published_month":null}"#);
        let back: GroupValues = serde_json::from_str(&json).unwrap();
        assert_eq!(back, by.group_values(&keys[3]));

        let weeks = GroupBy::parse("published:week,lang").unwrap();
        let a = article("X", Some("2021-01-03"), Some("en"));
        assert_eq!(weeks.label(&weeks.key(&a)), "2020-W53 / en");
        let outlet = GroupBy::outlet();
        assert_eq!(outlet.key(&a), "X");
        assert_eq!(outlet.label("X"), "X");
    }

    #[test]
    fn the_outlet_map_renames_aliases_once() {
        let mut map = OutletMap::new();
        map.insert("Fox Online News", "Fox News").unwrap();
        map.insert(" Fox Online News ", "Fox News").unwrap();
        assert_eq!(
            map.insert("Fox Online News", "CNN"),
            Err(InputErrorKind::AliasConflict(Box::new(AliasConflict {
                alias: "Fox Online News".into(),
                first: "Fox News".into(),
                second: "CNN".into()
            })))
        );
        map.insert("Fox News", "Fox").unwrap();
        let mut a = article("Fox Online News", None, None);
        assert!(map.apply(&mut a));
        assert_eq!(a.outlet, "Fox News"); // not followed to "Fox"
        let mut b = article("CNN", None, None);
        assert!(!map.apply(&mut b));
        assert_eq!(map.len(), 2);
    }
}
