"""Write the screenshots of the report site shown in docs/report.md, into docs/img/:
the dongnai-2020 site (with ``since=dongnai-2019``) captured with headless Chromium
(Playwright on the system's ``chromium``).

- ``report-index.png``: the index page, searching for "lien thong";
- ``report-element.png``: the element page of the provincial LGSP;
- ``report-view.png``: the page of a stored view (the technical reference model) (the diagram, elements linking to their pages);
- ``report-changes.png``: the what-changed page since dongnai-2019.

Usage: ``.venv/bin/python scripts/gen_report_screenshot.py``
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import eaframe
from eaframe.report import write_site

__all__ = ["main", "SHOTS", "IMG"]

IMG = Path(__file__).resolve().parent.parent / "docs" / "img"
#: File name in docs/img → page of the site (relative to its folder).
SHOTS: dict[str, str] = {
    "report-index.png": "index.html",
    "report-element.png": "e/prov.lgsp.html",
    "report-view.png": "v/view.rm.trm.html",
    "report-changes.png": "changes.html",
}


def main() -> int:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("error: Chromium not found; install it (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    if shutil.which("dot") is None:
        print("error: Graphviz dot not found; install it (Debian: apt-get install graphviz)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        site = write_site(eaframe.load("dongnai-2020"), Path(tmp) / "site", since=eaframe.load("dongnai-2019")).folder
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 760})
            for name, rel in SHOTS.items():
                path = site / rel
                page.goto(path.as_uri())
                page.wait_for_load_state("load")
                if name == "report-index.png":
                    page.fill("#search", "lien thong")
                page.screenshot(path=str(IMG / name))
                print(f"wrote {IMG / name}")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
