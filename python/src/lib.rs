#![forbid(unsafe_code)]
#![deny(missing_docs)]
//! The Python binding of framescope: a thin layer over the library, in the
//! manner of the huggingface `tokenizers` package. Every number comes from
//! the Rust library; this crate only converts between Python objects and
//! the library's types, and releases the GIL while the library works.
//!
//! The Python package (`python/framescope/`) wraps this module
//! (`framescope._framescope`): it turns pandas, polars and pyarrow columns
//! into lists, builds the pyarrow Table and holds the Spark adapter.

use std::sync::Arc;

use framescope as fs;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};
use rayon::prelude::*;

create_exception!(
    _framescope,
    FramescopeError,
    PyException,
    "Base class of framescope's errors."
);
create_exception!(
    _framescope,
    LexiconError,
    FramescopeError,
    "A lexicon file could not be read or is invalid."
);
create_exception!(
    _framescope,
    InputError,
    FramescopeError,
    "An article record is invalid (a missing or empty field, a repeated id)."
);
create_exception!(
    _framescope,
    MergeError,
    FramescopeError,
    "A partial profile could not be read or merged."
);

/// The library's error as the matching Python exception, with the same
/// message the command-line program prints.
fn py_error(error: &fs::Error) -> PyErr {
    match error {
        fs::Error::Lexicon(e) => LexiconError::new_err(e.to_string()),
        fs::Error::Input(e) => InputError::new_err(e.to_string()),
        fs::Error::Merge { .. } => MergeError::new_err(error.to_string()),
        other => FramescopeError::new_err(other.to_string()),
    }
}

// ---------------------------------------------------------------------------
// The analyzer.

/// A compiled lexicon and the analysis that uses it.
#[pyclass(frozen, module = "framescope")]
struct Analyzer {
    inner: Arc<fs::Analyzer>,
    metrics: Arc<Vec<fs::Metric>>,
}

/// The columns of one batch of articles, as Python gave them.
#[derive(FromPyObject)]
struct Columns {
    texts: Vec<Option<String>>,
    ids: Option<Vec<Option<String>>>,
    outlets: Option<Vec<Option<String>>>,
    titles: Option<Vec<Option<String>>>,
    published: Option<Vec<Option<String>>>,
    urls: Option<Vec<Option<String>>>,
    stories: Option<Vec<Option<String>>>,
}

impl Columns {
    /// The records of the batch, checked as the JSON Lines reader checks
    /// them (required fields present and not blank), named
    /// `source`:row (1-based). Ids default to the row number, outlets to
    /// `"-"`.
    fn records(self, source: &str) -> Result<Vec<Result<fs::Record, fs::InputError>>, PyErr> {
        let n = self.texts.len();
        for (name, column) in [
            ("ids", &self.ids),
            ("outlets", &self.outlets),
            ("titles", &self.titles),
            ("published", &self.published),
            ("urls", &self.urls),
            ("stories", &self.stories),
        ] {
            if let Some(c) = column
                && c.len() != n
            {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "{name} has {} values for {n} texts",
                    c.len()
                )));
            }
        }
        let source: Arc<str> = Arc::from(source);
        let take = |c: &mut Option<Vec<Option<String>>>, i: usize| {
            c.as_mut().and_then(|c| c.get_mut(i)).and_then(Option::take)
        };
        let (mut ids, mut outlets, mut titles, mut published, mut urls, mut stories) = (
            self.ids,
            self.outlets,
            self.titles,
            self.published,
            self.urls,
            self.stories,
        );
        let has_ids = ids.is_some();
        let has_outlets = outlets.is_some();
        Ok(self
            .texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let line = i + 1;
                let required = |field: &'static str, value: Option<String>| match value {
                    None => Err(fs::InputError::new(
                        source.to_string(),
                        line,
                        fs::InputErrorKind::MissingField(field),
                    )),
                    Some(s) if s.trim().is_empty() => Err(fs::InputError::new(
                        source.to_string(),
                        line,
                        fs::InputErrorKind::EmptyField(field),
                    )),
                    Some(s) => Ok(s),
                };
                let id = if has_ids {
                    take(&mut ids, i)
                } else {
                    Some(line.to_string())
                };
                let outlet = if has_outlets {
                    take(&mut outlets, i)
                } else {
                    Some("-".to_string())
                };
                let article = fs::Article {
                    id: required("id", id)?,
                    outlet: required("outlet", outlet)?,
                    text: required("text", text)?,
                    title: take(&mut titles, i),
                    published: take(&mut published, i),
                    url: take(&mut urls, i),
                    story: take(&mut stories, i),
                    extra: Default::default(),
                };
                Ok(fs::Record {
                    article,
                    source: source.clone(),
                    line,
                })
            })
            .collect())
    }
}

/// The analyzer of `paths` (`.dic` or TOML, as `--lexicon` reads them),
/// on top of the default lexicons if `defaults`.
fn load_analyzer(paths: &[String], defaults: bool) -> Result<fs::Analyzer, fs::Error> {
    let builder = if defaults {
        fs::Analyzer::builder()
    } else {
        fs::Analyzer::builder().without_defaults()
    };
    fs::io::analyzer_with_files_on(builder, paths)
}

#[pymethods]
impl Analyzer {
    /// `Analyzer(lexicons=(), defaults=True)`: the default lexicons plus
    /// the given `.toml` or `.dic` files, in order (as `--lexicon`).
    #[new]
    #[pyo3(signature = (lexicons = Vec::new(), *, defaults = true))]
    fn new(py: Python<'_>, lexicons: Vec<String>, defaults: bool) -> PyResult<Self> {
        let analyzer = py
            .allow_threads(|| load_analyzer(&lexicons, defaults))
            .map_err(|e| py_error(&e))?;
        let metrics = fs::metrics_for(analyzer.lexicon());
        Ok(Analyzer {
            inner: Arc::new(analyzer),
            metrics: Arc::new(metrics),
        })
    }

    /// The lexicon's version hash (as in the report's `lexicon.version`).
    #[getter]
    fn lexicon_version(&self) -> String {
        self.inner.lexicon().version().to_string()
    }

    /// Actor ids, in lexicon order.
    #[getter]
    fn actors(&self) -> Vec<String> {
        self.inner
            .lexicon()
            .actors()
            .iter()
            .map(|a| a.id.clone())
            .collect()
    }

    /// Category names, in lexicon order.
    #[getter]
    fn categories(&self) -> Vec<String> {
        self.inner
            .lexicon()
            .categories()
            .iter()
            .map(|c| c.name.clone())
            .collect()
    }

    /// Metric names, in report order (the metric columns of
    /// `analyze_batch`).
    #[getter]
    fn metrics(&self) -> Vec<String> {
        self.metrics.iter().map(|m| m.name.clone()).collect()
    }

    /// The columns of `analyze_batch`, in order, as `(name, type)` with
    /// the type `string`, `uint64` or `float64` (the `--articles` columns).
    #[getter]
    fn article_columns(&self) -> PyResult<Vec<(String, &'static str)>> {
        Ok(ColumnLayout::of(&self.metrics)?
            .0
            .into_iter()
            .map(|(name, column)| (name, column.arrow_type()))
            .collect())
    }

    /// Analyses one text as the command line analyses an article's text:
    /// `published` (ISO date) dates its office-holders, and `title`, when
    /// given, is the article's headline.
    #[pyo3(signature = (text, *, published = None, title = None))]
    fn analyze(
        &self,
        py: Python<'_>,
        text: String,
        published: Option<String>,
        title: Option<String>,
    ) -> AnalysisData {
        let analyzer = self.inner.clone();
        py.allow_threads(move || {
            let article = fs::Article {
                text,
                published,
                title,
                ..fs::Article::default()
            };
            let analysis = analyzer.analyze(&article);
            AnalysisData::new(&analyzer, &article.text, &analysis)
        })
    }

    /// One row per article: a dict of equal-length columns (`id`, `outlet`,
    /// `title`, `published`, `story`, `tokens`, `sentences`, then every
    /// metric by name, `None` where undefined). Runs on all cores with the
    /// GIL released. With `buffers`, each number column is a tuple
    /// `(type, data, validity, null_count)` of little-endian values and an
    /// Arrow validity bitmap (`None` when nothing is missing), for
    /// `pyarrow.Array.from_buffers`, instead of a list.
    #[pyo3(signature = (texts, ids = None, outlets = None, titles = None, published = None, urls = None, stories = None, buffers = false))]
    #[allow(clippy::too_many_arguments)]
    fn analyze_batch<'py>(
        &self,
        py: Python<'py>,
        texts: Bound<'py, PyAny>,
        ids: Option<Vec<Option<String>>>,
        outlets: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        published: Option<Vec<Option<String>>>,
        urls: Option<Vec<Option<String>>>,
        stories: Option<Vec<Option<String>>>,
        buffers: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        let texts = batch_texts(py, &texts)?;
        let columns = Columns {
            texts,
            ids,
            outlets,
            titles,
            published,
            urls,
            stories,
        };
        let records = columns.records("<batch>")?;
        let layout = ColumnLayout::of(&self.metrics)?;
        let analyzer = self.inner.clone();
        let metrics = self.metrics.clone();
        let rows: Vec<Result<BatchRow, fs::InputError>> = py.allow_threads(move || {
            records
                .into_par_iter()
                .map(|r| {
                    r.map(|record| {
                        let profile = analyzer.profile(&record.article);
                        BatchRow {
                            values: metrics.iter().map(|m| m.value(&profile)).collect(),
                            tokens: profile.tokens,
                            sentences: profile.sentences,
                            article: record.article,
                        }
                    })
                })
                .collect()
        });
        let mut checked = Vec::with_capacity(rows.len());
        for row in rows {
            checked.push(row.map_err(|e| py_error(&fs::Error::Input(e)))?);
        }
        layout.columns(py, &checked, buffers)
    }
}

/// The texts of a batch: a list of str (or None), or a string column as
/// Arrow lays it out, `(offsets, data, validity, offset, length)` with
/// 64-bit little-endian offsets and a validity bitmap (`None`: all valid),
/// whose bytes are checked (offsets in bounds and increasing, UTF-8) and
/// copied on all cores with the GIL released.
fn batch_texts(py: Python<'_>, texts: &Bound<'_, PyAny>) -> PyResult<Vec<Option<String>>> {
    let Ok(tuple) = texts.downcast::<PyTuple>() else {
        // Each str's UTF-8 is taken with the GIL held (as bytes the str
        // keeps or a copy, by Python version), and copied into the
        // article's own text on all cores without it.
        let backed: Vec<Option<PyBackedStr>> = texts.extract()?;
        return Ok(py.allow_threads(|| {
            backed
                .par_iter()
                .map(|t| t.as_deref().map(str::to_string))
                .collect()
        }));
    };
    type Layout<'py> = (
        Bound<'py, PyBytes>,
        Bound<'py, PyBytes>,
        Option<Bound<'py, PyBytes>>,
        usize,
        usize,
    );
    let (offsets, data, validity, offset, length): Layout<'_> = tuple.extract()?;
    let (offsets, data) = (offsets.as_bytes(), data.as_bytes());
    let validity = validity.as_ref().map(|v| v.as_bytes());
    let bad = |why: &str| pyo3::exceptions::PyValueError::new_err(format!("texts: {why}"));
    let offset_at = |i: usize| -> Option<usize> {
        let bytes = offsets.get(i * 8..i * 8 + 8)?;
        let value = i64::from_le_bytes(bytes.try_into().ok()?);
        usize::try_from(value).ok()
    };
    let valid = |i: usize| -> bool {
        validity.is_none_or(|v| v.get(i / 8).is_some_and(|b| b & (1 << (i % 8)) != 0))
    };
    let out: Vec<Result<Option<String>, &'static str>> = py.allow_threads(|| {
        (0..length)
            .into_par_iter()
            .map(|i| {
                let at = offset + i;
                if !valid(at) {
                    return Ok(None);
                }
                let (Some(start), Some(end)) = (offset_at(at), offset_at(at + 1)) else {
                    return Err("an offset outside the offsets buffer");
                };
                let bytes = data.get(start..end).ok_or("an offset outside the data")?;
                String::from_utf8(bytes.to_vec())
                    .map(Some)
                    .map_err(|_| "a text that is not UTF-8")
            })
            .collect()
    });
    out.into_iter().map(|r| r.map_err(bad)).collect()
}

/// One article of a batch: what its row of the article table needs.
struct BatchRow {
    article: fs::Article,
    tokens: u64,
    sentences: u64,
    values: Vec<Option<f64>>,
}

/// Where a column of the article table comes from.
#[derive(Clone, Copy)]
enum Column {
    Id,
    Outlet,
    Title,
    Published,
    Story,
    Tokens,
    Sentences,
    Metric(usize),
}

impl Column {
    /// The Arrow type of the column's values.
    fn arrow_type(self) -> &'static str {
        match self {
            Column::Id | Column::Outlet | Column::Title | Column::Published | Column::Story => {
                "string"
            }
            Column::Tokens | Column::Sentences => "uint64",
            Column::Metric(_) => "float64",
        }
    }
}

/// The article table's columns, named and ordered as
/// [`fs::ArticleRow::values`] names and orders them (the `--articles`
/// columns, grouped by outlet), each with where its values come from; the
/// rows themselves are computed without `ArticleRow`'s per-row names.
struct ColumnLayout(Vec<(String, Column)>);

impl ColumnLayout {
    fn of(metrics: &[fs::Metric]) -> PyResult<Self> {
        let template = fs::ArticleRow::new(
            &fs::Article::default(),
            &fs::ArticleProfile::default(),
            metrics,
            &fs::GroupBy::outlet(),
            &[],
        );
        let mut out = Vec::new();
        for (name, _) in template.values() {
            let column = match name {
                "id" => Column::Id,
                "outlet" => Column::Outlet,
                "title" => Column::Title,
                "published" => Column::Published,
                "story" => Column::Story,
                "tokens" => Column::Tokens,
                "sentences" => Column::Sentences,
                other => match metrics.iter().position(|m| m.name == other) {
                    Some(i) => Column::Metric(i),
                    // A column added to the library's table that this
                    // binding does not know: fail loudly, not silently.
                    None => {
                        return Err(FramescopeError::new_err(format!(
                            "the article table has a column this binding does not know: {other}"
                        )));
                    }
                },
            };
            out.push((name.to_string(), column));
        }
        Ok(ColumnLayout(out))
    }

    fn columns<'py>(
        &self,
        py: Python<'py>,
        rows: &[BatchRow],
        buffers: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for (name, column) in &self.0 {
            let text = |f: fn(&fs::Article) -> Option<&str>| -> Vec<Option<&str>> {
                rows.iter().map(|r| f(&r.article)).collect()
            };
            match *column {
                Column::Id => out.set_item(name, text(|a| Some(a.id.as_str())))?,
                Column::Outlet => out.set_item(name, text(|a| Some(a.outlet.as_str())))?,
                Column::Title => out.set_item(name, text(|a| a.title.as_deref()))?,
                Column::Published => out.set_item(name, text(|a| a.published.as_deref()))?,
                Column::Story => out.set_item(name, text(|a| a.story.as_deref()))?,
                Column::Tokens | Column::Sentences => {
                    let counts = rows.iter().map(|r| match column {
                        Column::Tokens => r.tokens,
                        _ => r.sentences,
                    });
                    if buffers {
                        let values: Vec<Option<u64>> = counts.map(Some).collect();
                        out.set_item(
                            name,
                            number_buffers(py, column.arrow_type(), &values, u64::to_le_bytes)?,
                        )?;
                    } else {
                        out.set_item(name, counts.collect::<Vec<u64>>())?;
                    }
                }
                Column::Metric(i) => {
                    let values: Vec<Option<f64>> = rows
                        .iter()
                        .map(|r| r.values.get(i).copied().flatten())
                        .collect();
                    if buffers {
                        out.set_item(
                            name,
                            number_buffers(py, column.arrow_type(), &values, f64::to_le_bytes)?,
                        )?;
                    } else {
                        out.set_item(name, values)?;
                    }
                }
            }
        }
        Ok(out)
    }
}

/// A number column as Arrow lays it out: `(type, data, validity,
/// null_count)`, the values little-endian (0 where missing) and the
/// validity bitmap least significant bit first (`None` when no value is
/// missing).
fn number_buffers<'py, T: Copy + Default, const N: usize>(
    py: Python<'py>,
    kind: &str,
    values: &[Option<T>],
    to_bytes: fn(T) -> [u8; N],
) -> PyResult<Bound<'py, PyTuple>> {
    let mut data = Vec::with_capacity(values.len() * N);
    let mut validity = vec![0u8; values.len().div_ceil(8)];
    let mut nulls = 0usize;
    for (i, value) in values.iter().enumerate() {
        data.extend_from_slice(&to_bytes(value.unwrap_or_default()));
        match value {
            Some(_) => validity[i / 8] |= 1 << (i % 8),
            None => nulls += 1,
        }
    }
    let validity = (nulls > 0).then(|| PyBytes::new(py, &validity));
    (kind, PyBytes::new(py, &data), validity, nulls).into_pyobject(py)
}

// ---------------------------------------------------------------------------
// One analysis.

/// A sentence: byte offsets into the text, and the text itself.
#[pyclass(frozen, get_all, module = "framescope")]
struct Sentence {
    start: usize,
    end: usize,
    text: String,
}

/// An actor mention.
#[pyclass(frozen, get_all, module = "framescope")]
struct Mention {
    actor: String,
    kind: String,
    sentence: usize,
    start: usize,
    end: usize,
}

/// A cue, with the strings the JSON output uses.
#[pyclass(frozen, get_all, module = "framescope")]
struct Cue {
    category: String,
    term: String,
    subtype: Option<String>,
    status: String,
    quoted: bool,
    source: Option<String>,
    source_actor: Option<String>,
    sentence: usize,
    start: usize,
    end: usize,
}

/// What `Analyzer.analyze` found in one text.
#[pyclass(frozen, module = "framescope")]
struct Analysis {
    sentences: Vec<Py<Sentence>>,
    actors: Vec<Py<Mention>>,
    cues: Vec<Py<Cue>>,
}

/// The plain-data form of an analysis, built without the GIL.
struct AnalysisData {
    sentences: Vec<Sentence>,
    actors: Vec<Mention>,
    cues: Vec<Cue>,
}

impl AnalysisData {
    /// The analysis of `text` in the shape Python sees.
    fn new(analyzer: &fs::Analyzer, text: &str, analysis: &fs::Analysis) -> AnalysisData {
        let records = fs::sentence_records(analyzer.lexicon(), text, analysis);
        let mut data = AnalysisData {
            sentences: Vec::with_capacity(records.len()),
            actors: Vec::new(),
            cues: Vec::new(),
        };
        for s in records {
            for m in &s.mentions {
                data.actors.push(Mention {
                    actor: m.actor.clone(),
                    kind: m.kind.as_str().to_string(),
                    sentence: s.index,
                    start: m.start,
                    end: m.end,
                });
            }
            for c in s.cues {
                let (source, source_actor) = match c.source {
                    Some(source) => (Some(source.text), source.actor),
                    None => (None, None),
                };
                data.cues.push(Cue {
                    category: c.category,
                    term: c.term,
                    subtype: c.subtype,
                    status: c.status.as_str().to_string(),
                    quoted: c.quoted,
                    source,
                    source_actor,
                    sentence: s.index,
                    start: c.start,
                    end: c.end,
                });
            }
            data.sentences.push(Sentence {
                start: s.start,
                end: s.end,
                text: s.text,
            });
        }
        data
    }
}

impl<'py> IntoPyObject<'py> for AnalysisData {
    type Target = Analysis;
    type Output = Bound<'py, Analysis>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        let sentences = self
            .sentences
            .into_iter()
            .map(|s| Py::new(py, s))
            .collect::<PyResult<_>>()?;
        let actors = self
            .actors
            .into_iter()
            .map(|m| Py::new(py, m))
            .collect::<PyResult<_>>()?;
        let cues = self
            .cues
            .into_iter()
            .map(|c| Py::new(py, c))
            .collect::<PyResult<_>>()?;
        Bound::new(
            py,
            Analysis {
                sentences,
                actors,
                cues,
            },
        )
    }
}

#[pymethods]
impl Analysis {
    /// The sentences, in order.
    #[getter]
    fn sentences<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.sentences.iter().map(|s| s.clone_ref(py)))
    }

    /// The actor mentions, in text order.
    #[getter]
    fn actors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.actors.iter().map(|s| s.clone_ref(py)))
    }

    /// The cues, in text order.
    #[getter]
    fn cues<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.cues.iter().map(|s| s.clone_ref(py)))
    }

    fn __repr__(&self) -> String {
        format!(
            "Analysis(sentences={}, actors={}, cues={})",
            self.sentences.len(),
            self.actors.len(),
            self.cues.len()
        )
    }
}

#[pymethods]
impl Sentence {
    fn __repr__(&self) -> String {
        format!("Sentence(start={}, end={})", self.start, self.end)
    }
}

#[pymethods]
impl Mention {
    fn __repr__(&self) -> String {
        format!(
            "Mention(actor={:?}, kind={:?}, start={}, end={})",
            self.actor, self.kind, self.start, self.end
        )
    }
}

#[pymethods]
impl Cue {
    fn __repr__(&self) -> String {
        format!(
            "Cue(category={:?}, term={:?}, status={:?}, start={}, end={})",
            self.category, self.term, self.status, self.start, self.end
        )
    }
}

// ---------------------------------------------------------------------------
// The corpus.

self_cell::self_cell!(
    /// A corpus together with the analyzer whose lexicon it borrows.
    struct CorpusCell {
        owner: Arc<fs::Analyzer>,
        #[covariant]
        dependent: Corpus,
    }
);

type Corpus<'a> = fs::Corpus<'a>;

/// Articles and partial profiles gathered for one report.
#[pyclass(name = "Corpus", module = "framescope")]
struct PyCorpus {
    cell: CorpusCell,
}

#[pymethods]
impl PyCorpus {
    /// An empty corpus for `analyzer`'s lexicon.
    #[new]
    fn new(analyzer: &Analyzer) -> Self {
        PyCorpus {
            cell: CorpusCell::new(analyzer.inner.clone(), |a| fs::Corpus::new(a)),
        }
    }

    /// Analyses the articles (in parallel, without the GIL) and adds them,
    /// as the command-line program adds the records of an input named
    /// `source`, row `i` being line `i + 1`. A bad record raises
    /// `InputError` unless `skip_invalid`, which lists it among the report's
    /// rejections instead.
    #[pyo3(signature = (texts, ids = None, outlets = None, titles = None, published = None, urls = None, stories = None, *, source = "<python>".to_string(), skip_invalid = false))]
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        py: Python<'_>,
        texts: Vec<Option<String>>,
        ids: Option<Vec<Option<String>>>,
        outlets: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        published: Option<Vec<Option<String>>>,
        urls: Option<Vec<Option<String>>>,
        stories: Option<Vec<Option<String>>>,
        source: String,
        skip_invalid: bool,
    ) -> PyResult<()> {
        let columns = Columns {
            texts,
            ids,
            outlets,
            titles,
            published,
            urls,
            stories,
        };
        let records = columns.records(&source)?;
        let cell = &mut self.cell;
        py.allow_threads(|| {
            cell.with_dependent_mut(|analyzer, corpus| {
                fs::profile_records(analyzer, corpus, records, skip_invalid, |_| {})
            })
        })
        .map_err(|e| py_error(&fs::Error::Input(e)))
    }

    /// Merges a partial profile (the JSON of `to_partial` or `--partial`).
    fn add_partial(&mut self, py: Python<'_>, partial: String) -> PyResult<()> {
        let cell = &mut self.cell;
        py.allow_threads(|| {
            let partial = fs::Partial::from_json(&partial)?;
            cell.with_dependent_mut(|_, corpus| corpus.merge_partial(partial))
        })
        .map_err(|e| MergeError::new_err(e.to_string()))
    }

    /// The corpus as a partial profile (JSON, as `--partial` writes).
    fn to_partial(&self, py: Python<'_>) -> String {
        py.allow_threads(|| self.cell.borrow_dependent().to_partial().to_json())
    }

    /// Articles added so far.
    #[getter]
    fn articles(&self) -> u64 {
        self.cell.borrow_dependent().articles()
    }

    /// The report, with the command line's defaults unless given.
    #[pyo3(signature = (*, seed = None, resamples = None, max_compared = None))]
    fn report(
        &self,
        py: Python<'_>,
        seed: Option<u64>,
        resamples: Option<usize>,
        max_compared: Option<usize>,
    ) -> Report {
        let defaults = fs::ReportOptions::default();
        let options = fs::ReportOptions {
            seed: seed.unwrap_or(defaults.seed),
            resamples: resamples.unwrap_or(defaults.resamples),
            max_compared_outlets: max_compared.unwrap_or(defaults.max_compared_outlets),
            ..defaults
        };
        let report = py.allow_threads(|| self.cell.borrow_dependent().report(&options));
        Report { inner: report }
    }
}

/// Merges two partial profiles into one (for a tree aggregate): the same
/// as adding both to one corpus, whatever the order.
#[pyfunction]
fn merge_partials(py: Python<'_>, analyzer: &Analyzer, a: String, b: String) -> PyResult<String> {
    let analyzer = analyzer.inner.clone();
    py.allow_threads(move || {
        let mut corpus = fs::Corpus::new(&analyzer);
        for text in [a, b] {
            let partial = fs::Partial::from_json(&text)?;
            corpus.merge_partial(partial)?;
        }
        Ok::<_, fs::MergeError>(corpus.to_partial().to_json())
    })
    .map_err(|e| MergeError::new_err(e.to_string()))
}

// ---------------------------------------------------------------------------
// The report.

/// A report: the same bytes as the command line's for the same input.
#[pyclass(frozen, module = "framescope")]
struct Report {
    inner: fs::Report,
}

#[pymethods]
impl Report {
    /// The JSON report, byte for byte as `compare --format json`.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The tidy CSV table (`--format csv`).
    fn to_csv(&self) -> String {
        self.inner.to_csv()
    }

    /// The text table the command line prints.
    fn to_table(&self) -> String {
        self.inner.to_table()
    }

    /// The Markdown table (`--format markdown`).
    fn to_markdown(&self) -> String {
        self.inner.to_markdown()
    }

    fn __repr__(&self) -> String {
        format!(
            "Report(outlets={}, articles={})",
            self.inner.outlets.len(),
            self.inner.input.analysed
        )
    }
}

/// The native module.
#[pymodule]
fn _framescope(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Analyzer>()?;
    m.add_class::<Analysis>()?;
    m.add_class::<Sentence>()?;
    m.add_class::<Mention>()?;
    m.add_class::<Cue>()?;
    m.add_class::<PyCorpus>()?;
    m.add_class::<Report>()?;
    m.add_function(wrap_pyfunction!(merge_partials, m)?)?;
    let py = m.py();
    m.add("FramescopeError", py.get_type::<FramescopeError>())?;
    m.add("LexiconError", py.get_type::<LexiconError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("MergeError", py.get_type::<MergeError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
