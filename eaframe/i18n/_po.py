"""Reading ``.po`` catalogues and writing ``.mo`` files, with the standard library only.

The ``.mo`` layout is the one documented in the GNU gettext manual ("The Format of
GNU MO Files"): a header of seven 32-bit words, two tables of (length, offset) pairs
for the original and translated strings sorted by original, then the NUL-terminated
strings. Entries without a translation are left out, as ``msgfmt`` does, so that
``gettext`` falls back to the msgid. No hash table (``gettext`` in Python does not use it).
"""

from __future__ import annotations

import ast
import struct
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Entry", "read_po", "write_po", "compile_mo", "PROPER_NOUN"]

#: The flag of an entry whose translation is, rightly, the same text (a proper noun or code).
PROPER_NOUN = "proper-noun"


@dataclass
class Entry:
    msgid: str
    msgstr: str = ""
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)   # ``#.`` and ``#:`` lines, kept as written
    line: int = 0


def _unquote(text: str, path: Path, line: int) -> str:
    text = text.strip()
    if not (len(text) >= 2 and text[0] == text[-1] == '"'):
        raise ValueError(f"{path}:{line}: expected a quoted string, found {text[:40]!r}")
    return ast.literal_eval(text)


def read_po(path: Path) -> tuple[str, list[Entry]]:
    """The header msgstr and the entries of a ``.po`` file (``ValueError`` with file:line on bad syntax)."""
    entries: list[Entry] = []
    header = ""
    cur: Entry | None = None
    key = ""
    pending_flags: list[str] = []
    pending_comments: list[str] = []

    def close() -> None:
        nonlocal cur, header
        if cur is not None:
            if cur.msgid == "":
                header = cur.msgstr
            else:
                entries.append(cur)
        cur = None

    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#,"):
            close()
            pending_flags += [f.strip() for f in line[2:].split(",") if f.strip()]
        elif line.startswith("#"):
            close()
            pending_comments.append(raw)
        elif line.startswith("msgid "):
            close()
            cur = Entry(_unquote(line[6:], path, n), flags=pending_flags, comments=pending_comments, line=n)
            pending_flags, pending_comments, key = [], [], "msgid"
        elif line.startswith("msgstr "):
            if cur is None:
                raise ValueError(f"{path}:{n}: msgstr without msgid")
            cur.msgstr, key = _unquote(line[7:], path, n), "msgstr"
        elif line.startswith('"'):
            if cur is None:
                raise ValueError(f"{path}:{n}: string outside an entry")
            setattr(cur, key, getattr(cur, key) + _unquote(line, path, n))
        else:
            raise ValueError(f"{path}:{n}: cannot read {line[:40]!r} (msgid, msgstr, a string or a comment)")
    close()
    seen: set[str] = set()
    for e in entries:
        if e.msgid in seen:
            raise ValueError(f"{path}:{e.line}: msgid {e.msgid!r} appears twice")
        seen.add(e.msgid)
    return header, entries


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def write_po(header: str, entries: list[Entry]) -> str:
    """The text of a ``.po`` file (one line per msgid and msgstr)."""
    out = ['msgid ""', "msgstr " + _quote(header), ""]
    for e in entries:
        out += e.comments
        if e.flags:
            out.append("#, " + ", ".join(e.flags))
        out += ["msgid " + _quote(e.msgid), "msgstr " + _quote(e.msgstr), ""]
    return "\n".join(out)


def compile_mo(header: str, entries: list[Entry]) -> bytes:
    """The ``.mo`` bytes of a catalogue (the header plus every translated entry, sorted by msgid)."""
    pairs = sorted([("", header)] + [(e.msgid, e.msgstr) for e in entries if e.msgstr])
    ids = [k.encode("utf-8") for k, _ in pairs]
    strs = [v.encode("utf-8") for _, v in pairs]
    n = len(pairs)
    start = 7 * 4 + 16 * n
    id_table, str_table, blob = [], [], b""
    for s in ids:
        id_table.append((len(s), start + len(blob)))
        blob += s + b"\0"
    for s in strs:
        str_table.append((len(s), start + len(blob)))
        blob += s + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, n, 28, 28 + 8 * n, 0, 0)
    return (head + b"".join(struct.pack("<2I", *p) for p in id_table)
            + b"".join(struct.pack("<2I", *p) for p in str_table) + blob)
