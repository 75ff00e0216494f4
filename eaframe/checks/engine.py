"""Running the rules: :func:`run_checks` selects rules, builds the indices once, collects findings.

Examples
--------
>>> from eaframe.checks import run_checks
>>> from eaframe import synthetic_model
>>> report = run_checks(synthetic_model(30, seed=0), select=["EGOV-H*"], min_severity="warning")
>>> sorted({f.rule for f in report.findings})
['EGOV-H5']
>>> [r.id for r in resolve_rules(["EGOV-R1*"])]
['EGOV-R1', 'EGOV-R10', 'EGOV-R11', 'EGOV-R12', 'EGOV-R13', 'EGOV-R14', 'EGOV-R15']
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from datetime import date
from typing import Optional

from ..exceptions import UnknownRuleError
from ..i18n import check_lang, msg
from ..integrity import suggest
from ..modelfile import no_gc
from .index import CheckIndex
from .registry import FRAMEWORK_VERSIONS, REGISTRY, Finding, Rule, finder, severity_rank
from .report import CheckReport

__all__ = ["run_checks", "resolve_rules", "rules"]


def rules() -> list[Rule]:
    """Every registered rule, ordered by category (interconnection, conformance, hygiene) and id."""
    order = {"interconnection": 0, "conformance": 1, "hygiene": 2}
    return sorted(REGISTRY.values(), key=lambda r: (order.get(r.category, 9), r.sort_key))


def _match(patterns: Iterable[str], what: str) -> set[str]:
    ids = set()
    for p in patterns:
        hit = {rid for rid in REGISTRY if rid == p or fnmatch.fnmatchcase(rid, p) or rid == p.upper()}
        if not hit:
            s = suggest(p.upper(), REGISTRY)
            raise UnknownRuleError(f"{what} {p!r} matches no rule" + (f" (did you mean {s!r}?)" if s else "")
                                   + "; see `eaframe check --list-rules`")
        ids |= hit
    return ids


def resolve_rules(select: Optional[Iterable[str]] = None, skip: Optional[Iterable[str]] = None) -> list[Rule]:
    """The rules selected by ids or glob patterns (``EGOV-H*``), minus the skipped ones.

    Raises
    ------
    UnknownRuleError
        When a pattern matches no rule.
    """
    chosen = _match(select, "rule") if select else set(REGISTRY)
    if skip:
        chosen -= _match(skip, "skipped rule")
    return [r for r in rules() if r.id in chosen]


def _not_applicable(r: Rule, ix: CheckIndex, as_of: date) -> Optional[str]:
    if not r.applies_to_version(ix.version):
        return msg("model follows framework {version}; rule applies to {versions}", version=ix.version,
                   versions=", ".join(r.frameworks))
    reason = r.not_in_force_reason(as_of)
    if reason:
        return reason
    if r.models == "province" and ix.is_framework:
        return msg("framework model; rule applies to province models")
    if r.models == "realising" and ix.framework_model is None:
        return msg("model realises no framework model (metadata.realises)")
    return None


def _load_framework(name: str):
    from ..bundled import bundled_models, load_model
    from ..exceptions import ModelLoadError, UnknownModelError

    try:
        return load_model(name)
    except (ModelLoadError, UnknownModelError):
        raise UnknownModelError(
            f"metadata.realises names {name!r}, which is neither a bundled model "
            f"({', '.join(bundled_models()) or 'none installed'}) nor a model file; pass the framework model "
            "(framework_model=..., or --framework-model on the command line) or skip the conformance rules "
            "(EGOV-C*)") from None


def run_checks(model, select: Optional[Iterable[str]] = None, skip: Optional[Iterable[str]] = None,
               min_severity: Optional[str] = None, *, framework_model=None, framework: Optional[str] = None,
               scorecard: bool = False, source: Optional[str] = None, as_of: Optional[date] = None,
               lang: Optional[str] = None) -> CheckReport:
    """Run the check rules over a model.

    Parameters
    ----------
    model
        The :class:`~eaframe.model.ArchitectureModel` to check (not modified).
    select, skip
        Rule ids or glob patterns (``EGOV-R*``) to run / leave out, or one as a string;
        default all.
    min_severity
        ``error``, ``warning`` or ``info``: leave out rules and findings below it.
    framework_model
        The framework model for the conformance rules; by default the bundled model
        named by ``model.metadata.realises`` (none when it names none).
    framework
        Framework version to select rules for (default: ``metadata.framework_version``);
        e.g. check a v1.0-era province against the v2.0 rules. One of ``1.0`` … ``4.0``
        (else ``ValueError``).
    scorecard
        Also compute the target scorecard (:func:`~eaframe.checks.scorecard.compute_scorecard`).
    source
        Path of the model file, for locations in SARIF output.
    as_of
        Apply the rules in force on this date (each rule's period, from its legal
        bases); default: ``model.metadata.as_of``, else today. Selected rules not in
        force then are reported as not applicable, with the reason.
    lang
        Language of the report's outputs (``vi`` or ``en``; :attr:`CheckReport.lang`);
        default English. Each output method also takes ``lang``.

    Returns
    -------
    CheckReport

    Raises
    ------
    UnknownRuleError
        When a ``select``/``skip`` pattern matches no rule.
    UnknownModelError
        When ``metadata.realises`` names no bundled model and none is passed.
    """
    from .._args import expect_model

    expect_model(model, "run_checks")
    if isinstance(select, str):  # one id or pattern, not its characters
        select = (select,)
    if isinstance(skip, str):
        skip = (skip,)
    if framework is not None and framework not in FRAMEWORK_VERSIONS:
        raise ValueError(f"unknown framework version {framework!r}; versions: {', '.join(FRAMEWORK_VERSIONS)}")
    if as_of is not None and not isinstance(as_of, date):
        raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
    if as_of is not None:
        as_of_from = "given"
    elif model.metadata.as_of is not None:
        as_of, as_of_from = model.metadata.as_of, "model"
    else:
        as_of, as_of_from = date.today(), "today"
    floor = severity_rank(min_severity) if min_severity else 0
    selected = [r for r in resolve_rules(select, skip) if severity_rank(r.severity) >= floor]
    if framework_model is None and model.metadata.realises and any(r.models == "realising" for r in selected):
        framework_model = _load_framework(model.metadata.realises)
    if lang is not None:
        check_lang(lang)
    with no_gc():
        return _run(model, selected, framework_model, framework, scorecard, source, min_severity, as_of, as_of_from,
                    lang)


def _run(model, selected, framework_model, framework, scorecard, source, min_severity, as_of,
         as_of_from, lang=None) -> CheckReport:
    ix = CheckIndex(model, framework_model=framework_model, version=framework)
    run, skipped = [], []
    findings: list[Finding] = []
    # Most serious rules first: the findings then come out grouped by severity and rule
    # without sorting (each rule yields its findings in model order).
    selected.sort(key=lambda r: -severity_rank(r.severity))
    for r in selected:
        reason = _not_applicable(r, ix, as_of)
        if reason:
            skipped.append((r.id, reason))
            continue
        run.append(r)
        findings.extend(r.check(ix, finder(r.id, r.severity, lang)))
    card = None
    if scorecard:
        from .scorecard import compute_scorecard

        card = compute_scorecard(model, ix, lang=lang)
    return CheckReport(model=model, rules=tuple(run), not_applicable=tuple(skipped), findings=tuple(findings),
                       scorecard=card, version=ix.version, source=source, min_severity=min_severity,
                       as_of=as_of, as_of_from=as_of_from, lang=lang)
