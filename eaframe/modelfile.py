"""Model files: one format for every model, YAML for people and JSON for machines.

:func:`load` reads a file (or a bundled model name), :func:`loads` a string,
:func:`save` and :func:`dumps` write. Output is canonical: the same model always gives
the same bytes (save → load → save is byte-identical), keys in a fixed order, elements
in model order, defaults left out.

Errors never surface as raw parser or pydantic tracebacks: every problem of a file —
syntax, unknown type, unknown field, bad value, dangling reference, duplicate id,
relationship not allowed by ArchiMate 3.2 — is reported at once in one
:class:`~eaframe.exceptions.ModelValidationError`, each with ``file:line:column``, the
concept id, what is wrong and what is allowed.

Examples
--------
>>> m = loads('''
... eaframe: '1'
... metadata: {title: {en: Demo}}
... elements:
... - {id: a, type: BusinessActor, name: {vi: Người dân, en: Citizen}}
... ''')
>>> print(dumps(m), end="")
eaframe: '1'
metadata:
  title:
    en: Demo
elements:
- id: a
  type: BusinessActor
  name:
    vi: Người dân
    en: Citizen
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal, Optional, Union

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.error import Mark

from ._files import (
    atomic_open,
    atomic_write_bytes,
    atomic_write_text,
    file_name,
    is_open_file,
    read_open_file,
    write_output,
)
from ._gc import no_gc
from .attributes import TEXT_RULE, Text, fields_set_sharer
from .elements import ELEMENT_TYPES, validate_in_place
from .exceptions import ModelLoadError, ModelValidationError, Problem
from .i18n import N_, Join, Msg, msg, msg_en
from .integrity import check_raw_integrity, preview, suggest
from .model import ArchitectureModel
from .relationships import RELATIONSHIP_TYPES

__all__ = ["load", "loads", "save", "dumps", "to_data", "Format", "YAML_C_LOADER", "no_gc", "atomic_write_text", "atomic_write_bytes", "atomic_open"]

Format = Literal["yaml", "json"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
#: Whether the fast libyaml-based loader is in use.
YAML_C_LOADER: bool = _Loader is not yaml.SafeLoader

# Above this size a file with errors is not re-parsed to find line numbers; problems
# then name the document path and concept id instead.
_LOCATE_LIMIT = 8 * 1024 * 1024


# Past this many alias-expanded nodes (or the length of the document, if larger) a YAML
# file is refused: aliases may repeat content, not multiply it (an "alias bomb" of 1 KB
# expands to billions of nodes).
_ALIAS_BUDGET_MIN = 10_000


class _BadScalar(yaml.constructor.ConstructorError):
    """A YAML scalar that is well-formed YAML but not a usable value (reported as such)."""

    def __init__(self, message: str, mark: Mark) -> None:
        super().__init__(None, None, message, mark)
        self.message, self.mark = message, mark


def _int_digits_limit() -> int:
    """Python's limit on the digits of an int converted from or to text (0: none)."""
    return sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 0


def _too_long_number(digits: int) -> str:
    return (f"a number of {digits} digits is too long: numbers may have at most {_int_digits_limit()} digits "
            "(write it in quotes if it is meant as text)")


class _ModelLoader(_Loader):  # type: ignore[misc, valid-type]
    """The safe YAML loader, recording duplicate mapping keys instead of dropping them.

    Scalars whose tag does not fit their text (``!!int abc``, a 5,000-digit number)
    raise :class:`_BadScalar` at the scalar; a well-formed but impossible date
    (``2020-13-45``) is read as text, so that a date field reports it where it stands
    and a text field keeps it.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self.duplicates: list[tuple[str, Any]] = []

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        if isinstance(node, yaml.MappingNode) and len(mapping) < len(node.value):
            seen: set = set()
            for key_node, _ in node.value:
                if key_node.value in seen:
                    self.duplicates.append((key_node.value, key_node.start_mark))
                seen.add(key_node.value)
        return mapping

    def _refuse(self, node, what: str) -> _BadScalar:
        return _BadScalar(f"{preview(node.value)} is not {what}", node.start_mark)

    def construct_yaml_int(self, node):
        text = str(node.value)
        limit = _int_digits_limit()
        digits = sum(c.isdigit() for c in text) if limit and len(text) > limit else 0
        try:
            value = super().construct_yaml_int(node)
        except ValueError:
            if digits > limit:
                raise _BadScalar(_too_long_number(digits), node.start_mark) from None
            raise self._refuse(node, "an integer (!!int)") from None
        # hex, octal and binary digits are not limited by Python, but the decimal text of the value is
        if limit and value.bit_length() > limit * 3.3 and abs(value) >= _ten_to(limit):
            n = int(value.bit_length() * 0.30103) + 1
            raise _BadScalar(_too_long_number(n), node.start_mark)
        return value

    def construct_yaml_float(self, node):
        try:
            return super().construct_yaml_float(node)
        except ValueError:
            raise self._refuse(node, "a number (!!float)") from None

    def construct_yaml_bool(self, node):
        try:
            return super().construct_yaml_bool(node)
        except KeyError:
            raise self._refuse(node, "a boolean (!!bool): use true or false") from None

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, AttributeError):
            # an impossible date such as 2020-13-45 (ValueError from datetime), or text
            # that is no timestamp at all under an explicit !!timestamp (PyYAML's regex
            # finds no match and it calls .groupdict() on None)
            return self.construct_scalar(node)


for _tag, _method in (("int", _ModelLoader.construct_yaml_int), ("float", _ModelLoader.construct_yaml_float),
                      ("bool", _ModelLoader.construct_yaml_bool),
                      ("timestamp", _ModelLoader.construct_yaml_timestamp)):
    _ModelLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _method)


@functools.cache
def _ten_to(n: int) -> int:
    return 10 ** n


def _check_aliases(text: str, fname: str) -> None:
    """Refuse aliases that expand past the budget, or that sit inside their own anchor.

    One pass over the parse events, counting for every anchor the nodes it stands for
    (its own and those of the aliases inside it); each alias adds its anchor's count.
    """
    budget = max(_ALIAS_BUDGET_MIN, len(text))
    sizes: dict[str, int] = {}
    stack: list[list] = [[None, 0]]  # [anchor, nodes so far] of each open collection
    expanded = 0
    for ev in yaml.parse(text, Loader=_Loader):
        # exact types (no subclasses are involved): `type(ev) is` narrows ev for the checker
        if type(ev) is yaml.ScalarEvent:
            stack[-1][1] += 1
            if ev.anchor is not None:
                sizes[ev.anchor] = 1
        elif type(ev) is yaml.SequenceStartEvent or type(ev) is yaml.MappingStartEvent:
            stack.append([ev.anchor, 1])
            if ev.anchor is not None:
                sizes.pop(ev.anchor, None)  # open: an alias to it now would be inside it
        elif type(ev) is yaml.SequenceEndEvent or type(ev) is yaml.MappingEndEvent:
            anchor, n = stack.pop()
            stack[-1][1] += n
            if anchor is not None:
                sizes[anchor] = n
        elif type(ev) is yaml.AliasEvent:
            n = sizes.get(ev.anchor) if ev.anchor is not None else None  # an alias always names its anchor
            mark = ev.start_mark  # the parser marks every event
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
            if n is None:
                if any(frame[0] == ev.anchor for frame in stack):
                    raise ModelLoadError([Problem(
                        f"alias *{ev.anchor} is inside its own anchor &{ev.anchor}: that makes an endless "
                        "structure; write the content out instead", file=fname, line=line, column=column)], source=fname)
                continue  # an undefined anchor: the loader reports it
            expanded += n
            stack[-1][1] += n
            if expanded > budget:
                raise ModelLoadError([Problem(
                    f"alias *{ev.anchor} takes the aliases of this file past the limit of {budget:,} repeated "
                    "nodes (aliases may repeat content, not multiply it: the limit is the length of the file "
                    f"or {_ALIAS_BUDGET_MIN:,}, whichever is larger); write the content out or use fewer "
                    "nested aliases", file=fname, line=line, column=column)], source=fname)


# An anchor (&name) where YAML allows one; only files with one need the alias check.
_ANCHOR = re.compile(r"(?:^|[\s\ufeff\[{,?:-])&[^\s\[\]{},]", re.M)


def _format_of(path: Union[str, os.PathLike], fmt: Optional[str]) -> Format:
    if fmt:
        if fmt not in ("yaml", "json"):
            raise ValueError(f"format must be 'yaml' or 'json', not {fmt!r}")
        return fmt  # type: ignore[return-value]
    suffix = Path(path).suffix.lower()
    return "json" if suffix == ".json" else "yaml"


# ---------------------------------------------------------------------- loading
def load(source: Union[str, os.PathLike, IO[str]], *, strict: bool = True, format: Optional[Format] = None) -> ArchitectureModel:
    """Load and validate a model from a file path, an open file or a bundled model name.

    Parameters
    ----------
    source
        Path of a ``.yaml``/``.yml``/``.json`` file, an open text file, or the name of
        a bundled model (see :func:`eaframe.bundled_models`).
    strict
        When false, relationships that ArchiMate 3.2 does not allow are accepted and
        listed in :attr:`ArchitectureModel.warnings` instead of failing the load.
        A model whose ``metadata.lenient`` is true (as ``eaframe import`` writes when it
        read such relationships) is always loaded that way.
    format
        ``"yaml"`` or ``"json"``; by default from the file extension (YAML otherwise).

    Raises
    ------
    ModelLoadError
        The file cannot be read or parsed.
    ModelValidationError
        The content is not a valid model; every problem is listed.
    """
    if is_open_file(source):
        name = file_name(source)
        try:
            text = read_open_file(source, text=True)
        except UnicodeDecodeError as err:
            raise ModelLoadError([Problem(_not_utf8(err.start), file=name)], source=name) from None
        return loads(text, format=_format_of(name, format), strict=strict, filename=name)
    path = Path(source)
    if not path.exists():
        from .bundled import bundled_path, is_bundled_name, load_compiled

        if is_bundled_name(str(source)):
            compiled = load_compiled(str(source), strict=strict) if format in (None, "yaml") else None
            if compiled is not None:  # the same model as the YAML file gives, from its JSON form
                return compiled
            path = bundled_path(str(source))
        else:
            from .bundled import bundled_models

            hint = suggest(str(source), bundled_models())
            raise ModelLoadError([Problem(
                msg("no such file (did you mean the bundled model {hint}?)", hint=repr(hint)) if hint else
                msg("no such file; bundled models: {names}", names=", ".join(bundled_models()) or msg("(none)")),
                file=str(source))], source=str(source))
    if path.is_dir():
        raise ModelLoadError([Problem(msg("is a directory, not a model file"), file=str(path))], source=str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ModelLoadError([Problem(_not_utf8(err.start), file=str(path))], source=str(path)) from None
    except OSError as err:
        raise ModelLoadError([Problem(msg("cannot read: {reason}", reason=str(err.strerror)), file=str(path))],
                             source=str(path)) from None
    return loads(text, format=_format_of(path, format), strict=strict, filename=str(source))


def _not_utf8(start: int) -> str:
    return msg("not UTF-8 text (byte {byte}): save the file as UTF-8", byte=start)


def loads(text: str, *, format: Format = "yaml", strict: bool = True, filename: Optional[str] = None) -> ArchitectureModel:
    """Parse and validate a model from YAML or JSON text; see :func:`load`."""
    fname = filename or f"<{format}>"
    data, early = _parse(text, format, fname)
    return _validate(data, text, format, fname, strict, early)


def _parse(text: str, fmt: Format, fname: str) -> tuple[Any, list[Problem]]:
    with no_gc():
        if fmt == "json":
            return _parse_json(text, fname), []
        try:
            loader = _ModelLoader(text)
        except UnicodeEncodeError as err:  # a str with a lone surrogate, handed to loads()
            raise _error_at(text, err.start, fname, f"lone surrogate U+{ord(text[err.start]):04X} is not a "
                            f"character; {TEXT_RULE}") from None
        try:
            if "&" in text and _ANCHOR.search(text):
                _check_aliases(text, fname)
                data = loader.get_single_data()
            else:
                try:
                    data = _plain_data(loader)
                except (_NotPlain, yaml.YAMLError):
                    # anything the direct reading does not cover, or a problem: the
                    # loader reads the file again and reports it as it always did
                    loader.dispose()
                    loader = _ModelLoader(text)
                    data = loader.get_single_data()
            dups = [Problem(msg("duplicate key {key} in this mapping: remove one (a later value would "
                                "silently replace the earlier one)", key=preview(key)), file=fname, line=mark.line + 1,
                            column=mark.column + 1)
                    for key, mark in loader.duplicates]
            return data, dups
        except _BadScalar as err:
            raise ModelLoadError([Problem(err.message, file=fname, line=err.mark.line + 1, column=err.mark.column + 1)],
                                 source=fname) from None
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            what = " ".join(x for x in (err.context, err.problem) if x)
            if err.problem == "exceeded maximum nesting depth":
                what = msg("nested more than 1,000 levels deep (libyaml's limit; a model file needs a few dozen at "
                           "most)")
            elif mark and _tab_at(text, mark.line, mark.column):
                what = msg("a tab in the indentation: YAML does not allow tabs there; indent with spaces")
            else:
                what = msg("invalid YAML: {detail}", detail=what)
            raise ModelLoadError([Problem(what, file=fname,
                                          line=mark.line + 1 if mark else None,
                                          column=mark.column + 1 if mark else None)], source=fname) from None
        except yaml.reader.ReaderError as err:
            # libyaml counts the position in bytes of the UTF-8 text
            index = len(text.encode("utf-8")[:err.position].decode("utf-8", "replace"))
            raise _error_at(text, index, fname, msg("character {char} is not allowed in a YAML file; remove it "
                                                    "({rule})", char=f"U+{err.character:04X}", rule=TEXT_RULE)) from None
        except yaml.YAMLError as err:
            raise ModelLoadError([Problem(msg("invalid YAML: {detail}", detail=str(err)), file=fname)],
                                 source=fname) from None
        finally:
            loader.dispose()


def _tab_at(text: str, line: int, column: int) -> bool:
    """Whether the character at 0-based ``line`` and ``column`` of ``text`` is a tab
    preceded on its line by blanks only (the indentation)."""
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return False
    end = text.find("\n", start)
    row = text[start:end if end >= 0 else len(text)]
    return column < len(row) and row[column] == "\t" and not row[:column].strip(" \t")


class _NotPlain(Exception):
    """The YAML stream has what :func:`_plain_data` leaves to the loader."""


_STR_TAG = "tag:yaml.org,2002:str"
_NO_KEY = object()


def _resolver_table(loader: Any) -> dict[Any, list]:
    """The implicit resolvers of a loader class by first character, each list followed by
    those that apply to any first character (the order ``Resolver.resolve`` tries them)."""
    table = loader.yaml_implicit_resolvers
    anything = table.get(None, [])
    return {**{first: rs + anything for first, rs in table.items()}, None: anything}


_RESOLVERS = _resolver_table(_ModelLoader)


def _plain_data(loader: _ModelLoader) -> Any:
    """The document of ``loader``'s stream as plain data, built from the parser's events.

    What ``loader.get_single_data()`` returns, without the node tree that PyYAML builds
    first (a node and two marks per value: most of the time and memory of reading a
    large YAML file). Only for the common case: one document of mappings, sequences and
    scalars without tags, anchors, aliases, merge keys, collection keys or repeated
    keys; on anything else it raises :class:`_NotPlain` and the caller reads the file
    with the loader, which reports problems as before. Plain scalars are resolved with
    the loader's implicit resolvers and made by its constructors (so that bad numbers
    raise its errors); quoted and block scalars are text.
    """
    get = loader.get_event
    resolvers = _RESOLVERS
    anything = resolvers.get(None, [])
    constructors = loader.yaml_constructors
    scalar_event, map_start, map_end = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.MappingEndEvent
    seq_start, seq_end = yaml.SequenceStartEvent, yaml.SequenceEndEvent
    stack: list[tuple[Any, Any]] = []  # the enclosing (collection, pending key) of the open one
    cur: Any = None  # the open collection: a dict or a list
    key: Any = _NO_KEY  # in a mapping: the key whose value comes next
    root: Any = None
    if type(get()) is not yaml.StreamStartEvent:
        raise _NotPlain
    ev = get()
    if type(ev) is yaml.StreamEndEvent:
        return None
    if type(ev) is not yaml.DocumentStartEvent or ev.tags:
        raise _NotPlain
    while True:
        ev = get()
        kind = type(ev)
        if kind is scalar_event:
            if ev.tag is not None or ev.anchor is not None:
                raise _NotPlain
            value = ev.value
            if ev.implicit[0]:  # a plain scalar: resolved as the loader resolves it
                for tag, regexp in resolvers.get(value[0] if value else "", anything):
                    if regexp.match(value):
                        construct = constructors.get(tag)
                        if construct is None or tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"):
                            raise _NotPlain
                        if tag != _STR_TAG:
                            value = construct(loader, yaml.ScalarNode(tag, value, ev.start_mark, ev.end_mark))
                        break
        elif kind is map_start or kind is seq_start:
            if ev.tag is not None or ev.anchor is not None:
                raise _NotPlain
            if type(cur) is dict and key is _NO_KEY:
                raise _NotPlain  # a collection as a mapping key
            stack.append((cur, key))
            cur, key = ({} if kind is map_start else []), _NO_KEY
            continue
        elif kind is map_end or kind is seq_end:
            value = cur
            cur, key = stack.pop()
        elif kind is yaml.DocumentEndEvent:
            if type(get()) is not yaml.StreamEndEvent:
                raise _NotPlain  # more than one document: the loader says so
            return root
        else:
            raise _NotPlain  # an alias
        if type(cur) is dict:
            if key is _NO_KEY:
                if value in cur:
                    raise _NotPlain  # a repeated key: the loader records where
                key = value
            else:
                cur[key] = value
                key = _NO_KEY
        elif cur is None:
            root = value
        else:
            cur.append(value)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index`` of ``text``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _error_at(text: str, index: Optional[int], fname: str, message: str) -> ModelLoadError:
    line, col = _position(text, index) if index is not None else (None, None)
    return ModelLoadError([Problem(message, file=fname, line=line, column=col)], source=fname)


# ------------------------------------------------------------------------ JSON
class _JsonConstant(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _JsonConstant(name)


def _parse_json(text: str, fname: str) -> Any:
    duplicates: list[str] = []

    def pairs_to_dict(pairs: list) -> dict:
        d = dict(pairs)
        if len(d) < len(pairs):
            seen: set = set()
            for k, _ in pairs:
                if k in seen:
                    duplicates.append(k)
                seen.add(k)
        return d

    try:
        data = json.loads(text, object_pairs_hook=pairs_to_dict, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        raise ModelLoadError([Problem(msg("invalid JSON: {detail}", detail=err.msg), file=fname, line=err.lineno,
                                      column=err.colno)], source=fname) from None
    except _JsonConstant as err:
        name = err.args[0]
        raise _error_at(text, _json_token_at(text, lambda kind, tok: kind == "word" and tok == name), fname,
                        msg("{name} is not a JSON number (JSON has no NaN or infinity); give a finite number",
                            name=name)) from None
    except RecursionError:
        depth = [0]

        def too_deep(kind: str, tok: str) -> bool:
            if kind == "open":
                depth[0] += 1
            elif kind == "close":
                depth[0] -= 1
            return depth[0] > _JSON_DEPTH_SHOWN

        raise _error_at(text, _json_token_at(text, too_deep), fname,
                        f"nested too deeply (more than {_JSON_DEPTH_SHOWN} levels here; Python's JSON reader stops "
                        "near 1,000): a model file needs a few dozen at most") from None
    except ValueError as err:
        # int() refuses more digits than sys.get_int_max_str_digits(): the only other
        # ValueError json.loads raises
        limit = _int_digits_limit()
        if not limit or "digits" not in str(err):
            raise
        index = _json_token_at(text, lambda kind, tok: kind == "number" and sum(c.isdigit() for c in tok) > limit)
        token = _JSON_TOKEN.match(text, index) if index is not None else None
        digits = len(token.group()) if token else limit + 1
        raise _error_at(text, index, fname, _too_long_number(digits)) from None
    if duplicates:
        raise ModelLoadError(_json_duplicates(text, fname, duplicates), source=fname)
    return data


_JSON_DEPTH_SHOWN = 500
# JSON tokens: strings, numbers, words (true, NaN, ...), brackets
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?[0-9][0-9.eE+-]*|[A-Za-z-]+|[\[{]|[\]}]|[,:]')


def _json_tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """``(kind, token, index)`` of each token of (valid or nearly valid) JSON text."""
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        c = tok[0]
        kind = ("string" if c == '"' else "open" if c in "[{" else "close" if c in "]}" else
                "punct" if c in ",:" else "number" if c.isdigit() or (c == "-" and tok[1:2].isdigit()) else "word")
        yield kind, tok, m.start()


def _json_token_at(text: str, wanted) -> Optional[int]:
    """Index of the first token for which ``wanted(kind, token)`` is true (for error paths)."""
    for kind, tok, index in _json_tokens(text):
        if wanted(kind, tok):
            return index
    return None


def _json_duplicates(text: str, fname: str, keys: list[str]) -> list[Problem]:
    """A problem at each repeated key of a JSON object (one scan of the text's tokens)."""
    wanted = set(keys)
    problems = []
    stack: list[Optional[set]] = []
    tokens = _json_tokens(text)
    prev: Optional[tuple[str, str, int]] = None
    for kind, tok, index in tokens:
        if kind == "open":
            stack.append(set() if tok == "{" else None)
        elif kind == "close":
            if stack:
                stack.pop()
        elif tok == ":" and prev is not None and prev[0] == "string" and stack and stack[-1] is not None:
            key = json.loads(prev[1])
            if key in stack[-1] and key in wanted:
                line, col = _position(text, prev[2])
                problems.append(Problem(msg("duplicate key {key} in a JSON object: remove one (a later value "
                                            "would silently replace the earlier one)", key=preview(key)),
                                        file=fname, line=line, column=col))
            stack[-1].add(key)
        prev = (kind, tok, index)
    return problems or [Problem(msg("duplicate key {key} in a JSON object: remove one", key=preview(k)), file=fname)
                        for k in keys]


def _validate_concepts_in_place(data: dict, context: dict) -> bool:
    """Validate the elements and relationships of ``data`` one by one, each replacing its
    mapping in the list, so that the mappings read from the file are freed while the
    model is made (a load's peak memory is then the model and what is left of the data,
    not both whole). Items the whole-model validation must judge (not a mapping, no
    known ``type``) are left as they are: it takes the objects made here as they are and
    validates the rest. ``False`` at the first item that does not validate: ``data`` is
    then partly converted, and the caller validates the data as read instead.
    """
    share = fields_set_sharer()
    for key, table in (("elements", ELEMENT_TYPES), ("relationships", RELATIONSHIP_TYPES)):
        items = data.get(key)
        if type(items) is list and not validate_in_place(items, table, context, share):
            return False
    return True


def _validate(data: Any, text: str, fmt: Format, fname: str, strict: bool,
              early: list[Problem], *, in_place: bool = True) -> ArchitectureModel:
    if not isinstance(data, dict):
        got = msg("an empty document") if data is None else msg("a {kind}", kind=type(data).__name__)
        raise ModelLoadError([Problem(
            msg("expected a mapping with the keys eaframe, metadata, elements, relationships, views; got {got}",
                got=got),
            file=fname, line=1, column=1)], source=fname)
    converted = False
    try:
        with no_gc():
            if in_place:
                converted = True
                if not _validate_concepts_in_place(data, {"strict": strict}):
                    converted, data = False, _parse(text, fmt, fname)[0]
            model = ArchitectureModel.model_validate(data, context={"strict": strict})
        if not early:
            return model
        problems = []
    except ValidationError as err:
        if converted:  # report against the data as read, every problem as the whole validation finds it
            return _validate(_parse(text, fmt, fname)[0], text, fmt, fname, strict, early, in_place=False)
        problems = [_from_pydantic(e, data) for e in err.errors(include_url=False)]
        md = data.get("metadata")
        problems += check_raw_integrity(data, strict=strict and not (isinstance(md, dict) and md.get("lenient") is True))
        problems = [p for p in problems if p.severity == "error"] + [p for p in problems if p.severity != "error"]
    except ModelValidationError as err:
        problems = list(err.problems)
    located = _locate_all(problems, text, fmt, fname) + early
    located.sort(key=lambda p: (p.severity != "error", p.line or 0, p.column or 0))
    raise ModelValidationError(located, source=fname) from None


# ------------------------------------------------------- pydantic error → Problem
def _normalise_loc(loc: tuple) -> tuple:
    out = list(loc)
    if len(out) >= 3 and out[0] in ("elements", "relationships") and isinstance(out[1], int):
        if out[2] in ELEMENT_TYPES or out[2] in RELATIONSHIP_TYPES:
            del out[2]
    # pydantic marks dict-key errors with "[key]"; keep the key itself
    return tuple(p for p in out if p != "[key]")


def _unwrap(tp: Any) -> list:
    """Candidate classes behind an annotation (through Optional, list, dict, Annotated)."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin is Union or str(origin) == "types.UnionType":
        return [c for a in typing.get_args(tp) for c in _unwrap(a)]
    return [tp]


def _model_at(loc: tuple, data: Any) -> Optional[type[BaseModel]]:
    """The pydantic model class that owns the last key of ``loc``."""
    cls: Any = ArchitectureModel
    node = data
    parts = list(loc[:-1])
    i = 0
    while i < len(parts):
        part = parts[i]
        node = node.get(part) if isinstance(node, dict) else (node[part] if isinstance(node, list) and isinstance(part, int) and part < len(node) else None)
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            field = cls.model_fields.get(part) if isinstance(part, str) else None
            if field is None:
                return None
            tp = field.annotation
            if part in ("elements", "relationships") and cls is ArchitectureModel:
                if i + 1 < len(parts) and isinstance(parts[i + 1], int):
                    i += 1
                    item = node[parts[i]] if isinstance(node, list) and parts[i] < len(node) else None
                    node = item
                    table = ELEMENT_TYPES if part == "elements" else RELATIONSHIP_TYPES
                    tag = item.get("type") if isinstance(item, dict) else None
                    cls = table.get(tag) if isinstance(tag, str) else None
                    if cls is None:
                        return None
                    i += 1
                    continue
                return None
            cands = _unwrap(tp)
            nxt = None
            for c in cands:
                origin = typing.get_origin(c)
                if origin in (list, dict):
                    args = typing.get_args(c)
                    inner = _unwrap(args[-1])
                    models = [x for x in inner if isinstance(x, type) and issubclass(x, BaseModel)]
                    if models:
                        i += 1  # skip the index / key
                        if i < len(parts):
                            part2 = parts[i]
                            node = node.get(part2) if isinstance(node, dict) else (node[part2] if isinstance(node, list) and isinstance(part2, int) and part2 < len(node) else None)
                        nxt = models[0]
                        break
                elif isinstance(c, type) and issubclass(c, BaseModel):
                    nxt = c
                    break
            cls = nxt
            if cls is None:
                return None
        else:
            return None
        i += 1
    return cls if isinstance(cls, type) and issubclass(cls, BaseModel) else None


def _concept_id(loc: tuple, data: Any) -> Optional[str]:
    if len(loc) >= 2 and loc[0] in ("elements", "relationships", "views") and isinstance(loc[1], int):
        seq = data.get(loc[0])
        if isinstance(seq, list) and loc[1] < len(seq) and isinstance(seq[loc[1]], dict):
            cid = seq[loc[1]].get("id")
            return cid if isinstance(cid, str) else None
    return None


def _short(value: Any) -> str:
    return preview(value)


def _raw_at(data: Any, loc: tuple) -> tuple[bool, Any]:
    """``(found, value)`` at ``loc`` in the raw parsed data."""
    node = data
    for part in loc:
        if isinstance(node, dict) and not isinstance(part, (list, dict)) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return False, None
    return True, node


_KIND_OF: dict[type, str] = {dict: "a mapping", list: "a list"}


def _ascii_id(value: str) -> Optional[str]:
    """``value`` without its diacritics (``đ`` → ``d``) if that makes it a valid id, else None."""
    import unicodedata

    from .attributes import ID_PATTERN

    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain if plain != value and re.fullmatch(ID_PATTERN, plain) and len(plain) <= 200 else None


def _mean(hint: Optional[str]) -> str:
    return msg(" (did you mean {name}?)", name=repr(hint)) if hint else ""


#: pydantic's error types eaframe words in every language (``{ctx}`` fields from the error's ``ctx``);
#: the others keep pydantic's English text.
_PYDANTIC_WORDS: dict[str, str] = {
    "string_type": N_("should be text"),
    "int_type": N_("should be a whole number"),
    "int_parsing": N_("should be a whole number"),
    "int_from_float": N_("should be a whole number, without a fractional part"),
    "float_type": N_("should be a number"),
    "float_parsing": N_("should be a number"),
    "bool_type": N_("should be true or false"),
    "bool_parsing": N_("should be true or false"),
    "list_type": N_("should be a list"),
    "tuple_type": N_("should be a list"),
    "set_type": N_("should be a list"),
    "literal_error": N_("should be {expected}"),
    "enum": N_("should be {expected}"),
    "greater_than": N_("should be greater than {gt}"),
    "greater_than_equal": N_("should be at least {ge}"),
    "less_than": N_("should be less than {lt}"),
    "less_than_equal": N_("should be at most {le}"),
    "string_too_short": N_("should have at least {min_length} characters"),
    "string_too_long": N_("should have at most {max_length} characters"),
    "too_short": N_("should have at least {min_length} items"),
    "too_long": N_("should have at most {max_length} items"),
    "string_pattern_mismatch": N_("should match the pattern {pattern}"),
    "date_type": N_("should be a date"),
    "date_parsing": N_("should be a date"),
    "date_from_datetime_parsing": N_("should be a date"),
    "date_from_datetime_inexact": N_("should be a date, without a time of day"),
    "datetime_type": N_("should be a date and time"),
    "datetime_parsing": N_("should be a date and time"),
    "datetime_from_date_parsing": N_("should be a date and time"),
    "decimal_type": N_("should be a decimal number"),
    "decimal_parsing": N_("should be a decimal number"),
    "decimal_max_digits": N_("should have at most {max_digits} digits"),
    "finite_number": N_("should be a finite number"),
    "none_required": N_("should be empty (null)"),
    # eaframe's own error type (eaframe.elements: an e-government field on a type without it)
    "field_not_on_type": N_("{field} is not a field of {owner}; the element types that accept it are: {accepted}"),
}


def _pydantic_words(etype: str, text: str, ctx: Optional[dict]) -> str:
    """pydantic's message ``text``, rendered in other languages from eaframe's words for ``etype``
    (a ``ValueError`` that eaframe's validators raise with a :class:`~eaframe.i18n.Msg` keeps it)."""
    if etype == "value_error":
        error = (ctx or {}).get("error")
        words = error.args[0] if isinstance(error, ValueError) and error.args else None
        return words if isinstance(words, Msg) and str(words) == text else text
    template = _PYDANTIC_WORDS.get(etype)
    if template is None:
        return text
    params = {k: _expected(v) if k == "expected" else str(v) for k, v in (ctx or {}).items()}
    try:
        template.format_map(params)
    except (KeyError, IndexError, ValueError):  # a ctx without the field this wording needs: pydantic's own text
        return text
    return msg_en(text, template, **params)


def _expected(value: Any) -> Any:
    """pydantic's ``'a', 'b' or 'c'`` with a translatable ``or``."""
    head, sep, last = str(value).rpartition(" or ")
    return Join([head, last], " or ") if sep else str(value)


def _from_pydantic(err: ErrorDetails, data: Any) -> Problem:
    loc = _normalise_loc(tuple(err["loc"]))
    etype = err["type"]
    field = loc[-1] if loc else None
    cid = _concept_id(loc, data)
    if etype == "extra_forbidden":
        owner = _model_at(loc, data)
        allowed = [f for f in owner.model_fields] if owner else []
        if owner is None:
            return Problem(msg("unknown field {field}", field=preview(field)), loc, cid)
        hint = suggest(str(field), allowed) if isinstance(field, str) else None
        comma = ""
        if owner is Text and isinstance(field, str) and _raw_at(data, loc) == (True, None):
            # {vi: Nền tảng tích hợp, chia sẻ dữ liệu} splits at the comma in a flow mapping
            comma = msg("; if this is the rest of a text that contains a comma, put the whole text in quotes, "
                        "e.g. vi: 'a, b'")
        return Problem(msg("unknown field {field} for {owner}{mean}; allowed fields: {fields}{comma}",
                           field=preview(field), owner=getattr(owner, "__name__", "this entry"), mean=_mean(hint),
                           fields=", ".join(allowed), comma=comma), loc, cid)
    if etype == "union_tag_invalid":
        table = ELEMENT_TYPES if loc and loc[0] == "elements" else RELATIONSHIP_TYPES
        elements = table is ELEMENT_TYPES
        found, raw = _raw_at(data, loc + ("type",))
        if found and not isinstance(raw, str):
            what = (msg("a mapping") if isinstance(raw, dict) else msg("a list") if isinstance(raw, list)
                    else msg("a {kind}", kind=type(raw).__name__))
            return Problem(msg("field 'type' must be the name of an ArchiMate element type, not {what} (got {got}); "
                               "allowed element types: {types}" if elements else
                               "field 'type' must be the name of an ArchiMate relationship type, not {what} (got "
                               "{got}); allowed relationship types: {types}",
                               what=what, got=preview(raw), types=", ".join(table)), loc + ("type",), cid)
        tag = str(err.get("ctx", {}).get("tag"))
        hint = suggest(tag, table)
        return Problem(msg("unknown element type {tag}{mean}; allowed element types: {types}" if elements else
                           "unknown relationship type {tag}{mean}; allowed relationship types: {types}",
                           tag=preview(tag), mean=_mean(hint), types=", ".join(table)), loc + ("type",), cid)
    if etype == "union_tag_not_found":
        if loc and loc[0] == "elements":
            return Problem(msg("missing field 'type': give the ArchiMate element type, e.g. type: "
                               "ApplicationComponent"), loc, cid)
        return Problem(msg("missing field 'type': give the ArchiMate relationship type, e.g. type: Serving"), loc, cid)
    if etype == "missing":
        return Problem(msg("missing required field {field}", field=repr(field)), loc, cid)
    if etype == "string_pattern_mismatch" and (field in ("id", "source", "target", "owner", "implements")
                                               or (len(loc) >= 2 and loc[-2] in ("elements", "relationships", "replaces"))):
        given = err.get("input")
        hint = _ascii_id(given) if isinstance(given, str) else None
        if hint:
            return Problem(msg("{value} is not a valid id: an id starts with an ASCII letter (a-z, A-Z) or '_' and "
                               "continues with ASCII letters, digits, '_', '.' or '-' (an XML NCName); "
                               "without diacritics: {hint}", value=_short(given), hint=repr(hint)), loc, cid)
        return Problem(msg("{value} is not a valid id: an id starts with an ASCII letter (a-z, A-Z) or '_' and "
                           "continues with ASCII letters, digits, '_', '.' or '-' (an XML NCName)",
                           value=_short(given)), loc, cid)
    if etype in ("model_type", "model_attributes_type", "dict_type"):
        return Problem(msg("expected a mapping, got {got}", got=_short(err.get('input'))), loc, cid)
    text = err["msg"]
    if text.startswith("Value error, "):
        text = text[len("Value error, "):]
    words = _pydantic_words(etype, text, err.get("ctx"))
    if etype.startswith(("date_", "datetime_")):
        words = msg("{detail}; write a date as YYYY-MM-DD (a real calendar date)", detail=words)
    elif etype == "finite_number":
        words = msg("{detail} (not NaN or infinity)", detail=words)
    elif etype == "decimal_max_digits":
        words = msg("{detail} (amounts are decimals of at most 30 digits)", detail=words)
    if "input" in err and etype not in ("value_error",):
        words = msg("{detail} (got {got})", detail=words, got=_short(err['input']))
    if isinstance(field, str):
        return Problem(msg("field {field}: {detail}", field=repr(field), detail=words), loc, cid)
    return Problem(words, loc, cid)


# ---------------------------------------------------------- locating problems
def _locate_all(problems: list[Problem], text: str, fmt: Format, fname: str) -> list[Problem]:
    root = None
    if len(text) <= _LOCATE_LIMIT:
        if fmt == "json":
            # JSON is read as YAML here, to find positions; YAML refuses surrogate escapes
            # such as \ud800, so give the locator a same-length harmless escape instead
            text = _SURROGATE_ESCAPE.sub(r"\\u0020", text)
        try:
            root = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError:
            root = None
    out = []
    for p in problems:
        line = col = None
        if root is not None and p.path:
            line, col = _find(root, p.path, key_position=p.message.startswith("unknown field"))
        out.append(Problem(p.message, p.path, p.concept_id, fname, line, col, p.severity))
    out.sort(key=lambda p: (p.severity != "error", p.line or 0, p.column or 0))
    return out


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _find(node: Any, path: tuple, key_position: bool = False) -> tuple[Optional[int], Optional[int]]:
    """Line and column of the node at ``path`` (or the nearest existing ancestor)."""
    best = node
    for k, part in enumerate(path):
        last = k == len(path) - 1
        if isinstance(node, yaml.MappingNode):
            found = None
            for knode, vnode in node.value:
                if knode.value == part:
                    found = knode if (last and key_position) else vnode
                    break
            if found is None:
                break
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
        best = node
    mark = best.start_mark
    return mark.line + 1, mark.column + 1


# ---------------------------------------------------------------------- saving
def to_data(model: ArchitectureModel) -> dict[str, Any]:
    """The canonical plain-data form of a model (what :func:`dumps` writes).

    Keys follow a fixed order (``id`` and ``type`` first, ``properties`` last), fields
    that hold their default are left out (except a budget's ``unit``: an amount is
    always written with its unit), and elements keep model order.
    """
    with no_gc():
        raw = model.model_dump(mode="json", exclude_defaults=True)
        out: dict[str, Any] = {"eaframe": model.eaframe, "metadata": raw.get("metadata", {})}
        for key, seq in (("elements", model.elements), ("relationships", model.relationships)):
            dumped = raw.get(key) or []
            items = []
            for obj, d in zip(seq, dumped, strict=True):
                d.pop("id", None)
                d.pop("type", None)
                props = d.pop("properties", None)
                budget = getattr(obj, "budget", None)
                if budget is not None:  # an amount is always written with its unit, even the default one
                    d["budget"]["unit"] = budget.unit
                item = {"id": obj.id, "type": obj.type, **d}
                if props:
                    item["properties"] = props
                items.append(item)
            if items:
                out[key] = items
        for key in ("views", "folders", "native"):
            if raw.get(key):
                out[key] = raw[key]
    return out


def dumps(model: ArchitectureModel, format: Format = "yaml") -> str:
    """Serialise a model to canonical YAML or JSON text (UTF-8, diacritics kept as is)."""
    data = to_data(model)
    with no_gc():
        if format == "json":
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if format != "yaml":
            raise ValueError(f"format must be 'yaml' or 'json', not {format!r}")
        return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                         default_flow_style=False, width=10**6, indent=2)


def save(model: ArchitectureModel, target: Union[str, os.PathLike, IO], format: Optional[Format] = None) -> None:
    """Write a model file atomically (a temporary file renamed into place), or to an open file.

    The format comes from ``format`` or the file extension (``.json`` → JSON,
    otherwise YAML). A failure never leaves a half-written file behind; see
    :func:`atomic_open` for devices, symbolic links and permissions.

    Raises
    ------
    OutputError
        The file cannot be written (disk full, no permission, ...).
    """
    name = file_name(target, "x.yaml") if is_open_file(target) else target
    write_output(target, dumps(model, _format_of(name, format)))
