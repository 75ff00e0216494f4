"""Start a province's architecture from a bundled framework model (``eaframe new``).

:func:`new_province` builds the model of a province that realises a framework: the
framework's mandatory building blocks (same ids, ``implements`` set, names in
Vietnamese and English with the province's name filled in), the national systems they
connect to with the framework's connections between them, the framework's views
restricted to those elements, and model-wide provenance defaults
(``metadata.default_sources`` citing the framework, ``metadata.default_confidence``
``I``) that every element inherits until the province gives it its own.
:func:`new_province_text` writes it as a model file with ``# fill in:`` comments on
what only the province knows.

The frameworks are the bundled models that realise none themselves and carry a
``metadata.framework_version`` (:func:`frameworks`), so a newly bundled framework
version works without code changes.

Examples
--------
>>> from eaframe.new import frameworks, new_province
>>> sorted(frameworks())[:2]
['1.0', '2.0']
>>> m = new_province("2.0", "Đồng Nai")
>>> m.metadata.realises, m["prov.lgsp"].implements, m["prov.lgsp"].name.en
('vn-province-2.0', 'prov.lgsp', 'Đồng Nai provincial data integration and sharing platform (LGSP)')
>>> from eaframe.checks import run_checks
>>> run_checks(m, select=["EGOV-C*"]).findings
()
"""

from __future__ import annotations

import re
from typing import Union

from pydantic import ValidationError

from .attributes import Scope, Text
from .elements import Layer
from .exceptions import ModelValidationError, Problem, UnknownModelError
from .model import ArchitectureModel

__all__ = ["frameworks", "framework_name", "new_province", "new_province_text", "FRAMEWORK_SOURCE"]

#: Id of the metadata.sources entry that cites the framework model (the default source).
FRAMEWORK_SOURCE = "FW"

_NATIONAL = (Scope.NATIONAL, Scope.EXTERNAL)
#: Fields the province fills in, by element type (those the element type has are named).
_FILL_IN = {
    "ApplicationComponent": ("status", "owner", "security_level", "protection_plan_approved", "procurement"),
    "ApplicationService": ("status", "service_level", "service_mode", "dossiers_total", "dossiers_online"),
    "Node": ("status", "owner", "security_level", "protection_plan_approved", "procurement"),
    "SystemSoftware": ("status", "owner", "security_level", "protection_plan_approved", "procurement"),
}
_FILL_IN_DEFAULT = ("status", "owner")


def frameworks() -> dict[str, str]:
    """The bundled framework models by framework version (``{"2.0": "vn-province-2.0", ...}``).

    A framework model is a bundled model with ``metadata.framework_version`` that
    realises no other model (``metadata.realises`` empty).
    """
    from .bundled import bundled_models, load_model

    found: dict[str, str] = {}
    for name in bundled_models():
        md = load_model(name).metadata
        if md.framework_version and not md.realises:
            found.setdefault(md.framework_version, name)
    return dict(sorted(found.items(), key=lambda kv: tuple(int(x) for x in kv[0].split("."))))


def framework_name(framework: str) -> str:
    """The bundled framework model for ``framework``: a version (``2.0``) or a model name.

    Raises
    ------
    UnknownModelError
        When ``framework`` is neither; the message lists the bundled frameworks.
    """
    fws = frameworks()
    if framework in fws:
        return fws[framework]
    if framework in fws.values():
        return framework
    listed = ", ".join(f"{v} ({n})" for v, n in fws.items()) or "none installed"
    raise UnknownModelError(f"no bundled framework {framework!r}; bundled frameworks: {listed}")


def _province_text(province: Union[str, dict, Text]) -> Text:
    """The province's name as :class:`Text` (one string is used for both languages)."""
    if isinstance(province, str):
        province = {"vi": province, "en": province}
    try:
        text = province if isinstance(province, Text) else Text.model_validate(province)
    except ValidationError as err:
        problems = [Problem(f"{e['msg']} ({e['type']})", ("metadata", "province", *e["loc"])) for e in err.errors()]
        raise ModelValidationError(problems) from None
    vi, en = (text.vi or "").strip(), (text.en or "").strip()
    if not vi and not en:
        raise ModelValidationError([Problem("the province's name is empty; give it, e.g. Đồng Nai",
                                            ("metadata", "province"))])
    return Text(vi=vi or en, en=en or vi)


def _vi_name(name: str, province: str) -> str:
    # "... cấp tỉnh (LGSP)" → "... tỉnh Đồng Nai (LGSP)"; "... tỉnh" → "... tỉnh Đồng Nai"; else append
    if re.search(r"\bcấp tỉnh\b", name):
        return re.sub(r"\bcấp tỉnh\b", f"tỉnh {province}", name, count=1)
    if re.search(r"\btỉnh$", name):
        return f"{name} {province}"
    return f"{name} tỉnh {province}"


def _en_name(name: str, province: str) -> str:
    # "Provincial web portal" → "Đồng Nai provincial web portal"; else "... of Đồng Nai"
    if name.startswith("Provincial "):
        return f"{province} provincial {name[len('Provincial '):]}"
    return f"{name} of {province}"


def _source_title(fw: ArchitectureModel) -> str:
    md = fw.metadata
    title = md.title.get("en", fallback=True) or ""
    ins = md.instrument
    if ins is not None and ins.number:
        title += f" ({ins.kind.value} {ins.number}" + (f" of {ins.date.isoformat()}" if ins.date else "") + ")"
    return title


def new_province(framework: str, province: Union[str, dict, Text], *,
                 confidence: str = "I") -> ArchitectureModel:
    """The model of ``province`` realising a bundled framework, ready for the province to fill in.

    Parameters
    ----------
    framework
        A framework version (``2.0``) or the name of a bundled framework model
        (``vn-province-2.0``); see :func:`frameworks`.
    province
        The province's name: one string for both languages, or ``{"vi": ..., "en": ...}``.
    confidence
        ``metadata.default_confidence`` (``I`` by default: a block the framework asks for,
        not yet a confirmed fact about the province).

    Returns
    -------
    ArchitectureModel
        With ``metadata.realises`` the framework model; every mandatory block (same id,
        ``implements`` it, scope copied, names with the province's name); the national
        and external systems the framework connects them to (``implements`` set, names
        kept); every framework relationship between those elements; the framework's
        views restricted to them; ``metadata.sources`` holding :data:`FRAMEWORK_SOURCE`,
        the default source of every concept.

    Raises
    ------
    UnknownModelError
        ``framework`` is not a bundled framework.
    ModelValidationError
        The province's name is empty or not valid text.
    """
    from .bundled import load_model

    name = framework_name(framework)
    fw = load_model(name)
    prov = _province_text(province)
    p_vi, p_en = prov.vi or "", prov.en or ""
    ver = fw.metadata.framework_version

    mandatory = [e for e in fw.elements if e.mandatory]
    mandatory_ids = {e.id for e in mandatory}
    keep = set(mandatory_ids)
    by_id = {e.id: e for e in fw.elements}
    for r in fw.relationships:
        for a, b in ((r.source, r.target), (r.target, r.source)):
            other = by_id.get(b)
            if a in mandatory_ids and other is not None and not other.mandatory and (
                    other.scope in _NATIONAL or other.layer is Layer.TECHNOLOGY):
                keep.add(b)

    elements = []
    for e in fw.elements:
        if e.id not in keep:
            continue
        d: dict = {"id": e.id, "type": e.type}
        if e.scope not in _NATIONAL:
            d["name"] = {"vi": _vi_name(e.name.vi or e.name.get("vi", fallback=True) or e.id, p_vi),
                         "en": _en_name(e.name.en or e.name.get("en", fallback=True) or e.id, p_en)}
        else:
            d["name"] = e.name.model_dump(exclude_defaults=True)
        if e.scope is not None:
            d["scope"] = e.scope
        if getattr(e, "public_facing", None) is not None:
            d["public_facing"] = e.public_facing
        d["implements"] = e.id
        elements.append(d)

    relationships = []
    rel_ids = set()
    for r in fw.relationships:
        if r.source in keep and r.target in keep:
            relationships.append(r.model_dump(exclude={"sources", "confidence", "documentation"},
                                              exclude_defaults=True) | {"type": r.type})
            rel_ids.add(r.id)

    views = []
    for v in fw.views:
        shown = [x for x in v.elements if x in keep]
        if not shown:
            continue
        d = v.model_dump(exclude={"elements", "relationships", "diagram", "documentation"}, exclude_defaults=True)
        d["elements"] = shown
        if v.relationships is not None:
            d["relationships"] = [x for x in v.relationships if x in rel_ids]
        views.append(d)

    metadata = {
        "title": {"vi": f"Kiến trúc Chính quyền điện tử tỉnh {p_vi}, theo Khung phiên bản {ver}",
                  "en": f"{p_en} provincial e-Government architecture, following framework version {ver}"},
        "framework_version": ver,
        "province": {"vi": p_vi, "en": p_en},
        "instrument": {"kind": "decision",
                       "issuer": {"vi": f"Ủy ban nhân dân tỉnh {p_vi}", "en": f"{p_en} Provincial People's Committee"}},
        "realises": name,
        "documentation": {"en": f"The architecture of {p_en} province, started with `eaframe new` from the bundled "
                                f"framework model {name}: its mandatory building blocks and the national systems "
                                "they connect to. Until the province confirms a fact and cites its own source, "
                                "every element and relationship inherits the framework as source and confidence "
                                f"{confidence} (a block the framework asks for, not a verified fact about {p_en})."},
        "sources": {FRAMEWORK_SOURCE: {
            "title": _source_title(fw),
            "note": f"The bundled framework model {name}; the blocks it marks mandatory and their connections."}},
        "default_sources": [FRAMEWORK_SOURCE],
        "default_confidence": confidence,
    }
    return ArchitectureModel.build(metadata, elements, relationships, views)


def _fill_in_fields(e) -> list[str]:
    fields = type(e).model_fields
    return [f for f in _FILL_IN.get(e.type, _FILL_IN_DEFAULT) if f in fields]


def new_province_text(model: ArchitectureModel) -> str:
    """``model`` (from :func:`new_province`) as canonical YAML with ``# fill in:`` comments.

    The comments sit on their own lines before the keys and elements they are about;
    loading the text gives back ``model``.
    """
    from .formats import dumps

    lines = dumps(model).splitlines()
    md = model.metadata
    province = (md.province.get("en", fallback=True) if md.province else None) or "the province"
    notes: dict[str, list[str]] = {
        "  instrument:": ["fill in: number and date of the decision of the Provincial People's Committee that "
                          "approves this architecture"],
        "  sources:": ["fill in: the province's own documents (approving decision, plans, reports), one entry "
                       "each; cite their ids in the sources of the elements and relationships they confirm"],
        "  default_sources:": ["every element and relationship without its own sources and confidence inherits "
                               "these two; give a concept its own once the province has confirmed it"],
        "relationships:": ["the framework's connections between these blocks and to the national systems; add "
                           "the province's own systems and connections below"],
    }
    for e in model.elements:
        if getattr(e, "scope", None) in _NATIONAL:  # junctions have no scope
            text = "national system the framework connects the province to; keep its id and name"
        else:
            fields = ", ".join(_fill_in_fields(e))
            text = f"fill in: {fields}; documentation: what {province} has or plans for this block"
        notes[f"- id: {e.id}"] = [text]
    header = ["# " + (md.title.get("en", fallback=True) or ""),
              f"# Started from the framework model {md.realises} by `eaframe new`. Lines '# fill in: ...' mark what "
              "only the province knows;",
              "# `eaframe check` on this file lists what is still missing."]
    out = list(header)
    in_elements = False
    for line in lines:
        if not line.startswith((" ", "-")):
            in_elements = line == "elements:"
        note = notes.get(line) if in_elements or not line.startswith("- id: ") else None
        if note:
            indent = line[: len(line) - len(line.lstrip())]
            out.extend(f"{indent}# {n}" for n in note)
        out.append(line)
    return "\n".join(out) + "\n"
