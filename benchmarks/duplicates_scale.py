"""Scale of `kit duplicates DIR --json` as a user runs it: YAML files, a fresh process.

Writes 1,000 and 5,000 generated maps of 30 activities as YAML files, then times the command in
a new process: wall seconds, CPU seconds (user + system of the child) and peak resident MB.
Labels come from the receivables vocabulary in German and English (actions × objects ×
channel/level qualifiers, plus client-specific words) and are drawn with a Zipf-like skew, so
most labels repeat across many maps as in a real engagement ("Rechnung prüfen" in forty maps).

    .venv/bin/python benchmarks/duplicates_scale.py [--sizes 1000 5000] [--repeat 3]
        [--stages] [--keep DIR]

The command reads a large folder with one process per idle core (`kit.process.loading`; on a
busy machine it reads alone); CPU seconds include those processes. With --repeat N the wall and
CPU numbers are each the best of N runs (the machine may be busy); the load average (1 min)
before the runs is printed with them. --stages also times each stage in this
process. --keep DIR writes the maps to DIR/maps-SIZE and leaves them there (reused when the
folder already holds SIZE maps), for profiling the command by hand:

    .venv/bin/python -m cProfile -s cumtime .venv/bin/kit duplicates DIR/maps-1000 --json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kit.process.model import Activity, ProcessMap
from kit.process.native import write_yaml

KIT = Path(sys.executable).with_name("kit")

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


def _labels() -> list[str]:
    """Return every label of the vocabulary, German and English, most common first."""
    rng = random.Random(0)
    out: list[str] = []
    for i in range(len(ACTIONS_DE)):
        for j in range(len(OBJECTS_DE)):
            for q in range(len(QUALIFIERS_DE)):
                for extra in ["", *EXTRA]:
                    tail = f" {extra}" if extra else ""
                    de = f"{OBJECTS_DE[j]}{tail} {QUALIFIERS_DE[q]} {ACTIONS_DE[i]}"
                    en = f"{ACTIONS_EN[i].capitalize()} {OBJECTS_EN[j]}{tail} {QUALIFIERS_EN[q]}"
                    out += [" ".join(de.split()), " ".join(en.split())]
    rng.shuffle(out)
    return out


def generate(n_maps: int, *, activities: int = 30, seed: int = 1) -> list[ProcessMap]:
    """Return `n_maps` linear maps of `activities` tasks with one rework loop each.

    Labels are drawn with weight 1 / rank (Zipf): with 1,000 maps the commonest label sits in
    several hundred maps, the hundredth in about forty, and the long tail in one or two.
    """
    rng = random.Random(seed)
    labels = _labels()
    weights = [1.0 / (rank + 1) for rank in range(len(labels))]
    maps = []
    for m in range(n_maps):
        names = rng.choices(labels, weights=weights, k=activities)
        acts = [
            Activity(
                id=f"a{k}",
                name=name,
                lane=rng.choice(LANES),
                minutes=rng.choice([2, 5, 10, 15, 30]),
                per_month=rng.choice([10, 50, 200]),
            )
            for k, name in enumerate(names)
        ]
        flows = [(f"a{k}", f"a{k + 1}", 1.0) for k in range(activities - 1)]
        flows[10] = ("a10", "a11", 0.8)
        flows.append(("a10", "a5", 0.2))  # a rework loop back
        maps.append(ProcessMap.build(id=f"map-{m}", name=f"Map {m}", activities=acts, flows=flows))
    return maps


def _run_once(folder: Path) -> tuple[float, float, float, dict[str, object]]:
    """Return wall s, CPU s and peak MB of one `kit duplicates FOLDER --json` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [str(KIT), "duplicates", str(folder), "--json"],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"kit duplicates failed: {done.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_mb = after.ru_maxrss / 1024  # kB on Linux; the largest child so far
    return wall, cpu, peak_mb, json.loads(done.stdout)


def _stages(folder: Path) -> str:
    """Return the CPU seconds of each stage of the command, measured in this process.

    The maps are read here by this one process (the command forks readers for large folders).
    """
    from pydantic_core import to_json

    from kit.process import analyse, load_maps
    from kit.process.duplicates import find_duplicates
    from kit.process.loading import gc_paused

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    code = "import kit.cli.commands, kit.process.analysis, kit.process.loading"
    subprocess.run([sys.executable, "-c", code], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    start_up = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with gc_paused():  # as `kit duplicates` runs
        imported = time.process_time()
        maps = load_maps([folder])
        loaded = time.process_time()
        find_duplicates(maps)
        found = time.process_time()
        document = analyse(maps).to_json_dict()
        analysed = time.process_time()
        to_json(document, fallback=str)  # as `kit duplicates --json` prints it
        dumped = time.process_time()
    return (
        f"CPU s: start-up + imports {start_up:.2f}, read + validate YAML {loaded - imported:.2f}, "
        f"duplicates {found - loaded:.2f}, whole analysis {analysed - found:.2f}, "
        f"JSON text {dumped - analysed:.2f}"
    )


def _folder(folder: Path, size: int) -> Path:
    """Return `folder` holding `size` generated maps as YAML files (written if not there yet)."""
    folder.mkdir(parents=True, exist_ok=True)
    if len(list(folder.glob("map-*.yaml"))) != size:
        for old in folder.glob("map-*.yaml"):
            old.unlink()
        for pmap in generate(size):
            write_yaml(pmap, folder / f"{pmap.id}.yaml")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; best time counts")
    parser.add_argument("--stages", action="store_true", help="also time each stage in-process")
    parser.add_argument("--keep", type=Path, help="write the maps to KEEP/maps-SIZE and keep them")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    print(
        f"{'maps':>6}{'activities':>11}{'groups':>8}{'pairs':>8}{'wall s':>8}{'CPU s':>8}"
        f"{'peak MB':>9}{'s / 1k maps':>13}{'load':>6}"
    )
    for size in sorted(args.sizes):
        with tempfile.TemporaryDirectory(prefix="dup-scale-") as tmp:
            folder = _folder(Path(tmp) if args.keep is None else args.keep / f"maps-{size}", size)
            best_wall = best_cpu = float("inf")
            peak = 0.0
            doc: dict[str, object] = {}
            load = os.getloadavg()[0]
            for _ in range(args.repeat):
                wall, cpu, peak, doc = _run_once(folder)
                best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
            groups, pairs = doc.get("groups", []), doc.get("pairs", [])
            assert isinstance(groups, list) and isinstance(pairs, list)
            print(
                f"{size:>6}{doc.get('activities', 0):>11}{len(groups):>8}{len(pairs):>8}"
                f"{best_wall:>8.2f}{best_cpu:>8.2f}{peak:>9.0f}"
                f"{best_wall / size * 1000:>13.2f}{load:>6.1f}"
            )
            if args.stages:
                print(f"{'':>6} {_stages(folder)}")


if __name__ == "__main__":
    main()
