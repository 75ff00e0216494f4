"""``eaframe new`` / :mod:`eaframe.new`: a province model started from each bundled framework."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import eaframe
from eaframe.attributes import Scope
from eaframe.bundled import bundled_models, load_model
from eaframe.checks import REGISTRY, run_checks
from eaframe.cli import main
from eaframe.exceptions import ModelValidationError, UnknownModelError
from eaframe.new import FRAMEWORK_SOURCE, framework_name, frameworks, new_province, new_province_text

PROVINCE = "Đồng Nai"
NATIONAL = (Scope.NATIONAL, Scope.EXTERNAL)
VERSIONS = sorted(frameworks())
CONFORMANCE = [rid for rid, r in REGISTRY.items() if r.category == "conformance"]


@pytest.fixture(scope="module", params=VERSIONS)
def started(request):
    """(framework model, new model, its YAML text) for each bundled framework version."""
    model = new_province(request.param, PROVINCE)
    return load_model(frameworks()[request.param]), model, new_province_text(model)


def test_frameworks_are_the_bundled_models_that_realise_none():
    fws = frameworks()
    assert {"1.0", "2.0"} <= set(fws)
    for version, name in fws.items():
        md = load_model(name).metadata
        assert md.framework_version == version and md.realises is None
    realising = [n for n in bundled_models() if load_model(n).metadata.realises]
    assert realising and not set(realising) & set(fws.values())


def test_framework_by_version_or_name_and_unknown_lists_them():
    assert framework_name("2.0") == framework_name("vn-province-2.0") == "vn-province-2.0"
    with pytest.raises(UnknownModelError, match=r"bundled frameworks: 1\.0 \(vn-province-1\.0\)"):
        framework_name("9.9")


def test_written_file_validates_and_round_trips(started, tmp_path):
    _fw, model, text = started
    p = tmp_path / "p.yaml"
    p.write_text(text, encoding="utf-8")
    loaded = eaframe.load(p)
    assert loaded == model
    assert eaframe.loads(eaframe.dumps(loaded)) == model


def test_structural_conformance_passes(started):
    fw, model, _text = started
    assert model.metadata.realises == frameworks()[fw.metadata.framework_version]
    report = run_checks(model, select=CONFORMANCE)
    assert report.findings == ()
    assert {r.id for r in report.rules} >= {"EGOV-C1", "EGOV-C2", "EGOV-C3"}


def test_mandatory_blocks_present_with_implements(started):
    fw, model, _text = started
    mandatory = [e for e in fw.elements if e.mandatory]
    assert mandatory
    for block in mandatory:
        e = model[block.id]
        assert e.type == block.type and e.implements == block.id and e.scope == block.scope
    # every element realises a block of the framework, and none is marked mandatory itself
    blocks = {e.id for e in fw.elements}
    assert all(e.implements in blocks and e.mandatory is None for e in model.elements)


def test_national_connections_drawn(started):
    fw, model, _text = started
    mandatory = {e.id for e in fw.elements if e.mandatory}
    national = {e.id for e in fw.elements if e.scope in NATIONAL}
    expected = {(r.source, r.type, r.target) for r in fw.relationships
                if (r.source in mandatory and r.target in national) or (r.target in mandatory and r.source in national)}
    have = {(r.source, r.type, r.target) for r in model.relationships}
    assert ("prov.lgsp", "Flow", "ext.ngsp") in expected
    assert expected <= have
    # the framework's relationships between mandatory blocks are all there too
    assert {(r.source, r.type, r.target) for r in fw.relationships
            if r.source in mandatory and r.target in mandatory} <= have
    for eid in {t for _s, _r, t in expected} | {s for s, _r, _t in expected}:
        if eid in national:
            assert model[eid].name == fw[eid].name  # national systems keep the framework's names


def test_names_hold_the_province_in_both_languages(started):
    _fw, model, _text = started
    for e in model.elements:
        if e.scope not in NATIONAL:
            assert PROVINCE in e.name.vi and PROVINCE in e.name.en, e.id
    md = model.metadata
    assert PROVINCE in md.title.vi and PROVINCE in md.title.en
    assert md.province.vi == md.province.en == PROVINCE
    assert model["prov.lgsp"].name.vi.startswith("Nền tảng") and "tỉnh Đồng Nai" in model["prov.lgsp"].name.vi


def test_views_restricted_to_the_new_elements(started):
    fw, model, _text = started
    assert model.views and {v.id for v in model.views} <= {v.id for v in fw.views}
    assert all(v.elements for v in model.views)


def test_provenance_defaults_are_model_level(started):
    _fw, model, text = started
    md = model.metadata
    assert md.default_sources == [FRAMEWORK_SOURCE] and md.default_confidence == "I"
    assert FRAMEWORK_SOURCE in md.sources
    assert all(not c.sources and c.confidence is None for c in (*model.elements, *model.relationships))
    assert "\n  - " + FRAMEWORK_SOURCE in text and text.count(f"- {FRAMEWORK_SOURCE}\n") == 1


_PROVINCE_WORK = {"EGOV-R6", "EGOV-R12", "EGOV-R13", "EGOV-R14"}


def test_check_asks_the_province_to_fill_in_not_noise(started):
    _fw, model, _text = started
    report = run_checks(model)
    assert report.findings
    # no structural or provenance noise: every finding asks about one of the province's own blocks
    assert not [f for f in report.findings if REGISTRY[f.rule].category in ("conformance", "hygiene")]
    assert all(f.elements and model[f.elements[0]].scope not in NATIONAL for f in report.findings)
    # What is left is the province's own work: the security levels only it knows (R6), and the
    # connections that law in force today asks of its systems (R12-R14 from 2022-2025: VNeID,
    # population database, data exchange platform), which a framework model does not draw.
    assert {"EGOV-R6"} <= {f.rule for f in report.findings} <= _PROVINCE_WORK
    assert all("security level" in f.message for f in report.findings if f.rule == "EGOV-R6")
    # without the defaults every concept would be reported as citing no source / no confidence
    bare = model.model_copy(update={"metadata": model.metadata.model_copy(
        update={"default_sources": [], "default_confidence": None})})
    noisy = {f.rule for f in run_checks(bare).findings}
    assert {"EGOV-H5", "EGOV-H7"} <= noisy


def test_fill_in_comments_without_todo_markers(started):
    _fw, model, text = started
    assert "TODO" not in text
    assert text.count("# fill in:") >= 1 + sum(1 for e in model.elements if e.scope not in NATIONAL)
    assert "  # fill in: number and date of the decision" in text
    lines = text.splitlines()
    i = lines.index("- id: prov.lgsp")
    assert lines[i - 1].startswith("# fill in: ") and "security_level" in lines[i - 1]


def test_empty_model_fails_check():
    empty = eaframe.loads("eaframe: '1'\nmetadata:\n  title: {en: Only a title}\n")
    report = run_checks(empty)
    assert [(f.rule, f.severity) for f in report.findings] == [("EGOV-E1", "error")]
    assert "no elements" in report.findings[0].message and "eaframe new" in report.findings[0].fix
    assert not report.ok
    assert run_checks(new_province("2.0", PROVINCE), select=["EGOV-E1"]).findings == ()
    assert "  EGOV-E1  the model holds no elements" in report.to_text()  # no empty subject before the message


def test_default_sources_must_be_defined():
    text = ("eaframe: '1'\nmetadata:\n  title: {en: t}\n  sources: {S1: {title: a}}\n"
            "  default_sources: [S1, S2]\n")
    with pytest.raises(ModelValidationError, match=r"unknown source id 'S2' in default_sources") as info:
        eaframe.loads(text)
    assert info.value.problems[0].path == ("metadata", "default_sources", 1)
    assert eaframe.loads(text.replace(", S2", "")).metadata.default_sources == ["S1"]


def test_province_names_per_language_and_bad_names():
    m = new_province("1.0", {"vi": "Thừa Thiên Huế", "en": "Thua Thien Hue"})
    assert "Thừa Thiên Huế" in m["prov.portal"].name.vi and "Thua Thien Hue" in m["prov.portal"].name.en
    with pytest.raises(ModelValidationError, match="name is empty"):
        new_province("2.0", "  ")
    with pytest.raises(ModelValidationError, match="control character"):
        new_province("2.0", "Đồng\x00Nai")


# ------------------------------------------------------------------------------- CLI
@pytest.mark.parametrize("version", VERSIONS)
def test_cli_new_then_validate_and_check(version, tmp_path):
    runner = CliRunner()
    out = tmp_path / "sub" / "p.yaml"
    r = runner.invoke(main, ["new", "--framework", version, "--province", PROVINCE, "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8") == new_province_text(new_province(version, PROVINCE))
    assert runner.invoke(main, ["validate", str(out)]).exit_code == 0
    r = runner.invoke(main, ["check", str(out), "--rule", "EGOV-C*"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["check", str(out), "--format", "json"])
    assert r.exit_code == 1  # the security levels are the province's to fill in
    assert {"EGOV-R6"} <= {f["rule"] for f in json.loads(r.stdout)["findings"]} <= _PROVINCE_WORK


def test_cli_new_refuses_to_overwrite_without_force(tmp_path):
    runner = CliRunner()
    out = tmp_path / "p.yaml"
    out.write_text("mine\n", encoding="utf-8")
    args = ["new", "--framework", "2.0", "--province", PROVINCE, "-o", str(out)]
    r = runner.invoke(main, args)
    assert r.exit_code == 2 and "--force" in r.output
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert runner.invoke(main, [*args, "--force"]).exit_code == 0
    assert eaframe.load(out).metadata.realises == "vn-province-2.0"


def test_cli_new_bad_framework_lists_the_bundled_ones(tmp_path):
    r = CliRunner().invoke(main, ["new", "--framework", "9.9", "--province", PROVINCE, "-o", str(tmp_path / "p.yaml")])
    assert r.exit_code == 2
    for version, name in frameworks().items():
        assert f"{version} ({name})" in r.output
    assert not (tmp_path / "p.yaml").exists()


def test_cli_new_stdout_json_and_empty_province(tmp_path):
    runner = CliRunner()
    r = runner.invoke(main, ["new", "--framework", "1.0", "--province", "Bắc Giang", "-o", "-"])
    assert r.exit_code == 0 and eaframe.loads(r.stdout).metadata.province.vi == "Bắc Giang"
    out = tmp_path / "p.json"
    assert runner.invoke(main, ["new", "--framework", "2.0", "--province", PROVINCE, "-o", str(out)]).exit_code == 0
    assert eaframe.load(out) == new_province("2.0", PROVINCE)
    r = runner.invoke(main, ["new", "--framework", "2.0", "--province", " ", "-o", str(tmp_path / "x.yaml")])
    assert r.exit_code == 2 and "province" in r.output


def test_provenance_defaults_survive_exchange_xml(tmp_path):
    from eaframe.exchange import read_archimate, write_archimate

    model = new_province("2.0", PROVINCE)
    write_archimate(model, tmp_path / "p.xml")
    back = read_archimate(tmp_path / "p.xml")
    assert (back.metadata.default_sources, back.metadata.default_confidence) == ([FRAMEWORK_SOURCE], "I")
    assert back == model
