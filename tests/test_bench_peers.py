"""Smoke test of benchmarks/bench_peers.py, so that the script cannot silently rot.

Only the eaframe path runs (the peers are benchmark-only dependencies, absent here).
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "bench_peers.py"
COLUMNS = ["elements", "step", "eaframe", "pyArchimate", "archimate-mcp", "etcion", "stdlib floor", "lxml floor",
           "eaframe ÷ best peer", "eaframe ÷ stdlib floor", "eaframe ÷ lxml floor"]
STEPS = {"build", "write", "read", "diff", "validate"}


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_peers", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_eaframe_only_run_prints_the_table(tmp_path):
    saved = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--sizes", "200", "--tools", "eaframe", "--repeat", "1",
                           "--save", str(saved)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    header = [ln for ln in lines if ln.startswith("| elements | step |")]
    assert len(header) == 1
    assert _cells(header[0]) == COLUMNS
    rows = {_cells(ln)[1]: _cells(ln) for ln in lines if ln.startswith("| 200 |")}
    assert set(rows) == STEPS
    for step, row in rows.items():
        eaframe = row[COLUMNS.index("eaframe")]
        assert re.fullmatch(r"\d+\.\d\d \(\d+\)", eaframe), (step, eaframe)  # seconds (peak MB)
        for peer in ("pyArchimate", "archimate-mcp", "etcion", "stdlib floor", "lxml floor"):
            assert row[COLUMNS.index(peer)] == "–", (step, peer)  # not asked for
    # the summary table has one row per step and the two peak-RSS rows
    summary = [ln for ln in lines if ln.startswith("| step | eaframe ÷ best peer at 200 |")]
    assert len(summary) == 1
    assert "Command: `python benchmarks/bench_peers.py --sizes 200 --tools eaframe --repeat 1 --write-docs`" \
        in proc.stdout

    results = json.loads(saved.read_text(encoding="utf-8"))
    runs = results["runs"]["200"]
    for step in STEPS:
        (run,) = runs[step]["eaframe"]
        assert run["s"] > 0 and run["mb"] > 10, (step, run)
    assert runs["build"]["eaframe"][0]["counts"] == [200, 400]
    assert runs["read"]["eaframe"][0]["counts"] == [200, 400]
    assert runs["diff"]["eaframe"][0]["changes"] > 0


def test_report_from_saved_results_needs_no_measuring(tmp_path):
    bench = _bench_module()
    one = {"s": 2.0, "mb": 100.0}
    results = {"sizes": [1000], "tools": ["eaframe", "etcion", "stdlib"], "repeat": 1,
               "skip": {"eaframe": None, "etcion": None, "stdlib": None},
               "versions": {"eaframe": "0"}, "machine": "test",
               "runs": {"1000": {"xml_mb": 1.0, **{step: {"eaframe": [dict(one)], "etcion": [{"s": 4.0, "mb": 50.0}],
                                                         "stdlib": [{"s": 0.5, "mb": 20.0}]}
                                                  for step in STEPS}}}}
    results["runs"]["1000"]["diff"]["etcion"] = [{"error": "ValueError: boom"}]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(results), encoding="utf-8")
    detail, short, notes = bench.tables(results)
    build = next(_cells(ln) for ln in detail.splitlines() if ln.startswith("| 1,000 | build |"))
    assert build[COLUMNS.index("eaframe")] == "2.00 (100)"
    assert build[COLUMNS.index("eaframe ÷ best peer")] == "0.50 (etcion)"  # eaframe twice as fast
    assert build[COLUMNS.index("eaframe ÷ stdlib floor")] == "4.00"
    diff = next(_cells(ln) for ln in detail.splitlines() if ln.startswith("| 1,000 | diff |"))
    assert diff[COLUMNS.index("etcion")] == "failed¹"
    assert diff[COLUMNS.index("eaframe ÷ best peer")] == "n/a"
    assert "¹ etcion diff at 1,000: ValueError: boom" in notes
    rss = next(_cells(ln) for ln in short.splitlines() if ln.startswith("| peak RSS, read |"))
    assert rss[1:] == ["2.00 (etcion)", "5.00"]


def test_a_missing_peer_is_skipped_with_the_reason():
    if importlib.util.find_spec("etcion") is not None:
        pytest.skip("etcion is installed here")
    reason = _bench_module().unavailable("etcion")
    assert reason is not None and ("needs Python ≥ 3.12" in reason or "not installed" in reason)


def test_steps_picks_the_steps_measured_and_build_saves_its_cpu_time(tmp_path):
    saved = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--sizes", "200", "--tools", "eaframe", "--steps", "build",
                           "--repeat", "1", "--save", str(saved)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    rows = [_cells(ln)[1] for ln in proc.stdout.splitlines() if ln.startswith("| 200 |")]
    assert rows == ["build"]
    assert "--steps build --repeat 1 --write-docs`" in proc.stdout
    results = json.loads(saved.read_text(encoding="utf-8"))
    assert results["steps"] == ["build"] and set(results["runs"]["200"]) == {"xml_mb", "build"}
    (run,) = results["runs"]["200"]["build"]["eaframe"]
    assert run["counts"] == [200, 400] and 0 < run["cpu"]


def test_peers_store_what_eaframe_stores():
    # a peer's name has one language: the Vietnamese name goes with the typed attributes as a property
    e = {"id": "e1", "type": "ApplicationComponent", "name": {"vi": "Nền tảng", "en": "Platform"},
         "sources": ["S1", "S2"], "security_level": 2, "properties": {"code": "X1"}}
    assert _bench_module().peer_properties(e) == {"sources": "S1,S2", "security_level": "2", "name_vi": "Nền tảng",
                                                  "code": "X1"}


def test_eaframe_builds_the_same_model_from_the_dicts_and_from_its_classes(tmp_path):
    bench = _bench_module()
    data = bench.neutral_data(300, 1)
    assert bench.build_eaframe_dicts(json.loads(json.dumps(data))) == bench.build_eaframe(data)
    saved = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--sizes", "200", "--tools", "eaframe", "--steps", "build",
                           "--repeat", "1", "--eaframe-build", "classes", "--save", str(saved)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "--steps build --repeat 1 --eaframe-build classes --write-docs`" in proc.stdout
    results = json.loads(saved.read_text(encoding="utf-8"))
    assert results["eaframe_build"] == "classes"
    (run,) = results["runs"]["200"]["build"]["eaframe"]
    assert run["counts"] == [200, 400] and 0 < run["cpu"]
