"""Archi's native ``.archimate`` format: what is read, kept and written (eaframe.exchange.native)."""

from __future__ import annotations

import base64
import io
import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from eaframe import load, save
from eaframe.cli import main
from eaframe.exceptions import ExchangeFormatError
from eaframe.exchange import dumps_archi, generate_archimate, parse_archimate, read_archi, reads_archi, write_archi
from eaframe.formats import dumps, format_of, loads
from eaframe.modelfile import dumps as yaml_dumps
from eaframe.synthetic import synthetic_model

# the sample holds relationships ArchiMate 3.2 does not allow (read leniently) and folder data the exchange format cannot hold: those warnings are asserted by the tests that are about them
pytestmark = pytest.mark.filterwarnings("ignore::eaframe.exceptions.EaframeWarning")

A = "http://www.archimatetool.com/archimate"

SAMPLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<archimate:model xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:archimate="http://www.archimatetool.com/archimate" name="Sample" id="m-1" version="4.9.0">
  <folder name="Business" id="f-b" type="business">
    <folder name="Actors" id="f-actors">
      <documentation>Who acts</documentation>
      <property key="owner" value="team"/>
      <element xsi:type="archimate:BusinessActor" name="Customer" id="a1" profiles="p1">
        <documentation>The customer</documentation>
        <property key="Attribute" value="one"/>
        <property key="Attribute" value="two"/>
        <property key="tier" value="gold"/>
      </element>
    </folder>
    <element xsi:type="archimate:BusinessRole" name="Buyer" id="a2"/>
  </folder>
  <folder name="Technology &amp; Physical" id="f-t" type="technology">
    <element xsi:type="archimate:InfrastructureService" name="Hosting" id="t1"/>
  </folder>
  <folder name="Other" id="f-o" type="other">
    <element xsi:type="archimate:Junction" id="j1" type="or"/>
    <element xsi:type="archimate:Junction" id="j2"/>
    <element xsi:type="archimate:Gizmo" name="Unknown" id="g1"/>
  </folder>
  <folder name="Relations" id="f-r" type="relations">
    <element xsi:type="archimate:AssignmentRelationship" id="r1" source="a1" target="a2"/>
    <element xsi:type="archimate:UsedByRelationship" id="r2" source="t1" target="a2"/>
    <element xsi:type="archimate:AccessRelationship" id="r3" source="a2" target="a1" accessType="1"/>
    <element xsi:type="archimate:InfluenceRelationship" id="r4" source="a1" target="a2" strength="++"/>
    <element xsi:type="archimate:AssociationRelationship" name="knows" id="r5" source="a1" target="a2" directed="true"/>
    <element xsi:type="archimate:AccessRelationship" id="r6" source="a2" target="a1"/>
  </folder>
  <folder name="Views" id="f-v" type="diagrams">
    <element xsi:type="archimate:ArchimateDiagramModel" name="Main" id="v1" viewpoint="layered">
      <child xsi:type="archimate:Group" id="n-g" name="Box" textAlignment="1" fillColor="#D2D7D7">
        <bounds x="10" y="20" width="400" height="300"/>
        <child xsi:type="archimate:DiagramObject" id="n-a1" targetConnections="c2" archimateElement="a1"
               font="1|Segoe UI|9.0|1|WINDOWS|1|-12|0|0|0|700|0|0|0|0|3|2|1|34|Segoe UI" fontColor="#ff0000">
          <bounds x="30" y="40" width="120" height="55"/>
          <sourceConnection xsi:type="archimate:Connection" id="c1" source="n-a1" target="n-a2"
                            archimateRelationship="r1" lineColor="#0000ff">
            <bendpoint startX="100" startY="0" endX="-50" endY="-80"/>
            <bendpoint startX="150" startY="10" endX="-3" endY="-1"/>
          </sourceConnection>
        </child>
      </child>
      <child xsi:type="archimate:DiagramObject" id="n-a2" targetConnections="c1" archimateElement="a2" type="1">
        <bounds x="300" y="400"/>
        <sourceConnection xsi:type="archimate:Connection" id="c2" source="n-a2" target="n-a1" archimateRelationship="r3"/>
      </child>
      <child xsi:type="archimate:Note" id="n-note" textAlignment="1">
        <bounds x="-20" y="500" width="185" height="80"/>
        <content>A note</content>
      </child>
      <child xsi:type="archimate:DiagramModelReference" id="n-ref" model="v2">
        <bounds x="600" y="10" width="120" height="55"/>
      </child>
      <child xsi:type="archimate:DiagramModelReference" id="n-sref" model="s1">
        <bounds x="600" y="100" width="120" height="55"/>
      </child>
    </element>
    <element xsi:type="archimate:ArchimateDiagramModel" name="Second" id="v2"/>
    <element xsi:type="archimate:SketchModel" name="Sketch" id="s1">
      <child xsi:type="archimate:SketchModelSticky" id="st1" name="Idea" fillColor="#ffff00">
        <bounds x="10" y="10" width="75" height="63"/>
      </child>
    </element>
  </folder>
  <purpose>What it is for</purpose>
  <property key="client" value="x"/>
  <profile name="Special" id="p1" conceptType="BusinessActor"/>
</archimate:model>
"""


def _quiet_read(data: bytes, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return reads_archi(data, **kw)


@pytest.fixture(scope="module")
def sample():
    return _quiet_read(SAMPLE)


def test_concepts_types_and_attributes(sample):
    m = sample
    assert m.metadata.title.untagged == "Sample" and m.metadata.documentation.untagged == "What it is for"
    assert m.metadata.identifier == "m-1" and m.metadata.languages == []  # Archi text has no language
    assert m.metadata.properties == {"client": "x"}
    a1 = m["a1"]
    assert a1.type == "BusinessActor" and a1.name.untagged == "Customer" and a1.documentation.untagged == "The customer"
    assert a1.properties == {"Attribute": ["one", "two"], "tier": "gold"}  # repeated keys kept as a list
    assert m["t1"].type == "TechnologyService"  # Archi 2.x InfrastructureService
    assert (m["j1"].type, m["j2"].type) == ("OrJunction", "AndJunction")
    assert m["r2"].type == "Serving"  # Archi 2.x UsedBy
    assert m["r3"].access_type.value == "read" and m["r6"].access_type.value == "write"  # absent = Archi's write
    assert m["r4"].modifier == "++"
    assert m["r5"].is_directed and m["r5"].name.untagged == "knows"
    assert "g1" not in m and "Gizmo" in m.native.objects["g1"]


def test_folders_kept_with_their_tree(sample):
    top = {f.type: f for f in sample.folders}
    assert [f.name.untagged for f in sample.folders] == ["Business", "Technology & Physical", "Other", "Relations", "Views"]
    actors = top["business"].folders[0]
    assert (actors.id, actors.name.untagged, actors.documentation.untagged, actors.properties) == \
        ("f-actors", "Actors", "Who acts", {"owner": "team"})
    assert actors.items == ("a1",) and top["business"].items == ("a2",)
    assert top["diagrams"].items == ("v1", "v2", "s1")


def test_diagram_geometry_is_absolute(sample):
    v = sample.view("v1")
    d = v.diagram
    assert v.viewpoint == "layered" and v.elements == ["a1", "a2"] and v.relationships == ["r1", "r3"]
    # the note at x=-20 shifts the whole diagram right by 20 (eaframe coordinates are >= 0)
    group = d.nodes[0]
    assert (group.kind, group.label.untagged, group.x, group.y, group.w, group.h) == ("Container", "Box", 30, 20, 400, 300)
    a1 = group.nodes[0]
    assert (a1.element, a1.x, a1.y) == ("a1", 60, 60)  # 10+30 (+20 shift), 20+40
    assert a1.style.font.name == "Segoe UI" and a1.style.font.style == "bold" and a1.style.font.color.r == 255
    assert group.style.fill_color.model_dump() == {"r": 210, "g": 215, "b": 215, "a": None}
    a2 = d.nodes[1]
    assert (a2.x, a2.y, a2.w, a2.h) == (320, 400, 120, 55)  # -1 size: Archi's default
    note = d.nodes[2]
    assert (note.kind, note.label.untagged, note.x) == ("Label", "A note", 0)
    assert d.nodes[3].view_refs == ["v2"]
    assert d.nodes[4].view_refs == []  # a reference to a sketch stays verbatim
    c1 = d.connections[0]
    assert (c1.source, c1.target, c1.relationship) == ("n-a1", "n-a2", "r1")
    # bendpoint i of n: weighted (i+1)/(n+1) between source centre (100, 87) + start and target
    # centre (360, 427) + end (before the shift of 20)
    assert [(p.x, p.y) for p in c1.bendpoints] == [(round(2 / 3 * 200 + 1 / 3 * 310) + 20, round(2 / 3 * 87 + 1 / 3 * 347)),
                                                   (round(1 / 3 * 250 + 2 / 3 * 357) + 20, round(1 / 3 * 97 + 2 / 3 * 426))]
    assert c1.style.line_color.b == 255


def test_what_eaframe_does_not_model_is_kept_and_reported():
    with pytest.warns(Warning, match="warning"):
        m = reads_archi(SAMPLE)
    text = " ".join(str(w) for w in m.warnings)
    assert "Gizmo: 1" in text and "SketchModel: 1" in text and "kept verbatim" in text
    assert "UsedByRelationship → ServingRelationship: 1" in text
    nat = m.native
    assert nat.attributes["n-g"]["textAlignment"] == "1" and nat.attributes["a1"]["profiles"] == "p1"
    assert nat.attributes["n-a2"]["type"] == "1"
    assert any("<profile" in c for c in nat.children["m-1"])
    assert "SketchModelSticky" in nat.objects["s1"]


def test_round_trip_gives_the_same_file_structure(sample):
    out = dumps_archi(sample)
    root = etree.fromstring(out)
    assert root.tag == f"{{{A}}}model" and root.get("version") == "5.0.0" and root.get("id") == "m-1"
    orig = etree.fromstring(SAMPLE)

    def shape(r):
        return sorted((el.tag, el.get("id"), el.get("{http://www.w3.org/2001/XMLSchema-instance}type"))
                      for el in r.iter() if isinstance(el.tag, str) and el.get("id"))

    expected = [(t, i, {"archimate:UsedByRelationship": "archimate:ServingRelationship",
                        "archimate:InfrastructureService": "archimate:TechnologyService"}.get(x, x))
                for t, i, x in shape(orig)]
    assert shape(root) == sorted(expected)
    by_id = {el.get("id"): el for el in root.iter() if isinstance(el.tag, str)}
    orig_id = {el.get("id"): el for el in orig.iter() if isinstance(el.tag, str)}
    for nid in ("n-g", "n-a1", "n-note"):
        assert by_id[nid].find("bounds").attrib == orig_id[nid].find("bounds").attrib
    assert by_id["n-a2"].find("bounds").attrib == {"x": "300", "y": "400", "width": "-1", "height": "-1"}
    assert [b.attrib for b in by_id["c1"].iter("bendpoint")] == [b.attrib for b in orig_id["c1"].iter("bendpoint")]
    for attr in ("font", "fontColor"):
        assert by_id["n-a1"].get(attr) == orig_id["n-a1"].get(attr)
    assert by_id["n-g"].get("fillColor") == "#D2D7D7"  # the original spelling
    assert by_id["n-a1"].get("targetConnections") == "c2"
    again = reads_archi(out)
    assert again == sample
    assert dumps_archi(again) == out


def test_typed_fields_survive_native(tmp_path):
    m = load("dongnai-2020")
    back = _quiet_read(dumps_archi(m), default_lang="vi")
    for e in m.elements:
        b = back[e.id]
        assert b.type == e.type and b.properties == e.properties
        assert b.model_dump(exclude={"name", "documentation"}) == e.model_dump(exclude={"name", "documentation"})
    assert [v.id for v in back.views] == [v.id for v in m.views]
    assert all(v.diagram is None for v in back.views)  # laid out for Archi, then recognised as eaframe's
    assert back.metadata.instrument == m.metadata.instrument


def test_synthetic_round_trip_is_stable():
    m = synthetic_model(200, seed=4)
    data = dumps_archi(m)
    back = reads_archi(data)
    assert dumps_archi(back) == data
    assert [e.id for e in back.elements] != [] and {e.id for e in back.elements} == {e.id for e in m.elements}


def test_zipped_model_keeps_its_images(tmp_path):
    png = b"\x89PNG\r\n\x1a\nrest"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("model.xml", SAMPLE)
        z.writestr("images/pic.png", png)
    m = _quiet_read(buf.getvalue())
    assert base64.b64decode(m.native.images["images/pic.png"]) == png
    out = tmp_path / "o.archimate"
    write_archi(m, out)
    with zipfile.ZipFile(out) as z:
        assert z.namelist() == ["model.xml", "images/pic.png"] and z.read("images/pic.png") == png
    assert read_archi(out, strict=False) == m
    # a model without images is plain XML
    plain = tmp_path / "p.archimate"
    write_archi(load("vn-province-1.0"), plain)
    assert plain.read_bytes().startswith(b"<?xml")


def test_model_file_keeps_native_data(sample):
    again = loads(dumps(sample, format="yaml"), format="yaml", strict=False)
    assert again == sample and dumps_archi(again) == dumps_archi(sample)


def test_load_save_detect_by_content(tmp_path):
    p = tmp_path / "model.bin"
    p.write_bytes(SAMPLE)
    assert format_of(p) == "archi"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = load(p, strict=False)
        assert m.metadata.title.untagged == "Sample"
        out = tmp_path / "o.archimate"
        save(m, out)
        assert load(out, strict=False) == m
        assert loads(SAMPLE.decode("utf-8"), strict=False) == m
        assert dumps(m, format="archi").encode("utf-8") == dumps_archi(m)


def test_exchange_of_a_native_model_is_valid_xml_and_reads_back(sample):
    xml = generate_archimate(sample)
    back = parse_archimate(xml)
    assert {e.id for e in back.elements} == {e.id for e in sample.elements}


# ---------------------------------------------------------------- CLI
@pytest.fixture()
def runner():
    return CliRunner()


def test_cli_import_export_and_commands(runner, tmp_path):
    src = tmp_path / "sample.archimate"
    src.write_bytes(SAMPLE)
    yml = tmp_path / "m.yaml"
    r = runner.invoke(main, ["import", str(src), "-o", str(yml)])
    assert r.exit_code == 0, r.output
    assert "kept verbatim" in r.stderr
    out = tmp_path / "back.archimate"
    r = runner.invoke(main, ["export", str(yml), "--to", "archi", "-o", str(out)])
    assert r.exit_code == 0, r.output
    expected = _quiet_read(SAMPLE)
    expected.metadata.lenient = True  # import marks a model with relationships ArchiMate 3.2 does not allow
    assert out.read_bytes() == dumps_archi(expected)
    r = runner.invoke(main, ["export", str(src), "--to", "archi", "-o", "-"])
    assert r.exit_code == 0 and r.stdout_bytes == out.read_bytes()  # load_or_exit marks it lenient too
    for cmd in (["info", str(src)], ["validate", "--lenient", str(src)], ["diff", str(src), str(out)]):
        r = runner.invoke(main, cmd)
        assert r.exit_code == 0, (cmd, r.output)
    r = runner.invoke(main, ["import", "-", "-o", str(tmp_path / "stdin.yaml")], input=SAMPLE)
    assert r.exit_code == 0, r.output


# ---------------------------------------------------------------- bad input
def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_truncated_and_corrupt_files_are_refused():
    with pytest.raises(ExchangeFormatError, match="malformed XML") as e:
        reads_archi(SAMPLE[:700])
    assert e.value.line is not None
    zipped = _zip({"model.xml": SAMPLE})
    with pytest.raises(ExchangeFormatError, match="truncated or corrupt"):
        reads_archi(zipped[: len(zipped) // 2])
    broken = bytearray(zipped)
    at = broken.find(b"model.xml") + 9 + 20  # inside the compressed data of model.xml
    broken[at:at + 8] = b"\x00" * 8
    with pytest.raises(ExchangeFormatError, match=r"<bytes>!model.xml|model.xml"):
        reads_archi(bytes(broken))


def test_zip_without_model_and_other_roots_say_what_they_are():
    with pytest.raises(ExchangeFormatError, match="without model.xml"):
        reads_archi(_zip({"a.txt": b"hello"}))
    with pytest.raises(ExchangeFormatError, match="not an Archi model: the root element is <model>"):
        reads_archi(b'<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/"/>')


def test_zip_bombs_are_refused():
    bomb = _zip({"model.xml": SAMPLE + b" " * 5_000_000})
    with pytest.raises(ExchangeFormatError, match=r"!model.xml: archive member declares \d+ bytes"):
        reads_archi(bomb, max_bytes=1_000_000)
    image = _zip({"model.xml": SAMPLE, "images/x.png": b"\x00" * 3_000_000})
    with pytest.raises(ExchangeFormatError, match=r"!images/x.png: archive member declares"):
        reads_archi(image, max_image_bytes=1_000_000)
    # a member that lies about its size: the actual bytes are counted too
    data = bytearray(_zip({"model.xml": SAMPLE, "images/x.png": b"\x00" * 3_000_000}))
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := data.find(sig, start)) >= 0:
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if data[name_at:name_at + 12] == b"images/x.png":
                data[at + off:at + off + 4] = (100).to_bytes(4, "little")
            start = at + 4
    with pytest.raises(ExchangeFormatError, match=r"images/x.png: (archive member unpacks to more|cannot unpack)"):
        reads_archi(bytes(data), max_image_bytes=1_000_000)


@pytest.mark.parametrize("name", ["../../x.png", "/etc/x.png", "images/../../x.png", "C:/x.png", "images\\..\\x"])
def test_path_traversal_in_member_names_is_refused(name, tmp_path):
    with pytest.raises(ExchangeFormatError, match="leaves the archive"):
        reads_archi(_zip({"model.xml": SAMPLE, name: b"x"}))
    m = _quiet_read(SAMPLE)
    m.native.images = {name: base64.b64encode(b"x").decode()}
    with pytest.raises(ExchangeFormatError, match="not a name inside the archive"):
        write_archi(m, tmp_path / "o.archimate")
    assert list(tmp_path.iterdir()) == []


def test_doctype_and_entities_are_refused():
    evil = (b'<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            b'<archimate:model xmlns:archimate="http://www.archimatetool.com/archimate" name="&x;"/>')
    with pytest.raises(ExchangeFormatError, match="DTDs and entity declarations"):
        reads_archi(evil)
    with pytest.raises(ExchangeFormatError, match=r"model.xml:2: DTDs"):
        reads_archi(_zip({"model.xml": evil}))


def test_lone_surrogate_in_text_is_an_eaframe_error():
    text = SAMPLE.decode("utf-8").replace('name="Buyer"', 'name="\ud800"')
    with pytest.raises(ExchangeFormatError, match="U\\+D800"):
        loads(text)


def test_huge_files_are_refused(tmp_path):
    p = tmp_path / "big.archimate"
    p.write_bytes(SAMPLE)
    with pytest.raises(ExchangeFormatError, match="over the limit of 100 bytes") as e:
        read_archi(p, max_bytes=100)
    assert str(p) in str(e.value)


def test_bad_values_name_the_line():
    bad = SAMPLE.replace(b'<bounds x="300" y="400"/>', b'<bounds x="3a" y="400"/>')
    with pytest.raises(ExchangeFormatError, match="x='3a'") as e:
        reads_archi(bad)
    assert e.value.line == bad[:bad.find(b'x="3a"')].count(b"\n") + 1
    dangling = SAMPLE.replace(b'source="a1" target="a2"/>', b'source="a1" target="nope"/>', 1)
    with pytest.raises(ExchangeFormatError, match="nope") as e:
        _quiet_read(dangling)
    assert any(p.line for p in e.value.problems) or e.value.line


def test_cli_refuses_bad_archives_without_writing(tmp_path):
    p = tmp_path / "bad.archimate"
    p.write_bytes(_zip({"model.xml": SAMPLE, "../evil.png": b"x"}))
    out = tmp_path / "o.yaml"
    r = CliRunner().invoke(main, ["import", str(p), "-o", str(out)])
    assert r.exit_code == 1 and "leaves the archive" in r.stderr and "Traceback" not in r.output
    assert not out.exists() and not (tmp_path.parent / "evil.png").exists()


def test_yaml_of_native_model_round_trips_bytes(sample, tmp_path):
    text = yaml_dumps(sample)
    assert "native:" in text and "folders:" in text
    assert Path  # keep import used
