"""An independent counter of ArchiMate model files, in plain lxml (it never imports eaframe).

The corpus tests (tests/test_corpus.py) compare what eaframe reads and writes against these
counts, so the counter must not share a line of code with the reader it checks.

Two formats:

* the Open Group exchange format (``<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/">``);
* Archi's native ``.archimate`` format, plain XML or a ZIP holding ``model.xml`` and ``images/``.

:func:`count_file` returns a :class:`Counts`; ``Counts.summary()`` is a flat ``{name: int}``
dictionary, handy for comparing two files; the ``*_content`` fields hold what the objects say
(types, texts, ends, view members) for comparing content beyond counts.

Languages count the texts of the model, its elements, relationships, views, nodes and connections,
and the values of their properties (``""`` = no ``xml:lang``); folder labels are kept apart in
``folder_content`` and the model's own properties in ``model_properties``.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

__all__ = ["Counts", "count_exchange", "count_native", "count_file", "count_bytes"]

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OG_PREFIX = "{http://www.opengroup.org/xsd/archimate/"
ARCHI_NS = "http://www.archimatetool.com/archimate"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


@dataclass
class Counts:
    """What one model file contains."""

    format: str
    elements: Counter = field(default_factory=Counter)            # by type
    relationships: Counter = field(default_factory=Counter)       # by type
    views: int = 0
    nodes: int = 0                 # view nodes at every depth
    nested_nodes: int = 0          # nodes inside another node
    node_depth: int = 0            # deepest nesting (1 = a top-level node)
    connections: int = 0
    bendpoints: int = 0
    properties: int = 0            # every property of an element, relationship, view or folder
    model_properties: int = 0      # properties of the model itself
    property_owners: int = 0       # objects that have at least one property
    repeated_properties: int = 0   # properties whose key already occurred on the same owner
    property_definitions: Counter = field(default_factory=Counter)  # by data type
    property_types: Counter = field(default_factory=Counter)  # data type of each (non-model) property
    folders: int = 0               # organization folders (labelled items) / native folders
    folder_depth: int = 0
    languages: Counter = field(default_factory=Counter)  # xml:lang value -> texts ("" = untagged)
    images: int = 0                # image files in a native ZIP
    image_refs: int = 0            # objects pointing at an image (imagePath)
    #: Content, for comparing two files beyond counts: identifier -> (type, sorted texts) for
    #: elements; identifier -> (type, source, target) for relationships; view identifier ->
    #: sorted references of its nodes and connections.
    element_content: dict = field(default_factory=dict)
    relationship_content: dict = field(default_factory=dict)
    view_content: dict = field(default_factory=dict)
    folder_content: list = field(default_factory=list)  # (depth, labels) of every folder
    #: owner identifier -> sorted (property name, value texts) of its properties, repeats kept.
    property_content: dict = field(default_factory=dict)

    def summary(self) -> dict[str, int]:
        """A flat ``{name: int}`` view: totals and one entry per type and language."""
        out = {name: getattr(self, name) for name in (
            "views", "nodes", "nested_nodes", "node_depth", "connections", "bendpoints", "properties",
            "model_properties",
            "property_owners", "repeated_properties", "folders", "folder_depth", "images", "image_refs")}
        out["elements"] = sum(self.elements.values())
        out["relationships"] = sum(self.relationships.values())
        out["property_definitions"] = sum(self.property_definitions.values())
        for t, n in self.elements.items():
            out[f"element:{t}"] = n
        for t, n in self.relationships.items():
            out[f"relationship:{t}"] = n
        for t, n in self.property_definitions.items():
            out[f"propertyDefinition:{t}"] = n
        for t, n in self.property_types.items():
            out[f"propertyType:{t}"] = n
        for lang, n in self.languages.items():
            out[f"lang:{lang or '(none)'}"] = n
        return out


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _kids(el, name: str) -> list:
    return [c for c in el if _local(c.tag) == name]


# ---------------------------------------------------------------- exchange format


def _texts(el, c: Counts | None = None) -> list[str]:
    """The name, documentation and label texts directly under ``el``; counts their languages."""
    out = []
    for t in el:
        if _local(t.tag) in ("name", "documentation", "label") and (t.text or "").strip():
            out.append(t.text)
            if c is not None:
                c.languages[t.get(XML_LANG) or ""] += 1
    return out


def _count_properties(owner, c: Counts, types: dict[str, tuple[str, str]], model: bool = False) -> None:
    content = []
    for props in _kids(owner, "properties"):
        seen: set[str] = set()
        plist = _kids(props, "property")
        if plist and not model:
            c.property_owners += 1
        for p in plist:
            if model:
                c.model_properties += 1
                continue
            c.properties += 1
            key = p.get("propertyDefinitionRef") or p.get("identifierRef") or ""
            name, dtype = types.get(key, (key, "?"))
            c.property_types[dtype] += 1
            if key in seen:
                c.repeated_properties += 1
            seen.add(key)
            values = []
            for v in _kids(p, "value"):
                if (v.text or "").strip():
                    c.languages[v.get(XML_LANG) or ""] += 1
                values.append(v.text or "")
            content.append((name, tuple(sorted(values))))
    if content:
        c.property_content[owner.get("identifier")] = tuple(sorted(content))


def _count_nodes_exchange(parent, depth: int, c: Counts) -> None:
    for n in _kids(parent, "node"):
        _texts(n, c)
        c.nodes += 1
        if depth > 1:
            c.nested_nodes += 1
        c.node_depth = max(c.node_depth, depth)
        _count_nodes_exchange(n, depth + 1, c)


def _count_folders_exchange(item, depth: int, c: Counts) -> None:
    for sub in _kids(item, "item"):
        if sub.get("identifierRef") is None:
            c.folder_content.append((depth, tuple(_texts(sub))))
            c.folders += 1
            c.folder_depth = max(c.folder_depth, depth)
            _count_folders_exchange(sub, depth + 1, c)


def count_exchange(root) -> Counts:
    """Count an exchange-format document (the root ``<model>`` element)."""
    c = Counts("exchange")
    types: dict[str, tuple[str, str]] = {}
    for section in _kids(root, "propertyDefinitions"):
        for d in _kids(section, "propertyDefinition"):
            c.property_definitions[d.get("type", "?")] += 1
            names = [t.text or "" for t in _kids(d, "name")]
            types[d.get("identifier", "")] = (names[0] if names else "", d.get("type", "?"))
    _texts(root, c)
    _count_properties(root, c, types, model=True)
    for section in _kids(root, "elements"):
        for e in _kids(section, "element"):
            c.elements[e.get(XSI_TYPE, "?")] += 1
            c.element_content[e.get("identifier")] = (e.get(XSI_TYPE), tuple(sorted(_texts(e, c))))
            _count_properties(e, c, types)
    for section in _kids(root, "relationships"):
        for r in _kids(section, "relationship"):
            c.relationships[r.get(XSI_TYPE, "?")] += 1
            c.relationship_content[r.get("identifier")] = (r.get(XSI_TYPE), r.get("source"), r.get("target"))
            _texts(r, c)
            _count_properties(r, c, types)
    for section in _kids(root, "organizations"):
        _count_folders_exchange(section, 1, c)
    for section in _kids(root, "views"):
        for diagrams in _kids(section, "diagrams"):
            for v in _kids(diagrams, "view"):
                c.views += 1
                _texts(v, c)
                _count_properties(v, c, types)
                _count_nodes_exchange(v, 1, c)
                refs = []
                for x in v.iter():
                    name = _local(x.tag)
                    if name == "node":
                        refs.append("node:" + (x.get("elementRef") or x.get(XSI_TYPE, "?")))
                    elif name == "connection":
                        refs.append("connection:" + (x.get("relationshipRef") or x.get(XSI_TYPE, "?")))
                        _texts(x, c)
                        c.connections += 1
                        c.bendpoints += len(_kids(x, "bendpoint"))
                c.view_content[v.get("identifier")] = tuple(sorted(refs))
    return c


# ---------------------------------------------------------------- Archi's native format

_DIAGRAM_TYPES = ("ArchimateDiagramModel", "SketchModel", "CanvasModel")


def _native_type(el) -> str:
    t = el.get(XSI_TYPE, "")
    return t.split(":", 1)[-1]


def _count_native_children(parent, depth: int, c: Counts) -> None:
    for ch in _kids(parent, "child") + _kids(parent, "children"):
        c.nodes += 1
        if depth > 1:
            c.nested_nodes += 1
        c.node_depth = max(c.node_depth, depth)
        if ch.get("imagePath"):
            c.image_refs += 1
        _count_native_children(ch, depth + 1, c)


def _count_native_folder(folder, depth: int, c: Counts) -> None:
    for f in _kids(folder, "folder"):
        c.folders += 1
        c.folder_depth = max(c.folder_depth, depth)
        c.folder_content.append((depth, (f.get("name"),) if f.get("name") else ()))
        _count_native_properties(f, c)
        _count_native_folder(f, depth + 1, c)
    for el in _kids(folder, "element"):
        t = _native_type(el)
        _count_native_properties(el, c)
        if t in _DIAGRAM_TYPES:
            c.views += 1
            _count_native_children(el, 1, c)
            refs = []
            for x in el.iter("child", "children"):
                refs.append("node:" + (x.get("archimateElement") or _native_type(x)))
            for conn in el.iter("sourceConnection", "sourceConnections"):
                # Archi 2.x named the relationship of a connection in ``relationship``
                rel = conn.get("archimateRelationship") or conn.get("relationship")
                refs.append("connection:" + (rel or _native_type(conn)))
                c.connections += 1
                c.bendpoints += len(_kids(conn, "bendpoint")) + len(_kids(conn, "bendpoints"))
            c.view_content[el.get("id")] = tuple(sorted(refs))
        elif t.endswith("Relationship"):
            c.relationships[t] += 1
            c.relationship_content[el.get("id")] = (t, el.get("source"), el.get("target"))
        else:
            c.elements[t] += 1
            texts = [el.get("name")] if el.get("name") else []
            texts += [d.text for d in _kids(el, "documentation") if (d.text or "").strip()]
            c.element_content[el.get("id")] = (t, tuple(sorted(texts)))
        if el.get("imagePath"):
            c.image_refs += 1


def _count_native_properties(owner, c: Counts) -> None:
    props = _kids(owner, "property") + _kids(owner, "properties")
    if props:
        c.property_owners += 1
    seen: set[str] = set()
    for p in props:
        c.properties += 1
        c.property_types["string"] += 1
        key = p.get("key") or ""
        if key in seen:
            c.repeated_properties += 1
        seen.add(key)
    if props:
        c.property_content[owner.get("id")] = tuple(sorted((p.get("key") or "", (p.get("value") or "",))
                                                          for p in props))


def count_native(root, images: int = 0) -> Counts:
    """Count an Archi ``.archimate`` document (the root ``<archimate:model>`` element)."""
    c = Counts("archi")
    c.images = images
    c.model_properties = len(_kids(root, "property")) + len(_kids(root, "properties"))
    _count_native_folder(root, 1, c)
    for el in root.iter():
        if _local(el.tag) in ("name", "documentation", "purpose") and (el.text or "").strip():
            c.languages[""] += 1
        elif el.get("name"):
            c.languages[""] += 1
    return c


# ---------------------------------------------------------------- entry points


def count_bytes(data: bytes) -> Counts:
    """Count a model given as bytes (exchange XML, native XML or a native ZIP)."""
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            xml = z.read("model.xml")
            images = sum(1 for n in names if n.startswith("images/") and not n.endswith("/"))
        return count_native(etree.fromstring(xml, _PARSER), images)
    root = etree.fromstring(data, _PARSER)
    ns = etree.QName(root).namespace or ""
    if root.tag.startswith(OG_PREFIX):
        return count_exchange(root)
    if ns == ARCHI_NS or ns.startswith("http://www.archimatetool.com/"):
        return count_native(root)
    raise ValueError(f"not an ArchiMate model: root element {root.tag!r}")


def count_file(path: str | Path) -> Counts:
    """Count the model in ``path``."""
    return count_bytes(Path(path).read_bytes())
