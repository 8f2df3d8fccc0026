"""Aging buckets by days past due at T (kpis.md "Aging"), edges inclusive as written."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["BUCKETS", "aging_frame", "bucket_codes"]

#: Bucket labels in order: dpd ≤ 0, 1–30, 31–60, 61–90, 91–180, > 180.
BUCKETS = ("current", "1-30", "31-60", "61-90", "91-180", ">180")
_UPPER = np.array([0, 30, 60, 90, 180], dtype=np.int64)


def bucket_codes(dpd: np.ndarray) -> np.ndarray:
    """Return the bucket position (0 = current … 5 = >180) of each days-past-due value."""
    # First upper edge ≥ dpd: dpd 0 → 0, 1 and 30 → 1, 31 → 2, 180 → 4, 181 → 5.
    return np.searchsorted(_UPPER, dpd, side="left").astype(np.int64)


def aging_frame(amounts: np.ndarray, counts: np.ndarray) -> pd.DataFrame:
    """Return the aging table: index = bucket labels, columns amount (currency) and count."""
    frame = pd.DataFrame(
        {"amount": amounts.astype(np.float64), "count": counts.astype(np.int64)},
        index=pd.Index(list(BUCKETS), name="bucket"),
    )
    return frame
