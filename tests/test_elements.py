"""The typed metamodel: element and relationship classes, layers, attributes."""

from __future__ import annotations

from collections import Counter

import pytest
from pydantic import TypeAdapter, ValidationError

from eaframe.attributes import Budget, Target, Text
from eaframe.elements import ELEMENT_TYPES, AnyElement, Aspect, Layer, element_class
from eaframe.relationships import (
    RELATIONSHIP_TYPES,
    Access,
    AnyRelationship,
    Association,
    Influence,
    Serving,
    relationship_class,
)

ELEMENTS = TypeAdapter(AnyElement)
RELATIONSHIPS = TypeAdapter(AnyRelationship)


def test_sixty_element_types_plus_junctions():
    assert len(ELEMENT_TYPES) == 62
    assert {"AndJunction", "OrJunction"} <= set(ELEMENT_TYPES)


def test_layer_counts_match_archimate():
    counts = Counter(cls.layer for name, cls in ELEMENT_TYPES.items() if "Junction" not in name)
    assert counts == {
        Layer.STRATEGY: 4, Layer.BUSINESS: 13, Layer.APPLICATION: 9, Layer.TECHNOLOGY: 13,
        Layer.PHYSICAL: 4, Layer.MOTIVATION: 10, Layer.IMPLEMENTATION_MIGRATION: 5, Layer.OTHER: 2,
    }


def test_every_type_has_layer_aspect_and_docstring():
    for name, cls in ELEMENT_TYPES.items():
        assert isinstance(cls.layer, Layer) and isinstance(cls.aspect, Aspect), name
        assert cls.__doc__ and cls.__doc__.strip(), name
        assert cls.model_fields["type"].default == name


def test_eleven_relationship_types():
    assert sorted(RELATIONSHIP_TYPES) == sorted([
        "Composition", "Aggregation", "Assignment", "Realization", "Serving", "Access",
        "Influence", "Association", "Triggering", "Flow", "Specialization"])


@pytest.mark.parametrize("name", sorted(ELEMENT_TYPES))
def test_discriminated_union_picks_the_class(name):
    obj = ELEMENTS.validate_python({"id": "x", "type": name})
    assert type(obj) is ELEMENT_TYPES[name]


def test_relationship_attributes_only_where_archimate_defines_them():
    assert set(Access.model_fields) - set(Serving.model_fields) == {"access_type"}
    assert set(Influence.model_fields) - set(Serving.model_fields) == {"modifier"}
    assert set(Association.model_fields) - set(Serving.model_fields) == {"is_directed"}
    with pytest.raises(ValidationError, match="access_type"):
        RELATIONSHIPS.validate_python({"id": "r", "type": "Serving", "source": "a", "target": "b", "access_type": "read"})
    r = RELATIONSHIPS.validate_python({"id": "r", "type": "Access", "source": "a", "target": "b", "access_type": "read_write"})
    assert r.access_type.value == "read_write"


@pytest.mark.parametrize(
    "field,value",
    [
        ("security_level", 0), ("security_level", 6), ("service_level", 5), ("status", "active"),
        ("procurement", "buy"), ("confidence", "X"), ("dossiers_total", -1), ("service_mode", "half"),
        ("public_facing", "perhaps"), ("owner", "1bad"), ("sources", ["bad id"]),
    ],
)
def test_egov_attributes_are_validated(field, value):
    with pytest.raises(ValidationError) as info:
        ELEMENTS.validate_python({"id": "x", "type": "ApplicationComponent", field: value})
    assert info.value.errors()[0]["loc"][-1] in (field, 0)


def test_egov_attributes_accept_valid_values():
    e = ELEMENTS.validate_python({
        "id": "prov.one_stop_eis", "type": "ApplicationComponent", "status": "existing",
        "security_level": 3, "protection_plan_approved": True, "public_facing": False,
        "procurement": "lease", "confidence": "K", "sources": ["S21"], "implements": "prov.one_stop_eis",
        "properties": {"vendor": "VNPT"},
    })
    assert e.security_level == 3 and e.procurement.value == "lease" and e.confidence.value == "K"


def test_vietnamese_names_are_normalised_to_nfc():
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Cổng Dịch vụ công")
    t = Text(vi=nfd)
    assert t.vi == unicodedata.normalize("NFC", nfd)
    assert t.vi != nfd


def test_budget_parts_must_sum():
    assert Budget(total=150126, investment=102434, operating=47692).operating == 47692
    with pytest.raises(ValidationError, match="but total is 150127"):
        Budget(total=150127, investment=102434, operating=47692)


def test_target_comparison():
    t = Target(indicator="sites_monitored_share", value=100)
    assert t.is_met(100) and not t.is_met(99.9)
    assert Target(indicator="x", value=50, comparison=">").is_met(50.1)


def test_lookup_helpers():
    assert element_class("Grouping").aspect is Aspect.COMPOSITE
    assert relationship_class("Flow").category == "dynamic"
    with pytest.raises(KeyError, match="known:"):
        element_class("Nope")
