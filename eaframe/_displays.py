"""Short HTML and text displays of models, concepts, findings, scorecards and check reports.

Private module behind the ``_repr_html_``/``_repr_pretty_`` methods of
:class:`~eaframe.model.ArchitectureModel`, elements and relationships,
:class:`~eaframe.checks.Finding`, :class:`~eaframe.checks.scorecard.Scorecard` and
:class:`~eaframe.checks.scorecard.Indicator`, and of
:meth:`eaframe.checks.CheckReport.to_html` (notebook fragment or complete document).
Everything taken from a model is escaped; the HTML has no scripts. The cards share the
CSS of :mod:`eaframe._html` under the class ``eaframe``.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, Optional

from ._html import BORDER, COLOURS, base_css, document, esc, fragment, mark
from .i18n import N_, localize, translator

if TYPE_CHECKING:
    from .checks.registry import Finding
    from .checks.report import CheckReport
    from .checks.scorecard import Indicator, Scorecard
    from .model import ArchitectureModel

__all__ = ["css", "model_html", "model_text", "concept_html", "concept_text", "finding_html", "finding_text",
           "scorecard_html", "scorecard_text", "indicator_html", "indicator_text", "report_html"]

#: The colour class of each severity (the word is always written beside the colour).
SEVERITY_CLASS = {"error": "c-fail", "warning": "c-warning", "info": "c-info"}
#: Longest text (characters) of a text display.
TEXT_LIMIT = 100


def css() -> str:
    """The CSS of the cards and of the check report."""
    mfg, _ = COLOURS["muted"]
    return "\n".join(base_css(".eaframe") + [
        f".eaframe .card {{display: inline-block; border: 1px solid {BORDER}; padding: 0.3em 0.8em}}",
        f".eaframe .sub {{color: {mfg}}}",
        ".eaframe h2, .eaframe h3 {margin: 0.3em 0}",
    ])


def _frag(body: str) -> str:
    return fragment("eaframe", css(), body)


def _short(text: str, limit: int = TEXT_LIMIT) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _row(label: str, value: str) -> str:
    return f'<tr><th scope="row">{esc(label)}</th><td>{value}</td></tr>'


def _table(caption: str, rows: list[str], head: Optional[list[str]] = None) -> str:
    thead = ("<thead><tr>" + "".join(f'<th scope="col">{esc(h)}</th>' for h in head) + "</tr></thead>"
             if head else "")
    return f"<table><caption>{esc(caption)}</caption>{thead}<tbody>{''.join(rows)}</tbody></table>"


# --------------------------------------------------------------------- model
def model_text(m: ArchitectureModel) -> str:
    title = m.metadata.title.get("en", fallback=True) or "model"
    return (f"<ArchitectureModel {_short(title, 60)!r}: {len(m.elements)} elements, "
            f"{len(m.relationships)} relationships, {len(m.views)} views>")


def model_html(m: ArchitectureModel) -> str:
    """The summary card: title, version, counts by layer, sources, confidence."""
    md = m.metadata
    titles = [t for t in (md.title.get("vi"), md.title.get("en"), md.title.untagged) if t]
    head = esc(titles[0] if titles else "(untitled model)")
    sub = f'<div class="sub">{esc(titles[1])}</div>' if len(titles) > 1 and titles[1] != titles[0] else ""
    facts = []
    if md.framework_version:
        facts.append(_row("framework version", esc(md.framework_version)))
    if md.province is not None:
        facts.append(_row("province", esc(md.province.get("vi", fallback=True) or "")))
    if md.realises:
        facts.append(_row("realises", f"<code>{esc(md.realises)}</code>"))
    if md.as_of:
        facts.append(_row("as of", esc(md.as_of.isoformat())))
    facts.append(_row("elements", str(len(m.elements))))
    facts.append(_row("relationships", str(len(m.relationships))))
    facts.append(_row("views", str(len(m.views))))
    facts.append(_row("sources", str(len(md.sources))))
    layers = Counter(e.layer.value for e in m.elements)
    layer_rows = [f'<tr><th scope="row">{esc(k)}</th><td class="num">{n}</td></tr>' for k, n in layers.most_common()]
    conf = Counter((c.confidence.value if c.confidence is not None else "not set") for c in m.concepts())
    conf_rows = [f'<tr><th scope="row">{esc(k)}</th><td class="num">{conf[k]}</td></tr>'
                 for k in ("V", "V2", "K", "I", "not set") if conf.get(k)]
    body = (f'<div class="card"><h3>{head}</h3>{sub}'
            + _table("Model", facts)
            + _table("Elements by layer", layer_rows, ["layer", "elements"])
            + _table("Confidence of elements and relationships", conf_rows, ["confidence", "concepts"])
            + '<p class="note">Draw it: <code>eaframe.render(m)</code> (layered view), '
              "<code>eaframe.render(m, kind=\"interconnection\")</code>.</p></div>")
    return _frag(body)


# --------------------------------------------------------------------- concepts
def concept_text(c: Any) -> str:
    label = _short(c.label("vi"), 50)
    if c.kind == "relationship":
        return f"<{c.type} {c.id}: {c.source} → {c.target}" + (f" {label!r}>" if label != c.id else ">")
    return f"<{c.type} {c.id} {label!r}>"


def concept_html(c: Any) -> str:
    rows = [_row("id", f"<code>{esc(c.id)}</code>")]
    for lang in ("vi", "en"):
        name = c.name.get(lang)
        if name:
            rows.append(_row(f"name ({lang})", esc(name)))
    if c.name.untagged:
        rows.append(_row("name", esc(c.name.untagged)))
    if c.kind == "relationship":
        rows.append(_row("source", f"<code>{esc(c.source)}</code>"))
        rows.append(_row("target", f"<code>{esc(c.target)}</code>"))
    else:
        rows.append(_row("layer", esc(c.layer.value)))
    if c.sources:
        rows.append(_row("sources", esc(", ".join(c.sources))))
    rows.append(_row("confidence", esc(c.confidence.value if c.confidence is not None else "not set")))
    return _frag(f'<div class="card">{_table(f"{c.type} {c.id}", rows)}</div>')


# --------------------------------------------------------------------- findings
def _subject(f: Finding) -> str:
    return f.elements[0] if f.elements else (f.relationships[0] if f.relationships else f.view or "")


def finding_text(f: Finding, lang: Optional[str] = None) -> str:
    """One short line; the message in ``lang`` (``None``: as made, English)."""
    subject = _subject(f)
    return _short(f"<Finding {f.rule} {f.severity}" + (f" {subject}" if subject else "") + f": {f.text(lang)}>")


def _severity(sev: str, lang: str = "en") -> str:
    from .checks.registry import severity_word

    return f'<span class="{SEVERITY_CLASS.get(sev, "")}">{esc(severity_word(sev, lang))}</span>'


def finding_html(f: Finding, lang: str = "en") -> str:
    """The card of a finding, in ``lang``."""
    t = translator(lang)
    rows = [_row(t("rule"), esc(f.rule)), _row(t("severity"), _severity(f.severity, lang)),
            _row(t("message"), esc(f.text(lang)))]
    if f.elements:
        rows.append(_row(t("elements"), esc(", ".join(f.elements))))
    if f.relationships:
        rows.append(_row(t("relationships"), esc(", ".join(f.relationships))))
    if f.view:
        rows.append(_row(t("view"), esc(f.view)))
    if f.fix:
        rows.append(_row(t("fix"), esc(f.fix_text(lang))))
    return _frag(f'<div class="card">{_table(t("Finding {rule}").format(rule=f.rule), rows)}</div>')


def _findings_table(findings: tuple, limit: Optional[int], lang: str = "en") -> str:
    t = translator(lang)
    shown = findings if limit is None else findings[:limit]
    rows = [f"<tr><td>{_severity(f.severity, lang)}</td><td>{esc(f.rule)}</td><td><code>{esc(_subject(f))}</code></td>"
            f"<td>{esc(f.text(lang))}</td><td>{esc(f.fix_text(lang))}</td></tr>" for f in shown]
    more = (f'<p class="more">{esc(t("… and {n} more findings").format(n=len(findings) - len(shown)))}</p>'
            if len(shown) < len(findings) else "")
    return _table(t("Findings ({n})").format(n=len(findings)), rows,
                  [t("severity"), t("rule"), t("subject"), t("message"), t("fix")]) + more


# --------------------------------------------------------------------- scorecard
def _value(i: Indicator, lang: str = "en") -> str:
    return translator(lang)("n/a") if i.value is None else f"{i.value:.1f} %"


def _target(i: Indicator, lang: str = "en") -> str:
    if i.target is None:
        return translator(lang)("(no target)")
    return f"{i.target.comparison} {i.target.value:g} {i.target.unit}"


def indicator_text(i: Indicator) -> str:
    met = {True: "met", False: "NOT MET", None: "no target"}[i.met]
    return _short(f"<Indicator {i.key}: {_value(i)} ({i.numerator}/{i.denominator}), target {_target(i)}, {met}>")


def _indicator_row(i: Indicator, lang: str = "en") -> str:
    t = translator(lang)
    short = ", ".join(i.shortfall[:8]) + (t(" and {n} more").format(n=len(i.shortfall) - 8)
                                          if len(i.shortfall) > 8 else "")
    return (f'<tr><th scope="row">{esc(i.title_in(lang))}</th><td class="num">{_value(i, lang)}</td>'
            f'<td class="num">{i.numerator}/{i.denominator}</td><td>{esc(_target(i, lang))}</td>'
            f"<td>{mark(i.met, lang)}</td><td>{esc(short)}</td></tr>")


_SC_HEAD = [N_("indicator"), N_("value"), N_("count"), N_("target"), N_("met"), N_("short of target")]


def _sc_head(lang: str) -> list[str]:
    t = translator(lang)
    return [t(h) for h in _SC_HEAD]


def indicator_html(i: Indicator, lang: str = "en") -> str:
    """The card of an indicator, in ``lang``."""
    return _frag(_table(translator(lang)("Indicator {key}").format(key=i.key), [_indicator_row(i, lang)],
                        _sc_head(lang)))


def scorecard_text(s: Scorecard) -> str:
    c = Counter(i.met for i in s.indicators)
    return (f"<Scorecard: {len(s.indicators)} indicators, {c[True]} met, {c[False]} not met, "
            f"{c[None]} without a target or value>")


def _scorecard_table(s: Scorecard, lang: str = "en") -> str:
    return _table(translator(lang)("Target scorecard"), [_indicator_row(i, lang) for i in s.indicators],
                  _sc_head(lang))


def scorecard_html(s: Scorecard, lang: str = "en") -> str:
    """The notebook table of a scorecard, in ``lang``."""
    return _frag(_scorecard_table(s, lang))


def _ids(ids: tuple[str, ...], word: str, lang: str = "en") -> str:
    """A closed list of element ids (``details``) under ``{n} word`` (a msgid), or ``none``, in ``lang``."""
    t = translator(lang)
    if not ids:
        return esc(t("none"))
    return (f"<details><summary>{esc(t(word).format(n=len(ids)))}</summary>"
            f"<code>{esc(', '.join(ids))}</code></details>")


def _scorecard_detail_table(s: Scorecard, lang: str = "en") -> str:
    """The scorecard of the check report: numerator / denominator, deadline and the elements behind each number."""
    t = translator(lang)
    rows = []
    for i in s.indicators:
        deadline = i.target.deadline.isoformat() if i.target is not None and i.target.deadline else "—"
        holder = f"<br>{esc(t('set by'))} <code>{esc(i.target_element)}</code>" if i.target_element else ""
        rows.append(f'<tr><th scope="row">{esc(i.title_in(lang))}<br><code>{esc(i.key)}</code></th>'
                    f'<td class="num">{_value(i, lang)}</td><td class="num">{i.numerator} / {i.denominator}</td>'
                    f"<td>{esc(_target(i, lang))}{holder}</td><td>{esc(deadline)}</td><td>{mark(i.met, lang)}</td>"
                    f"<td>{_ids(i.elements, N_('{n} counted'), lang)}</td>"
                    f"<td>{_ids(i.shortfall, N_('{n} short'), lang)}</td></tr>")
    return _table(t("Target scorecard"), rows,
                  [t("indicator"), t("value"), t("numerator / denominator"), t("target"), t("deadline"), t("met"),
                   t("elements counted (numerator)"), t("elements short of the target (denominator only)")])


def budget_html(m: ArchitectureModel, s: Optional[Scorecard] = None, heading: str = "h3", lang: str = "en") -> str:
    """The budget tables: per layer and unit, per element, and (from the scorecard) by procurement mode, in ``lang``."""
    from .checks.budget import budget_table
    from .checks.budget import format_amount as amount

    tr = translator(lang)
    t = budget_table(m)
    parts = [f"<{heading}>{esc(tr('Budget'))}</{heading}>"]
    if not t.items:
        parts.append(f"<p>{esc(tr('No element carries a budget.'))}</p>")
    else:
        def part(x, n: int, of: int) -> str:
            return amount(x) + ("" if n in (0, of) else tr(" ({n} of {of} give it)").format(n=n, of=of))

        rows = [f'<tr><th scope="row">{esc(b.layer)}</th><td class="num">{b.count}</td>'
                f'<td class="num">{amount(b.total)}</td><td class="num">{part(b.investment, b.with_investment, b.count)}'
                f'</td><td class="num">{part(b.operating, b.with_operating, b.count)}</td><td>{esc(tr(b.unit))}</td>'
                "</tr>" for b in t.by_layer]
        rows += [f'<tr><th scope="row">{esc(tr("all layers"))}</th><td class="num">'
                 f"{sum(b.count for b in t.by_layer if b.unit == unit)}</td>"
                 f'<td class="num">{amount(total)}</td><td></td><td></td><td>{esc(tr(unit))}</td></tr>'
                 for unit, total in t.totals().items()]
        parts.append(_table(tr("Budget per layer (sums of the element budgets, per unit)"), rows,
                            [tr("layer"), tr("elements"), tr("total"), tr("investment"), tr("operating"), tr("unit")]))
        rows = [f'<tr><th scope="row"><code>{esc(i.element)}</code> {esc(i.name.get(lang, fallback=True) or "")}'
                f'</th><td>{esc(i.type)}</td><td>{esc(i.layer)}</td><td class="num">{amount(i.total)}</td>'
                f'<td class="num">{amount(i.investment)}</td><td class="num">{amount(i.operating)}</td>'
                f"<td>{esc(tr(i.unit))}</td></tr>" for i in t.items]
        parts.append(_table(tr("Budget per element"), rows,
                            [tr("element"), tr("type"), tr("layer"), tr("total"), tr("investment"), tr("operating"),
                             tr("unit")]))
    if s is not None and s.budget.by_procurement:
        b = s.budget
        rows = [f'<tr><th scope="row">{esc(tr(mode))}</th><td class="num">{len(b.items.get(mode, ()))}</td>'
                f'<td class="num">{b.priced.get(mode, 0)}</td><td class="num">{amount(total)}</td>'
                f"<td>{esc(tr(b.unit))}</td></tr>" for mode, total in b.by_procurement.items()]
        parts.append(_table(tr("Procured items by procurement mode"), rows,
                            [tr("mode"), tr("items"), tr("items with a budget"), tr("amount"), tr("unit")]))
    return "\n".join(parts)


# --------------------------------------------------------------------- check report
def report_html(r: CheckReport, limit: Optional[int] = 200, document_: bool = False, lang: str = "en") -> str:
    """The check report: counts, the dates applied, findings, and the scorecard when computed, in ``lang``."""
    t = translator(lang)
    c = r.counts()
    title = t("eaframe check: {title}").format(title=r.title_in(lang))
    # a complete document has its one h1 (then h2); a notebook fragment sits under the notebook's headings
    h, sub = ("h1", "h2") if document_ else ("h2", "h3")
    parts = [f"<{h}>{esc(title)}</{h}>",
             "<p><strong>" + ", ".join(f"{_severity(s, lang)}: {c[s]}" for s in ("error", "warning", "info"))
             + "</strong> (" + esc(t("{n} rules run").format(n=len(r.rules)))
             + (esc(t(", {n} not applicable").format(n=len(r.not_applicable))) if r.not_applicable else "")
             + ")</p>"]
    extra = []
    if r.version:
        extra.append(t("framework {version}").format(version=r.version))
    if r.model.metadata.realises:
        extra.append(t("realises {model}").format(model=r.model.metadata.realises))
    if extra:
        parts.append(f'<p class="note">{esc("; ".join(extra))}</p>')
    as_of = r._as_of_line(lang)
    if as_of:
        parts.append(f'<p class="note">{esc(as_of)}</p>')
    dated = [(rid, why) for rid, why in r.not_applicable if why.startswith("not in force")]
    if dated:
        parts.append(_table(t("Rules not in force"), [f"<tr><td>{esc(rid)}</td><td>{esc(localize(why, lang))}</td></tr>"
                                                      for rid, why in dated], [t("rule"), t("why")]))
    parts.append(_findings_table(r.findings, limit, lang) if r.findings else f"<p>{esc(t('No findings.'))}</p>")
    if r.scorecard is not None:
        parts.append(_scorecard_detail_table(r.scorecard, lang))
        parts.append(budget_html(r.model, r.scorecard, heading=sub, lang=lang))
    body = "\n".join(parts)
    if document_:
        return document(title, body, lang=lang, css=css(), cls="eaframe")
    return _frag(body)
