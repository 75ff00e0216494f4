"""Diagram commands: ``render``, ``render-diff``, ``render-findings``."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Optional

import click

from ..exceptions import EaframeError, RenderError
from ._common import fail, lang_option, load_or_exit

__all__ = ["COMMANDS", "render", "render_diff", "render_findings", "demo_diagrams"]

_OUT_HELP = "Output file; the format comes from the extension: .svg, .png, .pdf or .dot."


def _write(obj, out: Path, **kwargs) -> None:
    from ..render import write_diagram

    try:
        write_diagram(obj, out, **kwargs)
    except EaframeError as err:
        fail(err)
    click.echo(f"wrote {out}", err=True)


def _safe_name(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", s).strip("._") or "view"


@click.command()
@click.argument("model", metavar="MODEL")
@click.option("--view", "view_name", metavar="NAME", help="A view stored in the model (id or name).")
@click.option("--kind", type=click.Choice(["layered", "interconnection", "neighbourhood"]),
              help="A built-in view kind (default: layered, the whole model).")
@click.option("--focus", metavar="ID", help="Focus element of a neighbourhood view.")
@click.option("--depth", type=click.IntRange(0, 20), default=1, show_default=True,
              help="Radius of a neighbourhood view, in relationships.")
@lang_option()
@click.option("--legend", is_flag=True, help="Add a legend (layer colours, relationship styles).")
@click.option("--all-views", is_flag=True,
              help="Render every stored view plus the layered and interconnection views into the folder -o DIR.")
@click.option("--format", "fmt", type=click.Choice(["svg", "png", "pdf", "dot"]), default=None,
              help="Format of --all-views files (default svg); for one file the extension decides.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help=_OUT_HELP)
def render(model: str, view_name: Optional[str], kind: Optional[str], focus: Optional[str], depth: int,
           lang: str, legend: bool, all_views: bool, fmt: Optional[str], output: Path) -> None:
    """Draw a model as an ArchiMate-style diagram with Graphviz.

    MODEL is a model file or a bundled model name. Without --view or --kind the
    layered view of the whole model is drawn. SVG, PNG and PDF need the Graphviz
    `dot` program; DOT output (-o FILE.dot) does not.

    \b
    Examples:
        eaframe render dongnai-2020 -o dongnai.svg
        eaframe render dongnai-2020 --kind interconnection --lang en -o inter.png
        eaframe render vn-province-2.0 --kind neighbourhood --focus prov.lgsp --depth 2 -o lgsp.svg
        eaframe render dongnai-2020 --all-views -o diagrams/
    """
    if all_views:
        if view_name or kind or focus:
            raise click.UsageError("--all-views draws every view; do not combine it with --view/--kind/--focus")
        _render_all(model, output, fmt or "svg", lang, legend)
        return
    if fmt is not None:
        raise click.UsageError("--format applies to --all-views; for one file the extension of -o decides")
    if view_name and (kind or focus):
        raise click.UsageError("give either --view NAME or --kind/--focus, not both")
    if kind == "neighbourhood" and not focus:
        raise click.UsageError("--kind neighbourhood needs --focus ID")
    m = load_or_exit(model)
    _write(m, output, view=view_name, kind=kind, focus=focus, depth=depth, lang=lang, legend=legend, format=fmt)


def _render_all(model: str, folder: Path, fmt: str, lang: str, legend: bool) -> None:
    from ..render.dot import to_dot
    from ..render.output import render_dot, write_bytes_or_text
    from ..render.views import interconnection, layered, stored_view

    m = load_or_exit(model)
    if folder.exists() and not folder.is_dir():
        fail(RenderError(f"{folder} is a file; --all-views writes into a folder"))
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [("layered", lambda: layered(m)), ("interconnection", lambda: interconnection(m))]
    jobs += [(v.id, (lambda vid=v.id: stored_view(m, vid))) for v in m.views]
    written = []
    with click.progressbar(jobs, label=f"rendering {len(jobs)} views", file=sys.stderr,
                           item_show_func=lambda j: j[0] if j else None) as bar:
        for name, make in bar:
            try:
                data = render_dot(to_dot(make(), lang=lang, legend=legend), fmt)
                written.append(write_bytes_or_text(folder / f"{_safe_name(name)}.{fmt}", data))
            except EaframeError as err:
                fail(err)
    for p in written:
        click.echo(str(p))


@click.command("render-diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--only-changes", is_flag=True, help="Leave out unchanged elements not touching a change.")
@lang_option()
@click.option("--legend", is_flag=True, help="Add a legend (status colours, relationship styles).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help=_OUT_HELP)
def render_diff(old: str, new: str, only_changes: bool, lang: str, legend: bool, output: Path) -> None:
    """Draw two versions of a model overlaid: added green, removed red dashed,
    changed amber, unchanged grey.

    OLD and NEW are model files or bundled model names.

    \b
    Examples:
        eaframe render-diff vn-province-1.0 vn-province-2.0 -o framework-diff.svg
        eaframe render-diff dongnai-2019 dongnai-2020 --only-changes -o dongnai-diff.png
    """
    from ..render.views import diff_view

    a, b = load_or_exit(old), load_or_exit(new)
    try:
        view = diff_view(a, b, only_changes=only_changes)
    except EaframeError as err:
        fail(err)
    _write(view, output, lang=lang, legend=legend)


def _findings_from_file(path: Path) -> list:
    """The findings of a JSON check report (``eaframe check --format json``) or of a list of its entries."""
    from ..checks import Finding

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        fail(RenderError(f"{path}: cannot read findings: {err.strerror or err}"))
    except json.JSONDecodeError as err:
        fail(RenderError(f"{path}:{err.lineno}:{err.colno}: not valid JSON: {err.msg}"))
    if isinstance(data, dict) and "findings" in data:
        data = data["findings"]
    if not isinstance(data, list):
        fail(RenderError(f"{path}: expected the JSON report of 'eaframe check --format json' (an object with a "
                         f"'findings' list) or a list of its findings"))
    out = []
    for k, item in enumerate(data):
        try:
            out.append(Finding.from_dict(item))
        except ValueError as err:
            fail(RenderError(f"{path}: findings[{k}]: {err} (write findings as 'eaframe check --format json' "
                             f"does: rule, severity, message, elements, relationships, missing)"))
    return out


@click.command("render-findings")
@click.argument("model", metavar="MODEL")
@click.option("--findings", "findings_file", type=click.Path(dir_okay=False, path_type=Path),
              help="JSON check report of 'eaframe check --format json' (default: run eaframe's checks on MODEL).")
@click.option("--context", type=click.IntRange(0, 5), default=1, show_default=True,
              help="Also show elements within this many relationships of a finding.")
@lang_option()
@click.option("--legend", is_flag=True, help="Add a legend.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help=_OUT_HELP)
def render_findings(model: str, findings_file: Optional[Path], context: int, lang: str, legend: bool,
                    output: Path) -> None:
    """Draw check findings: the elements and relationships concerned highlighted,
    missing required connections as dashed red edges labelled with the rule id.

    \b
    Examples:
        eaframe render-findings dongnai-2019 -o gaps.svg
        eaframe render-findings my-model.yaml --findings findings.json -o gaps.png
    """
    from ..render import _run_checks
    from ..render.views import findings_view

    m = load_or_exit(model)
    try:
        findings = _findings_from_file(findings_file) if findings_file else _run_checks(m)
        view = findings_view(m, findings, context=context)
    except EaframeError as err:
        fail(err)
    _write(view, output, lang=lang, legend=legend)


def demo_diagrams(models: dict, out: Path) -> list[str]:
    """The demo step: layered and interconnection views of every bundled model as SVG.

    Without Graphviz the DOT sources are written instead (with a note on stderr).
    """
    from ..render.dot import to_dot
    from ..render.output import find_dot, render_dot, write_bytes_or_text
    from ..render.views import interconnection, layered

    fmt = "svg"
    try:
        find_dot()
    except EaframeError as err:
        click.echo(f"note: {err}; writing DOT sources instead of SVG", err=True)
        fmt = "dot"
    folder = out / "diagrams"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, m in models.items():
        for kind, make in (("layered", layered), ("interconnection", interconnection)):
            path = folder / f"{name}.{kind}.{fmt}"
            write_bytes_or_text(path, render_dot(to_dot(make(m), lang="vi", legend=True), fmt))
            written.append(str(path))
    return written


COMMANDS = [render, render_diff, render_findings]
