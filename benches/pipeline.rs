//! Throughput of tagging, of one article through `Analyzer::analyze`, and of
//! the whole corpus pipeline (JSON Lines to report) with 1 and 2 threads,
//! each group beside the straightforward baseline: UAX #29 sentences and
//! words, lower-case and stem every word, look it up in a set.
//!
//! `cargo bench --bench pipeline -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use framescope::analyze_records;
use framescope::{Analyzer, Corpus, ReportOptions, Scratch, Span, io};

mod baseline;
mod corpus;

use baseline::Baseline;

fn bench_tag(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    let baseline = Baseline::new(&analyzer);
    let text = corpus::news_text(1 << 20);
    let sentences: Vec<Span> = framescope::sentences(&text).collect();
    let mut group = c.benchmark_group("tag");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("framescope/tokenize_and_tag_1MB", |b| {
        let mut scratch = Scratch::default();
        let (mut actors, mut cues) = (Vec::new(), Vec::new());
        b.iter(|| {
            actors.clear();
            cues.clear();
            let tokens = analyzer.tag(
                black_box(&text),
                &sentences,
                &mut scratch,
                &mut actors,
                &mut cues,
            );
            (tokens, cues.len())
        })
    });
    group.bench_function("baseline/uax29_lowercase_stem_lookup_1MB", |b| {
        b.iter(|| baseline.count(black_box(&text)))
    });
    group.finish();
}

fn bench_analyze_article(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    let baseline = Baseline::new(&analyzer);
    // A 5 KB article.
    let mut text = corpus::news_text(5 * 1024);
    let mut end = 5 * 1024;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    let mut group = c.benchmark_group("analyze_article");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("framescope/5KB", |b| {
        b.iter(|| analyzer.analyze_text(black_box(&text)).cues.len())
    });
    group.bench_function("baseline/5KB", |b| {
        b.iter(|| baseline.count(black_box(&text)))
    });
    group.finish();
}

fn bench_corpus(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    let baseline = Baseline::new(&analyzer);
    let mut jsonl = String::new();
    for (id, outlet, text) in corpus::news_articles(400) {
        let article = framescope::Article::new(id, outlet, text);
        jsonl.push_str(&serde_json::to_string(&article).expect("serialisable"));
        jsonl.push('\n');
    }
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(jsonl.len() as u64));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        group.bench_function(
            format!("framescope/jsonl_to_report/{threads}_threads"),
            |b| {
                b.iter(|| {
                    pool.install(|| {
                        let mut corpus = Corpus::new(&analyzer);
                        let records = io::JsonlReader::new(jsonl.as_bytes(), "bench");
                        analyze_records(&analyzer, &mut corpus, records, false, |_, _| {})
                            .expect("valid input");
                        corpus.report(&ReportOptions::default()).outlets.len()
                    })
                })
            },
        );
    }
    group.bench_function("baseline/jsonl_parse_and_count/1_thread", |b| {
        b.iter(|| {
            io::JsonlReader::new(jsonl.as_bytes(), "bench")
                .map(|r| baseline.count(&r.expect("valid input").article.text))
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_tag, bench_analyze_article, bench_corpus);
criterion_main!(benches);
