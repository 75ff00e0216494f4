"""eaframe — Vietnam's provincial e-Government architecture as typed ArchiMate graphs.

The curated public API: the verbs and main types a notebook needs (``__all__``, listed
in docs/api.md). Models are pydantic objects (:class:`ArchitectureModel`); graphs,
diffs, checks, exports and diagrams are derived from them. Everything else lives in
its module: attribute types in :mod:`eaframe.attributes`, element and relationship
classes in :mod:`eaframe.elements` and :mod:`eaframe.relationships`, diagram geometry
in :mod:`eaframe.diagram`, graph queries in :mod:`eaframe.graph`, per-format readers
and writers in :mod:`eaframe.exchange` and :mod:`eaframe.modelfile`, errors in
:mod:`eaframe.exceptions`.

The names are imported on first use (PEP 562), so ``import eaframe`` is cheap and a
command or notebook pays only for what it uses.

Examples
--------
>>> import eaframe
>>> m = eaframe.synthetic_model(10, seed=0)
>>> G = eaframe.to_graph(m)
>>> G.number_of_nodes()
10
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: The public API (docs/api.md describes each name).
__all__ = [
    "__version__",
    # model
    "ArchitectureModel",
    "ModelMetadata",
    "View",
    "Element",
    "Relationship",
    # files: YAML, JSON, exchange XML, bundled models
    "load",
    "loads",
    "save",
    "dumps",
    "bundled_models",
    # graph
    "to_graph",
    "neighbours",
    "find_paths",
    "is_allowed",
    # diff
    "diff",
    "apply",
    "invert",
    "ModelDiff",
    # checks
    "run_checks",
    "compute_scorecard",
    "CheckReport",
    # diagrams
    "render",
    "write_diagram",
    # test data
    "synthetic_model",
    # errors (the subclasses are in eaframe.exceptions)
    "EaframeError",
]

#: The module of each name of ``__all__``, imported when the name is first used.
_SOURCES = {
    name: module
    for module, names in {
        "model": ("ArchitectureModel", "ModelMetadata", "View"),
        "elements": ("Element",),
        "relationships": ("Relationship",),
        "formats": ("load", "loads", "save", "dumps"),
        "bundled": ("bundled_models",),
        "graph": ("to_graph", "neighbours", "find_paths"),
        "validity": ("is_allowed",),
        "modeldiff": ("diff", "apply", "invert", "ModelDiff"),
        "checks": ("run_checks", "compute_scorecard", "CheckReport"),
        "render": ("render", "write_diagram"),
        "synthetic": ("synthetic_model",),
        "exceptions": ("EaframeError",),
    }.items()
    for name in names
}

if TYPE_CHECKING:  # static type checkers and IDEs see the real objects
    from .bundled import bundled_models
    from .checks import CheckReport, compute_scorecard, run_checks
    from .elements import Element
    from .exceptions import EaframeError
    from .formats import dumps, load, loads, save
    from .graph import find_paths, neighbours, to_graph
    from .model import ArchitectureModel, ModelMetadata, View
    from .modeldiff import ModelDiff, diff
    from .modeldiff.apply import apply, invert  # not via .modeldiff, where `apply` is also a submodule
    from .relationships import Relationship
    from .render import render, write_diagram
    from .synthetic import synthetic_model
    from .validity import is_allowed


def __getattr__(name: str) -> Any:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module 'eaframe' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_SOURCES})


class _Package(types.ModuleType):
    """The ``eaframe`` module object: keeps the function ``eaframe.render``.

    Importing a subpackage binds it as an attribute of its parent, so the first
    ``import eaframe.render.dot`` anywhere would replace the function ``eaframe.render``
    with the subpackage ``eaframe.render``. The subpackage stays reachable through
    ``sys.modules`` and ``from eaframe.render import ...``.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SOURCES and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
