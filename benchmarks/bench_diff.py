"""Benchmark of eaframe.diff: two synthetic models differing in 5 % of their concepts.

For n = 1k, 10k, 100k elements (2 n relationships), in a fresh subprocess per size:
build ``a = synthetic_model(n)`` and ``b`` = ``a`` with 5 % of its elements and 5 % of
its relationships edited (renames, attribute/property changes, retypes, removals,
additions, id changes found by rename detection, relationship changes), then time
``eaframe.diff(a, b)`` (best of several runs) and measure the peak memory it allocates
with tracemalloc (a separate, traced run).

Usage::

    python benchmarks/bench_diff.py                 # print the table
    python benchmarks/bench_diff.py --write-docs    # also update docs/performance.md
    python benchmarks/bench_diff.py --sizes 1000 10000
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import SIZES, machine, run_isolated, sweep_arguments, write_doc_section  # noqa: E402

NAME = "diff"
FRACTION = 0.05
SEED = 1


def measure(n: int) -> dict:
    from _edited import edited_models

    from eaframe import apply, diff

    a, b = edited_models(n, FRACTION, (SEED,), base_seed=SEED)
    runs = 3 if n <= 10_000 else 2
    best = float("inf")
    d = None
    for _ in range(runs):
        t0 = time.perf_counter()
        d = diff(a, b)
        best = min(best, time.perf_counter() - t0)
        del d
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    d = diff(a, b)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    s = d.summary()
    changed_concepts = sum(sum(s[k].values()) for k in ("elements", "relationships"))
    t0 = time.perf_counter()
    same = apply(a, d) == b
    t_apply = time.perf_counter() - t0
    return {
        "n": n,
        "relationships": len(a.relationships),
        "changes": changed_concepts,
        "renamed": s["elements"]["renamed"],
        "share": changed_concepts / (len(a.elements) + len(a.relationships)),
        "seconds": best,
        "peak_mb": peak / 2**20,
        "apply_seconds": t_apply,
        "apply_exact": same,
    }


def table(rows: list[dict]) -> str:
    out = ["| elements | relationships | changed concepts | renames found | diff time (s) | µs per element "
           "| peak extra memory (MB) | apply time (s) | apply exact |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|:---:|"]
    for r in rows:
        out.append(f"| {r['n']:,} | {r['relationships']:,} | {r['changes']:,} ({r['share']:.1%}) | {r['renamed']:,} "
                   f"| {r['seconds']:.3f} | {r['seconds'] / r['n'] * 1e6:.1f} | {r['peak_mb']:.0f} "
                   f"| {r['apply_seconds']:.2f} | {'yes' if r['apply_exact'] else 'NO'} |")
    return "\n".join(out)


def section(text: str, command: str) -> str:
    return (f"`eaframe.diff(a, b)` of two synthetic models (n elements, 2 n relationships) where b has "
            f"{FRACTION:.0%} of the elements and {FRACTION:.0%} of the relationships of a edited "
            "(`edit_data` of tests/edits_support.py). Time is the best of several runs; memory is the tracemalloc "
            "peak during one diff; apply is `eaframe.apply(a, d) == b`. Target: ≤ 2 s and ≤ 1 GB at 100k "
            f"elements, linear in n.\n\nCommand: `{command}` — {machine()}\n\n{text}\n")


def main() -> None:
    args = sweep_arguments(__doc__, measure)
    if args is None:
        return
    rows = []
    for n in args.sizes:
        rows.append(run_isolated(Path(__file__), str(n)))
        print(f"n={n}: {rows[-1]['seconds']:.3f} s, {rows[-1]['peak_mb']:.0f} MB", file=sys.stderr)
    text = table(rows)
    print(text)
    if args.write_docs:
        cmd = "python benchmarks/bench_diff.py --write-docs" + (
            "" if args.sizes == SIZES else " --sizes " + " ".join(map(str, args.sizes)))
        write_doc_section(NAME, section(text, cmd))


if __name__ == "__main__":
    main()
