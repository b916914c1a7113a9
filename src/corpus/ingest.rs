//! The parallel ingestion pipeline: records are read, analysed on the rayon
//! pool and added to a [`Corpus`] in batches, in input order.

use rayon::prelude::*;

use super::Corpus;
use crate::analyzer::{Analysis, Analyzer};
use crate::article::{Article, Record};
use crate::error::InputError;
use crate::profile::ArticleProfile;

/// Analyses a stream of records in parallel batches and gathers them into
/// `corpus`, in input order.
///
/// `records` yields articles or input errors. An error stops the run and is
/// returned unless `skip_invalid`, in which case it is recorded in the
/// report. `on_article` sees every analysed article with its analysis, in
/// input order (for a sentence dump, say). Runs on the current rayon pool.
pub fn analyze_records<I, F>(
    analyzer: &Analyzer,
    corpus: &mut Corpus<'_>,
    records: I,
    skip_invalid: bool,
    on_article: F,
) -> Result<(), InputError>
where
    I: IntoIterator<Item = Result<Record, InputError>>,
    I::IntoIter: Send,
    F: FnMut(&Record, &Analysis) + Send,
{
    run(
        corpus,
        records,
        skip_invalid,
        |article| analyzer.analyze(article),
        on_article,
    )
}

/// Like [`analyze_records`] for the counts alone: each article is counted
/// with [`Analyzer::profile`], which keeps none of its sentences and tags,
/// so memory stays a small multiple of the longest text however many
/// matches it has. `on_record` sees every article added, in input order.
pub fn profile_records<I, F>(
    analyzer: &Analyzer,
    corpus: &mut Corpus<'_>,
    records: I,
    skip_invalid: bool,
    mut on_record: F,
) -> Result<(), InputError>
where
    I: IntoIterator<Item = Result<Record, InputError>>,
    I::IntoIter: Send,
    F: FnMut(&Record) + Send,
{
    profile_records_with(analyzer, corpus, records, skip_invalid, |record, _| {
        on_record(record)
    })
}

/// [`profile_records`], where `on_record` also sees each added article's
/// counts (for an [`ArticleTable`](crate::ArticleTable), say).
pub fn profile_records_with<I, F>(
    analyzer: &Analyzer,
    corpus: &mut Corpus<'_>,
    records: I,
    skip_invalid: bool,
    mut on_record: F,
) -> Result<(), InputError>
where
    I: IntoIterator<Item = Result<Record, InputError>>,
    I::IntoIter: Send,
    F: FnMut(&Record, &ArticleProfile) + Send,
{
    run(
        corpus,
        records,
        skip_invalid,
        |article| Analysis {
            sentences: Vec::new(),
            kinds: Vec::new(),
            actors: Vec::new(),
            cues: Vec::new(),
            attributions: Vec::new(),
            profile: analyzer.profile(article),
        },
        |record, analysis| on_record(record, &analysis.profile),
    )
}

/// The pipeline, whatever `analyze` keeps of each article.
fn run<I, A, F>(
    corpus: &mut Corpus<'_>,
    records: I,
    skip_invalid: bool,
    analyze: A,
    mut on_article: F,
) -> Result<(), InputError>
where
    I: IntoIterator<Item = Result<Record, InputError>>,
    I::IntoIter: Send,
    A: Fn(&Article) -> Analysis + Sync,
    F: FnMut(&Record, &Analysis) + Send,
{
    let mut records = records.into_iter();
    // A three-stage pipeline: while batch k is analysed in parallel, batch
    // k − 1 is added to the corpus (in order) and batch k + 1 is read.
    let mut batch = read_batch(&mut records);
    let mut analysed: Option<(Batch, Vec<Analysis>)> = None;
    loop {
        let done = batch.records.is_empty() && batch.error.is_none();
        let (analyses, (added, next)) = rayon::join(
            || {
                batch
                    .records
                    .par_iter()
                    .map(|r| analyze(&r.article))
                    .collect::<Vec<Analysis>>()
            },
            || {
                let added = match analysed.take() {
                    Some((b, a)) => add_batch(corpus, b, a, skip_invalid, &mut on_article),
                    None => Ok(()),
                };
                // A bad record that stops the run: read no further (the
                // rest may be endless).
                let stops = batch.error.is_some() && !skip_invalid;
                let next = if done || stops || added.is_err() {
                    Batch::default()
                } else {
                    read_batch(&mut records)
                };
                (added, next)
            },
        );
        added?;
        if done {
            return Ok(());
        }
        analysed = Some((batch, analyses));
        batch = next;
    }
}

/// Adds an analysed batch to the corpus, in input order, then its error.
fn add_batch<F: FnMut(&Record, &Analysis)>(
    corpus: &mut Corpus<'_>,
    batch: Batch,
    analyses: Vec<Analysis>,
    skip_invalid: bool,
    on_article: &mut F,
) -> Result<(), InputError> {
    for (record, analysis) in batch.records.iter().zip(analyses) {
        match corpus.add_record(record, &analysis.profile) {
            Ok(()) => on_article(record, &analysis),
            Err(kind) => {
                let error = InputError::new(&*record.source, record.line, kind);
                if skip_invalid {
                    corpus.reject(&error);
                } else {
                    return Err(error);
                }
            }
        }
    }
    match batch.error {
        Some(error) if skip_invalid => {
            corpus.reject(&error);
            Ok(())
        }
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// Records read in one go, ending early at a bad record.
#[derive(Default)]
struct Batch {
    records: Vec<Record>,
    /// The bad record that ended the batch.
    error: Option<InputError>,
}

/// Reads up to [`BATCH`] records, stopping after the first error (so that
/// errors keep their place among the records).
fn read_batch(records: &mut impl Iterator<Item = Result<Record, InputError>>) -> Batch {
    let mut batch = Batch {
        records: Vec::with_capacity(BATCH),
        error: None,
    };
    for record in records.by_ref() {
        match record {
            Ok(record) => {
                batch.records.push(record);
                if batch.records.len() == BATCH {
                    break;
                }
            }
            Err(error) => {
                batch.error = Some(error);
                break;
            }
        }
    }
    batch
}

/// Records analysed together: enough to keep every thread busy, few enough
/// that memory stays flat.
const BATCH: usize = 256;
