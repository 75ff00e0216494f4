"""Loading a model file validates its elements and relationships one by one, freeing the
mappings read from the file as it goes (issue 16, peak memory). The property tests show
that this gives exactly what validating the whole data at once gives: the same model and
warnings, or the same problems."""

from __future__ import annotations

import copy
import json
import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st
from test_fuzz_model_files import corpus

from eaframe import EaframeError
from eaframe.elements import ELEMENT_TYPES, FIELD_TYPES
from eaframe.modelfile import _parse, _validate
from eaframe.relationships import RELATIONSHIP_TYPES
from eaframe.synthetic import synthetic_data

BASE = synthetic_data(12, 3)


def _outcome(text: str, fmt: str, in_place: bool) -> tuple:
    try:
        data, early = _parse(text, fmt, f"m.{fmt}")
        model = _validate(data, text, fmt, f"m.{fmt}", True, early, in_place=in_place)
    except EaframeError as err:
        return ("error", type(err).__name__, [str(p) for p in getattr(err, "problems", [err])])
    return ("ok", model.model_dump(), [str(p) for p in model.warnings])


_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 7), st.text(max_size=5),
    st.sampled_from(["prov.x", "1bad", "V", "existing", "lease", "nan", "a\ud800", "Serving", "Node", "r0", "e1"]),
    st.lists(st.sampled_from(["S1", "bad id", 3]), max_size=2),
    st.dictionaries(st.sampled_from(["vi", "en", "x", "indicator", "value"]), st.text(max_size=3), max_size=2))
_KEYS = st.sampled_from(["id", "type", "name", "source", "target", "sources", "confidence", "status", "owner",
                         "access_type", "modifier", *FIELD_TYPES, "zz"])


@st.composite
def _mutated(draw: st.DrawFn) -> dict:
    """The small synthetic model with a few fields of its elements and relationships changed."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(0, 3))):
        key = draw(st.sampled_from(["elements", "relationships"]))
        items = data[key]
        i = draw(st.integers(0, len(items) - 1))
        action = draw(st.integers(0, 5))
        if action == 0:
            items[i] = draw(_VALUES)
        elif action == 1 and isinstance(items[i], dict):
            items[i].pop(draw(_KEYS), None)
        elif action == 2:
            items.append(copy.deepcopy(items[i]))
        elif action == 3 and isinstance(items[i], dict):
            items[i]["type"] = draw(st.sampled_from([*ELEMENT_TYPES, *RELATIONSHIP_TYPES, "Nope"]))
        elif isinstance(items[i], dict):
            items[i][draw(_KEYS)] = draw(_VALUES)
    return data


@settings(max_examples=120, deadline=None)
@given(_mutated())
def test_loading_in_place_gives_what_whole_validation_gives(data):
    text = json.dumps(data)
    assert _outcome(text, "json", True) == _outcome(text, "json", False)


def test_loading_in_place_agrees_on_the_fuzz_corpus():
    for fmt, text, what in corpus()[:300]:
        assert _outcome(text, fmt, True) == _outcome(text, fmt, False), what


def test_loading_in_place_frees_the_data_read_while_it_makes_the_model():
    text = json.dumps(synthetic_data(1500, 5))
    peaks = {}
    for in_place in (False, True):
        data, early = _parse(text, "json", "m.json")
        tracemalloc.start()
        _validate(data, text, "json", "m.json", True, early, in_place=in_place)
        peaks[in_place] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        del data
    assert peaks[True] < 0.92 * peaks[False], peaks
