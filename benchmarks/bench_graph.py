"""Benchmark of `to_graph` with the garbage collector running and paused, and its full collections.

Each size runs in a fresh interpreter: ``synthetic_model(n, seed=42)`` is saved to JSON and
loaded back (as in bench_core.py), then ``to_graph`` is called ten times, alternately with
the collector running (as a library call leaves it) and paused with ``gc.disable()`` (the
benchmark's choice; the library never pauses it). Before each call ``gc.collect()``
settles what earlier work left to collect, so each call pays the collections that its own
objects set off; these full (generation 2) collections are counted and timed with
``gc.callbacks``. Times are CPU seconds of the process (``time.process_time``), medians
of five calls.

Usage: python benchmarks/bench_graph.py [--sizes 10000,100000] [--write-docs]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import machine, markdown_table, run_isolated, sweep_arguments, write_doc_section  # noqa: E402

CALLS = 5


def child(n: int) -> dict:
    import gc
    import statistics
    import tempfile
    import time

    import eaframe

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.json"
        eaframe.save(eaframe.synthetic_model(n, seed=42), path)
        model = eaframe.load(path)
    gc.collect()
    tracked_model = len(gc.get_objects())
    full = {"count": 0, "cpu": 0.0, "start": 0.0}

    def count(phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            full["start"] = time.process_time()
        else:
            full["count"] += 1
            full["cpu"] += time.process_time() - full["start"]

    gc.callbacks.append(count)
    on, off, counts, full_cpu = [], [], [], []
    tracked_graph = 0
    for _ in range(CALLS):
        for paused in (False, True):
            gc.collect()
            full.update(count=0, cpu=0.0)
            if paused:
                gc.disable()
            cpu = time.process_time()
            G = eaframe.to_graph(model)
            spent = time.process_time() - cpu
            gc.enable()
            if paused:
                off.append(spent)
            else:
                on.append(spent)
                counts.append(full["count"])
                full_cpu.append(full["cpu"])
                tracked_graph = len(gc.get_objects())
            del G
    gc.callbacks.remove(count)
    return {"n": n, "on": statistics.median(on), "off": statistics.median(off), "full": counts,
            "full_cpu": statistics.median(full_cpu), "tracked_model": tracked_model, "tracked_graph": tracked_graph}


def main() -> None:
    a = sweep_arguments(__doc__, child, sizes=[10_000, 100_000])
    if a is None:
        return
    import os

    load = os.getloadavg()[0]
    rows, results = [], {}
    for n in a.sizes:
        r = results[n] = run_isolated(Path(__file__), str(n))
        rows.append([f"{n:,}", f"{r['on']:.3f}", " ".join(map(str, r["full"])), f"{r['full_cpu']:.3f}",
                     f"{r['off']:.3f}", f"{r['tracked_model'] / 1e6:.2f} → {r['tracked_graph'] / 1e6:.2f}"])
        print(f"N={n}: done", file=sys.stderr)
    table = markdown_table(["elements", "collector on: CPU s", "full collections per call",
                            "their CPU s (median)", "collector paused: CPU s", "tracked objects, model → with graph (M)"],
                           rows)
    ns = sorted(results)
    notes = [f"{lo:,}→{hi:,}: ×{results[hi]['on'] / max(results[lo]['on'], 1e-9):.1f} with the collector on, "
             f"×{results[hi]['off'] / max(results[lo]['off'], 1e-9):.1f} paused, for ×{hi // lo} elements"
             for lo, hi in zip(ns, ns[1:], strict=False)]
    sizes = ",".join(map(str, a.sizes))
    body = (f"Command: `python benchmarks/bench_graph.py --sizes {sizes} --write-docs` ({machine()}; load average "
            f"{load:.1f} when it started).\n\n{table}\n"
            + ("Growth: " + "; ".join(notes) + ".\n" if notes else ""))
    print(body)
    if a.write_docs:
        write_doc_section("graph", body)


if __name__ == "__main__":
    main()
