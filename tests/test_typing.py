"""eaframe is type-checked: ``mypy eaframe`` (configured in setup.cfg) reports no error.

The package ships ``py.typed`` (checked in tests/test_wheel.py), so the annotations are
what its users' type checkers see. A cold run takes about 25 s on two busy cores; the
cache lives in the virtual environment (``.venv/.mypy_cache``), where later runs take
about 2 s.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Errors still expected, as (file, error code) with how many times each occurs, in files
# being rewritten on other branches (model-shape, diff-presentation); the integrator
# fixes them after merging those branches and empties this table.
EXPECTED: Counter[tuple[str, str]] = Counter({
    ("eaframe/graph.py", "union-attr"): 1,
    ("eaframe/model.py", "assignment"): 1,
    ("eaframe/model.py", "arg-type"): 2,
    ("eaframe/modeldiff/compare.py", "assignment"): 1,
    ("eaframe/modeldiff/render.py", "assignment"): 1,
})

_ERROR = re.compile(r"^(?P<file>[^:\n]+):\d+: error: .*\[(?P<code>[a-z-]+)\]$")


def errors_by_kind(output: str) -> tuple[Counter[tuple[str, str]], list[str]]:
    """(file, code) counts of mypy's error lines, and the error lines."""
    found: Counter[tuple[str, str]] = Counter()
    lines = []
    for line in output.splitlines():
        m = _ERROR.match(line)
        if m:
            found[(m["file"].replace(os.sep, "/"), m["code"])] += 1
            lines.append(line)
    return found, lines


def unexpected(found: Counter[tuple[str, str]], lines: list[str]) -> list[str]:
    """The error lines beyond what EXPECTED allows for their (file, code)."""
    over = found - EXPECTED
    out = []
    for line in lines:
        m = _ERROR.match(line)
        assert m is not None
        key = (m["file"].replace(os.sep, "/"), m["code"])
        if over[key] > 0:
            out.append(line)
    return out


def test_error_parsing_and_allow_list_arithmetic():
    out = ("eaframe/model.py:139: error: Incompatible types  [assignment]\n"
           "eaframe/x.py:1: error: Item \"None\" of \"Optional[str]\" has no attribute \"a\"  [union-attr]\n"
           "eaframe/x.py:2: note: See https://mypy.readthedocs.io\n"
           "Found 2 errors in 2 files (checked 1 source file)\n")
    found, lines = errors_by_kind(out)
    assert found == Counter({("eaframe/model.py", "assignment"): 1, ("eaframe/x.py", "union-attr"): 1})
    assert unexpected(found, lines) == [lines[1]]


def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if sys.prefix != sys.base_prefix and os.access(sys.prefix, os.W_OK):
        return Path(sys.prefix) / ".mypy_cache"  # inside the virtual environment: kept between runs
    return tmp_path_factory.mktemp("mypy_cache")


@pytest.mark.slow
def test_mypy_reports_no_error(tmp_path_factory):
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (it is in the dev extras: pip install -e .[dev])")
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(_cache_dir(tmp_path_factory)),
         "--no-color-output", "--no-error-summary", "eaframe"],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    found, lines = errors_by_kind(r.stdout)
    assert r.returncode in (0, 1), f"mypy failed to run (exit {r.returncode}):\n{r.stdout}{r.stderr}"
    assert lines or r.returncode == 0, f"mypy failed without an error line:\n{r.stdout}{r.stderr}"
    extra = unexpected(found, lines)
    assert not extra, "mypy errors:\n" + "\n".join(extra) + "\n\nfull output:\n" + r.stdout
    fixed = EXPECTED - found
    assert not fixed, ("these expected errors are gone: remove them from EXPECTED in tests/test_typing.py: "
                       + ", ".join(f"{f} [{c}] x{n}" for (f, c), n in sorted(fixed.items())))
