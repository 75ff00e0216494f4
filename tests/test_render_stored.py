"""Stored views drawn as drawn: eaframe/render/stored.py, render(layout=...), render --layout.

Real views with geometry (the exchange files of tests/data/corpus/ and
../shared/archimate/examples/) are drawn and the SVG is read back with lxml: every box
at its stored bounds, children inside and after their parents, the canvas the
diagram's extent plus the margin, every connection through its bendpoints and
touching its boxes; PNG at one pixel per stored pixel.
"""

from __future__ import annotations

import re
import shutil
import struct
import warnings
import zlib
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import eaframe
from eaframe.cli import main
from eaframe.diagram import Diagram, DiagramConnection, DiagramNode, Point
from eaframe.exceptions import EaframeWarning, RenderError
from eaframe.render import RenderedDiagram
from eaframe.render.output import POSITIONED_MARK, engine_for, pipe_dot
from eaframe.render.stored import MARGIN, extent, has_geometry, node_shape, stored_dot, type_marker
from eaframe.render.styles import LAYER_COLOURS

pytestmark = pytest.mark.skipif(shutil.which("neato") is None, reason="Graphviz not installed")

CORPUS = Path(__file__).parent / "data" / "corpus"
MINI = Path(__file__).parent / "data" / "render" / "mini-2020.yaml"
SVG = "{http://www.w3.org/2000/svg}"
TOL = 1.0  # Graphviz writes coordinates with up to two decimals
EXCHANGE_FILES = sorted(p.name for p in CORPUS.glob("*.xml"))
SHARED_FILES = ["archi_bendpoint.test.xml", "ca_GC_BCM_2.0.xml"]
BCM_VIEW = "id-EAID_E2C3D1CA_7E8B_45ef_B177_4F970300DA9D"  # the Government of Canada capability map


@cache
def _load(path: str):
    # corpus files warn about what eaframe normalises (counted and asserted in test_corpus.py)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EaframeWarning)
        return eaframe.load(path, strict=False)


def _views(path: Path):
    m = _load(str(path))
    return m, [v for v in m.views if has_geometry(v)]


# --------------------------------------------------------------------------- SVG reading
def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", text)]


def _pairs(nums: list[float]) -> list[tuple[float, float]]:
    return list(zip(nums[0::2], nums[1::2], strict=True))


class Drawn:
    """An SVG written by Graphviz, in absolute coordinates (top-left origin)."""

    def __init__(self, svg: bytes) -> None:
        self.root = etree.fromstring(svg)
        graph = _first(self.root, "g")
        tx, ty = _numbers(graph.get("transform").split("translate")[1])
        self.offset = (tx, ty)
        self.width = float(self.root.get("width").removesuffix("pt"))
        self.height = float(self.root.get("height").removesuffix("pt"))
        groups = list(graph.iter(f"{SVG}g"))
        self.order = {}
        self.nodes, self.edges = {}, {}
        for k, g in enumerate(groups):
            if g.get("class") == "node":
                title = g.findtext(f"{SVG}title")
                self.nodes[title] = g
                self.order[title] = k
            elif g.get("class") == "edge":
                self.edges[g.get("id")] = g

    def points(self, el) -> list[tuple[float, float]]:
        tx, ty = self.offset
        tag = etree.QName(el).localname
        if tag == "ellipse":
            cx, cy, rx, ry = (float(el.get(a)) for a in ("cx", "cy", "rx", "ry"))
            raw = [(cx - rx, cy - ry), (cx + rx, cy + ry)]
        elif tag == "path":
            raw = _pairs(_numbers(el.get("d")))
        else:
            raw = _pairs(_numbers(el.get("points")))
        return [(x + tx, y + ty) for x, y in raw]

    def box(self, node_id: str) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the outline of the node drawn for ``node_id``."""
        g = self.nodes[node_id]
        outline = next(el for el in g.iter(f"{SVG}polygon", f"{SVG}path", f"{SVG}ellipse"))
        pts = self.points(outline)
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return min(xs), min(ys), max(xs), max(ys)

    def edge_points(self, conn_id: str) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
        """The points of a connection's line and of its arrowheads."""
        g = self.edges[conn_id]
        line = [p for el in g.iter(f"{SVG}path") for p in self.points(el)]
        heads = [p for el in g.iter(f"{SVG}polygon", f"{SVG}ellipse") for p in self.points(el)]
        return line, heads


def _first(g, tag: str):
    """The first ``tag`` element inside ``g`` (Graphviz wraps tooltips in links), or ``None``."""
    return next(g.iter(f"{SVG}{tag}"), None)


def _expected(node, origin) -> tuple[float, float, float, float]:
    x0, y0 = origin
    return node.x - x0, node.y - y0, node.x + node.w - x0, node.y + node.h - y0


def _close(a, b, tol=TOL) -> bool:
    return all(abs(p - q) <= tol for p, q in zip(a, b, strict=True))


def _on_border(p, box, tol=1.5) -> bool:
    left, top, right, bottom = box
    x, y = p
    inside = left - tol <= x <= right + tol and top - tol <= y <= bottom + tol
    near = min(abs(x - left), abs(x - right), abs(y - top), abs(y - bottom)) <= tol
    return inside and near


def _inside(inner, outer, tol=TOL) -> bool:
    return (inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol
            and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol)


def _check_view(m, v) -> None:
    d = v.diagram
    left, top, right, bottom = extent(d)
    origin = (left - MARGIN, top - MARGIN)
    drawn = Drawn(eaframe.render(m, view=v.id, lang="en").svg)
    # the canvas is the diagram's extent plus the margin, not a Graphviz layout
    assert drawn.width == right - left + 2 * MARGIN and drawn.height == bottom - top + 2 * MARGIN, v.id
    boxes = {}
    for n in d.walk():
        boxes[n.id] = drawn.box(n.id)
        assert _close(boxes[n.id], _expected(n, origin)), (v.id, n.id, boxes[n.id], _expected(n, origin))
    for parent in d.walk():
        for child in parent.nodes:
            assert drawn.order[parent.id] < drawn.order[child.id], (v.id, "parent drawn after child", child.id)
            stored_inside = (child.x >= parent.x and child.y >= parent.y and child.x + child.w <= parent.x + parent.w
                             and child.y + child.h <= parent.y + parent.h)
            if stored_inside:
                assert _inside(boxes[child.id], boxes[parent.id]), (v.id, child.id, parent.id)
    for c in d.connections:
        line, heads = drawn.edge_points(c.id)
        assert line, (v.id, c.id, "connection not drawn")
        for bp in c.bendpoints:
            want = (bp.x - origin[0], bp.y - origin[1])
            assert any(_close(p, want, 0.6) for p in line), (v.id, c.id, "bendpoint missing", want)
        ends = line + heads
        nodes = {n.id: n for n in d.walk()}
        for end, other, bend in ((c.source, c.target, 0), (c.target, c.source, -1)):
            if end not in nodes or c.source_attachment or c.target_attachment:
                continue
            n = nodes[end]
            centre = (n.x + n.w / 2, n.y + n.h / 2)
            if c.bendpoints:
                toward = (c.bendpoints[bend].x, c.bendpoints[bend].y)
            elif other in nodes:
                o = nodes[other]
                toward = (o.x + o.w / 2, o.y + o.h / 2)
            else:
                continue
            if toward == centre:
                continue  # no direction to leave the box in: the line starts at its centre
            assert any(_on_border(p, boxes[end]) for p in ends), (v.id, c.id, "line not clipped at the box of", end)


@pytest.mark.parametrize("name", EXCHANGE_FILES)
def test_corpus_views_are_drawn_at_their_stored_geometry(name):
    m, views = _views(CORPUS / name)
    assert views, f"{name} has views with geometry"
    for v in views:
        _check_view(m, v)


@pytest.mark.parametrize("name", SHARED_FILES)
def test_shared_example_views_are_drawn_at_their_stored_geometry(name, shared):
    m, views = _views(shared / "archimate" / "examples" / name)
    assert views
    for v in views:
        _check_view(m, v)


def test_capability_map_keeps_its_extent_instead_of_one_wide_row(shared):
    """Issue 11: the 196-box capability map came out 25,896 pt wide, one row of boxes."""
    m = _load(str(shared / "archimate" / "examples" / "ca_GC_BCM_2.0.xml"))
    v = m.view(BCM_VIEW)
    left, top, right, bottom = extent(v.diagram)
    drawn = Drawn(eaframe.render(m, view=BCM_VIEW).svg)
    assert drawn.width <= right - left + 2 * MARGIN and drawn.height <= bottom - top + 2 * MARGIN
    assert drawn.width < 1500 and len(drawn.nodes) >= v.diagram.node_count()
    # the explicit Graphviz layout is still there, and still re-lays the map out
    relaid = eaframe.render(m, view=BCM_VIEW, layout="graphviz")
    assert relaid.engine == "dot" and relaid.source.startswith('digraph "eaframe"')


def _png_size_and_colours(data: bytes) -> tuple[int, int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return width, height, len(set(zlib.decompress(idat)))


def test_png_has_one_pixel_per_stored_pixel_and_is_not_blank():
    m = _load(str(CORPUS / "opengroup_archisurance.xml"))
    v = m.view("Business Process View")
    left, top, right, bottom = extent(v.diagram)
    width, height, colours = _png_size_and_colours(eaframe.render(m, view=v.id, format="png").png)
    assert (width, height) == (right - left + 2 * MARGIN, bottom - top + 2 * MARGIN)
    assert colours > 20  # boxes, fills, lines and text, not a blank canvas


def test_colours_styles_and_labels_follow_the_stored_diagram():
    m = _load(str(CORPUS / "ca_dmit_2018.xml"))
    v = m.view("id-b4ff44f4-4ed6-4b30-a7e5-202e7be5a61f")
    drawn = Drawn(eaframe.render(m, view=v.id, lang="en").svg)
    note = next(n for n in v.diagram.walk() if n.kind == "Label")
    group = next(n for n in v.diagram.walk() if n.kind == "Container")
    # notes and groups: label at the top-left of the box
    for n in (note, group):
        g = drawn.nodes[n.id]
        first = _first(g, "text")
        assert first.get("text-anchor") == "start"
        left, top, _, _ = drawn.box(n.id)
        assert left < float(first.get("x")) + drawn.offset[0] <= left + 8
        assert top < float(first.get("y")) + drawn.offset[1] <= top + 16
        assert n.label.get("en", fallback=True).split()[0] in first.text
    # element fill: the stored fill colour where there is one, the layer colour otherwise
    for n in v.diagram.walk():
        if n.kind != "Element":
            continue
        fill = _first(drawn.nodes[n.id], "polygon").get("fill")
        c = n.style.fill_color if n.style else None
        if c is not None:
            assert fill == f"#{c.r:02x}{c.g:02x}{c.b:02x}"
        else:
            assert fill == LAYER_COLOURS[m.get(n.element).layer.value]
    # relationship line styles and arrowheads from the shared ArchiMate styles
    for c in v.diagram.connections:
        rel = m.get(c.relationship)
        g = drawn.edges[c.id]
        dash = _first(g, "path").get("stroke-dasharray")
        if rel.type == "Realization":
            assert dash == "5,2" and _first(g, "polygon").get("fill") == "none"  # hollow triangle
        elif rel.type == "Association":
            assert dash is None and _first(g, "polygon") is None


def test_labels_wrap_inside_their_box_and_fall_back_to_another_language():
    m = _load(str(MINI))
    lgsp = m.get("prov.lgsp")
    data = m.model_dump(mode="json", exclude_none=True)
    data["elements"] = [e for e in data["elements"] if e["id"] != "ext.ngsp"] + [
        {"id": "ext.ngsp", "type": "ApplicationComponent", "name": {"vi": "Nền tảng quốc gia"}}]
    data["views"] = [{"id": "v.drawn", "name": {"en": "Drawn"}, "elements": ["prov.lgsp", "ext.ngsp"],
                      "diagram": {"nodes": [
                          {"id": "n1", "element": "prov.lgsp", "x": 20, "y": 30, "w": 120, "h": 80},
                          {"id": "n2", "element": "ext.ngsp", "x": 300, "y": 30, "w": 180, "h": 55}]}}]
    m2 = type(m).model_validate(data)
    drawn = Drawn(eaframe.render(m2, view="v.drawn", lang="en").svg)
    lines = [t.text for t in drawn.nodes["n1"].iter(f"{SVG}text")]
    assert len(lines) > 1 and " ".join(lines).startswith(lgsp.name.en[:20])
    left, _, right, _ = drawn.box("n1")
    for t in drawn.nodes["n1"].iter(f"{SVG}text"):
        assert t.get("text-anchor") == "middle" and left < float(t.get("x")) + drawn.offset[0] < right
        assert len(t.text) * 9 * 0.56 <= 120  # the estimated line width fits the box
    # no English name: the Vietnamese one is shown
    assert [t.text for t in drawn.nodes["n2"].iter(f"{SVG}text")] == ["Nền tảng quốc gia"]
    # the component marker sits in the top-right corner of the component box
    mark = drawn.box("n1{mark0}")
    left, top, right, _ = drawn.box("n1")
    assert right - 25 < mark[0] < mark[2] < right and top < mark[1] < top + 10


def _hand_drawn(conn_to_conn: bool = False):
    m = _load(str(MINI))
    data = m.model_dump(mode="json", exclude_none=True)
    connections = [{"id": "c1", "relationship": "r.portal.service", "source": "n1", "target": "n2",
                    "bendpoints": [{"x": 80, "y": 200}, {"x": 380, "y": 200}]}]
    if conn_to_conn:
        connections.append({"id": "c2", "kind": "Line", "source": "n3", "target": "c1"})
    data["views"] = [{"id": "v.hand", "name": {"en": "Hand"},
                      "elements": ["prov.public_service_portal", "biz.online_public_service"],
                      "diagram": {"nodes": [
                          {"id": "n1", "element": "prov.public_service_portal", "x": 20, "y": 30, "w": 120, "h": 55},
                          {"id": "n2", "element": "biz.online_public_service", "x": 320, "y": 30, "w": 120, "h": 55},
                          {"id": "n3", "kind": "Label", "label": {"en": "note"}, "x": 180, "y": 260, "w": 100,
                           "h": 40}],
                          "connections": connections}}]
    return type(m).model_validate(data)


def test_connection_runs_from_box_edge_through_bendpoints_to_the_arrow_tip():
    m = _hand_drawn()
    drawn = Drawn(eaframe.render(m, view="v.hand").svg)
    # extent: x 20..440, y 30..300 → origin (10, 20)
    line, heads = drawn.edge_points("c1")
    assert _close(line[0], (80 - 10, 85 - 20))  # leaves n1 at its bottom edge, toward the first bendpoint
    assert any(_close(p, (70, 180)) for p in line) and any(_close(p, (370, 180)) for p in line)
    # Realization: dashed, hollow arrowhead whose tip touches the bottom edge of n2
    assert any(_close(p, (380 - 10, 85 - 20)) for p in heads)
    assert _first(drawn.edges["c1"], "path").get("stroke-dasharray") == "5,2"


def test_line_to_a_connection_ends_on_that_connection():
    m = _hand_drawn(conn_to_conn=True)
    drawn = Drawn(eaframe.render(m, view="v.hand").svg)
    line, _ = drawn.edge_points("c2")
    # c1 is 60 + 300 + 60 long; its middle is on the horizontal run at (230, 200)
    assert _close(line[-1], (230 - 10, 200 - 20))


def test_views_without_geometry_keep_the_graphviz_layout():
    m = eaframe.load(str(MINI))
    v = m.views[0]
    assert not has_geometry(v)
    d = eaframe.render(m, view=v.id)
    assert d.engine == "dot" and d.source.startswith('digraph "eaframe"')
    with pytest.raises(RenderError, match=re.escape(repr(v.id)) + ".*no stored diagram geometry"):
        eaframe.render(m, view=v.id, layout="stored")
    with pytest.raises(RenderError, match="has no stored diagram geometry"):
        stored_dot(m, v.id)


def test_layout_argument_is_checked():
    m = _hand_drawn()
    assert eaframe.render(m, view="v.hand").engine == "neato-n2"
    assert eaframe.render(m, view="v.hand", layout="stored").engine == "neato-n2"
    assert eaframe.render(m, view="v.hand", layout="graphviz").engine == "dot"
    with pytest.raises(RenderError, match="unknown layout 'drawn'"):
        eaframe.render(m, view="v.hand", layout="drawn")
    with pytest.raises(RenderError, match="layout='stored'"):
        eaframe.render(m, kind="layered", layout="stored")
    with pytest.raises(RenderError, match="without a legend"):
        eaframe.render(m, view="v.hand", layout="stored", legend=True)
    with pytest.raises(RenderError, match="no view 'nope'"):
        eaframe.render(m, view="nope", layout="stored")


def test_shapes_and_markers_follow_the_archimate_corner_notation():
    assert node_shape("ApplicationComponent") == {"shape": "box", "style": "filled"}
    assert node_shape("BusinessProcess")["style"] == node_shape("ApplicationService")["style"] == "rounded,filled"
    assert node_shape("BusinessEvent")["style"] == "rounded,filled"
    assert node_shape("Goal")["style"] == "filled,diagonals"
    assert node_shape("Node")["shape"] == "box3d" and node_shape("Artifact")["shape"] == "note"
    assert node_shape("AndJunction")["shape"] == "circle"
    assert [k.kind for k in type_marker("BusinessActor", 0, 0, 120, 55)] == ["circle"] + ["line"] * 4
    assert [k.kind for k in type_marker("ApplicationInterface", 0, 0, 120, 55)] == ["circle", "line"]
    assert type_marker("ApplicationComponent", 0, 0, 120, 55)[0].shape == "component"
    assert type_marker("ApplicationComponent", 0, 0, 30, 20) == []  # too small for a marker
    assert type_marker("DataObject", 0, 0, 120, 55) == []


def test_stored_dot_says_its_engine_like_the_band_grid():
    """One sign of the engine: a stored drawing's DOT carries POSITIONED_MARK, so the DOT
    alone (a saved .dot file, pipe_dot without engine=) is drawn with neato -n2, as drawn."""
    m = _hand_drawn()
    src = stored_dot(m, "v.hand")
    assert src.splitlines()[1] == POSITIONED_MARK and engine_for(src) == "neato-n2"
    d = eaframe.render(m, view="v.hand")
    assert RenderedDiagram(d.source).engine == "neato-n2"
    assert pipe_dot(d.source, "svg") == d.svg


def test_golden_svg_of_a_small_view(golden):
    """A view with notes, a group, nesting, bendpoints and stored colours (regenerate: --update-golden)."""
    m = _load(str(CORPUS / "ca_dmit_2018.xml"))
    svg = eaframe.render(m, view="id-b4ff44f4-4ed6-4b30-a7e5-202e7be5a61f", lang="en").svg.decode("utf-8")
    svg = re.sub(r"<!-- Generated by graphviz version [^>]*-->\n", "", svg)
    golden("render/stored-dmit.en.svg", svg)


# --------------------------------------------------------------------------- CLI
def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_layout_stored_and_auto(tmp_path):
    src = CORPUS / "opengroup_archisurance.xml"
    m = _load(str(src))
    v = m.view("Business Process View")
    left, top, right, bottom = extent(v.diagram)
    for layout in ("stored", "auto"):
        out = tmp_path / f"{layout}.svg"
        r = run("render", src, "--lenient", "--view", "Business Process View", "--layout", layout, "-o", out)
        assert r.exit_code == 0, r.output
        assert Drawn(out.read_bytes()).width == right - left + 2 * MARGIN
    out = tmp_path / "relaid.dot"
    r = run("render", src, "--lenient", "--view", v.id, "--layout", "graphviz", "-o", out)
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").startswith('digraph "eaframe"')


def test_cli_layout_stored_without_geometry_is_a_usage_error(tmp_path):
    m = eaframe.load(str(MINI))
    out = tmp_path / "x.svg"
    r = run("render", MINI, "--view", m.views[0].id, "--layout", "stored", "-o", out)
    assert r.exit_code == 2 and repr(m.views[0].id) in r.output and "no stored diagram geometry" in r.output
    assert not out.exists()
    r = run("render", MINI, "--layout", "stored", "-o", out)
    assert r.exit_code == 2 and "give --view ID" in r.output
    r = run("render", MINI, "--all-views", "--layout", "stored", "-o", tmp_path / "all")
    assert r.exit_code == 2 and "--all-views" in r.output


def test_cli_all_views_draws_stored_views_as_drawn(tmp_path):
    src = CORPUS / "vng_omgevingswet_swc.xml"
    m, views = _views(src)
    r = run("render", src, "--lenient", "--all-views", "-o", tmp_path)
    assert r.exit_code == 0, r.output
    for v in views:
        left, top, right, bottom = extent(v.diagram)
        drawn = Drawn((tmp_path / f"{v.id}.svg").read_bytes())
        assert (drawn.width, drawn.height) == (right - left + 2 * MARGIN, bottom - top + 2 * MARGIN)


# --------------------------------------------------------------------------- property test
@st.composite
def _diagrams(draw):
    nodes, conns = [], []
    for k in range(draw(st.integers(1, 4))):
        x, y = draw(st.integers(0, 600)), draw(st.integers(0, 400))
        w, h = draw(st.integers(40, 200)), draw(st.integers(30, 150))
        children = []
        if draw(st.booleans()) and w > 60 and h > 50:
            cw, ch = draw(st.integers(10, w - 20)), draw(st.integers(10, h - 20))
            children.append(DiagramNode(id=f"c{k}", element="prov.lgsp", x=x + 10, y=y + 10, w=cw, h=ch))
        nodes.append(DiagramNode(id=f"n{k}", element="prov.sso", x=x, y=y, w=w, h=h, nodes=children))
    if len(nodes) > 1:
        bends = [Point(x=draw(st.integers(0, 800)), y=draw(st.integers(0, 600))) for _ in range(draw(st.integers(0, 3)))]
        conns.append(DiagramConnection(id="k0", relationship="r.sso.service", source="n0", target="n1",
                                       bendpoints=bends))
    return Diagram(nodes=nodes, connections=conns)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_diagrams())
def test_any_stored_geometry_is_drawn_where_it_is_stored(diagram):
    m = _load(str(MINI))
    data = m.model_dump(mode="json", exclude_none=True)
    data["views"] = [{"id": "v.p", "elements": ["prov.sso", "prov.lgsp"],
                      "diagram": diagram.model_dump(mode="json", exclude_none=True)}]
    m2 = type(m).model_validate(data)
    _check_view(m2, m2.view("v.p"))


def test_names_wrap_at_spaces_without_losing_words():
    """Narrow boxes wrap across their whole width: 'Product Development' is not cut into 'Product D/evelopmen/t'."""
    m = _load(str(CORPUS / "opengroup_archisurance.xml"))
    checked = 0
    for v in m.views:
        if not has_geometry(v):
            continue
        drawn = Drawn(eaframe.render(m, view=v.id, lang="en").svg)
        for n in v.diagram.walk():
            if n.kind != "Element" or n.label is not None:
                continue
            name = m.get(n.element).name.get("en", fallback=True)
            lines = [t.text for t in drawn.nodes[n.id].iter(f"{SVG}text")]
            if not name or (lines and lines[-1].endswith("…")):
                continue
            if max(len(w) for w in name.split()) * 9 * 0.56 > n.w - 10:
                continue  # a word wider than the box is broken, as in Archi
            assert " ".join(lines).split() == name.split(), (v.id, n.id, lines)
            checked += 1
    assert checked > 100


def test_cli_legend_on_a_stored_drawing_is_noted(tmp_path):
    src = CORPUS / "opengroup_archisurance.xml"
    r = CliRunner().invoke(main, ["render", str(src), "--lenient", "--view", "id-3761", "--legend",
                                  "-o", str(tmp_path / "v.svg")])
    assert r.exit_code == 0, r.output
    assert "note: view 'id-3761' is drawn as stored, without a legend" in r.stderr
