"""The exchange XML writer's bytes do not change when it is made faster (issue 16, exchange
write at 100k): a synthetic model (in every ``lang`` and without organizations), the same
model read back from its file, the bundled models, every file of the corpus (exchange and
Archi's native format) read and written again, and a model with texts that need escaping
in several languages give the bytes recorded once, and the same warnings
(``--update-golden`` records them again, only when a change of output is intended)."""

from __future__ import annotations

import warnings
from pathlib import Path

from golden_support import check_recorded, odd_model

from eaframe.bundled import load_model
from eaframe.exchange import generate_archimate, parse_archimate, reads_archi
from eaframe.synthetic import synthetic_model

HERE = Path(__file__).parent
GOLDEN = HERE / "data" / "golden" / "exchange"
CORPUS = HERE / "data" / "corpus"
SYNTHETIC = GOLDEN / "synthetic-150.xml"


def _outputs() -> tuple[dict[str, bytes], dict[str, list[str]]]:
    """Name → bytes written by generate_archimate, for every model of the golden set; name → its warnings."""
    said: list[list[str]] = []

    def _quiet(fn, *args, **kw):  # the warnings of each model written, in order
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            got = fn(*args, **kw)
        if fn is generate_archimate:
            said.append([str(w.message) for w in caught])
        return got

    def write(model, **kw):
        return _quiet(generate_archimate, model, **{"layout": "grid", **kw})

    model = synthetic_model(150, seed=1)
    first = write(model)
    out = {"synthetic-150": first, "synthetic-150 lang=en": write(model, lang="en"),
           "synthetic-150 lang=vi": write(model, lang="vi"),
           "synthetic-150 no organizations": write(model, organizations=False),
           "synthetic-150 read back": write(_quiet(parse_archimate, first))}
    for languages in (("vi",), ("fr",), ("en",), ("vi", "en"), ()):
        for lang in ("both", "vi", "en"):
            out[f"odd in {', '.join(languages) or 'no language'} lang={lang}"] = write(odd_model(languages), lang=lang)
    for name in ("vn-province-4.0", "dongnai-2020"):
        out[name] = write(load_model(name))
        out[name + " lang=en"] = write(load_model(name), lang="en")
    for path in sorted(CORPUS.glob("*.xml")):
        out[path.name] = write(_quiet(parse_archimate, path.read_bytes()))
        out[path.name + " lang=vi"] = write(_quiet(parse_archimate, path.read_bytes()), lang="vi")
    for path in sorted(CORPUS.glob("*.archimate")):  # folders and objects only Archi's format holds: warnings
        out[path.name] = write(_quiet(reads_archi, path.read_bytes()))
    return out, dict(zip(out, said, strict=True))


def test_the_writer_writes_the_recorded_bytes(request):
    got, said = _outputs()
    check_recorded(request, got, said, GOLDEN, SYNTHETIC.name)
