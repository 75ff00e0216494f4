"""Making model text (names, ids, messages) safe to print to a terminal or put in Markdown.

Names and other free text in a model come from files that anyone may have written. Two
escapes keep them from changing what they are printed into:

* :func:`term_safe` — for a terminal or a line-oriented text format: every control
  character (C0 ``\\x00``–``\\x1f`` including CR, LF and TAB, DEL ``\\x7f`` and C1
  ``\\x80``–``\\x9f``, e.g. the ESC of ``\\x1b[2J`` or the CSI ``\\x9b``) is written as
  a visible escape (``\\r``, ``\\n``, ``\\t``, ``\\x1b``), so it cannot move the cursor,
  clear the screen, change colours or break a line or a TAB-separated column.
* :func:`md_escape` — for Markdown text and table cells: the controls as above (line
  breaks become spaces), then ``&``, ``<``, ``>`` as HTML entities (no raw HTML gets
  through), ``\\`` and ``|`` backslash-escaped (a ``|`` cannot split a table cell).
  :func:`md_code` writes a code span instead (its content shown literally).

Examples
--------
>>> term_safe("Cổng\\x1b[2J\\r")
'Cổng\\\\x1b[2J\\\\r'
>>> md_escape("<script>|a & b")
'&lt;script&gt;\\\\|a &amp; b'
>>> md_code("x|y")
'`x\\\\|y`'
"""

from __future__ import annotations

import re

__all__ = ["term_safe", "md_escape", "md_code"]

_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
_CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0)]
#: str.translate table: each control character to its visible escape.
_TERM = {c: _NAMED.get(c, f"\\x{c:02x}") for c in _CONTROLS}
_TERM_LINES = {c: e for c, e in _TERM.items() if c != 0x0A}
#: The same for Markdown, where a line break is a space (a table row is one line).
_MD_CONTROLS = {**_TERM, 0x0A: " ", 0x0D: " "}
_HAS_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_MD_SPECIAL = re.compile("[\x00-\x1f\x7f-\x9f&<>|\\\\]")
_MD = {**_MD_CONTROLS, ord("\\"): "\\\\", ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord("|"): "\\|"}
_BACKTICKS = re.compile("`+")
_HTML_CHARS = re.compile("[<>&]")
_PUNCTUATION = "!\"#$%'()*+,-./:;=?@[\\]^_`{|}~"
_MD_LITERAL = {ord(c): "\\" + c for c in _PUNCTUATION} | {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_PIPE = re.compile(r"(\\*)\|")


def term_safe(text: object, keep_newlines: bool = False) -> str:
    """``text`` with every C0/C1 control character written as a visible escape.

    With ``keep_newlines``, LF stays a line break (for multi-line messages); CR and
    every other control are still escaped.

    Examples
    --------
    >>> term_safe("a\\tb\\x9bc")
    'a\\\\tb\\\\x9bc'
    >>> term_safe("Sở Thông tin và Truyền thông")
    'Sở Thông tin và Truyền thông'
    """
    s = str(text)
    if not _HAS_CONTROL.search(s):
        return s
    return s.translate(_TERM_LINES if keep_newlines else _TERM)


def md_escape(text: object) -> str:
    """``text`` for Markdown text or a table cell: no raw HTML, no cell break, no controls.

    Examples
    --------
    >>> md_escape("A <b>|</b>\\nB")
    'A &lt;b&gt;\\\\|&lt;/b&gt; B'
    """
    s = str(text)
    if not _MD_SPECIAL.search(s):
        return s
    return s.replace("\r\n", "\n").translate(_MD)


def md_code(text: object) -> str:
    """``text`` as a Markdown code span that is safe inside a table cell.

    Controls are escaped as by :func:`term_safe` (line breaks become spaces), a ``|``
    is backslash-escaped for the table (with any backslashes before it doubled), and
    the span is fenced with more backticks than the longest run inside. Text with
    ``<``, ``>`` or ``&`` becomes an HTML ``<code>`` element instead, with those as
    entities and every other ASCII punctuation backslash-escaped, so that no raw HTML
    is ever written and the text still reads as written.

    Examples
    --------
    >>> md_code("a`b")
    '``a`b``'
    >>> md_code("<i>*")
    '<code>&lt;i&gt;\\\\*</code>'
    """
    s = str(text)
    if _HAS_CONTROL.search(s):
        s = s.replace("\r\n", "\n").translate(_MD_CONTROLS)
    if _HTML_CHARS.search(s):
        return f"<code>{s.translate(_MD_LITERAL)}</code>"
    if "|" in s:
        s = _PIPE.sub(lambda m: m.group(1) * 2 + "\\|", s)
    if "`" not in s:
        return f"`{s}`"
    fence = "`" * (max(len(run) for run in _BACKTICKS.findall(s)) + 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}"
