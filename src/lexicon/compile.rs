//! Compiles a merged model into a [`Lexicon`]: each entry becomes a term
//! with its role, parsed into trie keys; conflicts between actors and
//! categories are errors naming both entries; the version hashes the
//! result.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use super::format::{Entry, Model};
use super::matcher::{KeyKind, Matcher, edge, key, pack_head};
use super::{
    Actor, ActorIndex, Category, CategoryIndex, CategoryRole, Group, Lexicon, LexiconWarning,
    ROLE_METRICS, Role, SpeechList, Term,
};
use crate::error::{LexiconError, LexiconErrorKind};
use crate::tokens::{self, TokenKind};

impl Model {
    /// Compiles the merged model into a lexicon.
    pub(super) fn compile(self) -> Result<Lexicon, LexiconError> {
        let mut compiler = Compiler::new();
        for (index, (_, actor)) in self.actors.iter().enumerate() {
            for entry in &actor.terms {
                compiler.add(entry, Role::Actor(ActorIndex::new(index)))?;
            }
            for entry in &actor.exclude {
                compiler.add(entry, Role::ActorExclude(ActorIndex::new(index)))?;
            }
        }
        for (index, (_, category)) in self.categories.iter().enumerate() {
            for entry in &category.terms {
                compiler.add(entry, Role::Cue(CategoryIndex::new(index)))?;
            }
            for entry in &category.exclude {
                compiler.add(entry, Role::CueExclude(CategoryIndex::new(index)))?;
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
        check_roles(&self)?;
        let mut speech_warnings = Vec::new();
        let speech = speech_lists(&self.speech, &mut speech_warnings)?;
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
                role: c.role.map(|(role, _)| role),
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
            &speech,
        );
        let mut matcher = compiler.matcher;
        matcher.finish(&compiler.terms);
        matcher.speech = super::speech::word_flags(&speech);
        let mut warnings = compiler.warnings;
        warnings.extend(speech_warnings);
        for &(metric, needs) in &ROLE_METRICS {
            let has = |r: &CategoryRole| categories.iter().any(|c| c.role == Some(*r));
            if needs.iter().any(has) {
                for &missing in needs.iter().filter(|r| !has(r)) {
                    warnings.push(LexiconWarning::MetricUnavailable {
                        metric: metric.to_string(),
                        missing,
                    });
                }
            }
        }
        Ok(Lexicon {
            actors,
            categories,
            terms: compiler.terms,
            negation_window,
            hypothetical_window,
            speech,
            version,
            warnings,
            matcher,
        })
    }
}

/// A role as the version hash spells it (fixed here, not taken from
/// `Debug`, so that versions never change with a refactoring).
fn role_key(role: Role) -> String {
    match role {
        Role::Actor(a) => format!("Actor({})", a.index()),
        Role::ActorExclude(a) => format!("ActorExclude({})", a.index()),
        Role::Cue(c) => format!("Cue({})", c.index()),
        Role::CueExclude(c) => format!("CueExclude({})", c.index()),
        Role::NegationBefore => "NegationBefore".into(),
        Role::NegationAfter => "NegationAfter".into(),
        Role::PseudoNegation => "PseudoNegation".into(),
        Role::HypotheticalBefore => "HypotheticalBefore".into(),
        Role::HypotheticalAfter => "HypotheticalAfter".into(),
        Role::Terminator => "Terminator".into(),
    }
}

/// At most one category has each role: a second is an error that names
/// both (blaming the later file).
fn check_roles(model: &Model) -> Result<(), LexiconError> {
    let mut seen: Vec<(CategoryRole, &str, &Entry)> = Vec::new();
    for (name, category) in &model.categories {
        let Some((role, at)) = &category.role else {
            continue;
        };
        if let Some((_, first_name, first)) = seen.iter().find(|(r, _, _)| r == role) {
            let (blamed, other, other_name) = if at.source >= first.source {
                (at, *first, *first_name)
            } else {
                (*first, at, name.as_str())
            };
            return Err(LexiconError {
                file: blamed.file.clone(),
                line: Some(blamed.line),
                entry: Some(format!("role = {:?}", role.as_str())),
                kind: LexiconErrorKind::Conflict(format!(
                    "category {other_name:?} at {}:{} already has this role",
                    other.file, other.line
                )),
            });
        }
        seen.push((*role, name, at));
    }
    Ok(())
}

/// The `[speech]` lists, checked and normalised: lower case, words
/// separated by single spaces (a hyphen is a space), repeats dropped with
/// a warning. An entry is words of letters, digits and apostrophes only:
/// the lists are matched word by word, without stems or wildcards.
fn speech_lists(
    lists: &[Vec<Entry>; 4],
    warnings: &mut Vec<LexiconWarning>,
) -> Result<[Vec<String>; 4], LexiconError> {
    let mut out: [Vec<String>; 4] = Default::default();
    for ((entries, into), list) in lists.iter().zip(&mut out).zip(SpeechList::ALL) {
        let mut first: FxHashMap<String, &Entry> = FxHashMap::default();
        for entry in entries {
            let words: Vec<String> = entry
                .pattern
                .split(|c: char| c.is_whitespace() || c == '-')
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            if words.is_empty() {
                return Err(Compiler::error(entry, LexiconErrorKind::EmptyTerm));
            }
            if let Some(bad) = words.iter().find(|w| {
                !w.chars()
                    .all(|c| c.is_alphanumeric() || c == '\'' || c == '’')
            }) {
                return Err(Compiler::error(
                    entry,
                    LexiconErrorKind::InvalidPattern(format!(
                        "[speech] {} entries are plain words ({bad:?} is not)",
                        list.as_str()
                    )),
                ));
            }
            let normal = words.join(" ");
            match first.get(&normal) {
                Some(earlier) => warnings.push(LexiconWarning::RepeatedEntry {
                    entry: entry.pattern.clone(),
                    file: entry.file.clone(),
                    line: entry.line,
                    first: (earlier.pattern.clone(), earlier.file.clone(), earlier.line),
                }),
                None => {
                    first.insert(normal.clone(), entry);
                    into.push(normal);
                }
            }
        }
    }
    Ok(out)
}

/// FNV-1a (64-bit) over a canonical listing of the compiled content. A
/// fixed, documented function, so versions never change with a dependency.
fn version_hash(
    actors: &[Actor],
    categories: &[Category],
    terms: &[Term],
    negation_window: usize,
    hypothetical_window: usize,
    speech: &[Vec<String>; 4],
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
        // A role is hashed only where it is not the category's own name
        // (or where a category named like a role has none), so that
        // lexicons from before roles existed keep their versions.
        let role = category.role.map(CategoryRole::as_str);
        if role != Some(category.name.as_str())
            && (role.is_some() || CategoryRole::from_name(&category.name).is_some())
        {
            feed(&format!("role={}", role.unwrap_or("")));
        }
    }
    for term in terms {
        feed(&role_key(term.role));
        feed(&term.pattern);
    }
    feed(&negation_window.to_string());
    feed(&hypothetical_window.to_string());
    // Speech lists only when there are any, so that lexicons without them
    // keep the versions they had before the table existed.
    for (list, entries) in SpeechList::ALL.iter().zip(speech) {
        for entry in entries {
            feed(&format!("speech.{}={entry}", list.as_str()));
        }
    }
    format!("{hash:016x}")
}

static NEXT_MATCHER_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

struct Compiler {
    matcher: Matcher,
    terms: Vec<Term>,
    warnings: Vec<LexiconWarning>,
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
                speech: Default::default(),
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
                self.warnings.push(LexiconWarning::RepeatedEntry {
                    entry: entry.pattern.clone(),
                    file: entry.file.clone(),
                    line: entry.line,
                    first: (origin.pattern.clone(), origin.file.clone(), origin.line),
                });
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
