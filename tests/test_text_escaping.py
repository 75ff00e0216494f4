"""Names with raw HTML, table pipes and terminal control sequences are escaped in every text output.

The models are built in Python and their names set afterwards without validation, so
these tests do not depend on whether loading accepts control characters in names.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import eaframe
from eaframe._text import md_code, md_escape, term_safe
from eaframe.attributes import Text
from eaframe.checks import run_checks
from eaframe.cli import main
from eaframe.exceptions import ModelValidationError, Problem

BAD = "<script>alert(1)</script> a|b \x1b[31mred\x1b[0m \x1b[2J cr\rx nel\x85y csi\x9bz tab\tq"
#: Control characters that must never reach a terminal or a Markdown file (LF and TAB
#: are allowed as the outputs' own line and column separators).
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _poison(model, text: str = BAD):
    """Give every element and relationship of ``model`` (and the model) a name containing ``text``."""
    for c in (*model.elements, *model.relationships):
        c.name = Text.model_construct(vi=f"{c.id} {text}", en=f"{c.id} {text}", other={})
    model.metadata.title = Text.model_construct(vi=f"title {text}", en=f"title {text}", other={})
    model.metadata.province = Text.model_construct(vi=f"province {text}", en=f"province {text}", other={})
    return model


def _models():
    md = {"title": {"en": "t"}, "framework_version": "2.0"}
    old = eaframe.ArchitectureModel.build(md, elements=[
        {"id": "n1", "type": "Node", "name": {"en": "A"}},
        {"id": "n2", "type": "ApplicationComponent", "name": {"en": "B"}},
    ], relationships=[{"id": "r1", "type": "Serving", "source": "n1", "target": "n2"}])
    new = eaframe.ArchitectureModel.build(md, elements=[
        {"id": "n1", "type": "Node", "name": {"en": "A"}},
        {"id": "n2", "type": "ApplicationComponent", "name": {"en": "B"}},
        {"id": "n3", "type": "ApplicationComponent", "name": {"en": "C"}},
    ], relationships=[{"id": "r1", "type": "Serving", "source": "n1", "target": "n2"}])
    return old, _poison(new)


def gfm_cells(row: str) -> list[str]:
    """The cells of a GFM table row, split as GitHub does (a backslash escapes the next character)."""
    cells, cur, i = [], "", 0
    row = row.strip()
    while i < len(row):
        ch = row[i]
        if ch == "\\" and i + 1 < len(row):
            cur += row[i:i + 2]
            i += 2
            continue
        if ch == "|":
            cells.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    cells.append(cur)
    if row.startswith("|"):
        cells = cells[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        cells = cells[:-1]
    return cells


def _check_markdown_tables(text: str) -> int:
    """Assert every table row has as many cells as its header; returns the number of rows checked."""
    n = 0
    header = None
    for line in text.splitlines():
        if line.startswith("|"):
            if header is None:
                header = len(gfm_cells(line))
            assert len(gfm_cells(line)) == header, line
            n += 1
        else:
            header = None
    return n


# --------------------------------------------------------------------------- the helpers
def test_term_safe_escapes_every_control_character():
    assert term_safe("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert term_safe("\x9b31m\x85\r\n\t\x7f\x00") == "\\x9b31m\\x85\\r\\n\\t\\x7f\\x00"
    assert term_safe("x\ny\r", keep_newlines=True) == "x\ny\\r"
    assert term_safe("Cổng Dịch vụ công <b>|</b>") == "Cổng Dịch vụ công <b>|</b>"


def test_md_escape_escapes_html_pipes_and_controls():
    assert md_escape("<script>&|\\") == "&lt;script&gt;&amp;\\|\\\\"
    assert md_escape("a\r\nb\rc\nd") == "a b c d"
    assert md_escape("\x1b[31m\x85") == "\\x1b[31m\\x85"
    assert md_escape("Sở Nội vụ") == "Sở Nội vụ"


def test_md_code_never_writes_raw_html_or_breaks_a_cell():
    assert md_code("name.vi") == "`name.vi`"
    assert md_code("a|b") == "`a\\|b`"
    assert md_code("a`b`") == "`` a`b` ``"
    assert md_code('"<script>" → "x"') == '<code>\\"&lt;script&gt;\\" → \\"x\\"</code>'
    assert md_code("a\\|b<") == "<code>a\\\\\\|b&lt;</code>"
    code = md_code("a\\|b<")
    assert len(gfm_cells(f"| {code} | x |")) == 2


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_escapes_hold_for_any_text(s):
    assert not RAW_CONTROL.search(term_safe(s)) and "\n" not in term_safe(s) and "\t" not in term_safe(s)
    assert "\n" not in term_safe(s, keep_newlines=True).replace("\n", "") and not RAW_CONTROL.search(
        term_safe(s, keep_newlines=True))
    for out in (md_escape(s), md_code(s)):
        assert not RAW_CONTROL.search(out) and "\n" not in out and "\t" not in out
        assert len(gfm_cells(f"| {out} | x |")) == 2
    assert "<" not in md_escape(s) and ">" not in md_escape(s)
    assert "<" not in md_code(s).removeprefix("<code>").removesuffix("</code>")


# --------------------------------------------------------------------------- diff
@pytest.fixture(scope="module")
def diff():
    old, new = _models()
    return eaframe.diff(old, new)


def test_diff_text_escapes_controls_and_keeps_its_columns(diff):
    text = diff.to_text(lang="en")
    assert not RAW_CONTROL.search(text)
    assert "\\x1b[31mred\\x1b[0m" in text and "\\x1b[2J" in text and "\\r" in text and "\\x85" in text
    assert "\\x9b" in text
    rows = [line for line in text.splitlines() if line[:1] in ("A", "M", "D", "R", "T") and "\t" in line]
    assert len(rows) == len(diff)
    assert all(len(line.split("\t")) == 4 for line in rows)


def test_diff_markdown_escapes_html_and_keeps_table_cells(diff):
    md = diff.to_markdown(lang="en")
    assert "<script" not in md and "&lt;script&gt;" in md
    assert not RAW_CONTROL.search(md) and "\\x1b[31m" in md and "\\x85" in md
    assert _check_markdown_tables(md) > 8
    added = next(line for line in md.splitlines() if "n3" in line and line.startswith("| A"))
    cells = gfm_cells(added)
    assert len(cells) == 6 and "a\\|b" in cells[3]  # status, type, id, name, confidence, changes


def test_diff_html_escapes_html_and_controls(diff):
    out = diff.to_html(lang="en")
    assert "<script" not in out and "&lt;script&gt;" in out
    assert not RAW_CONTROL.search(out)


# --------------------------------------------------------------------------- check
def test_check_text_escapes_controls():
    _, new = _models()
    report = run_checks(new, select=["EGOV-H2"])
    assert report.findings and any("n3" in f.elements for f in report.findings)
    text = report.to_text()
    assert not RAW_CONTROL.search(text) and "\t" not in text
    assert "title <script>" in text and "\\x1b[31m" in text and "\\x9b" in text
    assert "<script" not in report._repr_html_() and not RAW_CONTROL.search(report._repr_html_())


# --------------------------------------------------------------------------- CLI info / validate
def test_cli_info_text_escapes_controls(monkeypatch):
    _, new = _models()
    monkeypatch.setattr("eaframe.cli.core.load_or_exit", lambda source, strict=True, **kw: new)
    r = CliRunner().invoke(main, ["info", "x.yaml", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert not RAW_CONTROL.search(r.output) and "\t" not in r.output
    assert r.output.startswith("title <script>alert(1)</script> a|b \\x1b[31mred")
    assert "province: province <script>" in r.output and "\\r" in r.output and "\\x85" in r.output


def test_cli_validate_escapes_source_warnings_and_problems(monkeypatch):
    _, new = _models()
    new._warnings = (Problem(f"warning about {BAD}", severity="warning"),)
    monkeypatch.setattr("eaframe.modelfile.load", lambda source, strict=True, **kw: new)
    r = CliRunner().invoke(main, ["validate", "m\x1b[2J.yaml"])
    assert r.exit_code == 0, r.output
    assert not RAW_CONTROL.search(r.output) and "m\\x1b[2J.yaml: ok" in r.output
    assert "warning about <script>alert(1)</script> a|b \\x1b[31m" in r.output

    def refuse(source, strict=True, **kw):
        raise ModelValidationError([Problem(f"bad name {BAD!s}", path=("elements", 0, "name"))], source=source)

    monkeypatch.setattr("eaframe.modelfile.load", refuse)
    r = CliRunner().invoke(main, ["validate", "m\x9b.yaml"])
    assert r.exit_code == 1
    assert not RAW_CONTROL.search(r.output) and "\\x1b[31mred" in r.output and "m\\x9b.yaml: 1 error" in r.output
