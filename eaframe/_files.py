"""Where bytes go: atomic file writes, and "a path or an open file" as a source or target.

Private module; the writers are re-exported as :func:`eaframe.modelfile.atomic_open`,
:func:`~eaframe.modelfile.atomic_write_bytes` and :func:`~eaframe.modelfile.atomic_write_text`.

Writing a file (:func:`atomic_open`)
------------------------------------
* **Regular files are replaced atomically.** The data goes to a temporary file in the
  same folder, named ``.NAME.eaframe-PID-XXXXXXXX.tmp`` (``PID`` is the writing process,
  ``XXXXXXXX`` random hex). It is created at the first write — not before, so a writer
  that fails while preparing its content leaves nothing behind — flushed to disk, and
  renamed over ``NAME`` at the end. On any error it is removed and ``NAME`` is left as
  it was.
* **Permissions are kept.** A replaced file keeps its mode, and its owner and group
  where the process may set them (root; or a group the user belongs to). A new file
  gets ``0o666`` minus the umask, applied by the kernel when the file is created (the
  process umask is never read or changed).
* **Symbolic links are followed**: the file a link points at is written (created if the
  link dangles) and the link stays a link.
* **What is not a regular file is written in place**: a device (``/dev/null``,
  ``/dev/full``, a terminal), a named pipe (FIFO) or a process-substitution path is
  opened and written directly, never replaced by a regular file.
* **Stale temporary files are removed.** Before writing ``NAME``, temporary files of
  exactly this pattern for the same ``NAME`` in the same folder, owned by the current
  user and regular files, are removed when the process named by their ``PID`` is no
  longer running on this machine, or when they were last modified more than
  :data:`STALE_AFTER` seconds ago (a PID can be reused). On Windows only the age
  counts. (On a folder shared between machines a temporary file of a writer on another
  machine may be taken for stale; that writer then reports an error and its target is
  unchanged.) Names longer than 200 characters are shortened in the pattern.
* **Every failure is an** :class:`~eaframe.exceptions.OutputError` naming the file,
  the system's reason (e.g. ``No space left on device``) and what to do; it is also an
  :class:`OSError` with ``errno``, ``strerror`` and ``filename``. Errors raised by the
  caller's own code inside ``with atomic_open(...)`` pass through unchanged.

Paths or open files
-------------------
:func:`is_open_file` is the one place that tells a path (``str`` or ``os.PathLike``)
from an open file object; :func:`read_open_file` reads one (text or binary) and
:func:`output_stream` / :func:`write_output` write to a path (atomically) or to an
open file (text or binary, written directly).
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any, Literal, Optional, Union, overload

from .exceptions import OutputError
from .i18n import N_, msg

if TYPE_CHECKING:
    from typing_extensions import TypeIs

__all__ = ["atomic_open", "atomic_write_bytes", "atomic_write_text", "is_open_file", "file_name",
           "read_open_file", "output_stream", "write_output", "output_error", "make_folder", "remove_stale",
           "STALE_AFTER"]

PathLike = Union[str, "os.PathLike[str]"]

#: Seconds after which a leftover temporary file counts as stale even if its PID runs.
STALE_AFTER = 24 * 3600

_NAME_IN_TMP = 200  # longest target name kept in a temporary file's name
_TMP_TAIL = re.compile(r"([1-9][0-9]{0,9})-[0-9a-f]{8}\.tmp\Z")
#: The tail of a build folder (a new one being filled, ``.tmp``, or an old one being swapped out, ``.old``).
_DIR_TAIL = re.compile(r"([1-9][0-9]{0,9})-[0-9a-f]{8}\.(?:tmp|old)\Z")
_POSIX = os.name == "posix"

# what to do, by errno
_HINTS = {
    errno.ENOSPC: N_("free some disk space or write to another disk"),
    errno.EDQUOT: N_("your disk quota is used up; free some space or write elsewhere"),
    errno.EACCES: N_("check the permissions of the file and its folder, or write elsewhere"),
    errno.EPERM: N_("check the permissions of the file and its folder, or write elsewhere"),
    errno.EROFS: N_("the file system is read-only; write elsewhere"),
    errno.ENOENT: N_("the folder does not exist; create it first"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
    errno.EISDIR: N_("it is a folder; give a file name"),
    errno.ENAMETOOLONG: N_("use a shorter file name"),
    errno.EPIPE: N_("the program reading the output stopped"),
    errno.EFBIG: N_("the file is too large for this file system"),
    errno.EIO: N_("the disk reported an input/output error"),
    errno.EBADF: N_("it is closed, or not open for writing"),
}


def output_error(err: OSError, name: str) -> OutputError:
    """``err`` (raised while writing ``name``) as an :class:`OutputError` that says what to do."""
    code = err.errno if err.errno is not None else errno.EIO
    return OutputError(code, err.strerror or str(err), name,
                       msg(_HINTS.get(code, N_("check the path, or write elsewhere"))))


# ------------------------------------------------------------------ atomic writes
class _Sink(io.RawIOBase):
    """The binary file :func:`atomic_open` yields: opens its real file at the first write."""

    def __init__(self, target: str, name: str, existing: Optional[os.stat_result], in_place: bool):
        super().__init__()
        self.name = name
        self._target = target
        self._existing = existing
        self._in_place = in_place
        self._fh: Optional[io.BufferedWriter] = None
        self._tmp: Optional[str] = None

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if self._fh is None:
            self._start()
        try:
            return self._fh.write(data)  # type: ignore[union-attr]
        except OSError as err:
            raise output_error(err, self.name) from None

    def flush(self) -> None:
        if self._fh is not None:
            try:
                self._fh.flush()
            except OSError as err:
                raise output_error(err, self.name) from None

    def _start(self) -> None:
        try:
            if self._in_place:
                fd = os.open(self._target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _O_EXTRA)
            else:
                fd = self._create_temporary()
        except OSError as err:
            raise output_error(err, self.name) from None
        self._fh = os.fdopen(fd, "wb")

    def _create_temporary(self) -> int:
        folder, base = os.path.split(self._target)
        folder = folder or os.curdir
        prefix = f".{base[:_NAME_IN_TMP]}.eaframe-"
        remove_stale(folder, prefix)
        while True:
            tmp = os.path.join(folder, f"{prefix}{os.getpid()}-{secrets.token_hex(4)}.tmp")
            try:
                # 0o666: the kernel applies the umask, as for any new file
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_EXTRA, 0o666)
            except FileExistsError:
                continue
            break
        self._tmp = tmp
        if self._existing is not None and _POSIX:
            try:
                _copy_owner_and_mode(fd, self._existing)
            except OSError:
                os.close(fd)
                self._discard_temporary()
                raise
        return fd

    def commit(self) -> None:
        """Finish: the content replaces the target (or has been written to it)."""
        if self._fh is None:
            self._start()  # an empty content still creates or empties the file
        fh = self._fh
        try:
            fh.flush()  # type: ignore[union-attr]
            if not self._in_place:
                os.fsync(fh.fileno())  # type: ignore[union-attr]
            fh.close()  # type: ignore[union-attr]
            if self._tmp is not None:
                os.replace(self._tmp, self._target)
                self._tmp = None
        except OSError as err:
            raise output_error(err, self.name) from None
        finally:
            self.discard()

    def discard(self) -> None:
        """Give up: close, and remove the temporary file if there is one."""
        if self._fh is not None:
            try:
                self._fh.close()
            except OSError:
                pass  # e.g. the buffered rest of the data did not fit either: it is discarded
            self._fh = None
        self._discard_temporary()
        super().close()

    def _discard_temporary(self) -> None:
        if self._tmp is not None:
            try:
                os.unlink(self._tmp)
            except OSError:
                pass  # gone already, or not removable now: the next write to the target removes it
            self._tmp = None


_O_EXTRA = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _copy_owner_and_mode(fd: int, st: os.stat_result) -> None:
    cur = os.fstat(fd)
    if (cur.st_uid, cur.st_gid) != (st.st_uid, st.st_gid):
        try:
            os.fchown(fd, st.st_uid, st.st_gid)
        except PermissionError:
            try:  # not root: at least the group, when the user belongs to it
                os.fchown(fd, -1, st.st_gid)
            except PermissionError:
                pass
    os.fchmod(fd, stat.S_IMODE(st.st_mode))  # after chown, which may clear set-id bits


def _pid_running(pid: int) -> bool:
    if not _POSIX:
        return True  # no safe probe (os.kill would terminate the process): rely on the age
    if pid == os.getpid():
        return True
    if pid > 0x7FFFFFFF:
        return False  # no process has such a number
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, and belongs to another user
    return True


def remove_stale(folder: str, prefix: str, *, folders: bool = False) -> list[str]:
    """Remove stale temporary files ``PREFIX<pid>-<hex>.tmp`` in ``folder``; see the module doc.

    With ``folders``, remove stale build folders ``PREFIX<pid>-<hex>.tmp`` or ``.old``
    instead (and everything in them). Returns the paths removed. Entries that cannot be
    listed or removed are left alone.
    """
    tail, is_kind = (_DIR_TAIL, stat.S_ISDIR) if folders else (_TMP_TAIL, stat.S_ISREG)
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    uid = os.geteuid() if _POSIX else None
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        m = tail.match(entry.name, len(prefix))
        if m is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not is_kind(st.st_mode) or (uid is not None and st.st_uid != uid):
            continue
        if now - st.st_mtime < STALE_AFTER and _pid_running(int(m.group(1))):
            continue
        try:
            if folders:
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            continue  # already gone (another writer cleaned it), or not ours to remove
        removed.append(entry.path)
    return removed


@contextmanager
def atomic_open(path: PathLike) -> Iterator[IO[bytes]]:
    """A binary file whose content replaces ``path`` only if the ``with`` block succeeds.

    See the module documentation for devices, pipes, symbolic links, permissions and
    temporary files. Streaming writers use this; see :func:`atomic_write_bytes`.

    Raises
    ------
    OutputError
        The file cannot be written (also an :class:`OSError`).
    """
    name = os.fspath(path)
    try:
        st: Optional[os.stat_result] = os.stat(name)  # through symbolic links
    except FileNotFoundError:
        st = None  # a new file, or a dangling symbolic link
    except OSError as err:
        raise output_error(err, name) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise output_error(IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)), name)
    if st is not None and not stat.S_ISREG(st.st_mode):
        # a device or a pipe (also /dev/stdout, /dev/fd/N): opened by its own name
        sink = _Sink(name, name, st, in_place=True)
    else:
        # the file a symbolic link points at is replaced, in its own folder
        sink = _Sink(os.path.realpath(name), name, st, in_place=False)
    try:
        yield sink  # type: ignore[misc]
        sink.commit()
    finally:
        sink.discard()


def atomic_write_bytes(path: PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; see :func:`atomic_open`."""
    with atomic_open(path) as fh:
        fh.write(data)


def atomic_write_text(path: PathLike, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; see :func:`atomic_open`."""
    atomic_write_bytes(path, text.encode("utf-8"))


def make_folder(path: PathLike, for_file: Optional[PathLike] = None) -> None:
    """Create the folder ``path`` and its missing parents (nothing if it exists).

    Raises
    ------
    OutputError
        It cannot be created (e.g. a part of the path is a file, or no permission);
        the message names ``for_file`` when given (the file to be written there).
    """
    name = os.fspath(path if for_file is None else for_file)
    try:
        os.makedirs(path, exist_ok=True)
    except FileExistsError:  # a file where a folder should be
        raise output_error(NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)), name) from None
    except OSError as err:
        raise output_error(err, name) from None


# ------------------------------------------------------------ paths or open files
def is_open_file(obj: object) -> TypeIs[IO[Any]]:
    """Whether ``obj`` is an open file object (``False`` for a path).

    Raises
    ------
    TypeError
        ``obj`` is neither a path (``str``, ``os.PathLike``) nor a file object.
    """
    if isinstance(obj, (str, os.PathLike)):
        return False
    if callable(getattr(obj, "read", None)) or callable(getattr(obj, "write", None)):
        return True
    raise TypeError(f"expected a path or an open file, got {type(obj).__name__}")


def file_name(fh: object, default: str = "<stream>") -> str:
    """The name of an open file for messages (``<stdin>``, a path, or ``default``)."""
    name = getattr(fh, "name", None)
    return name if isinstance(name, str) else default


@overload
def read_open_file(fh: IO, limit: int = -1, text: Literal[False] = False) -> bytes: ...
@overload
def read_open_file(fh: IO, limit: int = -1, *, text: Literal[True]) -> str: ...
def read_open_file(fh: IO, limit: int = -1, text: bool = False) -> Union[bytes, str]:
    """Read an open file, text or binary: at most ``limit`` bytes (``-1``: all).

    Returns bytes (text files are encoded as UTF-8), or ``str`` with ``text`` (binary
    files are decoded as UTF-8: :class:`UnicodeDecodeError` when they are not UTF-8).
    """
    data = fh.read(limit)
    if isinstance(data, str):
        return data if text else data.encode("utf-8")
    return bytes(data).decode("utf-8") if text else bytes(data)


class _TextSink(io.RawIOBase):
    """A binary view of a text file: UTF-8 bytes written are decoded into it."""

    def __init__(self, fh: IO[str]):
        super().__init__()
        self._fh = fh
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self.name = file_name(fh)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._fh.write(self._decoder.decode(bytes(data)))
        return len(data)

    def finish(self) -> None:
        self._fh.write(self._decoder.decode(b"", final=True))


@contextmanager
def output_stream(target: Union[PathLike, IO]) -> Iterator[IO[bytes]]:
    """A binary file to write to ``target``: a path (written atomically, see
    :func:`atomic_open`) or an open file (text or binary, written directly)."""
    if not is_open_file(target):
        with atomic_open(target) as fh:
            yield fh
        return
    if isinstance(target, io.TextIOBase):
        sink = _TextSink(target)
        yield sink
        sink.finish()
    else:
        yield target


def write_output(target: Union[PathLike, IO], data: Union[bytes, str]) -> None:
    """Write ``data`` (``str`` as UTF-8) to a path (atomically) or an open file (text or binary)."""
    if is_open_file(target) and isinstance(target, io.TextIOBase):
        target.write(data if isinstance(data, str) else data.decode("utf-8"))
        return
    with output_stream(target) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
