"""Benchmark: eaframe beside its Python peers (pyArchimate, archimate-mcp, etcion) and the stdlib/lxml floors.

For each size n (elements; 2n relationships) the seeded model
``eaframe.synthetic.synthetic_model(n, SEED)`` is first dumped to a neutral plain-data
JSON file (ids, ArchiMate types, names, attributes, relationships), and eaframe's
exchange XML file of it is written once: every tool then starts from the same data.
Each measurement runs in a fresh process; its wall time is taken inside the process
around the step alone (except ``validate``, which is the whole process), and its peak
RSS is the whole process's (``os.wait4``), so it includes what the step starts from.
The clock starts after each tool's imports, and for eaframe after its element and
relationship classes have built their validators (which eaframe defers from import to
first use, and the pydantic-based etcion does at import); the process's CPU time of the
step is saved beside the wall time (``cpu``).

Steps (the cell is "n/a" with the reason where a tool lacks one):

* ``build`` — build the model from the neutral data through the tool's object API
  (eaframe: ``ArchitectureModel.build`` given the dicts, which validates each by the class
  its ``type`` names and then checks the model-wide rules, as docs/api.md and
  docs/getting-started.md build a model; with ``--eaframe-build classes``, the element and
  relationship classes first, then ``ArchitectureModel.build`` of the objects: the same
  model, tests/test_bench_peers.py; floor: ``__slots__`` objects in dicts by id). Every tool
  stores the same information: the peers, whose names have one language, keep the
  Vietnamese name as a property (``name_vi``) beside the typed attributes;
* ``write`` — write exchange XML from the built model (the build is not timed);
  floors: the tree of eaframe's file rebuilt from plain data and serialised;
* ``read`` — read eaframe's exchange file (the same file for every tool) into the
  tool's model; floors: parse it and visit every element, attribute and text;
* ``diff`` — compare the models built from two versions of the neutral data (5% of the
  elements renamed, 1% removed and 1% added, 2% of the relationships removed);
* ``validate`` — one whole process that reads the exchange file and checks it
  (eaframe: the ``eaframe validate -q FILE`` command; peers: their reader plus their
  relationship check, through ``python -c``).

Ratios are eaframe's time ÷ the other's: below 1 eaframe is faster.

Usage::

    benchmarks/peers-venv.sh                                   # once: .venv-peers with the peers
    .venv-peers/bin/python benchmarks/bench_peers.py --repeat 3
    .venv-peers/bin/python benchmarks/bench_peers.py --sizes 10000 --tools eaframe,pyarchimate
    .venv-peers/bin/python benchmarks/bench_peers.py --sizes 10000,50000 --steps build
    .venv-peers/bin/python benchmarks/bench_peers.py --steps build --eaframe-build classes
    .venv-peers/bin/python benchmarks/bench_peers.py --repeat 3 --write-docs   # update docs/performance.md
    python benchmarks/bench_peers.py --profile --sizes 100000  # cProfile of eaframe's read and JSON load

Peers that are not installed, or whose Python requirement the interpreter does not meet,
are skipped with the reason in their cells.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import ROOT, markdown_table, write_doc_section  # noqa: E402

NAME = "peers"
#: The targets of issue 16 (100k elements / 200k relationships unless said).
TARGETS = ("build through the public object API ≤ the fastest peer's build; exchange read ≤ 2.5 s and ≤ 1.7× the "
           "lxml parse+walk floor, with a peak RSS ≤ pyArchimate's; whole-process validate of the 50k file faster "
           "than every peer's read-and-check; growth 10k → 100k within 11× for every step")
SEED = 1
TIMEOUT = 900
STEPS = ("build", "write", "read", "diff", "validate")
PEERS = ("pyarchimate", "archimate-mcp", "etcion")
FLOORS = ("stdlib", "lxml")
TOOLS = ("eaframe", *PEERS, *FLOORS)
LABEL = {"eaframe": "eaframe", "pyarchimate": "pyArchimate", "archimate-mcp": "archimate-mcp", "etcion": "etcion",
         "stdlib": "stdlib floor", "lxml": "lxml floor"}
DIST = {"eaframe": "eaframe", "pyarchimate": "pyArchimate", "archimate-mcp": "archimate-mcp", "etcion": "etcion",
        "lxml": "lxml", "pydantic": "pydantic"}
IMPORT = {"pyarchimate": "pyArchimate", "archimate-mcp": "archimate_mcp", "etcion": "etcion"}
# Python requirement of each peer (from its package metadata), for the reason a peer is skipped.
NEEDS = {"pyarchimate": (3, 11), "archimate-mcp": (3, 12), "etcion": (3, 12)}
# Why a tool has no cell for a step.
MISSING = {
    ("pyarchimate", "diff"): "no diff API",
    ("archimate-mcp", "diff"): "no diff API",
    ("lxml", "build"): "same as the stdlib floor",
    ("stdlib", "diff"): "–",
    ("lxml", "diff"): "–",
    ("stdlib", "validate"): "–",
    ("lxml", "validate"): "–",
}


# ------------------------------------------------------------------------ neutral data
def neutral_data(n: int, seed: int) -> dict:
    """The content of ``synthetic_model(n, seed)`` as plain JSON data every tool can build from.

    Each element is its eaframe field dump (``id``, ``type``, ``name`` with ``vi``/``en``,
    typed attributes, ``properties``); peers take the English name and get the typed
    attributes as string properties beside the free ones.
    """
    from eaframe.synthetic import synthetic_model

    m = synthetic_model(n, seed)
    return {"n": n, "seed": seed,
            "metadata": m.metadata.model_dump(mode="json", exclude_defaults=True),
            "elements": [_dump(e) for e in m.elements],
            "relationships": [_dump(r) for r in m.relationships]}


def _dump(concept) -> dict:
    return {"id": concept.id, "type": concept.type, **concept.model_dump(mode="json", exclude_defaults=True)}


def edited(data: dict) -> dict:
    """A second version of neutral data: 5% of the elements renamed (and a property changed),
    1% removed with their relationships, 1% added, 2% of the relationships removed."""
    elements, removed = [], set()
    for i, e in enumerate(data["elements"]):
        if i % 100 == 7:
            removed.add(e["id"])
            continue
        if i % 20 == 3:
            e = dict(e, name={k: v + " (v2)" for k, v in e["name"].items()},
                     properties={**e.get("properties", {}), "code": f"Y{i:06d}"})
        elements.append(e)
    for e in data["elements"][: len(data["elements"]) // 100]:
        elements.append(dict(e, id=f"{e['id']}-v2", name={k: v + " new" for k, v in e["name"].items()}))
    relationships = [r for k, r in enumerate(data["relationships"])
                     if k % 50 != 11 and r["source"] not in removed and r["target"] not in removed]
    return dict(data, elements=elements, relationships=relationships)


def peer_properties(e: dict) -> dict[str, str]:
    """An element's free properties plus its typed attributes as strings, and its Vietnamese
    name as ``name_vi`` (a peer's name has one language: it gets the English one), so that a
    peer stores what eaframe stores."""
    props = {k: v for k, v in e.items() if k not in ("id", "type", "name", "properties")}
    out = {k: ",".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in props.items()}
    if e["name"].get("vi"):
        out["name_vi"] = e["name"]["vi"]
    out.update(e.get("properties", {}))
    return out


# ---------------------------------------------------------------------------- builders
def build_eaframe(data: dict):
    """eaframe's model made with its element and relationship classes, then ``build``."""
    from eaframe import ArchitectureModel
    from eaframe.elements import element_class
    from eaframe.relationships import relationship_class

    elements = [element_class(e["type"])(**e) for e in data["elements"]]
    relationships = [relationship_class(r["type"])(**r) for r in data["relationships"]]
    return ArchitectureModel.build(data["metadata"], elements, relationships)


def build_eaframe_dicts(data: dict):
    """eaframe's model made by ``ArchitectureModel.build`` given the dicts, each validated by
    the class its ``type`` names (the same model as :func:`build_eaframe`, tests/test_build_api.py
    and tests/test_bench_peers.py)."""
    from eaframe import ArchitectureModel

    return ArchitectureModel.build(data["metadata"], data["elements"], data["relationships"])


#: ``--eaframe-build``: how eaframe builds the model in every step that builds one.
EAFRAME_BUILD = {"classes": build_eaframe, "dicts": build_eaframe_dicts}


_PYA_ACCESS = {"read": "Read", "write": "Write", "read_write": "ReadWrite"}


def build_pyarchimate(data: dict):
    import logging

    from pyArchimate import Model, log_set_level

    log_set_level(logging.CRITICAL)
    pm = Model("synthetic")
    for e in data["elements"]:
        pe = pm.add(e["type"], name=e["name"]["en"], uuid=e["id"])
        for k, v in peer_properties(e).items():
            pe.prop(k, v)
    for r in data["relationships"]:
        pm.add_relationship(r["type"], r["source"], r["target"], uuid=r["id"],
                            access_type=_PYA_ACCESS.get(r.get("access_type")))
    return pm


def build_archimate_mcp(data: dict):
    from archimate_mcp import Api

    api = Api(model_path=os.devnull, autoload=False)
    ids = {}
    for e in data["elements"]:  # archimate-mcp makes its own ids
        ids[e["id"]] = api.add_element(e["type"], name=e["name"]["en"], properties=peer_properties(e))
    # No access type in its relationships. Its relationship check (validate=True) is a
    # plausibility heuristic that refuses relationships ArchiMate 3.2 allows (e.g. a
    # BusinessObject realizing a Constraint), so the model is built without it.
    for r in data["relationships"]:
        api.add_relationship(r["type"], ids[r["source"]], ids[r["target"]], validate=False)
    return api


_ETCION_ACCESS = {"read": "READ", "write": "WRITE", "read_write": "READ_WRITE"}


def build_etcion(data: dict):
    import etcion

    model = etcion.Model()
    for e in data["elements"]:
        model.add(getattr(etcion, e["type"])(id=e["id"], name=e["name"]["en"], extended_attributes=peer_properties(e)))
    for r in data["relationships"]:
        kw = {}
        if r.get("access_type"):
            kw["access_mode"] = etcion.AccessMode[_ETCION_ACCESS[r["access_type"]]]
        model.add(getattr(etcion, r["type"])(id=r["id"], source=r["source"], target=r["target"], **kw))
    return model


class _Node:
    __slots__ = ("id", "type", "name", "properties")

    def __init__(self, id, type, name, properties):  # noqa: A002 - the neutral data's keys
        self.id, self.type, self.name, self.properties = id, type, name, properties


class _Edge:
    __slots__ = ("id", "type", "source", "target", "access_type")

    def __init__(self, id, type, source, target, access_type):  # noqa: A002
        self.id, self.type, self.source, self.target, self.access_type = id, type, source, target, access_type


def build_floor(data: dict):
    """The object-building floor: one ``__slots__`` object per concept, in dicts by id."""
    elements = {e["id"]: _Node(e["id"], e["type"], e["name"], peer_properties(e)) for e in data["elements"]}
    relationships = {}
    for r in data["relationships"]:
        if r["source"] not in elements or r["target"] not in elements:
            raise ValueError(f"relationship {r['id']}: unknown end")
        relationships[r["id"]] = _Edge(r["id"], r["type"], r["source"], r["target"], r.get("access_type"))
    return elements, relationships


BUILD = {"eaframe": build_eaframe_dicts, "pyarchimate": build_pyarchimate, "archimate-mcp": build_archimate_mcp,
         "etcion": build_etcion, "stdlib": build_floor}


# ------------------------------------------------------------------------------ steps
def _write(tool: str, model, path: str) -> None:
    if tool == "eaframe":
        from eaframe.exchange import write_archimate

        write_archimate(model, path, layout="grid")
    elif tool == "pyarchimate":
        model.write(path)
    elif tool == "archimate-mcp":
        model.export_open_exchange(path)
    elif tool == "etcion":
        from etcion.serialization.xml import write_model

        write_model(model, path, model_name="synthetic")
    else:
        raise ValueError(tool)


def _read(tool: str, path: str):
    if tool == "eaframe":
        import warnings

        from eaframe.exchange import read_archimate

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return read_archimate(path)
    if tool == "pyarchimate":
        import logging

        from pyArchimate import Model, log_set_level

        log_set_level(logging.CRITICAL)
        pm = Model()
        pm.read(path)
        return pm
    if tool == "archimate-mcp":
        # The Api's import_open_exchange is async and pushes the model into a knowledge
        # graph; the model class's reader is the part that reads the file.
        from archimate_mcp.api.archimate_model import ArchiMateModel

        return ArchiMateModel.from_open_exchange(path)
    if tool == "etcion":
        from etcion.serialization.xml import read_model

        return read_model(path)
    raise ValueError(tool)


def _counts(tool: str, model) -> tuple[int, int]:
    if tool == "eaframe":
        return len(model.elements), len(model.relationships)
    if tool == "pyarchimate":
        return len(model.elems_dict), len(model.rels_dict)
    if tool == "archimate-mcp":
        m = getattr(model, "model", model)
        return len(m.elements), len(m.relationships)
    if tool == "etcion":
        return len(model.elements), len(model.relationships)
    if tool == "stdlib":
        return len(model[0]), len(model[1])
    raise ValueError(tool)


def _plain_tree(path: str) -> list:
    """eaframe's exchange file as plain nested lists (tag, attributes, text, tail, children)."""
    import xml.etree.ElementTree as ET

    def conv(el):
        return [el.tag, dict(el.attrib), el.text, el.tail, [conv(c) for c in el]]

    return conv(ET.parse(path).getroot())


def _floor_write(lib: str, plain: list, path: str) -> None:
    if lib == "lxml":
        from lxml import etree as ET
    else:
        import xml.etree.ElementTree as ET

    def build(parent, node):
        tag, attrib, text, tail, children = node
        el = ET.Element(tag, attrib) if parent is None else ET.SubElement(parent, tag, attrib)
        el.text, el.tail = text, tail
        for c in children:
            build(el, c)
        return el

    ET.ElementTree(build(None, plain)).write(path, xml_declaration=True, encoding="UTF-8")


def _floor_read(lib: str, path: str) -> int:
    if lib == "lxml":
        from lxml import etree

        root = etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    else:
        import xml.etree.ElementTree as ET

        root = ET.parse(path).getroot()
    count = 0
    for el in root.iter():
        count += len(el.attrib) + (1 if el.text else 0)
    return count


VALIDATE = {
    "pyarchimate": ("import logging, sys\nfrom pyArchimate import Model, log_set_level\n"
                    "log_set_level(logging.CRITICAL)\nm = Model()\nm.read(sys.argv[1])\n"
                    "bad = m.check_invalid_relationships()\n"
                    "print(len(m.elems_dict), len(m.rels_dict), len(bad))"),
    "archimate-mcp": ("import sys\nfrom archimate_mcp import Api\n"
                      "from archimate_mcp.api.archimate_model import ArchiMateModel\n"
                      "api = Api(model_path=sys.argv[1], autoload=False)\n"
                      "m = api.model = ArchiMateModel.from_open_exchange(sys.argv[1])\n"
                      "bad = [r for r in m.relationships.values() if r.source not in m.elements "
                      "or r.target not in m.elements or not api.validate_relationship("
                      "r.type, m.elements[r.source].type, m.elements[r.target].type)]\n"
                      "print(len(m.elements), len(m.relationships), len(bad))"),
    "etcion": ("import sys\nfrom etcion.serialization.xml import read_model\n"
               "m = read_model(sys.argv[1])\n"
               "errors = [e for e in m.validate() if 'extended attribute' not in str(e)]\n"
               "print(len(m.elements), len(m.relationships), len(errors))"),
}


def validate_command(tool: str, path: str) -> list[str]:
    if tool == "eaframe":
        return [sys.executable, "-m", "eaframe", "validate", "-q", path]
    return [sys.executable, "-c", VALIDATE[tool], path]


# Modules each tool's steps use, imported before the clock starts (import time is not the step's).
MODULES = {
    "eaframe": ("eaframe", "eaframe.exchange", "eaframe.modeldiff"),
    "pyarchimate": ("pyArchimate",),
    "archimate-mcp": ("archimate_mcp", "archimate_mcp.api.archimate_model"),
    "etcion": ("etcion", "etcion.serialization.xml"),
    "stdlib": ("xml.etree.ElementTree",),
    "lxml": ("lxml.etree", "xml.etree.ElementTree"),
}


def _build_validators() -> None:
    """Build the validators of eaframe's element and relationship classes, which eaframe
    defers from import to the first validation of each class (the peers, etcion's pydantic
    classes among them, build theirs at import, which is not timed either)."""
    from eaframe.elements import ELEMENT_TYPES
    from eaframe.relationships import RELATIONSHIP_TYPES

    for cls in (*ELEMENT_TYPES.values(), *RELATIONSHIP_TYPES.values()):
        cls.model_rebuild(force=True)


def child(tool: str, step: str, n: int, files: dict) -> dict:
    """One measurement in this (fresh) process: the step's seconds and what it made."""
    import gc
    import importlib

    for module in MODULES[tool]:
        importlib.import_module(module)
    if tool == "eaframe":
        _build_validators()
    build = EAFRAME_BUILD[files.get("eaframe_build", "dicts")] if tool == "eaframe" else BUILD.get(tool)
    out: dict = {}
    if step == "build":
        data = json.loads(Path(files["data"]).read_text(encoding="utf-8"))
        gc.collect()
        c, t = time.process_time(), time.perf_counter()
        model = build(data)
        out["s"], out["cpu"] = time.perf_counter() - t, time.process_time() - c
        out["counts"] = _counts(tool, model)
    elif step == "write":
        path = files["out"]
        if tool in FLOORS:
            plain = _plain_tree(files["xml"])
            gc.collect()
            t = time.perf_counter()
            _floor_write(tool, plain, path)
        else:
            model = build(json.loads(Path(files["data"]).read_text(encoding="utf-8")))
            gc.collect()
            t = time.perf_counter()
            _write(tool, model, path)
        out["s"] = time.perf_counter() - t
        out["bytes"] = os.path.getsize(path)
    elif step == "read":
        t = time.perf_counter()
        if tool in FLOORS:
            out["items"] = _floor_read(tool, files["xml"])
            out["s"] = time.perf_counter() - t
        else:
            model = _read(tool, files["xml"])
            out["s"] = time.perf_counter() - t
            out["counts"] = _counts(tool, model)
    elif step == "diff":
        a = build(json.loads(Path(files["data"]).read_text(encoding="utf-8")))
        b = build(json.loads(Path(files["data2"]).read_text(encoding="utf-8")))
        gc.collect()
        t = time.perf_counter()
        if tool == "eaframe":
            import eaframe

            d = eaframe.diff(a, b)
            out["changes"] = len(d)
        elif tool == "etcion":
            from etcion import diff_models

            d = diff_models(a, b)
            out["changes"] = len(d.added) + len(d.removed) + len(d.modified)
        else:
            raise ValueError(tool)
        out["s"] = time.perf_counter() - t
    else:
        raise ValueError(step)
    if "counts" in out and tuple(out["counts"]) != (n, 2 * n):
        raise SystemExit(f"{tool} {step}: {out['counts'][0]} elements, {out['counts'][1]} relationships; "
                         f"expected {n}, {2 * n}")
    return out


# ----------------------------------------------------------------------------- driver
def _run(cmd: list[str], timeout: float = TIMEOUT) -> tuple[int, float, float, str, str]:
    """Run ``cmd``; its exit status, wall seconds, peak RSS in MB (of that process alone), stdout, stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        deadline = t + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                return -9, timeout, usage.ru_maxrss / 1024, "", f"> {timeout:.0f} s"
            time.sleep(0.01)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (proc.returncode, wall, usage.ru_maxrss / 1024, out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"))


def _error(stderr: str) -> str:
    lines = [ln.strip() for ln in stderr.strip().splitlines() if ln.strip()]
    return (lines[-1] if lines else "failed")[:160]


def run_step(tool: str, step: str, n: int, files: dict) -> dict:
    """One fresh-process run: ``{"s", "mb", ...}`` or ``{"error": ...}``."""
    if step == "validate":
        code, wall, mb, out, err = _run(validate_command(tool, files["xml"]))
        if code != 0:
            return {"error": _error(err) or f"exit {code}"}
        return {"s": wall, "mb": mb, "out": out.strip()[-200:]}
    cmd = [sys.executable, __file__, "--child", tool, step, str(n), json.dumps(files)]
    code, wall, mb, out, err = _run(cmd)
    if code != 0:
        return {"error": _error(err)}
    got = json.loads(out.strip().splitlines()[-1])
    got["mb"] = mb
    return got


def unavailable(tool: str) -> str | None:
    """Why a peer cannot run here, or None."""
    if tool not in PEERS:
        return None
    need = NEEDS[tool]
    if sys.version_info[:2] < need:
        return f"needs Python ≥ {need[0]}.{need[1]} (this is {platform.python_version()})"
    proc = subprocess.run([sys.executable, "-c", f"import {IMPORT[tool]}"], capture_output=True, text=True)
    if proc.returncode != 0:
        return "not installed (benchmarks/peers-venv.sh installs it)"
    return None


def versions(tools: list[str]) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for key in ["eaframe", *[t for t in tools if t in PEERS], "lxml", "pydantic"]:
        try:
            out[DIST[key]] = version(DIST[key])
        except PackageNotFoundError:
            out[DIST[key]] = "not installed"
    return out


def prepare(n: int, tmp: Path) -> dict:
    """Write the neutral data of both versions and eaframe's exchange file of size ``n``."""
    files = {"data": str(tmp / f"data-{n}.json"), "data2": str(tmp / f"data2-{n}.json"),
             "xml": str(tmp / f"eaframe-{n}.xml")}
    code, _, _, _, err = _run([sys.executable, __file__, "--prepare", str(n), json.dumps(files)])
    if code != 0:
        raise SystemExit(f"preparing the n={n} inputs failed: {_error(err)}")
    return files


def do_prepare(n: int, files: dict) -> None:
    from eaframe.exchange import write_archimate
    from eaframe.synthetic import synthetic_model

    data = neutral_data(n, SEED)
    Path(files["data"]).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    Path(files["data2"]).write_text(json.dumps(edited(data), ensure_ascii=False), encoding="utf-8")
    write_archimate(synthetic_model(n, SEED), files["xml"], layout="grid")


def measure(sizes: list[int], tools: list[str], repeat: int, validate_size: int, save: Path | None = None,
            command: str = "", log=sys.stderr, steps: tuple[str, ...] = STEPS, eaframe_build: str = "dicts") -> dict:
    """All runs: ``{"runs": {n: {step: {tool: [run, ...]}}}, ...}``, saved to ``save`` after every run.

    ``validate`` (a whole process, mostly start-up at small sizes) runs at ``validate_size`` only.
    """
    skip = {t: unavailable(t) for t in tools}
    results: dict = {"command": command, "sizes": [], "tools": tools, "steps": list(steps), "repeat": repeat,
                     "runs": {}, "skip": skip, "eaframe_build": eaframe_build,
                     "validate_size": validate_size, "versions": versions(tools),
                     "machine": (f"{platform.python_implementation()} {platform.python_version()}, "
                                 f"{os.cpu_count()} cores, {platform.machine()}")}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for n in sizes:
            files = prepare(n, tmp)
            res = results["runs"][str(n)] = {"xml_mb": os.path.getsize(files["xml"]) / 1e6}
            for step in steps:
                res[step] = {t: [] for t in tools}
            results["sizes"].append(n)  # a size is reported once it has begun: its cells say what is missing
            # Tools alternate within each repetition, so that a slow minute of the shared
            # machine does not fall on one tool only.
            for rep in range(repeat):
                for step in steps:
                    for tool in tools:
                        if skip[tool] or (tool, step) in MISSING or (step == "validate" and n != validate_size):
                            continue
                        runs = res[step][tool]
                        if runs and "error" in runs[0]:
                            continue  # a tool that failed once fails again: don't wait for it twice
                        f = dict(files, out=str(tmp / f"{tool}-{n}.xml"), eaframe_build=eaframe_build)
                        got = run_step(tool, step, n, f)
                        runs.append(got)
                        show = got.get("error") or f"{got['s']:.2f} s, {got['mb']:.0f} MB"
                        print(f"n={n} run {rep + 1}/{repeat} {step:8} {tool:13} {show}", file=log, flush=True)
                        if save:
                            save.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


# ------------------------------------------------------------------------------ report
def summary(runs: list | None) -> dict | None:
    """Median time and peak of the runs, with their spread, or the error/skip reason."""
    if not runs:
        return None
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return {"error": runs[0]["error"]}
    times = sorted(r["s"] for r in ok)
    return {"s": statistics.median(times), "min": times[0], "max": times[-1],
            "mb": statistics.median(r["mb"] for r in ok), "n": len(ok)}


def cell(results: dict, n: int, step: str, tool: str) -> str:
    if tool not in results["tools"]:
        return "–"
    if results["skip"].get(tool):
        return "skipped"
    if (tool, step) in MISSING:
        return "n/a" if MISSING[tool, step] != "–" else "–"
    if step == "validate" and n != results.get("validate_size", n):
        return "–"
    s = summary(results["runs"][str(n)][step].get(tool))
    if s is None:
        return "–"
    if "error" in s:
        return "failed¹"
    return f"{s['s']:.2f} ({s['mb']:.0f})"


def ratio(results: dict, n: int, step: str, tool: str, others: list[str], key: str = "s") -> tuple[str, str]:
    """eaframe ÷ the best (lowest) of ``others`` for ``key``, and which one that is."""
    e = summary(results["runs"][str(n)][step].get("eaframe"))
    if not e or "error" in e:
        return "n/a", ""
    best = None
    for o in others:
        s = summary(results["runs"][str(n)][step].get(o))
        if s and "error" not in s and (best is None or s[key] < best[1][key]):
            best = (o, s)
    if best is None:
        return "n/a", ""
    return f"{e[key] / best[1][key]:.2f}", LABEL[best[0]]


def _steps(results: dict) -> tuple[str, ...]:
    """The steps measured (results saved before ``--steps`` existed have them all)."""
    return tuple(results.get("steps", STEPS))


def tables(results: dict) -> tuple[str, str, list[str]]:
    """The detail table, the summary table and the notes (failures, skips)."""
    sizes = results["sizes"]
    steps = _steps(results)
    header = ["elements", "step", *[LABEL[t] for t in TOOLS], "eaframe ÷ best peer", "eaframe ÷ stdlib floor",
              "eaframe ÷ lxml floor"]
    rows = []
    for n in sizes:
        for step in steps:
            if step == "validate" and n != results.get("validate_size", n):
                continue
            best, who = ratio(results, n, step, "eaframe", list(PEERS))
            floor_s, _ = ratio(results, n, step, "eaframe", ["stdlib"])
            floor_l, _ = ratio(results, n, step, "eaframe", ["lxml"])
            rows.append([f"{n:,}", step, *[cell(results, n, step, t) for t in TOOLS],
                         f"{best} ({who})" if who else best, floor_s, floor_l])
    detail = markdown_table(header, rows)

    largest = sizes[-1]
    sheader = ["step", *[f"eaframe ÷ best peer at {n:,}" for n in sizes], f"eaframe ÷ stdlib floor at {largest:,}"]
    if len(sizes) > 1:
        sheader.append(f"eaframe growth {sizes[0]:,} → {largest:,}")
    srows = []
    for step in steps:
        row = [step]
        for n in sizes:
            best, who = ratio(results, n, step, "eaframe", list(PEERS))
            row.append(f"{best} ({who})" if who else best)
        row.append(ratio(results, largest, step, "eaframe", ["stdlib"])[0])
        if len(sizes) > 1:
            a = summary(results["runs"][str(sizes[0])][step].get("eaframe"))
            b = summary(results["runs"][str(largest)][step].get("eaframe"))
            row.append(f"×{b['s'] / a['s']:.1f}" if a and b and "error" not in a and "error" not in b else "n/a")
        srows.append(row)
    for step in [s for s in ("build", "read") if s in steps]:
        row = [f"peak RSS, {step}"]
        for n in sizes:
            best, who = ratio(results, n, step, "eaframe", list(PEERS), key="mb")
            row.append(f"{best} ({who})" if who else best)
        row.append(ratio(results, largest, step, "eaframe", ["stdlib"], key="mb")[0])
        if len(sizes) > 1:
            row.append("")
        srows.append(row)
    short = markdown_table(sheader, srows)

    notes = []
    for tool, why in results["skip"].items():
        if why:
            notes.append(f"{LABEL[tool]} skipped: {why}.")
    for n in sizes:
        for step in steps:
            for tool, runs in results["runs"][str(n)][step].items():
                s = summary(runs)
                if s and "error" in s:
                    notes.append(f"¹ {LABEL[tool]} {step} at {n:,}: {s['error']}")
    for n in sizes:
        counts = {s["n"] for step in steps for runs in results["runs"][str(n)][step].values()
                  if (s := summary(runs)) and "error" not in s}
        if counts and min(counts) < results["repeat"]:
            made = f"{min(counts)}–{max(counts)}" if min(counts) != max(counts) else f"{min(counts)}"
            notes.append(f"At {n:,} elements {made} of the {results['repeat']} runs per cell were made before the "
                         "run was stopped; those cells are the median of what was measured.")
    for (tool, step), why in MISSING.items():
        if step in steps and why not in ("–", "same as the stdlib floor") and tool in results["tools"] and not results["skip"].get(tool):
            notes.append(f"{LABEL[tool]} {step}: n/a, {why}.")
    return detail, short, notes


def spread_text(results: dict) -> str:
    n = results["sizes"][-1]
    steps = _steps(results)
    parts = []
    for step in steps:
        s = summary(results["runs"][str(n)][step].get("eaframe"))
        if s and "error" not in s and s["n"] > 1:
            parts.append(f"{step} {s['min']:.2f}–{s['max']:.2f} s ({s['n']} runs)")
    return (f"Spread of eaframe's runs at {n:,} elements (fastest–slowest): "
            + ", ".join(parts) + ".") if parts else ""


def command_text(args) -> str:
    cmd = "python benchmarks/bench_peers.py"
    if args.sizes != DEFAULT_SIZES:
        cmd += " --sizes " + ",".join(map(str, args.sizes))
    if args.tools != list(TOOLS):
        cmd += " --tools " + ",".join(args.tools)
    if args.steps != list(STEPS):
        cmd += " --steps " + ",".join(args.steps)
    if args.repeat != 3:
        cmd += f" --repeat {args.repeat}"
    if args.validate_size != 50000:
        cmd += f" --validate-size {args.validate_size}"
    if args.eaframe_build != "dicts":
        cmd += f" --eaframe-build {args.eaframe_build}"
    return cmd + " --write-docs"


def doc_section(results: dict, args) -> str:
    detail, short, notes = tables(results)
    vers = ", ".join(f"{k} {v}" for k, v in results["versions"].items())
    xml = ", ".join(f"{int(n):,}: {r['xml_mb']:.1f} MB" for n, r in results["runs"].items())
    return (f"Command: `{results.get('command') or command_text(args)}`, run with `.venv-peers/bin/python` (made by "
            f"`benchmarks/peers-venv.sh`): {results['machine']}; {vers}. Each step in a fresh process, the median of "
            f"{results['repeat']} runs, on a machine shared with other work: the ratios are what count, the absolute "
            "times are indicative.\n\n"
            f"Targets: {TARGETS}.\n\n"
            f"{short}\n"
            "Ratios are eaframe ÷ the other (below 1: eaframe is faster), on the median times; the peak RSS rows "
            "compare the whole processes' peaks the same way.\n\n"
            "Every step, seconds (peak RSS of the process, MB):\n\n"
            f"{detail}\n"
            + "".join(f"{note}\n" for note in notes)
            + f"\nThe exchange file read by every tool is eaframe's ({xml})"
            + (f"; validate runs at {results['validate_size']:,} elements. " if "validate" in _steps(results) else ". ")
            + spread_text(results) + "\n")


def profile(n: int, top: int = 25) -> None:
    """cProfile of eaframe's exchange read and JSON load of a model of ``n`` elements."""
    import cProfile
    import pstats
    import warnings

    from eaframe import load, save
    from eaframe.exchange import read_archimate, write_archimate
    from eaframe.synthetic import synthetic_model

    with tempfile.TemporaryDirectory() as tmp:
        xml, js = Path(tmp) / "m.xml", Path(tmp) / "m.json"
        m = synthetic_model(n, SEED)
        write_archimate(m, xml, layout="grid")
        save(m, js)
        del m
        for title, call in (("read_archimate (exchange XML)", lambda: read_archimate(xml)),
                            ("load (JSON model file)", lambda: load(js))):
            prof = cProfile.Profile()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t = time.perf_counter()
                prof.enable()
                call()
                prof.disable()
                wall = time.perf_counter() - t
            print(f"\n===== {title}, {n:,} elements: {wall:.2f} s under the profiler "
                  "(main thread only; other threads' work shows as waits)")
            for key in ("cumulative", "tottime"):
                print(f"--- top {top} by {key}")
                pstats.Stats(prof, stream=sys.stdout).strip_dirs().sort_stats(key).print_stats(top)


DEFAULT_SIZES = [10000, 50000, 100000]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=DEFAULT_SIZES,
                    help="comma-separated element counts (default 10000,50000,100000)")
    ap.add_argument("--tools", type=lambda s: [x.strip() for x in s.split(",")], default=list(TOOLS),
                    help=f"comma-separated tools among {','.join(TOOLS)} (default: all)")
    ap.add_argument("--steps", type=lambda s: [x.strip() for x in s.split(",")], default=list(STEPS),
                    help=f"comma-separated steps among {','.join(STEPS)} (default: all)")
    ap.add_argument("--repeat", type=int, default=3, help="fresh-process runs per step; the median counts (default 3)")
    ap.add_argument("--write-docs", action="store_true", help="replace the peers section of docs/performance.md")
    ap.add_argument("--validate-size", type=int, default=50000,
                    help="size at which the whole-process validate step runs (default 50000; "
                         "the largest size when it is not among --sizes)")
    ap.add_argument("--eaframe-build", choices=sorted(EAFRAME_BUILD), default="dicts",
                    help="how eaframe builds the model: ArchitectureModel.build given the dicts (default), or "
                         "its element and relationship classes, then ArchitectureModel.build of the objects")
    ap.add_argument("--save", type=Path, help="also write the raw results as JSON to this file (after every run)")
    ap.add_argument("--from-results", type=Path, help="report results saved with --save instead of measuring")
    ap.add_argument("--profile", action="store_true",
                    help="print cProfile tables of eaframe's exchange read and JSON load at the largest size")
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
    if args.profile:
        profile(args.sizes[-1])
        return
    unknown = [t for t in args.tools if t not in TOOLS]
    if unknown or "eaframe" not in args.tools:
        ap.error(f"--tools: eaframe and any of {', '.join(TOOLS[1:])} (got {', '.join(args.tools)})")
    if args.repeat < 1 or min(args.sizes) < 100:
        ap.error("--repeat must be ≥ 1 and every size ≥ 100")
    if not args.steps or any(s not in STEPS for s in args.steps):
        ap.error(f"--steps: any of {', '.join(STEPS)} (got {', '.join(args.steps)})")
    args.tools = [t for t in TOOLS if t in args.tools]
    args.steps = [s for s in STEPS if s in args.steps]

    if args.from_results:
        results = json.loads(args.from_results.read_text(encoding="utf-8"))
        args.sizes, args.tools, args.repeat = results["sizes"], results["tools"], results["repeat"]
        args.steps = list(_steps(results))
        args.validate_size = results["validate_size"]
        args.eaframe_build = results.get("eaframe_build", "classes")  # results saved before the option: classes
    else:
        validate_size = args.validate_size if args.validate_size in args.sizes else args.sizes[-1]
        results = measure(args.sizes, args.tools, args.repeat, validate_size, args.save, command_text(args),
                          steps=tuple(args.steps), eaframe_build=args.eaframe_build)
    section = doc_section(results, args)
    print(section)
    if args.write_docs:
        write_doc_section(NAME, section)
        print("updated docs/performance.md", file=sys.stderr)


if __name__ == "__main__":
    main()
