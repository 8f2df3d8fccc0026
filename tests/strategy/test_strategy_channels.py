from __future__ import annotations

import math

import pandas as pd
import pytest
from strategy_ledgers import AS_OF, invoice, ledger_from

from kit.strategy.channels import channel_effectiveness, preferred_channels


def _ev(invoice_id, when, channel, event, message_id=None):
    return {
        "invoice_id": invoice_id,
        "timestamp": pd.Timestamp(when),
        "channel": channel,
        "event": event,
        "message_id": message_id,
    }


def _ledger():
    rows = [
        invoice("A1", "X", "2026-05-31", late=5),  # settled 5 June
        invoice("A2", "X", "2026-05-31", late=None),  # open
        invoice("A3", "Y", "2026-05-31", late=None),  # open in the ledger, paid by card event
        invoice("A4", "Y", "2026-05-31", late=25),  # settled 25 June
        invoice("A5", "Y", "2026-05-31", late=20),  # settled 20 June
    ]
    events = pd.DataFrame(
        [
            _ev("A1", "2026-06-01 09:00", "email", "sent", "m1"),
            _ev("A1", "2026-06-01 09:00", "email", "sent", "m1"),  # duplicate row of one message
            _ev("A1", "2026-06-01 09:01", "email", "delivered", "m1"),
            _ev("A1", "2026-06-01 10:00", "email", "opened", "m1"),
            _ev("A1", "2026-06-02 10:00", "email", "opened", "m1"),  # repeat opens count once
            _ev("A1", "2026-06-03 10:00", "email", "opened", "m1"),
            _ev("A1", "2026-06-03 10:01", "email", "clicked", "m1"),
            _ev("A2", "2026-06-01 09:00", "email", "sent", "m2"),
            _ev("A2", "2026-06-01 09:02", "email", "bounced", "m2"),
            # sms without message ids: the click and payment attach to the latest sent sms
            _ev("A3", "2026-06-02 10:00", "sms", "sent"),
            _ev("A3", "2026-06-02 11:00", "sms", "clicked"),
            _ev("A3", "2026-06-03 12:00", "sms", "payment_succeeded"),
            _ev("A4", "2026-06-03 08:00", "letter", "sent", "l4"),  # paid 22 days later: no
            _ev("A5", "2026-06-10 08:00", "letter", "sent", "l5"),  # paid 10 days later: yes
            _ev("A5", "2026-06-11 08:00", "letter", "replied", "l5"),
            _ev("A5", "2026-07-02 08:00", "letter", "sent", "l6"),  # after as_of: ignored
        ]
    )
    return ledger_from(rows, dunning_events=events)


def test_funnel_per_channel_counts_each_message_once():
    eff = channel_effectiveness(_ledger(), as_of=AS_OF.date()).set_index("channel")
    assert list(eff.index) == ["email", "sms", "letter"]
    # email: m1 and m2 sent (2); m2 bounced -> 1 delivered; m1 opened three times -> 1 opened
    assert eff.loc["email", ["messages", "delivered", "opened", "clicked"]].tolist() == [2, 1, 1, 1]
    assert eff.loc["email", "delivery_rate"] == pytest.approx(50.0)  # 1 / 2
    assert eff.loc["email", "open_rate"] == pytest.approx(100.0)  # 1 opened / 1 delivered
    assert eff.loc["email", "payment_rate"] == pytest.approx(50.0)  # A1 settled 4 days later
    # sms: clicked and paid by the payment event 1 day later -> 100 %; opens are not tracked
    assert eff.loc["sms", "click_rate"] == pytest.approx(100.0)
    assert eff.loc["sms", "payment_rate"] == pytest.approx(100.0)
    assert math.isnan(eff.loc["sms", "open_rate"])
    # letter: l4 paid after 22 days (no), l5 after 10 days (yes) -> 1 / 2; l5 replied -> 50 %
    assert eff.loc["letter", "messages"] == 2
    assert eff.loc["letter", "payment_rate"] == pytest.approx(50.0)
    assert eff.loc["letter", "response_rate"] == pytest.approx(50.0)


def test_period_and_segments():
    segments = pd.DataFrame(
        {
            "customer_id": ["X", "Y"],
            "segment": ["chronic_late", "high_value_at_risk"],
            "preferred_channel": ["letter", "sms"],
        }
    )
    # window (30 June - 25 days, 30 June]: only l5 (10 June) was sent in it
    eff = channel_effectiveness(_ledger(), as_of=AS_OF.date(), period_days=25, segments=segments)
    assert eff[["segment", "channel", "messages"]].values.tolist() == [
        ["high_value_at_risk", "letter", 1]
    ]
    eff = channel_effectiveness(_ledger(), as_of=AS_OF.date(), segments=segments)
    pairs = eff[["segment", "channel", "messages"]].values.tolist()
    # segments in tier order (high value before chronic, not alphabetical), channels in the
    # order of CHANNELS
    assert pairs == [
        ["high_value_at_risk", "sms", 1],
        ["high_value_at_risk", "letter", 2],
        ["chronic_late", "email", 2],
    ]


def test_preferred_channel_rules():
    eff = channel_effectiveness(_ledger(), as_of=AS_OF.date())
    # payment rates: email 50 % (2 msgs), sms 100 % (1), letter 50 % (2)
    assert preferred_channels(eff, min_messages=1) == {"all": "sms"}
    # sms has too few messages; email and letter tie on rate and count -> channel order: email
    assert preferred_channels(eff, min_messages=2) == {"all": "email"}
    segments = pd.DataFrame(
        {
            "customer_id": ["X", "Y", "Z"],
            "segment": ["punctual", "chronic_late", "chronic_late"],
            "preferred_channel": ["letter", "call", "call"],
        }
    )
    by_seg = channel_effectiveness(_ledger(), as_of=AS_OF.date(), segments=segments)
    # no channel reaches 3 messages -> majority of stated preferences per segment
    assert preferred_channels(by_seg, segments=segments, min_messages=3) == {
        "chronic_late": "call",
        "punctual": "letter",
    }
    # nothing known at all -> email
    empty = channel_effectiveness(
        ledger_from([invoice("B", "B", "2026-05-31")]), as_of=AS_OF.date()
    )
    assert empty.empty
    assert preferred_channels(empty) == {"all": "email"}


def test_without_message_id_column_messages_are_invoice_channel_and_time():
    ledger = _ledger()
    ledger.dunning_events = ledger.dunning_events.drop(columns="message_id")
    eff = channel_effectiveness(ledger, as_of=AS_OF.date()).set_index("channel")
    # the duplicated m1 row has the same (invoice, channel, timestamp): still one message; opens
    # and the click attach to the latest earlier email of the same invoice
    assert eff.loc["email", ["messages", "delivered", "opened", "clicked"]].tolist() == [2, 1, 1, 1]
    assert eff.loc["letter", "response_rate"] == pytest.approx(50.0)
