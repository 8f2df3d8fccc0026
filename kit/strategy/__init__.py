"""Collection strategy: customer segments, channels, dunning ladder, capacity, agency hand-over."""

from __future__ import annotations

from kit.strategy.agency import HANDOVER_COLUMNS, agency_handover
from kit.strategy.capacity import DEFAULT_GROWTH, CapacityPlan, capacity_plan
from kit.strategy.channels import (
    EFFECTIVENESS_COLUMNS,
    channel_effectiveness,
    preferred_channels,
)
from kit.strategy.ladder import (
    LADDER_COLUMNS,
    default_steps,
    load_ladder,
    propose_ladder,
    save_ladder,
    validate_ladder,
)
from kit.strategy.segments import (
    SEGMENT_ORDER,
    SegmentThresholds,
    segment_customers,
    segment_summary,
)

__all__ = [
    "DEFAULT_GROWTH",
    "EFFECTIVENESS_COLUMNS",
    "HANDOVER_COLUMNS",
    "LADDER_COLUMNS",
    "SEGMENT_ORDER",
    "CapacityPlan",
    "SegmentThresholds",
    "agency_handover",
    "capacity_plan",
    "channel_effectiveness",
    "default_steps",
    "load_ladder",
    "preferred_channels",
    "propose_ladder",
    "save_ladder",
    "segment_customers",
    "segment_summary",
    "validate_ladder",
]
