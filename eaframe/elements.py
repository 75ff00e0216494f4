"""ArchiMate 3.2 element types as pydantic models, with e-government attributes.

Every one of the 60 ArchiMate element types, plus the ``AndJunction`` and
``OrJunction`` relationship connectors, is a subclass of :class:`Element` whose
``type`` field is a literal tag. :data:`AnyElement` is the discriminated union of all of
them, so a model file entry ``{type: ApplicationComponent, ...}`` validates straight
into :class:`ApplicationComponent`. Each class knows its ArchiMate ``layer`` and
``aspect`` as class variables. A model's ``elements`` are validated through
:data:`ElementItem`, which picks the class the same way but builds each class's
validator only when an element of that type is first validated.

Each type has only the fields that mean something for it. Every type but the junctions
is a :class:`BuildingBlock` (status, scope, mandatory, owner) with
:class:`LineageFields` (implements, replaces); the e-government attributes come from
field mixins that only some types take (:data:`FIELD_TYPES` lists which):

==========================  ===========================================================
mixin                       element types
==========================  ===========================================================
:class:`SystemFields`       information systems: ApplicationComponent,
                            ApplicationCollaboration, Node, Device, SystemSoftware,
                            TechnologyCollaboration, CommunicationNetwork
:class:`PublicFacingFields` systems, the three interfaces, Business/Application/
                            TechnologyService
:class:`ProcurementFields`  systems, ApplicationService, TechnologyService
:class:`ServiceLevelFields` BusinessService (online public services)
:class:`DossierFields`      BusinessService, BusinessProcess
:class:`TargetFields`       Goal, Outcome, Requirement
:class:`BudgetFields`       WorkPackage, CourseOfAction, Goal; procured systems and IT
                            services (the scorecard sums their budgets by procurement)
==========================  ===========================================================

Giving a field to a type that does not take it is an error that names the types that do.

Examples
--------
>>> lgsp = ApplicationComponent(id="prov.lgsp", name={"vi": "Nền tảng LGSP", "en": "LGSP"})
>>> lgsp.layer, lgsp.aspect
(<Layer.APPLICATION: 'application'>, <Aspect.ACTIVE_STRUCTURE: 'active_structure'>)
>>> ELEMENT_TYPES["DataObject"].layer.value
'application'
>>> isinstance(lgsp, SystemFields), "security_level" in AndJunction.model_fields
(True, False)
"""


from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import partial
from typing import Annotated, Any, ClassVar, Literal, Optional, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    GetPydanticSchema,
    ValidationError,
    ValidationInfo,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, InitErrorDetails, PydanticCustomError, PydanticKnownError, core_schema

from ._field_docs import FieldDocs
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
    own_fields_set,
    share_fields_set,
    unshared_state,
)

__all__ = [
    "Layer",
    "Aspect",
    "Concept",
    "Element",
    "BuildingBlock",
    "SystemFields",
    "PublicFacingFields",
    "ProcurementFields",
    "ServiceLevelFields",
    "DossierFields",
    "TargetFields",
    "BudgetFields",
    "LineageFields",
    "FIELD_MIXINS",
    "FIELD_ORDER",
    "FIELD_TYPES",
    "explain_misplaced_fields",
    "AnyElement",
    "ElementItem",
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


class Concept(FieldDocs, BaseModel):
    """Fields shared by elements and relationships.

    Fields are validated when a concept is built *and* when one is assigned
    (``e.security_level = 99`` raises :class:`pydantic.ValidationError`). Lists of ids are
    tuples, so they cannot be changed past validation either; build a changed copy
    with ``model_copy(update=...)`` and assign it, or assign a new tuple.
    """

    model_config = ConfigDict(extra="forbid", validate_default=False,
                              validate_assignment=True)

    id: Id
    """Unique id across all concepts and views of a model; stable across versions."""
    name: Text = Field(default_factory=Text._unset)
    """Name in Vietnamese (``vi``) and English (``en``)."""
    documentation: Optional[Text] = None
    """Description, in the same languages as ``name``."""
    sources: tuple[SourceId, ...] = ()
    """Provenance: ids of entries in ``metadata.sources`` (e.g. ``[S14, S15]``)."""
    confidence: Optional[Confidence] = None
    """How well the fact is established: V, V2, K or I (see :class:`Confidence`)."""
    properties: dict[PropertyKey, PropertyValue] = Field(default_factory=dict)
    """Free-form string properties; kept through every export and import."""

    kind: ClassVar[str] = "concept"

    # A loaded concept shares its set of set fields with the concepts that set the same
    # fields (attributes.share_fields_set; issue 16); it gets its own before a change.
    def __setattr__(self, name: str, value: Any) -> None:
        own_fields_set(self)
        super().__setattr__(name, value)

    def __getstate__(self) -> dict[Any, Any]:
        return unshared_state(super().__getstate__())

    @property
    def type_name(self) -> str:
        """The ArchiMate type name, e.g. ``"ApplicationComponent"``."""
        return self.type  # type: ignore[attr-defined]

    def label(self, lang: str = "vi") -> str:
        """Display label in ``lang``, falling back to another language, then the id."""
        return self.name.get(lang, fallback=True) or self.id

    def _repr_html_(self) -> str:
        """Jupyter display: a short card (id, names, layer or ends, sources, confidence)."""
        from ._displays import concept_html

        return concept_html(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        """IPython text display: one short line (the full ``repr`` stays available)."""
        from ._displays import concept_text

        p.text(concept_text(self))


def share_concept_sets(concept: Concept, share: Callable[[BaseModel], None] = share_fields_set) -> None:
    """Let a newly validated ``concept`` and its texts share their sets of set fields with
    the concepts and texts that set the same fields (:func:`~eaframe.attributes.share_fields_set`,
    or ``share``, e.g. a :func:`~eaframe.attributes.fields_set_sharer` for many concepts in
    a row), as every load does: fewer objects for the garbage collector to track."""
    share(concept)
    fields = concept.__dict__
    share(fields["name"])
    doc = fields["documentation"]
    if doc is not None:
        share(doc)


def validate_in_place(items: list, types: Mapping[str, type[BaseModel]], context: dict,
                      share: Callable[[BaseModel], None] = share_fields_set) -> bool:
    """Replace each mapping of ``items`` whose ``type`` names a class of ``types`` by the
    concept that class validates it into (with ``context``), its sets of set fields shared
    (:func:`share_concept_sets`), so that the mappings are freed while the model is made.
    Items the whole-model validation must judge (not a mapping, no known ``type``) are left
    as they are: it takes the concepts made here as they are and validates the rest.
    ``False`` at the first mapping that does not validate, the rest left as they are: the
    caller then has the whole-model validation report every problem with its place."""
    for i, item in enumerate(items):
        if type(item) is not dict:
            continue
        tag = item.get("type")
        cls = types.get(tag) if type(tag) is str else None
        if cls is None:
            continue
        try:
            concept = cls.__pydantic_validator__.validate_python(item, context=context)
        except ValidationError:
            return False
        share_concept_sets(concept, share)
        items[i] = concept
    return True


class Element(Concept):
    """Base class of all element types (not instantiated itself).

    An element has the fields of :class:`Concept` and a ``type``; the other fields depend
    on the type (see :data:`FIELD_MIXINS`): every type but the junctions is a
    :class:`BuildingBlock`, and the e-government attributes live in mixins
    (:class:`SystemFields`, :class:`ServiceLevelFields`, ...) that only the types where
    they mean something inherit. Test for a field with ``isinstance(e, SystemFields)``.
    """

    # Each element class builds its validator on first use (a model that uses 15 types
    # builds 15); ArchitectureModel dispatches on ``type`` through ElementItem below.
    model_config = ConfigDict(defer_build=True)

    type: str
    layer: ClassVar[Layer]
    aspect: ClassVar[Aspect]
    kind: ClassVar[str] = "element"

    def __init__(self, /, **data: Any) -> None:
        """Validate ``data``; a field that the type does not take is reported with the types that do."""
        # pydantic-core validates into ``self`` directly (what BaseModel.__init__ does), without
        # a second Python frame and a second copy of the keyword arguments
        try:
            self.__pydantic_validator__.validate_python(data, self_instance=self)
        except ValidationError as err:
            raise explain_misplaced_fields(err, type(self).__name__) from None
        share_concept_sets(self)

    # Mark the constructor as pydantic's own (as pydantic's RootModel does), so that
    # elements validated inside a model go straight through pydantic-core (fast, and with
    # the validation context) instead of through this Python function.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        canonical = globals().get("FIELD_ORDER")  # None while the mixins themselves are defined
        if canonical is None:
            return
        order = {name: i for i, name in enumerate(canonical)}
        names = [n for n in cls.model_fields if n in order]
        if names != sorted(names, key=order.__getitem__):
            raise TypeError(f"{cls.__name__}: list the field mixins in the reverse of the FIELD_MIXINS order "
                            f"(LineageFields first) so that its fields keep the canonical order; got {names}")


class BuildingBlock(Element):
    """Fields of every element type except the junctions: life cycle, scope, ownership."""

    status: Optional[Status] = None
    """Life-cycle status: existing, planned or retired."""
    scope: Optional[Scope] = None
    """Provincial, national or external (non-State) building block."""
    mandatory: Optional[bool] = None
    """In a framework model: whether a province must have this building block."""
    owner: Optional[Id] = None
    """Id of the element (usually a BusinessActor) that owns this one."""


# The field mixins. Each concrete type lists the mixins it takes in the reverse of the
# order below (LineageFields first), so that its fields keep one canonical order
# (pydantic orders fields by reversed MRO): status ... owner, security_level ... budget,
# implements, replaces. Element.__pydantic_init_subclass__ checks it.

class SystemFields(BuildingBlock):
    """Security classification of an information system (application components, nodes, ...)."""

    security_level: Optional[Annotated[int, Field(ge=1, le=5), NotBool]] = None
    """Information-system security level 1–5 (Decree 85/2016/NĐ-CP)."""
    protection_plan_approved: Optional[bool] = None
    """Whether a security-by-level protection plan is approved for this system."""


class PublicFacingFields(BuildingBlock):
    """Reachability by the public (systems, interfaces, services)."""

    public_facing: Optional[bool] = None
    """Whether it is reachable by the public (portals, websites)."""


class ProcurementFields(BuildingBlock):
    """How an IT capability is procured (systems and IT services)."""

    procurement: Optional[Procurement] = None
    """Invest (build/buy) or lease (thuê dịch vụ CNTT)."""


class ServiceLevelFields(BuildingBlock):
    """Online public-service level and mode (business services)."""

    service_level: Optional[Annotated[int, Field(ge=1, le=4), NotBool]] = None
    """Online public service level 1–4 (Decree 43/2011/NĐ-CP)."""
    service_mode: Optional[ServiceMode] = None
    """Full or partial online service (Decree 42/2022/NĐ-CP)."""


class DossierFields(BuildingBlock):
    """Dossier (hồ sơ) counts of a reporting period (business services and processes)."""

    dossiers_total: Optional[Annotated[int, Field(ge=0), NotBool]] = None
    """Dossiers (hồ sơ) received in the reporting period."""
    dossiers_online: Optional[Annotated[int, Field(ge=0), NotBool]] = None
    """Of ``dossiers_total``, those received and processed online."""


class TargetFields(BuildingBlock):
    """A numeric target (goals, outcomes, requirements)."""

    target: Optional[Target] = None
    """Numeric target (on goals, outcomes and requirements)."""


class BudgetFields(BuildingBlock):
    """A budget (work packages, courses of action, goals, and procured systems and IT services)."""

    budget: Optional[Budget] = None
    """Budget (on work packages, plans or goals, and on procured systems and IT services)."""


class LineageFields(BuildingBlock):
    """Links to other models: the framework block realised, the elements replaced."""

    implements: Optional[Id] = None
    """Id of the framework building block this element realises (in the framework model)."""
    replaces: tuple[Id, ...] = ()
    """Ids of elements of an earlier version that this one replaces (for the diff)."""


#: The field mixins in canonical field order.
FIELD_MIXINS: tuple[type[BuildingBlock], ...] = (
    BuildingBlock, SystemFields, PublicFacingFields, ProcurementFields, ServiceLevelFields, DossierFields,
    TargetFields, BudgetFields, LineageFields,
)


#: The element fields that not every element type has, in their canonical order.
FIELD_ORDER: tuple[str, ...] = tuple(dict.fromkeys(
    n for m in FIELD_MIXINS for n in m.model_fields if n not in Element.model_fields))


class _Plain(LineageFields):
    """A building block without e-government attributes."""


class _System(LineageFields, BudgetFields, ProcurementFields, PublicFacingFields, SystemFields):
    """An information system: security level, public access, procurement, budget."""


class _Interface(LineageFields, PublicFacingFields):
    """An access point: public access."""


class _ITService(LineageFields, BudgetFields, ProcurementFields, PublicFacingFields):
    """An application or technology service: public access, procurement (leasing), budget."""


class _PublicService(LineageFields, DossierFields, ServiceLevelFields, PublicFacingFields):
    """A (public administrative) business service: public access, service level, dossiers."""


class _DossierProcess(LineageFields, DossierFields):
    """A business process handling dossiers (e.g. inter-agency exchange)."""


class _Measured(LineageFields, TargetFields):
    """A motivation element with a numeric target."""


class _FundedGoal(LineageFields, BudgetFields, TargetFields):
    """A goal: numeric target and budget."""


class _Funded(LineageFields, BudgetFields):
    """A plan or work package with a budget."""


class Resource(_Plain):
    """An asset owned or controlled by an individual or organization."""

    type: Literal["Resource"] = "Resource"
    layer: ClassVar[Layer] = Layer.STRATEGY
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Capability(_Plain):
    """An ability that an active structure element possesses."""

    type: Literal["Capability"] = "Capability"
    layer: ClassVar[Layer] = Layer.STRATEGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class ValueStream(_Plain):
    """A sequence of activities that create an overall result for a stakeholder."""

    type: Literal["ValueStream"] = "ValueStream"
    layer: ClassVar[Layer] = Layer.STRATEGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class CourseOfAction(_Funded):
    """An approach or plan for configuring capabilities and resources."""

    type: Literal["CourseOfAction"] = "CourseOfAction"
    layer: ClassVar[Layer] = Layer.STRATEGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class BusinessActor(_Plain):
    """A business entity capable of performing behaviour (e.g. a citizen or an agency)."""

    type: Literal["BusinessActor"] = "BusinessActor"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class BusinessRole(_Plain):
    """The responsibility for performing specific behaviour."""

    type: Literal["BusinessRole"] = "BusinessRole"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class BusinessCollaboration(_Plain):
    """An aggregate of business internal active structure elements that work together."""

    type: Literal["BusinessCollaboration"] = "BusinessCollaboration"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class BusinessInterface(_Interface):
    """A point of access where a business service is made available (e.g. a one-stop counter)."""

    type: Literal["BusinessInterface"] = "BusinessInterface"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class BusinessProcess(_DossierProcess):
    """A sequence of business behaviours that achieves a specific result."""

    type: Literal["BusinessProcess"] = "BusinessProcess"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class BusinessFunction(_Plain):
    """A collection of business behaviour based on chosen criteria."""

    type: Literal["BusinessFunction"] = "BusinessFunction"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class BusinessInteraction(_Plain):
    """A unit of collective business behaviour performed by a collaboration."""

    type: Literal["BusinessInteraction"] = "BusinessInteraction"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class BusinessEvent(_Plain):
    """A business state change."""

    type: Literal["BusinessEvent"] = "BusinessEvent"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class BusinessService(_PublicService):
    """Explicitly defined behaviour that a business role or collaboration exposes (e.g. an online public service)."""

    type: Literal["BusinessService"] = "BusinessService"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class BusinessObject(_Plain):
    """A concept used within a particular business domain (e.g. a dossier)."""

    type: Literal["BusinessObject"] = "BusinessObject"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Contract(_Plain):
    """A formal or informal specification of an agreement."""

    type: Literal["Contract"] = "Contract"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Representation(_Plain):
    """A perceptible form of the information carried by a business object."""

    type: Literal["Representation"] = "Representation"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Product(_Plain):
    """A coherent collection of services and/or passive structure elements with a contract."""

    type: Literal["Product"] = "Product"
    layer: ClassVar[Layer] = Layer.BUSINESS
    aspect: ClassVar[Aspect] = Aspect.COMPOSITE

class ApplicationComponent(_System):
    """An encapsulation of application functionality (e.g. an information system)."""

    type: Literal["ApplicationComponent"] = "ApplicationComponent"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class ApplicationCollaboration(_System):
    """An aggregate of application internal active structure elements that work together."""

    type: Literal["ApplicationCollaboration"] = "ApplicationCollaboration"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class ApplicationInterface(_Interface):
    """A point of access where application services are made available."""

    type: Literal["ApplicationInterface"] = "ApplicationInterface"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class ApplicationFunction(_Plain):
    """Automated behaviour that can be performed by an application component."""

    type: Literal["ApplicationFunction"] = "ApplicationFunction"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class ApplicationInteraction(_Plain):
    """A unit of collective application behaviour performed by a collaboration."""

    type: Literal["ApplicationInteraction"] = "ApplicationInteraction"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class ApplicationProcess(_Plain):
    """A sequence of application behaviours that achieves a specific result."""

    type: Literal["ApplicationProcess"] = "ApplicationProcess"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class ApplicationEvent(_Plain):
    """An application state change."""

    type: Literal["ApplicationEvent"] = "ApplicationEvent"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class ApplicationService(_ITService):
    """Explicitly defined exposed application behaviour (e.g. single sign-on)."""

    type: Literal["ApplicationService"] = "ApplicationService"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class DataObject(_Plain):
    """Data structured for automated processing (e.g. a database)."""

    type: Literal["DataObject"] = "DataObject"
    layer: ClassVar[Layer] = Layer.APPLICATION
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Node(_System):
    """A computational or physical resource that hosts, manipulates or interacts with others (e.g. a data centre)."""

    type: Literal["Node"] = "Node"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class Device(_System):
    """A physical IT resource upon which system software and artifacts may be stored or deployed."""

    type: Literal["Device"] = "Device"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class SystemSoftware(_System):
    """Software that provides or contributes to an environment for storing, executing and using software or data."""

    type: Literal["SystemSoftware"] = "SystemSoftware"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class TechnologyCollaboration(_System):
    """An aggregate of nodes that work together to perform collective technology behaviour."""

    type: Literal["TechnologyCollaboration"] = "TechnologyCollaboration"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class TechnologyInterface(_Interface):
    """A point of access where technology services offered by a node can be accessed."""

    type: Literal["TechnologyInterface"] = "TechnologyInterface"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class Path(_Plain):
    """A link between two or more nodes through which they exchange data, energy or material."""

    type: Literal["Path"] = "Path"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class CommunicationNetwork(_System):
    """A set of structures that connects nodes for transmission, routing and reception of data (e.g. the specialised data network)."""

    type: Literal["CommunicationNetwork"] = "CommunicationNetwork"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class TechnologyFunction(_Plain):
    """A collection of technology behaviour that can be performed by a node."""

    type: Literal["TechnologyFunction"] = "TechnologyFunction"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class TechnologyProcess(_Plain):
    """A sequence of technology behaviours that achieves a specific result."""

    type: Literal["TechnologyProcess"] = "TechnologyProcess"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class TechnologyInteraction(_Plain):
    """A unit of collective technology behaviour performed by a collaboration of nodes."""

    type: Literal["TechnologyInteraction"] = "TechnologyInteraction"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class TechnologyEvent(_Plain):
    """A technology state change."""

    type: Literal["TechnologyEvent"] = "TechnologyEvent"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class TechnologyService(_ITService):
    """Explicitly defined exposed technology behaviour (e.g. digital signature certification)."""

    type: Literal["TechnologyService"] = "TechnologyService"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class Artifact(_Plain):
    """A piece of data that is used or produced in a software development process or by deployment and operation."""

    type: Literal["Artifact"] = "Artifact"
    layer: ClassVar[Layer] = Layer.TECHNOLOGY
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Equipment(_Plain):
    """One or more physical machines, tools or instruments."""

    type: Literal["Equipment"] = "Equipment"
    layer: ClassVar[Layer] = Layer.PHYSICAL
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class Facility(_Plain):
    """A physical structure or environment."""

    type: Literal["Facility"] = "Facility"
    layer: ClassVar[Layer] = Layer.PHYSICAL
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class DistributionNetwork(_Plain):
    """A physical network used to transport materials or energy."""

    type: Literal["DistributionNetwork"] = "DistributionNetwork"
    layer: ClassVar[Layer] = Layer.PHYSICAL
    aspect: ClassVar[Aspect] = Aspect.ACTIVE_STRUCTURE

class Material(_Plain):
    """Tangible physical matter or energy."""

    type: Literal["Material"] = "Material"
    layer: ClassVar[Layer] = Layer.PHYSICAL
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Stakeholder(_Plain):
    """The role of an individual, team or organization that represents their interests."""

    type: Literal["Stakeholder"] = "Stakeholder"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Driver(_Plain):
    """An external or internal condition that motivates an organization to define its goals."""

    type: Literal["Driver"] = "Driver"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Assessment(_Plain):
    """The result of an analysis of the state of affairs with respect to some driver."""

    type: Literal["Assessment"] = "Assessment"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Goal(_FundedGoal):
    """A high-level statement of intent, direction or desired end state."""

    type: Literal["Goal"] = "Goal"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Outcome(_Measured):
    """An end result, such as a measurable target."""

    type: Literal["Outcome"] = "Outcome"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Principle(_Plain):
    """A statement of intent defining a general property that applies to any system."""

    type: Literal["Principle"] = "Principle"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Requirement(_Measured):
    """A statement of need defining a property that applies to a specific system."""

    type: Literal["Requirement"] = "Requirement"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Constraint(_Plain):
    """A factor that limits the realization of goals (e.g. a mandatory standard)."""

    type: Literal["Constraint"] = "Constraint"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Meaning(_Plain):
    """The knowledge or expertise present in, or the interpretation given to, a concept."""

    type: Literal["Meaning"] = "Meaning"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class Value(_Plain):
    """The relative worth, utility or importance of a concept."""

    type: Literal["Value"] = "Value"
    layer: ClassVar[Layer] = Layer.MOTIVATION
    aspect: ClassVar[Aspect] = Aspect.MOTIVATION

class WorkPackage(_Funded):
    """A series of actions to achieve a unique goal within specified time constraints."""

    type: Literal["WorkPackage"] = "WorkPackage"
    layer: ClassVar[Layer] = Layer.IMPLEMENTATION_MIGRATION
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class Deliverable(_Plain):
    """A precisely-defined result of a work package."""

    type: Literal["Deliverable"] = "Deliverable"
    layer: ClassVar[Layer] = Layer.IMPLEMENTATION_MIGRATION
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class ImplementationEvent(_Plain):
    """A state change related to implementation or migration."""

    type: Literal["ImplementationEvent"] = "ImplementationEvent"
    layer: ClassVar[Layer] = Layer.IMPLEMENTATION_MIGRATION
    aspect: ClassVar[Aspect] = Aspect.BEHAVIOUR

class Plateau(_Plain):
    """A relatively stable state of the architecture that exists during a limited period of time."""

    type: Literal["Plateau"] = "Plateau"
    layer: ClassVar[Layer] = Layer.IMPLEMENTATION_MIGRATION
    aspect: ClassVar[Aspect] = Aspect.COMPOSITE

class Gap(_Plain):
    """A statement of difference between two plateaus."""

    type: Literal["Gap"] = "Gap"
    layer: ClassVar[Layer] = Layer.IMPLEMENTATION_MIGRATION
    aspect: ClassVar[Aspect] = Aspect.PASSIVE_STRUCTURE

class Grouping(_Plain):
    """Aggregates or composes concepts that belong together (e.g. a layer or reference model)."""

    type: Literal["Grouping"] = "Grouping"
    layer: ClassVar[Layer] = Layer.OTHER
    aspect: ClassVar[Aspect] = Aspect.COMPOSITE

class Location(_Plain):
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

#: Field name → the element types that accept it, for every field that is not on all
#: of them (the e-government attributes; the junctions take none of them).
FIELD_TYPES: dict[str, tuple[str, ...]] = {
    name: tuple(t for t, cls in ELEMENT_TYPES.items() if name in cls.model_fields)
    for mixin in FIELD_MIXINS for name in mixin.model_fields if name not in Element.model_fields
}



def _validate_item(types: Mapping[str, type[Concept]], classes: frozenset, expected_tags: str, value: Any,
                   info: ValidationInfo) -> Any:
    # What a discriminated union on ``type`` does, with each class's validator built on
    # first use: the same results and the same errors (locations keep the type tag).
    if type(value) in classes:
        return value  # an instance of its type's own class (its ``type`` is a fixed literal)
    tag: Any
    if isinstance(value, dict):
        if "type" not in value:
            raise PydanticKnownError("union_tag_not_found", {"discriminator": "'type'"})
        tag = value["type"]
    elif value is None or isinstance(value, (str, bytes, bytearray, int, float, list, tuple, set, frozenset)):
        raise PydanticKnownError("model_attributes_type")
    else:
        tag = getattr(value, "type", _MISSING)
    if tag is _MISSING:
        raise PydanticKnownError("union_tag_not_found", {"discriminator": "'type'"})
    cls = types.get(tag) if isinstance(tag, str) else None
    if cls is None:
        # the tag as pydantic-core shows it: a lone surrogate becomes replacement characters
        shown = str(tag).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        raise PydanticKnownError("union_tag_invalid", {"discriminator": "'type'", "tag": shown,
                                                       "expected_tags": expected_tags})
    if isinstance(value, cls):
        return value  # an instance is taken as it is (pydantic's revalidate_instances="never")
    try:
        return cls.__pydantic_validator__.validate_python(value, context=info.context)
    except ValidationError as err:
        raise ValidationError.from_exception_data(err.title, [
            _keep({**e, "loc": (tag, *e["loc"])}) for e in err.errors(include_url=False)]) from None


_MISSING = object()


def lazy_item_schema(types: Mapping[str, type[Concept]], union: Any) -> GetPydanticSchema:
    """A pydantic annotation that validates like the discriminated ``union`` of ``types``.

    The class is chosen by ``type`` and builds its validator on the first item of its
    type; the JSON Schema is the union's (built only when a schema is asked for). Used by
    :data:`ElementItem` and :data:`eaframe.relationships.RelationshipItem`.
    """
    expected_tags = ", ".join(repr(t) for t in types)
    validate = partial(_validate_item, types, frozenset(types.values()), expected_tags)

    def core(source: Any, handler: Any) -> CoreSchema:
        return core_schema.with_info_plain_validator_function(
            validate,
            # serialised as what it is (each class's own fields), as the union did
            serialization=core_schema.wrap_serializer_function_ser_schema(
                lambda value, serialize: serialize(value), schema=core_schema.any_schema()))

    def json_schema(schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        from pydantic import TypeAdapter

        return handler(TypeAdapter(union).core_schema)

    return GetPydanticSchema(core, json_schema)


ElementItem = Annotated[Element, lazy_item_schema(ELEMENT_TYPES, AnyElement)]
"""Any element, validated like :data:`AnyElement` (the class is chosen by ``type``), but
each element class builds its validator only when an element of its type is first
validated: what :attr:`ArchitectureModel.elements <eaframe.model.ArchitectureModel.elements>` holds."""


def _misplaced(error: Mapping[str, Any], type_name: Optional[str]) -> Optional[InitErrorDetails]:
    # An "extra_forbidden" error on a field that other element types accept.
    if error["type"] != "extra_forbidden" or not error["loc"]:
        return None
    field = error["loc"][-1]
    loc = error["loc"]
    owner = type_name if len(loc) == 1 else loc[-2] if len(loc) >= 2 else None
    accepted = FIELD_TYPES.get(field) if isinstance(field, str) else None
    if not accepted or owner not in ELEMENT_TYPES:
        return None
    return InitErrorDetails(
        type=PydanticCustomError(
            "field_not_on_type",
            "{field} is not a field of {owner}; the element types that accept it are: {accepted}",
            {"field": field, "owner": owner, "accepted": ", ".join(accepted)}),
        loc=loc, input=error["input"])


def explain_misplaced_fields(err: ValidationError, type_name: Optional[str] = None) -> ValidationError:
    """``err`` with each unknown e-government field explained by the types that accept it.

    ``type_name`` is the element type validated when the error locations do not name it
    (a direct ``AndJunction(security_level=3)``). Other errors are kept as they are.
    """
    errors = err.errors(include_url=False)
    details = [_misplaced(e, type_name) for e in errors]
    if not any(details):
        return err
    line_errors = [d if d is not None else _keep(e) for d, e in zip(details, errors, strict=True)]
    return ValidationError.from_exception_data(err.title, line_errors)


def _keep(error: Mapping[str, Any]) -> InitErrorDetails:
    out = InitErrorDetails(type=error["type"], loc=error["loc"], input=error["input"])
    if "ctx" in error:
        out["ctx"] = error["ctx"]
    return out


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
