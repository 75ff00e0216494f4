"""ArchiMate 3.2 element types as pydantic models, with e-government attributes.

Every one of the 60 ArchiMate element types, plus the ``AndJunction`` and
``OrJunction`` relationship connectors, is a subclass of :class:`Element` whose
``type`` field is a literal tag. :data:`AnyElement` is the discriminated union of all of
them, so a model file entry ``{type: ApplicationComponent, ...}`` validates straight
into :class:`ApplicationComponent`. Each class knows its ArchiMate ``layer`` and
``aspect`` as class variables.

Examples
--------
>>> lgsp = ApplicationComponent(id="prov.lgsp", name={"vi": "Nền tảng LGSP", "en": "LGSP"})
>>> lgsp.layer, lgsp.aspect
(<Layer.APPLICATION: 'application'>, <Aspect.ACTIVE_STRUCTURE: 'active_structure'>)
>>> ELEMENT_TYPES["DataObject"].layer.value
'application'
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, ClassVar, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from .attributes import (
    Budget,
    Confidence,
    Id,
    NotBool,
    Procurement,
    PropertyKey,
    PropertyValue,
    Scope,
    ServiceMode,
    SourceId,
    Status,
    Target,
    Text,
)

__all__ = [
    "Layer",
    "Aspect",
    "Concept",
    "Element",
    "AnyElement",
    "ELEMENT_TYPES",
    "element_class",
    "LAYER_ORDER",
]


class Layer(StrEnum):
    """ArchiMate layer (or extension) an element type belongs to."""

    STRATEGY = "strategy"
    BUSINESS = "business"
    APPLICATION = "application"
    TECHNOLOGY = "technology"
    PHYSICAL = "physical"
    MOTIVATION = "motivation"
    IMPLEMENTATION_MIGRATION = "implementation_migration"
    OTHER = "other"


#: Layers from top to bottom, as ArchiMate diagrams stack them.
LAYER_ORDER: tuple[Layer, ...] = (
    Layer.MOTIVATION,
    Layer.STRATEGY,
    Layer.BUSINESS,
    Layer.APPLICATION,
    Layer.TECHNOLOGY,
    Layer.PHYSICAL,
    Layer.IMPLEMENTATION_MIGRATION,
    Layer.OTHER,
)


class Aspect(StrEnum):
    """ArchiMate aspect of an element type."""

    ACTIVE_STRUCTURE = "active_structure"
    BEHAVIOUR = "behaviour"
    PASSIVE_STRUCTURE = "passive_structure"
    MOTIVATION = "motivation"
    COMPOSITE = "composite"
    CONNECTOR = "connector"


class Concept(BaseModel):
    """Fields shared by elements and relationships."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, validate_default=False)

    id: Id
    """Unique id across all concepts and views of a model; stable across versions."""
    name: Text = Field(default_factory=Text)
    """Name in Vietnamese (``vi``) and English (``en``)."""
    documentation: Optional[Text] = None
    """Description, in the same languages as ``name``."""
    sources: list[SourceId] = Field(default_factory=list)
    """Provenance: ids of entries in ``metadata.sources`` (e.g. ``[S14, S15]``)."""
    confidence: Optional[Confidence] = None
    """How well the fact is established: V, V2, K or I (see :class:`Confidence`)."""
    properties: dict[PropertyKey, PropertyValue] = Field(default_factory=dict)
    """Free-form string properties; kept through every export and import."""

    kind: ClassVar[str] = "concept"

    @property
    def type_name(self) -> str:
        """The ArchiMate type name, e.g. ``"ApplicationComponent"``."""
        return self.type  # type: ignore[attr-defined]

    def label(self, lang: str = "vi") -> str:
        """Display label in ``lang``, falling back to another language, then the id."""
        return self.name.get(lang, fallback=True) or self.id


class Element(Concept):
    """Base class of all element types (not instantiated itself)."""

    type: str
    layer: ClassVar[Layer]
    aspect: ClassVar[Aspect]
    kind: ClassVar[str] = "element"

    status: Optional[Status] = None
    """Life-cycle status: existing, planned or retired."""
    scope: Optional[Scope] = None
    """Provincial, national or external (non-State) building block."""
    mandatory: Optional[bool] = None
    """In a framework model: whether a province must have this building block."""
    owner: Optional[Id] = None
    """Id of the element (usually a BusinessActor) that owns this one."""
    security_level: Optional[Annotated[int, Field(ge=1, le=5), NotBool]] = None
    """Information-system security level 1–5 (Decree 85/2016/NĐ-CP)."""
    protection_plan_approved: Optional[bool] = None
    """Whether a security-by-level protection plan is approved for this system."""
    public_facing: Optional[bool] = None
    """Whether it is reachable by the public (portals, websites)."""
    procurement: Optional[Procurement] = None
    """Invest (build/buy) or lease (thuê dịch vụ CNTT)."""
    service_level: Optional[Annotated[int, Field(ge=1, le=4), NotBool]] = None
    """Online public service level 1–4 (Decree 43/2011/NĐ-CP)."""
    service_mode: Optional[ServiceMode] = None
    """Full or partial online service (Decree 42/2022/NĐ-CP)."""
    dossiers_total: Optional[Annotated[int, Field(ge=0), NotBool]] = None
    """Dossiers (hồ sơ) received in the reporting period."""
    dossiers_online: Optional[Annotated[int, Field(ge=0), NotBool]] = None
    """Of ``dossiers_total``, those received and processed online."""
    target: Optional[Target] = None
    """Numeric target (on motivation elements)."""
    budget: Optional[Budget] = None
    """Budget (on work packages, plans or goals)."""
    implements: Optional[Id] = None
    """Id of the framework building block this element realises (in the framework model)."""
    replaces: list[Id] = Field(default_factory=list)
    """Ids of elements of an earlier version that this one replaces (for the diff)."""


class Resource(Element):
    """An asset owned or controlled by an individual or organization."""

    type: Literal["Resource"] = "Resource"
    layer: ClassVar[Layer] = Layer.STRATEGY
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Capability(Element):
    """An ability that an active structure element possesses."""

    type: Literal["Capability"] = "Capability"
    layer: ClassVar[Layer] = Layer.STRATEGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class ValueStream(Element):
    """A sequence of activities that create an overall result for a stakeholder."""

    type: Literal["ValueStream"] = "ValueStream"
    layer: ClassVar[Layer] = Layer.STRATEGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class CourseOfAction(Element):
    """An approach or plan for configuring capabilities and resources."""

    type: Literal["CourseOfAction"] = "CourseOfAction"
    layer: ClassVar[Layer] = Layer.STRATEGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class BusinessActor(Element):
    """A business entity capable of performing behaviour (e.g. a citizen or an agency)."""

    type: Literal["BusinessActor"] = "BusinessActor"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class BusinessRole(Element):
    """The responsibility for performing specific behaviour."""

    type: Literal["BusinessRole"] = "BusinessRole"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class BusinessCollaboration(Element):
    """An aggregate of business internal active structure elements that work together."""

    type: Literal["BusinessCollaboration"] = "BusinessCollaboration"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class BusinessInterface(Element):
    """A point of access where a business service is made available (e.g. a one-stop counter)."""

    type: Literal["BusinessInterface"] = "BusinessInterface"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class BusinessProcess(Element):
    """A sequence of business behaviours that achieves a specific result."""

    type: Literal["BusinessProcess"] = "BusinessProcess"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class BusinessFunction(Element):
    """A collection of business behaviour based on chosen criteria."""

    type: Literal["BusinessFunction"] = "BusinessFunction"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class BusinessInteraction(Element):
    """A unit of collective business behaviour performed by a collaboration."""

    type: Literal["BusinessInteraction"] = "BusinessInteraction"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class BusinessEvent(Element):
    """A business state change."""

    type: Literal["BusinessEvent"] = "BusinessEvent"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class BusinessService(Element):
    """Explicitly defined behaviour that a business role or collaboration exposes (e.g. an online public service)."""

    type: Literal["BusinessService"] = "BusinessService"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class BusinessObject(Element):
    """A concept used within a particular business domain (e.g. a dossier)."""

    type: Literal["BusinessObject"] = "BusinessObject"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Contract(Element):
    """A formal or informal specification of an agreement."""

    type: Literal["Contract"] = "Contract"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Representation(Element):
    """A perceptible form of the information carried by a business object."""

    type: Literal["Representation"] = "Representation"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Product(Element):
    """A coherent collection of services and/or passive structure elements with a contract."""

    type: Literal["Product"] = "Product"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.COMPOSITE

class ApplicationComponent(Element):
    """An encapsulation of application functionality (e.g. an information system)."""

    type: Literal["ApplicationComponent"] = "ApplicationComponent"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class ApplicationCollaboration(Element):
    """An aggregate of application internal active structure elements that work together."""

    type: Literal["ApplicationCollaboration"] = "ApplicationCollaboration"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class ApplicationInterface(Element):
    """A point of access where application services are made available."""

    type: Literal["ApplicationInterface"] = "ApplicationInterface"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class ApplicationFunction(Element):
    """Automated behaviour that can be performed by an application component."""

    type: Literal["ApplicationFunction"] = "ApplicationFunction"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class ApplicationInteraction(Element):
    """A unit of collective application behaviour performed by a collaboration."""

    type: Literal["ApplicationInteraction"] = "ApplicationInteraction"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class ApplicationProcess(Element):
    """A sequence of application behaviours that achieves a specific result."""

    type: Literal["ApplicationProcess"] = "ApplicationProcess"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class ApplicationEvent(Element):
    """An application state change."""

    type: Literal["ApplicationEvent"] = "ApplicationEvent"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class ApplicationService(Element):
    """Explicitly defined exposed application behaviour (e.g. single sign-on)."""

    type: Literal["ApplicationService"] = "ApplicationService"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class DataObject(Element):
    """Data structured for automated processing (e.g. a database)."""

    type: Literal["DataObject"] = "DataObject"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Node(Element):
    """A computational or physical resource that hosts, manipulates or interacts with others (e.g. a data centre)."""

    type: Literal["Node"] = "Node"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class Device(Element):
    """A physical IT resource upon which system software and artifacts may be stored or deployed."""

    type: Literal["Device"] = "Device"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class SystemSoftware(Element):
    """Software that provides or contributes to an environment for storing, executing and using software or data."""

    type: Literal["SystemSoftware"] = "SystemSoftware"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class TechnologyCollaboration(Element):
    """An aggregate of nodes that work together to perform collective technology behaviour."""

    type: Literal["TechnologyCollaboration"] = "TechnologyCollaboration"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class TechnologyInterface(Element):
    """A point of access where technology services offered by a node can be accessed."""

    type: Literal["TechnologyInterface"] = "TechnologyInterface"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class Path(Element):
    """A link between two or more nodes through which they exchange data, energy or material."""

    type: Literal["Path"] = "Path"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class CommunicationNetwork(Element):
    """A set of structures that connects nodes for transmission, routing and reception of data (e.g. the specialised data network)."""

    type: Literal["CommunicationNetwork"] = "CommunicationNetwork"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class TechnologyFunction(Element):
    """A collection of technology behaviour that can be performed by a node."""

    type: Literal["TechnologyFunction"] = "TechnologyFunction"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class TechnologyProcess(Element):
    """A sequence of technology behaviours that achieves a specific result."""

    type: Literal["TechnologyProcess"] = "TechnologyProcess"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class TechnologyInteraction(Element):
    """A unit of collective technology behaviour performed by a collaboration of nodes."""

    type: Literal["TechnologyInteraction"] = "TechnologyInteraction"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class TechnologyEvent(Element):
    """A technology state change."""

    type: Literal["TechnologyEvent"] = "TechnologyEvent"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class TechnologyService(Element):
    """Explicitly defined exposed technology behaviour (e.g. digital signature certification)."""

    type: Literal["TechnologyService"] = "TechnologyService"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class Artifact(Element):
    """A piece of data that is used or produced in a software development process or by deployment and operation."""

    type: Literal["Artifact"] = "Artifact"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Equipment(Element):
    """One or more physical machines, tools or instruments."""

    type: Literal["Equipment"] = "Equipment"
    layer: ClassVar[Layer] = Layer.PHYSICAL
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class Facility(Element):
    """A physical structure or environment."""

    type: Literal["Facility"] = "Facility"
    layer: ClassVar[Layer] = Layer.PHYSICAL
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class DistributionNetwork(Element):
    """A physical network used to transport materials or energy."""

    type: Literal["DistributionNetwork"] = "DistributionNetwork"
    layer: ClassVar[Layer] = Layer.PHYSICAL
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class Material(Element):
    """Tangible physical matter or energy."""

    type: Literal["Material"] = "Material"
    layer: ClassVar[Layer] = Layer.PHYSICAL
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Stakeholder(Element):
    """The role of an individual, team or organization that represents their interests."""

    type: Literal["Stakeholder"] = "Stakeholder"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Driver(Element):
    """An external or internal condition that motivates an organization to define its goals."""

    type: Literal["Driver"] = "Driver"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Assessment(Element):
    """The result of an analysis of the state of affairs with respect to some driver."""

    type: Literal["Assessment"] = "Assessment"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Goal(Element):
    """A high-level statement of intent, direction or desired end state."""

    type: Literal["Goal"] = "Goal"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Outcome(Element):
    """An end result, such as a measurable target."""

    type: Literal["Outcome"] = "Outcome"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Principle(Element):
    """A statement of intent defining a general property that applies to any system."""

    type: Literal["Principle"] = "Principle"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Requirement(Element):
    """A statement of need defining a property that applies to a specific system."""

    type: Literal["Requirement"] = "Requirement"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Constraint(Element):
    """A factor that limits the realization of goals (e.g. a mandatory standard)."""

    type: Literal["Constraint"] = "Constraint"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Meaning(Element):
    """The knowledge or expertise present in, or the interpretation given to, a concept."""

    type: Literal["Meaning"] = "Meaning"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Value(Element):
    """The relative worth, utility or importance of a concept."""

    type: Literal["Value"] = "Value"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class WorkPackage(Element):
    """A series of actions to achieve a unique goal within specified time constraints."""

    type: Literal["WorkPackage"] = "WorkPackage"
    layer: ClassVar[Layer] = Layer.IMPLEMENTATION_MIGRATION
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class Deliverable(Element):
    """A precisely-defined result of a work package."""

    type: Literal["Deliverable"] = "Deliverable"
    layer: ClassVar[Layer] = Layer.IMPLEMENTATION_MIGRATION
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class ImplementationEvent(Element):
    """A state change related to implementation or migration."""

    type: Literal["ImplementationEvent"] = "ImplementationEvent"
    layer: ClassVar[Layer] = Layer.IMPLEMENTATION_MIGRATION
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class Plateau(Element):
    """A relatively stable state of the architecture that exists during a limited period of time."""

    type: Literal["Plateau"] = "Plateau"
    layer: ClassVar[Layer] = Layer.IMPLEMENTATION_MIGRATION
    aspect: ClassVar[Aspect] = Aspect.COMPOSITE

class Gap(Element):
    """A statement of difference between two plateaus."""

    type: Literal["Gap"] = "Gap"
    layer: ClassVar[Layer] = Layer.IMPLEMENTATION_MIGRATION
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Grouping(Element):
    """Aggregates or composes concepts that belong together (e.g. a layer or reference model)."""

    type: Literal["Grouping"] = "Grouping"
    layer: ClassVar[Layer] = Layer.OTHER
    aspect: ClassVar[Aspect] = Aspect.COMPOSITE

class Location(Element):
    """A conceptual or physical place or position where concepts are located."""

    type: Literal["Location"] = "Location"
    layer: ClassVar[Layer] = Layer.OTHER
    aspect: ClassVar[Aspect] = Aspect.COMPOSITE

class AndJunction(Element):
    """Joins relationships of the same type (AND)."""

    type: Literal["AndJunction"] = "AndJunction"
    layer: ClassVar[Layer] = Layer.OTHER
    aspect: ClassVar[Aspect] = Aspect.CONNECTOR

class OrJunction(Element):
    """Joins relationships of the same type (OR)."""

    type: Literal["OrJunction"] = "OrJunction"
    layer: ClassVar[Layer] = Layer.OTHER
    aspect: ClassVar[Aspect] = Aspect.CONNECTOR


AnyElement = Annotated[
    Union[
        Resource,
        Capability,
        ValueStream,
        CourseOfAction,
        BusinessActor,
        BusinessRole,
        BusinessCollaboration,
        BusinessInterface,
        BusinessProcess,
        BusinessFunction,
        BusinessInteraction,
        BusinessEvent,
        BusinessService,
        BusinessObject,
        Contract,
        Representation,
        Product,
        ApplicationComponent,
        ApplicationCollaboration,
        ApplicationInterface,
        ApplicationFunction,
        ApplicationInteraction,
        ApplicationProcess,
        ApplicationEvent,
        ApplicationService,
        DataObject,
        Node,
        Device,
        SystemSoftware,
        TechnologyCollaboration,
        TechnologyInterface,
        Path,
        CommunicationNetwork,
        TechnologyFunction,
        TechnologyProcess,
        TechnologyInteraction,
        TechnologyEvent,
        TechnologyService,
        Artifact,
        Equipment,
        Facility,
        DistributionNetwork,
        Material,
        Stakeholder,
        Driver,
        Assessment,
        Goal,
        Outcome,
        Principle,
        Requirement,
        Constraint,
        Meaning,
        Value,
        WorkPackage,
        Deliverable,
        ImplementationEvent,
        Plateau,
        Gap,
        Grouping,
        Location,
        AndJunction,
        OrJunction,
    ],
    Field(discriminator="type"),
]
"""Any element type, discriminated by its ``type`` field."""

#: Element classes by ArchiMate type name, in the order of the ArchiMate specification.
ELEMENT_TYPES: dict[str, type[Element]] = {cls.__name__: cls for cls in (
    Resource,
    Capability,
    ValueStream,
    CourseOfAction,
    BusinessActor,
    BusinessRole,
    BusinessCollaboration,
    BusinessInterface,
    BusinessProcess,
    BusinessFunction,
    BusinessInteraction,
    BusinessEvent,
    BusinessService,
    BusinessObject,
    Contract,
    Representation,
    Product,
    ApplicationComponent,
    ApplicationCollaboration,
    ApplicationInterface,
    ApplicationFunction,
    ApplicationInteraction,
    ApplicationProcess,
    ApplicationEvent,
    ApplicationService,
    DataObject,
    Node,
    Device,
    SystemSoftware,
    TechnologyCollaboration,
    TechnologyInterface,
    Path,
    CommunicationNetwork,
    TechnologyFunction,
    TechnologyProcess,
    TechnologyInteraction,
    TechnologyEvent,
    TechnologyService,
    Artifact,
    Equipment,
    Facility,
    DistributionNetwork,
    Material,
    Stakeholder,
    Driver,
    Assessment,
    Goal,
    Outcome,
    Principle,
    Requirement,
    Constraint,
    Meaning,
    Value,
    WorkPackage,
    Deliverable,
    ImplementationEvent,
    Plateau,
    Gap,
    Grouping,
    Location,
    AndJunction,
    OrJunction,
)}

__all__ += list(ELEMENT_TYPES)


def element_class(type_name: str) -> type[Element]:
    """Return the element class for an ArchiMate type name.

    Raises
    ------
    KeyError
        With a list of the known type names, when ``type_name`` is unknown.

    Examples
    --------
    >>> element_class("Node").layer
    <Layer.TECHNOLOGY: 'technology'>
    """
    try:
        return ELEMENT_TYPES[type_name]
    except KeyError:
        raise KeyError(f"unknown element type {type_name!r}; known: {', '.join(ELEMENT_TYPES)}") from None
