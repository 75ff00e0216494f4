"""The command-line interface: exit codes, messages on stderr, outputs."""

from __future__ import annotations

import json

import click
import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from eaframe import dumps, synthetic_model
from eaframe.cli import main


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def model_file(tmp_path):
    p = tmp_path / "m.yaml"
    p.write_text(dumps(synthetic_model(30, seed=1)), encoding="utf-8")
    return p


def test_help_lists_commands_and_exit_codes(runner):
    r = runner.invoke(main, ["--help"])
    assert r.exit_code == 0
    for cmd in ("validate", "info", "schema", "demo"):
        assert cmd in r.output
    assert "Exit codes: 0 success, 1 invalid input or failed check, 2 usage error." in r.output


def test_every_command_has_help_with_an_example(runner):
    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        cmd = main.get_command(ctx, name)
        r = runner.invoke(main, [name, "--help"])
        assert r.exit_code == 0, name
        assert cmd.help and "Example" in cmd.help, f"{name} help lacks an example"


def test_validate_ok(runner, model_file):
    r = runner.invoke(main, ["validate", str(model_file)])
    assert r.exit_code == 0
    assert r.stdout == f"{model_file}: ok (30 elements, 60 relationships, 1 views)\n"


def test_validate_invalid_exit_1_and_errors_on_stderr(runner, model_file, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(model_file.read_text(encoding="utf-8").replace("target: e", "target: nowhere", 1), encoding="utf-8")
    r = runner.invoke(main, ["validate", str(model_file), str(bad)])
    assert r.exit_code == 1
    assert f"{model_file}: ok" in r.stdout
    assert f"{bad}:" in r.stderr and "target 'nowhere" in r.stderr
    assert r.stderr.rstrip().endswith(f"{bad}: 1 error")
    assert "Traceback" not in r.stderr


def test_validate_missing_file(runner):
    r = runner.invoke(main, ["validate", "nope.yaml"])
    assert r.exit_code == 1
    assert "nope.yaml: error: no such file" in r.stderr


def test_validate_usage_error_exit_2(runner):
    assert runner.invoke(main, ["validate"]).exit_code == 2
    assert runner.invoke(main, ["validate", "--bogus", "x"]).exit_code == 2


def test_validate_lenient(runner, tmp_path):
    p = tmp_path / "m.yaml"
    p.write_text("metadata: {title: {en: x}}\nelements: [{id: a, type: Goal}, {id: b, type: Node}]\n"
                 "relationships: [{id: r, type: Assignment, source: a, target: b}]\n", encoding="utf-8")
    assert runner.invoke(main, ["validate", str(p)]).exit_code == 1
    r = runner.invoke(main, ["validate", "--lenient", str(p)])
    assert r.exit_code == 0
    assert "warning: Assignment from Goal 'a' to Node 'b' is not allowed" in r.stderr


def test_info_text_and_json(runner, model_file):
    r = runner.invoke(main, ["info", str(model_file), "--lang", "en"])
    assert r.exit_code == 0
    assert r.stdout.startswith("Synthetic model 30\n  framework version: 2.0\n")
    assert "30 elements, 60 relationships, 1 views" in r.stdout
    r = runner.invoke(main, ["info", str(model_file), "--format", "json"])
    data = json.loads(r.stdout)
    assert data["elements"] == 30 and sum(data["elements_by_layer"].values()) == 30


def test_info_needs_a_model(runner):
    r = runner.invoke(main, ["info"])
    assert r.exit_code == 2 and "give a MODEL" in r.stderr


def test_schema_validates_model_files(runner, model_file, tmp_path):
    out = tmp_path / "schema.json"
    r = runner.invoke(main, ["schema", "-o", str(out)])
    assert r.exit_code == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    doc = yaml.safe_load(model_file.read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    doc["elements"][0]["security_level"] = 9
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)
    assert json.loads(runner.invoke(main, ["schema"]).stdout) == schema


def test_python_dash_m(model_file):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "eaframe", "validate", str(model_file)], capture_output=True, text=True)
    assert r.returncode == 0 and "ok" in r.stdout
