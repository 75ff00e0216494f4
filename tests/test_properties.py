"""Property-based tests (hypothesis) of the model-file reader and writer."""

from __future__ import annotations

import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eaframe
from eaframe import ArchitectureModel, EaframeError, dumps, loads, synthetic_model
from eaframe.elements import ELEMENT_TYPES
from eaframe.validity import allowed_relationships

ids = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.\-]{0,12}", fullmatch=True)
texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
vi_words = st.sampled_from(["Người dân", "Cổng Dịch vụ công", "Trục liên thông văn bản", "Đồng Nai", "Hồ sơ"])


@st.composite
def models(draw):
    n = draw(st.integers(1, 12))
    element_ids = draw(st.lists(ids, min_size=n, max_size=n, unique=True))
    elements = []
    for eid in element_ids:
        t = draw(st.sampled_from(sorted(ELEMENT_TYPES)))
        e = {"id": eid, "type": t}
        if draw(st.booleans()):
            e["name"] = {"vi": draw(vi_words), "en": draw(texts)}
        if draw(st.booleans()):
            e["security_level"] = draw(st.integers(1, 5))
        if draw(st.booleans()):
            e["status"] = draw(st.sampled_from(["existing", "planned", "retired"]))
        if draw(st.booleans()):
            e["properties"] = draw(st.dictionaries(st.text(string.ascii_letters, min_size=1, max_size=8), texts, max_size=3))
        fields = ELEMENT_TYPES[t].model_fields  # e.g. no security_level on a Goal, no status on a junction
        elements.append({k: v for k, v in e.items() if k in fields})
    rels = []
    used = set(element_ids)
    for k in range(draw(st.integers(0, 15))):
        s, t = draw(st.sampled_from(elements)), draw(st.sampled_from(elements))
        allowed = sorted(allowed_relationships(s["type"], t["type"]))
        if not allowed:
            continue
        rid = f"rel_{k}"
        if rid in used:
            continue
        used.add(rid)
        rels.append({"id": rid, "type": draw(st.sampled_from(allowed)), "source": s["id"], "target": t["id"]})
    return ArchitectureModel.build({"title": {"vi": draw(vi_words), "en": draw(texts)}}, elements, rels)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models())
def test_yaml_round_trip(m):
    text = dumps(m)
    back = loads(text)
    assert back == m
    assert dumps(back) == text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models())
def test_json_round_trip_and_equivalence(m):
    text = dumps(m, "json")
    assert loads(text, format="json") == m == loads(dumps(m))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_files_fail_only_with_eaframe_errors(data):
    base = dumps(synthetic_model(8, seed=data.draw(st.integers(0, 3))))
    pos = data.draw(st.integers(0, len(base) - 1))
    junk = data.draw(st.text(max_size=5))
    cut = data.draw(st.integers(0, 5))
    mutated = base[:pos] + junk + base[pos + cut:]
    try:
        m = loads(mutated)
    except EaframeError as err:
        assert str(err)
    else:
        assert isinstance(m, ArchitectureModel)


@settings(max_examples=80, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
                    max_leaves=15))
def test_arbitrary_json_documents_fail_cleanly(doc):
    try:
        loads(json.dumps(doc), format="json")
    except EaframeError:
        pass


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 60), st.integers(0, 10**6))
def test_synthetic_models_always_validate_strictly(n, seed):
    m = synthetic_model(n, seed=seed)
    assert len(m.elements) == n and not m.warnings
    assert eaframe.loads(dumps(m)) == m
