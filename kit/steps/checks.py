"""A table of checks that pass or fail (SMART rules, success factors), failed rows highlighted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from kit.i18n import N_
from kit.report import Html, table
from kit.report.context import ReportContext

__all__ = ["pass_fail_table"]

_STEPS_CHECK_RESULT: dict[bool, str] = {
    False: N_("failed"),
    True: N_("passed"),
}


def pass_fail_table(
    ctx: ReportContext,
    columns: Mapping[str, Sequence[str]],
    passed: Sequence[bool],
    *,
    labels: Mapping[str, str],
    caption: str,
) -> Html:
    """Return one row per check: its first column, `result` (passed or failed), the others.

    `columns` holds the texts per column in order (the first names the check); `labels` the
    column headers, `result` included; the rows of failed checks are highlighted.
    """
    first, *rest = columns
    frame = pd.DataFrame(
        {
            first: list(columns[first]),
            "result": [ctx.tr(_STEPS_CHECK_RESULT[ok]) for ok in passed],
            **{name: list(columns[name]) for name in rest},
            "flag": [not ok for ok in passed],
        }
    )
    return table(ctx, frame, highlight="flag", labels=labels, caption=caption)
