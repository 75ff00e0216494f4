"""The rules make their findings through ``Finder.maker`` (eaframe.checks.registry): the same findings,
every field including ``Finding.source``, as the straightforward path through :class:`eaframe.i18n.Msg`.

``tests/data/i18n/findings_full.json.gz`` holds every field of every finding (``source`` with the type
and Vietnamese text of each value) of every bundled model, a synthetic model, the enriched
benchmark model (conformance rules), the models of tests/data/checks and a lenient odd model (:data:`ODD`), made by :func:`findings_full` on main at a705693, before the
rules made their findings through makers.
"""

from __future__ import annotations

import gzip
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from checks_support import recorded_models
from hypothesis import example, given, settings
from hypothesis import strategies as st

from eaframe import synthetic_model
from eaframe.bundled import load_model
from eaframe.checks import run_checks
from eaframe.checks.registry import Edge, Finder, finder, formatter
from eaframe.i18n import Alt, Join, alt, localize, msg

REPO = Path(__file__).resolve().parent.parent
EXPECTED = Path(__file__).parent / "data" / "i18n" / "findings_full.json.gz"


def _value(x) -> list:
    return [type(x).__name__, repr(x), localize(x, "vi") if isinstance(x, str) else None]


def _row(f) -> list:
    return [f.rule, f.severity, f.message, list(f.elements), list(f.relationships), f.fix,
            [list(e) for e in f.missing], f.view, [_value(x) for x in f.source], f.lang,
            f.text("vi"), f.fix_text("vi"), type(f.message).__name__, type(f.fix).__name__]


#: A lenient model with what the rules' messages must carry through: relationships ArchiMate does
#: not allow (one from a relationship), names with braces, %, quotes and Vietnamese, an isolated
#: element, an empty view, missing names.
ODD = """metadata:
  title: {en: odd}
  languages: [vi, en]
elements:
  - {id: a, type: Goal, name: {en: 'A {x} %s', vi: 'Mục tiêu {{a}}'}}
  - {id: b, type: ApplicationComponent, scope: provincial, name: {vi: 'Hệ thống "b"'}}
  - {id: c, type: Node}
  - {id: d, type: Goal, name: {en: "D {a} 100% 'q'", vi: 'Đ {{b}} —→'}}
  - {id: e, type: ApplicationComponent, name: {en: '', vi: 'Ứng dụng e'}}
relationships:
  - {id: r1, type: Flow, source: a, target: b}
  - {id: r2, type: Serving, source: r1, target: b}
  - {id: r4, type: Association, source: r1, target: c}
views:
  - {id: v, name: {en: 'empty {view}'}}
"""


def _models() -> list:
    import eaframe

    models = recorded_models()
    checks = REPO / "tests" / "data" / "checks"
    framework = eaframe.load(checks / "framework.yaml")
    for path in sorted(checks.glob("*.yaml")):
        m = eaframe.load(path, strict=False)
        models.append((path.stem, m, framework if m.metadata.realises else None))
    models.append(("odd", eaframe.loads(ODD, strict=False), None))
    return models


def findings_full() -> dict:
    """Every field of every finding of the models of :func:`_models`, as JSON-ready rows."""
    out = {}
    for name, m, framework in _models():
        out[name] = [_row(f) for f in run_checks(m, as_of=date(2026, 1, 1), framework_model=framework,
                                                  lang="vi").findings]
    return out


def test_every_field_of_every_finding_is_that_made_before_the_makers():
    expected = json.loads(gzip.decompress(EXPECTED.read_bytes()))
    got = findings_full()
    assert set(expected) <= set(got)
    for name, rows in expected.items():
        assert len(got[name]) == len(rows), name
        for g, e in zip(got[name], rows, strict=True):
            assert g == e, name
    assert sum(len(v) for v in expected.values()) > 2500


def _straight(self: Finder, message, names=(), fix=None, fix_names=()):
    """The maker spelt out through Msg objects and ``found`` (the path before the makers)."""
    def make(values, fix_values=(), elements=(), relationships=(), missing=(), view=None):
        return self(msg(message, **dict(zip(names, values, strict=True))), elements, relationships,
                    "" if fix is None else msg(fix, **dict(zip(fix_names, fix_values, strict=True))), missing, view)
    return make


def _same(a, b) -> None:
    assert tuple.__eq__(a, b)  # every field, source and lang included
    assert [type(x) for x in a.source] == [type(x) for x in b.source]
    assert type(a.message) is type(b.message) is str and type(a.fix) is type(b.fix) is str
    for lang in ("vi", "en", None):
        assert a.text(lang) == b.text(lang) and a.fix_text(lang) == b.fix_text(lang)
    assert a.to_dict("vi") == b.to_dict("vi")


@pytest.mark.parametrize("name", ["province-gaps", "province-2026-gaps", "odd", "dongnai-2019", "synthetic",
                                  "enriched"])
def test_every_rule_makes_the_findings_the_msg_path_makes(name, monkeypatch):
    import eaframe

    checks = REPO / "tests" / "data" / "checks"
    if name == "synthetic":
        m, fw = synthetic_model(400, seed=5), None
    elif name == "enriched":
        sys.path.insert(0, str(REPO / "benchmarks"))
        try:
            from bench_checks import enriched
        finally:
            sys.path.remove(str(REPO / "benchmarks"))
        m, fw = enriched(400, seed=7)
    elif name == "odd":
        m, fw = eaframe.loads(ODD, strict=False), None
    elif name.startswith("province"):
        m = eaframe.load(checks / f"{name}.yaml", strict=False)
        fw = eaframe.load(checks / "framework.yaml") if m.metadata.realises else None
    else:
        m, fw = load_model(name), None
    fast = run_checks(m, framework_model=fw, lang="vi", as_of=date(2026, 1, 1))
    monkeypatch.setattr(Finder, "maker", _straight)
    slow = run_checks(m, framework_model=fw, lang="vi", as_of=date(2026, 1, 1))
    assert len(fast.findings) == len(slow.findings) > 0
    for a, b in zip(fast.findings, slow.findings, strict=True):
        _same(a, b)


_text = st.text(st.sampled_from(list("ab {}%'\"\\—→ắệđƯ0_.:!sr")), max_size=12)
_name = st.sampled_from(["a", "b", "rel", "type", "x_1"])
_plain_value = st.one_of(_text, st.integers(-5, 10**6), st.sampled_from(["", "{a}", "%s", "{{", "Đồng Nai", "'q'"]))
_value_st = st.one_of(
    _plain_value,
    st.builds(lambda en, vi: alt(en, vi=vi), _text, _text),
    st.builds(lambda xs: Join(xs, " or "), st.lists(_text, max_size=3)),
)


@st.composite
def _template(draw, names):
    """A template over ``names``: literal text (with escaped braces, %, quotes, Vietnamese) and fields,
    some repeated, out of order, with a conversion or a format spec."""
    out = []
    for _ in range(draw(st.integers(0, 5))):
        out.append(draw(st.text(st.sampled_from(list("ab %'\"—→ệĐ")), max_size=4)))
        if draw(st.booleans()):
            out.append(draw(st.sampled_from(["{{", "}}"])))
        if names and draw(st.booleans()):
            n = draw(st.sampled_from(names))
            out.append("{" + n + draw(st.sampled_from(["", "", "", "!r", "!s", "!a", ":>3", ":"])) + "}")
    return "".join(out)


@st.composite
def _case(draw):
    names = tuple(draw(st.lists(_name, max_size=4, unique=True)))
    fix_names = tuple(draw(st.lists(_name, max_size=3, unique=True)))
    message = draw(_template(list(names)))
    fix = draw(st.one_of(st.none(), _template(list(fix_names))))
    values = tuple(draw(st.lists(_value_st, min_size=len(names), max_size=len(names))))
    fix_values = tuple(draw(st.lists(_value_st, min_size=len(fix_names), max_size=len(fix_names))))
    return names, fix_names, message, fix, values, fix_values


@settings(max_examples=400, deadline=None)
@given(_case(), st.sampled_from([None, "vi", "en"]))
@example(((), (), "{{no fields}} 100%", "fix {a}", (), ()), "vi")
@example((("a",), ("a",), "element {a} cites no source", "add {a}.sources", ("{a}",), ("x}",)), None)
@example((("a", "b"), ("b",), "{b} —{a}→ {b!r} 5%", "{b}%", (alt("en", vi="vi"), 3), ("",)), "vi")
def test_a_maker_gives_the_finding_of_the_msg_path(case, lang):
    names, fix_names, message, fix, values, fix_values = case
    found = finder("EGOV-X", "info", lang)
    try:
        want = _straight(found, message, names, fix, fix_names)(values, fix_values, ("e",), ("r",),
                                                                 (Edge("e", "Flow", "f"),), "v")
    except (ValueError, TypeError) as err:  # e.g. a spec an int or a str does not take
        with pytest.raises(type(err)):
            found.maker(message, names, fix, fix_names)(values, fix_values, ("e",), ("r",),
                                                        (Edge("e", "Flow", "f"),), "v")
        return
    got = found.maker(message, names, fix, fix_names)(values, fix_values, ("e",), ("r",), (Edge("e", "Flow", "f"),),
                                                      "v")
    _same(got, want)
    assert got.lang == lang and got.rule == "EGOV-X" and got.view == "v"


def test_formatter_falls_back_to_format_map_for_anything_but_plain_fields():
    assert formatter("{a:>4}|{a.real}", ("a",))((7,)) == "   7|7"
    assert formatter("{a} {a}", ("a",))(("x",)) == "x x"
    assert formatter("{b}{a}", ("a", "b"))(("1", "2")) == "21"
    assert formatter("100% {a}", ("a",))((Alt("x", vi="y"),)) == "100% x"


@pytest.mark.parametrize("associations, attached", [
    ([], set()),
    ([("net.tslcd", "prov.data_centre")], {"prov.data_centre"}),
    ([("prov.data_centre", "net.tslcd")], {"prov.data_centre"}),
    ([("dc2", "other"), ("other", "prov.data_centre")], set()),
    ([("net2", "dc2")], {"dc2"}),
])
def test_r9_finds_data_centres_off_the_network_in_either_direction(associations, attached):
    from eaframe import ArchitectureModel

    m = ArchitectureModel.build({"title": {"en": "t"}}, elements=[
        {"id": "prov.data_centre", "type": "Node", "scope": "provincial"},
        {"id": "dc2", "type": "Node", "scope": "provincial", "implements": "prov.data_centre"},
        {"id": "other", "type": "Node", "scope": "provincial"},
        {"id": "net.tslcd", "type": "CommunicationNetwork", "scope": "provincial"},
        {"id": "net2", "type": "CommunicationNetwork", "scope": "provincial", "implements": "net.tslcd"}],
        relationships=[{"id": f"a{k}", "type": "Association", "source": s, "target": t}
                       for k, (s, t) in enumerate(associations)])
    off = {f.elements[0] for f in run_checks(m, select=["EGOV-R9"]).findings}
    assert off == {"prov.data_centre", "dc2"} - attached
