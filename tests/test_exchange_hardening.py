"""Exchange XML reader/writer hardening: duplicate ids, escaping, honest errors, foreign namespaces."""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from eaframe import ArchitectureModel, synthetic_model
from eaframe.exceptions import EaframeWarning, ExchangeFormatError
from eaframe.exchange import ArchimateReader, generate_archimate, parse_archimate
from eaframe.exchange.archimate import NS

M = f"{{{NS}}}"


def _err(data: bytes, **kw) -> ExchangeFormatError:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ExchangeFormatError) as info:
            parse_archimate(data, **kw)
    return info.value


def _line(data: bytes, needle: bytes, nth: int = 0) -> int:
    at = -1
    for _ in range(nth + 1):
        at = data.index(needle, at + 1)
    return data.count(b"\n", 0, at) + 1


# ------------------------------------------------------------------ 1. duplicate ids
def _model(**extra) -> ArchitectureModel:
    data = {"metadata": {"title": {"en": "t"}},
            "elements": [{"id": "a", "type": "BusinessActor", "name": {"en": "A"}},
                         {"id": "b", "type": "BusinessRole", "name": {"en": "B"}},
                         {"id": "c", "type": "BusinessRole", "name": {"en": "C"}}],
            "relationships": [{"id": "r1", "type": "Assignment", "source": "a", "target": "b"}]}
    data.update(extra)
    return ArchitectureModel.model_validate(data)


def test_duplicate_element_id_is_reported_at_the_duplicate():
    xml = generate_archimate(_model(), layout="grid", organizations=False)
    dup = xml.replace(b'identifier="c"', b'identifier="a"')
    err = _err(dup)
    first, second = _line(dup, b'identifier="a"'), _line(dup, b'identifier="a"', 1)
    assert first < second
    problem = next(p for p in err.problems if "duplicate id 'a'" in p.message)
    assert problem.line == second
    assert f"line {first}" in problem.message


def test_duplicate_relationship_id_of_an_element_is_reported_at_the_relationship():
    xml = generate_archimate(_model(), layout="grid", organizations=False)
    dup = xml.replace(b'identifier="r1"', b'identifier="b"')
    err = _err(dup)
    problem = next(p for p in err.problems if "duplicate id 'b'" in p.message)
    assert problem.line == _line(dup, b'<relationship identifier="b"')
    first = _line(dup, b'<element identifier="b"')
    assert f"line {first}" in problem.message


# ------------------------------------------------------------------ 2. writer escaping
HOSTILE = ['"', "'", "<", ">", "&", "]]>", "&amp;", "<!--", "\U0001F600", "\u00e9", "\t", "\n", "\r", " ", "a"]
hostile_text = st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=8).map("".join)


def _hostile_model(name: str, doc: str, value: str, key: str) -> ArchitectureModel:
    return ArchitectureModel.model_validate({
        "metadata": {"title": {"en": name}, "documentation": {"vi": doc}, "properties": {key: value}},
        "elements": [{"id": "a", "type": "Goal", "name": {"en": name, "vi": doc},
                      "documentation": {"en": doc}, "properties": {key: value, "k2": name}},
                     {"id": "b", "type": "Goal", "name": {"en": "B"}}],
        "relationships": [{"id": "r", "type": "Influence", "source": "a", "target": "b", "modifier": value[:20] or "+",
                           "name": {"en": name}}],
        "views": [{"id": "v", "name": {"en": name}, "documentation": {"en": doc}, "elements": ["a", "b"],
                   "viewpoint": name, "properties": {key: value}}],
    })


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=hostile_text, doc=hostile_text, value=hostile_text, key=hostile_text, ident=hostile_text)
def test_hostile_text_round_trips_through_lxml_and_eaframe(name, doc, value, key, ident):
    m = _hostile_model(name, doc, value, key)
    # an id that is not an NCName, as a model built in Python (without validation) can have
    ident = "a" + ident
    object.__setattr__(m.elements[0], "id", ident)
    object.__setattr__(m.relationships[0], "source", ident)
    m.views[0].elements.remove("a")  # a laid-out diagram (pydantic) would refuse the id
    m.reindex()
    xml = generate_archimate(m, layout="grid")
    root = etree.fromstring(xml)  # well formed
    el = root.find(f"{M}elements/{M}element")
    assert el.get("identifier") == ident
    assert root.find(f"{M}relationships/{M}relationship").get("source") == ident
    assert el.find(f"{M}name[@{{http://www.w3.org/XML/1998/namespace}}lang='en']").text == m.elements[0].name.en
    assert root.find(f"{M}views/{M}diagrams/{M}view").get("viewpoint") == m.views[0].viewpoint  # CR stored as LF
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = parse_archimate(xml)
    assert back.relationships[0].source == back.elements[0].id  # renamed (if not an NCName) consistently
    assert back.elements[0].name == m.elements[0].name
    assert back.elements[0].documentation == m.elements[0].documentation
    assert back.elements[0].properties == m.elements[0].properties
    assert back.metadata.properties == m.metadata.properties
    assert back.relationships[0].modifier == m.relationships[0].modifier
    assert back.views[0].name == m.views[0].name and back.views[0].viewpoint == m.views[0].viewpoint
    assert back.views[0].properties == m.views[0].properties


def _with_id(model: ArchitectureModel, new_id: str) -> ArchitectureModel:
    """``model`` with element ``a`` renamed to ``new_id`` (bypassing validation, as Python code can)."""
    e = model.elements[0]
    object.__setattr__(e, "id", new_id)
    r = model.relationships[0]
    object.__setattr__(r, "source", new_id)
    return model


@pytest.mark.parametrize("bad_id", ['a"b', "a<b", "a&b", "x'y>z"])
def test_ids_are_escaped(bad_id):
    m = _with_id(_model(), bad_id)
    xml = generate_archimate(m, layout="grid")
    root = etree.fromstring(xml)
    ids = [el.get("identifier") for el in root.iter(f"{M}element")]
    assert bad_id in ids
    rel = root.find(f"{M}relationships/{M}relationship")
    assert rel.get("source") == bad_id
    # eaframe reads it back, renaming the id that is not an NCName consistently
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = parse_archimate(xml)
    assert back.relationships[0].source == back.elements[0].id != bad_id


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff"])
@pytest.mark.parametrize("field", ["name", "documentation", "property", "id", "view name", "font"])
def test_characters_xml_cannot_hold_are_refused_naming_concept_and_field(char, field):
    m = _model(views=[{"id": "v", "name": {"en": "V"}, "elements": ["a"],
                       "diagram": {"nodes": [{"id": "n1", "kind": "Element", "element": "a", "x": 0, "y": 0,
                                              "w": 10, "h": 10, "style": {"font": {"name": "Arial"}}}]}}])
    bad = f"x{char}y"
    e = m.elements[1]
    if field == "name":
        object.__setattr__(e.name, "en", bad)
        expected = ("element 'b'", "name")
    elif field == "documentation":
        object.__setattr__(e, "documentation", type(e.name)(en="ok"))
        object.__setattr__(e.documentation, "en", bad)
        expected = ("element 'b'", "documentation")
    elif field == "property":
        e.properties["key"] = bad
        expected = ("element 'b'", "property 'key'")
    elif field == "id":
        object.__setattr__(e, "id", bad)
        expected = (f"element {bad!r}", "id")
    elif field == "view name":
        object.__setattr__(m.views[0].name, "en", bad)
        expected = ("view 'v'", "name")
    else:
        object.__setattr__(m.views[0].diagram.nodes[0].style.font, "name", bad)
        expected = ("view 'v'", "node 'n1'", "font")
    with pytest.raises(ExchangeFormatError) as info:
        generate_archimate(m, layout="grid")
    msg = str(info.value)
    assert f"U+{ord(char):04X}" in msg
    for part in expected:
        assert part in msg


# ------------------------------------------------------------------ 3. programming errors
def test_programming_errors_are_not_reported_as_bad_input(monkeypatch):
    from eaframe.exchange import archimate

    def broken(*args, **kw):
        raise KeyError("bug")

    monkeypatch.setattr(archimate.ArchimateReader, "_view", broken)
    xml = generate_archimate(_model(views=[{"id": "v", "name": {"en": "V"}, "elements": ["a"]}]), layout="grid")
    with pytest.raises(KeyError):
        parse_archimate(xml)


@pytest.mark.parametrize("change, message", [
    # a property definition without an identifier
    ((rb'<propertyDefinition identifier="[^"]+"', b"<propertyDefinition"), "propertyDefinition"),
    # a property without a definition reference
    ((rb'<property propertyDefinitionRef="[^"]+"', b"<property"), "propertyDefinitionRef"),
    # a view without an identifier
    ((rb'<view identifier="[^"]+"', b"<view"), "identifier"),
])
def test_input_conditions_are_explicit_errors(change, message):
    m = _model(views=[{"id": "v", "name": {"en": "V"}, "elements": ["a"]}])
    m.elements[0].properties["k"] = "v"
    xml = generate_archimate(m, layout="grid")
    pattern, repl = change
    bad = re.sub(pattern, repl, xml, count=1)
    assert bad != xml
    err = _err(bad)
    assert message in str(err) and err.line is not None
    assert "cannot read the exchange file" not in str(err)


# ------------------------------------------------------------------ 4. foreign namespaces
def _example(shared, name: str = "archi_bendpoint.test.xml") -> bytes:
    return (shared / "archimate" / "examples" / name).read_bytes()


@pytest.mark.parametrize("container", [b"elements", b"relationships", b"views"])
def test_a_container_in_a_foreign_namespace_is_an_error(shared, container):
    data = _example(shared)
    bad = data.replace(b"<" + container + b">", b"<" + container + b' xmlns="urn:x">', 1)
    assert bad != data
    err = _err(bad)
    assert "urn:x" in str(err) and container.decode() in str(err)
    assert err.line == _line(bad, b' xmlns="urn:x"')


def test_a_concept_in_a_foreign_namespace_is_an_error(shared):
    data = _example(shared)
    at = data.index(b"<element ", data.index(b"<elements>"))
    bad = data[:at] + b'<element xmlns="urn:y" ' + data[at + len(b"<element "):]
    err = _err(bad)
    assert "urn:y" in str(err) and err.line == _line(bad, b'xmlns="urn:y"')


def test_large_files_refuse_a_foreign_namespace_too(shared):
    # large files were once parsed in parts, which read the elements where the whole parse read none;
    # there is one way of reading now, whatever the size
    data = _example(shared, "ca_GC_BCM_2.0.xml").replace(b"<elements>", b'<elements xmlns="urn:x">', 1)
    assert not hasattr(ArchimateReader(), "split_min_bytes")
    with pytest.raises(ExchangeFormatError, match="urn:x"):
        parse_archimate(data)


def test_a_foreign_child_of_a_container_is_an_error():
    xml = generate_archimate(_model(), layout="grid")
    bad = xml.replace(b"</elements>", b"<node/></elements>", 1)
    err = _err(bad)
    assert "<elements> may hold only <element>" in str(err) and err.line == _line(bad, b"<node/>")


def test_foreign_elements_in_metadata_are_allowed():
    xml = generate_archimate(_model(metadata={"title": {"en": "t"}, "properties": {"dc:creator": "me"}}),
                             layout="grid")
    assert b"<dc:creator>" in xml
    assert parse_archimate(xml).metadata.properties == {"dc:creator": "me"}
    extended = xml.replace(b"</metadata>", b'<x:extra xmlns:x="urn:x">kept out</x:extra></metadata>', 1)
    assert parse_archimate(extended).metadata.properties == {"dc:creator": "me"}


def test_synthetic_round_trip_still_reads_everything():
    m = synthetic_model(50, seed=4)
    assert parse_archimate(generate_archimate(m, layout="grid")) == m


# ------------------------------------------------------------------ reader behaviour once tested with splitting
@pytest.fixture(scope="module")
def xml() -> bytes:
    return generate_archimate(synthetic_model(3000, seed=11), layout="grid")


def _replace_at(data: bytes, at: int, old: bytes, new: bytes) -> bytes:
    assert data[at:at + len(old)] == old
    return data[:at] + new + data[at + len(old):]


def test_comments_and_processing_instructions_change_nothing(xml):
    at = xml.index(b"<elements>")
    plain = parse_archimate(xml)
    for change in (b"<!-- a comment -->", b"<?pi x?>"):
        assert parse_archimate(xml[:at] + change + xml[at:]) == plain


def test_errors_late_in_a_file_name_their_line(xml):
    at = xml.rindex(b'xsi:type="Serving"')
    bad = _replace_at(xml, at, b'xsi:type="Serving"', b'xsi:type="Servin"')
    err = _err(bad)
    assert err.line == bad.count(b"\n", 0, at) + 1 and "did you mean 'Serving'" in str(err)


def test_malformed_xml_late_in_a_file_names_its_line(xml):
    at = xml.index(b"<relationship ", len(xml) * 3 // 4)
    bad = _replace_at(xml, at, b"<relationship ", b"<relationship <")
    assert _err(bad).line == bad.count(b"\n", 0, at) + 1


def test_lines_beyond_65535_are_found():
    big = generate_archimate(synthetic_model(9000, seed=2), layout="grid")
    assert big.count(b"\n") > 70000
    at = big.rindex(b'xsi:type="Serving"')
    bad = _replace_at(big, at, b'xsi:type="Serving"', b'xsi:type="Servin"')
    line = bad.count(b"\n", 0, at) + 1
    assert line > 65535 and _err(bad).line == line


def test_the_first_error_in_document_order_is_reported(xml):
    head_at = xml.index(b'xsi:type="BusinessProcess"')
    tail_at = xml.rindex(b'xsi:type="Serving"')
    bad = _replace_at(xml, tail_at, b'xsi:type="Serving"', b'xsi:type="Servin"')
    bad = _replace_at(bad, head_at, b'xsi:type="BusinessProcess"', b'xsi:type="BusinessProces"')
    assert "BusinessProces'" in str(_err(bad))


def test_property_definitions_anywhere_are_used(xml):
    # property definitions before the elements (schema-invalid order, but readable)
    start = xml.index(b"<propertyDefinitions>")
    end = xml.index(b"</propertyDefinitions>") + len(b"</propertyDefinitions>")
    moved = xml[:start] + xml[end:]
    at = moved.index(b"<elements>")
    moved = moved[:at] + xml[start:end] + moved[at:]
    with pytest.warns(EaframeWarning, match="comes after <propertyDefinitions>"):  # the structure check says so
        back = parse_archimate(moved)
    assert back == parse_archimate(xml)


def test_invalid_values_late_in_a_file_are_located(xml):
    ref = re.search(rb'<propertyDefinition identifier="([^"]+)" type="string">\s*<name>eaframe:confidence</name>',
                    xml).group(1)
    at = xml.rindex(b'xsi:type="Serving"/>')
    end = at + len(b'xsi:type="Serving"')
    bad = (xml[:end] + b'><properties><property propertyDefinitionRef="' + ref + b'"><value>Z</value></property>'
           b"</properties></relationship>" + xml[end + 2:])
    err = _err(bad)
    assert "confidence" in str(err) and err.problems[0].line == bad.count(b"\n", 0, at) + 1


def test_a_view_id_is_escaped_in_the_organizations_too():
    # with a drawing of its own (a laid-out one would get node ids made from the view id)
    m = _model(views=[{"id": "v", "name": {"en": "V"}, "elements": [], "diagram": {"nodes": []}}])
    object.__setattr__(m.views[0], "id", 'v"<&')
    m.reindex()
    root = etree.fromstring(generate_archimate(m, layout="grid"))
    assert 'v"<&' in [item.get("identifierRef") for item in root.iter(f"{M}item")]
    assert root.find(f"{M}views/{M}diagrams/{M}view").get("identifier") == 'v"<&'


@pytest.mark.parametrize("encoding", ["UTF-16", "UTF-16LE", "UTF-32", "UTF-16 without declaration"])
def test_a_foreign_namespace_is_found_in_files_of_any_encoding(shared, encoding):
    text = _example(shared, "archi_Sample1.xml").decode("utf-8")
    text = text.replace("<elements>", '<elements xmlns="urn:x">', 1).replace("UTF-8", encoding, 1)
    if encoding.endswith("without declaration"):
        encoding = "UTF-16"
        text = text[text.index("?>") + 2:]
    data = text.encode(encoding)
    with pytest.raises(ExchangeFormatError, match="urn:x"):
        parse_archimate(data)
