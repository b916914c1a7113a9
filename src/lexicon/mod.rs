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
/// places = ["Washington"]          # capitals and places standing for the government
/// institutions = ["White House", "State Department", "Pentagon"]
/// people = [{ name = "Donald Trump", role = "President", aliases = ["Trump"] }]
/// exclude = ["Washington Post", "George Washington"]   # never a mention
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
/// Matching is leftmost-longest over all terms at once, so "cautious
/// optimism" wins over "cautious" and an excluded "Washington Post" over
/// "Washington". A term may carry one actor or cue category, plus any of
/// the rule roles (a negation trigger, say). The same term in two actors or
/// two categories is a conflict and an error; the same term twice in one
/// place is reported in [`Lexicon::warnings`].
///
/// The lexicon's [`version`](Lexicon::version) is a hash of the compiled
/// content (every term with its role, and the rule windows), so two reports
/// with the same version used the same lexicon, whatever the files'
/// comments and layout.
pub struct Lexicon {
    actors: Vec<Actor>,
    categories: Vec<Category>,
    terms: Vec<Term>,
    negation_window: usize,
    hypothetical_window: usize,
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
}
