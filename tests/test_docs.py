"""Docs stay in step with the code: generated references, README commands, docstrings."""

from __future__ import annotations

import ast
import doctest
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from eaframe.cli import main

REPO = Path(__file__).resolve().parent.parent


def _docgen():
    """scripts/docgen.py (doc generators, outside the installed package).

    The generator scripts import it as ``docgen`` (their folder on ``sys.path``); the
    same module object is used here, so that doctest finds its functions in it.
    """
    path = REPO / "scripts" / "docgen.py"
    module = sys.modules.get("docgen")
    if module is None or Path(module.__file__).resolve() != path:
        spec = importlib.util.spec_from_file_location("docgen", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["docgen"] = module
    return module


def test_generated_docs_are_up_to_date():
    r = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_docs.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_every_command_is_in_the_cli_reference():
    text = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    names = main.list_commands(click.Context(main))
    assert len(names) == 14
    for name in names:
        assert f"## eaframe {name}\n" in text, name


def test_readme_starts_with_the_two_setup_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Set-up: two commands.*?```sh\n(.*?)```", readme, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["scripts/demo.sh", "scripts/test.sh"]
    for c in commands:
        assert (REPO / c).is_file()


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci.splitlines()[-1]


def test_every_module_declares_all():
    for path in sorted((REPO / "eaframe").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "__all__" in text, f"{path.relative_to(REPO)} has no __all__"


def test_public_api_is_documented():
    import eaframe

    for name in eaframe.__all__:
        obj = getattr(eaframe, name)
        if callable(obj) and not isinstance(obj, type(eaframe)):
            assert obj.__doc__ and obj.__doc__.strip(), f"eaframe.{name} has no docstring"


def test_docs_link_targets_exist():
    for doc in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
            assert (doc.parent / target).is_file(), f"{doc.name} links to missing {target}"


def test_update_files_checks_or_writes_only_what_changed(tmp_path, capsys):
    update_files = _docgen().update_files

    same, changed, new = tmp_path / "same.md", tmp_path / "changed.md", tmp_path / "sub" / "new.md"
    same.write_text("a\n", encoding="utf-8")
    changed.write_text("old\n", encoding="utf-8")
    texts = {same: "a\n", changed: "new\n", new: "fresh\n"}
    assert update_files(texts, True, "python gen.py", tmp_path, stale=["img/x.dot"]) == 1
    err = capsys.readouterr().err
    assert err == "out of date: img/x.dot, changed.md, sub/new.md (run: python gen.py)\n"
    assert changed.read_text(encoding="utf-8") == "old\n" and not new.exists()
    assert update_files(texts, False, "python gen.py", tmp_path) == 0
    assert capsys.readouterr().out == "wrote changed.md\nwrote sub/new.md\n"
    assert changed.read_text(encoding="utf-8") == "new\n" and new.read_text(encoding="utf-8") == "fresh\n"
    assert update_files(texts, True, "python gen.py", tmp_path) == 0


def test_docgen_doctests_pass():
    # scripts/ is outside the doctest collection (testpaths), so run its examples here
    result = doctest.testmod(_docgen(), optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 1 and result.failed == 0


def test_test_support_and_doc_generators_are_not_in_the_package():
    assert not (REPO / "eaframe" / "docgen.py").exists()
    assert not (REPO / "eaframe" / "modeldiff" / "edits.py").exists()
    for path in sorted((REPO / "eaframe").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "docgen" not in text and "edits_support" not in text, path


def test_api_page_describes_exactly_the_top_level_names():
    import eaframe

    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    table = text.split("## Top-level names", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([A-Za-z_]+)` \|", table, re.M)
    assert documented == eaframe.__all__
    assert 20 <= len(eaframe.__all__) <= 30


def test_top_level_names_resolve_lazily_and_match_the_type_checking_imports():
    import eaframe

    tree = ast.parse((REPO / "eaframe" / "__init__.py").read_text(encoding="utf-8"))
    typed = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for imp in node.body:
                for alias in imp.names:
                    typed[alias.name] = imp.module
    assert set(typed) == set(eaframe.__all__) - {"__version__"}
    for name, module in typed.items():
        obj = getattr(eaframe, name)
        assert obj is getattr(importlib.import_module(f"eaframe.{module}"), name), name
        assert name in dir(eaframe)
    assert not hasattr(eaframe, "load_model")  # one verb set: eaframe.load takes bundled names
    with pytest.raises(AttributeError, match="no attribute 'read_archimate'"):
        eaframe.read_archimate  # noqa: B018


def test_render_stays_the_function_after_its_subpackage_is_imported():
    # importing eaframe.render.* binds the subpackage on its parent; the top-level verb wins
    code = ("import eaframe, eaframe.render.dot, sys; "
            "print(callable(eaframe.render), eaframe.render.__module__, type(sys.modules['eaframe.render']).__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "eaframe.render", "module"]


def test_import_eaframe_imports_no_dependency():
    code = ("import sys, eaframe; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'pydantic', 'yaml', 'networkx', 'lxml', 'graphviz', 'click'} or m.startswith('eaframe.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
