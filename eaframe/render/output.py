"""Running Graphviz ``dot`` and writing diagram files.

Rendering to SVG, PNG or PDF runs the Graphviz ``dot`` program through the
`graphviz <https://graphviz.readthedocs.io>`_ package (:func:`pipe_dot`, also used
by the exchange layout). The package is imported and ``dot`` looked up on ``PATH``
only when needed, so ``import eaframe`` and DOT output work without them. When
``dot`` is missing, :class:`~eaframe.exceptions.GraphvizNotFoundError` says how to
install it; when it fails, :class:`~eaframe.exceptions.RenderError` carries its
message. Files are written atomically (a temporary file in the same
folder, then a rename), so a failed render never leaves a half-written file.

Examples
--------
>>> format_from_path("views/overview.svg")
'svg'
>>> format_from_path("x.dot")
'dot'
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Optional, Union

from ..exceptions import GraphvizNotFoundError, RenderError
from ..i18n import N_, Msg

__all__ = [
    "FORMATS",
    "INSTALL_HINT",
    "find_dot",
    "pipe_dot",
    "engine_for",
    "POSITIONED_MARK",
    "render_dot",
    "format_from_path",
    "with_imagepath",
    "inline_icons",
    "write_bytes_or_text",
]

#: Output formats: ``dot`` is the DOT source itself; the others need Graphviz.
FORMATS = ("svg", "png", "pdf", "dot")

#: How to install Graphviz, in the error raised when ``dot`` is missing.
INSTALL_HINT = N_(
    "install Graphviz: Debian/Ubuntu `sudo apt-get install graphviz`, macOS `brew install graphviz`, "
    "Windows `choco install graphviz` (or see https://graphviz.org/download/); "
    "DOT output (format 'dot', or an -o FILE.dot) works without it"
)


def _not_found() -> GraphvizNotFoundError:
    return GraphvizNotFoundError(Msg("the Graphviz 'dot' program was not found on PATH; {hint}", hint=Msg(INSTALL_HINT)))


def find_dot() -> str:
    """Path of the Graphviz ``dot`` program.

    Raises
    ------
    GraphvizNotFoundError
        When ``dot`` is not on ``PATH``; the message says how to install it.
    """
    path = shutil.which("dot")
    if path is None:
        raise _not_found()
    return path


def render_dot(source: str, format: str = "svg") -> Union[str, bytes]:
    """Render DOT ``source`` to ``format``: DOT text for ``"dot"``, bytes otherwise.

    Raises
    ------
    RenderError
        Unknown format, or ``dot`` failed (its message is included).
    GraphvizNotFoundError
        ``dot`` is needed and missing.

    Examples
    --------
    >>> render_dot("digraph { a }", "dot")
    'digraph { a }'
    """
    if format not in FORMATS:
        raise RenderError(f"unknown diagram format {format!r}; use one of: {', '.join(FORMATS)}")
    if format == "dot":
        return source
    return pipe_dot(source, format)


#: The second line of the DOT source of a drawing whose boxes are placed already (the
#: band grid, :mod:`eaframe.render.grid`; a stored view drawn as drawn,
#: :mod:`eaframe.render.stored`): Graphviz draws it with ``neato -n2``. The one sign of
#: the engine: :func:`engine_for`, :func:`pipe_dot` and
#: :class:`~eaframe.render.rendered.RenderedDiagram` read it, and a saved DOT file says it.
POSITIONED_MARK = "  // eaframe: fixed positions; draw with neato -n2 (e.g. neato -n2 -Tsvg file.dot)"


def engine_for(source: str) -> str:
    """The Graphviz engine for DOT ``source``: ``neato-n2`` when it carries :data:`POSITIONED_MARK`, else ``dot``.

    Examples
    --------
    >>> engine_for("digraph { a }")
    'dot'
    """
    # the mark is the second line, or the third after :func:`with_imagepath`
    return "neato-n2" if POSITIONED_MARK in source.split("\n", 3)[1:3] else "dot"


def pipe_dot(source: str, format: str, engine: Optional[str] = None) -> bytes:
    """Lay out and render DOT ``source`` with Graphviz ``dot -T{format}``; its output bytes.

    Runs ``dot`` through :func:`graphviz.pipe` (its warnings on stderr are not
    echoed). ``format`` is any Graphviz output format (``svg``, ``png``, ``pdf``,
    ``plain``, ...). ``engine="neato-n2"`` runs ``neato -n2`` instead: no layout,
    node positions and edge splines are taken from the source (edges without a
    spline are routed around the nodes); the default is :func:`engine_for` the source.

    Raises
    ------
    GraphvizNotFoundError
        ``dot`` is not installed; the message says how to install it.
    RenderError
        ``dot`` could not be run, failed (its message is included), or wrote nothing.
    """
    import graphviz

    if engine is None:
        engine = engine_for(source)
    if engine not in ("dot", "neato-n2"):
        raise RenderError(f"unknown Graphviz engine {engine!r}; use 'dot' or 'neato-n2'")
    icons = ICON_MARK in source
    source = with_imagepath(source)
    try:
        if engine == "dot":
            out = graphviz.pipe("dot", format, source.encode("utf-8"), quiet=True)
        else:
            out = graphviz.pipe("neato", format, source.encode("utf-8"), neato_no_op=2, quiet=True)
    except graphviz.ExecutableNotFound:
        raise _not_found() from None
    except graphviz.CalledProcessError as err:
        stderr = err.stderr.decode("utf-8", "replace") if isinstance(err.stderr, bytes) else str(err.stderr or "")
        msg = stderr.strip() or f"exit status {err.returncode}"
        raise RenderError(f"Graphviz 'dot' failed to render {format}: {msg}") from None
    except OSError as err:  # dot exists but cannot be started (permissions, not an executable)
        raise RenderError(f"could not run Graphviz 'dot': {err}") from None
    if not out:
        raise RenderError(f"Graphviz 'dot' wrote no {format} output")
    if icons and format == "svg":
        out = inline_icons(out)
    return out


#: The file-name prefix of the icon images that DOT sources refer to.
ICON_MARK = '"eaframe-icon-'

_IMAGE = re.compile(rb'<image ([^>]*?)/>')
_ATTR = re.compile(rb'([\w:-]+)="([^"]*)"')
_ICON_FILE = re.compile(r"eaframe-icon-([a-z_]+)\.png$")


def with_imagepath(source: str) -> str:
    """``source`` with the folder of the icon images as its ``imagepath``, if it names icons.

    :func:`~eaframe.render.dot.to_dot` names the icon images without a folder (its
    output does not depend on where eaframe is installed); Graphviz finds them
    through this attribute.
    """
    from .dot import quote
    from .icons import ICON_DIR

    k = source.find("{")
    if ICON_MARK not in source or k < 0 or source[k + 1:].lstrip().startswith("imagepath="):
        return source
    return f"{source[:k + 1]}\n  imagepath={quote(str(ICON_DIR))};{source[k + 1:]}"


def inline_icons(svg: bytes) -> bytes:
    """SVG output with each icon image replaced by the icon's vector drawing.

    Graphviz writes an ``<image>`` that points at the PNG file; the drawing
    (:func:`eaframe.render.icons.icon_svg`, a ``<g class="archimate-icon">``) keeps the
    SVG self-contained and sharp at any zoom.
    """
    from .icons import ICONS, icon_svg

    def repl(m: re.Match) -> bytes:
        attrs = {k.decode(): v.decode() for k, v in _ATTR.findall(m.group(1))}
        href = attrs.get("xlink:href") or attrs.get("href") or ""
        name = _ICON_FILE.search(href)
        if name is None or name.group(1) not in ICONS:
            return m.group(0)
        try:
            x, y = float(attrs["x"]), float(attrs["y"])
            w, h = float(attrs["width"].removesuffix("px")), float(attrs["height"].removesuffix("px"))
        except (KeyError, ValueError):
            return m.group(0)
        size = min(w, h)
        return icon_svg(name.group(1), x + (w - size) / 2, y + (h - size) / 2, size).encode()

    return _IMAGE.sub(repl, svg)


def format_from_path(path: Union[str, Path], format: Optional[str] = None) -> str:
    """The output format of ``path``: ``format`` if given, else from the file extension.

    Raises
    ------
    RenderError
        When the extension is not one of ``.svg .png .pdf .dot`` (``.gv`` means dot).
    """
    if format is not None:
        if format not in FORMATS:
            raise RenderError(f"unknown diagram format {format!r}; use one of: {', '.join(FORMATS)}")
        return format
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "gv":
        return "dot"
    if suffix not in FORMATS:
        raise RenderError(f"{path}: cannot tell the diagram format from the extension {Path(path).suffix or '(none)'!r}; "
                          f"use .svg, .png, .pdf or .dot")
    return suffix


def write_bytes_or_text(path: Union[str, Path], data: Union[str, bytes]) -> Path:
    """Write rendered output atomically (text as UTF-8); returns the path."""
    from ..modelfile import atomic_write_bytes

    path = Path(path)
    atomic_write_bytes(path, data.encode("utf-8") if isinstance(data, str) else data)
    return path
