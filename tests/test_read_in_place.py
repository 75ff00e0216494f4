"""Reading an exchange file validates its elements and relationships one by one, each
replacing its row as it goes (issue 16, exchange read). The property tests show that
this gives exactly what validating the rows as a whole gives: the same model and
warnings, or the same problems at the same places in the file."""

from __future__ import annotations

import random
import re
import tracemalloc
import warnings
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from test_fuzz_exchange import _tree_mutation, mutants

from eaframe import EaframeError
from eaframe.elements import ELEMENT_TYPES
from eaframe.exceptions import ExchangeFormatError
from eaframe.exchange import generate_archimate, parse_archimate
from eaframe.exchange.archimate import NS, ArchimateReader
from eaframe.relationships import RELATIONSHIP_TYPES
from eaframe.synthetic import synthetic_model

BASE = generate_archimate(synthetic_model(12, seed=3), layout="grid")
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def _outcome(data: bytes, in_place: bool, strict: bool = False, streaming: bool = False) -> tuple:
    reader = ArchimateReader(strict=strict)
    reader._in_place = in_place
    reader._streaming = streaming
    return read_outcome(reader, data)


def read_outcome(reader: Any, data: bytes) -> tuple:
    """What a reader makes of ``data``: the model, its warnings and the warnings issued, or
    the error and its problems (compared between a reader's fast and plain paths)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            model = reader.read(data)
        except EaframeError as err:
            return ("error", str(err), [str(p) for p in getattr(err, "problems", [])])
    return ("ok", model.model_dump(), [str(p) for p in model.warnings], [str(w.message) for w in caught])


_VALUES = st.sampled_from(["", " ", "x", "1bad", "e1", "r1", "Serving", "Node", "Goal", "Access", "Read", "true",
                           "maybe", "++", "a" * 40, "id-1", "dup"])


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    """The small synthetic model's export with a few concepts changed: ids repeated,
    types swapped, ends pointing elsewhere, attributes garbled, concepts removed or copied."""
    root = etree.fromstring(BASE)
    concepts = [el for tag in ("elements", "relationships") for box in root.findall(f"{{{NS}}}{tag}") for el in box]
    ids = [el.get("identifier") for el in concepts]
    for _ in range(draw(st.integers(0, 3))):
        el = draw(st.sampled_from(concepts))
        action = draw(st.integers(0, 6))
        if action == 0:
            el.set("identifier", draw(st.sampled_from(ids)))
        elif action == 1:
            el.set(XSI_TYPE, draw(st.sampled_from([*ELEMENT_TYPES, *RELATIONSHIP_TYPES, "Nope"])))
        elif action == 2:
            el.set(draw(st.sampled_from(["source", "target"])), draw(st.sampled_from([*ids, "nowhere"])))
        elif action == 3:
            el.set(draw(st.sampled_from(["identifier", "accessType", "isDirected", "modifier", "source"])),
                   draw(_VALUES))
        elif action == 4 and el.getparent() is not None:
            el.getparent().remove(el)
        elif action == 5 and el.getparent() is not None:
            el.getparent().append(etree.fromstring(etree.tostring(el)))
        else:
            data = etree.tostring(root)
            root = etree.fromstring(_tree_mutation(data, random.Random(draw(st.integers(0, 10_000)))))
            concepts = [c for tag in ("elements", "relationships") for box in root.findall(f"{{{NS}}}{tag}")
                        for c in box] or concepts
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@settings(max_examples=100, deadline=None)
@given(_mutated(), st.booleans())
def test_reading_in_place_gives_what_whole_validation_gives(data, strict):
    assert _outcome(data, True, strict) == _outcome(data, False, strict)


def test_reading_in_place_agrees_on_the_fuzz_mutants():
    for i, data in mutants(150):
        assert _outcome(data, True) == _outcome(data, False), i


def test_a_problem_found_in_place_is_reported_at_its_line_in_the_file():
    data = BASE.replace(b'source="', b'source="nowhere', 1)
    outcome = _outcome(data, True)
    assert outcome == _outcome(data, False)
    assert outcome[0] == "error" and "<bytes>:131: relationships[0].source (id 'r0')" in outcome[1]


def test_reading_in_place_frees_the_rows_while_it_makes_the_model():
    data = generate_archimate(synthetic_model(1500, seed=5), layout="grid")
    peaks = {}
    for in_place in (False, True):
        tracemalloc.start()
        _outcome(data, in_place)
        peaks[in_place] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert peaks[True] < 0.92 * peaks[False], peaks


def test_a_repeated_view_property_of_eaframe_is_an_error_naming_the_view():
    # found by the property test above: a repeated eaframe:elements made a list, then a traceback
    ref = re.search(rb'identifier="([^"]+)" type="string"><name>eaframe:elements<', BASE).group(1)
    prop = re.search(rb'<property propertyDefinitionRef="' + ref + rb'"><value>[^<]*</value></property>', BASE).group(0)
    data = BASE.replace(prop, prop * 2, 1)
    with pytest.raises(ExchangeFormatError) as err:
        parse_archimate(data)
    message = str(err.value)
    assert "view 'v.sample'" in message and "eaframe:elements is given more than once" in message
    assert err.value.line == data[:data.find(b'identifier="v.sample"')].count(b"\n") + 1
