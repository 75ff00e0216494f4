"""Translations of eaframe's user-facing text: one gettext catalogue per language.

The catalogues are ``eaframe/i18n/locale/<lang>/LC_MESSAGES/eaframe.po`` (compiled to
``eaframe.mo`` by ``scripts/gen_catalogues.py``); the English text in the code is the
msgid. Nothing here is process-wide: a caller asks for the translator of a language
(:func:`translator`, cached per language) and passes the language on, so two models can
be reported in two languages in one process.

Text that is built before its language is known (a check finding, a rule's reason for
not applying) is a :class:`Msg`: a ``str`` holding the English text, which keeps the
template and its parameters and renders itself in another language on request
(:func:`localize`). Parameters are formatted after translating, never before.

Examples
--------
>>> t = translator("vi")
>>> t("Target scorecard")
'Bảng chỉ tiêu'
>>> m = Msg("{n} errors", n=3)
>>> str(m), localize(m, "vi")
('3 errors', '3 lỗi')
>>> localize(Join(["a", "b"], " or "), "vi")
'a hoặc b'
"""

from __future__ import annotations

import gettext
import io
import struct
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib.resources import files
from typing import Any, Optional

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "translator", "N_", "Msg", "msg", "msg_en", "Alt", "alt", "Join", "localize",
           "INSTRUMENT_KINDS", "check_lang", "model_lang", "render"]

#: The languages eaframe's catalogues cover.
LANGUAGES: tuple[str, ...] = ("vi", "en")
#: The language of the msgids (the text in the code), and of library output unless asked otherwise.
DEFAULT_LANGUAGE = "en"


def check_lang(lang: str) -> str:
    """``lang`` when eaframe has a catalogue for it; ``ValueError`` naming the choices otherwise."""
    if lang not in LANGUAGES:
        raise ValueError(f"no catalogue for language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return lang


@cache
def _mo(lang: str) -> bytes:
    check_lang(lang)
    return (files(__name__) / "locale" / lang / "LC_MESSAGES" / "eaframe.mo").read_bytes()


@cache
def translator(lang: str) -> Callable[[str], str]:
    """The ``gettext`` function of the catalogue of ``lang`` (``vi`` or ``en``), cached per language.

    A msgid the catalogue lacks comes back unchanged (English).
    """
    return gettext.GNUTranslations(io.BytesIO(_mo(lang))).gettext


@cache
def _is_msgid(lang: str) -> bool:
    """Whether the catalogue of ``lang`` translates nothing: it holds only its header (the
    count of strings is the third 32-bit word of a ``.mo`` file), so every text is its msgid."""
    data = _mo(lang)
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    return struct.unpack(order + "I", data[8:12])[0] <= 1


def N_(msgid: str) -> str:
    """Mark ``msgid`` for the catalogues without translating it (translated where it is shown)."""
    return msgid


#: The kinds of legal instrument (the values of ``eaframe.attributes.InstrumentKind``) in words,
#: to show through ``translator(lang)``.
INSTRUMENT_KINDS: dict[str, str] = {
    "letter": N_("letter"), "decision": N_("decision"), "decree": N_("decree"), "circular": N_("circular"),
    "resolution": N_("resolution"), "plan": N_("plan"), "other": N_("other instrument")}


def localize(text: Any, lang: Optional[str]) -> str:
    """``text`` in ``lang``: a :class:`Msg`, :class:`Alt` or :class:`Join` renders itself; other text is
    returned as is (``lang`` ``None``: the English text)."""
    if lang is None or _is_msgid(lang):
        return text if isinstance(text, str) else str(text)  # the text as made: its msgids filled in
    render = getattr(text, "in_lang", None)
    return render(lang) if render is not None else (text if isinstance(text, str) else str(text))


def _fill(template: str, params: Mapping[str, Any], lang: Optional[str]) -> str:
    if not params:
        return template
    if lang is None:  # the parameters' own text (a Msg or Alt is its English text)
        return template.format_map(params)
    return template.format_map({k: localize(v, lang) for k, v in params.items()})


def render(template: str, params: Mapping[str, Any], lang: str) -> str:
    """``template`` translated into ``lang``, then formatted with ``params`` (each rendered in ``lang``):
    the text of a :class:`Msg` kept as its template and parameters.

    >>> render("{n} errors", {"n": 3}, "vi")
    '3 lỗi'
    """
    return _fill(translator(lang)(template), params, lang)


def _rebuild(cls: type, args: tuple, state: dict) -> Any:
    obj = cls(*args, **state)
    return obj


class Msg(str):
    """A translatable message: the English text (this ``str``), its msgid template and parameters.

    Parameters may be :class:`Msg`, :class:`Alt` or :class:`Join` themselves: they are
    rendered in the same language.
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Msg:
        self = super().__new__(cls, _fill(template, params, None))
        self.template = template
        self.params = params
        return self

    def in_lang(self, lang: str) -> str:
        """The message in ``lang``: the template translated, then formatted."""
        return _fill(translator(lang)(self.template), self.params, lang)

    def __reduce__(self) -> tuple:
        return (_rebuild, (type(self), (self.template,), self.params))


_new_str = str.__new__


def msg(template: str, /, **params: Any) -> Msg:
    """``Msg(template, **params)``, made faster (no Python-level ``__new__``): what the check
    rules use, as they make messages by the hundred thousand."""
    self = _new_str(Msg, template.format_map(params) if params else template)
    self.template = template
    self.params = params
    return self


def msg_en(english: str, template: str, /, **params: Any) -> Msg:
    """A :class:`Msg` whose English text is ``english`` as given (another library's own words,
    such as pydantic's "Input should be a valid integer"), rendered in other languages from
    ``template`` (mark it with :func:`N_`) and ``params``.

    >>> m = msg_en("Input should be a valid integer", N_("should be a whole number"))
    >>> str(m), localize(m, "en")
    ('Input should be a valid integer', 'Input should be a valid integer')
    """
    self = _new_str(_MsgEn, english)
    self.template = template
    self.params = params
    return self


class _MsgEn(Msg):
    """A :class:`Msg` made by :func:`msg_en`: its English text is not its template's."""

    def __reduce__(self) -> tuple:
        return (_rebuild_en, (str.__str__(self), self.template, self.params))


def _rebuild_en(english: str, template: str, params: dict) -> Msg:
    return msg_en(english, template, **params)


def alt(en: str, /, **variants: str) -> Alt:
    """``Alt(en, **variants)``, made faster (see :func:`msg`)."""
    self = _new_str(Alt, en)
    self.variants = variants
    return self


class Alt(str):
    """Text that differs by language without a catalogue entry (model names): the English
    variant is this ``str``; the others by language."""

    variants: dict[str, str]

    def __new__(cls, en: str, /, **variants: str) -> Alt:
        self = super().__new__(cls, en)
        self.variants = variants
        return self

    def in_lang(self, lang: str) -> str:
        return self.variants.get(lang) or str.__str__(self)

    def __reduce__(self) -> tuple:
        return (_rebuild, (type(self), (str.__str__(self),), self.variants))


class Join(str):
    """Items joined by a translatable separator (``" or "``, ``" and "``)."""

    items: tuple[Any, ...]
    sep: str

    def __new__(cls, items: Iterable[Any], sep: str) -> Join:
        items = tuple(items)
        self = super().__new__(cls, sep.join(str(i) for i in items))
        self.items, self.sep = items, sep
        return self

    def in_lang(self, lang: str) -> str:
        return translator(lang)(self.sep).join(localize(i, lang) for i in self.items)

    def __reduce__(self) -> tuple:
        return (_rebuild, (type(self), (self.items, self.sep), {}))


def model_lang(model: Any, lang: Optional[str] = None) -> str:
    """The language to write ``model``'s report text in: ``lang`` when given, else the model's
    first language (``metadata.languages[0]``) when eaframe has a catalogue for it, else English."""
    if lang is not None:
        return check_lang(lang)
    langs = getattr(getattr(model, "metadata", None), "languages", None) or ()
    first = langs[0] if langs else None
    return first if first in LANGUAGES else DEFAULT_LANGUAGE
