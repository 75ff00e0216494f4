"""Reading an exchange file converts and validates each element and relationship while
the file is parsed, freeing its part of the tree (issue 16, exchange read). The property
tests show that this gives exactly what the straightforward reading gives (the whole tree
converted, then the rows validated as a whole): the same model and warnings, or the same
problems at the same places in the file."""

from __future__ import annotations

import random
import re
import warnings
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from test_fuzz_exchange import mutants
from test_read_in_place import BASE, _mutated, _outcome

from eaframe.attributes import Text
from eaframe.exceptions import EaframeWarning
from eaframe.exchange import generate_archimate
from eaframe.exchange.archimate import NS, ArchimateReader
from eaframe.exchange.codec import model_languages
from eaframe.synthetic import synthetic_model

CORPUS = sorted((Path(__file__).parent / "data" / "corpus").glob("*.xml"))


def _both(data: bytes, strict: bool = False) -> tuple:
    """(streaming outcome, straightforward outcome)."""
    return _outcome(data, True, strict, streaming=True), _outcome(data, False, strict, streaming=False)


def _streams(data: bytes) -> bool:
    """Whether the file is read while parsing (no second reading from the whole tree)."""
    reader = ArchimateReader()
    called = []
    reader._convert = lambda *a: called.append(a) or ArchimateReader._convert(reader, *a)  # type: ignore[method-assign]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EaframeWarning)  # compared with the plain path's by _both
        reader.read(data)
    return not called


@cache
def _large() -> bytes:
    """An export with more concepts than one step of freeing the tree (1024)."""
    return generate_archimate(synthetic_model(520, seed=7), layout="grid")


@settings(max_examples=100, deadline=None)
@given(_mutated(), st.booleans())
def test_streaming_gives_what_the_whole_tree_gives(data, strict):
    streamed, whole = _both(data, strict)
    assert streamed == whole


def test_streaming_agrees_on_the_fuzz_mutants():
    for i, data in mutants(150):
        streamed, whole = _both(data)
        assert streamed == whole, i


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_streaming_reads_the_corpus_as_the_whole_tree_does(path):
    data = path.read_bytes()
    streamed, whole = _both(data)
    assert streamed == whole
    assert _streams(data)


def test_a_clean_file_is_read_while_parsing():
    # the equivalence tests are not empty: the streaming reading is what reads clean files
    assert _streams(BASE) and _streams(_large())


_ODD = [b"<foo/>", b'<element identifier="zz" xsi:type="Goal"><name>x</name></element>',
        b'<relationship identifier="zz" source="e1" target="e2" xsi:type="Association"/>', b"<elements/>",
        b"<!-- <propertyDefinitions> -->", b"<x:element xmlns:x='urn:x' identifier='q' xsi:type='Goal'/>"]


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["</element>", "</relationship>", "<elements>", "<relationships>", "</properties>",
                        "<metadata>", "</model>", "<propertyDefinitions>"]),
       st.integers(0, 2000), st.sampled_from(_ODD))
def test_streaming_agrees_when_something_odd_is_inserted_anywhere(anchor, nth, odd):
    # a large file, so that the oddity may come after the first part of the tree was freed
    data = _large()
    if anchor == "<metadata>":
        at = data.find(b"<elements>")
        odd = b"<metadata>" + odd + b"</metadata>"
    else:
        places = [m.end() for m in re.finditer(re.escape(anchor.encode()), data)]
        if not places:
            return
        at = places[nth % len(places)]
    mutated = data[:at] + odd + data[at:]
    streamed, whole = _both(mutated)
    assert streamed == whole


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000))
def test_streaming_agrees_when_property_definitions_change(seed):
    """The definitions found ahead of the parse are checked against those the parse finds."""
    rng = random.Random(seed)
    data = BASE
    defs = [m.group(0) for m in re.finditer(rb'<propertyDefinition identifier="[^"]+"[^>]*>.*?</propertyDefinition>',
                                             data, re.S)]
    action = rng.randrange(6)
    one = rng.choice(defs)
    if action == 0:  # a definition renamed
        data = data.replace(one, re.sub(rb"<name>[^<]*</name>", b"<name>renamed</name>", one))
    elif action == 1:  # a definition removed
        data = data.replace(one, b"")
    elif action == 2:  # a second block after the views
        data = data.replace(b"</model>", b"<propertyDefinitions>" + one.replace(b'identifier="', b'identifier="x', 1)
                            + b"</propertyDefinitions></model>")
    elif action == 3:  # the word in a text before the block
        data = data.replace(b"<name xml:lang=\"en\">", b"<name xml:lang=\"en\">propertyDefinitions&gt;", 1)
    elif action == 4:  # a prefixed exchange namespace
        data = data.replace(b"<propertyDefinitions>", b'<a:propertyDefinitions xmlns:a="' + NS.encode() + b'">')
        data = data.replace(b"</propertyDefinitions>", b"</a:propertyDefinitions>")
    else:  # a data type changed
        data = data.replace(one, one.replace(b'type="string"', b'type="number"'))
    streamed, whole = _both(data)
    assert streamed == whole


def test_streaming_agrees_on_a_large_file_with_a_late_problem():
    data = _large()
    ends = [m.start() for m in re.finditer(rb'source="', data)]
    for at in (ends[5], ends[-3]):  # before and after the first part of the tree was freed
        mutated = data[:at] + b'source="nowhere" x' + data[at:]
        streamed, whole = _both(mutated)
        assert streamed == whole and streamed[0] == "error"
    renamed = data.replace(b'"e519"', b'"1 e519"')
    streamed, whole = _both(renamed)
    assert streamed == whole and streamed[0] == "ok"


def test_the_tree_is_not_kept_whole():
    """At most one step of concepts (1024) is left in the tree when the parse ends."""
    reader = ArchimateReader()
    reader._reset(_large(), "<bytes>")
    definitions = reader._definitions_ahead(_large())
    assert definitions is not None
    reader._defs, reader._def_types = definitions
    reader._decoders = {}
    streamed = reader._stream(_large(), {"strict": False})
    assert len(streamed.elements) == 520 and len(streamed.relationships) == 1040
    assert sum(len(box) for box in streamed.root if box.tag in (f"{{{NS}}}elements", f"{{{NS}}}relationships")) <= 2048
    assert sorted(streamed.left.values()) == sorted(len(box) for box in streamed.left)
    assert etree.QName(streamed.root).localname == "model"


_TEXTS = st.builds(lambda vi, en, untagged: Text(vi=vi, en=en, untagged=untagged),
                   st.none() | st.sampled_from(["", "a"]), st.none() | st.sampled_from(["", "b"]),
                   st.none() | st.just("c"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_TEXTS, st.none() | _TEXTS), min_size=2, max_size=6), _TEXTS, st.none() | _TEXTS)
def test_languages_without_others_are_those_of_the_full_search(texts, title, documentation):
    """The reader's shortcut when no text has another language (model_languages(others=False))."""
    model = synthetic_model(len(texts), seed=1)
    for e, (name, doc) in zip(model.elements, texts, strict=True):
        e.name = name
        e.documentation = doc
    model.metadata.title = title
    model.metadata.documentation = documentation
    assert model_languages(model, others=False) == model_languages(model)
