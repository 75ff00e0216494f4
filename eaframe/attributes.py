"""Typed field types shared by elements, relationships, views and model metadata.

These are the e-government attributes of eaframe as validated pydantic types: ids,
bilingual text, status, security level (Decree 85/2016), procurement mode, online
public-service level (Decree 43/2011 levels 1–4; Decree 42/2022 full/partial),
provenance (source ids and confidence tags of the domain reference), numeric targets
and budgets.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_validator,
)

from ._field_docs import FieldDocs

__all__ = [
    "Id",
    "SourceId",
    "LangCode",
    "PropertyKey",
    "PropertyValue",
    "PropertyText",
    "LangMap",
    "property_items",
    "property_text",
    "scalar_to_str",
    "clean_text",
    "CleanStr",
    "WholeNumber",
    "NotBool",
    "FiniteNumber",
    "Text",
    "Status",
    "Confidence",
    "Procurement",
    "Scope",
    "ServiceMode",
    "AccessType",
    "InstrumentKind",
    "Comparison",
    "Target",
    "Budget",
    "Instrument",
    "Source",
    "ID_PATTERN",
]

#: Pattern of a concept id: an XML NCName (letters, digits, ``_ . -``; not starting
#: with a digit, ``.`` or ``-``), so that every id is usable as an ArchiMate exchange id.
ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_.\-]*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=200)]
"""Concept id, e.g. ``prov.lgsp``. Stable across model versions; an XML NCName."""

SourceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_.\-]*$", max_length=64)]
"""A reference to an entry of the model's ``metadata.sources`` table, e.g. ``S22``."""

LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
"""A BCP 47 language tag as used in ``xml:lang`` (``vi``, ``en``, ``en-GB``)."""

#: Characters no text of a model may contain: C0 controls other than TAB and LF (CR
#: is turned into LF first), DEL and the C1 controls, lone surrogates (not characters
#: at all) and the noncharacters U+FFFE/U+FFFF. XML 1.0 cannot carry most of them, YAML
#: and GraphML readers refuse them and terminals act on them, so refusing them when a
#: model is built lets every writer (YAML, JSON, exchange XML, CSV, GraphML, DOT) write
#: whatever loaded.
_FORBIDDEN_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
TEXT_RULE = ("text may contain any character except control characters (U+0000-U+001F other than TAB and "
             "line feed, U+007F-U+009F), lone surrogates and U+FFFE/U+FFFF")


def clean_text(value: str) -> str:
    """Check and normalise one piece of model text (the rule every string field follows).

    Line breaks CR LF and lone CR become LF (as YAML and XML readers do); any other
    control character, a lone surrogate or U+FFFE/U+FFFF is refused with a
    ``ValueError`` naming it and its position; text is stored in Unicode NFC (Vietnamese
    text can arrive decomposed from some editors; one form keeps comparisons, diffs
    and exports stable).

    Examples
    --------
    >>> clean_text("a\\r\\nb")
    'a\\nb'
    >>> clean_text("a\\x07")
    Traceback (most recent call last):
    ...
    ValueError: control character U+0007 at position 2 of the text; text may contain any character except control characters (U+0000-U+001F other than TAB and line feed, U+007F-U+009F), lone surrogates and U+FFFE/U+FFFF
    """
    if not value.isprintable():
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        bad = _FORBIDDEN_CHAR.search(value)
        if bad is not None:
            code = ord(bad.group())
            what = "lone surrogate" if 0xD800 <= code <= 0xDFFF else \
                "noncharacter" if code >= 0xFFFE else "control character"
            raise ValueError(f"{what} U+{code:04X} at position {bad.start() + 1} of the text; {TEXT_RULE}")
    if value.isascii():
        return value
    return unicodedata.normalize("NFC", value)


CleanStr = Annotated[str, AfterValidator(clean_text)]
"""A string that follows :func:`clean_text`: no control characters (TAB and LF
allowed, CR normalised to LF), no lone surrogates, stored in NFC."""

PropertyKey = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(clean_text)]



def _not_bool(value: object) -> object:
    # pydantic reads True as 1 in int and float fields; a YAML ``true`` is not a level
    if isinstance(value, bool):
        from .i18n import msg

        raise ValueError(msg("expected a number, not the boolean {value}", value=str(value).lower()))
    return value


NotBool = BeforeValidator(_not_bool)
"""Refuses a boolean where a number is meant (pydantic would read ``true`` as 1). Put
it after the constraints, ``Annotated[int, Field(ge=1), NotBool]``, so that they stay
in the JSON Schema."""

WholeNumber = Annotated[int, NotBool]
"""An integer (also from its text, as exchange properties carry it); a boolean such
as YAML ``true`` is refused rather than read as 1."""

FiniteNumber = Annotated[float, AllowInfNan(False), BeforeValidator(_not_bool)]
"""A finite number: NaN, infinities and booleans are refused, so that every writer can
write it (JSON has no NaN or Infinity)."""


def scalar_to_str(value: object) -> object:
    """Accept a YAML number or boolean where a string is expected (``1.0`` → ``"1.0"``).

    NaN and infinities are refused (they are not numbers a writer can carry): write them
    in quotes when they are meant as text.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        from .i18n import msg

        raise ValueError(msg("{value} is not a finite number; write it in quotes if it is meant as text", value=value))
    if isinstance(value, (int, float)):
        return str(value)
    return value


PropertyText = Annotated[str, BeforeValidator(scalar_to_str), AfterValidator(clean_text)]
"""One property value as text (numbers and booleans written in YAML are accepted as text)."""

LangMap = Annotated[dict[LangCode, PropertyText], Field(min_length=1)]
"""A property value in several languages, ``{vi: ..., en: ...}`` (an exchange ``<property>``
whose ``<value>`` elements carry ``xml:lang``)."""


def _one_value(value: object, handler: ValidatorFunctionWrapHandler) -> object:
    if not isinstance(value, (list, dict)):
        # text (the usual form) is checked directly: one clear error rather than one per union member
        value = scalar_to_str(value)
        if not isinstance(value, str):
            from .i18n import msg

            raise ValueError(msg("expected text, a language map or a list of values, not {kind}",
                                 kind=type(value).__name__))
        return clean_text(value)
    value = handler(value)
    # a list of one value is written as that value: one canonical form
    if isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


PropertyValue = Annotated[Union[PropertyText, LangMap, list[Union[PropertyText, LangMap]]],
                          WrapValidator(_one_value)]
"""A property value: a string (the usual form); a language map ``{vi: ..., en: ...}`` for
a value in several languages; or a list of those when the key is repeated on one concept
(in order, as the exchange file has them). A list of one value is stored as that value."""


def property_items(value: Union[str, dict[str, str], list]) -> list[tuple[Optional[str], str]]:
    """All ``(language or None, text)`` pairs of a property value, in order.

    >>> property_items("a")
    [(None, 'a')]
    >>> property_items(["a", {"vi": "b", "en": "c"}])
    [(None, 'a'), ('vi', 'b'), ('en', 'c')]
    """
    out: list[tuple[Optional[str], str]] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            out.extend(item.items())
        else:
            out.append((None, item))
    return out


def property_text(value: Union[str, dict[str, str], list]) -> str:
    """A property value as one line of text: repeated values joined by ``"; "``, languages
    shown as ``vi: ...``.

    >>> property_text(["a", {"vi": "b", "en": "c"}])
    'a; vi: b; en: c'
    """
    if isinstance(value, str):
        return value
    return "; ".join(f"{lang}: {text}" if lang else text for lang, text in property_items(value))

NfcStr = CleanStr

_new, _setattr = object.__new__, object.__setattr__

# Shared sets of set fields (issue 16: objects the garbage collector tracks). pydantic
# gives every model instance its own set of the fields that were set; a loaded model
# has hundreds of thousands of concepts and texts whose sets hold the same few names.
# share_fields_set() replaces an instance's set with one shared set of the same names
# (a set per combination, at most _SHARED_LIMIT of them, kept for the process);
# own_fields_set() gives it back a set of its own before pydantic adds to it (on an
# assignment), and unshared_state() a set of its own in a pickle. Copies get their own
# set from pydantic (``__copy__``/``__deepcopy__`` copy it).
_SHARED_SETS: dict[frozenset[str], set[str]] = {}
_SHARED_IDS: set[int] = set()  # ids of the shared sets (kept alive by _SHARED_SETS or the module)
_SHARED_LIMIT = 4096


def share_fields_set(obj: BaseModel) -> None:
    """Let ``obj`` share its set of set fields with the other instances that set the same fields.

    Only for instances of classes that call :func:`own_fields_set` before every
    assignment and :func:`unshared_state` in ``__getstate__`` (:class:`Text` and
    :class:`~eaframe.elements.Concept`).
    """
    fields = obj.__pydantic_fields_set__
    if id(fields) in _SHARED_IDS:
        return
    key = frozenset(fields)
    shared = _SHARED_SETS.get(key)
    if shared is None:
        if len(_SHARED_SETS) >= _SHARED_LIMIT:
            return
        candidate = set(key)
        _SHARED_IDS.add(id(candidate))
        shared = _SHARED_SETS.setdefault(key, candidate)
    _setattr(obj, "__pydantic_fields_set__", shared)


def fields_set_sharer() -> Callable[[BaseModel], None]:
    """:func:`share_fields_set` for many instances in a row, cheaper per instance.

    The returned function gives each instance the same shared set as
    :func:`share_fields_set` would; it first compares the instance's set with the last
    set it shared for the same class and number of fields (instances read from one file
    mostly set the same fields as the one before of their class), and only looks the set
    up by its contents when they differ.
    """
    recent: dict[tuple[type, int], set[str]] = {}
    shared_ids = _SHARED_IDS

    def share(obj: BaseModel) -> None:
        fields = obj.__pydantic_fields_set__
        key = (type(obj), len(fields))
        shared = recent.get(key)
        if shared is not None and shared == fields:
            _setattr(obj, "__pydantic_fields_set__", shared)
            return
        share_fields_set(obj)
        fields = obj.__pydantic_fields_set__
        if id(fields) in shared_ids:
            recent[key] = fields

    return share


def own_fields_set(obj: BaseModel) -> None:
    """Give ``obj`` a set of set fields of its own if it shares one (before pydantic adds to it)."""
    fields = obj.__pydantic_fields_set__
    if id(fields) in _SHARED_IDS:
        _setattr(obj, "__pydantic_fields_set__", set(fields))


def unshared_state(state: dict[Any, Any]) -> dict[Any, Any]:
    """A pickled state (``BaseModel.__getstate__``) with a set of set fields of its own, so
    that instances that share one here do not share one (unknown as shared) once unpickled."""
    fields = state["__pydantic_fields_set__"]
    if id(fields) in _SHARED_IDS:
        state = {**state, "__pydantic_fields_set__": set(fields)}
    return state


class Text(FieldDocs, BaseModel):
    """Text in Vietnamese and English (and optionally more languages, or none).

    Examples
    --------
    >>> t = Text(vi="Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh", en="Provincial LGSP")
    >>> t.get("en")
    'Provincial LGSP'
    >>> t.get("fr", fallback=True)
    'Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh'
    >>> Text(untagged="Customer").items()
    [(None, 'Customer')]
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    vi: Optional[NfcStr] = None
    """Vietnamese text, with full diacritics (stored in Unicode NFC)."""
    en: Optional[NfcStr] = None
    """English text."""
    other: dict[LangCode, NfcStr] = Field(default_factory=dict)
    """Further languages by language tag (kept through every round trip)."""
    untagged: Optional[NfcStr] = None
    """Text without a language tag in its source (an exchange ``<name>`` without ``xml:lang``,
    a name in Archi's native format); written back without one."""

    @classmethod
    def _unset(cls) -> Text:
        """An empty text for a concept without a name (the default of ``Concept.name``).

        It is ``Text()`` except that it shares one empty set of set fields with the other
        unset texts (a model has one per unnamed relationship, and an empty set is 216
        bytes and an object the garbage collector tracks); :meth:`__setattr__` gives a text
        its own set before its first assignment, and copies get their own from pydantic.
        It is made directly (the fields pydantic would set, with their defaults) rather
        than validated: there is nothing to validate, and it is made once per unnamed
        concept of every model read.

        Its fields are set one by one rather than as a ``__dict__`` (what pydantic does), so
        CPython keeps them in the instance's inline values and makes no dict for them until
        something asks for ``__dict__`` (pydantic's dumps, comparisons, copies and
        assignments do, and get the same dict): one object less for the garbage collector
        to track per unnamed concept, and 100 bytes less.
        """
        text = _new(cls)
        _setattr(text, "vi", None)
        _setattr(text, "en", None)
        _setattr(text, "other", {})
        _setattr(text, "untagged", None)
        _setattr(text, "__pydantic_fields_set__", _UNSET_FIELDS)
        _setattr(text, "__pydantic_extra__", None)
        _setattr(text, "__pydantic_private__", None)
        return text

    def __setattr__(self, name: str, value: object) -> None:
        own_fields_set(self)
        super().__setattr__(name, value)

    def __getstate__(self) -> dict[Any, Any]:
        return unshared_state(super().__getstate__())

    def __eq__(self, other: object) -> bool:
        """What pydantic's ``__eq__`` answers for a text (same class, equal fields; a text has
        no private or extra state), without asking either text for its ``__dict__``: an unset
        text (:meth:`_unset`) keeps its fields inline and would otherwise make a dict, and keep
        it, at its first comparison (a diff or a merge compares every unnamed concept's name)."""
        if type(other) is not type(self):
            return NotImplemented if not isinstance(other, BaseModel) else False
        return (self.vi == other.vi and self.en == other.en and self.untagged == other.untagged
                and self.other == other.other)

    __hash__ = None  # type: ignore[assignment]  # as before: a mutable text is not hashable

    def get(self, lang: str, fallback: bool = False) -> Optional[str]:
        """Return the text in ``lang``; with ``fallback``, the first non-empty one (``vi``,
        ``en``, the untagged text, then the other languages)."""
        value = self.vi if lang == "vi" else self.en if lang == "en" else self.other.get(lang)
        if value or not fallback:
            return value
        for candidate in (self.vi, self.en, self.untagged, *self.other.values()):
            if candidate:
                return candidate
        return None

    def items(self) -> list[tuple[Optional[str], str]]:
        """All ``(language, text)`` pairs that are set: the untagged text first (language
        ``None``), then ``vi``, ``en`` and the other languages by tag."""
        out: list[tuple[Optional[str], str]] = []
        if self.untagged is not None:
            out.append((None, self.untagged))
        if self.vi is not None:
            out.append(("vi", self.vi))
        if self.en is not None:
            out.append(("en", self.en))
        out.extend(sorted(self.other.items()))
        return out

    def __bool__(self) -> bool:
        return bool(self.vi or self.en or self.other or self.untagged)

    @classmethod
    def from_items(cls, pairs: list[tuple[Optional[str], str]], default_lang: Optional[str] = None) -> Text:
        """Build from ``(language or None, text)`` pairs; untagged text goes to ``default_lang``
        when one is given, else to :attr:`untagged`. The first text of a language wins."""
        data: dict = {}
        other: dict[str, str] = {}
        for lang, value in pairs:
            lang = lang or default_lang
            if not lang:
                data.setdefault("untagged", value)
            elif lang in ("vi", "en"):
                data.setdefault(lang, value)
            else:
                other.setdefault(lang, value)
        return cls(**data, other=other)


#: The set of set fields shared by the texts of :meth:`Text._unset` (never changed).
_UNSET_FIELDS: set[str] = set()
_SHARED_IDS.add(id(_UNSET_FIELDS))
# CPython keeps an instance's attributes in inline values only while the names are in
# its class's table of shared keys, which takes fewer new names with every instance
# made (the texts pydantic validates count too): one unset text made now puts the four
# field names there, so that Text._unset() keeps its fields inline however many texts
# were made before it.
Text._unset()


class Status(StrEnum):
    """Life-cycle status of a building block."""

    EXISTING = "existing"
    PLANNED = "planned"
    RETIRED = "retired"


class Confidence(StrEnum):
    """How well a modelled fact is established (tags of the domain reference).

    ``V`` verified in a listed source; ``V2`` seen only in a weak secondary source;
    ``K`` background knowledge, not yet confirmed; ``I`` inference, modelling choice or
    illustrative value.
    """

    V = "V"
    V2 = "V2"
    K = "K"
    I = "I"  # noqa: E741 - the tag is literally "I"


class Scope(StrEnum):
    """Whose system a building block is: the province's, a national one, or outside the State."""

    PROVINCIAL = "provincial"
    NATIONAL = "national"
    EXTERNAL = "external"


class Procurement(StrEnum):
    """How an IT capability is procured (Decision 80/2014/QĐ-TTg prefers leasing)."""

    INVEST = "invest"
    LEASE = "lease"


class ServiceMode(StrEnum):
    """Online public service mode under Decree 42/2022/NĐ-CP."""

    FULL = "full"
    PARTIAL = "partial"


class AccessType(StrEnum):
    """Access relationship mode (ArchiMate ``accessType``); ``access`` = unspecified."""

    ACCESS = "access"
    READ = "read"
    WRITE = "write"
    READ_WRITE = "read_write"


class InstrumentKind(StrEnum):
    """Kind of legal instrument that issued an architecture."""

    LETTER = "letter"
    DECISION = "decision"
    DECREE = "decree"
    CIRCULAR = "circular"
    RESOLUTION = "resolution"
    PLAN = "plan"
    OTHER = "other"


Comparison = Literal[">=", ">", "<=", "<", "=="]


class Target(FieldDocs, BaseModel):
    """A numeric target carried by a motivation element (Goal, Outcome, Requirement).

    Examples
    --------
    >>> Target(indicator="online_level4_dossier_share", value=30, unit="%").is_met(31.5)
    True
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    indicator: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    """Machine name of the indicator the target applies to (scorecard key)."""
    value: FiniteNumber
    """Target value, e.g. ``30`` for 30 % (a finite number)."""
    unit: Annotated[str, StringConstraints(min_length=1, max_length=32), AfterValidator(clean_text)] = "%"
    """Unit of ``value``."""
    comparison: Comparison = ">="
    """How an actual value is compared with ``value`` to decide whether it is met."""
    deadline: Optional[date] = None
    """Date by which the target should be met."""

    def is_met(self, actual: float) -> bool:
        """Whether ``actual`` meets this target."""
        return {
            ">=": actual >= self.value,
            ">": actual > self.value,
            "<=": actual <= self.value,
            "<": actual < self.value,
            "==": actual == self.value,
        }[self.comparison]


def _decimal_out(value: Decimal) -> Union[int, str]:
    # Whole amounts are written as plain numbers; fractional ones as exact decimal text.
    return int(value) if value == value.to_integral_value() else str(value)


Amount = Annotated[Decimal, Field(max_digits=30), PlainSerializer(_decimal_out, when_used="json")]


class Budget(FieldDocs, BaseModel):
    """A budget split into investment and operating (recurrent) funds.

    Amounts are exact decimals in ``unit`` (default million VND) of at most 30 digits
    (finite: no NaN or infinity). When all three are given, ``investment + operating`` must equal ``total``.

    Examples
    --------
    >>> Budget(total=150126, investment=102434, operating=47692).total
    Decimal('150126')
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    total: Amount = Field(ge=0)
    """Total amount."""
    investment: Optional[Amount] = Field(default=None, ge=0)
    """Investment (capital) part (vốn đầu tư)."""
    operating: Optional[Amount] = Field(default=None, ge=0)
    """Operating / recurrent part (kinh phí sự nghiệp)."""
    unit: CleanStr = "million VND"
    """Unit of the amounts."""

    def __setattr__(self, name: str, value: object) -> None:
        # pydantic stores an assigned value before the model-level check below runs; put
        # the old one back when the check fails, so a refused assignment changes nothing.
        before = dict(self.__dict__)
        try:
            super().__setattr__(name, value)
        except ValidationError:
            self.__dict__.update(before)
            raise

    @model_validator(mode="after")
    def _parts_sum_to_total(self) -> Budget:
        if self.investment is not None and self.operating is not None:
            if self.investment + self.operating != self.total:
                raise ValueError(
                    f"investment ({self.investment}) + operating ({self.operating}) = "
                    f"{self.investment + self.operating}, but total is {self.total}"
                )
        return self


class Instrument(FieldDocs, BaseModel):
    """The legal instrument that issued or approved an architecture."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    kind: InstrumentKind
    """Letter (công văn), decision (quyết định), ..."""
    number: Optional[CleanStr] = None
    """Official number, e.g. ``2323/QĐ-BTTTT``; ``None`` when not known."""
    date: Optional[_dt.date] = None
    """Date of issue; ``None`` when not known."""
    # (annotated through the module: a bare ``date`` here would name this field itself)
    issuer: Optional[Text] = None
    """Issuing body."""


class Source(FieldDocs, BaseModel):
    """One entry of a model's sources table (what a source id such as ``S22`` means)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    title: CleanStr
    """Title of the document or page."""
    url: Optional[CleanStr] = None
    """Where it can be read."""
    note: Optional[CleanStr] = None
    """What it establishes, or caveats."""
    confidence: Optional[Confidence] = None
    """How far the source itself can be trusted for what it is cited for: ``V`` the text
    (or a faithful copy of it) was read; ``V2`` a weak secondary source (news rewrite,
    aggregator, public repository text). A concept tagged ``V`` should cite at least one
    ``V`` source."""
