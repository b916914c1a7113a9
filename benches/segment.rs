//! Throughput of `framescope::sentences` against
//! `unicode_segmentation`'s UAX #29 sentence iterator on synthetic news.
//!
//! `cargo bench --bench segment -- --warm-up-time 1 --measurement-time 3`
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use unicode_segmentation::UnicodeSegmentation;

mod corpus;

fn bench_segment(c: &mut Criterion) {
    let text = corpus::news_text(1 << 20);
    let articles = corpus::news_articles(200);
    let article_bytes: usize = articles.iter().map(|a| a.2.len()).sum();

    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("framescope/news_1MB", |b| {
        b.iter(|| framescope::sentences(black_box(&text)).count())
    });
    group.bench_function("unicode_sentences/news_1MB", |b| {
        b.iter(|| black_box(&text).unicode_sentences().count())
    });
    group.throughput(Throughput::Bytes(article_bytes as u64));
    group.bench_function("framescope/articles_200", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|(_, _, t)| framescope::sentences(black_box(t)).count())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_segment);
criterion_main!(benches);
