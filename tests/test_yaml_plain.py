"""YAML model files are read straight from the parser's events into plain data, without
PyYAML's node tree (issue 16: YAML load time and memory); anything that way does not
cover (tags, anchors, aliases, merge keys, repeated keys, collection keys, several
documents, a problem) is read by the loader as before. The property tests read generated,
dumped-in-every-style and mutated YAML both ways and compare the data, the duplicate keys
found and the problems reported."""

from __future__ import annotations

import datetime as dt
import math

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fuzz_model_files import ODD, VALUES, corpus

from eaframe import modelfile
from eaframe.exceptions import EaframeError


def _canon(value: object) -> object:
    """The data with its types (1, 1.0 and True differ) and NaN made comparable."""
    if isinstance(value, dict):
        return ("map", [(_canon(k), _canon(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [_canon(v) for v in value])
    if isinstance(value, float) and math.isnan(value):
        return ("nan",)
    return (type(value).__name__, value)


def _outcome(text: str) -> tuple:
    try:
        data, early = modelfile._parse(text, "yaml", "m.yaml")
    except EaframeError as err:
        return ("error", type(err).__name__, [str(p) for p in getattr(err, "problems", [err])])
    return ("ok", _canon(data), [str(p) for p in early])


def _both(text: str) -> tuple[tuple, tuple]:
    direct = _outcome(text)
    with pytest.MonkeyPatch.context() as m:
        def loader_only(loader):
            raise modelfile._NotPlain
        m.setattr(modelfile, "_plain_data", loader_only)
        through_loader = _outcome(text)
    return direct, through_loader


_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=6), st.dates(),
    st.datetimes(timezones=st.sampled_from([None, dt.UTC])),
    st.sampled_from(["yes", "No", "on", "OFF", "y", "n", "~", "null", "Null", "", "1e3", "0x1F", "0o17", "017",
                     "1_000", "+1", ".5", "-.inf", ".NaN", "2020-13-45", "2001-12-14t21:59:43.10-05:00", "<<", "=",
                     ":", "- a", "a: b", "#x", "'q'", '"q"', "!tag", "&a", "*a", "%x", "@", "`", "Đ ệ", "\t",
                     "a\nb", " lead", "trail ", "1:20", "0b101", "+.inf", "1.0e+3", "TRUE", "Yes"]))
_DATA = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(_SCALARS.filter(lambda k: not (isinstance(k, float) and math.isnan(k)))),
                    inner, max_size=4)), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(_DATA, st.sampled_from([None, True, False]), st.booleans(), st.randoms(use_true_random=False))
def test_direct_reading_gives_what_the_loader_gives(data, flow, canonical, rnd):
    try:
        text = yaml.safe_dump(data, default_flow_style=flow, canonical=canonical, allow_unicode=rnd.random() < 0.5)
    except yaml.YAMLError:
        return
    # a few mutations: repeated lines and keys, odd characters, tags, anchors and aliases
    lines = text.splitlines(keepends=True)
    for _ in range(rnd.randint(0, 3)):
        i = rnd.randrange(len(lines))
        pick = rnd.randint(0, 3)
        if pick == 0:
            lines.insert(i, lines[i])
        elif pick == 1:
            lines[i] = lines[i][:rnd.randint(0, len(lines[i]))] + rnd.choice(ODD) + lines[i][rnd.randint(0, len(lines[i])):]
        elif pick == 2:
            lines[i] = lines[i].replace(": ", ": " + rnd.choice(VALUES) + " ", 1)
        else:
            lines[i] = lines[i].replace("- ", "- " + rnd.choice(["!!str ", "&a ", "*a ", "!x ", "? "]), 1)
    direct, through_loader = _both("".join(lines))
    assert direct == through_loader


def test_direct_reading_agrees_on_the_fuzz_corpus():
    for fmt, text, what in corpus()[:400]:
        if fmt == "yaml":
            direct, through_loader = _both(text)
            assert direct == through_loader, what


@pytest.mark.parametrize("text", ["", "# only a comment\n", "a: 1\n---\nb: 2\n", "a: 1\na: 2\n", "? [x]\n: 1\n",
                                  "a: &x 1\nb: *x\n", "<<: {a: 1}\n", "a: !!int 3\n", "%YAML 1.1\n---\na: 1\n",
                                  "a: 99999999999999999999999\n", "a: 0x1F\nb: 2020-02-30\n", "- [a, {b: c}]\n"])
def test_direct_reading_edge_cases(text):
    direct, through_loader = _both(text)
    assert direct == through_loader


def test_a_plain_model_file_is_read_without_the_loader(monkeypatch):
    calls = []
    monkeypatch.setattr(modelfile._ModelLoader, "get_single_data", lambda self: calls.append(1))
    text = "eaframe: '1'\nmetadata:\n  title: {en: T}\nelements:\n- {id: a, type: Node, name: {en: N}}\n"
    assert modelfile._parse(text, "yaml", "m.yaml")[0]["elements"] == [{"id": "a", "type": "Node", "name": {"en": "N"}}]
    assert calls == []
