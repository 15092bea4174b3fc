"""Dateline: political event data from news articles.

>>> import dateline
>>> doc = dateline.extract("Chile and Peru signed a fisheries pact on Monday.", published="2024-03-04")
>>> doc["events"][0]["cameo"]
'057'

``extract`` returns the ``dateline/1`` JSON (see docs/schema.md) as Python objects; a reusable
:class:`Pipeline` adds ``extract_batch`` (all cores, GIL released) and ``to_arrow`` (pyarrow
record batches with the columns of ``dateline export --format parquet``); :func:`read` streams
documents from files, directories, JSON Lines, feeds and WARC crawls.
"""

from ._dateline import (
    SCHEMA,
    DatelineError,
    Document,
    Pipeline,
    Reader,
    __version__,
    extract,
    read,
    read_bytes,
)

__all__ = [
    "SCHEMA",
    "DatelineError",
    "Document",
    "Pipeline",
    "Reader",
    "__version__",
    "extract",
    "read",
    "read_bytes",
]
