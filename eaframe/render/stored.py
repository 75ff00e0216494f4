"""Draw a stored view from its own geometry: the diagram as the other tool drew it.

A view imported from an ArchiMate exchange file (or an Archi model) keeps its drawing
in :attr:`View.diagram <eaframe.model.View.diagram>`: every box with its bounds, boxes
nested in boxes, notes, group boxes, connections with bendpoints and colours. This
module draws that diagram as it is: no layout happens. It writes DOT in which every
node has a fixed position and size (``pos="x,y!"``, ``width``/``height`` in inches,
``fixedsize=true``) and every edge its own spline (``pos``: straight segments through
the bendpoints, arrowhead end points given), and Graphviz renders it with
``neato -n2``, which takes positions as given: the DOT text says so in its second line
(:data:`~eaframe.render.output.POSITIONED_MARK`, as the band grid's does), and
:func:`~eaframe.render.output.engine_for` reads it. One pipeline thus yields SVG, PNG and
PDF, through the same :class:`~eaframe.render.rendered.RenderedDiagram` as the
Graphviz layouts.

Geometry
    Stored coordinates are pixels from the top-left corner, absolute also for nested
    nodes (the exchange format's convention, see :mod:`eaframe.diagram`). One pixel
    becomes one point; the picture is cropped to the diagram's extent
    (:func:`extent`: every node and bendpoint) plus a :data:`MARGIN` on each side, so a
    node at stored ``(x, y)`` appears at ``(x - x0 + MARGIN, y - y0 + MARGIN)`` where
    ``x0, y0`` is the top-left corner of the extent. Graphviz's y axis points up; the
    conversion flips it. PNG output is at 72 dpi, so one stored pixel is one PNG pixel.
Drawing order
    Parents before their children, siblings in stored order (later in front), then
    the connections on top, as Archi draws them.
SVG
    Every box is a Graphviz node group whose ``<title>`` is the diagram node's id and
    whose ``id`` is the element's id (its first box; the report links it to the
    element's page); every line is an edge group whose ``id`` is the connection's id.
Notation
    Fill, line and font colours come from the node's stored style, else the ArchiMate
    layer colours of :data:`~eaframe.render.styles.LAYER_COLOURS`; line styles and
    arrowheads per relationship type from
    :data:`~eaframe.render.styles.RELATIONSHIP_STYLES`. The box shape follows the
    ArchiMate corner convention (:func:`node_shape`: square structure elements,
    rounded behaviour, services and events, chamfered corners (chords) on motivation
    elements, dots for
    junctions) and a small type marker sits in the top-right corner of actors,
    components, interfaces, nodes and collaborations (:func:`type_marker`). Element
    names are wrapped inside the box, centred at the top; the labels of notes and group
    boxes sit at the top-left.

Examples
--------
>>> from eaframe.diagram import Diagram, DiagramNode
>>> extent(Diagram(nodes=[DiagramNode(id="n1", element="e", x=10, y=20, w=120, h=55)]))
(10, 20, 130, 75)
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Optional

from ..exceptions import RenderError
from .dot import quote
from .output import POSITIONED_MARK
from .styles import FONT, LAYER_COLOURS, RELATIONSHIP_STYLES, access_style, association_style, element_family

if TYPE_CHECKING:
    from ..diagram import Color, Diagram, DiagramConnection, DiagramNode, Style
    from ..model import ArchitectureModel, View
    from .rendered import RenderedDiagram

__all__ = ["LAYOUTS", "MARGIN", "has_geometry", "extent", "stored_dot", "render_stored",
           "node_shape", "type_marker", "relationship_style"]

#: Values of ``layout=`` / ``--layout``: ``auto`` draws a view with stored geometry as
#: drawn and everything else with Graphviz layout.
LAYOUTS = ("auto", "stored", "graphviz")

#: Blank space around the diagram's extent, in points (= stored pixels).
MARGIN = 10

_FONT_SIZE = 9.0
_PAD_X, _PAD_Y = 5.0, 3.0
_LINE_HEIGHT = 1.25
_CHAR_WIDTH = 0.56  # average DejaVu Sans advance, in font sizes
_GROUP_FILL = "#d2d7d7"
_NOTE_FILL = "#ffffff"
_LINE = "#000000"
_ARROW_LENGTH = 10.0
_ARROW_FACTOR = {"diamond": 1.2, "odiamond": 1.2, "dot": 0.8, "odot": 0.8}


def has_geometry(view: View) -> bool:
    """Whether ``view`` carries a stored drawing with at least one node."""
    return view.diagram is not None and bool(view.diagram.nodes)


def _points(diagram: Diagram) -> Iterator[tuple[int, int]]:
    for n in diagram.walk():
        yield n.x, n.y
        yield n.x + n.w, n.y + n.h
    for c in diagram.connections:
        for p in (c.source_attachment, *c.bendpoints, c.target_attachment):
            if p is not None:
                yield p.x, p.y


def extent(diagram: Diagram) -> tuple[int, int, int, int]:
    """``(left, top, right, bottom)`` of every node and bendpoint of ``diagram``, in stored pixels.

    Raises
    ------
    RenderError
        The diagram has no nodes.
    """
    pts = list(_points(diagram))
    if not any(True for _ in diagram.walk()):
        raise RenderError("the diagram has no nodes to draw")
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


# --------------------------------------------------------------------------- notation
def node_shape(type_name: str) -> dict[str, str]:
    """DOT shape and style of an element type's box in ArchiMate's corner notation.

    Structure elements are square boxes, behaviour elements (services and events
    included) rounded, motivation elements chamfered (chords across the corners), nodes 3-D boxes,
    artifacts and deliverables a folded note, groupings dashed, junctions dots.
    Every shape fills exactly the stored bounds.

    Examples
    --------
    >>> node_shape("BusinessService")["style"], node_shape("Goal")["style"]
    ('rounded,filled', 'filled,diagonals')
    """
    family = element_family(type_name)
    if family in ("behaviour", "service", "event"):
        return {"shape": "box", "style": "rounded,filled"}
    if family == "motivation":  # a box with its corners cut by chords: fits the stored bounds exactly
        return {"shape": "box", "style": "filled,diagonals"}
    if family in ("node", "plateau"):
        return {"shape": "box3d", "style": "filled"}
    if family == "artifact":
        return {"shape": "note", "style": "filled"}
    if family == "grouping":
        return {"shape": "box", "style": "dashed,filled"}
    if family == "and_junction":
        return {"shape": "circle", "style": "filled", "fillcolor": _LINE}
    if family == "or_junction":
        return {"shape": "circle", "style": "filled", "fillcolor": "#ffffff"}
    return {"shape": "box", "style": "filled"}


@dataclass(frozen=True)
class _Mark:
    """One primitive of a type marker, in stored pixel coordinates."""

    kind: str  # "circle" (x, y = centre, size = diameter), "box" (shape, x/y top-left, size w, h) or "line"
    points: tuple[tuple[float, float], ...]
    size: tuple[float, float] = (0.0, 0.0)
    shape: str = "box"


def type_marker(type_name: str, x: float, y: float, w: float, h: float) -> list[_Mark]:
    """The small type marker drawn in the top-right corner of a box at ``x, y, w, h``.

    Actors get a stick figure, interfaces a lollipop, components the component
    symbol, collaborations two overlapping circles. Other types (and boxes too small
    for a marker) get none.
    """
    if w < 50 or h < 24:
        return []
    right, top = x + w - 6, y + 5
    if type_name in ("BusinessActor", "Stakeholder"):
        cx = right - 5
        return [_Mark("circle", ((cx, top + 2.5),), (5, 5)),
                _Mark("line", ((cx, top + 5), (cx, top + 11))),
                _Mark("line", ((cx - 4, top + 7), (cx + 4, top + 7))),
                _Mark("line", ((cx, top + 11), (cx - 4, top + 15))),
                _Mark("line", ((cx, top + 11), (cx + 4, top + 15)))]
    family = element_family(type_name)
    if family == "interface":
        return [_Mark("circle", ((right - 4, top + 5),), (8, 8)),
                _Mark("line", ((right - 16, top + 5), (right - 8, top + 5)))]
    if type_name == "ApplicationComponent":
        return [_Mark("box", ((right - 14, top),), (14, 11), "component")]
    if type_name.endswith("Collaboration"):
        return [_Mark("circle", ((right - 10, top + 5),), (10, 10)),
                _Mark("circle", ((right - 4, top + 5),), (10, 10))]
    return []


def relationship_style(rel) -> dict[str, str]:
    """DOT edge attributes of a relationship (:data:`~eaframe.render.styles.RELATIONSHIP_STYLES`).

    Access relationships follow their access type, associations their direction.
    """
    if rel.type == "Access":
        at = rel.access_type
        return access_style(at.value if at is not None else None)
    if rel.type == "Association":
        return association_style(bool(rel.is_directed))
    return dict(RELATIONSHIP_STYLES.get(rel.type, RELATIONSHIP_STYLES["Association"]))


# --------------------------------------------------------------------------- drawing
def _colour(c: Optional[Color]) -> Optional[str]:
    if c is None:
        return None
    alpha = "" if c.a is None or c.a >= 100 else f"{round(c.a * 255 / 100):02x}"
    return f"#{c.r:02x}{c.g:02x}{c.b:02x}{alpha}"


def _num(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _label_lines(text: str, width: float, height: float, size: float) -> list[str]:
    """``text`` wrapped to fit a box ``width`` wide; lines beyond the box's height end in an ellipsis."""
    per_line = max(1, int((width - 2 * _PAD_X) / (size * _CHAR_WIDTH)))
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(para, per_line, break_on_hyphens=False) or [""])
    fit = max(1, int((height - 2 * _PAD_Y) / (size * _LINE_HEIGHT)))
    if len(lines) > fit:
        lines = lines[:fit]
        lines[-1] = lines[-1][:max(0, per_line - 1)].rstrip() + "…"
    return lines


def _escape(line: str) -> str:
    return quote(line)[1:-1]


class _Drawing:
    """DOT statements of one stored diagram."""

    def __init__(self, model: ArchitectureModel, view: View, lang: str) -> None:
        assert view.diagram is not None
        self.model, self.view, self.lang = model, view, lang
        self.diagram = view.diagram
        left, top, right, bottom = extent(self.diagram)
        self.x0, self.y0 = left - MARGIN, top - MARGIN
        self.width, self.height = right - left + 2 * MARGIN, bottom - top + 2 * MARGIN
        self.boxes: dict[str, DiagramNode] = {n.id: n for n in self.diagram.walk()}
        self.connections: dict[str, DiagramConnection] = {c.id: c for c in self.diagram.connections}
        self.lines: list[str] = []
        self.used_ids: set[str] = set()
        self.paths: dict[str, list[tuple[float, float]]] = {}
        self.anchors = 0

    # coordinates: stored (top-left origin) to Graphviz points (bottom-left origin)
    def gx(self, x: float) -> float:
        return x - self.x0

    def gy(self, y: float) -> float:
        return self.height - (y - self.y0)

    def gpos(self, x: float, y: float) -> str:
        return f"{_num(self.gx(x))},{_num(self.gy(y))}"

    def svg_id(self, preferred: Optional[str], fallback: str) -> str:
        """``preferred`` (an element or relationship id, which the report links) the first time, else ``fallback``."""
        sid = preferred if preferred is not None and preferred not in self.used_ids else fallback
        self.used_ids.add(sid)
        return sid

    def source(self) -> str:
        title = self.view.name.get(self.lang, fallback=True) or self.view.id
        out = [f"digraph {quote(self.view.id)} {{", POSITIONED_MARK,
               f"  comment={quote(title)};",
               "  graph [pad=0, dpi=72, outputorder=nodesfirst, splines=true];",
               f"  node [fixedsize=true, fontname={quote(FONT)}, fontsize={_num(_FONT_SIZE)}, "
               f"margin=\"{_num(_PAD_X / 72)},{_num(_PAD_Y / 72)}\", penwidth=1];",
               f"  edge [fontname={quote(FONT)}, fontsize={_num(_FONT_SIZE)}, color={quote(_LINE)}];"]
        # two invisible corners fix the canvas to the diagram's extent plus the margin
        for k, (x, y) in enumerate(((self.x0, self.y0 + self.height), (self.x0 + self.width, self.y0))):
            out.append(f'  "{{corner{k}}}" [pos="{self.gpos(x, y)}!", shape=point, width=0, height=0, '
                       f'style=invis, label=""];')
        self.lines = out
        for n in self.diagram.nodes:
            self.node(n)
        for c in self.diagram.connections:
            self.connection(c)
        self.lines.append("}")
        return "\n".join(self.lines) + "\n"

    def emit_node(self, name: str, attrs: dict[str, str]) -> None:
        body = ", ".join(f"{k}={v if k == 'label' and v.startswith(chr(34)) else quote(v)}"
                         for k, v in attrs.items())
        self.lines.append(f"  {quote(name)} [{body}];")

    def box_attrs(self, n: DiagramNode, cx: float, cy: float) -> dict[str, str]:
        return {"pos": f"{self.gpos(cx, cy)}!", "width": _num(n.w / 72), "height": _num(n.h / 72)}

    def node(self, n: DiagramNode) -> None:
        attrs = self.box_attrs(n, n.x + n.w / 2, n.y + n.h / 2)
        style: Optional[Style] = n.style
        element = self.model.get(n.element) if n.element is not None else None
        type_name = getattr(element, "type", None)
        marks: list[_Mark] = []
        left_aligned = True
        if n.kind == "Element":
            attrs.update(node_shape(type_name or ""))
            layer = getattr(element, "layer", None)
            attrs.setdefault("fillcolor", LAYER_COLOURS.get(layer.value if layer is not None else "other", "#ffffff"))
            text = (n.label.get(self.lang, fallback=True) if n.label else None) or self._name(element, n.element)
            attrs["id"] = self.svg_id(n.element, n.id)
            attrs["tooltip"] = f"{n.element} ({type_name})" if type_name else str(n.element)
            family = element_family(type_name or "")
            left_aligned = family == "grouping"
            if family in ("and_junction", "or_junction"):
                text = ""
            if type_name:
                marks = type_marker(type_name, n.x, n.y, n.w, n.h)
        elif n.kind == "Container":
            attrs.update(shape="box", style="filled", fillcolor=_GROUP_FILL, id=self.svg_id(n.id, n.id))
            text = n.label.get(self.lang, fallback=True) or "" if n.label else ""
        else:
            attrs.update(shape="note", style="filled", fillcolor=_NOTE_FILL, id=self.svg_id(n.id, n.id))
            text = n.label.get(self.lang, fallback=True) or "" if n.label else ""
        size = _FONT_SIZE
        if style is not None:
            fill, line = _colour(style.fill_color), _colour(style.line_color)
            if fill is not None:
                attrs["fillcolor"] = fill
            if line is not None:
                attrs["color"] = line
            if style.line_width is not None:
                attrs["penwidth"] = str(style.line_width)
            if style.font is not None:
                if style.font.size is not None:
                    size = float(style.font.size)
                    attrs["fontsize"] = _num(size)
                font_colour = _colour(style.font.color)
                if font_colour is not None:
                    attrs["fontcolor"] = font_colour
        if text:
            # keep centred text clear of the type marker in the top-right corner, where the box is wide
            # enough to spare the room (a narrow box wraps across its whole width, as Archi does)
            room = n.w - 32 if marks and n.w >= 140 else n.w
            lines = _label_lines(text, max(room, size), n.h, size)
            end = "\\l" if left_aligned else "\\n"
            attrs["label"] = '"' + "".join(_escape(s) + end for s in lines) + '"'
            attrs["labelloc"] = "t"
        else:
            attrs["label"] = '""'
        self.emit_node(n.id, attrs)
        self.marks(n.id, marks, attrs.get("color", _LINE))
        for child in n.nodes:
            self.node(child)

    def _name(self, element, element_id: Optional[str]) -> str:
        if element is None:
            return element_id or ""
        name = element.name.get(self.lang, fallback=True)
        return name or element.id

    def marks(self, owner: str, marks: Iterable[_Mark], colour: str) -> None:
        for k, m in enumerate(marks):
            name = f"{owner}{{mark{k}}}"
            if m.kind == "line":
                (x1, y1), (x2, y2) = m.points
                a, b = name + "a", name + "b"
                for pname, (px, py) in ((a, (x1, y1)), (b, (x2, y2))):
                    self.emit_node(pname, {"pos": f"{self.gpos(px, py)}!", "shape": "point", "width": "0",
                                           "height": "0", "style": "invis", "label": '""'})
                p, q = self.gpos(x1, y1), self.gpos(x2, y2)
                self.lines.append(f'  {quote(a)} -> {quote(b)} [dir=none, color={quote(colour)}, '
                                  f'pos="{p} {p} {q} {q}"];')
                continue
            (px, py), (w, h) = m.points[0], m.size
            cx, cy = (px, py) if m.kind == "circle" else (px + w / 2, py + h / 2)
            self.emit_node(name, {"pos": f"{self.gpos(cx, cy)}!", "width": _num(w / 72), "height": _num(h / 72),
                                  "shape": "circle" if m.kind == "circle" else m.shape, "style": "solid",
                                  "color": colour, "label": '""'})

    # ------------------------------------------------------------------ connections
    def centre(self, ref: Optional[str], stack: tuple[str, ...]) -> Optional[tuple[float, float]]:
        """Centre of a node, or the middle of a connection's path, by id."""
        if ref is None:
            return None
        box = self.boxes.get(ref)
        if box is not None:
            return box.x + box.w / 2, box.y + box.h / 2
        path = self.path_of(ref, stack)
        if not path:
            return None
        return _midpoint(path)

    def path_of(self, cid: str, stack: tuple[str, ...] = ()) -> list[tuple[float, float]]:
        if cid in self.paths:
            return self.paths[cid]
        conn = self.connections.get(cid)
        if conn is None or cid in stack:
            return []
        stack = (*stack, cid)
        start = self.centre(conn.source, stack)
        end = self.centre(conn.target, stack)
        if start is None or end is None:
            return []
        middle = [(float(p.x), float(p.y)) for p in conn.bendpoints]
        first = (float(conn.source_attachment.x), float(conn.source_attachment.y)) if conn.source_attachment else \
            self.clip(conn.source, start, middle[0] if middle else end)
        last = (float(conn.target_attachment.x), float(conn.target_attachment.y)) if conn.target_attachment else \
            self.clip(conn.target, end, middle[-1] if middle else start)
        path = [first, *middle, last]
        self.paths[cid] = path
        return path

    def clip(self, ref: Optional[str], centre: tuple[float, float], toward: tuple[float, float]) -> tuple[float, float]:
        """Where the ray from ``centre`` toward ``toward`` crosses the border of box ``ref``.

        This is the chopbox anchor of Archi (GEF): the ray is followed to the border
        even when ``toward`` lies inside the box (a bendpoint or a nested box).
        """
        box = self.boxes.get(ref or "")
        if box is None:
            return centre
        dx, dy = toward[0] - centre[0], toward[1] - centre[1]
        if not dx and not dy:
            return centre
        hw, hh = box.w / 2, box.h / 2
        scale = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
        return centre[0] + dx * scale, centre[1] + dy * scale

    def connection(self, c: DiagramConnection) -> None:
        path = self.path_of(c.id)
        if len(path) < 2:
            return
        rel = self.model.get(c.relationship) if c.relationship is not None else None
        if rel is not None and c.kind != "Line":
            attrs = relationship_style(rel)
            tooltip = f"{c.relationship} ({rel.type})"
            text = rel.name.get(self.lang, fallback=True) if getattr(rel, "name", None) else None
        else:
            attrs = {"style": "solid", "dir": "none", "arrowhead": "none"}
            tooltip, text = c.id, None
        if c.label:
            text = c.label.get(self.lang, fallback=True)
        if c.style is not None:
            line, width = _colour(c.style.line_color), c.style.line_width
            if line is not None:
                attrs["color"] = line
            if width is not None:
                attrs["penwidth"] = str(width)
            if c.style.font is not None and _colour(c.style.font.color) is not None:
                attrs["fontcolor"] = str(_colour(c.style.font.color))
        direction = attrs.get("dir", "forward")
        head = attrs.get("arrowhead", "normal") if direction in ("forward", "both") else "none"
        tail = attrs.get("arrowtail", "none") if direction in ("back", "both") else "none"
        pts = list(path)
        prefix = []
        if tail != "none":
            tip, pts[0] = pts[0], _shorten(pts[0], pts[1], _arrow_length(tail, attrs))
            prefix.append(f"s,{self.gpos(*tip)}")
        if head != "none":
            tip, pts[-1] = pts[-1], _shorten(pts[-1], pts[-2], _arrow_length(head, attrs))
            prefix.append(f"e,{self.gpos(*tip)}")
        spline = [pts[0]]
        for a, b in pairwise(pts):
            spline += [a, b, b]
        attrs["pos"] = " ".join(prefix + [self.gpos(x, y) for x, y in spline])
        attrs["id"] = self.svg_id(c.id, c.id)
        attrs["tooltip"] = tooltip
        if text:
            mx, my = _midpoint(path)
            attrs["label"] = text
            attrs["lp"] = self.gpos(mx, my - 6)
        tail_node = self.endpoint(c.source, path[0])
        head_node = self.endpoint(c.target, path[-1])
        body = ", ".join(f"{k}={quote(v)}" for k, v in attrs.items())
        self.lines.append(f"  {quote(tail_node)} -> {quote(head_node)} [{body}];")

    def endpoint(self, ref: Optional[str], at: tuple[float, float]) -> str:
        """The DOT node a line ends at: its node, or an invisible point where it meets another line."""
        if ref is not None and ref in self.boxes:
            return ref
        self.anchors += 1
        name = f"{{anchor{self.anchors}}}"
        self.emit_node(name, {"pos": f"{self.gpos(*at)}!", "shape": "point", "width": "0", "height": "0",
                              "style": "invis", "label": '""'})
        return name


def _midpoint(path: list[tuple[float, float]]) -> tuple[float, float]:
    """The point halfway along a polyline."""
    lengths = [math.dist(a, b) for a, b in pairwise(path)]
    half = sum(lengths) / 2
    for (a, b), seg in zip(pairwise(path), lengths, strict=True):
        if half <= seg and seg > 0:
            t = half / seg
            return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        half -= seg
    return path[len(path) // 2]


def _arrow_length(arrow: str, attrs: dict[str, str]) -> float:
    return _ARROW_LENGTH * float(attrs.get("arrowsize", "1")) * _ARROW_FACTOR.get(arrow, 1.0)


def _shorten(tip: tuple[float, float], previous: tuple[float, float], length: float) -> tuple[float, float]:
    """The point ``length`` back from ``tip`` toward ``previous`` (at most most of the segment)."""
    seg = math.dist(tip, previous)
    if seg == 0:
        return tip
    t = min(length, seg * 0.9) / seg
    return tip[0] + (previous[0] - tip[0]) * t, tip[1] + (previous[1] - tip[1]) * t


def _view_of(model: ArchitectureModel, view: str) -> View:
    try:
        return model.view(view)
    except KeyError as err:
        raise RenderError(str(err.args[0])) from None


def stored_dot(model: ArchitectureModel, view: str, lang: str = "vi") -> str:
    """DOT source that draws the stored view ``view`` (id or name) as drawn (run it with ``neato -n2``).

    Raises
    ------
    RenderError
        No such view, or the view has no stored geometry.
    """
    v = _view_of(model, view)
    if not has_geometry(v):
        raise RenderError(f"view {v.id!r} has no stored diagram geometry to draw; "
                          f"draw it with Graphviz layout (layout='graphviz' / --layout graphviz)")
    return _Drawing(model, v, lang).source()


def render_stored(model: ArchitectureModel, view: str, lang: str = "vi", format: str = "svg") -> RenderedDiagram:
    """The stored view ``view`` drawn from its geometry, as a :class:`RenderedDiagram` (see :func:`stored_dot`)."""
    from .rendered import RenderedDiagram

    v = _view_of(model, view)
    source = stored_dot(model, v.id, lang=lang)
    return RenderedDiagram(source, format, title=v.name.get(lang, fallback=True) or v.id)
