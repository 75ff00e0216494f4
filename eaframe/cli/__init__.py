"""The ``eaframe`` command-line interface (click).

The CLI is a thin shell over the library: each command parses its arguments, calls
public eaframe functions, formats the result and maps errors to exit codes.

Exit codes: ``0`` success; ``1`` the input is invalid or a check failed (the reason
is printed on stderr); ``2`` usage error (unknown option, missing argument).
"""

from __future__ import annotations

import importlib

import click

from .. import __version__
from .._gc import set_bulk_gc_pause

__all__ = ["main", "COMMAND_MODULES"]

#: Modules that each define one or more commands in a list named ``COMMANDS``.
COMMAND_MODULES = (
    "eaframe.cli.core",
    "eaframe.cli.demo",
    "eaframe.cli.diff",
    "eaframe.cli.check",
    "eaframe.cli.exchange",
    "eaframe.cli.render",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="eaframe")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Model Vietnam's provincial e-Government architecture (framework v1.0 and v2.0)
    as typed ArchiMate graphs: validate, inspect, diff, check, export and render.

    MODEL arguments take a model file (.yaml, .yml, .json) or the name of a bundled
    model (see `eaframe info --list`).

    Exit codes: 0 success, 1 invalid input or failed check, 2 usage error.
    """
    # The CLI owns its process: let eaframe pause the garbage collector during bulk
    # work (a library call never does by itself), until the command ends.
    previous = set_bulk_gc_pause(True)
    ctx.call_on_close(lambda: set_bulk_gc_pause(previous))


for _name in COMMAND_MODULES:
    for _cmd in importlib.import_module(_name).COMMANDS:
        main.add_command(_cmd)
