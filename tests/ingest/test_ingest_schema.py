"""The quick pass of schema_findings never lets through a table that pandera would refuse."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pandera.errors
import pytest

from kit.ingest.schema import schema_findings, table_schema

TODAY = dt.date(2026, 6, 30)


def _invoices(**changes: object) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "invoice_id": pd.array(["A1", "A2", "A3"], dtype="str"),
            "customer_id": pd.array(["C1", "C1", None], dtype="str"),
            "issue_date": pd.to_datetime(["2026-03-01", "2026-03-05", None]).astype("M8[ns]"),
            "due_date": pd.to_datetime(["2026-03-31", "2026-04-04", "2026-04-09"]).astype("M8[ns]"),
            "amount": [100.0, 0.01, np.nan],
            "disputed": [False, True, False],
        },
        index=[2, 3, 4],
    )
    for name, values in changes.items():
        frame[name] = values
    return frame


def _events(channel: list[object]) -> pd.DataFrame:
    stamps = pd.to_datetime(["2026-03-01 10:00", "2026-03-02 11:30"]).astype("M8[ns]")
    return pd.DataFrame(
        {
            "invoice_id": pd.array(["A1", "A2"], dtype="str"),
            "timestamp": stamps,
            "channel": channel,
            "event": ["sent", "opened"],
        },
        index=[2, 3],
    )


CASES = {
    "clean with blanks": ("invoices", _invoices()),
    "amount 0": ("invoices", _invoices(amount=[100.0, 0.0, 5.0])),
    "negative amount": ("invoices", _invoices(amount=[-1.0, 2.0, 3.0])),
    "amount as text": ("invoices", _invoices(amount=["1", "2", "3"])),
    "1989 date": ("invoices", _invoices(issue_date=pd.to_datetime(["1989-12-31"] * 3))),
    "date six years ahead": ("invoices", _invoices(due_date=pd.to_datetime(["2032-07-01"] * 3))),
    "last plausible day": ("invoices", _invoices(due_date=pd.to_datetime(["2031-06-30"] * 3))),
    "date in seconds": (
        "invoices",
        _invoices(due_date=pd.to_datetime(["2026-03-31"] * 3).astype("M8[s]")),
    ),
    "flag as object": ("invoices", _invoices(disputed=pd.array([True, None, False], "boolean"))),
    "known channels and a blank": ("dunning_events", _events(["email", None])),
    "unknown channel": ("dunning_events", _events(["email", "fax"])),
}


@pytest.mark.parametrize("case", CASES)
def test_findings_are_empty_exactly_when_pandera_accepts(case: str) -> None:
    table, frame = CASES[case]
    try:
        table_schema(table, list(frame.columns), today=TODAY).validate(frame, lazy=True)
        accepted = True
    except pandera.errors.SchemaErrors:
        accepted = False
    findings, problems = schema_findings(
        frame, table, source_names={}, raw=frame, path="x.csv", today=TODAY
    )
    assert (not findings and not problems) == accepted


def test_a_refused_table_names_the_rows() -> None:
    frame = _invoices(amount=[100.0, 0.0, -5.0])
    [finding], _ = schema_findings(
        frame, "invoices", source_names={}, raw=frame, path="x.csv", today=TODAY
    )
    # rows 3 (0.0) and 4 (-5.0) are not greater than 0
    assert finding.rows.tolist() == [3, 4] and "greater than 0" in finding.message
