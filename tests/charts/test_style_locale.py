"""Chart axes follow the report language: locale numbers, the one month format, categories kept."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # library unit test only; executed notebooks keep the inline backend

import matplotlib.pyplot as plt
import pandas as pd

from kit.charts.style import locale_axes


def _labels(fig: plt.Figure, axis: str) -> list[str]:
    fig.canvas.draw()
    ax = fig.axes[0]
    ticks = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in ticks if t.get_text()]


def test_axes_follow_the_report_language() -> None:
    fig, ax = plt.subplots()
    months = pd.date_range("2025-07-31", periods=12, freq="ME")
    ax.plot(months, [57.5 - i * 2.5 for i in range(12)])
    ax.set_yticks([30.0, 42.5, 57.5])
    locale_axes(ax, "de")
    y = _labels(fig, "y")
    x = _labels(fig, "x")
    assert y == ["30,0", "42,5", "57,5"], y  # German decimals, the same for every tick
    assert all(label.endswith(("2025", "2026")) and "-" not in label for label in x), x
    plt.close(fig)
    fig, ax = plt.subplots()
    ax.barh(["a", "b"], [1500.0, 2500.0])
    locale_axes(ax, "en", scale_x=1000.0)
    assert _labels(fig, "y") == ["a", "b"]  # categories stay as they are
    assert "2.5" in _labels(fig, "x")  # 2,500 in thousands, English decimal point
    plt.close(fig)
