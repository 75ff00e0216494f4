"""``eaframe report``: the static HTML site of a model."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ..exceptions import EaframeError, OutputError
from ._common import check_output, fail, lenient_option, load_or_exit, model_lang_option, note

__all__ = ["COMMANDS", "report", "demo_reports"]


@click.command()
@click.argument("model", metavar="MODEL")
@model_lang_option()
@lenient_option()
@click.option("--no-checks", is_flag=True, help="Leave out the check findings and the target scorecard.")
@click.option("--no-diagrams", is_flag=True, help="Do not draw the views (no Graphviz needed; faster).")
@click.option("--since", "since", metavar="OLD_MODEL", default=None,
              help="An older version of MODEL: add a 'what changed' page (the diff, names not ids).")
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), required=True,
              help="The site folder: created, or replaced whole if it is empty or an earlier site.")
def report(model: str, lang: Optional[str], lenient: bool, no_checks: bool, no_diagrams: bool, since: Optional[str],
           output: Path) -> None:
    """Write an offline HTML site of MODEL: overview, element and view pages, checks and scorecard.

    MODEL is a model file, a bundled model name, or - to read YAML or JSON from stdin.
    The site has an index page (metadata, counts, confidence mix, sources), a page per
    element and per view (the diagram, each element linking to its page; drawing needs
    the Graphviz `dot` program), the check findings and the target scorecard, search
    over names without diacritics, and a vi/en switch for the names (--lang picks the
    language shown first and the language of the pages' own text). Links are relative: open index.html from disk or publish the folder on any
    static web server. The site is built beside the folder and renamed into place, so a
    failure leaves the folder as it was. With --since OLD_MODEL (read like MODEL), the
    site also has a "what changed" page: what was added, removed, modified, renamed or
    retyped since OLD_MODEL, by name, linking to the element pages; provenance-only
    changes are counted and listed behind a toggle.

    \b
    Examples:
        eaframe report dongnai-2020 -o site/
        eaframe report my-model.yaml --lang en --no-diagrams -o public/
        eaframe report dongnai-2020 --since dongnai-2019 -o site/
    """
    from ..report import check_site_folder, write_site

    if since == "-" and model == "-":
        raise click.BadParameter("MODEL and --since cannot both be read from stdin (-); give one of them as a file",
                                 param_hint="'--since'")
    check_output(output, inputs=(model,) if since is None else (model, since), folder=True, stdout="the report is a folder of pages")
    try:
        check_site_folder(output)
    except EaframeError as err:
        raise click.BadParameter(str(err), param_hint="'-o'") from None
    m = load_or_exit(model, strict=False if lenient else None, lang=lang)
    old = load_or_exit(since, strict=False if lenient else None, lang=lang) if since is not None else None
    try:
        site = write_site(m, output, lang=lang, checks=not no_checks, diagrams=not no_diagrams, since=old)
    except OutputError as err:
        fail(err, lang)
    except EaframeError as err:
        fail(err)
    from ..i18n import msg

    if site.note:
        note(msg("note: diagrams not drawn: {reason}", reason=site.note), lang)
    note(msg("wrote {file}: {pages} pages, {diagrams} diagrams; open {index}", file=output, pages=site.pages,
             diagrams=site.diagrams, index=output / "index.html"), lang)


def demo_reports(models: dict, out: Path) -> list[str]:
    """The demo step: the site of every bundled model in ``out/report/NAME/``."""
    from ..report import write_site

    written = []
    for name, m in models.items():
        site = write_site(m, out / "report" / name)
        written.append(str(site.folder / "index.html"))
    return written


COMMANDS = [report]
