"""The "what changed" page of the report site (``eaframe report MODEL --since OLD``).

Built from :func:`eaframe.diff` of the old and the site's model: names, not ids (ids are
shown small beside them); elements that still exist link to their pages; removed
concepts are listed by name; the provenance-only changes (only ``sources`` or
``confidence`` differ) are counted and listed in a section closed until opened; each
kind of change is a ``<details>`` section; each list stops after :data:`LIMIT` rows with
"… and N more" (``eaframe diff`` lists them all).

The page's fixed texts are in :data:`TEXT`, in one place, as msgids of the catalogue: the page
is written in the site's language.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Optional

from ..attributes import Text
from ..i18n import N_, translator
from ..modeldiff.render import format_field_change

if TYPE_CHECKING:
    from ..modeldiff import Change, ModelDiff
    from .site import _Site

__all__ = ["TEXT", "LIMIT", "changes_body", "counts_text", "old_label"]

#: Rows per list before "… and N more".
LIMIT = 1000

#: The fixed texts of the page: English msgids of the catalogue (eaframe/i18n/locale), translated
#: where shown; ``{}`` fields are filled in with ``str.format`` after translating.
TEXT: dict[str, str] = {
    "nav": N_("What changed"),
    "title": N_("What changed"),
    "heading": N_("What changed since {old}"),
    "intro": N_("Compared with {old} (the older version) by eaframe diff: {counts}."),
    "none": N_("The two versions do not differ."),
    "counts_table": N_("Architecture changes per kind"),
    "subject": N_("Concept"),
    "total": N_("Total"),
    "provenance_col": N_("Provenance only"),
    "elements": N_("Elements"),
    "relationships": N_("Relationships"),
    "views": N_("Views"),
    "added": N_("Added"),
    "removed": N_("Removed"),
    "modified": N_("Modified"),
    "renamed": N_("Renamed or replaced"),
    "retyped": N_("Type changed"),
    "metadata": N_("Model metadata"),
    "field": N_("Field"),
    "old": N_("Before"),
    "new": N_("After"),
    "was": N_("was {old}"),
    "matched": N_("matched by {how}"),
    "replaced_by": N_("replaced by"),
    "provenance_heading": N_("Provenance-only changes"),
    "provenance": N_("Provenance-only changes: {n} (only sources or confidence differ; open to list)"),
    "provenance_note": N_("These concepts are the same in both versions; only the evidence for them changed."),
    "more": N_("… and {n} more; eaframe diff lists them all."),
    "index_link": N_("What changed since {old}: {counts}"),
    "no_changes_kind": N_("none"),
}

_KIND_ORDER = ("added", "removed", "modified", "renamed", "retyped")


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def old_label(d: ModelDiff, lang: str = "vi") -> str:
    """The old version's title (in ``lang`` first) and framework version."""
    info = d.old_info
    title = info.get("title") or {}
    other = "en" if lang == "vi" else "vi"
    text = title.get(lang) or title.get(other) or translator(lang)("(untitled)")
    return text + (f" {info['framework_version']}" if info.get("framework_version") else "")


def counts_text(d: ModelDiff, lang: str = "en") -> str:
    """``3 elements changed (2 added, 1 removed); …``: the architecture changes in a few words, in ``lang``."""
    from ..modeldiff.render import format_shortstat

    return format_shortstat(d, lang)


def _name(c: Change) -> Text:
    names = {k: v for k, v in c.name.items() if k in ("vi", "en") and v}
    return Text(**names) if names else Text(en=c.id)


class _Page:
    def __init__(self, site: _Site, d: ModelDiff):
        self.site = site
        self.d = d
        self.lang = site.lang
        self._t = translator(site.lang)

    def T(self, key: str) -> str:  # noqa: N802
        """The fixed text ``key`` of :data:`TEXT` in the site's language."""
        return self._t(TEXT[key])

    def concept(self, c: Change) -> str:
        """An element or view: its name (linked to its page when it still exists) and its id."""
        from .site import _bi

        name = _bi(_name(c), c.id)
        page = None
        if c.kind != "removed":
            if c.subject == "element":
                page = self.site.epage.get(c.id)
            elif c.subject == "view":
                page = next((p for p, key, _, v in self.site.views if v is not None and key == c.id), None)
        ident = c.id if not c.old_id or c.old_id == c.id else f"{c.old_id} → {c.id}"
        label = f'<a href="{page}">{name}</a>' if page else name
        return f'{label} <code class="muted">{_e(ident)}</code>'

    def end(self, concept_id: Optional[str]) -> str:
        from .site import _bi

        if concept_id is None:
            return "—"
        if concept_id in self.site.epage:
            return self.site.link(concept_id, "")
        names = self.d.names.get(concept_id) or {}
        text = {k: v for k, v in names.items() if k in ("vi", "en") and v}
        return _bi(Text(**text), concept_id) if text else f"<code>{_e(concept_id)}</code>"

    def relationship(self, c: Change) -> str:
        from .site import _bi

        own = {k: v for k, v in c.name.items() if k in ("vi", "en") and v}
        name = f" ({_bi(Text(**own))})" if own else ""
        return (f"{self.end(c.source)} —{_e(c.type or '')}→ {self.end(c.target)}{name} "
                f'<code class="muted">{_e(c.id)}</code>')

    def details(self, c: Change) -> str:
        items = []
        if c.kind == "renamed" and c.match:
            how = c.match + (f", {c.score:.2f}" if c.score is not None else "")
            items.append(_e(self.T('matched').format(how=how)))
        if c.kind == "retyped" and c.old_type:
            items.append(_e(self.T('was').format(old=c.old_type)))
        if c.replaced_by:
            items.append(_e(self.T('replaced_by')) + " " + ", ".join(
                self.site.link(i, "") for i in c.replaced_by))
        items += [f"<code>{_e(format_field_change(fc))}</code>" for fc in c.fields]
        return "<br>".join(items)

    def rows(self, seq: list[Change]) -> str:
        shown = seq[:LIMIT]
        out = ["<ul>"]
        for c in shown:
            what = self.relationship(c) if c.subject == "relationship" else self.concept(c)
            extra = self.details(c) if c.kind != "added" and c.kind != "removed" else ""
            type_ = f' <span class="muted">{_e(c.type)}</span>' if c.subject == "element" and c.type else ""
            out.append(f"<li>{what}{type_}" + (f'<div class="change">{extra}</div>' if extra else "") + "</li>")
        out.append("</ul>")
        if len(seq) > len(shown):
            out.append(f'<p class="muted">{_e(self.T("more").format(n=len(seq) - len(shown)))}</p>')
        return "".join(out)

    def body(self) -> str:
        from .site import _table

        d = self.d
        old = old_label(d, self.lang)
        out = [f"<h1>{_e(self.T('heading').format(old=old))}</h1>"]
        if not d:
            out.append(f"<p>{_e(self.T('none'))}</p>")
            return "\n".join(out)
        out.append(f"<p>{_e(self.T('intro').format(old=old, counts=counts_text(d, self.lang)))}</p>")
        arch = d.architecture()
        rows = []
        for subject, seq, full in (("elements", arch.elements, d.elements),
                                   ("relationships", arch.relationships, d.relationships),
                                   ("views", arch.views, d.views)):
            by = {k: sum(1 for c in seq if c.kind == k) for k in _KIND_ORDER}
            rows.append((_e(self.T(subject)), *(f'<span class="num">{by[k]}</span>' for k in _KIND_ORDER),
                         f'<span class="num">{len(seq)}</span>',
                         f'<span class="num">{sum(1 for c in full if c.provenance_only)}</span>'))
        out.append(_table(_e(self.T('counts_table')), (_e(self.T('subject')), *(_e(self.T(k)) for k in _KIND_ORDER),
                                                     _e(self.T('total')), _e(self.T('provenance_col'))), rows,
                          lang=self.lang))
        for subject, seq in (("elements", arch.elements), ("relationships", arch.relationships),
                             ("views", arch.views)):
            if not seq:
                continue
            out.append(f'<h2 id="{subject}">{_e(self.T(subject))}</h2>')
            for kind in _KIND_ORDER:
                part = [c for c in seq if c.kind == kind]
                if part:
                    out.append(f'<details open class="changes" id="{subject}-{kind}"><summary>{_e(self.T(kind))}: '
                               f"{len(part)}</summary>{self.rows(part)}</details>")
        if d.metadata:
            out.append(f'<h2 id="metadata">{_e(self.T("metadata"))}</h2>')
            mrows = [(f"<code>{_e(fc.field)}</code>", _e(_short(fc.old)), _e(_short(fc.new))) for fc in d.metadata]
            out.append(_table(_e(self.T('metadata')), (_e(self.T('field')), _e(self.T('old')), _e(self.T('new'))),
                              mrows, lang=self.lang))
        prov = d.changes(provenance=True)
        if prov:
            out.append('<h2 id="provenance">' + _e(self.T('provenance_heading')) + "</h2>")
            out.append(f'<details class="changes" id="provenance-list"><summary>'
                       f"{_e(self.T('provenance').format(n=len(prov)))}</summary>"
                       f'<p class="muted">{_e(self.T("provenance_note"))}</p>{self.rows(prov)}</details>')
        return "\n".join(out)


def _short(value: object) -> str:
    from ..modeldiff.render import format_value

    return "—" if value is None else format_value(value)


def changes_body(site: _Site, d: ModelDiff) -> str:
    """The body (``<main>`` content) of the what-changed page of ``site`` for the diff ``d``."""
    return _Page(site, d).body()
