"""Done-when measurement on the IBM ledger: four quarter-ends, model against the baseline.

The same table is printed by `benchmarks/forecast_backtest.py`.
"""

from __future__ import annotations

import pytest
from forecast_builders import IBM, ibm_ledger

from kit.forecast import backtest, build_book
from kit.kpis.timeline import day_number

pytestmark = pytest.mark.skipif(not IBM.exists(), reason=f"shared data absent: {IBM}")
QUARTER_ENDS = ("2012-12-31", "2013-03-31", "2013-06-30", "2013-09-30")


def test_model_beats_the_baseline_and_its_intervals_cover_80_percent() -> None:
    book = build_book(ibm_ledger())
    result = backtest(
        book, [day_number(d) for d in QUARTER_ENDS], known_until=book.last_day(), weeks=13
    )
    assert len(result.rows) == 4
    assert all(r.scored == r.invoices for r in result.rows)  # every invoice is settled
    mae, base = result.mean("mae_days"), result.mean("baseline_mae_days")
    coverage = result.mean("coverage_80")
    assert mae is not None and base is not None and coverage is not None
    assert mae <= 0.85 * base
    assert 0.75 <= coverage <= 0.85
    assert result.model_better
