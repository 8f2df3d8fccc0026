"""Digital-dunning KPIs and the funnel, counted per message (T = 2024-03-31, P = 90)."""

from __future__ import annotations

import pandas as pd
import pytest
from kpis_builders import T, base_ledger

from kit.kpis import compute_kpis, dunning_funnel
from kit.ledger import Ledger

_EVENTS = [
    # M1 (message_id m1), email on B: sent twice in the log, opened twice, clicked after 3 h;
    # B settled 2024-02-20, 5 days after the reminder → converted
    ("B", "2024-02-15 09:00", "email", "sent", "m1"),
    ("B", "2024-02-15 09:00", "email", "sent", "m1"),
    ("B", "2024-02-15 09:01", "email", "delivered", "m1"),
    ("B", "2024-02-15 10:00", "email", "opened", "m1"),
    ("B", "2024-02-16 10:00", "email", "opened", "m1"),
    ("B", "2024-02-15 12:00", "email", "clicked", "m1"),
    # M2 (no message_id), email on G: bounced, no response, G stays open
    ("G", "2024-03-25 08:00", "email", "sent", None),
    ("G", "2024-03-25 08:05", "email", "bounced", None),
    # M3 (no message_id), email on C: opened next day, page view after 36 h, C stays open
    ("C", "2024-03-10 08:00", "email", "sent", None),
    ("C", "2024-03-11 08:00", "email", "opened", None),
    ("C", "2024-03-11 20:00", "portal", "page_view", None),
    # M4, sms on A: a failed then a succeeded payment after 48 h; A stays open at T
    ("A", "2024-01-20 10:00", "sms", "sent", "m4"),
    ("A", "2024-01-21 10:00", "portal", "payment_failed", None),
    ("A", "2024-01-22 10:00", "portal", "payment_succeeded", None),
    # M5, email on F sent before W: its open in W does not make a message of W
    ("F", "2023-12-20 10:00", "email", "sent", "m5"),
    ("F", "2024-01-03 10:00", "email", "opened", "m5"),
    # after T: ignored
    ("G", "2024-04-02 10:00", "email", "sent", "m6"),
]


def _ledger() -> Ledger:
    ledger = base_ledger()
    ev = pd.DataFrame(
        _EVENTS, columns=["invoice_id", "timestamp", "channel", "event", "message_id"]
    )
    ev["timestamp"] = pd.to_datetime(ev["timestamp"])
    ledger.dunning_events = ev
    return ledger


def test_digital_kpis_by_hand() -> None:
    v = compute_kpis(_ledger(), as_of=T, period_days=90).values
    # emails sent in W: M1, M2, M3 = 3 (M1's duplicate sent row is one message); bounced: M2
    assert v["email_bounce_rate"] == pytest.approx(100 / 3)
    # delivered = 3 − 1 = 2; opened: M1 (twice, counted once), M3 → 2 / 2
    assert v["email_open_rate"] == pytest.approx(100.0)
    # clicked: M1 → 1 / 2 delivered; 1 / 2 opened
    assert v["email_click_rate"] == pytest.approx(50.0)
    assert v["click_to_open_rate"] == pytest.approx(50.0)
    assert v["landing_page_views"] == 1.0
    # responses: M1 3 h (click), M3 36 h (page view), M4 48 h (payment_succeeded) → median 36
    assert v["response_time_hours"] == pytest.approx(36.0)
    assert v["payment_success_rate"] == pytest.approx(50.0)  # 1 / (1 + 1)
    # reminders sent in W (all channels): M1, M2, M3, M4; converted: M1 → 1 / 4
    assert v["dunning_conversion_rate"] == pytest.approx(25.0)


def test_response_beyond_14_days_is_not_a_response() -> None:
    ledger = base_ledger()
    ev = pd.DataFrame(
        {
            "invoice_id": ["G", "G"],
            "timestamp": pd.to_datetime(["2024-03-01 08:00", "2024-03-15 08:01"]),
            "channel": ["email", "email"],
            "event": ["sent", "clicked"],
        }
    )
    ledger.dunning_events = ev
    r = compute_kpis(ledger, as_of=T)
    assert r.values["response_time_hours"] is None  # 14 days and 1 minute later
    assert r.notes["response_time_hours"].startswith("no response within 14 days")
    assert r.values["email_open_rate"] == 0.0  # 1 delivered, none opened
    assert r.values["click_to_open_rate"] is None
    assert r.notes["click_to_open_rate"] == "no emails opened in window"
    assert r.values["payment_success_rate"] is None


def test_funnel_by_channel() -> None:
    f = dunning_funnel(_ledger(), as_of=T, period_days=90)
    assert f.loc["email"].tolist() == [3, 2, 2, 1, 1]  # sent, delivered, opened, clicked, paid
    assert f.loc["sms"].tolist() == [1, 1, 0, 0, 0]
    assert f.loc["total"].tolist() == [4, 3, 2, 1, 1]
    assert list(f.columns) == ["sent", "delivered", "opened", "clicked", "paid"]


def test_funnel_without_events_is_empty() -> None:
    assert dunning_funnel(base_ledger(), as_of=T).empty
