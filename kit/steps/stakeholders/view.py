"""Step 02 (stakeholders): who is involved, the success-factor checks, grid, RACI and register.

The register is read from the engagement's `stakeholders` file with the phase ids of the rollout
plan. With `privacy: pseudonymise` every name is replaced by "Person A", "Person B", … before any
check, chart or table is built, so no real name reaches the report.

Quadrants of the power/interest grid: a score of 4 or 5 counts as high, 1 to 3 as low (a score
of 3 sits on the dividing line of the chart and counts as low).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kit.charts.stakeholders import plot_power_interest, plot_raci
from kit.report import Html, Tile, glossary, headline, note, show, summary, table, tiles
from kit.report.context import ReportContext
from kit.rollout import phase_plan
from kit.stakeholders import (
    RACI_LETTERS,
    CheckResult,
    coverage_checks,
    has_role,
    load_register,
    pseudonymise,
)
from kit.steps.thin import missing_headline, needs, thin_sentences

__all__ = [
    "QUADRANTS",
    "StakeholdersView",
    "checks_table",
    "load_stakeholders",
    "power_interest",
    "privacy_note",
    "quadrant",
    "raci_matrix",
    "register_table",
    "stakeholders_glossary",
    "stakeholders_headline",
    "stakeholders_summary",
    "stakeholders_tiles",
]

QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")
_HIGH = 4  # scores of 4 and 5 are high


@dataclass(frozen=True)
class StakeholdersView:
    """What notebook 02 shows: the register (pseudonymised if configured), phases and checks."""

    register: pd.DataFrame
    phases: list[str]  # phase ids in plan order
    phase_titles: list[str]  # display names in the report language
    checks: list[CheckResult]
    pseudonymised: bool

    @property
    def missing(self) -> tuple[str, ...]:
        """Return ("register",) while the register names nobody yet, else ()."""
        return () if len(self.register) else ("register",)

    @property
    def failed(self) -> list[CheckResult]:
        """Return the checks that did not pass."""
        return [c for c in self.checks if not c.passed]


def quadrant(influence: int, interest: int) -> str:
    """Return the grid quadrant id of a person (high = score 4 or 5)."""
    power, keen = influence >= _HIGH, interest >= _HIGH
    if power:
        return "manage_closely" if keen else "keep_satisfied"
    return "keep_informed" if keen else "monitor"


def load_stakeholders(ctx: ReportContext) -> StakeholdersView:
    """Return the register with the plan's phases and the success-factor checks run on it."""
    engagement = ctx.engagement
    plan = phase_plan(engagement)
    phases = [p.id for p in plan]
    path = engagement.resolve(engagement.stakeholders)
    register = (
        load_register(path, phases=phases)
        if path.exists()
        else pd.DataFrame(
            columns=["name", "role", "department", "influence", "interest", *phases, "contact"]
        )
    )
    private = engagement.privacy == "pseudonymise"
    if private:
        register = pseudonymise(register)
    checks = coverage_checks(register, phases=phases, language=ctx.language)
    titles = [p.title(ctx.language) for p in plan]
    return StakeholdersView(register, phases, titles, checks, private)


def _title(ctx: ReportContext, check: CheckResult) -> str:
    return ctx.t(f"stakeholders.check.{check.id}.title")


def _people(view: StakeholdersView, wanted: str) -> list[str]:
    reg = view.register
    return [
        str(r["name"])
        for _, r in reg.iterrows()
        if quadrant(int(r["influence"]), int(r["interest"])) == wanted
    ]


def _lead(view: StakeholdersView) -> str | None:
    leads = view.register[has_role(view.register, "project_lead")]
    return None if leads.empty else str(leads["name"].iloc[0])


def _first_phase(ctx: ReportContext, view: StakeholdersView, check: CheckResult) -> str:
    """Return " It first joins in <phase> (name: letter, …)." for a failed *_from_start check."""
    group = check.id.removesuffix("_from_start")
    if group == check.id or group not in ("credit", "finance", "it"):
        return ""
    people = view.register[has_role(view.register, group)]
    for phase, title in zip(view.phases, view.phase_titles, strict=True):
        active = people[people[phase] != ""]
        if not active.empty:
            who = ", ".join(f"{r['name']}: {r[phase]}" for _, r in active.iterrows())
            return " " + ctx.t("steps.stakeholders.found.first_phase", phase=title, who=who)
    return " " + ctx.t("steps.stakeholders.found.never")


def stakeholders_summary(ctx: ReportContext, view: StakeholdersView) -> Html:
    """Return the executive summary: who is involved, which checks fail, what to do next."""
    reg = view.register
    closely = _people(view, "manage_closely")
    if view.missing:
        said = thin_sentences(ctx, "stakeholders", missing=view.missing)
        return summary(
            ctx,
            found=[*said.found, *(f"{_title(ctx, c)}: {c.message}" for c in view.failed)],
            means=[*said.means, *(f"{_title(ctx, c)}: {c.why}" for c in view.failed)],
            next_steps=said.how,
        )
    found = [
        ctx.t(
            "steps.stakeholders.found.people",
            n=len(reg),
            departments=reg["department"].nunique(),
            closely=", ".join(closely) or ctx.t("steps.stakeholders.nobody"),
        ),
        ctx.t(
            "steps.stakeholders.found.checks",
            passed=len(view.checks) - len(view.failed),
            total=len(view.checks),
        ),
    ]
    found += [f"{_title(ctx, c)}: {c.message}{_first_phase(ctx, view, c)}" for c in view.failed]
    means = [f"{_title(ctx, c)}: {c.why}" for c in view.failed]
    if not view.failed:
        means.append(ctx.t("steps.stakeholders.means.all_ok"))
    steps = [ctx.t(f"steps.stakeholders.action.{c.id}") for c in view.failed]
    lead = _lead(view)
    steps.append(
        ctx.t("steps.stakeholders.next.confirm", lead=lead)
        if lead
        else ctx.t("steps.stakeholders.next.confirm_nolead")
    )
    return summary(ctx, found=found, means=means, next_steps=steps)


def stakeholders_headline(ctx: ReportContext, view: StakeholdersView) -> None:
    """Publish the index card: success factors met and the ones still open."""
    if view.missing:
        title = ctx.t("steps.stakeholders.headline.title")
        missing_headline(ctx, "stakeholders", missing="register", title=title)
        return
    total, failed = len(view.checks), view.failed
    value = ctx.t("steps.stakeholders.headline.value", passed=total - len(failed), total=total)
    if failed:
        open_titles = ", ".join(_title(ctx, c) for c in failed)
        takeaway = ctx.t("steps.stakeholders.headline.open", checks=open_titles)
    else:
        takeaway = ctx.t("steps.stakeholders.headline.all")
    status = "good" if not failed else "warn" if len(failed) <= 2 else "bad"
    headline(
        ctx,
        title=ctx.t("steps.stakeholders.headline.title"),
        value_text=value,
        takeaway=takeaway,
        status=status,
    )


@needs("register")
def stakeholders_tiles(ctx: ReportContext, view: StakeholdersView) -> Html:
    """Return tiles: people, departments, people to manage closely, success factors met."""
    reg, total = view.register, len(view.checks)
    passed = total - len(view.failed)
    items = [
        Tile(ctx.t("steps.stakeholders.tile.people"), len(reg), unit="number", digits=0),
        Tile(
            ctx.t("steps.stakeholders.tile.departments"),
            reg["department"].nunique(),
            unit="number",
            digits=0,
        ),
        Tile(
            ctx.t("steps.stakeholders.tile.closely"),
            len(_people(view, "manage_closely")),
            unit="number",
            digits=0,
        ),
        Tile(
            ctx.t("steps.stakeholders.tile.checks"),
            passed,
            unit=ctx.t("steps.stakeholders.tile.of", total=total),
            digits=0,
            status="good" if passed == total else "warn" if total - passed <= 2 else "bad",
        ),
    ]
    return tiles(ctx, items)


def checks_table(ctx: ReportContext, view: StakeholdersView) -> Html:
    """Return the success-factor checks: result, what was found, why it matters (failed marked)."""
    frame = pd.DataFrame(
        {
            "check": [_title(ctx, c) for c in view.checks],
            "result": [
                ctx.t("steps.stakeholders." + ("passed" if c.passed else "failed"))
                for c in view.checks
            ],
            "finding": [c.message for c in view.checks],
            "why": [c.why for c in view.checks],
            "flag": [not c.passed for c in view.checks],
        }
    )
    labels = {
        c: ctx.t("steps.stakeholders.col." + c) for c in ("check", "result", "finding", "why")
    }
    return table(
        ctx,
        frame,
        highlight="flag",
        labels=labels,
        caption=ctx.t("steps.stakeholders.checks_caption"),
    )


@needs("register")
def power_interest(ctx: ReportContext, view: StakeholdersView) -> None:
    """Display the power/interest grid of the register."""
    show(plot_power_interest(view.register, language=ctx.language))


@needs("register")
def raci_matrix(ctx: ReportContext, view: StakeholdersView) -> None:
    """Display the RACI heat map (people × phases)."""
    show(plot_raci(view.register, phases=view.phases, language=ctx.language))


@needs("register")
def register_table(ctx: ReportContext, view: StakeholdersView) -> Html:
    """Return the register: person, role, department, grid quadrant, phases with A and with R."""
    reg = view.register
    frame = pd.DataFrame(
        {
            "name": reg["name"],
            "role": reg["role"],
            "department": reg["department"],
            "quadrant": [
                ctx.t("stakeholders.grid." + quadrant(int(i), int(j)))
                for i, j in zip(reg["influence"], reg["interest"], strict=True)
            ],
        }
    )
    for column, letter in (("accountable", "A"), ("responsible", "R")):
        frame[column] = [
            ", ".join(
                t for p, t in zip(view.phases, view.phase_titles, strict=True) if r[p] == letter
            )
            or "–"
            for _, r in reg.iterrows()
        ]
    labels = {c: ctx.t("steps.stakeholders.col." + c) for c in frame.columns}
    return table(
        ctx,
        frame,
        labels=labels,
        caption=ctx.t("steps.stakeholders.register_caption"),
    )


def privacy_note(ctx: ReportContext, view: StakeholdersView) -> Html | None:
    """Return a note that names are pseudonymised, or None when they are not."""
    return note(ctx, ctx.t("steps.stakeholders.note.pseudonymised")) if view.pseudonymised else None


def stakeholders_glossary(ctx: ReportContext, view: StakeholdersView) -> Html:
    """Return the glossary: RACI letters, quadrants, scores, checks and the register file."""
    rows: list[tuple[str, str, str]] = []
    for letter in RACI_LETTERS:
        rows.append((letter, ctx.t(f"steps.stakeholders.glossary.raci.{letter}"), ""))
    for key in QUADRANTS:
        rows.append(
            (
                ctx.t("stakeholders.grid." + key),
                ctx.t(f"steps.stakeholders.glossary.{key}"),
                ctx.t(f"steps.stakeholders.glossary.{key}.rule"),
            )
        )
    for term in ("scores", "checks", "groups", "register"):
        rows.append(
            (
                ctx.t(f"steps.stakeholders.glossary.{term}"),
                ctx.t(
                    f"steps.stakeholders.glossary.{term}.meaning",
                    file=ctx.engagement.stakeholders.as_posix(),
                ),
                "",
            )
        )
    return glossary(ctx, rows, sources=False)
