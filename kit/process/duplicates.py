"""Duplicate work: the same action on the same business object in several places."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from rapidfuzz import fuzz

from kit.process.model import ProcessMap
from kit.process.normalise import Signature, Synonyms, fold, load_synonyms, signature

__all__ = ["DuplicateGroup", "Member", "Pair", "find_duplicates", "score_pair", "similarity"]

_BORDER = 0.10  # below the threshold by at most this much: flow neighbours decide
_TOKEN = re.compile(r"[a-z0-9]+")
Key = tuple[
    frozenset[str], frozenset[str], frozenset[str], frozenset[str], tuple[str, ...], frozenset[str]
]


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


@dataclass(frozen=True, slots=True)
class Pair:
    """Two activities found to be the same work, with the score (0…1) and why."""

    a: Member
    b: Member
    score: float
    reason: str


@dataclass(frozen=True)
class DuplicateGroup:
    """Activities that do the same work; all but the largest are avoidable.

    `pairs` links each avoidable member to the kept one (the largest). Groups are built by
    complete linkage over labels, so every two members of a group score at least the
    threshold (or just below it with evidence); the listed pairs are the ones acted on.
    """

    members: tuple[Member, ...]
    reason: str
    pairs: tuple[Pair, ...] = ()

    @cached_property
    def hours_per_month(self) -> float:
        """Return the hours per month of all members together."""
        return sum(m.hours_per_month for m in self.members)

    @cached_property
    def avoidable_hours_per_month(self) -> float:
        """Return Σ hours − max hours: keep the largest, remove the rest (hours per month)."""
        return self.hours_per_month - max(m.hours_per_month for m in self.members)


def _key(sig: Signature) -> Key:
    return (sig.actions, sig.all_objects, sig.levels, sig.channels, sig.residual, sig.topic)


_SAME_WORD = 85.0  # rapidfuzz ratio from which two generic keys are one word ("immatricul")
_EXTRA_OBJECT = 0.92  # one label names one more object than the other
_EXTRA_QUALIFIER = 0.7  # one label qualifies the object ("provisional acceptance")
_NO_ACTION = 0.9  # one label names no action ("Zahlungserinnerung")


def _matched(a: frozenset[str], b: frozenset[str]) -> tuple[set[str], set[str]]:
    """Return the words of `a` and of `b` that have a partner on the other side.

    Table concepts match only themselves; generic keys also match a key of the same word
    written differently (rapidfuzz ratio ≥ 85: "immatricul" / "matricul").
    """
    both = a & b
    in_a, in_b = set(both), set(both)
    for x in a - both:
        if x.isupper():
            continue
        for y in b - both:
            if not y.isupper() and fuzz.ratio(x, y) >= _SAME_WORD:
                in_a.add(x)
                in_b.add(y)
    return in_a, in_b


def _action_score(a: Signature, b: Signature) -> float:
    """Return 1 for the same action, < 1 for a near spelling or a missing one, 0 for another."""
    if not (a.actions or a.verbs) or not (b.actions or b.verbs):
        return _NO_ACTION
    if a.actions & b.actions or a.verbs & b.verbs:
        return 1.0
    best = 0.0
    for x in a.verbs:
        for y in b.verbs:
            best = max(best, fuzz.ratio(x, y) / 100.0)
    return best if best * 100.0 >= _SAME_WORD else 0.0


def score_pair(a: Signature, b: Signature, *, weak: frozenset[str] = frozenset()) -> float:
    """Return 0…1: how surely two labels name the same work.

    The product of an action, an object and a qualifier factor: the object is a hard
    constraint (no shared object, or each side naming an object the other lacks, gives 0),
    as are another action, another level, and two different qualifiers ("English" /
    "German"). One extra object costs 8 %, one extra qualifier 30 %, a missing action 10 %.
    Labels that name no object match only on a specific action of their own ("Matriculate").
    """
    if a.levels and b.levels and a.levels != b.levels:
        return 0.0
    if a.elliptical or b.elliptical:  # "Send rejection": of what? The maps must say the same
        sa, sb = a.subjects(), b.subjects()
        if (sa or sb) and not (sa and sb and _matched(sa, sb)[0]):
            return 0.0  # both unknown: the labels alone decide
    action = _action_score(a, b)
    if action == 0.0:
        return 0.0
    oa, ob = a.all_objects, b.all_objects
    if not oa or not ob:
        if oa or ob or not (a.verbs and b.verbs):
            return 0.0  # generic labels ("prüfen") say nothing alone
        objects = 1.0
    else:
        in_a, in_b = _matched(oa, ob)
        if not in_a:
            return 0.0
        only_a = {x for x in oa - in_a if x not in weak}
        only_b = {x for x in ob - in_b if x not in weak}
        if only_a and only_b:
            return 0.0  # the same action on another object is other work
        objects = _EXTRA_OBJECT ** len(only_a | only_b)
    qa, qb = a.qualifiers, b.qualifiers
    qualifiers = 1.0
    if qa or qb:
        in_qa, in_qb = _matched(qa, qb)
        if (qa - in_qa) and (qb - in_qb):
            return 0.0  # "certificate of English language" / "… German language"
        qualifiers = _EXTRA_QUALIFIER ** len((qa - in_qa) | (qb - in_qb))
    return action * objects * qualifiers


def similarity(a: Signature, b: Signature, *, synonyms: Synonyms | None = None) -> float:
    """Return 0…1: how surely two labels name the same work (see `score_pair`)."""
    return score_pair(a, b, weak=(synonyms or load_synonyms()).weak)


@dataclass
class _Similar:
    """Which label keys name the same work: whole classes of keys, plus single key pairs.

    Keys that differ only in their channel form a class: similarity() cannot tell them apart,
    so it is computed once per pair of classes.
    """

    of_key: list[int]  # key -> class
    keys: list[list[int]]  # class -> keys
    full: list[set[int]]  # class -> classes whose keys are all similar to all of its keys
    pairs: dict[int, set[int]]  # key -> keys similar only through evidence around them
    cache: dict[int, frozenset[int]] = field(default_factory=dict)  # key -> around(key)
    class_score: dict[tuple[int, int], float] = field(default_factory=dict)
    evidence: dict[tuple[int, int], str] = field(default_factory=dict)  # key pair -> why

    def score(self, a: int, b: int) -> float:
        """Return the score of two keys (1.0 for one key: the same label)."""
        if a == b:
            return self.class_score.get((self.of_key[a], self.of_key[a]), 1.0)
        return self.class_score.get((self.of_key[a], self.of_key[b]), 0.0)

    def around(self, key: int) -> frozenset[int]:
        """Return the key itself and every key similar to it."""
        found = self.cache.get(key)
        if found is None:
            near = [k for c in self.full[self.of_key[key]] for k in self.keys[c]]
            found = self.cache[key] = frozenset([key, *near, *self.pairs.get(key, ())])
        return found

    def components(self) -> list[set[int]]:
        """Return the keys split into connected components of the similarity graph."""
        found = _Union(len(self.of_key))
        for c, others in enumerate(self.full):
            if others:  # the keys of a class similar to any class are one component
                found.union(*self.keys[c])
            for other in others:
                if other > c:
                    found.union(self.keys[c][0], self.keys[other][0])
        for a, bs in self.pairs.items():
            found.union(a, *bs)
        return found.sets()


class _Union:
    """Disjoint sets of the numbers 0 … n − 1 (union by size, path halving)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x: int) -> int:
        """Return the representative of the set holding `x`."""
        parent = self.parent
        while parent[x] != x:
            parent[x] = x = parent[parent[x]]
        return x

    def union(self, first: int, *others: int) -> None:
        """Join the sets of `first` and of each of `others`."""
        root = self.find(first)
        for other in others:
            top = self.find(other)
            if top == root:
                continue
            if self.size[top] > self.size[root]:
                root, top = top, root
            self.parent[top] = root
            self.size[root] += self.size[top]

    def sets(self) -> list[set[int]]:
        """Return the sets, each with its numbers."""
        out: dict[int, set[int]] = {}
        for x in range(len(self.parent)):
            out.setdefault(self.find(x), set()).add(x)
        return list(out.values())


def _blocks_of(sig: Signature) -> tuple[list[tuple[str, str]], list[str]]:
    """Return the (object, action) blocks of a label and the objects it is compared loosely on.

    Any pair with a score above 0 shares an object and either a table action, the generic
    verb bucket, or has one side without an action; labels without objects but with a verb
    of their own share the block ("", "~").
    """
    objects = sorted(sig.all_objects) or ([""] if sig.verbs else [])
    blocks: list[tuple[str, str]] = []
    loose: list[str] = []
    for obj in objects:
        blocks.extend((obj, action) for action in sig.actions)
        if sig.verbs:
            blocks.append((obj, "~"))
        if not sig.actions and not sig.verbs:
            loose.append(obj)
    return blocks, loose


Shape = tuple[frozenset[str], frozenset[str]]  # the qualifiers and the levels of a label
_SPLIT_FROM = 8  # labels in a block from which it is split by shape before comparing


def _shapes_fit(a: Shape, b: Shape) -> bool:
    """Return True when every qualifier of each side has a partner and the levels agree."""
    (qa, la), (qb, lb) = a, b
    if la and lb and la != lb:
        return False
    in_a, in_b = _matched(qa, qb)
    return len(in_a) == len(qa) and len(in_b) == len(qb)


def _class_scores(
    sigs: list[Signature], low: float, weak: frozenset[str]
) -> dict[tuple[int, int], float]:
    """Return score_pair() ≥ `low` of class pairs compared within blocks only."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_object: dict[str, list[int]] = defaultdict(list)
    loose: list[tuple[int, str]] = []
    for c, sig in enumerate(sigs):
        own, free = _blocks_of(sig)
        for block in own:
            blocks[block].append(c)
        for obj in sorted(sig.all_objects):
            by_object[obj].append(c)
        loose.extend((c, obj) for obj in free)
    scores: dict[tuple[int, int], float] = {}
    seen: set[tuple[int, int]] = set()

    def compare(a: int, b: int) -> None:
        pair = (a, b) if a < b else (b, a)
        if a == b or pair in seen:
            return
        seen.add(pair)
        value = score_pair(sigs[a], sigs[b], weak=weak)
        if value >= low:
            scores[pair] = value

    # One qualifier without a partner costs more than the band below the threshold allows,
    # so (then) only labels whose qualifiers and levels all pair up can reach `low`: a block
    # is split by those, and only fitting parts are compared with each other.
    strict = low > _EXTRA_QUALIFIER
    fitting: dict[tuple[Shape, Shape], bool] = {}
    for members in blocks.values():
        if not strict or len(members) < _SPLIT_FROM:
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    compare(a, b)
            continue
        parts: dict[Shape, list[int]] = defaultdict(list)
        for c in members:
            parts[(sigs[c].qualifiers, sigs[c].levels)].append(c)
        shapes = list(parts.items())
        for i, (shape, alike) in enumerate(shapes):
            for n, a in enumerate(alike):
                for b in alike[n + 1 :]:
                    compare(a, b)
            for other_shape, others in shapes[i + 1 :]:
                key = (shape, other_shape)
                fits = fitting.get(key)
                if fits is None:
                    fits = fitting[key] = _shapes_fit(shape, other_shape)
                if fits:
                    for a in alike:
                        for b in others:
                            compare(a, b)
    for c, obj in loose:
        for other in by_object[obj]:
            compare(c, other)
    return scores


def _similar_keys(
    sigs: list[Signature],
    neighbours: list[set[int]],
    lanes: list[set[str]],
    threshold: float,
    weak: frozenset[str],
) -> _Similar:
    """Return which keys are similar: score ≥ threshold, or near it with evidence around them.

    Evidence for a score within `_BORDER` below the threshold: a shared flow neighbour (the
    steps before or after are the same work), or, within half that band, a shared lane (the
    same role does it).
    """
    classes: dict[tuple[object, ...], int] = {}
    of_key: list[int] = []
    keys: list[list[int]] = []
    for kid, sig in enumerate(sigs):
        ident = (sig.actions, sig.all_objects, sig.levels, sig.residual, sig.topic)
        c = classes.setdefault(ident, len(keys))
        if c == len(keys):
            keys.append([])
        keys[c].append(kid)
        of_key.append(c)
    class_sigs = [sigs[members[0]] for members in keys]
    low = threshold - _BORDER
    scores = _class_scores(class_sigs, low, weak)
    scores.update(
        {(c, c): score_pair(s, s, weak=weak) for c, s in enumerate(class_sigs) if len(keys[c]) > 1}
    )
    sim = _Similar(of_key, keys, [set() for _ in keys], {})
    for (a, b), score in scores.items():
        sim.class_score[(a, b)] = sim.class_score[(b, a)] = score
        if score >= threshold:
            sim.full[a].add(b)
            sim.full[b].add(a)
        elif score >= low:
            for ka in keys[a]:
                for kb in keys[b]:
                    if ka == kb:
                        continue
                    if not neighbours[ka].isdisjoint(neighbours[kb]):
                        evidence = "same neighbouring step"
                    elif score >= threshold - _BORDER / 2 and not lanes[ka].isdisjoint(lanes[kb]):
                        evidence = "same lane"
                    else:
                        continue
                    sim.pairs.setdefault(ka, set()).add(kb)
                    sim.pairs.setdefault(kb, set()).add(ka)
                    sim.evidence[(ka, kb)] = sim.evidence[(kb, ka)] = evidence
    return sim


@dataclass
class _Keys:
    """Distinct label keys of all maps, numbered, with their activities and flow neighbours."""

    ids: dict[Key, int] = field(default_factory=dict)
    sigs: list[Signature] = field(default_factory=list)
    members: list[list[Member]] = field(default_factory=list)
    neighbours: list[set[int]] = field(default_factory=list)
    lanes: list[set[str]] = field(default_factory=list)

    def add(self, sig: Signature) -> int:
        key = _key(sig)
        kid = self.ids.get(key)
        if kid is None:
            kid = self.ids[key] = len(self.sigs)
            self.sigs.append(sig)
            self.members.append([])
            self.neighbours.append(set())
            self.lanes.append(set())
        return kid


def vocabulary(maps: Sequence[ProcessMap], syn: Synonyms) -> frozenset[str]:
    """Return the folded words (3+ letters) of the synonym table and of all task labels.

    German compounds are split into parts found here ("Zulassungsantrag" → zulassung +
    antrag when "Zulassung" appears in another label).
    """
    words: set[str] = set(syn.raw)
    texts: set[str] = set()
    for pmap in maps:
        for data in pmap.nodes.values():
            if data["kind"] == "task":
                texts.add(data["name"])
                if data["object"]:
                    texts.add(data["object"])
    for text in texts:
        words.update(_TOKEN.findall(fold(text)))
    return frozenset(w for w in words if len(w) >= 3)


def _topic(sigs: Iterable[Signature]) -> frozenset[str]:
    """Return what a map is about: the business objects named by two or more of its labels.

    An elliptical label ("Send rejection") takes this as its object, so a refusal sent in a
    vacation process is not matched with one sent in an insurance process.
    """
    counts: Counter[str] = Counter()
    for sig in set(sigs):
        counts.update(sig.objects | (sig.nouns - sig.named_actions))
    return frozenset(word for word, n in counts.items() if n >= 2)


def _collect(maps: Sequence[ProcessMap], syn: Synonyms) -> _Keys:
    """Return the activities grouped by label key; each distinct label is parsed once.

    Long because it is the hot loop of `kit duplicates`: kept in one function so 1,000 maps stay
    fast.
    """
    keys = _Keys()
    seen: dict[tuple[str, str | None], tuple[Signature, int] | None] = {}
    elliptic: dict[tuple[Signature, frozenset[str]], tuple[Signature, int]] = {}
    vocab = vocabulary(maps, syn)
    for pmap in maps:
        loops: dict[str, int] = {}
        for n, comp in enumerate(pmap.components()):
            if len(comp) > 1:
                loops.update(dict.fromkeys(comp, n))
        of_node: dict[str, int] = {}
        tasks: list[tuple[str, dict[str, Any], tuple[Signature, int]]] = []
        for node, data in pmap.nodes.items():
            if data["kind"] != "task":
                continue
            label = (data["name"], data["object"])
            if label in seen:
                known = seen[label]
            else:
                sig = signature(data["name"], syn, obj=data["object"], vocab=vocab)
                known = seen[label] = (sig, keys.add(sig)) if sig.specific else None
            if known is not None:  # generic labels ("prüfen") say nothing alone
                tasks.append((node, data, known))
        topic: frozenset[str] | None = None
        for i, (node, data, known) in enumerate(tasks):
            if not known[0].elliptical:
                continue
            if topic is None:
                topic = _topic(t[2][0] for t in tasks)
            found = elliptic.get((known[0], topic))
            if found is None:
                sig = replace(known[0], topic=topic)
                found = elliptic[(known[0], topic)] = (sig, keys.add(sig))
            tasks[i] = (node, data, found)
        members = keys.members
        lanes = keys.lanes
        map_id = pmap.id
        for node, data, (sig, kid) in tasks:
            of_node[node] = kid
            lane: str | None = data["lane"]
            if lane:
                lanes[kid].add(lane)
            minutes: float | None = data["minutes"]
            per_month: float | None = data["per_month"]
            hours = (  # hours_per_month() inline: tens of thousands of activities
                0.0
                if minutes is None or per_month is None
                else float(minutes) * float(per_month) / 60.0
            )
            members[kid].append(
                Member(
                    map_id,
                    str(node),
                    data["name"],
                    lane,
                    data["system"],
                    hours,
                    sig,
                    loops.get(node),
                )
            )
        neighbours = keys.neighbours
        for src, out in pmap.succ.items():
            a = of_node.get(src)
            if a is None:
                continue
            for dst in out:
                b = of_node.get(dst)
                if b is not None:
                    neighbours[a].add(b)
                    neighbours[b].add(a)
    return keys


@dataclass
class _Cluster:
    keys: set[int]
    fits: frozenset[int]  # the keys similar to every key of the cluster (its own keys included)
    members: list[Member] = field(default_factory=list)
    member_keys: list[int] = field(default_factory=list)
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
        self.member_keys.append(key)
        self.by_map[member.map].append(member)

    def pairs(self, sim: _Similar) -> tuple[Pair, ...]:
        """Return each member after the first (the largest, kept) paired with the first."""
        kept, kept_key = self.members[0], self.member_keys[0]
        out = []
        same = sim.score(kept_key, kept_key)
        for member, key in zip(self.members[1:], self.member_keys[1:], strict=True):
            if key == kept_key:
                score, why = same, "same label"
            else:
                score = sim.score(kept_key, key)
                why = sim.evidence.get((kept_key, key), "same action and object")
                if why != "same action and object":
                    why = f"near the threshold, {why}"
            out.append(Pair(kept, member, score, why))
        return tuple(out)


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
        sig = first.signature
        concepts = sorted(sig.actions | sig.verbs | sig.core_objects | sig.nouns)
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
    sim = _similar_keys(keys.sigs, keys.neighbours, keys.lanes, threshold, syn.weak)
    groups: list[DuplicateGroup] = []
    for component in sim.components():
        members = [(m, k) for k in component for m in keys.members[k]]
        if len(members) < 2:
            continue
        for cluster in _clusters(members, sim):
            if len(cluster.members) > 1:
                groups.append(
                    DuplicateGroup(
                        tuple(cluster.members), _reason(cluster, syn), cluster.pairs(sim)
                    )
                )
    groups.sort(key=lambda g: (-g.avoidable_hours_per_month, g.members[0].map, g.members[0].id))
    return groups
