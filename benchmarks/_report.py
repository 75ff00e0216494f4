"""Shared helpers for the benchmark scripts: timing, subprocess isolation, doc tables."""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

__all__ = ["timer", "peak_rss_mb", "run_isolated", "markdown_table", "write_doc_section", "machine", "SIZES",
           "sweep_arguments"]

ROOT = Path(__file__).resolve().parent.parent
# Test-support and doc-generator code outside the installed package: tests/edits_support.py
# (random model edits) and scripts/docgen.py (marked doc sections).
for _folder in (ROOT / "tests", ROOT / "scripts"):
    if str(_folder) not in sys.path:
        sys.path.append(str(_folder))
PERF_DOC = ROOT / "docs" / "performance.md"


@contextmanager
def timer(results: dict, key: str) -> Iterator[None]:
    """Store the wall-clock seconds of the block in ``results[key]``."""
    t0 = time.perf_counter()
    yield
    results[key] = time.perf_counter() - t0


def peak_rss_mb() -> float:
    """Peak resident set size of this process, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_isolated(script: Path, *args: str) -> dict:
    """Run ``script --child ARGS`` in a fresh interpreter; it prints one JSON object."""
    out = subprocess.run([sys.executable, str(script), "--child", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" ---: " if i else " --- " for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def machine() -> str:
    import os

    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"


def write_doc_section(name: str, body: str) -> None:
    """Replace the ``<!-- bench:NAME -->`` section of docs/performance.md with ``body``."""
    from docgen import replace_marked_section

    text = PERF_DOC.read_text(encoding="utf-8")
    try:
        PERF_DOC.write_text(replace_marked_section(text, name, body, tag="bench"), encoding="utf-8")
    except KeyError as err:
        raise SystemExit(f"docs/performance.md: {err.args[0]}") from None


#: The model sizes (elements) a benchmark runs by default.
SIZES = [1_000, 10_000, 100_000]


def _sizes(text: str) -> list[int]:
    try:
        return [int(x) for x in text.split(",") if x]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size or comma-separated list of sizes: {text!r}") from None


def sweep_arguments(doc: str, child: Callable[[int], dict], sizes: list[int] = SIZES,
                    argv: Optional[list[str]] = None) -> Optional[argparse.Namespace]:
    """The options of a benchmark over model sizes: ``--sizes`` (numbers, space- or
    comma-separated; default ``sizes``), ``--write-docs``, and the hidden ``--child N`` with
    which :func:`run_isolated` runs one size in a fresh interpreter: then ``child(N)`` runs,
    its result is printed as one JSON line and ``None`` is returned.
    """
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--sizes", type=_sizes, nargs="+", default=[list(sizes)], metavar="N",
                    help=f"model sizes in elements (default: {' '.join(map(str, sizes))})")
    ap.add_argument("--write-docs", action="store_true", help="replace the table in docs/performance.md")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(child(a.child)))
        return None
    a.sizes = [n for group in a.sizes for n in group]
    return a
