"""Stakeholder register: loading with row checks, success-factor coverage and pseudonyms.

The register is a CSV file (comma or semicolon separated, UTF-8) with the columns of
`STAKEHOLDER_COLUMNS`: name, role, department, influence (1–5), interest (1–5), one RACI letter per
phase (R = responsible, A = accountable, C = consulted, I = informed, empty = not involved) and an
optional contact. Further columns are kept. Names are kept as written (also HTML); reports escape.
The grid and RACI charts are in `kit.charts.stakeholders`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pandas as pd

from kit.errors import DataError, Problem, read_utf8_text
from kit.i18n import N_, NP_, Language, catalogue, t, tr
from kit.rollout.plan import DEFAULT_PHASES

_: dict[tuple[str, str], str] = {
    ("business_case", "caption"): N_("Sensitivity: half and full goal achievement"),
    ("business_case", "cost"): N_(
        "Staff cost saved: {money} a year ({hours} h × 12 × {rate} an hour)."
    ),
    ("business_case", "goal"): N_(
        "Goal {kpi} {today} → {target}: {money} of working capital "
        "(overlaps the DSO goal, not added)."
    ),
    ("business_case", "headline"): N_(
        "What the goals are worth: {money} of working capital "
        "released, {interest} interest saved a year."
    ),
    ("business_case", "headline_hours"): N_(
        "What the goals are worth: {hours} hours a month freed ({money} a year)."
    ),
    ("business_case", "hours"): N_(
        "Working time freed: {hours} hours a month (avoidable "
        "duplicate work {duplicate} h + rework {rework} h)."
    ),
    ("business_case", "interest"): N_(
        "Financing cost saved: {money} a year (interest rate {rate} a year)."
    ),
    ("business_case", "intro"): N_("Worked out from the client's own data, at {as_of}:"),
    ("business_case", "released"): N_(
        "Working capital released: {money} (DSO {today} → target "
        "{target}, credit sales {sales} in {days} days)."
    ),
    ("business_case", "released_met"): N_(
        "The DSO goal ({target}) is already met at {today}: no further working capital to release."
    ),
    ("business_case", "sensitivity"): N_(
        "At half the goal achievement, half of it: {released} of "
        "working capital, {interest} interest and {cost} staff cost a "
        "year."
    ),
    ("business_case", "title"): N_("What reaching the goals is worth"),
    ("business_case", "to_be"): N_(
        "Estimate, not included: the to-be process needs {hours} hours "
        "a month less than today's (about {money} a year)."
    ),
    ("common", "days"): N_("days"),
    ("common", "not_available"): N_("not available"),
    ("common", "source"): N_("Source"),
    ("forecast", "open"): N_("{count} open invoices, {amount} open"),
    ("forecast", "title"): N_("Forecast at {date}"),
    ("ledger", "accounting_caption"): N_(
        "Where every row read went: used per table or left out with "
        "its reason (signed amounts: debit +, credit −)"
    ),
    ("ledger", "empty_table"): N_("the table {table} is empty: no row could be used"),
    ("ledger", "more"): N_("… and {n} more (all with --json)"),
    ("ledger", "net_note"): N_(
        "Total receivables, aging and DSO count open invoices only "
        "(gross). The net receivables balance deducts open credit "
        "notes and unapplied payments of {credits}: {net}."
    ),
    ("ledger", "open_items_notice"): N_(
        "The data are an open-items list (as of {date}): they hold "
        "only what was open on that day. Sales, payments received and "
        "history are unknown from it, so the key figures that need "
        "them (DSO, CEI, collection rate, days to pay, trends) are not "
        "shown."
    ),
    ("privacy", "customer"): N_("Customer {n}"),
    ("report", "as_of"): N_("As of"),
    ("report", "back_to_overview"): N_("Back to overview"),
    ("report", "figure"): NP_("report.figure", "Figure"),
    ("report", "footer"): N_("Run {run_id} of {time} UTC"),
    ("report", "overview"): N_("Overview"),
    ("report", "prepared_by"): N_("Prepared by"),
    ("report", "prepared_for"): N_("Prepared for"),
    ("rollout", "finished"): N_("finished"),
}

_OK: dict[str, str] = {
    "goals.smart.direction": N_(
        "The target {target} lies in the intended direction from the baseline {baseline}."
    ),
    "goals.smart.measurable": N_("The KPI {kpi} can be computed from the data."),
    "goals.smart.owner": N_("Owner: {owner}."),
    "goals.smart.specific": N_("The goal is stated in the client's words."),
    "goals.smart.time_bound": N_(
        "The deadline {deadline} is after the baseline date {baseline_date}."
    ),
    "stakeholders.check.aftercare_owner": N_("After-care ({phase}) is owned by: {names}."),
    "stakeholders.check.credit_from_start": N_(
        "Credit management ({names}) is involved from {phase}."
    ),
    "stakeholders.check.dispute_owner": N_(
        "Dispute management ({names}) takes part from {phase} (R or A)."
    ),
    "stakeholders.check.end_users": N_(
        "End users take part in Training and Acceptance test (R or A)."
    ),
    "stakeholders.check.finance_from_start": N_("Finance ({names}) is involved from {phase}."),
    "stakeholders.check.it_from_start": N_("IT ({names}) is involved from {phase}."),
    "stakeholders.check.one_accountable": N_("Every phase has exactly one accountable person (A)."),
    "stakeholders.check.project_lead": N_("{name} (project lead) is involved in every phase."),
    "stakeholders.check.responsible_per_phase": N_(
        "Every phase has at least one responsible person (R)."
    ),
}

_WHY: dict[str, str] = {
    "stakeholders.check.aftercare_owner": N_(
        "The work does not end at go-live: someone must keep checking "
        "what can be improved and how payments can come in even faster."
    ),
    "stakeholders.check.credit_from_start": N_(
        "The credit-management team carries the strategy day to day; "
        "its requirements belong in the plan from the start."
    ),
    "stakeholders.check.dispute_owner": N_(
        "Companies often forget conflict management – a big mistake: "
        "it belongs in the credit-management strategy from the start."
    ),
    "stakeholders.check.end_users": N_(
        "End users must understand the basic functions and check that "
        "the solution meets their needs; working with them settles "
        "open questions quickly."
    ),
    "stakeholders.check.finance_from_start": N_(
        "Not only credit management but also finance must be involved "
        "– goals such as DSO and cash are owned there."
    ),
    "stakeholders.check.it_from_start": N_(
        "IT is often underestimated but is a key player: the strategy "
        "depends heavily on the right tools. IT should join the "
        "planning very early so the best products are chosen and "
        "deployed."
    ),
    "stakeholders.check.one_accountable": N_(
        "With no one or several people accountable, nobody decides in "
        "the end – sign-offs and escalations stall."
    ),
    "stakeholders.check.project_lead": N_(
        "Naming a project lead is one of the most important success "
        "factors: the lead oversees every phase and makes sure the "
        "right people are involved in each one."
    ),
    "stakeholders.check.responsible_per_phase": N_(
        "All resources must be assigned and scheduled early so the solutions are delivered on time."
    ),
    "steps.stakeholders.col": N_("Why it matters"),
}

__all__ = [
    "PHASE_IDS",
    "RACI_LETTERS",
    "ROLE_PATTERNS",
    "STAKEHOLDER_COLUMNS",
    "CheckResult",
    "coverage_checks",
    "has_role",
    "load_register",
    "phase_name",
    "pseudonymise",
    "pseudonyms",
]

#: The default rollout phases in plan order: the ids of the rollout plan, defined there once.
PHASE_IDS = DEFAULT_PHASES
STAKEHOLDER_COLUMNS = ("name", "role", "department", "influence", "interest", *PHASE_IDS, "contact")
RACI_LETTERS = ("R", "A", "C", "I")
_PEOPLE_COLUMNS = ("name", "role", "department", "influence", "interest")
_RACI_EXPECTED = "R, A, C, I or empty (R responsible, A accountable, C consulted, I informed)"

#: Keywords in role or department that identify a group (German and English).
ROLE_PATTERNS: dict[str, re.Pattern[str]] = {
    "project_lead": re.compile(
        r"projektleit|projektmanag|project ?lead|project ?manag|program(me)? ?manag", re.I
    ),
    "credit": re.compile(r"kredit|credit|forderungsmanag|receivables|collections", re.I),
    "finance": re.compile(
        r"finanz|financ|buchhaltung|accounting|controlling|controller|\bcfo\b|treasury", re.I
    ),
    "it": re.compile(r"\bIT\b|(?i:informatik|\bedv\b|information technology|\bict\b)"),
    "end_user": re.compile(r"endanwender|end.?user|sachbearbeit|clerk|anwender", re.I),
    "dispute": re.compile(r"reklamation|dispute|konflikt|conflict|beschwerde|complaint", re.I),
}


@dataclass(frozen=True)
class CheckResult:
    """One success-factor check on the register: id, outcome, what is missing, why it matters."""

    id: str
    passed: bool
    message: str
    why: str


def _read(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise DataError("stakeholder register not found", path=path, hint="`kit new` writes one")
    text = read_utf8_text(path, hint="save as UTF-8")
    header = text.split("\n", 1)[0]
    if not text.strip():  # a header row alone (as `kit new` writes it) is an empty register
        raise DataError("the register is empty", path=path, expected="a header row")
    sep = ";" if header.count(";") > header.count(",") else ","
    try:
        return pd.read_csv(
            StringIO(text), sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=True
        )
    except pd.errors.ParserError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise DataError(
            "a row has more fields than the header",
            path=path,
            row=int(found.group(1)) if found else None,
            expected=f"fields separated by '{sep}'; quote values that contain '{sep}'",
        ) from None


def _check_rows(frame: pd.DataFrame, path: Path, phases: Sequence[str]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, rec in enumerate(frame.to_dict("records")):
        row = i + 2  # the header is row 1
        name = str(rec["name"]).strip()
        if not name:
            problems.append(Problem("name is empty", str(path), row, "name", "", "a person's name"))
        elif name.casefold() in seen:
            first = seen[name.casefold()]
            problems.append(
                Problem(
                    f"name already in row {first}", str(path), row, "name", name, "unique names"
                )
            )
        else:
            seen[name.casefold()] = row
        for column in ("influence", "interest"):
            value = str(rec[column]).strip()
            if not re.fullmatch(r"[1-5]", value):
                problems.append(
                    Problem(
                        f"{column} is not a score", str(path), row, column, value, "1, 2, 3, 4 or 5"
                    )
                )
        for phase in phases:
            value = str(rec[phase]).strip()
            if value.upper() not in (*RACI_LETTERS, ""):
                problems.append(
                    Problem("not a RACI letter", str(path), row, phase, value, _RACI_EXPECTED)
                )
    return problems


def load_register(path: Path, *, phases: Sequence[str] = PHASE_IDS) -> pd.DataFrame:
    """Return the validated register: scores as int, RACI letters upper case ("" = not involved).

    Raises DataError naming file, row (header = row 1), column, value and what was expected.
    """
    frame = _read(path)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in (*_PEOPLE_COLUMNS, *phases) if c not in frame.columns]
    if missing:
        raise DataError(
            f"missing column(s): {', '.join(missing)}",
            path=path,
            row=1,
            column=missing[0],
            expected="columns " + ", ".join((*_PEOPLE_COLUMNS, *phases)) + " (contact optional)",
        )
    problems = _check_rows(frame, path, phases)
    if problems:
        raise DataError.from_problems(problems, path=path)
    out = frame.copy()
    for column in out.columns:
        out[column] = out[column].astype(str).str.strip()
    for column in ("influence", "interest"):
        out[column] = out[column].astype(int)
    for phase in phases:
        out[phase] = out[phase].str.upper()
    if "contact" not in out.columns:
        out["contact"] = ""
    return out.reset_index(drop=True)


def has_role(register: pd.DataFrame, group: str) -> pd.Series:
    """Return a boolean mask of the people whose role or department matches `group`."""
    pattern = ROLE_PATTERNS[group]
    text = register["role"].astype(str) + " | " + register["department"].astype(str)
    return text.map(lambda s: bool(pattern.search(s))).astype(bool)


def phase_name(phase: str, language: Language) -> str:
    """Return the catalogue name of a rollout phase in `language`, else the id itself."""
    key = f"rollout.phase.{phase}"
    return t(key, language) if key in catalogue() else phase


def _names(frame: pd.DataFrame) -> str:
    return ", ".join(frame["name"].astype(str))


def _result(check: str, missing: str | None, language: Language, **values: object) -> CheckResult:
    base = f"stakeholders.check.{check}"
    why = tr(_WHY[base], language)
    if missing is None:
        return CheckResult(check, True, tr(_OK[base], language, **values), why)
    return CheckResult(check, False, tr(_[base, missing], language, **values), why)


def _per_phase(
    register: pd.DataFrame, phases: Sequence[str], letter: str, language: Language
) -> list[str]:
    bad = []
    for phase in phases:
        holders = register[register[phase] == letter]
        if letter == "A" and len(holders) > 1:
            bad.append(f"{phase_name(phase, language)} ({_names(holders)})")
        elif holders.empty:
            bad.append(phase_name(phase, language))
    return bad


def _group_in(register: pd.DataFrame, group: str, phases: Sequence[str], letters: str) -> list[str]:
    """Return the phases in which nobody of `group` holds one of `letters`."""
    people = register[has_role(register, group)]
    return [p for p in phases if not people[p].isin(list(letters)).any()]


def coverage_checks(
    register: pd.DataFrame, *, phases: Sequence[str] = PHASE_IDS, language: Language
) -> list[CheckResult]:
    """Return the success-factor checks (seed 000), each saying what is missing and why."""
    lang = language
    involved = "RACI"
    start = "blueprint" if "blueprint" in phases else phases[0]
    results = []
    for check, letter in (("one_accountable", "A"), ("responsible_per_phase", "R")):
        bad = _per_phase(register, phases, letter, lang)
        results.append(_result(check, "fail" if bad else None, lang, phases="; ".join(bad)))
    leads = register[has_role(register, "project_lead")]
    if leads.empty:
        results.append(_result("project_lead", "missing", lang))
    else:
        gaps = {str(r["name"]): [p for p in phases if r[p] == ""] for _, r in leads.iterrows()}
        best = min(gaps, key=lambda n: len(gaps[n]))
        absent = ", ".join(phase_name(p, lang) for p in gaps[best])
        results.append(
            _result("project_lead", "fail" if absent else None, lang, name=best, phases=absent)
        )
    for group in ("credit", "finance", "it"):
        check = f"{group}_from_start"
        if not has_role(register, group).any():
            results.append(_result(check, "missing", lang))
            continue
        late = _group_in(register, group, [start], involved)
        names = _names(register[has_role(register, group)])
        results.append(
            _result(
                check, "fail" if late else None, lang, names=names, phase=phase_name(start, lang)
            )
        )
    user_phases = [p for p in ("training", "acceptance_test") if p in phases]
    if not has_role(register, "end_user").any():
        results.append(_result("end_users", "missing", lang))
    else:
        absent = ", ".join(
            phase_name(p, lang) for p in _group_in(register, "end_user", user_phases, "RA")
        )
        results.append(_result("end_users", "fail" if absent else None, lang, phases=absent))
    if not has_role(register, "dispute").any():
        results.append(_result("dispute_owner", "missing", lang))
    else:
        late = _group_in(register, "dispute", [start], "RA")
        names = _names(register[has_role(register, "dispute")])
        results.append(
            _result(
                "dispute_owner",
                "fail" if late else None,
                lang,
                names=names,
                phase=phase_name(start, lang),
            )
        )
    care = "continuous_improvement" if "continuous_improvement" in phases else phases[-1]
    owners = register[register[care].isin(["R", "A"])]
    results.append(
        _result(
            "aftercare_owner",
            "fail" if owners.empty else None,
            lang,
            names=_names(owners),
            phase=phase_name(care, lang),
        )
    )
    return results


def pseudonyms(names: Sequence[str]) -> dict[str, str]:
    """Return name -> "Person A", "Person B", … ("Person AA" after Z), in order of appearance."""
    out: dict[str, str] = {}
    for name in names:
        if name in out:
            continue
        n, label = len(out), ""
        while True:
            n, rest = divmod(n, 26)
            label = chr(ord("A") + rest) + label
            if n == 0:
                break
            n -= 1
        out[name] = f"Person {label}"
    return out


def pseudonymise(register: pd.DataFrame) -> pd.DataFrame:
    """Return a copy with names replaced by "Person A", "Person B", … and contacts removed."""
    out = register.copy()
    mapping = pseudonyms(list(out["name"].astype(str)))
    out["name"] = out["name"].astype(str).map(mapping)
    if "contact" in out.columns:
        out["contact"] = ""
    return out
