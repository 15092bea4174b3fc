"""The Python API: dicts equal to the CLI's JSON, batches, Arrow tables, readers, errors."""

import datetime
import json
import subprocess
import warnings

import pyarrow as pa
import pytest

import dateline
from conftest import load_example

STORY = (
    "Chile and Peru signed a fisheries pact in Lima on Monday. "
    '"This agreement protects our fishermen," Chilean Foreign Minister Ana Soto told reporters. '
    "Peru said more than 300 fishing boats had been seized last year."
)


def speaker_of(doc, quote):
    return doc["entities"][quote["speaker"]]["name"] if quote["speaker"] is not None else None


def test_extract_returns_the_schema_with_resolved_speakers_and_events():
    doc = dateline.extract(STORY, published="2024-03-04")
    assert doc["schema"] == dateline.SCHEMA == "dateline/1"
    assert doc["meta"]["published"] == "2024-03-04"
    direct = [q for q in doc["quotes"] if q["kind"] == "direct"]
    assert direct and speaker_of(doc, direct[0]) == "Ana Soto"
    pact = [e for e in doc["events"] if e["cameo"] == "057"]
    assert {(e["source"]["actor"], e["target"]["actor"]) for e in pact} >= {("CHL", "PER")}
    assert all(e["date"] == "2024-03-04" for e in pact)
    claim = doc["claims"][0]
    assert (claim["value"], claim["qualifier"]) == (300, "more than")
    # Spans are UTF-8 byte offsets into the text.
    raw = doc["text"].encode("utf-8")
    for q in doc["quotes"]:
        assert raw[q["start"]:q["end"]].decode("utf-8") == q["text"]


def test_published_accepts_dates_and_rejects_nonsense():
    as_date = dateline.extract(STORY, published=datetime.date(2024, 3, 4))
    as_datetime = dateline.extract(STORY, published=datetime.datetime(2024, 3, 4, 12, 30))
    assert as_date["events"] == as_datetime["events"] == dateline.extract(STORY, published="2024-03-04")["events"]
    with pytest.raises(ValueError, match="published"):
        dateline.extract(STORY, published="last Monday")


def test_output_equals_the_cli_json(cli, examples):
    for path, _ in examples:
        out = subprocess.run(
            [cli, "extract", str(path), "--date", "2025-06-12", "--format", "json"],
            check=True, capture_output=True,
        )
        expected = json.loads(out.stdout)
        (doc,) = list(dateline.read(str(path)))
        assert dateline.extract(doc, published="2025-06-12") == expected, path.name


def test_html_input():
    page = (
        "<html><head><title>Pact signed</title></head><body><article><h1>Pact signed</h1>"
        f"<p>{STORY}</p></article></body></html>"
    )
    doc = dateline.extract(page, html=True, url="https://news.example/pact")
    assert doc["source"]["format"] == "html"
    assert doc["source"]["url"] == "https://news.example/pact"
    assert "fisheries pact" in doc["text"]


def test_extract_batch_keeps_order_and_matches_single_calls(examples):
    texts = [t for _, t in examples] * 3
    pipeline = dateline.Pipeline()
    one = pipeline.extract_batch(texts, jobs=1, published="2025-01-01")
    two = pipeline.extract_batch(texts, jobs=2, published="2025-01-01")
    assert one == two
    assert [d["meta"]["headline"] for d in one] == [
        pipeline.extract(t, published="2025-01-01")["meta"]["headline"] for t in texts
    ]
    with pytest.raises(ValueError, match="jobs"):
        pipeline.extract_batch(texts, jobs=0)


def test_to_arrow_tables(examples):
    texts = [t for _, t in examples]
    tables = dateline.Pipeline().to_arrow(texts, published="2025-01-01")
    assert list(tables) == ["events", "quotes", "entities", "claims", "documents"]
    docs = dateline.Pipeline().extract_batch(texts, published="2025-01-01")
    for name in ["events", "quotes", "entities", "claims"]:
        assert isinstance(tables[name], pa.RecordBatch)
        assert tables[name].num_rows == sum(len(d[name]) for d in docs), name
    documents = tables["documents"].to_pylist()
    assert len(documents) == len(docs)
    assert [d["text"] for d in documents] == [d["text"] for d in docs]
    assert all(json.loads(d["json"])["schema"] == "dateline/1" for d in documents)
    assert {d["published"] for d in documents} == {"2025-01-01"}
    events = tables["events"]
    assert events.schema.field("goldstein").type == pa.float64()
    assert events.schema.field("quad_class").type == pa.int64()
    assert set(events.column("cameo").to_pylist()) == {e["cameo"] for d in docs for e in d["events"]}
    # Tables join on the text's SHA-1.
    assert set(tables["quotes"].column("document_hash").to_pylist()) <= set(
        tables["entities"].column("document_hash").to_pylist()
    )
    empty = dateline.Pipeline().to_arrow([])
    assert empty["events"].num_rows == 0 and empty["events"].schema == events.schema


def write_warc(path, pages):
    make_warc = load_example("make_warc")
    with open(path, "wb") as out:
        for i, (url, html) in enumerate(pages):
            out.write(make_warc.record(url, html.encode("utf-8"), i))


def test_read_streams_jsonl_and_warc(tmp_path):
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text(
        json.dumps({"text": STORY, "url": "https://a.example/1", "published": "2024-03-04"}) + "\n"
        + "{broken\n"
        + json.dumps({"text": "Brazil condemned Peru on Tuesday.", "url": "https://a.example/2"}) + "\n"
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = list(dateline.read(jsonl))
    assert [d.url for d in docs] == ["https://a.example/1", "https://a.example/2"]
    assert docs[0].published == "2024-03-04"
    assert any("articles.jsonl" in str(w.message) and "line 2" in str(w.message) for w in caught)
    with pytest.raises(dateline.DatelineError, match="line 2"):
        list(dateline.read(jsonl, errors="raise"))
    assert len(list(dateline.read(jsonl, errors="ignore"))) == 2

    warc = tmp_path / "crawl.warc.gz"
    page = f"<html><head><title>Pact</title></head><body><article><h1>Pact</h1><p>{STORY}</p></article></body></html>"
    write_warc(warc, [("https://w.example/a", page), ("https://w.example/b", page.replace("Chile", "Bolivia"))])
    from_file = list(dateline.read(warc))
    from_bytes = list(dateline.read_bytes(warc.read_bytes(), name="crawl.warc.gz"))
    assert [d.url for d in from_file] == [d.url for d in from_bytes] == ["https://w.example/a", "https://w.example/b"]
    doc = dateline.extract(from_file[1])
    assert doc["source"]["format"] == "warc"
    assert any(e["source"] and e["source"]["actor"] == "BOL" for e in doc["events"])
    assert from_file[0].to_dict()["events"] == []  # read, not annotated


def test_bad_input_raises_clear_python_errors(tmp_path):
    with pytest.raises(dateline.DatelineError, match="binary"):
        dateline.extract(b"\x00\x01\x02\x03")
    with pytest.raises(dateline.DatelineError, match="empty"):
        dateline.extract("   ")
    with pytest.raises(TypeError, match="str, bytes or dateline.Document"):
        dateline.extract(42)
    with pytest.raises(TypeError):
        dateline.Pipeline().extract_batch(7)
    with pytest.raises(dateline.DatelineError, match="no such file"):
        dateline.read(tmp_path / "missing.warc.gz")
    with pytest.raises(ValueError, match="errors"):
        dateline.read(tmp_path, errors="sometimes")
    assert issubclass(dateline.DatelineError, ValueError)
    # Random bytes never crash the interpreter: each is a dict or a DatelineError.
    import random

    rng = random.Random(7)
    for _ in range(200):
        blob = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        try:
            assert dateline.extract(blob)["schema"] == "dateline/1"
        except dateline.DatelineError:
            pass
        for doc in dateline.read_bytes(blob, errors="ignore"):
            dateline.extract(doc)
