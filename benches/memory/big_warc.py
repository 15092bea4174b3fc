#!/usr/bin/env python3
"""Write one large WARC file (default 1 GiB) for memory measurements, from generated stories.

    cargo run --release -p dateline-corpus --example write_corpus -- /tmp/corpus 42 3000000
    python examples/spark/make_warc.py /tmp/corpus /tmp/warc --per-file 500
    python benches/memory/big_warc.py /tmp/warc /tmp/big.warc [--gib 1]

Cycles through the records of the input WARC(.gz) files until the output reaches the size, each
pass rewriting every page with a distinct address and a closing paragraph naming the pass, so
that no two documents have the same text. Deterministic: same inputs, same bytes.
"""

import argparse
import gzip
import sys
from pathlib import Path


def records(path):
    """(target URI, HTML payload) of each response record of a WARC made by make_warc.py."""
    data = gzip.open(path, "rb").read() if path.suffix == ".gz" else path.read_bytes()
    at = 0
    while True:
        start = data.find(b"WARC/1.0\r\n", at)
        if start < 0:
            return
        head_end = data.index(b"\r\n\r\n", start)
        headers = dict(
            line.split(b": ", 1) for line in data[start:head_end].split(b"\r\n")[1:] if b": " in line
        )
        length = int(headers[b"Content-Length"])
        block = data[head_end + 4:head_end + 4 + length]
        at = head_end + 4 + length
        http_end = block.index(b"\r\n\r\n")
        yield headers[b"WARC-Target-URI"].decode(), block[http_end + 4:]


def record(url, payload, index):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(payload)
    block = http + payload
    header = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2025-01-01T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{index:012d}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return header + block + b"\r\n\r\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warc_dir")
    parser.add_argument("out")
    parser.add_argument("--gib", type=float, default=1.0)
    args = parser.parse_args()
    target = int(args.gib * (1 << 30))
    sources = sorted(Path(args.warc_dir).glob("*.warc*"))
    written, index, copy = 0, 0, 0
    with open(args.out, "wb") as out:
        while written < target:
            copy += 1
            for path in sources:
                for url, html in records(path):
                    html = html.replace(
                        b"</article>", b"<p>Archive copy %d of this report.</p></article>" % copy, 1
                    )
                    chunk = record(f"{url}?copy={copy}", html, index)
                    out.write(chunk)
                    written += len(chunk)
                    index += 1
                    if written >= target:
                        break
                if written >= target:
                    break
    print(f"wrote {index} records, {written} bytes to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
