"""Scale of duplicate detection: 100, 1,000 and 5,000 generated maps of 30 activities each.

Labels are built from the receivables vocabulary in German and English (actions × objects ×
channel/level qualifiers, plus client-specific words), so that many labels repeat across maps as
they do in a real engagement. Prints maps, activities, seconds, peak MB and seconds per 1k maps.

    .venv/bin/python benchmarks/duplicates_scale.py [--sizes 100 1000 5000] [--repeat 3]

With --repeat N the seconds are the best of N runs (the machine may be busy).
"""

from __future__ import annotations

import argparse
import gc
import random
import time
import tracemalloc

from kit.process.analysis import analyse
from kit.process.duplicates import find_duplicates
from kit.process.model import Activity, ProcessMap

ACTIONS_DE = [
    "prüfen",
    "erfassen",
    "senden",
    "anfordern",
    "klären",
    "zuordnen",
    "setzen",
    "aufheben",
    "übergeben",
    "dokumentieren",
    "vereinbaren",
    "überwachen",
]
ACTIONS_EN = [
    "check",
    "record",
    "send",
    "request",
    "resolve",
    "match",
    "set",
    "release",
    "hand over",
    "document",
    "agree",
    "monitor",
]
OBJECTS_DE = [
    "Offene Posten",
    "Kreditlimit",
    "Zahlungserinnerung",
    "Mahnung",
    "Reklamation",
    "Zahlungszusage",
    "Ratenplan",
    "Mahnsperre",
    "Gutschrift",
    "Kontoauszug",
    "Zahlungseingang",
    "Rechnungskopie",
    "Bonität",
    "Stammdaten",
    "Lieferschein",
]
OBJECTS_EN = [
    "open items",
    "credit limit",
    "payment reminder",
    "dunning letter",
    "dispute",
    "promise to pay",
    "payment plan",
    "dunning block",
    "credit note",
    "bank statement",
    "incoming payment",
    "invoice copy",
    "credit rating",
    "master data",
    "proof of delivery",
]
QUALIFIERS_DE = [
    "",
    "",
    "",
    "per E-Mail",
    "per Brief",
    "telefonisch",
    "Stufe 1",
    "Stufe 2",
    "im CRM",
    "in SAP",
]
QUALIFIERS_EN = [
    "",
    "",
    "",
    "by e-mail",
    "by letter",
    "by phone",
    "level 1",
    "level 2",
    "in CRM",
    "in SAP",
]
EXTRA = [
    "Großkunde",
    "Export",
    "Filiale",
    "Konzern",
    "Key account",
    "Projekt",
    "Ausland",
    "Neukunde",
    "Handel",
    "Service",
]
LANES = ["Buchhaltung", "Vertrieb", "Kreditmanagement", "Kundenservice", "Shared Service"]


def _label(rng: random.Random) -> str:
    i = rng.randrange(len(ACTIONS_DE))
    j = rng.randrange(len(OBJECTS_DE))
    q = rng.randrange(len(QUALIFIERS_DE))
    extra = f" {rng.choice(EXTRA)}" if rng.random() < 0.15 else ""
    if rng.random() < 0.6:
        return f"{OBJECTS_DE[j]}{extra} {QUALIFIERS_DE[q]} {ACTIONS_DE[i]}".replace("  ", " ")
    return f"{ACTIONS_EN[i].capitalize()} {OBJECTS_EN[j]}{extra} {QUALIFIERS_EN[q]}".strip()


def generate(n_maps: int, *, activities: int = 30, seed: int = 1) -> list[ProcessMap]:
    """Return `n_maps` linear maps of `activities` tasks with one rework loop each."""
    rng = random.Random(seed)
    maps = []
    for m in range(n_maps):
        acts = [
            Activity(
                id=f"a{k}",
                name=_label(rng),
                lane=rng.choice(LANES),
                minutes=rng.choice([2, 5, 10, 15, 30]),
                per_month=rng.choice([10, 50, 200]),
            )
            for k in range(activities)
        ]
        flows = [(f"a{k}", f"a{k + 1}", 1.0) for k in range(activities - 1)]
        flows[10] = ("a10", "a11", 0.8)
        flows.append(("a10", "a5", 0.2))  # a rework loop back
        maps.append(ProcessMap.build(id=f"map-{m}", name=f"Map {m}", activities=acts, flows=flows))
    return maps


def _measure(func: object, maps: list[ProcessMap], *, repeat: int = 1) -> tuple[float, float]:
    """Return the best-of-`repeat` seconds and the peak MB traced in one more run."""
    seconds = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        func(maps)  # type: ignore[operator]
        seconds = min(seconds, time.perf_counter() - start)
    gc.collect()
    tracemalloc.start()
    func(maps)  # type: ignore[operator]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; best time counts")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    print(
        f"{'part':<11}{'maps':>7}{'activities':>12}{'seconds':>10}{'peak MB':>10}"
        f"{'s / 1k maps':>13}"
    )
    for size in args.sizes:
        maps = generate(size)
        n_acts = sum(m.graph.number_of_nodes() for m in maps)
        for part, func in (("duplicates", find_duplicates), ("analyse", analyse)):
            seconds, mb = _measure(func, maps, repeat=args.repeat)
            print(
                f"{part:<11}{size:>7}{n_acts:>12}{seconds:>10.2f}{mb:>10.1f}"
                f"{seconds / size * 1000:>13.2f}"
            )


if __name__ == "__main__":
    main()
