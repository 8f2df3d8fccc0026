"""Display names of ids that several layers show (statuses, verdicts, channels, tables).

Each is a dict of literal message ids (marked with `N_`, so `pybabel extract` finds them);
look the text up with `tr(NAMES[id], language)`.
"""

from __future__ import annotations

from kit.i18n.translations import N_, NP_

__all__ = [
    "GOALS_VERDICT",
    "LEDGER_REASON",
    "LEDGER_TABLE",
    "REPORT_SOURCE",
    "REPORT_TITLE",
    "ROLLOUT_BACKLOG_STATUS",
    "ROLLOUT_CRITERION",
    "ROLLOUT_PHASE",
    "ROLLOUT_RAG",
    "ROLLOUT_STATUS",
    "STRATEGY_CHANNEL",
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
