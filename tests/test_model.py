"""The ArchitectureModel container: construction, lookups, editing, synthetic models."""

from __future__ import annotations

import pytest

from eaframe import ArchitectureModel, View, synthetic_model
from eaframe.elements import element_class
from eaframe.exceptions import ModelValidationError
from eaframe.relationships import Serving


def small():
    return ArchitectureModel.build({"title": {"vi": "Nhỏ", "en": "Small"}}, elements=[
        {"id": "a", "type": "ApplicationComponent"}, {"id": "b", "type": "BusinessProcess"}])


def test_lookup_and_errors():
    m = small()
    assert m.element("a").type == "ApplicationComponent"
    with pytest.raises(KeyError, match="no relationship"):
        m.relationship("a")
    with pytest.raises(KeyError, match="views: \\(none\\)"):
        m.view("x")
    assert "a" in m and "zz" not in m and m.get("zz") is None


def test_add_validates_and_rolls_back():
    m = small()
    m.add(Serving(id="r", source="a", target="b"))
    assert m["r"].target == "b"
    from eaframe.relationships import Assignment

    with pytest.raises(ModelValidationError, match="Assignment from BusinessProcess 'b' to ApplicationComponent"):
        m.add(Assignment(id="r2", source="b", target="a"))
    assert "r2" not in m and len(m.relationships) == 1
    with pytest.raises(ModelValidationError, match="duplicate id 'a'"):
        m.add(element_class("Node")(id="a"))
    assert len(m.elements) == 2


def test_relationship_may_connect_to_a_relationship():
    m = small()
    m.add(Serving(id="r", source="a", target="b"),
          element_class("Plateau")(id="p"),
          element_class("Grouping")(id="g"))
    from eaframe.relationships import Aggregation, Association

    m.add(Aggregation(id="agg", source="g", target="r"), Association(id="as", source="a", target="r"))
    assert m["agg"].target == "r"


def test_views_must_reference_elements():
    m = small()
    m.add(View(id="v", elements=["a", "b"]))
    with pytest.raises(ModelValidationError, match="view element 'c'"):
        m.add(View(id="v2", elements=["c"]))


def test_construction_error_lists_every_problem():
    with pytest.raises(ModelValidationError) as info:
        ArchitectureModel.build({"title": {"en": "x"}}, elements=[{"id": "a", "type": "Node"}, {"id": "a", "type": "Node"}],
                                relationships=[{"id": "r", "type": "Flow", "source": "a", "target": "q"}])
    assert len(info.value.problems) == 2


def test_synthetic_models_are_reproducible_and_valid():
    a, b = synthetic_model(500, seed=3), synthetic_model(500, seed=3)
    assert a == b
    assert synthetic_model(500, seed=4) != a
    assert len(a.relationships) == 1000
    assert not a.warnings
    types = {e.type for e in a.elements}
    assert {"ApplicationComponent", "DataObject", "BusinessService", "Node"} <= types


def test_equality_ignores_the_index_cache_and_warnings():
    a, b = small(), small()
    assert a["a"] is not None  # builds a's index
    assert a == b and b == a
    c = ArchitectureModel.model_validate(b.model_dump(), context={"strict": False})
    assert c == a
    c.elements[0].name.en = "changed"
    assert c != a
    assert (a == 42) is False
