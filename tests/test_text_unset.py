"""The empty name of an unnamed concept shares its (empty) set of set fields with the
other unnamed concepts (issue 16, memory per concept); it behaves as ``Text()`` does.
The property test applies the same random operations to both and compares everything
that can be observed."""

from __future__ import annotations

import copy
import pickle

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from eaframe.attributes import _UNSET_FIELDS, Text
from eaframe.relationships import Serving

_VALUES = st.one_of(st.none(), st.text(max_size=4), st.integers(0, 3), st.sampled_from(["a\x07", "Đ", "x\ud800"]),
                    st.dictionaries(st.sampled_from(["fr", "de", "1x", "vi"]), st.text(max_size=3), max_size=2))
_OPS = st.lists(st.tuples(st.sampled_from(["set", "copy", "copy_update", "deepcopy", "pickle", "other_item"]),
                          st.sampled_from(["vi", "en", "other"]), _VALUES), max_size=5)


def _safe(f) -> object:
    try:
        return f()
    except ValueError as err:  # a lone surrogate cannot be written as JSON
        return ("raises", type(err).__name__)


def _observe(text: Text) -> tuple:
    return tuple(_safe(f) for f in (
        lambda: repr(text), text.model_dump, lambda: text.model_dump(exclude_unset=True),
        lambda: sorted(text.model_fields_set), lambda: text.model_dump_json(exclude_unset=True),
        lambda: bool(text), text.items))


def _apply(text: Text, ops: list) -> list:
    seen = []
    for op, field, value in ops:
        try:
            if op == "set":
                setattr(text, field, value)
            elif op == "copy":
                text = text.model_copy()
            elif op == "copy_update":
                text = text.model_copy(update={field: getattr(Text.model_validate({field: value}), field)})
            elif op == "deepcopy":
                text = copy.deepcopy(text)
            elif op == "pickle":
                text = pickle.loads(pickle.dumps(text))
            elif op == "other_item" and isinstance(value, str):
                text.other["fr"] = value
            seen.append(("ok", _observe(text)))
        except ValidationError as err:
            seen.append(("error", repr(err.errors(include_url=False)), _observe(text)))
    return seen


@settings(max_examples=300, deadline=None)
@given(_OPS)
def test_unset_text_behaves_as_a_new_empty_text(ops):
    assert _apply(Text._unset(), copy.deepcopy(ops)) == _apply(Text(), copy.deepcopy(ops))
    assert _UNSET_FIELDS == set()


def test_unnamed_concepts_share_one_empty_fields_set_until_they_are_named():
    a, b = Serving(id="a", source="x", target="y"), Serving(id="b", source="x", target="y")
    assert a.name == Text() and a.name is not b.name
    assert a.name.model_fields_set is b.name.model_fields_set
    a.name.en = "Link"
    assert a.name.model_fields_set == {"en"} and b.name.model_fields_set == set() and _UNSET_FIELDS == set()
    assert b.name.model_dump(exclude_unset=True) == {} and a.name.model_dump(exclude_unset=True) == {"en": "Link"}


def test_unnamed_concepts_do_not_each_allocate_a_fields_set():
    names = [Serving(id=f"r{i}", source="x", target="y").name for i in range(3)]
    assert {id(n.model_fields_set) for n in names} == {id(_UNSET_FIELDS)}
    assert Text().model_fields_set is not _UNSET_FIELDS  # an explicit Text() is a text of its own


def test_unpickled_unnamed_concepts_do_not_share_a_fields_set():
    # pickling several unset texts at once must not make them share one set after loading:
    # a name given to one would then show as set on all of them
    a, b = pickle.loads(pickle.dumps([Text._unset(), Text._unset()]))
    a.en = "Link"
    assert a.model_fields_set == {"en"} and b.model_fields_set == set()
    r1, r2 = pickle.loads(pickle.dumps([Serving(id="a", source="x", target="y"),
                                        Serving(id="b", source="x", target="y")]))
    r1.name.vi = "Liên kết"
    assert r2.name.model_fields_set == set() and r2.name.model_dump(exclude_unset=True) == {}


def test_an_unset_text_makes_no_field_dict_until_one_is_asked_for():
    """The default name of an unnamed concept keeps its fields in the instance (no dict for
    the collector to track) until pydantic asks for ``__dict__``; then it is ``Text()``'s."""
    import gc

    made = [Text(vi="a", en="b") for _ in range(100)]  # texts pydantic made first, as in a load
    gc.collect()
    before = len(gc.get_objects())
    names = [Text._unset() for _ in range(1000)]
    assert len(gc.get_objects()) - before <= 1001  # the texts and the list: no dict each
    assert names[0].__dict__ == Text().__dict__ and list(names[0].__dict__) == list(Text().__dict__)
    assert names[1] == Text() and names[1].model_dump() == Text().model_dump() and made[0] != names[1]


_LOAD_AND_COUNT = """
import gc
from eaframe.attributes import Text
from eaframe.modelfile import loads

text = ("eaframe: '1'\\nmetadata: {title: {en: T}}\\nelements:\\n"
        + "".join(f"- {{id: e{i}, type: BusinessActor, name: {{en: A}}}}\\n" for i in range(300))
        + "relationships:\\n"
        + "".join(f"- {{id: r{i}, type: Association, source: e{i}, target: e{i + 1}}}\\n" for i in range(299)))
model = loads(text)
tracked = [o for r in model.relationships for o in gc.get_referents(r.name) if gc.is_tracked(o) and type(o) is dict]
assert all(r.name == Text() for r in model.relationships)
print(len(tracked))
"""


def test_unnamed_relationships_of_a_loaded_model_make_no_field_dicts():
    """In a load, pydantic makes many texts (the elements' names) before the first unnamed
    relationship's; those still keep their fields inline (no tracked dict each). In a
    fresh process: which texts were made first is process-wide state of CPython."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _LOAD_AND_COUNT], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0"]


def test_comparing_unset_texts_makes_no_dict():
    """Text.__eq__ compares fields without asking an unset text for its ``__dict__`` (which it
    would make and keep: one object per unnamed concept compared, by a diff, a merge or ``==``)."""
    import gc

    from eaframe.attributes import Text

    pairs = [(Text._unset(), Text._unset()) for _ in range(200)]
    gc.collect()
    before = len(gc.get_objects())
    assert all(a == b for a, b in pairs)
    assert not any(a != b for a, b in pairs)
    assert len(gc.get_objects()) - before < 20
    assert Text(vi="x") != Text(vi="y") and Text(en="x", other={"fr": "y"}) == Text(en="x", other={"fr": "y"})
    assert Text(untagged="x") != Text(vi="x") and (Text() == "x") is False
