//! Metrics: ratios computed from integer-count profiles, and the bootstrap
//! that puts an interval on an outlet's mean.
//!
//! Every metric is a function of a profile's counts that may be undefined
//! (a zero denominator). The **article value** applies it to one article;
//! the **outlet value** is the mean of the defined article values; the
//! **pooled value** applies it to the outlet's summed counts. With `A`
//! asserted counts, and all counts of one profile:
//!
//! | metric | formula | undefined when |
//! |---|---|---|
//! | `<category>_per_1k` | 1000 · A(category) / tokens | tokens = 0 |
//! | `uncertain_share` | sentences with ≥ 1 asserted hedge / sentences | sentences = 0 |
//! | `certainty` | (A(booster) − A(hedge)) / (A(booster) + A(hedge) + 1) | never |
//! | `breakthrough_share` | A(breakthrough) / (A(breakthrough) + A(progress)) | both 0 |
//! | `outcome_balance` | (pos − neg) / (pos + neg), pos = A(progress) + A(breakthrough) + N(setback), neg = A(setback) + N(progress) + N(breakthrough), N = negated | pos + neg = 0 |
//! | `quoted_share` | quoted cues / all cues (every category and status) | no cue |
//! | `actor_salience.<ID>` | sentences naming the actor / sentences | sentences = 0 |
//! | `actor_hedging.<ID>` | sentences naming the actor with ≥ 1 asserted hedge / sentences naming the actor | actor not named |
//! | `frame_mix.<frame>` | T(frame) / Σ T(all frames), T = cues of any status | no frame cue |
//!
//! Frames count whatever their status: "there was no military strike" is
//! still a conflict frame (the topic), while for cues the status is the
//! point ("no breakthrough" is not a breakthrough).
//!
//! Metrics that need a category the lexicon lacks (say, no `hedge`) are
//! left out.
//!
//! The bootstrap resamples whole articles: replicate `b` draws `n` article
//! indices uniformly with replacement (n = the outlet's article count) and
//! takes, for each metric, the mean of the defined values among the drawn
//! articles. The interval is the 2.5th and 97.5th percentile of the
//! replicate means (for 95%), interpolated linearly between order
//! statistics (R's type 7). Draws come from SplitMix64 seeded by the run's
//! seed, the outlet's name and the replicate number, so results do not
//! depend on thread count or scheduling.

use crate::lexicon::{Group, Lexicon};
use crate::profile::ArticleProfile;

/// How a metric is computed from counts.
#[derive(Debug, Clone, PartialEq)]
enum Formula {
    RatePer1k(usize),
    UncertainShare(usize),
    Certainty {
        booster: usize,
        hedge: usize,
    },
    BreakthroughShare {
        breakthrough: usize,
        progress: usize,
    },
    OutcomeBalance {
        progress: usize,
        breakthrough: usize,
        setback: usize,
    },
    QuotedShare,
    ActorSalience(usize),
    ActorHedging {
        actor: usize,
        hedge: usize,
    },
    FrameMix {
        frame: usize,
        frames: Vec<usize>,
    },
}

/// One named metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// Name used in reports (`hedge_per_1k`, `actor_salience.US`, ...).
    pub name: String,
    formula: Formula,
}

/// The metrics a lexicon supports, in report order.
pub fn metrics_for(lexicon: &Lexicon) -> Vec<Metric> {
    let mut out = Vec::new();
    let cat = |name: &str| lexicon.category_index(name);
    let mut push = |name: String, formula: Formula| out.push(Metric { name, formula });
    for (i, category) in lexicon.categories().iter().enumerate() {
        push(format!("{}_per_1k", category.name), Formula::RatePer1k(i));
    }
    if let Some(hedge) = cat("hedge") {
        push("uncertain_share".into(), Formula::UncertainShare(hedge));
    }
    if let (Some(booster), Some(hedge)) = (cat("booster"), cat("hedge")) {
        push("certainty".into(), Formula::Certainty { booster, hedge });
    }
    if let (Some(breakthrough), Some(progress)) = (cat("breakthrough"), cat("progress")) {
        push(
            "breakthrough_share".into(),
            Formula::BreakthroughShare {
                breakthrough,
                progress,
            },
        );
        if let Some(setback) = cat("setback") {
            push(
                "outcome_balance".into(),
                Formula::OutcomeBalance {
                    progress,
                    breakthrough,
                    setback,
                },
            );
        }
    }
    push("quoted_share".into(), Formula::QuotedShare);
    for (i, actor) in lexicon.actors().iter().enumerate() {
        push(
            format!("actor_salience.{}", actor.id),
            Formula::ActorSalience(i),
        );
    }
    if let Some(hedge) = cat("hedge") {
        for (i, actor) in lexicon.actors().iter().enumerate() {
            push(
                format!("actor_hedging.{}", actor.id),
                Formula::ActorHedging { actor: i, hedge },
            );
        }
    }
    let frames = lexicon.category_indices(Group::Frame);
    for &frame in &frames {
        push(
            format!("frame_mix.{}", lexicon.category_name(frame)),
            Formula::FrameMix {
                frame,
                frames: frames.clone(),
            },
        );
    }
    out
}

fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator > 0.0).then(|| numerator / denominator)
}

impl Metric {
    /// The metric's value on a profile (an article's, or summed counts for
    /// the pooled value); `None` when undefined.
    pub fn value(&self, p: &ArticleProfile) -> Option<f64> {
        let asserted = |c: usize| p.categories.get(c).map_or(0, |x| x.asserted) as f64;
        let negated = |c: usize| p.categories.get(c).map_or(0, |x| x.negated) as f64;
        match &self.formula {
            Formula::RatePer1k(c) => ratio(1000.0 * asserted(*c), p.tokens as f64),
            Formula::UncertainShare(hedge) => ratio(
                p.categories.get(*hedge).map_or(0, |x| x.sentences) as f64,
                p.sentences as f64,
            ),
            Formula::Certainty { booster, hedge } => {
                let (b, h) = (asserted(*booster), asserted(*hedge));
                ratio(b - h, b + h + 1.0)
            }
            Formula::BreakthroughShare {
                breakthrough,
                progress,
            } => {
                let b = asserted(*breakthrough);
                ratio(b, b + asserted(*progress))
            }
            Formula::OutcomeBalance {
                progress,
                breakthrough,
                setback,
            } => {
                let positive = asserted(*progress) + asserted(*breakthrough) + negated(*setback);
                let negative = asserted(*setback) + negated(*progress) + negated(*breakthrough);
                ratio(positive - negative, positive + negative)
            }
            Formula::QuotedShare => {
                let quoted: u64 = p.categories.iter().map(|c| c.quoted).sum();
                let all: u64 = p.categories.iter().map(|c| c.total()).sum();
                ratio(quoted as f64, all as f64)
            }
            Formula::ActorSalience(a) => ratio(
                p.actors.get(*a).map_or(0, |x| x.sentences) as f64,
                p.sentences as f64,
            ),
            Formula::ActorHedging { actor, hedge } => {
                let n_categories = p.categories.len();
                let with_hedge = p
                    .actor_category
                    .get(actor * n_categories + hedge)
                    .copied()
                    .unwrap_or(0);
                ratio(
                    with_hedge as f64,
                    p.actors.get(*actor).map_or(0, |x| x.sentences) as f64,
                )
            }
            Formula::FrameMix { frame, frames } => {
                let all = |c: usize| p.categories.get(c).map_or(0, |x| x.total()) as f64;
                let total: f64 = frames.iter().map(|&f| all(f)).sum();
                ratio(all(*frame), total)
            }
        }
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fixed generator, so the
/// bootstrap's draws never change with a dependency update.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

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
pub fn seed_for(seed: u64, name: &str) -> u64 {
    fnv1a(seed, name.as_bytes())
}

fn fnv1a(seed: u64, bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The mean of the defined values (`None` when none is defined).
pub fn mean(values: impl Iterator<Item = Option<f64>>) -> (Option<f64>, u64) {
    let (mut sum, mut n) = (0.0, 0u64);
    for v in values.flatten() {
        sum += v;
        n += 1;
    }
    ((n > 0).then(|| sum / n as f64), n)
}

/// The `q`-quantile (0..=1) of sorted values, R's type 7.
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// The `lo` and `hi` quantiles (0..=1) of unsorted values, R's type 7,
/// exactly as [`quantile`] of the sorted values gives them.
///
/// Selection instead of a sort (linear time), on integer keys that order
/// like [`f64::total_cmp`]: every metric of every outlet and comparison
/// needs an interval of thousands of replicates.
///
/// Quantiles near the ends (a 95% interval's are about the 50th least and
/// greatest of 2000 replicates) are selected among the values beyond two
/// thresholds read from a sorted sample, gathered in one pass without a
/// branch on the values; should fewer values than needed lie beyond a
/// threshold (rare), among all of them. Either way the result is the exact
/// order statistic.
pub fn quantiles_unsorted(values: &[f64], lo: f64, hi: f64) -> (Option<f64>, Option<f64>) {
    let n = values.len();
    // Order statistics needed: `low` and `low + 1`, `high` and `high + 1`.
    let (low, high) = (position(n, lo).0, position(n, hi).0);
    let (least, greatest) = (low + 2, n.saturating_sub(high));
    // How deep into the sorted sample a threshold sits: the share of values
    // wanted, and a margin of four sample values.
    let depth = |wanted: usize| (wanted * SAMPLE).div_ceil(n.max(1)) + 4;
    let (deep_low, deep_high) = (depth(least), depth(greatest));
    if n < 16 * SAMPLE || deep_low + deep_high >= SAMPLE / 2 {
        return plain_quantiles(values, lo, hi);
    }
    let mut sample: Vec<i64> = (0..SAMPLE)
        .map(|i| values.get(i * n / SAMPLE).map_or(0, |&v| order_key(v)))
        .collect();
    sample.sort_unstable();
    let (low_limit, high_limit) = (sample[deep_low], sample[SAMPLE - 1 - deep_high]);
    if low_limit >= high_limit {
        // Mostly ties: plain selection.
        return plain_quantiles(values, lo, hi);
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

/// [`quantiles_unsorted`] by selection among all the values.
fn plain_quantiles(values: &[f64], lo: f64, hi: f64) -> (Option<f64>, Option<f64>) {
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

/// Values sampled for [`quantiles_unsorted`]'s thresholds.
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

/// Bootstrap replicate means for every metric of one outlet.
///
/// `values[article][metric]` holds article values (NaN when undefined), in a
/// fixed article order. Returns `replicates[metric]`: the replicate means
/// (replicates where the metric is undefined for every drawn article are
/// left out). Sums are plain `f64` sums in draw order, so constant values
/// give exactly constant replicates and a share never leaves its range.
pub fn bootstrap(values: &[&[f64]], metrics: usize, resamples: usize, seed: u64) -> Vec<Vec<f64>> {
    use rayon::prelude::*;
    let n = values.len();
    let mut out = vec![Vec::with_capacity(resamples); metrics];
    if n == 0 || metrics == 0 {
        return out;
    }
    let layout = Layout::new(values, metrics);
    let rows = layout.rows(values);
    let width = layout.chunks;
    let groups = width / GROUP;
    // Replicates run in parallel, several per task (small outlets have many
    // cheap replicates); each has its own generator, so the draws and the
    // sums' order are fixed whatever the thread count.
    let mut means = vec![0.0; resamples * metrics];
    means
        .par_chunks_mut(metrics)
        .enumerate()
        .with_min_len(16)
        .for_each_init(
            || (Vec::with_capacity(n), vec![[0.0f64; LANES]; width]),
            |(draws, totals), (b, means)| {
                let mut rng = SplitMix64::new(seed_for_number(seed, b as u64));
                // A group of chunks at a time over all the draws, so that
                // its sums stay in registers; each sum still adds the draws
                // in order. The first group draws the rows as it goes (the
                // generator's integer work overlaps the loads and sums) and
                // keeps them for the others.
                draws.clear();
                for (group, sums) in totals.chunks_exact_mut(GROUP).enumerate() {
                    let mut acc = [[0.0; LANES]; GROUP];
                    let mut add_row = |row: usize| {
                        if let Some(RowGroup(chunks)) = rows.get(row * groups + group) {
                            for (a, c) in acc.iter_mut().zip(chunks) {
                                *a = add(*a, *c);
                            }
                        }
                    };
                    if group == 0 {
                        for _ in 0..n {
                            let row = rng.below(n);
                            draws.push(row);
                            add_row(row);
                        }
                    } else {
                        draws.iter().for_each(|&row| add_row(row));
                    }
                    sums.copy_from_slice(&acc);
                }
                layout.means_into(totals.as_flattened(), n, means);
            },
        );
    for replicate in means.chunks_exact(metrics) {
        for (m, &mean) in replicate.iter().enumerate() {
            if !mean.is_nan() {
                out[m].push(mean);
            }
        }
    }
    out
}

/// [`seed_for`] of a number's decimal digits, without allocating.
pub fn seed_for_number(seed: u64, number: u64) -> u64 {
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

/// Values per chunk of a row.
const LANES: usize = 4;

/// Chunks summed together (rows are padded to whole groups): 20 sums in
/// 10 of x86-64's 16 SIMD registers, the rest for loads. The default
/// metrics and their defined counts fill two groups, so a draw takes two
/// passes (with groups of four chunks, three: slower by about a tenth).
const GROUP: usize = 5;

/// A group of chunks of one row, aligned to a cache line, so that a random
/// row's group touches only the lines it fills.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct RowGroup([[f64; LANES]; GROUP]);

fn add(a: [f64; LANES], b: [f64; LANES]) -> [f64; LANES] {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]]
}

/// How article values are laid out as rows for the bootstrap, so that each
/// draw adds one row without a branch: each metric's value (0 when
/// undefined), then, for each group of metrics defined in exactly the same
/// articles (all the frame-mix shares, say), 1 or 0 for defined; padded
/// with zeros to whole groups of chunks. Metrics defined in every article
/// need no count: it is n.
///
/// Several defined flags share a column, each in a bit field wide enough
/// for a count up to n: a column's sums are then integers below 2^53,
/// exact in any order, and each count reads back exactly as if it had a
/// column of its own. Fewer columns, fewer passes over the draws.
struct Layout {
    metrics: usize,
    /// For each metric, where its group's defined count is: column and
    /// shift.
    count: Vec<Option<(usize, u32)>>,
    /// For each group, a metric in it and where its count is.
    groups: Vec<(usize, usize, u32)>,
    /// Bits of a count field.
    bits: u32,
    /// Chunks of `LANES` per row, a multiple of `GROUP`.
    chunks: usize,
}

impl Layout {
    fn new(values: &[&[f64]], metrics: usize) -> Self {
        let defined = |row: &&[f64], m: usize| row.get(m).is_some_and(|v| !v.is_nan());
        // Wide enough for n; as many fields as fit f64's 53-bit integers.
        let bits = usize::BITS - values.len().leading_zeros();
        let per_column = (53 / bits.max(1)).max(1) as usize;
        let field = |k: usize| (metrics + k / per_column, (k % per_column) as u32 * bits);
        let mut count = vec![None; metrics];
        let mut groups: Vec<(usize, usize, u32)> = Vec::new();
        for (m, slot) in count.iter_mut().enumerate() {
            if values.iter().all(|row| defined(row, m)) {
                continue;
            }
            let same = groups
                .iter()
                .position(|&(g, _, _)| values.iter().all(|row| defined(row, g) == defined(row, m)));
            let k = same.unwrap_or(groups.len());
            *slot = Some(field(k));
            if same.is_none() {
                let (column, shift) = field(k);
                groups.push((m, column, shift));
            }
        }
        let columns = metrics + groups.len().div_ceil(per_column);
        Layout {
            metrics,
            count,
            groups,
            bits,
            chunks: columns.div_ceil(LANES * GROUP) * GROUP,
        }
    }

    fn rows(&self, values: &[&[f64]]) -> Vec<RowGroup> {
        let per_row = self.chunks / GROUP;
        let mut rows = vec![RowGroup([[0.0; LANES]; GROUP]); values.len() * per_row];
        let mut flat = vec![0.0; self.chunks * LANES];
        for (row, groups) in values.iter().zip(rows.chunks_exact_mut(per_row.max(1))) {
            flat.fill(0.0);
            for (slot, &v) in flat.iter_mut().zip(row.iter().take(self.metrics)) {
                if !v.is_nan() {
                    *slot = v;
                }
            }
            for &(m, column, shift) in &self.groups {
                if let Some(slot) = flat.get_mut(column)
                    && row.get(m).is_some_and(|v| !v.is_nan())
                {
                    // Exact: a sum of distinct powers of two below 2^53.
                    *slot += (1u64 << shift) as f64;
                }
            }
            for (group, values) in groups.iter_mut().zip(flat.chunks_exact(LANES * GROUP)) {
                group.0.as_flattened_mut().copy_from_slice(values);
            }
        }
        rows
    }

    /// Replicate means from summed rows (NaN where nothing was defined).
    fn means_into(&self, totals: &[f64], n: usize, means: &mut [f64]) {
        let mask = (1u64 << self.bits) - 1;
        for ((mean, count), &sum) in means.iter_mut().zip(&self.count).zip(totals) {
            let count = count.map_or(n as f64, |(column, shift)| {
                // An integer below 2^53, so both casts are exact.
                let fields = totals.get(column).copied().unwrap_or(0.0) as u64;
                ((fields >> shift) & mask) as f64
            });
            *mean = if count > 0.0 { sum / count } else { f64::NAN };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantile_interpolates_like_r_type_7() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.0), Some(1.0));
        assert_eq!(quantile(&v, 1.0), Some(4.0));
        assert_eq!(quantile(&v, 0.5), Some(2.5));
        assert!((quantile(&v, 0.025).unwrap() - 1.075).abs() < 1e-12);
        assert_eq!(quantile(&[], 0.5), None);
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
            }
        }
        assert_eq!(quantiles_unsorted(&[], 0.025, 0.975), (None, None));
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

    #[test]
    fn bootstrap_of_constant_values_is_constant() {
        let row = [2.0, f64::NAN];
        let values = vec![&row[..]; 5];
        let reps = bootstrap(&values, 2, 50, 1);
        assert_eq!(reps[0].len(), 50);
        assert!(reps[0].iter().all(|&m| m == 2.0));
        assert!(reps[1].is_empty());
    }
}
