"""Parse a large exchange file in parts, on two cores, the last part first.

libxml2 (under lxml) parses without holding Python's global interpreter lock, so
several documents can be parsed at the same time by several threads. A large exchange
file is almost all ``<element>`` and ``<relationship>`` siblings; :func:`find_cuts` cuts
it before some of them and each part is parsed as a document of its own:

* the first part: everything before the first cut, with the open container and the
  root closed;
* a middle part: the prolog and root start tag, the container open at its start
  reopened, the text up to the next cut, the container open there and the root closed;
* the last part: the prolog and root start tag, the container reopened, the rest.

Reading the trees one after the other gives exactly the children of the whole
document's root, a container cut in several pieces. :class:`SplitParse` parses the parts
on two worker threads, the last part first, and hands each one out as soon as it is
ready, so that a reader can work on it while the others are still being parsed (the
property definitions, which every element and relationship needs, are in the last
part). A large file that cannot be cut is parsed whole on a worker thread (see
:func:`_parse_on_threads` for why).

Cuts are only made where they are sure to be right:

* the file is UTF-8 and has no comment, CDATA section, processing instruction or
  DOCTYPE after the XML declaration, so every ``<`` in it starts a tag (``<`` cannot
  appear raw in text or attribute values);
* a cut is before ``<element`` or ``<relationship`` with the root's namespace prefix;
* every part must parse: a part closes exactly the two elements open at its end, so it
  is well formed only if each cut is a child of the container it names.

Anything else (or any error in any part) falls back to one parse of the whole file,
which then reports the error exactly as it would have anyway. Line numbers in a part
are shifted by its ``line_offset``.

Examples
--------
>>> data = (b'<?xml version="1.0" encoding="UTF-8"?>\\n<model xmlns="urn:x">\\n<elements>\\n'
...         + b''.join(b'<element identifier="e%d"/>\\n' % i for i in range(4))
...         + b'</elements>\\n</model>\\n')
>>> parts = SplitParse(data, lambda: etree.XMLParser(), min_bytes=0, at=(0.5,)).result()
>>> [(len(root[0]), offset) for root, offset in parts]
[(2, 0), (2, 3)]
>>> parts[1][0][0][0].sourceline + parts[1][1]   # the third element is on line 6
6
"""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Optional

from lxml import etree

__all__ = ["SPLIT_MIN_BYTES", "CUTS", "SplitParse", "find_cuts"]

#: Files smaller than this are parsed in one piece (the threads are not worth it).
SPLIT_MIN_BYTES = 16 << 20

#: Where a large file is cut, as fractions of its size: the small last part is parsed
#: (and can be worked on) first; the parser threads keep ahead of the reader from then on.
CUTS = (0.25, 0.45, 0.65, 0.85)

_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ROOT = re.compile(rb"<((?:[A-Za-z_][A-Za-z0-9_.-]*:)?)model(?=[\s/>])")


def find_cuts(data: bytes, min_bytes: int = SPLIT_MIN_BYTES, at: Sequence[float] = CUTS
              ) -> Optional[tuple[int, bytes, list[tuple[int, bytes]]]]:
    """Where to cut ``data`` in parts: ``(head_end, root name, [(cut, container name), ...])``.

    One cut for each fraction in ``at``, before the ``<element``/``<relationship`` start
    tag nearest to it, in file order and without repeats; ``None`` when the file must be
    parsed whole.
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
    child = re.compile(b"<" + re.escape(prefix) + rb"(element|relationship)[\s/>]")
    cuts: dict[int, bytes] = {}
    for fraction in at:
        mid = max(head_end, int(len(data) * fraction))
        m = child.search(data, mid)
        after = (m.start(), m.group(1)) if m else None
        before = max((_last_before(data, b"<" + prefix + name, head_end, mid) for name in (b"element", b"relationship")),
                     default=None, key=lambda c: c[0] if c else -1)
        candidates = [c for c in (after, before) if c is not None]
        if candidates:
            cut, name = min(candidates, key=lambda c: abs(c[0] - mid))
            cuts[cut] = prefix + (b"elements" if name.endswith(b"element") else b"relationships")
    if not cuts:
        return None
    return head_end, prefix + b"model", sorted(cuts.items())


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


class SplitParse:
    """A parse in parts under way, on two worker threads, the last part first.

    :meth:`tails` hands out the parts after the first one, last first, each as soon as
    it is parsed, so that a reader can work on them while the others are still being
    parsed; :meth:`result` waits for all of them. ``at`` gives the cuts as fractions of
    the file: with a small last part, work on it can start early.
    """

    def __init__(self, data: bytes, make_parser: Callable[[], Any], min_bytes: int = SPLIT_MIN_BYTES,
                 at: Sequence[float] = CUTS):
        self._data = data
        self._make_parser = make_parser
        self._result: Optional[list[tuple[Any, int]]] = None
        self._parts: list[_Part] = []
        if len(data) < max(min_bytes, 1):
            self._result = [(etree.fromstring(data, make_parser()), 0)]
            return
        found = find_cuts(data, min_bytes, at)
        if found is None:
            self._result = self._whole()
            return
        head_end, root, cuts = found
        bounds = [(0, b"")] + cuts + [(len(data), b"")]
        for (start, opened), (end, closed) in zip(bounds[:-1], bounds[1:], strict=True):
            text = [data[:head_end], b"<", opened, b">"] if start else []
            text.append(data[start:end])
            if closed:
                text += [b"</", closed, b"></", root, b">"]
            self._parts.append(_Part(b"".join(text), data.count(b"\n", head_end, start) if start else 0))
        _parse_on_threads(self._parts[::-1], make_parser)

    def tails(self) -> Iterator[tuple[Any, int]]:
        """``(root, line_offset)`` of each part but the first, last first, as they are parsed.

        Stops at a part that did not parse (:meth:`result` then parses the whole file).
        """
        for part in self._parts[:0:-1]:
            part.done.wait()
            if isinstance(part.root, BaseException):
                return
            yield part.root, part.offset

    def result(self) -> list[tuple[Any, int]]:
        """``[(root, line_offset), ...]`` of all parts; raises the whole file's parse error."""
        if self._result is None:
            for part in self._parts:
                part.done.wait()
            if all(not isinstance(part.root, BaseException) for part in self._parts):
                self._result = [(part.root, part.offset) for part in self._parts]
            else:
                self._result = self._whole()
            self._parts = []
        return self._result

    def _whole(self) -> list[tuple[Any, int]]:
        part = _Part(self._data, 0)
        _parse_on_threads([part], self._make_parser)
        part.done.wait()
        if isinstance(part.root, BaseException):
            raise part.root
        return [(part.root, 0)]


class _Part:
    """One document to parse, and its root (or the exception raised) once ``done`` is set."""

    __slots__ = ("text", "offset", "root", "done")

    def __init__(self, text: bytes, offset: int):
        self.text = text
        self.offset = offset
        self.root: Any = None
        self.done = threading.Event()


def _parse_on_threads(parts: list[_Part], make_parser: Callable[[], Any], threads: int = 2) -> None:
    """Parse ``parts`` on up to ``threads`` worker threads, in the order given.

    Worker threads even for a single part: the parser's memory then comes from that
    thread's allocator arena (glibc), and freeing the tree later does not stall the
    reading thread's next large allocation (glibc tidies freed small blocks lazily, in
    the arena they came from, which for a tree of millions of nodes takes a noticeable
    fraction of a second). Should no thread start, the parts are parsed here.
    """
    queue = deque(parts)

    def work() -> None:
        while True:
            try:
                part = queue.popleft()
            except IndexError:
                return
            try:
                part.root = etree.fromstring(part.text, make_parser())
            except BaseException as err:  # noqa: BLE001 - handed to the reading thread
                part.root = err
            part.text = b""  # not needed any more
            part.done.set()

    started = 0
    for i in range(min(threads, len(parts))):
        try:
            threading.Thread(target=work, name=f"eaframe-parse-{i}", daemon=True).start()
            started += 1
        except RuntimeError:  # no more threads
            break
    if not started:
        work()
