//! Tagging: the actors a sentence names and the cues it uses, each cue with
//! its status (asserted, negated, hypothetical) and whether it is quoted.
//!
//! For each sentence, in order:
//! 1. `classify`: each token gets the class of lexicon keys it can take
//!    (a per-thread word cache makes this cheap; the cache is the
//!    accelerator, `Matcher::classify` the definition);
//! 2. `walk`: terms are found leftmost-longest over the tokens with the
//!    lexicon's trie; a single negation trigger *inside* a multi-word term
//!    is skipped and negates the term ("a deal was not reached" matches
//!    "deal was reached", "the sides reached no agreement" matches "reach~
//!    agreement"). Only one trigger may be skipped per term, never before
//!    its first or after its last word, and a pseudo-negation ("not only")
//!    is never skipped;
//! 3. `rules`: each cue's status, from the triggers in its clause (the
//!    whole rule, with its windows and precedence, is documented there);
//! 4. `quotes`: whether the cue stands inside double quotation marks;
//! 5. `actors`: which actor terms and role nouns are mentions, of which
//!    actor and kind (people by date, titles, capitals by syntax, names
//!    inside other names, role nouns resolved within the article).
//!
//! A sentence longer than 64 KiB is tagged in pieces (`pieces`: where it
//! is cut, and what that can change), so that memory stays bounded.
//!
//! Each cue leaves the tagger in the outlet's own voice; the attribution
//! stage (after tagging) sets the voice of cues inside what a source says.

use serde::{Deserialize, Serialize};

use crate::Span;
use crate::article::Date;
use crate::lexicon::{
    ActorIndex, CategoryIndex, CategoryRole, Lexicon, MentionKind, Role, TermIndex,
};

mod actor_words;
mod actors;
mod classify;
mod pieces;
mod quotes;
mod rules;
mod senses;
mod walk;

use crate::tokens::{Token, TokenKind, WordKey};
use classify::WordCache;
use quotes::is_quoted;
pub(crate) use quotes::quoted_regions;
use rules::ScopeRoles;
use walk::Walk;

/// Whether the writer asserts, denies or only imagines a cue.
///
/// The rule, decided within the cue's clause: a cue is **hypothetical**
/// when a hypothetical trigger ("if", "hopes for", "would") stands before
/// it within the lexicon's hypothetical window, or a hypothetical "after"
/// trigger follows it; otherwise **negated** when a negation trigger ("no",
/// "not", "failed to") stands before it within the negation window,
/// follows it ("a deal was not reached"), or was skipped inside its own
/// multi-word term; otherwise **asserted**. Hypothetical wins over negated:
/// in "if the talks do not produce a breakthrough" the writer asserts
/// nothing either way. Windows count words outward from the cue (a matched
/// phrase is one step); the clause ends at `, ; : ( ) —` and at the
/// lexicon's terminators ("but", "however"). Pseudo-negations ("not only",
/// "no doubt") never negate. The triggers, windows and terminators are
/// lexicon data (`[negation]`, `[hypothetical]`, `[scope]`; see
/// [`Lexicon`](crate::Lexicon)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Stated as fact.
    Asserted,
    /// Within the scope of a negation ("no breakthrough").
    Negated,
    /// Conditional or prospective ("if they reach a breakthrough").
    Hypothetical,
}

impl Status {
    /// All statuses, in report order.
    pub const ALL: [Status; 3] = [Status::Asserted, Status::Negated, Status::Hypothetical];

    /// The lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Asserted => "asserted",
            Status::Negated => "negated",
            Status::Hypothetical => "hypothetical",
        }
    }
}

/// Whose words a cue is in: the outlet's own, or a source's (inside a
/// quotation or reported speech). Set by the attribution stage; see
/// [`Attribution`](crate::Attribution). A cue inside scare quotes (a short
/// quoted phrase that no one is said to say) is in the outlet's own voice,
/// with `quoted` set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The outlet's own voice.
    #[default]
    Own,
    /// Inside the content of an attribution.
    Attributed {
        /// The attribution's index in [`Analysis::attributions`](crate::Analysis::attributions).
        relation: usize,
        /// The actor its source stands for, if any.
        actor: Option<ActorIndex>,
    },
}

impl Voice {
    /// Whether the cue is in a source's words.
    pub fn is_attributed(&self) -> bool {
        matches!(self, Voice::Attributed { .. })
    }
}

/// A mention of an actor.
///
/// Which words mention which actor follows the convention documented on
/// [`MentionKind`] and in the README: a country's name and demonym, its
/// institutions and parties, its office-holders while in office at the
/// article's date, its capital when it acts rather than as a place, and
/// role nouns that take their actor from the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorMention {
    /// The actor.
    pub actor: ActorIndex,
    /// The term that matched: the actor's own, or a role noun or title
    /// that took the actor from its context.
    pub term: TermIndex,
    /// Where the mention is in the article text (a title and the name
    /// after it are one mention).
    pub span: Span,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// How the actor is mentioned.
    pub kind: MentionKind,
}

/// A cue found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CueMatch {
    /// The category.
    pub category: CategoryIndex,
    /// The term that matched.
    pub term: TermIndex,
    /// Where the cue is in the article text.
    pub span: Span,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// Asserted, negated or hypothetical.
    pub status: Status,
    /// Inside quotation marks.
    pub quoted: bool,
    /// The outlet's own voice or a source's (set by the attribution stage).
    #[serde(default)]
    pub voice: Voice,
}

/// Reusable buffers for tagging, so that the per-article path allocates
/// only when a buffer must grow or a new word type is seen.
#[derive(Default)]
pub struct Scratch {
    tokens: Vec<Token>,
    /// Class id of each token (see `WordCache::intern`).
    classes: Vec<u32>,
    /// Cache key of each token.
    keys: Vec<WordKey>,
    found: Vec<Found>,
    /// For each token, the index of the match covering it plus one (0: none).
    cover: Vec<u32>,
    stack: Vec<Walk>,
    /// Second stack, for the trigger search inside a term.
    inner: Vec<Walk>,
    quotes: Vec<Span>,
    cache: WordCache,
    /// A piece's tags, for [`count_tags`].
    piece_actors: Vec<ActorMention>,
    piece_cues: Vec<CueMatch>,
    actor_state: actors::ActorState,
    actor_scratch: actors::ActorScratch,
}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scratch")
            .field("cached_words", &self.cache.len())
            .finish()
    }
}

#[derive(Debug, Clone, Copy)]
struct Found {
    /// First token.
    start: usize,
    /// One past the last token.
    end: usize,
    /// Trie node (its payload holds the roles).
    node: u32,
    /// A negation trigger was skipped inside the term.
    inner_negation: bool,
}

/// Tags every sentence of `text`, an article published on `date` (`None`:
/// undated). Appends mentions and cues (in text order) and returns the
/// number of word tokens.
pub(crate) fn tag_text(
    lexicon: &Lexicon,
    text: &str,
    sentences: &[Span],
    date: Option<Date>,
    scratch: &mut Scratch,
    actors: &mut Vec<ActorMention>,
    cues: &mut Vec<CueMatch>,
) -> usize {
    tag_text_with(
        lexicon,
        text,
        sentences,
        date,
        scratch,
        actors,
        cues,
        |_| {},
    )
}

/// [`tag_text`], handing each piece's words to `each` once the piece is
/// tagged, so that a later stage (attribution) can read the same words
/// without tokenizing or classifying them again.
#[allow(clippy::too_many_arguments)]
pub(crate) fn tag_text_with(
    lexicon: &Lexicon,
    text: &str,
    sentences: &[Span],
    date: Option<Date>,
    scratch: &mut Scratch,
    actors: &mut Vec<ActorMention>,
    cues: &mut Vec<CueMatch>,
    mut each: impl FnMut(&SentenceWords<'_>),
) -> usize {
    let mut tags = Tags {
        actors,
        cues,
        after_piece: |_: &mut Vec<ActorMention>, _: &mut Vec<CueMatch>, _: bool| {},
    };
    let (words, _) = tag_in_pieces(
        lexicon,
        text,
        sentences.iter().copied(),
        date,
        scratch,
        &mut tags,
        &mut each,
        pieces::MAX_PIECE,
    );
    words
}

/// One tagged piece's tokens (a whole sentence, or a piece of a long one)
/// with what the lexicon says each word can do in an attribution (read
/// off the word cache's classes).
pub(crate) struct SentenceWords<'a> {
    /// The piece's tokens.
    pub(crate) tokens: &'a [Token],
    /// Whether the piece starts its sentence (false for the later pieces
    /// of a sentence tagged in pieces).
    pub(crate) starts_sentence: bool,
    classes: &'a [u32],
    cache: &'a WordCache,
}

impl SentenceWords<'_> {
    /// The attribution flags of token `i` (`lexicon::speech`; 0 for
    /// punctuation).
    #[inline]
    pub(crate) fn speech(&self, i: usize) -> u32 {
        self.classes.get(i).map_or(0, |&id| self.cache.speech(id))
    }
}

/// Tags every sentence of `text` a piece at a time (see `pieces`), handing
/// each piece's words to `each` and then its mentions and cues to `count`
/// (which may clear them), with whether the piece ends its sentence.
/// Returns the numbers of word tokens and of sentences. The tagger's
/// memory stays bounded by the longest piece, however long the text, when
/// `count` clears what it is given.
pub(crate) fn count_tags(
    lexicon: &Lexicon,
    text: &str,
    sentences: impl IntoIterator<Item = Span>,
    date: Option<Date>,
    scratch: &mut Scratch,
    mut each: impl FnMut(&SentenceWords<'_>),
    count: impl FnMut(&mut Vec<ActorMention>, &mut Vec<CueMatch>, bool),
) -> (usize, usize) {
    let mut actors = std::mem::take(&mut scratch.piece_actors);
    let mut cues = std::mem::take(&mut scratch.piece_cues);
    actors.clear();
    cues.clear();
    let mut tags = Tags {
        actors: &mut actors,
        cues: &mut cues,
        after_piece: count,
    };
    let counts = tag_in_pieces(
        lexicon,
        text,
        sentences,
        date,
        scratch,
        &mut tags,
        &mut each,
        pieces::MAX_PIECE,
    );
    scratch.piece_actors = actors;
    scratch.piece_cues = cues;
    counts
}

/// Where tags go, and what is done with them after each piece.
struct Tags<'v, F> {
    actors: &'v mut Vec<ActorMention>,
    cues: &'v mut Vec<CueMatch>,
    after_piece: F,
}

/// The tagger's loop: each sentence, a piece of at most `max_piece` bytes
/// at a time (see `pieces`). Returns the numbers of word tokens and of
/// sentences.
#[allow(clippy::too_many_arguments)]
fn tag_in_pieces<F, G>(
    lexicon: &Lexicon,
    text: &str,
    sentences: impl IntoIterator<Item = Span>,
    date: Option<Date>,
    scratch: &mut Scratch,
    tags: &mut Tags<'_, F>,
    each: &mut G,
    max_piece: usize,
) -> (usize, usize)
where
    F: FnMut(&mut Vec<ActorMention>, &mut Vec<CueMatch>, bool),
    G: FnMut(&SentenceWords<'_>),
{
    let mut quotes = std::mem::take(&mut scratch.quotes);
    quoted_regions(text, &mut quotes);
    scratch.actor_state.start(lexicon, date);
    let mut words = 0;
    let mut count = 0;
    for (index, sentence) in sentences.into_iter().enumerate() {
        count += 1;
        let mut pieces = pieces::pieces(text, sentence, max_piece).peekable();
        let mut starts_sentence = true;
        while let Some(piece) = pieces.next() {
            scratch.cache.prepare(&lexicon.matcher);
            scratch.tokens.clear();
            scratch.classes.clear();
            scratch.keys.clear();
            words +=
                crate::tokens::tokenize_keyed(text, piece, &mut scratch.tokens, &mut scratch.keys);
            scratch
                .cache
                .look_up_all(&scratch.keys, &mut scratch.classes);
            scratch.cache.classify_misses(
                &lexicon.matcher,
                text,
                &scratch.tokens,
                &scratch.keys,
                &mut scratch.classes,
            );
            tag_sentence(lexicon, text, index, &quotes, scratch, tags.cues);
            actors::sentence_mentions(
                lexicon,
                text,
                &scratch.tokens,
                &scratch.keys,
                &scratch.found,
                index,
                &mut scratch.actor_state,
                &mut scratch.actor_scratch,
                tags.actors,
            );
            each(&SentenceWords {
                tokens: &scratch.tokens,
                starts_sentence,
                classes: &scratch.classes,
                cache: &scratch.cache,
            });
            starts_sentence = false;
            (tags.after_piece)(tags.actors, tags.cues, pieces.peek().is_none());
        }
    }
    scratch.quotes = quotes;
    (words, count)
}

fn tag_sentence(
    lexicon: &Lexicon,
    text: &str,
    sentence: usize,
    quotes: &[Span],
    scratch: &mut Scratch,
    cues: &mut Vec<CueMatch>,
) {
    let matcher = &lexicon.matcher;
    let tokens = &scratch.tokens;
    // Leftmost-longest matches.
    scratch.found.clear();
    scratch.cover.clear();
    scratch.cover.resize(tokens.len(), 0);
    // Words no term takes may be surnames the actor rules remember (a
    // capital first, the key's lowest byte): noted here, in the one pass
    // over the tokens, rather than in a pass of their own.
    scratch.actor_scratch.clear();
    let surnames = scratch.actor_state.has_surnames();
    let mut i = 0;
    while i < tokens.len() {
        // Most tokens start no term: skip them without a call.
        if scratch.classes[i] & WordCache::STARTS == 0 {
            if surnames && (scratch.keys[i][0] as u8).is_ascii_uppercase() {
                scratch.actor_scratch.maybe_surname(i);
            }
            i += 1;
            continue;
        }
        match walk::longest(
            lexicon,
            &scratch.cache,
            &scratch.classes,
            i,
            &mut scratch.stack,
            Some(&mut scratch.inner),
        ) {
            Some((end, node, inner_negation)) => {
                scratch.found.push(Found {
                    start: i,
                    end,
                    node,
                    inner_negation,
                });
                let id = scratch.found.len() as u32;
                scratch.cover[i..end].fill(id);
                i = end;
            }
            None => {
                if surnames && (scratch.keys[i][0] as u8).is_ascii_uppercase() {
                    scratch.actor_scratch.maybe_surname(i);
                }
                i += 1;
            }
        }
    }
    for found in &scratch.found {
        let span = Span::new(
            tokens[found.start].span.start,
            tokens[found.end - 1].span.end,
        );
        // Actor terms and role nouns are read by `actors`, in their context.
        if let Some(term) = matcher.actor_term(found.node) {
            let term = TermIndex::new(term as usize);
            scratch
                .actor_scratch
                .note(lexicon, found.start, found.end, term);
        }
        for &term in matcher.payload(found.node) {
            let term = TermIndex::new(term as usize);
            if let Role::Cue(category) = lexicon.terms()[term.index()].role {
                if is_outcome(lexicon, category)
                    && senses::is_capitalised_name(text, tokens, found.start, found.end)
                {
                    continue;
                }
                cues.push(CueMatch {
                    category,
                    term,
                    span,
                    sentence,
                    status: status_of(lexicon, scratch, found, is_stance(lexicon, category)),
                    quoted: is_quoted(quotes, span.start),
                    voice: Voice::Own,
                });
            }
        }
    }
}

/// The status of a found cue: the rule in [`rules::status`], over the
/// steps of the cue's clause on each side.
fn status_of(lexicon: &Lexicon, scratch: &Scratch, cue: &Found, stance: bool) -> Status {
    rules::status(
        lexicon,
        cue.inner_negation,
        stance,
        clause_steps(lexicon, scratch, cue.start, rules::Side::Before),
        clause_steps(lexicon, scratch, cue.end, rules::Side::After),
    )
}

/// Whether a category is one of the outcome cues (progress, breakthrough,
/// setback), whose senses [`senses`] tells apart.
fn is_outcome(lexicon: &Lexicon, category: CategoryIndex) -> bool {
    lexicon.category(category).is_some_and(|c| {
        matches!(
            c.role,
            Some(CategoryRole::Progress | CategoryRole::Breakthrough | CategoryRole::Setback)
        )
    })
}

/// Whether a category marks the writer's stance (the hedge and booster
/// roles) rather than an outcome or a frame.
fn is_stance(lexicon: &Lexicon, category: CategoryIndex) -> bool {
    lexicon
        .category(category)
        .is_some_and(|c| matches!(c.role, Some(CategoryRole::Hedge | CategoryRole::Booster)))
}

/// The steps of a clause outward from token `from` (a cue's first token
/// going back, one past its last going forward): a plain word is one step
/// with no roles, a matched phrase one step with its roles; a boundary
/// token ends the clause.
fn clause_steps<'a>(
    lexicon: &'a Lexicon,
    scratch: &'a Scratch,
    from: usize,
    side: rules::Side,
) -> impl Iterator<Item = ScopeRoles> + 'a {
    let tokens = &scratch.tokens;
    let mut t = from;
    std::iter::from_fn(move || {
        // The next token outward, and where to go on from it.
        let at = match side {
            rules::Side::Before => t.checked_sub(1)?,
            rules::Side::After => (t < tokens.len()).then_some(t)?,
        };
        if tokens[at].kind == TokenKind::Boundary {
            return None;
        }
        let cover = scratch.cover[at];
        let (next, roles) = if cover == 0 {
            (at, ScopeRoles::default())
        } else {
            let found = scratch.found[cover as usize - 1];
            let next = match side {
                rules::Side::Before => found.start,
                rules::Side::After => found.end - 1,
            };
            (next, ScopeRoles::of(lexicon, found.node))
        };
        t = match side {
            rules::Side::Before => next,
            rules::Side::After => next + 1,
        };
        Some(roles)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LexiconBuilder;

    #[test]
    fn a_negation_inside_a_term_is_skipped_and_negates_it() {
        let lexicon = LexiconBuilder::empty()
            .add_toml(
                "t.toml",
                "[categories.win]\ngroup = \"cue\"\nterms = [\"deal was reached\", \"reach~ agreement\", \"good\"]\n\
                 [negation]\nbefore = [\"not\", \"no\", \"not yet\"]\npseudo = [\"not only\"]\n",
            )
            .build()
            .unwrap();
        let cases: &[(&str, Option<(&str, Status)>)] = &[
            (
                "A deal was reached",
                Some(("deal was reached", Status::Asserted)),
            ),
            (
                "A deal was not reached",
                Some(("deal was not reached", Status::Negated)),
            ),
            (
                "They reached no agreement",
                Some(("reached no agreement", Status::Negated)),
            ),
            (
                "A deal was not yet reached",
                Some(("deal was not yet reached", Status::Negated)),
            ),
            // A pseudo-negation is not skipped, nor is a trigger at the end.
            ("A deal was not only reached", None),
            ("A deal was not", None),
        ];
        let mut scratch = Scratch::default();
        for (text, expected) in cases {
            let (mut actors, mut cues) = (Vec::new(), Vec::new());
            let sentences = [Span::new(0, text.len())];
            tag_text(
                &lexicon,
                text,
                &sentences,
                None,
                &mut scratch,
                &mut actors,
                &mut cues,
            );
            let got = cues.first().map(|c| (&text[c.span.range()], c.status));
            assert_eq!(got, *expected, "{text:?}");
        }
    }

    #[test]
    fn a_full_word_cache_starts_afresh_only_between_sentences() {
        // Unit tests keep 8 word classes before a fresh start: each of these
        // sentences has more, so the cache fills inside each of them.
        let lexicon = Lexicon::default();
        let text = "Iran, Qatar, Israel and Pakistan may make progress in Doha. \
                    Tehran clearly saw a breakthrough, Washington a setback. \
                    Islamabad and Jerusalem might welcome nuclear sanctions relief.";
        let sentences: Vec<Span> = crate::segment::sentences(text).collect();
        assert_eq!(sentences.len(), 3);
        let tagged = |scratch: &mut Scratch| {
            let (mut actors, mut cues) = (Vec::new(), Vec::new());
            tag_text(
                &lexicon,
                text,
                &sentences,
                None,
                scratch,
                &mut actors,
                &mut cues,
            );
            let actors: Vec<(usize, &str)> = actors
                .iter()
                .map(|a| (a.sentence, &text[a.span.range()]))
                .collect();
            let cues: Vec<(usize, &str, &str)> = cues
                .iter()
                .map(|c| {
                    let category = lexicon.category_name(c.category);
                    (c.sentence, &text[c.span.range()], category)
                })
                .collect();
            (actors, cues)
        };
        let mut scratch = Scratch::default();
        let (actors, cues) = tagged(&mut scratch);
        assert_eq!(
            actors,
            [
                (0, "Iran"),
                (0, "Qatar"),
                (0, "Israel"),
                (0, "Pakistan"),
                // "in Doha" is a place (a capital after a locative preposition)
                (1, "Tehran"),
                (1, "Washington"),
                (2, "Islamabad"),
                (2, "Jerusalem"),
            ]
        );
        for expected in [
            (0, "may", "hedge"),
            (0, "progress", "progress"),
            (1, "clearly", "booster"),
            (1, "breakthrough", "breakthrough"),
            (1, "setback", "setback"),
            (2, "might", "hedge"),
        ] {
            assert!(cues.contains(&expected), "{expected:?} in {cues:?}");
        }
        // Again, with the cache as the first pass left it.
        assert_eq!(tagged(&mut scratch), (actors, cues));
    }

    proptest::proptest! {
        /// Cut after clause boundaries, pieces tag exactly as the whole
        /// sentence does: clauses of at most 30 bytes, each ended by a
        /// boundary and a space, leave a cut of the first kind in the
        /// second half of every 64-byte piece.
        #[test]
        fn pieces_cut_at_boundaries_change_nothing(
            clauses in proptest::collection::vec(
                (
                    proptest::collection::vec(
                        proptest::sample::select(vec![
                            "may", "not", "no", "Iran", "Doha", "U.S.", "didn't", "1,200",
                            "progress", "deal", "was", "reached", "if", "hopes", "for",
                            "clearly", "stalled", "\"talks", "said\"", "Iran's", "-", "\u{2014}",
                        ]),
                        1..4,
                    ),
                    proptest::sample::select(vec![", ", "; ", " ( ", " ) ", ": "]),
                ),
                1..60,
            )
        ) {
            let text: String = clauses
                .iter()
                .map(|(words, sep)| words.join(" ") + sep)
                .collect();
            let lexicon = Lexicon::default();
            let sentences = [Span::new(0, text.len())];
            let tagged = |max: usize| {
                let mut scratch = Scratch::default();
                let (mut actors, mut cues) = (Vec::new(), Vec::new());
                let mut tags = Tags {
                    actors: &mut actors,
                    cues: &mut cues,
                    after_piece: |_: &mut Vec<ActorMention>, _: &mut Vec<CueMatch>, _: bool| {},
                };
                let words = tag_in_pieces(
                    &lexicon,
                    &text,
                    sentences,
                    None,
                    &mut scratch,
                    &mut tags,
                    &mut |_: &SentenceWords<'_>| {},
                    max,
                );
                // Actor readings look at the words around a mention (a
                // capital that acts, a role noun), which a cut can take
                // away; cues and tokens never change.
                let _ = actors;
                (words, cues)
            };
            proptest::prop_assert_eq!(tagged(64), tagged(usize::MAX));
        }
    }
}
