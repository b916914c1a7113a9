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
//! Takes the best of PASSES runs (default 3; shared machines are noisy).
//! Criterion benches (`cargo bench`) measure the same stages on generated
//! text.

#[path = "../benches/baseline/mod.rs"]
mod baseline;

use std::process::ExitCode;
use std::time::Instant;

use baseline::Baseline;
use framescope::corpus::analyze_records;
use framescope::tag::{Scratch, tag_text};
use framescope::{Analyzer, Corpus, ReportOptions, Span, io, segment};

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
    let best_of = |megabytes: f64, work: &mut dyn FnMut() -> usize| {
        (0..passes)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(work());
                megabytes / start.elapsed().as_secs_f64()
            })
            .fold(0.0, f64::max)
    };
    let best = |work: &mut dyn FnMut() -> usize| best_of(megabytes, work);
    let segment = best(&mut || {
        texts
            .iter()
            .map(|t| segment::sentences(t).count())
            .sum::<usize>()
    });
    let sentences: Vec<Vec<Span>> = texts
        .iter()
        .map(|t| segment::sentences(t).collect())
        .collect();
    let mut scratch = Scratch::default();
    let (mut actors, mut cues) = (Vec::new(), Vec::new());
    let tag = best(&mut || {
        let mut tokens = 0;
        for (text, spans) in texts.iter().zip(&sentences) {
            actors.clear();
            cues.clear();
            tokens += tag_text(
                analyzer.lexicon(),
                text,
                spans,
                &mut scratch,
                &mut actors,
                &mut cues,
            );
        }
        tokens
    });
    let analyze = best(&mut || {
        texts
            .iter()
            .map(|t| analyzer.analyze_text(t).cues.len())
            .sum::<usize>()
    });
    let baseline_text = best(&mut || texts.iter().map(|t| baseline.count(t)).sum());
    println!("article text, one thread:");
    println!("  segment                  {segment:8.1} MB/s");
    println!("  tokenise + tag           {tag:8.1} MB/s");
    println!("  analyze (all)            {analyze:8.1} MB/s");
    println!(
        "  baseline                 {baseline_text:8.1} MB/s   (analyze / baseline = {:.2})",
        analyze / baseline_text
    );

    let file_megabytes = jsonl.len() as f64 / 1e6;
    let whole = |threads: usize| -> Result<f64, String> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| e.to_string())?;
        let mut failure = None;
        let rate = best_of(file_megabytes, &mut || {
            pool.install(|| {
                let mut corpus = Corpus::new(&analyzer);
                let records = io::JsonlReader::new(jsonl.as_slice(), "input");
                match analyze_records(&analyzer, &mut corpus, records, false, |_, _| {}) {
                    Ok(()) => corpus.report(&ReportOptions::default()).outlets.len(),
                    Err(e) => {
                        failure = Some(e.to_string());
                        0
                    }
                }
            })
        });
        failure.map_or(Ok(rate), Err)
    };
    let baseline_file = best_of(file_megabytes, &mut || {
        io::JsonlReader::new(jsonl.as_slice(), "input")
            .flatten()
            .map(|r| baseline.count(&r.article.text))
            .sum()
    });
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (one, all) = match (whole(1), whole(cores)) {
        (Ok(one), Ok(all)) => (one, all),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
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
