"""Shared fixtures: paths to the repository, ``../shared`` and golden files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from current output.")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only ``../shared`` reference folder beside the checkout.

    Skipped outside CI when it is absent (a plain clone); CI always has it, so there
    a missing folder is a failure.
    """
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing; CI must provide ../shared beside the checkout")
        pytest.skip(f"{SHARED} not present (reference data beside the checkout)")
    return SHARED


@pytest.fixture
def golden(request):
    """Compare text with a golden file under tests/data/golden/ (``--update-golden`` rewrites)."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = DATA / "golden" / name
        if update or not path.exists():
            if not update and os.environ.get("CI"):
                pytest.fail(f"golden file {path} is missing")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), f"output differs from golden file {path}"

    return check
