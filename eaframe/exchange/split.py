"""Parse a large exchange file as two halves, on two cores.

libxml2 (under lxml) parses without holding Python's global interpreter lock, so two
documents can be parsed at the same time by two threads. A large exchange file is
almost all ``<element>`` and ``<relationship>`` siblings; :func:`parse_in_parts` cuts
it before one of them near the middle and parses

* part A: everything before the cut, with the open container and the root closed;
* part B: the prolog and root start tag, the container reopened, everything after the cut

in parallel. Reading the two trees one after the other gives exactly the children of
the whole document's root, the container at the cut being split in two. A large file
that cannot be cut is parsed whole on one worker thread (see :func:`_start_threads` for
why). :class:`SplitParse` hands out the last part as soon as it is parsed, so that a
reader can convert it while the first part is still being parsed.

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

__all__ = ["SPLIT_MIN_BYTES", "SplitParse", "find_cut", "parse_in_parts"]

#: Files smaller than this are parsed in one piece (the thread is not worth it).
SPLIT_MIN_BYTES = 16 << 20

_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ROOT = re.compile(rb"<((?:[A-Za-z_][A-Za-z0-9_.-]*:)?)model(?=[\s/>])")


def find_cut(data: bytes, min_bytes: int = SPLIT_MIN_BYTES,
             at: float = 0.5) -> Optional[tuple[int, int, bytes, bytes]]:
    """Where to cut ``data``: ``(head_end, cut, root name, container name)``, or ``None``.

    ``head_end`` is the end of the prolog and root start tag, ``cut`` the offset of the
    ``<element``/``<relationship`` start tag the second part begins with, the one
    nearest to the fraction ``at`` of the file.
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
    if _follows_lt(data, b"!", pos) or _follows_lt(data, b"?", pos):
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
    mid = max(head_end, int(len(data) * at))
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


def _follows_lt(data: bytes, char: bytes, pos: int) -> bool:
    """Whether ``"<" + char`` occurs in ``data[pos:]``.

    ``"<"`` is in every tag, so a search for the pair stops at each one; ``!`` and ``?``
    are rare, so looking for them (memchr) and then at the byte before is much faster.
    """
    at = data.find(char, pos)
    for _ in range(10000):
        if at < 0:
            return False
        if at > pos and data[at - 1] == 0x3C:  # "<"
            return True
        at = data.find(char, at + 1)
    return data.find(b"<" + char, pos) >= 0  # text full of "!" or "?": search for the pair


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
    return SplitParse(data, make_parser, min_bytes).result()


class SplitParse:
    """A parse in parts under way: :meth:`tail` as soon as the last part is ready, then :meth:`result`.

    The cut is made at ``at`` (a fraction of the file): a smaller last part is ready
    first, and the caller can work on it while the first part is still being parsed.
    """

    def __init__(self, data: bytes, make_parser: Callable[[], Any], min_bytes: int = SPLIT_MIN_BYTES,
                 at: float = 0.5):
        self._data = data
        self._make_parser = make_parser
        self._result: Optional[list[tuple[Any, int]]] = None
        self._workers: list[Any] = []
        self._found: list[Any] = []
        self._offset = 0
        if len(data) < max(min_bytes, 1):
            self._result = [(etree.fromstring(data, make_parser()), 0)]
            return
        cut = find_cut(data, min_bytes, at)
        if cut is None:
            self._result = self._whole()
            return
        head_end, pos, root, container = cut
        self._offset = data.count(b"\n", head_end, pos)
        self._workers, self._found = _start_threads(
            [b"".join((data[:pos], b"</", container, b"></", root, b">")),
             b"".join((data[:head_end], b"<", container, b">", data[pos:]))], make_parser)

    def tail(self) -> Optional[tuple[Any, int]]:
        """``(root, line_offset)`` of the last part, when the file is parsed in parts and it parsed."""
        if not self._workers:
            return None
        self._workers[-1].join()
        root = self._found[-1]
        return None if isinstance(root, BaseException) else (root, self._offset)

    def result(self) -> list[tuple[Any, int]]:
        """``[(root, line_offset), ...]`` of all parts; raises the whole file's parse error."""
        if self._result is None:
            for w in self._workers:
                w.join()
            if all(not isinstance(r, BaseException) for r in self._found):
                self._result = [(self._found[0], 0), (self._found[1], self._offset)]
            else:
                self._result = self._whole()
            self._workers, self._found = [], []
        return self._result

    def _whole(self) -> list[tuple[Any, int]]:
        workers, found = _start_threads([self._data], self._make_parser)
        for w in workers:
            w.join()
        if isinstance(found[0], BaseException):
            raise found[0]
        return [(found[0], 0)]


def _start_threads(docs: list[bytes], make_parser: Callable[[], Any]) -> tuple[list[Any], list[Any]]:
    """Start parsing each of ``docs`` on its own thread.

    Returns the threads and a list that holds, once a thread is joined, the root of its
    document or the exception raised. Should no thread start, the documents are parsed
    here.

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
        docs[i] = b""  # the text of a part is not needed any more

    workers: list[Any] = []
    for i in range(len(docs)):
        w = threading.Thread(target=parse, args=(i,), name=f"eaframe-parse-{i}", daemon=True)
        try:
            w.start()
        except RuntimeError:  # no more threads: parse it here
            parse(i)
            w = _Done()
        workers.append(w)
    return workers, found


class _Done:
    """Stands for a thread that did not start because its work was done at once."""

    def join(self) -> None:
        return None
