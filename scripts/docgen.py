"""Generated reference documentation: the CLI reference and the model-file format.

Also the two steps every generator script shares: replacing marked sections of a doc
(:func:`replace_marked_section`) and writing the files that changed, or, with
``--check``, only reporting them (:func:`update_files`). Used by ``scripts/gen_*.py``
(which import it as ``docgen``: a script's own folder is on ``sys.path``) and by the
tests that keep ``docs/`` in step with the code (tests/test_docs.py); not part of the
installed package.
"""

from __future__ import annotations

import re
import sys
import typing
from collections.abc import Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from eaframe.modelfile import atomic_write_text

__all__ = ["cli_reference", "model_format_reference", "type_name", "replace_marked_section", "update_files"]


def replace_marked_section(text: str, name: str, body: str, tag: str = "generated") -> str:
    r"""Replace what stands between ``<!-- TAG:NAME -->`` and ``<!-- /TAG:NAME -->`` in ``text``.

    Raises
    ------
    KeyError
        When the markers are missing, naming them.

    Examples
    --------
    >>> replace_marked_section("a\n<!-- generated:x -->\nold\n<!-- /generated:x -->", "x", "new\n")
    'a\n<!-- generated:x -->\nnew\n<!-- /generated:x -->'
    """
    pattern = re.compile(rf"(<!-- {tag}:{re.escape(name)} -->\n).*?(<!-- /{tag}:{re.escape(name)} -->)", re.S)
    if not pattern.search(text):
        raise KeyError(f"markers <!-- {tag}:{name} --> ... <!-- /{tag}:{name} --> not found")
    return pattern.sub(lambda m: m.group(1) + body + m.group(2), text)


def update_files(texts: Mapping[Path, str], check: bool, command: str, root: Path,
                 stale: Sequence[str] = ()) -> int:
    """Bring each file of ``texts`` to its text, or with ``check`` only report those that differ.

    Files are written atomically and each one written is printed (relative to
    ``root``). With ``check`` nothing is written: the files out of date, after the
    ``stale`` items the caller found itself, are printed on stderr with the ``command``
    that updates them, and the return value is 1; otherwise it is 0.
    """
    out_of_date = list(stale)
    for path, text in texts.items():
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        shown = str(path.relative_to(root))
        out_of_date.append(shown)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, text)
            print(f"wrote {shown}")
    if check and out_of_date:
        print(f"out of date: {', '.join(out_of_date)} (run: {command})", file=sys.stderr)
        return 1
    return 0


def cli_reference() -> str:
    """Markdown with the ``--help`` text of ``eaframe`` and every command."""
    import click
    from click.testing import CliRunner

    from eaframe.cli import main

    runner = CliRunner()
    parts = ["## eaframe\n\n```text\n" + runner.invoke(main, ["--help"], prog_name="eaframe").output + "```\n"]
    for name in main.list_commands(click.Context(main)):
        out = runner.invoke(main, [name, "--help"], prog_name="eaframe").output
        parts.append(f"## eaframe {name}\n\n```text\n{out}```\n")
    return "\n".join(parts)


def type_name(tp: Any) -> str:
    """A short, readable name of a field annotation."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        base = type_name(args[0])
        for meta in args[1:]:
            pattern = getattr(meta, "pattern", None)
            if pattern == r"^[A-Za-z_][A-Za-z0-9_.\-]*$":
                return "id"
        return base
    if origin is typing.Union or str(origin) == "types.UnionType":
        from eaframe.elements import Element
        from eaframe.relationships import Relationship

        if all(isinstance(a, type) and issubclass(a, Element) for a in args):
            return "element (see [element types](#element-types))"
        if all(isinstance(a, type) and issubclass(a, Relationship) for a in args):
            return "relationship (see [relationship types](#relationship-types))"
        names = [type_name(a) for a in args if a is not type(None)]
        return " | ".join(names) + (" | null" if type(None) in args else "")
    if origin in (list, tuple):
        return f"list of {type_name(args[0])}"
    if origin is dict:
        return f"map {type_name(args[0])} → {type_name(args[1])}"
    if origin is typing.Literal:
        return " | ".join(repr(a).replace("'", '"') for a in args)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return " | ".join(f'"{m.value}"' for m in tp)
    from eaframe.elements import Element

    if tp is Element:  # ArchitectureModel.elements: any element type, chosen by ``type`` (ElementItem)
        return "element (see [element types](#element-types))"
    if isinstance(tp, type):
        return {"str": "string", "int": "integer", "float": "number", "bool": "boolean",
                "Decimal": "number", "date": "date (YYYY-MM-DD)"}.get(tp.__name__, tp.__name__)
    return str(tp)


def _default(field) -> str:
    if field.is_required():
        return "**required**"
    if field.default_factory is not None:
        value = field.default_factory()
        return "empty" if value in ([], {}) or (isinstance(value, BaseModel) and not value.model_dump(exclude_defaults=True)) else f"`{value!r}`"
    if field.default is None or field.default is PydanticUndefined:
        return "—"
    if field.default == ():
        return "empty"
    value = field.default.value if isinstance(field.default, Enum) else field.default
    return f"`{value}`".replace("`False`", "`false`").replace("`True`", "`true`")


def _table(cls: type[BaseModel], skip: tuple[str, ...] = (), only: tuple[str, ...] = ()) -> str:
    rows = ["", "| field | type | default | meaning |", "| --- | --- | --- | --- |"]
    for name, field in cls.model_fields.items():
        if name in skip or (only and name not in only):
            continue
        desc = (field.description or "").replace("\n", " ").replace("|", "\\|")
        tname = type_name(field.annotation).replace("|", "\\|")
        rows.append(f"| `{name}` | {tname} | {_default(field)} | {desc} |")
    return "\n".join(rows) + "\n"


def _element_fields_table() -> str:
    from eaframe.elements import ELEMENT_TYPES, FIELD_ORDER, FIELD_TYPES, Element

    junctions = {"AndJunction", "OrJunction"}
    rows = ["", "| field | type | default | meaning | element types |", "| --- | --- | --- | --- | --- |"]
    fields = [("type", Element.model_fields["type"])]
    fields += [(name, next(c.model_fields[name] for c in ELEMENT_TYPES.values() if name in c.model_fields))
               for name in FIELD_ORDER]
    for name, field in fields:
        types = set(FIELD_TYPES.get(name, ELEMENT_TYPES))
        if types == set(ELEMENT_TYPES):
            where = "all"
        elif types == set(ELEMENT_TYPES) - junctions:
            where = "all but the junctions"
        else:
            where = ", ".join(f"`{t}`" for t in ELEMENT_TYPES if t in types)
        desc = (field.description or "").replace("\n", " ").replace("|", "\\|")
        tname = type_name(field.annotation).replace("|", "\\|")
        rows.append(f"| `{name}` | {tname} | {_default(field)} | {desc} | {where} |")
    return "\n".join(rows) + "\n"


def model_format_reference() -> str:
    """Markdown reference of every key of a model file, generated from the pydantic models."""
    from eaframe.attributes import Budget, Instrument, Source, Target, Text
    from eaframe.elements import ELEMENT_TYPES, Concept
    from eaframe.model import ArchitectureModel, Folder, ModelMetadata, View, ViewLayout
    from eaframe.relationships import RELATIONSHIP_TYPES, Relationship

    out = ["### Top level (`ArchitectureModel`)\n", _table(ArchitectureModel),
           "\n### `metadata` (`ModelMetadata`)\n", _table(ModelMetadata),
           "\n### `metadata.instrument` (`Instrument`)\n", _table(Instrument),
           "\n### `metadata.sources.<id>` (`Source`)\n", _table(Source),
           "\n### Text (`name`, `documentation`, `title`, `province`)\n", _table(Text),
           "\n### Fields of every element and relationship\n", _table(Concept),
           "\n### Fields of elements (`elements[]`)\n",
           "`type` is one of the element types below. The other fields are optional, and each is accepted only on "
           "the element types where it means something (the last column); elsewhere it is an error that names "
           "the types that take it.\n\n",
           _element_fields_table(),
           "\n### `target` (`Target`)\n", _table(Target),
           "\n### `budget` (`Budget`)\n", _table(Budget),
           "\n### Fields of every relationship (`relationships[]`)\n", _table(Relationship, skip=tuple(Concept.model_fields))]
    for name, cls in RELATIONSHIP_TYPES.items():
        extra = tuple(f for f in cls.model_fields if f not in Relationship.model_fields)
        if extra:
            out += [f"\nOnly on `{name}`:\n\n", _table(cls, only=extra)]
    out += ["\n### `views[]` (`View`)\n", _table(View),
            "\n### `views[].layout` (`ViewLayout`)\n", _table(ViewLayout),
            "\n### `folders[]` (`Folder`, nested in `folders`)\n", _table(Folder),
            "\n### Element types\n\n| type | layer | aspect | meaning |\n| --- | --- | --- | --- |\n"]
    for name, cls in ELEMENT_TYPES.items():
        out.append(f"| `{name}` | {cls.layer.value} | {cls.aspect.value} | {(cls.__doc__ or '').strip()} |\n")
    out.append("\n### Relationship types\n\n| type | category | meaning |\n| --- | --- | --- |\n")
    for name, cls in RELATIONSHIP_TYPES.items():
        out.append(f"| `{name}` | {cls.category} | {(cls.__doc__ or '').strip()} |\n")
    return "".join(out)
