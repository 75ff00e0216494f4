"""Benchmark: CPU time of reading exchange XML, Archi files and model JSON, with the collector on and off, before/after.

Each measurement is one fresh process that reads (or writes) one file and reports the
CPU seconds of that step alone (``time.process_time``) and its peak RSS. Runs alternate
between the checkouts given and between the garbage collector running (the library's
default: it never pauses the collector) and disabled (``gc.disable()`` in the child, what
the ``eaframe`` command does for its own run), so that load on a shared machine hits
them alike; the table gives the median and range of each.

``--before DIR`` measures a second checkout too, e.g. the commit before a change::

    git archive main eaframe | tar -x -C /tmp/before
    python benchmarks/bench_read_gc.py --before /tmp/before --n 100000 --repeat 3

The files are ``synthetic_model(n, seed=1)`` written as exchange XML, as ``.archimate``
and as model JSON (``eaframe.save``) into a temporary folder (or ``--files DIR`` to reuse
them; a missing one is written there). Each checkout is imported
from its folder ahead of the installed (editable) eaframe.
"""

from __future__ import annotations

import argparse
import json
import os
import site
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = ("exchange-read", "native-read", "native-write", "json-load")

CHILD = r"""
import sys
sys.path[:0] = [sys.argv[4], *sys.argv[5].split(":")]
import gc, json, os, resource, time, warnings
warnings.simplefilter("ignore")
step, path, gcmode = sys.argv[1:4]
import eaframe
from eaframe.exchange import read_archimate, read_archi, write_archi
if step == "native-write":
    model = read_archi(path)
    gc.collect()
if gcmode == "off":
    gc.disable()
t = time.process_time()
if step == "exchange-read":
    model = read_archimate(path)
elif step == "native-read":
    model = read_archi(path)
elif step == "json-load":
    model = eaframe.load(path)
else:
    write_archi(model, path + f".{os.getpid()}.out")
cpu = time.process_time() - t
if step == "native-write":
    os.remove(path + f".{os.getpid()}.out")
print(json.dumps({"cpu": cpu, "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "module": eaframe.__file__}))
"""


def _run(step: str, path: str, gcmode: str, checkout: str) -> dict:
    paths = ":".join(site.getsitepackages())
    # -S: no site processing, so that the editable install's finder does not shadow the checkout
    out = subprocess.run([sys.executable, "-S", "-c", CHILD, step, path, gcmode, checkout, paths],
                         capture_output=True, text=True, timeout=1800, check=False)
    if out.returncode:
        raise SystemExit(f"{step} ({checkout}) failed:\n{out.stderr[-3000:]}")
    got = json.loads(out.stdout.strip().splitlines()[-1])
    if not got["module"].startswith(checkout):
        raise SystemExit(f"imported {got['module']}, not the checkout {checkout}")
    return got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="elements (2n relationships)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--steps", default=",".join(STEPS), help=f"comma-separated, of {', '.join(STEPS)}")
    ap.add_argument("--before", type=Path, help="a second checkout (a folder holding eaframe/) to compare")
    ap.add_argument("--files", type=Path, help="folder with synthetic.xml and synthetic.archimate to reuse")
    args = ap.parse_args()
    checkouts = [("after", str(ROOT))] + ([("before", str(args.before.resolve()))] if args.before else [])
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.files or Path(tmp)
        xml, archi, js = folder / "synthetic.xml", folder / "synthetic.archimate", folder / "synthetic.json"
        if not xml.exists() or not archi.exists() or not js.exists():
            sys.path.insert(0, str(ROOT))
            import eaframe
            from eaframe.exchange import write_archi, write_archimate
            from eaframe.synthetic import synthetic_model

            model = synthetic_model(args.n, 1)
            if not xml.exists():
                write_archimate(model, xml, layout="grid")
            if not archi.exists():
                write_archi(model, archi)
            if not js.exists():
                eaframe.save(model, js)
            del model
        results: dict[tuple[str, str, str], list[dict]] = {}
        for _ in range(args.repeat):
            for step in args.steps.split(","):
                for gcmode in ("on", "off"):
                    for who, checkout in checkouts:
                        path = str({"exchange-read": xml, "json-load": js}.get(step, archi))
                        results.setdefault((step, who, gcmode), []).append(_run(step, path, gcmode, checkout))
    print(f"CPU seconds, fresh process each, n = {args.n:,} elements / {2 * args.n:,} relationships, "
          f"{args.repeat} runs (Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)\n")
    print("| step | checkout | collector | CPU s median (min–max) | peak RSS MB |")
    print("| --- | --- | --- | ---: | ---: |")
    for (step, who, gcmode), runs in results.items():
        cpu = [r["cpu"] for r in runs]
        print(f"| {step} | {who} | {gcmode} | {statistics.median(cpu):.2f} ({min(cpu):.2f}–{max(cpu):.2f}) | "
              f"{max(r['mb'] for r in runs):.0f} |")


if __name__ == "__main__":
    main()
