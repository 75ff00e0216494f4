"""Benchmark of the national roll-up: ``eaframe check F1 … F34 --summary`` over 34 provinces.

34 synthetic provinces (``eaframe.synthetic.synthetic_model(n, seed)``, ``n`` elements
and 2n relationships each, ``metadata.province`` set) are written once to JSON model
files in a temporary folder. Then, each in a fresh process, the whole command
``eaframe check F1 … F34 --summary`` is timed (wall-clock, CPU of the process, peak
RSS) for each output format, and the Python function :func:`eaframe.checks.rollup.rollup`
over the same files (which includes reading them).

Usage: python benchmarks/bench_rollup.py [--provinces 34] [--elements 2000] [--repeat 3] [--write-docs]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import machine, markdown_table, peak_rss_mb, run_isolated, timer, write_doc_section  # noqa: E402

NAME = "rollup"
TARGET_S = 30.0
TARGETS = f"34 provinces × 2,000 elements: the whole command ≤ {TARGET_S:g} s"
FORMATS = ("text", "json", "csv", "html")


def write_provinces(folder: Path, provinces: int, elements: int) -> list[Path]:
    """Write the synthetic province models as JSON files; return their paths."""
    from eaframe.modelfile import save
    from eaframe.synthetic import synthetic_model

    paths = []
    for i in range(provinces):
        m = synthetic_model(elements, seed=i)
        m.metadata.province = {"vi": f"Tỉnh thử nghiệm {i + 1:02d}", "en": f"Synthetic province {i + 1:02d}"}
        path = folder / f"province-{i + 1:02d}.json"
        save(m, path)
        paths.append(path)
    return paths


def _within(seconds: float) -> str:
    return "yes" if seconds <= TARGET_S else "NO"


def _eaframe() -> list[str]:
    script = Path(sys.executable).parent / "eaframe"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "eaframe"]


def time_command(argv: list[str]) -> tuple[float, float, float, int]:
    """Wall-clock s, CPU s and peak RSS MB of one run of ``argv`` in a fresh process, and its exit status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          env=dict(os.environ, PYTHONDONTWRITEBYTECODE=""))
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv[:3])} …: exit status {proc.returncode}")
    return wall, cpu, after.ru_maxrss / 1024, proc.returncode


def child(paths: list[str]) -> None:
    """In a fresh interpreter: time :func:`rollup` over the files, then each output format."""
    from eaframe.checks.rollup import rollup

    res: dict = {}
    t0 = time.process_time()
    with timer(res, "rollup_s"):
        r = rollup(paths)
    res["rollup_cpu_s"] = time.process_time() - t0
    for fmt in FORMATS:
        with timer(res, f"{fmt}_s"):
            {"text": r.to_text, "json": r.to_json, "csv": r.to_csv, "html": r.to_html}[fmt]()
    t = r.totals()
    res.update(rss_mb=peak_rss_mb(), findings=sum(t["counts"].values()), rules=len(r.rule_ids()),
               failed=t["failed"])
    print(json.dumps(res))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--provinces", type=int, default=34)
    ap.add_argument("--elements", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each command (the median is reported)")
    ap.add_argument("--write-docs", action="store_true", help="update the table in docs/performance.md")
    ap.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        child(args.child)
        return
    with tempfile.TemporaryDirectory(prefix="eaframe-bench-rollup-") as tmp:
        t0 = time.perf_counter()
        paths = write_provinces(Path(tmp), args.provinces, args.elements)
        gen_s = time.perf_counter() - t0
        size_mb = sum(p.stat().st_size for p in paths) / 1e6
        rows = []
        for fmt in FORMATS:
            runs = [time_command([*_eaframe(), "check", *map(str, paths), "--summary", "--format", fmt])
                    for _ in range(args.repeat)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            rss = max(r[2] for r in runs)
            rows.append([f"`eaframe check F1 … F{args.provinces} --summary --format {fmt}`", f"{wall:.2f}",
                         f"{cpu:.2f}", f"{rss:.0f}", _within(wall), _within(cpu)])
            print(f"command --format {fmt}: {wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.0f} MB", file=sys.stderr)
        res = run_isolated(Path(__file__), *map(str, paths))
        fmts = ", ".join(f"{f} {res[f + '_s']:.2f} s" for f in FORMATS)
        rows.append([f"`rollup([F1, …, F{args.provinces}])` (Python, reads the files)", f"{res['rollup_s']:.2f}",
                     f"{res['rollup_cpu_s']:.2f}", f"{res['rss_mb']:.0f}", _within(res["rollup_s"]),
                     _within(res["rollup_cpu_s"])])
    load = os.getloadavg()[0]
    table = markdown_table(["run", "wall s (median)", "CPU s", "peak RSS MB", f"wall ≤ {TARGET_S:g} s",
                            f"CPU ≤ {TARGET_S:g} s"], rows)
    body = (f"Command: `python benchmarks/bench_rollup.py --provinces {args.provinces} --elements {args.elements} "
            f"--repeat {args.repeat} --write-docs` ({machine()}).\n\nTargets: {TARGETS}.\n\n{table}\n"
            f"{args.provinces} synthetic provinces × {args.elements:,} elements and {2 * args.elements:,} "
            f"relationships each, written once as JSON model files ({size_mb:.1f} MB in all, {gen_s:.1f} s to "
            f"generate, not timed); every rule ran ({res['rules']} rules, {res['findings']:,} findings in all) with "
            f"the scorecard. The command times are of the whole process (start-up, reading and checking every "
            f"file, the table); writing the table from the roll-up in memory took {fmts}. The machine is shared "
            f"(load average {load:.1f} on {os.cpu_count()} cores at the end of the run), so wall-clock times are "
            f"those of a busy machine; the CPU time is what the run itself costs, and what its wall-clock time "
            f"is on an idle core.\n")
    print(body)
    if args.write_docs:
        write_doc_section(NAME, body)


if __name__ == "__main__":
    main()
