"""The last losses of the Archi round trip (issue 11): views and elements found by the ids they
have in Archi's file, Archi's plain line connections written back, and what the formats cannot
hold counted in warnings instead of changed silently.

``tests/data/archi/lines.archimate`` is a small Archi 5 model written by hand for these tests
(origin in ``tests/data/archi/README.md``): notes and a group joined by plain lines
(``archimate:DiagramModelConnection``), one to an element, one to a relationship's connection,
and a view whose id (``3f2a9c10``) is not an eaframe id.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_counter import count_bytes, count_file
from exchange_support import assert_valid_archimate

import eaframe
from eaframe.cli import main
from eaframe.diagram import DiagramConnection
from eaframe.exceptions import EaframeWarning, ExchangeFormatError, RenderError
from eaframe.exchange import dumps_archi, generate_archimate, parse_archimate, read_archi, read_archimate, reads_archi
from eaframe.render import render

DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "corpus"
LINES = DATA / "archi" / "lines.archimate"
OPENDAY = CORPUS / "archi_OpenDay.archimate"


def _quiet(read, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read(*args, **kw)


def _warned(call, *args, **kw) -> tuple[object, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = call(*args, **kw)
    return got, [str(w.message) for w in caught if issubclass(w.category, EaframeWarning)]


# ------------------------------------------------------------------ ids as Archi has them
def test_a_view_is_found_by_the_id_it_has_in_the_archi_file():
    m = _quiet(read_archi, OPENDAY)
    renamed = {old: new for new, old in m.native.ids.items()}
    assert renamed["03ceb8ea"] == "id-03ceb8ea"  # Archi's id starts with a digit: renamed on reading
    assert m.view("03ceb8ea") is m.view("id-03ceb8ea")
    assert m.model_id("03ceb8ea") == "id-03ceb8ea" and m.model_id("nothing") == "nothing"
    assert render(m, view="03ceb8ea", format="dot").source == render(m, view="id-03ceb8ea", format="dot").source


def test_render_cli_takes_the_archi_view_id(tmp_path):
    runner = CliRunner()
    a, b = tmp_path / "a.dot", tmp_path / "b.dot"
    r = runner.invoke(main, ["render", str(OPENDAY), "--view", "03ceb8ea", "-o", str(a)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["render", str(OPENDAY), "--view", "id-03ceb8ea", "-o", str(b)])
    assert r.exit_code == 0, r.output
    assert a.read_bytes() == b.read_bytes() and a.read_bytes().startswith(b"digraph")


def test_an_unknown_view_lists_the_views_closest_first_with_their_archi_ids(tmp_path):
    m = _quiet(read_archi, OPENDAY)
    with pytest.raises(KeyError) as err:
        m.view("03ceb8eb")
    listed = str(err.value).split("views: ", 1)[1]
    assert listed.startswith("id-03ceb8ea (Archi id 03ceb8ea)"), listed
    assert all(v.id in listed for v in m.views)
    r = CliRunner().invoke(main, ["render", str(OPENDAY), "--view", "951e298f", "-o", str(tmp_path / "x.dot")])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "no view '951e298f'; views: id-951e298e (Archi id 951e298e)" in r.output, r.output


def test_the_focus_of_a_neighbourhood_is_found_by_its_archi_id(tmp_path):
    m = _quiet(read_archi, OPENDAY)
    archi_id, new_id = next((old, new) for new, old in m.native.ids.items()
                            if any(e.id == new for e in m.elements))
    assert render(m, focus=archi_id, format="dot").source == render(m, focus=new_id, format="dot").source
    r = CliRunner().invoke(main, ["render", str(OPENDAY), "--focus", archi_id, "-o", str(tmp_path / "n.dot")])
    assert r.exit_code == 0, r.output
    with pytest.raises(RenderError, match="no element 'zz-unknown'"):
        render(m, focus="zz-unknown", format="dot")


# ------------------------------------------------------------------ plain lines
def _lines(model) -> dict[str, DiagramConnection]:
    return {c.id: c for v in model.views if v.diagram is not None for c in v.diagram.connections
            if c.kind == "Line"}


def _types(data: bytes) -> dict[str, str]:
    return dict((i, t) for t, i in re.findall(rb'<sourceConnection xsi:type="([^"]+)" id="([^"]+)"', data))


def test_archi_lines_round_trip_natively():
    m = _quiet(read_archi, LINES)
    lines = _lines(m)
    assert set(lines) == {"id-l-note-actor", "id-l-group-note", "id-l-note2-conn"}
    assert lines["id-l-note2-conn"].target == "id-c-assign"  # a line may end at a relationship's connection
    first = dumps_archi(m)
    again = _quiet(reads_archi, first)
    assert again == m and dumps_archi(again) == first
    original, written = count_file(LINES), count_bytes(first)
    assert (written.nodes, written.connections, written.bendpoints) == (original.nodes, original.connections,
                                                                       original.bendpoints) == (5, 4, 1)
    assert written.view_content == original.view_content
    types = _types(first)
    assert {types[i.encode()] for i in lines} == {b"archimate:DiagramModelConnection"}
    assert types[b"id-c-assign"] == b"archimate:Connection"


def test_archi_lines_through_the_exchange_format_come_back_as_archi_lines(shared):
    """.archimate → exchange (Line connections) → .archimate: Archi's type for a plain line,
    with its label, documentation, style and bendpoint; the exchange file is schema-valid."""
    m = _quiet(read_archi, LINES)
    xml = assert_valid_archimate(generate_archimate(m), shared)
    assert xml.count(b'xsi:type="Line"') == 3
    back = _quiet(parse_archimate, xml)
    native = dumps_archi(back)
    types = _types(native)
    assert {types[i.encode()] for i in _lines(m)} == {b"archimate:DiagramModelConnection"}
    again = _quiet(reads_archi, native)
    assert _lines(again) == _lines(back)
    assert generate_archimate(again) == xml
    note_line = _lines(again)["id-l-note-actor"]
    assert note_line.label.untagged == "explains" and note_line.bendpoints and note_line.style.line_color.r == 192


def test_a_line_without_an_end_is_left_out_of_an_archi_file_with_a_counted_warning():
    m = _quiet(read_archi, LINES)
    v = m.views[0]
    loose = [DiagramConnection(id="loose1", kind="Line", target="id-note"),
             DiagramConnection(id="loose2", kind="Line", source="id-group"),
             DiagramConnection(id="loose3", kind="Line", source="loose1", target="id-note")]
    d = v.diagram.model_copy(update={"connections": [*v.diagram.connections, *loose]})
    model = m.model_copy(update={"views": [v.model_copy(update={"diagram": d})]})
    data, said = _warned(dumps_archi, model)
    assert any(s.startswith("3 line connection(s) without a source or a target") for s in said), said
    back = _quiet(reads_archi, data)
    assert set(_lines(back)) == set(_lines(m))
    bad = DiagramConnection(id="on-loose", kind="Relationship", relationship="id-assign", source="id-n-actor",
                            target="loose1")
    d = d.model_copy(update={"connections": [*d.connections, bad]})
    model = m.model_copy(update={"views": [v.model_copy(update={"diagram": d})]})
    with pytest.raises(ExchangeFormatError, match="'on-loose' ends at the line 'loose1', which has no source"):
        dumps_archi(model)


# ------------------------------------------------------------------ what changes is counted
def test_carriage_returns_are_counted_when_they_become_line_feeds():
    m, _ = _warned(read_archimate, CORPUS / "ca_ai_architecture_dev.xml")
    assert any("6 carriage return(s) in texts" in str(p) for p in m.warnings), m.warnings
    m, _ = _warned(read_archi, LINES)
    assert any("1 carriage return(s) in texts" in str(p) for p in m.warnings), m.warnings
    note = next(n for n in m.views[0].diagram.walk() if n.id == "id-note")
    assert note.label.untagged == "A citizen applies\nonline."
    m, _ = _warned(read_archimate, CORPUS / "ca_architecture_repo.xml")
    assert not any("carriage return" in str(p) for p in m.warnings)


def test_archi_2_names_are_converted_with_a_counted_warning():
    original = count_file(OPENDAY).relationships
    m, _ = _warned(read_archi, OPENDAY)
    said = next(str(p) for p in m.warnings if "Archi 2.x names" in str(p))
    assert f"UsedByRelationship → ServingRelationship: {original['UsedByRelationship']}" in said
    assert f"RealisationRelationship → RealizationRelationship: {original['RealisationRelationship']}" in said


@pytest.mark.parametrize(("source", "expected"), [
    ("vn-province-2.0", r"cannot hold \d+ text\(s\) in more than one language"),
    (CORPUS / "ca_dmit_2018.xml", r"the language of \d+ property value\(s\)"),
    ("opengroup_Basic_Model_Properties.xml", r"the data types of \d+ property key\(s\) \(.*number.*\)"),
])
def test_what_archi_cannot_hold_is_counted_when_writing_archi(source, expected, shared):
    if source == "opengroup_Basic_Model_Properties.xml":
        source = shared / "archimate" / "examples" / source
    model = eaframe.load(source) if isinstance(source, str) else _quiet(read_archimate, source)
    _, said = _warned(dumps_archi, model)
    assert any(re.search(expected, s) for s in said), said


def test_a_model_archi_can_hold_writes_without_warnings():
    m = _quiet(read_archi, CORPUS / "archi_Archisurance.archimate")
    _, said = _warned(dumps_archi, m)
    assert said == []


def test_export_prints_what_archi_cannot_hold_as_a_warning_line(tmp_path):
    r = CliRunner().invoke(main, ["export", "vn-province-2.0", "--to", "archi", "-o", str(tmp_path / "m.archimate")])
    assert r.exit_code == 0, r.output
    assert re.search(r"^warning: Archi's format cannot hold \d+ text\(s\) in more than one language", r.output, re.M)
    assert "EaframeWarning" not in r.output and "native.py" not in r.output
    r = CliRunner().invoke(main, ["export", str(LINES), "--to", "archi", "-o", str(tmp_path / "l.archimate")])
    assert r.exit_code == 0 and "cannot hold" not in r.output, r.output


def test_xml_kept_verbatim_has_no_copied_namespace_declarations():
    m = _quiet(read_archi, LINES)
    assert m.native.children == {"id-l-group-note": ['<property key="reviewed" value="yes"/>']}
    assert b'<property key="reviewed" value="yes"/>' in dumps_archi(m)
