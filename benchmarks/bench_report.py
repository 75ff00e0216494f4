"""Time ``eaframe report``: the bundled dongnai-2020 model (the CLI, in a fresh process),
synthetic models of growing size (``write_site`` with checks and scorecard; diagrams of
the stored views), and the largest site in headless Chromium (index page load, search).

Usage: ``.venv/bin/python benchmarks/bench_report.py [--no-browser] [N ...]``
(default N: 2500 5000 10000). Prints a Markdown table (docs/performance.md, "Report site").

Targets: dongnai-2020 ≤ 10 s; 10,000 elements ≤ 60 s, pages written in linear time
(pages per CPU second about constant); the 10,000-element site browsable: its index page
loads and a search shows its results in ≤ 2 s each.

The machine may be shared: wall times are noisy, so the CPU time of the process that
does the work is given beside them (``time.process_time`` plus the finished child
processes' ``resource.getrusage(RUSAGE_CHILDREN)``: the CLI process and Graphviz ``dot``),
and the linearity is judged on CPU time.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main", "browse"]


def _size(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def _children_cpu() -> float:
    """CPU seconds of the finished child processes (the CLI run, Graphviz ``dot``)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _cli(tmp: Path) -> tuple[float, float, int]:
    """``eaframe report dongnai-2020`` in a new process: wall s, CPU s (with Graphviz), pages."""
    c0 = _children_cpu()
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "eaframe", "report", "dongnai-2020", "-o", str(tmp / "dn")],
                   check=True, capture_output=True)
    wall = time.perf_counter() - t0
    return wall, _children_cpu() - c0, len(list((tmp / "dn").rglob("*.html")))


def browse(site: Path, query: str) -> dict[str, float]:
    """Open ``site``'s index page in headless Chromium and search for ``query``: seconds
    to the ``load`` event (page, style sheet, scripts and the search index), and from
    typing the query to the results shown (median of 5 runs of each)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("error: Chromium not found; install it (Debian: apt-get install chromium) or use --no-browser")
    loads, searches, hits = [], [], 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(5):
            page = browser.new_page()
            t0 = time.perf_counter()
            page.goto((site / "index.html").as_uri(), wait_until="load")
            loads.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            page.fill("#search", query)
            page.wait_for_selector("#search-results li a", state="visible")
            searches.append(time.perf_counter() - t0)
            hits = page.locator("#search-results li").count()
            page.close()
        browser.close()
    return {"load": sorted(loads)[2], "search": sorted(searches)[2], "hits": hits}


def main(argv: list[str]) -> int:
    import argparse

    import eaframe
    from eaframe.report import write_site

    ap = argparse.ArgumentParser(description="Time eaframe report on dongnai-2020 and on synthetic models, and "
                                             "load the largest site in headless Chromium.")
    ap.add_argument("sizes", type=int, nargs="*", default=[2500, 5000, 10000],
                    help="element counts of the synthetic models (default 2500 5000 10000)")
    ap.add_argument("--no-browser", action="store_true", help="skip the headless Chromium measurement")
    args = ap.parse_args(argv)
    browser, sizes = not args.no_browser, args.sizes
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        wall, cpu, pages = _cli(Path(tmp))
        rows.append(("`eaframe report dongnai-2020` (CLI, new process)", wall, cpu, pages, _size(Path(tmp) / "dn")))
        print(f"eaframe report dongnai-2020: {wall:.2f} s wall, {cpu:.2f} s CPU, {pages} pages", file=sys.stderr)
        last = None
        for n in sizes:
            m = eaframe.synthetic_model(n, seed=0)
            t0, c0 = time.perf_counter(), time.process_time() + _children_cpu()
            site = write_site(m, Path(tmp) / f"s{n}")
            wall, cpu = time.perf_counter() - t0, time.process_time() + _children_cpu() - c0
            rows.append((f"`synthetic_model({n}, seed=0)` ({len(m.relationships)} relationships)", wall, cpu,
                         site.pages, _size(site.folder)))
            print(f"synthetic_model({n}): {wall:.2f} s wall, {cpu:.2f} s CPU, {site.pages} pages", file=sys.stderr)
            last = (m, site.folder)
        print("| model | wall s | CPU s | pages | pages per CPU s | site MB |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for label, wall, cpu, pages, size in rows:
            print(f"| {label} | {wall:.1f} | {cpu:.1f} | {pages:,} | {pages / cpu:,.0f} | {size:.1f} |")
        if browser and last is not None:
            m, folder = last
            name = m.elements[-1].name.get("vi", fallback=True) or m.elements[-1].id
            query = eaframe.report.fold(name)
            b = browse(folder, query)
            print()
            print(f"Site of {len(m.elements):,} elements in headless Chromium (median of 5): index page loaded in "
                  f"{b['load']:.2f} s; search for {query!r} showed {int(b['hits'])} results in {b['search']:.2f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
