"""The one exception hierarchy of eaframe.

Every error the library raises on purpose derives from :class:`EaframeError`, so a
caller can catch "anything eaframe refused" with one ``except`` clause. Problems found
in a model file are collected as :class:`Problem` records and raised together in one
:class:`ModelValidationError`, so a user sees every problem of a file in one run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "EaframeError",
    "EaframeWarning",
    "Problem",
    "ModelValidationError",
    "ModelLoadError",
    "UnknownModelError",
    "ExchangeFormatError",
    "RenderError",
    "GraphvizNotFoundError",
    "OutputError",
    "DiffApplyError",


    "CheckError",
    "UnknownRuleError",
    "DuplicateRuleError",
]


class EaframeError(Exception):
    """Base class of every error raised by eaframe."""


class EaframeWarning(UserWarning):
    """Base class of warnings issued by eaframe (e.g. lenient imports)."""


def file_place(file: str, line: int | None = None, column: int | None = None) -> str:
    """``file``, ``file:line`` or ``file:line:column``: where a problem is, as editors read it.

    >>> file_place("m.yaml", 3, 7), file_place("m.yaml", 3), file_place("m.yaml")
    ('m.yaml:3:7', 'm.yaml:3', 'm.yaml')
    """
    if line is None:
        return file
    return f"{file}:{line}" if column is None else f"{file}:{line}:{column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a model or a model file.

    Attributes
    ----------
    message
        What is wrong, and what is allowed instead.
    path
        Where in the document, as a path of keys and indexes
        (e.g. ``("elements", 3, "security_level")``).
    concept_id
        Id of the element, relationship or view concerned, when known.
    file
        File the problem was found in, when the model came from a file.
    line, column
        1-based position in ``file``, when it could be located.
    severity
        ``"error"`` or ``"warning"``.
    """

    message: str
    path: tuple[str | int, ...] = ()
    concept_id: str | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None
    severity: Literal["error", "warning"] = "error"

    @property
    def where(self) -> str:
        """Human-readable location: ``file:line:column`` or the document path."""
        parts = []
        if self.file:
            parts.append(file_place(self.file, self.line, self.column))
        if self.path:
            parts.append(format_path(self.path))
        if self.concept_id and not self.path:
            parts.append(f"id {_show_id(self.concept_id)}")
        return ": ".join(parts) if parts else "<model>"

    def __str__(self) -> str:
        ident = f" (id {_show_id(self.concept_id)})" if self.concept_id and self.path else ""
        return f"{self.where}{ident}: {self.severity}: {self.message}"

    def text(self, lang: str | None = None) -> str:
        """This problem as a line in ``lang`` (``vi`` or ``en``; ``None``: English, ``str(self)``).

        The message is rendered from its catalogue template and parameters when it was
        made as an :class:`eaframe.i18n.Msg` (the common problems of loading and
        validating); other messages (a parser's or pydantic's rarer ones) keep their
        English text. The place (file, line, column, document path, id) is never translated.
        """
        if lang is None:
            return str(self)
        from .i18n import localize, translator

        t = translator(lang)
        where = self.where
        if not self.file and not self.path:
            where = t("id {id}").format(id=_show_id(self.concept_id)) if self.concept_id else t("<model>")
        ident = t(" (id {id})").format(id=_show_id(self.concept_id)) if self.concept_id and self.path else ""
        return f"{where}{ident}: {t(self.severity)}: {localize(self.message, lang)}"


def _show_id(concept_id: str) -> str:
    # a valid id has at most 200 characters; an invalid one may be any text, or no text
    if not isinstance(concept_id, str):
        return f"<a {type(concept_id).__name__}>"
    return repr(concept_id) if len(concept_id) <= 200 else repr(concept_id[:200])[:-1] + "...'"


def format_path(path: Iterable[str | int]) -> str:
    """Format a document path as ``elements[3].security_level``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class ModelValidationError(EaframeError):
    """A model (or model file) has one or more errors.

    All problems are available in :attr:`problems`; ``str()`` lists them one per line.
    """

    def __init__(self, problems: Iterable[Problem], source: str | None = None):
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(self.text())

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (``vi`` or ``en``; ``None``: English, as ``str()``): the count
        of errors, then each problem on a line (see :meth:`Problem.text`)."""
        n = len([p for p in self.problems if p.severity == "error"])
        head = f"{self.source}: " if self.source else ""
        if lang is None:
            count = f"{n} error{'s' if n != 1 else ''} in model"
        else:
            from .i18n import translator

            count = translator(lang)("{n} error in model" if n == 1 else "{n} errors in model").format(n=n)
        return "\n".join([head + count] + [p.text(lang) for p in self.problems])


class ModelLoadError(ModelValidationError):
    """A model file could not be read or parsed (missing file, bad syntax, too large)."""


class UnknownModelError(EaframeError):
    """A bundled model name that does not exist (and is not a file path either)."""


class ExchangeFormatError(EaframeError):
    """An ArchiMate exchange (XML) or Archi CSV file is malformed, unsafe or invalid.

    Attributes
    ----------
    file, line, column
        Where the problem is, when known (``str()`` starts with ``file:line:column``).
    problems
        Every problem found, when there are several (e.g. all schema violations).

    Examples
    --------
    >>> str(ExchangeFormatError("DTDs are not allowed", file="m.xml", line=2))
    'm.xml:2: DTDs are not allowed'
    """

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 column: int | None = None, problems: Iterable[Problem] = ()):
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.text())

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (``vi`` or ``en``; ``None``: English, as ``str()``): a
        ``message`` made as an :class:`eaframe.i18n.Msg` is rendered in ``lang``, other
        text (a schema validator's own words) stays as it is."""
        where = file_place(self.file, self.line, self.column) + ": " if self.file else ""
        if lang is None:
            text = where + self.message
        else:
            from .i18n import localize

            text = where + localize(self.message, lang)
        if self.problems:
            text += "".join(f"\n  {p.text(lang)}" for p in self.problems)
        return text


class RenderError(EaframeError):
    """A diagram could not be rendered."""

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (``vi`` or ``en``; ``None``: English, as ``str()``): a message
        made as an :class:`eaframe.i18n.Msg` is rendered in ``lang``, other text stays as it is."""
        if lang is None or len(self.args) != 1:
            return str(self)
        from .i18n import localize

        return localize(self.args[0], lang)


class GraphvizNotFoundError(RenderError):
    """The Graphviz ``dot`` program is needed but was not found on PATH."""


class OutputError(EaframeError, OSError):
    """An output could not be written: disk full, no permission, missing folder, ...

    Also an :class:`OSError`, with ``errno``, ``strerror`` and ``filename``; ``str()``
    names the file, the reason and what to do.

    Examples
    --------
    >>> str(OutputError(28, "No space left on device", "out.svg", "free some disk space"))
    'cannot write out.svg: No space left on device; free some disk space'
    """

    def __init__(self, errno: int, strerror: str, filename: str, hint: str = ""):
        super().__init__(errno, strerror, filename)
        self.hint = hint

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.strerror}" + (f"; {self.hint}" if self.hint else "")

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (``vi`` or ``en``; ``None``: English, as ``str()``). The reason
        and the hint are translated when they were made as :class:`eaframe.i18n.Msg` (eaframe's
        own); the operating system's reason (``No space left on device``) stays as it is."""
        if lang is None:
            return str(self)
        from .i18n import localize, translator

        hint = localize(self.hint, lang) if self.hint else ""
        t = translator(lang)
        return t("cannot write {file}: {reason}; {hint}" if hint else "cannot write {file}: {reason}").format(
            file=self.filename, reason=localize(self.strerror, lang), hint=hint)


class DiffApplyError(EaframeError):
    """A model diff does not apply to the given model (it was computed from another one)."""


class CheckError(EaframeError):
    """A check run could not be set up (see the subclasses)."""


class UnknownRuleError(CheckError):
    """A rule id or pattern given to ``--rule``/``--skip`` (or ``select``/``skip``) matches no rule."""


class DuplicateRuleError(CheckError):
    """Two check rules were registered with the same id."""
