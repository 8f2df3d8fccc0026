"""Ledger files read by DuckDB itself: typed reads, the ingest rules as counts, the timeline once.

`kit kpis` on the DuckDB engine need not build pandas frames: CSV and Parquet sources are read
by DuckDB (`read_csv` with explicit column types, `read_parquet`), every ingest rule that could
block or change a row is counted in one query per table, and the per-invoice timeline
(settlement date of each invoice, the settlement events, cash, disputes) is materialised once
as DuckDB tables for the Ibis aggregates of `queries`. Only few rows come back to Python.

Whenever a source is not a plain file this path understands (a ledger of line items, xlsx,
value maps, filters, fx, a decimal comma, …), or any count finds a row the pandas ingest would
report, exclude or reinterpret, `load` returns None and the caller takes the pandas path, which
reports exactly as before (same problems, rows and accounting).
"""

# SQL is assembled from canonical column names and values quoted by _literal and _quote.
# ruff: noqa: S608

from __future__ import annotations

import codecs
import csv
import datetime as dt
import importlib
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kit.containment import is_inside
from kit.engagement import Engagement, Source
from kit.ingest.parsing import kind_of
from kit.ingest.schema import plausible_range
from kit.kpis.digital import (
    RESPONSES,
    WINDOW_DAYS,
    Digital,
    Messages,
    digital,
    message_table,
    window_events,
)
from kit.kpis.timeline import EXACT_DIGITS, NEVER, TOLERANCE
from kit.ledger import CANONICAL, CHANNELS, EVENTS

if TYPE_CHECKING:
    from kit.kpis.backends.tables import Tables

__all__ = ["MEMORY_LIMIT", "SPILL_FOLDER", "Native", "load", "quiet_progress", "window_digital"]

_SUFFIXES = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".parquet": "parquet", ".pq": "parquet"}
_SEPARATORS = ",;\t|"
_TYPES = {"id": "VARCHAR", "text": "VARCHAR", "number": "DOUBLE", "date": "DATE"}
_TYPES["datetime"] = "TIMESTAMP"
#: Memory DuckDB may use before it spills to disk (a 10M-invoice ledger fits under 4 GB).
MEMORY_LIMIT = "3GB"
#: Folder of the engagement's output where DuckDB spills (created only when it does).
SPILL_FOLDER = "duckdb-spill"
#: Tables this path reads, customers first (it holds no rows the KPIs use, only its rule).
_TABLES = ("customers", "invoices", "payments", "disputes", "dunning_events")


@dataclass(frozen=True)
class Native:
    """The timeline tables of an engagement read by DuckDB, and what the ledger holds."""

    raw: Any  # the DuckDB connection holding kit_invoices, kit_events, kit_credits, kit_disputes
    first_day: int  # the first issue day (epoch days), 0 without invoices
    has_disputes: bool
    has_resolved: bool
    paid_at: tuple[int, int] | None  # (T, T − P) when kit_invoices carries paid_t and paid_s
    has_settlements: bool  # a payments table or a paid date (else settlement KPIs are null)
    has_events: bool  # a dunning_events table with rows

    @property
    def tables(self) -> Tables:
        """Return the tables as unbound Ibis tables (for `run.Backend`; imports Ibis)."""
        from kit.kpis.backends.tables import named_tables

        return named_tables(
            first_day=self.first_day,
            has_disputes=self.has_disputes,
            has_resolved=self.has_resolved,
            paid_at=self.paid_at,
        )

    @property
    def con(self) -> Any:
        """Return the Ibis DuckDB backend on the connection (imports Ibis)."""
        import ibis

        return ibis.duckdb.from_connection(self.raw)


#: What the aggregates need, imported while DuckDB reads the files (DuckDB releases the
#: interpreter lock). The compiled aggregates (`compiled`) need no Ibis.
_AFTER_READING = ("kit.kpis.backends.compiled",)


def _import_after_reading() -> None:
    for name in _AFTER_READING:
        try:
            importlib.import_module(name)
        except ImportError:
            return  # imported again where it is used, which reports the failure


def quiet_progress(raw: Any) -> None:
    """Switch DuckDB's progress bar off (it would print into `--json` output).

    In a Jupyter kernel without ipywidgets DuckDB refuses the setting; it draws no bar there,
    so the refusal is ignored.
    """
    import duckdb

    try:
        raw.execute("SET enable_progress_bar = false")
    except duckdb.Error:
        return


def _do(raw: Any, sql: str) -> None:
    """Run a statement on the DuckDB connection and finish its result."""
    raw.execute(sql).fetchall()


def _one(raw: Any, sql: str) -> tuple[Any, ...]:
    """Return the one row of a query."""
    rows = raw.execute(sql).fetchall()
    return tuple(rows[0]) if rows else ()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _plain(source: Source) -> bool:
    """Return True when the source needs nothing the DuckDB reader does not do itself."""
    utf8 = codecs.lookup(source.encoding).name == "utf-8"
    return (
        utf8
        and source.decimal == "."
        and source.thousands is None
        and source.skiprows == 0
        and not source.values
        and not source.filter
        and not source.fx
        and not source.dayfirst
        and (source.sep is None or len(source.sep) == 1)
    )


def _header(file: Path, source: Source) -> tuple[list[str], str] | None:
    """Return the CSV header names (as the pandas reader cleans them) and the separator."""
    with file.open("rb") as handle:
        sample = handle.read(64 * 1024)
    if not sample.strip() or b"\x00" in sample or sample.startswith(b"PK\x03\x04"):
        return None
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = sample[: sample.rfind(b"\n") + 1].decode("utf-8-sig", errors="strict")
    lines = text.splitlines()[:50]
    if len(lines) < 2:
        return None
    sep = source.sep
    if sep is None:
        try:
            sep = csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=_SEPARATORS).delimiter
        except csv.Error:
            return None
    return [_clean(n) for n in next(csv.reader([lines[0]], delimiter=sep))], sep


def _clean(name: str) -> str:
    return unicodedata.normalize("NFC", name.lstrip("\ufeff").strip())


def _rename(found: list[str], source: Source, table: str) -> dict[str, str] | None:
    """Return canonical name → header of every canonical column present, None when unclear."""
    if len(set(found)) != len(found):
        return None
    if any(src not in found for src in source.columns):
        return None
    target = {src: source.columns.get(src, src) for src in found}
    names = list(target.values())
    if len(set(names)) != len(names):
        return None
    required, optional = CANONICAL[table]
    if any(name not in names for name in required):
        return None
    return {canon: src for src, canon in target.items() if canon in (*required, *optional)}


def _source_sql(
    raw_con: Any, file: Path, source: Source, table: str
) -> tuple[str, dict[str, str]] | None:
    """Return a SELECT of the canonical columns (typed) and the canonical → header map."""
    kind = source.format or _SUFFIXES.get(file.suffix.lower(), "csv")
    if kind == "csv":
        head = _header(file, source)
        if head is None:
            return None
        found, sep = head
        columns = _rename(found, source, table)
        if columns is None:
            return None
        if any(kind_of(c) == "bool" for c in columns):
            return None  # yes/no spellings are the pandas ingest's (a `disputed` column)
        by_header = {src: canon for canon, src in columns.items()}
        types = {n: _TYPES[kind_of(by_header[n])] if n in by_header else "VARCHAR" for n in found}
        spec = ", ".join(f"{_literal(n)}: {_literal(t)}" for n, t in types.items())
        options = [f"columns = {{{spec}}}", "header = true", f"delim = {_literal(sep)}"]
        options += ["quote = '\"'", "escape = '\"'", "auto_detect = false", "strict_mode = true"]
        if source.date_format:
            options.append(f"dateformat = {_literal(source.date_format)}")
        read = f"read_csv({_literal(str(file))}, {', '.join(options)})"
        select = ", ".join(f"{_quote(src)} AS {canon}" for canon, src in columns.items())
        return f"SELECT {select} FROM {read}", columns
    if kind != "parquet":
        return None
    return _parquet_sql(raw_con, file, source, table)


def _parquet_sql(
    raw_con: Any, file: Path, source: Source, table: str
) -> tuple[str, dict[str, str]] | None:
    read = f"read_parquet({_literal(str(file))})"
    described = raw_con.execute(f"DESCRIBE SELECT * FROM {read}").fetchall()
    found = [_clean(str(row[0])) for row in described]
    raw = {_clean(str(row[0])): str(row[0]) for row in described}
    kinds = {_clean(str(row[0])): str(row[1]) for row in described}
    columns = _rename(found, source, table)
    if columns is None:
        return None
    parts = []
    for canon, src in columns.items():
        kind, have = kind_of(canon), kinds[src]
        if kind in ("id", "text") and have != "VARCHAR":
            return None
        if kind == "number" and not (have == "DOUBLE" or have.startswith("DECIMAL")):
            return None
        if kind == "date" and have not in ("DATE", "TIMESTAMP", "TIMESTAMP_NS"):
            return None
        if kind == "datetime" and have not in ("TIMESTAMP", "TIMESTAMP_NS"):
            return None
        if kind == "bool":
            return None
        cast = f"CAST({_quote(raw[src])} AS {_TYPES[kind]})"
        parts.append(f"{cast} AS {canon}")
    return f"SELECT {', '.join(parts)} FROM {read}", columns


def _text_ok(column: str) -> str:
    """Return SQL true when a text cell has no surrounding blank (pandas would strip it)."""
    return f"(ascii({column}) BETWEEN 33 AND 126 AND ascii(right({column}, 1)) BETWEEN 33 AND 126)"


def _broken(
    name: str, columns: set[str], *, currency: str, today: dt.date, max_amount: float
) -> str:
    """Return SQL that is true for a row of table `name` that some ingest rule reports."""
    lo, hi = (d.date() for d in plausible_range(today))
    required, _ = CANONICAL[name]
    checks = [f"{c} IS NULL" for c in required]
    for column in sorted(columns):
        kind = kind_of(column)
        if kind == "id":  # other text does not enter the KPIs (channel, event: listed below)
            checks.append(f"NOT {_text_ok(column)}")
        if kind in ("date", "datetime"):
            checks.append(f"{column} < DATE '{lo}' OR {column} > DATE '{hi}'")
        if column == "amount":
            checks.append("amount <= 0 OR isnan(amount)")
        if column in ("amount", "credit_limit"):  # beyond plausibility.max_amount: refused
            checks.append(f"abs({column}) > {float(max_amount)!r}")
    if "currency" in columns:
        checks.append(f"currency IS DISTINCT FROM {_literal(currency)}")
    for column, allowed in (
        ("channel", CHANNELS),
        ("event", EVENTS),
        ("preferred_channel", CHANNELS),
    ):
        if column in columns:
            listed = ", ".join(map(_literal, allowed))
            checks.append(f"{column} NOT IN ({listed})")
    checks += _cross_rules(name, columns)
    return " OR ".join(f"coalesce({c}, false)" for c in checks)


#: The id column of each table that must not repeat (as ingest checks).
_UNIQUE = {
    "customers": "customer_id",
    "invoices": "invoice_id",
    "payments": "payment_id",
    "disputes": "dispute_id",
}
#: Columns each table keeps for the timeline once its rules are counted.
_KEEP = {
    "customers": ("customer_id",),
    "invoices": ("invoice_id", "issue_date", "due_date", "amount", "paid_date"),
    "payments": ("_pos", "_owed", "payment_date", "amount", "payment_id"),
    "disputes": ("_pos", "opened_date", "resolved_date", "dispute_id"),
    "dunning_events": ("invoice_id", "timestamp", "channel", "event", "message_id"),
}


def _counts(name: str, columns: set[str]) -> str:
    """Return the SQL of (rows, rows breaking a rule + repeated ids) of table `name`.

    Repeated ids are counted on 64-bit hashes: equal ids have equal hashes, so no repeat goes
    unnoticed; a hash collision only makes pandas check the table exactly.
    """
    beyond_rows = "0"  # repeated ids, or dunning events of invoices the invoices do not hold
    key = _UNIQUE.get(name)
    if key in columns:
        beyond_rows = f"count({key}) - count(DISTINCT hash({key}))"
    if name == "dunning_events":  # events keep their invoice_id: unknown ones counted here
        beyond_rows = (
            "(SELECT count(*) FROM src_dunning_events e ANTI JOIN src_invoices i "
            "ON i.invoice_id = e.invoice_id)"
        )
    return f"SELECT count(*), count(*) FILTER (WHERE _bad) + {beyond_rows} FROM src_{name}"


def _cross_rules(name: str, columns: set[str]) -> list[str]:
    """Return the date-order and reference rules of ingest as SQL conditions (true = broken)."""
    checks = []
    if name == "invoices":
        checks.append("due_date < issue_date")
        if "paid_date" in columns:
            checks.append("paid_date < issue_date")
        if "customers" in columns:
            checks.append("_known_customer IS NULL")
    if name == "disputes" and "resolved_date" in columns:
        checks.append("resolved_date < opened_date")
    if name in ("payments", "disputes"):
        checks.append("_pos IS NULL")  # an invoice_id the invoices do not hold
    if name == "payments":
        checks.append("payment_date < _issue")
    return checks


def load(
    engagement: Engagement,
    *,
    today: dt.date | None = None,
    paid_at: tuple[int, int] | None = None,
) -> Native | None:
    """Return the engagement's timeline tables in DuckDB, or None when pandas must ingest.

    None means: a source this path does not read, or a row some ingest rule would report,
    leave out or reinterpret (the pandas ingest then reports it exactly as always).
    `paid_at` = (T, T − P) in epoch days: the invoices also carry what was paid up to each
    (`Tables.paid_at`), summed in the pass that finds their settlement dates.
    """
    import duckdb

    data = engagement.data
    if data.ledger is not None or data.invoices is None:
        return None
    warm = threading.Thread(target=_import_after_reading, name="kit-import", daemon=True)
    warm.start()
    raw = duckdb.connect()
    quiet_progress(raw)
    _do(raw, "SET TimeZone = 'UTC'")  # as the Ibis backend sets it
    # Beyond MEMORY_LIMIT DuckDB spills to disk, inside the engagement's output folder.
    _do(raw, f"SET memory_limit = {_literal(MEMORY_LIMIT)}")
    output = engagement.output_dir
    if output.is_symlink() or (output.exists() and not is_inside(output, engagement.root)):
        return None  # DuckDB would spill wherever the link points (`kit run` refuses it)
    output.mkdir(exist_ok=True)  # DuckDB makes the spill folder itself
    _do(raw, f"SET temp_directory = {_literal(str(engagement.output_dir / SPILL_FOLDER))}")
    _do(raw, "SET preserve_insertion_order = false")  # row order carries no meaning here
    present: dict[str, set[str]] = {}
    for name in _TABLES:
        source = getattr(data, name)
        if source is None:
            continue
        if not _plain(source):
            return None
        file = source.path if source.path.is_absolute() else engagement.root / source.path
        if not file.is_file() or file.stat().st_size == 0:
            return None
        try:
            built = _source_sql(raw, file, source, name)
            if built is None:
                return None
            columns = set(built[1])
            if name == "invoices" and "customers" in present:
                columns.add("customers")
            bad = _broken(
                name,
                columns,
                currency=engagement.currency,
                today=today or dt.date.today(),
                max_amount=engagement.plausibility.max_amount,
            )
            kept = [c for c in _KEEP[name] if c in columns or c in ("_pos", "_owed")]
            _do(
                raw,
                f"CREATE TEMP TABLE src_{name} AS SELECT {', '.join(kept)}, {bad} AS _bad "
                f"FROM ({_joined(name, built[0], present)})",
            )
            rows, broken = _one(raw, _counts(name, columns))
        except (duckdb.Error, UnicodeDecodeError, OSError):
            return None  # a cell DuckDB cannot read as its type: pandas names it
        if broken:
            return None
        if rows == 0 and name == "invoices":
            return None
        if rows:
            present[name] = set(built[1])
    if "invoices" not in present:
        return None
    return _timeline(raw, present, warm, paid_at)


def _joined(name: str, select: str, present: dict[str, set[str]]) -> str:
    """Return the SELECT of a table with what its rules need from the tables read before.

    Payments and disputes get their invoice's row (`_pos`, NULL when unknown), issue date and
    amount (`_owed`); invoices whether their customer is known (when there is a customers table).
    Dunning events keep their invoice_id: only the events of W are joined (`_window_events`),
    and `_counts` counts the unknown ones.
    """
    if name in ("payments", "disputes"):
        return (
            f"SELECT x.*, i.rowid AS _pos, i.issue_date AS _issue, i.amount AS _owed "
            f"FROM ({select}) x LEFT JOIN src_invoices i ON i.invoice_id = x.invoice_id"
        )
    if name == "invoices" and "customers" in present:
        return (
            f"SELECT x.*, c.customer_id AS _known_customer FROM ({select}) x "
            "LEFT JOIN (SELECT DISTINCT customer_id FROM src_customers) c "
            "ON c.customer_id = x.customer_id"
        )
    return select


def _days(column: str) -> str:
    return f"CAST(date_diff('day', DATE '1970-01-01', CAST({column} AS DATE)) AS BIGINT)"


def _exact_sum(value: str, cond: str) -> str:
    """Return SQL of the exact sum of `value` where `cond` holds, as `queries` adds money."""
    digits = ", ".join(map(str, EXACT_DIGITS))
    kept = f"CASE WHEN {cond} THEN {value} ELSE 0.0 END"
    return f"CAST(sum(CAST({kept} AS DECIMAL({digits}))) AS DOUBLE)"


def _timeline(
    raw: Any,
    present: dict[str, set[str]],
    warm: threading.Thread,
    paid_at: tuple[int, int] | None,
) -> Native:
    """Materialise the timeline tables once: invoices with settlement day, events, credits.

    Long because each timeline table is one statement, and they are read best side by side.
    """
    inv_cols = present["invoices"]
    has_payments = "payments" in present
    paid = _days("paid_date")
    # Settlement events: payments, and paid_date for an invoice without payments of its own.
    parts = []
    if has_payments:
        parts.append(
            f"SELECT _pos AS inv, {_days('payment_date')} AS day, amount, _owed FROM src_payments"
        )
    if "paid_date" in inv_cols:
        own = "AND rowid NOT IN (SELECT _pos FROM src_payments)" if has_payments else ""
        parts.append(
            f"SELECT rowid AS inv, {paid} AS day, amount, amount AS _owed FROM src_invoices "
            f"WHERE paid_date IS NOT NULL {own}"
        )
    if not parts:
        parts.append(
            "SELECT 0::BIGINT AS inv, 0::BIGINT AS day, 0::DOUBLE AS amount, 0::DOUBLE AS _owed "
            "WHERE false"
        )
    _do(raw, f"CREATE TEMP TABLE kit_settle AS {' UNION ALL '.join(parts)}")
    _do(raw, "CREATE TEMP VIEW kit_events AS SELECT inv, day, amount FROM kit_settle")
    # Every amount on this path is > 0 (`_broken`), so the running sum grows with each event
    # and first reaches the invoice amount on the same day whether events of one day are added
    # one by one (ROWS, half the time of RANGE in DuckDB) or together (RANGE).
    paid_sums = paid_columns = ""
    if paid_at is not None:  # what each invoice's events paid up to T and up to T − P
        t, s = (int(d) for d in paid_at)
        paid_sums = (
            f", {_exact_sum('amount', f'day <= {t}')} AS paid_t, "
            f"{_exact_sum('amount', f'day <= {s}')} AS paid_s"
        )
        paid_columns = ", d.paid_t, d.paid_s"
    _do(
        raw,
        "CREATE TEMP TABLE kit_invoices AS "
        "WITH cum AS (SELECT inv, day, amount, _owed, sum(amount) OVER (PARTITION BY inv "
        "ORDER BY day ROWS UNBOUNDED PRECEDING) AS paid FROM kit_settle), "
        "done AS (SELECT inv, "
        f"min(day) FILTER (WHERE _owed - paid <= {TOLERANCE!r} * _owed) AS day{paid_sums} "
        "FROM cum GROUP BY inv) "
        f"SELECT b.rowid AS pos, CAST(0 AS BIGINT) AS grp, {_days('b.issue_date')} AS issue, "
        f"{_days('b.due_date')} AS due, b.amount, true AS sale, "
        f"CASE WHEN d.day IS NULL THEN {int(NEVER)} "
        f"ELSE greatest(d.day, {_days('b.issue_date')}) END AS settled, "
        "CAST(datediff('month', DATE '1970-01-01', b.issue_date) AS BIGINT) AS month, "
        f"false AS flag{paid_columns} FROM src_invoices b LEFT JOIN done d ON d.inv = b.rowid",
    )
    # Cash: every payment; without a payments table the paid_date settlements.
    cash = (
        f"SELECT {_days('payment_date')} AS day, amount FROM src_payments"
        if has_payments
        else "SELECT day, amount FROM kit_events"
    )
    _do(
        raw,
        "CREATE TEMP VIEW kit_credits AS SELECT CAST(0 AS BIGINT) AS grp, "
        "CAST(0 AS BIGINT) AS kind, day, amount, false AS unapplied, "
        f"CAST({int(NEVER)} AS BIGINT) AS cleared FROM ({cash})",
    )
    has_disputes = "disputes" in present
    resolved = has_disputes and "resolved_date" in present["disputes"]
    if has_disputes:
        res = _days("resolved_date") if resolved else "NULL"
        _do(
            raw,
            "CREATE TEMP VIEW kit_disputes AS SELECT _pos AS inv, CAST(0 AS BIGINT) AS grp, "
            f"{_days('opened_date')} AS opened, coalesce({res}, {int(NEVER)}) AS resolved "
            "FROM src_disputes",
        )
    else:
        _do(
            raw,
            "CREATE TEMP VIEW kit_disputes AS SELECT * FROM (VALUES (0::BIGINT, 0::BIGINT, "
            "0::BIGINT, 0::BIGINT)) t(inv, grp, opened, resolved) WHERE false",
        )
    first = _one(raw, "SELECT min(issue) FROM kit_invoices")[0]
    warm.join()
    settles = has_payments or (
        "paid_date" in inv_cols and bool(_one(raw, "SELECT count(paid_date) FROM src_invoices")[0])
    )
    return Native(
        raw=raw,
        first_day=int(first) if first is not None else 0,
        has_disputes=has_disputes,
        has_resolved=resolved,
        paid_at=paid_at,
        has_settlements=settles,
        has_events="dunning_events" in present,
    )


_MAX = np.iinfo(np.int64).max


def window_digital(native: Native, *, day: int, period_days: int) -> Digital:
    """Return the digital-dunning aggregates of W (whole ledger, one group).

    When every event in W carries a message_id, one query computes them; otherwise the events
    of W are fetched and grouped into messages as the pandas path does (`window_events`).
    """
    if not native.has_events:
        return digital(None, groups=1)
    raw = native.raw
    start, end = day - period_days + 1, day + 1
    where = (
        f"timestamp >= CAST(DATE '1970-01-01' + {start} AS TIMESTAMP) "
        f"AND timestamp < CAST(DATE '1970-01-01' + {end} AS TIMESTAMP)"
    )
    # Only the events of W are joined to their invoice (all invoice_ids are known: `_counts`).
    _do(
        raw,
        "CREATE OR REPLACE TEMP TABLE kit_window_events AS SELECT e.*, i.rowid AS _pos "
        "FROM src_dunning_events e JOIN src_invoices i ON i.invoice_id = e.invoice_id "
        f"WHERE {where}",
    )
    has_ids = "message_id" in raw.sql("SELECT * FROM kit_window_events LIMIT 0").columns
    if (
        has_ids
        and not _one(raw, "SELECT count(*) FROM kit_window_events WHERE message_id IS NULL")[0]
    ):
        return _digital_sql(raw, day=day)
    return digital(_fetched_messages(raw, day=day, period_days=period_days, ids=has_ids), groups=1)


def _digital_sql(raw: Any, *, day: int) -> Digital:
    responses = ", ".join(map(_literal, RESPONSES))
    row = _one(
        raw,
        f"""
WITH evw AS (SELECT * FROM kit_window_events),
msg AS (
  SELECT message_id, arg_min(channel, timestamp) AS channel, arg_min(_pos, timestamp) AS pos,
         bool_or(event = 'bounced') AS bounced, bool_or(event = 'opened') AS opened,
         bool_or(event = 'clicked') AS clicked,
         min(timestamp) FILTER (WHERE event = 'sent') AS sent_ts
  FROM evw GROUP BY message_id HAVING bool_or(event = 'sent')),
conv AS (
  SELECT m.*, coalesce(i.settled >= {_days("m.sent_ts")}
    AND i.settled <= least({_days("m.sent_ts")} + {WINDOW_DAYS}, {day}), false) AS converted
  FROM msg m LEFT JOIN kit_invoices i ON i.pos = m.pos),
resp AS (SELECT _pos AS pos, timestamp AS ts FROM evw WHERE event IN ({responses})),
rt AS (
  SELECT median(epoch(r.ts - m.sent_ts) / 3600.0) AS hours, count(*) AS n
  FROM msg m ASOF JOIN resp r ON m.pos = r.pos AND r.ts > m.sent_ts
  WHERE r.ts - m.sent_ts <= INTERVAL {WINDOW_DAYS} DAY),
dg AS (
  SELECT count(*) FILTER (WHERE channel = 'email') AS e_sent,
         count(*) FILTER (WHERE channel = 'email' AND bounced) AS e_bounced,
         count(*) FILTER (WHERE channel = 'email' AND opened) AS e_opened,
         count(*) FILTER (WHERE channel = 'email' AND clicked) AS e_clicked,
         count(*) AS reminders, count(*) FILTER (WHERE converted) AS converted
  FROM conv),
de AS (
  SELECT count(*) FILTER (WHERE event = 'page_view') AS views,
         count(*) FILTER (WHERE event = 'payment_succeeded') AS ok,
         count(*) FILTER (WHERE event = 'payment_failed') AS failed
  FROM evw)
SELECT dg.*, de.*, rt.hours, rt.n FROM dg, de, rt""",
    )
    e_sent, e_bounced, e_opened, e_clicked, reminders, converted, views, ok, failed = row[:9]
    hours, responded = row[9], row[10]

    def one(value: Any) -> np.ndarray:
        return np.array([int(value or 0)], dtype=np.int64)

    return Digital(
        available=True,
        email_sent=one(e_sent),
        email_bounced=one(e_bounced),
        email_opened=one(e_opened),
        email_clicked=one(e_clicked),
        page_views=one(views),
        pay_succeeded=one(ok),
        pay_failed=one(failed),
        reminders_sent=one(reminders),
        reminders_converted=one(converted),
        response_median_hours=np.array([np.nan if hours is None else float(hours)]),
        response_count=one(responded),
    )


def _fetched_messages(raw: Any, *, day: int, period_days: int, ids: bool) -> Messages:
    """Return the messages of W from the fetched events (events without message_id)."""
    columns = ["timestamp", "channel", "event"] + (["message_id"] if ids else [])
    picked = ", ".join(f"e.{c}" for c in columns) + ", CAST(e._pos AS VARCHAR) AS invoice_id"
    frame = raw.sql(
        f"SELECT {picked}, coalesce(i.settled, {_MAX}) AS _settled "
        "FROM kit_window_events e LEFT JOIN kit_invoices i ON i.pos = e._pos"
    ).df()
    settled = frame.pop("_settled")
    lookup = pd.Series(settled.to_numpy(np.int64), index=frame["invoice_id"].astype(str))
    lookup = lookup[~lookup.index.duplicated()]
    ev = window_events(frame, day=day, period_days=period_days)

    def settled_of(invoice_ids: pd.Series) -> np.ndarray:
        return invoice_ids.map(lookup).fillna(_MAX).to_numpy(np.int64)

    return message_table(ev, day=day, group=np.zeros(len(ev), np.int64), settled_of=settled_of)
