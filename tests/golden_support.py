"""What the writers' golden tests share (tests/test_native_golden.py, tests/test_exchange_golden.py):
a model with what needs escaping, and the check of written bytes and warnings against the
recorded ones (``--update-golden`` records them again, only when a change of output is intended)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from eaframe.model import ArchitectureModel


def odd_model(languages: tuple[str, ...] = ("vi",)) -> ArchitectureModel:
    """Elements and relationships with what needs escaping in names, typed fields of every
    kind, documentation and properties, and texts in one, two or other languages."""
    elements = [
        {"id": "a", "type": "ApplicationComponent", "name": {"vi": 'A & <b> "c"', "en": "A"}, "owner": "o",
         "status": "existing", "public_facing": True, "sources": ["s1", "s2"], "confidence": "I",
         "budget": {"total": 3, "investment": 1, "operating": 2}},
        {"id": "o", "type": "BusinessActor", "name": {"en": "only English\tand a tab"},
         "documentation": {"vi": "x < y & z"}, "properties": {"k&": ["1", "2"], "k2": {"vi": "tagged"}}},
        {"id": "j", "type": "OrJunction"},
        {"id": "f", "type": "Goal", "name": {"other": {"fr": "but"}}, "documentation": {"untagged": "?"}},
        {"id": "f2", "type": "Goal", "name": {"other": {"fr": "but", "de": "Ziel"}}},
        {"id": "j2", "type": "AndJunction", "name": {"vi": "và"}},
        {"id": "d", "type": "DataObject", "name": {"vi": "two\nlines"}, "owner": "o"},
    ]
    relationships = [
        {"id": "r1", "type": "Serving", "source": "a", "target": "o", "name": {"vi": "n \"q\""}},
        {"id": "r2", "type": "Access", "source": "a", "target": "d", "access_type": "read"},
        {"id": "r3", "type": "Access", "source": "a", "target": "d", "access_type": "write"},
        {"id": "r4", "type": "Influence", "source": "a", "target": "o", "modifier": '+ & "'},
        {"id": "r5", "type": "Association", "source": "a", "target": "o", "is_directed": True},
        {"id": "r6", "type": "Association", "source": "o", "target": "a"},
        {"id": "r7", "type": "Flow", "source": "a", "target": "a", "sources": ["s2"], "confidence": "K"},
        {"id": "r8", "type": "Flow", "source": "a", "target": "a", "documentation": {"en": "doc"},
         "properties": {"p": "1"}},
        {"id": "r9", "type": "Serving", "source": "a", "target": "o", "name": {"en": "English only"}},
    ]
    sources = {"s1": {"title": "a & b"}, "s2": {"title": "<c>"}}
    metadata = {"title": {"vi": "T"}, "languages": list(languages), "sources": sources}
    return ArchitectureModel.build(metadata, elements, relationships, strict=False)


def check_recorded(request, got: dict[str, bytes], said, golden: Path, synthetic: str) -> None:
    """``got`` (name → bytes written) and ``said`` (the warnings of each write) are those recorded
    in ``golden``: the bytes of ``synthetic-150`` in full in the file ``synthetic``, the SHA-256 of
    every output in digests.json, the warnings in warnings.json."""
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in got.items()}
    full, digest_file, warning_file = golden / synthetic, golden / "digests.json", golden / "warnings.json"
    if request.config.getoption("--update-golden"):
        full.write_bytes(got["synthetic-150"])
        digest_file.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        warning_file.write_text(json.dumps(said, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                encoding="utf-8")
        pytest.skip(f"golden files written in {golden.name}")
    assert got["synthetic-150"].decode("utf-8").splitlines() == full.read_text(encoding="utf-8").splitlines()
    assert got["synthetic-150"] == full.read_bytes()
    assert digests == json.loads(digest_file.read_text(encoding="utf-8"))
    assert said == json.loads(warning_file.read_text(encoding="utf-8"))
