"""framescope: how news outlets frame the same story.

A thin binding over the Rust library (every number comes from it):

>>> import framescope
>>> analyzer = framescope.Analyzer()
>>> analysis = analyzer.analyze("Iran said the talks made progress.")
>>> [(c.category, c.status) for c in analysis.cues]
[('progress', 'asserted')]

``Analyzer.analyze_batch`` gives one row per article as a pyarrow Table (the
columns of ``compare --articles``); ``Corpus`` gathers articles and partial
profiles into a report whose ``to_json()`` is byte-identical to
``compare --format json`` for the same input. ``framescope.spark`` runs the
same on Spark.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any, Iterable, Optional, Sequence

from ._framescope import (
    Analysis,
    Cue,
    FramescopeError,
    InputError,
    LexiconError,
    Mention,
    MergeError,
    Report,
    Sentence,
    __version__,
)
from ._framescope import Analyzer as _NativeAnalyzer
from ._framescope import Corpus as _NativeCorpus
from ._framescope import merge_partials as _merge_partials

__all__ = [
    "Analyzer",
    "Analysis",
    "Corpus",
    "Cue",
    "FramescopeError",
    "InputError",
    "LexiconError",
    "Mention",
    "MergeError",
    "Report",
    "Sentence",
    "merge_partials",
    "__version__",
]

# The article fields a batch may carry, with the keyword that names each.
_FIELDS = ("ids", "outlets", "titles", "published", "urls", "stories")


def _as_list(values: Any, name: str, strings: bool = True) -> Optional[list]:
    """A column as a list of str or None.

    Accepts a list or tuple, a pandas Series, a polars Series, a numpy array
    or a pyarrow Array / ChunkedArray. Missing values (None, NaN, pandas NA)
    become None; other non-strings become their ``str`` (ids written as
    numbers, say).
    """
    if values is None:
        return None
    if hasattr(values, "to_pylist"):  # pyarrow
        values = values.to_pylist()
    elif hasattr(values, "to_list") and not isinstance(values, (list, tuple)):  # polars, pandas
        values = values.to_list()
    elif hasattr(values, "tolist") and not isinstance(values, (list, tuple)):  # numpy
        values = values.tolist()
    elif isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be a column of values, not a single string")
    else:
        values = list(values)
    if not strings:
        return values
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)) or _is_na(v):
            out.append(None)
        elif isinstance(v, str):
            out.append(v)
        else:
            out.append(str(v))
    return out


def _is_na(v: Any) -> bool:
    # pandas.NA and pandas.NaT are not None and not floats.
    return type(v).__name__ in ("NAType", "NaTType")


def _arrow_texts(texts: Any) -> Optional[tuple]:
    """Texts held by Arrow (a pyarrow or polars string column) as Arrow lays
    them out, ``(offsets, data, validity, offset, length)`` with 64-bit
    offsets, so that the native side reads the UTF-8 bytes as they are
    instead of one Python str per text; None for anything else."""
    if not type(texts).__module__.startswith(("pyarrow", "polars")):
        return None
    import pyarrow as pa

    if type(texts).__module__.startswith("polars"):
        texts = texts.to_arrow()
    if isinstance(texts, pa.ChunkedArray):
        texts = texts.chunk(0) if texts.num_chunks == 1 else texts.combine_chunks()
    if not isinstance(texts, pa.Array):
        return None
    if not (pa.types.is_string(texts.type) or pa.types.is_large_string(texts.type)):
        return None
    texts = texts.cast(pa.large_string())
    validity, offsets, data = texts.buffers()
    return (
        offsets.to_pybytes(),
        b"" if data is None else data.to_pybytes(),
        None if validity is None else validity.to_pybytes(),
        texts.offset,
        len(texts),
    )


def _columns(texts: Any, kwargs: dict, arrow: bool = False) -> dict:
    unknown = set(kwargs) - set(_FIELDS)
    if unknown:
        raise TypeError(f"unknown column keyword(s): {', '.join(sorted(unknown))}")
    fast = _arrow_texts(texts) if arrow else None
    if fast is None:
        texts = _as_list(texts, "texts", strings=False)
        for i, t in enumerate(texts):
            if t is not None and not isinstance(t, str):
                raise TypeError(f"texts[{i}] is a {type(t).__name__}, not a str")
    out = {"texts": texts if fast is None else fast}
    for field in _FIELDS:
        out[field] = _as_list(kwargs.get(field), field)
    return out


def _arrow_array(pa, column, type_):
    """A column of the native batch as a pyarrow array: a list, or a number
    column as Arrow buffers ``(type, data, validity, null_count)`` taken as
    they are (no Python object per value)."""
    if isinstance(column, tuple):
        _kind, data, validity, nulls = column
        n = len(data) // type_.byte_width
        buffers = [None if validity is None else pa.py_buffer(validity), pa.py_buffer(data)]
        return pa.Array.from_buffers(type_, n, buffers, null_count=nulls)
    return pa.array(column, type=type_)


class Analyzer:
    """The default lexicons plus any ``.toml`` or ``.dic`` files, in order.

    ``Analyzer(lexicons=("mine.toml",), defaults=True)`` is the same analyzer
    as ``compare --lexicon mine.toml``; ``defaults=False`` uses the given
    files alone. A bad file raises ``LexiconError`` with the command line's
    message.
    """

    def __init__(self, lexicons: Sequence[os.PathLike | str] = (), *, defaults: bool = True):
        if isinstance(lexicons, (str, os.PathLike)):
            lexicons = [lexicons]
        self._lexicons = tuple(os.fspath(p) for p in lexicons)
        self._defaults = defaults
        self._native = _NativeAnalyzer(list(self._lexicons), defaults=defaults)

    def __reduce__(self):
        # Rebuilt from its files where it is unpickled (a Spark executor).
        return (Analyzer, (self._lexicons,), {"_defaults": self._defaults})

    def __setstate__(self, state):
        if state.get("_defaults", True) is False:
            self.__init__(self._lexicons, defaults=False)

    @property
    def lexicons(self) -> tuple:
        """The lexicon files, in order."""
        return self._lexicons

    @property
    def lexicon_version(self) -> str:
        """The lexicon's version hash (the report's ``lexicon.version``)."""
        return self._native.lexicon_version

    @property
    def actors(self) -> list:
        """Actor ids, in lexicon order."""
        return self._native.actors

    @property
    def categories(self) -> list:
        """Category names, in lexicon order."""
        return self._native.categories

    @property
    def metrics(self) -> list:
        """Metric names, in report order."""
        return self._native.metrics

    def analyze(self, text: str, *, published: Optional[str] = None, title: Optional[str] = None) -> Analysis:
        """One text's sentences, actor mentions and cues, as the command line
        reads an article's text.

        ``published`` (an ISO date) dates the office-holders the text names;
        ``title`` is the article's headline.
        """
        if not isinstance(text, str):
            raise TypeError("text must be a str")
        return self._native.analyze(text, published=published, title=title)

    def analyze_columns(self, texts: Any, **columns: Any) -> dict:
        """``analyze_batch``'s columns as a dict of lists (no pyarrow needed)."""
        return self._native.analyze_batch(**_columns(texts, columns))

    def analyze_batch(self, texts: Any, **columns: Any):
        """One row per article, as a ``pyarrow.Table``.

        ``texts`` and the optional ``ids``, ``outlets``, ``titles``,
        ``published``, ``urls`` and ``stories`` may be lists, pandas or polars
        Series, numpy arrays or pyarrow arrays of equal length. Ids default to
        the row number (from 1) and outlets to ``"-"``. Columns: ``id``,
        ``outlet``, ``title``, ``published``, ``story``, ``tokens``,
        ``sentences`` and every metric by name (null where undefined). Runs on
        all cores with the GIL released. A bad record (a missing or blank
        text, id or outlet) raises ``InputError``.
        """
        import pyarrow as pa

        data = self._native.analyze_batch(**_columns(texts, columns, arrow=True), buffers=True)
        schema = self.arrow_schema()
        arrays = [_arrow_array(pa, data[f.name], f.type) for f in schema]
        return pa.Table.from_arrays(arrays, schema=schema)

    def arrow_schema(self):
        """The pyarrow schema of ``analyze_batch``'s table."""
        import pyarrow as pa

        # The names and order come from the library (the --articles columns).
        types = {"string": pa.string(), "uint64": pa.uint64(), "float64": pa.float64()}
        return pa.schema([pa.field(name, types[kind]) for name, kind in self._native.article_columns])


class Corpus:
    """Articles and partial profiles gathered for one report.

    ``add`` analyses articles (in parallel, GIL released) exactly as the
    command line adds records; ``add_partial`` merges a ``--partial`` file's
    JSON; ``report()`` gives a ``Report`` whose ``to_json()`` is the command
    line's ``--format json`` output for the same input, byte for byte.
    """

    def __init__(self, analyzer: Optional[Analyzer] = None):
        self.analyzer = analyzer if analyzer is not None else Analyzer()
        self._native = _NativeCorpus(self.analyzer._native)

    def add(self, texts: Any, *, source: str = "<python>", skip_invalid: bool = False, **columns: Any) -> None:
        """Adds a batch of articles (see ``Analyzer.analyze_batch`` for the
        columns). Row ``i`` is named ``source`` line ``i + 1`` in errors and
        rejections; with ``skip_invalid`` a bad record is listed among the
        report's rejections instead of raising ``InputError``."""
        self._native.add(source=source, skip_invalid=skip_invalid, **_columns(texts, columns))

    def add_articles(self, articles: Iterable[dict], *, source: str = "<python>", skip_invalid: bool = False) -> None:
        """Adds articles given as dicts with the JSON Lines field names
        (``id``, ``outlet``, ``text``, ``title``, ``published``, ``url``,
        ``story``)."""
        rows = list(articles)
        get = lambda k: [r.get(k) for r in rows]  # noqa: E731
        self._native.add(
            [r.get("text") for r in rows],
            ids=get("id"),
            outlets=get("outlet"),
            titles=get("title"),
            published=get("published"),
            urls=get("url"),
            stories=get("story"),
            source=source,
            skip_invalid=skip_invalid,
        )

    def add_partial(self, partial: str | bytes | os.PathLike) -> None:
        """Merges a partial profile: its JSON text, or the path of a file
        written with ``--partial``. A bad one raises ``MergeError``."""
        if isinstance(partial, os.PathLike) or (isinstance(partial, str) and not partial.lstrip().startswith("{")):
            with open(partial, encoding="utf-8") as f:
                partial = f.read()
        if isinstance(partial, bytes):
            partial = partial.decode("utf-8")
        self._native.add_partial(partial)

    def to_partial(self) -> str:
        """The corpus as a partial profile (JSON, as ``--partial`` writes)."""
        return self._native.to_partial()

    @property
    def articles(self) -> int:
        """Articles added so far."""
        return self._native.articles

    def report(self, *, seed: Optional[int] = None, resamples: Optional[int] = None, max_compared: Optional[int] = None) -> "PyReport":
        """The report, with the command line's defaults (``--seed``,
        ``--resamples``, ``--max-compared``) unless given."""
        return PyReport(self._native.report(seed=seed, resamples=resamples, max_compared=max_compared))


class PyReport:
    """A report: ``to_json()`` (``--format json``), ``to_dict()``,
    ``to_csv()``, ``to_table()``, ``to_markdown()``."""

    def __init__(self, native: Report):
        self._native = native

    def to_json(self) -> str:
        """The JSON report, byte for byte as ``compare --format json``."""
        return self._native.to_json()

    def to_dict(self) -> dict:
        """The JSON report as Python dicts and lists."""
        return json.loads(self._native.to_json())

    def to_csv(self) -> str:
        """The tidy CSV table (``--format csv``)."""
        return self._native.to_csv()

    def to_table(self) -> str:
        """The text table the command line prints."""
        return self._native.to_table()

    def to_markdown(self) -> str:
        """The Markdown table (``--format markdown``)."""
        return self._native.to_markdown()

    def __repr__(self) -> str:
        return repr(self._native)


def merge_partials(analyzer: Analyzer, a: str, b: str) -> str:
    """Two partial profiles merged into one (associative and order-free, for
    tree aggregates)."""
    return _merge_partials(analyzer._native, a, b)
