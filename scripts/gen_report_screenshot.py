"""Write docs/img/report-index.png: the index page of the dongnai-2020 report site,
captured with headless Chromium (Playwright on the system's ``chromium``).

Usage: ``.venv/bin/python scripts/gen_report_screenshot.py``
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import eaframe
from eaframe.report import write_site

__all__ = ["main"]

OUT = Path(__file__).resolve().parent.parent / "docs" / "img" / "report-index.png"


def main() -> int:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("error: Chromium not found; install it (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        site = write_site(eaframe.load("dongnai-2020"), Path(tmp) / "site")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 760})
            page.goto((site.folder / "index.html").as_uri())
            page.fill("#search", "lien thong")
            page.screenshot(path=str(OUT))
            browser.close()
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
