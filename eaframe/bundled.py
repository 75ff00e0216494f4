"""The models bundled with eaframe, loadable by short name.

The repository's ``models/`` folder is installed as the package data of
``eaframe._models``, so ``load_model("vn-province-2.0")`` works from a wheel as well
as from a source checkout. Every CLI command that takes a model file also takes one
of these names.

Beside each ``NAME.yaml`` the folder holds ``_NAME.json``, the same model as compact
JSON (:func:`compile_bundled`, written by ``scripts/gen_bundled_models.py``), and
``_compiled.json`` maps each name to the SHA-256 of the YAML file it was made from.
Loading a bundled model by name reads the JSON form when its YAML file is the one it
was made from (a JSON parse instead of PyYAML's, about 40 ms less for ``dongnai-2020``),
validated exactly as the YAML file would be; otherwise, or if anything about the JSON
form is wrong, the YAML file is loaded (:func:`load_compiled`). Files given by path are
always read as they are.

``_NAME.pickle`` is the model as the YAML file loads, validated, pickled (zlib) by
:func:`prebuild_bundled`; ``_prebuilt.json`` records the SHA-256 of each pickle, of the
YAML file it was made from and of the source of the modules that decide what a load
gives (:func:`code_fingerprint`). :func:`load_prebuilt` unpickles it only when all three
match: it skips building the per-type validators and validating (the largest part of
``eaframe info dongnai-2020``'s load), and tests/test_bundled_prebuilt.py proves that it
gives a model equal to the validated one for every bundled model. Anything else about it
(missing, stale, damaged) falls back to the JSON form. This is for the package's own
models only: files given by path are always validated.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from .model import ArchitectureModel

__all__ = ["bundled_models", "bundled_path", "is_bundled_name", "load_model", "compile_bundled", "load_compiled",
           "COMPILED_INDEX", "PREBUILT_INDEX", "MODEL_SOURCES", "code_fingerprint", "prebuild_bundled", "load_prebuilt"]

_SUFFIXES = (".yaml", ".yml", ".json")
#: The file (in the models folder) mapping each bundled model's name to the SHA-256 of
#: the YAML file its compact JSON form ``_NAME.json`` was made from.
COMPILED_INDEX = "_compiled.json"
#: The file (in the models folder) recording, for the pickled models ``_NAME.pickle``,
#: the code fingerprint they were made with and the SHA-256 of each pickle and of its YAML file.
PREBUILT_INDEX = "_prebuilt.json"
#: The modules (paths in the package) whose source decides what loading a model file gives:
#: the classes a pickled model refers to, their validators, the loader and the model-wide
#: rules. (Messages and field descriptions are not in a pickled model: it has no warnings.)
MODEL_SOURCES = ("attributes.py", "elements.py", "relationships.py", "diagram.py", "model.py", "modelfile.py",
                 "integrity.py", "validity.py", "_text.py")


@lru_cache(maxsize=1)
def _models_dir() -> Path:
    # A source checkout (setup.cfg beside the package) reads the repository's models/;
    # an installed package reads its package data.
    root = Path(__file__).resolve().parent.parent
    if (root / "setup.cfg").is_file() and (root / "models").is_dir():
        return root / "models"
    try:
        from importlib.resources import files

        d = Path(str(files("eaframe._models")))
        if d.is_dir():
            return d
    except (ModuleNotFoundError, TypeError):
        pass
    return root / "models"


def bundled_models() -> list[str]:
    """Names of the bundled models, sorted.

    Examples
    --------
    >>> bundled_models()  # doctest: +NORMALIZE_WHITESPACE
    ['binhphuoc-2020', 'dongnai-2019', 'dongnai-2020', 'dongnai-2025',
     'vn-province-1.0', 'vn-province-2.0', 'vn-province-3.0', 'vn-province-4.0']
    """
    d = _models_dir()
    if not d.is_dir():
        return []
    return sorted(p.stem for p in d.iterdir() if p.suffix in _SUFFIXES and not p.name.startswith("_"))


def is_bundled_name(name: str) -> bool:
    """Whether ``name`` is the name of a bundled model.

    Examples
    --------
    >>> is_bundled_name("vn-province-2.0"), is_bundled_name("vn-province-9.9")
    (True, False)
    """
    return name in bundled_models()


def bundled_path(name: str) -> Path:
    """Path of the file of bundled model ``name``.

    Raises
    ------
    UnknownModelError
        When there is no bundled model of that name (the message lists them).

    Examples
    --------
    >>> bundled_path("dongnai-2020").name
    'dongnai-2020.yaml'
    >>> bundled_path("vn-province-2")
    Traceback (most recent call last):
    ...
    eaframe.exceptions.UnknownModelError: no bundled model 'vn-province-2' (did you mean 'vn-province-2.0'?); ...
    """
    from .exceptions import UnknownModelError
    from .integrity import suggest

    d = _models_dir()
    for suffix in _SUFFIXES:
        p = d / f"{name}{suffix}"
        if p.is_file():
            return p
    names = bundled_models()
    hint = suggest(name, names)
    raise UnknownModelError(
        f"no bundled model {name!r}" + (f" (did you mean {hint!r}?)" if hint else "")
        + f"; bundled models: {', '.join(names) or '(none)'}"
    )


def load_model(name: str, strict: bool = True):
    """Load a bundled model by name (e.g. ``"vn-province-2.0"``) or a model file by path.

    Raises
    ------
    ModelLoadError
        When ``name`` is neither a bundled model nor a readable file.

    Examples
    --------
    >>> m = load_model("vn-province-2.0")
    >>> m.metadata.instrument.number, str(m.metadata.instrument.date)
    ('2323/QĐ-BTTTT', '2019-12-31')
    >>> m.element("prov.lgsp").name.vi
    'Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)'
    >>> load_model("vn-province-1.0").element("prov.lgsp").name.vi
    'Nền tảng chia sẻ, tích hợp dùng chung cấp tỉnh (LGSP)'
    >>> load_model("dongnai-2020").element("dn.it_program_2019_2020").budget.total
    Decimal('150126')
    """
    from .modelfile import load

    return load(name, strict=strict)


def compile_bundled(yaml_text: str) -> str:
    """The compact JSON form of the model file ``yaml_text`` (what ``_NAME.json`` holds):
    the model loaded from the text, in canonical plain-data form (:func:`eaframe.modelfile.to_data`).

    Raises
    ------
    ModelLoadError, ModelValidationError
        As :func:`eaframe.modelfile.loads`.
    """
    from .modelfile import loads, to_data

    return json.dumps(to_data(loads(yaml_text)), ensure_ascii=False, separators=(",", ":")) + "\n"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_compiled(name: str, strict: bool = True) -> Optional[ArchitectureModel]:
    """Bundled model ``name`` from its compact JSON form, validated as a model file is;
    ``None`` when there is no such form, when it was not made from the model's current
    YAML file, or when it does not load (the caller then loads the YAML file, which
    reports any problem at its place in that file).
    """
    from .exceptions import EaframeError
    from .modelfile import loads

    d = _models_dir()
    try:
        index = json.loads((d / COMPILED_INDEX).read_bytes())
        if not isinstance(index, dict) or index.get(name) != _sha256((d / f"{name}.yaml").read_bytes()):
            return None
        text = (d / f"_{name}.json").read_text(encoding="utf-8")
    except (OSError, ValueError):  # missing or unreadable files, not JSON, not UTF-8
        return None
    try:
        return loads(text, format="json", strict=strict, filename=name)
    except EaframeError:
        return None


def code_fingerprint(package: Optional[Path] = None) -> str:
    """SHA-256 of what decides the model a bundled model's file loads as: the source of
    :data:`MODEL_SOURCES` (in the folder ``package``, by default eaframe's) and the
    versions of pydantic and pydantic-core.

    Raises
    ------
    OSError
        A source file cannot be read (e.g. a package installed without its ``.py`` files).
    """
    import pydantic
    import pydantic_core

    h = hashlib.sha256(f"pydantic {pydantic.VERSION}, pydantic-core {pydantic_core.__version__}\n".encode())
    package = package or Path(__file__).resolve().parent
    for name in MODEL_SOURCES:
        data = (package / name).read_bytes()
        h.update(f"{name} {len(data)}\n".encode())
        h.update(data)
    return h.hexdigest()


def prebuild_bundled(yaml_text: str) -> Optional[bytes]:
    """The pickled form of the model file ``yaml_text`` (what ``_NAME.pickle`` holds), or
    ``None`` when a prebuilt form could not stand for every load of it: when loading it
    with ``strict=False`` gives a different model or warnings than with ``strict=True``,
    or when loading it issues a Python warning.

    Raises
    ------
    ModelLoadError, ModelValidationError
        As :func:`eaframe.modelfile.loads`.
    """
    import pickle
    import warnings
    import zlib

    from .modelfile import loads

    with warnings.catch_warnings(record=True) as issued:
        warnings.simplefilter("always")
        model = loads(yaml_text, strict=True)
        lenient = loads(yaml_text, strict=False)
    if issued or lenient != model or lenient.warnings != model.warnings or model.warnings:
        return None
    return zlib.compress(pickle.dumps(model, protocol=5), 9)


def load_prebuilt(name: str, strict: bool = True) -> Optional[ArchitectureModel]:
    """Bundled model ``name`` from its pickled form (see :func:`prebuild_bundled`): the
    model that loading its YAML file gives (with ``strict`` true or false, which give the
    same model for the models that have one), without building validators or validating;
    ``None`` when there is no such form, or when it, the YAML file or the code that loads
    models is not the one it was made with (the caller then loads the model as usual).
    """
    import pickle
    import zlib

    from .model import ArchitectureModel

    d = _models_dir()
    try:
        index = json.loads((d / PREBUILT_INDEX).read_bytes())
        entry = index["models"][name]
        blob = (d / f"_{name}.pickle").read_bytes()
        if (_sha256(blob) != entry["pickle"] or entry["yaml"] != _sha256((d / f"{name}.yaml").read_bytes())
                or index["code"] != code_fingerprint()):
            return None
        # a file of the package itself, as recorded when it was made (who can replace it
        # and its record can replace the package's code as well)
        model = pickle.loads(zlib.decompress(blob))
    except (OSError, ValueError, KeyError, TypeError, zlib.error, pickle.UnpicklingError):
        return None  # missing or unreadable files, not JSON, a wrong index, a damaged pickle
    return model if isinstance(model, ArchitectureModel) else None
