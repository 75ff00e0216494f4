"""``eaframe demo``: the main job over the bundled models, into an output folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from ..exceptions import EaframeError
from .diff import demo_diff

__all__ = ["COMMANDS", "demo", "DEMO_STEPS"]


def _summaries(models: dict, out: Path) -> list[str]:
    lines = []
    for name, m in models.items():
        c = m.counts()
        layers = ", ".join(f"{k} {v}" for k, v in sorted(c["layer"].items()))
        lines.append(f"{name}: {m.metadata.title.get('en', fallback=True)} — {len(m.elements)} elements, "
                     f"{len(m.relationships)} relationships, {len(m.views)} views ({layers})")
    (out / "summary.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(out / "summary.txt")]


#: The demo's steps after validation: (title, function(models, out) -> written paths).
DEMO_STEPS: list[tuple[str, Callable[[dict, Path], list[str]]]] = [
    ("summarise", _summaries),
    ("diff", demo_diff),
]


@click.command()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("demo-output"),
              show_default=True, help="Folder for everything the demo writes.")
def demo(output: Path) -> None:
    """Run the main job over the bundled models.

    Validates every bundled model, then summarises them (and diffs, checks, exports
    and renders them as those features are available), writing into OUTPUT.

    \b
    Example:
        eaframe demo -o demo-output
    """
    from ..bundled import bundled_models
    from ..modelfile import load
    from ._common import fail

    output.mkdir(parents=True, exist_ok=True)
    models = {}
    names = bundled_models()
    if not names:
        raise click.ClickException("no bundled models found; is the package installed correctly?")
    for name in names:
        try:
            models[name] = load(name)
        except EaframeError as err:
            fail(err)
        m = models[name]
        click.echo(f"validate  {name}: ok ({len(m.elements)} elements, {len(m.relationships)} relationships)")
    for title, step in DEMO_STEPS:
        try:
            written = step(models, output)
        except EaframeError as err:
            fail(err)
        for path in written:
            click.echo(f"{title:<9} {path}")
    click.echo(f"done: outputs in {output}/")


COMMANDS = [demo]
