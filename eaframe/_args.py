"""Checks of the arguments of public functions: a wrong type is a ``TypeError`` saying
what was given and what to give, not an ``AttributeError`` from deep inside."""

from __future__ import annotations

import os

__all__ = ["expect_model", "expect_diff"]


def expect_model(value: object, function: str, name: str = "model") -> None:
    """Raise ``TypeError`` unless ``value`` is an :class:`~eaframe.model.ArchitectureModel`.

    A path or a model name gets the fix: load it first.
    """
    from .model import ArchitectureModel

    if isinstance(value, ArchitectureModel):
        return
    hint = ""
    if isinstance(value, (str, os.PathLike)):
        hint = f"; load it first: eaframe.load({os.fspath(value)!r})"
    raise TypeError(f"{function}() takes an ArchitectureModel as {name}, not {type(value).__name__}{hint}")


def expect_diff(value: object, function: str, name: str = "d") -> None:
    """Raise ``TypeError`` unless ``value`` is a :class:`~eaframe.modeldiff.model.ModelDiff`."""
    from .modeldiff.model import ModelDiff

    if isinstance(value, ModelDiff):
        return
    raise TypeError(f"{function}() takes a ModelDiff as {name} (from eaframe.diff(old, new)), "
                    f"not {type(value).__name__}")
