//! Throughput of each stage on a JSON Lines corpus of your own, one thread,
//! texts held in memory (so reading is not measured):
//!
//! ```text
//! cargo run --release --example throughput -- articles.jsonl [PASSES]
//! ```
//!
//! Prints MB/s of article text for segmentation, tokenising + tagging, and
//! the whole `Analyzer::analyze`, taking the best of PASSES runs (default 3;
//! shared machines are noisy). Criterion benches (`cargo bench`) measure the
//! same stages on generated text.

use std::process::ExitCode;
use std::time::Instant;

use framescope::tag::{Scratch, tag_text};
use framescope::{Analyzer, Span, io, segment};

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
    let records = match io::open(&path) {
        Ok(records) => records,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut texts = Vec::new();
    for record in records {
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
    let best = |work: &mut dyn FnMut() -> usize| {
        (0..passes)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(work());
                megabytes / start.elapsed().as_secs_f64()
            })
            .fold(0.0, f64::max)
    };
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
    println!("segment           {segment:8.1} MB/s");
    println!("tokenise + tag    {tag:8.1} MB/s");
    println!("analyze (all)     {analyze:8.1} MB/s");
    ExitCode::SUCCESS
}
