"""The dunning ladder per segment: best-practice defaults adjusted by payment behaviour.

Adjustments by segment (behaviour profile), applied to the defaults of ladder_defaults.yaml:

- ``punctual``: no pre-due reminder (they pay anyway); second reminder later (day 28) and
  friendly; call at day 42; final notice at day 60. Gentle, later escalation.
- ``occasional_late`` and ``no_history``: the defaults unchanged.
- ``chronic_late``: earlier and closer: pre-due reminder at day -5 on the preferred channel,
  friendly reminder at day 3, a call at day 14, final notice at day 40.
- ``disputer``: a dispute check at day 1 before any escalation (dunning block while disputed);
  the agency hand-over only for undisputed invoices.
- ``high_value_at_risk``: a personal call by the credit manager at day 10 instead of the
  collector's call at day 35; the credit manager decides the agency hand-over.

Segments that are not rule tiers (k-means clusters) get the profile their summary metrics match
(same thresholds as the tiers). The agency hand-over is at `agency_days` for every segment and
must come after the final notice. `preferred` resolves the channel ``preferred``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from kit.errors import ConfigError
from kit.files import load_yaml
from kit.i18n.markers import N_
from kit.message import literal, msg
from kit.strategy._ladder_io import LADDER_COLUMNS, load_ladder, save_ladder, validate_ladder
from kit.strategy.segments import SEGMENT_ORDER, SegmentThresholds

_STRATEGY_LADDER_NOTE: dict[str, str] = {
    "chronic_late": N_("Chronic late payers: remind earlier, call early, final notice sooner"),
    "credit_manager_decides": N_("Hand-over only after the credit manager decides"),
    "disputer": N_("Check disputes before any escalation; block dunning on disputed invoices"),
    "high_value_at_risk": N_("High value at risk: early personal call by the credit manager"),
    "no_agency_disputed": N_("Undisputed invoices only; no hand-over while a dispute is open"),
    "no_history": N_("Default ladder"),
    "occasional_late": N_("Default ladder"),
    "punctual": N_("Punctual payers: no pre-due reminder, later and gentler escalation"),
}

__all__ = [
    "LADDER_COLUMNS",
    "default_steps",
    "load_ladder",
    "propose_ladder",
    "save_ladder",
    "validate_ladder",
]

_DEFAULTS = Path(__file__).with_name("ladder_defaults.yaml")
_STEP_COLUMNS = ["step", "day", "channel", "tone", "owner", "text_de", "text_en"]


@cache
def _load_defaults() -> dict[str, list[dict[str, Any]]]:
    loaded: Any = load_yaml(_DEFAULTS)
    return {k: list(v) for k, v in loaded.items()}


def _frame(items: list[dict[str, Any]]) -> pd.DataFrame:
    rows = [
        {
            "step": str(i["step"]),
            "day": int(i["day"]),
            "channel": str(i["channel"]),
            "tone": str(i["tone"]),
            "owner": str(i["owner"]),
            "text_de": str(i["text"]["de"]),
            "text_en": str(i["text"]["en"]),
        }
        for i in items
    ]
    return pd.DataFrame(rows, columns=_STEP_COLUMNS)


def default_steps(*, optional: bool = False) -> pd.DataFrame:
    """Return the default ladder steps (day relative to due) or, with optional=True, the extras."""
    return _frame(_load_defaults()["optional_steps" if optional else "steps"])


def _profile(row: Mapping[Any, Any], th: SegmentThresholds) -> str:
    segment = str(row["segment"])
    if segment in SEGMENT_ORDER:
        return segment
    days, on_time, disputes = (
        float(row.get(k, float("nan"))) for k in ("days_late", "on_time_rate", "dispute_rate")
    )
    if disputes >= th.dispute_rate_min:
        return "disputer"
    if days > th.chronic_days_late or on_time < th.chronic_on_time_max:
        return "chronic_late"
    if on_time >= th.punctual_on_time_min and days <= th.punctual_days_late_max:
        return "punctual"
    return "occasional_late"


def _set(steps: pd.DataFrame, step: str, **values: str | int) -> None:
    for column, value in values.items():
        steps.loc[steps["step"] == step, column] = value


def _adjust(steps: pd.DataFrame, profile: str, extras: pd.DataFrame) -> pd.DataFrame:
    """Return the steps adjusted to a payment profile; a `note` (a message id) says why."""
    steps = steps.copy()
    steps["note"] = ""
    note = _STRATEGY_LADDER_NOTE[profile]
    if profile == "punctual":
        steps = steps[steps["step"] != "pre_due_reminder"].copy()
        _set(steps, "second_reminder", day=28, tone="friendly")
        _set(steps, "call", day=42)
        _set(steps, "final_notice", day=60)
        steps.loc[steps["step"].isin(["second_reminder", "call", "final_notice"]), "note"] = note
    elif profile == "chronic_late":
        _set(steps, "pre_due_reminder", day=-5, channel="preferred")
        _set(steps, "friendly_reminder", day=3)
        _set(steps, "call", day=14)
        _set(steps, "final_notice", day=40)
        steps.loc[steps["step"] != "second_reminder", "note"] = note
    elif profile == "disputer":
        check = extras[extras["step"] == "dispute_check"].assign(note=note)
        steps = pd.concat([steps, check], ignore_index=True)
        _set(
            steps,
            "agency_handover",
            note=N_("Undisputed invoices only; no hand-over while a dispute is open"),
        )
    elif profile == "high_value_at_risk":
        call = extras[extras["step"] == "credit_manager_call"].assign(note=note)
        steps = pd.concat([steps[steps["step"] != "call"], call], ignore_index=True)
        _set(
            steps,
            "agency_handover",
            note=N_("Hand-over only after the credit manager decides"),
        )
    return steps


def propose_ladder(
    segment_summary: pd.DataFrame,
    preferred: Mapping[str, str],
    *,
    defaults: pd.DataFrame | None = None,
    agency_days: int = 90,
    thresholds: SegmentThresholds | None = None,
) -> pd.DataFrame:
    """Return the proposed ladder: segment, step, day (relative to due), channel, tone, owner.

    `note` holds message ids of the report wording (empty where a step keeps its default); the
    report shows them with `kit.message.render(wording(note), language)`.
    """
    base = default_steps() if defaults is None else defaults
    missing = [c for c in _STEP_COLUMNS if c not in base.columns]
    if missing:
        raise ConfigError(
            "default steps lack columns",
            key="defaults",
            value=", ".join(missing),
            expected=literal(", ".join(_STEP_COLUMNS)),
        )
    extras = default_steps(optional=True)
    th = thresholds or SegmentThresholds()
    frames = []
    for row in segment_summary.to_dict("records"):
        segment = str(row["segment"])
        steps = _adjust(base[_STEP_COLUMNS], _profile(row, th), extras)
        final = steps.loc[steps["step"] == "final_notice", "day"]
        if len(final) and agency_days <= int(final.max()):
            raise ConfigError(
                "the agency hand-over must come after the final notice",
                key="strategy.agency_days_overdue",
                value=agency_days,
                expected=msg(
                    "more than {max} days (final notice of '{segment}')",
                    max=int(final.max()),
                    segment=segment,
                ),
            )
        _set(steps, "agency_handover", day=agency_days)
        channel = preferred.get(segment, preferred.get("all", "email"))
        steps.loc[steps["channel"] == "preferred", "channel"] = channel
        steps.insert(0, "segment", segment)
        frames.append(steps.sort_values(["day", "step"], kind="stable"))
    if not frames:
        return pd.DataFrame(columns=LADDER_COLUMNS)
    ladder = pd.concat(frames, ignore_index=True)[LADDER_COLUMNS]
    ladder["day"] = ladder["day"].astype(int)
    return ladder
