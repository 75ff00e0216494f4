"""Core commands: ``validate``, ``info``, ``schema``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .._text import term_safe
from ..exceptions import EaframeError, ModelLoadError, Problem
from ..i18n import msg
from ._common import (
    STDIN_NAME,
    check_output,
    echo,
    is_stdio,
    lenient_option,
    load_bytes,
    load_model,
    load_or_exit,
    model_lang_option,
    named_stream,
    note,
    one_stdin,
    print_problems,
    read_stdin,
    sniff,
    write_or_exit,
)

__all__ = ["COMMANDS", "validate", "info", "schema"]


@click.command()
@click.argument("models", nargs=-1, required=True, metavar="MODEL...")
@click.option("--lenient", is_flag=True,
              help="Accept relationships that ArchiMate 3.2 does not allow (report them as warnings); a model file "
                   "marked metadata.lenient: true is read that way anyway.")
@click.option("--xsd", "xsd", type=click.Path(exists=True, path_type=Path),
              help="For .xml exchange files: folder with the official ArchiMate exchange-format XSDs "
                   "(archimate3_Diagram.xsd, xml.xsd, optionally dc.xsd) to validate against, offline.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing for valid models.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the problems and warnings [default: en].")
def validate(models: tuple[str, ...], lenient: bool, xsd: Path | None, quiet: bool, lang: str | None) -> None:
    """Validate model files, bundled models, ArchiMate exchange files (.xml) or Archi .archimate files.

    Every problem of a file is reported at once, as FILE:LINE:COLUMN: PATH (id ID):
    error: MESSAGE. An .xml file is read as an ArchiMate Model Exchange file; with
    --xsd it is first validated against the official schemas in that folder (the
    xml.xsd import is resolved locally, never over the network); without --xsd the
    order of its main parts is still checked (warnings naming the line). A MODEL of
    - is read from stdin, as YAML, JSON or exchange XML according to its content.
    An Archi CSV folder (or one of its files) is read as `eaframe import` reads it.
    Exits 0 when all are valid, 1 when any is invalid.

    \b
    Examples:
        eaframe validate models/dongnai-2020.yaml vn-province-2.0
        eaframe validate export.xml --xsd ~/archi/xsd
        cat my-province.yaml | eaframe validate -
    """
    from .._sniff import is_archi

    one_stdin(*models)
    bad = 0
    for source in models:
        data = read_stdin() if is_stdio(source) else None
        xml = (sniff(data) == "xml" and not is_archi(data)) if data is not None else _is_xml(source)
        name = STDIN_NAME if data is not None else source
        try:
            if xml:
                model = _validate_exchange(source if data is None else data, name, xsd, lenient, lang)
                if model is None:
                    bad += 1
                    continue
            elif data is not None:
                model = load_bytes(data, STDIN_NAME, strict=not lenient)
            else:
                model = load_model(source, strict=not lenient)
        except EaframeError as err:
            bad += 1
            print_problems(err, lang)
            continue
        for w in model.warnings:
            click.echo(term_safe(w.text(lang), keep_newlines=True), err=True)
        if not quiet:
            from ..i18n import localize

            line = msg("{file}: ok (valid against the exchange-format XSDs) ({elements} elements, {relationships} "
                       "relationships, {views} views)" if xsd and xml else
                       "{file}: ok ({elements} elements, {relationships} relationships, {views} views)",
                       file=term_safe(name), elements=len(model.elements), relationships=len(model.relationships),
                       views=len(model.views))
            echo(localize(line, lang))
    if bad:
        raise SystemExit(1)


def _is_xml(source: str) -> bool:
    """Whether ``source`` is an exchange XML file: by extension, else by its first byte (an
    Archi ``.archimate`` file, whatever its name, is not)."""
    p = Path(source)
    if source.lower().endswith((".yaml", ".yml", ".json")) or not p.is_file():
        return source.lower().endswith(".xml")
    try:
        with p.open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return source.lower().endswith(".xml")
    from .._sniff import is_archi

    if is_archi(head):
        return False
    return source.lower().endswith(".xml") or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(4096)
    except OSError:  # the reader reports it
        return b"<"


def _validate_exchange(source: str | bytes, name: str, xsd: Path | None, lenient: bool, lang: str | None = None):
    """Schema-validate (with ``xsd``) and read an exchange file (a path, or the bytes of
    the file called ``name``); ``None`` after printing problems."""
    import warnings

    from ..exchange import read_archimate, validate_exchange
    from ..formats import foreign_content

    what = foreign_content(source if isinstance(source, bytes) else _head(source))
    if what is not None:
        raise ModelLoadError([Problem(msg("this is {what}", what=what), file=name)], source=name)
    if xsd is not None:
        problems = validate_exchange(source, xsd, filename=name)
        if problems:
            for p in problems:
                click.echo(term_safe(p.text(lang), keep_newlines=True), err=True)
            n = len(problems)
            note(msg("{file}: {n} schema error" if n == 1 else "{file}: {n} schema errors", file=name, n=n), lang)
            return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_archimate(named_stream(source, name) if isinstance(source, bytes) else source,
                              strict=not lenient)


@click.command()
@click.argument("model", required=False, metavar="MODEL")
@click.option("--list", "list_models", is_flag=True, help="List the bundled models and exit.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@model_lang_option()
@lenient_option()
def info(model: str | None, list_models: bool, fmt: str, lang: str | None, lenient: bool) -> None:
    """Summarise a model: metadata and counts by layer and type.

    MODEL is a model file (.yaml/.yml/.json), a bundled model name, an exchange .xml
    file, an Archi CSV folder, or - to read stdin.

    \b
    Examples:
        eaframe info vn-province-2.0
        eaframe info --list
    """
    from ..bundled import bundled_models

    if list_models:
        echo("".join(f"{name}\n" for name in bundled_models()), nl=False)
        return
    if model is None:
        raise click.UsageError("give a MODEL, or --list to see the bundled models")
    from ..i18n import INSTRUMENT_KINDS, model_lang, translator

    m = load_or_exit(model, strict=False if lenient else None, lang=lang)
    lang = model_lang(m, lang)
    t = translator(lang)
    md = m.metadata
    counts = m.counts()
    summary = {
        "title": md.title.get(lang, fallback=True),
        "framework_version": md.framework_version,
        "province": md.province.get(lang, fallback=True) if md.province else None,
        "instrument": None,  # its JSON form only for --format json (the text names its fields)
        "realises": md.realises,
        "languages": md.languages,
        "elements": len(m.elements),
        "relationships": len(m.relationships),
        "views": len(m.views),
        "elements_by_layer": dict(sorted(counts["layer"].items())),
        "elements_by_type": dict(sorted(counts["element_type"].items())),
        "relationships_by_type": dict(sorted(counts["relationship_type"].items())),
    }
    if fmt == "json":
        if md.instrument:
            summary["instrument"] = md.instrument.model_dump(mode="json", exclude_none=True)
        echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    lines = [term_safe(summary['title'] or "")]
    words = {"framework_version": t("framework version"), "province": t("province"), "realises": t("realises")}
    for key in ("framework_version", "province", "realises"):
        if summary[key]:
            lines.append(f"  {words[key]}: {term_safe(summary[key])}")
    if md.instrument:
        ins = md.instrument
        lines.append("  " + t("instrument: {kind} {number} of {date}").format(
            kind=t(INSTRUMENT_KINDS.get(ins.kind.value, ins.kind.value)), number=term_safe(ins.number or t("(number unknown)")),
            date=ins.date.isoformat() if ins.date else t("(date unknown)")))
    lines.append("  " + t("languages: {languages}").format(languages=term_safe(', '.join(md.languages))))
    lines.append("  " + t("{elements} elements, {relationships} relationships, {views} views").format(
        elements=summary["elements"], relationships=summary["relationships"], views=summary["views"]))
    lines.append(t("elements by layer:"))
    lines += [f"  {k:<26}{v:>7}" for k, v in summary["elements_by_layer"].items()]
    lines.append(t("elements by type:"))
    lines += [f"  {k:<26}{v:>7}" for k, v in summary["elements_by_type"].items()]
    lines.append(t("relationships by type:"))
    lines += [f"  {k:<26}{v:>7}" for k, v in summary["relationships_by_type"].items()]
    echo("\n".join(lines))


@click.command()
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), metavar="FILE",
              help="Write the schema to this file instead of stdout (- for stdout); missing folders are created.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the messages (wrote FILE, a failed write) [default: en].")
def schema(output: Path | None, lang: str | None) -> None:
    """Print the JSON Schema of model files (for editor validation and autocompletion).

    \b
    Example:
        eaframe schema -o eaframe.schema.json
    """
    from ..schema import model_json_schema

    check_output(output)
    text = json.dumps(model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if write_or_exit(output, text, lang):
        note(msg("wrote {file}", file=output), lang)


COMMANDS = [validate, info, schema]
