"""`kit kpis` on a ledger larger than the kit's DuckDB memory limit: time, peak memory, spill.

    .venv/bin/python benchmarks/kpis_large.py [--rows 100000000] [--work benchmarks/_work]
        [--folder ENGAGEMENT]

Writes invoices, payments, disputes and dunning events as Parquet with DuckDB itself (streamed,
so the generator needs little memory; the same shapes as `kpis_vs_duckdb.generate`: 60 % paid
at once, 25 % in two parts, 8 % half paid, 3 % disputed, one reminder per invoice not paid at
once) into <work>/<rows>-parquet/, reused when present. Then runs `kit kpis ENG --json` as a
fresh process under /usr/bin/time -v and polls the size of the spill folder
(output/duckdb-spill) every second. Prints seconds, peak memory, the largest spill and AR.
`--folder` runs an existing engagement (such as the Parquet copy of `kpis_vs_duckdb`).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2024-12-31"

# u(k): a uniform number in [0, 1) from the row number i, independent for each k.
_U = "((hash(i * 16 + {k}) % 1000000) / 1000000.0)"


def _u(k: int) -> str:
    return _U.format(k=k)


_BASE = f"""
SELECT i, 'INV' || lpad(CAST(i AS VARCHAR), 9, '0') AS invoice_id,
  DATE '2023-01-01' + CAST(floor({_u(1)} * 731) AS INTEGER) AS issue_date,
  issue_date + [14, 30, 60][1 + CAST(floor({_u(2)} * 3) AS INTEGER)] AS due_date,
  round(exp(6.5 + sqrt(-2 * ln(1 - {_u(3)})) * cos(2 * pi() * {_u(4)})), 2) + 0.01 AS amount,
  {_u(5)} AS kind,
  greatest(CAST(round(35 + 20 * sqrt(-2 * ln(1 - {_u(6)})) * cos(2 * pi() * {_u(7)})) AS INTEGER),
           0) AS delay
FROM range({{rows}}) t(i)
"""


def generate(rows: int, folder: Path) -> None:
    """Write the four Parquet files and engagement.yaml (nothing when they exist)."""
    import duckdb

    folder.mkdir(parents=True, exist_ok=True)
    names = ("invoices", "payments", "disputes", "dunning_events")
    (folder / "engagement.yaml").write_text(
        f"client: Benchmark\nlanguage: en\ncurrency: EUR\nas_of: {AS_OF}\nperiod_days: 90\n"
        "data:\n" + "".join(f"  {n}: {{path: {n}.parquet}}\n" for n in names),
        encoding="utf-8",
    )
    if (folder / "dunning_events.parquet").exists():
        return
    con = duckdb.connect()
    con.execute("SET memory_limit = '2GB'")
    con.execute("SET threads = 1")  # slower, but leaves the second core to whatever else runs
    con.execute(f"SET temp_directory = '{folder / 'generate-spill'}'")
    con.execute("SET preserve_insertion_order = false")
    base = _BASE.format(rows=rows)
    queries = {
        "invoices": f"SELECT invoice_id, 'C' || lpad(CAST(hash(i * 16 + 8) % {max(rows // 50, 1)} "
        "AS VARCHAR), 9, '0') AS customer_id, issue_date, due_date, amount FROM b",
        "payments": "SELECT invoice_id, issue_date + delay AS payment_date, amount FROM b "
        "WHERE kind < 0.6 UNION ALL "
        "SELECT invoice_id, issue_date + delay // 2, round(amount * 0.4, 2) FROM b "
        "WHERE kind >= 0.6 AND kind < 0.85 UNION ALL "
        "SELECT invoice_id, issue_date + delay, round(amount - round(amount * 0.4, 2), 2) FROM b "
        "WHERE kind >= 0.6 AND kind < 0.85 UNION ALL "
        "SELECT invoice_id, issue_date + delay, round(amount * 0.5, 2) FROM b "
        "WHERE kind >= 0.85 AND kind < 0.93",
        "disputes": f"SELECT 'D' || lpad(CAST(i AS VARCHAR), 9, '0') AS dispute_id, invoice_id, "
        f"issue_date + 5 + CAST(floor({_u(9)} * 36) AS INTEGER) AS opened_date, "
        f"CASE WHEN {_u(10)} < 0.75 THEN opened_date + 3 + CAST(floor({_u(11)} * 58) AS INTEGER) "
        f"END AS resolved_date FROM b WHERE {_u(12)} < 0.03",
        "dunning_events": _dunning(),
    }
    for name, query in queries.items():
        began = time.perf_counter()
        con.execute(f"COPY (WITH b AS ({base}) {query}) TO '{folder / name}.parquet'")
        print(f"{name}: {time.perf_counter() - began:.0f} s", file=sys.stderr)


def _dunning() -> str:
    """Return the events of one reminder per invoice not paid at once (as `_write_dunning`)."""
    sent = "CAST(due_date + 3 AS TIMESTAMP) + INTERVAL 9 HOUR"
    email = f"{_u(13)} < 0.85"
    bounced = f"({email} AND {_u(14)} < 0.04)"
    opened = f"({email} AND NOT {bounced} AND {_u(15)} < 0.55)"
    clicked = f"({opened} AND {_u(0)} < 0.4)"
    open_ts = f"{sent} + to_seconds(600 + CAST(floor({_u(7)} * 172200) AS BIGINT))"
    click_ts = f"{open_ts} + INTERVAL 30 MINUTE"
    pay = _u(11)
    rows = [
        ("true", sent, "sent"),
        (bounced, f"{sent} + INTERVAL 1 MINUTE", "bounced"),
        (f"({email} AND NOT {bounced})", f"{sent} + INTERVAL 1 MINUTE", "delivered"),
        (opened, open_ts, "opened"),
        (clicked, click_ts, "clicked"),
        (clicked, f"{click_ts} + INTERVAL 1 MINUTE", "page_view"),
        (f"({clicked} AND {pay} < 0.7)", f"{click_ts} + INTERVAL 10 MINUTE", "payment_succeeded"),
        (f"({clicked} AND {pay} >= 0.7 AND {pay} < 0.8)", f"{click_ts} + INTERVAL 10 MINUTE",
         "payment_failed"),
    ]  # fmt: skip
    channel = f"CASE WHEN {email} THEN 'email' ELSE 'sms' END"
    parts = [
        f"SELECT 'M' || lpad(CAST(i AS VARCHAR), 9, '0') AS message_id, invoice_id, "
        f"{ts} AS timestamp, {channel} AS channel, '{event}' AS event "
        f"FROM b WHERE kind >= 0.6 AND {cond}"
        for cond, ts, event in rows
    ]
    return " UNION ALL ".join(parts)


def _folder_bytes(folder: Path) -> int:
    if not folder.exists():
        return 0
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def run(folder: Path) -> dict[str, float]:
    """Return seconds, peak memory (GB) and the largest spill (GB) of `kit kpis` on `folder`."""
    spill = folder / "output" / "duckdb-spill"
    largest = [0]
    done = threading.Event()

    def poll() -> None:
        while not done.wait(1.0):
            try:
                largest[0] = max(largest[0], _folder_bytes(spill))
            except OSError:
                continue

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    cmd = [sys.executable, "-c", "from kit.cli import main; main()", "kpis", str(folder)]
    began = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-v", *cmd, "--as-of", AS_OF, "--json"],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    seconds = time.perf_counter() - began
    done.set()
    watcher.join()
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode()[-2000:])
    peak_kb = next(
        int(line.split(":")[1])
        for line in proc.stderr.decode().splitlines()
        if "Maximum resident set size" in line
    )
    kpis = json.loads(proc.stdout)["kpis"]
    return {
        "seconds": seconds,
        "peak_gb": peak_kb / 1024**2,
        "spill_gb": largest[0] / 1024**3,
        "ar_total": kpis["ar_total"],
        "dso": kpis["dso"],
    }


def main() -> None:
    """Parse options, generate when needed, run once and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=100_000_000)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "_work")
    parser.add_argument("--folder", type=Path, help="an engagement to run instead (no data made)")
    args = parser.parse_args()
    folder = args.folder or args.work / f"{args.rows}-parquet"
    if args.folder is None:
        began = time.perf_counter()
        generate(args.rows, folder)
        print(f"data ready in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    result = run(folder)
    shown = {"folder": str(folder)} if args.folder else {"rows": args.rows}
    print(json.dumps({**shown, **result}))


if __name__ == "__main__":
    main()
