from __future__ import annotations

import pandas as pd
import pytest

from kit.errors import ConfigError, DataError
from kit.strategy.ladder import default_steps, load_ladder, propose_ladder, save_ladder


def _summary(*segments, **metrics):
    rows = [
        {"segment": s, "days_late": 0.0, "on_time_rate": 100.0, "dispute_rate": 0.0}
        for s in segments
    ]
    for row in rows:
        row.update(metrics)
    return pd.DataFrame(rows)


def _plan(ladder, segment):
    part = ladder[ladder["segment"] == segment]
    return [(r.step, r.day, r.channel, r.tone, r.owner) for r in part.itertuples()]


def test_defaults_are_the_best_practice_ladder():
    steps = default_steps()
    assert list(zip(steps["step"], steps["day"], steps["channel"], steps["tone"], strict=True)) == [
        ("pre_due_reminder", -3, "email", "friendly"),
        ("friendly_reminder", 7, "email", "friendly"),
        ("second_reminder", 21, "preferred", "firm"),
        ("call", 35, "call", "firm"),
        ("final_notice", 50, "letter", "formal"),
        ("agency_handover", 90, "internal", "formal"),
    ]
    assert steps["text_de"].str.len().min() > 10


def test_occasional_late_keeps_defaults_with_preferred_channel_resolved():
    ladder = propose_ladder(_summary("occasional_late"), {"occasional_late": "sms"})
    assert _plan(ladder, "occasional_late") == [
        ("pre_due_reminder", -3, "email", "friendly", "accounts_receivable"),
        ("friendly_reminder", 7, "email", "friendly", "accounts_receivable"),
        ("second_reminder", 21, "sms", "firm", "collector"),  # "preferred" -> sms
        ("call", 35, "call", "firm", "collector"),
        ("final_notice", 50, "letter", "formal", "credit_manager"),
        ("agency_handover", 90, "internal", "formal", "credit_manager"),
    ]


def test_adjustments_by_segment_hand_worked():
    summary = _summary("punctual", "chronic_late", "disputer", "high_value_at_risk")
    ladder = propose_ladder(summary, {"all": "letter"}, agency_days=120)
    # punctual: pre-due reminder dropped; second reminder 21 -> 28 and friendly; call 35 -> 42;
    # final notice 50 -> 60; hand-over at agency_days = 120
    assert _plan(ladder, "punctual") == [
        ("friendly_reminder", 7, "email", "friendly", "accounts_receivable"),
        ("second_reminder", 28, "letter", "friendly", "collector"),
        ("call", 42, "call", "firm", "collector"),
        ("final_notice", 60, "letter", "formal", "credit_manager"),
        ("agency_handover", 120, "internal", "formal", "credit_manager"),
    ]
    # chronic: pre-due -3 -> -5 on the preferred channel, reminder 7 -> 3, call 35 -> 14,
    # final notice 50 -> 40
    assert [(s, d, c) for s, d, c, _, _ in _plan(ladder, "chronic_late")] == [
        ("pre_due_reminder", -5, "letter"),
        ("friendly_reminder", 3, "email"),
        ("call", 14, "call"),
        ("second_reminder", 21, "letter"),
        ("final_notice", 40, "letter"),
        ("agency_handover", 120, "internal"),
    ]
    # disputer: dispute check at day 1, before the first escalation
    disputer = ladder[ladder["segment"] == "disputer"]
    assert disputer["step"].tolist()[:3] == [
        "pre_due_reminder",
        "dispute_check",
        "friendly_reminder",
    ]
    handover = disputer[disputer["step"] == "agency_handover"].iloc[0]
    assert "no hand-over while a dispute is open" in handover["note"]
    # high value: credit manager calls at day 10; the collector's call at 35 is gone
    high = _plan(ladder, "high_value_at_risk")
    assert ("credit_manager_call", 10, "call", "friendly", "credit_manager") in high
    assert "call" not in [s for s, *_ in high]


def test_cluster_segment_gets_the_profile_of_its_metrics():
    # cluster with 30 days late (> 20) is treated as chronic: call moves to day 14
    ladder = propose_ladder(_summary("cluster_3", days_late=30.0, on_time_rate=20.0), {})
    assert ("call", 14) in [(s, d) for s, d, *_ in _plan(ladder, "cluster_3")]
    # cluster paying on time with no disputes is punctual: no pre-due reminder
    ladder = propose_ladder(_summary("cluster_1"), {})
    assert "pre_due_reminder" not in ladder["step"].tolist()


def test_agency_before_final_notice_is_refused():
    with pytest.raises(ConfigError, match="after the final notice"):
        propose_ladder(_summary("occasional_late"), {}, agency_days=45)


def test_round_trip_and_edit(tmp_path):
    ladder = propose_ladder(_summary("punctual", "chronic_late"), {"all": "email"})
    file = save_ladder(ladder, tmp_path / "ladder.csv")
    again = load_ladder(file)
    pd.testing.assert_frame_equal(again, ladder)
    assert not list(tmp_path.glob("*.tmp"))
    # the consultant edits in Excel (German: semicolons) and moves the call to day 30
    edited = again.copy()
    edited.loc[(edited["segment"] == "punctual") & (edited["step"] == "call"), "day"] = 30
    german = tmp_path / "ladder_de.csv"
    edited.to_csv(german, sep=";", index=False, encoding="utf-8-sig")
    loaded = load_ladder(german)
    assert (
        loaded.loc[(loaded["segment"] == "punctual") & (loaded["step"] == "call"), "day"].item()
        == 30
    )


def test_bad_rows_are_named(tmp_path):
    file = tmp_path / "ladder.csv"
    file.write_text(
        "segment,step,day,channel,tone,owner\n"
        "punctual,friendly_reminder,7,email,friendly,accounts_receivable\n"
        "punctual,call,soon,pigeon,friendly,collector\n"
        "punctual,final_notice,50,letter,angry,credit_manager\n"
        "punctual,agency_handover,40,internal,formal,credit_manager\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_ladder(file)
    err = info.value
    assert (err.row, err.column, err.value) == (3, "day", "soon")
    found = [(p.row, p.column, p.value) for p in err.problems]
    assert found == [
        (3, "channel", "pigeon"),
        (4, "tone", "angry"),
        (5, "day", "40"),  # hand-over (40) before the final notice (50)
    ]
    assert "ladder.csv" in str(err)


def test_missing_columns_and_file(tmp_path):
    file = tmp_path / "ladder.csv"
    file.write_text("segment,step\npunctual,call\n", encoding="utf-8")
    with pytest.raises(DataError, match="lacks columns") as info:
        load_ladder(file)
    assert "day" in str(info.value.value)
    with pytest.raises(DataError, match="not found"):
        load_ladder(tmp_path / "nope.csv")
