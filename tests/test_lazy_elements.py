"""Element classes build their validators on first use (issue 16, CLI start-up).

``ArchitectureModel.elements`` validates through :data:`eaframe.elements.ElementItem`,
which picks the class by ``type`` as the discriminated union :data:`AnyElement` does, so
that loading a model builds only the classes of the types it uses. The property tests
show that it accepts and refuses exactly what the union does, with the same errors.
"""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

from eaframe.elements import ELEMENT_TYPES, FIELD_TYPES, AnyElement, ApplicationComponent, ElementItem
from eaframe.relationships import RELATIONSHIP_TYPES, AnyRelationship, RelationshipItem, Serving

UNION = TypeAdapter(list[AnyElement])
LAZY = TypeAdapter(list[ElementItem])


def _outcome(adapter: TypeAdapter, value: object) -> tuple:
    try:
        return ("ok", repr(adapter.validate_python(value, context={"strict": True})))
    except ValidationError as err:
        return ("error", repr(err.errors(include_url=False)))


_TYPES = st.sampled_from([*ELEMENT_TYPES, "Serving", "applicationcomponent", "", "x\ud800y", "\udfff"])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 9), st.floats(allow_nan=True),
                     st.text(max_size=6), st.sampled_from(["prov.x", "1bad", "V", "existing", "lease", "nan", "a\ud800"]))
_FIELDS = st.sampled_from(["id", "name", "documentation", "sources", "confidence", "properties", "status",
                           "scope", "owner", *FIELD_TYPES, "zz", "type"])
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["vi", "en", "other", "indicator", "value", "total",
                                                                   "x"]), inner, max_size=3)), max_leaves=6)


@st.composite
def _element(draw: st.DrawFn) -> object:
    """A valid-looking element of any type, then mutated: fields added, removed or garbled."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(_SCALARS)
    if kind == 1:
        return ApplicationComponent(id="prov.app")
    data: dict = {"id": draw(st.sampled_from(["prov.a", "b_1", "1bad", ""]))}
    if draw(st.integers(0, 9)):
        data["type"] = draw(_TYPES) if draw(st.integers(0, 5)) else draw(_SCALARS)
    for _ in range(draw(st.integers(0, 4))):
        data[draw(_FIELDS)] = draw(_VALUES)
    return data


@settings(max_examples=400, deadline=None)
@given(st.lists(_element(), max_size=4))
def test_element_item_validates_exactly_as_the_union(items):
    assert _outcome(LAZY, items) == _outcome(UNION, items)


def test_element_item_errors_keep_the_type_tag_in_their_location():
    bad = [{"id": "a", "type": "Goal", "target": {"indicator": "x", "value": "nan"}},
           {"id": "b", "type": "AndJunction", "security_level": 3}, {"id": "c", "type": "Nope"}, {"id": "d"}, None]
    assert _outcome(LAZY, bad) == _outcome(UNION, bad)
    locs = [e["loc"] for e in _errors(bad)]
    assert locs[:2] == [(0, "Goal", "target", "value"), (1, "AndJunction", "security_level")]


def _errors(value: object) -> list:
    try:
        LAZY.validate_python(value)
    except ValidationError as err:
        return err.errors(include_url=False)
    return []


def test_instances_are_taken_as_they_are_and_foreign_objects_by_their_type():
    app = ApplicationComponent(id="prov.app")

    class Other(BaseModel):
        type: str = "Node"
        id: str = "x"

    assert LAZY.validate_python([app])[0] is app
    assert _outcome(LAZY, [Other()]) == _outcome(UNION, [Other()])


def test_loading_a_model_builds_only_the_element_classes_it_uses():
    code = ("from eaframe.elements import ELEMENT_TYPES\n"
            "from eaframe.model import ArchitectureModel\n"
            "ArchitectureModel.model_validate({'metadata': {'title': {'en': 'x'}}, 'elements': ["
            "{'id': 'a', 'type': 'ApplicationComponent'}, {'id': 'b', 'type': 'Node'}]})\n"
            "print(sorted(n for n, c in ELEMENT_TYPES.items() if c.__pydantic_complete__))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "['ApplicationComponent', 'Node']"


# Relationships: ArchitectureModel.relationships validates through RelationshipItem, which
# picks the class by ``type`` as the discriminated union AnyRelationship does.
REL_UNION = TypeAdapter(list[AnyRelationship])
REL_LAZY = TypeAdapter(list[RelationshipItem])
_REL_TYPES = st.sampled_from([*RELATIONSHIP_TYPES, "Node", "serving", "", "x\ud800y"])
_REL_FIELDS = st.sampled_from(["id", "name", "documentation", "sources", "confidence", "properties", "source",
                               "target", "access_type", "modifier", "is_directed", "status", "zz", "type"])


@st.composite
def _relationship(draw: st.DrawFn) -> object:
    """A valid-looking relationship of any type, then mutated: fields added, removed or garbled."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(_SCALARS)
    if kind == 1:
        return Serving(id="r", source="a", target="b")
    if kind == 2:
        return ApplicationComponent(id="prov.app")
    data: dict = {"id": draw(st.sampled_from(["r1", "1bad", ""])), "source": "a", "target": "b"}
    if draw(st.integers(0, 9)):
        data["type"] = draw(_REL_TYPES) if draw(st.integers(0, 5)) else draw(_SCALARS)
    for _ in range(draw(st.integers(0, 4))):
        data[draw(_REL_FIELDS)] = draw(_VALUES)
    return data


@settings(max_examples=400, deadline=None)
@given(st.lists(_relationship(), max_size=4))
def test_relationship_item_validates_exactly_as_the_union(items):
    assert _outcome(REL_LAZY, items) == _outcome(REL_UNION, items)


def test_relationship_item_keeps_instances_and_the_type_tag_in_error_locations():
    r = Serving(id="r", source="a", target="b")
    assert REL_LAZY.validate_python([r])[0] is r
    bad = [{"id": "r", "type": "Access", "source": "a", "target": "b", "access_type": "nope"}, {"id": "s"}]
    assert _outcome(REL_LAZY, bad) == _outcome(REL_UNION, bad)
    try:
        REL_LAZY.validate_python(bad)
    except ValidationError as err:
        assert err.errors()[0]["loc"] == (0, "Access", "access_type")


def test_model_json_schema_is_the_unions():
    assert TypeAdapter(list[RelationshipItem]).json_schema() == REL_UNION.json_schema()


def test_loading_a_model_builds_only_the_relationship_classes_it_uses():
    code = ("from eaframe.relationships import RELATIONSHIP_TYPES\n"
            "from eaframe.model import ArchitectureModel\n"
            "ArchitectureModel.model_validate({'metadata': {'title': {'en': 'x'}}, 'elements': ["
            "{'id': 'a', 'type': 'ApplicationComponent'}, {'id': 'b', 'type': 'Node'}], 'relationships': ["
            "{'id': 'r', 'type': 'Serving', 'source': 'b', 'target': 'a'}]})\n"
            "print(sorted(n for n, c in RELATIONSHIP_TYPES.items() if c.__pydantic_complete__))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "['Serving']"
