"""Benchmark: DOT generation for large models and Graphviz rendering of a 300-element view.

For each size N (default 1k, 10k, 100k elements with 2N relationships, from
``eaframe.synthetic.synthetic_model(N, seed)``), in a fresh subprocess: build the
layered view of the whole model and write its DOT source (timed separately and
together), and the peak RSS of the process. Then render the layered view of a
300-element model (600 relationships) to SVG with Graphviz ``dot``.

Targets: DOT for 100k elements <= 2 s; 300-element view to SVG <= 5 s.

Usage:
    python benchmarks/bench_render.py [--sizes 1000,10000,100000] [--repeat 3] [--write-docs]

With ``--write-docs`` the table replaces the section between ``<!-- bench:render -->``
and ``<!-- /bench:render -->`` in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
SEED = 7
DOT_TARGET_S = 2.0
SVG_TARGET_S = 5.0
SVG_SIZE = 300

_CHILD = r"""
import gc, json, resource, sys, time
from eaframe.synthetic import synthetic_model
from eaframe.render.views import layered
from eaframe.render.dot import to_dot
n, seed, repeat = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
model = synthetic_model(n, seed=seed)
best = None
for _ in range(repeat):
    gc.collect()
    t0 = time.perf_counter()
    view = layered(model)
    t1 = time.perf_counter()
    src = to_dot(view, lang="vi")
    t2 = time.perf_counter()
    row = (t2 - t0, t1 - t0, t2 - t1)
    best = row if best is None or row[0] < best[0] else best
    del view
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"n": n, "total": best[0], "view": best[1], "dot": best[2],
                  "mb": len(src.encode("utf-8")) / 1e6, "rss": rss}))
"""

_SVG_CHILD = r"""
import json, sys, time
from eaframe.synthetic import synthetic_model
from eaframe.render.views import layered
from eaframe.render.dot import to_dot
from eaframe.render.output import render_dot
n, seed, repeat = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
view = layered(synthetic_model(n, seed=seed))
best = None
for _ in range(repeat):
    t0 = time.perf_counter()
    svg = render_dot(to_dot(view), "svg")
    t = time.perf_counter() - t0
    best = t if best is None or t < best else best
print(json.dumps({"n": n, "rels": len(view.relationships), "svg": best, "kb": len(svg) / 1e3}))
"""


def _child(code: str, *args) -> dict:
    r = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def _dot_version() -> str:
    if shutil.which("dot") is None:
        return "not installed"
    r = subprocess.run(["dot", "-V"], capture_output=True, text=True)
    return (r.stderr or r.stdout).strip()


def run(sizes: list[int], repeat: int) -> str:
    rows = [_child(_CHILD, n, SEED, repeat) for n in sizes]
    lines = [
        "| elements | relationships | view (s) | DOT (s) | view + DOT (s) | DOT size (MB) | peak RSS (MB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(f"| {r['n']:,} | {2 * r['n']:,} | {r['view']:.3f} | {r['dot']:.3f} | {r['total']:.3f} | "
                     f"{r['mb']:.1f} | {r['rss']:.0f} |")
    big = max(rows, key=lambda r: r["n"])
    verdict = [f"DOT generation at {big['n']:,} elements: {big['total']:.2f} s "
               f"(target <= {DOT_TARGET_S:.0f} s: {'met' if big['total'] <= DOT_TARGET_S else 'NOT met'})."]
    if len(rows) >= 2:
        a, b = rows[-2], rows[-1]
        verdict.append(f"Growth {a['n']:,} → {b['n']:,} elements: ×{b['total'] / a['total']:.1f} "
                       f"for ×{b['n'] / a['n']:.0f} the size.")
    lines.append("")
    if shutil.which("dot"):
        s = _child(_SVG_CHILD, SVG_SIZE, SEED, repeat)
        lines.append("| view | elements | relationships | SVG render (s) | SVG size (kB) |")
        lines.append("| --- | ---: | ---: | ---: | ---: |")
        lines.append(f"| layered, synthetic | {s['n']} | {s['rels']} | {s['svg']:.2f} | {s['kb']:.0f} |")
        lines.append("")
        verdict.append(f"{SVG_SIZE}-element view to SVG: {s['svg']:.2f} s "
                       f"(target <= {SVG_TARGET_S:.0f} s: {'met' if s['svg'] <= SVG_TARGET_S else 'NOT met'}).")
    else:
        verdict.append("SVG rendering not measured: Graphviz dot is not installed.")
    lines += verdict
    lines.append("")
    lines.append(f"Python {platform.python_version()}, {_dot_version()}, best of {repeat} runs, "
                 f"seed {SEED}; peak RSS includes building the model.")
    return "\n".join(lines) + "\n"


def write_docs(table: str, command: str) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _report import PERF_DOC, write_doc_section

    write_doc_section("render", f"Command: `{command}`\n\n{table}")
    return PERF_DOC


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000,100000")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--write-docs", action="store_true")
    args = p.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x]
    table = run(sizes, args.repeat)
    print(table, end="")
    if args.write_docs:
        cmd = "python benchmarks/bench_render.py" + (f" --sizes {args.sizes}" if args.sizes != "1000,10000,100000" else "") \
            + (f" --repeat {args.repeat}" if args.repeat != 3 else "") + " --write-docs"
        print(f"wrote {write_docs(table, cmd)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
