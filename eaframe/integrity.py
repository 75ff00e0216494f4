"""Model-wide validation rules: unique ids, references that resolve, allowed relationships.

:func:`check_integrity` runs on a validated :class:`~eaframe.model.ArchitectureModel`
and, through :func:`check_raw_integrity`, on the raw dictionaries of a model file
whose fields did not validate, so that a user sees every problem of a file in one run.
It is linear in the size of the model.
"""

from __future__ import annotations

import difflib
import reprlib
from collections.abc import Iterable
from itertools import chain, compress, islice, repeat
from operator import attrgetter
from typing import Any, Optional, cast

from .exceptions import Problem
from .i18n import msg
from .validity import RELATIONSHIP_LETTERS, VALIDITY_CONCEPTS, allowed_relationships, validity_concept

__all__ = ["check_integrity", "check_raw_integrity", "suggest", "preview"]

_MAX_SUGGESTION_POOL = 20000
_KNOWN = frozenset(VALIDITY_CONCEPTS) | {"AndJunction", "OrJunction"}
RELATIONSHIP_TYPE_NAMES = frozenset(RELATIONSHIP_LETTERS.values())
_ID, _TYPE, _SOURCE, _TARGET = (attrgetter(a) for a in ("id", "type", "source", "target"))
_SOURCES, _FIELD_DICT = attrgetter("sources"), attrgetter("__dict__")


def suggest(word: str, choices: Iterable[str]) -> Optional[str]:
    """The closest of ``choices`` to ``word`` (a "did you mean"), or ``None``."""
    pool = list(choices)
    if len(pool) > _MAX_SUGGESTION_POOL:
        prefix = word[:3]
        pool = [c for c in pool if c.startswith(prefix)][:_MAX_SUGGESTION_POOL]
    found = difflib.get_close_matches(word, pool, n=1, cutoff=0.75)
    return found[0] if found else None


def _mean(word: str, choices: Iterable[str]) -> str:
    s = suggest(word, choices)
    return msg(" (did you mean {name}?)", name=_q(s)) if s else ""


def _q(ref: Any) -> str:
    # an id, or whatever stands where an id should (ids are at most 200 characters)
    return preview(ref, 210)


class _Preview(reprlib.Repr):
    """``repr`` that does a bounded amount of work, whatever the size of the value."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel, self.maxdict, self.maxlist, self.maxtuple = 3, 4, 5, 5
        self.maxset = self.maxfrozenset = 4
        self.maxstring, self.maxlong, self.maxother = 60, 40, 60

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 128:  # str() of a huge int is slow, and refused past sys.get_int_max_str_digits()
            return f"<an integer of about {int(x.bit_length() * 0.30103) + 1} digits>"
        return super().repr_int(x, level)

    def repr_dict(self, x: dict, level: int) -> str:
        # reprlib sorts every key first; show the first few in file order instead
        if not x:
            return "{}"
        if level <= 0:
            return "{...}"
        items = [f"{self.repr1(k, level - 1)}: {self.repr1(v, level - 1)}"
                 for k, v in islice(x.items(), self.maxdict)]
        return "{" + ", ".join(items) + (", ...}" if len(x) > self.maxdict else "}")


_PREVIEW = _Preview()


def preview(value: Any, limit: int = 60) -> str:
    """A short ``repr`` of ``value`` for a message, built in bounded time and memory.

    Examples
    --------
    >>> preview(list(range(100)))
    '[0, 1, 2, 3, 4, ...]'
    >>> preview(10 ** 5000)
    '<an integer of about 5001 digits>'
    """
    text = repr(value[:limit]) if isinstance(value, str) else _PREVIEW.repr(value)
    return text if len(text) <= limit and (not isinstance(value, str) or len(value) <= limit) \
        else text[:limit - 3] + "..."


class _Raw:
    """Attribute access over a raw dict, for checking models whose fields failed."""

    __slots__ = ("d",)

    def __init__(self, d: dict):
        self.d = d

    def __getattr__(self, key: str) -> Any:
        value = self.d.get(key)
        if key == "id" and not isinstance(value, str):
            return None  # not an id (field validation reports it); problems then name no id
        return value


def check_integrity(model, strict: bool = True) -> list[Problem]:
    """Check the model-wide rules of a validated model.

    Returns every problem found (errors, and warnings for relationships outside the
    ArchiMate 3.2 table when ``strict`` is false).
    """
    source_ids = set(model.metadata.sources)
    defaults = _check_default_sources(model.metadata.default_sources, source_ids)
    if _looks_valid(model, source_ids):
        return defaults
    return defaults + _check(model.elements, model.relationships, model.views, source_ids, strict)


def _check_default_sources(default_sources: Any, source_ids: set) -> list[Problem]:
    """Problems for ids of ``metadata.default_sources`` that the sources table does not define."""
    if not isinstance(default_sources, list):
        return []
    return [Problem(msg("unknown source id {id} in default_sources; define it under metadata.sources{mean}",
                        id=_q(s), mean=_mean(s, source_ids)), ("metadata", "default_sources", j))
            for j, s in enumerate(default_sources) if isinstance(s, str) and s not in source_ids]


def _looks_valid(model, source_ids: set) -> bool:
    """Fast path for validated models: True when no rule is broken.

    Works over whole columns of the already type-checked fields with C-level
    ``map``/``zip``/set operations (one Python-level step per distinct relationship
    triple, not per relationship); the full :func:`_check` (which explains every
    problem) runs only when this says no.
    """
    elements, relationships, views = model.elements, model.relationships, model.views
    e_ids = list(map(_ID, elements))
    r_ids = list(map(_ID, relationships))
    etype = dict(zip(e_ids, map(_TYPE, elements), strict=False))
    rel_ids = set(r_ids)
    view_ids = {v.id for v in views}
    if len(etype) != len(elements) or len(rel_ids) != len(relationships) or len(view_ids) != len(views):
        return False
    if len(etype) + len(rel_ids) + len(view_ids) != len(etype.keys() | rel_ids | view_ids):
        return False
    sources = list(map(_SOURCE, relationships))
    targets = list(map(_TARGET, relationships))
    st = list(map(etype.get, sources))
    tt = list(map(etype.get, targets))
    if None in st or None in tt:
        # some ends are relationships (or nothing): type them, once, in Python
        for ends, types in ((sources, st), (targets, tt)):
            for i in [i for i, t in enumerate(types) if t is None]:
                ref = ends[i]
                if ref not in rel_ids or ref == r_ids[i]:
                    return False
                types[i] = "Relationship"
    # every None has been replaced by "Relationship" above
    ends_typed = zip(cast("list[str]", st), cast("list[str]", tt), map(_TYPE, relationships), strict=False)
    for s, t, rtype in set(ends_typed):
        if rtype not in allowed_relationships(s, t):
            return False
    for concepts in (relationships, elements):
        if any(map(_SOURCES, concepts)) and not source_ids.issuperset(chain.from_iterable(map(_SOURCES, concepts))):
            return False
    # Fields that only some element types have (junctions have no owner, most types no
    # dossier counts) are read from each object's field dict, C-level over the column:
    # a missing attribute would go through pydantic's Python-level __getattr__.
    fields: list[dict[str, Any]] = list(map(_FIELD_DICT, elements))
    owners = set(map(dict.get, fields, repeat("owner")))
    owners.discard(None)
    if owners and not etype.keys() >= owners:
        return False
    online = list(map(dict.get, fields, repeat("dossiers_online")))
    if any(online):
        # only elements with a positive online count can exceed their total
        for e in compress(elements, online):
            if e.dossiers_total is not None and e.dossiers_online > e.dossiers_total:
                return False
    for v in views:
        if not etype.keys() >= set(v.elements):
            return False
        if v.relationships is not None and not rel_ids.issuperset(v.relationships):
            return False
        if getattr(v, "diagram", None) is not None:
            return False  # diagram references are checked (and explained) by the full pass
    return True


def check_raw_integrity(data: Any, strict: bool = True) -> list[Problem]:
    """The same rules over the raw (parsed, not yet validated) content of a model file.

    Entries that are not mappings, or lack an id, are skipped: field validation reports
    those.
    """
    if not isinstance(data, dict):
        return []

    def entries(key: str) -> list:
        seq = data.get(key)
        if not isinstance(seq, list):
            return []
        return [_Raw(x) if isinstance(x, dict) else None for x in seq]

    md = data.get("metadata")
    sources = md.get("sources") if isinstance(md, dict) else None
    # keys that are not text are pydantic's problem to report; they are no source ids
    source_ids = {k for k in sources if isinstance(k, str)} if isinstance(sources, dict) else set()
    defaults = _check_default_sources(md.get("default_sources") if isinstance(md, dict) else None, source_ids)
    return defaults + _check(entries("elements"), entries("relationships"), entries("views"), source_ids, strict)


def _is_str(x: Any) -> bool:
    return isinstance(x, str) and bool(x)


def _check(elements, relationships, views, source_ids: set, strict: bool) -> list[Problem]:
    problems: list[Problem] = []
    add = problems.append
    first: dict[str, tuple] = {}
    element_type: dict[str, str] = {}
    rel_ids: set[str] = set()

    for kind, seq in (("elements", elements), ("relationships", relationships), ("views", views)):
        for i, c in enumerate(seq):
            if c is None or not _is_str(c.id):
                continue
            cid = c.id
            if cid in first:
                k, j = first[cid]
                add(Problem(msg("duplicate id {id}: already used by {where}; ids must be unique across "
                                "elements, relationships and views", id=_q(cid), where=f"{k}[{j}]"),
                            (kind, i, "id"), cid))
                continue
            first[cid] = (kind, i)
            if kind == "elements":
                element_type[cid] = c.type if isinstance(c.type, str) else ""
            elif kind == "relationships":
                rel_ids.add(cid)

    def endpoint_type(ref: str) -> Optional[str]:
        if ref in element_type:
            return element_type[ref]
        if ref in rel_ids:
            return "Relationship"
        return None

    def check_sources(c, kind: str, i: int) -> None:
        refs = c.sources
        if not refs or not isinstance(refs, (list, tuple)):
            return
        for j, s in enumerate(refs):
            if isinstance(s, str) and s not in source_ids:
                add(Problem(msg("unknown source id {id}; define it under metadata.sources{mean}", id=_q(s),
                                mean=_mean(s, source_ids)), (kind, i, "sources", j), c.id))

    for i, e in enumerate(elements):
        if e is None:
            continue
        # getattr: raw entries and element types without these fields (junctions) alike
        owner = getattr(e, "owner", None)
        if isinstance(owner, str) and owner and owner not in element_type:
            add(Problem(msg("owner {id} is not an element of this model{mean}", id=_q(owner),
                            mean=_mean(owner, element_type)), ("elements", i, "owner"), e.id))
        check_sources(e, "elements", i)
        tot, onl = getattr(e, "dossiers_total", None), getattr(e, "dossiers_online", None)
        if isinstance(tot, int) and isinstance(onl, int) and onl > tot:
            add(Problem(msg("dossiers_online ({online}) is greater than dossiers_total ({total}); it counts a part "
                            "of the total", online=_q(onl), total=_q(tot)), ("elements", i, "dossiers_online"), e.id))

    for i, r in enumerate(relationships):
        if r is None:
            continue
        ends: list[Optional[str]] = []
        for end in ("source", "target"):
            ref = getattr(r, end)
            if not _is_str(ref):
                ends.append(None)
                continue
            t = endpoint_type(ref)
            if t is None:
                add(Problem(msg("source {id} is not an element or relationship of this model{mean}" if end == "source"
                                else "target {id} is not an element or relationship of this model{mean}",
                                id=_q(ref), mean=_mean(ref, first)), ("relationships", i, end), r.id))
            elif ref == r.id:
                add(Problem(msg("a relationship cannot be its own source" if end == "source" else
                                "a relationship cannot be its own target"), ("relationships", i, end), r.id))
                t = None
            ends.append(t)
        check_sources(r, "relationships", i)
        st, tt = ends
        rtype = r.type
        if st in _KNOWN and tt in _KNOWN and isinstance(rtype, str) and rtype in RELATIONSHIP_TYPE_NAMES:
            allowed = allowed_relationships(st, tt)
            if rtype not in allowed:
                ok = ", ".join(sorted(allowed)) or msg("none")
                add(Problem(
                    msg("{type} from {source_type} {source} to {target_type} {target} is not allowed by ArchiMate 3.2; "
                        "allowed from {source_type} to {target_type}: {allowed}", type=rtype,
                        source_type=validity_concept(st), source=_q(r.source), target_type=validity_concept(tt),
                        target=_q(r.target), allowed=ok),
                    ("relationships", i, "type"), r.id, severity="error" if strict else "warning"))

    for i, v in enumerate(views):
        if v is None:
            continue
        els = v.elements if isinstance(v.elements, list) else []
        for j, ref in enumerate(els):
            if isinstance(ref, str) and ref not in element_type:
                add(Problem(msg("view element {id} is not an element of this model{mean}", id=_q(ref),
                                mean=_mean(ref, element_type)), ("views", i, "elements", j), v.id))
        rels = v.relationships if isinstance(v.relationships, list) else []
        for j, ref in enumerate(rels):
            if isinstance(ref, str) and ref not in rel_ids:
                add(Problem(msg("view relationship {id} is not a relationship of this model{mean}", id=_q(ref),
                                mean=_mean(ref, rel_ids)), ("views", i, "relationships", j), v.id))
        diagram = getattr(v, "diagram", None) if not isinstance(v, _Raw) else None
        if diagram is not None:
            _check_diagram(diagram, i, v.id, first, element_type, rel_ids, add)
    return problems


def _check_diagram(diagram, i: int, view_id: str, first: dict, element_type: dict, rel_ids: set, add) -> None:
    """Diagram references resolve and node/connection ids are unique model-wide."""
    view_ids = {cid for cid, (kind, _) in first.items() if kind == "views"}
    local: set[str] = set()
    where = ("views", i, "diagram")
    for n in diagram.walk():
        if n.id in first or n.id in local:
            add(Problem(msg("diagram node id {id!r} is already used; node and connection ids share the id space of "
                            "elements, relationships and views", id=n.id), where, view_id))
        local.add(n.id)
        if n.element is not None and n.element not in element_type:
            add(Problem(msg("diagram node {id!r} shows {element!r}, which is not an element of this model{mean}",
                            id=n.id, element=n.element, mean=_mean(n.element, element_type)), where, view_id))
        for ref in n.view_refs:
            if ref not in view_ids:
                add(Problem(msg("diagram node {id!r} links to {ref!r}, which is not a view of this model", id=n.id,
                                ref=ref), where, view_id))
    nodes = set(local)
    for c in diagram.connections:
        if c.id in first or c.id in local:
            add(Problem(msg("diagram connection id {id!r} is already used; ids must be unique", id=c.id), where,
                        view_id))
        local.add(c.id)
        if c.relationship is not None and c.relationship not in rel_ids:
            add(Problem(msg("diagram connection {id!r} draws {rel!r}, which is not a relationship of this "
                            "model{mean}", id=c.id, rel=c.relationship, mean=_mean(c.relationship, rel_ids)),
                        where, view_id))
        for ref in c.view_refs:
            if ref not in view_ids:
                add(Problem(msg("diagram connection {id!r} links to {ref!r}, which is not a view of this model",
                                id=c.id, ref=ref), where, view_id))
    conn_ids = {c.id for c in diagram.connections}
    for c in diagram.connections:
        for end in (c.source, c.target):
            if end is not None and end not in nodes and end not in conn_ids:
                add(Problem(msg("diagram connection {id!r} ends at {end!r}, which is not a node or connection of "
                                "this diagram", id=c.id, end=end), where, view_id))
