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
