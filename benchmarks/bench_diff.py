"""Benchmark of eaframe.diff: two synthetic models differing in 5 % of their concepts.

For n = 1k, 10k, 100k elements (2 n relationships), in a fresh subprocess per size:
build ``a = synthetic_model(n)`` and ``b`` = ``a`` with 5 % of its elements and 5 % of
its relationships edited (renames, attribute/property changes, retypes, removals,
additions, id changes found by rename detection, relationship changes), then time
``eaframe.diff(a, b)`` (wall and CPU, best of several runs; first with the collector
running over the models as a library call leaves it, then with the models frozen out of
the collections) and measure the peak memory it allocates with tracemalloc (a separate,
traced run).

Usage::

    python benchmarks/bench_diff.py                 # print the table
    python benchmarks/bench_diff.py --write-docs    # also update docs/performance.md
    python benchmarks/bench_diff.py --sizes 1000 10000
"""

from __future__ import annotations

import gc
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
    # First with the collector running over the models, as a library call leaves it (the
    # models in the oldest generation, as after the collections of a long-running program),
    # then with the models frozen out of the collections (the table's main figures).
    gc.unfreeze()
    running = []
    for _ in range(runs):
        c0 = time.process_time()
        d = diff(a, b)
        running.append(time.process_time() - c0)
        del d
    gc.collect()
    gc.freeze()
    best = best_cpu = float("inf")
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        d = diff(a, b)
        best_cpu = min(best_cpu, time.process_time() - c0)
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
        "cpu": best_cpu,
        "cpu_running_first": running[0],
        "cpu_running_best": min(running),
        "peak_mb": peak / 2**20,
        "apply_seconds": t_apply,
        "apply_exact": same,
    }


def table(rows: list[dict]) -> str:
    out = ["| elements | relationships | changed concepts | renames found | diff time (s) | diff CPU (s) "
           "| µs per element | CPU, collector running: first / best (s) | peak extra memory (MB) | apply time (s) "
           "| apply exact |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|"]
    for r in rows:
        out.append(f"| {r['n']:,} | {r['relationships']:,} | {r['changes']:,} ({r['share']:.1%}) | {r['renamed']:,} "
                   f"| {r['seconds']:.3f} | {r['cpu']:.3f} | {r['cpu'] / r['n'] * 1e6:.1f} "
                   f"| {r['cpu_running_first']:.3f} / {r['cpu_running_best']:.3f} | {r['peak_mb']:.0f} "
                   f"| {r['apply_seconds']:.2f} | {'yes' if r['apply_exact'] else 'NO'} |")
    if len(rows) > 1:
        first, last = rows[-2], rows[-1]
        out.append(f"\nGrowth {first['n']:,} → {last['n']:,} elements: diff CPU ×{last['cpu'] / first['cpu']:.1f} "
                   f"(×{last['n'] / first['n']:.0f} the model).")
    return "\n".join(out)


def section(text: str, command: str) -> str:
    return (f"`eaframe.diff(a, b)` of two synthetic models (n elements, 2 n relationships) where b has "
            f"{FRACTION:.0%} of the elements and {FRACTION:.0%} of the relationships of a edited "
            "(`edit_data` of tests/edits_support.py). Time (wall) and CPU (`time.process_time`) are the best of "
            "several runs with the two models frozen out of the garbage collector's work (`gc.collect()`, "
            "`gc.freeze()`), µs per element from the CPU time; \"collector running\" is the CPU time of the first "
            "and the best of several runs measured before that, with the models in the collector's oldest "
            "generation, as a library call leaves it; memory is the tracemalloc peak during one diff; apply is "
            "`eaframe.apply(a, d) == b`. Target: ≤ 1.5 s at 100k elements (issue 16), ≤ 1 GB, growth 10k → 100k "
            f"≤ 11×.\n\nCommand: `{command}` — {machine()}\n\n{text}\n")


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
