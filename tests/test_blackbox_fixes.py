"""Defects from a new user's black-box review: each is a clear message saying what is
wrong and how to fix it, never a raw exception text or a silent surprise."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import eaframe
import eaframe.exceptions
import eaframe.merge
from eaframe.cli import main
from eaframe.exceptions import EaframeError


def _problem(text: str) -> str:
    with pytest.raises(EaframeError) as err:
        eaframe.loads(text, format="yaml")
    return str(err.value)


@pytest.mark.parametrize("text, line", [
    pytest.param('eaframe: "1"\nmetadata:\n\ttitle: x\n', 3, id="mapping-key"),
    pytest.param('eaframe: "1"\nmetadata:\n  title: x\n\t\n', 4, id="blank-line"),
    pytest.param('eaframe: "1"\nelements:\n  - id: a\n\t  type: x\n', 4, id="after-spaces"),
])
def test_a_tab_in_yaml_indentation_is_named_with_the_fix(text, line):
    message = _problem(text)
    assert f":{line}:" in message
    assert "tab" in message and "spaces" in message


def test_a_tab_in_yaml_indentation_on_the_command_line(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text('eaframe: "1"\nmetadata:\n\ttitle: x\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert "t.yaml:3:1" in result.output
    assert "tab" in result.output and "indent with spaces" in result.output


@pytest.mark.parametrize("bad, suggestion", [
    ("hệ.thống", "he.thong"),
    ("Đồng-Nai", "Dong-Nai"),
    ("1st", None),  # not a diacritic: no suggestion, the rule still says ASCII letters
])
def test_an_id_with_diacritics_says_ascii_letters_and_suggests_one(bad, suggestion):
    message = _problem('eaframe: "1"\nmetadata: {title: {vi: x}}\nelements:\n'
                       f'  - {{id: "{bad}", type: ApplicationComponent, name: {{vi: x}}}}\n')
    assert "ASCII letter (a-z, A-Z)" in message
    if suggestion:
        assert f"'{suggestion}'" in message
    else:
        assert "without diacritics" not in message


@pytest.mark.parametrize("field, value", [
    ("elements", None), ("elements", [1, 2]), ("relationships", "x"), ("views", None), ("metadata", None),
    ("folders", 3), ("eaframe", "2"),
])
def test_assigning_a_wrong_value_to_a_model_field_is_refused(field, value):
    from pydantic import ValidationError

    m = eaframe.synthetic_model(5, seed=1)
    before = eaframe.dumps(m)
    with pytest.raises(ValidationError) as err:
        setattr(m, field, value)
    assert field in str(err.value)
    assert eaframe.dumps(m) == before  # the model is left as it was


def test_assigning_a_valid_value_to_a_model_field_converts_it_and_refreshes_the_index():
    m = eaframe.synthetic_model(5, seed=1)
    first = m.elements[0]
    assert first.id in m  # builds the index
    m.relationships = []
    m.views = []
    m.elements = [first.model_dump(mode="json", exclude_unset=True)]  # plain data is validated into a concept
    assert type(m.elements[0]) is type(first)
    assert list(m.index) == [first.id]
    m.metadata = {"title": {"en": "Renamed"}}
    assert m.metadata.title.en == "Renamed"


def test_a_folder_given_as_the_decisions_file_says_so(tmp_path):
    result = CliRunner().invoke(main, ["merge", "dongnai-2020", "dongnai-2019", "--lang", "en", "--decisions", str(tmp_path),
                                       "-o", str(tmp_path / "m.yaml")])
    assert result.exit_code == 1
    assert "Errno" not in result.output
    assert "is a folder" in result.output and "--write-decisions" in result.output
    assert not (tmp_path / "m.yaml").exists()


@pytest.mark.parametrize("text", ["", "# nothing decided yet\n"])
def test_an_empty_decisions_file_is_warned_about(tmp_path, text):
    decisions = tmp_path / "d.yaml"
    decisions.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["merge", "dongnai-2020", "dongnai-2019", "--lang", "en", "--decisions", str(decisions),
                                       "-o", str(tmp_path / "m.yaml")])
    assert "warning:" in result.output and "d.yaml" in result.output and "empty" in result.output
    with pytest.warns(eaframe.exceptions.EaframeWarning, match="empty"):
        eaframe.merge.load_decisions(str(decisions))


def test_diff_takes_its_format_from_the_output_extension(tmp_path):
    runner = CliRunner()
    for name, start in (("d.html", "<!DOCTYPE html>"), ("d.json", "{"), ("d.md", "#")):
        result = runner.invoke(main, ["diff", "dongnai-2019", "dongnai-2020", "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).read_text(encoding="utf-8").lstrip().startswith(start), name


def test_diff_refuses_a_format_that_does_not_match_the_output_extension(tmp_path):
    result = CliRunner().invoke(main, ["diff", "dongnai-2019", "dongnai-2020", "--format", "html",
                                       "-o", str(tmp_path / "d.md")])
    assert result.exit_code == 2
    assert "--format html does not match the extension of" in result.output and "d.md" in result.output
    assert not (tmp_path / "d.md").exists()


@pytest.mark.parametrize("args", [
    pytest.param(["new", "--framework", "2.0", "--province", "X"], id="new"),
    pytest.param(["schema"], id="schema"),
    pytest.param(["diff", "dongnai-2019", "dongnai-2020"], id="diff"),
    pytest.param(["diff", "dongnai-2019", "dongnai-2020", "--migration", "{dir}"], id="diff-migration"),
    pytest.param(["check", "dongnai-2020"], id="check"),
    pytest.param(["render", "dongnai-2020"], id="render"),
])
def test_a_folder_where_a_file_is_expected_is_named_the_same_way_everywhere(tmp_path, args):
    args = [a.replace("{dir}", str(tmp_path)) for a in args]
    if "--migration" not in args:
        args += ["-o", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert f"{tmp_path} is a folder; give a file name" in result.output
    assert "is a directory" not in result.output


def test_demo_given_a_file_for_its_folder_says_so(tmp_path):
    (tmp_path / "t.yaml").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["demo", "-o", str(tmp_path / "t.yaml")])
    assert result.exit_code == 2
    assert "is a file; a folder is needed here" in result.output
    assert "Directory" not in result.output


@pytest.mark.parametrize("args", [
    pytest.param(["report", "dongnai-2020"], id="report"),
    pytest.param(["export", "dongnai-2020", "--to", "csv"], id="export-csv"),
    pytest.param(["demo"], id="demo"),
])
def test_a_device_where_a_folder_is_expected_is_called_a_device(args):
    result = CliRunner().invoke(main, [*args, "-o", "/dev/null"])
    assert result.exit_code == 2
    assert "/dev/null is a device, not a folder" in result.output
    assert "is a file" not in result.output


def test_new_to_a_device_gives_no_next_step_naming_the_device():
    result = CliRunner().invoke(main, ["new", "--framework", "2.0", "--province", "X", "-o", "/dev/null"])
    assert result.exit_code == 0, result.output
    assert "elements" in result.stderr
    assert "next: eaframe check" not in result.stderr


def test_new_to_a_file_names_the_next_step(tmp_path):
    result = CliRunner().invoke(main, ["new", "--framework", "2.0", "--province", "X", "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 0, result.output
    assert "next: eaframe check" in result.stderr


def test_check_takes_its_format_from_the_output_extension_and_refuses_a_contradiction(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["check", "dongnai-2020", "-o", str(tmp_path / "c.html")])
    assert result.exit_code in (0, 1), result.output
    assert (tmp_path / "c.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(main, ["check", "dongnai-2020", "--format", "sarif", "-o", str(tmp_path / "c.json")])
    assert result.exit_code in (0, 1), result.output  # SARIF is JSON
    result = runner.invoke(main, ["check", "dongnai-2020", "--format", "html", "-o", str(tmp_path / "c.json")])
    assert result.exit_code == 2 and "--format html does not match the extension of" in result.output


@pytest.mark.parametrize("text", ["<x/>", '<?xml version="1.0"?>\n<archimate:model xmlns:archimate="http://www.archimatetool.com/archimate"><folder/>'])
def test_loads_of_xml_text_names_text_not_bytes(text):
    with pytest.raises(EaframeError) as err:
        eaframe.loads(text)
    assert "<bytes>" not in str(err.value)
    assert str(err.value).startswith("<text>")
    with pytest.raises(EaframeError) as err:
        eaframe.loads(text, filename="mine.xml")
    assert str(err.value).startswith("mine.xml")


def test_loads_of_xml_text_with_a_lone_surrogate_is_a_clear_error():
    with pytest.raises(EaframeError) as err:
        eaframe.loads('<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/">\ud800</model>')
    assert "surrogate" in str(err.value)


@pytest.mark.parametrize("call, words", [
    (lambda: eaframe.synthetic_model("10"), ("int", "str", "'10'")),
    (lambda: eaframe.synthetic_model(10.5), ("int", "float")),
    (lambda: eaframe.synthetic_model(True), ("int", "bool")),
    (lambda: eaframe.synthetic_model(10, relationships_per_element="2"), ("relationships_per_element", "str")),
])
def test_synthetic_model_given_a_wrong_type_is_a_clear_type_error(call, words):
    with pytest.raises(TypeError) as err:
        call()
    message = str(err.value)
    assert "not supported between" not in message
    assert all(w in message for w in words), message


def test_synthetic_model_negative_relationships_is_refused():
    with pytest.raises(ValueError, match="relationships_per_element"):
        eaframe.synthetic_model(10, relationships_per_element=-1)
