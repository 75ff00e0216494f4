"""Indices over a model, built once per check run and shared by every rule.

Rules must be linear in the size of the model, so none of them scans the relationships
for each element. :class:`CheckIndex` builds, in one pass each, the lookups they need:
elements by id and type, adjacency by relationship type (outgoing and incoming), the
undirected Flow neighbourhood (data exchange in either direction counts as
"connected"), the elements realising each framework block (``implements``) and the
building blocks of the e-government conventions (``prov.lgsp``, ``ext.ngsp``...).

Examples
--------
>>> from eaframe import ArchitectureModel
>>> m = ArchitectureModel.build({"title": {"en": "t"}}, elements=[
...     {"id": "prov.lgsp", "type": "ApplicationComponent", "scope": "provincial"},
...     {"id": "a", "type": "ApplicationComponent", "scope": "provincial"}],
...     relationships=[{"id": "f", "type": "Flow", "source": "a", "target": "prov.lgsp"}])
>>> ix = CheckIndex(m)
>>> ix.block("prov.lgsp"), ix.flow_linked("prov.lgsp", "a")
(('prov.lgsp',), True)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property
from typing import Optional

from ..attributes import Scope, Status
from ..elements import BuildingBlock, LineageFields
from ..i18n import alt
from .registry import Edge

__all__ = ["CheckIndex", "is_level4", "is_retired", "meets", "LGSP", "NGSP"]

LGSP = "prov.lgsp"
NGSP = "ext.ngsp"
_EMPTY: dict = {}
_NONE: tuple = ()


def meets(a, b) -> bool:
    """Whether the collections ``a`` and ``b`` share a member (iterating the smaller one).

    Keeps path checks linear when a block has many realisers or a hub many neighbours.

    Examples
    --------
    >>> meets({"x": 1, "y": 2}, frozenset({"y"})), meets({}, frozenset({"y"}))
    (True, False)
    """
    if len(a) > len(b):
        a, b = b, a
    return any(x in b for x in a)


def is_retired(e) -> bool:
    """Whether element ``e`` has status ``retired`` (junctions have no status: never)."""
    return isinstance(e, BuildingBlock) and e.status is Status.RETIRED


def is_level4(e) -> bool:
    """Whether a BusinessService is a level-4 (full) online service.

    Level 4 of Decree 43/2011/NĐ-CP, or, when no level is given, ``service_mode: full``
    of Decree 42/2022/NĐ-CP (level 4 ≈ full, domain reference §8).

    Examples
    --------
    >>> from eaframe.elements import BusinessService
    >>> is_level4(BusinessService(id="s", service_level=4)), is_level4(BusinessService(id="t", service_mode="full"))
    (True, True)
    """
    if e.service_level is not None:
        return e.service_level == 4
    return e.service_mode is not None and e.service_mode.value == "full"


class CheckIndex:
    """The model plus the adjacency indices the rules share (built lazily, once).

    Parameters
    ----------
    model
        The :class:`~eaframe.model.ArchitectureModel` to check (never modified).
    framework_model
        The framework model that ``model.metadata.realises`` names, for the conformance
        rules (``None`` when the model realises none).
    version
        The framework version the rules are selected for (default: the model's own).
    """

    def __init__(self, model, framework_model=None, version: Optional[str] = None):
        self.model = model
        self.framework_model = framework_model
        self.version = version if version is not None else model.metadata.framework_version
        self.elements = {e.id: e for e in model.elements}
        self._directed_cache: dict[str, tuple[dict, dict]] = {}
        self._labels: dict[str, str] = {}

    # ------------------------------------------------------------------ kinds of model
    @cached_property
    def is_framework(self) -> bool:
        """Whether the model is a framework model (blocks carry ``mandatory``, no province)."""
        md = self.model.metadata
        if md.realises or md.province:
            return False
        return any(isinstance(e, BuildingBlock) and e.mandatory is not None for e in self.model.elements)

    # ------------------------------------------------------------------ adjacency
    @cached_property
    def by_type(self) -> dict[str, list]:
        """Relationships grouped by type (one pass; the per-type indices are built from these)."""
        out: dict[str, list] = {}
        for r in self.model.relationships:
            lst = out.get(r.type)
            if lst is None:
                lst = out[r.type] = []
            lst.append(r)
        return out

    def _directed(self, rel_type: str) -> tuple[dict, dict]:
        cache = self._directed_cache
        hit = cache.get(rel_type)
        if hit is None:
            out: dict[str, list] = {}
            inc: dict[str, list] = {}
            for r in self.by_type.get(rel_type, ()):
                s, t, rid = r.source, r.target, r.id
                if s in out:
                    out[s].append((t, rid))
                else:
                    out[s] = [(t, rid)]
                if t in inc:
                    inc[t].append((s, rid))
                else:
                    inc[t] = [(s, rid)]
            hit = cache[rel_type] = (out, inc)
        return hit

    def out(self, rel_type: str, source: str) -> list[tuple[str, str]]:
        """``(target, relationship id)`` of the ``rel_type`` relationships from ``source``."""
        hit = self._directed_cache.get(rel_type) or self._directed(rel_type)
        return hit[0].get(source, _NONE)

    def into(self, rel_type: str, target: str) -> list[tuple[str, str]]:
        """``(source, relationship id)`` of the ``rel_type`` relationships into ``target``."""
        hit = self._directed_cache.get(rel_type) or self._directed(rel_type)
        return hit[1].get(target, _NONE)

    def has_edge(self, rel_type: str, source: str, target: str) -> bool:
        """Whether a ``rel_type`` relationship goes from ``source`` to ``target`` (O(1))."""
        cache = self.__dict__.setdefault("_edge_sets", {})
        edges = cache.get(rel_type)
        if edges is None:
            edges = cache[rel_type] = {(r.source, r.target) for r in self.by_type.get(rel_type, ())}
        return (source, target) in edges

    @cached_property
    def _flow(self) -> dict[str, dict[str, str]]:
        flow: dict[str, dict[str, str]] = {}
        for r in self.by_type.get("Flow", ()):
            s, t, rid = r.source, r.target, r.id
            flow.setdefault(s, {}).setdefault(t, rid)
            flow.setdefault(t, {}).setdefault(s, rid)
        return flow

    def flow_neighbours(self, element_id: str) -> dict[str, str]:
        """Elements exchanging data with ``element_id`` (Flow either way) → a relationship id."""
        return self._flow.get(element_id, _EMPTY)

    def flow_linked(self, a: str, b: str) -> bool:
        """Whether a Flow joins ``a`` and ``b`` in either direction."""
        return b in self._flow.get(a, _EMPTY)

    @cached_property
    def touched(self) -> set[str]:
        """Ids of the concepts that are the source or target of a relationship."""
        rels = self.model.relationships
        out = {r.source for r in rels}
        out.update([r.target for r in rels])
        return out

    def in_relationship(self, concept_id: str) -> bool:
        """Whether ``concept_id`` is the source or target of any relationship."""
        return concept_id in self.touched

    @cached_property
    def types(self) -> dict[str, str]:
        """Element id → ArchiMate type."""
        return {i: e.type for i, e in self.elements.items()}

    # ------------------------------------------------------------------ building blocks
    @cached_property
    def realisers(self) -> dict[str, list[str]]:
        """Framework block id → ids of the (not retired) elements that ``implements`` it."""
        out: dict[str, list[str]] = defaultdict(list)
        for e in self.model.elements:
            if isinstance(e, LineageFields) and e.implements and e.status is not Status.RETIRED:
                out[e.implements].append(e.id)
        return out

    def block(self, block_id: str) -> tuple[str, ...]:
        """Ids of the elements that are building block ``block_id`` of the conventions.

        The element with that id, and every element that ``implements`` it (retired ones
        excluded), in model order.
        """
        ids = list(self.realisers.get(block_id, ()))
        e = self.elements.get(block_id)
        if e is not None and not is_retired(e) and block_id not in ids:
            ids.insert(0, block_id)
        return tuple(ids)

    def is_block(self, element_id: str, block_id: str) -> bool:
        """Whether element ``element_id`` is building block ``block_id``."""
        if element_id == block_id:
            return True
        e = self.elements.get(element_id)
        return isinstance(e, LineageFields) and e.implements == block_id

    @cached_property
    def lgsp(self) -> tuple[str, ...]:
        """The provincial LGSP element(s)."""
        return self.block(LGSP)

    @cached_property
    def ngsp(self) -> tuple[str, ...]:
        """The national NGSP element(s)."""
        return self.block(NGSP)

    @cached_property
    def provincial_components(self) -> list:
        """Provincial information systems: ApplicationComponents with scope provincial, not retired."""
        return [e for e in self.model.elements
                if e.type == "ApplicationComponent" and e.scope is Scope.PROVINCIAL and e.status is not Status.RETIRED]

    # ------------------------------------------------------------------ routes
    def flow_route(self, subject: str, targets: Iterable[str], target_name: str) -> tuple[bool, tuple[Edge, ...]]:
        """Whether ``subject`` exchanges data with one of ``targets``, directly or through the platform.

        A direct Flow counts, and so does a path through the LGSP (``subject`` —
        LGSP — target, or ``subject`` — LGSP — NGSP — target). When there is none, the
        missing hops are returned: those of the platform path when ``subject`` already
        reaches the LGSP, otherwise the direct Flow the conventions prescribe.
        """
        targets = tuple(targets)
        tset = frozenset(targets)
        nb = self.flow_neighbours(subject)
        if meets(nb, tset):
            return True, ()
        lg = [x for x in self.lgsp if x in nb]
        for lx in lg:
            lnb = self.flow_neighbours(lx)
            if meets(lnb, tset):
                return True, ()
            if any(meets(self.flow_neighbours(n), tset) for n in self.ngsp if n in lnb):
                return True, ()
        if lg:
            lx = lg[0]
            ng = self.ngsp[0] if self.ngsp else NGSP
            hops = []
            if not self.flow_linked(lx, ng):
                hops.append(Edge(lx, "Flow", ng))
            hops.append(Edge(ng, "Flow", target_name))
            return False, tuple(hops)
        return False, (Edge(subject, "Flow", target_name),)

    def served_by(self, target: str, providers: tuple[str, ...], via_types=("Serving", "Realization")) -> bool:
        """Whether one of ``providers`` serves ``target``, directly or through one intermediate.

        The path ``provider —Serving→ X —Serving/Realization→ target`` counts (e.g.
        ``prov.sso`` serves the portal, which serves the online service). Linear: the
        set of elements the providers serve is computed once per provider set.
        """
        if not providers:
            return False
        pset, served = self._served_set(tuple(providers))
        for s, _ in self.into("Serving", target):
            if s in pset:
                return True
        for vt in via_types:
            for mid, _ in self.into(vt, target):
                if mid in served:
                    return True
        return False

    def _served_set(self, providers: tuple[str, ...]) -> tuple[frozenset, frozenset]:
        cache = self.__dict__.setdefault("_served_cache", {})
        hit = cache.get(providers)
        if hit is None:
            served = {t for p in providers for t, _ in self.out("Serving", p)}
            hit = cache[providers] = (frozenset(providers), frozenset(served))
        return hit

    def label(self, element_id: str) -> str:
        """``id (English or Vietnamese name)`` for messages; in Vietnamese text, ``id (Vietnamese name)``
        (made once per element and run: the rules' findings share it)."""
        labels = self._labels
        hit = labels.get(element_id)
        if hit is not None:
            return hit
        e = self.elements.get(element_id)
        if e is None:
            return element_id
        name = e.name.get("en", fallback=True)
        vi = e.name.get("vi", fallback=True)
        hit = labels[element_id] = alt(f"{element_id} ({name})" if name and name != element_id else element_id,
                                       vi=f"{element_id} ({vi})" if vi and vi != element_id else element_id)
        return hit
