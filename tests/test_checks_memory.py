"""Memory of the check reports' JSON and SARIF outputs, and their text unchanged by the leaner encoding."""

from __future__ import annotations

import io
import json
import sys
import tracemalloc
from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eaframe import synthetic_model
from eaframe.checks import report as report_module
from eaframe.checks import run_checks


def _dumps_before(doc: dict, holder: dict, key: str, indent: Optional[int]) -> str:
    # The encoder as it was before the output was made in pieces (commit 6f12c74): the
    # reference the text must stay equal to.
    items = holder[key]
    if indent is None:
        holder[key] = list(items)
        return json.dumps(doc, ensure_ascii=False) + "\n"
    marker = "\u0000eaframe-items\u0000"
    holder[key] = marker
    text = json.dumps(doc, ensure_ascii=False, indent=indent)
    quoted = json.dumps(marker)
    at = text.index(quoted)
    line_start = text.rindex("\n", 0, at) + 1
    pad = " " * (at - line_start - len(json.dumps(key)) - 2 + indent)
    enc = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
    pieces = [pad + enc.encode(x) for x in items]
    body = "[\n" + ",\n".join(pieces) + "\n" + pad[:-indent] + "]" if pieces else "[]"
    return text[:at] + body + text[at + len(quoted):] + "\n"


@pytest.fixture(scope="module")
def large():
    return run_checks(synthetic_model(1500, seed=5))


@pytest.fixture(scope="module")
def small():
    return run_checks(synthetic_model(12, seed=3), lang="vi", scorecard=True)


def _reference_json(report, indent, lang=None):
    doc = report._dict(lazy=True, lang=report.output_lang(lang))
    return _dumps_before(doc, doc, "findings", indent)


def _reference_sarif(report, indent, lang=None):
    doc = report._sarif(None, lazy=True, lang=report.output_lang(lang))
    return _dumps_before(doc, doc["runs"][0], "results", indent)


def test_json_and_sarif_text_equal_to_the_encoder_before(large, small):
    cases = [(small, indent, lang) for indent in (None, 2, 4) for lang in ("en", "vi")]
    for report, indent, lang in cases + [(large, 2, "en"), (large, None, "vi")]:
        assert report.to_json(indent=indent, lang=lang) == _reference_json(report, indent, lang)
        assert report.to_sarif_json(indent=indent, lang=lang) == _reference_sarif(report, indent, lang)
    for report in (small, large):
        assert json.loads(report.to_json()) == report.to_dict()
        assert json.loads(report.to_sarif_json()) == report.to_sarif()


@settings(max_examples=25, deadline=None)
@given(chunk=st.integers(1, 7), n=st.integers(0, 12), indent=st.sampled_from([None, 0, 1, 2, 3]))
def test_any_chunk_size_gives_the_same_text(chunk, n, indent):
    # Chunk boundaries anywhere (also none, one item, exact multiples): the same text.
    report = run_checks(synthetic_model(4, seed=1), select=["EGOV-H7"])
    report = report.__class__(**{**report.__dict__, "findings": report.findings[:n]})
    expected = _reference_json(report, indent)
    expected_sarif = _reference_sarif(report, indent)
    previous, report_module._CHUNK = report_module._CHUNK, chunk
    try:
        assert report.to_json(indent=indent) == expected
        assert report.to_sarif_json(indent=indent) == expected_sarif
        out = io.StringIO()
        report.write_json(out, indent=indent)
        assert out.getvalue() == expected
    finally:
        report_module._CHUNK = previous


def test_write_json_and_write_sarif_write_the_text(large, tmp_path):
    path = tmp_path / "r.json"
    with path.open("w", encoding="utf-8") as f:
        large.write_json(f)
    assert path.read_text(encoding="utf-8") == large.to_json()
    path = tmp_path / "r.sarif"
    with path.open("w", encoding="utf-8") as f:
        large.write_sarif(f, indent=None, lang="vi")
    assert path.read_text(encoding="utf-8") == large.to_sarif_json(indent=None, lang="vi")


def _peak_over(make) -> tuple[int, object]:
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        out = make()
        return tracemalloc.get_traced_memory()[1] - base, out
    finally:
        tracemalloc.stop()


def test_to_json_and_to_sarif_json_peak_near_the_size_of_their_text(large):
    # Before: the lines, their join, the list with its brackets and the whole document were
    # alive at once, about 3.9 times the text; now the pieces and the text, under 2.5 times.
    for method in (large.to_json, large.to_sarif_json):
        peak, text = _peak_over(method)
        assert peak < 2.5 * sys.getsizeof(text), (method.__name__, peak / sys.getsizeof(text))


def test_write_json_holds_no_more_than_a_chunk(large):
    # Writing to a file makes no whole text (which alone would be more than its length in
    # bytes): the peak is the pieces of a chunk at a time.
    class Sink:
        size = 0

        def write(self, text: str) -> None:
            self.size += len(text)

    for write in (large.write_json, large.write_sarif):
        sink = Sink()
        peak, _ = _peak_over(lambda write=write, sink=sink: write(sink))
        assert sink.size > 1_000_000
        assert peak < 0.8 * sink.size, (write.__name__, peak / sink.size)


def test_cli_writes_json_and_sarif_files_a_part_at_a_time(tmp_path, monkeypatch):
    # `eaframe check -o FILE` streams JSON and SARIF to the file: the same text as the
    # methods that make it whole, which the command no longer calls for a file.
    from click.testing import CliRunner

    from eaframe import load, save
    from eaframe.checks.report import CheckReport
    from eaframe.cli import main

    monkeypatch.chdir(tmp_path)
    save(synthetic_model(40, seed=2), "m.json")
    report = run_checks(load("m.json"), source="m.json", lang="en")
    expected = {"json": report.to_json(), "sarif": report.to_sarif_json()}

    def whole(*args, **kwargs):
        raise AssertionError("the whole text was made for a file")

    monkeypatch.setattr(CheckReport, "to_json", whole)
    monkeypatch.setattr(CheckReport, "to_sarif_json", whole)
    for fmt in ("json", "sarif"):
        out = tmp_path / "out" / f"r.{fmt}"
        r = CliRunner().invoke(main, ["check", "m.json", "--lang", "en", "--format", fmt, "-o", str(out)])
        assert r.exit_code == (0 if report.ok else 1) and "wrote" in r.stderr, r.stderr
        assert out.read_text(encoding="utf-8") == expected[fmt]
    (tmp_path / "file").write_text("x")
    r = CliRunner().invoke(main, ["check", "m.json", "--format", "json", "-o", str(tmp_path / "file" / "r.json")])
    assert r.exit_code == 1 and "Traceback" not in r.stderr and "r.json" in r.stderr
