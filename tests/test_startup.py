"""What keeps ``eaframe info`` / ``eaframe validate`` of a bundled model quick to start
(issue 16; timings in docs/performance.md, benchmarks/bench_cli.py).

Pydantic evaluates the annotations of a model class and of every one of its bases each
time it builds a class; string annotations (``from __future__ import annotations``) are
compiled and evaluated again for each of the 62 element and 11 relationship classes.
The modules that define those classes keep their annotations as objects.
"""

from __future__ import annotations

import inspect

import pytest
from pydantic import BaseModel

from eaframe import elements, relationships


@pytest.mark.parametrize("module", [elements, relationships])
def test_model_classes_with_many_subclasses_keep_annotations_as_objects(module):
    classes = [c for c in vars(module).values()
               if inspect.isclass(c) and issubclass(c, BaseModel) and c.__module__ == module.__name__]
    assert len(classes) > 10
    strings = {f"{c.__name__}.{name}" for c in classes
               for name, ann in c.__dict__.get("__annotations__", {}).items() if isinstance(ann, str)}
    assert strings == set()
