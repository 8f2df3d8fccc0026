"""Pairwise precision/recall/F1 of duplicate groups against hand-labelled truth, and a baseline.

A labelled set is a list of true groups of "MAP/ACTIVITY" ids; a group of n activities stands
for its n·(n−1)/2 pairs. The baseline pairs every two tasks whose labels are equal after lower
casing and collapsing white space: what a reviewer would find with a spreadsheet filter.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kit.process.model import ProcessMap

__all__ = ["Scores", "baseline_groups", "pairs_of", "score_groups", "task_count"]


@dataclass(frozen=True)
class Scores:
    """Pairwise counts and rates of found groups against true groups (rates 0…1)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """Return tp ÷ (tp + fp); 1.0 when nothing was found."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Return tp ÷ (tp + fn); 1.0 when there is nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall (0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def pairs_of(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    """Return every unordered pair of ids within each group."""
    return {frozenset(p) for g in groups for p in itertools.combinations(sorted(set(g)), 2)}


def score_groups(found: Iterable[Iterable[str]], truth: Iterable[Iterable[str]]) -> Scores:
    """Return the pairwise true/false positives and false negatives of `found`."""
    predicted, true = pairs_of(found), pairs_of(truth)
    return Scores(len(predicted & true), len(predicted - true), len(true - predicted))


def baseline_groups(maps: Sequence[ProcessMap]) -> list[list[str]]:
    """Return groups of tasks whose labels are equal after lower casing (the baseline)."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for pmap in maps:
        for node, data in pmap.graph.nodes(data=True):
            if data["kind"] == "task" and data["name"].strip():
                by_label[" ".join(data["name"].lower().split())].append(f"{pmap.id}/{node}")
    return [ids for ids in by_label.values() if len(ids) > 1]


def task_count(maps: Sequence[ProcessMap]) -> int:
    """Return the number of tasks (the activities that can be duplicate work)."""
    return sum(1 for m in maps for _, kind in m.graph.nodes(data="kind") if kind == "task")
