"""ArchiMate type icons: small line drawings, as SVG and as PNG, from one table.

Each icon is a list of primitives (lines, polylines, polygons, circles, ellipses,
arcs, rectangles) on a 16 × 16 grid, drawn in black with a 1.2-unit stroke
(:data:`ICONS`); :data:`TYPE_ICONS` names the icon of every element type that has
one (junctions have none). The drawings are eaframe's own, after the ArchiMate 3.2
notation (actor: stick figure; role: cylinder on its side; collaboration: two
circles; interface: lollipop; process: arrow; function: chevron; event: notched
flag; service: pill; component: box with two tabs; node: 3-D box; goal: target;
requirement: parallelogram; ...).

* :func:`icon_svg` gives an icon as an SVG ``<g>`` fragment placed in a box of the
  given size (the SVG output of the diagrams inlines it, and a renderer that draws
  stored geometry can use it too);
* :func:`icon_png_name` gives the file name of the icon's PNG in :data:`ICON_DIR`,
  the folder the Graphviz DOT source points to with ``imagepath`` when rendering:
  PNG and PDF output embed these raster images, SVG output replaces them with the
  vector drawing;
* :func:`rasterise` draws an icon into RGBA pixels and :func:`png_bytes` encodes
  them; ``scripts/gen_diagrams.py`` writes the PNG files with them (and
  ``--check`` says when they are out of date).

Examples
--------
>>> icon_for("BusinessActor"), icon_for("ApplicationComponent"), icon_for("AndJunction")
('actor', 'component', None)
>>> icon_svg("actor", 0, 0, 12).startswith('<g class="archimate-icon" data-icon="actor"')
True
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path
from typing import Optional, Union

__all__ = [
    "ICONS",
    "TYPE_ICONS",
    "ICON_DIR",
    "ICON_PX",
    "STROKE",
    "icon_for",
    "icon_svg",
    "icon_png_name",
    "rasterise",
    "png_bytes",
]

#: Folder of the PNG icons (package data, written by ``scripts/gen_diagrams.py``).
ICON_DIR = Path(__file__).resolve().parent / "icons"

#: Side of the PNG icons in pixels (the 16-unit grid at 2 pixels per unit).
ICON_PX = 32

#: Stroke width in grid units.
STROKE = 1.2

#: One stroke of an icon: its points, whether it is closed, whether it is filled.
Prim = tuple[tuple[tuple[float, float], ...], bool, bool]


def _poly(*pts: float, closed: bool = True) -> Prim:
    it = iter(pts)
    return tuple((float(x), float(y)) for x, y in zip(it, it, strict=False)), closed, False


def _line(*pts: float) -> Prim:
    return _poly(*pts, closed=False)


def _arc_points(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float) -> tuple[tuple[float, float], ...]:
    n = max(4, int(abs(a1 - a0) / 10))
    return tuple((cx + rx * math.cos(math.radians(a0 + (a1 - a0) * k / n)),
                  cy + ry * math.sin(math.radians(a0 + (a1 - a0) * k / n))) for k in range(n + 1))


def _circle(cx: float, cy: float, r: float, fill: bool = False) -> Prim:
    return _arc_points(cx, cy, r, r, 0, 360)[:-1], True, fill


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> Prim:
    return _arc_points(cx, cy, rx, ry, 0, 360)[:-1], True, False


def _arc(cx: float, cy: float, r: float, a0: float, a1: float) -> Prim:
    """An arc from angle ``a0`` to ``a1`` (degrees, clockwise on screen: 0 = right, 90 = down)."""
    return _arc_points(cx, cy, r, r, a0, a1), False, False


def _rect(x: float, y: float, w: float, h: float, r: float = 0.0) -> Prim:
    if r <= 0:
        return ((x, y), (x + w, y), (x + w, y + h), (x, y + h)), True, False
    pts: list[tuple[float, float]] = []
    for cx, cy, a0 in ((x + w - r, y + r, -90), (x + w - r, y + h - r, 0), (x + r, y + h - r, 90), (x + r, y + r, 180)):
        pts.extend(_arc_points(cx, cy, r, r, a0, a0 + 90))
    return tuple(pts), True, False


_ROLE = [_line(5, 3.5, 12, 3.5), _line(5, 12.5, 12, 12.5), _ellipse(12, 8, 2.3, 4.5), _arc(5, 8, 4.5, 90, 270)]
_TARGET = [_circle(8, 8, 6.5), _circle(8, 8, 4), _circle(8, 8, 1.3, fill=True)]

#: The icon drawings by icon name (16 × 16 grid, y downwards).
ICONS: dict[str, list[Prim]] = {
    "actor": [_circle(8, 3.5, 2.3), _line(8, 5.8, 8, 10.5), _line(3.5, 7.8, 12.5, 7.8),
              _line(4.5, 15, 8, 10.5, 11.5, 15)],
    "role": _ROLE,
    "collaboration": [_circle(5.8, 8, 4.6), _circle(10.2, 8, 4.6)],
    "interface": [_circle(10.5, 8, 4), _line(0.8, 8, 6.5, 8)],
    "process": [_poly(1, 6, 9.5, 6, 9.5, 2.5, 15, 8, 9.5, 13.5, 9.5, 10, 1, 10)],
    "function": [_poly(3, 15, 3, 5, 8, 1, 13, 5, 13, 15, 8, 11)],
    "interaction": [_arc(6.8, 8, 5.5, 90, 270), _line(6.8, 2.5, 6.8, 13.5), _arc(9.2, 8, 5.5, -90, 90),
                    _line(9.2, 2.5, 9.2, 13.5)],
    "event": [_poly(1, 4, 11, 4, 13.5, 5, 15, 8, 13.5, 11, 11, 12, 1, 12, 4, 8)],
    "service": [_rect(1, 4, 14, 8, 4)],
    "object": [_rect(1.5, 3, 13, 10), _line(1.5, 6, 14.5, 6)],
    "contract": [_rect(1.5, 3, 13, 10), _line(1.5, 6, 14.5, 6), _line(1.5, 9.5, 14.5, 9.5)],
    "representation": [_poly(1.5, 3, 14.5, 3, 14.5, 12, 11, 11, 8, 12.5, 4.5, 14, 1.5, 12.5),
                       _line(1.5, 6, 14.5, 6)],
    "product": [_rect(1.5, 3, 13, 10), _rect(1.5, 3, 6.5, 3)],
    "component": [_rect(4.5, 2, 10, 12), _rect(2, 4.5, 5, 2.5), _rect(2, 9, 5, 2.5)],
    "node": [_rect(1, 5, 10, 10), _line(1, 5, 5, 1, 15, 1, 15, 11, 11, 15), _line(11, 5, 15, 1)],
    "device": [_rect(1, 2, 14, 9, 1.2), _poly(4, 15, 6, 11, 10, 11, 12, 15)],
    "system_software": [_circle(7, 9.5, 5), _arc(9.5, 6.5, 5, -150, 60)],
    "path": [_line(1.5, 8, 4, 8), _line(6.5, 8, 9.5, 8), _line(12, 8, 14.5, 8), _line(4, 5, 1, 8, 4, 11),
             _line(12, 5, 15, 8, 12, 11)],
    "network": [_line(4.5, 4, 14, 4, 11.5, 12, 2, 12, 4.5, 4), _circle(4.5, 4, 1.6, fill=True),
                _circle(14, 4, 1.6, fill=True), _circle(11.5, 12, 1.6, fill=True), _circle(2, 12, 1.6, fill=True)],
    "equipment": [_circle(6, 10, 3.8), _circle(6, 10, 1.2), _circle(11.5, 4.5, 2.8), _circle(11.5, 4.5, 0.8)],
    "facility": [_poly(1, 15, 1, 5, 3, 5, 3, 1, 5.5, 1, 5.5, 8, 10, 5, 10, 8, 15, 5, 15, 15)],
    "distribution_network": [_line(4, 6, 12, 6), _line(4, 10, 12, 10), _poly(1, 8, 4.5, 3.5, 4.5, 12.5),
                             _poly(15, 8, 11.5, 3.5, 11.5, 12.5)],
    "material": [_poly(4.5, 2, 11.5, 2, 15, 8, 11.5, 14, 4.5, 14, 1, 8), _line(5.5, 4.5, 10.5, 4.5),
                 _line(12.5, 8, 10.3, 11.8), _line(3.5, 8, 5.7, 11.8)],
    "artifact": [_poly(2, 1, 10, 1, 14, 5, 14, 15, 2, 15), _line(10, 1, 10, 5, 14, 5)],
    "stakeholder": _ROLE,
    "driver": [_circle(8, 8, 4.5), _circle(8, 8, 1.2, fill=True)]
    + [_line(8 + 4.5 * math.cos(a), 8 + 4.5 * math.sin(a), 8 + 7 * math.cos(a), 8 + 7 * math.sin(a))
       for a in (k * math.pi / 4 for k in range(8))],
    "assessment": [_circle(6.5, 6.5, 4.8), _line(10, 10, 15, 15)],
    "goal": _TARGET,
    "outcome": [_circle(7, 9, 5.8), _circle(7, 9, 3.2), _circle(7, 9, 1.1, fill=True), _line(7, 9, 14.5, 1.5),
                _line(11.5, 1.5, 14.5, 1.5, 14.5, 4.5)],
    "principle": [_rect(3, 1, 10, 14), _line(8, 3.5, 8, 10), _circle(8, 12.5, 0.9, fill=True)],
    "requirement": [_poly(4.5, 3, 15, 3, 11.5, 13, 1, 13)],
    "constraint": [_poly(4.5, 3, 15, 3, 11.5, 13, 1, 13), _line(8, 3, 4.5, 13)],
    "meaning": [_arc(5, 9, 3.5, 90, 250), _arc(8.5, 6.5, 4, 190, 340), _arc(12, 9.5, 3.2, -60, 100),
                _line(5, 12.5, 12, 12.7)],
    "value": [_ellipse(8, 8, 7, 4.5)],
    "capability": [_rect(10, 2, 4, 4), _rect(6, 6, 4, 4), _rect(10, 6, 4, 4), _rect(2, 10, 4, 4), _rect(6, 10, 4, 4),
                   _rect(10, 10, 4, 4)],
    "value_stream": [_poly(1, 4, 11, 4, 15, 8, 11, 12, 1, 12, 5, 8)],
    "resource": [_rect(1, 4, 12, 8, 1.5), _rect(13, 6.5, 2, 3), _line(4, 6.5, 4, 9.5), _line(7, 6.5, 7, 9.5),
                 _line(10, 6.5, 10, 9.5)],
    "course_of_action": [_circle(10, 6, 4.8), _circle(10, 6, 2.2), _circle(10, 6, 0.8, fill=True),
                         _line(1, 15, 3, 11, 6, 13, 7.5, 9)],
    "work_package": [_arc(8, 8, 5.5, 20, 330), _line(9.5, 1.8, 12.8, 5.2, 14.5, 1.5)],
    "deliverable": [_poly(1.5, 2, 14.5, 2, 14.5, 12, 11, 11, 8, 12.5, 4.5, 14, 1.5, 12.5)],
    "plateau": [_line(5, 4, 15, 4), _line(3, 8, 13, 8), _line(1, 12, 11, 12)],
    "gap": [_ellipse(8, 8, 6.5, 5), _line(0.8, 6.5, 15.2, 6.5), _line(0.8, 9.5, 15.2, 9.5)],
    "location": [_arc(8, 6, 4.5, 150, 390), _line(4.1, 8.25, 8, 15, 11.9, 8.25)],
    "grouping": [_rect(1, 5, 14, 9.5), _line(1, 5, 1, 2, 8, 2, 8, 5)],
}

_BY_SUFFIX = {
    "Actor": "actor", "Role": "role", "Collaboration": "collaboration", "Interface": "interface",
    "Process": "process", "Function": "function", "Interaction": "interaction", "Event": "event",
    "Service": "service", "Component": "component",
}

_SPECIAL = {
    "BusinessObject": "object", "DataObject": "object", "Contract": "contract", "Representation": "representation",
    "Product": "product", "Node": "node", "Device": "device", "SystemSoftware": "system_software", "Path": "path",
    "CommunicationNetwork": "network", "Equipment": "equipment", "Facility": "facility",
    "DistributionNetwork": "distribution_network", "Material": "material", "Artifact": "artifact",
    "Stakeholder": "stakeholder", "Driver": "driver", "Assessment": "assessment", "Goal": "goal",
    "Outcome": "outcome", "Principle": "principle", "Requirement": "requirement", "Constraint": "constraint",
    "Meaning": "meaning", "Value": "value", "Capability": "capability", "ValueStream": "value_stream",
    "Resource": "resource", "CourseOfAction": "course_of_action", "WorkPackage": "work_package",
    "Deliverable": "deliverable", "ImplementationEvent": "event", "Plateau": "plateau", "Gap": "gap",
    "Location": "location", "Grouping": "grouping",
}


def _build_type_icons() -> dict[str, str]:
    from ..elements import ELEMENT_TYPES

    out: dict[str, str] = {}
    for name in ELEMENT_TYPES:
        icon = _SPECIAL.get(name)
        if icon is None:
            icon = next((v for k, v in _BY_SUFFIX.items() if name.endswith(k)), None)
        if icon is not None:
            out[name] = icon
    return out


#: Icon name of every element type that has an icon (all but the junctions).
TYPE_ICONS: dict[str, str] = _build_type_icons()


def icon_for(type_name: str) -> Optional[str]:
    """Name of the icon of an element type (a key of :data:`ICONS`), or ``None`` (junctions, unknown types)."""
    return TYPE_ICONS.get(type_name)


def icon_png_name(icon: str) -> str:
    """File name of an icon's PNG in :data:`ICON_DIR`."""
    return f"eaframe-icon-{icon}.png"


# --------------------------------------------------------------------------- drawing
def _num(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def icon_svg(icon: str, x: float, y: float, size: float, colour: str = "#000000") -> str:
    """An icon as an SVG ``<g class="archimate-icon" data-icon="NAME">`` drawn in the square (x, y, size).

    Examples
    --------
    >>> print(icon_svg("service", 10, 20, 16))  # doctest: +ELLIPSIS
    <g class="archimate-icon" data-icon="service" transform="translate(10,20) scale(1)" fill="none" ...><path d="M..."/></g>
    """
    parts = []
    for pts, closed, filled in ICONS[icon]:
        d = "M" + " L".join(f"{_num(px)},{_num(py)}" for px, py in pts) + (" Z" if closed else "")
        parts.append(f'<path d="{d}" fill="{colour}"/>' if filled else f'<path d="{d}"/>')
    return (f'<g class="archimate-icon" data-icon="{icon}" transform="translate({_num(x)},{_num(y)}) '
            f'scale({_num(size / 16)})" fill="none" stroke="{colour}" stroke-width="{_num(STROKE)}" '
            f'stroke-linejoin="round" stroke-linecap="round">' + "".join(parts) + "</g>")


# --------------------------------------------------------------------------- raster
def _seg_dist(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> float:
    dx, dy = bx - ax, by - ay
    ll = dx * dx + dy * dy
    t = 0.0 if ll == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / ll))
    qx, qy = ax + t * dx - px, ay + t * dy - py
    return math.sqrt(qx * qx + qy * qy)


def _inside(px: float, py: float, pts: list[tuple[float, float]]) -> bool:
    inside = False
    n = len(pts)
    for k in range(n):
        (ax, ay), (bx, by) = pts[k], pts[(k + 1) % n]
        if (ay > py) != (by > py) and px < ax + (py - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside


def rasterise(icon: str, px: int = ICON_PX) -> bytearray:
    """The icon drawn black on transparent, anti-aliased: ``px × px`` RGBA bytes, row by row."""
    scale = px / 16
    alpha = [0.0] * (px * px)
    half = STROKE * scale / 2
    for pts, closed, filled in ICONS[icon]:
        segs = list(zip(pts, pts[1:] + pts[:1] if closed else pts[1:], strict=False))
        for (ax, ay), (bx, by) in segs:
            ax, ay, bx, by = ax * scale, ay * scale, bx * scale, by * scale
            x0, x1 = max(0, int(min(ax, bx) - half - 1)), min(px - 1, int(max(ax, bx) + half + 1))
            y0, y1 = max(0, int(min(ay, by) - half - 1)), min(px - 1, int(max(ay, by) + half + 1))
            for yy in range(y0, y1 + 1):
                for xx in range(x0, x1 + 1):
                    a = half + 0.5 - _seg_dist(xx + 0.5, yy + 0.5, ax, ay, bx, by)
                    k = yy * px + xx
                    if a > alpha[k]:
                        alpha[k] = min(1.0, a)
        if filled:
            spts = [(x * scale, y * scale) for x, y in pts]
            for yy in range(px):
                for xx in range(px):
                    if _inside(xx + 0.5, yy + 0.5, spts):
                        alpha[yy * px + xx] = 1.0
    out = bytearray(px * px * 4)
    for k, a in enumerate(alpha):
        out[4 * k + 3] = int(round(a * 255))
    return out


def png_bytes(rgba: Union[bytes, bytearray], px: int = ICON_PX) -> bytes:
    """An RGBA image (``px × px``, row by row) as PNG file bytes."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgba[y * px * 4:(y + 1) * px * 4]) for y in range(px))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", px, px, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
