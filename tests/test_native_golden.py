"""The Archi writer's bytes do not change when it is made faster (issue 11, native write
at 100k): a synthetic model, the same model read back from its file, the bundled models
and every Archi file of the corpus read and written again give the bytes recorded once
(``--update-golden`` records them again, only when a change of output is intended)."""

from __future__ import annotations

import warnings
from pathlib import Path

from golden_support import check_recorded, odd_model

from eaframe.bundled import load_model
from eaframe.exchange import dumps_archi, reads_archi
from eaframe.synthetic import synthetic_model

HERE = Path(__file__).parent
GOLDEN = HERE / "data" / "golden" / "native"
CORPUS = HERE / "data" / "corpus"
SYNTHETIC = GOLDEN / "synthetic-150.archimate"


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
           "odd": _quiet(dumps_archi, odd_model()), "odd lang=en": _quiet(dumps_archi, odd_model(), lang="en"),
           "odd lang=fr": _quiet(dumps_archi, odd_model(), lang="fr"),
           "odd in fr": _quiet(dumps_archi, odd_model(("fr",))), "odd in en": _quiet(dumps_archi, odd_model(("en",))),
           "odd in vi, en": _quiet(dumps_archi, odd_model(("vi", "en"))), "odd in no language": _quiet(dumps_archi, odd_model(()))}
    for name in ("vn-province-4.0", "dongnai-2020"):
        out[name] = _quiet(dumps_archi, load_model(name))
    for path in sorted(CORPUS.glob("*.archimate")):
        out[path.name] = _quiet(dumps_archi, _quiet(reads_archi, path.read_bytes()))
        out[path.name + " default_lang=vi"] = _quiet(dumps_archi, _quiet(reads_archi, path.read_bytes(),
                                                                        default_lang="vi"))
    return out, dict(zip(out, said.values(), strict=True))


def test_the_writer_writes_the_recorded_bytes(request):
    got, said = _outputs()
    check_recorded(request, got, said, GOLDEN, SYNTHETIC.name)
