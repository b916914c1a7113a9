//! Lexicons: the word lists that define actors and cues, loaded from TOML and
//! compiled once into a matcher.
//!
//! # File format
//!
//! A lexicon file is TOML. Every table is optional; several files are
//! merged in order (the defaults first, then the user's). A table with
//! `replace = true` drops what earlier files said for that actor, category
//! or rule list; otherwise entries are added.
//!
//! ```toml
//! [actors.US]                      # id: ASCII upper-case letters, digits, '_'
//! name = "United States"           # display name
//! names = ["United States", "U.S.", "=US", "USA", "America"]
//! demonyms = ["American", "Americans"]
//! places = ["Washington"]          # capitals and places standing for the government
//! institutions = ["White House", "State Department", "Pentagon"]
//! people = [{ name = "Donald Trump", role = "President", aliases = ["Trump"] }]
//! exclude = ["Washington Post", "George Washington"]   # never a mention
//!
//! [categories.hedge]               # name: lower-case ASCII letters, digits, '_'
//! group = "cue"                    # "cue" (the default for a new category) or "frame"
//! description = "The writer holds back commitment (Hyland 2005)."
//! terms = ["might", "perhaps", "cautious optimism", "appear~", "=may"]
//! exclude = []                     # phrases containing a term that do not count
//!
//! [negation]
//! before = ["no", "not", "never", "n't", "without", "failed to", "yet to"]
//! after = ["not", "n't"]           # "a deal was not reached"
//! pseudo = ["not only", "no doubt"] # look like negation, are not
//! window = 4                       # word tokens between trigger and cue (at most 32)
//!
//! [hypothetical]
//! before = ["if", "unless", "whether", "hopes for", "would"]
//! after = []
//! window = 8
//!
//! [scope]
//! terminators = ["but", "however", "although"]
//! ```
//!
//! # Term syntax
//!
//! A term is one or more words separated by spaces, matched against
//! consecutive word tokens (see [`crate::tokens`]): a hyphen in a term is a
//! space ("step-by-step"), "U.S." is one word, "didn't" is `did` `n't`.
//! - Words match case-insensitively: "breakthrough" matches "BREAKTHROUGH".
//! - A leading `=` makes the whole term case-sensitive: "=US" matches "US"
//!   but not the pronoun "us"; "=may" matches the hedge, not the month.
//! - A trailing `*` on a word is a prefix wildcard of at least three
//!   letters: "escalat*" matches "escalation".
//! - A trailing `~` on a word matches every word with the same Snowball
//!   English stem: "suggest~" matches "suggested".
//! - Possessives need no entry ("Iran's" matches "Iran"); plurals do, or `~`.
//!
//! Matching is leftmost-longest over all terms at once, so "cautious
//! optimism" wins over "cautious" and an excluded "Washington Post" over
//! "Washington". A term may carry one actor or cue category, plus any of
//! the rule roles (a negation trigger, say). The same term in two actors or
//! two categories is a conflict and an error; the same term twice in one
//! place is reported in [`Lexicon::warnings`].
//!
//! The lexicon's [`version`](Lexicon::version) is a hash of the compiled
//! content (every term with its role, and the rule windows), so two reports
//! with the same version used the same lexicon, whatever the files'
//! comments and layout.

use std::collections::BTreeMap;
use std::fmt;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use toml::Spanned;

use crate::Span;
use crate::error::{LexiconError, LexiconErrorKind};
use crate::tokens::{self, Token, TokenKind, WordKey};

/// The default lexicon files, embedded at compile time, in load order.
pub const DEFAULT_FILES: [(&str, &str); 4] = [
    ("actors.toml", include_str!("../data/lexicons/actors.toml")),
    ("cues.toml", include_str!("../data/lexicons/cues.toml")),
    ("frames.toml", include_str!("../data/lexicons/frames.toml")),
    ("rules.toml", include_str!("../data/lexicons/rules.toml")),
];

/// Whether a category is a cue (hedge, booster, progress, ...) or a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// A stance or outcome cue: hedge, booster, progress, breakthrough, setback.
    Cue,
    /// A news frame: diplomacy, conflict, economy, ...
    Frame,
}

/// An actor: who a mention refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Id used in reports (`US`, `IRAN`, ...).
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A cue category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Name used in reports (`hedge`, `diplomacy`, ...).
    pub name: String,
    /// Cue or frame.
    pub group: Group,
    /// Definition, with the literature it follows.
    pub description: String,
}

/// What a matched term means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// A mention of the actor with this index.
    Actor(usize),
    /// A phrase that must not count as a mention of this actor.
    ActorExclude(usize),
    /// A cue of the category with this index.
    Cue(usize),
    /// A phrase that must not count as a cue of this category.
    CueExclude(usize),
    /// Negates a cue that follows it.
    NegationBefore,
    /// Negates a cue that precedes it.
    NegationAfter,
    /// Looks like negation, is not ("not only").
    PseudoNegation,
    /// Makes a following cue hypothetical.
    HypotheticalBefore,
    /// Makes a preceding cue hypothetical.
    HypotheticalAfter,
    /// Ends a negation or hypothetical scope.
    Terminator,
}

/// One lexicon term: the pattern as written and its role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The pattern as written in the lexicon (`"appear~"`, `"=US"`).
    pub pattern: String,
    /// What it means.
    pub role: Role,
}

/// A compiled lexicon: immutable, cheap to share across threads.
pub struct Lexicon {
    actors: Vec<Actor>,
    categories: Vec<Category>,
    terms: Vec<Term>,
    negation_window: usize,
    hypothetical_window: usize,
    version: String,
    warnings: Vec<String>,
    pub(crate) matcher: Matcher,
}

impl fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lexicon")
            .field("version", &self.version)
            .field("actors", &self.actors.len())
            .field("categories", &self.categories.len())
            .field("terms", &self.terms.len())
            .finish()
    }
}

impl Default for Lexicon {
    /// The embedded default lexicon.
    fn default() -> Self {
        // The embedded files are part of the crate and covered by tests, so
        // failing here is a build defect, not an input error.
        LexiconBuilder::new()
            .build()
            .expect("the embedded default lexicon is valid")
    }
}

impl Lexicon {
    /// The lexicon's version: a hex FNV-1a hash of its compiled content.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Actors, in index order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// Categories, in index order.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// All terms, in index order (a cue's `term` indexes this).
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Non-fatal remarks from loading (duplicate entries).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The index of actor `id`.
    pub fn actor_index(&self, id: &str) -> Option<usize> {
        self.actors.iter().position(|a| a.id == id)
    }

    /// The index of category `name`.
    pub fn category_index(&self, name: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.name == name)
    }

    /// The id of actor `index` (empty if out of range).
    pub fn actor_id(&self, index: usize) -> &str {
        self.actors.get(index).map_or("", |a| a.id.as_str())
    }

    /// The name of category `index` (empty if out of range).
    pub fn category_name(&self, index: usize) -> &str {
        self.categories.get(index).map_or("", |c| c.name.as_str())
    }

    /// The pattern of term `index` (empty if out of range).
    pub fn term_pattern(&self, index: usize) -> &str {
        self.terms.get(index).map_or("", |t| t.pattern.as_str())
    }

    /// How many word tokens may separate a negation trigger from its cue.
    pub fn negation_window(&self) -> usize {
        self.negation_window
    }

    /// How many word tokens may separate a hypothetical trigger from its cue.
    pub fn hypothetical_window(&self) -> usize {
        self.hypothetical_window
    }

    /// Indices of the categories of one group, in lexicon order.
    pub fn category_indices(&self, group: Group) -> Vec<usize> {
        self.categories
            .iter()
            .enumerate()
            .filter(|(_, c)| c.group == group)
            .map(|(i, _)| i)
            .collect()
    }

    /// Number of terms with a cue role in each category.
    pub fn category_sizes(&self) -> Vec<usize> {
        let mut sizes = vec![0; self.categories.len()];
        for term in &self.terms {
            if let Role::Cue(c) = term.role {
                sizes[c] += 1;
            }
        }
        sizes
    }
}

/// Builds a [`Lexicon`] from TOML sources: the embedded defaults (unless
/// [`LexiconBuilder::empty`]) followed by the caller's files.
#[derive(Debug, Clone)]
pub struct LexiconBuilder {
    sources: Vec<(String, String)>,
}

impl Default for LexiconBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl LexiconBuilder {
    /// A builder starting from the embedded default lexicon.
    pub fn new() -> Self {
        LexiconBuilder {
            sources: DEFAULT_FILES
                .iter()
                .map(|(name, text)| (format!("<default>/{name}"), (*text).to_string()))
                .collect(),
        }
    }

    /// A builder with no entries at all.
    pub fn empty() -> Self {
        LexiconBuilder {
            sources: Vec::new(),
        }
    }

    /// Adds a TOML lexicon; `name` is used in error messages (a path).
    pub fn add_toml(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.sources.push((name.into(), text.into()));
        self
    }

    /// Parses and compiles every source, reporting the first error with its
    /// file, line and entry.
    pub fn build(self) -> Result<Lexicon, LexiconError> {
        let mut model = Model::default();
        for (index, (name, text)) in self.sources.iter().enumerate() {
            let raw: RawFile = toml::from_str(text).map_err(|e| LexiconError {
                file: name.clone(),
                line: e.span().map(|s| line_of(text, s.start)),
                entry: None,
                kind: LexiconErrorKind::Syntax(e.message().trim().to_string()),
            })?;
            model.merge(index, name, text, raw)?;
        }
        model.compile()
    }
}

fn line_of(text: &str, offset: usize) -> usize {
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
struct RawFile {
    #[serde(default)]
    actors: BTreeMap<String, RawActor>,
    #[serde(default)]
    categories: BTreeMap<String, RawCategory>,
    negation: Option<RawRules>,
    hypothetical: Option<RawRules>,
    scope: Option<RawScope>,
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

// ---------------------------------------------------------------------------
// Merged model: every entry with where it came from.

#[derive(Debug, Clone)]
struct Entry {
    pattern: String,
    file: String,
    line: usize,
    /// Position of its file in load order (later files are blamed for
    /// conflicts).
    source: usize,
}

#[derive(Default)]
struct ActorModel {
    name: String,
    terms: Vec<Entry>,
    exclude: Vec<Entry>,
}

struct CategoryModel {
    group: Group,
    description: String,
    terms: Vec<Entry>,
    exclude: Vec<Entry>,
}

#[derive(Default)]
struct Model {
    actors: Vec<(String, ActorModel)>,
    categories: Vec<(String, CategoryModel)>,
    negation_before: Vec<Entry>,
    negation_after: Vec<Entry>,
    pseudo: Vec<Entry>,
    hypothetical_before: Vec<Entry>,
    hypothetical_after: Vec<Entry>,
    terminators: Vec<Entry>,
    negation_window: Option<usize>,
    hypothetical_window: Option<usize>,
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

/// The largest rule window. Status is decided by scanning this many
/// tokens on each side of every cue, so the bound keeps tagging linear in
/// the length of a sentence.
pub const MAX_WINDOW: usize = 32;

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
    fn merge(
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
        Ok(())
    }

    fn compile(self) -> Result<Lexicon, LexiconError> {
        let mut compiler = Compiler::new();
        for (index, (_, actor)) in self.actors.iter().enumerate() {
            for entry in &actor.terms {
                compiler.add(entry, Role::Actor(index))?;
            }
            for entry in &actor.exclude {
                compiler.add(entry, Role::ActorExclude(index))?;
            }
        }
        for (index, (_, category)) in self.categories.iter().enumerate() {
            for entry in &category.terms {
                compiler.add(entry, Role::Cue(index))?;
            }
            for entry in &category.exclude {
                compiler.add(entry, Role::CueExclude(index))?;
            }
        }
        for (list, role) in [
            (&self.negation_before, Role::NegationBefore),
            (&self.negation_after, Role::NegationAfter),
            (&self.pseudo, Role::PseudoNegation),
            (&self.hypothetical_before, Role::HypotheticalBefore),
            (&self.hypothetical_after, Role::HypotheticalAfter),
            (&self.terminators, Role::Terminator),
        ] {
            for entry in list {
                compiler.add(entry, role)?;
            }
        }
        let actors: Vec<Actor> = self
            .actors
            .into_iter()
            .map(|(id, a)| Actor { id, name: a.name })
            .collect();
        let categories: Vec<Category> = self
            .categories
            .into_iter()
            .map(|(name, c)| Category {
                name,
                group: c.group,
                description: c.description,
            })
            .collect();
        let negation_window = self.negation_window.unwrap_or(4);
        let hypothetical_window = self.hypothetical_window.unwrap_or(8);
        let version = version_hash(
            &actors,
            &categories,
            &compiler.terms,
            negation_window,
            hypothetical_window,
        );
        let mut matcher = compiler.matcher;
        matcher.finish(&compiler.terms);
        Ok(Lexicon {
            actors,
            categories,
            terms: compiler.terms,
            negation_window,
            hypothetical_window,
            version,
            warnings: compiler.warnings,
            matcher,
        })
    }
}

/// FNV-1a (64-bit) over a canonical listing of the compiled content. A
/// fixed, documented function, so versions never change with a dependency.
fn version_hash(
    actors: &[Actor],
    categories: &[Category],
    terms: &[Term],
    negation_window: usize,
    hypothetical_window: usize,
) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |s: &str| {
        for &b in s.as_bytes().iter().chain(b"\x1f") {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for actor in actors {
        feed(&actor.id);
    }
    for category in categories {
        feed(&category.name);
        feed(if category.group == Group::Cue {
            "cue"
        } else {
            "frame"
        });
    }
    for term in terms {
        feed(&format!("{:?}", term.role));
        feed(&term.pattern);
    }
    feed(&negation_window.to_string());
    feed(&hypothetical_window.to_string());
    format!("{hash:016x}")
}

// ---------------------------------------------------------------------------
// Compiled matcher: a trie over per-word keys.

/// How one word of a term matches a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Lower = 0,
    Exact = 1,
    Stem = 2,
    Prefix = 3,
}

/// A trie key: the kind in the top two bits, the id below (ids stay far
/// under 2^30: they count distinct words of the lexicon).
fn key(kind: KeyKind, id: u32) -> u32 {
    ((kind as u32) << 30) | (id & 0x3FFF_FFFF)
}

fn edge(node: u32, key: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(key)
}

/// One of 64 bits for a key: a one-word Bloom filter of a set of keys.
fn key_bit(key: u32) -> u64 {
    1 << (key.wrapping_mul(0x9E37_79B9) >> 26)
}

/// The keys a token can take in the trie (at most [`TokenClass::CAP`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct TokenClass {
    keys: [u32; TokenClass::CAP],
    /// For each key, the root's child along it ([`Matcher::NONE`] if none),
    /// found once per word type so the walk skips the root's large table.
    roots: [u32; TokenClass::CAP],
    len: u8,
    /// The union of [`key_bit`] over the keys: a walk below the root tries
    /// the keys only when this meets the node's children's mask.
    mask: u64,
    /// Whether some term starts with this word (most words start none:
    /// they are only inside phrases, or in no term at all).
    starts: bool,
    /// Whether some negation trigger starts with this word.
    starts_negation: bool,
    /// The union of the roots' children's masks: a term through this word
    /// can go on to the next only if the next word's mask meets it.
    children: u64,
    /// The first root (in key order) where a term ends: the match when no
    /// term can go on ([`Matcher::NONE`] if none).
    one_word_term: u32,
}

impl TokenClass {
    const CAP: usize = 5;

    fn push(&mut self, k: u32) {
        if usize::from(self.len) < Self::CAP {
            self.keys[usize::from(self.len)] = k;
            self.len += 1;
            self.mask |= key_bit(k);
        }
    }

    /// The union of the keys' bits (see [`key_bit`]).
    pub(crate) fn mask(&self) -> u64 {
        self.mask
    }

    /// The keys, best first (exact, lower-case, stem, prefixes).
    pub(crate) fn keys(&self) -> &[u32] {
        &self.keys[..usize::from(self.len)]
    }

    /// The root's children along this word's keys, in key order
    /// ([`Matcher::NONE`] where there is none).
    pub(crate) fn roots(&self) -> &[u32] {
        &self.roots[..usize::from(self.len)]
    }

    /// See the field.
    pub(crate) fn children(&self) -> u64 {
        self.children
    }

    /// See the field.
    pub(crate) fn one_word_term(&self) -> u32 {
        self.one_word_term
    }
}

pub(crate) struct Matcher {
    lower: FxHashMap<Box<str>, u32>,
    exact: FxHashMap<Box<str>, u32>,
    stems: FxHashMap<Box<str>, u32>,
    /// Prefix patterns (lower-case unless case-sensitive).
    prefixes: Vec<(Box<str>, bool)>,
    /// Prefix pattern ids by the first three bytes of the lower-case word.
    prefix_index: FxHashMap<[u8; 3], Vec<u32>>,
    /// Trie edges by `(node << 32) | key`.
    edges: FxHashMap<u64, u32>,
    /// Term ids ending at each node.
    payloads: Vec<Vec<u32>>,
    /// The same, flattened once compiled: `(start, len)` per node into
    /// `payload_terms`, compact so the trie walk stays in cache.
    payload_ranges: Vec<(u32, u32)>,
    payload_terms: Vec<u32>,
    /// Each node's children in `child_list`, `(start, len)`, sorted by key.
    child_ranges: Vec<(u32, u32)>,
    child_list: Vec<(u32, u32)>,
    /// Each node's children's keys as a [`key_bit`] mask: most tokens
    /// after a phrase's first word continue none of its phrases ("the"
    /// + anything but "White House", ...), and one AND tells.
    child_masks: Vec<u64>,
    /// For each node, whether a negation trigger ends at it or below it.
    leads_to_negation: Vec<bool>,
    /// The longest term, in words.
    pub(crate) max_len: usize,
    stemmer: Stemmer,
    /// Unique per compiled lexicon (never 0), so word caches know whose
    /// stems they hold.
    pub(crate) id: u64,
    /// Every `~` stem, by its first two bytes.
    stem_heads: FxHashMap<u32, Vec<Box<[u8]>>>,
}

/// Packs up to three bytes and their count into a `u32`. (Words shorter
/// than two bytes never reach a stem check, and stems are at least two
/// letters long in practice; a one-letter stem is packed as itself and so
/// never matches, which only means it is not found through `~`.)
fn pack_head(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(3)
        .fold(bytes.len().min(3) as u32, |acc, &b| {
            (acc << 8) | u32::from(b)
        })
}

/// A per-thread, set-associative cache of token classes by raw word (up to
/// 16 bytes), so each frequent word type is normalised, looked up and
/// stemmed once rather than at every occurrence. Fixed size: a new word
/// evicts the least recently promoted word of its bucket. Tied to one
/// lexicon.
///
/// Slots hold the word and a small index into `classes` (the distinct
/// classes seen, few since they come from the lexicon), so they stay
/// compact: three to a 64-byte bucket, one cache line. A new word enters
/// its bucket's last way and a hit moves a word up one way, so a run of
/// rare words cannot push out a frequent one (a direct-mapped table of
/// the same size evicted "the" whenever a rare word shared its slot). On
/// real news (`iran_subset.jsonl`, 56,000 word types in 3.2 million words)
/// a miss costs about a thousand instructions (lower-casing, lookups,
/// sometimes a stem), a hit one cache line.
#[derive(Default)]
pub(crate) struct WordCache {
    /// The lexicon whose classes are cached.
    lexicon: u64,
    /// Holds more classes than it should keep: to start afresh.
    full: bool,
    buckets: Vec<Bucket>,
    classes: Vec<TokenClass>,
    class_ids: FxHashMap<TokenClass, u32>,
    lower: String,
    exact: String,
}

/// Words per bucket.
const WAYS: usize = 3;

/// One cache line of [`WordCache`]: words (zero keys are empty) and their
/// class ids, most recently promoted first.
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct Bucket {
    keys: [WordKey; WAYS],
    ids: [u32; WAYS],
}

impl WordCache {
    /// Buckets (a power of two): 32,768 × 64 bytes, 2 MiB per thread. On
    /// `iran_subset.jsonl` 69,800 words miss (56,000 of them the first
    /// time a word type is seen); twice the buckets miss 62,500 but
    /// were no faster.
    const BUCKETS: usize = 1 << 15;
    /// The bit of a class id that says some term starts with the word.
    pub(crate) const STARTS: u32 = 1 << 31;
    /// The bit of a class id that says some negation trigger starts with
    /// the word (so a term may skip it; see [`crate::tag`]).
    pub(crate) const NEGATION: u32 = 1 << 30;

    /// Classes kept before the cache starts afresh. (Few in unit tests,
    /// so that they run through fresh starts.)
    #[cfg(not(test))]
    const MAX_CLASSES: usize = 1 << 20;
    #[cfg(test)]
    const MAX_CLASSES: usize = 8;

    /// Words cached now (for diagnostics).
    pub(crate) fn len(&self) -> usize {
        self.buckets
            .iter()
            .flat_map(|b| &b.keys)
            .filter(|k| k[0] != 0)
            .count()
    }

    fn reset(&mut self, lexicon: u64) {
        self.full = false;
        self.buckets.clear();
        self.buckets.resize(Self::BUCKETS, Bucket::default());
        self.classes.clear();
        self.classes.push(TokenClass::default());
        self.class_ids.clear();
        self.class_ids.insert(TokenClass::default(), 0);
        self.lexicon = lexicon;
    }

    /// The id of `class`, interned: its index, with [`WordCache::STARTS`]
    /// set when some term starts with the word (so the matcher can skip a
    /// word without looking its class up) and [`WordCache::NEGATION`] when
    /// a negation trigger does.
    fn intern(&mut self, class: TokenClass) -> u32 {
        // Most words have no key at all: id 0, without hashing.
        if class.len == 0 {
            return 0;
        }
        if let Some(&id) = self.class_ids.get(&class) {
            return id;
        }
        // Classes come from the lexicon, so they are few; should a huge
        // lexicon make them many, start afresh rather than grow, but only
        // between sentences (see `WordCache::prepare`): the sentence's
        // earlier ids must keep their meaning.
        self.full |= self.classes.len() >= Self::MAX_CLASSES;
        let index = self.classes.len() as u32;
        let id = index
            | if class.starts { Self::STARTS } else { 0 }
            | if class.starts_negation {
                Self::NEGATION
            } else {
                0
            };
        self.classes.push(class);
        self.class_ids.insert(class, id);
        id
    }

    /// The class id [`WordCache::look_up_all`] gives a word it did not
    /// find (no interned id's index comes near 2^30 - 1).
    pub(crate) const MISS: u32 = u32::MAX;

    /// Empties the cache unless it holds `matcher`'s classes (and not too
    /// many of them). Called before each sentence.
    pub(crate) fn prepare(&mut self, matcher: &Matcher) {
        if self.lexicon != matcher.id || self.buckets.is_empty() || self.full {
            self.reset(matcher.id);
        }
    }

    /// Slot for a boundary token, which has no class.
    const BOUNDARY: u32 = u32::MAX - 1;
    /// Slot for a word too long to cache.
    const UNCACHED: u32 = u32::MAX;

    /// Where a word would be cached.
    fn slot(key: &WordKey) -> u32 {
        // A word's first eight bytes are neither all zero nor all ones, so
        // the first half tells the two special keys.
        if key[0] == tokens::BOUNDARY_KEY[0] {
            return Self::BOUNDARY;
        }
        if key[0] == tokens::LONG_KEY[0] {
            return Self::UNCACHED;
        }
        let hash = (key[0].wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ key[1].wrapping_mul(0xC2B2_AE3D_27D4_EB4F))
        .rotate_left(29)
        .wrapping_mul(0x1656_67B1_9E37_79F9);
        (hash >> (64 - Self::BUCKETS.trailing_zeros())) as u32
    }

    /// The cached class id of a word, if its bucket holds it; a hit below
    /// the first way moves the word up one.
    #[inline(always)]
    fn hit(&mut self, slot: u32, key: &WordKey) -> Option<u32> {
        let bucket = self.buckets.get_mut(slot as usize)?;
        if bucket.keys[0] == *key {
            return Some(bucket.ids[0]);
        }
        let way = bucket.keys[1..].iter().position(|k| k == key)? + 1;
        bucket.keys.swap(way, way - 1);
        bucket.ids.swap(way, way - 1);
        Some(bucket.ids[way - 1])
    }

    /// Appends the class id of each of a sentence's tokens, by key, to
    /// `classes`: 0 for a boundary, [`WordCache::MISS`] for a word not
    /// cached (for [`Matcher::classify_misses`]). A tight loop of its own,
    /// after the tokenizer's: a fifth of lookups go past the core's own
    /// cache, and here many are under way at once, where inside the
    /// tokenizer's long loop body each would stall it.
    pub(crate) fn look_up_all(&mut self, keys: &[WordKey], classes: &mut Vec<u32>) {
        classes.extend(keys.iter().map(|key| {
            if key[0] == tokens::BOUNDARY_KEY[0] {
                0
            } else {
                let slot = Self::slot(key);
                self.hit(slot, key).unwrap_or(Self::MISS)
            }
        }));
    }

    /// Caches a word in its bucket's last way.
    fn insert(&mut self, slot: u32, key: &WordKey, id: u32) {
        if let Some(bucket) = self.buckets.get_mut(slot as usize) {
            bucket.keys[WAYS - 1] = *key;
            bucket.ids[WAYS - 1] = id;
        }
    }

    /// The class of an id from [`WordCache::look_up_all`] and
    /// [`Matcher::classify_misses`] (0: no keys).
    pub(crate) fn class(&self, id: u32) -> &TokenClass {
        static EMPTY: TokenClass = TokenClass {
            keys: [0; TokenClass::CAP],
            roots: [0; TokenClass::CAP],
            len: 0,
            mask: 0,
            starts: false,
            starts_negation: false,
            children: 0,
            one_word_term: Matcher::NONE,
        };
        self.classes
            .get((id & !(Self::STARTS | Self::NEGATION)) as usize)
            .unwrap_or(&EMPTY)
    }
}

impl Matcher {
    /// The root node.
    pub(crate) const ROOT: u32 = 0;
    /// No node.
    pub(crate) const NONE: u32 = u32::MAX;

    /// Completes the class ids that [`WordCache::look_up_all`] left as
    /// [`WordCache::MISS`]: classifies those words and caches them.
    pub(crate) fn classify_misses(
        &self,
        text: &str,
        tokens: &[Token],
        keys: &[WordKey],
        cache: &mut WordCache,
        classes: &mut [u32],
    ) {
        for ((class, token), key) in classes.iter_mut().zip(tokens).zip(keys) {
            if *class == WordCache::MISS {
                let slot = WordCache::slot(key);
                // The same word may have missed earlier in the sentence.
                *class = match cache.hit(slot, key) {
                    Some(id) => id,
                    None => self.classify_slot(text, token.span, slot, key, cache),
                };
            }
        }
    }

    /// The keys of one word that missed the cache, which then keeps them.
    fn classify_slot(
        &self,
        text: &str,
        span: Span,
        slot: u32,
        key: &WordKey,
        cache: &mut WordCache,
    ) -> u32 {
        let word = text.get(span.range()).unwrap_or_default();
        let class = self.classify_uncached(word, &mut cache.lower, &mut cache.exact);
        let id = cache.intern(class);
        cache.insert(slot, key, id);
        id
    }

    /// The keys of one raw word: exact form, lower-case form, stem (only
    /// for words that can reach a lexicon stem) and prefixes.
    fn classify_uncached(&self, word: &str, lower: &mut String, exact: &mut String) -> TokenClass {
        let mut class = TokenClass::default();
        tokens::lowercase_into(word, lower);
        if !self.exact.is_empty() {
            // An ASCII word is its own exact form: no copy.
            let form = if word.is_ascii() {
                word
            } else {
                tokens::exact_into(word, exact);
                exact.as_str()
            };
            if let Some(&id) = self.exact.get(form) {
                class.push(key(KeyKind::Exact, id));
            }
        }
        if let Some(&id) = self.lower.get(lower.as_str()) {
            class.push(key(KeyKind::Lower, id));
        }
        if self.may_stem_to_lexicon(lower.as_bytes())
            && let Some(&id) = self.stems.get(self.stemmer.stem(lower).as_ref())
        {
            class.push(key(KeyKind::Stem, id));
        }
        if let Some(first) = lower.as_bytes().get(..3)
            && let Ok(first) = <[u8; 3]>::try_from(first)
            && let Some(ids) = self.prefix_index.get(&first)
        {
            for &id in ids {
                let (prefix, case_sensitive) = &self.prefixes[id as usize];
                let form = if *case_sensitive {
                    tokens::exact_into(word, exact);
                    exact.as_str()
                } else {
                    lower.as_str()
                };
                if form.starts_with(prefix.as_ref()) {
                    class.push(key(KeyKind::Prefix, id));
                }
            }
        }
        for i in 0..usize::from(class.len) {
            class.roots[i] = self.step(Self::ROOT, class.keys[i]).unwrap_or(Self::NONE);
        }
        class.starts = class.roots().iter().any(|&r| r != Self::NONE);
        class.starts_negation = class
            .roots()
            .iter()
            .any(|&r| self.leads_to_negation.get(r as usize) == Some(&true));
        class.children = class
            .roots()
            .iter()
            .map(|&r| self.child_masks.get(r as usize).copied().unwrap_or(0))
            .fold(0, |a, b| a | b);
        class.one_word_term = class
            .roots()
            .iter()
            .copied()
            .find(|&r| r != Self::NONE && !self.payload(r).is_empty())
            .unwrap_or(Self::NONE);
        class
    }

    /// Whether a lower-case word can have the stem of a `~` term, so that
    /// only those words are stemmed. Snowball English (Porter2) removes
    /// suffixes and turns a final `y` into `i`, so a word with stem `S`
    /// begins with `S`, or with `S` less a final `i` followed by `y`
    /// ("happy" → "happi"); the few exceptions of its list that change
    /// the stem's body ("dying" → "die", "skies" → "sky") are stemmed
    /// always.
    fn may_stem_to_lexicon(&self, lower: &[u8]) -> bool {
        let Some(head) = lower.get(..2) else {
            return false;
        };
        let Some(stems) = self.stem_heads.get(&pack_head(head)) else {
            return false;
        };
        stems.iter().any(|stem| {
            lower.starts_with(stem)
                || stem.split_last().is_some_and(|(last, body)| {
                    *last == b'i' && lower.starts_with(body) && lower.get(body.len()) == Some(&b'y')
                })
        }) || matches!(lower, b"dying" | b"lying" | b"tying" | b"skies" | b"skis")
    }

    /// The child of `node` along `key`. Below the root, nodes have few
    /// children, kept side by side, so a short scan beats a hash lookup.
    pub(crate) fn step(&self, node: u32, key: u32) -> Option<u32> {
        if let Some(&(start, len)) = self.child_ranges.get(node as usize)
            && node != Self::ROOT
        {
            let children = self
                .child_list
                .get(start as usize..(start + len) as usize)
                .unwrap_or_default();
            return children.iter().find(|(k, _)| *k == key).map(|&(_, c)| c);
        }
        self.edges.get(&edge(node, key)).copied()
    }

    /// Whether `node` may have a child along one of the keys in `mask`
    /// (no means none; yes means try them).
    pub(crate) fn may_step(&self, node: u32, mask: u64) -> bool {
        self.child_masks
            .get(node as usize)
            .is_some_and(|m| m & mask != 0)
    }

    /// Term ids that end at `node`.
    pub(crate) fn payload(&self, node: u32) -> &[u32] {
        match self.payload_ranges.get(node as usize) {
            Some(&(start, len)) => self
                .payload_terms
                .get(start as usize..(start + len) as usize)
                .unwrap_or_default(),
            None => &[],
        }
    }

    /// Whether any term goes on past `node` (a walk stops at a leaf
    /// without looking at the next token).
    pub(crate) fn has_children(&self, node: u32) -> bool {
        self.child_ranges
            .get(node as usize)
            .is_some_and(|&(_, len)| len > 0)
    }

    /// Flattens the payloads once every term is in; `terms` gives their
    /// roles.
    fn finish(&mut self, terms: &[Term]) {
        let mut edges: Vec<(u64, u32)> = self.edges.iter().map(|(&e, &c)| (e, c)).collect();
        edges.sort_unstable();
        self.child_ranges = vec![(0, 0); self.payloads.len()];
        self.child_masks = vec![0; self.payloads.len()];
        for (i, &(edge, child)) in edges.iter().enumerate() {
            let node = (edge >> 32) as usize;
            if let Some(mask) = self.child_masks.get_mut(node) {
                *mask |= key_bit(edge as u32);
            }
            if let Some(range) = self.child_ranges.get_mut(node) {
                if range.1 == 0 {
                    range.0 = i as u32;
                }
                range.1 += 1;
            }
            self.child_list.push((edge as u32, child));
        }
        // A child's id is always above its parent's (nodes are numbered as
        // they are made), so one pass from the last node up settles every
        // subtree.
        let negation = |t: &u32| {
            terms
                .get(*t as usize)
                .is_some_and(|t| matches!(t.role, Role::NegationBefore | Role::NegationAfter))
        };
        self.leads_to_negation = self
            .payloads
            .iter()
            .map(|p| p.iter().any(negation))
            .collect();
        for &(edge, child) in edges.iter().rev() {
            if self.leads_to_negation.get(child as usize) == Some(&true)
                && let Some(parent) = self.leads_to_negation.get_mut((edge >> 32) as usize)
            {
                *parent = true;
            }
        }
        let payloads = std::mem::take(&mut self.payloads);
        self.payload_ranges = payloads
            .iter()
            .map(|p| {
                let start = self.payload_terms.len() as u32;
                self.payload_terms.extend_from_slice(p);
                (start, p.len() as u32)
            })
            .collect();
    }
}

static NEXT_MATCHER_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

struct Compiler {
    matcher: Matcher,
    terms: Vec<Term>,
    warnings: Vec<String>,
    /// Where each term was defined, for conflict messages.
    origins: Vec<Entry>,
}

impl Compiler {
    fn new() -> Self {
        Compiler {
            matcher: Matcher {
                lower: FxHashMap::default(),
                exact: FxHashMap::default(),
                stems: FxHashMap::default(),
                prefixes: Vec::new(),
                prefix_index: FxHashMap::default(),
                edges: FxHashMap::default(),
                payloads: vec![Vec::new()],
                payload_ranges: Vec::new(),
                payload_terms: Vec::new(),
                child_ranges: Vec::new(),
                child_list: Vec::new(),
                child_masks: Vec::new(),
                leads_to_negation: Vec::new(),
                max_len: 0,
                stemmer: Stemmer::create(Algorithm::English),
                id: NEXT_MATCHER_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
                stem_heads: Default::default(),
            },
            terms: Vec::new(),
            warnings: Vec::new(),
            origins: Vec::new(),
        }
    }

    fn error(entry: &Entry, kind: LexiconErrorKind) -> LexiconError {
        LexiconError {
            file: entry.file.clone(),
            line: Some(entry.line),
            entry: Some(entry.pattern.clone()),
            kind,
        }
    }

    fn intern(map: &mut FxHashMap<Box<str>, u32>, form: &str) -> u32 {
        let next = map.len() as u32;
        *map.entry(form.into()).or_insert(next)
    }

    /// Parses a term into trie keys.
    fn keys(&mut self, entry: &Entry) -> Result<Vec<u32>, LexiconError> {
        let invalid = |msg: &str| Self::error(entry, LexiconErrorKind::InvalidPattern(msg.into()));
        let pattern = entry.pattern.trim();
        if pattern.is_empty() || pattern == "=" {
            return Err(Self::error(entry, LexiconErrorKind::EmptyTerm));
        }
        let (case_sensitive, body) = match pattern.strip_prefix('=') {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        let mut keys = Vec::new();
        let mut lower = String::new();
        let mut exact = String::new();
        for chunk in body.split_whitespace() {
            let (marker, word) = match chunk.as_bytes().last() {
                Some(b'*') => (Some('*'), &chunk[..chunk.len() - 1]),
                Some(b'~') => (Some('~'), &chunk[..chunk.len() - 1]),
                _ => (None, chunk),
            };
            if word.contains(['*', '~', '=']) {
                return Err(invalid(
                    "`*` and `~` go at the end of a word, `=` at the start of the term",
                ));
            }
            let toks = tokens::tokenize(word);
            let covered: usize =
                toks.iter().map(|t| t.span.len()).sum::<usize>() + word.matches('-').count();
            if toks.is_empty()
                || covered != word.len()
                || toks.iter().any(|t| t.kind == TokenKind::Boundary)
            {
                return Err(invalid(
                    "terms are words separated by spaces or hyphens, without other punctuation",
                ));
            }
            let last = toks.len() - 1;
            for (i, tok) in toks.iter().enumerate() {
                let text = &word[tok.span.range()];
                tokens::lowercase_into(text, &mut lower);
                tokens::exact_into(text, &mut exact);
                let marker = if i == last { marker } else { None };
                let k = match (marker, case_sensitive) {
                    (None, false) => key(
                        KeyKind::Lower,
                        Self::intern(&mut self.matcher.lower, &lower),
                    ),
                    (None, true) => key(
                        KeyKind::Exact,
                        Self::intern(&mut self.matcher.exact, &exact),
                    ),
                    (Some('~'), false) => {
                        let stem = self.matcher.stemmer.stem(&lower).into_owned();
                        let bytes = stem.as_bytes();
                        let heads = self
                            .matcher
                            .stem_heads
                            .entry(pack_head(bytes.get(..2).unwrap_or(bytes)))
                            .or_default();
                        if !heads.iter().any(|h| **h == *bytes) {
                            heads.push(bytes.into());
                        }
                        key(KeyKind::Stem, Self::intern(&mut self.matcher.stems, &stem))
                    }
                    (Some('~'), true) => {
                        return Err(invalid("`~` (stem) cannot be case-sensitive (`=`)"));
                    }
                    (_, cs) => {
                        let form = if cs { &exact } else { &lower };
                        if form.chars().count() < 3 {
                            return Err(invalid("a `*` prefix needs at least three letters"));
                        }
                        let Ok(first) = <[u8; 3]>::try_from(&lower.as_bytes()[..3]) else {
                            return Err(invalid("a `*` prefix needs at least three letters"));
                        };
                        let existing = self
                            .matcher
                            .prefixes
                            .iter()
                            .position(|(p, c)| p.as_ref() == form.as_str() && *c == cs);
                        let id = match existing {
                            Some(id) => id as u32,
                            None => {
                                self.matcher.prefixes.push((form.as_str().into(), cs));
                                let id = (self.matcher.prefixes.len() - 1) as u32;
                                self.matcher.prefix_index.entry(first).or_default().push(id);
                                id
                            }
                        };
                        key(KeyKind::Prefix, id)
                    }
                };
                keys.push(k);
            }
        }
        Ok(keys)
    }

    fn add(&mut self, entry: &Entry, role: Role) -> Result<(), LexiconError> {
        let keys = self.keys(entry)?;
        let mut node = Matcher::ROOT;
        for &k in &keys {
            node = match self.matcher.edges.get(&edge(node, k)) {
                Some(&child) => child,
                None => {
                    let child = self.matcher.payloads.len() as u32;
                    self.matcher.payloads.push(Vec::new());
                    self.matcher.edges.insert(edge(node, k), child);
                    child
                }
            };
        }
        self.matcher.max_len = self.matcher.max_len.max(keys.len());
        for &existing in &self.matcher.payloads[node as usize] {
            let other = self.terms[existing as usize].role;
            let origin = &self.origins[existing as usize];
            if other == role {
                self.warnings.push(format!(
                    "{}:{}: entry {:?} repeats {}:{} ({:?})",
                    entry.file, entry.line, entry.pattern, origin.file, origin.line, origin.pattern
                ));
                return Ok(());
            }
            let exclusive = |r: Role| {
                matches!(
                    r,
                    Role::Actor(_) | Role::ActorExclude(_) | Role::Cue(_) | Role::CueExclude(_)
                )
            };
            if exclusive(role) && exclusive(other) {
                // Blame the entry from the later file: the one a user added.
                let (blamed, first) = if entry.source >= origin.source {
                    (entry, origin)
                } else {
                    (origin, entry)
                };
                return Err(Self::error(
                    blamed,
                    LexiconErrorKind::Conflict(format!(
                        "the same term as {:?} at {}:{}, which has another actor or category",
                        first.pattern, first.file, first.line
                    )),
                ));
            }
        }
        let id = self.terms.len() as u32;
        self.terms.push(Term {
            pattern: entry.pattern.trim().to_string(),
            role,
        });
        self.origins.push(entry.clone());
        self.matcher.payloads[node as usize].push(id);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(toml: &str) -> Result<Lexicon, LexiconError> {
        LexiconBuilder::empty().add_toml("test.toml", toml).build()
    }

    #[test]
    fn a_cache_bucket_keeps_a_promoted_word_through_a_run_of_new_ones() {
        let mut cache = WordCache::default();
        cache.prepare(&Lexicon::default().matcher);
        let key = |w: &str| tokens::word_key(w.as_bytes(), Span::new(0, w.len()));
        let bucket = WordCache::slot(&key("talks"));
        // Four other words of the same bucket: more than it has ways.
        let others: Vec<String> = (0..)
            .map(|i| format!("w{i}"))
            .filter(|w| WordCache::slot(&key(w)) == bucket)
            .take(4)
            .collect();
        cache.insert(bucket, &key("talks"), 7);
        // A new word enters the last way; two hits bring it to the first.
        assert_eq!(cache.hit(bucket, &key("talks")), Some(7));
        assert_eq!(cache.hit(bucket, &key("talks")), Some(7));
        for (id, word) in (100..).zip(&others) {
            cache.insert(bucket, &key(word), id);
        }
        assert_eq!(cache.hit(bucket, &key("talks")), Some(7));
        // Each newcomer took the last way from the one before.
        assert_eq!(cache.hit(bucket, &key(&others[3])), Some(103));
        assert_eq!(cache.hit(bucket, &key(&others[2])), None);
        assert_eq!(cache.hit(bucket, &key(&others[0])), None);
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn default_lexicon_builds() {
        let lexicon = Lexicon::default();
        assert!(lexicon.actor_index("US").is_some());
        assert!(lexicon.category_index("hedge").is_some());
        assert_eq!(lexicon.version().len(), 16);
    }

    #[test]
    fn errors_name_file_line_and_entry() {
        let err = build("[categories.hedge]\ngroup = \"cue\"\nterms = [\n  \"may\",\n  \"\",\n]\n")
            .unwrap_err();
        assert_eq!(err.file, "test.toml");
        assert_eq!(err.line, Some(5));
        assert_eq!(err.entry.as_deref(), Some(""));
        assert_eq!(err.kind, LexiconErrorKind::EmptyTerm);

        let err = build("[categories.hedge]\ngroup = \"cue\"\nterms = [\"a.b!\"]\n").unwrap_err();
        assert!(
            matches!(err.kind, LexiconErrorKind::InvalidPattern(_)),
            "{err}"
        );

        let err = build("[categories.hedge\n").unwrap_err();
        assert!(matches!(err.kind, LexiconErrorKind::Syntax(_)));
        assert_eq!(err.line, Some(1));

        let err = build("[categories.hedge]\ngroup = \"tone\"\n").unwrap_err();
        assert_eq!(err.kind, LexiconErrorKind::UnknownGroup("tone".into()));
    }

    #[test]
    fn same_term_in_two_categories_is_a_conflict() {
        let err = build(
            "[categories.a]\ngroup = \"cue\"\nterms = [\"deal\"]\n[categories.b]\ngroup = \"cue\"\nterms = [\"Deal\"]\n",
        )
        .unwrap_err();
        assert!(matches!(err.kind, LexiconErrorKind::Conflict(_)), "{err}");
        assert_eq!(err.line, Some(6));
    }

    #[test]
    fn duplicates_are_warnings_and_version_ignores_layout() {
        let a = build("[categories.a]\ngroup = \"cue\"\nterms = [\"deal\", \"deal\"]\n").unwrap();
        assert_eq!(a.warnings().len(), 1);
        let b = build("# comment\n[categories.a]\ngroup=\"cue\"\nterms=[\"deal\"]\n").unwrap();
        assert_eq!(a.version(), b.version());
        let c = build("[categories.a]\ngroup = \"cue\"\nterms = [\"deals\"]\n").unwrap();
        assert_ne!(a.version(), c.version());
    }

    #[test]
    fn replace_drops_earlier_entries() {
        let lexicon = LexiconBuilder::empty()
            .add_toml(
                "a.toml",
                "[categories.a]\ngroup = \"cue\"\nterms = [\"x\", \"y\"]\n",
            )
            .add_toml(
                "b.toml",
                "[categories.a]\nreplace = true\nterms = [\"z\"]\n",
            )
            .build()
            .unwrap();
        assert_eq!(lexicon.category_sizes(), vec![1]);
    }
}
