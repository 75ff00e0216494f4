"""The relationship-validity encoding agrees with ArchiMate 3.2's table, cell by cell."""

from __future__ import annotations

import itertools

import pytest
from lxml import etree

from eaframe.elements import ELEMENT_TYPES
from eaframe.relationships import RELATIONSHIP_TYPES
from eaframe.validity import RELATIONSHIP_LETTERS, VALIDITY_CONCEPTS, allowed_relationships, is_allowed


@pytest.fixture(scope="module")
def reference(shared):
    keys = {k.get("char"): k.get("relationship").removesuffix("Relationship")
            for k in etree.parse(str(shared / "archimate" / "relationships-keys.xml")).getroot().iter("key")}
    root = etree.parse(str(shared / "archimate" / "relationships.xml")).getroot()
    table = {}
    for s in root.iter("source"):
        for t in s.iter("target"):
            table[(s.get("concept"), t.get("concept"))] = {keys[c] for c in t.get("relations", "")}
    return keys, table


def test_letter_key_matches_reference(reference):
    keys, _ = reference
    assert keys == RELATIONSHIP_LETTERS


def test_concepts_match_reference(reference):
    _, table = reference
    ref_concepts = sorted({s for s, _ in table})
    assert sorted(VALIDITY_CONCEPTS) == ref_concepts
    assert len(ref_concepts) == 62


def test_every_combination_agrees(reference):
    """All 62 x 62 concept pairs and all 11 relationship types (42,284 combinations)."""
    _, table = reference
    disagreements = []
    checked = 0
    for (src, tgt), expected in table.items():
        for rel in RELATIONSHIP_TYPES:
            checked += 1
            if is_allowed(src, rel, tgt) != (rel in expected):
                disagreements.append((src, rel, tgt, rel in expected))
        assert allowed_relationships(src, tgt) == expected
    assert checked == 62 * 62 * 11
    assert not disagreements, disagreements[:20]


def test_every_element_type_has_a_row():
    for name in ELEMENT_TYPES:
        assert allowed_relationships(name, name), name
    # junctions map to the Junction row
    assert allowed_relationships("AndJunction", "OrJunction") == allowed_relationships("Junction", "Junction")


@pytest.mark.parametrize(
    "src,rel,tgt,ok",
    [
        ("ApplicationComponent", "Serving", "BusinessProcess", True),
        ("ApplicationComponent", "Flow", "ApplicationComponent", True),
        ("ApplicationComponent", "Access", "DataObject", True),
        ("DataObject", "Serving", "BusinessActor", False),
        ("Goal", "Assignment", "Node", False),
        ("Grouping", "Aggregation", "Relationship", True),
        ("Junction", "Association", "Relationship", False),
        ("Node", "Specialization", "Device", False),
        ("Node", "Specialization", "Node", True),
    ],
)
def test_known_cells(src, rel, tgt, ok):
    assert is_allowed(src, rel, tgt) is ok


def test_unknown_types_allow_nothing():
    assert allowed_relationships("Nope", "Node") == frozenset()
    assert not any(is_allowed("Node", r, "Nope") for r in RELATIONSHIP_TYPES)


def test_table_is_complete():
    pairs = list(itertools.product(VALIDITY_CONCEPTS, repeat=2))
    assert len(pairs) == 3844
    assert all(isinstance(allowed_relationships(a, b), frozenset) for a, b in pairs)
