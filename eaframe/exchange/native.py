"""Archi's own file format, ``.archimate``: read and write.

Archi keeps a model as XML in the namespace ``http://www.archimatetool.com/archimate``
(``<archimate:model>``), or, when the model has pictures, as a ZIP archive holding that
XML as ``model.xml`` beside ``images/...``. :func:`read_archi` / :func:`reads_archi`
read both (told apart by content, not by extension; files of Archi 2.x to 5.x);
:func:`write_archi` / :func:`dumps_archi` write an Archi 4/5 file (``version="5.0.0"``),
zipped when the model has images.

What maps to what (details in ``docs/archimate.md``):

* elements (``archimate:BusinessActor`` ..., ``archimate:Junction`` with ``type="or"``),
  relationships (Archi 2.x ``UsedBy``/``Realisation``/``Specialisation`` become Serving,
  Realization, Specialization), ``accessType``, influence ``strength``, association
  ``directed``; names and documentation (untagged text, kept untagged unless the reader
  is given a ``default_lang``), properties (repeated keys become lists);
* the folder tree, as :attr:`ArchitectureModel.folders <eaframe.model.ArchitectureModel.folders>`;
* ArchiMate diagrams as views with a :class:`~eaframe.diagram.Diagram`: bounds
  (relative to the parent in Archi, absolute in eaframe), nesting, bendpoints (relative
  to the source and target centres in Archi, absolute in eaframe), connections, fill /
  line / font colours, fonts, notes, groups and diagram-model references;
* everything else Archi holds — sketch and canvas views, profiles, figure types, text
  alignment, alpha, features, concepts of types eaframe does not know, ids that are
  not eaframe ids, the images of a zipped model — verbatim in
  :attr:`ArchitectureModel.native <eaframe.model.ArchitectureModel.native>`
  (:class:`~eaframe.model.NativeData`), which this writer puts back. What the reader
  leaves out (properties without a key) is a counted warning.

Reading is safe: no DTDs or entities, size limits on the file, on ``model.xml`` and on
each image (declared and actual sizes), and no archive member name that leaves the
archive (``../x``, absolute paths). It converts and validates each concept while the file
is parsed, freeing the tree as it goes; a file with a problem (or anything that reading
cannot give exactly) is read again from its whole tree, which reports every problem.

Examples
--------
>>> from eaframe.synthetic import synthetic_model
>>> m = synthetic_model(10, seed=3)
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:  # one language per text in Archi's format
...     warnings.simplefilter("always")
...     data = dumps_archi(m)
>>> str(caught[0].message)[:45]
"Archi's format cannot hold 12 text(s) in more"
>>> data[:38]
b'<?xml version="1.0" encoding="UTF-8"?>'
>>> again = reads_archi(data)
>>> sorted(e.id for e in again.elements) == sorted(e.id for e in m.elements)  # filed by layer
True
>>> dumps_archi(again) == data
True
"""

from __future__ import annotations

import base64
import binascii
import html
import io
import operator
import os
import re
import warnings
import zipfile
import zlib
from collections import Counter
from itertools import compress, repeat
from pathlib import Path
from typing import IO, Any, Optional, Union

from lxml import etree
from pydantic import ValidationError

from .._files import file_name, is_open_file, output_stream, read_open_file
from .._sniff import ARCHI_NS, is_archi
from .._sniff import OLD_ARCHI_NS as _OLD_NS
from .._sniff import ZIP_MAGIC as _ZIP_MAGIC
from ..attributes import Text, fields_set_sharer
from ..diagram import Color, Diagram, DiagramConnection, DiagramNode, Font, Style
from ..elements import ELEMENT_TYPES, Layer, share_concept_sets
from ..exceptions import EaframeWarning, ExchangeFormatError, ModelValidationError, Problem
from ..i18n import Join, Msg
from ..model import ArchitectureModel, Folder, NativeData, View
from ..modelfile import no_gc
from ..relationships import RELATIONSHIP_TYPES
from .archimate import (
    _ATTR_SPECIAL,
    _GENERATED,
    _SAFE_PARSE,
    _VIEW_ELEMENTS,
    _VIEW_RELATIONSHIPS,
    _a,
    _add_free,
    _cr_note,
    _refuse_doctype,
    _t,
    carriage_returns,
    diagram_fingerprint,
    exchange_problem,
    model_in_place,
    safe_parser,
)
from .codec import (
    PREFIX,
    _compiled,
    decode_field,
    element_plan,
    encode_fields,
    encode_metadata,
    metadata_plan,
    relationship_plan,
    scalar_text,
)

__all__ = [
    "ARCHI_NS",
    "ARCHI_VERSION",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_IMAGE_BYTES",
    "is_archi",
    "read_archi",
    "reads_archi",
    "write_archi",
    "dumps_archi",
]

XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: The model format version the writer puts on ``<archimate:model>`` (Archi 4.9 and 5.x read it).
ARCHI_VERSION = "5.0.0"
#: Limit on the size of a file, and of the ``model.xml`` inside an archive (bytes).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
#: Limit on the size of one image of an archive, and (times 8) of all of them (bytes).
DEFAULT_MAX_IMAGE_BYTES = 64 * 1024 * 1024
_MAX_MEMBERS = 10_000

_XSI_TYPE = f"{{{XSI}}}type"

#: Archi 2.x type names → ArchiMate 3 names (as Archi itself converts them on opening).
_OLD_TYPES = {
    "UsedByRelationship": "ServingRelationship",
    "RealisationRelationship": "RealizationRelationship",
    "SpecialisationRelationship": "SpecializationRelationship",
    "InfrastructureService": "TechnologyService",
    "InfrastructureInterface": "TechnologyInterface",
    "InfrastructureFunction": "TechnologyFunction",
    "Network": "CommunicationNetwork",
    "CommunicationPath": "Path",
}
_DIAGRAM = "ArchimateDiagramModel"
#: A connection drawing a relationship, and a plain line (between notes, groups, or a note
#: and anything), as Archi types them (``DiagramModelArchimateConnection`` and
#: ``DiagramModelConnection`` in its ``archimate.ecore``).
_ARCHIMATE_CONNECTION = "archimate:Connection"
_LINE_CONNECTION = "archimate:DiagramModelConnection"
_ACCESS_IN = {"0": "write", "1": "read", "2": "access", "3": "read_write"}
_ACCESS_OUT = {"read": "1", "access": "2", "read_write": "3"}  # write (0) is Archi's default: left out
#: Top-level folders of a new Archi model: (type, name, layers).
FOLDER_TYPES: tuple[tuple[str, str, tuple[Layer, ...]], ...] = (
    ("strategy", "Strategy", (Layer.STRATEGY,)),
    ("business", "Business", (Layer.BUSINESS,)),
    ("application", "Application", (Layer.APPLICATION,)),
    ("technology", "Technology & Physical", (Layer.TECHNOLOGY, Layer.PHYSICAL)),
    ("motivation", "Motivation", (Layer.MOTIVATION,)),
    ("implementation_migration", "Implementation & Migration", (Layer.IMPLEMENTATION_MIGRATION,)),
    ("other", "Other", (Layer.OTHER,)),
    ("relations", "Relations", ()),
    ("diagrams", "Views", ()),
)
_FOLDER_OF_LAYER = {layer: t for t, _, layers in FOLDER_TYPES for layer in layers}
#: Archi's default size of a node whose bounds say -1 (by node type).
_DEFAULT_SIZE = {"Group": (400, 140), "Note": (185, 80)}
_NODE_TYPE = {"Element": "DiagramObject", "Container": "Group", "Label": "Note"}
_ID_OK = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,199}\Z")
_COLOR = re.compile(r"#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})\Z")
# attributes of concepts, views, nodes and connections that the reader maps to fields
_MAPPED = frozenset({"id", "name", _XSI_TYPE, "source", "target", "archimateElement", "archimateRelationship",
                     "relationship", "targetConnections", "viewpoint"})
# mapped attributes whose original spelling is kept when the canonical one differs
_STYLE_ATTRS = ("fillColor", "lineColor", "fontColor", "font", "lineWidth")


def _text(s: Optional[str], lang: Optional[str]) -> Optional[dict]:
    """Native text (Archi's has no language) as the raw data of a :class:`~eaframe.attributes.Text`:
    untagged, or in ``lang`` when the reader was asked to tag it."""
    if s is None:
        return None
    if lang is None:
        return {"untagged": s}
    return {lang: s} if lang in ("vi", "en") else {"other": {lang: s}}


# ============================================================================ reader
class _Reader:
    def __init__(self, strict: bool, default_lang: Optional[str], max_bytes: Optional[int], max_image_bytes: int):
        self.strict = strict
        self.lang = default_lang
        self._untagged: list[dict] = []
        self._root: Any = None  # the tree, while it is converted
        self._boxes: dict[Any, Optional[_Box]] = {}  # folders met while streaming (_read_streaming)
        self.max_bytes = max_bytes
        self.max_image_bytes = max_image_bytes

    # ------------------------------------------------------------------ bytes
    def read(self, source: Union[str, os.PathLike, IO[bytes], bytes]) -> ArchitectureModel:
        limit = self.max_bytes
        if isinstance(source, (bytes, bytearray)):
            data, fname = bytes(source), "<bytes>"
        elif is_open_file(source):
            fname = file_name(source)
            data = read_open_file(source, -1 if limit is None else limit + 1)
        else:
            fname = str(source)
            path = Path(source)
            try:
                if path.is_dir():
                    raise ExchangeFormatError(Msg("is a directory, not an Archi model file"), file=fname)
                size = path.stat().st_size
                if limit is not None and size > limit:
                    raise ExchangeFormatError(Msg("file is {size} bytes, over the limit of {limit} bytes; "
                                                  "raise max_bytes if you trust it", size=size, limit=limit),
                                              file=fname)
                data = path.read_bytes()
            except OSError as err:
                raise ExchangeFormatError(Msg("cannot read: {reason}", reason=err.strerror), file=fname) from None
        if limit is not None and len(data) > limit:
            raise ExchangeFormatError(Msg("file is over the limit of {limit} bytes; raise max_bytes if you "
                                          "trust it", limit=limit), file=fname)
        self.fname = fname
        images: dict[str, str] = {}
        if data.startswith(_ZIP_MAGIC):
            data, images = self._unzip(data)
            self.fname = fname = f"{fname}!model.xml"
        _refuse_doctype(data, fname)
        self._data = data
        self._images = images
        if self._streaming:
            with no_gc():
                model = self._read_streaming()
            if model is not None:
                return model
        try:
            with no_gc():
                raw = self._raw()
        except etree.XMLSyntaxError as err:
            line, col = (err.position if getattr(err, "position", None) else (err.lineno, None))
            msg = (err.msg or str(err)).strip()
            raise ExchangeFormatError(Msg("malformed XML: {detail}", detail=msg), file=fname, line=line,
                                      column=col) from None
        with no_gc():
            return self._validate(raw)

    def _raw(self) -> dict:
        """The model data of the file, its tree freed (it is not needed once converted)."""
        raw = self._convert(self._data)
        self._root = None
        if self._images:
            raw.setdefault("native", {})["images"] = self._images
        self._default_tree(raw)
        self._retag(raw)
        self._untagged = []
        return raw

    def _unzip(self, data: bytes) -> tuple[bytes, dict[str, str]]:
        fname = self.fname
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as err:
            raise ExchangeFormatError(Msg("not a readable ZIP archive ({detail}); the file is truncated or corrupt",
                                          detail=str(err)), file=fname) from None
        with zf:
            infos = zf.infolist()
            if len(infos) > _MAX_MEMBERS:
                raise ExchangeFormatError(Msg("the archive has {n} members, over the limit of {limit}",
                                              n=len(infos), limit=_MAX_MEMBERS), file=fname)
            names = [i.filename for i in infos]
            if "model.xml" not in names:
                raise ExchangeFormatError(Msg("a ZIP archive without model.xml: not an Archi model archive (Archi "
                                              "archives hold model.xml and images/); it holds {names}",
                                              names=", ".join(names[:5])), file=fname)
            model_xml = b""
            images: dict[str, str] = {}
            total = 0
            for info in infos:
                name = info.filename
                where = f"{fname}!{name}"
                if name.endswith("/"):
                    continue
                if (name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or "\\" in name
                        or any(part in ("..", "") for part in name.split("/"))):
                    raise ExchangeFormatError(Msg("archive member name leaves the archive (absolute path or ..); "
                                                  "refused"), file=where)
                cap = (self.max_bytes if name == "model.xml" else self.max_image_bytes)
                if cap is not None and info.file_size > cap:
                    raise ExchangeFormatError(Msg("archive member declares {size} bytes unpacked, over the "
                                                  "limit of {limit} bytes", size=info.file_size, limit=cap),
                                              file=where)
                try:
                    with zf.open(info) as fh:
                        content = fh.read(-1 if cap is None else cap + 1)
                except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as err:
                    raise ExchangeFormatError(Msg("cannot unpack archive member: {detail}", detail=str(err)),
                                              file=where) from None
                if cap is not None and len(content) > cap:
                    raise ExchangeFormatError(Msg("archive member unpacks to more than the limit of {limit} bytes "
                                                  "(a ZIP bomb?)", limit=cap), file=where)
                if name == "model.xml":
                    model_xml = content
                else:
                    total += len(content)
                    if total > 8 * self.max_image_bytes:
                        raise ExchangeFormatError(Msg("the images of the archive unpack to more than {limit} bytes",
                                                      limit=8 * self.max_image_bytes), file=where)
                    images[name] = base64.b64encode(content).decode("ascii")
        return model_xml, images

    # ------------------------------------------------------------------ tree
    def _fail(self, message: str, el: Any) -> ExchangeFormatError:
        return ExchangeFormatError(message, file=self.fname, line=el.sourceline)

    def _convert(self, data: bytes) -> dict:
        root = etree.fromstring(data, safe_parser(remove_blank_text=True))
        info = root.getroottree().docinfo
        if info.doctype or info.internalDTD is not None:  # type: ignore[union-attr]
            raise ExchangeFormatError(Msg("DTDs and entity declarations are not allowed"), file=self.fname, line=1)
        del info
        ns = root.tag[1:].split("}")[0] if isinstance(root.tag, str) and root.tag.startswith("{") else ""
        local = root.tag.rsplit("}", 1)[-1] if isinstance(root.tag, str) else ""
        if local != "model" or ns not in (ARCHI_NS, _OLD_NS):
            raise ExchangeFormatError(Msg("not an Archi model: the root element is <{tag}> in namespace {ns}, "
                                          "expected <archimate:model> in {expected}", tag=local,
                                          ns=ns or Msg("(none)"), expected=ARCHI_NS),
                                      file=self.fname, line=root.sourceline)  # type: ignore[arg-type]
        self._root = root
        self._reset()

        # Archi's text has no language: the model's languages are none, or the one asked for
        meta: dict = {"title": self._t(root.get("name") or ""), "languages": [self.lang] if self.lang else []}
        mid = root.get("id")
        key = ""
        if mid:
            key = self._id(mid)
            if not re.fullmatch(r"id-model(-\d+)?", mid):  # what the writer gives a model without one
                meta["identifier"] = key
        self._extra_attrs(key, root, ("name", "id", "version"))
        folders: list[dict] = []
        props: dict = {}
        typed: list = []
        for child in root:
            tag = child.tag
            if tag == "folder":
                folders.append(self._folder(child))
            elif tag == "purpose":
                meta["documentation"] = self._t(child.text or "")
            elif tag == "property":
                self._property(props, child, typed)
            elif isinstance(tag, str):
                self._children.setdefault(key, []).append(_raw(child))
        self._decode_typed(meta, metadata_plan(), props, typed)
        if props:
            meta["properties"] = props
        raw: dict = {"metadata": meta, "elements": self._elements, "relationships": self._relationships,
                     "views": self._views, "folders": folders}
        native = {"attributes": self._attrs, "children": self._children, "objects": self._objects,
                  "ids": self._renamed}
        if any(native.values()):
            raw["native"] = {k: v for k, v in native.items() if v}
        return raw

    def _reset(self, streaming: bool = False) -> None:
        """The state of one reading (``streaming``: while parsing, :meth:`_read_streaming`)."""
        self._streaming_now = streaming
        self._untagged = []
        self._ct = self._t  # the texts of elements and relationships (see _read_streaming)
        self._decoders: dict[tuple[int, str], tuple[Optional[str], int]] = {}
        self._kinds: dict[str, tuple[str, str, Optional[str]]] = {}
        self._validators: dict[tuple[bool, str], Any] = {}
        self._idmap: dict[str, str] = {}
        self._used: Optional[set[str]] = None  # every id of the file, found when an id has to be renamed
        self._renamed: dict[str, str] = {}
        self._attrs: dict[str, dict[str, str]] = {}
        self._children: dict[str, list[str]] = {}
        self._objects: dict[str, str] = {}
        self._kept: Counter = Counter()
        self._converted: Counter = Counter()
        self._nokey = 0
        self._elements: list[Any] = []
        self._eplan, self._rplan = element_plan(), relationship_plan()
        self._relationships: list[Any] = []
        self._views: list[dict] = []
        self._view_ids: Optional[set[str]] = None
        self._view_queries: list[tuple[str, bool]] = []
        self._views_ahead: Optional[set[str]] = None

    def _id(self, raw: str) -> str:
        """``raw`` as an eaframe id: itself when it is one, else a stable new one (remembered)."""
        got = self._idmap.get(raw)
        if got is not None:
            return got
        if _ID_OK.match(raw):
            self._idmap[raw] = raw
            return raw
        base = re.sub(r"[^A-Za-z0-9_.\-]", "_", raw)[:190] or "_"
        if not re.match(r"[A-Za-z_]", base):
            base = "id-" + base
        if self._used is None:
            self._used = self._file_ids()
        fixed, n = base, 2
        while fixed in self._used:
            fixed = f"{base}_{n}"
            n += 1
        self._used.add(fixed)
        self._idmap[raw] = fixed
        self._renamed[fixed] = raw
        return fixed

    def _file_ids(self) -> set[str]:
        """The ids a new id must avoid: every value of an ``id`` attribute of the file, found
        in its bytes (with what only looks like one: a new id avoids that too), so that reading
        while parsing (whose tree is gone) and from the whole tree rename alike; from the tree
        when the file's encoding does not write ASCII as ASCII."""
        if _ascii_text(self._data):
            found = (a or b for a, b in _ID_ATTR.findall(self._data))
            return {html.unescape(v) if "&" in v else v for v in (f.decode("utf-8", "replace") for f in found)}
        if self._streaming_now:
            raise _Fallback
        return {str(i) for i in self._root.xpath("//@id")}

    def _need_id(self, el: Any) -> str:
        raw = el.get("id")
        if not raw:
            raise self._fail(Msg("<{tag}> has no id; every Archi object has one", tag=_local(el)), el)
        return self._id(raw)

    def _extra_attrs(self, key: str, el: Any, mapped: Any = _MAPPED) -> None:
        extra = {k: v for k, v in el.items() if k not in mapped}
        if extra:
            self._attrs.setdefault(key, {}).update(extra)

    def _property(self, props: dict, p: Any, typed: Optional[list] = None) -> None:
        """One ``<property>`` into ``props``; an ``eaframe:`` one into ``typed`` when given."""
        key = p.get("key")
        if not key:
            self._nokey += 1
            return
        value = p.get("value") or ""
        if typed is not None and key.startswith(PREFIX):
            typed.append((key, value))
            return
        _add_free(props, key, value)

    def _decoder(self, plan: Any, key: str) -> tuple[Optional[str], int]:
        """(field, mode) of typed property ``key`` in ``plan``: mode 1 scalar, 2 id list, 3 other
        (through :func:`decode_field`), 0 a free property."""
        got = self._decoders.get((id(plan), key))
        if got is None:
            field, mode = None, 0
            if plan is not None and decode_field({}, plan, key, [(None, "x")]):
                name = key[len(PREFIX):]
                entry = plan.get(name)
                kind = entry[0] if entry else ""
                field, mode = name, (1 if kind == "scalar" else 2 if kind == "list" else 3)
            elif plan is not None and decode_field({}, plan, key, [("en", "x")]):
                mode = 3
            got = self._decoders[(id(plan), key)] = (field, mode)
        return got

    def _decode_typed(self, d: dict, plan: Any, props: dict, typed: list) -> None:
        """Put the ``eaframe:`` properties ``typed`` into typed fields of ``d`` (text in a language
        ``key@lang``); those that name no field stay free properties in ``props``."""
        grouped: dict[str, list] = {}
        for key, value in typed:
            if "@" not in key:
                field, mode = self._decoder(plan, key)
                if mode == 1:
                    d[field] = value
                    continue
                if mode == 2:
                    d[field] = value.split()
                    continue
            base, _, lang = key.partition("@")
            grouped.setdefault(base, []).append((lang or None, value))
        for key, pairs in grouped.items():
            if plan is None or not decode_field(d, plan, key, pairs, self.lang):
                for lang, value in pairs:
                    k = f"{key}@{lang}" if lang else key
                    old = props.get(k)
                    props[k] = value if old is None else (old + [value] if isinstance(old, list) else [old, value])

    def _common(self, key: str, el: Any, d: dict, plan: Any = None) -> None:
        """Documentation, properties and unknown children of ``el`` into ``d`` / the native data."""
        typed: list = []
        props: dict = {}
        for child in el:
            tag = child.tag
            if tag == "property":
                self._property(props, child, typed)
            elif tag == "documentation":
                d["documentation"] = self._ct(child.text or "")
            elif isinstance(tag, str):
                self._children.setdefault(key, []).append(_raw(child))
        if typed:
            self._decode_typed(d, plan, props, typed)
        if props:
            d["properties"] = props

    def _folder(self, el: Any) -> dict:
        fid = self._need_id(el)
        d: dict = {"id": fid, "name": self._t(el.get("name") or "")}
        if el.get("type"):
            d["type"] = el.get("type")
        self._extra_attrs(fid, el, ("id", "name", "type"))
        items: list[str] = []
        subs: list[dict] = []
        for child in el:
            tag = child.tag
            if tag == "folder":
                subs.append(self._folder(child))
            elif tag == "element":
                items.append(self._concept(child))
            elif tag == "documentation":
                d["documentation"] = self._t(child.text or "")
            elif tag == "property":
                self._property(d.setdefault("properties", {}), child)
            elif isinstance(tag, str):
                self._children.setdefault(fid, []).append(_raw(child))
        if items:
            d["items"] = items
        if subs:
            d["folders"] = subs
        return d

    def _classify(self, xtype: str) -> tuple[str, str, Optional[str]]:
        """(kind, eaframe type, Archi 2.x name converted) of an ``xsi:type``: kind ``v`` diagram,
        ``j`` junction, ``e`` element, ``r`` relationship, ``x`` kept verbatim."""
        got = self._kinds.get(xtype)
        if got is None:
            t = xtype.rsplit(":", 1)[-1]
            old = t if t in _OLD_TYPES else None
            t = _OLD_TYPES.get(t, t)
            if t == _DIAGRAM:
                got = ("v", t, old)
            elif t in ("Junction", "AndJunction", "OrJunction"):
                got = ("j", t, old)
            elif t in ELEMENT_TYPES:
                got = ("e", t, old)
            elif t.endswith("Relationship") and t[:-12] in RELATIONSHIP_TYPES:
                got = ("r", t[:-12], old)
            else:
                got = ("x", t, old)
            self._kinds[xtype] = got
        return got

    def _concept(self, el: Any) -> str:
        """Read one ``<element>`` of a folder (element, relationship, diagram); its eaframe id."""
        raw_id = el.get("id")
        cid = self._idmap.get(raw_id) if raw_id else None
        if cid is None:
            cid = self._need_id(el)
        kind, t, old = self._classify(el.get(_XSI_TYPE) or "")
        if old is not None:
            self._converted[f"{old} → {_OLD_TYPES[old]}"] += 1
        if kind == "e":
            name = el.get("name")
            d = {"id": cid, "type": t, "name": self._ct(name or "")}
            if len(el.attrib) > (3 if name is not None else 2):
                self._extra_attrs(cid, el)
            if len(el):
                self._common(cid, el, d, plan=self._eplan)
            self._elements.append(d)
            return cid
        if kind == "v":
            self._views.append(self._view(el, cid))
            return cid
        if kind == "j":
            etype = "OrJunction" if t == "OrJunction" or el.get("type") == "or" else "AndJunction"
            d = {"id": cid, "type": etype, "name": self._ct(el.get("name") or "")}
            self._extra_attrs(cid, el, _MAPPED | {"type"})
            self._common(cid, el, d, plan=self._eplan)
            self._elements.append(d)
            return cid
        if kind == "r":
            rtype = t
            src, tgt = el.get("source"), el.get("target")
            if not src or not tgt:
                raise self._fail(Msg("relationship {id!r} needs source and target", id=el.get("id")), el)
            idmap = self._idmap
            d = {"id": cid, "type": rtype, "source": idmap.get(src) or self._id(src),
                 "target": idmap.get(tgt) or self._id(tgt)}
            name = el.get("name")
            if name:
                d["name"] = self._ct(name)
            mapped = _MAPPED
            if rtype == "Access":
                at = el.get("accessType", "0")
                if at in _ACCESS_IN:
                    d["access_type"] = _ACCESS_IN[at]
                    mapped = _MAPPED | {"accessType"}
            elif rtype == "Influence" and el.get("strength"):
                d["modifier"] = el.get("strength")
                mapped = _MAPPED | {"strength"}
            elif rtype == "Association":
                d["is_directed"] = el.get("directed") == "true"
                mapped = _MAPPED | {"directed"}
            if len(el.attrib) > (5 if name is not None else 4):
                self._extra_attrs(cid, el, mapped)
            if len(el):
                self._common(cid, el, d, plan=self._rplan)
            self._relationships.append(d)
            return cid
        # sketch and canvas views, and types eaframe does not know: kept verbatim
        self._kept[t or "(no type)"] += 1
        self._objects[cid] = _raw(el)
        return cid

    # ------------------------------------------------------------------ views
    def _view(self, el: Any, vid: str) -> dict:
        d: dict = {"id": vid, "name": self._t(el.get("name") or "")}
        typed_marks: list = []
        if el.get("viewpoint"):
            d["viewpoint"] = el.get("viewpoint")
        self._extra_attrs(vid, el)
        nodes: list[dict] = []
        conns: list[tuple[dict, Any]] = []
        boxes: dict[str, tuple[int, int, int, int]] = {}
        for child in el:
            tag = child.tag
            if tag == "child":
                nodes.append(self._node(child, 0, 0, conns, boxes))
            elif tag == "documentation":
                d["documentation"] = self._t(child.text or "")
            elif tag == "property":
                self._property(d.setdefault("properties", {}), child, typed_marks)
            elif isinstance(tag, str):
                self._children.setdefault(vid, []).append(_raw(child))
        if not d.get("properties", True):
            del d["properties"]
        connections = [self._finish_connection(c, raw_bps, boxes) for c, raw_bps in conns]
        _shift(vid, nodes, connections, self._attrs)
        diagram = {"nodes": nodes, "connections": connections}
        marks = dict(typed_marks)
        d["elements"] = list(dict.fromkeys(_element_refs(nodes)))
        d["relationships"] = list(dict.fromkeys(c["relationship"] for c in connections if "relationship" in c))
        if _VIEW_ELEMENTS in marks:
            d["elements"] = marks.pop(_VIEW_ELEMENTS).split()
        if _VIEW_RELATIONSHIPS in marks:
            rels = marks.pop(_VIEW_RELATIONSHIPS)
            d["relationships"] = None if rels == "*" else rels.split()
        marker = marks.pop(_GENERATED, None)
        generated = False
        if marker is not None:
            try:
                generated = marker == "generated " + diagram_fingerprint(Diagram.model_validate(diagram))
            except ValidationError:
                generated = False
        layout = {f: marks.pop(k) for k, f in (("eaframe:layout.direction", "direction"),
                                               ("eaframe:layout.cluster_by", "cluster_by")) if k in marks}
        if layout:
            d["layout"] = layout
        for k, v in marks.items():
            d.setdefault("properties", {})[k] = v
        if marker is not None and not generated:
            d.setdefault("properties", {})[_GENERATED] = marker
        if not generated:
            d["diagram"] = diagram
        elif _VIEW_RELATIONSHIPS not in dict(typed_marks):
            d["relationships"] = None  # a laid-out view that showed every relationship among its elements
        return d

    def _node(self, el: Any, px: int, py: int, conns: list, boxes: dict) -> dict:
        nid = self._need_id(el)
        t = (el.get(_XSI_TYPE) or "").rsplit(":", 1)[-1]
        d: dict = {"id": nid}
        mapped = set(_MAPPED) | set(_STYLE_ATTRS)
        if t == "DiagramObject" and el.get("archimateElement"):
            d["kind"] = "Element"
            d["element"] = self._id(el.get("archimateElement"))
        elif t == "Note" or t == "DiagramModelReference" or t == "DiagramModelImage":
            d["kind"] = "Label"
            ref = el.get("model")
            if t == "DiagramModelReference" and ref and self._is_view(ref):
                d["view_refs"] = [self._id(ref)]
                mapped.add("model")
        else:
            d["kind"] = "Container"
            if el.get("name") is not None:
                d["label"] = self._t(el.get("name"))
        if t != _NODE_TYPE[d["kind"]] and not (t == "DiagramModelReference" and "view_refs" in d):
            self._attrs.setdefault(nid, {})[_XSI_TYPE] = el.get(_XSI_TYPE) or ""
        if d["kind"] != "Container" and el.get("name") is not None:
            mapped.discard("name")  # a note's or reference's own name: kept verbatim
        self._extra_attrs(nid, el, mapped)
        style = self._style(nid, el)
        if style:
            d["style"] = style
        x = y = 0
        w = h = -1
        children: list[dict] = []
        for child in el:
            tag = child.tag
            if tag == "bounds":
                x, y = _int(child, "x", 0, self), _int(child, "y", 0, self)
                w, h = _int(child, "width", -1, self), _int(child, "height", -1, self)
                extra = {k: v for k, v in child.items() if k not in ("x", "y", "width", "height")}
                if extra:
                    self._attrs.setdefault(nid, {}).update({"bounds." + k: v for k, v in extra.items()})
            elif tag == "child":
                children.append(child)
            elif tag == "sourceConnection":
                self._connection(child, nid, conns)
            elif tag == "documentation":
                d["documentation"] = self._t(child.text or "")
            elif tag == "content" and t == "Note":
                d["label"] = self._t(child.text or "")
            elif isinstance(tag, str):
                self._children.setdefault(nid, []).append(_raw(child))
        dw, dh = _DEFAULT_SIZE.get(t, (120, 55))
        if w <= 0 or h <= 0:
            self._attrs.setdefault(nid, {})["bounds.size"] = f"{w} {h}"
            w, h = (w if w > 0 else dw), (h if h > 0 else dh)
        ax, ay = px + x, py + y
        d.update(x=ax, y=ay, w=w, h=h)
        boxes[nid] = (ax, ay, w, h)
        if children:
            d["nodes"] = [self._node(c, ax, ay, conns, boxes) for c in children]
        return d

    def _is_view(self, ref: str) -> bool:
        """Whether ``ref`` is the id of a diagram of the file (of those parsed so far while
        streaming: the answer is checked against all of them at the end)."""
        if self._streaming_now:
            if self._views_ahead is None:
                self._views_ahead = _views_ahead(self._data)
            answer = ref in (self._view_ids or ()) or ref in self._views_ahead
            self._view_queries.append((ref, answer))
            return answer
        if self._view_ids is None:
            self._view_ids = {str(e.get("id")) for e in self._root.iter("element")
                              if (e.get(_XSI_TYPE) or "").endswith(":" + _DIAGRAM)}
        return ref in self._view_ids

    def _style(self, key: str, el: Any) -> dict:
        s: dict = {}
        kept: dict[str, str] = {}
        for attr, field in (("fillColor", "fill_color"), ("lineColor", "line_color")):
            raw = el.get(attr)
            if raw is not None:
                c = _color(raw)
                if c is not None:
                    s[field] = c
                if c is None or _color_out(c) != raw:
                    kept[attr] = raw
        raw_lw = el.get("lineWidth")
        if raw_lw is not None:
            if raw_lw.isdigit() and int(raw_lw) >= 1:
                s["line_width"] = int(raw_lw)
                if str(int(raw_lw)) != raw_lw:
                    kept["lineWidth"] = raw_lw
            else:
                kept["lineWidth"] = raw_lw
        font: dict = {}
        raw_font = el.get("font")
        if raw_font is not None:
            parsed = _font(raw_font)
            if parsed:
                font.update(parsed)
            if _font_out(parsed) != raw_font:
                kept["font"] = raw_font
        raw_fc = el.get("fontColor")
        if raw_fc is not None:
            c = _color(raw_fc)
            if c is not None:
                font["color"] = c
            if c is None or _color_out(c) != raw_fc:
                kept["fontColor"] = raw_fc
        if font:
            s["font"] = font
        if kept:
            self._attrs.setdefault(key, {}).update(kept)
        return s

    def _connection(self, el: Any, source_id: str, conns: list) -> None:
        cid = self._need_id(el)
        d: dict = {"id": cid}
        rel = el.get("archimateRelationship") or el.get("relationship")
        if rel:
            d["kind"] = "Relationship"
            d["relationship"] = self._id(rel)
        else:
            d["kind"] = "Line"
            if el.get("name") is not None:
                d["label"] = self._t(el.get("name"))
        src = el.get("source")
        d["source"] = self._id(src) if src else source_id
        tgt = el.get("target")
        if not tgt:
            raise self._fail(Msg("connection {id!r} has no target", id=el.get("id")), el)
        d["target"] = self._id(tgt)
        if (el.get(_XSI_TYPE) or "") != (_ARCHIMATE_CONNECTION if rel else _LINE_CONNECTION):
            self._attrs.setdefault(cid, {})[_XSI_TYPE] = el.get(_XSI_TYPE) or ""
        mapped = set(_MAPPED) | set(_STYLE_ATTRS)
        if rel:
            mapped.discard("name")
        if el.get("relationship") and not el.get("archimateRelationship"):
            self._converted["connection relationship= → archimateRelationship="] += 1
        self._extra_attrs(cid, el, mapped)
        style = self._style(cid, el)
        if style:
            d["style"] = style
        bps: list[tuple[int, int, int, int]] = []
        nested: list[Any] = []
        for child in el:
            tag = child.tag
            if tag == "bendpoint":
                bps.append((_int(child, "startX", 0, self), _int(child, "startY", 0, self),
                            _int(child, "endX", 0, self), _int(child, "endY", 0, self)))
            elif tag == "documentation":
                d["documentation"] = self._t(child.text or "")
            elif tag == "sourceConnection":
                nested.append(child)
            elif isinstance(tag, str):
                self._children.setdefault(cid, []).append(_raw(child))
        conns.append((d, bps))
        for child in nested:
            self._connection(child, cid, conns)

    def _finish_connection(self, d: dict, bps: list, boxes: dict) -> dict:
        if bps:
            points = _absolute(bps, _centre(boxes, d["source"]), _centre(boxes, d["target"]))
            d["bendpoints"] = [{"x": x, "y": y} for x, y in points]
            if _relative(points, _centre(boxes, d["source"]), _centre(boxes, d["target"])) != bps:
                self._attrs.setdefault(d["id"], {})["bendpoints"] = " ".join(",".join(map(str, b)) for b in bps)
        return d

    # ------------------------------------------------------------------ model
    def _t(self, s: Optional[str]) -> Optional[dict]:
        """Archi text as raw :class:`~eaframe.attributes.Text` data (see :func:`_text`), remembered
        so that :meth:`_retag` can give it the model's one language."""
        d = _text(s, self.lang)
        if d is not None and self.lang is None:
            self._untagged.append(d)
        return d

    def _retag(self, raw: dict) -> None:
        """A model eaframe wrote with one language (``eaframe:languages``) reads back in it: Archi's
        text has no language, so the language list is what says which one the texts are in."""
        langs = raw.get("metadata", {}).get("languages")
        if self.lang is not None or not langs or len(langs) != 1:
            return
        lang = langs[0]
        for d in self._untagged:
            s = d.pop("untagged")
            if lang in ("vi", "en"):
                d[lang] = s
            else:
                d["other"] = {lang: s}

    def _default_tree(self, raw: dict) -> None:
        """A folder tree that eaframe's writer made up for a model without one (every top-level
        folder is Archi's default one with the id ``folder-<type>`` the writer gives it, no
        sub-folders, documentation or properties) reads back as no tree: the model had none."""
        folders = raw.get("folders") or []
        names = {f"folder-{t}": (t, name) for t, name, _ in FOLDER_TYPES}
        for f in folders:
            fid = f.get("id")
            if (fid not in names or names[fid] != (f.get("type"), (f.get("name") or {}).get("untagged"))
                    or f.get("folders") or f.get("documentation") or f.get("properties") or fid in self._attrs
                    or fid in self._children):
                return
        raw["folders"] = []

    # ------------------------------------------------------------------ streaming
    #: read while parsing (False: always from the whole tree, as tests compare)
    _streaming = True

    def _read_streaming(self) -> Optional[ArchitectureModel]:
        """The model of a clean file, read in one pass: each element, relationship and view is
        converted as soon as its end tag is parsed (elements and relationships validated at
        once, as :func:`~eaframe.exchange.archimate.model_in_place` does), and its part of the
        tree freed, so neither the whole tree nor all the rows exist beside the model.

        ``None`` when the file needs the whole-tree reading (:meth:`_raw`): a problem of any
        kind, an id to rename, a reference to a view not yet parsed, a model language other
        than the one found ahead, unknown children whose order among the native data would
        differ. That reading reports every problem exactly as before.
        """
        try:
            model = self._stream()
        except (_Fallback, ExchangeFormatError, etree.XMLSyntaxError, ValidationError, ModelValidationError):
            model = None
        self._boxes = {}
        if model is None:
            return None
        return self._finish(model)

    def _stream(self) -> ArchitectureModel:
        self._reset(streaming=True)
        # the model's one language (eaframe:languages, a property of the model after its
        # folders) retags every text: found ahead in the bytes, checked at the end
        ahead = _LANGUAGES.findall(self._data[self._data.rfind(b"</folder>") + 1:])
        langs = ahead[-1].decode("utf-8", "replace").split() if ahead else []
        tag = self.lang if self.lang is not None else (langs[0] if len(langs) == 1 else None)
        self._ct = lambda s: _text(s, tag)  # concept texts are validated at once: tagged now
        self._tkey = tag if tag is None or tag in ("vi", "en") else None
        if tag is None:
            self._tkey = "untagged"
        self._view_ids = set()
        view_ids = self._view_ids
        self._boxes = {}
        context = {"strict": self.strict}
        elements, relationships = self._elements, self._relationships
        share = fields_set_sharer()
        diagram = ":" + _DIAGRAM
        concept, box_of = self._concept, self._box_of
        idmap = self._idmap
        shapes: dict[tuple, _Shape] = {}  # the attribute names of an <element>, in order -> their places
        quick: dict[Optional[str], Any] = {}  # xsi:type -> (kind, type, validator) for the quick path, or None
        plans = {"e": self._eplan, "r": self._rplan}
        tkey, ct = self._tkey, self._ct
        parent_el: Any = None
        box: Optional[_Box] = None
        events = etree.iterparse(io.BytesIO(self._data), events=("end",), tag=("element", "folder"), **_SAFE_PARSE,
                                 remove_blank_text=True)
        for _, el in events:
            parent = el.getparent()
            if parent is not parent_el:
                parent_el, box = parent, (box_of(parent) if parent is not None else None)
            if el.tag == "folder":
                if box is not None:
                    self._end_folder(el, box)
                continue
            # the attributes in two calls (not one get each); where each is, worked out once per set of names
            names = tuple(el.keys())
            shape = shapes.get(names)
            if shape is None:
                shape = shapes[names] = _Shape(names)
            values = el.values()
            xtype = values[shape.type] if shape.type is not None else None
            if xtype is not None and xtype.endswith(diagram):
                view_ids.add(str(values[shape.id]) if shape.id is not None else "None")
            if box is None or box.d is None:
                continue  # not a concept (inside something kept verbatim, or directly under the model)
            how = quick.get(xtype, _UNSEEN)
            if how is _UNSEEN:
                how = quick[xtype] = self._quick_kind(xtype)
            # A plain element or relationship: its row made here, as _concept makes it. Anything
            # else (ids to rename, attributes or children kept verbatim, properties without a
            # key, Archi 2.x types, junctions, views ...) the general way.
            d: Optional[dict] = None
            if how is not None:
                k, t, validate = how
                raw = values[shape.id] if shape.id is not None else None
                cid = idmap.get(raw) if raw is not None else None
                if cid is None and raw and _ID_OK.match(raw):
                    idmap[raw] = cid = raw
                if cid is not None and k == "e":
                    if shape.element:
                        name = values[shape.name] if shape.name is not None else None
                        d = {"id": cid, "type": t, "name": {tkey: name or ""} if tkey is not None else ct(name or "")}
                elif cid is not None and shape.rest <= _OWN_ATTRS.get(t, _NO_ATTRS):
                    d = self._relationship_row(cid, t, values, shape)
                if d is not None and len(el) and not self._children_into(d, el, plans[k]):
                    d = None
                into = elements if k == "e" else relationships
            if d is None:  # the general way
                ne, nr = len(elements), len(relationships)
                cid = concept(el)
                if len(elements) != ne:
                    into, d = elements, elements.pop()
                elif len(relationships) != nr:
                    into, d = relationships, relationships.pop()
                else:  # a view, or something kept verbatim
                    box.items.append(cid)
                if d is not None:
                    validate = self._validator(into is elements, d["type"])
            if d is not None:
                obj = validate(d, context=context)
                share_concept_sets(obj, share)  # as every load does
                into.append(obj)
                box.items.append(d["id"])
            box.pending += 1
            if box.pending == _STEP:
                self._free(parent, el, box)
        root = events.root
        del events
        return self._end_model(root, tag)

    def _quick_kind(self, xtype: Optional[str]) -> Optional[tuple[str, str, Any]]:
        """(kind ``e`` or ``r``, eaframe type, validator) of the elements of ``xsi:type`` ``xtype``
        that the streaming reading makes rows of directly, or ``None``: the general way."""
        if xtype is None:
            return None
        k, t, old = self._classify(xtype)
        if old is not None or k not in ("e", "r"):
            return None
        return k, t, self._validator(k == "e", t)

    def _validator(self, element: bool, t: str) -> Any:
        """The ``validate_python`` of element (or relationship) type ``t``, looked up once."""
        got = self._validators.get((element, t))
        if got is None:
            cls = ELEMENT_TYPES[t] if element else RELATIONSHIP_TYPES[t]
            got = self._validators[(element, t)] = cls.__pydantic_validator__.validate_python
        return got

    def _relationship_row(self, cid: str, t: str, values: list, shape: _Shape) -> Optional[dict]:
        """The row of a plain relationship (attributes ``values`` placed by ``shape``), or ``None``
        when it is not one: an end missing or to rename, an attribute kept verbatim."""
        src = values[shape.source] if shape.source is not None else None
        tgt = values[shape.target] if shape.target is not None else None
        if not src or not tgt:
            return None
        idmap = self._idmap
        s_id, t_id = idmap.get(src), idmap.get(tgt)
        if s_id is None:
            if not _ID_OK.match(src):
                return None
            idmap[src] = s_id = src
        if t_id is None:
            if not _ID_OK.match(tgt):
                return None
            idmap[tgt] = t_id = tgt
        d = {"id": cid, "type": t, "source": s_id, "target": t_id}
        if shape.name is not None:
            name = values[shape.name]
            if name:
                d["name"] = self._ct(name)
        if t == "Access":
            at = values[shape.access] if shape.access is not None else None
            if at is not None and at not in _ACCESS_IN:
                return None
            d["access_type"] = _ACCESS_IN[at or "0"]
        elif t == "Influence":
            if shape.strength is not None:
                strength = values[shape.strength]
                if not strength:
                    return None  # kept verbatim
                d["modifier"] = strength
        elif t == "Association":
            d["is_directed"] = shape.directed is not None and values[shape.directed] == "true"
        return d

    def _children_into(self, d: dict, el: Any, plan: Any) -> bool:
        """The documentation and properties of a plain element or relationship into its row
        ``d``; ``False`` (``d`` half made) when it has anything else: the general way."""
        props: dict = {}
        typed: list = []
        decoders = self._decoders
        key_of_plan = id(plan)
        for child in el:
            tag = child.tag
            if tag == "property":
                key = child.get("key")
                if not key:
                    return False
                value = child.get("value") or ""
                if key.startswith(PREFIX):
                    if "@" not in key:
                        got = decoders.get((key_of_plan, key))
                        field, mode = got if got is not None else self._decoder(plan, key)
                        if mode == 1:
                            d[field] = value
                            continue
                        if mode == 2:
                            d[field] = value.split()
                            continue
                    typed.append((key, value))
                else:
                    _add_free(props, key, value)
            elif tag == "documentation":
                d["documentation"] = self._ct(child.text or "")
            else:
                return False
        if typed:
            self._decode_typed(d, plan, props, typed)
        if props:
            d["properties"] = props
        return True

    def _box_of(self, el: Any) -> Optional[_Box]:
        """The state of folder (or model) ``el``, made with its ancestors' (top-down, as the
        whole-tree reading meets them) the first time; ``None`` when ``el`` is not a folder
        of the folder tree (then nothing in it is a concept)."""
        if el in self._boxes:
            return self._boxes[el]
        chain = []
        node = el
        while node is not None and node not in self._boxes:
            chain.append(node)
            node = node.getparent()
        parent = None if node is None else self._boxes[node]
        for node in reversed(chain):
            if node.getparent() is None:  # the model
                box = _Box(None)
                mid = node.get("id")
                box.key = ""
                if mid:
                    box.key = self._id(mid)
                self._extra_attrs(box.key, node, ("name", "id", "version"))
            elif parent is None or node.tag != "folder":
                box = None
            else:
                fid = self._need_id(node)
                d: dict = {"id": fid, "name": self._t(node.get("name") or "")}
                if node.get("type"):
                    d["type"] = node.get("type")
                self._extra_attrs(fid, node, ("id", "name", "type"))
                box = _Box(d)
                box.key = fid
                box.before = len(self._children)
            self._boxes[node] = box
            parent = box
        return parent

    def _free(self, folder: Any, el: Any, box: _Box) -> None:
        """Drop the concepts read so far from ``folder`` (all but ``el``, the last)."""
        at = box.kept + box.pending - 1
        if folder[at] is el:
            del folder[box.kept:at]
        else:  # other children among them: keep those (read at the folder's end), drop the rest
            children = list(folder)
            before = children[:children.index(el)]
            box.kept = 0
            for child in before:
                if child.tag == "element" or child.tag == "folder":
                    folder.remove(child)
                else:
                    box.kept += 1
        box.pending = 1

    def _end_folder(self, el: Any, parent: _Box) -> None:
        """A folder of the tree is parsed: its documentation, properties and unknown children
        (in document order), then its row joins its parent's sub-folders."""
        box = self._box_of(el)
        assert box is not None and box.d is not None
        d, fid = box.d, box.key
        grew = len(self._children) != box.before
        unknown = False
        for child in el:
            tag = child.tag
            if tag == "folder" or tag == "element":
                continue  # read when parsed
            if tag == "documentation":
                d["documentation"] = self._t(child.text or "")
            elif tag == "property":
                self._property(d.setdefault("properties", {}), child)
            elif isinstance(tag, str):
                if not unknown and (grew or fid in self._children):
                    raise _Fallback  # the whole-tree reading would list these among the others
                unknown = True
                self._children.setdefault(fid, []).append(_raw(child))
        if box.items:
            d["items"] = box.items
        if box.subs:
            d["folders"] = box.subs
        box.grew = len(self._children) != box.before
        parent.subs.append(d)
        del el[:]

    def _end_model(self, root: Any, tag: Optional[str]) -> ArchitectureModel:
        """The model element, the rest of the file and the checks that the streamed reading is
        what the whole-tree reading gives; raises :class:`_Fallback` when it is not."""
        ns = root.tag[1:].split("}")[0] if isinstance(root.tag, str) and root.tag.startswith("{") else ""
        info = root.getroottree().docinfo
        if (root.tag.rsplit("}", 1)[-1] != "model" or ns not in (ARCHI_NS, _OLD_NS) or info.doctype
                or info.internalDTD is not None):
            raise _Fallback
        del info
        top = self._box_of(root)
        assert top is not None
        key = top.key
        mid = root.get("id")
        meta: dict = {"title": self._t(root.get("name") or ""), "languages": [self.lang] if self.lang else []}
        if mid and not re.fullmatch(r"id-model(-\d+)?", mid):
            meta["identifier"] = key
        props: dict = {}
        typed: list = []
        unknown = False
        for child in root:
            t = child.tag
            if t == "folder":
                sub = self._boxes.get(child)
                if unknown and sub is not None and sub.grew:
                    raise _Fallback  # unknown children of the model before a folder with some
            elif t == "purpose":
                meta["documentation"] = self._t(child.text or "")
            elif t == "property":
                self._property(props, child, typed)
            elif isinstance(t, str):
                unknown = True
                self._children.setdefault(key, []).append(_raw(child))
        self._decode_typed(meta, metadata_plan(), props, typed)
        if props:
            meta["properties"] = props
        langs = meta.get("languages") or []
        view_ids = self._view_ids or set()
        if tag != (self.lang if self.lang is not None else (langs[0] if len(langs) == 1 else None)):
            raise _Fallback  # the language found ahead is not the model's
        if any((ref in view_ids) != answer for ref, answer in self._view_queries):
            raise _Fallback  # a reference to a view further on
        raw: dict = {"metadata": meta, "elements": self._elements, "relationships": self._relationships,
                     "views": self._views, "folders": top.subs}
        native = {"attributes": self._attrs, "children": self._children, "objects": self._objects,
                  "ids": self._renamed}
        if any(native.values()):
            raw["native"] = {k: v for k, v in native.items() if v}
        if self._images:
            raw.setdefault("native", {})["images"] = self._images
        self._default_tree(raw)
        self._retag(raw)  # the texts not validated yet (folders, views, the model's)
        self._untagged = []
        return ArchitectureModel.model_validate(raw, context={"strict": self.strict})

    #: validate the rows one by one in place (False: the whole model at once, as tests compare)
    _in_place = True

    def _validate(self, raw: dict) -> ArchitectureModel:
        # Fast path: the rows validated in place (archimate.model_in_place); problems are
        # always reported against the rows as read: at the first one the file is converted
        # again and validated whole.
        model = model_in_place(raw, self.strict) if self._in_place else None
        if model is None:
            raw = self._raw()
            model = self._validate_whole(raw)
        return self._finish(model)

    def _validate_whole(self, raw: dict) -> ArchitectureModel:
        """The model of ``raw`` validated whole, its problems located in the file through the rows."""
        try:
            model = ArchitectureModel.model_validate(raw, context={"strict": self.strict})
        except ValidationError as err:
            problems = [self._problem(e, raw) for e in err.errors(include_url=False)[:200]]
            raise ExchangeFormatError(Msg("{n} invalid value(s) in the Archi model", n=len(problems)),
                                      file=self.fname, problems=problems) from None
        except ModelValidationError as err:
            problems = [Problem(p.message, p.path, p.concept_id, self.fname, self._line_of(p.concept_id), None,
                                p.severity) for p in err.problems]
            raise ExchangeFormatError(Msg("{n} problem(s) in the Archi model", n=len(problems)), file=self.fname,
                                      problems=problems) from None
        return model

    def _finish(self, model: ArchitectureModel) -> ArchitectureModel:
        notes = [Problem(p.message, p.path, p.concept_id, self.fname, self._line_of(p.concept_id), None, p.severity)
                 for p in model.warnings]
        if self._kept:
            what = ", ".join(f"{t}: {n}" for t, n in sorted(self._kept.items()))
            notes.append(Problem(Msg("{n} object(s) that eaframe does not model ({what}) are kept verbatim for "
                                     "writing back as .archimate; other formats leave them out",
                                     n=sum(self._kept.values()), what=what), file=self.fname, severity="warning"))
        if self._renamed:
            notes.append(Problem(Msg("{n} id(s) are not eaframe ids (ASCII NCNames) and were renamed "
                                     "(e.g. {old!r} → {new!r}); .archimate output writes the original ids back",
                                     n=len(self._renamed), old=next(iter(self._renamed.values())),
                                     new=next(iter(self._renamed))), file=self.fname, severity="warning"))
        if self._converted:
            what = ", ".join(f"{t}: {n}" for t, n in sorted(self._converted.items()))
            notes.append(Problem(Msg("Archi 2.x names converted to ArchiMate 3 ones, as Archi does ({what})",
                                     what=what), file=self.fname, severity="warning"))
        crs = carriage_returns(self._data) - sum(f.count("&#13;") for frags in self._children.values() for f in frags) \
            - sum(f.count("&#13;") for f in self._objects.values())  # verbatim XML keeps its carriage returns
        if crs > 0:
            notes.append(Problem(_cr_note(crs), file=self.fname, severity="warning"))
        if self._nokey:
            notes.append(Problem(Msg("{n} property without a key left out" if self._nokey == 1 else
                                     "{n} properties without a key left out", n=self._nokey),
                                 file=self.fname, severity="warning"))
        model._warnings = tuple(notes)
        if notes:
            shown = "; ".join(str(p) for p in notes[:3])
            more = f" (and {len(notes) - 3} more)" if len(notes) > 3 else ""
            warnings.warn(f"{self.fname}: {len(notes)} warning(s): {shown}{more}", EaframeWarning, stacklevel=4)
        return model

    def _line_of(self, cid: Optional[str]) -> Optional[int]:
        if not cid:
            return None
        orig = self._renamed.get(cid, cid)
        pos = self._data.find(f'id="{orig}"'.encode())
        return None if pos < 0 else self._data.count(b"\n", 0, pos) + 1

    def _problem(self, e: Any, raw: dict) -> Problem:
        loc = tuple(e.get("loc", ()))
        cid = None
        if len(loc) >= 2 and loc[0] in ("elements", "relationships", "views") and isinstance(loc[1], int):
            cid = raw[loc[0]][loc[1]].get("id")
            loc = tuple(p for p in loc if not (isinstance(p, str) and (p in ELEMENT_TYPES or p in RELATIONSHIP_TYPES)))
        field = ".".join(str(p) for p in (loc[2:] if cid else loc))
        return Problem(exchange_problem(field, e), (), cid, self.fname, self._line_of(cid), None)


class _Fallback(Exception):
    """The streaming reading stops: the file is read from its whole tree instead."""


class _Shape:
    """Where the attributes the reader maps are among those of an ``<element>`` (their names
    in document order, as ``keys()`` and ``values()`` list them): an index, or ``None``."""

    __slots__ = ("type", "id", "name", "source", "target", "access", "strength", "directed", "element", "rest")

    def __init__(self, names: tuple) -> None:
        at = {n: i for i, n in enumerate(names)}
        self.type = at.get(_XSI_TYPE)
        self.id, self.name = at.get("id"), at.get("name")
        self.source, self.target = at.get("source"), at.get("target")
        self.access, self.strength, self.directed = at.get("accessType"), at.get("strength"), at.get("directed")
        #: whether an element with these attributes keeps none verbatim
        self.element = set(names) <= {_XSI_TYPE, "id", "name"}
        #: the attributes but those every relationship may have: its own ones, or kept verbatim
        self.rest = frozenset(names) - {_XSI_TYPE, "id", "name", "source", "target"}


#: the attributes a relationship type maps to fields (the others are kept verbatim)
_OWN_ATTRS = {"Access": frozenset({"accessType"}), "Influence": frozenset({"strength"}),
              "Association": frozenset({"directed"})}
_NO_ATTRS: frozenset[str] = frozenset()
_UNSEEN = object()


class _Box:
    """What the streaming reading keeps of a folder (or of the model: ``d`` is ``None``)
    while its content is parsed."""

    __slots__ = ("d", "key", "items", "subs", "pending", "kept", "before", "grew")

    def __init__(self, d: Optional[dict]) -> None:
        self.d = d
        self.key = ""
        self.items: list[str] = []
        self.subs: list[dict] = []
        self.pending = 0  # concepts read and not yet dropped from the tree
        self.kept = 0  # children at the start of the folder kept for its end (documentation, ...)
        self.before = 0  # len(_Reader._children) when the folder was met
        self.grew = False  # whether its content added to _Reader._children


#: an ``id`` attribute in the bytes of a file (and what looks like one: ``xml:id``, text)
_ID_ATTR = re.compile(rb"""\bid\s*=\s*(?:"([^"<]*)"|'([^'<]*)')""")
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")
_ASCII_ENCODINGS = frozenset({"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1", "windows-1252",
                              "cp1252"})


def _views_ahead(data: bytes) -> set[str]:
    """The ids of the diagrams of an Archi file, as found in its bytes (a guess, checked
    against those parsed: a view may refer to one further on)."""
    out = set()
    for m in _DIAGRAM_TYPE.finditer(data):
        head = data[data.rfind(b"<", 0, m.start()):m.end()]
        tail = data[m.end():data.find(b">", m.end())]
        found = _OWN_ID.search(head) or _OWN_ID.search(tail)
        if head.startswith(b"<element") and found:
            value = (found.group(1) or found.group(2)).decode("utf-8", "replace")
            out.add(html.unescape(value) if "&" in value else value)
    return out


_DIAGRAM_TYPE = re.compile(rb""":ArchimateDiagramModel["']""")
_OWN_ID = re.compile(rb"""(?<![\w:.\-])id\s*=\s*(?:"([^"<]*)"|'([^'<]*)')""")


def _ascii_text(data: bytes) -> bool:
    """Whether the XML ``data`` writes ASCII characters as ASCII bytes (UTF-8, Latin-1 ...)."""
    if b"\x00" in data[:4] or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    declared = _XML_ENCODING.match(data, 3 if data.startswith(b"\xef\xbb\xbf") else 0)
    return declared is None or declared.group(1).decode("ascii").lower() in _ASCII_ENCODINGS


#: concepts read between two drops of the parsed tree
_STEP = 1024
#: the model's languages as eaframe writes them (a property of the model, after its folders)
_LANGUAGES = re.compile(rb'<property key="eaframe:languages" value="([^"]*)"/>')


def _local(el: Any) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _raw(el: Any) -> str:
    """``el`` as XML text, verbatim (without what follows it), without the declarations of the
    ``xsi`` and ``archimate`` prefixes that lxml copies from the model element (the written
    file declares them there once)."""
    text = etree.tostring(el, encoding="unicode", with_tail=False)
    head = text[:text.find(">")]
    return _ROOT_NS.sub("", text, count=2) if " xmlns:" in head and _ROOT_NS.search(head) else text


_ROOT_NS = re.compile(f' xmlns:(?:xsi="{re.escape(XSI)}"|archimate="{re.escape(ARCHI_NS)}")')


def _int(el: Any, attr: str, default: int, reader: _Reader) -> int:
    raw = el.get(attr)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise reader._fail(Msg("attribute {attr}={raw!r} of <{tag}> is not an integer", attr=attr, raw=raw,
                               tag=_local(el)), el) from None


def _color(raw: str) -> Optional[dict]:
    m = _COLOR.match(raw)
    return None if m is None else {"r": int(m.group(1), 16), "g": int(m.group(2), 16), "b": int(m.group(3), 16)}


def _color_out(c: Any) -> str:
    if isinstance(c, dict):
        return f"#{c['r']:02x}{c['g']:02x}{c['b']:02x}"
    return f"#{c.r:02x}{c.g:02x}{c.b:02x}"


_FONT_SIZE = re.compile(r"[1-9][0-9]*(\.0|\.5)?\Z")


def _font(raw: str) -> Optional[dict]:
    """An SWT font description (``1|Segoe UI|9.0|1|WINDOWS|...``) as Font fields, if it parses."""
    parts = raw.split("|")
    if len(parts) < 4 or not parts[1] or not _FONT_SIZE.match(parts[2]) or not parts[3].isdigit():
        return None
    bits = int(parts[3])
    style = " ".join(s for s, b in (("bold", 1), ("italic", 2)) if bits & b) or "plain"
    if bits > 3:
        return None
    return {"name": parts[1], "size": parts[2], "style": style}


def _font_out(f: Any) -> Optional[str]:
    if f is None:
        return None
    if isinstance(f, dict):
        name, size, style = f.get("name"), f.get("size"), f.get("style")
    else:
        name, size, style = f.name, f.size, f.style
    if not name or not size:
        return None
    words = (style or "plain").split()
    bits = (1 if "bold" in words else 0) | (2 if "italic" in words else 0)
    return f"1|{name}|{size}|{bits}|"


def _centre(boxes: dict, ref: str) -> tuple[int, int]:
    box = boxes.get(ref)
    if box is None:  # a connection: Archi measures from its midpoint, unknown here
        return (0, 0)
    x, y, w, h = box
    return (x + w // 2, y + h // 2)


def _absolute(bps: list, sc: tuple[int, int], tc: tuple[int, int]) -> list[tuple[int, int]]:
    """Archi's relative bendpoints as absolute points: the i-th of n is weighted (i+1)/(n+1)
    between its offset from the source centre and its offset from the target centre."""
    n = len(bps)
    out = []
    for i, (sx, sy, ex, ey) in enumerate(bps):
        w = (i + 1) / (n + 1)
        out.append((round((sc[0] + sx) * (1 - w) + (tc[0] + ex) * w), round((sc[1] + sy) * (1 - w) + (tc[1] + ey) * w)))
    return out


def _relative(points: list, sc: tuple[int, int], tc: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    return [(x - sc[0], y - sc[1], x - tc[0], y - tc[1]) for x, y in points]


def _element_refs(nodes: list[dict]) -> list[str]:
    out = []
    stack = list(reversed(nodes))
    while stack:
        n = stack.pop()
        if "element" in n:
            out.append(n["element"])
        stack.extend(reversed(n.get("nodes", ())))
    return out


def _shift(vid: str, nodes: list[dict], connections: list[dict], attrs: dict) -> None:
    """Move a diagram with negative coordinates (Archi allows them, eaframe not) into the
    positive quarter; the offset is kept and undone on writing."""
    xs, ys = [], []
    stack = list(nodes)
    while stack:
        n = stack.pop()
        xs.append(n["x"])
        ys.append(n["y"])
        stack.extend(n.get("nodes", ()))
    for c in connections:
        for p in c.get("bendpoints", ()):
            xs.append(p["x"])
            ys.append(p["y"])
    dx, dy = -min(0, min(xs, default=0)), -min(0, min(ys, default=0))
    if not dx and not dy:
        return
    attrs.setdefault(vid, {})["eaframe:offset"] = f"{dx} {dy}"
    stack = list(nodes)
    while stack:
        n = stack.pop()
        n["x"] += dx
        n["y"] += dy
        stack.extend(n.get("nodes", ()))
    for c in connections:
        for p in c.get("bendpoints", ()):
            p["x"] += dx
            p["y"] += dy


# ============================================================================ writer
_NONES = repeat(None)
_TEXT_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


class _Writer:
    def __init__(self, model: ArchitectureModel, lang: Optional[str]):
        self.model = model
        md = model.metadata
        self.lang = lang or (md.languages[0] if md.languages else "en")
        native = model.native or NativeData()
        self.attrs = native.attributes
        self.children = native.children
        self.objects = native.objects
        self.orig = native.ids
        self.out: list[str] = []
        self.dangling_lines = 0  # Line connections without a source or target, which Archi cannot hold
        self.tagged_values = 0  # property values with a language, written without it
        self.eplan, self.rplan = element_plan(), relationship_plan()
        self.elements = _by_id(model.elements)
        self.relationships = _by_id(model.relationships)
        self.views = _by_id(model.views)
        # every id of the model (the keys of the maps above: no need to build model.index)
        self.taken = set(self.elements).union(self.relationships, self.views, self.objects)
        self.keys: dict[str, str] = {}  # property keys as written (escaped)
        self.classes: dict[type, tuple] = {}  # concept class -> what _class_of says of it
        self.lines: dict[tuple, str] = {}  # (indent, key, type, value) -> a typed field's line (_typed_lines)
        # The text of a name as s() gives it, read directly: in the language written, else
        # (Text.get's fallback order) in the other of vi and en, else untagged; s() for the rest.
        self.pick: Optional[Any] = None
        if self.lang in ("vi", "en"):
            self.pick = operator.attrgetter(self.lang, "en" if self.lang == "vi" else "vi", "untagged")
        for v in model.views:
            if v.diagram is not None:
                self.taken.update(v.diagram.ids())

    def s(self, text: Any) -> str:
        if text is None:
            return ""
        return text.get(self.lang, fallback=True) or ""

    def _name(self, text: Text) -> str:
        """:meth:`s` of a concept's name, in one call for a name in vi, en or untagged."""
        if self.pick is not None:
            first, second, untagged = self.pick(text)
            got = first or second or untagged
            if got:
                return got
        return self.s(text)

    def oid(self, i: str) -> str:
        return self.orig.get(i, i)

    def extra(self, key: str, skip: Any = (), drawn: bool = False) -> str:
        """The kept attributes of object ``key`` but ``skip`` (and, for a node or connection
        (``drawn``), those the writer derives: style, bounds, bendpoints, type)."""
        got = self.attrs.get(key)
        if not got:
            return ""
        return "".join(f' {_qname(k)}="{_a(v, key, k)}"' for k, v in got.items()
                       if k not in skip and not k.startswith("eaframe:")
                       and not (drawn and (k.startswith("bounds.") or k in _STYLE_ATTRS or k in ("bendpoints", _XSI_TYPE))))

    def raw_children(self, key: str, ind: str) -> None:
        for frag in self.children.get(key, ()):
            self.out.append(f"{ind}{frag}\n")

    def write(self) -> str:
        m = self.model
        md = m.metadata
        o = self.out
        o.append('<?xml version="1.0" encoding="UTF-8"?>\n')
        mkey = md.identifier or ""
        mid = f' id="{_a(self.oid(md.identifier), "metadata", "identifier")}"' if md.identifier else \
            f' id="{self._new_id("id-model")}"'
        o.append(f'<archimate:model xmlns:xsi="{XSI}" xmlns:archimate="{ARCHI_NS}" '
                 f'name="{_a(self.s(md.title), "metadata", "title")}"{mid} version="{ARCHI_VERSION}"'
                 f'{self.extra(mkey, ("name", "id", "version"))}>\n')
        folders = list(m.folders) if m.folders else self._default_folders()
        placed: set[str] = set()
        for f in folders:
            _collect(f, placed)
        left = [i for i in [*self.elements, *self.relationships, *self.views, *self.objects] if i not in placed]
        if left:
            folders = self._file_left(folders, left)
        for f in folders:
            self._folder(f, "  ")
        if md.documentation is not None:
            o.append(f"  <purpose>{_t(self.s(md.documentation), 'metadata', 'documentation')}</purpose>\n")
        self._typed(encode_metadata(md), "  ", "metadata")
        self._props(md.properties, "  ", "metadata")
        self.raw_children(mkey, "  ")
        o.append("</archimate:model>\n")
        return "".join(o)

    def _new_id(self, base: str) -> str:
        got, n = base, 2
        while got in self.taken:
            got = f"{base}-{n}"
            n += 1
        self.taken.add(got)
        return got

    def _default_folders(self) -> list[Folder]:
        items: dict[str, list[str]] = {t: [] for t, _, _ in FOLDER_TYPES}
        for e in self.model.elements:
            items[_FOLDER_OF_LAYER[e.layer]].append(e.id)
        items["relations"] = [r.id for r in self.model.relationships]
        items["diagrams"] = [v.id for v in self.model.views]
        return [Folder(id=self._new_id(f"folder-{t}"), name=Text(en=name), type=t, items=tuple(items[t]))
                for t, name, _ in FOLDER_TYPES]

    def _file_left(self, folders: list[Folder], left: list[str]) -> list[Folder]:
        """File the concepts and views no folder holds into the top folder of their kind."""
        by_type: dict[str, list[str]] = {}
        for i in left:
            if i in self.elements:
                t = _FOLDER_OF_LAYER[self.elements[i].layer]
            elif i in self.relationships:
                t = "relations"
            elif i in self.views:
                t = "diagrams"
            else:
                t = "other" if "Relationship" not in self.objects[i][:200] else "relations"
                if "Model" in self.objects[i][:200]:
                    t = "diagrams"
            by_type.setdefault(t, []).append(i)
        out = list(folders)
        for t, ids in by_type.items():
            at = next((k for k, f in enumerate(out) if f.type == t), None)
            if at is None:
                name = next(n for ft, n, _ in FOLDER_TYPES if ft == t)
                out.append(Folder(id=self._new_id(f"folder-{t}"), name=Text(en=name), type=t, items=tuple(ids)))
            else:
                out[at] = out[at].model_copy(update={"items": out[at].items + tuple(ids)})
        return out

    def _typed(self, typed: list, ind: str, where: str) -> None:
        add = self.out.append
        keys = self.keys
        for key, value, _dtype in typed:
            if isinstance(value, str):  # the usual case: one value
                k = keys.get(key)
                if k is None:
                    k = keys[key] = _a(key, where, "property key")
                add(f'{ind}<property key="{k}" value="{_a(value, where, key)}"/>\n')
                continue
            for lang, text in value:
                k = f"{key}@{lang}" if lang else key
                add(f'{ind}<property key="{_a(k, where, "property key")}" value="{_a(text, where, key)}"/>\n')

    def _props(self, props: dict, ind: str, where: str) -> None:
        for key, value in props.items():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    text = item
                else:
                    text = next(iter(item.values()), "")
                    self.tagged_values += 1
                self.out.append(f'{ind}<property key="{_a(key, where, "property key")}" '
                                f'value="{_a(text, where, key)}"/>\n')

    def _doc(self, doc: Any, ind: str, where: str) -> None:
        if doc is not None:
            self.out.append(f"{ind}<documentation>{_t(self.s(doc), where, 'documentation')}</documentation>\n")

    def _folder(self, f: Folder, ind: str) -> None:
        o = self.out
        where = f"folder {f.id!r}"
        fid = f.id if f.id is not None else self._new_id("folder")
        typ = f' type="{_a(f.type, where, "type")}"' if f.type else ""
        head = f'{ind}<folder name="{_a(self.s(f.name), where, "name")}" id="{_a(self.oid(fid), where, "id")}"{typ}' \
               f'{self.extra(fid, ("name", "id", "type"))}'
        body_start = len(o)
        ind2 = ind + "  "
        for sub in f.folders:
            self._folder(sub, ind2)
        elements, relationships, views, objects = self.elements, self.relationships, self.views, self.objects
        element, relationship = self._element, self._relationship
        # a relationship without a name, typed fields, documentation, properties or kept
        # attributes or children (most of them) is one line, written here
        plain = not self.attrs and not self.orig
        classes, children, add = self.classes, self.children, o.append
        for i in f.items:
            c = elements.get(i)
            if c is not None:
                element(c, ind2)
                continue
            c = relationships.get(i)
            if c is not None:
                if plain:
                    d = c.__dict__
                    info = classes.get(type(c))
                    if info is not None and info[1] is None and info[3](d) == info[5] and not d["name"] \
                            and d["documentation"] is None and not d["properties"] and i not in children:
                        add(f'{ind2}{info[0]} id="{i}" source="{d["source"]}" target="{d["target"]}"/>\n')
                        continue
                relationship(c, ind2)
            elif i in views:
                self._view(views[i], ind2)
            elif i in objects:
                o.append(f"{ind2}{objects[i]}\n")
        self._doc(f.documentation, ind2, where)
        self._props(f.properties, ind2, where)
        self.raw_children(fid, ind2)
        if len(o) == body_start:
            o.append(head + "/>\n")
        else:
            o.insert(body_start, head + ">\n")
            o.append(f"{ind}</folder>\n")

    def _close(self, head: str, key: str, doc: Any, props: dict, ind: str, where: str, typed: Any,
               obj: Any = None, plan: Any = None) -> None:
        """The body of an element or relationship: documentation, typed fields (the lines made
        by :meth:`_typed_lines`, or ``None``: encoded from ``obj`` by ``plan``), properties and
        the children kept verbatim."""
        o = self.out
        ind2 = ind + "  "
        o.append(head + ">\n")
        if doc is not None:
            self._doc(doc, ind2, where)
        if typed is None:
            self._typed(encode_fields(obj, plan), ind2, where)
        elif typed:
            o.append(typed)
        if props:
            self._props(props, ind2, where)
        if key in self.children:
            self.raw_children(key, ind2)
        o.append(f"{ind}</element>\n")

    def _ref(self, i: str, where: str) -> str:
        """An id as written: a model's ids are NCNames, which need no escaping, unless renamed
        from an Archi id (written back as it was)."""
        orig = self.orig.get(i) if self.orig else None
        return i if orig is None else _a(orig, where, "id")

    def _class_of(self, cls: type, plan: Any, t: str) -> tuple:
        """What the writer needs of a concept class (of eaframe type ``t``), made once: the
        start of its ``<element>`` with its ``xsi:type``; the attributes of its own (a
        junction's ``type``; ``None`` for a relationship type that has none) and the kept
        attributes they replace; the codec's compiled getter of the plan's fields, their
        entries and their values when unset."""
        extra: Optional[str] = ""
        skip: tuple[str, ...] = ()
        if t in ("AndJunction", "OrJunction"):
            extra, skip = (' type="or"' if t == "OrJunction" else ""), ("type",)
            t = "Junction"
        elif plan is self.rplan:
            extra = "" if t in ("Access", "Influence", "Association") else None  # None: the one-line case of _folder
            t += "Relationship"
        getter, entries, absent, _ = _compiled(plan, cls)
        got = self.classes[cls] = (f'<element xsi:type="archimate:{t}"', extra, skip, getter, entries, absent)
        return got

    def _typed_lines(self, entries: tuple, values: tuple, ind: str, what: str, cid: str) -> Optional[str]:
        """The ``<property>`` lines of the typed fields ``values`` (what :func:`encode_fields`
        and :meth:`_typed` make of them), or ``None`` when one is not a scalar or an id list
        (then those two make them). A line made once is remembered (most values repeat)."""
        made = self.lines
        lines = []
        for entry, v in compress(zip(entries, values, strict=True), map(operator.is_not, values, _NONES)):
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
                k = self.keys.get(key)
                if k is None:
                    k = self.keys[key] = _a(key, f"{what} {cid!r}", "property key")
                if _ATTR_SPECIAL.search(text) is not None:
                    text = _a(text, f"{what} {cid!r}", key)
                line = made[seen] = f'{ind}<property key="{k}" value="{text}"/>\n'
            lines.append(line)
        return "".join(lines)

    def _element(self, e: Any, ind: str) -> None:
        d = e.__dict__
        eid = d["id"]
        cls = type(e)
        info = self.classes.get(cls)
        if info is None:
            info = self._class_of(cls, self.eplan, d["type"])
        tag, extra, skip, getter, entries, absent = info
        text = d["name"]
        name = self._name(text)
        if _ATTR_SPECIAL.search(name) is not None:  # else nothing to escape (most names)
            name = _a(name, f"element {eid!r}", "name")
        if self.attrs:
            extra += self.extra(eid, skip)
        ref = eid if not self.orig else self._ref(eid, f"element {eid!r}")
        head = f'{ind}{tag} name="{name}" id="{ref}"{extra}'
        values = getter(d)
        typed = "" if values == absent else self._typed_lines(entries, values, ind + "  ", "element", eid)
        doc, props = d["documentation"], d["properties"]
        if doc is None and not props and eid not in self.children:
            if not typed and typed is not None:
                self.out.append(head + "/>\n")
                return
            if typed:
                self.out.append(f"{head}>\n{typed}{ind}</element>\n")
                return
        self._close(head, eid, doc, props, ind, f"element {eid!r}", typed, e, self.eplan)

    def _relationship(self, r: Any, ind: str) -> None:
        d = r.__dict__
        rid = d["id"]
        cls = type(r)
        info = self.classes.get(cls)
        if info is None:
            info = self._class_of(cls, self.rplan, d["type"])
        tag, extra, skip, getter, entries, absent = info
        extra = extra or ""
        name = ""
        text = d["name"]
        if text:
            name = self._name(text)
            if _ATTR_SPECIAL.search(name) is not None:
                name = _a(name, f"relationship {rid!r}", "name")
            name = f' name="{name}"'
        t = d["type"]
        if t == "Access":
            if r.access_type is not None and r.access_type.value in _ACCESS_OUT:
                extra = f' accessType="{_ACCESS_OUT[r.access_type.value]}"'
                skip = ("accessType",)
        elif t == "Influence":
            if r.modifier is not None:
                extra = f' strength="{_a(r.modifier, f"relationship {rid!r}", "strength")}"'
                skip = ("strength",)
        elif t == "Association" and r.is_directed:
            extra = ' directed="true"'
            skip = ("directed",)
        if self.attrs:
            extra += self.extra(rid, skip)
        if self.orig:
            where = f"relationship {rid!r}"
            ids = f'id="{self._ref(rid, where)}" source="{self._ref(d["source"], where)}" ' \
                  f'target="{self._ref(d["target"], where)}"'
        else:  # a model's ids are NCNames: nothing to escape
            ids = f'id="{rid}" source="{d["source"]}" target="{d["target"]}"'
        head = f'{ind}{tag}{name} {ids}{extra}'
        values = getter(d)
        typed = "" if values == absent else self._typed_lines(entries, values, ind + "  ", "relationship", rid)
        doc, props = d["documentation"], d["properties"]
        if not typed and typed is not None and doc is None and not props and rid not in self.children:
            self.out.append(head + "/>\n")
        else:
            self._close(head, rid, doc, props, ind, f"relationship {rid!r}", typed, r, self.rplan)

    # ------------------------------------------------------------------ views
    def _view(self, v: View, ind: str) -> None:
        where = f"view {v.id!r}"
        vp = f' viewpoint="{_a(v.viewpoint, where, "viewpoint")}"' if v.viewpoint else ""
        o = self.out
        o.append(f'{ind}<element xsi:type="archimate:{_DIAGRAM}" name="{_a(self.s(v.name), where, "name")}" '
                 f'id="{_a(self.oid(v.id), where, "id")}"{vp}{self.extra(v.id)}>\n')
        ind2 = ind + "  "
        generated = v.diagram is None
        diagram = v.diagram if v.diagram is not None else self._layout(v)
        off = self.attrs.get(v.id, {}).get("eaframe:offset")
        self.dx, self.dy = (int(p) for p in off.split()) if off else (0, 0)
        self.by_source: dict[str, list[DiagramConnection]] = {}
        self.centres: dict[str, tuple[int, int]] = {}
        self.targets: dict[str, list[str]] = {}
        for n in diagram.walk():
            self.centres[n.id] = (n.x - self.dx + n.w // 2, n.y - self.dy + n.h // 2)
        connections = diagram.connections
        dangling = _dangling_lines(connections, where)
        if dangling:
            self.dangling_lines += len(dangling)
            connections = [c for c in connections if c.id not in dangling]
        for c in connections:
            if c.source is not None:
                self.by_source.setdefault(c.source, []).append(c)
            if c.target is not None:
                self.targets.setdefault(c.target, []).append(c.id)
        order = self._emission_order(diagram)
        if len(order) != len(connections):
            lost = next(c for c in connections if c not in order)
            raise ExchangeFormatError(Msg("{where}: connection {id!r} does not start at a node or connection of the "
                                          "diagram; Archi keeps every connection under its source: give it one",
                                          where=where, id=lost.id))
        self._doc(v.documentation, ind2, where)
        marks: list[tuple[str, Any, str]] = []
        if generated:
            # Archi files list connections under their sources: the order they are read back in
            fingerprint = diagram_fingerprint(Diagram(nodes=diagram.nodes, connections=order))
            marks.append((_GENERATED, "generated " + fingerprint, "string"))
        if v.elements != diagram.element_refs():
            marks.append((_VIEW_ELEMENTS, " ".join(v.elements), "string"))
        if v.relationships is None:
            if not generated:
                marks.append((_VIEW_RELATIONSHIPS, "*", "string"))
        elif generated or v.relationships != diagram.relationship_refs():
            marks.append((_VIEW_RELATIONSHIPS, " ".join(v.relationships), "string"))
        if v.layout.direction != "TB":
            marks.append(("eaframe:layout.direction", v.layout.direction, "string"))
        if v.layout.cluster_by != "layer":
            marks.append(("eaframe:layout.cluster_by", v.layout.cluster_by, "string"))
        self._typed(marks, ind2, where)
        self._props(v.properties, ind2, where)
        for n in diagram.nodes:
            self._node(n, 0, 0, ind2, where)
        self.raw_children(v.id, ind2)
        o.append(f"{ind}</element>\n")

    def _emission_order(self, diagram: Diagram) -> list[DiagramConnection]:
        """The connections in the order :meth:`_node` writes them (and the reader reads them)."""
        out: list[DiagramConnection] = []

        def conns(source: str) -> None:
            for c in self.by_source.get(source, ()):
                out.append(c)
                conns(c.id)

        def node(n: DiagramNode) -> None:
            conns(n.id)
            for child in n.nodes:
                node(child)

        for n in diagram.nodes:
            node(n)
        return out

    def _layout(self, v: View) -> Diagram:
        from .layout import layout_view

        return layout_view(self.model, v, engine="grid", taken=self.taken, view_index=self.model.views.index(v))

    def _style_attrs(self, key: str, style: Optional[Style], where: str) -> str:
        kept = self.attrs.get(key, {})
        s = style or Style()
        font = s.font or Font()
        values = {"fillColor": (s.fill_color, _color_out, _color), "lineColor": (s.line_color, _color_out, _color),
                  "fontColor": (font.color, _color_out, _color)}
        out = []
        for attr in _STYLE_ATTRS:
            orig = kept.get(attr)
            if attr in values:
                value, enc, dec = values[attr]
                canon = enc(value) if value is not None else None
                if orig is not None and _same_color(dec(orig), value):
                    canon = orig
            elif attr == "font":
                mapped = {"name": font.name, "size": font.size, "style": font.style} if s.font and font.name else None
                canon = _font_out(s.font) if mapped else None
                if orig is not None and _font(orig) == mapped:
                    canon = orig
            else:
                canon = str(s.line_width) if s.line_width is not None else None
                if orig is not None and ((orig.isdigit() and int(orig) == s.line_width)
                                         or (not orig.isdigit() and s.line_width is None)):
                    canon = orig
            if canon is not None:
                out.append(f' {attr}="{_a(canon, where, attr)}"')
        return "".join(out)

    def _node(self, n: DiagramNode, px: int, py: int, ind: str, view: str) -> None:
        where = f"{view}: node {n.id!r}"
        kept = self.attrs.get(n.id, {})
        xtype = kept.get(_XSI_TYPE)
        if xtype is None:
            xtype = "archimate:" + ("DiagramModelReference" if n.kind == "Label" and n.view_refs else _NODE_TYPE[n.kind])
        attrs = f'{ind}<child xsi:type="{_a(xtype, where, "xsi:type")}" id="{_a(self.oid(n.id), where, "id")}"'
        if n.kind == "Element" and n.element is not None:
            attrs += f' archimateElement="{_a(self.oid(n.element), where, "archimateElement")}"'
        if n.kind == "Container" and n.label is not None:
            attrs += f' name="{_a(self.s(n.label), where, "name")}"'
        if n.kind == "Label" and n.view_refs:
            attrs += f' model="{_a(self.oid(n.view_refs[0]), where, "model")}"'
        targets = self.targets.get(n.id)
        if targets:
            attrs += f' targetConnections="{_a(" ".join(self.oid(t) for t in targets), where, "targetConnections")}"'
        attrs += self._style_attrs(n.id, n.style, where) + self.extra(n.id, ("model",) if n.view_refs else (), True)
        o = self.out
        o.append(attrs + ">\n")
        ind2 = ind + "  "
        ax, ay = n.x - self.dx, n.y - self.dy
        w, h = n.w, n.h
        size = kept.get("bounds.size")
        if size is not None:
            ow, oh = (int(p) for p in size.split())
            dw, dh = _DEFAULT_SIZE.get(xtype.rsplit(":", 1)[-1], (120, 55))
            w = ow if ow <= 0 and w == dw else w
            h = oh if oh <= 0 and h == dh else h
        bextra = "".join(f' {k[7:]}="{_a(v, where, k)}"' for k, v in kept.items()
                         if k.startswith("bounds.") and k != "bounds.size")
        o.append(f'{ind2}<bounds x="{ax - px}" y="{ay - py}" width="{w}" height="{h}"{bextra}/>\n')
        self._doc(n.documentation, ind2, where)
        if n.kind == "Label" and not n.view_refs and n.label is not None:
            o.append(f"{ind2}<content>{_t(self.s(n.label), where, 'label')}</content>\n")
        for c in self.by_source.get(n.id, ()):
            self._connection(c, ind2, view)
        for child in n.nodes:
            self._node(child, ax, ay, ind2, view)
        self.raw_children(n.id, ind2)
        o.append(f"{ind}</child>\n")

    def _connection(self, c: DiagramConnection, ind: str, view: str) -> None:
        where = f"{view}: connection {c.id!r}"
        kept = self.attrs.get(c.id, {})
        xtype = kept.get(_XSI_TYPE, _LINE_CONNECTION if c.kind == "Line" else _ARCHIMATE_CONNECTION)
        attrs = f'{ind}<sourceConnection xsi:type="{_a(xtype, where, "xsi:type")}" id="{_a(self.oid(c.id), where, "id")}"'
        if c.kind == "Line" and c.label is not None:
            attrs += f' name="{_a(self.s(c.label), where, "name")}"'
        if c.source is not None:
            attrs += f' source="{_a(self.oid(c.source), where, "source")}"'
        if c.target is not None:
            attrs += f' target="{_a(self.oid(c.target), where, "target")}"'
        if c.relationship is not None:
            attrs += f' archimateRelationship="{_a(self.oid(c.relationship), where, "archimateRelationship")}"'
        targets = self.targets.get(c.id)
        if targets:
            attrs += f' targetConnections="{_a(" ".join(self.oid(t) for t in targets), where, "targetConnections")}"'
        attrs += self._style_attrs(c.id, c.style, where) + self.extra(c.id, (), True)
        nested = self.by_source.get(c.id, ())
        bps = self._bendpoints(c, kept)
        if not bps and c.documentation is None and not nested and c.id not in self.children:
            self.out.append(attrs + "/>\n")
            return
        o = self.out
        o.append(attrs + ">\n")
        ind2 = ind + "  "
        for sx, sy, ex, ey in bps:
            o.append(f'{ind2}<bendpoint startX="{sx}" startY="{sy}" endX="{ex}" endY="{ey}"/>\n')
        self._doc(c.documentation, ind2, where)
        for sub in nested:
            self._connection(sub, ind2, view)
        self.raw_children(c.id, ind2)
        o.append(f"{ind}</sourceConnection>\n")

    def _bendpoints(self, c: DiagramConnection, kept: dict) -> list[tuple[int, int, int, int]]:
        if not c.bendpoints:
            return []
        sc = self.centres.get(c.source or "", (0, 0))
        tc = self.centres.get(c.target or "", (0, 0))
        points = [(p.x - self.dx, p.y - self.dy) for p in c.bendpoints]
        raw = kept.get("bendpoints")
        if raw:
            orig = [tuple(int(v) for v in b.split(",")) for b in raw.split()]
            if len(orig) == len(points) and _absolute(orig, sc, tc) == points:
                return orig  # type: ignore[return-value]
        return _relative(points, sc, tc)


def _by_id(concepts: Any) -> dict[str, Any]:
    """``{c.id: c for c in concepts}``, at C speed."""
    return dict(zip(map(_ID, concepts), concepts, strict=True))


_ID = operator.attrgetter("id")
_NAME, _DOC = operator.attrgetter("name"), operator.attrgetter("documentation")
_THREE, _OTHER, _UNTAGGED = operator.attrgetter("vi", "en", "untagged"), operator.attrgetter("other"), \
    operator.attrgetter("untagged")


def _what_archi_cannot_hold(model: ArchitectureModel, tagged_values: int) -> str:
    """What of ``model`` an ``.archimate`` file cannot hold, counted: texts in more than one
    language and the language tags of texts (Archi's text has one language and no tag; the
    texts are looked at only when the model names a language), ``tagged_values`` property
    values with a language (counted by the writer), and property data types (every Archi
    property is text); ``""`` when nothing."""
    md = model.metadata
    texts = tagged = 0
    if md.languages:
        every: list[Optional[Text]] = [md.title, md.documentation]
        for seq in (model.elements, model.relationships, model.views):
            every.extend(map(_NAME, seq))
            every.extend(map(_DOC, seq))
        for v in model.views:
            if v.diagram is not None:
                for n in v.diagram.walk():
                    every.append(n.label)
                    every.append(n.documentation)
                for conn in v.diagram.connections:
                    every.append(conn.label)
                    every.append(conn.documentation)
        stack = list(model.folders)
        while stack:
            f = stack.pop()
            every.append(f.name)
            every.append(f.documentation)
            stack.extend(f.folders)
        # the reader gives every text the model's language when the file names exactly one (the
        # writer's eaframe:languages, written unless the list is [vi, en]), else none
        back = md.languages[0] if len(md.languages) == 1 else None
        # counted at C speed: a text's languages are those of vi, en, untagged that are set,
        # and its other ones
        given: list[Text] = list(compress(every, map(operator.is_not, every, _NONES)))  # type: ignore[arg-type]
        unset = map(tuple.count, map(_THREE, given), repeat(None))
        langs = list(map(operator.sub, map(operator.add, map(len, map(_OTHER, given)), repeat(3)), unset))
        texts = sum(map((1).__lt__, langs))
        one = list(compress(given, map((1).__eq__, langs)))
        # of the texts in one language, those not in ``back``
        if back is None:
            tagged = sum(map(operator.is_, map(_UNTAGGED, one), _NONES))
        elif back in ("vi", "en"):
            tagged = len(one) - sum(map(operator.is_not, map(operator.attrgetter(back), one), _NONES))
        else:
            tagged = len(one) - sum(map(operator.contains, map(_OTHER, one), repeat(back)))
    parts = []
    if texts:
        parts.append(Msg("{n} text(s) in more than one language", n=texts))
    if tagged:
        parts.append(Msg("the language of {n} text(s) (read back in {lang})", n=tagged, lang=back) if back else
                     Msg("the language of {n} text(s) (read back without one)", n=tagged))
    if tagged_values:
        parts.append(Msg("the language of {n} property value(s) (each written as its first text)", n=tagged_values))
    if md.property_types:
        parts.append(Msg("the data types of {n} property key(s) ({types})", n=len(md.property_types),
                         types=", ".join(sorted(set(md.property_types.values())))))
    return Join(parts, ", ")


def _dangling_lines(connections: list[DiagramConnection], where: str) -> set[str]:
    """Ids of the Line connections of a diagram that Archi cannot hold: those without a source
    or a target (the exchange format allows them, every Archi connection joins two objects),
    and the lines that end at one of those. A relationship's connection that ends at one is an
    error (Archi cannot draw it either, and it cannot be left out)."""
    gone = {c.id for c in connections if c.kind == "Line" and (c.source is None or c.target is None)}
    more = gone
    while more:
        more = {c.id for c in connections if c.id not in gone and c.kind == "Line"
                and (c.source in gone or c.target in gone)}
        gone |= more
    for c in connections:
        if c.id not in gone and (c.source in gone or c.target in gone):
            end = c.source if c.source in gone else c.target
            raise ExchangeFormatError(Msg("{where}: connection {id!r} ends at the line {end!r}, which has no source or "
                                          "target: Archi's connections join two objects; give that line both ends",
                                          where=where, id=c.id, end=end))
    return gone


def _same_color(decoded: Optional[dict], value: Optional[Color]) -> bool:
    if decoded is None or value is None:
        return decoded is None and value is None
    return (decoded["r"], decoded["g"], decoded["b"]) == (value.r, value.g, value.b) and value.a is None


def _qname(name: str) -> str:
    """An attribute name as written: Clark notation back to a prefix."""
    if name.startswith("{"):
        ns, local = name[1:].split("}", 1)
        prefix = {XSI: "xsi", ARCHI_NS: "archimate", "http://www.w3.org/XML/1998/namespace": "xml"}.get(ns)
        if prefix is None:
            raise ExchangeFormatError(Msg("attribute {name!r} in namespace {ns} cannot be written to .archimate",
                                          name=name, ns=ns))
        return f"{prefix}:{local}"
    return name


def _collect(f: Folder, into: set[str]) -> None:
    into.update(f.items)
    for sub in f.folders:
        _collect(sub, into)


def _check_images(images: dict[str, str]) -> dict[str, bytes]:
    out = {}
    for name, b64 in images.items():
        if (name == "model.xml" or name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or "\\" in name
                or any(part in ("..", "") for part in name.split("/"))):
            raise ExchangeFormatError(Msg("native.images: {name!r} is not a name inside the archive (absolute path, "
                                          "'..' or model.xml); rename it", name=name))
        try:
            out[name] = base64.b64decode(b64, validate=True)
        except binascii.Error as err:
            raise ExchangeFormatError(Msg("native.images: {name!r} is not valid base64 ({detail})", name=name,
                                          detail=str(err))) from None
    return out


# ============================================================================ API
def read_archi(source: Union[str, os.PathLike, IO[bytes]], *, strict: Optional[bool] = None,
               default_lang: Optional[str] = None, max_bytes: Optional[int] = DEFAULT_MAX_BYTES,
               max_image_bytes: int = DEFAULT_MAX_IMAGE_BYTES) -> ArchitectureModel:
    """Read an Archi ``.archimate`` file (plain XML or a ZIP archive, told by content) into a model.

    Parameters
    ----------
    source
        A path or a binary file object.
    strict
        True refuses relationships ArchiMate 3.2 does not allow; ``None`` or false keeps
        them as warnings (older models, models written under ArchiMate 3.1).
    default_lang
        A language to tag Archi's names and documentation with (they have none in the
        file); by default they stay untagged (``Text.untagged``).
    max_bytes, max_image_bytes
        Refuse a file, or the ``model.xml`` of an archive, over ``max_bytes``, and an
        image over ``max_image_bytes`` (all images together: eight times that).

    Raises
    ------
    ExchangeFormatError
        The file is truncated, corrupt, unsafe (DTD, entities, a ZIP bomb, an image name
        that leaves the archive), too large, not an Archi model, or its content is not
        a valid model; the message names the file (and archive member) and the line.
    """
    return _Reader(bool(strict), default_lang, max_bytes, max_image_bytes).read(source)


def reads_archi(data: bytes, *, strict: Optional[bool] = None, default_lang: Optional[str] = None,
                max_bytes: Optional[int] = DEFAULT_MAX_BYTES,
                max_image_bytes: int = DEFAULT_MAX_IMAGE_BYTES) -> ArchitectureModel:
    """Read a model from the bytes of an ``.archimate`` file; see :func:`read_archi`."""
    return _Reader(bool(strict), default_lang, max_bytes, max_image_bytes).read(bytes(data))


def dumps_archi(model: ArchitectureModel, *, lang: Optional[str] = None) -> bytes:
    """The ``.archimate`` file of ``model``: a ZIP archive (``model.xml`` and ``images/``)
    when the model has images (:attr:`NativeData.images <eaframe.model.NativeData.images>`),
    else plain XML. Same model → same bytes.

    ``lang``: the language of the names written (Archi's text has none); by default the
    first of the model's languages, another where a text lacks it.

    Raises
    ------
    ExchangeFormatError
        A text holds a character XML cannot, or an image name leaves the archive.
    """
    images = _check_images(model.native.images) if model.native is not None else {}
    writer = _Writer(model, lang)
    with no_gc():
        xml = writer.write().encode("utf-8")
    lost = _what_archi_cannot_hold(model, writer.tagged_values)
    if lost:
        warnings.warn(Msg("Archi's format cannot hold {lost}: texts are written in language {lang!r} (else "
                          "their first), property values as text", lost=lost, lang=writer.lang),
                      EaframeWarning, stacklevel=2)
    if writer.dangling_lines:
        warnings.warn(Msg("{n} line connection(s) without a source or a target (the exchange format "
                          "allows them) were not written: every connection of an Archi diagram joins two objects",
                          n=writer.dangling_lines), EaframeWarning, stacklevel=2)
    if not images:
        return xml
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in (("model.xml", xml), *images.items()):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, content)
    return buf.getvalue()


def write_archi(model: ArchitectureModel, target: Union[str, os.PathLike, IO[bytes]], *,
                lang: Optional[str] = None) -> None:
    """Write ``model`` as an ``.archimate`` file to a path (atomically: a failure leaves no
    half-written file) or a binary file object; see :func:`dumps_archi`."""
    data = dumps_archi(model, lang=lang)
    with output_stream(target) as fh:
        fh.write(data)
