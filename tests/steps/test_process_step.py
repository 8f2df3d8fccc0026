"""Step 03 (process mapping) on the sample engagement: summary, tables, notes, figures, notebook."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import nbformat
import pytest
import yaml

import kit.steps.process.view as step
from kit.engagement import Engagement, load_engagement
from kit.process import analyse, load_maps
from kit.report import ReportContext
from kit.steps.process import figures as process_figures
from kit.steps.process import tables as process_tables
from kit.steps.process import text as process_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "acme-gmbh"
MAPS = SAMPLE / "process_maps"
AS_OF = date(2026, 6, 30)


@pytest.fixture(scope="module")
def engagement() -> Engagement:
    return load_engagement(SAMPLE)


@pytest.fixture(scope="module")
def views(engagement: Engagement) -> dict[str, tuple[ReportContext, step.ProcessView]]:
    out = {}
    for lang in ("de", "en"):
        ctx = ReportContext(engagement=engagement, language=lang, as_of=AS_OF)
        out[lang] = (ctx, step.load_process(ctx))
    return out


def _hours(minutes: Any, per_month: Any) -> float:
    if minutes in (None, "") or per_month in (None, ""):
        return 0.0
    return float(minutes) * float(per_month) / 60


def test_summary_numbers_equal_the_analysis(views: dict[str, Any]) -> None:
    ctx, view = views["de"]
    analysis = analyse(load_maps([MAPS]))
    # duplicate groups, avoidable = Σ − max:
    #   reminder: 32 (v3: 12 × 160 ÷ 60) + 28 (a5: 4 × 420 ÷ 60) + 19 (t1: 3 × 380 ÷ 60) − 32 = 47
    #   credit limit: 20 (a4) + 20 (v2) + 9 (t3) − 20 = 29; cash matching 21.67; dispute 17.33;
    #   dunning block 5; promise to pay 4.67; bank statement 1.83 -> 126.5 h
    assert analysis.duplicate_hours_per_month == pytest.approx(126.5)
    # rework loop r3 → r4 → r5 → r6 (p = 0.3): (20 + 15) × 0.3 ÷ 0.7 = 15 h
    assert analysis.rework_hours_per_month == pytest.approx(15.0)
    assert view.analysis.duplicate_hours_per_month == analysis.duplicate_hours_per_month
    text = process_text.process_summary(ctx, view).text
    dup = ctx.number(analysis.duplicate_hours_per_month, digits=0)
    assert f"{dup} Stunden pro Monat sind Doppelarbeit, verteilt auf 7 Gruppen" in text
    assert (
        f"{ctx.number(analysis.rework_hours_per_month, digits=0)} Stunden pro Monat Nacharbeit"
        in text
    )
    assert "126 Stunden pro Monat sind Doppelarbeit" in text
    assert "5 Prozesslandkarten mit 52 Aktivitäten" in text
    # (126.5 + 15) h ÷ 130 h per FTE = 1.09 FTE
    assert "zusammen 142 Stunden pro Monat – das entspricht 1,1 Vollzeitkräften" in text
    assert "bei 130 produktiven Stunden" in text
    # the bank case, labelled as context: 960 h ÷ 64 maps = 15 h; here 126.5 ÷ 5 = 25.3 h
    assert "Zur Einordnung (Praxisbeispiel, kein Vergleichsmaßstab)" in text
    assert "rund 15 Stunden Doppelarbeit je Karte. Hier sind es 25 Stunden je Karte." in text
    # next steps: the largest groups first, the missing to-be steps, no money
    lines = text.splitlines()
    bundle = [line for line in lines if "an einer Stelle bündeln" in line]
    assert len(bundle) == 3
    assert "„Kunden wegen Zahlungserinnerung anrufen“" in bundle[0] and "47 Stunden" in bundle[0]
    assert "„Kreditlimit prüfen“" in bundle[1] and "29 Stunden" in bundle[1]
    assert "„Ratenplan vereinbaren“" in text and "„Vorab-Zahlungserinnerung" in text
    assert "€" not in text
    en = process_text.process_summary(*views["en"]).text
    assert "126 hours per month are duplicate work, spread over 7 groups" in en
    assert "1.1 full-time staff" in en
    assert "„" not in en and "“Agree instalment plan”" in en


def test_maps_table_hours_equal_minutes_times_volume(views: dict[str, Any]) -> None:
    _, view = views["de"]
    frame = process_tables.maps_frame(view).set_index("map")
    expected: dict[str, float] = {}
    for file in sorted(MAPS.glob("*.yaml")):
        doc = yaml.safe_load(file.read_text(encoding="utf-8"))
        expected[doc["name"]] = sum(
            _hours(a.get("minutes"), a.get("per_month")) for a in doc["activities"]
        )
    with (MAPS / "zahlungseingang_activities.csv").open(encoding="utf-8") as fh:
        expected["zahlungseingang"] = sum(
            _hours(r["minutes"], r["per_month"]) for r in csv.DictReader(fh)
        )
    # BPMN: t1 3 × 380 + t2 8 × 55 + t3 6 × 90 + t4 10 × 30 + t5 5 × 22 + t6 2 × 650 = 3830 min
    expected["SSC Forderungsmanagement"] = 3830 / 60
    # Mahnlauf by hand: 180 + 80 + 360 + 1200 + 1680 + 900 + 540 + 360 + 225 + 350 + 600 = 6475
    assert expected["Mahnlauf Finanzbuchhaltung"] == pytest.approx(6475 / 60)
    assert set(frame.index) == set(expected)
    for name, hours in expected.items():
        assert frame.loc[name, "hours_per_month"] == pytest.approx(hours), name
    assert frame.loc["Reklamationsbearbeitung", "unknown"] == 1  # r6 waits without effort
    assert frame.loc["SSC Forderungsmanagement", "owner"] == "–"
    assert frame.loc["Mahnlauf Finanzbuchhaltung", "lanes"] == (
        "Debitorenbuchhaltung, Kreditmanagement"
    )


def test_duplicate_groups_read_as_plain_words(views: dict[str, Any]) -> None:
    ctx, view = views["de"]
    groups = process_tables.duplicates_frame(ctx, view)
    assert list(groups["group"]) == [1, 2, 3, 4, 5, 6, 7]
    assert list(groups["places"]) == [3, 3, 2, 3, 2, 2, 2]
    assert groups["avoidable_hours_per_month"].sum() == pytest.approx(126.5)
    assert groups.loc[0, "avoidable_hours_per_month"] == pytest.approx(47.0)
    # e-mail reminder and a call about the reminder: related, not identical concepts
    assert groups.loc[0, "reason"] == (
        "Ähnliche Tätigkeit am gleichen Geschäftsobjekt in 3 Prozesslandkarten und 3 Rollen."
    )
    # "Reklamation in SAP erfassen", "… im CRM erfassen", "Log customer dispute": same concepts
    assert groups.loc[3, "reason"] == (
        "Gleiche Tätigkeit am gleichen Geschäftsobjekt, nur anders benannt, "
        "in 3 Prozesslandkarten und 3 Rollen."
    )
    assert groups.loc[4, "reason"] == "Identische Tätigkeit in 2 Prozesslandkarten und 2 Rollen."
    assert "Mahnsperre setzen" == groups.loc[4, "work"]
    en_ctx, en_view = views["en"]
    assert not any(
        re.search(r"[a-z]_[a-z]", r)
        for r in process_tables.duplicates_frame(en_ctx, en_view)["reason"]
    )
    members = process_tables.members_frame(view)
    assert len(members) == 17
    first = members[members["group"] == 1]
    assert set(first["map"]) == {
        "Forderungsmanagement Vertrieb",
        "Mahnlauf Finanzbuchhaltung",
        "SSC Forderungsmanagement",
    }
    assert set(first["system"]) == {"Telefon", "SAP FI", "Mahnwerkzeug"}


def test_rework_waits_and_import_note(views: dict[str, Any]) -> None:
    ctx, view = views["de"]
    rework = process_tables.rework_table(ctx, view).html
    assert "Auf Unterlagen warten → Unterlagen prüfen" in rework
    assert "30\u00a0%" in rework and "15,0" in rework
    waits = process_tables.waits_table(ctx, view).html
    # a12 has 0 minutes (known: 0,0 h), r6 has no effort at all (–)
    assert re.search(r"Auf Zahlungseingang warten.*?0,0</td>", waits)
    assert re.search(r"Auf Unterlagen warten</td><td[^>]*>Kundenservice</td><td[^>]*>–</td>", waits)
    handoffs = process_tables.handoffs_table(ctx, view).html
    assert "62\u00a0%" in handoffs  # Vertrieb: 5 of 8 flows cross roles
    notes = step.import_notes(ctx, view)
    assert notes is not None
    no_odds = "„SSC Forderungsmanagement“ (BPMN) enthält keine Verzweigungswahrscheinlichkeiten"
    assert no_odds in notes.text
    assert "BPMN has no" not in notes.text


def test_headline_and_tiles(views: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(step, "headline", lambda ctx, **kw: seen.append(kw))
    ctx, view = views["de"]
    step.process_headline(ctx, view)
    assert seen[0]["value_text"] == "126 h/Monat Doppelarbeit"
    assert seen[0]["status"] == "bad"  # 1.09 FTE ≥ 0.5
    assert "7 Gruppen in 5 Prozesslandkarten" in seen[0]["takeaway"]
    tiles = step.process_tiles(ctx, view).text
    assert "Doppelarbeit: 126\u00a0h/Monat" in tiles
    assert "Gebundene Kapazität: 1,1\u00a0VZK" in tiles
    # as-is task hours minus to-be hours of the reference map
    saved = view.comparison.as_is_hours_per_month - view.comparison.to_be_hours_per_month
    assert f"Einsparung Soll-Prozess: {ctx.number(saved, digits=0)}\u00a0h/Monat" in tiles


#: The tables of the step, each by the name `kit.steps.process.tables` gives it before `_table`.
TABLES = ("maps", "duplicates", "members", "rework", "handoffs", "waits", "comparison", "avoided")


def test_every_block_in_both_languages(
    views: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(step, "headline", lambda ctx, **kw: None)
    tables = [getattr(process_tables, f"{name}_table") for name in TABLES]
    builders = [process_text.process_summary, step.process_tiles, step.import_notes, *tables]
    for lang, (ctx, view) in views.items():
        blocks = [build(ctx, view) for build in [*builders, process_tables.process_glossary]]
        html = "".join(b.html for b in blocks if b is not None)
        assert "steps.process." not in html, lang
        assert "{" not in html, lang  # no placeholder left unfilled
    glossary = process_tables.process_glossary(*views["de"]).html
    assert "vermeidbar = Σ Stunden der Gruppe − größte Stunden der Gruppe" in glossary
    assert "× p ÷ (1 − p)" in glossary and "Minuten × Ausführungen pro Monat ÷ 60" in glossary
    assert (
        "Keine Doppelarbeit" in glossary
        and "mahnlauf buchhaltung" in glossary
        and ".yaml" not in glossary
    )


def test_one_swimlane_per_map(views: dict[str, Any]) -> None:
    ctx, view = views["en"]
    figures = process_figures.swimlane_figures(ctx, view)
    try:
        titles = [f.axes[0].texts[0].get_text() for f in figures]  # name at the top left
        assert titles == [m.name for m in view.maps]
    finally:
        for fig in figures:
            plt.close(fig)


def test_without_maps_the_report_says_how_to_record_them(engagement: Engagement) -> None:
    bare = engagement.model_copy(update={"process_maps": Path("no_such_folder")})
    ctx = ReportContext(engagement=bare, language="de", as_of=AS_OF)
    view = step.load_process(ctx)
    assert view.missing == ("maps",) and view.maps == ()
    text = process_text.process_summary(ctx, view).html
    assert "noch keine Prozesslandkarten" in text and "Anleitung" in text
    assert "process_maps" not in text  # no path in a client report
    assert step.process_tiles(ctx, view) is None
    assert process_tables.duplicates_table(ctx, view) is None


def test_notebook_shows_one_figure_per_map_plus_overview(tmp_path: Path) -> None:
    papermill = pytest.importorskip("papermill")
    out = tmp_path / "03.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "03_process.ipynb"),
        str(out),
        parameters={"language": "en"},
        kernel_name="python3",
        cwd=str(ROOT),
        progress_bar=False,
    )
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == len(load_maps([MAPS])) + 1  # 5 swimlanes + the overview
    assert not [o for o in outputs if o["output_type"] in ("stream", "error")]
