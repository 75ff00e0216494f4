"""Regenerate the generated parts of docs/ from the code.

Sections between ``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->`` markers
are replaced: ``cli`` in docs/cli.md (from every command's ``--help``), ``model-format``
in docs/model-format.md (from the pydantic models), ``checks-rules`` and ``checks-dongnai``
in docs/checks.md (from the check-rule registry and the bundled Đồng Nai models).
``--check`` exits 1 when a doc is out of date instead of writing (tests/test_docs.py runs it).

Usage: python scripts/gen_docs.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))  # docgen.py beside this script

from docgen import cli_reference, model_format_reference, replace_marked_section, update_files  # noqa: E402

from eaframe.checks.reference import dongnai_example, rules_reference  # noqa: E402
from eaframe.modeldiff.docs import diff_example, diff_json_schema  # noqa: E402

SECTIONS = {
    ("docs/cli.md", "cli"): cli_reference,
    ("docs/model-format.md", "model-format"): model_format_reference,
    ("docs/diff.md", "diff-example"): diff_example,
    ("docs/diff.md", "diff-json-schema"): diff_json_schema,
    ("docs/checks.md", "checks-rules"): rules_reference,
    ("docs/checks.md", "checks-dongnai"): dongnai_example,
}


def main(check: bool) -> int:
    texts: dict[Path, str] = {}
    for (rel, name), fn in SECTIONS.items():
        path = ROOT / rel
        old = texts.get(path) or path.read_text(encoding="utf-8")
        try:
            texts[path] = replace_marked_section(old, name, fn())
        except KeyError as err:
            raise SystemExit(f"{rel}: {err.args[0]}") from None
    return update_files(texts, check, "python scripts/gen_docs.py", ROOT)


if __name__ == "__main__":
    raise SystemExit(main("--check" in sys.argv[1:]))
