"""Shared fixtures: the repository, our example articles, the `dateline` CLI for comparisons."""

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples"


def load_example(name):
    """A script of examples/spark/ as a module."""
    spec = importlib.util.spec_from_file_location(name, REPO / "examples" / "spark" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def example_paths():
    return sorted(p for p in EXAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def examples():
    """(path, text) of each example article."""
    return [(p, p.read_text(encoding="utf-8")) for p in example_paths()]


@pytest.fixture(scope="session")
def cli():
    """Path of the `dateline` binary: $DATELINE_BIN, else target/{debug,release}/dateline.

    Skips when none is built, unless DATELINE_REQUIRE_SPARK=1 (CI), where that is a failure."""
    candidates = [os.environ.get("DATELINE_BIN")] + [
        str(REPO / "target" / profile / "dateline") for profile in ("debug", "release")
    ] + [shutil.which("dateline")]
    for c in candidates:
        if c and Path(c).is_file():
            return c
    reason = "no dateline binary: build it with `cargo build` or set DATELINE_BIN"
    if os.environ.get("DATELINE_REQUIRE_SPARK") == "1":
        pytest.fail(reason)
    pytest.skip(reason)
