"""Vietnamese and English from one gettext catalogue per language (eaframe.i18n)."""

from __future__ import annotations

import importlib.util
import json
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eaframe.checks import run_checks
from eaframe.cli import main
from eaframe.i18n import Alt, Join, Msg, localize, model_lang, translator
from eaframe.i18n._po import PROPER_NOUN, Entry, compile_mo, read_po

REPO = Path(__file__).resolve().parent.parent
LOCALE = REPO / "eaframe" / "i18n" / "locale"


def _gen():
    spec = importlib.util.spec_from_file_location("gen_catalogues", REPO / "scripts" / "gen_catalogues.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _catalogue(lang: str) -> dict[str, Entry]:
    return {e.msgid: e for e in read_po(LOCALE / lang / "LC_MESSAGES" / "eaframe.po")[1]}


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# ---------------------------------------------------------------------- the catalogues
def test_catalogues_are_complete_and_compiled():
    r = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_catalogues.py"), "--check"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


def test_check_finds_a_missing_msgid_an_untranslated_entry_and_a_stale_mo():
    gen = _gen()
    used = {"Target scorecard": ["eaframe/x.py:1"], "{n} errors": ["eaframe/x.py:2"], "LGSP": ["eaframe/x.py:3"],
            "met": ["eaframe/x.py:4"], "{a} has no scope": ["eaframe/x.py:5"]}
    entries = [Entry("Target scorecard", "Bảng chỉ tiêu"), Entry("{n} errors", ""), Entry("LGSP", "LGSP"),
               Entry("{a} has no scope", "chưa có phạm vi"), Entry("old text", "văn bản cũ")]
    out = "\n".join(gen.problems("vi", entries, used))
    assert "'met' (used at eaframe/x.py:4) is missing" in out
    assert "'{n} errors' has no translation" in out
    assert "translation of 'LGSP' is the English text" in out
    assert "'{a} has no scope' has the fields []" in out
    assert "'old text' is not used by the code any more" in out
    assert "Target scorecard" not in out
    # a proper noun keeps its English spelling when flagged
    assert gen.problems("vi", [Entry("LGSP", "LGSP", flags=[PROPER_NOUN])], {"LGSP": ["x:1"]}) == []
    # the English catalogue may leave msgstr empty (the msgid is the English text)
    assert gen.problems("en", [Entry("met", "")], {"met": ["x:1"]}) == []


def test_every_msgid_used_in_the_code_is_in_both_catalogues():
    used = _gen().extract()
    assert "Target scorecard" in used and "Application Component" in used
    assert "No point-to-point data exchange between provincial applications: go through the LGSP" in used
    for lang in ("vi", "en"):
        have = _catalogue(lang)
        assert sorted(set(used) - set(have)) == [], lang


def test_mo_files_are_the_compiled_po_files():
    for lang in ("vi", "en"):
        folder = LOCALE / lang / "LC_MESSAGES"
        header, entries = read_po(folder / "eaframe.po")
        assert (folder / "eaframe.mo").read_bytes() == compile_mo(header, entries), lang


def test_compiled_mo_reads_back_with_gettext(tmp_path):
    import gettext

    mo = tmp_path / "x.mo"
    mo.write_bytes(compile_mo("Content-Type: text/plain; charset=UTF-8\n",
                              [Entry("met", "Đạt"), Entry("n/a", ""), Entry("a \"q\"\n", "b")]))
    with mo.open("rb") as fp:
        tr = gettext.GNUTranslations(fp)
    assert tr.gettext("met") == "Đạt"
    assert tr.gettext("n/a") == "n/a"  # untranslated: left out, gettext falls back to the msgid
    assert tr.gettext('a "q"\n') == "b"


def test_read_po_names_the_file_and_line_of_bad_syntax(tmp_path):
    po = tmp_path / "bad.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nnonsense\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.po:6: cannot read 'nonsense'"):
        read_po(po)
    po.write_text('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.po:4: msgid 'a' appears twice"):
        read_po(po)


def test_vietnamese_entries_are_translated_with_diacritics():
    vi = _catalogue("vi")
    assert vi["met"].msgstr == "Đạt" and vi["not met"].msgstr == "Chưa đạt"
    assert vi["fix"].msgstr == "Gợi ý khắc phục" and vi["Target scorecard"].msgstr == "Bảng chỉ tiêu"
    assert "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)" in vi[
        "No point-to-point data exchange between provincial applications: go through the LGSP"].msgstr
    assert vi["Application Component"].msgstr == "Thành phần ứng dụng"
    same = [e.msgid for e in vi.values() if e.msgstr == e.msgid]
    assert all(PROPER_NOUN in vi[m].flags for m in same)


# ---------------------------------------------------------------------- the mechanism
def test_translator_is_per_language_without_process_wide_state():
    assert translator("vi")("met") == "Đạt" and translator("en")("met") == "met"
    assert translator("vi") is translator("vi")  # cached per language
    with pytest.raises(ValueError, match="no catalogue for language 'fr'; use one of vi, en"):
        translator("fr")
    import builtins
    import gettext

    # no gettext.install(): builtins._ is not a catalogue's gettext (doctests may set it to a value)
    assert not isinstance(getattr(getattr(builtins, "_", None), "__self__", None), gettext.NullTranslations)


def test_click_usage_errors_stay_english_and_the_gettext_domain_is_untouched():
    """docs/languages.md: click translates through the ``gettext.gettext`` its modules import,
    which reads gettext's process-wide domain; eaframe does not change that domain, so
    click's usage errors stay in English even with ``--lang vi``."""
    import gettext

    import click.core
    import click.exceptions
    import click.parser
    import click.types

    assert all(m._ is gettext.gettext for m in (click.core, click.exceptions, click.parser, click.types))
    domain, dirs = gettext.textdomain(), dict(gettext._localedirs)  # type: ignore[attr-defined]
    r = CliRunner().invoke(main, ["check", "dongnai-2020", "--lang", "vi", "--no-such-option"])
    assert r.exit_code == 2
    assert "Error: No such option" in r.output and "for help." in r.output
    r = CliRunner().invoke(main, ["check", "dongnai-2020", "--lang", "vi"])
    assert r.exit_code in (0, 1) and r.output.startswith("eaframe kiểm tra: ")
    assert gettext.textdomain() == domain and dict(gettext._localedirs) == dirs  # type: ignore[attr-defined]


def test_msg_formats_after_translating_and_survives_pickling():
    m = Msg("{a} has no scope", a=Alt("x (Portal)", vi="x (Cổng)"))
    assert m == "x (Portal) has no scope"
    assert localize(m, "vi") == "x (Cổng) chưa có phạm vi"
    assert localize(m, "en") == "x (Portal) has no scope"
    j = Join(["a", "b"], " or ")
    assert (j, localize(j, "vi")) == ("a or b", "a hoặc b")
    back = pickle.loads(pickle.dumps(m))
    assert back == m and localize(back, "vi") == "x (Cổng) chưa có phạm vi"
    assert localize("plain text", "vi") == "plain text"  # e.g. a message read back from JSON


def test_two_models_in_two_languages_in_one_process():
    from eaframe import load

    vi_report = run_checks(load("dongnai-2020"), lang="vi")
    en_report = run_checks(load("dongnai-2020"), lang="en")
    assert "CẢNH BÁO (5)" in vi_report.to_text() and "WARNING (5)" in en_report.to_text()
    assert "CẢNH BÁO (5)" in vi_report.to_text()  # unchanged by the English report
    f = vi_report.findings[0]
    assert f.message == en_report.findings[0].message  # Finding.message: English, for API compatibility
    assert f.text("vi") != f.message and f.text("en") == f.message


def test_model_lang_defaults_to_the_first_language_else_english():
    from eaframe import ArchitectureModel

    assert model_lang(ArchitectureModel.build({"title": {"en": "t"}})) == "vi"  # default languages: vi, en
    assert model_lang(ArchitectureModel.build({"title": {"en": "t"}, "languages": ["en", "vi"]})) == "en"
    assert model_lang(ArchitectureModel.build({"title": {"en": "t"}, "languages": ["fr"]})) == "en"
    assert model_lang(ArchitectureModel.build({"title": {"en": "t"}}), "en") == "en"


# ---------------------------------------------------------------------- check --lang
def _english_texts() -> set[str]:
    """The English side of every catalogue entry that is a whole phrase (no field), at least three words."""
    return {m for m in _catalogue("vi") if "{" not in m and len(m.split()) >= 3}


def _fragments(msgid: str) -> list[str]:
    """The literal pieces of a template between its fields, three words or more."""
    return [p.strip() for p in re.split(r"\{[^}]*\}", msgid) if len(p.split()) >= 3]


def test_check_dongnai_2020_in_vietnamese_has_no_english_text():
    r = _run("check", "dongnai-2020", "--lang", "vi", "--scorecard", "--as-of", "2026-12-01")
    out = r.stdout
    for phrase in ("eaframe kiểm tra:", "CẢNH BÁO (", "gợi ý khắc phục:", "Bảng chỉ tiêu", "Đạt",
                   "chưa kết nối", "hết hiệu lực ngày", "Nghị định 278/2025/NĐ-CP", "văn bản áp dụng:", "Kinh phí (triệu đồng)"):
        assert phrase in out, phrase
    for english in ("fix:", "WARNING (", "ERROR (", "Target scorecard", "is not connected", "not in force",
                    "instruments applied", "NOT MET"):
        assert english not in out, english
    pieces = set(_english_texts())
    for msgid in _catalogue("vi"):
        pieces.update(_fragments(msgid))
    found = sorted(p for p in pieces if p in out and p != translator("vi")(p))
    assert found == []


def test_check_dongnai_2020_in_english_has_no_vietnamese_catalogue_text():
    out = _run("check", "dongnai-2020", "--lang", "en", "--scorecard", "--as-of", "2026-12-01").stdout
    for phrase in ("eaframe check:", "WARNING (", "fix:", "Target scorecard", "not in force on 2026-12-01",
                   "instruments applied"):
        assert phrase in out, phrase
    vi = _catalogue("vi")
    texts = {e.msgstr.strip() for e in vi.values() if "{" not in e.msgstr and len(e.msgstr.split()) >= 2}
    texts |= {p for e in vi.values() for p in _fragments(e.msgstr)}
    texts -= {m for m in vi}  # the entries that are the same in both (proper nouns)
    assert sorted(t for t in texts if t in out) == []


def test_check_defaults_to_the_models_first_language(tmp_path):
    assert "eaframe kiểm tra:" in _run("check", "dongnai-2020").stdout  # languages: vi, en
    model = tmp_path / "m.yaml"
    model.write_text("metadata:\n  title: {en: T, vi: Tê}\n  languages: [en, vi]\nelements:\n"
                     "  - {id: a, type: Goal, name: {en: A, vi: Ă}}\n", encoding="utf-8")
    out = _run("check", str(model)).stdout
    assert out.startswith("eaframe check: T\n") and "a (A) takes part in no relationship" in out
    out = _run("check", str(model), "--lang", "vi").stdout
    assert out.startswith("eaframe kiểm tra: Tê\n") and "a (Ă) không tham gia quan hệ nào" in out


def test_check_json_and_sarif_carry_the_requested_language():
    doc = json.loads(_run("check", "dongnai-2020", "--format", "json", "--lang", "vi", "--scorecard").stdout)
    assert doc["lang"] == "vi"
    assert doc["findings"][0]["message"].endswith("chưa có hồ sơ đề xuất cấp độ được phê duyệt")
    assert doc["findings"][0]["fix"].startswith("phê duyệt hồ sơ đề xuất cấp độ")
    r1 = next(r for r in doc["rules"] if r["id"] == "EGOV-R1")
    assert r1["title"].startswith("Không trao đổi dữ liệu trực tiếp")
    assert r1["rationale"].startswith("LGSP là đầu mối tích hợp, chia sẻ dữ liệu của tỉnh")
    assert doc["scorecard"]["indicators"][0]["title"] == "Thủ tục hành chính cung cấp trực tuyến từ mức độ 1–2 trở lên"
    doc = json.loads(_run("check", "dongnai-2020", "--format", "json", "--lang", "en").stdout)
    assert doc["lang"] == "en" and doc["findings"][0]["message"].endswith("has no approved level dossier")
    sarif = json.loads(_run("check", "dongnai-2020", "--format", "sarif", "--lang", "vi").stdout)
    run = sarif["runs"][0]
    assert run["language"] == "vi"
    assert "Gợi ý khắc phục" not in run["results"][0]["message"]["text"]
    assert ". Cách khắc phục: phê duyệt" in run["results"][0]["message"]["text"]
    assert run["tool"]["driver"]["rules"][0]["shortDescription"]["text"].startswith("Không trao đổi dữ liệu")
    assert run["tool"]["driver"]["rules"][0]["help"]["text"].startswith("Căn cứ: ")


def _basis_texts(rules: list[dict]) -> list[str]:
    """The basis and the ``requires`` of every legal basis of the rules of a JSON or SARIF report."""
    out = []
    for r in rules:
        data = r.get("properties", r)
        out.append(data["basis"])
        out += [b["requires"] for b in data["legal"] if b["requires"]]
    return out


def test_check_json_and_sarif_carry_the_legal_basis_in_the_requested_language():
    from eaframe.checks import REGISTRY

    english = {r.basis for r in REGISTRY.values()} | {b.requires for r in REGISTRY.values() for b in r.legal}
    english.discard("")
    doc = json.loads(_run("check", "dongnai-2020", "--format", "json", "--lang", "vi").stdout)
    sarif = json.loads(_run("check", "dongnai-2020", "--format", "sarif", "--lang", "vi").stdout)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    for texts in (_basis_texts(doc["rules"]), _basis_texts(rules), [r["help"]["text"] for r in rules]):
        assert texts and not english & set(texts)
        assert not any(e in t for t in texts for e in english if len(e) > 40)
    r1 = next(r for r in doc["rules"] if r["id"] == "EGOV-R1")
    assert "Nghị định 47/2020/NĐ-CP ngày 9/4/2020" in r1["basis"]
    assert r1["legal"][1]["requires"].startswith("cơ quan nhà nước chia sẻ dữ liệu")
    assert r1["legal"][1]["instrument"] == "Decree 47/2020/NĐ-CP"  # the id of the instrument is kept
    r6 = next(r for r in rules if r["id"] == "EGOV-R6")
    assert r6["help"]["text"].startswith("Căn cứ: Nghị định 85/2016/NĐ-CP ngày 1/7/2016") and "Điều 7–11" in r6["help"]["text"]
    assert "Thông tư 12/2022/TT-BTTTT" in r6["properties"]["basis"]
    # English: the registered text, as is.
    doc = json.loads(_run("check", "dongnai-2020", "--format", "json", "--lang", "en").stdout)
    sarif = json.loads(_run("check", "dongnai-2020", "--format", "sarif", "--lang", "en").stdout)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert _basis_texts(doc["rules"]) == _basis_texts(rules)
    assert set(_basis_texts(doc["rules"])) <= english
    assert rules[0]["help"]["text"] == "Basis: " + REGISTRY[rules[0]["id"]].basis


def test_rule_basis_in_and_legal_basis_requires_in():
    from eaframe.checks import REGISTRY

    r = REGISTRY["EGOV-R1"]
    assert r.basis_in() == r.basis_in("en") == r.basis
    assert r.basis_in("vi").startswith("Vai trò của LGSP trong kiến trúc của tỉnh")
    b = r.legal[0]
    assert b.requires_in() == b.requires_in("en") == b.requires
    assert b.requires_in("vi").startswith("LGSP là nền tảng tích hợp dùng chung của tỉnh")
    assert b.to_dict("vi")["requires"] == b.requires_in("vi") and b.to_dict() == b.to_dict("en")


def test_check_html_and_summary_in_both_languages(tmp_path):
    out = tmp_path / "c.html"
    _run("check", "dongnai-2020", "--format", "html", "--lang", "vi", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert '<html lang="vi">' in text and "Bảng chỉ tiêu" in text and "✔ Đạt" in text and "Phát hiện (5)" in text
    assert "Target scorecard" not in text and "Findings (" not in text
    _run("check", "dongnai-2020", "--format", "html", "--lang", "en", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "Target scorecard" in text and "✔ met" in text
    vi = _run("check", "dongnai-2019", "dongnai-2020", "--lang", "vi").stdout
    assert vi.startswith("eaframe tổng hợp kiểm tra: 2 mô hình") and "Bảng chỉ tiêu" in vi and "TỔNG" in vi
    en = _run("check", "dongnai-2019", "dongnai-2020", "--lang", "en").stdout
    assert en.startswith("eaframe check roll-up: 2 models") and "TOTAL" in en
    assert _run("check", "dongnai-2019", "dongnai-2020").stdout == vi  # default: the first model's language


def test_list_rules_in_both_languages():
    vi = _run("check", "--list-rules", "--lang", "vi").stdout
    en = _run("check", "--list-rules").stdout
    assert "Mọi quan hệ đều được ArchiMate 3.2 cho phép" in vi and "Every relationship is allowed" in en


# ---------------------------------------------------------------------- info, demo, captions
def test_info_in_both_languages_and_by_default_the_models_first():
    vi = _run("info", "dongnai-2020", "--lang", "vi").stdout
    assert "phần tử theo lớp:" in vi and "phiên bản khung: 2.0" in vi and "elements by layer" not in vi
    en = _run("info", "dongnai-2020", "--lang", "en").stdout
    assert "elements by layer:" in en and "framework version: 2.0" in en and "phần tử" not in en
    assert _run("info", "dongnai-2020").stdout == vi


def test_demo_summary_in_both_languages(tmp_path):
    from eaframe import load
    from eaframe.cli.check import demo_checks
    from eaframe.cli.demo import _summaries

    models = {"dongnai-2020": load("dongnai-2020")}
    _summaries(models, tmp_path, lang="vi")
    assert "phần tử" in (tmp_path / "summary.txt").read_text(encoding="utf-8")
    _summaries(models, tmp_path, lang="en")
    assert " elements, " in (tmp_path / "summary.txt").read_text(encoding="utf-8")
    _summaries(models, tmp_path)  # default: the model's first language
    assert "phần tử" in (tmp_path / "summary.txt").read_text(encoding="utf-8")
    demo_checks(models, tmp_path)
    summary = (tmp_path / "checks" / "summary.txt").read_text(encoding="utf-8")
    assert summary.startswith("dongnai-2020: 0 lỗi, 5 cảnh báo, 0 thông tin; chỉ tiêu đạt")
    assert "CẢNH BÁO (5)" in (tmp_path / "checks" / "dongnai-2020.txt").read_text(encoding="utf-8")
    demo_checks(models, tmp_path, lang="en")
    summary = (tmp_path / "checks" / "summary.txt").read_text(encoding="utf-8")
    assert summary.startswith("dongnai-2020: 0 errors, 5 warnings, 0 info; targets met")


def test_demo_command_has_lang():
    r = _run("demo", "--help")
    assert "--lang [vi|en]" in r.stdout


def test_diagram_type_captions_in_both_languages():
    from eaframe import load
    from eaframe.render.dot import to_dot
    from eaframe.render.views import layered

    view = layered(load("dongnai-2020"))
    vi, en = to_dot(view, lang="vi"), to_dot(view, lang="en")
    assert "Thành phần ứng dụng" in vi and "Application Component" not in vi
    assert "Application Component" in en and "Thành phần ứng dụng" not in en


def test_report_site_text_in_both_languages_and_by_default_the_models_first(tmp_path):
    from eaframe import load
    from eaframe.report import write_site

    m = load("dongnai-2020")
    vi = write_site(m, tmp_path / "vi", lang="vi", diagrams=False).folder
    index, checks = (vi / "index.html").read_text(encoding="utf-8"), (vi / "checks.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in index and "<title>Tổng quan — " in index and "Thông tin mô hình" in index
    assert ">Tìm theo tên</label>" in index and "Overview" not in index and "Model metadata" not in index
    assert "Kết quả kiểm tra và bảng chỉ tiêu" in checks and "chưa có hồ sơ đề xuất cấp độ được phê duyệt" in checks
    assert "✔ Đạt" in checks and "has no approved level dossier" not in checks and "✔ met" not in checks
    en = write_site(m, tmp_path / "en", lang="en", diagrams=False).folder
    index, checks = (en / "index.html").read_text(encoding="utf-8"), (en / "checks.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in index and "<title>Overview — " in index and "Model metadata" in index
    assert "has no approved level dossier" in checks and "✔ met" in checks and "Thông tin mô hình" not in index
    default = write_site(m, tmp_path / "default", diagrams=False).folder
    assert (default / "index.html").read_text(encoding="utf-8") == (vi / "index.html").read_text(encoding="utf-8")
    r = _run("report", "dongnai-2020", "--lang", "en", "--no-diagrams", "-o", str(tmp_path / "cli"))
    assert r.exit_code == 0 and "<title>Overview — " in (tmp_path / "cli" / "index.html").read_text(encoding="utf-8")


def test_render_captions_follow_lang_and_default_to_the_models_first_language(tmp_path):
    out = tmp_path / "d.dot"
    assert _run("render", "dongnai-2020", "-o", str(out)).exit_code == 0
    assert "Thành phần ứng dụng" in out.read_text(encoding="utf-8")
    assert _run("render", "dongnai-2020", "--lang", "en", "-o", str(out)).exit_code == 0
    assert "Application Component" in out.read_text(encoding="utf-8")
    model = tmp_path / "m.yaml"
    model.write_text("metadata:\n  title: {en: T}\n  languages: [en]\nelements:\n"
                     "  - {id: a, type: ApplicationComponent, name: {en: A}}\n", encoding="utf-8")
    assert _run("render", str(model), "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "Application Component" in text and "Thành phần ứng dụng" not in text
