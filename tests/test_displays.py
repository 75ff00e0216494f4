"""Notebook displays and complete HTML documents (issue 12 items 2 and 3).

``eaframe.render`` returns a :class:`RenderedDiagram` that displays itself scaled to
the cell, gives its bytes and saves; models, elements, relationships, findings,
scorecards and indicators have short HTML and text displays; ``eaframe check
--format html`` writes a complete, accessible HTML document.
"""

from __future__ import annotations

import re
import shutil

import graphviz
import pytest
from click.testing import CliRunner
from IPython.lib.pretty import pretty
from lxml import etree
from lxml import html as lhtml

import eaframe
from eaframe.checks import compute_scorecard, run_checks
from eaframe.checks.registry import Finding
from eaframe.cli import main
from eaframe.exceptions import RenderError
from eaframe.render import RenderedDiagram
from eaframe.render.rendered import MIN_LABEL_PX, fit_svg

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def dongnai():
    return eaframe.load("dongnai-2020")


@pytest.fixture(scope="module")
def hostile():
    """A model whose texts try to inject a script."""
    return eaframe.ArchitectureModel.build(
        {"title": {"en": SCRIPT, "vi": SCRIPT}, "framework_version": "2.0"},
        elements=[{"id": "a", "type": "Goal", "name": {"vi": SCRIPT, "en": "goal"}, "confidence": "K"},
                  {"id": "b", "type": "Goal", "name": {"en": "other"}}],
        relationships=[{"id": "r", "type": "Association", "source": "a", "target": "b", "name": {"en": SCRIPT}}])


def _parse(fragment: str):
    root = lhtml.fragment_fromstring(fragment, create_parent="div")
    assert not root.xpath("//script"), "model text became a script element"
    return root


def _tables_are_accessible(root) -> None:
    tables = root.xpath("//table")
    assert tables
    for t in tables:
        assert t.xpath("caption") and t.xpath("caption")[0].text_content().strip(), "every table has a caption"
        for th in t.xpath(".//th"):
            assert th.get("scope") in ("col", "row"), etree.tostring(th)


def _marks_have_words(text: str) -> None:
    for sign in re.finditer("[✔✘]", text):
        after = text[sign.end():sign.end() + 8]
        assert re.match(r" (met|not met)", after), f"{sign.group()} without its word: {after!r}"


# --------------------------------------------------------------------- the diagram object
def test_render_returns_a_diagram_with_bytes_source_and_save(dongnai, tmp_path):
    d = eaframe.render(dongnai, kind="interconnection", format="dot", lang="en")
    assert isinstance(d, RenderedDiagram)
    assert d.source.startswith('digraph "eaframe"') and bytes(d) == d.source.encode("utf-8")
    out = d.save(tmp_path / "inter.gv")
    assert out.read_text(encoding="utf-8") == d.source
    assert len(repr(d)) < 120 and "RenderedDiagram dot" in repr(d)
    with pytest.raises(RenderError, match="unknown diagram format"):
        eaframe.render(dongnai, format="gif")


def test_save_writes_nothing_when_graphviz_fails(dongnai, tmp_path, monkeypatch):
    def fails(engine, format, data, **kwargs):
        raise graphviz.CalledProcessError(1, ["dot"], output=b"", stderr=b"Error: boom")

    monkeypatch.setattr(graphviz, "pipe", fails)
    d = eaframe.render(dongnai)  # lazy: nothing runs yet
    with pytest.raises(RenderError, match="boom"):
        d.save(tmp_path / "m.svg")
    assert not (tmp_path / "m.svg").exists()
    assert d._repr_svg_() is None  # the notebook falls back to the text display


def test_graphviz_runs_once_per_format(dongnai, monkeypatch):
    calls = []

    def fake(engine, format, data, **kwargs):
        calls.append(format)
        return b'<svg width="10pt" height="5pt" viewBox="0 0 10 5"></svg>'

    monkeypatch.setattr(graphviz, "pipe", fake)
    d = eaframe.render(dongnai)
    assert bytes(d) == d.svg and d.svg.startswith(b"<svg") and d._repr_svg_()
    assert calls == ["svg"]


def test_fit_svg_scales_to_the_cell_with_readable_labels():
    svg = ('<?xml version="1.0"?>\n<svg width="2900pt" height="1000pt" viewBox="0.00 0.00 2900.00 1000.00" '
           'xmlns="http://www.w3.org/2000/svg"><g/></svg>')
    root = etree.fromstring(fit_svg(svg).encode("utf-8"))
    assert root.get("width") == "100%" and root.get("height") is None
    assert root.get("viewBox") == "0.00 0.00 2900.00 1000.00"
    style = dict(p.split(": ") for p in root.get("style").split("; "))
    natural, minimum = float(style["max-width"][:-2]), float(style["min-width"][:-2])
    assert natural == pytest.approx(2900 * 4 / 3, abs=1)
    # the 10 pt node labels are 13.3 px at natural size; at the minimum width they are 9 px
    assert 10 * 4 / 3 * minimum / natural == pytest.approx(MIN_LABEL_PX, abs=0.01)
    small = etree.fromstring(fit_svg('<svg width="100pt" height="50pt" viewBox="0 0 100 50"></svg>').encode())
    assert small.get("style").startswith("max-width: 133px; min-width: 90px")  # never enlarged
    assert fit_svg("<svg viewBox='0 0 1 1'></svg>") == "<svg viewBox='0 0 1 1'></svg>"


@needs_dot
def test_rendered_svg_and_png_display_and_save(dongnai, tmp_path):
    d = eaframe.render(dongnai, kind="interconnection", lang="vi", legend=True)
    svg = d._repr_svg_()
    root = etree.fromstring(svg.encode("utf-8"))
    assert root.get("width") == "100%" and root.get("viewBox")
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert d.title and d.title.split()[0] in texts  # the title is drawn (the SVG scales, the text stays)
    # the title starts at the left edge, so a wide diagram that scrolls sideways shows it at once
    title = next(t for t in root.iter("{http://www.w3.org/2000/svg}text") if t.text and d.title.startswith(t.text))
    width = float(root.get("viewBox").split()[2])
    assert title.get("text-anchor") == "start" and float(title.get("x")) < 0.05 * width
    assert bytes(d).lstrip().startswith(b"<?xml") and d._repr_png_() is None
    assert d.save(tmp_path / "i.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert d.save(tmp_path / "i.svg").read_bytes() == d.svg
    p = eaframe.render(dongnai, kind="interconnection", format="png")
    assert p._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n" and p._repr_svg_() is None
    assert bytes(p) == p.png


# --------------------------------------------------------------------- cards
def test_model_displays_a_summary_card(dongnai, hostile):
    bundle = dongnai._repr_mimebundle_()
    assert sorted(bundle) == ["text/html", "text/plain"]  # no 3,700-pixel diagram
    root = _parse(bundle["text/html"])
    _tables_are_accessible(root)
    text = root.text_content()
    for words in ("framework version", "2.0", "Elements by layer", "application", "sources", "Confidence",
                  "eaframe.render(m)"):
        assert words in text, words
    assert len(bundle["text/plain"]) < 150 and "\n" not in bundle["text/plain"]
    h = hostile._repr_mimebundle_()["text/html"]
    assert SCRIPT not in h and SCRIPT in _parse(h).text_content()
    assert pretty(hostile).startswith("<ArchitectureModel")


def test_element_and_relationship_cards(hostile):
    e, r = hostile["a"], hostile["r"]
    for c in (e, r):
        root = _parse(c._repr_html_())
        _tables_are_accessible(root)
        assert SCRIPT not in c._repr_html_() and len(pretty(c)) < 120 and "\n" not in pretty(c)
    assert SCRIPT in _parse(e._repr_html_()).text_content() and "K" in _parse(e._repr_html_()).text_content()
    assert pretty(r) == "<Association r: a → b '<script>alert(1)</script>'>"
    assert pretty(e).startswith("<Goal a ")


def test_finding_scorecard_and_indicator_displays(dongnai):
    f = Finding(rule="EGOV-X", severity="error", message=SCRIPT + " " * 3 + "x" * 300, elements=("a",),
                fix="do <b>this</b>")
    root = _parse(f._repr_html_())
    _tables_are_accessible(root)
    assert SCRIPT in root.text_content() and "error" in root.text_content()
    assert len(pretty(f)) <= 100 and pretty(f).startswith("<Finding EGOV-X error a: ")
    sc = compute_scorecard(dongnai)
    assert len(repr(sc)) < 120 and repr(sc).startswith("<Scorecard: 6 indicators")
    assert all(len(repr(i)) <= 100 and repr(i).startswith("<Indicator ") for i in sc.indicators)
    for obj in (sc, sc.indicators[0]):
        h = obj._repr_html_()
        _tables_are_accessible(_parse(h))
        _marks_have_words(_parse(h).text_content())
    assert "✔ met" in sc._repr_html_() or "✘ not met" in sc._repr_html_()


def test_cards_take_the_language_of_the_run_and_display_chooses_another():
    """Finding, indicator and scorecard cards in the language run_checks was given (carried on
    each result), English without one, and .display(lang) for another; words from the catalogue."""
    m = eaframe.load("dongnai-2019")
    vi = run_checks(m, scorecard=True, lang="vi")
    en = run_checks(m, scorecard=True)
    f, g = vi.findings[0], en.findings[0]
    assert f == g and f.lang == "vi" and g.lang is None
    card = _parse(f._repr_html_()).text_content()
    assert "quy tắc" in card and "mức độ" in card and f"Phát hiện {f.rule}" in card and f.text("vi") in card
    assert f.message not in card  # the English message is not on the Vietnamese card
    assert "severity" in _parse(g._repr_html_()).text_content() and g.message in g._repr_html_()
    assert f.display("en")._repr_html_() == g._repr_html_() and g.display("vi")._repr_html_() == f._repr_html_()
    assert f.display("en") == f and f.to_html("en") == g.to_html()
    assert f.text("vi")[:20] in pretty(f) and f.text("vi") != f.message
    sc, i = vi.scorecard, vi.scorecard.indicators[0]
    assert sc.lang == i.lang == "vi" and en.scorecard.lang is None
    assert f"Chỉ tiêu {i.key}" in _parse(i._repr_html_()).text_content()
    assert "Bảng chỉ tiêu" in _parse(sc._repr_html_()).text_content()
    assert "Target scorecard" in en.scorecard._repr_html_() and f"Indicator {i.key}" in en.scorecard.indicators[0]._repr_html_()
    assert sc.display("en")._repr_html_() == en.scorecard._repr_html_() and sc.display("en") == sc
    assert compute_scorecard(m, lang="vi")._repr_html_() == sc._repr_html_()
    shown = en.display("vi")
    assert shown._repr_html_() == vi._repr_html_() and shown.findings[0].lang == "vi" == shown.scorecard.lang
    for obj in (f, i, sc, en):
        with pytest.raises(ValueError, match="no catalogue for language 'fr'"):
            obj.display("fr")


# --------------------------------------------------------------------- check --format html
def test_check_format_html_is_a_complete_accessible_document(tmp_path):
    out = tmp_path / "checks.html"
    r = CliRunner().invoke(main, ["check", "--lang", "en", "dongnai-2019", "--format", "html", "-o", str(out)])
    assert r.exit_code == 1, r.output  # errors found: exit 1, and the document is written
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>\n")
    doc = lhtml.document_fromstring(text.encode("utf-8"))
    assert doc.get("lang") == "en"
    assert doc.xpath("//meta[@charset='utf-8']") and doc.xpath("//title")[0].text.startswith("eaframe check: ")
    assert not doc.xpath("//script")
    css = doc.xpath("//style")[0].text
    assert "position: sticky" in css and "text-align: left" in css
    captions = [c.text_content() for c in doc.xpath("//caption")]
    assert any(c.startswith("Findings (") for c in captions) and "Target scorecard" in captions
    _tables_are_accessible(doc)
    _marks_have_words(doc.text_content())
    assert "✘ not met" in doc.text_content() or "✔ met" in doc.text_content()
    assert len(doc.xpath("//table[caption[starts-with(., 'Findings')]]/tbody/tr")) == len(
        run_checks(eaframe.load("dongnai-2019")).findings)  # the document lists every finding


def test_check_report_html_escapes_model_text(hostile):
    h = run_checks(hostile).to_html(document=True)
    assert SCRIPT not in h and "&lt;script&gt;" in h
    doc = lhtml.document_fromstring(h.encode("utf-8"))
    assert not doc.xpath("//script") and SCRIPT in doc.xpath("//title")[0].text


# --------------------------------------------------------------------- contrast
def _luminance(colour: str) -> float:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def _ratio(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_wcag_contrast_of_every_colour_pair_used(dongnai):
    css = run_checks(dongnai, scorecard=True).to_html(document=True)
    pairs = re.findall(r"color: (#[0-9a-f]{6}); background: (#[0-9a-f]{6})", css)
    assert len(pairs) >= 8
    for fg, bg in pairs:
        assert _ratio(fg, bg) >= 4.5, (fg, bg, round(_ratio(fg, bg), 2))
    # text without its own background sits on the page background (white)
    page_bg = "#ffffff"
    for fg in re.findall(r"\{color: (#[0-9a-f]{6})\}", css):
        assert _ratio(fg, page_bg) >= 4.5, fg
    for border in set(re.findall(r"border: 1px solid (#[0-9a-f]{6})", css)):
        assert _ratio(border, page_bg) >= 3  # non-text contrast (WCAG 1.4.11)
