"""Vietnamese and English of the budget tables, the check report's scorecard detail, the report
site's budget and what-changed pages and search status, and the diff's text, Markdown and HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lhtml
from report_support import build_sites

import eaframe
from eaframe._displays import _scorecard_detail_table, budget_html
from eaframe.checks import run_checks
from eaframe.cli import main
from eaframe.i18n import translator
from eaframe.i18n._po import read_po
from eaframe.modeldiff import render
from eaframe.report import write_site

VI_PO = Path(__file__).resolve().parent.parent / "eaframe" / "i18n" / "locale" / "vi" / "LC_MESSAGES" / "eaframe.po"
VI = translator("vi")


@pytest.fixture(scope="module")
def bundled_sites(tmp_path_factory):
    return build_sites(tmp_path_factory)


def _visible(page: str) -> str:
    """The text a reader sees (no tags, no style or script)."""
    doc = lhtml.fromstring(page)
    for el in doc.xpath("//style|//script"):
        el.drop_tree()
    return " ".join(doc.text_content().split())


def _english_left(text: str) -> list[str]:
    """The English msgids (whole phrases of three words or more, and the literal pieces of
    templates between their fields) that the Vietnamese catalogue translates but ``text`` still holds."""
    pieces = set()
    for e in read_po(VI_PO)[1]:
        for p in re.split(r"\{[^}]*\}", e.msgid):
            p = " ".join(p.split())
            if len(p.split()) >= 3 and "<" not in p:
                pieces.add(p)
    return sorted(p for p in pieces if p in text and VI(p) != p)


@pytest.fixture(scope="module")
def dongnai():
    m = eaframe.load("dongnai-2020")
    return m, run_checks(m, scorecard=True)


def test_budget_and_scorecard_detail_tables_in_vietnamese(dongnai):
    m, r = dongnai
    text = _visible("<div>" + budget_html(m, r.scorecard, lang="vi") + _scorecard_detail_table(r.scorecard, "vi")
                    + "</div>")
    for phrase in ("Ngân sách", "Ngân sách theo lớp (tổng ngân sách của các phần tử, theo đơn vị)",
                   "Ngân sách theo phần tử", "tất cả các lớp", "đầu tư", "chi thường xuyên", "đơn vị", "tổng",
                   "Hạng mục mua sắm theo hình thức", "triệu đồng", "Bảng chỉ tiêu", "tử số / mẫu số", "thời hạn",
                   "phần tử được tính (tử số)"):
        assert phrase in text, phrase
    for english in ("Budget", "all layers", "investment", "operating", "Procured items", "Target scorecard",
                    "deadline", "numerator", "elements counted", " counted", " short"):
        assert english not in text, english
    assert _english_left(text) == []


def test_budget_and_scorecard_detail_tables_in_english(dongnai):
    m, r = dongnai
    text = _visible("<div>" + budget_html(m, r.scorecard, lang="en") + _scorecard_detail_table(r.scorecard, "en")
                    + "</div>")
    for phrase in ("Budget per layer (sums of the element budgets, per unit)", "Budget per element", "all layers",
                   "investment", "operating", "Procured items by procurement mode", "Target scorecard",
                   "numerator / denominator", "elements counted (numerator)"):
        assert phrase in text, phrase
    for vi in ("Ngân sách", "tất cả các lớp", "chi thường xuyên", "Bảng chỉ tiêu", "tử số"):
        assert vi not in text, vi


def test_check_html_report_budget_follows_lang(tmp_path):
    out = tmp_path / "c.html"
    assert CliRunner().invoke(main, ["check", "dongnai-2020", "--format", "html", "--scorecard", "--lang", "vi",
                                     "-o", str(out)]).exit_code in (0, 1)
    text = _visible(out.read_text(encoding="utf-8"))
    assert "Ngân sách theo phần tử" in text and "Budget per element" not in text


def test_site_budget_what_changed_and_search_status_in_vietnamese(bundled_sites):
    site = bundled_sites["dongnai-2020"]  # languages: vi, en; built with since=dongnai-2019
    checks = _visible((site / "checks.html").read_text(encoding="utf-8"))
    for phrase in ("Ngân sách", "Ngân sách theo lớp (tổng ngân sách của các phần tử, theo đơn vị)", "Lớp",
                   "Phần tử", "Tổng", "Đầu tư", "Chi thường xuyên", "Đơn vị", "Ngân sách theo phần tử",
                   "tất cả các lớp"):
        assert phrase in checks, phrase
    for english in ("Budget per layer", "Budget per element", "Investment", "Operating", "all layers",
                    "No element carries a budget"):
        assert english not in checks, english
    changes = _visible((site / "changes.html").read_text(encoding="utf-8"))
    for phrase in ("Những gì đã thay đổi so với", "So sánh với", "Thêm mới", "Loại bỏ", "Sửa đổi",
                   "Thay đổi kiến trúc theo loại thay đổi", "Khái niệm", "Tổng", "Thay đổi chỉ về nguồn gốc",
                   "phần tử thay đổi"):
        assert phrase in changes, phrase
    for english in ("What changed", "Compared with", "Added", "Removed", "Modified", "Provenance-only",
                    "elements changed", "Architecture changes"):
        assert english not in changes, english
    assert _english_left(changes) == []
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Những gì đã thay đổi" in _visible(index) and "What changed" not in _visible(index)
    assert 'data-vi="{n} kết quả" data-en="{n} results"' in index
    js = (site / "assets" / "site.js").read_text(encoding="utf-8")
    assert '" results"' not in js and 'status.getAttribute("data-" + root.getAttribute("data-lang"))' in js


def test_site_budget_and_what_changed_in_english(tmp_path):
    site = write_site(eaframe.load("dongnai-2020"), tmp_path / "s", lang="en", diagrams=False,
                      since=eaframe.load("dongnai-2019")).folder
    checks = _visible((site / "checks.html").read_text(encoding="utf-8"))
    for phrase in ("Budget per layer (sums of the element budgets, per unit)", "Budget per element", "Investment",
                   "Operating", "Unit", "all layers"):
        assert phrase in checks, phrase
    assert "Ngân sách theo" not in checks and "Chi thường xuyên" not in checks
    changes = _visible((site / "changes.html").read_text(encoding="utf-8"))
    for phrase in ("What changed since", "Compared with", "Added", "Removed", "Modified",
                   "Architecture changes per kind", "elements changed"):
        assert phrase in changes, phrase
    assert "Những gì đã thay đổi" not in changes and "Thêm mới" not in changes


@pytest.fixture(scope="module")
def dongnai_diff():
    return eaframe.diff(eaframe.load("dongnai-2019"), eaframe.load("dongnai-2020"))


def test_diff_outputs_in_vietnamese(dongnai_diff):
    d = dongnai_diff
    page = _visible(render.to_html(d, words="vi", document=True, provenance=True))
    for phrase in ("So sánh:", "Thay đổi kiến trúc theo khái niệm", "thêm mới", "loại bỏ", "sửa đổi", "khái niệm",
                   "Thay đổi phần tử (kiến trúc)", "Thay đổi chỉ về nguồn gốc", "trạng thái", "mức tin cậy",
                   "phần tử thay đổi"):
        assert phrase in page, phrase
    for english in ("Diff:", "Architecture changes", "added", "removed", "Provenance-only", "element changes",
                    "The counts are"):  # field names (confidence: "K" → "I") stay as in the model file
        assert english not in page, english
    assert _english_left(page) == []
    md = render.to_markdown(d, words="vi", provenance=True)
    assert md.startswith("# So sánh: ") and "| khái niệm | thêm mới | loại bỏ |" in md and "## Phần tử" in md
    assert _english_left(md) == [] and "Provenance-only" not in md and "By layer" not in md
    text = render.to_text(d, words="vi")
    assert "khái niệm" in text and "phần tử thay đổi (" in text and "(khung " in text
    assert "concepts" not in text and "elements changed" not in text and _english_left(text) == []
    assert render.format_shortstat(d, "vi").startswith(f"{len(d.architecture().elements)} phần tử thay đổi (")


def test_diff_outputs_in_english_by_default_and_on_request(dongnai_diff):
    d = dongnai_diff
    for page in (render.to_html(d, document=True), render.to_html(d, words="en", document=True)):
        text = _visible(page)
        assert "Diff:" in text and "Architecture changes per concept" in text and "Element changes (architecture)" in text
        assert "So sánh:" not in text and "Thay đổi kiến trúc" not in text
    assert render.to_markdown(d).startswith("# Diff: ") and "| concepts | added | removed |" in render.to_markdown(d)
    assert "elements changed (" in render.format_shortstat(d)


def test_cli_diff_lang_defaults_to_the_new_models_first_language():
    run = CliRunner()
    vi = run.invoke(main, ["diff", "dongnai-2019", "dongnai-2020"])
    assert vi.exit_code == 0 and "khái niệm" in vi.stdout and "phần tử thay đổi (" in vi.stdout
    assert "concepts" not in vi.stdout
    en = run.invoke(main, ["diff", "dongnai-2019", "dongnai-2020", "--lang", "en"])
    assert en.exit_code == 0 and "concepts" in en.stdout and "elements changed (" in en.stdout
    assert "khái niệm" not in en.stdout
    html = run.invoke(main, ["diff", "dongnai-2019", "dongnai-2020", "--format", "html"]).stdout
    assert '<html lang="vi">' in html and "So sánh: " in html
