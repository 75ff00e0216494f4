"""Build the static HTML site of a model (see :func:`write_site`).

Layout of the site folder::

    index.html            the model: metadata, counts, confidence mix, sources, views
    elements.html         every element, by layer and type
    checks.html           check findings, the target scorecard and the budget
    changes.html          what changed since an older version (only with ``since``)
    e/ID.html             one page per element
    v/ID.html             one page per view (stored views; the layered and
                          interconnection views of models up to BUILTIN_VIEW_LIMIT elements)
    assets/site.css, assets/site.js, assets/search-index.js
    .eaframe-report       marks the folder as a site eaframe may replace

All links are relative, nothing is fetched: the site works from ``file://`` and from any
static web server. Every page is built once from indexes computed in one pass over the
model, so the time grows linearly with the model.
"""

from __future__ import annotations

import errno
import hashlib
import html
import json
import os
import re
import secrets
import shutil
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from .._files import make_folder, output_error, remove_stale
from ..attributes import Text, property_text
from ..elements import LAYER_ORDER
from ..exceptions import GraphvizNotFoundError, OutputError, RenderError
from ..i18n import INSTRUMENT_KINDS, N_, localize, msg, translator
from .assets import CSS, JS
from .changes import TEXT as CHANGES_TEXT

if TYPE_CHECKING:
    from ..checks import CheckReport
    from ..model import ArchitectureModel, View
    from ..modeldiff import ModelDiff

__all__ = ["write_site", "ReportSite", "check_site_folder", "fold", "MARKER", "BUILTIN_VIEW_LIMIT", "DIAGRAM_LIMIT"]

#: Name of the file that marks a folder as a report site (only such a folder, or an
#: empty one, is replaced).
MARKER = ".eaframe-report"
#: The layered and interconnection views are drawn for models up to this many elements.
BUILTIN_VIEW_LIMIT = 400
#: Views with more elements than this are listed, not drawn (Graphviz would take minutes).
DIAGRAM_LIMIT = 1500

_LANGS = ("vi", "en")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_CONFIDENCE = (("V", N_("verified in a listed source")), ("V2", N_("seen only in a weak secondary source")),
               ("K", N_("background knowledge, not yet confirmed")),
               ("I", N_("inference, modelling choice or illustrative value")))
_SHOWN_APART = {"id", "type", "name", "documentation", "sources", "confidence", "properties"}
_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK = "{http://www.w3.org/1999/xlink}href"


@dataclass(frozen=True)
class ReportSite:
    """What :func:`write_site` wrote.

    Attributes
    ----------
    folder
        The site folder.
    pages
        Number of HTML pages.
    diagrams
        Number of views drawn as diagrams.
    note
        Why diagrams were not drawn (e.g. Graphviz is missing), else ``None``.
    """

    folder: Path
    pages: int
    diagrams: int
    note: Optional[str] = None


def fold(text: str) -> str:
    """``text`` for diacritic-insensitive search: NFD, combining marks removed, đ → d, lower case.

    The site's script folds what is typed the same way.

    Examples
    --------
    >>> fold("Liên thông ĐIỆN TỬ")
    'lien thong dien tu'
    """
    out = unicodedata.normalize("NFD", text)
    out = "".join(c for c in out if not unicodedata.category(c).startswith("M"))
    return out.replace("đ", "d").replace("Đ", "D").lower()


# ------------------------------------------------------------------ file names
class _Names:
    """Page file names from ids: safe characters, bounded length, unique even on
    case-insensitive file systems."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def take(self, concept_id: str) -> str:
        base = _UNSAFE.sub("_", concept_id)[:80].lstrip(".") or "_"
        if base.lower() in _RESERVED:
            base = "_" + base
        name = base
        if name.lower() in self._used or name != concept_id:
            name = f"{base}-{hashlib.sha1(concept_id.encode('utf-8')).hexdigest()[:10]}"
        k = 1
        while name.lower() in self._used:
            k += 1
            name = f"{base}-{k}"
        self._used.add(name.lower())
        return name


# ------------------------------------------------------------------ HTML helpers
def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def _bi(text: Optional[Text], fallback: str = "") -> str:
    """Both languages of ``text`` as spans with ``lang`` (CSS shows the selected one)."""
    vi = text.vi if text is not None else None
    en = text.en if text is not None else None
    if not vi and not en:
        other = text.get("vi", fallback=True) if text is not None else None
        return _e(other or fallback)
    return (f'<span class="l-vi" lang="{"vi" if vi else "en"}">{_e(vi or en)}</span>'
            f'<span class="l-en" lang="{"en" if en else "vi"}">{_e(en or vi)}</span>')


def _plain(text: Optional[Text], lang: str, fallback: str = "") -> str:
    return (text.get(lang, fallback=True) if text is not None else None) or fallback


def _table(caption: str, head: Iterable[str], rows: Iterable[Iterable[str]], cls: str = "",
           row_head: bool = True, lang: str = "en") -> str:
    """A table with a caption and ``scope`` on its header cells; cells are HTML already."""
    out = [f'<table{f" class={chr(34)}{cls}{chr(34)}" if cls else ""}><caption>{caption}</caption><thead><tr>']
    out += [f'<th scope="col">{h}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    n = 0
    for row in rows:
        n += 1
        cells = list(row)
        out.append("<tr>")
        for k, c in enumerate(cells):
            out.append(f'<th scope="row">{c}</th>' if k == 0 and row_head else f"<td>{c}</td>")
        out.append("</tr>")
    if not n:
        return f'<p class="muted">{translator(lang)("{caption}: none.").format(caption=caption)}</p>'
    out.append("</tbody></table>")
    return "".join(out)


def _num(x: object) -> str:
    return f'<span class="num">{_e(x)}</span>'


def _value(v: object, lang: str = "en") -> str:
    """An attribute value as plain text."""
    if isinstance(v, bool):
        return translator(lang)("yes" if v else "no")
    if hasattr(v, "model_dump"):
        data = v.model_dump(mode="json", exclude_none=True)
        return "; ".join(f"{k} {_value(x)}" for k, x in data.items())
    if isinstance(v, (list, tuple)):
        return ", ".join(_value(x) for x in v)
    if isinstance(v, Enum):
        return str(v.value)
    return str(v)


class _Site:
    """The pages of one site, built from indexes computed once."""

    def __init__(self, model: ArchitectureModel, lang: str, report: Optional[CheckReport], diagrams: bool,
                 changes: Optional[ModelDiff] = None):
        self.m = model
        self.changes = changes
        self.lang = lang
        #: The site's fixed strings (titles, headings, captions, buttons) are in ``lang``.
        self.t = translator(lang)
        self.report = report
        self.draw = diagrams
        self.note: Optional[str] = None
        self.drawn = 0
        names = _Names()
        self.elements = {e.id: e for e in model.elements}
        self.epage = {e.id: f"e/{names.take(e.id)}.html" for e in model.elements}
        self.views: list[tuple[str, str, Text, Optional[View]]] = []  # (page, key, title, stored view)
        vnames = _Names()
        for v in model.views:
            self.views.append((f"v/{vnames.take(v.id)}.html", v.id, v.name, v))
        if len(model.elements) <= BUILTIN_VIEW_LIMIT and model.elements:
            self.views.append((f"v/{vnames.take('layered view')}.html", "layered",
                               Text(vi="Góc nhìn phân lớp", en="Layered view"), None))
            self.views.append((f"v/{vnames.take('interconnection view')}.html", "interconnection",
                               Text(vi="Góc nhìn kết nối liên thông", en="Interconnection view"), None))
        self.outgoing: dict[str, list] = {}
        self.incoming: dict[str, list] = {}
        for r in model.relationships:
            self.outgoing.setdefault(r.source, []).append(r)
            self.incoming.setdefault(r.target, []).append(r)
        self.in_views: dict[str, list[int]] = {}
        for k, (_, _, _, shown) in enumerate(self.views):
            if shown is not None:
                for i in dict.fromkeys(shown.elements):
                    self.in_views.setdefault(i, []).append(k)

    # -------------------------------------------------------------- shared parts
    def link(self, concept_id: str, root: str) -> str:
        page = self.epage.get(concept_id)
        if page is None:
            return f"<code>{_e(concept_id)}</code>"
        return f'<a href="{root}{page}">{_bi(self.elements[concept_id].name, concept_id)}</a>'

    def links(self, ids: Iterable[str], root: str) -> str:
        return ", ".join(self.link(i, root) for i in ids)

    def page(self, title: str, body: str, root: str) -> str:
        md = self.m.metadata
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{self.lang}" data-lang="{self.lang}" data-root="{root}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)} — {_e(_plain(md.title, self.lang, self.t('eaframe report')))}</title>\n"
            f'<link rel="stylesheet" href="{root}assets/site.css">\n</head>\n<body>\n'
            '<header class="site">\n'
            f'<a href="{root}index.html"><strong>{_bi(md.title, self.t("Model"))}</strong></a>\n'
            f'<nav aria-label="{_e(self.t("Site"))}"><ul>'
            f'<li><a href="{root}index.html">{_e(self.t("Overview"))}</a></li>'
            f'<li><a href="{root}elements.html">{_e(self.t("Elements"))}</a></li>'
            f'<li><a href="{root}checks.html">{_e(self.t("Checks and scorecard"))}</a></li>'
            + (f'<li><a href="{root}changes.html">{_e(self.t(CHANGES_TEXT["nav"]))}</a></li>' if self.changes is not None
               else "")
            + '</ul></nav>\n'
            f'<button type="button" id="lang-switch">{_e(self.t("Language: switch"))}</button>\n'
            f'<form role="search" action="#"><label for="search">{_e(self.t("Search names"))}</label>'
            f'<input id="search" type="search" autocomplete="off" placeholder="{_e(self.t("e.g. lien thong"))}">'
            f'<span id="search-status" role="status" aria-live="polite" class="visually-hidden" '
            f'data-vi="{_e(translator("vi")("{n} results"))}" data-en="{_e(translator("en")("{n} results"))}"></span>'
            '<ul id="search-results" hidden></ul></form>\n'
            "</header>\n"
            f'<main id="main">\n{body}\n</main>\n'
            f'<script src="{root}assets/search-index.js"></script>\n'
            f'<script src="{root}assets/site.js"></script>\n'
            "</body>\n</html>\n")

    # -------------------------------------------------------------- index
    def index_page(self) -> str:
        m, md = self.m, self.m.metadata
        t = self.t
        out = [f"<h1>{_bi(md.title, t('Model'))}</h1>"]
        meta = [(t("Framework version"), _e(md.framework_version or "—")),
                (t("Province"), _bi(md.province, "—")),
                (t("Realises"), _e(md.realises or "—")),
                (t("Languages"), _e(", ".join(md.languages)))]
        if md.instrument is not None:
            ins = md.instrument
            parts = [_e(t(INSTRUMENT_KINDS.get(ins.kind.value, ins.kind.value)))]
            if ins.number:
                parts.append(_e(ins.number))
            if ins.date:
                parts.append(_e(ins.date.isoformat()))
            if ins.issuer:
                parts.append(_bi(ins.issuer))
            meta.insert(2, (t("Instrument"), " · ".join(parts)))
        else:
            meta.insert(2, (t("Instrument"), "—"))
        meta.append((t("Elements / relationships / views"),
                     f"{len(m.elements)} / {len(m.relationships)} / {len(m.views)}"))
        out.append(_table(t("Model metadata"), (t("Field"), t("Value")), meta, lang=self.lang))
        if md.documentation:
            out.append(f"<p>{_bi(md.documentation)}</p>")
        c = m.counts()
        out.append(f"<h2>{_e(t('Counts'))}</h2>")
        layers = [(lay.value, _num(c["layer"][lay.value])) for lay in LAYER_ORDER if c["layer"].get(lay.value)]
        out.append(_table(t("Elements by layer"), (t("Layer"), t("Elements")), layers, lang=self.lang))
        layer_of = {e.type: e.layer.value for e in m.elements}
        types = [(f'<a href="elements.html#type-{_e(t)}">{_e(t)}</a>', _e(layer_of[t]), _num(n))
                 for t, n in sorted(c["element_type"].items(), key=lambda kv: (-kv[1], kv[0]))]
        out.append(_table(t("Elements by type"), (t("Type"), t("Layer"), t("Elements")), types, lang=self.lang))
        rtypes = [(_e(t), _num(n)) for t, n in sorted(c["relationship_type"].items(), key=lambda kv: (-kv[1], kv[0]))]
        out.append(_table(t("Relationships by type"), (t("Type"), t("Relationships")), rtypes, lang=self.lang))
        out.append(f"<h2>{_e(t('Confidence'))}</h2>")
        conf = Counter(x.confidence.value if x.confidence is not None else None for x in m.concepts())
        rows = [(_e(tag), _e(t(meaning)), _num(conf.get(tag, 0))) for tag, meaning in _CONFIDENCE]
        rows.append((_e(t("none")), _e(t("no confidence tag given")), _num(conf.get(None, 0))))
        out.append(_table(t("Elements and relationships by confidence tag"), (t("Tag"), t("Meaning"), t("Count")),
                          rows, lang=self.lang))
        out.append(f"<h2>{_e(t('Sources'))}</h2>")
        cited = Counter(s for x in m.concepts() for s in x.sources)
        srows = []
        for sid, src in md.sources.items():
            url = f'<a href="{_e(src.url)}">{_e(src.url)}</a>' if src.url else "—"
            srows.append((f'<span id="src-{_e(sid)}">{_e(sid)}</span>', _e(src.title), url, _e(src.note or ""),
                          _num(cited.get(sid, 0))))
        out.append(_table(t("Sources table"), (t("Id"), t("Title"), t("Address"), t("Note"), t("Cited by")), srows,
                          lang=self.lang))
        if self.changes is not None:
            from .changes import counts_text, old_label

            out.append(f"<h2>{_e(self.t(CHANGES_TEXT['title']))}</h2>")
            out.append('<p><a href="changes.html">' + _e(self.t(CHANGES_TEXT["index_link"]).format(
                old=old_label(self.changes, self.lang), counts=counts_text(self.changes, self.lang))) + "</a></p>")
        out.append(f"<h2>{_e(t('Views'))}</h2>")
        if self.views:
            out.append("<ul>" + "".join(f'<li><a href="{p}">{_bi(t, key)}</a></li>'
                                        for p, key, t, _ in self.views) + "</ul>")
        else:
            out.append(f'<p class="muted">{_e(t("No views."))}</p>')
        if self.report is not None:
            counts = self.report.counts()
            out.append(f"<h2>{_e(t('Checks'))}</h2>")
            sc = self.report.scorecard
            out.append('<p><a href="checks.html">'
                       + _e(t("{e} errors, {w} warnings, {i} info").format(e=counts["error"], w=counts["warning"],
                                                                         i=counts["info"])) + "</a>"
                       + (_e(t("; scorecard: {met} of {n} targets met").format(
                           met=sum(1 for i in sc.indicators if i.met), n=len(sc.indicators))) if sc else "")
                       + ".</p>")
        return self.page(t("Overview"), "\n".join(out), "")

    # -------------------------------------------------------------- element list
    def elements_page(self) -> str:
        by_layer: dict[str, dict[str, list]] = {}
        for e in self.m.elements:
            by_layer.setdefault(e.layer.value, {}).setdefault(e.type, []).append(e)
        tr = self.t
        out = [f"<h1>{_e(tr('Elements'))}</h1>"]
        for lay in LAYER_ORDER:
            types = by_layer.get(lay.value)
            if not types:
                continue
            out.append(f"<h2>{_e(tr('Layer: {layer}').format(layer=lay.value))}</h2>")
            for t in sorted(types):
                out.append(f'<h3 id="type-{_e(t)}">{_e(t)} ({len(types[t])})</h3><ul>')
                out += [f'<li>{self.link(e.id, "")} <code>{_e(e.id)}</code></li>' for e in types[t]]
                out.append("</ul>")
        if not self.m.elements:
            out.append(f'<p class="muted">{_e(tr("The model has no elements."))}</p>')
        return self.page(tr("Elements"), "\n".join(out), "")

    # -------------------------------------------------------------- element page
    def element_page(self, e) -> str:
        root = "../"
        md = self.m.metadata
        t = self.t
        out = [f"<h1>{_bi(e.name, e.id)}</h1>",
               f'<p><code>{_e(e.id)}</code> · {_e(e.type)} · {_e(t("layer {layer}").format(layer=e.layer.value))}</p>']
        names = [(_e(lang), f'<span lang="{_e(lang)}">{_e(text)}</span>') if lang else
                 (_e(t("(none)")), f"<span>{_e(text)}</span>") for lang, text in e.name.items()]
        out.append(_table(t("Names"), (t("Language"), t("Name")), names, lang=self.lang))
        if e.documentation:
            out.append(f"<h2>{_e(t('Documentation'))}</h2>")
            out.append(f"<p>{_bi(e.documentation)}</p>")
        out.append(f"<h2>{_e(t('Attributes'))}</h2>")
        rows = [("type", _e(e.type)), ("layer", _e(e.layer.value))]
        for field in type(e).model_fields:
            if field in _SHOWN_APART:
                continue
            v = getattr(e, field, None)
            if v is None or v == [] or v == {}:
                continue
            if field == "implements":  # an id in the framework model, not in this one
                cell = f"<code>{_e(v)}</code>" + (" " + _e(t("in {model}").format(model=md.realises))
                                                  if md.realises else "")
            elif isinstance(v, str) and v in self.elements:
                cell = self.link(v, root)
            elif isinstance(v, list) and v and all(isinstance(x, str) and x in self.elements for x in v):
                cell = self.links(v, root)
            else:
                cell = _e(_value(v, self.lang))
            rows.append((_e(field), cell))
        out.append(_table(t("Attributes"), (t("Attribute"), t("Value")), rows, lang=self.lang))
        out.append(_table(t("Properties"), (t("Property"), t("Value")),
                          ((_e(k), _e(property_text(v))) for k, v in e.properties.items()), lang=self.lang))
        out.append(f"<h2>{_e(t('Sources and confidence'))}</h2>")
        conf = e.confidence.value if e.confidence is not None else None
        meaning = t(dict(_CONFIDENCE).get(conf, "")) if conf else ""
        out.append(f"<p>{_e(t('Confidence:'))} <strong>{_e(conf or t('not given'))}</strong>"
                   + (f" ({_e(meaning)})" if meaning else "") + "</p>")
        srows = []
        for sid in e.sources:
            src = md.sources.get(sid)
            srows.append((f'<a href="../index.html#src-{_e(sid)}">{_e(sid)}</a>',
                          _e(src.title) if src else f'<span class="muted">{_e(t("not in the sources table"))}</span>'))
        out.append(_table(t("Sources"), (t("Id"), t("Title")), srows, lang=self.lang))
        out.append(f"<h2>{_e(t('Relationships'))}</h2>")
        out.append(self._rel_table(t("Outgoing relationships"), self.outgoing.get(e.id, ()), "target", root))
        out.append(self._rel_table(t("Incoming relationships"), self.incoming.get(e.id, ()), "source", root))
        out.append(f"<h2>{_e(t('Views'))}</h2>")
        vs = self.in_views.get(e.id, ())
        if vs:
            out.append("<ul>" + "".join(f'<li><a href="../{self.views[k][0]}">{_bi(self.views[k][2], self.views[k][1])}'
                                        f"</a></li>" for k in vs) + "</ul>")
        else:
            out.append(f'<p class="muted">{_e(t("In no stored view."))}</p>')
        return self.page(_plain(e.name, self.lang, e.id), "\n".join(out), root)

    def _rel_table(self, caption: str, rels: Iterable, end: str, root: str) -> str:
        rows = []
        for r in rels:
            other = getattr(r, end)
            extra = []
            if getattr(r, "access_type", None) is not None:
                extra.append(self.t("access {value}").format(value=_value(r.access_type)))
            if r.confidence is not None:
                extra.append(self.t("confidence {value}").format(value=r.confidence.value))
            rows.append((_e(r.type), self.link(other, root), _bi(r.name, ""),
                         f"<code>{_e(r.id)}</code>" + (f' <span class="muted">{_e("; ".join(extra))}</span>'
                                                        if extra else "")))
        t = self.t
        head = (t("Type"), t("Target element") if end == "target" else t("Source element"), t("Name"), t("Id"))
        return _table(caption, head, rows, lang=self.lang)

    # -------------------------------------------------------------- view page
    def view_page(self, page: str, key: str, title: Text, v) -> str:
        root = "../"
        out = [f"<h1>{_bi(title, key)}</h1>"]
        if v is not None:
            out.append(f"<p><code>{_e(v.id)}</code>"
                       + (" · " + _e(self.t("viewpoint {name}").format(name=v.viewpoint)) if v.viewpoint else "")
                       + "</p>")
            if v.documentation:
                out.append(f"<p>{_bi(v.documentation)}</p>")
            ids = list(dict.fromkeys(v.elements))
        else:
            ids = list(self.elements)
        out.append(f"<h2>{_e(self.t('Diagram'))}</h2>")
        out.append(self._diagram(key, v is None, title, len(ids), root))
        out.append(f"<h2>{_e(self.t('Elements in this view'))}</h2>")
        if ids:
            out.append("<ul>" + "".join(f"<li>{self.link(i, root)}</li>" for i in ids) + "</ul>")
        else:
            out.append(f'<p class="muted">{_e(self.t("The view shows no elements."))}</p>')
        return self.page(_plain(title, self.lang, key), "\n".join(out), root)

    def _diagram(self, key: str, builtin: bool, title: Text, n: int, root: str) -> str:
        t = self.t
        if not self.draw:
            return f'<p class="note">{_e(t("Diagrams were left out (--no-diagrams)."))}</p>'
        if n > DIAGRAM_LIMIT:
            return (f'<p class="note">{_e(t("The view has {n} elements, more than the {limit} drawn here;").format(n=n, limit=DIAGRAM_LIMIT))} '
                    f'{t("draw it with {command}.").format(command="<code>eaframe render</code>")}</p>')
        if self.note is not None and "Graphviz" in self.note and "not found" in self.note:
            return f'<p class="note">{_e(t("The diagram is not drawn: {reason}.").format(reason=self.note))}</p>'
        from ..render import render, to_view

        try:
            if builtin:
                dview = to_view(self.m, kind=key)
                svgs = [(lang, dview.render(format="svg", lang=lang)) for lang in _LANGS]
            else:  # layout "auto": a view imported with its drawing is drawn as drawn
                svgs = [(lang, render(self.m, view=key, lang=lang).svg) for lang in _LANGS]
        except GraphvizNotFoundError as err:
            self.note = str(err)
            return f'<p class="note">{_e(t("The diagram is not drawn: {reason}.").format(reason=err))}</p>'
        except RenderError as err:
            return f'<p class="note">{_e(t("The diagram could not be drawn: {reason}.").format(reason=err))}</p>'
        self.drawn += 1
        return "".join(f'<div class="diagram l-{lang}">{self._inline_svg(data, lang, title, root)}</div>'
                       for lang, data in svgs)

    def _inline_svg(self, data: Union[str, bytes], lang: str, title: Text, root: str) -> str:
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)
        svg = etree.fromstring(data if isinstance(data, bytes) else data.encode("utf-8"), parser)
        for g in list(svg.iter(f"{{{_SVG_NS}}}g")):
            gid, cls = g.get("id"), g.get("class") or ""
            if gid is not None and cls == "cluster" and gid.startswith("cluster."):
                gid = gid[len("cluster."):]  # a Grouping drawn as a box
            elif cls != "node":
                continue
            if gid in self.epage:
                a = etree.Element(f"{{{_SVG_NS}}}a")
                a.set("href", root + self.epage[gid])
                a.set(_XLINK, root + self.epage[gid])
                for child in list(g):
                    a.append(child)
                g.append(a)
        for el in svg.iter():
            if isinstance(el.tag, str) and el.get("id") is not None and el.tag != f"{{{_SVG_NS}}}svg":
                # two copies (vi, en) of the diagram share a page: keep ids unique
                el.set("id", f"{lang}-{el.get('id')}")
        # role img makes the content presentational: links inside it would be hidden from
        # assistive technology (axe-core: nested-interactive), so a linked diagram is a group
        linked = next(svg.iter(f"{{{_SVG_NS}}}a"), None) is not None
        svg.set("role", "group" if linked else "img")
        svg.set("aria-label", translator(lang)("Diagram: {title}").format(title=_plain(title, lang)))
        return etree.tostring(svg, encoding="unicode")

    # -------------------------------------------------------------- checks page
    def checks_page(self) -> str:
        r = self.report
        t = self.t
        out = [f"<h1>{_e(t('Checks and target scorecard'))}</h1>"]
        if r is None:
            out.append(f'<p class="muted">{_e(t("The checks were not run for this site."))}</p>')
            return self.page(t("Checks"), "\n".join(out), "")
        c = r.counts()
        out.append("<p>" + _e(t("{n} rules run; findings: {e} errors, {w} warnings, {i} info.").format(
            n=len(r.rules), e=c["error"], w=c["warning"], i=c["info"])) + "</p>")
        if r.scorecard is not None:
            out.append(self._scorecard(r.scorecard))
        out.append(f"<h2>{_e(t('Findings'))}</h2>")
        rows = []
        for f in r.findings:
            subject = self.links(f.elements, "") if f.elements else ""
            if f.view:
                subject += (", " if subject else "") + _e(t("view")) + f" <code>{_e(f.view)}</code>"
            rows.append((f'<span class="sev-{_e(f.severity)}">{_e(t(f.severity))}</span>', _e(f.rule),
                         _e(f.text(self.lang)), subject or "—", _e(f.fix_text(self.lang))))
        out.append(_table(t("Findings, most serious first"),
                          (t("Severity"), t("Rule"), t("Message"), t("Elements"), t("Fix")), rows, lang=self.lang))
        if r.not_applicable:
            out.append(f"<h2>{_e(t('Rules not applicable'))}</h2>")
            out.append(_table(t("Rules that do not apply to this model"), (t("Rule"), t("Reason")),
                              ((_e(rid), _e(localize(why, self.lang))) for rid, why in r.not_applicable),
                              lang=self.lang))
        return self.page(t("Checks"), "\n".join(out), "")

    def _scorecard(self, sc) -> str:
        t = self.t
        out = [f"<h2>{_e(t('Target scorecard'))}</h2>"]
        rows = []
        for i in sc.indicators:
            value = t("n/a") if i.value is None else f"{i.value:.1f}\u00a0%"
            frac = f"{i.numerator} / {i.denominator}"
            if i.target is None:
                target, deadline = t("no target"), "—"
            else:
                target = f"{i.target.comparison} {i.target.value:g} {i.target.unit}"
                deadline = i.target.deadline.isoformat() if i.target.deadline else "—"
            status = {True: f'<span class="met">✔ {_e(t("met"))}</span>',
                      False: f'<span class="unmet">✘ {_e(t("not met"))}</span>',
                      None: f'<span class="muted">– {_e(t("not assessed"))}</span>'}[i.met]
            behind = (f"<details><summary>{_e(t('{n} counted').format(n=len(i.elements)))}</summary>"
                      f"{self.links(i.elements, '')}</details>" if i.elements else _e(t("none counted")))
            if i.shortfall:
                behind += (f"<details><summary>{_e(t('{n} short').format(n=len(i.shortfall)))}</summary>"
                           f"{self.links(i.shortfall, '')}</details>")
            tcell = _e(target) + (f"<br>{_e(t('set by'))} {self.link(i.target_element, '')}" if i.target_element
                                  else "")
            rows.append((f"{_e(i.title_in(self.lang))}<br><code>{_e(i.key)}</code>", _num(value), _num(frac), tcell,
                         _e(deadline), status, behind))
        out.append(_table(t("Indicators: value computed from the model against the target"),
                          (t("Indicator"), t("Value"), t("Numerator / denominator"), t("Target"), t("Deadline"),
                           t("Status"), t("Elements behind the number")), rows, lang=self.lang))
        b = sc.budget
        out.append(self._budget())
        mrow = [(_e(t(mode)), _num(len(b.items.get(mode, ()))), _num(b.priced.get(mode, 0)), _num(amount))
                for mode, amount in b.by_procurement.items()]
        out.append(_table(_e(t("By procurement mode ({unit})").format(unit=t(b.unit))),
                          (t("Mode"), t("Items"), t("Items with a budget"), t("Amount")), mrow, lang=self.lang))
        return "\n".join(out)

    def _budget(self) -> str:
        """The budgets of the elements, summed per layer and unit, then listed per element."""
        from ..checks.budget import budget_table, format_amount

        tr = self.t
        t = budget_table(self.m)
        out = [f"<h3>{_e(tr('Budget'))}</h3>"]
        if not t.items:
            out.append(f'<p class="muted">{_e(tr("No element carries a budget."))}</p>')
            return "\n".join(out)

        def part(x, n: int, of: int) -> str:
            return _num(format_amount(x) + ("" if n in (0, of) else tr(" ({n} of {of} give it)").format(n=n, of=of)))

        rows = [(_e(b.layer), _num(b.count), _num(format_amount(b.total)), part(b.investment, b.with_investment, b.count),
                 part(b.operating, b.with_operating, b.count), _e(tr(b.unit))) for b in t.by_layer]
        rows += [(_e(tr("all layers")), _num(sum(b.count for b in t.by_layer if b.unit == unit)),
                  _num(format_amount(total)), "", "", _e(tr(unit))) for unit, total in t.totals().items()]
        out.append(_table(_e(tr("Budget per layer (sums of the element budgets, per unit)")),
                          (tr("Layer"), tr("Elements"), tr("Total"), tr("Investment"), tr("Operating"), tr("Unit")), rows,
                          lang=self.lang))
        per = [(self.link(i.element, ""), _e(i.type), _e(i.layer), _num(format_amount(i.total)),
                _num(format_amount(i.investment)), _num(format_amount(i.operating)), _e(tr(i.unit))) for i in t.items]
        out.append(_table(_e(tr("Budget per element")), (tr("Element"), tr("Type"), tr("Layer"), tr("Total"),
                                                         tr("Investment"), tr("Operating"), tr("Unit")), per,
                          lang=self.lang))
        return "\n".join(out)

    # -------------------------------------------------------------- search index
    def search_index(self) -> str:
        rows = []
        for e in self.m.elements:
            vi, en = e.name.vi or "", e.name.en or ""
            if not vi and not en:  # a name without a language (or in another one) shows in both
                vi = en = e.name.get("vi", fallback=True) or ""
            rows.append([self.epage[e.id], vi, en, e.id, e.type, fold(" ".join((vi, en, e.id, e.name.untagged or "",
                                                                              *e.name.other.values())))])
        for page, key, title, _ in self.views:
            vi, en = title.vi or "", title.en or ""
            if not vi and not en:
                vi = en = title.get("vi", fallback=True) or ""
            rows.append([page, vi, en, key, "view", fold(" ".join((vi, en, key)))])
        return "window.EAFRAME_INDEX = " + json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + ";\n"

    # -------------------------------------------------------------- all files
    def files(self) -> Iterable[tuple[str, str]]:
        yield "assets/site.css", CSS
        yield "assets/site.js", JS
        yield "assets/search-index.js", self.search_index()
        yield "index.html", self.index_page()
        yield "elements.html", self.elements_page()
        yield "checks.html", self.checks_page()
        if self.changes is not None:
            from .changes import changes_body

            yield "changes.html", self.page(self.t(CHANGES_TEXT["title"]), changes_body(self, self.changes), "")
        for e in self.m.elements:
            yield self.epage[e.id], self.element_page(e)
        for page, key, title, v in self.views:
            yield page, self.view_page(page, key, title, v)
        yield MARKER, "eaframe report site: this folder is replaced as a whole by `eaframe report`\n"


# ------------------------------------------------------------------ writing
def _is_site_or_empty(folder: Path) -> bool:
    if (folder / MARKER).is_file():
        return True
    with os.scandir(folder) as it:
        return next(it, None) is None


def check_site_folder(folder: Union[str, os.PathLike]) -> None:
    """Raise :class:`OutputError` when ``folder`` is a file, or a non-empty folder that is not a report site."""
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise OutputError(errno.ENOTDIR, msg("it is a file, not a folder"), str(path), msg("give a folder for the site"))
    try:
        foreign = path.is_dir() and not _is_site_or_empty(path)
    except OSError as err:  # e.g. no permission to list it
        raise output_error(err, str(path)) from None
    if foreign:
        raise OutputError(errno.EEXIST, msg("it is a folder that holds other files"), str(path),
                          msg("give a new or empty folder, or one written by eaframe report (it is replaced whole)"))


def write_site(model: ArchitectureModel, folder: Union[str, os.PathLike], *, lang: Optional[str] = None,
               report: Optional[CheckReport] = None, checks: bool = True, diagrams: bool = True,
               since: Optional[ArchitectureModel] = None) -> ReportSite:
    """Write the static HTML site of ``model`` into ``folder``.

    The site is built in a new folder beside ``folder`` and renamed into place at the
    end, so a failure leaves ``folder`` as it was. An existing ``folder`` is replaced
    only when it is empty or was written by this function (it holds :data:`MARKER`).

    Parameters
    ----------
    model
        The model.
    folder
        The site folder (created, or replaced whole).
    lang
        ``"vi"`` or ``"en"``: the language of names shown first (readers switch) and of the
        site's fixed text (titles, headings, captions, buttons, check messages); default
        the model's first language (``metadata.languages[0]``), else English.
    report
        A :class:`~eaframe.checks.CheckReport` to show; by default
        ``run_checks(model, scorecard=True)`` when ``checks`` is true.
    checks
        Run the checks when no ``report`` is given.
    diagrams
        Draw the views with Graphviz (when ``dot`` is missing, the view pages say so).
    since
        An older version of the model: adds a "what changed" page (``changes.html``,
        linked from the index and the navigation) built from ``eaframe.diff(since, model)``.

    Raises
    ------
    OutputError
        ``folder`` is a file or a foreign non-empty folder, or a write failed.
    ValueError
        ``lang`` is not ``vi`` or ``en``.
    """
    if lang is None:
        from ..i18n import model_lang

        lang = model_lang(model)
    if lang not in _LANGS:
        raise ValueError(f"unknown language {lang!r}; use vi or en")
    target = Path(os.path.realpath(os.fspath(folder)))
    check_site_folder(target)
    if report is None and checks:
        from ..checks import run_checks

        report = run_checks(model, scorecard=True)
    changes = None
    if since is not None:
        from ..modeldiff import diff

        changes = diff(since, model)
    site = _Site(model, lang, report, diagrams, changes)
    make_folder(target.parent, for_file=target)
    tmp = _new_folder(target)
    done = False
    pages = 0
    try:
        made: set[str] = set()
        for rel, text in site.files():
            sub = rel.rpartition("/")[0]
            if sub and sub not in made:
                os.makedirs(tmp / sub, exist_ok=True)
                made.add(sub)
            with open(tmp / rel, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            pages += rel.endswith(".html")
        _swap(tmp, target)
        done = True
    except OSError as err:
        raise output_error(err, str(target)) from None
    finally:
        if not done:
            shutil.rmtree(tmp, ignore_errors=True)
    return ReportSite(target, pages, site.drawn, site.note)


def _remove_stale_builds(target: Path) -> None:
    """Remove build folders of ``target`` left by a writer that was killed (its process is
    gone, or the folder is older than :data:`eaframe._files.STALE_AFTER`)."""
    remove_stale(str(target.parent), f".{target.name[:100]}.eaframe-", folders=True)


def _new_folder(target: Path) -> Path:
    _remove_stale_builds(target)
    while True:
        tmp = target.parent / f".{target.name[:100]}.eaframe-{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            os.mkdir(tmp)  # 0o777 minus the umask, like any new folder
        except FileExistsError:
            continue
        except OSError as err:
            raise output_error(err, str(target)) from None
        return tmp


def _swap(tmp: Path, target: Path) -> None:
    """Rename ``tmp`` to ``target``, replacing an existing site folder."""
    if not target.exists():
        os.rename(tmp, target)
        return
    os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
    old = tmp.with_name(tmp.name[:-4] + ".old")
    os.rename(target, old)
    try:
        os.rename(tmp, target)
    except OSError:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
