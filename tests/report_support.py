"""Shared by the report tests: the sites of the bundled models, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lhtml

import eaframe
from eaframe.report import write_site

_BUILT: dict[int, dict[str, Path]] = {}
#: The bundled sites built with ``since``: name → the older model.
SINCE = {"dongnai-2020": "dongnai-2019"}


def build_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Name → site folder of every bundled model (diagrams drawn when Graphviz is there);
    built once per test session (the test modules' ``bundled_sites`` fixtures share them).
    The dongnai-2020 site has the what-changed page since dongnai-2019 (``SINCE``)."""
    key = id(tmp_path_factory)
    if key not in _BUILT:
        root = tmp_path_factory.mktemp("sites")
        _BUILT[key] = {name: write_site(eaframe.load(name), root / name,
                                        since=eaframe.load(SINCE[name]) if name in SINCE else None).folder
                       for name in eaframe.bundled_models()}
    return _BUILT[key]


def pages(site: Path) -> list[Path]:
    """Every HTML page of a site."""
    return sorted(site.rglob("*.html"))


def parse(page: Path):
    return lhtml.fromstring(page.read_bytes())
