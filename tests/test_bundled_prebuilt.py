"""The pickled forms of the bundled models (``models/_NAME.pickle``, eaframe.bundled):
loading a bundled model by name from its pickle gives the model that validating its
YAML file gives, for every bundled model, strict and lenient; anything stale or damaged
about the pickle falls back to validating; files given by path are always validated.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

import eaframe
from eaframe import bundled
from eaframe.bundled import MODEL_SOURCES, PREBUILT_INDEX, code_fingerprint, load_prebuilt

REPO = Path(__file__).resolve().parent.parent
ALL = bundled.bundled_models()


def _concepts(m):
    yield m.metadata
    yield from m.elements
    yield from m.relationships
    yield from m.views


@pytest.mark.parametrize("strict", [True, False])
@pytest.mark.parametrize("name", ALL)
def test_the_pickled_form_gives_the_model_of_the_yaml_file(name, strict):
    validated = eaframe.load(REPO / "models" / f"{name}.yaml", strict=strict)
    prebuilt = load_prebuilt(name, strict=strict)
    assert prebuilt is not None, f"models/_{name}.pickle is not used: run python scripts/gen_bundled_models.py"
    assert prebuilt == validated
    assert prebuilt.warnings == validated.warnings
    assert eaframe.dumps(prebuilt) == eaframe.dumps(validated)
    assert prebuilt.model_dump(mode="json") == validated.model_dump(mode="json")
    pairs = list(zip(_concepts(prebuilt), _concepts(validated), strict=True))
    assert [type(a) for a, _ in pairs] == [type(b) for _, b in pairs]
    assert [a.model_fields_set for a, _ in pairs] == [b.model_fields_set for _, b in pairs]
    assert [a.name.model_fields_set for a, _ in pairs[1:]] == [b.name.model_fields_set for _, b in pairs[1:]]
    # what the CLI loads by name is that model
    by_name = eaframe.load(name, strict=strict)
    assert by_name == validated and eaframe.dumps(by_name) == eaframe.dumps(validated)


def test_a_prebuilt_model_validates_what_is_assigned_to_it():
    # the per-type validators it skipped are built when first needed
    m = load_prebuilt("dongnai-2020")
    element = m.elements[0]
    with pytest.raises(ValidationError):
        element.confidence = "sure"
    element.name.vi = "Tên mới"
    assert element.name.vi == "Tên mới"
    with pytest.raises(ValidationError):
        m.metadata.as_of = "not a date"
    assert load_prebuilt("dongnai-2020") == eaframe.load(REPO / "models" / "dongnai-2020.yaml")  # a new copy each time


def test_an_edited_yaml_file_is_loaded_not_its_stale_pickle(models_copy):
    path = models_copy / "vn-province-1.0.yaml"
    title = eaframe.load(path).metadata.title.vi
    path.write_text(path.read_text(encoding="utf-8").replace(title, "Khung đã sửa", 1), encoding="utf-8")
    assert load_prebuilt("vn-province-1.0") is None
    assert eaframe.load("vn-province-1.0").metadata.title.vi == "Khung đã sửa"


@pytest.mark.parametrize("damage", ["missing", "truncated", "flipped", "other-model", "no-index", "bad-index",
                                    "other-code", "no-entry"])
def test_a_damaged_or_stale_pickle_falls_back_to_validating(models_copy, damage):
    name = "dongnai-2020"
    pickle_file = models_copy / f"_{name}.pickle"
    index_file = models_copy / PREBUILT_INDEX
    index = json.loads(index_file.read_text(encoding="utf-8"))
    if damage == "missing":
        pickle_file.unlink()
    elif damage == "truncated":
        pickle_file.write_bytes(pickle_file.read_bytes()[:100])
    elif damage == "flipped":
        data = bytearray(pickle_file.read_bytes())
        data[len(data) // 2] ^= 0xFF
        pickle_file.write_bytes(bytes(data))
    elif damage == "other-model":  # a valid pickle of another model under this name
        shutil.copyfile(models_copy / "_dongnai-2019.pickle", pickle_file)
    elif damage == "no-index":
        index_file.unlink()
    elif damage == "bad-index":
        index_file.write_text("[1, 2", encoding="utf-8")
    elif damage == "other-code":  # made by other model classes or another pydantic
        index_file.write_text(json.dumps({**index, "code": "0" * 64}), encoding="utf-8")
    elif damage == "no-entry":
        del index["models"][name]
        index_file.write_text(json.dumps(index), encoding="utf-8")
    assert load_prebuilt(name) is None
    assert eaframe.load(name) == eaframe.load(REPO / "models" / f"{name}.yaml")


@pytest.mark.parametrize("source", MODEL_SOURCES)
def test_the_code_fingerprint_covers_every_model_source(tmp_path, source):
    package = tmp_path / "eaframe"
    for name in MODEL_SOURCES:
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "eaframe" / name, package / name)
    assert code_fingerprint(package) == code_fingerprint()
    with (package / source).open("a", encoding="utf-8") as fh:
        fh.write("\n# changed\n")
    assert code_fingerprint(package) != code_fingerprint()


def test_a_file_named_like_a_bundled_model_is_read_as_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (REPO / "models" / "vn-province-1.0.yaml").read_text(encoding="utf-8")
    Path("dongnai-2020").write_text(text, encoding="utf-8")
    assert eaframe.load("dongnai-2020") == eaframe.load(REPO / "models" / "vn-province-1.0.yaml")


def test_the_pickled_forms_are_current():
    spec = importlib.util.spec_from_file_location("gen_bundled_models", REPO / "scripts" / "gen_bundled_models.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    built = {path.stem: path.read_text(encoding="utf-8") for path in (REPO / "models").glob("*.yaml")
             if not path.name.startswith("_")}
    assert gen.stale_prebuilt(built) == [], "the pickled models are out of date: run python scripts/gen_bundled_models.py"


def test_info_and_validate_of_a_bundled_model_read_no_yaml_and_validate_nothing():
    code = ("import sys\nfrom eaframe.cli import main\n"
            "for args in (['info', 'dongnai-2020'], ['validate', 'dongnai-2020']):\n"
            "    try:\n        main(args, prog_name='eaframe')\n    except SystemExit:\n        pass\n"
            "from eaframe.elements import element_class\n"
            "built = [t for t in ('ApplicationComponent', 'Goal') if element_class(t).__pydantic_complete__]\n"
            "print(' '.join(sorted(m for m in sys.modules if m in ('yaml', 'eaframe.modelfile'))), built, file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.stderr.strip() == "[]"
