"""The ArchiMate-like notation of eaframe diagrams, as pure data.

Graphviz cannot draw the ArchiMate icons, so the notation keeps what it can:

* **layer colours** — the fill colours of the ArchiMate specification's examples
  (business yellow, application blue, technology and physical green, motivation
  violet, implementation & migration pink, strategy tan, other white);
* **a shape per element type family** (active structure: box; behaviour: rounded
  box; service: ellipse; event: notched box; passive structure: tabbed box;
  artifact/deliverable: folded note; node/device: 3-D box; motivation: octagon;
  grouping: dashed box; junctions: dots) and a small **badge** line with the type
  name under the element name;
* **relationship line and arrow styles** of the ArchiMate notation
  (:data:`RELATIONSHIP_STYLES`).

Everything here is plain dictionaries of Graphviz attributes; :mod:`eaframe.render.dot`
turns them into DOT text.

Examples
--------
>>> LAYER_COLOURS["application"]
'#b5ffff'
>>> element_style("ApplicationService")["shape"]
'ellipse'
>>> RELATIONSHIP_STYLES["Realization"]["arrowhead"], RELATIONSHIP_STYLES["Realization"]["style"]
('empty', 'dashed')
>>> access_style("read")["dir"]
'back'
"""

from __future__ import annotations

from typing import Optional

__all__ = [
    "FONT",
    "LAYER_COLOURS",
    "LAYER_LABELS",
    "FAMILY_STYLES",
    "ELEMENT_FAMILY",
    "element_family",
    "element_style",
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
    "business": "#ffffb5",
    "application": "#b5ffff",
    "technology": "#c9e7b7",
    "physical": "#c9e7b7",
    "motivation": "#ccccff",
    "implementation_migration": "#ffe0e0",
    "other": "#ffffff",
}

#: Names of the layers, by language, for cluster titles and the legend.
LAYER_LABELS: dict[str, dict[str, str]] = {
    "strategy": {"en": "Strategy", "vi": "Chiến lược"},
    "business": {"en": "Business", "vi": "Nghiệp vụ"},
    "application": {"en": "Application", "vi": "Ứng dụng"},
    "technology": {"en": "Technology", "vi": "Công nghệ"},
    "physical": {"en": "Physical", "vi": "Vật lý"},
    "motivation": {"en": "Motivation", "vi": "Động lực"},
    "implementation_migration": {"en": "Implementation & migration", "vi": "Triển khai và chuyển đổi"},
    "other": {"en": "Other", "vi": "Khác"},
}

#: Graphviz node attributes of each element type family.
FAMILY_STYLES: dict[str, dict[str, str]] = {
    "active": {"shape": "box", "style": "filled"},
    "interface": {"shape": "box", "style": "filled"},
    "node": {"shape": "box3d", "style": "filled"},
    "behaviour": {"shape": "box", "style": "rounded,filled"},
    "service": {"shape": "ellipse", "style": "filled"},
    "event": {"shape": "cds", "style": "filled"},
    "passive": {"shape": "tab", "style": "filled"},
    "artifact": {"shape": "note", "style": "filled"},
    "network": {"shape": "box", "style": "filled,diagonals"},
    "motivation": {"shape": "octagon", "style": "filled"},
    "composite": {"shape": "box", "style": "filled"},
    "grouping": {"shape": "box", "style": "dashed,filled"},
    "location": {"shape": "box", "style": "rounded,filled"},
    "plateau": {"shape": "box3d", "style": "filled"},
    "gap": {"shape": "ellipse", "style": "dashed,filled"},
    "and_junction": {"shape": "point", "style": "filled", "width": "0.12"},
    "or_junction": {"shape": "circle", "style": "solid", "width": "0.12", "label": ""},
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
    "WorkPackage": "behaviour", "Plateau": "plateau", "Gap": "gap",
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


def element_style(type_name: str) -> dict[str, str]:
    """Graphviz node attributes (shape, style) of an element type, without colours."""
    return dict(FAMILY_STYLES[element_family(type_name)])


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

#: Names of the relationship types by language (legend).
RELATIONSHIP_LABELS: dict[str, dict[str, str]] = {
    "Serving": {"en": "Serving", "vi": "Phục vụ"},
    "Realization": {"en": "Realization", "vi": "Hiện thực hoá"},
    "Composition": {"en": "Composition", "vi": "Hợp thành"},
    "Aggregation": {"en": "Aggregation", "vi": "Kết tập"},
    "Assignment": {"en": "Assignment", "vi": "Gán"},
    "Flow": {"en": "Flow", "vi": "Luồng"},
    "Triggering": {"en": "Triggering", "vi": "Kích hoạt"},
    "Access": {"en": "Access", "vi": "Truy cập"},
    "Influence": {"en": "Influence", "vi": "Ảnh hưởng"},
    "Association": {"en": "Association", "vi": "Liên kết"},
    "Specialization": {"en": "Specialization", "vi": "Chuyên biệt hoá"},
}


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
STATUS_STYLES: dict[str, dict[str, str]] = {
    "added": {"fillcolor": "#c8f7c5", "color": "#2e7d32", "fontcolor": "#1b5e20", "penwidth": "2"},
    "removed": {"fillcolor": "#fde0e0", "color": "#c62828", "fontcolor": "#b71c1c", "penwidth": "2",
                "style": "dashed"},
    "changed": {"fillcolor": "#ffe082", "color": "#ff8f00", "fontcolor": "#000000", "penwidth": "2"},
    "unchanged": {"fillcolor": "#eeeeee", "color": "#9e9e9e", "fontcolor": "#616161", "penwidth": "1"},
}

#: Attributes added to elements and relationships named by a check finding.
FINDING_STYLE: dict[str, str] = {"color": "#d50000", "penwidth": "3", "fontcolor": "#d50000"}

#: Attributes of a missing required connection (a finding's expected edge).
MISSING_EDGE_STYLE: dict[str, str] = {
    "style": "dashed", "color": "#d50000", "fontcolor": "#d50000", "penwidth": "2",
    "arrowhead": "normal", "dir": "forward", "constraint": "false",
}
