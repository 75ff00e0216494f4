"""``eaframe merge``: three-way merge of two versions of a model made from a common base."""

from __future__ import annotations

import json
import os
import re
import warnings
from pathlib import Path
from typing import Optional

import click

from .._text import term_safe
from ..i18n import N_, translator
from ._common import (
    MODEL_HELP,
    check_output,
    echo,
    is_stdio,
    lenient_option,
    load_or_exit,
    model_lang_option,
    one_stdin,
    sniff,
    write_or_exit,
)

__all__ = ["merge", "merged_text"]

#: The comment at the top of a merged file with conflicts (one line of the file per sentence).
_HEADER = (N_("eaframe merge: {n} conflict."), N_("eaframe merge: {n} conflicts."),
           N_("Each is listed under `conflicts:` with the concept id, the field and the base, ours and theirs values;"),
           N_("the model below holds ours' value. Edit the model to resolve each one, then delete the whole"),
           N_("`conflicts:` block (until then the file does not validate)."))


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


def _header(n: int, lang: str) -> str:
    t = translator(lang)
    one, many, *rest = _HEADER
    head = t(one if n == 1 else many).format(n=n)
    return "".join(f"# {line}\n" for line in (head, *(t(x) for x in rest)))


def merged_text(result, fmt: str, lang: Optional[str] = None) -> str:
    """The merged model as file text: with a ``conflicts:`` block (which the schema refuses,
    so the file fails ``eaframe validate`` until the block is removed) when there are conflicts;
    the comment and the conflicts' messages in ``lang`` (``vi`` or ``en``; ``None``: English)."""
    import yaml

    from ..modelfile import dumps, to_data

    if not result.conflicts and result.model is not None:
        return dumps(result.model, "json" if fmt == "json" else "yaml")
    conflicts = [c.to_data(lang) for c in result.conflicts]
    data = to_data(result.model) if result.model is not None else result.data
    if fmt == "json":
        return json.dumps({"conflicts": conflicts, **data}, ensure_ascii=False, indent=2) + "\n"
    n = len(conflicts)
    body = (dumps(result.model) if result.model is not None else
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6))
    block = yaml.safe_dump({"conflicts": conflicts}, allow_unicode=True, sort_keys=False, width=10**6)
    return _header(n, lang or "en") + block + body


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
@model_lang_option()
@lenient_option()
def merge(ours: str, theirs: str, base: Optional[str], output: Optional[str], decisions_file: Optional[str],
          write_decisions: Optional[str], title: Optional[str], province: Optional[str], prefix: Optional[str],
          report_file: Optional[str], report_format: str, plan: Optional[str], lang: Optional[str],
          lenient: bool) -> None:
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

    The report, the comments of the decisions file, the conflicts and the messages
    are written in --lang (vi or en), by default the first language of OURS (A).

    Examples:
        eaframe merge mine.yaml colleague.yaml --base common.yaml -o merged.yaml
        git config merge.eaframe.driver "eaframe merge --base %O %A %B -o %A"
        eaframe merge dongnai-2020 binhphuoc-2020 --write-decisions decisions.yaml -o merged.yaml
        eaframe merge dongnai-2020 binhphuoc-2020 --decisions decisions.yaml -o merged.yaml --plan plan.yaml
    """
    if base is None:
        _merge_provinces(ours, theirs, output, decisions_file, write_decisions, title, province, prefix,
                         report_file, report_format, plan, lang, lenient)
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
    from ..i18n import model_lang
    from ..merge import WORDS, MergeBaseError, merge3

    strict = False if lenient else None
    base_model = load_or_exit(base, strict=strict, lang=lang)
    ours_model = load_or_exit(ours, strict=strict, lang=lang)
    theirs_model = load_or_exit(theirs, strict=strict, lang=lang)
    lang = model_lang(ours_model, lang)
    t = translator(lang)
    try:
        result = merge3(base_model, ours_model, theirs_model)
    except MergeBaseError as err:
        side = ours if err.side == "ours" else theirs
        click.echo(term_safe(t("error: {base} (BASE) and {side} ({which}): {message}").format(
            base=base, side=side, which=err.side.upper(), message=err.text(lang))), err=True)
        raise SystemExit(1) from None
    text = merged_text(result, _output_format(output, ours), lang)
    write_or_exit(output, text, lang)
    if result.conflicts:
        where = output if output is not None and not is_stdio(output) else t("the output")
        for c in result.conflicts:
            what = t(WORDS[c.subject]) + (f" {c.id!r}" if c.id is not None else "")
            field = t(" field {field}").format(field=c.field) if c.field else ""
            click.echo(term_safe(t("CONFLICT ({what}{field}): {message}").format(what=what, field=field,
                                                                                  message=c.text(lang))), err=True)
        n = len(result.conflicts)
        click.echo(term_safe(t("{n} conflict: resolve it in {where}, then delete its `conflicts:` block" if n == 1
                               else "{n} conflicts: resolve them in {where}, then delete its `conflicts:` block")
                             .format(n=n, where=where)), err=True)
        raise SystemExit(1)


def _load_decisions(path: str, lang: str):
    """:func:`eaframe.merge.load_decisions`, its warnings (an empty file) printed in ``lang``."""
    from ..exceptions import EaframeWarning
    from ..i18n import localize
    from ..merge import load_decisions

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", EaframeWarning)
        decisions = load_decisions(path)
    t = translator(lang)
    for w in caught:
        if issubclass(w.category, EaframeWarning):
            message = w.message
            text = message.args[0] if isinstance(message, Warning) and message.args else str(message)
            click.echo(term_safe(t("warning: {message}").format(message=str(localize(text, lang)))), err=True)
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    return decisions


def _merge_provinces(a: str, b: str, output: Optional[str], decisions_file: Optional[str],
                     write_decisions: Optional[str], title: Optional[str], province: Optional[str],
                     prefix: Optional[str], report_file: Optional[str], report_format: str, plan: Optional[str],
                     lang: Optional[str], lenient: bool) -> None:
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
    from ..i18n import model_lang
    from ..merge import Decisions, ProvinceMergeError, merge_provinces
    from ..modelfile import dumps

    strict = False if lenient else None
    model_a = load_or_exit(a, strict=strict, lang=lang)
    model_b = load_or_exit(b, strict=strict, lang=lang)
    lang = model_lang(model_a, lang)
    t = translator(lang)
    try:
        decisions = _load_decisions(decisions_file, lang) if decisions_file is not None else Decisions()
        result = merge_provinces(model_a, model_b, decisions, title=title, province=province, prefix=prefix)
        plan_text = None
        if plan is not None:
            plan_model = result.plan()
            plan_text = (_exchange_text(plan_model) if Path(plan).suffix.lower() == ".xml" else
                         dumps(plan_model, "json" if Path(plan).suffix.lower() == ".json" else "yaml"))
    except ProvinceMergeError as err:
        inputs_of = {"a": t("{a} (A)"), "b": t("{b} (B)"), "both": t("{a} (A) and {b} (B)"),
                     "decisions": t("{decisions} (decisions), {a} (A) and {b} (B)")}
        # a problem located in the decisions file starts with the file (and line) already
        where = "" if err.file else inputs_of[err.side].format(a=a, b=b, decisions=decisions_file)
        click.echo(term_safe(t("error: {message}").format(message=(where + ": " if where else "")
                                                           + err.text(lang))), err=True)
        raise SystemExit(1) from None
    model_text = dumps(result.model, "json" if _output_format(output, a) == "json" else "yaml")
    report = result.report(report_format, lang)
    write_or_exit(output, model_text, lang)
    if write_decisions is not None:
        write_or_exit(write_decisions, result.decisions_text(lang), lang)
    if plan is not None and plan_text is not None:
        write_or_exit(plan, plan_text, lang)
    if report_file is not None:
        write_or_exit(report_file, report, lang)
    elif output is None or is_stdio(output):
        click.echo(report, err=True, nl=False)
    else:
        echo(report, nl=False)
    if result.pending:
        n = len(result.pending)
        click.echo(term_safe(t("{n} duplicate pair without a decision: both blocks are kept as they are; write the "
                               "decisions file with --write-decisions FILE, set its `decision:` and run again with "
                               "--decisions FILE" if n == 1 else
                               "{n} duplicate pairs without a decision: both blocks are kept as they are; write the "
                               "decisions file with --write-decisions FILE, set each `decision:` and run again with "
                               "--decisions FILE").format(n=n)), err=True)


def _exchange_text(model) -> str:
    from ..formats import dumps

    return dumps(model, "archimate")


#: The bundled province merge the demo runs: A, B and the decisions file (models/, package data).
DEMO_MERGE = ("dongnai-2020", "binhphuoc-2020", "_dongnai-binhphuoc-decisions.yaml")


def demo_merge(models: dict, out: Path, lang: Optional[str] = None) -> list[str]:
    """Demo step: merge Bình Phước into Đồng Nai (the bundled pair and decisions file):
    the merged model, the report (text, Markdown, JSON), the decisions file and the migration plan,
    in ``lang`` (default: Đồng Nai's first language).

    Skipped when the pair is not bundled.
    """
    from .._files import make_folder
    from ..bundled import _models_dir
    from ..i18n import model_lang
    from ..merge import load_decisions, merge_provinces
    from ..modelfile import atomic_write_text, dumps

    a, b, decisions_name = DEMO_MERGE
    decisions_path = _models_dir() / decisions_name
    if a not in models or b not in models or not decisions_path.is_file():
        return []
    folder = out / "merge"
    make_folder(folder)
    result = merge_provinces(models[a], models[b], load_decisions(str(decisions_path)))
    lang = model_lang(models[a], lang)
    texts = {"dongnai-2025.yaml": dumps(result.model), "report.txt": result.report("text", lang),
             "report.md": result.report("markdown", lang), "report.json": result.report("json", lang),
             "decisions.yaml": result.decisions_text(lang), "migration-plan.yaml": dumps(result.plan())}
    written = []
    for name, text in texts.items():
        atomic_write_text(folder / name, text)
        written.append(str(folder / name))
    return written
