//! The trie walk: the longest lexicon term starting at a token
//! (leftmost-longest matching is the caller's loop over start tokens).
//!
//! Rule: inside a cue term, after its first word and before its last, the
//! walk may skip one negation trigger ("a deal was not reached" matches
//! "deal was reached"); the term is then negated. Other terms (actors,
//! triggers) never skip one: they have no status to negate. Which phrases may be skipped
//! is decided by [`ScopeRoles::negates_inside_term`], in the rules module.
//!
//! Accelerator: when no term through the first word can go on to the next
//! token (the usual case), the match is read off the word's class without
//! a walk (the fast path in [`longest`]); the class's masks only ever rule
//! out steps that the walk would not take, so both paths find the same
//! term (the test `fast_path_agrees_with_the_walk` checks this).

use super::classify::WordCache;
use super::rules::ScopeRoles;
use crate::lexicon::matcher::Matcher;
use crate::lexicon::{Lexicon, Role};

/// One state of a trie walk: node, next token, gap state, words matched.
pub(crate) type Walk = (u32, usize, Gap, usize);

/// Where a trie walk stands with respect to a skipped negation trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gap {
    /// Nothing skipped (yet).
    None,
    /// A trigger was just skipped: the term must go on before it can end.
    Open,
    /// A trigger was skipped and the term went on after it.
    Closed,
}

/// The longest term starting at token `start`: (end token, trie node,
/// whether a negation trigger was skipped inside it). With `inner`, one
/// negation trigger may be skipped between two words of a term (see the
/// module docs); without it, terms are matched contiguously.
pub(crate) fn longest(
    lexicon: &Lexicon,
    table: &WordCache,
    classes: &[u32],
    start: usize,
    stack: &mut Vec<Walk>,
    inner: Option<&mut Vec<Walk>>,
) -> Option<(usize, u32, bool)> {
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
    walk(lexicon, table, classes, start, stack, inner)
}

/// The longest term starting at token `start` by a walk of the trie along
/// every key of every token (the definition that [`longest`]'s fast path
/// shortens).
fn walk(
    lexicon: &Lexicon,
    table: &WordCache,
    classes: &[u32],
    start: usize,
    stack: &mut Vec<Walk>,
    mut inner: Option<&mut Vec<Walk>>,
) -> Option<(usize, u32, bool)> {
    let matcher = &lexicon.matcher;
    stack.clear();
    stack.push((Matcher::ROOT, start, Gap::None, 0));
    let mut best: Option<(usize, u32, bool)> = None;
    while let Some((node, pos, gap, depth)) = stack.pop() {
        // A skipped negation negates the term, so only a cue term (which
        // has a status) may skip one: "ended without a" is no "end~ a".
        if pos > start
            && gap != Gap::Open
            && !matcher.payload(node).is_empty()
            && (gap == Gap::None || has_cue(lexicon, node))
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

/// Whether a cue term ends at `node`.
fn has_cue(lexicon: &Lexicon, node: u32) -> bool {
    lexicon
        .matcher
        .payload(node)
        .iter()
        .any(|&t| matches!(lexicon.terms()[t as usize].role, Role::Cue(_)))
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
    ScopeRoles::of(lexicon, node)
        .negates_inside_term()
        .then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize_keyed;

    #[test]
    fn fast_path_agrees_with_the_walk() {
        let lexicon = Lexicon::default();
        let text = "The U.S. and Iran did not reach a deal, but the talks made no progress. \
                    Qatar's emir hopes for a breakthrough; the White House was not only \
                    cautious but clearly optimistic about sanctions relief in Doha. \
                    A deal was not reached, officials said, and the deadlock is a setback.";
        let mut cache = WordCache::default();
        cache.prepare(&lexicon.matcher);
        let (mut tokens, mut keys, mut classes) = (Vec::new(), Vec::new(), Vec::new());
        tokenize_keyed(
            text,
            crate::Span::new(0, text.len()),
            &mut tokens,
            &mut keys,
        );
        cache.look_up_all(&keys, &mut classes);
        cache.classify_misses(&lexicon.matcher, text, &tokens, &keys, &mut classes);
        let (mut stack, mut inner) = (Vec::new(), Vec::new());
        let mut found = 0;
        for start in 0..tokens.len() {
            let fast = longest(
                &lexicon,
                &cache,
                &classes,
                start,
                &mut stack,
                Some(&mut inner),
            );
            let full = walk(
                &lexicon,
                &cache,
                &classes,
                start,
                &mut stack,
                Some(&mut inner),
            );
            assert_eq!(
                fast,
                full,
                "token {start}: {:?}",
                &text[tokens[start].span.range()]
            );
            found += usize::from(fast.is_some());
        }
        // The text is full of terms: the comparison is not vacuous.
        assert!(found > 15, "{found}");
    }
}
