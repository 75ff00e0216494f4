"""``eaframe merge``: three-way merge of two versions of a model made from a common base."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional

import click

from .._text import term_safe
from ._common import (
    MODEL_HELP,
    check_output,
    is_stdio,
    lenient_option,
    load_or_exit,
    one_stdin,
    sniff,
    write_or_exit,
)

__all__ = ["merge", "merged_text"]

_HEADER = ("# eaframe merge: {n} conflict{s}. Each is listed under `conflicts:` with the concept id, the field\n"
           "# and the base, ours and theirs values; the model below holds ours' value. Edit the model to\n"
           "# resolve each one, then delete the whole `conflicts:` block (until then the file does not validate).\n")


def _output_format(output: Optional[str], ours: str) -> str:
    """``json`` or ``yaml``: from the extension of ``output``, else from the content of the OURS file."""
    if output is not None and not is_stdio(output):
        suffix = Path(output).suffix.lower()
        if suffix == ".json":
            return "json"
        if suffix in (".yaml", ".yml"):
            return "yaml"
    if not is_stdio(ours) and os.path.isfile(ours):
        try:
            with open(ours, "rb") as fh:
                head = fh.read(256)
        except OSError:  # unreadable: it was read just before; YAML, the default, then
            return "yaml"
        if sniff(head) == "json":
            return "json"
    return "yaml"


def merged_text(result, fmt: str) -> str:
    """The merged model as file text: with a ``conflicts:`` block (which the schema refuses,
    so the file fails ``eaframe validate`` until the block is removed) when there are conflicts."""
    import yaml

    from ..modelfile import dumps, to_data

    if not result.conflicts and result.model is not None:
        return dumps(result.model, "json" if fmt == "json" else "yaml")
    conflicts = [c.to_data() for c in result.conflicts]
    data = to_data(result.model) if result.model is not None else result.data
    if fmt == "json":
        return json.dumps({"conflicts": conflicts, **data}, ensure_ascii=False, indent=2) + "\n"
    n = len(conflicts)
    body = (dumps(result.model) if result.model is not None else
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6))
    block = yaml.safe_dump({"conflicts": conflicts}, allow_unicode=True, sort_keys=False, width=10**6)
    return _HEADER.format(n=n, s="s" if n != 1 else "") + block + body


@click.command("merge")
@click.argument("ours", metavar="OURS")
@click.argument("theirs", metavar="THEIRS")
@click.option("--base", metavar="BASE", help="The common ancestor of OURS and THEIRS (" + MODEL_HELP + ").")
@click.option("-o", "--output", metavar="FILE",
              help="Merged model file (- for stdout, the default). May be the OURS file itself (as the git merge "
                   "driver does), replaced atomically. JSON for .json, YAML for .yaml/.yml, otherwise the format "
                   "of OURS.")
@lenient_option()
def merge(ours: str, theirs: str, base: Optional[str], output: Optional[str], lenient: bool) -> None:
    """Merge the changes from BASE to OURS and from BASE to THEIRS into one model.

    Concepts are matched by id and merged field by field: changes on both sides to
    different concepts or different fields merge cleanly; the same field changed
    differently on both sides, a concept removed on one side and changed (or referred
    to) on the other, are conflicts. With conflicts the merged file starts with a
    `conflicts:` block listing each one (id, field, base, ours and theirs values), the
    model holding ours' value; the file fails `eaframe validate` until the block is
    removed, and the exit status is 1. docs/merge.md shows how to make git use this
    command for model files.

    Examples:
        eaframe merge mine.yaml colleague.yaml --base common.yaml -o merged.yaml
        git config merge.eaframe.driver "eaframe merge --base %O %A %B -o %A"
    """
    if base is None:
        raise click.UsageError("give --base BASE, the common ancestor of OURS and THEIRS: two-way merging "
                               "(a province model with a newer framework) is not available yet")
    one_stdin(ours, theirs, base)
    # OURS may be the output (the git merge driver writes the result over %A); the others may not
    check_output(output, inputs=(base, theirs))
    from ..merge import MergeBaseError, merge3

    strict = False if lenient else None
    base_model = load_or_exit(base, strict=strict)
    ours_model = load_or_exit(ours, strict=strict)
    theirs_model = load_or_exit(theirs, strict=strict)
    try:
        result = merge3(base_model, ours_model, theirs_model)
    except MergeBaseError as err:
        side = ours if err.side == "ours" else theirs
        click.echo(term_safe(f"error: {base} (BASE) and {side} ({err.side.upper()}): {err}"), err=True)
        raise SystemExit(1) from None
    text = merged_text(result, _output_format(output, ours))
    write_or_exit(output, text)
    if result.conflicts:
        where = output if output is not None and not is_stdio(output) else "the output"
        for c in result.conflicts:
            what = f"{c.subject} {c.id!r}" if c.id is not None else c.subject
            field = f" field {c.field}" if c.field else ""
            click.echo(term_safe(f"CONFLICT ({what}{field}): {c.message}"), err=True)
        n = len(result.conflicts)
        click.echo(term_safe(f"{n} conflict{'s' if n != 1 else ''}: resolve them in {where}, then delete its "
                             "`conflicts:` block"), err=True)
        raise SystemExit(1)

