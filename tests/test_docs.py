"""Docs stay in step with the code: generated references, README commands, docstrings."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from eaframe.cli import main

REPO = Path(__file__).resolve().parent.parent


def test_generated_docs_are_up_to_date():
    r = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_docs.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_every_command_is_in_the_cli_reference():
    text = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in main.commands:
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
    from eaframe.docgen import update_files

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
