"""Diagram geometry for views that have none: layered top to bottom by ArchiMate layer.

:func:`layout_view` turns a view's element list into a :class:`~eaframe.diagram.Diagram`
with absolute integer coordinates, as the exchange format wants them:

* elements are stacked in horizontal bands by layer (motivation, strategy, business,
  application, technology, physical, implementation & migration, other — the
  :data:`~eaframe.elements.LAYER_ORDER`);
* a Grouping shown in the view contains, as nested nodes, the elements it aggregates
  or composes (each element nested once, no cycles);
* node fill colours are ArchiMate's usual layer colours;
* with ``engine="dot"`` (the default when Graphviz ``dot`` is on PATH and the view has
  at most :data:`DOT_LIMIT` top-level boxes) Graphviz orders and spaces each band to
  shorten connections; with ``engine="grid"`` boxes are placed in a deterministic grid,
  wrapping long bands.

Same model, same engine → same geometry.

Examples
--------
>>> from eaframe.synthetic import synthetic_model
>>> m = synthetic_model(30, seed=4)
>>> d = layout_view(m, m.views[0], engine="grid")
>>> d.node_count() == len(m.views[0].elements)
True
>>> all(n.x >= 0 and n.y >= 0 and n.w >= 1 for n in d.walk())
True
"""

from __future__ import annotations

import re
import shutil
import warnings
from typing import Literal, Optional

from ..diagram import Color, Diagram, DiagramConnection, DiagramNode, Style
from ..elements import LAYER_ORDER, Element, Layer
from ..exceptions import EaframeWarning, GraphvizNotFoundError, RenderError

__all__ = ["layout_view", "LAYER_COLOURS", "TYPE_COLOURS", "NODE_W", "NODE_H", "DOT_LIMIT", "Engine", "fill_colour"]

Engine = Literal["auto", "dot", "grid"]

#: Default node size (Archi's).
NODE_W, NODE_H = 120, 55
_JUNCTION = 15
_GAP = 20
_BAND_GAP = 40
_MARGIN = 20
_PAD = 12
_HEADER = 24
_ROW_WIDTH = 1200
_INNER_COLS = 4
_DOT_ROW = 8
#: Views with more top-level boxes than this are laid out with the grid even in "auto".
DOT_LIMIT = 600

#: Fill colour of each layer (ArchiMate's customary notation colours).
LAYER_COLOURS: dict[Layer, tuple[int, int, int]] = {
    Layer.STRATEGY: (245, 222, 170),
    Layer.BUSINESS: (255, 255, 181),
    Layer.APPLICATION: (181, 255, 255),
    Layer.TECHNOLOGY: (201, 231, 183),
    Layer.PHYSICAL: (201, 231, 183),
    Layer.MOTIVATION: (204, 204, 255),
    Layer.IMPLEMENTATION_MIGRATION: (255, 224, 224),
    Layer.OTHER: (255, 255, 255),
}
#: Type-specific fill colours that differ from their layer's.
TYPE_COLOURS: dict[str, tuple[int, int, int]] = {
    "Plateau": (224, 255, 224),
    "Gap": (224, 255, 224),
    "Location": (251, 184, 117),
    "Grouping": (210, 215, 215),
    "AndJunction": (0, 0, 0),
    "OrJunction": (0, 0, 0),
}
_LINE = Color(r=92, g=92, b=92)
_LAYER_RANK = {layer: i for i, layer in enumerate(LAYER_ORDER)}


def fill_colour(element: Element) -> tuple[int, int, int]:
    """Fill colour of an element's node."""
    return TYPE_COLOURS.get(element.type) or LAYER_COLOURS[element.layer]


class _IdMaker:
    def __init__(self, taken: set[str], view_id: str, view_index: int):
        self.taken = taken
        self.base = view_id if len(view_id) <= 180 else f"view{view_index}"

    def make(self, kind: str, k: int) -> str:
        cand = f"{self.base}.{kind}{k}"
        n = 2
        while cand in self.taken:
            cand = f"{self.base}.{kind}{k}_{n}"
            n += 1
        self.taken.add(cand)
        return cand


def layout_view(model, view, engine: Engine = "auto", taken: Optional[set[str]] = None,
                view_index: int = 0) -> Diagram:
    """Lay out ``view`` of ``model`` as a :class:`~eaframe.diagram.Diagram`.

    Parameters
    ----------
    model
        The :class:`~eaframe.model.ArchitectureModel` the view belongs to.
    view
        The :class:`~eaframe.model.View`; its ``elements`` and ``relationships`` are shown.
    engine
        ``"dot"`` (Graphviz; :class:`GraphvizNotFoundError` without it), ``"grid"``, or
        ``"auto"`` (dot when available and the view is not too large, else grid).
    taken
        Ids already in use (updated with the node and connection ids generated here).
    view_index
        Position of the view, used for ids when the view id is very long.
    """
    taken = set(model.index) if taken is None else taken
    ids = _IdMaker(taken, view.id, view_index)
    index = model.index
    shown = [eid for eid in dict.fromkeys(view.elements) if isinstance(index.get(eid), Element)]
    shown_set = set(shown)

    # nesting: a Grouping contains the elements it aggregates/composes
    groupings = {eid for eid in shown if index[eid].type == "Grouping"}
    parent: dict[str, str] = {}
    children: dict[str, list[str]] = {}
    if groupings:
        for r in model.relationships:
            if r.source in groupings and r.type in ("Aggregation", "Composition") and r.target in shown_set:
                child = r.target
                if child in parent or child == r.source:
                    continue
                anc: Optional[str] = r.source
                cyclic = False
                while anc is not None:
                    if anc == child:
                        cyclic = True
                        break
                    anc = parent.get(anc)
                if not cyclic:
                    parent[child] = r.source
                    children.setdefault(r.source, []).append(child)

    size: dict[str, tuple[int, int]] = {}
    rel_pos: dict[str, tuple[int, int]] = {}

    def measure(eid: str) -> tuple[int, int]:
        if eid in size:
            return size[eid]
        kids = children.get(eid, [])
        if not kids:
            t = index[eid].type
            s = (_JUNCTION, _JUNCTION) if t in ("AndJunction", "OrJunction") else (NODE_W, NODE_H)
        else:
            dims = [measure(k) for k in kids]
            cols = min(_INNER_COLS, len(kids))
            col_w = [0] * cols
            rows: list[int] = []
            for i, (w, h) in enumerate(dims):
                c = i % cols
                col_w[c] = max(col_w[c], w)
                if c == 0:
                    rows.append(0)
                rows[-1] = max(rows[-1], h)
            x_at = [_PAD]
            for w in col_w[:-1]:
                x_at.append(x_at[-1] + w + _GAP)
            y = _HEADER
            for i, k in enumerate(kids):
                r, c = divmod(i, cols)
                if c == 0 and r > 0:
                    y += rows[r - 1] + _GAP
                rel_pos[k] = (x_at[c], y)
            s = (sum(col_w) + _GAP * (cols - 1) + 2 * _PAD, y + rows[-1] + _PAD)
        size[eid] = s
        return s

    top = [eid for eid in shown if eid not in parent]
    for eid in top:
        measure(eid)
    bands: dict[int, list[str]] = {}
    for eid in top:
        bands.setdefault(_LAYER_RANK[index[eid].layer], []).append(eid)
    ordered = [bands[k] for k in sorted(bands)]

    use = engine
    if engine == "auto":
        use = "dot" if shutil.which("dot") and 0 < len(top) <= DOT_LIMIT else "grid"
    pos: dict[str, tuple[int, int]]
    if use == "dot":
        if not shutil.which("dot"):
            raise GraphvizNotFoundError("the Graphviz 'dot' program is not on PATH; install Graphviz "
                                        "(Debian: apt-get install graphviz) or use layout='grid'")
        try:
            pos = _dot_positions(model, ordered, size, parent)
        except RenderError as err:
            if engine == "dot":
                raise
            warnings.warn(f"view {view.id!r}: Graphviz layout failed ({err}); using the grid layout",
                          EaframeWarning, stacklevel=2)
            pos = _grid_positions(ordered, size)
    elif use == "grid":
        pos = _grid_positions(ordered, size)
    else:
        raise ValueError(f"engine must be 'auto', 'dot' or 'grid', not {engine!r}")

    node_of: dict[str, str] = {}
    counter = [0]

    def build(eid: str, x: int, y: int) -> DiagramNode:
        nid = ids.make("n", counter[0])
        counter[0] += 1
        node_of[eid] = nid
        w, h = size[eid]
        el = index[eid]
        r, g, b = fill_colour(el)
        kids = [build(k, x + rel_pos[k][0], y + rel_pos[k][1]) for k in children.get(eid, [])]
        return DiagramNode(id=nid, element=eid, x=x, y=y, w=w, h=h,
                           style=Style(fill_color=Color(r=r, g=g, b=b), line_color=_LINE), nodes=kids)

    nodes = [build(eid, *pos[eid]) for band in ordered for eid in band]

    # connections: element-to-element first, then relationships attached to drawn ones
    if view.relationships is None:
        # only relationships whose element ends are drawn (ends that are relationships may be drawn later)
        candidates = [r for r in model.relationships
                      if (r.source in node_of or not isinstance(index.get(r.source), Element))
                      and (r.target in node_of or not isinstance(index.get(r.target), Element))]
    else:
        candidates = [index[r] for r in dict.fromkeys(view.relationships) if r in index]
    cand_ids = {r.id for r in candidates}
    conn_of: dict[str, str] = {}
    connections: list[DiagramConnection] = []
    pending = list(candidates)
    while pending:
        rest = []
        for r in pending:
            s = node_of.get(r.source) or conn_of.get(r.source)
            t = node_of.get(r.target) or conn_of.get(r.target)
            if s and t:
                cid = ids.make("c", len(connections))
                conn_of[r.id] = cid
                connections.append(DiagramConnection(id=cid, relationship=r.id, source=s, target=t))
            elif (s or r.source in cand_ids) and (t or r.target in cand_ids):
                rest.append(r)  # attached to a relationship that may be drawn in a later pass
        if len(rest) == len(pending):
            break
        pending = rest
    return Diagram(nodes=nodes, connections=connections)


def _grid_positions(bands: list[list[str]], size: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    pos: dict[str, tuple[int, int]] = {}
    y = _MARGIN
    for band in bands:
        x = _MARGIN
        row_h = 0
        for eid in band:
            w, h = size[eid]
            if x > _MARGIN and x + w > _ROW_WIDTH:
                x = _MARGIN
                y += row_h + _GAP
                row_h = 0
            pos[eid] = (x, y)
            x += w + _GAP
            row_h = max(row_h, h)
        y += row_h + _BAND_GAP
    return pos


_PLAIN_NODE = re.compile(r"^node (n\d+) (\S+) (\S+) ")


def _dot_positions(model, bands: list[list[str]], size: dict[str, tuple[int, int]],
                   parent: dict[str, str]) -> dict[str, tuple[int, int]]:
    # long bands are split into rows of at most _DOT_ROW boxes (each row one rank), so that
    # a layer with many elements wraps instead of making a very wide diagram
    rows: list[list[str]] = []
    for band in bands:
        row: list[str] = []
        width = 0
        for eid in band:
            w = size[eid][0]
            if row and (len(row) >= _DOT_ROW or width + w > _ROW_WIDTH):
                rows.append(row)
                row, width = [], 0
            row.append(eid)
            width += w + _GAP
        rows.append(row)
    bands = rows
    name: dict[str, str] = {}
    lines = ["digraph G {", "rankdir=TB; nodesep=0.3; ranksep=0.55; splines=false;",
             'node [shape=box, fixedsize=true, label=""];']
    for band in bands:
        for eid in band:
            n = f"n{len(name)}"
            name[eid] = n
            w, h = size[eid]
            lines.append(f"{n} [width={w / 72:.4f}, height={h / 72:.4f}];")
        lines.append("{rank=same; " + " ".join(name[e] for e in band) + ";}")
    for a, b in zip(bands, bands[1:], strict=False):
        lines.append(f"{name[a[0]]} -> {name[b[0]]} [style=invis, weight=10];")

    def top(eid: str) -> str:
        while eid in parent:
            eid = parent[eid]
        return eid

    seen: set[tuple[str, str]] = set()
    for r in model.relationships:
        s, t = r.source, r.target
        if s in parent or s in name:
            if t in parent or t in name:
                na, nb = name.get(top(s)), name.get(top(t))
                if na and nb and na != nb and (na, nb) not in seen:
                    seen.add((na, nb))
                    lines.append(f"{na} -> {nb} [constraint=false];")
    lines.append("}")
    from ..render.output import pipe_dot

    plain = pipe_dot("\n".join(lines), "plain")
    centre: dict[str, tuple[float, float]] = {}
    for line in plain.decode(errors="replace").splitlines():
        m = _PLAIN_NODE.match(line)
        if m:
            centre[m.group(1)] = (float(m.group(2)), float(m.group(3)))
    if len(centre) != len(name):
        raise RenderError("dot returned an incomplete layout")
    raw: dict[str, tuple[int, int]] = {}
    for eid, n in name.items():
        cx, cy = centre[n]
        w, h = size[eid]
        raw[eid] = (round(cx * 72 - w / 2), round(-cy * 72 - h / 2))
    min_x = min(x for x, _ in raw.values())
    min_y = min(y for _, y in raw.values())
    return {eid: (x - min_x + _MARGIN, y - min_y + _MARGIN) for eid, (x, y) in raw.items()}
