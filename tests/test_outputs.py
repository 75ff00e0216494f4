"""Where bytes go: atomic writes, devices, symlinks, permissions, temporary files,
``-`` for stdin/stdout, and the CLI's handling of output paths (exit codes, messages).

Device nodes are never put at risk: every test runs under a guard that refuses to
rename anything over a device node or FIFO (so a regression fails the test instead of
replacing ``/dev/null``), and ``/dev/null``/``/dev/full`` are only written to and then
checked to still be character devices.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import eaframe.modelfile
from eaframe import dumps, load, loads, save, synthetic_model
from eaframe.cli import main
from eaframe.exceptions import EaframeError
from eaframe.exchange import generate_archimate, read_archimate, write_archimate

POSIX = os.name == "posix"
posix_only = pytest.mark.skipif(not POSIX, reason="POSIX file types and permissions")
root_only = pytest.mark.skipif(not POSIX or os.geteuid() != 0, reason="needs root (chown to another user)")
has_devices = pytest.mark.skipif(not (Path("/dev/null").is_char_device() and Path("/dev/full").is_char_device()),
                                 reason="needs /dev/null and /dev/full")

# the temporary file of a write to NAME: .NAME.eaframe-PID-XXXXXXXX.tmp
TMP_NAME = re.compile(r"\.(?P<name>.+)\.eaframe-(?P<pid>[0-9]+)-[0-9a-f]{8}\.tmp\Z")


def _special(path) -> bool:
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISLNK(mode) or stat.S_ISDIR(mode))


@pytest.fixture(autouse=True)
def never_replace_devices(monkeypatch):
    """Fail (instead of destroying it) when code renames a file over a device or FIFO."""
    real_replace, real_rename = os.replace, os.rename

    def guarded(real):
        def call(src, dst, *args, **kwargs):
            if _special(dst):
                raise AssertionError(f"refused to rename {src} over the special file {dst}")
            return real(src, dst, *args, **kwargs)
        return call

    monkeypatch.setattr(os, "replace", guarded(real_replace))
    monkeypatch.setattr(os, "rename", guarded(real_rename))


def small_text() -> str:
    return dumps(synthetic_model(12, seed=3))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ------------------------------------------------------------ special targets
@posix_only
def test_symlink_is_followed_and_kept(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real.name)
    eaframe.modelfile.atomic_write_text(link, "new")
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_text(encoding="utf-8") == "new"
    assert leftovers(tmp_path) == []


@posix_only
def test_chain_of_symlinks_and_dangling_symlink(tmp_path):
    (tmp_path / "sub").mkdir()
    real = tmp_path / "sub" / "real.txt"
    (tmp_path / "b").symlink_to(real)  # dangling until written
    (tmp_path / "a").symlink_to("b")
    eaframe.modelfile.atomic_write_bytes(tmp_path / "a", b"data")
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()
    assert real.read_bytes() == b"data"
    assert leftovers(tmp_path) == [] and leftovers(tmp_path / "sub") == []


@posix_only
def test_fifo_is_written_in_place(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def reader():
        with open(fifo, "rb") as fh:
            got.append(fh.read())

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    try:
        eaframe.modelfile.atomic_write_text(fifo, "through the pipe\n")
    finally:
        if t.is_alive() and stat.S_ISFIFO(os.lstat(fifo).st_mode):
            # unblock the reader if nothing was written to the pipe; ENXIO: the reader has
            # already closed its end (it is just finishing), so there is nothing to unblock
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError as err:
                if err.errno != errno.ENXIO:
                    raise
        t.join(10)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path) == []


@has_devices
def test_dev_null_stays_a_device():
    eaframe.modelfile.atomic_write_bytes("/dev/null", b"discarded")
    with eaframe.modelfile.atomic_open("/dev/null") as fh:
        fh.write(b"discarded too")
    assert Path("/dev/null").is_char_device()


@has_devices
def test_dev_full_reports_disk_full_and_stays_a_device():
    with pytest.raises(EaframeError) as info:
        eaframe.modelfile.atomic_write_text("/dev/full", "x" * 100)
    err = info.value
    assert isinstance(err, OSError) and err.errno == 28 and err.filename == "/dev/full"
    assert str(err).startswith("cannot write /dev/full: No space left on device")
    assert Path("/dev/full").is_char_device()
    assert not any(TMP_NAME.match(p.name) or p.name.startswith(".full.") for p in Path("/dev").iterdir())


def test_missing_folder_is_a_clear_error(tmp_path):
    target = tmp_path / "no" / "such" / "m.yaml"
    with pytest.raises(EaframeError) as info:
        eaframe.modelfile.atomic_write_text(target, "x")
    assert isinstance(info.value, OSError)
    assert str(info.value).startswith(f"cannot write {target}: No such file or directory")
    assert "folder" in str(info.value)


def test_directory_target_is_a_clear_error(tmp_path):
    with pytest.raises(EaframeError, match="cannot write .*: Is a directory"):
        eaframe.modelfile.atomic_write_text(tmp_path, "x")
    assert list(tmp_path.iterdir()) == []


def test_errors_of_the_writing_code_pass_through_unchanged(tmp_path):
    target = tmp_path / "m.bin"
    target.write_bytes(b"old")

    class Boom(OSError):
        pass

    with pytest.raises(Boom), eaframe.modelfile.atomic_open(target) as fh:
        fh.write(b"partial")
        raise Boom("the caller's own error")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


# ------------------------------------------------------------ permissions
@posix_only
def test_overwrite_keeps_the_mode(tmp_path):
    target = tmp_path / "secret.yaml"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o600)
    save(loads(small_text()), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    os.chmod(target, 0o640)
    eaframe.modelfile.atomic_write_bytes(target, b"x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@posix_only
def test_new_file_gets_the_umask_mode_without_touching_the_umask(tmp_path, monkeypatch):
    def no_umask(*a):
        raise AssertionError("os.umask() changes process-wide state; the kernel applies it already")

    old = os.umask(0o027)
    try:
        with monkeypatch.context() as mp:
            mp.setattr(os, "umask", no_umask)
            eaframe.modelfile.atomic_write_text(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


@root_only
def test_overwrite_keeps_the_owner(tmp_path):
    target = tmp_path / "owned.yaml"
    target.write_text("old", encoding="utf-8")
    os.chown(target, 1, 1)
    eaframe.modelfile.atomic_write_text(target, "new")
    st = target.stat()
    assert (st.st_uid, st.st_gid) == (1, 1) and target.read_text(encoding="utf-8") == "new"


# ------------------------------------------------------------ temporary files
def test_temporary_file_is_created_at_the_first_write_and_named_for_eaframe(tmp_path):
    target = tmp_path / "m.xml"
    with eaframe.modelfile.atomic_open(target) as fh:
        assert list(tmp_path.iterdir()) == []  # nothing on disk before writing starts
        fh.write(b"<x/>")
        names = leftovers(tmp_path)
        assert len(names) == 1
        m = TMP_NAME.match(names[0])
        assert m and m["name"] == "m.xml" and int(m["pid"]) == os.getpid()
    assert leftovers(tmp_path) == [] and target.read_bytes() == b"<x/>"


def test_empty_content_still_replaces_the_file(tmp_path):
    target = tmp_path / "empty.txt"
    target.write_text("old", encoding="utf-8")
    with eaframe.modelfile.atomic_open(target):
        pass
    assert target.read_bytes() == b"" and leftovers(tmp_path) == []


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@posix_only
def test_stale_temporary_files_of_the_same_target_are_removed(tmp_path):
    dead = _dead_pid()
    target = tmp_path / "m.yaml"
    stale = tmp_path / f".m.yaml.eaframe-{dead}-0123abcd.tmp"
    impossible_pid = tmp_path / ".m.yaml.eaframe-9999999999-5555abcd.tmp"
    old_alive = tmp_path / f".m.yaml.eaframe-{os.getpid()}-0000abcd.tmp"
    fresh_alive = tmp_path / f".m.yaml.eaframe-{os.getpid()}-1111abcd.tmp"
    other_target = tmp_path / f".n.yaml.eaframe-{dead}-2222abcd.tmp"
    not_ours = tmp_path / ".m.yaml.tmp"
    foreign_pattern = tmp_path / f".m.yaml.eaframe-{dead}-xyz.tmp"
    for p in (stale, impossible_pid, old_alive, fresh_alive, other_target, not_ours, foreign_pattern):
        p.write_bytes(b"partial")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old_alive, (two_days_ago, two_days_ago))
    eaframe.modelfile.atomic_write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert not stale.exists() and not old_alive.exists() and not impossible_pid.exists()
    assert fresh_alive.exists() and other_target.exists() and not_ours.exists() and foreign_pattern.exists()


@posix_only
def test_stale_symlink_or_folder_with_the_pattern_is_left_alone(tmp_path):
    dead = _dead_pid()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    link = tmp_path / f".m.yaml.eaframe-{dead}-3333abcd.tmp"
    link.symlink_to(victim)
    folder = tmp_path / f".m.yaml.eaframe-{dead}-4444abcd.tmp"
    folder.mkdir()
    eaframe.modelfile.atomic_write_text(tmp_path / "m.yaml", "new")
    assert link.is_symlink() and folder.is_dir() and victim.read_text(encoding="utf-8") == "keep"


@posix_only
def test_leftover_of_a_killed_writer_is_removed_by_the_next_write(tmp_path):
    target = tmp_path / "big.xml"
    code = ("import sys, time\nfrom eaframe.modelfile import atomic_open\n"
            "with atomic_open(sys.argv[1]) as fh:\n"
            "    fh.write(b'<' * 1_000_000)\n    fh.flush()\n"
            "    print('writing', flush=True)\n    time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "writing\n"
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
    left = leftovers(tmp_path)
    assert len(left) == 1 and not target.exists()
    assert TMP_NAME.match(left[0])["pid"] == str(proc.pid)
    eaframe.modelfile.atomic_write_text(target, "<x/>")
    assert leftovers(tmp_path) == [] and target.read_text(encoding="utf-8") == "<x/>"


# ------------------------------------------------------------ paths or open files
def test_load_and_save_accept_binary_and_text_files():
    text = small_text()
    m = load(io.BytesIO(text.encode("utf-8")))
    assert dumps(m) == text
    assert dumps(load(io.StringIO(text))) == text
    out_b, out_t = io.BytesIO(), io.StringIO()
    save(m, out_b)
    save(m, out_t, format="json")
    assert out_b.getvalue().decode("utf-8") == text
    assert json.loads(out_t.getvalue())["eaframe"] == "1"


def test_load_of_a_binary_file_that_is_not_utf8_is_a_load_error():
    src = io.BytesIO(b"metadata: {title: {en: \xff}}\n")
    src.name = "latin.yaml"
    with pytest.raises(EaframeError, match="latin.yaml: .*UTF-8"):
        load(src)


def test_exchange_writer_and_readers_accept_text_and_binary_files(shared):
    from eaframe.exchange import validate_exchange

    m = synthetic_model(15, seed=2)
    data = generate_archimate(m, layout="grid")
    as_text = io.StringIO()
    write_archimate(m, as_text, layout="grid")
    assert as_text.getvalue().encode("utf-8") == data
    as_bytes = io.BytesIO()
    write_archimate(m, as_bytes, layout="grid")
    assert as_bytes.getvalue() == data
    assert dumps(read_archimate(io.StringIO(data.decode("utf-8")))) == dumps(read_archimate(io.BytesIO(data)))
    xsd = shared / "archimate" / "xsd"
    assert validate_exchange(io.StringIO(data.decode("utf-8")), xsd) == []


def test_something_that_is_neither_a_path_nor_a_file_is_a_type_error():
    with pytest.raises(TypeError, match="path or an open file"):
        save(loads(small_text()), 42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="path or an open file"):
        load(3.5)  # type: ignore[arg-type]


# ====================================================================== CLI
def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.fixture
def model_file(tmp_path):
    p = tmp_path / "m.yaml"
    p.write_text(small_text(), encoding="utf-8")
    return p


@pytest.fixture
def model_pair(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(dumps(synthetic_model(12, seed=3)), encoding="utf-8")
    b.write_text(dumps(synthetic_model(14, seed=3)), encoding="utf-8")
    return a, b


def _commands(model: Path, pair: tuple[Path, Path], out: Path) -> dict[str, list]:
    """Every command writing one file to ``out``, with arguments that make it succeed."""
    a, b = pair
    return {
        "schema": ["schema", "-o", out],
        "check": ["check", model, "--rule", "EGOV-H*", "--format", "json", "-o", out],
        "diff": ["diff", a, b, "-o", out],
        "export-yaml": ["export", model, "--to", "yaml", "-o", out],
        "export-json": ["export", model, "--to", "json", "-o", out],
        "export-archimate": ["export", model, "--to", "archimate", "--layout", "grid", "-o", out],
        "export-graphml": ["export", model, "--to", "graphml", "-o", out],
        "render": ["render", model, "--format", "dot", "-o", out] if str(out) == "-" else ["render", model, "-o", out],
        "render-diff": ["render-diff", a, b, "--format", "dot", "-o", out] if str(out) == "-"
        else ["render-diff", a, b, "-o", out],
        "render-findings": ["render-findings", model, "--format", "dot", "-o", out] if str(out) == "-"
        else ["render-findings", model, "-o", out],
    }


# check exits 1 when it finds an error-level finding; the output is written either way
CODES = {"check": (0, 1)}
FILE_COMMANDS = ("schema", "check", "diff", "export-yaml", "export-json", "export-archimate", "export-graphml",
                 "render", "render-diff", "render-findings")


def _ok(r, *codes):
    assert r.exit_code in (codes or (0,)), (r.exit_code, r.output)
    assert "Traceback" not in r.output and not (r.exception and not isinstance(r.exception, SystemExit)), \
        repr(r.exception)


@has_devices
@pytest.mark.parametrize("name", FILE_COMMANDS + ("import",))
def test_cli_output_to_dev_null_is_fine_and_leaves_the_device(name, model_file, model_pair, tmp_path):
    args = _commands(model_file, model_pair, Path("/dev/null")).get(name)
    if name == "import":
        xml = tmp_path / "m.xml"
        xml.write_bytes(generate_archimate(load(model_file), layout="grid"))
        args = ["import", xml, "-o", "/dev/null"]
    if name == "render" or name.startswith("render-"):
        args = args + ["--format", "dot"]
    r = run(*args)
    _ok(r, *CODES.get(name, (0,)))
    assert Path("/dev/null").is_char_device()


@has_devices
@pytest.mark.parametrize("name", FILE_COMMANDS + ("import",))
def test_cli_disk_full_is_a_clean_error(name, model_file, model_pair, tmp_path):
    args = _commands(model_file, model_pair, Path("/dev/full")).get(name)
    if name == "import":
        xml = tmp_path / "m.xml"
        xml.write_bytes(generate_archimate(load(model_file), layout="grid"))
        args = ["import", xml, "-o", "/dev/full"]
    if name == "render" or name.startswith("render-"):
        args = args + ["--format", "dot"]
    r = run(*args)
    _ok(r, 1)
    assert "error: cannot write /dev/full: No space left on device" in r.stderr
    assert Path("/dev/full").is_char_device()


@has_devices
def test_cli_diff_migration_to_dev_full(model_pair):
    a, b = model_pair
    r = run("diff", a, b, "--migration", "/dev/full")
    _ok(r, 1)
    assert "error: cannot write /dev/full: No space left on device" in r.stderr
    assert Path("/dev/full").is_char_device()


@pytest.mark.parametrize("name", FILE_COMMANDS)
def test_cli_missing_folders_are_created(name, model_file, model_pair, tmp_path):
    ext = {"schema": ".json", "check": ".json", "diff": ".txt", "export-yaml": ".yaml", "export-json": ".json",
           "export-archimate": ".xml", "export-graphml": ".graphml"}.get(name, ".dot")
    out = tmp_path / "new" / "deeper" / f"out{ext}"
    r = run(*_commands(model_file, model_pair, out)[name])
    _ok(r, *CODES.get(name, (0,)))
    assert out.is_file() and out.stat().st_size > 0
    assert leftovers(out.parent) == []


def test_cli_missing_folders_are_created_for_import_migration_csv_all_views_demo(model_file, model_pair, tmp_path,
                                                                                 monkeypatch):
    xml = tmp_path / "m.xml"
    xml.write_bytes(generate_archimate(load(model_file), layout="grid"))
    _ok(run("import", xml, "-o", tmp_path / "i" / "j" / "m.yaml"))
    assert (tmp_path / "i" / "j" / "m.yaml").is_file()
    a, b = model_pair
    _ok(run("diff", a, b, "--migration", tmp_path / "k" / "l" / "mig.xml"))
    assert (tmp_path / "k" / "l" / "mig.xml").is_file()
    _ok(run("export", model_file, "--to", "csv", "-o", tmp_path / "c" / "d"))
    assert (tmp_path / "c" / "d" / "elements.csv").is_file()
    _ok(run("render", model_file, "--all-views", "--format", "dot", "-o", tmp_path / "v" / "w"))
    assert (tmp_path / "v" / "w" / "layered.dot").is_file()
    from eaframe.cli import demo as demo_module

    monkeypatch.setattr(demo_module, "DEMO_STEPS", [("summarise", demo_module.DEMO_STEPS[0][1])])
    _ok(run("demo", "-o", tmp_path / "x" / "y"))
    assert (tmp_path / "x" / "y" / "summary.txt").is_file()


def test_cli_a_parent_that_is_a_file_is_a_clean_error(model_file, tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    r = run("export", model_file, "--to", "yaml", "-o", tmp_path / "afile" / "out.yaml")
    _ok(r, 1)
    assert f"error: cannot write {tmp_path / 'afile' / 'out.yaml'}" in r.stderr


@pytest.mark.parametrize("name", FILE_COMMANDS)
def test_cli_output_that_is_a_folder_is_a_usage_error(name, model_file, model_pair, tmp_path):
    folder = tmp_path / "folder.dot"
    folder.mkdir()
    r = run(*_commands(model_file, model_pair, folder)[name])
    _ok(r, 2)
    assert "folder" in r.stderr or "directory" in r.stderr
    assert list(folder.iterdir()) == []


def test_cli_folder_outputs_that_are_files_are_usage_errors(model_file, tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("keep", encoding="utf-8")
    for args in (["export", model_file, "--to", "csv", "-o", afile],
                 ["render", model_file, "--all-views", "--format", "dot", "-o", afile],
                 ["demo", "-o", afile]):
        r = run(*args)
        _ok(r, 2)
        assert afile.read_text(encoding="utf-8") == "keep"


def test_cli_import_refuses_to_overwrite_its_input(model_file, tmp_path):
    xml = tmp_path / "m.xml"
    data = generate_archimate(load(model_file), layout="grid")
    xml.write_bytes(data)
    r = run("import", xml, "-o", xml)
    _ok(r, 2)
    assert "is the input" in r.stderr
    assert xml.read_bytes() == data


@posix_only
@pytest.mark.parametrize("how", ["same", "hardlink", "symlink"])
def test_cli_outputs_that_are_an_input_are_usage_errors(how, model_file, model_pair, tmp_path):
    a, b = model_pair
    before = {p: p.read_bytes() for p in (model_file, a, b)}

    def alias(p: Path) -> Path:
        if how == "same":
            return p
        q = tmp_path / f"alias-{p.name}"
        if q.exists() or q.is_symlink():
            q.unlink()
        os.link(p, q) if how == "hardlink" else q.symlink_to(p)
        return q

    cases = [
        ["export", model_file, "--to", "yaml", "-o", alias(model_file)],
        ["check", model_file, "-o", alias(model_file)],
        ["diff", a, b, "-o", alias(b)],
        ["diff", a, b, "--migration", alias(a)],
        ["check", model_file, "--framework-model", a, "-o", alias(a)],
    ]
    if how != "same":
        cases.append(["import", alias(model_file), "-o", model_file])
    for args in cases:
        r = run(*args)
        _ok(r, 2)
        assert "is the input" in r.stderr, (args, r.stderr)
    assert {p: p.read_bytes() for p in before} == before


def test_cli_the_file_of_a_bundled_model_is_an_input_too(tmp_path):
    from eaframe.bundled import bundled_path

    target = bundled_path("vn-province-2.0")
    before = target.read_bytes()
    try:
        r = run("check", "vn-province-2.0", "-o", target)
        after = target.read_bytes()
    finally:
        if target.read_bytes() != before:  # a regression: put the bundled model back
            target.write_bytes(before)
    _ok(r, 2)
    assert "is the input" in r.stderr and after == before


def test_cli_unknown_output_extensions_are_usage_errors(model_file, model_pair, tmp_path):
    a, b = model_pair
    cases = [
        (["import", tmp_path / "m.xml", "-o", tmp_path / "out.txt"], ".yaml, .yml or .json"),
        (["render", model_file, "-o", tmp_path / "out.jpeg"], ".svg, .png, .pdf or .dot"),
        (["render-diff", a, b, "-o", tmp_path / "out.txt"], ".svg, .png, .pdf or .dot"),
        (["render-findings", model_file, "-o", tmp_path / "out"], ".svg, .png, .pdf or .dot"),
        (["diff", a, b, "--migration", tmp_path / "mig.txt"], ".xml, .yaml, .yml or .json"),
    ]
    (tmp_path / "m.xml").write_bytes(generate_archimate(load(model_file), layout="grid"))
    for args, hint in cases:
        r = run(*args)
        _ok(r, 2)
        assert hint in r.stderr, (args, r.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml", "m.xml", "m.yaml"]


# ------------------------------------------------------------ '-' for stdin/stdout
def test_cli_reads_models_from_stdin_in_any_format(model_file):
    text = model_file.read_text(encoding="utf-8")
    m = load(model_file)
    as_json = dumps(m, "json")
    xml = generate_archimate(m, layout="grid")
    for content in (text, as_json, xml):
        r = run("validate", "-", input=content)
        _ok(r)
        assert r.stdout.startswith("<stdin>: ok (12 elements")
    r = run("info", "-", "--format", "json", input=as_json)
    _ok(r)
    assert json.loads(r.stdout)["elements"] == 12
    r = run("diff", "-", model_file, "--exit-code", input=as_json)
    _ok(r)
    r = run("import", "-", "-o", "-", input=xml)
    _ok(r)
    assert r.stdout == text


def test_cli_stdin_errors_name_stdin(model_file):
    r = run("validate", "-", input="metadata: {title: {en: x}}\nelements: [{id: a, type: Nope}]\n")
    _ok(r, 1)
    assert "<stdin>:2:" in r.stderr and "unknown element type 'Nope'" in r.stderr
    r = run("info", "-", input=b"<?xml version='1.0'?><model/>")  # read as exchange XML, which it is not
    _ok(r, 1)
    assert "<stdin>:1:" in r.stderr and "not an ArchiMate exchange file" in r.stderr
    r = run("import", "-", "-o", "-", input=model_file.read_text(encoding="utf-8"))
    _ok(r, 1)
    assert "<stdin>" in r.stderr and "exchange XML" in r.stderr


def test_cli_only_one_argument_can_read_stdin(model_file):
    r = run("diff", "-", "-", input=model_file.read_text(encoding="utf-8"))
    _ok(r, 2)
    assert "stdin" in r.stderr


def test_cli_writes_every_single_file_output_to_stdout(model_file, model_pair, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a regression would write a file named '-' here
    m = load(model_file)
    cmds = _commands(model_file, model_pair, Path("-"))
    expected = {
        "export-yaml": dumps(m).encode("utf-8"),
        "export-json": dumps(m, "json").encode("utf-8"),
        "export-archimate": generate_archimate(m, layout="grid"),
    }
    for name in FILE_COMMANDS:
        r = run(*cmds[name])
        _ok(r, *CODES.get(name, (0,)))
        if name in expected:
            assert r.stdout_bytes == expected[name], name
        else:
            assert r.stdout_bytes, name
        assert "wrote" not in r.stderr
    assert b"<graphml" in run(*cmds["export-graphml"]).stdout_bytes
    assert run(*cmds["render"]).stdout.startswith('digraph "eaframe"')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml", "m.yaml"]


def test_cli_stdout_is_refused_where_several_files_are_written(model_file, model_pair, tmp_path, monkeypatch):
    from eaframe.cli import demo as demo_module

    monkeypatch.setattr(demo_module, "DEMO_STEPS", [("summarise", demo_module.DEMO_STEPS[0][1])])
    monkeypatch.chdir(tmp_path)
    a, b = model_pair
    for args in (["export", model_file, "--to", "csv", "-o", "-"],
                 ["render", model_file, "--all-views", "-o", "-"],
                 ["diff", a, b, "--migration", "-"],
                 ["demo", "-o", "-"]):
        r = run(*args)
        _ok(r, 2)
        assert "'-'" in r.stderr or "stdout" in r.stderr, (args, r.stderr)
    assert not Path("-").exists()


@has_devices
def test_cli_stdout_disk_full_is_a_clean_error(model_file):
    with open("/dev/full", "wb") as full:
        r = subprocess.run([sys.executable, "-m", "eaframe", "export", str(model_file), "--to", "yaml", "-o", "-"],
                           stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith("error: cannot write <stdout>: No space left on device; "), r.stderr
    assert r.stderr.count("\n") == 1, r.stderr  # one line: no traceback, no "Exception ignored"
    assert Path("/dev/full").is_char_device()


@posix_only
def test_cli_closed_stdin_and_stdout_are_clean_errors(model_file):
    exe = f"'{sys.executable}' -m eaframe"
    for shell, expected in ((f"{exe} validate - <&-", "<stdin>: error: cannot read: stdin is closed"),
                            (f"{exe} info '{model_file}' >&-", "error: cannot write <stdout>: Bad file descriptor")):
        r = subprocess.run(["sh", "-c", shell], capture_output=True, text=True, timeout=60)
        assert r.returncode == 1 and r.stderr.startswith(expected), (shell, r.stderr)
        assert "Traceback" not in r.stderr


def test_cli_every_result_on_stdout_reports_a_failed_write(model_file, monkeypatch):
    import click

    real_echo = click.echo

    def full_echo(message=None, file=None, nl=True, err=False, color=None):
        if not err:
            raise OSError(28, "No space left on device")
        real_echo(message, file=file, nl=nl, err=err, color=color)

    monkeypatch.setattr(click, "echo", full_echo)
    for args in (["info", model_file], ["info", "--list"], ["diff", model_file, model_file],
                 ["validate", model_file], ["check", "--list-rules"], ["schema"],
                 ["check", model_file, "--rule", "EGOV-H*"]):
        r = run(*args)
        _ok(r, 1)
        assert r.stderr.startswith("error: cannot write <stdout>: No space left on device"), (args, r.stderr)
