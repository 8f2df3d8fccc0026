"""Open every report of a run in headless Debian Chromium as a reader would (playwright).

Uses the `report_run` fixture (conftest.py): pointing it at the sample engagement's run makes
this test check the real reports.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from kit.run.engine import RunResult
from kit.run.pdf import CHROMIUM_FLAGS, find_chromium

pytestmark = pytest.mark.browser

A4_WIDTH_PX = 794  # 210 mm at 96 dpi
A4_CONTENT_PX = 688  # 210 mm less the 2 × 14 mm page margins of report.css, at 96 dpi

# Every table and every box that could scroll or cut its content, with how far it is cut.
CUT_ELEMENTS = """() => {
  const page = document.documentElement.clientWidth;
  const boxes = 'table, .kit-table-wrap, .jp-OutputArea-output, .jp-RenderedHTMLCommon, pre, '
    + '.kit-tiles, .kit-summary, .kit-cards, .kit-phases, img';
  const cut = [];
  for (const el of document.querySelectorAll(boxes)) {
    const hidden = el.scrollWidth - el.clientWidth;
    const right = el.getBoundingClientRect().right - page;
    if (hidden > 1 || right > 1) {
      const label = (el.querySelector('caption') || el).textContent.trim().slice(0, 60);
      const name = `${el.tagName.toLowerCase()}.${el.className}`;
      cut.push(`${name} cut by ${Math.max(hidden, right)} px: ${label}`);
    }
  }
  return cut;
}"""
HEADINGS = (
    "() => Array.from(document.querySelectorAll('h1, h2, h3, h4'))"
    ".filter(h => h.offsetParent !== null).map(h => h.textContent.replace(/\\s+/g, ' ').trim())"
)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium), args=list(CHROMIUM_FLAGS)
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder for screenshots: $KIT_SCREENSHOTS if set (to look at them), else a tmp folder."""
    wanted = os.environ.get("KIT_SCREENSHOTS")
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        return Path(wanted)
    return tmp_path_factory.mktemp("screenshots")


def _open(browser, page_file: Path, *, width: int, print_media: bool):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    if print_media:
        page.emulate_media(media="print")
    page.goto(page_file.as_uri(), wait_until="load")
    return context, page, errors, requests


def test_reports_render_offline_without_errors(browser, any_run: RunResult, shots: Path) -> None:  # type: ignore[no-untyped-def]
    pages = sorted(any_run.reports_dir.glob("*.html"))
    assert pages
    for page_file in pages:
        for width, print_media, tag in ((1280, False, "desktop"), (A4_WIDTH_PX, True, "a4")):
            context, page, errors, requests = _open(
                browser, page_file, width=width, print_media=print_media
            )
            try:
                assert errors == [], (page_file.name, errors)
                foreign = [u for u in requests if urlparse(u).scheme not in ("file", "data")]
                assert foreign == [], (page_file.name, foreign)
                broken = page.evaluate(
                    "Array.from(document.images)"
                    ".filter(i => !(i.complete && i.naturalWidth > 0)).length"
                )
                assert broken == 0, page_file.name
                # Nothing wider than the page (tables and figures fit at A4 width).
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                assert overflow <= 0, (page_file.name, tag, overflow)
                target = shots / f"{page_file.parent.parent.parent.name}-{page_file.stem}-{tag}.png"
                page.screenshot(path=str(target), full_page=True)
                assert target.stat().st_size > 10_000
            finally:
                context.close()


def test_every_index_link_resolves(browser, any_run: RunResult) -> None:  # type: ignore[no-untyped-def]
    index = any_run.reports_dir / "index.html"
    context, page, errors, _ = _open(browser, index, width=1280, print_media=False)
    try:
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        assert hrefs
        for href in hrefs:
            parsed = urlparse(href)
            assert parsed.scheme == "file", href
            assert Path(parsed.path).is_file(), href
        # Follow the first card and come back through the report's overview link.
        page.click(".kit-card h3 a")
        page.wait_for_load_state("load")
        assert page.url.endswith(".html") and not page.url.endswith("index.html")
        page.click(".kit-nav a")
        page.wait_for_load_state("load")
        assert page.url.endswith("index.html")
        assert errors == []
    finally:
        context.close()


def test_chromium_is_available_in_ci() -> None:
    """In CI (.ci/run installs Debian chromium) the browser tests must not be skipped."""
    if os.environ.get("CI") and shutil.which("chromium") is None and find_chromium() is None:
        pytest.fail("CI is set but chromium is missing: the browser tests would be skipped")


@pytest.mark.parametrize(("width", "media"), [(1280, "screen"), (A4_CONTENT_PX, "print")])
def test_no_table_or_box_is_cut(browser, client_run: RunResult, width: int, media: str) -> None:  # type: ignore[no-untyped-def]
    """Measured, not eyeballed: no table or container is wider than what shows it."""
    for page_file in sorted(client_run.reports_dir.glob("*.html")):
        context, page, _, _ = _open(browser, page_file, width=width, print_media=media == "print")
        try:
            assert page.evaluate(CUT_ELEMENTS) == [], (page_file.name, media)
        finally:
            context.close()


def _page_lines(pdf: bytes) -> list[list[str]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [
        [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        for text in (page.extract_text() or "" for page in reader.pages)
    ]


def _pages_ending_with_a_heading(browser, page_file: Path) -> list[tuple[int, list[str]]]:  # type: ignore[no-untyped-def]
    """Return (page number, last lines) of every printed A4 page that ends with a heading."""
    context, page, _, _ = _open(browser, page_file, width=A4_WIDTH_PX, print_media=True)
    try:
        headings = set(page.evaluate(HEADINGS))
        pages = _page_lines(page.pdf(format="A4", print_background=True))
    finally:
        context.close()
    assert headings and pages, page_file.name
    found = []
    for number, lines in enumerate(pages, start=1):
        # A page without text holds one figure; a heading alone is also a page ending with it.
        if lines and ({lines[-1], " ".join(lines[-2:])} & headings or set(lines) <= headings):
            found.append((number, lines[-2:]))
    return found


def test_printed_pages_never_end_with_a_heading(browser, client_run: RunResult) -> None:  # type: ignore[no-untyped-def]
    """In the A4 PDF every heading stands on the page of what follows it, never alone."""
    for page_file in sorted(client_run.reports_dir.glob("*.html")):
        assert _pages_ending_with_a_heading(browser, page_file) == [], page_file.name


def test_the_heading_check_sees_a_heading_at_the_foot_of_a_page(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The check can fail: without the report style a heading is left at the foot of page 1."""
    css = (Path(__file__).parents[2] / "templates" / "report" / "static" / "report.css").read_text()
    body = (
        '<div style="height: 250mm"></div><h2>Altersstruktur</h2>'
        '<p style="break-inside: avoid">' + "Text unter der Überschrift. " * 60 + "</p>"
    )
    for style, expected in (("", 1), (css, 0)):
        page_file = tmp_path / f"page-{expected}.html"
        page_file.write_text(f"<html><style>{style}</style><body>{body}</body></html>")
        assert len(_pages_ending_with_a_heading(browser, page_file)) == expected
