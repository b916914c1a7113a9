//! Accelerates [`quantiles_unsorted`](crate::metrics::quantiles_unsorted):
//! the two quantiles of unsorted values by selection instead of a sort
//! (linear time), on integer keys that order like [`f64::total_cmp`].
//!
//! Quantiles near the ends (a 95% interval's are about the 50th least and
//! greatest of 2000 replicates) are selected among the values beyond two
//! thresholds read from a sorted sample, gathered in one pass without a
//! branch on the values; should fewer values than needed lie beyond a
//! threshold (rare), among all of them. Either way the result is the exact
//! order statistic.
//!
//! Nothing here defines the result:
//! [`quantiles_unsorted_reference`](crate::metrics::quantile::quantiles_unsorted_reference)
//! (sort, then R's type 7) does, and is the oracle this module is tested
//! against.

/// The `lo` and `hi` quantiles of unsorted values, as
/// [`quantiles_unsorted`](crate::metrics::quantiles_unsorted) documents.
pub(super) fn quantiles(values: &[f64], lo: f64, hi: f64) -> (Option<f64>, Option<f64>) {
    let n = values.len();
    // Order statistics needed: `low` and `low + 1`, `high` and `high + 1`.
    let (low, high) = (position(n, lo).0, position(n, hi).0);
    let (least, greatest) = (low + 2, n.saturating_sub(high));
    // How deep into the sorted sample a threshold sits: the share of values
    // wanted, and a margin of four sample values.
    let depth = |wanted: usize| (wanted * SAMPLE).div_ceil(n.max(1)) + 4;
    let (deep_low, deep_high) = (depth(least), depth(greatest));
    if n < 16 * SAMPLE || deep_low + deep_high >= SAMPLE / 2 {
        return select_among_all(values, lo, hi);
    }
    let mut sample: Vec<i64> = (0..SAMPLE)
        .map(|i| values.get(i * n / SAMPLE).map_or(0, |&v| order_key(v)))
        .collect();
    sample.sort_unstable();
    let (low_limit, high_limit) = (sample[deep_low], sample[SAMPLE - 1 - deep_high]);
    if low_limit >= high_limit {
        // Mostly ties: selection among all.
        return select_among_all(values, lo, hi);
    }
    // Keys at or below `low_limit` gather from the front, keys at or above
    // `high_limit` from the back. The limits are apart, so no key is both
    // and the two never meet before the last key; and each limit is a
    // key, so neither side takes every key.
    let mut gathered = vec![0i64; n];
    let (mut front, mut back) = (0, n - 1);
    for &v in values {
        let key = order_key(v);
        if let Some(slot) = gathered.get_mut(front) {
            *slot = key;
        }
        front += usize::from(key <= low_limit);
        if let Some(slot) = gathered.get_mut(back) {
            *slot = key;
        }
        back -= usize::from(key >= high_limit && back > 0);
    }
    let (lower, upper) = gathered.split_at_mut(front);
    // `lower` holds the least keys (all ties at the limit included), so
    // its order statistics are the whole's; `upper`'s tail holds the
    // greatest, shifted by the keys below them.
    let upper = upper
        .get_mut((back + 1).saturating_sub(front)..)
        .unwrap_or_default();
    let low_value = if lower.len() >= least {
        select_pair(lower, low).map(|(at, next)| interpolate(n, lo, at, next))
    } else {
        select_quantile(&mut keys_of(values), lo)
    };
    let high_value = if upper.len() >= greatest && greatest > 0 {
        let shift = n - upper.len();
        select_pair(upper, high - shift).map(|(at, next)| interpolate(n, hi, at, next))
    } else {
        select_quantile(&mut keys_of(values), hi)
    };
    (low_value, high_value)
}

/// [`quantiles`] by selection among all the values. When they are all the
/// same (a metric that is 0 in every replicate, say), every order
/// statistic is that value: no selection is needed, and the quantiles are
/// interpolated between two copies of it, as after a selection.
fn select_among_all(values: &[f64], lo: f64, hi: f64) -> (Option<f64>, Option<f64>) {
    let n = values.len();
    if let Some(&first) = values.first()
        && values.iter().all(|v| v.to_bits() == first.to_bits())
    {
        let key = order_key(first);
        return (
            Some(interpolate(n, lo, key, key)),
            Some(interpolate(n, hi, key, key)),
        );
    }
    let mut keys = keys_of(values);
    (
        select_quantile(&mut keys, lo),
        select_quantile(&mut keys, hi),
    )
}

/// The order keys of `values`.
fn keys_of(values: &[f64]) -> Vec<i64> {
    values.iter().map(|&v| order_key(v)).collect()
}

/// Values sampled for [`quantiles`]' thresholds.
const SAMPLE: usize = 64;

/// The keys at sorted index `at` and the next (`at`'s again at the end).
fn select_pair(keys: &mut [i64], at: usize) -> Option<(i64, i64)> {
    if at >= keys.len() {
        return None;
    }
    let (_, &mut key, above) = keys.select_nth_unstable(at);
    // The next order statistic is the smallest key above the selected one.
    Some((key, above.iter().min().copied().unwrap_or(key)))
}

/// R type 7's position of the `q`-quantile among `n` sorted values: the
/// index below it and the fraction of the way to the next.
fn position(n: usize, q: f64) -> (usize, f64) {
    let h = n.saturating_sub(1) as f64 * q.clamp(0.0, 1.0);
    let below = h.floor() as usize;
    (below, h - below as f64)
}

/// The quantile between two neighbouring order statistics (as keys).
fn interpolate(n: usize, q: f64, at: i64, next: i64) -> f64 {
    let (low, high) = (from_order_key(at), from_order_key(next));
    low + position(n, q).1 * (high - low)
}

/// An integer that orders like the float under `total_cmp`; its own
/// inverse (applied to the key's bits it gives the float's bits back).
fn order_key(v: f64) -> i64 {
    let bits = v.to_bits() as i64;
    bits ^ ((((bits >> 63) as u64) >> 1) as i64)
}

fn from_order_key(key: i64) -> f64 {
    f64::from_bits((key ^ ((((key >> 63) as u64) >> 1) as i64)) as u64)
}

fn select_quantile(keys: &mut [i64], q: f64) -> Option<f64> {
    let n = keys.len();
    let (at, next) = select_pair(keys, position(n, q).0)?;
    Some(interpolate(n, q, at, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_keys_give_the_floats_back() {
        for v in [
            0.0,
            -0.0,
            1.5,
            -1.5,
            f64::MIN_POSITIVE,
            -f64::MAX,
            f64::INFINITY,
        ] {
            assert_eq!(from_order_key(order_key(v)).to_bits(), v.to_bits());
        }
    }
}
