//! Word tokens: byte spans into the text, classified so that the tagger can
//! match lexicon terms and find clause boundaries.
//!
//! Rules, each chosen so that lexicon terms match the way they are written
//! in news:
//! - a word is a run of letters and digits (any script); an apostrophe
//!   between letters stays inside it ("Sa'ar", "O'Brien");
//! - the possessive `'s` and the contraction `n't` are split off as clitic
//!   tokens ("Iran's" → `Iran` `'s`; "didn't" → `did` `n't`), so "Iran's"
//!   matches the term "Iran" and `n't` can trigger negation;
//! - letters joined by full stops are one word ("U.S.", "U.N.", "a.m."), so
//!   the abbreviation can be a lexicon term;
//! - hyphens split ("U.S.-Iran" → `U.S.` `Iran`; "Qatar-brokered" →
//!   `Qatar` `brokered`), so compounds tag their parts;
//! - digits joined by `.`, `,` or `:` are one number ("3.5", "1,200");
//! - `,` `;` `:` brackets and dashes are boundary tokens: they end negation
//!   and hypothetical scope and no term crosses them.
//!
//! Straight (') and curly (’) apostrophes are treated alike.

mod swar;

use crate::Span;
use swar::{ascii_alnum_run, short_ascii_word};

/// Byte classes for the ASCII fast path: a table lookup per byte instead
/// of a chain of range comparisons.
pub(crate) const ALNUM: u8 = 1;
/// Bytes after an ASCII run that may continue the word or change how it
/// splits: `. , :` (abbreviations, numbers), apostrophes (clitics) and any
/// non-ASCII byte (letters of other scripts, curly apostrophes).
pub(crate) const CONTINUES: u8 = 4;
pub(crate) static ASCII_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = ALNUM;
        } else if c >= 0x80 || matches!(c, b'.' | b',' | b':' | b'\'') {
            table[b] = CONTINUES;
        }
        b += 1;
    }
    table
};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters (and digits), possibly with internal apostrophes or an
    /// abbreviation's full stops.
    Word,
    /// Digits, possibly with internal `.`, `,` or `:`.
    Number,
    /// A split-off `'s` or `n't`.
    Clitic,
    /// Punctuation that ends a clause-level scope: `, ; : ( ) [ ]` and dashes.
    Boundary,
}

/// One token: its byte span in the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// Where the token is.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

impl Token {
    /// Whether the token counts as a word for rates (words, numbers and
    /// clitics; not punctuation).
    #[cfg_attr(not(test), expect(dead_code, reason = "the tokenizer's tests use it"))]
    pub fn is_word(&self) -> bool {
        self.kind != TokenKind::Boundary
    }
}

/// Appends the tokens of `text[span]` to `out`. Offsets are into `text`.
///
/// Runs in time linear in the span's length and never allocates beyond
/// `out`'s growth.
pub(crate) fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    scan(text, span, out, &mut NoKeys);
}

/// A word's bytes, zero-padded to 16, as two little-endian words: the key
/// under which the tagger caches what a word is. Words never contain NUL,
/// so the padding is unambiguous.
pub(crate) type WordKey = [u64; 2];

/// The key of a boundary token (no word packs to all zeros).
pub(crate) const BOUNDARY_KEY: WordKey = [0; 2];

/// The key of a word longer than 16 bytes, which is not cached (no word
/// packs to all ones: 0xFF never occurs in UTF-8).
pub(crate) const LONG_KEY: WordKey = [u64::MAX; 2];

/// Takes each token's [`WordKey`] as the tokenizer finds it, in token
/// order (the tokenizer has most words' bytes in a register already).
pub(crate) trait KeySink {
    /// The key of the next token, a word (possibly [`LONG_KEY`]).
    fn word(&mut self, key: WordKey);
    /// The next token is a boundary.
    fn boundary(&mut self);
}

/// Keys as a list ([`BOUNDARY_KEY`] for boundaries).
impl KeySink for Vec<WordKey> {
    fn word(&mut self, key: WordKey) {
        self.push(key);
    }
    fn boundary(&mut self) {
        self.push(BOUNDARY_KEY);
    }
}

/// No keys wanted.
struct NoKeys;

impl KeySink for NoKeys {
    #[inline(always)]
    fn word(&mut self, _: WordKey) {}
    #[inline(always)]
    fn boundary(&mut self) {}
}

/// [`tokenize_into`], also handing each token's [`WordKey`] to `keys`.
/// Returns the number of word tokens (all but boundaries).
pub(crate) fn tokenize_keyed<K: KeySink>(
    text: &str,
    span: Span,
    out: &mut Vec<Token>,
    keys: &mut K,
) -> usize {
    scan(text, span, out, keys)
}

/// The tokenizer: pushes tokens to `out` and their keys to `keys`, and
/// counts words.
fn scan<K: KeySink>(text: &str, span: Span, out: &mut Vec<Token>, keys: &mut K) -> usize {
    let bytes = text.as_bytes();
    let end = span.end.min(bytes.len());
    let mut i = span.start;
    let mut words = 0;
    while i < end {
        let b = bytes[i];
        let (c, len) = if b < 0x80 {
            (char::from(b), 1)
        } else {
            decode(text, i)
        };
        let starts_word = if b < 0x80 {
            ASCII_CLASS[usize::from(b)] & ALNUM != 0
        } else {
            is_alphanumeric(c)
        };
        if starts_word {
            // Fast path: an ASCII word of under 16 bytes followed by a byte
            // that cannot continue or split it (a space, most punctuation)
            // is the whole token, and its key is the bytes just scanned.
            if let Some((after, has_letter, key)) = short_ascii_word(bytes, i, end) {
                push_word(out, i, after, has_letter);
                keys.word(key);
                words += 1;
                // Most words are followed by one space: step over it.
                i = after + usize::from(after < end && bytes.get(after) == Some(&b' '));
                continue;
            }
            let before = out.len();
            i = word(text, i, end, out);
            let pushed = out.get(before..).unwrap_or_default();
            for token in pushed {
                keys.word(word_key(bytes, token.span));
            }
            words += pushed.len();
            continue;
        }
        if let Some(kind) = punct_kind(bytes, c, i, span.start, end) {
            out.push(Token {
                span: Span::new(i, i + len),
                kind,
            });
            keys.boundary();
        }
        i += len;
    }
    words
}

/// The key of the word at `span` ([`LONG_KEY`] past 16 bytes).
pub(crate) fn word_key(bytes: &[u8], span: Span) -> WordKey {
    let len = span.len();
    if len > 16 {
        return LONG_KEY;
    }
    let mut key = [0u8; 16];
    if let (Some(to), Some(from)) = (key.get_mut(..len), bytes.get(span.range())) {
        to.copy_from_slice(from);
    }
    let (lo, hi) = key.split_at(8);
    [
        u64::from_le_bytes(lo.try_into().unwrap_or_default()),
        u64::from_le_bytes(hi.try_into().unwrap_or_default()),
    ]
}

/// Tokenizes a whole text (convenience for tests and small inputs).
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, Span::new(0, text.len()), &mut out);
    out
}

/// The kind of the token the non-word character `c` at `i` makes, if any:
/// boundary punctuation and dashes; other punctuation makes none.
#[inline(always)]
fn punct_kind(bytes: &[u8], c: char, i: usize, start: usize, end: usize) -> Option<TokenKind> {
    if c.is_ascii() {
        ascii_punct_kind(bytes, i, start, end)
    } else {
        is_dash(c).then_some(TokenKind::Boundary)
    }
}

fn ascii_punct_kind(bytes: &[u8], i: usize, start: usize, end: usize) -> Option<TokenKind> {
    match bytes[i] {
        b',' | b';' | b':' | b'(' | b')' | b'[' | b']' => Some(TokenKind::Boundary),
        // A hyphen between spaces, or a double hyphen, is a dash; one inside
        // a word only splits it.
        b'-' => {
            let before_space = i == start || bytes[i - 1].is_ascii_whitespace();
            let after_space = i + 1 >= end || bytes[i + 1].is_ascii_whitespace();
            let double = i + 1 < end && bytes[i + 1] == b'-';
            ((before_space && after_space) || double).then_some(TokenKind::Boundary)
        }
        _ => None,
    }
}

/// `char::is_alphanumeric`, answering at once for General Punctuation
/// (U+2000–U+206F: curly quotes, dashes, ellipsis), which news is full of
/// and which holds no letter or digit.
fn is_alphanumeric(c: char) -> bool {
    !matches!(c, '\u{2000}'..='\u{206F}') && c.is_alphanumeric()
}

fn is_dash(c: char) -> bool {
    matches!(c, '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}')
}

/// Decodes the char at byte `i` (which must be a char boundary).
fn decode(text: &str, i: usize) -> (char, usize) {
    match text.get(i..).and_then(|rest| rest.chars().next()) {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{FFFD}', 1),
    }
}

fn is_word_char_at(text: &str, i: usize, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if i >= end {
        return None;
    }
    let b = bytes[i];
    if b < 0x80 {
        return b.is_ascii_alphanumeric().then_some(1);
    }
    let (c, len) = decode(text, i);
    // Combining marks continue a word even though they are not alphanumeric.
    (is_alphanumeric(c) || is_combining(c)).then_some(len)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Length of an apostrophe (' or ’) at `i`, if there is one.
fn apostrophe_at(bytes: &[u8], i: usize, end: usize) -> Option<usize> {
    if i < end && bytes[i] == b'\'' {
        Some(1)
    } else if i + 2 < end && bytes[i..i + 3] == [0xE2, 0x80, 0x99] {
        Some(3)
    } else {
        None
    }
}

/// Scans one word starting at `start`, pushes its token(s), returns the
/// byte after it.
fn word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let bytes = text.as_bytes();
    if let Some(after) = dotted_abbreviation(bytes, start, end) {
        out.push(Token {
            span: Span::new(start, after),
            kind: TokenKind::Word,
        });
        return after;
    }
    let mut i = start;
    let mut has_letter = false;
    loop {
        // A run of word chars, ASCII first (the common case).
        loop {
            let (run, letter) = ascii_alnum_run(bytes.get(i..end).unwrap_or_default());
            has_letter |= letter;
            i += run;
            if i < end
                && bytes[i] >= 0x80
                && let Some(len) = is_word_char_at(text, i, end)
            {
                has_letter = true;
                i += len;
                continue;
            }
            break;
        }
        // Digits joined by . , : continue a number.
        if !has_letter
            && i + 1 < end
            && matches!(bytes[i], b'.' | b',' | b':')
            && bytes[i + 1].is_ascii_digit()
        {
            i += 1;
            continue;
        }
        // An apostrophe followed by a letter.
        if let Some(alen) = apostrophe_at(bytes, i, end)
            && is_word_char_at(text, i + alen, end).is_some()
        {
            let rest = i + alen;
            let next_len = word_run_len(text, rest, end);
            let next = &bytes[rest..rest + next_len];
            if next.eq_ignore_ascii_case(b"s") {
                push_word(out, start, i, has_letter);
                out.push(Token {
                    span: Span::new(i, rest + next_len),
                    kind: TokenKind::Clitic,
                });
                return rest + next_len;
            }
            if next.eq_ignore_ascii_case(b"t")
                && i > start
                && bytes[i - 1].eq_ignore_ascii_case(&b'n')
            {
                push_word(out, start, i - 1, has_letter);
                out.push(Token {
                    span: Span::new(i - 1, rest + next_len),
                    kind: TokenKind::Clitic,
                });
                return rest + next_len;
            }
            i = rest;
            continue;
        }
        break;
    }
    push_word(out, start, i, has_letter);
    i
}

fn word_run_len(text: &str, start: usize, end: usize) -> usize {
    let mut i = start;
    while let Some(len) = is_word_char_at(text, i, end) {
        i += len;
    }
    i - start
}

fn push_word(out: &mut Vec<Token>, start: usize, end: usize, has_letter: bool) {
    if end > start {
        out.push(Token {
            span: Span::new(start, end),
            kind: if has_letter {
                TokenKind::Word
            } else {
                TokenKind::Number
            },
        });
    }
}

/// "U.S.", "a.m.", "D.C.": single ASCII letters each followed by a full
/// stop, at least two of them. Returns the byte after the last full stop.
fn dotted_abbreviation(bytes: &[u8], start: usize, end: usize) -> Option<usize> {
    let mut i = start;
    let mut letters = 0;
    while i + 1 < end && bytes[i].is_ascii_alphabetic() && bytes[i + 1] == b'.' {
        // The letter must stand alone (not the end of a longer word).
        if i > start && bytes[i - 1].is_ascii_alphanumeric() {
            break;
        }
        letters += 1;
        i += 2;
    }
    // "U.S" without a final stop still counts when a letter closes it.
    if letters >= 1
        && i < end
        && bytes[i].is_ascii_alphabetic()
        && (i + 1 >= end || !bytes[i + 1].is_ascii_alphanumeric())
    {
        letters += 1;
        i += 1;
    }
    (letters >= 2 && (i >= end || !bytes[i].is_ascii_alphanumeric())).then_some(i)
}

/// Writes the lookup form of a word into `buf`: lower-case, with curly
/// apostrophes made straight. Returns whether the word had any upper-case
/// letter.
pub(crate) fn lowercase_into(word: &str, buf: &mut String) -> bool {
    buf.clear();
    let mut had_upper = false;
    if word.is_ascii() {
        had_upper = word.bytes().any(|b| b.is_ascii_uppercase());
        buf.push_str(word);
        buf.make_ascii_lowercase();
        return had_upper;
    }
    for c in word.chars() {
        if c == '\u{2019}' || c == '\u{2018}' {
            buf.push('\'');
        } else if c.is_uppercase() {
            had_upper = true;
            buf.extend(c.to_lowercase());
        } else {
            buf.push(c);
        }
    }
    had_upper
}

/// Writes the case-preserving lookup form of a word into `buf` (curly
/// apostrophes made straight).
pub(crate) fn exact_into(word: &str, buf: &mut String) {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
    } else {
        buf.extend(word.chars().map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            c => c,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer without its fast path: every word through `word`.
    fn tokenize_by_full_path(text: &str) -> Vec<Token> {
        let bytes = text.as_bytes();
        let (mut out, mut i) = (Vec::new(), 0);
        while i < bytes.len() {
            let (c, len) = decode(text, i);
            if c.is_alphanumeric() {
                i = word(text, i, bytes.len(), &mut out);
            } else {
                if let Some(kind) = punct_kind(bytes, c, i, 0, bytes.len()) {
                    out.push(Token {
                        span: Span::new(i, i + len),
                        kind,
                    });
                }
                i += len;
            }
        }
        out
    }

    proptest::proptest! {
        /// The fast path for short ASCII words splits exactly as the full
        /// path, and every key is the word's bytes (or the boundary or
        /// long-word key).
        #[test]
        fn fast_path_and_keys_agree_with_the_full_path(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "Z", "7", "talks", "U", "S", "s", "t", "n", "abcdefghijklmnop",
                    "1234567", "x9", ".", ",", ":", "'", "’", " ", "-", "--", "é", "—",
                    "\"", "(", "\n", "ab.", "3,", "Qatar",
                ]),
                0..24,
            )
        ) {
            let text: String = pieces.concat();
            let mut tokens = Vec::new();
            let mut keys = Vec::new();
            let words = tokenize_keyed(&text, Span::new(0, text.len()), &mut tokens, &mut keys);
            proptest::prop_assert_eq!(&tokens, &tokenize_by_full_path(&text));
            proptest::prop_assert_eq!(words, tokens.iter().filter(|t| t.is_word()).count());
            proptest::prop_assert_eq!(keys.len(), tokens.len());
            for (token, key) in tokens.iter().zip(&keys) {
                let expected = if token.is_word() {
                    word_key(text.as_bytes(), token.span)
                } else {
                    BOUNDARY_KEY
                };
                proptest::prop_assert_eq!(*key, expected);
            }
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn keys_pack_the_word_bytes() {
        let text = "Doha talks, internationalization";
        let mut tokens = Vec::new();
        let mut keys = Vec::new();
        tokenize_keyed(text, Span::new(0, text.len()), &mut tokens, &mut keys);
        assert_eq!(
            keys,
            [
                [u64::from_le_bytes(*b"Doha\0\0\0\0"), 0],
                [u64::from_le_bytes(*b"talks\0\0\0"), 0],
                BOUNDARY_KEY,
                LONG_KEY,
            ]
        );
    }

    fn words(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .into_iter()
            .map(|t| (&text[t.span.range()], t.kind))
            .collect()
    }

    #[test]
    fn splits_clitics_hyphens_and_keeps_abbreviations() {
        use TokenKind::*;
        let cases: &[(&str, &[(&str, TokenKind)])] = &[
            (
                "Iran's envoy",
                &[("Iran", Word), ("'s", Clitic), ("envoy", Word)],
            ),
            ("didn't", &[("did", Word), ("n't", Clitic)]),
            ("can’t", &[("ca", Word), ("n’t", Clitic)]),
            (
                "U.S.-Iran talks",
                &[("U.S.", Word), ("Iran", Word), ("talks", Word)],
            ),
            ("Qatar-brokered", &[("Qatar", Word), ("brokered", Word)]),
            (
                "at 5 p.m. today",
                &[("at", Word), ("5", Number), ("p.m.", Word), ("today", Word)],
            ),
            (
                "$1,200.50 and 3.5%",
                &[("1,200.50", Number), ("and", Word), ("3.5", Number)],
            ),
            ("Sa'ar said", &[("Sa'ar", Word), ("said", Word)]),
            (
                "talks — again",
                &[("talks", Word), ("—", Boundary), ("again", Word)],
            ),
            ("no, not", &[("no", Word), (",", Boundary), ("not", Word)]),
            ("Sen. Smith", &[("Sen", Word), ("Smith", Word)]),
            ("A. Farouk", &[("A", Word), ("Farouk", Word)]),
            ("US–Iran", &[("US", Word), ("–", Boundary), ("Iran", Word)]),
            ("Tehran’s", &[("Tehran", Word), ("’s", Clitic)]),
            ("n't", &[("n't", Clitic)]),
        ];
        for (text, expected) in cases {
            assert_eq!(&words(text), expected, "{text:?}");
        }
    }

    #[test]
    fn lowercase_form_straightens_apostrophes() {
        let mut buf = String::new();
        assert!(lowercase_into("Sa’ar", &mut buf));
        assert_eq!(buf, "sa'ar");
        assert!(!lowercase_into("talks", &mut buf));
        assert_eq!(buf, "talks");
    }
}
