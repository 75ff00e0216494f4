"""benchmarks/_report.py: the shared options of the benchmarks over model sizes."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def report():
    spec = importlib.util.spec_from_file_location("_bench_report", BENCH / "_report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sweep_arguments_sizes_spaced_or_comma_separated(report):
    def never(n: int) -> dict:
        raise AssertionError("no child run without --child")

    assert report.sweep_arguments("Doc.", never, argv=[]).sizes == report.SIZES
    assert report.sweep_arguments("Doc.", never, argv=["--sizes", "1000,10000"]).sizes == [1000, 10000]
    a = report.sweep_arguments("Doc.", never, sizes=[5], argv=["--sizes", "7", "8,9", "--write-docs"])
    assert a.sizes == [7, 8, 9] and a.write_docs
    with pytest.raises(SystemExit):
        report.sweep_arguments("Doc.", never, argv=["--sizes", "1x"])


def test_sweep_arguments_child_runs_one_size_and_prints_json(report, capsys):
    assert report.sweep_arguments("Doc.", lambda n: {"n": n * 2}, argv=["--child", "21"]) is None
    assert json.loads(capsys.readouterr().out) == {"n": 42}
