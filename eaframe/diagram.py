"""Diagram geometry of a view: nodes, connections, bendpoints and styles.

A :class:`~eaframe.model.View` normally lists the elements (and relationships) it
shows and leaves the drawing to the renderers. A view imported from an ArchiMate
exchange file also carries the diagram the other tool drew — where every node sits,
which nodes are nested in which, notes and group boxes, bendpoints and colours — in
its optional ``diagram`` field, so that import → export → import keeps the drawing.

Coordinates follow the exchange format: integers in pixels from the top-left corner
of the diagram, **absolute** even for nested nodes; widths and heights are ≥ 1. Nodes
nest at most :data:`MAX_NESTING` (50) levels deep.

Examples
--------
>>> d = Diagram(nodes=[DiagramNode(id="n1", element="prov.lgsp", x=10, y=10, w=120, h=55)])
>>> d.nodes[0].kind, d.node_count()
('Element', 1)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ._field_docs import FieldDocs
from .attributes import CleanStr, Id, Text
from .i18n import msg

__all__ = ["Color", "Font", "Style", "Point", "DiagramNode", "DiagramConnection", "Diagram", "MAX_NESTING"]

#: How many levels deep diagram nodes may nest.
MAX_NESTING = 50


class Color(FieldDocs, BaseModel):
    """An RGB colour with optional opacity ``a`` in percent (0 transparent, 100 opaque)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    r: int = Field(ge=0, le=255)
    """Red, 0–255."""
    g: int = Field(ge=0, le=255)
    """Green, 0–255."""
    b: int = Field(ge=0, le=255)
    """Blue, 0–255."""
    a: Optional[int] = Field(default=None, ge=0, le=100)
    """Opacity in percent (the exchange format's 0–100 scale, not 0–255)."""


class Font(FieldDocs, BaseModel):
    """Font of a node's or connection's label."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    name: Optional[CleanStr] = None
    """Font family, e.g. ``Segoe UI``."""
    size: Optional[str] = Field(default=None, pattern=r"^[1-9][0-9]*(\.0|\.5)?$")
    """Size in points, in steps of 0.5 (kept as written, e.g. ``9`` or ``9.5``)."""
    style: Optional[str] = Field(default=None, pattern=r"^(plain|bold|italic|underline)( (plain|bold|italic|underline))*$")
    """Space-separated list of ``plain``, ``bold``, ``italic``, ``underline``."""
    color: Optional[Color] = None
    """Text colour."""


class Style(FieldDocs, BaseModel):
    """Colours, font and line width of a node or connection."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    fill_color: Optional[Color] = None
    """Fill colour (nodes)."""
    line_color: Optional[Color] = None
    """Line colour."""
    font: Optional[Font] = None
    """Label font."""
    line_width: Optional[int] = Field(default=None, ge=1)
    """Line width in pixels."""


class Point(FieldDocs, BaseModel):
    """An absolute position on the diagram (bendpoint or attachment point)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    x: int = Field(ge=0)
    """Pixels from the left edge."""
    y: int = Field(ge=0)
    """Pixels from the top edge."""


class DiagramNode(FieldDocs, BaseModel):
    """A box on the diagram: an element, a group box (``Container``) or a note (``Label``)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    id: Id
    """Node id (unique across the whole model and its diagrams)."""
    kind: Literal["Element", "Container", "Label"] = "Element"
    """What the node shows: an element, a visual group box, or a note / label."""
    element: Optional[Id] = None
    """Id of the element shown (required for, and only for, ``Element`` nodes)."""
    x: int = Field(ge=0)
    """Left edge, absolute."""
    y: int = Field(ge=0)
    """Top edge, absolute."""
    w: int = Field(ge=1)
    """Width."""
    h: int = Field(ge=1)
    """Height."""
    label: Optional[Text] = None
    """Text of a note or group box (or a label overriding the element's name)."""
    documentation: Optional[Text] = None
    """Documentation of the node itself."""
    style: Optional[Style] = None
    """Colours and font."""
    view_refs: list[Id] = Field(default_factory=list)
    """Views this node links to (drill-down)."""
    nodes: list[DiagramNode] = Field(default_factory=list)
    """Nested nodes, with absolute coordinates; later ones are drawn in front."""

    @model_validator(mode="after")
    def _kind_rules(self) -> DiagramNode:
        if self.kind == "Element" and self.element is None:
            raise ValueError(msg("node {id!r}: an Element node needs 'element' (the id of the element shown)",
                                 id=self.id))
        if self.kind != "Element" and self.element is not None:
            raise ValueError(msg("node {id!r}: only Element nodes reference an element (kind is {kind})", id=self.id,
                                 kind=self.kind))
        if self.kind == "Label" and self.nodes:
            raise ValueError(msg("node {id!r}: a Label node cannot contain nested nodes", id=self.id))
        return self

    def walk(self) -> Iterator[DiagramNode]:
        """This node, then its nested nodes depth first."""
        yield self
        for child in self.nodes:
            yield from child.walk()


class DiagramConnection(FieldDocs, BaseModel):
    """A line on the diagram: a relationship, or a plain line between notes and boxes."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    id: Id
    """Connection id (unique across the whole model and its diagrams)."""
    kind: Literal["Relationship", "NestingRelationship", "Line"] = "Relationship"
    """``Relationship`` (draws a relationship), ``NestingRelationship`` or a plain ``Line``."""
    relationship: Optional[Id] = None
    """Id of the relationship drawn (required except for ``Line``)."""
    source: Optional[Id] = None
    """Id of the node or connection the line starts at."""
    target: Optional[Id] = None
    """Id of the node or connection the line ends at."""
    label: Optional[Text] = None
    """Label of the line."""
    documentation: Optional[Text] = None
    """Documentation of the line itself."""
    style: Optional[Style] = None
    """Colour, width and font."""
    view_refs: list[Id] = Field(default_factory=list)
    """Views this line links to."""
    source_attachment: Optional[Point] = None
    """Where the line leaves its source."""
    bendpoints: list[Point] = Field(default_factory=list)
    """Bendpoints, absolute."""
    target_attachment: Optional[Point] = None
    """Where the line meets its target."""

    @model_validator(mode="after")
    def _kind_rules(self) -> DiagramConnection:
        if self.kind != "Line":
            if self.relationship is None or self.source is None or self.target is None:
                raise ValueError(msg("connection {id!r}: a {kind} connection needs relationship, source and target",
                                     id=self.id, kind=self.kind))
        elif self.relationship is not None:
            raise ValueError(msg("connection {id!r}: a Line does not reference a relationship", id=self.id))
        return self


class Diagram(FieldDocs, BaseModel):
    """The drawing of a view: top-level nodes (with nested ones) and connections."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    nodes: list[DiagramNode] = Field(default_factory=list)
    """Top-level nodes in z-order."""
    connections: list[DiagramConnection] = Field(default_factory=list)
    """Connections."""

    @model_validator(mode="after")
    def _nesting_depth(self) -> Diagram:
        # Writers and renderers recurse into nested nodes; a bounded depth keeps every
        # diagram that loads writable (real tools nest a handful of levels).
        level, depth = list(self.nodes), 1
        while level:
            if depth > MAX_NESTING:
                raise ValueError(msg("nodes are nested more than {max} levels deep (node {id!r}); "
                                     "a diagram may nest at most {max} levels", max=MAX_NESTING, id=level[0].id))
            level = [child for n in level for child in n.nodes]
            depth += 1
        return self

    def walk(self) -> Iterator[DiagramNode]:
        """Every node, depth first."""
        for n in self.nodes:
            yield from n.walk()

    def node_count(self) -> int:
        """Number of nodes, nested ones included."""
        return sum(1 for _ in self.walk())

    def element_refs(self) -> list[str]:
        """Ids of the elements shown, each once, in drawing order."""
        return list(dict.fromkeys(n.element for n in self.walk() if n.element is not None))

    def relationship_refs(self) -> list[str]:
        """Ids of the relationships drawn, each once, in drawing order."""
        return list(dict.fromkeys(c.relationship for c in self.connections if c.relationship is not None))

    def ids(self) -> list[str]:
        """Ids of all nodes and connections."""
        return [n.id for n in self.walk()] + [c.id for c in self.connections]
