"""Model files that used to hang or end in a traceback: each gives FILE:LINE:COL and exit 1."""

from __future__ import annotations

import math
import re
import time

import pytest
from click.testing import CliRunner

import eaframe
from eaframe import EaframeError, dumps, exchange, loads
from eaframe.cli import main
from eaframe.exceptions import ModelLoadError, ModelValidationError

HEAD = "eaframe: '1'\nmetadata: {title: {en: x}}\n"
JHEAD = '{"eaframe": "1", "metadata": {"title": {"en": "x"}}'
LOC = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): ")


def _alias_bomb(levels: int = 10, width: int = 9) -> str:
    lines = [HEAD.rstrip("\n"), "elements:", "- id: a", "  type: Node", "  properties:",
             "    a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"    a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def problems(text: str, fmt: str = "yaml") -> list[str]:
    with pytest.raises(ModelValidationError) as info:
        loads(text, format=fmt, filename=f"m.{fmt}")
    return [str(p) for p in info.value.problems]


def located(text: str, fmt: str = "yaml") -> str:
    """The single problem of ``text``, asserting it has a line and column."""
    msgs = problems(text, fmt)
    assert len(msgs) == 1, msgs
    assert LOC.match(msgs[0]), msgs[0]
    return msgs[0]


def line_of(msg: str) -> int:
    return int(LOC.match(msg)["line"])


def cli_validate(tmp_path, text: str, suffix: str = "yaml"):
    p = tmp_path / f"m.{suffix}"
    p.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = CliRunner().invoke(main, ["validate", str(p)])
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, (ValueError, TypeError, RecursionError, KeyError, AttributeError))
    return result.output


# ---------------------------------------------------------------- 1. alias bombs
def test_alias_bomb_is_refused_quickly_at_the_alias(tmp_path):
    text = _alias_bomb()
    assert len(text) < 1500
    start = time.perf_counter()
    msg = located(text)
    assert time.perf_counter() - start < 2
    assert "alias" in msg and "limit" in msg
    assert line_of(msg) > 6  # at one of the aliases, not at the top of the file
    start = time.perf_counter()
    out = cli_validate(tmp_path, text)
    assert time.perf_counter() - start < 5
    assert "alias" in out


def test_recursive_alias_is_refused():
    msg = located(HEAD + "elements:\n- &a {id: a, type: Node, properties: {x: *a}}\n")
    assert line_of(msg) == 4 and "alias" in msg


def test_modest_aliases_still_load():
    m = loads(HEAD + "elements:\n- {id: a, type: Node, properties: &p {x: '1', y: '2'}}\n"
                     "- {id: b, type: Node, properties: *p}\n")
    assert m["b"].properties == {"x": "1", "y": "2"}


def test_messages_use_bounded_previews_of_big_values():
    # 2,000 items without aliases: the message shows a short preview, not the value
    big = "[" + ", ".join(f"v{i}" for i in range(2000)) + "]"
    msgs = problems(HEAD + f"elements: [{{id: a, type: Node, name: {{vi: {big}}}}}]\n")
    assert msgs and all(len(m) < 600 for m in msgs)


# ---------------------------------------------------------------- 2. no tracebacks
def test_impossible_date(tmp_path):
    text = HEAD + "elements:\n- id: g\n  type: Goal\n  target: {indicator: x, value: 1, deadline: 2020-13-45}\n"
    msg = located(text)
    assert line_of(msg) == 6 and "deadline" in msg and "YYYY-MM-DD" in msg
    assert "deadline" in cli_validate(tmp_path, text)
    with pytest.raises(ModelValidationError):
        eaframe.load(tmp_path / "m.yaml")


def test_impossible_date_in_text_field_stays_text():
    m = loads(HEAD + "elements: [{id: a, type: Node, properties: {since: 2020-02-30}}]\n")
    assert m["a"].properties["since"] == "2020-02-30"


@pytest.mark.parametrize("tagged", ["!!int abc", "!!float abc", "!!bool abc", "!!timestamp abc"])
def test_explicit_tags_that_do_not_fit(tagged):
    msg = located(HEAD + f"elements:\n- id: a\n  type: Node\n  security_level: {tagged}\n")
    assert line_of(msg) == 6


def test_deeply_nested_json(tmp_path):
    text = JHEAD + ', "elements": ' + "[" * 10000 + "]" * 10000 + "}"
    msg = located(text, "json")
    assert line_of(msg) == 1 and "nested" in msg
    assert "nested" in cli_validate(tmp_path, text, "json")


def test_deeply_nested_yaml(tmp_path):
    text = HEAD + "elements: " + "[" * 10000 + "]" * 10000 + "\n"
    msg = located(text)
    assert line_of(msg) == 3 and "nested" in msg
    assert "nested" in cli_validate(tmp_path, text)


@pytest.mark.parametrize("number", ["9" * 5000, "0x" + "f" * 5000])
def test_huge_integer_yaml(tmp_path, number):
    text = HEAD + f"elements:\n- id: a\n  type: Node\n  security_level: {number}\n"
    msg = located(text)
    assert line_of(msg) == 6 and "digits" in msg
    assert "digits" in cli_validate(tmp_path, text)


def test_huge_integer_json(tmp_path):
    text = JHEAD + ',\n "elements": [{"id": "a", "type": "Node", "name": {"en": "99"},\n "security_level": ' + "9" * 5000 + "}]}"
    msg = located(text, "json")
    assert line_of(msg) == 3 and "digits" in msg
    assert "digits" in cli_validate(tmp_path, text, "json")


@pytest.mark.parametrize("kind", ["relationships", "elements"])
@pytest.mark.parametrize("value", ["{x: 1}", "[Flow]"])
def test_type_that_is_not_a_name(tmp_path, kind, value):
    els = "elements:\n- {id: a, type: Node}\n- {id: b, type: Node}\n"
    if kind == "relationships":
        text = HEAD + els + f"relationships:\n- {{id: r, type: {value}, source: a, target: b}}\n"
        line = 7
    else:
        text = HEAD + f"elements:\n- {{id: a, type: {value}}}\n"
        line = 4
    msg = located(text)
    assert line_of(msg) == line and "type" in msg
    cli_validate(tmp_path, text)


def test_lone_surrogate_is_refused_at_load(tmp_path):
    text = JHEAD + ',\n "elements": [{"id": "a", "type": "Node", "name": {"en": "x\\ud800"}}]}'
    msg = located(text, "json")
    assert line_of(msg) == 2 and "U+D800" in msg
    cli_validate(tmp_path, text, "json")
    # a str handed to loads() directly
    with pytest.raises(ModelLoadError):
        loads(HEAD + "elements: [{id: a, type: Node, name: {en: x\ud800}}]\n")


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x7f", "\x85", "\x9b", "\ufffe"])
def test_control_characters_are_refused_in_text(tmp_path, char):
    esc = f"\\u{ord(char):04x}"
    text = JHEAD + f',\n "elements": [{{"id": "a", "type": "Node", "name": {{"en": "a{esc}b"}}}}]}}'
    msg = located(text, "json")
    assert line_of(msg) == 2 and f"U+{ord(char):04X}" in msg
    cli_validate(tmp_path, text, "json")


@pytest.mark.parametrize("where", ["properties: {k: 'a\\x01b'}", "properties: {'a\\x01b': v}",
                                   "documentation: {vi: 'a\\x07'}"])
def test_control_characters_refused_everywhere(where):
    located(HEAD + f'elements:\n- {{id: a, type: Node, {where.replace(chr(39), chr(34))}}}\n')


def test_tab_newline_kept_and_carriage_return_normalised():
    m = loads(JHEAD + ', "elements": [{"id": "a", "type": "Node", "name": {"en": "a\\tb\\r\\nc\\rd"}}]}', format="json")
    assert m["a"].name.en == "a\tb\nc\nd"
    assert loads(dumps(m)) == m and loads(dumps(m, "json"), format="json") == m


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1.0e+999"])
def test_non_finite_target_value(tmp_path, value):
    text = HEAD + f"elements:\n- id: g\n  type: Goal\n  target: {{indicator: x, value: {value}}}\n"
    msg = located(text)
    assert line_of(msg) == 6 and "finite" in msg
    cli_validate(tmp_path, text)


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_not_json(value):
    text = JHEAD + ',\n "elements": [{"id": "g", "type": "Goal",\n  "target": {"indicator": "x", "value": ' + value + "}}]}"
    msg = located(text, "json")
    assert line_of(msg) == 3 and value in msg


def test_non_finite_refused_in_budget_and_dumps_of_finite_values_are_json():
    located(HEAD + "elements:\n- id: w\n  type: WorkPackage\n  budget: {total: .inf}\n")
    located(HEAD + "elements:\n- id: w\n  type: WorkPackage\n  budget: {total: '1e5000'}\n")
    m = loads(HEAD + "elements:\n- id: g\n  type: Goal\n  target: {indicator: x, value: 1.5}\n")
    assert math.isfinite(m["g"].target.value)


@pytest.mark.parametrize(("field", "etype"), [("security_level", "ApplicationComponent"),
                                              ("service_level", "BusinessService"),
                                              ("dossiers_total", "BusinessService")])
def test_booleans_are_not_numbers(tmp_path, field, etype):
    text = HEAD + f"elements:\n- id: a\n  type: {etype}\n  {field}: true\n"
    msg = located(text)
    assert line_of(msg) == 6 and field in msg
    cli_validate(tmp_path, text)
    assert loads(HEAD + f"elements: [{{id: a, type: {etype}, {field}: 2}}]\n")["a"] is not None


def test_boolean_target_value_refused():
    located(HEAD + "elements:\n- id: g\n  type: Goal\n  target: {indicator: x, value: true}\n")


def test_duplicate_json_keys_are_located():
    text = '{"eaframe": "1",\n "metadata": {"title": {"en": "x"},\n   "title": {"en": "y"}}}'
    with pytest.raises(ModelLoadError) as info:
        loads(text, format="json", filename="m.json")
    [msg] = [str(p) for p in info.value.problems]
    assert msg.startswith("m.json:3:4: ") and "duplicate key 'title'" in msg


def test_yaml_control_character_is_located():
    text = HEAD + "elements:\n- {id: a, type: Node, name: {en: a\x01b}}\n"
    with pytest.raises(ModelLoadError) as info:
        loads(text, filename="m.yaml")
    [msg] = [str(p) for p in info.value.problems]
    assert msg.startswith("m.yaml:4:35: ") and "U+0001" in msg


def test_yaml_control_character_after_non_ascii_text_is_located():
    text = HEAD + "elements:\n- {id: a, type: Node, name: {vi: Đồng Nai\x02}}\n"
    with pytest.raises(ModelLoadError) as info:
        loads(text, filename="m.yaml")
    assert str(info.value.problems[0]).startswith("m.yaml:4:42: ")


# ---------------------------------------------------------------- 3. quoting hint
def test_unquoted_comma_in_flow_mapping_gets_a_quoting_hint():
    text = HEAD + "elements:\n- {id: a, type: Node, name: {vi: Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh}}\n"
    msg = located(text)
    assert "unknown field 'chia sẻ dữ liệu cấp tỉnh' for Text" in msg
    assert "quote" in msg


def test_every_error_is_an_eaframe_error():
    # sanity: the public base class catches all of the above
    with pytest.raises(EaframeError):
        loads(_alias_bomb())


# ------------------------------------------------ whatever loads, every writer writes
ALLOWED_ODD = ["\t", "\n", "\u2028", "\u2029", "\ufeff", "\ue000", "\ufdd0", "\U0010ffff", "\u00a0", "\u200d",
               "\U0001f600", "e\u0301", "\"'<>&]]>", "\\"]


@pytest.mark.parametrize("char", ALLOWED_ODD, ids=[f"U+{ord(c[-1]):04X}" for c in ALLOWED_ODD])
def test_text_that_loads_is_written_by_every_writer(tmp_path, char):
    import json

    import networkx as nx

    from eaframe.cli.diff import write_migration
    from eaframe.cli.exchange import write_graphml

    text = f"a{char}b"
    data = {"metadata": {"title": {"en": text}, "properties": {f"k{char}": text}},
            "elements": [{"id": "a", "type": "Node", "name": {"en": text, "vi": text}, "documentation": {"en": text},
                          "properties": {"p": text}},
                         {"id": "b", "type": "Node", "name": {"en": "b"}}],
            "relationships": [{"id": "r", "type": "Serving", "source": "a", "target": "b", "name": {"en": text}}],
            "views": [{"id": "v", "name": {"en": text}, "elements": ["a", "b"]}]}
    m = loads(json.dumps(data), format="json")
    assert loads(dumps(m)) == m
    assert loads(dumps(m, "json"), format="json") == m
    exchange.write_archimate(m, tmp_path / "m.xml")
    assert exchange.read_archimate(tmp_path / "m.xml") == m
    exchange.write_archi_csv(m, tmp_path / "csv")
    assert exchange.read_archi_csv(tmp_path / "csv")["a"].name == m["a"].name
    write_graphml(m, tmp_path / "m.graphml")
    assert nx.read_graphml(tmp_path / "m.graphml").number_of_nodes() == 2
    assert "digraph" in eaframe.render(m, format="dot").source
    write_migration(eaframe.diff(m, m), m, m, tmp_path / "migration.xml")


def test_diagram_nesting_is_bounded_so_every_loaded_diagram_can_be_written():
    import json

    def nested(depth):
        node = {"id": "n0", "kind": "Container", "x": 0, "y": 0, "w": 1, "h": 1}
        for i in range(1, depth):
            node = {"id": f"n{i}", "kind": "Container", "x": 0, "y": 0, "w": 1, "h": 1, "nodes": [node]}
        return node

    def model(depth):
        return json.dumps({"eaframe": "1", "metadata": {"title": {"en": "x"}},
                           "views": [{"id": "v", "diagram": {"nodes": [nested(depth)]}}]})

    m = loads(model(50), format="json")
    assert loads(dumps(m)) == m
    msg = located(model(200), "json")
    assert "nested more than 50 levels" in msg


def test_recursive_alias_right_after_a_byte_order_mark_is_refused():
    msg = located("\ufeff&a [*a]\n")
    assert "inside its own anchor" in msg
