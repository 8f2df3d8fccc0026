"""Label text for drawings: widths measured at the label font, wrapping and German hyphenation."""

from __future__ import annotations

import re
from typing import Any, cast

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

__all__ = ["FONT_PT", "LINE_IN", "MAX_LINES", "text_width", "wrap"]

FONT_PT, LINE_IN = 9.0, 12.2 / 72  # label size (pt) and line pitch (in)
MAX_LINES = 4
_VOWELS = set("aeiouyäöüAEIOUYÄÖÜ")
_DIGRAPHS = {"ch", "ck", "sc", "ph", "th"}
# Heads after which German compounds break well: "Zahlungs|eingang", "Debitoren|buchhaltung".
_JOINTS = ("ungs", "ions", "heits", "keits", "täts", "ings", "ebs", "kredit", "kunden", "debitoren")
_MEASURE: Any = cast(Any, RendererAgg)(1, 1, 72)  # 72 dpi: widths come back in points


def text_width(text: str, *, bold: bool = False) -> float:
    """Return the rendered width of one line at the label size, in inches."""
    prop = FontProperties(size=FONT_PT, weight="bold" if bold else "normal")
    return float(_MEASURE.get_text_width_height_descent(text, prop, ismath=False)[0]) / 72


def _split_word(word: str, width: float, bold: bool) -> tuple[str, str]:
    """Return (head ending in a hyphen, rest): a syllable-like break that fits `width`."""
    fits = [k for k in range(3, len(word) - 3) if text_width(word[:k] + "-", bold=bold) <= width]
    if not fits:
        return word[:1], word[1:]
    low = word.lower()
    joints = [  # compound joints: "Zahlungs|eingang", "Inkasso|übergabe"
        k for k in fits if low[:k].endswith(_JOINTS) or (low[k - 1] in "aeiou" and low[k] in "äöü")
    ]
    syllables = [
        k
        for k in fits
        if low[k] not in _VOWELS and low[k + 1] in _VOWELS and low[k - 1 : k + 1] not in _DIGRAPHS
    ]
    k = max(joints or syllables or fits)
    return word[:k] + "-", word[k:]


def wrap(text: str, width: float, *, bold: bool = False, max_lines: int = MAX_LINES) -> list[str]:
    """Return `text` wrapped into lines that fit `width` inches; long words are hyphenated."""
    tokens = re.findall(r"\S+?-(?=\w)|\S+\s*", text.strip())
    lines: list[str] = []
    line = ""
    for raw in tokens:
        token = raw.rstrip()
        glue = "" if line.endswith("-") or not line else " "
        if text_width(line + glue + token, bold=bold) <= width:
            line += glue + token
            continue
        if line:
            lines.append(line)
            line = ""
        while text_width(token, bold=bold) > width:
            head, token = _split_word(token, width, bold)
            lines.append(head)
        line = token
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", bold=bold) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip(" -") + "…"]
    return lines or [""]
