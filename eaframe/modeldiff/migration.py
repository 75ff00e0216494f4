"""The diff as ArchiMate implementation-and-migration concepts: :func:`migration_model`.

The result is an ordinary :class:`~eaframe.model.ArchitectureModel` (valid with
``strict=True``), so it can be saved, exported to ArchiMate exchange XML or drawn:

- a **Plateau** for each version (``migration.plateau.old``, ``migration.plateau.new``),
  the old one triggering the new one;
- a **Gap** (``migration.gap``) associated with both plateaus and with every element
  that was added, removed, modified, renamed or retyped (the association carries the
  change kind in its ``diff.change`` property and as its name);
- the changed elements themselves (id, type and name; with ``old``/``new`` given, also
  documentation, sources and confidence), aggregated by the plateau(s) they belong to:
  added ones by the new plateau, removed ones by the old plateau, changed ones by both;
- optionally a **WorkPackage** per added building block (``migration.wp.<id>``) that
  realises it and is associated with the gap.

Examples
--------
>>> import eaframe
>>> a = eaframe.synthetic_model(30, seed=1)
>>> b = eaframe.synthetic_model(34, seed=1)
>>> m = migration_model(eaframe.diff(a, b))
>>> [e.type for e in m.elements[:3]]
['Plateau', 'Plateau', 'Gap']
>>> sum(1 for e in m.elements if e.type == "WorkPackage")
4
"""

from __future__ import annotations

from typing import Optional

from ..attributes import Text
from ..elements import ELEMENT_TYPES, Layer
from ..exceptions import DiffApplyError
from ..model import ArchitectureModel
from ..validity import is_allowed
from .model import ModelDiff

__all__ = ["migration_model", "WORK_PACKAGE_LAYERS", "PREFIX"]

#: Prefix of the ids of the concepts the migration model adds.
PREFIX = "migration."

#: Layers whose added elements get a work package ("building blocks").
WORK_PACKAGE_LAYERS = frozenset({Layer.STRATEGY, Layer.BUSINESS, Layer.APPLICATION, Layer.TECHNOLOGY, Layer.PHYSICAL})

_KIND_VI = {"added": "bổ sung", "removed": "loại bỏ", "modified": "thay đổi", "renamed": "đổi định danh",
            "retyped": "đổi loại"}


def _title(info: dict, lang: str, fallback: str) -> str:
    title = info.get("title", {})
    text = title.get(lang) or title.get("en") or title.get("vi") or fallback
    version = info.get("framework_version")
    if version and version not in text:
        text += f" ({version})"
    return text


def migration_model(d: ModelDiff, old: Optional[ArchitectureModel] = None, new: Optional[ArchitectureModel] = None,
                    work_packages: bool = True) -> ArchitectureModel:
    """The diff ``d`` as plateaus, a gap and work packages.

    Parameters
    ----------
    d
        A diff from :func:`eaframe.diff`.
    old, new
        The two models the diff was computed from (optional): when given, the copies
        of changed elements keep their documentation, sources and confidence, and the
        sources they cite are copied into the metadata.
    work_packages
        Add a work package for each added element of the strategy, business,
        application, technology and physical layers.

    Returns
    -------
    ArchitectureModel
        Valid with ``strict=True``.
    """
    old_label = {lang: _title(d.old_info, lang, "old") for lang in ("vi", "en")}
    new_label = {lang: _title(d.new_info, lang, "new") for lang in ("vi", "en")}
    basis = ["I"]
    doc = Text(vi="Suy ra bởi eaframe từ so sánh hai phiên bản kiến trúc.",
               en="Derived by eaframe from the diff of two architecture versions.")
    p_old, p_new, gap = PREFIX + "plateau.old", PREFIX + "plateau.new", PREFIX + "gap"
    elements: list[dict] = [
        {"id": p_old, "type": "Plateau", "name": old_label, "documentation": doc, "confidence": basis[0]},
        {"id": p_new, "type": "Plateau", "name": new_label, "documentation": doc, "confidence": basis[0]},
    ]
    counts = d.summary()
    gap_props = {f"{subject}.{kind}": str(n) for subject in ("elements", "relationships", "views")
                 for kind, n in counts[subject].items() if n}
    if counts["metadata"]:
        gap_props["metadata.fields"] = str(counts["metadata"])
    elements.append({"id": gap, "type": "Gap",
                     "name": {"vi": f"Khoảng cách: {old_label['vi']} → {new_label['vi']}",
                              "en": f"Gap: {old_label['en']} → {new_label['en']}"},
                     "documentation": doc, "confidence": basis[0], "properties": gap_props})
    rels: list[dict] = [
        {"id": PREFIX + "r.transition", "type": "Triggering", "source": p_old, "target": p_new, "confidence": "I"},
        {"id": PREFIX + "r.gap.old", "type": "Association", "source": gap, "target": p_old, "confidence": "I"},
        {"id": PREFIX + "r.gap.new", "type": "Association", "source": gap, "target": p_new, "confidence": "I"},
    ]
    used_sources: set[str] = set()
    old_by_id = {x.id: x for x in old.elements} if old is not None else {}
    new_by_id = {x.id: x for x in new.elements} if new is not None else {}
    taken = {p_old, p_new, gap}
    wps: list[dict] = []
    for c in d.elements:
        if c.id in taken or c.id.startswith(PREFIX):
            raise DiffApplyError(f"element id {c.id!r} clashes with the ids of the migration model ({PREFIX}*)")
        taken.add(c.id)
        e: dict = {"id": c.id, "type": c.type, "name": dict(c.name), "properties": {"diff.change": c.kind}}
        if c.old_id and c.old_id != c.id:
            e["properties"]["diff.old_id"] = c.old_id
        if c.old_type and c.old_type != c.type:
            e["properties"]["diff.old_type"] = c.old_type
        original = (old_by_id if c.kind == "removed" else new_by_id).get(c.id)
        if original is not None:
            if original.documentation:
                e["documentation"] = original.documentation
            if original.sources:
                e["sources"] = list(original.sources)
                used_sources.update(original.sources)
            if original.confidence:
                e["confidence"] = original.confidence
        elements.append(e)
        plateaus = {"added": (p_new,), "removed": (p_old,)}.get(c.kind, (p_old, p_new))
        for p in plateaus:
            if c.type and is_allowed("Plateau", "Aggregation", c.type):
                side = "old" if p == p_old else "new"
                rels.append({"id": f"{PREFIX}r.{side}.{c.id}", "type": "Aggregation", "source": p, "target": c.id,
                             "confidence": "I"})
        rels.append({"id": f"{PREFIX}r.gap.{c.id}", "type": "Association", "source": gap, "target": c.id,
                     "name": {"vi": _KIND_VI[c.kind], "en": c.kind}, "confidence": "I",
                     "properties": {"diff.change": c.kind}})
        cls = ELEMENT_TYPES.get(c.type or "")
        if work_packages and c.kind == "added" and cls is not None and cls.layer in WORK_PACKAGE_LAYERS:
            wid = f"{PREFIX}wp.{c.id}"
            wps.append({"id": wid, "type": "WorkPackage",
                        "name": {"vi": f"Triển khai {c.name.get('vi') or c.name.get('en') or c.id}",
                                 "en": f"Implement {c.name.get('en') or c.name.get('vi') or c.id}"},
                        "documentation": doc, "confidence": "I"})
            if c.type and is_allowed("WorkPackage", "Realization", c.type):
                rels.append({"id": f"{PREFIX}r.wp.{c.id}", "type": "Realization", "source": wid, "target": c.id,
                             "confidence": "I"})
            rels.append({"id": f"{PREFIX}r.wpgap.{c.id}", "type": "Association", "source": wid, "target": gap,
                         "confidence": "I"})
    elements += wps
    sources = {}
    for model in (old, new):
        if model is not None:
            for sid, src in model.metadata.sources.items():
                if sid in used_sources and sid not in sources:
                    sources[sid] = src
    metadata = {
        "title": {"vi": f"Lộ trình chuyển đổi: {old_label['vi']} → {new_label['vi']}",
                  "en": f"Migration: {old_label['en']} → {new_label['en']}"},
        "framework_version": d.new_info.get("framework_version"),
        "documentation": doc,
        "sources": dict(sorted(sources.items())),
    }
    view = {"id": PREFIX + "view", "name": {"vi": "Lộ trình chuyển đổi", "en": "Migration"},
            "viewpoint": "Migration", "elements": [e["id"] for e in elements], "layout": {"direction": "LR"}}
    return ArchitectureModel.build(metadata, elements, rels, [view], strict=True)

