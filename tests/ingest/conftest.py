"""Shared checks of the ingest tests."""

from __future__ import annotations

import pandas as pd

#: The aging buckets of a KPI result, youngest first.
AGING_BUCKETS = ("current", "1-30", "31-60", "61-90", "91-180", ">180")


def assert_aging(aging: pd.DataFrame, *amounts: float) -> None:
    """Assert the open amount of each aging bucket, given in the order of `AGING_BUCKETS`."""
    assert aging["amount"].to_dict() == dict(zip(AGING_BUCKETS, amounts, strict=True))
