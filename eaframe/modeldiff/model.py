"""The diff as data: :class:`ModelDiff`, its :class:`Change` records and the change vocabulary.

A :class:`ModelDiff` says what changed between two versions of an architecture: which
elements, relationships and views were added, removed, modified, renamed (matched
across different ids) or retyped (same id, another ArchiMate type), and which metadata
fields changed. Every modification lists exactly which fields changed, each as a
:class:`FieldChange` with the old and the new value. Records are sorted (layer, type,
id), so every rendering of the same diff is identical. An empty diff is falsy.

The change kinds are the domain vocabulary of the diff and are listed once, in
:data:`CHANGE_KINDS`, together with the one-letter status that the text output uses
(as ``git diff --name-status`` does).

Examples
--------
>>> import eaframe
>>> a = eaframe.synthetic_model(20, seed=1)
>>> d = eaframe.diff(a, a)
>>> bool(d), len(d)
(False, 0)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional

from ..elements import ELEMENT_TYPES, LAYER_ORDER
from ..relationships import RELATIONSHIP_TYPES

__all__ = [
    "CHANGE_KINDS",
    "SUBJECTS",
    "DERIVED_FIELDS",
    "PROVENANCE_FIELDS",
    "CONFIDENCE_ORDER",
    "WEAK_CONFIDENCE",
    "weakest_confidence",
    "FieldChange",
    "Change",
    "ModelDiff",
    "format_field",
]

#: The change kinds, in reporting order, with their one-letter status (git style).
#:
#: ``added`` (A) and ``removed`` (D) concepts exist in one version only; ``modified``
#: (M) ones keep their id and type and differ in some field; ``renamed`` (R) ones were
#: matched across different ids (an explicit ``replaces`` declaration, similarity of
#: name and neighbours, or — for relationships — the same source, type and target);
#: ``retyped`` (T) ones keep their id but changed ArchiMate type.
CHANGE_KINDS: dict[str, str] = {
    "added": "A",
    "removed": "D",
    "modified": "M",
    "renamed": "R",
    "retyped": "T",
}

#: What a change is about.
SUBJECTS: tuple[str, ...] = ("element", "relationship", "view")

#: Fields reported by the diff that are derived from other concepts rather than stored
#: on the concept itself. ``member_of`` lists the Grouping elements that aggregate or
#: compose an element; it changes when those relationships change, and :func:`apply`
#: reproduces it through the relationship changes.
DERIVED_FIELDS: frozenset[str] = frozenset({"member_of"})

#: The provenance fields of elements and relationships: where a fact comes from
#: (``sources``) and how well it is established (``confidence``). A change of these
#: alone is *provenance-only*: the architecture is the same, only its evidence changed.
PROVENANCE_FIELDS: frozenset[str] = frozenset({"sources", "confidence"})

#: Confidence tags from the strongest to the weakest: ``V`` verified, ``V2`` weak
#: source, ``K`` background knowledge, ``I`` illustrative or inferred.
CONFIDENCE_ORDER: tuple[str, ...] = ("V", "V2", "K", "I")

#: The tags of facts that no source confirms; a change resting on them is marked.
WEAK_CONFIDENCE: frozenset[str] = frozenset({"K", "I"})

_CONFIDENCE_RANK = {tag: i for i, tag in enumerate(CONFIDENCE_ORDER)}
_LAYER_RANK = {layer.value: i for i, layer in enumerate(LAYER_ORDER)}
_TYPE_RANK = {name: i for i, name in enumerate(ELEMENT_TYPES)}
_REL_RANK = {name: i for i, name in enumerate(RELATIONSHIP_TYPES)}


def format_field(path: tuple[str, ...]) -> str:
    """A field path for people: ``("name", "vi")`` → ``name.vi``.

    Keys that contain a dot or a space (free-form property keys may) are quoted.

    Examples
    --------
    >>> format_field(("properties", "ref.code"))
    'properties["ref.code"]'
    >>> format_field(("target", "value"))
    'target.value'
    """
    out = ""
    for part in path:
        if "." in part or " " in part or '"' in part or not part:
            out += "[" + '"' + part.replace('"', '\\"') + '"]'
        else:
            out += f".{part}" if out else part
    return out


def weakest_confidence(*tags: Optional[str]) -> Optional[str]:
    """The weakest of the confidence tags given (unset ones ignored); ``None`` if none is set.

    Examples
    --------
    >>> weakest_confidence("V", "K"), weakest_confidence(None, "V2"), weakest_confidence(None, None)
    ('K', 'V2', None)
    """
    weakest, rank = None, -1
    for tag in tags:
        if tag is not None:
            text = str(tag)
            tag_rank = _CONFIDENCE_RANK.get(text, -1)
            if tag_rank > rank:
                weakest, rank = text, tag_rank
    return weakest


@dataclass(frozen=True)
class FieldChange:
    """One changed field: its path and the old and new values.

    Values are plain JSON data (strings, numbers, booleans, lists, dicts). ``None``
    means "not set": an unset optional field, or a key absent from a free-form map
    (``properties``, other-language names, the sources table).

    Examples
    --------
    >>> FieldChange(("name", "en"), "LGSP", "Provincial LGSP").field
    'name.en'
    """

    path: tuple[str, ...]
    """Where the field is, as keys from the concept (``("properties", "code")``)."""
    old: Any
    """Value in the old version (``None`` = not set)."""
    new: Any
    """Value in the new version (``None`` = not set)."""

    @property
    def field(self) -> str:
        """The path as text, e.g. ``name.vi`` or ``properties.code``."""
        return format_field(self.path)

    @property
    def derived(self) -> bool:
        """Whether the field is derived from other concepts (see :data:`DERIVED_FIELDS`)."""
        return self.path[0] in DERIVED_FIELDS

    def inverted(self) -> FieldChange:
        """The same change, backwards."""
        return FieldChange(self.path, self.new, self.old)


@dataclass(frozen=True)
class Change:
    """One changed element, relationship or view.

    ``id``/``type`` are those of the new version (of the old one for a removed concept);
    ``old_id``/``old_type`` those of the old version (equal to ``id``/``type`` unless
    renamed or retyped; ``None`` for an added concept).
    """

    kind: str
    """One of :data:`CHANGE_KINDS`."""
    subject: str
    """``element``, ``relationship`` or ``view``."""
    id: str
    """Id in the new version (in the old one, for a removed concept)."""
    type: Optional[str]
    """ArchiMate type in the new version (old one when removed); ``None`` for views."""
    name: dict = field(default_factory=dict)
    """Name by language (``{"vi": ..., "en": ...}``) in the new version (old, when removed)."""
    old_id: Optional[str] = None
    """Id in the old version (``None`` when added)."""
    old_type: Optional[str] = None
    """Type in the old version (``None`` when added, or for views)."""
    layer: Optional[str] = None
    """ArchiMate layer of an element (of its new type)."""
    source: Optional[str] = None
    """Relationship source id (new version; old one when removed)."""
    target: Optional[str] = None
    """Relationship target id (new version; old one when removed)."""
    fields: tuple[FieldChange, ...] = ()
    """Changed fields, for modified, renamed and retyped concepts."""
    match: Optional[str] = None
    """How a renamed concept was matched: ``replaces``, ``similarity`` or ``endpoints``."""
    score: Optional[float] = None
    """Similarity score (0–1) of a concept matched by similarity."""
    replaced_by: tuple[str, ...] = ()
    """For a removed element: ids of new elements that declare they replace it (``replaces``)."""
    old_data: Optional[dict] = None
    """The whole old concept as plain data (removed concepts; used by :func:`apply`)."""
    new_data: Optional[dict] = None
    """The whole new concept as plain data (added concepts; used by :func:`apply`)."""
    old_position: Optional[int] = None
    """Index of the concept in the old model's list (removed concepts)."""
    new_position: Optional[int] = None
    """Index of the concept in the new model's list (added concepts)."""
    confidence: Optional[str] = None
    """The confidence the change rests on: the weakest of the old and the new concept's
    ``confidence`` (the one version's for an added or removed concept; ``None`` when
    neither is set, and for views). See :data:`CONFIDENCE_ORDER`."""

    @property
    def status(self) -> str:
        """One-letter status (``A``, ``D``, ``M``, ``R``, ``T``)."""
        return CHANGE_KINDS[self.kind]

    @property
    def provenance_only(self) -> bool:
        """Whether only provenance changed: a modified concept whose every changed field is
        ``sources`` or ``confidence`` (see :data:`PROVENANCE_FIELDS`).

        Examples
        --------
        >>> Change("modified", "element", "a", "Node", fields=(FieldChange(("sources",), ["S1"], ["S2"]),)).provenance_only
        True
        >>> Change("modified", "element", "a", "Node", fields=(FieldChange(("name", "en"), "A", "B"),)).provenance_only
        False
        """
        return (self.kind == "modified" and bool(self.fields)
                and all(fc.path[0] in PROVENANCE_FIELDS for fc in self.fields))

    @property
    def weak(self) -> bool:
        """Whether the change rests only on facts tagged ``K`` or ``I`` (no source confirms it)."""
        return self.confidence in WEAK_CONFIDENCE

    def label(self, lang: str = "vi") -> str:
        """The name in ``lang`` (falling back to the other language, then the id)."""
        other = "en" if lang == "vi" else "vi"
        return self.name.get(lang) or self.name.get(other) or self.name.get("untagged") or self.id

    def field_change(self, path: str) -> Optional[FieldChange]:
        """The change of the field written ``path`` (e.g. ``"name.vi"``), or ``None``."""
        for fc in self.fields:
            if fc.field == path:
                return fc
        return None

    def sort_key(self) -> tuple:
        """(layer, type, id) for elements, (type, id) for relationships, id for views."""
        if self.subject == "element":
            return (_LAYER_RANK.get(self.layer or "", 99), _TYPE_RANK.get(self.type or "", 999), self.id)
        if self.subject == "relationship":
            return (0, _REL_RANK.get(self.type or "", 99), self.id)
        return (0, 0, self.id)

    def inverted(self) -> Change:
        """The change that takes the new version back to the old one."""
        if self.kind == "added":
            return Change("removed", self.subject, self.id, self.type, self.name, old_id=self.id, old_type=self.type,
                          layer=self.layer, source=self.source, target=self.target,
                          old_data=self.new_data, old_position=self.new_position, confidence=self.confidence)
        if self.kind == "removed":
            return Change("added", self.subject, self.id, self.type, self.name, layer=self.layer,
                          source=self.source, target=self.target,
                          new_data=self.old_data, new_position=self.old_position, confidence=self.confidence)
        kind = self.kind
        old_layer = self.layer
        if self.subject == "element" and self.old_type is not None and self.old_type in ELEMENT_TYPES:
            old_layer = ELEMENT_TYPES[self.old_type].layer.value
        name = dict(self.name)
        for fc in self.fields:
            if fc.path[0] == "name" and len(fc.path) == 2:
                if fc.old is None:
                    name.pop(fc.path[1], None)
                else:
                    name[fc.path[1]] = fc.old
        source, target = self.source, self.target
        for fc in self.fields:
            if fc.path == ("source",):
                source = fc.old
            elif fc.path == ("target",):
                target = fc.old
        return Change(kind, self.subject, self.old_id or self.id, self.old_type, name, old_id=self.id,
                      old_type=self.type, layer=old_layer, source=source, target=target,
                      fields=tuple(fc.inverted() for fc in self.fields), match=self.match, score=self.score,
                      confidence=self.confidence)


@dataclass(frozen=True)
class ModelDiff:
    """The differences between two versions of an architecture.

    Build one with :func:`eaframe.diff`; apply it with :func:`eaframe.apply`. The
    collections are tuples of :class:`Change`, sorted (layer, type, id). A diff is
    falsy when the two versions do not differ.

    The order of concepts inside a model file is not an architectural difference and is
    not reported; the diff still carries it (``order``) so that :func:`eaframe.apply`
    reproduces the new version exactly.
    """

    elements: tuple[Change, ...] = ()
    """Element changes."""
    relationships: tuple[Change, ...] = ()
    """Relationship changes."""
    views: tuple[Change, ...] = ()
    """View changes."""
    metadata: tuple[FieldChange, ...] = ()
    """Changed metadata fields (title, framework version, instrument, sources, ...)."""
    old_info: dict = field(default_factory=dict)
    """Title and version of the old model (for headings)."""
    new_info: dict = field(default_factory=dict)
    """Title and version of the new model (for headings)."""
    detect_renames: bool = True
    """Whether similarity matching was used."""
    threshold: Optional[float] = None
    """Similarity threshold used for rename detection."""
    order: dict = field(default_factory=dict, repr=False, compare=False)
    """Explicit concept orders (``{"old": {...}, "new": {...}}``) when the order of the
    concepts both versions share differs; otherwise empty."""
    names: dict = field(default_factory=dict, repr=False, compare=False)
    """Names by language (``{id: {"vi": ..., "en": ...}}``) of the endpoints of the changed
    relationships (new version's name; the old one's for ids only in the old version), so
    that a relationship can be shown as ``source name —Type→ target name``."""

    # ------------------------------------------------------------------ queries
    def __bool__(self) -> bool:
        return bool(self.elements or self.relationships or self.views or self.metadata)

    def __len__(self) -> int:
        return len(self.elements) + len(self.relationships) + len(self.views) + len(self.metadata)

    def __repr__(self) -> str:
        """One short line with the counts (``print(d)`` shows the whole text)."""
        from .._text import term_safe

        def label(info: dict) -> str:
            title = info.get("title", {})
            text = title.get("en") or title.get("vi") or "(untitled)"
            if len(text) > 40:
                text = text[:39] + "…"
            return text + (f" {info['framework_version']}" if info.get("framework_version") else "")

        parts = []
        for word, seq in (("element", self.elements), ("relationship", self.relationships), ("view", self.views)):
            if seq:
                n_prov = sum(1 for c in seq if c.provenance_only)
                parts.append(f"{len(seq)} {word}{'' if len(seq) == 1 else 's'}"
                             + (f" ({n_prov} provenance-only)" if n_prov else ""))
        if self.metadata:
            parts.append(f"{len(self.metadata)} metadata field{'' if len(self.metadata) == 1 else 's'}")
        counts = ", ".join(parts) + " changed" if parts else "no differences"
        return f"<ModelDiff {term_safe(label(self.old_info))} → {term_safe(label(self.new_info))}: {counts}>"

    def changes(self, subject: Optional[str] = None, kind: Optional[str] = None,
                provenance: Optional[bool] = None) -> list[Change]:
        """Changes of one subject and/or kind, in report order.

        With ``provenance=True`` only the provenance-only changes
        (:attr:`Change.provenance_only`), with ``False`` only the others (the
        architecture changes); with ``None`` (default) all.

        Examples
        --------
        >>> import eaframe
        >>> eaframe.diff(eaframe.synthetic_model(5, 0), eaframe.synthetic_model(5, 0)).changes(kind="added")
        []
        """
        if kind is not None and kind not in CHANGE_KINDS:
            raise ValueError(f"unknown change kind {kind!r}; kinds: {', '.join(CHANGE_KINDS)}")
        seqs = {"element": self.elements, "relationship": self.relationships, "view": self.views}
        if subject is not None and subject not in seqs:
            raise ValueError(f"unknown subject {subject!r}; subjects: {', '.join(SUBJECTS)}")
        out: list[Change] = []
        for name, seq in seqs.items():
            if subject is None or subject == name:
                out.extend(c for c in seq if (kind is None or c.kind == kind)
                           and (provenance is None or c.provenance_only == provenance))
        return out

    def architecture(self) -> ModelDiff:
        """The diff without its provenance-only changes: what changed in the architecture
        itself (and the metadata). For reporting; it does not apply.

        Examples
        --------
        >>> import eaframe
        >>> a = eaframe.loads("metadata: {title: {en: x}}\\nelements:\\n- {id: a, type: Node, confidence: K}")
        >>> b = eaframe.loads("metadata: {title: {en: x}}\\nelements:\\n- {id: a, type: Node, confidence: V}")
        >>> d = eaframe.diff(a, b)
        >>> len(d), len(d.architecture()), len(d.provenance())
        (1, 0, 1)
        """
        from dataclasses import replace

        return replace(self, elements=tuple(c for c in self.elements if not c.provenance_only),
                       relationships=tuple(c for c in self.relationships if not c.provenance_only),
                       views=tuple(c for c in self.views if not c.provenance_only))

    def provenance(self) -> ModelDiff:
        """Only the provenance-only changes (only ``sources``/``confidence`` differ); no
        metadata. For reporting; it does not apply."""
        from dataclasses import replace

        return replace(self, elements=tuple(c for c in self.elements if c.provenance_only),
                       relationships=tuple(c for c in self.relationships if c.provenance_only),
                       views=tuple(c for c in self.views if c.provenance_only), metadata=())

    def label(self, concept_id: str, lang: str = "vi") -> str:
        """The name in ``lang`` of a relationship endpoint (see :attr:`names`), else its id."""
        name = self.names.get(concept_id) or {}
        other = "en" if lang == "vi" else "vi"
        return name.get(lang) or name.get(other) or name.get("untagged") or concept_id

    def get(self, concept_id: str) -> Optional[Change]:
        """The change of the element, relationship or view with ``concept_id`` (new or old id)."""
        for seq in (self.elements, self.relationships, self.views):
            for c in seq:
                if c.id == concept_id or c.old_id == concept_id:
                    return c
        return None

    def renames(self) -> dict[str, str]:
        """Old id → new id of every concept matched across different ids."""
        return {c.old_id: c.id for seq in (self.elements, self.relationships, self.views)
                for c in seq if c.kind == "renamed" and c.old_id is not None}

    def summary(self) -> dict:
        """Counts per change kind (per subject), per layer and per element type.

        Returns
        -------
        dict
            ``{"elements": {kind: n}, "relationships": {...}, "views": {...},
            "metadata": n, "by_layer": {layer: {kind: n}}, "by_element_type":
            {type: {kind: n}}, "by_relationship_type": {type: {kind: n}},
            "provenance_only": {"elements": n, "relationships": n}, "by_confidence":
            {"elements": {tag: n}, "relationships": {tag: n}}}``; kinds with zero count
            are left out of the per-layer and per-type tables, tags with zero count (and
            changes without a confidence) out of ``by_confidence``. The counts are of all
            changes; ``provenance_only`` says how many of the modified ones are
            provenance-only.
        """
        def kinds(seq) -> dict:
            c = Counter(ch.kind for ch in seq)
            return {k: c.get(k, 0) for k in CHANGE_KINDS}

        def table(seq, key) -> dict:
            out: dict[str, Counter] = {}
            for ch in seq:
                k = key(ch)
                if k not in out:
                    out[k] = Counter()
                out[k][ch.kind] += 1
            return {k: {kind: v[kind] for kind in CHANGE_KINDS if v[kind]} for k, v in out.items()}

        def confidences(seq) -> dict:
            c = Counter(ch.confidence for ch in seq if ch.confidence is not None)
            return {tag: c[tag] for tag in CONFIDENCE_ORDER if c[tag]}

        layer_rank = {layer.value: i for i, layer in enumerate(LAYER_ORDER)}
        by_layer = table(self.elements, lambda c: c.layer or "other")
        by_type = table(self.elements, lambda c: c.type or "")
        by_rel = table(self.relationships, lambda c: c.type or "")
        return {
            "elements": kinds(self.elements),
            "relationships": kinds(self.relationships),
            "views": kinds(self.views),
            "metadata": len(self.metadata),
            "by_layer": dict(sorted(by_layer.items(), key=lambda kv: (layer_rank.get(kv[0], 99), kv[0]))),
            "by_element_type": dict(sorted(by_type.items(), key=lambda kv: (_TYPE_RANK.get(kv[0], 999), kv[0]))),
            "by_relationship_type": dict(sorted(by_rel.items(), key=lambda kv: (_REL_RANK.get(kv[0], 99), kv[0]))),
            "provenance_only": {"elements": sum(1 for c in self.elements if c.provenance_only),
                                "relationships": sum(1 for c in self.relationships if c.provenance_only)},
            "by_confidence": {subject: confidences(seq) for subject, seq in
                              (("elements", self.elements), ("relationships", self.relationships))},
        }

    def filter(self, statuses: str) -> ModelDiff:
        """Only the changes whose one-letter status is in ``statuses`` (git ``--diff-filter``).

        Metadata changes count as ``M``. The result is for reporting; it does not apply.

        Examples
        --------
        >>> import eaframe
        >>> a, b = eaframe.synthetic_model(10, 1), eaframe.synthetic_model(12, 1)
        >>> d = eaframe.diff(a, b).filter("A")
        >>> {c.status for c in d.changes()}, d.metadata == ()
        ({'A'}, True)
        """
        letters = set(statuses.upper())
        unknown = letters - set(CHANGE_KINDS.values())
        if unknown:
            raise ValueError(f"unknown status letter(s) {''.join(sorted(unknown))}; "
                             f"use {''.join(CHANGE_KINDS.values())}")
        from dataclasses import replace

        return replace(
            self,
            elements=tuple(c for c in self.elements if c.status in letters),
            relationships=tuple(c for c in self.relationships if c.status in letters),
            views=tuple(c for c in self.views if c.status in letters),
            metadata=self.metadata if "M" in letters else (),
        )

    def invert(self) -> ModelDiff:
        """The diff that takes the new version back to the old one (see :func:`eaframe.invert`)."""
        order = {"old": self.order["new"], "new": self.order["old"]} if self.order else {}
        return ModelDiff(
            elements=tuple(sorted((c.inverted() for c in self.elements), key=Change.sort_key)),
            relationships=tuple(sorted((c.inverted() for c in self.relationships), key=Change.sort_key)),
            views=tuple(sorted((c.inverted() for c in self.views), key=Change.sort_key)),
            metadata=tuple(fc.inverted() for fc in self.metadata),
            old_info=self.new_info,
            new_info=self.old_info,
            detect_renames=self.detect_renames,
            threshold=self.threshold,
            order=order,
            names=self.names,
        )

    # ------------------------------------------------------------------ renderers
    def to_dict(self) -> dict:
        """The diff as JSON-ready data in the documented, versioned schema (see :mod:`.render`)."""
        from .render import to_dict

        return to_dict(self)

    def to_json(self, indent: Optional[int] = 2) -> str:
        """The diff as JSON text (see :func:`eaframe.modeldiff.render.to_json`)."""
        from .render import to_json

        return to_json(self, indent=indent)

    def format_name_status(self, lang: str = "vi", details: bool = True, provenance: bool = True) -> str:
        """git-style ``A/D/M/R/T`` lines (see :func:`eaframe.modeldiff.render.format_name_status`)."""
        from .render import format_name_status

        return format_name_status(self, lang=lang, details=details, provenance=provenance)

    def format_stat(self) -> str:
        """The ``--stat``-like summary (see :func:`eaframe.modeldiff.render.format_stat`)."""
        from .render import format_stat

        return format_stat(self)

    def to_text(self, lang: str = "vi", provenance: bool = False) -> str:
        """Name-status lines with field details (architecture changes; provenance-only ones
        counted, or listed after them with ``provenance``), then the summary."""
        from .render import to_text

        return to_text(self, lang=lang, provenance=provenance)

    def to_markdown(self, lang: str = "vi", provenance: bool = False, limit: Optional[int] = None) -> str:
        """The diff as a Markdown report (see :func:`eaframe.modeldiff.render.to_markdown`)."""
        from .render import DEFAULT_LIMIT, to_markdown

        return to_markdown(self, lang=lang, provenance=provenance, limit=DEFAULT_LIMIT if limit is None else limit)

    def to_html(self, lang: str = "vi", limit: Optional[int] = None, document: bool = False,
                provenance: bool = False) -> str:
        """The diff as HTML: a fragment for notebooks, or with ``document`` a complete page
        (see :func:`eaframe.modeldiff.render.to_html`)."""
        from .render import DEFAULT_LIMIT, to_html

        return to_html(self, lang=lang, limit=DEFAULT_LIMIT if limit is None else limit, document=document,
                       provenance=provenance)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_text()
