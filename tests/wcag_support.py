"""The WCAG 2 contrast ratio of two colours, for the tests of eaframe's colours (HTML outputs,
the report site, diagrams).

Examples
--------
>>> round(contrast("#000000", "#ffffff"), 2), round(contrast("#777777", "#ffffff"), 2)
(21.0, 4.48)
"""

from __future__ import annotations

__all__ = ["luminance", "contrast"]


def luminance(colour: str) -> float:
    """The relative luminance of ``#rrggbb`` (WCAG 2; the sRGB threshold 0.04045 and WCAG's
    0.03928 give the same result for 8-bit channels)."""
    rgb = [int(colour[k:k + 2], 16) / 255 for k in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two ``#rrggbb`` colours, from 1 to 21 (4.5 is level AA for normal text)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
