"""Three-way merge of architecture models: :func:`merge3`.

Two people change copies of the same model (``ours`` and ``theirs``, both made from
``base``). :func:`merge3` combines their changes concept by concept and field by field,
with the field comparison of :mod:`eaframe.modeldiff` (:func:`~eaframe.modeldiff.compare.compare_data`
on the canonical data of each concept):

* a concept (element, relationship, view, matched by id) changed on one side only
  takes that side's version; changed identically on both sides, that version;
* changed on both sides, its fields merge: a field (``name.vi``, ``properties.code``,
  ``status``, ...) changed on one side takes that change; the same field changed to
  different values on both sides is a **conflict**;
* removed on one side and changed on the other is a conflict (the changed version is
  kept); removed on one side while the other side refers to it (a new relationship,
  an owner, a view) is a conflict too (the concept is kept);
* added on both sides with the same id: equal versions merge, differing fields conflict;
* metadata fields merge the same way; concept order follows the sides' order, with
  each side's additions after the concept that precedes them on that side.

A conflicting field holds ours' value in the merged data; every conflict is listed in
:attr:`MergeResult.conflicts` with the concept id, the field and the three values.
A changed id counts as a removal and an addition (the diff's rename detection is not
used here: an id is the identity two people's edits agree on).

Examples
--------
>>> import eaframe
>>> base = eaframe.loads('''
... metadata: {title: {en: m}}
... elements:
... - {id: a, type: ApplicationComponent, name: {en: A}}
... - {id: b, type: ApplicationComponent, name: {en: B}}
... ''')
>>> ours = eaframe.loads(eaframe.dumps(base).replace("en: A", "en: A2"))
>>> theirs = eaframe.loads(eaframe.dumps(base).replace("en: B", "en: B2"))
>>> r = merge3(base, ours, theirs)
>>> r.conflicts, [e.name.en for e in r.model.elements]
((), ['A2', 'B2'])
>>> r = merge3(base, ours, eaframe.loads(eaframe.dumps(base).replace("en: A", "en: A3")))
>>> [(c.id, c.field, c.ours, c.theirs) for c in r.conflicts]
[('a', 'name.en', 'A2', 'A3')]
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Optional

from pydantic import ValidationError

from .exceptions import EaframeError, ModelValidationError
from .model import ArchitectureModel, prune_folders
from .modeldiff.compare import compare_data, without_gc
from .modeldiff.model import format_field

__all__ = ["merge3", "MergeResult", "Conflict", "MergeBaseError", "SEQUENCES"]

#: The lists of concepts of a model, merged by id.
SEQUENCES: tuple[tuple[str, str], ...] = (("elements", "element"), ("relationships", "relationship"),
                                          ("views", "view"))

_SIDES = ("ours", "theirs")


class MergeBaseError(EaframeError):
    """The base of a three-way merge is not an ancestor of a side (unrelated models)."""

    def __init__(self, message: str, side: str):
        super().__init__(message)
        self.side = side
        """``ours`` or ``theirs``: the side that does not descend from the base."""


@dataclass(frozen=True)
class Conflict:
    """One change that the merge cannot make by itself.

    ``field`` is ``None`` when the conflict is about the whole concept (removed on one
    side, changed or referred to on the other); ``base``/``ours``/``theirs`` are the
    values (plain data; ``None``: not set, or the concept is absent).
    """

    subject: str
    """``element``, ``relationship``, ``view``, ``metadata`` or ``model`` (the merged model is invalid)."""
    id: Optional[str]
    """Id of the concept (``None`` for metadata and model-wide problems)."""
    field: Optional[str]
    """The field as text (``name.vi``), ``None`` for the whole concept."""
    base: Any
    ours: Any
    theirs: Any
    message: str
    """What happened, for people."""

    def to_data(self) -> dict[str, Any]:
        """The conflict as plain data (as written in the ``conflicts:`` block of a merged file)."""
        out: dict[str, Any] = {"subject": self.subject}
        if self.id is not None:
            out["id"] = self.id
        if self.field is not None:
            out["field"] = self.field
        out.update(base=self.base, ours=self.ours, theirs=self.theirs, message=self.message)
        return out


@dataclass(frozen=True)
class MergeResult:
    """What :func:`merge3` returns."""

    conflicts: tuple[Conflict, ...] = ()
    """The conflicts; empty when the merge is clean."""
    model: Optional[ArchitectureModel] = None
    """The merged model (conflicting fields hold ours' value); ``None`` only when the
    merged concepts do not make a valid model (then :attr:`conflicts` says why)."""
    data: Optional[dict[str, Any]] = field(default=None, compare=False)
    """The merged model as plain data when :attr:`model` is ``None`` (to write it out for
    a person to resolve); otherwise ``None``."""

    def __bool__(self) -> bool:
        """Whether the merge is clean (no conflicts)."""
        return not self.conflicts


def _set(data: dict, path: tuple[str, ...], value: Any) -> None:
    """Set ``value`` at ``path`` of canonical data; ``None`` removes the key (unset, or the default)."""
    node = data
    for key in path[:-1]:
        nxt = node.get(key)
        if not isinstance(nxt, dict):
            nxt = {}
            node[key] = nxt
        node = nxt
    if value is None:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = copy.deepcopy(value)


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _overlaps(p: tuple[str, ...], q: tuple[str, ...]) -> bool:
    n = min(len(p), len(q))
    return p[:n] == q[:n]


def _merge_fields(subject: str, cid: Optional[str], base: dict, ours: dict, theirs: dict,
                  conflicts: list[Conflict]) -> dict:
    """Field-level three-way merge of one concept (or the metadata)."""
    ours_changes = {fc.path: fc.new for fc in compare_data(base, ours)}
    theirs_changes = {fc.path: fc.new for fc in compare_data(base, theirs)}
    out = copy.deepcopy(ours)
    for path, new in theirs_changes.items():
        clash = [p for p in ours_changes if _overlaps(p, path)]
        if not clash:
            _set(out, path, new)
            continue
        if all(_get(ours, p) == _get(theirs, p) for p in (path, *clash)):
            continue  # the same change on both sides
        conflicts.append(Conflict(subject, cid, format_field(path), _get(base, path), _get(ours, path), new,
                                  f"both sides changed {format_field(path)} differently"))
    return out


def _equal(a: Any, b: Any) -> bool:
    """Whether two concepts (or ``None``) are equal: their fields (concepts have no private state)."""
    if a is b:
        return True
    if a is None or b is None:
        return False
    return type(a) is type(b) and a.__dict__ == b.__dict__


def _dump(obj: Any) -> Optional[dict]:
    """A concept as canonical plain data (defaults left out), ``None`` for ``None``."""
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj
    out = obj.model_dump(mode="json", exclude_defaults=True)
    out["id"] = obj.id
    if hasattr(obj, "type"):
        out["type"] = obj.type
    return out


def _id_of(obj: Any) -> Any:
    return obj.get("id") if isinstance(obj, dict) else getattr(obj, "id", None)


def _order(base_ids: list[str], sides: tuple[list[str], list[str]], merged: dict[str, dict]) -> list[str]:
    """The order of the merged concepts (see the module documentation); symmetric in the sides."""
    base_set = set(base_ids)
    surv = [i for i in base_ids if i in merged]
    primary = surv
    reordered = []
    for ids in sides:
        mine = [i for i in ids if i in base_set and i in merged]
        mine_set = set(mine)
        if mine != [i for i in surv if i in mine_set]:
            reordered.append(mine)
    if len(reordered) == 1:  # one side reordered: its order, the others after their base predecessor
        mine = reordered[0]
        mine_set = set(mine)
        primary = list(mine)
        missing = [i for i in surv if i not in mine_set]
        for i in missing:
            k = surv.index(i)
            prev = next((surv[j] for j in range(k - 1, -1, -1) if surv[j] in primary), None)
            primary.insert(primary.index(prev) + 1 if prev is not None else 0, i)
    groups: list[dict[Optional[str], list[str]]] = []
    for ids in sides:
        g: dict[Optional[str], list[str]] = {}
        anchor: Optional[str] = None
        for i in ids:
            if i in base_set:
                if i in merged:
                    anchor = i
            elif i in merged:
                g.setdefault(anchor, []).append(i)
        groups.append(g)
    out: list[str] = []
    seen: set[str] = set()

    def emit(anchor: Optional[str]) -> None:
        found = [g[anchor] for g in groups if g.get(anchor)]
        for group in sorted(found, key=min):
            for i in group:
                if i not in seen:
                    seen.add(i)
                    out.append(i)

    anchors = set().union(*groups)
    emit(None)
    for i in primary:
        out.append(i)
        seen.add(i)
        if i in anchors:
            emit(i)
    out += sorted(i for i in merged if i not in seen)
    return out


def _references(subject: str, obj: Any) -> list[tuple[str, str]]:
    """(field, id) of the references of a concept to other concepts of the model."""
    def get(name: str) -> Any:
        return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)

    if subject == "element":
        owner = get("owner")
        return [("owner", owner)] if isinstance(owner, str) else []
    if subject == "relationship":
        return [(f, get(f)) for f in ("source", "target") if isinstance(get(f), str)]
    return [(f, x) for f in ("elements", "relationships") for x in (get(f) or []) if isinstance(x, str)]


def _check_related(base: ArchitectureModel, side: ArchitectureModel, name: str) -> None:
    base_ids = {x.id for key, _ in SEQUENCES for x in getattr(base, key)}
    side_ids = {x.id for key, _ in SEQUENCES for x in getattr(side, key)}
    if base_ids and side_ids and base_ids.isdisjoint(side_ids):
        example = min(base_ids)
        raise MergeBaseError(f"the base is not an ancestor of {name}: they have no concept id in common "
                             f"(e.g. {example!r} of the base is not in {name}); merge versions of the same model",
                             name)


def merge3(base: ArchitectureModel, ours: ArchitectureModel, theirs: ArchitectureModel) -> MergeResult:
    """Merge the changes from ``base`` to ``ours`` and from ``base`` to ``theirs``.

    ``merge3(base, a, base)`` is ``a``; a merge without conflicts does not depend on
    the order of the sides; the result has ours' changes and theirs' changes.

    Raises
    ------
    MergeBaseError
        ``base`` shares no concept id with a side: it is not their common ancestor.
    """
    return without_gc(_merge3, base, ours, theirs)


def _merge3(base: ArchitectureModel, ours: ArchitectureModel, theirs: ArchitectureModel) -> MergeResult:
    _check_related(base, ours, "ours")
    _check_related(base, theirs, "theirs")
    conflicts: list[Conflict] = []
    if _equal(ours.metadata, theirs.metadata) or _equal(theirs.metadata, base.metadata):
        metadata: Any = ours.metadata
    elif _equal(ours.metadata, base.metadata):
        metadata = theirs.metadata
    else:
        dumped = [m.model_dump(mode="json", exclude_defaults=True) for m in (base.metadata, ours.metadata,
                                                                             theirs.metadata)]
        metadata = _merge_fields("metadata", None, dumped[0], dumped[1], dumped[2], conflicts)
    merged_seqs: dict[str, dict[str, Any]] = {}
    changed: dict[str, list[str]] = {}
    base_index: dict[str, tuple[str, str, Any]] = {}
    indexes: dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = {}
    for key, subject in SEQUENCES:
        bm, om, tm = ({x.id: x for x in getattr(m, key)} for m in (base, ours, theirs))
        indexes[key] = (bm, om, tm)
        for cid, x in bm.items():
            base_index[cid] = (key, subject, x)
        merged: dict[str, Any] = {}
        touched: list[str] = []
        for cid in {**bm, **om, **tm}:
            bd, od, td = bm.get(cid), om.get(cid), tm.get(cid)
            ours_same, theirs_same = _equal(od, bd), _equal(td, bd)  # the common case: both true
            if ours_same or theirs_same:
                val = td if ours_same else od
                changes = not (ours_same and theirs_same)
            elif _equal(od, td):
                val, changes = od, True
            elif bd is not None and (od is None or td is None):
                gone, kept = ("ours", "theirs") if od is None else ("theirs", "ours")
                conflicts.append(Conflict(subject, cid, None, _dump(bd), _dump(od), _dump(td),
                                          f"{gone} removed the {subject}, {kept} changed it (kept: {kept}' version)"))
                val, changes = (od if od is not None else td), True
            else:
                val = _merge_fields(subject, cid, _dump(bd) or {}, _dump(od) or {}, _dump(td) or {}, conflicts)
                changes = True
            if val is not None:
                merged[cid] = val
                if changes:
                    touched.append(cid)
        merged_seqs[key] = merged
        changed[key] = touched
    side_ids = [set().union(*(indexes[key][k] for key, _ in SEQUENCES)) for k in (1, 2)]
    _restore_referenced(merged_seqs, changed, base_index, side_ids, conflicts)
    parts: dict[str, Any] = {"eaframe": ours.eaframe, "metadata": metadata}
    for key, _ in SEQUENCES:
        merged = merged_seqs[key]
        bm, om, tm = indexes[key]
        order = _order(list(bm), (list(om), list(tm)), merged)
        parts[key] = [merged[i] for i in order]
    _merge_folders(base, ours, theirs, parts, conflicts)
    lenient = bool(base.metadata.lenient or ours.metadata.lenient or theirs.metadata.lenient)
    model = _validate(parts, lenient, conflicts)
    data = None
    if model is None:
        data = {"eaframe": parts["eaframe"],
                "metadata": (parts["metadata"] if isinstance(parts["metadata"], dict) else
                             parts["metadata"].model_dump(mode="json", exclude_defaults=True))}
        for key, _ in SEQUENCES:
            data[key] = [_dump(x) for x in parts[key]]
        if parts.get("folders"):
            data["folders"] = [f.model_dump(mode="json", exclude_defaults=True) for f in parts["folders"]]
    return MergeResult(tuple(conflicts), model, data)


def _merge_folders(base: ArchitectureModel, ours: ArchitectureModel, theirs: ArchitectureModel, parts: dict,
                   conflicts: list[Conflict]) -> None:
    """The folder tree of the side that changed it (ours when both did: a conflict), without
    the concepts the merge removed; concepts in no folder go to the default folders.

    The trees are compared without the removed concepts, so that a removal alone is no change."""
    if not (base.folders or ours.folders or theirs.folders):
        return
    ids = {_id_of(x) for key, _ in SEQUENCES for x in parts[key]}
    b, o, t = (prune_folders(m.folders, ids) for m in (base, ours, theirs))
    folders = t if o == b else o
    if o != b and t not in (b, o):
        bd, od, td = ([f.model_dump(mode="json", exclude_defaults=True) for f in fs] for fs in (b, o, t))
        conflicts.append(Conflict("metadata", None, "folders", bd, od, td,
                                  "both sides changed the folder tree; ours is kept"))
    if folders:
        parts["folders"] = folders


def _restore_referenced(merged: dict[str, dict[str, Any]], changed: dict[str, list[str]],
                        base: dict[str, tuple[str, str, Any]], side_ids: list[set[str]],
                        conflicts: list[Conflict]) -> None:
    """Keep concepts removed on one side that the merged model still refers to (a conflict each).

    Only concepts that differ from the base can refer to a removed one (each side is a
    valid model), and then the concepts restored for them.
    """
    present = {i for m in merged.values() for i in m}
    todo = [(key, subject, merged[key][cid]) for key, subject in SEQUENCES for cid in changed[key]]
    while todo:
        key, subject, obj = todo.pop(0)
        for fname, ref in _references(subject, obj):
            if ref in present or ref not in base:
                continue
            rkey, rsubject, bd = base[ref]
            gone = " and ".join(s for s, ids in zip(_SIDES, side_ids, strict=True) if ref not in ids)
            data = _dump(bd)
            conflicts.append(Conflict(rsubject, ref, None, data, data if ref in side_ids[0] else None,
                                      data if ref in side_ids[1] else None,
                                      f"{gone} removed the {rsubject}, but {subject} {_id_of(obj)!r} refers to it "
                                      f"({fname}); it is kept"))
            merged[rkey][ref] = bd
            present.add(ref)
            todo.append((rkey, rsubject, bd))


def _validate(parts: dict, lenient: bool, conflicts: list[Conflict]) -> Optional[ArchitectureModel]:
    try:
        return ArchitectureModel.model_validate(parts, context={"strict": not lenient})
    except ModelValidationError as err:
        for p in err.problems:
            if p.severity == "error":
                conflicts.append(Conflict("model", p.concept_id, None, None, None, None,
                                          f"the merged model is invalid: {p}"))
    except ValidationError as err:
        for e in err.errors():
            loc = e["loc"]
            cid = None
            if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int) and loc[0] in parts:
                cid = _id_of(parts[loc[0]][loc[1]])
            conflicts.append(Conflict("model", cid, ".".join(str(x) for x in loc[2:]) or None, None, None, None,
                                      f"the merged model is invalid: {e['msg']}"))
    return None
