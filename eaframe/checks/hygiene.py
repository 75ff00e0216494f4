"""Model hygiene rules (EGOV-H1 … H7), like the model checks of common EA tools.

They do not depend on the e-government conventions except H6 (scope) and the
provenance rules H5/H7, which enforce the provenance convention (every concept cites
``sources`` and carries a ``confidence`` tag).

Examples
--------
>>> from eaframe import ArchitectureModel
>>> from eaframe.checks import run_checks
>>> m = ArchitectureModel.build({"title": {"en": "t"}}, elements=[{"id": "a", "type": "Goal"}],
...                             views=[{"id": "v"}])
>>> sorted((f.rule, f.elements or (f.view,)) for f in run_checks(m, select=["EGOV-H2", "EGOV-H3"]).findings)
[('EGOV-H2', ('a',)), ('EGOV-H3', ('v',))]
"""

from __future__ import annotations

from ..elements import BuildingBlock, Layer
from ..i18n import N_, Join, alt, msg
from ..validity import allowed_relationships, validity_concept
from . import law
from .index import CheckIndex
from .registry import LegalBasis, rule

__all__ = [
    "h1_allowed_relationships",
    "h2_isolated_elements",
    "h3_empty_views",
    "h4_names",
    "h5_sources",
    "h6_scope",
    "h7_confidence",
]

_CAT = "hygiene"
_LANG_NAMES = {"vi": msg("Vietnamese"), "en": msg("English")}
_CONVENTION = (LegalBasis(law.EAFRAME_CONVENTIONS, "a modelling convention, not a legal requirement", confidence="I"),)


@rule("EGOV-H1", "Every relationship is allowed by ArchiMate 3.2", "error", _CAT,
      legal=(LegalBasis(law.ARCHIMATE_3_2, "the relationships allowed between element types", "Appendix B", "K"),),
      rationale="A relationship the ArchiMate 3.2 metamodel does not allow between its two element types is not "
                "exchangeable with other tools and usually means a wrong element or relationship type. Models loaded "
                "with strict=False keep such relationships; this rule reports them.",
      basis="ArchiMate 3.2 Specification, Appendix B (relationship tables); eaframe.validity.")
def h1_allowed_relationships(ix: CheckIndex, found):
    """Relationships whose (source type, type, target type) is outside the ArchiMate 3.2 table."""
    els = ix.elements
    types = ix.types
    rel_ids: set = set()
    # (source type, relationship type, target type) -> allowed; both endpoints elements
    verdict: dict[tuple, bool] = {}
    vget = verdict.get
    make = found.maker(N_("{type} {rel} from {st} {a} to {tt} {b} is not allowed by ArchiMate 3.2"),
                       ("type", "rel", "st", "a", "tt", "b"),
                       N_("use one of: {allowed} (or change an element type)"), ("allowed",))
    for r in ix.model.relationships:
        s, t, rt = r.source, r.target, r.type
        key = (types.get(s), rt, types.get(t))
        ok = vget(key)
        if ok is None:
            st, tt = key[0], key[2]
            if st is None or tt is None:  # an endpoint that is no element: a relationship, or dangling
                if not rel_ids:
                    rel_ids = {x.id for x in ix.model.relationships}
                st = st or ("Relationship" if s in rel_ids else None)
                tt = tt or ("Relationship" if t in rel_ids else None)
                if st is None or tt is None:
                    continue
                ok = rt in allowed_relationships(st, tt)
            else:
                ok = verdict[key] = rt in allowed_relationships(st, tt)
        if not ok:
            st = types.get(s) or "Relationship"
            tt = types.get(t) or "Relationship"
            allowed = ", ".join(sorted(allowed_relationships(st, tt))) or "none"
            yield make((rt, r.id, validity_concept(st), s, validity_concept(tt), t), (allowed,),
                       tuple(x for x in (s, t) if x in els), (r.id,))


@rule("EGOV-H2", "Every element takes part in at least one relationship", "warning", _CAT,
      legal=_CONVENTION,
      rationale="An element in no relationship says nothing about how the architecture fits together; it is often "
                "a leftover or a forgotten connection.",
      basis="Common EA-tool model validation (unused/unconnected elements).")
def h2_isolated_elements(ix: CheckIndex, found):
    """Elements that are neither source nor target of any relationship."""
    touched = ix.touched
    make = found.maker(N_("{a} takes part in no relationship"), ("a",),
                       N_("connect {a} to the elements it serves, uses or realises, or remove it"), ("a",))
    label = ix.label
    for e in ix.model.elements:
        i = e.id
        if i not in touched:
            yield make((label(i),), (i,), (i,))


@rule("EGOV-H3", "Every view shows at least one element", "warning", _CAT,
      legal=_CONVENTION,
      rationale="An empty view renders as an empty diagram and is usually unfinished work.",
      basis="Common EA-tool model validation (empty views).")
def h3_empty_views(ix: CheckIndex, found):
    """Views with no elements."""
    for v in ix.model.views:
        if not v.elements:
            yield found(msg("view {view} ({name}) shows no elements", view=v.id,
                            name=alt(v.label("en"), vi=v.label("vi"))), view=v.id,
                        fix=msg("list the elements to show under views[{view}].elements, or remove the view",
                                view=v.id))


@rule("EGOV-H4", "Every element has a name in each language of the model (Vietnamese and English)", "warning", _CAT,
      legal=_CONVENTION,
      rationale="eaframe models are bilingual: diagrams and reports are produced in Vietnamese for the province and "
                "in English for others; a missing name falls back to the id or the other language.",
      basis="eaframe model conventions (metadata.languages, default vi and en).")
def h4_names(ix: CheckIndex, found):
    """Elements without a name in ``vi`` or ``en`` (those of ``metadata.languages``)."""
    langs = [lang for lang in ix.model.metadata.languages if lang in _LANG_NAMES]
    need_vi, need_en = "vi" in langs, "en" in langs
    for e in ix.model.elements:
        name = e.name
        if (name.vi or not need_vi) and (name.en or not need_en):
            continue  # both names there (the common case), without a call per language
        missing = [lang for lang in langs if not name.get(lang)]
        if missing:
            names = Join((_LANG_NAMES[lang] for lang in missing), " and ")
            yield found(msg("{a} has no {languages} name", a=e.id, languages=names), elements=(e.id,),
                        fix=msg("set {fields} on {a}", fields=Join((f"name.{lang}" for lang in missing), " and "),
                                a=e.id))


@rule("EGOV-H5", "Every element and relationship cites a source", "warning", _CAT,
      legal=_CONVENTION,
      rationale="Architecture facts about legal documents must be traceable; a concept without a source cannot be "
                "checked against the norm it comes from.",
      basis="eaframe provenance convention: sources = ids of metadata.sources (domain reference §1 S1–S32).")
def h5_sources(ix: CheckIndex, found):
    """Elements and relationships with an empty ``sources`` list (none when ``metadata.default_sources`` is set)."""
    if ix.model.metadata.default_sources:
        return
    fix = N_("add the ids of its sources (metadata.sources) to {a}.sources")
    element = found.maker(N_("element {a} cites no source"), ("a",), fix, ("a",))
    for e in ix.model.elements:
        if not e.sources:
            one = (e.id,)  # the value, the fix's value and the elements: one tuple
            yield element(one, one, one)
    relationship = found.maker(N_("relationship {rel} ({a} —{type}→ {b}) cites no source"), ("rel", "a", "type", "b"),
                               fix, ("a",))
    for r in ix.model.relationships:
        if not r.sources:
            one = (r.id,)
            yield relationship((r.id, r.source, r.type, r.target), one, (), one)


@rule("EGOV-H6", "Every application and technology building block has a scope", "info", _CAT,
      legal=_CONVENTION,
      rationale="The interconnection rules tell provincial systems from national and external ones by scope; an "
                "element without one is skipped by them.",
      basis="eaframe e-government conventions: scope provincial/national/external on every application/technology "
            "building block.", models="province")
def h6_scope(ix: CheckIndex, found):
    """Application- and technology-layer elements (junctions excluded) without ``scope``."""
    make = found.maker(N_("{a} has no scope"), ("a",), N_("set scope: provincial, national or external on {a}"),
                       ("a",))
    label = ix.label
    layers = (Layer.APPLICATION, Layer.TECHNOLOGY)
    for e in ix.model.elements:
        if isinstance(e, BuildingBlock) and e.scope is None and e.layer in layers:
            i = e.id
            one = (i,)
            yield make((label(i),), one, one)


@rule("EGOV-H7", "Every element and relationship carries a confidence tag", "info", _CAT,
      legal=_CONVENTION,
      rationale="Confidence (V, V2, K, I) says how well a modelled fact is established; illustrative values must be "
                "recognisable as such.",
      basis="eaframe provenance convention; confidence tags of the domain reference §0.")
def h7_confidence(ix: CheckIndex, found):
    """Elements and relationships without ``confidence`` (none when ``metadata.default_confidence`` is set)."""
    if ix.model.metadata.default_confidence is not None:
        return
    fix = N_("set confidence: V, V2, K or I on {a}")
    element = found.maker(N_("element {a} has no confidence tag"), ("a",), fix, ("a",))
    for e in ix.model.elements:
        if e.confidence is None:
            one = (e.id,)
            yield element(one, one, one)
    relationship = found.maker(N_("relationship {rel} has no confidence tag"), ("rel",), fix, ("a",))
    for r in ix.model.relationships:
        if r.confidence is None:
            one = (r.id,)
            yield relationship(one, one, (), one)
