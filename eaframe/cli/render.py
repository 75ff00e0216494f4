"""Diagram commands: ``render``, ``render-diff``, ``render-findings``."""

from __future__ import annotations

import json
import re
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

import click

from ..exceptions import EaframeError, RenderError
from ._common import (
    STDIN_NAME,
    check_output,
    echo,
    fail,
    is_special_file,
    is_stdio,
    lenient_option,
    load_or_exit,
    model_lang_option,
    note,
    one_stdin,
    prepare_output,
    read_stdin,
    write_or_exit,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..render.views import DiagramView

__all__ = ["COMMANDS", "render", "render_diff", "render_findings", "demo_diagrams"]

_OUT_HELP = ("Output file, in the format of its extension: .svg, .png, .pdf or .dot (.gv); "
             "'-' for stdout (see --format). Missing folders are created.")
_FORMAT_HELP = "Format when -o is - (stdout) or a device or pipe (default svg); a file's extension decides otherwise."
_FORMATS = ("svg", "png", "pdf", "dot")
_LAYOUTS = ("auto", "stored", "graphviz")


def _format_of(output: Path, fmt: Optional[str], inputs: tuple) -> str:
    """The diagram format for ``-o output``; usage errors (exit 2) for a bad output."""
    from ..render.output import format_from_path

    check_output(output, inputs=inputs)
    if is_stdio(output) or is_special_file(output):
        return fmt or "svg"
    try:
        ext = format_from_path(output)
    except RenderError:
        raise click.BadParameter(f"{output}: unknown extension {output.suffix or '(none)'!r}; "
                                 "use .svg, .png, .pdf or .dot", param_hint="'-o'") from None
    if fmt is not None and fmt != ext:
        raise click.BadParameter(f"--format {fmt} does not match the extension of {output}; leave out --format",
                                 param_hint="'--format'")
    return ext


def _write(obj, out: Path, fmt: str, words: Optional[str] = None, **kwargs) -> None:
    """Draw ``obj`` into ``out``; ``words`` is the language of the messages (``None``: English)."""
    from ..i18n import msg
    from ..render import render as draw

    try:
        diagram = draw(obj, format=fmt, **kwargs)
        data = diagram.source if fmt == "dot" else diagram.data()
    except EaframeError as err:
        fail(err, words)
    if write_or_exit(out, data, words):
        note(msg("wrote {file}", file=out), words)


def _safe_name(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", s).strip("._") or "view"


@click.command()
@click.argument("model", metavar="MODEL")
@click.option("--view", "view_name", metavar="NAME",
              help="A view stored in the model: its id (also the id it has in the Archi file it was read from) "
                   "or its name.")
@click.option("--kind", type=click.Choice(["layered", "interconnection", "neighbourhood"]),
              help="A built-in view kind (default: layered, the whole model).")
@click.option("--focus", metavar="ID",
              help="Focus element of a neighbourhood view (its id, also as in the Archi file).")
@click.option("--depth", type=click.IntRange(0, 20), default=1, show_default=True,
              help="Radius of a neighbourhood view, in relationships.")
@model_lang_option()
@click.option("--legend", is_flag=True, help="Add a legend (layer colours, relationship styles).")
@click.option("--all-views", is_flag=True,
              help="Render every stored view plus the layered and interconnection views into the folder -o DIR.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default=None,
              help="Format of --all-views files, or of -o - (stdout) or a device or pipe (default svg); "
                   "for one file the extension decides.")
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), required=True,
              help=_OUT_HELP + " With --all-views, the folder to write into.")
@click.option("--layout", type=click.Choice(_LAYOUTS), default="auto", show_default=True,
              help="How a stored view is placed: 'stored' draws it as drawn, from the geometry it was imported "
                   "with (boxes, nesting, bendpoints, colours); 'graphviz' lays it out anew; 'auto' uses the "
                   "stored geometry when the view has it, Graphviz otherwise.")
@lenient_option()
def render(model: str, view_name: Optional[str], kind: Optional[str], focus: Optional[str], depth: int,
           lang: Optional[str], legend: bool, all_views: bool, fmt: Optional[str], output: Path, layout: str,
           lenient: bool) -> None:
    """Draw a model as an ArchiMate-style diagram with Graphviz.

    MODEL is a model file, a bundled model name, an exchange .xml file, an Archi CSV
    folder, or - to read stdin. Without --view or --kind the layered view of the whole model is drawn. SVG, PNG and PDF need the Graphviz
    `dot` program; DOT output (-o FILE.dot) does not. A view imported with its
    diagram (from an exchange or Archi file) is drawn as it was drawn, from its stored
    geometry and without a legend, unless --layout graphviz is given.

    \b
    Examples:
        eaframe render dongnai-2020 -o dongnai.svg
        eaframe render dongnai-2020 --kind interconnection --lang en -o inter.png
        eaframe render vn-province-2.0 --kind neighbourhood --focus prov.lgsp --depth 2 -o lgsp.svg
        eaframe render dongnai-2020 --all-views -o diagrams/
        eaframe render dongnai-2020 --format png -o - > dongnai.png
        eaframe render archisurance.xml --view "Business Process View" -o process.png
        eaframe render archisurance.xml --view id-3761 --layout graphviz -o relaid.svg
        eaframe render Archisurance.archimate --view 3761 -o drawn.svg
    """
    if all_views:
        if view_name or kind or focus:
            raise click.UsageError("--all-views draws every view; do not combine it with --view/--kind/--focus")
        if layout == "stored":
            raise click.UsageError("--layout stored draws one view that has stored geometry: use it with --view ID "
                                   "(--all-views takes --layout auto or graphviz)")
        check_output(output, folder=True, stdout="--all-views writes one file per view into a folder")
        _render_all(model, output, fmt or "svg", lang, legend, lenient, layout)
        return
    if view_name and (kind or focus):
        raise click.UsageError("give either --view NAME or --kind/--focus, not both")
    if kind == "neighbourhood" and not focus:
        raise click.UsageError("--kind neighbourhood needs --focus ID")
    if layout == "stored" and not view_name:
        raise click.UsageError("--layout stored draws a stored view from its geometry: give --view ID")
    if layout == "stored" and legend:
        raise click.UsageError("--layout stored draws the view as it was drawn, without a legend; "
                               "leave out --legend or use --layout graphviz")
    fmt = _format_of(output, fmt, (model,))
    m = load_or_exit(model, strict=False if lenient else None, lang=lang)
    if layout == "stored" and view_name:
        _need_geometry(m, view_name)
    elif layout == "auto" and view_name and legend:
        _note_no_legend(m, view_name, lang)
    from ..i18n import model_lang

    _write(m, output, fmt, lang, view=view_name, kind=kind, focus=focus, depth=depth, lang=model_lang(m, lang), legend=legend,
           layout=layout)


def _need_geometry(m, view_name: str) -> None:
    """A usage error (exit 2) naming the view when ``--layout stored`` is asked of a view without geometry."""
    from ..render.stored import has_geometry

    try:
        v = m.view(view_name)
    except KeyError as err:
        fail(RenderError(str(err.args[0])))
    if not has_geometry(v):
        raise click.BadParameter(f"view {v.id!r} has no stored diagram geometry (it was not imported with a "
                                 "drawing); use --layout auto or graphviz", param_hint="'--layout'")


def _note_no_legend(m, view_name: str, lang: Optional[str] = None) -> None:
    """Say on stderr (in ``lang``; ``None``: English) that ``--legend`` is not drawn on a view drawn
    from its stored geometry."""
    from ..i18n import msg
    from ..render.stored import has_geometry

    try:
        v = m.view(view_name)
    except KeyError:
        return  # rendering reports the unknown view
    if has_geometry(v):
        note(msg("note: view {view!r} is drawn as stored, without a legend; use --layout graphviz for a diagram "
                 "with a legend", view=v.id), lang)


def _render_all(model: str, folder: Path, fmt: str, lang: Optional[str], legend: bool, lenient: bool = False,
                layout: str = "auto") -> None:
    from ..i18n import model_lang
    from ..render.output import write_bytes_or_text
    from ..render.stored import has_geometry
    from ..render.views import interconnection, layered, stored_view

    m = load_or_exit(model, strict=False if lenient else None, lang=lang)
    words, lang = lang, model_lang(m, lang)
    prepare_output(folder, folder=True, lang=words)
    jobs: list[tuple[str, Callable[[], Union[str, bytes]]]] = [
        ("layered", partial(_layout_data, partial(layered, m), lang, legend, fmt)),
        ("interconnection", partial(_layout_data, partial(interconnection, m), lang, legend, fmt))]
    for v in m.views:
        if layout == "auto" and has_geometry(v):
            jobs.append((v.id, partial(_stored_data, m, v.id, lang, fmt)))
        else:
            jobs.append((v.id, partial(_layout_data, partial(stored_view, m, v.id), lang, legend, fmt)))
    written = []
    from ..i18n import localize, msg

    label = localize(msg("rendering {n} views", n=len(jobs)), words)
    with click.progressbar(jobs, label=label, file=sys.stderr,
                           item_show_func=lambda j: j[0] if j else None) as bar:
        for name, make in bar:
            try:
                written.append(write_bytes_or_text(folder / f"{_safe_name(name)}.{fmt}", make()))
            except EaframeError as err:
                fail(err, words)
    echo("".join(f"{p}\n" for p in written), nl=False)


def _stored_data(m, view_id: str, lang: str, fmt: str) -> Union[str, bytes]:
    from ..render.stored import render_stored

    d = render_stored(m, view_id, lang=lang, format=fmt)
    return d.source if fmt == "dot" else d.data()


def _layout_data(make: Callable[[], DiagramView], lang: str, legend: bool, fmt: str) -> Union[str, bytes]:
    from ..render.dot import to_dot
    from ..render.output import render_dot

    return render_dot(to_dot(make(), lang=lang, legend=legend), fmt)


@click.command("render-diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--only-changes", is_flag=True, help="Leave out unchanged elements not touching a change.")
@model_lang_option()
@click.option("--legend", is_flag=True, help="Add a legend (status colours, relationship styles).")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default=None, help=_FORMAT_HELP)
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), metavar="FILE", required=True,
              help=_OUT_HELP)
@lenient_option()
def render_diff(old: str, new: str, only_changes: bool, lang: Optional[str], legend: bool, fmt: Optional[str],
                output: Path, lenient: bool) -> None:
    """Draw two versions of a model overlaid: added green, removed red dashed,
    changed amber, unchanged grey.

    OLD and NEW are models (model files, bundled model names, exchange .xml files or
    Archi CSV folders); one of them can be - to read stdin.

    \b
    Examples:
        eaframe render-diff vn-province-1.0 vn-province-2.0 -o framework-diff.svg
        eaframe render-diff dongnai-2019 dongnai-2020 --only-changes -o dongnai-diff.png
    """
    from ..i18n import model_lang
    from ..render.views import diff_view

    one_stdin(old, new)
    fmt = _format_of(output, fmt, (old, new))
    a = load_or_exit(old, strict=False if lenient else None, lang=lang)
    b = load_or_exit(new, strict=False if lenient else None, lang=lang)
    try:
        view = diff_view(a, b, only_changes=only_changes)
    except EaframeError as err:
        fail(err, lang)
    _write(view, output, fmt, lang, lang=model_lang(b, lang), legend=legend)


def _findings_from_file(source: Path, lang: Optional[str] = None) -> list:
    """The findings of a JSON check report (``eaframe check --format json``) or of a list of its entries;
    a file that holds none exits 1, the error in ``lang`` (``None``: English)."""
    from ..checks import Finding
    from ..i18n import Msg

    path = STDIN_NAME if is_stdio(source) else source
    try:
        data = json.loads(read_stdin().decode("utf-8") if is_stdio(source) else source.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        fail(RenderError(Msg("{file}: not UTF-8 text (byte {byte}): save the file as UTF-8", file=path,
                             byte=err.start)), lang)
    except OSError as err:
        fail(RenderError(Msg("{file}: cannot read findings: {reason}", file=path, reason=err.strerror or str(err))),
             lang)
    except json.JSONDecodeError as err:
        fail(RenderError(Msg("{file}:{line}:{column}: not valid JSON: {detail}", file=path, line=err.lineno,
                             column=err.colno, detail=err.msg)), lang)
    if isinstance(data, dict) and "findings" in data:
        data = data["findings"]
    if not isinstance(data, list):
        fail(RenderError(Msg("{file}: expected the JSON report of 'eaframe check --format json' (an object with a "
                             "'findings' list) or a list of its findings", file=path)), lang)
    out = []
    for k, item in enumerate(data):
        try:
            out.append(Finding.from_dict(item))
        except ValueError as err:
            fail(RenderError(Msg("{file}: findings[{k}]: {detail} (write findings as 'eaframe check --format json' "
                                 "does: rule, severity, message, elements, relationships, missing)", file=path, k=k,
                                 detail=err.args[0] if len(err.args) == 1 else str(err))), lang)
    return out


@click.command("render-findings")
@click.argument("model", metavar="MODEL")
@click.option("--findings", "findings_file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="JSON check report of 'eaframe check --format json', - for stdin (default: run eaframe's checks on MODEL).")
@click.option("--context", type=click.IntRange(0, 5), default=1, show_default=True,
              help="Also show elements within this many relationships of a finding.")
@model_lang_option()
@click.option("--legend", is_flag=True, help="Add a legend.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default=None, help=_FORMAT_HELP)
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), metavar="FILE", required=True,
              help=_OUT_HELP)
@lenient_option()
def render_findings(model: str, findings_file: Optional[Path], context: int, lang: Optional[str], legend: bool,
                    fmt: Optional[str], output: Path, lenient: bool) -> None:
    """Draw check findings: the elements and relationships concerned highlighted,
    missing required connections as dashed red edges labelled with the rule id.

    \b
    Examples:
        eaframe render-findings dongnai-2019 -o gaps.svg
        eaframe render-findings my-model.yaml --findings findings.json -o gaps.png
    """
    from ..i18n import model_lang
    from ..render import _run_checks
    from ..render.views import findings_view

    one_stdin(model, findings_file)
    fmt = _format_of(output, fmt, (model, findings_file))
    m = load_or_exit(model, strict=False if lenient else None, lang=lang)
    try:
        findings = _findings_from_file(findings_file, lang) if findings_file else _run_checks(m)
        view = findings_view(m, findings, context=context)
    except EaframeError as err:
        fail(err, lang)
    _write(view, output, fmt, lang, lang=model_lang(m, lang), legend=legend)


def demo_diagrams(models: dict, out: Path, lang: Optional[str] = None) -> list[str]:
    """The demo step: layered and interconnection views of every bundled model as SVG.

    Without Graphviz the DOT sources are written instead (with a note on stderr, in ``lang``;
    ``None``: English).
    """
    from ..i18n import msg
    from ..render.dot import to_dot
    from ..render.output import find_dot, render_dot, write_bytes_or_text
    from ..render.views import interconnection, layered

    fmt = "svg"
    try:
        find_dot()
    except EaframeError as err:
        note(msg("note: {error}; writing DOT sources instead of SVG",
                 error=err.args[0] if len(err.args) == 1 else str(err)), lang)
        fmt = "dot"
    from .._files import make_folder

    folder = out / "diagrams"
    make_folder(folder)
    written = []
    for name, m in models.items():
        for kind, make in (("layered", layered), ("interconnection", interconnection)):
            path = folder / f"{name}.{kind}.{fmt}"
            write_bytes_or_text(path, render_dot(to_dot(make(m), lang="vi", legend=True), fmt))
            written.append(str(path))
    return written


COMMANDS = [render, render_diff, render_findings]
