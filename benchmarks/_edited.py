"""Set-up shared by the diff and merge benchmarks: a synthetic model and random edits of it."""

from __future__ import annotations

import gc

__all__ = ["edited_models"]


def edited_models(n: int, fraction: float, seeds: tuple[int, ...], base_seed: int = 1,
                  metadata_kept: tuple[int, ...] = ()) -> list:
    """``[base, edit_1, ...]``: ``synthetic_model(n, base_seed)`` and, for each seed, the base
    with ``fraction`` of its elements and relationships edited (``edit_data`` of
    tests/edits_support.py); the edits at the positions of ``metadata_kept`` (0-based) leave
    the metadata alone.

    The models are built with the collector paused, then the collector's debt is settled and
    the models are kept out of later collections (``gc.freeze``), as a long-running program
    holding loaded models would; otherwise a collection over the models lands in a timed run.
    """
    from edits_support import edit_data  # tests/edits_support.py, put on sys.path by _report

    from eaframe.model import ArchitectureModel
    from eaframe.modelfile import no_gc
    from eaframe.synthetic import synthetic_data

    data = synthetic_data(n, seed=base_seed)
    edits = []
    for k, seed in enumerate(seeds):
        edited = edit_data(data, fraction, seed=seed)
        if k in metadata_kept:
            edited["metadata"] = data["metadata"]
        edits.append(edited)
    with no_gc():
        models = [ArchitectureModel.model_validate(x) for x in (data, *edits)]
    del data, edits
    gc.collect()
    gc.freeze()
    return models
