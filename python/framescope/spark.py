"""framescope on Spark: the analysis runs inside ``mapInArrow`` on the
executors; reports merge partial profiles in a tree aggregate.

>>> from framescope import spark as fss
>>> rows = fss.analyze(df)                  # one row per article
>>> report = fss.report(df)                 # report.to_json() == compare --format json

Each executor builds its ``Analyzer`` once from the lexicon files (which
must be readable there, as with any Spark input) and keeps it for the tasks
it runs.
"""

from __future__ import annotations

from typing import Iterator, Optional, Sequence

from . import Analyzer, Corpus, PyReport, merge_partials

__all__ = ["analyze", "report"]

# One analyzer per executor process and lexicon list.
_ANALYZERS: dict = {}


def _analyzer(lexicons: tuple, defaults: bool) -> Analyzer:
    key = (lexicons, defaults)
    if key not in _ANALYZERS:
        _ANALYZERS[key] = Analyzer(lexicons, defaults=defaults)
    return _ANALYZERS[key]


# JSON Lines field -> the keyword of Analyzer.analyze_batch / Corpus.add.
_KEYWORDS = {
    "id": "ids",
    "outlet": "outlets",
    "title": "titles",
    "published": "published",
    "url": "urls",
    "story": "stories",
}


def _selection(df, text: str, id: str, group: str, optional: dict) -> tuple:
    """The columns to read, renamed to the JSON Lines field names, and the
    names present."""
    from pyspark.sql import functions as F

    wanted = {"text": text, "id": id, "outlet": group}
    for field, column in optional.items():
        if column is not None and column in df.columns:
            wanted[field] = column
    missing = [c for c in (text, id, group) if c not in df.columns]
    if missing:
        raise ValueError(f"the DataFrame has no column {', '.join(missing)}")
    cols = [F.col(column).cast("string").alias(field) for field, column in wanted.items()]
    return df.select(*cols), tuple(wanted)


def _batch_columns(batch, fields: tuple, arrow: bool = False) -> tuple:
    """The texts and the other columns of an Arrow batch; with ``arrow`` the
    texts stay an Arrow array (``analyze_batch`` reads its bytes as they
    are), else a list."""
    names = batch.schema.names
    texts = batch.column(names.index("text"))
    columns = {_KEYWORDS[f]: batch.column(names.index(f)).to_pylist() for f in fields if f != "text"}
    return (texts if arrow else texts.to_pylist()), columns


def analyze(
    df,
    text: str = "text",
    id: str = "id",
    group: str = "outlet",
    *,
    title: Optional[str] = "title",
    published: Optional[str] = "published",
    story: Optional[str] = "story",
    lexicons: Sequence[str] = (),
    defaults: bool = True,
):
    """A Spark DataFrame of article rows (the columns of
    ``Analyzer.analyze_batch``), computed on the executors.

    ``group`` names the column that plays the outlet; ``title``,
    ``published`` and ``story`` are used when the DataFrame has them.
    """
    from pyspark.sql.pandas.types import from_arrow_schema

    lexicons = tuple(lexicons)
    schema = Analyzer(lexicons, defaults=defaults).arrow_schema()
    selected, fields = _selection(df, text, id, group, {"title": title, "published": published, "story": story})

    # Spark has no unsigned integers: counts are longs there.
    signed = _signed(schema)

    def run(batches: Iterator) -> Iterator:
        analyzer = _analyzer(lexicons, defaults)
        for batch in batches:
            texts, columns = _batch_columns(batch, fields, arrow=True)
            yield from analyzer.analyze_batch(texts, **columns).cast(signed).to_batches()

    return selected.mapInArrow(run, from_arrow_schema(signed))


def _signed(schema):
    import pyarrow as pa

    return pa.schema(
        [pa.field(f.name, pa.int64()) if pa.types.is_unsigned_integer(f.type) else f for f in schema]
    )


def report(
    df,
    text: str = "text",
    id: str = "id",
    group: str = "outlet",
    *,
    title: Optional[str] = "title",
    published: Optional[str] = "published",
    url: Optional[str] = "url",
    story: Optional[str] = "story",
    lexicons: Sequence[str] = (),
    defaults: bool = True,
    seed: Optional[int] = None,
    resamples: Optional[int] = None,
    max_compared: Optional[int] = None,
    skip_invalid: bool = False,
    depth: int = 2,
) -> PyReport:
    """The report of the DataFrame's articles: each partition becomes a
    partial profile on its executor, the partials merge in a tree aggregate
    (``depth`` levels), and the driver computes the report. Its
    ``to_json()`` is byte-identical to ``compare --format json`` on the
    same articles (a DataFrame read with ``spark.read.json`` from a JSON
    Lines file gives the command line's report of that file)."""
    lexicons = tuple(lexicons)
    selected, fields = _selection(
        df, text, id, group, {"title": title, "published": published, "url": url, "story": story}
    )

    def partials(batches: Iterator) -> Iterator:
        import pyarrow as pa

        corpus = Corpus(_analyzer(lexicons, defaults))
        for batch in batches:
            texts, columns = _batch_columns(batch, fields)
            corpus.add(texts, source="<spark>", skip_invalid=skip_invalid, **columns)
        yield pa.RecordBatch.from_pydict({"partial": [corpus.to_partial()]})

    parts = selected.mapInArrow(partials, "partial string").rdd.map(lambda row: row.partial)

    def merge(a: str, b: str) -> str:
        return merge_partials(_analyzer(lexicons, defaults), a, b)

    driver = Corpus(_analyzer(lexicons, defaults))
    if not parts.isEmpty():
        driver.add_partial(parts.treeReduce(merge, depth=depth))
    return driver.report(seed=seed, resamples=resamples, max_compared=max_compared)
