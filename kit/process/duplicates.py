"""Duplicate work: the same action on the same business object in several places."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
from networkx.utils import UnionFind
from rapidfuzz import fuzz, process

from kit.process.model import ProcessMap, hours_per_month
from kit.process.normalise import Signature, Synonyms, fold, load_synonyms, signature

__all__ = ["DuplicateGroup", "Member", "find_duplicates", "similarity"]

_BORDER = 0.10  # below the threshold by at most this much: flow neighbours decide
_CELLS = 1 << 20  # most text pairs scored at once (two float64 matrices of 8 MB)
Key = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Member:
    """One activity taking part in duplicate work."""

    map: str
    id: str
    name: str
    lane: str | None
    system: str | None
    hours_per_month: float
    signature: Signature
    loop: int | None = None  # strongly connected component within its map, if on a loop


@dataclass(frozen=True)
class DuplicateGroup:
    """Activities that do the same work; all but the largest are avoidable."""

    members: tuple[Member, ...]
    reason: str

    @property
    def hours_per_month(self) -> float:
        """Return the hours per month of all members together."""
        return sum(m.hours_per_month for m in self.members)

    @property
    def avoidable_hours_per_month(self) -> float:
        """Return Σ hours − max hours: keep the largest, remove the rest (hours per month)."""
        return self.hours_per_month - max(m.hours_per_month for m in self.members)


def _key(sig: Signature) -> Key:
    return (sig.actions, sig.core_objects, sig.levels, sig.channels, sig.residual)


def _unrelated(a: Signature, b: Signature) -> bool:
    """Return True when two labels surely name different work, whatever their wording."""
    if a.levels and b.levels and a.levels != b.levels:
        return True
    if a.actions and b.actions and not a.actions & b.actions:
        return True
    if a.core_objects and b.core_objects and not a.core_objects & b.core_objects:
        return True
    return not (a.core_objects or a.residual) or not (b.core_objects or b.residual)


def similarity(a: Signature, b: Signature, *, texts: tuple[str, str] | None = None) -> float:
    """Return 0…1: how surely two labels name the same work (0 when action or object differ)."""
    if _unrelated(a, b):
        return 0.0  # generic labels ("prüfen") say nothing alone
    ta, tb = texts if texts is not None else (a.text(), b.text())
    return (fuzz.token_set_ratio(ta, tb) + fuzz.token_sort_ratio(ta, tb)) / 200.0


def _ratios(rows: list[str], cols: list[str]) -> np.ndarray:
    """Return the similarity() text score of every row × column text pair (0…1, float64)."""
    scores = process.cdist(rows, cols, scorer=fuzz.token_set_ratio, dtype=np.float64)
    scores += process.cdist(rows, cols, scorer=fuzz.token_sort_ratio, dtype=np.float64)
    result: np.ndarray = scores / 200.0
    return result


@dataclass
class _Similar:
    """Which label keys name the same work: whole classes of keys, plus single key pairs.

    Keys that differ only in their channel form a class: similarity() cannot tell them apart,
    so it is computed once per pair of classes.
    """

    of_key: list[int]  # key -> class
    keys: list[list[int]]  # class -> keys
    full: list[set[int]]  # class -> classes whose keys are all similar to all of its keys
    pairs: dict[int, set[int]]  # key -> keys similar only through shared flow neighbours
    cache: dict[int, frozenset[int]] = field(default_factory=dict)  # key -> around(key)

    def around(self, key: int) -> frozenset[int]:
        """Return the key itself and every key similar to it."""
        found = self.cache.get(key)
        if found is None:
            near = [k for c in self.full[self.of_key[key]] for k in self.keys[c]]
            found = self.cache[key] = frozenset([key, *near, *self.pairs.get(key, ())])
        return found

    def components(self) -> list[set[int]]:
        """Return the keys split into connected components of the similarity graph."""
        found: UnionFind = UnionFind(range(len(self.of_key)))
        for c, others in enumerate(self.full):
            for other in others:
                if other >= c:
                    found.union(*self.keys[c], *self.keys[other])
        for a, bs in self.pairs.items():
            found.union(a, *bs)
        return [set(s) for s in found.to_sets()]


def _class_scores(sigs: list[Signature], low: float) -> dict[tuple[int, int], float]:
    """Return similarity() ≥ `low` of class pairs compared within blocks only.

    A block holds the classes that share an object (or, without objects, a leftover word) and
    an action; classes without an action are compared with every class that shares their object.
    Scores are computed a whole block at a time on the distinct concept strings.
    """
    texts = [sig.text() for sig in sigs]
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_token: dict[str, list[int]] = defaultdict(list)
    loose: dict[str, list[int]] = defaultdict(list)
    for c, sig in enumerate(sigs):
        for token in sig.core_objects or frozenset(sig.residual):
            by_token[token].append(c)
            if sig.actions:
                for action in sig.actions:
                    blocks[(token, action)].append(c)
            else:
                loose[token].append(c)
    comparisons = [(block, block, True) for block in blocks.values() if len(block) > 1]
    comparisons += [(rows, by_token[token], False) for token, rows in loose.items()]
    scores: dict[tuple[int, int], float] = {}
    for all_rows, cols, square in comparisons:
        col_texts = [texts[c] for c in cols]
        step = max(1, _CELLS // len(cols))  # bounded memory for oversized blocks
        for start in range(0, len(all_rows), step):
            rows = all_rows[start : start + step]
            matrix = _ratios([texts[c] for c in rows], col_texts)
            hits = matrix >= low
            if square:  # each pair once: column after row
                hits = np.triu(hits, k=start + 1)
            for i, j in zip(*np.nonzero(hits), strict=True):
                a, b = rows[i], cols[j]
                pair = (a, b) if a < b else (b, a)
                if a != b and pair not in scores:
                    scores[pair] = 0.0 if _unrelated(sigs[a], sigs[b]) else float(matrix[i, j])
    return scores


def _similar_keys(sigs: list[Signature], neighbours: list[set[int]], threshold: float) -> _Similar:
    """Return which keys are similar: score ≥ threshold, or near it with a shared flow neighbour."""
    classes: dict[tuple[object, ...], int] = {}
    of_key: list[int] = []
    keys: list[list[int]] = []
    for kid, sig in enumerate(sigs):
        c = classes.setdefault((sig.actions, sig.core_objects, sig.levels, sig.residual), len(keys))
        if c == len(keys):
            keys.append([])
        keys[c].append(kid)
        of_key.append(c)
    class_sigs = [sigs[members[0]] for members in keys]
    low = threshold - _BORDER
    scores = _class_scores(class_sigs, low)
    scores.update({(c, c): similarity(s, s) for c, s in enumerate(class_sigs) if len(keys[c]) > 1})
    sim = _Similar(of_key, keys, [set() for _ in keys], {})
    for (a, b), score in scores.items():
        if score >= threshold:
            sim.full[a].add(b)
            sim.full[b].add(a)
        elif score >= low:
            for ka in keys[a]:
                for kb in keys[b]:
                    if ka != kb and not neighbours[ka].isdisjoint(neighbours[kb]):
                        sim.pairs.setdefault(ka, set()).add(kb)
                        sim.pairs.setdefault(kb, set()).add(ka)
    return sim


@dataclass
class _Keys:
    """Distinct label keys of all maps, numbered, with their activities and flow neighbours."""

    ids: dict[Key, int] = field(default_factory=dict)
    sigs: list[Signature] = field(default_factory=list)
    members: list[list[Member]] = field(default_factory=list)
    neighbours: list[set[int]] = field(default_factory=list)

    def add(self, sig: Signature) -> int:
        key = _key(sig)
        kid = self.ids.get(key)
        if kid is None:
            kid = self.ids[key] = len(self.sigs)
            self.sigs.append(sig)
            self.members.append([])
            self.neighbours.append(set())
        return kid


def _collect(maps: Sequence[ProcessMap], syn: Synonyms) -> _Keys:
    """Return the activities grouped by label key; each distinct label is parsed once."""
    keys = _Keys()
    seen: dict[tuple[str, str | None], tuple[Signature, int] | None] = {}
    for pmap in maps:
        graph = pmap.graph
        loops: dict[str, int] = {}
        for n, comp in enumerate(nx.strongly_connected_components(graph)):
            if len(comp) > 1:
                loops.update(dict.fromkeys(comp, n))
        of_node: dict[str, int] = {}
        for node, data in graph.nodes(data=True):
            if data["kind"] != "task":
                continue
            label = (data["name"], data["object"])
            if label in seen:
                known = seen[label]
            else:
                sig = signature(data["name"], syn, obj=data["object"])
                generic = not (sig.core_objects or sig.residual)
                known = seen[label] = None if generic else (sig, keys.add(sig))
            if known is None:
                continue  # generic labels ("prüfen") say nothing alone
            sig, kid = known
            of_node[node] = kid
            keys.members[kid].append(
                Member(
                    map=pmap.id,
                    id=str(node),
                    name=data["name"],
                    lane=data["lane"],
                    system=data["system"],
                    hours_per_month=hours_per_month(data["minutes"], data["per_month"]),
                    signature=sig,
                    loop=loops.get(node),
                )
            )
        for src, dst in graph.edges:
            if src in of_node and dst in of_node:
                keys.neighbours[of_node[src]].add(of_node[dst])
                keys.neighbours[of_node[dst]].add(of_node[src])
    return keys


@dataclass
class _Cluster:
    keys: set[int]
    fits: frozenset[int]  # the keys similar to every key of the cluster (its own keys included)
    members: list[Member] = field(default_factory=list)
    by_map: dict[str, list[Member]] = field(default_factory=lambda: defaultdict(list))

    def takes(self, member: Member, key: int) -> bool:
        if key not in self.fits:
            return False
        for other in self.by_map.get(member.map, ()):
            if member.loop is not None and other.loop == member.loop:
                return False  # the same work reached again through a loop is rework
            if other.signature.channels != member.signature.channels:
                return False  # successive steps of one procedure on different channels
        return True

    def add(self, member: Member, key: int, sim: _Similar) -> None:
        if key not in self.keys:
            self.keys.add(key)
            self.fits = self.fits & sim.around(key)  # keys only grow, so fits only shrink
        self.members.append(member)
        self.by_map[member.map].append(member)


def _clusters(members: list[tuple[Member, int]], sim: _Similar) -> list[_Cluster]:
    """Return the members split greedily into clusters of mutually similar work.

    Members go by descending hours; each joins the cluster its label joined last, else the
    oldest cluster that takes it, else a new one. Per key, `open` lists (oldest first) the
    clusters that took the key when they were made; those that stopped taking it are dropped
    as they are met, so no member scans every cluster.
    """
    members.sort(key=lambda mk: (-mk[0].hours_per_month, mk[0].map, mk[0].id))
    clusters: list[_Cluster] = []
    open_: dict[int, list[_Cluster]] = defaultdict(list)
    last: dict[int, _Cluster] = {}  # members with the same label mostly join the same group
    for member, key in members:
        target = last.get(key)
        if target is None or not target.takes(member, key):
            target = None
            candidates = open_[key]
            stale = 0
            for cluster in candidates:
                if key not in cluster.fits:
                    stale += 1
                elif cluster.takes(member, key):
                    target = cluster
                    break
            if stale:
                candidates[:] = [c for c in candidates if key in c.fits]
        if target is None:
            target = _Cluster(set(), sim.around(key))
            clusters.append(target)
            for other in target.fits:
                open_[other].append(target)
        target.add(member, key, sim)
        last[key] = target
    return clusters


def _reason(cluster: _Cluster, syn: Synonyms) -> str:
    members = cluster.members
    first = members[0]
    words = [w for w in fold(first.name).replace("-", " ").split() if w not in syn.ignore]
    label = " ".join(w.strip(".,;:()") for w in words)
    if len(cluster.keys) == 1:
        text = f"same action and object: {label}"
    else:
        concepts = sorted(first.signature.actions | first.signature.core_objects)
        text = f"similar action and object ({' + '.join(c.lower() for c in concepts)}): {label}"
    maps = {m.map for m in members}
    systems = {m.system for m in members if m.system}
    if len(maps) == 1 and len(systems) > 1:
        text += f"; double entry in {' and '.join(sorted(systems))}"
    return text


def find_duplicates(
    maps: Sequence[ProcessMap], *, threshold: float = 0.85, synonyms: Synonyms | None = None
) -> list[DuplicateGroup]:
    """Return groups of activities doing the same work, largest avoidable hours first."""
    syn = synonyms or load_synonyms()
    keys = _collect(maps, syn)
    sim = _similar_keys(keys.sigs, keys.neighbours, threshold)
    groups: list[DuplicateGroup] = []
    for component in sim.components():
        members = [(m, k) for k in component for m in keys.members[k]]
        if len(members) < 2:
            continue
        for cluster in _clusters(members, sim):
            if len(cluster.members) > 1:
                groups.append(DuplicateGroup(tuple(cluster.members), _reason(cluster, syn)))
    groups.sort(key=lambda g: (-g.avoidable_hours_per_month, g.members[0].map, g.members[0].id))
    return groups
