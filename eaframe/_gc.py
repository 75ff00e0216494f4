"""Optional pausing of Python's cyclic garbage collector around bulk object creation.

A library must not change process-wide state behind its caller's back, so by default
:func:`no_gc` does nothing at all: loading, exporting or diffing a model leaves
``gc.isenabled()``, the thresholds and the frozen objects exactly as they were.

An application that owns its process (the ``eaframe`` command line does, at start-up)
may opt in with :func:`set_bulk_gc_pause`; from then on the blocks marked with
:func:`no_gc` pause the collector while they build many small objects, which saves the
collector's repeated scans of them (see docs/performance.md for what that buys).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["no_gc", "set_bulk_gc_pause", "bulk_gc_pause_enabled"]

_enabled = False


def set_bulk_gc_pause(enabled: bool) -> bool:
    """Let eaframe pause the garbage collector during bulk work (``True``), or not (the default).

    Meant for applications that own their process, such as the ``eaframe`` CLI; a
    library using eaframe should leave it off. Returns the previous setting.
    """
    global _enabled
    previous, _enabled = _enabled, bool(enabled)
    return previous


def bulk_gc_pause_enabled() -> bool:
    """Whether :func:`set_bulk_gc_pause` turned pausing on."""
    return _enabled


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector in the block, if the application opted in.

    Without :func:`set_bulk_gc_pause` (the default) this does nothing. With it, the
    collector is disabled in the block, and when the block ends (also by an exception)
    the objects created in it join the oldest generation and the collector is enabled
    again, if it was enabled before.

    Examples
    --------
    >>> import gc
    >>> with no_gc():
    ...     gc.isenabled()
    True
    >>> previous = set_bulk_gc_pause(True)
    >>> with no_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled(), set_bulk_gc_pause(previous)
    (True, True)
    """
    if not _enabled:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                # Everything allocated in the block is still in the youngest generation;
                # the first collection after re-enabling would scan all of it (seconds for a
                # large model). freeze + unfreeze moves it to the oldest generation at once,
                # where the collector's own heuristics scan it only when it is worth it.
                gc.freeze()
                gc.unfreeze()
            gc.enable()
