"""Text that fits its box: line breaking and heights measured with the deck's font metrics.

The deck is set in DejaVu Sans (shipped with matplotlib, and installed by Debian's
fonts-dejavu-core), so the widths measured here with Pillow's FreeType metrics are the widths
LibreOffice draws. A paragraph is broken into lines at spaces (a word longer than the line is
broken by characters); a box holds its paragraphs when their lines × line height fit its inner
height and no line is wider than its inner width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = [
    "EMU_PER_POINT",
    "FONT_NAME",
    "LINE_SPACING",
    "Fitted",
    "fit_text",
    "font_path",
    "text_height",
    "text_width",
    "wrap",
]

FONT_NAME = "DejaVu Sans"
EMU_PER_POINT = 12_700
LINE_SPACING = 1.2  # line height as a multiple of the font size (the deck sets it explicitly)
_MEASURE_PT = 100  # measure at 100 pt and scale: FreeType rounds small sizes to whole pixels


@cache
def font_path(*, bold: bool = False) -> str:
    """Return the path of DejaVu Sans (bold) as matplotlib ships it."""
    from matplotlib import font_manager

    properties = font_manager.FontProperties(family=FONT_NAME, weight="bold" if bold else "normal")
    return str(font_manager.findfont(properties, fallback_to_default=False))


@cache
def _font(bold: bool) -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(font_path(bold=bold), _MEASURE_PT)


def text_width(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Return the advance width of `text` in points at `size_pt`."""
    return float(_font(bold).getlength(text)) * size_pt / _MEASURE_PT


def _break_word(word: str, width: float, size_pt: float, bold: bool) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and text_width(current + char, size_pt, bold=bold) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return [*pieces, current] if current else pieces


def wrap(text: str, width_pt: float, size_pt: float, *, bold: bool = False) -> list[str]:
    """Return the lines of one paragraph broken to `width_pt` at `size_pt`."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size_pt, bold=bold) <= width_pt:
            current = candidate
            continue
        if current:
            lines.append(current)
        if text_width(word, size_pt, bold=bold) <= width_pt:
            current = word
        else:
            *full, current = _break_word(word, width_pt, size_pt, bold)
            lines.extend(full)
    if current or not lines:
        lines.append(current)
    return lines


def text_height(
    paragraphs: Sequence[str],
    width_pt: float,
    size_pt: float,
    *,
    bold: bool = False,
    space_after_pt: float = 0.0,
) -> float:
    """Return the height in points the paragraphs take at `size_pt` in a box `width_pt` wide."""
    lines = sum(len(wrap(p, width_pt, size_pt, bold=bold)) for p in paragraphs)
    return lines * size_pt * LINE_SPACING + space_after_pt * max(len(paragraphs) - 1, 0)


@dataclass(frozen=True)
class Fitted:
    """Paragraphs and the font size at which they fit a box.

    Paragraphs are shortened where even the smallest size would not fit.
    """

    paragraphs: tuple[str, ...]
    size_pt: float


def _shorten(text: str, keep: int) -> str:
    words = text.split()
    return " ".join(words[:keep]) + " …" if keep < len(words) else text


def fit_text(
    paragraphs: Sequence[str],
    *,
    width_pt: float,
    height_pt: float,
    max_pt: float,
    min_pt: float,
    bold: bool = False,
    space_after_pt: float = 0.0,
) -> Fitted:
    """Return the largest font size (pt) at which the paragraphs fit `width_pt` × `height_pt`.

    Sizes go from `max_pt` down to `min_pt` in 0.5 pt steps; at `min_pt` the longest paragraph
    loses words (ending in "…") until they fit.
    """
    items = [p for p in paragraphs if p.strip()]
    size = max_pt
    while size >= min_pt:
        used = text_height(items, width_pt, size, bold=bold, space_after_pt=space_after_pt)
        if used <= height_pt:
            return Fitted(tuple(items), size)
        size -= 0.5
    size = min_pt
    while items:
        used = text_height(items, width_pt, size, bold=bold, space_after_pt=space_after_pt)
        if used <= height_pt:
            break
        longest = max(range(len(items)), key=lambda i: len(items[i].split()))
        words = len(items[longest].split())
        if words <= 1:
            items.pop(longest)
        else:
            items[longest] = _shorten(items[longest].removesuffix(" …"), words - 2)
    return Fitted(tuple(items), size)
