//! # framescope
//!
//! framescope measures how news outlets frame the same story. It reads a
//! collection of articles, splits each into sentences, tags the actors each
//! sentence names and the language it uses (hedges, boosters, claims of
//! progress, breakthrough or setback, and policy frames), and scores every
//! outlet so that outlets can be compared with honest statistics.
//!
//! Every number is built from integer counts of matched spans, so each one
//! can be traced back to the words that produced it.
//!
//! ## Data flow
//!
//! ```text
//! io (records) -> Article -> segment (sentence spans) -> tokens (word spans)
//!   -> tag (actor mentions, cue matches with status)
//!   -> attribute (quotations and reported speech with sources; each cue's voice)
//!   -> ArticleProfile (counts)
//!   -> Corpus (outlet profiles) -> metrics (rates, bootstrap intervals) -> report
//! ```
//!
//! Each arrow is a module boundary; the core (everything but [`io`]) does no
//! I/O.
//!
//! ## Module map
//!
//! Data flows one way: a module uses only the modules above it in this
//! list (and the shared [`Span`] and errors), never one below.
//!
//! | module | what it holds |
//! |---|---|
//! | `error` | typed errors and their kinds; uses no other module |
//! | `article` | the [`Article`] and [`Record`] types; [`Date`], [`Published`] |
//! | `group` | what is grouped together: [`GroupBy`] (any field, a period of `published`), [`OutletMap`] (aliases of outlets) |
//! | `segment` | sentence spans ([`sentences`]) and kinds ([`sentence_kind`]); its rules, labelled S1–S14, in `segment/mod.rs`, its byte scan in `segment/scan.rs` |
//! | `tokens` | word tokens with clitics, abbreviations and boundaries; its SWAR scans in `tokens/swar.rs` |
//! | `lexicon` | the model ([`Lexicon`]), the TOML format and merge (`format`), the compiler (`compile`) and the run-time trie (`matcher`) |
//! | `liwc` | LIWC `.dic` dictionaries converted to the TOML format |
//! | `yaml` | YAML (quanteda) dictionaries converted to the TOML format (feature `yaml`, on by default) |
//! | `tag` | mentions and cues: word classes with their cache (`classify`), the trie walk (`walk`), the status rule (`rules`), quotation (`quotes`), the actor rules (`actors`) and their word lists (`actor_words`), long sentences in pieces (`pieces`) |
//! | `attribute` | who says what ([`Attribution`]): quotations (`quotes`), the word table of the `[speech]` lists (`words`), the rules for cues, sources and contents (`rules`); each cue's [`Voice`] |
//! | `profile` | integer counts per article and outlet ([`ArticleProfile`]) |
//! | `analyzer` | the [`Analyzer`]: segment, tag and count one text |
//! | `metrics` | metric formulas ([`Metric`]); the bootstrap and quantiles, each plain beside its accelerator |
//! | `compare` | log-odds with a Dirichlet prior, Jensen–Shannon divergence |
//! | `report` | the [`Report`] and its renderings; the sentence dump and keyword-in-context views (`report/dump.rs`); the article table (`report/articles.rs`) |
//! | `corpus` | gathering profiles per outlet (`mod.rs`), report options, building the report (`build`), the shard format (`shard`), the parallel pipeline (`ingest`) |
//! | [`io`] | the edge: readers of JSON Lines, CSV and text directories (with a record size limit), lexicon and shard files, output files written whole; used by the binary, never by the core |
//!
//! ## Analysing one article
//!
//! ```
//! use framescope::{Analyzer, Article, Status};
//!
//! let analyzer = Analyzer::default();
//! let article = Article::new(
//!     "a1",
//!     "The Example Times",
//!     "Talks in Doha did not produce a breakthrough. Iran may return next week.",
//! );
//! let analysis = analyzer.analyze(&article);
//! assert_eq!(analysis.sentences.len(), 2);
//!
//! let breakthrough = analysis
//!     .cues
//!     .iter()
//!     .find(|cue| analyzer.lexicon().category_name(cue.category) == "breakthrough")
//!     .expect("the lexicon knows 'breakthrough'");
//! assert_eq!(breakthrough.status, Status::Negated);
//! assert_eq!(&article.text[breakthrough.span.range()], "breakthrough");
//!
//! let iran = analyzer.lexicon().actor_index("IRAN").expect("IRAN is a default actor");
//! assert_eq!(analysis.profile.actors[iran].mentions, 1);
//! // "Talks in Doha" names a place, not Qatar's government.
//! # let qatar = analyzer.lexicon().actor_index("QATAR").unwrap();
//! # assert_eq!(analysis.profile.actors[qatar].mentions, 0);
//! ```
//!
//! ## Who says what
//!
//! Quotations and reported speech are found with their sources
//! ([`Attribution`]); every cue has a [`Voice`], the outlet's own or a
//! source's, with the actor the source stands for:
//!
//! ```
//! use framescope::{Analyzer, Article, AttributionKind, Voice};
//!
//! let analyzer = Analyzer::default();
//! let article = Article::new(
//!     "a1",
//!     "Dispatch",
//!     "“We made real progress,” host Qatar said. The talks later stalled.",
//! );
//! let analysis = analyzer.analyze(&article);
//! let quote = &analysis.attributions[0];
//! assert_eq!(quote.kind, AttributionKind::Direct);
//! assert_eq!(&article.text[quote.content.range()], "“We made real progress,”");
//! let source = quote.source.expect("a source");
//! assert_eq!(&article.text[source.span.range()], "host Qatar");
//! let qatar = analyzer.lexicon().actor_index("QATAR");
//! assert_eq!(source.actor, qatar);
//!
//! // "progress" is in Qatar's words; "stalled" in the outlet's own.
//! let voice = |word: &str| {
//!     analysis
//!         .cues
//!         .iter()
//!         .find(|c| &article.text[c.span.range()] == word)
//!         .map(|c| c.voice)
//! };
//! assert_eq!(voice("progress"), Some(Voice::Attributed { relation: 0, actor: qatar }));
//! assert_eq!(voice("stalled"), Some(Voice::Own));
//! ```
//!
//! ## Comparing outlets
//!
//! ```
//! use framescope::{Analyzer, Article, Corpus, ReportOptions};
//!
//! let analyzer = Analyzer::default();
//! let mut corpus = Corpus::new(&analyzer);
//! for (id, outlet, text) in [
//!     ("1", "Dispatch", "The talks made progress. Officials appear hopeful."),
//!     ("2", "Review", "The talks clearly stalled. Washington wants leverage."),
//! ] {
//!     let article = Article::new(id, outlet, text);
//!     let analysis = analyzer.analyze(&article);
//!     corpus.add(&article, &analysis.profile).unwrap();
//! }
//! let report = corpus.report(&ReportOptions::default());
//! assert_eq!(report.outlets.len(), 2);
//! assert_eq!(report.outlets[0].outlet, "Dispatch");
//! ```
//!
//! The report renders as JSON ([`Report::to_json`]), an aligned table
//! ([`Report::to_table`]), Markdown ([`Report::to_markdown`]) and a tidy
//! CSV ([`Report::to_csv`]: one row per outlet and metric, for R or
//! pandas). Each metric's formula is on [`Metric`]; the comparison
//! statistics (log-odds z-scores, Jensen–Shannon divergence) are in
//! [`log_odds`] and [`jensen_shannon`].
//!
//! ## Per-article rows, and other groupings
//!
//! A [`Corpus`] groups by outlet unless given another [`GroupBy`] (any
//! article field, or a period of `published`); an [`ArticleTable`] keeps
//! one row per article with every metric by name, and each group's mean
//! of a metric over its rows is the report's value.
//!
//! ```
//! use framescope::{Analyzer, Article, Corpus, GroupBy, ReportOptions};
//!
//! let analyzer = Analyzer::default();
//! let by_month = GroupBy::parse("outlet,published:month").unwrap();
//! let mut corpus = Corpus::with_grouping(&analyzer, by_month);
//! let mut table = corpus.article_table(&[]);
//! for (id, published, text) in [
//!     ("1", "2019-06-03", "Talks may resume. Officials appear hopeful."),
//!     ("2", "2019-06-20", "The talks clearly stalled."),
//!     ("3", "1562025600000", "A breakthrough seems unlikely."), // epoch ms: 2019-07-02
//! ] {
//!     let mut article = Article::new(id, "Dispatch", text);
//!     article.published = framescope::Published::read(published).map(|p| p.to_iso());
//!     let profile = analyzer.analyze(&article).profile;
//!     corpus.add(&article, &profile).unwrap();
//!     table.push(&article, &profile);
//! }
//! table.finish(|id| corpus.is_counted(id));
//! let report = corpus.report(&ReportOptions { resamples: 100, ..ReportOptions::default() });
//! assert_eq!(report.outlets[0].outlet, "Dispatch / 2019-06");
//! let june = report.outlets[0].metrics["hedge_per_1k"].value.unwrap();
//! let rows = table.rows();
//! assert_eq!(rows[0].group.get("published_month"), Some("2019-06"));
//! let mean = (rows[0].metric("hedge_per_1k").unwrap() + rows[1].metric("hedge_per_1k").unwrap()) / 2.0;
//! assert!((june - mean).abs() < 1e-12);
//! ```
//!
//! ## Your own lexicon
//!
//! Lexicons are data: TOML files (format on [`Lexicon`]), LIWC-style
//! `.dic` dictionaries ([`AnalyzerBuilder::lexicon_dic`]) or YAML
//! dictionaries in quanteda's format (`AnalyzerBuilder::lexicon_yaml`,
//! feature `yaml`) added to, or replacing, the defaults.
//!
//! ```
//! use framescope::{Analyzer, Article};
//!
//! let analyzer = Analyzer::builder()
//!     .lexicon_toml(
//!         "urgency.toml",
//!         r#"
//!         [categories.urgency]
//!         group = "cue"
//!         terms = ["urgent~", "running out of time"]
//!         "#,
//!     )
//!     .build()?;
//! let article = Article::new("a1", "Dispatch", "Mediators called the matter urgent.");
//! let analysis = analyzer.analyze(&article);
//! let urgency = analyzer.lexicon().category_index("urgency").unwrap();
//! assert_eq!(analysis.profile.categories[urgency].asserted, 1);
//! # Ok::<(), framescope::LexiconError>(())
//! ```
//!
//! ## The example binary
//!
//! The example binary `compare` runs the same flow from the command line,
//! on the bundled synthetic sample when given no input:
//!
//! ```text
//! cargo run --release --example compare                        # table, bundled sample
//! cargo run --release --example compare -- articles.jsonl.gz   # your corpus
//! cargo run --release --example compare -- --format csv --output scores.csv corpus/
//! cargo run --release --example compare -- --svg chart.svg     # chart of the headline metrics
//! cargo run --release --example compare -- --kwic breakthrough # audit the matches
//! cargo run --release --example compare -- --help              # every option
//! ```
//!
//! Inputs are JSON Lines (optionally gzipped), CSV, directories of `.txt`
//! files or `-` for standard input; see the README for the whole
//! command-line contract.
//!
//! ## Embedding the scores
//!
//! Results are plain serde types with no global state: store an
//! [`ArticleProfile`] (integer counts) per article, and merge the stored
//! profiles later, in any order, into an [`OutletProfile`]; a
//! [`Metric`] turns any profile's counts into a value. Profiles are
//! indexed by the lexicon that made them, so keep its
//! [`version`](Lexicon::version) with them.
//!
//! ```
//! use framescope::{Analyzer, Article, ArticleProfile, OutletProfile, metrics_for};
//!
//! let analyzer = Analyzer::default();
//! let lexicon = analyzer.lexicon();
//!
//! // Score articles as they arrive, and store the counts as JSON.
//! let stored: Vec<String> = [
//!     "Talks in Doha made progress, officials said.",
//!     "Negotiators may meet again. A breakthrough seems unlikely.",
//! ]
//! .iter()
//! .enumerate()
//! .map(|(i, text)| {
//!     let article = Article::new(i.to_string(), "Dispatch", *text);
//!     serde_json::to_string(&analyzer.analyze(&article).profile).unwrap()
//! })
//! .collect();
//! let lexicon_version = lexicon.version().to_string(); // store it alongside
//!
//! // Later, elsewhere: merge the stored profiles (exact, any order).
//! assert_eq!(lexicon_version, Analyzer::default().lexicon().version());
//! let mut outlet = OutletProfile::default();
//! for json in stored.iter().rev() {
//!     let profile: ArticleProfile = serde_json::from_str(json).unwrap();
//!     outlet.add(&profile).unwrap(); // an error if the lexicons differ
//! }
//! assert_eq!(outlet.articles, 2);
//! assert_eq!(outlet.counts.sentences, 3);
//!
//! // Any metric, on the summed counts (the report's "pooled" value).
//! let hedge_rate = metrics_for(lexicon)
//!     .into_iter()
//!     .find(|m| m.name == "hedge_per_1k")
//!     .unwrap();
//! let pooled = hedge_rate.value(&outlet.counts).unwrap();
//! assert!(pooled > 0.0); // "may", "seems", "unlikely"
//! ```
//!
//! A whole [`Report`] serialises and deserialises the same way (it is the
//! JSON report of the example binary):
//!
//! ```
//! use framescope::{Analyzer, Article, Corpus, Report, ReportOptions};
//!
//! let analyzer = Analyzer::default();
//! let mut corpus = Corpus::new(&analyzer);
//! let article = Article::new("1", "Dispatch", "The talks clearly stalled in Doha.");
//! corpus.add(&article, &analyzer.analyze(&article).profile).unwrap();
//! let report = corpus.report(&ReportOptions { resamples: 100, ..ReportOptions::default() });
//!
//! let json = serde_json::to_string(&report).unwrap();
//! let back: Report = serde_json::from_str(&json).unwrap();
//! assert_eq!(back.outlets[0].outlet, "Dispatch");
//! let booster = back.outlets[0].metrics["booster_per_1k"];
//! assert!(booster.value.unwrap() > 0.0); // "clearly"
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

// Stages are private modules; the public API is the re-exports below.
mod analyzer;
mod article;
mod attribute;
mod compare;
mod corpus;
mod error;
mod group;
pub mod io;
mod lexicon;
mod liwc;
mod metrics;
mod profile;
mod report;
mod segment;
mod tag;
mod tokens;
#[cfg(feature = "yaml")]
mod yaml;

// Articles and their analysis.
pub use analyzer::{Analysis, Analyzer, AnalyzerBuilder};
pub use article::{Article, Date, Published, Record};
pub use attribute::{Attribution, AttributionKind, Source};
pub use group::{GroupBy, GroupField, GroupValues, OutletMap, Period};
pub use segment::{SentenceKind, Sentences, sentence_kind, sentences};
pub use tag::{ActorMention, CueMatch, Scratch, Status, Voice};
// Lexicons.
pub use lexicon::{
    Actor, ActorIndex, Category, CategoryIndex, CategoryRole, DEFAULT_FILES, Group, Lexicon,
    LexiconBuilder, LexiconWarning, MAX_WINDOW, MentionKind, Office, OfficeIndex, Person,
    PersonIndex, ROLE_METRICS, Role, SpeechList, Subtype, Term, TermIndex, TermOfOffice,
};
// Counts, metrics and comparison statistics.
pub use compare::{DEFAULT_PRIOR_TOKENS, LogOdds, jensen_shannon, log_odds};
pub use metrics::{Metric, metrics_for};
pub use profile::{
    ActorCounts, ArticleProfile, CategoryCounts, HeadlineCounts, KindCounts, OutletProfile,
};
// The corpus, its report and its shards.
pub use corpus::{
    ArticleEntry, Corpus, OutletData, PARTIAL_FORMAT, Partial, ReportOptions, analyze_records,
    profile_records, profile_records_with,
};
pub use report::{
    ArticleRow, ArticleTable, ArticleValue, AttributionRecord, Comparison, Counts, CueRecord,
    CueSource, Difference, HEADLINE_METRICS, InputSummary, KwicFilter, KwicFormat, KwicLine,
    LexiconSummary, LogOddsReport, MentionRecord, MetricValue, OutletReport, Rejection, Report,
    SentenceRecord, Settings, SourceRecord, SpanRecord, TermLogOdds, attribution_records,
    kwic_columns, kwic_header, kwic_lines, kwic_matches, kwic_row, sentence_records,
    sentence_records_iter, tag_sentences, write_attribution_lines, write_sentence_lines,
};
// Errors.
pub use error::{
    AliasConflict, Error, GroupByError, InputError, InputErrorKind, LexiconError, LexiconErrorKind,
    MergeError,
};

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The span as a range, for slicing: `&text[span.range()]`.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// The README's Rust examples, compiled and run as doctests so that the
/// documented usage cannot drift from the code.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
