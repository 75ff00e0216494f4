"""eaframe is type-checked: ``mypy eaframe`` (configured in setup.cfg) reports no error.

The package ships ``py.typed`` (checked in tests/test_wheel.py), so the annotations are
what its users' type checkers see. A cold run takes about 25 s on two busy cores; the
cache lives in the virtual environment (``.venv/.mypy_cache``), where later runs take
about 2 s.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if sys.prefix != sys.base_prefix and Path(sys.prefix).is_dir():
        return Path(sys.prefix) / ".mypy_cache"  # inside the virtual environment: kept between runs
    return tmp_path_factory.mktemp("mypy_cache")


@pytest.mark.slow
def test_mypy_reports_no_error(tmp_path_factory):
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (it is in the dev extras: pip install -e .[dev])")
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(_cache_dir(tmp_path_factory)),
         "--no-color-output", "eaframe"],
        cwd=REPO, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, f"mypy eaframe (exit {r.returncode}):\n{r.stdout}{r.stderr}"
    assert "Success: no issues found" in r.stdout, r.stdout
