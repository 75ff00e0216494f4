"""Core commands: ``validate``, ``info``, ``schema``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..exceptions import EaframeError
from ._common import lang_option, load_or_exit, print_problems

__all__ = ["COMMANDS", "validate", "info", "schema"]


@click.command()
@click.argument("models", nargs=-1, required=True, metavar="MODEL...")
@click.option("--lenient", is_flag=True,
              help="Accept relationships that ArchiMate 3.2 does not allow (report them as warnings).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing for valid models.")
def validate(models: tuple[str, ...], lenient: bool, quiet: bool) -> None:
    """Validate model files or bundled models.

    Every problem of a file is reported at once, as FILE:LINE:COLUMN: PATH (id ID):
    error: MESSAGE. Exits 0 when all are valid, 1 when any is invalid.

    \b
    Example:
        eaframe validate models/dongnai-2020.yaml vn-province-2.0
    """
    from ..modelfile import load

    bad = 0
    for source in models:
        try:
            model = load(source, strict=not lenient)
        except EaframeError as err:
            bad += 1
            print_problems(err)
            continue
        for w in model.warnings:
            click.echo(str(w), err=True)
        if not quiet:
            click.echo(f"{source}: ok ({len(model.elements)} elements, {len(model.relationships)} relationships, "
                       f"{len(model.views)} views)")
    if bad:
        raise SystemExit(1)


@click.command()
@click.argument("model", required=False, metavar="MODEL")
@click.option("--list", "list_models", is_flag=True, help="List the bundled models and exit.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option()
def info(model: str | None, list_models: bool, fmt: str, lang: str) -> None:
    """Summarise a model: metadata and counts by layer and type.

    MODEL is a model file (.yaml/.yml/.json) or a bundled model name.

    \b
    Examples:
        eaframe info vn-province-2.0
        eaframe info --list
    """
    from ..bundled import bundled_models

    if list_models:
        for name in bundled_models():
            click.echo(name)
        return
    if model is None:
        raise click.UsageError("give a MODEL, or --list to see the bundled models")
    m = load_or_exit(model)
    md = m.metadata
    counts = m.counts()
    summary = {
        "title": md.title.get(lang, fallback=True),
        "framework_version": md.framework_version,
        "province": md.province.get(lang, fallback=True) if md.province else None,
        "instrument": md.instrument.model_dump(mode="json", exclude_none=True) if md.instrument else None,
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
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    click.echo(f"{summary['title']}")
    for key in ("framework_version", "province", "realises"):
        if summary[key]:
            click.echo(f"  {key.replace('_', ' ')}: {summary[key]}")
    if md.instrument:
        ins = md.instrument
        click.echo(f"  instrument: {ins.kind.value} {ins.number or '(number unknown)'}"
                   f" of {ins.date.isoformat() if ins.date else '(date unknown)'}")
    click.echo(f"  languages: {', '.join(md.languages)}")
    click.echo(f"  {summary['elements']} elements, {summary['relationships']} relationships, {summary['views']} views")
    click.echo("elements by layer:")
    for k, v in summary["elements_by_layer"].items():
        click.echo(f"  {k:<26}{v:>7}")
    click.echo("elements by type:")
    for k, v in summary["elements_by_type"].items():
        click.echo(f"  {k:<26}{v:>7}")
    click.echo("relationships by type:")
    for k, v in summary["relationships_by_type"].items():
        click.echo(f"  {k:<26}{v:>7}")


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file instead of stdout.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of model files (for editor validation and autocompletion).

    \b
    Example:
        eaframe schema -o eaframe.schema.json
    """
    from ..schema import model_json_schema

    text = json.dumps(model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        from ..modelfile import atomic_write_text

        atomic_write_text(output, text)
        click.echo(f"wrote {output}", err=True)


COMMANDS = [validate, info, schema]
