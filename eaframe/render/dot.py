"""DOT source for diagram views: a pure, deterministic function of the view.

:func:`to_dot` writes one Graphviz ``digraph``: the title, one ``cluster`` subgraph
per box of the view (layers, framework components, interconnection bands), one
node per element with an HTML-like label (the name, wrapped, over a small type
badge; all text HTML-escaped), one edge per relationship in the ArchiMate style of
:mod:`eaframe.render.styles`, and optionally a legend. The same view always gives
the same text, byte for byte (no sets, no hashes, no dates), so DOT output can be
kept as a golden file and diffed in review.

Layered views stack their clusters in order: an edge whose source is in a lower box
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

from .styles import (
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

__all__ = ["to_dot", "html_label", "wrap", "quote", "LANGS", "LARGE_VIEW"]

#: Languages of labels.
LANGS = ("vi", "en")

_WRAP = 24

#: Views with more elements than this get bounded Graphviz layout passes.
LARGE_VIEW = 100


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
    '<A &amp; B &lt;x&gt;<BR/><FONT POINT-SIZE="7" COLOR="#555555">Node</FONT>>'
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
        html = _BADGE_CACHE[badge] = f'<BR/><FONT POINT-SIZE="7" COLOR="#555555">{escape(badge, quote=False)}</FONT>'
    return html


def _attrs(d: dict) -> str:
    parts = []
    for k, v in d.items():
        if k == "label" and isinstance(v, str) and v.startswith("<") and v.endswith(">"):
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
        attrs["label"] = html_label(e.name.get(lang, fallback=True) or e.id, type_badge(e.type, lang))
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
    name = r.name.get(lang, fallback=True) if (r.name.vi or r.name.en or r.name.other) else None
    if r.type == "Influence" and r.modifier:
        name = f"{name} ({r.modifier})" if name else r.modifier
    return name


def _legend(view, lang: str, out: list[str]) -> None:
    title = "Chú giải" if lang == "vi" else "Legend"
    layers: dict[str, None] = {}
    for e in view.elements.values():
        layers[e.layer.value] = None
    rel_types: dict[str, None] = {}
    for r in view.relationships.values():
        rel_types[r.type] = None
    rows = []
    for layer in LAYER_LABELS:
        if layer in layers:
            rows.append(f'<TR><TD BGCOLOR="{LAYER_COLOURS[layer]}" WIDTH="24"> </TD>'
                        f'<TD ALIGN="LEFT">{escape(LAYER_LABELS[layer][lang])}</TD></TR>')
    if view.status:
        names = {"vi": {"added": "thêm mới", "removed": "bị bỏ", "changed": "thay đổi", "unchanged": "không đổi"},
                 "en": {"added": "added", "removed": "removed", "changed": "changed", "unchanged": "unchanged"}}
        for st, s in STATUS_STYLES.items():
            rows.append(f'<TR><TD BGCOLOR="{s["fillcolor"]}" WIDTH="24"> </TD>'
                        f'<TD ALIGN="LEFT">{escape(names[lang][st])}</TD></TR>')
    out.append('  subgraph "cluster_legend" {')
    out.append(f'    label={quote(title)}; style="rounded"; color="#9e9e9e"; fontsize="10";')
    if rows:
        table = '<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="2">' + "".join(rows) + "</TABLE>>"
        out.append(f'    "legend.layers" [shape="plaintext", style="", label={table}];')
    for k, t in enumerate(rel_types):
        a, b = f"legend.{k}.a", f"legend.{k}.b"
        out.append(f'    {quote(a)} [shape="point", width="0.05", style="invis"];')
        out.append(f'    {quote(b)} [shape="point", width="0.05", style="invis"];')
        style = dict(RELATIONSHIP_STYLES[t])
        style["label"] = f"<{escape(RELATIONSHIP_LABELS[t][lang])}>"
        out.append(f"    {{rank=same; {quote(a)}; {quote(b)}}}")
        out.append(f"    {quote(a)} -> {quote(b)} [{_attrs(style)}];")
    if view.missing:
        a, b = "legend.missing.a", "legend.missing.b"
        out.append(f'    {quote(a)} [shape="point", width="0.05", style="invis"];')
        out.append(f'    {quote(b)} [shape="point", width="0.05", style="invis"];')
        style = {k: v for k, v in MISSING_EDGE_STYLE.items() if k != "constraint"}
        style["label"] = "<" + escape("kết nối còn thiếu" if lang == "vi" else "missing connection") + ">"
        out.append(f"    {{rank=same; {quote(a)}; {quote(b)}}}")
        out.append(f"    {quote(a)} -> {quote(b)} [{_attrs(style)}];")
    out.append("  }")


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
    out: list[str] = ['digraph "eaframe" {']
    title = view.title.get(lang, fallback=True) or ""
    # Large views: bound Graphviz's crossing-minimisation and network-simplex passes
    # (layout time otherwise grows steeply with the number of nodes and edges).
    limits = ', mclimit="0.3", nslimit="2", nslimit1="2"' if len(view.elements) > LARGE_VIEW else ""
    out.append(f'  graph [rankdir={quote(view.direction)}, newrank="true", fontname={quote(FONT)}, '
               f'fontsize="14", labelloc="t", labeljust="l", label={html_label(title, width=120)}, '
               f'nodesep="0.25", ranksep="0.45", compound="true"{limits}];')
    out.append(f'  node [fontname={quote(FONT)}, fontsize="10", margin="0.08,0.04", penwidth="1"];')
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
        return f'"{i}" [label={html_label(name, type_badge(t, lang))}, {static}, id="{i}", tooltip="{i} ({t})"];'

    rank: dict[str, int] = {}
    in_cluster: set[str] = set()
    stack: list[list[str]] = []
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
        stack.append(members)
        out.append("  }")
    for i, e in elements.items():
        if i not in in_cluster:
            out.append("  " + node_line(i, e))

    stacked = view.stacked and len(stack) > 1
    edge_static: dict[tuple, str] = {}
    edge_labels = view.edge_labels
    for rid, r in view.relationships.items():
        src, tgt = r.source, r.target
        rev = stacked and rank.get(src, -1) > rank.get(tgt, -1) >= 0
        if rev:
            src, tgt = tgt, src
        n = r.name
        label = _edge_label(r, lang) if edge_labels and (n.vi or n.en or n.other or r.type == "Influence") else None
        label_part = f", label={html_label(label, width=30)}" if label else ""
        st = status.get(rid)
        if st is None and rid not in highlighted:
            t = r.type
            key = (t, r.access_type if t == "Access" else r.is_directed if t == "Association" else None, rev)
            static = edge_static.get(key)
            if static is None:
                style = _edge_style(r)
                static = edge_static[key] = _attrs(_reverse(style) if rev else style)
            out.append(f'  "{src}" -> "{tgt}" [{static}{label_part}, id="{rid}"];')
            continue
        style = _edge_style(r)
        if rev:
            style = _reverse(style)
        if label:
            style["label"] = html_label(label, width=30)
        if st is not None:
            s = STATUS_STYLES[st]
            style["color"] = s["color"]
            style["fontcolor"] = s["fontcolor"]
            style["penwidth"] = s["penwidth"]
            if st == "removed":
                style["style"] = "dashed"
        if rid in highlighted:
            style.update(FINDING_STYLE)
        style["id"] = rid
        out.append(f"  {quote(src)} -> {quote(tgt)} [{_attrs(style)}];")
    for me in view.missing:
        style = dict(MISSING_EDGE_STYLE)
        text = me.label + (f" ({me.relationship_type})" if me.relationship_type else "")
        style["label"] = html_label(text, width=40)
        out.append(f"  {quote(me.source)} -> {quote(me.target)} [{_attrs(style)}];")
    if stacked:
        # An invisible point between consecutive boxes, below every member of the upper
        # box and above every member of the lower one: the boxes stack in order.
        for k in range(len(stack) - 1):
            anchor = f'"_stack.{k}"'
            out.append(f'  {anchor} [shape="point", style="invis", width="0", height="0", label=""];')
            out.extend([f'  "{m}" -> {anchor} [style="invis"];' for m in stack[k]])
            out.extend([f'  {anchor} -> "{m}" [style="invis"];' for m in stack[k + 1]])
    if legend:
        _legend(view, lang, out)
    out.append("}")
    return "\n".join(out) + "\n"
