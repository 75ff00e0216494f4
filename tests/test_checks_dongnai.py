"""The checks on the bundled models: Đồng Nai 2019 shows the gaps the 2019–2020 programme closes."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner

from eaframe.bundled import load_model
from eaframe.checks import Edge, run_checks
from eaframe.cli import main


@pytest.fixture(scope="module")
def dn2019():
    return load_model("dongnai-2019")


@pytest.fixture(scope="module")
def dn2020():
    return load_model("dongnai-2020")


def _pairs(report):
    return [(f.rule, f.elements) for f in report.findings]


R15_LEVEL_1_2 = [("EGOV-R15", (x,)) for x in ("prov.portal", "prov.email", "prov.video_conf", "prov.sector_apps",
                                             "dn.agency_websites")]

#: dongnai-2019 checked against the v2.0 rules: what the programme had to close.
GAPS_2019_V2 = [
    ("EGOV-R2", ("prov.lgsp",)),
    ("EGOV-R3", ("prov.document_mgmt", "ext.national_document_axis")),
    ("EGOV-R4", ("prov.public_service_portal", "prov.one_stop_eis", "ext.national_public_service_portal")),
    ("EGOV-R6", ("prov.public_service_portal",)),
    ("EGOV-R6", ("prov.document_mgmt",)),
    ("EGOV-R6", ("prov.lgsp",)),
    ("EGOV-R7", ("prov.portal",)),
    ("EGOV-R7", ("prov.public_service_portal",)),
    ("EGOV-R7", ("dn.agency_websites",)),
    ("EGOV-R8", ("dn.svc.judicial_record", "prov.public_service_portal")),
    *R15_LEVEL_1_2,
]

#: dongnai-2020 as bundled: every gap of the programme closed. (The planned IOC is at level 3
#: without an approved plan yet, which R6 accepts for a system not yet in operation.) The
#: model records no level dossier for its level-1/2 systems, which Decree 85/2016 also
#: requires (EGOV-R15, a K reading): warnings, in 2019 and 2020 alike.
FINDINGS_2020: list = R15_LEVEL_1_2


def test_dongnai_2019_against_v2_shows_the_gaps(dn2019):
    report = run_checks(dn2019, framework="2.0")
    assert _pairs(report) == GAPS_2019_V2
    by = {(f.rule, f.elements): f for f in report.findings}
    npsp = by["EGOV-R4", GAPS_2019_V2[2][1]]
    assert "National Public Service Portal" in npsp.message
    # The portal and the one-stop EIS reach the LGSP, but a province connects to the NPSP
    # directly: the missing hop is the direct link, not the route through the LGSP and the NGSP.
    assert npsp.missing == (Edge("prov.public_service_portal", "Flow", "ext.national_public_service_portal"),)
    assert by["EGOV-R7", ("prov.portal",)].missing == (Edge("sec.soc", "Serving", "prov.portal"),)


def test_dongnai_2019_in_its_own_framework(dn2019):
    report = run_checks(dn2019)
    assert report.version == "1.0" and report.as_of == date(2019, 10, 31) and report.as_of_from == "model"
    assert sorted(rid for rid, _ in report.not_applicable) == ["EGOV-R10", "EGOV-R11", "EGOV-R12", "EGOV-R13",
                                                               "EGOV-R14", "EGOV-R3", "EGOV-R4", "EGOV-R5",
                                                               "EGOV-R7"]
    assert _pairs(report) == [p for p in GAPS_2019_V2 if p[0] not in ("EGOV-R3", "EGOV-R4", "EGOV-R7")]


def test_dongnai_2020_closes_the_gaps(dn2019, dn2020):
    after = run_checks(dn2020)
    assert after.version == "2.0" and after.as_of == date(2020, 12, 31)
    assert sorted(rid for rid, _ in after.not_applicable) == ["EGOV-R11", "EGOV-R12", "EGOV-R13", "EGOV-R14"]
    assert _pairs(after) == FINDINGS_2020
    before = set(GAPS_2019_V2)
    closed = before - set(_pairs(after))
    assert ("EGOV-R4", GAPS_2019_V2[2][1]) in closed   # National Public Service Portal
    assert {r for r, _ in closed} == {"EGOV-R2", "EGOV-R3", "EGOV-R4", "EGOV-R6", "EGOV-R7", "EGOV-R8"}
    assert not any(f.rule in ("EGOV-R1", "EGOV-R2", "EGOV-R3", "EGOV-R4", "EGOV-R5", "EGOV-R7", "EGOV-R8",
                              "EGOV-R9", "EGOV-R10") for f in after.findings)


def test_dongnai_2020_as_of_2020_and_2026_apply_different_rules(dn2020):
    y2020 = run_checks(dn2020, as_of=date(2020, 12, 31))
    y2026 = run_checks(dn2020, as_of=date(2026, 12, 1))
    ran20, ran26 = {r.id for r in y2020.rules}, {r.id for r in y2026.rules}
    assert ran20 - ran26 == {"EGOV-R5"}
    assert ran26 - ran20 == {"EGOV-R11", "EGOV-R12", "EGOV-R13", "EGOV-R14"}
    assert dict(y2026.not_applicable) == {
        "EGOV-R5": "not in force on 2026-12-01: replaced by EGOV-R11 (Decree 107/2021/NĐ-CP) on 2021-12-06"}
    i20, i26 = {i.name for i in y2020.instruments}, {i.name for i in y2026.instruments}
    assert {"Decree 47/2020/NĐ-CP", "Circular 03/2017/TT-BTTTT", "Decree 61/2018/NĐ-CP", "Decree 43/2011/NĐ-CP",
            "Decision 2323/QĐ-BTTTT"} <= i20 - i26
    assert {"Decree 278/2025/NĐ-CP", "Circular 12/2022/TT-BTTTT", "Decree 118/2025/NĐ-CP", "Decree 69/2024/NĐ-CP",
            "Decision 06/QĐ-TTg (Project 06)", "Decision 292/QĐ-BKHCN"} <= i26 - i20
    # The 2020 architecture has gaps against the 2026 rules: VNeID and the data exchange platform.
    assert {f.rule for f in y2026.findings} == {"EGOV-R12", "EGOV-R14", "EGOV-R15"}
    assert y2026.ok


def test_cli_as_of_on_dongnai_2020():
    runner = CliRunner()
    out = {}
    for day in ("2020-12-31", "2026-12-01"):
        r = runner.invoke(main, ["check", "--lang", "en", "dongnai-2020", "--as-of", day, "--format", "json"])
        assert r.exit_code == 0, r.output
        out[day] = json.loads(r.output)
        assert out[day]["as_of"] == day and out[day]["as_of_from"] == "given"
    assert {r["id"] for r in out["2020-12-31"]["rules"]} != {r["id"] for r in out["2026-12-01"]["rules"]}
    assert {"rule": "EGOV-R5", "reason": "not in force on 2026-12-01: replaced by EGOV-R11 (Decree 107/2021/NĐ-CP) "
            "on 2021-12-06"} in out["2026-12-01"]["not_applicable"]
    r = runner.invoke(main, ["check", "--lang", "en", "dongnai-2020", "--as-of", "2026-12-01"])
    assert "as of 2026-12-01 (given); instruments applied:" in r.output and "NOT IN FORCE (1)" in r.output
    r = runner.invoke(main, ["check", "--lang", "en", "dongnai-2020", "--as-of", "1/12/2026"])
    assert r.exit_code == 2 and "1/12/2026" in r.output


def test_framework_models_pass_their_own_rules():
    for name in ("vn-province-1.0", "vn-province-2.0"):
        report = run_checks(load_model(name))
        assert report.findings == (), name
        assert ("EGOV-R6", "framework model; rule applies to province models") in report.not_applicable


def test_dongnai_scorecard(dn2019, dn2020):
    before = run_checks(dn2019, framework="2.0", select=["EGOV-H3"], scorecard=True).scorecard
    after = run_checks(dn2020, select=["EGOV-H3"], scorecard=True).scorecard
    got = {i.key: ((b.numerator, b.denominator, b.met), (i.numerator, i.denominator, i.met))
           for b, i in zip(before.indicators, after.indicators, strict=True)}
    assert got == {
        "procedures_online_level12_share": ((4, 5, False), (5, 5, True)),
        "dossiers_online_level4_share": ((2000, 56000, False), (19600, 61000, True)),
        "level4_services_central_auth_share": ((1, 2, False), (4, 4, True)),
        "interagency_dossiers_online_share": ((2500, 10000, False), (6200, 11000, True)),
        "level3_systems_with_plan_share": ((1, 4, False), (6, 6, True)),
        "websites_monitored_share": ((0, 3, False), (3, 3, True)),
    }
    targets = {i.key: (i.target.value, i.target.comparison) for i in after.indicators}
    assert targets == {"procedures_online_level12_share": (100, ">="), "dossiers_online_level4_share": (30, ">="),
                       "level4_services_central_auth_share": (100, ">="),
                       "interagency_dossiers_online_share": (50, ">"), "level3_systems_with_plan_share": (100, ">="),
                       "websites_monitored_share": (100, ">=")}
    assert after["websites_monitored_share"].elements == ("prov.portal", "prov.public_service_portal",
                                                          "dn.agency_websites")
    assert before["level3_systems_with_plan_share"].shortfall == ("prov.public_service_portal", "prov.document_mgmt",
                                                                  "prov.lgsp")
    (prog,) = after.budget.programmes
    assert (prog.element, prog.total, prog.investment, prog.operating, prog.unit) == (
        "dn.it_program_2019_2020", Decimal(150126), Decimal(102434), Decimal(47692), "million VND")


def test_cli_on_bundled_models():
    runner = CliRunner()
    r = runner.invoke(main, ["check", "--lang", "en", "dongnai-2019", "--framework", "2.0", "--rule", "EGOV-R4"])
    assert r.exit_code == 1 and "ext.national_public_service_portal" in r.output
    r = runner.invoke(main, ["check", "--lang", "en", "dongnai-2020"])
    assert r.exit_code == 0 and "findings: 0 errors" in r.output, r.output
    r = runner.invoke(main, ["check", "--lang", "en", "vn-province-2.0"])
    assert r.exit_code == 0 and "findings: 0 errors" in r.output
