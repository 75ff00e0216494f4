"""Diagram views as queries over one model.

A :class:`DiagramView` is what a diagram shows: an ordered selection of elements, the
relationships among them, optional clusters (boxes around groups of elements),
and decorations (diff status colours, highlighted findings, missing edges). Views
are computed from a model and never change it (the Structurizr idea: one model,
many views):

* :func:`select` — elements by id list, by layer / type, or by Grouping membership;
* :func:`neighbourhood` — an element and everything within ``depth`` relationships;
* :func:`stored_view` — a view stored in the model file, rendered as stored;
* :func:`layered` — the whole model by ArchiMate layer, or by the framework's own
  layers/components when the model has them as Groupings (v1.0 layers, v2.0's
  seven components);
* :func:`interconnection` — the LGSP as hub: provincial applications, LGSP, NGSP,
  national systems and databases, with the flows and accesses between them;
* :func:`diff_view` — two versions overlaid (added, removed, changed, unchanged);
* :func:`findings_view` — check findings highlighted, missing connections drawn.

Examples
--------
>>> from eaframe.synthetic import synthetic_model
>>> m = synthetic_model(30, seed=1)
>>> v = select(m, layers=["technology"])
>>> all(e.layer.value == "technology" for e in v.elements.values())
True
>>> n = neighbourhood(m, "e0", depth=1)
>>> "e0" in n.elements and n.focus == "e0"
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Optional, Union

from ..attributes import Text
from ..elements import BuildingBlock, Element, Layer, LineageFields
from ..relationships import Relationship

if TYPE_CHECKING:
    from ..checks import Finding
    from ..modeldiff import ModelDiff

__all__ = [
    "Cluster",
    "MissingEdge",
    "DiagramView",
    "VIEW_KINDS",
    "BAND_ORDER",
    "select",
    "neighbourhood",
    "stored_view",
    "layered",
    "interconnection",
    "diff_view",
    "findings_view",
    "build_view",
    "framework_groupings",
]

#: The built-in view kinds of :func:`build_view` (``diff`` and ``findings`` take
#: two models or findings and have their own functions).
VIEW_KINDS = ("layered", "interconnection", "neighbourhood")

_MEMBERSHIP = ("Aggregation", "Composition")

#: The order of the layer bands of layered views, top to bottom (the standard order of
#: ArchiMate layered views: strategy, motivation, business, application, technology,
#: physical, implementation & migration; then other elements).
BAND_ORDER: tuple[Layer, ...] = (Layer.STRATEGY, Layer.MOTIVATION, Layer.BUSINESS, Layer.APPLICATION,
                                 Layer.TECHNOLOGY, Layer.PHYSICAL, Layer.IMPLEMENTATION_MIGRATION, Layer.OTHER)
_BAND_RANK = {layer: k for k, layer in enumerate(BAND_ORDER)}


@dataclass(frozen=True)
class Cluster:
    """A box drawn around some elements of a view.

    Attributes
    ----------
    id
        Unique id within the view (a layer name or a Grouping id).
    label
        Title of the box, by language.
    members
        Ids of the elements inside, in drawing order.
    """

    id: str
    label: Text
    members: tuple[str, ...]


@dataclass(frozen=True)
class MissingEdge:
    """A connection that should exist but does not (drawn dashed red)."""

    source: str
    target: str
    label: str
    relationship_type: Optional[str] = None


@dataclass
class DiagramView:
    """What one diagram shows; turn it into DOT with :meth:`to_dot`.

    Attributes
    ----------
    title
        Diagram title by language.
    kind
        How the view was made (``layered``, ``interconnection``, ``neighbourhood``,
        ``selection``, ``stored``, ``diff``, ``findings``).
    elements
        Element objects by id, in drawing order.
    relationships
        Relationship objects by id, in drawing order; both ends are in ``elements``.
    clusters
        Boxes, in order (top to bottom for layered views); an element is in at
        most one cluster.
    direction
        Graphviz ``rankdir`` (``TB``, ``LR``, ``BT``, ``RL``); ignored by the views drawn
        on the band grid (:mod:`eaframe.render.grid`), whose bands run top to bottom.
    stacked
        Whether the clusters are stacked in their order (layered diagrams).
    status
        Diff status (``added``, ``removed``, ``changed``, ``unchanged``) by element
        or relationship id.
    highlighted
        Ids of elements and relationships to highlight (findings).
    missing
        Missing connections to draw.
    focus
        Id of the focus element of a neighbourhood view.
    edge_labels
        Whether relationship names are written on the edges (off for the whole-model
        overviews, where they would crowd the picture).
    """

    title: Text
    kind: str
    elements: dict[str, Element]
    relationships: dict[str, Relationship]
    clusters: list[Cluster] = field(default_factory=list)
    direction: str = "TB"
    stacked: bool = False
    status: dict[str, str] = field(default_factory=dict)
    highlighted: frozenset = frozenset()
    missing: list[MissingEdge] = field(default_factory=list)
    focus: Optional[str] = None
    edge_labels: bool = True

    def __len__(self) -> int:
        return len(self.elements)

    def __repr__(self) -> str:
        title = self.title.get("en", fallback=True) or ""
        return (f"<DiagramView {self.kind} {title!r}: {len(self.elements)} elements, "
                f"{len(self.relationships)} relationships>")

    def to_dot(self, lang: str = "vi", legend: bool = False) -> str:
        """DOT source of this view (see :func:`eaframe.render.dot.to_dot`)."""
        from .dot import to_dot

        return to_dot(self, lang=lang, legend=legend)

    def render(self, format: str = "svg", lang: str = "vi", legend: bool = False) -> Union[str, bytes]:
        """Render with Graphviz; DOT source (str) for ``format="dot"``, else bytes."""
        from .output import render_dot

        return render_dot(self.to_dot(lang=lang, legend=legend), format)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        from .notebook import mimebundle

        return mimebundle(self, repr(self))

    def _repr_svg_(self) -> Optional[str]:
        from .notebook import svg_or_none

        return svg_or_none(self)


# --------------------------------------------------------------------------- helpers
def _text(vi: str, en: str) -> Text:
    return Text(vi=vi, en=en)


def _elements_by_id(model, ids: Iterable[str]) -> dict[str, Element]:
    index = model.index
    out: dict[str, Element] = {}
    for i in ids:
        c = index.get(i)
        if isinstance(c, Element):
            out[i] = c
        elif c is None:
            from ..exceptions import RenderError
            from ..integrity import suggest

            hint = suggest(i, [e.id for e in model.elements])
            raise RenderError(f"no element {i!r} in the model" + (f" (did you mean {hint!r}?)" if hint else ""))
    return out


def _relationships_among(model, element_ids: Mapping[str, Any] | set,
                         types: Optional[set[str]] = None) -> dict[str, Relationship]:
    out: dict[str, Relationship] = {}
    for r in model.relationships:
        if r.source in element_ids and r.target in element_ids and (types is None or r.type in types):
            out[r.id] = r
    return out


def _layer_clusters(elements: Mapping[str, Element]) -> list[Cluster]:
    by_layer: dict[Layer, list[str]] = {}
    for i, e in elements.items():
        by_layer.setdefault(e.layer, []).append(i)
    from .styles import LAYER_LABELS

    out = []
    for layer in BAND_ORDER:
        members = by_layer.get(layer)
        if members:
            lab = LAYER_LABELS[layer.value]
            out.append(Cluster(f"layer.{layer.value}", Text(vi=lab["vi"], en=lab["en"]), tuple(members)))
    return out


def framework_groupings(model) -> list[tuple[Element, list[str]]]:
    """Top-level Groupings that hold elements, with their members (recursively), in model order.

    A Grouping holds the targets of its Aggregation and Composition relationships.
    A Grouping held by another one is not top-level; its members count for the
    top-level one. This is how the bundled frameworks encode the v1.0 layers and
    the seven v2.0 components.

    Examples
    --------
    >>> from eaframe.synthetic import synthetic_model
    >>> framework_groupings(synthetic_model(20, seed=0))
    []
    """
    groupings = {e.id: e for e in model.elements if e.type == "Grouping"}
    if not groupings:
        return []
    members: dict[str, list[str]] = {g: [] for g in groupings}
    held: set[str] = set()
    for r in model.relationships:
        if r.type in _MEMBERSHIP and r.source in groupings and r.target != r.source:
            members[r.source].append(r.target)
            if r.target in groupings:
                held.add(r.target)
    out = []
    for gid, g in groupings.items():
        if gid in held or not members[gid]:
            continue
        seen: dict[str, None] = {}
        stack = list(reversed(members[gid]))
        while stack:
            m = stack.pop()
            if m in seen or m == gid:
                continue
            seen[m] = None
            if m in groupings:
                stack.extend(reversed(members[m]))
        out.append((g, list(seen)))
    return out


def _grouping_clusters(model, elements: Mapping[str, Element],
                       groupings: Optional[list[tuple[Element, list[str]]]] = None) -> tuple[list[Cluster], set[str]]:
    """Clusters for the top-level Groupings; returns them and the ids of the Groupings used."""
    groupings = framework_groupings(model) if groupings is None else groupings
    placed: set[str] = set()
    used: set[str] = set()
    clusters = []
    group_ids = {g.id for g, _ in groupings}
    for g, members in groupings:
        inside = tuple(m for m in members if m in elements and m not in placed and m not in group_ids)
        if not inside:
            continue
        placed.update(inside)
        used.add(g.id)
        clusters.append(Cluster(g.id, g.name, inside))
    rest = {i: e for i, e in elements.items() if i not in placed and i not in used}
    bands = clusters + _layer_clusters(rest)
    # Bands in the standard layer order, each by the layer most of its members are in
    # (a tie goes to the layer of the earliest member); stable, so equal bands keep model order.
    return sorted(bands, key=lambda c: _BAND_RANK[_main_layer(c, elements)]), used


def _main_layer(c: Cluster, elements: Mapping[str, Element]) -> Layer:
    counts: dict[Layer, int] = {}
    for m in c.members:
        layer = elements[m].layer
        if layer is not Layer.OTHER:
            counts[layer] = counts.get(layer, 0) + 1
    if not counts:
        return Layer.OTHER
    return max(counts, key=counts.__getitem__)  # first-counted (earliest member) wins a tie


def _cluster(view_elements: dict[str, Element], model, cluster_by: str) -> tuple[list[Cluster], dict[str, Element]]:
    if cluster_by == "layer":
        return _layer_clusters(view_elements), view_elements
    if cluster_by == "grouping":
        clusters, used = _grouping_clusters(model, view_elements)
        return clusters, {i: e for i, e in view_elements.items() if i not in used}
    return [], view_elements


def _title(model, vi: str, en: str) -> Text:
    t = model.metadata.title
    return Text(vi=f"{t.get('vi', fallback=True)} — {vi}", en=f"{t.get('en', fallback=True)} — {en}")


# --------------------------------------------------------------------------- queries
def select(model, ids: Optional[Iterable[str]] = None, *, layers: Optional[Iterable[Union[str, Layer]]] = None,
           types: Optional[Iterable[str]] = None, group: Optional[str] = None,
           relationship_types: Optional[Iterable[str]] = None, title: Optional[Text] = None,
           cluster_by: str = "layer", direction: str = "TB") -> DiagramView:
    """A view of selected elements and the relationships among them.

    The selection is the union of ``ids``, the elements matching ``layers`` *and*
    ``types`` (when either is given), and the members of Grouping ``group``.

    Parameters
    ----------
    model
        The :class:`~eaframe.model.ArchitectureModel`.
    ids
        Element ids, in the order to draw them.
    layers, types
        ArchiMate layers (``"application"``) and element type names.
    group
        Id of a Grouping whose members (recursively) to show.
    relationship_types
        Only relationships of these types (default: all).
    cluster_by
        ``"layer"``, ``"grouping"`` or ``"none"``.

    Examples
    --------
    >>> from eaframe.synthetic import synthetic_model
    >>> m = synthetic_model(40, seed=2)
    >>> v = select(m, types=["Node"], ids=["e1"])
    >>> sorted({e.type for e in v.elements.values()} - {m["e1"].type})
    ['Node']
    """
    chosen: dict[str, None] = {}
    if ids is not None:
        for i in _elements_by_id(model, ids):
            chosen[i] = None
    if layers is not None or types is not None:
        lay = {Layer(x) for x in layers} if layers is not None else None
        typ = set(types) if types is not None else None
        for e in model.elements:
            if (lay is None or e.layer in lay) and (typ is None or e.type in typ):
                chosen[e.id] = None
    if group is not None:
        g = model.get(group)
        if not isinstance(g, Element) or g.type != "Grouping":
            from ..exceptions import RenderError

            raise RenderError(f"{group!r} is not a Grouping of the model")
        members = [m for gg, ms in framework_groupings(model) if gg.id == group for m in ms]
        if not members:
            members = [r.target for r in model.relationships if r.source == group and r.type in _MEMBERSHIP]
        for m in members:
            if isinstance(model.get(m), Element):
                chosen[m] = None
    elements = _elements_by_id(model, chosen)
    rels = _relationships_among(model, elements, set(relationship_types) if relationship_types else None)
    clusters, nodes = _cluster(elements, model, cluster_by)
    if nodes is not elements:
        rels = {k: r for k, r in rels.items() if r.source in nodes and r.target in nodes}
    return DiagramView(title=title or _title(model, "lựa chọn", "selection"), kind="selection", elements=nodes,
                       relationships=rels, clusters=clusters, direction=direction,
                       stacked=cluster_by == "layer")


def neighbourhood(model, focus: str, depth: int = 1, relationship_types: Optional[Iterable[str]] = None,
                  direction: str = "TB") -> DiagramView:
    """An element and every element within ``depth`` relationships of it (either direction).

    Examples
    --------
    >>> from eaframe.synthetic import synthetic_model
    >>> m = synthetic_model(60, seed=4)
    >>> v1, v2 = neighbourhood(m, "e3", depth=1), neighbourhood(m, "e3", depth=2)
    >>> set(v1.elements) <= set(v2.elements)
    True
    """
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    focus = model.model_id(focus)  # also the id it had in the Archi file the model was read from
    _elements_by_id(model, [focus])
    types = set(relationship_types) if relationship_types is not None else None
    adj: dict[str, list[str]] = {}
    element_ids = {e.id for e in model.elements}
    for r in model.relationships:
        if (types is None or r.type in types) and r.source in element_ids and r.target in element_ids:
            adj.setdefault(r.source, []).append(r.target)
            adj.setdefault(r.target, []).append(r.source)
    order: dict[str, None] = {focus: None}
    frontier = [focus]
    for _ in range(depth):
        nxt = []
        for n in frontier:
            for m in adj.get(n, ()):
                if m not in order:
                    order[m] = None
                    nxt.append(m)
        frontier = nxt
    # keep model order after the focus, so the output does not depend on traversal details
    rank = {e.id: k for k, e in enumerate(model.elements)}
    ids = [focus] + sorted((i for i in order if i != focus), key=rank.__getitem__)
    elements = _elements_by_id(model, ids)
    rels = _relationships_among(model, elements, types)
    f = elements[focus]
    title = _title(model, f"lân cận của {f.label('vi')}", f"neighbourhood of {f.label('en')}")
    return DiagramView(title=title, kind="neighbourhood", elements=elements, relationships=rels,
                       clusters=_layer_clusters(elements), direction=direction, stacked=True, focus=focus)


def stored_view(model, view: str) -> DiagramView:
    """A view stored in the model, by id or name: its elements, relationships and layout.

    Raises
    ------
    RenderError
        When the model has no such view (the message lists the views).
    """
    from ..exceptions import RenderError

    try:
        v = model.view(view)
    except KeyError as err:
        raise RenderError(str(err.args[0])) from None
    elements = _elements_by_id(model, v.elements)
    if v.relationships is None:
        rels = _relationships_among(model, elements)
    else:
        rels = {}
        for rid in v.relationships:
            r = model.get(rid)
            if isinstance(r, Relationship) and r.source in elements and r.target in elements:
                rels[rid] = r
    clusters, nodes = _cluster(elements, model, v.layout.cluster_by)
    if nodes is not elements:
        rels = {k: r for k, r in rels.items() if r.source in nodes and r.target in nodes}
    name = v.name if v.name else Text(vi=v.id, en=v.id)
    return DiagramView(title=name, kind="stored", elements=nodes, relationships=rels, clusters=clusters,
                       direction=v.layout.direction, stacked=v.layout.cluster_by != "none")


def layered(model, use_groupings: Optional[bool] = None) -> DiagramView:
    """The whole model, layer above layer.

    Parameters
    ----------
    use_groupings
        Cluster by the model's top-level Groupings (the framework's own layers or
        components) instead of ArchiMate layers. Default: when the model has at
        least three top-level Groupings holding elements, as the bundled frameworks
        do; elements in no Grouping then go into ArchiMate layer boxes. The boxes
        follow :data:`BAND_ORDER`, a Grouping's box by the layer most of its
        members are in. A
        Grouping is drawn as a box, not as a node; one whose members are all in
        earlier boxes (a reference model, say) is left out.

    Examples
    --------
    >>> from eaframe.synthetic import synthetic_model
    >>> v = layered(synthetic_model(50, seed=0))
    >>> [c.id for c in v.clusters][:2]
    ['layer.motivation', 'layer.business']
    """
    groupings = framework_groupings(model)
    if use_groupings is None:
        use_groupings = len(groupings) >= 3
    elements = {e.id: e for e in model.elements}
    if use_groupings and groupings:
        # Every top-level Grouping is a box or has all its members in earlier boxes
        # (e.g. a reference model, which has a view of its own): none is drawn as a node.
        tops = {g.id for g, _ in groupings}
        elements = {i: e for i, e in elements.items() if i not in tops}
        clusters, _ = _grouping_clusters(model, elements, groupings)
        rels = {r.id: r for r in model.relationships if r.source in elements and r.target in elements}
    else:
        clusters = _layer_clusters(elements)
        rels = {r.id: r for r in model.relationships if r.source in elements and r.target in elements}
    return DiagramView(title=_title(model, "các lớp", "layers"), kind="layered", elements=elements,
                       relationships=rels, clusters=clusters, stacked=True, edge_labels=False)


def _block(model, block_id: str) -> Optional[Element]:
    """The element that is (or implements) framework block ``block_id``."""
    e = model.get(block_id)
    if isinstance(e, Element):
        return e
    for e in model.elements:
        if isinstance(e, LineageFields) and e.implements == block_id:
            return e
    return None


def _scope(e: Element) -> str:
    if isinstance(e, BuildingBlock) and e.scope is not None:
        return e.scope.value
    i = e.id
    if i.startswith(("ext.", "nat.", "sec.national")):
        return "national"
    return "provincial"


def interconnection(model) -> DiagramView:
    """The LGSP as hub: provincial applications, LGSP, NGSP, national systems and databases.

    Shows every ApplicationComponent and every national (or external) DataObject
    with the Flow and Access relationships among them, in five bands from top to
    bottom: provincial applications; the provincial platform (LGSP); the national
    platform (NGSP); national and external systems; national databases. The LGSP and
    NGSP are found by id (``prov.lgsp``, ``ext.ngsp``) or by ``implements``.

    Examples
    --------
    >>> from eaframe.synthetic import synthetic_model
    >>> v = interconnection(synthetic_model(80, seed=0))
    >>> {e.type for e in v.elements.values()} <= {"ApplicationComponent", "DataObject"}
    True
    """
    lgsp = _block(model, "prov.lgsp")
    ngsp = _block(model, "ext.ngsp")
    hubs = {x.id for x in (lgsp, ngsp) if x is not None}
    bands: dict[str, list[str]] = {"apps": [], "lgsp": [], "ngsp": [], "national": [], "external": [], "db": []}
    for e in model.elements:
        if e.id in hubs:
            bands["lgsp" if lgsp is not None and e.id == lgsp.id else "ngsp"].append(e.id)
        elif e.type == "ApplicationComponent":
            s = _scope(e)
            bands["apps" if s == "provincial" else s].append(e.id)
        elif e.type == "DataObject" and (_scope(e) != "provincial" or e.id.startswith("nat.db.")):
            bands["db"].append(e.id)
    labels = {
        "apps": _text("Hệ thống thông tin cấp tỉnh", "Provincial information systems"),
        "lgsp": _text("Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)", "Provincial platform (LGSP)"),
        "ngsp": _text("Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NGSP)", "National platform (NGSP)"),
        "national": _text("Hệ thống thông tin quốc gia", "National information systems"),
        "external": _text("Hệ thống bên ngoài", "External systems"),
        "db": _text("Cơ sở dữ liệu quốc gia", "National databases"),
    }
    elements: dict[str, Element] = {}
    clusters = []
    for key, ids in bands.items():
        if ids:
            clusters.append(Cluster(f"band.{key}", labels[key], tuple(ids)))
            for i in ids:
                elements[i] = model.index[i]
    rels = _relationships_among(model, elements, {"Flow", "Access", "Serving", "Triggering"})
    rels = {k: r for k, r in rels.items()
            if r.type in ("Flow", "Access") or r.source in hubs or r.target in hubs}
    return DiagramView(title=_title(model, "kết nối liên thông", "interconnection"), kind="interconnection",
                       elements=elements, relationships=rels, clusters=clusters, stacked=True)


# --------------------------------------------------------------------------- diff
#: Diagram status of each change kind of :class:`~eaframe.modeldiff.ModelDiff`.
_KIND_STATUS = {"added": "added", "removed": "removed", "modified": "changed", "renamed": "changed",
                "retyped": "changed"}


def _diff_status(d: ModelDiff) -> tuple[dict[str, str], set[str]]:
    """Statuses of the changed elements and relationships of ``d``, and the old ids of renamed ones.

    A renamed concept (matched across ids) is drawn once, under its new id, as changed.
    """
    status: dict[str, str] = {}
    renamed_from: set[str] = set()
    for c in (*d.elements, *d.relationships):
        status[c.id] = _KIND_STATUS[c.kind]
        if c.kind == "renamed" and c.old_id is not None and c.old_id != c.id:
            renamed_from.add(c.old_id)
    return status, renamed_from


def _by_id(new_seq, old_seq, hidden) -> dict:
    """The new concepts by id, then the old ones that are gone from the new version (unless ``hidden``)."""
    out = {c.id: c for c in new_seq}
    for c in old_seq:
        if c.id not in out and c.id not in hidden:
            out[c.id] = c
    return out


def diff_view(old, new, diff: Optional[ModelDiff] = None, only_changes: bool = False) -> DiagramView:
    """Two versions overlaid: added green, removed red dashed, changed amber, unchanged grey.

    Parameters
    ----------
    old, new
        The two :class:`~eaframe.model.ArchitectureModel` versions.
    diff
        The :class:`~eaframe.modeldiff.ModelDiff` of the same pair (by default
        :func:`eaframe.diff` computes it): its change kinds decide the colours
        (added, removed; modified, renamed and retyped are "changed"), and a concept
        matched across ids (renamed, or replaced via ``replaces``) is drawn once,
        under its new id.
    only_changes
        Leave out unchanged elements that touch no changed relationship.

    Like :func:`layered`, the elements are boxed by the framework Groupings when
    the versions have at least three, else by ArchiMate layer.

    Examples
    --------
    >>> from eaframe.synthetic import synthetic_model
    >>> a = synthetic_model(20, seed=1)
    >>> v = diff_view(a, a)
    >>> set(v.status.values())
    {'unchanged'}
    """
    from ..modeldiff import ModelDiff
    from ..modeldiff import diff as model_diff

    if diff is None:
        diff = model_diff(old, new)
    elif not isinstance(diff, ModelDiff):
        raise TypeError(f"diff must be the eaframe.diff(old, new) result (a ModelDiff), not {type(diff).__name__}")
    changed, hidden = _diff_status(diff)
    status = {c.id: "unchanged" for m in (old, new) for c in (*m.elements, *m.relationships)}
    status.update(changed)
    elements: dict[str, Element] = _by_id(new.elements, old.elements, hidden)
    rels: dict[str, Relationship] = _by_id(new.relationships, old.relationships, hidden)
    if only_changes:
        keep = {i for i, e in elements.items() if status.get(i) != "unchanged"}
        for r in rels.values():
            if status.get(r.id) != "unchanged":
                keep.update((r.source, r.target))
        elements = {i: e for i, e in elements.items() if i in keep or e.type == "Grouping"}
    union = SimpleNamespace(elements=list(elements.values()), relationships=list(rels.values()))
    groupings = framework_groupings(union)
    if len(groupings) >= 3:
        clusters, used = _grouping_clusters(union, elements, groupings)
        elements = {i: e for i, e in elements.items() if i not in used}
        # A top-level Grouping that is not a box (e.g. a reference model added, or a
        # framework layer removed) stays a node with its status, without its many
        # membership edges.
        tops = {g.id for g, _ in groupings}
        rels = {i: r for i, r in rels.items() if not (r.type in _MEMBERSHIP and r.source in tops)}
    else:
        clusters = _layer_clusters(elements)
    rels = {i: r for i, r in rels.items() if r.source in elements and r.target in elements}
    ot, nt = old.metadata.title, new.metadata.title
    title = Text(vi=f"{ot.get('vi', fallback=True)} → {nt.get('vi', fallback=True)}",
                 en=f"{ot.get('en', fallback=True)} → {nt.get('en', fallback=True)}")
    return DiagramView(title=title, kind="diff", elements=elements, relationships=rels,
                       clusters=clusters, stacked=True, edge_labels=False,
                       status={i: s for i, s in status.items()
                               if i in elements or i in rels or any(c.id == i for c in clusters)})


# --------------------------------------------------------------------------- findings
def findings_view(model, findings: Iterable[Finding], context: int = 1) -> DiagramView:
    """Elements and relationships named by check findings, highlighted, in their context.

    Parameters
    ----------
    findings
        :class:`eaframe.checks.Finding` records, as :func:`eaframe.checks.run_checks`
        returns them (``report.findings``) or :meth:`~eaframe.checks.Finding.from_dict`
        reads them from a JSON report: their ``elements`` and ``relationships`` are
        highlighted, and each ``missing`` :class:`~eaframe.checks.Edge` is drawn as a
        dashed red edge labelled with the ``rule`` id and the relationship type.
    context
        Also show the elements within this many relationships of a named element
        (Groupings are left out of the context: they would pull in their members).

    Examples
    --------
    >>> from eaframe.synthetic import synthetic_model
    >>> from eaframe.checks import Edge, Finding
    >>> m = synthetic_model(30, seed=0)
    >>> f = Finding("EGOV-R1", "error", "e1 is not connected", ("e1",), missing=(Edge("e1", "Flow", "e2"),))
    >>> v = findings_view(m, [f], context=0)
    >>> sorted(v.elements), v.missing[0].label, v.missing[0].relationship_type
    (['e1', 'e2'], 'EGOV-R1', 'Flow')
    """
    from ..checks import Finding

    named: dict[str, None] = {}
    rel_named: dict[str, None] = {}
    missing: list[MissingEdge] = []
    for f in findings:
        if not isinstance(f, Finding):
            raise TypeError(f"findings must be eaframe.checks.Finding records (build one with Finding(...) or "
                            f"Finding.from_dict(...)), not {type(f).__name__}")
        for i in f.elements:
            if isinstance(model.get(i), Element):
                named[i] = None
        for i in f.relationships:
            r = model.get(i)
            if isinstance(r, Relationship):
                rel_named[i] = None
                for end in (r.source, r.target):
                    if isinstance(model.get(end), Element):
                        named[end] = None
        for edge in f.missing:
            me = MissingEdge(edge.source, edge.target, f.rule, edge.type)
            if isinstance(model.get(me.source), Element) and isinstance(model.get(me.target), Element):
                missing.append(me)
                named.setdefault(me.source, None)
                named.setdefault(me.target, None)
    shown: dict[str, None] = dict(named)
    if context > 0 and named:
        adj: dict[str, list[str]] = {}
        for r in model.relationships:
            adj.setdefault(r.source, []).append(r.target)
            adj.setdefault(r.target, []).append(r.source)
        frontier = list(named)
        for _ in range(context):
            nxt = []
            for n in frontier:
                for m in adj.get(n, ()):
                    c = model.get(m)
                    if m not in shown and isinstance(c, Element) and c.type != "Grouping":
                        shown[m] = None
                        nxt.append(m)
            frontier = nxt
    rank = {e.id: k for k, e in enumerate(model.elements)}
    elements = _elements_by_id(model, sorted(shown, key=rank.__getitem__))
    rels = _relationships_among(model, elements)
    seen_missing: dict[tuple, MissingEdge] = {}
    for me in missing:
        seen_missing.setdefault((me.source, me.target, me.label), me)
    return DiagramView(title=_title(model, "kết quả kiểm tra", "check findings"), kind="findings",
                       elements=elements, relationships=rels, clusters=_layer_clusters(elements), stacked=True,
                       highlighted=frozenset(named) | frozenset(rel_named), missing=list(seen_missing.values()))


# --------------------------------------------------------------------------- dispatch
def build_view(model, view: Optional[str] = None, kind: Optional[str] = None, focus: Optional[str] = None,
               depth: int = 1) -> DiagramView:
    """The view a caller asked for: a stored ``view``, a built-in ``kind``, or the layered default.

    Raises
    ------
    RenderError
        Unknown view or kind, or ``neighbourhood`` without ``focus``.
    """
    from ..exceptions import RenderError

    if view is not None and kind is not None:
        raise RenderError("give either a stored view or a view kind, not both")
    if view is not None:
        return stored_view(model, view)
    kind = kind or ("neighbourhood" if focus else "layered")
    if kind == "layered":
        return layered(model)
    if kind == "interconnection":
        return interconnection(model)
    if kind == "neighbourhood":
        if not focus:
            raise RenderError("the neighbourhood view needs a focus element id (focus=... / --focus ID)")
        return neighbourhood(model, focus, depth=depth)
    raise RenderError(f"unknown view kind {kind!r}; kinds: {', '.join(VIEW_KINDS)} (and diff, findings)")
