"""Shrink-to-fit: measure text with the bundled font and choose a size (and line count) that fits the box."""

import math
from functools import cache
from pathlib import Path

from django.conf import settings

FONT_DIR = Path(settings.BASE_DIR) / "site" / "static" / "fonts" / "liberation"
PT_PER_MM = 72 / 25.4
SAFETY = 0.94  # kerning, hinting and rounding never push measured text over the edge


@cache
def _metrics(font_file: str) -> tuple[dict[int, str], dict[str, tuple[int, int]], int]:
    from fontTools.ttLib import TTFont

    font = TTFont(FONT_DIR / font_file, lazy=True)
    return font.getBestCmap(), dict(font["hmtx"].metrics), font["head"].unitsPerEm


def text_width_em(text: str, font_file: str = "LiberationSerif-Bold.ttf") -> float:
    """Width of the text in ems (i.e. in points at 1 pt)."""
    cmap, metrics, units = _metrics(font_file)
    missing = metrics.get(".notdef", (units // 2, 0))[0]
    total = 0
    for char in text:
        glyph = cmap.get(ord(char))
        total += metrics[glyph][0] if glyph in metrics else missing
    return total / units


def fit_font_size(
    text: str,
    *,
    box_width_mm: float,
    max_pt: float,
    min_pt: float,
    max_lines: int = 3,
    font_file: str = "LiberationSerif-Bold.ttf",
) -> tuple[float, int]:
    """The largest size ≤ max_pt on the fewest lines (one, then more) at which the text fits; never below min_pt
    unless even max_lines lines would not fit, in which case it keeps shrinking (readable beats cut)."""
    width_em = text_width_em(text, font_file) or 1
    box_pt = box_width_mm * PT_PER_MM * SAFETY
    for lines in range(1, max_lines + 1):
        # Word wrapping wastes space at line ends: allow for the longest word as slack on every extra line.
        slack = max((text_width_em(word, font_file) for word in text.split()), default=0) * (lines - 1)
        size = min(max_pt, lines * box_pt / (width_em + slack))
        if size >= min_pt:
            return math.floor(size * 10) / 10, lines
    return math.floor(max_lines * box_pt / (width_em + slack) * 10) / 10, max_lines
