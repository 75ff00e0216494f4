"""A new user's mistakes with the public Python API and the CLI: each gets a clear
message saying what was given and what to give, never an AttributeError from deep inside."""

from __future__ import annotations

import pytest

import eaframe
from eaframe.exceptions import EaframeError


@pytest.fixture(scope="module")
def model():
    return eaframe.synthetic_model(5, seed=1)


@pytest.mark.parametrize("call", [
    pytest.param(lambda m, p: eaframe.save("dongnai-2020", p / "x.yaml"), id="save"),
    pytest.param(lambda m, p: eaframe.dumps("dongnai-2020"), id="dumps"),
    pytest.param(lambda m, p: eaframe.to_graph("dongnai-2020"), id="to_graph"),
    pytest.param(lambda m, p: eaframe.diff(m, "dongnai-2020"), id="diff-new"),
    pytest.param(lambda m, p: eaframe.diff("dongnai-2020", m), id="diff-old"),
    pytest.param(lambda m, p: eaframe.run_checks("dongnai-2020"), id="run_checks"),
])
def test_a_model_name_instead_of_a_model_is_a_clear_type_error(call, model, tmp_path):
    with pytest.raises(TypeError) as err:
        call(model, tmp_path)
    message = str(err.value)
    assert "ArchitectureModel" in message and "str" in message
    assert "eaframe.load('dongnai-2020')" in message  # the fix
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize("call", [
    pytest.param(lambda m: eaframe.to_graph(None), id="to_graph"),
    pytest.param(lambda m: eaframe.run_checks(None), id="run_checks"),
    pytest.param(lambda m: eaframe.dumps(None), id="dumps"),
    pytest.param(lambda m: eaframe.diff(m, None), id="diff"),
])
def test_none_instead_of_a_model_is_a_clear_type_error(call, model):
    with pytest.raises(TypeError, match=r"ArchitectureModel.*not NoneType"):
        call(model)


@pytest.mark.parametrize("value, given", [(b"eaframe: '1'", "bytes"), (None, "NoneType"), ({"a": 1}, "dict")])
def test_loads_takes_text_and_says_so(value, given):
    with pytest.raises(TypeError, match=rf"loads\(\) takes the text of a model \(str\), not {given}"):
        eaframe.loads(value)


def test_load_of_an_empty_path_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(EaframeError, match="the file name is empty") as err:
        eaframe.load("")
    assert "directory" not in str(err.value)


@pytest.mark.parametrize("command", [["validate", ""], ["info", ""], ["check", ""], ["render", "", "-o", "x.svg"]])
def test_cli_empty_model_argument_says_so(command, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from eaframe.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "elements.csv").write_text("not an Archi export\n")  # the current folder must not be read
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1, result.output
    assert "the file name is empty" in result.output
    assert "Traceback" not in result.output and "elements.csv" not in result.output
    assert not (tmp_path / "x.svg").exists()


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".xml"])
def test_import_of_a_model_file_says_it_needs_no_import(suffix, tmp_path):
    from click.testing import CliRunner

    from eaframe.cli import main

    source = tmp_path / f"dongnai{suffix}"
    model = eaframe.synthetic_model(3, seed=1)
    source.write_text(eaframe.dumps(model, format="json" if suffix == ".json" else "yaml"), encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 1, result.output
    assert str(source) in result.output
    assert "malformed XML" not in result.output
    assert "eaframe model file" in result.output and "needs no import" in result.output
    assert not (tmp_path / "out.yaml").exists()


def test_import_of_a_model_file_on_stdin_says_it_needs_no_import(tmp_path):
    from click.testing import CliRunner

    from eaframe.cli import main

    text = eaframe.dumps(eaframe.synthetic_model(3, seed=1))
    result = CliRunner().invoke(main, ["import", "-", "-o", str(tmp_path / "out.yaml")], input=text)
    assert result.exit_code == 1, result.output
    assert "<stdin>" in result.output and "needs no import" in result.output


def test_getting_started_check_output_is_what_the_command_prints(tmp_path, monkeypatch):
    """docs/getting-started.md shows the output of `eaframe new` + `eaframe check`: every
    line it shows is printed, in that order ("..." stands for lines left out)."""
    import re
    import shlex
    from pathlib import Path

    from click.testing import CliRunner

    from eaframe.cli import main

    doc = (Path(__file__).parent.parent / "docs" / "getting-started.md").read_text(encoding="utf-8")
    new_command = re.search(r"^eaframe new .*-o dongnai\.yaml$", doc, re.M).group(0)
    check_command = re.search(r"^eaframe check dongnai\.yaml .*$", doc, re.M).group(0)
    shown = re.search(r"```text\n(eaframe check: .*?)```", doc, re.S).group(1).splitlines()
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, shlex.split(new_command)[1:]).exit_code == 0
    result = runner.invoke(main, shlex.split(check_command)[1:])
    printed = result.stdout.splitlines()
    at = 0
    for line in shown:
        if line == "...":
            continue
        assert line in printed[at:], f"getting-started shows a line the command does not print: {line!r}"
        at = printed.index(line, at) + 1


def _with_instrument():
    from eaframe.new import new_province

    return new_province("2.0", "Đồng Nai")  # metadata.instrument: a decision, number and date to fill in


def test_info_in_vietnamese_names_the_instrument_kind_in_vietnamese(tmp_path):
    from click.testing import CliRunner

    from eaframe.cli import main

    path = tmp_path / "dn.yaml"
    eaframe.save(_with_instrument(), path)
    vi = CliRunner().invoke(main, ["info", str(path), "--lang", "vi"])
    assert vi.exit_code == 0, vi.output
    line = next(x for x in vi.stdout.splitlines() if x.strip().startswith("văn bản:"))
    assert "quyết định" in line and "decision" not in line
    en = CliRunner().invoke(main, ["info", str(path), "--lang", "en"])
    assert "instrument: decision" in en.stdout


def test_report_site_in_vietnamese_names_the_instrument_kind_in_vietnamese(tmp_path):
    from eaframe.report import write_site

    write_site(_with_instrument(), tmp_path / "vi", lang="vi")
    write_site(_with_instrument(), tmp_path / "en", lang="en")
    vi = (tmp_path / "vi" / "index.html").read_text(encoding="utf-8")
    en = (tmp_path / "en" / "index.html").read_text(encoding="utf-8")
    assert "quyết định" in vi and ">decision" not in vi
    assert ">decision" in en


def test_run_checks_takes_one_rule_id_as_a_string(model):
    one = eaframe.run_checks(model, select="EGOV-H*")
    assert one.rules and all(r.id.startswith("EGOV-H") for r in one.rules)
    assert {r.id for r in one.rules} == {r.id for r in eaframe.run_checks(model, select=["EGOV-H*"]).rules}
    skipped = eaframe.run_checks(model, skip="EGOV-H*")
    assert not any(r.id.startswith("EGOV-H") for r in skipped.rules)


def test_run_checks_refuses_an_unknown_framework_version(model):
    with pytest.raises(ValueError, match=r"unknown framework version '9\.9'; versions: 1\.0, 2\.0, 3\.0, 4\.0"):
        eaframe.run_checks(model, framework="9.9")


@pytest.mark.parametrize("call, expected", [
    pytest.param(lambda m, d: eaframe.apply("dongnai-2019", d), "ArchitectureModel", id="apply-model"),
    pytest.param(lambda m, d: eaframe.apply(None, d), "ArchitectureModel", id="apply-none"),
    pytest.param(lambda m, d: eaframe.apply(m, None), "ModelDiff", id="apply-diff"),
    pytest.param(lambda m, d: eaframe.apply(m, m), "ModelDiff", id="apply-model-as-diff"),
    pytest.param(lambda m, d: eaframe.invert(m), "ModelDiff", id="invert"),
    pytest.param(lambda m, d: eaframe.invert(None), "ModelDiff", id="invert-none"),
    pytest.param(lambda m, d: eaframe.compute_scorecard("dongnai-2020"), "ArchitectureModel", id="scorecard"),
    pytest.param(lambda m, d: eaframe.neighbours(m, "x"), r"eaframe\.to_graph\(model\)", id="neighbours"),
    pytest.param(lambda m, d: list(eaframe.find_paths(m, "x", "y")), r"eaframe\.to_graph\(model\)", id="find_paths"),
])
def test_wrong_argument_types_are_clear_type_errors(call, expected, model):
    d = eaframe.diff(model, model)
    with pytest.raises(TypeError, match=expected):
        call(model, d)
