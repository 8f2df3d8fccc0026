"""A ledger whose tables the engine holds (`data.<table>.table`): checked and counted there.

Spark or a warehouse holds the receivables; nothing is read into pandas. The tables are looked
up on the engine, renamed to the canonical columns (`columns:`) and their types checked; every
ingest rule is counted in the engine, one aggregate query per table (rows, amount, a few
example ids per rule); `on_error: fail` refuses the ledger with that list, `on_error: skip`
leaves the rows out and reports them. The timeline (`tables.Tables`) is then built as Ibis
expressions on the engine, as `native._timeline` builds it in DuckDB SQL, and the aggregates of
`queries` and the digital-dunning counts run there too. Only aggregates come back to Python.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from typing import Any

import ibis
import ibis.expr.datatypes as idt
import ibis.expr.types as ir
import pandas as pd

from kit.engagement import Engagement, Source
from kit.errors import ConfigError, DataError, KitError, Problem
from kit.ingest.parsing import kind_of
from kit.ingest.schema import plausible_range
from kit.ingest.summary import ValidationSummary
from kit.kpis.backends.run import Backend
from kit.kpis.backends.tables import Tables
from kit.kpis.timeline import NEVER, TOLERANCE
from kit.ledger import CANONICAL, CHANNELS, EVENTS
from kit.message import Amount, as_msg, msg, plural

__all__ = [
    "Checked",
    "Count",
    "Planned",
    "check",
    "notes",
    "plan",
    "refuse",
    "require_tables",
    "summary",
    "timeline",
    "timeline_tables",
    "validate",
]

#: Tables that may be named in the engine, invoices first (the others refer to them).
_ORDER = ("invoices", "payments", "disputes", "dunning_events")
#: The id column of each table that must not repeat (as ingest checks).
_UNIQUE = {"invoices": "invoice_id", "payments": "payment_id", "disputes": "dispute_id"}
#: The column whose values name a row in the examples of a broken rule.
_EXAMPLE = {
    "invoices": ("invoice_id",),
    "payments": ("payment_id", "invoice_id"),
    "disputes": ("dispute_id", "invoice_id"),
    "dunning_events": ("message_id", "invoice_id"),
}
#: Example ids listed per broken rule.
EXAMPLES = 3
#: What a canonical column of each kind may be in the engine, and what it becomes.
_EXPECTED = {
    "id": "a text or integer column",
    "text": "a text column",
    "number": "a number column",
    "date": "a date or timestamp column",
    "datetime": "a timestamp column",
    "bool": "a boolean column",
}
_EPOCH = ibis.date(1970, 1, 1)


@dataclass(frozen=True)
class Count:
    """One ingest rule broken by rows of one table: how many, their amount, a few ids."""

    table: str  # canonical table name
    name: str  # the table as named in the engine
    column: str  # the engine's column (before renaming)
    message: str
    expected: str | None
    rows: int
    amount: float
    examples: tuple[str, ...]

    def problem(self) -> Problem:
        """Return the count as one problem: the rule, its rows, their amount and example ids."""
        return Problem(
            plural(
                "{rule}: {count} row, amount {amount}, e.g. {examples}",
                "{rule}: {count} rows, amount {amount}, e.g. {examples}",
                self.rows,
                rule=as_msg(self.message),
                amount=Amount(self.amount),
                examples=", ".join(self.examples) or "–",  # rows without any id
            ),
            path=self.name,
            column=self.column,
            expected=self.expected,
        )


@dataclass
class Checked:
    """The named tables after their rules: kept rows (canonical columns) and what broke."""

    engagement: Engagement
    backend: Backend
    tables: dict[str, ir.Table] = field(default_factory=dict)  # kept rows, invoices with pos
    counts: list[Count] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # rows read per table
    left_out: dict[str, int] = field(default_factory=dict)  # rows left out (on_error: skip)
    paid_dates: int = 0  # invoices with a paid date among the kept

    def failed(self) -> list[Count]:
        """Return the counts of tables with `on_error: fail` (they refuse the ledger)."""
        return [c for c in self.counts if _source(self.engagement, c.table).on_error == "fail"]

    def skipped(self) -> list[Count]:
        """Return the counts of tables with `on_error: skip` (their rows are left out)."""
        return [c for c in self.counts if _source(self.engagement, c.table).on_error == "skip"]


def _source(engagement: Engagement, table: str) -> Source:
    source: Source = getattr(engagement.data, table)
    return source


def _lookup(con: Any, name: str, key: str) -> ir.Table:
    """Return the engine's table `name` (`table`, `schema.table`, `catalog.schema.table`)."""
    *where, table = name.split(".")
    database: str | tuple[str, str] | None = None
    if len(where) == 1:
        database = where[0]
    elif len(where) == 2:
        database = (where[0], where[1])
    elif where:
        raise ConfigError(
            msg("table '{table}' is not a name such as schema.table", table=name), key=key
        )
    try:
        with warnings.catch_warnings():
            # Ibis 12 reads a DuckDB schema through a call DuckDB 1.4 deprecates.
            warnings.simplefilter("ignore", DeprecationWarning)
            found: ir.Table = con.table(table, database=database)
    except Exception as exc:  # any driver's "no such table": a configuration problem
        raise ConfigError(
            msg("table not found in the engine: {error}", error=str(exc).splitlines()[0]),
            key=key,
            value=name,
            hint="name the table as the engine lists it, e.g. schema.table",
        ) from exc
    return found


#: Per canonical kind, the engine types a column of that kind may have.
_FITS: dict[str, tuple[str, ...]] = {
    "id": ("is_string", "is_integer"),
    "text": ("is_string",),
    "number": ("is_integer", "is_floating", "is_decimal"),
    "date": ("is_date", "is_timestamp"),
    "datetime": ("is_timestamp",),
    "bool": ("is_boolean",),
}


def _fits(kind: str, dtype: idt.DataType) -> bool:
    """Return True when a column of engine type `dtype` can hold canonical kind `kind`."""
    return any(bool(getattr(dtype, test)()) for test in _FITS[kind])


def _typed(column: ir.Value, kind: str) -> ir.Value:
    """Return a column as the canonical type (ids and text trimmed, blank as null)."""
    if kind in ("id", "text"):
        text = column.cast("string").strip()
        return ibis.ifelse(text == "", ibis.null("string"), text)
    if kind == "number":
        return column.cast("float64")
    if kind == "date":
        return column.cast("date")
    if kind == "datetime":
        return column.cast("timestamp")
    return column


def canonical(
    table: ir.Table, source: Source, canon: str, name: str
) -> tuple[ir.Table, dict[str, str]]:
    """Return the table with its canonical columns only (typed) and canonical → engine column.

    DataError naming table, column, found and expected type when a column is missing or of a
    type the rules cannot use.
    """
    key = f"data.{canon}.columns"
    found = list(table.columns)
    problems = [
        Problem("column not in the table", path=name, column=src, key=key)
        for src in source.columns
        if src not in found
    ]
    required, optional = CANONICAL[canon]
    target = {source.columns.get(src, src): src for src in found}
    for column in required:
        if column not in target:
            problems.append(
                Problem(
                    msg("required column {name} is missing", name=column),
                    path=name,
                    key=key,
                    expected=msg(
                        "a column {name} (or one mapped to it under columns:)", name=column
                    ),
                )
            )
    kept = {c: target[c] for c in (*required, *optional) if c in target}
    schema = table.schema()
    for column, src in kept.items():
        kind = kind_of(column)
        if not _fits(kind, schema[src]):
            problems.append(
                Problem(
                    "column of a type the kit cannot use",
                    path=name,
                    column=src,
                    value=str(schema[src]),
                    expected=_EXPECTED[kind],
                )
            )
    if problems:
        raise DataError.from_problems(problems, hint="map the columns under columns: header: name")
    typed = table.select(**{c: _typed(table[src], kind_of(c)) for c, src in kept.items()})
    return typed, kept


def _rules(
    canon: str, t: ir.Table, *, currency: str, today: dt.date, max_amount: float
) -> list[tuple[str, str | None, str, ir.BooleanValue]]:
    """Return (message, expected, canonical column, broken) of every rule of table `canon`.

    The messages are those of the file path (kit.ingest), so each rule reads the same.
    """
    lo, hi = (d.date() for d in plausible_range(today))
    required, _ = CANONICAL[canon]
    cols = set(t.columns)
    rules: list[tuple[str, str | None, str, ir.BooleanValue]] = [
        (
            msg("empty value in the required column {name}", name=c),
            "a value in every row",
            c,
            t[c].isnull(),
        )
        for c in required
    ]
    span = msg("a date between {first} and {last}", first=lo.isoformat(), last=hi.isoformat())
    for c in sorted(cols):
        if kind_of(c) in ("date", "datetime"):
            day = t[c].cast("date")
            rules.append(("date outside the plausible range", span, c, (day < lo) | (day > hi)))
    if "amount" in cols:
        rules.append(
            (
                msg("{column} must be greater than 0", column="amount"),
                "a positive amount (a file of signed items with credit notes: read it as "
                "data.ledger)",
                "amount",
                (t.amount <= 0) | t.amount.isnan(),
            )
        )
        rules.append(
            (
                "amount outside the plausible range",
                msg(
                    "an amount up to {max_amount} (set plausibility.max_amount for larger ones)",
                    max_amount=max_amount,
                ),
                "amount",
                t.amount.abs() > float(max_amount),
            )
        )
    if "currency" in cols and "amount" in cols:
        rules.append(
            (
                "amount in a foreign currency without an exchange rate",
                msg("{currency} or a rate under fx: (e.g. fx: {{USD: 0.92}})", currency=currency),
                "currency",
                t.currency.notnull() & (t.currency.upper() != currency),
            )
        )
    for column, allowed in (("channel", CHANNELS), ("event", EVENTS)):
        if column in cols:
            rules.append(
                (
                    msg("unknown {column} value", column=column),
                    msg(
                        "one of {allowed} (translate others with values:)",
                        allowed=", ".join(allowed),
                    ),
                    column,
                    t[column].notnull() & ~t[column].isin(allowed),
                )
            )
    return rules + _cross(canon, t)


def _cross(canon: str, t: ir.Table) -> list[tuple[str, str | None, str, ir.BooleanValue]]:
    """Return the date-order, repeated-id and reference rules of table `canon`."""
    cols = set(t.columns)
    rules: list[tuple[str, str | None, str, ir.BooleanValue]] = []
    after = msg("a date not before the {what}", what=msg("issue date"))
    if canon == "invoices":
        rules.append(
            ("due date before the issue date", after, "due_date", t.due_date < t.issue_date)
        )
        if "paid_date" in cols:
            rules.append(
                ("paid date before the issue date", after, "paid_date", t.paid_date < t.issue_date)
            )
    if canon == "disputes" and "resolved_date" in cols:
        rules.append(
            (
                "resolved before it was opened",
                msg("a date not before the {what}", what=msg("opened date")),
                "resolved_date",
                t.resolved_date < t.opened_date,
            )
        )
    key = _UNIQUE.get(canon)
    if key is not None and key in cols:
        what = msg(key.replace("_", " "))
        rules.append(
            (
                msg("{what} used more than once", what=what),
                msg("each {what} once", what=what),
                key,
                t._repeat > 0,
            )
        )
    if canon != "invoices":
        rules.append(
            (
                msg("{what} not found", what=msg("invoice id")),
                msg("an id that exists in the {table} table", table=msg("invoices")),
                "invoice_id",
                t.invoice_id.notnull() & t._pos.isnull(),
            )
        )
    if canon == "payments":
        rules.append(
            (
                "payment dated before the invoice was issued",
                msg("a date not before the {what}", what=msg("invoice's issue date")),
                "payment_date",
                t.payment_date < t._issue,
            )
        )
    return rules


def _prepared(canon: str, t: ir.Table, invoices: ir.Table | None) -> ir.Table:
    """Return the table with what its rules need: a repeat number, its invoice's pos and issue."""
    key = _UNIQUE.get(canon)
    if key in t.columns:
        order = [t[c] for c in t.columns]
        t = t.mutate(_repeat=ibis.row_number().over(group_by=t[key], order_by=order))
        t = t.mutate(_repeat=ibis.ifelse(t[key].isnull(), 0, t._repeat))
    if canon != "invoices" and invoices is not None:
        # One row per invoice id (a repeated id is a broken rule of its own, not more payments).
        known = invoices.group_by(_inv=invoices.invoice_id).aggregate(
            _pos=invoices.pos.min(), _issue=invoices.issue_date.min()
        )
        t = t.left_join(known, t.invoice_id == known._inv).drop("_inv")
    return t


def _examples(t: ir.Table, canon: str, broken: ir.BooleanValue, run: Backend) -> tuple[str, ...]:
    """Return up to EXAMPLES ids of rows that break a rule (a query with LIMIT)."""
    named = ibis.coalesce(*(t[c].cast("string") for c in _EXAMPLE[canon] if c in t.columns))
    picked = t.filter(broken.fill_null(False) & named.notnull()).select(id=named)
    frame = run.frame(picked.order_by("id").limit(EXAMPLES))
    return tuple(str(v) for v in frame["id"])


@dataclass(frozen=True)
class Planned:
    """One named table as expressions: its rules, the query counting them, the rows kept."""

    rules: list[tuple[str, str | None, str, ir.BooleanValue]]  # message, expected, column, broken
    checked: ir.Table  # the canonical columns with what the rules need (before any row is left)
    counts: ir.Table  # one row: rows, rows broken, per rule its rows and their amount
    kept: ir.Table  # the rows that go on (all, or the unbroken ones with on_error: skip)
    columns: dict[str, str]  # canonical → the engine's column


def _planned(
    canon: str, t: ir.Table, columns: dict[str, str], engagement: Engagement, *, today: dt.date
) -> Planned:
    """Return the rules of one table, the one aggregate query counting them and the kept rows."""
    rules = _rules(
        canon,
        t,
        currency=engagement.currency,
        today=today,
        max_amount=engagement.plausibility.max_amount,
    )
    flags = {f"_r{i}": rule[3].fill_null(False) for i, rule in enumerate(rules)}
    marked = t.mutate(**flags)
    bad = ibis.or_(*(marked[f] for f in flags)) if flags else ibis.literal(False)
    marked = marked.mutate(_bad=bad)
    value = (
        ibis.ifelse(marked.amount.isnull() | marked.amount.isnan(), 0.0, marked.amount)
        if "amount" in t.columns
        else ibis.literal(0.0)
    )
    sums: dict[str, ir.Scalar] = {"_rows": marked.count(), "_broken": _n(marked._bad)}
    for f in flags:
        sums[f"{f}_n"] = _n(marked[f])
        sums[f"{f}_a"] = ibis.ifelse(marked[f], value, 0.0).sum()
    skip = _source(engagement, canon).on_error == "skip"
    good = marked.filter(~marked._bad) if skip else marked
    kept = good.select(*(c for c in good.columns if not c.startswith("_r") and c != "_bad"))
    if canon == "invoices":
        kept = kept.mutate(pos=ibis.row_number().over(order_by=kept.invoice_id))
    return Planned(rules, t, marked.aggregate(**sums), kept, columns)


def plan(
    engagement: Engagement, found: dict[str, ir.Table], *, today: dt.date
) -> dict[str, Planned]:
    """Return every named table as expressions, invoices first (the others refer to them).

    `found` holds the engine's tables by canonical name (as they are, before renaming);
    DataError naming table, column and types when a column is missing or unusable.
    """
    out: dict[str, Planned] = {}
    problems: list[Problem] = []
    invoices: ir.Table | None = None
    for canon in _ORDER:
        if canon not in found:
            continue
        source = _source(engagement, canon)
        try:
            typed, columns = canonical(found[canon], source, canon, str(source.table))
        except DataError as error:
            problems += [error.as_problem(), *error.problems]
            continue
        planned = _planned(
            canon, _prepared(canon, typed, invoices), columns, engagement, today=today
        )
        if canon == "invoices":
            invoices = planned.kept
        out[canon] = planned
    if problems:
        raise DataError.from_problems(problems, hint="map the columns under columns: header: name")
    return out


def _counted(
    canon: str, planned: Planned, run: Backend, engagement: Engagement
) -> tuple[list[Count], int, int]:
    """Return the broken rules of one table (with example ids), its rows and rows broken."""
    row = run.frame(planned.counts).iloc[0]
    counts = []
    for i, (message, expected, column, broken) in enumerate(planned.rules):
        n = _whole(row[f"_r{i}_n"])
        if n:
            counts.append(
                Count(
                    table=canon,
                    name=str(_source(engagement, canon).table),
                    column=planned.columns.get(column, column),
                    message=message,
                    expected=expected,
                    rows=n,
                    amount=0.0 if pd.isna(row[f"_r{i}_a"]) else float(row[f"_r{i}_a"]),
                    examples=_examples(planned.checked, canon, broken, run),
                )
            )
    return counts, _whole(row["_rows"]), _whole(row["_broken"])


def _whole(value: Any) -> int:
    """Return a count of an aggregate (a sum over no rows is null: 0)."""
    return 0 if pd.isna(value) else int(value)


def _n(cond: ir.BooleanValue) -> ir.IntegerScalar:
    return ibis.ifelse(cond, 1, 0).sum()


def require_tables(engagement: Engagement, engine: str) -> None:
    """Refuse an engine that holds no tables (`--engine duckdb` on a ledger named in one)."""
    if engine in ("duckdb", "numpy"):
        named = engagement.data.named()
        raise ConfigError(
            msg(
                "data.{table} names a table in the engine, but engine {engine} holds no "
                "tables: set engine to spark or a warehouse URL such as "
                "duckdb:///path/to/file.duckdb or postgres://host/db",
                table=named[0],
                engine=engine,
            ),
            key="engine",
            value=engine,
        )


def check(engagement: Engagement, run: Backend, *, today: dt.date | None = None) -> Checked:
    """Return the engagement's named tables checked on `run`: kept rows and broken rules.

    `today` sets the plausible date range (tests); the default is the real date.
    """
    found = {
        canon: _lookup(run.con, str(source.table), f"data.{canon}.table")
        for canon in _ORDER
        if (source := getattr(engagement.data, canon)) is not None and source.table is not None
    }
    out = Checked(engagement=engagement, backend=run)
    for canon, planned in plan(engagement, found, today=today or dt.date.today()).items():
        counts, rows, broken = _counted(canon, planned, run, engagement)
        out.counts += counts
        out.rows[canon] = rows
        out.left_out[canon] = broken if _source(engagement, canon).on_error == "skip" else 0
        if canon == "invoices" or rows > out.left_out[canon]:  # an empty table: not supplied
            out.tables[canon] = planned.kept
    if "invoices" in out.tables and "paid_date" in out.tables["invoices"].columns:
        paid = out.tables["invoices"].paid_date.count()
        out.paid_dates = int(_scalar(run, paid) or 0)
    return out


def refuse(checked: Checked) -> None:
    """Raise DataError listing every rule broken in a table with `on_error: fail`."""
    failed = checked.failed()
    if not failed and checked.rows.get("invoices", 0) <= checked.left_out.get("invoices", 0):
        raise DataError("no invoices could be loaded", key="data.invoices.table")
    if failed:
        raise DataError.from_problems(
            [c.problem() for c in failed],
            hint="`kit validate` lists every problem; `on_error: skip` leaves bad rows out",
        )


def validate(engagement: Engagement, *, today: dt.date | None = None) -> ValidationSummary:
    """Return `kit validate`'s summary of a ledger named in the engine of engagement.yaml.

    A table the engine does not hold, or a column missing or of an unusable type, is an error
    of the summary like every broken rule.
    """
    from kit.kpis.engine import backend

    try:
        require_tables(engagement, engagement.engine)
        run = backend(engagement.engine)
        assert run is not None  # noqa: S101 - numpy holds no tables: refused above
        checked = check(engagement, run, today=today)
    except KitError as error:
        return ValidationSummary(
            errors=[error.as_problem(), *error.problems], currency=engagement.currency
        )
    return summary(checked)


def summary(checked: Checked) -> ValidationSummary:
    """Return `kit validate`'s summary of the named tables: rows per table, rules broken."""
    errors = [c.problem() for c in checked.failed()]
    if "invoices" in checked.rows and not errors:
        kept = checked.rows["invoices"] - checked.left_out.get("invoices", 0)
        if kept == 0:
            errors.append(Problem("no invoices could be loaded", key="data.invoices"))
    tables: dict[str, dict[str, object]] = {}
    for canon, rows in checked.rows.items():
        left = checked.left_out.get(canon, 0)
        source = _source(checked.engagement, canon)
        tables[canon] = {"path": source.table, "rows": rows - left, "filtered": 0, "excluded": left}
    return ValidationSummary(
        errors=errors,
        excluded=[c.problem() for c in checked.skipped()],
        counts={canon: int(str(info["rows"])) for canon, info in tables.items()},
        tables=tables,
        currency=checked.engagement.currency,
    )


def notes(checked: Checked, overpaid: int, amount: float) -> list[str]:
    """Return the warnings of a KPI result: rows left out per rule, overpaid invoices."""
    found: list[str] = [
        plural(
            "{count} row of {table} left out (on_error: skip): {rule}",
            "{count} rows of {table} left out (on_error: skip): {rule}",
            c.rows,
            table=c.name,
            rule=as_msg(c.message),
        )
        for c in checked.skipped()
    ]
    if overpaid:
        found.append(
            plural(
                "{count} invoice overpaid at the as-of date by {amount} in total; counted as 0 "
                "open",
                "{count} invoices overpaid at the as-of date by {amount} in total; counted as 0 "
                "open",
                overpaid,
                amount=Amount(amount),
            )
        )
    return found


def _scalar(run: Backend, value: ir.Scalar) -> Any:
    """Return the value of a scalar expression (None for null)."""
    got = run.frame(value.name("value").as_table())["value"].iloc[0]
    return None if pd.isna(got) else got


def _days(value: ir.Value) -> ir.IntegerValue:
    """Return a date (or timestamp) as epoch days, int64."""
    days: ir.IntegerValue = value.cast("date").delta(_EPOCH, unit="day").cast("int64")
    return days


def timeline(checked: Checked) -> tuple[Tables, bool]:
    """Return the timeline tables of the kept rows on the engine, and whether anything settles."""
    inv = checked.tables["invoices"]
    first = _scalar(checked.backend, _days(inv.issue_date).min())
    tables = timeline_tables(checked.tables, first_day=int(first) if first is not None else 0)
    return tables, "payments" in checked.tables or checked.paid_dates > 0


def timeline_tables(kept: dict[str, ir.Table], *, first_day: int = 0) -> Tables:
    """Return the timeline tables of the kept rows (`Planned.kept`) as Ibis expressions.

    As `native._timeline`: settlement events are the payments (and the paid date of an invoice
    without payments); an invoice settles on the first day its cumulative payments reach its
    amount within TOLERANCE; cash is every payment; disputes carry their invoice's pos.
    """
    inv = kept["invoices"]
    pay = kept.get("payments")
    parts: list[ir.Table] = []
    if pay is not None:
        parts.append(
            pay.select(inv=pay._pos.cast("int64"), day=_days(pay.payment_date), amount=pay.amount)
        )
    if "paid_date" in inv.columns:
        own = inv.filter(inv.paid_date.notnull())
        if pay is not None:
            paying = pay.select(_paid_pos=pay._pos)
            own = own.anti_join(paying, own.pos == paying._paid_pos)
        parts.append(
            own.select(inv=own.pos.cast("int64"), day=_days(own.paid_date), amount=own.amount)
        )
    if not parts:
        parts.append(
            inv.filter(ibis.literal(False)).select(
                inv=inv.pos.cast("int64"), day=inv.pos.cast("int64"), amount=inv.amount
            )
        )
    events = parts[0] if len(parts) == 1 else parts[0].union(parts[1])
    invoices = _invoices(inv, events)
    cash = (
        pay.select(day=_days(pay.payment_date), amount=pay.amount)
        if pay is not None
        else events.select("day", "amount")
    )
    credits = cash.select(
        grp=ibis.literal(0, "int64"),
        kind=ibis.literal(0, "int64"),
        day=cash.day,
        amount=cash.amount,
        unapplied=ibis.literal(False),
        cleared=ibis.literal(int(NEVER), "int64"),
    )
    disputes, resolved = _disputes(kept.get("disputes"), inv)
    return Tables(
        # Views: each table derives from the same invoices, and Ibis joins them as distinct.
        invoices=invoices.view(),
        events=events.view(),
        credits=credits.view(),
        disputes=disputes.view(),
        groups=1,
        first_day=first_day,
        has_disputes="disputes" in kept or "disputed" in inv.columns,
        has_resolved=resolved,
    )


def _invoices(inv: ir.Table, events: ir.Table) -> ir.Table:
    """Return the invoices of the timeline (the columns of `tables.SCHEMAS`)."""
    paid = events.amount.sum().over(
        ibis.window(group_by=events.inv, order_by=events.day, preceding=None, following=0)
    )
    cum = events.mutate(_paid=paid)
    joined = cum.join(inv.select(_pos=inv.pos, _amount=inv.amount), cum.inv == inv.pos)
    done = (
        joined.filter(joined._amount - joined._paid <= joined._amount * TOLERANCE)
        .group_by(_done_inv=joined.inv)
        .aggregate(_day=joined.day.min())
    )
    j = inv.left_join(done, inv.pos == done._done_inv)
    issue = _days(j.issue_date)
    flag = j.disputed.fill_null(False) if "disputed" in inv.columns else ibis.literal(False)
    date = j.issue_date.cast("date")
    return j.select(
        pos=j.pos.cast("int64"),
        grp=ibis.literal(0, "int64"),
        issue=issue,
        due=_days(j.due_date),
        amount=j.amount,
        sale=ibis.literal(True),
        settled=ibis.ifelse(
            j._day.isnull(), ibis.literal(int(NEVER), "int64"), ibis.greatest(j._day, issue)
        ).cast("int64"),
        month=((date.year() - 1970) * 12 + date.month() - 1).cast("int64"),
        flag=flag,
    )


def _disputes(d: ir.Table | None, inv: ir.Table) -> tuple[ir.Table, bool]:
    """Return the disputes of the timeline (inv, grp, opened, resolved) and whether resolved."""
    if d is None:
        empty = inv.filter(ibis.literal(False))
        none = empty.pos.cast("int64")
        return empty.select(inv=none, grp=none, opened=none, resolved=none), False
    resolved = "resolved_date" in d.columns
    closed = (
        _days(d.resolved_date).fill_null(int(NEVER))
        if resolved
        else ibis.literal(int(NEVER), "int64")
    )
    table = d.select(
        inv=d._pos.cast("int64"),
        grp=ibis.literal(0, "int64"),
        opened=_days(d.opened_date),
        resolved=closed.cast("int64"),
    )
    return table, resolved
