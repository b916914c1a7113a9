//! Accelerators for the tokenizer: scans of ASCII words eight bytes at a
//! time (SWAR arithmetic), since a byte-by-byte loop mispredicts its exit
//! at nearly every word. Their definitions are plain: [`ascii_alnum_run`]
//! is the length of the leading run of ASCII letters and digits (checked
//! against a byte loop below), and [`short_ascii_word`] gives what the
//! tokenizer's full word path gives for a short ASCII word (checked by the
//! tokenizer's property test against that path).

use super::{ASCII_CLASS, CONTINUES, WordKey};

/// The word at `start` when it is a run of fewer than 16 ASCII letters and
/// digits ending before `end` at a byte that cannot continue it: the byte
/// after it, whether it has a letter, and its key. Reads eight bytes at a
/// time from the text (past `end` if the text goes on), with SWAR
/// arithmetic: a byte-by-byte loop mispredicts its exit at nearly every
/// word, and words are most of news text.
#[inline(always)]
pub(super) fn short_ascii_word(
    bytes: &[u8],
    start: usize,
    end: usize,
) -> Option<(usize, bool, WordKey)> {
    let first = load8(bytes, start);
    let (stop, letters) = alnum_stop(first);
    let (len, has_letter, key) = if stop != 0 {
        let len = (stop.trailing_zeros() / 8) as usize;
        let mask = (1u64 << (8 * len)) - 1;
        (len, letters & mask != 0, [first & mask, 0])
    } else {
        let second = load8(bytes, start + 8);
        let (stop, more) = alnum_stop(second);
        if stop == 0 {
            return None;
        }
        let len = (stop.trailing_zeros() / 8) as usize;
        let mask = (1u64 << (8 * len)) - 1;
        (
            8 + len,
            (letters | (more & mask)) != 0,
            [first, second & mask],
        )
    };
    let after = start + len;
    if after > end {
        return None;
    }
    if after < end
        && let Some(&next) = bytes.get(after)
        && ASCII_CLASS[usize::from(next)] & CONTINUES != 0
    {
        // `. , :` end the word (as they end most sentences and clauses)
        // unless digits follow a number ("3.5", "1,200") or a lone letter
        // may start an abbreviation ("U.S."); apostrophes and other
        // scripts take the full path.
        let joins_number =
            !has_letter && after + 1 < end && bytes.get(after + 1).is_some_and(u8::is_ascii_digit);
        let lone_letter = len == 1 && has_letter && next == b'.';
        if !matches!(next, b'.' | b',' | b':') || joins_number || lone_letter {
            return None;
        }
    }
    Some((after, has_letter, key))
}

/// Eight bytes from `at`, zero-padded past the end of `bytes`.
#[inline(always)]
pub(super) fn load8(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().unwrap_or_default()),
        None => {
            let mut chunk = [0u8; 8];
            for (c, &b) in chunk.iter_mut().zip(bytes.get(at..).unwrap_or_default()) {
                *c = b;
            }
            u64::from_le_bytes(chunk)
        }
    }
}

/// For eight bytes: the high bit of each byte that is not an ASCII letter
/// or digit, and the high bit of each that is a letter.
#[inline(always)]
pub(super) fn alnum_stop(x: u64) -> (u64, u64) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    // High bit of each byte of `x` (all bytes < 0x80) set where the byte
    // lies in lo..=hi; no sum carries into the next byte.
    let in_range = |x: u64, lo: u8, hi: u8| {
        let at_least_lo = x + u64::from(0x80 - lo) * ONES;
        let above_hi = x + u64::from(0x7F - hi) * ONES;
        at_least_lo & !above_hi & HIGH
    };
    let ascii = !x & HIGH;
    let low = x & !HIGH;
    let letter = in_range(low | (0x20 * ONES), b'a', b'z') & ascii;
    let digit = in_range(low, b'0', b'9') & ascii;
    (!(letter | digit) & HIGH, letter)
}

/// The length of the run of ASCII letters and digits that `bytes` starts
/// with, and whether it has a letter. Eight bytes at a time with SWAR
/// arithmetic: a byte-by-byte loop mispredicts its exit at nearly every
/// word, and words are most of news text.
pub(super) fn ascii_alnum_run(bytes: &[u8]) -> (usize, bool) {
    let (mut run, mut letters) = (0, 0u64);
    loop {
        // Padding bytes are 0, not alphanumeric, so a short chunk stops.
        let (stop, letter) = alnum_stop(load8(bytes, run));
        if stop == 0 {
            letters |= letter;
            run += 8;
            continue;
        }
        let len = (stop.trailing_zeros() / 8) as usize;
        letters |= letter & ((1u64 << (8 * len)) - 1);
        return (run + len, letters != 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swar_run_matches_a_byte_loop() {
        let check = |bytes: &[u8]| {
            let naive = bytes
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .unwrap_or(bytes.len());
            let letter = bytes[..naive].iter().any(u8::is_ascii_alphabetic);
            assert_eq!(ascii_alnum_run(bytes), (naive, letter), "{bytes:?}");
        };
        // Every byte value at every position of runs up to 19 long, of
        // letters and of digits.
        for len in 0..20 {
            for position in 0..=len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'k'; len];
                    bytes.extend_from_slice(b"9z");
                    if position < bytes.len() {
                        bytes[position] = b;
                    }
                    check(&bytes);
                    let digits: Vec<u8> = bytes
                        .iter()
                        .map(|&c| if c == b'k' || c == b'z' { b'4' } else { c })
                        .collect();
                    check(&digits);
                }
            }
        }
        assert_eq!(ascii_alnum_run(b""), (0, false));
    }
}
