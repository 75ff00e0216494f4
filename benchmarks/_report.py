"""Shared helpers for the benchmark scripts: timing, subprocess isolation, doc tables."""

from __future__ import annotations

import json
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["timer", "peak_rss_mb", "run_isolated", "markdown_table", "write_doc_section", "machine"]

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
