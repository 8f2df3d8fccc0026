"""Fixtures of the pack tests: the sample's pack data and step pages written like the reports."""

from __future__ import annotations

import base64
import io
from functools import cache
from pathlib import Path

from kit.pack.collect import PackData, collect
from kit.pack.pages import ReportPage
from kit.report import ReportContext, new_figure, summary
from kit.report.context import open_report

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh"
STEPS = ("01_goals", "03_process", "04_kpis")


def chart_png() -> bytes:
    """Return a small chart as PNG bytes."""
    import matplotlib.pyplot as plt

    fig, ax = new_figure(xlabel="x", ylabel="y", title="chart", size=(6.4, 3.6))
    ax.bar(["a", "b"], [3, 1])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=72)
    plt.close(fig)
    return buffer.getvalue()


def write_page(ctx: ReportContext, folder: Path, step: str, next_steps: list[str]) -> ReportPage:
    """Write a report page the way kit run publishes one (logo, summary, a figure)."""
    png = base64.b64encode(chart_png()).decode("ascii")
    block = summary(ctx, found=["found"], means=["means"], next_steps=next_steps)
    html = (
        f'<html><body><img alt="Logo" class="kit-logo" src="data:image/png;base64,{png}">'
        f'{block.html}<div><img alt="Abbildung" src="data:image/png;base64,{png}"></div>'
        "</body></html>"
    )
    path = folder / f"{step}.html"
    path.write_text(html, encoding="utf-8")
    headline = {
        "title": step.split("_", 1)[1].capitalize(),
        "value_text": "DSO 43,9 Tage, Ziel 40",
        "takeaway": "18,9 % der Forderungen überfällig (335.286 €)",
        "status": "warn",
    }
    return ReportPage(step, f"Report {step}", headline, path)


@cache
def sample_pack_data(language: str | None = None) -> PackData:
    """Return the pack data of the sample engagement (German unless `language`), computed once."""
    return collect(open_report(SAMPLE, language=language))


def sample_pages(folder: Path) -> list[ReportPage]:
    """Write three report pages with long next steps (the fitting has work to do)."""
    long = (
        "Die 47 seit mehr als 90 Tagen überfälligen Rechnungen (151.656 €) einzeln prüfen: "
        "Zahlungsvereinbarung, Klärung oder Übergabe an das Inkasso (Schwelle der Strategie). "
    )
    ctx = sample_pack_data().ctx
    return [
        write_page(ctx, folder, step, [long * (i + 1), "Kurz.", long, "ein vierter"])
        for i, step in enumerate(STEPS)
    ]
