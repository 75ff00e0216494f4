"""Reading an Archi ``.archimate`` file validates its elements and relationships one by
one, each replacing its row, with the tree freed before (issue 11, native read at 100k).
The property tests show that this gives exactly what validating the rows as a whole
gives: the same model and warnings, or the same problems at the same places."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz_native import _mutate, seeds
from test_read_in_place import read_outcome

from eaframe.exceptions import EaframeWarning
from eaframe.exchange.native import _Reader, dumps_archi
from eaframe.synthetic import synthetic_model


def _archi_file() -> bytes:
    """A bilingual synthetic model as Archi writes it (one language per text: counted in a warning)."""
    with pytest.warns(EaframeWarning, match="cannot hold"):
        return dumps_archi(synthetic_model(12, seed=3))


def _outcome(data: bytes, in_place: bool, strict: bool = False) -> tuple:
    reader = _Reader(strict, None, 1 << 26, 1 << 20)
    reader._in_place = in_place
    reader._streaming = False  # compared with the whole-tree reading in test_native_streaming.py
    return read_outcome(reader, data)


@st.composite
def _files(draw: st.DrawFn) -> bytes:
    seed = draw(st.sampled_from([*seeds(), _archi_file()]))
    return _mutate(seed, draw)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_files(), st.booleans())
def test_reading_in_place_gives_what_whole_validation_gives(data, strict):
    assert _outcome(data, True, strict) == _outcome(data, False, strict)


def test_a_problem_found_in_place_is_reported_as_before():
    data = _archi_file()
    bad = data.replace(b'source="', b'source="nowhere', 1)
    outcome = _outcome(bad, True)
    assert outcome == _outcome(bad, False) and outcome[0] == "error" and "nowhere" in outcome[1]
    assert _outcome(data, True)[0] == "ok"


def test_the_tree_is_freed_before_the_model_is_validated():
    reader = _Reader(False, None, None, 1 << 20)
    reader._streaming = False
    reader.read(_archi_file())
    assert reader._root is None and reader._untagged == []
