"""The version diff: matching, change records, apply/invert, renderers, migration model, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from edits_support import random_edits

import eaframe
from eaframe import apply, diff, invert, load
from eaframe.cli import main
from eaframe.exceptions import DiffApplyError
from eaframe.modeldiff import CHANGE_KINDS, match, migration_model, render

DATA = Path(__file__).resolve().parent / "data" / "diff"
OLD, NEW = DATA / "old.yaml", DATA / "new.yaml"


@pytest.fixture(scope="module")
def pair():
    return load(OLD), load(NEW)


@pytest.fixture(scope="module")
def d(pair):
    return diff(*pair)


def kinds(d, subject="element"):
    return {c.id: c.kind for c in d.changes(subject)}


# ----------------------------------------------------------------- matching and records
def test_same_id_with_new_name_is_a_name_change_not_delete_and_add(d):
    c = d.get("prov.lgsp")
    assert c.kind == "modified" and c.status == "M"
    assert c.field_change("name.vi").old == "Nền tảng chia sẻ, tích hợp dùng chung cấp tỉnh"
    assert c.field_change("name.vi").new == "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh"
    assert c.field_change("name.en").new == "Provincial LGSP"
    assert not [x for x in d.elements if x.id == "prov.lgsp" and x.kind in ("added", "removed")]


def test_added_national_components_and_reference_models(d):
    k = kinds(d)
    for eid in ("ext.national_public_service_portal", "ext.national_document_axis", "rm.brm", "rm.arm"):
        assert k[eid] == "added"
    added = {c.id: c for c in d.changes("relationship", "added")}
    assert (added["r.doc.axis"].source, added["r.doc.axis"].target) == ("prov.document_mgmt", "ext.national_document_axis")
    assert added["r.portal.npsp"].target == "ext.national_public_service_portal"


def test_instrument_letter_to_decision_is_a_metadata_change(d):
    by_field = {fc.field: fc for fc in d.metadata}
    assert (by_field["instrument.kind"].old, by_field["instrument.kind"].new) == ("letter", "decision")
    assert by_field["instrument.number"].new == "2323/QĐ-BTTTT"
    assert (by_field["framework_version"].old, by_field["framework_version"].new) == ("1.0", "2.0")
    assert by_field["sources.S2"].old is None and by_field["sources.S2"].new == {"title": "Test source two", "url": None,
                                                                                "note": None, "confidence": None}


def test_every_changed_field_with_old_and_new_values(d):
    c = d.get("prov.one_stop_eis")
    got = {fc.field: (fc.old, fc.new) for fc in c.fields}
    assert got == {
        "name.vi": ("Phần mềm một cửa điện tử", "Hệ thống thông tin một cửa điện tử cấp tỉnh"),
        "name.en": ("Electronic one-stop software", "Provincial electronic one-stop information system"),
        "properties.vendor": ("A", "B"),
        "properties.licence": ("proprietary", None),
        "properties.levels": (None, "3"),
        "security_level": (2, 3),
        "protection_plan_approved": (None, True),
        "member_of": (["grp.applications"], ["rm.arm"]),
    }
    lgsp = {fc.field: (fc.old, fc.new) for fc in d.get("prov.lgsp").fields}
    assert lgsp["sources"] == (["S1"], ["S1", "S2"]) and lgsp["confidence"] == ("K", "V")


def test_replaces_declaration_matches_across_ids_and_types(d):
    c = d.get("prov.public_service_portal")
    assert c.kind == "renamed" and c.match == "replaces" and c.old_id == "prov.portal_services"
    assert (c.old_type, c.type) == ("ApplicationService", "ApplicationComponent")
    assert c.field_change("type").new == "ApplicationComponent"
    assert c.field_change("member_of").new == ["grp.applications"]


def test_removed_element_replaced_by_a_kept_one():
    a = eaframe.loads("metadata: {title: {en: x}}\nelements:\n- {id: portal, type: ApplicationComponent}\n"
                      "- {id: portal_services, type: ApplicationService, name: {en: Portal services}}")
    b = eaframe.loads("metadata: {title: {en: x}}\nelements:\n"
                      "- {id: portal, type: ApplicationComponent, replaces: [portal_services]}")
    d = diff(a, b)
    removed = d.get("portal_services")
    assert removed.kind == "removed" and removed.replaced_by == ("portal",)
    assert "    replaced by portal" in render.format_name_status(d).splitlines()
    assert d.to_dict()["elements"][-1]["replaced_by"] == ["portal"]
    assert apply(a, d) == b and apply(b, invert(d)) == a


def test_similarity_matching_reports_renamed_with_a_score(d):
    mail = d.get("prov.mail")
    assert (mail.kind, mail.old_id, mail.match, mail.score) == ("renamed", "prov.email", "similarity", 1.0)
    assert mail.fields == ()
    dc = d.get("prov.data_centre")
    assert dc.kind == "renamed" and dc.old_id == "prov.server_room"
    assert match.DEFAULT_THRESHOLD <= dc.score < 1
    # a relationship whose endpoint was renamed is matched by (source, type, target)
    r = d.get("r.mail.lgsp")
    assert (r.kind, r.old_id, r.match, r.fields) == ("renamed", "r.email.lgsp", "endpoints", ())
    # and one that keeps its id but follows a renamed endpoint is not a change
    assert d.get("r.server.doc") is None


def test_rename_detection_can_be_switched_off(pair):
    d = diff(*pair, detect_renames=False)
    k = kinds(d)
    assert k["prov.email"] == "removed" and k["prov.mail"] == "added"
    assert k["prov.server_room"] == "removed" and k["prov.data_centre"] == "added"
    assert k["prov.public_service_portal"] == "renamed"  # explicit replaces still counts
    assert d.threshold is None and not d.detect_renames
    assert apply(pair[0], d) == pair[1]


def test_threshold_controls_similarity(pair):
    strict = diff(*pair, threshold=0.9)
    assert kinds(strict)["prov.data_centre"] == "added"
    assert kinds(strict)["prov.mail"] == "renamed"
    with pytest.raises(ValueError):
        diff(*pair, threshold=1.5)


def test_view_changes(d):
    (v,) = d.views
    assert v.kind == "modified" and v.id == "v.overview"
    assert v.field_change("name.vi").new == "Sơ đồ khái quát"
    assert "ext.national_document_axis" in v.field_change("elements").new


def test_retype_on_same_id_is_T():
    a = eaframe.loads("metadata: {title: {en: x}}\nelements:\n- {id: n1, type: Node, name: {en: Server}}")
    b = eaframe.loads("metadata: {title: {en: x}}\nelements:\n- {id: n1, type: Device, name: {en: Server}}")
    (c,) = diff(a, b).elements
    assert (c.kind, c.status, c.old_type, c.type, c.layer) == ("retyped", "T", "Node", "Device", "technology")
    assert apply(a, diff(a, b)) == b and apply(b, invert(diff(a, b))) == a


def test_no_differences_is_falsy_and_empty(pair):
    for m in pair:
        e = diff(m, m)
        assert not e and len(e) == 0 and e.changes() == [] and e.metadata == ()
        assert render.format_shortstat(e) == "no differences"


def test_order_only_change_is_not_a_difference_but_apply_is_exact(pair):
    old = pair[0]
    data = eaframe.modelfile.to_data(old)
    data["elements"] = list(reversed(data["elements"]))
    shuffled = eaframe.ArchitectureModel.model_validate(data)
    d = diff(old, shuffled)
    assert not d
    assert apply(old, d) == shuffled and apply(shuffled, invert(d)) == old


def test_changes_sorted_by_layer_type_id(d):
    keys = [c.sort_key() for c in d.elements]
    assert keys == sorted(keys)
    layers = [c.layer for c in d.elements]
    assert layers.index("application") < layers.index("technology") < layers.index("other")
    assert render.to_json(d) == render.to_json(diff(load(OLD), load(NEW)))


def test_change_kinds_are_one_vocabulary(d):
    assert list(CHANGE_KINDS) == ["added", "removed", "modified", "renamed", "retyped"]
    assert {c.kind for c in d.changes()} <= set(CHANGE_KINDS)
    with pytest.raises(ValueError, match="unknown change kind"):
        d.changes(kind="deleted")


def test_summary_counts(d):
    s = d.summary()
    assert s["elements"] == {"added": 4, "removed": 0, "modified": 3, "renamed": 3, "retyped": 0}
    assert s["relationships"] == {"added": 5, "removed": 1, "modified": 0, "renamed": 1, "retyped": 0}
    assert s["by_layer"]["technology"] == {"renamed": 1}
    assert s["by_element_type"]["Grouping"] == {"added": 2}
    assert s["metadata"] == 6


def test_inputs_are_not_modified(pair):
    before = [eaframe.dumps(m) for m in pair]
    d = diff(*pair)
    apply(pair[0], d)
    migration_model(d, *pair)
    assert [eaframe.dumps(m) for m in pair] == before


# ----------------------------------------------------------------- apply / invert
def test_apply_and_invert_are_exact(pair, d):
    old, new = pair
    assert apply(old, d) == new
    assert apply(new, invert(d)) == old
    assert eaframe.dumps(apply(old, d)) == eaframe.dumps(new)
    assert invert(invert(d)).to_dict() == d.to_dict()


def test_apply_to_another_model_is_a_clear_error(pair, d):
    with pytest.raises(DiffApplyError, match="prov.email.*not in the model"):
        apply(pair[1], d)


def test_apply_detects_a_type_mismatch():
    a = eaframe.loads("metadata: {title: {en: x}}\nelements:\n- {id: n1, type: Node, name: {en: A}}")
    b = eaframe.loads("metadata: {title: {en: x}}\nelements:\n- {id: n1, type: Node, name: {en: B}}")
    c = eaframe.loads("metadata: {title: {en: x}}\nelements:\n- {id: n1, type: Device, name: {en: A}}")
    with pytest.raises(DiffApplyError, match="is a Device in the model but a Node in the diff"):
        apply(c, diff(a, b))


def test_documentation_added_and_removed_round_trip():
    a = eaframe.loads("metadata: {title: {en: x}}\nelements:\n- {id: n1, type: Node}")
    b = eaframe.loads("metadata: {title: {en: x}}\nelements:\n- {id: n1, type: Node, documentation: {vi: Máy chủ},"
                      " properties: {a.b: '1'}}")
    d = diff(a, b)
    assert [fc.field for fc in d.elements[0].fields] == ["documentation", 'properties["a.b"]']
    assert apply(a, d) == b and apply(b, invert(d)) == a


def test_random_edits_round_trip_on_synthetic_models():
    for seed in range(5):
        a = eaframe.synthetic_model(80, seed=seed)
        b = random_edits(a, fraction=0.2, seed=seed)
        d = diff(a, b)
        assert d and apply(a, d) == b and apply(b, invert(d)) == a


# ----------------------------------------------------------------- similarity is not quadratic
def test_similarity_scores_a_bounded_number_of_candidates(monkeypatch):
    from eaframe.elements import ApplicationComponent

    calls = []
    real = match._name_score
    monkeypatch.setattr(match, "_name_score", lambda *a: calls.append(1) or real(*a))
    old = [ApplicationComponent(id=f"o{i}", name={"en": f"Provincial system {i}"}) for i in range(300)]
    new = [ApplicationComponent(id=f"n{i}", name={"en": f"Provincial system {i}"}) for i in range(300)]
    pairs = match.similar_pairs(old, new, {}, {}, {})
    assert len(pairs) == 300 and all(o[1:] == n[1:] for o, n, _ in pairs)
    assert len(calls) <= match.MAX_CANDIDATES * len(old)


def test_name_normalisation_ignores_diacritics_and_case():
    assert match.normalise_name("ĐỒNG NAI – Cổng") == "dong nai cong"
    assert match.similarity(*_two("Cổng dịch vụ công", "Cong dich vu cong")) == 1.0


def _two(a, b):
    from eaframe.elements import ApplicationComponent

    return ApplicationComponent(id="x", name={"vi": a}), ApplicationComponent(id="y", name={"vi": b})


# ----------------------------------------------------------------- renderers
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_text_golden(d, golden, lang):
    golden(f"diff/test-pair.{lang}.txt", render.to_text(d, lang=lang))


def test_stat_golden(d, golden):
    golden("diff/test-pair.stat.txt", render.format_stat(d) + "\n")


def test_json_golden_and_schema(d, golden):
    text = render.to_json(d)
    golden("diff/test-pair.json", text)
    data = json.loads(text)
    jsonschema.validate(data, render.JSON_SCHEMA)
    assert data["schema"] == "eaframe.diff" and data["version"] == 1
    assert data["elements"][0].keys() == {"status", "kind", "id", "old_id", "type", "old_type", "layer", "name",
                                          "match", "score", "changes", "replaced_by", "confidence",
                                          "provenance_only"}
    assert data["relationships"][0]["source_name"]["en"] == "Application reference model"


def test_markdown_golden(d, golden):
    golden("diff/test-pair.md", render.to_markdown(d))


def test_html_golden_and_repr(d, golden):
    golden("diff/test-pair.html", render.to_html(d))
    assert d._repr_html_() == render.to_html(d)
    assert "<table>" in d._repr_html_()


def test_html_and_markdown_escape_names():
    a = eaframe.loads("metadata: {title: {en: x}}\nelements:\n- {id: n1, type: Node, name: {en: A}}")
    b = eaframe.loads("metadata: {title: {en: x}}\nelements:\n- {id: n1, type: Node, name: {en: '<script>|x'}}")
    d = diff(a, b)
    assert "<script>" not in d.to_html() and "&lt;script&gt;" in d.to_html()
    assert "\\|x" in d.to_markdown()


def test_name_status_lines_are_git_style(d):
    lines = render.format_name_status(d, details=False).splitlines()
    assert "A\tApplicationComponent\text.national_document_axis\tTrục liên thông văn bản quốc gia" in lines
    assert "M\tApplicationComponent\tprov.lgsp\tNền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh\t(K)" in lines
    assert "A\tFlow\tr.doc.axis\tHệ thống quản lý văn bản và điều hành —Flow→ Trục liên thông văn bản quốc gia" in lines
    assert any(line.startswith("R070\tNode\tprov.server_room → prov.data_centre") for line in lines)
    assert "M\tMetadata\tinstrument.kind" in lines


# ----------------------------------------------------------------- migration model
def test_migration_model_is_strictly_valid_and_complete(pair, d):
    m = migration_model(d, *pair)
    assert m == eaframe.loads(eaframe.dumps(m))  # strict validation on load
    types = [e.type for e in m.elements]
    assert types.count("Plateau") == 2 and types.count("Gap") == 1
    gap_links = [r for r in m.relationships if r.source == "migration.gap" and r.type == "Association"]
    assert {r.target for r in gap_links} >= {c.id for c in d.elements}
    assert len(gap_links) == len(d.elements) + 2
    by_id = {e.id: e for e in m.elements}
    assert by_id["ext.national_document_axis"].properties["diff.change"] == "added"
    assert by_id["prov.mail"].properties == {"diff.change": "renamed", "diff.old_id": "prov.email"}
    assert by_id["prov.lgsp"].sources == ("S1", "S2") and set(m.metadata.sources) == {"S1", "S2"}
    wps = sorted(e.id for e in m.elements if e.type == "WorkPackage")
    assert wps == ["migration.wp.ext.national_document_axis", "migration.wp.ext.national_public_service_portal"]
    realised = {r.target for r in m.relationships if r.type == "Realization"}
    assert realised == {"ext.national_document_axis", "ext.national_public_service_portal"}
    aggregated_new = {r.target for r in m.relationships if r.source == "migration.plateau.new"}
    aggregated_old = {r.target for r in m.relationships if r.source == "migration.plateau.old"}
    assert "ext.national_document_axis" in aggregated_new - aggregated_old
    assert "prov.lgsp" in aggregated_new & aggregated_old
    assert migration_model(d, work_packages=False).elements_of_type("WorkPackage") == []


# ----------------------------------------------------------------- CLI
@pytest.fixture
def runner():
    return CliRunner()


def test_cli_text_and_exit_code(runner):
    r = runner.invoke(main, ["diff", "--lang", "en", str(OLD), str(NEW), "--exit-code"])
    assert r.exit_code == 1
    assert "M\tApplicationComponent\tprov.lgsp" in r.stdout
    r = runner.invoke(main, ["diff", "--lang", "en", str(OLD), str(OLD), "--exit-code"])
    assert r.exit_code == 0 and "no differences" in r.stdout
    r = runner.invoke(main, ["diff", "--lang", "en", str(OLD), str(NEW)])
    assert r.exit_code == 0


@pytest.mark.parametrize("fmt,check", [
    ("json", lambda t: json.loads(t)["schema"] == "eaframe.diff"),
    ("md", lambda t: t.startswith("# Diff: ")),
    ("html", lambda t: t.startswith("<!DOCTYPE html>\n")),
])
def test_cli_formats_and_output_file(runner, tmp_path, fmt, check):
    out = tmp_path / f"d.{fmt}"
    r = runner.invoke(main, ["diff", "--lang", "en", str(OLD), str(NEW), "--format", fmt, "-o", str(out)])
    assert r.exit_code == 0 and r.stdout == ""
    assert check(out.read_text(encoding="utf-8"))


def test_cli_stat_and_no_rename_detection(runner):
    r = runner.invoke(main, ["diff", "--lang", "en", str(OLD), str(NEW), "--stat", "--no-rename-detection"])
    assert r.exit_code == 0
    assert r.stdout.splitlines()[-1].startswith("12 elements changed (6 added, 2 removed, 3 modified, 1 renamed)")
    assert "\tprov.lgsp" not in r.stdout


def test_cli_name_status_and_usage_errors(runner):
    r = runner.invoke(main, ["diff", str(OLD), str(NEW), "--name-status"])
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0] == "A\tApplicationComponent\text.national_document_axis\tTrục liên thông văn bản quốc gia"
    assert "    " not in r.stdout and "concepts" not in r.stdout
    for args in (["--stat", "--format", "json"], ["--stat", "--name-status"], ["--threshold", "2"]):
        r = runner.invoke(main, ["diff", "--lang", "en", str(OLD), str(NEW), *args])
        assert r.exit_code == 2, args


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".xml"])
def test_cli_migration_file(runner, tmp_path, suffix, shared):
    out = tmp_path / f"migration{suffix}"
    r = runner.invoke(main, ["diff", "--lang", "en", str(OLD), str(NEW), "--stat", "--migration", str(out)])
    assert r.exit_code == 0 and f"wrote {out}" in r.stderr
    if suffix == ".xml":
        from lxml import etree

        schema = etree.XMLSchema(etree.parse(str(shared / "archimate" / "xsd" / "archimate3_local_bundle.xsd")))
        assert schema.validate(etree.parse(str(out))), schema.error_log
    else:
        m = eaframe.load(out)
        assert m.elements_of_type("Gap") and len(m.elements_of_type("Plateau")) == 2


def test_cli_diff_filter(runner):
    r = runner.invoke(main, ["diff", "--lang", "en", str(OLD), str(NEW), "--name-status", "--diff-filter", "dr"])
    assert r.exit_code == 0
    assert {line.split("\t")[0][0] for line in r.stdout.splitlines()} == {"D", "R"}
    r = runner.invoke(main, ["diff", "--lang", "en", str(OLD), str(NEW), "--diff-filter", "T", "--exit-code"])
    assert r.exit_code == 0 and r.stdout.endswith("no differences\n")
    assert runner.invoke(main, ["diff", "--lang", "en", str(OLD), str(NEW), "--diff-filter", "AX"]).exit_code == 2


def test_filter_keeps_only_the_given_statuses(d):
    f = d.filter("M")
    assert {c.kind for c in f.changes()} == {"modified"} and f.metadata == d.metadata
    assert not d.filter("T")
    with pytest.raises(ValueError, match="unknown status"):
        d.filter("X")


def test_cli_bad_input_exit_1_on_stderr(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("metadata: {title: {en: x}}\nelements:\n- {id: a, type: Nod}\n", encoding="utf-8")
    out = tmp_path / "never.txt"
    r = runner.invoke(main, ["diff", str(OLD), str(bad), "-o", str(out)])
    assert r.exit_code == 1
    assert "bad.yaml:3" in r.stderr and "did you mean 'Node'" in r.stderr
    assert not out.exists()
    r = runner.invoke(main, ["diff", str(OLD), "no-such-model"])
    assert r.exit_code == 1 and "no such file" in r.stderr
    r = runner.invoke(main, ["diff", str(OLD)])
    assert r.exit_code == 2


def test_demo_step_writes_diffs_and_migration(tmp_path, pair):
    from eaframe.cli.diff import demo_diff

    models = {"vn-province-1.0": pair[0], "vn-province-2.0": pair[1]}
    written = demo_diff(models, tmp_path)
    names = sorted(Path(p).name for p in written)
    assert names == ["migration__vn-province-1.0__vn-province-2.0.xml",
                     "migration__vn-province-1.0__vn-province-2.0.yaml", "vn-province-1.0__vn-province-2.0.html",
                     "vn-province-1.0__vn-province-2.0.json", "vn-province-1.0__vn-province-2.0.md",
                     "vn-province-1.0__vn-province-2.0.txt"]
    page = (tmp_path / "diff" / "vn-province-1.0__vn-province-2.0.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    mig = eaframe.load(tmp_path / "diff" / "migration__vn-province-1.0__vn-province-2.0.yaml")
    assert mig.elements_of_type("Gap")
    assert demo_diff({}, tmp_path / "none") == []


def test_migration_model_exports_to_valid_exchange_xml(pair, d, shared):
    exchange = pytest.importorskip("eaframe.exchange", reason="the ArchiMate exchange exporter is not present")
    from lxml import etree

    xml = exchange.generate_archimate(migration_model(d, *pair))
    schema = etree.XMLSchema(etree.parse(str(shared / "archimate" / "xsd" / "archimate3_local_bundle.xsd")))
    doc = etree.fromstring(xml)
    assert schema.validate(doc), schema.error_log
    ns = {"a": "http://www.opengroup.org/xsd/archimate/3.0/"}
    types = [e.get("{http://www.w3.org/2001/XMLSchema-instance}type") for e in doc.findall("a:elements/a:element", ns)]
    assert types.count("Plateau") == 2 and types.count("Gap") == 1
