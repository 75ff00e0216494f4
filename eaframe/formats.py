"""One verb set for every single-file model format: ``load``, ``loads``, ``save``, ``dumps``.

These are the functions exported at the top level (``eaframe.load`` etc.). They choose
the format from ``format=``, else the file extension, else the content:

=================  ==========================  ============================================
format             files                       handled by
=================  ==========================  ============================================
``"yaml"``         ``.yaml``, ``.yml``, other  :mod:`eaframe.modelfile` (canonical YAML)
``"json"``         ``.json``                   :mod:`eaframe.modelfile` (canonical JSON)
``"archimate"``    ``.xml``, or text that      :mod:`eaframe.exchange` (ArchiMate Model
                   starts with ``<``           Exchange File Format)
``"archi"``        ``.archimate``; content     :mod:`eaframe.exchange.native` (Archi's own
                   ``<archimate:model>`` or a  format, plain XML or a ZIP archive with
                   ZIP with ``model.xml``      ``model.xml`` and ``images/``)
=================  ==========================  ============================================

:func:`load` also takes the name of a bundled model (see :func:`eaframe.bundled_models`).
Archi CSV is a set of three files, not one, so it has no place here: use
:func:`eaframe.exchange.read_archi_csv` and :func:`eaframe.exchange.write_archi_csv`. The
per-format functions with all their options (language, layout, size limits, XSD
validation) stay in :mod:`eaframe.modelfile` and :mod:`eaframe.exchange`.

Examples
--------
>>> from eaframe.synthetic import synthetic_model
>>> m = synthetic_model(12, seed=3)
>>> xml = dumps(m, format="archimate")
>>> xml.startswith("<?xml")
True
>>> loads(xml) == m                      # the format is told by the content
True
>>> loads(dumps(m)) == m
True
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, Optional, Union

if TYPE_CHECKING:
    from .exceptions import ModelLoadError
    from .model import ArchitectureModel

__all__ = ["load", "loads", "save", "dumps", "Format", "format_of", "foreign_content"]

#: The single-file formats of :func:`load` and :func:`save`.
Format = Literal["yaml", "json", "archimate", "archi"]
_FORMATS = ("yaml", "json", "archimate", "archi")
_MODEL_SUFFIXES = (".yaml", ".yml", ".json")


def _checked(format: Optional[str]) -> Optional[Format]:
    if format is not None and format not in _FORMATS:
        raise ValueError(f"format must be one of {', '.join(map(repr, _FORMATS))}, not {format!r}")
    return format  # type: ignore[return-value]


def _looks_like_xml(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def foreign_content(data: bytes) -> Optional[str]:
    """What ``data`` (the start of a file, at least its first 512 bytes) is when it is
    plainly not a model in any format eaframe reads, with what to do; ``None`` otherwise
    (a file of no bytes at all too: the readers report it, at its place).

    Examples
    --------
    >>> foreign_content(b"PK\\x03\\x04...")
    'a ZIP archive, not a model: unpack it and give the model file it holds'
    >>> foreign_content(b"eaframe: 1") is None
    True
    """
    from .i18n import msg

    head = data[:512]
    if not head.strip(b"\xef\xbb\xbf \t\r\n"):
        return msg("an empty file (only white space), not a model") if head else None
    if head.startswith(b"PK\x03\x04"):
        from ._sniff import is_archi

        if is_archi(data):
            return None
        return msg("a ZIP archive, not a model: unpack it and give the model file it holds")
    if head.startswith(b"%PDF"):
        return msg("a PDF document, not a model")
    if head.startswith(b"\x1f\x8b"):
        return msg("a gzip-compressed file, not a model: decompress it first")
    if b"\x00" in head:
        return msg("a binary file, not a model (models are YAML, JSON or XML text)")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")):
        return msg("an HTML page, not a model (a web page saved instead of the file it links to?)")
    return None


def empty_path_error() -> ModelLoadError:
    """The error for an empty file name given as a model (``""``, which would mean the current folder)."""
    from .exceptions import ModelLoadError, Problem
    from .i18n import msg

    return ModelLoadError([Problem(msg("the file name is empty; give the path of a model file, an exchange file "
                                       "or a bundled model name"), file="''")], source="''")


def _check_content(path: Union[str, os.PathLike]) -> None:
    """Raise :class:`ModelLoadError` when the file at ``path`` is plainly not a model."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:  # a bundled model name, a missing or unreadable file: the reader reports it
        return
    what = foreign_content(head)
    if what is not None:
        from .exceptions import ModelLoadError, Problem
        from .i18n import msg

        raise ModelLoadError([Problem(msg("this is {what}", what=what), file=os.fspath(path))], source=os.fspath(path))


def format_of(path: Union[str, os.PathLike]) -> Format:
    """The format of the file at ``path``: by extension, else by its first bytes.

    ``.xml`` is ArchiMate exchange XML, ``.json`` JSON, ``.yaml``/``.yml`` YAML; a file
    whose content is an Archi model (``<archimate:model>``, or a ZIP archive holding
    ``model.xml``) is ``archi`` whatever its extension; another file whose content starts
    with ``<`` is exchange XML, anything else YAML.

    Examples
    --------
    >>> format_of("export.XML"), format_of("model.json"), format_of("vn-province-2.0")
    ('archimate', 'json', 'yaml')
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in _MODEL_SUFFIXES:
        return "yaml"
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except OSError:  # a bundled model name, a folder, an unreadable file: modelfile.load reports it
        return "archimate" if suffix == ".xml" else "archi" if suffix == ".archimate" else "yaml"
    from ._sniff import is_archi

    if is_archi(head):
        return "archi"
    if suffix == ".xml":
        return "archimate"
    return "archimate" if _looks_like_xml(head) else "yaml"


def load(source: Union[str, os.PathLike, IO[str], IO[bytes]], *, strict: bool = True,
         format: Optional[Format] = None) -> ArchitectureModel:
    """Load and validate a model: a model file, an exchange XML file or a bundled model name.

    Parameters
    ----------
    source
        A path (``.yaml``/``.yml``/``.json`` model file, ``.xml`` ArchiMate exchange
        file, ``.archimate`` Archi file), an open file (text for YAML/JSON, binary for exchange XML), or the name
        of a bundled model (see :func:`eaframe.bundled_models`).
    strict
        When false, relationships that ArchiMate 3.2 does not allow are accepted and
        listed in :attr:`ArchitectureModel.warnings` instead of failing the load.
        A model whose ``metadata.lenient`` is true (as ``eaframe import`` writes when it
        read such relationships) is always loaded that way.
    format
        ``"yaml"``, ``"json"``, ``"archimate"`` or ``"archi"``; by default from the file
        extension, else from the content (see :func:`format_of`).

    Raises
    ------
    ModelLoadError
        The file cannot be read or parsed.
    ModelValidationError
        The content is not a valid model; every problem is listed.
    ExchangeFormatError
        An exchange file is malformed, unsafe or not a valid model.

    A file that is plainly no model (empty, a ZIP archive, an HTML page, ...) raises
    :class:`ModelLoadError` saying what it is (see :func:`foreign_content`).

    Examples
    --------
    >>> m = load("vn-province-2.0")
    >>> m.metadata.instrument.number
    '2323/QĐ-BTTTT'
    """
    from ._files import file_name, is_open_file

    fmt = _checked(format)
    if is_open_file(source):
        if fmt is None and file_name(source, "").lower().endswith(".xml"):
            fmt = "archimate"
        elif fmt is None and file_name(source, "").lower().endswith(".archimate"):
            fmt = "archi"
    else:
        if isinstance(source, (str, os.PathLike)) and os.fspath(source) in ("", b""):
            raise empty_path_error()
        _check_content(source)
        if fmt is None and format_of(source) in ("archimate", "archi"):
            fmt = format_of(source)
    if fmt == "archi":
        from .exchange.native import read_archi

        return read_archi(source, strict=strict)  # type: ignore[arg-type]
    if fmt == "archimate":
        from .exchange import read_archimate

        return read_archimate(source, strict=strict)  # type: ignore[arg-type]
    if fmt is None and isinstance(source, (str, os.PathLike)) and not os.path.exists(source):
        from .bundled import is_bundled_name, load_prebuilt

        name = os.fspath(source)
        prebuilt = load_prebuilt(name, strict=strict) if isinstance(name, str) and is_bundled_name(name) else None
        if prebuilt is not None:  # a bundled model as its file loads, without validating it again
            return prebuilt
    from . import modelfile

    return modelfile.load(source, strict=strict, format=fmt)  # type: ignore[arg-type]


def loads(text: str, *, format: Optional[Format] = None, strict: bool = True,
          filename: Optional[str] = None) -> ArchitectureModel:
    """Parse and validate a model from text: YAML, JSON or exchange XML.

    By default text that starts with ``<`` is exchange XML and anything else YAML (of
    which JSON is a subset; pass ``format="json"`` for JSON positions in messages).
    ``filename`` names the text in error messages (default ``<text>`` for XML, ``<yaml>`` or
    ``<json>``). See :func:`load`.
    """
    if not isinstance(text, str):
        hint = " (decode it first, or give load() an open binary file)" if isinstance(text, (bytes, bytearray)) else ""
        raise TypeError(f"loads() takes the text of a model (str), not {type(text).__name__}{hint}")
    fmt = _checked(format)
    if fmt is None:
        from ._sniff import is_archi

        head = text[:4096].encode("utf-8", "replace")  # only to tell the format: the reader reports bad text
        fmt = "archi" if is_archi(head) else "archimate" if _looks_like_xml(head) else "yaml"
    if fmt == "archi":
        from .exchange.native import read_archi

        return read_archi(_xml_stream(text, filename), strict=strict)
    if fmt == "archimate":
        from .exchange import read_archimate

        return read_archimate(_xml_stream(text, filename), strict=strict)
    from . import modelfile

    return modelfile.loads(text, format=fmt, strict=strict, filename=filename)


def _xml_stream(text: str, filename: Optional[str]) -> io.BytesIO:
    """XML ``text`` as a binary stream named ``filename`` (else ``<text>``: text was given, not
    bytes) for the readers' messages; a lone surrogate is an :class:`ExchangeFormatError`."""
    from .exceptions import ExchangeFormatError
    from .i18n import msg

    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ExchangeFormatError(msg("character U+{code} (at position {start}) is not text (a lone surrogate); "
                                      "remove it", code=f"{ord(text[err.start]):04X}", start=err.start),
                                  file=filename or "<text>") from None
    stream = io.BytesIO(data)
    stream.name = filename or "<text>"
    return stream


def dumps(model: ArchitectureModel, format: Format = "yaml") -> str:
    """Serialise a model to canonical YAML, JSON, exchange XML or Archi ``.archimate`` text.

    The same model always gives the same text; for exchange XML the options of
    :func:`eaframe.exchange.generate_archimate` (language, layout) take their defaults.
    A model with images is an Archi archive, not text: write it with :func:`save` or
    :func:`eaframe.exchange.dumps_archi`.
    """
    from ._args import expect_model

    expect_model(model, "dumps")
    _checked(format)
    if format == "archi":
        from .exchange.native import dumps_archi

        if model.native is not None and model.native.images:
            raise ValueError("a model with images is written as a ZIP archive, not text: use save() or dumps_archi()")
        return dumps_archi(model).decode("utf-8")
    if format == "archimate":
        from .exchange import generate_archimate

        return generate_archimate(model).decode("utf-8")
    from . import modelfile

    return modelfile.dumps(model, format)


def save(model: ArchitectureModel, target: Union[str, os.PathLike, IO[str], IO[bytes]],
         format: Optional[Format] = None) -> None:
    """Write a model to a file, atomically (a failure never leaves a half-written file).

    The format comes from ``format`` or the extension of ``target``: ``.xml`` writes
    ArchiMate exchange XML (:func:`eaframe.exchange.write_archimate`), ``.archimate``
    Archi's own format (:func:`eaframe.exchange.write_archi`), ``.json`` JSON,
    anything else YAML. An open file takes text for YAML/JSON, bytes for the XML formats.
    """
    from ._args import expect_model
    from ._files import file_name, is_open_file

    expect_model(model, "save")
    fmt = _checked(format)
    if fmt is None:
        name = (file_name(target, "") if is_open_file(target) else os.fspath(target)).lower()
        fmt = "archimate" if name.endswith(".xml") else "archi" if name.endswith(".archimate") else None
    if fmt == "archi":
        from .exchange.native import write_archi

        write_archi(model, target)  # type: ignore[arg-type]
        return
    if fmt == "archimate":
        from .exchange import write_archimate

        write_archimate(model, target)  # type: ignore[arg-type]
        return
    from . import modelfile

    modelfile.save(model, target, format=fmt)
