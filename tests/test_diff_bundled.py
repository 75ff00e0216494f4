"""The diff of the bundled version pairs: golden files per renderer and the verified v1.0 → v2.0 differences."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from eaframe import apply, bundled_models, diff, invert
from eaframe.bundled import load_model
from eaframe.modeldiff import migration_model, render

PAIRS = [("vn-province-1.0", "vn-province-2.0"), ("dongnai-2019", "dongnai-2020"),
         ("vn-province-2.0", "vn-province-3.0"), ("vn-province-3.0", "vn-province-4.0")]


def _pair(old: str, new: str):
    missing = [n for n in (old, new) if n not in bundled_models()]
    if missing:
        pytest.skip(f"bundled model(s) {', '.join(missing)} not present")
    return load_model(old), load_model(new)


@pytest.fixture(scope="module", params=PAIRS, ids=lambda p: f"{p[0]}__{p[1]}")
def bundled(request):
    old, new = request.param
    a, b = _pair(old, new)
    return f"{old}__{new}", a, b, diff(a, b)


@pytest.fixture(scope="module")
def framework():
    a, b = _pair(*PAIRS[0])
    return diff(a, b)


# ----------------------------------------------------------------- golden files per renderer
def test_text_golden(bundled, golden):
    name, _, _, d = bundled
    golden(f"diff/{name}.txt", render.to_text(d))


def test_stat_golden(bundled, golden):
    name, _, _, d = bundled
    golden(f"diff/{name}.stat.txt", render.format_stat(d) + "\n")


def test_json_golden(bundled, golden):
    name, _, _, d = bundled
    text = render.to_json(d)
    golden(f"diff/{name}.json", text)
    jsonschema.validate(json.loads(text), render.JSON_SCHEMA)


def test_markdown_golden(bundled, golden):
    name, _, _, d = bundled
    golden(f"diff/{name}.md", render.to_markdown(d))


def test_html_golden(bundled, golden):
    name, _, _, d = bundled
    golden(f"diff/{name}.html", render.to_html(d))


def test_apply_invert_and_migration(bundled):
    _, a, b, d = bundled
    assert d
    assert apply(a, d) == b and apply(b, invert(d)) == a
    m = migration_model(d, a, b)
    assert len(m.elements_of_type("Plateau")) == 2 and len(m.elements_of_type("Gap")) == 1


# ----------------------------------------------------------------- the verified v1.0 → v2.0 differences
def test_reference_models_added(framework):
    added = [c for c in framework.changes("element", "added")]
    for rm in ("BRM", "DRM", "ARM", "TRM", "SRM"):
        assert any(rm in (c.name.get("en") or "") for c in added), f"reference model {rm} not reported as added"


def test_instrument_letter_to_decision(framework):
    fc = {f.field: f for f in framework.metadata}
    assert (fc["instrument.kind"].old, fc["instrument.kind"].new) == ("letter", "decision")
    assert fc["instrument.number"].old == "1178/BTTTT-THH" and fc["instrument.number"].new == "2323/QĐ-BTTTT"


def test_lgsp_renamed_not_removed_and_added(framework):
    c = framework.get("prov.lgsp")
    assert c is not None and c.kind == "modified" and c.old_id == c.id == "prov.lgsp"
    assert c.field_change("name.vi") is not None
    assert c.field_change("name.vi").old != c.field_change("name.vi").new
    assert not [x for x in framework.changes("element") if "prov.lgsp" in (x.id, x.old_id) and x is not c]


def test_npsp_and_national_document_axis_added(framework):
    added = {c.id for c in framework.changes("element", "added")}
    assert {"ext.national_public_service_portal", "ext.national_document_axis"} <= added
    ends = {(c.source, c.target) for c in framework.changes("relationship", "added")}
    assert any("ext.national_document_axis" in e for e in ends)
    assert any("ext.national_public_service_portal" in e for e in ends)


def test_differences_listed_in_the_domain_reference(framework, shared):
    """Every ADDED / RENAMED building block of §5 of the domain reference is reported as such."""
    text = (shared / "domain" / "README.md").read_text(encoding="utf-8")
    section = text.split("## 5.", 1)[1].split("\n## 6.", 1)[0]
    added = {c.id for c in framework.changes("element", "added")}
    checked = 0
    for kind, concept_id in re.findall(r"`(ADDED|RENAMED) ((?:ext|prov)\.[a-z_]+)", section):
        if kind == "ADDED" and concept_id in {c.id for c in framework.changes("element")} | added:
            assert concept_id in added, f"{concept_id} should be added"
            checked += 1
        elif kind == "RENAMED":
            c = framework.get(concept_id)
            assert c is not None and c.kind == "modified" and c.field_change("name.vi"), concept_id
            checked += 1
    assert checked >= 5
