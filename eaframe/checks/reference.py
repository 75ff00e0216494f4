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

from datetime import date

from .engine import rules

__all__ = ["rules_reference", "rules_periods", "dongnai_example"]

_APPLIES = {
    "any": "every model",
    "province": "province models (not framework models)",
    "realising": "models whose `metadata.realises` names a framework model",
}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _d(d) -> str:
    return d.strftime("%d/%m/%Y") if d else "–"


def rules_periods() -> str:
    """Markdown: the rule × period table (which rules are in force in which period).

    The periods are cut at every date on which a rule comes into force or stops; rules
    in force on every date (hygiene) are left out of the table.
    """
    dated = [r for r in rules() if r.since is not None or r.until is not None]
    cuts = sorted({d for r in dated for d in (r.since, r.until) if d is not None})
    cols = list(zip(cuts, [*cuts[1:], None], strict=True))
    head = "| rule | " + " | ".join(f"{_d(a)} –" + (f" {_d(b)}" if b else "") for a, b in cols) + " |"
    out = [head, "| --- |" + " :-: |" * len(cols)]
    for r in dated:
        cells = ["✓" if r.in_force(a) else "" for a, _ in cols]
        out.append(f"| [{r.id}](#{r.id.lower()}) | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def rules_reference() -> str:
    """Markdown: a summary table of every registered rule, the rule × period table, then one
    section per rule with its legal bases."""
    all_rules = rules()
    out = ["| id | severity | frameworks | in force | title |", "| --- | --- | --- | --- | --- |"]
    for r in all_rules:
        period = _period(r)
        out.append(f"| [{r.id}](#{r.id.lower()}) | {r.severity} | {', '.join(r.frameworks)} | {period} | "
                   f"{_cell(r.title)} |")
    out += ["", "Rules by period (✓ = in force; a period runs from its first day up to, not including, the next "
            "period's first day; the hygiene rules H1–H7 apply on every date):", "", rules_periods().rstrip("\n")]
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
            f"- In force: {_period(r)}",
            "- Legal basis (instrument, article, period of the instrument, what it requires, confidence of that "
            "reading):",
        ]
        out += [f"  - {_cell(b.summary())}" for b in r.legal]
    return "\n".join(out) + "\n"


def _period(r) -> str:
    if r.since is None and r.until is None:
        return "every date"
    text = f"from {_d(r.since)}" if r.since else "always"
    if r.until:
        text += f" until {_d(r.until)}" + (f", replaced by {r.replaced_by}" if r.replaced_by else "")
    return text


def _key(rule_id: str) -> tuple:
    head = rule_id.rstrip("0123456789")
    return (head, int(rule_id[len(head):] or -1))


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
    out.append("")
    y20 = run_checks(load_model("dongnai-2020"), as_of=date(2020, 12, 31))
    y26 = run_checks(load_model("dongnai-2020"), as_of=date(2026, 12, 1))
    ran20, ran26 = {r.id for r in y20.rules}, {r.id for r in y26.rules}
    c26 = y26.counts()
    out += ["The same 2020 architecture checked on two dates (`eaframe check dongnai-2020 --as-of 2020-12-31` and "
            "`--as-of 2026-12-01`):", "",
            f"- 31/12/2020 (the model's own date, `metadata.as_of`): {len(y20.rules)} rules; not yet in force: "
            + ", ".join(f"{rid}" for rid, _ in y20.not_applicable) + ".",
            f"- 01/12/2026: {len(y26.rules)} rules; added: {', '.join(sorted(ran26 - ran20, key=_key))}; "
            f"no longer in force: " + "; ".join(f"{rid} ({why})" for rid, why in y26.not_applicable) + ". "
            f"Findings: {c26['error']} errors, {c26['warning']} warnings ("
            + ", ".join(sorted({f.rule for f in y26.findings}, key=_key)) + ").",
            "- Instruments applied on 31/12/2020 but not on 01/12/2026: "
            + "; ".join(i.name for i in y20.instruments if i not in y26.instruments) + ".",
            "- Instruments applied on 01/12/2026 but not on 31/12/2020: "
            + "; ".join(i.name for i in y26.instruments if i not in y20.instruments) + "."]
    bud = after.scorecard.budget
    out.append("")
    for p in bud.programmes:
        out.append(f"Budget `{p.element}` ({p.unit}): total {p.total:,} = investment {p.investment:,} + operating "
                   f"{p.operating:,}.")
    for mode, items in bud.items.items():
        out.append(f"Procurement `{mode}`: {', '.join(items)} ({bud.priced.get(mode, 0)} with a budget).")
    return "\n".join(out) + "\n"
