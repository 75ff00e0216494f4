"""Benchmark of eaframe.merge.merge3: three-way merge with 1 % of the concepts changed on each side.

For n = 1k, 10k, 100k elements (2 n relationships), in a fresh subprocess per size:
``base = synthetic_model(n)``, ``ours`` and ``theirs`` = ``base`` with 1 % of its
elements and 1 % of its relationships edited by two different random edit runs
(``edit_data`` of tests/edits_support.py; theirs leaves the metadata alone), then time
``merge3(base, ours, theirs)`` (best of several runs) and measure the peak memory it
allocates with tracemalloc (a separate, traced run).

Usage::

    python benchmarks/bench_merge.py                 # print the table
    python benchmarks/bench_merge.py --write-docs    # also update docs/performance.md
    python benchmarks/bench_merge.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import machine, run_isolated, write_doc_section  # noqa: E402

NAME = "merge"
FRACTION = 0.01
SEED = 1
SIZES = [1_000, 10_000, 100_000]


def measure(n: int) -> dict:
    from edits_support import edit_data  # tests/edits_support.py, put on sys.path by _report

    from eaframe._gc import set_bulk_gc_pause
    from eaframe.merge import merge3
    from eaframe.model import ArchitectureModel
    from eaframe.modelfile import no_gc
    from eaframe.synthetic import synthetic_data

    data = synthetic_data(n, seed=SEED)
    theirs_data = edit_data(data, FRACTION, seed=SEED + 2)
    theirs_data["metadata"] = data["metadata"]
    with no_gc():
        base = ArchitectureModel.model_validate(data)
        ours = ArchitectureModel.model_validate(edit_data(data, FRACTION, seed=SEED + 1))
        theirs = ArchitectureModel.model_validate(theirs_data)
    del data, theirs_data
    gc.collect()  # settle the collector's debt from building the models (see bench_diff.py)
    gc.freeze()
    set_bulk_gc_pause(True)  # as the eaframe command runs it (the library leaves the collector alone by default)
    runs = 3 if n <= 10_000 else 2
    best = float("inf")
    r = None
    for _ in range(runs):
        t0 = time.perf_counter()
        r = merge3(base, ours, theirs)
        best = min(best, time.perf_counter() - t0)
    assert r is not None
    tracemalloc.start()
    start = tracemalloc.get_traced_memory()[0]
    merge3(base, ours, theirs)
    peak = tracemalloc.get_traced_memory()[1] - start
    tracemalloc.stop()
    return {"n": n, "relationships": len(base.relationships), "conflicts": len(r.conflicts),
            "seconds": best, "peak_mb": peak / 2**20}


def table(rows: list[dict]) -> str:
    out = ["| elements | relationships | conflicts | merge time (s) | µs per element | peak extra memory (MB) |",
           "|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        out.append(f"| {r['n']:,} | {r['relationships']:,} | {r['conflicts']:,} | {r['seconds']:.3f} "
                   f"| {r['seconds'] / r['n'] * 1e6:.1f} | {r['peak_mb']:.0f} |")
    return "\n".join(out)


def section(text: str, command: str) -> str:
    return ("`eaframe.merge.merge3(base, ours, theirs)` of a synthetic model (n elements, 2 n relationships) and "
            f"two edits of it, each changing {FRACTION:.0%} of the elements and {FRACTION:.0%} of the relationships "
            "(`edit_data` of tests/edits_support.py, different seeds; the conflicts are where both edits touched "
            "the same field or the one view). Time is the best of several runs; memory is the tracemalloc peak "
            f"during one merge; the garbage collector paused during the merge as the `eaframe` command does. Target: ≤ 5 s at 100k elements, linear in n.\n\nCommand: `{command}` — {machine()}"
            f"\n\n{text}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--write-docs", action="store_true", help="replace the merge section of docs/performance.md")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    rows = []
    for n in args.sizes:
        rows.append(run_isolated(Path(__file__), str(n)))
        print(f"n={n}: {rows[-1]['seconds']:.3f} s, {rows[-1]['peak_mb']:.0f} MB", file=sys.stderr)
    text = table(rows)
    print(text)
    if args.write_docs:
        cmd = "python benchmarks/bench_merge.py --write-docs" + (
            "" if args.sizes == SIZES else " --sizes " + " ".join(map(str, args.sizes)))
        write_doc_section(NAME, section(text, cmd))


if __name__ == "__main__":
    main()
