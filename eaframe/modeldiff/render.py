"""Renderers of a :class:`~eaframe.modeldiff.model.ModelDiff`: text, JSON, Markdown, HTML.

All renderers read the diff only and keep its order (layer, type, id), so the same diff
always renders to the same bytes.

- :func:`format_name_status` — one line per change, git ``--name-status`` style:
  ``STATUS<TAB>TYPE<TAB>ID<TAB>NAME``, status ``A``/``D``/``M``/``T`` or ``R`` with
  the similarity score in percent (``R087``); with ``details``, each changed field
  follows on an indented line ``field: old → new``.
- :func:`format_stat` — the ``--stat``-like summary: counts per change kind for
  elements, relationships and views, per layer and per element type, and a last
  one-line total in the ``--shortstat`` style.
- :func:`to_text` — both of the above.
- :func:`to_dict` / :func:`to_json` — the stable JSON schema :data:`JSON_SCHEMA`
  (``"schema": "eaframe.diff"``, ``"version": 1``).
- :func:`to_markdown` and :func:`to_html` — reports with tables (HTML for notebooks:
  ``ModelDiff._repr_html_``).

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

from .._text import md_code, md_escape, term_safe
from .model import CHANGE_KINDS, Change, FieldChange, ModelDiff

__all__ = [
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

_MAX_VALUE = 200
_KINDS = tuple(CHANGE_KINDS)


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


def _label_col(c: Change, lang: str) -> str:
    if c.subject == "relationship":
        ends = f"{c.source} → {c.target}"
        name = c.name.get(lang) or c.name.get("en" if lang == "vi" else "vi")
        return f"{ends} ({name})" if name else ends
    return c.label(lang)


# --------------------------------------------------------------------- text
def format_name_status(d: ModelDiff, lang: str = "vi", details: bool = True) -> str:
    """The changes as git ``--name-status`` lines (with field details unless ``details`` is false)."""
    lines = []
    for seq in (d.elements, d.relationships, d.views):
        for c in seq:
            lines.append("\t".join((_status(c), term_safe(_type_col(c)), term_safe(_id_col(c)),
                                     term_safe(_label_col(c, lang)))))
            if details:
                if c.kind == "renamed" and c.match:
                    how = c.match + (f", score {c.score:.2f}" if c.score is not None else "")
                    lines.append(f"    matched by {how}")
                if c.replaced_by:
                    lines.append(f"    replaced by {term_safe(', '.join(c.replaced_by))}")
                lines.extend(f"    {term_safe(format_field_change(fc))}" for fc in c.fields)
    for fc in d.metadata:
        if details:
            lines.append("\t".join(("M", "Metadata", term_safe(fc.field),
                                     term_safe(format_field_change(fc)[len(fc.field) + 2:]))))
        else:
            lines.append("\t".join(("M", "Metadata", term_safe(fc.field))))
    return "\n".join(lines)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def format_shortstat(d: ModelDiff) -> str:
    """One line of totals, ``--shortstat`` style; ``no differences`` when empty."""
    s = d.summary()
    parts = []
    for subject, word in (("elements", "element"), ("relationships", "relationship"), ("views", "view")):
        counts = s[subject]
        total = sum(counts.values())
        if total:
            detail = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
            parts.append(f"{_plural(total, word)} changed ({detail})")
    if s["metadata"]:
        parts.append(f"{_plural(s['metadata'], 'metadata field')} changed")
    return "; ".join(parts) if parts else "no differences"


def _table(rows: list[tuple[str, dict]], first: str) -> list[str]:
    rows = [(term_safe(label), counts) for label, counts in rows]
    width = max([len(first)] + [len(r[0]) for r in rows]) + 2
    head = first.ljust(width) + "".join(k.rjust(10) for k in _KINDS) + "     total"
    out = [head]
    for label, counts in rows:
        total = sum(counts.get(k, 0) for k in _KINDS)
        out.append(label.ljust(width) + "".join(str(counts.get(k, 0)).rjust(10) for k in _KINDS) + str(total).rjust(10))
    return out


def format_stat(d: ModelDiff) -> str:
    """Counts per change kind: per subject, per layer, per element type and relationship type, then the totals line."""
    if not d:
        return format_shortstat(d)
    s = d.summary()
    lines = _table([(k, s[k]) for k in ("elements", "relationships", "views")], "concepts")
    if s["by_layer"]:
        lines.append("")
        lines += _table(list(s["by_layer"].items()), "layer")
    if s["by_element_type"]:
        lines.append("")
        lines += _table(list(s["by_element_type"].items()), "element type")
    if s["by_relationship_type"]:
        lines.append("")
        lines += _table(list(s["by_relationship_type"].items()), "relationship type")
    if s["metadata"]:
        lines.append("")
        lines.append(f"metadata: {_plural(s['metadata'], 'field')} changed")
    lines.append("")
    lines.append(format_shortstat(d))
    return "\n".join(lines)


def _heading(d: ModelDiff, lang: str) -> str:
    def label(info: dict) -> str:
        title = info.get("title", {})
        text = title.get(lang) or title.get("en") or title.get("vi") or "(untitled)"
        if info.get("framework_version"):
            text += f" (framework {info['framework_version']})"
        return text

    return f"{label(d.old_info)} → {label(d.new_info)}"


def to_text(d: ModelDiff, lang: str = "vi") -> str:
    """Heading, name-status lines with field details, and the summary."""
    parts = [f"diff {term_safe(_heading(d, lang))}"]
    body = format_name_status(d, lang=lang)
    if body:
        parts.append(body)
    parts.append(format_stat(d))
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------- JSON
def _fc_dict(fc: FieldChange) -> dict:
    return {"field": fc.field, "path": list(fc.path), "old": fc.old, "new": fc.new}


def _change_dict(c: Change) -> dict:
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
    out["name"] = dict(c.name)
    out["match"] = c.match
    out["score"] = c.score
    out["changes"] = [_fc_dict(fc) for fc in c.fields]
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
        "relationships": [_change_dict(c) for c in d.relationships],
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
    return {"type": "object", "required": list(props), "additionalProperties": False, "properties": props}


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
            },
        },
        "elements": {"type": "array", "items": _change_schema("element")},
        "relationships": {"type": "array", "items": _change_schema("relationship")},
        "views": {"type": "array", "items": _change_schema("view")},
        "metadata": {"type": "array", "items": _FIELD_CHANGE},
    },
}


# --------------------------------------------------------------------- Markdown
def _md_counts_table(rows: list[tuple[str, dict]], first: str) -> list[str]:
    out = [f"| {first} | " + " | ".join(_KINDS) + " | total |", "|---|" + "---:|" * (len(_KINDS) + 1)]
    for label, counts in rows:
        total = sum(counts.get(k, 0) for k in _KINDS)
        out.append(f"| {md_escape(label)} | " + " | ".join(str(counts.get(k, 0)) for k in _KINDS) + f" | {total} |")
    return out


def to_markdown(d: ModelDiff, lang: str = "vi", level: int = 1) -> str:
    """A Markdown report: summary tables, then the changes by subject and kind.

    ``level`` is the level of the top heading (sub-sections go one deeper).
    """
    h = "#" * level
    s = d.summary()
    out = [f"{h} Diff: {md_escape(_heading(d, lang))}", "", f"**{md_escape(format_shortstat(d))}**", ""]
    out += _md_counts_table([(k, s[k]) for k in ("elements", "relationships", "views")], "concepts")
    if s["by_layer"]:
        out += ["", f"{h}# By layer", ""] + _md_counts_table(list(s["by_layer"].items()), "layer")
    if s["by_element_type"]:
        out += ["", f"{h}# By element type", ""] + _md_counts_table(list(s["by_element_type"].items()), "element type")
    if s["by_relationship_type"]:
        out += ["", f"{h}# By relationship type", ""] + _md_counts_table(list(s["by_relationship_type"].items()),
                                                                       "relationship type")
    for title, seq in (("Elements", d.elements), ("Relationships", d.relationships), ("Views", d.views)):
        if not seq:
            continue
        out += ["", f"{h}# {title}", ""]
        out += ["| status | type | id | name | changes |", "|---|---|---|---|---|"]
        for c in seq:
            cell = "<br>".join(md_code(x) for x in _details(c))
            out.append(f"| {_status(c)} | {md_escape(_type_col(c))} | {md_code(_id_col(c))} | {md_escape(_label_col(c, lang))} | {cell} |")
    if d.metadata:
        out += ["", f"{h}# Metadata", "", "| field | old | new |", "|---|---|---|"]
        for fc in d.metadata:
            out.append(f"| {md_code(fc.field)} | {md_escape(format_value(fc.old))} | {md_escape(format_value(fc.new))} |")
    return "\n".join(out) + "\n"


def _details(c) -> list[str]:
    """The detail lines of a change in the Markdown and HTML tables: how it was matched, what replaced it, fields."""
    items = []
    if c.kind == "renamed" and c.match:
        items.append(f"matched by {c.match}" + (f" ({c.score:.2f})" if c.score is not None else ""))
    if c.replaced_by:
        items.append(f"replaced by {', '.join(c.replaced_by)}")
    return items + [format_field_change(fc) for fc in c.fields]


# --------------------------------------------------------------------- HTML
_COLOURS = {"A": "#e6ffed", "D": "#ffeef0", "M": "#fff5d6", "R": "#e8f0ff", "T": "#f3e8ff"}


def _e(text: Any) -> str:
    """HTML-escaped text without control characters."""
    return html.escape(term_safe(text))


def _html_counts_table(rows: list[tuple[str, dict]], first: str) -> str:
    e = _e
    head = "".join(f"<th>{e(k)}</th>" for k in (first, *_KINDS, "total"))
    body = []
    for label, counts in rows:
        total = sum(counts.get(k, 0) for k in _KINDS)
        cells = "".join(f'<td style="text-align:right">{counts.get(k, 0)}</td>' for k in _KINDS)
        body.append(f"<tr><td>{e(label)}</td>{cells}<td style=\"text-align:right\">{total}</td></tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def to_html(d: ModelDiff, lang: str = "vi") -> str:
    """An HTML fragment (no scripts, everything escaped): summary and change tables."""
    e = _e
    s = d.summary()
    parts = [f'<div class="eaframe-diff"><h3>Diff: {e(_heading(d, lang))}</h3>',
             f"<p><strong>{e(format_shortstat(d))}</strong></p>",
             _html_counts_table([(k, s[k]) for k in ("elements", "relationships", "views")], "concepts")]
    if s["by_layer"]:
        parts.append("<h4>By layer</h4>" + _html_counts_table(list(s["by_layer"].items()), "layer"))
    for title, seq in (("Elements", d.elements), ("Relationships", d.relationships), ("Views", d.views)):
        if not seq:
            continue
        rows = []
        for c in seq:
            detail = "<br>".join(f"<code>{e(x)}</code>" for x in _details(c))
            colour = _COLOURS[c.status]
            rows.append(f'<tr style="background:{colour}"><td><b>{e(_status(c))}</b></td><td>{e(_type_col(c))}</td>'
                        f"<td><code>{e(_id_col(c))}</code></td><td>{e(_label_col(c, lang))}</td><td>{detail}</td></tr>")
        parts.append(f"<h4>{title}</h4><table><thead><tr><th>status</th><th>type</th><th>id</th><th>name</th>"
                     f"<th>changes</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
    if d.metadata:
        rows = "".join(f"<tr><td><code>{e(fc.field)}</code></td><td>{e(format_value(fc.old))}</td>"
                       f"<td>{e(format_value(fc.new))}</td></tr>" for fc in d.metadata)
        parts.append("<h4>Metadata</h4><table><thead><tr><th>field</th><th>old</th><th>new</th></tr></thead>"
                     f"<tbody>{rows}</tbody></table>")
    parts.append("</div>")
    return "\n".join(parts) + "\n"
