"""The model container: :class:`ArchitectureModel` with metadata, elements,
relationships and views.

The pydantic model is the source of truth of eaframe; graphs, diagrams and exports
are derived from it. Validation runs when a model is built: field types first, then
the model-wide rules of :mod:`eaframe.integrity` (unique NCName ids, references that
resolve, relationships allowed by ArchiMate 3.2). All problems are reported together
in one :class:`~eaframe.exceptions.ModelValidationError`.

Examples
--------
>>> from eaframe import ArchitectureModel
>>> m = ArchitectureModel.model_validate({
...     "metadata": {"title": {"en": "Demo"}},
...     "elements": [
...         {"id": "lgsp", "type": "ApplicationComponent", "name": {"en": "LGSP"}},
...         {"id": "portal", "type": "ApplicationComponent", "name": {"en": "Portal"}},
...     ],
...     "relationships": [{"id": "r1", "type": "Serving", "source": "lgsp", "target": "portal"}],
... })
>>> m["r1"].type, len(m)
('Serving', 3)
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Annotated, ClassVar, Final, Literal, Optional, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from ._field_docs import FieldDocs
from .attributes import (
    CleanStr,
    Confidence,
    Id,
    Instrument,
    LangCode,
    PropertyKey,
    PropertyValue,
    Source,
    SourceId,
    Text,
    fields_set_sharer,
    scalar_to_str,
)
from .diagram import Diagram
from .elements import ELEMENT_TYPES, Element, ElementItem, explain_misplaced_fields, validate_in_place
from .exceptions import ModelValidationError, Problem
from .i18n import N_, msg
from .integrity import suggest
from .relationships import RELATIONSHIP_TYPES, Relationship, RelationshipItem

__all__ = ["ModelMetadata", "ViewLayout", "View", "Folder", "FOLDER_TYPES", "NativeData", "ArchitectureModel",
           "FORMAT_VERSION", "AnyConcept", "folder_problems", "prune_folders"]

#: Version of the eaframe model-file format (the top-level ``eaframe`` key).
FORMAT_VERSION: Final = "1"

AnyConcept = Union[Element, Relationship]


class ModelMetadata(FieldDocs, BaseModel):
    """What a model is: title, framework version, province, issuing instrument, sources."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    title: Text
    """Title of the architecture, in Vietnamese and English."""
    framework_version: Optional[Annotated[str, BeforeValidator(scalar_to_str)]] = Field(default=None, pattern=r"^\d+\.\d+$")
    """Version of the national framework this architecture follows (``1.0``, ``2.0``)."""
    province: Optional[Text] = None
    """Province, for a provincial architecture (e.g. Đồng Nai)."""
    instrument: Optional[Instrument] = None
    """Legal instrument that issued or approved it."""
    realises: Optional[CleanStr] = None
    """Name of the framework model this (provincial) model realises, e.g. ``vn-province-2.0``."""
    as_of: Optional[_dt.date] = None
    """The date the architecture describes (YYYY-MM-DD): ``eaframe check`` applies the rules in
    force on it unless ``--as-of`` says otherwise; ``None``: today."""
    lenient: bool = False
    """Whether the model keeps relationships that the ArchiMate 3.2 table does not allow (older
    models, models written under ArchiMate 3.1). ``eaframe import`` sets it when the model it
    reads has such relationships; a model that says ``true`` loads with them reported as
    warnings instead of errors, whatever ``strict`` the loader was given."""
    languages: list[LangCode] = Field(default_factory=lambda: ["vi", "en"])
    """Languages the names and documentation are written in. An exchange file read without
    an ``eaframe:languages`` property gets the languages its texts use (``[]`` when none has
    ``xml:lang``)."""
    documentation: Optional[Text] = None
    """Description of the model."""
    sources: dict[SourceId, Source] = Field(default_factory=dict)
    """The sources table: what each source id cited by a concept means."""
    default_sources: list[SourceId] = Field(default_factory=list)
    """Sources (ids of ``sources``) that every element and relationship without its own
    ``sources`` inherits; the checks and reports treat such a concept as citing them."""
    default_confidence: Optional[Confidence] = None
    """Confidence tag that every element and relationship without its own ``confidence``
    inherits (``V``, ``V2``, ``K`` or ``I``)."""
    properties: dict[PropertyKey, PropertyValue] = Field(default_factory=dict)
    """Free-form properties of the model."""
    identifier: Optional[Id] = None
    """Identifier of the model in the exchange file it was read from (written back as it
    was; ``None``: exchange files get ``eaframe-model``)."""
    version: Optional[CleanStr] = None
    """The ``version`` attribute of the exchange file's model (written back as it was)."""
    property_types: dict[PropertyKey, Literal["string", "boolean", "currency", "date", "time", "number"]] = \
        Field(default_factory=dict)
    """Data type of the exchange property definition of a free property key, where it is not
    ``string`` (written back as it was)."""


class ViewLayout(FieldDocs, BaseModel):
    """Layout hints for rendering a view."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    direction: Literal["TB", "LR", "BT", "RL"] = "TB"
    """Main direction of the layout (Graphviz ``rankdir``)."""
    cluster_by: Literal["layer", "grouping", "none"] = "layer"
    """How elements are boxed: by ArchiMate layer, by Grouping membership, or not at all."""


class View(FieldDocs, BaseModel):
    """A named selection of elements (and the relationships among them) to show together."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    id: Id
    """Unique id (shares the id space of elements and relationships)."""
    name: Text = Field(default_factory=Text)
    """Name of the view."""
    documentation: Optional[Text] = None
    """What the view shows."""
    viewpoint: Optional[CleanStr] = None
    """ArchiMate viewpoint name, e.g. ``Layered`` or ``Application Cooperation``."""
    elements: list[Id] = Field(default_factory=list)
    """Ids of the elements shown."""
    relationships: Optional[list[Id]] = None
    """Ids of the relationships shown; ``None`` shows every relationship among ``elements``."""
    layout: ViewLayout = Field(default_factory=ViewLayout)
    """Layout hints."""
    properties: dict[PropertyKey, PropertyValue] = Field(default_factory=dict)
    """Free-form properties."""
    diagram: Optional[Diagram] = None
    """The drawing (node geometry, nesting, notes, bendpoints, styles), when the view
    came from a tool such as Archi; ``None`` lets eaframe lay the view out itself."""

    kind: ClassVar[str] = "view"

    def label(self, lang: str = "vi") -> str:
        """Display label in ``lang`` (falls back to another language, then the id)."""
        return self.name.get(lang, fallback=True) or self.id


#: Archi's types of top-level folders (``Folder.type``).
FOLDER_TYPES: Final = ("business", "application", "technology", "motivation", "implementation_migration",
                       "strategy", "other", "relations", "diagrams")


class Folder(FieldDocs, BaseModel):
    """A folder of the model tree (exchange ``<organizations>``, Archi's model tree): a
    name, the concepts and views in it, and sub-folders."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    id: Optional[Id] = None
    """Identifier of the folder, if its source gave one (shares the id space of concepts)."""
    name: Text = Field(default_factory=Text)
    """Name (label) of the folder."""
    type: Optional[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]*$", max_length=64)]] = None
    """Archi's folder type of a top-level folder (``business``, ``relations``, ``diagrams``, ...,
    see :data:`FOLDER_TYPES`; Archi 2.x files also have ``connectors`` and ``derived``);
    ``None`` for a folder made by the user."""
    documentation: Optional[Text] = None
    """What the folder holds."""
    properties: dict[PropertyKey, PropertyValue] = Field(default_factory=dict)
    """Free-form properties."""
    items: tuple[Id, ...] = ()
    """Ids of the elements, relationships and views in this folder, in order."""
    folders: tuple[Folder, ...] = ()
    """Sub-folders, in order."""


def _walk(folders: tuple[Folder, ...], path: tuple, names: tuple) -> Iterator[tuple[Folder, tuple, str]]:
    for i, f in enumerate(folders):
        p = (*path, i)
        name = "/".join((*names, f.name.get("en", fallback=True) or f.id or f"#{i + 1}"))
        yield f, p, name
        yield from _walk(f.folders, (*p, "folders"), (*names, f.name.get("en", fallback=True) or f.id or f"#{i + 1}"))


#: A concept's ``kind`` in words, for messages.
_KIND_WORDS = {"element": N_("an element"), "relationship": N_("a relationship"), "view": N_("a view")}


def folder_problems(model: ArchitectureModel) -> list[Problem]:
    """Problems of ``model.folders``: items that are no element, relationship or view, an id
    in two folders, folder ids that repeat or clash with a concept id. Each names the folder
    by its path of names (``Business/Actors``)."""
    problems: list[Problem] = []
    if not model.folders:
        return problems
    index = model.index
    # objects an Archi file held that eaframe keeps verbatim (sketch views, unknown types) are filed too
    kept = set(model.native.objects) if model.native is not None else set()
    placed: dict[str, str] = {}
    folder_ids: dict[str, str] = {}
    for f, path, name in _walk(model.folders, ("folders",), ()):
        if f.id is not None:
            if f.id in index:
                problems.append(Problem(msg("folder {name!r}: its id {id!r} is also the id of {kind}; give the "
                                            "folder another id", name=name, id=f.id,
                                            kind=msg(_KIND_WORDS[index[f.id].kind])), (*path, "id"), f.id))
            elif f.id in folder_ids:
                problems.append(Problem(msg("folder {name!r}: its id {id!r} is also the id of folder {other!r}; "
                                            "folder ids must be unique", name=name, id=f.id, other=folder_ids[f.id]),
                                        (*path, "id"), f.id))
            else:
                folder_ids[f.id] = name
        for j, item in enumerate(f.items):
            if item not in index and item not in kept:
                hint = suggest(item, index)
                problems.append(Problem(msg("folder {name!r}: item {item!r} is no element, relationship or view of "
                                            "the model{mean}; remove it from the folder", name=name, item=item,
                                            mean=msg(" (did you mean {name}?)", name=repr(hint)) if hint else ""),
                                        (*path, "items", j), item))
            elif item in placed:
                where = (msg("earlier in the same folder") if placed[item] == name
                         else msg("in folder {name!r}", name=placed[item]))
                problems.append(Problem(msg("folder {name!r}: item {item!r} is already {where}; a concept is in one "
                                            "folder only", name=name, item=item, where=where),
                                        (*path, "items", j), item))
            else:
                placed[item] = name
    return problems


def prune_folders(folders: tuple[Folder, ...], keep: Iterable[str]) -> tuple[Folder, ...]:
    """``folders`` without the items whose ids are not in ``keep`` (removed concepts), and
    without a second mention of an id (the first folder keeps it); folders themselves stay."""
    keep = set(keep)
    seen: set[str] = set()

    def prune(fs: tuple[Folder, ...]) -> tuple[Folder, ...]:
        out = []
        for f in fs:
            items = []
            for i in f.items:
                if i in keep and i not in seen:
                    seen.add(i)
                    items.append(i)
            sub = prune(f.folders)
            out.append(f if tuple(items) == f.items and sub == f.folders else
                       f.model_copy(update={"items": tuple(items), "folders": sub}))
        return tuple(out)

    return prune(folders)


class NativeData(FieldDocs, BaseModel):
    """What an Archi ``.archimate`` file holds that eaframe has no field for, kept verbatim
    so that writing the model back as ``.archimate`` gives it back
    (:mod:`eaframe.exchange.native`). Other formats ignore it."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    attributes: dict[str, dict[str, str]] = Field(default_factory=dict)
    """By object id (the model's identifier, a folder, concept, view, node or connection): Archi
    XML attributes with no eaframe field (``textAlignment``, figure ``type``, ``alpha``,
    ``profiles``, ...) and original spellings of mapped ones, verbatim."""
    children: dict[str, list[str]] = Field(default_factory=dict)
    """By object id: XML of child elements with no eaframe field (``<profile>``, ``<feature>``, ...),
    verbatim."""
    objects: dict[str, str] = Field(default_factory=dict)
    """By id: XML of whole objects eaframe does not model (sketch and canvas views, concepts of
    types eaframe does not know), verbatim; their folders list them by id."""
    ids: dict[str, str] = Field(default_factory=dict)
    """eaframe id → original Archi id, for ids that are not eaframe ids (NCNames) and were renamed."""
    images: dict[str, str] = Field(default_factory=dict)
    """Images of a zipped model: archive path (``images/...``) → base64 of the file."""

    def __bool__(self) -> bool:
        return bool(self.attributes or self.children or self.objects or self.ids or self.images)


class ArchitectureModel(FieldDocs, BaseModel):
    """An architecture: metadata, elements, relationships and views.

    Build one with :meth:`model_validate` (from dicts), :func:`eaframe.load` (from a
    file or a bundled model name), or the constructor. Pass
    ``context={"strict": False}`` to :meth:`model_validate` to accept relationships
    that ArchiMate 3.2 does not allow (they become warnings, see :attr:`warnings`); a
    model whose :attr:`ModelMetadata.lenient` is true is always validated that way.

    ``model[id]`` returns the element, relationship or view with that id.
    """

    # Assigning a field (model.elements = [...]) validates the value as loading does (plain
    # data becomes concepts; a wrong type raises ValidationError and leaves the model as it
    # was) and refreshes the index. The integrity of the whole model (ids, references,
    # allowed relationships) is checked when the model is validated, as for edits of the
    # lists in place (docs/api.md). Not in the docstring: it is the JSON Schema's description.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    eaframe: Annotated[Literal["1"], BeforeValidator(scalar_to_str)] = FORMAT_VERSION
    """Model-file format version."""
    metadata: ModelMetadata
    """What the model is."""
    elements: list[ElementItem] = Field(default_factory=list)
    """Elements, in file order."""
    relationships: list[RelationshipItem] = Field(default_factory=list)
    """Relationships, in file order."""
    views: list[View] = Field(default_factory=list)
    """Views, in file order."""
    folders: tuple[Folder, ...] = ()
    """The folder tree (exchange ``<organizations>``, Archi's model tree) as its source had it.
    Empty: the default folders, one per layer plus relations and views (what eaframe writes
    for a model of its own). Elements, relationships and views in no folder are written to
    those default folders."""
    native: Optional[NativeData] = None
    """What an Archi ``.archimate`` file held beyond eaframe's fields, for writing it back."""

    _index: dict = PrivateAttr(default_factory=dict)
    _warnings: tuple = PrivateAttr(default=())
    # What the model was when its integrity was last checked whole (its lists, their
    # lengths, its metadata, folders and native data) and the ids its folders and diagrams
    # take, so that add() checks only what it adds while the model is as checked.
    _checked: tuple = PrivateAttr(default=())

    def __init__(self, /, **data) -> None:
        try:
            self.__pydantic_validator__.validate_python(data, self_instance=self)
        except ValidationError as err:
            raise explain_misplaced_fields(err) from None

    # pydantic's own constructor as far as validation goes (see elements.Element.__init__)
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj, **kwargs) -> ArchitectureModel:
        """Validate ``obj`` (plain data or a model); see :class:`pydantic.BaseModel`.

        A field given on an element type that does not take it is reported with the
        element types that do.
        """
        try:
            return super().model_validate(obj, **kwargs)
        except ValidationError as err:
            raise explain_misplaced_fields(err) from None

    @model_validator(mode="after")
    def _check_integrity(self, info: ValidationInfo) -> ArchitectureModel:
        if info is not None and info.field_name is not None:  # an assignment: see the class docstring
            self._index = {}
            self._checked = ()
            return self
        from .integrity import check_integrity

        strict = bool((info.context or {}).get("strict", True)) if info is not None else True
        problems = check_integrity(self, strict=strict and not self.metadata.lenient)
        if self.folders:
            problems = [*problems, *folder_problems(self)]
        if any(p.severity == "error" for p in problems):
            raise ModelValidationError(problems)
        self._warnings = tuple(problems)
        self._checked = self._state()
        return self

    def __eq__(self, other: object) -> bool:
        # Content equality: the lazily built id index and validation warnings are caches,
        # not content, so they must not make two identical models unequal.
        if not isinstance(other, ArchitectureModel):
            return NotImplemented
        return (self.eaframe == other.eaframe and self.metadata == other.metadata and self.elements == other.elements
                and self.relationships == other.relationships and self.views == other.views
                and self.folders == other.folders and self.native == other.native)

    __hash__ = None  # type: ignore[assignment]  # mutable, like every pydantic model

    # ------------------------------------------------------------------ lookups
    @property
    def index(self) -> dict[str, Union[Element, Relationship, View]]:
        """Every concept and view by id (kept up to date by :meth:`add`; rebuilt by :meth:`reindex`)."""
        if not self._index:
            self._make_index()
        return self._index

    def reindex(self) -> None:
        """Rebuild the id index; call it after editing the lists in place (the next
        :meth:`add` then checks the whole model again)."""
        self._make_index()
        self._checked = ()

    def _make_index(self) -> None:
        idx: dict = {}
        for seq in (self.elements, self.relationships, self.views):
            for c in seq:
                idx.setdefault(c.id, c)
        self._index = idx

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Problems tolerated when the model was validated with ``strict=False``."""
        return self._warnings

    def __getitem__(self, concept_id: str) -> Union[Element, Relationship, View]:
        try:
            return self.index[concept_id]
        except KeyError:
            raise KeyError(f"no element, relationship or view with id {concept_id!r}") from None

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.index

    def __len__(self) -> int:
        return len(self.elements) + len(self.relationships)

    def get(self, concept_id: str, default=None):
        """The concept or view with ``concept_id``, or ``default``."""
        return self.index.get(concept_id, default)

    def element(self, element_id: str) -> Element:
        """The element with ``element_id`` (``KeyError`` if it is not an element)."""
        c = self.index.get(element_id)
        if not isinstance(c, Element):
            raise KeyError(f"no element with id {element_id!r}")
        return c

    def relationship(self, relationship_id: str) -> Relationship:
        """The relationship with ``relationship_id`` (``KeyError`` if none)."""
        c = self.index.get(relationship_id)
        if not isinstance(c, Relationship):
            raise KeyError(f"no relationship with id {relationship_id!r}")
        return c

    def model_id(self, ref: str) -> str:
        """The id this model gives ``ref``: ``ref`` itself, or, when ``ref`` is an id of an
        Archi ``.archimate`` file that is not an eaframe id (``650``, ``11f5304f``) and was
        renamed when the file was read (``id-650``, see :attr:`NativeData.ids`), the new id.
        An id the model does not know comes back unchanged.

        >>> m = ArchitectureModel.model_validate({"metadata": {"title": {"en": "M"}},
        ...                                      "native": {"ids": {"id-650": "650"}}})
        >>> m.model_id("650"), m.model_id("x")
        ('id-650', 'x')
        """
        if ref in self.index or self.native is None or not self.native.ids:
            return ref
        for new, old in self.native.ids.items():
            if old == ref:
                return new
        return ref

    def view(self, view_id: str) -> View:
        """The view with ``view_id``, also found by the id it had in the Archi file it was read
        from (:meth:`model_id`) and by its English or Vietnamese name (or its name without a
        language). ``KeyError`` names the views, the closest to ``view_id`` first."""
        c = self.index.get(self.model_id(view_id))
        if isinstance(c, View):
            return c
        for v in self.views:
            if view_id in (v.name.en, v.name.vi, v.name.untagged):
                return v
        raise KeyError(f"no view {view_id!r}; views: {self._view_list(view_id)}")

    def _view_list(self, wanted: str, limit: int = 20) -> str:
        """The views as a message lists them: those closest to ``wanted`` (by id, Archi id or
        name) first, each with its Archi id when it was renamed; at most ``limit``."""
        import difflib

        if not self.views:
            return "(none)"
        renamed = self.native.ids if self.native is not None else {}
        keys: dict[str, str] = {}
        for v in self.views:
            for k in (v.id, renamed.get(v.id), v.name.en, v.name.vi, v.name.untagged):
                if k:
                    keys.setdefault(k, v.id)
        close = difflib.get_close_matches(wanted, list(keys), n=limit, cutoff=0.6)
        order = list(dict.fromkeys([keys[k] for k in close] + [v.id for v in self.views]))
        shown = [f"{i} (Archi id {renamed[i]})" if i in renamed else i for i in order[:limit]]
        more = f" and {len(order) - limit} more" if len(order) > limit else ""
        return ", ".join(shown) + more

    def concepts(self) -> Iterator[Union[Element, Relationship]]:
        """All elements, then all relationships."""
        yield from self.elements
        yield from self.relationships

    def elements_of_type(self, *type_names: str) -> list[Element]:
        """Elements whose ArchiMate type is one of ``type_names``."""
        wanted = set(type_names)
        return [e for e in self.elements if e.type in wanted]

    def counts(self) -> dict[str, Counter]:
        """Counts of elements by layer and by type, and of relationships by type."""
        return {
            "layer": Counter(e.layer.value for e in self.elements),
            "element_type": Counter(e.type for e in self.elements),
            "relationship_type": Counter(r.type for r in self.relationships),
        }

    # ------------------------------------------------------------------ notebooks
    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """Jupyter display: a summary card (title, version, counts by layer, sources, confidence).

        The diagram is drawn on request: ``eaframe.render(m)``.
        """
        from ._displays import model_html

        return {"text/html": model_html(self), "text/plain": self._summary_text()}

    def _repr_pretty_(self, p, cycle: bool) -> None:
        p.text(self._summary_text())

    def _summary_text(self) -> str:
        from ._displays import model_text

        return model_text(self)

    # ------------------------------------------------------------------ editing
    def add(self, *items: Union[Element, Relationship, View], strict: bool = True) -> None:
        """Add elements, relationships or views, checking them against the model.

        The items are checked as a whole-model validation would check them (unique ids,
        references that resolve, relationships ArchiMate 3.2 allows, known sources; with
        ``strict=False`` disallowed relationships are warnings). While the model is as it
        was last checked, only the added items are checked, so adding one item at a time
        takes time in proportion to the items added, not to the model; after editing the
        lists in place, :meth:`reindex` makes the next ``add`` check the whole model again.

        On any error the model is left unchanged and
        :class:`~eaframe.exceptions.ModelValidationError` (or ``TypeError`` for an item that
        is no element, relationship or view) is raised.
        """
        from .integrity import check_integrity

        for item in items:
            if not isinstance(item, (Element, Relationship, View)):
                raise TypeError(f"cannot add {type(item).__name__}; expected an element, relationship or view")
        elements = [i for i in items if isinstance(i, Element)]
        relationships = [i for i in items if isinstance(i, Relationship)]
        views = [i for i in items if isinstance(i, View)]
        strict = strict and not self.metadata.lenient
        if not views and self._adds_cleanly(elements, relationships, strict):
            self.elements.extend(elements)
            self.relationships.extend(relationships)  # type: ignore[arg-type]  # every relationship class is in RelationshipItem
            index = self._index
            for c in (*elements, *relationships):
                index[c.id] = c
            self._checked = self._state(self._checked[2])
            return
        # the whole model, as a validation checks it
        counts = (len(self.elements), len(self.relationships), len(self.views))
        self.elements.extend(elements)
        self.relationships.extend(relationships)  # type: ignore[arg-type]
        self.views.extend(views)
        self._index = {}
        problems = check_integrity(self, strict=strict)
        if self.folders:
            problems = [*problems, *folder_problems(self)]
        if any(p.severity == "error" for p in problems):
            del self.elements[counts[0]:], self.relationships[counts[1]:], self.views[counts[2]:]
            self._index = {}  # the model is as it was (and as checked, if it was)
            raise ModelValidationError(problems)
        self._warnings = tuple(problems)
        self._index = {}
        self._checked = self._state()

    def _state(self, taken: Optional[frozenset] = None) -> tuple:
        """What :meth:`_is_as_checked` compares: the model's parts, the lengths of its lists,
        and the ids its folders and diagrams take (``None``: not gathered yet)."""
        parts = (self.elements, self.relationships, self.views, self.metadata, self.folders, self.native)
        return parts, (len(self.elements), len(self.relationships), len(self.views)), taken

    def _is_as_checked(self) -> bool:
        """Whether the model's parts are those of its last whole check, with their lengths then."""
        if not self._checked:
            return False
        parts, lengths, _ = self._checked
        now, now_lengths, _ = self._state()
        return lengths == now_lengths and all(a is b for a, b in zip(parts, now, strict=True))

    def _adds_cleanly(self, elements: list[Element], relationships: list[Relationship], strict: bool) -> bool:
        """Whether adding these items to the model, as it was last checked, breaks no rule
        and adds no warning: then the whole check would find what it found last time (the
        items go at the end of the lists). ``False`` whenever in doubt: the caller then
        checks the whole model."""
        if not self._is_as_checked() or (self._warnings and strict):
            return False  # a strict check would turn the warnings into errors
        from .validity import allowed_relationships

        index = self.index
        parts, lengths, taken = self._checked
        if taken is None:
            taken = self._taken_ids()
            self._checked = (parts, lengths, taken)
        sources = self.metadata.sources
        new_types: dict[str, str] = {}  # id → element type, or "Relationship"
        for c in (*elements, *relationships):
            cid, refs, ctype = c.id, c.sources, c.type_name
            if type(cid) is not str or cid in index or cid in new_types or cid in taken or type(ctype) is not str:
                return False
            new_types[cid] = ctype if isinstance(c, Element) else "Relationship"
            if refs and (type(refs) is not tuple or not sources.keys() >= set(refs)):
                return False

        def end_type(ref: object) -> Optional[str]:
            if type(ref) is not str:
                return None
            t = new_types.get(ref)
            if t is not None:
                return t
            old = index.get(ref)
            return old.type if isinstance(old, Element) else "Relationship" if isinstance(old, Relationship) else None

        for e in elements:
            fields = e.__dict__
            owner = fields.get("owner")
            if owner is not None and end_type(owner) in (None, "Relationship"):
                return False
            online, total = fields.get("dossiers_online"), fields.get("dossiers_total")
            if online is not None and total is not None and (type(online) is not int or type(total) is not int
                                                             or online > total):
                return False
        for r in relationships:
            source, target = end_type(r.source), end_type(r.target)
            if source is None or target is None or r.id in (r.source, r.target):
                return False
            if r.type not in allowed_relationships(source, target):
                return False
        return True

    def _taken_ids(self) -> frozenset:
        """Ids that no new concept may take: those of the folders and of the diagrams' nodes
        and connections (they share the id space of concepts and views)."""
        taken = {f.id for f, _, _ in _walk(self.folders, (), ()) if f.id is not None}
        for v in self.views:
            if v.diagram is not None:
                taken.update(v.diagram.ids())
        return frozenset(taken)

    @classmethod
    def build(
        cls,
        metadata: Union[ModelMetadata, dict],
        elements: Iterable = (),
        relationships: Iterable = (),
        views: Iterable = (),
        strict: bool = True,
    ) -> ArchitectureModel:
        """Build and validate a model from objects or dicts.

        Each element and relationship is validated once: an object when it was made (it is
        taken as it is), a dict by the class its ``type`` names. The model-wide rules
        (unique ids, references that resolve, relationships ArchiMate 3.2 allows, known
        sources) then run once over the whole model.
        """
        context = {"strict": strict}
        data = {
            "metadata": metadata,
            "elements": _made(list(elements), ELEMENT_TYPES, context),
            "relationships": _made(list(relationships), RELATIONSHIP_TYPES, context),
            "views": list(views),
        }
        return cls.model_validate(data, context=context)


def _made(items: list, types: Mapping, context: dict) -> list:
    """``items`` (a list of the caller's) with each dict of a known ``type`` replaced by
    the concept its class validates it into, as the whole-model validation would (which
    then takes the concepts as they are; :func:`~eaframe.elements.validate_in_place`). At
    the first dict that does not validate the rest are left as they are: the whole-model
    validation then reports every problem, with its place, as it does for the dicts as given."""
    validate_in_place(items, types, context, fields_set_sharer())
    return items
