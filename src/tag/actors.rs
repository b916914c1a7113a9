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

use super::{ActorMention, Found};
use crate::Span;
use crate::article::Date;
use crate::lexicon::{ActorIndex, Lexicon, MentionKind, OfficeIndex, Role, TermIndex};
use crate::tokens::{Token, TokenKind};

// ---------------------------------------------------------------------------
// Word lists. Each is English grammar or naming practice, not the story:
// the story's words are lexicon data.

/// Prepositions after which a capital is a place: "talks in Doha",
/// "returned to Doha", "a reporter from Tehran". "to", "from", "of" and
/// "at" give way to [`RELATIONAL`] words before them.
#[rustfmt::skip]
const LOCATIVE: &[&str] = &[
    "in", "at", "to", "into", "from", "of", "near", "outside", "around", "across", "throughout",
    "inside", "within", "toward", "towards", "via", "through", "onto", "beyond", "along",
];

/// Words after which "to", "from", "of" or "at" plus a capital is the state
/// that receives, sends, owns or is targeted: "a message to Tehran",
/// "pressure from Washington", "the demands of Tehran", "aimed at Doha".
#[rustfmt::skip]
const RELATIONAL: &[&str] = &[
    "message", "messages", "letter", "letters", "warning", "warnings", "signal", "signals",
    "outreach", "overture", "overtures", "concession", "concessions", "offer", "offers",
    "proposal", "proposals", "threat", "threats", "ultimatum", "ultimatums", "appeal", "appeals",
    "response", "reply", "pressure", "support", "help", "cooperation", "demand", "demands",
    "request", "requests", "complaint", "complaints", "objection", "objections", "opposition",
    "criticism", "praise", "rejection", "denial", "denials", "retaliation", "retribution",
    "revenge", "accusation", "accusations", "answer", "answers", "guidance", "aid", "funds",
    "ties", "links", "link", "loyal", "loyalty", "hostile", "hostility", "close", "closer", "tied",
    "beholden", "allegiance", "ally", "allies", "enemy", "enemies", "proxy", "proxies", "agents",
    "puppets", "behest", "interests", "policy", "policies", "position", "intentions", "ambitions",
    "leaders", "rulers", "aimed", "directed", "angry", "furious", "jab", "swipe", "respond",
    "responded", "replied", "appealed", "turned", "gift", "gifts", "notice",
];

/// Nouns after a capital that make it the place of something: "the Doha
/// talks", "a Washington think tank", "a Jerusalem church", "Tehran
/// residents".
#[rustfmt::skip]
const PLACE_HEADS: &[&str] = &[
    "talks", "agreement", "accord", "accords", "summit", "meeting", "meetings", "conference",
    "forum", "round", "process", "office", "offices", "bureau", "correspondent", "reporter",
    "reporters", "journalist", "journalists", "think", "institute", "university", "hospital",
    "church", "temple", "mosque", "synagogue", "hotel", "hotels", "airport", "embassy",
    "consulate", "area", "region", "suburb", "suburbs", "neighborhood", "neighbourhood",
    "district", "street", "streets", "resident", "residents", "home", "homes", "station", "stock",
    "bazaar", "market", "metro", "subway", "traffic", "skyline", "crowd", "crowds", "police",
    "mayor", "municipality", "city", "marathon", "province", "apartment", "prison", "lobbyist",
    "lobbyists", "firm", "restaurant", "rally", "protest", "protests", "demonstration",
    "demonstrations", "event", "gathering", "ceremony", "trip", "visit", "flight", "chapter",
    "branch", "press", "insiders", "circles", "based", "times", "post",
];

/// Capitalised words that end an organisation's or publication's name:
/// a country's name or demonym before them is part of the name ("the
/// American Academy of Pediatrics", "Iranian Students News Agency").
#[rustfmt::skip]
const ORG_HEADS: &[&str] = &[
    "academy", "association", "associations", "society", "foundation", "institute", "institution",
    "university", "college", "school", "hospital", "clinic", "church", "museum", "airlines",
    "airways", "express", "bank", "corporation", "company", "corp", "inc", "club", "league",
    "federation", "network", "press", "times", "post", "journal", "news", "magazine", "herald",
    "tribune", "radio", "television", "tv", "channel", "broadcasting", "center", "centre", "fund",
    "project", "prize", "council", "committee", "conference", "chamber", "union", "cross",
    "legion", "group", "industries", "aerospace", "forum", "coalition", "studies", "review",
    "daily", "weekly", "monthly", "observer", "today", "gazette", "examiner", "courier",
    "dispatch", "media", "idol", "agency", "watch", "unit", "research",
];

/// Titles of people that are not offices of an actor: the capitalised
/// words after them are a name, whatever country word it contains
/// ("Sheriff Scott Israel", "Mr. Israel").
#[rustfmt::skip]
const PERSON_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sheriff", "rabbi", "rev",
    "reverend", "pastor", "father", "imam", "sir", "lord", "lady", "dame", "judge", "gov",
    "governor", "mayor", "lt", "sgt", "capt", "cpl", "pvt", "col", "gen", "adm", "maj", "cmdr",
    "officer", "detective", "coach", "commissioner", "councilman", "councilwoman", "alderman",
    "assemblyman", "assemblywoman", "brother", "sister", "saint", "st", "sheikh", "ayatollah",
    "mullah", "cardinal", "bishop", "archbishop",
];

/// Given names, for country words inside a person's name: "Steve
/// Israel", "Scott Israel", and "Israel" or "America" as a first name
/// ("Israel Hernandez"). Common English given names, as any list of
/// them has them.
#[rustfmt::skip]
const GIVEN_NAMES: &[&str] = &[
    "israel", "america", "aaron", "adam", "alan", "albert", "alex", "alexander", "alice", "amy",
    "andrew", "andy", "angela", "ann", "anna", "anne", "anthony", "arthur", "barbara", "ben",
    "benjamin", "beth", "betty", "bill", "bob", "brad", "brian", "bruce", "carl", "carol",
    "catherine", "charles", "chris", "christopher", "chuck", "craig", "dan", "daniel", "dave",
    "david", "deborah", "dennis", "diane", "don", "donald", "donna", "doug", "douglas", "ed",
    "edward", "elizabeth", "emily", "eric", "frank", "gary", "george", "gerald", "greg", "gregory",
    "harold", "helen", "henry", "jack", "james", "jane", "janet", "jason", "jeff", "jeffrey",
    "jennifer", "jerry", "jessica", "jim", "joe", "john", "jon", "jonathan", "joseph", "josh",
    "joshua", "judy", "julie", "justin", "karen", "kate", "katherine", "keith", "ken", "kenneth",
    "kevin", "larry", "laura", "lawrence", "linda", "lisa", "mark", "martha", "mary", "matt",
    "matthew", "michael", "michelle", "mike", "nancy", "nick", "nicholas", "pam", "pat",
    "patricia", "patrick", "paul", "peter", "phil", "philip", "ralph", "randy", "ray", "raymond",
    "rebecca", "richard", "rick", "rob", "robert", "roger", "ron", "ronald", "rose", "russell",
    "ruth", "ryan", "sam", "samuel", "sandra", "sarah", "scott", "sharon", "stephen", "steve",
    "steven", "sue", "susan", "ted", "terry", "thomas", "tim", "timothy", "tom", "tony", "victor",
    "walter", "wayne", "william",
];

/// Words before a role noun that make it definite: it refers back ("the
/// president", "his administration", "the country's president").
const DEFINITE: &[&str] = &[
    "the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "whose", "'s",
];

/// Words before a role noun that make it generic or indefinite ("a
/// potential president", "any president"), or predicative ("as
/// president"): it names no one in particular.
#[rustfmt::skip]
const GENERIC: &[&str] = &[
    "a", "an", "any", "every", "each", "no", "another", "either", "neither", "as", "what", "which",
    "whichever",
];

/// Numbers and quantifiers before a role noun: actual members of a body
/// ("one senator", "two lawmakers"), generic for offices every state has
/// but not for one state's own ("one senator" is a US senator).
const QUANTIFIERS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "several", "many", "some", "few", "most", "all",
    "both", "other", "more", "fellow",
];

/// Words that say a person is not in the office at the time of writing
/// ("former President X", "then-Secretary X", "the late Senator X",
/// "President-elect X"). Used when the article has no date, and always
/// for people the lexicon does not know.
#[rustfmt::skip]
const OUT_MARKERS: &[&str] = &[
    "former", "ex", "then", "late", "onetime", "erstwhile", "future", "next", "incoming", "elect",
    "previous", "past", "would", "be",
];

/// Words that may stand between a qualifier or determiner and its role
/// noun ("Israel's longest-serving prime minister", "the new
/// administration", "the U.S. special envoy").
#[rustfmt::skip]
const MODIFIERS: &[&str] = &[
    "new", "top", "current", "sitting", "acting", "interim", "caretaker", "deputy", "chief",
    "senior", "special", "longtime", "longest", "serving", "powerful", "hardline", "hard", "line",
    "moderate", "conservative", "reformist", "embattled", "beleaguered", "outgoing", "newly",
    "elected", "appointed", "democratically", "civilian", "own", "first", "second", "same",
    "whole", "entire", "supreme", "military", "civil", "leading", "key", "principal",
    "influential", "veteran", "lead", "nuclear", "foreign", "permanent", "appeals", "appellate",
    "circuit", "district", "high", "highest", "lower", "armed",
];

/// Capitalised words that are not names: before a role noun or an
/// institution they qualify nothing ("But Congress", "The Senate"), after
/// a title they start no name.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "and", "but", "or", "if", "when", "while", "as", "at", "in", "on", "of", "for", "to",
    "from", "with", "by", "after", "before", "since", "under", "over", "yet", "so", "then", "now",
    "also", "even", "still", "meanwhile", "however", "many", "some", "most", "all", "both", "each",
    "every", "no", "not", "former", "acting", "deputy", "vice", "new", "top", "senior", "chief",
    "interim", "caretaker", "current", "incoming", "outgoing", "late", "ex", "today", "yesterday",
    "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "i", "we", "he", "she", "they", "it", "you", "who", "what", "why",
    "how", "where", "there", "here", "is", "was", "are", "were", "will", "would", "said", "says",
    "says", "first", "last", "next", "why", "said", "according", "said", "photo", "file", "update",
    "editor", "note", "read", "more", "watch", "see", "image", "credit", "caption", "getty", "ap",
    "reuters", "afp", "amb", "ambassador", "minister", "president", "premier", "envoy", "embassy",
    "consulate",
];

/// Prefixes joined to a country word by a hyphen that keep it the country
/// ("anti-American", "pro-Iran", "post-Soviet"): unlike "African-American",
/// no ethnic or organisation name.
const PREFIXES: &[&str] = &[
    "anti", "pro", "non", "post", "pre", "neo", "pan", "ex", "co", "mid", "trans", "inter", "un",
    "all", "semi", "quasi", "ultra",
];

/// Lower-case words before an institution or role noun that make it a
/// state's, province's or city's, not the country's ("the state Senate",
/// "local government").
#[rustfmt::skip]
const SUBNATIONAL: &[&str] = &[
    "state", "local", "provincial", "county", "city", "municipal", "tribal", "regional", "town",
    "village",
];

fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

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
    /// Surnames of people named with a title in this article, with their
    /// actor (`None`: a person who counts for no actor) and the title's
    /// term.
    surnames: Vec<(Span, Option<ActorIndex>, TermIndex)>,
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

    fn surname(&self, text: &str, word: &str) -> Option<(Option<ActorIndex>, TermIndex)> {
        self.surnames
            .iter()
            .rev()
            .find(|(span, _, _)| text.get(span.range()) == Some(word))
            .map(|&(_, actor, term)| (actor, term))
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
}

/// The sentence being read.
struct Sentence<'a> {
    lexicon: &'a Lexicon,
    text: &'a str,
    tokens: &'a [Token],
}

impl Sentence<'_> {
    fn word(&self, t: usize) -> Option<&str> {
        let token = self.tokens.get(t)?;
        (token.kind != TokenKind::Boundary).then(|| self.text.get(token.span.range()))?
    }

    fn is_word(&self, t: usize, list: &[&str]) -> bool {
        self.word(t).is_some_and(|w| is_one_of(w, list))
    }

    fn capitalised(&self, t: usize) -> bool {
        self.word(t)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    }

    fn lower(&self, t: usize) -> bool {
        self.word(t)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_lowercase)
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

/// Collects the sentence's actor terms and role nouns from the matches.
fn collect(lexicon: &Lexicon, found: &[Found], items: &mut Vec<Item>) {
    items.clear();
    for f in found {
        for &term in lexicon.matcher.payload(f.node) {
            let term = TermIndex::new(term as usize);
            let what = match lexicon.terms()[term.index()].role {
                Role::Actor(actor) => match lexicon.term_info(term).kind {
                    Some(kind) => What::Actor(actor, kind),
                    None => What::Region(actor),
                },
                Role::Office(office) => What::Office(office),
                _ => continue,
            };
            items.push(Item {
                start: f.start,
                end: f.end,
                term,
                what,
                resolved: Resolved::Pending,
            });
            break;
        }
    }
}

/// Finds the actor mentions of one sentence (`found`: its leftmost-longest
/// matches, in order) and appends them to `actors`, in text order.
#[allow(clippy::too_many_arguments)]
pub(crate) fn sentence_mentions(
    lexicon: &Lexicon,
    text: &str,
    tokens: &[Token],
    found: &[Found],
    sentence: usize,
    state: &mut ActorState,
    scratch: &mut ActorScratch,
    actors: &mut Vec<ActorMention>,
) {
    collect(lexicon, found, &mut scratch.items);
    if scratch.items.is_empty() && state.surnames.is_empty() {
        return;
    }
    let s = Sentence {
        lexicon,
        text,
        tokens,
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
    if !state.surnames.is_empty() {
        surnames_in(&s, found, state, sentence, out);
    }
    out.sort_by_key(|m| m.span.start);
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
    let info = lexicon.term_info(m.term);
    match m.kind {
        MentionKind::Party => true,
        MentionKind::Person if !info.people.is_empty() => {
            let mut offices = info
                .people
                .iter()
                .filter_map(|&p| lexicon.people().get(p.index()))
                .flat_map(|p| p.terms.iter())
                .filter(|t| date.is_none_or(|d| t.covers(d)))
                .peekable();
            offices.peek().is_some() && offices.all(|t| domestic(t.office))
        }
        _ => domestic(info.office),
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
    let people = &lexicon.term_info(term).people;
    let recent = |t: &crate::lexicon::TermOfOffice| {
        lexicon
            .undated_from()
            .is_none_or(|from| t.until.is_none_or(|u| u >= from))
    };
    people
        .iter()
        .filter_map(|p| lexicon.people().get(p.index()))
        .any(|p| match date {
            Some(d) => p.terms.is_empty() || p.terms.iter().any(|t| t.covers(d)),
            None => !marked_out && (p.terms.is_empty() || p.terms.iter().any(recent)),
        })
}

/// Sets the latest mention of every office the person of `term` holds on
/// the date (all their offices without a date) to `actor`.
fn person_offices(lexicon: &Lexicon, term: TermIndex, actor: ActorIndex, state: &mut ActorState) {
    let date = state.date;
    let people = &lexicon.term_info(term).people;
    for p in people
        .iter()
        .filter_map(|p| lexicon.people().get(p.index()))
    {
        for t in &p.terms {
            if let Some(office) = t.office
                && date.is_none_or(|d| t.covers(d))
            {
                state.set(lexicon, office, Some(actor));
            }
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
        if skipped < 3 && s.is_word(prev, MODIFIERS) && item_at(items, prev).is_none() {
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
    if s.is_word(after, &["of"]) || (body && s.is_word(after, &["in"])) {
        let mut t = after + 1;
        if s.is_word(t, &["the"]) {
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
            state
                .surnames
                .push((s.tokens[to - 1].span, actor, item.term));
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
    if let Some(office) = s.lexicon.term_info(item.term).office {
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
        if s.is_word(prev, PERSON_TITLES) {
            if t != item.start || s.capitalised(item.start) {
                state
                    .surnames
                    .push((s.tokens[item.end - 1].span, None, item.term));
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
    let word = s.word(item.start)?;
    let (actor, _) = state.surname(s.text, word)?;
    if let Some(prev) = item.start.checked_sub(1)
        && (s.is_word(prev, LOCATIVE)
            || s.is_word(
                prev,
                &["the", "and", "with", "against", "on", "for", "by", "than"],
            ))
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
        && s.is_word(p, &["for", "of", "on"])
        && let Some(mut head) = p.checked_sub(1)
    {
        if s.is_word(head, &["the"]) {
            head = head.saturating_sub(1);
        }
        if s.capitalised(head) && s.is_word(head, ORG_HEADS) && item_at(items, head).is_none() {
            return true;
        }
    }
    // A given name before a surname: the country word is a first name.
    if item.end - item.start == 1
        && s.is_word(item.start, GIVEN_NAMES)
        && s.capitalised(item.end)
        && item_at(items, item.end).is_none()
        && !s.is_word(item.end, NOT_NAMES)
        && !s.is_word(item.end, ORG_HEADS)
        && !s.hyphen_after(item.start)
        && !s.capitalised(item.end + 1)
        && prev.is_none_or(|p| !s.is_word(p, LOCATIVE) && !s.is_word(p, &["the", "and"]))
    {
        return true;
    }
    // An organisation: capitalised words (other country words among them)
    // ending in an organisation word.
    let mut t = item.end;
    let mut words = 0;
    while t < s.tokens.len() && words < 5 {
        if s.is_word(t, &["of", "for", "and", "the", "on", "&"]) && words > 0 {
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
        let gives_way = s.is_word(prev, &["to", "from", "of", "at"]);
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
    if before > 0
        && s.is_word(
            before - 1,
            &["capital", "city", "town", "cities", "capitals"],
        )
    {
        return true;
    }
    let next = item.end;
    if s.hyphen_after(next - 1) && s.is_word(next, &["based", "area", "born", "bound"]) {
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
        .term_info(item.term)
        .office
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

/// Surnames remembered from titles, met again as words no term took:
/// "Rep. Jane Roe ... Roe said".
fn surnames_in(
    s: &Sentence,
    found: &[Found],
    state: &ActorState,
    sentence: usize,
    out: &mut Vec<ActorMention>,
) {
    let mut f = 0;
    for t in 0..s.tokens.len() {
        while found.get(f).is_some_and(|x| x.end <= t) {
            f += 1;
        }
        if found.get(f).is_some_and(|x| x.start <= t) || !s.capitalised(t) {
            continue;
        }
        let Some(word) = s.word(t) else { continue };
        let Some((Some(actor), term)) = state.surname(s.text, word) else {
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
