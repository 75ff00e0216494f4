"""``eaframe check``: interconnection, conformance and hygiene checks, and the target scorecard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Optional

import click

from ..exceptions import EaframeError
from ._common import (
    MODEL_HELP,
    check_output,
    echo,
    fail,
    format_from_output,
    is_stdio,
    load_or_exit,
    model_lang_option,
    note,
    one_stdin,
    prepare_output,
    write_or_exit,
)

__all__ = ["COMMANDS", "check", "demo_checks"]

#: The formats an extension of -o implies (the first when --format is not given).
_BY_SUFFIX = {".txt": ("text",), ".json": ("json", "sarif"), ".sarif": ("sarif",), ".csv": ("csv",),
              ".html": ("html",), ".htm": ("html",)}


def _list_rules(lang: str = "en") -> str:
    from ..checks import rules

    lines = []
    for r in rules():
        period = f"{r.since.isoformat() if r.since else '…'}–{r.until.isoformat() if r.until else ''}"
        lines.append(f"{r.id:<9} {r.severity:<8} {r.category:<16} v{'/'.join(r.frameworks):<12} {period:<22} "
                     f"{r.title_in(lang)}")
    return "\n".join(lines) + "\n"


@click.command()
@click.argument("models", nargs=-1, metavar="MODEL...")
@click.option("--rule", "select", multiple=True, metavar="ID",
              help="Run only this rule (an id or a glob such as 'EGOV-H*'); repeatable.")
@click.option("--skip", multiple=True, metavar="ID", help="Leave out this rule (id or glob); repeatable.")
@click.option("--min-severity", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Leave out rules and findings below this severity.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "csv", "html"]), default=None,
              help="Output format: text grouped by severity, JSON (schema eaframe-check-report/1), SARIF 2.1.0, "
                   "or a complete HTML document (findings and the target scorecard); the roll-up of several "
                   "models: text, JSON (schema eaframe-check-rollup/1), CSV or an HTML page. Default: from the "
                   "extension of -o (.json, .sarif, .csv, .html/.htm, .txt), else text.")
@click.option("--scorecard", is_flag=True,
              help="Also compute the target scorecard (indicators vs. the model's targets; always in --format html).")
@click.option("--framework", type=click.Choice(["1.0", "2.0", "3.0", "4.0"]), default=None,
              help="Select rules for this framework version instead of the model's own.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="Apply the rules in force on this date (default: the model's metadata.as_of, else today); rules "
                   "not in force then are listed as not applicable, with the rule or instrument that replaced them.")
@click.option("--framework-model", metavar="MODEL",
              help="Framework model for the conformance rules (default: the bundled model named by metadata.realises).")
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), metavar="FILE",
              help="Write the report to this file instead of stdout (- for stdout); missing folders are created.")
@click.option("--summary", is_flag=True,
              help="Print the roll-up table (one row per MODEL: findings per severity and rule, scorecard "
                   "indicators, totals) instead of the report; implied by more than one MODEL. A MODEL that "
                   "cannot be read becomes a row saying it failed (and the exit status is 1).")
@click.option("--report-base", metavar="URL_OR_PATH",
              help="Roll-up: link each province to its report site BASE/NAME/index.html (NAME: the model file name "
                   "without extension, as written by `eaframe report MODEL -o BASE/NAME`).")
@click.option("--list-rules", is_flag=True, help="List the rules and exit (titles in --lang, default en).")
@model_lang_option()
@click.option("--lenient", is_flag=True, help="Accepted for symmetry with the other commands: check always reads MODEL "
                                              "leniently (and --framework-model with it).")
def check(models: tuple[str, ...], select: tuple[str, ...], skip: tuple[str, ...], min_severity: Optional[str],
          fmt: Optional[str], scorecard: bool, framework: Optional[str], as_of, framework_model: Optional[str],
          output: Optional[Path], summary: bool, report_base: Optional[str], list_rules: bool,
          lang: Optional[str], lenient: bool) -> None:
    """Check MODEL against the interconnection rules of the framework, its framework
    model (conformance) and model hygiene rules; optionally compute the target scorecard.

    MODEL is a model file (.yaml/.yml/.json), a bundled model name, an exchange .xml
    file, an Archi CSV folder, or - to read stdin. The model is loaded leniently: relationships ArchiMate 3.2 does not allow are reported by rule
    EGOV-H1. Exits 1 when any error-level finding remains, 0 otherwise. Rule titles,
    messages, fix hints and the scorecard are written in --lang (vi or en); JSON and
    SARIF carry that language (their "lang" key / run "language").

    With several MODELs (or --summary), prints the national roll-up instead: one row per
    model with its findings per severity and rule and its scorecard indicators (value,
    target met or not), and the totals; exits 1 when any model has an error-level
    finding or could not be read (it is a row saying why; the others are still checked).

    \b
    Examples:
        eaframe check dongnai-2019 --scorecard
        eaframe check my-province.yaml --format sarif -o checks.sarif
        eaframe check dongnai-2019 --format html -o checks.html
        eaframe check dongnai-2020 --rule 'EGOV-R*' --min-severity error
        eaframe check dongnai-2020 --as-of 2026-12-01
        eaframe check dongnai-2020 --lang en
        eaframe check dongnai-2019 dongnai-2020 provinces/*.yaml --format html -o rollup.html
        eaframe check --list-rules
    """
    from ..bundled import bundled_path, is_bundled_name
    from ..checks import run_checks
    from ..i18n import model_lang

    if list_rules:
        echo(_list_rules(lang or "en"), nl=False)
        return
    if not models:
        raise click.UsageError(f"give a MODEL ({MODEL_HELP}), or --list-rules")
    from ..checks.engine import resolve_rules
    from ..exceptions import UnknownRuleError

    try:  # an unknown --rule/--skip is a usage error (exit 2), found before any model is read
        resolve_rules(select or None, skip or None)
    except UnknownRuleError as err:
        raise click.BadParameter(str(err), param_hint="'--rule' / '--skip'") from None
    one_stdin(*models, framework_model)
    check_output(output, inputs=(*models, framework_model))
    fmt = format_from_output(output, fmt, _BY_SUFFIX, "text")
    if summary or len(models) > 1:
        from ._rollup import run_rollup

        run_rollup(models, select=select, skip=skip, min_severity=min_severity, fmt=fmt, framework=framework,
                   as_of=as_of.date() if as_of is not None else None, framework_model=framework_model,
                   lenient=lenient, output=output, report_base=report_base, lang=lang)
        return
    if fmt == "csv" or report_base is not None:
        raise click.UsageError(f"{'--report-base' if report_base is not None else '--format ' + fmt} is for the "
                               "roll-up of several MODELs (or --summary)")
    model = models[0]
    m = load_or_exit(model, strict=False, count_forbidden=False, lang=lang)  # such relationships are findings of rule EGOV-H1
    fw = load_or_exit(framework_model, strict=False if lenient else None, lang=lang) if framework_model else None
    source: Optional[str] = None if is_stdio(model) else model
    if is_bundled_name(model) and not Path(model).is_file():
        path = bundled_path(model).resolve()
        try:  # a path relative to the working directory reads best in SARIF viewers
            source = path.relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            source = str(path)
    try:
        report = run_checks(m, select=select or None, skip=skip or None, min_severity=min_severity,
                            framework_model=fw, framework=framework, scorecard=scorecard or fmt == "html",
                            source=source, as_of=as_of.date() if as_of is not None else None,
                            lang=model_lang(m, lang))
    except EaframeError as err:
        fail(err)
    if fmt in ("json", "sarif") and output is not None and not is_stdio(output):
        # a file: written a part at a time, without the whole text in memory
        text = None
        _write_streamed(output, report.write_json if fmt == "json" else report.write_sarif, lang)
    elif fmt == "json":
        text = report.to_json()
    elif fmt == "sarif":
        text = report.to_sarif_json()
    elif fmt == "html":
        text = report.to_html(limit=None, document=True)
    else:
        text = report.to_text()
    if text is None or write_or_exit(output, text, lang):
        from ..i18n import msg

        c = report.counts()
        note(msg("wrote {file} ({errors} errors, {warnings} warnings, {info} info)", file=output, errors=c["error"],
                 warnings=c["warning"], info=c["info"]), lang)
    if not report.ok:
        raise SystemExit(1)


class _Utf8:
    """A text writer over a binary file: each piece encoded as UTF-8."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        return self.raw.write(text.encode("utf-8"))


def _write_streamed(output: Path, write: Callable[[_Utf8], None], lang: Optional[str] = None) -> None:
    """Write a report to the file ``output`` with ``write(file)`` (atomically, its missing
    folders created); exit 1 with a clean message on failure (in ``lang``; ``None``: English)."""
    from .._files import atomic_open

    prepare_output(output, lang=lang)
    try:
        with atomic_open(output) as raw:
            write(_Utf8(raw))
    except EaframeError as err:
        fail(err, lang)


def demo_checks(models: dict, out: Path, lang: Optional[str] = None) -> list[str]:
    """Demo step: checks and scorecard of every bundled model as text, JSON and SARIF.

    Province models are checked against the framework model they realise; a v1.0-era
    province is also checked against the v2.0 rules (``<name>.against-2.0.*``), which
    lists what the move to framework v2.0 still had to close. Reports in ``lang``
    (default: each model's first language).
    """
    from .._files import make_folder
    from ..bundled import bundled_path
    from ..checks import run_checks
    from ..exceptions import UnknownModelError
    from ..i18n import model_lang, translator
    from ..modelfile import atomic_write_text

    folder = out / "checks"
    make_folder(folder)
    written, summary = [], []
    for name, m in models.items():
        source: Optional[str]
        text: Optional[str]
        try:
            path = bundled_path(name)
            source, text = f"models/{path.name}", path.read_text(encoding="utf-8")
        except UnknownModelError:
            source = text = None
        fw = models.get(m.metadata.realises) if m.metadata.realises else None
        runs: list[tuple[str, Optional[str]]] = [(name, None)]
        if m.metadata.province and m.metadata.framework_version == "1.0":
            runs.append((f"{name}.against-2.0", "2.0"))
        for label, version in runs:
            report = run_checks(m, framework_model=fw, framework=version, source=source,
                                scorecard=bool(m.metadata.province), lang=model_lang(m, lang))
            t = translator(report.output_lang())
            for suffix, content in ((".txt", report.to_text()), (".json", report.to_json()),
                                    (".sarif", report.to_sarif_json(source_text=text))):
                target = folder / f"{label}{suffix}"
                atomic_write_text(target, content)
                written.append(str(target))
            c = report.counts()
            line = t("{label}: {e} errors, {w} warnings, {i} info").format(
                label=label, e=c["error"], w=c["warning"], i=c["info"])
            if report.scorecard is not None:
                met = [i for i in report.scorecard.indicators if i.met is not None]
                line += t("; targets met {met}/{total}").format(met=sum(1 for i in met if i.met), total=len(met))
            summary.append(line)
    atomic_write_text(folder / "summary.txt", "\n".join(summary) + "\n")
    written.append(str(folder / "summary.txt"))
    return written


COMMANDS = [check]
