//! The Rust side of `python/bench.py`: the library's analysis of the same
//! texts `analyze_batch` gets from Python, held in memory, on the rayon
//! pool (all cores, or `RAYON_NUM_THREADS`), with the same per-article
//! work (profile and every metric's value). Prints the best MB/s of
//! PASSES runs.
//!
//! ```text
//! cargo run --release --manifest-path python/Cargo.toml --example rust_batch -- FILE.jsonl [PASSES]
//! ```

use std::process::ExitCode;
use std::time::Instant;

use framescope::{Analyzer, Article, metrics_for};
use rayon::prelude::*;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: rust_batch FILE.jsonl [PASSES]");
        return ExitCode::from(2);
    };
    let passes: usize = args.next().and_then(|p| p.parse().ok()).unwrap_or(3);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let articles: Vec<Article> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let analyzer = Analyzer::builder()
        .build()
        .expect("the default lexicons compile");
    let metrics = metrics_for(analyzer.lexicon());
    let mut best = f64::INFINITY;
    for _ in 0..passes {
        let start = Instant::now();
        let rows: Vec<Vec<Option<f64>>> = articles
            .par_iter()
            .map(|a| {
                let profile = analyzer.profile(a);
                metrics.iter().map(|m| m.value(&profile)).collect()
            })
            .collect();
        best = best.min(start.elapsed().as_secs_f64());
        std::hint::black_box(rows);
    }
    println!(
        "{:.1} MB/s ({} articles, {:.1} MB of text, {} threads)",
        bytes as f64 / 1e6 / best,
        articles.len(),
        bytes as f64 / 1e6,
        rayon::current_num_threads()
    );
    ExitCode::SUCCESS
}
