"""The style sheet and script of the report site (Python constants: nothing is fetched).

The colours are named in :data:`COLOURS`; :data:`CONTRAST_PAIRS` lists every
foreground/background pair the style sheet uses, so tests can check each against the
WCAG 2.1 AA contrast ratio (4.5:1 for text).
"""

from __future__ import annotations

from string import Template

__all__ = ["COLOURS", "CONTRAST_PAIRS", "CSS", "JS"]

#: Colours of the site, by role.
COLOURS: dict[str, str] = {
    "text": "#1b1b1b",
    "bg": "#ffffff",
    "muted": "#4a4a4a",
    "link": "#0b4fa8",
    "head_bg": "#10365f",
    "head_text": "#ffffff",
    "row_alt": "#f2f4f7",
    "th_bg": "#e3e8ef",
    "met": "#1b5e20",
    "met_bg": "#e8f5e9",
    "unmet": "#b71c1c",
    "unmet_bg": "#fdecea",
    "warning": "#7a4100",
    "warning_bg": "#fff4e0",
    "info": "#0d47a1",
    "info_bg": "#e8f0fe",
    "hit_bg": "#fff8c4",
}

#: (foreground, background) pairs used for text in the style sheet.
CONTRAST_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "bg"), ("muted", "bg"), ("link", "bg"), ("text", "row_alt"), ("link", "row_alt"),
    ("text", "th_bg"), ("link", "th_bg"), ("head_text", "head_bg"),
    ("met", "met_bg"), ("unmet", "unmet_bg"), ("warning", "warning_bg"), ("info", "info_bg"),
    ("met", "bg"), ("unmet", "bg"), ("text", "hit_bg"), ("link", "hit_bg"),
)

_CSS = Template("""\
html[data-lang="vi"] .l-en, html[data-lang="en"] .l-vi { display: none; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 "DejaVu Sans", system-ui, sans-serif; color: $text; background: $bg; }
a { color: $link; }
header.site { background: $head_bg; color: $head_text; padding: .5rem 1rem; display: flex; flex-wrap: wrap;
  gap: .5rem 1.5rem; align-items: center; }
header.site a { color: $head_text; }
header.site nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 1rem; }
header.site form { display: flex; gap: .4rem; align-items: center; margin-left: auto; position: relative; }
header.site input { font: inherit; padding: .2rem .4rem; width: 18rem; max-width: 60vw; }
header.site button { font: inherit; }
#search-results { position: absolute; top: 2.2rem; right: 0; z-index: 10; background: $bg; color: $text;
  border: 1px solid $muted; width: 28rem; max-width: 90vw; max-height: 70vh; overflow: auto; margin: 0;
  padding: .25rem 0; list-style: none; }
#search-results[hidden] { display: none; }
#search-results li { padding: .2rem .6rem; }
#search-results li a { color: $link; }
#search-results .type { color: $muted; font-size: .85em; }
main { padding: 1rem; max-width: 80rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { border: 1px solid #8a94a3; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: $th_bg; color: $text; }
tbody tr:nth-child(even) { background: $row_alt; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: $muted; }
.met { color: $met; background: $met_bg; font-weight: bold; }
.unmet { color: $unmet; background: $unmet_bg; font-weight: bold; }
.sev-error { color: $unmet; background: $unmet_bg; font-weight: bold; }
.sev-warning { color: $warning; background: $warning_bg; font-weight: bold; }
.sev-info { color: $info; background: $info_bg; font-weight: bold; }
.diagram { overflow: auto; border: 1px solid #8a94a3; padding: .5rem; background: $bg; }
.diagram svg { max-width: none; height: auto; }
.note { padding: .5rem .75rem; border-left: 4px solid $warning; background: $warning_bg; color: $warning; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
code { font-family: "DejaVu Sans Mono", monospace; }
:focus-visible { outline: 3px solid $link; outline-offset: 2px; }
header.site :focus-visible { outline-color: $head_text; }
""")

CSS: str = _CSS.substitute(COLOURS)

#: The client side: language switch and diacritic-insensitive search over ``EAFRAME_INDEX``
#: (entries ``[href, vi name, en name, id, type, folded text]``; ``href`` relative to the site root).
JS: str = r"""(function () {
  "use strict";
  var root = document.documentElement;
  var base = root.getAttribute("data-root") || "";
  function fold(s) {
    return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[\u0111\u0110]/g, "d").toLowerCase();
  }
  function setLang(lang) {
    root.setAttribute("data-lang", lang);
    root.setAttribute("lang", lang);
    var b = document.getElementById("lang-switch");
    if (b) {
      b.textContent = lang === "vi" ? "English" : "Ti\u1ebfng Vi\u1ec7t";
      b.setAttribute("lang", lang === "vi" ? "en" : "vi");
      b.setAttribute("aria-pressed", lang === "en" ? "true" : "false");
    }
    try { window.localStorage.setItem("eaframe-lang", lang); } catch (e) { /* storage may be disabled */ }
  }
  var saved = null;
  try { saved = window.localStorage.getItem("eaframe-lang"); } catch (e) { saved = null; }
  setLang(saved === "vi" || saved === "en" ? saved : (root.getAttribute("data-lang") || "vi"));
  var button = document.getElementById("lang-switch");
  if (button) {
    button.addEventListener("click", function () {
      setLang(root.getAttribute("data-lang") === "vi" ? "en" : "vi");
    });
  }
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var index = window.EAFRAME_INDEX || [];
  function search(q) {
    var words = fold(q).split(/\s+/).filter(function (w) { return w.length > 0; });
    var out = [];
    if (!words.length) { return out; }
    for (var i = 0; i < index.length && out.length < 50; i++) {
      var text = index[i][5];
      var ok = true;
      for (var k = 0; k < words.length; k++) {
        if (text.indexOf(words[k]) < 0) { ok = false; break; }
      }
      if (ok) { out.push(index[i]); }
    }
    return out;
  }
  function show(q) {
    var hits = search(q);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var lang = root.getAttribute("data-lang");
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + h[0];
      var vi = h[1] || h[2] || h[3], en = h[2] || h[1] || h[3];
      a.textContent = lang === "en" ? en : vi;
      a.setAttribute("lang", lang === "en" ? (h[2] ? "en" : "vi") : (h[1] ? "vi" : "en"));
      var other = lang === "en" ? h[1] : h[2];
      li.appendChild(a);
      var t = document.createElement("span");
      t.className = "type";
      t.textContent = " " + h[4] + (other && other !== a.textContent ? " \u00b7 " + other : "");
      li.appendChild(t);
      list.appendChild(li);
    });
    list.hidden = q.trim() === "";
    if (status) {
      // "{n} results" in the language shown (data-vi / data-en, from the catalogues)
      var words = status.getAttribute("data-" + root.getAttribute("data-lang")) || "{n} results";
      status.textContent = q.trim() === "" ? "" : words.replace("{n}", hits.length + (hits.length === 50 ? "+" : ""));
    }
  }
  if (input && list) {
    input.addEventListener("input", function () { show(input.value); });
    input.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = list.querySelector("a");
      if (first) { window.location.href = first.href; }
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { input.value = ""; show(""); }
    });
  }
}());
"""
