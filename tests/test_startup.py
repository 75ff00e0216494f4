"""What keeps ``eaframe info`` / ``eaframe validate`` of a bundled model quick to start
(issue 16; timings in docs/performance.md, benchmarks/bench_cli.py).

Pydantic evaluates the annotations of a model class and of every one of its bases each
time it builds a class; string annotations (``from __future__ import annotations``) are
compiled and evaluated again for each of the 62 element and 11 relationship classes.
The modules that define those classes keep their annotations as objects.
"""

from __future__ import annotations

import importlib.util
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from eaframe import attributes, diagram, elements, model, relationships


@pytest.mark.parametrize("module", [elements, relationships])
def test_model_classes_with_many_subclasses_keep_annotations_as_objects(module):
    classes = [c for c in vars(module).values()
               if inspect.isclass(c) and issubclass(c, BaseModel) and c.__module__ == module.__name__]
    assert len(classes) > 10
    strings = {f"{c.__name__}.{name}" for c in classes
               for name, ann in c.__dict__.get("__annotations__", {}).items() if isinstance(ann, str)}
    assert strings == set()


# ------------------------------------------------------------ field descriptions
ROOT = Path(__file__).resolve().parent.parent

#: Prints, as JSON, what every model class's fields are (description, constraints,
#: default, type) and the JSON Schemas; with the argument ``pydantic``, the
#: descriptions come from pydantic's own reading of the source instead of the table.
_DESCRIBE = r"""
import json, re, sys
if sys.argv[1:] == ["pydantic"]:
    import eaframe._field_docs_table as table
    table.FIELD_DOCS.clear()
    from pydantic._internal import _config
    for_model = _config.ConfigWrapper.for_model.__func__
    def with_docstrings(cls, *args, **kwargs):
        wrapper = for_model(cls, *args, **kwargs)
        wrapper.config_dict["use_attribute_docstrings"] = True
        return wrapper
    _config.ConfigWrapper.for_model = classmethod(with_docstrings)
import inspect
from pydantic import BaseModel
from eaframe import attributes, diagram, elements, model, relationships
from eaframe.schema import model_json_schema
list(elements.ELEMENT_TYPES.values())  # the element classes, made on first use
classes = {f"{c.__module__}.{c.__qualname__}": c for m in (attributes, diagram, elements, relationships, model)
           for c in vars(m).values() if inspect.isclass(c) and issubclass(c, BaseModel)}
def shown(x):
    return re.sub(r" at 0x[0-9a-f]+", "", repr(x))
out = {name: {f: [i.description, shown(i.metadata), shown(i.default), shown(i.default_factory), shown(i.annotation),
                  sorted(set(i._attributes_set) - {"description"})]
              for f, i in c.model_fields.items()} for name, c in sorted(classes.items())}
out["schema"] = model_json_schema()
out["class schemas"] = {name: c.model_json_schema() for name, c in sorted(classes.items())
                        if not c.__name__.startswith("_") and c.__name__ not in ("BaseModel", "FieldDocs")}
print(json.dumps(out, sort_keys=True, default=str))
"""


def _describe(*args: str) -> dict:
    r = subprocess.run([sys.executable, "-c", _DESCRIBE, *args], capture_output=True, text=True, timeout=120,
                       cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_fields_have_the_descriptions_and_schema_pydantic_reads_from_the_docstrings():
    ours, theirs = _describe(), _describe("pydantic")
    assert ours == theirs
    described = [f for name, fields in ours.items() if name not in ("schema", "class schemas")
                 for f in fields.values() if f[0]]
    assert len(described) > 500  # the fields of the 62 element classes included


def test_the_field_docs_table_is_current():
    spec = importlib.util.spec_from_file_location("gen_field_docs", ROOT / "scripts" / "gen_field_docs.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert gen.TABLE.read_text(encoding="utf-8") == gen.table_text(), (
        "eaframe/_field_docs_table.py is out of date: run python scripts/gen_field_docs.py")


@pytest.mark.parametrize("module", [attributes, diagram, elements, relationships, model])
def test_no_model_class_has_pydantic_read_its_source(module):
    classes = [c for c in vars(module).values() if inspect.isclass(c) and issubclass(c, BaseModel)]
    assert [c.__name__ for c in classes if c.model_config.get("use_attribute_docstrings")] == []
