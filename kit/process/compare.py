"""Comparison of a client's as-is maps with a best-practice to-be map."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kit.errors import ConfigError
from kit.i18n.markers import Language
from kit.message import msg
from kit.process.duplicates import similarity
from kit.process.model import ProcessMap
from kit.process.native import read_yaml
from kit.process.normalise import Signature, Synonyms, load_synonyms, signature

__all__ = ["REFERENCE_DIR", "Comparison", "compare_with_reference", "load_reference"]

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "process_maps"


@dataclass(frozen=True)
class Comparison:
    """As-is against to-be: missing steps, avoidable client steps, hours per reference step."""

    missing: pd.DataFrame  # reference steps the client does not do
    avoided: pd.DataFrame  # client steps the reference does without
    steps: pd.DataFrame  # per reference step: as-is hours, to-be hours, saved hours
    as_is_hours_per_month: float
    to_be_hours_per_month: float

    @property
    def saved_hours_per_month(self) -> float:
        """Return as-is hours − to-be hours per month (negative when the to-be costs more)."""
        return self.as_is_hours_per_month - self.to_be_hours_per_month


def load_reference(language: Language) -> ProcessMap:
    """Return the shipped to-be receivables map in `language` (de or en)."""
    path = REFERENCE_DIR / language / "receivables_to_be.yaml"
    if not path.is_file():
        raise ConfigError(
            msg("no reference map for language '{language}'", language=language),
            path=path,
            key="language",
            expected="de or en",
        )
    return read_yaml(path)


def _tasks(pmap: ProcessMap, syn: Synonyms) -> list[tuple[str, dict[str, object], Signature]]:
    return [
        (str(n), d, signature(str(d["name"]), syn, obj=d["object"]))
        for n, d in pmap.graph.nodes(data=True)
        if d["kind"] == "task"
    ]


def compare_with_reference(
    maps: Sequence[ProcessMap],
    reference: ProcessMap | None = None,
    *,
    language: Language,
    threshold: float = 0.7,
    synonyms: Synonyms | None = None,
) -> Comparison:
    """Return the comparison of the client's maps with the to-be map (hours per month).

    Long because each measure of the comparison is a few lines on the same matched activities.
    """
    syn = synonyms or load_synonyms()
    ref = reference if reference is not None else load_reference(language)
    ref_tasks = _tasks(ref, syn)
    matched: dict[str, list[tuple[str, str, float]]] = {rid: [] for rid, _, _ in ref_tasks}
    avoided_rows = []
    as_is = 0.0
    for pmap in maps:
        for aid, data, sig in _tasks(pmap, syn):
            hours = pmap.hours(aid)
            as_is += hours
            hits = [(similarity(sig, rsig, synonyms=syn), rid) for rid, _, rsig in ref_tasks]
            best = max(hits, default=(0.0, ""))
            if best[0] >= threshold:
                matched[best[1]].append((pmap.id, aid, hours))
            else:
                avoided_rows.append(
                    {
                        "map": pmap.id,
                        "id": aid,
                        "name": data["name"],
                        "lane": data["lane"],
                        "hours_per_month": hours,
                    }
                )
    missing_rows, step_rows = [], []
    for rid, data, _ in ref_tasks:
        to_be = ref.hours(rid)
        done = matched[rid]
        if not done:
            missing_rows.append(
                {
                    "id": rid,
                    "name": data["name"],
                    "lane": data["lane"],
                    "to_be_hours_per_month": to_be,
                }
            )
        client = sum(h for _, _, h in done)
        step_rows.append(
            {
                "id": rid,
                "name": data["name"],
                "client_activities": ", ".join(f"{m}/{a}" for m, a, _ in done),
                "as_is_hours_per_month": client,
                "to_be_hours_per_month": to_be,
                "saved_hours_per_month": client - to_be,
            }
        )
    return Comparison(
        missing=pd.DataFrame(missing_rows, columns=["id", "name", "lane", "to_be_hours_per_month"]),
        avoided=pd.DataFrame(
            avoided_rows, columns=["map", "id", "name", "lane", "hours_per_month"]
        ),
        steps=pd.DataFrame(
            step_rows,
            columns=[
                "id",
                "name",
                "client_activities",
                "as_is_hours_per_month",
                "to_be_hours_per_month",
                "saved_hours_per_month",
            ],
        ),
        as_is_hours_per_month=as_is,
        to_be_hours_per_month=ref.total_hours(),
    )
