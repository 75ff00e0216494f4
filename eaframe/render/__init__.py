"""Diagrams: ArchiMate-style Graphviz pictures of models, views, diffs and findings.

:func:`render` is one call from a model (or a view, or two versions, or check
findings) to a picture: a :class:`~eaframe.render.rendered.RenderedDiagram` holding the DOT
source (no Graphviz needed) that renders SVG/PNG/PDF bytes when asked (``bytes(d)``,
``d.svg``, ``d.png``, ``d.save(path)``: the Graphviz ``dot`` program renders them)
and displays itself in Jupyter, scaled to the cell.
:func:`write_diagram` writes the same to a file, the format taken from the
extension. Modules: :mod:`~eaframe.render.styles` (notation),
:mod:`~eaframe.render.views` (which elements a diagram shows),
:mod:`~eaframe.render.dot` (DOT text), :mod:`~eaframe.render.output` (Graphviz and
files).

Examples
--------
>>> import eaframe
>>> m = eaframe.synthetic_model(30, seed=0)
>>> d = eaframe.render(m, kind="neighbourhood", focus="e0", depth=1, format="dot", lang="en")
>>> d.source.startswith('digraph "eaframe"')
True
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from ..exceptions import RenderError
from .rendered import RenderedDiagram
from .views import DiagramView, build_view, diff_view, findings_view

if TYPE_CHECKING:
    from ..checks import Finding

__all__ = ["render", "write_diagram", "to_view", "DiagramView", "RenderedDiagram"]


def _is_model(obj) -> bool:
    from ..model import ArchitectureModel

    return isinstance(obj, ArchitectureModel)


def _is_pair(obj) -> bool:
    """Whether ``obj`` is a pair ``(old, new)`` of models (drawn as a diff view)."""
    return isinstance(obj, tuple) and len(obj) == 2 and all(_is_model(x) for x in obj)


def _run_checks(model) -> list[Finding]:
    """The error and warning findings of :func:`eaframe.checks.run_checks` on ``model``."""
    from ..checks import run_checks

    # info-level findings (hints) would highlight half the model; draw warnings and errors
    return [f for f in run_checks(model).findings if f.severity != "info"]


def to_view(obj: Any, view: Optional[str] = None, kind: Optional[str] = None, focus: Optional[str] = None,
            depth: int = 1, findings: Optional[Iterable[Finding]] = None) -> DiagramView:
    """The :class:`DiagramView` that :func:`render` draws for these arguments.

    ``obj`` is an :class:`~eaframe.model.ArchitectureModel`, a :class:`DiagramView`,
    or a pair ``(old, new)`` of models (drawn as a diff view, coloured by
    :func:`eaframe.diff`). ``kind`` is one of ``layered`` (default), ``interconnection``,
    ``neighbourhood`` (with ``focus`` and ``depth``), ``diff`` or ``findings``
    (with ``findings``, :class:`eaframe.checks.Finding` records, or else the model's
    error and warning findings of :func:`eaframe.checks.run_checks`); ``view`` names
    a view stored in the model.
    """
    if isinstance(obj, DiagramView):
        if view is not None or kind is not None or focus is not None:
            raise RenderError("a DiagramView is drawn as it is; view=, kind= and focus= apply to models")
        return obj
    if _is_pair(obj):
        if kind not in (None, "diff") or view is not None:
            raise RenderError("two model versions are drawn as a diff view; kind= and view= do not apply")
        return diff_view(obj[0], obj[1])
    if not _is_model(obj):
        raise RenderError(f"cannot draw a {type(obj).__name__}; give an ArchitectureModel, a DiagramView, "
                          "or a pair (old, new) of models (for a diff: render((old, new)))")
    if kind == "diff":
        raise RenderError("the diff view needs both models: render((old, new))")
    if kind == "findings" or findings is not None:
        if view is not None or kind not in (None, "findings"):
            raise RenderError("findings are drawn as their own view; view= and kind= do not apply")
        return findings_view(obj, _run_checks(obj) if findings is None else findings)
    return build_view(obj, view=view, kind=kind, focus=focus, depth=depth)


def render(obj: Any, view: Optional[str] = None, kind: Optional[str] = None, focus: Optional[str] = None,
           depth: int = 1, lang: str = "vi", format: str = "svg", legend: bool = False,
           findings: Optional[Iterable[Finding]] = None, layout: str = "auto") -> RenderedDiagram:
    """Draw a model, a view, a diff or check findings.

    Parameters
    ----------
    obj
        An :class:`~eaframe.model.ArchitectureModel`, a :class:`DiagramView`, a
        pair ``(old, new)`` of models (drawn as a diff view).
    view
        Name or id of a view stored in the model.
    kind
        ``layered`` (the default), ``interconnection``, ``neighbourhood``,
        ``diff`` or ``findings``.
    focus, depth
        Focus element id and radius of a ``neighbourhood`` view.
    lang
        ``vi`` (default) or ``en``: language of the labels.
    format
        ``svg`` (default), ``png``, ``pdf`` or ``dot``: what ``bytes()`` of the result
        gives and how a notebook shows it (PNG as an image, the others as SVG).
    legend
        Add a legend.
    findings
        :class:`eaframe.checks.Finding` records for a ``findings`` view.
    layout
        ``auto`` (default): a stored ``view`` that carries its own drawing (imported
        from an exchange or Archi file) is drawn as drawn, from its stored geometry
        (:mod:`eaframe.render.stored`; no legend), everything else with Graphviz
        layout; ``stored``: the stored drawing, an error for a view without one;
        ``graphviz``: always Graphviz layout.

    Returns
    -------
    RenderedDiagram
        The diagram: ``.source`` is the DOT text; ``bytes(d)`` renders ``format``
        (for ``dot``, the DOT text as UTF-8), ``.svg``/``.png``/``.pdf`` a given
        format, ``.save(path)`` writes a file. Graphviz runs only when bytes are
        asked for (and once per format).

    Raises
    ------
    RenderError
        Bad arguments (unknown view, kind, element, format or layout; ``layout="stored"``
        for anything but a stored view with geometry). Graphviz errors
        (:class:`RenderError`, :class:`~eaframe.exceptions.GraphvizNotFoundError`)
        come when the bytes are asked for.
    """
    from .dot import to_dot
    from .output import FORMATS

    if format not in FORMATS:
        raise RenderError(f"unknown diagram format {format!r}; use one of: {', '.join(FORMATS)}")
    stored = _stored_view(obj, view, kind, focus, findings, layout, legend)
    if stored is not None:
        from .stored import render_stored

        return render_stored(obj, stored, lang=lang, format=format)
    dview = to_view(obj, view=view, kind=kind, focus=focus, depth=depth, findings=findings)
    source = to_dot(dview, lang=lang, legend=legend)
    return RenderedDiagram(source, format, title=dview.title.get(lang, fallback=True) or "")


def _stored_view(obj: Any, view: Optional[str], kind: Optional[str], focus: Optional[str],
                 findings: Optional[Iterable[Finding]], layout: str, legend: bool) -> Optional[str]:
    """The id of the stored view to draw from its geometry, or ``None`` for Graphviz layout."""
    from .stored import LAYOUTS, has_geometry

    if layout not in LAYOUTS:
        raise RenderError(f"unknown layout {layout!r}; use one of: {', '.join(LAYOUTS)}")
    if layout == "graphviz":
        return None
    if view is None or not _is_model(obj) or kind is not None or focus is not None or findings is not None:
        if layout == "stored":
            raise RenderError("layout='stored' draws a stored view of a model from its geometry: "
                              "give the model and view=ID, without kind=, focus= or findings=")
        return None
    try:
        v = obj.view(view)
    except KeyError as err:
        raise RenderError(str(err.args[0])) from None
    if not has_geometry(v):
        if layout == "stored":
            raise RenderError(f"view {v.id!r} has no stored diagram geometry; draw it with layout='graphviz' "
                              "(or 'auto', which chooses Graphviz for it)")
        return None
    if legend and layout == "stored":
        raise RenderError("a stored drawing is drawn as it is, without a legend; leave out legend=True "
                          "or use layout='graphviz'")
    return v.id


def write_diagram(obj: Any, path: Union[str, Path], format: Optional[str] = None, **kwargs: Any) -> Path:
    """Render like :func:`render` and write the result to ``path`` atomically.

    The format is taken from the extension of ``path`` (``.svg``, ``.png``,
    ``.pdf``, ``.dot``) unless ``format`` is given. Nothing is written when
    rendering fails. Returns the path written.

    Examples
    --------
    >>> import tempfile, pathlib, eaframe
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "m.dot"
    >>> eaframe.write_diagram(eaframe.synthetic_model(10, seed=0), out).read_text(encoding="utf-8")[:7]
    'digraph'
    """
    from .output import format_from_path, write_bytes_or_text

    fmt = format_from_path(path, format)
    return write_bytes_or_text(path, render(obj, format=fmt, **kwargs).data(fmt))
