//! Reading articles: JSON Lines, CSV, directories of text files and
//! standard input. The only module that touches files.
//!
//! Every record comes with where it was found, and every bad record is an
//! [`InputError`] naming the source, the 1-based line and the reason.
//! Unknown fields are ignored; `id`, `outlet` and `text` are required,
//! non-empty strings; `title`, `published`, `url` and `story` are optional
//! strings (or null).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::read::MultiGzDecoder;

use crate::analyzer::Analyzer;
use crate::article::Article;
pub use crate::article::Record;
use crate::corpus::Partial;
use crate::error::{Error, InputError, InputErrorKind, MergeError};

/// The bundled synthetic sample corpus (JSON Lines), used when no input is
/// given.
pub const SAMPLE_JSONL: &str = include_str!("../data/sample/articles.jsonl");

/// The name the sample corpus goes by in reports.
pub const SAMPLE_NAME: &str = "<sample>";

/// A boxed stream of records.
pub type Records = Box<dyn Iterator<Item = Result<Record, InputError>> + Send>;

/// Opens an input by the command-line contract's rules: `-` is JSON Lines
/// on standard input, a directory holds `.txt` files, `.csv` is CSV,
/// `.gz` is decompressed (all members of a multi-member file) and read by
/// the rules for the name without `.gz`, and anything else is JSON Lines.
pub fn open(path: &str) -> Result<Records, Error> {
    Ok(open_counted(path, &Arc::new(AtomicU64::new(0)))?.0)
}

/// Like [`open`], also counting the bytes read from the file (compressed
/// bytes for `.gz`) into `counter`; returns the file's size (0 for
/// standard input and directories).
fn open_counted(path: &str, counter: &Arc<AtomicU64>) -> Result<(Records, u64), Error> {
    if path == "-" {
        let reader = CountingReader::new(std::io::stdin(), counter);
        return Ok((Box::new(JsonlReader::new(BufReader::new(reader), "-")), 0));
    }
    let p = Path::new(path);
    let io_error = |source| Error::Io {
        path: path.to_string(),
        source,
    };
    let meta = std::fs::metadata(p).map_err(io_error)?;
    if meta.is_dir() {
        return Ok((Box::new(text_directory(p).map_err(io_error)?), 0));
    }
    let file = CountingReader::new(File::open(p).map_err(io_error)?, counter);
    let lower = path.to_ascii_lowercase();
    let (reader, name): (Box<dyn Read + Send>, &str) = match lower.strip_suffix(".gz") {
        Some(inner) => (Box::new(MultiGzDecoder::new(BufReader::new(file))), inner),
        None => (Box::new(file), lower.as_str()),
    };
    let records: Records = if name.ends_with(".csv") {
        Box::new(CsvReader::new(reader, path))
    } else {
        Box::new(JsonlReader::new(
            BufReader::with_capacity(1 << 16, reader),
            path,
        ))
    };
    Ok((records, meta.len()))
}

/// Inputs opened together, with a running count of the bytes read.
pub struct Inputs {
    /// The records of every input, in order.
    pub records: Records,
    /// Bytes read so far from the files (compressed bytes for `.gz`).
    pub bytes_read: Arc<AtomicU64>,
    /// Total size of the files (0 where unknown: standard input,
    /// directories).
    pub total_bytes: u64,
}

/// Opens every input (so a missing file fails before any work) and chains
/// them in order.
pub fn open_all(paths: &[String]) -> Result<Inputs, Error> {
    let counter = Arc::new(AtomicU64::new(0));
    let mut opened = Vec::with_capacity(paths.len());
    let mut total_bytes = 0;
    for path in paths {
        let (records, size) = open_counted(path, &counter)?;
        opened.push(records);
        total_bytes += size;
    }
    Ok(Inputs {
        records: Box::new(opened.into_iter().flatten()),
        bytes_read: counter,
        total_bytes,
    })
}

/// A reader that adds the bytes it reads to a shared counter (for a
/// progress display on another thread).
struct CountingReader<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R> CountingReader<R> {
    fn new(inner: R, counter: &Arc<AtomicU64>) -> Self {
        CountingReader {
            inner,
            counter: counter.clone(),
        }
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// An analyzer with the default lexicons extended by lexicon files, in
/// order: TOML, or LIWC-style dictionaries when the name ends in `.dic`.
pub fn analyzer_with_lexicon_files(paths: &[String]) -> Result<Analyzer, Error> {
    let mut builder = Analyzer::builder();
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        builder = if path.to_ascii_lowercase().ends_with(".dic") {
            builder.lexicon_dic(path.clone(), &text)
        } else {
            builder.lexicon_toml(path.clone(), text)
        };
    }
    Ok(builder.build()?)
}

/// Reads a partial-results file written with `--partial`.
pub fn read_partial(path: &str) -> Result<Partial, Error> {
    let file = File::open(path).map_err(|source| Error::Io {
        path: path.to_string(),
        source,
    })?;
    serde_json::from_reader(BufReader::new(file)).map_err(|e| Error::Merge {
        path: path.to_string(),
        source: MergeError::Json(e.to_string()),
    })
}

/// Writes a partial-results file for `--merge`.
pub fn write_partial(path: &str, partial: &Partial) -> Result<(), Error> {
    let io_error = |source| Error::Io {
        path: path.to_string(),
        source,
    };
    let mut out = std::io::BufWriter::new(File::create(path).map_err(io_error)?);
    serde_json::to_writer(&mut out, partial).map_err(|e| io_error(e.into()))?;
    std::io::Write::flush(&mut out).map_err(io_error)
}

/// The bundled sample corpus as records.
pub fn sample() -> Records {
    Box::new(JsonlReader::new(SAMPLE_JSONL.as_bytes(), SAMPLE_NAME))
}

/// Reads JSON Lines, one article per line. Blank lines, a byte-order mark
/// and CRLF line ends are accepted.
pub struct JsonlReader<R> {
    reader: R,
    source: Arc<str>,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    /// Reads from `reader`; `source` names it in errors.
    pub fn new(reader: R, source: &str) -> Self {
        JsonlReader {
            reader,
            source: source.into(),
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Record, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError::new(
                        &*self.source,
                        self.line + 1,
                        InputErrorKind::Read(e.to_string()),
                    )));
                }
            }
            self.line += 1;
            let mut bytes = self.buf.as_slice();
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            // Without its line end, so that the JSON parser's columns are
            // columns of this line (an unfinished record would otherwise be
            // reported at "column 0" of the next).
            let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            let result = match std::str::from_utf8(bytes) {
                Ok(line) => {
                    parse_json_article(line, &self.source, self.line).map(|article| Record {
                        article,
                        source: self.source.clone(),
                        line: self.line,
                    })
                }
                Err(e) => {
                    Err(
                        InputError::new(&*self.source, self.line, InputErrorKind::InvalidUtf8)
                            .with_column(e.valid_up_to() + 1),
                    )
                }
            };
            return Some(result);
        }
    }
}

/// Parses one JSON object (line `line_no` of `source`) into an article;
/// the error carries a column where the JSON parser knows it.
fn parse_json_article(line: &str, source: &str, line_no: usize) -> Result<Article, InputError> {
    let error = |kind| InputError::new(source, line_no, kind);
    let syntax = |e: serde_json::Error| {
        error(InputErrorKind::Syntax(strip_position(&e))).with_column(e.column())
    };
    // Straight into the fields, skipping unknown ones, rather than through
    // a `serde_json::Value` tree: the reader is on the hot path.
    let fields = if line.trim_start().starts_with('{') {
        serde_json::from_str::<Fields>(line).map_err(syntax)?
    } else {
        serde_json::from_str::<serde::de::IgnoredAny>(line).map_err(syntax)?;
        return Err(error(InputErrorKind::NotAnObject));
    };
    let required = |field: &'static str, value: Field| match value {
        Field::Missing | Field::Null => Err(error(InputErrorKind::MissingField(field))),
        Field::Text(s) if s.trim().is_empty() => Err(error(InputErrorKind::EmptyField(field))),
        Field::Text(s) => Ok(s),
        Field::Other => Err(error(InputErrorKind::WrongType {
            field,
            expected: "a string",
        })),
    };
    let id = required("id", fields.id)?;
    let outlet = required("outlet", fields.outlet)?;
    let text = required("text", fields.text)?;
    let optional = |field: &'static str, value: Field| match value {
        Field::Missing | Field::Null => Ok(None),
        Field::Text(s) => Ok(Some(s)),
        Field::Other => Err(error(InputErrorKind::WrongType {
            field,
            expected: "a string or null",
        })),
    };
    Ok(Article {
        id,
        outlet,
        text,
        title: optional("title", fields.title)?,
        published: optional("published", fields.published)?,
        url: optional("url", fields.url)?,
        story: optional("story", fields.story)?,
    })
}

/// The fields of a JSON article as found, before they are checked. A
/// repeated key keeps its last value.
#[derive(Default)]
struct Fields {
    id: Field,
    outlet: Field,
    text: Field,
    title: Field,
    published: Field,
    url: Field,
    story: Field,
}

/// One field's value as found.
#[derive(Default)]
enum Field {
    #[default]
    Missing,
    Null,
    Text(String),
    /// A number, boolean, array or object.
    Other,
}

#[derive(serde::Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Key {
    Id,
    Outlet,
    Text,
    Title,
    Published,
    Url,
    Story,
    #[serde(other)]
    Unknown,
}

impl<'de> serde::Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Fields;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Fields, A::Error> {
                let mut fields = Fields::default();
                while let Some(key) = map.next_key::<Key>()? {
                    let slot = match key {
                        Key::Id => &mut fields.id,
                        Key::Outlet => &mut fields.outlet,
                        Key::Text => &mut fields.text,
                        Key::Title => &mut fields.title,
                        Key::Published => &mut fields.published,
                        Key::Url => &mut fields.url,
                        Key::Story => &mut fields.story,
                        Key::Unknown => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                            continue;
                        }
                    };
                    *slot = map.next_value()?;
                }
                Ok(fields)
            }
        }
        d.deserialize_map(Visit)
    }
}

impl<'de> serde::Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Field;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E>(self, s: &str) -> Result<Field, E> {
                Ok(Field::Text(s.to_owned()))
            }
            fn visit_string<E>(self, s: String) -> Result<Field, E> {
                Ok(Field::Text(s))
            }
            fn visit_unit<E>(self) -> Result<Field, E> {
                Ok(Field::Null)
            }
            fn visit_none<E>(self) -> Result<Field, E> {
                Ok(Field::Null)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Field, E> {
                Ok(Field::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Field, E> {
                Ok(Field::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Field, E> {
                Ok(Field::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Field, E> {
                Ok(Field::Other)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Field, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Field::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Field, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Field::Other)
            }
        }
        d.deserialize_any(Visit)
    }
}

/// serde_json's message without its " at line L column C" suffix (the
/// error already says where).
fn strip_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

/// Reads CSV with a header row naming the fields.
pub struct CsvReader<R: Read> {
    reader: csv::Reader<R>,
    source: Arc<str>,
    columns: Option<Result<Columns, InputError>>,
    record: csv::StringRecord,
    done: bool,
}

#[derive(Debug, Clone)]
struct Columns {
    width: usize,
    id: Option<usize>,
    outlet: Option<usize>,
    text: Option<usize>,
    title: Option<usize>,
    published: Option<usize>,
    url: Option<usize>,
    story: Option<usize>,
}

impl<R: Read> CsvReader<R> {
    /// Reads from `reader`; `source` names it in errors.
    pub fn new(reader: R, source: &str) -> Self {
        CsvReader {
            reader: csv::ReaderBuilder::new().flexible(true).from_reader(reader),
            source: source.into(),
            columns: None,
            record: csv::StringRecord::new(),
            done: false,
        }
    }

    fn columns(&mut self) -> Result<Columns, InputError> {
        let source = self.source.clone();
        let headers = self
            .reader
            .headers()
            .map_err(|e| csv_error(&source, &e, 1))?;
        let find = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
        };
        Ok(Columns {
            width: headers.len(),
            id: find("id"),
            outlet: find("outlet"),
            text: find("text"),
            title: find("title"),
            published: find("published"),
            url: find("url"),
            story: find("story"),
        })
    }
}

fn csv_error(source: &str, e: &csv::Error, line: usize) -> InputError {
    let line = e.position().map_or(line, |p| p.line() as usize);
    let kind = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => InputErrorKind::InvalidUtf8,
        csv::ErrorKind::Io(io) => InputErrorKind::Read(io.to_string()),
        _ => InputErrorKind::Syntax(e.to_string()),
    };
    InputError::new(source, line, kind)
}

impl<R: Read> Iterator for CsvReader<R> {
    type Item = Result<Record, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if self.columns.is_none() {
            let columns = self.columns();
            self.columns = Some(columns);
        }
        let columns = match &self.columns {
            Some(Ok(c)) => c.clone(),
            Some(Err(e)) => {
                self.done = true;
                return Some(Err(e.clone()));
            }
            None => return None,
        };
        match self.reader.read_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                None
            }
            Err(e) => {
                // A row that is not UTF-8 has been read whole, so reading
                // goes on with the next row; after an I/O failure the
                // position is unknown, so stop after reporting it.
                self.done = !matches!(
                    e.kind(),
                    csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }
                );
                Some(Err(csv_error(&self.source, &e, 0)))
            }
            Ok(true) => {
                let line = self.record.position().map_or(0, |p| p.line() as usize);
                let error = |kind| InputError::new(&*self.source, line, kind);
                if self.record.len() != columns.width {
                    return Some(Err(error(InputErrorKind::FieldCount {
                        expected: columns.width,
                        found: self.record.len(),
                    })));
                }
                let get = |c: Option<usize>| c.and_then(|i| self.record.get(i));
                let required = |c: Option<usize>, field: &'static str| match get(c) {
                    None => Err(error(InputErrorKind::MissingField(field))),
                    Some(s) if s.trim().is_empty() => Err(error(InputErrorKind::EmptyField(field))),
                    Some(s) => Ok(s.to_string()),
                };
                let optional =
                    |c: Option<usize>| get(c).filter(|s| !s.is_empty()).map(String::from);
                let article = (|| {
                    Ok(Article {
                        id: required(columns.id, "id")?,
                        outlet: required(columns.outlet, "outlet")?,
                        text: required(columns.text, "text")?,
                        title: optional(columns.title),
                        published: optional(columns.published),
                        url: optional(columns.url),
                        story: optional(columns.story),
                    })
                })();
                Some(article.map(|article| Record {
                    article,
                    source: self.source.clone(),
                    line,
                }))
            }
        }
    }
}

/// Reads every `.txt` file of a directory (sorted by name) as one article:
/// the outlet is the directory's name, the id the file's stem.
pub(crate) fn text_directory(
    dir: &Path,
) -> std::io::Result<impl Iterator<Item = Result<Record, InputError>> + Send + use<>> {
    let outlet = dir
        .canonicalize()?
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")))
        .collect();
    files.sort();
    Ok(files.into_iter().map(move |path| {
        let source: Arc<str> = path.to_string_lossy().into();
        let bytes = std::fs::read(&path)
            .map_err(|e| InputError::new(&*source, 0, InputErrorKind::Read(e.to_string())))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            // The line and column (in bytes) of the first bad byte.
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
            InputError::new(&*source, line, InputErrorKind::InvalidUtf8)
                .with_column(valid.len() - line_start + 1)
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        if text.trim().is_empty() {
            return Err(InputError::new(
                &*source,
                1,
                InputErrorKind::EmptyField("text"),
            ));
        }
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Record {
            article: Article::new(id, outlet.clone(), text),
            source,
            line: 1,
        })
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Result<Record, InputError>> {
        JsonlReader::new(text.as_bytes(), "t.jsonl").collect()
    }

    #[test]
    fn jsonl_errors_name_line_and_reason() {
        let input = "\u{feff}{\"id\":\"1\",\"outlet\":\"A\",\"text\":\"x\",\"extra\":3}\r\n\n{bad\n[1]\n{\"id\":\"2\",\"outlet\":\"A\",\"text\":5}\n{\"id\":\"3\",\"outlet\":\"\",\"text\":\"y\"}\n";
        let records = read(input);
        assert_eq!(records.len(), 5);
        let first = records[0].as_ref().unwrap();
        assert_eq!((first.article.id.as_str(), first.line), ("1", 1));
        let errors: Vec<(usize, InputErrorKind)> = records[1..]
            .iter()
            .map(|r| {
                let e = r.as_ref().unwrap_err();
                (e.line, e.kind.clone())
            })
            .collect();
        assert_eq!(errors[0].0, 3);
        assert!(matches!(errors[0].1, InputErrorKind::Syntax(_)));
        assert_eq!(errors[1], (4, InputErrorKind::NotAnObject));
        assert_eq!(
            errors[2],
            (
                5,
                InputErrorKind::WrongType {
                    field: "text",
                    expected: "a string"
                }
            )
        );
        assert_eq!(errors[3], (6, InputErrorKind::EmptyField("outlet")));
        let shown = records[2].as_ref().unwrap_err().to_string();
        assert!(shown.starts_with("t.jsonl:4: "), "{shown}");
    }

    #[test]
    fn csv_reads_header_and_checks_field_count() {
        let input = "id,outlet,text,story\n1,A,\"Hello, world.\",s1\n2,B\n";
        let records: Vec<_> = CsvReader::new(input.as_bytes(), "t.csv").collect();
        let first = records[0].as_ref().unwrap();
        assert_eq!(first.article.text, "Hello, world.");
        assert_eq!(first.article.story.as_deref(), Some("s1"));
        let err = records[1].as_ref().unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(
            err.kind,
            InputErrorKind::FieldCount {
                expected: 4,
                found: 2
            }
        );
    }

    #[test]
    fn sample_corpus_parses() {
        let records: Vec<_> = sample().collect();
        assert!(records.len() >= 24);
        assert!(records.iter().all(|r| r.is_ok()));
    }
}
