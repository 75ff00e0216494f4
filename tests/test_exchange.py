"""ArchiMate exchange XML: golden export, XSD validity, round trips, real files, hostile files."""

from __future__ import annotations

import io
import shutil
import warnings
from pathlib import Path

import pytest
from exchange_support import assert_valid_archimate, schema_errors
from lxml import etree

from eaframe import ArchitectureModel, bundled_models, dumps, loads, synthetic_model
from eaframe.bundled import load_model
from eaframe.exceptions import ExchangeFormatError
from eaframe.exchange import generate_archimate, parse_archimate, read_archimate, validate_exchange, write_archimate
from eaframe.exchange.archimate import NS, diagram_fingerprint

SMALL = {
    "metadata": {
        "title": {"vi": "Kiến trúc thử nghiệm", "en": "Test architecture", "other": {"fr": "Architecture d'essai"}},
        "framework_version": "2.0",
        "province": {"vi": "Đồng Nai", "en": "Dong Nai"},
        "instrument": {"kind": "decision", "number": "2323/QĐ-BTTTT", "date": "2019-12-31",
                       "issuer": {"vi": "Bộ Thông tin và Truyền thông", "en": "Ministry of Information and Communications"}},
        "realises": "vn-province-2.0",
        "documentation": {"en": "A small model with <markup> & \"quotes\"\non two lines."},
        "sources": {"S14": {"title": "VietnamPlus on the Hải Dương LGSP", "url": "https://example.org/a?b=1&c=2"},
                    "S1.2": {"title": "Dotted source id", "note": "kept"}},
        "properties": {"owner": "Sở TT&TT", "dc:creator": "eaframe tests"},
    },
    "elements": [
        {"id": "actor.citizen", "type": "BusinessActor", "name": {"vi": "Người dân", "en": "Citizen"}},
        {"id": "prov.lgsp", "type": "ApplicationComponent",
         "name": {"vi": "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh", "en": "Provincial LGSP"},
         "documentation": {"vi": "Trục LGSP", "en": "The LGSP hub"},
         "sources": ["S14", "S1.2"], "confidence": "V", "status": "existing", "scope": "provincial",
         "mandatory": True, "security_level": 3, "protection_plan_approved": True, "public_facing": False,
         "procurement": "lease", "implements": "prov.lgsp", "properties": {"vendor": "VNPT", "eaframe:note": "free"}},
        {"id": "ext.ngsp", "type": "ApplicationComponent", "name": {"vi": "NGSP", "en": "NGSP"}, "scope": "national"},
        {"id": "nat.db.population", "type": "DataObject", "name": {"vi": "CSDL quốc gia về dân cư",
                                                                   "en": "National population database"}},
        {"id": "svc.birth", "type": "BusinessService", "name": {"vi": "Đăng ký khai sinh", "en": "Birth registration"},
         "public_facing": True, "service_level": 4, "service_mode": "full", "dossiers_total": 1200,
         "dossiers_online": 480, "confidence": "I"},
        {"id": "goal.online", "type": "Goal", "name": {"en": "Online dossiers"},
         "target": {"indicator": "dossiers_online_level4_share", "value": 30, "unit": "%", "comparison": ">=",
                    "deadline": "2020-12-31"}},
        {"id": "dn.it_program_2019_2020", "type": "WorkPackage", "name": {"vi": "Chương trình CNTT 2019–2020"},
         "budget": {"total": 150126, "investment": 102434, "operating": 47692, "unit": "million VND"},
         "replaces": ["old.plan"], "owner": "actor.citizen"},
        {"id": "old.plan", "type": "WorkPackage", "name": {"en": "Old plan"}, "status": "retired"},
        {"id": "grp.platforms", "type": "Grouping", "name": {"en": "Platforms"}},
        {"id": "j.and", "type": "AndJunction"},
        {"id": "j.or", "type": "OrJunction"},
        {"id": "loc.dn", "type": "Location"},
    ],
    "relationships": [
        {"id": "r.flow", "type": "Flow", "source": "prov.lgsp", "target": "ext.ngsp", "name": {"en": "data"},
         "sources": ["S14"], "confidence": "V"},
        {"id": "r.access", "type": "Access", "source": "ext.ngsp", "target": "nat.db.population", "access_type": "read"},
        {"id": "r.access2", "type": "Access", "source": "prov.lgsp", "target": "nat.db.population",
         "access_type": "access"},
        {"id": "r.access3", "type": "Access", "source": "prov.lgsp", "target": "nat.db.population"},
        {"id": "r.serves", "type": "Serving", "source": "prov.lgsp", "target": "svc.birth"},
        {"id": "r.influence", "type": "Influence", "source": "svc.birth", "target": "goal.online", "modifier": "++"},
        {"id": "r.assoc", "type": "Association", "source": "actor.citizen", "target": "r.flow", "is_directed": True},
        {"id": "r.assoc2", "type": "Association", "source": "actor.citizen", "target": "svc.birth"},
        {"id": "r.grp1", "type": "Aggregation", "source": "grp.platforms", "target": "prov.lgsp"},
        {"id": "r.grp2", "type": "Aggregation", "source": "grp.platforms", "target": "ext.ngsp"},
        {"id": "r.j1", "type": "Serving", "source": "prov.lgsp", "target": "j.and"},
        {"id": "r.j2", "type": "Serving", "source": "j.and", "target": "svc.birth"},
        {"id": "r.j3", "type": "Triggering", "source": "j.or", "target": "j.and"},
    ],
    "views": [
        {"id": "view.overview", "name": {"vi": "Tổng quan", "en": "Overview"}, "viewpoint": "Layered",
         "elements": ["actor.citizen", "svc.birth", "prov.lgsp", "ext.ngsp", "nat.db.population", "grp.platforms",
                      "goal.online", "j.and"],
         "documentation": {"en": "Everything"}, "properties": {"audience": "architects"}},
        {"id": "view.hub", "name": {"en": "Hub"}, "elements": ["prov.lgsp", "ext.ngsp"], "relationships": ["r.flow"],
         "layout": {"direction": "LR", "cluster_by": "none"}, "viewpoint": "Ad-hoc view"},
        {"id": "view.drawn", "name": {"en": "Drawn in Archi"},
         "elements": ["prov.lgsp", "ext.ngsp", "actor.citizen"],
         "diagram": {
             "nodes": [
                 {"id": "n.box", "kind": "Container", "x": 0, "y": 0, "w": 400, "h": 200,
                  "label": {"en": "Group box"},
                  "style": {"fill_color": {"r": 255, "g": 255, "b": 255, "a": 50}, "line_width": 2,
                            "font": {"name": "Segoe UI", "size": "9.5", "style": "bold italic",
                                     "color": {"r": 0, "g": 0, "b": 0}}},
                  "nodes": [
                      {"id": "n.lgsp", "element": "prov.lgsp", "x": 10, "y": 30, "w": 120, "h": 55,
                       "view_refs": ["view.hub"]},
                      {"id": "n.ngsp", "element": "ext.ngsp", "x": 200, "y": 30, "w": 120, "h": 55},
                  ]},
                 {"id": "n.note", "kind": "Label", "x": 450, "y": 0, "w": 185, "h": 80,
                  "label": {"vi": "Ghi chú", "en": "A note"}, "documentation": {"en": "note doc"}},
                 {"id": "n.citizen", "element": "actor.citizen", "x": 450, "y": 120, "w": 120, "h": 55,
                  "label": {"en": "Citizen (label)"}},
             ],
             "connections": [
                 {"id": "c.flow", "relationship": "r.flow", "source": "n.lgsp", "target": "n.ngsp",
                  "style": {"line_color": {"r": 0, "g": 0, "b": 255}, "line_width": 3},
                  "source_attachment": {"x": 130, "y": 50}, "bendpoints": [{"x": 160, "y": 40}, {"x": 170, "y": 45}],
                  "target_attachment": {"x": 200, "y": 50}},
                 {"id": "c.assoc", "relationship": "r.assoc", "source": "n.citizen", "target": "c.flow",
                  "label": {"en": "uses"}},
                 {"id": "c.line", "kind": "Line", "source": "n.note", "target": "n.box"},
             ]}},
    ],
}


def small_model() -> ArchitectureModel:
    return ArchitectureModel.model_validate(SMALL)


@pytest.fixture(scope="module")
def xsd_dir(shared) -> Path:
    return shared / "archimate" / "xsd"


def roundtrip(m: ArchitectureModel, **kw) -> ArchitectureModel:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parse_archimate(generate_archimate(m, **kw))


# ------------------------------------------------------------------------ export
def test_golden_small_model(golden, shared):
    xml = generate_archimate(small_model(), layout="grid")
    assert_valid_archimate(xml, shared)
    golden("exchange-small.xml", xml.decode("utf-8"))


def test_output_is_deterministic_and_utf8():
    m = small_model()
    a = generate_archimate(m, layout="grid")
    assert a == generate_archimate(small_model(), layout="grid")
    assert "Nền tảng tích hợp".encode() in a


def test_small_model_round_trip_is_exact(shared):
    m = small_model()
    back = roundtrip(m, layout="grid")
    assert dumps(back) == dumps(m)
    # and a second trip gives the same bytes
    assert generate_archimate(back, layout="grid") == generate_archimate(m, layout="grid")


def test_mapping_details():
    xml = generate_archimate(small_model(), layout="grid")
    root = etree.fromstring(xml)
    ns = {"a": NS, "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
    lgsp = root.find("a:elements/a:element[@identifier='prov.lgsp']", ns)
    assert [(n.get("{http://www.w3.org/XML/1998/namespace}lang"), n.text) for n in lgsp.findall("a:name", ns)] == [
        ("vi", "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh"), ("en", "Provincial LGSP")]
    defs = {d.get("identifier"): d.find("a:name", ns).text for d in root.iterfind(".//a:propertyDefinition", ns)}
    props = {defs[p.get("propertyDefinitionRef")]: p.find("a:value", ns).text for p in lgsp.iterfind(".//a:property", ns)}
    assert props["eaframe:security_level"] == "3"
    assert props["eaframe:sources"] == "S14 S1.2"
    assert props["eaframe:scope"] == "provincial"
    assert props["vendor"] == "VNPT"
    rels = {r.get("identifier"): r for r in root.iterfind(".//a:relationship", ns)}
    assert rels["r.access"].get("accessType") == "Read"
    assert rels["r.access2"].get("accessType") == "Access"
    assert rels["r.access3"].get("accessType") is None
    assert rels["r.influence"].get("modifier") == "++"
    assert rels["r.assoc"].get("isDirected") == "true" and rels["r.assoc"].get("target") == "r.flow"
    assert rels["r.assoc2"].get("isDirected") is None
    types = {e.get("identifier"): e.get(f"{{{ns['xsi']}}}type") for e in root.iterfind(".//a:element", ns)}
    assert types["j.and"] == "AndJunction" and types["j.or"] == "OrJunction"
    # folders by layer, like Archi
    labels = [i.find("a:label", ns).text for i in root.find("a:organizations", ns)]
    assert labels[:3] == ["Business", "Application", "Motivation"] and labels[-2:] == ["Relations", "Views"]
    # Dublin Core metadata
    assert root.find("a:metadata/{http://purl.org/dc/elements/1.1/}creator", ns).text == "eaframe tests"
    # generated view: nested grouping, layer colours, absolute integer geometry
    view = root.find(".//a:view[@identifier='view.overview']", ns)
    grp = view.find("a:node[@elementRef='grp.platforms']", ns)
    inner = {n.get("elementRef") for n in grp.findall("a:node", ns)}
    assert inner == {"prov.lgsp", "ext.ngsp"}
    for n in grp.findall("a:node", ns):
        assert int(n.get("x")) >= int(grp.get("x")) and int(n.get("y")) >= int(grp.get("y"))
    app = grp.find("a:node[@elementRef='prov.lgsp']/a:style/a:fillColor", ns)
    assert (app.get("r"), app.get("g"), app.get("b")) == ("181", "255", "255")
    # ids unique across the whole document
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(ids) == len(set(ids))


def test_languages_option():
    m = small_model()
    vi = generate_archimate(m, lang="vi", layout="grid")
    assert b'xml:lang="en">Provincial LGSP' not in vi and b'xml:lang="vi">N' in vi
    # a text without Vietnamese falls back to the language it has
    assert b'<name xml:lang="en">Online dossiers</name>' in vi


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")
def test_dot_layout_is_layered_and_valid(shared):
    m = small_model()
    xml = assert_valid_archimate(m, shared, layout="dot")
    assert xml == generate_archimate(small_model(), layout="dot")
    root = etree.fromstring(xml)
    view = root.find(f".//{{{NS}}}view[@identifier='view.overview']")
    y = {n.get("elementRef"): int(n.get("y")) for n in view.iter(f"{{{NS}}}node")}
    # motivation above business above application above other (the grouping)
    assert y["goal.online"] < y["svc.birth"] < y["nat.db.population"] < y["grp.platforms"] + 1000
    assert y["svc.birth"] < y["nat.db.population"]
    back = parse_archimate(xml)
    assert dumps(back) == dumps(m)


def test_synthetic_and_bundled_exports_validate(shared):
    for n, seed in ((50, 1), (400, 7)):
        m = synthetic_model(n, seed)
        assert_valid_archimate(m, shared, layout="grid")
        assert dumps(roundtrip(m, layout="grid")) == dumps(m)
    for name in bundled_models():
        m = load_model(name)
        assert_valid_archimate(m, shared)
        assert dumps(roundtrip(m)) == dumps(m)


def test_write_is_atomic(tmp_path):
    target = tmp_path / "m.xml"
    target.write_bytes(b"previous")
    bad = small_model()
    # a model built in Python can bypass validation; the writer must still refuse it cleanly
    object.__setattr__(bad.elements[0].name, "en", "bad \x01 char")
    with pytest.raises(ExchangeFormatError, match="actor.citizen.*U\\+0001"):
        write_archimate(bad, target, layout="grid")
    assert target.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [target]
    write_archimate(small_model(), target, layout="grid")
    assert target.read_bytes() == generate_archimate(small_model(), layout="grid")


def test_reserved_free_property_is_refused():
    m = small_model()
    m.elements[0].properties["eaframe:status"] = "x"
    with pytest.raises(ExchangeFormatError, match="reserved"):
        generate_archimate(m, layout="grid")


# ------------------------------------------------------------------ real files
EXAMPLES = {
    # file: (elements, relationships, properties, views, nodes, connections)
    "archi_Sample1.xml": (2, 1, 0, 0, 0, 0),
    "archi_bendpoint.test.xml": (2, 2, 0, 1, 2, 2),
    "opengroup_Basic_Model_Properties.xml": (2, 1, 3, 0, 0, 0),
    "ca_GC_BCM_2.0.xml": (197, 0, 591, 1, 196, 0),
}


def _counts_xml(xml: bytes) -> tuple:
    root = etree.fromstring(xml)
    q = lambda tag: sum(1 for _ in root.iter(f"{{{NS}}}{tag}"))  # noqa: E731
    props = q("property")
    # eaframe's own bookkeeping properties (typed fields of the model) are not counted
    defs = {d.get("identifier"): d.findtext(f"{{{NS}}}name") for d in root.iter(f"{{{NS}}}propertyDefinition")}
    props -= sum(1 for p in root.iter(f"{{{NS}}}property") if defs[p.get("propertyDefinitionRef")].startswith("eaframe:"))
    return (q("element"), q("relationship"), props, q("view"), q("node"), q("connection"))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_real_files_round_trip(name, shared, xsd_dir):
    path = shared / "archimate" / "examples" / name
    assert _counts_xml(path.read_bytes()) == EXAMPLES[name]
    m = read_archimate(path)
    xml = assert_valid_archimate(m, shared)
    assert validate_exchange(xml, xsd_dir) == []
    assert _counts_xml(xml) == EXAMPLES[name]
    again = parse_archimate(xml)
    assert dumps(again) == dumps(m)
    assert generate_archimate(again) == xml


def test_real_file_details(shared):
    ex = shared / "archimate" / "examples"
    m = read_archimate(ex / "archi_bendpoint.test.xml")
    d = m.views[0].diagram
    assert d is not None and len(d.connections) == 2
    assert d.connections[0].source_attachment.model_dump() == {"x": 35, "y": 138}
    assert m.views[0].elements == [n.element for n in d.nodes]
    bcm = read_archimate(ex / "ca_GC_BCM_2.0.xml")
    nested = sum(1 for n in bcm.views[0].diagram.walk()) - len(bcm.views[0].diagram.nodes)
    assert nested == 187
    props = read_archimate(ex / "opengroup_Basic_Model_Properties.xml")
    assert props["ba1"].properties == {"Cost": "4000"}
    assert props.metadata.properties == {"User Property": "A new property value"}
    sample = read_archimate(ex / "archi_Sample1.xml")
    # Archi writes names and documentation without xml:lang: they stay untagged
    assert all(e.documentation is None or e.documentation.untagged is not None for e in sample.elements)


LANGS = f"""<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m1">
  <name>No language</name>
  <metadata><schema>Dublin Core</schema><schemaversion>1.1</schemaversion>
    <dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">DC title</dc:title>
    <dc:subject xmlns:dc="http://purl.org/dc/elements/1.1/">one</dc:subject>
    <dc:subject xmlns:dc="http://purl.org/dc/elements/1.1/">two</dc:subject>
  </metadata>
  <elements>
    <element identifier="e1" xsi:type="BusinessActor">
      <name xml:lang="nl">Burger</name><name xml:lang="EN">Citizen</name><name xml:lang="vi">Người dân</name>
    </element>
    <element identifier="e2" xsi:type="Goal"><name>Goal</name></element>
    <element identifier="j1" xsi:type="OrJunction"/>
  </elements>
  <relationships>
    <relationship identifier="r1" source="e2" target="e1" xsi:type="Serving"/>
    <relationship identifier="r2" source="e1" target="r1" xsi:type="Association"/>
  </relationships>
  <views><diagrams>
    <view identifier="v1" xsi:type="Diagram" viewpoint="Made up"><name>V</name>
      <node identifier="n0" xsi:type="Label" x="0" y="0" w="10" h="10"><label>note</label><viewRef ref="v1"/></node>
    </view>
  </diagrams></views>
</model>
"""


def test_languages_dublin_core_and_lenient_triples(shared):
    with pytest.warns(UserWarning, match="Serving from Goal"):
        m = parse_archimate(LANGS)
    e1 = m["e1"]
    assert (e1.name.vi, e1.name.en, e1.name.other) == ("Người dân", "Citizen", {"nl": "Burger"})
    assert m["e2"].name.untagged == "Goal" and m["e2"].name.en is None
    assert m.metadata.title.untagged == "No language"
    assert m.metadata.languages == ["vi", "en", "nl"]  # the languages of the file (not forced to vi, en)
    assert m.metadata.properties == {"dc:title": "DC title", "dc:subject": "one\ntwo"}
    assert m.warnings and "Serving" in m.warnings[0].message and m.warnings[0].line == 17
    assert m.views[0].viewpoint == "Made up" and m.views[0].elements == []
    with pytest.raises(ExchangeFormatError, match="not allowed by ArchiMate 3.2"):
        parse_archimate(LANGS, strict=True)
    xml = assert_valid_archimate(m, shared)
    assert b"<dc:subject>one</dc:subject>" in xml and b"<dc:subject>two</dc:subject>" in xml
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert dumps(parse_archimate(xml)) == dumps(m)


def test_non_eaframe_ids_are_renamed_consistently(shared):
    xml = LANGS.replace('"e1"', '"é1"')
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = parse_archimate(xml)
    assert "_1" in m and m["r2"].source == "_1"
    assert any("renamed" in w.message for w in m.warnings)


def test_generated_marker_detects_edits():
    m = small_model()
    xml = generate_archimate(m, layout="grid")
    # moving a node in Archi changes the fingerprint: the diagram is then kept as drawn
    edited = xml.replace(b'x="20" y="20"', b'x="21" y="20"', 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = parse_archimate(edited)
    assert back.view("view.overview").diagram is not None
    assert back.view("view.hub").diagram is None
    assert diagram_fingerprint(back.view("view.overview").diagram) != ""


def test_model_file_with_diagram_is_byte_stable():
    m = small_model()
    text = dumps(m)
    assert dumps(loads(text)) == text
    assert "diagram:" in text and "source_attachment:" in text


# ---------------------------------------------------------------- bad and hostile
def _err(data: bytes | str, **kw) -> ExchangeFormatError:
    with pytest.raises(ExchangeFormatError) as info:
        parse_archimate(data, **kw)
    return info.value


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE model [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m"><name>&lol9;</name></model>
"""


def test_billion_laughs_is_refused():
    err = _err(BILLION_LAUGHS)
    assert err.line == 2 and "not allowed" in str(err)


def test_xxe_to_local_file_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xxe = (f'<?xml version="1.0"?>\n<!DOCTYPE model [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
           f'<model xmlns="{NS}" identifier="m"><name>&xxe;</name></model>')
    path = tmp_path / "xxe.xml"
    path.write_text(xxe, encoding="utf-8")
    with pytest.raises(ExchangeFormatError) as info:
        read_archimate(path)
    assert "TOP-SECRET" not in str(info.value) and str(path) in str(info.value) and info.value.line == 2
    # even past the pre-check (DOCTYPE hidden after a BOM and comment), lxml expands nothing
    sneaky = b"\xef\xbb\xbf<!-- c -->" + xxe.split("\n", 1)[1].encode()
    assert "TOP-SECRET" not in str(_err(sneaky))


def test_external_dtd_is_refused(tmp_path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY e "EXPANDED">', encoding="utf-8")
    doc = f'<?xml version="1.0"?>\n<!DOCTYPE model SYSTEM "{dtd.as_uri()}">\n<model xmlns="{NS}" identifier="m"><name>x</name></model>'
    err = _err(doc)
    assert err.line == 2 and "DTD" in str(err)


def test_size_limit(tmp_path):
    xml = generate_archimate(small_model(), layout="grid")
    p = tmp_path / "m.xml"
    p.write_bytes(xml)
    with pytest.raises(ExchangeFormatError, match="over the limit"):
        read_archimate(p, max_bytes=1000)
    with pytest.raises(ExchangeFormatError, match="over the limit"):
        read_archimate(io.BytesIO(xml), max_bytes=1000)
    assert read_archimate(p, max_bytes=len(xml)).metadata.title.en == "Test architecture"


def test_malformed_and_invalid_files_name_the_line(tmp_path):
    p = tmp_path / "bad.xml"
    p.write_text(f'<model xmlns="{NS}" identifier="m">\n<name>x</name>\n<elements>\n</model>\n', encoding="utf-8")
    with pytest.raises(ExchangeFormatError) as info:
        read_archimate(p)
    assert str(info.value).startswith(f"{p}:4") and "malformed XML" in str(info.value)
    err = _err(f'<model xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">\n'
               f'<name>x</name>\n<elements>\n<element identifier="a" xsi:type="BusinesActor"><name>a</name></element>\n'
               f"</elements></model>")
    assert err.line == 4 and "did you mean 'BusinessActor'" in str(err)
    err = _err(f'<model xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m"><name>x</name>'
               f'<elements><element identifier="a" xsi:type="Node"><name>a</name></element></elements>\n'
               f'<relationships>\n<relationship identifier="r" source="a" target="zz" xsi:type="Flow"/>'
               f"</relationships></model>")
    assert "'zz'" in str(err) and err.problems[0].line == 3
    err = _err('<model xmlns="http://www.opengroup.org/xsd/archimate" identifier="m"/>')
    assert "2.x" in str(err)
    err = _err(b"\x00\x01garbage")
    assert isinstance(err, ExchangeFormatError)


def test_validate_exchange_reports_schema_errors(tmp_path, xsd_dir):
    xml = generate_archimate(small_model(), layout="grid").replace(b'w="120"', b'w="0"', 1)
    problems = validate_exchange(xml, xsd_dir)
    assert problems and problems[0].line and "'0'" in problems[0].message
    with pytest.raises(ExchangeFormatError, match="not valid against the exchange-format schema"):
        read_archimate(io.BytesIO(xml), xsd=xsd_dir)
    with pytest.raises(ExchangeFormatError, match="no archimate3_Diagram.xsd"):
        validate_exchange(xml, tmp_path)
    assert schema_errors(generate_archimate(small_model(), layout="grid"), xsd_dir.parent.parent) == []


def test_docs_list_every_typed_property_key():
    """docs/archimate.md names every eaframe: property key the codec writes."""
    from eaframe.exchange.codec import element_plan, metadata_plan, relationship_plan

    doc = (Path(__file__).resolve().parent.parent / "docs" / "archimate.md").read_text(encoding="utf-8")
    table = doc.split("<!-- archimate:typed-keys -->")[1].split("<!-- /archimate:typed-keys -->")[0]
    rows = {line.split("|")[1].strip(): line for line in table.splitlines() if line.startswith("| ") and "where" not in line}
    for where, plan in (("element", element_plan()), ("relationship", relationship_plan()), ("model", metadata_plan())):
        for field, (kind, sub, _) in plan.items():
            assert f"`eaframe:{field}" in rows[where], (where, field)
            if kind == "record":
                for subfield in sub:
                    assert f".{subfield}`" in rows[where] or f"`eaframe:{field}.{subfield}`" in rows[where], (field, subfield)


def test_diagram_references_are_checked():
    from eaframe.exceptions import ModelValidationError

    data = {**SMALL, "views": [dict(SMALL["views"][2])]}
    data["views"][0]["diagram"] = {
        "nodes": [{"id": "prov.lgsp", "element": "nope", "x": 0, "y": 0, "w": 1, "h": 1}],
        "connections": [{"id": "c1", "relationship": "r.flow", "source": "prov.lgsp", "target": "missing"}]}
    with pytest.raises(ModelValidationError) as info:
        ArchitectureModel.model_validate(data)
    text = str(info.value)
    assert "'prov.lgsp' is already used" in text and "shows 'nope'" in text and "ends at 'missing'" in text
    with pytest.raises(Exception, match="needs 'element'"):
        ArchitectureModel.model_validate({**data, "views": [{"id": "v", "diagram": {
            "nodes": [{"id": "n", "x": 0, "y": 0, "w": 1, "h": 1}]}}]})


def test_parser_itself_expands_nothing(tmp_path):
    """Defence in depth: even without the DOCTYPE pre-check, lxml reads no entity or file."""
    from eaframe.exchange.archimate import ArchimateReader

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    for doc in (BILLION_LAUGHS,
                f'<?xml version="1.0"?>\n<!DOCTYPE model [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
                f'<model xmlns="{NS}" identifier="m"><name>&xxe;</name></model>'):
        with pytest.raises(ExchangeFormatError) as info:
            ArchimateReader()._read(doc.encode(), "x.xml")
        assert "not allowed" in str(info.value) and "TOP-SECRET" not in str(info.value)
        assert "lollol" not in str(info.value)
