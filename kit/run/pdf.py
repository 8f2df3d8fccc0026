"""PDF copies of the reports, printed by headless Chromium (Debian's `chromium` package)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from kit.errors import ReportError
from kit.message import msg

__all__ = ["CHROMIUM_FLAGS", "combined_html", "find_chromium", "html_to_pdf"]

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
)
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)


def find_chromium() -> Path | None:
    """Return the Chromium executable (/usr/bin/chromium or `chromium` on PATH), or None."""
    for candidate in (
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def html_to_pdf(html: Path, pdf: Path, *, timeout: float = 120.0) -> Path:
    """Print one HTML file to an A4 PDF with headless Chromium; return the PDF path."""
    chromium = find_chromium()
    if chromium is None:
        raise ReportError(
            "Chromium is not installed, so no PDF can be printed",
            hint="install it (Debian/Ubuntu: apt-get install chromium) or run without --pdf",
        )
    with tempfile.TemporaryDirectory(prefix="kit-chromium-") as profile:
        command = [
            str(chromium),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(  # noqa: S603 - fixed executable, no shell
                command, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise ReportError(
                msg("Chromium did not finish printing within {timeout} s", timeout=timeout),
                path=html,
            ) from None
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReportError(
            msg(
                "Chromium could not print the report (exit {returncode})",
                returncode=done.returncode,
            ),
            path=html,
            value=detail[-1] if detail else None,
        )
    return pdf


def combined_html(pages: list[Path], target: Path) -> Path:
    """Write one HTML file holding the bodies of `pages` (each on a new page); return its path."""
    first = pages[0].read_text(encoding="utf-8")
    head = first[: first.index("<body")]
    parts = []
    for page in pages:
        match = _BODY.search(page.read_text(encoding="utf-8"))
        if match is None:
            raise ReportError("report has no <body>", path=page)
        parts.append(f'<div class="kit-combined-report">{match.group(1)}</div>')
    target.write_text(
        head + '<body class="kit-page kit-combined">' + "".join(parts) + "</body></html>\n", "utf-8"
    )
    return target
