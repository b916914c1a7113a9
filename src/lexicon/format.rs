//! The TOML format of lexicon files, and the merge of several files into
//! one model in which every entry remembers its file and line (for error
//! messages).

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{CategoryRole, Group, MAX_WINDOW, MentionKind};
use crate::article::Date;
use crate::error::{LexiconError, LexiconErrorKind};

/// The 1-based line of byte `offset` in `text` (for a single look-up; a
/// file's entries use a [`LineIndex`]).
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    LineIndex::new(text).line(offset)
}

/// Where each line of a file starts, so that the line of every entry is a
/// binary search: counting newlines from the start of the file for each
/// entry made loading quadratic in the number of entries.
pub(super) struct LineIndex {
    /// Byte offset just after each `\n`, in order.
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub(super) fn new(text: &str) -> Self {
        LineIndex {
            starts: memchr::memchr_iter(b'\n', text.as_bytes())
                .map(|i| i + 1)
                .collect(),
            len: text.len(),
        }
    }

    /// The 1-based line of byte `offset` (offsets past the end are on the
    /// last line).
    pub(super) fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|&start| start <= offset) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_index_agrees_with_counting_newlines_from_the_start() {
        let text = "a\nbb\n\nccc\nd";
        let index = LineIndex::new(text);
        for o in 0..=text.len() + 3 {
            let plain = text.as_bytes()[..o.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            assert_eq!(index.line(o), plain, "offset {o}");
        }
    }
}

// ---------------------------------------------------------------------------
// Raw TOML shape.

type Entries = Vec<Spanned<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    #[serde(default)]
    actors: BTreeMap<String, RawActor>,
    #[serde(default)]
    categories: BTreeMap<String, RawCategory>,
    #[serde(default)]
    offices: BTreeMap<String, RawOffice>,
    mentions: Option<RawMentions>,
    negation: Option<RawRules>,
    hypothetical: Option<RawRules>,
    scope: Option<RawScope>,
    speech: Option<RawSpeech>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    name: Option<String>,
    #[serde(default)]
    replace: bool,
    #[serde(default)]
    names: Entries,
    #[serde(default)]
    demonyms: Entries,
    #[serde(default)]
    places: Vec<Spanned<RawTerm>>,
    #[serde(default)]
    institutions: Vec<Spanned<RawTerm>>,
    #[serde(default)]
    parties: Entries,
    #[serde(default)]
    regions: Entries,
    #[serde(default)]
    people: Vec<RawPerson>,
    #[serde(default)]
    exclude: Entries,
}

/// A term, alone or with the office it names (`{ term = "Congress",
/// office = "legislature" }`) and the word that must stand right before it
/// (`{ term = "=Hill", after = "the" }`).
#[derive(Deserialize)]
#[serde(untagged)]
enum RawTerm {
    Plain(String),
    Detailed {
        term: String,
        office: Option<String>,
        after: Option<String>,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    name: Spanned<String>,
    #[serde(default)]
    #[allow(dead_code)] // documentation for readers of the lexicon
    role: Option<String>,
    #[serde(default)]
    aliases: Entries,
    #[serde(default)]
    terms: Vec<RawTermOfOffice>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTermOfOffice {
    office: Option<Spanned<String>>,
    from: Option<Spanned<RawDate>>,
    until: Option<Spanned<RawDate>>,
}

/// A TOML date (`2017-01-20`) or a string (`"2017-01-20"`, `"2017"`).
#[derive(Deserialize)]
#[serde(untagged)]
enum RawDate {
    Toml(toml::value::Datetime),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOffice {
    actor: Option<Spanned<String>>,
    #[serde(default)]
    body: bool,
    #[serde(default)]
    shared: bool,
    #[serde(default)]
    domestic: bool,
    #[serde(default)]
    replace: bool,
    #[serde(default)]
    terms: Entries,
    #[serde(default)]
    implies: Entries,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMentions {
    domestic_politics: Option<bool>,
    undated_from: Option<Spanned<RawDate>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    group: Option<Spanned<String>>,
    role: Option<Spanned<String>>,
    description: Option<String>,
    #[serde(default)]
    replace: bool,
    #[serde(default)]
    terms: Entries,
    /// Typed terms: subtype name -> terms.
    #[serde(default)]
    subtypes: BTreeMap<String, Entries>,
    /// Subtypes that count in the category's rate but not in its strict
    /// sentence share (the hedges' approximators).
    #[serde(default)]
    marginal: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Entries,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    replace: bool,
    #[serde(default)]
    before: Entries,
    #[serde(default)]
    after: Entries,
    #[serde(default)]
    pseudo: Entries,
    window: Option<Spanned<u64>>,
    /// The window for triggers after the cue (default: `window`).
    after_window: Option<Spanned<u64>>,
    /// Triggers that act only on a cue right after them (`near_window`).
    #[serde(default)]
    near: Entries,
    near_window: Option<Spanned<u64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScope {
    #[serde(default)]
    replace: bool,
    #[serde(default)]
    terminators: Entries,
    /// Words that end a scope after the cue only ("that" opening a
    /// relative clause; before the cue it is often a complementizer).
    #[serde(default)]
    after: Entries,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpeech {
    #[serde(default)]
    replace: bool,
    #[serde(default)]
    verbs: Entries,
    #[serde(default)]
    stance: Entries,
    #[serde(default)]
    according: Entries,
    #[serde(default)]
    roles: Entries,
}

// ---------------------------------------------------------------------------
// Merged model: every entry with where it came from.

#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub(super) pattern: String,
    pub(super) file: String,
    pub(super) line: usize,
    /// Position of its file in load order (later files are blamed for
    /// conflicts).
    pub(super) source: usize,
}

#[derive(Default)]
pub(super) struct ActorModel {
    pub(super) name: String,
    pub(super) terms: Vec<ActorEntry>,
    pub(super) exclude: Vec<Entry>,
}

/// One of an actor's terms: where it came from and what it names.
pub(super) struct ActorEntry {
    pub(super) entry: Entry,
    /// `None`: one of the actor's regions, which is never a mention.
    pub(super) kind: Option<MentionKind>,
    /// The office an institution names, as written (checked at compile).
    pub(super) office: Option<Entry>,
    /// For a person's name or alias: the person, in `Model::people`.
    pub(super) person: Option<usize>,
    /// The word that must stand right before the term, exactly.
    pub(super) after: Option<String>,
}

/// A person with their terms of office (offices as written, checked at
/// compile).
pub(super) struct PersonModel {
    pub(super) actor: String,
    pub(super) name: String,
    pub(super) terms: Vec<(Option<Entry>, Option<Date>, Option<Date>)>,
}

#[derive(Default)]
pub(super) struct OfficeModel {
    pub(super) actor: Option<Entry>,
    pub(super) body: bool,
    pub(super) shared: bool,
    pub(super) domestic: bool,
    pub(super) terms: Vec<Entry>,
    pub(super) implies: Vec<Entry>,
}

pub(super) struct CategoryModel {
    pub(super) group: Group,
    /// The role and where it was given (for the error when two categories
    /// claim one).
    pub(super) role: Option<(CategoryRole, Entry)>,
    pub(super) description: String,
    pub(super) terms: Vec<Entry>,
    /// Typed terms, subtypes in order of first appearance.
    pub(super) subtypes: Vec<(String, Vec<Entry>)>,
    /// Names of the marginal subtypes.
    pub(super) marginal: Vec<String>,
    pub(super) exclude: Vec<Entry>,
}

#[derive(Default)]
pub(super) struct Model {
    pub(super) actors: Vec<(String, ActorModel)>,
    pub(super) categories: Vec<(String, CategoryModel)>,
    pub(super) offices: Vec<(String, OfficeModel)>,
    pub(super) people: Vec<PersonModel>,
    pub(super) domestic_politics: Option<bool>,
    pub(super) undated_from: Option<Date>,
    pub(super) negation_before: Vec<Entry>,
    pub(super) negation_after: Vec<Entry>,
    pub(super) pseudo: Vec<Entry>,
    pub(super) hypothetical_before: Vec<Entry>,
    pub(super) hypothetical_after: Vec<Entry>,
    pub(super) terminators: Vec<Entry>,
    pub(super) terminators_after: Vec<Entry>,
    pub(super) negation_window: Option<usize>,
    pub(super) hypothetical_window: Option<usize>,
    pub(super) negation_after_window: Option<usize>,
    pub(super) hypothetical_after_window: Option<usize>,
    pub(super) hypothetical_near: Vec<Entry>,
    pub(super) hypothetical_pseudo: Vec<Entry>,
    pub(super) hypothetical_near_window: Option<usize>,
    /// Position of each actor id and category name in the lists above, so
    /// that a file with many of them loads in linear time.
    actor_slots: rustc_hash::FxHashMap<String, usize>,
    category_slots: rustc_hash::FxHashMap<String, usize>,
    /// The sources (positions in load order) that are dictionaries
    /// (converted `.dic` or YAML files): one of their terms may be in
    /// several of their categories.
    pub(super) dictionaries: Vec<usize>,
    /// `[speech]`: reporting verbs, stance verbs, source-first phrases and
    /// role nouns, in that order (see [`SpeechList`](super::SpeechList)).
    pub(super) speech: [Vec<Entry>; 4],
}

fn entries(source: (usize, &str), lines: &LineIndex, raw: &[Spanned<String>]) -> Vec<Entry> {
    raw.iter()
        .map(|s| Entry {
            pattern: s.get_ref().clone(),
            file: source.1.to_string(),
            line: lines.line(s.span().start),
            source: source.0,
        })
        .collect()
}

fn entry(source: (usize, &str), lines: &LineIndex, pattern: &str, at: usize) -> Entry {
    Entry {
        pattern: pattern.to_string(),
        file: source.1.to_string(),
        line: lines.line(at),
        source: source.0,
    }
}

/// A bound of a term of office: a TOML date or an ISO string (a year or
/// month alone is its first day for `from`, its last for `until`).
fn checked_date(
    source: (usize, &str),
    lines: &LineIndex,
    person: &str,
    raw: &Spanned<RawDate>,
    end: bool,
) -> Result<Date, LexiconError> {
    let written = match raw.get_ref() {
        RawDate::Toml(d) => d.to_string(),
        RawDate::Text(t) => t.clone(),
    };
    let date = match raw.get_ref() {
        RawDate::Toml(toml::value::Datetime {
            date: Some(d),
            time: None,
            offset: None,
        }) => Date::new(d.year, d.month, d.day),
        RawDate::Toml(_) => None,
        RawDate::Text(t) if end => Date::parse_end(t).filter(|_| t.trim().len() <= 10),
        RawDate::Text(t) => Date::parse(t).filter(|_| t.trim().len() <= 10),
    };
    date.ok_or_else(|| LexiconError {
        file: source.1.to_string(),
        line: Some(lines.line(raw.span().start)),
        entry: Some(person.to_string()),
        kind: LexiconErrorKind::InvalidDate(format!(
            "{written:?} is not YYYY-MM-DD, YYYY-MM or YYYY"
        )),
    })
}

/// A rule window from the file, refused (with its line) beyond
/// [`MAX_WINDOW`].
fn checked_window(
    source: (usize, &str),
    lines: &LineIndex,
    window: &Spanned<u64>,
) -> Result<usize, LexiconError> {
    let value = *window.get_ref();
    match usize::try_from(value) {
        Ok(w) if w <= MAX_WINDOW => Ok(w),
        _ => Err(LexiconError {
            file: source.1.to_string(),
            line: Some(lines.line(window.span().start)),
            entry: Some(format!("window = {value}")),
            kind: LexiconErrorKind::Syntax(format!("a window is at most {MAX_WINDOW} tokens")),
        }),
    }
}

fn valid_name(name: &str, upper: bool) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| {
            b.is_ascii_digit()
                || b == b'_'
                || if upper {
                    b.is_ascii_uppercase()
                } else {
                    b.is_ascii_lowercase()
                }
        })
}

impl Model {
    /// Adds one parsed file (`index` in load order) to the model.
    pub(super) fn merge(
        &mut self,
        index: usize,
        file: &str,
        text: &str,
        raw: RawFile,
    ) -> Result<(), LexiconError> {
        let src = (index, file);
        let lines = LineIndex::new(text);
        let name_error = |name: &str, what: &str| LexiconError {
            file: file.to_string(),
            line: text.find(name).map(|o| lines.line(o)),
            entry: Some(name.to_string()),
            kind: LexiconErrorKind::InvalidName(what.to_string()),
        };
        for (id, actor) in raw.actors {
            if !valid_name(&id, true) {
                return Err(name_error(
                    &id,
                    "actor ids use upper-case ASCII letters, digits and '_'",
                ));
            }
            let slot = match self.actor_slots.get(&id) {
                Some(&i) => &mut self.actors[i].1,
                None => {
                    self.actor_slots.insert(id.clone(), self.actors.len());
                    self.actors.push((id.clone(), ActorModel::default()));
                    let last = self.actors.len() - 1;
                    &mut self.actors[last].1
                }
            };
            if actor.replace {
                *slot = ActorModel::default();
            }
            if let Some(name) = actor.name {
                slot.name = name;
            } else if slot.name.is_empty() {
                slot.name = id.clone();
            }
            let plain = |list: &Entries, kind: Option<MentionKind>| {
                entries(src, &lines, list)
                    .into_iter()
                    .map(move |entry| ActorEntry {
                        entry,
                        kind,
                        office: None,
                        person: None,
                        after: None,
                    })
            };
            slot.terms
                .extend(plain(&actor.names, Some(MentionKind::Name)));
            slot.terms
                .extend(plain(&actor.demonyms, Some(MentionKind::Demonym)));
            for (list, kind) in [
                (&actor.places, MentionKind::Capital),
                (&actor.institutions, MentionKind::Institution),
            ] {
                for raw in list {
                    let at = raw.span().start;
                    let (term, office, after) = match raw.get_ref() {
                        RawTerm::Plain(term) => (term, None, None),
                        RawTerm::Detailed {
                            term,
                            office,
                            after,
                        } => (
                            term,
                            office.as_ref().map(|o| entry(src, &lines, o, at)),
                            after.clone(),
                        ),
                    };
                    slot.terms.push(ActorEntry {
                        entry: entry(src, &lines, term, at),
                        kind: Some(kind),
                        office,
                        person: None,
                        after,
                    });
                }
            }
            slot.terms
                .extend(plain(&actor.parties, Some(MentionKind::Party)));
            slot.terms.extend(plain(&actor.regions, None));
            for person in &actor.people {
                let mut terms = Vec::new();
                for term in &person.terms {
                    let name = person.name.get_ref();
                    let from = match &term.from {
                        Some(d) => Some(checked_date(src, &lines, name, d, false)?),
                        None => None,
                    };
                    let until = match &term.until {
                        Some(d) => Some(checked_date(src, &lines, name, d, true)?),
                        None => None,
                    };
                    if let (Some(f), Some(u)) = (from, until)
                        && u < f
                    {
                        return Err(LexiconError {
                            file: file.to_string(),
                            line: Some(lines.line(person.name.span().start)),
                            entry: Some(name.clone()),
                            kind: LexiconErrorKind::InvalidDate(format!(
                                "a term ends ({u}) before it starts ({f})"
                            )),
                        });
                    }
                    let office = term
                        .office
                        .as_ref()
                        .map(|o| entry(src, &lines, o.get_ref(), o.span().start));
                    terms.push((office, from, until));
                }
                let index = self.people.len();
                self.people.push(PersonModel {
                    actor: id.clone(),
                    name: person.name.get_ref().clone(),
                    terms,
                });
                let names = std::iter::once(&person.name).chain(&person.aliases);
                for name in names {
                    slot.terms.push(ActorEntry {
                        entry: entry(src, &lines, name.get_ref(), name.span().start),
                        kind: Some(MentionKind::Person),
                        office: None,
                        person: Some(index),
                        after: None,
                    });
                }
            }
            slot.exclude.extend(entries(src, &lines, &actor.exclude));
        }
        for (name, office) in raw.offices {
            if !valid_name(&name, false) {
                return Err(name_error(
                    &name,
                    "office names use lower-case ASCII letters, digits and '_'",
                ));
            }
            let slot = match self.offices.iter().position(|(o, _)| *o == name) {
                Some(i) => &mut self.offices[i].1,
                None => {
                    self.offices.push((name.clone(), OfficeModel::default()));
                    let last = self.offices.len() - 1;
                    &mut self.offices[last].1
                }
            };
            if office.replace {
                *slot = OfficeModel::default();
            }
            if let Some(actor) = &office.actor {
                slot.actor = Some(entry(src, &lines, actor.get_ref(), actor.span().start));
            }
            slot.body |= office.body;
            slot.shared |= office.shared;
            slot.domestic |= office.domestic;
            slot.terms.extend(entries(src, &lines, &office.terms));
            slot.implies.extend(entries(src, &lines, &office.implies));
        }
        if let Some(mentions) = raw.mentions {
            if let Some(domestic) = mentions.domestic_politics {
                self.domestic_politics = Some(domestic);
            }
            if let Some(from) = &mentions.undated_from {
                self.undated_from = Some(checked_date(src, &lines, "undated_from", from, false)?);
            }
        }
        for (name, category) in raw.categories {
            if !valid_name(&name, false) {
                return Err(name_error(
                    &name,
                    "category names use lower-case ASCII letters, digits and '_'",
                ));
            }
            let group = match &category.group {
                None => None,
                Some(g) => Some(match g.get_ref().as_str() {
                    "cue" => Group::Cue,
                    "frame" => Group::Frame,
                    other => {
                        return Err(LexiconError {
                            file: file.to_string(),
                            line: Some(lines.line(g.span().start)),
                            entry: Some(name.clone()),
                            kind: LexiconErrorKind::UnknownGroup(other.to_string()),
                        });
                    }
                }),
            };
            let position = self.category_slots.get(&name).copied();
            let slot = match position {
                Some(i) => &mut self.categories[i].1,
                None => {
                    self.category_slots
                        .insert(name.clone(), self.categories.len());
                    // A new category is a cue category unless it says
                    // otherwise (LIWC dictionaries add categories this way).
                    let group = group.unwrap_or(Group::Cue);
                    self.categories.push((
                        name.clone(),
                        CategoryModel {
                            group,
                            role: None,
                            description: String::new(),
                            terms: Vec::new(),
                            subtypes: Vec::new(),
                            marginal: Vec::new(),
                            exclude: Vec::new(),
                        },
                    ));
                    let last = self.categories.len() - 1;
                    &mut self.categories[last].1
                }
            };
            if category.replace {
                slot.terms.clear();
                slot.subtypes.clear();
                slot.marginal.clear();
                slot.exclude.clear();
            }
            if let Some(group) = group {
                slot.group = group;
            }
            if let Some(description) = category.description {
                slot.description = description;
            }
            if let Some(role) = &category.role {
                let Some(known) = CategoryRole::from_name(role.get_ref()) else {
                    return Err(LexiconError {
                        file: file.to_string(),
                        line: Some(lines.line(role.span().start)),
                        entry: Some(name.clone()),
                        kind: LexiconErrorKind::Syntax(format!(
                            "unknown role {:?}: a category's role is one of {}",
                            role.get_ref(),
                            CategoryRole::ALL.map(CategoryRole::as_str).join(", ")
                        )),
                    });
                };
                let at = entries(src, &lines, std::slice::from_ref(role)).remove(0);
                slot.role = Some((known, at));
            }
            slot.terms.extend(entries(src, &lines, &category.terms));
            for (subtype, terms) in &category.subtypes {
                if !valid_name(subtype, false) {
                    return Err(name_error(
                        subtype,
                        "subtype names use lower-case ASCII letters, digits and '_'",
                    ));
                }
                let list = match slot.subtypes.iter().position(|(s, _)| s == subtype) {
                    Some(i) => &mut slot.subtypes[i].1,
                    None => {
                        slot.subtypes.push((subtype.clone(), Vec::new()));
                        let last = slot.subtypes.len() - 1;
                        &mut slot.subtypes[last].1
                    }
                };
                list.extend(entries(src, &lines, terms));
            }
            for marginal in &category.marginal {
                if !slot.marginal.contains(marginal.get_ref()) {
                    slot.marginal.push(marginal.get_ref().clone());
                }
            }
            slot.exclude.extend(entries(src, &lines, &category.exclude));
        }
        if let Some(rules) = raw.negation {
            if rules.replace {
                self.negation_before.clear();
                self.negation_after.clear();
                self.pseudo.clear();
            }
            self.negation_before
                .extend(entries(src, &lines, &rules.before));
            self.negation_after
                .extend(entries(src, &lines, &rules.after));
            self.pseudo.extend(entries(src, &lines, &rules.pseudo));
            if let Some(near) = rules.near.first() {
                return Err(LexiconError {
                    file: file.to_string(),
                    line: Some(lines.line(near.span().start)),
                    entry: Some(near.get_ref().clone()),
                    kind: LexiconErrorKind::Syntax(
                        "`near` belongs in [hypothetical], not [negation]".to_string(),
                    ),
                });
            }
            if let Some(window) = &rules.window {
                self.negation_window = Some(checked_window(src, &lines, window)?);
            }
            if let Some(window) = &rules.after_window {
                self.negation_after_window = Some(checked_window(src, &lines, window)?);
            }
        }
        if let Some(rules) = raw.hypothetical {
            if rules.replace {
                self.hypothetical_before.clear();
                self.hypothetical_after.clear();
                self.hypothetical_near.clear();
                self.hypothetical_pseudo.clear();
            }
            self.hypothetical_near
                .extend(entries(src, &lines, &rules.near));
            self.hypothetical_pseudo
                .extend(entries(src, &lines, &rules.pseudo));
            if let Some(window) = &rules.near_window {
                self.hypothetical_near_window = Some(checked_window(src, &lines, window)?);
            }
            self.hypothetical_before
                .extend(entries(src, &lines, &rules.before));
            self.hypothetical_after
                .extend(entries(src, &lines, &rules.after));
            if let Some(window) = &rules.window {
                self.hypothetical_window = Some(checked_window(src, &lines, window)?);
            }
            if let Some(window) = &rules.after_window {
                self.hypothetical_after_window = Some(checked_window(src, &lines, window)?);
            }
        }
        if let Some(scope) = raw.scope {
            if scope.replace {
                self.terminators.clear();
                self.terminators_after.clear();
            }
            self.terminators
                .extend(entries(src, &lines, &scope.terminators));
            self.terminators_after
                .extend(entries(src, &lines, &scope.after));
        }
        if let Some(speech) = raw.speech {
            let lists = [
                &speech.verbs,
                &speech.stance,
                &speech.according,
                &speech.roles,
            ];
            for (into, from) in self.speech.iter_mut().zip(lists) {
                if speech.replace {
                    into.clear();
                }
                into.extend(entries(src, &lines, from));
            }
        }
        Ok(())
    }
}
