"""The budget table (eaframe.checks.budget) and where it is shown: ``check --format html``
and the checks page of the report site; and the elements behind each scorecard number
in ``check --format html``."""

from __future__ import annotations

from decimal import Decimal

from click.testing import CliRunner
from lxml import html as lhtml

import eaframe
from eaframe.checks import run_checks
from eaframe.checks.budget import budget_table
from eaframe.cli import main
from eaframe.modeldiff.render import to_html
from eaframe.report import write_site

MODEL = """\
metadata: {title: {vi: Ngân sách, en: Budgets}}
elements:
- {id: wp1, type: WorkPackage, name: {vi: Chương trình 1}, budget: {total: 100, investment: 60, operating: 40}}
- {id: wp2, type: WorkPackage, name: {vi: Chương trình 2}, budget: {total: 50, investment: 50}}
- {id: wp3, type: WorkPackage, name: {vi: Chương trình 3}, budget: {total: 7, unit: billion VND}}
- {id: app, type: ApplicationComponent, name: {vi: Phần mềm}, procurement: lease,
   budget: {total: 12.5, operating: 12.5}}
- {id: g, type: Goal, name: {vi: Mục tiêu}, budget: {total: 1000}}
- {id: n, type: Node, name: {vi: Máy chủ}}
"""


def _model():
    return eaframe.loads(MODEL)


def test_budget_table_sums_per_layer_and_unit():
    t = budget_table(_model())
    assert [i.element for i in t.items] == ["g", "app", "wp1", "wp2", "wp3"]
    rows = {(b.layer, b.unit): b for b in t.by_layer}
    assert list(rows) == [("motivation", "million VND"), ("application", "million VND"),
                          ("implementation_migration", "million VND"), ("implementation_migration", "billion VND")]
    wp = rows[("implementation_migration", "million VND")]
    assert (wp.total, wp.investment, wp.operating) == (Decimal(150), Decimal(110), Decimal(40))
    assert (wp.count, wp.with_investment, wp.with_operating, wp.elements) == (2, 2, 1, ("wp1", "wp2"))
    assert rows[("motivation", "million VND")].investment is None
    assert t.totals() == {"million VND": Decimal("1162.5"), "billion VND": Decimal(7)}
    assert budget_table(eaframe.load("vn-province-1.0")).items == ()


def _tables(doc):
    return {t.findtext("caption"): t for t in doc.iter("table")}


def _rows(table):
    return [[c.text_content().strip() for c in tr] for tr in table.xpath("tbody/tr")]


def test_check_html_has_the_budget_tables_and_the_elements_behind_each_number(tmp_path):
    src = tmp_path / "m.yaml"
    src.write_text(MODEL, encoding="utf-8")
    out = tmp_path / "checks.html"
    r = CliRunner().invoke(main, ["check", str(src), "--format", "html", "--lang", "en", "-o", str(out)])
    assert r.exit_code in (0, 1), r.output
    doc = lhtml.fromstring(out.read_bytes())
    tables = _tables(doc)
    layer = _rows(tables["Budget per layer (sums of the element budgets, per unit)"])
    assert ["implementation_migration", "2", "150", "110", "40 (1 of 2 give it)", "million VND"] in layer
    assert ["implementation_migration", "1", "7", "—", "—", "billion VND"] in layer
    assert ["all layers", "4", "1,162.5", "", "", "million VND"] in layer
    per = _rows(tables["Budget per element"])
    assert [row[0] for row in per] == ["g Mục tiêu", "app Phần mềm", "wp1 Chương trình 1", "wp2 Chương trình 2",
                                       "wp3 Chương trình 3"]
    assert per[1][3:] == ["12.5", "—", "12.5", "million VND"]
    assert _rows(tables["Procured items by procurement mode"]) == [["lease", "1", "1", "12.5", "million VND"]]
    for t in tables.values():
        assert all(th.get("scope") in ("col", "row") for th in t.iter("th"))
    # the scorecard: numerator / denominator and the elements behind each number
    dn = eaframe.load("dongnai-2020")
    report = run_checks(dn, scorecard=True)
    doc = lhtml.fromstring(report.to_html(limit=None, document=True).encode("utf-8"))
    rows = _tables(doc)["Target scorecard"].xpath("tbody/tr")
    assert len(rows) == len(report.scorecard.indicators)
    for tr, ind in zip(rows, report.scorecard.indicators, strict=True):
        cells = [c.text_content() for c in tr]
        assert cells[2] == f"{ind.numerator} / {ind.denominator}"
        counted, short = tr[6].text_content(), tr[7].text_content()
        assert all(i in counted for i in ind.elements) and all(i in short for i in ind.shortfall)
        assert (f"{len(ind.elements)} counted" in counted) if ind.elements else counted == "none"
    assert "Budget per element" in _tables(doc)


def test_site_checks_page_has_the_budget_tables_with_links(tmp_path):
    site = write_site(_model(), tmp_path / "site", diagrams=False, lang="en")
    doc = lhtml.fromstring((site.folder / "checks.html").read_bytes())
    tables = _tables(doc)
    layer = _rows(tables["Budget per layer (sums of the element budgets, per unit)"])
    assert ["application", "1", "12.5", "—", "12.5", "million VND"] in layer
    per = tables["Budget per element"]
    links = [a.get("href") for a in per.iter("a")]
    assert links == ["e/g.html", "e/app.html", "e/wp1.html", "e/wp2.html", "e/wp3.html"]
    assert per.xpath("tbody/tr[1]/th//span[@class='l-vi']")[0].text == "Mục tiêu"


def test_check_and_diff_documents_have_one_h1_and_no_skipped_heading_level():
    """axe-core's page-has-heading-one and heading-order on ``check``/``diff --format html``."""
    old, new = eaframe.load("dongnai-2019"), eaframe.load("dongnai-2020")
    docs = [run_checks(new, scorecard=True).to_html(limit=None, document=True),
            to_html(eaframe.diff(old, new), document=True)]
    for text in docs:
        doc = lhtml.fromstring(text.encode("utf-8"))
        levels = [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1 and levels.count(1) == 1, levels
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    # a notebook fragment stays under the notebook's own headings
    assert "<h1>" not in run_checks(new, scorecard=True).to_html()
