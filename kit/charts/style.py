"""One figure style for every report: Okabe–Ito colours, labelled axes, reproducible files."""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any, Literal, cast

from kit.i18n import Language

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import Formatter

__all__ = [
    "OKABE_ITO",
    "STATUS_COLOURS",
    "locale_axes",
    "month_formatter",
    "new_figure",
    "number_formatter",
    "style_figures",
]

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


AxisKind = Literal["number", "month", "date", "skip"]


def number_formatter(
    language: Language, *, digits: int | None = None, scale: float = 1.0
) -> Formatter:
    """Return a tick formatter writing numbers as the report language does ("57,5", "1.000").

    Values are divided by `scale` (1000 for an axis in thousands). Without `digits` the decimals
    follow the tick spacing: as many as the step needs (0 for a step of 5, 1 for 2.5), the same
    for every tick of the axis.
    """
    from matplotlib.ticker import Formatter

    from kit.i18n.format import fmt_number

    class _LocaleNumbers(Formatter):
        def __init__(self) -> None:
            self.places = 0 if digits is None else digits

        def set_locs(self, locs: Any) -> None:
            super().set_locs(locs)
            if digits is None:
                self.places = _places([float(v) / scale for v in locs])

        def __call__(self, x: float, pos: int | None = None) -> str:
            return fmt_number(x / scale, language, digits=self.places)

    return _LocaleNumbers()


def _places(values: list[float]) -> int:
    """Return the decimals needed to tell ticks `values` apart (0 to 3)."""
    steps = sorted(abs(b - a) for a, b in itertools.pairwise(values) if b != a)
    if not steps:
        return 0
    step = steps[0]
    for places in range(4):
        if abs(step * 10**places - round(step * 10**places)) < 1e-6:
            return places
    return 3 if step < 1 else max(0, 1 - math.floor(math.log10(step)))


def month_formatter(language: Language) -> Formatter:
    """Return a tick formatter for a date axis writing the one month format ("Juli 2025")."""
    from matplotlib.dates import num2date
    from matplotlib.ticker import FuncFormatter

    from kit.i18n.format import fmt_month

    return FuncFormatter(lambda x, _: fmt_month(num2date(x), language))  # type: ignore[no-untyped-call]


def date_formatter(language: Language) -> Formatter:
    """Return a tick formatter for a date axis writing dates as the report does ("30.06.2026")."""
    from matplotlib.dates import num2date
    from matplotlib.ticker import FuncFormatter

    from kit.i18n.format import fmt_date

    return FuncFormatter(lambda x, _: fmt_date(num2date(x), language))  # type: ignore[no-untyped-call]


def _axis_kind(axis: Any) -> AxisKind:
    """Return what an axis holds, from its formatter: dates, categories (left alone), numbers."""
    from matplotlib.category import StrCategoryFormatter
    from matplotlib.dates import AutoDateFormatter, ConciseDateFormatter, DateFormatter
    from matplotlib.ticker import FixedFormatter, FuncFormatter, ScalarFormatter

    formatter = axis.get_major_formatter()
    if isinstance(formatter, AutoDateFormatter | ConciseDateFormatter | DateFormatter):
        return "month"
    if isinstance(formatter, StrCategoryFormatter | FixedFormatter | FuncFormatter):
        return "skip"  # categories, labels set by hand, or a formatter chosen on purpose
    if not axis.get_visible() or not isinstance(formatter, ScalarFormatter):
        return "skip"
    return "number"


def locale_axes(
    ax: Axes,
    language: Language,
    *,
    x: AxisKind | None = None,
    y: AxisKind | None = None,
    scale_x: float = 1.0,
    scale_y: float = 1.0,
) -> Axes:
    """Return `ax` with tick labels in the report language: numbers, months or dates.

    Each axis is a number axis, a month axis (the one month format), a date axis, or skipped
    (categories, hand-set labels); None looks at the axis: dates become months, categories stay.
    """
    for axis, kind, scale in ((ax.xaxis, x, scale_x), (ax.yaxis, y, scale_y)):
        chosen = kind or _axis_kind(axis)
        if chosen == "number":
            axis.set_major_formatter(number_formatter(language, scale=scale))
        elif chosen == "month":
            axis.set_major_formatter(month_formatter(language))
            if axis is ax.xaxis:  # month names are wide: slant them so neighbours never touch
                ax.tick_params(axis="x", labelrotation=30)
        elif chosen == "date":
            axis.set_major_formatter(date_formatter(language))
    return ax
