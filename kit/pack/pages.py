"""What a step's published report says, read back for the deck: next steps and the main chart.

The deck repeats the reports, it does not recompute them: each step's next steps are the items
of the "what to do next" column of its executive summary (`kit.report.blocks.summary`) and its
main chart is the first figure of the report (the business-case figure of 01 has its own slide).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

__all__ = ["ReportPage", "StepPage", "read_page"]

_NEXT = re.compile(
    r'<div class="kit-summary-col kit-summary-next"><h3>.*?</h3><ul>(.*?)</ul></div>', re.S
)
_ITEM = re.compile(r"<li>(.*?)</li>", re.S)
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.S)
_PNG = re.compile(r'src="data:image/png;base64,([^"]+)"')
_SKIP = ("kit-logo",)  # the page header's logo
_OWN_SLIDE = "kit-business-case-figure"  # the business case has its own slide
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class ReportPage:
    """A published report of the run: step id (e.g. 04_kpis), title, card headline, HTML file."""

    step: str
    title: str
    headline: Mapping[str, Any] | None
    html: Path


@dataclass(frozen=True)
class StepPage:
    """What the deck shows of one step: title, headline, next steps, main chart (PNG bytes)."""

    step: str
    title: str
    headline: Mapping[str, Any] | None
    next_steps: tuple[str, ...]
    chart: bytes | None

    @property
    def says_something(self) -> bool:
        """Return True when the step has a headline or next steps to show."""
        return bool(self.headline) or bool(self.next_steps)


def _text(fragment: str) -> str:
    return " ".join(unescape(_TAG.sub("", fragment)).split())


def read_page(page: ReportPage, *, limit: int = 3) -> StepPage:
    """Return the step's first `limit` next steps and its first figure (None when it has none)."""
    html = page.html.read_text(encoding="utf-8") if page.html.is_file() else ""
    steps: list[str] = []
    found = _NEXT.search(html)
    if found:
        steps = [t for t in (_text(i) for i in _ITEM.findall(found.group(1))) if t][:limit]
    chart = None
    for match in _IMG_TAG.finditer(html):
        tag = match.group(0)
        png = _PNG.search(tag)
        before = html[max(match.start() - 200, 0) : match.start()]
        if png is None or any(s in tag for s in _SKIP) or _OWN_SLIDE in before:
            continue
        try:
            chart = base64.b64decode(png.group(1), validate=True)
        except (binascii.Error, ValueError):
            continue
        break
    return StepPage(page.step, page.title, page.headline, tuple(steps), chart)
