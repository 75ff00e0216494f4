"""Conformance of a province model to the framework model it realises (EGOV-C1 … C3).

A province model names the framework model it realises in ``metadata.realises`` (e.g.
``vn-province-2.0``); each of its elements names the framework block it realises in
``implements``. The rules compare the two:

- EGOV-C1: each ``mandatory: true`` block of the framework that no (non-retired)
  province element implements;
- EGOV-C2: each province element whose ``implements`` is not a block of the framework;
- EGOV-C3: each *required* framework relationship — one between two mandatory blocks —
  with no counterpart among the realising elements: a relationship of the same type
  between an element implementing its source and one implementing its target (for
  ``Flow``, either direction, or a path through the element implementing ``prov.lgsp``).

Every rule is linear: the framework's blocks and the province's realised
``(source block, type, target block)`` triples are indexed once.

Examples
--------
>>> from eaframe import ArchitectureModel
>>> from eaframe.checks import run_checks
>>> fw = ArchitectureModel.build({"title": {"en": "fw"}}, elements=[
...     {"id": "prov.lgsp", "type": "ApplicationComponent", "mandatory": True}])
>>> prov = ArchitectureModel.build({"title": {"en": "p"}, "realises": "fw"}, elements=[
...     {"id": "x", "type": "ApplicationComponent", "implements": "prov.lgsb"}])
>>> [(f.rule, f.elements) for f in run_checks(prov, framework_model=fw, select=["EGOV-C*"]).findings]
[('EGOV-C1', ('prov.lgsp',)), ('EGOV-C2', ('x',))]
"""

from __future__ import annotations

from ..attributes import Status
from ..elements import BuildingBlock, LineageFields
from ..i18n import alt, msg
from ..integrity import suggest
from . import law
from .index import LGSP, CheckIndex, is_retired
from .registry import Edge, LegalBasis, rule

__all__ = ["c1_mandatory_blocks", "c2_unknown_block", "c3_required_connections"]

_CAT = "conformance"


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"

_BASIS = ("Framework v2.0 (Decision 2323/QĐ-BTTTT of 31/12/2019) [V S5] and v1.0 (MIC letter 1178/BTTTT-THH of "
          "21/4/2015) [V S1]: a provincial architecture is built from the framework's building blocks (domain "
          "reference §3, §4, §6)")
#: The frameworks a province architecture is built from, each in force until the next one.
_LEGAL = tuple(LegalBasis(fw, "a provincial architecture is built from the framework's building blocks",
                          confidence="V" if fw in (law.FW_1_0, law.FW_2_0) else "K")
               for fw in (law.FW_1_0, law.FW_2_0, law.FW_3_0, law.FW_4_0))


@rule("EGOV-C1", "Every mandatory building block of the framework is realised by the province",
      "error", _CAT, models="realising", legal=_LEGAL,
      rationale="A province architecture that lacks a block the framework makes mandatory (the LGSP, the one-stop "
                "EIS, the SOC...) cannot deliver the services and connections the framework builds on it.",
      basis=_BASIS + "; blocks marked mandatory: true in the framework model.")
def c1_mandatory_blocks(ix: CheckIndex, found):
    """Framework elements with ``mandatory: true`` that no province element ``implements``."""
    fw = ix.framework_model
    if fw is None:
        return
    realised = ix.realisers
    for b in fw.elements:
        if not isinstance(b, BuildingBlock) or not b.mandatory or realised.get(b.id):
            continue
        same = ix.elements.get(b.id)
        if same is not None and not is_retired(same):
            hint = msg("{block} exists but does not declare it: set implements: {block} on it", block=b.id)
        elif _a(b.type) == "an":
            hint = msg("add an {type} realising {block} (implements: {block})", type=b.type, block=b.id)
        else:
            hint = msg("add a {type} realising {block} (implements: {block})", type=b.type, block=b.id)
        yield found(msg("mandatory framework block {block} ({name}) is not realised by any element", block=b.id,
                        name=alt(b.label("en"), vi=b.label("vi"))),
                    elements=(b.id,), fix=hint)


@rule("EGOV-C2", "Every province element maps to a block that exists in the framework",
      "error", _CAT, models="realising", legal=_LEGAL,
      rationale="An element that claims to realise a block the framework does not have is a typo or a stale id; "
                "conformance and diffs against the framework then silently miss it.",
      basis=_BASIS + "; ids of the building-block catalogue (domain reference §6).")
def c2_unknown_block(ix: CheckIndex, found):
    """Elements whose ``implements`` is not an element id of the framework model."""
    fw = ix.framework_model
    if fw is None:
        return
    blocks = {e.id for e in fw.elements}
    for e in ix.model.elements:
        if isinstance(e, LineageFields) and e.implements and e.implements not in blocks:
            s = suggest(e.implements, blocks)
            yield found(msg("{a} implements {block}, which is not a block of the framework model ({title})",
                            a=ix.label(e.id), block=repr(e.implements),
                            title=alt(fw.metadata.title.get("en", fallback=True) or "",
                                      vi=fw.metadata.title.get("vi", fallback=True) or "")),
                        elements=(e.id,),
                        fix=(msg("did you mean implements: {block}?", block=s) if s else
                             msg("set implements to the id of a framework block, or remove it")))


@rule("EGOV-C3", "Every required framework connection has a counterpart among the realising elements",
      "warning", _CAT, models="realising", legal=_LEGAL,
      rationale="The framework prescribes how mandatory blocks connect (e.g. LGSP ↔ NGSP); realising the blocks "
                "without the connection leaves the architecture disconnected where the framework is not.",
      basis=_BASIS + "; relationships between mandatory blocks of the framework model.")
def c3_required_connections(ix: CheckIndex, found):
    """Framework relationships between mandatory blocks without a same-type counterpart in the province."""
    fw = ix.framework_model
    if fw is None:
        return
    mandatory = {e.id for e in fw.elements if isinstance(e, BuildingBlock) and e.mandatory}
    realised = ix.realisers
    impl = {e.id: e.implements for e in ix.model.elements
            if isinstance(e, LineageFields) and e.implements and e.status is not Status.RETIRED}
    have: set[tuple[str, str, str]] = set()
    flow_nb: dict[str, set[str]] = {}
    for r in ix.model.relationships:
        a, b = impl.get(r.source), impl.get(r.target)
        if a is None or b is None:
            continue
        have.add((a, r.type, b))
        if r.type == "Flow":
            have.add((b, r.type, a))
            flow_nb.setdefault(a, set()).add(b)
            flow_nb.setdefault(b, set()).add(a)
    lgsp_nb = flow_nb.get(LGSP, set())
    for r in fw.relationships:
        a, b = r.source, r.target
        if a not in mandatory or b not in mandatory or not realised.get(a) or not realised.get(b):
            continue
        if (a, r.type, b) in have:
            continue
        if r.type == "Flow" and a in lgsp_nb and b in lgsp_nb:
            continue
        sa, sb = realised[a][0], realised[b][0]
        yield found(msg("framework connection {a} —{type}→ {b} ({rel}) has no counterpart: no {type} from an "
                        "element implementing {a} to one implementing {b}", a=a, type=r.type, b=b, rel=r.id),
                    elements=(sa, sb),
                    fix=msg("connect {a} to {b} with a {type} relationship", a=sa, b=sb, type=r.type),
                    missing=(Edge(sa, r.type, sb),))
