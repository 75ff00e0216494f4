"""Archi CSV hardening: formula neutralisation, atomic sets, precise errors, no silent drops."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from eaframe import ArchitectureModel, EaframeError, dumps, load, save, synthetic_model
from eaframe.cli import main
from eaframe.exceptions import ExchangeFormatError
from eaframe.exchange import csv as archi_csv
from eaframe.exchange import read_archi_csv, write_archi_csv

FORMULA = "=cmd|' /C calc'!A0"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

ELEMENTS = '"ID","Type","Name","Documentation","Specialization"\r\n'
RELATIONS = '"ID","Type","Name","Documentation","Source","Target","Specialization"\r\n'
PROPERTIES = '"ID","Key","Value"\r\n'


def hostile_model(title: str = FORMULA, name: str = "+1+cmd", doc: str = "@SUM(A1)", key: str = "-key",
                  value: str = "\t=x") -> ArchitectureModel:
    return ArchitectureModel.model_validate({
        "metadata": {"title": {"vi": title}, "properties": {key: value}},
        "elements": [
            # (Archi CSV cannot tell empty documentation from none, so empty text is left out)
            {"id": "a", "type": "BusinessActor", "name": {"vi": name}, "documentation": {"vi": doc} if doc else None,
             "properties": {key: value, "cost": "-5", "quoted": "'=already"}},
            {"id": "b", "type": "BusinessRole", "name": {"vi": "\rrole", "en": "=en name"}},
            {"id": "g", "type": "Goal", "name": {"vi": "Goal"}},
        ],
        "relationships": [
            {"id": "r1", "type": "Assignment", "source": "a", "target": "b", "name": {"vi": "-assigns"}},
            {"id": "r2", "type": "Influence", "source": "a", "target": "g", "modifier": "++"},
        ],
    })


def cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def read_quietly(source) -> ArchitectureModel:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_archi_csv(source)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# ------------------------------------------------------------- 1. formula neutralisation
def test_export_neutralises_formula_cells(tmp_path):
    m = hostile_model()
    write_archi_csv(m, tmp_path)
    for name in ("elements.csv", "relations.csv", "properties.csv"):
        for row in cells(tmp_path / name)[1:]:
            for cell in row:
                # a cell may start with a sign only when it is a plain number or an influence strength
                assert not cell.startswith(TRIGGERS) or cell in ("-5", "++"), (name, row)
    text = (tmp_path / "elements.csv").read_text(encoding="utf-8")
    assert '"\'=cmd|\' /C calc\'!A0"' in text and '"\'+1+cmd","\'@SUM(A1)"' in text
    props = (tmp_path / "properties.csv").read_text(encoding="utf-8")
    assert '"a","\'-key","\'\t=x"' in props and '"a","quoted","\'\'=already"' in props
    assert '"r2","Influence_Strength","++"' in props and '"a","cost","-5"' in props
    assert dumps(read_quietly(tmp_path)) == dumps(m)


def test_raw_export_writes_text_as_is_and_reads_back(tmp_path):
    m = hostile_model()
    write_archi_csv(m, tmp_path, raw=True)
    text = (tmp_path / "elements.csv").read_text(encoding="utf-8")
    assert f'"{FORMULA}"' in text and '"+1+cmd","@SUM(A1)"' in text
    assert dumps(read_quietly(tmp_path)) == dumps(m)


def test_files_from_other_tools_keep_leading_quotes(tmp_path):
    # no eaframe marker: a leading quote is the text itself, not eaframe's neutralisation
    (tmp_path / "elements.csv").write_text(ELEMENTS + '"m","ArchimateModel","\'=Model","",""\r\n'
                                           '"a","BusinessActor","\'=a","",""\r\n', encoding="utf-8")
    m = read_archi_csv(tmp_path)
    assert m.metadata.title.vi == "'=Model" and m["a"].name.vi == "'=a"


_texts = st.tuples(st.text(alphabet="'", max_size=2), st.sampled_from(TRIGGERS + ("", "x")),
                   st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                           max_size=12)).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_texts, name=_texts, doc=_texts, key=_texts, value=_texts, raw=st.booleans())
def test_round_trip_of_text_starting_with_formula_characters(title, name, doc, key, value, raw):
    try:
        m = hostile_model(title or "t", name or "n", doc, key.strip() or "k", value)
    except (ValidationError, EaframeError):  # text the model itself refuses is not CSV's business
        return
    with tempfile.TemporaryDirectory() as d:
        write_archi_csv(m, d, raw=raw)
        back = read_quietly(d)
    assert dumps(back) == dumps(m)


def test_cli_csv_raw_option(tmp_path):
    model = tmp_path / "m.yaml"
    save(hostile_model(), model)
    assert run("export", model, "--to", "csv", "-o", tmp_path / "safe").exit_code == 0
    assert run("export", model, "--to", "csv", "--csv-raw", "-o", tmp_path / "raw").exit_code == 0
    assert f'"\'{FORMULA}"' in (tmp_path / "safe" / "elements.csv").read_text(encoding="utf-8")
    assert f'"{FORMULA}"' in (tmp_path / "raw" / "elements.csv").read_text(encoding="utf-8")
    for d in ("safe", "raw"):
        assert run("import", tmp_path / d, "-o", tmp_path / f"{d}.yaml").exit_code == 0
        assert load(tmp_path / f"{d}.yaml").metadata.title.vi == FORMULA


# ------------------------------------------------------------------ 2. one atomic set
def test_failed_export_leaves_the_previous_set_untouched(tmp_path, monkeypatch):
    write_archi_csv(synthetic_model(20, seed=1), tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real = archi_csv._write_file
    calls = []

    def failing(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(archi_csv, "_write_file", failing)
    with pytest.raises(OSError):
        write_archi_csv(synthetic_model(30, seed=2), tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temporary folder left either
    monkeypatch.undo()
    assert len(read_quietly(tmp_path).elements) == 20


@pytest.mark.parametrize("name", ["properties.csv", "relations.csv", "elements.csv"])
def test_mixed_set_is_refused_naming_the_files(tmp_path, name):
    write_archi_csv(synthetic_model(20, seed=1), tmp_path / "a")
    write_archi_csv(synthetic_model(20, seed=2), tmp_path / "b")
    shutil.copy(tmp_path / "b" / name, tmp_path / "a" / name)
    with pytest.raises(ExchangeFormatError, match="not from the same export") as exc:
        read_archi_csv(tmp_path / "a")
    assert name in str(exc.value)


@pytest.mark.parametrize("name", ["properties.csv", "relations.csv"])
def test_set_with_a_missing_file_is_refused(tmp_path, name):
    write_archi_csv(synthetic_model(10, seed=1), tmp_path)
    (tmp_path / name).unlink()
    with pytest.raises(ExchangeFormatError, match=f"{name} is missing: the set is incomplete"):
        read_archi_csv(tmp_path)


def test_export_is_deterministic_and_hand_edited_names_still_import(tmp_path):
    m = synthetic_model(20, seed=3)
    a = [p.read_bytes() for p in write_archi_csv(m, tmp_path / "a")]
    b = [p.read_bytes() for p in write_archi_csv(m, tmp_path / "b")]
    assert a == b
    rows = cells(tmp_path / "a" / "relations.csv")
    rows[1][2] = "renamed in a spreadsheet"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    (tmp_path / "a" / "relations.csv").write_text(buf.getvalue(), encoding="utf-8")
    back = read_quietly(tmp_path / "a")
    assert back[rows[1][0]].name.vi == "renamed in a spreadsheet"


# ----------------------------------------------------------------- 3. unterminated quote
def test_unterminated_quote_is_reported_where_it_starts(tmp_path):
    (tmp_path / "elements.csv").write_text(ELEMENTS + '"a","BusinessActor","A","",""\r\n'
                                           'b,BusinessActor,"B name,,\r\n'
                                           'c,BusinessActor,C,,\r\n', encoding="utf-8")
    with pytest.raises(ExchangeFormatError, match="unterminated quote") as exc:
        read_archi_csv(tmp_path)
    assert (exc.value.line, exc.value.column) == (3, 17)
    assert "double a quote" in str(exc.value)


# ------------------------------------------------------- 4. nothing dropped silently
def test_properties_of_unknown_ids_are_counted_in_a_warning(tmp_path):
    (tmp_path / "elements.csv").write_text(ELEMENTS + '"a","BusinessActor","A","",""\r\n', encoding="utf-8")
    (tmp_path / "properties.csv").write_text(PROPERTIES + '"a","k","v"\r\n"x","k","v"\r\n"a","k2","v"\r\n'
                                             '"y","k","v"\r\n"x","k3","v"\r\n', encoding="utf-8")
    with pytest.warns(UserWarning, match="3 properties rows"):
        m = read_archi_csv(tmp_path)
    assert m["a"].properties == {"k": "v", "k2": "v"}
    (w,) = [p for p in m.warnings if "properties rows" in p.message]
    assert w.severity == "warning" and w.file.endswith("properties.csv") and w.line == 3
    assert "lines 3, 5, 6" in w.message and "'x'" in w.message


def test_second_model_row_is_an_error_naming_both_lines(tmp_path):
    (tmp_path / "elements.csv").write_text(ELEMENTS + '"m","ArchimateModel","One","",""\r\n'
                                           '"a","BusinessActor","A","",""\r\n'
                                           '"m2","ArchimateModel","Two","",""\r\n', encoding="utf-8")
    with pytest.raises(ExchangeFormatError, match="second model row") as exc:
        read_archi_csv(tmp_path)
    assert exc.value.line == 4 and "line 2" in str(exc.value)


# ---------------------------------------------------------------- 5. Junction_Type
@pytest.mark.parametrize("value", ["Xor", "and or", "1"])
def test_unknown_junction_type_is_refused(tmp_path, value):
    (tmp_path / "elements.csv").write_text(ELEMENTS + '"j","Junction","","",""\r\n', encoding="utf-8")
    (tmp_path / "properties.csv").write_text(PROPERTIES + f'"j","Junction_Type","{value}"\r\n', encoding="utf-8")
    with pytest.raises(ExchangeFormatError, match="Junction_Type") as exc:
        read_archi_csv(tmp_path)
    assert exc.value.file.endswith("properties.csv") and exc.value.line == 2
    assert "And, Or or empty" in str(exc.value)


@pytest.mark.parametrize(("value", "expected"), [("And", "AndJunction"), ("or", "OrJunction"),
                                                 ("", "AndJunction")])
def test_known_junction_types_are_read(tmp_path, value, expected):
    (tmp_path / "elements.csv").write_text(ELEMENTS + '"j","Junction","","",""\r\n', encoding="utf-8")
    (tmp_path / "properties.csv").write_text(PROPERTIES + f'"j","Junction_Type","{value}"\r\n', encoding="utf-8")
    assert read_archi_csv(tmp_path)["j"].type == expected


def test_unknown_access_type_names_its_line(tmp_path):
    (tmp_path / "elements.csv").write_text(ELEMENTS + '"a","BusinessActor","A","",""\r\n'
                                           '"d","BusinessObject","D","",""\r\n', encoding="utf-8")
    (tmp_path / "relations.csv").write_text(RELATIONS + '"r","AccessRelationship","","","a","d",""\r\n',
                                            encoding="utf-8")
    (tmp_path / "properties.csv").write_text(PROPERTIES + '"r","Access_Type","Delete"\r\n', encoding="utf-8")
    with pytest.raises(ExchangeFormatError, match="Access_Type") as exc:
        read_archi_csv(tmp_path)
    assert exc.value.line == 2


# ------------------------------------------------------------------ 6. huge fields
def test_huge_documentation_round_trips_without_touching_the_global_limit(tmp_path):
    limit = csv.field_size_limit()
    doc = "đ" * 100_000 + "\n" + "x" * 99_999
    data = synthetic_model(5, seed=1).model_dump(mode="json", exclude_none=True)
    data["elements"][0]["documentation"] = {"vi": doc}
    m = ArchitectureModel.model_validate(data)
    write_archi_csv(m, tmp_path)
    back = read_quietly(tmp_path)
    assert back.elements[0].documentation.vi == doc
    assert csv.field_size_limit() == limit


def test_extra_fields_and_repeated_keys_are_counted_in_warnings(tmp_path):
    (tmp_path / "elements.csv").write_text(ELEMENTS + '"a","BusinessActor","A","","","extra"\r\n'
                                           '"b","BusinessActor","B","",""\r\n', encoding="utf-8")
    (tmp_path / "properties.csv").write_text(PROPERTIES + '"a","eaframe:confidence","V"\r\n"a","eaframe:confidence",'
                                             '"K"\r\n"b","k","v","x"\r\n"b","k","w"\r\n', encoding="utf-8")
    with pytest.warns(UserWarning):
        m = read_archi_csv(tmp_path)
    # a repeated free key keeps every value (issue 11); a repeated typed key is warned about
    assert m["a"].confidence is not None and m["b"].properties == {"k": ["v", "w"]}
    extra = [p for p in m.warnings if "more fields" in p.message]
    assert [(p.file.rsplit("/", 1)[-1], p.line) for p in extra] == [("elements.csv", 2), ("properties.csv", 4)]
    (repeat,) = [p for p in m.warnings if "repeat" in p.message]
    assert repeat.line == 3 and "1 properties row" in repeat.message and "'eaframe:confidence'" in repeat.message


def test_special_keys_on_other_types_are_kept_as_properties(tmp_path):
    (tmp_path / "elements.csv").write_text(ELEMENTS + '"a","BusinessActor","A","",""\r\n'
                                           '"d","BusinessObject","D","",""\r\n', encoding="utf-8")
    (tmp_path / "relations.csv").write_text(RELATIONS + '"r","AssociationRelationship","","","a","d",""\r\n',
                                            encoding="utf-8")
    (tmp_path / "properties.csv").write_text(PROPERTIES + '"a","Junction_Type","Or"\r\n"r","Access_Type","Read"\r\n'
                                             '"r","Directed","true"\r\n', encoding="utf-8")
    m = read_archi_csv(tmp_path)
    assert m["a"].properties == {"Junction_Type": "Or"}
    assert m["r"].properties == {"Access_Type": "Read"} and m["r"].is_directed
