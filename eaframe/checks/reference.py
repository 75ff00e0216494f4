"""Generated documentation of the check rules (the rule reference of ``docs/checks.md``).

``scripts/gen_docs.py`` writes :func:`rules_reference` between the
``<!-- generated:checks-rules -->`` markers of ``docs/checks.md``; its ``--check`` mode
(run by the test suite) fails when the document is out of date with the registry.

Examples
--------
>>> text = rules_reference()
>>> "#### EGOV-R4" in text and "Decision 274/QĐ-TTg" in text
True
"""

from __future__ import annotations

from .engine import rules

__all__ = ["rules_reference"]

_APPLIES = {
    "any": "every model",
    "province": "province models (not framework models)",
    "realising": "models whose `metadata.realises` names a framework model",
}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def rules_reference() -> str:
    """Markdown: a summary table of every registered rule, then one section per rule."""
    all_rules = rules()
    out = ["| id | severity | frameworks | title |", "| --- | --- | --- | --- |"]
    for r in all_rules:
        out.append(f"| [{r.id}](#{r.id.lower()}) | {r.severity} | {', '.join(r.frameworks)} | {_cell(r.title)} |")
    category = None
    for r in all_rules:
        if r.category != category:
            category = r.category
            out += ["", f"### {category.capitalize()} rules"]
        doc = (r.check.__doc__ or "").strip().split("\n\n")[0]
        out += [
            "",
            f"#### {r.id}",
            "",
            f"**{_cell(r.title)}**",
            "",
            f"- Severity: `{r.severity}`",
            f"- Framework versions: {', '.join(r.frameworks)}",
            f"- Applies to: {_APPLIES[r.models]}",
            f"- Checks: {_cell(doc)}" if doc else "- Checks: see the rationale",
            f"- Rationale: {_cell(r.rationale)}",
            f"- Basis: {_cell(r.basis)}",
        ]
    return "\n".join(out) + "\n"
