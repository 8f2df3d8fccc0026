"""Step 05 (collection strategy) on a copy of the sample engagement, in German and English."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from openpyxl import load_workbook

from kit.report import open_report
from kit.steps.strategy.tables import (
    capacity_table,
    channel_table,
    handover_block,
    handover_table,
    ladder_note,
    ladder_table,
    segment_rules_table,
    segment_table,
)
from kit.steps.strategy.text import strategy_glossary
from kit.steps.strategy.view import (
    StrategyView,
    invoices_per_month,
    strategy_summary_block,
    strategy_tiles,
    strategy_view,
    workload_by_map,
)
from kit.strategy import save_ladder

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh"


def _copy(target: Path) -> Path:
    folder = target / "acme"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("output"))
    return folder


@pytest.fixture(scope="module")
def engagement(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy(tmp_path_factory.mktemp("strategy"))


@pytest.fixture(scope="module")
def view_de(engagement: Path) -> StrategyView:
    return strategy_view(open_report(engagement, language="de"))


@pytest.fixture(scope="module")
def view_en(engagement: Path) -> StrategyView:
    return strategy_view(open_report(engagement, language="en"))


def test_segment_shares_sum_to_100(view_de: StrategyView) -> None:
    s = view_de.summary
    assert s["ar_share"].sum() == pytest.approx(100.0)
    assert s["customer_share"].sum() == pytest.approx(100.0)
    # every customer in exactly one segment
    assert int(s["customers"].sum()) == len(view_de.segments)
    assert view_de.segments["customer_id"].is_unique


def _independent_workload(folder: Path) -> float:
    """Sum minutes × per_month ÷ 60 of tasks and decisions straight from the YAML maps + others."""
    total = 0.0
    for file in sorted((folder / "process_maps").glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for act in data["activities"]:
            if act.get("kind", "task") in ("task", "decision") and act.get("minutes") is not None:
                total += float(act["minutes"]) * float(act["per_month"]) / 60.0
    return total


def test_capacity_arithmetic_matches_the_maps(engagement: Path, view_de: StrategyView) -> None:
    by_map = workload_by_map(open_report(engagement).engagement).set_index("map")["hours"]
    yaml_maps = {"vertrieb-forderungen", "mahnlauf-fibu", "reklamationen"}
    assert set(by_map.index) >= yaml_maps
    # the three YAML maps recomputed from the raw files (waits excluded)
    assert by_map[sorted(yaml_maps)].sum() == pytest.approx(_independent_workload(engagement))
    # zahlungseingang (CSV pair): 10×22 + 3×1200 + 15×120 + 2×1200 + 4×150 = 8620 min = 143.67 h
    assert by_map["zahlungseingang"] == pytest.approx(8620 / 60)
    plan = view_de.plan
    w0 = float(by_map.sum())
    assert plan.workload_hours_per_month == pytest.approx(w0)
    # capacity = 4 FTE × 130 h = 520 h; break-even g* = 520 / W0 − 1
    assert plan.capacity_hours_per_month == pytest.approx(520.0)
    assert plan.break_even_growth == pytest.approx(520.0 / w0 - 1.0)
    row = plan.table[plan.table["growth"] == 1.0].iloc[0]
    # at +100 %: workload 2 × W0, extra FTE = 2 × W0 / 130 − 4
    assert row["workload_hours"] == pytest.approx(2 * w0)
    assert row["extra_fte"] == pytest.approx(2 * w0 / 130 - 4)


def test_invoices_per_month_is_the_mean_of_twelve_months(view_de: StrategyView) -> None:
    from kit.engagement import load_engagement
    from kit.ingest import load_ledger

    e = load_engagement(SAMPLE)
    ledger = load_ledger(e)
    issued = ledger.invoices["issue_date"]
    # 12 calendar months July 2025 – June 2026 (as-of 30.06.2026 is a month end)
    by_month = issued[(issued >= "2025-07-01") & (issued <= "2026-06-30")].dt.to_period("M")
    assert by_month.nunique() == 12
    expected = len(by_month) / 12
    assert invoices_per_month(ledger, as_of=e.as_of) == pytest.approx(expected)
    assert view_de.plan.invoices_per_month == pytest.approx(expected)


def test_exports_exist_and_open(view_de: StrategyView, view_en: StrategyView) -> None:
    for view, header in ((view_de, "Offener Betrag"), (view_en, "Open amount")):
        csv, xlsx = view.exports
        assert csv.is_file() and xlsx.is_file()
        assert csv.parent.name == "exports" and csv.parent.parent.name == "output"
        ws = load_workbook(xlsx, read_only=True).active
        assert ws is not None
        rows = list(ws.iter_rows(values_only=True))
        assert header in rows[0]
        assert len(rows) - 1 == len(view.handover) > 0
        column = rows[0].index(header)
        total = sum(float(r[column]) for r in rows[1:])  # type: ignore[arg-type]
        assert total == pytest.approx(float(view.handover["open_amount"].sum()))
        assert view.proposal_file.is_file()
    german = view_de.exports[0].read_text(encoding="utf-8-sig").splitlines()[0]
    assert ";" in german and "Kundennr." in german
    assert view_de.exports[0].name != view_en.exports[0].name  # names in the report language


def test_handover_rules(view_de: StrategyView) -> None:
    h = view_de.handover
    assert (h["days_overdue"] >= 90).all()
    assert (h["open_amount"] >= 100).all()
    assert h["open_amount"].is_monotonic_decreasing


def test_links_point_to_the_exports_folder(engagement: Path, view_de: StrategyView) -> None:
    ctx = open_report(engagement, language="de")
    html = handover_block(ctx, view_de).html
    links = re.findall(r'href="([^"]+)"', html)
    assert len(links) == 2
    # By hand the files land in output/exports; `kit run` publishes them as reports/exports.
    for link, file in zip(links, view_de.exports, strict=True):
        assert link == f"exports/{file.name}"
        assert file.is_file()


def test_run_exports_go_to_the_run_folder(
    engagement: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from kit.run.execute import EXPORTS_ENV
    from kit.steps.strategy.view import exports_dir

    monkeypatch.setenv(EXPORTS_ENV, str(tmp_path / "run" / "exports"))
    ctx = open_report(engagement, language="de")
    assert exports_dir(ctx.engagement) == tmp_path / "run" / "exports"


def _words(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_block_renders_in_both_languages(
    engagement: Path, view_de: StrategyView, view_en: StrategyView, language: str
) -> None:
    ctx = open_report(engagement, language=language)
    view = view_de if language == "de" else view_en
    blocks = [
        strategy_summary_block(ctx, view),
        strategy_tiles(ctx, view),
        segment_table(ctx, view),
        segment_rules_table(ctx, view),
        channel_table(ctx, view),
        ladder_table(ctx, view),
        ladder_note(ctx, view),
        capacity_table(ctx, view),
        handover_block(ctx, view),
        handover_table(ctx, view),
        strategy_glossary(ctx, view),
    ]
    text = " ".join(_words(b.html) for b in blocks)
    assert "steps.strategy." not in text and "strategy.channel." not in text
    assert "{" not in text  # no unfilled placeholder
    if language == "de":
        assert "Inkasso" in text and "Mahnstufe" in text and "VZÄ" in text
        assert "151.578 €" in text  # hand-over total, German number format
    else:
        assert "collection agency" in text and "FTE" in text
        assert "€151,578" in text


def test_summary_names_the_numbers(engagement: Path, view_en: StrategyView) -> None:
    ctx = open_report(engagement, language="en")
    text = strategy_summary_block(ctx, view_en).text
    g = view_en.plan.break_even_growth
    assert g is not None
    assert f"can carry {round(g * 100)}% more invoice volume" in text
    assert f"invoices: {len(view_en.handover)}" in text
    assert "Chronic late payer" in text
    assert "over-aggressive" in text


def test_edited_ladder_replaces_the_proposal(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    ctx = open_report(folder, language="en")
    first = strategy_view(ctx)
    edited = first.ladder.copy()
    edited.loc[(edited["segment"] == "punctual") & (edited["step"] == "call"), "day"] = 45
    save_ladder(edited, folder / "strategy" / "ladder.csv")
    config = folder / "engagement.yaml"
    text = config.read_text(encoding="utf-8")
    assert text.rstrip().endswith("agency_min_amount: 100")  # strategy: is the last block
    config.write_text(text.rstrip() + "\n  ladder: strategy/ladder.csv\n", encoding="utf-8")
    ctx = open_report(folder, language="en")
    second = strategy_view(ctx)
    assert second.ladder_file == folder / "strategy" / "ladder.csv"
    call = second.ladder[
        (second.ladder["segment"] == "punctual") & (second.ladder["step"] == "call")
    ]
    assert call["day"].tolist() == [45]
    shown = ladder_note(ctx, second)
    assert "ladder.csv" not in shown.html and "engagement.yaml" not in shown.html
    assert "agreed with you" in shown.html  # the client reads words, not a path
    pd.testing.assert_frame_equal(second.summary, first.summary)


def test_ladder_instructions_go_to_the_consultant(
    engagement: Path, view_en: StrategyView, monkeypatch: pytest.MonkeyPatch
) -> None:
    import IPython.display

    from kit.report.consultant import CONSULTANT_MIME

    published: list[dict[str, dict[str, str]]] = []
    monkeypatch.setattr(
        IPython.display, "display", lambda bundle, raw=False: published.append(bundle)
    )
    ctx = open_report(engagement, language="en")
    shown = ladder_note(ctx, view_en)
    assert "engagement.yaml" not in shown.html and ".csv" not in shown.html
    (bundle,) = published
    text = bundle[CONSULTANT_MIME]["text"]
    assert "engagement.yaml" in text and "strategy: ladder:" in text
