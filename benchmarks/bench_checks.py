"""Benchmark of the checks: every rule, the scorecard and the report formats on synthetic models.

The synthetic model of ``eaframe.synthetic.synthetic_data(n, seed)`` (n elements, 2n
relationships) is given what the e-government rules look at: ``scope`` on application
and technology elements (85 % provincial), a handful of elements implementing the
catalogue blocks (LGSP, NGSP, portal, one-stop EIS, document management, SOC, SSO, data
centre, TSLCD), 10 % of the components implementing a sector block, and a framework
model with those blocks mandatory for the conformance rules. Each size runs in a fresh
interpreter so that peak memory is that of the run alone, and the run with the `eaframe`
command's collector pause in another fresh interpreter (``--child -N``).

Usage: python benchmarks/bench_checks.py [--sizes 1000,10000,100000] [--write-docs]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import (  # noqa: E402
    machine,
    markdown_table,
    peak_rss_mb,
    run_isolated,
    sweep_arguments,
    timer,
    write_doc_section,
)

TARGETS = ("at N = 100k (200k relationships): all rules ≤ 5 s with the collector running, and back toward the 2.2 s "
           "of the English-only findings with the `eaframe` command's pause; 10k→100k within 11×")

BLOCKS = {
    "ApplicationComponent": ["prov.lgsp", "ext.ngsp", "prov.public_service_portal", "prov.one_stop_eis",
                             "prov.document_mgmt", "sec.soc", "ext.national_public_service_portal",
                             "prov.reporting_system"],
    "ApplicationService": ["prov.sso"],
    "Node": ["prov.data_centre", "prov.cloud"],
    "CommunicationNetwork": ["net.tslcd"],
}
NATIONAL = {"ext.ngsp", "ext.national_public_service_portal"}


def enriched(n: int, seed: int = 42):
    """The synthetic model with scope and building blocks, and its framework model."""
    import random

    from eaframe.model import ArchitectureModel
    from eaframe.modelfile import no_gc
    from eaframe.synthetic import synthetic_data

    rng = random.Random(seed)
    data = synthetic_data(n, seed)
    todo = {t: list(ids) for t, ids in BLOCKS.items()}
    for e in data["elements"]:
        t = e["type"]
        if t in ("ApplicationComponent", "ApplicationService", "ApplicationInterface", "DataObject", "Node",
                 "SystemSoftware", "TechnologyService", "CommunicationNetwork", "Device", "Artifact"):
            e["scope"] = "provincial" if rng.random() < 0.85 else "national"
        if todo.get(t):
            block = todo[t].pop(0)
            e["implements"] = block
            e["scope"] = "national" if block in NATIONAL else "provincial"
        elif t == "ApplicationComponent" and rng.random() < 0.1:
            e["implements"] = "prov.sector_apps" if rng.random() < 0.9 else "prov.sector_app"
    data["metadata"]["realises"] = "bench-framework"
    data["metadata"]["province"] = {"en": "Synthetic province"}
    blocks = [b for ids in BLOCKS.values() for b in ids] + ["prov.sector_apps"]
    types = {b: t for t, ids in BLOCKS.items() for b in ids} | {"prov.sector_apps": "ApplicationComponent"}
    framework = {
        "metadata": {"title": {"en": "Benchmark framework"}, "framework_version": "2.0"},
        "elements": [{"id": b, "type": types[b], "mandatory": True} for b in blocks],
        "relationships": [
            {"id": "fw1", "type": "Flow", "source": "prov.lgsp", "target": "ext.ngsp"},
            {"id": "fw2", "type": "Flow", "source": "prov.public_service_portal", "target": "prov.one_stop_eis"},
            {"id": "fw3", "type": "Serving", "source": "prov.data_centre", "target": "prov.lgsp"},
            {"id": "fw4", "type": "Flow", "source": "prov.sector_apps", "target": "prov.lgsp"},
        ],
    }
    with no_gc():
        return ArchitectureModel.model_validate(data), ArchitectureModel.model_validate(framework)


def child(n: int) -> dict:
    import gc

    from eaframe.checks import run_checks

    r: dict = {"n": n}
    with timer(r, "build"):
        model, framework = enriched(n)
        gc.collect()
    import time

    full = []  # the full (oldest-generation) collections during the run

    def count(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    gc.callbacks.append(count)
    cpu = time.process_time()
    with timer(r, "checks"):
        report = run_checks(model, framework_model=framework)
    r["checks_cpu"] = time.process_time() - cpu
    gc.callbacks.remove(count)
    r["full_collections"] = len(full)
    with timer(r, "scorecard"):
        run_checks(model, framework_model=framework, select=["EGOV-R1"], scorecard=True)
    with tempfile.TemporaryDirectory() as folder:
        # the reports written to files a part at a time, as `eaframe check -o FILE` does
        with timer(r, "json_file"), open(Path(folder) / "r.json", "w", encoding="utf-8") as f:
            report.write_json(f)
        with timer(r, "sarif_file"), open(Path(folder) / "r.sarif", "w", encoding="utf-8") as f:
            report.write_sarif(f)
    r["peak_mb"] = peak_rss_mb()
    # then the whole texts made in memory (to_json / to_sarif_json), one at a time
    with timer(r, "json"):
        text = report.to_json()
    del text
    with timer(r, "sarif"):
        text = report.to_sarif_json()
    r["text_mb"] = sys.getsizeof(text) / 2**20
    del text
    r["peak_texts_mb"] = peak_rss_mb()
    r["rules"] = len(report.rules)
    r["findings"] = len(report.findings)
    return r


def child_paused(n: int) -> dict:
    """The run alone as the `eaframe` command makes it, with the collector paused (eaframe/_gc.py)."""
    import gc
    import time

    from eaframe._gc import set_bulk_gc_pause
    from eaframe.checks import run_checks

    model, framework = enriched(n)
    gc.collect()
    set_bulk_gc_pause(True)
    cpu = time.process_time()
    run_checks(model, framework_model=framework)
    return {"checks_paused_cpu": time.process_time() - cpu}


def main() -> None:
    a = sweep_arguments(__doc__, lambda n: child(n) if n > 0 else child_paused(-n))
    if a is None:
        return
    rows, results = [], {}
    for n in a.sizes:
        r = results[n] = run_isolated(Path(__file__), str(n))
        r.update(run_isolated(Path(__file__), str(-n)))  # the paused run in a fresh process of its own
        rows.append([f"{n:,}", f"{2 * n:,}", str(r["rules"]), f"{r['findings']:,}", f"{r['checks']:.2f}",
                     f"{r['checks_cpu']:.2f}", str(r["full_collections"]), f"{r['checks_paused_cpu']:.2f}",
                     f"{r['scorecard']:.2f}", f"{r['json_file']:.2f}",
                     f"{r['sarif_file']:.2f}", f"{r['peak_mb']:.0f}", f"{r['json']:.2f}", f"{r['sarif']:.2f}",
                     f"{r['peak_texts_mb']:.0f}"])
        print(f"N={n}: done", file=sys.stderr)
    table = markdown_table(["elements", "relationships", "rules", "findings", "all rules s", "all rules CPU s",
                            "full collections", "all rules CPU s, paused", "scorecard s",
                            "JSON file s", "SARIF file s", "peak RSS MB", "to_json s", "to_sarif_json s",
                            "peak RSS with texts MB"], rows)
    ns = sorted(results)
    notes = []
    for lo, hi in zip(ns, ns[1:], strict=False):
        ratio = results[hi]["checks"] / max(results[lo]["checks"], 1e-9)
        cpu = results[hi]["checks_cpu"] / max(results[lo]["checks_cpu"], 1e-9)
        paused = results[hi]["checks_paused_cpu"] / max(results[lo]["checks_paused_cpu"], 1e-9)
        notes.append(f"all rules {lo:,}→{hi:,}: ×{ratio:.1f} wall, ×{cpu:.1f} CPU, ×{paused:.1f} CPU paused for "
                     f"×{hi // lo} elements")
    sizes = ",".join(map(str, a.sizes))
    body = (f"Command: `python benchmarks/bench_checks.py --sizes {sizes} --write-docs` ({machine()}).\n\n"
            f"Targets: {TARGETS}.\n\n{table}\n"
            "\"all rules\" is `run_checks` with every rule (interconnection, conformance against a framework model, "
            "hygiene) on a model already in memory (wall-clock and CPU time of the process: the CPU column is what the "
            "run costs when other processes share the cores), as a library call makes it, with Python's garbage "
            "collector running; \"full collections\" counts the collections of the oldest generation during it "
            "(`gc.callbacks`). \"paused\" is the CPU time of the same run in a fresh process of its own as the `eaframe` "
            "command makes it, with the collector paused (`eaframe._gc.set_bulk_gc_pause(True)`). "
            "The scorecard column adds the indicators to a one-rule run. "
            "The JSON and SARIF reports are then written to files a part at a time (`write_json`, `write_sarif`, as "
            "`eaframe check -o FILE` writes them): \"peak RSS\" is the process's peak up to there, model building "
            "included. Then the whole texts are made in memory, one at a time (`to_json`, `to_sarif_json`), and "
            f"\"peak RSS with texts\" is the peak with them (the SARIF text of {max(results):,} elements is "
            f"{results[max(results)]['text_mb']:.0f} MB by itself: Python keeps it at two bytes a character, as it holds "
            "Vietnamese and symbols). Most findings are hygiene findings (synthetic relationships cite no source and "
            "carry no confidence tag), so the report columns measure output of that many findings.\n\n"
            + ("Scaling: " + "; ".join(notes) + ".\n" if notes else ""))
    print(body)
    if a.write_docs:
        write_doc_section("checks", body)


if __name__ == "__main__":
    main()
