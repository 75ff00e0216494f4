"""The models whose findings the i18n and maker tests record: every bundled model, a synthetic model
and the enriched benchmark model of benchmarks/bench_checks.py (conformance rules, with its framework)."""

from __future__ import annotations

import sys
from pathlib import Path

from eaframe import synthetic_model
from eaframe.bundled import bundled_models, load_model

REPO = Path(__file__).resolve().parent.parent


def recorded_models() -> list:
    """``(name, model, framework model or None)`` for every bundled model, ``synthetic-300`` and
    ``enriched-300``."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from bench_checks import enriched
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    models = [(n, load_model(n), None) for n in bundled_models()]
    models.append(("synthetic-300", synthetic_model(300, seed=1), None))
    em, fw = enriched(300, seed=3)
    models.append(("enriched-300", em, fw))
    return models
