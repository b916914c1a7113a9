//! The bootstrap: replicate means of every metric of one outlet, from
//! which [`quantiles_unsorted`](crate::metrics::quantiles_unsorted) reads
//! an interval.
//!
//! [`bootstrap_reference`] is the definition, in plain code;
//! [`bootstrap`] gives the same bits faster, from rows bit-packed by
//! [`packed`].

mod packed;

use crate::metrics::random::{SplitMix64, seed_for_number};

/// Bootstrap replicate means for every metric of one outlet.
///
/// `values[article][metric]` holds article values (NaN when undefined), in a
/// fixed article order. Returns `replicates[metric]`: the replicate means
/// (replicates where the metric is undefined for every drawn article are
/// left out). Sums are plain `f64` sums in draw order, so constant values
/// give exactly constant replicates and a share never leaves its range.
///
/// The same bits as [`bootstrap_reference`], the plain definition, faster.
pub(crate) fn bootstrap(
    values: &[&[f64]],
    metrics: usize,
    resamples: usize,
    seed: u64,
) -> Vec<Vec<f64>> {
    packed::bootstrap(values, metrics, resamples, seed)
}

/// The definition of [`bootstrap`] (which gives the same bits faster): for
/// each replicate `b` in `0..resamples`, a [`SplitMix64`] seeded with
/// [`seed_for_number`]`(seed, b)` draws `n` rows (n = `values.len()`)
/// uniformly with replacement; for each metric, the values the drawn rows
/// define (not NaN) are summed in draw order, from 0, and divided by their
/// count. A mean that is not a number (no drawn row defines the metric,
/// 0 / 0) is left out.
///
/// Plain code for auditing an interval, and the oracle [`bootstrap`] is
/// tested against; it runs on one thread.
#[cfg_attr(
    not(test),
    expect(
        dead_code,
        reason = "the definition the accelerated version is tested against"
    )
)]
pub(crate) fn bootstrap_reference(
    values: &[&[f64]],
    metrics: usize,
    resamples: usize,
    seed: u64,
) -> Vec<Vec<f64>> {
    let n = values.len();
    let mut out = vec![Vec::with_capacity(resamples); metrics];
    for b in 0..resamples {
        let mut rng = SplitMix64::new(seed_for_number(seed, b as u64));
        let mut sums = vec![0.0f64; metrics];
        let mut counts = vec![0u64; metrics];
        for _ in 0..n {
            let row = values[rng.below(n)];
            for m in 0..metrics {
                if let Some(&v) = row.get(m).filter(|v| !v.is_nan()) {
                    sums[m] += v;
                    counts[m] += 1;
                }
            }
        }
        for (m, replicates) in out.iter_mut().enumerate() {
            let mean = sums[m] / counts[m] as f64;
            if !mean.is_nan() {
                replicates.push(mean);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::random::seed_for;

    /// Replicates as bits, so that the comparison is exact.
    fn bits(replicates: &[Vec<f64>]) -> Vec<Vec<u64>> {
        replicates
            .iter()
            .map(|r| r.iter().map(|v| v.to_bits()).collect())
            .collect()
    }

    #[test]
    fn bootstrap_matches_plain_sums_of_the_same_draws() {
        // 600 articles, 30 metrics: one dense, one never defined, and 28
        // sparse in 13 patterns of definedness (more defined counts than
        // share a column, so the count fields span three columns).
        const METRICS: usize = 30;
        let mut rng = SplitMix64::new(3);
        let rows: Vec<Vec<f64>> = (0..600)
            .map(|i: usize| {
                let x = rng.below(1000) as f64 / 13.0;
                (0..METRICS)
                    .map(|m| match m {
                        0 => x + 40.0,
                        29 => f64::NAN,
                        _ if i.is_multiple_of(m % 13 + 2) => f64::NAN,
                        _ => x / m as f64 - 3.0,
                    })
                    .collect()
            })
            .collect();
        let values: Vec<&[f64]> = rows.iter().map(Vec::as_slice).collect();
        let reps = bootstrap(&values, METRICS, 20, 9);
        assert!(reps[29].is_empty());
        let plain: Vec<Vec<f64>> = (0..20)
            .map(|b: usize| {
                let mut rng = SplitMix64::new(seed_for(9, &b.to_string()));
                let (mut sums, mut counts) = ([0.0f64; METRICS], [0.0f64; METRICS]);
                for _ in 0..values.len() {
                    let row = values[rng.below(values.len())];
                    for m in 0..METRICS {
                        if !row[m].is_nan() {
                            sums[m] += row[m];
                            counts[m] += 1.0;
                        }
                    }
                }
                sums.iter().zip(&counts).map(|(s, c)| s / c).collect()
            })
            .collect();
        for m in 0..29 {
            let expected: Vec<f64> = plain.iter().map(|means| means[m]).collect();
            assert_eq!(reps[m], expected, "metric {m}");
        }
        // The reference is the same sums, written once for auditing.
        assert_eq!(
            bits(&bootstrap_reference(&values, METRICS, 20, 9)),
            bits(&reps)
        );
    }

    #[test]
    fn bootstrap_of_constant_values_is_constant() {
        let row = [2.0, f64::NAN];
        let values = vec![&row[..]; 5];
        let reps = bootstrap(&values, 2, 50, 1);
        assert_eq!(reps[0].len(), 50);
        assert!(reps[0].iter().all(|&m| m == 2.0));
        assert!(reps[1].is_empty());
    }

    #[test]
    fn packed_bootstrap_matches_the_reference_bit_for_bit() {
        // Shapes around the layout's edges: no rows, one row, row counts at
        // powers of two (the count fields' width), metric counts around a
        // group of chunks (20 values), short rows (missing values are
        // undefined), signed zeros, metrics zero wherever defined (no value
        // column) or defined nowhere, and many patterns of definedness.
        let mut rng = SplitMix64::new(5);
        for n in [0, 1, 2, 3, 31, 32, 33, 255, 256, 1000] {
            for metrics in [0, 1, 4, 19, 20, 21, 41] {
                let rows: Vec<Vec<f64>> = (0..n)
                    .map(|i: usize| {
                        let len = if i % 7 == 3 { metrics / 2 } else { metrics };
                        (0..len)
                            .map(|m| match (m % 5, rng.below(4)) {
                                // Zero in every article, and defined in none.
                                _ if m % 7 == 6 => 0.0,
                                _ if m % 11 == 10 => f64::NAN,
                                (0, _) => rng.below(100) as f64 / 3.0,
                                (1, 0) => f64::NAN,
                                (1, _) => -0.0,
                                (2, k) if k < 2 => f64::NAN,
                                (3, _) if i.is_multiple_of(m + 2) => f64::NAN,
                                _ => rng.next_u64() as f64 / 2f64.powi(64) - 0.5,
                            })
                            .collect()
                    })
                    .collect();
                let values: Vec<&[f64]> = rows.iter().map(Vec::as_slice).collect();
                let seed = (n * 100 + metrics) as u64;
                assert_eq!(
                    bits(&bootstrap(&values, metrics, 30, seed)),
                    bits(&bootstrap_reference(&values, metrics, 30, seed)),
                    "n = {n}, metrics = {metrics}"
                );
            }
        }
    }
}
