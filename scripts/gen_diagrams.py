"""Regenerate the pictures of docs/diagrams.md from the bundled models.

For every bundled model it writes the layered and the interconnection view, and
for the version pairs (vn-province-1.0 → 2.0, dongnai-2019 → 2020) the diff view,
to docs/img/ as DOT source and SVG, and rewrites the sections between
``<!-- generated:NAME -->`` markers of docs/diagrams.md (the picture list, the
notation tables and the A4 size table, measured on the SVG files). It also draws the
ArchiMate type icons (eaframe/render/icons.py) into the PNG files of
eaframe/render/icons/ that PNG and PDF output embed, and the icon sheet
docs/img/icons.svg. ``--check`` writes nothing and exits 1 when a DOT source, a
picture, an icon or a section is missing or out of date (tests/test_diagram_docs.py runs it);
SVG bytes depend on the Graphviz version, so the check compares the DOT sources (and
the icons' pixels, not their compressed bytes). The diff pictures are coloured by
:func:`eaframe.diff`.

Usage: python scripts/gen_diagrams.py [--check]
"""

from __future__ import annotations

import re
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))  # docgen.py beside this script

from docgen import replace_marked_section, update_files  # noqa: E402

from eaframe.bundled import bundled_models  # noqa: E402
from eaframe.modelfile import atomic_write_bytes, atomic_write_text, load  # noqa: E402
from eaframe.render import icons, styles  # noqa: E402
from eaframe.render.dot import A4_LANDSCAPE_PT, to_dot  # noqa: E402
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


def icon_sheet() -> str:
    """An SVG sheet of every icon with its name and the element types that use it."""
    names = list(icons.ICONS)
    cols, cell_w, cell_h = 6, 150, 64
    rows = -(-len(names) // cols)
    w, h = cols * cell_w, rows * cell_h
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
           'font-family="DejaVu Sans, sans-serif" font-size="10">',
           f'<rect width="{w}" height="{h}" fill="#ffffff"/>']
    for k, name in enumerate(names):
        x, y = (k % cols) * cell_w, (k // cols) * cell_h
        out.append(icons.icon_svg(name, x + cell_w / 2 - 12, y + 8, 24))
        out.append(f'<text x="{x + cell_w / 2}" y="{y + 48}" text-anchor="middle">{name}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def icon_pixels(data: bytes) -> bytes:
    """The RGBA rows of a PNG written by :func:`eaframe.render.icons.png_bytes` (filter bytes included)."""
    k, idat = 8, b""
    while k < len(data):
        n = int.from_bytes(data[k:k + 4], "big")
        if data[k + 4:k + 8] == b"IDAT":
            idat += data[k + 8:k + 8 + n]
        k += 12 + n
    return zlib.decompress(idat)


def update_icons(check: bool) -> list[str]:
    """Write the PNG icons that differ (or with ``check`` list them); stale files are removed."""
    stale = []
    wanted = set()
    for name in icons.ICONS:
        path = icons.ICON_DIR / icons.icon_png_name(name)
        wanted.add(path.name)
        data = icons.png_bytes(icons.rasterise(name))
        if not path.is_file() or icon_pixels(path.read_bytes()) != icon_pixels(data):
            stale.append(str(path.relative_to(ROOT)))
            if not check:
                icons.ICON_DIR.mkdir(exist_ok=True)
                atomic_write_bytes(path, data)
    for p in sorted(icons.ICON_DIR.glob("*.png")):
        if p.name not in wanted:
            stale.append(f"{p.relative_to(ROOT)} (no longer generated)")
            if not check:
                p.unlink()
    return stale


def svg_size(path: Path) -> tuple[float, float]:
    """Width and height (points) of a Graphviz SVG file."""
    head = path.read_text(encoding="utf-8")[:2000]
    m = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', head)
    if m is None:
        raise SystemExit(f"{path.relative_to(ROOT)}: no width/height in points")
    return float(m.group(1)), float(m.group(2))


def size_section(pics) -> str:
    """The table of picture sizes and label sizes on an A4 landscape page."""
    page_w, page_h = A4_LANDSCAPE_PT
    lines = ["| Picture | Size (pt) | Aspect (w/h) | Scale on A4 landscape | Names | Type badges |",
             "| --- | --- | --- | --- | --- | --- |"]
    for stem, _, _ in pics:
        path = IMG / f"{stem}.svg"
        if stem.startswith("diff.") or not path.is_file():
            continue
        w, h = svg_size(path)
        scale = min(1.0, page_w / w, page_h / h)
        lines.append(f"| `{stem}` | {w:.0f} × {h:.0f} | {w / h:.2f} | {scale:.2f} | {10 * scale:.1f} pt "
                     f"| {7 * scale:.1f} pt |")
    return "\n".join(lines) + "\n"


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
    lines += ["", "| Element family | Graphviz shape, style | Element types (icon) |", "| --- | --- | --- |"]
    for family, st in styles.FAMILY_STYLES.items():
        types = sorted(t for t, f in styles.ELEMENT_FAMILY.items() if f == family)
        if types:
            named = ", ".join(f"{t} ({styles.icon_for(t)})" if styles.icon_for(t) else t for t in types)
            lines.append(f"| {family} | {st['shape']}, {st['style']} | {named} |")
    lines += ["", "| Relationship | Line | Source end | Target end |", "| --- | --- | --- | --- |"]
    for rtype, st in styles.RELATIONSHIP_STYLES.items():
        tail = st.get("arrowtail", "none") if st.get("dir") == "both" else "none"
        head = st.get("arrowhead", "none") if st.get("dir") in ("forward", "both") else "none"
        lines.append(f"| {rtype} | {st['style']} | {tail} | {head} |")
    return "\n".join(lines) + "\n"


def main(check: bool) -> int:
    pics = pictures()
    stale: list[str] = update_icons(check)
    wanted = {"icons.svg"}
    sheet = IMG / "icons.svg"
    if not sheet.is_file() or sheet.read_text(encoding="utf-8") != icon_sheet():
        stale.append(str(sheet.relative_to(ROOT)))
        if not check:
            atomic_write_text(sheet, icon_sheet())
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
        doc = DOC.read_text(encoding="utf-8")
        doc = replace_marked_section(doc, "diagrams", picture_section(pics))
        doc = replace_marked_section(doc, "notation", notation_section())
        doc = replace_marked_section(doc, "a4", size_section(pics))
    except KeyError as err:
        raise SystemExit(f"{DOC.relative_to(ROOT)}: {err.args[0]}") from None
    return update_files({DOC: doc}, check, "python scripts/gen_diagrams.py", ROOT, stale=stale)


if __name__ == "__main__":
    raise SystemExit(main("--check" in sys.argv[1:]))
