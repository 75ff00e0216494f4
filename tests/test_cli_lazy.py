"""The CLI loads its commands lazily: ``eaframe --help`` imports none of them, a command
imports only its own module, and the short help table agrees with each command's help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eaframe.cli import COMMANDS, LazyGroup, main


def _modules_after(args: list[str]) -> set[str]:
    """The eaframe and dependency modules imported by running ``eaframe ARGS`` in a fresh interpreter."""
    code = ("import sys\nfrom eaframe.cli import main\n"
            "try:\n    main(sys.argv[1:], prog_name='eaframe')\nexcept SystemExit:\n    pass\n"
            "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    return set(r.stderr.split())


def test_help_imports_no_command_module_and_no_heavy_dependency():
    mods = _modules_after(["--help"])
    assert "eaframe.cli" in mods
    loaded = {m for m in mods if m.startswith("eaframe.") and m != "eaframe.cli"}
    heavy = {m for m in mods if m.split(".")[0] in {"pydantic", "yaml", "networkx", "lxml", "graphviz"}}
    assert loaded == set() and heavy == set()


def test_a_command_imports_only_its_own_module():
    mods = _modules_after(["info", "--list"])
    commands = {m for m in mods if m.startswith("eaframe.cli.") and m != "eaframe.cli._common"}
    assert commands == {"eaframe.cli.core"}
    assert not {m for m in mods if m.split(".")[0] in {"networkx", "lxml", "graphviz"}}


@pytest.mark.parametrize("args", [["validate", "dongnai-2020"], ["info", "dongnai-2020"],
                                  ["validate", str(Path(__file__).parent.parent / "models" / "vn-province-1.0.yaml")]])
def test_loading_a_model_file_imports_no_exchange_reader(args):
    # finding the format of a model file or bundled model needs none of the exchange
    # readers (lxml, the codecs): their import was a third of `validate`'s start-up
    mods = _modules_after(args)
    assert "eaframe.model" in mods  # the command did load the model
    assert not {m for m in mods if m.startswith("eaframe.exchange") or m.split(".")[0] in {"lxml", "networkx"}}


@pytest.mark.parametrize("limit", [30, 45, 80, 500])
def test_short_help_table_matches_each_command(limit):
    ctx = click.Context(main)
    for name, (target, short) in COMMANDS.items():
        cmd = main.get_command(ctx, name)
        assert cmd is not None, target
        assert click.Command(name, help=short).get_short_help_str(limit) == cmd.get_short_help_str(limit), name


def test_help_output_is_the_same_with_every_command_loaded():
    settings = {"help": main.help, "params": main.params, "context_settings": main.context_settings}
    fresh = LazyGroup("eaframe", lazy_commands=COMMANDS, **settings)  # nothing loaded yet
    lazy = CliRunner().invoke(fresh, ["--help"], prog_name="eaframe", terminal_width=100).output
    assert fresh.commands == {}
    eager = click.Group("eaframe", **settings)
    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        eager.add_command(main.get_command(ctx, name), name)
    assert CliRunner().invoke(eager, ["--help"], prog_name="eaframe", terminal_width=100).output == lazy
    assert "  check            Check MODEL against the interconnection rules of the framework, its...\n" in lazy


def test_unknown_command_is_a_usage_error():
    r = CliRunner().invoke(main, ["valdate", "x"])
    assert r.exit_code == 2 and "No such command 'valdate'" in r.output


def test_a_lazy_entry_that_is_not_a_command_is_reported():
    group = LazyGroup("g", lazy_commands={"bad": ("eaframe.cli:COMMANDS", "Not a command.")})
    with pytest.raises(TypeError, match="eaframe.cli:COMMANDS is dict, not a click command"):
        group.get_command(click.Context(group), "bad")
