"""File names of the pack: client, kind in the engagement's language, as-of date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kit.engagement import load_engagement
from kit.pack import client_slug, pack_names
from kit.report import ReportContext

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh"


def test_client_slug() -> None:
    assert client_slug("Acme GmbH") == "acme-gmbh"
    assert client_slug("Müller & Söhne <Handel> GmbH") == "mueller-soehne-handel-gmbh"
    assert client_slug("../..") == "client"


def test_names_follow_the_language() -> None:
    engagement = load_engagement(SAMPLE)
    de = ReportContext(engagement=engagement, language="de", as_of=date(2026, 6, 30))
    en = ReportContext(engagement=engagement, language="en", as_of=date(2026, 6, 30))
    assert pack_names(de) == {
        "workbook": "acme-gmbh-kennzahlen-2026-06-30.xlsx",
        "deck": "acme-gmbh-lenkungskreis-2026-06-30.pptx",
    }
    assert pack_names(en) == {
        "workbook": "acme-gmbh-kpis-2026-06-30.xlsx",
        "deck": "acme-gmbh-steering-committee-2026-06-30.pptx",
    }
