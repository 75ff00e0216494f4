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
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn, Optional, Union

import click

from .._files import atomic_write_bytes, make_folder, output_error
from .._text import term_safe
from ..exceptions import EaframeError, ModelLoadError, ModelValidationError, Problem

__all__ = ["load_or_exit", "fail", "print_problems", "MODEL_HELP", "lang_option", "STDIO", "STDIN_NAME",
           "echo", "is_stdio", "one_stdin", "read_stdin", "sniff", "named_stream", "load_stdin", "check_output", "write_or_exit",
           "prepare_output", "is_special_file"]

MODEL_HELP = "a model file (.yaml/.yml/.json), a bundled model name, or - for stdin"

#: The name meaning stdin (as an input) or stdout (as an output).
STDIO = "-"
#: How stdin is named in messages.
STDIN_NAME = "<stdin>"

OutputPath = Union[str, os.PathLike, None]


def print_problems(err: EaframeError) -> None:
    """Print an eaframe error on stderr, one problem per line."""
    if isinstance(err, ModelValidationError):
        for p in err.problems:
            click.echo(term_safe(p, keep_newlines=True), err=True)
        n = sum(1 for p in err.problems if p.severity == "error")
        click.echo(f"{term_safe(err.source or 'model')}: {n} error{'s' if n != 1 else ''}", err=True)
    else:
        click.echo(f"error: {term_safe(err, keep_newlines=True)}", err=True)


def fail(err: EaframeError) -> NoReturn:
    """Print ``err`` and exit with status 1."""
    print_problems(err)
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
        fail(ModelLoadError([Problem("cannot read: stdin is closed", file=STDIN_NAME)], source=STDIN_NAME))
    try:
        return fh.read()
    except OSError as err:
        fail(ModelLoadError([Problem(f"cannot read: {err.strerror or err}", file=STDIN_NAME)], source=STDIN_NAME))


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


def load_stdin(strict: bool = True):
    """A model (YAML or JSON, found from the content) read from stdin.

    Raises
    ------
    ModelLoadError, ModelValidationError
        As :func:`eaframe.modelfile.load`; exchange XML is refused with how to convert it.
    """
    from ..modelfile import load

    data = read_stdin()
    fmt = sniff(data)
    if fmt == "xml":
        raise ModelLoadError([Problem("this is XML, not an eaframe model (YAML or JSON); for an ArchiMate "
                                      "exchange file use `eaframe import - -o model.yaml` first",
                                      file=STDIN_NAME, line=1, column=1)], source=STDIN_NAME)
    return load(named_stream(data), format=fmt, strict=strict)  # type: ignore[arg-type]


def load_or_exit(source: str, strict: bool = True):
    """Load a model file, bundled model or ``-`` (stdin); on failure print every problem and exit 1."""
    from ..modelfile import load

    try:
        if is_stdio(source):
            return load_stdin(strict=strict)
        return load(source, strict=strict)
    except EaframeError as err:
        fail(err)


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
            raise click.BadParameter(f"{path} is a file; a folder is needed here (it is created if missing)",
                                     param_hint=f"'{option}'")
        return
    if path.is_dir():
        raise click.BadParameter(f"{path} is a folder; give a file name", param_hint=f"'{option}'")
    allowed = tuple(suffixes)
    if allowed and path.suffix.lower() not in allowed and not is_special_file(path):
        hint = ", ".join(allowed[:-1]) + " or " + allowed[-1] if len(allowed) > 1 else allowed[0]
        raise click.BadParameter(f"{path}: unknown extension {path.suffix or '(none)'!r}; use {hint}",
                                 param_hint=f"'{option}'")


def prepare_output(output: Union[str, os.PathLike], folder: bool = False) -> None:
    """Create the missing folders of an output file (or the output folder itself); exit 1 on failure."""
    try:
        make_folder(output) if folder else make_folder(Path(output).parent, for_file=output)
    except EaframeError as err:
        fail(err)


def write_or_exit(output: OutputPath, data: Union[str, bytes]) -> bool:
    """Write ``data`` to ``output`` (``None`` or ``-``: stdout), the file atomically and its
    missing folders created; exit 1 with a clean message on failure.

    Returns whether a file was written (``False`` for stdout).
    """
    if output is None or is_stdio(output):
        echo(data, nl=False)
        return False
    prepare_output(output)
    try:
        atomic_write_bytes(output, data.encode("utf-8") if isinstance(data, str) else data)
    except EaframeError as err:
        fail(err)
    return True


def lang_option(default: Optional[str] = "vi"):
    """The ``--lang`` option shared by commands that print names."""
    return click.option("--lang", type=click.Choice(["vi", "en"]), default=default, show_default=True,
                        help="Language of names in the output.")
