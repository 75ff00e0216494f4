"""Exchange commands: ``export`` (ArchiMate XML, Archi .archimate, Archi CSV, JSON, YAML, GraphML) and ``import``."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import click

from .._text import term_safe
from ..exceptions import EaframeError
from ._common import (
    STDIN_NAME,
    check_output,
    fail,
    is_stdio,
    lenient_option,
    load_or_exit,
    named_stream,
    note,
    prepare_output,
    read_stdin,
    rule_warnings,
    sniff,
    write_or_exit,
)

__all__ = ["COMMANDS", "export", "import_", "write_graphml"]

FORMATS = ("archimate", "archi", "csv", "json", "yaml", "graphml")

#: Extensions of model files written by ``import``.
MODEL_SUFFIXES = (".yaml", ".yml", ".json")


def write_graphml(model, path, lang: str = "both") -> None:
    """Write the model's graph as GraphML (attributes as strings) to a path (atomically)
    or an open file.

    Nodes carry ``type``, ``layer``, names and documentation per language, typed fields
    and properties (``prop:<key>``); edges carry ``id``, ``type`` and names.
    Relationships attached to relationships have no GraphML edge (GraphML joins nodes).

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> from eaframe.synthetic import synthetic_model
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.graphml"
    >>> write_graphml(synthetic_model(20, seed=1), p)
    >>> nx.read_graphml(p).number_of_nodes()
    20
    """
    import io

    import networkx as nx

    from .._files import write_output
    from ..attributes import property_text
    from ..exchange.codec import element_plan, encode_fields, relationship_plan
    from ..graph import to_graph

    G = to_graph(model)
    H = nx.MultiDiGraph()
    langs = ("vi", "en") if lang == "both" else (lang,)
    eplan, rplan = element_plan(), relationship_plan()

    def attrs(c, plan) -> dict:
        out = {"type": c.type}
        for lg in langs:
            v = c.name.get(lg)
            if v is not None:
                out[f"name_{lg}"] = v
            if c.documentation is not None and c.documentation.get(lg) is not None:
                out[f"documentation_{lg}"] = c.documentation.get(lg)
        if c.name.untagged is not None:  # text without a language
            out["name"] = c.name.untagged
        if c.documentation is not None and c.documentation.untagged is not None:
            out["documentation"] = c.documentation.untagged
        for key, value, _ in encode_fields(c, plan):
            k = key.split(":", 1)[1]
            out[k] = value if isinstance(value, str) else "; ".join(f"{lg}: {v}" if lg else v for lg, v in value)
        for k, v in c.properties.items():
            out[f"prop:{k}"] = property_text(v)
        return out

    for n, data in G.nodes(data=True):
        a = attrs(data["concept"], eplan)
        a["layer"] = data["layer"].value
        H.add_node(n, **a)
    for u, v, k, data in G.edges(keys=True, data=True):
        r = data["concept"]
        a = attrs(r, rplan)
        a["id"] = k
        if r.type == "Access" and r.access_type is not None:
            a["access_type"] = r.access_type.value
        elif r.type == "Influence" and r.modifier is not None:
            a["modifier"] = r.modifier
        elif r.type == "Association":
            a["is_directed"] = "true" if r.is_directed else "false"
        H.add_edge(u, v, key=k, **a)
    buf = io.BytesIO()
    nx.write_graphml(H, buf, encoding="utf-8")
    write_output(path, buf.getvalue())


@click.command()
@click.argument("model", metavar="MODEL")
@click.option("--to", "fmt", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), required=True,
              help="Output file (- for stdout), or the folder for csv; missing folders are created.")
@click.option("--lang", type=click.Choice(["vi", "en", "both"]), default="both", show_default=True,
              help="Languages of names and documentation (archimate, graphml; csv puts one in the Name column, archi "
                   "writes one: the model's first language when both).")
@click.option("--layout", type=click.Choice(["auto", "dot", "grid"]), default="auto", show_default=True,
              help="Diagram layout for views without geometry (archimate): Graphviz dot, grid, or dot when available.")
@click.option("--csv-raw", is_flag=True,
              help="csv: write text starting with = + - @ TAB or CR as it is (by default a ' is put before it, "
                   "so that spreadsheets do not run it as a formula; eaframe import removes it).")
@lenient_option()
def export(model: str, fmt: str, output: Path, lang: str, layout: str, csv_raw: bool, lenient: bool) -> None:
    """Export MODEL to ArchiMate exchange XML, Archi's .archimate, Archi CSV, JSON, YAML or GraphML.

    MODEL is a model file, a bundled model name, an exchange .xml file, an Archi
    .archimate file, an Archi CSV folder, or - to read stdin. A model with relationships
    that ArchiMate 3.2 does not allow is written with metadata.lenient: true (JSON, YAML,
    archimate). The ArchiMate file opens in Archi with File > Import > Open Exchange XML
    Model; the archi file (a ZIP archive when the model has images) with File > Open.
    Archi CSV writes elements.csv, relations.csv and properties.csv into the OUTPUT
    folder. Files are written atomically: on error nothing is left half-written.

    \b
    Examples:
        eaframe export vn-province-2.0 --to archimate -o vn-province-2.0.xml
        eaframe export vn-province-2.0 --to archi -o vn-province-2.0.archimate
        eaframe export my-province.yaml --to csv -o csv/ --lang en
        eaframe export dongnai-2020 --to yaml -o - | less
    """
    check_output(output, inputs=(model,), folder=fmt == "csv",
                 stdout=True if fmt != "csv" else "csv writes three files into a folder")
    from ..i18n import msg

    words = lang if lang != "both" else None  # the language of eaframe's messages
    m = load_or_exit(model, strict=False if lenient else None, lang=words)
    if is_stdio(output):
        with _writer_warnings(words):
            data = _export_bytes(m, fmt, lang, layout)
        write_or_exit(output, data, words)
        return
    prepare_output(output, folder=fmt == "csv", lang=words)
    with _writer_warnings(words):
        written = _export_file(m, fmt, output, lang, layout, csv_raw)
    for p in written:
        note(msg("wrote {file}", file=p), words)


@contextmanager
def _writer_warnings(lang: Optional[str] = None) -> Iterator[None]:
    """Print what a writer warns about (what the format cannot hold, counted) as ``warning: ...``
    lines on stderr (in ``lang``; ``None``: English), instead of Python's warning format naming
    eaframe's source line."""
    from ..exceptions import EaframeWarning
    from ..i18n import localize, msg

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", EaframeWarning)
        yield
    for w in caught:
        if issubclass(w.category, EaframeWarning):
            args = getattr(w.message, "args", ())
            text = args[0] if args and isinstance(args[0], str) else str(w.message)
            note(msg("warning: {message}", message=localize(text, lang)), lang)
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)


def _export_file(m, fmt: str, output: Path, lang: str, layout: str, csv_raw: bool) -> list[Path]:
    """Write ``m`` to ``output`` in ``fmt``; the files written."""
    try:
        if fmt == "archimate":
            from ..exchange import write_archimate

            write_archimate(m, output, lang=lang, layout=layout)  # type: ignore[arg-type]
            written = [output]
        elif fmt == "archi":
            from ..exchange import write_archi

            write_archi(m, output, lang=None if lang == "both" else lang)
            written = [output]
        elif fmt == "csv":
            from ..exchange import write_archi_csv

            written = write_archi_csv(m, output, lang="vi" if lang == "both" else lang, raw=csv_raw)
        elif fmt in ("json", "yaml"):
            from ..modelfile import save

            save(m, output, format=fmt)  # type: ignore[arg-type]
            written = [output]
        else:
            write_graphml(m, output, lang=lang)
            written = [output]
    except EaframeError as err:
        fail(err, lang if lang != "both" else None)
    return written


def _export_bytes(m, fmt: str, lang: str, layout: str) -> bytes:
    """The content ``export`` writes to stdout (every format but csv)."""
    import io

    try:
        if fmt == "archimate":
            from ..exchange import generate_archimate

            return generate_archimate(m, lang=lang, layout=layout)  # type: ignore[arg-type]
        if fmt == "archi":
            from ..exchange import dumps_archi

            return dumps_archi(m, lang=None if lang == "both" else lang)
        if fmt in ("json", "yaml"):
            from ..modelfile import dumps

            return dumps(m, fmt).encode("utf-8")  # type: ignore[arg-type]
        buf = io.BytesIO()
        write_graphml(m, buf, lang=lang)
        return buf.getvalue()
    except EaframeError as err:
        fail(err, None if lang == "both" else lang)


@click.command("import")
@click.argument("source", metavar="FILE", type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), metavar="FILE", required=True,
              help="Model file to write (.yaml, .yml or .json; - for YAML on stdout); missing folders are created.")
@click.option("--strict", is_flag=True, help="Refuse relationships that ArchiMate 3.2 does not allow.")
@click.option("--lenient", is_flag=True,
              help="Keep relationships that ArchiMate 3.2 does not allow, as warnings (the default; the written "
                   "model is marked metadata.lenient: true so that every command reads it).")
@click.option("--xsd", type=click.Path(exists=True, path_type=Path),
              help="Validate an .xml file against the official XSDs in this folder first (without it, the order "
                   "of the model's main parts is still checked, as warnings).")
@click.option("--lang", "lang", metavar="LANG",
              help="Language of text without one: the Name and Documentation columns of Archi CSV (default vi) "
                   "and exchange-XML names and documentation without xml:lang (default: none, kept untagged); a "
                   "tag such as en, vi or fr. With vi or en, also the language of the messages: problems, "
                   "warnings, wrote FILE (else en).")
def import_(source: Path, output: Path, strict: bool, lenient: bool, xsd: Path | None, lang: str | None) -> None:
    """Import an ArchiMate exchange file (.xml), an Archi .archimate file or Archi CSV files into an eaframe model file.

    FILE is an exchange .xml file, an Archi .archimate file (plain or zipped, told by
    content), one of Archi's CSV files (elements.csv,
    relations.csv, properties.csv — the siblings are read too), a folder holding
    them, or - to read exchange XML or an .archimate file from stdin. Relationships outside the ArchiMate
    3.2 table are kept and reported as warnings unless --strict; the model file then
    says metadata.lenient: true, so that every other command reads it. An exchange
    file whose parts are out of the schema's order gets a warning naming the line;
    a file that is no exchange file or CSV set is refused, saying what it looks like.

    \b
    Examples:
        eaframe import archi-export.xml -o my-province.yaml
        eaframe import my-province.archimate -o my-province.yaml
        eaframe import csv/elements.csv -o my-province.yaml
        unzip -p export.zip model.xml | eaframe import - -o my-province.yaml
    """
    from .._sniff import is_archi
    from ..exceptions import ExchangeFormatError
    from ..modelfile import dumps, save

    if strict and lenient:
        raise click.UsageError("give --strict or --lenient, not both")
    if lang is not None and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*", lang):
        raise click.BadParameter(f"{lang!r} is not a language tag; give one such as en, vi or fr",
                                 param_hint="--lang")
    check_output(output, inputs=(source,), suffixes=MODEL_SUFFIXES)
    from ..i18n import LANGUAGES, msg

    words = lang if lang in LANGUAGES else None  # the language of eaframe's messages
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if is_stdio(source):
                from ..exchange import read_archimate

                data = read_stdin()
                _refuse_foreign(data, STDIN_NAME)
                if is_archi(data):
                    from ..exchange import reads_archi

                    m = reads_archi(data, strict=strict, default_lang=lang or "en")
                elif sniff(data) != "xml":
                    raise ExchangeFormatError(msg("import reads ArchiMate exchange XML from stdin, and this is not "
                                                  "XML; Archi CSV needs its three files: give their folder"),
                                              file=STDIN_NAME)
                else:
                    m = read_archimate(named_stream(data), strict=strict, xsd=xsd, default_lang=lang)
            elif source.is_dir() or source.suffix.lower() == ".csv":
                from ..exchange import read_archi_csv

                m = read_archi_csv(source, strict=strict, default_lang=lang or "vi")
            else:
                from ..exchange import read_archi, read_archimate

                head = _head(source)
                _refuse_foreign(head, str(source))
                if is_archi(head):
                    m = read_archi(source, strict=strict, default_lang=lang)
                else:
                    m = read_archimate(source, strict=strict, xsd=xsd, default_lang=lang)
        for w in m.warnings:
            click.echo(term_safe(w.text(words), keep_newlines=True), err=True)
        if rule_warnings(m):
            m.metadata.lenient = True
    except EaframeError as err:
        fail(err, words)
    if is_stdio(output):
        write_or_exit(output, dumps(m), words)
        return
    prepare_output(output, lang=words)
    try:
        save(m, output)
    except EaframeError as err:
        fail(err, words)
    note(msg("wrote {file} ({elements} elements, {relationships} relationships, {views} views)", file=output,
             elements=len(m.elements), relationships=len(m.relationships), views=len(m.views)), words)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(65536)
    except OSError:  # the reader reports it
        return b"<"


def _refuse_foreign(data: bytes, name: str) -> None:
    """Raise when ``data`` (a file's start) is plainly no exchange file, saying what it is."""
    from ..exceptions import ExchangeFormatError
    from ..formats import foreign_content
    from ..i18n import msg

    what = foreign_content(data)
    if what is None and not data.strip(b"\xef\xbb\xbf \t\r\n"):
        what = (msg("an empty file (only white space), not an exchange file or a CSV set") if data else
                msg("an empty file, not an exchange file or a CSV set"))
    if what is None and sniff(data) != "xml" and re.search(rb'(?m)^\s*(\{\s*)?"?eaframe"?\s*:', data[:65536]):
        what = msg("an eaframe model file, which needs no import: every command reads it as it is (eaframe validate "
                   "{file}); import reads ArchiMate exchange XML, Archi .archimate files and Archi CSV",
                   file="-" if name == STDIN_NAME else name)
    if what is not None:
        raise ExchangeFormatError(msg("this is {what}", what=what), file=name)


COMMANDS = [export, import_]
