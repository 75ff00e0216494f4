"""Scaling of the checks: CPU time per element of all rules from 10k to 200k elements.

Complements ``bench_checks.py``: one process, each model frozen out of the garbage
collector's reach before timing, best of 2 runs, CPU time. A quadratic rule would double
the time per element at each doubling of the model.

Usage: python benchmarks/bench_checks_scaling.py [--sizes 10000,50000,100000,200000]
"""

from __future__ import annotations

import argparse
import gc
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,50000,100000,200000")
    a = ap.parse_args()

    import eaframe
    from eaframe.checks import run_checks

    fw = eaframe.load("vn-province-2.0")
    print("| elements | relationships | all rules, CPU s (best of 2) | µs per element |")
    print("| ---: | ---: | ---: | ---: |")
    for n in [int(x) for x in a.sizes.split(",")]:
        m = eaframe.synthetic_model(n, seed=3)
        gc.collect()
        gc.freeze()
        best = float("inf")
        for _ in range(2):
            t = time.process_time()
            run_checks(m, framework_model=fw)
            best = min(best, time.process_time() - t)
        print(f"| {n:,} | {2 * n:,} | {best:.2f} | {best / n * 1e6:.1f} |", flush=True)
        gc.unfreeze()
        del m
        gc.collect()


if __name__ == "__main__":
    main()
