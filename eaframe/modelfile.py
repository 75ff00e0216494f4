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

import json
import os
import tempfile
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal, Optional, Union

import yaml
from pydantic import BaseModel, ValidationError

from ._gc import no_gc
from .elements import ELEMENT_TYPES
from .exceptions import ModelLoadError, ModelValidationError, Problem
from .integrity import check_raw_integrity, suggest
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


class _ModelLoader(_Loader):  # type: ignore[misc, valid-type]
    """The safe YAML loader, recording duplicate mapping keys instead of dropping them."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.duplicates: list[tuple[str, Any]] = []

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        if isinstance(node, yaml.MappingNode) and len(mapping) < len(node.value):
            seen: set = set()
            for key_node, _ in node.value:
                if key_node.value in seen:
                    self.duplicates.append((key_node.value, key_node.start_mark))
                seen.add(key_node.value)
        return mapping


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
    format
        ``"yaml"`` or ``"json"``; by default from the file extension (YAML otherwise).

    Raises
    ------
    ModelLoadError
        The file cannot be read or parsed.
    ModelValidationError
        The content is not a valid model; every problem is listed.
    """
    if hasattr(source, "read"):
        name = getattr(source, "name", "<stream>")
        return loads(source.read(), format=format or _format_of(str(name), None), strict=strict, filename=str(name))
    path = Path(source)
    if not path.exists():
        from .bundled import bundled_path, is_bundled_name

        if is_bundled_name(str(source)):
            path = bundled_path(str(source))
        else:
            from .bundled import bundled_models

            hint = suggest(str(source), bundled_models())
            raise ModelLoadError([Problem(
                "no such file" + (f" (did you mean the bundled model {hint!r}?)" if hint else
                                  f"; bundled models: {', '.join(bundled_models()) or '(none)'}"),
                file=str(source))], source=str(source))
    if path.is_dir():
        raise ModelLoadError([Problem("is a directory, not a model file", file=str(path))], source=str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ModelLoadError([Problem(f"not UTF-8 text (byte {err.start}): save the file as UTF-8", file=str(path))],
                             source=str(path)) from None
    except OSError as err:
        raise ModelLoadError([Problem(f"cannot read: {err.strerror}", file=str(path))], source=str(path)) from None
    return loads(text, format=_format_of(path, format), strict=strict, filename=str(source))


def loads(text: str, *, format: Format = "yaml", strict: bool = True, filename: Optional[str] = None) -> ArchitectureModel:
    """Parse and validate a model from YAML or JSON text; see :func:`load`."""
    fname = filename or f"<{format}>"
    data, early = _parse(text, format, fname)
    return _validate(data, text, format, fname, strict, early)


def _parse(text: str, fmt: Format, fname: str) -> tuple[Any, list[Problem]]:
    with no_gc():
        if fmt == "json":
            try:
                return json.loads(text, object_pairs_hook=_json_object), []
            except json.JSONDecodeError as err:
                raise ModelLoadError([Problem(f"invalid JSON: {err.msg}", file=fname, line=err.lineno, column=err.colno)],
                                     source=fname) from None
            except _DuplicateJsonKey as err:
                raise ModelLoadError([Problem(f"duplicate key {err.args[0]!r} in a JSON object: remove one",
                                              file=fname)], source=fname) from None
        loader = _ModelLoader(text)
        try:
            data = loader.get_single_data()
            dups = [Problem(f"duplicate key {key!r} in this mapping: remove one (a later value would silently "
                            "replace the earlier one)", file=fname, line=mark.line + 1, column=mark.column + 1)
                    for key, mark in loader.duplicates]
            return data, dups
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            what = " ".join(x for x in (err.context, err.problem) if x)
            raise ModelLoadError([Problem(f"invalid YAML: {what}", file=fname,
                                          line=mark.line + 1 if mark else None,
                                          column=mark.column + 1 if mark else None)], source=fname) from None
        except yaml.YAMLError as err:
            raise ModelLoadError([Problem(f"invalid YAML: {err}", file=fname)], source=fname) from None
        finally:
            loader.dispose()


class _DuplicateJsonKey(ValueError):
    pass


def _json_object(pairs: list) -> dict:
    d = dict(pairs)
    if len(d) < len(pairs):
        seen: set = set()
        for k, _ in pairs:
            if k in seen:
                raise _DuplicateJsonKey(k)
            seen.add(k)
    return d


def _validate(data: Any, text: str, fmt: Format, fname: str, strict: bool,
              early: list[Problem]) -> ArchitectureModel:
    if not isinstance(data, dict):
        got = "an empty document" if data is None else f"a {type(data).__name__}"
        raise ModelLoadError([Problem(
            f"expected a mapping with the keys eaframe, metadata, elements, relationships, views; got {got}",
            file=fname, line=1, column=1)], source=fname)
    try:
        with no_gc():
            model = ArchitectureModel.model_validate(data, context={"strict": strict})
        if not early:
            return model
        problems = []
    except ValidationError as err:
        problems = [_from_pydantic(e, data) for e in err.errors(include_url=False)]
        problems += check_raw_integrity(data, strict=strict)
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
                    cls = table.get(item.get("type")) if isinstance(item, dict) else None
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
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _from_pydantic(err: dict, data: Any) -> Problem:
    loc = _normalise_loc(tuple(err["loc"]))
    etype = err["type"]
    field = loc[-1] if loc else None
    cid = _concept_id(loc, data)
    if etype == "extra_forbidden":
        owner = _model_at(loc, data)
        allowed = [f for f in owner.model_fields] if owner else []
        msg = f"unknown field {field!r}"
        if owner is not None:
            hint = suggest(str(field), allowed)
            msg += f" for {getattr(owner, '__name__', 'this entry')}"
            msg += f" (did you mean {hint!r}?)" if hint else ""
            msg += f"; allowed fields: {', '.join(allowed)}"
        return Problem(msg, loc, cid)
    if etype == "union_tag_invalid":
        tag = err.get("ctx", {}).get("tag")
        table = ELEMENT_TYPES if loc and loc[0] == "elements" else RELATIONSHIP_TYPES
        kind = "element" if table is ELEMENT_TYPES else "relationship"
        hint = suggest(str(tag), table)
        msg = f"unknown {kind} type {tag!r}" + (f" (did you mean {hint!r}?)" if hint else "")
        msg += f"; allowed {kind} types: {', '.join(table)}"
        return Problem(msg, loc + ("type",), cid)
    if etype == "union_tag_not_found":
        kind = "element" if loc and loc[0] == "elements" else "relationship"
        example = "ApplicationComponent" if kind == "element" else "Serving"
        return Problem(f"missing field 'type': give the ArchiMate {kind} type, e.g. type: {example}", loc, cid)
    if etype == "missing":
        return Problem(f"missing required field {field!r}", loc, cid)
    if etype == "string_pattern_mismatch" and (field in ("id", "source", "target", "owner", "implements")
                                               or (len(loc) >= 2 and loc[-2] in ("elements", "relationships", "replaces"))):
        return Problem(f"{_short(err.get('input'))} is not a valid id: an id starts with a letter or '_' and "
                       "continues with letters, digits, '_', '.' or '-' (an XML NCName)", loc, cid)
    if etype in ("model_type", "model_attributes_type", "dict_type"):
        return Problem(f"expected a mapping, got {_short(err.get('input'))}", loc, cid)
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if "input" in err and etype not in ("value_error",):
        msg += f" (got {_short(err['input'])})"
    label = f"field {field!r}: " if isinstance(field, str) else ""
    return Problem(label + msg, loc, cid)


# ---------------------------------------------------------- locating problems
def _locate_all(problems: list[Problem], text: str, fmt: Format, fname: str) -> list[Problem]:
    root = None
    if len(text) <= _LOCATE_LIMIT:
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
        if raw.get("views"):
            out["views"] = raw["views"]
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


def save(model: ArchitectureModel, target: Union[str, os.PathLike, IO[str]], format: Optional[Format] = None) -> None:
    """Write a model file atomically (a temporary file renamed into place).

    The format comes from ``format`` or the file extension (``.json`` → JSON,
    otherwise YAML). A failure never leaves a half-written file behind.
    """
    if hasattr(target, "write"):
        target.write(dumps(model, format or _format_of(str(getattr(target, "name", "x.yaml")), None)))
        return
    atomic_write_text(Path(target), dumps(model, _format_of(target, format)))


def _umask() -> int:
    """The process umask (read without changing it for long)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_open(path: Union[str, os.PathLike]) -> Iterator[IO[bytes]]:
    """A binary file handle whose content replaces ``path`` only if the block succeeds.

    The data goes to a temporary file in the same folder, renamed into place at the end
    (with the usual umask permissions); on any error the temporary file is removed and
    ``path`` is left as it was. Streaming writers use this; see :func:`atomic_write_bytes`.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_text(path: Union[str, os.PathLike], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; see :func:`atomic_open`."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Union[str, os.PathLike], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; see :func:`atomic_open`."""
    with atomic_open(path) as fh:
        fh.write(data)
