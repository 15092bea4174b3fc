#!/usr/bin/env python3
"""Extract political event data from news crawls with Dateline on Apache Spark.

Reads WARC(.gz) files — or JSON Lines, or any input `dateline.read` accepts — in partitions with
Spark's `binaryFile` source, runs Dateline inside `mapInArrow`, and writes `events`, `quotes`,
`entities`, `claims` and `documents` as Parquet with the columns of `dateline export --format
parquet` (store-only columns `id`, `document`, `aggregate`, `duplicate_of` are null;
`document_hash` joins the tables). `dateline ingest OUTPUT/` stores them without annotating again.

Local:
    python examples/spark/extract_warc.py crawl/ out/ --master 'local[2]'
Cluster (the `dateline` wheel must be importable on every executor, see docs/spark.md):
    spark-submit --master yarn --archives dateline-env.tar.gz#env \\
        examples/spark/extract_warc.py s3a://bucket/cc-news/2024/ s3a://bucket/dateline/2024/

Each annotated chunk crosses from the first stage to the table writers as Arrow IPC bytes, so
every article is annotated once however many tables are written.
"""

import argparse
import os
import sys
import time

import pyarrow as pa

TABLES = ("events", "quotes", "entities", "claims", "documents")
# Documents annotated together: large enough to amortise the call, small enough for memory.
CHUNK = 64
_PIPELINE = None


def pipeline():
    """One Dateline pipeline per Python worker, built on first use."""
    global _PIPELINE
    if _PIPELINE is None:
        import dateline

        _PIPELINE = dateline.Pipeline()
    return _PIPELINE


def table_schemas():
    """The Arrow schema of each table, from the package itself."""
    return {name: batch.schema for name, batch in pipeline().to_arrow([]).items()}


SPARK_TYPES = {pa.int64(): "bigint", pa.float64(): "double", pa.string(): "string"}


def spark_ddl(schema):
    """A Spark DDL schema string for an Arrow schema of int64, float64 and string columns."""
    return ", ".join(f"`{f.name}` {SPARK_TYPES[f.type]}" for f in schema)


def _encode(docs, tables, published):
    """Annotates `docs`; one row per table holding that table's record batch as Arrow IPC."""
    out = pipeline().to_arrow(docs, jobs=1, published=published)
    payloads = []
    for name in tables:
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, out[name].schema) as writer:
            writer.write_batch(out[name])
        payloads.append(sink.getvalue().to_pybytes())
    return pa.RecordBatch.from_arrays(
        [pa.array(list(tables)), pa.array(payloads, pa.binary()), pa.array([len(docs)] * len(tables), pa.int64())],
        names=["table", "payload", "documents"],
    )


def annotate_files(batches, tables, published=None):
    """mapInArrow function: (path, content) rows of input files → annotated IPC payloads.

    Unreadable files or records are skipped with a warning in the executor log."""
    import dateline

    for batch in batches:
        paths = batch.column("path").to_pylist()
        contents = batch.column("content").to_pylist()
        for path, content in zip(paths, contents):
            chunk = []
            for doc in dateline.read_bytes(content, name=path, errors="warn"):
                chunk.append(doc)
                if len(chunk) == CHUNK:
                    yield _encode(chunk, tables, published)
                    chunk = []
            if chunk:
                yield _encode(chunk, tables, published)


def decode(batches):
    """mapInArrow function: IPC payloads → the table's rows."""
    for batch in batches:
        for payload in batch.column("payload").to_pylist():
            yield from pa.ipc.open_stream(payload)


def run(spark, source, out, tables=TABLES, glob=None, partitions=None, published=None):
    """Runs the job; returns {"documents": n, table: rows, …, "seconds": s}."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    started = time.monotonic()
    reader = spark.read.format("binaryFile").option("recursiveFileLookup", "true")
    if glob:
        reader = reader.option("pathGlobFilter", glob)
    files = reader.load(source).select("path", "content")
    if partitions:
        files = files.repartition(partitions)
    annotated = files.mapInArrow(
        lambda it: annotate_files(it, tables, published),
        "table string, payload binary, documents bigint",
    ).persist(StorageLevel.MEMORY_AND_DISK)
    schemas = table_schemas()
    counts = {
        "documents": annotated.filter(F.col("table") == tables[0]).agg(F.sum("documents")).first()[0] or 0
    }
    for name in tables:
        rows = annotated.filter(F.col("table") == name).select("payload").mapInArrow(decode, spark_ddl(schemas[name]))
        rows.write.mode("overwrite").parquet(f"{out.rstrip('/')}/{name}")
        counts[name] = spark.read.parquet(f"{out.rstrip('/')}/{name}").count()
    annotated.unpersist()
    counts["seconds"] = round(time.monotonic() - started, 2)
    return counts


def main(argv=None):
    parser = argparse.ArgumentParser(description="Dateline on Spark: crawls in, event tables out as Parquet.")
    parser.add_argument("input", help="directory (local, hdfs://, s3a://) of WARC.gz, JSONL or other inputs")
    parser.add_argument("output", help="directory for events/, quotes/, entities/, claims/, documents/ Parquet")
    parser.add_argument("--glob", default=None, help="only files matching this pattern, e.g. '*.warc.gz'")
    parser.add_argument("--tables", default=",".join(TABLES), help="comma-separated tables to write")
    parser.add_argument("--partitions", type=int, default=None, help="repartition the input files")
    parser.add_argument("--published", default=None, help="YYYY-MM-DD for articles that give no date")
    parser.add_argument("--master", default=None, help="Spark master when run with python, e.g. local[2]")
    args = parser.parse_args(argv)
    tables = tuple(t.strip() for t in args.tables.split(",") if t.strip())
    unknown = [t for t in tables if t not in TABLES]
    if unknown:
        parser.error(f"unknown tables {unknown}; choose from {', '.join(TABLES)}")

    from pyspark.sql import SparkSession

    # Local runs: executors use this interpreter (with dateline and pyarrow installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("dateline-extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        counts = run(spark, args.input, args.output, tables, args.glob, args.partitions, args.published)
    finally:
        spark.stop()
    print(" ".join(f"{k}={v}" for k, v in counts.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
