"""Typed field types shared by elements, relationships, views and model metadata.

These are the e-government attributes of eaframe as validated pydantic types: ids,
bilingual text, status, security level (Decree 85/2016), procurement mode, online
public-service level (Decree 43/2011 levels 1–4; Decree 42/2022 full/partial),
provenance (source ids and confidence tags of the domain reference), numeric targets
and budgets.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal, Optional, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    model_validator,
)

__all__ = [
    "Id",
    "SourceId",
    "LangCode",
    "PropertyKey",
    "PropertyValue",
    "scalar_to_str",
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

PropertyKey = Annotated[str, StringConstraints(min_length=1, max_length=200)]


def scalar_to_str(value: object) -> object:
    """Accept a YAML number or boolean where a string is expected (``1.0`` → ``"1.0"``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value


PropertyValue = Annotated[str, BeforeValidator(scalar_to_str)]
"""A property value: a string (numbers and booleans written in YAML are accepted as text)."""


def _nfc(value: Optional[str]) -> Optional[str]:
    # Vietnamese text can arrive decomposed (NFD) from some editors; keep one form so
    # that comparisons, diffs and exports are stable.
    if value is None or value.isascii():
        return value
    return unicodedata.normalize("NFC", value)


NfcStr = Annotated[str, AfterValidator(_nfc)]


class Text(BaseModel):
    """Text in Vietnamese and English (and optionally more languages).

    Examples
    --------
    >>> t = Text(vi="Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh", en="Provincial LGSP")
    >>> t.get("en")
    'Provincial LGSP'
    >>> t.get("fr", fallback=True)
    'Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh'
    """

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    vi: Optional[NfcStr] = None
    """Vietnamese text, with full diacritics (stored in Unicode NFC)."""
    en: Optional[NfcStr] = None
    """English text."""
    other: dict[LangCode, NfcStr] = Field(default_factory=dict)
    """Further languages by language tag (kept through every round trip)."""

    def get(self, lang: str, fallback: bool = False) -> Optional[str]:
        """Return the text in ``lang``; with ``fallback``, the first non-empty one."""
        value = self.vi if lang == "vi" else self.en if lang == "en" else self.other.get(lang)
        if value or not fallback:
            return value
        for candidate in (self.vi, self.en, *self.other.values()):
            if candidate:
                return candidate
        return None

    def items(self) -> list[tuple[str, str]]:
        """All ``(language, text)`` pairs that are set, ``vi`` and ``en`` first."""
        out = []
        if self.vi is not None:
            out.append(("vi", self.vi))
        if self.en is not None:
            out.append(("en", self.en))
        out.extend(sorted(self.other.items()))
        return out

    def __bool__(self) -> bool:
        return bool(self.vi or self.en or self.other)

    @classmethod
    def from_items(cls, pairs: list[tuple[Optional[str], str]], default_lang: str = "en") -> Text:
        """Build from ``(language or None, text)`` pairs; untagged text goes to ``default_lang``."""
        data: dict = {}
        other: dict[str, str] = {}
        for lang, value in pairs:
            lang = lang or default_lang
            if lang in ("vi", "en"):
                data.setdefault(lang, value)
            else:
                other.setdefault(lang, value)
        return cls(**data, other=other)


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


class Target(BaseModel):
    """A numeric target carried by a motivation element (Goal, Outcome, Requirement).

    Examples
    --------
    >>> Target(indicator="online_level4_dossier_share", value=30, unit="%").is_met(31.5)
    True
    """

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    indicator: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    """Machine name of the indicator the target applies to (scorecard key)."""
    value: float
    """Target value, e.g. ``30`` for 30 %."""
    unit: Annotated[str, StringConstraints(min_length=1, max_length=32)] = "%"
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


Amount = Annotated[Decimal, PlainSerializer(_decimal_out, when_used="json")]


class Budget(BaseModel):
    """A budget split into investment and operating (recurrent) funds.

    Amounts are exact decimals in ``unit`` (default million VND). When all three are
    given, ``investment + operating`` must equal ``total``.

    Examples
    --------
    >>> Budget(total=150126, investment=102434, operating=47692).total
    Decimal('150126')
    """

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    total: Amount = Field(ge=0)
    """Total amount."""
    investment: Optional[Amount] = Field(default=None, ge=0)
    """Investment (capital) part (vốn đầu tư)."""
    operating: Optional[Amount] = Field(default=None, ge=0)
    """Operating / recurrent part (kinh phí sự nghiệp)."""
    unit: str = "million VND"
    """Unit of the amounts."""

    @model_validator(mode="after")
    def _parts_sum_to_total(self) -> Budget:
        if self.investment is not None and self.operating is not None:
            if self.investment + self.operating != self.total:
                raise ValueError(
                    f"investment ({self.investment}) + operating ({self.operating}) = "
                    f"{self.investment + self.operating}, but total is {self.total}"
                )
        return self


class Instrument(BaseModel):
    """The legal instrument that issued or approved an architecture."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    kind: InstrumentKind
    """Letter (công văn), decision (quyết định), ..."""
    number: Optional[str] = None
    """Official number, e.g. ``2323/QĐ-BTTTT``; ``None`` when not known."""
    date: Optional[_dt.date] = None
    """Date of issue; ``None`` when not known."""
    # (annotated through the module: a bare ``date`` here would name this field itself)
    issuer: Optional[Text] = None
    """Issuing body."""


class Source(BaseModel):
    """One entry of a model's sources table (what a source id such as ``S22`` means)."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    title: str
    """Title of the document or page."""
    url: Optional[str] = None
    """Where it can be read."""
    note: Optional[str] = None
    """What it establishes, or caveats."""
    confidence: Optional[Confidence] = None
    """How far the source itself can be trusted for what it is cited for: ``V`` the text
    (or a faithful copy of it) was read; ``V2`` a weak secondary source (news rewrite,
    aggregator, public repository text). A concept tagged ``V`` should cite at least one
    ``V`` source."""
