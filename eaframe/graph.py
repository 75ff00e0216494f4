"""The graph view of a model: :func:`to_graph` and query helpers.

The graph is derived from the model (the model stays the source of truth): a
``networkx.MultiDiGraph`` with one node per element, keyed by element id, and one
edge per relationship, keyed by relationship id. Node attributes: ``concept`` (the
element object), ``type``, ``layer``. Edge attributes: ``concept`` (the relationship
object), ``type``. A relationship whose source or target is another relationship is
kept in ``G.graph["relationship_links"]`` (networkx edges join nodes only).

Examples
--------
>>> from eaframe.synthetic import synthetic_model
>>> G = to_graph(synthetic_model(50, seed=2))
>>> G.number_of_nodes()
50
>>> G.number_of_edges()
100
>>> all(G.nodes[n]["type"] == "Node" for n in elements_by_type(G, "Node"))
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Optional, Union

import networkx as nx

from ._args import expect_model
from ._gc import no_gc
from .attributes import property_items
from .elements import Layer

__all__ = [
    "to_graph",
    "to_graph_reference",
    "elements_by_type",
    "elements_by_layer",
    "elements_by_property",
    "neighbours",
    "find_paths",
    "has_path",
]


def to_graph(model) -> nx.MultiDiGraph:
    """Build the ``networkx.MultiDiGraph`` of a model.

    Parameters
    ----------
    model
        An :class:`~eaframe.model.ArchitectureModel`.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes = element ids, edges ``(source, target, key=relationship id)``.
        ``G.graph`` holds ``metadata`` and ``relationship_links`` (relationships
        attached to relationships, as ``(id, source, target, type)`` tuples).
    """
    expect_model(model, "to_graph")
    with no_gc():
        return _build_graph(model)


def _build_graph(model) -> nx.MultiDiGraph:
    # Public networkx API only: nodes and edges in bulk, each with its attribute dict.
    G = nx.MultiDiGraph()
    G.graph["metadata"] = model.metadata
    G.add_nodes_from((e.id, {"concept": e, "type": e.type, "layer": e.layer}) for e in model.elements)
    nodes = {e.id for e in model.elements}
    links = []

    def edges():
        for r in model.relationships:
            u, v = r.source, r.target
            if u in nodes and v in nodes:
                yield u, v, r.id, {"concept": r, "type": r.type}
            else:
                links.append((r.id, u, v, r.type))

    G.add_edges_from(edges())
    G.graph["relationship_links"] = links
    return G


def to_graph_reference(model) -> nx.MultiDiGraph:
    """:func:`to_graph` built one edge at a time (for tests)."""
    G = nx.MultiDiGraph()
    G.graph["metadata"] = model.metadata
    G.add_nodes_from((e.id, {"concept": e, "type": e.type, "layer": e.layer}) for e in model.elements)
    links = []
    for r in model.relationships:
        if r.source in G and r.target in G:
            G.add_edge(r.source, r.target, key=r.id, concept=r, type=r.type)
        else:
            links.append((r.id, r.source, r.target, r.type))
    G.graph["relationship_links"] = links
    return G


def elements_by_type(G: nx.MultiDiGraph, *type_names: str) -> list[str]:
    """Ids of elements whose ArchiMate type is one of ``type_names``."""
    wanted = set(type_names)
    return [n for n, t in G.nodes(data="type") if t in wanted]


def elements_by_layer(G: nx.MultiDiGraph, layer: Union[Layer, str]) -> list[str]:
    """Ids of elements in ArchiMate ``layer`` (e.g. ``"application"``)."""
    layer = Layer(layer)
    return [n for n, lay in G.nodes(data="layer") if lay is layer]


def elements_by_property(G: nx.MultiDiGraph, name: str, value: object = ...) -> list[str]:
    """Ids of elements with a typed attribute or free property ``name`` (equal to ``value``).

    ``name`` may be a typed field (``security_level``, ``status``...) or a key of
    ``properties``. Without ``value``, any non-empty value matches.

    Examples
    --------
    >>> from eaframe.synthetic import synthetic_model
    >>> G = to_graph(synthetic_model(100, seed=3))
    >>> all(G.nodes[n]["concept"].security_level == 5 for n in elements_by_property(G, "security_level", 5))
    True
    """
    out = []
    for n, e in G.nodes(data="concept"):
        v = getattr(e, name, None) if name in type(e).model_fields else e.properties.get(name)
        if hasattr(v, "value") and not isinstance(v, (int, float, str)):
            v = v.value  # type: ignore[union-attr]  # hasattr checked it (a Target, for instance)
        if value is ...:
            if v not in (None, "", [], {}):
                out.append(n)
        elif v == value or (isinstance(value, str) and str(v) == value) or \
                (isinstance(v, (list, dict)) and any(text == value for _, text in property_items(v))):
            out.append(n)
    return out


def neighbours(
    G: nx.MultiDiGraph,
    element_id: str,
    relationship_types: Optional[Iterable[str]] = None,
    direction: str = "both",
) -> list[str]:
    """Ids of elements joined to ``element_id`` by relationships of the given types.

    Parameters
    ----------
    direction
        ``"out"`` (element is the source), ``"in"`` (element is the target) or ``"both"``.
    """
    _expect_graph(G, "neighbours")
    if direction not in ("in", "out", "both"):
        raise ValueError("direction must be 'in', 'out' or 'both'")
    types = set(relationship_types) if relationship_types is not None else None
    seen: dict[str, None] = {}
    if direction in ("out", "both"):
        for _, v, t in G.out_edges(element_id, data="type"):
            if types is None or t in types:
                seen[v] = None
    if direction in ("in", "both"):
        for u, _, t in G.in_edges(element_id, data="type"):
            if types is None or t in types:
                seen[u] = None
    return list(seen)


def _expect_graph(G: object, function: str) -> None:
    """Raise ``TypeError`` unless ``G`` is a networkx graph (a model gets the fix: its graph)."""
    if isinstance(G, nx.Graph):
        return
    hint = "; build it with G = eaframe.to_graph(model)" if hasattr(G, "elements") else ""
    raise TypeError(f"{function}() takes the networkx graph of a model, not {type(G).__name__}{hint}")


def _restricted(G: nx.MultiDiGraph, relationship_types: Optional[Iterable[str]], directed: bool):
    types = set(relationship_types) if relationship_types is not None else None
    if types is None:
        H = G
    else:
        H = nx.subgraph_view(G, filter_edge=lambda u, v, k: G.edges[u, v, k]["type"] in types)
    return H if directed else H.to_undirected(as_view=True)


def has_path(G: nx.MultiDiGraph, source: str, target: str,
             relationship_types: Optional[Iterable[str]] = None, directed: bool = True) -> bool:
    """Whether ``target`` can be reached from ``source`` over the given relationship types."""
    _expect_graph(G, "has_path")
    return nx.has_path(_restricted(G, relationship_types, directed), source, target)


def find_paths(G: nx.MultiDiGraph, source: str, target: str,
               relationship_types: Optional[Iterable[str]] = None,
               directed: bool = True, cutoff: Optional[int] = 6) -> Iterator[list[str]]:
    """Simple paths (lists of element ids) from ``source`` to ``target``, shortest first."""
    _expect_graph(G, "find_paths")
    H = _restricted(G, relationship_types, directed)
    D = nx.DiGraph(H) if directed else nx.Graph(H)
    if source not in D or target not in D:
        return
    try:
        for p in nx.shortest_simple_paths(D, source, target):
            if cutoff is not None and len(p) - 1 > cutoff:
                return
            yield p
    except nx.NetworkXNoPath:
        return
