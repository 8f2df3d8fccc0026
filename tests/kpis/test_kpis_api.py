"""Registry, JSON shape, series, breakdowns and after-care tables."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from kpis_builders import T, base_ledger

from kit.errors import ConfigError
from kit.kpis import REGISTRY, compute_kpis, kpi_series, kpis_by, overdue_contributors, top_overdue

_SPEC_ORDER = [
    "ar_total", "ar_current", "ar_overdue", "pct_current", "credit_sales", "open_credits",
    "ar_net", "dso", "bpdso", "add",
    "cei", "dso_countback", "collection_rate", "days_to_pay", "days_late", "on_time_rate",
    "paid_within_45_rate", "dispute_rate", "disputed_ar", "dispute_days_to_resolve",
    "email_bounce_rate", "email_open_rate", "email_click_rate", "click_to_open_rate",
    "landing_page_views", "response_time_hours", "payment_success_rate",
    "dunning_conversion_rate",
]  # fmt: skip


def test_registry_in_spec_order_with_references() -> None:
    assert list(REGISTRY) == _SPEC_ORDER
    refs = {k: i.reference for k, i in REGISTRY.items() if i.reference is not None}
    assert refs == {"pct_current": 90.56, "dso": 38.04, "bpdso": 32.02, "add": 3.0, "cei": 86.52}
    assert all("Credit Research Foundation" in (REGISTRY[k].reference_source or "") for k in refs)
    assert "60–70 %" in REGISTRY["collection_rate"].reference_text_in("de")
    assert REGISTRY["dso"].direction == "down" and REGISTRY["cei"].direction == "up"
    assert REGISTRY["response_time_hours"].unit == "hours"
    assert REGISTRY["ar_total"].name_in("de") == "Forderungsbestand"
    for info in REGISTRY.values():
        assert info.unit in {"days", "percent", "currency", "count", "hours"}
        assert info.direction in {"up", "down"}


def test_json_shape() -> None:
    doc = compute_kpis(base_ledger(), as_of=T).to_json_dict(client="Acme GmbH", currency="EUR")
    assert list(doc) == ["client", "as_of", "period_days", "currency", "kpis", "aging", "notes"]
    assert doc["as_of"] == "2024-03-31" and doc["period_days"] == 90
    assert list(doc["kpis"]) == _SPEC_ORDER
    assert doc["kpis"]["dso"] == pytest.approx(42.0)
    assert doc["kpis"]["email_open_rate"] is None
    assert doc["notes"]["email_open_rate"] == "no dunning_events data"
    assert doc["aging"]["91-180"] == 500.0
    json.dumps(doc, allow_nan=False)  # plain JSON, no NaN


def test_series_month_ends_and_t() -> None:
    s = kpi_series(base_ledger(), as_of=date(2024, 3, 15), months=3)
    # last three month ends up to 2024-03-15, then T itself
    assert list(s.index.strftime("%Y-%m-%d")) == [
        "2023-12-31",
        "2024-01-31",
        "2024-02-29",
        "2024-03-15",
    ]
    assert list(s.columns) == _SPEC_ORDER
    at_t = compute_kpis(base_ledger(), as_of=date(2024, 3, 15)).values
    for kpi, value in at_t.items():
        got = s.loc["2024-03-15", kpi]
        assert (value is None and pd.isna(got)) or got == value
    s2 = kpi_series(base_ledger(), as_of=T, months=2)
    assert list(s2.index.strftime("%Y-%m-%d")) == ["2024-02-29", "2024-03-31"]
    assert s2.loc["2024-03-31", "dso"] == pytest.approx(42.0)


def test_by_customer_and_segment_from_customers_table() -> None:
    ledger = base_ledger()
    ledger.customers = pd.DataFrame(
        {"customer_id": ["c1", "c2"], "segment": ["SME", "Key"], "name": ["Alpha", "Beta"]}
    )
    by = kpis_by(ledger, "customer_id", as_of=T)
    assert list(by.index) == ["c1", "c2", "c3"]
    # c1: A 500 + C 1000; c2: B, E settled; c3: G 600 (F settled, D after T)
    assert by["ar_total"].tolist() == pytest.approx([1500.0, 0.0, 600.0])
    assert by["ar_total"].sum() == pytest.approx(compute_kpis(ledger, as_of=T).values["ar_total"])
    # c3 credit sales in W: G 600 → DSO 600 / 600 × 90
    assert by.loc["c3", "dso"] == pytest.approx(90.0)
    seg = kpis_by(ledger, "segment", as_of=T)
    assert list(seg.index) == ["(missing)", "Key", "SME"]  # c3 has no customers row
    assert seg.loc["SME", "ar_total"] == pytest.approx(1500.0)


def test_by_unknown_column_names_the_available_ones() -> None:
    with pytest.raises(ConfigError, match="segment") as err:
        kpis_by(base_ledger(), "segment", as_of=T)
    assert "customer_id" in str(err.value)


def test_top_overdue_and_contributors() -> None:
    ledger = base_ledger()
    ledger.customers = pd.DataFrame({"customer_id": ["c1", "c3"], "name": ["Alpha", "Gamma"]})
    top = top_overdue(ledger, as_of=T, n=5)
    # overdue at T: G 600 (c3, dpd 1), A 500 (c1, dpd 91); C is due on T → current
    assert top["customer_id"].tolist() == ["c3", "c1"]
    assert top["name"].tolist() == ["Gamma", "Alpha"]
    assert top["overdue_amount"].tolist() == [600.0, 500.0]
    assert top["oldest_dpd"].tolist() == [1, 91]
    parts = overdue_contributors(ledger, as_of=T)
    assert set(parts) == {"customer", "segment", "aging_bucket", "dispute_reason"}
    assert parts["aging_bucket"]["overdue_amount"].to_dict() == {"1-30": 600.0, "91-180": 500.0}
    assert parts["customer"]["share_pct"].sum() == pytest.approx(100.0)
    assert parts["segment"].empty
    assert parts["dispute_reason"].index.tolist() == ["(no dispute)"]
