//! Tagging: the actors a sentence names and the cues it uses, each cue with
//! its status (asserted, negated, hypothetical) and whether it is quoted.
//!
//! Terms are found leftmost-longest over the sentence's tokens with the
//! lexicon's trie. A cue is then:
//! - **hypothetical** when a hypothetical trigger ("if", "hopes for") stands
//!   before it within the lexicon's hypothetical window, or a hypothetical
//!   "after" trigger follows it within the same window;
//! - otherwise **negated** when a negation trigger ("no", "not", "n't",
//!   "failed to") stands before it within the negation window, or a
//!   negation "after" trigger follows it ("a deal was not reached");
//! - otherwise **asserted**.
//!
//! A single negation trigger *inside* a multi-word term is skipped by the
//! matcher and negates the term: "a deal was not reached" matches "deal was
//! reached", "the sides reached no agreement" matches "reach~ agreement",
//! "an agreement has not yet been reached" matches "agreement has been
//! reached"; each is then negated (unless hypothetical). Only one trigger
//! may be skipped per term, never before its first or after its last word,
//! and a pseudo-negation ("not only") is never skipped.
//!
//! Hypothetical wins over negated because in "if the talks do not produce a
//! breakthrough" the writer asserts nothing either way. Scopes count word
//! tokens (a multi-word trigger or cue counts as one step) and stop at
//! boundary punctuation (`, ; : ( ) —`) and at the lexicon's terminators
//! ("but", "however"). Pseudo-negations ("not only", "no doubt") are
//! matched as longer terms, so the "not" inside them never triggers.
//!
//! A cue is **quoted** when it lies between an opening and a closing double
//! quotation mark (straight or curly, possibly across sentences); an
//! unclosed quotation ends at the next blank line.

use serde::{Deserialize, Serialize};

use crate::Span;
use crate::lexicon::{Lexicon, Matcher, Role, WordCache};
use crate::tokens::{Token, TokenKind, WordKey};

/// Whether the writer asserts, denies or only imagines a cue.
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

/// A mention of an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorMention {
    /// Actor index in the lexicon.
    pub actor: usize,
    /// Term index in the lexicon (which alias matched).
    pub term: usize,
    /// Where the mention is in the article text.
    pub span: Span,
    /// Index of the sentence it is in.
    pub sentence: usize,
}

/// A cue found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CueMatch {
    /// Category index in the lexicon.
    pub category: usize,
    /// Term index in the lexicon.
    pub term: usize,
    /// Where the cue is in the article text.
    pub span: Span,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// Asserted, negated or hypothetical.
    pub status: Status,
    /// Inside quotation marks.
    pub quoted: bool,
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

/// One state of a trie walk: node, next token, gap state, words matched.
type Walk = (u32, usize, Gap, usize);

/// Where a trie walk stands with respect to a skipped negation trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Nothing skipped (yet).
    None,
    /// A trigger was just skipped: the term must go on before it can end.
    Open,
    /// A trigger was skipped and the term went on after it.
    Closed,
}

/// Finds the double-quoted regions of a text (see the module docs).
pub fn quoted_regions(text: &str, out: &mut Vec<Span>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut open: Option<usize> = None;
    let mut i = 0;
    loop {
        // The next byte that can start `"`, `“ ” „` (0xE2 …) or `« »` (0xC2 …).
        let next =
            memchr::memchr3(b'"', 0xE2, 0xC2, bytes.get(i..).unwrap_or_default()).map(|k| i + k);
        // A blank line before it closes an unclosed quotation.
        if let Some(start) = open
            && let Some(blank) = blank_line(bytes, i, next.unwrap_or(bytes.len()))
        {
            out.push(Span::new(start, blank));
            open = None;
        }
        let Some(j) = next else { break };
        let len = match bytes[j] {
            b'"' => 1,
            0xE2 if matches!(bytes.get(j + 1..j + 3), Some([0x80, 0x9C..=0x9E])) => 3,
            0xC2 if matches!(bytes.get(j + 1), Some(0xAB | 0xBB)) => 2,
            _ => {
                i = j + 1;
                continue;
            }
        };
        let before = text[..j].chars().next_back();
        let after = text[j + len..].chars().next();
        let opening = before.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c))
            && after.is_some_and(|c| !c.is_whitespace());
        match (open, opening) {
            (None, true) => open = Some(j),
            (Some(start), false) => {
                out.push(Span::new(start, j + len));
                open = None;
            }
            // A second opening mark: the first was never closed.
            (Some(start), true) => {
                out.push(Span::new(start, j));
                open = Some(j);
            }
            (None, false) => {}
        }
        i = j + len;
    }
    if let Some(start) = open {
        out.push(Span::new(start, bytes.len()));
    }
}

/// The first line break in `bytes[from..to]` that starts a blank line
/// (another line break after only spaces, tabs or carriage returns).
fn blank_line(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    let window = bytes.get(from..to)?;
    memchr::memchr_iter(b'\n', window)
        .map(|k| from + k)
        .find(|&k| {
            bytes
                .get(k + 1..)
                .unwrap_or_default()
                .iter()
                .find(|b| !matches!(b, b' ' | b'\t' | b'\r'))
                == Some(&b'\n')
        })
}

fn is_quoted(regions: &[Span], offset: usize) -> bool {
    let i = regions.partition_point(|r| r.end <= offset);
    regions.get(i).is_some_and(|r| r.start <= offset)
}

/// Tags every sentence of `text`. Appends mentions and cues (in text order)
/// and returns the number of word tokens.
pub fn tag_text(
    lexicon: &Lexicon,
    text: &str,
    sentences: &[Span],
    scratch: &mut Scratch,
    actors: &mut Vec<ActorMention>,
    cues: &mut Vec<CueMatch>,
) -> usize {
    let mut quotes = std::mem::take(&mut scratch.quotes);
    quoted_regions(text, &mut quotes);
    let mut words = 0;
    for (index, &sentence) in sentences.iter().enumerate() {
        scratch.cache.prepare(&lexicon.matcher);
        scratch.tokens.clear();
        scratch.classes.clear();
        scratch.keys.clear();
        words +=
            crate::tokens::tokenize_keyed(text, sentence, &mut scratch.tokens, &mut scratch.keys);
        scratch
            .cache
            .look_up_all(&scratch.keys, &mut scratch.classes);
        lexicon.matcher.classify_misses(
            text,
            &scratch.tokens,
            &scratch.keys,
            &mut scratch.cache,
            &mut scratch.classes,
        );
        tag_sentence(lexicon, index, &quotes, scratch, actors, cues);
    }
    scratch.quotes = quotes;
    words
}

fn tag_sentence(
    lexicon: &Lexicon,
    sentence: usize,
    quotes: &[Span],
    scratch: &mut Scratch,
    actors: &mut Vec<ActorMention>,
    cues: &mut Vec<CueMatch>,
) {
    let matcher = &lexicon.matcher;
    let tokens = &scratch.tokens;
    // Leftmost-longest matches.
    scratch.found.clear();
    scratch.cover.clear();
    scratch.cover.resize(tokens.len(), 0);
    let mut i = 0;
    while i < tokens.len() {
        // Most tokens start no term: skip them without a call.
        if scratch.classes[i] & WordCache::STARTS == 0 {
            i += 1;
            continue;
        }
        match longest(
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
            None => i += 1,
        }
    }
    for found in &scratch.found {
        let span = Span::new(
            tokens[found.start].span.start,
            tokens[found.end - 1].span.end,
        );
        for &term in matcher.payload(found.node) {
            let term = term as usize;
            match lexicon.terms()[term].role {
                Role::Actor(actor) => actors.push(ActorMention {
                    actor,
                    term,
                    span,
                    sentence,
                }),
                Role::Cue(category) => cues.push(CueMatch {
                    category,
                    term,
                    span,
                    sentence,
                    status: status(lexicon, scratch, found),
                    quoted: is_quoted(quotes, span.start),
                }),
                _ => {}
            }
        }
    }
}

/// The longest term starting at token `start`: (end token, trie node,
/// whether a negation trigger was skipped inside it). With `inner`, one
/// negation trigger may be skipped between two words of a term (see the
/// module docs); without it, terms are matched contiguously.
fn longest(
    lexicon: &Lexicon,
    table: &WordCache,
    classes: &[u32],
    start: usize,
    stack: &mut Vec<Walk>,
    mut inner: Option<&mut Vec<Walk>>,
) -> Option<(usize, u32, bool)> {
    let matcher = &lexicon.matcher;
    // Cheap exit: most tokens start no term.
    if classes[start] & WordCache::STARTS == 0 {
        return None;
    }
    // Fast path: when no term through this word can go on to the next
    // token (the usual case for "the", "to", "of"), the match is the first
    // one-word term along the word's keys, best key first, as the walk
    // below would find it. The next token could go on a term if one of
    // its keys may be a child, or, for a skipped negation, if it starts
    // a negation trigger.
    let class = table.class(classes[start]);
    let children = class.children();
    let may_go_on = classes.get(start + 1).is_some_and(|&c| {
        children & table.class(c).mask() != 0 || (children != 0 && c & WordCache::NEGATION != 0)
    });
    if !may_go_on {
        let node = class.one_word_term();
        return (node != Matcher::NONE).then_some((start + 1, node, false));
    }
    stack.clear();
    stack.push((Matcher::ROOT, start, Gap::None, 0));
    let mut best: Option<(usize, u32, bool)> = None;
    while let Some((node, pos, gap, depth)) = stack.pop() {
        if pos > start
            && gap != Gap::Open
            && !matcher.payload(node).is_empty()
            && best.is_none_or(|(end, _, _)| pos > end)
        {
            best = Some((pos, node, gap == Gap::Closed));
        }
        if pos < classes.len() && depth < matcher.max_len && matcher.has_children(node) {
            // Reverse, so the best key (exact, then lower-case) is explored
            // first and wins ties.
            let class = table.class(classes[pos]);
            let gap_after = if gap == Gap::Open { Gap::Closed } else { gap };
            if node == Matcher::ROOT {
                for &child in class.roots().iter().rev() {
                    if child != Matcher::NONE {
                        stack.push((child, pos + 1, gap_after, depth + 1));
                    }
                }
            } else if matcher.may_step(node, class.mask()) {
                for &key in class.keys().iter().rev() {
                    if let Some(child) = matcher.step(node, key) {
                        stack.push((child, pos + 1, gap_after, depth + 1));
                    }
                }
            }
            // Inside a term (after its first word), skip one negation
            // trigger if the term can go on after it.
            if gap == Gap::None
                && node != Matcher::ROOT
                && let Some(inner) = inner.as_deref_mut()
                && let Some(end) = negation_at(lexicon, table, classes, pos, inner)
            {
                stack.push((node, end, Gap::Open, depth));
            }
        }
    }
    best
}

/// The end of a negation trigger (not a pseudo-negation) starting at `pos`.
fn negation_at(
    lexicon: &Lexicon,
    table: &WordCache,
    classes: &[u32],
    pos: usize,
    stack: &mut Vec<Walk>,
) -> Option<usize> {
    let (end, node, _) = longest(lexicon, table, classes, pos, stack, None)?;
    let roles = roles_of(lexicon, node);
    let pseudo = lexicon
        .matcher
        .payload(node)
        .iter()
        .any(|&t| lexicon.terms()[t as usize].role == Role::PseudoNegation);
    ((roles.0 || roles.1) && !pseudo).then_some(end)
}

/// What a match does to the scope around it.
fn roles_of(lexicon: &Lexicon, node: u32) -> (bool, bool, bool, bool, bool) {
    let (mut neg_before, mut neg_after, mut hyp_before, mut hyp_after, mut stop) =
        (false, false, false, false, false);
    for &term in lexicon.matcher.payload(node) {
        match lexicon.terms()[term as usize].role {
            Role::NegationBefore => neg_before = true,
            Role::NegationAfter => neg_after = true,
            Role::HypotheticalBefore => hyp_before = true,
            Role::HypotheticalAfter => hyp_after = true,
            Role::Terminator => stop = true,
            _ => {}
        }
    }
    (neg_before, neg_after, hyp_before, hyp_after, stop)
}

fn status(lexicon: &Lexicon, scratch: &Scratch, cue: &Found) -> Status {
    let tokens = &scratch.tokens;
    let neg_window = lexicon.negation_window();
    let hyp_window = lexicon.hypothetical_window();
    let reach = neg_window.max(hyp_window);
    let (mut negated, mut hypothetical) = (cue.inner_negation, false);

    // Backwards from the cue.
    let mut t = cue.start;
    let mut steps = 0;
    while t > 0 && steps < reach {
        t -= 1;
        if tokens[t].kind == TokenKind::Boundary {
            break;
        }
        steps += 1;
        let cover = scratch.cover[t];
        if cover == 0 {
            continue;
        }
        let found = scratch.found[cover as usize - 1];
        t = found.start;
        let (neg_before, _, hyp_before, _, stop) = roles_of(lexicon, found.node);
        if stop {
            break;
        }
        negated |= neg_before && steps <= neg_window;
        hypothetical |= hyp_before && steps <= hyp_window;
    }

    // Forwards from the cue.
    let mut t = cue.end;
    let mut steps = 0;
    while t < tokens.len() && steps < reach {
        if tokens[t].kind == TokenKind::Boundary {
            break;
        }
        steps += 1;
        let cover = scratch.cover[t];
        if cover == 0 {
            t += 1;
            continue;
        }
        let found = scratch.found[cover as usize - 1];
        t = found.end;
        let (_, neg_after, _, hyp_after, stop) = roles_of(lexicon, found.node);
        if stop {
            break;
        }
        negated |= neg_after && steps <= neg_window;
        hypothetical |= hyp_after && steps <= hyp_window;
    }

    if hypothetical {
        Status::Hypothetical
    } else if negated {
        Status::Negated
    } else {
        Status::Asserted
    }
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
            tag_text(&lexicon, text, &sentences, scratch, &mut actors, &mut cues);
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
                (0, "Doha"),
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

    #[test]
    fn quoted_regions_follow_marks_and_paragraphs() {
        let text = "He said \"no deal\" today. “We are close,” she said. \"Open\n\nNext";
        let mut regions = Vec::new();
        quoted_regions(text, &mut regions);
        let quoted: Vec<&str> = regions.iter().map(|r| &text[r.range()]).collect();
        assert_eq!(quoted, vec!["\"no deal\"", "“We are close,”", "\"Open"]);
        assert!(is_quoted(&regions, text.find("deal").unwrap()));
        assert!(!is_quoted(&regions, text.find("today").unwrap()));
        assert!(!is_quoted(&regions, text.find("Next").unwrap()));
    }
}
