"""Compute every KPI at an as-of date: for the whole ledger, per group, or as a monthly series."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from kit.errors import ConfigError
from kit.kpis.aggregates import Receivables, receivables, snapshot
from kit.kpis.aging import aging_frame
from kit.kpis.coverage import settlement_nulls, without_settlements
from kit.kpis.digital import digital, messages
from kit.kpis.disputes import dispute_flags, disputes
from kit.kpis.formulas import Computed, evaluate
from kit.kpis.open_items import restrict
from kit.kpis.registry import REGISTRY
from kit.kpis.result import KpiResult
from kit.kpis.timeline import Timeline, build_timeline, day_number
from kit.ledger import Ledger
from kit.message import msg

if TYPE_CHECKING:
    from kit.engagement import Engagement
    from kit.kpis.backends.run import Backend
    from kit.kpis.backends.tables import Tables

__all__ = [
    "DEFAULT_ENGINE",
    "backend",
    "compute_kpis",
    "compute_native",
    "group_codes",
    "kpi_series",
    "kpis_by",
    "series_dates",
]

#: The engine that runs the aggregates unless `engine=` (or engagement.yaml `engine:`) says else.
#: DuckDB: `kit kpis` lets it read CSV and Parquet files itself (`compute_native`); a Ledger of
#: pandas frames (notebooks, tests) reaches it as Arrow tables. numpy stays the in-memory
#: reference implementation; DuckDB, Spark and warehouses are parity-tested against it.
DEFAULT_ENGINE = "duckdb"
_BACKENDS: dict[str, Backend] = {}


def backend(engine: str | Backend | None = None) -> Backend | None:
    """Return the backend for `engine` (one connection per engine and process), None for numpy.

    `numpy` keeps the in-memory reference implementation (aggregates.py, disputes.py).
    """
    if engine is not None and not isinstance(engine, str):
        return engine  # a Backend already connected
    name = engine or DEFAULT_ENGINE
    if name == "numpy":
        return None
    if name not in _BACKENDS:
        from kit.kpis.backends.run import connect  # Ibis is imported only when it is used

        _BACKENDS[name] = connect(name)
    return _BACKENDS[name]


def _source(tl: Timeline, codes: np.ndarray, groups: int, run: Backend | None) -> Tables | None:
    if run is None:
        return None
    from kit.kpis.backends.tables import tables

    return tables(tl, codes, groups)


def _check(period_days: int, goal_days: int) -> None:
    if not isinstance(period_days, int) or period_days < 1:
        raise ConfigError(
            "period_days must be a whole number of days ≥ 1", key="period_days", value=period_days
        )
    if not isinstance(goal_days, int) or goal_days < 0:
        raise ConfigError(
            "goal_days must be a whole number of days ≥ 0", key="goal_days", value=goal_days
        )


@dataclass(frozen=True)
class _Grouped:
    """A timeline with a group code per invoice, the windows and the engine of the aggregates."""

    tl: Timeline
    codes: np.ndarray
    groups: int
    period_days: int
    goal_days: int
    run: Backend | None
    source: Tables | None  # the timeline as the engine's tables (None for numpy)


def _grouped(
    tl: Timeline,
    codes: np.ndarray,
    groups: int,
    run: Backend | None,
    *,
    period_days: int,
    goal_days: int,
) -> _Grouped:
    """Return the timeline grouped by `codes` into `groups`, with its tables for `run`."""
    source = _source(tl, codes, groups, run)
    return _Grouped(tl, codes, groups, period_days, goal_days, run, source)


def _evaluate(grouped: _Grouped, day: int) -> tuple[Computed, Receivables, list[str]]:
    """Return every KPI per group at `day`, the receivables behind them and the notes."""
    tl, codes, groups = grouped.tl, grouped.codes, grouped.groups
    period_days, goal_days = grouped.period_days, grouped.goal_days
    run, source = grouped.run, grouped.source
    if run is not None and source is not None:
        rec, dis = run.aggregates(source, day=day, period_days=period_days, goal_days=goal_days)
    else:
        snap = snapshot(tl, day=day, period_days=period_days)
        rec = receivables(tl, snap, codes=codes, groups=groups, goal_days=goal_days)
        flags = dispute_flags(tl, day=day, period_days=period_days)
        dis = disputes(flags, snap, codes=codes, groups=groups)
    msg = messages(tl, day=day, period_days=period_days, codes=codes, groups=groups)
    dig = digital(msg, groups=groups)
    warnings = list(tl.warnings)
    if rec.overpaid_count:
        warnings.append(
            f"{rec.overpaid_count} invoices overpaid at as-of date by {rec.overpaid_amount:.2f} "
            "in total; counted as 0 open"
        )
    computed = restrict(
        without_settlements(tl.ledger, evaluate(rec, dis, dig, period_days=period_days)),
        tl.ledger,
        _date(day),
    )
    return computed, rec, warnings


def _date(day: int) -> date:
    return pd.Timestamp(np.datetime64(day, "D")).date()


def compute_kpis(
    ledger: Ledger,
    *,
    as_of: date,
    period_days: int = 90,
    goal_days: int = 45,
    engine: str | Backend | None = None,
) -> KpiResult:
    """Return every KPI of REGISTRY at `as_of` (window of `period_days`), aging and notes.

    An open-items list (ledgers.md) gives null for every KPI at a date other than extracted_on.
    `engine` runs the aggregates: duckdb (default), spark, a warehouse URL or numpy.
    """
    _check(period_days, goal_days)
    run = backend(engine)
    tl = build_timeline(ledger)
    return _result(tl, as_of=as_of, period_days=period_days, goal_days=goal_days, run=run)


def _result(
    tl: Timeline, *, as_of: date, period_days: int, goal_days: int, run: Backend | None = None
) -> KpiResult:
    day = day_number(as_of)
    codes = np.zeros(tl.size, dtype=np.int64)
    grouped = _grouped(tl, codes, 1, run, period_days=period_days, goal_days=goal_days)
    computed, rec, warnings = _evaluate(grouped, day)
    return _package(computed, rec, warnings, day=day, period_days=period_days, goal_days=goal_days)


def _package(
    computed: Computed,
    rec: Receivables,
    warnings: list[str],
    *,
    day: int,
    period_days: int,
    goal_days: int,
) -> KpiResult:
    """Return the KpiResult of the whole ledger (group 0) with its notes and aging."""
    values: dict[str, float | None] = {}
    notes: dict[str, str] = {}
    for kpi in REGISTRY:
        value = float(computed.values[kpi][0])
        if math.isnan(value):
            values[kpi] = None
            notes[kpi] = computed.reasons[kpi]
        else:
            values[kpi] = value
    if bool(computed.countback_truncated[0]):
        notes["dso_countback"] = "countback truncated: sales history ran out before AR was covered"
    if rec.overpaid_count:
        notes.setdefault("ar_total", "overpaid invoices counted as 0 open (see warnings)")
    return KpiResult(
        as_of=pd.Timestamp(np.datetime64(day, "D")).date(),
        period_days=period_days,
        values=values,
        notes=notes,
        aging=aging_frame(rec.aging_amount[0], rec.aging_count[0]),
        warnings=warnings,
        goal_days=goal_days,
        overpaid_count=int(rec.overpaid_count),
        overpaid_amount=float(rec.overpaid_amount),
    )


def compute_native(
    engagement: Engagement,
    *,
    as_of: date,
    engine: str | None = None,
    today: date | None = None,
) -> KpiResult | None:
    """Return every KPI at `as_of` with DuckDB reading the engagement's files, or None.

    None when the engine is not DuckDB or the files need the pandas ingest (a source kind this
    path does not read, or a row some ingest rule reports): `load_ledger` + `compute_kpis` then.
    """
    if engagement.data.named():
        return _named(engagement, as_of=as_of, engine=engine or engagement.engine, today=today)
    if (engine or DEFAULT_ENGINE) != "duckdb":
        return None
    from kit.kpis.backends import native

    period_days, goal_days = engagement.period_days, engagement.goal_days
    _check(period_days, goal_days)
    day = int(day_number(as_of))
    # What each invoice was paid by T and T − P comes along with the settlement days.
    loaded = native.load(engagement, today=today, paid_at=(day, day - period_days))
    if loaded is None:
        return None
    from kit.kpis.backends import compiled

    rec, dis = compiled.aggregates(
        loaded.raw,
        day=day,
        period_days=period_days,
        goal_days=goal_days,
        first_day=loaded.first_day,
        has_disputes=loaded.has_disputes,
        has_resolved=loaded.has_resolved,
    )
    if rec.overpaid_count:
        return None  # the pandas ingest names each overpaid invoice (or refuses the payments)
    dig = native.window_digital(loaded, day=day, period_days=period_days)
    computed = evaluate(rec, dis, dig, period_days=period_days)
    if not loaded.has_settlements:
        computed = settlement_nulls(computed)
    return _package(computed, rec, [], day=day, period_days=period_days, goal_days=goal_days)


def _named(engagement: Engagement, *, as_of: date, engine: str, today: date | None) -> KpiResult:
    """Return every KPI at `as_of` of a ledger whose tables the engine holds (`table:`)."""
    from kit.kpis.backends import named
    from kit.kpis.backends.named_digital import window_digital

    period_days, goal_days = engagement.period_days, engagement.goal_days
    _check(period_days, goal_days)
    named.require_tables(engagement, engine)
    run = backend(engine)
    assert run is not None  # noqa: S101 - numpy holds no tables: refused above
    checked = named.check(engagement, run, today=today)
    named.refuse(checked)
    tables, settles = named.timeline(checked)
    day = day_number(as_of)
    rec, dis = checked.backend.aggregates(
        tables, day=day, period_days=period_days, goal_days=goal_days
    )
    events = checked.tables.get("dunning_events")
    dig = window_digital(checked.backend, events, tables, day=day, period_days=period_days)
    computed = evaluate(rec, dis, dig, period_days=period_days)
    if not settles:
        computed = settlement_nulls(computed)
    notes = named.notes(checked, rec.overpaid_count, rec.overpaid_amount)
    return _package(computed, rec, notes, day=day, period_days=period_days, goal_days=goal_days)


def group_codes(ledger: Ledger, by: str) -> tuple[np.ndarray, pd.Index]:
    """Return per invoice the group number for column `by`, and the group labels (sorted)."""
    inv = ledger.invoices
    if by in inv.columns:
        values = inv[by]
    elif ledger.customers is not None and by in ledger.customers.columns:
        cust = ledger.customers.assign(customer_id=ledger.customers["customer_id"].astype(str))
        lookup = cust.drop_duplicates("customer_id").set_index("customer_id")[by]
        values = inv["customer_id"].astype(str).map(lookup)
    else:
        available = sorted(
            set(map(str, inv.columns))
            | set(map(str, ledger.customers.columns if ledger.customers is not None else []))
        )
        raise ConfigError(
            msg("cannot break KPIs down by '{by}': no such invoice or customer column", by=by),
            key="by",
            value=by,
            expected=msg("one of {values}", values=", ".join(available)),
        )
    labels = values.astype(object).where(values.notna(), "(missing)").astype(str)
    codes, uniques = pd.factorize(labels, sort=True)
    return codes.astype(np.int64), pd.Index(uniques, name=by)


def kpis_by(
    ledger: Ledger,
    by: str,
    *,
    as_of: date,
    period_days: int = 90,
    goal_days: int = 45,
    engine: str | Backend | None = None,
) -> pd.DataFrame:
    """Return every KPI per value of column `by` (rows = groups, NaN = null)."""
    _check(period_days, goal_days)
    codes, labels = group_codes(ledger, by)
    run = backend(engine)
    tl = build_timeline(ledger)
    grouped = _grouped(tl, codes, len(labels), run, period_days=period_days, goal_days=goal_days)
    computed, _, _ = _evaluate(grouped, day_number(as_of))
    return pd.DataFrame({k: computed.values[k] for k in REGISTRY}, index=labels)


def series_dates(as_of: date, months: int) -> list[pd.Timestamp]:
    """Return the last `months` month ends up to `as_of`, plus `as_of` if it is no month end."""
    t = pd.Timestamp(np.datetime64(day_number(as_of), "D"))
    last_end = t if t.is_month_end else (t - pd.offsets.MonthEnd(1))
    ends = [last_end - pd.offsets.MonthEnd(k) for k in range(months - 1, -1, -1)]
    dates = [pd.Timestamp(e).normalize() for e in ends]
    if not t.is_month_end:
        dates.append(t)
    return dates


def kpi_series(
    ledger: Ledger,
    *,
    as_of: date,
    months: int = 12,
    period_days: int = 90,
    goal_days: int = 45,
    engine: str | Backend | None = None,
) -> pd.DataFrame:
    """Return every KPI at each of the last `months` month ends and at `as_of` (NaN = null)."""
    _check(period_days, goal_days)
    if not isinstance(months, int) or months < 1:
        raise ConfigError("months must be a whole number ≥ 1", key="months", value=months)
    run = backend(engine)
    tl = build_timeline(ledger)
    codes = np.zeros(tl.size, dtype=np.int64)
    grouped = _grouped(tl, codes, 1, run, period_days=period_days, goal_days=goal_days)
    rows: list[dict[str, float]] = []
    dates = series_dates(as_of, months)
    for stamp in dates:
        computed, _, _ = _evaluate(grouped, day_number(stamp))
        rows.append({k: float(computed.values[k][0]) for k in REGISTRY})
    return pd.DataFrame(rows, index=pd.DatetimeIndex(dates, name="as_of"), columns=list(REGISTRY))
