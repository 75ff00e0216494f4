"""Every example in README.md and docs/*.md is executable: extracted and run or validated.

- ``yaml`` blocks are whole model files, loaded with ``eaframe.loads`` (strict), unless an
  HTML comment ``<!-- fragment: KEY[, KEY...] -->`` on the line before the block says
  they hold only those top-level keys of a model file; each is then validated against
  its field of ``ArchitectureModel``.
- ``python`` blocks run in order per page in one namespace, in a temporary folder that
  holds ``my-province.yaml`` (a copy of a bundled model); blocks written as ``>>>``
  sessions run as doctests. A block that needs Graphviz is skipped, with the reason,
  when ``dot`` is missing.
- ``sh`` blocks: every ``eaframe SUBCOMMAND ...`` line is parsed by the CLI's click
  parser, so every command and option shown exists and takes the values shown.
"""

from __future__ import annotations

import doctest
import re
import shlex
import shutil
from pathlib import Path

import click
import pytest
import yaml
from pydantic import TypeAdapter

import eaframe
from eaframe.cli import main
from eaframe.exceptions import GraphvizNotFoundError
from eaframe.model import ArchitectureModel

REPO = Path(__file__).resolve().parent.parent
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
FRAGMENT = re.compile(r"<!--\s*fragment:\s*([\w\s,]+?)\s*-->\s*$")


def blocks(page: Path, lang: str) -> list[tuple[int, str, str]]:
    """(line, marker comment before the fence or "", code) of each ``lang`` block of ``page``."""
    text = page.read_text(encoding="utf-8")
    out = []
    for m in FENCE.finditer(text):
        if m.group(1) != lang:
            continue
        before = text[:m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        out.append((text.count("\n", 0, m.start()) + 1, before, m.group(2)))
    return out


def _ids(lang: str) -> list:
    return [pytest.param(p, id=p.relative_to(REPO).as_posix()) for p in PAGES if blocks(p, lang)]


# ------------------------------------------------------------------------------- YAML
@pytest.mark.parametrize("page", _ids("yaml"))
def test_yaml_examples_are_valid_models(page):
    for line, before, code in blocks(page, "yaml"):
        where = f"{page.relative_to(REPO)}:{line}"
        fragment = FRAGMENT.search(before)
        if fragment is None:
            eaframe.loads(code, filename=where)  # raises ModelValidationError with every problem
            continue
        keys = [k.strip() for k in fragment.group(1).split(",")]
        data = yaml.safe_load(code)
        assert isinstance(data, dict) and list(data) == keys, f"{where}: the fragment marker names {keys}"
        for key in keys:
            field = ArchitectureModel.model_fields[key]
            TypeAdapter(field.annotation).validate_python(data[key])


def test_yaml_checker_reports_the_errors_the_docs_had():
    # the getting-started example once had an unquoted comma in a flow mapping, and the
    # model-format example a relationship to an element it did not define
    from eaframe.exceptions import ModelValidationError

    with pytest.raises(ModelValidationError):
        eaframe.loads("eaframe: '1'\nmetadata:\n  title: {vi: Nền tảng tích hợp, chia sẻ, en: X}\n")
    with pytest.raises(ModelValidationError, match="ext.ngsp"):
        eaframe.loads("eaframe: '1'\nmetadata: {title: {en: X}}\nelements:\n"
                      "- {id: a, type: ApplicationComponent, name: {en: A}}\nrelationships:\n"
                      "- {id: r, type: Flow, source: a, target: ext.ngsp}\n")


def test_fragments_are_validated_against_their_field():
    views = TypeAdapter(ArchitectureModel.model_fields["views"].annotation)
    views.validate_python([{"id": "v", "name": {"en": "V"}}])
    with pytest.raises(ValueError, match="Extra inputs are not permitted"):
        views.validate_python([{"id": "v", "nodes": []}])
    assert FRAGMENT.search("<!-- fragment: views, relationships -->").group(1) == "views, relationships"


# ----------------------------------------------------------------------------- Python
@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    eaframe.save(eaframe.load("dongnai-2020"), tmp_path / "my-province.yaml")
    return tmp_path


@pytest.mark.parametrize("page", _ids("python"))
def test_python_examples_run(page, in_tmp):
    namespace: dict = {"__name__": "__doc_example__"}
    for line, _, code in blocks(page, "python"):
        where = f"{page.relative_to(REPO)}:{line}"
        try:
            if code.lstrip().startswith(">>>"):
                test = doctest.DocTestParser().get_doctest(code, namespace, where, str(page), line)
                runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
                failures: list[str] = []
                runner.run(test, out=failures.append, clear_globs=False)
                assert runner.failures == 0, f"{where}:\n" + "".join(failures)
            else:
                exec(compile(code, where, "exec"), namespace)  # noqa: S102 - the documented example
        except GraphvizNotFoundError:
            if shutil.which("dot") is None:
                pytest.skip(f"{where}: the example draws a diagram and Graphviz `dot` is not installed")
            raise


# ------------------------------------------------------------------------------ shell
def _shell_commands() -> list:
    out = []
    for page in PAGES:
        for lang in ("sh", "bash", "console"):
            for line, _, code in blocks(page, lang):
                for i, text in enumerate(code.splitlines()):
                    words = shlex.split(text, comments=True)
                    if words[:1] == ["eaframe"]:
                        out.append(pytest.param(words[1:], id=f"{page.relative_to(REPO).as_posix()}:{line + 1 + i}"))
    return out


def _parse(args: list[str]) -> None:
    """Parse ``eaframe ARGS`` with click's parser: commands, option names, arity, choices.

    Only parsing: no file is opened and nothing runs.
    """
    root = click.Context(main, info_name="eaframe")
    cmd, rest = main, list(args)
    if rest and not rest[0].startswith("-"):
        cmd = main.get_command(root, rest[0])
        if cmd is None:
            raise click.UsageError(f"No such command {rest[0]!r}.")
        rest = rest[1:]
    ctx = click.Context(cmd, info_name=cmd.name, parent=root)
    values, extra, _ = cmd.make_parser(ctx).parse_args(rest)
    if extra and not cmd.allow_extra_args:
        raise click.UsageError(f"unexpected extra arguments {extra}")
    for param in cmd.params:
        if isinstance(param.type, click.Choice) and values.get(param.name) is not None:
            given = values[param.name]
            for value in given if isinstance(given, (list, tuple)) else [given]:
                param.type.convert(value, param, ctx)  # raises BadParameter for a value not offered


@pytest.mark.parametrize("args", _shell_commands())
def test_shell_examples_parse(args):
    _parse(args)


def test_shell_parser_rejects_unknown_commands_options_and_values():
    with pytest.raises(click.NoSuchOption):
        _parse(["diff", "a", "b", "--no-such"])
    with pytest.raises(click.UsageError, match="No such command"):
        _parse(["no-such", "x"])
    with pytest.raises(click.BadParameter):
        _parse(["export", "m.yaml", "--to", "visio", "-o", "x"])
    with pytest.raises(click.BadOptionUsage):
        _parse(["render", "m.yaml", "-o"])
    _parse(["export", "m.yaml", "--to", "archimate", "-o", "x.xml"])
    assert len(_shell_commands()) >= 30
