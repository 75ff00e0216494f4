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
An element one side gave a new id that declares the old one in ``replaces`` (the
diff's first rename pass) is the same element: the other side's edits to it apply
under the new id, and references to it follow. Both sides giving it different new ids
leaves both (the renames are not followed). A changed id without ``replaces`` counts
as a removal and an addition (an id is the identity two people's edits agree on).

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
import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Optional

from pydantic import ValidationError

from .attributes import Text
from .exceptions import EaframeError, EaframeWarning, ModelValidationError, file_place
from .i18n import DEFAULT_LANGUAGE, N_, Join, check_lang, localize, msg, translator
from .model import ArchitectureModel, ModelMetadata, prune_folders
from .modeldiff.apply import remap
from .modeldiff.compare import compare_data, same_concept, without_gc
from .modeldiff.match import DEFAULT_THRESHOLD
from .modeldiff.model import format_field

__all__ = ["merge3", "MergeResult", "Conflict", "MergeBaseError", "SEQUENCES", "merge_provinces",
           "ProvinceMergeResult", "DuplicatePair", "Decisions", "load_decisions", "ProvinceMergeError", "DECISIONS",
           "SHARED_SCOPES"]

#: The lists of concepts of a model, merged by id.
SEQUENCES: tuple[tuple[str, str], ...] = (("elements", "element"), ("relationships", "relationship"),
                                          ("views", "view"))

_SIDES = ("ours", "theirs")

#: The words for the sides and the subjects of conflicts, translated where a conflict is shown.
WORDS: dict[str, str] = {"ours": N_("ours"), "theirs": N_("theirs"), "element": N_("element"),
                         "relationship": N_("relationship"), "view": N_("view"), "metadata": N_("metadata"),
                         "model": N_("model")}


class MergeBaseError(EaframeError):
    """The base of a three-way merge is not an ancestor of a side (unrelated models)."""

    def __init__(self, message: str, side: str):
        super().__init__(message)
        self.message = message
        """What is wrong (English; a :class:`~eaframe.i18n.Msg` renders itself in Vietnamese: :meth:`text`)."""
        self.side = side
        """``ours`` or ``theirs``: the side that does not descend from the base."""

    def text(self, lang: Optional[str] = None) -> str:
        """The message in ``lang`` (``vi`` or ``en``; ``None``: English)."""
        return str(localize(self.message, lang))


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
    """What happened, for people (English; a :class:`~eaframe.i18n.Msg`, which :meth:`text` renders in Vietnamese)."""

    def text(self, lang: Optional[str] = None) -> str:
        """:attr:`message` in ``lang`` (``vi`` or ``en``; ``None``: English)."""
        return str(localize(self.message, lang))

    def to_data(self, lang: Optional[str] = None) -> dict[str, Any]:
        """The conflict as plain data (as written in the ``conflicts:`` block of a merged file), its
        message in ``lang`` (``None``: English); the other values are identifiers and model data."""
        out: dict[str, Any] = {"subject": self.subject}
        if self.id is not None:
            out["id"] = self.id
        if self.field is not None:
            out["field"] = self.field
        out.update(base=self.base, ours=self.ours, theirs=self.theirs, message=self.text(lang))
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
    """Set ``value`` at ``path`` of canonical data; ``None`` removes the key (unset, or the default).

    Not :func:`eaframe.modeldiff.apply.set_path`, on purpose: that one patches a full dump
    (``model_dump(mode="json")``, every field present), where ``None`` is a field's value and only
    a map entry is removed; the merge compares canonical data (defaults left out), where ``None``
    means "absent", so a field set back to a default other than ``None`` (``sources: []``,
    ``metadata.languages``) must lose its key: set to ``None`` it would not validate
    (tests/test_merge.py::test_a_field_set_back_to_its_default_merges). The value is copied, as
    it comes from a side's data that stays shared."""
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
                  conflicts: list[Conflict], added: bool = False) -> dict:
    """Field-level three-way merge of one concept (or the metadata).

    ``added``: the concept is new on both sides (``base`` is empty); then a field only one
    side sets is a conflict too (the two versions differ in it), and ours' version is kept."""
    ours_changes = {fc.path: fc.new for fc in compare_data(base, ours)}
    theirs_changes = {fc.path: fc.new for fc in compare_data(base, theirs)}
    out = copy.deepcopy(ours)
    for path, new in theirs_changes.items():
        clash = [p for p in ours_changes if _overlaps(p, path)]
        if not clash and not added:
            _set(out, path, new)
            continue
        if clash and all(_get(ours, p) == _get(theirs, p) for p in (path, *clash)):
            continue  # the same change on both sides
        conflicts.append(Conflict(subject, cid, format_field(path), _get(base, path), _get(ours, path), new,
                                  msg("both sides changed {field} differently", field=format_field(path)) if clash
                                  else msg("both sides added the {subject}, with different {field}",
                                           subject=msg(WORDS[subject]), field=format_field(path))))
    if added:
        for path, new in ours_changes.items():
            if not any(_overlaps(path, p) for p in theirs_changes):
                conflicts.append(Conflict(subject, cid, format_field(path), None, new, _get(theirs, path),
                                          msg("both sides added the {subject}, with different {field}",
                                              subject=msg(WORDS[subject]), field=format_field(path))))
    return out


def _equal(a: Any, b: Any) -> bool:
    """Whether two concepts (or ``None``) are equal: their fields (concepts have no private state)."""
    if a is b:
        return True
    if a is None or b is None:
        return False
    return same_concept(a, b)


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


def _order(base_ids: dict[str, Any], sides: tuple[dict[str, Any], dict[str, Any]], merged: dict[str, Any],
           removed: set[str], added: tuple[set[str], set[str]]) -> list[str]:
    """The order of the merged concepts (see the module documentation); symmetric in the sides.

    ``base_ids`` and ``sides`` are the by-id indexes of the base and the sides (in model order),
    ``removed`` the ids of the base that are not in ``merged``, ``added`` the ids of each side that
    are not in the base (all in ``merged``). Membership is tested in these small sets only, never in
    the indexes, and each side is read once: the cost is a few passes over lists of ids."""
    surv = [i for i in base_ids if i not in removed] if removed else list(base_ids)
    primary = surv
    reordered = []
    groups: list[dict[Optional[str], list[str]]] = []
    for ids, add in zip(sides, added, strict=True):
        # one pass: the side's surviving base concepts in its order (mine), and its additions grouped
        # after the surviving base concept that precedes them on that side (None: at the start)
        g: dict[Optional[str], list[str]] = {}
        if add:
            mine = []
            prev: Optional[str] = None
            for i in ids:
                if i in add:
                    g.setdefault(prev, []).append(i)
                elif i not in removed:
                    mine.append(i)
                    prev = i
        else:
            mine = [i for i in ids if i not in removed] if removed else list(ids)
        groups.append(g)
        if len(mine) == len(surv):  # the side has every surviving base concept (the common case)
            if mine != surv:
                reordered.append(mine)
            continue
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
    out: list[str] = []
    emitted: set[str] = set()

    def emit(anchor: Optional[str]) -> None:
        found = [g[anchor] for g in groups if g.get(anchor)]
        # by their first id, then by their ids in order: both sides may add the same ids in
        # different orders, and the merge must not depend on which side is which
        for group in sorted(found, key=lambda ids: (min(ids), ids)):
            for i in group:
                if i not in emitted:
                    emitted.add(i)
                    out.append(i)

    anchors = set().union(*groups)
    emit(None)
    anchors.discard(None)
    if anchors:
        at = {i: k for k, i in enumerate(primary) if i in anchors}
        start = 0
        for k in sorted(at.values()):
            out.extend(primary[start:k + 1])
            start = k + 1
            emit(primary[k])
        out.extend(primary[start:])
    else:
        out.extend(primary)
    if len(out) != len(merged):  # out holds distinct ids of merged: only then is one missing
        seen = set(out)
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


def _check_related(base: dict[str, dict[str, Any]], side: dict[str, dict[str, Any]], name: str) -> None:
    """``base`` and ``side`` (by-id indexes of two models) have a concept id in common, unless one is empty."""
    if not any(base.values()) or not any(side.values()):
        return
    if all(base[key].keys().isdisjoint(side[key]) for key, _ in SEQUENCES):
        example = min(i for key, _ in SEQUENCES for i in base[key])
        raise MergeBaseError(msg("the base is not an ancestor of {side}: they have no concept id in common (e.g. "
                                 "{id} of the base is not in {side}); merge versions of the same model",
                                 side=msg(WORDS[name]), id=repr(example)), name)


class _Ids:
    """The ids of a model, from its by-id indexes (membership only; no set is built)."""

    def __init__(self, index: dict[str, dict[str, Any]]):
        self._dicts = tuple(index.values())

    def __contains__(self, cid: object) -> bool:
        return any(cid in d for d in self._dicts)


def _by_id(model: ArchitectureModel) -> dict[str, dict[str, Any]]:
    """The concepts of ``model`` by sequence and id: built once per merge and shared by every step."""
    return {key: {x.id: x for x in getattr(model, key)} for key, _ in SEQUENCES}


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


def _side_renames(base: dict[str, Any], side: dict[str, Any]) -> dict[str, str]:
    """Base element id → the side's new id, for the elements the side gave a new id and declared
    it with ``replaces`` (the diff's first rename pass, :func:`eaframe.modeldiff.match.match_replaces`)."""
    from .modeldiff.match import match_replaces

    added = {i: e for i, e in side.items() if i not in base and getattr(e, "replaces", None)}
    if not added:
        return {}
    removed = {i: base[i] for e in added.values() for i in e.replaces if i in base and i not in side}
    return dict(match_replaces(removed, added)) if removed else {}


def _renamed_index(index: dict[str, dict[str, Any]], fwd: dict[str, str]) -> dict[str, dict[str, Any]]:
    """A by-id index (see :func:`_by_id`) with the element ids of ``fwd`` changed, references following;
    only the concepts that change are copied."""
    out = {}
    for key, subject in SEQUENCES:
        seq = index[key]
        if subject == "element":
            # the few elements renamed or owned by a renamed one change; a renamed id keeps its place
            hit_ids = [i for i, x in seq.items() if i in fwd or getattr(x, "owner", None) in fwd]
            if hit_ids:
                seq = {fwd.get(i, i): x for i, x in seq.items()} if not fwd.keys().isdisjoint(seq) else dict(seq)
                for i in hit_ids:
                    x = index[key][i]
                    seq[fwd.get(i, i)] = remap(x.model_copy(update={"id": fwd[i]}) if i in fwd else x, subject, fwd)
            out[key] = seq
            continue
        if subject == "relationship":
            hit = [x for x in seq.values() if x.source in fwd or x.target in fwd]
        else:
            hit = [x for x in seq.values() if remap(x, subject, fwd) is not x]
        if hit:
            seq = dict(seq)
            for x in hit:
                seq[x.id] = remap(x, subject, fwd)
        out[key] = seq
    return out


def _aligned(bm: dict[str, Any], om: dict[str, Any], tm: dict[str, Any], merged: dict[str, Any],
             added: tuple[set[str], set[str]]) -> Iterator[tuple[str, Any, Any, Any]]:
    """(id, base, ours, theirs) of every concept (``None``: absent) in base, ours, theirs order,
    except the unchanged ones (the common case), which go straight into ``merged``; the ids
    each side adds (not in the base) go into ``added``."""
    om_get, tm_get = om.get, tm.get
    added_o, added_t = added
    for cid, bd in bm.items():
        od, td = om_get(cid), tm_get(cid)
        if od is not None and td is not None and type(od) is type(bd) and type(td) is type(bd):
            if (od is bd or same_concept(od, bd)) and (td is bd or same_concept(td, bd)):
                merged[cid] = td
                continue
        yield cid, bd, od, td
    for cid, od in om.items():
        if cid not in bm:
            added_o.add(cid)
            yield cid, None, od, tm_get(cid)
    for cid, td in tm.items():
        if cid not in bm:
            added_t.add(cid)
            if cid not in om:
                yield cid, None, None, td


def _merge3(base: ArchitectureModel, ours: ArchitectureModel, theirs: ArchitectureModel) -> MergeResult:
    idx = {"base": _by_id(base), "ours": _by_id(ours), "theirs": _by_id(theirs)}
    _check_related(idx["base"], idx["ours"], "ours")
    _check_related(idx["base"], idx["theirs"], "theirs")
    # An element one side gave a new id (and the other kept) takes the other side's edits under
    # its new id: the base and the other side see the new id before the concept-by-concept merge.
    ren_o = _side_renames(idx["base"]["elements"], idx["ours"]["elements"])
    ren_t = _side_renames(idx["base"]["elements"], idx["theirs"]["elements"])
    if ren_o or ren_t:
        clash = {k for k in ren_o.keys() & ren_t.keys() if ren_o[k] != ren_t[k]}
        ren_o = {k: v for k, v in ren_o.items() if k not in clash}
        ren_t = {k: v for k, v in ren_t.items() if k not in clash}
        to_ours = {k: v for k, v in ren_t.items() if k not in ren_o}
        to_theirs = {k: v for k, v in ren_o.items() if k not in ren_t}
        for name, fwd in (("base", {**ren_o, **ren_t}), ("ours", to_ours), ("theirs", to_theirs)):
            if fwd:
                idx[name] = _renamed_index(idx[name], fwd)
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
    removed: dict[str, set[str]] = {}  # per sequence: ids of the base not (yet) in the merged model
    additions: dict[str, tuple[set[str], set[str]]] = {}  # per sequence: ids each side adds
    for key, subject in SEQUENCES:
        bm, om, tm = idx["base"][key], idx["ours"][key], idx["theirs"][key]
        merged: dict[str, Any] = {}
        touched: list[str] = []
        gone_ids: set[str] = set()
        added: tuple[set[str], set[str]] = (set(), set())
        for cid, bd, od, td in _aligned(bm, om, tm, merged, added):
            ours_same, theirs_same = _equal(od, bd), _equal(td, bd)
            if ours_same or theirs_same:
                val = td if ours_same else od
                changes = not (ours_same and theirs_same)
            elif _equal(od, td):
                val, changes = od, True
            elif bd is not None and (od is None or td is None):
                gone, kept = ("ours", "theirs") if od is None else ("theirs", "ours")
                conflicts.append(Conflict(subject, cid, None, _dump(bd), _dump(od), _dump(td),
                                          msg("{gone} removed the {subject}, {kept} changed it (kept: {kept}' "
                                              "version)", gone=msg(WORDS[gone]), subject=msg(WORDS[subject]),
                                              kept=msg(WORDS[kept]))))
                val, changes = (od if od is not None else td), True
            else:
                val = _merge_fields(subject, cid, _dump(bd) or {}, _dump(od) or {}, _dump(td) or {}, conflicts,
                                    added=bd is None)
                changes = True
            if val is not None:
                merged[cid] = val
                if changes:
                    touched.append(cid)
            else:
                gone_ids.add(cid)
        merged_seqs[key] = merged
        changed[key] = touched
        removed[key] = gone_ids
        additions[key] = added
    side_ids = [_Ids(idx["ours"]), _Ids(idx["theirs"])]
    for key, ref in _restore_referenced(merged_seqs, changed, idx["base"], side_ids, conflicts):
        removed[key].discard(ref)
    parts: dict[str, Any] = {"eaframe": ours.eaframe, "metadata": metadata}
    for key, _ in SEQUENCES:
        merged = merged_seqs[key]
        order = _order(idx["base"][key], (idx["ours"][key], idx["theirs"][key]), merged, removed[key],
                       additions[key])
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
                                  msg("both sides changed the folder tree; ours is kept")))
    if folders:
        parts["folders"] = folders


def _restore_referenced(merged: dict[str, dict[str, Any]], changed: dict[str, list[str]],
                        base: dict[str, dict[str, Any]], side_ids: list[_Ids],
                        conflicts: list[Conflict]) -> list[tuple[str, str]]:
    """Keep concepts removed on one side that the merged model still refers to (a conflict each);
    returns (sequence, id) of each concept kept.

    Only concepts that differ from the base can refer to a removed one (each side is a
    valid model), and then the concepts restored for them. ``base`` is the by-id index of the base.
    """
    present = _Ids(merged)
    kinds = {key: subject for key, subject in SEQUENCES}
    restored: list[tuple[str, str]] = []
    todo = [(key, subject, merged[key][cid]) for key, subject in SEQUENCES for cid in changed[key]]
    while todo:
        key, subject, obj = todo.pop(0)
        for fname, ref in _references(subject, obj):
            if ref in present:
                continue
            rkey = next((k for k in kinds if ref in base[k]), None)
            if rkey is None:
                continue
            rsubject, bd = kinds[rkey], base[rkey][ref]
            gone = Join([msg(WORDS[s]) for s, ids in zip(_SIDES, side_ids, strict=True) if ref not in ids], " and ")
            data = _dump(bd)
            conflicts.append(Conflict(rsubject, ref, None, data, data if ref in side_ids[0] else None,
                                      data if ref in side_ids[1] else None,
                                      msg("{gone} removed the {removed}, but {subject} {id} refers to it ({field}); "
                                          "it is kept", gone=gone, removed=msg(WORDS[rsubject]),
                                          subject=msg(WORDS[subject]), id=repr(_id_of(obj)), field=fname)))
            merged[rkey][ref] = bd
            restored.append((rkey, ref))
            todo.append((rkey, rsubject, bd))
    return restored


def _validate(parts: dict, lenient: bool, conflicts: list[Conflict]) -> Optional[ArchitectureModel]:
    try:
        return ArchitectureModel.model_validate(parts, context={"strict": not lenient})
    except ModelValidationError as err:
        for p in err.problems:
            if p.severity == "error":
                conflicts.append(Conflict("model", p.concept_id, None, None, None, None,
                                          msg("the merged model is invalid: {problem}", problem=str(p))))
    except ValidationError as err:
        for e in err.errors():
            loc = e["loc"]
            cid = None
            if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int) and loc[0] in parts:
                cid = _id_of(parts[loc[0]][loc[1]])
            conflicts.append(Conflict("model", cid, ".".join(str(x) for x in loc[2:]) or None, None, None, None,
                                      msg("the merged model is invalid: {problem}", problem=e["msg"])))
    return None


# --------------------------------------------------------------------------- two-way province merge

#: The consolidation decisions a duplicate pair can take (see :func:`merge_provinces`).
DECISIONS: dict[str, str] = {
    "keep-a": N_("A's block serves the merged province; B's is removed and its relationships and view places go "
                 "to A's"),
    "keep-b": N_("B's block serves the merged province; A's is removed and its relationships and view places go "
                 "to B's"),
    "merge": N_("one block under A's id with the sources and the properties of both; B's is removed, its "
                "relationships go to A's"),
    "migrate": N_("A's block is the target; B's stays with its relationships until its data and users are moved, "
                  "marked status: retired with the property merge.migrate_to naming A's"),
    "retire": N_("neither serves the merged province (e.g. a national system takes over): both stay, marked "
                 "status: retired"),
}

#: ``scope`` values of blocks that are the same system in every province (one concept in a merge).
SHARED_SCOPES = frozenset({"national", "external"})

_PROVENANCE = frozenset({"sources", "confidence", "documentation"})


class ProvinceMergeError(EaframeError):
    """Two models cannot be merged, or a decisions file does not fit them.

    ``side`` says which input is at fault: ``"a"``, ``"b"``, ``"both"`` (both models,
    e.g. different framework versions or an id collision) or ``"decisions"``; ``id``
    is the concept id concerned, when there is one. A problem of a decisions file
    names the file, and the ``line`` and ``column`` of the entry at fault when the
    decisions were read from a file (``str()`` starts with ``file:line:column``).
    :meth:`text` gives the message in Vietnamese or English.

    Examples
    --------
    >>> err = ProvinceMergeError(msg("pair {n} is not a mapping", n=2), "decisions", file="d.yaml", line=4, column=3)
    >>> str(err)
    'd.yaml:4:3: pair 2 is not a mapping'
    """

    def __init__(self, message: str, side: str, id: Optional[str] = None, *, file: Optional[str] = None,
                 line: Optional[int] = None, column: Optional[int] = None):
        self.message = message
        """What is wrong and how to fix it (English; a :class:`~eaframe.i18n.Msg` renders itself in Vietnamese)."""
        self.side = side
        self.id = id
        self.file = file
        """The decisions file at fault, when the problem is in one."""
        self.line = line
        self.column = column
        super().__init__(self.text())

    @property
    def where(self) -> str:
        """``file:line:column`` of the problem (as much as is known), or ``""``."""
        return file_place(self.file, self.line, self.column) if self.file else ""

    def text(self, lang: Optional[str] = None) -> str:
        """The error in ``lang`` (``vi`` or ``en``; ``None``: English), starting with :attr:`where`."""
        where = self.where
        return (where + ": " if where else "") + str(localize(self.message, lang))


_DECISION_KEYS = ("pairs", "metadata", "prefix")
_PAIR_KEYS = ("a", "b", "implements", "decision")


@dataclass(frozen=True)
class Decisions:
    """A decisions file: the consolidation decision of each duplicate pair, and the merged unit's metadata.

    ``pairs`` maps ``(a_id, b_id)`` (ids as in the A and B models) to a decision of
    :data:`DECISIONS` or ``None`` (not decided yet); ``metadata`` holds metadata fields
    of the merged model (``title``, ``province``, ``as_of``, ``documentation``, ...);
    ``prefix`` is the prefix of B's colliding ids. ``file`` and ``node`` (the YAML node
    tree, set by :func:`load_decisions`) let errors found later, when the decisions are
    applied, name the line and column of the entry at fault.
    """

    pairs: dict[tuple[str, str], Optional[str]] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    prefix: Optional[str] = None
    file: Optional[str] = field(default=None, compare=False)
    """The file the decisions were read from (``None``: made in code)."""
    node: Any = field(default=None, compare=False, repr=False)
    """The YAML node tree of :attr:`file` (positions of its entries), or ``None``."""

    def place(self, path: tuple[Any, ...], key: bool = False) -> dict[str, Any]:
        """``file``, ``line`` and ``column`` (keyword arguments of :class:`ProvinceMergeError`) of the
        value at ``path`` (``("pairs", 2, "decision")``; its nearest existing parent when absent), or of
        its key (``key=True``)."""
        if self.node is None:
            return {"file": self.file}
        from .modelfile import _find

        line, column = _find(self.node, path, key_position=key)
        return {"file": self.file, "line": line, "column": column}

    def pair_place(self, key: tuple[str, str], name: Optional[str] = None) -> dict[str, Any]:
        """:meth:`place` of the entry of pair ``key`` (``(a, b)``), or of its field ``name``."""
        if self.node is None or key not in self.pairs:
            return {"file": self.file}
        k = next(k for k, x in enumerate(self.pairs) if x == key)
        return self.place(("pairs", k) if name is None else ("pairs", k, name))

    def pair_line(self, key: tuple[str, str]) -> str:
        """Pair ``key`` as ``a / b (line N)`` (a :class:`~eaframe.i18n.Msg`), or ``a / b`` when not read from a file."""
        line = self.pair_place(key).get("line")
        pair = f"{key[0]} / {key[1]}"
        return pair if line is None else msg("{pair} (line {line})", pair=pair, line=line)

    @classmethod
    def from_data(cls, data: Any, where: str = "the decisions", *, node: Any = None) -> Decisions:
        """Read the plain data of a decisions file (see docs/province-merge.md).

        ``where`` names the file in messages; ``node`` is its YAML node tree (``yaml.compose``),
        to give the line and column of the entry at fault.

        Raises
        ------
        ProvinceMergeError
            (``side="decisions"``) when the data is not a decisions file, names an
            unknown decision or lists a pair twice.
        """
        located = cls(file=where, node=node)

        def fail(message: str, path: tuple[Any, ...] = (), cid: Optional[str] = None,
                 key: bool = False) -> ProvinceMergeError:
            return ProvinceMergeError(message, "decisions", cid, **located.place(path, key))

        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise fail(msg("expected a mapping with `pairs:` (and optionally `metadata:` and `prefix:`); write a "
                           "template with --write-decisions"))
        unknown = sorted((k for k in data if k not in _DECISION_KEYS), key=str)
        if unknown:
            raise fail(msg("unknown key {key}; the keys are pairs, metadata and prefix", key=repr(unknown[0])),
                       (unknown[0],), key=True)
        prefix = data.get("prefix")
        if prefix is not None and (not isinstance(prefix, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_\-]*", prefix)):
            raise fail(msg("prefix {prefix} is not a valid id start (letters, digits, _ and -)", prefix=repr(prefix)),
                       ("prefix",))
        metadata = data.get("metadata")
        metadata = {} if metadata is None else metadata
        if not isinstance(metadata, dict):
            raise fail(msg("`metadata:` must be a mapping of metadata fields (title, province, as_of, ...)"),
                       ("metadata",))
        pairs: dict[tuple[str, str], Optional[str]] = {}
        entries = data.get("pairs")
        entries = [] if entries is None else entries
        if not isinstance(entries, list):
            raise fail(msg("`pairs:` must be a list of entries with `a: ID`, `b: ID` and `decision:`"), ("pairs",))
        first: dict[tuple[str, str], int] = {}
        for k, entry in enumerate(entries):
            at = ("pairs", k)
            if not isinstance(entry, dict) or not isinstance(entry.get("a"), str) or not isinstance(entry.get("b"), str):
                raise fail(msg("pair {n}: expected a mapping with `a: ID` and `b: ID` (and `decision:`)", n=k + 1), at)
            extra = sorted((x for x in entry if x not in _PAIR_KEYS), key=str)
            if extra:
                raise fail(msg("pair {n}: unknown key {key}; the keys of a pair are a, b, implements and decision",
                               n=k + 1, key=repr(extra[0])), (*at, extra[0]), entry["a"], key=True)
            key = (entry["a"], entry["b"])
            decision = entry.get("decision")
            if decision is not None and decision not in DECISIONS:
                raise fail(msg("pair {n} ({a} / {b}): unknown decision {decision}; choose one of {choices} (or null: "
                               "not decided)", n=k + 1, a=key[0], b=key[1], decision=repr(decision),
                               choices=", ".join(DECISIONS)), (*at, "decision"), key[0])
            if key in pairs:
                line = located.place(("pairs", first[key])).get("line")
                other = msg("pair {n}", n=first[key] + 1) if line is None else msg("line {line}", line=line)
                if pairs[key] != decision:
                    text = msg("pair {a} / {b} is listed twice with different decisions ({first} at {other}, "
                               "{second} here); keep one entry", a=key[0], b=key[1], first=str(pairs[key] or "null"),
                               second=str(decision or "null"), other=other)
                else:
                    text = msg("pair {a} / {b} is listed twice (also at {other}); keep one entry",
                               a=key[0], b=key[1], other=other)
                raise fail(text, at, key[0])
            pairs[key] = decision
            first[key] = k
        return cls(pairs, dict(metadata), prefix, where, node)


def load_decisions(path: str) -> Decisions:
    """Read a decisions file (YAML), keeping the position of each entry for later error messages.

    Raises
    ------
    ProvinceMergeError
        (``side="decisions"``) when the file cannot be read, is not YAML (its line and
        column), repeats a key, or is not a decisions file (the line and column of the entry).
    """
    import yaml

    from .modelfile import _Loader, _parse

    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except IsADirectoryError:
        raise ProvinceMergeError(msg("is a folder; give the decisions file (YAML, as --write-decisions FILE writes "
                                     "it)"), "decisions", file=path) from None
    except OSError as err:
        raise ProvinceMergeError(msg("cannot read the decisions file: {reason}", reason=err.strerror or str(err)),
                                 "decisions", file=path) from None
    except UnicodeDecodeError as err:
        raise ProvinceMergeError(msg("cannot read the decisions file: {reason}", reason=str(err)), "decisions",
                                 file=path) from None
    try:
        data, duplicates = _parse(text, "yaml", path)
    except ModelValidationError as err:
        p = err.problems[0]
        problem = p.message.removeprefix("invalid YAML: ")
        raise ProvinceMergeError(msg("not valid YAML ({problem}); fix the syntax or write a new template with "
                                     "--write-decisions", problem=problem), "decisions", file=path, line=p.line,
                                 column=p.column) from None
    if duplicates:
        p = duplicates[0]
        raise ProvinceMergeError(msg("a key is repeated in this mapping: keep one of the two entries"),
                                 "decisions", file=path, line=p.line, column=p.column)
    if data is None:
        warnings.warn(EaframeWarning(msg("{file} is empty: no decisions are applied (every duplicate pair stays "
                                         "pending); write a template with --write-decisions FILE", file=path)),
                      stacklevel=2)
    return Decisions.from_data(data, path, node=yaml.compose(text, Loader=_Loader))


@dataclass(frozen=True)
class DuplicatePair:
    """Two blocks, one of each province, that implement the same framework block."""

    a: str
    """Id of the block in A (and in the merged model)."""
    b: str
    """Id of the block in B."""
    merged_b: str
    """Id of B's block in the union (B's id, prefixed when A has it too)."""
    implements: Optional[str]
    """The framework block both implement (``None`` for a pair only the decisions file declares)."""
    type: str
    a_name: str
    b_name: str
    decision: Optional[str] = None
    """The decision from the decisions file; ``None``: pending (both blocks kept as they are)."""

    def to_data(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "merged_b": self.merged_b, "implements": self.implements,
                "type": self.type, "a_name": self.a_name, "b_name": self.b_name, "decision": self.decision}


@dataclass(frozen=True)
class _Union:
    """The concepts of both models side by side, before any decision."""

    eaframe: Any
    metadata: ModelMetadata
    elements: list[Any]
    relationships: list[Any]
    views: list[Any]
    lenient: bool


@dataclass(frozen=True)
class ProvinceMergeResult:
    """What :func:`merge_provinces` returns."""

    model: ArchitectureModel
    """The merged model, with the decisions applied."""
    union_parts: _Union = field(compare=False, repr=False)
    """The concepts of :attr:`union` (validated into a model when first asked for)."""
    pairs: tuple[DuplicatePair, ...] = ()
    """The duplicate pairs, with their decisions."""
    renamed: dict[str, str] = field(default_factory=dict, compare=False)
    """B's ids that were prefixed: B id → id in the merged model."""
    shared: tuple[str, ...] = ()
    """Ids of elements both models have as one concept (national or external systems, identical blocks)."""
    prefix: str = "b"
    metadata_fields: dict[str, Any] = field(default_factory=dict, compare=False)
    """The metadata fields set by the decisions file, ``title`` and ``province`` (as plain data)."""

    @cached_property
    def union(self) -> ArchitectureModel:
        """Both models side by side (B's colliding ids prefixed), before any decision."""
        u = self.union_parts
        if not any(p.decision for p in self.pairs):
            return self.model
        return _build_model(u.eaframe, u.metadata, u.elements, u.relationships, u.views, u.lenient)

    @property
    def pending(self) -> tuple[DuplicatePair, ...]:
        """The pairs without a decision."""
        return tuple(p for p in self.pairs if p.decision is None)

    def plan(self) -> ArchitectureModel:
        """The migration plan from the union to the merged model: plateaus, a gap and work packages
        (:func:`eaframe.modeldiff.migration.migration_model` of their diff)."""
        from .modeldiff import diff
        from .modeldiff.migration import migration_model

        return migration_model(diff(self.union, self.model), self.union, self.model)

    def decisions_data(self) -> dict[str, Any]:
        """The decisions of this merge as the plain data of a decisions file."""
        md = self.model.metadata
        meta: dict[str, Any] = {"title": md.title.model_dump(mode="json", exclude_defaults=True)}
        if md.province is not None:
            meta["province"] = md.province.model_dump(mode="json", exclude_defaults=True)
        meta.update({k: v for k, v in self.metadata_fields.items() if k not in meta})
        return {"prefix": self.prefix, "metadata": meta,
                "pairs": [{"a": p.a, "b": p.b, "implements": p.implements, "decision": p.decision}
                          for p in self.pairs]}

    def decisions_text(self, lang: Optional[str] = None) -> str:
        """A decisions file (YAML) for this merge, with a comment on the choices in ``lang`` (``vi`` or ``en``;
        ``None``: English); pending pairs have ``decision: null``."""
        import yaml

        t = translator(lang or DEFAULT_LANGUAGE)
        head = [t("eaframe province merge decisions: set `decision:` of each pair, then run"),
                "  eaframe merge A B --decisions THIS_FILE -o MERGED",
                t("a is the block of the first model (A), b the block of the second (B), ids as in their files."),
                t("decision (null: not decided yet, both blocks kept as they are):")]
        head += [f"  {k}: {t(v)}" for k, v in DECISIONS.items()]
        head.append(t("metadata: fields of the merged model's metadata (title, province, as_of, documentation, "
                      "...);"))
        head.append(t("prefix: put before B's ids that A has too."))
        body = yaml.safe_dump(self.decisions_data(), allow_unicode=True, sort_keys=False, width=10**6)
        return "\n".join("# " + line for line in head) + "\n" + body

    def _names(self, lang: str) -> dict[str, str]:
        """Id → name in ``lang`` of the blocks of the pairs (ids as in the union: B's prefixed)."""
        ids = {i for p in self.pairs for i in (p.a, p.merged_b)}
        return {e.id: e.name.get(lang, fallback=True) or e.id for e in self.union_parts.elements if e.id in ids}

    def report_data(self, lang: Optional[str] = None) -> dict[str, Any]:
        """The duplicates and decisions as plain data (the JSON report): the title and the blocks' names in
        ``lang`` (``vi`` or ``en``; ``None``: English), named in the ``lang`` key; the keys and the decisions
        are identifiers, the same in every language."""
        lang = check_lang(lang or DEFAULT_LANGUAGE)
        counts = {k: 0 for k in (*DECISIONS, "pending")}
        for p in self.pairs:
            counts[p.decision or "pending"] += 1
        names = self._names(lang) if lang != "en" else {}
        pairs = []
        for p in self.pairs:
            data = p.to_data()
            if names:
                data["a_name"], data["b_name"] = names.get(p.a, p.a_name), names.get(p.merged_b, p.b_name)
            pairs.append(data)
        return {"lang": lang, "title": self.model.metadata.title.get(lang, fallback=True),
                "elements": len(self.model.elements), "relationships": len(self.model.relationships),
                "union_elements": len(self.union_parts.elements), "prefix": self.prefix,
                "renamed": len(self.renamed), "shared": len(self.shared), "decisions": counts,
                "pairs": pairs}

    def report(self, fmt: str = "text", lang: Optional[str] = None) -> str:
        """The report of duplicates and decisions as ``text``, ``markdown`` or ``json``, in ``lang``
        (``vi`` or ``en``; ``None``: English). The decisions (``keep-a``, ``merge``, ...) are the
        keywords of the decisions file in both languages."""
        from ._text import md_code, md_escape, term_safe

        if fmt not in ("text", "markdown", "json"):
            raise ValueError(f"unknown report format {fmt!r}: text, markdown or json")
        data = self.report_data(lang)
        if fmt == "json":
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        t = translator(data["lang"])
        pending = t("pending")
        counts = ", ".join(f"{k if k != 'pending' else pending}: {n}" for k, n in data["decisions"].items() if n)
        summary = t("{pairs} duplicate pair(s) ({counts}); {shared} shared element(s) kept once; {renamed} id(s) of "
                    "B prefixed with {prefix}; {union} elements side by side, {elements} after the decisions").format(
            pairs=len(self.pairs), counts=counts or t("none"), shared=data["shared"], renamed=data["renamed"],
            prefix=repr(self.prefix), union=data["union_elements"], elements=data["elements"])
        title = t("Province merge: {title}")
        rows = [(p, d["a_name"], d["b_name"]) for p, d in zip(self.pairs, data["pairs"], strict=True)]
        if fmt == "markdown":
            lines = ["# " + title.format(title=md_escape(data["title"])), "", summary + ".", "",
                     f"| {t('framework block')} | A | B | {t('decision')} |", "|---|---|---|---|"]
            for p, a_name, b_name in rows:
                lines.append(f"| {md_code(p.implements or '-')} | {md_code(p.a)} {md_escape(a_name)} "
                             f"| {md_code(p.merged_b)} {md_escape(b_name)} | {p.decision or f'**{pending}**'} |")
            return "\n".join(lines) + "\n"
        lines = [term_safe(title.format(title=data["title"])), term_safe(summary)]
        upper = pending.upper()
        width = max(8, len(upper))
        for p, a_name, b_name in rows:
            lines.append(term_safe(f"  {p.decision or upper:{width}} {p.implements or '-'}: {p.a} ({a_name}) / "
                                   f"{p.merged_b} ({b_name})"))
        return "\n".join(lines) + "\n"


def _name(e: Any) -> str:
    return e.name.get("en", fallback=True) or e.id


def _same_apart_from_provenance(x: Any, y: Any) -> bool:
    if type(x) is not type(y):
        return False
    dx, dy = x.__dict__, y.__dict__
    return all(dx[k] == dy[k] for k in dx if k not in _PROVENANCE)


def _slug(text: Optional[str]) -> Optional[str]:
    from .modeldiff.match import normalise_name

    slug = re.sub(r"[^a-z0-9]+", "", normalise_name(text).replace("đ", "d"))
    return slug if slug and slug[0].isalpha() else None


def _sources_union(x: Any, y: Any) -> Any:
    """``x`` with the sources of ``y`` added (``x`` itself when nothing is added)."""
    if x.sources == y.sources or not y.sources:
        return x
    extra = tuple(s for s in y.sources if s not in x.sources)
    return x.model_copy(update={"sources": (*x.sources, *extra)}) if extra else x


def merge_provinces(a: ArchitectureModel, b: ArchitectureModel, decisions: Optional[Decisions] = None, *,
                    title: Optional[Any] = None, province: Optional[Any] = None,
                    prefix: Optional[str] = None) -> ProvinceMergeResult:
    """Merge the architectures of two provinces into the architecture of the merged unit.

    The union of both, with:

    * **shared** elements (the same id and type in both, with ``scope`` national or
      external, or equal apart from their provenance) kept once, with the sources of both;
    * B's other ids that A has too **prefixed** (``prefix`` or the decisions file's, else
      B's province name as a slug: ``binhphuoc.prov.lgsp``); relationships and views of
      B follow; a same-id view of both takes B's members when neither has stored geometry;
    * **duplicate pairs**: a block of A and a block of B, of the same type, that implement
      the same framework block (``implements``), matched by id first, then by name; each
      takes the decision of ``decisions`` (see :data:`DECISIONS`), else stays pending
      (both kept as they are);
    * metadata: A's, with the sources tables of both (a source id of B that means
      something else in A prefixed), ``title``/``province`` (a string for both languages,
      a :class:`~eaframe.attributes.Text` or a mapping) or the decisions file's ``metadata``.

    Raises
    ------
    ProvinceMergeError
        Different framework versions; an id collision prefixing cannot resolve; a
        decisions file naming unknown ids or contradicting itself (a block kept in one
        pair and removed or retired in another); a merged model that does not validate.
    """
    return without_gc(_merge_provinces, a, b, decisions or Decisions(), title, province, prefix)


def _merge_provinces(a: ArchitectureModel, b: ArchitectureModel, decisions: Decisions, title: Any,
                     province: Any, prefix: Optional[str]) -> ProvinceMergeResult:
    va, vb = a.metadata.framework_version, b.metadata.framework_version
    if va and vb and va != vb:
        raise ProvinceMergeError(msg("the models realise different framework versions ({a} and {b}); bring both "
                                     "to the same version first (eaframe diff shows what changes)", a=va, b=vb),
                                 "both")
    pfx = (prefix or decisions.prefix
           or _slug(b.metadata.province.get("en", fallback=True) if b.metadata.province else None) or "b")
    a_ids: set[str] = {x.id for key, _ in SEQUENCES for x in getattr(a, key)}
    b_ids: set[str] = {x.id for key, _ in SEQUENCES for x in getattr(b, key)}
    ren: dict[str, str] = {}

    def rename(cid: str) -> str:
        new = f"{pfx}.{cid}"
        if new in a_ids or new in b_ids:
            raise ProvinceMergeError(msg("id {id} is in both models and the prefixed id {new} is taken too (in "
                                         "{side}); choose another prefix (--prefix)", id=repr(cid), new=repr(new),
                                         side="A" if new in a_ids else "B"), "both", cid)
        ren[cid] = new
        return new

    # sources tables: B's source ids that mean something else in A get the prefix
    src_ren: dict[str, str] = {}
    sources = dict(a.metadata.sources)
    for sid, src in b.metadata.sources.items():
        if sid in sources and sources[sid] != src:
            new = f"{pfx}.{sid}"
            if new in sources or new in b.metadata.sources:
                raise ProvinceMergeError(msg("source id {id} means different sources in the two models and {new} "
                                             "is taken too; choose another prefix (--prefix)", id=repr(sid),
                                             new=repr(new)), "both", sid)
            src_ren[sid] = new
            sources[new] = src
        else:
            sources.setdefault(sid, src)
    a_el = {e.id: e for e in a.elements}
    merged_el: dict[str, Any] = dict(a_el)
    shared: list[str] = []
    b_new: list[Any] = []
    b_default = tuple(b.metadata.default_sources)
    for e in b.elements:
        upd: dict[str, Any] = {}
        if src_ren and any(s in src_ren for s in e.sources):
            upd["sources"] = tuple(src_ren.get(s, s) for s in e.sources)
        elif not e.sources and b_default and b_default != tuple(a.metadata.default_sources):
            upd["sources"] = tuple(src_ren.get(s, s) for s in b_default)
        if upd:
            e = e.model_copy(update=upd)
        other = a_el.get(e.id)
        if other is not None:
            if type(other) is type(e) and (str(getattr(e, "scope", None)) in SHARED_SCOPES
                                            or _same_apart_from_provenance(other, e)):
                shared.append(e.id)
                merged_el[e.id] = _sources_union(other, e)
                continue
            e = e.model_copy(update={"id": rename(e.id)})
        elif e.id in a_ids:
            e = e.model_copy(update={"id": rename(e.id)})
        b_new.append(e)
    b_new = [remap(e, "element", ren) for e in b_new]
    # relationships: B's follow the renamed ends; one with the same id, type and ends as A's is shared
    a_rel = {r.id: r for r in a.relationships}
    merged_rel: dict[str, Any] = dict(a_rel)
    b_rel_new: list[Any] = []
    for r in b.relationships:
        r = remap(r, "relationship", ren)
        if src_ren and any(s in src_ren for s in r.sources):
            r = r.model_copy(update={"sources": tuple(src_ren.get(s, s) for s in r.sources)})
        twin = a_rel.get(r.id)
        if twin is not None and (twin.type, twin.source, twin.target) == (r.type, r.source, r.target):
            merged_rel[r.id] = _sources_union(twin, r)
            continue
        if r.id in a_ids:
            r = r.model_copy(update={"id": rename(r.id)})
        b_rel_new.append(r)
    # views: a view of both without stored geometry takes B's members
    a_view = {v.id: v for v in a.views}
    merged_views: dict[str, Any] = dict(a_view)
    b_view_new: list[Any] = []
    for v in b.views:
        v = remap(v, "view", ren)
        same = a_view.get(v.id)
        if same is not None and same.diagram is None and v.diagram is None:
            merged_views[v.id] = _union_view(same, v)
            continue
        if v.id in a_ids:
            v = v.model_copy(update={"id": rename(v.id)})
        b_view_new.append(v)
    metadata = _province_metadata(a, b, decisions, title, province, sources)
    union_md = a.metadata.model_copy(update={"sources": sources, "title": _join_titles(a, b)})
    lenient = bool(a.metadata.lenient or b.metadata.lenient)
    union = _Union(a.eaframe, union_md, [*merged_el.values(), *b_new], [*merged_rel.values(), *b_rel_new],
                   [*merged_views.values(), *b_view_new], lenient)
    pairs = _pairs(a, b, ren, shared, decisions)
    model = _apply_decisions(union, pairs, metadata, lenient, decisions)
    fields = {k: v for k, v in metadata.model_dump(mode="json", exclude_defaults=True).items()
              if k in decisions.metadata}
    return ProvinceMergeResult(model, union, tuple(pairs), ren, tuple(shared), pfx, fields)


def _union_view(x: Any, y: Any) -> Any:
    elements = list(dict.fromkeys([*x.elements, *y.elements]))
    if x.relationships is None and y.relationships is None:
        rels = None
    else:
        rels = list(dict.fromkeys([*(x.relationships or []), *(y.relationships or [])]))
    return x.model_copy(update={"elements": elements, "relationships": rels})


def _join_titles(a: ArchitectureModel, b: ArchitectureModel) -> Text:
    ta, tb = a.metadata.title, b.metadata.title
    return Text(vi=f"{ta.get('vi', fallback=True)} + {tb.get('vi', fallback=True)}",
                en=f"{ta.get('en', fallback=True)} + {tb.get('en', fallback=True)}")


def _text_arg(value: Any) -> Any:
    if isinstance(value, str):
        return {"vi": value, "en": value}
    return value


def _province_metadata(a: ArchitectureModel, b: ArchitectureModel, decisions: Decisions, title: Any,
                       province: Any, sources: dict) -> ModelMetadata:
    data = a.metadata.model_dump(mode="json", exclude_defaults=True)
    data["sources"] = {k: v.model_dump(mode="json", exclude_defaults=True) for k, v in sources.items()}
    data["title"] = _join_titles(a, b).model_dump(mode="json", exclude_defaults=True)
    data.update(decisions.metadata)
    if title is not None:
        data["title"] = _text_arg(title)
    if province is not None:
        data["province"] = _text_arg(province)
    try:
        return ModelMetadata.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        loc = tuple(first["loc"])
        where = ".".join(str(x) for x in loc)
        given = {"title": title, "province": province}
        at = (decisions.place(("metadata", *loc)) if loc and loc[0] in decisions.metadata
              and given.get(str(loc[0])) is None else {})
        raise ProvinceMergeError(msg("the merged metadata is invalid at {field}: {problem} (check the decisions "
                                     "file's metadata, --title and --province)", field=where, problem=first["msg"]),
                                 "decisions", **at) from None


def _build_model(version: Any, metadata: Any, elements: list, relationships: list, views: list,
                 lenient: bool, pairs: tuple[DuplicatePair, ...] = (),
                 decisions: Optional[Decisions] = None) -> ArchitectureModel:
    """The model of the merged concepts; an invalid one is an error naming the decision that made it
    (the pair of ``pairs`` that holds the concept at fault, at its place in the ``decisions`` file)."""
    try:
        return ArchitectureModel.model_validate(
            {"eaframe": version, "metadata": metadata, "elements": elements, "relationships": relationships,
             "views": views}, context={"strict": not lenient})
    except ModelValidationError as err:
        first = next((p for p in err.problems if p.severity == "error"), err.problems[0] if err.problems else None)
        cid = first.concept_id if first is not None else None
        pair = next((p for p in pairs if p.decision and cid in (p.a, p.merged_b)), None)
        at = decisions.pair_place((pair.a, pair.b), "decision") if pair is not None and decisions else {}
        raise ProvinceMergeError(msg("the merged model is invalid: {problem}; a decision that joins blocks of "
                                     "different types cannot be applied", problem=str(first if first is not None
                                                                                      else err)),
                                 "decisions", cid, **at) from None


def _pairs(a: ArchitectureModel, b: ArchitectureModel, ren: dict[str, str],
           shared: list[str], decisions: Decisions) -> list[DuplicatePair]:
    from .modeldiff.match import name_similarity

    shared_set = set(shared)
    by_impl_a: dict[str, list[Any]] = {}
    by_impl_b: dict[str, list[Any]] = {}
    for side, groups in ((a, by_impl_a), (b, by_impl_b)):
        for e in side.elements:
            impl = getattr(e, "implements", None)
            if impl and e.id not in shared_set:
                groups.setdefault(impl, []).append(e)
    found: list[tuple[Any, Any, Optional[str]]] = []
    for impl, xs in by_impl_a.items():
        ys = by_impl_b.get(impl)
        if not ys:
            continue
        free_x, free_y = list(xs), list(ys)
        for x in xs:  # the same id first
            y = next((y for y in free_y if y.id == x.id and y.type == x.type), None)
            if y is not None:
                found.append((x, y, impl))
                free_x.remove(x)
                free_y.remove(y)
        if len(free_x) == 1 and len(free_y) == 1 and free_x[0].type == free_y[0].type:
            found.append((free_x[0], free_y[0], impl))
            continue
        scored = sorted(((name_similarity(x.name, y.name), i, j) for i, x in enumerate(free_x)
                         for j, y in enumerate(free_y) if x.type == y.type), reverse=True)
        used_x: set[int] = set()
        used_y: set[int] = set()
        for score, i, j in scored:
            if score >= DEFAULT_THRESHOLD and i not in used_x and j not in used_y:
                used_x.add(i)
                used_y.add(j)
                found.append((free_x[i], free_y[j], impl))
    a_el = {e.id: e for e in a.elements}
    b_el = {e.id: e for e in b.elements}
    known = {(x.id, y.id) for x, y, _ in found}
    for (aid, bid) in decisions.pairs:  # pairs only the decisions file declares
        if (aid, bid) in known:
            continue
        if aid not in a_el:
            raise ProvinceMergeError(msg("the decisions name {id} as a block of A, but A has no element {id}; fix "
                                         "the id or remove the pair", id=repr(aid)), "decisions", aid,
                                     **decisions.pair_place((aid, bid), "a"))
        if bid not in b_el:
            raise ProvinceMergeError(msg("the decisions name {id} as a block of B, but B has no element {id}; fix "
                                         "the id or remove the pair", id=repr(bid)), "decisions", bid,
                                     **decisions.pair_place((aid, bid), "b"))
        found.append((a_el[aid], b_el[bid], None))
    order = {e.id: k for k, e in enumerate(a.elements)}
    found.sort(key=lambda t: order[t[0].id])
    return [DuplicatePair(x.id, y.id, ren.get(y.id, y.id), impl, x.type, _name(x), _name(y),
                          decisions.pairs.get((x.id, y.id))) for x, y, impl in found]


def _apply_decisions(union: _Union, pairs: list[DuplicatePair], metadata: ModelMetadata,
                     lenient: bool, decisions: Optional[Decisions] = None) -> ArchitectureModel:
    fwd: dict[str, str] = {}  # removed (or migrated) element -> the block that takes its relationships
    drop: set[str] = set()
    retired: dict[str, DuplicatePair] = {}  # id -> the pair that retires it
    removed: dict[str, DuplicatePair] = {}  # id -> the pair that removes it
    kept: dict[str, DuplicatePair] = {}  # id -> the pair that keeps it
    merge_into: dict[str, str] = {}
    migrate: dict[str, str] = {}

    def place(p: DuplicatePair) -> dict[str, Any]:
        return decisions.pair_place((p.a, p.b), "decision") if decisions is not None else {}

    def label(p: DuplicatePair) -> str:
        return decisions.pair_line((p.a, p.b)) if decisions is not None else f"{p.a} / {p.b}"

    for p in pairs:
        if p.decision is None:
            continue
        a_id, b_id = p.a, p.merged_b
        if p.decision == "retire":
            retired[a_id] = retired[b_id] = p
            continue
        keep, gone = (b_id, a_id) if p.decision == "keep-b" else (a_id, b_id)
        kept[keep] = p
        if p.decision == "migrate":
            migrate[gone] = keep
            retired[gone] = p
        else:
            fwd[gone] = keep
            drop.add(gone)
            removed[gone] = p
            if p.decision == "merge":
                merge_into[gone] = keep
    for table, what in ((retired, N_("retires")), (removed, N_("removes"))):
        for cid, p in table.items():
            keeper = kept.get(cid)
            if keeper is not None:
                raise ProvinceMergeError(msg("the decisions contradict each other: pair {pair} {what} {id}, which "
                                             "pair {keeper} keeps; change one of the two decisions",
                                             pair=label(p), what=msg(what), id=repr(cid), keeper=label(keeper)),
                                         "decisions", cid, **place(p))
    seen_gone: dict[str, DuplicatePair] = {}
    for p in pairs:
        if p.decision in (None, "retire"):
            continue
        gone = p.a if p.decision == "keep-b" else p.merged_b
        if gone in seen_gone:
            raise ProvinceMergeError(msg("the decisions contradict each other: {id} is given up in two pairs "
                                         "({first} and {second}); keep one", id=repr(gone),
                                         first=label(seen_gone[gone]), second=label(p)),
                                     "decisions", gone, **place(p))
        seen_gone[gone] = p
    # chains (x -> y, y -> z) resolve to the final block
    for k in list(fwd):
        seen = {k}
        target = fwd[k]
        while target in fwd and target not in seen:
            seen.add(target)
            target = fwd[target]
        fwd[k] = target
    by_id = {e.id: e for e in union.elements}
    elements: list[Any] = []
    for e in union.elements:
        if e.id in drop:
            continue
        upd: dict[str, Any] = {}
        if e.id in retired and "status" in type(e).model_fields:
            upd["status"] = "retired"
        if e.id in migrate:
            upd["properties"] = {**e.properties, "merge.migrate_to": migrate[e.id]}
        for gone, keep in merge_into.items():
            if keep == e.id:
                other = by_id[gone]
                upd["sources"] = (*e.sources, *(s for s in other.sources if s not in e.sources))
                upd["properties"] = {**other.properties, **upd.get("properties", e.properties)}
        if upd:
            e = type(e).model_validate({**e.model_dump(mode="json", exclude_defaults=True), **_jsonable(upd)})
        elements.append(remap(e, "element", fwd))
    rels: list[Any] = []
    rel_fwd: dict[str, str] = {}
    by_ends: dict[tuple[str, str, str], str] = {}
    for r in union.relationships:
        r = remap(r, "relationship", fwd)
        if r.source == r.target and (r.source in fwd.values()) and fwd:
            rel_fwd[r.id] = ""
            continue
        key = (r.type, r.source, r.target)
        first = by_ends.get(key)
        if first is not None and (r.source in fwd.values() or r.target in fwd.values()):
            rel_fwd[r.id] = first
            continue
        by_ends.setdefault(key, r.id)
        rels.append(r)
    views = []
    dropped_ids = drop | {k for k, v in rel_fwd.items()}
    for v in union.views:
        v2 = remap(v, "view", fwd)
        if rel_fwd and v2.relationships is not None and any(x in rel_fwd for x in v2.relationships):
            v2 = v2.model_copy(update={"relationships": list(dict.fromkeys(
                rel_fwd.get(x, x) for x in v2.relationships if rel_fwd.get(x, x)))})
        if v2.diagram is not None and any(x in dropped_ids for x in _diagram_refs(v2.diagram)):
            v2 = v2.model_copy(update={"diagram": None})  # stored geometry of a removed block: laid out again
        views.append(v2)
    return _build_model(union.eaframe, metadata, elements, rels, views, lenient, tuple(pairs), decisions)


def _diagram_refs(diagram: Any) -> set[str]:
    data = diagram.model_dump(mode="json")
    out: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("element", "relationship", "ref", "concept") and isinstance(v, str):
                    out.add(v)
                walk(v)
        elif isinstance(node, list):
            for x in node:
                walk(x)

    walk(data)
    return out


def _jsonable(upd: dict[str, Any]) -> dict[str, Any]:
    out = dict(upd)
    if "sources" in out:
        out["sources"] = list(out["sources"])
    return out
