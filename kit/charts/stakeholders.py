"""Stakeholder charts: the power/interest grid with placed name labels and the RACI heat map."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

from kit.charts.style import OKABE_ITO, new_figure
from kit.i18n import N_, Language, tr
from kit.i18n.labels import STAKEHOLDERS_GRID
from kit.message import render
from kit.stakeholders import PHASE_IDS, RACI_LETTERS, phase_name

_STAKEHOLDERS_RACI: dict[str, str] = {
    "A": N_("A = accountable (decides)"),
    "C": N_("C = consulted"),
    "I": N_("I = informed"),
    "R": N_("R = responsible (does the work)"),
    "person": N_("Person"),
    "phase": N_("Phase"),
    "title": N_("RACI matrix"),
}

__all__ = ["plot_power_interest", "plot_raci"]


def _positions(register: pd.DataFrame) -> list[tuple[float, float]]:
    """Return (interest, influence) per person; equal scores spread on a small circle, by name."""
    scores = list(zip(register["interest"], register["influence"], strict=True))
    names = list(register["name"].astype(str))
    points: list[tuple[float, float]] = []
    for pos, (interest, influence) in enumerate(scores):
        same = sorted((names[i], i) for i, s in enumerate(scores) if s == (interest, influence))
        k, j = len(same), same.index((names[pos], pos))
        angle = 2 * math.pi * j / k + math.pi / 4
        radius = 0.0 if k == 1 else 0.16 + 0.02 * k
        points.append(
            (int(interest) + radius * math.cos(angle), int(influence) + radius * math.sin(angle))
        )
    return points


_OFFSETS = [(8, -4), (-8, -4), (0, 9), (0, -16), (8, 8), (-8, 8), (8, -16), (-8, -16)]
_OFFSETS += [(dx * s, dy * s) for s in (2, 3) for dx, dy in _OFFSETS[:6]]


def _place_label(ax: Axes, text: str, xy: tuple[float, float], placed: list[Bbox]) -> Annotation:
    """Return the label at the first offset whose box overlaps no earlier box and stays inside."""
    frame = ax.get_window_extent()
    label: Annotation | None = None
    for dx, dy in _OFFSETS:
        if label is not None:
            label.remove()
        ha = "left" if dx > 0 else "right" if dx < 0 else "center"
        label = ax.annotate(
            text,
            xy,
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            fontsize=8,
            parse_math=False,  # a name with `$…$` is text, not a formula
        )
        box = label.get_window_extent()
        inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
        if inside and not any(box.overlaps(other) for other in placed):
            break
    if label is None:  # pragma: no cover - _OFFSETS is never empty
        raise ValueError("no label offsets")
    placed.append(label.get_window_extent())
    return label


def plot_power_interest(register: pd.DataFrame, *, language: Language) -> Figure:
    """Return the power/interest grid (influence over interest, 1–5) with quadrants and names."""
    lang = language
    fig, ax = new_figure(
        xlabel=tr("Interest (1–5)", lang),
        ylabel=tr("Influence (1–5)", lang),
        title=tr("Power/interest grid", lang),
        size=(7.5, 6.0),
    )
    ax.set_xlim(0.4, 5.6)
    ax.set_ylim(0.4, 5.6)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.axhline(3, color="#9ca3af", linewidth=1)
    ax.axvline(3, color="#9ca3af", linewidth=1)
    for key, (x, y) in {
        "manage_closely": (5.5, 5.5),
        "keep_satisfied": (0.5, 5.5),
        "keep_informed": (5.5, 0.5),
        "monitor": (0.5, 0.5),
    }.items():
        ax.text(
            x,
            y,
            tr(STAKEHOLDERS_GRID[key], lang),
            ha="right" if x > 3 else "left",
            va="top" if y > 3 else "bottom",
            color="#6b7280",
            fontsize=9,
            style="italic",
        )
    points = _positions(register)
    xs, ys = zip(*points, strict=True) if points else ((), ())
    ax.scatter(xs, ys, color=OKABE_ITO[0], zorder=3, s=30)
    fig.draw_without_rendering()
    fig.set_layout_engine("none")  # freeze the layout so label boxes stay where they were checked
    placed: list[Bbox] = [text.get_window_extent() for text in ax.texts]
    for name, xy in zip(register["name"].astype(str), points, strict=True):
        _place_label(ax, name, xy, placed)
    return fig


_RACI_COLOURS = {
    "": "#ffffff",
    "I": "#f3f4f6",
    "C": OKABE_ITO[4],
    "R": OKABE_ITO[1],
    "A": OKABE_ITO[0],
}


def plot_raci(
    register: pd.DataFrame, *, phases: Sequence[str] = PHASE_IDS, language: Language
) -> Figure:
    """Return the RACI matrix as a heat map (people × phases) with the letter in every cell."""
    lang = language
    order = ["", "I", "C", "R", "A"]
    codes = np.array([[order.index(str(v)) for v in register[p]] for p in phases]).T
    height = 1.2 + 0.42 * max(len(register), 1)
    fig, ax = new_figure(
        xlabel=tr("Phase", lang)
        + "\n"
        + " · ".join(tr(_STAKEHOLDERS_RACI[x], lang) for x in RACI_LETTERS),
        ylabel=tr("Person", lang),
        title=tr("RACI matrix", lang),
        size=(8.5, height),
    )
    ax.imshow(
        codes, cmap=ListedColormap([_RACI_COLOURS[c] for c in order]), vmin=0, vmax=4, aspect="auto"
    )
    ax.grid(False)
    ax.set_xticks(
        range(len(phases)), [render(phase_name(p), lang) for p in phases], rotation=30, ha="right"
    )
    ax.set_yticks(range(len(register)), list(register["name"].astype(str)), parse_math=False)
    for (row, col), code in np.ndenumerate(codes):
        letter = order[int(code)]
        colour = "white" if letter == "A" else "black"
        ax.text(col, row, letter, ha="center", va="center", color=colour, fontweight="bold")
    ax.set_xticks(np.arange(-0.5, len(phases)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(register)), minor=True)
    ax.grid(which="minor", color="#d1d5db", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    return fig
