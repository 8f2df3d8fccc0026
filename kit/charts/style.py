"""One figure style for every report: Okabe–Ito colours, labelled axes, reproducible files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["OKABE_ITO", "STATUS_COLOURS", "new_figure", "style_figures"]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Black is left out of the cycle (it is the text colour).
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
)

# Status colours shared by tiles, tables and the index page (green / amber / red, Okabe–Ito based).
STATUS_COLOURS = {"good": "#009E73", "warn": "#E69F00", "bad": "#D55E00", "neutral": "#6b7280"}

_STYLE: dict[str, Any] = {
    "axes.prop_cycle": None,  # filled in style_figures (needs cycler)
    "figure.figsize": (8.0, 4.2),
    "figure.dpi": 110,
    "savefig.dpi": 110,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.labelcolor": "#333333",
    "axes.edgecolor": "#9ca3af",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "grid.color": "#e5e7eb",
    "grid.linewidth": 0.8,
    "xtick.color": "#4b5563",
    "ytick.color": "#4b5563",
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "image.cmap": "cividis",
    # Reproducible files: no random ids in SVG, no creation date in any format.
    "svg.hashsalt": "kit-report",
    "svg.fonttype": "path",
    "pdf.compression": 6,
}


def style_figures() -> None:
    """Apply the report figure style to matplotlib's global settings; returns nothing."""
    import matplotlib as mpl
    from cycler import cycler

    style = dict(_STYLE)
    style["axes.prop_cycle"] = cycler(color=list(OKABE_ITO))
    cast(Any, mpl.rcParams).update(style)
    _pin_metadata()


def _pin_metadata() -> None:
    """Make the inline backend write PNG/SVG without dates so reruns give identical bytes."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the kit
        return
    shell = get_ipython()
    if shell is None:
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("png", metadata={"Software": None})


def new_figure(
    *, xlabel: str, ylabel: str, title: str | None = None, size: tuple[float, float] | None = None
) -> tuple[Figure, Axes]:
    """Return a new (figure, axes) in the report style with both axes labelled (units in labels)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=size) if size else plt.subplots()
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    fig.set_layout_engine("constrained")
    return fig, ax
