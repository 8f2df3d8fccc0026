from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from kit.charts.capacity import plot_capacity
from kit.errors import ConfigError
from kit.message import render
from kit.strategy.capacity import capacity_plan


def test_break_even_at_zero_when_workload_equals_capacity():
    # 520 h workload; 4 FTE x 130 h = 520 h capacity -> g* = 520 / 520 - 1 = 0 %
    plan = capacity_plan(
        workload_hours_per_month=520, invoices_per_month=2600, fte=4, hours_per_fte_month=130
    )
    assert plan.break_even_growth == pytest.approx(0.0)
    row = plan.table.set_index("growth").loc[0.5]
    # +50 %: workload 520 x 1.5 = 780 h; gap 780 - 520 = 260 h; FTE needed 780 / 130 = 6.0
    assert row["workload_hours"] == pytest.approx(780.0)
    assert row["gap_hours"] == pytest.approx(260.0)
    assert row["fte_needed"] == pytest.approx(6.0)
    assert row["extra_fte"] == pytest.approx(2.0)
    assert row["invoices_per_month"] == pytest.approx(3900.0)  # 2600 x 1.5
    assert len(plan.table) == 11  # 0, 10, ..., 100 %


def test_break_even_is_solved_between_grid_points():
    # 400 h workload; capacity 4 x 130 = 520 -> g* = 520 / 400 - 1 = 0.30 exactly
    plan = capacity_plan(
        workload_hours_per_month=400, invoices_per_month=1000, fte=4, hours_per_fte_month=130
    )
    assert plan.break_even_growth == pytest.approx(0.30)
    # 450 h -> g* = 520 / 450 - 1 = 0.1556 (between the 10 % and 20 % grid points)
    plan = capacity_plan(
        workload_hours_per_month=450, invoices_per_month=1000, fte=4, hours_per_fte_month=130
    )
    assert plan.break_even_growth == pytest.approx(520 / 450 - 1)
    # at +100 %: 900 h - 520 h = 380 h short -> 380 / 130 = 2.9 FTE
    assert render(plan.verdict(), "en") == (
        "The team (4.0 FTE, 520 hours a month) can carry 16% more invoice volume before it needs "
        "people or automation; at 100% more volume it would need 2.9 more FTE."
    )
    assert "16\u00a0% mehr Rechnungsvolumen" in render(plan.verdict(), "de")


def test_automation_share_moves_break_even_and_never_in_range():
    # 400 h with 25 % automated = 300 h; g* = 520 / 300 - 1 = 0.7333
    plan = capacity_plan(
        workload_hours_per_month=400,
        invoices_per_month=1000,
        fte=4,
        hours_per_fte_month=130,
        automation_share=0.25,
    )
    assert plan.break_even_growth == pytest.approx(520 / 300 - 1)
    # 200 h: g* = 520 / 200 - 1 = 1.6 > 100 % -> None; at +100 % 400 h, 120 h spare
    plan = capacity_plan(
        workload_hours_per_month=200, invoices_per_month=1000, fte=4, hours_per_fte_month=130
    )
    assert plan.break_even_growth is None
    assert "120 hours a month to spare" in render(plan.verdict(), "en")


def test_already_overloaded_team():
    # 650 h against 520 h: g* = 520 / 650 - 1 = -0.2; short 130 h = 1.0 FTE; automate 20 %
    plan = capacity_plan(
        workload_hours_per_month=650, invoices_per_month=1000, fte=4, hours_per_fte_month=130
    )
    assert plan.break_even_growth == pytest.approx(-0.2)
    assert render(plan.verdict(), "en") == (
        "The team (4.0 FTE, 520 hours a month) is already 130 hours a month short today: "
        "it needs 1.0 more FTE or 20% of the work automated."
    )


def test_bad_inputs_are_config_errors():
    with pytest.raises(ConfigError, match="hours_per_fte_month"):
        capacity_plan(
            workload_hours_per_month=1, invoices_per_month=1, fte=1, hours_per_fte_month=0
        )
    with pytest.raises(ConfigError, match="automation_share"):
        capacity_plan(
            workload_hours_per_month=1,
            invoices_per_month=1,
            fte=1,
            hours_per_fte_month=1,
            automation_share=1.5,
        )


def test_plot_has_workload_and_capacity_lines():
    plan = capacity_plan(
        workload_hours_per_month=450, invoices_per_month=1000, fte=4, hours_per_fte_month=130
    )
    fig = plot_capacity(plan, language="de")
    ax = fig.axes[0]
    workload, capacity = ax.lines[0], ax.lines[1]
    assert workload.get_ydata()[0] == pytest.approx(450)
    assert workload.get_ydata()[-1] == pytest.approx(900)
    assert capacity.get_ydata()[0] == pytest.approx(520)
    assert workload.get_xdata()[-1] == pytest.approx(100)
    assert ax.get_xlabel() == "Wachstum des Rechnungsvolumens (%)"
    plt.close(fig)
