"""Field descriptions of the model classes without pydantic reading their source.

The docstring under a field of a model class is its description, as pydantic's
``use_attribute_docstrings=True`` would make it. That option finds and parses each
class's source whenever the class is built (on Python < 3.13 by walking the call stack
with :mod:`inspect` and tokenising the class), which was about 40 ms of every command
that loads a model. ``scripts/gen_field_docs.py`` reads the docstrings once, with
pydantic's own visitor, into :data:`eaframe._field_docs_table.FIELD_DOCS`, and
:class:`FieldDocs` hands them to pydantic as each class is defined, before pydantic
collects its fields: the fields get the same descriptions, and the JSON Schema the same
text (tests/test_startup.py checks both, and that the table is current).
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import Field
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from ._field_docs_table import FIELD_DOCS

__all__ = ["FieldDocs"]


def _described(value: Any, doc: str) -> Any:
    """``value`` (what the class body assigns to a field, if anything) with the description ``doc``."""
    if value is PydanticUndefined:
        return Field(description=doc)
    if isinstance(value, FieldInfo):
        if value.description is not None:  # a description given explicitly wins, as over a docstring
            return value
        # the same field as if ``description=doc`` had been given to it: pydantic merges a
        # field's arguments (with those of subclasses and ``Annotated``) from ``_attributes_set``
        described = copy.copy(value)
        described.description = doc
        described._attributes_set = {**value._attributes_set, "description": doc}
        return described
    return Field(value, description=doc)


class FieldDocs:
    """Mixin of the model classes whose fields (or whose subclasses' fields) have docstrings:
    gives each field declared by a class its description from :data:`FIELD_DOCS` before
    pydantic collects the fields (``__init_subclass__`` runs inside the class's creation,
    before the fields are collected). Inherited fields keep their descriptions, and a
    field declared again without a docstring has none, as with pydantic's own option."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        docs = FIELD_DOCS.get(f"{cls.__module__}.{cls.__qualname__}")
        if docs:
            for name, doc in docs.items():
                setattr(cls, name, _described(cls.__dict__.get(name, PydanticUndefined), doc))
