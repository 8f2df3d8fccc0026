"""Time `load_ledger` on a 1,000,000-invoice CSV against DuckDB's read_csv, each in a fresh process.

Usage: .venv/bin/python benchmarks/ingest_vs_duckdb.py [--rows N] [--repeat K]
The CSV and engagement go to benchmarks/_work/ (git-ignored). For each run the child process
reports the seconds of the load call itself; wall seconds (process start to exit, imports
included) and peak RSS (os.wait4 rusage of that child) are measured from outside.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

WORK = Path(__file__).resolve().parent / "_work"
REPO = Path(__file__).resolve().parents[1]

KIT_CHILD = """
import json, sys, time
t0 = time.perf_counter()
from kit.engagement import load_engagement
from kit.ingest import load_ledger
t1 = time.perf_counter()
ledger = load_ledger(load_engagement(sys.argv[1]))
t2 = time.perf_counter()
print(json.dumps({"rows": len(ledger.invoices), "load_s": t2 - t1, "import_s": t1 - t0}))
"""

DUCKDB_CHILD = """
import json, sys, time
t0 = time.perf_counter()
import duckdb
t1 = time.perf_counter()
frame = duckdb.sql(f"SELECT * FROM read_csv('{sys.argv[1]}')").df()
t2 = time.perf_counter()
print(json.dumps({"rows": len(frame), "load_s": t2 - t1, "import_s": t1 - t0}))
"""


def make_data(rows: int) -> Path:
    """Write the invoices CSV and an invoices-only engagement; return the engagement folder."""
    folder = WORK / f"engagement_{rows}"
    csv = folder / "invoices.csv"
    if not csv.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        rng = np.random.default_rng(7)
        issue = pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 1400, rows), unit="D")
        due = issue + pd.to_timedelta(rng.choice([14, 30, 45, 60], rows), unit="D")
        paid = issue + pd.to_timedelta(rng.integers(0, 120, rows), unit="D")
        paid_text = pd.Series(paid.strftime("%Y-%m-%d")).where(rng.random(rows) > 0.1, "")
        pd.DataFrame(
            {
                "invoice_id": [f"{i:010d}" for i in range(1, rows + 1)],
                "customer_id": [f"C{c:05d}" for c in rng.integers(0, 20000, rows)],
                "issue_date": issue.strftime("%Y-%m-%d"),
                "due_date": due.strftime("%Y-%m-%d"),
                "amount": (rng.gamma(2.0, 600.0, rows) + 1).round(2),
                "paid_date": paid_text,
                "country": rng.choice(["DE", "AT", "CH", "NL", "FR"], rows),
                "segment": rng.choice(["A", "B", "C"], rows),
            }
        ).to_csv(csv, index=False)
    (folder / "engagement.yaml").write_text(
        "client: Benchmark\nlanguage: en\ncurrency: EUR\n"
        'data:\n  invoices:\n    path: invoices.csv\n    sep: ","\n'
        '    date_format: "%Y-%m-%d"\n',
        encoding="utf-8",
    )
    return folder


def run(code: str, argument: str) -> dict[str, float]:
    """Run code in a fresh interpreter; return its timings, wall seconds and peak RSS (MiB)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, argument], stdout=subprocess.PIPE, cwd=REPO, text=True
    )
    assert child.stdout is not None
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"child failed with exit code {child.returncode}")
    result: dict[str, float] = json.loads(output)
    result["wall_s"] = wall
    result["rss_mib"] = usage.ru_maxrss / 1024  # Linux reports KiB
    return result


def main() -> None:
    """Print a table: rows, kit and DuckDB seconds (call and whole process), ratios, peak RSS."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = make_data(args.rows)
    kit_runs = [run(KIT_CHILD, str(folder)) for _ in range(args.repeat)]
    duck_runs = [run(DUCKDB_CHILD, str(folder / "invoices.csv")) for _ in range(args.repeat)]
    kit = {k: min(r[k] for r in kit_runs) for k in kit_runs[0]}
    duck = {k: min(r[k] for r in duck_runs) for k in duck_runs[0]}
    print(f"best of {args.repeat} fresh processes each; file {folder / 'invoices.csv'}")
    print(
        f"{'rows':>10} {'':>6} {'kit s':>8} {'duckdb s':>9} {'ratio':>6}"
        f" {'kit MiB':>8} {'duckdb MiB':>10}"
    )
    for label, key in (("load", "load_s"), ("process", "wall_s")):
        ratio = kit[key] / duck[key]
        print(
            f"{int(kit['rows']):>10,} {label:>6} {kit[key]:>8.2f} {duck[key]:>9.2f} {ratio:>6.2f}"
            f" {kit['rss_mib']:>8.0f} {duck['rss_mib']:>10.0f}"
        )


if __name__ == "__main__":
    main()
