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

from kit.process import ProcessMap, load_maps
from kit.process.loading import map_files
from kit.report import Html, headline, summary
from kit.report.context import ReportContext

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
    return ThinSentences(
        found=[ctx.t(f"{_K}{step}.{m}.found") for m in missing],
        means=[ctx.t(f"{_K}{step}.{m}.means") for m in missing],
        how=[ctx.t(f"{_K}{step}.{m}.how") for m in missing],
    )


def missing_summary(ctx: ReportContext, step: str, *, missing: tuple[str, ...]) -> Html:
    """Return the short summary of a step without its data: what is missing, then, and how."""
    said = thin_sentences(ctx, step, missing=missing)
    return summary(ctx, found=said.found, means=said.means, next_steps=said.how)


def missing_headline(ctx: ReportContext, step: str, *, missing: str, title: str) -> None:
    """Publish the index card of a step without its data: what is missing and how to add it."""
    headline(
        ctx,
        title=title,
        value_text=ctx.t(f"{_K}{step}.{missing}.card"),
        takeaway=ctx.t(f"{_K}{step}.{missing}.card_takeaway"),
        status="neutral",
    )
