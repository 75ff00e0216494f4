"""Archi CSV format details, and the export / import / validate --xsd commands."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from exchange_support import schema_errors
from test_exchange import small_model

from eaframe import dumps, load, save, synthetic_model
from eaframe.cli import main
from eaframe.exceptions import ExchangeFormatError
from eaframe.exchange import generate_archimate, read_archi_csv, write_archi_csv


def test_csv_files_are_written_as_archi_does(tmp_path):
    m = small_model()
    paths = write_archi_csv(m, tmp_path, prefix="dn-")
    assert [p.name for p in paths] == ["dn-elements.csv", "dn-relations.csv", "dn-properties.csv"]
    el = (tmp_path / "dn-elements.csv").read_bytes()
    assert el.startswith(b'"ID","Type","Name","Documentation","Specialization"\r\n')
    assert b'"eaframe-model","ArchimateModel","Ki\xe1\xba\xbfn tr\xc3\xbac th\xe1\xbb\xad nghi\xe1\xbb\x87m"' in el
    assert b'"j.and","Junction","",' in el and b'"grp.platforms","Grouping","Platforms"' in el
    # record ends are CRLF; the only bare LF is the one inside the quoted multi-line documentation
    assert el.replace(b"\r\n", b"").count(b"\n") == 1
    rel = (tmp_path / "dn-relations.csv").read_bytes().decode("utf-8")
    assert rel.startswith('"ID","Type","Name","Documentation","Source","Target","Specialization"\r\n')
    assert '"r.flow","FlowRelationship","data","","prov.lgsp","ext.ngsp",""' in rel
    assert '"r.assoc","AssociationRelationship","","","actor.citizen","r.flow",""' in rel
    props = (tmp_path / "dn-properties.csv").read_bytes().decode("utf-8")
    assert props.startswith('"ID","Key","Value"\r\n')
    for row in ('"j.and","Junction_Type","And"', '"j.or","Junction_Type","Or"', '"r.access","Access_Type","Read"',
                '"r.access3","Access_Type","Access"', '"r.influence","Influence_Strength","++"',
                '"r.assoc","Directed","true"', '"prov.lgsp","eaframe:security_level","3"',
                '"prov.lgsp","eaframe:name.en","Provincial LGSP"',
                '"eaframe-model","eaframe:province@vi","Đồng Nai"', '"prov.lgsp","vendor","VNPT"'):
        assert row in props, row
    # multi-line documentation stays inside one quoted field
    assert '"A small model with <markup> & ""quotes""\non two lines."' in el.decode("utf-8")


def test_csv_round_trip_keeps_everything_but_views(tmp_path):
    m = small_model()
    write_archi_csv(m, tmp_path)
    back = read_archi_csv(tmp_path / "relations.csv")
    expected = m.model_copy(deep=True)
    expected.views = []
    expected.relationships[3].access_type = "access"  # unspecified access is written as Archi's "Access"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert dumps(back) == dumps(expected)
    en = read_archi_csv(write_archi_csv(m, tmp_path / "en", lang="en")[0])
    assert en["prov.lgsp"].name == m["prov.lgsp"].name


def test_csv_written_by_archi_is_read(tmp_path):
    # semicolon delimiter, BOM, Archi's own ids, a junction without Junction_Type, no eaframe properties
    (tmp_path / "elements.csv").write_bytes(
        '\ufeff"ID";"Type";"Name";"Documentation";"Specialization"\r\n'
        '"m1";"ArchimateModel";"Mô hình";"";""\r\n'
        '"id-1";"BusinessActor";"Người dân";"Line 1\nLine 2";""\r\n'
        '"id-2";"BusinessRole";"Role";"";"Clerk"\r\n'
        '"id-3";"Junction";"";"";""\r\n'.encode("utf-8"))
    (tmp_path / "relations.csv").write_text(
        '"ID";"Type";"Name";"Documentation";"Source";"Target";"Specialization"\r\n'
        '"id-9";"AssignmentRelationship";"";"";"id-1";"id-2";""\r\n', encoding="utf-8")
    (tmp_path / "properties.csv").write_text(
        '"ID";"Key";"Value"\r\n"id-1";"Cost";"4000"\r\n"id-1";"Cost";"5000"\r\n', encoding="utf-8")
    m = read_archi_csv(tmp_path)  # a repeated free key is kept, not warned about (issue 11)
    assert m.metadata.title.vi == "Mô hình"
    assert m["id-1"].name.vi == "Người dân" and m["id-1"].documentation.vi == "Line 1\nLine 2"
    assert m["id-1"].properties == {"Cost": ["4000", "5000"]}
    assert m["id-2"].properties == {"Specialization": "Clerk"}
    assert m["id-3"].type == "AndJunction" and m["id-9"].type == "Assignment"


def test_csv_errors_name_file_and_line(tmp_path):
    (tmp_path / "elements.csv").write_text('"ID","Type","Name","Documentation","Specialization"\r\n'
                                           '"a","BusinessActr","A","",""\r\n', encoding="utf-8")
    with pytest.raises(ExchangeFormatError) as info:
        read_archi_csv(tmp_path)
    assert info.value.line == 2 and "BusinessActor" in str(info.value)
    (tmp_path / "elements.csv").write_text('"ID","Type","Name","Documentation","Specialization"\r\n'
                                           '"a","BusinessActor","A","",""\r\n', encoding="utf-8")
    (tmp_path / "relations.csv").write_text('"ID","Type","Name","Documentation","Source","Target","Specialization"\r\n'
                                            '"r","ServingRelationship","","","a","zz",""\r\n', encoding="utf-8")
    with pytest.raises(ExchangeFormatError) as info:
        read_archi_csv(tmp_path / "elements.csv")
    p = info.value.problems[0]
    assert p.file.endswith("relations.csv") and p.line == 2 and "'zz'" in p.message
    (tmp_path / "elements.csv").write_text('"Nope"\r\n', encoding="utf-8")
    with pytest.raises(ExchangeFormatError, match="header"):
        read_archi_csv(tmp_path)
    with pytest.raises(ExchangeFormatError, match="elements.csv"):
        read_archi_csv(tmp_path / "model.txt")


# -------------------------------------------------------------------------- CLI
def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_cli_export_every_format(tmp_path, shared):
    model = tmp_path / "m.yaml"
    save(small_model(), model)
    for fmt in ("archimate", "csv", "json", "yaml", "graphml"):
        out = tmp_path / f"out-{fmt}"
        res = run("export", model, "--to", fmt, "-o", out, "--layout", "grid")
        assert res.exit_code == 0, res.output
    assert schema_errors((tmp_path / "out-archimate").read_bytes(), shared) == []
    assert (tmp_path / "out-archimate").read_bytes() == generate_archimate(small_model(), layout="grid")
    assert (tmp_path / "out-csv" / "relations.csv").is_file()
    assert json.loads((tmp_path / "out-json").read_text(encoding="utf-8"))["eaframe"] == "1"
    assert dumps(load(tmp_path / "out-yaml")) == dumps(small_model())
    G = nx.read_graphml(tmp_path / "out-graphml")
    assert G.nodes["prov.lgsp"]["security_level"] == "3" and G.nodes["prov.lgsp"]["name_vi"].startswith("Nền")
    res = run("export", model, "--to", "archimate", "-o", tmp_path / "vi.xml", "--lang", "vi", "--layout", "grid")
    assert res.exit_code == 0 and b'xml:lang="en">Provincial LGSP' not in (tmp_path / "vi.xml").read_bytes()


def test_cli_import_and_validate(tmp_path, shared):
    xsd = shared / "archimate" / "xsd"
    xml = tmp_path / "m.xml"
    xml.write_bytes(generate_archimate(small_model(), layout="grid"))
    res = run("validate", xml, "--xsd", xsd)
    assert res.exit_code == 0 and "valid against the exchange-format XSDs" in res.output
    res = run("import", xml, "-o", tmp_path / "back.yaml")
    assert res.exit_code == 0
    assert dumps(load(tmp_path / "back.yaml")) == dumps(small_model())
    write_archi_csv(synthetic_model(20, 1), tmp_path / "csv")
    res = run("import", tmp_path / "csv" / "elements.csv", "-o", tmp_path / "csv.yaml")
    assert res.exit_code == 0 and len(load(tmp_path / "csv.yaml").elements) == 20
    for ex in sorted((shared / "archimate" / "examples").glob("*.xml")):
        assert run("validate", ex, "--xsd", xsd).exit_code == 0


def test_cli_errors_exit_1_without_traceback(tmp_path, shared):
    xsd = shared / "archimate" / "xsd"
    bad = tmp_path / "bad.xml"
    bad.write_bytes(generate_archimate(small_model(), layout="grid").replace(b'h="55"', b'h="-5"', 1))
    res = CliRunner().invoke(main, ["validate", str(bad), "--xsd", str(xsd)])
    assert res.exit_code == 1 and f"{bad}:" in res.output and "Traceback" not in res.output
    hostile = tmp_path / "hostile.xml"
    hostile.write_text('<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY a "b">]>\n<m>&a;</m>', encoding="utf-8")
    res = CliRunner().invoke(main, ["import", str(hostile), "-o", str(tmp_path / "x.yaml")])
    assert res.exit_code == 1 and "not allowed" in res.output and not (tmp_path / "x.yaml").exists()
    res = CliRunner().invoke(main, ["validate", str(bad), "--xsd", str(tmp_path)])
    assert res.exit_code == 1 and "archimate3_Diagram.xsd" in res.output
    res = CliRunner().invoke(main, ["export", "nope.yaml", "--to", "archimate", "-o", str(tmp_path / "o.xml")])
    assert res.exit_code == 1 and "no such file" in res.output


def test_demo_step_exports_valid_archimate(tmp_path, shared):
    from eaframe.cli.demo import DEMO_STEPS

    step = dict(DEMO_STEPS)["archimate"]
    models = {"small": small_model(), "synthetic": synthetic_model(30, 2)}
    written = step(models, tmp_path)
    assert [Path(p).name for p in written] == ["small.xml", "synthetic.xml"]
    for p in written:
        assert schema_errors(Path(p).read_bytes(), shared) == []
