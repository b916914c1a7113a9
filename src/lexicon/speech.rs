//! The word classes of the attribution stage: what each word can do in an
//! attribution (a reporting verb, a pronoun, a determiner, ...), as flag
//! bits. The lexicon compiles them into every word's class (see
//! `Matcher::classify`), so the tagger's word cache finds them with the
//! word's other keys, at no cost per token; the attribution stage reads
//! them off the classes.
//!
//! The open classes, the `[speech]` lists, are lexicon data; the closed
//! classes are below, each with why it matters to the rules (in the
//! crate's `attribute` module).

use rustc_hash::FxHashMap;

/// A reporting verb ("said").
pub(crate) const VERB: u32 = 1;
/// A verb of stance or intention ("wants").
pub(crate) const STANCE: u32 = 1 << 1;
/// A role noun ("minister").
pub(crate) const ROLE: u32 = 1 << 2;
/// The first word of a `[speech]` phrase.
pub(crate) const PHRASE: u32 = 1 << 3;
/// A personal pronoun that can be a source ("he").
pub(crate) const PRONOUN: u32 = 1 << 4;
/// A relative pronoun that can be a source ("who").
pub(crate) const RELATIVE: u32 = 1 << 5;
/// "that", which opens reported content.
pub(crate) const THAT: u32 = 1 << 6;
/// A determiner or possessive: the word after it is a noun, not a verb.
pub(crate) const DETERMINER: u32 = 1 << 7;
/// May stand between a source and its verb ("also", "has").
pub(crate) const SKIP: u32 = 1 << 8;
/// A day or time word ("Monday", "yesterday").
pub(crate) const DAY: u32 = 1 << 9;
/// Ends a source going back from its verb ("because", "and").
pub(crate) const STOP: u32 = 1 << 10;
/// A particle that joins the verb before it in the cue ("called for").
pub(crate) const PARTICLE: u32 = 1 << 11;
/// A preposition that opens an adverbial, never a source ("in", "on").
pub(crate) const ADVERBIAL: u32 = 1 << 12;
/// A word that is never a name, even capitalised at a sentence start
/// ("The", "But").
pub(crate) const FUNCTION: u32 = 1 << 13;
/// Opens a new clause after a comma ("..., which ...", "..., and ...").
pub(crate) const CLAUSE: u32 = 1 << 14;
/// A verb that takes its addressee as its object ("told reporters").
pub(crate) const ADDRESSEE: u32 = 1 << 15;
/// An auxiliary verb ("is", "has", "would").
pub(crate) const AUX: u32 = 1 << 16;
/// An article or possessive: a "verb" after one is a noun ("the
/// report", "his claims"), where after a quantifier ("some said") it is
/// not.
pub(crate) const ARTICLE: u32 = 1 << 18;
/// Makes a noun phrase indefinite or quantified ("a", "several"): such a
/// role noun ("several diplomats") is no reference to an earlier name.
pub(crate) const INDEFINITE: u32 = 1 << 19;
/// A form of "be": a verb after one is passive ("is expected").
pub(crate) const BE: u32 = 1 << 20;
/// An irregular past form of a verb ("said", "thought"): not a base form.
pub(crate) const PAST: u32 = 1 << 17;

/// The closed word classes, with why each matters. (Open classes, the
/// verbs and role nouns, are lexicon data: the `[speech]` table.)
pub(crate) const CLOSED_CLASSES: &[(&[&str], u32)] = &[
    // Personal pronouns that speak: a source of their own, resolved to a
    // name by `resolve` ("he said").
    (&["he", "she", "they", "i", "we", "it", "you"], PRONOUN),
    // Relative pronouns: "X, who said ...": the source is the name before.
    (&["who", "which"], RELATIVE),
    // Opens reported content: "said that ...".
    (&["that"], THAT),
    // Determiners and possessives: a source may start with one ("the
    // minister", "several diplomats").
    (
        &[
            "the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my",
            "your", "some", "many", "several", "other", "another", "both", "each", "every", "any",
            "one", "two", "three", "most", "few", "'s", "’s", "no",
        ],
        DETERMINER,
    ),
    // Articles and possessives: a "verb" after one is a noun ("the report",
    // "his claims", "Iran's demands"); after a quantifier it may be a verb
    // ("some said").
    (
        &[
            "the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my",
            "your", "'s", "’s", "no",
        ],
        ARTICLE,
    ),
    // Indefinite and quantifying determiners: "several diplomats" names
    // no one said before.
    (
        &[
            "a", "an", "some", "many", "several", "other", "another", "both", "each", "every",
            "any", "one", "two", "three", "most", "few", "no",
        ],
        INDEFINITE,
    ),
    // Forms of "be": "is expected", "was told" are passive, and their
    // subject is not the source.
    (&["is", "are", "was", "were", "be", "been", "being"], BE),
    // Words between a source and its verb: auxiliaries, negation and
    // adverbs of time and manner ("Iran has also repeatedly said").
    (
        &[
            "has",
            "have",
            "had",
            "would",
            "will",
            "could",
            "should",
            "might",
            "may",
            "must",
            "can",
            "did",
            "does",
            "do",
            "is",
            "are",
            "was",
            "were",
            "been",
            "be",
            "being",
            "not",
            "n't",
            "cannot",
            "never",
            "also",
            "still",
            "even",
            "later",
            "then",
            "once",
            "again",
            "previously",
            "recently",
            "repeatedly",
            "already",
            "further",
            "publicly",
            "privately",
            "often",
            "frequently",
            "reportedly",
            "openly",
            "quickly",
            "immediately",
            "initially",
            "now",
            "just",
            "long",
            "always",
            "usually",
            "separately",
            "directly",
            "explicitly",
            "flatly",
            "strongly",
            "specifically",
            "simply",
            "actually",
            "really",
            "widely",
            "largely",
            "generally",
            "formally",
            "officially",
            "subsequently",
            "ultimately",
            "finally",
            "eventually",
            "bluntly",
            "candidly",
            "angrily",
            "sharply",
            "earlier",
            "since",
            "first",
        ],
        SKIP,
    ),
    // Days and times: adverbials next to a verb, never a source ("said
    // Monday", "on Tuesday said").
    (
        &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "today",
            "yesterday",
            "tonight",
            "tomorrow",
            "week",
            "weekend",
            "month",
            "year",
        ],
        DAY,
    ),
    // Conjunctions and clause words: a source does not reach back past
    // them ("the talks ended because Iran said").
    (
        &[
            "because", "when", "while", "if", "as", "but", "so", "than", "where", "whether",
            "although", "though", "and", "or", "nor", "what", "how", "why", "until", "unless",
            "whom", "whose", "to", "there", "here", "after", "before",
        ],
        STOP,
    ),
    // Particles that join the verb before them in the cue ("called for",
    // "referred to", "warned of").
    (
        &["for", "to", "on", "about", "of", "out", "against", "with"],
        PARTICLE,
    ),
    // Prepositions that open an adverbial: a source does not start with
    // one ("In a statement the ministry said": the source is "the
    // ministry").
    (
        &[
            "in",
            "on",
            "at",
            "during",
            "after",
            "before",
            "by",
            "with",
            "from",
            "under",
            "over",
            "through",
            "into",
            "since",
            "among",
            "amid",
            "despite",
            "following",
            "like",
            "unlike",
            "about",
            "toward",
            "towards",
            "against",
            "across",
            "without",
            "within",
            "behind",
            "near",
            "last",
            "next",
            "earlier",
        ],
        ADVERBIAL,
    ),
    // Auxiliaries: a "verb" before one is a noun ("his remarks were").
    (
        &[
            "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "should",
            "can", "may", "might", "must", "did", "does", "do", "been", "be",
        ],
        AUX,
    ),
    // Irregular past forms of the verbs: not base forms (see `is_base_form`).
    (
        &[
            "said",
            "told",
            "wrote",
            "written",
            "thought",
            "felt",
            "knew",
            "known",
            "saw",
            "seen",
            "sought",
            "found",
            "spoke",
            "spoken",
            "shown",
            "understood",
            "went",
            "gone",
            "put",
            "shot",
            "meant",
            "heard",
            "held",
            "led",
            "left",
            "made",
            "read",
            "won",
            "lost",
        ],
        PAST,
    ),
    // Words that open a new clause after a comma: reported content ends
    // before them ("said the talks were useful, which ...").
    (
        &[
            "and",
            "but",
            "or",
            "which",
            "who",
            "whom",
            "whose",
            "while",
            "although",
            "though",
            "as",
            "because",
            "so",
            "yet",
            "where",
            "when",
            "compared",
            "including",
            "according",
            "unlike",
            "despite",
            "even",
            "whereas",
            "if",
            "unless",
        ],
        CLAUSE,
    ),
    // Verbs whose object is the addressee, not the content: "..., she told
    // reporters." is an attribution tail.
    (
        &[
            "tell", "tells", "told", "ask", "asks", "asked", "assure", "assures", "assured",
            "remind", "reminds", "reminded", "inform", "informs", "informed",
        ],
        ADDRESSEE,
    ),
    // Words that are no name when capitalised at a sentence's start.
    (
        &[
            "the",
            "a",
            "an",
            "this",
            "these",
            "those",
            "his",
            "her",
            "their",
            "its",
            "our",
            "my",
            "your",
            "some",
            "many",
            "several",
            "other",
            "another",
            "both",
            "each",
            "every",
            "any",
            "one",
            "most",
            "few",
            "no",
            "but",
            "and",
            "or",
            "so",
            "in",
            "on",
            "at",
            "after",
            "before",
            "when",
            "while",
            "if",
            "as",
            "he",
            "she",
            "they",
            "we",
            "it",
            "i",
            "you",
            "who",
            "which",
            "that",
            "there",
            "here",
            "what",
            "how",
            "why",
            "still",
            "also",
            "now",
            "then",
            "yet",
            "even",
            "senior",
            "top",
            "former",
            "local",
            "officials",
            "critics",
            "analysts",
            "experts",
        ],
        FUNCTION,
    ),
];

/// The flags of every word of the `[speech]` lists (in `SpeechList::ALL`
/// order: verbs, stance, according, roles) and of the closed classes, by
/// lower-case word. A phrase marks its first word with [`PHRASE`]; the
/// attribution stage checks the rest against the text.
pub(crate) fn word_flags(lists: &[Vec<String>; 4]) -> FxHashMap<Box<str>, u32> {
    let mut flags: FxHashMap<Box<str>, u32> = FxHashMap::default();
    for (entries, flag) in lists.iter().zip([VERB, STANCE, 0, ROLE]) {
        for entry in entries {
            let mut words = entry.split(' ');
            let first = words.next().unwrap_or_default();
            let phrase = words.next().is_some() || flag == 0;
            *flags.entry(first.into()).or_default() |= if phrase { PHRASE } else { flag };
        }
    }
    for &(words, flag) in CLOSED_CLASSES {
        for word in words {
            *flags.entry((*word).into()).or_default() |= flag;
        }
    }
    flags
}
