"""docs/models.md: its generated tables match the bundled model files."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _gen():
    spec = importlib.util.spec_from_file_location("gen_models_doc", REPO / "scripts" / "gen_models_doc.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_models_doc_is_in_sync_with_the_model_files():
    gen = _gen()
    text = gen.DOC.read_text(encoding="utf-8")
    assert gen.render(text) == text, "docs/models.md is out of date: run python scripts/gen_models_doc.py"


def test_models_doc_lists_every_block_and_source():
    import eaframe

    text = (REPO / "docs" / "models.md").read_text(encoding="utf-8")
    for name in ("vn-province-1.0", "vn-province-2.0", "dongnai-2019", "dongnai-2020"):
        m = eaframe.load(name)
        for e in m.elements:
            assert f"| `{e.id}` |" in text, f"{e.id} of {name} is not in the building-block table"
        for sid in m.metadata.sources:
            assert f"| {sid} |" in text, f"source {sid} of {name} is not in the sources list"


def test_render_rewrites_a_stale_section():
    gen = _gen()
    text = gen.DOC.read_text(encoding="utf-8")
    start = text.index("<!-- gen:targets -->\n") + len("<!-- gen:targets -->\n")
    end = text.index("<!-- /gen:targets -->")
    stale = text[:start] + "| stale |\n" + text[end:]
    assert stale != text and gen.render(stale) == text
