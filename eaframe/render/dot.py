"""DOT source for diagram views: a pure, deterministic function of the view.

:func:`to_dot` writes one Graphviz ``digraph``: the title, one ``cluster`` subgraph
per box of the view (layers, framework components, interconnection bands), one
node per element with an HTML-like label (the name, wrapped, over a small type
badge; all text HTML-escaped), one edge per relationship in the ArchiMate style of
:mod:`eaframe.render.styles`, and optionally a legend. The same view always gives
the same text, byte for byte (no sets, no hashes, no dates), so DOT output can be
kept as a golden file and diffed in review.

Layered, diff and findings views are drawn on eaframe's own band grid
(:func:`eaframe.render.grid.grid_dot`: fixed positions, Graphviz ``neato -n2`` routes
the edges). Other stacked views (interconnection) stack their clusters in order: an edge whose source is in a lower box
than its target is written from the target with the arrows swapped
(``dir=back``), so Graphviz ranks it upward while drawing the same picture, and
an invisible point between two consecutive boxes sits below every member of the
upper box and above every member of the lower one.

The font is :data:`eaframe.render.styles.FONT` (DejaVu Sans), which covers the
Vietnamese alphabet.

Examples
--------
>>> from eaframe.synthetic import synthetic_model
>>> from eaframe.render.views import layered
>>> src = to_dot(layered(synthetic_model(20, seed=0)), lang="en")
>>> src.splitlines()[0]
'digraph "eaframe" {'
>>> 'fontname="DejaVu Sans"' in src
True
>>> src == to_dot(layered(synthetic_model(20, seed=0)), lang="en")
True
"""

from __future__ import annotations

from html import escape
from typing import Optional

from ..i18n import N_, translator
from .icons import icon_for, icon_png_name
from .styles import (
    BADGE_COLOUR,
    FAMILY_STYLES,
    FINDING_STYLE,
    FONT,
    LAYER_COLOURS,
    LAYER_LABELS,
    MISSING_EDGE_STYLE,
    RELATIONSHIP_LABELS,
    RELATIONSHIP_STYLES,
    STATUS_STYLES,
    access_style,
    association_style,
    element_family,
    type_badge,
)

__all__ = ["to_dot", "html_label", "node_label", "wrap", "quote", "grid_columns", "LANGS", "LARGE_VIEW", "ICON_PT",
           "GRID_NODE_WIDTH", "A4_LANDSCAPE_PT"]

#: Languages of labels.
LANGS = ("vi", "en")

_WRAP = 24

#: Views with more elements than this get bounded Graphviz layout passes.
LARGE_VIEW = 100

#: Size of the type icon in the top-right corner of an element box, in points.
ICON_PT = 12


def quote(s: str) -> str:
    """A DOT double-quoted string.

    Examples
    --------
    >>> quote('a "b"')
    '"a \\\\"b\\\\""'
    """
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def wrap(text: str, width: int = _WRAP) -> list[str]:
    """Split ``text`` into lines of at most ``width`` characters at spaces (long words stay whole).

    Examples
    --------
    >>> wrap("Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh", 20)
    ['Nền tảng tích hợp,', 'chia sẻ dữ liệu cấp', 'tỉnh']
    """
    if len(text) <= width:
        return [text]
    lines: list[str] = []
    cur = ""
    for word in text.split():
        if not cur:
            cur = word
        elif len(cur) + 1 + len(word) <= width:
            cur += " " + word
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines or [text]


def html_label(name: str, badge: Optional[str] = None, width: int = _WRAP) -> str:
    """An HTML-like Graphviz label: the escaped, wrapped name over a small badge.

    Examples
    --------
    >>> html_label("A & B <x>", "Node")
    '<A &amp; B &lt;x&gt;<BR/><FONT POINT-SIZE="7" COLOR="#333333">Node</FONT>>'
    """
    if "&" in name or "<" in name or ">" in name:
        lines = [escape(line, quote=False) for line in wrap(name, width)]
    else:
        lines = wrap(name, width) if len(name) > width else [name]
    body = lines[0] if len(lines) == 1 else "<BR/>".join(lines)
    if badge:
        body += _badge_html(badge)
    return f"<{body}>"


_BADGE_CACHE: dict[str, str] = {}


def _badge_html(badge: str) -> str:
    html = _BADGE_CACHE.get(badge)
    if html is None:
        html = _BADGE_CACHE[badge] = (f'<BR/><FONT POINT-SIZE="7" COLOR="{BADGE_COLOUR}">'
                                      f'{escape(badge, quote=False)}</FONT>')
    return html


_FRAME_CACHE: dict[tuple[str, Optional[str]], tuple[str, str]] = {}


def _frame(badge: str, icon: Optional[str]) -> tuple[str, str]:
    """The HTML around an element name: a table with the icon top right and the badge below."""
    frame = _FRAME_CACHE.get((badge, icon))
    if frame is None:
        s = ICON_PT
        corner = (f'<TD FIXEDSIZE="TRUE" WIDTH="{s}" HEIGHT="{s}"><IMG SRC="{icon_png_name(icon)}" SCALE="TRUE"/></TD>'
                  if icon else f'<TD FIXEDSIZE="TRUE" WIDTH="{s}" HEIGHT="{s}"></TD>')
        head = ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
                f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{s}" HEIGHT="{s}"></TD><TD ROWSPAN="2" CELLPADDING="1">')
        tail = (f"</TD>{corner}</TR><TR><TD></TD><TD></TD></TR>"
                f'<TR><TD COLSPAN="3" CELLPADDING="2"><FONT POINT-SIZE="7" COLOR="{BADGE_COLOUR}">'
                f"{escape(badge, quote=False)}</FONT></TD></TR></TABLE>>")
        frame = _FRAME_CACHE[(badge, icon)] = (head, tail)
    return frame


def node_label(name: str, badge: str, icon: Optional[str], width: int = _WRAP) -> str:
    """The HTML-like label of an element box: the wrapped name, the icon top right, the badge below.

    ``icon`` is an icon name of :mod:`eaframe.render.icons` (``None``: no icon).

    Examples
    --------
    >>> lab = node_label("Cổng dịch vụ công", "Application Component", "component")
    >>> '<IMG SRC="eaframe-icon-component.png" SCALE="TRUE"/>' in lab and "Cổng dịch vụ công" in lab
    True
    """
    if "&" in name or "<" in name or ">" in name:
        lines = [escape(line, quote=False) for line in wrap(name, width)]
    else:
        lines = wrap(name, width) if len(name) > width else [name]
    head, tail = _frame(badge, icon)
    return head + "<BR/>".join(lines) + tail


#: Width of an element box in the grid of a stacked view, in inches (a name wrapped at
#: 24 characters, with its icon, fits).
GRID_NODE_WIDTH = 2.4

#: A4 landscape less 10 mm margins, in points: the page the column count aims at.
A4_LANDSCAPE_PT = (277 / 25.4 * 72, 190 / 25.4 * 72)


def grid_columns(sizes: list[int], page: tuple[float, float] = A4_LANDSCAPE_PT) -> int:
    """Columns of the element grid of a stacked view whose boxes hold ``sizes`` elements.

    The count (3 to 12) that lets the whole picture be drawn largest on ``page``
    (default: A4 landscape less 10 mm margins), from the estimated pitch of a column
    (the box width plus the gap) and of a row.

    Examples
    --------
    >>> grid_columns([12, 6, 8, 13, 2, 16, 6])
    7
    >>> grid_columns([3])
    3
    """
    # measured on the bundled models: a column takes about 250 pt with the room edges route
    # through, a row about 80 pt, a box frame 36 pt, the legend 110 pt
    col_pt, row_pt, box_pt, legend_pt = 250, 80, 36, 110

    def scale(c: int) -> float:
        rows = sum(-(-n // c) for n in sizes)
        return min(page[0] / (c * col_pt + 30), page[1] / (rows * row_pt + len(sizes) * box_pt + legend_pt))

    return max(range(3, 13), key=lambda c: (scale(c), -c))


def _attrs(d: dict) -> str:
    parts = []
    for k, v in d.items():
        if k in ("label", "xlabel") and isinstance(v, str) and v.startswith("<") and v.endswith(">"):
            parts.append(f"{k}={v}")
        else:
            parts.append(f"{k}={quote(str(v))}")
    return ", ".join(parts)


def _edge_style(r) -> dict[str, str]:
    t = r.type
    if t == "Access":
        at = r.access_type
        return access_style(at.value if at is not None else None)
    if t == "Association":
        return association_style(bool(r.is_directed))
    return dict(RELATIONSHIP_STYLES.get(t, RELATIONSHIP_STYLES["Association"]))


_SWAP_DIR = {"forward": "back", "back": "forward", "both": "both", "none": "none"}


def _reverse(style: dict[str, str]) -> dict[str, str]:
    out = dict(style)
    head = style.get("arrowhead", "normal")
    tail = style.get("arrowtail", "none")
    out["arrowhead"], out["arrowtail"] = tail, head
    out["dir"] = _SWAP_DIR[style.get("dir", "forward")]
    return out


def _node_attrs(e, lang: str, status: Optional[str], highlighted: bool, focus: bool) -> dict[str, str]:
    family = element_family(e.type)
    attrs: dict[str, str] = {}
    if family in ("and_junction", "or_junction"):
        attrs.update(FAMILY_STYLES[family])
        attrs.setdefault("label", "")
        attrs["fillcolor"] = "#000000"
    else:
        attrs["label"] = node_label(e.name.get(lang, fallback=True) or e.id, type_badge(e.type, lang), icon_for(e.type))
        attrs.update(FAMILY_STYLES[family])
        attrs["fillcolor"] = LAYER_COLOURS[e.layer.value]
    attrs["id"] = e.id
    attrs["tooltip"] = f"{e.id} ({e.type})"
    if status is not None:
        s = STATUS_STYLES[status]
        attrs.update({k: v for k, v in s.items() if k != "style"})
        if "style" in s:
            base = [x for x in attrs.get("style", "filled").split(",") if x not in ("solid", "dashed")]
            attrs["style"] = ",".join(base + [s["style"]])
    if highlighted:
        attrs.update(FINDING_STYLE)
    if focus:
        attrs["penwidth"] = "3"
    return attrs


def _edge_label(r, lang: str) -> Optional[str]:
    name = r.name.get(lang, fallback=True) if r.name else None
    if r.type == "Influence" and r.modifier:
        name = f"{name} ({r.modifier})" if name else r.modifier
    return name


#: Relationship samples per row of the legend, and layer swatches per column.
_LEGEND_PAIRS = 4
_LEGEND_SWATCHES = 3


#: The words of the diff statuses in the legend (catalogue msgids).
_STATUS_WORDS = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed"), "unchanged": N_("unchanged")}


def legend_entries(view, lang: str) -> tuple[list[tuple[str, str]], list[tuple[str, dict[str, str]]]]:
    """What a legend of ``view`` shows: (fill colour, caption) swatches of its layers (and diff
    statuses), and (key, edge style with its label) samples of its relationship types (and of a
    missing connection). Shared by the Graphviz-laid legend and the band grid's."""
    layers = dict.fromkeys(e.layer.value for e in view.elements.values())
    swatches = [(LAYER_COLOURS[layer], LAYER_LABELS[layer][lang]) for layer in LAYER_LABELS if layer in layers]
    tr = translator(lang)
    if view.status:
        swatches += [(s["fillcolor"], tr(_STATUS_WORDS[st])) for st, s in STATUS_STYLES.items()]
    samples: list[tuple[str, dict[str, str]]] = []
    for k, t in enumerate(dict.fromkeys(r.type for r in view.relationships.values())):
        style = dict(RELATIONSHIP_STYLES[t])
        style["label"] = f"<{escape(RELATIONSHIP_LABELS[t][lang])}>"
        samples.append((str(k), style))
    if view.missing:
        style = {k: v for k, v in MISSING_EDGE_STYLE.items() if k != "constraint"}
        style["label"] = "<" + escape(tr("missing connection")) + ">"
        samples.append(("missing", style))
    return swatches, samples


def swatch_table(swatches: list[tuple[str, str]], per_column: int) -> str:
    """The legend's colour swatches as a Graphviz HTML table, ``per_column`` to a column."""
    columns = [swatches[j:j + per_column] for j in range(0, len(swatches), per_column)]
    rows = []
    for i in range(min(per_column, len(swatches))):
        cells = []
        for col in columns:
            if i < len(col):
                colour, text = col[i]
                cells.append(f'<TD BGCOLOR="{colour}" WIDTH="24" BORDER="1"> </TD><TD ALIGN="LEFT">{escape(text)}</TD>')
            else:
                cells.append("<TD></TD><TD></TD>")
        rows.append("<TR>" + "".join(cells) + "</TR>")
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3">' + "".join(rows) + "</TABLE>>"


def _legend(view, lang: str, out: list[str], below: Optional[str] = None) -> None:
    """The legend box: layer (and diff) colours in columns, relationship samples in rows.

    With ``below`` (a node of the last row of a stacked view) the legend hangs under it.
    """
    title = translator(lang)("Legend")
    swatches, samples = legend_entries(view, lang)
    out.append('  subgraph "cluster_legend" {')
    out.append(f'    id="legend"; label={quote(title)}; style="rounded"; color="#9e9e9e"; fontsize="10"; labeljust="l";')
    firsts: list[str] = []
    if swatches:
        out.append(f'    "legend.layers" [shape="plaintext", style="", label={swatch_table(swatches, _LEGEND_SWATCHES)}];')
        firsts.append("legend.layers")
    previous: Optional[str] = None
    for j in range(0, len(samples), _LEGEND_PAIRS):
        row = []
        for key, style in samples[j:j + _LEGEND_PAIRS]:
            a, b = f"legend.{key}.a", f"legend.{key}.b"
            out.append(f'    "{a}" [shape="point", width="0.05", style="invis"];')
            out.append(f'    "{b}" [shape="point", width="0.05", style="invis"];')
            out.append(f'    "{a}" -> "{b}" [{_attrs(style)}, minlen="2"];')
            row += [a, b]
        if previous is None:
            firsts.append(row[0])
            row = firsts[:-1] + row
        else:
            out.append(f'    "{previous}" -> "{row[0]}" [style="invis"];')
        out.append("    {rank=same; " + "; ".join(f'"{x}"' for x in row) + "}")
        previous = next(x for x in row if x.endswith(".a"))
    out.append("  }")
    if below is not None and firsts:
        out.append(f'  "{below}" -> "{firsts[0]}" [style="invis", weight="50"];')


def to_dot(view, lang: str = "vi", legend: bool = False) -> str:
    """DOT source of a :class:`~eaframe.render.views.DiagramView`.

    Parameters
    ----------
    view
        The view to draw.
    lang
        ``"vi"`` or ``"en"``: language of names (falls back to the other language,
        then to the id).
    legend
        Add a legend box (layer colours and the relationship types used).

    Returns
    -------
    str
        The DOT source, ending with a newline.
    """
    if lang not in LANGS:
        from ..exceptions import RenderError

        raise RenderError(f"unknown language {lang!r}; use one of: {', '.join(LANGS)}")
    from .grid import grid_dot, uses_grid

    if uses_grid(view):
        return grid_dot(view, lang=lang, legend=legend)
    out: list[str] = ['digraph "eaframe" {']
    title = view.title.get(lang, fallback=True) or ""
    # Large views: bound Graphviz's crossing-minimisation and network-simplex passes
    # (layout time otherwise grows steeply with the number of nodes and edges).
    limits = ', mclimit="0.3", nslimit="2", nslimit1="2"' if len(view.elements) > LARGE_VIEW else ""
    ranksep = "0.3" if view.stacked else "0.45"
    out.append(f'  graph [rankdir={quote(view.direction)}, newrank="true", fontname={quote(FONT)}, '
               f'fontsize="14", labelloc="t", labeljust="l", label={html_label(title, width=120)}, '
               f'nodesep="0.25", ranksep={quote(ranksep)}, compound="true"{limits}];')
    grid = f', width="{GRID_NODE_WIDTH}"' if view.stacked else ""
    out.append(f'  node [fontname={quote(FONT)}, fontsize="10", margin="0.08,0.04", penwidth="1"{grid}];')
    out.append(f'  edge [fontname={quote(FONT)}, fontsize="8", color="#424242"];')

    status = view.status
    highlighted = view.highlighted
    focus = view.focus
    elements = view.elements
    node_static: dict[str, Optional[str]] = {}

    def node_line(i: str, e) -> str:
        # Ids are XML NCNames (validated by the model), so they need no DOT escaping.
        t = e.type
        static = node_static.get(t, "")
        if static == "":
            family = element_family(t)
            static = None if family in ("and_junction", "or_junction") else _attrs(
                {**FAMILY_STYLES[family], "fillcolor": LAYER_COLOURS[e.layer.value]})
            node_static[t] = static
        if static is None or i in status or i in highlighted or i == focus:
            return f"{quote(i)} [{_attrs(_node_attrs(e, lang, status.get(i), i in highlighted, i == focus))}];"
        name = e.name.get(lang, fallback=True) or i
        return f'"{i}" [label={node_label(name, type_badge(t, lang), icon_for(t))}, {static}, id="{i}", tooltip="{i} ({t})"];'

    rank: dict[str, int] = {}
    in_cluster: set[str] = set()
    stack: list[tuple[list[str], list[str]]] = []
    sizes = [sum(1 for m in c.members if m in elements) for c in view.clusters]
    cols = grid_columns([n for n in sizes if n]) if view.stacked else 0
    for k, c in enumerate(view.clusters):
        members = [m for m in c.members if m in elements]
        if not members:
            continue
        label = c.label.get(lang, fallback=True) or c.id
        out.append(f"  subgraph {quote(f'cluster_{k}')} {{")
        cst = status.get(c.id)
        colour, fontcolour = ("#757575", "#000000") if cst in (None, "unchanged") else (
            STATUS_STYLES[cst]["color"], STATUS_STYLES[cst]["fontcolor"])
        out.append(f'    id={quote("cluster." + c.id)}; label={html_label(label, width=60)}; '
                   f'style="rounded"; color="{colour}"; fontcolor="{fontcolour}"; fontsize="11"; labeljust="l";')
        for m in members:
            e = elements[m]
            out.append("    " + node_line(m, e))
            rank[m] = k
            in_cluster.add(m)
        if view.stacked:
            # A grid of `cols` columns: each row on one rank, each row below the one above.
            rows = [members[j:j + cols] for j in range(0, len(members), cols)]
            # invisible boxes fill the first row, so that every box is as wide as the grid
            fill = [f"_fill.{k}.{j}" for j in range(cols - len(rows[0]))]
            out.extend(f'    "{f}" [shape="box", style="invis", label="", width="{GRID_NODE_WIDTH}"];' for f in fill)
            rows[0] = rows[0] + fill
            for r, row in enumerate(rows):
                if len(row) > 1:
                    out.append("    {rank=same; " + "; ".join(f'"{m}"' for m in row) + "}")
                if r:
                    out.extend(f'    "{a}" -> "{b}" [style="invis", weight="10"];' for a, b in zip(rows[r - 1], row, strict=False))
            stack.append((rows[0], rows[-1]))
        else:
            stack.append((members, members))
        out.append("  }")
    for i, e in elements.items():
        if i not in in_cluster:
            out.append("  " + node_line(i, e))

    stacked = view.stacked and len(stack) > 1
    # In a stacked view the grid fixes the rows of a band: a relationship inside a band
    # (or with an end outside every band) does not move its ends to other rows.
    gridded = view.stacked and bool(stack)
    # Graphviz places external labels after the layout: they add no ranks to the grid
    # (and labels on edges kept out of the ranking can make dot fail).
    label_key = "xlabel" if gridded else "label"
    edge_static: dict[tuple, str] = {}
    edge_labels = view.edge_labels
    for rid, r in view.relationships.items():
        src, tgt = r.source, r.target
        rs, rt = rank.get(src, -1), rank.get(tgt, -1)
        rev = stacked and rs > rt >= 0
        if rev:
            src, tgt = tgt, src
        # ... and no relationship pulls a box sideways out of line with the others.
        free = ', constraint="false", weight="0"' if gridded and (rs == rt or rs < 0 or rt < 0) else (', weight="0"' if gridded else "")
        n = r.name
        label = _edge_label(r, lang) if edge_labels and (n or r.type == "Influence") else None
        label_part = f", {label_key}={html_label(label, width=30)}" if label else ""
        st = status.get(rid)
        if st is None and rid not in highlighted:
            t = r.type
            key = (t, r.access_type if t == "Access" else r.is_directed if t == "Association" else None, rev, free)
            static = edge_static.get(key)
            if static is None:
                style = _edge_style(r)
                static = edge_static[key] = _attrs(_reverse(style) if rev else style) + free
            out.append(f'  "{src}" -> "{tgt}" [{static}{label_part}, id="{rid}"];')
            continue
        style = _edge_style(r)
        if rev:
            style = _reverse(style)
        if label:
            style[label_key] = html_label(label, width=30)
        if st is not None:
            s = STATUS_STYLES[st]
            style["color"] = s["color"]
            style["fontcolor"] = s["fontcolor"]
            style["penwidth"] = s["penwidth"]
            if st == "removed":
                style["style"] = "dashed"
        if rid in highlighted:
            style.update(FINDING_STYLE)
        if free:
            style["weight"] = "0"
            if "constraint" in free:
                style["constraint"] = "false"
        style["id"] = rid
        out.append(f"  {quote(src)} -> {quote(tgt)} [{_attrs(style)}];")
    for me in view.missing:
        style = dict(MISSING_EDGE_STYLE)
        text = me.label + (f" ({me.relationship_type})" if me.relationship_type else "")
        style[label_key] = html_label(text, width=40)
        out.append(f"  {quote(me.source)} -> {quote(me.target)} [{_attrs(style)}];")
    if stacked:
        # An invisible point between consecutive boxes, below every element of the last
        # row of the upper box and above every element of the first row of the lower
        # one: the boxes stack in order, centred on each other (and, as every box is as
        # wide as the grid, aligned).
        for k in range(len(stack) - 1):
            anchor = f'"_stack.{k}"'
            out.append(f'  {anchor} [shape="point", style="invis", width="0", height="0", label=""];')
            out.extend([f'  "{m}" -> {anchor} [style="invis"];' for m in stack[k][1]])
            out.extend([f'  {anchor} -> "{m}" [style="invis"];' for m in stack[k + 1][0]])
    if legend:
        _legend(view, lang, out, below=stack[-1][1][0] if view.stacked and stack else None)
    out.append("}")
    return "\n".join(out) + "\n"
