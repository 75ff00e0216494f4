"""Regenerate the pictures of docs/diagrams.md from the bundled models.

For every bundled model it writes the layered and the interconnection view, and
for the version pairs (vn-province-1.0 → 2.0, dongnai-2019 → 2020) the diff view,
to docs/img/ as DOT source and SVG, and rewrites the sections between
``<!-- generated:NAME -->`` markers of docs/diagrams.md (the picture list and the
notation tables). ``--check`` writes nothing and exits 1 when a DOT source, a
picture or a section is missing or out of date (tests/test_diagram_docs.py runs it);
SVG bytes depend on the Graphviz version, so the check compares the DOT sources. The diff
pictures are coloured by :func:`eaframe.diff`.

Usage: python scripts/gen_diagrams.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))  # docgen.py beside this script

from docgen import replace_marked_section, update_files  # noqa: E402

from eaframe.bundled import bundled_models  # noqa: E402
from eaframe.modelfile import atomic_write_bytes, atomic_write_text, load  # noqa: E402
from eaframe.render import styles  # noqa: E402
from eaframe.render.dot import to_dot  # noqa: E402
from eaframe.render.output import render_dot  # noqa: E402
from eaframe.render.views import diff_view, interconnection, layered  # noqa: E402

DOC = ROOT / "docs" / "diagrams.md"
IMG = ROOT / "docs" / "img"
PAIRS = [("vn-province-1.0", "vn-province-2.0"), ("dongnai-2019", "dongnai-2020")]


def pictures() -> list[tuple[str, str, str]]:
    """(file stem, caption, DOT source) of every picture, in document order."""
    names = bundled_models()
    models = {n: load(n) for n in names}
    out = []
    for n in names:
        m = models[n]
        title = m.metadata.title.get("en", fallback=True)
        out.append((f"{n}.layered", f"`{n}` — layered view ({title})", to_dot(layered(m), legend=True)))
        out.append((f"{n}.interconnection", f"`{n}` — interconnection view (LGSP hub)",
                    to_dot(interconnection(m), legend=True)))
    for a, b in PAIRS:
        if a in models and b in models:
            out.append((f"diff.{a}.{b}", f"`{a}` → `{b}` — diff view (added green, removed red dashed, "
                        f"changed amber, unchanged grey)", to_dot(diff_view(models[a], models[b]), legend=True)))
    return out


def picture_section(pics) -> str:
    if not pics:
        return "(No bundled models are installed yet.)\n"
    lines = []
    for stem, caption, _ in pics:
        lines += [f"### {caption}", "", f"![{stem}](img/{stem}.svg)", "",
                  f"DOT source: [img/{stem}.dot](img/{stem}.dot)", ""]
    return "\n".join(lines)


def notation_section() -> str:
    lines = ["| Layer | Colour |", "| --- | --- |"]
    for layer, colour in styles.LAYER_COLOURS.items():
        lines.append(f"| {styles.LAYER_LABELS[layer]['en']} ({styles.LAYER_LABELS[layer]['vi']}) | `{colour}` |")
    lines += ["", "| Element family | Graphviz shape, style | Element types |", "| --- | --- | --- |"]
    for family, st in styles.FAMILY_STYLES.items():
        types = sorted(t for t, f in styles.ELEMENT_FAMILY.items() if f == family)
        if types:
            lines.append(f"| {family} | {st['shape']}, {st['style']} | {', '.join(types)} |")
    lines += ["", "| Relationship | Line | Source end | Target end |", "| --- | --- | --- | --- |"]
    for rtype, st in styles.RELATIONSHIP_STYLES.items():
        tail = st.get("arrowtail", "none") if st.get("dir") == "both" else "none"
        head = st.get("arrowhead", "none") if st.get("dir") in ("forward", "both") else "none"
        lines.append(f"| {rtype} | {st['style']} | {tail} | {head} |")
    return "\n".join(lines) + "\n"


def main(check: bool) -> int:
    pics = pictures()
    stale: list[str] = []
    wanted = set()
    for stem, _, src in pics:
        dot_path, svg_path = IMG / f"{stem}.dot", IMG / f"{stem}.svg"
        wanted.update({dot_path.name, svg_path.name})
        up_to_date = dot_path.exists() and dot_path.read_text(encoding="utf-8") == src and svg_path.exists()
        if not up_to_date:
            stale.append(str(dot_path.relative_to(ROOT)))
            if not check:
                IMG.mkdir(parents=True, exist_ok=True)
                atomic_write_text(dot_path, src)
                atomic_write_bytes(svg_path, render_dot(src, "svg"))
    if IMG.is_dir():
        for p in sorted(IMG.iterdir()):
            if p.suffix in (".dot", ".svg") and p.name not in wanted:
                stale.append(f"{p.relative_to(ROOT)} (no longer generated)")
                if not check:
                    p.unlink()
    try:
        doc = replace_marked_section(replace_marked_section(DOC.read_text(encoding="utf-8"), "diagrams",
                                                            picture_section(pics)), "notation", notation_section())
    except KeyError as err:
        raise SystemExit(f"{DOC.relative_to(ROOT)}: {err.args[0]}") from None
    return update_files({DOC: doc}, check, "python scripts/gen_diagrams.py", ROOT, stale=stale)


if __name__ == "__main__":
    raise SystemExit(main("--check" in sys.argv[1:]))
