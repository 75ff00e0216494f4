"""The readers' own format messages (exchange XML, Archi ``.archimate``, Archi CSV), the checks
of stored diagrams and folders, and the CLI's own lines (``cannot write FILE``, ``wrote FILE``,
notes) in both languages: ``--lang vi`` prints them in Vietnamese (a parser's or the operating
system's own detail aside), no ``--lang`` and ``--lang en`` print the English text, and ``str()``
of an error stays English."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_i18n_errors import ENGLISH_WORDS
from test_i18n_outputs import VI_PO, _english_left

import eaframe
from eaframe.cli import main
from eaframe.exceptions import ExchangeFormatError, OutputError
from eaframe.exchange.archimate import generate_archimate
from eaframe.i18n._po import PROPER_NOUN, read_po

CORPUS = Path(__file__).parent / "data" / "corpus"
XMLNS = ('xmlns="http://www.opengroup.org/xsd/archimate/3.0/" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')


def _model(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<model {XMLNS} identifier="m">\n<name xml:lang="en">M</name>\n{body}\n</model>\n'


def _elements(*rows: str) -> str:
    return "<elements>\n" + "\n".join(rows) + "\n</elements>"


A = '<element identifier="a" xsi:type="BusinessActor"><name xml:lang="en">A</name></element>'
B = '<element identifier="b" xsi:type="Node"><name xml:lang="en">B</name></element>'


def _view(node: str) -> str:
    return (f'<views><diagrams><view identifier="v" xsi:type="Diagram"><name xml:lang="en">V</name>{node}'
            '</view></diagrams></views>')


# name -> (file name, content): files the exchange reader refuses, with its own words
XML: dict[str, tuple[str, str]] = {
    "unknown-element-type": ("m.xml", _model(_elements(A.replace("BusinessActor", "BusinesActor")))),
    "unknown-relationship-type": ("m.xml", _model(_elements(A, B) + '\n<relationships><relationship identifier="r" '
                                                  'xsi:type="Servin" source="a" target="b"/></relationships>')),
    "odd-child": ("m.xml", _model(_elements(A, "<foo/>"))),
    "no-identifier": ("m.xml", _model(_elements('<element xsi:type="Node"><name xml:lang="en">B</name></element>'))),
    "no-property-ref": ("m.xml", _model(_elements(
        '<element identifier="a" xsi:type="Node"><name xml:lang="en">A</name><properties><property><value>x</value>'
        '</property></properties></element>'))),
    "undefined-property-ref": ("m.xml", _model(_elements(
        '<element identifier="a" xsi:type="Node"><name xml:lang="en">A</name><properties><property '
        'propertyDefinitionRef="p9"><value>x</value></property></properties></element>'))),
    "access-type": ("m.xml", _model(_elements(
        A.replace("BusinessActor", "ApplicationComponent"), B.replace("Node", "DataObject"))
        + '\n<relationships><relationship identifier="r" xsi:type="Access" source="a" target="b" '
          'accessType="Sometimes"/></relationships>')),
    "node-type": ("m.xml", _model(_elements(A) + "\n" + _view(
        '<node identifier="n" xsi:type="Blob" x="0" y="0" w="10" h="10"/>'))),
    "not-an-integer": ("m.xml", _model(_elements(A) + "\n" + _view(
        '<node identifier="n" xsi:type="Element" elementRef="a" x="left" y="0" w="10" h="10"/>'))),
    "missing-attribute": ("m.xml", _model(_elements(A) + "\n" + _view(
        '<node identifier="n" xsi:type="Element" elementRef="a" y="0" w="10" h="10"/>'))),
    "not-exchange": ("m.xml", '<?xml version="1.0"?>\n<catalogue xmlns="urn:example:books"/>\n'),
    "archimate-2": ("m.xml", '<?xml version="1.0"?>\n<model xmlns="http://www.opengroup.org/xsd/archimate"/>\n'),
    "doctype": ("m.xml", '<?xml version="1.0"?>\n<!DOCTYPE model [<!ENTITY x "y">]>\n' + _model("")[22:]),
    "malformed": ("m.xml", _model(_elements(A))[:-20]),
    "forbidden-relationship": ("m.xml", _model(_elements(A, B) + '\n<relationships><relationship identifier="r" '
                                               'xsi:type="Composition" source="a" target="b"/></relationships>')),
}

ARCHI_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<archimate:model xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
              ' xmlns:archimate="http://www.archimatetool.com/archimate" name="M" id="m" version="5.0.0">\n')
ARCHI: dict[str, tuple[str, str]] = {
    "folder-without-id": ("m.archimate", ARCHI_HEAD + '<folder name="Business" type="business"/>\n</archimate:model>\n'),
    "relationship-without-ends": ("m.archimate", ARCHI_HEAD + '<folder name="Relations" type="relations" id="f">'
                                  '<element xsi:type="archimate:ServingRelationship" id="r"/></folder>\n'
                                  '</archimate:model>\n'),
    "forbidden-relationship": ("m.archimate", ARCHI_HEAD + '<folder name="Business" type="business" id="f1">'
                               '<element xsi:type="archimate:BusinessActor" name="A" id="a"/></folder>'
                               '<folder name="Technology" type="technology" id="f2">'
                               '<element xsi:type="archimate:Node" name="B" id="b"/></folder>'
                               '<folder name="Relations" type="relations" id="f3">'
                               '<element xsi:type="archimate:CompositionRelationship" id="r" source="a" target="b"/>'
                               '</folder>\n</archimate:model>\n'),
}

HEADER = '"ID","Type","Name","Documentation","Specialization"\n'
CSV: dict[str, dict[str, str]] = {
    "unterminated-quote": {"elements.csv": HEADER + '"a","BusinessActor","A\n'},
    "after-quote": {"elements.csv": HEADER + '"a"x,"BusinessActor","A","",""\n'},
    "header": {"elements.csv": '"ID";"Kind"\n"a";"BusinessActor"\n'},
    "short-row": {"elements.csv": HEADER + '"a","BusinessActor"\n'},
    "unknown-type": {"elements.csv": HEADER + '"a","BusinesActor","A","",""\n'},
    "unknown-relation-type": {"elements.csv": HEADER + '"a","BusinessActor","A","",""\n"b","Node","B","",""\n',
                              "relations.csv": '"ID","Type","Name","Documentation","Source","Target","Specialization"\n'
                                               '"r","ServinRelationship","","","a","b",""\n'},
    "access-type": {"elements.csv": HEADER + '"a","ApplicationComponent","A","",""\n"b","DataObject","B","",""\n',
                    "relations.csv": '"ID","Type","Name","Documentation","Source","Target","Specialization"\n'
                                     '"r","AccessRelationship","","","a","b",""\n',
                    "properties.csv": '"ID","Key","Value"\n"r","Access_Type","Sometimes"\n'},
    "nul": {"elements.csv": HEADER + '"a","BusinessActor","A\x00","",""\n'},
}

# what the parsers say in their own words stays English: taken out before looking for English
PARSER_DETAIL = re.compile(r"(XML sai cấu trúc): .*")


def _write_case(folder: Path, family: str, name: str) -> str:
    if family == "csv":
        target = folder / "csv"
        target.mkdir()
        for fname, text in CSV[name].items():
            (target / fname).write_text(text, encoding="utf-8")
        return str(target)
    fname, text = (XML if family == "xml" else ARCHI)[name]
    path = folder / fname
    path.write_text(text, encoding="utf-8")
    return str(path)


CASES = ([("xml", n) for n in sorted(XML)] + [("archi", n) for n in sorted(ARCHI)]
         + [("csv", n) for n in sorted(CSV)])


def _run(args: list[str]):
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in r.output and not isinstance(r.exception, (TypeError, AttributeError, KeyError)), r.output
    return r


def _english_in_catalogue(text: str) -> list[str]:
    """The English pieces (three words or more between the fields of a msgid) that the Vietnamese
    catalogue file translates but ``text`` still holds: read from the ``.po`` file itself, so that
    the check does not depend on the compiled catalogue of the code under test."""
    pieces = set()
    for e in read_po(VI_PO)[1]:
        if e.msgstr == e.msgid or PROPER_NOUN in e.flags:
            continue
        for p in re.split(r"\{[^}]*\}", e.msgid):
            p = " ".join(p.split())
            if len(p.split()) >= 3 and p not in e.msgstr:
                pieces.add(p)
    return sorted(p for p in pieces if p in text)


def _no_english(text: str) -> None:
    shown = re.sub(r"/[^\s:;]*pytest-[^\s:;]*", "PATH", PARSER_DETAIL.sub(r"\1: ...", text))  # the test's folder
    left = [w for w in ENGLISH_WORDS if w in shown] + _english_in_catalogue(shown)
    assert left == [] and _english_left(shown) == [], (left, _english_left(shown), shown)


@pytest.mark.parametrize(("family", "name"), CASES)
def test_reader_format_problems_in_vietnamese_leave_no_english(tmp_path, family, name):
    path = _write_case(tmp_path, family, name)
    r = _run(["validate", path, "--lang", "vi"])
    assert r.exit_code == 1, r.output
    assert "lỗi" in r.stderr, r.stderr
    _no_english(r.stderr)


@pytest.mark.parametrize(("family", "name"), CASES)
def test_reader_format_problems_in_english_by_default(tmp_path, family, name):
    path = _write_case(tmp_path, family, name)
    default = _run(["validate", path])
    english = _run(["validate", path, "--lang", "en"])
    assert default.exit_code == english.exit_code == 1
    assert default.stderr == english.stderr
    assert "error" in default.stderr and not re.search("[ạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỷỹđ]",
                                                       default.stderr)


def test_reader_messages_keep_their_english_text_and_render_in_vietnamese(tmp_path):
    path = _write_case(tmp_path, "xml", "unknown-element-type")
    with pytest.raises(ExchangeFormatError) as caught:
        eaframe.load(path)
    err = caught.value
    assert str(err) == (f"{path}:5: unknown element type 'BusinesActor' (did you mean 'BusinessActor'?); the exchange "
                        "format uses ArchiMate type names such as BusinessActor, AndJunction")
    assert err.text("en") == str(err)
    assert err.text("vi") == (f"{path}:5: loại phần tử không xác định 'BusinesActor' (có phải là 'BusinessActor'?); "
                              "định dạng trao đổi dùng tên loại của ArchiMate như BusinessActor, AndJunction")


def test_command_lang_prints_reader_problems_in_vietnamese(tmp_path):
    """Every command that loads a model prints them in its --lang (check, info, render, export)."""
    path = _write_case(tmp_path, "csv", "unknown-type")
    for args in (["check", path], ["info", path], ["render", path, "-o", tmp_path / "x.dot"],
                 ["export", path, "--to", "yaml", "-o", "-"]):
        r = _run([*args, "--lang", "vi"])
        assert r.exit_code == 1, (args, r.output)
        assert "loại phần tử không xác định 'BusinesActor'" in r.stderr, (args, r.stderr)
        _no_english(r.stderr)


def _exchange_with_value(tmp_path: Path) -> Path:
    m = eaframe.loads("eaframe: '1'\nmetadata: {title: {en: x}}\nelements:\n"
                      "- {id: s, type: BusinessService, name: {en: S}, dossiers_total: 12345}\n")
    path = tmp_path / "values.xml"
    path.write_bytes(generate_archimate(m, layout="grid").replace(b">12345<", b">many<"))
    return path


def test_invalid_values_read_from_an_exchange_file_in_vietnamese(tmp_path):
    path = _exchange_with_value(tmp_path)
    r = _run(["validate", path, "--lang", "vi"])
    assert r.exit_code == 1, r.output
    assert "1 giá trị không hợp lệ trong tệp trao đổi" in r.stderr, r.stderr
    assert "dossiers_total: phải là số nguyên (nhận được 'many')" in r.stderr, r.stderr
    _no_english(r.stderr)
    english = _run(["validate", path]).stderr
    assert "1 invalid value(s) in the exchange file" in english
    assert "dossiers_total: Input should be a valid integer, unable to parse string as an integer (got 'many')" in english


def test_reader_warnings_in_vietnamese(tmp_path):
    """The notes a reader adds to a model it reads (here: ids renamed, parts out of order, carriage returns)."""
    xml = tmp_path / "m.xml"
    xml.write_text(_model(_elements(A.replace('"a"', '"1a"').replace(">A<", ">A&#13;\nB<")) + '\n<name xml:lang="vi">M</name>\n<foo/>'),
                   encoding="utf-8")
    r = _run(["validate", xml, "--lang", "vi"])
    assert r.exit_code == 0, r.output
    for phrase in ("cảnh báo: <name> đứng sau <elements>", "cảnh báo: <foo> không phải là một phần của <model>",
                   "mã '1a' không phải là mã eaframe (ASCII NCName); đã đổi thành 'id-1a'",
                   "1 ký tự về đầu dòng trong văn bản", "hợp lệ (1 phần tử, 0 quan hệ, 0 khung nhìn)"):
        assert phrase in r.output, (phrase, r.output)
    _no_english(r.output)
    english = _run(["validate", xml])
    assert "warning: <name> comes after <elements>" in english.stderr
    assert "ok (1 elements, 0 relationships, 0 views)" in english.stdout


DIAGRAM = """eaframe: '1'
metadata: {title: {en: x}}
elements:
- {id: a, type: Node, name: {en: A}}
views:
- id: v
  name: {en: V}
  elements: [a]
  diagram:
    nodes:
    - {id: n1, element: b, x: 0, y: 0, w: 10, h: 10}
    - {id: a, element: a, x: 0, y: 0, w: 10, h: 10, view_refs: [w]}
    connections:
    - {id: c1, kind: Line, source: n1, target: zz}
    - {id: c2, relationship: q, source: n1, target: a}
folders:
- {id: a, name: {en: F}, items: [a, q, a]}
- {id: f, name: {en: G}, items: [v]}
- {id: f, name: {en: H}}
"""


def test_stored_diagram_and_folder_checks_in_vietnamese(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(DIAGRAM, encoding="utf-8")
    r = _run(["validate", path, "--lang", "vi"])
    assert r.exit_code == 1, r.output
    for phrase in ("nút sơ đồ 'n1' thể hiện 'b', không phải là phần tử của mô hình này",
                   "mã nút sơ đồ 'a' đã được dùng", "nút sơ đồ 'a' liên kết tới 'w', không phải là khung nhìn",
                   "đường nối sơ đồ 'c1' có đầu mút tại 'zz'", "đường nối sơ đồ 'c2' vẽ 'q', không phải là quan hệ",
                   "thư mục 'F': mục 'q' không phải là phần tử, quan hệ hay khung nhìn của mô hình",
                   "thư mục 'F': mục 'a' đã có ở trước đó trong cùng thư mục",
                   "thư mục 'F': mã 'a' của thư mục cũng là mã của một phần tử",
                   "thư mục 'H': mã 'f' của thư mục cũng là mã của thư mục 'G'"):
        assert phrase in r.stderr, (phrase, r.stderr)
    _no_english(r.stderr)
    english = _run(["validate", path]).stderr
    assert "folder 'F': its id 'a' is also the id of an element; give the folder another id" in english
    assert "diagram node 'n1' shows 'b', which is not an element of this model" in english


def test_diagram_validators_in_vietnamese(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(DIAGRAM.replace("element: a, x: 0", "kind: Label, element: a, x: 0"), encoding="utf-8")
    r = _run(["validate", path, "--lang", "vi"])
    assert r.exit_code == 1, r.output
    assert "nút 'a': chỉ nút loại Element mới tham chiếu tới phần tử (loại của nút là Label)" in r.stderr, r.stderr
    _no_english(r.stderr)
    assert "node 'a': only Element nodes reference an element (kind is Label)" in _run(["validate", path]).stderr


@pytest.fixture
def model_file(tmp_path) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text("eaframe: '1'\nmetadata: {title: {en: x}, languages: [vi, en]}\nelements:\n"
                    "- {id: a, type: Node, name: {en: A, vi: A}}\n", encoding="utf-8")
    return path


def test_write_errors_in_vietnamese(model_file, tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    target = tmp_path / "afile" / "out.txt"
    for args in (["check", model_file, "-o", target], ["export", model_file, "--to", "yaml", "-o", target.with_suffix(".yaml")],
                 ["diff", model_file, model_file, "-o", target], ["render", model_file, "-o", target.with_suffix(".dot")]):
        r = _run([*args, "--lang", "vi"])
        assert r.exit_code == 1, (args, r.output)
        assert re.search(r"^lỗi: không ghi được .*afile.*: .*; (một phần của đường dẫn là tệp, không phải thư mục|hãy "
                         r"kiểm tra đường dẫn, hoặc ghi vào nơi khác)$", r.stderr, re.M), (args, r.stderr)
        _no_english(re.sub(r": \[?[A-Z][a-z ]+\]?[^;]*;", ": ...;", r.stderr))  # the system's reason stays English
        english = _run(args)
        assert "error: cannot write " in english.stderr, (args, english.stderr)


def test_output_error_text():
    err = OutputError(28, "No space left on device", "out.svg", "free some disk space")
    assert err.text() == err.text("en") == str(err) == "cannot write out.svg: No space left on device; free some disk space"
    from eaframe._files import output_error

    err = output_error(OSError(28, "No space left on device"), "out.svg")
    assert str(err) == "cannot write out.svg: No space left on device; free some disk space or write to another disk"
    assert err.text("vi") == ("không ghi được out.svg: No space left on device; hãy giải phóng dung lượng đĩa hoặc ghi "
                              "sang ổ đĩa khác")


def test_wrote_notes_in_vietnamese(model_file, tmp_path):
    runs = {
        "check": (["check", model_file, "-o", tmp_path / "c.txt"], f"đã ghi {tmp_path / 'c.txt'} (0 lỗi, "),
        "rollup": (["check", model_file, model_file, "-o", tmp_path / "r.txt"], f"đã ghi {tmp_path / 'r.txt'} (2 mô hình, 0 không đọc được; "),
        "diff": (["diff", model_file, model_file, "-o", tmp_path / "d.txt"], f"đã ghi {tmp_path / 'd.txt'}"),
        "export": (["export", model_file, "--to", "yaml", "-o", tmp_path / "e.yaml"], f"đã ghi {tmp_path / 'e.yaml'}"),
        "render": (["render", model_file, "-o", tmp_path / "g.dot"], f"đã ghi {tmp_path / 'g.dot'}"),
    }
    for name, (args, expected) in runs.items():
        r = _run([*args, "--lang", "vi"])
        assert r.exit_code in (0, 1), (name, r.output)
        assert expected in r.stderr, (name, r.stderr)
        assert not re.search("^wrote ", r.stderr, re.M), (name, r.stderr)
        english = _run(args)
        assert re.search("^wrote ", english.stderr, re.M) and "đã ghi" not in english.stderr, (name, english.stderr)


def test_stored_legend_note_in_vietnamese(tmp_path):
    src = CORPUS / "opengroup_archisurance.xml"
    args = ["render", src, "--lenient", "--view", "id-3761", "--legend", "-o", tmp_path / "v.svg", "--lang", "vi"]
    r = _run(args)
    assert r.exit_code == 0, r.output
    assert ("lưu ý: khung nhìn 'id-3761' được vẽ theo sơ đồ đã lưu, không có chú giải; hãy dùng --layout graphviz "
            "để có sơ đồ kèm chú giải") in r.stderr
    _no_english(r.stderr)


def test_writer_warnings_in_vietnamese(tmp_path):
    m = eaframe.loads("eaframe: '1'\nmetadata: {title: {en: x}}\nelements:\n- {id: a, type: Node, name: {en: A, vi: Á}}\n"
                      "folders:\n- {name: {en: F}, items: [a]}\n")
    src = tmp_path / "m.yaml"
    eaframe.save(m, src)
    r = _run(["export", src, "--to", "csv", "-o", tmp_path / "csv", "--lang", "vi"])
    assert r.exit_code == 0, r.output
    assert "cảnh báo: không ghi cây thư mục (1 thư mục): Archi CSV không có thư mục" in r.stderr, r.stderr
    _no_english(r.stderr)
    r = _run(["export", src, "--to", "archi", "-o", tmp_path / "m.archimate", "--lang", "vi"])
    assert r.exit_code == 0, r.output
    assert "cảnh báo: định dạng của Archi không chứa được 1 văn bản có nhiều hơn một ngôn ngữ" in r.stderr, r.stderr
    _no_english(r.stderr)


def test_zip_archive_messages_in_vietnamese(tmp_path):
    """An Archi archive that holds no model.xml, read through the library (the CLI refuses a ZIP
    archive before the reader sees it)."""
    from eaframe.exchange import read_archi

    path = tmp_path / "m.archimate"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("images/a.png", b"x")
    with pytest.raises(ExchangeFormatError) as caught:
        read_archi(path)
    assert "a ZIP archive without model.xml" in str(caught.value)
    assert caught.value.text("vi") == (f"{path}: tệp nén ZIP không có model.xml: không phải tệp nén mô hình Archi (tệp nén "
                                       "của Archi chứa model.xml và images/); tệp này chứa images/a.png")
