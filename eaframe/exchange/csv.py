"""Archi's three-file CSV format: ``elements.csv``, ``relations.csv``, ``properties.csv``.

Archi (File > Import > CSV Data Into Selected Model; File > Export > Model To CSV)
exchanges models with spreadsheets in three files with a common optional prefix.
:func:`write_archi_csv` writes them exactly as Archi does — every field in double
quotes, CRLF line ends, UTF-8, Archi class names (``BusinessActor``, ``Junction``,
``AssignmentRelationship``) — and :func:`read_archi_csv` reads them back (also files
written by Archi, with ``,`` ``;`` or tab delimiters and an optional BOM).

Mapping:

* the first ``elements.csv`` row is the model itself (type ``ArchimateModel``);
* the ``Name``/``Documentation`` columns hold one language (``lang``); the other
  languages travel as properties ``eaframe:name.<lang>`` / ``eaframe:documentation.<lang>``;
* typed fields as ``eaframe:*`` properties (as in the XML export); bilingual typed
  fields as ``eaframe:<field>@<lang>``;
* Archi's special property keys: ``Junction_Type`` (``And``/``Or``), ``Access_Type``
  (``Access``, ``Read``, ``Write``, ``ReadWrite``), ``Influence_Strength``, ``Directed``.

Views do not exist in Archi's CSV format and are not written.

Examples
--------
>>> import tempfile
>>> from eaframe.synthetic import synthetic_model
>>> from eaframe.modelfile import dumps
>>> m = synthetic_model(30, seed=2).model_copy(update={"views": []})
>>> folder = tempfile.mkdtemp()
>>> [p.name for p in write_archi_csv(m, folder)]
['elements.csv', 'relations.csv', 'properties.csv']
>>> dumps(read_archi_csv(folder)) == dumps(m)
True
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from typing import Optional, Union

from pydantic import ValidationError

from ..elements import ELEMENT_TYPES
from ..exceptions import ExchangeFormatError, ModelValidationError, Problem
from ..integrity import suggest
from ..model import ArchitectureModel
from ..modelfile import atomic_write_text, no_gc
from ..relationships import RELATIONSHIP_TYPES
from .codec import (
    PREFIX,
    decode_field,
    element_plan,
    encode_fields,
    metadata_plan,
    relationship_plan,
    text_data,
    text_pairs,
)

__all__ = ["write_archi_csv", "read_archi_csv", "ELEMENTS_HEADER", "RELATIONS_HEADER", "PROPERTIES_HEADER",
           "archi_class", "MODEL_TYPE"]

ELEMENTS_HEADER = ("ID", "Type", "Name", "Documentation", "Specialization")
RELATIONS_HEADER = ("ID", "Type", "Name", "Documentation", "Source", "Target", "Specialization")
PROPERTIES_HEADER = ("ID", "Key", "Value")
MODEL_TYPE = "ArchimateModel"
_ACCESS_OUT = {None: "Access", "access": "Access", "read": "Read", "write": "Write", "read_write": "ReadWrite"}
_ACCESS_IN = {"Access": "access", "Read": "read", "Write": "write", "ReadWrite": "read_write"}
_SPECIAL = ("Junction_Type", "Access_Type", "Influence_Strength", "Directed")


def archi_class(type_name: str) -> str:
    """Archi's class name of an eaframe type (``Assignment`` → ``AssignmentRelationship``).

    Examples
    --------
    >>> archi_class("Assignment"), archi_class("OrJunction"), archi_class("Node")
    ('AssignmentRelationship', 'Junction', 'Node')
    """
    if type_name in RELATIONSHIP_TYPES:
        return type_name + "Relationship"
    if type_name in ("AndJunction", "OrJunction"):
        return "Junction"
    return type_name


def _csv_text(rows: list[tuple]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerows(rows)
    return buf.getvalue()


def _texts(cid: str, field: str, text, lang: str, props: list) -> str:
    """The column value of ``text`` in ``lang``; other languages go to ``props``."""
    if text is None:
        return ""
    pairs = text_pairs(text) if text else []
    column = next((v for lg, v in pairs if lg == lang), None)
    col_lang = lang
    if column is None and pairs:
        col_lang, column = pairs[0]
        props.append((cid, f"{PREFIX}{field}.lang", col_lang))
    for lg, v in pairs:
        if lg != col_lang:
            props.append((cid, f"{PREFIX}{field}.{lg}", v))
    return column or ""


def _typed(cid: str, encoded: list, props: list) -> None:
    for key, value, _ in encoded:
        if isinstance(value, str):
            props.append((cid, key, value))
        else:
            for lg, v in value:
                props.append((cid, f"{key}@{lg}" if lg else key, v))


def write_archi_csv(model: ArchitectureModel, folder: Union[str, os.PathLike], prefix: str = "",
                    lang: str = "vi") -> list[Path]:
    """Write ``model`` as Archi CSV files ``<prefix>elements.csv`` etc. into ``folder``.

    Parameters
    ----------
    lang
        Language of the ``Name`` and ``Documentation`` columns (``vi`` or ``en``).

    Returns
    -------
    list of Path
        The three files written (each atomically).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with no_gc():
        props: list[tuple] = []
        taken = set(model.index)
        model_id = "eaframe-model"
        n = 2
        while model_id in taken:
            model_id = f"eaframe-model-{n}"
            n += 1
        md = model.metadata
        elements: list[tuple] = [ELEMENTS_HEADER]
        props.append((model_id, f"{PREFIX}lang", lang))
        elements.append((model_id, MODEL_TYPE, _texts(model_id, "name", md.title, lang, props),
                         _texts(model_id, "documentation", md.documentation, lang, props), ""))
        _typed(model_id, encode_fields(md, metadata_plan()), props)
        props.extend((model_id, k, v) for k, v in md.properties.items())
        eplan, rplan = element_plan(), relationship_plan()
        for e in model.elements:
            elements.append((e.id, archi_class(e.type), _texts(e.id, "name", e.name, lang, props),
                             _texts(e.id, "documentation", e.documentation, lang, props), ""))
            if e.type in ("AndJunction", "OrJunction"):
                props.append((e.id, "Junction_Type", "And" if e.type == "AndJunction" else "Or"))
            _typed(e.id, encode_fields(e, eplan), props)
            props.extend((e.id, k, v) for k, v in e.properties.items())
        relations: list[tuple] = [RELATIONS_HEADER]
        for r in model.relationships:
            relations.append((r.id, archi_class(r.type), _texts(r.id, "name", r.name, lang, props),
                              _texts(r.id, "documentation", r.documentation, lang, props), r.source, r.target, ""))
            if r.type == "Access":
                props.append((r.id, "Access_Type", _ACCESS_OUT[r.access_type.value if r.access_type else None]))
            elif r.type == "Influence" and r.modifier is not None:
                props.append((r.id, "Influence_Strength", r.modifier))
            elif r.type == "Association" and r.is_directed:
                props.append((r.id, "Directed", "true"))
            _typed(r.id, encode_fields(r, rplan), props)
            props.extend((r.id, k, v) for k, v in r.properties.items())
        texts = {"elements.csv": _csv_text(elements), "relations.csv": _csv_text(relations),
                 "properties.csv": _csv_text([PROPERTIES_HEADER] + props)}
    out = []
    for name, text in texts.items():
        path = folder / f"{prefix}{name}"
        atomic_write_text(path, text)
        out.append(path)
    return out


# ------------------------------------------------------------------------ reading
_SUFFIXES = ("elements.csv", "relations.csv", "properties.csv")


def _locate(source: Path) -> tuple[Path, str]:
    if source.is_dir():
        found = sorted(p.name[: -len("elements.csv")] for p in source.glob("*elements.csv"))
        if not found:
            raise ExchangeFormatError("no elements.csv in this folder (Archi CSV export has <prefix>elements.csv, "
                                      "relations.csv, properties.csv)", file=str(source))
        if len(found) > 1:
            raise ExchangeFormatError(f"several CSV exports here (prefixes {found}); give one of the files",
                                      file=str(source))
        return source, found[0]
    for suffix in _SUFFIXES:
        if source.name.endswith(suffix):
            return source.parent, source.name[: -len(suffix)]
    raise ExchangeFormatError("an Archi CSV file name ends with elements.csv, relations.csv or properties.csv",
                              file=str(source))


def _rows(path: Path, header: tuple, required: bool, max_bytes: Optional[int]) -> list[tuple[int, list[str]]]:
    if not path.is_file():
        if required:
            raise ExchangeFormatError("file not found (every Archi CSV export has it)", file=str(path))
        return []
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise ExchangeFormatError(f"file is {size} bytes, over the limit of {max_bytes} bytes", file=str(path))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    m = re.match(r'^"?ID"?([,;\t])', first)
    if not m:
        raise ExchangeFormatError(f"expected the header row {','.join(repr(h) for h in header)}, got {first[:80]!r}",
                                  file=str(path), line=1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=m.group(1), strict=True)
    out: list[tuple[int, list[str]]] = []
    try:
        head = next(reader)
        if tuple(h.strip() for h in head[: len(header)]) != header:
            raise ExchangeFormatError(f"header row must be {', '.join(header)}; got {', '.join(head)}",
                                      file=str(path), line=1)
        line = reader.line_num + 1
        for row in reader:
            if row and any(row):
                if len(row) < len(header):
                    raise ExchangeFormatError(f"row has {len(row)} fields, expected {len(header)}", file=str(path),
                                              line=line)
                out.append((line, row))
            line = reader.line_num + 1
    except csv.Error as err:
        raise ExchangeFormatError(f"malformed CSV: {err}", file=str(path), line=reader.line_num) from None
    return out


def read_archi_csv(source: Union[str, os.PathLike], strict: bool = False, default_lang: str = "vi",
                   max_bytes: Optional[int] = 512 * 1024 * 1024) -> ArchitectureModel:
    """Read Archi CSV files (give the folder or any one of the three files).

    Parameters
    ----------
    strict
        Relationships outside the ArchiMate 3.2 table are errors (default: warnings).
    default_lang
        Language of the ``Name`` column when the files do not say (files from Archi).

    Raises
    ------
    ExchangeFormatError
        A file is missing or malformed, or its content is not a valid model (each
        problem names the file and line).
    """
    folder, prefix = _locate(Path(source))
    epath, rpath, ppath = (folder / f"{prefix}{s}" for s in _SUFFIXES)
    with no_gc():
        erows = _rows(epath, ELEMENTS_HEADER, True, max_bytes)
        rrows = _rows(rpath, RELATIONS_HEADER, False, max_bytes)
        prows = _rows(ppath, PROPERTIES_HEADER, False, max_bytes)
        where: dict[str, tuple[str, int]] = {}
        props: dict[str, list[tuple[str, str]]] = {}
        for _line, row in prows:
            props.setdefault(row[0], []).append((row[1], row[2]))
        model_row = next(((line, row) for line, row in erows if row[1] == MODEL_TYPE), None)
        lang = default_lang
        if model_row is not None:
            for k, v in props.get(model_row[1][0], []):
                if k == f"{PREFIX}lang":
                    lang = v

        def texts(cid: str, field: str, column: str, plist: list) -> Optional[dict]:
            col_lang = lang
            pairs = []
            for k, v in plist:
                if k == f"{PREFIX}{field}.lang":
                    col_lang = v
            if column:
                pairs.append((col_lang, column))
            for k, v in plist:
                if k.startswith(f"{PREFIX}{field}.") and k != f"{PREFIX}{field}.lang":
                    pairs.append((k[len(PREFIX) + len(field) + 1:], v))
            return text_data(pairs, lang) if pairs else None

        def name_and_doc(d: dict, cid: str, row: list, plist: list) -> None:
            name = texts(cid, "name", row[2], plist)
            if name:
                d["name"] = name
            doc = texts(cid, "documentation", row[3], plist)
            if doc is not None:
                d["documentation"] = doc

        def apply(d: dict, cid: str, plan, plist: list, name_field: str = "name", skip: tuple = ()) -> None:
            free: dict[str, str] = {}
            langs: dict[str, list] = {}
            for k, v in plist:
                if k in skip or k.startswith((f"{PREFIX}name.", f"{PREFIX}documentation.")) or k == f"{PREFIX}lang":
                    continue
                if k.startswith(PREFIX) and "@" in k:
                    base, _, lg = k.rpartition("@")
                    langs.setdefault(base, []).append((lg, v))
                    continue
                if not decode_field(d, plan, k, [(None, v)], lang):
                    free.setdefault(k, v)
            for base, pairs in langs.items():
                if not decode_field(d, plan, base, pairs, lang):
                    free.setdefault(base, pairs[0][1])
            if free:
                d["properties"] = free

        meta: dict = {"title": {}}
        if model_row is not None:
            line, row = model_row
            mid = row[0]
            plist = props.get(mid, [])
            meta["title"] = texts(mid, "name", row[2], plist) or {}
            doc = texts(mid, "documentation", row[3], plist)
            if doc is not None:
                meta["documentation"] = doc
            apply(meta, mid, metadata_plan(), plist)
        elements = []
        eplan = element_plan()
        for line, row in erows:
            cid, ctype = row[0], row[1]
            if ctype == MODEL_TYPE:
                continue
            cid = cid or f"id-csv-{line}"
            plist = props.get(cid, [])
            if ctype == "Junction":
                jt = next((v for k, v in plist if k == "Junction_Type"), "And")
                ctype = "OrJunction" if jt.strip().lower() == "or" else "AndJunction"
            if ctype not in ELEMENT_TYPES:
                hint = suggest(ctype, ELEMENT_TYPES)
                raise ExchangeFormatError(f"unknown element type {ctype!r}" + (f" (did you mean {hint!r}?)" if hint
                                          else ""), file=str(epath), line=line)
            where[cid] = (str(epath), line)
            d: dict = {"id": cid, "type": ctype}
            name_and_doc(d, cid, row, plist)
            if len(row) > 4 and row[4]:
                plist = plist + [("Specialization", row[4])]
            apply(d, cid, eplan, plist, skip=("Junction_Type",))
            elements.append(d)
        relationships = []
        rplan = relationship_plan()
        for line, row in rrows:
            cid, ctype = row[0] or f"id-csv-r{line}", row[1]
            rtype = ctype[: -len("Relationship")] if ctype.endswith("Relationship") else ctype
            if rtype not in RELATIONSHIP_TYPES:
                hint = suggest(ctype, [archi_class(t) for t in RELATIONSHIP_TYPES])
                raise ExchangeFormatError(f"unknown relationship type {ctype!r}" + (f" (did you mean {hint!r}?)" if hint
                                          else ""), file=str(rpath), line=line)
            where[cid] = (str(rpath), line)
            plist = props.get(cid, [])
            d = {"id": cid, "type": rtype, "source": row[4], "target": row[5]}
            name_and_doc(d, cid, row, plist)
            for k, v in plist:
                if k == "Access_Type" and rtype == "Access":
                    if v not in _ACCESS_IN:
                        raise ExchangeFormatError(f"Access_Type {v!r} of {cid!r} is not one of Access, Read, Write, "
                                                  "ReadWrite", file=str(ppath))
                    d["access_type"] = _ACCESS_IN[v]
                elif k == "Influence_Strength" and rtype == "Influence":
                    d["modifier"] = v
                elif k == "Directed" and rtype == "Association":
                    d["is_directed"] = v.strip().lower() == "true"
            if len(row) > 6 and row[6]:
                plist = plist + [("Specialization", row[6])]
            apply(d, cid, rplan, plist, skip=_SPECIAL)
            relationships.append(d)
        raw = {"metadata": meta, "elements": elements, "relationships": relationships}
        try:
            return ArchitectureModel.model_validate(raw, context={"strict": strict})
        except ValidationError as err:
            problems = []
            for e in err.errors(include_url=False)[:200]:
                loc = e.get("loc", ())
                cid = None
                if len(loc) >= 2 and loc[0] in ("elements", "relationships") and isinstance(loc[1], int):
                    cid = raw[loc[0]][loc[1]].get("id")
                f, line = where.get(cid or "", (str(epath), None))
                field = ".".join(str(p) for p in loc[2:] if not (isinstance(p, str) and
                                                                (p in ELEMENT_TYPES or p in RELATIONSHIP_TYPES)))
                problems.append(Problem(f"{field}: {e.get('msg')}", (), cid, f, line))
            raise ExchangeFormatError(f"{len(problems)} invalid value(s) in the CSV files", file=str(epath),
                                      problems=problems) from None
        except ModelValidationError as err:
            problems = []
            for p in err.problems:
                f, line = where.get(p.concept_id or "", (str(epath), None))
                problems.append(Problem(p.message, p.path, p.concept_id, f, line, None, p.severity))
            raise ExchangeFormatError(f"{len(problems)} problem(s) in the model of the CSV files", file=str(epath),
                                      problems=problems) from None

