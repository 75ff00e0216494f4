"""Shared fixtures: paths to the repository, ``../shared`` and golden files.

Also a line in the terminal summary saying how many tests were skipped because
``../shared`` is missing, and where it was looked for.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
#: The reason of every skip for a missing ``../shared`` (the terminal summary counts them).
SHARED_SKIP_REASON = "../shared (reference XSDs and examples) not found beside the checkout"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Write golden files (tests/data/golden/) from the current output, new ones included.")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only ``../shared`` reference folder beside the checkout.

    Skipped outside CI when it is absent (a plain clone); CI always has it, so there
    a missing folder is a failure.
    """
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing; CI must provide ../shared beside the checkout")
        pytest.skip(f"{SHARED_SKIP_REASON} at {SHARED}")
    return SHARED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say why tests were skipped when ``../shared`` is missing, once, in the summary."""
    count = 0
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
        count += SHARED_SKIP_REASON in reason
    if count:
        terminalreporter.write_line(
            f"{count} test{'s' if count != 1 else ''} skipped: {SHARED_SKIP_REASON} at {SHARED}; "
            "CI provides it (put a copy there to run them)", yellow=True)


@pytest.fixture
def golden(request):
    """Compare text with a golden file under tests/data/golden/.

    A missing golden file fails the test; ``--update-golden`` writes it (and rewrites
    the ones that differ).
    """
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = DATA / "golden" / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        elif not path.exists():
            pytest.fail(f"golden file {path} is missing: run pytest --update-golden to write it, "
                        "then review and commit it")
        assert text == path.read_text(encoding="utf-8"), f"output differs from golden file {path}"

    return check


@pytest.fixture
def models_copy(tmp_path, monkeypatch):
    """A copy of models/ that eaframe.bundled reads instead of the repository's."""
    import shutil

    from eaframe import bundled

    copy = tmp_path / "models"
    shutil.copytree(REPO / "models", copy)
    monkeypatch.setattr(bundled, "_models_dir", lambda: copy)
    return copy
