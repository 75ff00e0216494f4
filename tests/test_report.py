"""The HTML report site (eaframe report): content, links, accessibility basics, safe writing.

What a browser does with the site is tested in tests/test_report_browser.py.
"""

from __future__ import annotations

import errno
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from report_support import build_sites, pages, parse
from wcag_support import contrast

import eaframe
from eaframe.cli import main
from eaframe.exceptions import OutputError
from eaframe.i18n import translator
from eaframe.report import MARKER, fold, write_site
from eaframe.report import site as site_mod
from eaframe.report.assets import COLOURS, CONTRAST_PAIRS, CSS

#: The bundled models' first language is Vietnamese: their sites' own text is in Vietnamese.
T = translator("vi")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")


@pytest.fixture(scope="session")
def bundled_sites(tmp_path_factory):
    return build_sites(tmp_path_factory)
MINI = str(Path(__file__).parent / "data" / "render" / "mini-2020.yaml")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


# ------------------------------------------------------------------ links and structure
def test_every_internal_link_of_every_bundled_site_resolves(bundled_sites):
    for name, site in bundled_sites.items():
        ids_of: dict[Path, set] = {}
        n = 0
        for page in pages(site):
            doc = parse(page)
            refs = [a.get("href") for a in doc.iter("a") if a.get("href")]
            refs += [el.get("href") for el in doc.iter("link")] + [el.get("src") for el in doc.iter("script")]
            refs += [el.get("href") for el in doc.iter("{http://www.w3.org/2000/svg}a")]
            for ref in refs:
                if re.match(r"^[a-z]+:", ref):
                    assert ref.startswith(("http://", "https://")), (page, ref)  # only the sources' addresses
                    continue
                assert not ref.startswith("/"), f"{page}: absolute link {ref}"
                path, _, frag = ref.partition("#")
                target = (page.parent / unquote(path)).resolve() if path else page
                assert target.is_file(), f"{name}: {page.relative_to(site)} links to missing {ref}"
                assert site in target.parents
                if frag:
                    if target not in ids_of:
                        ids_of[target] = set(parse(target).xpath("//@id")) if target.suffix == ".html" else set()
                    assert frag in ids_of[target], f"{page}: no #{frag} in {target}"
                n += 1
        assert n > 500, name


def test_site_has_a_page_per_element_and_view(bundled_sites):
    m = eaframe.load("dongnai-2020")
    site = bundled_sites["dongnai-2020"]
    assert len(list((site / "e").glob("*.html"))) == len(m.elements)
    assert len(list((site / "v").glob("*.html"))) == len(m.views) + 2  # + layered, interconnection
    assert (site / MARKER).is_file() and (site / "assets" / "search-index.js").is_file()


def test_element_page_shows_names_attributes_relationships_and_views(bundled_sites):
    m = eaframe.load("dongnai-2020")
    site = bundled_sites["dongnai-2020"]
    e = m["prov.lgsp"]
    doc = parse(site / "e" / "prov.lgsp.html")
    text = doc.text_content()
    assert e.name.vi in text and e.name.en in text
    assert doc.xpath("//h1/span[@lang='vi']")[0].text == e.name.vi
    assert doc.xpath("//h1/span[@lang='en']")[0].text == e.name.en
    out_n = sum(1 for r in m.relationships if r.source == e.id)
    in_n = sum(1 for r in m.relationships if r.target == e.id)
    tables = {t.findtext("caption"): t for t in doc.iter("table")}
    assert len(tables[T("Outgoing relationships")].xpath("tbody/tr")) == out_n > 0
    assert len(tables[T("Incoming relationships")].xpath("tbody/tr")) == in_n > 0
    views = [v for v in m.views if e.id in v.elements]
    assert len(doc.xpath(f"//h2[.='{T('Views')}']/following-sibling::ul[1]/li")) == len(views) > 0
    attrs = {tr[0].text_content(): tr[1].text_content() for tr in tables[T("Attributes")].xpath("tbody/tr")}
    assert attrs["type"] == e.type
    for field in ("scope", "status", "security_level"):
        if getattr(e, field, None) is not None:
            assert attrs[field] == str(getattr(getattr(e, field), "value", getattr(e, field)))
    if e.confidence is not None:
        assert f"{T('Confidence:')} {e.confidence.value}" in text
    # implements names an element of the framework model, even when this model has the same id
    assert getattr(e, "implements", None) == e.id
    assert attrs["implements"] == f"{e.id} " + T("in {model}").format(model=m.metadata.realises)


@needs_dot
def test_view_diagram_links_every_element_to_its_page(bundled_sites):
    m = eaframe.load("dongnai-2020")
    site = bundled_sites["dongnai-2020"]
    v = m.views[0]
    page = next(p for p in (site / "v").glob("*.html") if f">{v.id}</code>" in p.read_text(encoding="utf-8"))
    doc = parse(page)
    svgs = doc.xpath("//*[local-name()='svg']")
    assert [s.getparent().get("class") for s in svgs] == ["diagram l-vi", "diagram l-en"]
    for svg, lang in zip(svgs, ("vi", "en"), strict=True):  # each language's copy is labelled in its language
        label = translator(lang)("Diagram: {title}").format(title="")
        assert svg.get("role") == "group" and svg.get("aria-label", "").startswith(label)
        linked = {a.get("href") for a in svg.xpath(".//*[local-name()='a']")}
        assert {f"../e/{i}.html" for i in v.elements} <= linked
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids)), "ids repeat between the two language copies"


def test_view_page_without_graphviz_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot on PATH
    site = write_site(eaframe.load(MINI), tmp_path / "site", lang="en")
    assert site.diagrams == 0 and "Graphviz" in site.note
    views = list((site.folder / "v").glob("*.html"))
    assert views
    for page in views:
        text = page.read_text(encoding="utf-8")
        assert "The diagram is not drawn" in text and "install Graphviz" in text


def test_checks_page_shows_findings_scorecard_and_budget(bundled_sites):
    from eaframe.checks import run_checks

    for name in ("dongnai-2019", "dongnai-2020"):
        report = run_checks(eaframe.load(name), scorecard=True)
        doc = parse(bundled_sites[name] / "checks.html")
        tables = {t.findtext("caption"): t for t in doc.iter("table")}
        if report.findings:
            rows = tables[T("Findings, most serious first")].xpath("tbody/tr")
            assert len(rows) == len(report.findings)
            assert [tr[0].text_content() for tr in rows] == [T(f.severity) for f in report.findings]
            assert [tr[1].text_content() for tr in rows] == [f.rule for f in report.findings]
        else:
            assert T("{caption}: none.").format(caption=T("Findings, most serious first")) in doc.text_content()
    assert any(run_checks(eaframe.load("dongnai-2019")).findings)
    rows = tables[T("Indicators: value computed from the model against the target")].xpath("tbody/tr")
    assert len(rows) == len(report.scorecard.indicators)
    for tr, ind in zip(rows, report.scorecard.indicators, strict=True):
        cells = [td.text_content() for td in tr]
        assert ind.key in cells[0]
        assert cells[2] == f"{ind.numerator} / {ind.denominator}"
        assert cells[5] == {True: "✔ " + T("met"), False: "✘ " + T("not met"), None: "– " + T("not assessed")}[ind.met]
        if ind.target is not None and ind.target.deadline:
            assert cells[4] == ind.target.deadline.isoformat()
        assert len(tr[6].xpath(".//a")) == len(ind.elements) + len(ind.shortfall)
    assert T("Budget per layer (sums of the element budgets, per unit)") in tables and T("Budget per element") in tables


def test_index_page_shows_metadata_counts_confidence_and_sources(bundled_sites):
    m = eaframe.load("dongnai-2020")
    doc = parse(bundled_sites["dongnai-2020"] / "index.html")
    tables = {t.findtext("caption"): t for t in doc.iter("table")}
    meta = {tr[0].text_content(): tr[1].text_content() for tr in tables[T("Model metadata")].xpath("tbody/tr")}
    assert meta[T("Framework version")] == m.metadata.framework_version
    conf = {tr[0].text_content(): int(tr[2].text_content())
            for tr in tables[T("Elements and relationships by confidence tag")].xpath("tbody/tr")}
    assert sum(conf.values()) == len(m.elements) + len(m.relationships)
    assert conf["V"] == sum(1 for c in m.concepts() if c.confidence is not None and c.confidence.value == "V")
    assert len(tables[T("Sources table")].xpath("tbody/tr")) == len(m.metadata.sources)
    by_layer = {tr[0].text_content(): int(tr[1].text_content())
                for tr in tables[T("Elements by layer")].xpath("tbody/tr")}
    assert by_layer == dict(m.counts()["layer"])


def test_names_are_escaped(tmp_path):
    m = eaframe.ArchitectureModel.build({"title": {"en": "<b>t</b>"}}, elements=[
        {"id": "x", "type": "Goal", "name": {"vi": "<script>alert(1)</script>", "en": "a & \"b\""}}])
    site = write_site(m, tmp_path / "s", diagrams=False)
    for page in pages(site.folder):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<b>t</b>" not in text
    doc = parse(site.folder / "e" / "x.html")
    assert doc.xpath("//h1/span[@lang='vi']")[0].text == "<script>alert(1)</script>"
    assert doc.xpath("//h1/span[@lang='en']")[0].text == 'a & "b"'


# ------------------------------------------------------------------ accessibility (checked by hand, no axe-core)
def test_contrast_formula():
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # the classic just-failing grey


def test_every_text_colour_pair_meets_wcag_aa():
    for fg, bg in CONTRAST_PAIRS:
        assert contrast(COLOURS[fg], COLOURS[bg]) >= 4.5, (fg, bg, contrast(COLOURS[fg], COLOURS[bg]))
    # every colour of the style sheet is a named one (so the pairs above cover what is used as text)
    used = set(re.findall(r"#[0-9a-fA-F]{6}\b", CSS)) - {"#8a94a3"}  # table borders, not text
    assert used <= set(COLOURS.values())


def test_every_page_has_lang_title_charset_headings_captions_and_labels(bundled_sites):
    for site in bundled_sites.values():
        for page in pages(site):
            doc = parse(page)
            where = page.relative_to(site)
            assert doc.get("lang") == doc.get("data-lang") == "vi", where  # the models' first language
            assert doc.xpath("//meta[@charset='utf-8']"), where
            assert doc.findtext(".//title").strip(), where
            levels = [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]
            assert levels[0] == 1 and levels.count(1) == 1, where
            assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (where, levels)
            for t in doc.iter("table"):
                assert (t.findtext("caption") or "").strip(), where
                assert all(th.get("scope") in ("col", "row") for th in t.iter("th")), where
            assert all(img.get("alt") for img in doc.iter("img")), where
            for svg in doc.xpath("//*[local-name()='svg']"):
                linked = bool(svg.xpath(".//*[local-name()='a']"))
                assert svg.get("role") == ("group" if linked else "img") and svg.get("aria-label"), where
            assert doc.xpath("//label[@for='search']") and doc.xpath("//input[@id='search']"), where
            for el in doc.xpath("//*[contains(text(), '✔') or contains(text(), '✘')]"):
                assert re.search(r"[✔✘] (met|not met|Đạt|Chưa đạt)", el.text_content()), where
            for el in doc.xpath("//*[@lang]"):
                assert el.get("lang") in ("vi", "en") or el.tag == "span", where


# ------------------------------------------------------------------ search data and file names
def test_fold_strips_diacritics_and_maps_d_stroke():
    assert fold("Liên thông") == "lien thong"
    assert fold("ĐỒNG NAI đường") == "dong nai duong"
    assert fold("Nền tảng tích hợp, chia sẻ dữ liệu") == "nen tang tich hop, chia se du lieu"


def test_search_index_folds_names_of_both_languages(bundled_sites):
    import json

    text = (bundled_sites["dongnai-2020"] / "assets" / "search-index.js").read_text(encoding="utf-8")
    rows = json.loads(text.removeprefix("window.EAFRAME_INDEX = ").rstrip().rstrip(";"))
    m = eaframe.load("dongnai-2020")
    assert len(rows) >= len(m.elements)
    lgsp = next(r for r in rows if r[3] == "prov.lgsp")
    assert lgsp[1] == m["prov.lgsp"].name.vi and fold(m["prov.lgsp"].name.vi) in lgsp[5]
    assert fold(m["prov.lgsp"].name.en) in lgsp[5]


def test_page_names_are_safe_unique_and_bounded():
    names = site_mod._Names()
    ids = ["a", "A", "a.b", "con", "CON", "x" * 300, "x" * 301, "a-b", "a_b", "é"]
    got = [names.take(i) for i in ids]
    assert len({g.lower() for g in got}) == len(ids)
    assert all(re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}", g) for g in got), got
    assert got[0] == "a" and got[2] == "a.b"
    assert got[3].lower() != "con"


# ------------------------------------------------------------------ writing safely
def test_failure_leaves_the_old_site_as_it_was(tmp_path, monkeypatch):
    m = eaframe.load(MINI)
    folder = tmp_path / "site"
    write_site(m, folder, diagrams=False)
    before = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    calls = []

    def broken(self, e):
        calls.append(e.id)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return "x"

    monkeypatch.setattr(site_mod._Site, "element_page", broken)
    with pytest.raises(OutputError, match="No space left on device"):
        write_site(m, folder, lang="en", diagrams=False)
    after = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no temporary folder left


def test_a_new_site_replaces_the_old_one_whole(tmp_path):
    m = eaframe.load(MINI)
    folder = tmp_path / "site"
    write_site(m, folder, diagrams=False)
    (folder / "e" / "stale.html").write_text("old", encoding="utf-8")
    write_site(m, folder, lang="en", diagrams=False)
    assert not (folder / "e" / "stale.html").exists()
    assert 'data-lang="en"' in (folder / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_refuses_a_file_or_a_foreign_folder(tmp_path):
    m = eaframe.load(MINI)
    f = tmp_path / "file"
    f.write_text("keep", encoding="utf-8")
    with pytest.raises(OutputError, match="it is a file"):
        write_site(m, f, diagrams=False)
    foreign = tmp_path / "home"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(OutputError, match="holds other files"):
        write_site(m, foreign, diagrams=False)
    assert f.read_text(encoding="utf-8") == "keep" and (foreign / "thesis.txt").read_text(encoding="utf-8") == "keep"
    r = run("report", MINI, "-o", f)
    assert r.exit_code == 2 and "is a file" in r.output
    r = run("report", MINI, "-o", foreign)
    assert r.exit_code == 2 and "holds other files" in r.output
    assert sorted(foreign.iterdir()) == [foreign / "thesis.txt"]


def test_cli_report_writes_the_site(tmp_path):
    r = run("report", MINI, "--lang", "en", "--no-diagrams", "-o", tmp_path / "out" / "site")
    assert r.exit_code == 0, r.output
    index = tmp_path / "out" / "site" / "index.html"
    assert 'data-lang="en"' in index.read_text(encoding="utf-8")
    assert f"open {index}" in r.output
    r = run("report", MINI, "-o", "-")
    assert r.exit_code == 2


def test_cli_report_bad_model_exits_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("metadata: [\n", encoding="utf-8")
    r = run("report", bad, "-o", tmp_path / "site")
    assert r.exit_code == 1 and "bad.yaml" in r.output
    assert not (tmp_path / "site").exists()


def test_demo_writes_the_site_of_each_model(tmp_path):
    from eaframe.cli.demo import DEMO_STEPS

    step = dict(DEMO_STEPS)["report"]
    written = step({"mini": eaframe.load(MINI)}, tmp_path)
    assert written == [str(tmp_path / "report" / "mini" / "index.html")]
    assert (tmp_path / "report" / "mini" / "checks.html").is_file()


def test_checks_can_be_left_out_or_given(tmp_path):
    from eaframe.checks import run_checks

    m = eaframe.load(MINI)
    site = write_site(m, tmp_path / "a", lang="en", checks=False, diagrams=False)
    assert "The checks were not run" in (site.folder / "checks.html").read_text(encoding="utf-8")
    report = run_checks(m, select=["EGOV-H2"])
    site = write_site(m, tmp_path / "b", lang="en", report=report, diagrams=False)
    text = (site.folder / "checks.html").read_text(encoding="utf-8")
    assert f"{len(report.rules)} rules run" in text and "Target scorecard" not in text


def test_build_folders_of_killed_writers_are_removed(tmp_path):
    import os

    dead = tmp_path / ".site.eaframe-9999999999-0123abcd.tmp"  # no process has that number
    dead.mkdir()
    (dead / "index.html").write_text("half", encoding="utf-8")
    old = tmp_path / ".site.eaframe-9999999999-0123abce.old"
    old.mkdir()
    alive = tmp_path / f".site.eaframe-{os.getpid()}-0123abcd.tmp"  # a writer still running
    alive.mkdir()
    other = tmp_path / ".other.eaframe-9999999999-0123abcd.tmp"  # another target's
    other.mkdir()
    write_site(eaframe.load(MINI), tmp_path / "site", diagrams=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name, "site"])
