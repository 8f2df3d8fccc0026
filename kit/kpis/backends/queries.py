"""The per-group aggregates at T as Ibis expressions (one definition for every backend).

Each expression returns few rows (one per group, or per group and month). Rules that keep one
definition portable: dates are epoch days (integers), every ratio is left to `formulas.evaluate`
(no division here, so Spark's ANSI mode cannot raise), and no as-of join or median is needed.
"""

from __future__ import annotations

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from kit.kpis.backends.tables import Tables
from kit.kpis.timeline import EXACT_DIGITS, TOLERANCE

__all__ = ["credit_totals", "invoice_totals", "monthly_sales", "resolved_totals"]

#: Upper edges of the aging buckets current, 1-30, 31-60, 61-90, 91-180 (kpis.md "Aging").
_UPPER = (0, 30, 60, 90, 180)


def _count(cond: ir.BooleanValue) -> ir.IntegerScalar:
    return ibis.ifelse(cond, 1, 0).sum()


#: Sums are exact: each value is rounded to 1e-10 and added as a decimal, so a total does not
#: depend on the order in which a parallel engine adds (a float sum may differ in the last bit
#: between runs, partitions or engines).
_EXACT = dt.Decimal(*EXACT_DIGITS)


def _total(value: ir.NumericValue, cond: ir.BooleanValue | bool = True) -> ir.FloatingScalar:
    """Return the exact sum of `value` where `cond` holds (`native` writes the same in SQL)."""
    kept = ibis.ifelse(cond, value, 0.0) if cond is not True else value
    return kept.cast(_EXACT).sum().cast("float64")


def _open(issued: ir.BooleanValue, amount: ir.FloatingValue, paid: ir.FloatingValue) -> ir.Value:
    """Return open(i, t) unclipped: 0 before issue and within TOLERANCE of 0."""
    raw = ibis.ifelse(issued, amount - paid.fill_null(0.0), 0.0)
    return ibis.ifelse(raw.abs() <= amount * TOLERANCE, 0.0, raw)


def per_invoice(t: Tables, *, day: int, period_days: int) -> ir.Table:
    """Return per invoice at T: open amounts at T and T − P, bucket, window and dispute flags."""
    start = day - period_days
    d = t.disputes
    dis = d.group_by(d.inv.name("dinv")).aggregate(
        d_by=_count(d.opened <= day), d_open=_count((d.opened <= day) & (d.resolved > day))
    )
    inv = t.invoices
    if t.paid_at != (day, start):
        ev = t.events
        paid = ev.group_by("inv").aggregate(
            paid_t=_total(ev.amount, ev.day <= day), paid_s=_total(ev.amount, ev.day <= start)
        )
        inv = inv.left_join(paid, inv.pos == paid.inv)
    j = inv.left_join(dis, inv.pos == dis.dinv)
    raw = _open(j.issue <= day, j.amount, j.paid_t)
    dpd = day - j.due
    bucket = ibis.cases(*((dpd <= edge, k) for k, edge in enumerate(_UPPER)), else_=len(_UPPER))
    in_table = j.d_by.notnull()
    return j.select(
        grp=j.grp,
        amount=j.amount,
        issue=j.issue,
        due=j.due,
        settled=j.settled,
        sale=j.sale,
        raw=raw,
        open_t=ibis.greatest(raw, 0.0),
        open_s=ibis.greatest(_open(j.issue <= start, j.amount, j.paid_s), 0.0),
        bucket=bucket,
        issued_in_w=(j.issue > start) & (j.issue <= day),
        due_in_w=(j.due > start) & (j.due <= day) & (j.issue <= day),
        settled_in_w=(j.settled > start) & (j.settled <= day),
        disputed_by_t=j.flag | (j.d_by.fill_null(0) > 0),
        open_dispute=(j.d_open.fill_null(0) > 0) | (j.flag & ~in_table),
    )


def invoice_totals(t: Tables, *, day: int, period_days: int, goal_days: int) -> ir.Table:
    """Return per group the invoice sums of `Receivables` and `Disputes` (one row per group)."""
    x = per_invoice(t, day=day, period_days=period_days)
    is_open = x.open_t > 0
    s_in = x.settled_in_w
    to_pay = x.settled - x.issue
    late = x.settled - x.due
    sold = x.issued_in_w & x.sale
    aging: dict[str, ir.Scalar] = {}
    for k in range(len(_UPPER) + 1):
        cell = is_open & (x.bucket == k)
        aging[f"aging_amount_{k}"] = _total(x.open_t, cell)
        aging[f"aging_count_{k}"] = _count(cell)
    return x.group_by("grp").aggregate(
        **aging,
        ar_start=_total(x.open_s),
        credit_sales=_total(x.amount, sold),
        issued_count=_count(sold),
        due_in_w=_total(x.amount, x.due_in_w),
        settled_count=_count(s_in),
        settled_amount=_total(x.amount, s_in),
        settled_amount_x_days_to_pay=_total(x.amount * to_pay.cast("float64"), s_in),
        settled_amount_x_days_late=_total(x.amount * late.cast("float64"), s_in),
        on_time_count=_count(s_in & (late <= 0)),
        within_goal_count=_count(s_in & (to_pay <= goal_days)),
        overpaid_count=_count(x.raw < 0),
        overpaid_amount=_total(-x.raw, x.raw < 0),
        issued_disputed_count=_count(x.issued_in_w & x.disputed_by_t),
        disputed_ar=_total(x.open_t, x.open_dispute),
    )


def credit_totals(t: Tables, *, day: int, period_days: int) -> ir.Table:
    """Return per group cash received in W, open credits at T and credit notes issued in W."""
    start = day - period_days
    c = t.credits.filter(t.credits.grp >= 0)
    in_w = (c.day > start) & (c.day <= day)
    is_open = c.unapplied & (c.day <= day) & (c.cleared > day)
    return c.group_by("grp").aggregate(
        paid_in_w=_total(c.amount, in_w & (c.kind == 0)),
        notes_in_w=_total(c.amount, in_w & (c.kind == 1)),
        open_credits=_total(c.amount, is_open),
    )


def resolved_totals(t: Tables, *, day: int, period_days: int) -> ir.Table:
    """Return per group the disputes resolved in W and the sum of their days to resolve."""
    d = t.disputes
    done = d.filter((d.resolved > day - period_days) & (d.resolved <= day))
    return done.group_by("grp").aggregate(
        resolved_count=done.count(), resolved_days_sum=(done.resolved - done.opened).sum()
    )


def monthly_sales(t: Tables, *, day: int, t_month: int) -> ir.Table:
    """Return sales per group and month slice back from T's month (k = 0: T's month)."""
    inv = t.invoices
    known = inv.filter((inv.issue <= day) & inv.sale)
    return known.group_by(known.grp, back=(t_month - known.month)).aggregate(
        sales=_total(known.amount)
    )
