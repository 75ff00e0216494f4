"""Reading an Archi ``.archimate`` file converts each element, relationship and view as soon
as its end tag is parsed (elements and relationships validated at once) and frees its part
of the tree (issue 11, native read at 100k: peak memory no more than the exchange read's).
The property tests show that this gives exactly what reading the whole tree gives: the same
model, native data and warnings (also in the order of the native data), or the same error
with the same problems at the same places."""

from __future__ import annotations

import io
import json
import re
import warnings
import zipfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz_native import _mutate, seeds
from test_read_in_place import read_outcome

from eaframe.attributes import Text
from eaframe.exceptions import EaframeWarning
from eaframe.exchange.native import _Reader, dumps_archi
from eaframe.synthetic import synthetic_model

CORPUS = sorted((Path(__file__).parent / "data" / "corpus").glob("*.archimate"))


def _outcome(data: bytes, streaming: bool, strict: bool = False, default_lang: str | None = None) -> tuple:
    reader = _Reader(strict, default_lang, 1 << 26, 1 << 20)
    reader._streaming = streaming
    got = read_outcome(reader, data)
    if got[0] == "ok":  # the order of the native data too (it is written to YAML as it is)
        got = (*got, json.dumps(got[1].get("native"), default=str))
    return got


def _both(data: bytes, strict: bool = False, default_lang: str | None = None) -> tuple:
    return _outcome(data, True, strict, default_lang), _outcome(data, False, strict, default_lang)


def _streams(data: bytes, default_lang: str | None = None) -> bool:
    """Whether the file is read while parsing (not again from its whole tree)."""
    reader = _Reader(False, default_lang, None, 1 << 20)
    called = []
    whole = reader._raw
    reader._raw = lambda: called.append(1) or whole()  # type: ignore[method-assign]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EaframeWarning)
        reader.read(data)
    return not called


def _write(model) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EaframeWarning)  # one language per text in Archi's format
        return dumps_archi(model)


@cache
def _large() -> bytes:
    """More concepts in one folder than one step of freeing the tree (1024), and a view."""
    return _write(synthetic_model(1500, seed=7))


@cache
def _one_language() -> bytes:
    """A model in Vietnamese only: the file says so at its end (eaframe:languages), which
    retags every text."""
    model = synthetic_model(30, seed=2)
    for e in model.elements:
        e.name = Text(vi=e.name.vi or "x")
        e.documentation = None
    model.metadata.languages = ["vi"]
    model.metadata.title = Text(vi="Mô hình")
    return _write(model)


def _unzipped(data: bytes) -> bytes:
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.read("model.xml")
    return data


@st.composite
def _files(draw: st.DrawFn) -> bytes:
    seed = draw(st.sampled_from([*seeds(), _one_language(), _write(synthetic_model(12, seed=3))]))
    return _mutate(seed, draw)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_files(), st.booleans())
def test_streaming_gives_what_the_whole_tree_gives(data, strict):
    streamed, whole = _both(data, strict)
    assert streamed == whole


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_streaming_reads_the_corpus_as_the_whole_tree_does(path):
    data = path.read_bytes()
    assert _both(data) == _both(data)[::-1]  # the same both ways round
    streamed, whole = _both(data)
    assert streamed == whole and streamed[0] == "ok"
    assert _streams(data)  # renamed ids, references to later views, zipped: all read while parsing


def test_clean_files_are_read_while_parsing():
    # the equivalence tests are not empty: the streaming reading is what reads these files
    assert _streams(_large()) and _streams(_one_language()) and _streams(_one_language(), default_lang="en")
    streamed, whole = _both(_one_language())
    assert streamed == whole and streamed[1]["elements"][0]["name"]["vi"]  # retagged in Vietnamese


# oddities that make the streamed reading differ or fail: it must notice and read the whole tree
_ODD = [b"<foo/>", b"<documentation>d</documentation>", b'<property key="k" value="v"/>',
        b'<property key="eaframe:languages" value="en"/>', b'<element xsi:type="archimate:Goal" name="g" id="1 g"/>',
        b'<element xsi:type="archimate:Goal" name="g" id="zz"><foo/></element>', b"<folder name='f' id='ff'/>",
        b'<folder name="f" id="fg"><foo/><element xsi:type="archimate:Goal" name="g" id="zg"><bar/></element></folder>',
        b'<element xsi:type="archimate:Goal" name="dup" id="e5"/>', b'<purpose>p</purpose>',
        b'<child xsi:type="archimate:DiagramModelReference" id="ref1" model="v.sample"><bounds x="1" y="1"/></child>',
        b'<element xsi:type="archimate:ArchimateDiagramModel" name="later" id="v.later"/>', b"<!-- c -->",
        b'<x:element xmlns:x="urn:x" id="q"/>']


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["</element>", "<folder ", "</folder>", "\">", "</archimate:model>", "/>"]),
       st.integers(0, 5000), st.sampled_from(_ODD), st.booleans())
def test_streaming_agrees_when_something_odd_is_inserted_anywhere(anchor, nth, odd, at_start):
    # a large file, so that the oddity may come after the first part of the tree was freed
    data = _large()
    places = [m.start() if at_start else m.end() for m in re.finditer(re.escape(anchor.encode()), data)]
    at = places[nth % len(places)]
    streamed, whole = _both(data[:at] + odd + data[at:])
    assert streamed == whole


@pytest.mark.parametrize("odd", _ODD, ids=range(len(_ODD)))
def test_streaming_agrees_with_each_oddity_at_chosen_places(odd):
    data = _large()
    ends = [m.end() for m in re.finditer(rb"</element>", data)]
    places = [ends[0], ends[1100], data.find(b"<folder "), data.rfind(b"</folder>"), data.rfind(b"</archimate:model>")]
    for at in places:
        streamed, whole = _both(data[:at] + odd + data[at:])
        assert streamed == whole, (odd, at)


def test_streaming_agrees_on_a_late_problem_and_a_late_rename():
    data = _large()
    ends = [m.start() for m in re.finditer(rb'source="', data)]
    for at in (ends[5], ends[-3]):  # before and after the first part of the tree was freed
        streamed, whole = _both(data[:at] + b'source="nowhere" x' + data[at:])
        assert streamed == whole and streamed[0] == "error"
    renamed = data.replace(b'"e1499"', b'"1 e1499"')
    assert b'"1 e1499"' in renamed
    streamed, whole = _both(renamed)
    assert streamed == whole and streamed[0] == "ok" and "renamed" in " ".join(streamed[2])
    assert _streams(renamed)


def test_a_view_may_refer_to_a_view_further_on():
    data = _unzipped(_large())
    view = re.search(rb'<element xsi:type="archimate:ArchimateDiagramModel"[^>]*>', data)
    assert view is not None
    ref = (b'<element xsi:type="archimate:ArchimateDiagramModel" name="first" id="v.first">'
           b'<child xsi:type="archimate:DiagramModelReference" id="r.1" model="v.last"><bounds x="1" y="2"/></child>'
           b'</element>')
    last = b'<element xsi:type="archimate:ArchimateDiagramModel" name="last" id="v.last"/>'
    data = data[:view.start()] + ref + data[view.start():]
    data = data.replace(b"</folder>\n  <property", last + b"</folder>\n  <property", 1)
    streamed, whole = _both(data)
    assert streamed == whole and streamed[0] == "ok" and _streams(data)
    first = next(v for v in streamed[1]["views"] if v["id"] == "v.first")
    assert first["diagram"]["nodes"][0]["view_refs"] == ["v.last"]


def test_the_tree_is_freed_while_parsing():
    """Every 1024 concepts, those read are dropped from the tree: none is left before the last
    one read (the parser may have added the next ones already)."""
    reader = _Reader(False, None, None, 1 << 20)
    left = []
    free = reader._free

    def watch(folder, el, box):
        before = folder.index(el)
        free(folder, el, box)
        left.append((before, folder.index(el)))

    reader._free = watch  # type: ignore[method-assign]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EaframeWarning)
        model = reader.read(_large())
    assert len(model.elements) == 1500 and left == [(1023, 0), (1023, 0)]


_CONCEPT_VARIANTS = [
    ("Access", b' accessType="1"'), ("Access", b' accessType=""'), ("Access", b' accessType="9"'),
    ("Influence", b' strength="+"'), ("Influence", b' strength=""'), ("Association", b' directed="true"'),
    ("Association", b' directed="no"'), ("Serving", b' name=""'), ("Serving", b' name="n"'),
    ("Serving", b' foo="1"'), ("Serving", b' viewpoint="x"'), ("Goal", b' name=""'), ("Goal", b' foo="1"'),
    ("Goal", b' source="e1"'), ("Goal", b""),
]
_CHILDREN = [b"", b'<property key="eaframe:confidence" value="I"/><property key="eaframe:nope@vi" value="x"/>',
             b'<property value="v"/>', b'<property key="k" value="1"/><property key="k" value="2"/>',
             b"<documentation>d</documentation><foo/>", b'<property key="eaframe:sources" value=""/>',
             b'<property key="eaframe:nope" value="1"/><property key="eaframe:owner" value="ga"/>']


@pytest.mark.parametrize("children", _CHILDREN, ids=range(len(_CHILDREN)))
def test_the_quick_rows_are_the_general_rows(children):
    """Elements and relationships of every shape the quick reading handles, and of shapes it
    leaves to the general one, read alike both ways."""
    concepts = b"".join(
        b'<element xsi:type="archimate:%sRelationship" id="q%d" source="ga" target="gb"%s>%s</element>'
        % (t.encode(), i, attrs, children) if t != "Goal" else
        b'<element xsi:type="archimate:Goal" id="q%d"%s>%s</element>' % (i, attrs, children)
        for i, (t, attrs) in enumerate(_CONCEPT_VARIANTS))
    data = (b'<?xml version="1.0" encoding="UTF-8"?>\n<archimate:model xmlns:xsi="http://www.w3.org/2001/XMLSchema-'
            b'instance" xmlns:archimate="http://www.archimatetool.com/archimate" name="m" id="m1" version="5.0.0">'
            b'<folder name="F" id="f1"><element xsi:type="archimate:Goal" name="a" id="ga"/>'
            b'<element xsi:type="archimate:Goal" name="b" id="gb"/>' + concepts + b"</folder></archimate:model>")
    streamed, whole = _both(data)
    assert streamed == whole and streamed[0] == "ok"
    assert _streams(data)
