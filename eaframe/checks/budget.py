"""The budget table: the budgets elements carry (``budget``), per element and summed per layer.

Budgets (:class:`~eaframe.attributes.Budget`: ``total``, ``investment``, ``operating``,
``unit``) sit on the element types with :class:`~eaframe.elements.BudgetFields`: work
packages, courses of action, goals, procured systems and IT services. This module lists
them and sums them per ArchiMate layer. Amounts in different units are never added up:
each (layer, unit) pair is its own sum. A part (investment or operating) is summed over
the elements that give it, and the sum says how many did.

Examples
--------
>>> from eaframe import ArchitectureModel
>>> m = ArchitectureModel.build({"title": {"en": "t"}}, elements=[
...     {"id": "wp", "type": "WorkPackage", "budget": {"total": 100, "investment": 60, "operating": 40}},
...     {"id": "g", "type": "Goal", "budget": {"total": 5}},
...     {"id": "n", "type": "Node"}])
>>> t = budget_table(m)
>>> [(i.element, i.total) for i in t.items]
[('g', Decimal('5')), ('wp', Decimal('100'))]
>>> [(s.layer, s.total, s.investment, s.with_investment, s.count) for s in t.by_layer]
[('motivation', Decimal('5'), None, 0, 1), ('implementation_migration', Decimal('100'), Decimal('60'), 1, 1)]
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Optional

from ..attributes import Text
from ..elements import LAYER_ORDER, BudgetFields

if TYPE_CHECKING:
    from ..model import ArchitectureModel

__all__ = ["BudgetItem", "LayerBudget", "BudgetTable", "budget_table", "format_amount"]

_LAYER_RANK = {layer.value: k for k, layer in enumerate(LAYER_ORDER)}


def format_amount(x: Optional[Decimal]) -> str:
    """An amount with thousands separators (``—`` for ``None``).

    Examples
    --------
    >>> format_amount(Decimal("150126")), format_amount(Decimal("2.5")), format_amount(None)
    ('150,126', '2.5', '—')
    """
    if x is None:
        return "—"
    return f"{x:,}" if x == x.to_integral_value() else f"{x:,f}"


@dataclass(frozen=True)
class BudgetItem:
    """The budget of one element."""

    element: str
    """Element id."""
    name: Text
    """Element name."""
    type: str
    """ArchiMate type."""
    layer: str
    """ArchiMate layer (``LAYER_ORDER`` value)."""
    total: Decimal
    investment: Optional[Decimal]
    operating: Optional[Decimal]
    unit: str


@dataclass(frozen=True)
class LayerBudget:
    """The budgets of one layer in one unit, summed."""

    layer: str
    unit: str
    total: Decimal
    """Sum of ``total``."""
    investment: Optional[Decimal]
    """Sum of ``investment`` over the elements that give it (``None`` when none does)."""
    operating: Optional[Decimal]
    """Sum of ``operating`` over the elements that give it (``None`` when none does)."""
    count: int
    """Elements with a budget."""
    with_investment: int
    """Elements that give the investment part."""
    with_operating: int
    """Elements that give the operating part."""
    elements: tuple[str, ...]
    """Ids of the elements summed."""


@dataclass(frozen=True)
class BudgetTable:
    """Every element budget (by layer, type, id) and their sums per layer and unit."""

    items: tuple[BudgetItem, ...]
    by_layer: tuple[LayerBudget, ...]

    def totals(self) -> dict[str, Decimal]:
        """The grand total per unit."""
        out: dict[str, Decimal] = {}
        for s in self.by_layer:
            out[s.unit] = out.get(s.unit, Decimal(0)) + s.total
        return out


def _add(a: Optional[Decimal], b: Optional[Decimal]) -> Optional[Decimal]:
    if b is None:
        return a
    return b if a is None else a + b


def budget_table(model: ArchitectureModel) -> BudgetTable:
    """The budgets of the elements of ``model`` and their sums per layer and unit (layer order)."""
    items = []
    for e in model.elements:
        b = e.budget if isinstance(e, BudgetFields) else None
        if b is not None:
            items.append(BudgetItem(e.id, e.name, e.type, e.layer.value, b.total, b.investment, b.operating, b.unit))
    items.sort(key=lambda i: (_LAYER_RANK.get(i.layer, 99), i.type, i.element))
    sums: dict[tuple[str, str], list[BudgetItem]] = {}
    for i in items:
        sums.setdefault((i.layer, i.unit), []).append(i)
    by_layer = []
    for (layer, unit), group in sums.items():
        inv: Optional[Decimal] = None
        op: Optional[Decimal] = None
        for i in group:
            inv, op = _add(inv, i.investment), _add(op, i.operating)
        by_layer.append(LayerBudget(layer, unit, sum((i.total for i in group), Decimal(0)), inv, op, len(group),
                                    sum(1 for i in group if i.investment is not None),
                                    sum(1 for i in group if i.operating is not None),
                                    tuple(i.element for i in group)))
    return BudgetTable(tuple(items), tuple(by_layer))
