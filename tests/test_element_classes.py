"""The 62 element classes are what the static class statements of eaframe/elements.py
made before the classes were created on first use (issue 16, CLI start-up).

tests/data/golden/element_classes.json was written from those static definitions
(commit a705693); every class, when asked for, must give the same name, module,
docstring, bases, layer and aspect, class variables, fields (description, constraints,
default, annotation) and JSON Schema, and the unions and tables built from them the
same schemas and entries.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import re
from typing import Any

from pydantic import BaseModel, TypeAdapter

from eaframe import elements


def _shown(value: Any) -> str:
    return re.sub(r" at 0x[0-9a-f]+", "", repr(value))


def _describe_class(cls: type[BaseModel]) -> dict[str, Any]:
    return {
        "module": cls.__module__,
        "qualname": cls.__qualname__,
        "doc": cls.__doc__,
        "mro": [f"{c.__module__}.{c.__qualname__}" for c in cls.__mro__],
        "layer": _shown(cls.layer),  # type: ignore[attr-defined]
        "aspect": _shown(cls.aspect),  # type: ignore[attr-defined]
        "kind": cls.kind,  # type: ignore[attr-defined]
        "class_vars": sorted(cls.__class_vars__),
        "annotations": {k: _shown(v) for k, v in cls.__dict__.get("__annotations__", {}).items()},
        "config": {k: _shown(v) for k, v in sorted(cls.model_config.items())},
        "fields": list(cls.model_fields),  # their details in "fields" below, the same in every class
        "type field": _field(cls.model_fields["type"]),
        "schema": _digest(cls.model_json_schema()),
    }


def _field(f: Any) -> dict[str, Any]:
    return {"description": f.description, "metadata": _shown(f.metadata), "default": _shown(f.default),
            "default_factory": _shown(f.default_factory), "annotation": _shown(f.annotation),
            "set": sorted(f._attributes_set)}


def _fields(classes: list[type[BaseModel]]) -> dict[str, Any]:
    """The fields of the classes but ``type``, each the same in every class that has it."""
    out: dict[str, Any] = {}
    for cls in classes:
        for name, f in cls.model_fields.items():
            if name != "type":
                assert out.setdefault(name, _field(f)) == _field(f), (cls, name)
    return out


def _defs(classes: list[type[BaseModel]]) -> dict[str, Any]:
    """The ``$defs`` of the classes' JSON Schemas (the attribute types), each the same in all of them."""
    out: dict[str, Any] = {}
    for cls in classes:
        for name, schema in cls.model_json_schema().get("$defs", {}).items():
            assert out.setdefault(name, schema) == schema, (cls, name)
    return out


def _digest(schema: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(schema, sort_keys=True).encode()).hexdigest()


def describe() -> dict[str, Any]:
    """Everything the golden file holds about the element classes."""
    return {
        "ELEMENT_TYPES": {name: _describe_class(cls) for name, cls in elements.ELEMENT_TYPES.items()},
        "FIELD_TYPES": elements.FIELD_TYPES,
        "FIELD_ORDER": elements.FIELD_ORDER,
        "fields": _fields(list(elements.ELEMENT_TYPES.values())),
        "$defs": _defs(list(elements.ELEMENT_TYPES.values())),
        # the JSON Schemas as SHA-256 digests (the schema of each class is made of its fields and
        # docstring above, the unions' of the classes' schemas)
        "AnyElement schema": _digest(TypeAdapter(elements.AnyElement).json_schema()),
        "ElementItem schema": _digest(TypeAdapter(elements.ElementItem).json_schema()),
        "public classes": sorted(n for n in elements.__all__
                                 if inspect.isclass(getattr(elements, n))
                                 and issubclass(getattr(elements, n), BaseModel)),
    }


def test_element_classes_equal_the_static_definitions(golden):
    golden("element_classes.json", json.dumps(describe(), indent=1, sort_keys=True, ensure_ascii=False) + "\n")
