"""Validation of exchange files against the official XSDs, offline.

eaframe does not ship The Open Group's schemas; users point to their own copy (the
folder with ``archimate3_Diagram.xsd``, ``archimate3_View.xsd``,
``archimate3_Model.xsd``, ``xml.xsd`` and optionally ``dc.xsd``, as Archi ships them).
The Model schema imports ``http://www.w3.org/2001/xml.xsd`` by absolute URL; that
import is resolved to the ``xml.xsd`` in the same folder — the network is never used.
When ``dc.xsd`` is present, Dublin Core ``<metadata>`` validates as Archi accepts it.

Examples
--------
>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> try:
...     load_exchange_schema(d)
... except ExchangeFormatError as err:
...     print(str(err).split(";")[0])
... # doctest: +ELLIPSIS
/...: no archimate3_Diagram.xsd here
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import IO, Union

from lxml import etree

from ..exceptions import ExchangeFormatError, Problem
from ..i18n import msg

__all__ = ["load_exchange_schema", "validate_exchange", "XML_XSD_URLS"]

#: Locations under which schemas import the W3C ``xml:`` namespace schema.
XML_XSD_URLS = ("http://www.w3.org/2001/xml.xsd", "http://www.w3.org/2001/03/xml.xsd",
                "https://www.w3.org/2001/xml.xsd", "https://www.w3.org/2001/03/xml.xsd")
_DIAGRAM = "archimate3_Diagram.xsd"


class _LocalResolver(etree.Resolver):
    """Maps the xml.xsd (and dc.xsd) URLs to files of the user's folder; refuses other URLs."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder

    def resolve(self, url, pubid, context):  # noqa: D102 - lxml API
        name = None
        if url in XML_XSD_URLS or url.endswith("/xml.xsd"):
            name = "xml.xsd"
        elif url.endswith("/dc.xsd"):
            name = "dc.xsd"
        if name is not None and (self.folder / name).is_file():
            return self.resolve_filename(str(self.folder / name), context)
        if url.startswith(("http:", "https:", "ftp:")):
            return self.resolve_string("<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'/>", context)
        return None


def _schema_parser(folder: Path) -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_LocalResolver(folder))
    return parser


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> etree.XMLSchema:
    p = Path(path)
    try:
        if p.is_dir():
            diagram = p / _DIAGRAM
            if not diagram.is_file():
                found = ", ".join(sorted(x.name for x in p.glob("*.xsd"))) or msg("no .xsd files")
                raise ExchangeFormatError(msg("no {schema} here; found {found}. Point --xsd to the folder with The "
                                              "Open Group's exchange-format schemas (Archi ships them)",
                                              schema=_DIAGRAM, found=found), file=str(p))
            if not (p / "xml.xsd").is_file():
                raise ExchangeFormatError(msg("no xml.xsd here; put the W3C xml.xsd beside the ArchiMate schemas so "
                                              "the xml:lang import resolves without the network"), file=str(p))
            imports = [("http://www.w3.org/XML/1998/namespace", p / "xml.xsd")]
            if (p / "dc.xsd").is_file():
                imports.append(("http://purl.org/dc/elements/1.1/", p / "dc.xsd"))
            lines = ['<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                     'targetNamespace="http://www.opengroup.org/xsd/archimate/3.0/" elementFormDefault="qualified">']
            for ns, f in imports:
                lines.append(f'<xs:import namespace="{ns}" schemaLocation="{f.resolve().as_uri()}"/>')
            lines.append(f'<xs:include schemaLocation="{diagram.resolve().as_uri()}"/>')
            lines.append("</xs:schema>")
            doc = etree.fromstring("\n".join(lines).encode(), _schema_parser(p),
                                   base_url=(p.resolve() / "eaframe-wrapper.xsd").as_uri())
            return etree.XMLSchema(doc.getroottree())
        doc = etree.parse(str(p), _schema_parser(p.parent))
        return etree.XMLSchema(doc)
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as err:
        raise ExchangeFormatError(msg("cannot load the exchange-format schema: {detail}", detail=str(err)),
                                  file=str(p)) from None
    except OSError as err:
        raise ExchangeFormatError(msg("cannot read the schema: {reason}", reason=str(err.strerror or err)),
                                  file=str(p)) from None


def load_exchange_schema(xsd: Union[str, os.PathLike]) -> etree.XMLSchema:
    """The exchange-format schema from a folder of official XSDs (or one schema file).

    Raises
    ------
    ExchangeFormatError
        The folder lacks the schemas, or they do not load.
    """
    p = Path(xsd)
    if not p.exists():
        raise ExchangeFormatError(msg("no such folder or schema file"), file=str(p))
    return _load(str(p.resolve()), p.stat().st_mtime)


def validate_exchange(source: Union[str, os.PathLike, bytes, IO[bytes]], xsd: Union[str, os.PathLike],
                      filename: str | None = None) -> list[Problem]:
    """Validate an exchange file against the XSDs in ``xsd``; every violation as a :class:`Problem`.

    The file is parsed safely (no DTDs, entities or network). An empty list means valid.

    Raises
    ------
    ExchangeFormatError
        The file is not well-formed XML, is unsafe, or the schemas cannot be loaded.
    """
    from .._files import file_name, is_open_file, read_open_file
    from .archimate import _refuse_doctype, safe_parser

    schema = load_exchange_schema(xsd)
    if isinstance(source, (bytes, bytearray)):
        data, fname = bytes(source), filename or "<bytes>"
    elif is_open_file(source):
        data, fname = read_open_file(source), filename or file_name(source)
    else:
        fname = filename or str(source)
        try:
            data = Path(source).read_bytes()
        except OSError as err:
            raise ExchangeFormatError(msg("cannot read: {reason}", reason=err.strerror), file=fname) from None
    _refuse_doctype(data, fname)
    try:
        doc = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as err:
        line, col = err.position if getattr(err, "position", None) else (err.lineno, None)
        raise ExchangeFormatError(msg("malformed XML: {detail}", detail=(err.msg or str(err)).strip()), file=fname,
                                  line=line, column=col) from None
    if schema.validate(doc):
        return []
    errors = schema.error_log  # an iterable _ListErrorLog; lxml-stubs declare _ErrorLog without __iter__
    return [Problem(e.message, file=fname, line=e.line, column=e.column) for e in errors]  # type: ignore[attr-defined]
