"""Steps on thin data: parts of a report that need data they do not have stay out of it.

A step's view says what it lacks (`missing`, a tuple of what-is-missing ids, empty when the
step has everything). `needs(...)` wraps a report block so it returns None — nothing on the
page — while its data are missing; the converter then leaves out the section around it.
`missing_summary` is the short report a step shows instead: what is missing, what the report
will show once it is there, and how to supply it, in the client's words.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from kit.i18n import N_
from kit.process import ProcessMap, load_maps
from kit.process.loading import map_files
from kit.report import Html, headline, summary
from kit.report.context import ReportContext

#: The index card of a step without its data: what is missing and what to add.
_STEPS_THIN_CARD: dict[tuple[str, str], tuple[str, str]] = {
    ("process", "maps"): (
        N_("No process maps yet"),
        N_("The duplicate-work analysis starts once the as-is processes are recorded."),
    ),
    ("stakeholders", "register"): (
        N_("Register still empty"),
        N_(
            "Add the project lead, credit management, finance, IT, end users and the dispute owner."
        ),
    ),
}

#: Per missing part of a step: what is missing, what the report shows once it is there, and
#: how to supply it.
_STEPS_THIN_PART: dict[tuple[str, str], tuple[str, str, str]] = {
    ("process", "maps"): (
        N_("No process maps have been recorded for this project yet."),
        N_(
            "Once the as-is processes are recorded, this report shows how "
            "many hours per month go into duplicate work, rework and "
            "handoffs, and what a best-practice to-be process does "
            "differently."
        ),
        N_(
            "For each process (such as the dunning run, dispute handling, "
            "cash application) record the activities with the role doing "
            "them, the system, minutes per execution and executions per "
            "month, and their order. A short guide with one complete "
            "example is in your project's process-map folder; an export "
            "from the modelling tool (BPMN) can be taken over as well."
        ),
    ),
    ("stakeholders", "register"): (
        N_(
            "The stakeholder register names nobody yet, so every role the "
            "checks below ask for is still missing."
        ),
        N_(
            "Once the register is filled, this report shows the "
            "power/interest grid, the RACI matrix per phase and which "
            "success factors are met. The roles matter because:"
        ),
        N_(
            "Add at least: a project lead who follows every phase; the "
            "credit-management team; finance; IT from the start (it is "
            "often underestimated, although the strategy depends heavily "
            "on the right tools); end users for training and the "
            "acceptance test; an owner for disputes; and whoever takes on "
            "after-care. For each person give the role, department, "
            "influence and interest (1 to 5) and, per phase, whether they "
            "do the work (R), decide (A), are consulted (C) or informed "
            "(I)."
        ),
    ),
    ("strategy", "events"): (
        N_(
            "There are no data on dunning messages yet, so which channel "
            "leads to payment for which segment cannot be said."
        ),
        N_(
            "Until then the ladder uses email as the default channel, not "
            "a preference shown by the data."
        ),
        N_(
            "Provide from the dunning system, per message, the invoice, "
            "time, channel and event (sent, delivered, opened, clicked, "
            "paid); this report then shows how well each channel works."
        ),
    ),
    ("strategy", "maps"): (
        N_(
            "Without process maps the team's workload cannot be put in "
            "figures yet, so capacity and the growth the team can carry "
            "are not in this report."
        ),
        N_(
            "Whether the team can carry more invoice volume stays open "
            "until the processes are recorded with their effort."
        ),
        N_(
            "Record the as-is receivables processes with minutes per "
            "execution and executions per month (see the process analysis "
            "report); this report then shows workload, capacity and the "
            "growth the team can carry."
        ),
    ),
}

__all__ = [
    "HasMissing",
    "ThinSentences",
    "maps_or_none",
    "missing_headline",
    "missing_summary",
    "needs",
    "thin_sentences",
]

P = ParamSpec("P")
R = TypeVar("R")
V = TypeVar("V", bound="HasMissing")
_K = "steps.thin."


class HasMissing(Protocol):
    """A step view that names the data it lacks."""

    @property
    def missing(self) -> tuple[str, ...]:
        """Return the ids of what is missing (empty when nothing is)."""
        ...


def needs(
    *what: str,
) -> Callable[
    [Callable[Concatenate[ReportContext, V, P], R]],
    Callable[Concatenate[ReportContext, V, P], R | None],
]:
    """Return a decorator: the block returns None while any of `what` (or anything) is missing.

    Without arguments the block needs everything the view can lack.
    """

    def wrap(
        block: Callable[Concatenate[ReportContext, V, P], R],
    ) -> Callable[Concatenate[ReportContext, V, P], R | None]:
        @functools.wraps(block)
        def guarded(ctx: ReportContext, view: V, /, *args: P.args, **kwargs: P.kwargs) -> R | None:
            lacking = set(view.missing)
            if lacking and (not what or lacking & set(what)):
                return None
            return block(ctx, view, *args, **kwargs)

        return guarded

    return wrap


def maps_or_none(folder: Path) -> list[ProcessMap]:
    """Return the process maps of `folder`, an empty list when it holds none (or is absent)."""
    if not folder.is_dir() or not map_files(folder):
        return []
    return load_maps([folder])


@dataclass(frozen=True)
class ThinSentences:
    """Whole sentences on what a step lacks: found, what the report then shows, how to supply."""

    found: list[str]
    means: list[str]
    how: list[str]


def thin_sentences(ctx: ReportContext, step: str, *, missing: tuple[str, ...]) -> ThinSentences:
    """Return the sentences for each missing part of `step` (messages steps.thin.<step>.<id>.*)."""
    parts = [[ctx.tr(text) for text in _STEPS_THIN_PART[step, m]] for m in missing]
    return ThinSentences(
        found=[found for found, _, _ in parts],
        means=[means for _, means, _ in parts],
        how=[how for _, _, how in parts],
    )


def missing_summary(ctx: ReportContext, step: str, *, missing: tuple[str, ...]) -> Html:
    """Return the short summary of a step without its data: what is missing, then, and how."""
    said = thin_sentences(ctx, step, missing=missing)
    return summary(ctx, found=said.found, means=said.means, next_steps=said.how)


def missing_headline(ctx: ReportContext, step: str, *, missing: str, title: str) -> None:
    """Publish the index card of a step without its data: what is missing and how to add it."""
    value, takeaway = _STEPS_THIN_CARD[step, missing]
    headline(
        ctx,
        title=title,
        value_text=ctx.tr(value),
        takeaway=ctx.tr(takeaway),
        status="neutral",
    )
