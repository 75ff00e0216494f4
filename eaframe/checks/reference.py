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

__all__ = ["rules_reference", "dongnai_example"]

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


def _value(i) -> str:
    return "n/a" if i.value is None else f"{i.value:.1f} % ({i.numerator:,}/{i.denominator:,})"


def _met(i) -> str:
    return {True: "met", False: "**not met**", None: "–"}[i.met]


def dongnai_example() -> str:
    """Markdown: the checks and the scorecard of the bundled Đồng Nai 2019 and 2020 models.

    ``dongnai-2019`` (framework v1.0) is checked against the v2.0 rules (``--framework
    2.0``), so that its findings are the gaps the 2019–2020 programme was to close.
    """
    from ..bundled import load_model
    from .engine import run_checks

    before = run_checks(load_model("dongnai-2019"), framework="2.0", scorecard=True)
    after = run_checks(load_model("dongnai-2020"), scorecard=True)
    assert before.scorecard is not None and after.scorecard is not None  # requested above
    out = ["Commands: `eaframe check dongnai-2019 --framework 2.0 --scorecard` and "
           "`eaframe check dongnai-2020 --scorecard`.", ""]
    for label, rep in (("dongnai-2019 (checked against the v2.0 rules)", before), ("dongnai-2020", after)):
        c = rep.counts()
        out += [f"**{label}**: {c['error']} errors, {c['warning']} warnings, {c['info']} info.", ""]
        if rep.findings:
            out += ["| rule | elements | missing hop(s) |", "| --- | --- | --- |"]
            for f in rep.findings:
                hops = "; ".join(f"`{e.source}` —{e.type}→ `{e.target}`" for e in f.missing) or "–"
                out.append(f"| {f.rule} | {', '.join(f'`{x}`' for x in f.elements)} | {hops} |")
            out.append("")
    closed = sorted({(f.rule, f.elements) for f in before.findings} - {(f.rule, f.elements) for f in after.findings})
    out += [f"Closed by the programme (in 2019, not in 2020): {len(closed)} findings — "
            + ", ".join(f"{r} {'/'.join(e)}" for r, e in closed) + ". (Conformance findings, EGOV-C*, compare "
            "each model with the framework it realises: v1.0 for 2019, v2.0 for 2020.)", ""]
    out += ["| indicator | target | 2019 | | 2020 | |", "| --- | --- | --- | --- | --- | --- |"]
    for b, a in zip(before.scorecard.indicators, after.scorecard.indicators, strict=True):
        t = "–" if a.target is None else f"{a.target.comparison} {a.target.value:g} {a.target.unit}"
        out.append(f"| `{a.key}` | {t} | {_value(b)} | {_met(b)} | {_value(a)} | {_met(a)} |")
    out.append("")
    out.append("The elements behind each 2020 number (`elements`; `shortfall` = counted in the denominator only):")
    out.append("")
    for a in after.scorecard.indicators:
        short = f"; shortfall: {', '.join(a.shortfall)}" if a.shortfall else ""
        out.append(f"- `{a.key}`: {', '.join(a.elements) or '(none)'}{short}")
    bud = after.scorecard.budget
    out.append("")
    for p in bud.programmes:
        out.append(f"Budget `{p.element}` ({p.unit}): total {p.total:,} = investment {p.investment:,} + operating "
                   f"{p.operating:,}.")
    for mode, items in bud.items.items():
        out.append(f"Procurement `{mode}`: {', '.join(items)} ({bud.priced.get(mode, 0)} with a budget).")
    return "\n".join(out) + "\n"
