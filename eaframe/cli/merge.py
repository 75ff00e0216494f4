"""``eaframe merge``: three-way merge of two versions of a model made from a common base."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Optional

import click

from .._text import term_safe
from ._common import (
    MODEL_HELP,
    check_output,
    echo,
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


_REPORT_FORMATS = ("text", "markdown", "json")


@click.command("merge")
@click.argument("ours", metavar="OURS")
@click.argument("theirs", metavar="THEIRS")
@click.option("--base", metavar="BASE", help="The common ancestor of OURS and THEIRS (" + MODEL_HELP + "). "
              "Without it, OURS and THEIRS are two provinces' architectures merged into one (A and B).")
@click.option("-o", "--output", metavar="FILE",
              help="Merged model file (- for stdout, the default). May be the OURS file itself (as the git merge "
                   "driver does), replaced atomically. JSON for .json, YAML for .yaml/.yml, otherwise the format "
                   "of OURS.")
@click.option("--decisions", "decisions_file", metavar="FILE",
              help="Province merge (no --base): the YAML decisions file to apply (consolidation decision of each "
                   "duplicate pair, metadata of the merged unit, id prefix).")
@click.option("--write-decisions", metavar="FILE",
              help="Province merge: write the decisions file of this merge (every duplicate pair, with its decision "
                   "or decision: null, and a comment on the choices) to FILE.")
@click.option("--title", metavar="TEXT", help="Province merge: title of the merged model (both languages).")
@click.option("--province", metavar="NAME", help="Province merge: province of the merged model (both languages).")
@click.option("--prefix", metavar="PREFIX",
              help="Province merge: prefix of B's ids that A has too (default: B's province name, e.g. binhphuoc).")
@click.option("--report", "report_file", metavar="FILE",
              help="Province merge: write the report of duplicates and decisions to FILE (default: stdout, or "
                   "stderr when the merged model goes to stdout).")
@click.option("--report-format", type=click.Choice(_REPORT_FORMATS), default="text", show_default=True,
              help="Province merge: format of the report.")
@click.option("--plan", metavar="FILE",
              help="Province merge: write the migration plan (plateaus, gap, work packages: from both provinces "
                   "side by side to the merged model) to FILE (.yaml, .json or .xml exchange).")
@lenient_option()
def merge(ours: str, theirs: str, base: Optional[str], output: Optional[str], decisions_file: Optional[str],
          write_decisions: Optional[str], title: Optional[str], province: Optional[str], prefix: Optional[str],
          report_file: Optional[str], report_format: str, plan: Optional[str], lenient: bool) -> None:
    """Merge the changes from BASE to OURS and from BASE to THEIRS into one model;
    without --base, merge two provinces' architectures (A = OURS, B = THEIRS).

    Three-way (--base): concepts are matched by id and merged field by field:
    changes on both sides to different concepts or different fields merge cleanly;
    the same field changed differently on both sides, a concept removed on one side
    and changed (or referred to) on the other, are conflicts. An element one side
    gave a new id, declaring the old one in `replaces`, takes the other side's edits. With
    conflicts the merged file starts with a `conflicts:` block listing each one (id,
    field, base, ours and theirs values), the model holding ours' value; the file
    fails `eaframe validate` until the block is removed, and the exit status is 1.
    docs/merge.md shows how to make git use this command for model files.

    Province merge (no --base): the union of A and B; blocks of both that implement
    the same framework block are duplicate pairs, each taking the decision of the
    --decisions file (keep-a, keep-b, merge, migrate, retire) or staying pending;
    B's ids that A has too get a prefix. Writes the merged model, a report of the
    duplicates and decisions, and optionally the decisions template and a migration
    plan. docs/province-merge.md has the worked example.

    Examples:
        eaframe merge mine.yaml colleague.yaml --base common.yaml -o merged.yaml
        git config merge.eaframe.driver "eaframe merge --base %O %A %B -o %A"
        eaframe merge dongnai-2020 binhphuoc-2020 --write-decisions decisions.yaml -o merged.yaml
        eaframe merge dongnai-2020 binhphuoc-2020 --decisions decisions.yaml -o merged.yaml --plan plan.yaml
    """
    if base is None:
        _merge_provinces(ours, theirs, output, decisions_file, write_decisions, title, province, prefix,
                         report_file, report_format, plan, lenient)
        return
    used = [name for name, v in (("--decisions", decisions_file), ("--write-decisions", write_decisions),
                                 ("--title", title), ("--province", province), ("--prefix", prefix),
                                 ("--report", report_file), ("--plan", plan)) if v is not None]
    if used:
        raise click.UsageError(f"{used[0]} is for merging two provinces (without --base); a three-way merge "
                               "takes OURS, THEIRS, --base and -o")
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


def _merge_provinces(a: str, b: str, output: Optional[str], decisions_file: Optional[str],
                     write_decisions: Optional[str], title: Optional[str], province: Optional[str],
                     prefix: Optional[str], report_file: Optional[str], report_format: str, plan: Optional[str],
                     lenient: bool) -> None:
    """``eaframe merge A B`` without ``--base``: every output computed before any is written."""
    one_stdin(a, b)
    inputs = (a, b, decisions_file)
    check_output(output, inputs=inputs)
    for opt, path in (("--write-decisions", write_decisions), ("--report", report_file)):
        check_output(path, inputs=inputs, option=opt)
    check_output(plan, inputs=inputs, option="--plan", suffixes=(".yaml", ".yml", ".json", ".xml"))
    files = [p for p in (output, write_decisions, report_file, plan) if p is not None and not is_stdio(p)]
    if len(set(files)) != len(files):
        raise click.UsageError("the outputs (-o, --write-decisions, --report, --plan) must be different files")
    if prefix is not None and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_\-]*", prefix):
        raise click.BadParameter(f"{prefix!r} is not a valid id start (letters, digits, _ and -)",
                                 param_hint="'--prefix'")
    from ..merge import Decisions, ProvinceMergeError, load_decisions, merge_provinces
    from ..modelfile import dumps

    strict = False if lenient else None
    model_a = load_or_exit(a, strict=strict)
    model_b = load_or_exit(b, strict=strict)
    try:
        decisions = load_decisions(decisions_file) if decisions_file is not None else Decisions()
        result = merge_provinces(model_a, model_b, decisions, title=title, province=province, prefix=prefix)
        plan_text = None
        if plan is not None:
            plan_model = result.plan()
            plan_text = (_exchange_text(plan_model) if Path(plan).suffix.lower() == ".xml" else
                         dumps(plan_model, "json" if Path(plan).suffix.lower() == ".json" else "yaml"))
    except ProvinceMergeError as err:
        where = {"a": f"{a} (A)", "b": f"{b} (B)", "both": f"{a} (A) and {b} (B)",
                 "decisions": f"{decisions_file} (decisions), {a} (A) and {b} (B)"}[err.side]
        msg = str(err)
        if err.side == "decisions" and decisions_file is not None and msg.startswith(decisions_file):
            where = ""  # the message starts with the file (and line) already
        click.echo(term_safe(f"error: {where + ': ' if where else ''}{msg}"), err=True)
        raise SystemExit(1) from None
    model_text = dumps(result.model, "json" if _output_format(output, a) == "json" else "yaml")
    report = result.report(report_format)
    write_or_exit(output, model_text)
    if write_decisions is not None:
        write_or_exit(write_decisions, result.decisions_text())
    if plan is not None and plan_text is not None:
        write_or_exit(plan, plan_text)
    if report_file is not None:
        write_or_exit(report_file, report)
    elif output is None or is_stdio(output):
        click.echo(report, err=True, nl=False)
    else:
        echo(report, nl=False)
    if result.pending:
        n = len(result.pending)
        click.echo(term_safe(f"{n} duplicate pair{'s' if n != 1 else ''} without a decision: both blocks are kept "
                             "as they are; write the decisions file with --write-decisions FILE, set each "
                             "`decision:` and run again with --decisions FILE"), err=True)


def _exchange_text(model) -> str:
    from ..formats import dumps

    return dumps(model, "archimate")


#: The bundled province merge the demo runs: A, B and the decisions file (models/, package data).
DEMO_MERGE = ("dongnai-2020", "binhphuoc-2020", "_dongnai-binhphuoc-decisions.yaml")


def demo_merge(models: dict, out: Path) -> list[str]:
    """Demo step: merge Bình Phước into Đồng Nai (the bundled pair and decisions file):
    the merged model, the report (text, Markdown, JSON), the decisions file and the migration plan.

    Skipped when the pair is not bundled.
    """
    from .._files import make_folder
    from ..bundled import _models_dir
    from ..merge import load_decisions, merge_provinces
    from ..modelfile import atomic_write_text, dumps

    a, b, decisions_name = DEMO_MERGE
    decisions_path = _models_dir() / decisions_name
    if a not in models or b not in models or not decisions_path.is_file():
        return []
    folder = out / "merge"
    make_folder(folder)
    result = merge_provinces(models[a], models[b], load_decisions(str(decisions_path)))
    texts = {"dongnai-2025.yaml": dumps(result.model), "report.txt": result.report("text"),
             "report.md": result.report("markdown"), "report.json": result.report("json"),
             "decisions.yaml": result.decisions_text(), "migration-plan.yaml": dumps(result.plan())}
    written = []
    for name, text in texts.items():
        atomic_write_text(folder / name, text)
        written.append(str(folder / name))
    return written
