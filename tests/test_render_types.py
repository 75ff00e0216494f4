"""render/ on its siblings' real types (ModelDiff, Finding) and Graphviz through the graphviz package."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from types import SimpleNamespace

import graphviz
import pytest
from click.testing import CliRunner

import eaframe
from eaframe.checks import Edge, Finding, run_checks
from eaframe.cli import main
from eaframe.exceptions import EaframeWarning, GraphvizNotFoundError, RenderError
from eaframe.exchange.layout import layout_view
from eaframe.render import to_view
from eaframe.render.output import INSTALL_HINT, pipe_dot
from eaframe.render.views import diff_view

DATA = Path(__file__).parent / "data" / "render"
MINI, MINI_OLD = DATA / "mini-2020.yaml", DATA / "mini-2019.yaml"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")


@pytest.fixture(scope="module")
def mini():
    return eaframe.load(MINI)


@pytest.fixture(scope="module")
def mini_old():
    return eaframe.load(MINI_OLD)


# --------------------------------------------------------------------------- real sibling types
def test_only_a_pair_of_models_is_drawn_as_a_diff(mini_old, mini):
    assert eaframe.render((mini_old, mini), format="dot").source == eaframe.render(
        diff_view(mini_old, mini), format="dot").source
    # objects that merely hold two models under guessed attribute names are not diffs
    for obj in (SimpleNamespace(old=mini_old, new=mini), SimpleNamespace(old_model=mini_old, new_model=mini),
                SimpleNamespace(a=mini_old, b=mini)):
        with pytest.raises(RenderError, match="cannot draw a SimpleNamespace"):
            eaframe.render(obj, format="dot")
    with pytest.raises(RenderError, match="cannot draw a ModelDiff"):
        eaframe.render(eaframe.diff(mini_old, mini), format="dot")


def test_compare_models_is_gone():
    import importlib

    views = importlib.import_module("eaframe.render.views")
    assert not hasattr(views, "compare_models") and "compare_models" not in views.__all__


def test_findings_kind_draws_the_error_and_warning_findings_of_run_checks():
    m = eaframe.load("dongnai-2019")
    view = to_view(m, kind="findings")
    expected = [f for f in run_checks(m).findings if f.severity != "info"]
    assert expected
    named = {i for f in expected for i in (*f.elements, *f.relationships) if m.get(i) is not None}
    assert named <= set(view.highlighted)
    assert {(e.source, e.target, e.label, e.relationship_type) for e in view.missing} == {
        (e.source, e.target, f.rule, e.type) for f in expected for e in f.missing
        if m.get(e.source) is not None and m.get(e.target) is not None}


def test_finding_from_dict_reads_the_json_report_entries():
    m = eaframe.load("dongnai-2019")
    report = run_checks(m)
    doc = json.loads(report.to_json())
    assert tuple(Finding.from_dict(x) for x in doc["findings"]) == report.findings
    f = Finding("EGOV-R2", "error", "m", ("prov.lgsp",), ("r1",), "fix it", (Edge("prov.lgsp", "Flow", "ext.ngsp"),),
                None)
    assert Finding.from_dict(f.to_dict()) == f
    for bad, msg in (({"rule": "X", "severity": "error"}, "'message'"),
                     ({"rule": "X", "severity": "fatal", "message": "m"}, "severity 'fatal'"),
                     ({"rule": "X", "severity": "info", "message": "m", "elements": "a"}, "'elements' must be"),
                     ({"rule": "X", "severity": "info", "message": "m", "missing": [{"source": "a", "target": "b"}]},
                      "'source', 'type' and 'target'"),
                     ([1], "not list")):
        with pytest.raises(ValueError, match=msg):
            Finding.from_dict(bad)


def test_render_findings_reads_the_report_of_eaframe_check(tmp_path):
    report = tmp_path / "report.json"
    r = CliRunner().invoke(main, ["check", "dongnai-2019", "--format", "json", "--min-severity", "warning",
                                  "-o", str(report)])
    assert r.exit_code in (0, 1), r.output
    assert report.is_file()
    from_file, ran = tmp_path / "file.dot", tmp_path / "ran.dot"
    r = CliRunner().invoke(main, ["render-findings", "dongnai-2019", "--findings", str(report), "-o", str(from_file)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["render-findings", "dongnai-2019", "-o", str(ran)])
    assert r.exit_code == 0, r.output
    assert from_file.read_text(encoding="utf-8") == ran.read_text(encoding="utf-8")
    assert "label=<EGOV-R2 (Flow)>" in from_file.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- Graphviz via the graphviz package
def test_rendering_goes_through_graphviz_pipe(monkeypatch, mini):
    calls = []

    def fake_pipe(engine, format, data, *args, **kwargs):
        calls.append((engine, format, data, kwargs))
        return b"<svg/>"

    monkeypatch.setattr(graphviz, "pipe", fake_pipe)
    assert bytes(eaframe.render(mini, kind="interconnection", format="svg")) == b"<svg/>"
    assert calls[0][:2] == ("dot", "svg") and calls[0][2].startswith(b'digraph "eaframe"')
    assert calls[0][3].get("quiet") is True  # dot's warnings are not echoed on stderr
    # the layered view has its boxes placed by eaframe: neato -n2 only routes the edges
    assert bytes(eaframe.render(mini, format="svg")) == b"<svg/>"
    assert calls[1][:2] == ("neato", "svg") and calls[1][3] == {"neato_no_op": 2, "quiet": True}


def test_missing_dot_and_failing_dot_become_eaframe_errors(monkeypatch, mini, tmp_path):
    def missing(engine, format, data, **kwargs):
        raise graphviz.ExecutableNotFound([engine])

    monkeypatch.setattr(graphviz, "pipe", missing)
    with pytest.raises(GraphvizNotFoundError) as err:
        bytes(eaframe.render(mini, format="png"))
    assert "'dot' program was not found" in str(err.value) and INSTALL_HINT in str(err.value)

    def fails(engine, format, data, **kwargs):
        raise graphviz.CalledProcessError(1, [engine, f"-T{format}"], output=b"",
                                          stderr=b"Error: <stdin>: syntax error in line 1 near 'x'\n")

    monkeypatch.setattr(graphviz, "pipe", fails)
    with pytest.raises(RenderError) as err:
        eaframe.write_diagram(mini, tmp_path / "m.pdf")
    assert not isinstance(err.value, GraphvizNotFoundError)
    assert str(err.value) == "Graphviz 'dot' failed to render pdf: Error: <stdin>: syntax error in line 1 near 'x'"
    assert not (tmp_path / "m.pdf").exists()
    monkeypatch.setattr(graphviz, "pipe", lambda engine, format, data, **kw: b"")
    with pytest.raises(RenderError, match="wrote no svg output"):
        pipe_dot("digraph {}", "svg")


@needs_dot
def test_real_dot_errors_carry_dots_message():
    with pytest.raises(RenderError, match="syntax error"):
        pipe_dot("digraph { a -> }", "svg")
    assert pipe_dot("digraph { a -> b }", "plain").startswith(b"graph ")


def test_without_dot_on_path_pipe_dot_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizNotFoundError, match="apt-get install graphviz"):
        pipe_dot("digraph { a }", "svg")


@needs_dot
def test_exchange_layout_runs_dot_through_graphviz_pipe(monkeypatch):
    m = eaframe.synthetic_model(30, seed=4)
    view = m.views[0]
    calls = []
    real = graphviz.pipe

    def spy(engine, format, data, **kwargs):
        calls.append((engine, format))
        return real(engine, format, data, **kwargs)

    monkeypatch.setattr(graphviz, "pipe", spy)
    d = layout_view(m, view, engine="dot")
    assert calls == [("dot", "plain")] and d.node_count() == len(view.elements)

    def fails(engine, format, data, **kwargs):
        raise graphviz.CalledProcessError(2, [engine], output=b"", stderr=b"out of memory")

    monkeypatch.setattr(graphviz, "pipe", fails)
    with pytest.raises(RenderError, match="failed to render plain: out of memory"):
        layout_view(m, view, engine="dot")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        grid = layout_view(m, view, engine="auto")
    assert grid == layout_view(m, view, engine="grid")
    assert any(issubclass(w.category, EaframeWarning) and "out of memory" in str(w.message) for w in caught)


def test_import_eaframe_and_dot_output_do_not_import_graphviz():
    code = ("import sys, eaframe; m = eaframe.synthetic_model(20, seed=0); eaframe.render(m, format='dot'); "
            "eaframe.render((m, m), format='dot'); print('graphviz' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"
