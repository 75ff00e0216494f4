"""The test infrastructure itself: golden files and the ../shared skip summary.

Each test copies tests/conftest.py beside a tiny test file in a temporary folder and runs
pytest on it in a subprocess (no ../shared beside that folder, no CI variable).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

CONFTEST = Path(__file__).resolve().parent / "conftest.py"


def _pytest(tmp_path: Path, test_source: str, *args: str) -> subprocess.CompletedProcess:
    root = tmp_path / "checkout"
    tests = root / "tests"
    tests.mkdir(parents=True, exist_ok=True)
    shutil.copy2(CONFTEST, tests / "conftest.py")
    (tests / "test_tiny.py").write_text(test_source, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rs", str(tests), *args],
                          cwd=root, env=env, capture_output=True, text=True, timeout=120)


GOLDEN_TEST = """
def test_output(golden):
    golden("out.txt", "hello\\n")
"""


def test_missing_golden_file_fails_without_ci_and_writes_nothing(tmp_path):
    r = _pytest(tmp_path, GOLDEN_TEST)
    assert r.returncode == 1, r.stdout
    assert "golden file" in r.stdout and "out.txt is missing: run pytest --update-golden" in r.stdout
    assert not (tmp_path / "checkout" / "tests" / "data" / "golden" / "out.txt").exists()


def test_update_golden_writes_then_the_test_passes(tmp_path):
    r = _pytest(tmp_path, GOLDEN_TEST, "--update-golden")
    assert r.returncode == 0, r.stdout
    path = tmp_path / "checkout" / "tests" / "data" / "golden" / "out.txt"
    assert path.read_text(encoding="utf-8") == "hello\n"
    assert _pytest(tmp_path, GOLDEN_TEST).returncode == 0
    path.write_text("changed\n", encoding="utf-8")
    r = _pytest(tmp_path, GOLDEN_TEST)
    assert r.returncode == 1 and "output differs from golden file" in r.stdout


SHARED_TESTS = """
def test_one(shared):
    pass

def test_two(shared):
    pass

def test_plain():
    pass
"""


def test_summary_says_why_tests_are_skipped_without_shared(tmp_path):
    r = _pytest(tmp_path, SHARED_TESTS)
    assert r.returncode == 0, r.stdout
    shared = tmp_path / "shared"  # beside the checkout, as ../shared
    expected = (f"2 tests skipped: ../shared (reference XSDs and examples) not found beside the checkout "
                f"at {shared}; CI provides it")
    assert expected in r.stdout
    assert "1 passed, 2 skipped" in r.stdout


def test_no_skip_line_when_shared_is_there(tmp_path):
    (tmp_path / "shared").mkdir()
    r = _pytest(tmp_path, SHARED_TESTS)
    assert r.returncode == 0 and "3 passed" in r.stdout
    assert "skipped: ../shared" not in r.stdout
