"""Fuzz test of the Archi CSV reader: mutated CSV sets give a model or an EaframeError, nothing else."""

from __future__ import annotations

import os
import random
import re
import shutil
import tempfile
import time
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from eaframe import ArchitectureModel, EaframeError, bundled_models, synthetic_model
from eaframe.bundled import load_model
from eaframe.cli import main
from eaframe.exchange import read_archi_csv, write_archi_csv

NAMES = ("elements.csv", "relations.csv", "properties.csv")
SETS = 1000
SEED = 20261201


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> list[dict[str, bytes]]:
    """The CSV sets that the mutations start from: bundled models and small synthetic models.

    Some are neutralised, some raw, and some have their eaframe set marker removed (as a
    set from Archi would be), so that mutated relations reach the reader's later checks.
    """
    root = tmp_path_factory.mktemp("csv-bases")
    models = [load_model(n) for n in bundled_models()] + [synthetic_model(30, seed=s) for s in range(5)]
    out = []
    for i, m in enumerate(models):
        folder = root / str(i)
        write_archi_csv(m, folder, raw=i % 3 == 2)
        files = {n: (folder / n).read_bytes() for n in NAMES}
        if i % 3 == 1:
            files["elements.csv"] = re.sub(rb'"ArchimateModel","([^"]|"")*","([^"]|"")*","eaframe-csv [^"]*"',
                                           lambda m: m.group(0)[: m.group(0).rindex(b',"eaframe-csv')] + b',""',
                                           files["elements.csv"], count=1)
            assert b"eaframe-csv" not in files["elements.csv"]
        out.append(files)
    return out


@pytest.fixture
def work_dir(tmp_path):
    """A folder for the mutated sets: in memory (/dev/shm) where there is one, as a thousand
    sets of small writes cost seconds on a busy disk; else pytest's temporary folder."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        folder = Path(tempfile.mkdtemp(prefix="eaframe-fuzz-csv-", dir=shm))
        yield folder
        shutil.rmtree(folder, ignore_errors=True)
    else:
        yield tmp_path


def _fields(line: bytes) -> list[bytes]:
    return line.split(b'","')


def mutate(files: dict[str, bytes], rng: random.Random, bases: list[dict[str, bytes]]) -> dict[str, bytes | None]:
    """Apply 1 to 4 random mutations to one file (or to the set) of ``files``."""
    out: dict[str, bytes | None] = dict(files)
    for _ in range(rng.randint(1, 4)):
        name = rng.choice(NAMES)
        data = out[name]
        if data is None:
            continue
        buf = bytearray(data)
        pos = rng.randrange(len(buf) + 1)
        lines = bytes(buf).split(b"\r\n")
        op = rng.randrange(16)
        if op == 0 and buf:  # byte flip
            buf[min(pos, len(buf) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1:  # random byte
            buf[pos:pos] = bytes([rng.randrange(256)])
        elif op == 2:  # truncation
            del buf[pos:]
        elif op == 3 and len(lines) > 1:  # deleted line
            del lines[rng.randrange(len(lines))]
            buf = bytearray(b"\r\n".join(lines))
        elif op == 4:  # duplicated line
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            buf = bytearray(b"\r\n".join(lines))
        elif op in (5, 6):  # deleted or duplicated column, in every line
            col = rng.randrange(7)
            rows = []
            for line in lines:
                f = _fields(line)
                if col < len(f):
                    if op == 5:
                        del f[col]
                    else:
                        f.insert(col, f[col])
                rows.append(b'","'.join(f))
            buf = bytearray(b"\r\n".join(rows))
        elif op == 7:  # stray, doubled or removed quote
            if rng.random() < 0.5:
                buf[pos:pos] = b'"'
            elif b'"' in buf:
                q = buf.find(b'"', pos)
                if q >= 0:
                    del buf[q]
        elif op == 8:  # odd encodings and byte order marks
            text = bytes(buf).decode("utf-8", errors="replace")
            enc = rng.choice(["utf-16", "utf-16-le", "utf-8-sig", "cp1252", "latin-1", "utf-32"])
            buf = bytearray(text.encode(enc, errors="replace"))
            if rng.random() < 0.3:
                buf[0:0] = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf"])
        elif op == 9:  # control characters
            buf[pos:pos] = bytes([rng.choice([0, 1, 7, 8, 9, 10, 11, 12, 13, 27, 31, 127])]) * rng.randint(1, 3)
        elif op == 10:  # huge field
            buf[pos:pos] = rng.choice([b"x", b"\xc4\x91", b'""', b","]) * rng.randint(50_000, 140_000)
        elif op == 11 and len(lines) > 2:  # unknown or odd types and special values
            i = rng.randrange(1, len(lines))
            f = _fields(lines[i])
            if len(f) > 2:
                f[1 if name != "properties.csv" else 2] = rng.choice(
                    [b"Xor", b"BusinessActorX", b"Junction", b"ArchimateModel", b"", b"Relationship",
                     b"AccessRelationship", b"FlowRelationship", b"Junction_Type", b"Access_Type", b"=1+1"])
                lines[i] = b'","'.join(f)
                buf = bytearray(b"\r\n".join(lines))
        elif op == 12:  # another delimiter or line end
            buf = bytearray(bytes(buf).replace(*rng.choice([(b'","', b'";"'), (b'","', b'"\t"'),
                                                            (b"\r\n", b"\n"), (b"\r\n", b"\r")])))
        elif op == 13:  # a file missing
            out[name] = None
            continue
        elif op == 14:  # a file from another export (a mixed set)
            out[name] = rng.choice(bases)[name]
            continue
        else:  # a cell replaced by hostile text
            i = rng.randrange(len(lines))
            f = _fields(lines[i])
            f[rng.randrange(len(f))] = rng.choice([b"'=x", b"=cmd|' /C calc'!A0", b"''", b"\xed\xa0\x80",
                                                   b"a\"b", b"id with spaces", b"\x00", "ä".encode("utf-16")])
            lines[i] = b'","'.join(f)
            buf = bytearray(b"\r\n".join(lines))
        out[name] = bytes(buf)
    return out


def write_set(folder: Path, files: dict[str, bytes | None]) -> None:
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        path = folder / name
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)


def test_mutated_csv_sets_give_a_model_or_an_eaframe_error(bases, work_dir):
    rng = random.Random(SEED)
    outcomes = {"model": 0, "error": 0}
    started = time.perf_counter()
    weights = [1] * len(bundled_models()) + [2] * (len(bases) - len(bundled_models()))  # small sets read faster
    for i in range(SETS):
        files = mutate(rng.choices(bases, weights)[0], rng, bases)
        write_set(work_dir / "set", files)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                m = read_archi_csv(work_dir / "set")
        except EaframeError as err:
            assert str(err), i
            outcomes["error"] += 1
        else:
            assert isinstance(m, ArchitectureModel)
            outcomes["model"] += 1
    elapsed = time.perf_counter() - started
    assert outcomes["model"] > 50 and outcomes["error"] > 200, outcomes  # the mutations reach both outcomes
    assert elapsed < 60, elapsed


def test_mutated_csv_sets_through_the_cli(bases, tmp_path):
    rng = random.Random(SEED + 1)
    codes = set()
    for i in range(30):
        write_set(tmp_path / "set", mutate(rng.choice(bases), rng, bases))
        out = tmp_path / f"out{i}.yaml"
        res = CliRunner().invoke(main, ["import", str(tmp_path / "set"), "-o", str(out)])
        assert res.exit_code in (0, 1), (i, res.output)
        assert res.exception is None or isinstance(res.exception, SystemExit), (i, repr(res.exception))
        assert "Traceback" not in res.output
        assert (res.exit_code == 0) == out.is_file(), (i, res.output)
        codes.add(res.exit_code)
    assert codes == {0, 1}
