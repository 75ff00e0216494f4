"""Interconnection, conformance and hygiene checks, and the target scorecard.

:func:`run_checks` runs the registered rules (:data:`REGISTRY`) over a model and
returns a :class:`CheckReport` (text, JSON, SARIF 2.1.0, notebook HTML);
:func:`rollup` checks many province models into one :class:`Rollup` table;
:func:`compute_scorecard` computes the Đồng Nai 2019–2020 indicators from model data.
The rules and their legal basis are listed in ``docs/checks.md``.

Examples
--------
>>> from eaframe import ArchitectureModel
>>> from eaframe.checks import run_checks
>>> m = ArchitectureModel.build({"title": {"en": "t"}, "framework_version": "2.0"}, elements=[
...     {"id": "prov.lgsp", "type": "ApplicationComponent", "scope": "provincial"}])
>>> [f.rule for f in run_checks(m, select=["EGOV-R2"]).findings]
['EGOV-R2']
"""

from . import completeness, conformance, hygiene, interconnection  # noqa: F401  (register the rules)
from .engine import resolve_rules, rules, run_checks
from .index import CheckIndex
from .registry import REGISTRY, SEVERITIES, Edge, Finding, Rule, rule
from .report import JSON_SCHEMA_ID, CheckReport
from .rollup import ROLLUP_SCHEMA_ID, Rollup, RollupRow, rollup
from .scorecard import INDICATORS, BudgetSummary, Indicator, Scorecard, compute_scorecard

__all__ = [
    "run_checks",
    "resolve_rules",
    "rules",
    "CheckIndex",
    "CheckReport",
    "REGISTRY",
    "SEVERITIES",
    "Edge",
    "Finding",
    "Rule",
    "rule",
    "JSON_SCHEMA_ID",
    "rollup",
    "Rollup",
    "RollupRow",
    "ROLLUP_SCHEMA_ID",
    "INDICATORS",
    "Indicator",
    "BudgetSummary",
    "Scorecard",
    "compute_scorecard",
]
