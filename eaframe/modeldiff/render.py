"""Renderers of a :class:`~eaframe.modeldiff.model.ModelDiff`: text, JSON, Markdown, HTML.

All renderers read the diff only and keep its order (layer, type, id), so the same diff
always renders to the same bytes.

- :func:`format_name_status` — one line per change, git ``--name-status`` style:
  ``STATUS<TAB>TYPE<TAB>ID<TAB>NAME``, status ``A``/``D``/``M``/``T`` or ``R`` with
  the similarity score in percent (``R087``), and a fifth column ``(K)`` or ``(I)``
  when the change rests only on background-knowledge or illustrative facts; a
  relationship's NAME is ``source name —Type→ target name``. Architecture changes
  come first, then the metadata, then the provenance-only changes (only ``sources``
  and ``confidence`` differ). With ``details``, each changed field follows on an
  indented line ``field: old → new``.
- :func:`format_stat` — the ``--stat``-like summary: counts per change kind of the
  architecture changes for elements, relationships and views, per layer and per
  type, the provenance-only and K/I counts, and a last one-line total in the
  ``--shortstat`` style.
- :func:`to_text` — both of the above (provenance-only changes counted, listed only
  on request).
- :func:`to_dict` / :func:`to_json` — the stable JSON schema :data:`JSON_SCHEMA`
  (``"schema": "eaframe.diff"``, ``"version": 1``).
- :func:`to_markdown` and :func:`to_html` — reports with tables, at most ``limit``
  rows per section (``… and N more``); HTML as a complete document or as a fragment
  for notebooks (``ModelDiff._repr_html_``), provenance-only changes behind a toggle.

Examples
--------
>>> import eaframe
>>> old = eaframe.loads("metadata: {title: {en: v1}}\\nelements:\\n- {id: a, type: Node, name: {en: Server}}")
>>> new = eaframe.loads("metadata: {title: {en: v1}}\\nelements:\\n- {id: a, type: Device, name: {en: Server}}")
>>> print(format_name_status(eaframe.diff(old, new)))
T	Node → Device	a	Server
    type: "Node" → "Device"
>>> print(format_stat(eaframe.diff(old, new)).splitlines()[-1])
1 element changed (1 retyped)
"""

from __future__ import annotations

import html
import json
from typing import Any, Optional

from .._html import BORDER, COLOURS, base_css, fragment
from .._html import document as html_document
from .._text import md_code, md_escape, term_safe
from ..i18n import N_, translator
from .model import CHANGE_KINDS, Change, FieldChange, ModelDiff

__all__ = [
    "DEFAULT_LIMIT",
    "PALETTE",
    "SCHEMA_NAME",
    "SCHEMA_VERSION",
    "JSON_SCHEMA",
    "format_value",
    "format_field_change",
    "format_name_status",
    "format_stat",
    "format_shortstat",
    "to_text",
    "to_dict",
    "to_json",
    "to_markdown",
    "to_html",
]

#: Name of the JSON document type (the ``schema`` key).
SCHEMA_NAME = "eaframe.diff"
#: Version of the JSON schema (the ``version`` key); raised on any incompatible change.
SCHEMA_VERSION = 1

#: Rows per section of the Markdown and HTML reports before "… and N more".
DEFAULT_LIMIT = 300

_MAX_VALUE = 200
_KINDS = tuple(CHANGE_KINDS)
_CONFIDENCE_WORDS = {"V": N_("verified"), "V2": N_("weak source"), "K": N_("background knowledge"),
                     "I": N_("illustrative")}


# --------------------------------------------------------------------- values
def format_value(value: Any, limit: Optional[int] = _MAX_VALUE) -> str:
    """A field value as compact text: JSON, ``(none)`` for ``None``, shortened past ``limit``.

    Examples
    --------
    >>> format_value("Cổng Dịch vụ công"), format_value(None), format_value([1, 2])
    ('"Cổng Dịch vụ công"', '(none)', '[1, 2]')
    """
    if value is None:
        return "(none)"
    value = _clean(value)
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _clean(value: Any) -> Any:
    """Drop unset entries (``None``, empty maps) from nested data, for display."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            v = _clean(v)
            if v is not None and v != {}:
                out[k] = v
        return out
    return value


def format_field_change(fc: FieldChange, limit: Optional[int] = _MAX_VALUE) -> str:
    """``field: old → new``; for lists of ids, the ids added (``+``) and removed (``-``).

    Examples
    --------
    >>> format_field_change(FieldChange(("elements",), ["a", "b"], ["b", "c"]))
    'elements: +["c"] -["a"]'
    """
    if isinstance(fc.old, list) and isinstance(fc.new, list) and fc.path[0] in ("elements", "relationships", "member_of",
                                                                               "replaces", "sources", "languages"):
        old_set, new_set = set(map(str, fc.old)), set(map(str, fc.new))
        plus = [x for x in fc.new if str(x) not in old_set]
        minus = [x for x in fc.old if str(x) not in new_set]
        if plus or minus:
            parts = []
            if plus:
                parts.append("+" + format_value(plus, limit))
            if minus:
                parts.append("-" + format_value(minus, limit))
            return f"{fc.field}: {' '.join(parts)}"
        return f"{fc.field}: {format_value(fc.old, limit)} → {format_value(fc.new, limit)} (order)"
    return f"{fc.field}: {format_value(fc.old, limit)} → {format_value(fc.new, limit)}"


def _status(c: Change) -> str:
    if c.kind == "renamed" and c.score is not None:
        return f"R{round(c.score * 100):03d}"
    return c.status


def _type_col(c: Change) -> str:
    if c.subject == "view":
        return "View"
    if c.kind == "retyped" or (c.old_type and c.type and c.old_type != c.type and c.kind != "removed"):
        return f"{c.old_type} → {c.type}"
    return c.type or ""


def _id_col(c: Change) -> str:
    if c.old_id and c.old_id != c.id:
        return f"{c.old_id} → {c.id}"
    return c.id


def _label_col(c: Change, lang: str, d: Optional[ModelDiff] = None) -> str:
    """The name in ``lang``; for a relationship ``source name —Type→ target name`` (and
    its own name in parentheses, if it has one)."""
    if c.subject == "relationship":
        def end(x: Optional[str]) -> str:
            return d.label(x, lang) if d is not None and x is not None else str(x)

        ends = f"{end(c.source)} —{c.type}→ {end(c.target)}"
        name = c.name.get(lang) or c.name.get("en" if lang == "vi" else "vi") or c.name.get("untagged")
        return f"{ends} ({name})" if name else ends
    return c.label(lang)


def _tag(c: Change) -> str:
    """``(K)`` or ``(I)`` for a change resting only on such facts, else empty."""
    return f"({c.confidence})" if c.weak else ""


def _split(seq) -> tuple[list[Change], list[Change]]:
    arch: list[Change] = []
    prov: list[Change] = []
    for c in seq:
        (prov if c.provenance_only else arch).append(c)
    return arch, prov


# --------------------------------------------------------------------- text
def format_name_status(d: ModelDiff, lang: str = "vi", details: bool = True, provenance: bool = True) -> str:
    """The changes as git ``--name-status`` lines (with field details unless ``details`` is false).

    Architecture changes first (elements, relationships, views), then the metadata, then
    — unless ``provenance`` is false — the provenance-only changes.
    """
    lines: list[str] = []

    def change_lines(c: Change) -> None:
        cols = [_status(c), term_safe(_type_col(c)), term_safe(_id_col(c)), term_safe(_label_col(c, lang, d))]
        if c.weak:
            cols.append(_tag(c))
        lines.append("\t".join(cols))
        if details:
            if c.kind == "renamed" and c.match:
                how = c.match + (f", score {c.score:.2f}" if c.score is not None else "")
                lines.append(f"    matched by {how}")
            if c.replaced_by:
                lines.append(f"    replaced by {term_safe(', '.join(c.replaced_by))}")
            lines.extend(f"    {term_safe(format_field_change(fc))}" for fc in c.fields)

    later: list[Change] = []
    for seq in (d.elements, d.relationships, d.views):
        arch, prov = _split(seq)
        for c in arch:
            change_lines(c)
        later += prov
    for fc in d.metadata:
        if details:
            lines.append("\t".join(("M", "Metadata", term_safe(fc.field),
                                     term_safe(format_field_change(fc)[len(fc.field) + 2:]))))
        else:
            lines.append("\t".join(("M", "Metadata", term_safe(fc.field))))
    if provenance:
        for c in later:
            change_lines(c)
    return "\n".join(lines)


def _counted(n_elements: int, n_relationships: int, words: str = "en") -> str:
    tr = translator(words)
    ne, nr = n_elements, n_relationships
    return ", ".join(([tr("{n} element" if ne == 1 else "{n} elements").format(n=ne)] if ne else [])
                     + ([tr("{n} relationship" if nr == 1 else "{n} relationships").format(n=nr)] if nr else []))


def _prov_counts(d: ModelDiff) -> dict:
    """``{"elements": n, "relationships": n}``: the provenance-only changes."""
    return {"elements": sum(1 for c in d.elements if c.provenance_only),
            "relationships": sum(1 for c in d.relationships if c.provenance_only)}


_KIND_WORDS = {"added": N_("added"), "removed": N_("removed"), "modified": N_("modified"),
               "renamed": N_("renamed"), "retyped": N_("retyped")}


_COUNT_ROWS = {"elements": N_("elements"), "relationships": N_("relationships"), "views": N_("views")}
_BY = (("by_layer", N_("layer"), N_("By layer")), ("by_element_type", N_("element type"), N_("By element type")),
       ("by_relationship_type", N_("relationship type"), N_("By relationship type")))
_BY_CAPTION = {"by_layer": N_("Architecture changes by layer"),
               "by_element_type": N_("Architecture changes by element type"),
               "by_relationship_type": N_("Architecture changes by relationship type")}
_SUBJECTS = ((N_("Elements"), "elements", N_("element changes")),
             (N_("Relationships"), "relationships", N_("relationship changes")),
             (N_("Views"), "views", N_("view changes")))
_ARCH_CAPTION = {"elements": N_("Element changes (architecture)"),
                 "relationships": N_("Relationship changes (architecture)"),
                 "views": N_("View changes (architecture)")}
_PROV_SUBJECTS = ((N_("Elements"), "elements", N_("provenance-only element changes"),
                   N_("Provenance-only element changes")),
                  (N_("Relationships"), "relationships", N_("provenance-only relationship changes"),
                   N_("Provenance-only relationship changes")))
_CHANGE_COLS_MD = (N_("status"), N_("type"), N_("id"), N_("name"), N_("confidence"), N_("changes"))
_CHANGE_COLS_HTML = (N_("status"), N_("type"), N_("name"), N_("id"), N_("confidence"), N_("changes"))
_HTML_NOTE = N_("The counts are of architecture changes; provenance-only changes (only "
                "<code>sources</code>/<code>confidence</code> differ) are counted apart. Status: A added, "
                "D removed, M modified, R renamed (with the similarity score), T retyped. Confidence: V verified, "
                "V2 weak source, K background knowledge, I illustrative; K and I are highlighted: the change "
                "rests on an old or new fact that no source confirms.")


def format_shortstat(d: ModelDiff, lang: str = "en") -> str:
    """One line of totals, ``--shortstat`` style, architecture changes first, then the
    provenance-only ones; ``no differences`` when empty; in ``lang`` (``en`` or ``vi``)."""
    t = translator(lang)
    s = d.architecture().summary()
    parts = []
    for subject in ("elements", "relationships", "views"):
        counts = s[subject]
        total = sum(counts.values())
        if total:
            detail = ", ".join(f"{v} {t(_KIND_WORDS.get(k, k))}" for k, v in counts.items() if v)
            if subject == "elements":
                text = t("{n} element changed ({detail})" if total == 1 else "{n} elements changed ({detail})")
            elif subject == "relationships":
                text = t("{n} relationship changed ({detail})" if total == 1
                         else "{n} relationships changed ({detail})")
            else:
                text = t("{n} view changed ({detail})" if total == 1 else "{n} views changed ({detail})")
            parts.append(text.format(n=total, detail=detail))
    if s["metadata"]:
        n = s["metadata"]
        parts.append(t("{n} metadata field changed" if n == 1 else "{n} metadata fields changed").format(n=n))
    prov = _prov_counts(d)
    if prov["elements"] or prov["relationships"]:
        parts.append(t("provenance only: {counts}").format(counts=_counted(prov["elements"], prov["relationships"],
                                                                              lang)))
    return "; ".join(parts) if parts else t("no differences")


def _weak_line(d: ModelDiff, words: str = "en") -> str:
    """``marked (K)/(I) ...: ...`` (empty when no change is marked), in ``words``."""
    tr = translator(words)
    parts = []
    for subject, seq in (("element", d.elements), ("relationship", d.relationships)):
        tags = {t: sum(1 for c in seq if c.confidence == t) for t in ("K", "I")}
        n = sum(tags.values())
        if n:
            if subject == "element":
                counted = tr("{n} element" if n == 1 else "{n} elements").format(n=n)
            else:
                counted = tr("{n} relationship" if n == 1 else "{n} relationships").format(n=n)
            parts.append(f"{counted} (" + ", ".join(f"{v} {t}" for t, v in tags.items() if v) + ")")
    return tr("marked (K)/(I), the old or new fact is background knowledge or illustrative only: {counts}").format(
        counts=", ".join(parts)) if parts else ""


def _table(rows: list[tuple[str, dict]], first: str, words: str = "en") -> list[str]:
    t = translator(words)
    rows = [(term_safe(t(label) if label in _COUNT_ROWS else label), counts) for label, counts in rows]
    first = t(first)
    width = max([len(first)] + [len(r[0]) for r in rows]) + 2
    head = first.ljust(width) + "".join(t(_KIND_WORDS[k]).rjust(10) for k in _KINDS) + t("total").rjust(10)
    out = [head]
    for label, counts in rows:
        total = sum(counts.get(k, 0) for k in _KINDS)
        out.append(label.ljust(width) + "".join(str(counts.get(k, 0)).rjust(10) for k in _KINDS) + str(total).rjust(10))
    return out


def format_stat(d: ModelDiff, words: str = "en") -> str:
    """Counts per change kind of the architecture changes: per subject, per layer, per element
    type and relationship type; the provenance-only and K/I counts; then the totals line;
    eaframe's words in ``words`` (``en`` or ``vi``)."""
    t = translator(words)
    if not d:
        return format_shortstat(d, words)
    s = d.architecture().summary()
    lines = _table([(k, s[k]) for k in ("elements", "relationships", "views")], N_("concepts"), words)
    for key, first, _ in _BY:
        if s[key]:
            lines.append("")
            lines += _table(list(s[key].items()), first, words)
    if s["metadata"]:
        lines.append("")
        n = s["metadata"]
        lines.append(t("metadata: {n} field changed" if n == 1 else "metadata: {n} fields changed").format(n=n))
    prov = _prov_counts(d)
    weak = _weak_line(d, words)
    if prov["elements"] or prov["relationships"] or weak:
        lines.append("")
    if prov["elements"] or prov["relationships"]:
        lines.append(t("provenance only (sources, confidence; not in the tables above): {counts} modified").format(
            counts=_counted(prov["elements"], prov["relationships"], words)))
    if weak:
        lines.append(weak)
    lines.append("")
    lines.append(format_shortstat(d, words))
    return "\n".join(lines)


def _heading(d: ModelDiff, lang: str, words: str = "en") -> str:
    t = translator(words)

    def label(info: dict) -> str:
        title = info.get("title", {})
        text = title.get(lang) or title.get("en") or title.get("vi") or t("(untitled)")
        if info.get("framework_version"):
            text += " " + t("(framework {version})").format(version=info["framework_version"])
        return text

    return f"{label(d.old_info)} → {label(d.new_info)}"


def to_text(d: ModelDiff, lang: str = "vi", provenance: bool = False, words: str = "en") -> str:
    """Heading, name-status lines with field details, and the summary.

    The provenance-only changes are counted after the architecture changes and the
    metadata; with ``provenance`` they are listed there too. Names are in ``lang``;
    eaframe's own words in ``words`` (``en`` or ``vi``); the name-status lines keep their
    status letters and columns in every language.
    """
    t = translator(words)
    parts = [f"diff {term_safe(_heading(d, lang, words))}"]
    body = format_name_status(d.architecture(), lang=lang)
    if body:
        parts.append(body)
    prov = d.provenance()
    if prov:
        head = t("provenance only (sources, confidence): {counts} modified").format(
            counts=_counted(len(prov.elements), len(prov.relationships), words))
        if provenance:
            parts.append(head + "\n" + format_name_status(prov, lang=lang))
        else:
            parts.append(head + " " + t("(not listed; --provenance lists them)"))
    parts.append(format_stat(d, words))
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------- JSON
def _fc_dict(fc: FieldChange) -> dict:
    return {"field": fc.field, "path": list(fc.path), "old": fc.old, "new": fc.new}


def _change_dict(c: Change, d: Optional[ModelDiff] = None) -> dict:
    out: dict[str, Any] = {"status": c.status, "kind": c.kind, "id": c.id, "old_id": c.old_id}
    if c.subject != "view":
        out["type"] = c.type
        out["old_type"] = c.old_type
    if c.subject == "element":
        out["layer"] = c.layer
        out["replaced_by"] = list(c.replaced_by)
    if c.subject == "relationship":
        out["source"] = c.source
        out["target"] = c.target
        if d is not None:
            out["source_name"] = dict(d.names.get(c.source, {})) if c.source is not None else {}
            out["target_name"] = dict(d.names.get(c.target, {})) if c.target is not None else {}
    out["name"] = dict(c.name)
    out["match"] = c.match
    out["score"] = c.score
    out["changes"] = [_fc_dict(fc) for fc in c.fields]
    if c.subject != "view":
        out["confidence"] = c.confidence
        out["provenance_only"] = c.provenance_only
    return out


def to_dict(d: ModelDiff) -> dict:
    """The diff as JSON-ready data following :data:`JSON_SCHEMA`."""
    return {
        "schema": SCHEMA_NAME,
        "version": SCHEMA_VERSION,
        "old": d.old_info,
        "new": d.new_info,
        "options": {"detect_renames": d.detect_renames, "threshold": d.threshold},
        "summary": d.summary(),
        "elements": [_change_dict(c) for c in d.elements],
        "relationships": [_change_dict(c, d) for c in d.relationships],
        "views": [_change_dict(c) for c in d.views],
        "metadata": [_fc_dict(fc) for fc in d.metadata],
    }


def to_json(d: ModelDiff, indent: Optional[int] = 2) -> str:
    """The diff as JSON text (UTF-8, diacritics kept), ending with a newline."""
    return json.dumps(to_dict(d), ensure_ascii=False, indent=indent) + "\n"


_NAME = {"type": "object", "additionalProperties": {"type": "string"}}
_FIELD_CHANGE = {
    "type": "object",
    "required": ["field", "path", "old", "new"],
    "additionalProperties": False,
    "properties": {
        "field": {"type": "string", "description": "Path as text, e.g. name.vi or properties.code."},
        "path": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "old": {"description": "Old value (null: not set)."},
        "new": {"description": "New value (null: not set)."},
    },
}
_KIND_COUNTS = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}


def _change_schema(subject: str) -> dict:
    props: dict[str, Any] = {
        "status": {"enum": list(CHANGE_KINDS.values())},
        "kind": {"enum": list(CHANGE_KINDS)},
        "id": {"type": "string"},
        "old_id": {"type": ["string", "null"]},
        "name": _NAME,
        "match": {"enum": [None, "replaces", "similarity", "endpoints"]},
        "score": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
        "changes": {"type": "array", "items": _FIELD_CHANGE},
    }
    if subject != "view":
        props["type"] = {"type": "string"}
        props["old_type"] = {"type": ["string", "null"]}
    if subject == "element":
        props["layer"] = {"type": "string"}
        props["replaced_by"] = {"type": "array", "items": {"type": "string"},
                                "description": "Removed element: new elements declaring they replace it."}
    if subject == "relationship":
        props["source"] = {"type": "string"}
        props["target"] = {"type": "string"}
    required = list(props)
    # keys added compatibly within version 1 (optional, so that older documents stay valid)
    if subject == "relationship":
        props["source_name"] = dict(_NAME, description="Name of the source by language (empty if unknown).")
        props["target_name"] = dict(_NAME, description="Name of the target by language (empty if unknown).")
    if subject != "view":
        props["confidence"] = {"enum": [None, "V", "V2", "K", "I"],
                               "description": "Weakest confidence of the old and new concept (null: not set)."}
        props["provenance_only"] = {"type": "boolean",
                                    "description": "Modified, and only sources/confidence changed."}
    return {"type": "object", "required": required, "additionalProperties": False, "properties": props}


#: JSON Schema (draft 2020-12) of :func:`to_json` output, ``version`` 1.
JSON_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "eaframe model diff",
    "type": "object",
    "required": ["schema", "version", "old", "new", "options", "summary", "elements", "relationships", "views",
                 "metadata"],
    "additionalProperties": False,
    "properties": {
        "schema": {"const": SCHEMA_NAME},
        "version": {"const": SCHEMA_VERSION},
        "old": {"type": "object", "description": "Title (by language), framework_version, province of the old model."},
        "new": {"type": "object", "description": "The same for the new model."},
        "options": {
            "type": "object",
            "required": ["detect_renames", "threshold"],
            "properties": {"detect_renames": {"type": "boolean"}, "threshold": {"type": ["number", "null"]}},
        },
        "summary": {
            "type": "object",
            "required": ["elements", "relationships", "views", "metadata", "by_layer", "by_element_type",
                         "by_relationship_type"],
            "properties": {
                "elements": _KIND_COUNTS,
                "relationships": _KIND_COUNTS,
                "views": _KIND_COUNTS,
                "metadata": {"type": "integer", "minimum": 0},
                "by_layer": {"type": "object", "additionalProperties": _KIND_COUNTS},
                "by_element_type": {"type": "object", "additionalProperties": _KIND_COUNTS},
                "by_relationship_type": {"type": "object", "additionalProperties": _KIND_COUNTS},
                "provenance_only": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0},
                                    "description": "Modified elements/relationships whose only changes are "
                                                   "sources/confidence (included in the counts above)."},
                "by_confidence": {"type": "object", "additionalProperties": _KIND_COUNTS,
                                  "description": "Changes per confidence tag they rest on (V, V2, K, I)."},
            },
        },
        "elements": {"type": "array", "items": _change_schema("element")},
        "relationships": {"type": "array", "items": _change_schema("relationship")},
        "views": {"type": "array", "items": _change_schema("view")},
        "metadata": {"type": "array", "items": _FIELD_CHANGE},
    },
}


# --------------------------------------------------------------------- Markdown
def _limit(limit: Optional[int]) -> Optional[int]:
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be 0 (no limit) or more, not {limit}")
    return limit or None


def _more(n: int, what: str, words: str = "en") -> str:
    """``… and N more WHAT`` (``what`` already in ``words``)."""
    return translator(words)("… and {n} more {what}").format(n=n, what=what)


def _md_counts_table(rows: list[tuple[str, dict]], first: str, extra: Optional[dict] = None,
                     words: str = "en") -> list[str]:
    t = translator(words)
    head = (f"| {t(first)} | " + " | ".join(t(_KIND_WORDS[k]) for k in _KINDS) + f" | {t('total')} |"
            + (f" {t('provenance-only')} |" if extra is not None else ""))
    out = [head, "|---|" + "---:|" * (len(_KINDS) + 1 + (extra is not None))]
    for label, counts in rows:
        total = sum(counts.get(k, 0) for k in _KINDS)
        tail = f" {extra.get(label, 0)} |" if extra is not None else ""
        out.append(f"| {md_escape(t(label) if label in _COUNT_ROWS else label)} | "
                   + " | ".join(str(counts.get(k, 0)) for k in _KINDS)
                   + f" | {total} |" + tail)
    return out


def _confidence_cell(c: Change, words: str = "en") -> str:
    if c.confidence is None:
        return ""
    word = translator(words)(_CONFIDENCE_WORDS[c.confidence]) if c.confidence in _CONFIDENCE_WORDS else ""
    return f"{c.confidence} ({word})" if c.weak else c.confidence


def _md_changes(seq: list[Change], lang: str, d: ModelDiff, limit: Optional[int], what: str,
                words: str = "en") -> list[str]:
    t = translator(words)
    out = ["| " + " | ".join(t(h) for h in _CHANGE_COLS_MD) + " |", "|---|---|---|---|---|---|"]
    for c in seq[:limit]:
        cell = "<br>".join(md_code(x) for x in _details(c, words))
        out.append(f"| {_status(c)} | {md_escape(_type_col(c))} | {md_code(_id_col(c))} | "
                   f"{md_escape(_label_col(c, lang, d))} | {md_escape(_confidence_cell(c, words))} | {cell} |")
    if limit is not None and len(seq) > limit:
        out += ["", f"*{_more(len(seq) - limit, what, words)}*"]
    return out


def to_markdown(d: ModelDiff, lang: str = "vi", level: int = 1, provenance: bool = False,
                limit: Optional[int] = DEFAULT_LIMIT, words: str = "en") -> str:
    """A Markdown report: summary tables, then the architecture changes by subject, the
    metadata, and the provenance-only changes (counted; listed with ``provenance``).

    ``level`` is the level of the top heading (sub-sections go one deeper). Each table
    lists at most ``limit`` changes (``None`` or 0: all), then ``… and N more``. Names are
    in ``lang``; eaframe's own words (headings, column heads, notes) in ``words``
    (``en`` or ``vi``).
    """
    t = translator(words)
    limit = _limit(limit)
    h = "#" * level
    arch = d.architecture()
    s = arch.summary()
    prov = _prov_counts(d)
    out = [f"{h} {md_escape(t('Diff: {heading}').format(heading=_heading(d, lang, words)))}", "",
           f"**{md_escape(format_shortstat(d, words))}**", ""]
    out += _md_counts_table([(k, s[k]) for k in ("elements", "relationships", "views")], N_("concepts"), prov, words)
    out += ["", t("Counts of architecture changes; provenance-only changes (only `sources`/`confidence` "
                  "differ) are counted apart. Confidence K (background knowledge) or I (illustrative): "
                  "the change rests on an old or new fact that no source confirms.")]
    weak = _weak_line(d, words)
    if weak:
        out += ["", md_escape(weak[0].upper() + weak[1:]) + "."]
    for key, first, title in _BY:
        if s[key]:
            out += ["", f"{h}# {t(title)}", ""] + _md_counts_table(list(s[key].items()), first, words=words)
    for title, seq, what in _SUBJECTS:
        if seq is not None and getattr(arch, seq):
            out += ["", f"{h}# {t(title)}", ""] + _md_changes(list(getattr(arch, seq)), lang, d, limit, t(what),
                                                              words)
    if d.metadata:
        out += ["", f"{h}# {t('Metadata')}", "", f"| {t('field')} | {t('old')} | {t('new')} |", "|---|---|---|"]
        for fc in d.metadata[:limit]:
            out.append(f"| {md_code(fc.field)} | {md_escape(format_value(fc.old))} | {md_escape(format_value(fc.new))} |")
        if limit is not None and len(d.metadata) > limit:
            out += ["", f"*{_more(len(d.metadata) - limit, t('metadata fields'), words)}*"]
    if prov["elements"] or prov["relationships"]:
        out += ["", f"{h}# {t('Provenance-only changes')}", "",
                (t("{counts} modified in `sources`/`confidence` only.") if provenance
                 else t("{counts} modified in `sources`/`confidence` only (not listed; `--provenance` lists them)."))
                .format(counts=_counted(prov["elements"], prov["relationships"], words))]
        if provenance:
            p = d.provenance()
            for title, seq, what, _ in _PROV_SUBJECTS:
                if getattr(p, seq):
                    out += ["", f"{h}## {t(title)}", ""] + _md_changes(list(getattr(p, seq)), lang, d, limit,
                                                                       t(what), words)
    return "\n".join(out) + "\n"


def _details(c, words: str = "en") -> list[str]:
    """The detail lines of a change in the Markdown and HTML tables: how it was matched, what replaced it, fields."""
    t = translator(words)
    items = []
    if c.kind == "renamed" and c.match:
        items.append(t("matched by {how}").format(how=c.match) + (f" ({c.score:.2f})" if c.score is not None else ""))
    if c.replaced_by:
        items.append(t("replaced by") + " " + ", ".join(c.replaced_by))
    return items + [format_field_change(fc) for fc in c.fields]


# --------------------------------------------------------------------- HTML
#: The colours of the HTML report, as (text, background) pairs; each pair has a WCAG
#: contrast ratio of at least 4.5:1 (level AA for normal text; a test checks it). Added,
#: removed, modified and renamed take the shared status colours of :mod:`eaframe._html`.
PALETTE: dict[str, tuple[str, str]] = {
    "body": COLOURS["body"],
    "head": COLOURS["head"],
    "muted": COLOURS["muted"],
    "A": COLOURS["ok"],
    "D": COLOURS["fail"],
    "M": COLOURS["warning"],
    "R": COLOURS["info"],
    "T": ("#3f1466", "#eee2fa"),
    "weak": ("#5c2e00", "#ffe3c4"),
}
_BORDER = BORDER


def _css() -> str:
    rules = base_css(".eaframe-diff", status=False)
    for key in (*CHANGE_KINDS.values(), "weak"):
        kfg, kbg = PALETTE[key]
        rules.append(f".eaframe-diff .st-{key} {{color: {kfg}; background: {kbg}}}")
    return "\n".join(rules)


def _e(text: Any) -> str:
    """HTML-escaped text without control characters."""
    return html.escape(term_safe(text))


def _html_counts_table(rows: list[tuple[str, dict]], first: str, caption: str, extra: Optional[dict] = None,
                       words: str = "en") -> str:
    e = _e
    t = translator(words)
    cols = [f'<th scope="col">{e(t(first))}</th>'] + [f'<th scope="col" class="num">{e(t(_KIND_WORDS.get(k, k)))}</th>'
                                                       for k in (*_KINDS, "total")]
    if extra is not None:
        cols.append(f'<th scope="col" class="num">{e(t("provenance-only"))}</th>')
    body = []
    for label, counts in rows:
        total = sum(counts.get(k, 0) for k in _KINDS)
        cells = "".join(f'<td class="num">{counts.get(k, 0)}</td>' for k in _KINDS)
        tail = f'<td class="num">{extra.get(label, 0)}</td>' if extra is not None else ""
        shown = t(label) if label in _COUNT_ROWS else label
        body.append(f'<tr><th scope="row">{e(shown)}</th>{cells}<td class="num">{total}</td>{tail}</tr>')
    return (f"<table><caption>{e(caption)}</caption><thead><tr>{''.join(cols)}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def _html_changes(seq: list[Change], lang: str, d: ModelDiff, limit: Optional[int], caption: str,
                  what: str, words: str = "en") -> str:
    e = _e
    t = translator(words)
    rows = []
    for c in seq[:limit]:
        detail = "<br>".join(f"<code>{e(x)}</code>" for x in _details(c, words))
        if c.subject == "view":
            conf = f'<td class="note">{e(t("n/a"))}</td>'
        elif c.confidence is None:
            conf = f'<td class="note">{e(t("not set"))}</td>'
        else:
            word = e(t(_CONFIDENCE_WORDS[c.confidence])) if c.confidence in _CONFIDENCE_WORDS else ""
            conf = (f'<td class="st-weak">{e(c.confidence)} {word}</td>' if c.weak
                    else f"<td>{e(c.confidence)} {word}</td>")
        rows.append(f'<tr><td class="st-{c.status}">{e(_status(c))} {e(t(_KIND_WORDS.get(c.kind, c.kind)))}</td>'
                    f"<td>{e(_type_col(c))}</td>"
                    f"<td>{e(_label_col(c, lang, d))}</td><td><code>{e(_id_col(c))}</code></td>"
                    f"{conf}<td>{detail}</td></tr>")
    more = (f'<p class="more">{e(_more(len(seq) - limit, what, words))} '
            f'{e(t("(limit {n} rows)").format(n=limit))}</p>'
            if limit is not None and len(seq) > limit else "")
    head = "".join(f'<th scope="col">{e(t(h))}</th>' for h in _CHANGE_COLS_HTML)
    return (f"<table><caption>{e(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{more}")


def to_html(d: ModelDiff, lang: str = "vi", limit: Optional[int] = DEFAULT_LIMIT, document: bool = False,
            provenance: bool = False, words: str = "en") -> str:
    """The diff as HTML: summary tables, then one section per subject in ``<details>``.

    Everything from the model is escaped and there are no scripts. Architecture changes
    come first; the provenance-only changes are counted and listed in a section that is
    closed until opened (open with ``provenance``). Each table lists at most ``limit``
    rows (``None`` or 0: all), then ``… and N more``. With ``document``, a complete HTML
    document (doctype, charset, ``lang``, title, embedded CSS); otherwise a fragment
    (``<div class="eaframe-diff">`` with its own ``<style>``) for notebooks. Names are in
    ``lang``; eaframe's own words (headings, captions, notes) in ``words`` (``en`` or ``vi``).
    """
    limit = _limit(limit)
    e = _e
    t = translator(words)
    arch = d.architecture()
    s = arch.summary()
    prov = _prov_counts(d)
    heading = t("Diff: {heading}").format(heading=_heading(d, lang, words))
    h = "h1" if document else "h2"  # a complete document has its one h1
    parts = [f"<{h}>{e(heading)}</{h}>", f"<p><strong>{e(format_shortstat(d, words))}</strong></p>",
             _html_counts_table([(k, s[k]) for k in ("elements", "relationships", "views")], N_("concepts"),
                                t("Architecture changes per concept"), prov, words)]
    parts.append(f'<p class="note">{t(_HTML_NOTE)}</p>')
    weak = _weak_line(d, words)
    if weak:
        parts.append(f'<p class="note">{e(weak[0].upper() + weak[1:])}.</p>')
    for key, first, title in _BY:
        if s[key]:
            parts.append(f"<details><summary>{e(t(title))}</summary>"
                         + _html_counts_table(list(s[key].items()), first, t(_BY_CAPTION[key]), words=words)
                         + "</details>")
    for title, seq_name, what in _SUBJECTS:
        seq = getattr(arch, seq_name)
        if seq:
            n = len(seq)
            parts.append(f"<details open><summary>{e(t(title))}: "
                         f"{e(t('{n} change' if n == 1 else '{n} changes').format(n=n))}</summary>"
                         + _html_changes(list(seq), lang, d, limit, t(_ARCH_CAPTION[seq_name]), t(what), words)
                         + "</details>")
    if d.metadata:
        rows = "".join(f'<tr><th scope="row"><code>{e(fc.field)}</code></th><td>{e(format_value(fc.old))}</td>'
                       f"<td>{e(format_value(fc.new))}</td></tr>" for fc in d.metadata[:limit])
        more = (f'<p class="more">{e(_more(len(d.metadata) - limit, t("metadata fields"), words))} '
                f'{e(t("(limit {n} rows)").format(n=limit))}</p>'
                if limit is not None and len(d.metadata) > limit else "")
        n = len(d.metadata)
        parts.append(f"<details open><summary>{e(t('Metadata'))}: "
                     f"{e(t('{n} field' if n == 1 else '{n} fields').format(n=n))}</summary>"
                     f"<table><caption>{e(t('Metadata changes'))}</caption><thead><tr>"
                     f'<th scope="col">{e(t("field"))}</th><th scope="col">{e(t("old"))}</th>'
                     f'<th scope="col">{e(t("new"))}</th></tr></thead><tbody>{rows}</tbody></table>'
                     f"{more}</details>")
    if prov["elements"] or prov["relationships"]:
        p = d.provenance()
        inner = []
        for _, seq_name, what, caption in _PROV_SUBJECTS:
            seq = getattr(p, seq_name)
            if seq:
                inner.append(_html_changes(list(seq), lang, d, limit, t(caption), t(what), words))
        summary = t("Provenance-only changes: {counts} (only sources/confidence differ; open to list)").format(
            counts=_counted(prov["elements"], prov["relationships"], words))
        parts.append(f"<details{' open' if provenance else ''}><summary>{e(summary)}</summary>"
                     f"{''.join(inner)}</details>")
    body = "\n".join(parts)
    if not document:
        return fragment("eaframe-diff", _css(), body)
    return html_document(heading, body, lang=words, css=_css(), cls="eaframe-diff")
