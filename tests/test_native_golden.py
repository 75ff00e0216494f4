"""The Archi writer's bytes do not change when it is made faster (issue 11, native write
at 100k): a synthetic model, the same model read back from its file, the bundled models
and every Archi file of the corpus read and written again give the bytes recorded once
(``--update-golden`` records them again, only when a change of output is intended)."""

from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path

import pytest

from eaframe.bundled import load_model
from eaframe.exchange import dumps_archi, reads_archi
from eaframe.model import ArchitectureModel
from eaframe.synthetic import synthetic_model

HERE = Path(__file__).parent
GOLDEN = HERE / "data" / "golden" / "native"
CORPUS = HERE / "data" / "corpus"
SYNTHETIC = GOLDEN / "synthetic-150.archimate"
DIGESTS = GOLDEN / "digests.json"
WARNINGS = GOLDEN / "warnings.json"


def _odd(languages: tuple[str, ...] = ("vi",)) -> ArchitectureModel:
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


def _outputs() -> tuple[dict[str, bytes], dict[str, list[str]]]:
    """Name → bytes written by dumps_archi, for every model of the golden set; name → its warnings."""
    said: dict[str, list[str]] = {}

    def _quiet(fn, *args, **kw):  # the warnings of each model written, in order
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            got = fn(*args, **kw)
        if fn is dumps_archi:
            said[f"{len(said)}"] = [str(w.message) for w in caught]
        return got

    model = synthetic_model(150, seed=1)
    first = _quiet(dumps_archi, model)
    out = {"synthetic-150": first, "synthetic-150 lang=en": _quiet(dumps_archi, model, lang="en"),
           "synthetic-150 read back": _quiet(dumps_archi, _quiet(reads_archi, first)),
           "odd": _quiet(dumps_archi, _odd()), "odd lang=en": _quiet(dumps_archi, _odd(), lang="en"),
           "odd lang=fr": _quiet(dumps_archi, _odd(), lang="fr"),
           "odd in fr": _quiet(dumps_archi, _odd(("fr",))), "odd in en": _quiet(dumps_archi, _odd(("en",))),
           "odd in vi, en": _quiet(dumps_archi, _odd(("vi", "en"))), "odd in no language": _quiet(dumps_archi, _odd(()))}
    for name in ("vn-province-4.0", "dongnai-2020"):
        out[name] = _quiet(dumps_archi, load_model(name))
    for path in sorted(CORPUS.glob("*.archimate")):
        out[path.name] = _quiet(dumps_archi, _quiet(reads_archi, path.read_bytes()))
        out[path.name + " default_lang=vi"] = _quiet(dumps_archi, _quiet(reads_archi, path.read_bytes(),
                                                                        default_lang="vi"))
    return out, dict(zip(out, said.values(), strict=True))


def test_the_writer_writes_the_recorded_bytes(request):
    got, said = _outputs()
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in got.items()}
    if request.config.getoption("--update-golden"):
        SYNTHETIC.write_bytes(got["synthetic-150"])
        DIGESTS.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        WARNINGS.write_text(json.dumps(said, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        pytest.skip("golden native files written")
    assert got["synthetic-150"].decode("utf-8").splitlines() == SYNTHETIC.read_text(encoding="utf-8").splitlines()
    assert got["synthetic-150"] == SYNTHETIC.read_bytes()
    assert digests == json.loads(DIGESTS.read_text(encoding="utf-8"))
    assert said == json.loads(WARNINGS.read_text(encoding="utf-8"))
