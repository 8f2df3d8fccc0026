"""What each step needs, and what it will show or leave out with the data an engagement has.

`kit validate` lists this per step, so a consultant sees before `kit run` which reports will be
complete and which will say what is missing (and why). The reports themselves decide the same
way: a step view's `missing` names the same ids as `NEEDS` below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kit.engagement import Engagement
from kit.errors import KitError, Problem
from kit.i18n import N_, Language, tr

#: Per step: what its report shows, and per input it can do without what it then leaves out.
_VALIDATE_STEP: dict[str, tuple[str, dict[str, str]]] = {
    "01_goals": (
        N_("goals with baseline, current value, forecast and SMART check"),
        {
            "goals": N_(
                "no goals under goals: in engagement.yaml — the report "
                "suggests starter goals from the data"
            ),
            "settlements": N_(
                "neither payments nor paid dates (paid_date) — goals on "
                "payment time and punctuality have no value and the report "
                "says why"
            ),
        },
    ),
    "02_stakeholders": (
        N_("success factors, power/interest grid, RACI matrix and register"),
        {
            "register": N_(
                "stakeholder register names nobody — the report says whom to add and why"
            ),
            "register_file": N_(
                "no stakeholder register (stakeholders.csv is missing) — the "
                "report says whom to add and why; `kit new` writes the file "
                "with its header"
            ),
        },
    ),
    "03_process": (
        N_("duplicate work, rework, handoffs and the comparison with the to-be process"),
        {
            "maps": N_(
                "no process maps in process_maps/ — the report shows how to "
                "record them (guide: process_maps/README.md)"
            ),
        },
    ),
    "04_kpis": (
        N_("every KPI with aging, trend and data quality"),
        {
            "disputes": N_(
                "no disputes (neither a table nor a flag) — the dispute KPIs are left out"
            ),
            "events": N_("no dunning events — the digital-dunning KPIs are left out"),
            "settlements": N_(
                "neither payments nor paid dates — collection rate, days to "
                "pay and punctuality stay empty and the report says why"
            ),
        },
    ),
    "05_strategy": (
        N_("segments, channel effect, dunning ladder, capacity and agency hand-over"),
        {
            "events": N_(
                "no dunning events — no channel effect; the ladder uses email as the default"
            ),
            "maps": N_(
                "no process maps — workload and capacity are left out and "
                "the report says what they need"
            ),
        },
    ),
    "06_rollout": (
        N_("phases with status, slippage, Gantt chart and exit criteria"),
        {
            "status": N_(
                "no status update in tracking/status.csv yet — the report "
                "shows the plan with every phase not started"
            ),
        },
    ),
    "07_aftercare": (
        N_("goal KPI trends, what drives overdue receivables, levers and backlog"),
        {
            "backlog": N_("improvement backlog empty — the levers stand without actions"),
            "goals": N_("no goals — no goal trend"),
        },
    ),
}

__all__ = ["NEEDS", "StepReadiness", "describe_readiness", "ladder_problems", "step_readiness"]

#: Per step: the inputs it uses, each of which it can do without (the report then says so).
NEEDS: dict[str, tuple[str, ...]] = {
    "01_goals": ("goals", "settlements"),
    "02_stakeholders": ("register",),
    "03_process": ("maps",),
    "04_kpis": ("settlements", "disputes", "events"),
    "05_strategy": ("maps", "events"),
    "06_rollout": ("status",),
    "07_aftercare": ("goals", "backlog"),
}
_K = "validate.step."


@dataclass(frozen=True)
class StepReadiness:
    """One step: what its report shows, and per missing input why it is left out."""

    step: str
    missing: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self, language: Language) -> dict[str, object]:
        """Return the JSON form: step, complete, shows, missing [{what, effect}]."""
        shows, effects = _VALIDATE_STEP[self.step]
        return {
            "step": self.step,
            "complete": not self.missing,
            "shows": tr(shows, language),
            "missing": [{"what": m, "effect": tr(effects[m], language)} for m in self.missing],
        }


def _count_rows(path: Path) -> int:
    """Return the number of non-blank lines below the header of a small CSV file (0 if none)."""
    if not path.is_file():
        return 0
    try:
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return 0
    return sum(1 for line in lines[1:] if line.strip(" ,;\t"))


def _has_maps(folder: Path) -> bool:
    from kit.process.loading import map_files

    return folder.is_dir() and bool(map_files(folder))


def step_readiness(engagement: Engagement, *, rows: Mapping[str, int]) -> list[StepReadiness]:
    """Return per step what is missing, from the rows per ledger table and the project files."""
    present = {
        "goals": bool(engagement.goals),
        "settlements": rows.get("payments", 0) > 0 or _paid_dates(engagement),
        "disputes": rows.get("disputes", 0) > 0 or _flags(engagement),
        "events": rows.get("dunning_events", 0) > 0,
        "register": _count_rows(engagement.resolve(engagement.stakeholders)) > 0,
        "maps": _has_maps(engagement.resolve(engagement.process_maps)),
        "status": _count_rows(engagement.resolve(engagement.status_log)) > 0,
        "backlog": _count_rows(engagement.resolve(engagement.backlog)) > 0,
    }
    if not engagement.resolve(engagement.stakeholders).is_file():
        present["register_file"] = False  # say that the file itself is missing
    return [
        StepReadiness(
            step,
            tuple(
                "register_file" if n == "register" and "register_file" in present else n
                for n in needs
                if not present[n]
            ),
        )
        for step, needs in NEEDS.items()
    ]


def _header(engagement: Engagement) -> set[str]:
    """Return the canonical names of the invoice file's columns (as far as the header says)."""
    source = engagement.data.invoices
    if source is None:  # a ledger export: its cleared items carry the payment dates
        ledger = engagement.data.ledger
        if ledger is None or ledger.contains == "open_items":
            return set()
        return {"paid_date", *(ledger.columns or {}).values()}
    if source.path is None or source.format not in (None, "csv"):
        return set(source.columns.values())  # no file header to read: what the mapping names
    path = engagement.resolve(source.path)
    utf8 = source.encoding.lower().replace("_", "-") == "utf-8"
    encoding = "utf-8-sig" if utf8 else source.encoding
    try:
        with path.open(encoding=encoding, errors="replace") as handle:
            first = handle.readline()
    except (OSError, LookupError):
        return set()
    sep = source.sep or max((";", ",", "\t", "|"), key=first.count)
    names = {c.strip().strip('"').lstrip("\ufeff") for c in first.split(sep)}
    mapping = dict(source.columns)
    return {mapping.get(n, n) for n in names}


def _paid_dates(engagement: Engagement) -> bool:
    return "paid_date" in _header(engagement)


def _flags(engagement: Engagement) -> bool:
    return "disputed" in _header(engagement)


def describe_readiness(readiness: list[StepReadiness], language: Language) -> str:
    """Return the readable per-step lines for `kit validate` (one line per step and gap)."""
    lines = [tr("What the reports will show:", language)]
    for item in readiness:
        number = item.step.split("_", 1)[0]
        label = tr("Step {number}", language, number=number)
        shows, effects = _VALIDATE_STEP[item.step]
        said = [effects[what] for what in item.missing] or [shows]
        lines.extend(f"  {label}: {tr(text, language)}" for text in said)
    return "\n".join(lines)


def ladder_problems(engagement: Engagement) -> list[Problem]:
    """Return the problems of the agreed dunning ladder (`strategy.ladder`), none without one."""
    from kit.strategy import load_ladder

    if engagement.strategy.ladder is None:
        return []
    try:
        load_ladder(engagement.resolve(engagement.strategy.ladder))
    except KitError as error:
        found = error.as_problem()
        if found.key is None:
            found = Problem(**{**found.__dict__, "key": "strategy.ladder"})
        return [found, *error.problems]
    return []
