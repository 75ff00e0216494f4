"""Typed attributes ⇄ exchange properties: the ``eaframe:`` property naming.

ArchiMate tools know only free-text properties. eaframe's typed fields (status,
scope, security level, sources, confidence, targets, budgets, ...) are written as
properties whose key is ``eaframe:`` + the field name, and read back into the typed
fields, so that a model survives a trip through Archi exactly:

* scalars: ``eaframe:security_level`` = ``3``; booleans ``true``/``false``; enums by
  value (``eaframe:status`` = ``planned``); floats in shortest exact form;
* lists of ids: space-separated (``eaframe:sources`` = ``S14 S22``);
* nested records: one key per field (``eaframe:target.value``, ``eaframe:budget.total``);
* tables keyed by id: ``eaframe:sources.S14.title``;
* bilingual text: one property value per language (``xml:lang``).

Keys starting with ``eaframe:`` that name no typed field are kept as free properties.

Examples
--------
>>> from eaframe.elements import ApplicationComponent
>>> e = ApplicationComponent(id="a", security_level=3, sources=["S1", "S2"], properties={"code": "X1"})
>>> [(k, v) for k, v, _ in encode_fields(e, element_plan())]
[('eaframe:sources', 'S1 S2'), ('eaframe:security_level', '3')]
>>> data = {}
>>> decode_field(data, element_plan(), "eaframe:security_level", [(None, "3")])
True
>>> data
{'security_level': '3'}
"""

from __future__ import annotations

import functools
import operator
import typing
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache
from itertools import chain, compress, count, repeat
from typing import Any, Optional, Union

from pydantic import BaseModel

from ..attributes import Text
from ..elements import ELEMENT_TYPES, FIELD_ORDER
from ..model import ArchitectureModel, ModelMetadata
from ..relationships import Relationship

__all__ = [
    "PREFIX",
    "Plan",
    "element_plan",
    "relationship_plan",
    "metadata_plan",
    "encode_metadata",
    "encode_fields",
    "decode_field",
    "text_pairs",
    "text_data",
    "text_languages",
    "model_languages",
    "scalar_text",
]

#: Prefix of the property keys that carry typed eaframe fields.
PREFIX = "eaframe:"

# A plan maps a field name to (kind, sub-plan or None, property data type).
Plan = dict[str, tuple[str, Any, str]]

_COMMON = {"id", "type", "name", "documentation", "properties"}
_RELATIONSHIP_ATTRS = {"source", "target", "access_type", "modifier", "is_directed"}


def _unwrap(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin is Union or str(origin) == "types.UnionType":
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else tp
    return tp


def _dtype(tp: Any) -> str:
    if tp is bool:
        return "boolean"
    if isinstance(tp, type) and issubclass(tp, (int, float, Decimal)) and not issubclass(tp, Enum):
        return "number"
    if tp is date:
        return "date"
    return "string"


def _plan_of(cls: type[BaseModel], exclude: set[str]) -> Plan:
    plan: Plan = {}
    for name, field in cls.model_fields.items():
        if name in exclude:
            continue
        tp = _unwrap(field.annotation)
        origin = typing.get_origin(tp)
        if tp is Text:
            plan[name] = ("text", None, "string")
        elif origin in (list, tuple):
            plan[name] = ("list", None, "string")
        elif origin is dict:
            val = _unwrap(typing.get_args(tp)[1])
            if isinstance(val, type) and issubclass(val, BaseModel):
                plan[name] = ("table", _plan_of(val, set()), "string")
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            plan[name] = ("record", _plan_of(tp, set()), "string")
        else:
            plan[name] = ("scalar", None, _dtype(tp))
    return plan


@cache
def element_plan() -> Plan:
    """Typed element fields written as ``eaframe:`` properties (those of every element type).

    :func:`encode_fields` writes, of these, the fields that the element's type has.
    """
    plan: Plan = {}
    for cls in ELEMENT_TYPES.values():
        for name, entry in _plan_of(cls, _COMMON).items():
            plan.setdefault(name, entry)
    order = {name: i for i, name in enumerate(FIELD_ORDER)}
    return dict(sorted(plan.items(), key=lambda kv: order.get(kv[0], -1)))


@cache
def relationship_plan() -> Plan:
    """Typed relationship fields written as properties (type attributes are XML attributes)."""
    return _plan_of(Relationship, _COMMON | _RELATIONSHIP_ATTRS)


@cache
def metadata_plan() -> Plan:
    """Model metadata written as model properties (title and documentation are not)."""
    return _plan_of(ModelMetadata, {"title", "documentation", "properties", "identifier", "version",
                                     "property_types"})


def encode_metadata(md: ModelMetadata, implied: Optional[list[str]] = None) -> list[tuple[str, Any, str]]:
    """:func:`encode_fields` of model metadata; ``lenient`` only when true (files of strict
    models stay as they were before the field existed), ``languages`` only when not the
    list a reader infers without it, ``implied`` (default ``[vi, en]``; the exchange writer
    gives :func:`model_languages`), so that no eaframe property is added to a file that had none."""
    fields = encode_fields(md, metadata_plan())
    skip = {f"{PREFIX}languages"} if md.languages == (["vi", "en"] if implied is None else implied) else set()
    if not md.lenient:
        skip.add(f"{PREFIX}lenient")
    return [f for f in fields if f[0] not in skip] if skip else fields


def scalar_text(value: Any) -> str:
    """Text form of a scalar field value (exact: parsing it gives the value back)."""
    if isinstance(value, Enum):
        return str(value.value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def text_pairs(text: Text) -> list[tuple[Optional[str], str]]:
    """``(lang, text)`` pairs of a :class:`Text` (the untagged text first, with lang ``None``);
    an empty Text is one untagged empty string."""
    pairs: list[tuple[Optional[str], str]] = []
    if text.untagged is not None:
        pairs.append((None, text.untagged))
    if text.vi is not None:
        pairs.append(("vi", text.vi))
    if text.en is not None:
        pairs.append(("en", text.en))
    if text.other:
        pairs.extend(text.other.items())
    return pairs or [(None, "")]


def text_data(pairs: list[tuple[Optional[str], str]], default_lang: Optional[str] = None) -> dict:
    """The dict form of a :class:`Text` from ``(lang or None, text)`` pairs.

    Untagged text goes to ``default_lang`` when one is given, else to ``untagged``; the
    first text of a language wins; a lone untagged empty string is an empty Text (the
    inverse of :func:`text_pairs`).
    """
    if len(pairs) == 2 and pairs[0][0] == "vi" and pairs[1][0] == "en":
        return {"vi": pairs[0][1], "en": pairs[1][1]}  # what eaframe writes: the common case, fast
    if not pairs or (len(pairs) == 1 and pairs[0] == (None, "")):
        return {}
    out: dict = {}
    other: dict = {}
    for lang, value in pairs:
        if not lang:
            if not default_lang:
                out.setdefault("untagged", value)
                continue
            lang = default_lang
        else:
            head, _, rest = lang.partition("-")
            lang = head.lower() + ("-" + rest if rest else "")
        if lang in ("vi", "en"):
            out.setdefault(lang, value)
        else:
            other.setdefault(lang, value)
    if other:
        out["other"] = other
    return out


def text_languages(texts: Iterable[Optional[Text]]) -> list[str]:
    """The languages that occur in ``texts``, in order of first use (within one text ``vi``,
    ``en``, then the others); untagged text has none. ``None`` items are skipped.

    Runs at C speed over the texts (it is called on every exchange read and write).
    """
    given = list(texts)
    seq: list[Text] = list(compress(given, map(operator.is_not, given, _NONES)))  # type: ignore[arg-type]
    first: dict[str, tuple[int, int]] = {}
    for rank, lang in enumerate(("vi", "en")):
        values = map(operator.attrgetter(lang), seq)
        at = next(compress(count(), map(operator.is_not, values, _NONES)), None)
        if at is not None:
            first[lang] = (at, rank)
    for at in compress(count(), map(operator.attrgetter("other"), seq)):
        for lang in seq[at].other:
            if lang not in first:
                first[lang] = (at, 2)
    return sorted(first, key=first.__getitem__)


def model_languages(model: ArchitectureModel, others: bool = True) -> list[str]:
    """The languages a model's texts use: its title and documentation, then the names and
    documentation of its elements, relationships and views (:func:`text_languages`). The
    exchange reader takes them as ``metadata.languages`` of a file that does not say.

    ``others=False`` says that none of these texts has a language other than ``vi`` and
    ``en`` (the reader knows it from the file): then only those two are looked for, and
    the search stops at the first text of each.
    """
    md = model.metadata
    name, doc = operator.attrgetter("name"), operator.attrgetter("documentation")
    seqs = (model.elements, model.relationships, model.views)

    def texts() -> Iterable[Optional[Text]]:
        return chain((md.title, md.documentation), *(map(name, s) for s in seqs), *(map(doc, s) for s in seqs))

    if others:
        return text_languages(texts())
    first: dict[str, tuple[int, int]] = {}
    for rank, lang in enumerate(("vi", "en")):
        values = map(operator.attrgetter(lang), filter(_IS_TEXT, texts()))
        at = next(compress(count(), map(operator.is_not, values, _NONES)), None)
        if at is not None:
            first[lang] = (at, rank)
    return sorted(first, key=first.__getitem__)


_IS_TEXT = functools.partial(operator.is_not, None)
_COMPILED: dict[tuple[int, type], tuple] = {}
_NONES = repeat(None)


def _one_field(name: str, d: dict) -> tuple:
    return (d[name],)


def _compiled(plan: Plan, cls: type[BaseModel]) -> tuple:
    """(getter of the plan fields that ``cls`` has from ``__dict__``, entries, their values when unset)."""
    key = (id(plan), cls)
    got = _COMPILED.get(key)
    if got is None:
        fields = cls.model_fields
        names = tuple(n for n in plan if n in fields)
        getter: Callable[[dict], tuple]
        if not names:
            getter = lambda d: ()  # noqa: E731
        elif len(names) == 1:
            getter = functools.partial(_one_field, names[0])
        else:
            getter = operator.itemgetter(*names)
        entries = tuple((name, *plan[name], PREFIX + name) for name in names)
        # an empty list, tuple or dict (of the field's own type) for collections, else None
        absent: tuple[Any, ...] = tuple(type(fields[n].get_default(call_default_factory=True))() if plan[n][0] in ("list", "table")
                       else None for n in names)
        got = (getter, entries, absent, plan)  # keep plan alive so its id stays unique
        _COMPILED[key] = got
    return got


def encode_fields(obj: BaseModel, plan: Plan) -> list[tuple[str, Any, str]]:
    """``(key, value, data type)`` of every set typed field of ``obj``.

    ``value`` is a string, or a list of ``(lang, text)`` pairs for bilingual text.
    """
    out: list[tuple[str, Any, str]] = []
    if not plan:
        return out
    getter, entries, absent, _ = _compiled(plan, type(obj))
    values = getter(obj.__dict__)
    if values == absent:  # nothing set (the usual case for relationships): one C-level comparison
        return out
    # select the fields that are not None, in C
    for (_name, kind, sub, dtype, key), v in compress(zip(entries, values, strict=True),
                                                       map(operator.is_not, values, _NONES)):
        if kind == "scalar":
            out.append((key, scalar_text(v), dtype))
        elif not v and kind in ("list", "table"):
            continue
        elif kind == "list":
            out.append((key, " ".join(v), dtype))
        elif kind == "text":
            out.append((key, text_pairs(v), dtype))
        elif kind == "record":
            for k2, v2, t2 in encode_fields(v, sub):
                out.append((key + "." + k2[len(PREFIX):], v2, t2))
        else:  # table
            for tkey, rec in v.items():
                for k2, v2, t2 in encode_fields(rec, sub):
                    out.append((f"{key}.{tkey}.{k2[len(PREFIX):]}", v2, t2))
    return out


def _one(values: list[tuple[Optional[str], str]]) -> str:
    for lang, v in values:
        if not lang:
            return v
    return values[0][1] if values else ""


def _set_path(data: dict, plan: Plan, path: list[str], values: list, default_lang: Optional[str]) -> bool:
    name = path[0]
    entry = plan.get(name)
    if entry is None:
        return False
    kind, sub, _ = entry
    if kind == "scalar" and len(path) == 1:
        data[name] = _one(values)
    elif kind == "list" and len(path) == 1:
        data[name] = _one(values).split()
    elif kind == "text" and len(path) == 1:
        data[name] = text_data(values, default_lang)
    elif kind == "record" and len(path) >= 2:
        rec = data.setdefault(name, {})
        return isinstance(rec, dict) and _set_path(rec, sub, path[1:], values, default_lang)
    elif kind == "table" and len(path) >= 3:
        table = data.setdefault(name, {})
        if not isinstance(table, dict):
            return False
        rec = table.setdefault(".".join(path[1:-1]), {})
        return isinstance(rec, dict) and _set_path(rec, sub, path[-1:], values, default_lang)
    else:
        return False
    return True


def decode_field(data: dict, plan: Plan, key: str, values: list[tuple[Optional[str], str]],
                 default_lang: Optional[str] = None) -> bool:
    """Put property ``key`` into ``data`` if it names a typed field of ``plan``.

    Returns ``False`` (and leaves ``data`` alone) for a free property.
    """
    if not key.startswith(PREFIX):
        return False
    return _set_path(data, plan, key[len(PREFIX):].split("."), values, default_lang)
