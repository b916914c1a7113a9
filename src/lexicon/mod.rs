//! Lexicons: the word lists that define actors and cues, loaded from TOML and
//! compiled once into a matcher.
//!
//! The file format, term syntax and category roles are documented on
//! [`Lexicon`], the public face of this module.
//!
//! # Layout
//!
//! - this file: the public model ([`Lexicon`], [`Actor`], [`Category`],
//!   [`Term`], [`Role`]) and [`LexiconBuilder`];
//! - `format`: the TOML schema, and the merge of several files into one
//!   model with every entry's file and line;
//! - `compile`: the model compiled into terms, a version hash and the
//!   matcher, with conflicts reported;
//! - `matcher`: the run-time trie over per-word keys that the tagger walks.

mod compile;
mod format;
pub(crate) mod matcher;
pub(crate) mod speech;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::article::Date;
use crate::error::{LexiconError, LexiconErrorKind};
use format::{Model, RawFile, line_of};
use matcher::Matcher;

/// The default lexicon files, embedded at compile time, in load order.
pub const DEFAULT_FILES: [(&str, &str); 5] = [
    (
        "actors.toml",
        include_str!("../../data/lexicons/actors.toml"),
    ),
    ("cues.toml", include_str!("../../data/lexicons/cues.toml")),
    (
        "frames.toml",
        include_str!("../../data/lexicons/frames.toml"),
    ),
    ("rules.toml", include_str!("../../data/lexicons/rules.toml")),
    (
        "speech.toml",
        include_str!("../../data/lexicons/speech.toml"),
    ),
];

/// Typed positions in a lexicon, so that an actor's index cannot be used
/// for a category or a term. Each is valid only for the lexicon that gave
/// it (and any lexicon with the same [`version`](Lexicon::version)).
macro_rules! lexicon_index {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(usize);

        impl $name {
            pub(crate) fn new(index: usize) -> Self {
                $name(index)
            }

            /// The position, for indexing plain vectors in lexicon order.
            pub fn index(self) -> usize {
                self.0
            }
        }
    };
}

lexicon_index!(
    /// An actor's position in the lexicon ([`Lexicon::actors`]).
    ActorIndex
);
lexicon_index!(
    /// A category's position in the lexicon ([`Lexicon::categories`]).
    CategoryIndex
);
lexicon_index!(
    /// A term's position in the lexicon ([`Lexicon::terms`]).
    TermIndex
);
lexicon_index!(
    /// An office's position in the lexicon ([`Lexicon::offices`]).
    OfficeIndex
);
lexicon_index!(
    /// A person's position in the lexicon ([`Lexicon::people`]).
    PersonIndex
);

/// How an actor is mentioned: which list of the actor's lexicon entry the
/// words come from, or a role noun that took the actor from its context.
/// Reports break an actor's mentions down by kind, so that one can see
/// what drives its salience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// The country's name, also inside a compound ("U.S.-Iran").
    Name,
    /// Its demonym ("Iranian", "Americans").
    Demonym,
    /// Its capital or a seat of power standing for the government
    /// ("Tehran rejected", "people on the Hill").
    Capital,
    /// A government body, chamber, agency, court or armed force ("the
    /// Pentagon", "Congress", "the IRGC").
    Institution,
    /// An office-holder in office at the article's date, or a title with
    /// a name ("Sen. Smith").
    Person,
    /// A national political party ("Republicans", "Likud").
    Party,
    /// A role or body noun that takes its actor from its context ("the
    /// president", "Iran's foreign minister", "the administration").
    Role,
}

impl MentionKind {
    /// Every kind, in report order.
    pub const ALL: [MentionKind; 7] = [
        MentionKind::Name,
        MentionKind::Demonym,
        MentionKind::Capital,
        MentionKind::Institution,
        MentionKind::Person,
        MentionKind::Party,
        MentionKind::Role,
    ];

    /// The lower-case name used in reports (`"name"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Name => "name",
            MentionKind::Demonym => "demonym",
            MentionKind::Capital => "capital",
            MentionKind::Institution => "institution",
            MentionKind::Person => "person",
            MentionKind::Party => "party",
            MentionKind::Role => "role",
        }
    }
}

/// An office or body that role nouns refer to ("president",
/// "legislature"): declared in a lexicon's `[offices.NAME]` table, held by
/// people for terms, named by institutions and by role nouns. A bare role
/// noun ("the president") takes the actor of the latest explicit mention
/// of its office in the same article.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Office {
    /// Its name in lexicon files (`president`).
    pub name: String,
    /// The actor whose office it is when it is one state's own
    /// ("secretary of state": US); `None` for offices every state has.
    pub actor: Option<ActorIndex>,
    /// A body rather than a person ("administration", "military"): named
    /// after a person ("the Obama administration") it is the state whatever
    /// the date.
    pub body: bool,
    /// Other states and their states and provinces have bodies or posts of
    /// this name ("Senate", "Army", "Supreme Court"): a name before it that
    /// is no actor's ("the Texas Senate", "the British Army") takes it
    /// away from the actor.
    pub shared: bool,
    /// Domestic politics (legislators): left out with
    /// `domestic_politics = false`.
    pub domestic: bool,
    /// Offices an explicit mention of this one also makes explicit (the
    /// president's "administration").
    pub implies: Vec<OfficeIndex>,
}

/// A term of office: held from `from` to `until`, both inclusive, either
/// open when `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermOfOffice {
    /// The office, if the lexicon names one.
    pub office: Option<OfficeIndex>,
    /// First day in office.
    pub from: Option<Date>,
    /// Last day in office.
    pub until: Option<Date>,
}

impl TermOfOffice {
    /// Whether the term covers `date`.
    pub fn covers(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }
}

/// A person of an actor's `people` list.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Person {
    /// The name as written in the lexicon.
    pub name: String,
    /// Whose office-holder.
    pub actor: ActorIndex,
    /// Terms of office. A person with none counts whatever the date (the
    /// lexicon format before terms existed).
    pub terms: Vec<TermOfOffice>,
}

/// What the tagger needs to know about a term beyond its [`Role`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TermInfo {
    /// For an actor term: which list it came from.
    pub(crate) kind: Option<MentionKind>,
    /// The office it names (institutions, role nouns).
    pub(crate) office: Option<OfficeIndex>,
    /// For a person's name or alias: every person it names (one alias may
    /// name several people of one actor: "Bush").
    pub(crate) people: Vec<PersonIndex>,
    /// One of the actor's `regions` (a state, province or city): never a
    /// mention, but it makes the office or body after it regional.
    pub(crate) region: bool,
    /// The word that must stand right before the term for it to count
    /// ("the" before "Hill"), exactly as written.
    pub(crate) after: Option<Box<str>>,
}

/// What the actor rules read about a term, packed in 16 bytes so that the
/// tagger's look-ups stay in cache ([`TermInfo`] has the rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TermTag {
    /// The actor of an actor term (`u16::MAX`: none).
    actor: u16,
    /// The office a role noun or an institution names (`u16::MAX`: none).
    office: u16,
    /// Its kind, as its place in [`MentionKind::ALL`] plus one (0: none;
    /// with an actor, one of the actor's regions).
    kind: u8,
    /// A word must stand right before it (see [`TermInfo::after`]).
    pub(crate) after: bool,
    /// Its people's terms of office: `Lexicon::spans[spans.0..spans.1]`.
    pub(crate) spans: (u32, u32),
}

impl TermTag {
    const NONE: TermTag = TermTag {
        actor: u16::MAX,
        office: u16::MAX,
        kind: 0,
        after: false,
        spans: (0, 0),
    };

    /// Packs a term's tag. Lexicons with more than 65,534 actors or
    /// offices are refused when compiled, so the indices fit.
    pub(crate) fn new(
        actor: Option<ActorIndex>,
        kind: Option<MentionKind>,
        office: Option<OfficeIndex>,
        after: bool,
        spans: (u32, u32),
    ) -> Self {
        let small = |i: Option<usize>| i.and_then(|i| u16::try_from(i).ok()).unwrap_or(u16::MAX);
        TermTag {
            actor: small(actor.map(ActorIndex::index)),
            office: small(office.map(OfficeIndex::index)),
            kind: kind
                .and_then(|k| MentionKind::ALL.iter().position(|&x| x == k))
                .map_or(0, |p| p as u8 + 1),
            after,
            spans,
        }
    }

    /// The actor of an actor term.
    pub(crate) fn actor(self) -> Option<ActorIndex> {
        (self.actor != u16::MAX).then(|| ActorIndex(usize::from(self.actor)))
    }

    /// The office a role noun or an institution names.
    pub(crate) fn office(self) -> Option<OfficeIndex> {
        (self.office != u16::MAX).then(|| OfficeIndex(usize::from(self.office)))
    }

    /// The kind of an actor term (`None` for a region).
    pub(crate) fn kind(self) -> Option<MentionKind> {
        usize::from(self.kind)
            .checked_sub(1)
            .and_then(|i| MentionKind::ALL.get(i).copied())
    }
}

/// A term of office as the tagger checks it: inclusive bounds as
/// [`Date::ordinal`] numbers (0 and `u32::MAX` when open) and the office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OfficeSpan {
    pub(crate) from: u32,
    pub(crate) until: u32,
    pub(crate) office: Option<OfficeIndex>,
}

impl OfficeSpan {
    pub(crate) fn of(term: &TermOfOffice) -> Self {
        OfficeSpan {
            from: term.from.map_or(0, Date::ordinal),
            until: term.until.map_or(u32::MAX, Date::ordinal),
            office: term.office,
        }
    }

    /// Whether the span covers the day `date` (an ordinal).
    pub(crate) fn covers(&self, date: u32) -> bool {
        self.from <= date && date <= self.until
    }
}

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

/// What a cue category stands for in the derived metrics. The metrics that
/// combine categories (`uncertain_share`, `certainty`, `breakthrough_share`,
/// `outcome_balance`, `actor_hedging`) find their categories by role, so a
/// lexicon may name its categories as it likes (`role = "hedge"` in the
/// file). At most one category has each role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum CategoryRole {
    /// The writer holds back commitment.
    Hedge,
    /// The writer asserts certainty.
    Booster,
    /// Incremental movement.
    Progress,
    /// Decisive outcome.
    Breakthrough,
    /// Failure or blockage.
    Setback,
}

impl CategoryRole {
    /// Every role, in the order the lexicon format documents them.
    pub const ALL: [CategoryRole; 5] = [
        CategoryRole::Hedge,
        CategoryRole::Booster,
        CategoryRole::Progress,
        CategoryRole::Breakthrough,
        CategoryRole::Setback,
    ];

    /// The name used in lexicon files (`"hedge"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            CategoryRole::Hedge => "hedge",
            CategoryRole::Booster => "booster",
            CategoryRole::Progress => "progress",
            CategoryRole::Breakthrough => "breakthrough",
            CategoryRole::Setback => "setback",
        }
    }

    /// The role with this name in lexicon files.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == name)
    }
}

/// The derived metrics that combine categories, with the roles each
/// needs (see [`CategoryRole`]). `actor_hedging` stands for every
/// `actor_hedging.<ID>`.
pub const ROLE_METRICS: [(&str, &[CategoryRole]); 5] = [
    ("uncertain_share", &[CategoryRole::Hedge]),
    ("certainty", &[CategoryRole::Booster, CategoryRole::Hedge]),
    (
        "breakthrough_share",
        &[CategoryRole::Breakthrough, CategoryRole::Progress],
    ),
    (
        "outcome_balance",
        &[
            CategoryRole::Progress,
            CategoryRole::Breakthrough,
            CategoryRole::Setback,
        ],
    ),
    ("actor_hedging", &[CategoryRole::Hedge]),
];

/// The word lists of the `[speech]` table, which the attribution stage
/// uses to find who says what (see [`Attribution`](crate::Attribution)).
/// Entries are lower-case words or phrases, matched case-insensitively
/// and word by word, with every inflected form listed (no `~` or `*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpeechList {
    /// Reporting verbs ("said", "told", "wrote"): they introduce a
    /// quotation or reported speech on either side, with the source as
    /// their subject ("X said") or after them ("said X").
    Verbs,
    /// Verbs of stance, thought and intention ("believes", "wants",
    /// "supports"): they attribute what follows them to their subject.
    Stance,
    /// Phrases that name the source after them ("according to X").
    According,
    /// Role nouns ("official", "spokesman"): a source made of them and
    /// function words only is resolved like a pronoun.
    Roles,
}

impl SpeechList {
    /// Every list, in the order of the `[speech]` table.
    pub const ALL: [SpeechList; 4] = [
        SpeechList::Verbs,
        SpeechList::Stance,
        SpeechList::According,
        SpeechList::Roles,
    ];

    /// The key in the `[speech]` table (`"verbs"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            SpeechList::Verbs => "verbs",
            SpeechList::Stance => "stance",
            SpeechList::According => "according",
            SpeechList::Roles => "roles",
        }
    }
}

/// A cue category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Name used in reports (`hedge`, `diplomacy`, ...).
    pub name: String,
    /// Cue or frame.
    pub group: Group,
    /// What the category stands for in the derived metrics, if anything.
    pub role: Option<CategoryRole>,
    /// Definition, with the literature it follows.
    pub description: String,
    /// Its subtypes, in the order the lexicon files first give them (empty
    /// for an untyped category).
    pub subtypes: Vec<Subtype>,
}

/// What a matched term means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// A mention of this actor.
    Actor(ActorIndex),
    /// A phrase that must not count as a mention of this actor.
    ActorExclude(ActorIndex),
    /// A cue of this category.
    Cue(CategoryIndex),
    /// A phrase that must not count as a cue of this category.
    CueExclude(CategoryIndex),
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
    /// Makes a cue right after it hypothetical (within the near window:
    /// "to" before a verb, "a possible breakthrough").
    HypotheticalNear,
    /// Looks hypothetical, is not ("began to", "would later"): owns its
    /// words so that the trigger inside never acts.
    PseudoHypothetical,
    /// Ends a negation or hypothetical scope.
    Terminator,
    /// Ends a scope after the cue only (`after` in `[scope]`: "that"
    /// opening a relative clause).
    TerminatorAfter,
    /// A role noun of this office ("president", "lawmakers"), whose actor
    /// comes from its context.
    Office(OfficeIndex),
}

/// One lexicon term: the pattern as written and its role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The pattern as written in the lexicon (`"appear~"`, `"=US"`).
    pub pattern: String,
    /// What it means.
    pub role: Role,
    /// For a cue term of a category with subtypes: the position of its
    /// subtype in [`Category::subtypes`] (`None` for an untyped term).
    pub subtype: Option<usize>,
}

/// A subtype of a category (the hedges' `epistemic`, `doxastic`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subtype {
    /// Name used in reports (`hedge.<name>_per_1k`, `--sentences`).
    pub name: String,
    /// Counted in the category's rate but not in its strict sentence share
    /// (the hedges' approximators: `uncertain_share_strict` leaves them
    /// out).
    pub marginal: bool,
}

/// A non-fatal remark from building a lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LexiconWarning {
    /// An entry repeats an earlier entry with the same role (it is
    /// counted once).
    RepeatedEntry {
        /// The repeated pattern, as written.
        entry: String,
        /// Where the repetition is: file and line.
        file: String,
        /// Line in `file`.
        line: usize,
        /// The first entry's pattern, file and line.
        first: (String, String, usize),
    },
    /// A cue term of a later file (or of a dictionary) that an earlier
    /// category or actor also has: it counts for both (see
    /// [`Lexicon`], "Terms in several places").
    SharedEntry {
        /// The later pattern, as written.
        entry: String,
        /// Its file.
        file: String,
        /// Its line in `file`.
        line: usize,
        /// The earlier entry's pattern, file and line.
        first: (String, String, usize),
    },
    /// A term of a later file that overrides an earlier one of the same
    /// category: a term where the earlier file excluded it, or an
    /// exclusion of an earlier term (see [`Lexicon`], "Terms in several
    /// places").
    OverriddenEntry {
        /// The later pattern, as written.
        entry: String,
        /// Its file.
        file: String,
        /// Its line in `file`.
        line: usize,
        /// The overridden entry's pattern, file and line.
        first: (String, String, usize),
    },
    /// A metric is left out because the lexicon has a category with some
    /// of the roles it needs but none with this one.
    MetricUnavailable {
        /// The metric's name (`outcome_balance`).
        metric: String,
        /// The role no category has.
        missing: CategoryRole,
    },
}

impl fmt::Display for LexiconWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LexiconWarning::RepeatedEntry {
                entry,
                file,
                line,
                first,
            } => write!(
                f,
                "{file}:{line}: entry {entry:?} repeats {}:{} ({:?})",
                first.1, first.2, first.0
            ),
            LexiconWarning::SharedEntry {
                entry,
                file,
                line,
                first,
            } => write!(
                f,
                "{file}:{line}: entry {entry:?} is also at {}:{} ({:?}), in another category or \
                 actor: it counts for both",
                first.1, first.2, first.0
            ),
            LexiconWarning::OverriddenEntry {
                entry,
                file,
                line,
                first,
            } => write!(
                f,
                "{file}:{line}: entry {entry:?} overrides {}:{} ({:?}) of the same category",
                first.1, first.2, first.0
            ),
            LexiconWarning::MetricUnavailable { metric, missing } => write!(
                f,
                "{metric} is left out: no category has role = {:?}",
                missing.as_str()
            ),
        }
    }
}

/// A compiled lexicon: immutable, cheap to share across threads.
///
/// # File format
///
/// A lexicon file is TOML. Every table is optional; several files are
/// merged in order (the defaults first, then the user's). A table with
/// `replace = true` drops what earlier files said for that actor, category
/// or rule list; otherwise entries are added.
///
/// ```toml
/// [actors.US]                      # id: ASCII upper-case letters, digits, '_'
/// name = "United States"           # display name
/// names = ["United States", "U.S.", "=US", "USA", "America"]
/// demonyms = ["American", "Americans"]
/// places = ["Washington", { term = "=Hill", after = "the" }]  # capitals and seats
/// institutions = ["State Department", { term = "Senate", office = "legislature" }]
/// parties = ["Democrats", "GOP"]    # national parties
/// regions = ["=Texas", "=Ohio"]     # states: never a mention (see below)
/// people = [
///   { name = "Donald Trump", aliases = ["Trump"], terms = [
///       { office = "president", from = 2017-01-20, until = 2021-01-20 },
///       { office = "president", from = 2025-01-20 },
///   ] },
/// ]
/// exclude = ["Washington Post", "George Washington"]   # never a mention
///
/// [offices.president]              # name: lower-case ASCII letters, digits, '_'
/// terms = ["president"]            # role nouns ("the president")
/// implies = ["administration"]     # offices a mention of this one makes explicit
/// [offices.administration]
/// body = true                      # a body: the state whoever leads it
/// terms = ["administration"]
/// [offices.legislature]
/// body = true
/// shared = true                    # other states (and states of a country) have one
/// terms = ["parliament~"]
/// [offices.secretary_of_state]
/// actor = "US"                     # one state's own office
/// terms = ["secretary of state"]
/// [offices.legislator]
/// domestic = true                  # left out with domestic_politics = false
/// terms = ["lawmaker~"]
///
/// [mentions]
/// domestic_politics = true         # false: parties and `domestic` offices count for no one
/// undated_from = 2000-01-01        # see "People" below
///
/// [categories.hedge]               # name: lower-case ASCII letters, digits, '_'
/// group = "cue"                    # "cue" (the default for a new category) or "frame"
/// role = "hedge"                   # what it stands for in the metrics (see below)
/// description = "The writer holds back commitment (Hyland 2005)."
/// terms = ["might", "perhaps", "cautious optimism", "appear~", "=may"]
/// exclude = []                     # phrases containing a term that do not count
///
/// [negation]
/// before = ["no", "not", "never", "n't", "without", "failed to", "yet to"]
/// after = ["not", "n't"]           # "a deal was not reached"
/// pseudo = ["not only", "no doubt"] # look like negation, are not
/// window = 4                       # word tokens between trigger and cue (at most 32)
///
/// [hypothetical]
/// before = ["if", "unless", "whether", "hopes for", "would"]
/// after = []
/// window = 8
///
/// [scope]
/// terminators = ["but", "however", "although"]
/// after = ["that"]                 # end a scope after the cue only
///
/// [speech]                         # who says what (see SpeechList)
/// verbs = ["say", "says", "said", "saying", "told", "pointed out"]
/// stance = ["wants", "believes", "supports"]
/// according = ["according to"]
/// roles = ["official", "officials", "spokesman"]
/// ```
///
/// `[speech]` entries are lower-case words or phrases with every form
/// listed (no `~` or `*`; a hyphen is a space); they never tag a cue, and
/// only the attribution stage reads them.
///
/// # Actors
///
/// Each list of an actor gives its terms a [`MentionKind`]: `names`,
/// `demonyms`, `places` (capital), `institutions`, `parties`, `people`
/// (person). How the tagger reads them (see [`ActorMention`](crate::ActorMention)):
///
/// - `places` count when the capital or seat acts, speaks or owns, not
///   after a locative preposition ("in Doha"), in a "-based" compound, as
///   the place of a named thing ("the Doha talks") or in a dateline. An
///   entry may require a word right before it, exactly as written (`{ term
///   = "=Hill", after = "the" }`: "the Hill", not "Ms. Hill").
/// - `institutions` may name an office (`{ term = "Congress", office =
///   "legislature" }`): a mention of the institution is then an explicit
///   mention of the office. An institution whose office is `shared` belongs
///   to the country named right before it ("the Pakistan Army") and to
///   nobody after a name of no actor or of a region ("the Texas Senate",
///   "the Royal Navy").
/// - `parties` and `institutions` may share a term with a cue or frame
///   category (both count: "Democrats" is also a domestic-politics word);
///   names, demonyms, places and people may not.
/// - `regions` (states, provinces) are never mentions: they make the body
///   after them regional ("the Texas Senate"), while one state's own office
///   stays its ("the Idaho congressman").
/// - A name or demonym inside a person's name, an organisation's or an
///   ethnic term does not count ("Sheriff Scott Israel", "the American
///   Academy of Pediatrics", "African-American").
///
/// # People
///
/// A person (`name` and `aliases`) counts for the actor only on a day
/// inside one of their `terms` of office: `from` and `until` are inclusive,
/// TOML dates (`2017-01-20`) or strings (`"2017"`, `"2017-01"`: a year or
/// month alone is its first day in `from`, its last in `until`); either
/// may be left out (open), and a term's `office` is optional. The day is
/// the article's `published` date. Without a date, a person counts if one
/// of their terms reaches `[mentions] undated_from` (any term if unset),
/// unless the text calls them former, late, "then-" or "-elect". A person
/// with no terms counts on any day. Names and aliases match as written and
/// in capitals, case-sensitively ("Bill Clinton", "BILL CLINTON", not
/// "bill"); one alias may name several people of one actor ("Bush"), and
/// then counts when either is in office. A title before a name attaches to
/// it ("President X", "Sen. X"), and a surname first read with a title or
/// a full name keeps its actor for the rest of the article.
///
/// # Offices
///
/// An `[offices.NAME]` table declares an office or body that role nouns
/// refer to. Its `terms` are role nouns: a role noun takes the actor of a
/// qualifier ("Iran's president", "the president of Iran", "Republican
/// lawmakers"), or of the latest explicit mention of its office in the
/// article (a person holding it on the date, an institution naming it, a
/// qualified role noun), and none if there is none; a singular needs a
/// determiner ("the president"; not "as president", "a president").
/// `actor` makes it one state's own office, named without an earlier
/// mention; `body` keeps it the state when named after a person out of
/// office ("the Obama administration"); `shared` and `domestic` as above;
/// `implies` lists offices a mention of this one also makes explicit.
/// People's terms, institutions and `implies` must name declared offices.
/// With `[mentions] domestic_politics = false`, parties, role nouns and
/// titles of `domestic` offices, and people whose offices on the date are
/// all `domestic`, count for no one (for studies of foreign-policy
/// framing).
///
/// # Category roles
///
/// A cue category's `role` (`hedge`, `booster`, `progress`, `breakthrough`
/// or `setback`) says which derived metrics it feeds: `uncertain_share`
/// and `actor_hedging.*` need a hedge, `certainty` a hedge and a booster,
/// `breakthrough_share` a breakthrough and a progress, `outcome_balance`
/// those two and a setback. The metrics find categories by role, never by
/// name, so a lexicon can call its hedges `uncertainty`. At most one
/// category has a role (two are an error naming both). A metric whose
/// roles are partly present is left out with a [`LexiconWarning`]; one
/// whose roles are all absent is left out silently (the lexicon is about
/// something else). Every category gets its `<name>_per_1k` rate.
///
/// # Term syntax
///
/// A term is one or more words separated by spaces, matched against
/// consecutive word tokens (as the tokenizer splits words): a hyphen in a term is a
/// space ("step-by-step"), "U.S." is one word, "didn't" is `did` `n't`.
/// - Words match case-insensitively: "breakthrough" matches "BREAKTHROUGH".
/// - A leading `=` makes the whole term case-sensitive: "=US" matches "US"
///   but not the pronoun "us"; "=may" matches the hedge, not the month.
/// - A trailing `*` on a word is a prefix wildcard of at least three
///   letters: "escalat*" matches "escalation".
/// - A trailing `~` on a word matches every word with the same Snowball
///   English stem: "suggest~" matches "suggested".
/// - Possessives need no entry ("Iran's" matches "Iran"); plurals do, or `~`.
///
/// - A word written between slashes is a regular expression over one word
///   token (the `regex` crate's syntax, compiled once, linear time), as
///   quanteda's `valuetype = "regex"`: "/^optimi[sz]/" matches "optimism"
///   and "optimize". It is unanchored (use `^` and `$`), matched
///   case-insensitively against the word (case-sensitively with a leading
///   `=`), and may hold no white space; it can stand beside plain words
///   ("/^talks?$/ collapsed").
///
/// Matching is leftmost-longest over all terms at once, so "cautious
/// optimism" wins over "cautious" and an excluded "Washington Post" over
/// "Washington". A term may carry one actor, office or cue category, plus
/// any of the rule roles (a negation trigger, say); a party, institution or
/// role noun may also share its term with one cue category. The same term
/// twice in one place is reported in [`Lexicon::warnings`].
///
/// # Terms in several places
///
/// Within one TOML file, the same term in two actors, offices or
/// categories is a conflict and an error (a slip, most likely). Across
/// files, where a later file (yours) meets a term an earlier one (the
/// defaults) already has, the rule is:
/// - **extend**: a cue or frame term that another category, or an actor,
///   already has counts for both (each match is a cue of each category;
///   an actor's mention still counts), with a warning
///   ([`LexiconWarning::SharedEntry`]). So a dictionary's `tentative`
///   category may list "may" although the defaults have it as a hedge;
/// - **override**: between a term of a category and an `exclude` of the
///   same category, the later file wins ([`LexiconWarning::OverriddenEntry`]):
///   `exclude = ["progress"]` in `[categories.progress]` of your file drops
///   the default term "progress", and a term your file adds to a category
///   counts even where the defaults excluded it;
/// - two actors or offices with the same term stay an error (a mention
///   belongs to one actor); `replace = true` on a table drops what earlier
///   files said for it.
///
/// A dictionary (a LIWC `.dic` or a YAML file) may list a word in several
/// of its own categories, as those formats allow: it counts in each.
///
/// These rules are about terms written alike: the same words in the same
/// form (plain, `=`, `~`, `*` or a regular expression). Terms over the
/// same words in different forms are different entries, and where both
/// match the same words the first form in this order takes the match:
/// `=` (exact), plain (lower-case), `~` (stem), then `*` and regular
/// expressions. So a dictionary's plain `breakthrough` takes the match
/// from the defaults' `breakthrough~` (which then no longer counts it),
/// and a dictionary's `optimi*` yields to the defaults' `optimis*` on
/// "optimism". To extend a default entry, write it in the defaults' form
/// (`breakthrough~`); `--kwic CATEGORY` shows what each category matched.
///
/// The lexicon's [`version`](Lexicon::version) is a hash of the compiled
/// content (every term with its role and what the actor rules read about
/// it, people's terms of office, offices, and the rule windows), so two reports
/// with the same version used the same lexicon, whatever the files'
/// comments and layout.
pub struct Lexicon {
    actors: Vec<Actor>,
    categories: Vec<Category>,
    terms: Vec<Term>,
    /// Parallel to `terms`.
    term_info: Vec<TermInfo>,
    /// Parallel to `terms`: what the actor rules read, packed.
    pub(crate) tags: Vec<TermTag>,
    /// Every name's people's terms of office, one run per term (see
    /// [`TermTag::spans`]).
    pub(crate) spans: Vec<OfficeSpan>,
    offices: Vec<Office>,
    people: Vec<Person>,
    domestic_politics: bool,
    undated_from: Option<Date>,
    negation_window: usize,
    hypothetical_window: usize,
    negation_after_window: usize,
    hypothetical_after_window: usize,
    hypothetical_near_window: usize,
    /// The `[speech]` lists, in [`SpeechList::ALL`] order.
    speech: [Vec<String>; 4],
    version: String,
    warnings: Vec<LexiconWarning>,
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

    /// Non-fatal remarks from loading: repeated entries, and metrics left
    /// out because the lexicon has some of the category roles they need
    /// but not all.
    pub fn warnings(&self) -> &[LexiconWarning] {
        &self.warnings
    }

    /// Renumbers the lines of warnings about `file` (a dictionary
    /// converted to TOML: its TOML lines become the dictionary's).
    pub(crate) fn map_warning_lines(&mut self, file: &str, line_of: impl Fn(usize) -> usize) {
        for warning in &mut self.warnings {
            match warning {
                LexiconWarning::RepeatedEntry {
                    file: f,
                    line,
                    first,
                    ..
                }
                | LexiconWarning::SharedEntry {
                    file: f,
                    line,
                    first,
                    ..
                }
                | LexiconWarning::OverriddenEntry {
                    file: f,
                    line,
                    first,
                    ..
                } => {
                    if f == file {
                        *line = line_of(*line);
                    }
                    if first.1 == file {
                        first.2 = line_of(first.2);
                    }
                }
                LexiconWarning::MetricUnavailable { .. } => {}
            }
        }
    }

    /// The index of actor `id`.
    pub fn actor_index(&self, id: &str) -> Option<ActorIndex> {
        self.actors.iter().position(|a| a.id == id).map(ActorIndex)
    }

    /// The index of category `name`.
    pub fn category_index(&self, name: &str) -> Option<CategoryIndex> {
        self.categories
            .iter()
            .position(|c| c.name == name)
            .map(CategoryIndex)
    }

    /// The index of the category with `role`, if any.
    pub fn category_with_role(&self, role: CategoryRole) -> Option<CategoryIndex> {
        self.categories
            .iter()
            .position(|c| c.role == Some(role))
            .map(CategoryIndex)
    }

    /// Every actor's index, in lexicon order.
    pub fn actor_indices(&self) -> impl Iterator<Item = ActorIndex> + use<> {
        (0..self.actors.len()).map(ActorIndex)
    }

    /// The id of an actor (`"US"`; empty if not of this lexicon).
    pub fn actor_id(&self, actor: ActorIndex) -> &str {
        self.actors.get(actor.0).map_or("", |a| a.id.as_str())
    }

    /// Offices, in index order.
    pub fn offices(&self) -> &[Office] {
        &self.offices
    }

    /// The index of office `name`.
    pub fn office_index(&self, name: &str) -> Option<OfficeIndex> {
        self.offices
            .iter()
            .position(|o| o.name == name)
            .map(OfficeIndex)
    }

    /// An office (`None` if not of this lexicon).
    pub fn office(&self, office: OfficeIndex) -> Option<&Office> {
        self.offices.get(office.0)
    }

    /// People, in index order, with their terms of office.
    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// Whether mentions of domestic politics (parties, and offices marked
    /// `domestic`) count: `false` after `[mentions] domestic_politics =
    /// false`, for studies of foreign-policy framing.
    pub fn domestic_politics(&self) -> bool {
        self.domestic_politics
    }

    /// Without an article date, a person counts only if one of their
    /// terms of office reaches this date or later (`[mentions]
    /// undated_from`; `None`: any term counts). Lets a lexicon list
    /// earlier office-holders, so that "the Nixon administration" is the
    /// state, without counting them in undated text.
    pub fn undated_from(&self) -> Option<Date> {
        self.undated_from
    }

    /// The kind of mention an actor term makes (`None` for other terms).
    pub fn mention_kind(&self, term: TermIndex) -> Option<MentionKind> {
        self.term_info.get(term.0).and_then(|t| t.kind)
    }

    /// What the actor rules read about `term`.
    pub(crate) fn tag(&self, term: TermIndex) -> TermTag {
        self.tags.get(term.0).copied().unwrap_or(TermTag::NONE)
    }

    /// The terms of office of the people a name names (see
    /// [`TermTag::spans`]).
    pub(crate) fn spans(&self, tag: TermTag) -> &[OfficeSpan] {
        self.spans
            .get(tag.spans.0 as usize..tag.spans.1 as usize)
            .unwrap_or_default()
    }

    pub(crate) fn term_info(&self, term: TermIndex) -> &TermInfo {
        static NONE: TermInfo = TermInfo {
            kind: None,
            office: None,
            people: Vec::new(),
            region: false,
            after: None,
        };
        self.term_info.get(term.0).unwrap_or(&NONE)
    }

    /// The name of a category (empty if not of this lexicon).
    pub fn category_name(&self, category: CategoryIndex) -> &str {
        self.categories
            .get(category.0)
            .map_or("", |c| c.name.as_str())
    }

    /// A category (`None` if not of this lexicon).
    pub fn category(&self, category: CategoryIndex) -> Option<&Category> {
        self.categories.get(category.0)
    }

    /// The pattern of a term, as written (empty if not of this lexicon).
    pub fn term_pattern(&self, term: TermIndex) -> &str {
        self.terms.get(term.0).map_or("", |t| t.pattern.as_str())
    }

    /// A term (`None` if not of this lexicon).
    pub fn term(&self, term: TermIndex) -> Option<&Term> {
        self.terms.get(term.0)
    }

    /// How many word tokens may separate a negation trigger from its cue.
    pub fn negation_window(&self) -> usize {
        self.negation_window
    }

    /// How many word tokens may separate a hypothetical trigger from its cue.
    pub fn hypothetical_window(&self) -> usize {
        self.hypothetical_window
    }

    /// How many word tokens may separate a cue from a negation trigger
    /// after it (`after_window` in `[negation]`; by default the window).
    pub fn negation_after_window(&self) -> usize {
        self.negation_after_window
    }

    /// How many word tokens may separate a cue from a hypothetical trigger
    /// after it (`after_window` in `[hypothetical]`; by default the
    /// window).
    pub fn hypothetical_after_window(&self) -> usize {
        self.hypothetical_after_window
    }

    /// Whether a term belongs to a marginal subtype of its category.
    pub fn is_marginal(&self, term: TermIndex) -> bool {
        let Some(term) = self.terms.get(term.0) else {
            return false;
        };
        let (Role::Cue(category), Some(subtype)) = (term.role, term.subtype) else {
            return false;
        };
        self.categories
            .get(category.0)
            .and_then(|c| c.subtypes.get(subtype))
            .is_some_and(|s| s.marginal)
    }

    /// How many word tokens may separate a near hypothetical trigger from
    /// the cue after it (`near_window` in `[hypothetical]`; default 1).
    pub fn hypothetical_near_window(&self) -> usize {
        self.hypothetical_near_window
    }

    /// The name of a term's subtype, if it has one.
    pub fn term_subtype(&self, term: TermIndex) -> Option<&str> {
        let term = self.terms.get(term.0)?;
        let Role::Cue(category) = term.role else {
            return None;
        };
        let subtype = self
            .categories
            .get(category.0)?
            .subtypes
            .get(term.subtype?)?;
        Some(subtype.name.as_str())
    }

    /// One of the `[speech]` lists: lower-case words and phrases, in file
    /// order, without repeats.
    pub fn speech(&self, list: SpeechList) -> &[String] {
        &self.speech[list as usize]
    }

    /// Indices of the categories of one group, in lexicon order.
    pub fn category_indices(&self, group: Group) -> Vec<CategoryIndex> {
        self.categories
            .iter()
            .enumerate()
            .filter(|(_, c)| c.group == group)
            .map(|(i, _)| CategoryIndex(i))
            .collect()
    }

    /// Number of terms with a cue role in each category.
    pub fn category_sizes(&self) -> Vec<usize> {
        let mut sizes = vec![0; self.categories.len()];
        for term in &self.terms {
            if let Role::Cue(c) = term.role {
                sizes[c.0] += 1;
            }
        }
        sizes
    }
}

/// The largest rule window. Status is decided by scanning this many
/// tokens on each side of every cue, so the bound keeps tagging linear in
/// the length of a sentence.
pub const MAX_WINDOW: usize = 32;

/// Builds a [`Lexicon`] from TOML sources: the embedded defaults (unless
/// [`LexiconBuilder::empty`]) followed by the caller's files.
#[derive(Debug, Clone)]
pub struct LexiconBuilder {
    sources: Vec<(String, String)>,
    /// The sources that are dictionaries (see [`Model::dictionaries`]).
    dictionaries: Vec<usize>,
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
            dictionaries: Vec::new(),
        }
    }

    /// A builder with no entries at all.
    pub fn empty() -> Self {
        LexiconBuilder {
            sources: Vec::new(),
            dictionaries: Vec::new(),
        }
    }

    /// Adds a TOML lexicon; `name` is used in error messages (a path).
    pub fn add_toml(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.sources.push((name.into(), text.into()));
        self
    }

    /// Adds a dictionary converted to the TOML format (a LIWC `.dic` or a
    /// YAML dictionary): like [`add_toml`](Self::add_toml), except that a
    /// term may be in several of its categories (it counts in each), as
    /// those formats allow.
    pub(crate) fn add_dictionary(mut self, name: impl Into<String>, toml: String) -> Self {
        self.dictionaries.push(self.sources.len());
        self.sources.push((name.into(), toml));
        self
    }

    /// Parses and compiles every source, reporting the first error with its
    /// file, line and entry.
    pub fn build(self) -> Result<Lexicon, LexiconError> {
        let mut model = Model::default();
        model.dictionaries = self.dictionaries.clone();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn build(toml: &str) -> Result<Lexicon, LexiconError> {
        LexiconBuilder::empty().add_toml("test.toml", toml).build()
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
        assert!(matches!(
            a.warnings()[0],
            LexiconWarning::RepeatedEntry { line: 3, .. }
        ));
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

    #[test]
    fn roles_are_declared_once_and_checked() {
        let lexicon = Lexicon::default();
        for role in CategoryRole::ALL {
            let index = lexicon.category_with_role(role).expect("default role");
            assert_eq!(lexicon.category_name(index), role.as_str());
        }
        // A renamed hedge category keeps its role.
        let renamed = build(
            "[categories.uncertainty]\nrole = \"hedge\"\nterms = [\"may\"]\n\
             [categories.boost]\nrole = \"booster\"\nterms = [\"surely\"]\n",
        )
        .unwrap();
        assert_eq!(
            renamed.category_with_role(CategoryRole::Hedge),
            renamed.category_index("uncertainty")
        );
        assert!(renamed.warnings().is_empty(), "{:?}", renamed.warnings());

        let err = build("[categories.a]\nrole = \"hedge\"\n[categories.b]\nrole = \"hedge\"\n")
            .unwrap_err();
        assert!(matches!(err.kind, LexiconErrorKind::Conflict(_)), "{err}");
        assert_eq!(err.line, Some(4));
        assert!(err.to_string().contains("\"a\""), "{err}");

        let err = build("[categories.a]\nrole = \"hunch\"\n").unwrap_err();
        assert!(err.to_string().contains("hunch"), "{err}");
        assert_eq!(err.line, Some(2));

        // Progress without breakthrough: the metrics that need both are
        // left out, and the lexicon says so.
        let partial =
            build("[categories.p]\nrole = \"progress\"\nterms = [\"headway\"]\n").unwrap();
        let missing: Vec<(&str, CategoryRole)> = partial
            .warnings()
            .iter()
            .filter_map(|w| match w {
                LexiconWarning::MetricUnavailable { metric, missing } => {
                    Some((metric.as_str(), *missing))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            missing,
            [
                ("breakthrough_share", CategoryRole::Breakthrough),
                ("outcome_balance", CategoryRole::Breakthrough),
                ("outcome_balance", CategoryRole::Setback),
            ]
        );
        // A role that is the category's own name leaves the version as it
        // was before roles; another role changes it.
        let plain = build("[categories.hedge]\nterms = [\"may\"]\n").unwrap();
        let named = build("[categories.hedge]\nrole = \"hedge\"\nterms = [\"may\"]\n").unwrap();
        let other = build("[categories.hedge]\nrole = \"booster\"\nterms = [\"may\"]\n").unwrap();
        assert_ne!(plain.version(), named.version());
        assert_ne!(named.version(), other.version());
    }

    #[test]
    fn every_entry_names_its_own_line() {
        // Lines of many entries, with blank lines, comments and several
        // entries on one line: each is counted from its own offset.
        let toml = "# top\n\n[categories.a]\ngroup = \"cue\"\nterms = [\n  \"one\", \"two\",\n\n  # note\n  \"three\",\n  \"one\",\n]\n[categories.b]\nterms = [\"four\", \"four\"]\n";
        let lexicon = build(toml).unwrap();
        let lines: Vec<(usize, (String, String, usize))> = lexicon
            .warnings()
            .iter()
            .filter_map(|w| match w {
                LexiconWarning::RepeatedEntry { line, first, .. } => Some((*line, first.clone())),
                _ => None,
            })
            .collect();
        let first = |term: &str, line| (term.to_string(), "test.toml".to_string(), line);
        assert_eq!(lines, [(10, first("one", 6)), (13, first("four", 13))]);
        let err = build("[categories.a]\nterms = [\n\"x\",\n\n\n\"y!\"]\n").unwrap_err();
        assert_eq!(err.line, Some(6));
        // Past the end: the last line.
        let index = format::LineIndex::new("a\nb\n");
        assert_eq!(
            [0, 1, 2, 3, 4, 99].map(|o| index.line(o)),
            [1, 1, 2, 2, 3, 3]
        );
    }

    #[test]
    fn prefixes_match_every_word_they_start() {
        // Nested and case-sensitive prefixes; (text, matched words).
        let lexicon = build(
            "[categories.a]\nterms = [\"negot*\", \"negotiat* round\", \"=Iran*\", \"sanction*\"]\n",
        )
        .unwrap();
        let analyzer = crate::Analyzer::with_lexicon(lexicon);
        let cases: &[(&str, &[&str])] = &[
            ("Negotiators met.", &["Negotiators"]),
            ("A negotiating round began.", &["negotiating round"]),
            ("negot neg negotiate", &["negot", "negotiate"]),
            ("Iranian and iranian officials", &["Iranian"]),
            (
                "SANCTIONS, sanctioned, sanction",
                &["SANCTIONS", "sanctioned", "sanction"],
            ),
            ("sanctio sanct", &[]),
        ];
        for (text, expected) in cases {
            let matched: Vec<&str> = analyzer
                .analyze_text(text)
                .cues
                .iter()
                .map(|c| &text[c.span.range()])
                .collect();
            assert_eq!(matched, *expected, "{text:?}");
        }
    }
}
