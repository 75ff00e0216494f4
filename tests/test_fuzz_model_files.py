"""Fuzz: mutated YAML and JSON model files either load or fail with an EaframeError.

A seeded mutator (deterministic: the same cases every run) starts from the small test
models in tests/data and from excerpts of the bundled models, and applies byte flips,
truncation, deleted/duplicated/swapped lines, swapped values, deep nesting, big and
non-finite numbers, aliases (including alias bombs), odd Unicode, control characters,
YAML tags and impossible dates. Every case must finish quickly with a model or an
:class:`~eaframe.exceptions.EaframeError` whose messages are of bounded length; every
model that loads must dump to YAML and JSON and load back equal. A sample of the
corpus goes through ``eaframe validate`` as well: exit 0 or 1, never a traceback.
"""

from __future__ import annotations

import json
import random
import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

import eaframe
from eaframe import EaframeError, dumps, loads
from eaframe.cli import main
from eaframe.exceptions import ModelValidationError

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261201
CASES = 1200           # mutated files (YAML and JSON together)
CLI_SAMPLE = 50        # of which this many also go through `eaframe validate`
MAX_CASE_SECONDS = 3   # a case slower than this counts as a hang
MAX_MESSAGE = 2000     # characters of one problem line
TOTAL_SECONDS = 40     # the whole run (it takes about 10-15 s)

ODD = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\t", "\r", "\r\n", "\u2028", "\u2029", "\ufeff",
       "\ufffe", "\uffff", "\ue000", "\U0010ffff", "\u0301", "\u202e", "\u00a0", "\U0001f600", "Đ", "ệ", "\\",
       '"', "'", ":", "#", "&", "*", "!", "|", ">", "%", "@", "`", "{", "}", "[", "]", ",", "-", "?", " ", "\n"]
ESCAPES = ["\\ud800", "\\udfff", "\\u0000", "\\u0001", "\\u001b", "\\u007f", "\\u0085", "\\u009b", "\\ufffe",
           "\\x01", "\\e", "\\0", "\\N", "\\L", "\\r\\n", "\\t"]
VALUES = ["9" * 5000, "9" * 4301, "-" + "9" * 4400, "0x" + "f" * 5000, "0o" + "7" * 5000, "1" * 40, "1e999",
          "1.0e+999", "-1.0e+999", ".nan", ".inf", "-.inf", "NaN", "Infinity", "-Infinity", "true", "false", "null",
          "~", "2020-13-45", "2020-02-30", "2021-02-29T25:61:00", "0", "-1", "3.0", "'3'", "[]", "{}", "[Flow]",
          "{x: 1}", '{"x": 1}', "!!int abc", "!!float x", "!!bool maybe", "!!timestamp nope", "!!binary '%%'",
          "!!set {a, b}", "!!python/object:os.system x", "!foo bar", "*undefined", "<<: 3", "''", '""', "-",
          "|\n  block\n  text", ">-\n  folded"]


@contextmanager
def deadline(seconds: float):
    """Raise TimeoutError if the block runs longer than ``seconds`` (where signals allow)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum, frame):
        raise TimeoutError(f"no answer within {seconds} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _excerpt(model, n: int = 12) -> dict:
    """The first ``n`` elements of a bundled model, with the relationships among them."""
    data = eaframe.modelfile.to_data(model)
    els = data.get("elements", [])[:n]
    ids = {e["id"] for e in els}
    rels = [r for r in data.get("relationships", []) if r["source"] in ids and r["target"] in ids]
    for e in els:
        if e.get("owner") not in ids:
            e.pop("owner", None)
    out = {"eaframe": "1", "metadata": data["metadata"], "elements": els}
    if rels:
        out["relationships"] = rels
    views = [{"id": "view.first", "name": {"en": "First"}, "elements": sorted(ids)}]
    out["views"] = views
    return out


def seeds() -> list[tuple[str, str]]:
    """``(format, text)`` of every starting file, in YAML and JSON."""
    out = []
    for path in sorted((ROOT / "tests" / "data").glob("*/*.yaml")):
        text = path.read_text(encoding="utf-8")
        out.append(("yaml", text))
        try:
            out.append(("json", dumps(loads(text, strict=False), "json")))
        except ModelValidationError:
            pass
    for name in eaframe.bundled_models():
        model = eaframe.load(name)
        data = _excerpt(model)
        out.append(("yaml", dumps(eaframe.ArchitectureModel.model_validate(data))))
        out.append(("json", json.dumps(data, ensure_ascii=False, indent=2)))
    return out


# ------------------------------------------------------------------ mutations
def _pos(rng: random.Random, text: str) -> int:
    return rng.randrange(len(text) + 1)


def flip(rng, text, fmt):
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        if chars:
            chars[rng.randrange(len(chars))] = rng.choice(ODD + [chr(rng.randrange(32, 0x3000))])
    return "".join(chars)


def truncate(rng, text, fmt):
    return text[:_pos(rng, text)]


def lines_op(rng, text, fmt):
    lines = text.split("\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    op = rng.choice(["del", "dup", "swap", "del-block"])
    if op == "del":
        del lines[i]
    elif op == "dup":
        lines.insert(j, lines[i])
    elif op == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    else:
        del lines[min(i, j):max(i, j) + 1]
    return "\n".join(lines)


def _value_slots(text: str, fmt: str) -> list[tuple[int, int]]:
    """Spans of the scalar values of ``key: value`` lines (YAML) or ``"key": value`` (JSON)."""
    spans = []
    start = 0
    for line in text.split("\n"):
        k = line.find(": ")
        if k >= 0 and line[k + 2:].strip():
            a = start + k + 2
            b = start + len(line.rstrip(","))
            spans.append((a, b))
        start += len(line) + 1
    return spans


def swap_values(rng, text, fmt):
    spans = _value_slots(text, fmt)
    if len(spans) < 2:
        return text
    (a1, b1), (a2, b2) = sorted(rng.sample(spans, 2))
    return text[:a1] + text[a2:b2] + text[b1:a2] + text[a1:b1] + text[b2:]


def replace_value(rng, text, fmt):
    spans = _value_slots(text, fmt)
    if not spans:
        return text
    a, b = rng.choice(spans)
    value = rng.choice(VALUES)
    if fmt == "json" and rng.random() < 0.5:
        value = json.dumps(value) if rng.random() < 0.3 else value.replace("\n", " ")
    return text[:a] + value + text[b:]


def deep(rng, text, fmt):
    spans = _value_slots(text, fmt)
    n = rng.choice([50, 200, 999, 1001, 3000, 10000])
    opener, closer = rng.choice([("[", "]"), ('{"a": ' if fmt == "json" else "{a: ", "}")])
    nest = opener * n + "1" + closer * n
    if not spans:
        return nest
    a, b = rng.choice(spans)
    return text[:a] + nest + text[b:]


def escapes(rng, text, fmt):
    spans = _value_slots(text, fmt)
    if not spans:
        return text
    a, b = rng.choice(spans)
    esc = rng.choice(ESCAPES)
    if fmt == "json":
        return text[:a] + '"x' + esc.replace("\\x", "\\u00") + 'y"' + text[b:]
    return text[:a] + '"x' + esc + 'y"' + text[b:]


def aliases(rng, text, fmt):
    if fmt == "json":
        return flip(rng, text, fmt)
    spans = _value_slots(text, fmt)
    if len(spans) < 2:
        return text
    (a1, b1), (a2, b2) = sorted(rng.sample(spans, 2))
    kind = rng.choice(["plain", "recursive", "bomb", "merge"])
    if kind == "plain":
        return text[:a1] + "&x " + text[a1:b1] + text[b1:a2] + "*x" + text[b2:]
    if kind == "recursive":
        return text[:a1] + "&x [*x]" + text[b1:]
    if kind == "merge":
        return text[:a1] + "&x {k: v}" + text[b1:a2] + "{<<: *x, j: w}" + text[b2:]
    levels, width = rng.randint(3, 12), rng.randint(2, 10)
    bomb = "[&a0 [" + ", ".join(["lol"] * width) + "]"
    for i in range(1, levels):
        bomb += f", &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]"
    return text[:a1] + bomb + "]" + text[b1:]


def json_specials(rng, text, fmt):
    if fmt != "json":
        return replace_value(rng, text, fmt)
    kind = rng.choice(["dupkey", "const", "bignum"])
    if kind == "dupkey":
        k = text.find('"id": ')
        return text if k < 0 else text[:k] + '"name": {"en": "dup"}, ' + text[k:]
    spans = _value_slots(text, fmt)
    if not spans:
        return text
    a, b = rng.choice(spans)
    return text[:a] + rng.choice(["NaN", "Infinity", "-Infinity", "1e999", "9" * 5000, "-0"]) + text[b:]


MUTATIONS = [flip, truncate, lines_op, swap_values, replace_value, deep, escapes, aliases, json_specials]


def corpus() -> list[tuple[str, str, str]]:
    """``(format, text, description)`` of every fuzz case (deterministic)."""
    rng = random.Random(SEED)
    base = seeds()
    out = []
    for i in range(CASES):
        fmt, text = base[i % len(base)]
        names = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            mutate = rng.choice(MUTATIONS)
            text = mutate(rng, text, fmt)
            names.append(mutate.__name__)
        out.append((fmt, text, f"case {i} ({fmt}: {'+'.join(names)})"))
    return out


def _check_case(fmt: str, text: str, what: str) -> str:
    """Load one case; return 'ok' or 'error', failing the test on anything else."""
    start = time.perf_counter()
    try:
        with deadline(MAX_CASE_SECONDS):
            model = loads(text, format=fmt, filename=f"fuzz.{fmt}")
    except EaframeError as err:
        for p in getattr(err, "problems", ()):
            assert len(str(p)) <= MAX_MESSAGE, f"{what}: message of {len(str(p))} characters: {str(p)[:300]}"
        assert len(str(err).split("\n", 1)[0]) <= MAX_MESSAGE, what
        outcome = "error"
    else:
        for out_fmt in ("yaml", "json"):
            with deadline(MAX_CASE_SECONDS):
                again = loads(dumps(model, out_fmt), format=out_fmt)
            assert again == model, f"{what}: {out_fmt} round trip changed the model"
        outcome = "ok"
    elapsed = time.perf_counter() - start
    assert elapsed < MAX_CASE_SECONDS, f"{what}: took {elapsed:.1f} s"
    return outcome


@pytest.fixture(scope="module")
def cases():
    return corpus()


def test_fuzz_loads_gives_a_model_or_an_eaframe_error(cases):
    start = time.perf_counter()
    outcomes = {"ok": 0, "error": 0}
    for fmt, text, what in cases:
        outcomes[_check_case(fmt, text, what)] += 1
    assert len(cases) >= 1000
    # the mutations are not all fatal, nor all harmless
    assert outcomes["ok"] > 50 and outcomes["error"] > 300, outcomes
    assert time.perf_counter() - start < TOTAL_SECONDS


def test_fuzz_sample_through_the_cli(cases, tmp_path):
    rng = random.Random(SEED + 1)
    runner = CliRunner()
    codes = set()
    for fmt, text, what in rng.sample(cases, CLI_SAMPLE):
        path = tmp_path / f"fuzz.{fmt}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        result = runner.invoke(main, ["validate", str(path)])
        assert result.exit_code in (0, 1), f"{what}: exit {result.exit_code}: {result.output[-500:]}"
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            f"{what}: {type(result.exception).__name__}: {result.exception}"
        assert "Traceback" not in result.output, what
        codes.add(result.exit_code)
    assert codes == {0, 1}


def test_mutator_is_deterministic():
    assert corpus()[:20] == corpus()[:20]
