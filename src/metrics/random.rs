//! The bootstrap's draws: a fixed generator and the seeds that make each
//! replicate's draws depend only on the run's seed, the outlet's name and
//! the replicate number.

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fixed generator, so the
/// bootstrap's draws never change with a dependency update.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A draw from `0..n` (n > 0) by multiply-shift (Lemire 2019); its bias
    /// is below n / 2^64, far under any reported precision.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// FNV-1a of a string: mixes an outlet's name into its bootstrap seed.
pub(crate) fn seed_for(seed: u64, name: &str) -> u64 {
    fnv1a(seed, name.as_bytes())
}

/// [`seed_for`] of a number's decimal digits, without allocating.
pub(crate) fn seed_for_number(seed: u64, number: u64) -> u64 {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = number;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    fnv1a(seed, &digits[at..])
}

fn fnv1a(seed: u64, bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_fixed_and_draws_in_range() {
        // Reference values of SplitMix64 from seed 0.
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        let mut rng = SplitMix64::new(42);
        assert!((0..1000).all(|_| rng.below(7) < 7));
    }

    #[test]
    fn number_seeds_hash_the_decimal_digits() {
        for number in (0..1200).chain([u64::MAX, 1 << 40]) {
            assert_eq!(
                seed_for_number(42, number),
                seed_for(42, &number.to_string())
            );
        }
    }
}
