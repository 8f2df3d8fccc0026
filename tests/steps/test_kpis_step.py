"""Step 04 (baseline KPIs) on the sample engagement: tiles, references, summary, aging, texts."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from html import escape

import matplotlib
import matplotlib.pyplot as plt
import pytest

from kit.ingest import data_quality, load_ledger
from kit.kpis import REGISTRY, compute_kpis, dunning_funnel, kpi_series, top_overdue
from kit.kpis import kpis_by as kpis_by_group
from kit.report.context import ReportContext
from kit.steps import wording as kpis_wording
from kit.steps.kpis import figures as kpis_figures
from kit.steps.kpis import quality as kpis_quality
from kit.steps.kpis import tables as kpis_tables
from kit.steps.kpis import text as kpis_text
from kit.steps.kpis import view as step
from kit.steps.kpis.view import KpisView

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def de(ctx_de: ReportContext) -> ReportContext:
    return ctx_de


@pytest.fixture(scope="module")
def en(ctx_en: ReportContext) -> ReportContext:
    return ctx_en


@pytest.fixture(scope="module")
def view(de: ReportContext) -> KpisView:
    return step.load_kpis(de)


@pytest.fixture(scope="module")
def engine(de: ReportContext) -> dict[str, float | None]:
    """The KPIs computed directly with the engine, independently of the step module."""
    ledger = load_ledger(de.engagement)
    return compute_kpis(ledger, as_of=de.as_of, period_days=90, goal_days=45).values


def test_tiles_carry_the_engine_values(de: ReportContext, view: KpisView, engine: dict) -> None:
    tiles = {t.label: t for t in step.headline_tiles(de, view)}
    assert list(tiles) == [
        "DSO (Forderungslaufzeit)",
        "Bestmögliche DSO (BPDSO)",
        "Durchschnittliche Verzugstage (ADD)",
        "Inkasso-Effektivitätsindex (CEI)",
        "Anteil nicht fälliger Forderungen",
        "Einzugsquote",
        "Anteil innerhalb von 45 Tagen bezahlt",
    ]
    for tile, kpi in zip(tiles.values(), step.HEADLINE_KPIS, strict=True):
        assert tile.value == pytest.approx(engine[kpi]), kpi
    # the sample's DSO sits between 40 and 50 days (ledger built to ~44 days at 30.06.2026)
    assert 40 < tiles["DSO (Forderungslaufzeit)"].value < 50


def test_references_are_the_crf_medians_with_their_source(
    de: ReportContext, en: ReportContext, view: KpisView
) -> None:
    crf = {"dso": 38.04, "bpdso": 32.02, "add": 3.00, "cei": 86.52, "pct_current": 90.56}
    for ctx, label in ((de, "CRF-Median Q1/2021"), (en, "CRF median Q1 2021")):
        tiles = dict(zip(step.HEADLINE_KPIS, step.headline_tiles(ctx, view), strict=True))
        for kpi, median in crf.items():
            assert tiles[kpi].reference == median
            assert tiles[kpi].source == label
        rate = tiles["collection_rate"]
        assert rate.reference is None
        # a B2B engagement (the default) gets no MRR benchmark, but the rate above 100 % is
        # explained in a sentence (sample: 109.6 % at 30.06.2026)
        assert rate.note is not None and "receeve" not in rate.note and "100" in rate.note
        assert rate.status == "neutral"
        subscription = replace(
            ctx, engagement=ctx.engagement.model_copy(update={"business": "subscription"})
        )
        rate = step.headline_tiles(subscription, view)[step.HEADLINE_KPIS.index("collection_rate")]
        assert rate.note is not None and rate.note.startswith("receeve:") and "60–70" in rate.note
        sub_tiles = step.headline_tiles(subscription, view)
        assert all(tile.source != label for tile in sub_tiles)  # no CRF medians for subscriptions
        # paid within 45 days has no CRF median: the engagement goal (95, 31.12.2026) is shown
        assert tiles["paid_within_45_rate"].reference == 95
        assert tiles["paid_within_45_rate"].source != label


def test_status_follows_the_direction() -> None:
    # DSO (lower is better), CRF 38.04; warn band 10 % = 3.804 days
    assert kpis_wording.kpi_status("dso", 38.0, 38.04) == "good"
    assert kpis_wording.kpi_status("dso", 41.8, 38.04) == "warn"  # 3.76 ≤ 3.804
    assert kpis_wording.kpi_status("dso", 43.9, 38.04) == "bad"  # 5.86 > 3.804
    # CEI (higher is better), CRF 86.52; warn band 8.652 points
    assert kpis_wording.kpi_status("cei", 92.1, 86.52) == "good"
    assert kpis_wording.kpi_status("cei", 80.0, 86.52) == "warn"  # 6.52 ≤ 8.652
    assert kpis_wording.kpi_status("cei", 70.0, 86.52) == "bad"
    assert kpis_wording.kpi_status("cei", None, 86.52) == "neutral"
    assert kpis_wording.kpi_status("cei", 70.0, None) == "neutral"


def test_summary_numbers_match_the_engine(de: ReportContext, view: KpisView, engine: dict) -> None:
    found, means, steps = kpis_text.summary_lines(de, view)
    text = " ".join(found + means + steps)
    dso, ar_overdue = engine["dso"], engine["ar_overdue"]
    assert de.days(dso) in found[0]  # "43,9 Tage"
    assert de.days(dso - 38.04) in found[0] and "über dem CRF-Median" in found[0]
    assert de.days(engine["bpdso"]) in found[0] and de.days(engine["add"]) in found[0]
    assert de.percent(100 - engine["pct_current"]) in found[1]
    assert de.money(ar_overdue, digits=0) in found[1]
    aging = view.result.aging
    old = aging.loc["91-180", "amount"] + aging.loc[">180", "amount"]
    assert de.money(old, digits=0) in found[1]
    # cash tied up = ADD × credit sales per day = (AR − current) ÷ sales × P × sales ÷ P = overdue
    per_day = engine["credit_sales"] / 90
    assert engine["add"] * per_day == pytest.approx(ar_overdue)
    assert de.money(engine["add"] * per_day, digits=0) in means[0]
    # segments computed independently: highest DSO and highest ADD are named
    ledger = load_ledger(de.engagement)
    seg = kpis_by_group(ledger, "segment", as_of=de.as_of, period_days=90, goal_days=45)
    assert f"Segment {seg['dso'].idxmax()}" in found[2]
    assert f"Segment {seg['add'].idxmax()}" in text
    # goal of the engagement: DSO 40 by 31.12.2026
    assert "DSO 40,0\u00a0Tage bis 31.12.2026" in text
    assert de.money((dso - 40) * per_day, digits=0) in text
    assert view.top.iloc[0]["name"] in text


def test_aging_table_sums_to_total_receivables(
    de: ReportContext, view: KpisView, engine: dict
) -> None:
    rows = kpis_tables.aging_rows(de, view)
    buckets, total = rows.iloc[:-1], rows.iloc[-1]
    assert list(buckets["bucket"]) == [
        "nicht fällig",
        "1–30",
        "31–60",
        "61–90",
        "91–180",
        "über 180",
    ]
    assert buckets["amount"].sum() == pytest.approx(engine["ar_total"], abs=0.005)
    assert total["amount"] == pytest.approx(engine["ar_total"], abs=0.005)
    assert buckets["share"].sum() == pytest.approx(100.0)
    assert total["count"] == buckets["count"].sum()
    assert buckets["amount"].iloc[0] == pytest.approx(engine["ar_current"])


def test_every_block_renders_in_both_languages(
    de: ReportContext, en: ReportContext, view: KpisView, monkeypatch: pytest.MonkeyPatch
) -> None:
    published: list[dict[str, object]] = []
    monkeypatch.setattr(step, "headline", lambda ctx, **kw: published.append(kw))
    blocks = (
        kpis_text.kpis_summary, step.kpis_tiles, kpis_tables.aging_table,
        kpis_tables.segment_table, kpis_tables.top_overdue_table, step.dispute_tiles,
        kpis_tables.funnel_table, kpis_tables.digital_table, kpis_quality.quality_overview,
        kpis_quality.quality_anomalies, kpis_tables.kpi_table, kpis_tables.kpis_glossary,
    )  # fmt: skip
    for ctx in (de, en):
        html = "".join(str(block(ctx, view)) for block in blocks)  # KeyError on a missing key
        assert "steps.kpis." not in html and "kpis.note." not in html
        for info in REGISTRY.values():
            formula = info.formula_in(ctx.language)
            assert escape(formula) in html, info.id
        for fig in (
            kpis_figures.aging_figure,
            kpis_figures.trend_figure,
            kpis_figures.segment_figure,
            kpis_figures.funnel_figure,
        ):
            figure = fig(ctx, view)
            assert figure.axes[0].get_xlabel() and figure.axes[0].get_ylabel()
            plt.close(figure)
        step.kpis_headline(ctx, view)
    assert published[0]["value_text"] == "DSO 43,9\u00a0Tage, Ziel 40,0\u00a0Tage"
    assert published[1]["value_text"] == "DSO 43.9\u00a0days, target 40.0\u00a0days"
    # 43.92 − 40 = 3.92 days worse than the target, within 10 % of 40 = 4.0 days: warn
    assert published[0]["status"] == "warn"


def test_glossary_states_the_known_variants(
    de: ReportContext, en: ReportContext, view: KpisView
) -> None:
    de_html = str(kpis_tables.kpis_glossary(de, view))
    en_html = str(kpis_tables.kpis_glossary(en, view))
    for word in ("durchschnittlichen statt", "Umsatz je Monat", "alle offenen Forderungen",
                 "nach Rechnungsdatum", "86,5\u00a0%", "ADD-Median nicht gleich"):  # fmt: skip
        assert word in de_html, word
    for word in ("average instead of ending", "monthly sales", "all outstanding receivables",
                 "by invoice date", "86.5%"):  # fmt: skip
        assert word in en_html, word
    assert "receeve" not in en_html  # an MRR benchmark only for a subscription business


def test_aging_axis_uses_german_thousands(de: ReportContext, view: KpisView) -> None:
    fig = kpis_figures.aging_figure(de, view)
    fig.canvas.draw()
    ax = fig.axes[0]
    assert ax.get_ylabel() == "Offener Betrag (Tsd.\u00a0€)"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "1.000" in labels  # 1,000,000 € shown as 1.000 Tsd. €
    plt.close(fig)


def test_null_kpis_carry_translated_notes(de: ReportContext, view: KpisView) -> None:
    ledger = load_ledger(de.engagement)
    bare = dataclasses.replace(
        ledger,
        invoices=ledger.invoices.drop(columns=["disputed"]),
        disputes=None,
        dunning_events=None,
        customers=None,
    )
    opts = {"as_of": de.as_of, "period_days": 90, "goal_days": 45}
    result = compute_kpis(bare, **opts)
    assert result.values["email_open_rate"] is None and result.values["dispute_rate"] is None
    bare_view = KpisView(
        result=result,
        series=kpi_series(bare, months=2, **opts),
        by_segment=None,
        top=top_overdue(bare, as_of=de.as_of, n=10),
        funnel=dunning_funnel(bare, as_of=de.as_of, period_days=90),
        quality=data_quality(bare, as_of=de.as_of),
    )
    for text in result.notes.values():
        assert kpis_wording.note_text(de, text) != text, text  # every engine note has a German text
    html = str(kpis_tables.kpi_table(de, bare_view))
    assert "keine Daten zu Mahnereignissen" in html
    assert "keine Reklamationsdaten" in html
    assert "Kundensegment" in str(kpis_figures.segment_figure(de, bare_view))
    assert kpis_tables.segment_table(de, bare_view) is None
    funnel_note = str(kpis_figures.funnel_figure(de, bare_view))
    assert "Mahnnachrichten liegen noch keine Daten vor" in funnel_note  # what is missing, and how
    assert kpis_tables.funnel_table(de, bare_view) is None  # no empty funnel table
    assert kpis_tables.digital_table(de, bare_view) is None  # no eight rows of "keine Daten"
