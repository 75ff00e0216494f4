"""Building a model through the object API (issue 16): element constructors validate in
one step, and ``ArchitectureModel.build`` takes objects and dicts alike.

The property test shows that the constructor gives exactly what pydantic's own
``BaseModel.__init__`` gives: the same objects, or the same errors, over generated and
mutated input.
"""

from __future__ import annotations

import copy

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from eaframe.elements import (
    ELEMENT_TYPES,
    FIELD_TYPES,
    ApplicationComponent,
    Element,
    element_class,
    explain_misplaced_fields,
)
from eaframe.exceptions import ModelValidationError
from eaframe.model import ArchitectureModel, View
from eaframe.relationships import RELATIONSHIP_TYPES, Relationship, Serving

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


# ------------------------------------------------- build from dicts: the fast path
_E_TYPES = ["ApplicationComponent", "BusinessService", "Goal", "AndJunction", "DataObject", "BusinessActor"]
_R_TYPES = ["Serving", "Access", "Association", "Realization", "Flow", "Composition"]


@st.composite
def _model_items(draw: st.DrawFn) -> tuple[list, list]:
    """Elements and relationships of a plausible model (mostly valid, so that the fast
    path runs to the end), then mutated: bad fields, duplicate or dangling ids, unknown
    or missing types, items that are no mapping, objects instead of dicts."""
    n = draw(st.integers(0, 6))
    elements: list = [{"id": f"e{i}", "type": draw(st.sampled_from(_E_TYPES)),
                       **draw(st.fixed_dictionaries({}, optional={
                           "name": st.fixed_dictionaries({}, optional={"vi": st.sampled_from(["Cổng", "Nen\u0302"]),
                                                                       "en": st.just("Portal")}),
                           "sources": st.sampled_from([["S1"], ["S9"], []]),
                           "confidence": st.sampled_from(["V", "K", "Z"]),
                           "properties": st.sampled_from([{"k": "v"}, {"k": ["a", "b"]}]),
                           "owner": st.sampled_from(["e0", "e5", "zz"])}))}
                      for i in range(n)]
    ends = [f"e{i}" for i in range(n)] or ["e0"]
    relationships: list = [{"id": f"r{i}", "type": draw(st.sampled_from(_R_TYPES)),
                            "source": draw(st.sampled_from(ends)), "target": draw(st.sampled_from(ends))}
                           for i in range(draw(st.integers(0, 6)))]
    for _ in range(draw(st.integers(0, 2))):
        items = draw(st.sampled_from([elements, relationships]))
        if not items:
            continue
        i = draw(st.integers(0, len(items) - 1))
        how = draw(st.sampled_from(["field", "drop", "dup", "no type", "bad type", "not a dict", "object"]))
        item = items[i]
        if type(item) is not dict:
            continue
        if how == "field":
            items[i] = {**item, draw(_FIELDS): draw(_VALUES)}
        elif how == "drop" and len(item) > 1:
            items[i] = {k: v for k, v in item.items() if k != draw(st.sampled_from(sorted(item)))}
        elif how == "dup":
            items.append(dict(item))
        elif how == "no type":
            items[i] = {k: v for k, v in item.items() if k != "type"}
        elif how == "bad type":
            items[i] = {**item, "type": draw(st.sampled_from(["Nothing", 3, None, "Serving", "Node"]))}
        elif how == "not a dict":
            items[i] = draw(st.sampled_from([None, "e1", 3, [("id", "x")]]))
        elif how == "object":
            table = ELEMENT_TYPES if items is elements else RELATIONSHIP_TYPES
            try:
                items[i] = table[item["type"]](**{k: v for k, v in item.items() if k != "type"})
            except (KeyError, TypeError, ValidationError):
                pass
    return elements, relationships


@settings(max_examples=200, deadline=None)
@given(_model_items(), st.booleans())
def test_build_from_dicts_gives_what_model_validate_gives(items, strict):
    elements, relationships = items
    plain = {"metadata": METADATA, "elements": elements, "relationships": relationships, "views": []}
    expected = _outcome(lambda: ArchitectureModel.model_validate(copy.deepcopy(plain), context={"strict": strict}))
    given_elements, given_relationships = copy.deepcopy(elements), copy.deepcopy(relationships)
    got = _outcome(lambda: ArchitectureModel.build(METADATA, given_elements, given_relationships, strict=strict))
    assert got == expected
    assert (given_elements, given_relationships) == (elements, relationships)  # the caller's lists are left alone
    if got[0] == "ok":
        for a, b in zip(got[2].concepts(), expected[2].concepts(), strict=True):
            assert type(a) is type(b) and a.model_fields_set == b.model_fields_set
            assert a.name.model_fields_set == b.name.model_fields_set


def test_build_from_dicts_and_the_constructors_share_the_sets_of_set_fields():
    # fewer objects for the garbage collector to track per concept, as for loaded models
    data = [{"id": f"a{i}", "type": "BusinessActor", "name": {"en": f"A{i}"}} for i in range(3)]
    m = ArchitectureModel.build(METADATA, data, [{"id": "r", "type": "Association", "source": "a0", "target": "a1"},
                                                 {"id": "s", "type": "Association", "source": "a1", "target": "a2"}])
    a, b, _ = m.elements
    assert a.model_fields_set is b.model_fields_set and a.name.model_fields_set is b.name.model_fields_set
    assert m["r"].model_fields_set is m["s"].model_fields_set
    c, d = (element_class("BusinessActor")(id=i, name={"en": "C"}) for i in ("c", "d"))
    assert c.model_fields_set is d.model_fields_set and c.name.model_fields_set is d.name.model_fields_set
    r, s = (Serving(id=i, source="c", target="d") for i in ("r", "s"))
    assert r.model_fields_set is s.model_fields_set
    c.confidence = "V"  # a change gets its own set
    assert c.model_fields_set == {"id", "name", "confidence"} and d.model_fields_set == {"id", "name"}


# ------------------------------------------------- add: checks only what it adds
def _whole_check_add(m: ArchitectureModel, *items, strict: bool = True) -> None:
    """The straightforward ``add``: append the items, check the whole model, roll back on
    an error (what ``ArchitectureModel.add`` did before issue 16's build pass)."""
    from eaframe.integrity import check_integrity
    from eaframe.model import folder_problems

    for item in items:
        if not isinstance(item, (Element, Relationship, View)):
            raise TypeError(f"cannot add {type(item).__name__}; expected an element, relationship or view")
    before = (list(m.elements), list(m.relationships), list(m.views))
    for item in items:
        (m.elements if isinstance(item, Element) else m.relationships if isinstance(item, Relationship)
         else m.views).append(item)
    m._index = {}
    problems = check_integrity(m, strict=strict and not m.metadata.lenient)
    if m.folders:
        problems = [*problems, *folder_problems(m)]
    if any(p.severity == "error" for p in problems):
        m.elements, m.relationships, m.views = before
        m._index = {}
        raise ModelValidationError(problems)
    m._warnings = tuple(problems)
    m._index = {}


_ADD_IDS = ["a", "b", "c", "d", "r1", "r2", "r3", "f1", "n1", "v1", "zz"]


@st.composite
def _add_item(draw: st.DrawFn):
    kind = draw(st.sampled_from(["element", "element", "relationship", "relationship", "relationship", "view",
                                 "junk"]))
    cid = draw(st.sampled_from(_ADD_IDS))
    if kind == "element":
        fields = draw(st.fixed_dictionaries({}, optional={
            "sources": st.sampled_from([("S1",), ("S9",)]), "owner": st.sampled_from(["a", "r1", "zz", "b"]),
            "dossiers_total": st.integers(0, 3), "dossiers_online": st.integers(0, 3)}))
        cls = ELEMENT_TYPES[draw(st.sampled_from(["BusinessProcess", "BusinessService", "ApplicationComponent",
                                                  "AndJunction"]))]
        return cls(id=cid, **{k: v for k, v in fields.items() if k in cls.model_fields})
    if kind == "relationship":
        cls = RELATIONSHIP_TYPES[draw(st.sampled_from(["Serving", "Assignment", "Association", "Triggering"]))]
        return cls(id=cid, source=draw(st.sampled_from(_ADD_IDS)), target=draw(st.sampled_from(_ADD_IDS)),
                   sources=draw(st.sampled_from([(), ("S1",), ("S9",)])))
    if kind == "view":
        return View(id=cid, elements=draw(st.lists(st.sampled_from(_ADD_IDS), max_size=2)))
    return draw(st.sampled_from(["a", None, 3]))


_ADD_OPS = st.lists(st.one_of(
    st.tuples(st.just("add"), st.lists(_add_item(), max_size=3), st.booleans()),
    st.tuples(st.just("edit in place"), _add_item(), st.booleans()),
    st.tuples(st.just("assign"), st.just(None), st.booleans())), max_size=8)


def _start(strict: bool, lenient: bool, folders: bool) -> ArchitectureModel:
    data = {"metadata": {**METADATA, "lenient": lenient},
            "elements": [{"id": "a", "type": "BusinessProcess"}, {"id": "b", "type": "ApplicationComponent"}],
            "relationships": [{"id": "r1", "type": "Assignment", "source": "b", "target": "a"}],
            "views": [{"id": "v1", "elements": ["a"], "diagram": {"nodes": [{"id": "n1", "element": "a", "x": 0, "y": 0, "w": 9, "h": 9}]}}]}
    if folders:
        data["folders"] = [{"id": "f1", "name": {"en": "F"}, "items": ["a"]}]
    return ArchitectureModel.model_validate(data, context={"strict": strict})


def _step(m: ArchitectureModel, op: tuple, reference: bool) -> object:
    what, arg, flag = op
    try:
        if what == "add":
            (_whole_check_add if reference else ArchitectureModel.add)(m, *arg, strict=flag)
        elif what == "edit in place" and isinstance(arg, (Element, Relationship)):
            items = m.elements if isinstance(arg, Element) else m.relationships
            if flag and items:
                items[-1] = arg
            else:
                items.append(arg)
            m.reindex()  # what the documentation asks for after an edit in place
        elif what == "assign" and m.relationships:
            m.relationships = m.relationships[:-1]
    except ModelValidationError as err:
        return ("refused", [str(p) for p in err.problems])
    except TypeError as err:
        return ("type error", str(err))
    return ("ok", [str(p) for p in m.warnings])


@settings(max_examples=200, deadline=None)
@given(st.booleans(), st.booleans(), st.booleans(), _ADD_OPS)
def test_add_gives_what_checking_the_whole_model_gives(strict, lenient, folders, ops):
    try:
        ours, reference = _start(strict, lenient, folders), _start(strict, lenient, folders)
    except ModelValidationError:
        return  # the Assignment from an ApplicationComponent to a BusinessProcess is allowed: not reached
    for op in ops:
        assert _step(ours, copy.deepcopy(op), False) == _step(reference, copy.deepcopy(op), True)
        assert ours == reference
        assert {i: ours.get(i) for i in _ADD_IDS} == {i: reference.get(i) for i in _ADD_IDS}


def test_adding_one_item_at_a_time_does_not_check_the_whole_model_again(monkeypatch):
    from eaframe import integrity

    m = ArchitectureModel.build(METADATA, [{"id": "a0", "type": "Node"}])
    calls = []
    monkeypatch.setattr(integrity, "check_integrity", lambda *a, **k: calls.append(1) or [])
    for i in range(1, 50):
        m.add(element_class("Node")(id=f"a{i}"), Serving(id=f"s{i}", source=f"a{i - 1}", target=f"a{i}"))
    assert not calls and len(m) == 50 + 49 and m["s49"].target == "a49"
    m.reindex()  # after an edit in place the next add checks the whole model
    m.add(element_class("Node")(id="b"))
    assert calls == [1]


def test_a_failed_add_leaves_the_model_unchanged_even_for_an_item_of_the_wrong_kind():
    m = ArchitectureModel.build(METADATA, [{"id": "a", "type": "Node"}])
    with pytest.raises(TypeError, match="cannot add str"):
        m.add(element_class("Node")(id="b"), "c")  # type: ignore[arg-type]
    assert [e.id for e in m.elements] == ["a"] and "b" not in m
