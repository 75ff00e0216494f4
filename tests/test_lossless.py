"""Issue 11 item 2: an exchange file written by another tool survives read → write → read.

Each test reads a small hand-written exchange file, writes it back with eaframe and
counts what the written file holds with lxml (not with eaframe's reader), then reads it
again and compares the model.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from pydantic import ValidationError

from eaframe import ArchitectureModel, dumps, loads
from eaframe.attributes import property_items, property_text
from eaframe.elements import ApplicationComponent
from eaframe.exceptions import EaframeWarning
from eaframe.exchange import generate_archimate, parse_archimate, read_archi_csv, write_archi_csv

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
N = {"a": NS}


def exchange(body: str, defs: str = "", root: str = 'identifier="id-model-1"', name: str = "<name>M</name>") -> bytes:
    """A small exchange file as another tool writes it."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<model xmlns="{NS}" xmlns:xsi="{XSI}" {root}>{name}'
            f'<elements>{body}</elements>'
            + (f"<propertyDefinitions>{defs}</propertyDefinitions>" if defs else "") + "</model>").encode()


def round_trip(data: bytes) -> tuple[ArchitectureModel, bytes, ArchitectureModel]:
    first = parse_archimate(data)
    written = generate_archimate(first)
    second = parse_archimate(written)
    assert dumps(second) == dumps(first)
    return first, written, second


def props_of(xml: bytes, element_id: str) -> list[tuple[str, list[tuple[str | None, str]]]]:
    """(definition name, [(lang, value)]) of each <property> of an element, counted with lxml."""
    root = etree.fromstring(xml)
    names = {d.get("identifier"): d.findtext("a:name", namespaces=N)
             for d in root.iterfind("a:propertyDefinitions/a:propertyDefinition", N)}
    el = root.find(f"a:elements/a:element[@identifier='{element_id}']", N)
    return [(names[p.get("propertyDefinitionRef")], [(v.get(XML_LANG), v.text or "") for v in p.iterfind("a:value", N)])
            for p in el.iterfind("a:properties/a:property", N)]


ATTRS = ('<element identifier="id-1" xsi:type="ApplicationComponent"><name>App</name><properties>'
         + "".join(f'<property propertyDefinitionRef="pd-1"><value>a{i}</value></property>' for i in range(5))
         + '<property propertyDefinitionRef="pd-2"><value xml:lang="vi">Một</value><value xml:lang="en">One</value>'
         "</property></properties></element>")
DEFS = ('<propertyDefinition identifier="pd-1" type="string"><name>Attribute</name></propertyDefinition>'
        '<propertyDefinition identifier="pd-2" type="string"><name>Label</name></propertyDefinition>')


def test_repeated_property_keys_are_all_kept():
    first, written, second = round_trip(exchange(ATTRS, DEFS))
    assert second["id-1"].properties["Attribute"] == [f"a{i}" for i in range(5)]
    got = props_of(written, "id-1")
    assert [v for k, v in got if k == "Attribute"] == [[(None, f"a{i}")] for i in range(5)]


def test_property_values_in_two_languages_are_kept():
    first, written, second = round_trip(exchange(ATTRS, DEFS))
    assert second["id-1"].properties["Label"] == {"vi": "Một", "en": "One"}
    assert [v for k, v in props_of(written, "id-1") if k == "Label"] == [[("vi", "Một"), ("en", "One")]]


def test_property_definition_types_are_kept():
    body = ('<element identifier="id-1" xsi:type="Node"><name>N</name><properties>'
            '<property propertyDefinitionRef="pd-1"><value>12.5</value></property>'
            '<property propertyDefinitionRef="pd-2"><value>true</value></property>'
            '<property propertyDefinitionRef="pd-3"><value>x</value></property></properties></element>')
    defs = ('<propertyDefinition identifier="pd-1" type="number"><name>Cost</name></propertyDefinition>'
            '<propertyDefinition identifier="pd-2" type="boolean"><name>Cloud</name></propertyDefinition>'
            '<propertyDefinition identifier="pd-3" type="string"><name>Note</name></propertyDefinition>')
    first, written, second = round_trip(exchange(body, defs))
    assert second.metadata.property_types == {"Cost": "number", "Cloud": "boolean"}
    root = etree.fromstring(written)
    types = {d.findtext("a:name", namespaces=N): d.get("type")
             for d in root.iterfind("a:propertyDefinitions/a:propertyDefinition", N)
             if not d.findtext("a:name", namespaces=N).startswith("eaframe:")}
    assert types == {"Cost": "number", "Cloud": "boolean", "Note": "string"}


def test_model_identifier_and_version_are_kept():
    first, written, second = round_trip(exchange(
        '<element identifier="id-1" xsi:type="Node"><name>N</name></element>',
        root='identifier="id-4f2a" version="1.3"'))
    root = etree.fromstring(written)
    assert (root.get("identifier"), root.get("version")) == ("id-4f2a", "1.3")
    assert (second.metadata.identifier, second.metadata.version) == ("id-4f2a", "1.3")


def test_simple_properties_stay_simple():
    e = ApplicationComponent(id="a", name={"vi": "A"}, properties={"k": 1, "one": ["x"], "m": ["x", {"vi": "y"}]})
    assert e.properties == {"k": "1", "one": "x", "m": ["x", {"vi": "y"}]}
    assert property_text(e.properties["m"]) == "x; vi: y"
    with pytest.raises(ValidationError):
        ApplicationComponent(id="a", name={"vi": "A"}, properties={"k": {}})
    with pytest.raises(ValidationError):
        ApplicationComponent(id="a", name={"vi": "A"}, properties={"k": {"Not a tag": "x"}})


# ------------------------------------------------------------------ hypothesis
_chars = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
_text = st.text(_chars, min_size=1, max_size=12)
_langmap = st.dictionaries(st.sampled_from(["vi", "en", "fr", "zh-Hans"]), _text, min_size=1, max_size=3)
_item = _text | _langmap
_value = _text | _langmap | st.lists(_item, min_size=2, max_size=4)
_key = st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=8)
_props = st.dictionaries(_key, _value, min_size=1, max_size=4)


def _model(props: dict) -> ArchitectureModel:
    return ArchitectureModel.model_validate({
        "metadata": {"title": {"vi": "M"}, "properties": props},
        "elements": [{"id": "a", "type": "Node", "name": {"vi": "A"}, "properties": props}]})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_props)
def test_properties_with_repeats_and_languages_round_trip(props):
    m = _model(props)
    assert loads(dumps(m)) == m  # YAML
    assert ArchitectureModel.model_validate(json.loads(m.model_dump_json())) == m  # JSON
    back = parse_archimate(generate_archimate(m))  # exchange XML
    assert back["a"].properties == m["a"].properties
    assert back.metadata.properties == m.metadata.properties


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(_props)
def test_csv_keeps_repeats_but_not_languages(tmp_path_factory, props):
    # CSV has no place for a language: every value is kept, in order, without its language
    m = _model(props)
    folder = tmp_path_factory.mktemp("csv")
    back = read_archi_csv(write_archi_csv(m, folder)[0])
    for key, value in m["a"].properties.items():  # keys and values in NFC
        texts = [t for _, t in property_items(value)]
        assert back["a"].properties[key] == (texts[0] if len(texts) == 1 else texts)


def test_no_eaframe_property_is_added_to_a_file_without_one():
    first, written, second = round_trip(exchange(ATTRS, DEFS))
    root = etree.fromstring(written)
    names = [d.findtext("a:name", namespaces=N)
             for d in root.iterfind("a:propertyDefinitions/a:propertyDefinition", N)]
    assert names == ["Attribute", "Label"]
    assert root.find("a:properties", N) is None  # no model properties: the file had none
    # a language list other than the default is still written, and read back
    first.metadata.languages = ["en"]
    again = parse_archimate(generate_archimate(first))
    assert again.metadata.languages == ["en"]


def test_csv_import_takes_the_language_of_the_name_column(tmp_path):
    from click.testing import CliRunner

    from eaframe.cli import main

    (tmp_path / "elements.csv").write_text('"ID","Type","Name","Documentation","Specialization"\r\n'
                                           '"m","ArchimateModel","Model","",""\r\n'
                                           '"a","BusinessActor","Citizen","A person",""\r\n', encoding="utf-8")
    out = tmp_path / "m.yaml"
    res = CliRunner().invoke(main, ["import", str(tmp_path / "elements.csv"), "-o", str(out), "--lang", "en"])
    assert res.exit_code == 0, res.output
    m = loads(out.read_text(encoding="utf-8"))
    assert (m["a"].name.en, m["a"].name.vi, m["a"].documentation.en) == ("Citizen", None, "A person")
    assert m.metadata.title.en == "Model"
    res = CliRunner().invoke(main, ["import", str(tmp_path), "-o", str(out), "--lang", "English"])
    assert res.exit_code == 2 and "language tag" in res.output


def test_diff_and_apply_handle_repeats_and_language_maps():
    from eaframe.modeldiff import apply, diff

    a = _model({"L": {"vi": "x", "en": "y"}, "R": ["1", "2"], "S": "z"})
    b = _model({"L": {"vi": "x"}, "R": ["1", "2", "3"], "S": {"vi": "z"}})
    d = diff(a, b)
    assert apply(a, d) == b and apply(b, d.invert()) == a


# ------------------------------------------------------------------ untagged text
def _untagged_file() -> bytes:
    """Names, documentation, labels and folder labels without xml:lang, as Archi writes them."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<model xmlns="{NS}" xmlns:xsi="{XSI}" identifier="m">'
            "<name>Model</name><documentation>About</documentation><elements>"
            '<element identifier="a" xsi:type="BusinessActor"><name>Customer</name><documentation>Buys'
            "</documentation></element>"
            '<element identifier="b" xsi:type="BusinessRole"><name xml:lang="nl">Klant</name><name>Client</name>'
            "</element></elements>"
            '<relationships><relationship identifier="r" source="a" target="b" xsi:type="Assignment">'
            "<name>plays</name></relationship></relationships>"
            "<organizations><item><label>Business</label><item identifierRef=\"a\"/><item identifierRef=\"b\"/>"
            '</item><item><label>Other</label><item identifierRef="r"/><item identifierRef="v"/></item>'
            "</organizations>"
            '<views><diagrams><view identifier="v" xsi:type="Diagram"><name>View</name>'
            '<node identifier="n" xsi:type="Label" x="0" y="0" w="10" h="10"><label>Note</label></node>'
            "</view></diagrams></views></model>").encode()


def test_untagged_text_stays_untagged():
    first, written, second = round_trip(_untagged_file())
    a = second["a"]
    assert (a.name.untagged, a.name.en, a.name.vi) == ("Customer", None, None)
    assert a.documentation.untagged == "Buys"
    assert second["b"].name.untagged == "Client" and second["b"].name.other == {"nl": "Klant"}
    assert second["r"].name.untagged == "plays"
    assert second.metadata.title.untagged == "Model" and second.metadata.documentation.untagged == "About"
    assert second.views[0].diagram.nodes[0].label.untagged == "Note"
    assert second.folders[0].name.untagged == "Business"
    # every text that had no xml:lang is written without one (counted with lxml, not eaframe)
    root = etree.fromstring(written)
    tagged = [(etree.QName(t).localname, t.text, t.get(XML_LANG)) for t in root.iter()
              if etree.QName(t).localname in ("name", "documentation", "label") and t.get(XML_LANG)]
    assert tagged == [("name", "Klant", "nl")]


def test_model_languages_are_what_the_file_says():
    first, written, second = round_trip(_untagged_file())
    assert first.metadata.languages == second.metadata.languages == ["nl"]  # never forced to vi, en
    root = etree.fromstring(written)
    assert root.find("a:properties", N) is None  # and no eaframe:languages is added for it
    none = parse_archimate(exchange('<element identifier="x" xsi:type="Node"><name>N</name></element>'))
    assert none.metadata.languages == []
    assert parse_archimate(generate_archimate(none)).metadata.languages == []


def test_untagged_text_api():
    from eaframe.attributes import Text

    t = Text(untagged="Customer")
    assert t and t.get("vi", fallback=True) == "Customer" and t.get("vi") is None
    assert t.items() == [(None, "Customer")]
    assert Text(vi="A", untagged="B").items() == [(None, "B"), ("vi", "A")]
    assert Text(en="E", untagged="U").get("vi", fallback=True) == "E"
    assert Text.from_items([(None, "a"), ("vi", "b"), ("fr", "c")]) == Text(untagged="a", vi="b", other={"fr": "c"})
    assert Text.from_items([(None, "a")], default_lang="en") == Text(en="a")  # what import --lang asks for
    assert not Text(untagged="")
    # YAML and JSON write the slot as untagged:
    m = ArchitectureModel.model_validate({"metadata": {"title": {"untagged": "M"}},
                                          "elements": [{"id": "a", "type": "Node", "name": {"untagged": "N"}}]})
    text = dumps(m)
    assert "untagged: N" in text and loads(text) == m
    assert loads(dumps(m, format="json"), format="json") == m


def test_import_lang_still_tags_untagged_text(tmp_path):
    from click.testing import CliRunner

    from eaframe.cli import main

    src = tmp_path / "m.xml"
    src.write_bytes(_untagged_file())
    for extra, want in (([], (None, "Customer")), (["--lang", "en"], ("Customer", None))):
        out = tmp_path / "m.yaml"
        res = CliRunner().invoke(main, ["import", str(src), "-o", str(out), *extra])
        assert res.exit_code == 0, res.output
        a = loads(out.read_text(encoding="utf-8"))["a"]
        assert (a.name.en, a.name.untagged) == want


def test_untagged_text_in_csv(tmp_path):
    m = parse_archimate(_untagged_file())
    with pytest.warns(UserWarning, match="folder tree"):
        written = write_archi_csv(m, tmp_path / "csv")
    back = read_archi_csv(written[0])
    assert back["a"].name == m["a"].name and back["b"].name == m["b"].name
    assert back["a"].documentation == m["a"].documentation


# ------------------------------------------------------------------ empty names
def test_empty_names_are_kept():
    body = ('<element identifier="a" xsi:type="Node"><name xml:lang="en"></name></element>'
            '<element identifier="b" xsi:type="Node"><name>B</name></element>')
    data = exchange(body).replace(b"</elements>", b"</elements><relationships>"
                                  b'<relationship identifier="r1" source="a" target="b" xsi:type="Serving"><name/>'
                                  b"</relationship>"
                                  b'<relationship identifier="r2" source="b" target="a" xsi:type="Flow">'
                                  b'<name xml:lang="en"></name></relationship>'
                                  b'<relationship identifier="r3" source="b" target="a" xsi:type="Triggering"/>'
                                  b"</relationships>")
    first, written, second = round_trip(data)
    root = etree.fromstring(written)

    def names(tag: str, ident: str) -> list:
        el = root.find(f"a:{tag}s/a:{tag}[@identifier='{ident}']", N)
        return [(n.get(XML_LANG), n.text or "") for n in el.iterfind("a:name", N)]

    assert names("relationship", "r1") == [(None, "")]
    assert names("relationship", "r2") == [("en", "")]
    assert names("relationship", "r3") == []  # no name stays no name
    assert names("element", "a") == [("en", "")]
    assert second["r1"].name.untagged == "" and second["r2"].name.en == "" and second["a"].name.en == ""
    assert loads(dumps(second)) == second  # and YAML keeps them
    assert "untagged: ''" in dumps(second)


# ------------------------------------------------------------------ folders
FOLDERS_XML = (
    "<organizations>"
    '<item identifier="f-biz"><label xml:lang="en">Business</label><label xml:lang="vi">Nghiệp vụ</label>'
    "<documentation>Who does what</documentation>"
    '<item identifier="f-old"><label>Obsolete</label><item><label>Older</label><item identifierRef="b"/></item>'
    '</item><item identifierRef="a"/></item>'
    '<item><label>Relations</label><item identifierRef="r"/></item>'
    "</organizations>")


def _folder_file() -> bytes:
    return exchange('<element identifier="a" xsi:type="BusinessActor"><name>A</name></element>'
                    '<element identifier="b" xsi:type="BusinessRole"><name>B</name></element>'
                    '<element identifier="c" xsi:type="Node"><name>C</name></element>').replace(
        b"</elements>", b"</elements><relationships><relationship identifier=\"r\" source=\"a\" target=\"b\" "
                        b'xsi:type="Assignment"/></relationships>' + FOLDERS_XML.encode())


def _tree(parent) -> list:
    """(identifier, labels, documentation, items, sub-folders) of the folders under ``parent``, with lxml."""
    out = []
    for item in parent.iterfind("a:item", N):
        if item.get("identifierRef") is not None:
            continue
        out.append((item.get("identifier"), sorted((t.get(XML_LANG) or "", t.text) for t in item.iterfind("a:label", N)),
                    [t.text for t in item.iterfind("a:documentation", N)],
                    [i.get("identifierRef") for i in item.iterfind("a:item[@identifierRef]", N)], _tree(item)))
    return out


def test_folder_tree_is_read_and_written_back():
    first = parse_archimate(_folder_file())
    written = generate_archimate(first)
    second = parse_archimate(written)
    # the Node in no folder now is in a default folder; from there on the trip changes nothing
    assert second.folders[:2] == first.folders and second.folders[2].items == ("c",)
    assert generate_archimate(second) == written
    biz = second.folders[0]
    assert biz.documentation.untagged == "Who does what"
    assert biz.items == ("a",) and biz.folders[0].id == "f-old"
    assert biz.folders[0].folders[0].name.untagged == "Older" and biz.folders[0].folders[0].items == ("b",)
    assert second.folders[1].items == ("r",) and second.folders[1].type == "relations"
    original = _tree(etree.fromstring(_folder_file()).find("a:organizations", N))
    got = _tree(etree.fromstring(written).find("a:organizations", N))
    # as it was; the element in no folder ("c", a Node) goes to a new default folder
    assert got == [*original, (None, [("en", "Technology & Physical")], [], ["c"], [])]
    assert (biz.id, biz.name.en, biz.name.vi, biz.type) == ("f-biz", "Business", "Nghiệp vụ", "business")
    # YAML and JSON keep the tree
    assert loads(dumps(second)) == second and loads(dumps(second, format="json"), format="json") == second
    assert "folders:" in dumps(second)


def test_concepts_in_no_folder_join_the_default_folder_of_their_type():
    m = parse_archimate(_folder_file())
    m.add(ApplicationComponent(id="app", name={"en": "App"}))
    m.add(ArchitectureModel.model_validate({"metadata": {"title": {"en": "x"}}, "elements": [
        {"id": "p", "type": "BusinessProcess", "name": {"en": "P"}}]}).elements[0])
    root = etree.fromstring(generate_archimate(m))
    tree = _tree(root.find("a:organizations", N))
    assert tree[0][3] == ["a", "p"]  # into the existing business folder, after its own items
    assert [t[1] for t in tree[2:]] == [[("en", "Application")], [("en", "Technology & Physical")]]


def test_default_folders_read_back_as_no_folders():
    from eaframe import load

    m = load("vn-province-2.0")
    xml = generate_archimate(m, layout="grid")
    assert b"<organizations>" in xml
    back = parse_archimate(xml)
    assert back.folders == () and back == m


def test_folder_problems_name_the_folder():
    from eaframe.exceptions import ModelValidationError

    def model(folders: list) -> ArchitectureModel:
        return ArchitectureModel.model_validate({
            "metadata": {"title": {"en": "M"}},
            "elements": [{"id": "a", "type": "Node", "name": {"en": "A"}}, {"id": "b", "type": "Node"}],
            "folders": folders})

    assert model([{"name": {"en": "T"}, "items": ["a"], "folders": [{"items": ["b"]}]}]).folders[0].items == ("a",)
    cases = [
        ([{"name": {"en": "T"}, "folders": [{"name": {"en": "S"}, "items": ["zz"]}]}],
         "folder 'T/S': item 'zz' is no element, relationship or view", ("folders", 0, "folders", 0, "items", 0)),
        ([{"name": {"en": "T"}, "items": ["a"]}, {"name": {"en": "U"}, "items": ["a"]}],
         "folder 'U': item 'a' is already in folder 'T'", ("folders", 1, "items", 0)),
        ([{"id": "a", "name": {"en": "T"}}], "folder 'T': its id 'a' is also the id of an element",
         ("folders", 0, "id")),
        ([{"id": "f", "name": {"en": "T"}}, {"id": "f", "name": {"en": "U"}}],
         "folder 'U': its id 'f' is also the id of folder 'T'", ("folders", 1, "id")),
    ]
    for folders, message, path in cases:
        with pytest.raises(ModelValidationError) as err:
            model(folders)
        assert message in str(err.value) and err.value.problems[0].path == path
    with pytest.raises(ValidationError):  # a folder type is a word like Archi's (any, kept verbatim)
        model([{"type": "Not a type!"}])


def test_folder_problems_in_a_yaml_file_name_the_line():
    from eaframe.exceptions import ModelLoadError, ModelValidationError

    text = ("eaframe: '1'\nmetadata:\n  title:\n    en: M\nelements:\n- id: a\n  type: Node\n"
            "folders:\n- name:\n    en: T\n  items:\n  - a\n  - zz\n")
    with pytest.raises((ModelLoadError, ModelValidationError)) as err:
        loads(text)
    assert "13:5: folders[0].items[1] (id 'zz'): error: folder 'T': item 'zz'" in str(err.value)


def test_exchange_reader_drops_folder_items_it_cannot_place_with_a_warning():
    data = _folder_file().replace(b'<item identifierRef="r"/>',
                                  b'<item identifierRef="r"/><item identifierRef="nothing"/><item identifierRef="a"/>')
    with pytest.warns(UserWarning, match="folder item"):
        m = parse_archimate(data)
    assert m.folders[1].items == ("r",)
    assert sum("no element, relationship or view" in w.message for w in m.warnings) == 1
    assert sum("already in another folder" in w.message for w in m.warnings) == 1


def test_diff_apply_and_merge_keep_the_folders():
    from eaframe.merge import merge3
    from eaframe.modeldiff import apply, diff

    old = parse_archimate(_folder_file())
    data = old.model_dump()
    data["elements"] = [e for e in data["elements"] if e["id"] != "b"]
    data["relationships"] = []
    data["folders"][0]["folders"][0]["folders"][0]["items"] = ()
    data["folders"][1]["items"] = ()
    new = ArchitectureModel.model_validate(data)
    got = apply(old, diff(old, new))  # the removed concepts leave their folders
    assert got == new and got.folders[0].folders[0].folders[0].items == ()
    merged = merge3(old, new, old)
    assert merged.model == new and not merged.conflicts
    moved = old.model_dump()
    moved["folders"][0]["items"] = ()
    moved["folders"][1]["items"] = ["r", "a"]
    moved = ArchitectureModel.model_validate(moved)
    merged = merge3(old, new, moved)  # theirs moved "a"; ours removed "b" and "r": both kept
    assert merged.model.folders[1].items == ("a",) and merged.model.folders[0].items == ()
    assert "b" not in merged.model and not merged.conflicts


def test_csv_export_warns_that_it_has_no_folders(tmp_path):
    m = parse_archimate(_folder_file())
    with pytest.warns(UserWarning, match=r"folder tree \(4 folders\)"):
        write_archi_csv(m, tmp_path)


def test_omgevingswet_folders_survive_read_write_read(tmp_path):
    """The Omgevingswet model's 93 folders, 6 deep: labels and nesting, against the lxml counter."""
    import sys
    from pathlib import Path

    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    try:
        from corpus_counter import count_bytes, count_file
    finally:
        sys.path.remove(str(here))
    path = here / "data" / "corpus" / "vng_omgevingswet_swc.xml"
    original = count_file(path)
    assert (original.folders, original.folder_depth) == (93, 6)
    with pytest.warns(EaframeWarning, match="13 carriage return"):  # normalised and counted (test_corpus.py)
        first = parse_archimate(path.read_bytes())
    written = generate_archimate(first)
    again = count_bytes(written)
    assert (again.folders, again.folder_depth) == (93, 6)
    assert again.folder_content == original.folder_content  # labels, depth and order of every folder

    def walk(fs, depth=1):
        for f in fs:
            yield depth, f
            yield from walk(f.folders, depth + 1)

    found = list(walk(first.folders))
    assert len(found) == 93 and max(d for d, _ in found) == 6
    assert sum(len(f.items) for _, f in found) == len(first.elements) + len(first.relationships) + len(first.views)
    second = parse_archimate(written)
    assert second.folders == first.folders and generate_archimate(second) == written


# ------------------------------------------------------------------ hypothesis: folders and text
_lang_text = st.text(_chars, max_size=8)
_raw_texts = st.builds(lambda u, vi, en, other: {k: v for k, v in (("untagged", u), ("vi", vi), ("en", en))
                                                   if v is not None} | ({"other": other} if other else {}),
                       st.none() | _lang_text, st.none() | _lang_text, st.none() | _lang_text,
                       st.dictionaries(st.sampled_from(["fr", "nl", "zh-Hans"]), _lang_text, max_size=2))
# A lone untagged empty text is written as an empty <name/> (<label/>, <documentation/>), which reads
# as no text; only a relationship's name, which may be absent, keeps the difference.
_texts = _raw_texts.map(lambda t: {} if t == {"untagged": ""} else t)
_IDS = [f"e{i}" for i in range(6)] + ["r0", "v0"]


@st.composite
def _folder_models(draw) -> ArchitectureModel:
    counter = iter(range(1000))
    flat: list[dict] = []

    def folder(depth: int) -> dict:
        d: dict = {"name": draw(_texts)}
        flat.append(d)
        if draw(st.booleans()):
            d["id"] = f"f{next(counter)}"
        if draw(st.booleans()):
            d["documentation"] = draw(_texts)
        if depth < 4:
            d["folders"] = [folder(depth + 1) for _ in range(draw(st.integers(0, 2)))]
        return d

    folders = [folder(1) for _ in range(draw(st.integers(1, 3)))]
    # every id in one folder (the exchange writer puts concepts in no folder into default ones)
    for i in draw(st.permutations(_IDS)):
        flat[draw(st.integers(0, len(flat) - 1))].setdefault("items", []).append(i)
    types = ["Node", "BusinessActor", "Goal", "ApplicationComponent", "Location", "DataObject"]
    return ArchitectureModel.model_validate({
        "metadata": {"title": draw(_texts), "documentation": draw(_texts)},
        "elements": [{"id": f"e{i}", "type": t, "name": draw(_texts), "documentation": draw(_texts)}
                     for i, t in enumerate(types)],
        "relationships": [{"id": "r0", "type": "Association", "source": "e0", "target": "e1",
                           "name": draw(_raw_texts)}],
        "views": [{"id": "v0", "name": draw(_texts), "elements": ["e0", "e1"]}],
        "folders": folders})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_folder_models())
def test_folder_trees_and_untagged_text_round_trip(m):
    import warnings

    assert loads(dumps(m)) == m  # YAML
    assert loads(dumps(m, format="json"), format="json") == m  # JSON
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = parse_archimate(generate_archimate(m, layout="grid"))  # exchange XML
    assert back == m


def test_untagged_names_show_in_diagrams_reports_and_diffs(tmp_path):
    from eaframe.modeldiff import diff
    from eaframe.render import render
    from eaframe.report import write_site

    m = parse_archimate(_untagged_file())
    assert m.view("View").id == "v"  # found by its untagged name
    layered = render(m, format="dot").source
    assert "Customer" in layered and "Client" in layered
    site = write_site(m, tmp_path / "site", diagrams=False, checks=False)
    page = next(p for p in (site.folder / "e").glob("*.html") if "Customer" in p.read_text(encoding="utf-8"))
    assert "(none)" in page.read_text(encoding="utf-8")  # the names table: Customer has no language
    index = next(site.folder.rglob("*.js"), None)
    assert index is None or "Customer" in "".join(p.read_text(encoding="utf-8") for p in site.folder.rglob("*.js"))
    renamed = m.model_copy(update={"elements": [m["a"].model_copy(update={"name": m["a"].name.model_copy(
        update={"untagged": "Buyer"})}), m["b"]]})
    change = next(c for c in diff(m, renamed).elements if c.id == "a")
    assert change.label("en") == "Buyer"


def test_generated_ids_do_not_clash_with_folder_ids(shared):
    from exchange_support import assert_valid_archimate

    m = ArchitectureModel.model_validate({
        "metadata": {"title": {"en": "M"}},
        "elements": [{"id": "a", "type": "Node", "name": {"en": "A"}, "properties": {"k": "v"}}],
        "views": [{"id": "v", "name": {"en": "V"}, "elements": ["a"]}],
        "folders": [{"id": "propid-1", "name": {"en": "F"}, "items": ["a"]},
                    {"id": "eaframe-model", "name": {"en": "G"}, "folders": [{"id": "v.n1", "items": ["v"]}]}]})
    xml = assert_valid_archimate(m, shared)  # unique XML ids: the schema checks them
    assert parse_archimate(xml).folders == m.folders


def test_untagged_names_in_graphml_and_notebook_cards(tmp_path):
    from click.testing import CliRunner

    from eaframe._displays import concept_html, model_html
    from eaframe.cli import main

    src = tmp_path / "m.xml"
    src.write_bytes(_untagged_file())
    m = parse_archimate(src.read_bytes())
    assert "Customer" in concept_html(m["a"]) and "Model" in model_html(m)
    out = tmp_path / "m.graphml"
    res = CliRunner().invoke(main, ["export", str(src), "--to", "graphml", "-o", str(out)])
    assert res.exit_code == 0, res.output
    root = etree.fromstring(out.read_bytes())
    g = "{http://graphml.graphdrawing.org/xmlns}"
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(g + "key")}
    node = next(n for n in root.iter(g + "node") if n.get("id") == "a")
    assert {keys[d.get("key")]: d.text for d in node.iter(g + "data")}["name"] == "Customer"
