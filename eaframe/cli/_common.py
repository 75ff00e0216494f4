"""Helpers shared by the CLI commands: model loading with clean errors, output."""

from __future__ import annotations

import sys
from typing import NoReturn, Optional

import click

from .._text import term_safe
from ..exceptions import EaframeError, ModelValidationError

__all__ = ["load_or_exit", "fail", "print_problems", "MODEL_HELP", "lang_option"]

MODEL_HELP = "a model file (.yaml/.yml/.json) or a bundled model name"


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


def load_or_exit(source: str, strict: bool = True):
    """Load a model file or bundled model; on failure print every problem and exit 1."""
    from ..modelfile import load

    try:
        return load(source, strict=strict)
    except EaframeError as err:
        fail(err)


def lang_option(default: Optional[str] = "vi"):
    """The ``--lang`` option shared by commands that print names."""
    return click.option("--lang", type=click.Choice(["vi", "en"]), default=default, show_default=True,
                        help="Language of names in the output.")
