"""Concepts and texts read from a model file share their sets of set fields with the
others that set the same fields (issue 16: fewer objects for the garbage collector to
track). The property test reads the same concepts both ways, the shared way (what
``eaframe.load`` does) and the plain way (``model_validate`` of each), applies the same
random operations to the first concept of each, and compares everything that can be
observed, on that concept and on an untouched twin that shared its sets."""

from __future__ import annotations

import copy
import pickle

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from eaframe import attributes
from eaframe.elements import ELEMENT_TYPES
from eaframe.modelfile import _validate_concepts_in_place, loads
from eaframe.relationships import RELATIONSHIP_TYPES

_TEXTS = st.one_of(st.none(), st.fixed_dictionaries({}, optional={"vi": st.sampled_from(["Cổng", "a"]),
                                                                  "en": st.sampled_from(["Portal", "b"])}))
_ITEMS = st.one_of(
    st.fixed_dictionaries({"id": st.just("e1"), "type": st.sampled_from(["ApplicationComponent", "AndJunction",
                                                                         "BusinessService"])},
                          optional={"name": _TEXTS.filter(lambda t: t is not None), "documentation": _TEXTS,
                                    "confidence": st.sampled_from(["V", "K"]), "sources": st.just(["S1"])}),
    st.fixed_dictionaries({"id": st.just("r1"), "type": st.sampled_from(["Serving", "Access", "Association"]),
                           "source": st.just("a"), "target": st.just("b")},
                          optional={"name": _TEXTS.filter(lambda t: t is not None),
                                    "confidence": st.sampled_from(["V", "I"])}))
_VALUES = st.one_of(st.none(), st.sampled_from(["V", "x", "Đ", "a\x07", 3]), st.just(("S2",)),
                    st.fixed_dictionaries({}, optional={"en": st.just("N")}), st.just({"k": "v"}))
_OPS = st.lists(st.tuples(
    st.sampled_from(["set", "set_name_text", "copy", "copy_update", "deepcopy", "pickle_pair", "delete"]),
    st.sampled_from(["name", "documentation", "confidence", "sources", "properties", "status", "vi", "en"]),
    _VALUES), max_size=6)


def _safe(f) -> object:
    try:
        return f()
    except (ValueError, AttributeError) as err:  # a lone surrogate in JSON; a field the type lacks
        return ("raises", type(err).__name__)


def _observe(c) -> tuple:
    return tuple(_safe(f) for f in (
        lambda: repr(c), c.model_dump, lambda: c.model_dump(exclude_unset=True), lambda: sorted(c.model_fields_set),
        lambda: c.model_dump_json(exclude_unset=True), lambda: sorted(c.name.model_fields_set),
        lambda: c.name.model_dump(exclude_unset=True),
        lambda: c.documentation.model_dump(exclude_unset=True) if c.documentation is not None else None))


def _apply(c, twin, ops: list) -> list:
    seen = []
    for op, field, value in ops:
        try:
            if op == "set":
                setattr(c, field, value)
            elif op == "set_name_text" and field in ("vi", "en"):
                setattr(c.name, field, value)
            elif op == "copy":
                c = c.model_copy()
            elif op == "copy_update" and field in type(c).model_fields:
                c = c.model_copy(update={field: getattr(twin, field)})
            elif op == "deepcopy":
                c = copy.deepcopy(c)
            elif op == "pickle_pair":  # two concepts that share sets, pickled together
                c, twin = pickle.loads(pickle.dumps([c, twin]))
            elif op == "delete" and field in c.__dict__:
                delattr(c, field)
            seen.append(("ok", _observe(c), _observe(twin), c == twin))
        except ValidationError as err:
            seen.append(("error", repr(err.errors(include_url=False)), _observe(c), _observe(twin)))
        except AttributeError as err:
            seen.append(("attribute error", str(err)))
    return seen


def _plain(item: dict):
    table = ELEMENT_TYPES if item["type"] in ELEMENT_TYPES else RELATIONSHIP_TYPES
    return table[item["type"]].model_validate(copy.deepcopy(item), context={"strict": True})


def _shared(item: dict) -> list:
    key = "elements" if item["type"] in ELEMENT_TYPES else "relationships"
    data = {key: [copy.deepcopy(item), copy.deepcopy(item)]}
    assert _validate_concepts_in_place(data, {"strict": True})
    return data[key]


@settings(max_examples=250, deadline=None)
@given(_ITEMS, _OPS)
@example({"id": "r1", "type": "Serving", "source": "a", "target": "b"},
         [("pickle_pair", "name", None), ("set", "confidence", "V")])
def test_shared_fields_sets_behave_as_own_ones(item, ops):
    c, twin = _shared(item)
    assert c.model_fields_set is twin.model_fields_set  # shared until changed
    assert _apply(c, twin, copy.deepcopy(ops)) == _apply(_plain(item), _plain(item), copy.deepcopy(ops))
    assert all(s == set(k) for k, s in attributes._SHARED_SETS.items())  # no shared set was changed


def test_a_loaded_model_shares_fields_sets_and_a_change_is_its_own():
    m = loads("eaframe: '1'\nmetadata: {title: {en: T}}\nelements:\n"
              "- {id: a, type: BusinessActor, name: {en: A}}\n- {id: b, type: BusinessActor, name: {en: B}}\n"
              "relationships:\n- {id: r, type: Association, source: a, target: b}\n"
              "- {id: s, type: Association, source: b, target: a}\n")
    a, b = m.elements
    assert a.model_fields_set is b.model_fields_set and a.name.model_fields_set is b.name.model_fields_set
    a.confidence = "V"
    a.name.vi = "Ạ"
    assert a.model_fields_set == {"id", "type", "name", "confidence"} and b.model_fields_set == {"id", "type", "name"}
    assert a.name.model_fields_set == {"en", "vi"} and b.name.model_fields_set == {"en"}
    r, s = m.relationships
    assert r.model_fields_set is s.model_fields_set


def test_the_number_of_shared_sets_is_bounded(monkeypatch):
    monkeypatch.setattr(attributes, "_SHARED_SETS", {})
    monkeypatch.setattr(attributes, "_SHARED_LIMIT", 1)
    a, b = _shared({"id": "x", "type": "Grouping", "name": {"en": "G"}})  # the one combination kept
    assert a.model_fields_set is b.model_fields_set and id(a.model_fields_set) in attributes._SHARED_IDS
    c, d = _shared({"id": "y", "type": "Grouping", "name": {"en": "G"}, "confidence": "I"})
    assert c.model_fields_set == d.model_fields_set == {"id", "type", "name", "confidence"}
    assert c.model_fields_set is not d.model_fields_set  # past the limit: each its own set
    assert list(attributes._SHARED_SETS) == [frozenset({"id", "type", "name"})]


_FIELD_NAMES = st.sets(st.sampled_from(["id", "type", "name", "documentation", "confidence", "sources"]), max_size=4)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Grouping", "Serving", "text"]), _FIELD_NAMES, st.booleans()), max_size=12),
       st.integers(0, 3))
def test_the_sharer_shares_as_share_fields_set_does(steps, limit):
    """``fields_set_sharer()`` (what readers call per concept) leaves every instance with the
    same set as ``share_fields_set`` would, in any order of classes and sets, also when the
    number of shared sets is at its limit."""
    from eaframe.attributes import Text
    from eaframe.elements import Grouping
    from eaframe.relationships import Serving

    made = {"Grouping": lambda: Grouping(id="g"), "Serving": lambda: Serving(id="s", source="a", target="b"),
            "text": Text}
    saved = dict(attributes._SHARED_SETS), set(attributes._SHARED_IDS), attributes._SHARED_LIMIT
    try:
        attributes._SHARED_LIMIT = len(attributes._SHARED_SETS) + limit
        sharer = attributes.fields_set_sharer()
        for kind, names, twice in steps:
            a, b = made[kind](), made[kind]()
            object.__setattr__(a, "__pydantic_fields_set__", set(names))
            object.__setattr__(b, "__pydantic_fields_set__", set(names))
            sharer(a)
            if twice:
                sharer(a)  # an instance that already shares a set keeps it
            attributes.share_fields_set(b)
            assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__ or (
                id(b.__pydantic_fields_set__) not in attributes._SHARED_IDS
                and id(a.__pydantic_fields_set__) not in attributes._SHARED_IDS)
            assert a.__pydantic_fields_set__ == set(names)
    finally:
        attributes._SHARED_SETS.clear()
        attributes._SHARED_SETS.update(saved[0])
        attributes._SHARED_IDS.clear()
        attributes._SHARED_IDS.update(saved[1])
        attributes._SHARED_LIMIT = saved[2]


def test_an_exchange_read_shares_fields_sets():
    from eaframe.exchange import generate_archimate, parse_archimate

    m = loads("eaframe: '1'\nmetadata: {title: {en: T}}\nelements:\n"
              "- {id: a, type: BusinessActor, name: {en: A}}\n- {id: b, type: BusinessActor, name: {en: B}}\n"
              "relationships:\n- {id: r, type: Association, source: a, target: b}\n"
              "- {id: s, type: Association, source: b, target: a}\n")
    read = parse_archimate(generate_archimate(m))
    a, b = read.elements
    assert a.model_fields_set is b.model_fields_set and a.name.model_fields_set is b.name.model_fields_set
    r, s = read.relationships
    assert r.model_fields_set is s.model_fields_set
    a.name.vi = "Ạ"
    assert a.name.model_fields_set == {"en", "vi"} and b.name.model_fields_set == {"en"}
