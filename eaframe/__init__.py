"""eaframe — Vietnam's provincial e-Government architecture as typed ArchiMate graphs.

The curated public API. Models are pydantic objects (:class:`ArchitectureModel`);
graphs, diffs, checks, exports and diagrams are derived from them.

Examples
--------
>>> import eaframe
>>> m = eaframe.synthetic_model(10, seed=0)
>>> G = eaframe.to_graph(m)
>>> G.number_of_nodes()
10
"""

from .attributes import (
    AccessType,
    Budget,
    Confidence,
    Instrument,
    InstrumentKind,
    Procurement,
    Scope,
    ServiceMode,
    Source,
    Status,
    Target,
    Text,
)
from .bundled import bundled_models, load_model
from .checks import CheckReport, Finding, compute_scorecard, run_checks
from .diagram import Diagram, DiagramConnection, DiagramNode
from .elements import ELEMENT_TYPES, LAYER_ORDER, Aspect, Element, Layer, element_class
from .exceptions import (
    CheckError,
    DiffApplyError,
    EaframeError,
    EaframeWarning,
    ExchangeFormatError,
    GraphvizNotFoundError,
    ModelLoadError,
    ModelValidationError,
    Problem,
    RenderError,
    UnknownModelError,
    UnknownRuleError,
)
from .exchange import (
    generate_archimate,
    parse_archimate,
    read_archi_csv,
    read_archimate,
    validate_exchange,
    write_archi_csv,
    write_archimate,
)
from .graph import (
    elements_by_layer,
    elements_by_property,
    elements_by_type,
    find_paths,
    has_path,
    neighbours,
    to_graph,
)
from .model import ArchitectureModel, ModelMetadata, View, ViewLayout
from .modeldiff import Change, FieldChange, ModelDiff, apply, diff, invert, migration_model
from .modelfile import dumps, load, loads, save
from .relationships import RELATIONSHIP_TYPES, Relationship, relationship_class
from .render import DiagramView, render, write_diagram
from .synthetic import synthetic_model
from .validity import allowed_relationships, is_allowed

__version__ = "0.1.0"

__all__ = [
    "__version__",
    # model
    "ArchitectureModel",
    "ModelMetadata",
    "View",
    "ViewLayout",
    "Diagram",
    "DiagramNode",
    "DiagramConnection",
    "Element",
    "Relationship",
    "Layer",
    "Aspect",
    "LAYER_ORDER",
    "ELEMENT_TYPES",
    "RELATIONSHIP_TYPES",
    "element_class",
    "relationship_class",
    # attributes
    "Text",
    "Status",
    "Confidence",
    "Procurement",
    "Scope",
    "ServiceMode",
    "AccessType",
    "Target",
    "Budget",
    "Instrument",
    "InstrumentKind",
    "Source",
    # files and bundled models
    "load",
    "loads",
    "save",
    "dumps",
    "load_model",
    "bundled_models",
    # graph
    "to_graph",
    "elements_by_type",
    "elements_by_layer",
    "elements_by_property",
    "neighbours",
    "find_paths",
    "has_path",
    # validity
    "is_allowed",
    "allowed_relationships",
    # exchange
    "read_archimate",
    "write_archimate",
    "parse_archimate",
    "generate_archimate",
    "read_archi_csv",
    "write_archi_csv",
    "validate_exchange",
    # diagrams
    "render",
    "write_diagram",
    "DiagramView",
    # synthetic
    "synthetic_model",
    # checks
    "run_checks",
    "compute_scorecard",
    "CheckReport",
    "Finding",
    # errors
    "EaframeError",
    "EaframeWarning",
    "Problem",
    "ModelValidationError",
    "ModelLoadError",
    "UnknownModelError",
    "ExchangeFormatError",
    "RenderError",
    "GraphvizNotFoundError",
    "DiffApplyError",
    # diff
    "diff",
    "apply",
    "invert",
    "migration_model",
    "ModelDiff",
    "Change",
    "FieldChange",
    "CheckError",
    "UnknownRuleError",
]
