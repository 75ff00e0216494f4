"""eaframe.load/loads/save/dumps: one verb set for YAML, JSON and ArchiMate exchange XML."""

from __future__ import annotations

import io

import pytest

import eaframe
from eaframe.exceptions import EaframeWarning, ExchangeFormatError, ModelLoadError, ModelValidationError
from eaframe.formats import format_of


@pytest.fixture(scope="module")
def model():
    return eaframe.synthetic_model(25, seed=4)


@pytest.mark.parametrize("name", ["m.yaml", "m.yml", "m.json", "m.xml", "m.XML"])
def test_save_then_load_by_extension(tmp_path, model, name):
    path = tmp_path / name
    eaframe.save(model, path)
    head = path.read_bytes()[:20]
    if name.lower().endswith(".xml"):
        assert head.startswith(b"<?xml")
    elif name.endswith(".json"):
        assert head.startswith(b"{")
    else:
        assert head.startswith(b"eaframe: '1'")
    assert eaframe.load(path) == model
    assert eaframe.load(str(path)) == model


def test_exchange_file_without_xml_extension_is_told_by_content(tmp_path, model):
    path = tmp_path / "export.archimate"
    path.write_text(eaframe.dumps(model, format="archimate"), encoding="utf-8")
    assert format_of(path) == "archimate"
    assert eaframe.load(path) == model
    other = tmp_path / "model.txt"
    other.write_text(eaframe.dumps(model), encoding="utf-8")
    assert format_of(other) == "yaml" and eaframe.load(other) == model


def test_explicit_format_wins_over_the_extension(tmp_path, model):
    path = tmp_path / "really-xml.yaml"
    eaframe.save(model, path, format="archimate")
    assert path.read_bytes().startswith(b"<?xml")
    assert eaframe.load(path, format="archimate") == model
    with pytest.raises(ModelValidationError):  # read as YAML it is not a model
        eaframe.load(path)


def test_loads_tells_xml_from_yaml_and_json(model):
    assert eaframe.loads(eaframe.dumps(model, format="archimate")) == model
    with pytest.raises(ExchangeFormatError, match="XML declaration allowed only at the start"):
        eaframe.loads("\n  " + eaframe.dumps(model, format="archimate"))  # read as XML, reported as XML
    assert eaframe.loads(eaframe.dumps(model)) == model
    assert eaframe.loads(eaframe.dumps(model, format="json")) == model
    assert eaframe.loads(eaframe.dumps(model, format="json"), format="json") == model


def test_streams(model):
    text = io.StringIO()
    eaframe.save(model, text, format="json")
    assert eaframe.load(io.StringIO(text.getvalue()), format="json") == model
    binary = io.BytesIO()
    eaframe.save(model, binary, format="archimate")
    assert eaframe.load(io.BytesIO(binary.getvalue()), format="archimate") == model


def test_bundled_names_still_load():
    assert eaframe.load("vn-province-2.0") == eaframe.load("vn-province-2.0", format="yaml")
    with pytest.raises(ModelLoadError, match="did you mean the bundled model 'vn-province-2.0'"):
        eaframe.load("vn-province-2")


def test_strict_applies_to_exchange_files(tmp_path):
    xml = eaframe.dumps(eaframe.load("dongnai-2020"), format="archimate")
    # an Assignment between two application components is not allowed by ArchiMate 3.2
    bad = xml.replace("</relationships>",
                      '<relationship identifier="id-bad" xsi:type="Assignment" source="prov.lgsp" '
                      'target="ext.ngsp"/></relationships>', 1)
    path = tmp_path / "bad.xml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ExchangeFormatError, match="not allowed"):
        eaframe.load(path)
    with pytest.warns(EaframeWarning, match="1 warning"):
        lenient = eaframe.load(path, strict=False)
    assert any("not allowed" in str(w) for w in lenient.warnings)


def test_bad_exchange_file_is_an_eaframe_error(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<model><unclosed></model>", encoding="utf-8")
    with pytest.raises(ExchangeFormatError, match="broken.xml"):
        eaframe.load(path)


def test_unknown_format_is_refused(model, tmp_path):
    for call in (lambda: eaframe.dumps(model, format="csv"),
                 lambda: eaframe.loads("a: 1", format="xml"),
                 lambda: eaframe.load(tmp_path / "m.yaml", format="toml"),
                 lambda: eaframe.save(model, tmp_path / "m.yaml", format="yml")):
        with pytest.raises(ValueError, match="format must be one of 'yaml', 'json', 'archimate'"):
            call()
    assert not (tmp_path / "m.yaml").exists()
