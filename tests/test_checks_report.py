"""Check outputs (text, JSON, SARIF 2.1.0, HTML), the scorecard and the `eaframe check` CLI."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import eaframe
from eaframe.checks import INDICATORS, compute_scorecard, run_checks
from eaframe.cli import main

DATA = Path(__file__).parent / "data" / "checks"
GAPS = DATA / "province-gaps.yaml"
OK = DATA / "province-ok.yaml"
FW = DATA / "framework.yaml"


@pytest.fixture(scope="module")
def framework():
    return eaframe.load(FW)


@pytest.fixture(scope="module")
def gaps_report(framework):
    return run_checks(eaframe.load(GAPS, strict=False), framework_model=framework, scorecard=True,
                      source="tests/data/checks/province-gaps.yaml")


@pytest.fixture(scope="module")
def sarif_schema(shared):
    return json.loads((shared / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------- scorecard
def test_scorecard_of_the_conforming_model(framework):
    card = compute_scorecard(eaframe.load(OK))
    got = {i.key: (i.numerator, i.denominator, i.value, i.met) for i in card.indicators}
    assert got == {
        "procedures_online_level12_share": (2, 2, 100.0, True),
        "dossiers_online_level4_share": (400, 1500, pytest.approx(26.6667, abs=1e-4), False),
        "level4_services_central_auth_share": (1, 1, 100.0, True),
        "interagency_dossiers_online_share": (150, 200, 75.0, True),
        "level3_systems_with_plan_share": (3, 3, 100.0, True),
        "websites_monitored_share": (1, 1, 100.0, True),
    }
    assert list(got) == list(INDICATORS)
    d = card["dossiers_online_level4_share"]
    assert (d.elements, d.shortfall, d.target_element, d.target.value) == (("svc.birth",), ("svc.birth", "svc.land"),
                                                                          "goal.l4dossiers", 30)
    assert card["interagency_dossiers_online_share"].target.comparison == ">"
    assert card["level3_systems_with_plan_share"].elements == ("prov.lgsp", "prov.one_stop_eis", "sec.soc")
    b = card.budget
    assert [(p.element, p.total, p.investment, p.operating) for p in b.programmes] == [
        ("dn.it_program", Decimal(150126), Decimal(102434), Decimal(47692))]
    assert b.by_procurement == {"invest": Decimal(5000), "lease": Decimal(1200)}
    assert b.items == {"invest": ("prov.lgsp",), "lease": ("prov.one_stop_eis", "prov.document_mgmt")}


def test_scorecard_without_data_or_targets(gaps_report):
    card = gaps_report.scorecard
    i = card["interagency_dossiers_online_share"]
    assert (i.value, i.met, i.target) == (None, None, None)
    assert card["websites_monitored_share"].shortfall == ("dn.website",)
    assert card["level4_services_central_auth_share"].value == 0.0
    with pytest.raises(KeyError, match="no indicator"):
        card["nope"]


def test_strict_comparison_target():
    m = eaframe.ArchitectureModel.build({"title": {"en": "t"}}, elements=[
        {"id": "p", "type": "BusinessProcess", "dossiers_total": 10, "dossiers_online": 5},
        {"id": "g", "type": "Outcome", "target": {"indicator": "interagency_dossiers_online_share", "value": 50,
                                                   "comparison": ">"}}])
    i = compute_scorecard(m)["interagency_dossiers_online_share"]
    assert (i.value, i.met) == (50.0, False)


# ---------------------------------------------------------------------- outputs
def test_text_report_golden(gaps_report, golden):
    golden("checks/province-gaps.txt", gaps_report.to_text())


def test_json_report_golden_and_schema(gaps_report, golden):
    text = gaps_report.to_json()
    golden("checks/province-gaps.json", text)
    doc = json.loads(text)
    assert doc["schema"] == "eaframe-check-report/1"
    assert list(doc) == ["schema", "tool", "lang", "model", "min_severity", "as_of", "as_of_from", "instruments", "summary",
                         "rules", "not_applicable", "findings",
                         "scorecard"]
    assert doc["summary"] == {"error": 15, "warning": 16, "info": 2, "total": 33, "ok": False}
    # The date and the instruments applied on it; the rules carry their legal basis and period.
    assert (doc["as_of"], doc["as_of_from"]) == ("2020-12-31", "model")
    inst = {i["name"]: i for i in doc["instruments"]}
    assert inst["Decree 47/2020/NĐ-CP"]["until"] == "2025-10-22"
    assert inst["Decree 47/2020/NĐ-CP"]["replaced_by"] == "Decree 278/2025/NĐ-CP"
    assert "Decree 278/2025/NĐ-CP" not in inst and "Circular 03/2017/TT-BTTTT" in inst
    r5 = next(r for r in doc["rules"] if r["id"] == "EGOV-R5")
    assert r5["in_force"] == {"from": "2018-04-23", "until": "2021-12-06",
                              "replaced_by": "EGOV-R11 (Decree 107/2021/NĐ-CP)"}
    assert r5["legal"] == [{"instrument": "Decree 61/2018/NĐ-CP", "article": None,
                            "requires": "a provincial public service portal and a one-stop EIS, linked",
                            "confidence": "K"}]
    assert [x["rule"] for x in doc["not_applicable"]] == ["EGOV-R11", "EGOV-R12", "EGOV-R13", "EGOV-R14"]
    assert set(doc["findings"][0]) == {"rule", "severity", "message", "elements", "relationships", "view", "fix",
                                       "missing"}
    assert doc["findings"][0]["missing"][0] == {"source": "prov.document_mgmt", "type": "Flow",
                                                "target": "prov.lgsp"}
    assert doc["scorecard"]["indicators"][0]["key"] == "procedures_online_level12_share"
    assert json.loads(gaps_report.to_json(indent=None)) == doc


def test_sarif_validates_against_the_oasis_schema(gaps_report, sarif_schema):
    log = json.loads(gaps_report.to_sarif_json())
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [r.id for r in gaps_report.rules]
    assert len(run["results"]) == 33
    assert run["properties"]["as_of"] == "2020-12-31" and "Decree 85/2016/NĐ-CP" in run["properties"]["instruments"]
    levels = {r["level"] for r in run["results"]}
    assert levels == {"error", "warning", "note"}
    first = run["results"][0]
    assert first["ruleId"] == "EGOV-R1"
    loc = first["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "tests/data/checks/province-gaps.yaml"
    line = loc["physicalLocation"]["region"]["startLine"]
    assert "id: prov.document_mgmt" in GAPS.read_text(encoding="utf-8").splitlines()[line - 1]
    assert [x["fullyQualifiedName"] for x in loc["logicalLocations"]] == [
        "prov.document_mgmt", "prov.reporting_system", "f.doc.rep"]


def test_sarif_of_a_model_without_file_and_without_findings(framework, sarif_schema):
    report = run_checks(eaframe.load(OK), framework_model=framework)
    log = report.to_sarif()
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    assert log["runs"][0]["results"] == []
    assert json.loads(report.to_sarif_json()) == log
    assert json.loads(report.to_json())["findings"] == []
    m = eaframe.ArchitectureModel.build({"title": {"en": "t"}}, views=[{"id": "v"}])
    log = run_checks(m, select=["EGOV-H3"]).to_sarif()
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    assert log["runs"][0]["results"][0]["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "v", "kind": "view"}]


def test_html_repr_escapes_and_summarises(gaps_report):
    html = gaps_report._repr_html_()
    assert '<span class="c-fail">error</span>: 15' in html and "<table>" in html
    dated = [rid for rid, why in gaps_report.not_applicable if why.startswith("not in force")]
    # a header row and a row each: findings, scorecard indicators, rules not in force
    assert html.count("<tr>") == (len(gaps_report.findings) + 1) + (6 + 1) + (len(dated) + 1)
    assert "as of 2020-12-31 (model)" in html and "<td>EGOV-R11</td><td>not in force" in html
    m = eaframe.ArchitectureModel.build({"title": {"en": "<b>x</b>"}}, elements=[{"id": "a", "type": "Goal"}])
    assert "&lt;b&gt;x&lt;/b&gt;" in run_checks(m)._repr_html_()
    assert "… and 23 more findings" in gaps_report.to_html(limit=10)


# ---------------------------------------------------------------------- CLI
def _run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_exit_codes_and_formats(tmp_path, sarif_schema):
    r = _run("check", "--lang", "en", str(OK), "--framework-model", str(FW))
    assert r.exit_code == 0, r.stderr
    assert "findings: 0 errors, 0 warnings, 0 info" in r.stdout
    r = _run("check", "--lang", "en", str(GAPS), "--framework-model", str(FW))
    assert r.exit_code == 1
    assert "ERROR (15)" in r.stdout and "EGOV-H1" in r.stdout  # loaded leniently: H1 reports the bad relationship
    r = _run("check", "--lang", "en", str(GAPS), "--framework-model", str(FW), "--min-severity", "warning", "--skip", "EGOV-R*",
             "--skip", "EGOV-C*", "--skip", "EGOV-H1")
    assert r.exit_code == 0 and "ERROR (" not in r.stdout and "WARNING (4)" in r.stdout
    r = _run("check", "--lang", "en", str(OK), "--framework-model", str(FW), "--as-of", "2026-12-01")
    assert "as of 2026-12-01 (given)" in r.stdout and "NOT IN FORCE (1)" in r.stdout
    assert "EGOV-R5  not in force on 2026-12-01: replaced by EGOV-R11" in r.stdout
    out = tmp_path / "gaps.sarif"
    r = _run("check", "--lang", "en", str(GAPS), "--framework-model", str(FW), "--format", "sarif", "-o", str(out))
    assert r.exit_code == 1 and "wrote" in r.stderr
    jsonschema.Draft4Validator(sarif_schema).validate(json.loads(out.read_text(encoding="utf-8")))
    r = _run("check", "--lang", "en", str(OK), "--framework-model", str(FW), "--format", "json", "--scorecard", "--rule", "EGOV-R4")
    doc = json.loads(r.stdout)
    assert [x["id"] for x in doc["rules"]] == ["EGOV-R4"]
    assert doc["scorecard"]["budget"]["programmes"][0]["total"] == 150126


def test_cli_errors(tmp_path):
    r = _run("check", str(GAPS), "--rule", "EGOV-Z9")
    assert r.exit_code == 2 and "matches no rule" in r.stderr  # a usage error, as in every command
    r = _run("check", "no-such-model.yaml", "--skip", "EGOV-R1X")  # found before the model is read
    assert r.exit_code == 2 and "did you mean 'EGOV-R1'" in r.stderr
    r = _run("check", str(OK))
    assert r.exit_code == 1 and "metadata.realises names 'test-framework'" in r.stderr
    r = _run("check", str(tmp_path / "missing.yaml"))
    assert r.exit_code == 1 and "no such file" in r.stderr
    assert _run("check").exit_code == 2
    assert _run("check", str(OK), "--format", "xml").exit_code == 2


def test_cli_list_rules_and_scorecard_text():
    r = _run("check", "--list-rules")
    assert r.exit_code == 0
    assert [line.split()[0] for line in r.stdout.splitlines()][:3] == ["EGOV-R1", "EGOV-R2", "EGOV-R3"]
    r = _run("check", "--lang", "en", str(OK), "--framework-model", str(FW), "--scorecard")
    assert "Target scorecard" in r.stdout and "dossiers_online_level4_share" in r.stdout and "NOT MET" in r.stdout


def test_demo_step_writes_text_json_and_sarif(tmp_path, framework, sarif_schema):
    from eaframe.cli.check import demo_checks
    from eaframe.cli.demo import DEMO_STEPS

    assert ("check", demo_checks) in DEMO_STEPS
    ok = eaframe.load(OK)
    v1 = ok.model_copy(update={"metadata": ok.metadata.model_copy(update={"framework_version": "1.0"})})
    written = demo_checks({"test-framework": framework, "province-ok": ok, "province-v1": v1}, tmp_path, lang="en")
    names = sorted(Path(p).name for p in written)
    assert names == sorted([f"{n}{s}" for n in ("test-framework", "province-ok", "province-v1",
                                                  "province-v1.against-2.0") for s in (".txt", ".json", ".sarif")]
                           + ["summary.txt"])
    summary = (tmp_path / "checks" / "summary.txt").read_text(encoding="utf-8").splitlines()
    assert summary[1] == "province-ok: 0 errors, 0 warnings, 0 info; targets met 5/6"
    for p in written:
        if p.endswith(".sarif"):
            jsonschema.Draft4Validator(sarif_schema).validate(json.loads(Path(p).read_text(encoding="utf-8")))
    card = json.loads((tmp_path / "checks" / "province-ok.json").read_text(encoding="utf-8"))["scorecard"]
    assert card["indicators"][1]["met"] is False


def test_json_schema_table_in_docs_matches_the_report(gaps_report):
    import re

    text = (Path(__file__).resolve().parent.parent / "docs" / "checks.md").read_text(encoding="utf-8")
    section = text.split("### JSON", 1)[1].split("###", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, re.M)
    assert documented == list(gaps_report.to_dict())
    finding_keys = re.sub(r": \[\{.*$", "", re.search(r"\| `findings` \| `\{([^}]*)", section).group(1))
    assert [k.strip().split(":")[0] for k in finding_keys.split(",")] == list(gaps_report.findings[0].to_dict())
