"""Display blocks: escaping, locale formatting, alignment, highlighted rows, headline bundle."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from kit.report import (
    HEADLINE_MIME,
    ReportContext,
    Tile,
    glossary,
    headline_bundle,
    note,
    open_report,
    summary,
    table,
    tiles,
)
from tests.report.conftest import FIXTURE_ENGAGEMENT


@pytest.fixture
def ctx() -> ReportContext:
    return open_report(FIXTURE_ENGAGEMENT)


@pytest.fixture
def ctx_en() -> ReportContext:
    return open_report(FIXTURE_ENGAGEMENT, language="en")


def test_summary_escapes_and_translates(ctx: ReportContext, ctx_en: ReportContext) -> None:
    html = summary(ctx, ["A & <b>"], ["<script>x</script>"], ["weiter"]).html
    assert "A &amp; &lt;b&gt;" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html
    assert "Das Wichtigste in Kürze" in html and "Nächste Schritte" in html
    assert "Executive summary" in summary(ctx_en, [], [], []).html


def test_tiles_format_value_reference_and_status(ctx: ReportContext, ctx_en: ReportContext) -> None:
    html = tiles(
        ctx,
        [
            Tile("DSO", 41.26, unit="days", reference=38.0, source="CRF-Median", status="bad"),
            {"label": "FTE <Team>", "value": 4.0, "unit": "FTE", "digits": 0},
        ],
    ).html
    assert "41,3\xa0Tage" in html  # one decimal: 41.26 -> 41,3
    assert "CRF-Median 38,0\xa0Tage" in html
    assert "kit-status-bad" in html and "kit-status-neutral" in html
    assert "FTE &lt;Team&gt;" in html and "4\xa0FTE" in html
    en = tiles(ctx_en, [Tile("CEI", 84.1, unit="percent", reference=88)]).html
    assert "84.1%" in en and "Target 88.0%" in en
    with pytest.raises(ValueError, match="status"):
        tiles(ctx, [Tile("x", 1.0, status="purple")])


def test_table_formats_aligns_and_highlights(ctx: ReportContext) -> None:
    df = pd.DataFrame(
        {
            "Kunde": ["A & B", "<C>"],
            "Offen": [1234567.891, None],
            "Tage": [41.26, 3.0],
            "Datum": [pd.Timestamp("2026-06-30"), pd.NaT],
            "Anzahl": [1200, 7],
            "missed": [False, True],
        }
    )
    html = table(
        ctx,
        df,
        formats={"Offen": "money", "Tage": "days", "Anzahl": "number:0"},
        highlight="missed",
    ).html
    assert '<th class="num">Offen</th>' in html and '<th class="txt">Kunde</th>' in html
    assert '<td class="num">1.234.567,89\xa0€</td>' in html
    assert '<td class="num">–</td>' in html  # missing amount shown as a dash, not "nan"
    assert '<td class="num">41,3\xa0Tage</td>' in html
    assert '<td class="txt">30.06.2026</td>' in html
    assert '<td class="num">1.200</td>' in html
    assert "A &amp; B" in html and "&lt;C&gt;" in html
    assert html.count("kit-missed") == 1 and ">missed<" not in html  # flag column hidden
    assert html.index("kit-missed") > html.index("A &amp; B")  # second row is the missed one


def test_table_highlight_variants_and_errors(ctx: ReportContext) -> None:
    df = pd.DataFrame({"v": [1.0, 5.0, 9.0]})
    by_function = table(ctx, df, highlight=lambda row: row["v"] > 4).html
    assert by_function.count('class="kit-missed"') == 2
    assert table(ctx, df, highlight=[True, False, False]).html.count('class="kit-missed"') == 1
    with pytest.raises(ValueError, match="3 rows"):
        table(ctx, df, highlight=[True])
    with pytest.raises(ValueError, match="unknown format"):
        table(ctx, df, formats={"v": "euro"})
    assert "Keine Einträge" in table(ctx, df.iloc[0:0]).html


def test_glossary_lists_terms_and_data_sources(ctx: ReportContext) -> None:
    html = glossary(
        ctx,
        [
            ("DSO", "Forderungslaufzeit", "AR / Umsatz × Tage"),
            {"term": "<ADD>", "definition": "Verzug"},
        ],
    ).html
    assert "<dt>DSO</dt>" in html and "AR / Umsatz × Tage" in html
    assert "<dt>&lt;ADD&gt;</dt>" in html
    # the file name, not its path: no paths in a client report
    assert "Datenquellen" in html and ">invoices.csv<" in html and "Rechnungen" in html
    assert "data/invoices.csv" not in html
    assert "Datenquellen" not in glossary(ctx, [], sources=False).html


def test_note_and_headline_bundle(ctx: ReportContext) -> None:
    assert "<strong>Hinweis:</strong> a &amp; b" in note(ctx, "a & b").html
    assert "Achtung" in note(ctx, "x", kind="warning").html
    bundle = headline_bundle(title="DSO", value_text="41,2 Tage", takeaway="zu hoch", status="bad")
    assert bundle[HEADLINE_MIME] == {
        "title": "DSO",
        "value_text": "41,2 Tage",
        "takeaway": "zu hoch",
        "status": "bad",
    }
    assert bundle["text/plain"] == "DSO: 41,2 Tage – zu hoch"


def test_open_report_resolves_language_and_as_of(tmp_path: Path) -> None:
    ctx = open_report(FIXTURE_ENGAGEMENT)
    assert (ctx.language, ctx.as_of) == ("de", date(2026, 6, 30))  # from engagement.yaml
    ctx = open_report(FIXTURE_ENGAGEMENT, as_of="2026-03-31", language="en")
    assert (ctx.language, ctx.as_of) == ("en", date(2026, 3, 31))
    assert ctx.money(1234.5) == "€1,234.50" and ctx.date(ctx.as_of) == "31 Mar 2026"
    from kit.errors import ConfigError

    with pytest.raises(ConfigError, match="not a date"):
        open_report(FIXTURE_ENGAGEMENT, as_of="31.03.2026")
    with pytest.raises(ConfigError, match="unsupported language"):
        open_report(FIXTURE_ENGAGEMENT, language="fr")


def test_figure_style_is_colour_blind_safe_and_labelled() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from kit.report import OKABE_ITO, new_figure, style_figures

    style_figures()
    fig, ax = new_figure(xlabel="Monat", ylabel="DSO (Tage)")
    try:
        assert (ax.get_xlabel(), ax.get_ylabel()) == ("Monat", "DSO (Tage)")
        colours = [c["color"] for c in matplotlib.rcParams["axes.prop_cycle"]]
        assert colours == list(OKABE_ITO)
        assert matplotlib.rcParams["svg.hashsalt"] == "kit-report"
    finally:
        plt.close(fig)


def test_every_block_escapes_a_client_script(ctx: ReportContext) -> None:
    client = "<script>alert('Acme & Co')</script>"
    shown = [
        tiles(ctx, [Tile(client, 1.0, source=client, reference=2.0, note=client)]).html,
        table(ctx, pd.DataFrame({client: [client]}), caption=client).html,
        glossary(ctx, [(client, client, client)], sources=False).html,
        note(ctx, client).html,
        summary(ctx, [client], [client], [client]).html,
    ]
    for html in shown:
        assert "<script>" not in html
        # escaped as html.escape does it, so the pages are the same bytes as before the templates
        assert "&lt;script&gt;alert(&#x27;Acme &amp; Co&#x27;)&lt;/script&gt;" in html
