"""Fuzz: mutated exchange XML files give a model (with warnings) or an eaframe error, nothing else.

A seeded mutator derives 1,000 files from the example exchange files in
``../shared/archimate/examples`` (when present) and from eaframe's exports of the
bundled models and of a small synthetic model: byte flips, truncation, deleted and
duplicated elements and attributes, namespace changes, entities and DOCTYPEs, huge
text, odd Unicode, wrong types. Every file is read with :func:`parse_archimate`; a
sample goes through the CLI (``eaframe import FILE -o out.yaml``).
"""

from __future__ import annotations

import copy
import random
import time
import warnings
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from eaframe import ArchitectureModel, EaframeError, bundled_models, synthetic_model
from eaframe.bundled import load_model
from eaframe.cli import main
from eaframe.exchange import generate_archimate, parse_archimate
from eaframe.exchange.archimate import NS

SEED = 20261201
MUTANTS = 1000
CLI_SAMPLE = 30
SHARED_EXAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "archimate" / "examples"  # conftest.SHARED

ODD_TEXT = ["\u202e", "\u200b", "\ufeff", "e\u0301", "\U0001F600", "\U0010FFFD", "\u00a0", "\u2028", "\t\n",
            "]]>", "&amp;", '"\'<>', "\U00020000" * 20, "Đồng Nai", "\x7f", "\u0085"]
WRONG_VALUES = ["", " ", "-1", "0", "1e309", "99999999999999999999999", "abc", "true", "NaN", "1.5", "\u0661",
                "x y", "a:b", ":", "id-\U0001F600", "Goal", "Access", "ReadWrite", "eaframe:status"]
ATTRIBUTES = ["identifier", "source", "target", "xsi:type", "accessType", "isDirected", "modifier",
              "propertyDefinitionRef", "elementRef", "relationshipRef", "x", "y", "w", "h", "r", "g", "b", "a",
              "lineWidth", "ref", "identifierRef", "type", "viewpoint", "xml:lang"]
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PREFIXES = {"xsi": XSI, "xml": "http://www.w3.org/XML/1998/namespace"}


def _small_export(name: str, keep: int = 12) -> bytes:
    """A bundled model's export cut to its first ``keep`` elements and their relationships (no views)."""
    root = etree.fromstring(generate_archimate(load_model(name), layout="grid"))
    elements = root.find(f"{{{NS}}}elements")
    for el in list(elements)[keep:]:
        elements.remove(el)
    kept = {el.get("identifier") for el in elements}
    relationships = root.find(f"{{{NS}}}relationships")
    if relationships is not None:
        for rel in list(relationships):
            if rel.get("source") not in kept or rel.get("target") not in kept:
                relationships.remove(rel)
    for tag in ("organizations", "views"):
        for el in root.findall(f"{{{NS}}}{tag}"):
            root.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@cache
def seeds() -> tuple[list[bytes], list[bytes]]:
    """(small seeds, large seeds): most mutants come from the small ones, to keep the run short."""
    small = [generate_archimate(synthetic_model(15, seed=3), layout="grid")]
    large = []
    for name in bundled_models():
        small.append(_small_export(name))
        large.append(generate_archimate(load_model(name), layout="grid"))
    if SHARED_EXAMPLES.is_dir():
        for path in sorted(SHARED_EXAMPLES.glob("*.xml")):
            data = path.read_bytes()
            (small if len(data) < 50_000 else large).append(data)
    return small, large


# -------------------------------------------------------------------------- mutations
def _tree_mutation(data: bytes, rng: random.Random) -> bytes:
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return data
    nodes = [el for el in root.iter() if isinstance(el.tag, str)]
    el = rng.choice(nodes)
    op = rng.randrange(9)
    parent = el.getparent()
    if op == 0 and parent is not None:  # delete an element
        parent.remove(el)
    elif op == 1 and parent is not None:  # duplicate an element (and its ids)
        parent.insert(parent.index(el) + 1, copy.deepcopy(el))
    elif op == 2 and el.attrib:  # delete an attribute
        del el.attrib[rng.choice(list(el.attrib))]
    elif op == 3:  # an attribute with a wrong value (or one it should not have)
        name = rng.choice(ATTRIBUTES)
        prefix, _, local = name.rpartition(":")
        el.set(f"{{{PREFIXES[prefix]}}}{local}" if prefix else local, rng.choice(WRONG_VALUES))
    elif op == 4:  # another namespace
        local = etree.QName(el).localname
        el.tag = rng.choice([f"{{urn:x}}{local}", local, f"{{http://www.opengroup.org/xsd/archimate}}{local}"])
    elif op == 5:  # odd or huge text
        el.text = rng.choice(ODD_TEXT) * rng.choice([1, 3, 1000]) if rng.random() < 0.9 else "x" * 2_000_000
    elif op == 6 and parent is not None:  # move an element elsewhere
        target = rng.choice(nodes)
        if el not in target.iterancestors() and target is not el:
            target.append(el)
    elif op == 7:  # an unknown child
        etree.SubElement(el, rng.choice([f"{{{NS}}}element", f"{{{NS}}}node", f"{{{NS}}}property",
                                         f"{{{NS}}}value", "{urn:x}extension", f"{{{NS}}}name"]))
    else:  # a child in a wrong place
        etree.SubElement(el, f"{{{NS}}}{rng.choice(['elements', 'relationships', 'views', 'diagrams'])}")
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")


def _byte_mutation(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    op = rng.randrange(8)
    pos = rng.randrange(len(buf) + 1)
    if op == 0 and buf:  # byte flips
        for _ in range(rng.randint(1, 5)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    elif op == 1:  # truncation
        del buf[pos:]
    elif op == 2:  # DOCTYPE / entities
        decl = rng.choice([b'<!DOCTYPE model [<!ENTITY e "x">]>', b'<!DOCTYPE model SYSTEM "file:///etc/passwd">',
                           b'<!ENTITY e "x">'])
        at = buf.find(b"?>") + 2 if rng.random() < 0.7 else pos
        buf[at:at] = decl
    elif op == 3:  # entity and character references in place of text
        buf[pos:pos] = rng.choice([b"&e;", b"&#0;", b"&#xD800;", b"&#xFFFE;", b"&#1114112;", b"&lt;", b"&", b"&#x1F600;"])
    elif op == 4:  # a default namespace on some element
        at = buf.find(b">", pos)
        if at > 0 and buf[at - 1:at] != b"/":
            buf[at:at] = rng.choice([b' xmlns="urn:x"', b' xmlns=""', b' xmlns:xsi="urn:y"'])
    elif op == 5:  # other encodings
        text = bytes(buf).decode("utf-8", "replace")
        enc = rng.choice(["utf-16", "latin-1", "cp1252"])
        buf = bytearray(text.encode(enc, "replace"))
    elif op == 6:  # odd bytes
        buf[pos:pos] = rng.choice([b"\x00", b"\xc3", b"\xed\xa0\x80", b"\xef\xbf\xbe", b"<", b"]]>", b"<![CDATA[x]]>",
                                   b"<!-- c -->", b"<?pi x?>", b"\xef\xbb\xbf"])
    else:  # a duplicated attribute
        at = buf.find(b" identifier=", pos)
        if at >= 0:
            buf[at:at] = b' identifier="dup"'
    return bytes(buf)


def mutants(n: int = MUTANTS) -> list[tuple[int, bytes]]:
    rng = random.Random(SEED)
    small, large = seeds()
    out = []
    for i in range(n):
        data = rng.choice(large) if large and rng.random() < 0.03 else rng.choice(small)
        for _ in range(rng.randint(1, 3)):
            data = _tree_mutation(data, rng) if rng.random() < 0.55 else _byte_mutation(data, rng)
        out.append((i, data))
    return out


def _counts(m: ArchitectureModel) -> tuple[int, int, int]:
    return len(m.elements), len(m.relationships), len(m.views)


def _xml_counts(data: bytes) -> tuple[int, int, int]:
    """Concepts in a file that eaframe read, by local name, whatever their namespace: nothing may be dropped."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    return tuple(int(root.xpath(f"count({path})")) for path in (
        "*[local-name()='elements']/*[local-name()='element']",
        "*[local-name()='relationships']/*[local-name()='relationship']",
        "*[local-name()='views']/*[local-name()='diagrams']/*[local-name()='view']"))


# ------------------------------------------------------------------------------- tests
def test_shared_examples_are_among_the_seeds(shared):
    # the fuzz below also runs without ../shared; this says when it ran without its examples
    assert any(len(s) == (shared / "archimate" / "examples" / "archi_Sample1.xml").stat().st_size
               for s in seeds()[0])


def test_mutated_exchange_files_give_a_model_or_an_eaframe_error():
    # CPU time, not wall time: the bounds must hold on a loaded machine too
    start = time.process_time()
    outcomes = {"model": 0, "error": 0}
    slowest = 0.0
    for i, data in mutants():
        t = time.process_time()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                got = parse_archimate(data)
            except EaframeError:
                outcomes["error"] += 1
            except Exception as err:  # noqa: BLE001 - the point of the test: name the mutant that escaped
                raise AssertionError(f"mutant {i} (seed {SEED}) raised {type(err).__name__}: {err}") from err
            else:
                assert isinstance(got, ArchitectureModel)
                assert _counts(got) == _xml_counts(data), f"mutant {i} (seed {SEED}): concepts lost without an error"
                outcomes["model"] += 1
        slowest = max(slowest, time.process_time() - t)
    assert sum(outcomes.values()) == MUTANTS
    assert outcomes["model"] >= 50 and outcomes["error"] >= 300, outcomes  # both paths are exercised
    assert slowest < 2, f"a mutant took {slowest:.1f} s of CPU"
    assert time.process_time() - start < 30


def test_cli_import_of_mutated_files_exits_0_or_1(tmp_path):
    runner = CliRunner()
    sample = mutants()[::MUTANTS // CLI_SAMPLE][:CLI_SAMPLE]
    codes = set()
    for i, data in sample:
        src = tmp_path / f"m{i}.xml"
        src.write_bytes(data)
        out = tmp_path / f"m{i}.yaml"
        result = runner.invoke(main, ["import", str(src), "-o", str(out)])
        assert result.exit_code in (0, 1), (i, result.output)
        assert "Traceback" not in result.output, (i, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (i, result.exception)
        assert (result.exit_code == 0) == out.exists(), (i, result.output)
        codes.add(result.exit_code)
    assert codes == {0, 1}


@pytest.mark.parametrize("i", range(3))
def test_mutator_is_deterministic(i):
    assert mutants(5)[i] == mutants(5)[i]
