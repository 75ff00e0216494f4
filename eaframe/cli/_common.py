"""Helpers shared by the CLI commands: model loading with clean errors, inputs and outputs.

Inputs and outputs follow one set of rules (see docs/cli.md, "Files and streams"):

* ``-`` as a MODEL (or FILE) reads stdin, the format found from the content (exchange
  XML starts with ``<``, JSON with ``{``, anything else is YAML); only one argument of a
  command can be ``-``. ``-o -`` writes to stdout.
* An output that is a folder where a file is expected (or a file where a folder is), an
  output that is one of the command's input files (also through a hard or symbolic
  link), and an unknown extension where the extension picks the format are usage
  errors (exit 2), found before anything is read or written.
* Missing folders of an output path are created.
* A failed write (disk full, no permission, ...) is ``error: cannot write FILE: REASON;
  what to do`` on stderr and exit 1.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NoReturn, Optional, Union

import click

from .._files import atomic_write_bytes, make_folder, output_error
from .._text import term_safe
from ..exceptions import EaframeError, ModelLoadError, ModelValidationError, Problem
from ..i18n import localize, msg

__all__ = ["load_or_exit", "load_model", "load_bytes", "lenient_option", "print_warnings", "rule_warnings", "is_csv_set", "fail", "note", "print_problems", "MODEL_HELP", "lang_option", "model_lang_option", "STDIO", "STDIN_NAME",
           "echo", "is_stdio", "one_stdin", "read_stdin", "sniff", "named_stream", "load_stdin", "check_output", "write_or_exit",
           "prepare_output", "is_special_file", "format_from_output"]

MODEL_HELP = ("a model file (.yaml/.yml/.json), a bundled model name, an ArchiMate exchange file (.xml), "
              "an Archi .archimate file, an Archi CSV folder, or - for stdin")

#: The name meaning stdin (as an input) or stdout (as an output).
STDIO = "-"
#: How stdin is named in messages.
STDIN_NAME = "<stdin>"

OutputPath = Union[str, os.PathLike, None]


def print_problems(err: EaframeError, lang: Optional[str] = None) -> None:
    """Print an eaframe error on stderr, one problem per line, in ``lang`` (``None``: English;
    see :meth:`eaframe.exceptions.Problem.text`)."""
    if isinstance(err, ModelValidationError):
        for p in err.problems:
            click.echo(term_safe(p.text(lang), keep_newlines=True), err=True)
        n = sum(1 for p in err.problems if p.severity == "error")
        if lang is None:
            click.echo(f"{term_safe(err.source or 'model')}: {n} error{'s' if n != 1 else ''}", err=True)
        else:
            from ..i18n import translator

            t = translator(lang)
            count = t("{n} error" if n == 1 else "{n} errors").format(n=n)
            click.echo(f"{term_safe(err.source or t('model'))}: {count}", err=True)
    else:
        text = err.text(lang) if lang is not None and hasattr(err, "text") else str(err)
        word = "error" if lang is None else _translated(lang, "error")
        click.echo(f"{word}: {term_safe(text, keep_newlines=True)}", err=True)


def note(text: str, lang: Optional[str] = None) -> None:
    """Print a line of eaframe's own on stderr (``wrote FILE``, a note): ``text`` (a
    :class:`~eaframe.i18n.Msg`) in ``lang`` (``None``: English)."""
    click.echo(term_safe(localize(text, lang), keep_newlines=True), err=True)


def _translated(lang: str, text: str) -> str:
    from ..i18n import translator

    return translator(lang)(text)


def fail(err: EaframeError, lang: Optional[str] = None) -> NoReturn:
    """Print ``err`` (in ``lang``, see :func:`print_problems`) and exit with status 1."""
    print_problems(err, lang)
    sys.exit(1)


def _stdout_failed(err: OSError) -> NoReturn:
    # What is still buffered cannot be written either; point stdout at the null device so
    # that the interpreter's final flush does not print a second, raw error.
    fd = None
    if sys.stdout is not None:
        try:
            fd = sys.stdout.fileno()
        except (OSError, ValueError):  # no real file descriptor (e.g. under click's CliRunner)
            fd = None
    if fd is not None:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    fail(output_error(err, "<stdout>"))


def echo(text: Union[str, bytes], nl: bool = True) -> None:
    """Print a result on stdout; a failed write exits 1 with ``error: cannot write <stdout>: ...``."""
    if sys.stdout is None:  # started with stdout closed: nothing can be printed
        _stdout_failed(OSError(errno.EBADF, os.strerror(errno.EBADF)))
    try:
        if isinstance(text, bytes):
            out = click.open_file(STDIO, "wb")  # stdout, left open
            out.write(text)
            out.flush()
        else:
            click.echo(text, nl=nl)
    except OSError as err:
        _stdout_failed(err)


# ------------------------------------------------------------------ inputs
def is_stdio(name: object) -> bool:
    """Whether an argument is ``-`` (stdin or stdout)."""
    return name is not None and os.fspath(name) == STDIO  # type: ignore[call-overload]


def one_stdin(*sources: object) -> None:
    """Usage error unless at most one of ``sources`` is ``-`` (stdin can be read once)."""
    if sum(1 for s in sources if is_stdio(s)) > 1:
        raise click.UsageError("only one input can be '-' (stdin)")


def read_stdin() -> bytes:
    """All of stdin, as bytes."""
    try:
        fh = click.open_file(STDIO, "rb")  # stdin, left open
    except RuntimeError:  # click: there is no stdin (it was closed)
        fail(ModelLoadError([Problem(msg("cannot read: stdin is closed"), file=STDIN_NAME)], source=STDIN_NAME))
    try:
        return fh.read()
    except OSError as err:
        fail(ModelLoadError([Problem(msg("cannot read: {reason}", reason=err.strerror or str(err)), file=STDIN_NAME)],
                            source=STDIN_NAME))


def sniff(data: bytes) -> str:
    """The format of a model or exchange file from its first bytes: ``xml``, ``json`` or ``yaml``."""
    head = data[:256].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "xml"
    if head.startswith((b"{", b"[")):
        return "json"
    return "yaml"


def named_stream(data: bytes, name: str = STDIN_NAME) -> io.BytesIO:
    """``data`` as a binary file named ``name`` (for messages)."""
    fh = io.BytesIO(data)
    fh.name = name
    return fh


def load_stdin(strict: Optional[bool] = None):
    """A model read from stdin: YAML, JSON or exchange XML, found from the content.

    ``strict`` as for :func:`load_model`.

    Raises
    ------
    EaframeError
        As :func:`eaframe.load`; content that is no model says what it looks like.
    """
    data = read_stdin()
    return load_bytes(data, STDIN_NAME, strict)


def load_bytes(data: bytes, name: str, strict: Optional[bool] = None):
    """A model from the bytes of a file called ``name``; see :func:`load_model`."""
    from ..formats import foreign_content, load

    what = foreign_content(data)
    if what is not None:
        raise ModelLoadError([Problem(msg("this is {what}", what=what), file=name)], source=name)
    from .._sniff import is_archi

    if is_archi(data):
        return load(named_stream(data, name), format="archi", strict=bool(strict))
    fmt = sniff(data)
    if fmt == "xml":
        return load(named_stream(data, name), format="archimate", strict=bool(strict))
    return load(named_stream(data, name), format=fmt, strict=strict is not False)  # type: ignore[arg-type]


def is_csv_set(source: Union[str, os.PathLike]) -> bool:
    """Whether ``source`` names Archi CSV files: a folder (not a bundled model), or a ``.csv`` file."""
    path = Path(source)
    return path.is_dir() or (path.suffix.lower() == ".csv" and path.is_file())


def load_model(source: str, strict: Optional[bool] = None):
    """A model from any source a MODEL argument takes.

    ``source`` is a model file (YAML/JSON), a bundled model name, an ArchiMate exchange
    XML file, an Archi CSV folder (or one of its files), or ``-`` (stdin: YAML, JSON or
    exchange XML by content); the format is found from the extension, else the content.

    ``strict``: ``None`` reads as ``eaframe import`` does — exchange XML and Archi CSV
    keep relationships that ArchiMate 3.2 does not allow (as warnings), model files
    refuse them unless their ``metadata.lenient`` is true; ``False`` (``--lenient``)
    keeps them for every format; ``True`` refuses them for every format (except a model
    file that says ``lenient: true``). A model read leniently that has such
    relationships is marked ``metadata.lenient`` (so a file written from it loads again).

    Raises
    ------
    EaframeError
        The source cannot be read or is not a valid model; a file that is no model
        says what it looks like (a ZIP archive, an HTML page, an empty file, ...).
    """
    import warnings

    from ..exceptions import EaframeWarning

    with warnings.catch_warnings():  # the warnings are on the model, printed by the caller
        warnings.simplefilter("ignore", EaframeWarning)
        if is_stdio(source):
            model = load_stdin(strict=strict)
        elif os.fspath(source) == "":  # not the current folder
            from ..formats import empty_path_error

            raise empty_path_error()
        elif is_csv_set(source):
            from ..exchange import read_archi_csv

            model = read_archi_csv(source, strict=bool(strict))
        else:
            from ..formats import format_of, load

            fmt = format_of(source)
            model = load(source, strict=bool(strict) if fmt in ("archimate", "archi") else strict is not False)
    if rule_warnings(model):
        model.metadata.lenient = True
    return model


def rule_warnings(model) -> list[Problem]:
    """The warnings of ``model`` for relationships that ArchiMate 3.2 does not allow."""
    return [w for w in model.warnings
            if w.severity == "warning" and w.path[:1] == ("relationships",) and w.path[-1:] == ("type",)]


def print_warnings(model, source: str, rules: bool = True, lang: Optional[str] = None) -> None:
    """Print the warnings of a loaded model on stderr: relationships ArchiMate 3.2 does not
    allow as one counted line (unless ``rules`` is false), every other warning (data left
    out, structure) in full; in ``lang`` (``None``: English)."""
    forbidden = rule_warnings(model)
    name = STDIN_NAME if is_stdio(source) else source
    if forbidden and rules:
        n = len(forbidden)
        line = msg("{n} relationship that ArchiMate 3.2 does not allow, kept (the model is lenient; "
                   "`eaframe validate --lenient` lists them)" if n == 1 else
                   "{n} relationships that ArchiMate 3.2 does not allow, kept (the model is lenient; "
                   "`eaframe validate --lenient` lists them)", n=n)
        word = "warning" if lang is None else _translated(lang, "warning")
        click.echo(term_safe(f"{name}: {word}: {localize(line, lang)}"), err=True)
    for w in model.warnings:
        if w not in forbidden:
            click.echo(term_safe(w.text(lang), keep_newlines=True), err=True)


def load_or_exit(source: str, strict: Optional[bool] = None, count_forbidden: bool = True,
                 lang: Optional[str] = None):
    """:func:`load_model`, its warnings printed on stderr (see :func:`print_warnings`;
    ``count_forbidden`` false leaves out the line counting relationships ArchiMate 3.2 does
    not allow); on failure print every problem and exit 1. Problems and warnings are printed
    in ``lang`` (``None``: English)."""
    try:
        model = load_model(source, strict=strict)
    except EaframeError as err:
        fail(err, lang)
    print_warnings(model, source, rules=count_forbidden, lang=lang)
    return model


def lenient_option():
    """The ``--lenient`` option of every command that loads a model."""
    return click.option("--lenient", is_flag=True,
                        help="Keep relationships that ArchiMate 3.2 does not allow (reported as warnings) in model "
                             "files too; exchange XML, .archimate, Archi CSV and models marked lenient are read that way "
                             "anyway.")


# ------------------------------------------------------------------ outputs
def is_special_file(path: Union[str, os.PathLike]) -> bool:
    """Whether ``path`` exists and is neither a regular file nor a folder (a device, a pipe)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (or cannot be examined): not the same file
        return False


def _input_path(src: object) -> Optional[Path]:
    """The file behind an input argument: its path, or the file of a bundled model name."""
    if src is None or is_stdio(src):
        return None
    path = Path(os.fspath(src))  # type: ignore[call-overload]
    if not path.exists() and isinstance(src, str):
        from ..bundled import bundled_path, is_bundled_name

        if is_bundled_name(src):
            return bundled_path(src)
    return path


def check_output(output: OutputPath, *, inputs: Iterable[object] = (), suffixes: Iterable[str] = (),
                 option: str = "-o", folder: bool = False, stdout: Union[bool, str] = True) -> None:
    """Refuse, as a usage error (exit 2), an output path that cannot be right.

    Parameters
    ----------
    output
        The path given (``None``: not given, nothing to check).
    inputs
        The command's input paths (or model names, or ``-``): the output may not be one
        of them, not even through a hard or symbolic link.
    suffixes
        When given, the extensions (lower case, with the dot) that pick a format; others
        are refused. Devices and pipes (e.g. ``/dev/null``) have no extension to check.
    folder
        The output is a folder (created if missing), not a file.
    stdout
        Whether ``-`` (stdout) is allowed; a string says why it is not.
    """
    if output is None:
        return
    if is_stdio(output):
        if stdout is not True:
            raise click.BadParameter(f"'-' (stdout) is not possible here: {stdout or 'give a path'}",
                                     param_hint=f"'{option}'")
        return
    path = Path(output)
    for src in inputs:
        src_path = _input_path(src)
        if src_path is not None and _same_file(path, src_path):
            raise click.BadParameter(f"{path} is the input file {src}; write the output to another file",
                                     param_hint=f"'{option}'")
    if folder:
        if path.exists() and not path.is_dir():
            what = "a device, not a folder" if is_special_file(path) else "a file"
            raise click.BadParameter(f"{path} is {what}; a folder is needed here (it is created if missing)",
                                     param_hint=f"'{option}'")
        return
    if path.is_dir():
        raise click.BadParameter(f"{path} is a folder; give a file name", param_hint=f"'{option}'")
    allowed = tuple(suffixes)
    if allowed and path.suffix.lower() not in allowed and not is_special_file(path):
        hint = ", ".join(allowed[:-1]) + " or " + allowed[-1] if len(allowed) > 1 else allowed[0]
        raise click.BadParameter(f"{path}: unknown extension {path.suffix or '(none)'!r}; use {hint}",
                                 param_hint=f"'{option}'")


def format_from_output(output: OutputPath, fmt: Optional[str], by_suffix: Mapping[str, tuple[str, ...]],
                       default: str) -> str:
    """The output format: ``fmt`` when given, else the first of those ``by_suffix`` gives the
    extension of ``output``, else ``default``. A ``fmt`` that the extension contradicts
    (``--format html -o diff.md``) is a usage error (exit 2), as for ``render``."""
    if output is None or is_stdio(output) or is_special_file(output):
        return fmt or default
    path = Path(output)
    implied = by_suffix.get(path.suffix.lower(), ())
    if fmt is not None and implied and fmt not in implied:
        raise click.BadParameter(f"--format {fmt} does not match the extension of {path} ({' or '.join(implied)}); "
                                 "leave out --format, or change the extension", param_hint="'--format'")
    return fmt or (implied[0] if implied else default)


def prepare_output(output: Union[str, os.PathLike], folder: bool = False, lang: Optional[str] = None) -> None:
    """Create the missing folders of an output file (or the output folder itself); exit 1 on failure,
    the error in ``lang`` (``None``: English)."""
    try:
        make_folder(output) if folder else make_folder(Path(output).parent, for_file=output)
    except EaframeError as err:
        fail(err, lang)


def write_or_exit(output: OutputPath, data: Union[str, bytes], lang: Optional[str] = None) -> bool:
    """Write ``data`` to ``output`` (``None`` or ``-``: stdout), the file atomically and its
    missing folders created; exit 1 with a clean message on failure (in ``lang``; ``None``: English).

    Returns whether a file was written (``False`` for stdout).
    """
    if output is None or is_stdio(output):
        echo(data, nl=False)
        return False
    prepare_output(output, lang=lang)
    try:
        atomic_write_bytes(output, data.encode("utf-8") if isinstance(data, str) else data)
    except EaframeError as err:
        fail(err, lang)
    return True


def model_lang_option():
    """The ``--lang`` option of commands that write eaframe's own text (titles, messages,
    hints) as well as names: default the model's first language (``metadata.languages[0]``)."""
    return click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
                        help="Language of the output: eaframe's text and the names "
                             "[default: the model's first language (metadata.languages[0]), else en].")


def lang_option(default: Optional[str] = "vi"):
    """The ``--lang`` option shared by commands that print names."""
    return click.option("--lang", type=click.Choice(["vi", "en"]), default=default, show_default=True,
                        help="Language of names in the output.")
