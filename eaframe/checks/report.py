"""The result of a check run and its outputs: text, JSON, SARIF 2.1.0 and HTML.

The JSON document (``CheckReport.to_dict``) has a stable, versioned schema
(``"schema": "eaframe-check-report/1"``), documented in ``docs/checks.md``. SARIF
output follows OASIS SARIF 2.1.0: one run, the rules as ``tool.driver.rules``, one
result per finding with the element ids as logical locations and, when the model file
is known, the line of the first element's ``id:`` as the physical location.

Examples
--------
>>> from eaframe import ArchitectureModel
>>> from eaframe.checks import run_checks
>>> m = ArchitectureModel.build({"title": {"en": "t"}}, elements=[{"id": "a", "type": "Goal"}])
>>> import datetime
>>> r = run_checks(m, select=["EGOV-H2"], as_of=datetime.date(2026, 12, 1))
>>> print(r.to_text())
eaframe check: t
as of 2026-12-01 (given); instruments applied: eaframe modelling conventions
rules run: 1; findings: 0 errors, 1 warning, 0 info
<BLANKLINE>
WARNING (1)
  EGOV-H2  a: a takes part in no relationship
           fix: connect a to the elements it serves, uses or realises, or remove it
<BLANKLINE>
>>> r.to_sarif()["runs"][0]["results"][0]["level"]
'warning'
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from .._text import term_safe
from ..i18n import N_, check_lang, localize, translator
from ..modelfile import no_gc
from .registry import SEVERITIES, Finding, LegalInstrument, Rule

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from ..model import ArchitectureModel
    from .scorecard import Scorecard

__all__ = ["CheckReport", "JSON_SCHEMA_ID", "SARIF_SCHEMA_URI", "locate_ids"]

#: Value of the ``schema`` key of the JSON report; bumped on incompatible changes.
JSON_SCHEMA_ID = "eaframe-check-report/1"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_ID_LINE = re.compile(r"""^\s*(?:-\s*)?(?:\{\s*)?["']?id["']?\s*:\s*["']?([A-Za-z_][A-Za-z0-9_.\-]*)""")


def locate_ids(text: str) -> dict[str, int]:
    """Map each ``id:`` value of a YAML or JSON model file to its 1-based line (first occurrence).

    Examples
    --------
    >>> locate_ids("elements:\\n  - id: prov.lgsp\\n    type: Node\\n  - {id: x, type: Goal}\\n")
    {'prov.lgsp': 2, 'x': 4}
    """
    out: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        m = _ID_LINE.match(line)
        if m:
            out.setdefault(m.group(1), n)
    return out


@dataclass(frozen=True)
class CheckReport:
    """Findings of a check run, the rules run, and optionally the target scorecard.

    Attributes
    ----------
    model
        The model checked.
    rules
        The rules that ran.
    not_applicable
        ``(rule id, reason)`` of selected rules that do not apply to this model.
    findings
        Findings, most serious first, then by rule id.
    scorecard
        The :class:`~eaframe.checks.scorecard.Scorecard` when requested, else ``None``.
    version
        Framework version the rules were selected for.
    source
        Model file path (for SARIF locations), when known.
    min_severity
        The severity floor applied, if any.
    as_of
        The date whose rules were applied (``None`` for reports built by hand).
    as_of_from
        Where that date came from: ``given`` (``as_of=`` / ``--as-of``), ``model``
        (``metadata.as_of``) or ``today``.
    lang
        Language of the outputs (``vi`` or ``en``) when their ``lang`` argument is not
        given; ``None``: English.
    """

    model: ArchitectureModel = field(repr=False)
    rules: tuple[Rule, ...]
    not_applicable: tuple[tuple[str, str], ...]
    findings: tuple[Finding, ...]
    scorecard: Optional[Scorecard] = None
    version: Optional[str] = None
    source: Optional[str] = None
    min_severity: Optional[str] = None
    as_of: Optional[date] = None
    as_of_from: Optional[str] = None
    lang: Optional[str] = None

    def output_lang(self, lang: Optional[str] = None) -> str:
        """The language of an output: ``lang``, else :attr:`lang`, else ``en``."""
        return check_lang(lang or self.lang or "en")

    def __repr__(self) -> str:
        c = self.counts()
        return (f"<CheckReport {self.title!r}: {len(self.rules)} rules, {c['error']} errors, {c['warning']} warnings, "
                f"{c['info']} info{', with scorecard' if self.scorecard is not None else ''}>")

    # ------------------------------------------------------------------ summaries
    def counts(self) -> dict[str, int]:
        """Number of findings per severity (all three keys present)."""
        out = dict.fromkeys(SEVERITIES, 0)
        for f in self.findings:
            out[f.severity] += 1
        return out

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error-level findings."""
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def ok(self) -> bool:
        """True when no error-level finding remains (the CLI then exits 0)."""
        return not any(f.severity == "error" for f in self.findings)

    def by_rule(self) -> dict[str, list[Finding]]:
        """Findings grouped by rule id."""
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.rule, []).append(f)
        return out

    @property
    def instruments(self) -> tuple[LegalInstrument, ...]:
        """The instruments the rules that ran applied on :attr:`as_of` (each once, by start date;
        standards and conventions without one last)."""
        if self.as_of is None:
            return ()
        out: dict[str, LegalInstrument] = {}
        for r in self.rules:
            for b in r.bases_on(self.as_of):
                out.setdefault(b.instrument.name, b.instrument)
        return tuple(sorted(out.values(), key=lambda i: (i.start is None, i.start or self.as_of, i.name)))

    def _as_of_line(self, lang: str = "en") -> Optional[str]:
        if self.as_of is None:
            return None
        t = translator(lang)
        names = "; ".join(i.name_in(lang) for i in self.instruments) or t("none")
        origin = t(_AS_OF_FROM.get(self.as_of_from or "", self.as_of_from or ""))
        return t("as of {date} ({origin}); instruments applied: {names}").format(
            date=self.as_of.isoformat(), origin=origin, names=names)

    @property
    def title(self) -> str:
        md = self.model.metadata
        return md.title.get("en", fallback=True) or "(untitled model)"

    def title_in(self, lang: Optional[str] = None) -> str:
        """The model's title in ``lang`` (another language when it has none in ``lang``)."""
        lang = self.output_lang(lang)
        return self.model.metadata.title.get(lang, fallback=True) or translator(lang)("(untitled model)")

    # ------------------------------------------------------------------ text
    def to_text(self, lang: Optional[str] = None) -> str:
        """Plain text: a header with counts, then findings grouped by severity, in ``lang``
        (``vi`` or ``en``; default :attr:`lang`, else English)."""
        lang = self.output_lang(lang)
        t = translator(lang)
        md = self.model.metadata
        c = self.counts()
        head = t("eaframe check: {title}").format(title=term_safe(self.title_in(lang)))
        extra = []
        if self.version:
            extra.append(t("framework {version}").format(version=self.version))
        if md.realises:
            extra.append(t("realises {model}").format(model=term_safe(md.realises)))
        if extra:
            head += f" ({', '.join(extra)})"
        lines = [head]
        as_of = self._as_of_line(lang)
        if as_of:
            lines.append(term_safe(as_of))
        counts = t("findings: {errors}, {warnings}, {info}").format(
            errors=_n(t, c["error"], "error"), warnings=_n(t, c["warning"], "warning"), info=_n(t, c["info"], "info"))
        lines += [t("rules run: {n}").format(n=len(self.rules))
                  + (t(" ({n} not applicable)").format(n=len(self.not_applicable)) if self.not_applicable else "")
                  + "; " + counts]
        dated = [(rid, why) for rid, why in self.not_applicable if why.startswith("not in force")]
        if dated:
            lines += ["", t("NOT IN FORCE ({n})").format(n=len(dated))]
            w = max(len(rid) for rid, _ in dated)
            lines += [f"  {rid:<{w}}  {term_safe(localize(why, lang))}" for rid, why in dated]
        for sev in SEVERITIES:
            group = [f for f in self.findings if f.severity == sev]
            if not group:
                continue
            lines += ["", t(_HEADINGS[sev]).format(n=len(group))]
            w = max(len(f.rule) for f in group)
            fix = t("fix: {fix}")
            for f in group:
                subject = f.elements[0] if f.elements else (f.relationships[0] if f.relationships else f.view or "")
                lines.append(f"  {f.rule:<{w}}  " + (f"{term_safe(subject)}: " if subject else "")
                             + term_safe(f.text(lang)))
                if f.fix:
                    lines.append(f"  {'':<{w}}  " + fix.format(fix=term_safe(f.fix_text(lang))))
        text = "\n".join(lines) + "\n"
        if self.scorecard is not None:
            text += "\n" + self.scorecard.to_text(lang=lang)
        return text

    # ------------------------------------------------------------------ JSON
    def to_dict(self, lang: Optional[str] = None) -> dict:
        """The JSON report (schema ``eaframe-check-report/1``, see docs/checks.md): the texts
        (rule titles, messages, fix hints, reasons) in ``lang``, named by its ``lang`` key."""
        with no_gc():
            return self._dict(lang=self.output_lang(lang))

    def _dict(self, lazy: bool = False, lang: str = "en") -> dict:
        from .. import __version__

        md = self.model.metadata
        per_rule = {r.id: 0 for r in self.rules}
        for f in self.findings:
            per_rule[f.rule] = per_rule.get(f.rule, 0) + 1
        c = self.counts()
        return {
            "schema": JSON_SCHEMA_ID,
            "tool": {"name": "eaframe", "version": __version__},
            "lang": lang,
            "model": {
                "title": md.title.get("en", fallback=True),
                "title_vi": md.title.vi,
                "source": self.source,
                "framework_version": self.version,
                "realises": md.realises,
            },
            "min_severity": self.min_severity,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "as_of_from": self.as_of_from,
            "instruments": [i.to_dict() for i in self.instruments],
            "summary": {**c, "total": len(self.findings), "ok": self.ok},
            "rules": [_rule_dict(r, lang) | {"findings": per_rule[r.id]} for r in self.rules],
            "not_applicable": [{"rule": rid, "reason": localize(why, lang)} for rid, why in self.not_applicable],
            "findings": ((f.to_dict(lang) for f in self.findings) if lazy
                         else [f.to_dict(lang) for f in self.findings]),
            "scorecard": None if self.scorecard is None else self.scorecard.to_dict(lang=lang),
        }

    def to_json(self, indent: Optional[int] = 2, lang: Optional[str] = None) -> str:
        """:meth:`to_dict` as JSON text (UTF-8, Vietnamese kept as is; one finding per line)."""
        with no_gc():
            doc = self._dict(lazy=True, lang=self.output_lang(lang))
            return _dumps(doc, doc, "findings", indent)

    def write_json(self, file: SupportsWrite[str], indent: Optional[int] = 2, lang: Optional[str] = None) -> None:
        """Write :meth:`to_json` to ``file`` (a text stream open for writing, or anything with
        a ``write(str)`` method) a part at a time, without making the whole text: what a
        report of many findings needs for a file.

        Examples
        --------
        >>> import io
        >>> from eaframe import synthetic_model
        >>> from eaframe.checks import run_checks
        >>> report = run_checks(synthetic_model(30, seed=0))
        >>> out = io.StringIO()
        >>> report.write_json(out)
        >>> out.getvalue() == report.to_json()
        True
        """
        with no_gc():
            doc = self._dict(lazy=True, lang=self.output_lang(lang))
            for piece in _json_pieces(doc, doc, "findings", indent):
                file.write(piece)

    # ------------------------------------------------------------------ SARIF
    def to_sarif(self, source_text: Optional[str] = None, lang: Optional[str] = None) -> dict:
        """The findings as a SARIF 2.1.0 log (a dict; ``json.dumps`` it to write).

        Parameters
        ----------
        source_text
            Text of the model file; read from :attr:`source` when not given. Used to
            give each result the line of its first element's ``id:``.
        lang
            Language of the texts (rule descriptions, messages); the run's ``language``.
        """
        with no_gc():
            return self._sarif(source_text, lang=self.output_lang(lang))

    def _sarif(self, source_text: Optional[str], lazy: bool = False, lang: str = "en") -> dict:
        from .. import __version__

        uri = None
        lines: dict[str, int] = {}
        if self.source:
            p = Path(self.source)
            uri = p.resolve().as_uri() if p.is_absolute() else p.as_posix()
            if source_text is None and p.is_file():
                source_text = p.read_text(encoding="utf-8")
        if source_text:
            lines = locate_ids(source_text)
        index = {r.id: i for i, r in enumerate(self.rules)}
        results = self._sarif_results(uri, lines, index, lang)
        run: dict = {
            "tool": {"driver": {
                "name": "eaframe",
                "version": __version__,
                "rules": [_sarif_rule(r, lang) for r in self.rules],
            }},
            "language": lang,
            "results": results if lazy else list(results),
            "columnKind": "unicodeCodePoints",
            "properties": {"model": self.title, "framework_version": self.version,
                           "as_of": None if self.as_of is None else self.as_of.isoformat(),
                           "instruments": [i.name for i in self.instruments]},
        }
        if uri:
            run["artifacts"] = [{"location": {"uri": uri}, "mimeType": "application/yaml"
                                 if not uri.endswith(".json") else "application/json"}]
        return {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}

    def _sarif_results(self, uri: Optional[str], lines: dict[str, int], index: dict[str, int], lang: str = "en"):
        fix_word = translator(lang)(". Fix: {fix}")
        for f in self.findings:
            fix = f.fix_text(lang)
            res: dict = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.text(lang) + (fix_word.format(fix=fix) if fix else "")},
            }
            logical = [{"fullyQualifiedName": x, "kind": "element"} for x in f.elements]
            logical += [{"fullyQualifiedName": x, "kind": "relationship"} for x in f.relationships]
            if f.view:
                logical.append({"fullyQualifiedName": f.view, "kind": "view"})
            loc: dict = {}
            if uri:
                phys: dict = {"artifactLocation": {"uri": uri}}
                first = next((lines[x] for x in (*f.elements, *f.relationships, f.view or "") if x in lines), None)
                if first:
                    phys["region"] = {"startLine": first}
                loc["physicalLocation"] = phys
            if logical:
                loc["logicalLocations"] = logical
            if loc:
                res["locations"] = [loc]
            res["partialFingerprints"] = {"eaframeFinding/v1": _fingerprint(f)}
            res["properties"] = {
                "elements": list(f.elements), "relationships": list(f.relationships), "fix": fix,
                "missing": [{"source": e.source, "type": e.type, "target": e.target} for e in f.missing],
            }
            yield res

    def to_sarif_json(self, indent: Optional[int] = 2, source_text: Optional[str] = None,
                      lang: Optional[str] = None) -> str:
        """:meth:`to_sarif` as JSON text (one result per line)."""
        with no_gc():
            doc = self._sarif(source_text, lazy=True, lang=self.output_lang(lang))
            return _dumps(doc, doc["runs"][0], "results", indent)

    def write_sarif(self, file: SupportsWrite[str], indent: Optional[int] = 2, source_text: Optional[str] = None,
                    lang: Optional[str] = None) -> None:
        """Write :meth:`to_sarif_json` to ``file`` (a text stream open for writing) a part at a
        time, without making the whole text (see :meth:`write_json`)."""
        with no_gc():
            doc = self._sarif(source_text, lazy=True, lang=self.output_lang(lang))
            for piece in _json_pieces(doc, doc["runs"][0], "results", indent):
                file.write(piece)

    # ------------------------------------------------------------------ notebooks
    def to_html(self, limit: Optional[int] = 200, document: bool = False, lang: Optional[str] = None) -> str:
        """The report as HTML: counts, the dates applied, findings, and the scorecard when computed.

        At most ``limit`` findings are listed (``None``: all), then ``… and N more``.
        Everything from the model is escaped and there are no scripts. With
        ``document``, a complete HTML document (doctype, charset, ``lang``, title,
        embedded CSS); otherwise a fragment with its own ``<style>`` for notebooks. Text in
        ``lang`` (default :attr:`lang`, else English).
        """
        from .._displays import report_html

        return report_html(self, limit=limit, document_=document, lang=self.output_lang(lang))

    def display(self, lang: str) -> CheckReport:
        """This report shown in ``lang`` by a notebook (``report.display("vi")``): its
        :attr:`lang`, and that of its findings and scorecard, set to ``lang``."""
        lang = check_lang(lang)
        card = None if self.scorecard is None else self.scorecard.display(lang)
        return replace(self, lang=lang, findings=tuple(f.display(lang) for f in self.findings), scorecard=card)

    def _repr_html_(self) -> str:
        return self.to_html()


def _dumps(doc: dict, holder: dict, key: str, indent: Optional[int]) -> str:
    # One join of the pieces of _json_pieces: the finished text and the pieces (each a
    # chunk of items) are the only large strings alive at once.
    return "".join(_json_pieces(doc, holder, key, indent))


#: Items of the large list encoded and joined into one piece at a time (about 0.1 MB of text).
_CHUNK = 256


def _json_pieces(doc: dict, holder: dict, key: str, indent: Optional[int]) -> Iterator[str]:
    # The JSON text of doc in pieces, pretty-printed, but with the (possibly huge) list or
    # iterator holder[key] written one item per line by the fast C encoder: readable,
    # diff-friendly, linear, and encoded as the items are produced, a chunk at a time, so
    # that neither every item's dict nor every item's line is held at once. Without
    # indent, the text of json.dumps(doc, ensure_ascii=False) with the items in place.
    items = holder[key]
    marker = "\u0000eaframe-items\u0000"
    holder[key] = marker
    text = json.dumps(doc, ensure_ascii=False, indent=indent)
    quoted = json.dumps(marker)
    at = text.index(quoted)
    if indent is None:
        pad, opening, separator, closing = "", "[", ", ", "]"
    else:
        line_start = text.rindex("\n", 0, at) + 1
        pad = " " * (at - line_start - len(json.dumps(key)) - 2 + indent)
        opening, separator, closing = "[\n", ",\n", "\n" + pad[:-indent] + "]"
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    yield text[:at]
    chunk: list[str] = []
    first = True
    for x in items:
        chunk.append(pad + encode(x))
        if len(chunk) == _CHUNK:
            yield (opening if first else separator) + separator.join(chunk)
            first, chunk = False, []
    if chunk:
        yield (opening if first else separator) + separator.join(chunk)
        first = False
    yield "[]" if first else closing
    yield text[at + len(quoted):] + "\n"


#: Headings of the severity groups of the text report.
_HEADINGS = {"error": N_("ERROR ({n})"), "warning": N_("WARNING ({n})"), "info": N_("INFO ({n})")}
#: Where the date of the rules came from (``CheckReport.as_of_from``), in words.
_AS_OF_FROM = {"given": N_("given"), "model": N_("model"), "today": N_("today")}
_COUNTS = {"error": (N_("{n} error"), N_("{n} errors")), "warning": (N_("{n} warning"), N_("{n} warnings")),
           "info": (N_("{n} info"), N_("{n} info"))}


def _n(t, k: int, word: str) -> str:
    one, many = _COUNTS[word]
    return t(one if k == 1 else many).format(n=k)


def _rule_dict(r: Rule, lang: str = "en") -> dict:
    return {"id": r.id, "title": r.title_in(lang), "severity": r.severity, "category": r.category,
            "frameworks": list(r.frameworks), "models": r.models, "rationale": r.rationale_in(lang),
            "basis": r.basis_in(lang), "in_force": r.period_dict(), "legal": [b.to_dict(lang) for b in r.legal]}


def _sarif_rule(r: Rule, lang: str = "en") -> dict:
    return {
        "id": r.id,
        "name": "".join(w.capitalize() for w in re.findall(r"[A-Za-z0-9]+", r.title))[:80] or r.id,
        "shortDescription": {"text": r.title_in(lang)},
        "fullDescription": {"text": r.rationale_in(lang)},
        "help": {"text": translator(lang)("Basis: {basis}").format(basis=r.basis_in(lang))},
        "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
        "properties": {"category": r.category, "frameworks": list(r.frameworks), "basis": r.basis_in(lang),
                       "in_force": r.period_dict(), "legal": [b.to_dict(lang) for b in r.legal]},
    }


def _fingerprint(f: Finding) -> str:
    key = "|".join((f.rule, ",".join(f.elements), ",".join(f.relationships), f.view or ""))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
