"""``eaframe diff``: what changed between two versions of an architecture."""

from __future__ import annotations

from pathlib import Path

import click

from ._common import (
    check_output,
    fail,
    format_from_output,
    is_special_file,
    lenient_option,
    load_or_exit,
    model_lang_option,
    note,
    one_stdin,
    prepare_output,
    write_or_exit,
)

__all__ = ["COMMANDS", "diff_command", "FORMATS", "DEMO_PAIRS", "demo_diff", "write_migration"]

#: Output formats of ``eaframe diff``.
FORMATS = ("text", "json", "md", "html")
#: The format an extension of -o implies when --format is not given.
_BY_SUFFIX = {".txt": ("text",), ".json": ("json",), ".md": ("md",), ".html": ("html",), ".htm": ("html",)}

#: Extensions of --migration files: exchange XML, or a model file.
MIGRATION_SUFFIXES = (".xml", ".yaml", ".yml", ".json")

#: The version pairs of bundled models the demo diffs (old, new).
DEMO_PAIRS = (("vn-province-1.0", "vn-province-2.0"), ("dongnai-2019", "dongnai-2020"))


def write_migration(d, old, new, path: Path) -> None:
    """Write the migration model of ``d`` to ``path``: ArchiMate exchange XML for ``.xml``,
    otherwise an eaframe model file (YAML, or JSON for ``.json``); atomically."""
    from ..modeldiff import migration_model

    model = migration_model(d, old, new)
    if path.suffix.lower() == ".xml":
        from ..exchange import write_archimate

        write_archimate(model, path)
    else:
        from ..modelfile import save

        save(model, path)


def render(d, fmt: str, stat: bool, lang: str, name_status: bool = False, provenance: bool = False,
           limit: int | None = None) -> str:
    """The diff ``d`` in ``fmt`` (for text: only the summary with ``stat``, only the
    status lines with ``name_status``); provenance-only changes listed with
    ``provenance``; at most ``limit`` rows per section of Markdown and HTML (0: all);
    names and eaframe's words in ``lang``."""
    from ..modeldiff import render as r

    limit = r.DEFAULT_LIMIT if limit is None else limit
    if fmt == "json":
        return r.to_json(d)
    if fmt == "md":
        return r.to_markdown(d, lang=lang, provenance=provenance, limit=limit, words=lang)
    if fmt == "html":
        return r.to_html(d, lang=lang, limit=limit, document=True, provenance=provenance, words=lang)
    if stat:
        return r.format_stat(d, words=lang) + "\n"
    if name_status:
        text = r.format_name_status(d, lang=lang, details=False, provenance=provenance)
        return text + "\n" if text else ""
    return r.to_text(d, lang=lang, provenance=provenance, words=lang)


@click.command("diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="text: git-style name-status lines with field details and a summary; json: the stable "
                   "schema (docs/diff.md); md: Markdown report; html: complete HTML page. Default: from the "
                   "extension of -o (.json, .md, .html/.htm, .txt), else text.")
@click.option("--stat", is_flag=True, help="Only the summary (counts per change kind, layer and type).")
@click.option("--name-status", is_flag=True,
              help="Only the status lines (STATUS, TYPE, ID, NAME), without field details or summary.")
@click.option("--diff-filter", "diff_filter", metavar="[ADMRT]...",
              help="Only changes of these statuses, e.g. AD for added and removed (as git --diff-filter).")
@click.option("--provenance", is_flag=True,
              help="Also list the provenance-only changes (only sources/confidence differ) after the "
                   "architecture changes; without it they are only counted (html: the toggle starts open). "
                   "JSON always lists them, marked provenance_only.")
@click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N",
              help="At most N rows per section of the md and html reports, then '… and N more' "
                   "(default 300; 0: no limit).")
@click.option("--no-rename-detection", is_flag=True,
              help="Do not match elements with different ids by similarity (ids and `replaces` still match).")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Similarity threshold for rename detection (default 0.6).")
@click.option("--migration", "migration", type=click.Path(allow_dash=True, path_type=Path), metavar="FILE",
              help="Also write the diff as a migration model (plateaus, gap, work packages): ArchiMate "
                   "exchange XML for .xml, a model file for .yaml/.yml/.json (YAML on a device or pipe); "
                   "missing folders are created.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when there are differences, 0 when there are none.")
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), metavar="FILE",
              help="Write to this file instead of stdout (- for stdout); missing folders are created.")
@model_lang_option()
@lenient_option()
def diff_command(old: str, new: str, fmt: str | None, stat: bool, name_status: bool, diff_filter: str | None,
                 provenance: bool, limit: int | None, no_rename_detection: bool, threshold: float | None,
                 migration: Path | None, exit_code: bool, output: Path | None, lang: str | None, lenient: bool) -> None:
    """Show what changed from OLD to NEW: elements, relationships and views added (A),
    removed (D), modified (M), renamed (R, with the similarity score) or retyped (T),
    each with the fields that changed, and metadata changes. Names and eaframe's
    words (headings, counts, notes) are in --lang, by default NEW's first language;
    the name-status lines keep their status letters (A/D/M/R/T) in both languages.

    Architecture changes come first; changes of provenance only (sources, confidence)
    are counted apart (--provenance lists them). A change resting only on background
    knowledge or illustrative facts is marked (K) or (I). Relationships show as
    `source name —Type→ target name`.

    OLD and NEW are each a model file (.yaml/.yml/.json), a bundled model name, an
    exchange .xml file, an Archi CSV folder, or - (one of them) to read stdin.
    With --exit-code the status is 1 when the models differ and 0 when they do not
    (as `git diff --exit-code`).

    \b
    Examples:
        eaframe diff vn-province-1.0 vn-province-2.0
        eaframe diff dongnai-2019 dongnai-2020 --stat
        eaframe diff old.yaml new.yaml --format json -o diff.json --exit-code
        eaframe diff vn-province-1.0 vn-province-2.0 --format html -o diff.html
        eaframe diff vn-province-1.0 vn-province-2.0 --migration migration.xml
    """
    from ..exceptions import EaframeError
    from ..modeldiff import DEFAULT_THRESHOLD, diff

    fmt = format_from_output(output, fmt, _BY_SUFFIX, "text")
    if (stat or name_status) and fmt != "text":
        raise click.UsageError("--stat and --name-status go with --format text (JSON, Markdown and HTML "
                               "always include the summary)")
    if stat and name_status:
        raise click.UsageError("give --stat or --name-status, not both")
    if limit is not None and fmt not in ("md", "html"):
        raise click.UsageError("--limit goes with --format md or html (text and JSON list every change)")
    if diff_filter is not None and (not diff_filter or set(diff_filter.upper()) - set("ADMRT")):
        raise click.BadParameter(f"{diff_filter!r}: use letters of A, D, M, R, T", param_hint="--diff-filter")
    one_stdin(old, new)
    check_output(output, inputs=(old, new))
    check_output(migration, inputs=(old, new), suffixes=MIGRATION_SUFFIXES, option="--migration",
                 stdout="stdout carries the diff; give a file name")
    if (migration is not None and output is not None and migration.resolve() == output.resolve()
            and not is_special_file(migration)):
        raise click.BadParameter("the same file as -o; give another file name", param_hint="'--migration'")
    a = load_or_exit(old, strict=False if lenient else None, lang=lang)
    b = load_or_exit(new, strict=False if lenient else None, lang=lang)
    d = diff(a, b, detect_renames=not no_rename_detection,
             threshold=DEFAULT_THRESHOLD if threshold is None else threshold)
    if diff_filter:
        d = d.filter(diff_filter)
    from ..i18n import msg

    if migration is not None:
        prepare_output(migration, lang=lang)
        try:
            write_migration(d, a, b, migration)
        except EaframeError as err:
            fail(err, lang)
        note(msg("wrote {file}", file=migration), lang)
    from ..i18n import model_lang

    text = render(d, fmt, stat, model_lang(b, lang), name_status, provenance, limit)
    if write_or_exit(output, text, lang):
        note(msg("wrote {file}", file=output), lang)
    if exit_code and d:
        raise SystemExit(1)


def demo_diff(models: dict, out: Path) -> list[str]:
    """Demo step: diff each bundled version pair (text, Markdown, JSON, an HTML page) and
    write its migration model (YAML and ArchiMate exchange XML).

    Pairs whose models are not bundled are skipped.
    """
    from .._files import make_folder
    from ..modeldiff import diff, migration_model
    from ..modeldiff import render as r
    from ..modelfile import atomic_write_text, dumps

    written = []
    folder = out / "diff"
    for old, new in DEMO_PAIRS:
        if old not in models or new not in models:
            continue
        make_folder(folder)
        d = diff(models[old], models[new])
        stem = folder / f"{old}__{new}"
        for suffix, text in ((".txt", r.to_text(d)), (".md", r.to_markdown(d)), (".json", r.to_json(d)),
                             (".html", r.to_html(d, document=True))):
            atomic_write_text(stem.with_name(stem.name + suffix), text)
            written.append(str(stem.with_name(stem.name + suffix)))
        mig = folder / f"migration__{old}__{new}.yaml"
        atomic_write_text(mig, dumps(migration_model(d, models[old], models[new])))
        written.append(str(mig))
        xml = mig.with_suffix(".xml")
        write_migration(d, models[old], models[new], xml)
        written.append(str(xml))
    return written


COMMANDS = [diff_command]
