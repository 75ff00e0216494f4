"""The ``eaframe`` command-line interface (click).

The CLI is a thin shell over the library: each command parses its arguments, calls
public eaframe functions, formats the result and maps errors to exit codes.

Commands are loaded lazily (click's "Lazily loading subcommands"): ``eaframe --help``
lists them from :data:`COMMANDS` without importing their modules, and ``eaframe CMD``
imports only the module of ``CMD``, so the CLI starts fast.

Exit codes: ``0`` success; ``1`` the input is invalid or a check failed (the reason
is printed on stderr); ``2`` usage error (unknown option, missing argument).
"""

from __future__ import annotations

import importlib
from typing import Optional

import click

from .. import __version__

__all__ = ["main", "COMMANDS", "LazyGroup"]

#: Every command: name → (``module:attribute`` of its click command, short help for
#: ``eaframe --help``). The short help is the first sentence of the command's help
#: (tests/test_cli.py checks that they agree).
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("eaframe.cli.check:check",
              "Check MODEL against the interconnection rules of the framework, its framework model (conformance) "
              "and model hygiene rules; optionally compute the target scorecard."),
    "demo": ("eaframe.cli.demo:demo", "Run the main job over the bundled models."),
    "diff": ("eaframe.cli.diff:diff_command",
             "Show what changed from OLD to NEW: elements, relationships and views added (A), removed (D), "
             "modified (M), renamed (R, with the similarity score) or retyped (T), each with the fields that changed, "
             "and metadata changes."),
    "export": ("eaframe.cli.exchange:export",
               "Export MODEL to ArchiMate exchange XML, Archi's .archimate, Archi CSV, JSON, YAML or GraphML."),
    "import": ("eaframe.cli.exchange:import_",
               "Import an ArchiMate exchange file (.xml), an Archi .archimate file or Archi CSV files into an "
               "eaframe model file."),
    "info": ("eaframe.cli.core:info", "Summarise a model: metadata and counts by layer and type."),
    "merge": ("eaframe.cli.merge:merge",
              "Merge the changes from BASE to OURS and from BASE to THEIRS into one model; without --base, "
              "merge two provinces' architectures (A = OURS, B = THEIRS)."),
    "new": ("eaframe.cli.new:new",
            "Start a province's architecture from a bundled framework: a model file to fill in."),
    "render": ("eaframe.cli.render:render", "Draw a model as an ArchiMate-style diagram with Graphviz."),
    "render-diff": ("eaframe.cli.render:render_diff",
                    "Draw two versions of a model overlaid: added green, removed red dashed, changed amber, "
                    "unchanged grey."),
    "render-findings": ("eaframe.cli.render:render_findings",
                        "Draw check findings: the elements and relationships concerned highlighted, missing required "
                        "connections as dashed red edges labelled with the rule id."),
    "report": ("eaframe.cli.report:report",
               "Write an offline HTML site of MODEL: overview, element and view pages, checks and scorecard."),
    "schema": ("eaframe.cli.core:schema",
               "Print the JSON Schema of model files (for editor validation and autocompletion)."),
    "validate": ("eaframe.cli.core:validate",
                 "Validate model files, bundled models, ArchiMate exchange files (.xml) or Archi .archimate files."),
}


class LazyGroup(click.Group):
    """A click group whose commands are imported when they are run or asked for help.

    ``lazy_commands`` maps each command name to (``module:attribute``, short help).
    """

    def __init__(self, *args, lazy_commands: Optional[dict[str, tuple[str, str]]] = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            self.add_command(self._load(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def _load(self, cmd_name: str) -> click.Command:
        module, _, attr = self.lazy_commands[cmd_name][0].partition(":")
        cmd = getattr(importlib.import_module(module), attr)
        if not isinstance(cmd, click.Command):
            raise TypeError(f"{module}:{attr} is {type(cmd).__name__}, not a click command")
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their short help from the table, importing none of them."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(map(len, names))
        rows = []
        for name in names:
            if name in self.lazy_commands and name not in self.commands:
                # a bare command with that help gives click's own shortening of it
                short = click.Command(name, help=self.lazy_commands[name][1]).get_short_help_str(limit)
            else:
                cmd = self.commands[name]
                if cmd.hidden:
                    continue
                short = cmd.get_short_help_str(limit)
            rows.append((name, short))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, lazy_commands=COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="eaframe")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Model Vietnam's provincial e-Government architecture (frameworks v1.0 to v4.0)
    as typed ArchiMate graphs: start, validate, inspect, diff, merge, check, export, render
    and report.

    MODEL arguments take a model file (.yaml, .yml, .json), the name of a bundled
    model (see `eaframe info --list`), an ArchiMate exchange file (.xml), an Archi CSV
    folder, or - for stdin; the format is found from the content.

    Exit codes: 0 success, 1 invalid input or failed check, 2 usage error.
    """
    # The CLI owns its process: let eaframe pause the garbage collector during bulk
    # work (a library call never does by itself), until the command ends.
    from .._gc import set_bulk_gc_pause

    previous = set_bulk_gc_pause(True)
    ctx.call_on_close(lambda: set_bulk_gc_pause(previous))
