"""Fuzz: mutated Archi ``.archimate`` files (plain and zipped) give a model or an eaframe error, nothing else.

Hypothesis derives files from the real native files of the corpus and from tests/test_native.py's
sample: attribute values replaced with odd ones, elements deleted or duplicated, bytes flipped,
the file cut short, the archive's members renamed or cut. Every file is read with
:func:`reads_archi`; a model that reads is written back and must read back the same.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from test_native import SAMPLE

from eaframe import ArchitectureModel, EaframeError
from eaframe.exchange import dumps_archi, reads_archi

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
ODD = ["", " ", "-1", "0", "99999999999", "abc", "#zzzzzz", "#ABCDEF", "1|Arial|9.5|3|", "1|x|0|9", "true",
       "../../x.png", "/etc/passwd", "Đồng Nai", "\u202e", "\U0001F600", "a b", "archimate:Gizmo",
       "archimate:Junction", "archimate:DiagramObject", "archimate:Note", "archimate:UsedByRelationship", "&amp;"]
ATTRIBUTES = ["id", "name", "source", "target", "archimateElement", "archimateRelationship", "model", "x", "y",
              "width", "height", "startX", "endY", "fillColor", "font", "fontColor", "lineWidth", "accessType",
              "strength", "directed", "type", "{http://www.w3.org/2001/XMLSchema-instance}type", "key", "value"]


@cache
def seeds() -> list[bytes]:
    out = [SAMPLE]
    for p in sorted(CORPUS.glob("*.archimate")):
        data = p.read_bytes()
        if data.startswith(b"PK"):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                data = z.read("model.xml")
        if len(data) < 40_000:  # the large one makes every example slow; its features are in the others
            out.append(data)
    return out


def _mutate(data: bytes, draw) -> bytes:
    kind = draw(st.sampled_from(["attr", "delete", "duplicate", "flip", "cut", "none"]))
    if kind in ("flip", "cut"):
        at = draw(st.integers(0, len(data) - 1))
        if kind == "cut":
            return data[:at]
        return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    if kind == "none":
        return data
    root = etree.fromstring(data)
    els = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
    for _ in range(draw(st.integers(1, 4))):
        el = els[draw(st.integers(0, len(els) - 1))]
        if kind == "attr":
            el.set(draw(st.sampled_from(ATTRIBUTES)), draw(st.sampled_from(ODD)))
        elif kind == "delete" and el.getparent() is not None:
            el.getparent().remove(el)
            els = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
        elif kind == "duplicate" and el.getparent() is not None:
            el.getparent().append(etree.fromstring(etree.tostring(el)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@st.composite
def files(draw) -> bytes:
    data = _mutate(draw(st.sampled_from(seeds())), draw)
    if not draw(st.booleans()):
        return data
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(draw(st.sampled_from(["model.xml", "model.xml", "other.xml"])), data)
        if draw(st.booleans()):
            z.writestr(draw(st.sampled_from(["images/a.png", "images/../a.png", "/a.png", "images/b.jpg"])), b"\x89PNG")
    zipped = buf.getvalue()
    if draw(st.booleans()):
        zipped = zipped[:draw(st.integers(0, len(zipped)))]
    return zipped


@settings(max_examples=250, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files())
def test_mutated_native_files_give_a_model_or_an_eaframe_error(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            model = reads_archi(data, max_image_bytes=1 << 20)
        except EaframeError as err:
            assert str(err)
            return
        assert isinstance(model, ArchitectureModel)
        try:
            out = dumps_archi(model)
        except EaframeError as err:  # a text XML cannot hold, an image name that leaves the archive
            assert str(err)
            return
        again = reads_archi(out)
    assert again == model
