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

Safety: cells a spreadsheet would run as formulas are neutralised with a leading ``'``
unless ``raw=True`` (eaframe's import undoes it); the three files are switched in
together and carry a set id that the import compares; the reader parses the files
itself (no :mod:`csv` field size limit) and reports syntax errors at the line and
column where they start. See docs/archimate.md, "Archi CSV".

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
import hashlib
import io
import os
import re
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any, Optional, Union, cast

from pydantic import ValidationError

from ..attributes import property_items
from ..elements import ELEMENT_TYPES
from ..exceptions import EaframeWarning, ExchangeFormatError, ModelValidationError, Problem
from ..i18n import Join, msg
from ..integrity import suggest
from ..model import ArchitectureModel
from ..modelfile import no_gc
from ..relationships import RELATIONSHIP_TYPES
from .archimate import _mean, exchange_problem
from .codec import (
    PREFIX,
    decode_field,
    element_plan,
    encode_fields,
    encode_metadata,
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
# Archi's special keys read as fields of a relationship type (on other types they are free properties)
_SPECIAL_OF = {"Access": ("Access_Type",), "Influence": ("Influence_Strength",), "Association": ("Directed",)}

_SPECIAL_KEYS = frozenset({"Junction_Type", "Access_Type", "Influence_Strength", "Directed", "Specialization"})


def _free_rows(cid: str, properties: dict) -> list[tuple[str, str, str]]:
    """``properties.csv`` rows of free properties: one row per value (a repeated key gives
    several rows, as in Archi); each language of a language map is a row of its own, since
    the CSV format has no place for a language (the languages are lost)."""
    return [(cid, k, text) for k, v in properties.items() for _, text in property_items(v)]


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


# A cell a spreadsheet would run as a formula starts with one of = + - @ TAB CR (OWASP
# "CSV injection"). Neutralised, it gets a leading "'"; so that eaframe can undo it
# exactly, text that already starts with "'"s before such a character gets one more.
# Plain numbers and Influence strengths (-5, +1.5, ++, --) are left alone: no formula.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"[+-]*[0-9.,]*\Z")
_MARK = "eaframe-csv"
_SET_KEY = f"{PREFIX}csv-set"
_RELATIONS_KEY = f"{PREFIX}csv-relations"


def _neutralise(text: str) -> str:
    """``text`` made safe to open in a spreadsheet (see :func:`_restore` for the inverse).

    Examples
    --------
    >>> _neutralise("=SUM(A1)"), _neutralise("'=x"), _neutralise("-5"), _neutralise("it's")
    ("'=SUM(A1)", "''=x", '-5', "it's")
    """
    if _FORMULA.match(text) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def _restore(text: str) -> str:
    """The text :func:`_neutralise` was given.

    Examples
    --------
    >>> _restore("'=SUM(A1)"), _restore("''=x"), _restore("'plain")
    ('=SUM(A1)', "'=x", "'plain")
    """
    if text.startswith("'") and _FORMULA.match(text, 1):
        return text[1:]
    return text


def _relations_fingerprint(rows) -> str:
    """Digest of the ``ID``, ``Type``, ``Source`` and ``Target`` cells of relations rows.

    Names and documentation are left out, so editing them in a spreadsheet keeps the set whole.
    """
    h = hashlib.sha256()
    for row in rows:
        h.update("\x1f".join((row[0], row[1], row[4], row[5])).encode("utf-8", "surrogatepass") + b"\x1e")
    return h.hexdigest()[:16]


def _write_file(path: Path, data: bytes) -> None:
    """Write a new file and flush it to disk (one file of a set, in the temporary folder)."""
    with open(path, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


#: The "language" of text without one in ``eaframe:name.<lang>`` properties (no language tag is this long).
_UNTAGGED = "untagged"


def _texts(cid: str, field: str, text, lang: str, props: list) -> str:
    """The column value of ``text`` in ``lang``; other languages go to ``props`` (text without
    a language as ``eaframe:<field>.untagged``, or in the column with ``eaframe:<field>.lang``
    empty)."""
    if text is None:
        return ""
    pairs = text_pairs(text) if text else []
    column = next((v for lg, v in pairs if lg == lang), None)
    col_lang: Optional[str] = lang
    if column is None and pairs:
        col_lang, column = pairs[0]
        props.append((cid, f"{PREFIX}{field}.lang", col_lang or ""))
    for lg, v in pairs:
        if lg != col_lang:
            props.append((cid, f"{PREFIX}{field}.{lg or _UNTAGGED}", v))
    return column or ""


def _typed(cid: str, encoded: list, props: list) -> None:
    for key, value, _ in encoded:
        if isinstance(value, str):
            props.append((cid, key, value))
        else:
            for lg, v in value:  # text without a language as key@ (key alone: the file's language)
                props.append((cid, f"{key}@{lg or ''}", v))


def _all_folders(folders: Any) -> Any:
    for f in folders:
        yield f
        yield from _all_folders(f.folders)


def write_archi_csv(model: ArchitectureModel, folder: Union[str, os.PathLike], prefix: str = "",
                    lang: str = "vi", raw: bool = False) -> list[Path]:
    """Write ``model`` as Archi CSV files ``<prefix>elements.csv`` etc. into ``folder``.

    The three files are one set: they are written into a temporary folder inside
    ``folder`` and renamed into place at the end, so a failure leaves the previous set
    as it was. Each set carries a set id (the model row's ``Specialization`` cell and
    its ``eaframe:csv-set`` property) that :func:`read_archi_csv` compares.

    Parameters
    ----------
    lang
        Language of the ``Name`` and ``Documentation`` columns (``vi`` or ``en``).
    raw
        Write names, documentation, property keys and values as they are. By default
        a cell starting with ``=``, ``+``, ``-``, ``@``, TAB or CR (a formula for a
        spreadsheet) gets a leading ``'``, which eaframe's import removes again.

    Returns
    -------
    list of Path
        The three files written.
    """
    folder = Path(folder)
    esc = (lambda text: text) if raw else _neutralise
    if model.folders:
        n = sum(1 for _ in _all_folders(model.folders))
        warnings.warn(msg("the folder tree ({n} folders) is not written: Archi CSV has no folders (the exchange "
                          "format keeps them)", n=n), EaframeWarning, stacklevel=2)
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
        props.append((model_id, _SET_KEY, ""))  # filled in below, once the content is known
        props.append((model_id, _RELATIONS_KEY, ""))
        elements.append((model_id, MODEL_TYPE, esc(_texts(model_id, "name", md.title, lang, props)),
                         esc(_texts(model_id, "documentation", md.documentation, lang, props)), ""))
        _typed(model_id, encode_metadata(md), props)
        props.extend(_free_rows(model_id, md.properties))
        eplan, rplan = element_plan(), relationship_plan()
        for e in model.elements:
            elements.append((e.id, archi_class(e.type), esc(_texts(e.id, "name", e.name, lang, props)),
                             esc(_texts(e.id, "documentation", e.documentation, lang, props)), ""))
            if e.type in ("AndJunction", "OrJunction"):
                props.append((e.id, "Junction_Type", "And" if e.type == "AndJunction" else "Or"))
            _typed(e.id, encode_fields(e, eplan), props)
            props.extend(_free_rows(e.id, e.properties))
        relations: list[tuple] = [RELATIONS_HEADER]
        for r in model.relationships:
            relations.append((r.id, archi_class(r.type), esc(_texts(r.id, "name", r.name, lang, props)),
                              esc(_texts(r.id, "documentation", r.documentation, lang, props)), r.source, r.target,
                              ""))
            if r.type == "Access":
                props.append((r.id, "Access_Type", _ACCESS_OUT[r.access_type.value if r.access_type else None]))
            elif r.type == "Influence" and r.modifier is not None:
                props.append((r.id, "Influence_Strength", r.modifier))
            elif r.type == "Association" and r.is_directed:
                props.append((r.id, "Directed", "true"))
            _typed(r.id, encode_fields(r, rplan), props)
            props.extend(_free_rows(r.id, r.properties))
        props = [(cid, esc(k), esc(v)) for cid, k, v in props]
        # the set id: a digest of the content, so that the same model gives the same bytes
        digest = hashlib.sha256()
        for part in (elements, relations, props):
            digest.update(_csv_text(part).encode("utf-8", "surrogatepass"))
        set_id = digest.hexdigest()[:16]
        elements[1] = elements[1][:4] + (f"{_MARK} set={set_id} {'raw' if raw else 'neutralised'}",)
        props[1] = (model_id, _SET_KEY, set_id)
        props[2] = (model_id, _RELATIONS_KEY, _relations_fingerprint(relations[1:]))
        data = {f"{prefix}{name}": _csv_text(rows).encode("utf-8")
                for name, rows in (("elements.csv", elements), ("relations.csv", relations),
                                   ("properties.csv", [PROPERTIES_HEADER] + props))}
    for name in data:
        if (folder / name).is_dir():
            raise IsADirectoryError(21, "Is a directory", str(folder / name))
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".eaframe-csv-", dir=folder))
    try:
        for name, content in data.items():
            _write_file(tmp / name, content)
        for name in data:
            os.replace(tmp / name, folder / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [folder / name for name in data]


# ------------------------------------------------------------------------ reading
_SUFFIXES = ("elements.csv", "relations.csv", "properties.csv")


def _locate(source: Path) -> tuple[Path, str]:
    if source.is_dir():
        found = sorted(p.name[: -len("elements.csv")] for p in source.glob("*elements.csv"))
        if not found:
            raise ExchangeFormatError(msg("no elements.csv in this folder (Archi CSV export has <prefix>elements.csv, "
                                          "relations.csv, properties.csv)"), file=str(source))
        if len(found) > 1:
            raise ExchangeFormatError(msg("several CSV exports here (prefixes {found}); give one of the files",
                                          found=found), file=str(source))
        return source, found[0]
    for suffix in _SUFFIXES:
        if source.name.endswith(suffix):
            return source.parent, source.name[: -len(suffix)]
    raise ExchangeFormatError(msg("an Archi CSV file name ends with elements.csv, relations.csv or properties.csv"),
                              file=str(source))


def _where(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of ``pos`` in ``text``."""
    return text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos)


_QUOTED = re.compile(r'"([^"]*(?:""[^"]*)*)"')
_UNQUOTED = {d: re.compile(f"[^{re.escape(d)}\r\n]*") for d in (",", ";", "\t")}


def _parse(text: str, delimiter: str, path: Path) -> list[tuple[int, list[str]]]:
    """The records of ``text`` with their first line numbers (RFC 4180, any field size).

    Fields may be quoted (``""`` is a quote inside); a quote inside an unquoted field is
    kept as text, as Python's and Archi's CSV readers do. Blank lines are skipped.
    Unlike :mod:`csv`, no field size limit applies (the file size is limited instead).
    """
    unquoted = _UNQUOTED[delimiter]
    records: list[tuple[int, list[str]]] = []
    pos, n = 0, len(text)
    line, line_pos = 1, 0
    while pos < n:
        line += text.count("\n", line_pos, pos)
        line_pos = pos
        start = line
        fields: list[str] = []
        while True:
            if text.startswith('"', pos):
                m = _QUOTED.match(text, pos)
                if m is None:
                    ln, col = _where(text, pos)
                    raise ExchangeFormatError(msg(
                        "unterminated quote: the quoted field that starts here has no closing quote; close it, "
                        'and double a quote inside it ("")'), file=str(path), line=ln, column=col)
                value = m.group(1)
                fields.append(value.replace('""', '"') if '""' in value else value)
            else:
                m = cast("re.Match[str]", unquoted.match(text, pos))  # it also matches the empty string
                fields.append(m.group(0))
            pos = m.end()
            if pos >= n:
                break
            c = text[pos]
            if c == delimiter:
                pos += 1
                continue
            if c == "\r" or c == "\n":
                pos += 2 if text.startswith("\r\n", pos) else 1
                break
            ln, col = _where(text, pos)
            raise ExchangeFormatError(msg("unexpected {c!r} after the closing quote of a field (expected "
                                          "{delimiter!r} or the end of the line; a quote inside a quoted field must "
                                          'be doubled: "")', c=c, delimiter=delimiter),
                                      file=str(path), line=ln, column=col)
        if len(fields) > 1 or fields[0]:
            records.append((start, fields))
    return records


def _decode(raw: bytes, path: Path, notes: list) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as err:
            raise ExchangeFormatError(msg("not valid UTF-16 (byte {start}): save the file as UTF-8",
                                          start=err.start), file=str(path)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        text = raw.decode("cp1252", errors="replace")
        bad = text.count("\ufffd")
        notes.append(Problem(msg("not UTF-8 (byte {start} is not), read as Windows-1252; {bad} undefined byte(s) "
                                 "became U+FFFD: save the file as UTF-8 to keep every character" if bad > 0 else
                                 "not UTF-8 (byte {start} is not), read as Windows-1252: save the file as UTF-8 to "
                                 "keep every character", start=err.start, bad=bad), file=str(path),
                             severity="warning"))
        return text


def _rows(path: Path, header: tuple, required: bool, max_bytes: Optional[int],
          notes: list) -> Optional[list[tuple[int, list[str]]]]:
    """The data rows of one CSV file with their line numbers (``None`` if it is absent and optional)."""
    if not path.is_file():
        if required:
            raise ExchangeFormatError(msg("file not found (every Archi CSV export has it)"), file=str(path))
        return None
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise ExchangeFormatError(msg("file is {size} bytes, over the limit of {limit} bytes", size=size,
                                      limit=max_bytes), file=str(path))
    text = _decode(path.read_bytes(), path, notes)
    nul = text.find("\x00")
    if nul >= 0:
        ln, col = _where(text, nul)
        raise ExchangeFormatError(msg("NUL character: this is not a text CSV file (save it as CSV, UTF-8)"),
                                  file=str(path), line=ln, column=col)
    first = text.split("\n", 1)[0]
    m = re.match(r'^"?ID"?([,;\t])', first)
    if not m:
        raise ExchangeFormatError(msg("expected the header row {header}, got {first!r}",
                                      header=",".join(repr(h) for h in header), first=first[:80]),
                                  file=str(path), line=1)
    records = _parse(text, m.group(1), path)
    head = records[0][1] if records else []
    if tuple(h.strip() for h in head[: len(header)]) != header:
        raise ExchangeFormatError(msg("header row must be {header}; got {head}", header=", ".join(header),
                                      head=", ".join(head)[:200]), file=str(path), line=1)
    extra = []
    for line, row in records[1:]:
        if len(row) != len(header):
            if len(row) < len(header):
                raise ExchangeFormatError(msg("row has {n} fields, expected {expected} ({header})", n=len(row),
                                              expected=len(header), header=", ".join(header)),
                                          file=str(path), line=line)
            extra.append(line)
    if extra:
        notes.append(Problem(msg("{n} row(s) have more fields than the {expected} of the header; the extra "
                                 "fields were ignored ({lines})", n=len(extra), expected=len(header),
                                 lines=_lines(extra)), file=str(path), line=extra[0], severity="warning"))
    return records[1:]


def _lines(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:5])
    if len(lines) > 5:
        return msg("lines {shown} and {n} more", shown=shown, n=len(lines) - 5)
    return msg("lines {shown}" if len(lines) > 1 else "line {shown}", shown=shown)


def _check_set(marker: str, model_row: tuple[int, list[str]], props: dict, rrows: Optional[list],
               epath: Path, rpath: Path, ppath: Path, has_props: bool) -> None:
    """Refuse a set whose files come from different eaframe exports."""
    m = re.search(r"\bset=([0-9a-f]+)", marker)
    set_id = m.group(1) if m else ""
    if not has_props:
        raise ExchangeFormatError(msg("{elements} is from an eaframe export (set {set}) but {properties} is "
                                      "missing: the set is incomplete; export the model again", elements=epath.name,
                                      set=set_id, properties=ppath.name), file=str(ppath))
    plist = props.get(model_row[1][0], [])
    theirs = next((v for k, v, _ in plist if k == _SET_KEY), None)
    if theirs != set_id:
        raise ExchangeFormatError(msg(
            "{properties} is not from the same export as {elements} (set {theirs} vs {set}, "
            "line {line} of {elements}): the files are a mixed set; export the model again", properties=ppath.name,
            elements=epath.name, theirs=theirs or msg("none"), set=set_id, line=model_row[0]), file=str(ppath))
    expected = next((v for k, v, _ in plist if k == _RELATIONS_KEY), None)
    if rrows is None and expected not in (None, _relations_fingerprint([])):
        raise ExchangeFormatError(msg("{elements} is from an eaframe export (set {set}) with relationships but "
                                      "{relations} is missing: the set is incomplete; export the model again",
                                      elements=epath.name, set=set_id, relations=rpath.name), file=str(rpath))
    if expected is not None and expected != _relations_fingerprint([r for _, r in rrows or []]):
        raise ExchangeFormatError(msg(
            "{relations} is not from the same export as {elements} and {properties} (set {set}): its "
            "relationship ids, types, sources or targets differ from the ones exported; export the model again "
            "(or, to import hand-edited relations anyway, delete the {key} row of {properties})",
            relations=rpath.name, elements=epath.name, properties=ppath.name, set=set_id, key=_RELATIONS_KEY),
            file=str(rpath))


def read_archi_csv(source: Union[str, os.PathLike], strict: bool = False, default_lang: str = "vi",
                   max_bytes: Optional[int] = 512 * 1024 * 1024) -> ArchitectureModel:
    """Read Archi CSV files (give the folder or any one of the three files).

    Files written by :func:`write_archi_csv` are checked to be one set (their set ids
    match), and their neutralised cells (a leading ``'``) are restored; files from
    other tools are read as they are.

    Parameters
    ----------
    strict
        Relationships outside the ArchiMate 3.2 table are errors (default: warnings).
    default_lang
        Language of the ``Name`` column when the files do not say (files from Archi).

    Raises
    ------
    ExchangeFormatError
        A file is missing or malformed, the files are a mixed set, or their content is
        not a valid model (each problem names the file and line). Property rows for ids
        that are in neither ``elements.csv`` nor ``relations.csv`` are reported as a
        warning (:attr:`ArchitectureModel.warnings`, and an :class:`EaframeWarning`).
    """
    folder, prefix = _locate(Path(source))
    epath, rpath, ppath = (folder / f"{prefix}{s}" for s in _SUFFIXES)
    notes: list[Problem] = []
    with no_gc():
        erows = _rows(epath, ELEMENTS_HEADER, True, max_bytes, notes) or []
        rrows = _rows(rpath, RELATIONS_HEADER, False, max_bytes, notes)
        prows = _rows(ppath, PROPERTIES_HEADER, False, max_bytes, notes)
        model_rows = [(line, row) for line, row in erows if row[1] == MODEL_TYPE]
        if len(model_rows) > 1:
            raise ExchangeFormatError(msg("second model row (type {type}; the first is on line "
                                          "{first}): a CSV set holds one model; delete one of the rows",
                                          type=MODEL_TYPE, first=model_rows[0][0]),
                                      file=str(epath), line=model_rows[1][0])
        model_row = model_rows[0] if model_rows else None
        marker = model_row[1][4] if model_row is not None and len(model_row[1]) > 4 else ""
        ours = marker.startswith(f"{_MARK} ")
        if ours and "neutralised" in marker.split():
            for rows, cols in ((erows, (2, 3)), (rrows or [], (2, 3)), (prows or [], (1, 2))):
                for _, row in rows:
                    for c in cols:
                        if row[c].startswith("'"):
                            row[c] = _restore(row[c])
        where: dict[str, tuple[str, Optional[int]]] = {}
        props: dict[str, list[tuple[str, str, int]]] = {}
        for line, row in prows or []:
            props.setdefault(row[0], []).append((row[1], row[2], line))
        if ours and model_row is not None:
            _check_set(marker, model_row, props, rrows, epath, rpath, ppath, prows is not None)
        lang = default_lang
        if model_row is not None:
            for k, v, _ in props.get(model_row[1][0], []):
                if k == f"{PREFIX}lang":
                    lang = v

        def texts(cid: str, field: str, column: str, plist: list) -> Optional[dict]:
            col_lang: Optional[str] = lang
            pairs: list[tuple[Optional[str], str]] = []
            for k, v, _ in plist:
                if k == f"{PREFIX}{field}.lang":
                    col_lang = v or None  # empty: the column's text has no language
            if column:
                pairs.append((col_lang, column))
            for k, v, _ in plist:
                if k.startswith(f"{PREFIX}{field}.") and k != f"{PREFIX}{field}.lang":
                    tag = k[len(PREFIX) + len(field) + 1:]
                    pairs.append((None if tag == _UNTAGGED else tag, v))
            return text_data(pairs) if pairs else None

        def name_and_doc(d: dict, cid: str, row: list, plist: list) -> None:
            name = texts(cid, "name", row[2], plist)
            if name:
                d["name"] = name
            doc = texts(cid, "documentation", row[3], plist)
            if doc is not None:
                d["documentation"] = doc

        def apply(d: dict, cid: str, plan, plist: list, name_field: str = "name", skip: tuple = ()) -> None:
            free: dict[str, Any] = {}
            langs: dict[str, list] = {}
            for k, v, _ in plist:
                if k in skip or k.startswith((f"{PREFIX}name.", f"{PREFIX}documentation.")) or k == f"{PREFIX}lang":
                    continue
                if k.startswith(PREFIX) and "@" in k:
                    base, _, lg = k.rpartition("@")
                    langs.setdefault(base, []).append((lg, v))
                    continue
                if not decode_field(d, plan, k, [(None, v)], lang):
                    # a repeated free key (one row per value, as Archi writes it) keeps every value
                    old = free.get(k)
                    free[k] = v if old is None else old + [v] if isinstance(old, list) else [old, v]
            for base, pairs in langs.items():
                if not decode_field(d, plan, base, pairs):
                    free.setdefault(base, pairs[0][1])
            if free:
                d["properties"] = free

        meta: dict = {"title": {}}
        known: set[str] = set()
        if model_row is not None:
            line, row = model_row
            mid = row[0]
            known.add(mid)
            plist = props.get(mid, [])
            meta["title"] = texts(mid, "name", row[2], plist) or {}
            doc = texts(mid, "documentation", row[3], plist)
            if doc is not None:
                meta["documentation"] = doc
            apply(meta, mid, metadata_plan(), plist, skip=(_SET_KEY, _RELATIONS_KEY))
        elements = []
        eplan = element_plan()
        for line, row in erows:
            cid, ctype = row[0], row[1]
            if ctype == MODEL_TYPE:
                continue
            cid = cid or f"id-csv-{line}"
            known.add(cid)
            plist = props.get(cid, [])
            if ctype == "Junction":
                jt = next(((v, pline) for k, v, pline in plist if k == "Junction_Type"), ("", None))
                kind = jt[0].strip().lower()
                if kind not in ("and", "or", ""):
                    raise ExchangeFormatError(msg("Junction_Type {value!r} of {id!r} is not one of And, Or or empty "
                                                  "(empty is And)", value=jt[0], id=cid), file=str(ppath), line=jt[1])
                ctype = "OrJunction" if kind == "or" else "AndJunction"
            if ctype not in ELEMENT_TYPES:
                hint = suggest(ctype, ELEMENT_TYPES)
                raise ExchangeFormatError(msg("unknown element type {type!r}{mean}", type=ctype, mean=_mean(hint)),
                                          file=str(epath), line=line)
            where[cid] = (str(epath), line)
            d: dict = {"id": cid, "type": ctype}
            name_and_doc(d, cid, row, plist)
            if len(row) > 4 and row[4]:
                plist = plist + [("Specialization", row[4], line)]
            apply(d, cid, eplan, plist, skip=("Junction_Type",) if row[1] == "Junction" else ())
            elements.append(d)
        relationships = []
        rplan = relationship_plan()
        for line, row in rrows or []:
            cid, ctype = row[0] or f"id-csv-r{line}", row[1]
            known.add(cid)
            rtype = ctype[: -len("Relationship")] if ctype.endswith("Relationship") else ctype
            if rtype not in RELATIONSHIP_TYPES:
                hint = suggest(ctype, [archi_class(t) for t in RELATIONSHIP_TYPES])
                raise ExchangeFormatError(msg("unknown relationship type {type!r}{mean}", type=ctype,
                                              mean=_mean(hint)), file=str(rpath), line=line)
            where[cid] = (str(rpath), line)
            plist = props.get(cid, [])
            d = {"id": cid, "type": rtype, "source": row[4], "target": row[5]}
            name_and_doc(d, cid, row, plist)
            for k, v, pline in plist:
                if k == "Access_Type" and rtype == "Access":
                    if v not in _ACCESS_IN:
                        raise ExchangeFormatError(msg("Access_Type {value!r} of {id!r} is not one of Access, Read, "
                                                      "Write, ReadWrite", value=v, id=cid), file=str(ppath), line=pline)
                    d["access_type"] = _ACCESS_IN[v]
                elif k == "Influence_Strength" and rtype == "Influence":
                    d["modifier"] = v
                elif k == "Directed" and rtype == "Association":
                    d["is_directed"] = v.strip().lower() == "true"
            if len(row) > 6 and row[6]:
                plist = plist + [("Specialization", row[6], line)]
            apply(d, cid, rplan, plist, skip=_SPECIAL_OF.get(rtype, ()))
            relationships.append(d)
        repeated = []
        for cid, plist in props.items():
            if cid in known and len(plist) > 1:
                seen: set[str] = set()
                for k, _, line in plist:
                    if k in seen and (k.startswith(PREFIX) or k in _SPECIAL_KEYS):
                        repeated.append((line, cid, k))
                    seen.add(k)
        if repeated:
            repeated.sort()
            keys = Join([msg("{key!r} of {id!r}", key=k, id=cid) for _, cid, k in repeated[:5]], ", ")
            notes.append(Problem(msg(
                "{n} properties row(s) repeat a typed key of the same id (a typed field has one value); "
                "the first value is kept ({lines}; {keys} and more)" if len(repeated) > 5 else
                "{n} properties row(s) repeat a typed key of the same id (a typed field has one value); "
                "the first value is kept ({lines}; {keys})", n=len(repeated),
                lines=_lines([line for line, _, _ in repeated]), keys=keys),
                file=str(ppath), line=repeated[0][0], severity="warning"))
        orphans = sorted((line, cid) for cid, plist in props.items() if cid not in known for _, _, line in plist)
        if orphans:
            ids = sorted({cid for _, cid in orphans})
            notes.append(Problem(msg(
                "{n} properties rows for ids that are in neither {elements} nor {relations} were "
                "ignored ({lines}; ids {ids} and {more} more)" if len(ids) > 5 else
                "{n} properties rows for ids that are in neither {elements} nor {relations} were "
                "ignored ({lines}; ids {ids})", n=len(orphans), elements=epath.name, relations=rpath.name,
                lines=_lines([line for line, _ in orphans]), ids=", ".join(repr(i) for i in ids[:5]),
                more=len(ids) - 5), file=str(ppath), line=orphans[0][0], severity="warning"))
        raw: dict[str, Any] = {"metadata": meta, "elements": elements, "relationships": relationships}
        try:
            model = ArchitectureModel.model_validate(raw, context={"strict": strict})
        except ValidationError as err:
            problems = []
            for e in err.errors(include_url=False)[:200]:
                loc = e.get("loc", ())
                bad_id: Optional[str] = None
                if len(loc) >= 2 and loc[0] in ("elements", "relationships") and isinstance(loc[1], int):
                    bad_id = raw[loc[0]][loc[1]].get("id")
                f, at = where.get(bad_id or "", (str(epath), None))
                field = ".".join(str(p) for p in loc[2:] if not (isinstance(p, str) and
                                                                (p in ELEMENT_TYPES or p in RELATIONSHIP_TYPES)))
                problems.append(Problem(exchange_problem(field, e, False), (), bad_id, f, at))
            raise ExchangeFormatError(msg("{n} invalid value(s) in the CSV files", n=len(problems)), file=str(epath),
                                      problems=problems) from None
        except ModelValidationError as err:
            problems = []
            for p in err.problems:
                f, at = where.get(p.concept_id or "", (str(epath), None))
                problems.append(Problem(p.message, p.path, p.concept_id, f, at, None, p.severity))
            raise ExchangeFormatError(msg("{n} problem(s) in the model of the CSV files", n=len(problems)),
                                      file=str(epath), problems=problems) from None
    if notes:
        model._warnings = model._warnings + tuple(notes)
        shown = "; ".join(str(p) for p in notes[:3])
        more = f" (and {len(notes) - 3} more)" if len(notes) > 3 else ""
        warnings.warn(f"{epath}: {len(notes)} warning(s): {shown}{more}", EaframeWarning, stacklevel=2)
    return model
