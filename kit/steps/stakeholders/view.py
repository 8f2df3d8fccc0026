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
from kit.i18n import N_
from kit.i18n.labels import STAKEHOLDERS_GRID
from kit.message import render
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
from kit.steps.checks import pass_fail_table
from kit.steps.thin import missing_headline, needs, thin_sentences

_STAKEHOLDERS_CHECK_TITLE: dict[str, str] = {
    "aftercare_owner": N_("Owner for after-care"),
    "credit_from_start": N_("Credit management from the Blueprint"),
    "dispute_owner": N_("Dispute management from the start"),
    "end_users": N_("End users in Training and Acceptance test"),
    "finance_from_start": N_("Finance from the Blueprint"),
    "it_from_start": N_("IT from the Blueprint"),
    "one_accountable": N_("Exactly one accountable (A) per phase"),
    "project_lead": N_("Project lead in every phase"),
    "responsible_per_phase": N_("At least one responsible (R) per phase"),
}


_STEPS_STAKEHOLDERS: dict[str, str] = {
    "checks_caption": N_("Success-factor checks (failed checks highlighted)"),
    "nobody": N_("nobody"),
    "register_caption": N_(
        "Stakeholder register (approach from the power/interest grid; "
        "the RACI matrix shows every role)"
    ),
}

_STEPS_STAKEHOLDERS_ACTION: dict[str, str] = {
    "aftercare_owner": N_("Name an owner for after-care (R or A in Continuous improvement)."),
    "credit_from_start": N_(
        "Have credit management work on the Blueprint and bring its requirements into the plan."
    ),
    "dispute_owner": N_(
        "Name an owner for disputes and conflict management who works on the Blueprint (R or A)."
    ),
    "end_users": N_(
        "Schedule end users (accounts-receivable clerks) as "
        "responsible (R) in Training and Acceptance test."
    ),
    "finance_from_start": N_(
        "Involve finance from the Blueprint – that is where DSO and cash targets are owned."
    ),
    "it_from_start": N_(
        "Bring IT into the Blueprint now – at least consulted (C) on "
        "tool selection, data connection and interfaces – and update "
        "the register."
    ),
    "one_accountable": N_(
        "Name exactly one accountable person (A) for each phase listed "
        "– further people become R or C."
    ),
    "project_lead": N_(
        "Name a project lead or involve the lead in every phase (at "
        "least informed) so every phase is overseen."
    ),
    "responsible_per_phase": N_(
        "Name at least one responsible person (R) for each phase listed and schedule their time."
    ),
}

_STEPS_STAKEHOLDERS_COL: dict[str, str] = {
    "accountable": N_("Accountable (A) in"),
    "check": N_("Success factor"),
    "department": N_("Department"),
    "finding": N_("Finding"),
    "influence": N_("Influence"),
    "interest": N_("Interest"),
    "name": N_("Name"),
    "quadrant": N_("Approach"),
    "responsible": N_("Responsible (R) in"),
    "result": N_("Result"),
    "role": N_("Role"),
    "why": N_("Why it matters"),
}

_STEPS_STAKEHOLDERS_GLOSSARY_RACI: dict[str, str] = {
    "A": N_("Accountable: decides and signs the phase off; exactly one person per phase."),
    "C": N_("Consulted: is asked before decisions are taken."),
    "I": N_("Informed: is told about results."),
    "R": N_("Responsible: does the work of the phase."),
}

#: Glossary rows of the quadrants of the grid: what to do with its people, and the rule.
_STEPS_STAKEHOLDERS_GLOSSARY_QUADRANT: dict[str, tuple[str, str]] = {
    "manage_closely": (
        N_("High influence, high interest: involve in decisions, align regularly."),
        N_("influence ≥ 4 and interest ≥ 4"),
    ),
    "keep_satisfied": (
        N_(
            "High influence, lower interest: keep up to date on milestones "
            "and risks, take concerns seriously."
        ),
        N_("influence ≥ 4 and interest ≤ 3"),
    ),
    "keep_informed": (
        N_("Lower influence, high interest: inform regularly, draw on their expertise."),
        N_("influence ≤ 3 and interest ≥ 4"),
    ),
    "monitor": (
        N_("Lower influence, lower interest: monitor, inform when needed."),
        N_("influence ≤ 3 and interest ≤ 3"),
    ),
}

#: Glossary rows of the other terms, in the order of the glossary: term and meaning.
_STEPS_STAKEHOLDERS_GLOSSARY_TERM: dict[str, tuple[str, str]] = {
    "scores": (
        N_("Influence and interest"),
        N_(
            "Assessment per person on a scale from 1 (low) to 5 (high); 4 "
            "and 5 count as high. In the grid a score of 3 lies on the "
            "dividing line."
        ),
    ),
    "checks": (
        N_("Success factors"),
        N_(
            "Checks following the success factors of a seamless rollout: "
            "clear ownership per phase, a project lead over all phases, "
            "credit management, finance and IT from the Blueprint, end "
            "users in Training and Acceptance test, dispute management "
            "from the start, an owner for after-care."
        ),
    ),
    "groups": (
        N_("Assignment to groups"),
        N_(
            "Who belongs to project lead, credit management, finance, IT, "
            "end users or dispute management is recognised from role and "
            "department in the register (e.g. “IT”, “accounts-receivable "
            "clerk”, “dispute”)."
        ),
    ),
    "register": (
        N_("Stakeholder register"),
        N_(
            "The stakeholder register of the engagement: name, role, "
            "department, influence, interest and RACI role per phase."
        ),
    ),
}

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
    checks = coverage_checks(register, phases=phases)
    titles = [render(p.title(), ctx.language) for p in plan]
    return StakeholdersView(register, phases, titles, checks, private)


def _title(ctx: ReportContext, check: CheckResult) -> str:
    return ctx.tr(_STAKEHOLDERS_CHECK_TITLE[check.id])


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
            return " " + ctx.tr("It first takes part in {phase} ({who}).", phase=title, who=who)
    return " " + ctx.tr("It takes part in no phase.")


def stakeholders_summary(ctx: ReportContext, view: StakeholdersView) -> Html:
    """Return the executive summary: who is involved, which checks fail, what to do next."""
    reg = view.register
    closely = _people(view, "manage_closely")
    if view.missing:
        said = thin_sentences(ctx, "stakeholders", missing=view.missing)
        return summary(
            ctx,
            found=[
                *said.found,
                *(f"{_title(ctx, c)}: {render(c.message, ctx.language)}" for c in view.failed),
            ],
            means=[
                *said.means,
                *(f"{_title(ctx, c)}: {render(c.why, ctx.language)}" for c in view.failed),
            ],
            next_steps=said.how,
        )
    found = [
        ctx.trn(
            "The stakeholder register names {n} person from {departments}. "
            "To manage closely (high influence and high interest): {closely}.",
            "The stakeholder register names {n} people from {departments}. "
            "To manage closely (high influence and high interest): {closely}.",
            len(reg),
            n=len(reg),
            departments=ctx.trn(
                "{count} department", "{count} departments", int(reg["department"].nunique())
            ),
            closely=", ".join(closely) or ctx.tr("nobody"),
        ),
        ctx.tr(
            "{passed} of {total} success-factor checks pass.",
            passed=len(view.checks) - len(view.failed),
            total=len(view.checks),
        ),
    ]
    found += [
        f"{_title(ctx, c)}: {render(c.message, ctx.language)}{_first_phase(ctx, view, c)}"
        for c in view.failed
    ]
    means = [f"{_title(ctx, c)}: {render(c.why, ctx.language)}" for c in view.failed]
    if not view.failed:
        means.append(
            ctx.tr(
                "The roles are assigned as the success factors demand: every "
                "phase has one decision-maker and the right departments are on "
                "board from the start."
            )
        )
    steps = [ctx.tr(_STEPS_STAKEHOLDERS_ACTION[c.id]) for c in view.failed]
    lead = _lead(view)
    steps.append(
        ctx.tr(
            "Confirm the register and RACI matrix with the project lead "
            "({lead}) at the Blueprint sign-off and repeat the check after "
            "every change.",
            lead=lead,
        )
        if lead
        else ctx.tr(
            "Confirm the register and RACI matrix at the Blueprint "
            "sign-off and repeat the check after every change."
        )
    )
    return summary(ctx, found=found, means=means, next_steps=steps)


def stakeholders_headline(ctx: ReportContext, view: StakeholdersView) -> None:
    """Publish the index card: success factors met and the ones still open."""
    if view.missing:
        title = ctx.tr("Stakeholders")
        missing_headline(ctx, "stakeholders", missing="register", title=title)
        return
    total, failed = len(view.checks), view.failed
    value = ctx.tr(
        "{passed} of {total} success factors met", passed=total - len(failed), total=total
    )
    if failed:
        open_titles = ", ".join(_title(ctx, c) for c in failed)
        takeaway = ctx.tr("Open: {checks}", checks=open_titles)
    else:
        takeaway = ctx.tr("Every role is filled as the success factors demand.")
    status = "good" if not failed else "warn" if len(failed) <= 2 else "bad"
    headline(
        ctx,
        title=ctx.tr("Stakeholders"),
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
        Tile(ctx.tr("People in the register"), len(reg), unit="number", digits=0),
        Tile(
            ctx.tr("Departments"),
            reg["department"].nunique(),
            unit="number",
            digits=0,
        ),
        Tile(
            ctx.tr("To manage closely"),
            len(_people(view, "manage_closely")),
            unit="number",
            digits=0,
        ),
        Tile(
            ctx.tr("Success factors met"),
            passed,
            unit=ctx.tr("of {total}", total=total),
            digits=0,
            status="good" if passed == total else "warn" if total - passed <= 2 else "bad",
        ),
    ]
    return tiles(ctx, items)


def checks_table(ctx: ReportContext, view: StakeholdersView) -> Html:
    """Return the success-factor checks: result, what was found, why it matters (failed marked)."""
    columns = {
        "check": [_title(ctx, c) for c in view.checks],
        "finding": [render(c.message, ctx.language) for c in view.checks],
        "why": [render(c.why, ctx.language) for c in view.checks],
    }
    labels = {c: ctx.tr(_STEPS_STAKEHOLDERS_COL[c]) for c in ("check", "result", "finding", "why")}
    return pass_fail_table(
        ctx,
        columns,
        [c.passed for c in view.checks],
        labels=labels,
        caption=ctx.tr("Success-factor checks (failed checks highlighted)"),
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
                ctx.tr(STAKEHOLDERS_GRID[quadrant(int(i), int(j))])
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
    labels = {c: ctx.tr(_STEPS_STAKEHOLDERS_COL[c]) for c in frame.columns}
    return table(
        ctx,
        frame,
        labels=labels,
        caption=ctx.tr(
            "Stakeholder register (approach from the power/interest grid; "
            "the RACI matrix shows every role)"
        ),
    )


def privacy_note(ctx: ReportContext, view: StakeholdersView) -> Html | None:
    """Return a note that names are pseudonymised, or None when they are not."""
    return (
        note(
            ctx,
            ctx.tr("Names are pseudonymised (Person A, Person B, …); contact details are removed."),
        )
        if view.pseudonymised
        else None
    )


def stakeholders_glossary(ctx: ReportContext, view: StakeholdersView) -> Html:
    """Return the glossary: RACI letters, quadrants, scores, checks and the register file."""
    rows: list[tuple[str, str, str]] = []
    for letter in RACI_LETTERS:
        rows.append((letter, ctx.tr(_STEPS_STAKEHOLDERS_GLOSSARY_RACI[letter]), ""))
    for key in QUADRANTS:
        meaning, rule = _STEPS_STAKEHOLDERS_GLOSSARY_QUADRANT[key]
        rows.append((ctx.tr(STAKEHOLDERS_GRID[key]), ctx.tr(meaning), ctx.tr(rule)))
    file = ctx.engagement.stakeholders.as_posix()
    for term, meaning in _STEPS_STAKEHOLDERS_GLOSSARY_TERM.values():
        rows.append((ctx.tr(term), ctx.tr(meaning, file=file), ""))
    return glossary(ctx, rows, sources=False)
