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
from eaframe.synthetic import synthetic_model

HERE = Path(__file__).parent
GOLDEN = HERE / "data" / "golden" / "native"
CORPUS = HERE / "data" / "corpus"
SYNTHETIC = GOLDEN / "synthetic-150.archimate"
DIGESTS = GOLDEN / "digests.json"


def _quiet(fn, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kw)


def _outputs() -> dict[str, bytes]:
    """Name → bytes written by dumps_archi, for every model of the golden set."""
    model = synthetic_model(150, seed=1)
    first = _quiet(dumps_archi, model)
    out = {"synthetic-150": first, "synthetic-150 lang=en": _quiet(dumps_archi, model, lang="en"),
           "synthetic-150 read back": _quiet(dumps_archi, _quiet(reads_archi, first))}
    for name in ("vn-province-4.0", "dongnai-2020"):
        out[name] = _quiet(dumps_archi, load_model(name))
    for path in sorted(CORPUS.glob("*.archimate")):
        out[path.name] = _quiet(dumps_archi, _quiet(reads_archi, path.read_bytes()))
        out[path.name + " default_lang=vi"] = _quiet(dumps_archi, _quiet(reads_archi, path.read_bytes(),
                                                                        default_lang="vi"))
    return out


def test_the_writer_writes_the_recorded_bytes(request):
    got = _outputs()
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in got.items()}
    if request.config.getoption("--update-golden"):
        SYNTHETIC.write_bytes(got["synthetic-150"])
        DIGESTS.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        pytest.skip("golden native files written")
    assert got["synthetic-150"].decode("utf-8").splitlines() == SYNTHETIC.read_text(encoding="utf-8").splitlines()
    assert got["synthetic-150"] == SYNTHETIC.read_bytes()
    assert digests == json.loads(DIGESTS.read_text(encoding="utf-8"))
