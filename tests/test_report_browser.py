"""The report site in a real browser: headless Chromium driven by Playwright.

Skipped (with the reason) only when Chromium or Playwright is not installed; the test
set-up (scripts/_env.sh) installs Chromium with apt when it runs as root.
"""

from __future__ import annotations

import base64
import shutil

import pytest
from report_support import build_sites

import eaframe

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


@pytest.fixture(scope="session")
def bundled_sites(tmp_path_factory):
    return build_sites(tmp_path_factory)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium); the browser tests need it")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


class Watched:
    """A page that records console errors, uncaught exceptions and failed requests."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"exception: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed request: {r.url}"))

    def open(self, path):
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        return self.page


def _sample(site):
    """Index, elements, checks, every view page and five element pages (tests/test_report.py
    checks every link of every page with lxml)."""
    element_pages = sorted((site / "e").glob("*.html"))[:5]
    changes = [site / "changes.html"] if (site / "changes.html").is_file() else []
    return [site / "index.html", site / "elements.html", site / "checks.html", *changes,
            *sorted((site / "v").glob("*.html")), *element_pages]


def test_pages_load_without_console_errors_or_failed_requests(browser, bundled_sites):
    w = Watched(browser)
    n = 0
    for site in bundled_sites.values():
        for path in _sample(site):
            page = w.open(path)
            assert page.title(), path
            assert page.evaluate("window.EAFRAME_INDEX.length") > 0, path
            n += 1
    assert w.problems == []
    assert n > 40
    w.page.close()


def test_search_finds_vietnamese_names_typed_without_diacritics(browser, bundled_sites):
    w = Watched(browser)
    page = w.open(bundled_sites["dongnai-2020"] / "index.html")
    results = page.locator("#search-results")
    assert results.is_hidden()
    page.fill("#search", "lien thong")
    assert results.is_visible()
    hits = results.locator("a").all_inner_texts()
    assert hits and any("liên thông" in h.lower() for h in hits), hits
    status = page.locator("#search-status")  # read by screen readers, in the language shown
    assert status.text_content() == f"{len(hits)} kết quả"
    page.click("#lang-switch")
    page.fill("#search", "lien thong ")
    assert status.text_content() == f"{len(hits)} results"
    page.click("#lang-switch")
    page.fill("#search", "dien tu")  # đ typed as d
    assert any("điện tử" in h.lower() for h in results.locator("a").all_inner_texts())
    page.fill("#search", "LGSP")
    first = results.locator("a").first
    href = first.get_attribute("href")
    first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(href.lstrip("."))
    assert w.problems == []
    w.page.close()


def test_language_switch_changes_the_visible_names(browser, bundled_sites):
    m = eaframe.load("dongnai-2020")
    e = m["prov.lgsp"]
    assert e.name.vi != e.name.en
    w = Watched(browser)
    page = w.open(bundled_sites["dongnai-2020"] / "e" / "prov.lgsp.html")
    assert page.locator("h1").inner_text() == e.name.vi
    page.click("#lang-switch")
    assert page.locator("h1").inner_text() == e.name.en
    assert page.locator("h1 [lang=en]").is_visible() and page.locator("h1 [lang=vi]").is_hidden()
    # the choice is kept from page to page
    page.goto((bundled_sites["dongnai-2020"] / "index.html").as_uri())
    assert page.locator("h1").inner_text() == m.metadata.title.en
    page.click("#lang-switch")
    assert page.locator("h1").inner_text() == m.metadata.title.vi
    assert w.problems == []
    w.page.close()


def test_what_changed_page_toggle_and_links(browser, bundled_sites):
    site = bundled_sites["dongnai-2020"]
    w = Watched(browser)
    page = w.open(site / "index.html")
    page.locator("nav a[href='changes.html']").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/changes.html") and page.locator("h1").inner_text().startswith("Những gì đã thay đổi so với")  # the vi-first model's site
    prov = page.locator("#provenance-list")
    rows = prov.locator("li")
    assert rows.count() > 0 and rows.first.is_hidden()  # provenance-only changes: closed
    prov.locator("summary").click()
    assert rows.first.is_visible()
    added = page.locator("#elements-added a").first
    href = added.get_attribute("href")
    assert added.is_visible()
    added.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(href)
    assert w.problems == []
    w.page.close()


def _colours(browser, png: bytes) -> int:
    """Distinct colours of a PNG (decoded by the browser itself, on a canvas)."""
    page = browser.new_page()
    page.set_content(f'<img id="i" src="data:image/png;base64,{base64.b64encode(png).decode()}">')
    page.wait_for_function("document.getElementById('i').complete")
    n = page.evaluate("""() => {
        const img = document.getElementById('i');
        const c = document.createElement('canvas');
        c.width = img.naturalWidth; c.height = img.naturalHeight;
        const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        const seen = new Set();
        for (let k = 0; k < d.length && seen.size < 1000; k += 4 * 7) seen.add((d[k] << 16) | (d[k+1] << 8) | d[k+2]);
        return seen.size;
    }""")
    page.close()
    return n


def test_screenshots_of_the_index_and_a_view_are_not_blank(browser, bundled_sites):
    site = bundled_sites["dongnai-2020"]
    w = Watched(browser)
    shots = [w.open(site / "index.html").screenshot()]
    view = sorted((site / "v").glob("*.html"))[0]
    page = w.open(view)
    if shutil.which("dot"):
        assert page.locator(".diagram svg").first.is_visible()
    shots.append(page.screenshot())
    for png in shots:
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert _colours(browser, png) > 10
    assert _colours(browser, _blank_png(browser)) == 1  # the measure can fail
    w.page.close()


def test_report_doc_screenshots_exist_and_are_not_blank(browser):
    """docs/report.md shows screenshots made by scripts/gen_report_screenshot.py."""
    import re
    import struct
    from pathlib import Path

    docs = Path(__file__).resolve().parent.parent / "docs"
    refs = re.findall(r"!\[[^\]]+\]\((img/report-[^)]+\.png)\)", (docs / "report.md").read_text(encoding="utf-8"))
    assert {Path(r).name for r in refs} >= {"report-index.png", "report-element.png", "report-view.png",
                                             "report-changes.png"}
    for ref in refs:
        png = (docs / ref).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n", ref
        width, height = struct.unpack(">II", png[16:24])
        assert width >= 800 and height >= 500, ref
        assert _colours(browser, png) > 10, ref


def _blank_png(browser) -> bytes:
    page = browser.new_page()
    page.set_content("<body style='margin:0;background:#fff'></body>")
    png = page.screenshot()
    page.close()
    return png



# ------------------------------------------------------------------ accessibility (axe-core)
def _axe_serious(page) -> list[str]:
    """The violations of impact serious or critical that axe-core finds on ``page``."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    out = []
    for v in results.response["violations"]:
        if v.get("impact") in ("serious", "critical"):
            nodes = "; ".join(" ".join(n.get("target", [])) for n in v["nodes"][:3])
            out.append(f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} node(s), e.g. {nodes}")
    return out


@pytest.fixture(scope="module")
def html_outputs(tmp_path_factory):
    """``check --format html`` and ``diff --format html`` of the bundled Đồng Nai models."""
    from click.testing import CliRunner

    from eaframe.cli import main

    root = tmp_path_factory.mktemp("html-outputs")
    check, diff = root / "check.html", root / "diff.html"
    r = CliRunner().invoke(main, ["check", "dongnai-2020", "--format", "html", "-o", str(check)])
    assert r.exit_code in (0, 1) and check.is_file(), r.output
    r = CliRunner().invoke(main, ["diff", "dongnai-2019", "dongnai-2020", "--format", "html", "-o", str(diff)])
    assert r.exit_code in (0, 1) and diff.is_file(), r.output
    return [check, diff]


def test_axe_core_finds_no_serious_violation(browser, bundled_sites, html_outputs):
    site = bundled_sites["dongnai-2020"]
    views = sorted((site / "v").glob("*.html"))
    paths = [site / "index.html", site / "e" / "prov.lgsp.html", *views, site / "checks.html",
             site / "changes.html", site / "elements.html", *html_outputs]
    w = Watched(browser)
    found = {}
    for path in paths:
        page = w.open(path)
        problems = _axe_serious(page)
        if problems:
            found[str(path.name)] = problems
    assert found == {}
    # the check can fail: a page with an unlabelled field and grey-on-grey text
    page = w.page
    page.set_content("<html><body><input type='text'><p style='color:#bbb;background:#ccc'>faint</p></body></html>")
    assert {p.split(" ")[0] for p in _axe_serious(page)} >= {"label", "color-contrast"}
    w.page.close()


def test_axe_core_finds_no_serious_violation_in_the_rollup(browser, tmp_path):
    """``check A B --format html``: the national roll-up page (a failed row, met and unmet targets)."""
    from click.testing import CliRunner

    from eaframe.cli import main

    bad = tmp_path / "broken.yaml"
    bad.write_text("metadata: [\n", encoding="utf-8")
    out = tmp_path / "rollup.html"
    r = CliRunner().invoke(main, ["check", "dongnai-2019", "dongnai-2020", str(bad), "--format", "html",
                                  "--report-base", "https://x.example/r", "-o", str(out)])
    assert r.exit_code == 1 and out.is_file(), r.output
    text = out.read_text(encoding="utf-8")
    assert "✔ met" in text and "✘ not met" in text and "failed" in text
    w = Watched(browser)
    page = w.open(out)
    assert _axe_serious(page) == []
    assert w.problems == []
    w.page.close()
