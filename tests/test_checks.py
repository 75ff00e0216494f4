"""The check rules on hand-written models: each rule triggered and passed, with exact findings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eaframe
from eaframe import ArchitectureModel
from eaframe.checks import REGISTRY, Edge, resolve_rules, run_checks
from eaframe.exceptions import DuplicateRuleError, UnknownModelError, UnknownRuleError

DATA = Path(__file__).parent / "data" / "checks"


@pytest.fixture(scope="module")
def framework():
    return eaframe.load(DATA / "framework.yaml")


@pytest.fixture(scope="module")
def ok():
    return eaframe.load(DATA / "province-ok.yaml")


@pytest.fixture(scope="module")
def gaps():
    return eaframe.load(DATA / "province-gaps.yaml", strict=False)


@pytest.fixture(scope="module")
def ok2026():
    return eaframe.load(DATA / "province-2026-ok.yaml")


@pytest.fixture(scope="module")
def gaps2026():
    return eaframe.load(DATA / "province-2026-gaps.yaml")


Y2020, Y2026 = date(2020, 12, 31), date(2026, 12, 1)
#: Rules in force on 1/12/2026 but not on 31/12/2020, and the one replaced in between.
NEW_2021_2026 = ["EGOV-R11", "EGOV-R12", "EGOV-R13", "EGOV-R14"]

#: Findings of province-2026-gaps.yaml for the rules of 2021–2026 and the direct-route rules R3/R4.
GAPS_2026_EXPECTED = {
    "EGOV-R3": [("EGOV-R3", ("prov.document_mgmt",))],
    "EGOV-R4": [("EGOV-R4", ("prov.public_service_portal", "prov.one_stop_eis"))],
    "EGOV-R11": [("EGOV-R11", ("prov.public_service_portal", "prov.one_stop_eis"))],
    "EGOV-R12": [("EGOV-R12", ("prov.sso",))],
    "EGOV-R13": [("EGOV-R13", ("prov.public_service_portal",))],
    "EGOV-R14": [("EGOV-R14", ("prov.one_stop_eis",)), ("EGOV-R14", ("dn.land_app",))],
    "EGOV-R15": [("EGOV-R15", ("prov.document_mgmt",))],
}


#: Every finding of province-gaps.yaml: (rule, elements or view), in report order.
GAPS_EXPECTED = [
    ("EGOV-R1", ("prov.document_mgmt", "prov.reporting_system")),
    ("EGOV-R2", ("prov.lgsp",)),
    ("EGOV-R2", ("nat.db.land",)),
    ("EGOV-R2", ("dn.land_app", "nat.db.land")),
    ("EGOV-R3", ("prov.document_mgmt",)),
    ("EGOV-R4", ("prov.one_stop_eis",)),
    ("EGOV-R5", ("prov.one_stop_eis",)),
    ("EGOV-R6", ("prov.one_stop_eis",)),
    ("EGOV-R6", ("dn.land_app",)),
    ("EGOV-R7", ("dn.website",)),
    ("EGOV-C1", ("prov.public_service_portal",)),
    ("EGOV-C1", ("prov.document_mgmt",)),
    ("EGOV-C1", ("sec.soc",)),
    ("EGOV-C2", ("dn.land_app",)),
    ("EGOV-H1", ("dn.form", "actor.citizen")),
    ("EGOV-R8", ("svc.birth", "prov.one_stop_eis")),
    ("EGOV-R9", ("prov.one_stop_eis",)),
    ("EGOV-R9", ("prov.document_mgmt",)),
    ("EGOV-R9", ("prov.reporting_system",)),
    ("EGOV-R9", ("dn.land_app",)),
    ("EGOV-R9", ("dn.website",)),
    ("EGOV-R9", ("prov.data_centre",)),
    ("EGOV-R10", ("prov.reporting_system",)),
    ("EGOV-R15", ("prov.document_mgmt",)),
    ("EGOV-R15", ("prov.reporting_system",)),
    ("EGOV-R15", ("dn.website",)),
    ("EGOV-C3", ("prov.lgsp", "ext.ngsp")),
    ("EGOV-H2", ("dn.orphan",)),
    ("EGOV-H3", ("v.empty",)),
    ("EGOV-H4", ("dn.orphan",)),
    ("EGOV-H5", ("dn.orphan",)),
    ("EGOV-H6", ("dn.server",)),
    ("EGOV-H7", ("dn.orphan",)),
]


def _pairs(report):
    return [(f.rule, f.elements or ((f.view,) if f.view else f.relationships)) for f in report.findings]


def test_conforming_model_passes_every_rule(ok, framework):
    report = run_checks(ok, framework_model=framework)
    assert report.as_of == Y2020 and report.as_of_from == "model"
    assert report.findings == ()
    na = dict(report.not_applicable)
    assert sorted(na) == NEW_2021_2026
    assert {r.id for r in report.rules} == set(REGISTRY) - set(na)
    assert na["EGOV-R11"] == "not in force on 2020-12-31: in force from 2021-12-06 (Decree 107/2021/NĐ-CP)"
    assert report.ok


def test_conforming_2026_model_passes_every_rule_in_force(ok2026):
    report = run_checks(ok2026)
    assert report.as_of == Y2026 and report.findings == ()
    na = dict(report.not_applicable)
    assert na["EGOV-R5"] == ("not in force on 2026-12-01: replaced by EGOV-R11 (Decree 107/2021/NĐ-CP) on "
                             "2021-12-06")
    assert set(na) == {"EGOV-R5", "EGOV-C1", "EGOV-C2", "EGOV-C3"}   # no metadata.realises
    assert {r.id for r in report.rules} >= set(NEW_2021_2026) | {"EGOV-R15"}


def test_gaps_model_exact_findings(gaps, framework):
    report = run_checks(gaps, framework_model=framework)
    assert _pairs(report) == GAPS_EXPECTED
    assert report.counts() == {"error": 15, "warning": 16, "info": 2}
    assert not report.ok


@pytest.mark.parametrize("rule_id", sorted(set(REGISTRY) - {"EGOV-E1"}))  # E1 (empty model): tests/test_new.py
def test_every_rule_triggered_and_passed(rule_id, ok, gaps, ok2026, gaps2026, framework):
    if REGISTRY[rule_id].in_force(Y2020):
        hit = run_checks(gaps, select=[rule_id], framework_model=framework)
        assert [p for p in _pairs(hit)] == [p for p in GAPS_EXPECTED if p[0] == rule_id]
        assert run_checks(ok, select=[rule_id], framework_model=framework).findings == ()
    else:
        hit = run_checks(gaps2026, select=[rule_id])
        assert _pairs(hit) == GAPS_2026_EXPECTED[rule_id]
    assert hit.findings, f"{rule_id} is not triggered by its gaps model"
    assert all(f.severity == REGISTRY[rule_id].severity for f in hit.findings)
    if REGISTRY[rule_id].in_force(Y2026) and rule_id in GAPS_2026_EXPECTED:
        assert _pairs(run_checks(gaps2026, select=[rule_id])) == GAPS_2026_EXPECTED[rule_id]
        assert run_checks(ok2026, select=[rule_id]).findings == ()


# ---------------------------------------------------------------------- legal basis and periods
def test_every_rule_carries_its_legal_basis_as_data():
    for r in REGISTRY.values():
        assert r.legal, r.id
        for b in r.legal:
            assert b.confidence in ("V", "V2", "K", "I") and b.instrument.confidence in ("V", "V2", "K", "I")
            assert b.instrument.name and b.instrument.kind
    periods = {rid: (REGISTRY[rid].since, REGISTRY[rid].until, REGISTRY[rid].replaced_by)
               for rid in ("EGOV-R5", "EGOV-R11", "EGOV-R12", "EGOV-R13", "EGOV-R14", "EGOV-R6", "EGOV-H1")}
    assert periods == {
        "EGOV-R5": (date(2018, 4, 23), date(2021, 12, 6), "EGOV-R11 (Decree 107/2021/NĐ-CP)"),
        "EGOV-R11": (date(2021, 12, 6), None, None),
        "EGOV-R12": (date(2024, 7, 1), None, None),
        "EGOV-R13": (date(2022, 1, 6), None, None),
        "EGOV-R14": (date(2025, 10, 22), None, None),
        "EGOV-R6": (date(2016, 7, 1), None, None),
        "EGOV-H1": (None, None, None),          # a standard, not law: every date
    }
    # Honest tags: the 2021–2026 instruments rest on weak sources; "every level" is a reading (K).
    assert {b.instrument.name: b.confidence for b in REGISTRY["EGOV-R15"].legal}["Decree 85/2016/NĐ-CP"] == "K"
    assert REGISTRY["EGOV-R14"].legal[0].instrument.confidence == "V2"
    assert REGISTRY["EGOV-R14"].legal[0].article == "Art. 8, 24"
    # Circular 12/2022 replaced Circular 03/2017 on 1/10/2022: R6 applies the one in force.
    r6 = REGISTRY["EGOV-R6"]
    assert [b.instrument.name for b in r6.bases_on(Y2020)] == [
        "Decree 85/2016/NĐ-CP", "Circular 03/2017/TT-BTTTT", "Đồng Nai draft plan 2019–2020"]
    assert [b.instrument.name for b in r6.bases_on(Y2026)] == ["Decree 85/2016/NĐ-CP", "Circular 12/2022/TT-BTTTT"]
    # Decree 278/2025 replaced Decree 47/2020 (data sharing) on 22/10/2025.
    r2 = [b.instrument.name for b in REGISTRY["EGOV-R2"].bases_on(Y2026)]
    assert "Decree 278/2025/NĐ-CP" in r2 and "Decree 47/2020/NĐ-CP" not in r2


def test_r5_does_not_flag_a_merged_procedures_system_after_2021():
    two = _model([_app("prov.public_service_portal"), _app("prov.one_stop_eis")])
    pair = ("prov.public_service_portal", "prov.one_stop_eis")
    # Before Decree 107/2021, R5 wants the two systems of Decree 61/2018 linked; R11 is not in force yet.
    assert _rules(two, "EGOV-R5", "EGOV-R11", as_of=Y2020) == [("EGOV-R5", pair)]
    # After it, R11 takes over: two unlinked systems are flagged, R5 is not in force.
    report = run_checks(two, select=["EGOV-R5", "EGOV-R11"], as_of=Y2026)
    assert _pairs(report) == [("EGOV-R11", pair)]
    assert [rid for rid, _ in report.not_applicable] == ["EGOV-R5"]
    # A province that merged portal and one-stop into one system passes R4, R11 and (not in force) R5.
    merged = _model([_app("prov.procedures_system"), _app("ext.national_public_service_portal", scope="national")],
                    [_flow("prov.procedures_system", "ext.national_public_service_portal")])
    report = run_checks(merged, select=["EGOV-R4", "EGOV-R5", "EGOV-R11"], as_of=Y2026)
    assert report.findings == () and [rid for rid, _ in report.not_applicable] == ["EGOV-R5"]
    # Two systems, linked: R11 passes too.
    linked = _model(two.elements, [_flow("prov.public_service_portal", "prov.one_stop_eis")])
    assert _rules(linked, "EGOV-R11", as_of=Y2026) == []


def test_fix_hints_for_national_systems_connected_directly(gaps2026):
    by = {f.rule: f for f in run_checks(gaps2026, select=["EGOV-R3", "EGOV-R4"]).findings}
    # The document system and the portal already reach the LGSP and the LGSP the NGSP, but the
    # province connects to the national document axis and the NPSP directly: no platform route.
    assert by["EGOV-R3"].missing == (Edge("prov.document_mgmt", "Flow", "ext.national_document_axis"),)
    assert by["EGOV-R4"].missing == (Edge("prov.public_service_portal", "Flow", "ext.national_public_service_portal"),)
    for f in by.values():
        assert "ext.ngsp" not in f.fix and "directly" in f.fix


def test_as_of_argument_beats_the_model_date(ok):
    assert run_checks(ok, select=["EGOV-R11"], as_of=Y2026).not_applicable == ()
    with pytest.raises(TypeError, match="datetime.date"):
        run_checks(ok, as_of="2026-12-01")


def test_missing_hops_name_the_edge_to_add(gaps, framework):
    by = {(f.rule, f.elements): f for f in run_checks(gaps, framework_model=framework).findings}
    assert by["EGOV-R1", ("prov.document_mgmt", "prov.reporting_system")].missing == (
        Edge("prov.document_mgmt", "Flow", "prov.lgsp"), Edge("prov.lgsp", "Flow", "prov.reporting_system"))
    assert by["EGOV-R1", ("prov.document_mgmt", "prov.reporting_system")].relationships == ("f.doc.rep",)
    # The one-stop EIS already reaches the LGSP: the missing hops are those of the platform path.
    # The NPSP is connected to directly: the missing hop is the direct link, not the platform path.
    assert by["EGOV-R4", ("prov.one_stop_eis",)].missing == (
        Edge("prov.one_stop_eis", "Flow", "ext.national_public_service_portal"),)
    # The document system does not: the prescribed direct link is missing.
    assert by["EGOV-R3", ("prov.document_mgmt",)].missing == (
        Edge("prov.document_mgmt", "Flow", "ext.national_document_axis"),)
    assert by["EGOV-R2", ("dn.land_app", "nat.db.land")].missing == (
        Edge("prov.lgsp", "Flow", "ext.ngsp"), Edge("ext.ngsp", "Access", "nat.db.land"))
    assert by["EGOV-R8", ("svc.birth", "prov.one_stop_eis")].missing == (
        Edge("prov.sso", "Serving", "prov.one_stop_eis"),)
    assert by["EGOV-C2", ("dn.land_app",)].fix == "did you mean implements: prov.sector_apps?"
    assert "set implements: prov.document_mgmt" in by["EGOV-C1", ("prov.document_mgmt",)].fix
    assert "connect prov.lgsp to prov.data_centre" not in by["EGOV-R9", ("prov.data_centre",)].fix


# ---------------------------------------------------------------------- paths through the platform
def _model(elements, relationships=(), version="2.0", **md):
    return ArchitectureModel.build({"title": {"en": "t"}, "framework_version": version, **md},
                                   elements=elements, relationships=relationships)


def _app(i, **kw):
    return {"id": i, "type": "ApplicationComponent", "scope": kw.pop("scope", "provincial"), **kw}


def _flow(a, b):
    return {"id": f"f.{a}.{b}", "type": "Flow", "source": a, "target": b}


def _rules(model, *ids, **kw):
    return [(f.rule, f.elements) for f in run_checks(model, select=list(ids), **kw).findings]


def test_path_through_lgsp_and_ngsp_counts_for_national_links():
    els = [_app("prov.document_mgmt"), _app("prov.lgsp"), _app("ext.ngsp", scope="national"),
           _app("ext.national_document_axis", scope="national")]
    rels = [_flow("prov.document_mgmt", "prov.lgsp"), _flow("prov.lgsp", "ext.ngsp"),
            _flow("ext.national_document_axis", "ext.ngsp")]
    assert _rules(_model(els, rels), "EGOV-R3") == []
    assert _rules(_model(els, rels[:2]), "EGOV-R3") == [("EGOV-R3", ("prov.document_mgmt", "ext.national_document_axis"))]


def test_blocks_found_by_implements():
    els = [_app("dn.egov_docs", implements="prov.document_mgmt"), _app("dn.axis", scope="national",
                                                                         implements="ext.national_document_axis")]
    assert _rules(_model(els, [_flow("dn.axis", "dn.egov_docs")]), "EGOV-R3") == []
    assert _rules(_model(els), "EGOV-R3") == [("EGOV-R3", ("dn.egov_docs", "dn.axis"))]


def test_r1_exempts_portal_one_stop_and_ignores_national_partners():
    els = [_app("prov.public_service_portal"), _app("prov.one_stop_eis"), _app("ext.x", scope="national"),
           _app("a"), _app("b", status="retired")]
    rels = [_flow("prov.public_service_portal", "prov.one_stop_eis"), _flow("a", "ext.x"), _flow("a", "b")]
    assert _rules(_model(els, rels), "EGOV-R1") == []
    rels.append(_flow("prov.one_stop_eis", "a"))
    assert _rules(_model(els, rels), "EGOV-R1") == [("EGOV-R1", ("prov.one_stop_eis", "a"))]


def test_r5_through_lgsp_and_r4_either_portal():
    els = [_app("prov.public_service_portal"), _app("prov.one_stop_eis"), _app("prov.lgsp"),
           _app("ext.national_public_service_portal", scope="national")]
    rels = [_flow("prov.public_service_portal", "prov.lgsp"), _flow("prov.lgsp", "prov.one_stop_eis"),
            _flow("prov.one_stop_eis", "ext.national_public_service_portal")]
    assert _rules(_model(els, rels), "EGOV-R4", "EGOV-R5", as_of=Y2020) == []
    assert _rules(_model(els, rels[1:]), "EGOV-R5", as_of=Y2020) == [("EGOV-R5", ("prov.public_service_portal", "prov.one_stop_eis"))]
    assert _rules(_model(els[1:3]), "EGOV-R4", "EGOV-R5", as_of=Y2020) == [("EGOV-R4", ("prov.one_stop_eis",)),
                                                             ("EGOV-R5", ("prov.one_stop_eis",))]


def test_r7_component_part_and_national_monitoring():
    els = [_app("sec.soc", security_level=1), _app("prov.portal", security_level=1),
           {"id": "web", "type": "ApplicationInterface", "scope": "provincial", "public_facing": True},
           _app("sec.national_monitoring", scope="national")]
    rels = [{"id": "s", "type": "Serving", "source": "sec.soc", "target": "prov.portal"},
            {"id": "c", "type": "Composition", "source": "prov.portal", "target": "web"},
            _flow("sec.soc", "sec.national_monitoring")]
    assert _rules(_model(els, rels), "EGOV-R7") == []
    assert _rules(_model(els, rels[1:]), "EGOV-R7") == [("EGOV-R7", ("web",))]
    assert _rules(_model(els, rels[:2]), "EGOV-R7") == [("EGOV-R7", ("sec.soc",))]


def test_r8_direct_and_through_component_and_full_mode():
    els = [{"id": "prov.sso", "type": "ApplicationService", "scope": "provincial"}, _app("p"),
           {"id": "s4", "type": "BusinessService", "service_level": 4},
           {"id": "full", "type": "BusinessService", "service_mode": "full"},
           {"id": "s3", "type": "BusinessService", "service_level": 3}]
    rels = [{"id": "a", "type": "Serving", "source": "prov.sso", "target": "s4"},
            {"id": "b", "type": "Serving", "source": "prov.sso", "target": "p"},
            {"id": "c", "type": "Realization", "source": "p", "target": "full"}]
    assert _rules(_model(els, rels), "EGOV-R8") == []
    assert _rules(_model(els, rels[:2]), "EGOV-R8") == [("EGOV-R8", ("full",))]


def test_r9_node_inside_data_centre_or_cloud():
    els = [{"id": "prov.data_centre", "type": "Node", "scope": "provincial"},
           {"id": "rack", "type": "Node", "scope": "provincial"},
           {"id": "prov.cloud", "type": "Node", "scope": "provincial"},
           {"id": "net.tslcd", "type": "CommunicationNetwork", "scope": "national"},
           _app("x", security_level=1), _app("y", security_level=1)]
    rels = [{"id": "c", "type": "Composition", "source": "prov.data_centre", "target": "rack"},
            {"id": "s", "type": "Serving", "source": "rack", "target": "x"},
            {"id": "s2", "type": "Serving", "source": "prov.cloud", "target": "y"},
            {"id": "o", "type": "Association", "source": "net.tslcd", "target": "prov.data_centre"}]
    assert _rules(_model(els, rels), "EGOV-R9") == []
    assert _rules(_model(els, rels[1:]), "EGOV-R9") == [("EGOV-R9", ("x",))]
    assert _rules(_model(els, rels[:3]), "EGOV-R9") == [("EGOV-R9", ("prov.data_centre",))]


def test_r2_provincial_access_through_the_platform_passes():
    els = [_app("a"), _app("prov.lgsp"), _app("ext.ngsp", scope="national"),
           {"id": "nat.db.population", "type": "DataObject", "scope": "national"}]
    rels = [_flow("a", "prov.lgsp"), _flow("prov.lgsp", "ext.ngsp"),
            {"id": "x1", "type": "Access", "source": "ext.ngsp", "target": "nat.db.population"},
            {"id": "x2", "type": "Access", "source": "a", "target": "nat.db.population"}]
    assert _rules(_model(els, rels), "EGOV-R2") == []
    assert _rules(_model(els, [r for r in rels if r["id"] != "f.a.prov.lgsp"]), "EGOV-R2") == [
        ("EGOV-R2", ("a", "nat.db.population"))]


def test_r6_levels():
    els = [_app("a", security_level=2), _app("b", security_level=4, protection_plan_approved=True),
           _app("c", security_level=3, protection_plan_approved=False), _app("d"), _app("n", scope="national"),
           _app("p", security_level=3, status="planned"), _app("q", status="planned")]
    # a planned system needs its level, but its plan is approved only before it operates
    assert _rules(_model(els), "EGOV-R6") == [("EGOV-R6", ("c",)), ("EGOV-R6", ("d",)), ("EGOV-R6", ("q",))]


# ---------------------------------------------------------------------- selection and applicability
def test_framework_version_and_model_kind_decide_applicability(ok, framework):
    v1 = ok.model_copy(update={"metadata": ok.metadata.model_copy(update={"framework_version": "1.0"})})
    report = run_checks(v1, framework_model=framework)
    assert sorted(rid for rid, _ in report.not_applicable) == ["EGOV-R10", "EGOV-R11", "EGOV-R12", "EGOV-R13",
                                                               "EGOV-R14", "EGOV-R3", "EGOV-R4", "EGOV-R5", "EGOV-R7"]
    assert "rule applies to 2.0" in dict(report.not_applicable)["EGOV-R3"]
    # --framework 2.0 checks a v1.0-era model against the v2.0 rules (those in force on its date).
    assert sorted(dict(run_checks(v1, framework_model=framework, framework="2.0").not_applicable)) == NEW_2021_2026
    fw_report = run_checks(framework, as_of=Y2020)
    na = dict(fw_report.not_applicable)
    assert set(na) == {"EGOV-R6", "EGOV-R7", "EGOV-R8", "EGOV-R9", "EGOV-R15", "EGOV-H6", "EGOV-C1", "EGOV-C2",
                       "EGOV-C3", *NEW_2021_2026}
    assert na["EGOV-R6"] == "framework model; rule applies to province models"


def test_realises_loads_the_bundled_framework_or_fails_clearly(ok):
    with pytest.raises(UnknownModelError, match="test-framework"):
        run_checks(ok)
    # Without conformance rules the framework model is not needed.
    assert run_checks(ok, skip=["EGOV-C*"]).findings == ()


def test_select_skip_and_min_severity(gaps, framework):
    assert [r.id for r in resolve_rules(["EGOV-H1", "egov-h2"])] == ["EGOV-H1", "EGOV-H2"]
    assert [r.id for r in resolve_rules(["EGOV-R*"], ["EGOV-R1*"])] == [f"EGOV-R{i}" for i in range(2, 10)]
    report = run_checks(gaps, min_severity="error", framework_model=framework)
    assert {f.severity for f in report.findings} == {"error"}
    assert all(r.severity == "error" for r in report.rules)
    with pytest.raises(UnknownRuleError, match="did you mean 'EGOV-H7'"):
        run_checks(gaps, select=["EGOV-H77"])
    with pytest.raises(ValueError, match="unknown severity"):
        run_checks(gaps, min_severity="fatal")


def test_duplicate_rule_id_is_refused():
    from eaframe.checks import rule

    with pytest.raises(DuplicateRuleError, match="EGOV-H3"):
        rule("EGOV-H3", "x", "info", "hygiene", "r", "b")(lambda ix, found: [])
    assert REGISTRY["EGOV-H3"].check.__name__ == "h3_empty_views"


def test_checks_do_not_mutate_the_model(gaps, framework):
    before = gaps.model_dump(mode="json")
    run_checks(gaps, framework_model=framework, scorecard=True)
    assert gaps.model_dump(mode="json") == before


@settings(max_examples=15, deadline=None)
@given(n=st.integers(2, 120), seed=st.integers(0, 10_000))
def test_findings_reference_concepts_of_the_model(n, seed):
    m = eaframe.synthetic_model(n, seed=seed)
    ids = {e.id for e in m.elements}
    rel_ids = {r.id for r in m.relationships}
    report = run_checks(m, scorecard=True)
    for f in report.findings:
        assert set(f.elements) <= ids and set(f.relationships) <= rel_ids
        assert f.severity == REGISTRY[f.rule].severity and f.message and f.fix
    # Hygiene counts can be recomputed independently.
    assert sum(f.rule == "EGOV-H5" for f in report.findings) == sum(
        1 for c in (*m.elements, *m.relationships) if not c.sources)
    touched = {r.source for r in m.relationships} | {r.target for r in m.relationships}
    assert sorted(f.elements[0] for f in report.findings if f.rule == "EGOV-H2") == sorted(ids - touched)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_r1_and_r6_match_an_independent_computation(data):
    n = data.draw(st.integers(3, 12))
    roles = data.draw(st.lists(st.sampled_from(["app", "lgsp", "portal", "one_stop", "national", "retired"]),
                               min_size=n, max_size=n))
    levels = data.draw(st.lists(st.sampled_from([None, 1, 2, 3, 4]), min_size=n, max_size=n))
    plans = data.draw(st.lists(st.sampled_from([None, True, False]), min_size=n, max_size=n))
    block = {"lgsp": "prov.lgsp", "portal": "prov.public_service_portal", "one_stop": "prov.one_stop_eis"}
    els = []
    for i, role in enumerate(roles):
        e = {"id": f"a{i}", "type": "ApplicationComponent",
             "scope": "national" if role == "national" else "provincial"}
        if role in block:
            e["implements"] = block[role]
        if role == "retired":
            e["status"] = "retired"
        if levels[i] is not None:
            e["security_level"] = levels[i]
        if plans[i] is not None:
            e["protection_plan_approved"] = plans[i]
        els.append(e)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
                               max_size=15))
    rels = [{"id": f"f{k}", "type": "Flow", "source": f"a{s}", "target": f"a{t}"} for k, (s, t) in enumerate(pairs)]
    m = _model(els, rels)

    def provincial(i):
        return roles[i] not in ("national", "retired")

    expected_r1 = [("EGOV-R1", (f"a{s}", f"a{t}")) for s, t in pairs
                   if provincial(s) and provincial(t) and "lgsp" not in (roles[s], roles[t])
                   and {roles[s], roles[t]} != {"portal", "one_stop"}]
    assert _rules(m, "EGOV-R1") == expected_r1
    expected_r6 = [("EGOV-R6", (f"a{i}",)) for i in range(n) if provincial(i)
                   and (levels[i] is None or (levels[i] >= 3 and plans[i] is not True))]
    assert _rules(m, "EGOV-R6") == expected_r6
