"""Reproducible synthetic models for tests and benchmarks.

:func:`synthetic_model` builds a valid model of ``n`` elements with a realistic mix of
e-government element types and about ``2 n`` relationships, each allowed by
ArchiMate 3.2. The same ``seed`` always gives the same model, byte for byte.

Examples
--------
>>> m = synthetic_model(200, seed=1)
>>> len(m.elements), len(m.relationships)
(200, 400)
>>> synthetic_model(200, seed=1) == m
True
"""

from __future__ import annotations

import random
from typing import Any

from .validity import allowed_relationships

__all__ = ["synthetic_model", "synthetic_data", "TYPE_MIX"]

#: Element types and their relative frequency, modelled on provincial architectures.
TYPE_MIX: dict[str, int] = {
    "ApplicationComponent": 14,
    "ApplicationService": 10,
    "ApplicationInterface": 4,
    "ApplicationFunction": 3,
    "DataObject": 10,
    "BusinessActor": 6,
    "BusinessRole": 3,
    "BusinessProcess": 10,
    "BusinessService": 10,
    "BusinessObject": 4,
    "BusinessInterface": 2,
    "Node": 5,
    "Device": 1,
    "SystemSoftware": 2,
    "TechnologyService": 3,
    "CommunicationNetwork": 1,
    "Artifact": 2,
    "Requirement": 3,
    "Principle": 1,
    "Goal": 2,
    "Outcome": 1,
    "Constraint": 1,
    "WorkPackage": 1,
    "Grouping": 1,
}

# Relationship types in order of preference for a (source, target) pair, so that the
# synthetic graphs look like architectures (few plain associations).
_PREFERENCE = ("Serving", "Realization", "Flow", "Access", "Assignment", "Composition",
               "Aggregation", "Triggering", "Influence", "Association")

_VI_WORDS = ["Hệ thống", "Cổng", "Cơ sở dữ liệu", "Dịch vụ", "Nền tảng", "Quản lý", "Văn bản",
             "Một cửa", "Điện tử", "Tích hợp", "Chia sẻ", "Báo cáo", "Đất đai", "Hộ tịch", "Y tế",
             "Giáo dục", "Thuế", "Người dân", "Doanh nghiệp", "Xác thực"]
_EN_WORDS = ["System", "Portal", "Database", "Service", "Platform", "Management", "Document",
             "One-stop", "Electronic", "Integration", "Sharing", "Reporting", "Land", "Civil status",
             "Health", "Education", "Tax", "Citizen", "Business", "Authentication"]


def synthetic_data(n: int, seed: int = 0, relationships_per_element: float = 2.0) -> dict[str, Any]:
    """The raw (dict) content of a synthetic model; see :func:`synthetic_model`."""
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError(f"n is the number of elements, an int (e.g. synthetic_model(1000)); got "
                        f"{type(n).__name__} {n!r}")
    if not isinstance(relationships_per_element, (int, float)) or isinstance(relationships_per_element, bool):
        raise TypeError(f"relationships_per_element is a number (e.g. 2.0); got {type(relationships_per_element).__name__} "
                        f"{relationships_per_element!r}")
    if not relationships_per_element >= 0:
        raise ValueError(f"relationships_per_element must be 0 or more; got {relationships_per_element!r}")
    if n < 2:
        raise ValueError("a synthetic model needs at least 2 elements")
    rng = random.Random(seed)
    types = list(TYPE_MIX)
    weights = [TYPE_MIX[t] for t in types]
    chosen = rng.choices(types, weights=weights, k=n)
    elements: list[dict[str, Any]] = []
    nw = len(_VI_WORDS)
    for i, etype in enumerate(chosen):
        a, b = rng.randrange(nw), rng.randrange(nw)
        e: dict[str, Any] = {
            "id": f"e{i}",
            "type": etype,
            "name": {"vi": f"{_VI_WORDS[a]} {_VI_WORDS[b].lower()} {i}", "en": f"{_EN_WORDS[a]} {_EN_WORDS[b].lower()} {i}"},
            "sources": [f"S{1 + i % 5}"],
            "confidence": "I",
        }
        if etype == "ApplicationComponent":
            e["status"] = rng.choice(("existing", "existing", "planned"))
            e["security_level"] = rng.randint(1, 5)
            e["protection_plan_approved"] = rng.random() < 0.7
            e["public_facing"] = rng.random() < 0.3
            e["procurement"] = rng.choice(("invest", "lease"))
        elif etype == "BusinessService":
            total = rng.randint(0, 5000)
            e["service_level"] = rng.randint(1, 4)
            e["dossiers_total"] = total
            e["dossiers_online"] = rng.randint(0, total)
        if i % 10 == 0:
            e["properties"] = {"code": f"X{i:06d}"}
        elements.append(e)

    pair_cache: dict[tuple[str, str], tuple[str, ...]] = {}
    relationships: list[dict[str, Any]] = []
    m = int(round(n * relationships_per_element))
    for k in range(m):
        s = rng.randrange(n)
        t = rng.randrange(n - 1)
        if t >= s:
            t += 1
        key = (chosen[s], chosen[t])
        options = pair_cache.get(key)
        if options is None:
            allowed = allowed_relationships(*key)
            options = tuple(r for r in _PREFERENCE if r in allowed) or ("Association",)
            pair_cache[key] = options
        rtype = options[0] if len(options) == 1 or rng.random() < 0.6 else rng.choice(options)
        r: dict[str, Any] = {"id": f"r{k}", "type": rtype, "source": f"e{s}", "target": f"e{t}"}
        if rtype == "Access":
            r["access_type"] = rng.choice(("read", "write", "read_write"))
        relationships.append(r)

    view_elements = [f"e{i}" for i in range(min(n, 50))]
    return {
        "eaframe": "1",
        "metadata": {
            "title": {"vi": f"Mô hình tổng hợp {n}", "en": f"Synthetic model {n}"},
            "framework_version": "2.0",
            "sources": {f"S{j}": {"title": f"Synthetic source {j}"} for j in range(1, 6)},
            "properties": {"seed": str(seed)},
        },
        "elements": elements,
        "relationships": relationships,
        "views": [{"id": "v.sample", "name": {"vi": "Mẫu", "en": "Sample"}, "elements": view_elements}],
    }


def synthetic_model(n: int, seed: int = 0, relationships_per_element: float = 2.0):
    """A valid synthetic :class:`~eaframe.model.ArchitectureModel` of ``n`` elements.

    Parameters
    ----------
    n
        Number of elements (2 to a few hundred thousand).
    seed
        Random seed; the same seed gives the same model.
    relationships_per_element
        Relationships per element (default 2, i.e. ``2 n`` relationships).
    """
    from ._gc import no_gc
    from .model import ArchitectureModel

    with no_gc():
        return ArchitectureModel.model_validate(synthetic_data(n, seed, relationships_per_element))
