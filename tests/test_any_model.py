"""Issue 11 items 3-5: every command takes any model format, lenient models stay usable,
and exchange files get a structure check without the XSDs."""

from __future__ import annotations

import importlib
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from lxml import etree

from eaframe import load, loads
from eaframe.cli import COMMANDS, main
from eaframe.exceptions import ModelLoadError, ModelValidationError
from eaframe.exchange import read_archimate

NS = "http://www.opengroup.org/xsd/archimate/3.0/"

#: An exchange file as a tool following ArchiMate 3.1 might write it: a Composition from
#: a business actor to a node, which the ArchiMate 3.2 table does not allow.
OLD_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="id-model">
  <name xml:lang="en">Older model</name>
  <elements>
    <element identifier="id-actor" xsi:type="BusinessActor"><name xml:lang="en">Department</name></element>
    <element identifier="id-node" xsi:type="Node"><name xml:lang="en">Server</name></element>
    <element identifier="id-app" xsi:type="ApplicationComponent"><name xml:lang="en">Portal</name></element>
  </elements>
  <relationships>
    <relationship identifier="id-r1" xsi:type="Composition" source="id-actor" target="id-node"/>
    <relationship identifier="id-r2" xsi:type="Serving" source="id-app" target="id-actor"/>
  </relationships>
</model>
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def old_xml(tmp_path: Path) -> Path:
    p = tmp_path / "old.xml"
    p.write_text(OLD_XML, encoding="utf-8")
    return p


@pytest.fixture
def imported(runner: CliRunner, old_xml: Path, tmp_path: Path) -> Path:
    out = tmp_path / "old.yaml"
    r = runner.invoke(main, ["import", str(old_xml), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "Composition" in r.stderr and "not allowed by ArchiMate 3.2" in r.stderr
    return out


@pytest.fixture
def csv_folder(runner: CliRunner, tmp_path: Path) -> Path:
    out = tmp_path / "csv"
    r = runner.invoke(main, ["export", "dongnai-2020", "--to", "csv", "-o", str(out)])
    assert r.exit_code == 0, r.output
    return out


# ------------------------------------------------------------------ item 3: lenient models
def test_import_marks_the_written_model_lenient(imported: Path):
    text = imported.read_text(encoding="utf-8")
    assert "lenient: true" in text
    m = load(imported)  # strict by default, but the model's own flag wins
    assert m.metadata.lenient is True
    assert len(m.warnings) == 1 and m.warnings[0].severity == "warning"


def test_the_flag_is_needed(imported: Path):
    text = imported.read_text(encoding="utf-8").replace("lenient: true", "lenient: false")
    with pytest.raises(ModelValidationError, match="not allowed by ArchiMate 3.2"):
        loads(text)
    assert len(loads(text, strict=False).warnings) == 1


@pytest.mark.parametrize("which", ["yaml", "xml"])
@pytest.mark.parametrize("args", [
    ["info"], ["info", "--format", "json"], ["validate"], ["export", "--to", "archimate", "-o", "-"],
    ["export", "--to", "yaml", "-o", "-"], ["render", "--format", "dot", "-o", "-"], ["check", "--format", "json"],
    ["render-findings", "--format", "dot", "-o", "-"],
])
def test_every_command_reads_what_import_wrote(runner, imported: Path, old_xml: Path, which: str, args: list):
    model = imported if which == "yaml" else old_xml
    argv = [args[0], str(model), *args[1:]]
    if args[0] == "validate" and which == "xml":
        argv.append("--lenient")  # validate reads exchange files strictly unless told
    r = runner.invoke(main, argv)
    if args[0] == "check":  # the forbidden relationship is an error finding (EGOV-H1): exit 1, but a report
        assert r.exit_code in (0, 1), r.output
        assert "EGOV-H1" in r.stdout
    else:
        assert r.exit_code == 0, r.output
    if args[0] == "info":
        assert "Older model" in r.stdout
    if args[0] != "check" and args[0] != "validate":
        assert "1 relationship that ArchiMate 3.2 does not allow" in r.stderr


def test_validate_xml_is_strict_unless_lenient(runner, old_xml: Path):
    r = runner.invoke(main, ["validate", str(old_xml)])
    assert r.exit_code == 1
    assert "not allowed by ArchiMate 3.2" in r.stderr


def test_diff_between_the_xml_and_the_yaml_import_wrote(runner, imported: Path, old_xml: Path):
    r = runner.invoke(main, ["diff", str(old_xml), str(imported), "--exit-code"])
    assert r.exit_code == 0, r.output  # the same model, whatever format each side is in
    r = runner.invoke(main, ["render-diff", str(old_xml), str(imported), "--format", "dot", "-o", "-"])
    assert r.exit_code == 0, r.output


def test_export_yaml_of_the_xml_is_lenient_and_loads_again(runner, old_xml: Path, tmp_path: Path):
    out = tmp_path / "again.yaml"
    r = runner.invoke(main, ["export", str(old_xml), "--to", "yaml", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert load(out).metadata.lenient is True


def test_export_archimate_keeps_the_flag(runner, imported: Path, tmp_path: Path):
    out = tmp_path / "back.xml"
    r = runner.invoke(main, ["export", str(imported), "--to", "archimate", "-o", str(out)])
    assert r.exit_code == 0, r.output
    with pytest.warns(Warning):
        back = read_archimate(out, strict=True)  # the model's own flag wins here too
    assert back.metadata.lenient is True and back == load(imported)


def test_csv_keeps_the_flag(runner, imported: Path, tmp_path: Path):
    from eaframe.exchange import read_archi_csv

    r = runner.invoke(main, ["export", str(imported), "--to", "csv", "-o", str(tmp_path / "csv")])
    assert r.exit_code == 0, r.output
    back = read_archi_csv(tmp_path / "csv", strict=True)  # the model's own flag wins
    assert back.metadata.lenient is True and len(back.warnings) == 1


def test_lenient_yaml_without_the_flag(runner, imported: Path, tmp_path: Path):
    p = tmp_path / "plain.yaml"
    p.write_text(imported.read_text(encoding="utf-8").replace("  lenient: true\n", ""), encoding="utf-8")
    r = runner.invoke(main, ["info", str(p)])
    assert r.exit_code == 1 and "not allowed by ArchiMate 3.2" in r.stderr
    r = runner.invoke(main, ["info", "--lenient", str(p)])
    assert r.exit_code == 0, r.output


def _model_commands() -> list[tuple[str, click.Command]]:
    out = []
    for name, (target, _) in COMMANDS.items():
        module, _, attr = target.partition(":")
        cmd = getattr(importlib.import_module(module), attr)
        if any(isinstance(p, click.Argument) and p.metavar and "MODEL" in p.metavar or p.name in ("old", "new")
               for p in cmd.params):
            out.append((name, cmd))
    return out


def test_lenient_on_every_command_that_loads_a_model():
    names = [name for name, _ in _model_commands()]
    assert {"check", "diff", "export", "info", "render", "render-diff", "render-findings", "validate"} <= set(names)
    for name, cmd in _model_commands():
        opts = {o for p in cmd.params if isinstance(p, click.Option) for o in p.opts}
        assert "--lenient" in opts, name
    assert any("--lenient" in p.opts for p in importlib.import_module("eaframe.cli.exchange").import_.params)


def test_import_strict_and_lenient_together_is_a_usage_error(runner, old_xml: Path, tmp_path: Path):
    r = runner.invoke(main, ["import", str(old_xml), "--strict", "--lenient", "-o", str(tmp_path / "x.yaml")])
    assert r.exit_code == 2


# ------------------------------------------------------------------ item 4: any model format
@pytest.mark.parametrize("args", [
    ["info"], ["validate"], ["export", "--to", "json", "-o", "-"], ["render", "--format", "dot", "-o", "-"],
    ["check", "--format", "json"],
])
def test_csv_folder_and_exchange_file_as_model(runner, csv_folder: Path, tmp_path: Path, args: list):
    xml = tmp_path / "dn.xml"
    assert runner.invoke(main, ["export", "dongnai-2020", "--to", "archimate", "-o", str(xml)]).exit_code == 0
    for model in (csv_folder, xml, csv_folder / "elements.csv"):
        r = runner.invoke(main, [args[0], str(model), *args[1:]])
        assert r.exit_code in ((0, 1) if args[0] == "check" else (0,)), (model, r.output)
        assert "Traceback" not in r.output


def test_diff_across_formats(runner, csv_folder: Path, tmp_path: Path):
    xml = tmp_path / "dn.xml"
    assert runner.invoke(main, ["export", "dongnai-2020", "--to", "archimate", "-o", str(xml)]).exit_code == 0
    r = runner.invoke(main, ["diff", "dongnai-2019", str(xml), "--stat"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["diff", str(xml), str(csv_folder), "--stat"])
    assert r.exit_code == 0, r.output


def test_exchange_xml_on_stdin(runner, old_xml: Path):
    r = runner.invoke(main, ["info", "-"], input=old_xml.read_bytes())
    assert r.exit_code == 0, r.output
    assert "Older model" in r.stdout


def test_folder_that_is_not_a_csv_set(runner, tmp_path: Path):
    (tmp_path / "empty").mkdir()
    r = runner.invoke(main, ["info", str(tmp_path / "empty")])
    assert r.exit_code == 1
    assert "no elements.csv in this folder" in r.stderr and "Traceback" not in r.output


@pytest.mark.parametrize("content, says", [
    (b"", "empty"),
    (b" \n\n", "an empty file (only white space)"),
    (b"<!DOCTYPE html>\n<html><body>Login</body></html>", "an HTML page"),
    (b"%PDF-1.7\n...", "a PDF document"),
    (b"\x1f\x8b\x08\x00rest", "gzip"),
])
@pytest.mark.parametrize("name", ["m.yaml", "m.xml", "m.dat"])
def test_a_file_that_is_no_model_says_what_it_is(runner, tmp_path: Path, content: bytes, says: str, name: str):
    p = tmp_path / name
    p.write_bytes(content)
    for cmd in (["info", str(p)], ["validate", str(p)], ["import", str(p), "-o", str(tmp_path / "o.yaml")]):
        r = runner.invoke(main, cmd)
        assert r.exit_code == 1, (cmd, r.output)
        assert (says or "empty") in r.stderr and str(p) in r.stderr and "Traceback" not in r.output, (cmd, r.stderr)
    assert not (tmp_path / "o.yaml").exists()


def test_a_zip_says_what_it_is(runner, tmp_path: Path):
    plain = tmp_path / "photos.zip"
    with zipfile.ZipFile(plain, "w") as z:
        z.writestr("a.txt", "hello")
    archi = tmp_path / "model.archimate"
    with zipfile.ZipFile(archi, "w") as z:
        z.writestr("model.xml", "<archimate:model/>")
    r = runner.invoke(main, ["import", str(plain), "-o", str(tmp_path / "o.yaml")])
    assert r.exit_code == 1 and "a ZIP archive, not a model" in r.stderr
    r = runner.invoke(main, ["info", str(archi)])
    # an Archi archive is read; this one's model.xml is broken (an unbound prefix): said at its place
    assert r.exit_code == 1 and f"{archi}!model.xml:1" in r.stderr and "malformed XML" in r.stderr, r.stderr
    with pytest.raises(ModelLoadError, match="ZIP archive"):
        load(plain)


def test_archi_native_file_is_read(runner, tmp_path: Path):
    p = tmp_path / "m.archimate"
    p.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<archimate:model xmlns:archimate='
                 '"http://www.archimatetool.com/archimate" name="x"/>\n', encoding="utf-8")
    r = runner.invoke(main, ["import", str(p), "-o", str(tmp_path / "o.yaml")])
    assert r.exit_code == 0 and (tmp_path / "o.yaml").exists(), r.output


# ------------------------------------------------------------------ item 5: structure check
def test_reference_examples_have_no_structure_warning(shared: Path):
    files = sorted((shared / "archimate" / "examples").glob("*.xml"))
    assert files
    for f in files:
        with _no_warnings():
            m = read_archimate(f)
        assert not [w for w in m.warnings if "<model>" in w.message], f


class _no_warnings:
    def __enter__(self):
        import warnings

        self._cm = warnings.catch_warnings()
        self._cm.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)


def _reordered(src: bytes) -> tuple[bytes, int]:
    """``src`` with <relationships> moved before <elements>; the line it then starts on."""
    root = etree.fromstring(src)
    els, rels = root.find(f"{{{NS}}}elements"), root.find(f"{{{NS}}}relationships")
    els.addprevious(rels)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    moved = etree.fromstring(data).find(f"{{{NS}}}elements")
    return data, moved.sourceline


def test_reordered_example_warns_with_the_line(shared: Path, runner, tmp_path: Path):
    src = (shared / "archimate" / "examples" / "archi_Sample1.xml").read_bytes()
    data, line = _reordered(src)
    p = tmp_path / "reordered.xml"
    p.write_bytes(data)
    with _no_warnings():
        m = read_archimate(p)
    found = [w for w in m.warnings if "<model>" in w.message]
    assert len(found) == 1
    assert found[0].line == line and "<elements> comes after <relationships>" in found[0].message
    for cmd in (["import", str(p), "-o", str(tmp_path / "o.yaml")], ["validate", str(p)], ["info", str(p)],
                ["check", str(p), "--format", "json"]):
        r = runner.invoke(main, cmd)
        assert r.exit_code in ((0, 1) if cmd[0] == "check" else (0,)), r.output
        assert f"{p}:{line}: warning: <elements> comes after <relationships>" in r.stderr, r.stderr


def test_structure_check_without_shared(runner, old_xml: Path, tmp_path: Path):
    text = OLD_XML.replace("  <name xml:lang=\"en\">Older model</name>\n", "")
    text = text.replace("</relationships>\n", "</relationships>\n  <name xml:lang=\"en\">Older model</name>\n"
                        "  <elements/>\n  <colours/>\n")
    p = tmp_path / "odd.xml"
    p.write_text(text, encoding="utf-8")
    r = runner.invoke(main, ["import", str(p), "-o", str(tmp_path / "o.yaml")])
    assert r.exit_code == 0, r.output
    assert ":12: warning: <name> comes after <relationships>" in r.stderr
    assert ":13: warning: second <elements> in <model> (the first is on line 3)" in r.stderr
    assert ":14: warning: <colours> is not a part of <model>" in r.stderr
