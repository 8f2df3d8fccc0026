"""Duplicate detection at scale: the fast paths give exactly what a plain all-pairs search gives."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Sequence

import networkx as nx
import pytest

from kit.process import duplicates
from kit.process.duplicates import find_duplicates, similarity
from kit.process.model import Activity, ProcessMap
from kit.process.normalise import Signature, load_synonyms, signature

ACTIONS = [("prüfen", "Check"), ("erfassen", "Record"), ("senden", "Send"), ("setzen", "Set")]
OBJECTS = [
    ("Kreditlimit", "credit limit"),
    ("Mahnung", "dunning letter"),
    ("Reklamation", "dispute"),
    ("Mahnsperre", "dunning block"),
    ("Zahlungszusage", "promise to pay"),
]
QUALIFIERS = [
    ("", ""),
    ("", ""),
    ("per E-Mail", "by e-mail"),
    ("per Brief", "by letter"),
    ("telefonisch", "by phone"),
    ("Stufe 1", "level 1"),
    ("Stufe 2", "level 2"),
]
EXTRA = ["", "", "", "Filiale", "Konzern", "Projekt"]  # leftover words: scores near the threshold

MemberRow = tuple[str, str, float, frozenset[str], int | None]  # map, id, hours, channels, loop


def _maps(n_maps: int, *, activities: int = 12, seed: int = 7) -> list[ProcessMap]:
    rng = random.Random(seed)
    maps = []
    for m in range(n_maps):
        acts = []
        for k in range(activities):
            (act_de, act_en), (obj_de, obj_en) = rng.choice(ACTIONS), rng.choice(OBJECTS)
            q_de, q_en = rng.choice(QUALIFIERS)
            extra = rng.choice(EXTRA)
            if rng.random() < 0.6:
                name = " ".join(w for w in (obj_de, extra, q_de, act_de) if w)
            else:
                name = " ".join(w for w in (act_en, obj_en, extra, q_en) if w)
            minutes, per_month = rng.choice([2, 5, 10]), rng.choice([10, 50, 200])
            acts.append(Activity(id=f"a{k}", name=name, minutes=minutes, per_month=per_month))
        flows = [(f"a{k}", f"a{k + 1}", 1.0) for k in range(activities - 1)]
        flows[6] = ("a6", "a7", 0.8)
        flows.append(("a6", "a3", 0.2))  # a rework loop back
        maps.append(ProcessMap.build(id=f"m{m}", name=f"M {m}", activities=acts, flows=flows))
    return maps


def _reference(maps: Sequence[ProcessMap], threshold: float = 0.85) -> set[frozenset[str]]:
    """Return the groups found by comparing every pair of labels and scanning every cluster."""
    syn = load_synonyms()
    vocab = duplicates.vocabulary(maps, syn)
    sigs: dict[object, Signature] = {}
    rows: dict[object, list[MemberRow]] = defaultdict(list)
    neighbours: dict[object, set[object]] = defaultdict(set)
    for pmap in maps:
        loops: dict[str, int] = {}
        for n, comp in enumerate(nx.strongly_connected_components(pmap.graph)):
            if len(comp) > 1:
                loops.update(dict.fromkeys(comp, n))
        key_of = {}
        for node, data in pmap.graph.nodes(data=True):
            sig = signature(data["name"], syn, vocab=vocab)
            assert sig.actions and sig.core_objects  # so that blocking misses no similar pair
            key = (sig.actions, sig.all_objects, sig.levels, sig.channels, sig.residual)
            sigs[key], key_of[node] = sig, key
            rows[key].append((pmap.id, node, pmap.hours(node), sig.channels, loops.get(node)))
        for a, b in pmap.graph.edges:
            neighbours[key_of[a]].add(key_of[b])
            neighbours[key_of[b]].add(key_of[a])
    graph = nx.Graph()
    graph.add_nodes_from(sigs)
    for ka, kb in itertools.combinations(sigs, 2):
        score = similarity(sigs[ka], sigs[kb])
        near = score >= threshold - 0.10 and neighbours[ka] & neighbours[kb]
        if score >= threshold or near:
            graph.add_edge(ka, kb)

    def fits(cluster: tuple[set[object], list[MemberRow]], row: MemberRow, key: object) -> bool:
        if not all(k == key or graph.has_edge(k, key) for k in cluster[0]):
            return False
        same_map = [o for o in cluster[1] if o[0] == row[0]]
        return not any((row[4] is not None and o[4] == row[4]) or o[3] != row[3] for o in same_map)

    groups: set[frozenset[str]] = set()
    for component in nx.connected_components(graph):
        members = [(row, key) for key in component for row in rows[key]]
        members.sort(key=lambda rk: (-rk[0][2], rk[0][0], rk[0][1]))
        clusters: list[tuple[set[object], list[MemberRow]]] = []
        last: dict[object, tuple[set[object], list[MemberRow]]] = {}
        for row, key in members:
            target = last.get(key)
            if target is None or not fits(target, row, key):
                target = next((c for c in clusters if fits(c, row, key)), None)
            if target is None:
                target = (set(), [])
                clusters.append(target)
            target[0].add(key)
            target[1].append(row)
            last[key] = target
        groups |= {frozenset(f"{r[0]}/{r[1]}" for r in c[1]) for c in clusters if len(c[1]) > 1}
    return groups


def _found(maps: Sequence[ProcessMap]) -> list[frozenset[str]]:
    return [frozenset(f"{m.map}/{m.id}" for m in g.members) for g in find_duplicates(maps)]


@pytest.fixture(scope="module")
def many_maps() -> list[ProcessMap]:
    return _maps(80)


def test_same_groups_as_comparing_every_pair(many_maps: list[ProcessMap]) -> None:
    expected = _reference(many_maps)
    found = _found(many_maps)
    # 80 maps × 12 activities: many labels per action and object, several groups each
    assert len(expected) >= 40
    assert len(found) == len(set(found))
    assert set(found) == expected


def test_groups_ordered_by_avoidable_hours(many_maps: list[ProcessMap]) -> None:
    hours = [g.avoidable_hours_per_month for g in find_duplicates(many_maps)]
    assert hours == sorted(hours, reverse=True)
    assert hours[0] > hours[-1]


def test_each_distinct_label_is_parsed_once(
    many_maps: list[ProcessMap], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def counting(
        label: str, syn: object, *, obj: str | None = None, vocab: frozenset[str] | None = None
    ) -> Signature:
        calls.append(label)
        return signature(label, syn, obj=obj, vocab=vocab)  # type: ignore[arg-type]

    monkeypatch.setattr(duplicates, "signature", counting)
    find_duplicates(many_maps)
    labels = {d["name"] for m in many_maps for _, d in m.graph.nodes(data=True)}
    assert sorted(calls) == sorted(labels)
    assert len(calls) < 80 * 12  # 960 activities, fewer distinct labels: repeats not reparsed


def _two_maps(after_a: str, after_b: str) -> list[ProcessMap]:
    def one(map_id: str, label: str, after: str) -> ProcessMap:
        acts = [
            Activity(id="x", name=label, minutes=5, per_month=60),
            Activity(id="y", name=after, minutes=5, per_month=60),
        ]
        return ProcessMap.build(id=map_id, name=map_id, activities=acts, flows=[("x", "y", 1.0)])

    return [
        one("a", "Mahnung für Filiale und Konzern senden", after_a),
        one("b", "Mahnung senden", after_b),
    ]


def test_near_threshold_labels_join_only_with_a_shared_flow_neighbour() -> None:
    syn = load_synonyms()
    # same action and object, two extra objects on one side: 0.92 × 0.92 = 0.8464, in the band
    score = similarity(
        signature("Mahnung für Filiale und Konzern senden", syn), signature("Mahnung senden", syn)
    )
    assert score == pytest.approx(0.92 * 0.92)
    shared = find_duplicates(_two_maps("Mahnsperre setzen", "Set dunning block"))
    found = {frozenset((m.map, m.id) for m in g.members) for g in shared}
    assert found == {frozenset({("a", "x"), ("b", "x")}), frozenset({("a", "y"), ("b", "y")})}
    # each activity: 5 min × 60 / 60 = 5 h → avoidable 5 + 5 − 5 = 5 h per group
    assert [g.avoidable_hours_per_month for g in shared] == pytest.approx([5.0, 5.0])
    apart = find_duplicates(_two_maps("Mahnsperre setzen", "Kreditlimit prüfen"))
    assert apart == []
