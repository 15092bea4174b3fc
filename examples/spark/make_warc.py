#!/usr/bin/env python3
"""Turn article files (the `examples/` layout) into WARC.gz crawl files of HTML pages.

    python examples/spark/make_warc.py ARTICLES_DIR OUT_DIR [--per-file N]

Each article becomes one gzip-compressed WARC/1.0 `response` record holding an HTTP 200
response with an HTML page (title, `article:published_time` when the article's address carries a
date, site name, headline and paragraphs), as a news crawler would store it. The output is
deterministic: the same articles give the same bytes. Used by the PySpark test and to make
benchmark inputs from `dateline-corpus` stories.
"""

import argparse
import gzip
import hashlib
import html
import re
import sys
from pathlib import Path

DATE_IN_URL = re.compile(r"(\d{4})[/-](\d{2})[/-](\d{2})")


def parse_article(text):
    """(url, headline, outlet, paragraphs) of an article file."""
    lines = text.splitlines()
    url = None
    if lines and lines[0].startswith("# source:"):
        url = lines.pop(0).split(":", 1)[1].strip()
    headline = outlet = None
    if len(lines) >= 3 and lines[0].strip() and lines[1].strip() and not lines[2].strip():
        headline, outlet = lines[0].strip(), lines[1].strip()
        lines = lines[3:]
    paragraphs = [p.strip() for p in "\n".join(lines).split("\n") if p.strip()]
    return url, headline, outlet, paragraphs


def page(url, headline, outlet, paragraphs):
    """The HTML page of an article."""
    head = [f"<title>{html.escape(headline or '')}</title>"]
    match = DATE_IN_URL.search(url or "")
    if match:
        head.append(f'<meta property="article:published_time" content="{"-".join(match.groups())}">')
    if outlet:
        head.append(f'<meta property="og:site_name" content="{html.escape(outlet)}">')
    body = [f"<h1>{html.escape(headline or '')}</h1>"] + [f"<p>{html.escape(p)}</p>" for p in paragraphs]
    return (
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + "".join(head)
        + "</head><body><header><nav>Home | World | Politics</nav></header><article>"
        + "".join(body) + "</article><footer>© News</footer></body></html>"
    ).encode("utf-8")


def record(url, payload, index):
    """One gzip member holding a WARC response record."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(payload)
    block = http + payload
    digest = hashlib.sha1(block).hexdigest()
    uuid = f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
    header = (
        "WARC/1.0\r\n"
        "WARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\n"
        f"WARC-Date: 2025-01-01T00:00:{index % 60:02d}Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode("ascii")
    return gzip.compress(header + block + b"\r\n\r\n", mtime=0)


def write_warcs(articles, out_dir, per_file=100):
    """Writes `crawl-00000.warc.gz`, … into `out_dir`; returns the number of records."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in Path(articles).rglob("*.txt") if p.name.lower() != "readme.txt")
    count = 0
    for start in range(0, len(files), per_file):
        with open(out_dir / f"crawl-{start // per_file:05d}.warc.gz", "wb") as out:
            for path in files[start:start + per_file]:
                url, headline, outlet, paragraphs = parse_article(path.read_text(encoding="utf-8"))
                url = url or f"https://news.example/{path.stem}"
                out.write(record(url, page(url, headline, outlet, paragraphs), count))
                count += 1
    return count


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", help="directory of article .txt files")
    parser.add_argument("out", help="directory for the .warc.gz files")
    parser.add_argument("--per-file", type=int, default=100, help="records per WARC file")
    args = parser.parse_args(argv)
    n = write_warcs(args.articles, args.out, args.per_file)
    print(f"wrote {n} records to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
