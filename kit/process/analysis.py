"""One analysis of all maps: duplicate work, rework, handoffs, waits, headline findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from kit.errors import ConfigError
from kit.message import Figure, Msg, wording, wording_plural
from kit.process.duplicates import DuplicateGroup, find_duplicates
from kit.process.model import ProcessMap
from kit.process.normalise import Synonyms
from kit.process.waste import (
    HANDOFF_COLUMNS,
    WAIT_COLUMNS,
    ReworkLoop,
    handoff_rows,
    rework_loops,
    wait_rows,
)

if TYPE_CHECKING:  # pandas is imported for the tables only, not for `kit duplicates --json`
    import pandas as pd

__all__ = ["ProcessAnalysis", "analyse", "findings"]


@dataclass(frozen=True)
class ProcessAnalysis:
    """Duplicate groups, rework loops, handoffs and waits found in a set of maps."""

    maps: tuple[ProcessMap, ...]
    groups: tuple[DuplicateGroup, ...]
    rework: tuple[ReworkLoop, ...]
    handoff_rows: tuple[dict[str, Any], ...]
    wait_rows: tuple[dict[str, Any], ...]
    threshold: float

    @cached_property
    def handoffs(self) -> pd.DataFrame:
        """Return per map the flows and how many cross lanes or systems (handoffs)."""
        import pandas as pd

        return pd.DataFrame(list(self.handoff_rows), columns=list(HANDOFF_COLUMNS))

    @cached_property
    def waits(self) -> pd.DataFrame:
        """Return the waiting steps of all maps with their hours per month."""
        import pandas as pd

        return pd.DataFrame(list(self.wait_rows), columns=list(WAIT_COLUMNS))

    @property
    def activities(self) -> int:
        """Return the number of activities in all maps."""
        return sum(len(m.nodes) for m in self.maps)

    @property
    def duplicate_hours_per_month(self) -> float:
        """Return the avoidable hours per month of all duplicate groups."""
        return sum(g.avoidable_hours_per_month for g in self.groups)

    @property
    def rework_hours_per_month(self) -> float:
        """Return the extra hours per month spent in rework loops."""
        return sum(r.hours_per_month for r in self.rework)

    @property
    def wait_hours_per_month(self) -> float:
        """Return the hours per month of waiting steps (where minutes are given)."""
        return float(sum(row["hours_per_month"] for row in self.wait_rows))

    def unknown_effort(self) -> list[tuple[str, str]]:
        """Return (map, activity id) of tasks whose effort is unknown (counted as 0 h)."""
        return [(m.id, str(a)) for m in self.maps for a in m.unknown_effort()]

    def groups_frame(self) -> pd.DataFrame:
        """Return one row per activity of each duplicate group (group number, hours per month)."""
        import pandas as pd

        rows = [
            {
                "group": n,
                "map": m.map,
                "id": m.id,
                "name": m.name,
                "lane": m.lane,
                "system": m.system,
                "hours_per_month": m.hours_per_month,
                "avoidable_hours_per_month": g.avoidable_hours_per_month,
                "reason": g.reason,
            }
            for n, g in enumerate(self.groups, start=1)
            for m in g.members
        ]
        columns = [
            "group",
            "map",
            "id",
            "name",
            "lane",
            "system",
            "hours_per_month",
            "avoidable_hours_per_month",
            "reason",
        ]
        return pd.DataFrame(rows, columns=columns)

    def rework_frame(self) -> pd.DataFrame:
        """Return one row per rework loop: map, activities, trigger, probability, extra hours."""
        import pandas as pd

        names = {m.id: m for m in self.maps}
        rows = []
        for loop in self.rework:
            pmap = names[loop.map]
            rows.append(
                {
                    "map": loop.map,
                    "loop": " → ".join(pmap.nodes[a]["name"] or a for a in loop.activities),
                    "trigger": f"{loop.trigger[0]} → {loop.trigger[1]}",
                    "probability": loop.probability,
                    "hours_per_month": loop.hours_per_month,
                }
            )
        return pd.DataFrame(
            rows, columns=["map", "loop", "trigger", "probability", "hours_per_month"]
        )

    def to_json_dict(self) -> dict[str, Any]:
        """Return the `kit duplicates --json` document (plain floats, hours per month).

        Long because it writes out the stable JSON shape of architecture.md field by field.
        """
        return {
            "maps": len(self.maps),
            "activities": self.activities,
            "duplicate_hours_per_month": float(self.duplicate_hours_per_month),
            "rework_hours_per_month": float(self.rework_hours_per_month),
            "groups": [
                {
                    "activities": [
                        {
                            "map": m.map,
                            "id": m.id,
                            "name": m.name,
                            "lane": m.lane,
                            "hours_per_month": float(m.hours_per_month),
                        }
                        for m in g.members
                    ],
                    "avoidable_hours_per_month": float(g.avoidable_hours_per_month),
                    "reason": g.reason,
                }
                for g in self.groups
            ],
            "pairs": [
                {
                    "a": {"map": p.a.map, "id": p.a.id},
                    "b": {"map": p.b.map, "id": p.b.id},
                    "score": round(float(p.score), 4),
                    "reason": p.reason,
                    "group": n,
                }
                for n, g in enumerate(self.groups)
                for p in g.pairs
            ],
            "rework": [
                {
                    "map": r.map,
                    "activities": list(r.activities),
                    "trigger": list(r.trigger),
                    "probability": float(r.probability),
                    "hours_per_month": float(r.hours_per_month),
                }
                for r in self.rework
            ],
            "handoffs": [dict(row) for row in self.handoff_rows],
            "waits": [
                {**row, "hours_per_month": float(row["hours_per_month"])} for row in self.wait_rows
            ],
            "unknown_effort": [{"map": m, "id": a} for m, a in self.unknown_effort()],
        }


def analyse(
    maps: Sequence[ProcessMap], *, threshold: float = 0.85, synonyms: Synonyms | None = None
) -> ProcessAnalysis:
    """Return the analysis of all maps: duplicates (threshold 0…1), rework, handoffs, waits."""
    if not 0.0 < threshold <= 1.0:
        raise ConfigError(
            "threshold out of range",
            key="threshold",
            value=threshold,
            expected="a number in (0, 1], e.g. 0.85",
        )
    groups = find_duplicates(maps, threshold=threshold, synonyms=synonyms)
    loops = [loop for pmap in maps for loop in rework_loops(pmap)]
    return ProcessAnalysis(
        tuple(maps),
        tuple(groups),
        tuple(loops),
        tuple(handoff_rows(maps)),
        tuple(wait_rows(maps)),
        threshold,
    )


def findings(analysis: ProcessAnalysis) -> list[Msg]:
    """Return the headline sentences of the analysis as messages (rendered in the report language).

    Every count is given with its noun in the right number ("1 Prozesslandkarte", "2 maps").
    """
    n_maps = len(analysis.maps)
    out = [
        wording_plural(
            "{hours} hours per month of duplicate work in one group ({maps}, {activities}).",
            "{hours} hours per month of duplicate work in {groups} groups ({maps}, {activities}).",
            len(analysis.groups),
            hours=Figure(analysis.duplicate_hours_per_month, digits=0),
            groups=len(analysis.groups),
            maps=wording_plural("{n} process map", "{n} process maps", n_maps, n=n_maps),
            activities=wording_plural(
                "{n} activity", "{n} activities", analysis.activities, n=analysis.activities
            ),
        )
    ]
    out.append(
        wording_plural(
            "{hours} hours per month of rework in one loop.",
            "{hours} hours per month of rework in {loops} loops.",
            len(analysis.rework),
            hours=Figure(analysis.rework_hours_per_month, digits=0),
            loops=len(analysis.rework),
        )
    )
    crossings = sum(int(row["lane_handoffs"]) for row in analysis.handoff_rows)
    out.append(
        wording_plural(
            "{handoffs} handoff between roles; {waits} costing {hours} hours per month.",
            "{handoffs} handoffs between roles; {waits} costing {hours} hours per month.",
            crossings,
            handoffs=str(crossings),
            waits=wording_plural(
                "{n} waiting step",
                "{n} waiting steps",
                len(analysis.wait_rows),
                n=len(analysis.wait_rows),
            ),
            hours=Figure(analysis.wait_hours_per_month, digits=0),
        )
    )
    if analysis.groups:
        top = analysis.groups[0]
        out.append(
            wording(
                "Largest duplicate work: “{name}” is done {count} times – "
                "{hours} hours per month avoidable.",
                hours=Figure(top.avoidable_hours_per_month, digits=0),
                count=str(len(top.members)),
                name=top.members[0].name,
            )
        )
    unknown = analysis.unknown_effort()
    if unknown:
        out.append(
            wording_plural(
                "One activity has no effort given; it counts as 0 hours.",
                "{count} activities have no effort given; they count as 0 hours.",
                len(unknown),
            )
        )
    return out
