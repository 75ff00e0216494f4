"""The 62 element classes are what the static class statements of eaframe/elements.py
made before the classes were created on first use (issue 16, CLI start-up).

tests/data/golden/element_classes.json was written from those static definitions
(commit a705693); every class, when asked for, must give the same name, module,
docstring, bases, layer and aspect, class variables, fields (description, constraints,
default, annotation) and JSON Schema, and the unions and tables built from them the
same schemas and entries.
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import json
import pickle
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter

from eaframe import elements

ROOT = Path(__file__).resolve().parent.parent


def _shown(value: Any) -> str:
    return re.sub(r" at 0x[0-9a-f]+", "", repr(value))


def _describe_class(cls: type[BaseModel]) -> dict[str, Any]:
    return {
        "module": cls.__module__,
        "qualname": cls.__qualname__,
        "doc": cls.__doc__,
        "mro": [f"{c.__module__}.{c.__qualname__}" for c in cls.__mro__],
        "layer": _shown(cls.layer),  # type: ignore[attr-defined]
        "aspect": _shown(cls.aspect),  # type: ignore[attr-defined]
        "kind": cls.kind,  # type: ignore[attr-defined]
        "class_vars": sorted(cls.__class_vars__),
        "annotations": {k: _shown(v) for k, v in cls.__dict__.get("__annotations__", {}).items()},
        "config": {k: _shown(v) for k, v in sorted(cls.model_config.items())},
        "fields": list(cls.model_fields),  # their details in "fields" below, the same in every class
        "type field": _field(cls.model_fields["type"]),
        "schema": _digest(cls.model_json_schema()),
    }


def _field(f: Any) -> dict[str, Any]:
    return {"description": f.description, "metadata": _shown(f.metadata), "default": _shown(f.default),
            "default_factory": _shown(f.default_factory), "annotation": _shown(f.annotation),
            "set": sorted(f._attributes_set)}


def _fields(classes: list[type[BaseModel]]) -> dict[str, Any]:
    """The fields of the classes but ``type``, each the same in every class that has it."""
    out: dict[str, Any] = {}
    for cls in classes:
        for name, f in cls.model_fields.items():
            if name != "type":
                assert out.setdefault(name, _field(f)) == _field(f), (cls, name)
    return out


def _defs(classes: list[type[BaseModel]]) -> dict[str, Any]:
    """The ``$defs`` of the classes' JSON Schemas (the attribute types), each the same in all of them."""
    out: dict[str, Any] = {}
    for cls in classes:
        for name, schema in cls.model_json_schema().get("$defs", {}).items():
            assert out.setdefault(name, schema) == schema, (cls, name)
    return out


def _digest(schema: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(schema, sort_keys=True).encode()).hexdigest()


def describe() -> dict[str, Any]:
    """Everything the golden file holds about the element classes."""
    return {
        "ELEMENT_TYPES": {name: _describe_class(cls) for name, cls in elements.ELEMENT_TYPES.items()},
        "FIELD_TYPES": elements.FIELD_TYPES,
        "FIELD_ORDER": elements.FIELD_ORDER,
        "fields": _fields(list(elements.ELEMENT_TYPES.values())),
        "$defs": _defs(list(elements.ELEMENT_TYPES.values())),
        # the JSON Schemas as SHA-256 digests (the schema of each class is made of its fields and
        # docstring above, the unions' of the classes' schemas)
        "AnyElement schema": _digest(TypeAdapter(elements.AnyElement).json_schema()),
        "ElementItem schema": _digest(TypeAdapter(elements.ElementItem).json_schema()),
        "public classes": sorted(n for n in elements.__all__
                                 if inspect.isclass(getattr(elements, n))
                                 and issubclass(getattr(elements, n), BaseModel)),
    }


def test_element_classes_equal_the_static_definitions(golden):
    golden("element_classes.json", json.dumps(describe(), indent=1, sort_keys=True, ensure_ascii=False) + "\n")


# ------------------------------------------------ made on first use, once, by any way in
def _run(code: str) -> str:
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return r.stdout


#: Prints the element classes made (module attributes), the eaframe model classes whose
#: validators were built, and whether pydantic looked for plugins (which it does when it builds one).
_AFTER = r"""
import inspect, sys
from pydantic import BaseModel
from eaframe import elements
made = sorted(n for n in elements.ELEMENT_TYPES if n in vars(elements))
built = sorted(n for m, mod in list(sys.modules.items()) if m.startswith("eaframe") and mod is not None
               for n, c in vars(mod).items() if inspect.isclass(c) and issubclass(c, BaseModel)
               and c.__module__ == m and c.__dict__.get("__pydantic_complete__"))
print(json.dumps([made, built, "pydantic.plugin._loader" in sys.modules]))
"""


@pytest.mark.parametrize("command", ["info", "validate"])
def test_a_command_on_a_bundled_model_makes_only_the_classes_of_its_types_and_builds_no_validator(command):
    from eaframe import load

    types = sorted({e.type for e in load("dongnai-2020").elements})
    assert 10 < len(types) < 30
    code = ("import json, sys\nfrom eaframe.cli import main\n"
            f"try:\n    main([{command!r}, 'dongnai-2020'], prog_name='eaframe')\nexcept SystemExit as e:\n"
            "    assert not e.code, e.code\n" + _AFTER)
    made, built, plugins_looked_for = json.loads(_run(code).splitlines()[-1])
    assert made == types
    # the validated model is unpickled: no class needs its validator (every model class defers building it)
    assert built == [] and plugins_looked_for is False


def test_the_mapping_names_the_types_without_making_classes():
    out = _run("import json\nfrom eaframe.elements import ELEMENT_TYPES, FIELD_TYPES, __all__\n"
               "names = list(ELEMENT_TYPES)\n"
               "facts = [len(ELEMENT_TYPES), 'Node' in ELEMENT_TYPES, 'Nope' in ELEMENT_TYPES, names[:2], names[-2:],\n"
               "         ELEMENT_TYPES.get('Nope'), ELEMENT_TYPES.get('Nope', 1), len(FIELD_TYPES), len(__all__)]\n"
               + _AFTER.replace("print(json.dumps([", "print(json.dumps([facts, "))
    facts, made, built, _ = json.loads(out.splitlines()[-1])
    assert facts == [62, True, False, ["Resource", "Capability"], ["AndJunction", "OrJunction"], None, 1,
                     len(elements.FIELD_TYPES), len(elements.__all__)]
    assert made == [] and built == []


def test_every_way_in_gives_the_one_class():
    code = r"""
import json, pickle, sys
from eaframe import elements
from eaframe.elements import ELEMENT_TYPES, element_class
pickled = pickle.loads(bytes.fromhex(sys.argv[1]))     # made by unpickling
from eaframe.elements import Goal                        # by an import
node = elements.Node                                     # as a module attribute
junction = element_class("AndJunction")                  # by element_class
service = ELEMENT_TYPES["BusinessService"]               # by the mapping
same = [type(pickled) is ELEMENT_TYPES["ApplicationComponent"] is elements.ApplicationComponent,
        Goal is ELEMENT_TYPES.get("Goal") is element_class("Goal"), node is ELEMENT_TYPES["Node"],
        junction is elements.AndJunction, service is getattr(elements, "BusinessService"),
        isinstance(pickled, elements.SystemFields), pickled == elements.ApplicationComponent(id="prov.app")]
print(json.dumps([same, sorted(n for n in ELEMENT_TYPES if n in vars(elements)), "Location" in dir(elements)]))
"""
    from eaframe.elements import ApplicationComponent

    blob = pickle.dumps(ApplicationComponent(id="prov.app")).hex()
    r = subprocess.run([sys.executable, "-c", code, blob], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    same, made, listed = json.loads(r.stdout)
    assert same == [True] * 7
    assert made == ["AndJunction", "ApplicationComponent", "BusinessService", "Goal", "Node"] and listed


def test_threads_asking_first_get_the_same_class():
    out = _run(r"""
import json, threading
from eaframe import elements
barrier = threading.Barrier(8)
got = []
def first_use(i):
    barrier.wait()
    got.append(id(elements.ELEMENT_TYPES["Deliverable"] if i % 2 else getattr(elements, "Deliverable")))
threads = [threading.Thread(target=first_use, args=(i,)) for i in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps([len(got), len(set(got))]))
""")
    assert json.loads(out) == [8, 1]


@pytest.mark.parametrize("name", elements.__all__)
def test_every_public_name_resolves(name):
    value = getattr(elements, name)
    namespace: dict[str, Any] = {}
    exec(f"from eaframe.elements import {name}", namespace)
    assert namespace[name] is value
    if name in elements.ELEMENT_TYPES:
        assert value is elements.ELEMENT_TYPES[name] is elements.element_class(name)
        assert value.__name__ == value.__qualname__ == name and value.__module__ == "eaframe.elements"
        assert pickle.loads(pickle.dumps(value)) is value
        element = value(id="x1")
        assert pickle.loads(pickle.dumps(element)) == element and isinstance(element, elements.Element)
        assert element.type == name and value.model_fields["type"].default == name


def test_unknown_names_are_refused():
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        elements.Nope  # noqa: B018
    with pytest.raises(ImportError):
        exec("from eaframe.elements import applicationcomponent", {})
    with pytest.raises(KeyError, match="unknown element type 'Nope'"):
        elements.element_class("Nope")
    with pytest.raises(KeyError):
        elements.ELEMENT_TYPES["Nope"]


def test_what_type_checkers_see_agrees_with_the_table():
    # the class statements under ``if TYPE_CHECKING`` (for mypy and IDEs) declare the same
    # types, in the same order, on the same bases, as the table the classes are made from
    tree = ast.parse((ROOT / "eaframe" / "elements.py").read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"
                 and any(isinstance(c, ast.ClassDef) for c in n.body))
    declared = [(c.name, [ast.unparse(b) for b in c.bases], [ast.unparse(s) for s in c.body])
                for c in block.body if isinstance(c, ast.ClassDef)]
    table = elements._TYPE_TABLE
    assert declared == [(name, [base.__name__], [f"type: Literal['{name}'] = '{name}'"])
                        for name, (base, *_) in table.items()]
    union = next(s for s in block.body if isinstance(s, ast.Assign) and ast.unparse(s.targets[0]) == "AnyElement")
    assert ast.unparse(union.value) == (f"Annotated[Union[{', '.join(table)}], Field(discriminator='type')]")
