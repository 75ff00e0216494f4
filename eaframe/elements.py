"""ArchiMate 3.2 element types as pydantic models, with e-government attributes.

Every one of the 60 ArchiMate element types, plus the ``AndJunction`` and
``OrJunction`` relationship connectors, is a subclass of :class:`Element` whose
``type`` field is a literal tag. :data:`AnyElement` is the discriminated union of all of
them, so a model file entry ``{type: ApplicationComponent, ...}`` validates straight
into :class:`ApplicationComponent`. Each class knows its ArchiMate ``layer`` and
``aspect`` as class variables. A model's ``elements`` are validated through
:data:`ElementItem`, which picks the class the same way but builds each class's
validator only when an element of that type is first validated.

The classes are made on first use: a class is made from its row of a table of the types
the first time it is asked for (``from eaframe.elements import Node``,
``eaframe.elements.Node``, :data:`ELEMENT_TYPES`, :func:`element_class`, unpickling an
element), once, and is the same class every later time; looking up names (``list(ELEMENT_TYPES)``,
``"Node" in ELEMENT_TYPES``) makes none.

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


import threading
from collections.abc import Callable, Collection, Iterator, Mapping
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Optional, Union, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    GetPydanticSchema,
    ValidationError,
    ValidationInfo,
    create_model,
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

    # Like every model class: the validator is built on first use (a model unpickled from
    # its validated form needs none; issue 16, docs/performance.md "Start-up")
    model_config = ConfigDict(extra="forbid", validate_default=False,
                              validate_assignment=True, defer_build=True)

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


# The element types, in the order of the ArchiMate specification: type name → the class
# with its field mixins, ArchiMate layer and aspect, and definition (the class's
# docstring). Each element class is made from its row the first time it is asked for
# (ELEMENT_TYPES, element_class, ``from eaframe.elements import Node``, unpickling), so
# that a command that loads a model creates only the classes of the types the model uses
# (issue 16: creating all 62 classes was 240 million instructions, a fifth of
# ``eaframe info dongnai-2020``; pydantic's ``defer_build`` defers only the validators,
# and its ``create_model`` makes a class from a row as a class statement would). Type
# checkers see the classes as the statements under ``if TYPE_CHECKING`` below declare
# them; tests/test_element_classes.py checks that both agree and that the classes equal
# what static class statements made.
_TYPE_TABLE: dict[str, tuple[type[Element], Layer, Aspect, str]] = {
    "Resource": (_Plain, Layer.STRATEGY, Aspect.PASSIVE_STRUCTURE,
        "An asset owned or controlled by an individual or organization."),
    "Capability": (_Plain, Layer.STRATEGY, Aspect.BEHAVIOUR,
        "An ability that an active structure element possesses."),
    "ValueStream": (_Plain, Layer.STRATEGY, Aspect.BEHAVIOUR,
        "A sequence of activities that create an overall result for a stakeholder."),
    "CourseOfAction": (_Funded, Layer.STRATEGY, Aspect.BEHAVIOUR,
        "An approach or plan for configuring capabilities and resources."),
    "BusinessActor": (_Plain, Layer.BUSINESS, Aspect.ACTIVE_STRUCTURE,
        "A business entity capable of performing behaviour (e.g. a citizen or an agency)."),
    "BusinessRole": (_Plain, Layer.BUSINESS, Aspect.ACTIVE_STRUCTURE,
        "The responsibility for performing specific behaviour."),
    "BusinessCollaboration": (_Plain, Layer.BUSINESS, Aspect.ACTIVE_STRUCTURE,
        "An aggregate of business internal active structure elements that work together."),
    "BusinessInterface": (_Interface, Layer.BUSINESS, Aspect.ACTIVE_STRUCTURE,
        "A point of access where a business service is made available (e.g. a one-stop counter)."),
    "BusinessProcess": (_DossierProcess, Layer.BUSINESS, Aspect.BEHAVIOUR,
        "A sequence of business behaviours that achieves a specific result."),
    "BusinessFunction": (_Plain, Layer.BUSINESS, Aspect.BEHAVIOUR,
        "A collection of business behaviour based on chosen criteria."),
    "BusinessInteraction": (_Plain, Layer.BUSINESS, Aspect.BEHAVIOUR,
        "A unit of collective business behaviour performed by a collaboration."),
    "BusinessEvent": (_Plain, Layer.BUSINESS, Aspect.BEHAVIOUR,
        "A business state change."),
    "BusinessService": (_PublicService, Layer.BUSINESS, Aspect.BEHAVIOUR,
        "Explicitly defined behaviour that a business role or collaboration exposes (e.g. an online public service)."),
    "BusinessObject": (_Plain, Layer.BUSINESS, Aspect.PASSIVE_STRUCTURE,
        "A concept used within a particular business domain (e.g. a dossier)."),
    "Contract": (_Plain, Layer.BUSINESS, Aspect.PASSIVE_STRUCTURE,
        "A formal or informal specification of an agreement."),
    "Representation": (_Plain, Layer.BUSINESS, Aspect.PASSIVE_STRUCTURE,
        "A perceptible form of the information carried by a business object."),
    "Product": (_Plain, Layer.BUSINESS, Aspect.COMPOSITE,
        "A coherent collection of services and/or passive structure elements with a contract."),
    "ApplicationComponent": (_System, Layer.APPLICATION, Aspect.ACTIVE_STRUCTURE,
        "An encapsulation of application functionality (e.g. an information system)."),
    "ApplicationCollaboration": (_System, Layer.APPLICATION, Aspect.ACTIVE_STRUCTURE,
        "An aggregate of application internal active structure elements that work together."),
    "ApplicationInterface": (_Interface, Layer.APPLICATION, Aspect.ACTIVE_STRUCTURE,
        "A point of access where application services are made available."),
    "ApplicationFunction": (_Plain, Layer.APPLICATION, Aspect.BEHAVIOUR,
        "Automated behaviour that can be performed by an application component."),
    "ApplicationInteraction": (_Plain, Layer.APPLICATION, Aspect.BEHAVIOUR,
        "A unit of collective application behaviour performed by a collaboration."),
    "ApplicationProcess": (_Plain, Layer.APPLICATION, Aspect.BEHAVIOUR,
        "A sequence of application behaviours that achieves a specific result."),
    "ApplicationEvent": (_Plain, Layer.APPLICATION, Aspect.BEHAVIOUR,
        "An application state change."),
    "ApplicationService": (_ITService, Layer.APPLICATION, Aspect.BEHAVIOUR,
        "Explicitly defined exposed application behaviour (e.g. single sign-on)."),
    "DataObject": (_Plain, Layer.APPLICATION, Aspect.PASSIVE_STRUCTURE,
        "Data structured for automated processing (e.g. a database)."),
    "Node": (_System, Layer.TECHNOLOGY, Aspect.ACTIVE_STRUCTURE,
        "A computational or physical resource that hosts, manipulates or interacts with others (e.g. a data centre)."),
    "Device": (_System, Layer.TECHNOLOGY, Aspect.ACTIVE_STRUCTURE,
        "A physical IT resource upon which system software and artifacts may be stored or deployed."),
    "SystemSoftware": (_System, Layer.TECHNOLOGY, Aspect.ACTIVE_STRUCTURE,
        "Software that provides or contributes to an environment for storing, executing and using software or data."),
    "TechnologyCollaboration": (_System, Layer.TECHNOLOGY, Aspect.ACTIVE_STRUCTURE,
        "An aggregate of nodes that work together to perform collective technology behaviour."),
    "TechnologyInterface": (_Interface, Layer.TECHNOLOGY, Aspect.ACTIVE_STRUCTURE,
        "A point of access where technology services offered by a node can be accessed."),
    "Path": (_Plain, Layer.TECHNOLOGY, Aspect.ACTIVE_STRUCTURE,
        "A link between two or more nodes through which they exchange data, energy or material."),
    "CommunicationNetwork": (_System, Layer.TECHNOLOGY, Aspect.ACTIVE_STRUCTURE,
        "A set of structures that connects nodes for transmission, routing and reception of data (e.g. the specialised data network)."),
    "TechnologyFunction": (_Plain, Layer.TECHNOLOGY, Aspect.BEHAVIOUR,
        "A collection of technology behaviour that can be performed by a node."),
    "TechnologyProcess": (_Plain, Layer.TECHNOLOGY, Aspect.BEHAVIOUR,
        "A sequence of technology behaviours that achieves a specific result."),
    "TechnologyInteraction": (_Plain, Layer.TECHNOLOGY, Aspect.BEHAVIOUR,
        "A unit of collective technology behaviour performed by a collaboration of nodes."),
    "TechnologyEvent": (_Plain, Layer.TECHNOLOGY, Aspect.BEHAVIOUR,
        "A technology state change."),
    "TechnologyService": (_ITService, Layer.TECHNOLOGY, Aspect.BEHAVIOUR,
        "Explicitly defined exposed technology behaviour (e.g. digital signature certification)."),
    "Artifact": (_Plain, Layer.TECHNOLOGY, Aspect.PASSIVE_STRUCTURE,
        "A piece of data that is used or produced in a software development process or by deployment and operation."),
    "Equipment": (_Plain, Layer.PHYSICAL, Aspect.ACTIVE_STRUCTURE,
        "One or more physical machines, tools or instruments."),
    "Facility": (_Plain, Layer.PHYSICAL, Aspect.ACTIVE_STRUCTURE,
        "A physical structure or environment."),
    "DistributionNetwork": (_Plain, Layer.PHYSICAL, Aspect.ACTIVE_STRUCTURE,
        "A physical network used to transport materials or energy."),
    "Material": (_Plain, Layer.PHYSICAL, Aspect.PASSIVE_STRUCTURE,
        "Tangible physical matter or energy."),
    "Stakeholder": (_Plain, Layer.MOTIVATION, Aspect.MOTIVATION,
        "The role of an individual, team or organization that represents their interests."),
    "Driver": (_Plain, Layer.MOTIVATION, Aspect.MOTIVATION,
        "An external or internal condition that motivates an organization to define its goals."),
    "Assessment": (_Plain, Layer.MOTIVATION, Aspect.MOTIVATION,
        "The result of an analysis of the state of affairs with respect to some driver."),
    "Goal": (_FundedGoal, Layer.MOTIVATION, Aspect.MOTIVATION,
        "A high-level statement of intent, direction or desired end state."),
    "Outcome": (_Measured, Layer.MOTIVATION, Aspect.MOTIVATION,
        "An end result, such as a measurable target."),
    "Principle": (_Plain, Layer.MOTIVATION, Aspect.MOTIVATION,
        "A statement of intent defining a general property that applies to any system."),
    "Requirement": (_Measured, Layer.MOTIVATION, Aspect.MOTIVATION,
        "A statement of need defining a property that applies to a specific system."),
    "Constraint": (_Plain, Layer.MOTIVATION, Aspect.MOTIVATION,
        "A factor that limits the realization of goals (e.g. a mandatory standard)."),
    "Meaning": (_Plain, Layer.MOTIVATION, Aspect.MOTIVATION,
        "The knowledge or expertise present in, or the interpretation given to, a concept."),
    "Value": (_Plain, Layer.MOTIVATION, Aspect.MOTIVATION,
        "The relative worth, utility or importance of a concept."),
    "WorkPackage": (_Funded, Layer.IMPLEMENTATION_MIGRATION, Aspect.BEHAVIOUR,
        "A series of actions to achieve a unique goal within specified time constraints."),
    "Deliverable": (_Plain, Layer.IMPLEMENTATION_MIGRATION, Aspect.PASSIVE_STRUCTURE,
        "A precisely-defined result of a work package."),
    "ImplementationEvent": (_Plain, Layer.IMPLEMENTATION_MIGRATION, Aspect.BEHAVIOUR,
        "A state change related to implementation or migration."),
    "Plateau": (_Plain, Layer.IMPLEMENTATION_MIGRATION, Aspect.COMPOSITE,
        "A relatively stable state of the architecture that exists during a limited period of time."),
    "Gap": (_Plain, Layer.IMPLEMENTATION_MIGRATION, Aspect.PASSIVE_STRUCTURE,
        "A statement of difference between two plateaus."),
    "Grouping": (_Plain, Layer.OTHER, Aspect.COMPOSITE,
        "Aggregates or composes concepts that belong together (e.g. a layer or reference model)."),
    "Location": (_Plain, Layer.OTHER, Aspect.COMPOSITE,
        "A conceptual or physical place or position where concepts are located."),
    "AndJunction": (Element, Layer.OTHER, Aspect.CONNECTOR,
        "Joins relationships of the same type (AND)."),
    "OrJunction": (Element, Layer.OTHER, Aspect.CONNECTOR,
        "Joins relationships of the same type (OR)."),
}

if TYPE_CHECKING:  # the classes made from _TYPE_TABLE, as type checkers and IDEs see them
    class Resource(_Plain):
        type: Literal["Resource"] = "Resource"

    class Capability(_Plain):
        type: Literal["Capability"] = "Capability"

    class ValueStream(_Plain):
        type: Literal["ValueStream"] = "ValueStream"

    class CourseOfAction(_Funded):
        type: Literal["CourseOfAction"] = "CourseOfAction"

    class BusinessActor(_Plain):
        type: Literal["BusinessActor"] = "BusinessActor"

    class BusinessRole(_Plain):
        type: Literal["BusinessRole"] = "BusinessRole"

    class BusinessCollaboration(_Plain):
        type: Literal["BusinessCollaboration"] = "BusinessCollaboration"

    class BusinessInterface(_Interface):
        type: Literal["BusinessInterface"] = "BusinessInterface"

    class BusinessProcess(_DossierProcess):
        type: Literal["BusinessProcess"] = "BusinessProcess"

    class BusinessFunction(_Plain):
        type: Literal["BusinessFunction"] = "BusinessFunction"

    class BusinessInteraction(_Plain):
        type: Literal["BusinessInteraction"] = "BusinessInteraction"

    class BusinessEvent(_Plain):
        type: Literal["BusinessEvent"] = "BusinessEvent"

    class BusinessService(_PublicService):
        type: Literal["BusinessService"] = "BusinessService"

    class BusinessObject(_Plain):
        type: Literal["BusinessObject"] = "BusinessObject"

    class Contract(_Plain):
        type: Literal["Contract"] = "Contract"

    class Representation(_Plain):
        type: Literal["Representation"] = "Representation"

    class Product(_Plain):
        type: Literal["Product"] = "Product"

    class ApplicationComponent(_System):
        type: Literal["ApplicationComponent"] = "ApplicationComponent"

    class ApplicationCollaboration(_System):
        type: Literal["ApplicationCollaboration"] = "ApplicationCollaboration"

    class ApplicationInterface(_Interface):
        type: Literal["ApplicationInterface"] = "ApplicationInterface"

    class ApplicationFunction(_Plain):
        type: Literal["ApplicationFunction"] = "ApplicationFunction"

    class ApplicationInteraction(_Plain):
        type: Literal["ApplicationInteraction"] = "ApplicationInteraction"

    class ApplicationProcess(_Plain):
        type: Literal["ApplicationProcess"] = "ApplicationProcess"

    class ApplicationEvent(_Plain):
        type: Literal["ApplicationEvent"] = "ApplicationEvent"

    class ApplicationService(_ITService):
        type: Literal["ApplicationService"] = "ApplicationService"

    class DataObject(_Plain):
        type: Literal["DataObject"] = "DataObject"

    class Node(_System):
        type: Literal["Node"] = "Node"

    class Device(_System):
        type: Literal["Device"] = "Device"

    class SystemSoftware(_System):
        type: Literal["SystemSoftware"] = "SystemSoftware"

    class TechnologyCollaboration(_System):
        type: Literal["TechnologyCollaboration"] = "TechnologyCollaboration"

    class TechnologyInterface(_Interface):
        type: Literal["TechnologyInterface"] = "TechnologyInterface"

    class Path(_Plain):
        type: Literal["Path"] = "Path"

    class CommunicationNetwork(_System):
        type: Literal["CommunicationNetwork"] = "CommunicationNetwork"

    class TechnologyFunction(_Plain):
        type: Literal["TechnologyFunction"] = "TechnologyFunction"

    class TechnologyProcess(_Plain):
        type: Literal["TechnologyProcess"] = "TechnologyProcess"

    class TechnologyInteraction(_Plain):
        type: Literal["TechnologyInteraction"] = "TechnologyInteraction"

    class TechnologyEvent(_Plain):
        type: Literal["TechnologyEvent"] = "TechnologyEvent"

    class TechnologyService(_ITService):
        type: Literal["TechnologyService"] = "TechnologyService"

    class Artifact(_Plain):
        type: Literal["Artifact"] = "Artifact"

    class Equipment(_Plain):
        type: Literal["Equipment"] = "Equipment"

    class Facility(_Plain):
        type: Literal["Facility"] = "Facility"

    class DistributionNetwork(_Plain):
        type: Literal["DistributionNetwork"] = "DistributionNetwork"

    class Material(_Plain):
        type: Literal["Material"] = "Material"

    class Stakeholder(_Plain):
        type: Literal["Stakeholder"] = "Stakeholder"

    class Driver(_Plain):
        type: Literal["Driver"] = "Driver"

    class Assessment(_Plain):
        type: Literal["Assessment"] = "Assessment"

    class Goal(_FundedGoal):
        type: Literal["Goal"] = "Goal"

    class Outcome(_Measured):
        type: Literal["Outcome"] = "Outcome"

    class Principle(_Plain):
        type: Literal["Principle"] = "Principle"

    class Requirement(_Measured):
        type: Literal["Requirement"] = "Requirement"

    class Constraint(_Plain):
        type: Literal["Constraint"] = "Constraint"

    class Meaning(_Plain):
        type: Literal["Meaning"] = "Meaning"

    class Value(_Plain):
        type: Literal["Value"] = "Value"

    class WorkPackage(_Funded):
        type: Literal["WorkPackage"] = "WorkPackage"

    class Deliverable(_Plain):
        type: Literal["Deliverable"] = "Deliverable"

    class ImplementationEvent(_Plain):
        type: Literal["ImplementationEvent"] = "ImplementationEvent"

    class Plateau(_Plain):
        type: Literal["Plateau"] = "Plateau"

    class Gap(_Plain):
        type: Literal["Gap"] = "Gap"

    class Grouping(_Plain):
        type: Literal["Grouping"] = "Grouping"

    class Location(_Plain):
        type: Literal["Location"] = "Location"

    class AndJunction(Element):
        type: Literal["AndJunction"] = "AndJunction"

    class OrJunction(Element):
        type: Literal["OrJunction"] = "OrJunction"

    AnyElement = Annotated[Union[
        Resource, Capability, ValueStream, CourseOfAction, BusinessActor, BusinessRole, BusinessCollaboration,
        BusinessInterface, BusinessProcess, BusinessFunction, BusinessInteraction, BusinessEvent,
        BusinessService, BusinessObject, Contract, Representation, Product, ApplicationComponent,
        ApplicationCollaboration, ApplicationInterface, ApplicationFunction, ApplicationInteraction,
        ApplicationProcess, ApplicationEvent, ApplicationService, DataObject, Node, Device, SystemSoftware,
        TechnologyCollaboration, TechnologyInterface, Path, CommunicationNetwork, TechnologyFunction,
        TechnologyProcess, TechnologyInteraction, TechnologyEvent, TechnologyService, Artifact, Equipment,
        Facility, DistributionNetwork, Material, Stakeholder, Driver, Assessment, Goal, Outcome, Principle,
        Requirement, Constraint, Meaning, Value, WorkPackage, Deliverable, ImplementationEvent, Plateau, Gap,
        Grouping, Location, AndJunction, OrJunction
    ], Field(discriminator="type")]


_classes: dict[str, type[Element]] = {}  # the element classes made so far, by type name
_made: set[type[Element]] = set()  # the same classes (what ElementItem takes as they are)
_making = threading.RLock()


def _make_class(name: str) -> type[Element]:
    """The element class of the type ``name`` (a ``KeyError`` if there is none), made from
    its row of :data:`_TYPE_TABLE` with pydantic's :func:`~pydantic.create_model` the first
    time it is asked for: the class a class statement of the same fields, docstring and
    class variables would make. Made once (under a lock: two threads asking for it first
    get the same class) and then a module attribute, as a class statement makes it."""
    with _making:
        cls = _classes.get(name)
        if cls is None:
            base, layer, aspect, doc = _TYPE_TABLE[name]
            tag: Any = Literal.__getitem__(name)  # Literal["Node"] for "Node"
            cls = cast("type[Element]", create_model(
                name, __base__=base, __module__=__name__, __doc__=doc, type=(tag, name),
                layer=(ClassVar[Layer], layer), aspect=(ClassVar[Aspect], aspect)))
            globals()[name] = cls
            _made.add(cls)
            _classes[name] = cls
    return cls


class _ElementTypes(Mapping[str, type[Element]]):
    """The mapping :data:`ELEMENT_TYPES`: all the type names, each class made when it is first looked up."""

    __slots__ = ()

    def __getitem__(self, name: str) -> type[Element]:
        cls = _classes.get(name)
        return cls if cls is not None else _make_class(name)

    def get(self, name: str, default: Any = None) -> Any:  # one dict lookup for a class already made
        cls = _classes.get(name)
        if cls is not None:
            return cls
        return _make_class(name) if name in _TYPE_TABLE else default

    def __contains__(self, name: object) -> bool:
        return name in _TYPE_TABLE

    def __iter__(self) -> Iterator[str]:
        return iter(_TYPE_TABLE)

    def __len__(self) -> int:
        return len(_TYPE_TABLE)

    def __repr__(self) -> str:
        return f"ELEMENT_TYPES({', '.join(_TYPE_TABLE)})"


#: Element classes by ArchiMate type name, in the order of the ArchiMate specification
#: (a read-only mapping: looking a type up makes its class if it is not made yet; the
#: names, ``in`` and ``len`` make none).
ELEMENT_TYPES: Mapping[str, type[Element]] = _ElementTypes()

__all__ += list(_TYPE_TABLE)


def _union_of(types: Mapping[str, type[Concept]]) -> Any:
    """The discriminated union (on ``type``) of the classes of ``types``."""
    return Annotated[Union[tuple(types.values())], Field(discriminator="type")]


if not TYPE_CHECKING:
    def __getattr__(name: str) -> Any:
        # the element classes and AnyElement, made on first use (PEP 562)
        if name in _TYPE_TABLE:
            return _make_class(name)
        if name == "AnyElement":
            union = globals()["AnyElement"] = _union_of(ELEMENT_TYPES)
            return union
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_TYPE_TABLE, "AnyElement"})


#: Field name → the element types that accept it, for every field that is not on all
#: of them (the e-government attributes; the junctions take none of them).
FIELD_TYPES: dict[str, tuple[str, ...]] = {
    name: tuple(t for t, (base, *_) in _TYPE_TABLE.items() if name in base.model_fields)
    for mixin in FIELD_MIXINS for name in mixin.model_fields if name not in Element.model_fields
}


def _validate_item(types: Mapping[str, type[Concept]], classes: Collection[type], expected_tags: str, value: Any,
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


def lazy_item_schema(types: Mapping[str, type[Concept]], union: Any = None,
                     classes: Optional[Collection[type]] = None) -> GetPydanticSchema:
    """A pydantic annotation that validates like the discriminated ``union`` of ``types``
    (by default the union of all the classes of ``types``).

    The class is chosen by ``type`` and builds its validator on the first item of its
    type; the JSON Schema is the union's (built only when a schema is asked for). An
    instance of one of ``classes`` (by default those of ``types``; a collection that
    grows as the classes are made, for types whose classes are made on first use) is
    taken as it is. Used by :data:`ElementItem` and
    :data:`eaframe.relationships.RelationshipItem`.
    """
    expected_tags = ", ".join(repr(t) for t in types)
    validate = partial(_validate_item, types, frozenset(types.values()) if classes is None else classes,
                       expected_tags)

    def core(source: Any, handler: Any) -> CoreSchema:
        return core_schema.with_info_plain_validator_function(
            validate,
            # serialised as what it is (each class's own fields), as the union did
            serialization=core_schema.wrap_serializer_function_ser_schema(
                lambda value, serialize: serialize(value), schema=core_schema.any_schema()))

    def json_schema(schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        from pydantic import TypeAdapter

        return handler(TypeAdapter(_union_of(types) if union is None else union).core_schema)

    return GetPydanticSchema(core, json_schema)


ElementItem = Annotated[Element, lazy_item_schema(ELEMENT_TYPES, classes=_made)]
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
