"""The target scorecard: the Đồng Nai 2019–2020 indicators computed from model data.

Each indicator is computed from the attributes the e-government conventions define
(``service_level``, ``dossiers_total``/``dossiers_online``, ``security_level``,
``protection_plan_approved``, ``public_facing`` and the monitoring and authentication
relationships) and compared with the target stored in the model: a motivation element
(Goal/Outcome) whose ``target.indicator`` is the indicator key. Retired elements are
left out. The budget is summarised from WorkPackages carrying a ``budget`` (investment
/ operating) and from elements carrying ``procurement`` (invest / lease).

=====================================  ====================================================================
key                                    value (%)
=====================================  ====================================================================
procedures_online_level12_share        public-facing BusinessServices with a ``service_level`` (or
                                       ``service_mode``) / all public-facing BusinessServices
dossiers_online_level4_share           Σ ``dossiers_online`` of level-4 public-facing services / Σ
                                       ``dossiers_total`` of all public-facing services
level4_services_central_auth_share     level-4 BusinessServices served by ``prov.sso`` (EGOV-R8) / all
                                       level-4 BusinessServices
interagency_dossiers_online_share      Σ ``dossiers_online`` / Σ ``dossiers_total`` over BusinessProcesses
level3_systems_with_plan_share         provincial ApplicationComponents at ``security_level`` ≥ 3 with
                                       ``protection_plan_approved`` / all of them not ``planned``
websites_monitored_share               public-facing provincial portals/websites served by ``sec.soc``
                                       (EGOV-R7) / all of them
=====================================  ====================================================================

Examples
--------
>>> from eaframe import ArchitectureModel
>>> m = ArchitectureModel.build({"title": {"en": "t"}}, elements=[
...     {"id": "s1", "type": "BusinessService", "public_facing": True, "service_level": 2},
...     {"id": "s2", "type": "BusinessService", "public_facing": True},
...     {"id": "g", "type": "Goal", "target": {"indicator": "procedures_online_level12_share", "value": 100}}])
>>> ind = compute_scorecard(m)["procedures_online_level12_share"]
>>> ind.value, ind.met, ind.elements, ind.shortfall
(50.0, False, ('s1',), ('s2',))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Optional

from ..attributes import Status, Target
from ..elements import BudgetFields, ProcurementFields, TargetFields
from ..i18n import N_, check_lang, translator
from .index import CheckIndex, is_level4, is_retired
from .interconnection import has_central_auth, is_monitored, monitoring_subjects

__all__ = ["Indicator", "BudgetLine", "BudgetSummary", "Scorecard", "compute_scorecard", "INDICATORS"]


@dataclass(frozen=True, repr=False)
class Indicator:
    """One indicator: its value computed from the model, the target, and whether it is met.

    Attributes
    ----------
    key, title
        Indicator key (as in ``target.indicator``) and an English title.
    numerator, denominator
        The counts (or dossier sums) the value is computed from.
    value
        ``100 * numerator / denominator`` in %, or ``None`` when the denominator is 0.
    target, target_element
        The model's target for this indicator and the element carrying it (or ``None``).
    met
        Whether ``value`` meets the target (``None`` without a value or a target).
    elements
        The elements behind the numerator (e.g. the services online).
    shortfall
        The elements counted in the denominator only (what keeps the value from 100 %).
    definition
        How the value is computed.
    """

    key: str
    title: str
    numerator: int
    denominator: int
    value: Optional[float]
    target: Optional[Target]
    target_element: Optional[str]
    met: Optional[bool]
    elements: tuple[str, ...]
    shortfall: tuple[str, ...]
    definition: str
    lang: Optional[str] = field(default=None, compare=False)

    def title_in(self, lang: Optional[str] = None) -> str:
        """The indicator's title in ``lang`` (``None``: English)."""
        return self.title if lang is None else translator(lang)(self.title)

    def to_dict(self, lang: Optional[str] = None) -> dict:
        """JSON-ready data (an entry of ``scorecard.indicators`` of the JSON report); the title in ``lang``."""
        return {
            "key": self.key,
            "title": self.title_in(lang),
            "value": None if self.value is None else round(self.value, 4),
            "unit": "%",
            "numerator": self.numerator,
            "denominator": self.denominator,
            "target": None if self.target is None else {
                "value": self.target.value, "unit": self.target.unit, "comparison": self.target.comparison,
                "deadline": self.target.deadline.isoformat() if self.target.deadline else None,
                "element": self.target_element},
            "met": self.met,
            "elements": list(self.elements),
            "shortfall": list(self.shortfall),
            "definition": self.definition,
        }

    def __repr__(self) -> str:
        from .._displays import indicator_text

        return indicator_text(self)

    def to_html(self, lang: Optional[str] = None) -> str:
        """The notebook card (value, count, target, met with its word, shortfall) as an HTML
        fragment, in ``lang`` (``vi`` or ``en``; default :attr:`lang`, else English)."""
        from .._displays import indicator_html

        return indicator_html(self, check_lang(lang or self.lang or "en"))

    def display(self, lang: str) -> Indicator:
        """This indicator, shown in ``lang`` by a notebook; equal to this one."""
        return replace(self, lang=check_lang(lang))

    def _repr_html_(self) -> str:
        """Jupyter display: one table row (value, count, target, met with its word, shortfall), in :attr:`lang`."""
        return self.to_html()


@dataclass(frozen=True)
class BudgetLine:
    """A budget carried by an element (a programme WorkPackage)."""

    element: str
    title: str
    total: Decimal
    investment: Optional[Decimal]
    operating: Optional[Decimal]
    unit: str

    def to_dict(self) -> dict:
        def num(x):
            return None if x is None else (int(x) if x == x.to_integral_value() else str(x))
        return {"element": self.element, "title": self.title, "total": num(self.total),
                "investment": num(self.investment), "operating": num(self.operating), "unit": self.unit}


@dataclass(frozen=True)
class BudgetSummary:
    """Budget by investment/operating (programmes) and by invest/lease (procured items).

    ``by_procurement`` sums ``budget.total`` of the items with that procurement mode that
    carry a budget; ``items`` lists every element with that mode (with or without one).
    """

    programmes: tuple[BudgetLine, ...] = ()
    by_procurement: dict = field(default_factory=dict)
    items: dict = field(default_factory=dict)
    unit: str = "million VND"
    priced: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        def num(x):
            return int(x) if x == x.to_integral_value() else str(x)
        return {
            "programmes": [p.to_dict() for p in self.programmes],
            "by_procurement": {k: {"amount": num(v), "items": list(self.items.get(k, ())),
                                   "items_with_budget": self.priced.get(k, 0)}
                               for k, v in self.by_procurement.items()},
            "unit": self.unit,
        }


@dataclass(frozen=True, repr=False)
class Scorecard:
    """The indicators (in :data:`INDICATORS` order) and the budget summary of a model."""

    indicators: tuple[Indicator, ...]
    budget: BudgetSummary
    #: The language a notebook shows the scorecard in (the ``lang`` of
    #: :func:`~eaframe.checks.run_checks` or :func:`compute_scorecard`; ``None``: English).
    lang: Optional[str] = field(default=None, compare=False)

    def __getitem__(self, key: str) -> Indicator:
        for i in self.indicators:
            if i.key == key:
                return i
        raise KeyError(f"no indicator {key!r}; indicators: {', '.join(i.key for i in self.indicators)}")

    def to_dict(self, lang: Optional[str] = None) -> dict:
        """JSON-ready data (the ``scorecard`` object of the JSON report); titles in ``lang``."""
        return {"indicators": [i.to_dict(lang) for i in self.indicators], "budget": self.budget.to_dict()}

    def __repr__(self) -> str:
        from .._displays import scorecard_text

        return scorecard_text(self)

    def to_html(self, lang: Optional[str] = None) -> str:
        """The notebook table of the indicators (value, count, target, met with its word) as an
        HTML fragment, in ``lang`` (``vi`` or ``en``; default :attr:`lang`, else English)."""
        from .._displays import scorecard_html

        return scorecard_html(self, check_lang(lang or self.lang or "en"))

    def display(self, lang: str) -> Scorecard:
        """This scorecard (and its indicators), shown in ``lang`` by a notebook; equal to this one."""
        lang = check_lang(lang)
        return replace(self, lang=lang, indicators=tuple(i.display(lang) for i in self.indicators))

    def _repr_html_(self) -> str:
        """Jupyter display: the indicators as a table (value, count, target, met with its word), in :attr:`lang`."""
        return self.to_html()

    def to_text(self, lang: str = "en") -> str:
        """A plain-text table: indicator, value, target, met; then the budget; words in ``lang``."""
        t = translator(lang)
        lines = [t("Target scorecard"), ""]
        w = max(len(i.key) for i in self.indicators)
        met_words = {True: t("met"), False: t("NOT MET"), None: "-"}
        for i in self.indicators:
            value = t("n/a") if i.value is None else f"{i.value:.1f} %"
            target = (t("(no target)") if i.target is None
                      else f"{i.target.comparison} {i.target.value:g} {i.target.unit}")
            frac = f"({i.numerator}/{i.denominator})"
            lines.append(f"  {i.key:<{w}}  {value:>8}  {frac:<15} " + t("target {target}").format(target=f"{target:<12}")
                         + f" {met_words[i.met]}")
            if i.shortfall:
                lines.append(f"  {'':<{w}}  " + t("short: {ids}").format(ids=", ".join(i.shortfall[:8]))
                             + (t(" and {n} more").format(n=len(i.shortfall) - 8) if len(i.shortfall) > 8 else ""))
        b = self.budget
        if b.programmes or b.by_procurement:
            lines += ["", t("Budget ({unit})").format(unit=t(b.unit))]
            for p in b.programmes:
                parts = [t("total {amount}").format(amount=_fmt(p.total))]
                if p.investment is not None:
                    parts.append(t("investment {amount}").format(amount=_fmt(p.investment)))
                if p.operating is not None:
                    parts.append(t("operating {amount}").format(amount=_fmt(p.operating)))
                lines.append(f"  {p.element}: " + ", ".join(parts))
            for mode, amount in b.by_procurement.items():
                n = len(b.items.get(mode, ()))
                priced = b.priced.get(mode, 0)
                lines.append(f"  {t(_MODES.get(mode, mode))}: " + t("{n} item(s)").format(n=n) + "; "
                             + (t("{amount} over the {n} with a budget").format(amount=_fmt(amount), n=priced)
                                if priced else t("no item budgets given")))
        return "\n".join(lines) + "\n"


#: Procurement modes of the budget summary, in words.
_MODES = {"invest": N_("invest"), "lease": N_("lease")}
N_("million VND")


def _fmt(x: Decimal) -> str:
    return f"{x:,}" if x == x.to_integral_value() else str(x)


def _live(e) -> bool:
    return not is_retired(e)


def _count_share(population, predicate) -> tuple[int, int, tuple, tuple]:
    yes: list[str] = []
    no: list[str] = []
    for e in population:
        (yes if predicate(e) else no).append(e.id)
    return len(yes), len(yes) + len(no), tuple(yes), tuple(no)


def _procedures(ix: CheckIndex):
    pop = [e for e in ix.model.elements if e.type == "BusinessService" and e.public_facing and _live(e)]
    return _count_share(pop, lambda e: e.service_level is not None or e.service_mode is not None)


def _dossiers_level4(ix: CheckIndex):
    num = den = 0
    yes, no = [], []
    for e in ix.model.elements:
        if e.type != "BusinessService" or not e.public_facing or not _live(e) or e.dossiers_total is None:
            continue
        den += e.dossiers_total
        if is_level4(e) and e.dossiers_online:
            num += e.dossiers_online
            yes.append(e.id)
            if e.dossiers_online < e.dossiers_total:
                no.append(e.id)
        elif e.dossiers_total:
            no.append(e.id)
    return num, den, tuple(yes), tuple(no)


def _central_auth(ix: CheckIndex):
    pop = [e for e in ix.model.elements if e.type == "BusinessService" and _live(e) and is_level4(e)]
    return _count_share(pop, lambda e: has_central_auth(ix, e.id))


def _interagency(ix: CheckIndex):
    num = den = 0
    yes, no = [], []
    for e in ix.model.elements:
        if e.type != "BusinessProcess" or not _live(e) or e.dossiers_total is None:
            continue
        den += e.dossiers_total
        num += e.dossiers_online or 0
        if e.dossiers_online:
            yes.append(e.id)
        if (e.dossiers_online or 0) < e.dossiers_total:
            no.append(e.id)
    return num, den, tuple(yes), tuple(no)


def _plans(ix: CheckIndex):
    pop = [e for e in ix.provincial_components
           if e.security_level is not None and e.security_level >= 3 and e.status is not Status.PLANNED]
    return _count_share(pop, lambda e: e.protection_plan_approved is True)


def _monitored(ix: CheckIndex):
    return _count_share(monitoring_subjects(ix), lambda e: is_monitored(ix, e.id))


#: The indicators: key → (title, definition, function(index) → (numerator, denominator, elements, shortfall)).
INDICATORS: dict[str, tuple[str, str, Callable]] = {
    "procedures_online_level12_share": (
        N_("Administrative procedures online at level 1–2 or above"),
        "public-facing BusinessServices with a service_level (or service_mode) / all public-facing BusinessServices",
        _procedures),
    "dossiers_online_level4_share": (
        N_("Dossiers processed online through level-4 services"),
        "sum of dossiers_online of level-4 public-facing BusinessServices / sum of dossiers_total of all "
        "public-facing BusinessServices",
        _dossiers_level4),
    "level4_services_central_auth_share": (
        N_("Level-4 services using centralised e-authentication"),
        "level-4 BusinessServices served by prov.sso, directly or through a component (EGOV-R8) / all level-4 "
        "BusinessServices",
        _central_auth),
    "interagency_dossiers_online_share": (
        N_("Inter-agency one-stop dossiers exchanged online"),
        "sum of dossiers_online / sum of dossiers_total over BusinessProcesses carrying dossier counts",
        _interagency),
    "level3_systems_with_plan_share": (
        N_("Information systems at security level 3+ with an approved protection plan"),
        "provincial ApplicationComponents with security_level >= 3 and protection_plan_approved / all provincial "
        "ApplicationComponents with security_level >= 3 that are not planned (a plan is approved before operation). "
        "The Đồng Nai draft target speaks of a protection plan applied in line with technical standards; the model "
        "records approval only, so this counts approved plans (a proxy, I). Decree 85/2016 requires an approved "
        "level dossier at every level (K): see EGOV-R15",
        _plans),
    "websites_monitored_share": (
        N_("Public-facing portals and websites monitored by the SOC"),
        "public-facing provincial ApplicationComponents/Interfaces served by sec.soc (EGOV-R7) / all of them",
        _monitored),
}


def _targets(model) -> dict[str, tuple[Target, str]]:
    out: dict[str, tuple[Target, str]] = {}
    for e in model.elements:
        if isinstance(e, TargetFields) and e.target is not None and _live(e):
            out.setdefault(e.target.indicator, (e.target, e.id))
    return out


def _budget(model) -> BudgetSummary:
    programmes = []
    by_mode: dict[str, Decimal] = {}
    items: dict[str, list[str]] = {}
    unit = None
    priced: dict[str, int] = {}
    for e in model.elements:
        if e.type == "WorkPackage" and e.budget is not None:
            b = e.budget
            unit = unit or b.unit
            programmes.append(BudgetLine(e.id, e.label("en"), b.total, b.investment, b.operating, b.unit))
        if isinstance(e, ProcurementFields) and e.procurement is not None and _live(e):
            mode = e.procurement.value
            items.setdefault(mode, []).append(e.id)
            by_mode.setdefault(mode, Decimal(0))
            if isinstance(e, BudgetFields) and e.budget is not None:
                by_mode[mode] += e.budget.total
                priced[mode] = priced.get(mode, 0) + 1
                unit = unit or e.budget.unit
    order = {"invest": 0, "lease": 1}
    by_mode = dict(sorted(by_mode.items(), key=lambda kv: order.get(kv[0], 9)))
    return BudgetSummary(tuple(programmes), by_mode, {k: tuple(v) for k, v in items.items()}, unit or "million VND",
                         priced)


def compute_scorecard(model, index: Optional[CheckIndex] = None, lang: Optional[str] = None) -> Scorecard:
    """Compute every indicator of :data:`INDICATORS` and the budget summary of ``model``.

    Parameters
    ----------
    model
        The :class:`~eaframe.model.ArchitectureModel` (not modified).
    index
        A :class:`CheckIndex` of the model to reuse (built when not given).
    lang
        The language a notebook shows the scorecard in (``vi`` or ``en``; default English).
    """
    from .._args import expect_model

    expect_model(model, "compute_scorecard")
    if lang is not None:
        check_lang(lang)
    ix = index if index is not None else CheckIndex(model)
    targets = _targets(model)
    out = []
    for key, (title, definition, fn) in INDICATORS.items():
        num, den, yes, no = fn(ix)
        value = 100.0 * num / den if den else None
        target, holder = targets.get(key, (None, None))
        met = None if value is None or target is None else target.is_met(value)
        out.append(Indicator(key, title, num, den, value, target, holder, met, yes, no, definition, lang))
    return Scorecard(tuple(out), _budget(model), lang)
