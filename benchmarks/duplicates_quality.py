"""Quality of duplicate detection: pairwise precision, recall and F1 of the kit and a baseline.

Each labelled set is a folder (or list) of maps and hand-labelled true groups. The baseline pairs
tasks whose labels are equal after lower casing. Third-party sets are read in place.

    .venv/bin/python benchmarks/duplicates_quality.py

Prints one row per set and method: tasks, true pairs, tp, fp, fn, precision, recall, F1.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kit.files import load_yaml
from kit.process.bpmn import import_bpmn
from kit.process.duplicates import find_duplicates
from kit.process.evaluation import Scores, baseline_groups, pairs_of, score_groups, task_count
from kit.process.loading import load_maps
from kit.process.model import ProcessMap

REPO = Path(__file__).resolve().parents[1]
LABELLED = REPO / "tests" / "process" / "labelled"
THIRD_PARTY = REPO / "tests" / "process" / "thirdparty"
MIWG = REPO.parent / "shared" / "data" / "bpmn-miwg-reference"


#: Third-party sets kept in the repository as YAML transcriptions (folder, SOURCE.md, truth).
_TRANSCRIBED = {
    "vacation": "Flowable examples + Flowable guide (Apache-2.0), MIWG C.8.0 (CC BY 3.0)",
    "loan": "Camunda examples (Apache-2.0)",
}


@dataclass(frozen=True)
class LabelledSet:
    """A named map set with its true groups and where it comes from."""

    name: str
    source: str
    third_party: bool
    load: Callable[[], list[ProcessMap]]
    truth: list[list[str]]


def labelled_sets() -> list[LabelledSet]:
    """Return the kit's own bilingual sets and the third-party sets found on this machine."""
    truth = load_yaml(LABELLED / "truth.yaml")
    sets = [
        LabelledSet(
            name,
            "kit (written for the kit)",
            False,
            lambda name=name: load_maps([LABELLED / name]),  # type: ignore[misc]
            truth[name],
        )
        for name in ("de", "en", "mixed", "phone")
    ]
    if MIWG.is_dir():
        miwg = load_yaml(THIRD_PARTY / "miwg-truth.yaml")
        sets.append(
            LabelledSet(
                "miwg",
                "OMG BPMN MIWG reference models, CC BY 3.0",
                True,
                lambda: [import_bpmn(f) for f in sorted(MIWG.glob("*.bpmn"))],
                miwg["groups"],
            )
        )
    for name, source in _TRANSCRIBED.items():
        truth_file = load_yaml(THIRD_PARTY / f"{name}-truth.yaml")
        sets.append(
            LabelledSet(
                name,
                source,
                True,
                lambda name=name: load_maps([THIRD_PARTY / name]),  # type: ignore[misc]
                truth_file["groups"],
            )
        )
    return sets


def kit_groups(maps: Sequence[ProcessMap]) -> list[list[str]]:
    """Return the kit's duplicate groups as lists of MAP/ACTIVITY ids."""
    return [[f"{m.map}/{m.id}" for m in g.members] for g in find_duplicates(maps)]


def evaluate(item: LabelledSet) -> tuple[int, int, Scores, Scores]:
    """Return tasks, true pairs, and the kit's and the baseline's scores on one set."""
    maps = item.load()
    kit = score_groups(kit_groups(maps), item.truth)
    base = score_groups(baseline_groups(maps), item.truth)
    return task_count(maps), len(pairs_of(item.truth)), kit, base


def calibration(items: Sequence[LabelledSet]) -> list[tuple[str, int, int]]:
    """Return (score band, listed pairs, true among them) over the pairs the kit lists."""
    bands = [(0.75, 0.85), (0.85, 0.95), (0.95, 1.01)]
    counts = [[0, 0] for _ in bands]
    for item in items:
        true = pairs_of(item.truth)
        for group in find_duplicates(item.load()):
            for pair in group.pairs:
                ids = frozenset({f"{pair.a.map}/{pair.a.id}", f"{pair.b.map}/{pair.b.id}"})
                for n, (low, high) in enumerate(bands):
                    if low <= pair.score < high:
                        counts[n][0] += 1
                        counts[n][1] += ids in true
    return [
        (f"{lo:.2f}-{min(hi, 1.0):.2f}", n, t)
        for (lo, hi), (n, t) in zip(bands, counts, strict=True)
    ]


def main() -> None:
    print(
        f"{'set':<9}{'method':<10}{'tasks':>6}{'true':>6}{'tp':>5}{'fp':>5}{'fn':>5}"
        f"{'P':>7}{'R':>7}{'F1':>7}  source"
    )
    for item in labelled_sets():
        tasks, true, kit, base = evaluate(item)
        for method, s in (("kit", kit), ("baseline", base)):
            print(
                f"{item.name:<9}{method:<10}{tasks:>6}{true:>6}{s.tp:>5}{s.fp:>5}{s.fn:>5}"
                f"{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}  {item.source}"
            )
    print("\nlisted pairs by score (all sets): band, pairs, true, share true")
    for band, n, t in calibration(labelled_sets()):
        print(f"  {band}  {n:>5}  {t:>5}  {t / n if n else float('nan'):>6.2f}")


if __name__ == "__main__":
    main()
