"""The ArchiMate notation of eaframe diagrams, as pure data.

* **layer colours** — the fill colours of the ArchiMate specification's examples
  (business yellow, application blue, technology and physical green, motivation
  violet, implementation & migration pink, strategy tan, other white);
* **a shape per element type** (:func:`shape_for`): rectangles for active and
  passive structure, rounded rectangles for behaviour, services and events,
  chamfered rectangles for motivation elements, a 3-D box for nodes, a folded
  page for artifacts and deliverables, a dashed tabbed box for Groupings, small
  circles for junctions;
* **an icon per element type** (:func:`icon_for`, drawn by
  :mod:`eaframe.render.icons`) in the top-right corner of the box, and a small
  badge line with the type name under the element name;
* **relationship line and arrow styles** of the ArchiMate notation
  (:data:`RELATIONSHIP_STYLES`);
* **diff colours** that no layer uses (:data:`STATUS_STYLES`).

:func:`shape_for` and :func:`icon_for` are the one place that says how a type is
drawn: the Graphviz diagrams use them, and so can any other renderer.
Everything here is plain dictionaries of Graphviz attributes; :mod:`eaframe.render.dot`
turns them into DOT text.

Examples
--------
>>> LAYER_COLOURS["application"]
'#b5ffff'
>>> shape_for("ApplicationService")["style"]
'rounded,filled'
>>> icon_for("ApplicationComponent")
'component'
>>> RELATIONSHIP_STYLES["Realization"]["arrowhead"], RELATIONSHIP_STYLES["Realization"]["style"]
('empty', 'dashed')
>>> access_style("read")["dir"]
'back'
"""

from __future__ import annotations

from typing import Optional

from ..i18n import N_, translator
from .icons import icon_for

__all__ = [
    "FONT",
    "LAYER_COLOURS",
    "LAYER_LABELS",
    "FAMILY_STYLES",
    "ELEMENT_FAMILY",
    "element_family",
    "element_style",
    "shape_for",
    "icon_for",
    "TEXT_COLOUR",
    "BADGE_COLOUR",
    "type_badge",
    "RELATIONSHIP_STYLES",
    "RELATIONSHIP_LABELS",
    "access_style",
    "association_style",
    "STATUS_STYLES",
    "FINDING_STYLE",
    "MISSING_EDGE_STYLE",
]

#: The font of every diagram. DejaVu Sans covers the whole Vietnamese alphabet
#: (precomposed letters with two diacritics such as ắ, ổ, ự) and ships with most
#: Linux distributions (Debian/Ubuntu package ``fonts-dejavu-core``).
FONT = "DejaVu Sans"

#: Fill colour of elements by layer (value of :class:`eaframe.elements.Layer`).
LAYER_COLOURS: dict[str, str] = {
    "strategy": "#f5deaa",
    "motivation": "#ccccff",
    "business": "#ffffb5",
    "application": "#b5ffff",
    "technology": "#c9e7b7",
    "physical": "#c9e7b7",
    "implementation_migration": "#ffe0e0",
    "other": "#ffffff",
}

#: Colour of element names (on every fill of :data:`LAYER_COLOURS` and :data:`STATUS_STYLES`
#: its contrast is at least 4.5:1, WCAG AA).
TEXT_COLOUR = "#000000"

#: Colour of the type badge under an element name (at least 4.5:1 on every fill too).
BADGE_COLOUR = "#333333"

#: Names of the layers, by language, for cluster titles and the legend (band order); the
#: English names are the msgids of the catalogue, which holds the other languages.
_LAYER_NAMES: dict[str, str] = {
    "strategy": N_("Strategy"),
    "motivation": N_("Motivation"),
    "business": N_("Business"),
    "application": N_("Application"),
    "technology": N_("Technology"),
    "physical": N_("Physical"),
    "implementation_migration": N_("Implementation & migration"),
    "other": N_("Other"),
}
LAYER_LABELS: dict[str, dict[str, str]] = {k: {"en": v, "vi": translator("vi")(v)} for k, v in _LAYER_NAMES.items()}

#: Graphviz node attributes of each element type family: ArchiMate draws active and
#: passive structure as rectangles, behaviour, services and events with rounded
#: corners, motivation elements with chamfered corners (``diagonals``), nodes as 3-D
#: boxes, artifacts as folded pages, Groupings as dashed tabbed boxes and junctions as
#: small circles; the type icon tells the rest apart.
FAMILY_STYLES: dict[str, dict[str, str]] = {
    "active": {"shape": "box", "style": "filled"},
    "interface": {"shape": "box", "style": "filled"},
    "node": {"shape": "box3d", "style": "filled"},
    "behaviour": {"shape": "box", "style": "rounded,filled"},
    "service": {"shape": "box", "style": "rounded,filled"},
    "event": {"shape": "box", "style": "rounded,filled"},
    "passive": {"shape": "box", "style": "filled"},
    "artifact": {"shape": "note", "style": "filled"},
    "network": {"shape": "box", "style": "filled"},
    "motivation": {"shape": "box", "style": "filled,diagonals"},
    "composite": {"shape": "box", "style": "filled"},
    "grouping": {"shape": "tab", "style": "dashed,filled"},
    "location": {"shape": "box", "style": "filled"},
    "plateau": {"shape": "box", "style": "filled"},
    "gap": {"shape": "box", "style": "filled"},
    "and_junction": {"shape": "circle", "style": "filled", "width": "0.12", "height": "0.12", "fixedsize": "true"},
    "or_junction": {"shape": "circle", "style": "solid", "width": "0.12", "height": "0.12", "fixedsize": "true",
                    "label": ""},
}

_SPECIAL_FAMILY = {
    "BusinessInterface": "interface", "ApplicationInterface": "interface", "TechnologyInterface": "interface",
    "Node": "node", "Device": "node", "SystemSoftware": "node", "Equipment": "node", "Facility": "node",
    "TechnologyCollaboration": "active", "Path": "network",
    "CommunicationNetwork": "network", "DistributionNetwork": "network",
    "BusinessService": "service", "ApplicationService": "service", "TechnologyService": "service",
    "BusinessEvent": "event", "ApplicationEvent": "event", "TechnologyEvent": "event",
    "ImplementationEvent": "event",
    "Artifact": "artifact", "Deliverable": "artifact", "Representation": "artifact",
    "WorkPackage": "behaviour", "Plateau": "plateau", "Gap": "gap", "Stakeholder": "motivation",
    "Grouping": "grouping", "Location": "location", "Product": "composite",
    "AndJunction": "and_junction", "OrJunction": "or_junction",
    "ValueStream": "behaviour", "Capability": "behaviour", "CourseOfAction": "behaviour",
    "Resource": "passive",
}

_ASPECT_FAMILY = {
    "active_structure": "active",
    "behaviour": "behaviour",
    "passive_structure": "passive",
    "motivation": "motivation",
    "composite": "composite",
    "connector": "and_junction",
}


def _build_family_table() -> dict[str, str]:
    from ..elements import ELEMENT_TYPES

    return {name: _SPECIAL_FAMILY.get(name, _ASPECT_FAMILY[cls.aspect.value]) for name, cls in ELEMENT_TYPES.items()}


#: Family (key of :data:`FAMILY_STYLES`) of every element type.
ELEMENT_FAMILY: dict[str, str] = _build_family_table()


def element_family(type_name: str) -> str:
    """Family of an element type (``"service"``, ``"node"``, ...); ``"active"`` if unknown."""
    return ELEMENT_FAMILY.get(type_name, "active")


def shape_for(type_name: str) -> dict[str, str]:
    """Graphviz node attributes (shape, style, ...) of an element type, without colours.

    Examples
    --------
    >>> shape_for("Node")["shape"], shape_for("Goal")["style"], shape_for("Grouping")["style"]
    ('box3d', 'filled,diagonals', 'dashed,filled')
    """
    return dict(FAMILY_STYLES[element_family(type_name)])


#: The former name of :func:`shape_for`.
element_style = shape_for


def _split_camel(name: str) -> str:
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and not name[i - 1].isupper():
            out.append(" ")
        out.append(ch)
    return "".join(out)


_BADGES = {name: _split_camel(name) for name in ELEMENT_FAMILY}


def type_badge(type_name: str, lang: str = "en") -> str:
    """The badge text of an element type: its ArchiMate name in words, in ``lang``
    (the type captions of eaframe's catalogues, :mod:`eaframe.i18n`).

    Examples
    --------
    >>> type_badge("ApplicationComponent"), type_badge("ApplicationComponent", "vi")
    ('Application Component', 'Thành phần ứng dụng')
    """
    from ..i18n import translator

    badge = _BADGES.get(type_name)
    return translator(lang)(badge if badge is not None else _split_camel(type_name))


#: Graphviz edge attributes of each ArchiMate relationship type (ArchiMate 3.2
#: notation, §5): line style, arrowheads; ``dir=both`` puts the source-end symbol
#: (diamond, dot) on the tail.
RELATIONSHIP_STYLES: dict[str, dict[str, str]] = {
    "Serving": {"style": "solid", "arrowhead": "vee", "dir": "forward"},
    "Realization": {"style": "dashed", "arrowhead": "empty", "dir": "forward"},
    "Composition": {"style": "solid", "arrowhead": "none", "arrowtail": "diamond", "dir": "both"},
    "Aggregation": {"style": "solid", "arrowhead": "none", "arrowtail": "odiamond", "dir": "both"},
    "Assignment": {"style": "solid", "arrowhead": "normal", "arrowtail": "dot", "dir": "both"},
    "Flow": {"style": "dashed", "arrowhead": "normal", "dir": "forward"},
    "Triggering": {"style": "solid", "arrowhead": "normal", "dir": "forward"},
    "Access": {"style": "dotted", "arrowhead": "vee", "arrowsize": "0.6", "dir": "forward"},
    "Influence": {"style": "dashed", "arrowhead": "vee", "dir": "forward"},
    "Association": {"style": "solid", "arrowhead": "none", "dir": "none"},
    "Specialization": {"style": "solid", "arrowhead": "empty", "dir": "forward"},
}

#: Names of the relationship types by language (legend), from the catalogue like the layers.
_RELATIONSHIP_NAMES: dict[str, str] = {
    "Serving": N_("Serving"),
    "Realization": N_("Realization"),
    "Composition": N_("Composition"),
    "Aggregation": N_("Aggregation"),
    "Assignment": N_("Assignment"),
    "Flow": N_("Flow"),
    "Triggering": N_("Triggering"),
    "Access": N_("Access"),
    "Influence": N_("Influence"),
    "Association": N_("Association"),
    "Specialization": N_("Specialization"),
}
RELATIONSHIP_LABELS: dict[str, dict[str, str]] = {k: {"en": v, "vi": translator("vi")(v)} for k, v in _RELATIONSHIP_NAMES.items()}


def access_style(access_type: Optional[str]) -> dict[str, str]:
    """Edge attributes of an Access relationship by its ``access_type``.

    ArchiMate draws the arrow in the direction the data moves: *write* points at the
    passive element (the target), *read* points back at the accessing element,
    *read_write* has both arrowheads and unspecified *access* none.

    Examples
    --------
    >>> access_style("write")["dir"], access_style("read_write")["dir"], access_style(None)["dir"]
    ('forward', 'both', 'none')
    """
    style = dict(RELATIONSHIP_STYLES["Access"])
    mode = access_type or "access"
    if mode == "read":
        style.update(dir="back", arrowtail="vee")
    elif mode == "read_write":
        style.update(dir="both", arrowtail="vee")
    elif mode == "access":
        style.update(dir="none")
    return style


def association_style(is_directed: bool) -> dict[str, str]:
    """Edge attributes of an Association: plain line, a half arrowhead when directed."""
    style = dict(RELATIONSHIP_STYLES["Association"])
    if is_directed:
        style.update(dir="forward", arrowhead="lvee")
    return style


#: Colours of diff statuses: node fill, line colour, font colour, line style.
#: The fills are saturated where the layer colours are pale, so a diff colour is never
#: mistaken for a layer (CIE76 colour difference of at least 20 from every layer colour);
#: names stay black (contrast of at least 4.5:1).
STATUS_STYLES: dict[str, dict[str, str]] = {
    "added": {"fillcolor": "#6cc564", "color": "#1b5e20", "fontcolor": "#000000", "penwidth": "2"},
    "removed": {"fillcolor": "#f08c8c", "color": "#b71c1c", "fontcolor": "#000000", "penwidth": "2",
                "style": "dashed"},
    "changed": {"fillcolor": "#ffa726", "color": "#8a4b00", "fontcolor": "#000000", "penwidth": "2"},
    "unchanged": {"fillcolor": "#eeeeee", "color": "#9e9e9e", "fontcolor": "#000000", "penwidth": "1"},
}

#: Attributes added to elements and relationships named by a check finding.
FINDING_STYLE: dict[str, str] = {"color": "#d50000", "penwidth": "3", "fontcolor": "#9b0000"}

#: Attributes of a missing required connection (a finding's expected edge).
MISSING_EDGE_STYLE: dict[str, str] = {
    "style": "dashed", "color": "#d50000", "fontcolor": "#9b0000", "penwidth": "2",
    "arrowhead": "normal", "dir": "forward", "constraint": "false",
}
