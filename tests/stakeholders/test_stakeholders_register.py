"""Stakeholder register: row-level errors, each success-factor check broken alone, charts."""

from __future__ import annotations

import itertools
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.text import Annotation

from kit.charts.stakeholders import plot_power_interest, plot_raci
from kit.errors import DataError
from kit.message import render
from kit.stakeholders import (
    PHASE_IDS,
    STAKEHOLDER_COLUMNS,
    coverage_checks,
    load_register,
    pseudonymise,
    pseudonyms,
)

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh" / "stakeholders.csv"
HEADER = ",".join(STAKEHOLDER_COLUMNS)
GOOD = "Eva Roth,Projektleitung,PMO,4,5,A,A,A,A,A,A,A,eva@example.com"


def _write(tmp_path: Path, *lines: str, name: str = "register.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _failed(register: pd.DataFrame) -> set[str]:
    return {c.id for c in coverage_checks(register) if not c.passed}


@pytest.fixture
def sample() -> pd.DataFrame:
    return load_register(SAMPLE)


@pytest.fixture
def complete(sample: pd.DataFrame) -> pd.DataFrame:
    """The sample with IT in the Blueprint: every check passes."""
    out = sample.copy()
    out.loc[out["name"] == "Thomas Schmidt", "blueprint"] = "C"
    return out


def _set(frame: pd.DataFrame, name: str, column: str, value: str) -> None:
    assert (frame["name"] == name).sum() == 1
    frame.loc[frame["name"] == name, column] = value


def test_sample_loads_with_types(sample: pd.DataFrame) -> None:
    assert len(sample) == 11
    assert list(sample.columns) == list(STAKEHOLDER_COLUMNS)
    assert sample["influence"].dtype.kind == "i"
    assert set(sample[list(PHASE_IDS)].to_numpy().ravel()) <= {"R", "A", "C", "I", ""}


def test_sample_fails_exactly_it_from_blueprint(sample: pd.DataFrame) -> None:
    assert _failed(sample) == {"it_from_start"}
    (it,) = [c for c in coverage_checks(sample) if c.id == "it_from_start"]
    message = render(it.message, "en")
    assert "Thomas Schmidt" in message and "Blueprint" in message
    assert "underestimated" in render(it.why, "en")


def test_complete_register_passes_every_check(complete: pd.DataFrame) -> None:
    assert _failed(complete) == set()


@pytest.mark.parametrize(
    ("edits", "check"),
    [
        ([("Sabine Krüger", "setup", "A")], "one_accountable"),  # Thomas is A in setup too
        ([("Thomas Schmidt", "setup", "R")], "one_accountable"),  # nobody A in setup
        (
            [
                ("Sabine Krüger", "go_live", "C"),
                ("Thomas Schmidt", "go_live", "C"),
                ("Jan Schulz", "go_live", "C"),
            ],
            "responsible_per_phase",
        ),
        ([("Markus Weber", "hypercare", "")], "project_lead"),
        ([("Markus Weber", "role", "Bereichsleitung")], "project_lead"),
        (
            [("Sabine Krüger", "blueprint", ""), ("Lena Fischer", "blueprint", "")],
            "credit_from_start",
        ),
        (
            [
                ("Markus Weber", "department", "PMO"),
                ("Dr. Claudia Neumann", "blueprint", ""),
                ("Andreas Hoffmann", "blueprint", ""),
            ],
            "finance_from_start",
        ),
        ([("Thomas Schmidt", "blueprint", "")], "it_from_start"),
        ([("Lena Fischer", "training", "I"), ("Murat Yilmaz", "training", "I")], "end_users"),
        ([("Katrin Wagner", "blueprint", "C")], "dispute_owner"),  # consulted is not ownership
    ],
)
def test_each_check_breaks_alone(
    complete: pd.DataFrame, edits: list[tuple[str, str, str]], check: str
) -> None:
    for name, column, value in edits:
        _set(complete, name, column, value)
    assert _failed(complete) == {check}


def test_aftercare_owner_missing(complete: pd.DataFrame) -> None:
    # without any R or A in continuous improvement the phase also lacks its A and its R
    for name in ("Sabine Krüger", "Andreas Hoffmann", "Lena Fischer", "Katrin Wagner"):
        _set(complete, name, "continuous_improvement", "C")
    assert _failed(complete) == {"aftercare_owner", "one_accountable", "responsible_per_phase"}


def test_missing_groups_are_named(complete: pd.DataFrame) -> None:
    without_it = complete[complete["department"] != "IT"].reset_index(drop=True)
    results = {c.id: c for c in coverage_checks(without_it)}
    assert render(results["it_from_start"].message, "de") == "Im Register steht niemand aus der IT."
    without_disputes = complete[complete["name"] != "Katrin Wagner"].reset_index(drop=True)
    results = {c.id: c for c in coverage_checks(without_disputes)}
    assert not results["dispute_owner"].passed
    assert "Nobody owns disputes" in render(results["dispute_owner"].message, "en")
    assert "from the start" in render(results["dispute_owner"].why, "en")


def test_two_accountables_are_listed(complete: pd.DataFrame) -> None:
    _set(complete, "Sabine Krüger", "setup", "A")
    (check,) = [c for c in coverage_checks(complete) if c.id == "one_accountable"]
    assert (
        render(check.message, "de")
        == "Nicht genau ein A in: Setup (Sabine Krüger, Thomas Schmidt)."
    )


def test_missing_file_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found"):
        load_register(tmp_path / "nope.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(DataError, match="empty"):
        load_register(empty)
    # The header alone (as `kit new` writes it) is an empty register, not an error.
    header_only = load_register(_write(tmp_path, HEADER, name="header_only.csv"))
    assert header_only.empty and "blueprint" in header_only.columns
    checks = coverage_checks(header_only)
    assert checks and not any(c.passed for c in checks)


def test_missing_column(tmp_path: Path) -> None:
    header = HEADER.replace(",interest", "")
    with pytest.raises(DataError) as info:
        load_register(_write(tmp_path, header, GOOD.replace(",5,A", ",A", 1)))
    assert info.value.column == "interest"
    assert info.value.row == 1


@pytest.mark.parametrize(
    ("line", "column", "value"),
    [
        ("Max Mai,Controller,Finanzen,6,3,,,,,,,,", "influence", "6"),
        ("Max Mai,Controller,Finanzen,3,drei,,,,,,,,", "interest", "drei"),
        ("Max Mai,Controller,Finanzen,3,3,,X,,,,,,", "setup", "X"),
        ("Max Mai,Controller,Finanzen,3,3,,V,,,,,,", "setup", "V"),
        (",Controller,Finanzen,3,3,,,,,,,,", "name", ""),
    ],
)
def test_row_errors_name_row_column_value(
    tmp_path: Path, line: str, column: str, value: str
) -> None:
    with pytest.raises(DataError) as info:
        load_register(_write(tmp_path, HEADER, GOOD, line))
    error = info.value
    assert (error.row, error.column, error.value) == (3, column, value)  # header = row 1
    assert error.path is not None and error.path.endswith("register.csv")
    if column == "setup":
        assert error.expected is not None and "R, A, C, I or empty" in error.expected


def test_duplicate_names_and_all_problems_reported(tmp_path: Path) -> None:
    lines = (HEADER, GOOD, "eva roth,Controller,Finanzen,3,3,,,,,,,,", "Max,IT,IT,0,3,,,,,,,,")
    with pytest.raises(DataError) as info:
        load_register(_write(tmp_path, *lines))
    assert info.value.row == 3 and info.value.message == "name already in row 2"
    assert [(p.row, p.column) for p in info.value.problems] == [(4, "influence")]


def test_lower_case_letters_semicolons_and_html_names(tmp_path: Path) -> None:
    header = HEADER.replace(",", ";")
    line = "<b>Eva</b>;Projektleitung;PMO;4;5;a;r;c;i;;a;a;"
    register = load_register(_write(tmp_path, header, line))
    assert register.loc[0, "name"] == "<b>Eva</b>"
    assert list(register.loc[0, list(PHASE_IDS)]) == ["A", "R", "C", "I", "", "A", "A"]


def test_too_many_fields(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        load_register(_write(tmp_path, HEADER, GOOD, GOOD.replace("Eva", "Ute") + ",extra,more"))
    assert info.value.row == 3


def test_pseudonymise(sample: pd.DataFrame) -> None:
    hidden = pseudonymise(sample)
    assert list(hidden["name"])[:3] == ["Person A", "Person B", "Person C"]
    assert set(hidden["contact"]) == {""}
    assert list(hidden["role"]) == list(sample["role"])
    many = pseudonyms([f"n{i}" for i in range(28)])
    # 26 letters, then AA (index 26), AB (index 27)
    assert (many["n25"], many["n26"], many["n27"]) == ("Person Z", "Person AA", "Person AB")


def test_power_interest_labels_do_not_overlap(sample: pd.DataFrame) -> None:
    fig = plot_power_interest(sample, language="en")
    fig.draw_without_rendering()
    ax = fig.axes[0]
    labels = [a for a in ax.texts if isinstance(a, Annotation)]
    assert sorted(a.get_text() for a in labels) == sorted(sample["name"])
    boxes = [a.get_window_extent() for a in labels]
    for first, second in itertools.combinations(boxes, 2):
        assert not first.overlaps(second)
    frame = ax.get_window_extent()
    assert all(frame.contains(b.x0, b.y0) and frame.contains(b.x1, b.y1) for b in boxes)
    quadrants = {t.get_text() for t in ax.texts if not isinstance(t, Annotation)}
    assert quadrants == {"Manage closely", "Keep satisfied", "Keep informed", "Monitor"}
    # Markus Weber and Sabine Krüger both score (interest 5, influence 4): jittered apart
    points = {a.get_text(): a.xy for a in labels}
    assert points["Markus Weber"] != points["Sabine Krüger"]
    plt.close(fig)


def test_raci_heat_map_letters(sample: pd.DataFrame) -> None:
    fig = plot_raci(sample, phases=PHASE_IDS, language="de")
    ax = fig.axes[0]
    cells = {
        (round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts
    }
    assert len(cells) == len(sample) * len(PHASE_IDS)
    # row 4 is Thomas Schmidt: nothing in Blueprint (column 0), A in Setup (column 1)
    assert sample.loc[4, "name"] == "Thomas Schmidt"
    assert (cells[(4, 0)], cells[(4, 1)]) == ("", "A")
    assert [t.get_text() for t in ax.get_xticklabels()][2] == "Schulung"
    plt.close(fig)


def test_crowded_grid_still_has_no_overlap(sample: pd.DataFrame) -> None:
    # every score pair occupied twice (22 people): jitter and offsets keep labels apart
    doubled = pd.concat([sample, sample.assign(name=sample["name"] + " II")], ignore_index=True)
    fig = plot_power_interest(doubled, language="de")
    fig.draw_without_rendering()
    boxes = [a.get_window_extent() for a in fig.axes[0].texts if isinstance(a, Annotation)]
    assert len(boxes) == 22
    assert not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))
    plt.close(fig)
