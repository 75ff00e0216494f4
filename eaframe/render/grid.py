"""Fixed band grid for layered views: eaframe places the boxes, Graphviz routes the edges.

Graphviz ``dot`` ranks a layered view by its edges, so an edge that skips a band
pushes the bands in between sideways, and a whole provincial model came out 1,800
to 2,800 pt wide. :func:`grid_dot` therefore computes every position itself:

* each box of the view (an ArchiMate layer or a framework component) is a
  horizontal band across the full width of the drawing, the bands stacked top to
  bottom in their order (:data:`~eaframe.render.views.BAND_ORDER`), the band label
  top left;
* the elements of a band sit in a grid of boxes of one size (the name wrapped, at
  most :data:`MAX_LINES` lines; a longer name ends in an ellipsis, the whole name
  is in the tooltip); the number of columns and the wrap width are chosen so that
  the whole drawing, legend included, prints largest on an A4 landscape page;
* inside a band the elements are ordered by the barycentre of their neighbours in
  the other bands (two sweeps down and up: cheap, deterministic, fewer crossings);
* Graphviz only routes the edges around the fixed boxes (``neato -n2`` with
  ``splines=true``): no sideways drift by construction.

The DOT text says so in its second line (:data:`~eaframe.render.output.POSITIONED_MARK`),
and :func:`eaframe.render.output.pipe_dot` runs ``neato -n2`` for it. Layered views
ignore :attr:`~eaframe.render.views.DiagramView.direction`: bands always run top to
bottom.

Examples
--------
>>> from eaframe.synthetic import synthetic_model
>>> from eaframe.render.views import layered
>>> v = layered(synthetic_model(30, seed=0))
>>> uses_grid(v)
True
>>> src = grid_dot(v, lang="en")
>>> src.splitlines()[1] == POSITIONED_MARK and 'pos="' in src
True
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Optional

from ..i18n import translator
from .dot import (
    A4_LANDSCAPE_PT,
    LANGS,
    LARGE_VIEW,
    _attrs,
    _edge_label,
    _edge_style,
    _node_attrs,
    html_label,
    legend_entries,
    node_label,
    quote,
    swatch_table,
    wrap,
)
from .icons import icon_for
from .output import POSITIONED_MARK
from .styles import (
    FINDING_STYLE,
    FONT,
    MISSING_EDGE_STYLE,
    STATUS_STYLES,
    element_family,
    type_badge,
)

__all__ = ["GRID_KINDS", "MAX_LINES", "uses_grid", "grid_dot", "GridLayout", "grid_layout", "layout_for", "name_lines"]

#: View kinds drawn on the fixed band grid (when their boxes are stacked).
GRID_KINDS = ("layered", "diff", "findings")

#: Lines of an element name in a box; a longer name ends in an ellipsis.
MAX_LINES = 4

# Metrics of the labels of :func:`eaframe.render.dot.node_label` at 10 pt DejaVu Sans, in points.
_CHAR_PT = 5.8       # advance of a character, enough for the widest wrapped names measured
_LINE_PT = 11.0      # line pitch of the name (Graphviz: 1.1 font sizes)
_FRAME_W = 36.0      # icon columns, cell padding and node margins around the name
_FRAME_H = 20.0      # badge row, cell padding and node margins around the name
_MIN_H = 36.0        # the icon cells and the badge row
_GAP_X, _GAP_Y = 12.0, 8.0  # between boxes of a band
_PAD = 6.0           # inside a band box, left, right and bottom
_HEAD = 18.0         # band label row
_BAND_GAP = 6.0     # between bands
_TITLE = 26.0        # graph title above the bands (drawn by Graphviz)
_WRAPS = (18, 20, 22, 24, 26, 28, 32)
_COLUMNS = range(3, 13)


def uses_grid(view) -> bool:
    """Whether :func:`eaframe.render.dot.to_dot` draws ``view`` on the fixed band grid.

    Views of more than :data:`~eaframe.render.dot.LARGE_VIEW` elements (no page holds
    them readably, and routing edges around fixed boxes grows steeply: 2.3 s of
    Graphviz CPU time at 100 elements and 200 relationships, 72 s at 300 and 600) keep
    Graphviz ``dot`` layout with bounded passes.
    """
    return bool(view.stacked and view.kind in GRID_KINDS and len(view.elements) <= LARGE_VIEW
                and any(m in view.elements for c in view.clusters for m in c.members))


@dataclass(frozen=True)
class GridLayout:
    """Positions of one view on the band grid (points, origin top left, y down).

    Attributes
    ----------
    columns, wrap
        Columns of the grid and characters per name line.
    box
        Width of an element box.
    cells
        ``(x, y, height)`` of the top-left corner and height of each element's box, by id.
    bands
        ``(x0, y0, x1, y1)`` of each band box, by cluster id (every band the same x0 and x1).
    lines
        The name lines of each element box, by id (see :func:`name_lines`).
    width, height
        Size of the bands part of the drawing.
    """

    columns: int
    wrap: int
    box: float
    cells: dict[str, tuple[float, float, float]]
    bands: dict[str, tuple[float, float, float, float]]
    lines: dict[str, tuple[str, ...]]
    width: float
    height: float


def name_lines(name: str, width: int) -> list[str]:
    """``name`` wrapped at ``width`` characters, at most :data:`MAX_LINES` lines (the last one ending in "…" if cut).

    A word longer than a line is cut into pieces of ``width`` characters.

    Examples
    --------
    >>> name_lines("Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh", 24)
    ['Hệ thống thông tin giải', 'quyết thủ tục hành chính', 'cấp tỉnh']
    >>> name_lines("một hai ba bốn năm sáu bảy tám chín mười", 7)
    ['một hai', 'ba bốn', 'năm sáu', 'bảy…']
    """
    words = name.split()
    if any(len(w) > width for w in words):
        name = " ".join(w[k:k + width] for w in words for k in range(0, len(w), width))
    lines = wrap(name, width)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        last = lines[-1]
        while len(last) >= width and " " in last:  # room for the ellipsis: drop words
            last = last.rsplit(" ", 1)[0]
        lines[-1] = (last if len(last) < width else last[:width - 1]) + "…"
    return lines


def _name(e, lang: str) -> str:
    return e.name.get(lang, fallback=True) or e.id


def _bands(view) -> list[tuple[str, list[str]]]:
    out = []
    for c in view.clusters:
        members = [m for m in c.members if m in view.elements]
        if members:
            out.append((c.id, members))
    rest = [i for i in view.elements if not any(i in ms for _, ms in out)]
    if rest:
        out.append(("", rest))
    return out


def _columns_of(n: int, cols: int, order: list[str], want: dict[str, float]) -> dict[str, int]:
    """Column of each element of a band, in ``order``: near its wanted column when the band has room."""
    out: dict[str, int] = {}
    if n <= cols:
        prev = -1
        for k, i in enumerate(order):
            c = max(prev + 1, min(round(want.get(i, k)), cols - (n - k)))
            out[i] = prev = c
    else:
        for k, i in enumerate(order):
            out[i] = k * cols // n
    return out


def _order(bands: list[tuple[str, list[str]]], neighbours: dict[str, list[str]], cols: int) -> list[dict[str, int]]:
    """Columns of the elements of each band after barycentre sweeps (down, up, down, up)."""
    orders = [list(ms) for _, ms in bands]
    columns = [_columns_of(len(o), cols, o, {}) for o in orders]
    band_of = {i: b for b, o in enumerate(orders) for i in o}
    sweeps = list(range(1, len(orders))) + list(range(len(orders) - 2, -1, -1))
    for b in sweeps * 2:
        col = {i: c for cs in columns for i, c in cs.items()}
        want: dict[str, float] = {}
        for i in orders[b]:
            xs = [col[j] for j in neighbours.get(i, ()) if band_of.get(j, b) != b]
            want[i] = sum(xs) / len(xs) if xs else col[i]
        rank = {i: k for k, i in enumerate(orders[b])}
        orders[b] = sorted(orders[b], key=lambda i: (want[i], rank[i]))
        columns[b] = _columns_of(len(orders[b]), cols, orders[b], want)
    return columns


def grid_layout(view, lang: str = "vi", columns: Optional[int] = None, wrap_width: Optional[int] = None,
                extra_height: float = 0.0, page: tuple[float, float] = A4_LANDSCAPE_PT) -> GridLayout:
    """The band grid of ``view``: the columns and wrap width that print largest on ``page``.

    ``extra_height`` is room needed below the bands (the legend); ``columns`` and
    ``wrap_width`` fix the choice.
    """
    bands = _bands(view)
    neighbours: dict[str, list[str]] = {}
    for r in view.relationships.values():
        neighbours.setdefault(r.source, []).append(r.target)
        neighbours.setdefault(r.target, []).append(r.source)
    for me in view.missing:
        neighbours.setdefault(me.source, []).append(me.target)
        neighbours.setdefault(me.target, []).append(me.source)
    names = {i: _name(e, lang) for i, e in view.elements.items()}
    best: Optional[tuple[float, GridLayout]] = None
    for w in (_WRAPS if wrap_width is None else (wrap_width,)):
        lines = {i: tuple(name_lines(n, w)) for i, n in names.items()}
        box = w * _CHAR_PT + _FRAME_W
        for cols in (_COLUMNS if columns is None else (columns,)):
            layout = _place(bands, _order(bands, neighbours, cols), lines, cols, w, box)
            scale = min(page[0] / layout.width, page[1] / (layout.height + _TITLE + extra_height))
            if best is None or scale > best[0] + 1e-9:
                best = (scale, layout)
    assert best is not None
    return best[1]


def _place(bands, columns: list[dict[str, int]], lines: dict[str, tuple[str, ...]], cols: int, w: int,
           box: float) -> GridLayout:
    width = 2 * _PAD + cols * box + (cols - 1) * _GAP_X
    cells: dict[str, tuple[float, float, float]] = {}
    boxes: dict[str, tuple[float, float, float, float]] = {}
    y = 0.0
    for (cid, _), cmap in zip(bands, columns, strict=True):
        top = y
        y += _HEAD
        by_col: dict[int, list[str]] = {}
        for i, c in cmap.items():
            by_col.setdefault(c, []).append(i)
        rows = max(len(v) for v in by_col.values())
        for r in range(rows):
            row = [(c, v[r]) for c, v in sorted(by_col.items()) if r < len(v)]
            h = max(_MIN_H, max(len(lines[i]) for _, i in row) * _LINE_PT + _FRAME_H)
            for c, i in row:
                cells[i] = (_PAD + c * (box + _GAP_X), y, h)
            y += h + _GAP_Y
        y += _PAD - _GAP_Y
        boxes[cid] = (0.0, top, width, y)
        y += _BAND_GAP
    return GridLayout(cols, w, box, cells, boxes, lines, width, y - _BAND_GAP)


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _legend_rows(view, lang: str, width: float) -> tuple[list[tuple[str, str]], list[tuple[str, dict]], int, float]:
    """Swatches, relationship samples, samples per row and the legend height."""
    swatches, samples = legend_entries(view, lang)
    per_row = max(1, int((width - _swatch_width(swatches) - 3 * _PAD) // _SAMPLE_W))
    rows = -(-len(samples) // per_row) if samples else 0
    height = _HEAD + max(min(_SWATCH_ROWS, len(swatches)) * 18.0, rows * _SAMPLE_H) + _PAD if swatches or samples else 0.0
    return swatches, samples, per_row, height


_SAMPLE_W, _SAMPLE_H = 140.0, 22.0
_SWATCH_ROWS = 2


def _swatch_width(swatches: list[tuple[str, str]]) -> float:
    columns = [swatches[j:j + _SWATCH_ROWS] for j in range(0, len(swatches), _SWATCH_ROWS)]
    return sum(36 + max(len(t) for _, t in col) * 6.4 for col in columns)


def _legend(view, lang: str, layout: GridLayout, top: float, total: float) -> Iterator[str]:
    swatches, samples, per_row, height = _legend_rows(view, lang, layout.width)
    if not height:
        return
    title = translator(lang)("Legend")
    sw = _swatch_width(swatches) if swatches else 0.0
    right = min(layout.width, 3 * _PAD + sw + min(per_row, len(samples)) * _SAMPLE_W)
    yield '  subgraph "cluster_legend" {'
    yield (f'    id="legend"; label={quote(title)}; style="rounded"; color="#9e9e9e"; fontsize="10"; labeljust="l"; '
           f'bb="0,{_num(total - top - height)},{_num(right)},{_num(total - top)}";')
    if swatches:
        table = swatch_table(swatches, _SWATCH_ROWS)
        h = min(_SWATCH_ROWS, len(swatches)) * 18.0
        cy = total - (top + _HEAD + h / 2)
        yield (f'    "legend.layers" [shape="plaintext", style="", label={table}, '
               f'pos="{_num(_PAD + sw / 2)},{_num(cy)}!", fixedsize="false"];')
    x0 = 2 * _PAD + sw
    for k, (key, style) in enumerate(samples):
        x = x0 + (k % per_row) * _SAMPLE_W
        y = total - (top + _HEAD + (k // per_row) * _SAMPLE_H + _SAMPLE_H * 0.7)
        a, b = f"legend.{key}.a", f"legend.{key}.b"
        for name, px in ((a, x + 10), (b, x + _SAMPLE_W - 30)):
            yield f'    "{name}" [shape="point", width="0.05", style="invis", pos="{_num(px)},{_num(y)}!"];'
        yield f'    "{a}" -> "{b}" [{_attrs(style)}];'
    yield "  }"


def layout_for(view, lang: str = "vi", legend: bool = False) -> GridLayout:
    """The band grid :func:`grid_dot` draws ``view`` on (with room for the legend when ``legend``)."""
    layout = grid_layout(view, lang)
    legend_h = _legend_rows(view, lang, layout.width)[3] if legend else 0.0
    return grid_layout(view, lang, extra_height=legend_h + _BAND_GAP) if legend_h else layout


def grid_dot(view, lang: str = "vi", legend: bool = False) -> str:
    """DOT source of a stacked view on the fixed band grid (run it with ``neato -n2``)."""
    if lang not in LANGS:
        from ..exceptions import RenderError

        raise RenderError(f"unknown language {lang!r}; use one of: {', '.join(LANGS)}")
    layout = layout_for(view, lang, legend)
    legend_h = _legend_rows(view, lang, layout.width)[3] if legend else 0.0
    total = layout.height + (legend_h + _BAND_GAP if legend_h else 0.0)
    title = view.title.get(lang, fallback=True) or ""
    out = ['digraph "eaframe" {', POSITIONED_MARK,
           f'  graph [fontname={quote(FONT)}, fontsize="14", labelloc="t", labeljust="l", '
           f'label={html_label(title, width=120)}, splines="polyline", outputorder="edgesfirst", pad="0.03"];',
           f'  node [fontname={quote(FONT)}, fontsize="10", margin="0.08,0.04", penwidth="1", fixedsize="shape"];',
           f'  edge [fontname={quote(FONT)}, fontsize="8", color="#424242"];']
    status, highlighted, focus = view.status, view.highlighted, view.focus
    clusters = {c.id: c for c in view.clusters}
    members = {cid: ms for cid, ms in _bands(view)}
    for k, (cid, (x0, y0, x1, y1)) in enumerate(layout.bands.items()):
        inner = []
        for i in members[cid]:
            e = view.elements[i]
            x, y, h = layout.cells[i]
            attrs = _node_attrs(e, lang, status.get(i), i in highlighted, i == focus)
            if element_family(e.type) not in ("and_junction", "or_junction"):
                name = " ".join(layout.lines[i])
                attrs["label"] = node_label(name, type_badge(e.type, lang), icon_for(e.type), width=layout.wrap)
                attrs["tooltip"] = f"{_name(e, lang)} — {e.id} ({e.type})"
                attrs["width"], attrs["height"] = f"{layout.box / 72:.4f}", f"{h / 72:.4f}"
            attrs["pos"] = f"{_num(x + layout.box / 2)},{_num(total - (y + h / 2))}!"
            inner.append(f"    {quote(i)} [{_attrs(attrs)}];")
        if cid not in clusters:
            out.extend(line[2:] for line in inner)
            continue
        c = clusters[cid]
        label = c.label.get(lang, fallback=True) or c.id
        cst = status.get(c.id)
        colour, fontcolour = ("#757575", "#000000") if cst in (None, "unchanged") else (
            STATUS_STYLES[cst]["color"], STATUS_STYLES[cst]["fontcolor"])
        out.append(f"  subgraph {quote(f'cluster_{k}')} {{")
        out.append(f'    id={quote("cluster." + c.id)}; label={html_label(label, width=120)}; style="rounded"; '
                   f'color="{colour}"; fontcolor="{fontcolour}"; fontsize="11"; labeljust="l"; '
                   f'bb="{_num(x0)},{_num(total - y1)},{_num(x1)},{_num(total - y0)}";')
        out.extend(inner)
        out.append("  }")
    for rid, r in view.relationships.items():
        style = _edge_style(r)
        label = _edge_label(r, lang) if view.edge_labels and (r.name or r.type == "Influence") else None
        if label:
            style["label"] = html_label(label, width=30)
        st = status.get(rid)
        if st is not None:
            s = STATUS_STYLES[st]
            style.update(color=s["color"], fontcolor=s["fontcolor"], penwidth=s["penwidth"])
            if st == "removed":
                style["style"] = "dashed"
        if rid in highlighted:
            style.update(FINDING_STYLE)
        style["id"] = rid
        out.append(f"  {quote(r.source)} -> {quote(r.target)} [{_attrs(style)}];")
    for me in view.missing:
        style = {k: v for k, v in MISSING_EDGE_STYLE.items() if k != "constraint"}
        style["label"] = html_label(me.label + (f" ({me.relationship_type})" if me.relationship_type else ""), width=40)
        out.append(f"  {quote(me.source)} -> {quote(me.target)} [{_attrs(style)}];")
    if legend:
        out.extend(_legend(view, lang, layout, layout.height + _BAND_GAP, total))
    out.append("}")
    return "\n".join(out) + "\n"
