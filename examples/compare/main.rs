//! Compare how outlets frame the same story.
//!
//! ```text
//! cargo run --release --example compare -- [OPTIONS] [INPUT]...
//! ```
//!
//! With no input, runs on the bundled synthetic sample corpus. Exit status:
//! 0 success, 2 bad input or usage, 1 anything else.

mod chart;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use framescope::analyze_records;
use framescope::{Corpus, Error, ReportOptions, io};
use framescope::{KwicFilter, kwic_lines};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

/// Compare how news outlets frame the same story.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Inputs: .jsonl, .csv, a directory of .txt files, or - for JSON Lines
    /// on standard input. None: the bundled sample corpus.
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
    /// Extra or replacement lexicon entries (TOML); repeatable.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<String>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Bootstrap seed.
    #[arg(long, default_value_t = ReportOptions::default().seed)]
    seed: u64,
    /// Bootstrap resamples.
    #[arg(long, default_value_t = ReportOptions::default().resamples)]
    resamples: usize,
    /// Report and skip bad records instead of stopping at the first.
    #[arg(long)]
    skip_invalid: bool,
    /// Also write this run's merged profiles to FILE, for --merge.
    #[arg(long, value_name = "FILE")]
    partial: Option<String>,
    /// Combine partial files (from --partial) into one report, as if one
    /// run had read all their inputs (plus any INPUT given).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    merge: Vec<String>,
    /// Print each match of CATEGORY (or actor id), or CATEGORY:TERM, in
    /// context, one line each (tab-separated: outlet, article id, status,
    /// source, left context, [match], right context), instead of the report
    /// (which still goes to --output if given).
    #[arg(long, value_name = "CATEGORY[:TERM]")]
    kwic: Option<String>,
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

/// Why the run failed, and so which exit status it has.
enum Failure {
    /// Bad input, lexicon or usage: status 2.
    Input(String),
    /// Anything else (cannot write output): status 1.
    Other(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Input(e.to_string())
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Other(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &Args) -> Result<(), Failure> {
    let analyzer = io::analyzer_with_lexicon_files(&args.lexicon)?;
    for warning in analyzer.lexicon().warnings() {
        eprintln!("warning: {warning}");
    }
    let inputs = if args.inputs.is_empty() && !args.merge.is_empty() {
        io::Inputs {
            records: Box::new(std::iter::empty()),
            bytes_read: Default::default(),
            total_bytes: 0,
        }
    } else if args.inputs.is_empty() {
        io::Inputs {
            records: io::sample(),
            bytes_read: Default::default(),
            total_bytes: io::SAMPLE_JSONL.len() as u64,
        }
    } else {
        io::open_all(&args.inputs)?
    };
    let progress = progress_bar(inputs.total_bytes);
    let bytes_read = inputs.bytes_read.clone();
    let kwic = args.kwic.as_deref().map(KwicFilter::parse);
    if let Some(filter) = &kwic
        && !filter.is_known(&analyzer)
    {
        return Err(Failure::Input(format!(
            "--kwic: {:?} is neither a category nor an actor of the lexicon",
            filter.target
        )));
    }
    let mut kwic_out = std::io::BufWriter::new(std::io::stdout());
    let mut sentences = match &args.sentences {
        Some(path) => Some(create(path)?),
        None => None,
    };
    let mut attributions = match &args.attributions {
        Some(path) => Some(create(path)?),
        None => None,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| Failure::Other(e.to_string()))?;
    let mut corpus = Corpus::new(&analyzer);
    let mut write_error = None;
    pool.install(|| {
        analyze_records(
            &analyzer,
            &mut corpus,
            inputs.records,
            args.skip_invalid,
            |record, analysis| {
                if let Some(bar) = &progress {
                    bar.set_position(bytes_read.load(std::sync::atomic::Ordering::Relaxed));
                }
                if let (Some(out), None) = (sentences.as_mut(), &write_error)
                    && let Err(e) =
                        framescope::write_sentence_lines(out, &analyzer, record, analysis)
                {
                    write_error = Some(("--sentences", e));
                }
                if let (Some(out), None) = (attributions.as_mut(), &write_error)
                    && let Err(e) =
                        framescope::write_attribution_lines(out, &analyzer, record, analysis)
                {
                    write_error = Some(("--attributions", e));
                }
                if let (Some(filter), None) = (&kwic, &write_error) {
                    let lines = kwic_lines(&analyzer, record, analysis, filter, 50);
                    if let Err(e) = kwic_out.write_all(lines.as_bytes()) {
                        write_error = Some(("--kwic", e));
                    }
                }
            },
        )
    })
    .map_err(|e| Failure::Input(e.to_string()))?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if let Some((what, e)) = write_error {
        return Err(Failure::Other(format!("{what}: {e}")));
    }
    kwic_out
        .flush()
        .map_err(|e| Failure::Other(e.to_string()))?;
    drop(kwic_out);
    if let Some(mut out) = sentences {
        out.flush()
            .map_err(|e| Failure::Other(format!("--sentences: {e}")))?;
    }
    if let Some(mut out) = attributions {
        out.flush()
            .map_err(|e| Failure::Other(format!("--attributions: {e}")))?;
    }
    for path in &args.merge {
        let partial = io::read_partial(path)?;
        corpus
            .merge_partial(partial)
            .map_err(|source| Error::Merge {
                path: path.clone(),
                source,
            })?;
    }
    if let Some(path) = &args.partial {
        io::write_partial(path, &corpus.to_partial()).map_err(|e| Failure::Other(e.to_string()))?;
    }
    let options = ReportOptions {
        seed: args.seed,
        resamples: args.resamples,
        max_compared_outlets: args.max_compared,
        ..ReportOptions::default()
    };
    let report = pool.install(|| corpus.report(&options));
    if let Some(path) = &args.svg {
        let svg = chart::render(&report).map_err(|e| Failure::Other(format!("--svg: {e}")))?;
        std::fs::write(path, svg).map_err(|e| Failure::Other(format!("{path}: {e}")))?;
    }
    let text = match args.format {
        Format::Table => report.to_table(),
        Format::Json => report.to_json(),
        Format::Csv => report.to_csv(),
        Format::Markdown => report.to_markdown(),
    };
    if kwic.is_some() && args.output.is_none() {
        // The keyword-in-context lines were the standard output.
        return Ok(());
    }
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| Failure::Other(format!("{path}: {e}")))
        }
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| Failure::Other(e.to_string())),
    }
}

fn create(path: &str) -> Result<std::io::BufWriter<std::fs::File>, Failure> {
    std::fs::File::create(path)
        .map(std::io::BufWriter::new)
        .map_err(|e| Failure::Other(format!("{path}: {e}")))
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
