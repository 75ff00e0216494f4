"""The rule registry: rule metadata, the ``@rule`` decorator and the finding record.

Every check of eaframe is a small function over a :class:`~eaframe.checks.index.CheckIndex`
(the model plus adjacency indices built once per run) that yields :class:`Finding`
records. It is registered in :data:`REGISTRY` with the :func:`rule` decorator, which
records the rule's id, title, severity, the framework versions it applies to, its
rationale, its legal basis as data (:class:`LegalBasis`: instrument, article, what it
requires, confidence tag; the instruments are in :mod:`eaframe.checks.law`) and the
period in which it is in force. An id can be registered only once.

Examples
--------
>>> r = REGISTRY["EGOV-R1"]
>>> r.severity, r.category
('error', 'interconnection')
>>> f = Finding("EGOV-R1", "error", "x", elements=("a", "b"))
>>> f.elements
('a', 'b')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from string import Formatter
from typing import Any, Literal, NamedTuple, Optional

from ..exceptions import DuplicateRuleError
from ..i18n import N_, Alt, Join, Msg, alt, check_lang, localize, msg, render, translator

__all__ = [
    "Severity",
    "SEVERITIES",
    "severity_rank",
    "Edge",
    "Finding",
    "Finder",
    "Rule",
    "REGISTRY",
    "rule",
    "DuplicateRuleError",
    "ModelKind",
    "FRAMEWORK_VERSIONS",
    "FROM_V2",
    "Confidence",
    "LegalInstrument",
    "LegalBasis",
    "SEVERITY_WORDS",
    "severity_word",
    "instrument_name",
]

Severity = Literal["error", "warning", "info"]
#: Severities from the most to the least serious.
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
_RANK = {"info": 0, "warning": 1, "error": 2}
#: The word of each severity, for text in a language (:func:`severity_word`).
SEVERITY_WORDS: dict[str, str] = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def severity_word(severity: str, lang: str = "en") -> str:
    """The word for ``severity`` in ``lang`` (``lỗi``, ``cảnh báo``, ``thông tin`` in Vietnamese).

    >>> severity_word("error", "vi"), severity_word("warning", "en")
    ('lỗi', 'warning')
    """
    return translator(lang)(SEVERITY_WORDS.get(severity, severity))

#: Which models a rule applies to: ``province`` (a province's architecture, i.e. not a
#: framework model), ``realising`` (a model whose ``metadata.realises`` names a
#: framework model) or ``any``.
ModelKind = Literal["province", "realising", "any"]


#: Confidence tags of the domain reference §0: V verified in a listed source, V2 seen only in a
#: weak secondary source, K background knowledge (unverified), I inference.
Confidence = Literal["V", "V2", "K", "I"]
_CONFIDENCE = ("V", "V2", "K", "I")


@dataclass(frozen=True)
class LegalInstrument:
    """A legal instrument (or standard, convention, target) and the period in which it applies.

    Attributes
    ----------
    name
        Kind and number as cited, e.g. ``Decree 85/2016/NĐ-CP``.
    kind
        ``decree``, ``decision``, ``circular``, ``letter``, ``directive``, ``law``, ``plan``,
        ``standard`` or ``convention``.
    title
        What it is about (English).
    issued
        Date of issue (``None`` when the reference does not give it).
    effective
        Date it took effect, when different from ``issued``.
    until
        The day it stopped applying (exclusive), or ``None`` while in force.
    replaced_by
        The instrument that replaced it on ``until``.
    confidence
        Tag of these facts (the weakest one), from the domain reference.
    sources
        Source ids of the domain reference (``S20``...).
    note
        Caveats, e.g. which part of the facts carries a weaker tag.
    binding
        ``False`` for targets, standards and conventions: they do not bound a rule's period.

    Examples
    --------
    >>> i = LegalInstrument("Decree 1/2020/NĐ-CP", "decree", "t", issued=date(2020, 1, 1), until=date(2021, 1, 1))
    >>> i.in_force(date(2020, 6, 1)), i.in_force(date(2021, 1, 1)), i.start
    (True, False, datetime.date(2020, 1, 1))
    """

    name: str
    kind: str
    title: str
    issued: Optional[date] = None
    effective: Optional[date] = None
    until: Optional[date] = None
    replaced_by: Optional[str] = None
    confidence: str = "K"
    sources: tuple[str, ...] = ()
    note: Optional[str] = None
    binding: bool = True

    def __post_init__(self) -> None:
        if self.confidence not in _CONFIDENCE:
            raise ValueError(f"confidence of {self.name!r} must be one of {', '.join(_CONFIDENCE)}")

    @property
    def start(self) -> Optional[date]:
        """The day it applies from (``effective``, else ``issued``; ``None``: no known start)."""
        return self.effective or self.issued

    def in_force(self, on: date) -> bool:
        """Whether it applies on ``on`` (start inclusive, ``until`` exclusive)."""
        return (self.start is None or self.start <= on) and (self.until is None or on < self.until)

    def name_in(self, lang: Optional[str] = None) -> str:
        """The name in ``lang`` (:func:`instrument_name`: the number is kept)."""
        return instrument_name(self.name, lang)

    def to_dict(self) -> dict:
        """JSON-ready data (``instruments[]`` of the JSON report)."""
        return {"name": self.name, "kind": self.kind, "title": self.title,
                "issued": _iso(self.issued), "from": _iso(self.start), "until": _iso(self.until),
                "replaced_by": self.replaced_by, "confidence": self.confidence, "sources": list(self.sources),
                "note": self.note, "binding": self.binding}


#: The kind words that start an instrument's name (``Decree 85/2016/NĐ-CP``), translated
#: in front of the number; the number itself is never translated.
_KIND_WORDS = {"Decree": N_("Decree"), "Decision": N_("Decision"), "Circular": N_("Circular"),
               "Directive": N_("Directive"), "Law": N_("Law"), "MIC letter": N_("MIC letter")}
_KIND_RE = re.compile(r"\b(" + "|".join(sorted(_KIND_WORDS, key=len, reverse=True)) + r") (?=\d)")
#: Names that are not "kind number": translated whole.
_WHOLE_NAMES = (N_("Decision 06/QĐ-TTg (Project 06)"), N_("Đồng Nai draft plan 2019–2020"),
                N_("ArchiMate 3.2 Specification"), N_("eaframe modelling conventions"))


def instrument_name(text: str, lang: Optional[str] = None) -> str:
    """``text`` with the instrument names in it in ``lang``: the kind word before each number
    translated (``Nghị định 85/2016/NĐ-CP``), the number kept; a few names translated whole.

    >>> instrument_name("EGOV-R11 (Decree 107/2021/NĐ-CP)", "vi")
    'EGOV-R11 (Nghị định 107/2021/NĐ-CP)'
    """
    if lang is None or lang == "en":
        return text
    t = translator(lang)
    whole = t(text)
    if whole != text:
        return whole
    return _KIND_RE.sub(lambda m: t(_KIND_WORDS[m.group(1)]) + " ", text)


def _names(text: str) -> Alt:
    """Text naming instruments, rendered by :func:`instrument_name` in each language."""
    return alt(text, vi=instrument_name(text, "vi"))


def _iso(d: Optional[date]) -> Optional[str]:
    return None if d is None else d.isoformat()


@dataclass(frozen=True)
class LegalBasis:
    """One legal basis of a rule: an instrument, the article, what it requires, how sure we are.

    ``confidence`` tags the *reading* (that this instrument requires what the rule checks),
    which can be weaker than the tag of the instrument's own facts.
    """

    instrument: LegalInstrument
    requires: str = ""
    article: Optional[str] = None
    confidence: str = "K"

    def __post_init__(self) -> None:
        if self.confidence not in _CONFIDENCE:
            raise ValueError(f"confidence must be one of {', '.join(_CONFIDENCE)}, not {self.confidence!r}")

    def in_force(self, on: date) -> bool:
        return self.instrument.in_force(on)

    def summary(self) -> str:
        """One line: ``Decree 85/2016/NĐ-CP Art. 7–11 (from 2016-07-01): requires … [V]``."""
        i = self.instrument
        period = []
        if i.start:
            period.append(f"from {i.start.isoformat()}")
        if i.until:
            period.append(f"until {i.until.isoformat()}" + (f", replaced by {i.replaced_by}" if i.replaced_by else ""))
        out = i.name + (f" {self.article}" if self.article else "")
        if period:
            out += f" ({'; '.join(period)})"
        if self.requires:
            out += f": {self.requires}"
        return out + f" [{self.confidence}]"

    def requires_in(self, lang: Optional[str] = None) -> str:
        """What the instrument requires, in ``lang`` (``None``: English, as registered)."""
        return self.requires if lang is None or not self.requires else translator(lang)(self.requires)

    def to_dict(self, lang: Optional[str] = None) -> dict:
        """JSON-ready data; ``requires`` in ``lang`` (``None``: English)."""
        return {"instrument": self.instrument.name, "article": self.article, "requires": self.requires_in(lang),
                "confidence": self.confidence}


def severity_rank(severity: str) -> int:
    """2 for ``error``, 1 for ``warning``, 0 for ``info`` (``ValueError`` otherwise).

    Examples
    --------
    >>> severity_rank("warning") > severity_rank("info")
    True
    """
    try:
        return _RANK[severity]
    except KeyError:
        raise ValueError(f"unknown severity {severity!r}; use one of {', '.join(SEVERITIES)}") from None


class Edge(NamedTuple):
    """A relationship that should exist: ``(source, type, target)`` (for fix hints and diagrams)."""

    source: str
    type: str
    target: str


class Finding(NamedTuple):
    """One problem found by a rule (an immutable record; cheap to create by the 100 000).

    Attributes
    ----------
    rule
        Id of the rule, e.g. ``EGOV-R4``.
    severity
        ``error``, ``warning`` or ``info`` (the rule's severity).
    message
        What is wrong, naming the elements: a plain ``str`` in English (:meth:`text` gives
        it in another language).
    elements
        Ids of the elements concerned (the subject first).
    relationships
        Ids of the relationships concerned (e.g. a point-to-point Flow).
    fix
        A concrete fix hint ("connect X to prov.lgsp with a Flow relationship").
    missing
        The relationships that would close the gap, as :class:`Edge` triples (the missing
        hop of a path), for diagrams that draw them dashed.
    view
        Id of the view concerned (empty-view findings).
    source
        What :attr:`message` and :attr:`fix` were made from, for :meth:`text` and
        :meth:`fix_text`: one flat tuple ``(template, fix_template, n, *names, *values,
        *fix_names, *fix_values)``: the catalogue msgids (``None`` where the text is plain),
        the number ``n`` of the message's parameters, their names and values, then the
        fix's parameters' names and values; ``()`` for a
        finding made from plain text. A flat tuple of strings is one object that the garbage
        collector stops tracking. Not compared: two findings with the same text are equal
        however they were made.
    lang
        The language a notebook shows the finding in (its card, :meth:`to_html`): the
        ``lang`` that :func:`~eaframe.checks.run_checks` was given; ``None``: English.
        :meth:`display` gives the finding shown in another language. Not compared.
    """

    rule: str
    severity: str
    message: str
    elements: tuple[str, ...] = ()
    relationships: tuple[str, ...] = ()
    fix: str = ""
    missing: tuple[Edge, ...] = ()
    view: Optional[str] = None
    source: tuple = ()
    lang: Optional[str] = None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Finding):
            return tuple.__eq__(self[:8], other[:8])
        return tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:8])

    def text(self, lang: Optional[str] = None) -> str:
        """The message in ``lang`` (``vi`` or ``en``; ``None``: :attr:`message` as is).

        The rules make their messages from a catalogue template and the finding's
        parameters (:attr:`source`), formatted after translating; a message read back
        from a JSON report is plain text and comes back unchanged.
        """
        src = self.source
        if lang is not None and src and src[0] is not None:
            return render(src[0], _params(src[3:3 + 2 * src[2]]), lang)
        return localize(self.message, lang)

    def fix_text(self, lang: Optional[str] = None) -> str:
        """The fix hint in ``lang`` (see :meth:`text`)."""
        src = self.source
        if lang is not None and src and src[1] is not None:
            return render(src[1], _params(src[3 + 2 * src[2]:]), lang)
        return localize(self.fix, lang)

    def to_html(self, lang: Optional[str] = None) -> str:
        """The notebook card (rule, severity, message, concepts, fix) as an HTML fragment, in
        ``lang`` (``vi`` or ``en``; default :attr:`lang`, else English)."""
        from .._displays import finding_html

        return finding_html(self, check_lang(lang or self.lang or "en"))

    def display(self, lang: str) -> Finding:
        """This finding, shown in ``lang`` by a notebook (``f.display("vi")`` as a cell's last
        line); equal to this one."""
        return self._replace(lang=check_lang(lang))

    def _repr_html_(self) -> str:
        """Jupyter display: a short card (rule, severity, message, concepts, fix), in :attr:`lang`."""
        return self.to_html()

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        """IPython text display: one short line, the message in :attr:`lang`."""
        from .._displays import finding_text

        p.text(finding_text(self, self.lang))

    def to_dict(self, lang: Optional[str] = None) -> dict:
        """The finding as JSON-ready data (the ``findings[]`` entries of the JSON report);
        ``message`` and ``fix`` in ``lang`` (``None``: as made, English)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.text(lang),
            "elements": list(self.elements),
            "relationships": list(self.relationships),
            "view": self.view,
            "fix": self.fix_text(lang),
            "missing": [{"source": e.source, "type": e.type, "target": e.target} for e in self.missing],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        """The finding written by :meth:`to_dict` (a ``findings[]`` entry of the JSON report).

        ``rule``, ``severity`` and ``message`` are required; the other keys default as
        in the constructor.

        Raises
        ------
        ValueError
            A key is missing or has the wrong type; the message names it.

        Examples
        --------
        >>> f = Finding("EGOV-R2", "error", "m", ("prov.lgsp",), missing=(Edge("prov.lgsp", "Flow", "ext.ngsp"),))
        >>> Finding.from_dict(f.to_dict()) == f
        True
        """
        if not isinstance(data, dict):
            raise ValueError(Msg("a finding is an object with rule, severity and message, not {kind}", kind=type(data).__name__))
        for key in ("rule", "severity", "message"):
            if not isinstance(data.get(key), str):
                raise ValueError(Msg("finding needs {key!r} (a string)", key=key))
        if data["severity"] not in SEVERITIES:
            raise ValueError(Msg("finding severity {severity!r} is not one of {allowed}", severity=data["severity"],
                                 allowed=", ".join(SEVERITIES)))

        def ids(key: str) -> tuple[str, ...]:
            v = data.get(key, [])
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise ValueError(Msg("finding {key!r} must be a list of ids (strings)", key=key))
            return tuple(v)

        missing = data.get("missing", [])
        if not isinstance(missing, list):
            raise ValueError(Msg("finding 'missing' must be a list of {source, type, target} objects"))
        edges = []
        for m in missing:
            if not isinstance(m, dict) or not all(isinstance(m.get(k), str) for k in ("source", "type", "target")):
                raise ValueError(Msg("each entry of finding 'missing' needs 'source', 'type' and 'target' (strings)"))
            edges.append(Edge(m["source"], m["type"], m["target"]))
        for key in ("fix", "view"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise ValueError(f"finding {key!r} must be a string")
        return cls(data["rule"], data["severity"], data["message"], ids("elements"), ids("relationships"),
                   data.get("fix") or "", tuple(edges), data.get("view"))


def _params(flat: tuple) -> dict:
    """The parameters kept flat as ``(*names, *values)``."""
    half = len(flat) // 2
    return dict(zip(flat[:half], flat[half:], strict=True))


def finder(rule_id: str, severity: str, lang: Optional[str] = None) -> Finder:
    """The ``found`` a rule's check makes its findings with (a :class:`Finder`): ``found(message,
    elements=(), relationships=(), fix="", missing=(), view=None)``; each finding's
    :attr:`Finding.lang` is ``lang``."""
    return Finder(rule_id, severity, lang)


_make = tuple.__new__  # a Finding without its Python-level __new__ (the fields in order)
_plain = str.__str__


class Finder:
    """Makes the findings of one rule's run: the ``found`` passed to the rule's check.

    ``found(message, elements=(), relationships=(), fix="", missing=(), view=None)`` makes one
    :class:`Finding`. A message or fix made with :func:`eaframe.i18n.msg` is kept as its plain
    English text and, in :attr:`Finding.source`, its template and parameters: a finding then
    holds no :class:`~eaframe.i18n.Msg` objects, which keeps the hundred thousand findings of a
    large model cheap to make and to keep (fewer objects for the garbage collector to track).

    A rule that makes many findings of one kind asks once for a :meth:`maker`, which makes the
    same findings without a :class:`~eaframe.i18n.Msg` and its parameters dictionary.
    """

    __slots__ = ("rule", "severity", "lang")

    def __init__(self, rule: str, severity: str, lang: Optional[str] = None) -> None:
        self.rule, self.severity, self.lang = rule, severity, lang

    def __call__(self, message: str, elements: tuple[str, ...] = (), relationships: tuple[str, ...] = (),
                 fix: str = "", missing: tuple[Edge, ...] = (), view: Optional[str] = None) -> Finding:
        source: tuple = ()
        if type(message) is Msg:
            mp = message.params
            if type(fix) is Msg:
                fp = fix.params
                source = (message.template, fix.template, len(mp), *mp, *mp.values(), *fp, *fp.values())
                fix = _plain(fix)
            else:
                source = (message.template, None, len(mp), *mp, *mp.values())
            message = _plain(message)
        elif type(fix) is Msg:
            fp = fix.params
            source = (None, fix.template, 0, *fp, *fp.values())
            fix = _plain(fix)
        return _make(Finding, (self.rule, self.severity, message, elements, relationships, fix, missing, view, source,
                               self.lang))

    def maker(self, message: str, names: tuple[str, ...] = (), fix: Optional[str] = None,
              fix_names: tuple[str, ...] = ()) -> Callable[..., Finding]:
        """A function making this rule's findings of one kind: ``make(values, fix_values=(),
        elements=(), relationships=(), missing=(), view=None)``.

        ``make(values, fix_values, ...)`` is the finding that ``found(msg(message, **dict(zip(names,
        values))), ..., fix=msg(fix, **dict(zip(fix_names, fix_values))))`` makes (without ``fix``
        when ``fix`` is ``None``): the same fields, :attr:`Finding.source` included, made without
        the intermediate :class:`~eaframe.i18n.Msg` objects and their parameters dictionaries; the
        templates are parsed once per process. ``values`` and ``fix_values`` are tuples of
        strings (a :class:`~eaframe.i18n.Alt` or :class:`~eaframe.i18n.Join` for text that differs
        by language) or numbers, in the order of ``names`` and ``fix_names``. Mark the templates
        with :func:`~eaframe.i18n.N_` for the catalogues.

        Examples
        --------
        >>> found = finder("EGOV-H5", "warning")
        >>> make = found.maker("element {a} cites no source", ("a",),
        ...                    "add the ids of its sources (metadata.sources) to {a}.sources", ("a",))
        >>> f = make(("x",), ("x",), elements=("x",))
        >>> f.message, f.fix
        ('element x cites no source', 'add the ids of its sources (metadata.sources) to x.sources')
        >>> f.source[2:]
        (1, 'a', 'x', 'a', 'x')
        >>> f == found(msg("element {a} cites no source", a="x"), ("x",),
        ...            fix=msg("add the ids of its sources (metadata.sources) to {a}.sources", a="x"))
        True
        """
        names, fix_names = tuple(names), tuple(fix_names)
        rule_id, severity, lang = self.rule, self.severity, self.lang
        text = formatter(message, names)
        head = (message, fix, len(names), *names)
        if fix is None:
            def make(values: tuple, fix_values: tuple = (), elements: tuple[str, ...] = (),
                     relationships: tuple[str, ...] = (), missing: tuple[Edge, ...] = (),
                     view: Optional[str] = None) -> Finding:
                return _make(Finding, (rule_id, severity, text(values), elements, relationships, "", missing, view,
                                       head + values, lang))
            return make
        fix_text = formatter(fix, fix_names)
        if not fix_names:
            fix_done = fix_text(())

            def make_fixed(values: tuple, fix_values: tuple = (), elements: tuple[str, ...] = (),
                           relationships: tuple[str, ...] = (), missing: tuple[Edge, ...] = (),
                           view: Optional[str] = None) -> Finding:
                return _make(Finding, (rule_id, severity, text(values), elements, relationships, fix_done, missing,
                                       view, head + values, lang))
            return make_fixed

        def make_both(values: tuple, fix_values: tuple = (), elements: tuple[str, ...] = (),
                      relationships: tuple[str, ...] = (), missing: tuple[Edge, ...] = (),
                      view: Optional[str] = None) -> Finding:
            return _make(Finding, (rule_id, severity, text(values), elements, relationships, fix_text(fix_values),
                                   missing, view, head + values + fix_names + fix_values, lang))
        return make_both


@cache
def formatter(template: str, names: tuple[str, ...]) -> Callable[[tuple], str]:
    """A function of a tuple of values giving the English text of ``msg(template, **dict(zip(names,
    values)))``, the template parsed once (cached per process).

    A template whose fields are plain names without a format spec becomes a ``%`` format
    (``str(value)`` is what formatting with an empty spec gives for strings and numbers);
    any other template is formatted with ``str.format_map`` as :func:`~eaframe.i18n.msg` does.

    >>> formatter("{b} and {a!r} ({a}) 100%", ("a", "b"))(("x", "y"))
    "y and 'x' (x) 100%"
    >>> formatter("no {{fields}}", ())(())
    'no {{fields}}'
    """
    if not names:
        return lambda values: template  # msg() leaves a template without parameters as it is
    try:
        parts = list(Formatter().parse(template))
    except ValueError:
        parts = None
    pieces: list[str] = []
    order: list[int] = []
    for literal, field_name, spec, conversion in parts or ():
        pieces.append(literal.replace("%", "%%"))
        if field_name is None:
            continue
        if field_name not in names or spec or conversion not in (None, "s", "r", "a"):
            parts = None
            break
        order.append(names.index(field_name))
        pieces.append("%" + (conversion or "s"))
    if parts is None:
        return lambda values: template.format_map(dict(zip(names, values, strict=True)))
    fmt = "".join(pieces)
    if order == list(range(len(names))):
        return fmt.__mod__
    pick = [*order]
    return lambda values: fmt % tuple([values[k] for k in pick])


def _rule_sort_key(rule_id: str) -> tuple:
    # EGOV-R2 before EGOV-R10: split the trailing number off.
    head = rule_id.rstrip("0123456789")
    tail = rule_id[len(head):]
    return (head, int(tail) if tail else -1, rule_id)


def _no_check(*args: object, **kwargs: object) -> list:
    raise TypeError("this rule was built without a check function")


#: Framework versions the bundled framework models cover (``vn-province-<version>``);
#: the default of :attr:`Rule.frameworks`.
FRAMEWORK_VERSIONS: tuple[str, ...] = ("1.0", "2.0", "3.0", "4.0")
#: Versions from v2.0 on: rules about blocks that v2.0 introduced.
FROM_V2: tuple[str, ...] = ("2.0", "3.0", "4.0")


@dataclass(frozen=True)
class Rule:
    """Metadata of a registered rule and the function that runs it.

    ``check(index, found)`` yields findings made with ``found(message, elements=...,
    relationships=..., fix=..., missing=..., view=...)``: :class:`Finding` with the
    rule's id and severity already filled in by the engine (``found`` is a :class:`Finder`;
    a rule making many findings of one kind makes them with a :meth:`Finder.maker`).
    """

    id: str
    title: str
    severity: str
    category: str
    rationale: str
    basis: str
    frameworks: tuple[str, ...] = FRAMEWORK_VERSIONS
    models: str = "any"
    check: Callable = field(default=_no_check, repr=False, compare=False)
    legal: tuple[LegalBasis, ...] = ()
    since: Optional[date] = None
    until: Optional[date] = None
    replaced_by: Optional[str] = None

    def applies_to_version(self, version: Optional[str]) -> bool:
        """Whether the rule applies to a model of framework ``version`` (``None``: unknown, yes)."""
        return version is None or version in self.frameworks

    def in_force(self, on: date) -> bool:
        """Whether the rule is in force on ``on`` (``since`` inclusive, ``until`` exclusive)."""
        return (self.since is None or self.since <= on) and (self.until is None or on < self.until)

    def not_in_force_reason(self, on: date) -> Optional[str]:
        """Why the rule is not in force on ``on`` (``None`` when it is), as a :class:`~eaframe.i18n.Msg`."""
        if self.since is not None and on < self.since:
            starting = [b.instrument.name for b in self.legal if b.instrument.binding and b.instrument.start == self.since]
            if starting:
                return msg("not in force on {on}: in force from {since} ({instruments})", on=on.isoformat(),
                           since=self.since.isoformat(), instruments=Join(map(_names, starting), ", "))
            return msg("not in force on {on}: in force from {since}", on=on.isoformat(), since=self.since.isoformat())
        if self.until is not None and on >= self.until:
            return msg("not in force on {on}: replaced by {by} on {until}", on=on.isoformat(),
                       by=_names(self.replaced_by) if self.replaced_by else msg("nothing"),
                       until=self.until.isoformat())
        return None

    def title_in(self, lang: Optional[str] = None) -> str:
        """The rule's title in ``lang`` (``None``: English, as registered)."""
        return self.title if lang is None else translator(lang)(self.title)

    def rationale_in(self, lang: Optional[str] = None) -> str:
        """The rule's rationale in ``lang`` (``None``: English, as registered)."""
        return self.rationale if lang is None else translator(lang)(self.rationale)

    def basis_in(self, lang: Optional[str] = None) -> str:
        """The rule's basis (norm and article, or convention) in ``lang`` (``None``: English, as registered)."""
        return self.basis if lang is None else translator(lang)(self.basis)

    def bases_on(self, on: date) -> tuple[LegalBasis, ...]:
        """The legal bases whose instrument applies on ``on``."""
        return tuple(b for b in self.legal if b.in_force(on))

    def period_dict(self) -> dict:
        """``{from, until, replaced_by}`` of the rule (ISO dates or ``None``)."""
        return {"from": _iso(self.since), "until": _iso(self.until), "replaced_by": self.replaced_by}

    @property
    def sort_key(self) -> tuple:
        return _rule_sort_key(self.id)


#: Every registered rule by id, in registration order (the order of :mod:`eaframe.checks`).
REGISTRY: dict[str, Rule] = {}


def rule(
    id: str,
    title: str,
    severity: Severity,
    category: str,
    rationale: str,
    basis: str,
    frameworks: Iterable[str] = FRAMEWORK_VERSIONS,
    models: ModelKind = "any",
    legal: Iterable[LegalBasis] = (),
    since: Optional[date] = None,
    until: Optional[date] = None,
    replaced_by: Optional[str] = None,
) -> Callable[[Callable], Callable]:
    """Register the decorated function as rule ``id``.

    Parameters
    ----------
    id
        Unique rule id, e.g. ``EGOV-R1``.
    title
        One line saying what the rule requires.
    severity
        ``error``, ``warning`` or ``info``: the severity of every finding of the rule.
    category
        ``interconnection``, ``conformance`` or ``hygiene``.
    rationale
        Why the rule matters.
    basis
        The legal or framework basis (norm and article, or the modelling convention).
    frameworks
        Framework versions (``metadata.framework_version``) the rule applies to.
    models
        ``province``, ``realising`` or ``any`` (see :data:`ModelKind`).
    legal
        The legal bases (:class:`LegalBasis`).
    since, until
        The period in which the rule is in force (``until`` exclusive). By default it is
        derived from the binding instruments of ``legal``: from the earliest start, and
        until the latest ``until`` when every one has ended (open otherwise). No binding
        instrument with a known start: in force on every date.
    replaced_by
        The rule (and instrument) that takes over on ``until``, e.g. ``EGOV-R11 (Decree
        107/2021/NĐ-CP)``.

    Raises
    ------
    DuplicateRuleError
        When ``id`` is already registered.

    Examples
    --------
    >>> try:
    ...     @rule("EGOV-R1", "again", "info", "hygiene", "r", "b")
    ...     def again(ix, found):
    ...         return []
    ... except DuplicateRuleError as err:
    ...     print(err)
    rule id 'EGOV-R1' is already registered (by r1_no_point_to_point); rule ids must be unique
    """
    severity_rank(severity)
    legal = tuple(legal)
    binding = [b.instrument for b in legal if b.instrument.binding]
    if since is None:
        starts = [i.start for i in binding if i.start is not None]
        since = min(starts) if starts else None
    if until is None and binding and all(i.until is not None for i in binding):
        until = max(i.until for i in binding if i.until is not None)
    if models not in ("province", "realising", "any"):
        raise ValueError(f"models must be 'province', 'realising' or 'any', not {models!r}")

    def register(fn: Callable) -> Callable:
        if id in REGISTRY:
            raise DuplicateRuleError(
                f"rule id {id!r} is already registered (by {REGISTRY[id].check.__name__}); rule ids must be unique"
            )
        REGISTRY[id] = Rule(id=id, title=title, severity=severity, category=category, rationale=rationale,
                            basis=basis, frameworks=tuple(frameworks), models=models, check=fn, legal=legal,
                            since=since, until=until, replaced_by=replaced_by)
        return fn

    return register
