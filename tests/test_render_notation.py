"""The ArchiMate notation as drawn: icons and shapes per type, layer bands in order, a legend that
fits, readable colours, diff colours apart from layer colours, and the size on an A4 page.

Checked on the SVG that Graphviz writes (node groups carry the element id, cluster groups
``cluster.<id>``, the legend ``legend``).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from lxml import etree
from wcag_support import contrast

import eaframe
from eaframe.bundled import bundled_models
from eaframe.elements import ELEMENT_TYPES
from eaframe.render import icons, styles
from eaframe.render.dot import A4_LANDSCAPE_PT, to_dot
from eaframe.render.grid import MAX_LINES, layout_for, uses_grid
from eaframe.render.views import BAND_ORDER, diff_view, findings_view, interconnection, layered, select

SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")
MODELS = ["vn-province-1.0", "vn-province-2.0", "vn-province-3.0", "vn-province-4.0", "dongnai-2019", "dongnai-2020"]
_NUM = re.compile(r"-?\d+(?:\.\d+)?")


def svg_of(view, **kw) -> etree._Element:
    return etree.fromstring(bytes(eaframe.render(view, format="svg", **kw)))


def bbox(g) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the first polygon or path of an SVG group."""
    shape = next(x for x in g.iter(f"{SVG}polygon", f"{SVG}path"))
    nums = [float(v) for v in _NUM.findall(shape.get("points") or shape.get("d"))]
    xs, ys = nums[0::2], nums[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def groups(root, cls: str) -> dict[str, etree._Element]:
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("class") == cls}


def every_type_model():
    return eaframe.ArchitectureModel.build(
        {"title": {"vi": "Mọi kiểu", "en": "Every type"}},
        elements=[{"id": f"t{k}", "type": t, "name": {"vi": f"Phần tử {t}", "en": t}}
                  for k, t in enumerate(sorted(ELEMENT_TYPES))])


@pytest.fixture(scope="module")
def models():
    return {n: eaframe.load(n) for n in MODELS if n in bundled_models()}


# --------------------------------------------------------------------------- icons and shapes
@needs_dot
def test_every_element_type_used_has_its_icon_in_the_svg():
    m = every_type_model()
    view = select(m, ids=[e.id for e in m.elements])
    nodes = groups(svg_of(view), "node")
    for e in m.elements:
        drawn = [g.get("data-icon") for g in nodes[e.id].iter(f"{SVG}g") if g.get("class") == "archimate-icon"]
        expected = styles.icon_for(e.type)
        assert drawn == ([expected] if expected else []), (e.type, drawn)
        if expected:  # in the top-right corner of the box
            x0, y0, x1, y1 = bbox(nodes[e.id])
            icon = next(g for g in nodes[e.id].iter(f"{SVG}g") if g.get("class") == "archimate-icon")
            tx, ty = (float(v) for v in re.search(r"translate\(([-\d.]+),([-\d.]+)\)", icon.get("transform")).groups())
            assert tx > (x0 + x1) / 2 and ty < (y0 + y1) / 2, e.type


@needs_dot
def test_png_output_finds_the_icon_images_and_a_saved_dot_file_renders_with_them(tmp_path):
    m = every_type_model()
    d = eaframe.render(select(m, ids=[e.id for e in m.elements]), format="png")
    assert d.png.startswith(b"\x89PNG")
    path = d.save(tmp_path / "all.dot")
    r = subprocess.run(["dot", "-Tpng", str(path)], capture_output=True)
    assert r.returncode == 0 and not r.stderr, r.stderr.decode("utf-8", "replace")
    assert "imagepath=" not in to_dot(select(m, ids=["t0"]))  # the DOT text of to_dot names no folder


@needs_dot
def test_svg_shapes_follow_the_type():
    m = eaframe.ArchitectureModel.build(
        {"title": {"vi": "Hình", "en": "Shapes"}},
        elements=[{"id": "svc", "type": "ApplicationService", "name": {"vi": "Dịch vụ"}},
                  {"id": "goal", "type": "Goal", "name": {"vi": "Mục tiêu"}},
                  {"id": "comp", "type": "ApplicationComponent", "name": {"vi": "Thành phần"}},
                  {"id": "node", "type": "Node", "name": {"vi": "Máy chủ"}},
                  {"id": "and", "type": "AndJunction"},
                  {"id": "or", "type": "OrJunction"}])
    nodes = groups(svg_of(select(m, ids=["svc", "goal", "comp", "node", "and", "or"], cluster_by="none")), "node")
    assert nodes["svc"].find(f".//{SVG}path") is not None  # rounded: a path with curves
    assert "C" in nodes["svc"].find(f".//{SVG}path").get("d")
    assert len(nodes["goal"].findall(f".//{SVG}polyline")) >= 4  # chamfered corners (diagonals)
    assert nodes["comp"].find(f".//{SVG}polygon") is not None and not nodes["comp"].findall(f".//{SVG}polyline")
    assert len(nodes["node"].findall(f".//{SVG}polygon")) >= 2 or nodes["node"].findall(f".//{SVG}polyline")
    for j in ("and", "or"):
        e = nodes[j].find(f".//{SVG}ellipse")
        assert e is not None and float(e.get("rx")) < 6  # a small circle


def test_icons_are_drawn_by_eaframe_and_the_png_files_are_current():
    for name in icons.ICONS:
        rgba = icons.rasterise(name)
        assert any(rgba[3::4]), name  # something is drawn
        data = (icons.ICON_DIR / icons.icon_png_name(name)).read_bytes()
        assert data.startswith(b"\x89PNG")
        svg = icons.icon_svg(name, 0, 0, 16)
        etree.fromstring(svg.replace("<g ", '<g xmlns="http://www.w3.org/2000/svg" ', 1))  # well-formed


# --------------------------------------------------------------------------- bands and legend
def band_boxes(root) -> dict[str, tuple[float, float, float, float]]:
    return {i.removeprefix("cluster."): bbox(g) for i, g in groups(root, "cluster").items() if i.startswith("cluster.")}


@needs_dot
def test_layer_bands_are_stacked_in_the_standard_order():
    m = eaframe.synthetic_model(60, seed=3)
    view = layered(m, use_groupings=False)
    order = [c.id for c in view.clusters]
    expected = [f"layer.{layer.value}" for layer in BAND_ORDER if f"layer.{layer.value}" in order]
    assert order == expected and len(order) >= 3
    boxes = band_boxes(svg_of(view))
    for upper, lower in zip(order, order[1:], strict=False):
        assert boxes[upper][3] < boxes[lower][1], (upper, lower)  # no overlap: one under the other
    assert_no_drift(boxes, order)


def assert_no_drift(boxes, order) -> None:
    """Bands strictly stacked: every band box has the same left edge and the same width."""
    lefts = {round(boxes[c][0], 1) for c in order}
    widths = {round(boxes[c][2] - boxes[c][0], 1) for c in order}
    assert len(lefts) == 1 and len(widths) == 1, (lefts, widths)


@needs_dot
@pytest.mark.parametrize("name", MODELS)
def test_framework_bands_follow_the_layer_order_business_above_application_above_technology(name, models):
    from eaframe.render.views import _main_layer

    if name not in models:
        pytest.skip(f"bundled model {name} not present")
    view = layered(models[name])
    boxes = band_boxes(svg_of(view, legend=True))
    rank = {layer: k for k, layer in enumerate(BAND_ORDER)}
    tops = [(boxes[c.id][1], rank[_main_layer(c, view.elements)], c.id) for c in view.clusters]
    tops.sort()
    assert [r for _, r, _ in tops] == sorted(r for _, r, _ in tops), tops
    by_layer = {r: y for y, r, _ in tops}
    business, application, technology = (rank[x] for x in BAND_ORDER[2:5])
    assert by_layer[business] < by_layer[application] < by_layer[technology]
    assert_no_drift(boxes, [c.id for c in view.clusters])


def _dongnai_view(kind: str, models):
    """The ``kind`` view (layered, interconnection, diff, findings) of the bundled Đồng Nai 2020 model."""
    m = models.get("dongnai-2020") or pytest.skip("dongnai-2020 not present")
    return {"layered": lambda: layered(m), "interconnection": lambda: interconnection(m),
            "diff": lambda: diff_view(models["dongnai-2019"], m),
            "findings": lambda: findings_view(m, _findings(m))}[kind]()


@needs_dot
@pytest.mark.parametrize("kind", ["layered", "diff", "findings"])
def test_banded_views_place_boxes_on_the_grid_and_graphviz_only_routes_edges(kind, models):
    view = _dongnai_view(kind, models)
    assert uses_grid(view)
    layout = layout_for(view, "vi", legend=True)
    root = svg_of(view, legend=True)
    boxes = band_boxes(root)
    assert_no_drift(boxes, [c.id for c in view.clusters if c.id in boxes])
    nodes = groups(root, "node")
    lefts: dict[float, set[float]] = {}
    for i, (x, _y, _h) in layout.cells.items():
        x0, y0, x1, y1 = bbox(nodes[i])
        lefts.setdefault(x, set()).add(round(x0, 1))
        assert abs((x1 - x0) - layout.box) < 5  # one box width (3-D boxes and chamfers add a little)
    assert all(len(v) == 1 for v in lefts.values())  # a grid column is one x in the picture
    assert len(lefts) == layout.columns or len(view.elements) < layout.columns
    edges = {g.get("id") for g in root.iter(f"{SVG}g") if g.get("class") == "edge"}
    assert set(view.relationships) <= edges


def test_barycentre_order_uncrosses_edges_between_bands():
    m = eaframe.ArchitectureModel.build(
        {"title": {"en": "Crossing"}},
        elements=[{"id": i, "type": t, "name": {"en": i}} for i, t in
                  [("a1", "BusinessActor"), ("a2", "BusinessActor"), ("a3", "BusinessActor"),
                   ("c1", "ApplicationComponent"), ("c2", "ApplicationComponent"), ("c3", "ApplicationComponent")]],
        relationships=[{"id": f"r{k}", "type": "Serving", "source": c, "target": a}
                       for k, (c, a) in enumerate([("c1", "a3"), ("c2", "a2"), ("c3", "a1")])])
    layout = layout_for(layered(m, use_groupings=False), "en")
    x = {i: cell[0] for i, cell in layout.cells.items()}
    pairs = [("a3", "c1"), ("a2", "c2"), ("a1", "c3")]
    for (p, q), (s, t) in zip(pairs, pairs[1:], strict=False):
        assert (x[p] < x[s]) == (x[q] < x[t])  # no two edges cross
    assert layout == layout_for(layered(m, use_groupings=False), "en")  # deterministic


def test_views_too_large_for_a_page_keep_graphviz_dot_layout():
    from eaframe.render.dot import LARGE_VIEW

    assert uses_grid(layered(eaframe.synthetic_model(LARGE_VIEW, seed=1)))
    big = layered(eaframe.synthetic_model(LARGE_VIEW + 1, seed=1))
    assert not uses_grid(big) and "neato" not in to_dot(big)


@needs_dot
def test_a_long_name_is_cut_with_an_ellipsis_and_kept_whole_in_the_tooltip():
    long = "Hệ thống thông tin " * 12
    m = eaframe.ArchitectureModel.build(
        {"title": {"vi": "Dài"}}, elements=[{"id": "x", "type": "ApplicationComponent", "name": {"vi": long.strip()}},
                                             {"id": "y", "type": "Node", "name": {"vi": "Máy chủ"}}])
    view = layered(m, use_groupings=False)
    lines = layout_for(view, "vi").lines["x"]
    assert len(lines) == MAX_LINES and lines[-1].endswith("…")
    node = groups(svg_of(view), "node")["x"]
    assert [t.text for t in node.iter(f"{SVG}text")][:MAX_LINES] == list(lines)
    assert any(long.strip() in (a.get("{http://www.w3.org/1999/xlink}title") or "") for a in node.iter(f"{SVG}a"))


@needs_dot
@pytest.mark.parametrize("kind", ["layered", "interconnection", "diff", "findings"])
def test_legend_fits_inside_the_drawing_and_is_not_wider_than_the_bands(kind, models):
    view = _dongnai_view(kind, models)
    root = svg_of(view, legend=True)
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
    gx0, gy0, gx1, gy1 = bbox(graph)
    lx0, ly0, lx1, ly1 = bbox(groups(root, "cluster")["legend"])
    assert gx0 <= lx0 and lx1 <= gx1 and gy0 <= ly0 and ly1 <= gy1
    widest = max(b[2] - b[0] for b in band_boxes(root).values())
    assert lx1 - lx0 <= widest
    # every legend entry inside the legend box, and the box under the bands
    entries = [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"
               and g.findtext(f"{SVG}title", "").startswith("legend.")]
    assert entries
    for g in entries:
        for t in g.iter(f"{SVG}text"):
            x, y = float(t.get("x")), float(t.get("y"))
            assert lx0 <= x <= lx1 and ly0 <= y <= ly1, t.text
    assert ly0 > max(b[3] for b in band_boxes(root).values())


def _findings(m):
    from eaframe.render import _run_checks

    return _run_checks(m)


# --------------------------------------------------------------------------- colours
def _lab(colour: str) -> tuple[float, float, float]:
    channels = [int(colour[k:k + 2], 16) / 255 for k in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5


def test_contrast_formula():
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


LAYER_FILLS = list(styles.LAYER_COLOURS.values())
STATUS_FILLS = [s["fillcolor"] for s in styles.STATUS_STYLES.values()]
TEXT = [styles.TEXT_COLOUR, styles.BADGE_COLOUR, *(s["fontcolor"] for s in styles.STATUS_STYLES.values())]


@pytest.mark.parametrize("fill", LAYER_FILLS + STATUS_FILLS)
def test_every_label_colour_meets_wcag_aa_on_every_fill(fill):
    # findings are drawn on layer colours (a findings view has no diff colours)
    texts = TEXT + ([styles.FINDING_STYLE["fontcolor"], styles.MISSING_EDGE_STYLE["fontcolor"]]
                    if fill in LAYER_FILLS else [])
    for text in texts:
        assert contrast(text, fill) >= 4.5, (text, fill, round(contrast(text, fill), 2))


def test_diff_colours_are_distinct_from_every_layer_colour():
    for status in ("added", "removed", "changed"):
        fill = styles.STATUS_STYLES[status]["fillcolor"]
        for layer, colour in styles.LAYER_COLOURS.items():
            assert delta_e(fill, colour) >= 20, (status, layer, round(delta_e(fill, colour), 1))


@needs_dot
@pytest.mark.parametrize("kind", ["layered", "diff", "findings"])
def test_label_contrast_in_the_rendered_svg(kind, models):
    view = _dongnai_view(kind, models)
    checked = 0
    for g in groups(svg_of(view), "node").values():
        shape = next(iter(g.iter(f"{SVG}polygon", f"{SVG}path", f"{SVG}ellipse")))
        fill = shape.get("fill")
        if not fill or not fill.startswith("#"):
            continue
        for t in g.iter(f"{SVG}text"):
            colour = t.get("fill") or "#000000"
            assert contrast(colour, fill) >= 4.5, (g.get("id"), t.text, colour, fill)
            checked += 1
    assert checked > 20


# --------------------------------------------------------------------------- A4 landscape
#: The smallest scale (picture → A4 landscape less 10 mm margins) each bundled model's views
#: reach (layered, interconnection), with some room for other Graphviz versions
#: (docs/diagrams.md has the measurements). Layered views are drawn on eaframe's band grid.
A4_SCALE = {
    "vn-province-1.0": (0.56, 0.48), "vn-province-2.0": (0.59, 0.42), "vn-province-3.0": (0.58, 0.45),
    "vn-province-4.0": (0.58, 0.45), "dongnai-2019": (0.51, 0.52), "dongnai-2020": (0.55, 0.44),
}


@needs_dot
@pytest.mark.parametrize("name", MODELS)
def test_bundled_views_fit_an_a4_landscape_page_at_the_stated_size(name, models):
    if name not in models:
        pytest.skip(f"bundled model {name} not present")
    page_w, page_h = A4_LANDSCAPE_PT
    for view, bound in zip((layered(models[name]), interconnection(models[name])), A4_SCALE[name], strict=True):
        root = svg_of(view, legend=True)
        w, h = (float(root.get(k).removesuffix("pt")) for k in ("width", "height"))
        vb = [float(v) for v in root.get("viewBox").split()]
        assert abs(vb[2] - w) < 1 and abs(vb[3] - h) < 1
        scale = min(page_w / w, page_h / h)
        assert scale >= bound, (name, view.kind, w, h, scale)
        assert 0.9 <= w / h <= 2.0, (name, view.kind, w / h)  # landscape-like, never a strip
        names = [float(t.get("font-size")) for t in root.iter(f"{SVG}text") if t.get("font-size") == "10.00"]
        assert names and min(names) * scale >= 10 * bound
