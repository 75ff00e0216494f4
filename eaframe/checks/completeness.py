"""Completeness of a model (EGOV-E1): a model must hold an architecture at all.

A file holding only metadata (a title) is a valid model file, and every rule that looks
at elements finds nothing wrong with it; EGOV-E1 makes such a model fail ``check``
with a finding that says what is missing. ``eaframe new`` starts a province's
architecture from a framework, with its mandatory blocks already in place.

Examples
--------
>>> from eaframe import ArchitectureModel
>>> from eaframe.checks import run_checks
>>> [f.rule for f in run_checks(ArchitectureModel.build({"title": {"en": "t"}})).findings]
['EGOV-E1']
"""

from __future__ import annotations

from ..i18n import msg
from . import law
from .index import CheckIndex
from .registry import LegalBasis, rule

__all__ = ["e1_not_empty"]


@rule("EGOV-E1", "The model holds at least one element", "error", "hygiene",
      legal=(LegalBasis(law.EAFRAME_CONVENTIONS, "a model describes an architecture by its elements", confidence="I"),),
      rationale="A model with no elements describes no architecture; without this rule it would pass every other "
                "check with no finding.",
      basis="eaframe model conventions: a model describes an architecture by its elements and relationships.")
def e1_not_empty(ix: CheckIndex, found):
    """The model itself, when it has no elements."""
    if ix.model.elements:
        return
    yield found(msg("the model holds no elements: it describes no architecture"),
                fix=msg("add the elements of the architecture, or start from a framework: "
                        "eaframe new --framework VERSION --province NAME -o FILE"))
