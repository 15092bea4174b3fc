"""Type stubs for the ``dateline`` package (the Rust extension ``dateline._dateline``)."""

import datetime
import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Optional, Union

import pyarrow

SCHEMA: str
__version__: str

Article = Union[str, bytes, "Document"]
DateLike = Union[str, datetime.date, datetime.datetime]
OnError = Literal["raise", "warn", "ignore"]

class DatelineError(ValueError):
    """An input Dateline cannot read or annotate; the message names the input and the reason."""

class Document:
    """A document read from an input (see :func:`read`), not yet annotated."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def headline(self) -> Optional[str]: ...
    @property
    def published(self) -> Optional[str]: ...
    @property
    def url(self) -> Optional[str]: ...
    def to_dict(self) -> Dict[str, Any]:
        """The ``dateline/1`` JSON of this document as Python objects."""

class Pipeline:
    """The annotation pipeline; build it once and reuse it (thread-safe)."""

    def __init__(self) -> None: ...
    def extract(
        self,
        article: Article,
        *,
        html: bool = False,
        published: Optional[DateLike] = None,
        url: Optional[str] = None,
    ) -> Dict[str, Any]:
        """Annotate one article; returns its ``dateline/1`` dict."""
    def extract_batch(
        self,
        articles: Iterable[Article],
        *,
        jobs: Optional[int] = None,
        html: bool = False,
        published: Optional[DateLike] = None,
    ) -> List[Dict[str, Any]]:
        """Annotate many articles on ``jobs`` threads (default: all cores), GIL released."""
    def to_arrow(
        self,
        articles: Iterable[Article],
        *,
        jobs: Optional[int] = None,
        html: bool = False,
        published: Optional[DateLike] = None,
    ) -> Dict[str, pyarrow.RecordBatch]:
        """Annotate many articles; ``{"events", "quotes", "entities", "claims", "documents"}`` record batches."""

class Reader(Iterator[Document]):
    def __iter__(self) -> "Reader": ...
    def __next__(self) -> Document: ...

def extract(
    article: Article,
    *,
    html: bool = False,
    published: Optional[DateLike] = None,
    url: Optional[str] = None,
) -> Dict[str, Any]:
    """Annotate one article with a shared default pipeline; returns its ``dateline/1`` dict."""

def read(
    path: Union[str, "os.PathLike[str]"],
    *,
    errors: OnError = "warn",
    max_bytes: int = 67108864,
) -> Reader:
    """Stream documents from a file or directory (text, HTML, JSONL, RSS/Atom, WARC[.gz])."""

def read_bytes(
    data: bytes,
    name: str = "<bytes>",
    *,
    errors: OnError = "warn",
    max_bytes: int = 67108864,
) -> Reader:
    """Stream documents from bytes in memory; the format is sniffed."""
