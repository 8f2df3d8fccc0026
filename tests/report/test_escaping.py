"""Client-provided strings with markup reach the reports as text, never as HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

from kit.run.engine import run_engagement
from tests.report.conftest import SAMPLE

EVIL = "<script>alert(1)</script> & Co"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"


def test_markup_in_client_stakeholder_and_activity_names_is_escaped(
    tmp_path: Path, agg_backend: None
) -> None:
    engagement = tmp_path / "acme"
    shutil.copytree(SAMPLE, engagement, ignore=shutil.ignore_patterns("output"))
    config = engagement / "engagement.yaml"
    config.write_text(
        config.read_text("utf-8").replace("client: Acme GmbH", f'client: "Acme {EVIL}"'), "utf-8"
    )
    register = engagement / "stakeholders.csv"
    register.write_text(
        register.read_text("utf-8").replace("Dr. Claudia Neumann", f'"Claudia {EVIL}"'), "utf-8"
    )
    dunning = engagement / "process_maps" / "mahnlauf_buchhaltung.yaml"
    text = dunning.read_text("utf-8")
    assert "name: Offene Posten prüfen," in text
    dunning.write_text(
        text.replace("name: Offene Posten prüfen,", f'name: "Offene Posten {EVIL}",'), "utf-8"
    )

    run = run_engagement(engagement, only=["02", "03"], progress=False)
    for page in ("index.html", "02_stakeholders.html", "03_process.html"):
        html = (run.reports_dir / page).read_text("utf-8")
        assert "<script>alert(1)</script>" not in html, page
        assert "<script" not in html, page
        assert ESCAPED in html, page
