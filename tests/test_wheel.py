"""The bundled models ship inside the wheel: build it, install it into a clean virtual
environment (dependencies from the package index) and load a model by name from
another working directory, through the API and through the CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MODELS = ["binhphuoc-2020", "dongnai-2019", "dongnai-2020", "dongnai-2025", "vn-province-1.0", "vn-province-2.0",
          "vn-province-3.0", "vn-province-4.0"]


def _run(args: list, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(map(str, args))} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.mark.slow
def test_wheel_installs_and_loads_bundled_models(tmp_path):
    # build from a copy of the sources so the checkout gets no build/ or egg-info
    src = tmp_path / "src"
    src.mkdir()
    for name in ("setup.cfg", "pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "eaframe", src / "eaframe", ignore=ignore)
    shutil.copytree(REPO / "models", src / "models", ignore=ignore)
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q", "-w", dist, src],
         cwd=tmp_path)
    wheels = list(dist.glob("eaframe-*.whl"))
    assert len(wheels) == 1
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    for model in MODELS:
        assert f"eaframe/_models/{model}.yaml" in names
        assert f"eaframe/_models/_{model}.json" in names  # its compact JSON form (eaframe.bundled)
        assert f"eaframe/_models/_{model}.pickle" in names  # its pickled form (eaframe.bundled)
    assert "eaframe/_models/_compiled.json" in names and "eaframe/_models/_prebuilt.json" in names
    assert "eaframe/_models/_dongnai-binhphuoc-decisions.yaml" in names  # the province merge's decisions (demo)
    assert "eaframe/py.typed" in names  # PEP 561: type checkers use the package's annotations
    assert "eaframe/render/icons/eaframe-icon-actor.png" in names  # the icons that PNG and PDF diagrams embed
    for lang in ("vi", "en"):  # the compiled catalogues (and their sources) ship in the package
        assert f"eaframe/i18n/locale/{lang}/LC_MESSAGES/eaframe.mo" in names
        assert f"eaframe/i18n/locale/{lang}/LC_MESSAGES/eaframe.po" in names
    # test support and doc generators stay out of the installed package
    assert "eaframe/docgen.py" not in names and "eaframe/modeldiff/edits.py" not in names

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    py = venv / "bin" / "python"
    _run([py, "-m", "pip", "install", "--disable-pip-version-check", "-q", wheels[0]], cwd=tmp_path)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = _run([py, "-c",
                "import eaframe, sys; from eaframe.bundled import load_compiled; m = eaframe.load('vn-province-2.0'); "
                "print(eaframe.__file__); print(','.join(eaframe.bundled_models())); "
                "print(m.metadata.instrument.number, len(m.elements), load_compiled('vn-province-2.0') == m)"],
               cwd=elsewhere).stdout.splitlines()
    assert str(venv) in out[0], f"eaframe was imported from {out[0]}, not from the clean environment"
    assert out[1] == ",".join(MODELS)
    assert out[2].startswith("2323/QĐ-BTTTT ") and out[2].endswith(" True")  # the installed JSON form is used
    cli = _run([venv / "bin" / "eaframe", "validate", "vn-province-2.0", "dongnai-2020"], cwd=elsewhere)
    assert "vn-province-2.0: ok" in cli.stdout and "dongnai-2020: ok" in cli.stdout
    # the lazily loaded commands are all reachable from the installed entry point
    help_text = _run([venv / "bin" / "eaframe", "--help"], cwd=elsewhere).stdout
    for name in ("check", "diff", "export", "import", "render", "render-diff", "validate"):
        assert f"\n  {name} " in help_text, name
    _run([venv / "bin" / "eaframe", "diff", "vn-province-1.0", "vn-province-2.0", "--stat"], cwd=elsewhere)
    # the installed catalogues translate: the Vietnamese check report of a bundled model
    vi = _run([venv / "bin" / "eaframe", "check", "dongnai-2020", "--lang", "vi"], cwd=elsewhere)
    assert "eaframe kiểm tra:" in vi.stdout and "CẢNH BÁO (" in vi.stdout, vi.stdout
