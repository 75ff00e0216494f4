"""Parse a large exchange file as two halves, on two cores.

libxml2 (under lxml) parses without holding Python's global interpreter lock, so two
documents can be parsed at the same time by two threads. A large exchange file is
almost all ``<element>`` and ``<relationship>`` siblings; :func:`parse_in_parts` cuts
it before one of them near the middle and parses

* part A: everything before the cut, with the open container and the root closed;
* part B: the prolog and root start tag, the container reopened, everything after the cut

in parallel. Reading the two trees one after the other gives exactly the children of
the whole document's root, the container at the cut being split in two. A large file
that cannot be cut is parsed whole on one worker thread (see :func:`_parse_on_threads`
for why).

The cut is only made where it is sure to be right:

* the file is UTF-8 and has no comment, CDATA section, processing instruction or
  DOCTYPE after the XML declaration, so every ``<`` in it starts a tag (``<`` cannot
  appear raw in text or attribute values);
* the cut is before ``<element`` or ``<relationship`` with the root's namespace prefix;
* both parts must parse: part A closes exactly two open elements, so it is well formed
  only if the cut is a child of the container it names.

Anything else (or any error in either part) falls back to one parse of the whole file,
which then reports the error exactly as it would have anyway.

Line numbers of part B are shifted by its ``line_offset``.

Examples
--------
>>> data = (b'<?xml version="1.0" encoding="UTF-8"?>\\n<model xmlns="urn:x">\\n<elements>\\n'
...         + b''.join(b'<element identifier="e%d"/>\\n' % i for i in range(4))
...         + b'</elements>\\n</model>\\n')
>>> parts = parse_in_parts(data, lambda: etree.XMLParser(), min_bytes=0)
>>> [(len(root[0]), offset) for root, offset in parts]
[(2, 0), (2, 3)]
>>> parts[1][0][0][0].sourceline + parts[1][1]   # the third element is on line 6
6
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any, Optional

from lxml import etree

__all__ = ["SPLIT_MIN_BYTES", "find_cut", "parse_in_parts"]

#: Files smaller than this are parsed in one piece (the thread is not worth it).
SPLIT_MIN_BYTES = 16 << 20

_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ROOT = re.compile(rb"<((?:[A-Za-z_][A-Za-z0-9_.-]*:)?)model(?=[\s/>])")


def find_cut(data: bytes, min_bytes: int = SPLIT_MIN_BYTES) -> Optional[tuple[int, int, bytes, bytes]]:
    """Where to cut ``data``: ``(head_end, cut, root name, container name)``, or ``None``.

    ``head_end`` is the end of the prolog and root start tag, ``cut`` the offset of the
    ``<element``/``<relationship`` start tag the second part begins with.
    """
    if len(data) < max(min_bytes, 1):
        return None
    pos = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if data.startswith(b"<?xml", pos):
        end = data.find(b"?>", pos)
        if end < 0:
            return None
        m = _ENCODING.search(data, pos, end)
        if m and m.group(1).lower() not in (b"utf-8", b"utf8"):
            return None
        pos = end + 2
    elif data.startswith((b"\xff\xfe", b"\xfe\xff"), 0):
        return None
    if data.find(b"<!", pos) >= 0 or data.find(b"<?", pos) >= 0:
        return None  # comments, CDATA, DOCTYPE or PIs: a "<" might not start a tag
    root_lt = data.find(b"<", pos)
    m = _ROOT.match(data, root_lt) if root_lt >= 0 else None
    if m is None:
        return None
    prefix = m.group(1)
    head_end = data.find(b"<", root_lt + 1)
    if head_end < 0:
        return None
    head = data[root_lt:head_end].rstrip()
    if not head.endswith(b">") or head.endswith(b"/>"):
        return None
    mid = max(head_end, len(data) // 2)
    child = re.compile(b"<" + re.escape(prefix) + rb"(element|relationship)[\s/>]")
    m = child.search(data, mid)
    after = (m.start(), m.group(1)) if m else None
    before = max((_last_before(data, b"<" + prefix + name, head_end, mid) for name in (b"element", b"relationship")),
                 default=None, key=lambda c: c[0] if c else -1)
    candidates = [c for c in (after, before) if c is not None]
    if not candidates:
        return None
    at, name = min(candidates, key=lambda c: abs(c[0] - mid))
    container = prefix + (b"elements" if name.endswith(b"element") else b"relationships")
    return head_end, at, prefix + b"model", container


def _last_before(data: bytes, start_tag: bytes, lo: int, hi: int) -> Optional[tuple[int, bytes]]:
    """The last ``start_tag`` followed by a space, ``/`` or ``>`` in ``data[lo:hi]``."""
    for _ in range(4):  # skip the container tag (``<elements``) a few times at most
        at = data.rfind(start_tag, lo, hi)
        if at < 0:
            return None
        if data[at + len(start_tag):at + len(start_tag) + 1] in (b" ", b"\t", b"\n", b"\r", b"/", b">"):
            return at, start_tag[1:]
        hi = at
    return None


def parse_in_parts(data: bytes, make_parser: Callable[[], Any],
                   min_bytes: int = SPLIT_MIN_BYTES) -> list[tuple[Any, int]]:
    """Parse ``data`` into ``[(root, line_offset), ...]``: two parts in parallel, or one.

    ``make_parser`` returns a new lxml parser (each thread needs its own). Files of at
    least ``min_bytes`` are parsed on worker threads, in two parts when
    :func:`find_cut` finds a cut, else whole. Errors are those of one parse of the whole
    of ``data``.
    """
    if len(data) < max(min_bytes, 1):
        return [(etree.fromstring(data, make_parser()), 0)]
    cut = find_cut(data, min_bytes)
    if cut is not None:
        head_end, at, root, container = cut
        roots = _parse_on_threads([b"".join((data[:at], b"</", container, b"></", root, b">")),
                                   b"".join((data[:head_end], b"<", container, b">", data[at:]))], make_parser)
        if all(not isinstance(r, BaseException) for r in roots):
            return [(roots[0], 0), (roots[1], data.count(b"\n", head_end, at))]
    (root,) = _parse_on_threads([data], make_parser)
    if isinstance(root, BaseException):
        raise root
    return [(root, 0)]


def _parse_on_threads(docs: list[bytes], make_parser: Callable[[], Any]) -> list[Any]:
    """Parse each of ``docs`` on its own thread; a root, or the exception raised, for each.

    A worker thread also for a single document: the parser's memory then comes from
    that thread's allocator arena (glibc), and freeing the tree later does not stall
    the reading thread's next large allocation (glibc tidies freed small blocks lazily,
    in the arena they came from, which for a tree of millions of nodes takes a
    noticeable fraction of a second).
    """
    found: list[Any] = [None] * len(docs)

    def parse(i: int) -> None:
        try:
            found[i] = etree.fromstring(docs[i], make_parser())
        except BaseException as err:  # noqa: BLE001 - handed to the calling thread
            found[i] = err

    workers = [threading.Thread(target=parse, args=(i,), name=f"eaframe-parse-{i}", daemon=True)
               for i in range(len(docs))]
    started = []
    try:
        for w in workers:
            w.start()
            started.append(w)
    except RuntimeError:  # no more threads: parse the rest here
        pass
    for i, w in enumerate(workers):
        if w not in started:
            parse(i)
    for w in started:
        w.join()
    docs.clear()
    return found
