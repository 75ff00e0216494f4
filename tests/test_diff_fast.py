"""The diff's fast path for unchanged concepts (issue 16: diff back to its earlier speed).

``same_concept`` recognises an unchanged concept without pydantic's ``__eq__`` of its
name, which asks an unset name (``Text._unset``, one per unnamed relationship) for the
``__dict__`` it makes on first request and then keeps; and the matching pass keeps the
concepts in two flat lists instead of a pair per concept. The property tests show that
the fast comparison gives the answer of the straightforward one
(``type(o) is type(n) and o.__dict__ == n.__dict__``) on generated and mutated models,
and that a diff through either is the same diff.
"""

from __future__ import annotations

import gc

import pytest
from edits_support import edit_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eaframe.modeldiff.compare as compare
from eaframe import ArchitectureModel, diff, synthetic_model
from eaframe.attributes import Confidence, Text
from eaframe.modeldiff.compare import same_concept
from eaframe.modeldiff.model import _CONFIDENCE_RANK, weakest_confidence
from eaframe.synthetic import synthetic_data


def plain_equal(o, n) -> bool:
    """The straightforward comparison the fast path stands for."""
    return type(o) is type(n) and o.__dict__ == n.__dict__


def _gc_objects_during(fn):
    """(net GC-tracked allocations during ``fn()``, GC-tracked objects left after it), with the collector paused."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        tracked = len(gc.get_objects())
        result = fn()
        allocated = gc.get_count()[0]
        del result
        gc.collect()
        return allocated, len(gc.get_objects()) - tracked
    finally:
        if enabled:
            gc.enable()


@pytest.mark.parametrize("n", [500, 3000])
def test_a_diff_allocates_nothing_per_unchanged_concept(n):
    # two equal models (separate objects) whose relationships are unnamed: before the
    # fix every compared relationship made and kept a __dict__ for each of its two
    # unset names, and the matching pass made a pair per kept concept
    a, b = synthetic_model(n, seed=2), synthetic_model(n, seed=2)
    diff(synthetic_model(n, seed=2), synthetic_model(n, seed=2))  # first use: imports, per-class getters
    allocated, left = _gc_objects_during(lambda: diff(a, b))
    assert left < 50, f"{left} objects left behind by diff of {n} elements"
    assert allocated < 200, f"{allocated} GC-tracked objects allocated by diff of {n} elements"
    assert not diff(a, b) and a == b


def test_unset_names_stay_without_a_dict_through_a_diff():
    a, b = synthetic_model(50, seed=4), synthetic_model(50, seed=4)
    diff(synthetic_model(50, seed=4), synthetic_model(50, seed=4))  # first use
    rel = b.relationships[0]
    assert not rel.name and rel.name.__pydantic_fields_set__ == set()
    gc.collect()
    before = len(gc.get_objects())
    diff(a, b)
    diff(b, a)
    assert len(gc.get_objects()) - before < 50


def _pairs(a: ArchitectureModel, b: ArchitectureModel) -> list:
    """Concept pairs to compare: same id across the versions, neighbours within one, across kinds."""
    out = []
    for old_seq, new_seq in ((a.elements, b.elements), (a.relationships, b.relationships)):
        by_id = {c.id: c for c in new_seq}
        out += [(c, by_id[c.id]) for c in old_seq if c.id in by_id]
        out += list(zip(old_seq, new_seq[1:], strict=False))
    if a.elements and b.relationships:
        out.append((a.elements[0], b.relationships[0]))
    return out


_MUTATIONS = ["name_unset", "name_empty", "name_other_in_place", "name_untagged", "name_en", "properties",
              "sources", "confidence", "copy", "dict_extra_key", "dict_missing_key", "name_not_text", "same_name"]


def _mutate(concept, op: str, other) -> None:
    """Change ``concept`` in place (``other``: a concept of the other version)."""
    if op == "name_unset":
        concept.name = Text._unset()
    elif op == "name_empty":
        concept.name = Text()
    elif op == "name_other_in_place":
        concept.name.other["fr"] = "nom"  # a change that no assignment sees
    elif op == "name_untagged":
        concept.name = Text(untagged="Portal")
    elif op == "name_en":
        concept.name = Text(en="Portal")
    elif op == "properties":
        concept.properties = {**concept.properties, "k": "v"}
    elif op == "sources":
        concept.sources = ()
    elif op == "confidence":
        concept.confidence = "I" if concept.confidence != "I" else "V"
    elif op == "dict_extra_key":
        concept.__dict__["not_a_field"] = 1
    elif op == "dict_missing_key":
        concept.__dict__.pop("documentation", None)
    elif op == "name_not_text":
        concept.__dict__["name"] = "plain string"
    elif op == "same_name":
        concept.__dict__["name"] = other.name  # the very same object on both sides


@st.composite
def mutated_pairs(draw):
    """A synthetic model, an edited copy (``edit_data``) and drawn in-place mutations of the copy."""
    data = synthetic_data(draw(st.integers(2, 30)), draw(st.integers(0, 1000)))
    a = ArchitectureModel.model_validate(data)
    b = ArchitectureModel.model_validate(edit_data(data, draw(st.floats(0.0, 0.5)), draw(st.integers(0, 1000))))
    pairs = _pairs(a, b)
    for _ in range(draw(st.integers(0, 6))):
        o, n = pairs[draw(st.integers(0, len(pairs) - 1))]
        op = draw(st.sampled_from(_MUTATIONS))
        if op == "copy":
            pairs.append((o, o.model_copy()))
            continue
        target, other = (n, o) if draw(st.booleans()) else (o, n)
        _mutate(target, op, other)
    return a, b, pairs


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_pairs())
def test_same_concept_answers_as_the_plain_comparison(case):
    _a, _b, pairs = case
    # the fast comparison first (plain_equal makes the names' dicts), then again after it
    fast = [same_concept(o, n) for o, n in pairs]
    assert fast == [plain_equal(o, n) for o, n in pairs]
    assert fast == [same_concept(o, n) for o, n in pairs]
    assert fast == [same_concept(n, o) for o, n in pairs]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(2, 40), seed=st.integers(0, 1000), fraction=st.floats(0.0, 0.5), edit_seed=st.integers(0, 1000),
       renamed=st.lists(st.integers(0, 200), max_size=4))
def test_a_diff_through_the_fast_path_is_the_plain_diff(n, seed, fraction, edit_seed, renamed):
    data = synthetic_data(n, seed)
    edited = edit_data(data, fraction, edit_seed)
    for i in renamed:  # names given to unnamed relationships, which the fast path compares field by field
        rels = edited["relationships"]
        if rels:
            rels[i % len(rels)]["name"] = {"untagged": f"r{i}"}

    def both() -> tuple[ArchitectureModel, ArchitectureModel]:
        return ArchitectureModel.model_validate(data), ArchitectureModel.model_validate(edited)

    fast = diff(*both()).to_dict()
    original = compare.same_concept
    compare.same_concept = plain_equal
    try:
        plain = diff(*both()).to_dict()
    finally:
        compare.same_concept = original
    assert fast == plain


def test_same_concept_edge_cases():
    a, b = synthetic_model(10, seed=5), synthetic_model(10, seed=5)
    r, s = a.relationships[0], b.relationships[0]
    assert same_concept(r, s)
    s.name.other["fr"] = "x"  # changed in place: the unset name now differs
    assert not same_concept(r, s) and not plain_equal(r, s)
    r.name = Text(other={"fr": "x"})  # a validated text equal to it
    assert same_concept(r, s) and same_concept(s, r)
    e = a.elements[0]
    assert not same_concept(e, r) and not same_concept(r, e)
    f = b.elements[0].model_copy(update={"name": Text(vi=e.name.vi, en=e.name.en, untagged="u")})
    assert not same_concept(e, f)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(list(Confidence)), st.sampled_from(["V", "V2", "K", "I", "X", ""])),
                max_size=4))
def test_weakest_confidence_as_the_list_and_max_it_replaced(tags):
    known = [str(t) for t in tags if t is not None and str(t) in _CONFIDENCE_RANK]
    expected = max(known, key=_CONFIDENCE_RANK.__getitem__) if known else None
    assert weakest_confidence(*tags) == expected


@settings(max_examples=200, deadline=None)
@given(*[st.one_of(st.none(), st.text("aĐ ", max_size=3))] * 3)
def test_change_names_as_the_comprehension_they_replaced(vi, en, untagged):
    r = synthetic_model(3, seed=1).relationships[0]
    r.name = Text(vi=vi, en=en, untagged=untagged)
    expected = {lang: value for lang, value in (("vi", r.name.vi), ("en", r.name.en), ("untagged", r.name.untagged))
                if value}
    assert compare._name(r) == expected and list(compare._name(r)) == list(expected)
