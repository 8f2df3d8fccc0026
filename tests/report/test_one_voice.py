"""The same fact the same way: every report of both samples in one language and one format.

The German sample (Acme GmbH) and the English sample (IBM ledger) are run once each; every report
is read as text and as tables. Each check names the report and the offending text.
"""

from __future__ import annotations

import html
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kit.run.engine import RunResult
from tests.report.conftest import STEPS

# English month names and abbreviations that German never writes (April, August, September,
# November and the abbreviations Jan, Feb, Apr, Aug, Nov are the same in both languages).
ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|June|July|October|December|May|Mar|Jun|Jul|Oct|Dec)\b"
)
GERMAN_MONTHS = re.compile(r"\b(Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember|Okt|Dez)\b")
ISO_MONTH = re.compile(r"(?<![\d-])20\d\d-\d\d(?![\d-])")  # 2025-07, not the date 2025-07-31
NUMERIC_MONTH = re.compile(r"(?<![\d./])\d{1,2}/\d{2}(?![\d./])")  # 12/25
HYPHEN_RANGE = re.compile(r"(?<![\w.,-])\d{1,3}-\d{1,3}(?![\w-])")  # 1-30 (a range needs –)
SIGN_THRESHOLD = re.compile(r"[<>]\s?\d")  # >180 (thresholds are written in words)
DOUBLED_UNIT = re.compile(r"(%|€|\$)\s+\1(?!\s*[^\W\d_])")  # "32,3 % %", not "% current"
DECIMALS = {
    # days and percentages carry one decimal (or none, for counts of days and rounded shares)
    "de": re.compile(r"\d+,\d{2,}\s?(Tage|Tagen|%)"),
    "en": re.compile(r"\d+\.\d{2,}\s?(days|%)"),
}
GERMAN_WORDS = re.compile(
    r"\b(Tage|Tagen|Stichtag|Gruppen?|über|nicht fällig|Betrag|Kunden?|Rechnungen|und|Ziel"
    r"|Tsd\.|Einheit|Anzahl|Stunden)\b"
)
ENGLISH_ACTIVITIES = re.compile(
    r"\b(Collector|Cash application|Send payment reminder|Import bank statement"
    r"|Match incoming payments|Log customer dispute|Worklist done|Daily worklist)\b"
)
UNITS = {"%", "€", "$", "US$", "h", "Tage", "days", "Stunden", "hours"}  # a unit alone in a cell
GERMAN_DECIMAL = re.compile(r"\d,\d{1,2}(?!\d)")  # 38,0 in an English report


class _Tables(HTMLParser):
    """Collect the text of every table cell, row by row, with the header row of its table."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _text(page: Path) -> str:
    """Return what a reader sees of a report: text without styles, images and the footer."""
    raw = page.read_text(encoding="utf-8")
    raw = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", raw, flags=re.S)
    raw = re.sub(r'<span class="kit-run-footer">[^<]*</span>', " ", raw)
    raw = re.sub(r"<[^>]+>", " ", raw)
    return " ".join(html.unescape(raw).split())


def _tables(page: Path) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.tables


def _hits(pattern: re.Pattern[str], text: str) -> list[str]:
    return [text[max(m.start() - 30, 0) : m.end() + 30] for m in pattern.finditer(text)]


def _common_checks(run: RunResult, language: str) -> list[tuple[str, str, list[str]]]:
    found: list[tuple[str, str, list[str]]] = []
    for step in STEPS:
        page = run.reports_dir / f"{step}.html"
        text = _text(page)
        checks = {
            "ISO month": ISO_MONTH,
            "numeric month": NUMERIC_MONTH,
            "hyphen range": HYPHEN_RANGE,
            "threshold sign": SIGN_THRESHOLD,
            "doubled unit": DOUBLED_UNIT,
            "decimals": DECIMALS[language],
        }
        for name, pattern in checks.items():
            if hits := _hits(pattern, text):
                found.append((step, name, hits))
        for table in _tables(page):
            for row in table:
                doubled = [
                    f"{a} | {b}" for a, b in itertools.pairwise(row) if b in UNITS and a.endswith(b)
                ]
                if doubled:
                    found.append((step, "unit cell repeats the value's unit", doubled))
    return found


def test_german_sample_reports_speak_one_german(sample_run: RunResult) -> None:
    found = _common_checks(sample_run, "de")
    for step in STEPS:
        text = _text(sample_run.reports_dir / f"{step}.html")
        for name, pattern in (
            ("English month", ENGLISH_MONTHS),
            ("English activity", ENGLISH_ACTIVITIES),
            ("singular count in plural", re.compile(r"\b1 (Gruppen|Prozesslandkarten)\b")),
            ("thousands unit", re.compile(r"Tsd\.\s?EUR")),
        ):
            if hits := _hits(pattern, text):
                found.append((step, name, hits))
        for table in _tables(sample_run.reports_dir / f"{step}.html"):
            header = table[0] if table else []
            if "Einheit" in header:
                column = header.index("Einheit")
                if any(len(r) > column and r[column] == "Betrag" for r in table[1:]):
                    found.append((step, "unit column says Betrag", header))
    assert not found, "\n".join(f"{s}: {n}: {h}" for s, n, h in found)


def test_german_sample_months_are_written_one_way(sample_run: RunResult) -> None:
    kpis = _text(sample_run.reports_dir / "04_kpis.html")
    # Verlauf über zwölf Monate: the first month of the trend in the one month format
    assert re.search(r"im Juli 2025\b", kpis), "month in the one German month format"
    assert "2025-07" not in kpis and "07/25" not in kpis


def test_german_sample_units_follow_their_values(sample_run: RunResult) -> None:
    goals = _text(sample_run.reports_dir / "01_goals.html")
    # SMART check of the 45-day goal: target 95 % against the baseline 76.03 %, one decimal each
    assert "Der Zielwert 95,0 % liegt in der gewünschten Richtung vom Ausgangswert 76,0 %" in goals
    kpis = _text(sample_run.reports_dir / "04_kpis.html")
    assert "Mahnerfolgsquote 32,3 % " in kpis and "32,3 % %" not in kpis
    aftercare = _text(sample_run.reports_dir / "07_aftercare.html")
    assert "1–30 Tage" in aftercare and "über 180 Tage" in aftercare


def test_index_cards_do_not_repeat_the_report_title(sample_run: RunResult) -> None:
    index = (sample_run.reports_dir / "index.html").read_text(encoding="utf-8")
    cards = re.findall(
        r'<h3><a href="[^"]+">([^<]+)</a></h3>\s*<div class="kit-card-headline[^"]*">'
        r'(?:<span class="kit-card-headline-label">([^<]*)</span>)?',
        index,
    )
    assert len(cards) == len(STEPS)
    for title, label in cards:
        assert not label or label[:5].casefold() not in title.casefold(), (title, label)


def test_footer_time_is_local_and_in_the_report_language(sample_run: RunResult) -> None:
    html_text = (sample_run.reports_dir / "04_kpis.html").read_text(encoding="utf-8")
    footer = re.search(r'<span class="kit-run-footer">([^<]*)</span>', html_text)
    assert footer is not None
    text = html.unescape(footer.group(1))
    assert re.search(r"vom \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} \S+", text), text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), text


@pytest.mark.parametrize("step", STEPS)
def test_english_sample_reports_speak_one_english(english_sample_run: RunResult, step: str) -> None:
    found = [f for f in _common_checks(english_sample_run, "en") if f[0] == step]
    text = _text(english_sample_run.reports_dir / f"{step}.html")
    for name, pattern in (
        ("German word", GERMAN_WORDS),
        ("German month", GERMAN_MONTHS),
        ("German decimal comma", GERMAN_DECIMAL),
    ):
        if hits := _hits(pattern, text):
            found.append((step, name, hits))
    assert not found, "\n".join(f"{s}: {n}: {h}" for s, n, h in found)
