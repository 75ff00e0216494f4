"""Telling an Archi ``.archimate`` model from other files by its first bytes.

This module imports nothing but :mod:`re`, so that finding a file's format (the CLI's
``validate``, :func:`eaframe.formats.format_of`) does not import the exchange readers
(lxml, the codecs) for a file that is not exchange XML. :mod:`eaframe.exchange.native`
re-exports :func:`is_archi`.
"""

from __future__ import annotations

import re

__all__ = ["ARCHI_NS", "OLD_ARCHI_NS", "ZIP_MAGIC", "is_archi"]

#: The namespace of Archi's own format (``<archimate:model>``).
ARCHI_NS = "http://www.archimatetool.com/archimate"
#: Archi 1.x/2.0 wrote its models in this namespace.
OLD_ARCHI_NS = "http://www.bolton.ac.uk/archimate"
#: The first bytes of a ZIP archive (a ``.archimate`` file with images).
ZIP_MAGIC = b"PK\x03\x04"

_MODEL_TAG = re.compile(rb"<([A-Za-z_][\w.\-]*:)?model[\s>/]")


def is_archi(data: bytes) -> bool:
    """Whether ``data`` (a file's first bytes, at least 512) is an Archi ``.archimate`` model:
    a ZIP archive holding ``model.xml``, or XML whose root is ``archimate:model``.

    Examples
    --------
    >>> is_archi(b'<?xml version="1.0"?><archimate:model xmlns:archimate="http://www.archimatetool.com/archimate"/>')
    True
    >>> is_archi(b"<model/>")
    False
    """
    if data.startswith(ZIP_MAGIC):
        return b"model.xml" in data[:65536]
    head = data[:4096]
    m = _MODEL_TAG.search(head)
    if m is None:
        return False
    return (ARCHI_NS.encode() in head or OLD_ARCHI_NS.encode() in head) and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
