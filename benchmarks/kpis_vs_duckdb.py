"""Speed and memory of the KPI engine against DuckDB on 1M and 10M generated invoices.

    .venv/bin/python benchmarks/kpis_vs_duckdb.py [--sizes 1000000 10000000] [--mode auto]
        [--repeat N] [--format csv|parquet] [--engine duckdb|numpy|spark]

Generates invoices.csv and payments.csv (benchmarks/_work/<rows>/, reused when present), then
runs each side as a fresh process reading the same CSVs: the kit (`kit kpis ENG --json` when the
CLI works, else pandas + compute_kpis) and DuckDB SQL computing the same core KPIs. Checks the
values agree (rel 1e-6) and prints rows, seconds, ratio and peak memory of each; with
`--repeat N` each side runs N times and the best time (and the largest peak) counts.
`--format parquet` writes Parquet copies (engagement-parquet/) and reads those on both sides;
`--engine` is passed to `kit kpis --engine`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "_work"
AS_OF = "2024-12-31"
P = 90
CORE = (
    "ar_total", "ar_current", "credit_sales", "dso", "bpdso", "add", "cei", "collection_rate",
    "days_to_pay",
)  # fmt: skip


def _ids(prefix: str, numbers: np.ndarray) -> pa.Array:
    text = pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), width=9, padding="0")
    return pc.binary_join_element_wise(pa.scalar(prefix), text, "")


def generate(rows: int, folder: Path) -> None:
    """Write invoices.csv, payments.csv and engagement.yaml for `rows` invoices."""
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / "payments.csv").exists():
        return
    rng = np.random.default_rng(rows)
    start = np.datetime64("2023-01-01", "D").astype(np.int64)
    issue = start + rng.integers(0, 731, rows)
    terms = rng.choice(np.array([14, 30, 60]), rows)
    amount = np.round(rng.lognormal(6.5, 1.0, rows), 2) + 0.01
    inv = pa.table(
        {
            "invoice_id": _ids("INV", np.arange(rows)),
            "customer_id": _ids("C", rng.integers(0, max(rows // 50, 1), rows)),
            "issue_date": pa.array(issue.astype("datetime64[D]")),
            "due_date": pa.array((issue + terms).astype("datetime64[D]")),
            "amount": amount,
        }
    )
    pacsv.write_csv(inv, folder / "invoices.csv")
    del inv
    kind = rng.random(rows)  # < .6 one payment, < .85 two payments, < .93 partial, else none
    delay = np.maximum(rng.normal(35, 20, rows), 0).astype(np.int64)
    one = np.flatnonzero(kind < 0.6)
    two = np.flatnonzero((kind >= 0.6) & (kind < 0.85))
    part = np.flatnonzero((kind >= 0.85) & (kind < 0.93))
    first = np.round(amount[two] * 0.4, 2)
    pay_inv = np.concatenate([one, two, two, part])
    pay_day = np.concatenate([issue[one] + delay[one], issue[two] + delay[two] // 2,
                              issue[two] + delay[two], issue[part] + delay[part]])  # fmt: skip
    pay_amt = np.concatenate([amount[one], first, np.round(amount[two] - first, 2),
                              np.round(amount[part] * 0.5, 2)])  # fmt: skip
    order = rng.permutation(pay_inv.shape[0])
    pays = pa.table(
        {
            "invoice_id": _ids("INV", pay_inv[order]),
            "payment_date": pa.array(pay_day[order].astype("datetime64[D]")),
            "amount": pay_amt[order],
        }
    )
    pacsv.write_csv(pays, folder / "payments.csv")
    (folder / "engagement.yaml").write_text(
        f"client: Benchmark\nlanguage: en\ncurrency: EUR\nas_of: {AS_OF}\nperiod_days: {P}\n"
        "data:\n  invoices: {path: invoices.csv, date_format: '%Y-%m-%d'}\n"
        "  payments: {path: payments.csv, date_format: '%Y-%m-%d'}\n",
        encoding="utf-8",
    )


_DIRECT = """
import json, sys
from datetime import date
import pyarrow as pa
import pyarrow.csv as pacsv
from kit.kpis import compute_kpis
from kit.ledger import Ledger
f = sys.argv[1]
def read(name, types):
    opts = pacsv.ConvertOptions(column_types=types)
    return pacsv.read_csv(f"{f}/{name}", convert_options=opts).to_pandas()
d = pa.timestamp("ns")
inv = read("invoices.csv", {"invoice_id": pa.string(), "customer_id": pa.string(),
                            "issue_date": d, "due_date": d, "amount": pa.float64()})
pay = read("payments.csv", {"invoice_id": pa.string(), "payment_date": d, "amount": pa.float64()})
r = compute_kpis(Ledger(invoices=inv, payments=pay), as_of=date.fromisoformat(sys.argv[2]),
                 period_days=int(sys.argv[3]))
print(json.dumps(r.to_json_dict(client="Benchmark", currency="EUR")))
"""

SQL = """
CREATE TEMP TABLE inv AS SELECT * FROM read_csv('{f}/invoices.csv', header=true,
  columns={{'invoice_id':'VARCHAR','customer_id':'VARCHAR','issue_date':'DATE',
            'due_date':'DATE','amount':'DOUBLE'}});
CREATE TEMP TABLE pay AS SELECT * FROM read_csv('{f}/payments.csv', header=true,
  columns={{'invoice_id':'VARCHAR','payment_date':'DATE','amount':'DOUBLE'}});
WITH per AS (
  SELECT p.invoice_id,
         SUM(p.amount) FILTER (WHERE p.payment_date <= DATE '{t}') AS paid_t,
         SUM(p.amount) FILTER (WHERE p.payment_date <= DATE '{t}' - {p}) AS paid_s,
         SUM(p.amount) FILTER (WHERE p.payment_date > DATE '{t}' - {p}
                                 AND p.payment_date <= DATE '{t}') AS paid_w
  FROM pay p GROUP BY p.invoice_id),
cum AS (
  SELECT p.invoice_id, p.payment_date, i.amount AS inv_amount, i.issue_date,
         SUM(p.amount) OVER (PARTITION BY p.invoice_id ORDER BY p.payment_date
                             ROWS UNBOUNDED PRECEDING) AS paid
  FROM pay p JOIN inv i USING (invoice_id)),
settle AS (
  SELECT invoice_id, GREATEST(MIN(payment_date), MIN(issue_date)) AS settled FROM cum
  WHERE inv_amount - paid <= 1e-9 * inv_amount GROUP BY invoice_id),
x AS (
  SELECT i.*, s.settled, COALESCE(per.paid_w, 0) AS paid_w,
    CASE WHEN i.issue_date > DATE '{t}' THEN 0
         WHEN i.amount - COALESCE(per.paid_t, 0) <= 1e-9 * i.amount THEN 0
         ELSE i.amount - COALESCE(per.paid_t, 0) END AS open_t,
    CASE WHEN i.issue_date > DATE '{t}' - {p} THEN 0
         WHEN i.amount - COALESCE(per.paid_s, 0) <= 1e-9 * i.amount THEN 0
         ELSE i.amount - COALESCE(per.paid_s, 0) END AS open_s
  FROM inv i LEFT JOIN per USING (invoice_id) LEFT JOIN settle s USING (invoice_id)),
a AS (
  SELECT SUM(open_t) AS ar_total,
         SUM(open_t) FILTER (WHERE due_date >= DATE '{t}') AS ar_current,
         SUM(open_s) AS ar_start,
         SUM(amount) FILTER (WHERE issue_date > DATE '{t}' - {p}
                               AND issue_date <= DATE '{t}') AS credit_sales,
         SUM(paid_w) AS paid_w,
         SUM(amount) FILTER (WHERE due_date > DATE '{t}' - {p} AND due_date <= DATE '{t}'
                               AND issue_date <= DATE '{t}') AS due_w,
         SUM(amount * (settled - issue_date)) FILTER (WHERE settled > DATE '{t}' - {p}
                               AND settled <= DATE '{t}') AS s_days,
         SUM(amount) FILTER (WHERE settled > DATE '{t}' - {p} AND settled <= DATE '{t}') AS s_amt
  FROM x)
SELECT ar_total, ar_current, credit_sales,
       ar_total / credit_sales * {p} AS dso, ar_current / credit_sales * {p} AS bpdso,
       (ar_total - ar_current) / credit_sales * {p} AS add,
       (ar_start + credit_sales - ar_total) / (ar_start + credit_sales - ar_current) * 100 AS cei,
       paid_w / due_w * 100 AS collection_rate, s_days / s_amt AS days_to_pay
FROM a
"""

_DUCK = """
import json, sys
import duckdb
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
stmts = [s for s in sys.argv[1].split(";") if s.strip()]
for s in stmts[:-1]:
    con.execute(s)
row = con.execute(stmts[-1]).fetchone()
names = [d[0] for d in con.description]
print(json.dumps(dict(zip(names, row))))
"""


def parquet_copy(folder: Path) -> Path:
    """Return a folder with Parquet copies of the CSVs and an engagement.yaml reading them."""
    out = folder / "engagement-parquet"
    out.mkdir(exist_ok=True)
    for name in ("invoices", "payments"):
        if not (out / f"{name}.parquet").exists():
            pq.write_table(pacsv.read_csv(folder / f"{name}.csv"), out / f"{name}.parquet")
    (out / "engagement.yaml").write_text(
        f"client: Benchmark\nlanguage: en\ncurrency: EUR\nas_of: {AS_OF}\nperiod_days: {P}\n"
        "data:\n  invoices: {path: invoices.parquet}\n  payments: {path: payments.parquet}\n",
        encoding="utf-8",
    )
    return out


def _parquet_sql(sql: str, folder: Path) -> str:
    """Return the benchmark SQL reading the Parquet copies instead of the CSVs."""
    rest = sql.split("WITH per AS", 1)[1]
    tables = (
        f"CREATE TEMP TABLE inv AS SELECT * FROM read_parquet('{folder}/invoices.parquet');\n"
        f"CREATE TEMP TABLE pay AS SELECT * FROM read_parquet('{folder}/payments.parquet');\n"
    )
    return tables + "WITH per AS" + rest


def _run_measured(cmd: list[str]) -> tuple[float, float, str]:
    """Like _run, but measured with /usr/bin/time -v for the child's own peak memory."""
    began = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - began
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {proc.stderr.decode()[-2000:]}")
    peak_kb = next(
        int(line.split(":")[1])
        for line in proc.stderr.decode().splitlines()
        if "Maximum resident set size" in line
    )
    return seconds, peak_kb / 1024**2, proc.stdout.decode()


def _kit_cmd(folder: Path, mode: str) -> tuple[list[str], str]:
    if mode in ("auto", "cli"):
        try:
            import kit.cli as cli

            if hasattr(cli, "main"):
                exe = [sys.executable, "-c", "from kit.cli import main; main()"]
                return [*exe, "kpis", str(folder), "--as-of", AS_OF, "--json"], "cli"
        except ImportError:
            if mode == "cli":
                raise
    return [sys.executable, "-c", _DIRECT, str(folder), AS_OF, str(P)], "direct"


def _best(cmd: list[str], repeat: int) -> tuple[float, float, str]:
    """Return the fastest of `repeat` runs, the largest peak (GB) of all and the last output."""
    runs = [_run_measured(cmd) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]


def bench(
    rows: int,
    mode: str,
    repeat: int = 1,
    *,
    fmt: str = "csv",
    engine: str | None = None,
    work: Path = WORK,
) -> dict[str, object]:
    """Return timings (best of `repeat`), peaks and the agreement check for one size."""
    folder = work / str(rows)
    t0 = time.perf_counter()
    generate(rows, folder)
    target = parquet_copy(folder) if fmt == "parquet" else folder
    print(f"{rows:,} rows: data ready in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    cmd, used = _kit_cmd(target, mode)
    if used == "cli" and engine:
        cmd = [*cmd, "--engine", engine]
    try:
        kit_s, kit_gb, out = _best(cmd, repeat)
    except RuntimeError as exc:
        if used != "cli" or mode == "cli":
            raise
        print(f"CLI failed, timing the direct path instead: {exc}", file=sys.stderr)
        cmd, used = _kit_cmd(folder, "direct")
        kit_s, kit_gb, out = _best(cmd, repeat)
    kit_vals = json.loads(out)["kpis"]
    sql = SQL.format(f=folder.as_posix(), t=AS_OF, p=P)
    if fmt == "parquet":
        sql = _parquet_sql(sql, target)
    duck_s, duck_gb, out = _best([sys.executable, "-c", _DUCK, sql], repeat)
    duck_vals = json.loads(out)
    bad = [k for k in CORE if not np.isclose(kit_vals[k], duck_vals[k], rtol=1e-6, atol=0.0)]
    return {"rows": rows, "mode": used, "kit_s": kit_s, "duck_s": duck_s, "kit_gb": kit_gb,
            "duck_gb": duck_gb, "mismatch": bad, "kit": kit_vals, "duck": duck_vals}  # fmt: skip


def main() -> None:
    """Parse options, run the sizes and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--mode", choices=["auto", "cli", "direct"], default="auto")
    parser.add_argument("--repeat", type=int, default=1, help="runs per side; the best counts")
    parser.add_argument("--format", choices=["csv", "parquet"], default="csv")
    parser.add_argument("--work", type=Path, default=WORK, help="folder for the generated data")
    parser.add_argument("--engine", default=None, help="kit kpis --engine (default: duckdb)")
    args = parser.parse_args()
    results = [
        bench(
            n, args.mode, max(args.repeat, 1), fmt=args.format, engine=args.engine, work=args.work
        )
        for n in args.sizes
    ]
    print(f"{'rows':>12} {'kit via':>7} {'kit s':>8} {'DuckDB s':>9} {'ratio':>6} "
          f"{'kit GB':>7} {'DuckDB GB':>9}  values")  # fmt: skip
    for r in results:
        ok = "agree (rel 1e-6)" if not r["mismatch"] else f"DIFFER: {r['mismatch']}"
        ratio = float(r["kit_s"]) / float(r["duck_s"])  # type: ignore[arg-type]
        print(f"{r['rows']:>12,} {r['mode']:>7} {r['kit_s']:>8.2f} {r['duck_s']:>9.2f} "
              f"{ratio:>6.2f} {r['kit_gb']:>7.2f} {r['duck_gb']:>9.2f}  {ok}")  # fmt: skip
    if any(r["mismatch"] for r in results):
        for r in results:
            print(json.dumps({k: (r["kit"][k], r["duck"][k]) for k in CORE}), file=sys.stderr)  # type: ignore[index]
        sys.exit(1)


if __name__ == "__main__":
    main()
