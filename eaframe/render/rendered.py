"""The value :func:`eaframe.render` returns: a diagram that displays and saves itself.

A :class:`RenderedDiagram` holds the DOT source and renders it with Graphviz only
when asked (and once per format): ``bytes(d)`` gives the requested format, ``d.svg``,
``d.png`` and ``d.pdf`` give that format's bytes, ``d.source`` the DOT text, and
``d.save(path)`` writes a file atomically. In Jupyter it displays itself
(``_repr_svg_`` or, for ``format="png"``, ``_repr_png_``); the inline SVG scales to
the width of the cell (``width="100%"`` with its ``viewBox``) but never beyond its
natural size, and never so small that its labels shrink below
:data:`MIN_LABEL_PX` pixels: a wider diagram keeps that minimum width and the
output area scrolls sideways instead.

Examples
--------
>>> import eaframe
>>> d = eaframe.render(eaframe.synthetic_model(10, seed=0), format="dot")
>>> d.source.startswith('digraph "eaframe"'), bytes(d) == d.source.encode("utf-8")
(True, True)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional, Union

from ..exceptions import RenderError

__all__ = ["RenderedDiagram", "fit_svg", "MIN_LABEL_PX"]

#: Smallest on-screen size (CSS px) of the node labels in the inline notebook SVG.
MIN_LABEL_PX = 9.0
#: Node label font size of the DOT output (points; see :mod:`eaframe.render.dot`).
_LABEL_PT = 10.0
_PX_PER_PT = 96 / 72

_SVG_TAG = re.compile(r"<svg\b[^>]*>", re.S)
_SIZE_ATTR = re.compile(r'\s(width|height)="([0-9.]+)(pt|px)?"')


def fit_svg(svg: str, label_pt: float = _LABEL_PT) -> str:
    """SVG text scaled to its container: ``width="100%"``, ``height`` auto, kept ``viewBox``.

    The style caps the width at the natural size (``max-width``) and keeps node labels
    of ``label_pt`` points at least :data:`MIN_LABEL_PX` pixels tall (``min-width``).
    SVG without a numeric width and height is returned unchanged.
    """
    m = _SVG_TAG.search(svg)
    if m is None:
        return svg
    tag = m.group(0)
    sizes = {name: (float(v), unit or "px") for name, v, unit in _SIZE_ATTR.findall(tag)}
    if "width" not in sizes or "height" not in sizes:
        return svg
    (w, wunit), (h, hunit) = sizes["width"], sizes["height"]
    w_px = w * (_PX_PER_PT if wunit == "pt" else 1)
    h_px = h * (_PX_PER_PT if hunit == "pt" else 1)
    new = _SIZE_ATTR.sub("", tag)
    if "viewBox" not in new:
        new = new[:-1].rstrip("/") + f' viewBox="0 0 {w:g} {h:g}"' + (" />" if tag.endswith("/>") else ">")
    label_px = label_pt * _PX_PER_PT  # label height at natural size
    min_w = min(w_px, w_px * MIN_LABEL_PX / label_px)
    style = f"max-width: {w_px:.0f}px; min-width: {min_w:.0f}px; height: auto"
    new = new.replace("<svg", f'<svg width="100%" style="{style}" data-natural-size="{w_px:.0f}x{h_px:.0f}px"', 1)
    return svg[:m.start()] + new + svg[m.end():]


class RenderedDiagram:
    """A diagram: DOT source, rendered lazily to SVG, PNG or PDF (needs Graphviz ``dot``).

    Parameters
    ----------
    source
        The DOT source.
    format
        The requested format (``svg``, ``png``, ``pdf`` or ``dot``): what ``bytes()``
        gives, what :meth:`save` writes to a path without a known extension, and
        (``png``) how a notebook shows it.
    title
        A short title for the text display.
    engine
        How Graphviz draws the source: ``dot`` (lays it out) or ``neato-n2`` (positions
        given in the source, as :mod:`eaframe.render.stored` and the band grid of
        :mod:`eaframe.render.grid` write them). By default the source says which
        (:func:`eaframe.render.output.engine_for` reads its
        :data:`~eaframe.render.output.POSITIONED_MARK`).
    """

    __slots__ = ("source", "format", "title", "engine", "_cache")

    def __init__(self, source: str, format: str = "svg", title: str = "", engine: Optional[str] = None) -> None:
        from .output import FORMATS

        if format not in FORMATS:
            raise RenderError(f"unknown diagram format {format!r}; use one of: {', '.join(FORMATS)}")
        from .output import engine_for, with_imagepath

        # a DOT source that names icon images also names their folder, so that `dot` run on
        # a saved .dot file finds them
        self.source = with_imagepath(source)
        self.format = format
        self.title = title
        self.engine = engine_for(source) if engine is None else engine
        self._cache: dict[str, bytes] = {}

    def data(self, format: Optional[str] = None) -> bytes:
        """The diagram in ``format`` (default: the requested one) as bytes; DOT as UTF-8.

        Raises
        ------
        RenderError
            Unknown format, or Graphviz failed.
        GraphvizNotFoundError
            The format needs Graphviz ``dot`` and it is not installed.
        """
        from .output import FORMATS, pipe_dot

        fmt = self.format if format is None else format
        if fmt not in FORMATS:
            raise RenderError(f"unknown diagram format {fmt!r}; use one of: {', '.join(FORMATS)}")
        if fmt == "dot":
            # the file names the icon folder, so that `dot` finds the icons when run on it
            from .output import with_imagepath

            return with_imagepath(self.source).encode("utf-8")
        if fmt not in self._cache:
            self._cache[fmt] = pipe_dot(self.source, fmt, engine=self.engine)
        return self._cache[fmt]

    def __bytes__(self) -> bytes:
        return self.data()

    @property
    def svg(self) -> bytes:
        """The SVG bytes (at natural size, as Graphviz writes them)."""
        return self.data("svg")

    @property
    def png(self) -> bytes:
        """The PNG bytes."""
        return self.data("png")

    @property
    def pdf(self) -> bytes:
        """The PDF bytes."""
        return self.data("pdf")

    def save(self, path: Union[str, Path], format: Optional[str] = None) -> Path:
        """Write the diagram to ``path`` atomically; returns the path.

        The format is ``format`` if given, else the extension of ``path`` (``.svg``,
        ``.png``, ``.pdf``, ``.dot``/``.gv``), else the requested format. Nothing is
        written when rendering fails.
        """
        from .output import FORMATS, format_from_path, write_bytes_or_text

        suffix = Path(path).suffix.lower().lstrip(".")
        fmt = format_from_path(path, format) if format is not None or suffix in (*FORMATS, "gv") else self.format
        return write_bytes_or_text(path, self.data(fmt))

    def __repr__(self) -> str:
        short = self.title if len(self.title) <= 60 else self.title[:59] + "…"
        title = f" {short!r}" if short else ""
        return f"<RenderedDiagram {self.format}{title}: {self.source.count(chr(10)) + 1} lines of DOT>"

    def _repr_svg_(self) -> Optional[str]:
        """The SVG scaled to the notebook cell (see :func:`fit_svg`); ``None`` for PNG or without Graphviz."""
        if self.format == "png":
            return None
        try:
            return fit_svg(self.svg.decode("utf-8"))
        except RenderError:  # also GraphvizNotFoundError: the text display says the diagram is not drawn
            return None

    def _repr_png_(self) -> Optional[bytes]:
        """The PNG bytes when ``format="png"`` was asked for; ``None`` otherwise or without Graphviz."""
        if self.format != "png":
            return None
        try:
            return self.png
        except RenderError:
            return None
