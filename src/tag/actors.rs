//! Actor rules: which matched actor terms and role nouns are mentions of an
//! actor, of which actor, and of what kind.
//!
//! The trie finds every term; these rules then read each actor term and
//! role noun in its sentence and article, left to right, so that a later
//! word can use what an earlier one resolved to. Each rule is one function
//! below, with its reason. In short (the convention of issue 17):
//!
//! - **People** count only while in office on the article's date
//!   ([`in_office`]); an undated article counts anyone with a term of
//!   office unless the text itself calls them former, late, "then-" or
//!   "-elect" ([`out_marker_before`]).
//! - **Titles** attach to the name after them ([`name_after`]): "President
//!   X" is X (and X's actor); "Sen. X" with an unknown X is still a person
//!   of the title's own actor; "President X" with an unknown X is nobody's,
//!   and so is "Sheriff X" ([`PERSON_TITLES`]).
//! - **Role nouns** ("the president", "lawmakers") take a qualifier's
//!   actor ("Iran's president", "the president of Iran", "Republican
//!   lawmakers": [`qualifier`]), or else the actor of the latest explicit
//!   mention of their office in the article, and none if there is none
//!   ([`determiner`], [`resolve_bare`]).
//! - **Capitals** count when they act, speak or own, not as places
//!   ([`capital_is_place`]).
//! - **Names and demonyms** inside a person's name, an organisation's or an
//!   ethnic term do not count ([`name_is_trap`]).
//! - **Institutions** that other states also have ("Senate", "Army") belong
//!   to the actor named right before them ("the Pakistan Army") and to
//!   nobody after a name of no actor ("the Texas Senate", "the Royal
//!   Navy"): [`institution_owner`].
//! - A **surname** first met with a title ("Rep. Jane Roe ... Roe said")
//!   keeps its actor for the rest of the article ([`ActorState`]).
//! - With `domestic_politics = false` in the lexicon, parties and offices
//!   marked `domestic` are left out.

use std::cell::Cell;

use super::actor_words::*;
use super::{ActorMention, Found};
use crate::Span;
use crate::article::Date;
use crate::lexicon::{ActorIndex, Lexicon, MentionKind, OfficeIndex, TermIndex};
use crate::tokens::{LONG_KEY, Token, TokenKind, WordKey};

// ---------------------------------------------------------------------------
// Word lists: in `actor_words`, one bit each ("is `t` a locative
// preposition?" is `s.is_word(t, LOCATIVE)`).

// ---------------------------------------------------------------------------
// State kept across the sentences of one article.

/// What the actor rules remember within one article.
#[derive(Debug, Default)]
pub(crate) struct ActorState {
    date: Option<Date>,
    /// For each office, the actor of its latest explicit mention: `None`
    /// if none yet, `Some(None)` if that mention was of no actor ("the
    /// French president").
    latest: Vec<Option<Option<ActorIndex>>>,
    /// Surnames of people named with a title in this article (by their
    /// word key), with their actor (`None`: a person who counts for no
    /// actor) and the title's term.
    surnames: Vec<(WordKey, Option<ActorIndex>, TermIndex)>,
}

impl ActorState {
    /// Starts an article dated `date`.
    pub(crate) fn start(&mut self, lexicon: &Lexicon, date: Option<Date>) {
        self.date = date;
        self.latest.clear();
        self.latest.resize(lexicon.offices().len(), None);
        self.surnames.clear();
    }

    fn set(&mut self, lexicon: &Lexicon, office: OfficeIndex, actor: Option<ActorIndex>) {
        if let Some(slot) = self.latest.get_mut(office.index()) {
            *slot = Some(actor);
        }
        if let Some(o) = lexicon.office(office) {
            for &implied in &o.implies {
                if let Some(slot) = self.latest.get_mut(implied.index()) {
                    *slot = Some(actor);
                }
            }
        }
    }

    /// Whether the article has met a surname yet (the tagger then notes
    /// the capitalised words no term takes).
    pub(crate) fn has_surnames(&self) -> bool {
        !self.surnames.is_empty()
    }

    fn surname(&self, key: WordKey) -> Option<(Option<ActorIndex>, TermIndex)> {
        // A surname starts with a capital: most words are out at once (the
        // key holds the word's bytes, the first in its lowest byte).
        if key == LONG_KEY || !(key[0] as u8).is_ascii_uppercase() {
            return None;
        }
        self.surnames
            .iter()
            .rev()
            .find(|(k, _, _)| *k == key)
            .map(|&(_, actor, term)| (actor, term))
    }

    /// Remembers the surname at token `t` of `s` (words too long for a key,
    /// or not starting with an ASCII capital, are not remembered).
    fn remember(&mut self, s: &Sentence, t: usize, actor: Option<ActorIndex>, term: TermIndex) {
        if let Some(&key) = s.keys.get(t)
            && key != LONG_KEY
            && (key[0] as u8).is_ascii_uppercase()
        {
            self.surnames.push((key, actor, term));
        }
    }
}

// ---------------------------------------------------------------------------
// One sentence.

/// An actor term or role noun found in the sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    /// First token.
    start: usize,
    /// One past the last token.
    end: usize,
    term: TermIndex,
    what: What,
    /// What it resolved to (filled left to right).
    resolved: Resolved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Actor(ActorIndex, MentionKind),
    Office(OfficeIndex),
    /// One of the actor's regions: never a mention.
    Region(ActorIndex),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resolved {
    /// Not looked at yet.
    Pending,
    /// A mention of this actor.
    Mention(ActorIndex),
    /// Part of a name or title, or no mention: counts for nobody.
    Nobody,
    /// A person who is not in office (as a qualifier, a body named after
    /// them is still their actor's: "the Obama administration").
    OutOfOffice(ActorIndex),
}

/// Buffers reused across sentences.
#[derive(Debug, Default)]
pub(crate) struct ActorScratch {
    items: Vec<Item>,
    out: Vec<ActorMention>,
    lists: Vec<Cell<u32>>,
    /// Capitalised tokens no term took, when the article has surnames.
    maybe_surnames: Vec<usize>,
}

/// The sentence being read.
struct Sentence<'a> {
    lexicon: &'a Lexicon,
    text: &'a str,
    tokens: &'a [Token],
    /// Each token's cache key (surnames are matched by it).
    keys: &'a [WordKey],
    /// Each token's lists ([`lists_of_key`]), once looked up (`u32::MAX`:
    /// not yet).
    lists: &'a [Cell<u32>],
}

impl Sentence<'_> {
    fn word(&self, t: usize) -> Option<&str> {
        let token = self.tokens.get(t)?;
        (token.kind != TokenKind::Boundary).then(|| self.text.get(token.span.range()))?
    }

    /// Whether token `t` is a word of the list `list` (one of the bits).
    fn is_word(&self, t: usize, list: u32) -> bool {
        let Some(memo) = self.lists.get(t) else {
            return false;
        };
        let mut bits = memo.get();
        if bits == u32::MAX {
            bits = self.keys.get(t).map_or(0, |&k| lists_of_key(k));
            memo.set(bits);
        }
        bits & list != 0
    }

    fn capitalised(&self, t: usize) -> bool {
        // The key holds the word's first byte in its lowest: ASCII at once.
        match self.keys.get(t).map(|k| k[0] as u8) {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => self
                .word(t)
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase),
        }
    }

    fn lower(&self, t: usize) -> bool {
        match self.keys.get(t).map(|k| k[0] as u8) {
            Some(b) if b.is_ascii() => b.is_ascii_lowercase(),
            _ => self
                .word(t)
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_lowercase),
        }
    }

    /// Whether token `t` is joined to the next by a hyphen ("Jerusalem-based").
    fn hyphen_after(&self, t: usize) -> bool {
        match (self.tokens.get(t), self.tokens.get(t + 1)) {
            (Some(a), Some(b)) => {
                b.span.start == a.span.end + 1
                    && self.text.as_bytes().get(a.span.end) == Some(&b'-')
            }
            _ => false,
        }
    }

    fn boundary_char(&self, t: usize) -> Option<&str> {
        let token = self.tokens.get(t)?;
        (token.kind == TokenKind::Boundary).then(|| self.text.get(token.span.range()))?
    }

    fn span(&self, from: usize, to: usize) -> Span {
        Span::new(self.tokens[from].span.start, self.tokens[to - 1].span.end)
    }
}

/// The item covering token `t`, if any.
fn item_at(items: &[Item], t: usize) -> Option<usize> {
    let i = items.partition_point(|it| it.end <= t);
    (items.get(i).is_some_and(|it| it.start <= t)).then_some(i)
}

impl ActorScratch {
    /// Starts a sentence.
    pub(crate) fn clear(&mut self) {
        self.items.clear();
        self.maybe_surnames.clear();
    }

    /// Notes a capitalised token that no term took: it may be a surname
    /// the article met before (see [`ActorState::has_surnames`]).
    pub(crate) fn maybe_surname(&mut self, t: usize) {
        self.maybe_surnames.push(t);
    }

    /// Notes a match of `term` over tokens `start..end` if it is an actor
    /// term or a role noun (the tagger calls this for every match with
    /// one, in order; terms of two actors or offices never share words).
    pub(crate) fn note(&mut self, lexicon: &Lexicon, start: usize, end: usize, term: TermIndex) {
        let tag = lexicon.tag(term);
        let what = match (tag.actor(), tag.kind(), tag.office()) {
            (Some(actor), Some(kind), _) => What::Actor(actor, kind),
            (Some(actor), None, _) => What::Region(actor),
            (None, _, Some(office)) => What::Office(office),
            (None, _, None) => return,
        };
        self.items.push(Item {
            start,
            end,
            term,
            what,
            resolved: Resolved::Pending,
        });
    }
}

/// Finds the actor mentions of one sentence (the actor terms and role
/// nouns [`ActorScratch::note`] took from its leftmost-longest matches
/// `found`) and appends them to `actors`, in text order.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
pub(crate) fn sentence_mentions(
    lexicon: &Lexicon,
    text: &str,
    tokens: &[Token],
    keys: &[WordKey],
    found: &[Found],
    sentence: usize,
    state: &mut ActorState,
    scratch: &mut ActorScratch,
    actors: &mut Vec<ActorMention>,
) {
    let had_surnames = state.has_surnames();
    if scratch.items.is_empty() && scratch.maybe_surnames.is_empty() {
        return;
    }
    scratch.lists.clear();
    if !scratch.items.is_empty() {
        scratch.lists.resize(tokens.len(), Cell::new(u32::MAX));
    }
    let s = Sentence {
        lexicon,
        text,
        tokens,
        keys,
        lists: &scratch.lists,
    };
    let out = &mut scratch.out;
    out.clear();
    let items = &mut scratch.items;
    for i in 0..items.len() {
        if items[i].resolved != Resolved::Pending {
            continue;
        }
        let resolved = match items[i].what {
            What::Region(_) => Resolved::Nobody,
            What::Office(office) => office_item(&s, items, i, office, state, out, sentence),
            What::Actor(actor, kind) => actor_item(&s, items, i, actor, kind, state, out, sentence),
        };
        items[i].resolved = resolved;
    }
    if !had_surnames && state.has_surnames() {
        // The article's first surname came in this sentence: the tagger
        // noted no words for it, so look for them here, once.
        for (t, key) in keys.iter().enumerate() {
            let covered = found.partition_point(|x| x.end <= t);
            if (key[0] as u8).is_ascii_uppercase() && found.get(covered).is_none_or(|x| x.start > t)
            {
                scratch.maybe_surnames.push(t);
            }
        }
    }
    if !scratch.maybe_surnames.is_empty() {
        surnames_in(&s, &scratch.maybe_surnames, state, sentence, out);
    }
    if !out.is_sorted_by_key(|m| m.span.start) {
        out.sort_by_key(|m| m.span.start);
    }
    actors.extend(
        out.iter()
            .filter(|m| lexicon.domestic_politics() || !is_domestic(lexicon, m, state.date)),
    );
}

fn mention(
    actor: ActorIndex,
    term: TermIndex,
    span: Span,
    sentence: usize,
    kind: MentionKind,
) -> ActorMention {
    ActorMention {
        actor,
        term,
        span,
        sentence,
        kind,
    }
}

/// Domestic politics, left out with `domestic_politics = false`: parties,
/// role nouns and titles of `domestic` offices, and people whose offices
/// at the date are all `domestic` (legislators).
fn is_domestic(lexicon: &Lexicon, m: &ActorMention, date: Option<Date>) -> bool {
    let domestic = |o: Option<OfficeIndex>| {
        o.and_then(|o| lexicon.office(o))
            .is_some_and(|o| o.domestic)
    };
    let tag = lexicon.tag(m.term);
    let spans = lexicon.spans(tag);
    match m.kind {
        MentionKind::Party => true,
        MentionKind::Person if !spans.is_empty() => {
            let date = date.map(Date::ordinal);
            let mut offices = spans
                .iter()
                .filter(|span| date.is_none_or(|d| span.covers(d)))
                .peekable();
            offices.peek().is_some() && offices.all(|span| domestic(span.office))
        }
        _ => domestic(tag.office()),
    }
}

// ---------------------------------------------------------------------------
// Rules.

/// Whether one of the people `term` names is in office on `date`. A
/// person with no terms counts always (lexicons written before terms).
/// Without a date, a person counts unless `marked_out` (the text calls
/// them former, late, "then-" or "-elect"), provided one of their terms
/// reaches the lexicon's `undated_from` date.
fn in_office(lexicon: &Lexicon, term: TermIndex, date: Option<Date>, marked_out: bool) -> bool {
    let spans = lexicon.spans(lexicon.tag(term));
    match date {
        Some(d) => {
            let d = d.ordinal();
            spans.iter().any(|span| span.covers(d))
        }
        None if marked_out => false,
        None => {
            let from = lexicon.undated_from().map_or(0, Date::ordinal);
            spans.iter().any(|span| span.until >= from)
        }
    }
}

/// Sets the latest mention of every office the person of `term` holds on
/// the date (all their offices without a date) to `actor`.
fn person_offices(lexicon: &Lexicon, term: TermIndex, actor: ActorIndex, state: &mut ActorState) {
    let date = state.date.map(Date::ordinal);
    for span in lexicon.spans(lexicon.tag(term)) {
        if let Some(office) = span.office
            && date.is_none_or(|d| span.covers(d))
        {
            state.set(lexicon, office, Some(actor));
        }
    }
}

/// Whether an out-of-office word stands right before token `at`, over
/// qualifiers and a possessive ("former President X", "former U.S.
/// Secretary of State X", "then-Sen. X", "the late X").
fn out_marker_before(s: &Sentence, items: &[Item], at: usize) -> bool {
    let mut t = at;
    for _ in 0..4 {
        let Some(prev) = t.checked_sub(1) else {
            return false;
        };
        if s.is_word(prev, OUT_MARKERS) {
            return true;
        }
        // Over a qualifier item or a possessive.
        match item_at(items, prev) {
            Some(i) if matches!(items[i].what, What::Actor(..)) => t = items[i].start,
            _ if s.word(prev) == Some("'s") || s.word(prev) == Some("’s") => t = prev,
            _ => return false,
        }
    }
    false
}

/// Whether "-elect" follows token `t` ("President-elect").
fn elect_after(s: &Sentence, t: usize) -> bool {
    s.hyphen_after(t.wrapping_sub(1)) && s.word(t).is_some_and(|w| w.eq_ignore_ascii_case("elect"))
}

/// What follows a title.
enum NameAfter {
    /// No name: the title is used on its own.
    None,
    /// A person of the lexicon (item index), possibly after first names
    /// the lexicon does not list ("Sen. Bernard Sanders").
    Known(usize),
    /// A name the lexicon does not know: tokens `from..to`, the surname
    /// being the last.
    Unknown(usize, usize),
}

/// The name after a title ending at token `end`: a lexicon person, or up
/// to four capitalised words ("Sen. Jane Q. Roe"). Country words inside
/// the run are part of the name ("Rep. Steve Israel").
fn name_after(s: &Sentence, items: &[Item], end: usize) -> NameAfter {
    let mut t = end;
    if elect_after(s, t) {
        t += 1;
    }
    let from = t;
    while t < s.tokens.len() && t < from + 4 {
        if !s.capitalised(t) || s.is_word(t, NOT_NAMES) {
            break;
        }
        match item_at(items, t) {
            Some(i) if items[i].start == t => match items[i].what {
                What::Actor(_, MentionKind::Person) => return NameAfter::Known(i),
                // A country word after a first name is a surname.
                What::Actor(_, MentionKind::Name | MentionKind::Demonym | MentionKind::Capital)
                    if t > from =>
                {
                    t = items[i].end;
                    continue;
                }
                _ => break,
            },
            Some(_) => break,
            None => t += 1,
        }
    }
    if t > from {
        NameAfter::Unknown(from, t)
    } else {
        NameAfter::None
    }
}

/// Who qualifies a role noun or institution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Qualifier {
    /// Nothing before it names an owner.
    None,
    /// An actor's mention of this kind ("Iran's president", "Republican
    /// lawmakers", "the Trump administration").
    Actor(ActorIndex, What),
    /// A person out of office ("the Obama administration" in 2021): the
    /// state for bodies, no one for people.
    Former(ActorIndex),
    /// A name of no actor, or a state's or city's ("the French president",
    /// "the Texas Senate", "state lawmakers").
    Other,
    /// One of this actor's regions ("the Idaho congressman", "the Texas
    /// Senate"): the actor's own offices stay its, bodies become regional.
    Region(ActorIndex),
}

/// The qualifier of the item `i` (a role noun or an institution): an
/// actor's mention right before it, possibly with a possessive and
/// modifiers ("Israel's longest-serving prime minister", "the U.S.
/// special envoy"); "of" or, for bodies, "in" and an actor after it ("the
/// president of Iran", "the regime in Tehran"); a capitalised word of no
/// actor right before it; or a lower-case word of a state or city.
fn qualifier(s: &Sentence, items: &[Item], i: usize, body: bool) -> Qualifier {
    let item = items[i];
    // Back over modifiers.
    let mut t = item.start;
    let mut skipped = 0;
    while let Some(prev) = t.checked_sub(1) {
        if skipped < 3
            && s.lower(prev)
            && s.is_word(prev, MODIFIERS)
            && item_at(items, prev).is_none()
        {
            t = prev;
            skipped += 1;
        } else {
            break;
        }
    }
    if let Some(prev) = t.checked_sub(1) {
        let possessive = matches!(s.word(prev), Some("'s" | "’s" | "'" | "’"));
        let at = if possessive {
            prev.checked_sub(1)
        } else {
            Some(prev)
        };
        if let Some(at) = at {
            let unknown_name = at > 0
                && s.capitalised(at)
                && !s.is_word(at, NOT_NAMES)
                && !s.is_word(at, PERSON_TITLES)
                && !s.is_word(at, MODIFIERS);
            if let Some(j) = item_at(items, at)
                && j != i
            {
                if let What::Region(a) = items[j].what {
                    return Qualifier::Region(a);
                }
                match items[j].resolved {
                    Resolved::Mention(a) => return Qualifier::Actor(a, items[j].what),
                    Resolved::OutOfOffice(a) => return Qualifier::Former(a),
                    Resolved::Nobody => return Qualifier::Other,
                    Resolved::Pending => {}
                }
            } else if (s.is_word(at, SUBNATIONAL) && !possessive) || unknown_name {
                return Qualifier::Other;
            }
        }
    }
    // After it: "of" + an actor's name; for bodies also "in" + a capital.
    let after = item.end;
    if s.is_word(after, OF) || (body && s.is_word(after, IN)) {
        let mut t = after + 1;
        if s.is_word(t, THE) {
            t += 1;
        }
        if let Some(j) = item_at(items, t)
            && items[j].start == t
            && let What::Actor(actor, kind) = items[j].what
            && matches!(
                kind,
                MentionKind::Name | MentionKind::Capital | MentionKind::Demonym
            )
        {
            return Qualifier::Actor(actor, items[j].what);
        }
    }
    Qualifier::None
}

/// How a role noun is determined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Determiner {
    /// "the", "his", a possessive: it refers back.
    Definite,
    /// "a", "any", "as": no one in particular.
    Generic,
    /// "one", "two", "several": members of a body.
    Quantified,
    /// "former", "then-": not the holder at the time of writing.
    Out,
    /// Nothing.
    Bare,
}

/// The determiner of the role noun starting at token `start`, over
/// modifiers ("the new administration").
fn determiner(s: &Sentence, start: usize) -> Determiner {
    let mut t = start;
    for _ in 0..4 {
        let Some(prev) = t.checked_sub(1) else {
            return Determiner::Bare;
        };
        if s.is_word(prev, OUT_MARKERS) {
            return Determiner::Out;
        }
        if s.is_word(prev, DEFINITE) || matches!(s.word(prev), Some("’s")) {
            return Determiner::Definite;
        }
        if s.is_word(prev, GENERIC) {
            return Determiner::Generic;
        }
        if s.is_word(prev, QUANTIFIERS) {
            return Determiner::Quantified;
        }
        if s.is_word(prev, MODIFIERS) {
            t = prev;
            continue;
        }
        return Determiner::Bare;
    }
    Determiner::Bare
}

/// Whether a role noun is plural ("lawmakers", "senators", "congressmen",
/// "justices"): plurals need no determiner to name members of a body.
fn plural(s: &Sentence, end: usize) -> bool {
    s.word(end - 1).is_some_and(|w| {
        let w = w.to_ascii_lowercase();
        (w.ends_with('s') && !w.ends_with("ss")) || w.ends_with("men") || w.ends_with("people")
    })
}

/// The actor of a bare role noun of `office` (no qualifier, no name): the
/// latest explicit mention of its office in the article; failing that,
/// the office's own actor for one state's office ("the secretary of
/// state"); else none. Generic and out-of-office uses name no one, and a
/// singular needs a determiner ("as president" names no one).
fn resolve_bare(
    s: &Sentence,
    item: &Item,
    office: OfficeIndex,
    state: &ActorState,
) -> Option<ActorIndex> {
    let own = s.lexicon.office(office).and_then(|o| o.actor);
    let refers = match determiner(s, item.start) {
        Determiner::Definite => true,
        Determiner::Quantified => own.is_some(),
        Determiner::Bare => plural(s, item.end),
        Determiner::Generic | Determiner::Out => false,
    };
    if !refers {
        return None;
    }
    match state.latest.get(office.index()).copied().flatten() {
        Some(actor) => actor,
        None => own,
    }
}

/// A role noun: a title before a name, or a role qualified by an actor,
/// or a bare role resolved from the article.
fn office_item(
    s: &Sentence,
    items: &mut [Item],
    i: usize,
    office: OfficeIndex,
    state: &mut ActorState,
    out: &mut Vec<ActorMention>,
    sentence: usize,
) -> Resolved {
    let item = items[i];
    let Some(o) = s.lexicon.office(office) else {
        return Resolved::Nobody;
    };
    let (own, body) = (o.actor, o.body);
    let qualifier = qualifier(s, items, i, body);
    match name_after(s, items, item.end) {
        NameAfter::Known(p) => {
            // The person decides; remember the title for them.
            let elect = elect_after(s, item.end);
            let marked = elect || out_marker_before(s, items, item.start);
            let counts = person_item(s, items, p, state, out, sentence, marked);
            if let Resolved::Mention(actor) = counts {
                state.set(s.lexicon, office, Some(actor));
            }
            items[p].resolved = counts;
            Resolved::Nobody
        }
        NameAfter::Unknown(from, to) => {
            let marked = elect_after(s, item.end) || out_marker_before(s, items, item.start);
            let actor = match qualifier {
                _ if marked => None,
                Qualifier::Actor(a, _) => Some(a),
                Qualifier::Region(a) if own == Some(a) => own,
                Qualifier::Former(_) | Qualifier::Other | Qualifier::Region(_) => None,
                Qualifier::None => own,
            };
            for j in items.iter_mut().filter(|x| x.start >= from && x.end <= to) {
                j.resolved = Resolved::Nobody;
            }
            if !marked {
                state.set(s.lexicon, office, actor);
            }
            if let Some(actor) = actor {
                out.push(mention(
                    actor,
                    item.term,
                    s.span(item.start, to),
                    sentence,
                    MentionKind::Person,
                ));
            }
            state.remember(s, to - 1, actor, item.term);
            match actor {
                Some(a) => Resolved::Mention(a),
                None => Resolved::Nobody,
            }
        }
        NameAfter::None => {
            let actor = match qualifier {
                Qualifier::Actor(a, _) => Some(a),
                Qualifier::Former(a) if body => Some(a),
                Qualifier::Region(a) if own == Some(a) => Some(a),
                Qualifier::Former(_) | Qualifier::Other | Qualifier::Region(_) => None,
                Qualifier::None => {
                    let actor = resolve_bare(s, &item, office, state);
                    if let Some(actor) = actor {
                        out.push(mention(
                            actor,
                            item.term,
                            s.span(item.start, item.end),
                            sentence,
                            MentionKind::Role,
                        ));
                    }
                    // A bare role is no explicit mention: nothing to remember.
                    return actor.map_or(Resolved::Nobody, Resolved::Mention);
                }
            };
            state.set(s.lexicon, office, actor);
            match actor {
                Some(actor) => {
                    out.push(mention(
                        actor,
                        item.term,
                        s.span(item.start, item.end),
                        sentence,
                        MentionKind::Role,
                    ));
                    Resolved::Mention(actor)
                }
                None => Resolved::Nobody,
            }
        }
    }
}

/// A person's name from the lexicon: a mention if in office.
fn person_item(
    s: &Sentence,
    items: &[Item],
    i: usize,
    state: &mut ActorState,
    out: &mut Vec<ActorMention>,
    sentence: usize,
    marked_by_title: bool,
) -> Resolved {
    let item = items[i];
    let What::Actor(actor, _) = item.what else {
        return Resolved::Nobody;
    };
    // "former X Y" with a full name; a surname alone after "former" is
    // usually a modifier ("former Trump adviser").
    let marked = marked_by_title
        || (item.end - item.start > 1 && item.start > 0 && s.is_word(item.start - 1, OUT_MARKERS));
    if in_office(s.lexicon, item.term, state.date, marked) {
        person_offices(s.lexicon, item.term, actor, state);
        out.push(mention(
            actor,
            item.term,
            s.span(item.start, item.end),
            sentence,
            MentionKind::Person,
        ));
        Resolved::Mention(actor)
    } else {
        Resolved::OutOfOffice(actor)
    }
}

/// An actor's own term: a name, demonym, capital, institution, party or
/// person.
#[allow(clippy::too_many_arguments)]
fn actor_item(
    s: &Sentence,
    items: &mut [Item],
    i: usize,
    actor: ActorIndex,
    kind: MentionKind,
    state: &mut ActorState,
    out: &mut Vec<ActorMention>,
    sentence: usize,
) -> Resolved {
    let item = items[i];
    // A term that needs a word before it ("the" before "Hill").
    if s.lexicon.tag(item.term).after
        && let Some(after) = &s.lexicon.term_info(item.term).after
        && item.start.checked_sub(1).and_then(|p| s.word(p)) != Some(&**after)
    {
        return Resolved::Nobody;
    }
    // A title of a person that is no office ("Sheriff", "Mr.") before it:
    // part of a name.
    if let Some(resolved) = after_person_title(s, items, i, state) {
        return resolved;
    }
    let owner = match kind {
        MentionKind::Person => return person_item(s, items, i, state, out, sentence, false),
        MentionKind::Name | MentionKind::Demonym => {
            if let Some(by_surname) = surname_use(s, items, i, state) {
                return by_surname;
            }
            if name_is_trap(s, items, i) {
                return Resolved::Nobody;
            }
            Some(actor)
        }
        MentionKind::Capital => {
            if capital_is_place(s, items, i) {
                return Resolved::Nobody;
            }
            Some(actor)
        }
        MentionKind::Institution => institution_owner(s, items, i, actor),
        MentionKind::Party => party_tag_ok(s, &item).then_some(actor),
        MentionKind::Role => Some(actor),
    };
    let Some(owner) = owner else {
        return Resolved::Nobody;
    };
    if let Some(office) = s.lexicon.tag(item.term).office() {
        state.set(s.lexicon, office, Some(owner));
    }
    out.push(mention(
        owner,
        item.term,
        s.span(item.start, item.end),
        sentence,
        kind,
    ));
    Resolved::Mention(owner)
}

/// A country word right after a title of a person that is no office, or
/// inside the name after it: "Sheriff Scott Israel", "Mr. Israel". The
/// surname is remembered as nobody's.
fn after_person_title(
    s: &Sentence,
    items: &[Item],
    i: usize,
    state: &mut ActorState,
) -> Option<Resolved> {
    let item = items[i];
    let What::Actor(_, kind) = item.what else {
        return None;
    };
    if !matches!(
        kind,
        MentionKind::Name | MentionKind::Demonym | MentionKind::Capital
    ) {
        return None;
    }
    // Back over up to two capitalised words (first names) to a title.
    let mut t = item.start;
    for _ in 0..3 {
        let prev = t.checked_sub(1)?;
        // Titles and first names are capitalised: most words end it here.
        if !s.capitalised(prev) {
            return None;
        }
        if s.is_word(prev, PERSON_TITLES) {
            if t != item.start || s.capitalised(item.start) {
                state.remember(s, item.end - 1, None, item.term);
                return Some(Resolved::Nobody);
            }
            return None;
        }
        if s.capitalised(prev) && item_at(items, prev).is_none() && !s.is_word(prev, NOT_NAMES) {
            t = prev;
            continue;
        }
        return None;
    }
    None
}

/// A surname met earlier in the article with a title ("Rep. Steve Israel
/// ... Israel said"): the person, not the country, unless a preposition or
/// article says it is a place or a country ("to Israel", "the Israel of
/// today").
fn surname_use(s: &Sentence, items: &[Item], i: usize, state: &ActorState) -> Option<Resolved> {
    let item = items[i];
    if item.end - item.start != 1 || state.surnames.is_empty() {
        return None;
    }
    let (actor, _) = state.surname(*s.keys.get(item.start)?)?;
    if let Some(prev) = item.start.checked_sub(1)
        && (s.is_word(prev, LOCATIVE) || s.is_word(prev, NOT_SURNAME))
    {
        return None;
    }
    Some(actor.map_or(Resolved::Nobody, Resolved::Mention))
}

/// Whether a name or demonym is part of something else's name:
/// - a person's: after a given name ("Steve Israel"), or a given name
///   before a surname ("Israel Hernandez");
/// - an organisation's or publication's: before capitalised words that end
///   in an organisation word ("the American Academy of Pediatrics",
///   "the Israeli-American Council");
/// - an ethnic term: after a capitalised word joined by a hyphen
///   ("African-American", "Arab-American"; "Iranian-American" counts for
///   both, as both words are actors').
fn name_is_trap(s: &Sentence, items: &[Item], i: usize) -> bool {
    let item = items[i];
    let prev = item.start.checked_sub(1);
    // After a given name.
    if let Some(p) = prev
        && item_at(items, p).is_none()
        && s.capitalised(p)
        && s.is_word(p, GIVEN_NAMES)
        && !s.hyphen_after(p)
    {
        return true;
    }
    // Ethnic compound.
    if let Some(p) = prev
        && item_at(items, p).is_none()
        && s.capitalised(p)
        && s.hyphen_after(p)
        && !s.is_word(p, PREFIXES)
    {
        return true;
    }
    // An organisation named "... for/of/on" the country ("the Federation
    // for American Immigration Reform", "the Council on American-Islamic
    // Relations").
    if let Some(p) = prev
        && s.lower(p)
        && s.is_word(p, ORG_LINK)
        && let Some(mut head) = p.checked_sub(1)
    {
        if s.is_word(head, THE) {
            head = head.saturating_sub(1);
        }
        if s.capitalised(head) && s.is_word(head, ORG_HEADS) && item_at(items, head).is_none() {
            return true;
        }
    }
    // A given name before a surname: the country word is a first name.
    if item.end - item.start == 1
        && s.capitalised(item.end)
        && s.is_word(item.start, GIVEN_NAMES)
        && item_at(items, item.end).is_none()
        && !s.is_word(item.end, NOT_NAMES)
        && !s.is_word(item.end, ORG_HEADS)
        && !s.hyphen_after(item.start)
        && !s.capitalised(item.end + 1)
        && prev.is_none_or(|p| !s.is_word(p, LOCATIVE) && !s.is_word(p, ARTICLE_AND))
    {
        return true;
    }
    // An organisation: capitalised words (other country words among them)
    // ending in an organisation word.
    let mut t = item.end;
    let mut words = 0;
    while t < s.tokens.len() && words < 5 {
        if words > 0 && s.lower(t) && s.is_word(t, NAME_LINK) {
            t += 1;
            continue;
        }
        if !s.capitalised(t) {
            break;
        }
        if s.is_word(t, ORG_HEADS) {
            return true;
        }
        match item_at(items, t) {
            Some(j)
                if matches!(
                    items[j].what,
                    What::Actor(_, MentionKind::Name | MentionKind::Demonym)
                ) =>
            {
                t = items[j].end;
            }
            Some(_) => break,
            None => t += 1,
        }
        words += 1;
    }
    false
}

/// Whether a capital is a place rather than the state:
/// - after a locative preposition ("in Doha", "returned to Doha"), unless
///   the word before "to", "from", "of" or "at" is relational ("a warning
///   to Tehran", "pressure from Washington");
/// - in a "-based" compound ("a Jerusalem-based reporter");
/// - as the place of a named thing or of a place noun ("the Doha talks",
///   "a Washington think tank", "Doha Forum");
/// - in a dateline or byline ("WASHINGTON (AP) —", "BBC News, Washington")
///   or as the city "Washington, D.C.", or named as a city ("the capital
///   Islamabad").
fn capital_is_place(s: &Sentence, items: &[Item], i: usize) -> bool {
    let item = items[i];
    if let Some(prev) = item.start.checked_sub(1)
        && s.is_word(prev, LOCATIVE)
    {
        let gives_way = s.is_word(prev, GIVES_WAY);
        let relational = prev
            .checked_sub(1)
            .is_some_and(|pp| s.is_word(pp, RELATIONAL));
        if !(gives_way && relational) {
            return true;
        }
    }
    // The city named as a city: "the capital Islamabad", "the Iranian
    // capital, Tehran".
    let mut before = item.start;
    if before > 0 && s.boundary_char(before - 1) == Some(",") {
        before -= 1;
    }
    if before > 0 && s.is_word(before - 1, CITY) {
        return true;
    }
    let next = item.end;
    if s.hyphen_after(next - 1) && s.is_word(next, PLACE_COMPOUND) {
        return true;
    }
    if s.lower(next) && s.is_word(next, PLACE_HEADS) {
        return true;
    }
    if s.capitalised(next)
        && item_at(items, next).is_none()
        && !s.is_word(next, NOT_NAMES)
        && !s.hyphen_after(next - 1)
    {
        return true;
    }
    // "Washington, D.C.", "Washington DC".
    let dc = if s.boundary_char(next) == Some(",") {
        next + 1
    } else {
        next
    };
    if s.word(dc)
        .is_some_and(|w| w.eq_ignore_ascii_case("D.C.") || w == "DC" || w == "D.C")
    {
        return true;
    }
    // Datelines: first in the sentence, in capitals or before a dash or a
    // bracket.
    if item.start == 0 {
        let caps = s
            .word(0)
            .is_some_and(|w| w.len() > 2 && w.chars().all(|c| !c.is_lowercase()));
        let dash = matches!(s.boundary_char(next), Some("—" | "–" | "-" | "("));
        if caps || dash {
            return true;
        }
    }
    // Bylines: last in the sentence, after a comma.
    if item.end == s.tokens.len()
        && item
            .start
            .checked_sub(1)
            .is_some_and(|p| s.boundary_char(p) == Some(","))
    {
        return true;
    }
    false
}

/// Whose an institution is. One with a `shared` office (a Senate, an Army,
/// a Supreme Court) belongs to the country named right before it ("the
/// Pakistan Army", "Pakistan's Senate", "the Senate of Pakistan"), and to
/// nobody after a name of no actor or a state's word ("the Texas Senate",
/// "the Royal Navy", "the state Senate"). A person, party or office before
/// it does not change its owner ("the Republican Senate"). Others are
/// their actor's.
fn institution_owner(
    s: &Sentence,
    items: &[Item],
    i: usize,
    actor: ActorIndex,
) -> Option<ActorIndex> {
    let item = items[i];
    let shared = s
        .lexicon
        .tag(item.term)
        .office()
        .and_then(|o| s.lexicon.office(o))
        .is_some_and(|o| o.shared);
    if !shared {
        return Some(actor);
    }
    match qualifier(s, items, i, true) {
        Qualifier::Actor(
            a,
            What::Actor(_, MentionKind::Name | MentionKind::Demonym | MentionKind::Capital),
        ) => Some(a),
        Qualifier::Other | Qualifier::Region(_) => None,
        Qualifier::Actor(..) | Qualifier::Former(_) | Qualifier::None => Some(actor),
    }
}

/// A one-letter party label counts only as a party tag: "(D-Wis.)",
/// ", R-S.D.," after a legislator's name. Longer party terms always count.
fn party_tag_ok(s: &Sentence, item: &Item) -> bool {
    let word = s.word(item.start).unwrap_or_default();
    if word.chars().count() > 1 || item.end - item.start > 1 {
        return true;
    }
    let after_bracket = item
        .start
        .checked_sub(1)
        .is_some_and(|p| matches!(s.boundary_char(p), Some("(" | ",")));
    after_bracket && s.hyphen_after(item.start) && s.capitalised(item.end)
}

/// Surnames remembered from titles, met again as words no term took
/// (`candidates`, capitalised): "Rep. Jane Roe ... Roe said".
fn surnames_in(
    s: &Sentence,
    candidates: &[usize],
    state: &ActorState,
    sentence: usize,
    out: &mut Vec<ActorMention>,
) {
    for &t in candidates {
        let Some((Some(actor), term)) = s.keys.get(t).and_then(|&k| state.surname(k)) else {
            continue;
        };
        let span = s.tokens[t].span;
        // The title that named the person is in this sentence: its mention
        // covers the surname already.
        if out
            .iter()
            .any(|m| m.span.start <= span.start && span.end <= m.span.end)
        {
            continue;
        }
        out.push(mention(actor, term, span, sentence, MentionKind::Person));
    }
}
