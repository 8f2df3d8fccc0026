"""No leakage: changing every settlement after T leaves every prediction at T unchanged."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from forecast_builders import IBM, ibm_ledger

from kit.forecast import build_book, forecast_book
from kit.ledger import Ledger

pytestmark = pytest.mark.skipif(not IBM.exists(), reason=f"shared data absent: {IBM}")
T = date(2013, 6, 30)


def _moved(ledger: Ledger) -> Ledger:
    inv = ledger.invoices.copy()
    after = inv["paid_date"] > pd.Timestamp(T)
    # every settlement after T moves: some 40 days later, the others to T + 1
    inv.loc[after, "paid_date"] = inv.loc[after, "paid_date"] + pd.Timedelta(days=40)
    inv.loc[after & (inv.index % 2 == 0), "paid_date"] = pd.Timestamp(T) + pd.Timedelta(days=1)
    # and the invoices issued after T are dropped
    return Ledger(invoices=inv[inv["issue_date"] <= pd.Timestamp(T)].reset_index(drop=True))


def test_predictions_at_t_do_not_move_when_later_settlements_change() -> None:
    original = ibm_ledger()
    changed = _moved(original)
    assert not original.invoices["paid_date"].equals(changed.invoices["paid_date"])
    first = forecast_book(build_book(original), as_of=T, weeks=13)
    second = forecast_book(build_book(changed), as_of=T, weeks=13)
    assert first.method == second.method == "model"
    pd.testing.assert_frame_equal(first.invoices, second.invoices)
    pd.testing.assert_frame_equal(first.weeks, second.weeks)
    pd.testing.assert_frame_equal(first.backtest.frame(), second.backtest.frame())
