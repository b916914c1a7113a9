//! Sense rules that need more than a word list: when a matched outcome cue
//! is not an outcome claim at all.

use crate::Span;
use crate::tokens::{Token, TokenKind};

/// Rule (issue 16, names and titles): an outcome cue written with capitals
/// inside a sentence of ordinary case is part of a name or a title ("a
/// fellow at the Center for Rural Progress", "the memoir *Collapse at
/// Dawn*", "the Breakthrough Institute"), not an outcome claim; the
/// lexicon cannot list every such name. Reason for each condition:
///
/// - every word of the cue starts with a capital and goes on in lower
///   case ("PROGRESS" in a shouted headline is still progress);
/// - it is not the first word of the piece, nor right after a boundary
///   (`: — (`) or an opening quotation mark, where any word takes a
///   capital;
/// - the sentence is not in title case: some word of four or more letters
///   starts in lower case ("Talks Make Progress On Iran Deal" is a
///   headline, and its "Progress" is an outcome).
pub(crate) fn is_capitalised_name(text: &str, tokens: &[Token], start: usize, end: usize) -> bool {
    let word = |t: &Token| text.get(t.span.range()).unwrap_or("");
    let capitalised = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase)
    };
    let Some(cue) = tokens.get(start..end) else {
        return false;
    };
    if !cue.iter().all(|t| capitalised(word(t))) {
        return false;
    }
    let Some(before) = start.checked_sub(1).and_then(|i| tokens.get(i)) else {
        return false;
    };
    if before.kind == TokenKind::Boundary {
        return false;
    }
    let Some(first) = cue.first() else {
        return false;
    };
    let gap = text
        .get(Span::new(before.span.end, first.span.start).range())
        .unwrap_or("");
    if gap.contains(['"', '“', '‘', '\'', '\n']) {
        return false;
    }
    tokens.iter().any(|t| {
        let w = word(t);
        t.kind == TokenKind::Word
            && w.chars().count() >= 4
            && w.starts_with(|c: char| c.is_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize_into;

    #[test]
    fn capitalised_cues_inside_ordinary_sentences_are_names() {
        // (sentence, cue word, is a name)
        let cases = [
            (
                "She spoke at the Center for Rural Progress on Monday.",
                "Progress",
                true,
            ),
            (
                "His novel, titled after the Collapse, sold well.",
                "Collapse",
                true,
            ),
            ("Progress was slow on Monday.", "Progress", false),
            ("Talks Make Progress On Iran Deal", "Progress", false),
            ("MORE PROGRESS AS THE BILL NEARS A VOTE", "PROGRESS", false),
            ("He said: Progress is slow.", "Progress", false),
            (
                "The motto \u{201c}Progress first\u{201d} stayed on the wall.",
                "Progress",
                false,
            ),
            ("The talks made progress on Monday.", "progress", false),
        ];
        for (text, cue, expected) in cases {
            let mut tokens = Vec::new();
            tokenize_into(text, Span::new(0, text.len()), &mut tokens);
            let at = tokens
                .iter()
                .position(|t| &text[t.span.range()] == cue)
                .unwrap_or_else(|| panic!("{cue:?} in {text:?}"));
            assert_eq!(
                is_capitalised_name(text, &tokens, at, at + 1),
                expected,
                "{text:?}"
            );
        }
    }
}
