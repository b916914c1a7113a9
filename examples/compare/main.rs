//! Compare how outlets frame the same story.
//!
//! ```text
//! cargo run --release --example compare -- [OPTIONS] [INPUT]...
//! ```
//!
//! With no input, runs on the bundled synthetic sample corpus. Exit status:
//! 0 success, 2 bad input or usage, 1 anything else. Output files are
//! written under a temporary name and renamed into place when complete;
//! if standard output is closed early (`| head`), the run stops at once,
//! writes nothing more and exits with status 0.

mod chart;

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Parser, ValueEnum};
use framescope::io::{self, OutputFile, ReadOptions};
use framescope::{Corpus, Error, GroupBy, MergeError, Partial, Record, ReportOptions};
use framescope::{KwicFilter, KwicFormat, analyze_records, profile_records_with};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

/// How `--kwic` lines are written.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum KwicStyle {
    /// Tab-separated, fields quoted as in CSV where needed.
    Tsv,
    /// Comma-separated (CSV).
    Csv,
}

/// The most worker threads `--threads` takes (each has its own stack and
/// buffers; more threads than that only cost time and memory).
const MAX_THREADS: u64 = 1024;

/// Compare how news outlets frame the same story.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Inputs: .jsonl, .csv, a directory of .txt files, or - for JSON Lines
    /// on standard input. None: the bundled sample corpus. They go before
    /// --merge.
    inputs: Vec<String>,
    /// Report format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<String>,
    /// Also write one JSON object per sentence (actors, cues, offsets).
    #[arg(long, value_name = "FILE")]
    sentences: Option<String>,
    /// Also write one JSON object per attribution (quotation or reported
    /// speech): kind, content, cue and source, as byte offsets.
    #[arg(long, value_name = "FILE")]
    attributions: Option<String>,
    /// Extra or replacement lexicon entries: TOML, a LIWC .dic or a YAML
    /// (quanteda) .yml dictionary; repeatable.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<String>,
    /// Worker threads, 1 to 1024 (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=MAX_THREADS))]
    threads: Option<u64>,
    /// Bootstrap seed.
    #[arg(long, default_value_t = ReportOptions::default().seed)]
    seed: u64,
    /// Bootstrap resamples.
    #[arg(long, default_value_t = ReportOptions::default().resamples)]
    resamples: usize,
    /// Report and skip bad records instead of stopping at the first.
    #[arg(long)]
    skip_invalid: bool,
    /// Count every sentence in per-sentence denominators (uncertain_share,
    /// actor_salience, ...), headings too; by default only body sentences
    /// and list items count.
    #[arg(long)]
    count_all_sentences: bool,
    /// A record (JSON line, CSV row or text file) longer than this many
    /// bytes is a bad record, skipped without being read into memory.
    #[arg(long, value_name = "BYTES", default_value_t = io::DEFAULT_MAX_RECORD_BYTES,
          value_parser = clap::value_parser!(u64).range(1..))]
    max_record_bytes: u64,
    /// The name standard input goes by in messages and reports (give each
    /// shard read from standard input its own, so that their rejected
    /// records stay apart when merged).
    #[arg(long, value_name = "NAME", default_value = "-")]
    stdin_name: String,
    /// Also write this run's merged profiles to FILE, for --merge.
    #[arg(long, value_name = "FILE")]
    partial: Option<String>,
    /// Combine partial files (from --partial) into one report, as if one
    /// run had read all their inputs (plus any INPUT given, before
    /// --merge).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    merge: Vec<String>,
    /// Print each match of CATEGORY (or actor id), or CATEGORY:TERM, in
    /// context, one line each after a header row (tab-separated: outlet,
    /// article_id, status, left, match, right, quoted, source), instead of
    /// the report (which still goes to --output if given).
    #[arg(long, value_name = "CATEGORY[:TERM]")]
    kwic: Option<String>,
    /// How --kwic lines are written: tab-separated (fields holding a tab,
    /// a quotation mark or a line break in quotation marks, as in CSV) or
    /// CSV.
    #[arg(long, value_enum, default_value = "tsv", value_name = "FORMAT")]
    kwic_format: KwicStyle,
    /// Also write one row per article to FILE: id, the group columns,
    /// title, published, story, tokens, sentences, every metric (empty
    /// when undefined) and the --keep fields. CSV, or JSON Lines when FILE
    /// ends in .jsonl.
    #[arg(long, value_name = "FILE")]
    articles: Option<String>,
    /// Input fields to add to the --articles table (any article field or
    /// other input field), comma-separated.
    #[arg(long, value_name = "FIELD,...", value_delimiter = ',')]
    keep: Vec<String>,
    /// Group articles by these fields instead of by outlet: any article
    /// field (outlet, story, ...), any other input field, or a period of
    /// the publication date (published:week, published:month,
    /// published:year); several, comma-separated, make one group per
    /// combination (outlet,published:month: a monthly series per outlet).
    #[arg(long, value_name = "FIELD[,FIELD]", default_value = "outlet")]
    group_by: String,
    /// A CSV file of two columns, alias and outlet: outlet names to
    /// harmonise before grouping ("Fox Online News,Fox News").
    #[arg(long, value_name = "FILE")]
    outlet_map: Option<String>,
    /// Groups with fewer articles are reported and flagged, but not
    /// compared pairwise nor charted.
    #[arg(long, value_name = "N", default_value_t = ReportOptions::default().min_articles_to_compare)]
    min_articles: u64,
    /// Also write the pairwise comparisons to FILE as a tidy CSV (one row
    /// per pair, scope and metric).
    #[arg(long, value_name = "FILE")]
    comparisons: Option<String>,
    /// At most this many outlets (those with the most articles) are
    /// compared pairwise.
    #[arg(long, default_value_t = ReportOptions::default().max_compared_outlets)]
    max_compared: usize,
    /// Also draw a chart to FILE (SVG): the headline metrics with their
    /// intervals, one panel per metric, and a heat map of actor salience
    /// (at most the 12 outlets with the most articles).
    #[arg(long, value_name = "FILE")]
    svg: Option<String>,
}

/// Why the run ended early, and so which exit status it has.
enum Failure {
    /// Bad input, lexicon or usage: status 2.
    Input(String),
    /// Anything else (cannot write output): status 1.
    Other(String),
    /// Standard output was closed (the reader stopped listening): status
    /// 0, nothing said.
    Closed,
}

/// The library's errors are about inputs, lexicons and partial files
/// (outputs are reported through [`output_error`]).
impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Input(e.to_string())
    }
}

/// A failure to write an output: status 1, or quiet for a closed pipe.
fn output_error(what: &str, e: &std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::Closed
    } else {
        Failure::Other(format!("{what}: {e}"))
    }
}

/// A warning on standard error (ignored if standard error is closed).
fn warn(message: &str) {
    let _ = writeln!(std::io::stderr(), "warning: {message}");
}

/// The program: also the `framescope` binary's (`src/bin/framescope.rs`,
/// feature `cli`).
pub fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) | Err(Failure::Closed) => ExitCode::SUCCESS,
        Err(Failure::Input(msg)) => {
            let _ = writeln!(std::io::stderr(), "error: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Other(msg)) => {
            let _ = writeln!(std::io::stderr(), "error: {msg}");
            ExitCode::from(1)
        }
    }
}

/// The output files, created (under temporary names) before the run, so
/// that a path that cannot be written fails before any work.
struct Outputs {
    report: Option<OutputFile>,
    sentences: Option<std::io::BufWriter<OutputFile>>,
    attributions: Option<std::io::BufWriter<OutputFile>>,
    partial: Option<OutputFile>,
    svg: Option<OutputFile>,
    articles: Option<OutputFile>,
    comparisons: Option<OutputFile>,
}

impl Outputs {
    fn create(args: &Args) -> Result<Self, Failure> {
        let create = |option: &str, path: &Option<String>| -> Result<Option<OutputFile>, Failure> {
            path.as_deref()
                .map(|p| {
                    OutputFile::create(p)
                        .map_err(|e| Failure::Other(format!("{option} {e}: cannot write there")))
                })
                .transpose()
        };
        Ok(Outputs {
            report: create("--output", &args.output)?,
            sentences: create("--sentences", &args.sentences)?.map(std::io::BufWriter::new),
            attributions: create("--attributions", &args.attributions)?
                .map(std::io::BufWriter::new),
            partial: create("--partial", &args.partial)?,
            svg: create("--svg", &args.svg)?,
            articles: create("--articles", &args.articles)?,
            comparisons: create("--comparisons", &args.comparisons)?,
        })
    }
}

fn run(args: &Args) -> Result<(), Failure> {
    let kwic = match args.kwic.as_deref().map(KwicFilter::parse) {
        Some(filter) if filter.term.as_deref().is_some_and(|t| t.trim().is_empty()) => {
            return Err(Failure::Input(format!(
                "--kwic {:?}: the term after ':' is empty (give CATEGORY, or CATEGORY:TERM)",
                args.kwic.as_deref().unwrap_or_default()
            )));
        }
        other => other,
    };
    let group_by =
        GroupBy::parse(&args.group_by).map_err(|e| Failure::Input(Error::from(e).to_string()))?;
    let articles_jsonl = match args.articles.as_deref().map(str::to_ascii_lowercase) {
        Some(path) if path.ends_with(".parquet") => {
            return Err(Failure::Input(
                "--articles: Parquet is not supported; write .csv or .jsonl (pandas: \
                 read_csv(...).to_parquet(...))"
                    .into(),
            ));
        }
        Some(path) => path.ends_with(".jsonl"),
        None => false,
    };
    if !args.keep.is_empty() && args.articles.is_none() {
        warn("--keep names fields of the --articles table, and no --articles is given");
    }
    if let Some(field) = args.keep.iter().find(|f| f.trim().is_empty()) {
        return Err(Failure::Input(format!(
            "--keep {field:?}: an empty field name"
        )));
    }
    let outlet_map = args
        .outlet_map
        .as_deref()
        .map(io::read_outlet_map)
        .transpose()?;
    let mut outputs = Outputs::create(args)?;
    let analyzer = io::analyzer_with_lexicon_files(&args.lexicon)?
        .with_count_all_sentences(args.count_all_sentences);
    for warning in analyzer.lexicon().warnings() {
        warn(&warning.to_string());
    }
    if let Some(filter) = &kwic
        && !filter.is_known(&analyzer)
    {
        return Err(Failure::Input(format!(
            "--kwic: {:?} is neither a category nor an actor of the lexicon",
            filter.target
        )));
    }
    // Partial files are read before the run, so that a bad one (or an
    // input given after --merge) fails before any work.
    let partials = read_partials(&args.merge)?;
    let mut fields = group_by.input_fields();
    fields.extend(args.keep.iter().cloned());
    let read_options = ReadOptions {
        max_record_bytes: args.max_record_bytes,
        stdin_name: args.stdin_name.clone(),
        fields,
    };
    let inputs = if args.inputs.is_empty() && !args.merge.is_empty() {
        io::Inputs::empty()
    } else if args.inputs.is_empty() {
        io::Inputs::sample()
    } else {
        io::open_all_with(&args.inputs, &read_options)?
    };
    for skipped in &inputs.skipped {
        warn(&format!("{}: skipped: {}", skipped.path, skipped.reason));
    }
    let progress = progress_bar(inputs.total_bytes);
    let bytes_read = inputs.bytes_read.clone();
    let show_progress = |_: &Record| {
        if let Some(bar) = &progress {
            bar.set_position(bytes_read.load(Ordering::Relaxed));
        }
    };
    // Set when standard output is closed: reading stops.
    let closed = Arc::new(AtomicBool::new(false));
    let records = {
        let closed = closed.clone();
        inputs
            .records
            .take_while(move |_| !closed.load(Ordering::Relaxed))
            .map(move |record| {
                record.map(|mut record| {
                    if let Some(map) = &outlet_map {
                        map.apply(&mut record.article);
                    }
                    record
                })
            })
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, |n| n as usize))
        .build()
        .map_err(|e| Failure::Other(format!("cannot start the worker threads: {e}")))?;
    let mut corpus = Corpus::with_grouping(&analyzer, group_by.clone());
    let mut table = args
        .articles
        .is_some()
        .then(|| corpus.article_table(&args.keep));
    // The input fields that grouping and --keep ask for, and whether any
    // record had each.
    let mut asked: Vec<(String, bool)> = group_by
        .input_fields()
        .into_iter()
        .chain(args.keep.iter().cloned())
        .filter(|f| !io::ARTICLE_FIELDS.contains(&f.as_str()))
        .map(|f| (f, false))
        .collect();
    let mut dated = false;
    let mut on_added = |record: &Record, profile: &framescope::ArticleProfile| {
        if let Some(table) = table.as_mut() {
            table.push(&record.article, profile);
        }
        for (field, seen) in asked.iter_mut() {
            *seen |= record.article.extra.contains_key(field.as_str());
        }
        dated |= record.article.published.is_some();
    };
    let kwic_format = match args.kwic_format {
        KwicStyle::Tsv => KwicFormat::Tsv,
        KwicStyle::Csv => KwicFormat::Csv,
    };
    let mut kwic_out = std::io::BufWriter::new(std::io::stdout());
    let mut write_error: Option<Failure> = None;
    if kwic.is_some()
        && let Err(e) = kwic_out.write_all(framescope::kwic_header(kwic_format).as_bytes())
    {
        return Err(output_error("--kwic", &e));
    }
    let analysed = pool.install(|| {
        if outputs.sentences.is_none() && outputs.attributions.is_none() && kwic.is_none() {
            // Counts alone: no article's tags are kept.
            return profile_records_with(
                &analyzer,
                &mut corpus,
                records,
                args.skip_invalid,
                |record, profile| {
                    show_progress(record);
                    on_added(record, profile);
                },
            );
        }
        analyze_records(
            &analyzer,
            &mut corpus,
            records,
            args.skip_invalid,
            |record, analysis| {
                show_progress(record);
                on_added(record, &analysis.profile);
                if write_error.is_some() {
                    return;
                }
                if let Some(out) = outputs.sentences.as_mut()
                    && let Err(e) =
                        framescope::write_sentence_lines(out, &analyzer, record, analysis)
                {
                    write_error = Some(output_error("--sentences", &e));
                    return;
                }
                if let Some(out) = outputs.attributions.as_mut()
                    && let Err(e) =
                        framescope::write_attribution_lines(out, &analyzer, record, analysis)
                {
                    write_error = Some(output_error("--attributions", &e));
                    return;
                }
                if let Some(filter) = &kwic {
                    let lines: String =
                        framescope::kwic_matches(&analyzer, record, analysis, filter, 50)
                            .iter()
                            .map(|line| framescope::kwic_row(line, kwic_format))
                            .collect();
                    if let Err(e) = kwic_out.write_all(lines.as_bytes()) {
                        if e.kind() == std::io::ErrorKind::BrokenPipe {
                            closed.store(true, Ordering::Relaxed);
                        }
                        write_error = Some(output_error("--kwic", &e));
                    }
                }
            },
        )
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    // A failed output first: after a closed pipe, what was read no longer
    // matters.
    if let Some(failure) = write_error {
        return Err(failure);
    }
    analysed.map_err(|e| Failure::Input(e.to_string()))?;
    kwic_out.flush().map_err(|e| output_error("--kwic", &e))?;
    drop(kwic_out);
    for (path, partial) in partials {
        corpus.merge_partial(partial).map_err(|source| {
            let hint = match &source {
                MergeError::DuplicateRejection { .. } => {
                    " (shards read from standard input: name each with --stdin-name)"
                }
                _ => "",
            };
            Failure::Input(format!("{}{hint}", Error::Merge { path, source }))
        })?;
    }
    for (field, seen) in &asked {
        if !seen && corpus.articles() > 0 {
            warn(&format!(
                "no record has a field {field:?} (--group-by, --keep)"
            ));
        }
    }
    if group_by.period().is_some() && !dated && corpus.articles() > 0 {
        warn("no record has a `published` date: every article is in the period (none)");
    }
    let options = ReportOptions {
        seed: args.seed,
        resamples: args.resamples,
        max_compared_outlets: args.max_compared,
        min_articles_to_compare: args.min_articles,
        ..ReportOptions::default()
    };
    let report = pool.install(|| corpus.report(&options));
    if report.input.records == 0 {
        warn("no records were read: the report is empty");
    }
    if let Some(mut out) = outputs.partial.take() {
        out.write_all(corpus.to_partial().to_json().as_bytes())
            .map_err(|e| output_error(out.path(), &e))?;
        out.commit().map_err(|e| Failure::Other(e.to_string()))?;
    }
    if let Some(mut out) = outputs.sentences.take() {
        out.flush().map_err(|e| output_error("--sentences", &e))?;
        let out = out
            .into_inner()
            .map_err(|e| output_error("--sentences", e.error()))?;
        out.commit().map_err(|e| Failure::Other(e.to_string()))?;
    }
    if let Some(mut out) = outputs.articles.take() {
        let mut table = table
            .take()
            .unwrap_or_else(|| corpus.article_table(&args.keep));
        if !args.merge.is_empty() {
            warn("--articles lists the articles read in this run, not those of merged partials");
        }
        table.finish(|id| corpus.is_counted(id));
        let written = if articles_jsonl {
            table.write_jsonl(&mut out)
        } else {
            table.write_csv(&mut out)
        };
        written.map_err(|e| output_error(out.path(), &e))?;
        out.commit().map_err(|e| Failure::Other(e.to_string()))?;
    }
    if let Some(mut out) = outputs.comparisons.take() {
        out.write_all(report.comparisons_to_csv().as_bytes())
            .map_err(|e| output_error(out.path(), &e))?;
        out.commit().map_err(|e| Failure::Other(e.to_string()))?;
    }
    if let Some(mut out) = outputs.attributions.take() {
        out.flush()
            .map_err(|e| output_error("--attributions", &e))?;
        let out = out
            .into_inner()
            .map_err(|e| output_error("--attributions", e.error()))?;
        out.commit().map_err(|e| Failure::Other(e.to_string()))?;
    }
    if let Some(mut out) = outputs.svg.take() {
        let svg = chart::render(&report).map_err(|e| Failure::Other(format!("--svg: {e}")))?;
        out.write_all(svg.as_bytes())
            .map_err(|e| output_error(out.path(), &e))?;
        out.commit().map_err(|e| Failure::Other(e.to_string()))?;
    }
    let write = |out: &mut dyn Write| match args.format {
        Format::Json => report.write_json(out),
        Format::Table => out.write_all(report.to_table().as_bytes()),
        Format::Csv => out.write_all(report.to_csv().as_bytes()),
        Format::Markdown => out.write_all(report.to_markdown().as_bytes()),
    };
    match outputs.report.take() {
        Some(mut out) => {
            write(&mut out).map_err(|e| output_error(out.path(), &e))?;
            out.commit().map_err(|e| Failure::Other(e.to_string()))
        }
        // The keyword-in-context lines were the standard output.
        None if kwic.is_some() => Ok(()),
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            write(&mut stdout)
                .and_then(|()| stdout.flush())
                .map_err(|e| output_error("standard output", &e))
        }
    }
}

/// Reads every partial file, refusing the same partial given twice and
/// anything that is not a partial (an input given after --merge).
fn read_partials(paths: &[String]) -> Result<Vec<(String, Partial)>, Failure> {
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut partials = Vec::with_capacity(paths.len());
    for path in paths {
        let partial = match io::read_partial(path) {
            Ok(partial) => partial,
            Err(Error::Merge {
                path,
                source: MergeError::NotAPartial(why),
            }) => {
                return Err(Failure::Input(format!(
                    "--merge {path}: not a partial file: {why}. Inputs go before --merge: \
                     compare [OPTIONS] INPUT... --merge PARTIAL..."
                )));
            }
            Err(e) => return Err(e.into()),
        };
        let checksum = partial.checksum();
        if let Some((first, _)) = seen.iter().find(|(_, c)| *c == checksum) {
            return Err(Failure::Input(format!(
                "--merge {path}: the same partial as {first} (merged twice, its counts would \
                 count twice)"
            )));
        }
        seen.push((path.clone(), checksum));
        partials.push((path.clone(), partial));
    }
    Ok(partials)
}

/// A progress bar on standard error (bytes read, MB/s), only when standard
/// error is a terminal.
fn progress_bar(total_bytes: u64) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() || total_bytes == 0 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total_bytes);
    let style = indicatif::ProgressStyle::with_template(
        "{bar:40} {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} eta {eta}",
    )
    .ok()?;
    bar.set_style(style);
    Some(bar)
}
