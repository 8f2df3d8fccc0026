"""Duplicate work: the same action on the same business object in several places."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx
from rapidfuzz import fuzz

from kit.process.model import ProcessMap
from kit.process.normalise import Signature, Synonyms, fold, load_synonyms, signature

__all__ = ["DuplicateGroup", "Member", "find_duplicates", "similarity"]

_BORDER = 0.10  # below the threshold by at most this much: flow neighbours decide
Key = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]


@dataclass(frozen=True)
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


def similarity(a: Signature, b: Signature, *, texts: tuple[str, str] | None = None) -> float:
    """Return 0…1: how surely two labels name the same work (0 when action or object differ)."""
    if a.levels and b.levels and a.levels != b.levels:
        return 0.0
    if a.actions and b.actions and not a.actions & b.actions:
        return 0.0
    if a.core_objects and b.core_objects and not a.core_objects & b.core_objects:
        return 0.0
    if not (a.core_objects or a.residual) or not (b.core_objects or b.residual):
        return 0.0  # generic labels ("prüfen") say nothing alone
    ta, tb = texts if texts is not None else (a.text(), b.text())
    return (fuzz.token_set_ratio(ta, tb) + fuzz.token_sort_ratio(ta, tb)) / 200.0


@dataclass
class _Cluster:
    keys: set[Key] = field(default_factory=set)
    fits: dict[Key, bool] = field(default_factory=dict)  # cache, cleared when keys grow
    members: list[Member] = field(default_factory=list)
    by_map: dict[str, list[Member]] = field(default_factory=lambda: defaultdict(list))


def _collect(
    maps: Sequence[ProcessMap], syn: Synonyms
) -> tuple[dict[Key, list[Member]], dict[Key, set[Key]]]:
    by_key: dict[Key, list[Member]] = defaultdict(list)
    neighbours: dict[Key, set[Key]] = defaultdict(set)
    seen: dict[tuple[str, str | None], Signature] = {}  # labels repeat across maps
    for pmap in maps:
        graph = pmap.graph
        loops: dict[str, int] = {}
        if not nx.is_directed_acyclic_graph(graph):
            for n, comp in enumerate(nx.strongly_connected_components(graph)):
                if len(comp) > 1:
                    loops.update(dict.fromkeys(comp, n))
        keys: dict[str, Key] = {}
        for node, data in graph.nodes(data=True):
            if data["kind"] != "task":
                continue
            label = (data["name"], data["object"])
            sig = seen.get(label)
            if sig is None:
                sig = seen[label] = signature(data["name"], syn, obj=data["object"])
            if not (sig.core_objects or sig.residual):
                continue
            key = _key(sig)
            keys[node] = key
            by_key[key].append(
                Member(
                    map=pmap.id,
                    id=str(node),
                    name=data["name"],
                    lane=data["lane"],
                    system=data["system"],
                    hours_per_month=pmap.hours(node),
                    signature=sig,
                    loop=loops.get(node),
                )
            )
        for src, dst in graph.edges:
            if src in keys and dst in keys:
                neighbours[keys[src]].add(keys[dst])
                neighbours[keys[dst]].add(keys[src])
    return by_key, neighbours


def _key_graph(
    by_key: dict[Key, list[Member]], neighbours: dict[Key, set[Key]], threshold: float
) -> nx.Graph:
    """Return the similarity graph over distinct label keys, compared within blocks only.

    A block holds the keys that share an object (or, without objects, a leftover word) and an
    action; keys without an action are compared with every key that shares their object.
    """
    graph = nx.Graph()
    sigs = {key: members[0].signature for key, members in by_key.items()}
    texts = {key: sig.text() for key, sig in sigs.items()}
    blocks: dict[tuple[str, str], list[Key]] = defaultdict(list)
    by_token: dict[str, list[Key]] = defaultdict(list)
    loose: list[tuple[str, Key]] = []
    for key, sig in sigs.items():
        graph.add_node(key)
        for token in sig.core_objects or frozenset(sig.residual):
            by_token[token].append(key)
            if sig.actions:
                for action in sig.actions:
                    blocks[(token, action)].append(key)
            else:
                loose.append((token, key))
    candidates: set[tuple[Key, Key]] = set()
    for keys in blocks.values():
        candidates.update(itertools.combinations(keys, 2))
    for token, key in loose:
        candidates.update((key, other) for other in by_token[token] if other != key)
    for ka, kb in candidates:
        if graph.has_edge(ka, kb):
            continue
        score = similarity(sigs[ka], sigs[kb], texts=(texts[ka], texts[kb]))
        if score >= threshold or (score >= threshold - _BORDER and neighbours[ka] & neighbours[kb]):
            graph.add_edge(ka, kb, score=score)
    return graph


def _fits(cluster: _Cluster, member: Member, key: Key, graph: nx.Graph) -> bool:
    known = cluster.fits.get(key)
    if known is None:
        known = cluster.fits[key] = all(k == key or graph.has_edge(k, key) for k in cluster.keys)
    if not known:
        return False
    for other in cluster.by_map.get(member.map, []):
        if member.loop is not None and other.loop == member.loop:
            return False  # the same work reached again through a loop is rework
        if other.signature.channels != member.signature.channels:
            return False  # successive steps of one procedure on different channels
    return True


def _reason(members: Sequence[Member], syn: Synonyms) -> str:
    first = members[0]
    words = [w for w in fold(first.name).replace("-", " ").split() if w not in syn.ignore]
    label = " ".join(w.strip(".,;:()") for w in words)
    if len({_key(m.signature) for m in members}) == 1:
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
    by_key, neighbours = _collect(maps, syn)
    graph = _key_graph(by_key, neighbours, threshold)
    groups: list[DuplicateGroup] = []
    for component in nx.connected_components(graph):
        members = [(m, k) for k in component for m in by_key[k]]
        if len(members) < 2:
            continue
        members.sort(key=lambda mk: (-mk[0].hours_per_month, mk[0].map, mk[0].id))
        clusters: list[_Cluster] = []
        last: dict[Key, _Cluster] = {}  # members with the same label mostly join the same group
        for member, key in members:
            target = last.get(key)
            if target is None or not _fits(target, member, key, graph):
                target = next((c for c in clusters if _fits(c, member, key, graph)), None)
            if target is None:
                target = _Cluster()
                clusters.append(target)
            if key not in target.keys:
                target.keys.add(key)
                target.fits.clear()
            last[key] = target
            target.members.append(member)
            target.by_map[member.map].append(member)
        for cluster in clusters:
            if len(cluster.members) > 1:
                groups.append(DuplicateGroup(tuple(cluster.members), _reason(cluster.members, syn)))
    groups.sort(key=lambda g: (-g.avoidable_hours_per_month, g.members[0].map, g.members[0].id))
    return groups
