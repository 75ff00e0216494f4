"""The HTML report: a static, offline site of a whole model (``eaframe report``).

:func:`write_site` writes an index page (metadata, counts, confidence mix, sources),
a page per element and per view (the diagram as inline SVG, each element linking to
its page), the check findings and the target scorecard, with a vi/en language switch
and diacritic-insensitive search. See docs/report.md.

Examples
--------
>>> import tempfile, eaframe
>>> from eaframe.report import write_site
>>> m = eaframe.synthetic_model(20, seed=0)
>>> with tempfile.TemporaryDirectory() as d:
...     site = write_site(m, d + "/site", diagrams=False)
...     (site.folder / "index.html").is_file(), site.pages
(True, 26)
"""

from __future__ import annotations

from .site import MARKER, ReportSite, check_site_folder, fold, write_site

__all__ = ["write_site", "ReportSite", "check_site_folder", "fold", "MARKER"]
