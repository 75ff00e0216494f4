"""The bundled frameworks v3.0 and v4.0 (issue 13 §3): provincial views of Decisions
2568/QĐ-BTTTT (as amended by 1729/QĐ-BTTTT) and 292/QĐ-BKHCN, with honest confidence."""

from __future__ import annotations

from datetime import date

import pytest

import eaframe
from eaframe.cli import main as cli_main
from eaframe.modelfile import dumps
from eaframe.render.dot import to_dot
from eaframe.render.views import layered
from tests.exchange_support import assert_valid_archimate

V2, V3, V4 = "vn-province-2.0", "vn-province-3.0", "vn-province-4.0"


@pytest.fixture(scope="module")
def models():
    return {n: eaframe.load(n) for n in (V2, V3, V4)}


@pytest.mark.parametrize("name,version,number,day,issuer", [
    (V3, "3.0", "2568/QĐ-BTTTT", date(2023, 12, 29), "Bộ Thông tin và Truyền thông"),
    (V4, "4.0", "292/QĐ-BKHCN", date(2025, 3, 25), "Bộ Khoa học và Công nghệ"),
])
def test_metadata_names_the_instrument_and_is_a_provincial_view(models, name, version, number, day, issuer):
    md = models[name].metadata
    assert md.framework_version == version
    assert (md.instrument.kind.value, md.instrument.number, md.instrument.date) == ("decision", number, day)
    assert md.instrument.issuer.get("vi") == issuer
    assert md.title.get("en").endswith("— provincial view")
    assert "Chính quyền điện tử cấp tỉnh" not in md.title.get("vi")
    doc = md.documentation.get("en")
    assert "Most of the model is K" in doc and "not read" in doc
    if name == V3:
        assert md.properties["amended_by"] == "Decision 1729/QĐ-BTTTT of 2024-10-09"
        assert md.title.get("vi").startswith("Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 3.0, hướng tới")
    else:
        assert md.title.get("vi").startswith("Khung kiến trúc Chính phủ số Việt Nam, phiên bản 4.0")
        assert "3090/QĐ-BKHCN" in doc


@pytest.mark.parametrize("name", [V3, V4])
def test_loads_strict_and_round_trips(name):
    m = eaframe.load(name)
    assert eaframe.loads(dumps(m)) == m


@pytest.mark.parametrize("name", [V3, V4])
def test_no_continued_block_is_presented_as_the_text_of_the_decision(models, name):
    """A block carried over from v2.0 is at most K unless a source about the later version backs it."""
    old, m = models[V2], models[name]
    later_sources = {"S9", "S10", "S11", "S34", "S35", "S36", "S37", "S38", "S39", "S40", "S41", "S42", "S43"}
    for c in m.concepts():
        if c.id in old and c.confidence.value in ("V", "V2"):
            assert set(c.sources) & later_sources, f"{c.id}: {c.confidence.value} on v2.0 sources only"
    counts = {k: sum(1 for c in m.concepts() if c.confidence.value == k) for k in ("V", "V2", "K", "I")}
    assert counts["V"] + counts["V2"] < (counts["K"] + counts["I"]) / 10


def test_v3_adds_what_the_reports_list(models):
    m3 = models[V3]
    assert m3.element("ext.national_identity").name.vi == "Nền tảng định danh và xác thực điện tử"
    assert m3.element("ext.national_identity").confidence.value == "V"
    assert m3.element("ext.national_data_centre").type == "Node"
    assert {"nat.db.people", "nat.db.national_synthesis", "ext.ndop"} <= {e.id for e in m3.elements}
    assert m3.element("ext.ndop").confidence.value == "V2"
    srm = m3.element("rm.srm")
    assert srm.name.vi == "Mô hình tham chiếu an toàn thông tin mạng, an ninh mạng" and srm.confidence.value == "V"
    assert m3.element("ext.ngsp").name.vi.endswith("(NDXP)") and m3.element("ext.ngsp").confidence.value == "K"
    proc = m3.element("prov.procedures_system")
    assert proc.replaces == ("prov.public_service_portal", "prov.one_stop_eis")
    assert proc.confidence.value == "V2" and proc.mandatory is True
    assert "prov.public_service_portal" not in m3 and "prov.one_stop_eis" not in m3
    assert m3.element("ext.national_reporting_system").status is None  # live since 8/2020


def test_v4_reads_v4_with_the_2025_instruments(models):
    m4 = models[V4]
    assert "VNeID" in m4.element("ext.national_identity").name.vi
    assert m4.element("org.dost").replaces == ("org.dic",) and "org.dic" not in m4
    assert m4.element("org.commune").replaces == ("org.district_commune",)
    assert m4.element("prov.lgsp").owner == "org.dost"
    layers = [e for e in m4.elements if e.properties.get("kind") == "national_layer"]
    assert [g.name.vi for g in layers] == [
        "Lớp hạ tầng số và an ninh mạng dùng chung", "Lớp dữ liệu và nền tảng cốt lõi",
        "Lớp ứng dụng và nghiệp vụ dùng chung", "Lớp kênh tương tác và đo lường hiệu quả"]
    assert all(g.confidence.value == "V2" and "S37" in g.sources for g in layers)
    members = [r for r in m4.relationships if r.source.startswith("nda.")]
    assert members and all(r.confidence.value == "I" for r in members)
    assert m4.view("view.national_layers") is not None
    flow = m4.get("prov.lgsp--flow--ext.ndop")
    assert flow is not None and flow.confidence.value == "V2" and "S39" in flow.sources


def test_sources_of_the_later_instruments_are_recorded(models):
    src = models[V4].metadata.sources
    assert "292/QĐ-BKHCN" in src["S11"].title
    assert "3090/QĐ-BKHCN" in src["S37"].title and src["S37"].url.startswith("https://hethongphapluat.com/")
    assert src["S38"].confidence.value == "V2"
    assert "2568/QĐ-BTTTT" in models[V3].metadata.sources["S34"].title


@pytest.mark.parametrize("name", [V3, V4])
def test_exports_xsd_valid_exchange_xml(models, name, shared):
    assert_valid_archimate(models[name], shared)


@pytest.mark.parametrize("name", [V3, V4])
def test_renders_to_dot(models, name):
    dot = to_dot(layered(models[name]), lang="en")
    assert dot.startswith("digraph") or "digraph" in dot[:200]
    assert "National Data Centre" in dot


def test_diff_2_to_3_reports_renames_and_replacements(models):
    d = eaframe.diff(models[V2], models[V3])
    by_id = {c.id: c for c in d.elements}
    assert by_id["ext.national_identity"].status == "A"
    # the merged procedures system replaces the portal and the one-stop system: no plain remove + add pair
    statuses = {c.id: c.status for c in d.elements}
    assert statuses.get("prov.procedures_system") in ("A", "R") or any(
        getattr(c, "new_id", None) == "prov.procedures_system" for c in d.elements)
    text = d.to_text()
    assert "prov.public_service_portal → prov.procedures_system" in text
    assert "replaced by prov.procedures_system" in text
    # continued blocks keep their ids: renamed labels are modifications of the same id
    assert statuses["ext.ngsp"] == "M" and statuses["rm.srm"] == "M" and statuses["rm.trm"] == "M"


def test_diff_3_to_4_reports_the_2025_changes(models):
    d = eaframe.diff(models[V3], models[V4])
    text = d.to_text()
    statuses = {c.id: c.status for c in d.elements}
    assert statuses["nat.db.national_synthesis"] == "M"
    assert statuses["nda.data_platforms"] == "A"
    assert "replaced by org.dost" in text or "org.dic → org.dost" in text
    assert "replaced by org.commune" in text or "org.district_commune → org.commune" in text


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_check_runs_with_the_new_framework_versions(version, capsys):
    with pytest.raises(SystemExit) as exc:
        cli_main(["check", "dongnai-2020", "--framework", version, "--lang", "en"])
    out = capsys.readouterr().out
    assert exc.value.code in (0, 1)
    assert f"framework {version}" in out
