"""Time ``eaframe report``: the bundled dongnai-2020 model (the CLI, in a fresh process) and
synthetic models (``write_site`` with checks and scorecard; diagrams of the stored views).

Usage: ``.venv/bin/python benchmarks/bench_report.py [N ...]`` (default N: 1000 10000).
Targets: dongnai-2020 ≤ 10 s, 10,000 elements ≤ 60 s.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main"]


def main(argv: list[str]) -> int:
    import eaframe
    from eaframe.report import write_site

    sizes = [int(a) for a in argv] or [1000, 10000]
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "eaframe", "report", "dongnai-2020", "-o", str(Path(tmp) / "dn")],
                       check=True, capture_output=True)
        dn = time.perf_counter() - t0
        pages = len(list((Path(tmp) / "dn").rglob("*.html")))
        print(f"eaframe report dongnai-2020 (CLI, new process): {dn:.2f} s, {pages} pages")
        for n in sizes:
            m = eaframe.synthetic_model(n, seed=0)
            t0 = time.perf_counter()
            site = write_site(m, Path(tmp) / f"s{n}")
            dt = time.perf_counter() - t0
            size = sum(p.stat().st_size for p in site.folder.rglob("*") if p.is_file()) / 1e6
            print(f"write_site synthetic_model({n}, seed=0): {dt:.2f} s, {site.pages} pages, "
                  f"{site.diagrams} diagrams, {size:.1f} MB ({len(m.relationships)} relationships)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
