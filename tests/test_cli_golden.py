"""The output of ``eaframe info`` and ``eaframe validate`` is byte-identical to the golden
file tests/data/golden/cli/info-validate.txt: every bundled model in both languages,
text and JSON, strict and lenient, model files given by path, an exchange file, stdin
and the errors of a wrong name or file (issue 16: start-up work must not change what
the commands print). Update with ``pytest --update-golden`` after an intended change.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eaframe.bundled import bundled_models
from eaframe.cli import main

REPO = Path(__file__).resolve().parent.parent
GOLDEN = "cli/info-validate.txt"


def _cases() -> list[tuple[list[str], str | None]]:
    cases: list[tuple[list[str], str | None]] = []
    for name in bundled_models():
        cases += [(["info", name], None), (["info", name, "--lang", "en"], None), (["info", name, "--lang", "vi"], None),
                  (["info", name, "--format", "json", "--lang", "vi"], None),
                  (["info", name, "--format", "json", "--lang", "en"], None),
                  (["info", name, "--lenient"], None),
                  (["validate", name], None), (["validate", name, "--lenient", "--lang", "vi"], None)]
    cases += [
        (["validate", "dongnai-2020", "vn-province-4.0", "-q"], None),
        (["info", "models/dongnai-2020.yaml", "--lang", "en"], None),
        (["validate", "models/dongnai-2020.yaml", "models/vn-province-1.0.yaml"], None),
        (["info", "tests/data/golden/exchange-small.xml"], None),
        (["validate", "tests/data/golden/exchange-small.xml"], None),
        (["info", "-", "--lang", "en"], "models/vn-province-3.0.yaml"),
        (["validate", "-"], "models/vn-province-3.0.yaml"),
        (["info", "dongnai-202"], None),
        (["validate", "dongnai-202", "dongnai-2020"], None),
        (["validate", "--lang", "vi", "tests/data/golden/cli/bad-model.yaml"], None),
        (["info", "--lang", "vi", "tests/data/golden/cli/bad-model.yaml"], None),
        (["info", "--list"], None),
        (["info"], None),
    ]
    return cases


def _section(args: list[str], stdin: str | None, code: int, out: str, err: str) -> str:
    shown = " ".join(args) + (f" < {stdin}" if stdin else "")
    return f"$ eaframe {shown}\n[exit {code}]\n--- stdout\n{out}--- stderr\n{err}"


def _run_in_process(args: list[str], stdin: str | None) -> str:
    data = (REPO / stdin).read_bytes() if stdin else None
    r = CliRunner().invoke(main, args, input=data)
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise r.exception
    return _section(args, stdin, r.exit_code, r.stdout, r.stderr)


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


def test_info_and_validate_output_is_unchanged(in_repo, golden):
    golden(GOLDEN, "\n".join(_run_in_process(args, stdin) for args, stdin in _cases()))


@pytest.mark.parametrize("args", [["info", "dongnai-2020"], ["info", "dongnai-2020", "--lang", "en"],
                                  ["info", "dongnai-2020", "--format", "json", "--lang", "en"],
                                  ["validate", "dongnai-2020"]])
def test_a_fresh_eaframe_process_prints_the_same(in_repo, args):
    # what the benchmark times: a fresh `python -m eaframe` process (its collector opt-in,
    # its lazy imports), compared with the golden section of the same command
    expected = _run_in_process(args, None)
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    r = subprocess.run([sys.executable, "-m", "eaframe", *args], capture_output=True, env=env, timeout=120)
    assert _section(args, None, r.returncode, r.stdout.decode(), r.stderr.decode()) == expected
    assert expected in (REPO / "tests" / "data" / "golden" / GOLDEN).read_text(encoding="utf-8")
