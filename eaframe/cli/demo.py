"""``eaframe demo``: the main job over the bundled models, into an output folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Optional

import click

from .._files import make_folder
from ..exceptions import EaframeError
from ..modelfile import atomic_write_text
from ._common import check_output, echo, prepare_output
from .check import demo_checks
from .diff import demo_diff
from .merge import demo_merge

__all__ = ["COMMANDS", "demo", "DEMO_STEPS"]


def _summaries(models: dict, out: Path, lang: Optional[str] = None) -> list[str]:
    from ..i18n import model_lang, translator

    lines = []
    for name, m in models.items():
        m_lang = model_lang(m, lang)
        t = translator(m_lang)
        c = m.counts()
        layers = ", ".join(f"{k} {v}" for k, v in sorted(c["layer"].items()))
        lines.append(t("{name}: {title} — {elements} elements, {relationships} relationships, {views} views "
                       "({layers})").format(name=name, title=m.metadata.title.get(m_lang, fallback=True),
                                            elements=len(m.elements), relationships=len(m.relationships),
                                            views=len(m.views), layers=layers))
    atomic_write_text(out / "summary.txt", "\n".join(lines) + "\n")
    return [str(out / "summary.txt")]


def _archimate(models: dict, out: Path) -> list[str]:
    from ..exchange import write_archimate

    folder = out / "archimate"
    make_folder(folder)
    written = []
    for name, m in models.items():
        path = folder / f"{name}.xml"
        write_archimate(m, path)
        written.append(str(path))
    return written


def _provenance(models: dict, out: Path, lang: Optional[str] = None) -> list[str]:
    # What is known vs assumed in each model: concepts by confidence tag, and the
    # illustrative (confidence I) figures that must never be cited as facts. In ``lang``
    # (``None``: English).
    from ..i18n import translator

    t = translator(lang or "en")
    tags = ("V", "V2", "K", "I")
    lines = [t("# Provenance of the bundled models"), "", f"| {t('Model')} | " + " | ".join(tags) + " |",
             "| --- |" + " ---: |" * len(tags)]
    figures = []
    for name, m in models.items():
        counts = {t: 0 for t in tags}
        for c in m.concepts():
            if c.confidence is not None:
                counts[c.confidence.value] += 1
            if getattr(c, "dossiers_total", None) is not None and c.confidence is not None \
                    and c.confidence.value == "I":
                figures.append(t("- {name} `{id}`: {online} of {total} dossiers online (illustrative)").format(
                    name=name, id=c.id, online=c.dossiers_online, total=c.dossiers_total))
        lines.append(f"| {name} | " + " | ".join(str(counts[t]) for t in tags) + " |")
    lines += ["", t("Illustrative figures (confidence I, not sourced):"), ""] + (figures or [t("- none")])
    path = out / "provenance.md"
    atomic_write_text(path, "\n".join(lines) + "\n")
    return [str(path)]


def _reports(models: dict, out: Path) -> list[str]:
    from .report import demo_reports

    return demo_reports(models, out)


def _diagrams(models: dict, out: Path, lang: Optional[str] = None) -> list[str]:
    from .render import demo_diagrams

    return demo_diagrams(models, out, lang=lang)


#: The demo's steps after validation: (title, function(models, out) -> written paths).
DEMO_STEPS: list[tuple[str, Callable[[dict, Path], list[str]]]] = [
    ("summarise", _summaries),
    ("diff", demo_diff),
    ("merge", demo_merge),
    ("archimate", _archimate),
    ("provenance", _provenance),
    ("check", demo_checks),
    ("render", _diagrams),
    ("report", _reports),
]


#: The steps that write eaframe's text in a language (they take ``lang=``).
_WITH_LANG = (_summaries, demo_checks, demo_merge, _provenance, _diagrams)


@click.command()
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), metavar="DIRECTORY",
              default=Path("demo-output"), show_default=True,
              help="Folder for everything the demo writes; missing folders are created.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the summaries, check reports and merge report [default: each model's first "
                   "language], and of the provenance table, progress lines and notes [default: en].")
def demo(output: Path, lang: Optional[str]) -> None:
    """Run the main job over the bundled models.

    Validates every bundled model, then summarises them (and diffs, checks, exports
    and renders them as those features are available), writing into OUTPUT.

    \b
    Example:
        eaframe demo -o demo-output
        eaframe demo -o demo-output --lang en
    """
    from ..bundled import bundled_models
    from ..i18n import localize, msg
    from ..modelfile import load
    from ._common import fail

    check_output(output, folder=True, stdout="the demo writes many files into a folder")
    prepare_output(output, folder=True, lang=lang)
    models = {}
    names = bundled_models()
    if not names:
        raise click.ClickException("no bundled models found; is the package installed correctly?")
    for name in names:
        try:
            models[name] = load(name)
        except EaframeError as err:
            fail(err, lang)
        m = models[name]
        echo(localize(msg("validate  {name}: ok ({elements} elements, {relationships} relationships)", name=name,
                          elements=len(m.elements), relationships=len(m.relationships)), lang))
    for title, step in DEMO_STEPS:
        try:
            written = step(models, output, lang=lang) if step in _WITH_LANG else step(models, output)
        except EaframeError as err:
            fail(err, lang)
        for path in written:
            echo(f"{title:<9} {path}")
    echo(localize(msg("done: outputs in {folder}/", folder=output), lang))


COMMANDS = [demo]
