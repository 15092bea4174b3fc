"""The PySpark job (examples/spark/extract_warc.py) in local[2] mode over generated WARC files:
row counts, a known event, equality with `dateline ingest` + `dateline export --format parquet`,
and its output loaded into a store by `dateline ingest OUT/` without running the pipeline.

Skips when pyspark (or Java) is missing, unless DATELINE_REQUIRE_SPARK=1 (CI)."""

import json
import os
import shutil
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from conftest import EXAMPLES, load_example as load


@pytest.fixture(scope="module")
def spark():
    missing = None
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        missing = "pyspark is not installed"
    if not missing and not shutil.which("java"):
        missing = "java is not on PATH"
    if missing:
        if os.environ.get("DATELINE_REQUIRE_SPARK") == "1":
            pytest.fail(missing)
        pytest.skip(missing)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]").appName("dateline-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate()
    )
    yield session
    session.stop()


STORE_ONLY = ("id", "document", "aggregate", "duplicate_of")
# Where the job and the CLI read the same file, they name it differently (file:/… and /…).
PATHS = ("path", "json")


def rows(path, drop=STORE_ONLY):
    table = pq.read_table(path)
    keep = [c for c in table.column_names if c not in drop]
    return table.select(keep), sorted(map(lambda r: tuple(r.values()), table.select(keep).to_pylist()), key=repr)


def test_spark_job_matches_the_cli_export(spark, cli, tmp_path):
    crawl = tmp_path / "crawl"
    n = load("make_warc").write_warcs(EXAMPLES, crawl, per_file=2)
    assert n == len(list(EXAMPLES.glob("*.txt"))) and len(list(crawl.iterdir())) >= 2

    out = tmp_path / "spark-out"
    counts = load("extract_warc").run(spark, str(crawl), str(out), glob="*.warc.gz", partitions=2)
    assert counts["documents"] == n

    db, export = tmp_path / "c.db", tmp_path / "cli-out"
    subprocess.run([cli, "ingest", str(crawl), "--db", str(db)], check=True, capture_output=True)
    subprocess.run([cli, "export", "--db", str(db), "--format", "parquet", "--out", str(export)],
                   check=True, capture_output=True)
    for name in ("events", "quotes", "entities", "claims", "documents"):
        drop = STORE_ONLY + PATHS if name == "documents" else STORE_ONLY
        spark_table, spark_rows = rows(out / name, drop)
        cli_table, cli_rows = rows(export / f"{name}.parquet", drop)
        assert spark_table.column_names == cli_table.column_names, name
        assert [f.type for f in spark_table.schema] == [f.type for f in cli_table.schema], name
        assert counts[name] == len(spark_rows) == len(cli_rows) > 0, name
        assert spark_rows == cli_rows, name

    events = pq.read_table(out / "events").to_pylist()
    signed = [e for e in events if e["cameo"] == "057" and e["source_actor"] == "KHM" and e["target_actor"] == "LAO"]
    assert signed, "Cambodia signing the Mekong agreement with Laos"
    assert signed[0]["date"] == "2025-06-12" and signed[0]["trigger"] == "signed"


def test_spark_output_loads_into_a_store(spark, cli, tmp_path):
    crawl = tmp_path / "crawl"
    n = load("make_warc").write_warcs(EXAMPLES, crawl, per_file=3)
    out = tmp_path / "spark-out"
    load("extract_warc").run(spark, str(crawl), str(out), glob="*.warc.gz", partitions=2)

    loaded, annotated = tmp_path / "loaded.db", tmp_path / "annotated.db"
    done = subprocess.run([cli, "ingest", str(out), "--db", str(loaded)], check=True, capture_output=True, text=True)
    assert f"{n} documents read" in done.stderr and f"{n} stored" in done.stderr, done.stderr
    subprocess.run([cli, "ingest", str(crawl), "--db", str(annotated)], check=True, capture_output=True)
    exports = {}
    for db in (loaded, annotated):
        exports[db] = tmp_path / f"{db.stem}-export"
        subprocess.run([cli, "export", "--db", str(db), "--format", "parquet", "--out", str(exports[db])],
                       check=True, capture_output=True)
    for name in ("events", "quotes", "entities", "claims", "documents"):
        drop = STORE_ONLY + PATHS if name == "documents" else STORE_ONLY
        _, from_spark = rows(exports[loaded] / f"{name}.parquet", drop)
        _, from_cli = rows(exports[annotated] / f"{name}.parquet", drop)
        assert from_spark == from_cli and from_spark, name

    # Loading again stores nothing twice; the store answers queries.
    again = subprocess.run([cli, "ingest", str(out), "--db", str(loaded)], check=True, capture_output=True, text=True)
    assert f"{n} already stored" in again.stderr, again.stderr
    found = subprocess.run([cli, "query", "--db", str(loaded), "--format", "json", "search", "agreement"],
                           check=True, capture_output=True, text=True)
    assert any("agreement" in (row["text"] or "").lower() for row in json.loads(found.stdout)), found.stdout
