"""Benchmark: start-up time of ``import eaframe`` and of short CLI commands.

Each command runs N times in a fresh process (no warm interpreter, the bytecode cache
already written); the table gives the median and the fastest wall-clock time and the
median CPU time (user + system) of the process, which a busy machine disturbs less.
``python -c pass`` is the interpreter's own start-up, for reference. A second table,
from ``python -X importtime``, lists what ``eaframe info dongnai-2020`` spends its import
time on. With ``--baseline DIR`` a third table compares, command by command, the CPU time
of this checkout with that of another copy of the package (e.g. ``git worktree add
/tmp/base main``: a folder holding ``eaframe/``, ``models/`` and ``setup.cfg``), both run
as ``python -m eaframe`` with ``PYTHONPATH`` on their folder, alternately, so that both
meet the same load on a shared machine. With ``--instructions`` (needs valgrind) a table
gives the instructions each eaframe command executes (cachegrind, one run each, this
checkout and the baseline): a count that the other work on a shared machine does not
change, unlike every clock.

Usage::

    python benchmarks/bench_cli.py               # print the tables
    python benchmarks/bench_cli.py --write-docs  # also update docs/performance.md
    python benchmarks/bench_cli.py --repeat 21
    python benchmarks/bench_cli.py --baseline /tmp/base   # before / after, CPU time
    python benchmarks/bench_cli.py --baseline /tmp/base --instructions   # and instruction counts
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import machine, markdown_table, write_doc_section  # noqa: E402

__all__ = ["COMMANDS", "time_command", "import_costs", "compare_cpu", "instructions", "compare_instructions", "main"]

ROOT = Path(__file__).resolve().parent.parent

NAME = "cli"
#: The targets of issue 16.
TARGETS = ("`import eaframe` ≤ 0.15 s; `eaframe --help`, `eaframe info dongnai-2020` and `eaframe validate "
           "dongnai-2020` ≤ 0.25 s wall-clock")
#: Targets in seconds (issue 16).
IMPORT_TARGET_S = 0.15
COMMAND_TARGET_S = 0.25


def _eaframe() -> list[str]:
    """The installed ``eaframe`` console script beside this interpreter, else ``python -m eaframe``."""
    script = Path(sys.executable).parent / "eaframe"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "eaframe"]


#: (label, argv, target seconds or None).
COMMANDS = [
    ("python -c pass", [sys.executable, "-c", "pass"], None),
    ("python -c 'import eaframe'", [sys.executable, "-c", "import eaframe"], IMPORT_TARGET_S),
    ("eaframe --help", [*_eaframe(), "--help"], COMMAND_TARGET_S),
    ("eaframe info dongnai-2020", [*_eaframe(), "info", "dongnai-2020"], COMMAND_TARGET_S),
    ("eaframe validate dongnai-2020", [*_eaframe(), "validate", "dongnai-2020"], COMMAND_TARGET_S),
]


def time_command(argv: list[str], repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of ``repeat`` fresh runs of ``argv`` (after one warm-up run)."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="")
    subprocess.run(argv, check=True, capture_output=True, env=env)  # writes the bytecode cache
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def import_costs(argv: list[str], top: int = 12) -> list[tuple[str, float]]:
    """The ``top`` largest cumulative import times (seconds) of top-level imports of ``argv``."""
    proc = subprocess.run([sys.executable, "-X", "importtime", *argv], capture_output=True, text=True, check=True)
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)", line)
        if m and len(m.group(3)) <= 2:  # imported by the program itself or by a first-level module
            rows.append((m.group(4), int(m.group(2)) / 1e6))
    return sorted(rows, key=lambda r: -r[1])[:top]


def _env(folder: Path) -> dict:
    """The environment of ``python -m eaframe`` with the package in ``folder``: bytecode caches
    written and used (an environment with ``PYTHONDONTWRITEBYTECODE`` would make a fresh copy
    compile every module in every run, which is not what a user's installed package does)."""
    return dict(os.environ, PYTHONPATH=str(folder), PYTHONDONTWRITEBYTECODE="")


def _cpu_of(argv: list[str], env: dict) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env, cwd=os.sep)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def compare_cpu(baseline: Path, repeat: int) -> list[list[str]]:
    """Median CPU seconds of each eaframe command of :data:`COMMANDS` with the package in
    ``baseline`` and with this checkout's, alternated run by run, and their ratio."""
    rows = []
    envs = [_env(folder) for folder in (baseline, ROOT)]
    for label, cmd, _ in COMMANDS:
        if not label.startswith("eaframe"):
            continue
        argv = [sys.executable, "-m", "eaframe", *cmd[len(_eaframe()):]]
        for env in envs:  # writes the bytecode caches
            subprocess.run(argv, check=True, capture_output=True, env=env, cwd=os.sep)  # not this checkout's folder
        cpus: list[list[float]] = [[], []]
        for _ in range(repeat):
            for k, env in enumerate(envs):
                cpus[k].append(_cpu_of(argv, env))
        old, new = (statistics.median(c) for c in cpus)
        rows.append([f"`{label}`", f"{old:.3f}", f"{new:.3f}", f"{new / old:.2f}"])
        print(f"{label:32} baseline {old:.3f} s  this checkout {new:.3f} s CPU", file=sys.stderr)
    return rows


def instructions(argv: list[str], env: dict) -> int:
    """Instructions executed by ``argv`` (user space, all of it: interpreter start-up included),
    counted by valgrind's cachegrind without cache simulation."""
    proc = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *argv],
                          capture_output=True, text=True, env=env, cwd=os.sep, check=True)
    m = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if m is None:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{proc.stderr[-2000:]}")
    return int(m.group(1).replace(",", ""))


def compare_instructions(baseline: Path | None) -> list[list[str]]:
    """Millions of instructions of each eaframe command of :data:`COMMANDS` (one run each,
    after a run that writes the bytecode caches), with this checkout's package and, when
    given, with the one in ``baseline``."""
    folders = [ROOT] if baseline is None else [baseline, ROOT]
    rows = []
    for label, cmd, _ in COMMANDS:
        if not label.startswith("eaframe"):
            continue
        argv = [sys.executable, "-m", "eaframe", *cmd[len(_eaframe()):]]
        counts = []
        for folder in folders:
            env = _env(folder)
            subprocess.run(argv, check=True, capture_output=True, env=env, cwd=os.sep)  # writes the bytecode caches
            counts.append(instructions(argv, env) / 1e6)
        row = [f"`{label}`", *(f"{c:,.0f}" for c in counts)]
        rows.append(row + ([f"{counts[1] / counts[0]:.2f}"] if baseline else []))
        print(f"{label:32} " + " / ".join(f"{c:,.0f}" for c in counts) + " million instructions", file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=11, help="fresh runs per command (default 11)")
    parser.add_argument("--write-docs", action="store_true", help="update the section of docs/performance.md")
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="also compare CPU times with the package in DIR (eaframe/, models/, setup.cfg)")
    parser.add_argument("--instructions", action="store_true",
                        help="also count the instructions of each command (valgrind), with --baseline beside it")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]

    rows = []
    for label, cmd, target in COMMANDS:
        walls, cpus = time_command(cmd, args.repeat)
        median = statistics.median(walls)
        verdict = "" if target is None else (f"≤ {target:.2f}: " + ("met" if median <= target else "not met"))
        rows.append([f"`{label}`", f"{median:.3f}", f"{min(walls):.3f}", f"{statistics.median(cpus):.3f}", verdict])
        print(f"{label:32} median {median:.3f} s  fastest {min(walls):.3f} s  cpu {statistics.median(cpus):.3f} s",
              file=sys.stderr)
    table = markdown_table(["command", "median s", "fastest s", "CPU s (median)", "target"], rows)

    info = [a for a in COMMANDS if a[0] == "eaframe info dongnai-2020"][0][1]
    info_args = ["-m", "eaframe", *info[-2:]]
    costs = import_costs(info_args)
    cost_table = markdown_table(["module (imported by `eaframe info dongnai-2020`)", "cumulative import s"],
                                [[f"`{name}`", f"{secs:.3f}"] for name, secs in costs])
    flags = (f" --baseline {args.baseline}" if args.baseline else "") + (" --instructions" if args.instructions else "")
    body = (f"Command: `python benchmarks/bench_cli.py --repeat {args.repeat}{flags} --write-docs` ({machine()}; "
            f"load average {load:.1f} when it started). "
            f"Each command ran {args.repeat} times, each in a fresh process.\n\nTargets: {TARGETS}.\n\n{table}\n"
            f"Where `eaframe info dongnai-2020` spends its import time (`python -X importtime -m eaframe info "
            f"dongnai-2020`, one run; nested imports are counted in their parent):\n\n{cost_table}")
    if args.baseline:
        compared = markdown_table(["command", "baseline CPU s", "this checkout CPU s", "ratio"],
                                  compare_cpu(args.baseline, args.repeat))
        body += (f"\nCPU time against the baseline `{args.baseline}` (median of {args.repeat} fresh processes "
                 "each, the two alternated; `python -m eaframe` with `PYTHONPATH` on each copy):\n\n" + compared)
    if args.instructions:
        heads = ["command", "baseline M instructions", "this checkout M instructions", "ratio"] if args.baseline else \
            ["command", "M instructions"]
        body += ("\nInstructions executed (millions; valgrind cachegrind, one run each, the whole process; "
                 "unlike the times, not changed by the load of the machine):\n\n"
                 + markdown_table(heads, compare_instructions(args.baseline)))
    print(body)
    if args.write_docs:
        write_doc_section(NAME, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
