"""Diff presentation: provenance-only changes apart from architecture changes, the confidence a
change rests on, relationship names, the HTML document and notebook fragment, truncation, repr."""

from __future__ import annotations

import json
import re

import jsonschema
import lxml.html
import pytest
from click.testing import CliRunner
from wcag_support import contrast

import eaframe
from eaframe import diff
from eaframe.bundled import bundled_models, load_model
from eaframe.cli import main
from eaframe.modeldiff import render
from eaframe.modeldiff.model import CONFIDENCE_ORDER, weakest_confidence

HEAD = "metadata: {title: {en: pair}, sources: {S1: {title: One}, S2: {title: Two}}}\n"

OLD = HEAD + """elements:
- {id: a, type: Node, name: {en: Alpha}, sources: [S1], confidence: V}
- {id: b, type: Node, name: {en: Beta}, confidence: K}
- {id: c, type: Node, name: {en: Gamma}, sources: [S1]}
- {id: d, type: Node, name: {en: Delta}, confidence: V}
- {id: gone, type: Device, name: {en: Gone}, confidence: I}
relationships:
- {id: r1, type: Serving, source: a, target: b, sources: [S1]}
- {id: r2, type: Serving, source: b, target: c}
"""

NEW = HEAD + """elements:
- {id: a, type: Node, name: {en: Alpha}, sources: [S2], confidence: V}
- {id: b, type: Node, name: {en: Beta}, confidence: V}
- {id: c, type: Node, name: {en: Gamma 2}, sources: [S2]}
- {id: d, type: Node, name: {en: Delta}, confidence: V2, properties: {x: '1'}}
- {id: e, type: Node, name: {en: '<script>alert(1)</script>'}, confidence: K}
relationships:
- {id: r1, type: Serving, source: a, target: b, sources: [S2]}
- {id: r2, type: Serving, source: b, target: d}
- {id: r3, type: Serving, source: e, target: a, confidence: I}
"""


@pytest.fixture(scope="module")
def hand():
    return diff(eaframe.loads(OLD), eaframe.loads(NEW))


# ----------------------------------------------------------------- the diff model
def test_provenance_only_and_architecture_changes_of_a_hand_made_pair(hand):
    kinds = {c.id: (c.kind, c.provenance_only) for c in hand.changes()}
    assert kinds == {"a": ("modified", True), "b": ("modified", True), "c": ("modified", False),
                     "d": ("modified", False), "e": ("added", False), "gone": ("removed", False),
                     "r1": ("modified", True), "r2": ("modified", False), "r3": ("added", False)}
    assert [c.id for c in hand.changes(provenance=True)] == ["a", "b", "r1"]
    assert {c.id for c in hand.architecture().changes()} == {"c", "d", "e", "gone", "r2", "r3"}
    assert {c.id for c in hand.provenance().changes()} == {"a", "b", "r1"}
    assert hand.provenance().metadata == () and hand.architecture().metadata == hand.metadata
    assert hand.summary()["provenance_only"] == {"elements": 2, "relationships": 1}


def test_confidence_is_the_weakest_of_old_and_new(hand):
    conf = {c.id: c.confidence for c in hand.changes()}
    assert conf == {"a": "V", "b": "K", "c": None, "d": "V2", "e": "K", "gone": "I", "r1": None, "r2": None,
                    "r3": "I"}
    assert {c.id for c in hand.changes() if c.weak} == {"b", "e", "gone", "r3"}
    assert weakest_confidence("V2", "V") == "V2" and weakest_confidence("I", "K") == "I"
    assert hand.summary()["by_confidence"] == {"elements": {"V": 1, "V2": 1, "K": 2, "I": 1},
                                               "relationships": {"I": 1}}
    # invert keeps what a change rests on
    assert {c.id: c.confidence for c in hand.invert().changes()} == conf


def test_text_lists_architecture_first_counts_provenance_and_marks_k_i(hand):
    text = hand.to_text(lang="en")
    lines = text.splitlines()
    assert "M\tNode\tb\tBeta\t(K)" not in lines  # provenance-only: counted, not listed
    assert "provenance only (sources, confidence): 2 elements, 1 relationship modified " \
           "(not listed; --provenance lists them)" in lines
    assert "A\tNode\te\t<script>alert(1)</script>\t(K)" in lines
    assert "D\tDevice\tgone\tGone\t(I)" in lines
    assert "M\tServing\tr2\tBeta —Serving→ Delta" in lines
    full = hand.to_text(lang="en", provenance=True).splitlines()
    assert full.index("M\tNode\tb\tBeta\t(K)") > full.index("A\tServing\tr3\t<script>alert(1)</script> —Serving→ Alpha"
                                                          "\t(I)")
    assert "M\tServing\tr1\tAlpha —Serving→ Beta" in full
    assert lines[-1] == ("4 elements changed (1 added, 1 removed, 2 modified); 2 relationships changed (1 added, "
                         "1 modified); provenance only: 2 elements, 1 relationship")
    stat = hand.format_stat()
    assert "provenance only (sources, confidence; not in the tables above): 2 elements, 1 relationship modified" in stat
    assert "3 elements (2 K, 1 I), 1 relationship (1 I)" in stat


def test_json_marks_provenance_and_confidence_and_names_ends(hand):
    data = json.loads(hand.to_json())
    jsonschema.validate(data, render.JSON_SCHEMA)
    by_id = {c["id"]: c for c in data["elements"] + data["relationships"]}
    assert by_id["a"]["provenance_only"] is True and by_id["c"]["provenance_only"] is False
    assert by_id["b"]["confidence"] == "K"
    assert by_id["r3"]["source_name"] == {"en": "<script>alert(1)</script>"}
    assert by_id["r3"]["target_name"] == {"en": "Alpha"}
    assert data["summary"]["provenance_only"] == {"elements": 2, "relationships": 1}


def test_markdown_separates_provenance_and_escapes_names(hand):
    md = hand.to_markdown(lang="en")
    assert "## Provenance-only changes" in md and "| `b` |" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt; —Serving→ Alpha" in md and "<script>" not in md
    md = hand.to_markdown(lang="en", provenance=True)
    assert "| `b` | Beta | K (background knowledge) |" in md
    assert md.index("### Relationships") > md.index("## Provenance-only changes")


# ----------------------------------------------------------------- bundled v1.0 → v2.0: counts from the models
def _pair():
    if not {"vn-province-1.0", "vn-province-2.0"} <= set(bundled_models()):
        pytest.skip("bundled frameworks not present")
    return load_model("vn-province-1.0"), load_model("vn-province-2.0")


def _memberships(model) -> dict:
    groups = {e.id for e in model.elements if e.type == "Grouping"}
    out: dict = {}
    for r in model.relationships:
        if r.source in groups and r.type in ("Aggregation", "Composition"):
            out.setdefault(r.target, set()).add(r.source)
    return out


def _independent_provenance_counts(old, new) -> tuple[int, int]:
    """Concepts with the same id and type whose fields differ only in sources/confidence (elements:
    and whose Grouping memberships are the same), counted straight from the two models."""
    prov = {"sources", "confidence"}
    om, nm = _memberships(old), _memberships(new)
    counts = []
    for kind in ("elements", "relationships"):
        old_by_id = {c.id: c for c in getattr(old, kind)}
        n = 0
        for c in getattr(new, kind):
            o = old_by_id.get(c.id)
            if o is None or o.type != c.type:
                continue
            a, b = o.model_dump(mode="json"), c.model_dump(mode="json")
            if a == b or {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)} - prov:
                continue
            if kind == "elements" and om.get(c.id, set()) != nm.get(c.id, set()):
                continue
            n += 1
        counts.append(n)
    return counts[0], counts[1]


def test_bundled_framework_provenance_only_counts_match_the_models():
    old, new = _pair()
    d = diff(old, new)
    assert not d.renames(), "renamed concepts: extend the independent count to follow them"
    elements, relationships = _independent_provenance_counts(old, new)
    assert d.summary()["provenance_only"] == {"elements": elements, "relationships": relationships}
    assert len(d.changes("element", provenance=True)) == elements
    assert len(d.changes("relationship", provenance=True)) == relationships
    assert relationships > 0
    # the counts the report shows
    assert (f"provenance only: {elements} element" in render.format_shortstat(d)
            and f"{relationships} relationships" in render.format_shortstat(d))
    arch = d.architecture().summary()
    assert arch["elements"]["modified"] == d.summary()["elements"]["modified"] - elements
    assert arch["relationships"]["modified"] == d.summary()["relationships"]["modified"] - relationships


def test_bundled_framework_confidence_marks_match_the_models():
    old, new = _pair()
    d = diff(old, new)
    rank = {t: i for i, t in enumerate(CONFIDENCE_ORDER)}
    concepts = {"old": {c.id: c for c in (*old.elements, *old.relationships)},
                "new": {c.id: c for c in (*new.elements, *new.relationships)}}
    for c in d.changes("element") + d.changes("relationship"):
        tags = [x.confidence.value for x in (concepts["old"].get(c.old_id or ""), concepts["new"].get(c.id)
                                             if c.kind != "removed" else None)
                if x is not None and x.confidence is not None]
        expected = max(tags, key=rank.__getitem__) if tags else None
        assert c.confidence == expected, c.id
    text = d.to_text(lang="en", provenance=True)
    marked = [line for line in text.splitlines() if line.endswith(("\t(K)", "\t(I)"))]
    assert len(marked) == sum(1 for c in d.changes() if c.confidence in ("K", "I"))


# ----------------------------------------------------------------- HTML
def test_every_colour_pair_meets_wcag_aa():
    from eaframe._html import COLOURS

    # the change kinds take the shared status colours (one owner: eaframe._html)
    assert [render.PALETTE[k] for k in "ADMR"] == [COLOURS[k] for k in ("ok", "fail", "warning", "info")]
    for key, (fg, bg) in render.PALETTE.items():
        assert contrast(fg, bg) >= 4.5, (key, fg, bg, contrast(fg, bg))
    css = render._css()
    used = set(re.findall(r"#[0-9a-f]{6}", css))
    palette = {c for pair in render.PALETTE.values() for c in pair} | {render._BORDER}
    assert used <= palette


def test_html_document_structure_and_escaping(hand):
    page = hand.to_html(lang="en", document=True)
    assert page.startswith("<!DOCTYPE html>\n")
    doc = lxml.html.document_fromstring(page)
    assert doc.get("lang") == "en"
    assert doc.xpath("/html/head/meta[@charset='utf-8']")
    assert doc.findtext(".//title") == "Diff: pair → pair"
    assert doc.xpath("/html/head/style") and not doc.xpath("//script")
    tables = doc.xpath("//table")
    assert tables and all(t.find("caption") is not None and t.find("caption").text_content() for t in tables)
    assert all(th.get("scope") in ("col", "row") for th in doc.xpath("//th"))
    # the names are text, escaped: no element from the model
    assert "<script>alert(1)</script>" in doc.text_content()
    assert "<script>" not in page
    # sections in <details>; the provenance-only ones behind a closed toggle with a count
    details = doc.xpath("//details")
    prov = [x for x in details if x.findtext("summary").startswith("Provenance-only changes")]
    assert len(prov) == 1 and prov[0].get("open") is None
    assert "2 elements, 1 relationship" in prov[0].findtext("summary")
    assert {x.findtext("summary") for x in details if x.get("open") is not None} >= {"Elements: 4 changes",
                                                                                     "Relationships: 2 changes"}
    # status and confidence colours come with text
    for td in doc.xpath("//td[starts-with(@class, 'st-')]"):
        assert td.text_content().strip()
    assert any(td.text_content() == "K background knowledge" for td in doc.xpath("//td[@class='st-weak']"))
    # names, not ids, for relationships; the id beside them
    row = next(tr for tr in doc.xpath("//tr") if "r2" in tr.text_content())
    assert "Beta —Serving→ Delta" in row.text_content()
    opened = lxml.html.document_fromstring(hand.to_html(document=True, provenance=True))
    assert [x.get("open") for x in opened.xpath("//details") if x.findtext("summary").startswith("Provenance")] == [""]


def test_notebook_fragment_uses_the_same_renderer(hand):
    frag = hand._repr_html_()
    assert frag.startswith('<div class="eaframe-diff">') and "<!DOCTYPE" not in frag and "<html" not in frag
    assert frag == render.to_html(hand)
    body = hand.to_html(document=True).split('<main class="eaframe-diff">\n', 1)[1].split("\n</main>", 1)[0]
    assert body.replace("<h1>", "<h2>", 1).replace("</h1>", "</h2>", 1) in frag  # the document's title is its h1


def test_html_of_a_2000_element_diff_is_truncated_and_bounded():
    a, b = eaframe.synthetic_model(2000, seed=1), eaframe.synthetic_model(2000, seed=2)
    d = diff(a, b)
    assert len(d.elements) == 2000 and len(d.relationships) == 4000
    page = d.to_html(document=True)
    assert len(page.encode()) < 400_000  # 294 KB measured; 2.3 MB before truncation
    assert f"… and {2000 - render.DEFAULT_LIMIT} more element changes" in page
    assert f"… and {4000 - render.DEFAULT_LIMIT} more relationship changes" in page
    doc = lxml.html.document_fromstring(page)
    assert max(len(t.xpath("./tbody/tr")) for t in doc.xpath("//table")) == render.DEFAULT_LIMIT
    small = d.to_html(limit=10)
    assert "… and 1990 more element changes" in small and len(small) < 40_000
    md = d.to_markdown(limit=10)
    assert "*… and 1990 more element changes*" in md
    assert len(d.to_html(limit=0)) > len(page)  # 0: no limit
    text = repr(d)
    assert "\n" not in text and len(text) < 200
    assert text == "<ModelDiff Synthetic model 2000 2.0 → Synthetic model 2000 2.0: 2000 elements, " \
                   "4000 relationships, 1 metadata field changed>"


def test_repr_is_one_short_line_with_counts(hand):
    assert repr(hand) == ("<ModelDiff pair → pair: 6 elements (2 provenance-only), "
                          "3 relationships (1 provenance-only) changed>")
    assert repr(diff(eaframe.loads(OLD), eaframe.loads(OLD))) == "<ModelDiff pair → pair: no differences>"


# ----------------------------------------------------------------- CLI
@pytest.fixture()
def files(tmp_path):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return str(old), str(new)


def test_cli_provenance_and_limit(files, tmp_path):
    runner = CliRunner()
    r = runner.invoke(main, ["diff", *files, "--lang", "en"])
    assert r.exit_code == 0 and "\tb\tBeta" not in r.stdout and "--provenance lists them" in r.stdout
    r = runner.invoke(main, ["diff", *files, "--lang", "en", "--provenance"])
    assert r.exit_code == 0 and "M\tNode\tb\tBeta\t(K)" in r.stdout
    r = runner.invoke(main, ["diff", *files, "--name-status"])
    assert r.exit_code == 0 and "\tb\t" not in r.stdout and "\tc\t" in r.stdout
    r = runner.invoke(main, ["diff", *files, "--name-status", "--provenance"])
    assert r.stdout.splitlines()[-1] == "M\tServing\tr1\tAlpha —Serving→ Beta"
    out = tmp_path / "d.html"
    r = runner.invoke(main, ["diff", *files, "--lang", "en", "--format", "html", "--limit", "1", "-o", str(out)])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "… and 3 more element changes (limit 1 rows)" in page
    r = runner.invoke(main, ["diff", *files, "--limit", "5"])
    assert r.exit_code == 2 and "--limit goes with --format md or html" in r.output
    r = runner.invoke(main, ["diff", *files, "--format", "md", "--limit", "-1"])
    assert r.exit_code == 2
