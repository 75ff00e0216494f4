"""Pause Python's cyclic garbage collector around bulk object creation."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["no_gc"]


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Loading or deriving a large model creates millions of acyclic objects; the
    collector's repeated scans of them would otherwise cost more than the work itself.
    Collection resumes (and runs as usual) when the block ends; the objects created in
    the block join the oldest generation, so resuming does not cost a full scan of them.

    Examples
    --------
    >>> import gc
    >>> with no_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
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
