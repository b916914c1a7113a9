//! Accelerator for the segmenter: finding the next byte at which a
//! boundary decision may be needed, eight bytes at a time (SWAR).
//! [`next_candidate_plain`] is the definition; the test checks that both
//! agree on every byte value at every position.

/// Bytes at which a boundary decision may be needed.
pub(super) static CANDIDATE: [bool; 256] = build_candidates();

const fn build_candidates() -> [bool; 256] {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b')' as usize] = true; // `2) item`: an inline list marker (S9)
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[0x0B] = true; // vertical tab
    t[0x0C] = true; // form feed
    t[0xD8] = true; // ؟
    t[0xDB] = true; // ۔
    t[0xE0] = true; // । ॥
    t[0xE2] = true; // … ‼ ⁇ ⁈ ⁉ ‽ U+2028 U+2029
    t[0xE3] = true; // 。
    t[0xEF] = true; // ！ ？ ｡
    t
}

/// The first byte at or after `from` that is a [`CANDIDATE`]. Eight bytes
/// at a time: a chunk is looked at byte by byte only when SWAR tests say
/// it may hold one (`. ! ? )`, a control byte below 0x0E, or any non-ASCII
/// byte), since most chunks of prose hold none.
pub(super) fn next_candidate(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    // High bit set in each byte below `n` (for ASCII bytes), never missing
    // one; bytes above a hit may be flagged too, which the exact check
    // below sorts out.
    let below = |x: u64, n: u8| x.wrapping_sub(u64::from(n) * ONES) & !x & HIGH;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let maybe = (x & HIGH)
            | below(x, 0x0E)
            | below(x ^ (u64::from(b'.') * ONES), 1)
            | below(x ^ (u64::from(b'!') * ONES), 1)
            | below(x ^ (u64::from(b'?') * ONES), 1)
            | below(x ^ (u64::from(b')') * ONES), 1);
        if maybe != 0
            && let Some(k) = chunk.iter().position(|&b| CANDIDATE[usize::from(b)])
        {
            return Some(at + k);
        }
        at += 8;
    }
    next_candidate_plain(bytes, at)
}

/// The definition of [`next_candidate`]: a byte loop (also its tail, for
/// the last bytes that do not fill a chunk).
pub(super) fn next_candidate_plain(bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| CANDIDATE[usize::from(b)])
        .map(|k| from + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidate_search_matches_a_byte_loop() {
        // Every byte value at every position of texts up to 19 bytes
        // long, searched from every start.
        for len in 0..20 {
            for position in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'w'; len];
                    bytes[position] = b;
                    for from in 0..=len + 1 {
                        assert_eq!(
                            next_candidate(&bytes, from),
                            next_candidate_plain(&bytes, from),
                            "{bytes:?} from {from}"
                        );
                    }
                }
            }
        }
    }
}
