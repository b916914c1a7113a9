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
//!   -> tag (actor mentions, cue matches with status) -> ArticleProfile (counts)
//!   -> Corpus (outlet profiles) -> metrics (rates, bootstrap intervals) -> report
//! ```
//!
//! Each arrow is a module boundary; the core (everything but [`io`]) does no
//! I/O.
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
//! assert_eq!(analysis.profile.actors[iran].mentions, 1); // "Doha" is Qatar's
//! # let qatar = analyzer.lexicon().actor_index("QATAR").unwrap();
//! # assert_eq!(analysis.profile.actors[qatar].mentions, 1);
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
//! The example binary `compare` runs the same flow from the command line:
//! `cargo run --release --example compare -- articles.jsonl`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod analyzer;
pub mod article;
pub mod compare;
pub mod corpus;
pub mod error;
pub mod io;
pub mod lexicon;
pub mod liwc;
pub mod metrics;
pub mod profile;
pub mod report;
pub mod segment;
pub mod tag;
pub mod tokens;

pub use analyzer::{Analysis, Analyzer, AnalyzerBuilder, CueRecord, SentenceRecord};
pub use article::{Article, Record};
pub use corpus::{Corpus, ReportOptions};
pub use error::{Error, InputError, InputErrorKind, LexiconError};
pub use lexicon::Lexicon;
pub use profile::{ArticleProfile, OutletProfile};
pub use report::Report;
pub use tag::{ActorMention, CueMatch, Status};

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
