"""The integrity fast path says "valid" exactly when the full check finds nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eaframe import synthetic_model
from eaframe.elements import DossierFields
from eaframe.integrity import _check, _looks_valid, check_integrity

BASE = synthetic_model(40, seed=3)


def breakage(m, kind: str, i: int, j: int) -> None:
    """Break (or, for some draws, keep) one model-wide rule by plain attribute assignment."""
    els, rels, views = m.elements, m.relationships, m.views
    e, f = els[i % len(els)], els[j % len(els)]
    r, s = rels[i % len(rels)], rels[j % len(rels)]
    if kind == "dangling-source":
        r.source = "nowhere"
    elif kind == "relationship-end":
        r.target = s.id  # a relationship on a relationship: allowed for some types only
    elif kind == "own-end":
        r.source = r.id
    elif kind == "other-type":
        # assignment validates the type tag now; write the field directly to model a corrupted object
        r.__dict__["type"] = ["Composition", "Serving", "Access", "Triggering", "Flow", "Specialization",
                              "Influence"][j % 7]
    elif kind == "duplicate-id":
        e.id = f.id
    elif kind == "element-relationship-id":
        e.id = r.id
    elif kind == "unknown-source":
        e.sources = [*e.sources, "S999"]
    elif kind == "relationship-source":
        r.sources = ["S1"] if j % 2 else ["S999"]
    elif kind == "owner":
        e.owner = f.id if j % 2 else "ghost"  # every synthetic element type has an owner field
    elif kind == "dossiers":
        counted = [x for x in els if isinstance(x, DossierFields)]
        e = counted[i % len(counted)]
        e.dossiers_total, e.dossiers_online = 10, j % 20
    elif kind == "view-element" and views:
        views[0].elements = [*views[0].elements, "ghost" if j % 2 else f.id]
    elif kind == "view-relationship" and views:
        views[0].relationships = ["ghost" if j % 2 else s.id]


KINDS = ["dangling-source", "relationship-end", "own-end", "other-type", "duplicate-id", "element-relationship-id",
         "unknown-source", "relationship-source", "owner", "dossiers", "view-element", "view-relationship", "none"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 200), st.integers(0, 200)), max_size=3))
def test_fast_path_agrees_with_full_check(changes):
    m = BASE.model_copy(deep=True)
    for kind, i, j in changes:
        breakage(m, kind, i, j)
    sources = set(m.metadata.sources)
    problems = _check(m.elements, m.relationships, m.views, sources, strict=True)
    assert _looks_valid(m, sources) == (problems == [])
    assert check_integrity(m) == problems


def test_base_model_takes_the_fast_path():
    assert _looks_valid(BASE, set(BASE.metadata.sources))


def test_a_source_key_that_is_not_text_does_not_break_the_suggestions():
    """Found by tests/test_properties.py: a metadata.sources key read as a number (YAML
    ``3:``) beside an unknown source id made the "did you mean" lookup raise TypeError."""
    import pytest

    from eaframe import loads
    from eaframe.exceptions import ModelValidationError

    text = (
        "eaframe: '1'\nmetadata:\n  title: {en: T}\n  sources:\n    s1: {title: {en: S}}\n    3: {title: {en: N}}\n"
        "elements:\n- {id: a, type: BusinessActor, name: {en: A}, sources: [s2]}\n"
    )
    with pytest.raises(ModelValidationError) as err:
        loads(text, format="yaml")
    assert "unknown source id 's2'" in str(err.value)
