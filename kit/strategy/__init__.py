"""Collection strategy: customer segments, channels, dunning ladder, capacity, agency hand-over."""

from __future__ import annotations

from kit.strategy.segments import (
    SEGMENT_ORDER,
    SegmentThresholds,
    segment_customers,
    segment_summary,
)

__all__ = [
    "SEGMENT_ORDER",
    "SegmentThresholds",
    "segment_customers",
    "segment_summary",
]
