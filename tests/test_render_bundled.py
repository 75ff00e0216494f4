"""Diagrams of the bundled models: golden DOT for every view kind, SVG with every label.

Parametrised over the bundled models that are present; a model not bundled yet is
skipped. Golden files: tests/data/golden/render/bundled/ (``--update-golden``).
"""

from __future__ import annotations

import shutil

import pytest
from lxml import etree

import eaframe
from eaframe.bundled import bundled_models
from eaframe.render.dot import to_dot, wrap
from eaframe.render.grid import layout_for, uses_grid
from eaframe.render.views import diff_view, findings_view, interconnection, layered, neighbourhood, stored_view

MODELS = ["vn-province-1.0", "vn-province-2.0", "dongnai-2019", "dongnai-2020", "vn-province-3.0", "vn-province-4.0"]
PAIRS = [("vn-province-1.0", "vn-province-2.0"), ("dongnai-2019", "dongnai-2020"),
         ("vn-province-2.0", "vn-province-3.0"), ("vn-province-3.0", "vn-province-4.0")]
SVG_NS = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")


@pytest.fixture(scope="module")
def models():
    return {}


def model(models, name):
    if name not in bundled_models():
        pytest.skip(f"bundled model {name} not present yet")
    if name not in models:
        models[name] = eaframe.load(name)
    return models[name]


def lgsp_of(m):
    return next(e.id for e in m.elements if e.id == "prov.lgsp" or e.implements == "prov.lgsp")


def views_of(m):
    """Every built-in kind (and every stored view) of one model."""
    out = {"layered": layered(m), "interconnection": interconnection(m),
           "neighbourhood": neighbourhood(m, lgsp_of(m), depth=1)}
    for v in m.views:
        out[f"stored.{v.id}"] = stored_view(m, v.id)
    return out


@pytest.mark.parametrize("name", MODELS)
def test_golden_dot_of_every_view_kind(name, models, golden):
    m = model(models, name)
    for kind, view in views_of(m).items():
        golden(f"render/bundled/{name}.{kind}.dot", to_dot(view, lang="vi", legend=True))
    golden(f"render/bundled/{name}.interconnection.en.dot", to_dot(interconnection(m), lang="en"))


@pytest.mark.parametrize("old, new", PAIRS)
def test_golden_dot_of_the_diff_views_with_eaframe_diff(old, new, models, golden):
    a, b = model(models, old), model(models, new)
    view = diff_view(a, b)  # statuses from eaframe.diff's change records
    golden(f"render/bundled/diff.{old}.{new}.modeldiff.dot", to_dot(view, lang="vi", legend=True))
    # renamed in place: a label change, not removed + added (the LGSP; NGSP → NDXP in v3.0; the national
    # synthesis database in v4.0)
    renamed = {"vn-province-3.0": "ext.ngsp", "vn-province-4.0": "nat.db.national_synthesis"}.get(new, lgsp_of(b))
    assert view.status[renamed] == "changed"


@pytest.mark.parametrize("name", ["dongnai-2019", "dongnai-2020"])
def test_golden_dot_of_the_findings_view(name, models, golden):
    from eaframe.render import _run_checks

    m = model(models, name)
    golden(f"render/bundled/{name}.findings.dot", to_dot(findings_view(m, _run_checks(m)), lang="vi", legend=True))


def test_interconnection_view_of_dongnai_2020_has_the_lgsp_hub(models):
    m = model(models, "dongnai-2020")
    v = interconnection(m)
    bands = {c.id: c.members for c in v.clusters}
    assert bands["band.lgsp"] == (lgsp_of(m),)
    assert len(bands["band.ngsp"]) == 1
    assert bands["band.apps"] and bands["band.db"]
    hub = lgsp_of(m)
    assert any(hub in (r.source, r.target) and r.type == "Flow" for r in v.relationships.values())


@needs_dot
@pytest.mark.parametrize("name", MODELS)
def test_svg_parses_and_contains_every_selected_label(name, models):
    m = model(models, name)
    for kind, view in views_of(m).items():
        svg = bytes(eaframe.render(view, format="svg", lang="vi"))
        root = etree.fromstring(svg)  # well-formed XML
        texts = {t.text for t in root.iter(f"{SVG_NS}text") if t.text}
        grid = layout_for(view, "vi") if uses_grid(view) else None
        for e in view.elements.values():
            if e.type in ("AndJunction", "OrJunction"):
                continue
            for line in (grid.lines[e.id] if grid else wrap(e.name.get("vi", fallback=True) or e.id)):
                assert line in texts, f"{name} {kind}: label {line!r} of {e.id} missing"
