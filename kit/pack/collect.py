"""The data of the steering-committee pack: the views of the steps, each loaded on its own.

A view whose data are missing or refused (a `KitError`, e.g. no process maps) is left out with
its reason, so the pack holds every sheet and slide that has data and nothing else.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import pandas as pd

from kit.business_case import BusinessCase
from kit.errors import KitError
from kit.files import EXPORTS_ENV
from kit.report.context import ReportContext
from kit.steps.aftercare.view import AftercareView
from kit.steps.kpis.view import KpisView
from kit.steps.process.view import ProcessView
from kit.steps.rollout.view import RolloutView
from kit.steps.strategy.view import StrategyView

__all__ = ["PackData", "collect"]

_T = TypeVar("_T")


@dataclass
class PackData:
    """The views the workbook and the deck are made of (None where a step has no data)."""

    ctx: ReportContext
    kpis: KpisView | None = None
    process: ProcessView | None = None
    strategy: StrategyView | None = None
    rollout: RolloutView | None = None
    aftercare: AftercareView | None = None
    case: BusinessCase | None = None
    tables: dict[str, dict[str, object]] = field(default_factory=dict)  # data accounting
    missing: dict[str, str] = field(default_factory=dict)  # view → why it is left out


def _try(data: PackData, name: str, load: Callable[[], _T]) -> _T | None:
    try:
        return load()
    except KitError as error:
        data.missing[name] = error.describe(data.ctx.language)
        return None


def collect(ctx: ReportContext) -> PackData:
    """Return the pack's data at the context's as-of date and language.

    The strategy view writes its hand-over files as a side effect; here they go to a temporary
    folder that is removed afterwards (the published ones come from step 05 itself).
    """
    from kit.ingest import validate_engagement
    from kit.steps.aftercare.view import aftercare_view
    from kit.steps.goals.business_case import business_case_view
    from kit.steps.kpis.view import load_kpis
    from kit.steps.process.view import load_process
    from kit.steps.rollout.view import rollout_view
    from kit.steps.strategy.view import strategy_view

    data = PackData(ctx)
    report = _try(data, "sources", lambda: validate_engagement(ctx.engagement))
    data.tables = dict(report.tables) if report is not None else {}
    data.kpis = _try(data, "kpis", lambda: load_kpis(ctx))
    data.process = _try(data, "process", lambda: load_process(ctx))
    with tempfile.TemporaryDirectory(prefix="kit-pack-") as scratch:
        before = os.environ.get(EXPORTS_ENV)
        os.environ[EXPORTS_ENV] = scratch
        try:
            data.strategy = _try(data, "strategy", lambda: strategy_view(ctx))
        finally:
            if before is None:
                os.environ.pop(EXPORTS_ENV, None)
            else:
                os.environ[EXPORTS_ENV] = before
    data.rollout = _try(data, "rollout", lambda: rollout_view(ctx))
    data.aftercare = _try(data, "aftercare", lambda: aftercare_view(ctx))
    data.case = _try(data, "business_case", lambda: business_case_view(ctx))
    return data


def frame_or_none(frame: pd.DataFrame | None) -> pd.DataFrame | None:
    """Return the frame when it has rows, else None."""
    return frame if frame is not None and not frame.empty else None
