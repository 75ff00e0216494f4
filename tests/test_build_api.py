"""Building a model through the object API (issue 16): element constructors validate in
one step, and ``ArchitectureModel.build`` takes objects and dicts alike.

The property test shows that the constructor gives exactly what pydantic's own
``BaseModel.__init__`` gives: the same objects, or the same errors, over generated and
mutated input.
"""

from __future__ import annotations

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from eaframe.elements import ELEMENT_TYPES, FIELD_TYPES, ApplicationComponent, explain_misplaced_fields
from eaframe.exceptions import ModelValidationError
from eaframe.model import ArchitectureModel
from eaframe.relationships import RELATIONSHIP_TYPES, Serving

METADATA = {"title": {"en": "t"}, "sources": {"S1": {"title": "s"}}}


def _plain_construct(cls: type, data: dict) -> object:
    """The straightforward constructor: pydantic's ``BaseModel.__init__``, with misplaced
    fields explained (what ``Element.__init__`` did before issue 16)."""
    self = cls.__new__(cls)
    try:
        BaseModel.__init__(self, **data)
    except ValidationError as err:
        raise explain_misplaced_fields(err, cls.__name__) from None
    return self


def _outcome(make) -> tuple:
    try:
        made = make()
    except ValidationError as err:
        return ("invalid", repr(err.errors(include_url=False)))
    except ModelValidationError as err:
        return ("model", [str(p) for p in err.problems])
    if isinstance(made, ArchitectureModel):
        return ("ok", made.model_dump(), made, [str(p) for p in made.warnings])
    return ("ok", made.model_dump(), made, sorted(made.__pydantic_fields_set__))


_IDS = st.sampled_from(["a", "b", "c", "r1", "r2", "1bad", ""])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 9), st.text(max_size=5),
                     st.sampled_from(["S1", "S9", "V", "existing", "lease", "read", "a\ud800", "Nền tảng"]))
_FIELDS = st.sampled_from(["name", "documentation", "sources", "confidence", "properties", "status", "owner",
                           *FIELD_TYPES, "zz", "type", "access_type", "source", "target"])
_VALUES = st.one_of(_SCALARS, st.lists(_SCALARS, max_size=2),
                    st.dictionaries(st.sampled_from(["vi", "en", "other", "indicator", "value", "x"]), _SCALARS,
                                    max_size=2))


@st.composite
def _fields(draw: st.DrawFn, types: list[str]) -> dict:
    """A plausible concept of one of ``types``, then mutated: fields added, garbled or removed."""
    data: dict = {"id": draw(_IDS), "type": draw(st.sampled_from(types))}
    if data["type"] in RELATIONSHIP_TYPES:
        data["source"], data["target"] = draw(_IDS), draw(_IDS)
    if draw(st.booleans()):
        data["name"] = {"vi": draw(st.sampled_from(["Tên", "Nen\u0302 ta\u0309ng", "x\x07"])), "en": "n"}
    for _ in range(draw(st.integers(0, 2))):
        data[draw(_FIELDS)] = draw(_VALUES)
    if draw(st.integers(0, 5)) == 0:
        data.pop(draw(st.sampled_from(sorted(data))))
    return data


_ELEMENT_TYPES = ["ApplicationComponent", "BusinessService", "Goal", "AndJunction", "Node", "DataObject"]


@settings(max_examples=150, deadline=None)
@given(_fields(_ELEMENT_TYPES + ["Serving", "Access"]))
def test_a_constructor_gives_what_pydantics_own_init_gives(data):
    tag = data.get("type")
    tag = tag if isinstance(tag, str) else ""
    cls = ELEMENT_TYPES.get(tag) or RELATIONSHIP_TYPES.get(tag) or ApplicationComponent
    assert _outcome(lambda: cls(**data)) == _outcome(lambda: _plain_construct(cls, data))


def test_a_misplaced_field_is_still_explained_by_the_constructor():
    with pytest.raises(ValidationError, match="the element types that accept it are: ApplicationComponent"):
        ELEMENT_TYPES["AndJunction"](id="j", security_level=3)


def test_an_element_constructor_validates_without_pydantics_python_init(monkeypatch):
    # one Python step per element: the constructor hands its fields to pydantic-core itself
    def no(self, /, **data):
        raise AssertionError("BaseModel.__init__ was called")

    monkeypatch.setattr(pydantic.BaseModel, "__init__", no)
    e = ApplicationComponent(id="x", name={"vi": "Nền tảng"}, security_level=2)
    assert e.security_level == 2 and e.name.vi == "Nền tảng"
    assert isinstance(ArchitectureModel(metadata={"title": {"en": "t"}}, elements=[e]), ArchitectureModel)


def test_build_takes_dicts_objects_and_generators_alike():
    elements = [{"id": "a", "type": "ApplicationComponent", "name": {"en": "A"}, "sources": ["S1"]},
                ApplicationComponent(id="b")]
    m = ArchitectureModel.build(METADATA, (e for e in elements), [Serving(id="r", source="a", target="b")])
    assert [e.id for e in m.elements] == ["a", "b"] and m["r"].target == "b"
    assert elements[0] == {"id": "a", "type": "ApplicationComponent", "name": {"en": "A"}, "sources": ["S1"]}


def test_build_reports_a_bad_item_where_model_validate_does():
    with pytest.raises(ValidationError) as err:
        ArchitectureModel.build(METADATA, [{"id": "a", "type": "Node"}, {"id": "b", "type": "Node", "status": "x"}])
    assert [e["loc"] for e in err.value.errors()] == [("elements", 1, "Node", "status")]
    with pytest.raises(ModelValidationError, match="target 'zz' is not an element"):
        ArchitectureModel.build(METADATA, [{"id": "a", "type": "Node"}],
                                [{"id": "r", "type": "Serving", "source": "a", "target": "zz"}])
