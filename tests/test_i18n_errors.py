"""Load and validation errors in both languages: ``--lang vi`` prints them in Vietnamese
(the parser's own detail aside), ``--lang en`` and no ``--lang`` print today's English text,
and the library's exception messages stay English."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_i18n_outputs import _english_left

import eaframe
from eaframe.cli import main
from eaframe.exceptions import ExchangeFormatError, ModelValidationError, Problem
from eaframe.i18n import N_, Msg, msg, msg_en, translator

VI = translator("vi")
HEAD = "eaframe: '1'\nmetadata: {title: {en: x}}\n"

# name -> (file suffix, content)
BROKEN: dict[str, tuple[str, str | bytes]] = {
    "duplicate-id": ("yaml", HEAD + "elements:\n- {id: a, type: Node, name: {en: A}}\n- {id: a, type: Node, name: {en: B}}\n"),
    "unknown-reference": ("yaml", HEAD + "elements:\n- {id: a, type: Node, name: {en: A}}\nrelationships:\n"
                                         "- {id: r, type: Serving, source: a, target: b}\n"
                                         "views:\n- {id: v, name: {en: V}, elements: [a, nodee]}\n"),
    "rule": ("yaml", HEAD + "elements:\n- {id: a, type: BusinessActor, name: {en: A}}\n- {id: b, type: Node, name: {en: B}}\n"
                            "relationships:\n- {id: r, type: Composition, source: a, target: b}\n"),
    "missing-field": ("yaml", HEAD + "elements:\n- {id: a, type: Node}\n- {type: Node, name: {en: B}}\n- {id: c, name: {en: C}}\n"),
    "wrong-values": ("yaml", HEAD + "elements:\n"
                     "- {id: a, type: ApplicationComponent, name: {en: A}, security_level: true, status: maybe}\n"
                     "- {id: b, type: ApplicationComponent, name: {en: B}, security_level: 9, dossiers_total: 3}\n"
                     "- {id: c, type: Nodee, name: {en: C}, colour: red}\n"
                     "- {id: d, type: Node, name: {en: D}, colour: red}\n"
                     "- {id: e, type: BusinessService, name: {en: E}, dossiers_total: many, scope: galaxy}\n"
                     "- {id: 1f, type: Node, name: {en: F}}\n"),
    "yaml-syntax": ("yaml", HEAD + "elements:\n- {id: a, type: Node, name: {en: A}\n"),
    "yaml-duplicate-key": ("yaml", HEAD + "elements:\n- {id: a, id: b, type: Node, name: {en: A}}\n"),
    "json-syntax": ("json", '{"eaframe": "1", "metadata": {"title": {"en": "x"}},}'),
    "json-nan": ("json", '{"eaframe": "1", "metadata": {"title": {"en": "x"}}, "elements": [NaN]}'),
    "not-a-mapping": ("yaml", "- a\n- b\n"),
    "zip": ("yaml", b"PK\x03\x04" + b"x" * 40),
    "html": ("yaml", "<!DOCTYPE html><html><body>saved page</body></html>"),
    "not-utf8": ("yaml", HEAD.encode() + b"elements: [\xff]\n"),
}

# the parser's own detail stays English: taken out before looking for English
PARSER_DETAIL = re.compile(r"(YAML không hợp lệ|JSON không hợp lệ): .*")
ENGLISH_WORDS = ("error", "duplicate", " is not ", "unknown", "missing", "Input should", "field '", "expected",
                 "invalid", "did you mean", "not a model", "allowed", "must be", "should", "remove one", "save the file",
                 "not checked", "failed")


def _write(folder: Path, name: str) -> str:
    suffix, content = BROKEN[name]
    path = folder / f"m.{suffix}"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


def _run(args: list[str]) -> tuple[int, str]:
    r = CliRunner().invoke(main, args)
    assert "Traceback" not in r.output and not isinstance(r.exception, (TypeError, AttributeError, KeyError))
    return r.exit_code, r.output


def _no_english(text: str) -> None:
    shown = PARSER_DETAIL.sub(r"\1: ...", text)
    left = [w for w in ENGLISH_WORDS if w in shown]
    assert left == [] and _english_left(shown) == [], (left, _english_left(shown), shown)


@pytest.mark.parametrize("command", ["validate", "check", "info"])
@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_models_in_vietnamese_leave_no_english(tmp_path, name, command):
    path = _write(tmp_path, name)
    code, out = _run([command, path, "--lang", "vi"])
    assert code == 1, out
    out = out.replace(path, "F")
    assert "lỗi" in out, out
    _no_english(out)


def test_no_such_file_and_empty_name_in_vietnamese(tmp_path):
    code, out = _run(["validate", str(tmp_path / "none.yaml"), "--lang", "vi"])
    assert code == 1 and "không có tệp này; các mô hình có sẵn: " in out
    _no_english(out.replace(str(tmp_path), "T"))
    code, out = _run(["check", "", "--lang", "vi"])
    assert code == 1 and "tên tệp để trống" in out
    _no_english(out)


# Today's English text, kept exactly (--lang en and no --lang alike).
TODAY = {
    "duplicate-id": "F:5:8: elements[1].id (id 'a'): error: duplicate id 'a': already used by elements[0]; ids must be "
                    "unique across elements, relationships and views\nF: 1 error\n",
    "rule": "F:7:17: relationships[0].type (id 'r'): error: Composition from BusinessActor 'a' to Node 'b' is not "
            "allowed by ArchiMate 3.2; allowed from BusinessActor to Node: Association, Flow, Serving, Triggering\n"
            "F: 1 error\n",
    "missing-field": "F:5:3: elements[1].id: error: missing required field 'id'\n",
    "yaml-syntax": "F:5:1: error: invalid YAML: while parsing a flow mapping did not find expected ',' or '}'\n"
                   "F: 1 error\n",
    "json-syntax": "F:1:53: error: invalid JSON: Expecting property name enclosed in double quotes\nF: 1 error\n",
    "zip": "F: error: this is a ZIP archive, not a model: unpack it and give the model file it holds\nF: 1 error\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_lang_en_prints_the_english_text(tmp_path, name):
    path = _write(tmp_path, name)
    for command in ("validate", "check"):
        plain = CliRunner().invoke(main, [command, path])
        en = CliRunner().invoke(main, [command, path, "--lang", "en"])
        # stderr: the problems (check reads leniently: the rule model is checked, its report follows --lang)
        assert plain.exit_code == en.exit_code == 1 and en.stderr == plain.stderr
        en = en.stderr
        if name in TODAY and command == "validate":
            assert TODAY[name] in en.replace(path, "F"), en
    assert "Input should be 'existing', 'planned' or 'retired' (got 'maybe')" in _run(
        ["validate", _write(tmp_path, "wrong-values")])[1]


def test_wrong_values_are_worded_in_vietnamese(tmp_path):
    out = _run(["validate", _write(tmp_path, "wrong-values"), "--lang", "vi"])[1]
    for phrase in ("trường 'security_level': cần một số, không phải giá trị logic true",
                   "trường 'status': phải là 'existing', 'planned' hoặc 'retired' (nhận được 'maybe')",
                   "trường 'security_level': phải không quá 5 (nhận được 9)",
                   "loại phần tử 'Nodee' không xác định (có phải là 'Node'?)",
                   "trường 'colour' không xác định đối với Node",
                   "dossiers_total không phải là trường của ApplicationComponent",
                   "'1f' không phải là mã hợp lệ"):
        assert phrase in out, (phrase, out)


def test_rollup_failed_model_in_vietnamese(tmp_path):
    path = _write(tmp_path, "unknown-reference")
    for args in (["--lang", "vi"], []):  # the first model (dongnai-2020) is Vietnamese: the default too
        code, out = _run(["check", "dongnai-2020", path, "--summary", *args])
        assert code == 1 and "Mô hình không đọc được" in out and "không kiểm tra được" in out, out
        assert "đích 'b' không phải là phần tử hay quan hệ của mô hình này" in out
        _no_english(out.replace(path, "F"))
    code, out = _run(["check", "dongnai-2020", path, "--summary", "--lang", "en"])
    assert "Failed models" in out and "target 'b' is not an element or relationship of this model" in out
    assert "F: not checked; the roll-up lists it as failed" in out.replace(path, "F")


def test_commands_that_load_a_model_print_its_errors_in_lang(tmp_path):
    path = _write(tmp_path, "duplicate-id")
    vi = "lỗi: mã 'a' bị trùng: đã được dùng tại elements[0]"
    for args in (["info", path], ["diff", "dongnai-2020", path], ["render", path, "-o", str(tmp_path / "x.svg")],
                 ["report", path, "-o", str(tmp_path / "site")], ["export", path, "--to", "json", "-o", "-"],
                 ["merge", path, "dongnai-2020", "-o", str(tmp_path / "merged.yaml")],
                 ["render-diff", "dongnai-2020", path, "-o", str(tmp_path / "d.svg")]):
        lang = ["--lang", "vi"]
        code, out = _run(args + lang)
        assert code == 1 and vi in out, (args, out)


def test_library_messages_stay_english_and_render_in_vietnamese():
    text = BROKEN["duplicate-id"][1]
    with pytest.raises(ModelValidationError) as info:
        eaframe.loads(text, filename="m.yaml")
    err = info.value
    assert str(err) == err.text() == err.text("en") == (
        "m.yaml: 1 error in model\nm.yaml:5:8: elements[1].id (id 'a'): error: duplicate id 'a': already used by "
        "elements[0]; ids must be unique across elements, relationships and views")
    assert err.text("vi") == ("m.yaml: mô hình có 1 lỗi\nm.yaml:5:8: elements[1].id (mã 'a'): lỗi: mã 'a' bị trùng: đã "
                              "được dùng tại elements[0]; mã phải là duy nhất trong toàn bộ phần tử, quan hệ và khung nhìn")
    p = err.problems[0]
    assert isinstance(p.message, Msg) and p.message.startswith("duplicate id")
    assert pickle.loads(pickle.dumps(p)).text("vi") == p.text("vi")
    # a problem without a file or path, and a plain-str message (kept as it is)
    assert Problem("x y z", concept_id="a").text("vi") == "mã 'a': lỗi: x y z"
    assert Problem(msg("is a directory, not a model file")).text("vi") == "<mô hình>: lỗi: là một thư mục, không phải tệp mô hình"
    e = ExchangeFormatError(msg("this is {what}", what=msg("a PDF document, not a model")), file="m.xml", line=2)
    assert str(e) == "m.xml:2: this is a PDF document, not a model"
    assert e.text("vi") == "m.xml:2: đây là một tài liệu PDF, không phải mô hình"


def test_msg_en_keeps_the_english_and_pickles():
    m = msg_en("Input should be a valid integer", N_("should be a whole number"))
    assert str(m) == "Input should be a valid integer" and m.in_lang("vi") == "phải là số nguyên"
    back = pickle.loads(pickle.dumps(m))
    assert str(back) == str(m) and back.in_lang("vi") == m.in_lang("vi")
