"""Reproducible random edits of a model, for property tests and the diff benchmark.

Test-support code, not part of the installed package: tests import it as
``from edits_support import edit_data``, benchmarks/bench_diff.py by path.

:func:`edit_data` changes a given fraction of the concepts of a model's plain data —
renames, attribute and property changes, retypes, removals, additions, id changes
(which rename detection should find), relationship additions, removals and retypes,
group membership, view and metadata changes — and keeps the model valid (strict
ArchiMate 3.2 relationships, no dangling references).

Examples
--------
>>> from eaframe.synthetic import synthetic_model
>>> a = synthetic_model(100, seed=1)
>>> b = random_edits(a, fraction=0.1, seed=7)
>>> import eaframe
>>> d = eaframe.diff(a, b)
>>> bool(d), eaframe.apply(a, d) == b
(True, True)
"""

from __future__ import annotations

import copy
import random
from typing import Any

from eaframe.elements import ELEMENT_TYPES
from eaframe.synthetic import TYPE_MIX
from eaframe.validity import allowed_relationships, is_allowed

__all__ = ["edit_data", "random_edits", "ELEMENT_EDITS", "RELATIONSHIP_EDITS"]

#: The kinds of element edits, drawn uniformly.
ELEMENT_EDITS = ("rename", "attribute", "property", "documentation", "retype", "remove", "reid", "add", "group")
#: The kinds of relationship edits, drawn uniformly.
RELATIONSHIP_EDITS = ("remove", "add", "retype", "modify")

_TYPES = sorted(TYPE_MIX)


def _rel_ok(r: dict, types: dict) -> bool:
    s, t = types.get(r["source"]), types.get(r["target"])
    return s is not None and t is not None and is_allowed(s, r["type"], t)


def edit_data(data: dict[str, Any], fraction: float = 0.05, seed: int = 0) -> dict[str, Any]:
    """A copy of model data with about ``fraction`` of its concepts edited.

    The input is not modified. The same ``data``, ``fraction`` and ``seed`` always give
    the same result.
    """
    rng = random.Random(seed)
    out = {k: v for k, v in data.items()}
    elements = list(data.get("elements", []))
    relationships = list(data.get("relationships", []))
    n_el = max(1, round(len(elements) * fraction))
    n_rel = max(1, round(len(relationships) * fraction)) if relationships else 0
    removed: set[str] = set()
    renamed: dict[str, str] = {}
    counter = 0
    added: list[dict] = []

    for _ in range(n_el):
        if not elements:
            break
        i = rng.randrange(len(elements))
        e = elements[i]
        if e is None or e["id"] in removed:
            continue
        op = rng.choice(ELEMENT_EDITS)
        e = copy.deepcopy(e)
        if op == "rename":
            name = dict(e.get("name") or {})
            lang = rng.choice(("vi", "en"))
            name[lang] = (name.get(lang) or e["id"]) + rng.choice((" mới", " (v2)", " cấp tỉnh", " platform"))
            e["name"] = name
        elif op == "attribute":
            e["status"] = rng.choice(("existing", "planned", "retired"))
            level = rng.randint(1, 5)
            if "security_level" in ELEMENT_TYPES[e["type"]].model_fields:
                e["security_level"] = level
            if rng.random() < 0.5:
                e.pop("confidence", None)
        elif op == "property":
            props = dict(e.get("properties") or {})
            if props and rng.random() < 0.4:
                props.pop(rng.choice(sorted(props)))
            else:
                props[rng.choice(("code", "owner.unit", "note"))] = f"v{rng.randrange(100)}"
            e["properties"] = props
        elif op == "documentation":
            e["documentation"] = {"vi": f"Mô tả {rng.randrange(1000)}", "en": f"Description {rng.randrange(1000)}"}
        elif op == "retype":
            e["type"] = rng.choice(_TYPES)
            if e["type"] not in ("ApplicationComponent", "BusinessService"):
                for k in ("security_level", "protection_plan_approved", "public_facing", "procurement",
                          "service_level", "dossiers_total", "dossiers_online", "status"):
                    e.pop(k, None)
            accepted = ELEMENT_TYPES[e["type"]].model_fields
            for k in [k for k in e if k not in accepted]:  # fields the new type does not take
                del e[k]
        elif op == "remove":
            removed.add(e["id"])
            elements[i] = None
            continue
        elif op == "reid":
            new_id = f"{e['id']}_v2"
            renamed[e["id"]] = new_id
            if rng.random() < 0.5:  # half of them declare it, the others are left to rename detection
                e["replaces"] = [e["id"]]
            e["id"] = new_id
        elif op == "add":
            counter += 1
            t = rng.choice(_TYPES)
            added.append({"id": f"new{seed}_{counter}", "type": t,
                          "name": {"vi": f"Hệ thống mới {seed} {counter}", "en": f"New system {seed} {counter}"},
                          "confidence": "I"})
            continue
        elif op == "group":
            groups = [x for x in elements if x is not None and x["type"] == "Grouping" and x["id"] not in removed]
            if groups and is_allowed("Grouping", "Aggregation", e["type"]):
                g = rng.choice(groups)
                counter += 1
                relationships.append({"id": f"grp{seed}_{counter}", "type": "Aggregation",
                                      "source": g["id"], "target": e["id"]})
            continue
        elements[i] = e

    elements = [e for e in elements if e is not None] + added
    types = {e["id"]: e["type"] for e in elements}
    ids = list(types)

    rels: list = []
    for r in relationships:
        if r["source"] in removed or r["target"] in removed:
            continue
        if r["source"] in renamed or r["target"] in renamed:
            r = dict(r, source=renamed.get(r["source"], r["source"]), target=renamed.get(r["target"], r["target"]))
        rels.append(r)
    for _ in range(n_rel):
        op = rng.choice(RELATIONSHIP_EDITS)
        if op == "add" or not rels:
            s, t = rng.choice(ids), rng.choice(ids)
            allowed = sorted(allowed_relationships(types[s], types[t]))
            if allowed:
                counter += 1
                rels.append({"id": f"rel{seed}_{counter}", "type": rng.choice(allowed), "source": s, "target": t})
            continue
        j = rng.randrange(len(rels))
        r = dict(rels[j])
        if op == "remove":
            rels[j] = None
            rels = [x for x in rels if x is not None]
            continue
        if op == "retype":
            st, tt = types.get(r["source"]), types.get(r["target"])
            if st and tt:
                options = sorted(allowed_relationships(st, tt))
                if options:
                    r["type"] = rng.choice(options)
                    if r["type"] != "Access":
                        r.pop("access_type", None)
                    r.pop("is_directed", None)
                    r.pop("modifier", None)
        else:
            r["name"] = {"en": f"link {rng.randrange(1000)}"}
            r["properties"] = {"protocol": rng.choice(("REST", "SOAP", "SFTP"))}
        rels[j] = r
    # keep only relationships whose endpoints exist and whose triple is allowed
    # (retyped elements may invalidate some)
    rels = [r for r in rels if _rel_ok(r, types)]
    out["elements"] = elements
    out["relationships"] = rels

    element_set = set(types)
    views = []
    for v in data.get("views", []):
        v = dict(v)
        v["elements"] = [renamed.get(x, x) for x in v.get("elements", []) if renamed.get(x, x) in element_set]
        if rng.random() < 0.5 and ids:
            extra = rng.choice(ids)
            if extra not in v["elements"]:
                v["elements"] = v["elements"] + [extra]
        if v.get("relationships") is not None:
            rel_ids = {r["id"] for r in rels}
            v["relationships"] = [x for x in v["relationships"] if x in rel_ids]
        views.append(v)
    out["views"] = views
    md = dict(data.get("metadata", {}))
    md["properties"] = dict(md.get("properties") or {}, edited=str(seed))
    out["metadata"] = md
    for k, e in enumerate(elements):
        owner = e.get("owner")
        if owner in removed:
            elements[k] = {key: v for key, v in e.items() if key != "owner"}
        elif owner in renamed:
            elements[k] = dict(e, owner=renamed[owner])
    return out


def random_edits(model, fraction: float = 0.05, seed: int = 0):
    """A copy of ``model`` with about ``fraction`` of its concepts edited (see :func:`edit_data`)."""
    from eaframe._gc import no_gc
    from eaframe.model import ArchitectureModel
    from eaframe.modelfile import to_data

    with no_gc():
        return ArchitectureModel.model_validate(edit_data(to_data(model), fraction, seed))

