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

from kit.errors import DataError, Problem, Severity, read_utf8_text
from kit.i18n.markers import N_
from kit.message import Joined, Msg, msg, wording
from kit.rollout.plan import DEFAULT_PHASES, phase_name

#: The sentence of a failed check, by check and what is missing (`fail`: no one fits).
_FAILED: dict[tuple[str, str], str] = {
    ("aftercare_owner", "fail"): N_("Nobody is responsible for {phase} (no R or A)."),
    ("credit_from_start", "fail"): N_("Credit management ({names}) is not involved in {phase}."),
    ("credit_from_start", "missing"): N_("The register names nobody from credit management."),
    ("dispute_owner", "fail"): N_(
        "Dispute management ({names}) has no responsibility in {phase} (no R or A)."
    ),
    ("dispute_owner", "missing"): N_("Nobody owns disputes or conflict management."),
    ("end_users", "fail"): N_("End users do not take part (no R or A) in: {phases}."),
    ("end_users", "missing"): N_(
        "The register names no end users (e.g. accounts-receivable clerks)."
    ),
    ("finance_from_start", "fail"): N_("Finance ({names}) is not involved in {phase}."),
    ("finance_from_start", "missing"): N_(
        "The register names nobody from finance, accounting or controlling."
    ),
    ("it_from_start", "fail"): N_("IT ({names}) is not involved in {phase} – it joins only later."),
    ("it_from_start", "missing"): N_("The register names nobody from IT."),
    ("one_accountable", "fail"): N_("Not exactly one A in: {phases}."),
    ("project_lead", "fail"): N_("{name} (project lead) is not involved in: {phases}."),
    ("project_lead", "missing"): N_(
        "The register names no project lead (role or department “project lead”)."
    ),
    ("responsible_per_phase", "fail"): N_("Nobody does the work (no R) in: {phases}."),
}

_OK: dict[str, str] = {
    "aftercare_owner": N_("After-care ({phase}) is owned by: {names}."),
    "credit_from_start": N_("Credit management ({names}) is involved from {phase}."),
    "dispute_owner": N_("Dispute management ({names}) takes part from {phase} (R or A)."),
    "end_users": N_("End users take part in Training and Acceptance test (R or A)."),
    "finance_from_start": N_("Finance ({names}) is involved from {phase}."),
    "it_from_start": N_("IT ({names}) is involved from {phase}."),
    "one_accountable": N_("Every phase has exactly one accountable person (A)."),
    "project_lead": N_("{name} (project lead) is involved in every phase."),
    "responsible_per_phase": N_("Every phase has at least one responsible person (R)."),
}

_WHY: dict[str, str] = {
    "aftercare_owner": N_(
        "The work does not end at go-live: someone must keep checking "
        "what can be improved and how payments can come in even faster."
    ),
    "credit_from_start": N_(
        "The credit-management team carries the strategy day to day; "
        "its requirements belong in the plan from the start."
    ),
    "dispute_owner": N_(
        "Companies often forget conflict management – a big mistake: "
        "it belongs in the credit-management strategy from the start."
    ),
    "end_users": N_(
        "End users must understand the basic functions and check that "
        "the solution meets their needs; working with them settles "
        "open questions quickly."
    ),
    "finance_from_start": N_(
        "Not only credit management but also finance must be involved "
        "– goals such as DSO and cash are owned there."
    ),
    "it_from_start": N_(
        "IT is often underestimated but is a key player: the strategy "
        "depends heavily on the right tools. IT should join the "
        "planning very early so the best products are chosen and "
        "deployed."
    ),
    "one_accountable": N_(
        "With no one or several people accountable, nobody decides in "
        "the end – sign-offs and escalations stall."
    ),
    "project_lead": N_(
        "Naming a project lead is one of the most important success "
        "factors: the lead oversees every phase and makes sure the "
        "right people are involved in each one."
    ),
    "responsible_per_phase": N_(
        "All resources must be assigned and scheduled early so the solutions are delivered on time."
    ),
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
    """One success-factor check on the register, a view over the `Problem` it reports.

    The problem's key is the check's id, its severity `info` when the check passed and `warning`
    when it did not; message and hint (why it matters) are report wording (`kit.message.Msg`),
    rendered in the report's language by the report.
    """

    problem: Problem

    @classmethod
    def of(cls, check: str, *, passed: bool, message: Msg, why: Msg) -> CheckResult:
        """Return the result of `check` with what it found (`message`) and why it matters."""
        severity = Severity.INFO if passed else Severity.WARNING
        return cls(Problem(message, key=check, severity=severity, hint=why))

    @property
    def id(self) -> str:
        """Return the check's id (`project_lead`, `credit_from_start` ...)."""
        return self.problem.key or ""

    @property
    def passed(self) -> bool:
        """Return True when the register meets the success factor."""
        return self.problem.severity is Severity.INFO

    @property
    def message(self) -> str:
        """Return what the check found (a message to render in the report language)."""
        return self.problem.message

    @property
    def why(self) -> str:
        """Return why the success factor matters (a message to render in the report language)."""
        return self.problem.hint or ""


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
            expected=msg("fields separated by '{sep}'; quote values that contain '{sep}'", sep=sep),
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
                    msg("name already in row {row}", row=str(first)),
                    str(path),
                    row,
                    "name",
                    name,
                    "unique names",
                )
            )
        else:
            seen[name.casefold()] = row
        for column in ("influence", "interest"):
            value = str(rec[column]).strip()
            if not re.fullmatch(r"[1-5]", value):
                problems.append(
                    Problem(
                        msg("{column} is not a score", column=column),
                        str(path),
                        row,
                        column,
                        value,
                        "1, 2, 3, 4 or 5",
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
            msg("missing column(s): {missing}", missing=", ".join(missing)),
            path=path,
            row=1,
            column=missing[0],
            expected=msg(
                "columns {columns} (contact optional)",
                columns=", ".join((*_PEOPLE_COLUMNS, *phases)),
            ),
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


def _names(frame: pd.DataFrame) -> str:
    return ", ".join(frame["name"].astype(str))


def _result(check: str, missing: str | None, **values: object) -> CheckResult:
    why = wording(_WHY[check])
    if missing is None:
        return CheckResult.of(check, passed=True, message=wording(_OK[check], **values), why=why)
    return CheckResult.of(
        check, passed=False, message=wording(_FAILED[check, missing], **values), why=why
    )


def _phases(phases: Sequence[str]) -> Joined:
    """Return the display names of `phases`, joined by commas."""
    return Joined(tuple(phase_name(p) for p in phases))


def _per_phase(register: pd.DataFrame, phases: Sequence[str], letter: str) -> list[Msg]:
    bad = []
    for phase in phases:
        holders = register[register[phase] == letter]
        if letter == "A" and len(holders) > 1:
            bad.append(wording("{phase} ({names})", phase=phase_name(phase), names=_names(holders)))
        elif holders.empty:
            bad.append(phase_name(phase))
    return bad


def _group_in(register: pd.DataFrame, group: str, phases: Sequence[str], letters: str) -> list[str]:
    """Return the phases in which nobody of `group` holds one of `letters`."""
    people = register[has_role(register, group)]
    return [p for p in phases if not people[p].isin(list(letters)).any()]


def coverage_checks(
    register: pd.DataFrame, *, phases: Sequence[str] = PHASE_IDS
) -> list[CheckResult]:
    """Return the success-factor checks (seed 000), each saying what is missing and why.

    Long because each success factor is one check of a few lines on the same register.
    """
    involved = "RACI"
    start = "blueprint" if "blueprint" in phases else phases[0]
    results = []
    for check, letter in (("one_accountable", "A"), ("responsible_per_phase", "R")):
        bad = _per_phase(register, phases, letter)
        results.append(_result(check, "fail" if bad else None, phases=Joined(tuple(bad), "; ")))
    leads = register[has_role(register, "project_lead")]
    if leads.empty:
        results.append(_result("project_lead", "missing"))
    else:
        gaps = {str(r["name"]): [p for p in phases if r[p] == ""] for _, r in leads.iterrows()}
        best = min(gaps, key=lambda n: len(gaps[n]))
        absent = gaps[best]
        results.append(
            _result("project_lead", "fail" if absent else None, name=best, phases=_phases(absent))
        )
    for group in ("credit", "finance", "it"):
        check = f"{group}_from_start"
        if not has_role(register, group).any():
            results.append(_result(check, "missing"))
            continue
        late = _group_in(register, group, [start], involved)
        names = _names(register[has_role(register, group)])
        results.append(
            _result(check, "fail" if late else None, names=names, phase=phase_name(start))
        )
    user_phases = [p for p in ("training", "acceptance_test") if p in phases]
    if not has_role(register, "end_user").any():
        results.append(_result("end_users", "missing"))
    else:
        absent = _group_in(register, "end_user", user_phases, "RA")
        results.append(_result("end_users", "fail" if absent else None, phases=_phases(absent)))
    if not has_role(register, "dispute").any():
        results.append(_result("dispute_owner", "missing"))
    else:
        late = _group_in(register, "dispute", [start], "RA")
        names = _names(register[has_role(register, "dispute")])
        results.append(
            _result("dispute_owner", "fail" if late else None, names=names, phase=phase_name(start))
        )
    care = "continuous_improvement" if "continuous_improvement" in phases else phases[-1]
    owners = register[register[care].isin(["R", "A"])]
    results.append(
        _result(
            "aftercare_owner",
            "fail" if owners.empty else None,
            names=_names(owners),
            phase=phase_name(care),
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
