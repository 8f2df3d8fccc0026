"""Display names of ids that several layers show (statuses, verdicts, channels, tables).

Each is a dict of literal message ids (marked with `N_`, so `pybabel extract` finds them);
look the text up with `tr(NAMES[id], language)`.
"""

from __future__ import annotations

from kit.i18n.translations import N_, NP_

__all__ = [
    "BUSINESS_CASE_REASON",
    "FORECAST_COL",
    "GOALS_UNIT",
    "GOALS_VERDICT",
    "GOALS_VERDICT_RULE",
    "LEDGER_REASON",
    "LEDGER_TABLE",
    "REPORT_SOURCE",
    "REPORT_TITLE",
    "ROLLOUT_BACKLOG_STATUS",
    "ROLLOUT_COLUMN",
    "ROLLOUT_CRITERION",
    "ROLLOUT_PHASE",
    "ROLLOUT_RAG",
    "ROLLOUT_STATUS",
    "STAKEHOLDERS_GRID",
    "STEPS_AFTERCARE_COLUMN",
    "STEPS_AFTERCARE_DIMENSION",
    "STEPS_KPIS_COL",
    "STEPS_KPIS_STAGE",
    "STRATEGY_CHANNEL",
    "STRATEGY_HANDOVER_COL",
    "STRATEGY_OWNER",
    "STRATEGY_STEP",
    "STRATEGY_TONE",
]

GOALS_VERDICT: dict[str, str] = {
    "achieved": N_("achieved"),
    "at_risk": N_("at risk"),
    "missed": N_("missed"),
    "on_track": N_("on track"),
    "unknown": N_("not measurable"),
}

ROLLOUT_STATUS: dict[str, str] = {
    "blocked": N_("blocked"),
    "done": N_("done"),
    "in_progress": N_("in progress"),
    "not_started": N_("not started"),
}

ROLLOUT_RAG: dict[str, str] = {
    "amber": N_("amber"),
    "green": N_("green"),
    "grey": N_("grey"),
    "red": N_("red"),
}

ROLLOUT_BACKLOG_STATUS: dict[str, str] = {
    "done": NP_("done", "done"),
    "dropped": N_("dropped"),
    "in_progress": N_("in progress"),
    "open": N_("open"),
}

STRATEGY_CHANNEL: dict[str, str] = {
    "call": N_("phone call"),
    "email": N_("email"),
    "internal": N_("internal"),
    "letter": N_("letter"),
    "portal": N_("customer portal"),
    "sms": N_("SMS"),
}

LEDGER_TABLE: dict[str, str] = {
    "credit_notes": N_("credit notes"),
    "customers": N_("customers"),
    "disputes": N_("disputes"),
    "dunning_events": N_("dunning events"),
    "invoices": N_("invoices"),
    "payments": N_("payments"),
    "residual_items": N_("residual items"),
}

LEDGER_REASON: dict[str, str] = {
    "filter": N_("by the filter"),
    "heading": N_("heading or group rows without an amount"),
    "other_document_type": N_("other document type"),
    "skipped_problem": N_("with problems (on_error: skip)"),
    "subtotal": N_("subtotal or total rows"),
}

ROLLOUT_PHASE: dict[str, str] = {
    "acceptance_test": N_("Acceptance test"),
    "blueprint": N_("Blueprint"),
    "continuous_improvement": N_("Continuous improvement"),
    "go_live": N_("Go-live"),
    "hypercare": N_("Hypercare"),
    "setup": N_("Setup"),
    "training": N_("Training"),
}

ROLLOUT_CRITERION: dict[str, str] = {
    "acceptance_signed_off": N_("Acceptance formally signed off"),
    "aftercare_owner_named": N_("Owner for after-care named"),
    "backlog_maintained": N_("Improvement backlog maintained"),
    "baseline_computed": N_("Baseline KPIs computed"),
    "blueprint_signed_off": N_("Blueprint formally signed off"),
    "configuration_done": N_("Configuration (dunning levels, templates, channels) complete"),
    "cutover_done": N_("Cut-over completed"),
    "data_connected": N_("Data connection works (invoices, payments readable)"),
    "dispute_owner_named": N_("Owner for dispute management named"),
    "end_users_trained": N_("End users trained"),
    "go_live_decision": N_("Go-live decision taken"),
    "goals_smart": N_("Goals pass the SMART check"),
    "incidents_resolved": N_("Hypercare incidents resolved"),
    "kpi_trend_reviewed": N_("KPI trend reviewed against the goals"),
    "kpis_monitored": N_("KPIs monitored since go-live"),
    "maps_analysed": N_("As-is process maps captured and analysed"),
    "stakeholders_ok": N_("Stakeholder checks pass (RACI, project lead, IT from Blueprint)"),
    "test_cases_passed": N_("Acceptance test cases passed"),
    "training_material_ready": N_("Training material available"),
}

REPORT_TITLE: dict[str, str] = {
    "aftercare": N_("After-care"),
    "goals": N_("Goals and baseline"),
    "kpis": N_("Key figures at the as-of date"),
    "process": N_("Process analysis"),
    "rollout": N_("Rollout status"),
    "stakeholders": N_("Stakeholders and roles"),
    "strategy": N_("Collection strategy"),
}

STRATEGY_STEP: dict[str, str] = {
    "agency_handover": N_("Hand-over to agency"),
    "call": NP_("call", "Phone call"),
    "credit_manager_call": N_("Credit manager call"),
    "dispute_check": N_("Dispute check"),
    "final_notice": N_("Final notice"),
    "friendly_reminder": N_("Payment reminder"),
    "pre_due_reminder": N_("Pre-due reminder"),
    "second_reminder": N_("Second reminder"),
}

STRATEGY_TONE: dict[str, str] = {
    "firm": N_("firm"),
    "formal": N_("formal"),
    "friendly": N_("friendly"),
}

STRATEGY_OWNER: dict[str, str] = {
    "accounts_receivable": N_("Accounts receivable"),
    "collector": N_("Collector"),
    "credit_manager": N_("Credit manager"),
    "dispute_manager": N_("Dispute manager"),
}

REPORT_SOURCE: dict[str, str] = {
    "credit_notes": N_("Credit notes"),
    "customers": N_("Customers"),
    "disputes": N_("Disputes"),
    "dunning_events": N_("Dunning events"),
    "invoices": N_("Invoices"),
    "ledger": N_("Line-item export"),
    "payments": N_("Payments"),
}

ROLLOUT_COLUMN: dict[str, str] = {
    "actual_end": NP_("actual_end", "Actual end"),
    "actual_start": NP_("actual_start", "Actual start"),
    "author": N_("By"),
    "blocked": N_("Blocked"),
    "client": N_("Client"),
    "current_phase": N_("Current phase"),
    "days_left": N_("Days left"),
    "engagement": N_("Engagement"),
    "next_milestone": N_("Next milestone"),
    "note": NP_("note", "Note"),
    "owner": N_("Owner"),
    "percent": N_("Done"),
    "phase": N_("Phase"),
    "planned_end": NP_("planned_end", "Planned end"),
    "planned_start": NP_("planned_start", "Planned start"),
    "rag": N_("RAG"),
    "since": N_("Since"),
    "slippage_days": N_("Slippage (days)"),
    "status": N_("Status"),
}

BUSINESS_CASE_REASON: dict[str, str] = {
    "goal_not_down": N_("The DSO goal asks for a higher DSO: it releases no working capital."),
    "no_credit_sales": N_(
        "There are no credit sales in the window, so there is no amount of working capital."
    ),
    "no_dso_goal": N_(
        "Without a DSO goal the working capital released cannot be put in money; agree a DSO goal."
    ),
    "no_kpi_value": N_(
        "DSO cannot be computed at the as-of date, so there is no amount of working capital."
    ),
    "no_process_maps": N_(
        "Without process maps the hours freed cannot be counted; map the as-is processes."
    ),
}

GOALS_UNIT: dict[str, str] = {
    "count": N_("count"),
    "currency": N_("EUR"),
    "days": N_("days"),
    "hours": N_("hours"),
    "percent": N_("%"),
}

GOALS_VERDICT_RULE: dict[str, str] = {
    "achieved": N_("The latest value meets the target."),
    "at_risk": N_(
        "The linear trend does not reach the target by the deadline "
        "(or there are too few values for a trend)."
    ),
    "missed": N_("The deadline has passed and the target is not met."),
    "on_track": N_("The linear trend since the baseline date reaches the target by the deadline."),
    "unknown": N_("The KPI has no value at the baseline date or the as-of date."),
}

STAKEHOLDERS_GRID: dict[str, str] = {
    "influence": N_("Influence (1–5)"),
    "interest": N_("Interest (1–5)"),
    "keep_informed": N_("Keep informed"),
    "keep_satisfied": N_("Keep satisfied"),
    "manage_closely": N_("Manage closely"),
    "monitor": N_("Monitor"),
    "title": N_("Power/interest grid"),
}


STEPS_KPIS_COL: dict[str, str] = {
    "amount": N_("Amount"),
    "bucket": N_("Days past due"),
    "channel": N_("Channel"),
    "count": N_("Invoices"),
    "customer_id": N_("Customer no."),
    "date": N_("Date"),
    "first_date": N_("First date"),
    "invoice_id": N_("Invoice no."),
    "invoices": N_("Invoices"),
    "kind": N_("Kind"),
    "kpi": N_("KPI"),
    "last_date": N_("Last date"),
    "metric": N_("Measure"),
    "name": N_("Customer"),
    "note": N_("Note"),
    "oldest_dpd": NP_("oldest_dpd", "Oldest (days past due)"),
    "overdue_amount": NP_("overdue_amount", "Overdue"),
    "reference": N_("Reference (source)"),
    "rows": N_("Rows"),
    "share": N_("Share"),
    "table": N_("Table"),
    "unit": N_("Unit"),
    "value": N_("Value"),
}

STEPS_KPIS_STAGE: dict[str, str] = {
    "clicked": N_("clicked"),
    "delivered": N_("delivered"),
    "opened": N_("opened"),
    "paid": N_("paid (14 days)"),
    "sent": N_("sent"),
}

FORECAST_COL: dict[str, str] = {
    "actual": N_("Actual"),
    "baseline": N_("Simple rule"),
    "customer_id": N_("Customer ID"),
    "customer_name": N_("Customer"),
    "days_overdue": N_("Days past due (oldest)"),
    "due_date": N_("Due date"),
    "dunning_level": N_("Dunning level"),
    "expected": N_("Expected"),
    "expected_overdue": N_("Expected overdue amount"),
    "expected_overdue_short": N_("Expected overdue"),
    "expected_payment_date": N_("Expected payment"),
    "figure": NP_("col.figure", "Figure"),
    "high": N_("High (90 %)"),
    "interval": N_("80 % interval"),
    "invoice_id": N_("Invoice"),
    "invoice_ids": N_("Invoices"),
    "invoices": N_("Open invoices"),
    "low": N_("Low (10 %)"),
    "model": N_("Forecasting model"),
    "open_amount": N_("Open amount"),
    "p_late_30": N_("Probability over 30 days late"),
    "p_late_30_short": N_("Prob. over 30 days"),
    "rank": N_("Rank"),
    "reason": N_("Reason"),
    "segment": N_("Segment"),
    "week": N_("Week from"),
}

STRATEGY_HANDOVER_COL: dict[str, str] = {
    "amount": N_("Invoice amount"),
    "customer_id": N_("Customer ID"),
    "customer_name": N_("Customer"),
    "days_overdue": N_("Days past due"),
    "due_date": NP_("due_date", "Due date"),
    "invoice_id": N_("Invoice"),
    "issue_date": N_("Invoice date"),
    "last_channel": N_("Last channel"),
    "last_reminder_date": N_("Last reminder on"),
    "open_amount": N_("Open amount"),
    "reminders_sent": N_("Reminders sent"),
}

STEPS_AFTERCARE_COLUMN: dict[str, str] = {
    "action": N_("Recommended action"),
    "amount": N_("Overdue"),
    "backlog": N_("In the backlog"),
    "baseline": N_("Baseline"),
    "customer_id": N_("Customer no."),
    "deadline": N_("Deadline"),
    "dimension": N_("View"),
    "due_date": N_("Due"),
    "expected_effect": N_("Expected effect"),
    "forecast": N_("Trend at deadline"),
    "goal": N_("Goal"),
    "group": N_("Group"),
    "id": N_("No."),
    "invoices": N_("Invoices"),
    "item": N_("Item"),
    "kpi": N_("KPI"),
    "lever": N_("Lever"),
    "name": N_("Customer"),
    "now": N_("Now"),
    "oldest_dpd": N_("Oldest (days past due)"),
    "overdue_amount": N_("Overdue"),
    "owner": N_("Owner"),
    "progress": N_("Progress"),
    "share_pct": N_("Share"),
    "status": N_("Status"),
    "target": N_("Target"),
    "verdict": N_("Verdict"),
}

STEPS_AFTERCARE_DIMENSION: dict[str, str] = {
    "aging_bucket": N_("Days past due"),
    "dispute_reason": N_("Dispute reason"),
    "segment": N_("Segment"),
}
