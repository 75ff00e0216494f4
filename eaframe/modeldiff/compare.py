"""Computing the diff of two models: :func:`diff`.

The comparison is linear in the size of the models: concepts are indexed by id,
unchanged concepts are recognised by one equality test, and only the changed ones
(and the unmatched ones, for rename detection) are examined field by field.

Examples
--------
>>> import eaframe
>>> old = eaframe.loads('''
... metadata: {title: {en: v1}}
... elements:
... - {id: prov.lgsp, type: ApplicationComponent, name: {vi: 'Nền tảng chia sẻ, tích hợp dùng chung cấp tỉnh'}}
... ''')
>>> new = eaframe.loads('''
... metadata: {title: {en: v2}}
... elements:
... - {id: prov.lgsp, type: ApplicationComponent, name: {vi: 'Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh'}}
... - {id: ext.ngsp, type: ApplicationComponent, name: {en: NGSP}}
... ''')
>>> d = diff(old, new)
>>> [(c.status, c.id) for c in d.elements]
[('A', 'ext.ngsp'), ('M', 'prov.lgsp')]
>>> d.get("prov.lgsp").fields[0].field
'name.vi'
>>> [fc.field for fc in d.metadata]
['title.en']
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from operator import itemgetter
from typing import Any, Optional

from .._gc import bulk_gc_pause_enabled
from ..elements import BuildingBlock, LineageFields
from .match import DEFAULT_THRESHOLD, match_relationships, match_replaces, similar_pairs
from .model import Change, FieldChange, ModelDiff, weakest_confidence

__all__ = ["diff", "compare_data", "without_gc", "MEMBERSHIP_TYPES", "REFERENCE_FIELDS"]

#: Relationship types from a Grouping that make an element a member of it.
MEMBERSHIP_TYPES = frozenset({"Aggregation", "Composition"})

#: Fields that hold ids of concepts of the same model; :func:`eaframe.apply` translates
#: them through the renames of a diff. (``implements`` and ``replaces`` name concepts
#: of *other* models and are compared as they are.)
REFERENCE_FIELDS: dict[str, tuple[str, ...]] = {
    "element": ("owner",),
    "relationship": ("source", "target"),
    "view": ("elements", "relationships"),
}

_FIRST = ("type", "name")


def without_gc(fn, *args):
    """Call ``fn(*args)``, with Python's cyclic garbage collector paused if the application opted in.

    Without :func:`eaframe._gc.set_bulk_gc_pause` (the default) the collector is left
    alone. With it, unlike a context manager, nothing is allocated after the collector
    is re-enabled, so a collection that is due (for objects created by earlier work,
    e.g. a model loaded just before) does not start inside this call but at the
    caller's next allocation.
    """
    if not bulk_gc_pause_enabled():
        return fn(*args)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return fn(*args)
    finally:
        if enabled:
            gc.enable()


def _dump(obj) -> dict:
    return obj.model_dump(mode="json")


def compare_data(old: Any, new: Any, path: tuple[str, ...] = (), out: Optional[list] = None) -> list[FieldChange]:
    """Field changes between two plain-data values (as dumped with ``mode="json"``).

    Mappings are compared key by key (a missing key counts as ``None``); anything else
    (text, numbers, lists) is compared as a whole.

    Examples
    --------
    >>> [(fc.field, fc.old, fc.new) for fc in compare_data({"a": 1, "p": {"x": "1"}}, {"a": 2, "p": {"y": "2"}})]
    [('a', 1, 2), ('p.x', '1', None), ('p.y', None, '2')]
    """
    if out is None:
        out = []
    if old == new:
        return out
    if isinstance(old, dict) and isinstance(new, dict):
        keys = list(old)
        keys += [k for k in new if k not in old]
        if not path:
            keys = [k for k in _FIRST if k in keys] + [k for k in keys if k not in _FIRST]
        for k in keys:
            compare_data(old.get(k), new.get(k), path + (k,), out)
    else:
        out.append(FieldChange(path, old, new))
    return out


def _owner_renamed(e, fwd: dict) -> bool:
    """Whether element ``e`` has an owner that the diff renames (junctions have no owner)."""
    return isinstance(e, BuildingBlock) and e.owner is not None and e.owner in fwd


# Per concept class: the number of its fields and a getter of all of them but ``name``.
_OTHER_FIELDS: dict[type, tuple[int, Callable[[dict], Any]]] = {}


def _other_fields(cls: type) -> tuple[int, Callable[[dict], Any]]:
    found = _OTHER_FIELDS.get(cls)
    if found is None:
        fields = list(cls.model_fields)  # type: ignore[attr-defined]
        others = [f for f in fields if f != "name"]
        getter = itemgetter(*others) if others else (lambda d: ())
        found = _OTHER_FIELDS[cls] = (len(fields), getter)
    return found


def same_concept(o, n) -> bool:
    """Equality of two concepts: ``type(o) is type(n) and o.__dict__ == n.__dict__`` (their
    fields; concepts have no private state), faster: the fields other than the name as one
    tuple compared in C, then the names (:class:`~eaframe.attributes.Text` compares its
    fields without making a ``__dict__`` for an unset name). Anything unusual (a
    ``__dict__`` without exactly the class's fields) takes the plain comparison.
    """
    cls = type(o)
    if cls is not type(n):
        return False
    a, b = o.__dict__, n.__dict__
    count, others = _OTHER_FIELDS.get(cls) or _other_fields(cls)
    if len(a) != count or len(b) != count or "name" not in a or "name" not in b:
        return a == b
    try:
        if not others(a) == others(b):
            return False
    except KeyError:
        return a == b
    x, y = a["name"], b["name"]
    return x is y or bool(x == y)


def _info(model) -> dict:
    md = model.metadata
    info = {"title": md.title.model_dump(mode="json", exclude_none=True, exclude_defaults=True)}
    if md.framework_version:
        info["framework_version"] = md.framework_version
    if md.province:
        info["province"] = md.province.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return info


def _name(obj) -> dict:
    # vi and en; a name without a language (exchange text without xml:lang) as "untagged"
    name = obj.name
    out = {}
    if value := name.vi:
        out["vi"] = value
    if value := name.en:
        out["en"] = value
    if value := name.untagged:
        out["untagged"] = value
    return out


def _map_ref(value, fwd: dict):
    if isinstance(value, list):
        return [fwd.get(v, v) for v in value]
    if value is None:
        return None
    return fwd.get(value, value)


def _ref_fields(subject: str, o, n, fwd: dict, back: dict) -> list[FieldChange]:
    """Changes of reference fields, ignoring those that only follow a rename."""
    out = []
    for f in REFERENCE_FIELDS[subject]:
        # getattr with a default: a retyped element may gain or lose the field (e.g. a junction has no owner)
        ov, nv = getattr(o, f, None), getattr(n, f, None)
        if ov == nv and _map_ref(ov, fwd) == nv:
            continue
        if _map_ref(ov, fwd) == nv and _map_ref(nv, back) == ov:
            continue
        out.append(FieldChange((f,), ov, nv))
    return out


def _field_changes(subject: str, o, n, fwd: dict, back: dict) -> list[FieldChange]:
    refs = REFERENCE_FIELDS[subject]
    skip = {"id", *refs}
    a, b = o.__dict__, n.__dict__
    differing = {k for k, v in a.items() if k not in skip and (k not in b or b[k] != v)}
    differing.update(k for k in b if k not in a and k not in skip)
    changes = compare_data(o.model_dump(mode="json", include=differing), n.model_dump(mode="json", include=differing)) \
        if differing else []
    changes += _ref_fields(subject, o, n, fwd, back)
    return changes


def _memberships(model) -> dict[str, list[str]]:
    """Element id → sorted ids of the Groupings that aggregate or compose it."""
    groupings = {e.id for e in model.elements if e.type == "Grouping"}
    out: dict[str, set] = {}
    if not groupings:
        return {}
    for r in model.relationships:
        if r.type in MEMBERSHIP_TYPES and r.source in groupings:
            out.setdefault(r.target, set()).add(r.source)
    return {k: sorted(v) for k, v in out.items()}


def _neighbours(model, ids: set) -> dict[str, set]:
    out: dict[str, set] = {i: set() for i in ids}
    if not ids:
        return out
    for r in model.relationships:
        if r.source in ids:
            out[r.source].add(r.target)
        if r.target in ids:
            out[r.target].add(r.source)
    return out


def _matched(old_seq, new_seq, new_pos: dict, fwd: dict) -> tuple[list, list, bool]:
    """The old concepts that keep their id and, at the same index, their new versions, and
    whether the concepts both versions share (kept or renamed, ``fwd``) changed order.

    Two flat lists rather than a list of pairs: no object allocated per concept (a pair is
    one the garbage collector tracks, 300,000 of them at 100k elements)."""
    kept_old: list = []
    kept_new: list = []
    keep_old, keep_new = kept_old.append, kept_new.append
    last, reordered = -1, False
    get, renamed = new_pos.get, fwd.get
    for o in old_seq:
        j = get(o.id)
        if j is None:
            nid = renamed(o.id)
            if nid is None:
                continue
            j = new_pos[nid]
        else:
            keep_old(o)
            keep_new(new_seq[j])
        if j < last:
            reordered = True
        last = j
    return kept_old, kept_new, reordered


def diff(old, new, detect_renames: bool = True, threshold: float = DEFAULT_THRESHOLD) -> ModelDiff:
    """What changed from ``old`` to ``new``, as a :class:`~eaframe.modeldiff.model.ModelDiff`.

    Parameters
    ----------
    old, new
        Two :class:`~eaframe.model.ArchitectureModel` versions (not modified).
    detect_renames
        Match unmatched elements of the same type by name and neighbour similarity
        (reported as ``renamed`` with a score). Ids and ``replaces`` declarations are
        always used.
    threshold
        Minimum similarity score (0–1) for rename detection.

    Returns
    -------
    ModelDiff
        Falsy when the models do not differ.

    Examples
    --------
    >>> import eaframe
    >>> a = eaframe.synthetic_model(30, seed=3)
    >>> bool(diff(a, a))
    False
    """
    from .._args import expect_model

    expect_model(old, "diff", "old")
    expect_model(new, "diff", "new")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
    return without_gc(_diff, old, new, detect_renames, threshold)


def _diff(old, new, detect_renames: bool, threshold: float) -> ModelDiff:
    old_elements, new_elements = old.elements, new.elements
    # ids → list positions; the unmatched ids come from set differences of the keys (C
    # speed), put back in model order so that every later step is deterministic
    o_pos = {e.id: i for i, e in enumerate(old_elements)}
    n_pos = {e.id: i for i, e in enumerate(new_elements)}

    # --- element matching: id, replaces, similarity
    o_un = {k: old_elements[o_pos[k]] for k in sorted(o_pos.keys() - n_pos.keys(), key=o_pos.__getitem__)}
    n_un = {k: new_elements[n_pos[k]] for k in sorted(n_pos.keys() - o_pos.keys(), key=n_pos.__getitem__)}
    pairs: dict[str, tuple[str, Optional[str], Optional[float]]] = {}  # old id -> (other new id, match, score)
    for oid, nid in match_replaces(o_un, n_un):
        pairs[oid] = (nid, "replaces", None)
        del o_un[oid]
        del n_un[nid]
    if detect_renames and o_un and n_un:
        o_nb = _neighbours(old, set(o_un))
        n_nb = _neighbours(new, set(n_un))
        id_map = {k: v[0] for k, v in pairs.items()}
        for oid, nid, score in similar_pairs(list(o_un.values()), list(n_un.values()), o_nb, n_nb, id_map, threshold):
            pairs[oid] = (nid, "similarity", score)
            del o_un[oid]
            del n_un[nid]
    fwd = {k: v[0] for k, v in pairs.items()}

    # --- relationship matching: id, then (source, type, target)
    old_rels, new_rels = old.relationships, new.relationships
    ro_pos = {r.id: i for i, r in enumerate(old_rels)}
    rn_pos = {r.id: i for i, r in enumerate(new_rels)}
    ro_un = {k: old_rels[ro_pos[k]] for k in sorted(ro_pos.keys() - rn_pos.keys(), key=ro_pos.__getitem__)}
    rn_un = {k: new_rels[rn_pos[k]] for k in sorted(rn_pos.keys() - ro_pos.keys(), key=rn_pos.__getitem__)}
    rfwd: dict[str, str] = {}
    if ro_un and rn_un:
        for oid, nid in match_relationships(ro_un, rn_un, fwd):
            rfwd[oid] = nid
            del ro_un[oid]
            del rn_un[nid]
    all_fwd = {**fwd, **rfwd}
    all_back = {v: k for k, v in all_fwd.items()}

    # --- element changes
    o_mem = _memberships(old)
    n_mem = _memberships(new)
    changes: list[Change] = []
    none = ()

    def element_change(o, n, how: Optional[str], score: Optional[float]) -> None:
        oid, nid = o.id, n.id
        om, nm = o_mem.get(oid, none), n_mem.get(nid, none)
        members_same = (not om and not nm) or sorted(fwd.get(g, g) for g in om) == list(nm)
        if oid == nid and members_same and not _owner_renamed(o, all_fwd) and same_concept(o, n):
            return
        fields = _field_changes("element", o, n, all_fwd, all_back)
        if not members_same:
            fields.append(FieldChange(("member_of",), list(om), list(nm)))
        if oid != nid:
            kind = "renamed"
        elif o.type != n.type:
            kind = "retyped"
        elif fields:
            kind = "modified"
        else:
            return
        changes.append(Change(kind, "element", nid, n.type, _name(n), old_id=oid, old_type=o.type,
                              layer=n.layer.value, fields=tuple(fields), match=how, score=score,
                              confidence=weakest_confidence(o.confidence, n.confidence)))

    # The changes of the elements matched by id. The fast path (same fields, no group
    # membership, owner not renamed) is inlined: it runs for every element.
    kept_old, kept_new, reordered = _matched(old_elements, new_elements, n_pos, fwd)
    for o, n in zip(kept_old, kept_new, strict=True):
        if (same_concept(o, n) and o.id not in o_mem and o.id not in n_mem
                and not (all_fwd and _owner_renamed(o, all_fwd))):
            continue
        element_change(o, n, None, None)
    for oid, (nid, how, pair_score) in pairs.items():
        element_change(old_elements[o_pos[oid]], new_elements[n_pos[nid]], how, pair_score)
    replaced_by: dict[str, list[str]] = {}
    if o_un:
        for n in new_elements:
            for x in (n.replaces if isinstance(n, LineageFields) else ()):
                if x in o_un:
                    replaced_by.setdefault(x, []).append(n.id)
    for oid, o in o_un.items():
        changes.append(Change("removed", "element", oid, o.type, _name(o), old_id=oid, old_type=o.type,
                              layer=o.layer.value, old_data=_dump(o), old_position=o_pos[oid],
                              replaced_by=tuple(replaced_by.get(oid, ())),
                              confidence=weakest_confidence(o.confidence)))
    for nid, n in n_un.items():
        changes.append(Change("added", "element", nid, n.type, _name(n), layer=n.layer.value,
                              new_data=_dump(n), new_position=n_pos[nid],
                              confidence=weakest_confidence(n.confidence)))
    changes.sort(key=Change.sort_key)

    # --- relationship changes
    rchanges: list[Change] = []
    def relationship_change(o, n, how) -> None:
        oid, nid = o.id, n.id
        if oid == nid and o.source not in all_fwd and o.target not in all_fwd and same_concept(o, n):
            return
        fields = _field_changes("relationship", o, n, all_fwd, all_back)
        if oid != nid:
            kind = "renamed"
        elif o.type != n.type:
            kind = "retyped"
        elif fields:
            kind = "modified"
        else:
            return
        rchanges.append(Change(kind, "relationship", nid, n.type, _name(n), old_id=oid, old_type=o.type,
                               source=n.source, target=n.target, fields=tuple(fields), match=how,
                               confidence=weakest_confidence(o.confidence, n.confidence)))

    r_kept_old, r_kept_new, r_reordered = _matched(old_rels, new_rels, rn_pos, rfwd)
    for o, n in zip(r_kept_old, r_kept_new, strict=True):
        if same_concept(o, n) and o.source not in all_fwd and o.target not in all_fwd:
            continue
        relationship_change(o, n, None)
    for oid, nid in rfwd.items():
        relationship_change(old_rels[ro_pos[oid]], new_rels[rn_pos[nid]], "endpoints")
    for oid, o in ro_un.items():
        rchanges.append(Change("removed", "relationship", oid, o.type, _name(o), old_id=oid, old_type=o.type,
                               source=o.source, target=o.target, old_data=_dump(o), old_position=ro_pos[oid],
                               confidence=weakest_confidence(o.confidence)))
    for nid, n in rn_un.items():
        rchanges.append(Change("added", "relationship", nid, n.type, _name(n), source=n.source, target=n.target,
                               new_data=_dump(n), new_position=rn_pos[nid],
                               confidence=weakest_confidence(n.confidence)))
    rchanges.sort(key=Change.sort_key)

    # --- views (matched by id)
    ov = {v.id: v for v in old.views}
    nv = {v.id: v for v in new.views}
    vchanges: list[Change] = []
    for i, v in enumerate(old.views):
        if v.id not in nv:
            vchanges.append(Change("removed", "view", v.id, None, _name(v), old_id=v.id, old_data=_dump(v), old_position=i))
            continue
        n = nv[v.id]
        refs_follow = any(x in all_fwd for x in v.elements) or any(x in all_fwd for x in (v.relationships or ()))
        if v == n and not refs_follow:
            continue
        fields = _field_changes("view", v, n, all_fwd, all_back)
        if fields:
            vchanges.append(Change("modified", "view", v.id, None, _name(n), old_id=v.id, fields=tuple(fields)))
    for i, v in enumerate(new.views):
        if v.id not in ov:
            vchanges.append(Change("added", "view", v.id, None, _name(v), new_data=_dump(v), new_position=i))
    vchanges.sort(key=Change.sort_key)

    # --- metadata
    meta = compare_data(old.metadata.model_dump(mode="json"), new.metadata.model_dump(mode="json"))

    # --- order (not reported; carried so that apply is exact)
    order: dict = {}
    views_moved = _matched(old.views, new.views, {v.id: i for i, v in enumerate(new.views)}, {})[2]
    found = {
        "elements": (old_elements, new_elements) if reordered else None,
        "relationships": (old_rels, new_rels) if r_reordered else None,
        "views": (old.views, new.views) if views_moved else None,
    }
    for key, seqs in found.items():
        if seqs:
            order.setdefault("old", {})[key] = tuple(c.id for c in seqs[0])
            order.setdefault("new", {})[key] = tuple(c.id for c in seqs[1])

    return ModelDiff(
        elements=tuple(changes),
        relationships=tuple(rchanges),
        views=tuple(vchanges),
        metadata=tuple(meta),
        old_info=_info(old),
        new_info=_info(new),
        detect_renames=detect_renames,
        threshold=threshold if detect_renames else None,
        order=order,
        names=_endpoint_names(old, new, rchanges, (n_pos, o_pos, rn_pos, ro_pos)),
    )


def _endpoint_names(old, new, rchanges: list[Change], positions: tuple[dict, dict, dict, dict]) -> dict[str, dict]:
    """Names of the endpoints of the changed relationships (new version first, then old).

    ``positions`` are the id → list index maps of the new and old elements and the new
    and old relationships, so that the cost follows the number of changes.
    """
    wanted: set[str] = set()
    add = wanted.add
    for c in rchanges:
        if c.source:
            add(c.source)
        if c.target:
            add(c.target)
        for fc in c.fields:
            if fc.path in (("source",), ("target",)):
                wanted.update(x for x in (fc.old, fc.new) if isinstance(x, str))
    n_pos, o_pos, rn_pos, ro_pos = positions
    seqs = ((n_pos, new.elements), (o_pos, old.elements), (rn_pos, new.relationships), (ro_pos, old.relationships))
    out: dict[str, dict] = {}
    for concept_id in sorted(wanted):
        for pos, seq in seqs:  # a relationship may connect to a relationship
            i = pos.get(concept_id)
            if i is not None:
                out[concept_id] = _name(seq[i])
                break
    return out
