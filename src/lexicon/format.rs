//! The TOML format of lexicon files, and the merge of several files into
//! one model in which every entry remembers its file and line (for error
//! messages).

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{CategoryRole, Group, MAX_WINDOW};
use crate::error::{LexiconError, LexiconErrorKind};

pub(super) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
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
    places: Entries,
    #[serde(default)]
    institutions: Entries,
    #[serde(default)]
    people: Vec<RawPerson>,
    #[serde(default)]
    exclude: Entries,
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScope {
    #[serde(default)]
    replace: bool,
    #[serde(default)]
    terminators: Entries,
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
    pub(super) terms: Vec<Entry>,
    pub(super) exclude: Vec<Entry>,
}

pub(super) struct CategoryModel {
    pub(super) group: Group,
    /// The role and where it was given (for the error when two categories
    /// claim one).
    pub(super) role: Option<(CategoryRole, Entry)>,
    pub(super) description: String,
    pub(super) terms: Vec<Entry>,
    pub(super) exclude: Vec<Entry>,
}

#[derive(Default)]
pub(super) struct Model {
    pub(super) actors: Vec<(String, ActorModel)>,
    pub(super) categories: Vec<(String, CategoryModel)>,
    pub(super) negation_before: Vec<Entry>,
    pub(super) negation_after: Vec<Entry>,
    pub(super) pseudo: Vec<Entry>,
    pub(super) hypothetical_before: Vec<Entry>,
    pub(super) hypothetical_after: Vec<Entry>,
    pub(super) terminators: Vec<Entry>,
    pub(super) negation_window: Option<usize>,
    pub(super) hypothetical_window: Option<usize>,
    /// `[speech]`: reporting verbs, stance verbs, source-first phrases and
    /// role nouns, in that order (see [`SpeechList`](super::SpeechList)).
    pub(super) speech: [Vec<Entry>; 4],
}

fn entries(source: (usize, &str), text: &str, raw: &[Spanned<String>]) -> Vec<Entry> {
    raw.iter()
        .map(|s| Entry {
            pattern: s.get_ref().clone(),
            file: source.1.to_string(),
            line: line_of(text, s.span().start),
            source: source.0,
        })
        .collect()
}

/// A rule window from the file, refused (with its line) beyond
/// [`MAX_WINDOW`].
fn checked_window(
    source: (usize, &str),
    text: &str,
    window: &Spanned<u64>,
) -> Result<usize, LexiconError> {
    let value = *window.get_ref();
    match usize::try_from(value) {
        Ok(w) if w <= MAX_WINDOW => Ok(w),
        _ => Err(LexiconError {
            file: source.1.to_string(),
            line: Some(line_of(text, window.span().start)),
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
        let name_error = |name: &str, what: &str| LexiconError {
            file: file.to_string(),
            line: text.find(name).map(|o| line_of(text, o)),
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
            let slot = match self.actors.iter().position(|(a, _)| *a == id) {
                Some(i) => &mut self.actors[i].1,
                None => {
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
            for list in [
                &actor.names,
                &actor.demonyms,
                &actor.places,
                &actor.institutions,
            ] {
                slot.terms.extend(entries(src, text, list));
            }
            for person in &actor.people {
                slot.terms
                    .extend(entries(src, text, std::slice::from_ref(&person.name)));
                slot.terms.extend(entries(src, text, &person.aliases));
            }
            slot.exclude.extend(entries(src, text, &actor.exclude));
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
                            line: Some(line_of(text, g.span().start)),
                            entry: Some(name.clone()),
                            kind: LexiconErrorKind::UnknownGroup(other.to_string()),
                        });
                    }
                }),
            };
            let position = self.categories.iter().position(|(c, _)| *c == name);
            let slot = match position {
                Some(i) => &mut self.categories[i].1,
                None => {
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
                            exclude: Vec::new(),
                        },
                    ));
                    let last = self.categories.len() - 1;
                    &mut self.categories[last].1
                }
            };
            if category.replace {
                slot.terms.clear();
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
                        line: Some(line_of(text, role.span().start)),
                        entry: Some(name.clone()),
                        kind: LexiconErrorKind::Syntax(format!(
                            "unknown role {:?}: a category's role is one of {}",
                            role.get_ref(),
                            CategoryRole::ALL.map(CategoryRole::as_str).join(", ")
                        )),
                    });
                };
                let at = entries(src, text, std::slice::from_ref(role)).remove(0);
                slot.role = Some((known, at));
            }
            slot.terms.extend(entries(src, text, &category.terms));
            slot.exclude.extend(entries(src, text, &category.exclude));
        }
        if let Some(rules) = raw.negation {
            if rules.replace {
                self.negation_before.clear();
                self.negation_after.clear();
                self.pseudo.clear();
            }
            self.negation_before
                .extend(entries(src, text, &rules.before));
            self.negation_after.extend(entries(src, text, &rules.after));
            self.pseudo.extend(entries(src, text, &rules.pseudo));
            if let Some(window) = &rules.window {
                self.negation_window = Some(checked_window(src, text, window)?);
            }
        }
        if let Some(rules) = raw.hypothetical {
            if rules.replace {
                self.hypothetical_before.clear();
                self.hypothetical_after.clear();
            }
            if !rules.pseudo.is_empty() {
                return Err(LexiconError {
                    file: file.to_string(),
                    line: Some(line_of(text, rules.pseudo[0].span().start)),
                    entry: Some(rules.pseudo[0].get_ref().clone()),
                    kind: LexiconErrorKind::Syntax(
                        "`pseudo` belongs in [negation], not [hypothetical]".to_string(),
                    ),
                });
            }
            self.hypothetical_before
                .extend(entries(src, text, &rules.before));
            self.hypothetical_after
                .extend(entries(src, text, &rules.after));
            if let Some(window) = &rules.window {
                self.hypothetical_window = Some(checked_window(src, text, window)?);
            }
        }
        if let Some(scope) = raw.scope {
            if scope.replace {
                self.terminators.clear();
            }
            self.terminators
                .extend(entries(src, text, &scope.terminators));
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
                into.extend(entries(src, text, from));
            }
        }
        Ok(())
    }
}
