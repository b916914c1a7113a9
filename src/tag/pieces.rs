//! Very long sentences are tagged in pieces, so that the tagger's buffers
//! (a token, a cache key, a class and a cover entry per token: about 50
//! bytes per token) stay bounded whatever the text: an article of 40 MB
//! with no sentence end once took 24 bytes of memory per byte of text.
//!
//! Rule: a sentence of at most [`MAX_PIECE`] bytes is tagged whole (every
//! sentence of ordinary news). A longer one is tagged in pieces of at most
//! that many bytes, each cut as late as possible in the second half of its
//! piece, and chosen, in this order of preference:
//! 1. just after a clause boundary that cannot belong to a number or a
//!    dash (`;` `(` `)` `[` `]`, or `,` `:` not followed by a digit; and
//!    not followed by `-`). Terms and rule scopes never cross a boundary,
//!    so such a cut changes no cue; an actor reading that looks at the
//!    words around a mention (a capital that acts, a role noun) may lose
//!    the word across the cut;
//! 2. else at white space, or just after a symbol that no token takes in
//!    (`/` `+` `"` `!` `?` ..., not followed by `-`): the tokens are the
//!    same, but a term or a rule window that would have crossed the cut is
//!    not seen;
//! 3. else (over 32 KiB of letters, digits and `. , : ' -` alone) at a
//!    character boundary, which may split a word in two.
//!
//! Sentence indices, counts of sentences and the sentence dump are those
//! of the whole sentence: only the tagging is done piece by piece.

use crate::Span;

/// The longest span tagged in one go, in bytes.
pub(crate) const MAX_PIECE: usize = 64 * 1024;

/// The pieces of `sentence` to tag, each at most `max` bytes (see the
/// module docs), in order; they cover the sentence.
pub(crate) fn pieces(text: &str, sentence: Span, max: usize) -> impl Iterator<Item = Span> + '_ {
    let end = sentence.end.min(text.len());
    let mut start = sentence.start.min(end);
    let max = max.max(2);
    std::iter::from_fn(move || {
        if start >= end {
            return None;
        }
        let cut = if end - start <= max {
            end
        } else {
            cut(text, start, start + max)
        };
        let piece = Span::new(start, cut);
        start = cut;
        Some(piece)
    })
}

/// Where to end a piece that starts at `start` and may reach `limit`
/// (exclusive, inside the text): the rule of the module docs. Always
/// after `start` and on a character boundary.
fn cut(text: &str, start: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let half = start + (limit - start) / 2;
    // 1. Just after a boundary that no number or dash can claim.
    for i in (half..limit).rev() {
        let next = bytes.get(i + 1).copied();
        let clause = match bytes[i] {
            b';' | b'(' | b')' | b'[' | b']' => true,
            b',' | b':' => !next.is_some_and(|b| b.is_ascii_digit()),
            _ => false,
        };
        if clause && next != Some(b'-') {
            return i + 1;
        }
    }
    // 2. At white space, or after a symbol that is in no token.
    let symbol =
        |b: u8| b.is_ascii_punctuation() && !matches!(b, b'.' | b',' | b':' | b'\'' | b'-');
    if let Some(i) = (half.max(start + 1)..limit)
        .rev()
        .find(|&i| bytes[i].is_ascii_whitespace() || (symbol(bytes[i - 1]) && bytes[i] != b'-'))
    {
        return i;
    }
    // 3. At a character boundary.
    let mut i = limit;
    while i > start + 1 && !text.is_char_boundary(i) {
        i -= 1;
    }
    if text.is_char_boundary(i) {
        i
    } else {
        // A piece shorter than one character: take the character whole.
        let mut j = limit;
        while j < text.len() && !text.is_char_boundary(j) {
            j += 1;
        }
        j
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut_texts(text: &str, max: usize) -> Vec<&str> {
        pieces(text, Span::new(0, text.len()), max)
            .map(|p| &text[p.range()])
            .collect()
    }

    #[test]
    fn cuts_prefer_boundaries_then_white_space() {
        // (text, max, pieces)
        let cases: &[(&str, usize, &[&str])] = &[
            ("short enough", 64, &["short enough"]),
            // After the latest boundary in the second half.
            ("aaaa, bbbb; cccc dddd", 12, &["aaaa, bbbb;", " cccc dddd"]),
            // A comma inside a number, or before a dash, is no cut: white
            // space instead.
            ("aaaa bbb 1,200 x", 12, &["aaaa bbb", " 1,200 x"]),
            ("aaaa bbb,-cc x", 12, &["aaaa bbb,-cc", " x"]),
            // No boundary: the latest white space.
            ("aaa bbb ccc ddd", 8, &["aaa bbb", " ccc ddd"]),
            (
                "aaa bbb ccc ddd eee",
                6,
                &["aaa", " bbb", " ccc", " ddd", " eee"],
            ),
            // After a symbol that no token takes in (not before a dash).
            ("aaaa/bbbb+cc", 8, &["aaaa/", "bbbb+cc"]),
            ("aaa/-bbbbbb", 8, &["aaa/-bbb", "bbb"]),
            // Neither: a character boundary (é is two bytes).
            ("aaaaaaaaéééé", 9, &["aaaaaaaa", "éééé"]),
            // Boundaries without white space.
            ("a,a,a,a,a,a", 4, &["a,a,", "a,a,", "a,a"]),
        ];
        for (text, max, expected) in cases {
            assert_eq!(cut_texts(text, *max), *expected, "{text:?} / {max}");
        }
    }

    #[test]
    fn pieces_cover_the_sentence_on_char_boundaries() {
        let text = "é".repeat(50) + &"word, ".repeat(40) + &"ü".repeat(30);
        for max in [2, 3, 5, 16, 100, 1000] {
            let spans: Vec<Span> = pieces(&text, Span::new(2, text.len() - 2), max).collect();
            assert_eq!(spans.first().map(|s| s.start), Some(2));
            assert_eq!(spans.last().map(|s| s.end), Some(text.len() - 2));
            for pair in spans.windows(2) {
                assert_eq!(pair[0].end, pair[1].start);
            }
            for span in &spans {
                assert!(!span.is_empty() && span.len() <= max.max(2), "{span:?}");
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        }
    }
}
