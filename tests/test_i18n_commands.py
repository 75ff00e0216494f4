"""The last command-line text that was only in English, now in both languages: ``import``, ``new``
and ``schema`` take ``--lang`` for their messages, ``render --all-views``' progress bar,
``render-findings``' errors about a findings file, the demo's note when Graphviz is missing, and
the export writers' errors about text a format cannot hold. ``--lang vi`` prints them in
Vietnamese with no English phrase left (a parser's or the system's own detail aside); without
``--lang`` they are English as before, and ``str()`` of an error stays English."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_i18n_readers import _model, _no_english, _run, _write_case

import eaframe
from eaframe.cli import main
from eaframe.exceptions import ExchangeFormatError, GraphvizNotFoundError
from eaframe.exchange import dumps_archi, generate_archimate

MINI = str(Path(__file__).parent / "data" / "render" / "mini-2020.yaml")
#: The reason of a failed write comes from the operating system, in English.
SYSTEM_REASON = re.compile(r": \[?[A-Z][a-z ]+\]?[^;]*;")
VI_LETTERS = re.compile("[ạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỷỹđ]")


def _blocked(tmp_path: Path) -> Path:
    """A path whose folder is a file: writing there fails."""
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    return tmp_path / "afile"


# ------------------------------------------------------------------ schema
def test_schema_messages_in_vietnamese(tmp_path):
    r = _run(["schema", "-o", tmp_path / "s.json", "--lang", "vi"])
    assert r.exit_code == 0, r.output
    assert r.stderr == f"đã ghi {tmp_path / 's.json'}\n"
    r = _run(["schema", "-o", _blocked(tmp_path) / "s.json", "--lang", "vi"])
    assert r.exit_code == 1, r.output
    assert r.stderr.startswith("lỗi: không ghi được "), r.stderr
    _no_english(SYSTEM_REASON.sub(": ...;", r.stderr))


def test_schema_messages_in_english_by_default(tmp_path):
    r = _run(["schema", "-o", tmp_path / "s.json"])
    assert r.exit_code == 0 and r.stderr == f"wrote {tmp_path / 's.json'}\n"
    assert _run(["schema", "-o", tmp_path / "t.json", "--lang", "en"]).stderr == f"wrote {tmp_path / 't.json'}\n"
    r = _run(["schema", "-o", _blocked(tmp_path) / "s.json"])
    assert r.exit_code == 1 and r.stderr.startswith("error: cannot write "), r.stderr


# ------------------------------------------------------------------ new
def test_new_messages_in_vietnamese(tmp_path):
    out = tmp_path / "n.yaml"
    r = _run(["new", "--framework", "2.0", "--province", "X", "-o", out, "--lang", "vi"])
    assert r.exit_code == 0, r.output
    assert r.stderr == (f"{out}: 24 phần tử, 37 quan hệ, 6 khung nhìn từ vn-province-2.0; tiếp theo: "
                        f"eaframe check {out}\n"), r.stderr
    _no_english(r.stderr)
    r = _run(["new", "--framework", "2.0", "--province", "X", "-o", _blocked(tmp_path) / "n.yaml", "--lang", "vi"])
    assert r.exit_code == 1 and r.stderr.startswith("lỗi: không ghi được "), r.stderr
    _no_english(SYSTEM_REASON.sub(": ...;", r.stderr))


def test_new_messages_in_english_by_default(tmp_path):
    out = tmp_path / "n.yaml"
    r = _run(["new", "--framework", "2.0", "--province", "X", "-o", out])
    assert r.exit_code == 0, r.output
    assert r.stderr == f"{out}: 24 elements, 37 relationships, 6 views from vn-province-2.0; next: eaframe check {out}\n"


# ------------------------------------------------------------------ import
def test_import_problems_in_vietnamese(tmp_path):
    path = _write_case(tmp_path, "xml", "unknown-element-type")
    r = _run(["import", path, "-o", tmp_path / "o.yaml", "--lang", "vi"])
    assert r.exit_code == 1, r.output
    assert "loại phần tử không xác định 'BusinesActor'" in r.stderr, r.stderr
    _no_english(r.stderr)
    english = _run(["import", path, "-o", tmp_path / "o.yaml"])
    assert english.exit_code == 1 and "error: " in english.stderr and "unknown element type" in english.stderr
    # a language without a catalogue (the language of the texts read) leaves the messages in English
    assert _run(["import", path, "-o", tmp_path / "o.yaml", "--lang", "fr"]).stderr == english.stderr
    assert not (tmp_path / "o.yaml").exists()


def test_import_warnings_and_wrote_in_vietnamese(tmp_path):
    xml = tmp_path / "m.xml"
    xml.write_text(_model('<elements>\n<element identifier="1a" xsi:type="Node"><name xml:lang="en">A&#13;\nB</name>'
                          '</element>\n</elements>'), encoding="utf-8")
    out = tmp_path / "o.yaml"
    r = _run(["import", xml, "-o", out, "--lang", "vi"])
    assert r.exit_code == 0, r.output
    for phrase in ("mã '1a' không phải là mã eaframe (ASCII NCName); đã đổi thành 'id-1a'",
                   "1 ký tự về đầu dòng trong văn bản", f"đã ghi {out} (1 phần tử, 0 quan hệ, 0 khung nhìn)"):
        assert phrase in r.stderr, (phrase, r.stderr)
    _no_english(r.stderr)
    english = _run(["import", xml, "-o", out])
    assert english.exit_code == 0
    assert f"wrote {out} (1 elements, 0 relationships, 0 views)" in english.stderr
    assert "id '1a' is not an eaframe id" in english.stderr, english.stderr


@pytest.mark.parametrize(("name", "content", "phrase"), [
    ("empty.xml", "", "đây là một tệp rỗng, không phải tệp trao đổi hay bộ tệp CSV"),
    ("bom.xml", "\ufeff", "đây là một tệp rỗng (chỉ có khoảng trắng), không phải mô hình"),
    ("model.yaml", "eaframe: '1'\nmetadata: {title: {en: x}}\n", "đây là một tệp mô hình eaframe, không cần nhập"),
])
def test_import_refusals_in_vietnamese(tmp_path, name, content, phrase):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    r = _run(["import", path, "-o", tmp_path / "o.yaml", "--lang", "vi"])
    assert r.exit_code == 1, r.output
    assert phrase in r.stderr, r.stderr
    _no_english(r.stderr)
    english = _run(["import", path, "-o", tmp_path / "o.yaml"])
    assert english.exit_code == 1 and "error: " in english.stderr and "this is an " in english.stderr


def test_import_stdin_that_is_no_xml_in_vietnamese(tmp_path):
    r = CliRunner().invoke(main, ["import", "-", "-o", str(tmp_path / "o.yaml"), "--lang", "vi"], input="a,b\n1,2\n")
    assert r.exit_code == 1, r.output
    assert "lệnh import đọc XML trao đổi ArchiMate từ stdin" in r.stderr, r.stderr
    _no_english(r.stderr)
    english = CliRunner().invoke(main, ["import", "-", "-o", str(tmp_path / "o.yaml")], input="a,b\n1,2\n")
    assert "import reads ArchiMate exchange XML from stdin, and this is not XML" in english.stderr


def test_import_lang_help_names_the_messages():
    r = _run(["import", "--help"])
    assert "also the language of the messages" in " ".join(r.output.split())


# ------------------------------------------------------------------ render --all-views, render-findings
def test_render_all_views_progress_in_vietnamese(tmp_path):
    r = _run(["render", MINI, "--all-views", "--format", "dot", "-o", tmp_path / "all", "--lang", "vi"])
    assert r.exit_code == 0, r.output
    assert "đang vẽ 4 khung nhìn" in r.stderr, r.stderr
    _no_english(r.stderr)
    english = _run(["render", MINI, "--all-views", "--format", "dot", "-o", tmp_path / "all2"])
    assert "rendering 4 views" in english.stderr, english.stderr


FINDINGS: dict[str, tuple[bytes, str]] = {
    "not-utf8": (b'{"findings": ["\xff"]}', "không phải văn bản UTF-8 (byte 15)"),
    "not-json": (b'{"findings": [', "JSON không hợp lệ"),
    "no-findings": (b'{"findings": 3}', "cần báo cáo JSON của 'eaframe check --format json'"),
    "not-an-object": (b'[3]', "phát hiện là một đối tượng có rule, severity và message, không phải int"),
    "no-rule": (b'[{"severity": "error", "message": "m"}]', "phát hiện cần 'rule' (một chuỗi)"),
    "severity": (b'[{"rule": "R", "severity": "bad", "message": "m"}]', "mức độ 'bad' của phát hiện không phải là"),
    "ids": (b'[{"rule": "R", "severity": "error", "message": "m", "elements": "a"}]',
            "'elements' của phát hiện phải là danh sách mã"),
    "missing": (b'[{"rule": "R", "severity": "error", "message": "m", "missing": 3}]',
                "'missing' của phát hiện phải là danh sách các đối tượng {source, type, target}"),
    "missing-entry": (b'[{"rule": "R", "severity": "error", "message": "m", "missing": [3]}]',
                      "mỗi mục của 'missing' trong phát hiện cần 'source', 'type' và 'target'"),
}


@pytest.mark.parametrize("case", sorted(FINDINGS))
def test_render_findings_file_errors_in_vietnamese(tmp_path, case):
    content, phrase = FINDINGS[case]
    f = tmp_path / "f.json"
    f.write_bytes(content)
    r = _run(["render-findings", MINI, "--findings", f, "-o", tmp_path / "g.dot", "--lang", "vi"])
    assert r.exit_code == 1, r.output
    assert r.stderr.startswith(f"lỗi: {f}") and phrase in r.stderr, r.stderr
    shown = re.sub(r"(JSON không hợp lệ): .*", r"\1: ...", r.stderr)  # the words of Python's json module
    for key in ("rule, severity, message, elements, relationships, missing", "'missing'", "error, warning, info"):
        shown = shown.replace(key, "KEY")  # the keys and values of the JSON report, never translated
    _no_english(shown)
    english = _run(["render-findings", MINI, "--findings", f, "-o", tmp_path / "g.dot"])
    assert english.exit_code == 1 and english.stderr.startswith(f"error: {f}") and not VI_LETTERS.search(english.stderr)
    assert not (tmp_path / "g.dot").exists()


def test_render_findings_file_errors_keep_their_english_text(tmp_path):
    f = tmp_path / "f.json"
    f.write_bytes(b'[{"rule": "R", "severity": "bad", "message": "m"}]')
    r = _run(["render-findings", MINI, "--findings", f, "-o", tmp_path / "g.dot"])
    assert r.stderr == (f"error: {f}: findings[0]: finding severity 'bad' is not one of error, warning, info (write "
                        "findings as 'eaframe check --format json' does: rule, severity, message, elements, "
                        "relationships, missing)\n")


# ------------------------------------------------------------------ demo without Graphviz
def test_demo_note_without_graphviz_in_vietnamese(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no dot
    r = _run(["demo", "-o", tmp_path / "d", "--lang", "vi"])
    assert r.exit_code == 0, r.output
    notes = [line for line in r.stderr.splitlines() if "Graphviz" in line]
    assert len(notes) == 1 and notes[0].startswith("lưu ý: không tìm thấy chương trình 'dot' của Graphviz"), r.stderr
    assert notes[0].endswith("thay cho SVG"), notes
    _no_english(notes[0])
    # its progress lines and the provenance table too
    assert re.search(r"^validate  dongnai-2020: hợp lệ \(\d+ phần tử, \d+ quan hệ\)$", r.stdout, re.M), r.stdout
    assert r.stdout.endswith(f"xong: kết quả trong {tmp_path / 'd'}/\n"), r.stdout
    provenance = (tmp_path / "d" / "provenance.md").read_text(encoding="utf-8")
    assert provenance.startswith("# Nguồn gốc thông tin của các mô hình kèm theo\n\n| Mô hình | V | V2 | K | I |")
    assert "Số liệu minh họa (mức tin cậy I, không có nguồn):" in provenance
    _no_english(provenance)


def test_demo_provenance_table_languages(tmp_path):
    """The demo's provenance table: in --lang, else in English."""
    from eaframe.cli.demo import _provenance

    models = {"dongnai-2020": eaframe.load("dongnai-2020"), "vn-province-2.0": eaframe.load("vn-province-2.0")}
    for lang, head in ((None, "# Provenance of the bundled models\n\n| Model | V | V2 | K | I |"),
                       ("vi", "# Nguồn gốc thông tin của các mô hình kèm theo\n\n| Mô hình |"),
                       ("en", "# Provenance of the bundled models\n\n| Model | V | V2 | K | I |")):
        (path,) = _provenance(models, tmp_path, lang=lang)
        text = Path(path).read_text(encoding="utf-8")
        assert text.startswith(head), (lang, text)
    assert "Illustrative figures (confidence I, not sourced):" in text and "dossiers online (illustrative)" in text


def test_graphviz_missing_error_keeps_its_english_text(tmp_path, monkeypatch):
    from eaframe.render.output import find_dot

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(GraphvizNotFoundError) as caught:
        find_dot()
    assert str(caught.value).startswith("the Graphviz 'dot' program was not found on PATH; install Graphviz: ")
    assert caught.value.text("en") == str(caught.value)
    assert caught.value.text("vi").startswith("không tìm thấy chương trình 'dot' của Graphviz")
    _no_english(caught.value.text("vi"))


# ------------------------------------------------------------------ the writers' errors
BASE = "eaframe: '1'\nmetadata: {title: {en: x}}\nelements:\n"
WRITERS: dict[str, tuple[str, str, str]] = {
    "typed-field": ("archimate", BASE + "- {id: a, type: ApplicationComponent, name: {en: A}, "
                    "properties: {'eaframe:status': x}}\n", "dùng tên dành riêng cho trường có kiểu 'status'"),
    "view-key": ("archimate", BASE + "- {id: a, type: Node, name: {en: A}}\nviews:\n- {id: v, name: {en: V}, "
                 "elements: [a], properties: {'eaframe:diagram': x}}\n",
                 "thuộc tính 'eaframe:diagram' được dành cho các trường khung nhìn của eaframe"),
    "image-name": ("archi", BASE + "- {id: a, type: Node, name: {en: A}}\nnative: {images: {'../x.png': eA==}}\n",
                   "native.images: '../x.png' không phải là tên bên trong tệp nén"),
    "image-base64": ("archi", BASE + "- {id: a, type: Node, name: {en: A}}\nnative: {images: {'images/x.png': 'e!'}}\n",
                     "native.images: 'images/x.png' không phải là dữ liệu base64 hợp lệ"),
}


@pytest.mark.parametrize("case", sorted(WRITERS))
@pytest.mark.parametrize("to_stdout", [False, True])
def test_writer_errors_in_vietnamese(tmp_path, case, to_stdout):
    fmt, text, phrase = WRITERS[case]
    src = tmp_path / "m.yaml"
    src.write_text(text, encoding="utf-8")
    out = "-" if to_stdout else tmp_path / ("o.xml" if fmt == "archimate" else "o.archimate")
    r = _run(["export", src, "--to", fmt, "-o", out, "--lang", "vi"])
    assert r.exit_code == 1, r.output
    assert r.stderr.startswith("lỗi: ") and phrase in r.stderr, r.stderr
    _no_english(re.sub(r"\(Only base64 data is allowed\)", "(...)", r.stderr))  # Python's binascii
    english = _run(["export", src, "--to", fmt, "-o", out])
    assert english.exit_code == 1 and english.stderr.startswith("error: ") and not VI_LETTERS.search(english.stderr)
    assert not to_stdout and not Path(out).exists() or to_stdout and r.stdout == ""


def _model_with(text: str):
    return eaframe.loads(BASE + "- {id: a, type: Node, name: {en: A}}\n" + text)


def test_writer_character_error_in_both_languages():
    """A character XML 1.0 cannot hold never comes from a file (the model refuses it when read): set in Python."""
    m = _model_with("")
    object.__setattr__(m.elements[0].name, "en", "x\x01y")
    for write in (lambda m: generate_archimate(m, layout="grid"), dumps_archi):
        with pytest.raises(ExchangeFormatError) as caught:
            write(m)
        err = caught.value
        assert str(err) == ("element 'a': name: character U+0001 (at position 1) cannot be written to XML 1.0; "
                            "remove it from the model")
        assert err.text("en") == str(err)
        assert err.text("vi") == ("element 'a': name: ký tự U+0001 (ở vị trí 1) không ghi được vào XML 1.0; "
                                  "hãy xóa ký tự đó khỏi mô hình")


def test_archi_writer_errors_in_vietnamese():
    from eaframe.exchange.native import _check_images, _qname

    with pytest.raises(ExchangeFormatError) as caught:
        _qname("{urn:x}a")
    assert str(caught.value) == "attribute '{urn:x}a' in namespace urn:x cannot be written to .archimate"
    assert caught.value.text("vi") == "thuộc tính '{urn:x}a' trong không gian tên urn:x không ghi được vào .archimate"
    with pytest.raises(ExchangeFormatError) as caught:
        _check_images({"images/x.png": base64.b64encode(b"x").decode() + "!"})
    assert caught.value.text("vi").startswith("native.images: 'images/x.png' không phải là dữ liệu base64 hợp lệ (")


def test_archi_writer_connection_errors_in_vietnamese():
    en = ("view 'v': connection 'c' does not start at a node or connection of the diagram; Archi keeps every "
          "connection under its source: give it one")
    from eaframe.i18n import Msg

    m = Msg("{where}: connection {id!r} does not start at a node or connection of the diagram; Archi keeps every "
            "connection under its source: give it one", where="view 'v'", id="c")
    assert str(m) == en
    assert ExchangeFormatError(m).text("vi") == ("view 'v': đường nối 'c' không bắt đầu tại một nút hay đường nối của "
                                                 "sơ đồ; Archi lưu mỗi đường nối dưới nguồn của nó: hãy cho nó một nguồn")
    m = Msg("{where}: connection {id!r} ends at the line {end!r}, which has no source or target: Archi's connections "
            "join two objects; give that line both ends", where="view 'v'", id="c", end="l")
    assert "đường nối 'c' kết thúc tại đường 'l'" in ExchangeFormatError(m).text("vi")
    _no_english(ExchangeFormatError(m).text("vi").replace("view 'v'", "V"))
