"""Inline display in Jupyter: SVG when Graphviz is installed, text otherwise.

Views get ``_repr_mimebundle_``/``_repr_svg_`` methods that call these helpers (a
model displays as a summary card instead, and :func:`eaframe.render` returns a
:class:`~eaframe.render.rendered.RenderedDiagram` that displays itself); the SVG is
scaled to the cell by :func:`~eaframe.render.rendered.fit_svg`. Nothing runs until
a notebook asks for the picture, so ``import eaframe`` never needs the ``dot`` program. Without ``dot`` (or for a model too large to lay
out interactively) the display falls back to a text summary saying why.

Examples
--------
>>> from eaframe.synthetic import synthetic_model
>>> bundle = mimebundle(synthetic_model(3000, seed=0), "model")
>>> sorted(bundle), "too large" in bundle["text/plain"]
(['text/plain'], True)
"""

from __future__ import annotations

from typing import Optional

from ..exceptions import RenderError

__all__ = ["mimebundle", "svg_or_none", "MAX_INLINE_ELEMENTS"]

#: Largest model or view drawn inline (Graphviz layout time grows fast beyond it).
MAX_INLINE_ELEMENTS = 400


def _view_of(obj):
    from .views import DiagramView, layered

    return obj if isinstance(obj, DiagramView) else layered(obj)


def _svg(obj) -> tuple[Optional[str], str]:
    n = len(obj.elements)
    if n > MAX_INLINE_ELEMENTS:
        return None, (f"({n} elements: too large to draw inline; render a view, e.g. "
                      f"eaframe.render(model, kind='neighbourhood', focus=ID), or write a file with "
                      f"eaframe.write_diagram)")
    try:
        from .dot import to_dot
        from .output import pipe_dot
        from .rendered import fit_svg

        svg = pipe_dot(to_dot(_view_of(obj)), "svg")
    except RenderError as err:
        return None, f"(no diagram: {err})"
    return fit_svg(svg.decode("utf-8")), ""


def svg_or_none(obj) -> Optional[str]:
    """SVG text (scaled to the cell) of a model's layered view or of a view, or ``None`` when it cannot be drawn."""
    return _svg(obj)[0]


def mimebundle(obj, text: str) -> dict[str, str]:
    """A Jupyter MIME bundle: ``image/svg+xml`` when it can be drawn, always ``text/plain``."""
    svg, why = _svg(obj)
    bundle = {"text/plain": text if svg is not None else f"{text}\n{why}"}
    if svg is not None:
        bundle["image/svg+xml"] = svg
    return bundle
