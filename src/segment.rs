//! Sentence segmentation (provisional splitter; replaced by the news-grade
//! segmenter).

use crate::Span;

/// The sentences of `text`, as trimmed, non-empty byte spans in order.
pub fn sentences(text: &str) -> Sentences<'_> {
    Sentences { text, pos: 0 }
}

/// Iterator over the sentence spans of a text.
#[derive(Debug, Clone)]
pub struct Sentences<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Sentences<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let bytes = self.text.as_bytes();
        let mut start = self.pos;
        while start < bytes.len() && bytes[start].is_ascii_whitespace() {
            start += 1;
        }
        if start >= bytes.len() {
            self.pos = bytes.len();
            return None;
        }
        let mut i = start;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
                break;
            }
            if matches!(b, b'.' | b'!' | b'?') {
                let mut j = i + 1;
                while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
                    j += 1;
                }
                if j >= bytes.len() || bytes[j].is_ascii_whitespace() {
                    let mut k = j;
                    while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                        k += 1;
                    }
                    let next_upper = bytes.get(k).is_none_or(|c| !c.is_ascii_lowercase());
                    let word_start = bytes[start..i]
                        .iter()
                        .rposition(|c| c.is_ascii_whitespace())
                        .map_or(start, |p| start + p + 1);
                    let word = &bytes[word_start..i];
                    let abbreviation = matches!(
                        word,
                        b"Mr" | b"Mrs" | b"Ms" | b"Dr" | b"Sen" | b"Rep" | b"Gen" | b"St"
                    ) || word.contains(&b'.');
                    if next_upper && !abbreviation {
                        i = j;
                        break;
                    }
                }
            }
            i += 1;
        }
        let mut end = i.min(bytes.len());
        while end > start && bytes[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        self.pos = end.max(start + 1);
        while !self.text.is_char_boundary(self.pos) {
            self.pos += 1;
        }
        Some(Span::new(start, end.max(self.pos.min(bytes.len()))))
    }
}
