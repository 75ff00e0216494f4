"""ArchiMate 3.2 relationship types as pydantic models.

The 11 relationship types are subclasses of :class:`Relationship`, tagged by
``type``. Attributes exist only where ArchiMate defines them: ``access_type`` on
:class:`Access`, ``modifier`` on :class:`Influence`, ``is_directed`` on
:class:`Association`. ``source`` and ``target`` hold the id of an element *or of
another relationship*, as ArchiMate allows.

Examples
--------
>>> r = Serving(id="r1", source="prov.lgsp", target="prov.portal")
>>> r.category
'dependency'
>>> Access(id="r2", source="a", target="b", access_type="read").access_type.value
'read'
"""


from typing import Annotated, Any, ClassVar, Literal, Optional, Union, get_args

from pydantic import ConfigDict, Field

from .attributes import AccessType, CleanStr, Id
from .elements import Concept, lazy_item_schema, share_concept_sets

__all__ = [
    "Relationship",
    "AnyRelationship",
    "RelationshipItem",
    "RELATIONSHIP_TYPES",
    "relationship_class",
    "Composition",
    "Aggregation",
    "Assignment",
    "Realization",
    "Serving",
    "Access",
    "Influence",
    "Association",
    "Triggering",
    "Flow",
    "Specialization",
]


class Relationship(Concept):
    """Base class of all relationship types (not instantiated itself)."""

    # Each relationship class builds its validator on first use; ArchitectureModel
    # dispatches on ``type`` through RelationshipItem below.
    model_config = ConfigDict(defer_build=True)

    type: str
    category: ClassVar[str]
    kind: ClassVar[str] = "relationship"

    source: Id
    """Id of the source element or relationship."""
    target: Id
    """Id of the target element or relationship."""

    def __init__(self, /, **data: Any) -> None:
        """Validate ``data`` (a ``pydantic.ValidationError`` names every problem)."""
        # pydantic-core validates into ``self`` directly, as in Element.__init__
        self.__pydantic_validator__.validate_python(data, self_instance=self)
        share_concept_sets(self)

    # pydantic's own constructor as far as validation goes (see elements.Element.__init__)
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]


class Composition(Relationship):
    """The target is part of the source and cannot exist without it."""

    type: Literal["Composition"] = "Composition"
    category: ClassVar[str] = "structural"


class Aggregation(Relationship):
    """The target is part of the source (and may be part of other wholes)."""

    type: Literal["Aggregation"] = "Aggregation"
    category: ClassVar[str] = "structural"


class Assignment(Relationship):
    """Allocation of responsibility, performance of behaviour, storage or execution."""

    type: Literal["Assignment"] = "Assignment"
    category: ClassVar[str] = "structural"


class Realization(Relationship):
    """The source plays a critical role in the creation, achievement or operation of the target."""

    type: Literal["Realization"] = "Realization"
    category: ClassVar[str] = "structural"


class Serving(Relationship):
    """The source provides its functionality to the target."""

    type: Literal["Serving"] = "Serving"
    category: ClassVar[str] = "dependency"


class Access(Relationship):
    """Behaviour or active structure (source) observes or acts upon a passive element (target)."""

    type: Literal["Access"] = "Access"
    category: ClassVar[str] = "dependency"

    access_type: Optional[AccessType] = None
    """Read, write, read_write or access (unspecified, the default)."""


class Influence(Relationship):
    """The source affects the implementation or achievement of a motivation element."""

    type: Literal["Influence"] = "Influence"
    category: ClassVar[str] = "dependency"

    modifier: Optional[Annotated[CleanStr, Field(max_length=32)]] = None
    """Strength of the influence, e.g. ``+``, ``++``, ``-``, ``--`` or ``0``..``10``."""


class Association(Relationship):
    """An unspecified relationship, optionally directed."""

    type: Literal["Association"] = "Association"
    category: ClassVar[str] = "dependency"

    is_directed: bool = False
    """Whether the association has a direction (from source to target)."""


class Triggering(Relationship):
    """A temporal or causal relationship between behaviours."""

    type: Literal["Triggering"] = "Triggering"
    category: ClassVar[str] = "dynamic"


class Flow(Relationship):
    """Transfer (of data, goods, money) from the source to the target."""

    type: Literal["Flow"] = "Flow"
    category: ClassVar[str] = "dynamic"


class Specialization(Relationship):
    """The source is a particular kind of the target."""

    type: Literal["Specialization"] = "Specialization"
    category: ClassVar[str] = "other"


_RelationshipUnion = Union[
    Composition,
    Aggregation,
    Assignment,
    Realization,
    Serving,
    Access,
    Influence,
    Association,
    Triggering,
    Flow,
    Specialization,
]

AnyRelationship = Annotated[_RelationshipUnion, Field(discriminator="type")]
"""Any relationship type, discriminated by its ``type`` field."""

#: Relationship classes by ArchiMate type name.
RELATIONSHIP_TYPES: dict[str, type[Relationship]] = {cls.__name__: cls for cls in get_args(_RelationshipUnion)}

RelationshipItem = Annotated[_RelationshipUnion, lazy_item_schema(RELATIONSHIP_TYPES, AnyRelationship)]
"""Any relationship, validated like :data:`AnyRelationship` (the class is chosen by
``type``), but each relationship class builds its validator only when a relationship of
its type is first validated: what :attr:`ArchitectureModel.relationships
<eaframe.model.ArchitectureModel.relationships>` holds."""


def relationship_class(type_name: str) -> type[Relationship]:
    """Return the relationship class for an ArchiMate type name (``KeyError`` if unknown)."""
    try:
        return RELATIONSHIP_TYPES[type_name]
    except KeyError:
        raise KeyError(
            f"unknown relationship type {type_name!r}; known: {', '.join(RELATIONSHIP_TYPES)}"
        ) from None
