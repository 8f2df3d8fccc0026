"""Backtest of the payment-date forecast on the IBM ledger at four quarter-ends.

    .venv/bin/python benchmarks/forecast_backtest.py [--engagement data/samples/ibm-ar]
        [--dates 2012-12-31,2013-03-31,2013-06-30,2013-09-30] [--weeks 13]

At each date the model and the baseline (due date + the customer's mean days late so far) are
trained only on what was known then and scored against the payment dates that followed (the
whole ledger is known: every IBM invoice is settled). Prints one row per date and the means;
exits 1 when the done-when thresholds (MAE ≤ 0.85 × baseline, coverage 75–85 %) are missed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kit.engagement import load_engagement
from kit.forecast import backtest, build_book
from kit.ingest import load_ledger
from kit.kpis.timeline import day_number

ROOT = Path(__file__).resolve().parents[1]
DATES = "2012-12-31,2013-03-31,2013-06-30,2013-09-30"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engagement", default=str(ROOT / "data" / "samples" / "ibm-ar"))
    parser.add_argument("--dates", default=DATES)
    parser.add_argument("--weeks", type=int, default=13)
    args = parser.parse_args()
    started = time.perf_counter()
    book = build_book(load_ledger(load_engagement(args.engagement)))
    days = [day_number(d.strip()) for d in args.dates.split(",") if d.strip()]
    result = backtest(book, days, known_until=book.last_day(), weeks=args.weeks)
    frame = result.frame()
    cols = {
        "as_of": "as of",
        "invoices": "open",
        "mae_days": "MAE model (d)",
        "baseline_mae_days": "MAE baseline (d)",
        "coverage_80": "coverage 80 %",
        "baseline_coverage_80": "coverage baseline",
        "wape_13w": "WAPE 13w model",
        "baseline_wape_13w": "WAPE 13w baseline",
        "band_coverage_13w": "weeks in band",
    }
    shown = frame[list(cols)].rename(columns=cols)
    shown["as of"] = shown["as of"].dt.date.astype(str)
    shown["model / baseline"] = frame["mae_days"] / frame["baseline_mae_days"]
    mean = {v: result.mean(k) for k, v in cols.items() if k not in ("as_of", "invoices")}
    mae, base, cov = (
        result.mean("mae_days"),
        result.mean("baseline_mae_days"),
        result.mean("coverage_80"),
    )
    assert mae is not None and base is not None and cov is not None
    print(shown.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print("mean:", "  ".join(f"{k} {v:.3f}" for k, v in mean.items() if v is not None))
    ratio = mae / base
    print(f"MAE model / baseline (mean over dates) = {ratio:.3f}  (threshold ≤ 0.85)")
    print(f"coverage of the 80 % interval = {cov:.3f}  (threshold 0.75–0.85)")
    print(f"{time.perf_counter() - started:.1f} s (shared machine: timings are noisy)")
    return 0 if ratio <= 0.85 and 0.75 <= cov <= 0.85 else 1


if __name__ == "__main__":
    sys.exit(main())
