"""A national roll-up: the checks and the target scorecard of many province models in one table.

:func:`rollup` checks each model (:func:`~eaframe.checks.run_checks` with the scorecard)
and keeps one :class:`RollupRow` per model: the counts of findings per severity and per
rule, and each scorecard indicator's value and whether its target is met. A model that
cannot be read or checked becomes a row that says why (``error``) instead of stopping
the roll-up. :class:`Rollup` adds the totals and writes the table as text, JSON (schema
``eaframe-check-rollup/1``), CSV and HTML. ``eaframe check A B C`` (or ``--summary``)
prints it.

Examples
--------
>>> from eaframe.synthetic import synthetic_model
>>> m = synthetic_model(40, seed=1)
>>> m.metadata.province = {"vi": "Tỉnh A", "en": "Province A"}
>>> r = rollup([m, "no-such-model.yaml"], select=["EGOV-H*"])
>>> [(row.label, row.failed) for row in r.rows]
[('Tỉnh A', False), ('no-such-model.yaml', True)]
>>> r.totals()["provinces"], r.totals()["failed"], r.ok
(2, 1, False)
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from .._html import COLOURS, base_css, fragment
from .._html import document as document_
from .._text import term_safe
from ..exceptions import EaframeError
from ..i18n import localize, translator
from .registry import SEVERITIES

if TYPE_CHECKING:
    from ..model import ArchitectureModel

__all__ = ["Rollup", "RollupRow", "IndicatorCell", "rollup", "province_row", "failed_row", "ROLLUP_SCHEMA_ID",
           "PALETTE"]

#: Value of the ``schema`` key of the JSON roll-up; bumped on incompatible changes.
ROLLUP_SCHEMA_ID = "eaframe-check-rollup/1"
_MODEL_SUFFIXES = (".yaml", ".yml", ".json", ".xml", ".csv")


@dataclass(frozen=True)
class IndicatorCell:
    """One scorecard indicator of one province: its value in % (``None`` without a
    denominator) and whether the model's target is met (``None`` without a value or a target)."""

    value: Optional[float]
    met: Optional[bool]


@dataclass(frozen=True)
class RollupRow:
    """One model of a roll-up.

    Attributes
    ----------
    label
        The province (``metadata.province``, Vietnamese first), else the model title,
        else the source.
    source
        The model file or bundled model name given (``None`` for a model object).
    name
        The report-site folder name: the file name without its model suffix
        (``dongnai-2020.yaml`` → ``dongnai-2020``), the bundled model name, else ``None``.
    error
        Why the model could not be read or checked (then every count is empty).
    counts
        Findings per severity (``error``, ``warning``, ``info``).
    by_rule
        Findings per rule id, for every rule that ran on this model (0 included).
    indicators
        Indicator key → :class:`IndicatorCell`, in :data:`~eaframe.checks.scorecard.INDICATORS` order.
    version, as_of
        Framework version the rules were selected for and the date whose rules were applied.
    not_applicable
        How many selected rules did not apply to this model.
    link
        The province's report site (``{report_base}/{name}/index.html``), when a base is given.
    """

    label: str
    source: Optional[str]
    name: Optional[str] = None
    error: Optional[str] = None
    counts: Mapping[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    by_rule: Mapping[str, int] = field(default_factory=dict)
    indicators: Mapping[str, IndicatorCell] = field(default_factory=dict)
    version: Optional[str] = None
    as_of: Optional[date] = None
    not_applicable: int = 0
    link: Optional[str] = None

    @property
    def failed(self) -> bool:
        """True when the model could not be read or checked."""
        return self.error is not None

    @property
    def ok(self) -> bool:
        """True when the model was checked and has no error-level finding."""
        return not self.failed and not self.counts.get("error", 0)

    def to_dict(self) -> dict:
        """JSON-ready data (an entry of ``provinces`` of the JSON roll-up)."""
        return {
            "label": self.label,
            "source": self.source,
            "name": self.name,
            "status": "failed" if self.failed else "checked",
            "error": self.error,
            "version": self.version,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "counts": dict(self.counts),
            "findings_by_rule": dict(self.by_rule),
            "not_applicable": self.not_applicable,
            "indicators": {k: {"value": None if c.value is None else round(c.value, 4), "met": c.met}
                           for k, c in self.indicators.items()},
            "report": self.link,
        }


def _name(source: Optional[str]) -> Optional[str]:
    if source is None or source == "-":
        return None
    path = Path(source)
    name = path.name
    if path.suffix.lower() in _MODEL_SUFFIXES and not path.is_dir():
        name = path.stem
    return name or None


def _link(base: Optional[str], name: Optional[str]) -> Optional[str]:
    if base is None or name is None:
        return None
    return f"{base.rstrip('/')}/{name}/index.html"


def _label(model: ArchitectureModel, source: Optional[str]) -> str:
    md = model.metadata
    for text in (md.province, md.title):
        if text is not None:
            value = text.get("vi", fallback=True)
            if value:
                return value
    return source or "model"


def province_row(model: ArchitectureModel, source: Optional[str] = None, *, as_of: Optional[date] = None,
                 framework: Optional[str] = None, select: Optional[Iterable[str]] = None,
                 skip: Optional[Iterable[str]] = None, min_severity: Optional[str] = None, framework_model=None,
                 report_base: Optional[str] = None) -> RollupRow:
    """Check one model (with the scorecard) and summarise it as a :class:`RollupRow`.

    The parameters are those of :func:`rollup`. A failure that the model causes (its
    ``metadata.realises`` names no framework model) becomes a row with ``error`` set.

    Raises
    ------
    UnknownRuleError
        When a ``select``/``skip`` pattern matches no rule.
    """
    from ..exceptions import UnknownModelError
    from .engine import run_checks

    label = _label(model, source)
    name = _name(source)
    try:
        report = run_checks(model, select=select, skip=skip, min_severity=min_severity,
                            framework_model=framework_model, framework=framework, scorecard=True,
                            source=source, as_of=as_of)
    except UnknownModelError as err:
        return RollupRow(label=label, source=source, name=name, error=str(err))
    by_rule = {r.id: 0 for r in report.rules}
    for f in report.findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    cells = {}
    if report.scorecard is not None:
        cells = {i.key: IndicatorCell(i.value, i.met) for i in report.scorecard.indicators}
    return RollupRow(label=label, source=source, name=name, counts=report.counts(), by_rule=by_rule,
                     indicators=cells, version=report.version, as_of=report.as_of,
                     not_applicable=len(report.not_applicable), link=_link(report_base, name))


def failed_row(source: str, error: Union[EaframeError, str]) -> RollupRow:
    """The row of a model that could not be read: ``error`` says why (and names the file);
    the text of an eaframe error renders in the language of the table (see :meth:`Rollup.to_text`)."""
    return RollupRow(label=source, source=source, name=_name(source), error=_ErrorText(error))


class _ErrorText(str):
    """The English text of an error (this ``str``), which renders itself in another language
    when the error can (``text(lang)`` of :class:`~eaframe.exceptions.ModelValidationError`
    and :class:`~eaframe.exceptions.ExchangeFormatError`)."""

    error: object

    def __new__(cls, error: object) -> _ErrorText:
        self = super().__new__(cls, str(error))
        self.error = error
        return self

    def in_lang(self, lang: str) -> str:
        render = getattr(self.error, "text", None)
        return render(lang) if render is not None else str.__str__(self)

    def __reduce__(self) -> tuple:
        return (str, (str.__str__(self),))


def rollup(models: Iterable[Union[ArchitectureModel, str, os.PathLike,
                                   tuple[str, Union[ArchitectureModel, EaframeError]]]], *, as_of: Optional[date] = None,
           framework: Optional[str] = None, select: Optional[Iterable[str]] = None,
           skip: Optional[Iterable[str]] = None, min_severity: Optional[str] = None, framework_model=None,
           report_base: Optional[str] = None) -> Rollup:
    """Check many province models and roll the results up into one table.

    Parameters
    ----------
    models
        Each an :class:`~eaframe.model.ArchitectureModel`; or a model file / bundled
        model name (read leniently; a file that cannot be read becomes a failed row
        saying why, and the roll-up goes on); or a ``(source, model)`` pair of a model
        read elsewhere, where the model may be the :class:`~eaframe.exceptions.EaframeError`
        that reading it raised (a failed row). Models are checked one at a time, so a
        generator keeps only one in memory.
    as_of
        Apply the rules in force on this date to every model (default: each model's
        ``metadata.as_of``, else today).
    framework
        Select the rules for this framework version for every model (default: each
        model's own).
    select, skip, min_severity
        As for :func:`~eaframe.checks.run_checks`.
    framework_model
        The framework model for the conformance rules of every model (default: the
        bundled model each model's ``metadata.realises`` names, loaded once per name).
    report_base
        Folder or URL holding one report site per province (``eaframe report MODEL -o
        BASE/NAME``): each row then links to ``BASE/NAME/index.html``.

    Raises
    ------
    UnknownRuleError
        When a ``select``/``skip`` pattern matches no rule (before any model is read).
    """
    from ..bundled import load_model
    from ..model import ArchitectureModel
    from .engine import _load_framework, resolve_rules

    if as_of is not None and not isinstance(as_of, date):
        raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
    select = list(select) if select is not None else None
    skip = list(skip) if skip is not None else None
    resolve_rules(select, skip)
    frameworks: dict[str, object] = {}
    rows = []
    for item in models:
        source: Optional[str] = None
        if isinstance(item, ArchitectureModel):
            model = item
        elif isinstance(item, tuple):
            source, loaded = item
            if isinstance(loaded, EaframeError):
                rows.append(failed_row(source, loaded))
                continue
            model = loaded
        else:
            source = os.fspath(item)
            try:
                model = load_model(source, strict=False)
            except EaframeError as err:
                rows.append(failed_row(source, err))
                continue
        fw = framework_model
        realises = model.metadata.realises
        if fw is None and realises:
            if realises not in frameworks:
                try:
                    frameworks[realises] = _load_framework(realises)
                except EaframeError as err:
                    frameworks[realises] = err
            fw = frameworks[realises]
            if isinstance(fw, EaframeError):
                rows.append(RollupRow(label=_label(model, source), source=source, name=_name(source),
                                      error=str(fw)))
                continue
        rows.append(province_row(model, source, as_of=as_of, framework=framework, select=select, skip=skip,
                                 min_severity=min_severity, framework_model=fw, report_base=report_base))
    return Rollup(rows=tuple(rows), as_of=as_of, framework=framework)


# ------------------------------------------------------------------ the table
#: The colours of the HTML roll-up, as (text, background) pairs; each pair has a WCAG
#: contrast ratio of at least 4.5:1 (level AA for normal text; a test checks it).
#: They are the shared colours of eaframe's HTML outputs (:mod:`eaframe._html`).
PALETTE: dict[str, tuple[str, str]] = {
    "body": COLOURS["body"],
    "head": COLOURS["head"],
    "muted": COLOURS["muted"],
    "met": COLOURS["ok"],
    "unmet": COLOURS["fail"],
    "failed": COLOURS["warning"],
    "link": (COLOURS["info"][0], COLOURS["body"][1]),
}
_MET_WORDS = {True: ("✔", "met"), False: ("✘", "not met")}


#: The shared status class (:func:`eaframe._html.base_css`) of each roll-up cell state.
_CLASS = {"met": "c-ok", "unmet": "c-fail", "failed": "c-warning"}


def _css() -> str:
    """The roll-up's CSS: the shared table CSS of :mod:`eaframe._html` under ``.eaframe-rollup``,
    plus the total row in the header colours and the links."""
    hfg, hbg = PALETTE["head"]
    lfg, lbg = PALETTE["link"]
    s = ".eaframe-rollup"
    return "\n".join(base_css(s) + [
        f"{s} tfoot th, {s} tfoot td {{color: {hfg}; background: {hbg}}}",
        f"{s} a {{color: {lfg}; background: {lbg}}}",
    ])


def _models(n: int, t=None) -> str:
    t = t or translator("en")
    return t("{n} model" if n == 1 else "{n} models").format(n=n)


def _pct(value: Optional[float]) -> str:
    return "n/a" if value is None else f"{value:.1f} %"


@dataclass(frozen=True)
class Rollup:
    """The rows of a roll-up (one per model, in the order given) and what they were checked with.

    Attributes
    ----------
    rows
        One :class:`RollupRow` per model.
    as_of, framework
        The date and framework version given for every model (``None``: each model's own).
    """

    rows: tuple[RollupRow, ...]
    as_of: Optional[date] = None
    framework: Optional[str] = None

    def __repr__(self) -> str:
        t = self.totals()
        c = t["counts"]
        return (f"<Rollup {_models(t['provinces'])} ({t['failed']} failed): {c['error']} errors, "
                f"{c['warning']} warnings, {c['info']} info>")

    @property
    def ok(self) -> bool:
        """True when every model was checked and none has an error-level finding (the CLI then exits 0)."""
        return all(r.ok for r in self.rows)

    def rule_ids(self) -> list[str]:
        """Every rule that ran on at least one model, in the order of :func:`~eaframe.checks.rules`."""
        from .engine import rules

        ran = {rid for r in self.rows for rid in r.by_rule}
        return [r.id for r in rules() if r.id in ran]

    def indicator_keys(self) -> list[str]:
        """Every indicator of the scorecard (:data:`~eaframe.checks.scorecard.INDICATORS` order)."""
        from .scorecard import INDICATORS

        return list(INDICATORS)

    def totals(self) -> dict:
        """Sums over the rows: models, failed models, findings per severity and per rule,
        and per indicator the number of provinces meeting its target, missing it, and
        without a target or value (``no_target``)."""
        counts = dict.fromkeys(SEVERITIES, 0)
        by_rule = dict.fromkeys(self.rule_ids(), 0)
        ind = {k: {"met": 0, "unmet": 0, "no_target": 0} for k in self.indicator_keys()}
        for r in self.rows:
            for s in SEVERITIES:
                counts[s] += r.counts.get(s, 0)
            for rid, n in r.by_rule.items():
                by_rule[rid] = by_rule.get(rid, 0) + n
            if r.failed:
                continue
            for k, c in r.indicators.items():
                slot = ind.setdefault(k, {"met": 0, "unmet": 0, "no_target": 0})
                slot["met" if c.met else "unmet" if c.met is False else "no_target"] += 1
        return {"provinces": len(self.rows), "failed": sum(1 for r in self.rows if r.failed),
                "with_errors": sum(1 for r in self.rows if not r.failed and r.counts.get("error", 0)),
                "counts": counts, "findings_by_rule": by_rule, "indicators": ind}

    # ------------------------------------------------------------------ JSON
    def to_dict(self) -> dict:
        """JSON-ready data: schema id, what was applied, the rules and indicators (columns), rows, totals."""
        return {
            "schema": ROLLUP_SCHEMA_ID,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "framework": self.framework,
            "rules": self.rule_ids(),
            "indicators": self.indicator_keys(),
            "provinces": [r.to_dict() for r in self.rows],
            "totals": self.totals(),
            "ok": self.ok,
        }

    def to_json(self, indent: Optional[int] = 2) -> str:
        """:meth:`to_dict` as JSON text (UTF-8 kept, newline at the end)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"

    # ------------------------------------------------------------------ CSV
    def to_csv(self) -> str:
        """One row per model, then a ``TOTAL`` row.

        Columns: ``province``, ``model``, ``status`` (``checked``/``failed``), ``error``,
        ``errors``, ``warnings``, ``info``, one column per rule id (findings; empty when
        the rule did not run on the model), and per indicator ``KEY value`` (in %) and
        ``KEY met`` (``yes``/``no``/empty); then ``report``. In the ``TOTAL`` row,
        ``KEY met`` holds the number of provinces meeting the target.
        """
        rids, keys = self.rule_ids(), self.indicator_keys()
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        header = ["province", "model", "status", "error", "errors", "warnings", "info", *rids]
        for k in keys:
            header += [f"{k} value", f"{k} met"]
        w.writerow([*header, "report"])
        for r in self.rows:
            cells: list[object] = [r.label, r.source or "", "failed" if r.failed else "checked", r.error or "",
                                   *(("", "", "") if r.failed else (r.counts.get(s, 0) for s in SEVERITIES))]
            cells += [r.by_rule.get(rid, "") for rid in rids]
            for k in keys:
                c = r.indicators.get(k)
                cells += ["" if c is None or c.value is None else round(c.value, 4),
                          "" if c is None or c.met is None else ("yes" if c.met else "no")]
            w.writerow([*cells, r.link or ""])
        t = self.totals()
        cells = ["TOTAL", f"{_models(t['provinces'])}", f"{t['failed']} failed", "",
                 *(t["counts"][s] for s in SEVERITIES), *(t["findings_by_rule"][rid] for rid in rids)]
        for k in keys:
            cells += ["", t["indicators"][k]["met"]]
        w.writerow([*cells, ""])
        return out.getvalue()

    # ------------------------------------------------------------------ text
    def _shown_rules(self) -> tuple[list[str], list[str]]:
        """Rules with at least one finding (shown as columns) and those without."""
        t = self.totals()["findings_by_rule"]
        rids = self.rule_ids()
        return [r for r in rids if t[r]], [r for r in rids if not t[r]]

    def _heading(self, lang: str = "en") -> list[str]:
        tr = translator(lang)
        t = self.totals()
        c = t["counts"]
        applied = (tr("as of {date}").format(date=self.as_of.isoformat()) if self.as_of
                   else tr("as of each model's date")) + (
            tr("; rules of framework {version}").format(version=self.framework) if self.framework
            else tr("; each model's framework rules"))
        return [tr("eaframe check roll-up: {models}, {failed} failed, {errors} with errors").format(
                    models=_models(t["provinces"], tr), failed=t["failed"], errors=t["with_errors"]),
                applied,
                tr("findings: {e} errors, {w} warnings, {i} info").format(e=c["error"], w=c["warning"], i=c["info"])]

    def to_text(self, lang: str = "en") -> str:
        """Two plain-text tables: findings (per severity and per rule with findings) and
        the scorecard (each indicator's value and ``met``/``NOT MET``), each with a total row;
        words in ``lang``."""
        tr = translator(lang)
        shown, quiet = self._shown_rules()
        t = self.totals()
        lines = self._heading(lang) + [""]

        def table(header: list[str], body: list[list[str]], foot: list[str]) -> None:
            rows = [header, *body, foot]
            widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
            for n, r in enumerate(rows):
                if n == len(rows) - 1:
                    lines.append("  ".join("-" * w for w in widths))
                lines.append("  ".join(cell.ljust(w) if i < 2 else cell.rjust(w)
                                       for i, (cell, w) in enumerate(zip(r, widths, strict=True))).rstrip())
            lines.append("")

        def lab(r: RollupRow) -> list[str]:
            return [term_safe(r.label), term_safe(r.source or "-")]

        body = []
        for r in self.rows:
            if r.failed:
                body.append([*lab(r), tr("FAILED"), "", "", *([""] * len(shown))])
            else:
                body.append([*lab(r), *(str(r.counts.get(s, 0)) for s in SEVERITIES),
                             *(str(r.by_rule[rid]) if rid in r.by_rule else "-" for rid in shown)])
        table([tr("province"), tr("model"), tr("errors"), tr("warnings"), tr("info"), *shown], body,
              [tr("TOTAL"), f"{_models(t['provinces'], tr)}", *(str(t["counts"][s]) for s in SEVERITIES),
               *(str(t["findings_by_rule"][rid]) for rid in shown)])
        if quiet:
            lines += [tr("rules run without findings: {rules}").format(rules=", ".join(quiet)), ""]
        keys = self.indicator_keys()
        lines.append(tr("Target scorecard (value; met / NOT MET / - without a target)"))
        met_words = {True: tr("met"), False: tr("NOT MET"), None: "-"}
        body = []
        for r in self.rows:
            if r.failed:
                body.append([*lab(r), *([tr("FAILED")] + [""] * (len(keys) - 1))])
                continue
            cells = []
            for k in keys:
                c = r.indicators.get(k)
                if c is None:
                    cells.append("")
                else:
                    cells.append(f"{_pct(c.value)} {met_words[c.met]}")
            body.append([*lab(r), *cells])
        table([tr("province"), tr("model"), *(f"[{n}]" for n in range(1, len(keys) + 1))], body,
              [tr("TOTAL met"), "", *(f"{t['indicators'][k]['met']}/{t['indicators'][k]['met'] + t['indicators'][k]['unmet']}"
                                  for k in keys)])
        lines += [f"  [{n}] {k}" for n, k in enumerate(keys, 1)]
        failed = [r for r in self.rows if r.failed]
        if failed:
            lines += ["", tr("Failed models")]
            for r in failed:
                lines.append(f"  {term_safe(r.source or r.label)}:")
                lines += [f"    {term_safe(x)}" for x in localize(r.error or "", lang).splitlines()]
        links = [r for r in self.rows if r.link]
        if links:
            lines += ["", tr("Reports")] + [f"  {term_safe(r.label)} ({term_safe(r.source or '-')}): "
                                        f"{term_safe(r.link or '')}" for r in links]
        return "\n".join(lines).rstrip("\n") + "\n"

    # ------------------------------------------------------------------ HTML
    def to_html(self, document: bool = True) -> str:
        """The roll-up as HTML tables (findings, scorecard), each with a caption, column and
        row headers (``scope``) and a total row; every ✔/✘ has its word beside it, and
        each province links to its report site when there is one. With ``document``, a
        complete HTML document (doctype, charset, ``lang``, title, embedded CSS);
        otherwise a ``<div class="eaframe-rollup">`` fragment with its own ``<style>``.
        Everything from the models is escaped; there are no scripts."""
        e = html.escape
        shown, quiet = self._shown_rules()
        keys = self.indicator_keys()
        t = self.totals()
        head = self._heading()
        parts = [f"<h1>{e(head[0])}</h1>", f"<p>{e(head[1])}. {e(head[2][0].upper() + head[2][1:])}.</p>"]

        failed = _CLASS["failed"]

        def province(r: RollupRow) -> str:
            name = e(term_safe(r.label))
            if r.link:
                name = f'<a href="{e(r.link)}">{name}</a>'
            return f'<th scope="row">{name}</th><td><code>{e(term_safe(r.source or "-"))}</code></td>'

        cols = "".join(f'<th scope="col" class="num">{e(h)}</th>' for h in ("errors", "warnings", "info", *shown))
        body = []
        for r in self.rows:
            if r.failed:
                body.append(f'<tr>{province(r)}<td class="{failed}" colspan="{3 + len(shown)}">failed: '
                            f"{e(term_safe(r.error or ''))}</td></tr>")
                continue
            cells = "".join(f'<td class="num">{r.counts.get(s, 0)}</td>' for s in SEVERITIES)
            cells += "".join(f'<td class="num">{r.by_rule[rid]}</td>' if rid in r.by_rule
                             else '<td class="num note">not run</td>' for rid in shown)
            body.append(f"<tr>{province(r)}{cells}</tr>")
        foot = "".join(f'<td class="num">{t["counts"][s]}</td>' for s in SEVERITIES)
        foot += "".join(f'<td class="num">{t["findings_by_rule"][rid]}</td>' for rid in shown)
        parts.append(f"<table><caption>Findings per province, by severity and rule</caption><thead><tr>"
                     f'<th scope="col">province</th><th scope="col">model</th>{cols}</tr></thead>'
                     f"<tbody>{''.join(body)}</tbody><tfoot><tr>"
                     f'<th scope="row">total</th><td>{_models(t["provinces"])}, {t["failed"]} failed</td>{foot}'
                     f"</tr></tfoot></table>")
        if quiet:
            parts.append(f'<p class="note">Rules run without findings: {e(", ".join(quiet))}.</p>')
        cols = "".join(f'<th scope="col">{e(k)}</th>' for k in keys)
        body = []
        for r in self.rows:
            if r.failed:
                body.append(f'<tr>{province(r)}<td class="{failed}" colspan="{len(keys)}">failed</td></tr>')
                continue
            tds: list[str] = []
            for k in keys:
                c = r.indicators.get(k)
                if c is None:
                    tds.append('<td class="note">not computed</td>')
                elif c.met is None:
                    tds.append(f'<td class="num note">{_pct(c.value)} (no target)</td>'
                               if c.value is not None else '<td class="note">n/a</td>')
                else:
                    mark, word = _MET_WORDS[c.met]
                    tds.append(f'<td class="num {_CLASS["met" if c.met else "unmet"]}">{mark} {word}: {_pct(c.value)}</td>')
            body.append(f"<tr>{province(r)}{''.join(tds)}</tr>")
        foot = "".join(f'<td class="num">{t["indicators"][k]["met"]} met, {t["indicators"][k]["unmet"]} not met</td>'
                       for k in keys)
        parts.append(f"<table><caption>Target scorecard per province (✔ met, ✘ not met)</caption><thead><tr>"
                     f'<th scope="col">province</th><th scope="col">model</th>{cols}</tr></thead>'
                     f"<tbody>{''.join(body)}</tbody><tfoot><tr>"
                     f'<th scope="row">total</th><td>{_models(t["provinces"])}</td>{foot}</tr></tfoot></table>')
        content = "\n".join(parts)
        if not document:
            return fragment("eaframe-rollup", _css(), content)
        return document_(head[0], content, lang="en", css=_css(), cls="eaframe-rollup")

    def _repr_html_(self) -> str:
        return self.to_html(document=False)
