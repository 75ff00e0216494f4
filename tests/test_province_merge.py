"""Two-way province merge (eaframe.merge.merge_provinces, `eaframe merge A B` without --base):
the bundled Đồng Nai + Bình Phước pair, decisions files, prefixing and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import eaframe
from eaframe.bundled import _models_dir
from eaframe.cli import main
from eaframe.merge import Decisions, ProvinceMergeError, load_decisions, merge_provinces

DECISIONS = _models_dir() / "_dongnai-binhphuoc-decisions.yaml"

#: The duplicate pairs of dongnai-2020 (A) and binhphuoc-2020 (B): A id -> B id.
EXPECTED_PAIRS = {
    "org.ppc": "org.ppc", "org.dic": "org.dic", "org.departments": "org.departments",
    "org.district_commune": "org.district_commune", "org.steering": "org.steering",
    "ch.one_stop_counter": "ch.one_stop_counter", "prov.portal": "prov.portal",
    "prov.public_service_portal": "prov.public_service_portal", "prov.one_stop_eis": "prov.one_stop_eis",
    "prov.document_mgmt": "prov.document_mgmt", "prov.email": "prov.email",
    "prov.reporting_system": "prov.reporting_system", "prov.video_conf": "prov.video_conf",
    "prov.sector_apps": "prov.sector_apps", "prov.lgsp": "bp.lgsp", "prov.sso": "prov.sso",
    "prov.catalogues": "prov.catalogues", "prov.payment_connector": "prov.payment_connector",
    "prov.shared_db": "prov.shared_db", "prov.sector_db": "prov.sector_db", "prov.data_centre": "bp.data_centre",
    "prov.cloud": "prov.cloud", "net.lan": "net.lan", "sec.soc": "sec.soc",
}


@pytest.fixture(scope="module")
def pair():
    return eaframe.load("dongnai-2020"), eaframe.load("binhphuoc-2020")


@pytest.fixture(scope="module")
def decided(pair):
    return merge_provinces(*pair, load_decisions(str(DECISIONS)))


def test_duplicate_pairs_of_the_bundled_provinces(pair):
    r = merge_provinces(*pair)
    assert {p.a: p.b for p in r.pairs} == EXPECTED_PAIRS
    assert all(p.decision is None for p in r.pairs) and len(r.pending) == 24
    lgsp = next(p for p in r.pairs if p.a == "prov.lgsp")
    assert (lgsp.implements, lgsp.merged_b, lgsp.type) == ("prov.lgsp", "bp.lgsp", "ApplicationComponent")
    # national systems, components and actors are one concept; B's own colliding ids are prefixed
    assert {"ext.ngsp", "nat.db.population", "grp.data_apps", "actor.citizen"} <= set(r.shared)
    assert r.prefix == "binhphuoc" and r.renamed["org.ppc"] == "binhphuoc.org.ppc"
    # without decisions nothing is consolidated: both blocks of every pair are there
    ids = {e.id for e in r.model.elements}
    assert {"prov.lgsp", "bp.lgsp", "sec.soc", "binhphuoc.sec.soc"} <= ids
    assert len(r.model.elements) == len(r.union.elements) == 78 + 56 - len(r.shared)


def test_bundled_decisions_file_repoints_relationships_and_retires(pair, decided):
    a, b = pair
    m = decided.model
    ids = {e.id for e in m.elements}
    assert not decided.pending
    # keep-a: B's block is gone and what pointed at it points at A's
    assert "bp.lgsp" not in ids and "binhphuoc.prov.portal" not in ids and "binhphuoc.sec.soc" not in ids
    ends = {x for r in m.relationships for x in (r.source, r.target)}
    assert "bp.lgsp" not in ends and "binhphuoc.sec.soc" not in ends
    b_flows = {(r.source, r.target) for r in b.relationships if r.type == "Flow" and "bp.lgsp" in (r.source, r.target)}
    assert b_flows, "binhphuoc-2020 has flows through its LGSP"
    flows = {(r.source, r.target) for r in m.relationships if r.type == "Flow"}
    for src, tgt in b_flows:
        other = tgt if src == "bp.lgsp" else src
        mapped = "prov.lgsp" if other in ("bp.lgsp",) else decided.renamed.get(other, other)
        mapped = {"binhphuoc.prov.shared_db": mapped, "binhphuoc.prov.sector_db": mapped}.get(mapped, mapped)
        if mapped.startswith("binhphuoc.") and mapped not in ids:
            mapped = mapped[len("binhphuoc."):]  # that block was consolidated too (keep-a / merge)
        edge = ("prov.lgsp", mapped) if src == "bp.lgsp" else (mapped, "prov.lgsp")
        assert edge in flows, edge
    # the same relationship after re-pointing is kept once
    assert sum(1 for r in m.relationships if (r.type, r.source, r.target) == ("Flow", "prov.lgsp", "ext.ngsp")) == 1
    # merge: one block with the sources of both
    dc = m.element("prov.data_centre")
    assert "bp.data_centre" not in ids and set(b.element("bp.data_centre").sources) <= set(dc.sources)
    # migrate: B's block stays, retired, pointing at A's
    db = m.element("binhphuoc.prov.shared_db")
    assert db.status.value == "retired" and db.properties["merge.migrate_to"] == "prov.shared_db"
    # retire: both stay, retired
    assert m.element("prov.one_stop_eis").status.value == "retired"
    assert m.element("binhphuoc.prov.one_stop_eis").status.value == "retired"
    # views follow: no view names a removed block
    for v in m.views:
        assert "bp.lgsp" not in v.elements
    assert m.metadata.province.vi == "Đồng Nai" and str(m.metadata.as_of) == "2025-07-01"
    # provenance of both sides: B's cited sources are in the merged table
    assert "S43" in m.metadata.sources


def test_bundled_dongnai_2025_is_the_merge(decided):
    assert eaframe.dumps(decided.model) == (_models_dir() / "dongnai-2025.yaml").read_text(encoding="utf-8")


def test_decisions_template_round_trips_and_a_second_run_repeats_the_merge(pair, decided):
    text = decided.decisions_text()
    again = merge_provinces(*pair, Decisions.from_data(yaml.safe_load(text)))
    assert again.model == decided.model and again.pairs == decided.pairs
    template = merge_provinces(*pair).decisions_text()
    data = yaml.safe_load(template)
    assert all(p["decision"] is None for p in data["pairs"]) and "keep-a" in template and "retire" in template


def test_plan_is_a_migration_model(decided):
    plan = decided.plan()
    types = {e.type for e in plan.elements}
    assert {"Plateau", "Gap"} <= types
    changed = {e.id: e.properties.get("diff.change") for e in plan.elements if "diff.change" in e.properties}
    assert changed["bp.lgsp"] == "removed" and changed["binhphuoc.prov.shared_db"] == "modified"


def small(ids: list[str], province: str, version: str = "2.0", prefix_rel: str = "") -> eaframe.ArchitectureModel:
    els = "\n".join(f"- {{id: {i}, type: ApplicationComponent, name: {{en: {i} {province}}}, scope: provincial, "
                    f"implements: {i.split('.')[-1]}}}" for i in ids)
    return eaframe.loads(f"""
metadata: {{title: {{en: {province}}}, province: {{en: {province}}}, framework_version: '{version}'}}
elements:
{els}
- {{id: ngsp, type: ApplicationComponent, name: {{en: NGSP}}, scope: national}}
relationships:
- {{id: r1{prefix_rel}, type: Flow, source: {ids[0]}, target: ngsp}}
""")


def test_keep_b_repoints_a_relationships_to_b():
    a, b = small(["lgsp"], "Alpha"), small(["x.lgsp"], "Beta")
    r = merge_provinces(a, b, Decisions({("lgsp", "x.lgsp"): "keep-b"}))
    assert [(p.a, p.b, p.decision) for p in r.pairs] == [("lgsp", "x.lgsp", "keep-b")]
    assert {e.id for e in r.model.elements} == {"x.lgsp", "ngsp"}
    assert [(x.source, x.target) for x in r.model.relationships] == [("x.lgsp", "ngsp")]


def test_different_framework_versions_are_an_error():
    with pytest.raises(ProvinceMergeError, match="different framework versions") as err:
        merge_provinces(small(["lgsp"], "Alpha"), small(["lgsp"], "Beta", version="3.0"))
    assert err.value.side == "both"


def test_collision_the_prefix_cannot_resolve_names_the_id():
    with pytest.raises(ProvinceMergeError, match="'beta.lgsp' is taken") as err:
        merge_provinces(small(["lgsp", "beta.lgsp"], "Alpha"), small(["lgsp"], "Beta"))
    assert err.value.id == "lgsp"
    assert {e.id for e in merge_provinces(small(["lgsp", "beta.lgsp"], "Alpha"), small(["lgsp"], "Beta"),
                                          prefix="b2").model.elements} >= {"b2.lgsp"}


@pytest.mark.parametrize("data,message", [
    ({"pairs": [{"a": "lgsp", "b": "lgsp", "decision": "keep"}]}, "unknown decision 'keep'"),
    ({"pairs": [{"a": "lgsp", "b": "lgsp", "decision": "keep-a"}, {"a": "lgsp", "b": "lgsp", "decision": "merge"}]},
     "listed twice with different decisions"),
    ({"pairs": "x"}, "must be a list"),
    ({"what": 1}, "unknown key 'what'"),
])
def test_bad_decisions_data(data, message):
    with pytest.raises(ProvinceMergeError, match=message) as err:
        Decisions.from_data(data, "d.yaml")
    assert err.value.side == "decisions" and str(err.value).startswith("d.yaml: ")


def test_decisions_naming_unknown_ids_or_contradicting_themselves():
    a, b = small(["lgsp", "dc"], "Alpha"), small(["lgsp", "dc"], "Beta")
    with pytest.raises(ProvinceMergeError, match="B has no element 'nope'") as err:
        merge_provinces(a, b, Decisions({("lgsp", "nope"): "keep-a"}))
    assert err.value.id == "nope"
    with pytest.raises(ProvinceMergeError, match="contradict") as err:
        merge_provinces(a, b, Decisions({("lgsp", "lgsp"): "retire", ("lgsp", "dc"): "keep-a"}))
    assert err.value.id == "lgsp"


def test_unreadable_decisions_file_gives_the_line(tmp_path):
    bad = tmp_path / "d.yaml"
    bad.write_text("pairs:\n  - {a: x, b: [\n", encoding="utf-8")
    with pytest.raises(ProvinceMergeError, match=r"d\.yaml:\d+:\d+: not valid YAML"):
        load_decisions(str(bad))


def run(*args):
    return CliRunner().invoke(main, ["merge", *map(str, args)])


def test_cli_province_merge_writes_model_template_report_and_plan(tmp_path):
    out, dec, rep, plan = (tmp_path / n for n in ("m.yaml", "d.yaml", "r.json", "plan.xml"))
    r = run("dongnai-2020", "binhphuoc-2020", "-o", out, "--write-decisions", dec, "--report", rep,
            "--report-format", "json", "--plan", plan, "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "24 duplicate pairs without a decision" in r.stderr
    assert json.loads(rep.read_text(encoding="utf-8"))["decisions"]["pending"] == 24
    assert eaframe.load(plan).elements
    # fill in the template and run again: the decisions apply
    text = dec.read_text(encoding="utf-8").replace("decision: null", "decision: keep-a")
    dec.write_text(text, encoding="utf-8")
    r = run("dongnai-2020", "binhphuoc-2020", "-o", out, "--decisions", dec, "--title", "Đồng Nai 2025",
            "--lang", "en")
    assert r.exit_code == 0, r.output
    m = eaframe.load(out)
    assert m.metadata.title.vi == "Đồng Nai 2025" and "bp.lgsp" not in {e.id for e in m.elements}
    assert "keep-a" in r.stdout


@pytest.mark.parametrize("decisions,expected,vi", [
    ("pairs:\n- {a: prov.lgsp, b: nope, decision: keep-a}\n", ":2:21: the decisions name 'nope' as a block of B",
     ":2:21: tệp quyết định ghi 'nope' là khối của B, nhưng B không có phần tử 'nope'"),
    ("pairs:\n- {a: prov.lgsp, b: bp.lgsp, decision: keep-a}\n- {a: prov.lgsp, b: bp.lgsp, decision: merge}\n",
     ":3:3: pair prov.lgsp / bp.lgsp is listed twice with different decisions (keep-a at line 2, merge here); "
     "keep one entry", ":3:3: cặp prov.lgsp / bp.lgsp được liệt kê hai lần với các quyết định khác nhau"),
    ("pairs: [\n", ":2:1: not valid YAML", ":2:1: không phải YAML hợp lệ"),
])
def test_cli_bad_decisions_exit_1_name_the_file_and_write_nothing(tmp_path, decisions, expected, vi):
    dec = tmp_path / "dec.yaml"
    dec.write_text(decisions, encoding="utf-8")
    out = tmp_path / "m.yaml"
    r = run("dongnai-2020", "binhphuoc-2020", "-o", out, "--decisions", dec, "--plan", tmp_path / "p.yaml",
            "--lang", "en")
    assert r.exit_code == 1 and f"error: {dec}{expected}" in r.stderr and "Traceback" not in r.stderr
    r = run("dongnai-2020", "binhphuoc-2020", "-o", out, "--decisions", dec, "--plan", tmp_path / "p.yaml")
    assert r.exit_code == 1 and f"lỗi: {dec}{vi}" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dec.yaml"]


def test_cli_different_versions_name_both_files(tmp_path):
    out = tmp_path / "m.yaml"
    r = run("vn-province-1.0", "dongnai-2020", "-o", out, "--lang", "en")
    assert r.exit_code == 1 and "vn-province-1.0 (A) and dongnai-2020 (B)" in r.stderr and not out.exists()
    r = run("vn-province-1.0", "dongnai-2020", "-o", out)
    assert r.exit_code == 1 and "lỗi: vn-province-1.0 (A) và dongnai-2020 (B): hai mô hình hiện thực hóa các phiên bản " \
        "khung khác nhau (1.0 và 2.0)" in r.stderr and not out.exists()


def test_demo_step_runs_the_bundled_merge(tmp_path):
    from eaframe.cli.merge import demo_merge

    models = {n: eaframe.load(n) for n in ("dongnai-2020", "binhphuoc-2020")}
    written = [Path(p) for p in demo_merge(models, tmp_path)]
    assert {p.name for p in written} >= {"dongnai-2025.yaml", "report.md", "decisions.yaml", "migration-plan.yaml"}
    merged = tmp_path / "merge" / "dongnai-2025.yaml"
    assert merged.read_text(encoding="utf-8") == (_models_dir() / "dongnai-2025.yaml").read_text(encoding="utf-8")
    assert (tmp_path / "merge" / "report.md").read_text(encoding="utf-8").startswith("# Hợp nhất tỉnh: ")
    demo_merge(models, tmp_path, lang="en")
    assert (tmp_path / "merge" / "report.md").read_text(encoding="utf-8").startswith("# Province merge: ")


@pytest.mark.parametrize("text,line,column,message", [
    # a pair decided twice: the second entry, naming the line of the first
    ("pairs:\n- {a: prov.lgsp, b: bp.lgsp, decision: keep-a}\n- {a: prov.lgsp, b: bp.lgsp, decision: keep-a}\n",
     3, 3, "pair prov.lgsp / bp.lgsp is listed twice (also at line 2); keep one entry"),
    ("pairs:\n- a: prov.lgsp\n  b: bp.lgsp\n  decision: keep\n", 4, 13, "unknown decision 'keep'; choose one of"),
    ("pairs:\n- a: prov.lgsp\n  b: nope\n  decision: keep-a\n", 3, 6, "B has no element 'nope'; fix the id"),
    ("pairs:\n- a: nope\n  b: bp.lgsp\n", 2, 6, "A has no element 'nope'; fix the id"),
    ("prefix: 1x\n", 1, 9, "prefix '1x' is not a valid id start"),
    ("what: 1\n", 1, 1, "unknown key 'what'; the keys are pairs, metadata and prefix"),
    ("- 1\n", 1, 1, "expected a mapping with `pairs:`"),
    ("metadata: 3\n", 1, 11, "`metadata:` must be a mapping"),
    ("pairs: {}\n", 1, 8, "`pairs:` must be a list"),
    ("pairs:\n- 3\n", 2, 3, "pair 1: expected a mapping with `a: ID` and `b: ID`"),
    # a misspelt key was ignored (the pair silently pending)
    ("pairs:\n- a: prov.lgsp\n  b: bp.lgsp\n  decison: keep-a\n", 4, 3, "pair 1: unknown key 'decison'"),
    # a repeated key: the later value silently replaced the earlier one
    ("pairs:\n- a: prov.lgsp\n  b: bp.lgsp\n  decision: keep-a\n  decision: merge\n", 5, 3, "a key is repeated"),
    ("pairs:\n- {a: prov.lgsp, b: bp.lgsp, decision: retire}\n- {a: prov.lgsp, b: prov.sso, decision: keep-a}\n",
     2, 40, "pair prov.lgsp / bp.lgsp (line 2) retires 'prov.lgsp', which pair prov.lgsp / prov.sso (line 3) keeps"),
    ("pairs:\n- {a: prov.lgsp, b: bp.lgsp, decision: keep-a}\n- {a: prov.sso, b: bp.lgsp, decision: keep-a}\n",
     3, 39, "'bp.lgsp' is given up in two pairs (prov.lgsp / bp.lgsp (line 2) and prov.sso / bp.lgsp (line 3))"),
    ("metadata:\n  as_of: notadate\n", 2, 10, "the merged metadata is invalid at as_of"),
    ("pairs:\n- {a: x, b: [\n", 3, 1, "not valid YAML"),
])
def test_decisions_errors_name_the_file_line_and_column(tmp_path, pair, text, line, column, message):
    dec = tmp_path / "dec.yaml"
    dec.write_text(text, encoding="utf-8")
    with pytest.raises(ProvinceMergeError) as err:
        merge_provinces(*pair, load_decisions(str(dec)))
    e = err.value
    assert (e.side, e.file, e.line, e.column) == ("decisions", str(dec), line, column)
    assert str(e).startswith(f"{dec}:{line}:{column}: ") and message in str(e)
    assert e.text("vi").startswith(f"{dec}:{line}:{column}: ") and message not in e.text("vi")
    assert "line" not in e.text("vi").replace(str(dec), "")


def test_report_and_decisions_template_in_vietnamese(pair, decided):
    from test_i18n_outputs import _english_left

    for r in (merge_provinces(*pair), decided):
        for fmt in ("text", "markdown"):
            text = r.report(fmt, lang="vi")
            assert text.startswith(("Hợp nhất tỉnh: Kiến trúc Chính quyền điện tử tỉnh Đồng Nai",
                                    "# Hợp nhất tỉnh: Kiến trúc Chính quyền điện tử tỉnh Đồng Nai")), text[:80]
            assert "cặp khối trùng lặp" in text and "phần tử dùng chung giữ một bản" in text
            assert "Ủy ban nhân dân tỉnh Bình Phước" in text  # the blocks' Vietnamese names
            assert _english_left(text) == []
            for english in ("Province merge", "duplicate pair", "shared element", "side by side", "pending",
                            "PENDING", "framework block", "People's Committee"):
                assert english not in text, (fmt, english)
        template = r.decisions_text("vi")
        comments = "\n".join(x for x in template.splitlines() if x.startswith("#"))
        assert "đặt `decision:` cho từng cặp" in comments and _english_left(comments) == []
        assert Decisions.from_data(yaml.safe_load(template)).pairs == Decisions.from_data(
            yaml.safe_load(r.decisions_text())).pairs
    md = decided.report("markdown", lang="vi")
    assert "| khối của khung | A | B | quyết định |" in md and "| keep-a |" in md  # decisions: the file's keywords
    assert "**chưa quyết định**" in merge_provinces(*pair).report("markdown", lang="vi")
    # English unchanged by default
    assert decided.report("markdown").startswith("# Province merge: ") and decided.report() == decided.report(lang="en")


def test_json_report_keys_are_identifiers_in_both_languages(decided):
    vi, en = (json.loads(decided.report("json", lang=lang)) for lang in ("vi", "en"))
    assert (vi["lang"], en["lang"]) == ("vi", "en")
    assert vi.keys() == en.keys() and vi["decisions"] == en["decisions"]
    assert [p.keys() for p in vi["pairs"]] == [p.keys() for p in en["pairs"]]
    assert [(p["a"], p["b"], p["decision"]) for p in vi["pairs"]] == [(p["a"], p["b"], p["decision"])
                                                                      for p in en["pairs"]]
    ppc = next(p for p in vi["pairs"] if p["a"] == "org.ppc")
    assert (ppc["a_name"], ppc["b_name"]) == ("Ủy ban nhân dân tỉnh Đồng Nai", "Ủy ban nhân dân tỉnh Bình Phước")
    assert vi["title"].startswith("Kiến trúc") and en["title"].startswith("Đồng Nai provincial")


def test_plan_names_its_plateaus_and_gap_in_both_languages(decided):
    plan = decided.plan()
    for e in plan.elements:
        if e.type in ("Plateau", "Gap", "WorkPackage"):
            assert e.name.vi and e.name.en and e.name.vi != e.name.en, e.id


def test_cli_report_in_the_requested_language(tmp_path):
    rep = tmp_path / "r.txt"
    r = run("dongnai-2020", "binhphuoc-2020", "-o", tmp_path / "m.yaml", "--report", rep,
            "--write-decisions", tmp_path / "d.yaml")
    assert r.exit_code == 0, r.output
    assert rep.read_text(encoding="utf-8").startswith("Hợp nhất tỉnh: ")
    assert "24 cặp khối trùng lặp chưa có quyết định" in r.stderr
    assert "# quyết định hợp nhất tỉnh của eaframe" in (tmp_path / "d.yaml").read_text(encoding="utf-8")
    r = run("dongnai-2020", "binhphuoc-2020", "-o", tmp_path / "m.yaml", "--report", rep, "--lang", "en")
    assert rep.read_text(encoding="utf-8").startswith("Province merge: ")
