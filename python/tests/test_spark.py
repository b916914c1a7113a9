"""framescope on Spark in local mode (local[2]) over the bundled sample: the
report equals the command line's byte for byte, and the article rows equal
analyze_batch's. CI sets FRAMESCOPE_REQUIRE_SPARK=1 so that a missing
pyspark or Java fails instead of skipping."""

import json
import os
import sys

import pytest

import framescope

from conftest import SAMPLE, cli

if os.environ.get("FRAMESCOPE_REQUIRE_SPARK") != "1":
    pytest.importorskip("pyspark")

from framescope import spark as fss  # noqa: E402


@pytest.fixture(scope="module")
def session():
    from pyspark.sql import SparkSession

    # The workers must run this interpreter, the one framescope is installed in.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("framescope-test")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    yield spark
    spark.stop()


def test_spark_report_is_byte_identical_to_the_command_line(session):
    df = session.read.json(str(SAMPLE)).repartition(3)
    report = fss.report(df)
    assert report.to_json() == cli(str(SAMPLE), "--format", "json")


def test_spark_report_with_options_matches(session):
    df = session.read.json(str(SAMPLE)).repartition(5)
    report = fss.report(df, seed=7, resamples=300, depth=3)
    assert report.to_json() == cli(str(SAMPLE), "--format", "json", "--seed", "7", "--resamples", "300")


def test_spark_article_rows_equal_analyze_batch(session):
    df = session.read.json(str(SAMPLE)).repartition(2)
    rows = {r["id"]: r.asDict() for r in fss.analyze(df).collect()}
    with open(SAMPLE, encoding="utf-8") as f:
        articles = [json.loads(l) for l in f if l.strip()]
    table = framescope.Analyzer().analyze_batch(
        [a["text"] for a in articles],
        ids=[a["id"] for a in articles],
        outlets=[a["outlet"] for a in articles],
        titles=[a.get("title") for a in articles],
        published=[a.get("published") for a in articles],
        stories=[a.get("story") for a in articles],
    ).to_pylist()
    assert len(rows) == len(table)
    for want in table:
        got = rows[want["id"]]
        assert got == want, want["id"]


def test_spark_group_column_plays_the_outlet(session):
    df = session.read.json(str(SAMPLE)).withColumnRenamed("outlet", "publisher")
    report = fss.report(df, group="publisher", resamples=50)
    assert report.to_json() == cli(str(SAMPLE), "--format", "json", "--resamples", "50")
