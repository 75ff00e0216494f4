"""The JSON Schema of eaframe model files.

Editors that understand JSON Schema (VS Code with the YAML extension, JetBrains IDEs)
validate and autocomplete model files with it: add
``# yaml-language-server: $schema=eaframe.schema.json`` at the top of a YAML model.
"""

from __future__ import annotations

from typing import Any

from .model import ArchitectureModel

__all__ = ["model_json_schema", "SCHEMA_ID"]

SCHEMA_ID = "https://eaframe.readthedocs.io/schema/model-1.json"


def model_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a model file, in validation mode.

    Examples
    --------
    >>> s = model_json_schema()
    >>> s["title"], sorted(s["required"])
    ('ArchitectureModel', ['metadata'])
    """
    schema = ArchitectureModel.model_json_schema(mode="validation")
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID}
    out.update(schema)
    return out
