"""Property tests (hypothesis) of the version diff: apply(a, diff(a, b)) == b, the inverse, diff(a, a) empty."""

from __future__ import annotations

import string

import jsonschema
from edits_support import edit_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eaframe import ArchitectureModel, apply, diff, invert, synthetic_model
from eaframe.elements import ELEMENT_TYPES
from eaframe.modeldiff import render
from eaframe.modelfile import to_data
from eaframe.synthetic import TYPE_MIX, synthetic_data
from eaframe.validity import allowed_relationships

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TYPES = sorted(TYPE_MIX)
words = st.sampled_from(["Cổng", "Dịch vụ công", "Một cửa", "LGSP", "Trục văn bản", "Đồng Nai", "Portal", "Hub"])
keys = st.text(string.ascii_letters + ".", min_size=1, max_size=6)


def canonical(m: ArchitectureModel) -> dict:
    data = to_data(m)
    for key in ("elements", "relationships", "views"):
        data[key] = sorted(data.get(key, []), key=lambda c: c["id"])
    return data


def check_round_trip(a: ArchitectureModel, b: ArchitectureModel, detect_renames: bool = True) -> None:
    d = diff(a, b, detect_renames=detect_renames)
    assert apply(a, d) == b
    assert apply(b, invert(d)) == a
    assert not diff(b, apply(a, d))
    assert not diff(a, a) and not diff(b, b)
    # empty exactly when the models hold the same concepts (their order in the file aside)
    assert (not d) == (canonical(a) == canonical(b))
    jsonschema.validate(d.to_dict(), render.JSON_SCHEMA)


@SETTINGS
@given(n=st.integers(2, 60), seed=st.integers(0, 10_000), fraction=st.floats(0.02, 0.6),
       edit_seed=st.integers(0, 10_000), detect=st.booleans())
def test_random_edits_of_synthetic_models(n, seed, fraction, edit_seed, detect):
    data = synthetic_data(n, seed)
    a = ArchitectureModel.model_validate(data)
    b = ArchitectureModel.model_validate(edit_data(data, fraction, edit_seed))
    check_round_trip(a, b, detect)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 40), m=st.integers(2, 40), s1=st.integers(0, 1000), s2=st.integers(0, 1000))
def test_unrelated_synthetic_models(n, m, s1, s2):
    check_round_trip(synthetic_model(n, s1), synthetic_model(m, s2))


@st.composite
def edited_pairs(draw):
    """A small synthetic model and a copy changed by explicit, drawn edits."""
    data = synthetic_data(draw(st.integers(3, 25)), draw(st.integers(0, 500)))
    elements = [dict(e) for e in data["elements"]]
    rels = [dict(r) for r in data["relationships"]]
    for step in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["add", "remove", "retype", "rename", "attrs", "props", "reid", "add_rel",
                                   "remove_rel", "doc"]))
        if not elements:
            break
        i = draw(st.integers(0, len(elements) - 1))
        e = elements[i]
        if op == "add":
            elements.insert(draw(st.integers(0, len(elements))), {
                "id": f"x{step}", "type": draw(st.sampled_from(TYPES)), "name": {"vi": draw(words), "en": draw(words)}})
        elif op == "remove" and len(elements) > 2:
            gone = elements.pop(i)["id"]
            rels = [r for r in rels if gone not in (r["source"], r["target"])]
        elif op == "retype":
            e["type"] = draw(st.sampled_from(TYPES))
            for k in ("security_level", "protection_plan_approved", "public_facing", "procurement", "service_level",
                      "dossiers_total", "dossiers_online", "status"):
                e.pop(k, None)
        elif op == "rename":
            e["name"] = {**(e.get("name") or {}), draw(st.sampled_from(["vi", "en"])): draw(words)}
        elif op == "attrs":
            e["status"] = draw(st.sampled_from(["existing", "planned", "retired"]))
            e["security_level"] = draw(st.integers(1, 5))
            e["public_facing"] = draw(st.booleans())
        elif op == "props":
            e["properties"] = draw(st.dictionaries(keys, words, max_size=3))
        elif op == "doc":
            e["documentation"] = draw(st.one_of(st.none(), st.builds(lambda v: {"vi": v}, words)))
        elif op == "reid":
            old_id, new_id = e["id"], f"{e['id']}_{step}"
            e["id"] = new_id
            for r in rels:
                r["source"] = new_id if r["source"] == old_id else r["source"]
                r["target"] = new_id if r["target"] == old_id else r["target"]
        elif op == "add_rel":
            s, t = draw(st.sampled_from(elements)), draw(st.sampled_from(elements))
            allowed = sorted(allowed_relationships(s["type"], t["type"]))
            if allowed:
                rels.append({"id": f"y{step}", "type": draw(st.sampled_from(allowed)), "source": s["id"],
                             "target": t["id"]})
        elif op == "remove_rel" and rels:
            rels.pop(draw(st.integers(0, len(rels) - 1)))
    # only the fields that each (possibly retyped) element's type takes
    elements = [{k: v for k, v in e.items() if k in ELEMENT_TYPES[e["type"]].model_fields} for e in elements]
    types = {e["id"]: e["type"] for e in elements}
    rels = [r for r in rels if r["source"] in types and r["target"] in types
            and r["type"] in allowed_relationships(types[r["source"]], types[r["target"]])]
    for r in rels:
        if r["type"] != "Access":
            r.pop("access_type", None)
    views = [dict(v, elements=[x for x in v["elements"] if x in types]) for v in data["views"]]
    new = dict(data, elements=elements, relationships=rels, views=views)
    return ArchitectureModel.model_validate(data), ArchitectureModel.model_validate(new)


@SETTINGS
@given(edited_pairs(), st.booleans())
def test_explicit_edits(pair, detect):
    check_round_trip(*pair, detect)


@SETTINGS
@given(edited_pairs())
def test_diff_is_deterministic(pair):
    assert diff(*pair).to_json() == diff(*pair).to_json()
    assert invert(invert(diff(*pair))).to_dict() == diff(*pair).to_dict()
