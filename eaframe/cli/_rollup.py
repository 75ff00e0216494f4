"""``eaframe check A B C`` / ``--summary``: the national roll-up of many models (see eaframe/checks/rollup.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

import click

from .._text import term_safe
from ..exceptions import EaframeError
from ..i18n import localize, msg
from ._common import fail, load_model, load_or_exit, note, print_problems, print_warnings, write_or_exit

if TYPE_CHECKING:
    from ..model import ArchitectureModel

__all__ = ["run_rollup", "ROLLUP_FORMATS"]

#: Output formats of the roll-up (``sarif`` is for one model only).
ROLLUP_FORMATS = ("text", "json", "csv", "html")


def _models(sources: tuple[str, ...], lang: Callable[[], Optional[str]] = lambda: None
            ) -> Iterator[tuple[str, Union[ArchitectureModel, EaframeError]]]:
    """Each source read leniently, its warnings on stderr; one that cannot be read is
    reported on stderr and passed on as its error (a failed row), and the roll-up goes on.
    ``lang()`` is the language of the messages (``None``: English), asked for each model."""
    for source in sources:
        try:
            model = load_model(source, strict=False)
        except EaframeError as err:
            print_problems(err, lang())
            note = msg("{source}: not checked; the roll-up lists it as failed", source=source)
            click.echo(term_safe(localize(note, lang())), err=True)
            yield source, err
            continue
        print_warnings(model, source, rules=False, lang=lang())  # such relationships are findings of rule EGOV-H1
        yield source, model


def run_rollup(sources: tuple[str, ...], *, select: tuple[str, ...], skip: tuple[str, ...],
               min_severity: Optional[str], fmt: str, framework: Optional[str], as_of: Optional[date],
               framework_model: Optional[str], lenient: bool, output: Optional[Path],
               report_base: Optional[str], lang: Optional[str] = None) -> None:
    """Check every source, print or write the roll-up table; exit 1 when a model failed or has errors."""
    from ..checks.rollup import rollup

    if fmt not in ROLLUP_FORMATS:
        raise click.UsageError(f"--format {fmt} is for one model; the roll-up is written as "
                               f"{', '.join(ROLLUP_FORMATS)}")
    from ..i18n import model_lang

    fw = load_or_exit(framework_model, strict=False if lenient else None, lang=lang) if framework_model else None
    first: list[str] = []

    def models() -> Iterator[tuple[str, Union[ArchitectureModel, EaframeError]]]:
        # messages in --lang, else (for the text table, written in it) the first readable model's
        # language once it is known
        for source, model in _models(sources, lambda: lang or (first[0] if first and fmt == "text" else None)):
            if not first and not isinstance(model, EaframeError):
                first.append(model_lang(model))  # the default language: the first model's first language
            yield source, model

    try:
        result = rollup(models(), as_of=as_of, framework=framework, select=select or None,
                        skip=skip or None, min_severity=min_severity, framework_model=fw,
                        report_base=report_base)
    except EaframeError as err:
        fail(err)
    out_lang = lang or (first[0] if first else "en")
    text = result.to_text(lang=out_lang) if fmt == "text" else {
        "json": result.to_json, "csv": result.to_csv, "html": result.to_html}[fmt]()
    if write_or_exit(output, text, lang):
        t = result.totals()
        c = t["counts"]
        note(msg("wrote {file} ({models} models, {failed} failed; {errors} errors, {warnings} warnings, {info} info)",
                 file=output, models=t["provinces"], failed=t["failed"], errors=c["error"], warnings=c["warning"],
                 info=c["info"]), lang)
    if not result.ok:
        raise SystemExit(1)
