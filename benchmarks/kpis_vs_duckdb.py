"""Speed and memory of `kit kpis` against plain DuckDB SQL on 1M and 10M generated invoices.

    .venv/bin/python benchmarks/kpis_vs_duckdb.py [--sizes 1000000 10000000] [--mode auto]
        [--repeat N] [--format csv|parquet] [--engine duckdb|numpy|spark]

Generates invoices, payments, disputes and dunning events (CSV, benchmarks/_work/<rows>/, reused
when present), then runs each side as a fresh process reading the same files: the kit
(`kit kpis ENG --json` when the CLI works, else pandas + compute_kpis) and one DuckDB SQL script
(`tables_sql` + `QUERY`) that loads the four files with explicit types and computes every KPI
the kit reports (all of REGISTRY: receivables, countback, settlement, disputes, digital dunning
with the median response time) and the six aging amounts. Checks that every value agrees
(rel 1e-6, both null counts as agreeing) and prints rows, seconds, ratio and peak memory of each;
with `--repeat N` each side runs N times and the best time (and the largest peak) counts.
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
KPIS = (
    "ar_total", "ar_current", "ar_overdue", "pct_current", "open_credits", "ar_net",
    "credit_sales", "dso", "bpdso", "add", "cei", "dso_countback", "collection_rate",
    "days_to_pay", "days_late", "on_time_rate", "paid_within_45_rate", "dispute_rate",
    "disputed_ar", "dispute_days_to_resolve", "email_bounce_rate", "email_open_rate",
    "email_click_rate", "click_to_open_rate", "landing_page_views", "response_time_hours",
    "payment_success_rate", "dunning_conversion_rate",
)  # fmt: skip
AGING = ("current", "1-30", "31-60", "61-90", "91-180", ">180")
GOAL = 45


def _ids(prefix: str, numbers: np.ndarray) -> pa.Array:
    text = pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), width=9, padding="0")
    return pc.binary_join_element_wise(pa.scalar(prefix), text, "")


def generate(rows: int, folder: Path) -> None:
    """Write invoices, payments, disputes and dunning events (CSV) and engagement.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "engagement.yaml").write_text(
        f"client: Benchmark\nlanguage: en\ncurrency: EUR\nas_of: {AS_OF}\nperiod_days: {P}\n"
        "data:\n  invoices: {path: invoices.csv, date_format: '%Y-%m-%d'}\n"
        "  payments: {path: payments.csv, date_format: '%Y-%m-%d'}\n"
        "  disputes: {path: disputes.csv, date_format: '%Y-%m-%d'}\n"
        "  dunning_events: {path: dunning_events.csv}\n",
        encoding="utf-8",
    )
    if (folder / "dunning_events.csv").exists():
        return
    rng = np.random.default_rng(rows)
    start = np.datetime64("2023-01-01", "D").astype(np.int64)
    issue = start + rng.integers(0, 731, rows)
    terms = rng.choice(np.array([14, 30, 60]), rows)
    amount = np.round(rng.lognormal(6.5, 1.0, rows), 2) + 0.01
    kind = rng.random(rows)  # < .6 one payment, < .85 two payments, < .93 partial, else none
    delay = np.maximum(rng.normal(35, 20, rows), 0).astype(np.int64)
    if not (folder / "payments.csv").exists():
        _write_invoices_and_payments(folder, rng, issue, terms, amount, kind, delay)
    _write_disputes(folder, rng, issue)
    _write_dunning(folder, rng, issue + terms, kind)


def _write_invoices_and_payments(
    folder: Path,
    rng: np.random.Generator,
    issue: np.ndarray,
    terms: np.ndarray,
    amount: np.ndarray,
    kind: np.ndarray,
    delay: np.ndarray,
) -> None:
    rows = issue.shape[0]
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


def _write_disputes(folder: Path, rng: np.random.Generator, issue: np.ndarray) -> None:
    """3 % of invoices disputed 5-40 days after issue; three in four resolved 3-60 days later."""
    at = np.flatnonzero(rng.random(issue.shape[0]) < 0.03)
    opened = issue[at] + rng.integers(5, 41, at.shape[0])
    resolved = opened + rng.integers(3, 61, at.shape[0])
    done = rng.random(at.shape[0]) < 0.75
    table = pa.table(
        {
            "dispute_id": _ids("D", np.arange(at.shape[0])),
            "invoice_id": _ids("INV", at),
            "opened_date": pa.array(opened.astype("datetime64[D]")),
            "resolved_date": pa.array(resolved.astype("datetime64[D]"), mask=~done),
        }
    )
    pacsv.write_csv(table, folder / "disputes.csv")


def _write_dunning(
    folder: Path, rng: np.random.Generator, due: np.ndarray, kind: np.ndarray
) -> None:
    """One reminder (email 85 %, else sms) 3 days after due for every invoice not paid at once.

    Emails bounce (4 %) or are delivered; delivered ones are opened (55 %), opened ones clicked
    (40 %, with a page view), clicks lead to payment_succeeded (70 %) or payment_failed (10 %).
    """
    at = np.flatnonzero(kind >= 0.6)
    n = at.shape[0]
    sent = (due[at] + 3) * 86400 + 9 * 3600  # seconds since 1970
    email = rng.random(n) < 0.85
    bounced = email & (rng.random(n) < 0.04)
    opened = email & ~bounced & (rng.random(n) < 0.55)
    clicked = opened & (rng.random(n) < 0.4)
    paying = rng.random(n)
    open_ts = sent + rng.integers(600, 48 * 3600, n)
    click_ts = open_ts + 1800
    parts = [
        (np.ones(n, bool), sent, "sent"),
        (bounced, sent + 60, "bounced"),
        (email & ~bounced, sent + 60, "delivered"),
        (opened, open_ts, "opened"),
        (clicked, click_ts, "clicked"),
        (clicked, click_ts + 60, "page_view"),
        (clicked & (paying < 0.7), click_ts + 600, "payment_succeeded"),
        (clicked & (paying >= 0.7) & (paying < 0.8), click_ts + 600, "payment_failed"),
    ]
    rows = np.concatenate([np.flatnonzero(mask) for mask, _, _ in parts])
    stamps = np.concatenate([ts[mask] for mask, ts, _ in parts])
    events = np.concatenate([np.full(int(mask.sum()), k) for k, (mask, _, _) in enumerate(parts)])
    order = rng.permutation(rows.shape[0])
    rows, stamps, events = rows[order], stamps[order], events[order]
    names = pa.array([name for _, _, name in parts])
    table = pa.table(
        {
            "message_id": _ids("M", at[rows]),
            "invoice_id": _ids("INV", at[rows]),
            "timestamp": pa.array(stamps.astype("datetime64[s]")),
            "channel": pc.if_else(pa.array(email[rows]), "email", "sms"),
            "event": pc.take(names, pa.array(events)),
        }
    )
    pacsv.write_csv(table, folder / "dunning_events.csv")


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

_CSV = {
    "invoices": "{'invoice_id':'VARCHAR','customer_id':'VARCHAR','issue_date':'DATE',"
    "'due_date':'DATE','amount':'DOUBLE'}",
    "payments": "{'invoice_id':'VARCHAR','payment_date':'DATE','amount':'DOUBLE'}",
    "disputes": "{'dispute_id':'VARCHAR','invoice_id':'VARCHAR','opened_date':'DATE',"
    "'resolved_date':'DATE'}",
    "dunning_events": "{'message_id':'VARCHAR','invoice_id':'VARCHAR','timestamp':'TIMESTAMP',"
    "'channel':'VARCHAR','event':'VARCHAR'}",
}
_SHORT = {"invoices": "inv", "payments": "pay", "disputes": "dis", "dunning_events": "ev"}


def tables_sql(folder: Path, fmt: str) -> str:
    """Return the statements that load the four files into DuckDB tables inv, pay, dis, ev."""
    out = []
    for name, short in _SHORT.items():
        if fmt == "parquet":
            read = f"read_parquet('{folder}/{name}.parquet')"
        else:
            read = f"read_csv('{folder}/{name}.csv', header=true, columns={_CSV[name]})"
        out.append(f"CREATE TEMP TABLE {short} AS SELECT * FROM {read};")
    return "\n".join(out)


#: Every KPI of `kit kpis` and the six aging amounts, as one query (kpis.md definitions).
#: W = (S, T] with S = T − P; open(i, t) = amount − payments up to t, 0 within 1e-9 of 0.
QUERY = """
WITH per AS (
  SELECT invoice_id,
         SUM(amount) FILTER (WHERE payment_date <= DATE '{t}') AS paid_t,
         SUM(amount) FILTER (WHERE payment_date <= DATE '{t}' - {p}) AS paid_s
  FROM pay GROUP BY invoice_id),
cum AS (
  SELECT p.invoice_id, p.payment_date, i.amount AS inv_amount, i.issue_date,
         SUM(p.amount) OVER (PARTITION BY p.invoice_id ORDER BY p.payment_date
                             RANGE UNBOUNDED PRECEDING) AS paid
  FROM pay p JOIN inv i USING (invoice_id)),
settle AS (
  SELECT invoice_id, GREATEST(MIN(payment_date), MIN(issue_date)) AS settled FROM cum
  WHERE inv_amount - paid <= 1e-9 * inv_amount GROUP BY invoice_id),
dflag AS (
  SELECT invoice_id, bool_or(opened_date <= DATE '{t}') AS d_by,
         bool_or(opened_date <= DATE '{t}' AND coalesce(resolved_date > DATE '{t}', true))
           AS d_open
  FROM dis GROUP BY invoice_id),
y AS (
  SELECT i.*, s.settled, coalesce(d.d_by, false) AS d_by, coalesce(d.d_open, false) AS d_open,
    CASE WHEN i.issue_date > DATE '{t}' THEN 0
         ELSE i.amount - COALESCE(per.paid_t, 0) END AS raw_t,
    CASE WHEN i.issue_date > DATE '{t}' - {p} THEN 0
         ELSE i.amount - COALESCE(per.paid_s, 0) END AS raw_s,
    DATE '{t}' - i.due_date AS dpd,
    i.issue_date > DATE '{t}' - {p} AND i.issue_date <= DATE '{t}' AS issued_w,
    s.settled > DATE '{t}' - {p} AND s.settled <= DATE '{t}' AS settled_w
  FROM inv i LEFT JOIN per USING (invoice_id) LEFT JOIN settle s USING (invoice_id)
       LEFT JOIN dflag d USING (invoice_id)),
x AS (
  SELECT *,
    CASE WHEN abs(raw_t) <= 1e-9 * amount THEN 0 ELSE GREATEST(raw_t, 0) END AS open_t,
    CASE WHEN abs(raw_s) <= 1e-9 * amount THEN 0 ELSE GREATEST(raw_s, 0) END AS open_s
  FROM y),
a AS (
  SELECT COALESCE(SUM(open_t), 0) AS ar_total,
    COALESCE(SUM(open_t) FILTER (WHERE dpd <= 0), 0) AS b0,
    COALESCE(SUM(open_t) FILTER (WHERE dpd BETWEEN 1 AND 30), 0) AS b1,
    COALESCE(SUM(open_t) FILTER (WHERE dpd BETWEEN 31 AND 60), 0) AS b2,
    COALESCE(SUM(open_t) FILTER (WHERE dpd BETWEEN 61 AND 90), 0) AS b3,
    COALESCE(SUM(open_t) FILTER (WHERE dpd BETWEEN 91 AND 180), 0) AS b4,
    COALESCE(SUM(open_t) FILTER (WHERE dpd > 180), 0) AS b5,
    COALESCE(SUM(open_s), 0) AS ar_start,
    COALESCE(SUM(amount) FILTER (WHERE issued_w), 0) AS credit_sales,
    COUNT(*) FILTER (WHERE issued_w) AS issued,
    COUNT(*) FILTER (WHERE issued_w AND d_by) AS issued_disputed,
    COALESCE(SUM(open_t) FILTER (WHERE d_open), 0) AS disputed_ar,
    SUM(amount) FILTER (WHERE due_date > DATE '{t}' - {p} AND due_date <= DATE '{t}'
                          AND issue_date <= DATE '{t}') AS due_w,
    COUNT(*) FILTER (WHERE settled_w) AS s_count,
    SUM(amount) FILTER (WHERE settled_w) AS s_amt,
    SUM(amount * (settled - issue_date)) FILTER (WHERE settled_w) AS s_to_pay,
    SUM(amount * (settled - due_date)) FILTER (WHERE settled_w) AS s_late,
    COUNT(*) FILTER (WHERE settled_w AND settled <= due_date) AS s_on_time,
    COUNT(*) FILTER (WHERE settled_w AND settled - issue_date <= {g}) AS s_goal
  FROM x),
cash AS (
  SELECT COALESCE(SUM(amount) FILTER (WHERE payment_date > DATE '{t}' - {p}
                                        AND payment_date <= DATE '{t}'), 0) AS paid_w,
         COALESCE(SUM(amount) FILTER (WHERE invoice_id IS NULL), 0) AS open_credits
  FROM pay),
res AS (
  SELECT COUNT(*) AS n, SUM(resolved_date - opened_date) AS days FROM dis
  WHERE resolved_date > DATE '{t}' - {p} AND resolved_date <= DATE '{t}'),
ms AS (
  SELECT datediff('month', date_trunc('month', issue_date), DATE '{t}') AS back,
         SUM(amount) AS sales
  FROM inv WHERE issue_date <= DATE '{t}' GROUP BY 1),
sl AS (
  SELECT r.k, COALESCE(ms.sales, 0) AS s,
         CASE WHEN r.k = 0 THEN day(DATE '{t}')
              ELSE day(last_day(date_trunc('month', DATE '{t}') - to_months(CAST(r.k AS INTEGER))))
         END AS d
  FROM range(0, (SELECT MAX(back) + 1 FROM ms)) r(k) LEFT JOIN ms ON ms.back = r.k),
c AS (
  SELECT k, s, d, SUM(s) OVER w AS cum, SUM(s) OVER w - s AS before, SUM(d) OVER w - d AS d_before
  FROM sl WINDOW w AS (ORDER BY k ROWS UNBOUNDED PRECEDING)),
cb AS (
  SELECT CASE WHEN a.ar_total <= 0 THEN 0 ELSE COALESCE(
    (SELECT arg_min(d_before + COALESCE(LEAST(GREATEST((a.ar_total - before) / NULLIF(s, 0), 0),
                                             1), 0) * d, k)
     FROM c WHERE cum >= a.ar_total - 1e-9 * GREATEST(a.ar_total, 1)),
    (SELECT SUM(d) FROM c)) END AS countback
  FROM a),
evw AS (
  SELECT * FROM ev WHERE timestamp >= CAST(DATE '{t}' - {p} + 1 AS TIMESTAMP)
                     AND timestamp < CAST(DATE '{t}' + 1 AS TIMESTAMP)),
msg AS (
  SELECT message_id, arg_min(channel, timestamp) AS channel,
         arg_min(invoice_id, timestamp) AS invoice_id,
         bool_or(event = 'bounced') AS bounced, bool_or(event = 'opened') AS opened,
         bool_or(event = 'clicked') AS clicked,
         MIN(timestamp) FILTER (WHERE event = 'sent') AS sent_ts
  FROM evw GROUP BY message_id HAVING bool_or(event = 'sent')),
conv AS (
  SELECT m.*, s.settled >= CAST(m.sent_ts AS DATE)
              AND s.settled <= LEAST(CAST(m.sent_ts AS DATE) + 14, DATE '{t}') AS converted
  FROM msg m LEFT JOIN settle s USING (invoice_id)),
resp AS (
  SELECT invoice_id, timestamp AS ts FROM evw
  WHERE event IN ('clicked', 'page_view', 'replied', 'promise_to_pay', 'payment_succeeded')),
rt AS (
  SELECT MEDIAN(epoch(r.ts - m.sent_ts) / 3600.0) AS hours
  FROM msg m ASOF JOIN resp r ON m.invoice_id = r.invoice_id AND r.ts > m.sent_ts
  WHERE r.ts - m.sent_ts <= INTERVAL 14 DAY),
dg AS (
  SELECT COUNT(*) FILTER (WHERE channel = 'email') AS e_sent,
         COUNT(*) FILTER (WHERE channel = 'email' AND bounced) AS e_bounced,
         COUNT(*) FILTER (WHERE channel = 'email' AND opened) AS e_opened,
         COUNT(*) FILTER (WHERE channel = 'email' AND clicked) AS e_clicked,
         COUNT(*) AS reminders, COUNT(*) FILTER (WHERE converted) AS converted
  FROM conv),
de AS (
  SELECT COUNT(*) FILTER (WHERE event = 'page_view') AS views,
         COUNT(*) FILTER (WHERE event = 'payment_succeeded') AS ok,
         COUNT(*) FILTER (WHERE event = 'payment_failed') AS failed
  FROM evw)
SELECT a.ar_total, a.b0 AS ar_current, a.ar_total - a.b0 AS ar_overdue,
  a.b0 / NULLIF(a.ar_total, 0) * 100 AS pct_current, cash.open_credits,
  a.ar_total - cash.open_credits AS ar_net, a.credit_sales,
  a.ar_total / NULLIF(a.credit_sales, 0) * {p} AS dso,
  a.b0 / NULLIF(a.credit_sales, 0) * {p} AS bpdso,
  (a.ar_total - a.b0) / NULLIF(a.credit_sales, 0) * {p} AS add,
  (a.ar_start + a.credit_sales - a.ar_total)
    / NULLIF(a.ar_start + a.credit_sales - a.b0, 0) * 100 AS cei,
  cb.countback AS dso_countback,
  cash.paid_w / NULLIF(a.due_w, 0) * 100 AS collection_rate,
  a.s_to_pay / NULLIF(a.s_amt, 0) AS days_to_pay, a.s_late / NULLIF(a.s_amt, 0) AS days_late,
  a.s_on_time / NULLIF(a.s_count, 0) * 100 AS on_time_rate,
  a.s_goal / NULLIF(a.s_count, 0) * 100 AS paid_within_45_rate,
  a.issued_disputed / NULLIF(a.issued, 0) * 100 AS dispute_rate, a.disputed_ar,
  res.days / NULLIF(res.n, 0) AS dispute_days_to_resolve,
  dg.e_bounced / NULLIF(dg.e_sent, 0) * 100 AS email_bounce_rate,
  dg.e_opened / NULLIF(dg.e_sent - dg.e_bounced, 0) * 100 AS email_open_rate,
  dg.e_clicked / NULLIF(dg.e_sent - dg.e_bounced, 0) * 100 AS email_click_rate,
  dg.e_clicked / NULLIF(dg.e_opened, 0) * 100 AS click_to_open_rate,
  de.views AS landing_page_views, rt.hours AS response_time_hours,
  de.ok / NULLIF(de.ok + de.failed, 0) * 100 AS payment_success_rate,
  dg.converted / NULLIF(dg.reminders, 0) * 100 AS dunning_conversion_rate,
  a.b0 AS "aging:current", a.b1 AS "aging:1-30", a.b2 AS "aging:31-60", a.b3 AS "aging:61-90",
  a.b4 AS "aging:91-180", a.b5 AS "aging:>180"
FROM a, cash, res, cb, rt, dg, de
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
    types = {"disputes": {"resolved_date": pa.date32(), "opened_date": pa.date32()}}
    for name in _SHORT:
        if not (out / f"{name}.parquet").exists():
            opts = pacsv.ConvertOptions(column_types=types.get(name, {}))
            table = pacsv.read_csv(folder / f"{name}.csv", convert_options=opts)
            pq.write_table(table, out / f"{name}.parquet")
    listed = "".join(f"  {name}: {{path: {name}.parquet}}\n" for name in _SHORT)
    (out / "engagement.yaml").write_text(
        f"client: Benchmark\nlanguage: en\ncurrency: EUR\nas_of: {AS_OF}\nperiod_days: {P}\n"
        f"data:\n{listed}",
        encoding="utf-8",
    )
    return out


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


def _same(kit: float | None, duck: float | None) -> bool:
    """Return True when both are null or agree to rel 1e-6 (abs 1e-6 near 0)."""
    if kit is None or duck is None:
        return kit is None and duck is None
    return bool(np.isclose(kit, duck, rtol=1e-6, atol=1e-6))


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
    out_kit = out
    sql = tables_sql(target, fmt) + QUERY.format(t=AS_OF, p=P, g=GOAL)
    duck_s, duck_gb, out = _best([sys.executable, "-c", _DUCK, sql], repeat)
    duck_vals = json.loads(out)
    kit_vals = {**kit_vals, **{f"aging:{b}": v for b, v in json.loads(out_kit)["aging"].items()}}
    bad = [
        k for k in (*KPIS, *(f"aging:{b}" for b in AGING)) if not _same(kit_vals[k], duck_vals[k])
    ]
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
            pairs = {k: (r["kit"][k], r["duck"][k]) for k in r["mismatch"]}  # type: ignore[index, attr-defined]
            print(json.dumps(pairs), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
