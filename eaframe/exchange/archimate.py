"""The Open Group ArchiMate Model Exchange File Format: export and import.

:func:`write_archimate` / :func:`generate_archimate` write a model as an exchange file
(namespace ``http://www.opengroup.org/xsd/archimate/3.0/``, schema 3.1, which Archi
and other ArchiMate 3.x tools read); :func:`read_archimate` / :func:`parse_archimate`
read any schema-valid exchange file into an :class:`~eaframe.model.ArchitectureModel`.

What maps to what (details in ``docs/archimate.md``):

* elements, relationships (also relationship-on-relationship), junctions
  (``AndJunction``/``OrJunction``), names and documentation in every language
  (``xml:lang="vi"``, ``"en"``, ...);
* Access ``accessType``, Influence ``modifier``, Association ``isDirected``;
* typed e-government fields and metadata as ``eaframe:*`` properties
  (:mod:`eaframe.exchange.codec`), free properties as they are, each key with a
  ``propertyDefinition``; ``dc:*`` metadata properties as Dublin Core ``<metadata>``;
* names, documentation and labels without ``xml:lang`` as untagged text (``Text.untagged``);
* organizations: the model's folder tree (``ArchitectureModel.folders``) as it was read,
  concepts in no folder (and every concept of a model without folders) in one folder per
  layer, like Archi's;
* views as diagrams: a view without a ``diagram`` is laid out
  (:mod:`eaframe.exchange.layout`) and marked so that reading it back restores the
  plain view; a view with a ``diagram`` (e.g. imported from Archi) is written as it is.

Output is deterministic (same model and layout engine → same bytes), UTF-8, and valid
against the exchange-format XSDs. Reading is safe: no DTDs, no entity expansion, no
network or file access beyond the file itself, and a size limit.

Examples
--------
>>> from eaframe.synthetic import synthetic_model
>>> m = synthetic_model(10, seed=3)
>>> xml = generate_archimate(m, layout="grid")
>>> xml[:38]
b'<?xml version="1.0" encoding="UTF-8"?>'
>>> from eaframe.modelfile import dumps
>>> dumps(parse_archimate(xml)) == dumps(m)
True
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import warnings
from itertools import chain, compress, repeat
from operator import attrgetter, is_not, itemgetter
from pathlib import Path
from typing import IO, Any, Literal, Optional, Union, get_origin

from lxml import etree
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .._files import file_name, is_open_file, output_stream, read_open_file
from ..attributes import ID_PATTERN, fields_set_sharer
from ..diagram import Color, Diagram, DiagramConnection, DiagramNode, Style
from ..elements import ELEMENT_TYPES, Layer, share_concept_sets
from ..exceptions import EaframeWarning, ExchangeFormatError, ModelValidationError, Problem
from ..i18n import N_, Msg, msg_en
from ..integrity import suggest
from ..model import ArchitectureModel, View, ViewLayout
from ..modelfile import _pydantic_words, _validate_concepts_in_place, no_gc
from ..relationships import RELATIONSHIP_TYPES, Access, Association, Influence
from .codec import (
    PREFIX,
    _compiled,
    decode_field,
    element_plan,
    encode_fields,
    encode_metadata,
    metadata_plan,
    model_languages,
    relationship_plan,
    scalar_text,
    text_data,
    text_pairs,
)
from .layout import Engine, layout_view

__all__ = [
    "NS",
    "XSI",
    "DC",
    "Lang",
    "DEFAULT_MAX_BYTES",
    "ArchimateWriter",
    "ArchimateReader",
    "MODEL_PARTS",
    "model_structure",
    "write_archimate",
    "generate_archimate",
    "read_archimate",
    "parse_archimate",
    "diagram_fingerprint",
    "safe_parser",
    "FOLDERS",
]

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
DC = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XSI_TYPE = f"{{{XSI}}}type"
_SCHEMA_LOCATION = NS + " http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"
_DC_LOCATION = " " + DC + " http://www.opengroup.org/xsd/archimate/3.1/dc.xsd"

Lang = Literal["vi", "en", "both"]
#: Default limit on the size of a file :func:`read_archimate` accepts (bytes).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024

#: Data types of exchange property definitions.
_DATA_TYPES = frozenset({"string", "boolean", "currency", "date", "time", "number"})

#: Organization folders (label, layers), in Archi's order.
FOLDERS: tuple[tuple[str, tuple[Layer, ...]], ...] = (
    ("Strategy", (Layer.STRATEGY,)),
    ("Business", (Layer.BUSINESS,)),
    ("Application", (Layer.APPLICATION,)),
    ("Technology & Physical", (Layer.TECHNOLOGY, Layer.PHYSICAL)),
    ("Motivation", (Layer.MOTIVATION,)),
    ("Implementation & Migration", (Layer.IMPLEMENTATION_MIGRATION,)),
    ("Other", (Layer.OTHER,)),
)
_FOLDER_OF = {layer: i for i, (_, layers) in enumerate(FOLDERS) for layer in layers}
#: Archi's folder type (:attr:`eaframe.model.Folder.type`) of each default folder, FOLDERS then Relations and Views.
_DEFAULT_FOLDER_TYPES = ("strategy", "business", "application", "technology", "motivation",
                         "implementation_migration", "other", "relations", "diagrams")
_DEFAULT_FOLDER_LABELS = (*(label for label, _ in FOLDERS), "Relations", "Views")
_FOLDER_TYPE_OF_LABEL = dict(zip(_DEFAULT_FOLDER_LABELS, _DEFAULT_FOLDER_TYPES, strict=True))
_OPTIONAL_NAME = frozenset({"Grouping", "Location", "AndJunction", "OrJunction"})
_ACCESS_OUT = {"access": "Access", "read": "Read", "write": "Write", "read_write": "ReadWrite"}
_ACCESS_IN = {v: k for k, v in _ACCESS_OUT.items()}
_DC_TERMS = ("title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
             "format", "identifier", "source", "language", "relation", "coverage", "rights")
_GENERATED = "eaframe:diagram"
_VIEW_ELEMENTS = "eaframe:elements"
_VIEW_RELATIONSHIPS = "eaframe:relationships"
_VIEW_LAYOUT = ("eaframe:layout.direction", "eaframe:layout.cluster_by")

_TEXT_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;",
                           "\n": "&#10;", "\t": "&#9;"})
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def diagram_fingerprint(diagram: Diagram) -> str:
    """Short hash of a diagram; marks diagrams eaframe laid out itself."""
    return hashlib.sha256(diagram.model_dump_json().encode("utf-8")).hexdigest()[:16]


# ============================================================================ writer
class _Out:
    """Buffered UTF-8 output; :meth:`add` appends, the writer flushes every ``_FLUSH_AT`` pieces."""

    def __init__(self, fh: IO[bytes]):
        self.fh = fh
        self.buf: list[str] = []
        self.add = self.buf.append

    def flush(self) -> None:
        if self.buf:
            self.fh.write("".join(self.buf).encode("utf-8"))
            self.buf.clear()


_FLUSH_AT = 50000  # pieces in an _Out's buffer that make the writer flush it
_NONES = repeat(None)
_ID, _ENDS = attrgetter("id"), attrgetter("id", "source", "target")


def _property_line(ind: str, ref: str, values: str) -> str:
    """One ``<property>`` line of the definition ``ref`` with its ``<value>`` elements ``values``."""
    return f'{ind}<property propertyDefinitionRef="{ref}">{values}</property>\n'


def _loose(cls: Any, entries: tuple) -> tuple[int, ...]:
    """Positions of the typed fields ``entries`` (the codec's compiled entries of ``cls``) that
    are neither scalars nor tuples: while all of them are unset (``None``), the values of all
    the fields together can be a dict key."""
    fields = cls.model_fields
    return tuple(i for i, e in enumerate(entries)
                 if not (e[1] == "scalar" or (e[1] == "list" and get_origin(fields[e[0]].annotation) is tuple)))


def _check_chars(value: str, where: str, field: str) -> None:
    m = _INVALID_XML.search(value)
    if m:
        raise ExchangeFormatError(Msg("{where}: {field}: character U+{code} (at position {pos}) cannot be written to "
                                      "XML 1.0; remove it from the model", where=where, field=field,
                                      code=f"{ord(m.group()):04X}", pos=m.start()))


_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_SPECIAL = re.compile("[&<>\"\r\n\t\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _t(value: str, where: str, field: str) -> str:
    """``value`` as XML text content; refuses characters XML 1.0 cannot hold, naming ``where`` and ``field``."""
    if _TEXT_SPECIAL.search(value) is None:  # most text needs no escaping
        return value
    _check_chars(value, where, field)
    return value.translate(_TEXT_ESC)


def _a(value: Any, where: str, field: str) -> str:
    """``value`` as an XML attribute value (between double quotes), escaped the same way."""
    value = str(value)
    if _ATTR_SPECIAL.search(value) is None:  # ids, numbers, colours: nothing to escape
        return value
    _check_chars(value, where, field)
    return value.translate(_ATTR_ESC)


def _plain_ids(ids: list[str]) -> bool:
    """Whether all ``ids`` are eaframe ids (ASCII NCNames), which XML needs no escaping for (one match)."""
    if not ids:
        return True
    if set(map(type, ids)) != {str}:
        return False
    joined = "\n".join(ids)
    return joined.count("\n") == len(ids) - 1 and _IDS_OK.match(joined) is not None


class ArchimateWriter:
    """Writes models as ArchiMate exchange XML.

    Parameters
    ----------
    lang
        ``"both"`` writes every language of every text (default); ``"vi"`` or ``"en"``
        writes only that language (another one where a text lacks it).
    layout
        Layout engine for views without a diagram: ``"auto"``, ``"dot"`` or ``"grid"``
        (see :func:`~eaframe.exchange.layout.layout_view`).
    organizations
        Write the folder tree: the model's ``folders`` as they are, concepts in no folder
        (all of them, for a model without folders) in one folder per layer, relations, views.
    """

    def __init__(self, lang: Lang = "both", layout: Engine = "auto", organizations: bool = True):
        if lang not in ("vi", "en", "both"):
            raise ValueError(f"lang must be 'vi', 'en' or 'both', not {lang!r}")
        self.lang = lang
        self.layout = layout
        self.organizations = organizations

    # ------------------------------------------------------------------ helpers
    def _pairs(self, text) -> list[tuple[Optional[str], str]]:
        pairs = text_pairs(text)
        if self.lang == "both" or pairs == [(None, "")]:
            return pairs
        chosen = [p for p in pairs if p[0] == self.lang]
        return chosen or pairs[:1]

    def _texts(self, o: _Out, tag: str, text, ind: str, where: str) -> None:
        for lang, value in self._pairs(text):
            if _TEXT_SPECIAL.search(value) is not None:  # else nothing to escape (most texts)
                value = _t(value, where, tag)
            if lang:
                if lang not in ("vi", "en"):
                    lang = _a(lang, where, f"{tag} language")
                o.add(f'{ind}<{tag} xml:lang="{lang}">{value}</{tag}>\n')
            else:
                o.add(f"{ind}<{tag}>{value}</{tag}>\n")

    def _propref(self, key: str, dtype: str) -> str:
        ref = self._props.get(key)
        if ref is None:
            n = len(self._props) + 1
            ref = f"propid-{n}"
            while ref in self._taken:
                n += 1
                ref = f"propid-{n}_{len(self._props)}"
            self._taken.add(ref)
            self._props[key] = ref
            self._prop_types[key] = dtype
        return ref

    def _typed_lines(self, entries: tuple, values: tuple, ind: str, what: str, cid: str,
                     loose: tuple[int, ...]) -> Optional[str]:
        """The ``<property>`` lines of the typed fields ``values`` (the codec's compiled
        ``entries`` of a concept class; what :meth:`_properties` makes of :func:`encode_fields`),
        or ``None`` when one is not a scalar or an id list (then those two make them). A line
        made once is remembered (most values repeat), and so are all the lines of values that
        are all scalars and tuples (set fields at the positions ``loose`` are neither)."""
        if loose and any(map(is_not, map(values.__getitem__, loose), _NONES)):
            return self._field_lines(entries, values, ind, what, cid)
        seen = (ind, id(entries), values, tuple(map(type, values)))  # types: True == 1, yet "true" != "1"
        got = self._wholes.get(seen)
        if got is None:
            got = self._wholes[seen] = self._field_lines(entries, values, ind, what, cid)
        return got

    def _field_lines(self, entries: tuple, values: tuple, ind: str, what: str, cid: str) -> Optional[str]:
        """:meth:`_typed_lines` made field by field."""
        made = self._lines
        lines = []
        for entry, v in compress(zip(entries, values, strict=True), map(is_not, values, _NONES)):
            kind, key = entry[1], entry[4]
            if kind == "scalar":
                seen = (ind, key, type(v), v)
            elif kind == "list":
                if not v:
                    continue
                seen = (ind, key, tuple, tuple(v))
            else:
                return None
            line = made.get(seen)
            if line is None:
                text = (v if type(v) is str else scalar_text(v)) if kind == "scalar" else " ".join(v)
                value = f"<value>{_t(text, f'{what} {cid!r}', key)}</value>"
                line = made[seen] = _property_line(ind, self._propref(key, entry[3]), value)
            lines.append(line)
        return "".join(lines)

    def _properties(self, o: _Out, typed: Union[list, str], free: dict, ind: str, where: str, plan) -> None:
        """The ``<properties>`` of a concept: its typed fields (:func:`encode_fields`, or the
        lines :meth:`_typed_lines` made of them), then its free properties."""
        if not free:
            if typed.__class__ is str:  # typed lines only (most concepts): one piece
                if typed:
                    o.add(f"{ind}<properties>\n{typed}{ind}</properties>\n")
                return
            if not typed:
                return
        o.add(f"{ind}<properties>\n")
        if isinstance(typed, str):
            o.add(typed)
        else:
            for key, value, dtype in typed:
                ref = self._propref(key, dtype)
                if isinstance(value, str):
                    vals = f"<value>{_t(value, where, key)}</value>"
                else:
                    vals = "".join(f'<value xml:lang="{_a(lg, where, key + " language")}">{_t(v, where, key)}</value>'
                                   if lg else f"<value>{_t(v, where, key)}</value>" for lg, v in value)
                o.add(_property_line(ind + "  ", ref, vals))
        for key, value in free.items():
            if key.startswith(PREFIX) and plan is not None and decode_field({}, plan, key, [(None, "")]):
                raise ExchangeFormatError(Msg("{where}: free property {key!r} uses a name reserved for the typed field "
                                              "{field!r}; set that field instead or rename the property", where=where,
                                              key=key, field=key[len(PREFIX):]))
            if _INVALID_XML.search(key):
                _check_chars(key, where, f"property key {key!r}")
            ref = self._propref(key, self._free_types.get(key, "string"))
            what = f"property {key!r}"
            for item in [value] if isinstance(value, (str, dict)) else value:
                if isinstance(item, str):
                    vals = f"<value>{_t(item, where, what)}</value>"
                else:
                    vals = "".join(f'<value xml:lang="{_a(lg, where, what + " language")}">{_t(v, where, what)}'
                                   "</value>" for lg, v in item.items())
                o.add(_property_line(ind + "  ", ref, vals))
        o.add(f"{ind}</properties>\n")

    def _element_class(self, cls: type, t: str, folders: list[list[str]]) -> tuple:
        """What the writer needs of an element class (of type ``t``), made once: the end of
        its start tag, whether its name may be left out, the list of ids of its layer's
        folder, the codec's compiled getter of its typed fields, their entries, their values
        when unset and the positions of those that may not be hashable (:func:`_loose`)."""
        getter, entries, absent, _ = _compiled(self._eplan, cls)
        return (f' xsi:type="{t}">\n', t in _OPTIONAL_NAME, folders[_FOLDER_OF[cls.layer]],  # type: ignore[attr-defined]
                getter, entries, absent, _loose(cls, entries))

    def _relationship_class(self, cls: type) -> tuple:
        """What the writer needs of a relationship class, made once: whether it has attributes
        of its own (access type, modifier, direction), the codec's compiled getter of its typed
        fields, their entries, their values when unset and the positions of those that may not
        be hashable (:func:`_loose`)."""
        getter, entries, absent, _ = _compiled(self._rplan, cls)
        return issubclass(cls, (Access, Influence, Association)), getter, entries, absent, _loose(cls, entries)

    # ------------------------------------------------------------------- write
    def write(self, model: ArchitectureModel, fh: IO[bytes]) -> None:
        """Write ``model`` to the binary file object ``fh``."""
        with no_gc():
            self._write(model, fh)

    def _write(self, model: ArchitectureModel, fh: IO[bytes]) -> None:
        o = _Out(fh)
        self._props: dict[str, str] = {}
        self._prop_types: dict[str, str] = {}
        taken = set(model.index)
        for v in model.views:
            if v.diagram is not None:
                taken.update(v.diagram.ids())
        if model.folders:
            taken.update(f.id for f in _all_folders(model.folders) if f.id is not None)
        self._taken = taken
        md = model.metadata
        dc_props = {k: v for k, v in md.properties.items()
                    if k.startswith("dc:") and k[3:] in _DC_TERMS and isinstance(v, str)}
        free = {k: v for k, v in md.properties.items() if k not in dc_props}
        model_id = md.identifier if md.identifier and md.identifier not in taken else "eaframe-model"
        n = 2
        while model_id in taken:
            model_id = f"eaframe-model-{n}"
            n += 1
        taken.add(model_id)

        # diagrams first (they need ids before anything is written)
        diagrams: list[tuple[View, Diagram, bool]] = []
        for i, v in enumerate(model.views):
            if v.diagram is not None:
                diagrams.append((v, v.diagram, False))
            else:
                diagrams.append((v, layout_view(model, v, engine=self.layout, taken=taken, view_index=i), True))

        o.add('<?xml version="1.0" encoding="UTF-8"?>\n')
        version = "" if md.version is None else f' version="{_a(md.version, "metadata", "version")}"'
        self._free_types = md.property_types
        loc = _SCHEMA_LOCATION + (_DC_LOCATION if dc_props else "")
        dcns = f' xmlns:dc="{DC}"' if dc_props else ""
        o.add(f'<model xmlns="{NS}" xmlns:xsi="{XSI}"{dcns} xsi:schemaLocation="{loc}" identifier="{model_id}"{version}>\n')
        self._texts(o, "name", md.title, "  ", "metadata: title")
        if md.documentation is not None:
            self._texts(o, "documentation", md.documentation, "  ", "metadata")
        mplan = metadata_plan()
        self._properties(o, encode_metadata(md, model_languages(model)), free, "  ", "metadata", mplan)
        if dc_props:
            o.add("  <metadata>\n    <schema>Dublin Core</schema>\n    <schemaversion>1.1</schemaversion>\n")
            for k, value in dc_props.items():
                for part in value.split("\n"):
                    o.add(f"    <dc:{k[3:]}>{_t(part, 'metadata', f'property {k!r}')}</dc:{k[3:]}>\n")
            o.add("  </metadata>\n")

        folders: list[list[str]] = [[] for _ in FOLDERS]
        eplan = self._eplan = element_plan()
        classes: dict[type, tuple] = {}  # concept class -> what _element_class / _relationship_class say of it
        self._lines: dict[tuple, str] = {}  # (indent, key, type, value) -> a typed field's line (_typed_lines)
        self._wholes: dict[tuple, Optional[str]] = {}  # (indent, entries, values, types) -> all their lines
        buf = o.buf
        # ids of a validated model are NCNames, which need no escaping: checked for all at once
        plain_ids = _plain_ids([*map(_ID, model.elements), *map(_ID, model.views)]) and _plain_ids(
            list(chain.from_iterable(map(_ENDS, model.relationships))))
        if model.elements:
            o.add("  <elements>\n")
            for e in model.elements:
                d = e.__dict__
                eid = d["id"]
                info = classes.get(type(e))
                if info is None:
                    info = classes[type(e)] = self._element_class(type(e), d["type"], folders)
                tail, optional_name, folder, getter, entries, absent, loose = info
                where = f"element {eid!r}"
                o.add(f'    <element identifier="{eid if plain_ids else _a(eid, where, "id")}"{tail}')
                name, doc = d["name"], d["documentation"]
                if not optional_name or _has_text(name):
                    self._texts(o, "name", name, "      ", where)
                if doc is not None:
                    self._texts(o, "documentation", doc, "      ", where)
                values = getter(d)
                typed = "" if values == absent else self._typed_lines(entries, values, "        ", "element", eid, loose)
                self._properties(o, encode_fields(e, eplan) if typed is None else typed, d["properties"], "      ",
                                 where, eplan)
                o.add("    </element>\n")
                if len(buf) >= _FLUSH_AT:
                    o.flush()
                folder.append(eid)
            o.add("  </elements>\n")
        self._rplan = relationship_plan()
        if model.relationships:
            o.add("  <relationships>\n")
            for r in model.relationships:
                d = r.__dict__
                rid, t = d["id"], d["type"]
                info = classes.get(type(r))
                if info is None:
                    info = classes[type(r)] = self._relationship_class(type(r))
                own, getter, entries, absent, _ = info
                extra = ""
                if own:
                    if isinstance(r, Access) and r.access_type is not None:
                        extra = f' accessType="{_ACCESS_OUT[r.access_type.value]}"'
                    elif isinstance(r, Influence) and r.modifier is not None:
                        extra = f' modifier="{_a(r.modifier, f"relationship {rid!r}", "modifier")}"'
                    elif isinstance(r, Association) and r.is_directed:
                        extra = ' isDirected="true"'
                values = getter(d)
                name, doc, props = d["name"], d["documentation"], d["properties"]
                named = _has_text(name)
                if plain_ids and values == absent and not named and doc is None and not props:
                    # a plain unnamed relationship (most of them): one line
                    o.add(f'    <relationship identifier="{rid}" source="{d["source"]}" target="{d["target"]}" '
                          f'xsi:type="{t}"{extra}/>\n')
                else:
                    self._relationship(o, d, extra, plain_ids, named, values, info, r)
                if len(buf) >= _FLUSH_AT:
                    o.flush()
            o.add("  </relationships>\n")

        if self.organizations and model.folders:
            self._folders(o, model, folders, plain_ids)
        elif self.organizations and (model.elements or model.relationships or model.views):
            o.add("  <organizations>\n")
            groups = [(label, ids) for (label, _), ids in zip(FOLDERS, folders, strict=True)]
            groups.append(("Relations", [r.id for r in model.relationships]))
            groups.append(("Views", [v.id for v in model.views]))
            for label, ids in groups:
                if not ids:
                    continue
                o.add(f'    <item>\n      <label xml:lang="en">{label.replace("&", "&amp;")}</label>\n')
                for cid in ids:
                    ref = cid if plain_ids else _a(cid, f"concept {cid!r}", "id")
                    o.add(f'      <item identifierRef="{ref}"/>\n')
                o.add("    </item>\n")
            o.add("  </organizations>\n")

        # views are rendered to a side buffer: their properties need definitions too
        vbuf = io.BytesIO()
        if diagrams:
            vo = _Out(vbuf)
            vo.add("  <views>\n    <diagrams>\n")
            for v, diagram, generated in diagrams:
                self._view(vo, v, diagram, generated)
            vo.add("    </diagrams>\n  </views>\n")
            vo.flush()

        if self._props:
            o.add("  <propertyDefinitions>\n")
            for key, ref in self._props.items():
                o.add(f'    <propertyDefinition identifier="{ref}" type="{self._prop_types[key]}">'
                      f"<name>{_t(key, 'property definitions', f'property key {key!r}')}</name></propertyDefinition>\n")
            o.add("  </propertyDefinitions>\n")
        o.flush()
        fh.write(vbuf.getvalue())
        fh.write(b"</model>\n")

    def _relationship(self, o: _Out, d: dict, extra: str, plain_ids: bool, named: bool, values: tuple,
                      info: tuple, r: Any) -> None:
        """A relationship (its ``__dict__`` ``d``) with a name, documentation, typed fields or
        properties, or an id that needs escaping."""
        rid, t = d["id"], d["type"]
        where = f"relationship {rid!r}"
        if plain_ids:
            head = f'    <relationship identifier="{rid}" source="{d["source"]}" target="{d["target"]}" xsi:type="{t}"{extra}'
        else:
            head = (f'    <relationship identifier="{_a(rid, where, "id")}" source="{_a(d["source"], where, "source")}" '
                    f'target="{_a(d["target"], where, "target")}" xsi:type="{t}"{extra}')
        _, _, entries, absent, loose = info
        lines = "" if values == absent else self._typed_lines(entries, values, "        ", "relationship", rid, loose)
        typed: Union[list, str] = encode_fields(r, self._rplan) if lines is None else lines
        doc, props = d["documentation"], d["properties"]
        if not named and doc is None and not typed and not props:
            o.add(head + "/>\n")
            return
        o.add(head + ">\n")
        if named:
            self._texts(o, "name", d["name"], "      ", where)
        if doc is not None:
            self._texts(o, "documentation", doc, "      ", where)
        self._properties(o, typed, props, "      ", where, self._rplan)
        o.add("    </relationship>\n")

    def _folders(self, o: _Out, model: ArchitectureModel, layer_ids: list[list[str]], plain_ids: bool) -> None:
        """Write the model's folder tree; concepts and views in no folder go to the default
        folder of their layer (a top-level folder of that type, else a new one)."""
        placed = {i for f in _all_folders(model.folders) for i in f.items}
        groups = [*layer_ids, [r.id for r in model.relationships], [v.id for v in model.views]]
        extra: dict[int, list[str]] = {}  # index of a top-level folder -> ids appended to it
        new: list[tuple[str, list[str]]] = []
        by_type: dict[str, int] = {}
        for i, f in enumerate(model.folders):
            if f.type is not None:
                by_type.setdefault(f.type, i)
        for ftype, label, ids in zip(_DEFAULT_FOLDER_TYPES, _DEFAULT_FOLDER_LABELS, groups, strict=True):
            loose = [i for i in ids if i not in placed]
            if not loose:
                continue
            if ftype in by_type:
                extra.setdefault(by_type[ftype], []).extend(loose)
            else:
                new.append((label, loose))
        # objects an Archi file held that only its native format can hold (sketch views, unknown types)
        self._native_only = set(model.native.objects) if model.native is not None else set()
        lost = [0, 0, 0]
        o.add("  <organizations>\n")
        for i, f in enumerate(model.folders):
            self._folder(o, f, "    ", extra.get(i, ()), plain_ids, lost)
        for label, ids in new:
            o.add(f'    <item>\n      <label xml:lang="en">{label.replace("&", "&amp;")}</label>\n')
            for cid in ids:
                ref = cid if plain_ids else _a(cid, f"concept {cid!r}", "id")
                o.add(f'      <item identifierRef="{ref}"/>\n')
            o.add("    </item>\n")
        o.add("  </organizations>\n")
        if lost[0] or lost[1] or lost[2]:
            warnings.warn(Msg("{props} folder(s) with properties, {types} folder type(s) and {items} folder "
                              "item(s) naming objects kept from an Archi file (sketch and canvas views, unknown "
                              "types) that the exchange format has no place for were not written (Archi's native "
                              "format keeps them)", props=lost[0], types=lost[1], items=lost[2]),
                          EaframeWarning, stacklevel=4)

    def _folder(self, o: _Out, f: Any, ind: str, extra: Any, plain_ids: bool, lost: list[int]) -> None:
        where = f"folder {f.name.get('en', fallback=True) or f.id or ''!r}"
        ident = f' identifier="{_a(f.id, where, "id")}"' if f.id is not None else ""
        o.add(f"{ind}<item{ident}>\n")
        ind2 = ind + "  "
        self._texts(o, "label", f.name, ind2, where)
        if f.documentation is not None:
            self._texts(o, "documentation", f.documentation, ind2, where)
        if f.properties:
            lost[0] += 1
        if f.type is not None:
            name = f.name
            if _FOLDER_TYPE_OF_LABEL.get(name.en if name.en is not None else name.untagged or "") != f.type:
                lost[1] += 1
        for sub in f.folders:
            self._folder(o, sub, ind2, (), plain_ids, lost)
        for cid in chain(f.items, extra):
            if cid in self._native_only:
                lost[2] += 1
                continue
            ref = cid if plain_ids else _a(cid, where, "identifierRef")
            o.add(f'{ind2}<item identifierRef="{ref}"/>\n')
        o.add(f"{ind}</item>\n")

    def _view(self, o: _Out, v: View, diagram: Diagram, generated: bool) -> None:
        where = f"view {v.id!r}"
        vp = f' viewpoint="{_a(v.viewpoint, where, "viewpoint")}"' if v.viewpoint is not None else ""
        o.add(f'      <view identifier="{_a(v.id, where, "id")}" xsi:type="Diagram"{vp}>\n')
        self._texts(o, "name", v.name, "        ", where)
        if v.documentation is not None:
            self._texts(o, "documentation", v.documentation, "        ", where)
        typed: list[tuple[str, Any, str]] = []
        if generated:
            typed.append((_GENERATED, "generated " + diagram_fingerprint(diagram), "string"))
        if v.elements != diagram.element_refs():
            typed.append((_VIEW_ELEMENTS, " ".join(v.elements), "string"))
        if v.relationships is None:
            if not generated:
                typed.append((_VIEW_RELATIONSHIPS, "*", "string"))
        elif generated or v.relationships != diagram.relationship_refs():
            typed.append((_VIEW_RELATIONSHIPS, " ".join(v.relationships), "string"))
        default = ViewLayout()
        if v.layout.direction != default.direction:
            typed.append((_VIEW_LAYOUT[0], v.layout.direction, "string"))
        if v.layout.cluster_by != default.cluster_by:
            typed.append((_VIEW_LAYOUT[1], v.layout.cluster_by, "string"))
        for key in v.properties:
            if key in (_GENERATED, _VIEW_ELEMENTS, _VIEW_RELATIONSHIPS, *_VIEW_LAYOUT):
                raise ExchangeFormatError(Msg("{where}: property {key!r} is reserved for eaframe's view fields; rename it",
                                              where=where, key=key))
        self._properties(o, typed, v.properties, "        ", where, None)
        for n in diagram.nodes:
            self._node(o, n, "        ", where)
        for c in diagram.connections:
            self._connection(o, c, "        ", where)
        o.add("      </view>\n")

    def _style(self, o: _Out, s: Optional[Style], ind: str, where: str) -> None:
        if s is None:
            return

        def col(tag: str, c: Optional[Color]) -> str:
            if c is None:
                return ""
            a = f' a="{_a(c.a, where, tag)}"' if c.a is not None else ""
            return f'<{tag} r="{_a(c.r, where, tag)}" g="{_a(c.g, where, tag)}" b="{_a(c.b, where, tag)}"{a}/>'

        lw = f' lineWidth="{_a(s.line_width, where, "lineWidth")}"' if s.line_width is not None else ""
        inner = col("lineColor", s.line_color) + col("fillColor", s.fill_color)
        if s.font is not None:
            f = s.font
            attrs = "".join(f' {k}="{_a(val, where, "font " + k)}"'
                            for k, val in (("name", f.name), ("size", f.size), ("style", f.style)) if val is not None)
            inner += f"<font{attrs}>{col('color', f.color)}</font>" if f.color else f"<font{attrs}/>"
        o.add(f"{ind}<style{lw}>{inner}</style>\n" if inner else f"{ind}<style{lw}/>\n")

    def _common(self, o: _Out, item, ind: str, where: str) -> None:
        if item.label is not None:
            self._texts(o, "label", item.label, ind, where)
        if item.documentation is not None:
            self._texts(o, "documentation", item.documentation, ind, where)
        self._style(o, item.style, ind, where)
        for ref in item.view_refs:
            o.add(f'{ind}<viewRef ref="{_a(ref, where, "viewRef")}"/>\n')

    def _node(self, o: _Out, n: DiagramNode, ind: str, view: str) -> None:
        where = f"{view}: node {n.id!r}"
        ref = f' elementRef="{_a(n.element, where, "elementRef")}"' if n.element is not None else ""
        head = (f'{ind}<node identifier="{_a(n.id, where, "id")}" xsi:type="{_a(n.kind, where, "kind")}"{ref} '
                f'x="{_a(n.x, where, "x")}" y="{_a(n.y, where, "y")}" w="{_a(n.w, where, "w")}" '
                f'h="{_a(n.h, where, "h")}"')
        if n.label is None and n.documentation is None and n.style is None and not n.view_refs and not n.nodes:
            o.add(head + "/>\n")
            return
        o.add(head + ">\n")
        self._common(o, n, ind + "  ", where)
        for child in n.nodes:
            self._node(o, child, ind + "  ", view)
        o.add(f"{ind}</node>\n")

    def _connection(self, o: _Out, c: DiagramConnection, ind: str, view: str) -> None:
        where = f"{view}: connection {c.id!r}"
        attrs = f' relationshipRef="{_a(c.relationship, where, "relationshipRef")}"' if c.relationship is not None else ""
        if c.source is not None:
            attrs += f' source="{_a(c.source, where, "source")}"'
        if c.target is not None:
            attrs += f' target="{_a(c.target, where, "target")}"'
        head = f'{ind}<connection identifier="{_a(c.id, where, "id")}" xsi:type="{_a(c.kind, where, "kind")}"{attrs}'
        if (c.label is None and c.documentation is None and c.style is None and not c.view_refs
                and c.source_attachment is None and not c.bendpoints and c.target_attachment is None):
            o.add(head + "/>\n")
            return
        o.add(head + ">\n")
        ind2 = ind + "  "
        self._common(o, c, ind2, where)
        for tag, points in (("sourceAttachment", [c.source_attachment] if c.source_attachment is not None else []),
                            ("bendpoint", c.bendpoints),
                            ("targetAttachment", [c.target_attachment] if c.target_attachment is not None else [])):
            for p in points:
                o.add(f'{ind2}<{tag} x="{_a(p.x, where, tag)}" y="{_a(p.y, where, tag)}"/>\n')
        o.add(f"{ind}</connection>\n")


def _default_tree(folders: list[dict], element_ids: list[str], element_types: list[str],
                  relationship_ids: list[str], view_ids: list[str]) -> bool:
    """Whether the folders read are exactly those the writer makes for a model without
    folders (one per layer, then relations and views, each holding its concepts in model
    order): such a model reads back without folders."""
    groups: list[list[str]] = [[] for _ in FOLDERS]
    for eid, etype in zip(element_ids, element_types, strict=True):
        groups[_FOLDER_OF[ELEMENT_TYPES[etype].layer]].append(eid)
    groups.append(relationship_ids)
    groups.append(view_ids)
    expected = [{"name": {"en": label}, "type": ftype, "items": ids}
                for label, ftype, ids in zip(_DEFAULT_FOLDER_LABELS, _DEFAULT_FOLDER_TYPES, groups, strict=True) if ids]
    return folders == expected


def _has_text(text: Any) -> bool:
    """Whether a :class:`~eaframe.attributes.Text` has any language set (an empty string counts)."""
    return text.untagged is not None or text.vi is not None or text.en is not None or bool(text.other)


def _all_folders(folders: Any) -> Any:
    for f in folders:
        yield f
        yield from _all_folders(f.folders)


def generate_archimate(model: ArchitectureModel, lang: Lang = "both", layout: Engine = "auto",
                       organizations: bool = True) -> bytes:
    """The exchange XML of ``model`` as UTF-8 bytes; see :class:`ArchimateWriter`."""
    buf = io.BytesIO()
    ArchimateWriter(lang=lang, layout=layout, organizations=organizations).write(model, buf)
    return buf.getvalue()


def write_archimate(model: ArchitectureModel, target: Union[str, os.PathLike, IO[bytes]], lang: Lang = "both",
                    layout: Engine = "auto", organizations: bool = True) -> None:
    """Write ``model`` as an exchange file to a path (atomically) or a binary file object.

    A failure never leaves a half-written file: the XML is streamed into a temporary
    file in the target folder that is renamed into place when complete.
    """
    writer = ArchimateWriter(lang=lang, layout=layout, organizations=organizations)
    with output_stream(target) as fh:
        writer.write(model, fh)


# ============================================================================ reader
def _tree_parser() -> etree.XMLParser:
    return safe_parser(remove_blank_text=True)


#: The parts of ``<model>`` in the order the exchange-format schema (ModelType, with
#: the views of archimate3_Diagram.xsd) requires, and whether one may repeat.
MODEL_PARTS: tuple[tuple[str, bool], ...] = (
    ("name", True), ("documentation", True), ("properties", False), ("metadata", False), ("elements", False),
    ("relationships", False), ("organizations", True), ("propertyDefinitions", False), ("views", False))


def model_structure(children: Any) -> list[tuple[Optional[int], str]]:
    """``(line, message)`` for each child of ``<model>`` that breaks the schema's structure.

    Checks, without the XSDs, what the schema says of the main parts of a model: their
    order (:data:`MODEL_PARTS`), which may appear only once, and that there are no
    others in the exchange namespace (elements of other namespaces are open content).
    The reader reads such files anyway; full validation is
    :func:`eaframe.exchange.validate_exchange` with the official XSDs.
    """
    rank = {f"{{{NS}}}{name}": (i, name, repeats) for i, (name, repeats) in enumerate(MODEL_PARTS)}
    order = ", ".join(name for name, _ in MODEL_PARTS)
    out: list[tuple[Optional[int], str]] = []
    last: Optional[tuple[int, str]] = None
    seen: dict[str, Optional[int]] = {}
    for child in children:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        line = child.sourceline
        if tag not in rank:
            if tag.startswith(_NS_OPEN):
                out.append((line, Msg("<{tag}> is not a part of <model> in the exchange format (its parts "
                                      "are {order}); it was ignored", tag=_local(tag), order=order)))
            continue
        i, name, repeats = rank[tag]
        if name in seen and not repeats:
            first = seen[name]
            out.append((line, Msg("second <{name}> in <model> (the first is on line {first}); the schema allows one: "
                                  "merge them", name=name, first=first)))
        elif last is not None and i < last[0]:
            out.append((line, Msg("<{name}> comes after <{last}>; the exchange-format schema wants the parts of "
                                  "<model> in the order {order} (read anyway; tools that validate the file refuse it)",
                                  name=name, last=last[1], order=order)))
        seen.setdefault(name, line)
        if last is None or i >= last[0]:
            last = (i, name)
    return out


#: The options of every parse: no entity expansion, no DTD, no network.
_SAFE_PARSE: dict[str, Any] = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False,
                               "dtd_validation": False, "remove_comments": True, "remove_pis": True}


def safe_parser(**kw: Any) -> etree.XMLParser:
    """An lxml parser that never expands entities, loads DTDs or touches the network."""
    return etree.XMLParser(**_SAFE_PARSE, **kw)


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


_T_MODEL = f"{{{NS}}}model"
_T_METADATA = f"{{{NS}}}metadata"
_T_ELEMENTS = f"{{{NS}}}elements"
_T_ELEMENT = f"{{{NS}}}element"
_T_RELATIONSHIPS = f"{{{NS}}}relationships"
_T_RELATIONSHIP = f"{{{NS}}}relationship"
_T_VIEWS = f"{{{NS}}}views"
_T_NAME = f"{{{NS}}}name"
_T_DOC = f"{{{NS}}}documentation"
_T_PROPS = f"{{{NS}}}properties"
_T_PROP = f"{{{NS}}}property"
_T_VALUE = f"{{{NS}}}value"
_T_LABEL = f"{{{NS}}}label"
_T_STYLE = f"{{{NS}}}style"
_T_VIEWREF = f"{{{NS}}}viewRef"
_T_NODE = f"{{{NS}}}node"
_T_CONN = f"{{{NS}}}connection"
_T_PROPDEFS = f"{{{NS}}}propertyDefinitions"
_T_ORGS = f"{{{NS}}}organizations"
_T_ITEM = f"{{{NS}}}item"
_NS_OPEN = f"{{{NS}}}"
_CONCEPT_TAGS = {"elements": "element", "relationships": "relationship", "views": "view"}
_KNOWN_NS = frozenset({NS, XSI, DC})
_ASCII_ENCODINGS = frozenset({"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "windows-1252",
                              "cp1252"})
_ID_OK = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,199}\Z")
_IDS_OK = re.compile(r"(?:[A-Za-z_][A-Za-z0-9_.\-]{0,199}\n)*[A-Za-z_][A-Za-z0-9_.\-]{0,199}\Z")
_GET = etree._Element.get
_RELATIONSHIP_ATTRIBUTES = frozenset({"Access", "Influence", "Association"})



def model_in_place(raw: dict, strict: Optional[bool]) -> Optional[ArchitectureModel]:
    """The model of a reader's rows, its elements and relationships validated one by one,
    each replacing its row (freed as the model is made), then the model; ``None`` at the
    first problem, so that the caller validates the rows as read and reports every problem
    at its place in the file (the exchange and the native reader do)."""
    context = {"strict": strict}
    if not _validate_concepts_in_place(raw, context):
        return None
    try:
        return ArchitectureModel.model_validate(raw, context=context)
    except (ValidationError, ModelValidationError):
        return None

class ArchimateReader:
    """Reads ArchiMate exchange files into models, safely.

    Parameters
    ----------
    strict
        When false (default), relationships outside the ArchiMate 3.2 table are kept and
        reported as warnings (:attr:`ArchitectureModel.warnings` and an
        :class:`~eaframe.exceptions.EaframeWarning`); when true they are errors.
    max_bytes
        Refuse files larger than this (``None``: no limit).
    default_lang
        Language of names and documentation written without ``xml:lang``; ``None``
        (default) keeps such text untagged (:attr:`eaframe.attributes.Text.untagged`).
    xsd
        Optionally, a folder with the official XSDs (or a schema file) to validate the
        file against before reading it (:func:`eaframe.exchange.xsd.validate_exchange`).
    """

    def __init__(self, strict: bool = False, max_bytes: Optional[int] = DEFAULT_MAX_BYTES,
                 default_lang: Optional[str] = None, xsd: Union[str, os.PathLike, None] = None):
        self.strict = strict
        self.max_bytes = max_bytes
        self.default_lang = default_lang
        self.xsd = xsd
        self._defs: dict[str, str] = {}  # property definition id -> key
        self._def_types: dict[str, str] = {}  # property definition id -> data type, when not string
        self._decoders: dict[str, dict] = {}  # kind -> property definition id -> (key, field, mode)

    # ------------------------------------------------------------------ entry
    def read(self, source: Union[str, os.PathLike, IO[bytes], bytes]) -> ArchitectureModel:
        """Read a path, a binary file object, or bytes."""
        if isinstance(source, (bytes, bytearray)):
            data, fname = bytes(source), "<bytes>"
        elif is_open_file(source):
            fname = file_name(source)
            data = read_open_file(source, -1 if self.max_bytes is None else self.max_bytes + 1)
        else:
            fname = str(source)
            path = Path(source)
            try:
                size = path.stat().st_size
                if path.is_dir():
                    raise ExchangeFormatError(Msg("is a directory, not an exchange file"), file=fname)
                if self.max_bytes is not None and size > self.max_bytes:
                    raise ExchangeFormatError(Msg("file is {size} bytes, over the limit of {limit} bytes; "
                                                  "raise max_bytes if you trust it", size=size, limit=self.max_bytes),
                                              file=fname)
                data = path.read_bytes()
            except OSError as err:
                raise ExchangeFormatError(Msg("cannot read: {reason}", reason=err.strerror), file=fname) from None
        if self.max_bytes is not None and len(data) > self.max_bytes:
            raise ExchangeFormatError(Msg("file is over the limit of {limit} bytes; raise max_bytes if you "
                                          "trust it", limit=self.max_bytes), file=fname)
        _refuse_doctype(data, fname)
        if self.xsd is not None:
            from .xsd import validate_exchange

            problems = validate_exchange(data, self.xsd, filename=fname)
            if problems:
                p = problems[0]
                raise ExchangeFormatError(Msg("not valid against the exchange-format schema: {detail}",
                                              detail=p.message), file=fname,
                                          line=p.line, column=p.column, problems=problems[1:])
        try:
            with no_gc():
                return self._read(data, fname)
        except ExchangeFormatError:
            raise
        except etree.XMLSyntaxError as err:
            line, col = (err.position if getattr(err, "position", None) else (err.lineno, None))
            msg = (err.msg or str(err)).strip()
            raise ExchangeFormatError(Msg("malformed XML: {detail}", detail=msg), file=fname, line=line,
                                      column=col) from None

    # ------------------------------------------------------------------ parsing
    #: read the elements and relationships while parsing (False: from the whole tree, as tests compare)
    _streaming = True

    def _read(self, data: bytes, fname: str) -> ArchitectureModel:
        if self._streaming:
            model = self._read_streaming(data, fname)
            if model is not None:
                return model
        # the tree lives only inside _convert: it is freed before the model is built,
        # which keeps the peak memory at max(tree, model) rather than their sum
        raw = self._convert(data, fname)
        return self._validate(raw)

    def _read_streaming(self, data: bytes, fname: str) -> Optional[ArchitectureModel]:
        """The model of a well-formed, valid file, read in one pass: each element and
        relationship is converted and validated as soon as it is parsed, and its part of
        the tree freed, so neither the whole tree nor all the rows ever exist beside the
        model. ``None`` when the file needs the other way (:meth:`_convert`): anything
        that could make the result differ (a problem, an id to rename, property
        definitions other than those found ahead, a foreign namespace, a misplaced
        child) stops this reading, and the file is read again from its tree, which gives
        every problem its message and place in the file.
        """
        self._reset(data, fname)
        definitions = self._definitions_ahead(data)
        if definitions is None:
            return None
        self._defs, self._def_types = definitions
        self._decoders = {}
        context = {"strict": self.strict}
        try:
            streamed = self._stream(data, context)
            streamed.definitions = definitions
            raw = self._convert_children(streamed.root, streamed)
            del streamed
            model = ArchitectureModel.model_validate(raw, context=context)
        except (_Fallback, ExchangeFormatError, etree.XMLSyntaxError, ValidationError, ModelValidationError):
            return None
        return self._finish(model, raw)

    def _definitions_ahead(self, data: bytes) -> Optional[tuple[dict[str, str], dict[str, str]]]:
        """The property definitions of the file (:meth:`_property_definitions`), found before
        the parse reaches them: the schema puts them after the concepts that use them. The
        ``<propertyDefinitions>`` block is cut out of the bytes and parsed inside a copy of
        the root's start tag (for its namespaces). ``None`` when that does not work; what
        it finds is compared with the definitions of the real parse (:meth:`_convert_children`).
        """
        end = data.rfind(b"propertyDefinitions>")
        if end < 0:
            return {}, {}  # none (or in an encoding where ASCII is not ASCII: the comparison catches it)
        close = _PROPDEFS_CLOSE.search(data, max(0, end - 120), end + 20)
        start = data.rfind(b"propertyDefinitions", 0, end)
        opening = _PROPDEFS_OPEN.match(data, max(0, data.rfind(b"<", 0, start)))
        root_tag = _ROOT_START.search(data)
        if close is None or opening is None or root_tag is None or opening.end() != start + 19:
            return None
        document = (data[:root_tag.end()] + data[opening.start():close.end()] + b"</" + root_tag.group(1) + b">")
        try:
            root = etree.fromstring(document, _tree_parser())
            defs = self._property_definitions(list(root))
        except (etree.XMLSyntaxError, ExchangeFormatError):
            return None
        return defs, self._def_types

    def _stream(self, data: bytes, context: dict) -> _Streamed:
        """Parse ``data``; convert and validate each ``<element>`` and ``<relationship>`` of the
        root's ``<elements>`` and ``<relationships>`` when its end tag is parsed, then drop it
        from the tree (every 1024 concepts). Raises :class:`_Fallback` when a concept is
        anywhere else or an id is not an eaframe id."""
        out = _Streamed()
        elements, relationships = out.elements, out.relationships
        element_ids, element_types, relationship_ids = out.element_ids, out.element_types, out.relationship_ids
        ends: list[str] = []
        left = out.left
        etypes, rtypes = ELEMENT_TYPES, RELATIONSHIP_TYPES
        element_row, relationship_row = self._element_row, self._relationship_row
        # each concept and its texts share their sets of set fields with their likes, as
        # in every other load (attributes.share_fields_set: fewer objects to collect)
        share = fields_set_sharer()
        box: Any = None
        kind = None  # the tag of the concepts in box
        pending = 0
        events = etree.iterparse(io.BytesIO(data), events=("end",), tag=(_T_ELEMENT, _T_RELATIONSHIP),
                                 **_SAFE_PARSE, remove_blank_text=True)
        for _, el in events:
            parent = el.getparent()
            tag = el.tag
            if parent is not box or tag != kind:
                if parent is box:
                    raise _Fallback  # a relationship among elements, or the other way round
                if box is not None:
                    left[box] = pending
                wanted = _T_ELEMENTS if tag == _T_ELEMENT else _T_RELATIONSHIPS
                if (parent is None or parent.tag != wanted or parent in left or parent.getparent() is None
                        or parent.getparent().getparent() is not None):
                    raise _Fallback
                box, kind, pending = parent, tag, 0
            if tag == _T_ELEMENT:
                d = element_row(el)
                element_ids.append(d["id"])
                element_types.append(d["type"])
                obj = etypes[d["type"]].__pydantic_validator__.validate_python(d, context=context)
                share_concept_sets(obj, share)
                elements.append(obj)
            else:
                d = relationship_row(el)
                relationship_ids.append(d["id"])
                ends.append(d["source"])
                ends.append(d["target"])
                obj = rtypes[d["type"]].__pydantic_validator__.validate_python(d, context=context)
                share_concept_sets(obj, share)
                relationships.append(obj)
            pending += 1
            if pending == 1024:
                if box[1023] is not el:
                    raise _Fallback  # something else among the concepts
                del box[:1023]
                pending = 1
        if box is not None:
            left[box] = pending
        out.root = events.root
        if (out.root.tag != _T_MODEL or not _plain_id_list(element_ids) or not _plain_id_list(relationship_ids)
                or not _plain_id_list(ends)):
            raise _Fallback
        info = out.root.getroottree().docinfo
        if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
            raise _Fallback
        return out

    def _reset(self, data: bytes, fname: str) -> None:
        """The state of one reading of ``data``."""
        self._fname = fname
        self._idmap: dict[str, str] = {}
        self._used: set[str] = set()
        self._ok: set[str] = set()
        self._notes: list[str] = []
        self._eplan, self._rplan = element_plan(), relationship_plan()
        self._data = data
        self._lines_found: dict[str, Optional[int]] = {}
        self._places_found: dict[str, Optional[dict]] = {}
        self._defs = {}
        self._def_types = {}
        self._decoders = {}
        self._other_languages = False  # whether a text has a language other than vi and en

    def _convert(self, data: bytes, fname: str) -> dict:
        self._reset(data, fname)
        # blank text between elements carries nothing in the exchange format (no mixed
        # content); dropping it makes the tree a fifth smaller and the parse faster.
        # Whitespace-only text of an element without children (a blank name) is kept.
        root = etree.fromstring(data, _tree_parser())
        info = root.getroottree().docinfo
        # lxml-stubs' DocInfo lacks doctype
        if info.doctype or info.internalDTD is not None or info.externalDTD is not None:  # type: ignore[union-attr]
            raise ExchangeFormatError(Msg("DTDs and entity declarations are not allowed in exchange files"),
                                      file=fname, line=1)
        del info  # it holds the document: let the tree go as soon as it has been read
        if root.tag != _T_MODEL:
            # lxml-stubs type sourceline as `...` (a comment, not a type comment, gives its type)
            raise ExchangeFormatError(_root_message(root), file=fname, line=root.sourceline)  # type: ignore[arg-type]
        return self._convert_children(root)

    def _check_namespaces(self, root: Any) -> None:
        """Refuse elements outside the exchange namespace (but in ``<metadata>``, which is open).

        An ``xmlns`` below the root puts its element (and all inside it) in another
        namespace, where the reader would not see it: its content would be lost. Only
        files that declare a namespace other than the exchange format's, XSI and Dublin
        Core, or declare any below the root, need the walk (counting ``xmlns`` in the
        bytes only works for encodings in which ASCII text is ASCII bytes).
        """
        if self._plain_namespaces(root):
            return
        stack = [c for c in reversed(root) if c.tag != _T_METADATA]
        while stack:
            el = stack.pop()
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if not tag.startswith(_NS_OPEN):
                ns = etree.QName(el).namespace
                where = Msg("namespace {ns}", ns=ns) if ns else Msg("no namespace")
                raise self._fail(Msg("<{tag}> is in {where}, not in the exchange format's namespace {ns}, so "
                                     "its content would be lost; remove the xmlns declaration (or prefix) that puts "
                                     "it there", tag=_local(tag), where=where, ns=NS), el)
            stack.extend(reversed(el))

    def _plain_namespaces(self, root: Any) -> bool:
        """Whether the file declares no namespace but the exchange format's, XSI and Dublin
        Core, all on the root (then no element can be in a foreign one)."""
        encoding = (root.getroottree().docinfo.encoding or "").lower()
        head = self._data[:4]
        ascii_bytes = encoding in _ASCII_ENCODINGS and b"\x00" not in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))
        return set(root.nsmap.values()) <= _KNOWN_NS and ascii_bytes and self._data.count(b"xmlns") <= len(root.nsmap)

    def _odd_child(self, container: Any, expected: str) -> ExchangeFormatError:
        """The error for a child of ``container`` that is not an ``expected`` element."""
        odd = next(c for c in container if c.tag != expected)
        what = f"<{_local(odd.tag)}>" if isinstance(odd.tag, str) else Msg("an entity reference")
        return self._fail(Msg("<{container}> may hold only <{expected}> elements, not {what}; "
                              "remove it or move it where it belongs", container=_local(container.tag),
                              expected=_local(expected), what=what), odd)

    def _take(self, container: Any, out: list, convert: Any, keys: tuple[str, ...]) -> None:
        """Append the rows of ``container`` to ``out``; check their ids."""
        first = len(out)
        out.extend(convert(container))
        self._check_ids(out, first, keys, container)

    def _convert_children(self, root: Any, streamed: Optional[_Streamed] = None) -> dict:
        """The raw model data from the root and its children.

        With ``streamed``, the elements and relationships were read (and validated) while
        the file was parsed (:meth:`_stream`), and their containers are left nearly empty;
        anything that makes this reading differ from the tree's raises :class:`_Fallback`.
        """
        children = list(root)
        if streamed is None:
            self._check_namespaces(root)
        elif not self._plain_namespaces(root):
            raise _Fallback  # the walk that finds foreign namespaces needs the whole tree
        self._structure = [Problem(message, file=self._fname, line=line, severity="warning")
                           for line, message in model_structure(children)]
        self._decoders = {}
        self._defs = self._property_definitions(children)
        if streamed is not None and (self._defs, self._def_types) != streamed.definitions:
            raise _Fallback  # the concepts were read with other property definitions

        meta: dict = {}
        title: list = []
        mdoc: list = []
        dc: dict[str, list[str]] = {}
        elements: list[dict] = []
        relationships: list[dict] = []
        views: list[dict] = []
        folders: list[dict] = []
        for child in children:
            t = child.tag
            if t == _T_NAME:
                title.append((child.get(XML_LANG), child.text or ""))
            elif t == _T_DOC:
                mdoc.append((child.get(XML_LANG), child.text or ""))
            elif t == _T_PROPS:
                self._apply_props(meta, child, metadata_plan(), "metadata")
            elif t == _T_METADATA:
                for m in child.iter(f"{{{DC}}}*"):
                    dc.setdefault("dc:" + _local(m.tag), []).append(m.text or "")
            elif t == _T_ELEMENTS or t == _T_RELATIONSHIPS:
                if streamed is not None:
                    if len(child) != streamed.left.get(child, 0):
                        raise _Fallback  # a child that is not a concept of the container
                elif t == _T_ELEMENTS:
                    self._take(child, elements, self._element_rows, _ELEMENT_IDS)
                else:
                    self._take(child, relationships, self._relationship_rows, _RELATIONSHIP_IDS)
            elif t == _T_VIEWS:
                for diagrams in child.iterchildren(f"{{{NS}}}diagrams"):
                    for el in diagrams.iterchildren(f"{{{NS}}}view"):
                        views.append(self._view(el))
            elif t == _T_ORGS:
                self._organizations(child, folders)
        meta["title"] = self._text(title)
        ident = root.get("identifier")
        # eaframe-model is what the writer gives a model without an identifier: its inverse
        if ident and re.match(ID_PATTERN, ident) and not re.fullmatch(r"eaframe-model(-\d+)?", ident):
            meta["identifier"] = ident
        if root.get("version") is not None:
            meta["version"] = root.get("version")
        types = {key: self._def_types[ref] for ref, key in self._defs.items()
                 if self._def_types.get(ref, "string") != "string" and not key.startswith(PREFIX)}
        if types:
            meta["property_types"] = types
        if mdoc:
            meta["documentation"] = self._text(mdoc)
        if dc:
            free = meta.setdefault("properties", {})
            for k, vals in dc.items():
                free.setdefault(k, "\n".join(vals))
        if streamed is not None:
            elements, relationships = streamed.elements, streamed.relationships
            element_ids, element_types, relationship_ids = (streamed.element_ids, streamed.element_types,
                                                            streamed.relationship_ids)
        elif folders:
            element_ids, element_types = [d["id"] for d in elements], [d["type"] for d in elements]
            relationship_ids = [d["id"] for d in relationships]
        raw = {"metadata": meta, "elements": elements, "relationships": relationships, "views": views}
        if folders:
            view_ids = [d["id"] for d in views]
            if not _default_tree(folders, element_ids, element_types, relationship_ids, view_ids):
                raw["folders"] = self._clean_folders(folders, {*element_ids, *relationship_ids, *view_ids})
        return raw

    # ------------------------------------------------------------------ folders
    def _organizations(self, container: Any, out: list[dict]) -> None:
        """Append the folders of one ``<organizations>`` to ``out``."""
        loose = 0
        for item in container.iterchildren(_T_ITEM):
            if item.get("identifierRef") is not None and not len(item):
                loose += 1  # a concept in no folder: it goes to the default folders
                continue
            folder = self._folder(item)
            name = folder.get("name", {})
            label = name.get("en", name.get("untagged"))
            if label in _FOLDER_TYPE_OF_LABEL:
                folder["type"] = _FOLDER_TYPE_OF_LABEL[label]
            out.append(folder)
        if loose:
            self._notes.append(Msg("{n} item(s) directly under <organizations>, in no folder, were put in the "
                                   "default folders", n=loose))

    def _folder(self, el: Any) -> dict:
        d: dict = {}
        ident = el.get("identifier")
        if ident:
            d["id"] = self._id(ident, el, "identifier")
        labels: list = []
        docs: list = []
        refs: list = []
        nested: list = []  # (is a concept item with children, item) in document order
        get = _GET
        for child in el:
            t = child.tag
            if t == _T_ITEM:
                ref = get(child, "identifierRef")
                if ref is not None:
                    refs.append(ref)
                    if len(child):
                        nested.append(child)
                else:
                    nested.append(child)
            elif t == _T_LABEL:
                labels.append(self._lt(child))
            elif t == _T_DOC:
                docs.append(self._lt(child))
        if _plain_id_list(refs):
            # every item names an eaframe id: none is renamed, so the sub-folders can follow
            items = refs
            subs = [self._folder(child) for child in nested]
        else:
            items, subs = self._folder_items(el)
        if labels:
            name = self._text(labels)
            if name:
                d["name"] = name
        if docs:
            d["documentation"] = self._text(docs)
        if items:
            d["items"] = items
        if subs:
            d["folders"] = subs
        return d

    def _folder_items(self, el: Any) -> tuple[list[str], list[dict]]:
        """The items and sub-folders of folder ``el``, each id checked (and renamed) in document order."""
        items: list[str] = []
        subs: list[dict] = []
        for child in el.iterchildren(_T_ITEM):
            ref = child.get("identifierRef")
            if ref is not None:
                items.append(self._id(ref, child, "identifierRef"))
                if len(child):
                    subs.append(self._folder(child))
            else:
                subs.append(self._folder(child))
        return items, subs

    def _clean_folders(self, folders: list[dict], known: set[str]) -> list[dict]:
        """Drop folder items that name no element, relationship or view (ids ``known``), or
        one already placed, and folder ids that clash, each counted in a warning, so that a
        file of another tool still reads."""
        placed: set[str] = set()
        ids: set[str] = set()
        dropped = [0, 0, 0]

        def clean(fs: list[dict]) -> None:
            for f in fs:
                fid = f.get("id")
                if fid is not None:
                    if fid in known or fid in ids:
                        del f["id"]
                        dropped[2] += 1
                    else:
                        ids.add(fid)
                items = f.get("items")
                if items:
                    kept = []
                    for i in items:
                        if i not in known:
                            dropped[0] += 1
                        elif i in placed:
                            dropped[1] += 1
                        else:
                            placed.add(i)
                            kept.append(i)
                    f["items"] = kept
                clean(f.get("folders", ()))

        clean(folders)
        for n, what in zip(dropped, (N_("<organizations>: {n} folder item(s) that name no element, relationship or "
                                        "view of the file were dropped"),
                                     N_("<organizations>: {n} folder item(s) naming a concept already in another "
                                        "folder were dropped (a concept is in one folder)"),
                                     N_("<organizations>: {n} folder identifier(s) that repeat or clash with a "
                                        "concept's were dropped")), strict=True):
            if n:
                self._notes.append(Msg(what, n=n))
        return folders

    def _decoder(self, ref: Optional[str], plan: Any, kind: str, el: Any) -> tuple:
        """(key, field, mode) for a property definition ref; mode 0 free, 1 scalar, 2 id list, 3 other typed."""
        cache = self._decoders.setdefault(kind, {})
        if ref is None:
            raise self._fail(Msg("<property> has no propertyDefinitionRef; it must name a property definition"), el)
        if ref not in self._defs:
            raise self._fail(Msg("property refers to undefined property definition {ref!r}", ref=ref), el)
        key = self._defs[ref]
        field = None
        mode = 0
        if key.startswith(PREFIX):
            probe: dict = {}
            if decode_field(probe, plan, key, [(None, "x")]):
                field = key[len(PREFIX):]
                entry = plan.get(field)
                mode = 1 if entry and entry[0] == "scalar" else 2 if entry and entry[0] == "list" else 3
        got = (key, field, mode)
        cache[ref] = got
        return got

    def _apply_props(self, d: dict, props_el: Any, plan: Any, kind: str) -> None:
        for p in props_el:
            self._property(d, p, plan, kind)

    def _property(self, d: dict, p: Any, plan: Any, kind: str) -> None:
        """Put one ``<property>`` into ``d``: a typed field, or a value of a free property."""
        if p.tag != _T_PROP:
            return
        ref = p.get("propertyDefinitionRef")
        got = self._decoders.setdefault(kind, {}).get(ref)
        if got is None:
            got = self._decoder(ref, plan, kind, p)
        key, field, mode = got
        pairs = [(v.get(XML_LANG), v.text or "") for v in p if v.tag == _T_VALUE]
        value = _one(pairs)
        if mode == 1:
            d[field] = value
        elif mode == 2:
            d[field] = value.split()
        elif mode == 3:
            decode_field(d, plan, key, pairs or [(None, "")], self.default_lang)
        else:
            free = d.get("properties")
            if free is None:
                free = d["properties"] = {}
            for item in _free_items(pairs):
                _add_free(free, key, item)

    #: validate the rows one by one in place (False: the whole model at once, as tests compare)
    _in_place = True

    def _validate(self, raw: dict) -> ArchitectureModel:
        # Fast path: the rows validated in place (model_in_place); problems are always
        # reported against the rows as read: at the first one the file is converted again
        # and validated whole.
        model = model_in_place(raw, self.strict) if self._in_place else None
        if model is None:
            raw = self._convert(self._data, self._fname)
            model = self._validate_rows(raw)
        return self._finish(model, raw)

    def _validate_rows(self, raw: dict) -> ArchitectureModel:
        """The model of ``raw`` validated whole, its problems located in the file through the rows."""
        try:
            model = ArchitectureModel.model_validate(raw, context={"strict": self.strict})
        except ValidationError as err:
            problems = [self._problem(e, raw) for e in err.errors(include_url=False)[:200]]
            raise ExchangeFormatError(Msg("{n} invalid value(s) in the exchange file", n=len(problems)),
                                      file=self._fname, problems=problems) from None
        except ModelValidationError as err:
            problems = [self._relocate(p, raw) for p in err.problems]
            raise ExchangeFormatError(Msg("{n} problem(s) in the model of the exchange file", n=len(problems)),
                                      file=self._fname, problems=problems) from None
        return model

    def _finish(self, model: ArchitectureModel, raw: dict) -> ArchitectureModel:
        if "languages" not in raw["metadata"]:
            # the languages the file's texts are written in (not forced to vi and en)
            model.metadata.languages = model_languages(model, others=self._other_languages)
        warns = [self._relocate(p) for p in model.warnings]
        model._warnings = tuple(warns)
        crs = carriage_returns(self._data)
        if crs:
            self._notes.append(_cr_note(crs))
        notes = self._structure + [Problem(n, file=self._fname, severity="warning") for n in self._notes]
        if notes:
            model._warnings = model._warnings + tuple(notes)
        if model.warnings:
            shown = "; ".join(str(p) for p in model.warnings[:3])
            more = f" (and {len(model.warnings) - 3} more)" if len(model.warnings) > 3 else ""
            warnings.warn(f"{self._fname}: {len(model.warnings)} warning(s): {shown}{more}", EaframeWarning,
                          stacklevel=4)
        return model

    def _line_of(self, concept_id: Optional[str]) -> Optional[int]:
        """Line of the concept with ``concept_id`` (looked up in the file only when a problem needs it)."""
        if not concept_id:
            return None
        if concept_id not in self._lines_found:
            line = None
            if len(self._lines_found) < 50:  # bounded work, even for a file with thousands of problems
                needle = f'identifier="{concept_id}"'.encode()
                at = self._data.find(needle)
                if at < 0:
                    at = self._data.find(f"identifier='{concept_id}'".encode())
                if at >= 0:
                    line = self._data.count(b"\n", 0, at) + 1
            self._lines_found[concept_id] = line
        return self._lines_found[concept_id]

    def _relocate(self, p: Problem, raw: Optional[dict] = None) -> Problem:
        line = self._line_of(p.concept_id)
        message = p.message
        path = p.path
        if raw is not None and len(path) >= 2 and path[0] in _CONCEPT_TAGS and isinstance(path[1], int):
            places = self._places(raw, p.concept_id)
            if places is not None:  # the id is used more than once: locate this very concept
                line = places.get((path[0], path[1]))
                first_place, first_line = next(iter(places.items()))
                if path[2:] == ("id",) and first_place != (path[0], path[1]) and first_line is not None:
                    message += f" (its first use is on line {first_line})"
        return Problem(message, p.path, p.concept_id, self._fname, line, None, p.severity)

    def _places(self, raw: dict, concept_id: Optional[str]) -> Optional[dict[tuple[str, int], Optional[int]]]:
        """``{(kind, index): line}`` of every concept with ``concept_id`` in ``raw``, in the order of ``raw``
        (elements, relationships, views); ``None`` when the id is used only once.

        Only used for problems, so it may search: the file's start tags with that
        identifier are found in document order and matched to the concepts of their kind.
        """
        if not concept_id:
            return None
        if concept_id in self._places_found:
            return self._places_found[concept_id]
        places = [(kind, i) for kind in _CONCEPT_TAGS for i, d in enumerate(raw.get(kind, ()))
                  if d.get("id") == concept_id]
        result: Optional[dict] = None
        if len(places) > 1 and len(self._places_found) < 50:
            names = [r for r, fixed in self._idmap.items() if fixed == concept_id] or [concept_id]
            lines: dict[str, list[int]] = {}
            for name in names:
                pattern = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(element|relationship|view)\s[^<>]*?(?<=\s)identifier"
                                     rb"""\s*=\s*(["'])""" + re.escape(name.encode("utf-8")) + rb"\2")
                for m in pattern.finditer(self._data):
                    lines.setdefault(m.group(1).decode(), []).append(self._data.count(b"\n", 0, m.start()) + 1)
            seen: dict[str, int] = {}
            result = {}
            for kind, i in places:
                tag = _CONCEPT_TAGS[kind]
                n = seen.get(tag, 0)
                seen[tag] = n + 1
                found = lines.get(tag, [])
                result[(kind, i)] = found[n] if n < len(found) else None
        self._places_found[concept_id] = result
        return result

    def _problem(self, e: ErrorDetails, raw: dict) -> Problem:
        loc = tuple(e.get("loc", ()))
        cid = None
        line: Optional[int] | bool = False  # False: by the concept id
        if len(loc) >= 2 and loc[0] in ("elements", "relationships", "views") and isinstance(loc[1], int):
            cid = raw[loc[0]][loc[1]].get("id")  # the rows are dicts made by this reader
            places = self._places(raw, cid)
            if places is not None:  # the id is used more than once: locate this very concept
                line = places.get((loc[0], loc[1]))
            loc = tuple(p for p in loc if not (isinstance(p, str) and (p in ELEMENT_TYPES or p in RELATIONSHIP_TYPES)))
        field = ".".join(str(p) for p in loc[2:]) if cid else ".".join(str(p) for p in loc)
        return Problem(exchange_problem(field, e), (), cid, self._fname,
                       self._line_of(cid) if line is False else line, None)

    # ------------------------------------------------------------------ pieces
    def _fail(self, message: str, el: Any) -> ExchangeFormatError:
        return ExchangeFormatError(message, file=self._fname, line=self._source_line(el))

    def _source_line(self, el: Any) -> Optional[int]:
        """The line of ``el`` in the file.

        libxml2 keeps line numbers above 65535 only for some nodes; for the others the
        line of the nearest concept is found by its identifier.
        """
        line = el.sourceline
        if line is not None and line < 65535:
            return line
        for node in (el, *el.iterancestors()):
            ident = node.get("identifier")
            if ident:
                return self._line_of(ident)
        return None

    def _lt(self, el: Any) -> tuple[Optional[str], str]:
        return (el.get(XML_LANG), el.text or "")

    def _text(self, pairs: list) -> dict:
        text = text_data(pairs, self.default_lang)
        if "other" in text:
            self._other_languages = True
        return text

    def _property_definitions(self, children: list) -> dict[str, str]:
        defs: dict[str, str] = {}
        self._def_types = {}
        for block in children:
            if block.tag != _T_PROPDEFS:
                continue
            for pd in block.iterchildren(f"{{{NS}}}propertyDefinition"):
                if not pd.get("identifier"):
                    raise self._fail(Msg("<propertyDefinition> has no identifier; give it one that the properties "
                                         "refer to"), pd)
                names = [self._lt(n) for n in pd.iterchildren(_T_NAME)]
                key = next((v for lang, v in names if lang in (None, self.default_lang)), None)
                if key is None:
                    key = names[0][1] if names else ""
                defs[pd.get("identifier")] = key or pd.get("identifier") or "property"
                dtype = pd.get("type")
                if dtype in _DATA_TYPES:
                    self._def_types[pd.get("identifier")] = dtype
        return defs

    def _concept_common(self, el: Any, d: dict, plan: Any, kind: str) -> None:
        names: list = []
        docs: list = []
        for child in el:
            t = child.tag
            if t == _T_NAME:
                names.append(self._lt(child))
            elif t == _T_DOC:
                docs.append(self._lt(child))
            elif t == _T_PROPS:
                self._apply_props(d, child, plan, kind)
        self._put_texts(d, names, docs)

    def _put_texts(self, d: dict, names: Optional[list], docs: Optional[list]) -> None:
        """Set a concept's ``name`` and ``documentation`` from ``(lang, text)`` pairs (if any)."""
        if names:
            text = self._text(names)
            if text:
                d["name"] = text
        if docs:
            d["documentation"] = self._text(docs)

    def _id(self, raw: Optional[str], el: Any, what: str) -> str:
        if raw in self._ok:
            return raw
        if not raw:
            raise self._fail(Msg("<{tag}> has no {what}", tag=_local(el.tag), what=what), el)
        if _ID_OK.match(raw):
            self._ok.add(raw)
            return raw
        got = self._idmap.get(raw)
        if got is not None:
            return got
        base = re.sub(r"[^A-Za-z0-9_.\-]", "_", raw)[:190] or "_"
        if not re.match(r"[A-Za-z_]", base):
            base = "id-" + base
        fixed = base
        n = 2
        while fixed in self._used:
            fixed = f"{base}_{n}"
            n += 1
        self._notes.append(Msg("id {raw!r} is not an eaframe id (ASCII NCName); it was renamed {fixed!r}", raw=raw,
                               fixed=fixed))
        self._idmap[raw] = fixed
        self._used.add(fixed)
        return fixed

    def _element_type(self, etype: Optional[str], el: Any) -> str:
        etype = (etype or "").rsplit(":", 1)[-1]
        if etype not in ELEMENT_TYPES:
            hint = suggest(etype, ELEMENT_TYPES)
            raise self._fail(Msg("unknown element type {etype!r}{mean}; the exchange format uses ArchiMate type "
                                 "names such as BusinessActor, AndJunction", etype=etype, mean=_mean(hint)), el)
        return etype

    def _relationship_type(self, rtype: Optional[str], el: Any) -> str:
        rtype = (rtype or "").rsplit(":", 1)[-1]
        if rtype not in RELATIONSHIP_TYPES:
            hint = suggest(rtype, RELATIONSHIP_TYPES)
            raise self._fail(Msg("unknown relationship type {rtype!r}{mean}", rtype=rtype, mean=_mean(hint)), el)
        return rtype

    def _element_rows(self, container: Any) -> list[dict]:
        """Raw element data of the ``<element>`` children of ``container`` (ids not yet checked)."""
        return self._rows(container, _T_ELEMENT, self._element_row)

    def _rows(self, container: Any, tag: str, row: Any) -> list[dict]:
        """``row`` of each ``tag`` child of ``container``, which may hold nothing else."""
        out = [row(el) for el in container.iterchildren(tag)]
        if len(out) != len(container):
            raise self._odd_child(container, tag)
        return out

    def _element_row(self, el: Any) -> dict:
        """Raw data of one ``<element>`` (its id not yet checked).

        The hot loop of reading: a property with one value is decoded inline; anything
        else goes through the general helpers (:meth:`_property`).
        """
        get = _GET  # the unbound method: a third faster than el.get in a loop this hot
        etype = get(el, _XSI_TYPE)
        if etype not in ELEMENT_TYPES:
            etype = self._element_type(etype, el)
        d: dict = {"id": get(el, "identifier"), "type": etype}
        names = None
        docs = None
        for child in el:
            t = child.tag
            if t == _T_NAME:
                if names is None:
                    names = [(get(child, XML_LANG), child.text or "")]
                else:
                    names.append((get(child, XML_LANG), child.text or ""))
            elif t == _T_PROPS:
                free = None
                cache = self._decoders.setdefault("e", {})
                for p in child:
                    got = cache.get(get(p, "propertyDefinitionRef"))
                    if got is None or len(p) != 1 or p.tag != _T_PROP:
                        self._property(d, p, self._eplan, "e")
                        continue
                    v = p[0]
                    if v.tag != _T_VALUE:
                        self._property(d, p, self._eplan, "e")
                        continue
                    key, field, mode = got
                    if mode == 1:
                        d[field] = v.text or ""
                    elif mode == 2:
                        d[field] = (v.text or "").split()
                    elif mode == 0:
                        if free is None:
                            free = d.get("properties")
                            if free is None:
                                free = d["properties"] = {}
                        lg = get(v, XML_LANG)
                        _add_free(free, key, {lg: v.text or ""} if lg else v.text or "")
                    else:
                        decode_field(d, self._eplan, key, [(get(v, XML_LANG), v.text or "")], self.default_lang)
            elif t == _T_DOC:
                if docs is None:
                    docs = [(get(child, XML_LANG), child.text or "")]
                else:
                    docs.append((get(child, XML_LANG), child.text or ""))
        self._put_texts(d, names, docs)
        return d

    def _relationship_rows(self, container: Any) -> list[dict]:
        """Raw relationship data of the ``<relationship>`` children of ``container`` (ids not yet checked)."""
        return self._rows(container, _T_RELATIONSHIP, self._relationship_row)

    def _relationship_row(self, el: Any) -> dict:
        """Raw data of one ``<relationship>`` (its ids not yet checked)."""
        get = _GET
        rtype = get(el, _XSI_TYPE)
        if rtype not in RELATIONSHIP_TYPES:
            rtype = self._relationship_type(rtype, el)
        d: dict[str, Any] = {"id": get(el, "identifier"), "type": rtype, "source": get(el, "source"),
                             "target": get(el, "target")}
        if rtype in _RELATIONSHIP_ATTRIBUTES:
            self._relationship_attributes(el, d, rtype)
        if len(el):
            self._concept_common(el, d, self._rplan, "r")
            if "name" not in d and el.find(_T_NAME) is not None:
                d["name"] = {"untagged": ""}  # an empty <name/>: kept (a relationship's name is optional)
        return d

    def _relationship_attributes(self, el: Any, d: dict, rtype: str) -> None:
        if rtype == "Access":
            at = el.get("accessType")
            if at is not None:
                if at not in _ACCESS_IN:
                    raise self._fail(Msg("accessType {value!r} is not one of Access, Read, Write, ReadWrite",
                                         value=at), el)
                d["access_type"] = _ACCESS_IN[at]
        elif rtype == "Influence":
            if el.get("modifier") is not None:
                d["modifier"] = el.get("modifier")
        elif rtype == "Association":
            directed = el.get("isDirected")
            if directed is not None:
                d["is_directed"] = directed.strip() in ("true", "1")

    def _check_ids(self, items: list, first: int, keys: tuple[str, ...], container: Any) -> None:
        """Check the ids under ``keys`` of ``items[first:]``; rename those that are not NCNames.

        All of them are checked with one regular-expression match over their
        newline-joined text. Only when that fails (a missing id, or one to rename) is
        each id looked at on its own, in document order, so that renaming is the same as
        one id at a time.
        """
        batch = items[first:]
        if _ids_ok(batch, keys):
            return
        kinds = {"id": "identifier", "source": "source", "target": "target"}
        rows = container.iterchildren(_T_ELEMENT if keys == ("id",) else _T_RELATIONSHIP)
        for d, el in zip(batch, rows, strict=True):
            for k in keys:
                d[k] = self._id(d[k], el, kinds[k])

    # ------------------------------------------------------------------ views
    def _view(self, el: Any) -> dict:
        vid = self._id(el.get("identifier"), el, "identifier")
        d: dict = {"id": vid}
        if el.get("viewpoint") is not None:
            d["viewpoint"] = el.get("viewpoint")
        names: list = []
        docs: list = []
        props: dict = {}
        nodes: list = []
        conns: list = []
        for child in el:
            t = child.tag
            if t == _T_NAME:
                names.append(self._lt(child))
            elif t == _T_DOC:
                docs.append(self._lt(child))
            elif t == _T_PROPS:
                self._apply_props(props, child, {}, "v")
            elif t == _T_NODE:
                nodes.append(self._node(child))
            elif t == _T_CONN:
                conns.append(self._connection(child))
        d["name"] = self._text(names)
        if docs:
            d["documentation"] = self._text(docs)
        return self._finish_view(d, {"nodes": nodes, "connections": conns}, props.get("properties", {}))

    def _int(self, el: Any, attr: str) -> int:
        raw = el.get(attr)
        if raw is None:
            raise self._fail(Msg("<{tag}> needs attribute {attr}", tag=_local(el.tag), attr=attr), el)
        try:
            return int(raw.strip())
        except ValueError:
            raise self._fail(Msg("attribute {attr}={raw!r} of <{tag}> is not an integer", attr=attr, raw=raw,
                                 tag=_local(el.tag)), el) from None

    def _style(self, el: Any) -> dict:
        s: dict = {}
        if el.get("lineWidth") is not None:
            s["line_width"] = self._int(el, "lineWidth")
        for child in el:
            name = _local(child.tag)
            if name in ("lineColor", "fillColor"):
                s["line_color" if name == "lineColor" else "fill_color"] = self._color(child)
            elif name == "font":
                f: dict = {k: child.get(k) for k in ("name", "size", "style") if child.get(k) is not None}
                for c in child:
                    if _local(c.tag) == "color":
                        f["color"] = self._color(c)
                s["font"] = f
        return s

    def _color(self, el: Any) -> dict:
        c = {k: self._int(el, k) for k in ("r", "g", "b")}
        if el.get("a") is not None:
            c["a"] = self._int(el, "a")
        return c

    def _visual_common(self, el: Any, d: dict) -> list:
        labels: list = []
        docs: list = []
        rest: list = []
        for child in el:
            t = child.tag
            if t == _T_LABEL:
                labels.append(self._lt(child))
            elif t == _T_DOC:
                docs.append(self._lt(child))
            elif t == _T_STYLE:
                d["style"] = self._style(child)
            elif t == _T_VIEWREF:
                d.setdefault("view_refs", []).append(self._id(child.get("ref"), child, "ref"))
            else:
                rest.append(child)
        if labels:
            d["label"] = self._text(labels)
        if docs:
            d["documentation"] = self._text(docs)
        return rest

    def _node(self, el: Any) -> dict:
        kind = (el.get(_XSI_TYPE) or "").rsplit(":", 1)[-1]
        if kind not in ("Element", "Container", "Label"):
            raise self._fail(Msg("unknown node type {kind!r}; expected Element, Container or Label", kind=kind), el)
        d: dict = {"id": self._id(el.get("identifier"), el, "identifier"), "kind": kind}
        if kind == "Element":
            d["element"] = self._id(el.get("elementRef"), el, "elementRef")
        for k in ("x", "y", "w", "h"):
            d[k] = self._int(el, k)
        children = []
        for child in self._visual_common(el, d):
            if child.tag == _T_NODE:
                children.append(self._node(child))
        if children:
            d["nodes"] = children
        return d

    def _connection(self, el: Any) -> dict:
        kind = (el.get(_XSI_TYPE) or "").rsplit(":", 1)[-1]
        if kind not in ("Relationship", "NestingRelationship", "Line"):
            raise self._fail(Msg("unknown connection type {kind!r}; expected Relationship or Line", kind=kind), el)
        d: dict = {"id": self._id(el.get("identifier"), el, "identifier"), "kind": kind}
        if kind != "Line":
            d["relationship"] = self._id(el.get("relationshipRef"), el, "relationshipRef")
        for end in ("source", "target"):
            if el.get(end) is not None:
                d[end] = self._id(el.get(end), el, end)
        for child in self._visual_common(el, d):
            name = _local(child.tag)
            if name == "bendpoint":
                d.setdefault("bendpoints", []).append({"x": self._int(child, "x"), "y": self._int(child, "y")})
            elif name in ("sourceAttachment", "targetAttachment"):
                key = "source_attachment" if name == "sourceAttachment" else "target_attachment"
                d[key] = {"x": self._int(child, "x"), "y": self._int(child, "y")}
        return d

    def _view_property(self, v: dict, props: dict, key: str) -> Optional[str]:
        """The value of one of eaframe's own view properties (a plain text given once), taken out of ``props``."""
        value = props.pop(key, None)
        if value is None or isinstance(value, str):
            return value
        raise ExchangeFormatError(Msg("view {view!r}: the property {key} is given more than once or with a "
                                      "language; give it once, as one value without xml:lang", view=v["id"], key=key),
                                  file=self._fname, line=self._line_of(v["id"]))

    def _finish_view(self, v: dict, raw_diagram: dict, props: dict) -> dict:
        try:
            diagram = Diagram.model_validate(raw_diagram)
        except ValidationError as err:
            e = err.errors(include_url=False)[0]
            loc = ".".join(str(p) for p in e.get("loc", ()))
            raise ExchangeFormatError(Msg("view {view!r}: diagram {place}", view=v["id"],
                                          place=exchange_problem(loc, e, False)), file=self._fname,
                                      line=self._line_of(v["id"])) from None
        marker, elements, rels = (self._view_property(v, props, key)
                                  for key in (_GENERATED, _VIEW_ELEMENTS, _VIEW_RELATIONSHIPS))
        layout = {}
        for key, field in zip(_VIEW_LAYOUT, ("direction", "cluster_by"), strict=True):
            if key in props:
                layout[field] = props.pop(key)
        generated = marker is not None and marker == "generated " + diagram_fingerprint(diagram)
        v["elements"] = elements.split() if elements is not None else diagram.element_refs()
        if rels is not None:
            v["relationships"] = None if rels == "*" else rels.split()
        elif not generated:
            v["relationships"] = diagram.relationship_refs()
        if layout:
            v["layout"] = layout
        if props:
            v["properties"] = props
        if not generated:
            v["diagram"] = raw_diagram
        return v


class _Fallback(Exception):
    """The streaming read stops: the file is read from its whole tree instead."""


class _Streamed:
    """What :meth:`ArchimateReader._stream` read: the validated concepts, their ids and
    types in document order, the root with what is left of the tree, and how many
    concepts are left in each container."""

    def __init__(self) -> None:
        self.elements: list = []
        self.relationships: list = []
        self.element_ids: list[str] = []
        self.element_types: list[str] = []
        self.relationship_ids: list[str] = []
        self.left: dict[Any, int] = {}
        self.root: Any = None
        self.definitions: tuple[dict[str, str], dict[str, str]] = ({}, {})


_PROPDEFS_OPEN = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?propertyDefinitions")
_PROPDEFS_CLOSE = re.compile(rb"</(?:[A-Za-z_][\w.\-]*:)?propertyDefinitions\s*>")
_ROOT_START = re.compile(rb"<(?![?!])([^\s/>]+)[^>]*>")
_ELEMENT_IDS = ("id",)
_RELATIONSHIP_IDS = ("id", "source", "target")


def _ids_ok(rows: list[dict], keys: tuple[str, ...]) -> bool:
    """Whether every id under ``keys`` in ``rows`` is an eaframe id (one regular-expression match)."""
    if not rows:
        return True
    column = [d[keys[0]] for d in rows] if len(keys) == 1 else list(chain.from_iterable(map(itemgetter(*keys), rows)))
    return _plain_id_list(column)


def _plain_id_list(column: list) -> bool:
    """Whether every item of ``column`` is an eaframe id, a string (one regular-expression match)."""
    if not column:
        return True
    try:
        joined = "\n".join(column)
    except TypeError:  # a missing identifier (None)
        return False
    return joined.count("\n") == len(column) - 1 and _IDS_OK.match(joined) is not None


def _free_items(pairs: list) -> list:
    """The value items of one free ``<property>``: an untagged value is a string; tagged
    values in a row are one language map (a repeated language starts a new one)."""
    if not pairs:
        return [""]
    items: list = []
    current: Optional[dict] = None
    for lang, text in pairs:
        if not lang:
            items.append(text)
            current = None
        elif current is None or lang in current:
            current = {lang: text}
            items.append(current)
        else:
            current[lang] = text
    return items


def _add_free(free: dict, key: str, item: Any) -> None:
    """Add one value item to the free property ``key``: a repeated key becomes a list."""
    if key not in free:
        free[key] = item
    else:
        old = free[key]
        if isinstance(old, list):
            old.append(item)
        else:
            free[key] = [old, item]


def _one(values: list) -> str:
    for lang, v in values:
        if not lang:
            return v
    return values[0][1] if values else ""


def _root_message(root: Any) -> str:
    ns = root.tag[1:].split("}")[0] if isinstance(root.tag, str) and root.tag.startswith("{") else ""
    if ns == "http://www.opengroup.org/xsd/archimate":
        return Msg("this is an ArchiMate 2.x exchange file (namespace http://www.opengroup.org/xsd/archimate); "
                   "only the 3.x format is supported — re-export it from a 3.x tool")
    return Msg("not an ArchiMate exchange file: the root element is <{tag}> in namespace {ns}, expected <model> in "
               "{expected}", tag=_local(root.tag), ns=ns or Msg("(none)"), expected=NS)


_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
#: A character reference to a carriage return (``&#13;``, ``&#xD;``, with or without leading
#: zeros): the only way a CR reaches a text, since XML reads line breaks in the file as LF.
_CR_REF = re.compile(rb"&#(?:0*13|x0*[dD]);")
_CR_REF_TEXT = re.compile(_CR_REF.pattern.decode())


def _cr_note(count: int) -> str:
    return Msg("{count} carriage return(s) in texts (&#13;, as in Windows line breaks CR LF) are stored as line "
               "feeds: eaframe's text has LF line breaks, so the file written back has LF where it had CR LF",
               count=count)


def _mean(hint: Optional[str]) -> str:
    """`` (did you mean 'X'?)`` in the message's language, or nothing."""
    return Msg(" (did you mean {name}?)", name=repr(hint)) if hint else ""


def exchange_problem(field: str, e: Any, show_got: bool = True) -> Msg:
    """``FIELD: WHAT IS WRONG (got VALUE)`` for a pydantic error ``e`` met reading a file, worded as
    for model files (:func:`eaframe.modelfile._pydantic_words`: pydantic's own English for its rarer
    error types); the value read (``e["input"]``) is shown when ``show_got`` and it is no mapping or list."""
    raw = e.get("msg", "invalid")
    text = raw[len("Value error, "):] if raw.startswith("Value error, ") else raw
    words: str = _pydantic_words(e.get("type", ""), text, e.get("ctx"))
    if text is not raw and isinstance(words, Msg):  # the English text keeps pydantic's "Value error, "
        words = msg_en(raw, words.template, **words.params)
    got = e.get("input")
    if show_got and not isinstance(got, (dict, list)):
        words = Msg("{detail} (got {got})", detail=words, got=repr(str(got)[:60]))
    return Msg("{field}: {detail}", field=field, detail=words)


def carriage_returns(data: bytes) -> int:
    """How many carriage returns the texts of the XML file ``data`` hold (``&#13;`` references;
    Archi writes a Windows line break CR LF as ``&#13;`` and a line feed). eaframe's text rule
    stores them as line feeds (:func:`eaframe.attributes.clean_text`); readers count them in a
    warning.

    >>> carriage_returns(b"<a>x&#13;\\ny&#xD;&#xA;z</a>"), carriage_returns(b"<a>x\\r\\ny</a>")
    (2, 0)
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="ignore")
        return len(_CR_REF_TEXT.findall(text)) if "&#" in text else 0
    return len(_CR_REF.findall(data)) if b"&#" in data else 0


def _refuse_doctype(data: bytes, fname: str) -> None:
    """Refuse any DTD before parsing (billion laughs, XXE, external DTDs)."""
    head = data[:1 << 20]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    probe = head
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            probe = head.decode("utf-16", errors="ignore").encode("utf-8")
        except UnicodeError:
            probe = head
    m = _DOCTYPE.search(probe)
    if m:
        # only in the prolog (before the root element) is it a DTD; later it would be text
        before = probe[:m.start()]
        stripped = re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", before, flags=re.S).strip()
        if not stripped or m.group().upper() == b"<!ENTITY":
            line = probe.count(b"\n", 0, m.start()) + 1
            raise ExchangeFormatError(Msg("DTDs and entity declarations (<!DOCTYPE>, <!ENTITY>) are not allowed in "
                                          "exchange files; they are refused to prevent entity-expansion and "
                                          "external-entity attacks"), file=fname, line=line)


def read_archimate(source: Union[str, os.PathLike, IO[bytes]], strict: bool = False,
                   max_bytes: Optional[int] = DEFAULT_MAX_BYTES, default_lang: Optional[str] = None,
                   xsd: Union[str, os.PathLike, None] = None) -> ArchitectureModel:
    """Read an ArchiMate exchange file (path or binary file object) into a model.

    See :class:`ArchimateReader` for the parameters.

    Raises
    ------
    ExchangeFormatError
        The file is malformed, unsafe (DTD, entities), too large, not an exchange file,
        or its content is not a valid model; the message names the file and line.
    """
    return ArchimateReader(strict=strict, max_bytes=max_bytes, default_lang=default_lang, xsd=xsd).read(source)


def parse_archimate(data: Union[bytes, str], strict: bool = False, max_bytes: Optional[int] = DEFAULT_MAX_BYTES,
                    default_lang: Optional[str] = None) -> ArchitectureModel:
    """Read a model from exchange XML given as bytes (or text); see :func:`read_archimate`."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return ArchimateReader(strict=strict, max_bytes=max_bytes, default_lang=default_lang).read(data)

