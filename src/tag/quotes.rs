//! Quotation: which parts of a text stand between double quotation marks.
//!
//! A cue is **quoted** when it lies between an opening and a closing double
//! quotation mark (straight or curly, or guillemets; possibly across
//! sentences). A mark opens when it follows whitespace, an opening bracket
//! or a dash and precedes a non-space; any other mark closes. A second
//! opening mark closes the first quotation just before it, and an unclosed
//! quotation ends at the next blank line (a new paragraph).

use crate::Span;

/// Finds the double-quoted regions of a text (see the module docs).
pub(crate) fn quoted_regions(text: &str, out: &mut Vec<Span>) {
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

pub(crate) fn is_quoted(regions: &[Span], offset: usize) -> bool {
    let i = regions.partition_point(|r| r.end <= offset);
    regions.get(i).is_some_and(|r| r.start <= offset)
}

#[cfg(test)]
mod tests {
    use super::*;

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
