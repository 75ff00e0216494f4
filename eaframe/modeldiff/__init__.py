"""Version diff of architectures: what changed, as data, text, a migration plan.

:func:`diff` compares two :class:`~eaframe.model.ArchitectureModel` versions and
returns a :class:`ModelDiff`; :func:`apply` and :func:`invert` replay it;
:mod:`.render` writes it as git-style text, JSON, Markdown or HTML; and
:func:`migration_model` expresses it with ArchiMate implementation-and-migration
concepts (plateaus, a gap, work packages).

The subpackage is named ``modeldiff`` so that ``eaframe.diff`` can be the function.

Examples
--------
>>> import eaframe
>>> a = eaframe.synthetic_model(50, seed=1)
>>> b = eaframe.synthetic_model(50, seed=2)
>>> d = diff(a, b)
>>> apply(a, d) == b
True
"""

from .apply import apply, invert
from .compare import diff
from .match import DEFAULT_THRESHOLD
from .migration import migration_model
from .model import CHANGE_KINDS, Change, FieldChange, ModelDiff

__all__ = [
    "diff",
    "apply",
    "invert",
    "migration_model",
    "ModelDiff",
    "Change",
    "FieldChange",
    "CHANGE_KINDS",
    "DEFAULT_THRESHOLD",
]
