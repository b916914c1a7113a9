//! Typed errors. Every error names where it happened (file, line, entry) and
//! why, so a researcher can fix the input without reading code.

use std::fmt;

/// Any framescope error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A bad input record.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A bad lexicon file or entry.
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    /// A partial-results file that cannot be merged.
    #[error("{path}: {source}")]
    Merge {
        /// The partial file.
        path: String,
        /// Why.
        source: MergeError,
    },
    /// A `--group-by` spec that cannot be read.
    #[error("--group-by: {0}")]
    GroupBy(#[from] GroupByError),
    /// A file or directory that could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path involved (`-` for standard input or output).
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// A record that could not be read: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}{}{}: {kind}", line_suffix(*.line), column_suffix(*.column))]
pub struct InputError {
    /// The input the record came from (a path, or `-` for standard input).
    pub source_name: String,
    /// 1-based line (JSONL and text) or record line (CSV); `None` when the
    /// error is about a whole source (a file that cannot be read, or that
    /// is not UTF-8 at all).
    pub line: Option<usize>,
    /// 1-based column, where the parser knows it.
    pub column: Option<usize>,
    /// What is wrong.
    pub kind: InputErrorKind,
}

fn line_suffix(line: Option<usize>) -> String {
    line.map(|l| format!(":{l}")).unwrap_or_default()
}

fn column_suffix(column: Option<usize>) -> String {
    column.map(|c| format!(":{c}")).unwrap_or_default()
}

impl InputError {
    /// An error at `line` of `source_name`.
    pub fn new(source_name: impl Into<String>, line: usize, kind: InputErrorKind) -> Self {
        InputError {
            source_name: source_name.into(),
            line: Some(line),
            column: None,
            kind,
        }
    }

    /// An error about the whole of `source_name`, at no line.
    pub fn whole(source_name: impl Into<String>, kind: InputErrorKind) -> Self {
        InputError {
            source_name: source_name.into(),
            line: None,
            column: None,
            kind,
        }
    }

    /// The same error with a column.
    pub fn with_column(mut self, column: usize) -> Self {
        self.column = Some(column);
        self
    }

    /// The reason alone, as shown in reports (`input.rejected[].reason`).
    pub fn reason(&self) -> String {
        self.kind.to_string()
    }
}

/// Why a record was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputErrorKind {
    /// The record is not valid JSON or CSV.
    Syntax(String),
    /// A JSON line that is not an object.
    NotAnObject,
    /// A required field is absent.
    MissingField(&'static str),
    /// A required field is present but empty.
    EmptyField(&'static str),
    /// A field has the wrong type.
    WrongType {
        /// The field.
        field: &'static str,
        /// What it should be.
        expected: &'static str,
    },
    /// The bytes are not UTF-8.
    InvalidUtf8,
    /// The bytes are not UTF-8, and look like another encoding, named
    /// here (`"UTF-16LE"`, or `"Latin-1 or Windows-1252"`).
    Encoding(&'static str),
    /// A record longer than the limit of the reader, in bytes (it was
    /// skipped without being read into memory).
    TooLong {
        /// The limit.
        limit: u64,
    },
    /// A CSV field whose quotation mark is never closed (it would take in
    /// every row after it).
    UnclosedQuote,
    /// A CSV row with the wrong number of fields.
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in this row.
        found: usize,
    },
    /// The source could not be read.
    Read(String),
    /// An article id seen before in the same run.
    DuplicateId(String),
    /// A profile made with another lexicon than the corpus's.
    Lexicon {
        /// The corpus's lexicon version.
        expected: String,
        /// The profile's.
        found: String,
    },
    /// A profile whose counts do not fit the corpus's lexicon or do not
    /// agree with each other (no analyzer makes one); says how.
    Profile(String),
    /// Counts whose sum with the corpus's would pass the largest count.
    Overflow,
    /// Not a file of articles: a directory or another special file.
    NotAFile(&'static str),
    /// A `published` value that is no date (see
    /// [`Published`](crate::Published) for what is read); holds the value.
    InvalidDate(String),
    /// An outlet-map alias given for two different outlets.
    AliasConflict(Box<AliasConflict>),
}

/// An outlet-map alias given for two different outlets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasConflict {
    /// The alias.
    pub alias: String,
    /// The outlet it was first given for.
    pub first: String,
    /// The other outlet.
    pub second: String,
}

impl fmt::Display for InputErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputErrorKind::Syntax(msg) => write!(f, "syntax error: {msg}"),
            InputErrorKind::NotAnObject => write!(f, "record is not a JSON object"),
            InputErrorKind::MissingField(field) => write!(f, "missing field `{field}`"),
            InputErrorKind::EmptyField(field) => write!(f, "empty field `{field}`"),
            InputErrorKind::WrongType { field, expected } => {
                write!(f, "field `{field}` must be {expected}")
            }
            InputErrorKind::InvalidUtf8 => write!(f, "invalid UTF-8"),
            InputErrorKind::Encoding(name) => write!(
                f,
                "not UTF-8: the bytes look like {name} (convert the input to UTF-8, \
                 e.g. with iconv)"
            ),
            InputErrorKind::TooLong { limit } => {
                write!(
                    f,
                    "record longer than {limit} bytes (the record size limit)"
                )
            }
            InputErrorKind::UnclosedQuote => write!(
                f,
                "a quoted field is never closed (its quotation mark has no match \
                 before the end of the input)"
            ),
            InputErrorKind::FieldCount { expected, found } => {
                write!(f, "expected {expected} fields, found {found}")
            }
            InputErrorKind::Read(msg) => write!(f, "cannot read: {msg}"),
            InputErrorKind::DuplicateId(id) => write!(f, "duplicate article id `{id}`"),
            InputErrorKind::Lexicon { expected, found } => write!(
                f,
                "profile made with lexicon {found:?}, the corpus uses {expected:?}"
            ),
            InputErrorKind::Profile(why) => write!(f, "invalid profile: {why}"),
            InputErrorKind::Overflow => {
                write!(
                    f,
                    "its counts would overflow the corpus's (more than 2^64 - 1)"
                )
            }
            InputErrorKind::NotAFile(what) => write!(f, "not a file of articles: {what}"),
            InputErrorKind::InvalidDate(value) => write!(
                f,
                "field `published` is not a date: {value:?} (expected an ISO 8601 date \
                 such as 2019-06-13, a date-time such as 2019-06-13T10:00:00Z, or epoch \
                 seconds or milliseconds)"
            ),
            InputErrorKind::AliasConflict(c) => write!(
                f,
                "alias {:?} stands for {:?} on an earlier line and for {:?} here",
                c.alias, c.first, c.second
            ),
        }
    }
}

/// A `--group-by` spec that cannot be read (see
/// [`GroupBy::parse`](crate::GroupBy::parse)).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GroupByError {
    /// An empty spec, or an empty field in it; holds the spec.
    #[error("{0:?}: an empty field (give FIELD[,FIELD...], e.g. outlet,published:month)")]
    EmptyField(String),
    /// A period other than `week`, `month` or `year`.
    #[error("unknown period {0:?} (expected published:week, published:month or published:year)")]
    UnknownPeriod(String),
    /// A period of another field than `published`; holds the field.
    #[error("{0:?} has no periods: only published:week, published:month and published:year")]
    PeriodOfField(String),
    /// The article text: every article would be a group of its own.
    #[error("cannot group by text (every article would be its own group)")]
    Text,
    /// A field given twice.
    #[error("{0:?} is given twice")]
    Repeated(String),
}

/// A lexicon that could not be loaded: the file, the line, the entry, why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}{}: {kind}", line.map(|l| format!(":{l}")).unwrap_or_default(), entry.as_ref().map(|e| format!(": entry {e:?}")).unwrap_or_default())]
pub struct LexiconError {
    /// The lexicon file (`<default>/NAME` for embedded ones).
    pub file: String,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// The entry at fault, where there is one.
    pub entry: Option<String>,
    /// What is wrong.
    pub kind: LexiconErrorKind,
}

/// Why a lexicon was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LexiconErrorKind {
    /// The file is not valid TOML or does not follow the format.
    Syntax(String),
    /// An empty term.
    EmptyTerm,
    /// A term that does not follow the term syntax.
    InvalidPattern(String),
    /// A bad actor id or category name.
    InvalidName(String),
    /// The same term in two places that exclude each other.
    Conflict(String),
    /// A category with an unknown group.
    UnknownGroup(String),
    /// A term of office with a date that is not an ISO date (or that ends
    /// before it starts).
    InvalidDate(String),
    /// A reference to an office or actor that no lexicon file declares.
    UnknownName(String),
}

impl fmt::Display for LexiconErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LexiconErrorKind::Syntax(msg) => write!(f, "{msg}"),
            LexiconErrorKind::EmptyTerm => write!(f, "empty term"),
            LexiconErrorKind::InvalidPattern(msg) => write!(f, "invalid term: {msg}"),
            LexiconErrorKind::InvalidName(msg) => write!(f, "invalid name: {msg}"),
            LexiconErrorKind::Conflict(msg) => write!(f, "conflict: {msg}"),
            LexiconErrorKind::UnknownGroup(g) => {
                write!(f, "unknown group {g:?} (expected \"cue\" or \"frame\")")
            }
            LexiconErrorKind::InvalidDate(msg) => write!(f, "invalid date: {msg}"),
            LexiconErrorKind::UnknownName(n) => write!(f, "unknown {n}"),
        }
    }
}

/// Partial files of the first format carried no checksum; those of the
/// second, no headline counts or sentence kinds; those of the third, no
/// attribution counts.
fn old_format_hint(format: &str) -> &'static str {
    match format {
        "framescope-partial/1" => {
            ": written by an earlier framescope, without a checksum; write it again with this \
             version"
        }
        "framescope-partial/2" => {
            ": written by an earlier framescope, without headline counts or sentence kinds (and \
             counting headings in per-sentence shares); write it again with this version"
        }
        "framescope-partial/3" => {
            ": written by an earlier framescope, without attribution counts; write it again with \
             this version"
        }
        _ => "",
    }
}

/// Why partial results (see [`crate::corpus::Partial`]) cannot be merged.
// Here rather than with the partial format so that this module depends on
// no other: the format tag in the message is spelled out for that reason
// (a test in `corpus::shard` keeps it equal to `PARTIAL_FORMAT`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// Not a partial file of this format (another format tag).
    #[error("not a framescope-partial/4 file (format {0:?}){hint}", hint = old_format_hint(.0))]
    Format(String),
    /// Not a partial file at all: not JSON, or JSON without a format tag
    /// (an input of articles, say).
    #[error("not a partial file: {0}")]
    NotAPartial(String),
    /// The file's checksum does not match its content: it was damaged or
    /// edited after it was written.
    #[error("checksum mismatch: the file was damaged or edited after it was written")]
    Checksum,
    /// Made with another lexicon.
    #[error("made with lexicon {found}, this run uses {expected}")]
    Lexicon {
        /// This run's lexicon version.
        expected: String,
        /// The partial's.
        found: String,
    },
    /// Metrics differ (another framescope version).
    #[error("its metrics differ from this run's")]
    Metrics,
    /// Grouped otherwise than this run (another `--group-by`).
    #[error("grouped by {found}, this run groups by {expected} (give the same --group-by)")]
    Grouping {
        /// This run's grouping.
        expected: String,
        /// The partial's.
        found: String,
    },
    /// The same article id in two shards.
    #[error("article id {0:?} appears in more than one shard (the same partial merged twice?)")]
    DuplicateId(String),
    /// The same rejected record in two shards.
    #[error(
        "the rejected record {input}{} ({reason}) appears in more than one shard (the same \
         partial merged twice, or shards that read the same input?)",
        line.map(|l| format!(":{l}")).unwrap_or_default()
    )]
    DuplicateRejection {
        /// Its source (the input it came from).
        input: String,
        /// Its line.
        line: Option<u64>,
        /// Why it was rejected.
        reason: String,
    },
    /// The file is not valid JSON of the partial format.
    #[error("{0}")]
    Json(String),
    /// A sum of counts would pass the largest count (`u64::MAX`); names
    /// the count.
    #[error("the sum of `{0}` overflows (more than 2^64 - 1)")]
    Overflow(&'static str),
    /// Made with other analysis settings (one shard counting every
    /// sentence, another only body sentences and list items).
    #[error("made with other analysis settings: {0}")]
    Options(String),
    /// The data break an invariant of the format (a count that does not
    /// agree with another, a list of the wrong length, an index out of
    /// range): the file was damaged or edited.
    #[error("invalid data: {0}")]
    Invalid(String),
}
