"""Benchmark: Archi's native ``.archimate`` format — eaframe's reader and writer beside pyArchimate's.

For each size n (elements; 2n relationships) the seeded model
``eaframe.synthetic.synthetic_model(n, SEED)`` is written once as ``.archimate`` by eaframe
(and as exchange XML, for the exchange path's memory); every measurement then runs in a
fresh process (bench_peers.py's ``_run``: peak RSS of that process alone):

* ``write`` — eaframe: ``write_archi`` of the model (built first, not timed); pyArchimate:
  ``Model.write(path.archimate)`` of the model built from the same neutral data
  (bench_peers.py's ``build_pyarchimate``);
* ``read`` — both read eaframe's ``.archimate`` file (eaframe validates the model; pyArchimate
  does not);
* ``exchange read`` / ``exchange write`` — eaframe's exchange-XML path on the same model,
  for the memory target (native peak RSS ≤ the exchange path's).

Times are CPU seconds of the step (``time.process_time`` in the child process): the machine
is shared, so wall time mostly measures the neighbours; ratios are pyArchimate ÷ eaframe
(> 1: eaframe is faster), measured in the same run.

Usage::

    benchmarks/peers-venv.sh                                  # once: .venv-peers with pyArchimate
    .venv-peers/bin/python benchmarks/bench_native.py --sizes 10000,100000 --repeat 3 --write-docs
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import machine, markdown_table, write_doc_section  # noqa: E402
from bench_peers import SEED, _error, _run, build_pyarchimate, neutral_data, unavailable, versions  # noqa: E402

NAME = "native"
STEPS = ("write", "read", "exchange write", "exchange read")
TARGETS = {"read": 4.0, "write": 3.0}


def child(tool: str, step: str, n: int, files: dict) -> dict:
    """One step in this fresh process: CPU seconds and what it made."""
    import gc
    import warnings

    warnings.simplefilter("ignore")
    out: dict = {}
    if tool == "eaframe":
        from eaframe.exchange import read_archi, read_archimate, write_archi, write_archimate
        from eaframe.synthetic import synthetic_model

        if step in ("write", "exchange write"):
            model = synthetic_model(n, SEED)
            gc.collect()
            t = time.process_time()
            if step == "write":
                write_archi(model, files["out"])
            else:
                write_archimate(model, files["out"], layout="grid")
            out["cpu"] = time.process_time() - t
        else:
            t = time.process_time()
            model = read_archi(files["native"]) if step == "read" else read_archimate(files["xml"])
            out["cpu"] = time.process_time() - t
            out["counts"] = [len(model.elements), len(model.relationships)]
    else:
        import logging

        from pyArchimate import Model, log_set_level

        log_set_level(logging.CRITICAL)
        if step == "write":
            pm = build_pyarchimate(json.loads(Path(files["data"]).read_text(encoding="utf-8")))
            gc.collect()
            t = time.process_time()
            pm.write(files["out"])
            out["cpu"] = time.process_time() - t
        else:
            pm = Model()
            t = time.process_time()
            pm.read(files["native"])
            out["cpu"] = time.process_time() - t
            out["counts"] = [len(pm.elems_dict), len(pm.rels_dict)]
    if "counts" in out and out["counts"] != [n, 2 * n]:
        raise SystemExit(f"{tool} {step}: {out['counts']} read, expected [{n}, {2 * n}]")
    return out


def prepare(n: int, tmp: Path) -> dict:
    files = {"native": str(tmp / f"eaframe-{n}.archimate"), "xml": str(tmp / f"eaframe-{n}.xml"),
             "data": str(tmp / f"data-{n}.json"), "out": str(tmp / "out")}
    code, _, _, _, err = _run([sys.executable, __file__, "--prepare", str(n), json.dumps(files)])
    if code != 0:
        raise SystemExit(f"preparing n={n} failed: {_error(err)}")
    return files


def do_prepare(n: int, files: dict) -> None:
    from eaframe.exchange import write_archi, write_archimate
    from eaframe.synthetic import synthetic_model

    model = synthetic_model(n, SEED)
    write_archi(model, files["native"])
    write_archimate(model, files["xml"], layout="grid")
    Path(files["data"]).write_text(json.dumps(neutral_data(n, SEED), ensure_ascii=False), encoding="utf-8")


def run_step(tool: str, step: str, n: int, files: dict) -> dict:
    suffix = ".xml" if step.startswith("exchange") else ".archimate"
    files = {**files, "out": files["out"] + suffix}
    code, wall, mb, out, err = _run([sys.executable, __file__, "--child", tool, step, str(n), json.dumps(files)])
    if code != 0:
        return {"error": _error(err)}
    got = json.loads(out.strip().splitlines()[-1])
    got.update(wall=wall, mb=mb)
    if not step.endswith("read"):
        got["bytes"] = Path(files["out"]).stat().st_size
    return got


def measure(sizes: list[int], repeat: int) -> dict:
    tools = ["eaframe"] + (["pyarchimate"] if unavailable("pyarchimate") is None else [])
    results: dict = {"sizes": sizes, "repeat": repeat, "tools": tools, "versions": versions(tools),
                     "machine": machine(), "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            files = prepare(n, Path(tmp))
            results.setdefault("file_mb", {})[str(n)] = Path(files["native"]).stat().st_size / 1e6
            for _ in range(repeat):  # interleaved, so that load changes hit every tool alike
                for tool in tools:
                    for step in STEPS:
                        if tool != "eaframe" and step.startswith("exchange"):
                            continue
                        got = run_step(tool, step, n, files)
                        results["runs"].setdefault(f"{tool}|{step}|{n}", []).append(got)
                        print(f"n={n} {tool} {step}: {got}", file=sys.stderr)
    return results


def _cell(runs: list[dict]) -> tuple[str, float | None, float | None]:
    ok = [r for r in runs if "cpu" in r]
    if not ok:
        return (runs[0].get("error", "failed") if runs else "–"), None, None
    cpu = statistics.median(r["cpu"] for r in ok)
    mb = max(r["mb"] for r in ok)
    return f"{cpu:.2f} ({mb:.0f})", cpu, mb


def report(results: dict, command: str) -> str:
    tools = results["tools"]
    header = ["elements / relationships", "file MB", "eaframe write s (peak MB)", "eaframe read s (peak MB)",
              "eaframe exchange write s (peak MB)", "eaframe exchange read s (peak MB)"]
    if "pyarchimate" in tools:
        header += ["pyArchimate write s (peak MB)", "pyArchimate read s (peak MB)", "pyArchimate ÷ eaframe write / read"]
    rows = []
    summary = []
    for n in results["sizes"]:
        cells = {}
        for tool in tools:
            for step in STEPS:
                cells[(tool, step)] = _cell(results["runs"].get(f"{tool}|{step}|{n}", []))
        row = [f"{n:,} / {2 * n:,}", f"{results['file_mb'][str(n)]:.1f}"]
        row += [cells[("eaframe", s)][0] for s in STEPS]
        if "pyarchimate" in tools:
            pw, pr = cells[("pyarchimate", "write")][1], cells[("pyarchimate", "read")][1]
            ew, er = cells[("eaframe", "write")][1], cells[("eaframe", "read")][1]
            row += [cells[("pyarchimate", "write")][0], cells[("pyarchimate", "read")][0],
                    (f"{pw / ew:.1f} / {pr / er:.1f}" if pw and pr and ew and er else "–")]
        rows.append(row)
        if n == max(results["sizes"]):
            er, emb = cells[("eaframe", "read")][1], cells[("eaframe", "read")][2]
            ew = cells[("eaframe", "write")][1]
            xmb = cells[("eaframe", "exchange read")][2]
            if er is not None and ew is not None:
                summary.append(f"At {n:,} elements: native read {er:.2f} s CPU (target ≤ {TARGETS['read']:.0f} s), "
                               f"write {ew:.2f} s CPU (target ≤ {TARGETS['write']:.0f} s); peak RSS of the native "
                               f"read {emb:.0f} MB against {xmb:.0f} MB for the exchange read (target: no more).")
    vers = ", ".join(f"{k} {v}" for k, v in results["versions"].items())
    return (f"Command: `{command}` ({results['machine']}; {vers}).\n\n"
            "CPU seconds of the step alone, median of the runs, in a fresh process each (the peak RSS in MB is the "
            "whole process's, largest of the runs). Both tools read the same `.archimate` file, written by eaframe "
            "from `synthetic_model(n, 1)`; pyArchimate writes the model built from the same data. eaframe validates "
            "what it reads (types, references, the ArchiMate 3.2 relationship table); pyArchimate does not.\n\n"
            + markdown_table(header, rows) + "\n" + " ".join(summary) + "\n")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated element counts")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write-docs", action="store_true", help="update the native section of docs/performance.md")
    ap.add_argument("--save", type=Path, help="also save the raw results as JSON")
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    ap.add_argument("--prepare", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        tool, step, n, files = args.child
        print(json.dumps(child(tool, step, int(n), json.loads(files))))
        return
    if args.prepare:
        do_prepare(int(args.prepare[0]), json.loads(args.prepare[1]))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    results = measure(sizes, args.repeat)
    if args.save:
        args.save.write_text(json.dumps(results, indent=1), encoding="utf-8")
    command = f".venv-peers/bin/python benchmarks/bench_native.py --sizes {args.sizes} --repeat {args.repeat}"
    text = report(results, command + (" --write-docs" if args.write_docs else ""))
    print(text)
    if args.write_docs:
        write_doc_section(NAME, text)


if __name__ == "__main__":
    main()
