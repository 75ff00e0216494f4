"""Helpers for tests that export ArchiMate exchange XML: XSD validation of every export.

Other test modules (e.g. the diff's migration model) call :func:`assert_valid_archimate`::

    from exchange_support import assert_valid_archimate
    assert_valid_archimate(model, shared)      # exports and validates against ../shared XSDs
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from eaframe.exchange import generate_archimate

__all__ = ["bundle_schema", "schema_errors", "assert_valid_archimate"]


@lru_cache(maxsize=2)
def bundle_schema(shared: Path) -> etree.XMLSchema:
    """The exchange-format schema from ``shared/archimate/xsd/archimate3_local_bundle.xsd``."""
    return etree.XMLSchema(etree.parse(str(shared / "archimate" / "xsd" / "archimate3_local_bundle.xsd")))


def schema_errors(xml: bytes, shared: Path) -> list[str]:
    """Schema violations of ``xml`` (empty when valid)."""
    schema = bundle_schema(shared)
    doc = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    if schema.validate(doc):
        return []
    return [f"{e.line}:{e.column}: {e.message}" for e in schema.error_log]


def assert_valid_archimate(model_or_xml, shared: Path, **kw) -> bytes:
    """Export ``model_or_xml`` (or take the bytes given) and assert it is XSD-valid; return the XML."""
    xml = model_or_xml if isinstance(model_or_xml, bytes) else generate_archimate(model_or_xml, **kw)
    errors = schema_errors(xml, shared)
    assert not errors, "exported XML is not valid against the exchange-format XSD:\n" + "\n".join(errors[:20])
    return xml
