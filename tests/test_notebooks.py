"""The example notebooks run top to bottom in a real Jupyter kernel (nbclient + ipykernel).

A notebook that needs a feature not installed yet (the diff, the checks, the
exchange module) or a bundled model that is not present is skipped, and runs as soon
as they are.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from eaframe.bundled import bundled_models

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: notebook -> (modules it needs, bundled models it needs)
NOTEBOOKS = {
    "quickstart.ipynb": ((), ("dongnai-2020",)),
    "framework-diff.ipynb": (("eaframe.modeldiff",), ("vn-province-1.0", "vn-province-2.0")),
    "dongnai-gaps.ipynb": (("eaframe.checks",), ("dongnai-2019", "dongnai-2020")),
    "export-to-archi.ipynb": (("eaframe.exchange",), ("dongnai-2020",)),
}


def test_every_example_notebook_is_listed():
    assert sorted(p.name for p in EXAMPLES.glob("*.ipynb")) == sorted(NOTEBOOKS)


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_notebook_is_committed_without_outputs(name):
    nb = nbformat.read(EXAMPLES / name, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name}: clear the outputs before committing"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_notebook_runs_top_to_bottom(name, tmp_path):
    modules, models = NOTEBOOKS[name]
    for mod in modules:
        if importlib.util.find_spec(mod) is None:
            pytest.skip(f"{mod} is not installed yet")
    missing = [m for m in models if m not in bundled_models()]
    if missing:
        pytest.skip(f"bundled models not present yet: {', '.join(missing)}")
    nb = nbformat.read(EXAMPLES / name, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError, with the failing cell and traceback, on any error
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
