"""Model files: loading, canonical saving, round trips and bad-input messages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import eaframe
from eaframe import dumps, load, loads, save, synthetic_model
from eaframe.exceptions import ModelLoadError, ModelValidationError
from eaframe.modelfile import YAML_C_LOADER

GOOD = """\
eaframe: '1'
metadata:
  title:
    vi: Kiến trúc thử nghiệm
    en: Test architecture
  framework_version: '2.0'
  sources:
    S14:
      title: VietnamPlus on the Hải Dương LGSP
elements:
- id: prov.lgsp
  type: ApplicationComponent
  name:
    vi: Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh
    en: Provincial integration and data-sharing platform (LGSP)
  sources:
  - S14
  confidence: V
  security_level: 3
  protection_plan_approved: true
- id: ext.ngsp
  type: ApplicationComponent
  name:
    vi: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia
    en: National integration and data-sharing platform (NGSP)
relationships:
- id: rel.lgsp_ngsp
  type: Flow
  source: prov.lgsp
  target: ext.ngsp
views:
- id: view.interconnection
  name:
    en: Interconnection
  elements:
  - prov.lgsp
  - ext.ngsp
"""


def write(tmp_path: Path, text: str, name: str = "model.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ModelValidationError) as info:
        load(path)
    return [str(p) for p in info.value.problems]


# ------------------------------------------------------------------ good files
def test_load_good_file(tmp_path):
    m = load(write(tmp_path, GOOD))
    assert m["prov.lgsp"].name.vi == "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh"
    assert m["rel.lgsp_ngsp"].type == "Flow"
    assert m.view("Interconnection").id == "view.interconnection"


def test_canonical_yaml_is_byte_identical(tmp_path):
    m = loads(GOOD)
    assert dumps(m) == GOOD


def test_save_load_save_is_byte_stable_yaml_and_json(tmp_path):
    m = synthetic_model(300, seed=7)
    for suffix in ("yaml", "json"):
        p1, p2 = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        save(m, p1)
        save(load(p1), p2)
        assert p1.read_bytes() == p2.read_bytes()
        assert load(p2) == m


def test_yaml_and_json_are_equivalent(tmp_path):
    m = loads(GOOD)
    as_json = dumps(m, "json")
    assert json.loads(as_json)["elements"][0]["id"] == "prov.lgsp"
    assert loads(as_json, format="json") == m
    assert dumps(loads(as_json, format="json")) == GOOD


def test_json_keeps_diacritics_unescaped():
    assert "Nền tảng" in dumps(loads(GOOD), "json")


def test_yaml_c_loader_is_used():
    assert YAML_C_LOADER, "PyYAML without libyaml: install a PyYAML wheel with the C extension"


def test_save_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "m.yaml"
    target.write_text("old content", encoding="utf-8")

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(eaframe.modelfile, "dumps", boom)
    with pytest.raises(RuntimeError):
        save(loads(GOOD), target)
    assert target.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["m.yaml"]


def test_numbers_written_in_yaml_are_accepted_as_text(tmp_path):
    m = loads("eaframe: 1\nmetadata: {title: {en: x}, framework_version: 2.0}\n"
              "elements: [{id: a, type: Node, properties: {ram_gb: 64, ha: yes}}]")
    assert m.metadata.framework_version == "2.0"
    assert m["a"].properties == {"ram_gb": "64", "ha": "true"}


# ------------------------------------------------------------------ bad input
LOC = re.compile(r"^(?P<file>[^:]+\.(yaml|json)):(?P<line>\d+):(?P<col>\d+): ")


def assert_located(msg: str, line: int, col: int | None = None) -> None:
    m = LOC.match(msg)
    assert m, f"no file:line:column in {msg!r}"
    assert int(m["line"]) == line, msg
    if col is not None:
        assert int(m["col"]) == col, msg


def test_yaml_syntax_error_names_file_line_column(tmp_path):
    p = write(tmp_path, "eaframe: '1'\nmetadata: {title: {en: x}\nelements: []\n")
    with pytest.raises(ModelLoadError) as info:
        load(p)
    [msg] = [str(x) for x in info.value.problems]
    assert msg.startswith(f"{p}:3:")
    assert "invalid YAML" in msg


def test_json_syntax_error_names_file_line_column(tmp_path):
    p = write(tmp_path, '{"eaframe": "1",\n "metadata": {"title": {"en": "x"}},\n "elements": [,]}\n', "m.json")
    [msg] = [str(x) for x in pytest.raises(ModelLoadError, load, p).value.problems]
    assert msg == f"{p}:3:15: error: invalid JSON: Expecting value"


def test_unknown_type_suggests_and_lists_allowed(tmp_path):
    p = write(tmp_path, GOOD.replace("type: ApplicationComponent\n  name:\n    vi: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia",
                                     "type: ApplicationComponet\n  name:\n    vi: Nền tảng tích hợp, chia sẻ dữ liệu quốc gia"))
    [msg] = problems_of(p)
    assert_located(msg, 22, 9)
    assert "elements[1].type (id 'ext.ngsp'): error: unknown element type 'ApplicationComponet' " \
           "(did you mean 'ApplicationComponent'?); allowed element types: Resource, Capability" in msg


def test_unknown_field_suggests_and_lists_allowed(tmp_path):
    p = write(tmp_path, GOOD.replace("  security_level: 3", "  secutity_level: 3"))
    [msg] = problems_of(p)
    assert_located(msg, 19, 3)
    assert "elements[0].secutity_level (id 'prov.lgsp'): error: unknown field 'secutity_level' for " \
           "ApplicationComponent (did you mean 'security_level'?); allowed fields: id, name," in msg


def test_wrong_value_says_what_is_allowed(tmp_path):
    p = write(tmp_path, GOOD.replace("  security_level: 3", "  security_level: 7"))
    [msg] = problems_of(p)
    assert msg == (f"{p}:19:19: elements[0].security_level (id 'prov.lgsp'): error: field 'security_level': "
                   "Input should be less than or equal to 5 (got 7)")


def test_dangling_reference(tmp_path):
    p = write(tmp_path, GOOD.replace("  target: ext.ngsp", "  target: ext.ngps"))
    [msg] = problems_of(p)
    assert msg == (f"{p}:30:11: relationships[0].target (id 'rel.lgsp_ngsp'): error: target 'ext.ngps' is not "
                   "an element or relationship of this model (did you mean 'ext.ngsp'?)")


def test_duplicate_id(tmp_path):
    p = write(tmp_path, GOOD.replace("- id: ext.ngsp", "- id: prov.lgsp"))
    msgs = problems_of(p)
    assert msgs[0] == (f"{p}:21:7: elements[1].id (id 'prov.lgsp'): error: duplicate id 'prov.lgsp': already used "
                       "by elements[0]; ids must be unique across elements, relationships and views")


def test_invalid_relationship_message(tmp_path):
    bad = GOOD.replace("- id: ext.ngsp\n  type: ApplicationComponent", "- id: ext.ngsp\n  type: Goal")
    p = write(tmp_path, bad)
    [msg] = problems_of(p)
    assert msg == (f"{p}:28:9: relationships[0].type (id 'rel.lgsp_ngsp'): error: Flow from ApplicationComponent "
                   "'prov.lgsp' to Goal 'ext.ngsp' is not allowed by ArchiMate 3.2; allowed from "
                   "ApplicationComponent to Goal: Association, Influence, Realization")


def test_lenient_mode_turns_invalid_relationships_into_warnings(tmp_path):
    bad = GOOD.replace("- id: ext.ngsp\n  type: ApplicationComponent", "- id: ext.ngsp\n  type: Goal")
    m = load(write(tmp_path, bad), strict=False)
    [w] = m.warnings
    assert w.severity == "warning" and w.concept_id == "rel.lgsp_ngsp"


def test_all_problems_of_a_file_in_one_run(tmp_path):
    bad = (GOOD.replace("  security_level: 3", "  security_level: 9")       # field value
              .replace("  confidence: V", "  confidense: V")                # unknown field
              .replace("- id: ext.ngsp\n  type: ApplicationComponent", "- id: ext.ngsp\n  type: Nod")  # type
              .replace("  target: ext.ngsp", "  target: nowhere")           # dangling
              .replace("  - ext.ngsp\n", "  - ext.gone\n")                  # view ref
              .replace("  - S14", "  - S99"))                               # source ref
    msgs = problems_of(write(tmp_path, bad))
    joined = "\n".join(msgs)
    for needle in ("less than or equal to 5", "unknown field 'confidense'", "unknown element type 'Nod'",
                   "target 'nowhere'", "view element 'ext.gone'", "unknown source id 'S99'"):
        assert needle in joined, needle
    assert len(msgs) == 6
    lines = [int(LOC.match(m)["line"]) for m in msgs]
    assert lines == sorted(lines)


def test_json_errors_are_located_too(tmp_path):
    data = json.loads(dumps(loads(GOOD), "json"))
    data["elements"][1]["security_level"] = "high"
    p = write(tmp_path, json.dumps(data, ensure_ascii=False, indent=2), "m.json")
    [msg] = problems_of(p)
    assert_located(msg, 37, 25)
    assert "elements[1].security_level (id 'ext.ngsp'): error: field 'security_level': Input should be a valid " \
           "integer" in msg


@pytest.mark.parametrize(
    "text,needle",
    [
        ("", "got an empty document"),
        ("- a\n- b\n", "got a list"),
        ("eaframe: '1'\n", "missing required field 'metadata'"),
        ("eaframe: '9'\nmetadata: {title: {en: x}}\n", "field 'eaframe': Input should be '1'"),
        ("metadata: {title: {en: x}}\nelements: [{id: a}]\n", "missing field 'type': give the ArchiMate element type"),
        ("metadata: {title: {en: x}}\nelements: [{type: Node}]\n", "missing required field 'id'"),
        ("metadata: {title: {en: x}}\nelements: [{id: 9lives, type: Node}]\n", "'9lives' is not a valid id"),
        ("metadata: {title: {en: x}}\nelements: [{id: a, type: Node, owner: b}]\n", "owner 'b' is not an element"),
        ("metadata: {title: {en: x}}\nelements: [{id: a, type: BusinessService, dossiers_total: 5, dossiers_online: 6}]\n",
         "dossiers_online (6) is greater than dossiers_total (5)"),
        ("metadata: {title: {en: x}}\nelements: [{id: a, type: Goal, budget: {total: 3, investment: 1, operating: 1}}]\n",
         "but total is 3"),
    ],
)
def test_bad_input_cases(tmp_path, text, needle):
    p = write(tmp_path, text)
    with pytest.raises(ModelValidationError) as info:
        load(p)
    text_all = "\n".join(str(x) for x in info.value.problems)
    assert needle in text_all
    assert all(str(x).startswith(str(p)) for x in info.value.problems)


def test_missing_file_suggests_bundled_model():
    with pytest.raises(ModelLoadError, match="no such file"):
        load("does/not/exist.yaml")


def test_non_utf8_file(tmp_path):
    p = tmp_path / "m.yaml"
    p.write_bytes("metadata: {title: {vi: Đồng Nai}}".encode("cp1258", errors="replace") + b"\xff")
    with pytest.raises(ModelLoadError, match="not UTF-8"):
        load(p)


def test_duplicate_yaml_keys_are_reported_not_dropped(tmp_path):
    p = write(tmp_path, GOOD.replace("  security_level: 3\n", "  security_level: 3\n  security_level: 4\n"))
    [msg] = problems_of(p)
    assert msg == (f"{p}:20:3: error: duplicate key 'security_level' in this mapping: remove one (a later value "
                   "would silently replace the earlier one)")


def test_duplicate_json_keys_are_reported(tmp_path):
    p = write(tmp_path, '{"eaframe": "1", "metadata": {"title": {"en": "x"}, "title": {"en": "y"}}}', "m.json")
    with pytest.raises(ModelLoadError, match="duplicate key 'title' in a JSON object"):
        load(p)
