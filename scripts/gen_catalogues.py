"""Extract eaframe's translatable text into the catalogues and compile them.

Scans ``eaframe/**/*.py`` for the msgids: the first string argument (or both
branches of ``"a" if c else "b"``) of ``N_(...)``,
``Msg(...)``/``msg(...)``, ``t(...)``, ``tr(...)`` and ``translator(lang)(...)``, the separator of ``Join(items, " or ")``
and the title and ``rationale=`` of ``@rule(ID, TITLE, ...)``; adds the ``basis`` of every
registered rule and the ``requires`` of each of its ``LegalBasis`` (read from
``eaframe.checks.registry.REGISTRY``, since they are often built from shared pieces), and the diagram type captions (every
element type's name in words, ``eaframe.render.styles``). Then, for each language of
``eaframe.i18n.LANGUAGES``:

- adds the msgids missing from ``eaframe/i18n/locale/<lang>/LC_MESSAGES/eaframe.po``
  (untranslated) and drops the ones no code uses any more;
- compiles the ``.po`` into ``eaframe.mo`` beside it (``eaframe.i18n._po.compile_mo``,
  the documented GNU ``.mo`` layout, standard library only).

``--check`` writes nothing and exits 1, naming what is wrong, when a catalogue lacks a
msgid or keeps an unused one, a ``.mo`` is stale, or a Vietnamese entry is empty or
equal to its English msgid without the ``proper-noun`` flag, or does not keep exactly
the ``{fields}`` of its msgid (tests/test_i18n.py runs it).

Usage: python scripts/gen_catalogues.py [--check]
"""

from __future__ import annotations

import ast
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eaframe.i18n import LANGUAGES  # noqa: E402
from eaframe.i18n._po import PROPER_NOUN, Entry, compile_mo, read_po, write_po  # noqa: E402

LOCALE = ROOT / "eaframe" / "i18n" / "locale"
HEADER = {
    "vi": "Project-Id-Version: eaframe\nLanguage: vi\nMIME-Version: 1.0\n"
          "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\nPlural-Forms: nplurals=1; plural=0;\n",
    "en": "Project-Id-Version: eaframe\nLanguage: en\nMIME-Version: 1.0\n"
          "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
          "Plural-Forms: nplurals=2; plural=(n != 1);\n",
}
_CALLS = {"N_", "Msg", "msg", "t", "tr"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Call) and _name(func.func) == "translator":
        return "t"  # translator(lang)("text")
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _texts(node: ast.expr) -> list[str]:
    """The string constants an argument can be: a constant, or either branch of ``a if c else b``."""
    if isinstance(node, ast.IfExp):
        return _texts(node.body) + _texts(node.orelse)
    return [node.value] if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value else []


def extract(root: Path = ROOT) -> dict[str, list[str]]:
    """Every msgid used in the code, with the places (``path:line``) that use it, in first-use order."""
    found: dict[str, list[str]] = {}
    for path in sorted((root / "eaframe").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            args: list[str] = []
            if name in _CALLS and node.args:
                args = _texts(node.args[0])
            elif name == "Join" and len(node.args) == 2:
                args = _texts(node.args[1])
            elif name == "rule" and len(node.args) >= 2:
                args = _texts(node.args[1])
                args += [t for k in node.keywords if k.arg == "rationale" for t in _texts(k.value)]
            for arg in args:
                found.setdefault(arg, []).append(f"{rel}:{node.lineno}")
    # The type captions of diagrams: every element type's name in words (eaframe.render.styles).
    from eaframe.render.styles import _BADGES, ELEMENT_FAMILY

    for type_name in ELEMENT_FAMILY:
        found.setdefault(_BADGES[type_name], []).append("eaframe/render/styles.py:0")
    # The basis of every rule and what each of its legal bases requires (legal citations).
    import inspect

    from eaframe.checks import registry

    for r in sorted(registry.REGISTRY.values(), key=lambda r: r.sort_key):
        check = inspect.unwrap(r.check)
        where = f"{Path(inspect.getsourcefile(check)).resolve().relative_to(ROOT).as_posix()}:{check.__code__.co_firstlineno}"
        for text in [r.basis] + [b.requires for b in r.legal]:
            if text:
                found.setdefault(text, []).append(where)
    return dict(sorted(found.items(), key=lambda kv: (kv[1][0].split(":")[0], int(kv[1][0].split(":")[1]))))


def _fields(text: str) -> set[str]:
    """The ``{name}`` fields of a template (a translation must keep exactly those)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def problems(lang: str, entries: list[Entry], used: dict[str, list[str]]) -> list[str]:
    """What is wrong with a catalogue's entries (empty list: nothing)."""
    po = f"eaframe/i18n/locale/{lang}/LC_MESSAGES/eaframe.po"
    have = {e.msgid: e for e in entries}
    out = [f"{po}: msgid {m!r} (used at {places[0]}) is missing; run scripts/gen_catalogues.py and translate it"
           for m, places in used.items() if m not in have]
    out += [f"{po}:{e.line}: msgid {e.msgid!r} is not used by the code any more; run scripts/gen_catalogues.py"
            for e in entries if e.msgid not in used]
    if lang != "en":
        for e in entries:
            if not e.msgstr.strip():
                out.append(f"{po}:{e.line}: msgid {e.msgid!r} has no translation")
            elif _fields(e.msgstr) != _fields(e.msgid):
                out.append(f"{po}:{e.line}: the translation of {e.msgid!r} has the fields {sorted(_fields(e.msgstr))}, "
                           f"not {sorted(_fields(e.msgid))}")
            elif e.msgstr == e.msgid and PROPER_NOUN not in e.flags:
                out.append(f"{po}:{e.line}: the translation of {e.msgid!r} is the English text; translate it or "
                           f"flag the entry '#, {PROPER_NOUN}' when it is a proper noun or code")
    return out


def main(check: bool) -> int:
    used = extract()
    bad: list[str] = []
    for lang in LANGUAGES:
        folder = LOCALE / lang / "LC_MESSAGES"
        po, mo = folder / "eaframe.po", folder / "eaframe.mo"
        header, entries = read_po(po) if po.is_file() else (HEADER[lang], [])
        if check:
            bad += problems(lang, entries, used)
            if not mo.is_file() or mo.read_bytes() != compile_mo(header, entries):
                bad.append(f"{mo.relative_to(ROOT)} is stale; run scripts/gen_catalogues.py")
            continue
        have = {e.msgid: e for e in entries}
        merged = []
        for msgid, places in used.items():
            e = have.get(msgid) or Entry(msgid)
            e.comments = [c for c in e.comments if not c.startswith("#:")] + ["#: " + " ".join(dict.fromkeys(pl.split(":")[0] for pl in places))]
            merged.append(e)
        folder.mkdir(parents=True, exist_ok=True)
        po.write_text(write_po(header, merged), encoding="utf-8")
        mo.write_bytes(compile_mo(header, merged))
        bad += [p for p in problems(lang, merged, used) if "no translation" in p or "English text" in p]
    for line in bad:
        print(line, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
