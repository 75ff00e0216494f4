"""Regenerate the compact relationship-validity encoding in ``eaframe/validity.py``.

Reads an ArchiMate 3.2 relationship table in Archi's ``relationships.xml`` format and
prints the ``_PALETTE`` and ``_ROWS`` literals. Run it only when the ArchiMate
specification changes; ``tests/test_validity.py`` checks the committed encoding
against ``../shared/archimate/relationships.xml`` for every combination.

Usage: python scripts/gen_validity_table.py ../shared/archimate/relationships.xml
"""

import sys
import xml.etree.ElementTree as ET


def main(path: str) -> None:
    root = ET.parse(path).getroot()
    concepts = [s.get("concept") for s in root.iter("source")]
    cells = {}
    for s in root.iter("source"):
        cells[s.get("concept")] = {t.get("concept"): "".join(sorted(t.get("relations", ""))) for t in s.iter("target")}
    palette = sorted({v for row in cells.values() for v in row.values()}, key=lambda v: (len(v), v))
    chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-/:;<=>?@^_{|}~"
    assert len(palette) <= len(chars)
    print("_PALETTE = (")
    for i in range(0, len(palette), 8):
        print("    " + " ".join(f'"{p}",' for p in palette[i : i + 8]))
    print(")")
    print("_ROWS = {")
    for c in concepts:
        row = "".join(chars[palette.index(cells[c][t])] for t in concepts)
        print(f'    "{c}": "{row}",')
    print("}")


if __name__ == "__main__":
    main(sys.argv[1])
