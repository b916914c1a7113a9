//! Compiles a merged model into a [`Lexicon`]: each entry becomes a term
//! with its role, parsed into trie keys; conflicts between actors and
//! categories are errors naming both entries; the version hashes the
//! result.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use super::format::{Entry, Model};
use super::matcher::{KeyKind, Matcher, REGEX_BIT, edge, key, pack_head};
use super::{
    Actor, ActorIndex, Category, CategoryIndex, CategoryRole, Group, Lexicon, LexiconWarning,
    MentionKind, Office, OfficeIndex, OfficeSpan, Person, PersonIndex, ROLE_METRICS, Role,
    SpeechList, Subtype, Term, TermInfo, TermOfOffice, TermTag,
};
use crate::error::{LexiconError, LexiconErrorKind};
use crate::tokens::{self, TokenKind};

impl Model {
    /// Compiles the merged model into a lexicon.
    pub(super) fn compile(self) -> Result<Lexicon, LexiconError> {
        // Term tags hold actor and office indices in 16 bits.
        if self.actors.len() >= usize::from(u16::MAX) || self.offices.len() >= usize::from(u16::MAX)
        {
            return Err(LexiconError {
                file: String::new(),
                line: None,
                entry: None,
                kind: LexiconErrorKind::Syntax(
                    "a lexicon has at most 65,534 actors and 65,534 offices".into(),
                ),
            });
        }
        let mut compiler = Compiler::new();
        compiler.dictionaries = self.dictionaries.clone();
        let actor_of = |name: &Entry| {
            self.actors
                .iter()
                .position(|(id, _)| *id == name.pattern)
                .map(ActorIndex::new)
                .ok_or_else(|| Compiler::error(name, LexiconErrorKind::UnknownName("actor".into())))
        };
        let office_of = |name: &Entry| {
            self.offices
                .iter()
                .position(|(o, _)| *o == name.pattern)
                .map(OfficeIndex::new)
                .ok_or_else(|| {
                    Compiler::error(
                        name,
                        LexiconErrorKind::UnknownName(
                            "office (declare it in an [offices.NAME] table)".into(),
                        ),
                    )
                })
        };
        let mut offices = Vec::with_capacity(self.offices.len());
        for (name, office) in &self.offices {
            offices.push(Office {
                name: name.clone(),
                actor: office.actor.as_ref().map(actor_of).transpose()?,
                body: office.body,
                shared: office.shared,
                domestic: office.domestic,
                implies: office
                    .implies
                    .iter()
                    .map(office_of)
                    .collect::<Result<_, _>>()?,
            });
        }
        // People in the order their entries survive (an actor replaced by a
        // later file drops its people).
        let mut people: Vec<Person> = Vec::new();
        let mut person_index: FxHashMap<usize, PersonIndex> = FxHashMap::default();
        for (index, (_, actor)) in self.actors.iter().enumerate() {
            for term in &actor.terms {
                let Some(p) = term.person else { continue };
                if person_index.contains_key(&p) {
                    continue;
                }
                let Some(model) = self.people.get(p) else {
                    continue;
                };
                let mut terms = Vec::with_capacity(model.terms.len());
                for (office, from, until) in &model.terms {
                    terms.push(TermOfOffice {
                        office: office.as_ref().map(office_of).transpose()?,
                        from: *from,
                        until: *until,
                    });
                }
                debug_assert_eq!(model.actor, self.actors[index].0);
                person_index.insert(p, PersonIndex::new(people.len()));
                people.push(Person {
                    name: model.name.clone(),
                    actor: ActorIndex::new(index),
                    terms,
                });
            }
        }
        for (index, (_, actor)) in self.actors.iter().enumerate() {
            for term in &actor.terms {
                let info = TermInfo {
                    kind: term.kind,
                    office: term.office.as_ref().map(office_of).transpose()?,
                    people: term
                        .person
                        .and_then(|p| person_index.get(&p).copied())
                        .into_iter()
                        .collect(),
                    region: term.kind.is_none(),
                    after: term.after.as_deref().map(Box::from),
                };
                // Parties and institutions may share a term with a cue or
                // frame ("Democrats" is also a domestic-politics word, "the
                // Supreme Court" an accountability one): both count.
                let shares = matches!(
                    term.kind,
                    Some(MentionKind::Party | MentionKind::Institution)
                );
                let role = Role::Actor(ActorIndex::new(index));
                if term.kind == Some(MentionKind::Person) {
                    for entry in person_forms(&term.entry) {
                        compiler.add_with(&entry, role, info.clone(), shares, None)?;
                    }
                } else {
                    compiler.add_with(&term.entry, role, info, shares, None)?;
                }
            }
            for entry in &actor.exclude {
                compiler.add(entry, Role::ActorExclude(ActorIndex::new(index)))?;
            }
        }
        for (index, (_, office)) in self.offices.iter().enumerate() {
            let index = OfficeIndex::new(index);
            for entry in &office.terms {
                let info = TermInfo {
                    kind: None,
                    office: Some(index),
                    people: Vec::new(),
                    region: false,
                    after: None,
                };
                // Role nouns may share a term with a frame ("lawmakers",
                // "court", "military").
                compiler.add_with(entry, Role::Office(index), info, true, None)?;
            }
        }
        for (index, (_, category)) in self.categories.iter().enumerate() {
            let role = Role::Cue(CategoryIndex::new(index));
            for entry in &category.terms {
                compiler.add(entry, role)?;
            }
            for (subtype, (_, entries)) in category.subtypes.iter().enumerate() {
                for entry in entries {
                    compiler.add_typed(entry, role, Some(subtype))?;
                }
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
            (&self.hypothetical_near, Role::HypotheticalNear),
            (&self.hypothetical_pseudo, Role::PseudoHypothetical),
            (&self.hypothetical_after, Role::HypotheticalAfter),
            (&self.terminators, Role::Terminator),
            (&self.terminators_after, Role::TerminatorAfter),
        ] {
            for entry in list {
                compiler.add(entry, role)?;
            }
        }
        check_roles(&self)?;
        check_marginal(&self)?;
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
                subtypes: c
                    .subtypes
                    .iter()
                    .map(|(subtype, _)| Subtype {
                        name: subtype.clone(),
                        marginal: c.marginal.contains(subtype),
                    })
                    .collect(),
            })
            .collect();
        let negation_window = self.negation_window.unwrap_or(4);
        let hypothetical_window = self.hypothetical_window.unwrap_or(8);
        let negation_after_window = self.negation_after_window.unwrap_or(negation_window);
        let hypothetical_after_window = self
            .hypothetical_after_window
            .unwrap_or(hypothetical_window);
        let hypothetical_near_window = self.hypothetical_near_window.unwrap_or(1);
        // What the actor rules read about each term, packed, with its
        // people's terms of office flattened (a person with none counts on
        // any day).
        let mut spans = Vec::new();
        let tags = compiler
            .terms
            .iter()
            .zip(&compiler.info)
            .map(|(term, info)| {
                let start = spans.len() as u32;
                for p in info.people.iter().filter_map(|p| people.get(p.index())) {
                    if p.terms.is_empty() {
                        spans.push(OfficeSpan::of(&TermOfOffice {
                            office: None,
                            from: None,
                            until: None,
                        }));
                    }
                    spans.extend(p.terms.iter().map(OfficeSpan::of));
                }
                TermTag::new(
                    match term.role {
                        Role::Actor(a) => Some(a),
                        _ => None,
                    },
                    info.kind,
                    info.office,
                    info.after.is_some(),
                    (start, spans.len() as u32),
                )
            })
            .collect();
        let domestic_politics = self.domestic_politics.unwrap_or(true);
        let version = version_hash(
            &actors,
            &categories,
            &compiler.terms,
            [
                negation_window,
                hypothetical_window,
                negation_after_window,
                hypothetical_after_window,
                hypothetical_near_window,
            ],
            &speech,
        );
        let version = extend_version(
            version,
            &offices,
            &people,
            &compiler.info,
            &self.offices,
            (domestic_politics, self.undated_from),
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
            term_info: compiler.info,
            tags,
            spans,
            offices,
            people,
            domestic_politics,
            undated_from: self.undated_from,
            negation_window,
            hypothetical_window,
            negation_after_window,
            hypothetical_after_window,
            hypothetical_near_window,
            speech,
            version,
            warnings,
            matcher,
        })
    }
}

/// The forms a person's name or alias is matched in: as written and in
/// capitals, both case-sensitively ("Bill Clinton", "BILL CLINTON"), so
/// that a name whose first word is also a common word ("bill", "mark",
/// "rob") neither matches that word nor makes every occurrence of it start
/// a term.
fn person_forms(entry: &Entry) -> Vec<Entry> {
    let written = entry.pattern.trim();
    let written = written.strip_prefix('=').unwrap_or(written);
    let capitals = written.to_uppercase();
    let mut forms = vec![Entry {
        pattern: format!("={written}"),
        ..entry.clone()
    }];
    if capitals != written {
        forms.push(Entry {
            pattern: format!("={capitals}"),
            ..entry.clone()
        });
    }
    forms
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
        Role::HypotheticalNear => "HypotheticalNear".into(),
        Role::PseudoHypothetical => "PseudoHypothetical".into(),
        Role::HypotheticalAfter => "HypotheticalAfter".into(),
        Role::Terminator => "Terminator".into(),
        Role::TerminatorAfter => "TerminatorAfter".into(),
        Role::Office(o) => format!("Office({})", o.index()),
    }
}

/// A marginal subtype must be one of its category's subtypes.
fn check_marginal(model: &Model) -> Result<(), LexiconError> {
    for (name, category) in &model.categories {
        for marginal in &category.marginal {
            if !category.subtypes.iter().any(|(s, _)| s == marginal) {
                let at = category.terms.first().or(category.exclude.first());
                return Err(LexiconError {
                    file: at.map_or_else(String::new, |e| e.file.clone()),
                    line: at.map(|e| e.line),
                    entry: Some(format!("marginal = [{marginal:?}]")),
                    kind: LexiconErrorKind::Syntax(format!(
                        "category {name:?} has no subtype {marginal:?}"
                    )),
                });
            }
        }
    }
    Ok(())
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
    windows: [usize; 5],
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
        if let Some(subtype) = term.subtype {
            feed(&format!("subtype={subtype}"));
        }
    }
    for category in categories {
        for subtype in &category.subtypes {
            feed(&format!(
                "{}.{}{}",
                category.name,
                subtype.name,
                if subtype.marginal { "*" } else { "" }
            ));
        }
    }
    let [
        negation,
        hypothetical,
        negation_after,
        hypothetical_after,
        near,
    ] = windows;
    feed(&negation.to_string());
    feed(&hypothetical.to_string());
    // After-windows equal to their windows (the default) are not hashed, so
    // that lexicons from before they existed keep their versions.
    if (negation_after, hypothetical_after) != (negation, hypothetical) {
        feed(&format!("after={negation_after},{hypothetical_after}"));
    }
    if near != 1 {
        feed(&format!("near={near}"));
    }
    // Speech lists only when there are any, so that lexicons without them
    // keep the versions they had before the table existed.
    for (list, entries) in SpeechList::ALL.iter().zip(speech) {
        for entry in entries {
            feed(&format!("speech.{}={entry}", list.as_str()));
        }
    }
    format!("{hash:016x}")
}

/// The version, extended with what actor tagging adds to the terms
/// (kinds, offices, people and their terms of office). A lexicon with none
/// of these keeps the version [`version_hash`] gives it.
fn extend_version(
    version: String,
    offices: &[Office],
    people: &[Person],
    info: &[TermInfo],
    office_names: &[(String, super::format::OfficeModel)],
    (domestic_politics, undated_from): (bool, Option<crate::article::Date>),
) -> String {
    let plain = offices.is_empty()
        && people.is_empty()
        && domestic_politics
        && undated_from.is_none()
        && info.iter().all(|i| {
            matches!(i.kind, None | Some(MentionKind::Name)) && i.office.is_none() && !i.region
        });
    if plain {
        return version;
    }
    let mut listing = version;
    let mut push = |s: &str| {
        listing.push('\x1f');
        listing.push_str(s);
    };
    for (office, (name, _)) in offices.iter().zip(office_names) {
        push(&format!(
            "office={name} actor={:?} body={} shared={} domestic={} implies={:?}",
            office.actor.map(|a| a.index()),
            office.body,
            office.shared,
            office.domestic,
            office.implies.iter().map(|o| o.index()).collect::<Vec<_>>()
        ));
    }
    for person in people {
        push(&format!(
            "person={} actor={}",
            person.name,
            person.actor.index()
        ));
        for term in &person.terms {
            push(&format!(
                "term={:?} {} {}",
                term.office.map(|o| o.index()),
                term.from.map(|d| d.to_string()).unwrap_or_default(),
                term.until.map(|d| d.to_string()).unwrap_or_default()
            ));
        }
    }
    for (i, term) in info.iter().enumerate() {
        if term.kind.is_some() || term.office.is_some() || term.region {
            push(&format!(
                "{i}:{}:{:?}:{:?}:{:?}",
                term.kind
                    .map(MentionKind::as_str)
                    .unwrap_or(if term.region { "region" } else { "" }),
                term.office.map(|o| o.index()),
                term.people.iter().map(|p| p.index()).collect::<Vec<_>>(),
                term.after
            ));
        }
    }
    push(&format!("domestic_politics={domestic_politics}"));
    if let Some(d) = undated_from {
        push(&format!("undated_from={d}"));
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in listing.as_bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

static NEXT_MATCHER_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

struct Compiler {
    matcher: Matcher,
    terms: Vec<Term>,
    /// Parallel to `terms`.
    info: Vec<TermInfo>,
    /// Parallel to `terms`: may share its words with a cue category.
    shares: Vec<bool>,
    warnings: Vec<LexiconWarning>,
    /// Where each term was defined, for conflict messages.
    origins: Vec<Entry>,
    /// The sources (file positions) that are dictionaries: a term may be
    /// in several of their categories.
    dictionaries: Vec<usize>,
}

impl Compiler {
    fn new() -> Self {
        Compiler {
            matcher: Matcher {
                lower: FxHashMap::default(),
                exact: FxHashMap::default(),
                stems: FxHashMap::default(),
                prefixes: Default::default(),
                regexes: Default::default(),
                edges: FxHashMap::default(),
                payloads: vec![Vec::new()],
                payload_ranges: Vec::new(),
                payload_terms: Vec::new(),
                child_ranges: Vec::new(),
                child_list: Vec::new(),
                child_masks: Vec::new(),
                leads_to_negation: Vec::new(),
                actor_terms: Vec::new(),
                max_len: 0,
                stemmer: Stemmer::create(Algorithm::English),
                id: NEXT_MATCHER_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
                stem_heads: Default::default(),
                speech: Default::default(),
            },
            terms: Vec::new(),
            info: Vec::new(),
            shares: Vec::new(),
            warnings: Vec::new(),
            origins: Vec::new(),
            dictionaries: Vec::new(),
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
            // A regular expression over one word: `/.../`.
            if let Some(pattern) = chunk
                .strip_prefix('/')
                .and_then(|c| c.strip_suffix('/'))
                .filter(|p| !p.is_empty())
            {
                let id = self
                    .matcher
                    .regexes
                    .intern(pattern, case_sensitive)
                    .map_err(|e| {
                        invalid(&format!("a regular expression that does not compile: {e}"))
                    })?;
                keys.push(key(KeyKind::Prefix, REGEX_BIT | id));
                continue;
            }
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
                        let id = self.matcher.prefixes.intern(form, cs);
                        key(KeyKind::Prefix, id)
                    }
                };
                keys.push(k);
            }
        }
        Ok(keys)
    }

    fn add(&mut self, entry: &Entry, role: Role) -> Result<(), LexiconError> {
        self.add_with(entry, role, TermInfo::default(), false, None)
    }

    /// Adds a typed cue term (`subtype` of its category).
    fn add_typed(
        &mut self,
        entry: &Entry,
        role: Role,
        subtype: Option<usize>,
    ) -> Result<(), LexiconError> {
        self.add_with(entry, role, TermInfo::default(), false, subtype)
    }

    /// Adds a term with what the tagger needs to know about it; `shares`:
    /// it may have the same words as a cue category's term (both count);
    /// `subtype` for a typed cue term.
    fn add_with(
        &mut self,
        entry: &Entry,
        role: Role,
        info: TermInfo,
        shares: bool,
        subtype: Option<usize>,
    ) -> Result<(), LexiconError> {
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
        // Earlier terms with the same words that this one overrides.
        let mut overridden: Vec<u32> = Vec::new();
        let existing_terms = self.matcher.payloads[node as usize].clone();
        for existing in existing_terms {
            let other = self.terms[existing as usize].role;
            let origin = &self.origins[existing as usize];
            // An untyped repeat of a typed term (or the reverse) is a
            // repeat; two different subtypes are a conflict.
            let first_subtype = self.terms[existing as usize].subtype;
            if other == role
                && first_subtype.is_some()
                && subtype.is_some()
                && first_subtype != subtype
            {
                return Err(Self::error(
                    entry,
                    LexiconErrorKind::Conflict(format!(
                        "the same term as {:?} at {}:{}, which has another subtype",
                        origin.pattern, origin.file, origin.line
                    )),
                ));
            }
            let first = &mut self.info[existing as usize];
            if other == role && !info.people.is_empty() && !first.people.is_empty() {
                // One alias of several people of one actor ("Bush"): the
                // term names them all.
                for p in info.people {
                    if !first.people.contains(&p) {
                        first.people.push(p);
                    }
                }
                return Ok(());
            }
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
                    Role::Actor(_)
                        | Role::ActorExclude(_)
                        | Role::Cue(_)
                        | Role::CueExclude(_)
                        | Role::Office(_)
                )
            };
            let cue = |r: Role| matches!(r, Role::Cue(_) | Role::CueExclude(_));
            let shared = (shares && cue(other)) || (self.shares[existing as usize] && cue(role));
            // Dictionaries and later files (see `Lexicon`, "Terms in
            // several places"): between a term of a category and an
            // exclusion of the same category, the later file wins; a cue
            // term of a later file, or of one dictionary, that another
            // category or an actor has counts for both.
            let later = entry.source != origin.source;
            let same_category = matches!(
                (role, other),
                (Role::Cue(a), Role::CueExclude(b)) | (Role::CueExclude(a), Role::Cue(b)) if a == b
            );
            if later && same_category {
                if entry.source > origin.source {
                    overridden.push(existing);
                    continue;
                }
                // The term already in is from the later file: it wins, and
                // this one is not added.
                self.warnings.push(LexiconWarning::OverriddenEntry {
                    entry: origin.pattern.clone(),
                    file: origin.file.clone(),
                    line: origin.line,
                    first: (entry.pattern.clone(), entry.file.clone(), entry.line),
                });
                return Ok(());
            }
            let dictionary = !later && self.dictionaries.contains(&entry.source);
            let extends = if later {
                cue(role) || cue(other)
            } else {
                dictionary && cue(role) && cue(other)
            };
            if extends && later && exclusive(role) && exclusive(other) && !shared {
                // Named from the later file's entry.
                let (second, first) = if entry.source > origin.source {
                    (entry, origin)
                } else {
                    (origin, entry)
                };
                self.warnings.push(LexiconWarning::SharedEntry {
                    entry: second.pattern.clone(),
                    file: second.file.clone(),
                    line: second.line,
                    first: (first.pattern.clone(), first.file.clone(), first.line),
                });
            }
            if exclusive(role) && exclusive(other) && !shared && !extends {
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
        if !overridden.is_empty() {
            self.matcher.payloads[node as usize].retain(|t| !overridden.contains(t));
            self.warnings.push(LexiconWarning::OverriddenEntry {
                entry: entry.pattern.clone(),
                file: entry.file.clone(),
                line: entry.line,
                first: {
                    let origin = &self.origins[overridden[0] as usize];
                    (origin.pattern.clone(), origin.file.clone(), origin.line)
                },
            });
        }
        let id = self.terms.len() as u32;
        self.terms.push(Term {
            pattern: entry.pattern.trim().to_string(),
            role,
            subtype,
        });
        self.info.push(info);
        self.shares.push(shares);
        self.origins.push(entry.clone());
        self.matcher.payloads[node as usize].push(id);
        Ok(())
    }
}
