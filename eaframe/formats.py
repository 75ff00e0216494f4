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

import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, Optional, Union

if TYPE_CHECKING:
    from .model import ArchitectureModel

__all__ = ["load", "loads", "save", "dumps", "Format", "format_of"]

#: The single-file formats of :func:`load` and :func:`save`.
Format = Literal["yaml", "json", "archimate"]
_FORMATS = ("yaml", "json", "archimate")
_MODEL_SUFFIXES = (".yaml", ".yml", ".json")


def _checked(format: Optional[str]) -> Optional[Format]:
    if format is not None and format not in _FORMATS:
        raise ValueError(f"format must be one of {', '.join(map(repr, _FORMATS))}, not {format!r}")
    return format  # type: ignore[return-value]


def _looks_like_xml(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def format_of(path: Union[str, os.PathLike]) -> Format:
    """The format of the file at ``path``: by extension, else by its first bytes.

    ``.xml`` is ArchiMate exchange XML, ``.json`` JSON, ``.yaml``/``.yml`` YAML; a file
    with another extension whose content starts with ``<`` is exchange XML, anything
    else YAML.

    Examples
    --------
    >>> format_of("export.XML"), format_of("model.json"), format_of("vn-province-2.0")
    ('archimate', 'json', 'yaml')
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".xml":
        return "archimate"
    if suffix == ".json":
        return "json"
    if suffix in _MODEL_SUFFIXES:
        return "yaml"
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError:  # a bundled model name, a folder, an unreadable file: modelfile.load reports it
        return "yaml"
    return "archimate" if _looks_like_xml(head) else "yaml"


def load(source: Union[str, os.PathLike, IO[str], IO[bytes]], *, strict: bool = True,
         format: Optional[Format] = None) -> ArchitectureModel:
    """Load and validate a model: a model file, an exchange XML file or a bundled model name.

    Parameters
    ----------
    source
        A path (``.yaml``/``.yml``/``.json`` model file, ``.xml`` ArchiMate exchange
        file), an open file (text for YAML/JSON, binary for exchange XML), or the name
        of a bundled model (see :func:`eaframe.bundled_models`).
    strict
        When false, relationships that ArchiMate 3.2 does not allow are accepted and
        listed in :attr:`ArchitectureModel.warnings` instead of failing the load.
    format
        ``"yaml"``, ``"json"`` or ``"archimate"``; by default from the file extension,
        else from the content (see :func:`format_of`).

    Raises
    ------
    ModelLoadError
        The file cannot be read or parsed.
    ModelValidationError
        The content is not a valid model; every problem is listed.
    ExchangeFormatError
        An exchange file is malformed, unsafe or not a valid model.

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
    elif fmt is None and format_of(source) == "archimate":
        fmt = "archimate"
    if fmt == "archimate":
        from .exchange import read_archimate

        return read_archimate(source, strict=strict)  # type: ignore[arg-type]
    from . import modelfile

    return modelfile.load(source, strict=strict, format=fmt)  # type: ignore[arg-type]


def loads(text: str, *, format: Optional[Format] = None, strict: bool = True,
          filename: Optional[str] = None) -> ArchitectureModel:
    """Parse and validate a model from text: YAML, JSON or exchange XML.

    By default text that starts with ``<`` is exchange XML and anything else YAML (of
    which JSON is a subset; pass ``format="json"`` for JSON positions in messages).
    ``filename`` names YAML or JSON text in error messages. See :func:`load`.
    """
    fmt = _checked(format)
    if fmt is None:
        fmt = "archimate" if _looks_like_xml(text[:64].encode("utf-8")) else "yaml"
    if fmt == "archimate":
        from .exchange import parse_archimate

        return parse_archimate(text, strict=strict)
    from . import modelfile

    return modelfile.loads(text, format=fmt, strict=strict, filename=filename)


def dumps(model: ArchitectureModel, format: Format = "yaml") -> str:
    """Serialise a model to canonical YAML, JSON or exchange XML text.

    The same model always gives the same text; for exchange XML the options of
    :func:`eaframe.exchange.generate_archimate` (language, layout) take their defaults.
    """
    _checked(format)
    if format == "archimate":
        from .exchange import generate_archimate

        return generate_archimate(model).decode("utf-8")
    from . import modelfile

    return modelfile.dumps(model, format)


def save(model: ArchitectureModel, target: Union[str, os.PathLike, IO[str], IO[bytes]],
         format: Optional[Format] = None) -> None:
    """Write a model to a file, atomically (a failure never leaves a half-written file).

    The format comes from ``format`` or the extension of ``target``: ``.xml`` writes
    ArchiMate exchange XML (:func:`eaframe.exchange.write_archimate`), ``.json`` JSON,
    anything else YAML. An open file takes text for YAML/JSON, bytes for exchange XML.
    """
    from ._files import file_name, is_open_file

    fmt = _checked(format)
    if fmt is None:
        name = file_name(target, "") if is_open_file(target) else os.fspath(target)
        fmt = "archimate" if name.lower().endswith(".xml") else None
    if fmt == "archimate":
        from .exchange import write_archimate

        write_archimate(model, target)  # type: ignore[arg-type]
        return
    from . import modelfile

    modelfile.save(model, target, format=fmt)
