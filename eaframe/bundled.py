"""The models bundled with eaframe, loadable by short name.

The repository's ``models/`` folder is installed as the package data of
``eaframe._models``, so ``load_model("vn-province-2.0")`` works from a wheel as well
as from a source checkout. Every CLI command that takes a model file also takes one
of these names.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["bundled_models", "bundled_path", "is_bundled_name", "load_model"]

_SUFFIXES = (".yaml", ".yml", ".json")


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
