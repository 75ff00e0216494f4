"""Small shared HTML helpers: escaping, the base table CSS and complete documents.

Private module. Every HTML output of eaframe that is not the report site (the diff,
the check report, the notebook cards) builds on these, so they share one look: text
columns left-aligned, thin borders, sticky table headers, and colours whose WCAG
contrast ratio is at least 4.5:1 (level AA for normal text; tests check every pair).

Examples
--------
>>> esc("<script>")
'&lt;script&gt;'
>>> document("T", "<p>x</p>", lang="en").splitlines()[:2]
['<!DOCTYPE html>', '<html lang="en">']
"""

from __future__ import annotations

import html
from typing import Any

from ._text import term_safe

__all__ = ["COLOURS", "BORDER", "esc", "base_css", "document", "fragment", "mark"]

#: Base colours as (text, background) pairs, each with a contrast ratio of at least 4.5:1.
COLOURS: dict[str, tuple[str, str]] = {
    "body": ("#1b1b1b", "#ffffff"),
    "head": ("#1b1b1b", "#e3e6ea"),
    "muted": ("#4a4f55", "#ffffff"),
    "ok": ("#0b3d1c", "#dcf5e3"),
    "fail": ("#5c0a12", "#fbe1e4"),
    "warning": ("#4a3500", "#fff1c2"),
    "info": ("#0a2f6b", "#dde8fb"),
}
#: Table border colour (a 4.5:1 contrast against white: non-text contrast needs 3:1).
BORDER = "#767676"


def esc(text: Any) -> str:
    """HTML-escaped text (quotes too) without control characters."""
    return html.escape(term_safe(text))


def base_css(scope: str, status: bool = True) -> list[str]:
    """The shared CSS rules, each under the selector ``scope`` (e.g. ``.eaframe-diff``).

    With ``status``, also the classes ``c-ok``, ``c-fail``, ``c-warning`` and ``c-info``.
    """
    fg, bg = COLOURS["body"]
    hfg, hbg = COLOURS["head"]
    mfg, mbg = COLOURS["muted"]
    s = scope
    rules = [
        f"{s} {{color: {fg}; background: {bg}; font-family: system-ui, sans-serif; line-height: 1.4}}",
        f"{s} table {{border-collapse: collapse; margin: 0.5em 0 1em}}",
        f"{s} th, {s} td {{border: 1px solid {BORDER}; padding: 0.2em 0.5em; text-align: left; vertical-align: top}}",
        f"{s} thead th {{position: sticky; top: 0; z-index: 1; color: {hfg}; background: {hbg}}}",
        f"{s} tbody th {{color: {hfg}; background: {hbg}; font-weight: normal}}",
        f"{s} td.num, {s} th.num {{text-align: right; font-variant-numeric: tabular-nums}}",
        f"{s} caption {{text-align: left; font-weight: bold; padding: 0.3em 0}}",
        f"{s} code {{white-space: pre-wrap; overflow-wrap: anywhere}}",
        f"{s} details {{margin: 0.5em 0}}",
        f"{s} summary {{cursor: pointer; font-weight: bold}}",
        f"{s} .note, {s} .more {{color: {mfg}; background: {mbg}}}",
    ]
    for key in ("ok", "fail", "warning", "info") if status else ():
        kfg, kbg = COLOURS[key]
        rules.append(f"{s} .c-{key} {{color: {kfg}; background: {kbg}}}")
    return rules


def fragment(cls: str, css: str, body: str) -> str:
    """A notebook fragment: ``<div class="cls">`` with its own ``<style>``."""
    return f'<div class="{cls}">\n<style>\n{css}\n</style>\n{body}\n</div>\n'


def document(title: str, body: str, lang: str = "en", css: str = "", cls: str = "") -> str:
    """A complete HTML document: doctype, charset, ``lang``, title, embedded CSS, ``<main>``.

    ``title`` is plain text (escaped here); ``body`` and ``css`` are HTML and CSS.
    """
    klass = f' class="{html.escape(cls, quote=True)}"' if cls else ""
    return ("<!DOCTYPE html>\n"
            f'<html lang="{html.escape(lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n<style>\n{css}\nbody {{margin: 1em 2em}}\n</style>\n</head>\n"
            f"<body>\n<main{klass}>\n{body}\n</main>\n</body>\n</html>\n")


def mark(met: Any, lang: str = "en") -> str:
    """A met/not met cell content: the sign always with its word (✔ met, ✘ not met, – no target), in ``lang``."""
    from .i18n import translator

    t = translator(lang)
    if met is True:
        return f'<span class="c-ok">✔ {html.escape(t("met"))}</span>'
    if met is False:
        return f'<span class="c-fail">✘ {html.escape(t("not met"))}</span>'
    return "– " + html.escape(t("n/a"))

