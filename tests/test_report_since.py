"""The what-changed page of the report site (``eaframe report MODEL --since OLD``,
``write_site(..., since=old)``). Links, headings and accessibility of the page are
checked with the other pages (the dongnai-2020 site of tests/report_support.py has it);
the browser tests open it too."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from report_support import SINCE, build_sites, pages, parse

import eaframe
from eaframe.cli import main
from eaframe.report import changes as changes_mod
from eaframe.report import write_site

OLD = """\
metadata: {title: {vi: Tỉnh A, en: Province A}, framework_version: "1.0"}
elements:
- {id: lgsp, type: ApplicationComponent, name: {vi: Nền tảng tích hợp, en: Integration platform}}
- {id: gone, type: ApplicationComponent, name: {vi: Hệ thống cũ bị bỏ, en: Old system}}
- {id: portal, type: ApplicationComponent, name: {vi: Cổng dịch vụ công, en: Public service portal}}
- {id: srv, type: Node, name: {vi: Máy chủ, en: Server}, confidence: K}
relationships:
- {id: r1, type: Serving, source: lgsp, target: portal}
- {id: r2, type: Serving, source: gone, target: portal}
"""
NEW = """\
metadata: {title: {vi: Tỉnh A, en: Province A}, framework_version: "2.0"}
elements:
- {id: lgsp, type: ApplicationComponent, name: {vi: Nền tảng tích hợp LGSP, en: Integration platform}}
- {id: portal, type: ApplicationComponent, name: {vi: Cổng dịch vụ công, en: Public service portal}}
- {id: soc, type: ApplicationComponent, name: {vi: Trung tâm giám sát, en: Security operations centre}}
- {id: srv, type: Node, name: {vi: Máy chủ, en: Server}, confidence: V}
relationships:
- {id: r1, type: Serving, source: lgsp, target: portal}
- {id: r3, type: Serving, source: soc, target: portal}
"""


@pytest.fixture(scope="session")
def bundled_sites(tmp_path_factory):
    return build_sites(tmp_path_factory)


def _site(tmp_path, **kw):
    return write_site(eaframe.loads(NEW), tmp_path / "site", diagrams=False, since=eaframe.loads(OLD), **kw).folder


def _section(doc, ident):
    (el,) = doc.xpath(f"//details[@id='{ident}']")
    return el


def test_what_changed_page_shows_names_links_and_removed_concepts(tmp_path):
    site = _site(tmp_path, lang="en")
    doc = parse(site / "changes.html")
    assert doc.findtext(".//h1").startswith("What changed since Province A 1.0")  # the title in the site language
    added = _section(doc, "elements-added")
    assert added.get("open") is not None
    (a,) = added.xpath(".//a")
    assert a.get("href") == "e/soc.html" and a.xpath("span[@class='l-vi']")[0].text == "Trung tâm giám sát"
    removed = _section(doc, "elements-removed")
    assert not removed.xpath(".//a") and "Hệ thống cũ bị bỏ" in removed.text_content()
    modified = _section(doc, "elements-modified")
    assert [x.get("href") for x in modified.xpath(".//a")] == ["e/lgsp.html"]
    assert 'name.vi: "Nền tảng tích hợp" → "Nền tảng tích hợp LGSP"' in modified.text_content()
    # relationships by their ends' names, linked when the end still exists
    rel_added = _section(doc, "relationships-added")
    assert [x.get("href") for x in rel_added.xpath(".//a")] == ["e/soc.html", "e/portal.html"]
    assert "—Serving→" in rel_added.text_content()
    rel_removed = _section(doc, "relationships-removed")
    assert "Hệ thống cũ bị bỏ" in rel_removed.text_content()  # the removed end, by its old name
    assert [x.get("href") for x in rel_removed.xpath(".//a")] == ["e/portal.html"]
    # the provenance-only change is counted and behind a closed toggle
    prov = _section(doc, "provenance-list")
    assert prov.get("open") is None
    assert prov.findtext("summary").startswith("Provenance-only changes: 1 ")
    assert "confidence" in prov.text_content() and "Máy chủ" in prov.text_content()
    assert "srv" not in "".join(_section(doc, "elements-modified").itertext()).split()
    # metadata
    meta = {t.findtext("caption"): t for t in doc.iter("table")}["Model metadata"]
    assert [c.text_content() for c in meta.xpath("tbody/tr[1]/*")] == ["framework_version", '"1.0"', '"2.0"']
    # linked from the index and from the navigation of every page
    index = parse(site / "index.html")
    assert index.xpath("//main//a[@href='changes.html']")
    for page in pages(site):
        nav = parse(page).xpath("//nav//a/@href")
        assert any(h.endswith("changes.html") for h in nav), page


def test_without_since_there_is_no_what_changed_page(tmp_path):
    site = write_site(eaframe.loads(NEW), tmp_path / "site", diagrams=False).folder
    assert not (site / "changes.html").exists()
    assert not parse(site / "index.html").xpath("//a[contains(@href, 'changes.html')]")


def test_same_model_says_no_differences(tmp_path):
    m = eaframe.loads(NEW)
    site = write_site(m, tmp_path / "site", diagrams=False, since=m, lang="en").folder
    assert "The two versions do not differ." in parse(site / "changes.html").text_content()


def test_long_lists_stop_with_n_more(tmp_path, monkeypatch):
    monkeypatch.setattr(changes_mod, "LIMIT", 1)
    old = eaframe.loads(OLD)
    new = eaframe.loads(NEW.replace("relationships:", "- {id: x1, type: Node}\n- {id: x2, type: Node}\n"
                                                      "relationships:"))
    site = write_site(new, tmp_path / "site", diagrams=False, since=old, lang="en").folder
    added = _section(parse(site / "changes.html"), "elements-added")
    assert len(added.xpath(".//li")) == 1 and "… and 2 more; eaframe diff lists them all." in added.text_content()


def test_bundled_site_what_changed_matches_the_diff(bundled_sites):
    name = "dongnai-2020"
    d = eaframe.diff(eaframe.load(SINCE[name]), eaframe.load(name))
    doc = parse(bundled_sites[name] / "changes.html")
    for kind in ("added", "removed", "modified"):
        seq = [c for c in d.architecture().elements if c.kind == kind]
        sec = _section(doc, f"elements-{kind}")
        assert sec.findtext("summary").endswith(f": {len(seq)}")
        assert len(sec.xpath("ul/li")) == len(seq)
    assert _section(doc, "provenance-list").findtext("summary").startswith(  # the site of a vi-first model
        f"Thay đổi chỉ về nguồn gốc: {len(d.changes(provenance=True))} ")


def test_cli_report_since(tmp_path):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    out = tmp_path / "site"
    r = CliRunner().invoke(main, ["report", str(new), "--since", str(old), "--no-diagrams", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert (out / "changes.html").is_file()
    bad = tmp_path / "bad.yaml"
    bad.write_text("elements: [{id: a, type: Nope}]\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["report", str(new), "--since", str(bad), "-o", str(tmp_path / "s2")])
    assert r.exit_code == 1 and "bad.yaml" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "s2").exists()
    r = CliRunner().invoke(main, ["report", "-", "--since", "-", "-o", str(tmp_path / "s3")], input=NEW)
    assert r.exit_code == 2 and "stdin" in r.output
