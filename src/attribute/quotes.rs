//! Quotations for attribution: the spans between paired double quotation
//! marks, paragraph by paragraph.
//!
//! Marks are `"`, `“ ”`, `„`, `« »` and the two apostrophes `''` that some
//! newspapers print for a closing (and opening) mark; single quotation
//! marks are not counted (most are apostrophes). The rule, in one pass:
//!
//! - A paragraph ends at a line break, and no quotation crosses it: a
//!   quotation still open at the end of its paragraph ends there (its
//!   `closed` is false), which is how news prints a quotation that goes on
//!   in the next paragraph.
//! - `“`, `„` and `«` open; `”` and `»` close an open quotation (a stray
//!   one is ignored).
//! - `"` and `''` open when no quotation is open and close when one is,
//!   except that a mark with white space before it and a word after it,
//!   while a quotation is open, closes the open one just before it and
//!   opens a new one (the earlier one was never closed).
//!
//! This differs from the tagger's `quoted` flag (`tag::quotes`), which is
//! kept as it was: the flag sees no `''` and lets an unclosed quotation run
//! on to a blank line.

use crate::Span;

/// One quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quote {
    /// From the opening mark to just after the closing mark (or to the end
    /// of the paragraph, without its trailing white space).
    pub(crate) span: Span,
    /// Whether a closing mark ends it.
    pub(crate) closed: bool,
    /// Whether the opening mark is the first thing in its paragraph.
    pub(crate) opens_paragraph: bool,
    /// The paragraph it is in.
    pub(crate) paragraph: Span,
}

/// A double quotation mark at `i`: its length, and whether it can only
/// open (`Some(true)`), only close (`Some(false)`) or either (`None`).
fn mark_at(bytes: &[u8], i: usize) -> Option<(usize, Option<bool>)> {
    match bytes.get(i..i + 3) {
        Some([0xE2, 0x80, 0x9C]) | Some([0xE2, 0x80, 0x9E]) => return Some((3, Some(true))),
        Some([0xE2, 0x80, 0x9D]) => return Some((3, Some(false))),
        _ => {}
    }
    match bytes.get(i..i + 2) {
        Some([0xC2, 0xAB]) => return Some((2, Some(true))),
        Some([0xC2, 0xBB]) => return Some((2, Some(false))),
        Some(b"''") => return Some((2, None)),
        _ => {}
    }
    (bytes.get(i) == Some(&b'"')).then_some((1, None))
}

/// The length of the double quotation mark at byte `i`, if one is there.
pub(crate) fn mark_len(bytes: &[u8], i: usize) -> Option<usize> {
    mark_at(bytes, i).map(|(len, _)| len)
}

/// The paragraph ends (line breaks) and quotations of `text`; `marks`
/// gets the offset of every mark, in order.
pub(crate) fn quotations(
    text: &str,
    rare: &RareMarks,
    quotes: &mut Vec<Quote>,
    marks: &mut Vec<usize>,
) {
    quotes.clear();
    marks.clear();
    let bytes = text.as_bytes();
    let mut paragraph_start = 0;
    let mut open: Option<(usize, bool)> = None;
    let mut seen_text = false;
    let mut i = 0;
    let mut candidates = Candidates::new(bytes, rare);
    loop {
        // The next byte that can start a mark or a line break.
        let next = candidates.next(i);
        // Text other than white space before it: the paragraph has begun.
        let upto = next.unwrap_or(bytes.len());
        if !seen_text {
            seen_text = bytes
                .get(i..upto)
                .is_some_and(|s| s.iter().any(|b| !b.is_ascii_whitespace()));
        }
        let Some(j) = next else { break };
        if bytes[j] == b'\n' {
            let paragraph = Span::new(paragraph_start, j);
            if let Some((start, first)) = open.take() {
                quotes.push(unclosed(bytes, start, first, paragraph));
            }
            paragraph_start = j + 1;
            seen_text = false;
            i = j + 1;
            continue;
        }
        let Some((len, side)) = mark_at(bytes, j) else {
            // An apostrophe, or another character's lead byte.
            seen_text |= bytes[j] == b'\'' || bytes[j] >= 0x80;
            i = j + 1;
            continue;
        };
        marks.push(j);
        let space_before = j == 0 || bytes[j - 1].is_ascii_whitespace();
        let word_after = bytes.get(j + len).is_some_and(|b| !b.is_ascii_whitespace());
        let paragraph = Span::new(paragraph_start, usize::MAX);
        match (open, side) {
            (None, Some(false)) => {}
            (None, _) => open = Some((j, !seen_text)),
            (Some((start, first)), Some(false)) => {
                quotes.push(closed(start, j + len, first, paragraph));
                open = None;
            }
            (Some((start, first)), Some(true)) => {
                quotes.push(unclosed_at(bytes, start, j, first, paragraph));
                open = Some((j, false));
            }
            (Some((start, first)), None) => {
                if space_before && word_after {
                    quotes.push(unclosed_at(bytes, start, j, first, paragraph));
                    open = Some((j, false));
                } else {
                    quotes.push(closed(start, j + len, first, paragraph));
                    open = None;
                }
            }
        }
        seen_text = true;
        i = j + len;
    }
    let paragraph = Span::new(paragraph_start, bytes.len());
    if let Some((start, first)) = open {
        quotes.push(unclosed(bytes, start, first, paragraph));
    }
    // Paragraph ends were not known when quotations closed: fill them in,
    // in order, finding each line break once.
    let mut next_break: Option<usize> = None;
    for quote in quotes.iter_mut() {
        if quote.paragraph.end == usize::MAX {
            let end = match next_break {
                Some(b) if b >= quote.span.end => b,
                _ => {
                    let from = quote.span.end;
                    let b = bytes
                        .get(from..)
                        .and_then(|rest| memchr::memchr(b'\n', rest))
                        .map_or(bytes.len(), |k| from + k);
                    next_break = Some(b);
                    b
                }
            };
            quote.paragraph.end = end;
        }
    }
}

/// The bytes that can start a mark or a line break, found with `memchr`:
/// `"`, a line break and 0xE2 (curly marks) always; `'` and 0xC2 (for
/// `''` and guillemets) only in a text that has them, since apostrophes
/// are frequent and those marks rare. Each stream keeps its next
/// position, so the text is scanned once.
struct Candidates<'a> {
    bytes: &'a [u8],
    /// Next `"`, line break or 0xE2 at or after the last position asked.
    main: Option<usize>,
    /// Next `'` or 0xC2, when the text has `''` or a guillemet.
    rare: Option<Option<usize>>,
    from: usize,
}

impl<'a> Candidates<'a> {
    fn new(bytes: &'a [u8], rare: &RareMarks) -> Self {
        Candidates {
            bytes,
            main: None,
            rare: rare.in_text(bytes).then_some(None),
            from: usize::MAX,
        }
    }
}

/// Finds whether a text has the rare marks, `''` or a guillemet; built
/// once (a substring searcher costs something to set up).
#[derive(Debug, Clone)]
pub(crate) struct RareMarks {
    double_apostrophe: memchr::memmem::Finder<'static>,
}

impl Default for RareMarks {
    fn default() -> Self {
        RareMarks {
            double_apostrophe: memchr::memmem::Finder::new(b"''"),
        }
    }
}

impl RareMarks {
    /// Whether `bytes` has `''`, `«` (C2 AB) or `»` (C2 BB). Apostrophes
    /// are frequent, so `''` is searched as a whole; 0xC2 is rare, so its
    /// every occurrence is looked at.
    fn in_text(&self, bytes: &[u8]) -> bool {
        self.double_apostrophe.find(bytes).is_some()
            || memchr::memchr_iter(0xC2, bytes)
                .any(|i| matches!(bytes.get(i + 1), Some(0xAB | 0xBB)))
    }
}

impl Candidates<'_> {
    /// The first candidate at or after `i` (positions asked never
    /// decrease).
    fn next(&mut self, i: usize) -> Option<usize> {
        let rest = |from: usize| self.bytes.get(from..).unwrap_or_default();
        if self.from == usize::MAX || self.main.is_some_and(|m| m < i) {
            self.main = memchr::memchr3(b'"', b'\n', 0xE2, rest(i)).map(|k| i + k);
        }
        if let Some(rare) = self.rare
            && (self.from == usize::MAX || rare.is_some_and(|r| r < i))
        {
            self.rare = Some(memchr::memchr2(b'\'', 0xC2, rest(i)).map(|k| i + k));
        }
        self.from = i;
        match (self.main, self.rare.flatten()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

fn closed(start: usize, end: usize, first: bool, paragraph: Span) -> Quote {
    Quote {
        span: Span::new(start, end),
        closed: true,
        opens_paragraph: first,
        paragraph,
    }
}

/// A quotation open from `start` that ends before `end` (white space
/// trimmed).
fn unclosed_at(bytes: &[u8], start: usize, end: usize, first: bool, paragraph: Span) -> Quote {
    let mut e = end;
    while e > start && bytes.get(e - 1).is_some_and(|b| b.is_ascii_whitespace()) {
        e -= 1;
    }
    Quote {
        span: Span::new(start, e),
        closed: false,
        opens_paragraph: first,
        paragraph,
    }
}

fn unclosed(bytes: &[u8], start: usize, first: bool, paragraph: Span) -> Quote {
    unclosed_at(bytes, start, paragraph.end, first, paragraph)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, bool, bool)> {
        let (mut quotes, mut marks) = (Vec::new(), Vec::new());
        quotations(text, &RareMarks::default(), &mut quotes, &mut marks);
        quotes
            .iter()
            .map(|q| (&text[q.span.range()], q.closed, q.opens_paragraph))
            .collect()
    }

    #[test]
    fn quotations_pair_within_paragraphs() {
        type Found<'a> = &'a [(&'a str, bool, bool)];
        let cases: &[(&str, Found)] = &[
            (
                "He said \"no deal\" today.",
                &[("\"no deal\"", true, false)],
            ),
            (
                "“We are close,” she said. “Very close.”",
                &[
                    ("“We are close,”", true, true),
                    ("“Very close.”", true, false),
                ],
            ),
            // Two apostrophes as marks.
            ("''It holds,'' he said.", &[("''It holds,''", true, true)]),
            // Unclosed at the paragraph's end, resumed in the next one.
            (
                "“First part.\n“Second part.”",
                &[
                    ("“First part.", false, true),
                    ("“Second part.”", true, true),
                ],
            ),
            // A straight mark after a space and before a word reopens.
            (
                "\"One and \"two\" here",
                &[("\"One and", false, true), ("\"two\"", true, false)],
            ),
            // A stray closing mark is ignored; apostrophes are no marks.
            ("Iran’s ” talks' end", &[]),
            ("", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn paragraphs_are_filled_in() {
        let text = "A “b” c.\nD “e\nF";
        let (mut quotes, mut marks) = (Vec::new(), Vec::new());
        quotations(text, &RareMarks::default(), &mut quotes, &mut marks);
        let paragraphs: Vec<&str> = quotes.iter().map(|q| &text[q.paragraph.range()]).collect();
        assert_eq!(paragraphs, ["A “b” c.", "D “e"]);
        assert_eq!(marks.len(), 3);
    }
}
