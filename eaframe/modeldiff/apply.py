"""Applying a diff: :func:`apply` (old + diff → new) and :func:`invert` (new + inverse → old).

``apply(old, diff(old, new)) == new`` holds exactly — same concepts, same field
values, same order — and ``apply(new, invert(diff(old, new))) == old``.

Examples
--------
>>> import eaframe
>>> a = eaframe.synthetic_model(40, seed=1)
>>> b = eaframe.synthetic_model(40, seed=2)
>>> d = eaframe.diff(a, b)
>>> apply(a, d) == b
True
>>> apply(b, invert(d)) == a
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Optional

from ..elements import ELEMENT_TYPES
from ..exceptions import DiffApplyError
from ..model import ArchitectureModel, Folder, ModelMetadata, View, prune_folders
from ..relationships import RELATIONSHIP_TYPES
from .compare import REFERENCE_FIELDS, without_gc
from .model import Change, FieldChange, ModelDiff

__all__ = ["apply", "invert", "set_path", "remap"]

_TEXT_FIELDS = frozenset({"name", "documentation", "title", "province", "issuer"})


def invert(d: ModelDiff) -> ModelDiff:
    """The diff that takes the new version of ``d`` back to the old one.

    Examples
    --------
    >>> import eaframe
    >>> a, b = eaframe.synthetic_model(10, 1), eaframe.synthetic_model(12, 1)
    >>> invert(eaframe.diff(a, b)).summary()["elements"]["removed"]
    2
    """
    from .._args import expect_diff

    expect_diff(d, "invert")
    return d.invert()


def _is_map_entry(path: tuple[str, ...]) -> bool:
    """Whether the last key of ``path`` is an entry of a free-form map (absent = ``None``)."""
    if len(path) == 2 and path[0] in ("properties", "sources"):
        return True
    if len(path) == 3 and path[0] == "properties":
        return True  # a language of a property value in several languages
    return len(path) >= 3 and path[-2] == "other" and path[-3] in _TEXT_FIELDS


def set_path(data: dict, path: tuple[str, ...], value: Any) -> None:
    """Set ``value`` at ``path`` in nested dicts; ``None`` removes a map entry.

    Examples
    --------
    >>> d = {"properties": {"a": "1"}, "name": {"vi": "x"}}
    >>> set_path(d, ("properties", "a"), None); set_path(d, ("name", "en"), "y"); d
    {'properties': {}, 'name': {'vi': 'x', 'en': 'y'}}
    """
    node = data
    for key in path[:-1]:
        nxt = node.get(key)
        if not isinstance(nxt, dict):
            nxt = {}
            node[key] = nxt
        node = nxt
    if value is None and _is_map_entry(path):
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value


def _map_refs(data: dict, subject: str, fwd: dict) -> None:
    for f in REFERENCE_FIELDS[subject]:
        v = data.get(f)
        if isinstance(v, list):
            data[f] = [fwd.get(x, x) for x in v]
        elif v is not None:
            data[f] = fwd.get(v, v)


def remap(obj: Any, subject: str, fwd: Mapping[str, str]) -> Any:
    """``obj`` (an element, relationship or view) with its references to the ids of ``fwd``
    changed to their new ids (``obj`` itself when it refers to none of them).

    The one place that follows renamed ids through references: :func:`apply` and the
    merges of :mod:`eaframe.merge` use it. A view that would list an id twice lists it once.

    Examples
    --------
    >>> from eaframe.relationships import Flow
    >>> remap(Flow(id="r", source="a", target="b"), "relationship", {"a": "x"}).source
    'x'
    """
    if not fwd:
        return obj
    if subject == "relationship":
        s, t = obj.source, obj.target
        if s in fwd or t in fwd:
            return obj.model_copy(update={"source": fwd.get(s, s), "target": fwd.get(t, t)})
        return obj
    if subject == "element":
        owner = getattr(obj, "owner", None)  # element types without an owner field (junctions)
        return obj.model_copy(update={"owner": fwd[owner]}) if owner is not None and owner in fwd else obj
    upd: dict[str, Any] = {}
    for f in REFERENCE_FIELDS[subject]:
        v = getattr(obj, f, None)
        if v is not None and any(x in fwd for x in v):
            upd[f] = list(dict.fromkeys(fwd.get(x, x) for x in v))
    return obj.model_copy(update=upd) if upd else obj


def _build(subject: str, data: dict):
    if subject == "view":
        return View.model_validate(data)
    table = ELEMENT_TYPES if subject == "element" else RELATIONSHIP_TYPES
    type_name = data.get("type")
    cls = table.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        raise DiffApplyError(f"{subject} {data.get('id')!r}: unknown type {data.get('type')!r}")
    fields = cls.model_fields
    return cls.model_validate({k: v for k, v in data.items() if k in fields})


def _patched(obj, change: Change, subject: str, fwd: dict):
    data = obj.model_dump(mode="json")
    _map_refs(data, subject, fwd)
    data["id"] = change.id
    for fc in change.fields:
        if not fc.derived:
            set_path(data, fc.path, fc.new)
    return _build(subject, data)


def _check_old(change: Change, obj, subject: str) -> None:
    if obj is None:
        raise DiffApplyError(f"the diff does not apply: {subject} {change.old_id!r} ({change.kind} in the diff) "
                             "is not in the model; apply a diff to the model it was computed from")
    if subject != "view" and change.old_type is not None and obj.type != change.old_type:
        raise DiffApplyError(f"the diff does not apply: {subject} {change.old_id!r} is a {obj.type} in the model "
                             f"but a {change.old_type} in the diff")


def _merge(survivors: list, added: list[tuple[int, Any]]) -> list:
    out = []
    it = iter(survivors)
    ai = 0
    total = len(survivors) + len(added)
    for i in range(total):
        if ai < len(added) and added[ai][0] <= i:
            out.append(added[ai][1])
            ai += 1
        else:
            out.append(next(it))
    return out


def _apply_seq(seq: Iterable, changes: Iterable[Change], subject: str, fwd: dict,
               order: Optional[tuple]) -> list:
    by_old: dict[str, Change] = {}
    added: list[tuple[int, Any]] = []
    for c in changes:
        if c.kind == "added":
            if c.new_data is None:
                raise DiffApplyError(f"the diff does not apply: added {subject} {c.id!r} carries no data")
            added.append((c.new_position if c.new_position is not None else 1 << 60, _build(subject, dict(c.new_data))))
        else:
            by_old[c.old_id or c.id] = c
    old_by_id = {x.id: x for x in seq}
    for oid, c in by_old.items():
        _check_old(c, old_by_id.get(oid), subject)
    survivors = []
    for x in seq:
        change = by_old.get(x.id)
        if change is None:
            survivors.append(remap(x, subject, fwd))
        elif change.kind != "removed":
            survivors.append(_patched(x, change, subject, fwd))
    added.sort(key=lambda t: t[0])
    out = _merge(survivors, added)
    if order:
        by_id = {x.id: x for x in out}
        if set(by_id) != set(order):
            raise DiffApplyError(f"the diff does not apply: its {subject} order names other {subject}s than the result has")
        out = [by_id[i] for i in order]
    return out


def _apply_metadata(metadata: ModelMetadata, changes: Iterable[FieldChange]) -> ModelMetadata:
    changes = list(changes)
    if not changes:
        return metadata
    data = metadata.model_dump(mode="json")
    for fc in changes:
        set_path(data, fc.path, fc.new)
    return ModelMetadata.model_validate(data)


def apply(old: ArchitectureModel, d: ModelDiff) -> ArchitectureModel:
    """Apply the diff ``d`` to ``old``: ``apply(old, diff(old, new)) == new``.

    ``old`` is not modified; unchanged concepts are shared between ``old`` and the
    result (treat models as values).

    Raises
    ------
    DiffApplyError
        When ``d`` was not computed from ``old`` (a concept it changes or removes is
        missing or of another type).
    ModelValidationError
        When the result is not a valid model.
    """
    from .._args import expect_diff, expect_model

    expect_model(old, "apply", "old")
    expect_diff(d, "apply")
    return without_gc(_apply, old, d)


def _apply(old: ArchitectureModel, d: ModelDiff) -> ArchitectureModel:
    fwd = d.renames()
    new_order = d.order.get("new", {}) if d.order else {}
    elements = _apply_seq(old.elements, d.elements, "element", fwd, new_order.get("elements"))
    relationships = _apply_seq(old.relationships, d.relationships, "relationship", fwd, new_order.get("relationships"))
    views = _apply_seq(old.views, d.views, "view", fwd, new_order.get("views"))
    metadata = _apply_metadata(old.metadata, d.metadata)
    data = {"eaframe": old.eaframe, "metadata": metadata, "elements": elements, "relationships": relationships,
            "views": views}
    if old.folders:
        # the diff compares concepts, not folders: the old folder tree, without what was removed
        # (renamed concepts keep their place; added ones go to the default folders)
        ids = {x.id for seq in (elements, relationships, views) for x in seq}
        if old.native is not None:
            ids.update(old.native.objects)
        data["folders"] = prune_folders(_renamed_items(old.folders, fwd), ids)
    if old.native is not None:  # what an Archi file held beyond eaframe's fields: the diff does not compare it
        data["native"] = old.native
    return ArchitectureModel.model_validate(data, context={"strict": False})


def _renamed_items(folders: tuple[Folder, ...], fwd: dict) -> tuple[Folder, ...]:
    if not fwd:
        return folders
    return tuple(f.model_copy(update={"items": tuple(fwd.get(i, i) for i in f.items),
                                      "folders": _renamed_items(f.folders, fwd)}) for f in folders)
