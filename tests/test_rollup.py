"""The national roll-up: ``eaframe.checks.rollup`` and ``eaframe check A B C`` / ``--summary``."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from wcag_support import contrast

from eaframe import dumps
from eaframe._html import BORDER, COLOURS, base_css
from eaframe.checks import run_checks
from eaframe.checks.rollup import PALETTE, ROLLUP_SCHEMA_ID, Rollup, _css, rollup
from eaframe.checks.scorecard import INDICATORS
from eaframe.cli import main
from eaframe.exceptions import UnknownRuleError
from eaframe.synthetic import synthetic_model

SEVERITIES = ("error", "warning", "info")


def province(n: int, seed: int, name: str):
    m = synthetic_model(n, seed)
    m.metadata.province = {"vi": f"Tỉnh {name}", "en": f"{name} province"}
    return m


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("provinces")
    paths = []
    for i, name in enumerate(("An Giang", "Bắc Ninh", "Cà Mau")):
        p = folder / f"p{i}.yaml"
        p.write_text(dumps(province(60, i, name)), encoding="utf-8")
        paths.append(p)
    bad = folder / "broken.yaml"
    bad.write_text("metadata: {title: {en: x}\n", encoding="utf-8")
    return paths, bad


@pytest.fixture(scope="module")
def mixed(files):
    """Two bundled province models, three synthetic provinces, and a file that cannot be read."""
    paths, bad = files
    return rollup(["dongnai-2019", "dongnai-2020", *map(str, paths), str(bad)], report_base="https://x.example/r/")


# ------------------------------------------------------------------ the rows
def test_rows_follow_the_models_and_match_run_checks(mixed, files):
    paths, bad = files
    assert [r.source for r in mixed.rows] == ["dongnai-2019", "dongnai-2020", *map(str, paths), str(bad)]
    assert [r.label for r in mixed.rows[:5]] == ["Đồng Nai", "Đồng Nai", "Tỉnh An Giang", "Tỉnh Bắc Ninh",
                                                 "Tỉnh Cà Mau"]
    from eaframe.bundled import load_model

    for row, name in zip(mixed.rows[:2], ("dongnai-2019", "dongnai-2020"), strict=True):
        report = run_checks(load_model(name, strict=False), scorecard=True)
        assert row.counts == report.counts()
        assert {rid: n for rid, n in row.by_rule.items() if n} == {k: len(v) for k, v in report.by_rule().items()}
        assert set(row.by_rule) == {r.id for r in report.rules}
        assert {k: (c.value, c.met) for k, c in row.indicators.items()} == {
            i.key: (i.value, i.met) for i in report.scorecard.indicators}
        assert row.link == f"https://x.example/r/{name}/index.html"
    # the 2020 model meets every target it sets; 2019 meets none (the plan's starting point)
    assert all(c.met for c in mixed.rows[1].indicators.values())
    assert not any(c.met for c in mixed.rows[0].indicators.values())


def test_a_model_that_cannot_be_read_is_a_failed_row(mixed, files):
    _, bad = files
    row = mixed.rows[-1]
    assert row.failed and not row.ok and row.link is None
    assert str(bad) in row.error and "invalid YAML" in row.error
    assert row.counts == dict.fromkeys(SEVERITIES, 0) and not row.by_rule and not row.indicators
    assert not mixed.ok
    assert mixed.totals()["failed"] == 1


def test_totals_equal_the_sum_of_the_rows(mixed):
    t = mixed.totals()
    assert t["provinces"] == len(mixed.rows) == 6
    for s in SEVERITIES:
        assert t["counts"][s] == sum(r.counts[s] for r in mixed.rows)
    assert set(t["findings_by_rule"]) == set(mixed.rule_ids())
    for rid, n in t["findings_by_rule"].items():
        assert n == sum(r.by_rule.get(rid, 0) for r in mixed.rows)
    for k in INDICATORS:
        cells = [r.indicators[k] for r in mixed.rows if not r.failed]
        assert t["indicators"][k] == {"met": sum(c.met is True for c in cells),
                                      "unmet": sum(c.met is False for c in cells),
                                      "no_target": sum(c.met is None for c in cells)}
    assert t["with_errors"] == sum(1 for r in mixed.rows if not r.failed and r.counts["error"])


def test_model_objects_options_and_pairs():
    a, b = province(40, 1, "A"), province(40, 2, "B")
    r = rollup([a, ("b.yaml", b)], select=["EGOV-H*"], as_of=date(2026, 12, 1))
    assert r.as_of == date(2026, 12, 1) and all(row.as_of == date(2026, 12, 1) for row in r.rows)
    assert set(r.rule_ids()) <= {x for x in r.rule_ids() if x.startswith("EGOV-H")}
    assert [row.source for row in r.rows] == [None, "b.yaml"] and r.rows[1].name == "b"
    assert r.rows[0].link is None
    with pytest.raises(UnknownRuleError):
        rollup([a], select=["NOPE-1"])
    with pytest.raises(TypeError):
        rollup([a], as_of="2026-01-01")


def test_a_framework_named_by_realises_that_does_not_exist_fails_only_its_row():
    a, b = province(30, 1, "A"), province(30, 2, "B")
    b.metadata.realises = "no-such-framework"
    r = rollup([a, b])
    assert not r.rows[0].failed
    assert r.rows[1].failed and "no-such-framework" in r.rows[1].error


# ------------------------------------------------------------------ formats, parsed back
def test_json_parses_back_and_carries_every_row(mixed):
    data = json.loads(mixed.to_json())
    assert data["schema"] == ROLLUP_SCHEMA_ID
    assert data["rules"] == mixed.rule_ids() and data["indicators"] == list(INDICATORS)
    assert data["ok"] is False and data["totals"] == json.loads(json.dumps(mixed.totals()))
    assert len(data["provinces"]) == 6
    keys = {"label", "source", "name", "status", "error", "version", "as_of", "counts", "findings_by_rule",
            "not_applicable", "indicators", "report"}
    for p, row in zip(data["provinces"], mixed.rows, strict=True):
        assert set(p) == keys
        assert p["status"] == ("failed" if row.failed else "checked")
        assert p["counts"] == dict(row.counts)
        if not row.failed:
            assert set(p["indicators"]) == set(INDICATORS)
            assert all(set(v) == {"value", "met"} for v in p["indicators"].values())


def test_csv_parses_back_with_a_total_row(mixed):
    rows = list(csv.DictReader(io.StringIO(mixed.to_csv())))
    assert len(rows) == len(mixed.rows) + 1
    body, total = rows[:-1], rows[-1]
    assert total["province"] == "TOTAL"
    for col, s in (("errors", "error"), ("warnings", "warning"), ("info", "info")):
        assert int(total[col]) == sum(int(r[col] or 0) for r in body) == mixed.totals()["counts"][s]
    for rid in mixed.rule_ids():
        assert int(total[rid]) == sum(int(r[rid] or 0) for r in body)
    for k in INDICATORS:
        assert int(total[f"{k} met"]) == sum(r[f"{k} met"] == "yes" for r in body)
    assert body[0]["province"] == "Đồng Nai" and body[0]["report"].endswith("/dongnai-2019/index.html")
    assert body[-1]["status"] == "failed" and "invalid YAML" in body[-1]["error"]
    assert float(body[1]["procedures_online_level12_share value"]) == pytest.approx(
        mixed.rows[1].indicators["procedures_online_level12_share"].value)


def test_text_has_a_row_per_model_and_the_totals(mixed):
    text = mixed.to_text()
    assert text.startswith("eaframe check roll-up: 6 models, 1 failed, 1 with errors\n")
    assert re.search(r"^TOTAL\s+6 models\s+4\s+", text, re.M)
    assert text.count("dongnai-2019") >= 2 and "FAILED" in text and "invalid YAML" in text
    assert "NOT MET" in text and "https://x.example/r/dongnai-2020/index.html" in text


def test_html_document_parses_and_is_accessible(mixed):
    doc = mixed.to_html()
    assert doc.startswith("<!DOCTYPE html>")
    tree = lxml_html.fromstring(doc)
    assert tree.get("lang") == "en"
    assert tree.find(".//meta[@charset]").get("charset") == "utf-8"
    assert tree.findtext(".//title").startswith("eaframe check roll-up")
    assert tree.find(".//style") is not None and tree.find(".//script") is None
    tables = tree.findall(".//table")
    assert len(tables) == 2
    for table in tables:
        assert table.find("caption") is not None
        assert all(th.get("scope") in ("col", "row") for th in table.iter("th"))
        body = table.findall("./tbody/tr")
        assert len(body) == 6
        assert table.find("./tfoot/tr/th").text == "total"
    links = [a.get("href") for a in tree.iter("a")]
    expected = [f"https://x.example/r/{n}/index.html" for n in ("dongnai-2019", "dongnai-2020", "p0", "p1", "p2")]
    assert links == expected * 2  # each table links each province (not the failed one)
    for td in tree.iter("td"):  # a tick or cross never stands alone
        text = td.text_content()
        if "✔" in text:
            assert "✔ met" in text
        if "✘" in text:
            assert "✘ not met" in text
    fragment = mixed.to_html(document=False)
    assert fragment.startswith('<div class="eaframe-rollup">') and "<!DOCTYPE" not in fragment
    assert mixed._repr_html_() == fragment


def test_html_escapes_model_text():
    m = province(20, 3, "X")
    m.metadata.province = {"vi": "<script>alert(1)</script> & co"}
    doc = rollup([m]).to_html()
    assert "<script>" not in doc and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in doc


def test_every_colour_pair_meets_wcag_aa():
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # the formula: the classic just-failing grey
    for key, (fg, bg) in PALETTE.items():
        assert contrast(fg, bg) >= 4.5, (key, fg, bg, contrast(fg, bg))
    used = set(re.findall(r"#[0-9a-f]{6}", _css()))
    assert used <= {c for pair in COLOURS.values() for c in pair} | {BORDER}


def test_html_uses_the_shared_css_and_status_classes(mixed):
    """One owner of the look: the roll-up's CSS is eaframe._html's base CSS (plus two rules),
    its cells use the shared status classes, and the document is eaframe._html's document."""
    css = _css().splitlines()
    assert css[:len(base_css(".eaframe-rollup"))] == base_css(".eaframe-rollup")
    assert len(css) == len(base_css(".eaframe-rollup")) + 2
    doc = mixed.to_html()
    tree = lxml_html.fromstring(doc)
    assert tree.find(".//main").get("class") == "eaframe-rollup"
    classes = {c for td in tree.iter("td") for c in (td.get("class") or "").split()}
    assert {"c-ok", "c-fail", "c-warning"} <= classes and not classes & {"met", "unmet", "failed"}


# ------------------------------------------------------------------ the command
def test_cli_several_models_print_the_rollup(runner, files):
    paths, _ = files
    r = runner.invoke(main, ["check", "dongnai-2020", *map(str, paths), "--format", "json"])
    assert r.exit_code in (0, 1), r.output
    data = json.loads(r.stdout)
    assert [p["source"] for p in data["provinces"]] == ["dongnai-2020", *map(str, paths)]
    assert r.exit_code == (0 if data["ok"] else 1)


def test_cli_exit_1_on_errors_and_summary_of_one_model(runner):
    r = runner.invoke(main, ["check", "dongnai-2019", "--summary", "--lang", "en"])
    assert r.exit_code == 1
    assert r.stdout.startswith("eaframe check roll-up: 1 model, 0 failed, 1 with errors")
    r = runner.invoke(main, ["check", "dongnai-2020", "--summary", "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert [row["province"] for row in csv.DictReader(io.StringIO(r.stdout))] == ["Đồng Nai", "TOTAL"]


def test_cli_bad_model_is_a_failed_row_named_on_stderr(runner, files):
    paths, bad = files
    r = runner.invoke(main, ["check", str(paths[0]), str(bad), str(paths[1]), "--format", "csv"])
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    assert f"{bad}:2:1: error: invalid YAML" in r.stderr
    assert f"{bad}: not checked; the roll-up lists it as failed" in r.stderr
    statuses = [row["status"] for row in csv.DictReader(io.StringIO(r.stdout))]
    assert statuses == ["checked", "failed", "checked", "1 failed"]


def test_cli_html_to_a_file_with_report_links(runner, files, tmp_path):
    paths, _ = files
    out = tmp_path / "out" / "rollup.html"
    r = runner.invoke(main, ["check", *map(str, paths), "--format", "html", "-o", str(out),
                             "--report-base", "sites"])
    assert r.exit_code in (0, 1), r.output
    assert f"wrote {out} (3 models, 0 failed;" in r.stderr
    tree = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    assert [a.get("href") for a in tree.iter("a")] == ["sites/p0/index.html", "sites/p1/index.html",
                                                       "sites/p2/index.html"] * 2


@pytest.mark.parametrize("args, message", [
    (["dongnai-2019", "dongnai-2020", "--format", "sarif"], "--format sarif is for one model"),
    (["dongnai-2020", "--format", "csv"], "--format csv is for the roll-up"),
    (["dongnai-2020", "--report-base", "x"], "--report-base is for the roll-up"),
    (["-", "-", "--summary"], "only one input can be '-'"),
    (["dongnai-2019", "dongnai-2020", "--rule", "NOPE"], "matches no rule"),
])
def test_cli_usage_errors(runner, args, message):
    r = runner.invoke(main, ["check", *args])
    assert r.exit_code == 2, r.output
    assert message in r.stderr


def test_cli_output_may_not_be_one_of_the_models(runner, files):
    paths, _ = files
    before = paths[1].read_bytes()
    r = runner.invoke(main, ["check", str(paths[0]), str(paths[1]), "-o", str(paths[1])])
    assert r.exit_code == 2
    assert paths[1].read_bytes() == before


def test_rollup_is_a_frozen_value(mixed):
    with pytest.raises(AttributeError):
        mixed.rows = ()  # type: ignore[misc]
    assert isinstance(mixed, Rollup) and repr(mixed).startswith("<Rollup 6 models (1 failed)")


def test_cli_options_apply_to_every_model(runner):
    r = runner.invoke(main, ["check", "dongnai-2019", "dongnai-2020", "--as-of", "2026-12-01", "--rule", "EGOV-R*",
                             "--framework", "2.0", "--framework-model", "vn-province-2.0", "--format", "json"])
    assert r.exit_code in (0, 1), r.output
    data = json.loads(r.stdout)
    assert data["as_of"] == "2026-12-01" and data["framework"] == "2.0"
    assert all(p["as_of"] == "2026-12-01" and p["version"] == "2.0" for p in data["provinces"])
    assert data["rules"] and all(rid.startswith("EGOV-R") for rid in data["rules"])
    assert "EGOV-R11" in data["rules"]  # in force in 2026, not on the models' own dates
