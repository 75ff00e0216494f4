"""The diagram commands: render, render --all-views, render-diff, render-findings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from eaframe.cli import main

DATA = Path(__file__).parent / "data" / "render"
MINI = str(DATA / "mini-2020.yaml")
MINI_OLD = str(DATA / "mini-2019.yaml")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_render_dot_default_is_the_layered_view(tmp_path):
    out = tmp_path / "m.dot"
    r = run("render", MINI, "-o", out)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith('digraph "eaframe"') and 'id="cluster.comp.users"' in text


def test_render_kinds_and_options(tmp_path):
    out = tmp_path / "n.dot"
    r = run("render", MINI, "--kind", "neighbourhood", "--focus", "prov.lgsp", "--depth", "1", "--lang", "en",
            "--legend", "-o", out)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "Legend" in text and "neighbourhood of Provincial integration" in text
    r = run("render", MINI, "--view", "view.services", "-o", tmp_path / "v.dot")
    assert r.exit_code == 0, r.output


def test_render_usage_and_input_errors(tmp_path):
    r = run("render", MINI, "--kind", "neighbourhood", "-o", tmp_path / "x.dot")
    assert r.exit_code == 2 and "--focus" in r.output
    r = run("render", MINI, "--view", "v", "--kind", "layered", "-o", tmp_path / "x.dot")
    assert r.exit_code == 2
    r = run("render", MINI, "--format", "png", "-o", tmp_path / "x.svg")
    assert r.exit_code == 2 and "--format png does not match the extension" in r.output
    r = run("render", MINI, "--view", "nope", "-o", tmp_path / "x.dot")
    assert r.exit_code == 1 and "no view 'nope'" in r.output
    r = run("render", MINI, "--kind", "neighbourhood", "--focus", "prov.lgsq", "-o", tmp_path / "x.dot")
    assert r.exit_code == 1 and "did you mean 'prov.lgsp'" in r.output
    r = run("render", MINI, "-o", tmp_path / "x.jpeg")
    assert r.exit_code == 2 and "use .svg, .png, .pdf or .dot" in r.output
    r = run("render", tmp_path / "missing.yaml", "-o", tmp_path / "x.dot")
    assert r.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@needs_dot
def test_render_svg_and_all_views(tmp_path):
    r = run("render", MINI, "--kind", "interconnection", "-o", tmp_path / "i.svg")
    assert r.exit_code == 0, r.output
    assert b"<svg" in (tmp_path / "i.svg").read_bytes()
    r = run("render", MINI, "--all-views", "-o", tmp_path / "all")
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == [
        "interconnection.svg", "layered.svg", "view.interconnection.svg", "view.services.svg"]
    assert "rendering 4 views" in r.output


def test_render_all_views_as_dot(tmp_path):
    r = run("render", MINI, "--all-views", "--format", "dot", "-o", tmp_path / "all")
    assert r.exit_code == 0, r.output
    assert len(list((tmp_path / "all").glob("*.dot"))) == 4


def test_render_diff(tmp_path):
    out = tmp_path / "d.dot"
    r = run("render-diff", MINI_OLD, MINI, "--lang", "en", "-o", out)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    from eaframe.render.styles import STATUS_STYLES

    assert all(STATUS_STYLES[s]["fillcolor"] in text for s in ("added", "removed", "changed"))
    assert "Sample province 2019 → Sample province 2020" in text


def test_render_findings_from_a_json_file(tmp_path):
    f = tmp_path / "findings.json"
    f.write_text(json.dumps({"schema": "eaframe-check-report/1", "findings": [
        {"rule": "EGOV-R3", "severity": "error", "message": "not connected", "elements": ["prov.document_mgmt"],
         "relationships": [], "view": None, "fix": "",
         "missing": [{"source": "prov.document_mgmt", "type": "Flow", "target": "ext.ngsp"}]}]}), encoding="utf-8")
    out = tmp_path / "f.dot"
    r = run("render-findings", MINI, "--findings", f, "-o", out)
    assert r.exit_code == 0, r.output
    assert "label=<EGOV-R3 (Flow)>" in out.read_text(encoding="utf-8")
    f.write_text(json.dumps([{"rule_id": "EGOV-R3", "element_ids": ["prov.document_mgmt"]}]), encoding="utf-8")
    r = run("render-findings", MINI, "--findings", f, "-o", tmp_path / "g.dot")
    assert r.exit_code == 1 and "findings[0]: finding needs 'rule'" in r.output and not (tmp_path / "g.dot").exists()
    f.write_text("[1, 2", encoding="utf-8")
    r = run("render-findings", MINI, "--findings", f, "-o", tmp_path / "g.dot")
    assert r.exit_code == 1 and "not valid JSON" in r.output and not (tmp_path / "g.dot").exists()


def test_without_dot_cli_prints_how_to_install_and_exits_1(tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    r = run("render", MINI, "-o", tmp_path / "m.svg")
    assert r.exit_code == 1
    assert "Graphviz 'dot' program was not found" in r.output and "apt-get install graphviz" in r.output
    assert not (tmp_path / "m.svg").exists()
    r = run("render", MINI, "-o", tmp_path / "m.dot")
    assert r.exit_code == 0 and (tmp_path / "m.dot").exists()


def test_demo_step_renders_layered_and_interconnection_views(tmp_path, monkeypatch):
    import eaframe
    from eaframe.cli.demo import DEMO_STEPS

    step = dict(DEMO_STEPS)["render"]
    models = {"mini-2020": eaframe.load(MINI)}
    if shutil.which("dot"):
        written = step(models, tmp_path / "a")
        assert [Path(p).name for p in written] == ["mini-2020.layered.svg", "mini-2020.interconnection.svg"]
        assert all(b"<svg" in Path(p).read_bytes() for p in written)
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    written = step(models, tmp_path / "b")
    assert [Path(p).name for p in written] == ["mini-2020.layered.dot", "mini-2020.interconnection.dot"]


def test_render_findings_runs_the_checks(tmp_path):
    out = tmp_path / "f.dot"
    r = run("render-findings", "dongnai-2019", "-o", out)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    # EGOV-R2: the LGSP is not connected to the NGSP in 2019 -> a dashed red edge labelled with the rule
    assert '"prov.lgsp" -> "ext.ngsp"' in text and "label=<EGOV-R2 (Flow)>" in text
