"""The Python binding against the command-line program and the library's
contracts. Every corpus here is the project's own (the bundled sample) or
written in this file."""

import json
import math
import os
import subprocess
from pathlib import Path

import pyarrow as pa
import pytest

import framescope

from conftest import REPO, SAMPLE, cli


@pytest.fixture(scope="module")
def analyzer():
    return framescope.Analyzer()


def sample_rows():
    with open(SAMPLE, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# --- analyze ---------------------------------------------------------------

CASES = [
    # (text, expected (category, status) pairs that must be among the cues)
    ("Iran said the talks made progress.", [("progress", "asserted")]),
    ("A breakthrough is unlikely before spring.", [("breakthrough", "hypothetical")]),
    ("The talks made no progress.", [("progress", "negated")]),
    ("Negotiators may reach a deal.", [("hedge", "asserted")]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_cues_carry_the_json_strings(analyzer, text, expected):
    found = {(c.category, c.status) for c in analyzer.analyze(text).cues}
    for pair in expected:
        assert pair in found, (text, found)


def test_cues_carry_their_source(analyzer):
    text = (
        "The talks in Doha made progress on Tuesday. "
        '"We have made real progress," Iranian Foreign Minister Hossein Amir-Abdollahian said.'
    )
    cues = [c for c in analyzer.analyze(text, published="2022-06-01").cues if c.category == "progress"]
    assert len(cues) == 2
    own, quoted = cues
    assert (own.source, own.source_actor) == (None, None)
    assert quoted.quoted
    assert "Amir-Abdollahian" in quoted.source
    assert quoted.source_actor == "IRAN"


def test_analysis_matches_the_sentence_dump(analyzer, tmp_path):
    rows = sample_rows()[:5] + [r for r in sample_rows() if r["id"].endswith(("-10", "-11"))]
    path = tmp_path / "some.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    dump = tmp_path / "sentences.jsonl"
    cli(str(path), "--sentences", str(dump), "--format", "json")
    lines = [json.loads(l) for l in dump.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        got = analyzer.analyze(row["text"], published=row.get("published"), title=row.get("title"))
        mine = [l for l in lines if l["article_id"] == row["id"]]
        assert [(s.start, s.end) for s in got.sentences] == [(l["start"], l["end"]) for l in mine]
        def source(c):
            return (c["source"]["text"], c["source"]["actor"]) if c["source"] else (None, None)

        want_cues = [
            (c["category"], c["subtype"], c["status"], c["quoted"], source(c), c["start"], c["end"])
            for l in mine
            for c in l["cues"]
        ]
        assert [
            (c.category, c.subtype, c.status, c.quoted, (c.source, c.source_actor), c.start, c.end)
            for c in got.cues
        ] == want_cues
        assert any(c.source is not None for c in got.cues) or not row["id"].endswith(("-10", "-11"))
        want_mentions = [(m["actor"], m["kind"], m["start"], m["end"]) for l in mine for m in l["mentions"]]
        assert [(m.actor, m.kind, m.start, m.end) for m in got.actors] == want_mentions


def test_a_dated_office_holder_counts_only_in_office(analyzer):
    text = "Pompeo met the envoy."
    in_office = {m.actor for m in analyzer.analyze(text, published="2019-06-01").actors}
    out_of_office = {m.actor for m in analyzer.analyze(text, published="2010-06-01").actors}
    assert "US" in in_office
    assert "US" not in out_of_office


# --- analyze_batch -----------------------------------------------------------


def test_batch_rows_have_every_metric_and_match_single_analyses(analyzer):
    rows = sample_rows()
    table = analyzer.analyze_batch(
        [r["text"] for r in rows],
        ids=[r["id"] for r in rows],
        outlets=[r["outlet"] for r in rows],
        published=[r.get("published") for r in rows],
    )
    assert isinstance(table, pa.Table)
    assert table.num_rows == len(rows)
    assert table.column_names[:7] == ["id", "outlet", "title", "published", "story", "tokens", "sentences"]
    assert table.column_names[7:] == analyzer.metrics
    assert table.column("id").to_pylist() == [r["id"] for r in rows]
    sentences = table.column("sentences").to_pylist()
    for row, n in zip(rows, sentences):
        # Counted sentences leave headings out (issue 19), so at most all.
        every = analyzer.analyze(row["text"], published=row.get("published"), title=row.get("title")).sentences
        assert 1 <= n <= len(every), row["id"]


def test_batch_means_equal_the_reports_outlet_values(analyzer):
    rows = sample_rows()
    table = analyzer.analyze_batch(
        [r["text"] for r in rows],
        ids=[r["id"] for r in rows],
        outlets=[r["outlet"] for r in rows],
        published=[r.get("published") for r in rows],
        stories=[r.get("story") for r in rows],
    ).to_pydict()
    corpus = framescope.Corpus(analyzer)
    corpus.add_articles(rows)
    report = corpus.report(resamples=10).to_dict()
    for outlet in report["outlets"]:
        name = outlet["outlet"]
        for metric in ("hedge_per_1k", "progress_per_1k"):
            values = [
                v for v, o in zip(table[metric], table["outlet"]) if o == name and v is not None
            ]
            want = outlet["metrics"][metric]["value"]
            if values:
                assert math.isclose(sum(values) / len(values), want, rel_tol=1e-9, abs_tol=1e-12)


def test_batch_rows_are_the_command_lines_article_table(analyzer, tmp_path):
    import csv

    rows = sample_rows()
    out = tmp_path / "articles.csv"
    cli(str(SAMPLE), "--articles", str(out), "--format", "json")
    with open(out, newline="", encoding="utf-8") as f:
        want = list(csv.DictReader(f))
    table = analyzer.analyze_batch(
        [r["text"] for r in rows],
        ids=[r["id"] for r in rows],
        outlets=[r["outlet"] for r in rows],
        titles=[r.get("title") for r in rows],
        published=[r.get("published") for r in rows],
        stories=[r.get("story") for r in rows],
    )
    assert table.column_names == list(want[0].keys())
    got = {r["id"]: r for r in table.to_pylist()}
    assert sorted(got) == sorted(r["id"] for r in want)
    for row in want:
        mine = got[row["id"]]
        for name, cell in row.items():
            value = mine[name]
            if cell == "":
                assert value is None, (row["id"], name)
            elif isinstance(value, float):
                assert math.isclose(value, float(cell), rel_tol=1e-12, abs_tol=1e-15), (row["id"], name)
            else:
                assert str(value) == cell, (row["id"], name)


def test_batch_takes_pandas_and_pyarrow_columns(analyzer):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "text": ["Iran made progress.", "Talks stalled in Doha.", "Qatar may mediate."],
            "id": [1, 2, 3],
            "outlet": ["A", "A", "B"],
        }
    )
    from_pandas = analyzer.analyze_batch(frame["text"], ids=frame["id"], outlets=frame["outlet"])
    from_arrow = analyzer.analyze_batch(
        pa.array(frame["text"]), ids=pa.array(["1", "2", "3"]), outlets=pa.chunked_array([["A", "A", "B"]])
    )
    assert from_pandas.equals(from_arrow)
    assert from_pandas.column("id").to_pylist() == ["1", "2", "3"]


def test_arrow_texts_are_read_from_their_buffers_as_lists_are(analyzer):
    texts = ["Iran made progress.", "Talks stalled in Doha.", "Qatar may mediate.", "Ein Durchbruch? Nein."]
    ids = ["1", "2", "3", "4"]
    want = analyzer.analyze_batch(texts, ids=ids)
    for column in (
        pa.array(texts),
        pa.array(texts, type=pa.large_string()),
        pa.chunked_array([texts[:1], texts[1:]]),
        pa.array(["skipped"] + texts).slice(1),  # an array with an offset
    ):
        assert analyzer.analyze_batch(column, ids=ids).equals(want), column.type
    # A missing text is the same error from Arrow as from a list.
    with pytest.raises(framescope.InputError, match="text"):
        analyzer.analyze_batch(pa.array(["A text.", None]), ids=["a", "b"])
    # Number columns carry nulls where the metric is undefined.
    table = analyzer.analyze_batch(pa.array(texts), ids=ids)
    assert table.column("breakthrough_share").null_count > 0
    assert table.column("tokens").null_count == 0


@pytest.mark.parametrize(
    "layout",
    [
        (b"\x00" * 8 + b"\xff" * 8, b"abc", None, 0, 1),  # an offset past the data
        (b"\x00" * 8, b"abc", None, 0, 1),  # too few offsets
        ((0).to_bytes(8, "little") + (2).to_bytes(8, "little"), b"\xc3\x28", None, 0, 1),  # not UTF-8
        ((2).to_bytes(8, "little") + (1).to_bytes(8, "little"), b"abc", None, 0, 1),  # decreasing
    ],
)
def test_a_bad_arrow_layout_is_an_error_not_a_crash(analyzer, layout):
    with pytest.raises(ValueError, match="texts"):
        analyzer._native.analyze_batch(layout, ["a"], buffers=True)


def test_polars_texts_take_the_arrow_path(analyzer):
    pl = pytest.importorskip("polars")
    texts = ["Iran made progress.", "Talks stalled in Doha."]
    assert analyzer.analyze_batch(pl.Series(texts), ids=["1", "2"]).equals(
        analyzer.analyze_batch(texts, ids=["1", "2"])
    )


# --- Corpus and report -------------------------------------------------------


def test_report_is_byte_identical_to_the_command_line(analyzer):
    corpus = framescope.Corpus(analyzer)
    corpus.add_articles(sample_rows())
    assert corpus.report().to_json() == cli(str(SAMPLE), "--format", "json")


def test_partials_merged_in_any_order_give_the_same_report(analyzer):
    rows = sample_rows()
    halves = [rows[: len(rows) // 2], rows[len(rows) // 2 :]]
    partials = []
    for half in halves:
        c = framescope.Corpus(analyzer)
        c.add_articles(half)
        partials.append(c.to_partial())
    whole = framescope.Corpus(analyzer)
    whole.add_articles(rows)
    want = whole.report(resamples=200).to_json()
    for order in (partials, partials[::-1]):
        merged = framescope.Corpus(analyzer)
        merged.add_partial(framescope.merge_partials(analyzer, *order))
        assert merged.report(resamples=200).to_json() == want


def test_report_dict_csv_and_table(analyzer):
    corpus = framescope.Corpus(analyzer)
    corpus.add_articles(sample_rows())
    report = corpus.report(resamples=50)
    d = report.to_dict()
    assert d["input"]["analysed"] == len(sample_rows())
    assert report.to_csv().splitlines()[0].startswith("outlet")
    assert d["outlets"][0]["outlet"] in report.to_table()


# --- errors ------------------------------------------------------------------


def test_lexicon_errors_have_the_command_lines_message(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[categories.hedge]\nterms = [\n", encoding="utf-8")
    with pytest.raises(framescope.LexiconError) as err:
        framescope.Analyzer([bad])
    result = subprocess.run(
        [str(REPO / "target/release/examples/compare"), "--lexicon", str(bad), str(SAMPLE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert str(err.value) in result.stderr


def test_a_missing_lexicon_file_is_an_error_not_a_crash(tmp_path):
    with pytest.raises(framescope.FramescopeError):
        framescope.Analyzer([tmp_path / "nowhere.toml"])


def test_bad_records_raise_input_error_with_the_place(analyzer):
    corpus = framescope.Corpus(analyzer)
    with pytest.raises(framescope.InputError, match=r"batch\.jsonl:2: .*text"):
        corpus.add(["A text.", "   "], ids=["a", "b"], outlets=["X", "X"], source="batch.jsonl")
    with pytest.raises(framescope.InputError, match="outlet"):
        corpus.add(["A text."], ids=["c"], outlets=[None])


def test_skip_invalid_lists_the_rejection(analyzer):
    corpus = framescope.Corpus(analyzer)
    corpus.add(["A text.", None], ids=["a", "b"], outlets=["X", "X"], source="s", skip_invalid=True)
    report = corpus.report(resamples=10).to_dict()
    assert report["input"]["analysed"] == 1
    assert [(r["source"], r["line"]) for r in report["input"]["rejected"]] == [("s", 2)]


@pytest.mark.parametrize(
    "call",
    [
        lambda a: a.analyze(None),
        lambda a: a.analyze_batch("not a column"),
        lambda a: a.analyze_batch(["x", "y"], ids=["1"]),
        lambda a: a.analyze_batch([1.5, b"bytes"]),
        lambda a: a.analyze_batch(["x"], colour=["red"]),
    ],
)
def test_bad_arguments_raise_python_exceptions(analyzer, call):
    with pytest.raises((TypeError, ValueError, framescope.FramescopeError)):
        call(analyzer)


@pytest.mark.parametrize("partial", ["", "{}", "not json", '{"format": "framescope-partial/999"}', "[" * 10000])
def test_bad_partials_raise_merge_error(analyzer, partial):
    corpus = framescope.Corpus(analyzer)
    with pytest.raises(framescope.MergeError):
        corpus._native.add_partial(partial)


def test_odd_texts_never_crash(analyzer):
    odd = ["", "\u201c" * 5000, "\x00\x01", "é" * 100000, "word " * 50000, '"' * 10001, "\ud7ff\ue000"]
    table = analyzer.analyze_batch([t if t else "x" for t in odd])
    assert table.num_rows == len(odd)
    for text in odd:
        analysis = analyzer.analyze(text)
        for s in analysis.sentences:
            assert 0 <= s.start <= s.end <= len(text.encode("utf-8"))
