//! Throughput of each stage on a JSON Lines corpus of your own, one thread,
//! with the file held in memory (so the disk is not measured):
//!
//! ```text
//! cargo run --release --example throughput -- articles.jsonl [PASSES]
//! ```
//!
//! Prints MB/s of article text for segmentation, tokenising + tagging and
//! the whole `Analyzer::analyze`; then MB/s of JSON Lines for the whole
//! pipeline (parse, analyse, report with the default 2000 resamples) on one
//! thread and on all cores; each beside the straightforward baseline (UAX
//! #29 sentences and words, lower-case, stem, set lookup), with the ratio.
//! Takes the best of PASSES runs (default 3; shared machines are noisy),
//! running each measurement once per pass in turn, so that a ratio
//! compares runs made under the same load.
//! Criterion benches (`cargo bench`) measure the same stages on generated
//! text.

#[path = "../benches/baseline/mod.rs"]
mod baseline;

use std::process::ExitCode;
use std::time::Instant;

use baseline::Baseline;
use framescope::analyze_records;
use framescope::{Analyzer, Corpus, ReportOptions, Scratch, Span, io, sentences};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: throughput FILE.jsonl [PASSES]");
        return ExitCode::from(2);
    };
    let passes: usize = match args.next().map(|p| p.parse()) {
        None => 3,
        Some(Ok(p)) if p > 0 => p,
        Some(_) => {
            eprintln!("PASSES is a positive whole number");
            return ExitCode::from(2);
        }
    };
    let jsonl = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut texts = Vec::new();
    for record in io::JsonlReader::new(jsonl.as_slice(), &path) {
        match record {
            Ok(r) => texts.push(r.article.text),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let megabytes = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!("{} articles, {megabytes:.1} MB of text", texts.len());

    let analyzer = Analyzer::default();
    let baseline = Baseline::new(&analyzer);
    let spans: Vec<Vec<Span>> = texts.iter().map(|t| sentences(t).collect()).collect();
    let mut scratch = Scratch::default();
    let (mut actors, mut cues) = (Vec::new(), Vec::new());
    let [segment, tag, analyze, baseline_text] = best_seconds(
        passes,
        [
            &mut || texts.iter().map(|t| sentences(t).count()).sum::<usize>(),
            &mut || {
                let mut tokens = 0;
                for (text, spans) in texts.iter().zip(&spans) {
                    actors.clear();
                    cues.clear();
                    tokens += analyzer.tag(text, spans, &mut scratch, &mut actors, &mut cues);
                }
                tokens
            },
            &mut || {
                texts
                    .iter()
                    .map(|t| analyzer.analyze_text(t).cues.len())
                    .sum::<usize>()
            },
            &mut || texts.iter().map(|t| baseline.count(t)).sum(),
        ],
    )
    .map(|seconds| megabytes / seconds);
    println!("article text, one thread:");
    println!("  segment                  {segment:8.1} MB/s");
    println!("  tokenise + tag           {tag:8.1} MB/s");
    println!("  analyze (all)            {analyze:8.1} MB/s");
    println!(
        "  baseline                 {baseline_text:8.1} MB/s   (analyze / baseline = {:.2})",
        analyze / baseline_text
    );

    let file_megabytes = jsonl.len() as f64 / 1e6;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pools =
        [1, cores].map(|threads| rayon::ThreadPoolBuilder::new().num_threads(threads).build());
    let [Ok(one_pool), Ok(all_pool)] = pools else {
        eprintln!("error: cannot start the thread pools");
        return ExitCode::from(2);
    };
    let failure = std::cell::RefCell::new(None);
    let whole = |pool: &rayon::ThreadPool| {
        let report = pool.install(|| {
            let mut corpus = Corpus::new(&analyzer);
            let records = io::JsonlReader::new(jsonl.as_slice(), "input");
            analyze_records(&analyzer, &mut corpus, records, false, |_, _| {})
                .map(|()| corpus.report(&ReportOptions::default()).outlets.len())
        });
        report.unwrap_or_else(|e| {
            failure.replace(Some(e.to_string()));
            0
        })
    };
    let [baseline_file, one, all] = best_seconds(
        passes,
        [
            &mut || {
                io::JsonlReader::new(jsonl.as_slice(), "input")
                    .flatten()
                    .map(|r| baseline.count(&r.article.text))
                    .sum()
            },
            &mut || whole(&one_pool),
            &mut || whole(&all_pool),
        ],
    )
    .map(|seconds| file_megabytes / seconds);
    if let Some(e) = failure.take() {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    println!("JSON Lines to report ({file_megabytes:.1} MB of input):");
    println!(
        "  1 thread                 {one:8.1} MB/s   (/ baseline = {:.2})",
        one / baseline_file
    );
    println!(
        "  {cores} threads                {all:8.1} MB/s   (/ 1 thread = {:.2})",
        all / one
    );
    println!("  baseline, 1 thread       {baseline_file:8.1} MB/s");
    ExitCode::SUCCESS
}

/// The least wall time of each piece of work over `passes` passes, each
/// pass running every piece once, in order.
fn best_seconds<const N: usize>(
    passes: usize,
    mut work: [&mut dyn FnMut() -> usize; N],
) -> [f64; N] {
    let mut best = [f64::INFINITY; N];
    for _ in 0..passes {
        for (piece, best) in work.iter_mut().zip(&mut best) {
            let start = Instant::now();
            std::hint::black_box(piece());
            *best = best.min(start.elapsed().as_secs_f64());
        }
    }
    best
}
