//! Accelerates [`bootstrap`](fn@crate::metrics::bootstrap): each article
//! becomes one row of cache-line-aligned chunks (its values, 0 where
//! undefined, then its defined flags packed into bit fields), so that a
//! draw adds a whole row without a branch, a group of chunks' sums stays in
//! registers, and the defined counts come from a few columns' sums.
//! Replicates run in parallel.
//!
//! Nothing here defines the result:
//! [`bootstrap_reference`](crate::metrics::bootstrap::bootstrap_reference) does, in
//! plain code, and is the oracle this module is tested against. The packed
//! sums are the same bits: each adds the drawn values in draw order (an
//! undefined value adds 0, which leaves a sum that starts at +0 unchanged),
//! and each count is an exact integer.

use crate::metrics::random::{SplitMix64, seed_for_number};

/// [`bootstrap`](fn@crate::metrics::bootstrap), on packed rows.
pub(super) fn bootstrap(
    values: &[&[f64]],
    metrics: usize,
    resamples: usize,
    seed: u64,
) -> Vec<Vec<f64>> {
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
/// need no count: it is n; metrics defined in none, neither a count nor a
/// value: every replicate is left out.
///
/// A metric whose every defined value is zero (an actor no source of the
/// outlet stands for, say) needs no value column either: its sums stay +0
/// (adding +0 or −0 to +0 gives +0), so its mean is +0 wherever its count
/// is not 0, the same bits as the sums would give.
///
/// Several defined flags share a column, each in a bit field wide enough
/// for a count up to n: a column's sums are then integers below 2^53,
/// exact in any order, and each count reads back exactly as if it had a
/// column of its own. Fewer columns, fewer passes over the draws.
struct Layout {
    metrics: usize,
    /// For each metric, its value's column (`None`: every defined value is
    /// zero, or none is defined).
    value: Vec<Option<usize>>,
    /// For each metric, where its group's defined count is.
    count: Vec<Count>,
    /// For each group, a metric in it and where its count is.
    groups: Vec<(usize, usize, u32)>,
    /// Bits of a count field.
    bits: u32,
    /// Chunks of `LANES` per row, a multiple of `GROUP`.
    chunks: usize,
}

/// Where a metric's defined count comes from.
#[derive(Debug, Clone, Copy)]
enum Count {
    /// Defined in every article: the count is n.
    All,
    /// Defined in no article: the count is 0.
    Never,
    /// Its group's bit field: column and shift.
    Field(usize, u32),
}

impl Layout {
    fn new(values: &[&[f64]], metrics: usize) -> Self {
        let defined = |row: &&[f64], m: usize| row.get(m).is_some_and(|v| !v.is_nan());
        let mut value = vec![None; metrics];
        let mut columns = 0;
        for (m, slot) in value.iter_mut().enumerate() {
            if values
                .iter()
                .any(|row| row.get(m).is_some_and(|&v| !v.is_nan() && v != 0.0))
            {
                *slot = Some(columns);
                columns += 1;
            }
        }
        // Wide enough for n; as many fields as fit f64's 53-bit integers.
        let bits = usize::BITS - values.len().leading_zeros();
        let per_column = (53 / bits.max(1)).max(1) as usize;
        let field = |k: usize| (columns + k / per_column, (k % per_column) as u32 * bits);
        let mut count = vec![Count::All; metrics];
        let mut groups: Vec<(usize, usize, u32)> = Vec::new();
        for (m, slot) in count.iter_mut().enumerate() {
            if values.iter().all(|row| defined(row, m)) {
                continue;
            }
            if !values.iter().any(|row| defined(row, m)) {
                *slot = Count::Never;
                continue;
            }
            let same = groups
                .iter()
                .position(|&(g, _, _)| values.iter().all(|row| defined(row, g) == defined(row, m)));
            let k = same.unwrap_or(groups.len());
            let (column, shift) = field(k);
            *slot = Count::Field(column, shift);
            if same.is_none() {
                groups.push((m, column, shift));
            }
        }
        let columns = columns + groups.len().div_ceil(per_column);
        Layout {
            metrics,
            value,
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
            for (&column, &v) in self.value.iter().zip(row.iter().take(self.metrics)) {
                if let Some(slot) = column.and_then(|c| flat.get_mut(c))
                    && !v.is_nan()
                {
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
        for ((mean, count), column) in means.iter_mut().zip(&self.count).zip(&self.value) {
            let count = match *count {
                Count::All => n as f64,
                Count::Never => 0.0,
                Count::Field(column, shift) => {
                    // An integer below 2^53, so both casts are exact.
                    let fields = totals.get(column).copied().unwrap_or(0.0) as u64;
                    ((fields >> shift) & mask) as f64
                }
            };
            let sum = column.map_or(0.0, |c| totals.get(c).copied().unwrap_or(0.0));
            *mean = if count > 0.0 { sum / count } else { f64::NAN };
        }
    }
}
