"""docs/diagrams.md and its pictures stay in step with the code and the bundled models."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eaframe.bundled import bundled_models

REPO = Path(__file__).resolve().parent.parent


def test_diagram_pictures_and_tables_are_up_to_date():
    r = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_diagrams.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_every_bundled_model_has_its_pictures_in_the_doc():
    text = (REPO / "docs" / "diagrams.md").read_text(encoding="utf-8")
    for name in bundled_models():
        for kind in ("layered", "interconnection"):
            assert f"](img/{name}.{kind}.svg)" in text
            assert (REPO / "docs" / "img" / f"{name}.{kind}.svg").is_file()
