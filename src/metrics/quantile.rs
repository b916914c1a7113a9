//! Quantiles of the bootstrap's replicate means: R's type 7, defined on
//! sorted values by [`quantile`], with [`quantiles_unsorted_reference`]
//! the plain definition for unsorted values and [`quantiles_unsorted`] the
//! accelerated version the crate runs (selection, in [`select`]).

mod select;

/// The `q`-quantile (0..=1) of sorted values, R's type 7.
pub(crate) fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// The `lo` and `hi` quantiles (0..=1) of unsorted values, R's type 7,
/// exactly as [`quantile`] of the sorted values gives them
/// ([`quantiles_unsorted_reference`] is that definition) for finite values.
///
/// An infinity next to a quantile's order statistic turns the interpolation
/// into NaN here (0 · ∞) where [`quantile`] may not; replicate means are
/// finite.
///
/// Selection instead of a sort (linear time): every metric of every outlet
/// and comparison needs an interval of thousands of replicates.
pub(crate) fn quantiles_unsorted(values: &[f64], lo: f64, hi: f64) -> (Option<f64>, Option<f64>) {
    select::quantiles(values, lo, hi)
}

/// The definition of [`quantiles_unsorted`]: sort the values (by
/// [`f64::total_cmp`]) and take [`quantile`] at `lo` and at `hi`.
/// [`quantiles_unsorted`] gives the same bits for finite values without
/// the sort; this plain version is the oracle it is tested against.
#[cfg_attr(
    not(test),
    expect(
        dead_code,
        reason = "the definition the accelerated version is tested against"
    )
)]
pub(crate) fn quantiles_unsorted_reference(
    values: &[f64],
    lo: f64,
    hi: f64,
) -> (Option<f64>, Option<f64>) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    (quantile(&sorted, lo), quantile(&sorted, hi))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::random::SplitMix64;

    #[test]
    fn quantile_interpolates_like_r_type_7() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.0), Some(1.0));
        assert_eq!(quantile(&v, 1.0), Some(4.0));
        assert_eq!(quantile(&v, 0.5), Some(2.5));
        assert!((quantile(&v, 0.025).unwrap() - 1.075).abs() < 1e-12);
        assert_eq!(quantile(&[], 0.5), None);
    }

    /// Both results as bits, so that the comparison is exact (and NaN
    /// compares equal to itself).
    fn bits(pair: (Option<f64>, Option<f64>)) -> (Option<u64>, Option<u64>) {
        (pair.0.map(f64::to_bits), pair.1.map(f64::to_bits))
    }

    #[test]
    fn quantiles_by_selection_match_sorting() {
        let mut rng = SplitMix64::new(7);
        for n in [1, 2, 3, 10, 41, 1023, 1024, 1999, 2000, 5000] {
            let values: Vec<f64> = (0..n).map(|_| (rng.below(50) as f64) / 7.0 - 3.0).collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            for (lo, hi) in [
                (0.025, 0.975),
                (0.0, 1.0),
                (0.5, 0.5),
                (0.1, 0.9),
                (0.001, 0.999),
                (0.05, 0.2),
            ] {
                assert_eq!(
                    quantiles_unsorted(&values, lo, hi),
                    (quantile(&sorted, lo), quantile(&sorted, hi)),
                    "n = {n}, q = {lo}, {hi}"
                );
                assert_eq!(
                    bits(quantiles_unsorted(&values, lo, hi)),
                    bits(quantiles_unsorted_reference(&values, lo, hi)),
                    "n = {n}, q = {lo}, {hi}"
                );
            }
        }
        assert_eq!(quantiles_unsorted(&[], 0.025, 0.975), (None, None));
        assert_eq!(
            quantiles_unsorted_reference(&[], 0.025, 0.975),
            (None, None)
        );
    }

    #[test]
    fn selection_matches_the_reference_bit_for_bit() {
        // Distinct values (the sampled thresholds' path), heavy ties (the
        // fallback to selection among all), signed zeros, values clustered
        // at one end (fewer beyond a threshold than needed), and values all
        // the same.
        let mut rng = SplitMix64::new(11);
        for n in [1, 5, 1000, 1024, 1500, 2000, 4096, 10_000] {
            let distinct: Vec<f64> = (0..n)
                .map(|_| rng.next_u64() as f64 / 2f64.powi(64) - 0.5)
                .collect();
            let ties: Vec<f64> = (0..n).map(|_| (rng.below(3) as f64) - 1.0).collect();
            let zeros: Vec<f64> = (0..n)
                .map(|_| [0.0, -0.0, 1e-300, -1e-300][rng.below(4)])
                .collect();
            let clustered: Vec<f64> = (0..n)
                .map(|i| if i % 97 == 0 { i as f64 } else { 1.0 })
                .collect();
            // All the same (no selection needed), signed zeros included.
            let constant = vec![0.0; n];
            let negative_zero = vec![-0.0; n];
            let constant_third = vec![1.0 / 3.0; n];
            for values in [
                &distinct,
                &ties,
                &zeros,
                &clustered,
                &constant,
                &negative_zero,
                &constant_third,
            ] {
                for (lo, hi) in [(0.025, 0.975), (0.0, 1.0), (0.3, 0.7), (0.995, 0.005)] {
                    assert_eq!(
                        bits(quantiles_unsorted(values, lo, hi)),
                        bits(quantiles_unsorted_reference(values, lo, hi)),
                        "n = {n}, q = {lo}, {hi}"
                    );
                }
            }
        }
    }
}
