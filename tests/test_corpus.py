"""eaframe on real models written by others (tests/data/corpus/, origins in its README.md).

Every exchange file goes read → write → read, and an independent counter in plain lxml
(tests/corpus_counter.py, no eaframe code) compares the original with the written file:
counts and content of elements, relationships, views, nodes, connections, bendpoints,
properties (repeats included), folders and their depth, and languages.

What a round trip changes is data, not a skip: :data:`NORMALISED` names, per file, each aspect
that changes on purpose (a rule of the model, documented and counted in a warning), and
:data:`KNOWN_LOSSES` what eaframe does not keep yet (none is left). The test asserts that such an
aspect *does* still differ, so that a change that stops happening fails the test until its entry
is removed.

Archi's native ``.archimate`` files go read → write ``.archimate`` → read the same way, and
every file also goes through the other format (native → exchange, exchange → native →
exchange): what the native format cannot hold is listed in :data:`NATIVE_LOSSES`, held to
the same rule, and counted in the native writer's warning.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_counter import Counts, count_bytes, count_file
from exchange_support import assert_valid_archimate

from eaframe.cli import main
from eaframe.exchange import (
    dumps_archi,
    generate_archimate,
    parse_archimate,
    read_archi,
    read_archimate,
    reads_archi,
    write_archimate,
)
from eaframe.formats import dumps, loads

# real models warn about what they hold (3.1-era relationships, folder data the exchange format cannot hold); these tests compare content, the warnings are asserted elsewhere
pytestmark = pytest.mark.filterwarnings("ignore::eaframe.exceptions.EaframeWarning")

DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPUS = DATA / "corpus"
EXCHANGE = sorted(CORPUS.glob("*.xml"))
NATIVE = sorted(CORPUS.glob("*.archimate"))
#: The four exchange files of ../shared/archimate/examples (read from there, never copied).
SHARED_EXAMPLES = ("archi_Sample1.xml", "archi_bendpoint.test.xml", "ca_GC_BCM_2.0.xml",
                   "opengroup_Basic_Model_Properties.xml")


def _same_structure(a: Counts, b: Counts) -> bool:
    return (a.elements, a.relationships, a.views, a.nodes, a.nested_nodes, a.node_depth, a.connections,
            a.bendpoints) == (b.elements, b.relationships, b.views, b.nodes, b.nested_nodes, b.node_depth,
                              b.connections, b.bendpoints)


def _same_properties(a: Counts, b: Counts) -> bool:
    # No eaframe property of its own is added (eaframe:languages is written only for a
    # model whose language list is not the default one).
    return ((a.properties, a.property_owners, a.repeated_properties, a.model_properties)
            == (b.properties, b.property_owners, b.repeated_properties, b.model_properties))


def _same_folders(a: Counts, b: Counts) -> bool:
    if not a.folders:
        # No organizations in the original: eaframe writes its own one-level layer folders.
        return b.folder_depth == 1 and all(depth == 1 for depth, _ in b.folder_content)
    return sorted(a.folder_content) == sorted(b.folder_content)


#: Aspect name -> does the written file keep it? (original counts, written counts)
ASPECTS: dict[str, Callable[[Counts, Counts], bool]] = {
    "structure": _same_structure,
    "elements": lambda a, b: a.element_content == b.element_content,
    "relationships": lambda a, b: a.relationship_content == b.relationship_content,
    "views": lambda a, b: a.view_content == b.view_content,
    "properties": _same_properties,
    "property_values": lambda a, b: a.property_content == b.property_content,
    "property_types": lambda a, b: a.property_types == b.property_types,
    "folders": _same_folders,
    "languages": lambda a, b: a.languages == b.languages,
}

#: What a read → write changes on purpose, per file: aspect -> why. Each is a rule of the model,
#: documented in docs/archimate.md ("What is kept / what changes") and counted in a warning of
#: the reader (:data:`WARNED`). The test asserts that such an aspect *does* still differ, so
#: that the table stays honest: an entry that no longer changes fails until it is removed.
NORMALISED: dict[str, dict[str, str]] = {
    "ca_ai_architecture_dev.xml": {
        "elements": "CR LF line breaks in documentation (&#13;) are stored as LF: eaframe's text has LF line "
                    "breaks (clean_text), so diffs, checks and model files see no invisible differences",
    },
    "vng_omgevingswet_swc.xml": {
        "property_values": "the same: CR LF line breaks in a property value are stored as LF",
    },
    "archi_OpenDay.archimate": {
        "structure": "Archi 2.x relationship names (UsedBy, Realisation) are written with their ArchiMate 3 names "
                     "(Serving, Realization), as Archi itself converts them on opening",
        "relationships": "the same: Archi 2.x relationship names become ArchiMate 3 ones",
    },
}

#: The warning of the reader that counts each change of :data:`NORMALISED` (a phrase of it).
WARNED: dict[str, str] = {
    "ca_ai_architecture_dev.xml": "6 carriage return(s) in texts",
    "vng_omgevingswet_swc.xml": "13 carriage return(s) in texts",
    "archi_OpenDay.archimate": "UsedByRelationship → ServingRelationship: 13",
}

#: What eaframe does not keep yet, per file: aspect -> why (a loss to fix; none is left). A
#: fixed loss fails test_round_trip_keeps_what_eaframe_keeps until its entry is removed here.
KNOWN_LOSSES: dict[str, dict[str, str]] = {}

#: What Archi's native format cannot hold of an exchange file: exchange → .archimate →
#: exchange, compared with exchange → exchange. Aspect -> why; a fixed one fails
#: test_exchange_through_native until its entry is removed. Each is counted in the warning
#: of the native writer (:data:`NATIVE_WARNED`).
NATIVE_LOSSES: dict[str, dict[str, str]] = {
    "ca_dmit_2018.xml": {"languages": "a property value's xml:lang: Archi's properties have no language"},
    "opengroup_archisurance.xml": {"languages": "xml:lang of property values (some in several languages): "
                                                "Archi's property has one value and no language"},
    "vng_omgevingswet_swc.xml": {"languages": "xml:lang (nl) of property values: Archi's properties have no "
                                              "language (the texts come back in nl through eaframe:languages)"},
    "archi_Sample1.xml": {"languages": "texts without xml:lang beside tagged ones: Archi's text has no language, "
                                       "so all of them read back in the model's one language"},
    "ca_GC_BCM_2.0.xml": {"languages": "xml:lang of property values: Archi's properties have no language"},
    "opengroup_Basic_Model_Properties.xml": {"property_types": "Archi's properties have no data type "
                                                               "(number becomes string)"},
}

#: The phrase of the native writer's warning that counts each entry of :data:`NATIVE_LOSSES`.
NATIVE_WARNED: dict[str, str] = {
    "ca_dmit_2018.xml": "the language of 1 property value(s)",
    "opengroup_archisurance.xml": "the language of 5 property value(s)",
    "vng_omgevingswet_swc.xml": "the language of 324 property value(s)",
    "archi_Sample1.xml": "the language of 2 text(s) (read back in en)",
    "ca_GC_BCM_2.0.xml": "the language of 591 property value(s)",
    "opengroup_Basic_Model_Properties.xml": "the data types of 1 property key(s) (number)",
}


def _changes(name: str) -> dict[str, str]:
    return {**NORMALISED.get(name, {}), **KNOWN_LOSSES.get(name, {})}


def _exchange_files() -> list:
    files = [pytest.param(p, id=p.name) for p in EXCHANGE]
    files += [pytest.param(SHARED / "archimate" / "examples" / n, id=f"shared/{n}") for n in SHARED_EXAMPLES]
    return files


def _need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"../shared (reference XSDs and examples) not found beside the checkout: {path}")


def _written(path: Path, tmp_path: Path) -> tuple[bytes, bytes]:
    """read → write_archimate → read → write_archimate: both written files."""
    first, second = tmp_path / "first.xml", tmp_path / "second.xml"
    write_archimate(read_archimate(path, strict=False), first)
    write_archimate(read_archimate(first, strict=False), second)
    return first.read_bytes(), second.read_bytes()


def test_corpus_is_documented():
    """Every corpus file has a row in README.md and an entry in SOURCES.json, and none is missing."""
    import json

    sources = json.loads((CORPUS / "SOURCES.json").read_text(encoding="utf-8"))
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".xml", ".archimate"))
    assert sorted(s["file"] for s in sources) == files
    assert len(files) >= 8
    for s in sources:
        assert f"`{s['file']}`" in readme
        assert (CORPUS / s["file"]).stat().st_size == s["size"], s["file"]
        assert s["licence"] and s["repository"] and len(s["commit"]) == 40 and s["path"]
        assert s["file"] not in SHARED_EXAMPLES


def test_every_normalisation_and_native_loss_is_counted_in_a_warning(shared):
    """What a round trip changes on purpose is said, counted, when it happens: by the reader
    (NORMALISED) or by the native writer (NATIVE_LOSSES)."""
    import warnings

    assert set(WARNED) == set(NORMALISED) and set(NATIVE_WARNED) == set(NATIVE_LOSSES)
    paths = {p.name: p for p in EXCHANGE + NATIVE} | {n: shared / "archimate" / "examples" / n for n in SHARED_EXAMPLES}
    for name, phrase in WARNED.items():
        read = read_archi if name.endswith(".archimate") else read_archimate
        model = _quiet(read, paths[name])
        assert any(phrase in str(p) for p in model.warnings), (name, model.warnings)
    for name, phrase in NATIVE_WARNED.items():
        model = read_archimate(paths[name], strict=False)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            dumps_archi(model)
        said = [str(w.message) for w in caught]
        assert any(phrase in s for s in said), (name, said)


def test_known_losses_name_real_files_and_aspects():
    names = {p.name for p in EXCHANGE + NATIVE} | set(SHARED_EXAMPLES)
    for name, losses in [*NORMALISED.items(), *KNOWN_LOSSES.items(), *NATIVE_LOSSES.items()]:
        assert name in names, f"a loss table names {name}, which is no corpus file"
        assert losses and set(losses) <= set(ASPECTS), f"{name}: unknown aspects {set(losses) - set(ASPECTS)}"


@pytest.mark.parametrize("path", _exchange_files())
def test_round_trip_keeps_what_eaframe_keeps(path, tmp_path):
    _need(path)
    first, second = _written(path, tmp_path)
    original, written = count_file(path), count_bytes(first)
    assert original.elements or original.views, f"{path.name}: the counter found nothing"
    known = _changes(path.name)
    for aspect, same in ASPECTS.items():
        kept = same(original, written)
        if aspect in known:
            assert not kept, (f"{path.name}: eaframe now keeps {aspect} ({known[aspect]}); "
                              f"remove that entry from NORMALISED or KNOWN_LOSSES in tests/test_corpus.py")
        else:
            assert kept, (f"{path.name}: {aspect} changed in read → write: "
                          f"{_difference(aspect, original, written)}")
    # A second round trip changes nothing.
    assert second == first, f"{path.name}: the second round trip differs from the first"


def _difference(aspect: str, a: Counts, b: Counts) -> str:
    if aspect in ("elements", "relationships", "views", "property_values"):
        field = "property_content" if aspect == "property_values" else f"{aspect[:-1]}_content"
        da, db = getattr(a, field), getattr(b, field)
        keys = sorted(k for k in set(da) | set(db) if da.get(k) != db.get(k))
        return (f"{len(keys)} differ, e.g. {keys[0]!r}: {repr(da.get(keys[0]))[:300]} -> "
                f"{repr(db.get(keys[0]))[:300]}")
    sa, sb = a.summary(), b.summary()
    return ", ".join(f"{k}: {sa.get(k, 0)} -> {sb.get(k, 0)}" for k in sorted(set(sa) | set(sb))
                     if sa.get(k, 0) != sb.get(k, 0)) or "same counts, different content"


@pytest.mark.parametrize("path", _exchange_files())
def test_written_corpus_files_are_schema_valid(path, shared, tmp_path):
    _need(path)
    assert_valid_archimate(generate_archimate(read_archimate(path, strict=False)), shared)


@pytest.mark.parametrize("path", _exchange_files())
def test_corpus_survives_eaframe_model_file(path):
    """The other format: exchange → YAML model file → back gives the same exchange file."""
    _need(path)
    model = read_archimate(path, strict=False)
    again = loads(dumps(model, format="yaml"), format="yaml", strict=False)
    assert generate_archimate(again) == generate_archimate(model)


def _compare(name: str, original: Counts, written: Counts, known: dict[str, str]) -> None:
    for aspect, same in ASPECTS.items():
        kept = same(original, written)
        if aspect in known:
            assert not kept, (f"{name}: eaframe now keeps {aspect} ({known[aspect]}); remove that entry from "
                              "tests/test_corpus.py")
        else:
            assert kept, f"{name}: {aspect} changed: {_difference(aspect, original, written)}"


def _quiet(read, *args, **kw):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read(*args, **kw)


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in NATIVE])
def test_native_round_trip_keeps_what_the_file_holds(path):
    """read → write .archimate → read: counts and content as the original's; the second trip is byte-identical."""
    model = _quiet(read_archi, path)
    first = dumps_archi(model)
    again = _quiet(reads_archi, first)
    assert again == model
    assert dumps_archi(again) == first, f"{path.name}: the second round trip differs from the first"
    original, written = count_file(path), count_bytes(first)
    assert original.elements or original.views
    _compare(path.name, original, written, _changes(path.name))
    assert (written.images, written.image_refs) == (original.images, original.image_refs)


_OLD_NAMES = {"UsedBy": "Serving", "Realisation": "Realization", "Specialisation": "Specialization"}


def _plain_type(t: str) -> str:
    """A type name of either format as one spelling: no Relationship suffix, Junctions as one type."""
    t = t[:-12] if t.endswith("Relationship") else t
    return "Junction" if t in ("AndJunction", "OrJunction") else _OLD_NAMES.get(t, t)


def _structure(c: Counts) -> tuple:
    elements, relationships = Counter(), Counter()
    for t, n in c.elements.items():
        elements[_plain_type(t)] += n
    for t, n in c.relationships.items():
        relationships[_plain_type(t)] += n
    content = {i: (_plain_type(t), texts) for i, (t, texts) in c.element_content.items()}
    rels = {i: (_plain_type(t), s, e) for i, (t, s, e) in c.relationship_content.items()}
    views = {i: tuple(sorted(r for r in refs if not r.endswith((":Note", ":Group", ":Label", ":Container",
                                                                ":DiagramModelReference"))))
             for i, refs in c.view_content.items()}
    return (elements, relationships, c.views, c.nodes, c.nested_nodes, c.node_depth, c.connections, c.bendpoints,
            content, rels, views, c.properties, c.repeated_properties)


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in NATIVE])
def test_native_through_exchange(path):
    """read .archimate → write exchange → read: the concepts, their texts, the views and the
    properties are the same (type names compared in one spelling); a second trip is byte-identical."""
    model = _quiet(read_archi, path)
    xml = generate_archimate(model)
    back = _quiet(parse_archimate, xml)
    assert generate_archimate(back) == xml
    original, written = count_file(path), count_bytes(xml)
    ids = model.native.ids if model.native else {}
    # exchange files carry the renamed (eaframe) ids; the counter sees Archi's
    def renamed(c: Counts) -> Counts:
        inverse = ids  # eaframe id -> Archi's
        c.element_content = {inverse.get(k, k): v for k, v in c.element_content.items()}
        c.relationship_content = {inverse.get(k, k): (t, inverse.get(s, s), inverse.get(e, e))
                                  for k, (t, s, e) in c.relationship_content.items()}
        c.view_content = {inverse.get(k, k): tuple(sorted(r.split(":", 1)[0] + ":" + inverse.get(r.split(":", 1)[1],
                                                                                                  r.split(":", 1)[1])
                                                          for r in refs)) for k, refs in c.view_content.items()}
        return c

    kept = _structure(original)
    got = _structure(renamed(written))
    # concepts eaframe does not model (kept verbatim for .archimate only) are not in the exchange file
    dropped = sum(1 for i in (model.native.objects if model.native else {}) if i not in {v.id for v in model.views})
    if dropped:
        assert sum(kept[0].values()) - sum(got[0].values()) == dropped
    else:
        assert got == kept, [f"{i}: {a!r} -> {b!r}" for i, (a, b) in enumerate(zip(kept, got, strict=True)) if a != b]


@pytest.mark.parametrize("path", _exchange_files())
def test_exchange_through_native(path):
    """exchange → .archimate → exchange keeps what exchange → exchange keeps, but NATIVE_LOSSES;
    the .archimate of the second trip is byte-identical to the first's."""
    _need(path)
    model = read_archimate(path, strict=False)
    reference = generate_archimate(model)
    native = dumps_archi(model)
    back = _quiet(reads_archi, native)
    assert dumps_archi(back) == native
    _compare(f"{path.name} via .archimate", count_bytes(reference), count_bytes(generate_archimate(back)),
             NATIVE_LOSSES.get(path.name, {}))


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in NATIVE])
def test_commands_run_on_native_files(path, tmp_path):
    runner = CliRunner()
    model = _quiet(read_archi, path)
    for cmd in (["info", str(path)], ["check", str(path)], ["diff", str(path), str(path)],
                ["export", str(path), "--to", "archimate", "-o", str(tmp_path / "m.xml")],
                ["export", str(path), "--to", "archi", "-o", str(tmp_path / "m.archimate")],
                ["import", str(path), "-o", str(tmp_path / "m.yaml")]):
        r = runner.invoke(main, cmd)
        assert r.exit_code in ((0, 1) if cmd[0] == "check" else (0,)), (cmd, r.output)
        assert "Traceback" not in r.output
    drawn = [v for v in model.views if v.diagram is not None and v.diagram.nodes]
    if drawn:
        r = runner.invoke(main, ["render", str(path), "--view", drawn[0].id, "-o", str(tmp_path / "v.svg")])
        assert r.exit_code == 0 and (tmp_path / "v.svg").read_bytes().startswith(b"<"), r.output
    r = runner.invoke(main, ["diff", str(tmp_path / "m.yaml"), str(tmp_path / "m.archimate")])
    assert r.exit_code == 0, r.output


def test_corpus_covers_what_the_issue_asks_for():
    """Large and small, zipped and plain, nested folders and nodes, images, 3.1-era relationships."""
    exchange = {p.name: count_file(p) for p in EXCHANGE}
    native = {p.name: count_file(p) for p in NATIVE}
    sizes = [p.stat().st_size for p in EXCHANGE + NATIVE]
    assert min(sizes) < 5_000 and max(sizes) > 100_000
    assert max(sizes) < 2_000_000
    assert any((CORPUS / n).read_bytes()[:2] == b"PK" for n in native)
    assert any(c.images and c.image_refs for c in native.values())
    assert any(c.folder_depth >= 3 for c in exchange.values())
    assert {"en", "nl"} <= {lang for c in exchange.values() for lang in c.languages}
    assert any(c.node_depth >= 3 for c in exchange.values())
    assert any(c.bendpoints for c in exchange.values())
    # Archi 2.x names of relationships (UsedBy, Realisation) and 3.x ones (Influence, Specialization).
    rel_types = Counter()
    for c in native.values():
        rel_types.update(c.relationships)
    assert rel_types["UsedByRelationship"] and rel_types["InfluenceRelationship"]


# ---------------------------------------------------------------- the counter itself

TINY_EXCHANGE = b"""<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
       identifier="m">
  <name xml:lang="en">Tiny</name>
  <properties><property propertyDefinitionRef="p1"><value>model</value></property></properties>
  <elements>
    <element identifier="a" xsi:type="BusinessActor"><name xml:lang="en">A</name><name xml:lang="vi">A vi</name>
      <properties>
        <property propertyDefinitionRef="p1"><value xml:lang="en">x</value></property>
        <property propertyDefinitionRef="p1"><value>y</value></property>
        <property propertyDefinitionRef="p2"><value>3</value></property>
      </properties>
    </element>
    <element identifier="b" xsi:type="BusinessRole"><name>B</name></element>
  </elements>
  <relationships>
    <relationship identifier="r" source="a" target="b" xsi:type="Assignment"/>
  </relationships>
  <organizations>
    <item><label xml:lang="en">Business</label>
      <item><label xml:lang="en">Sub</label><item identifierRef="a"/></item>
      <item identifierRef="b"/>
    </item>
  </organizations>
  <propertyDefinitions>
    <propertyDefinition identifier="p1" type="string"><name>k</name></propertyDefinition>
    <propertyDefinition identifier="p2" type="number"><name>n</name></propertyDefinition>
  </propertyDefinitions>
  <views><diagrams>
    <view identifier="v" xsi:type="Diagram"><name xml:lang="en">V</name>
      <node identifier="n1" elementRef="a" xsi:type="Element" x="0" y="0" w="10" h="10">
        <node identifier="n2" elementRef="b" xsi:type="Element" x="1" y="1" w="5" h="5"/>
      </node>
      <connection identifier="c" relationshipRef="r" xsi:type="Relationship" source="n1" target="n2">
        <bendpoint x="1" y="2"/><bendpoint x="3" y="4"/>
      </connection>
    </view>
  </diagrams></views>
</model>
"""


def test_counter_on_a_tiny_exchange_file():
    c = count_bytes(TINY_EXCHANGE)
    assert c.format == "exchange"
    assert c.elements == Counter({"BusinessActor": 1, "BusinessRole": 1})
    assert c.relationships == Counter({"Assignment": 1})
    assert (c.views, c.nodes, c.nested_nodes, c.node_depth, c.connections, c.bendpoints) == (1, 2, 1, 2, 1, 2)
    assert (c.properties, c.property_owners, c.repeated_properties, c.model_properties) == (3, 1, 1, 1)
    assert c.property_definitions == Counter({"string": 1, "number": 1})
    assert c.property_types == Counter({"string": 2, "number": 1})
    assert (c.folders, c.folder_depth) == (2, 2)
    assert sorted(c.folder_content) == [(1, ("Business",)), (2, ("Sub",))]
    # Texts: model name, A (en, vi), B (untagged), view V; values x (en), y and 3 (untagged).
    assert c.languages == Counter({"en": 4, "vi": 1, "": 3})
    assert c.element_content["a"] == ("BusinessActor", ("A", "A vi"))
    assert c.property_content == {"a": (("k", ("x",)), ("k", ("y",)), ("n", ("3",)))}
    assert c.relationship_content == {"r": ("Assignment", "a", "b")}
    assert c.view_content == {"v": ("connection:r", "node:a", "node:b")}
    assert c.summary()["element:BusinessActor"] == 1


TINY_NATIVE = b"""<?xml version="1.0" encoding="UTF-8"?>
<archimate:model xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:archimate="http://www.archimatetool.com/archimate" name="T" id="m" version="5.0.0">
  <folder name="Business" id="f1" type="business">
    <folder name="Sub" id="f2">
      <element xsi:type="archimate:BusinessActor" name="A" id="a">
        <property key="k" value="1"/><property key="k" value="2"/>
      </element>
    </folder>
    <element xsi:type="archimate:BusinessRole" name="B" id="b"/>
  </folder>
  <folder name="Relations" id="f3" type="relations">
    <element xsi:type="archimate:AssignmentRelationship" id="r" source="a" target="b"/>
  </folder>
  <folder name="Views" id="f4" type="diagrams">
    <element xsi:type="archimate:ArchimateDiagramModel" name="V" id="v">
      <child xsi:type="archimate:DiagramObject" id="n1" archimateElement="a" imagePath="images/x.png">
        <sourceConnection xsi:type="archimate:Connection" id="c" source="n1" target="n2" archimateRelationship="r">
          <bendpoint startX="1" startY="2" endX="3" endY="4"/>
        </sourceConnection>
        <child xsi:type="archimate:DiagramObject" id="n2" archimateElement="b"/>
      </child>
    </element>
  </folder>
</archimate:model>
"""


def test_counter_on_a_tiny_native_file_plain_and_zipped():
    import zipfile

    c = count_bytes(TINY_NATIVE)
    assert c.format == "archi"
    assert c.elements == Counter({"BusinessActor": 1, "BusinessRole": 1})
    assert c.relationships == Counter({"AssignmentRelationship": 1})
    assert (c.views, c.nodes, c.nested_nodes, c.node_depth, c.connections, c.bendpoints) == (1, 2, 1, 2, 1, 1)
    assert (c.properties, c.property_owners, c.repeated_properties) == (2, 1, 1)
    assert (c.folders, c.folder_depth, c.image_refs, c.images) == (4, 2, 1, 0)
    assert c.view_content == {"v": ("connection:r", "node:a", "node:b")}
    assert c.property_content == {"a": (("k", ("1",)), ("k", ("2",)))}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("model.xml", TINY_NATIVE)
        z.writestr("images/x.png", b"\x89PNG")
    zipped = count_bytes(buf.getvalue())
    assert zipped.images == 1 and zipped.summary() | {"images": 0} == c.summary()


def test_counter_refuses_what_is_no_archimate_model():
    with pytest.raises(ValueError, match="not an ArchiMate model"):
        count_bytes(b"<html/>")
