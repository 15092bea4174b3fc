#!/usr/bin/env python3
"""Mines reporting verbs from the eRST attribution relations of GUM (UD English GUM train).

Reads `en_gum-ud-train.conllu` (../shared/data/ud-english), keeps the documents of the genres
licensed CC BY / BY-SA other than news (news is where Dateline's quote check is measured:
`dateline eval quotes ../shared/data/gum-news`), and counts the lemmas of the verbs GUM
annotators marked as the indicative word (`lex-indwd` signal) of an `attribution-positive`
relation. Writes `cues-gum.tsv`: lemma, count, for lemmas seen at least MIN_COUNT times.

    python3 build_cue_verbs.py ../../../../../shared/data/ud-english/en_gum-ud-train.conllu > cues-gum.tsv
"""
import collections
import re
import sys

GENRES = {"interview", "bio", "voyage", "academic", "court", "speech", "textbook"}
MIN_COUNT = 2


def documents(path):
    doc_id, rows = None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"# newdoc id = (\S+)", line)
            if m:
                if doc_id:
                    yield doc_id, rows
                doc_id, rows = m.group(1), []
                continue
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                rows.append(cols)
    if doc_id:
        yield doc_id, rows


def main():
    counts = collections.Counter()
    for doc_id, rows in documents(sys.argv[1]):
        genre = doc_id.split("_")[1] if doc_id.count("_") >= 2 else ""
        if genre not in GENRES:
            continue
        for cols in rows:
            for rel in re.findall(r"Discourse=([^|]*)", cols[9]):
                for part in rel.split(";"):
                    fields = part.split(":")
                    if not fields[0].startswith("attribution-positive") or len(fields) < 4:
                        continue
                    for signal in fields[3].split("+"):
                        m = re.match(r"lex-indwd-([\d,-]+)$", signal)
                        if not m:
                            continue
                        for item in m.group(1).split(","):
                            a, _, b = item.partition("-")
                            for n in range(int(a), int(b or a) + 1):
                                if 0 < n <= len(rows) and rows[n - 1][3] == "VERB":
                                    counts[rows[n - 1][2].lower()] += 1
    print("# Reporting verbs mined from GUM (UD English GUM train, CC BY/BY-SA genres other than")
    print("# news): lemmas GUM annotators marked as the indicative word of an eRST attribution,")
    print(f"# seen at least {MIN_COUNT} times. Built by build_cue_verbs.py; GUM: Zeldes et al.,")
    print("# annotations CC BY 4.0 (see ../shared/data/ud-english/SOURCE.md). lemma<TAB>count")
    for lemma, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= MIN_COUNT:
            print(f"{lemma}\t{n}")


if __name__ == "__main__":
    main()
