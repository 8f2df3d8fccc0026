"""Label normalisation: folding, stop words, stemming, compound splitting and domain concepts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

from kit.errors import ProcessMapError
from kit.files import load_yaml
from kit.process.lexicon import analyse_words, language_of, split_compound, word_key

__all__ = ["Signature", "Synonyms", "fold", "load_synonyms", "signature", "stem"]

_SHIPPED = Path(__file__).with_name("synonyms.yaml")
_CATEGORIES = ("actions", "objects", "channels", "levels")
_SUFFIXES = ("ungen", "ung", "ieren", "ing", "en", "er", "es", "ed", "e", "s", "n")
_LINKS = ("s", "es", "n", "en")
_TOKEN = re.compile(r"[a-z0-9]+")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text: str) -> str:
    """Return `text` in lower case with umlauts folded (ä→ae, ß→ss) and accents removed."""
    low = text.lower().translate(_UMLAUTS)
    if not low.isascii():
        low = unicodedata.normalize("NFKD", low)
        low = "".join(c for c in low if not unicodedata.combining(c))
    return low.replace("e-mail", "email")


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """Return a crude German/English stem of a folded token (suffixes removed, min. 4 letters)."""
    while True:
        for suffix in _SUFFIXES:
            if token.endswith(suffix) and len(token) - len(suffix) >= 4:
                token = token[: -len(suffix)]
                break
        else:
            return token


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


@dataclass(frozen=True)
class Synonyms:
    """Word → concept tables built from one or more synonym files."""

    raw: dict[str, frozenset[str]]
    stemmed: dict[str, frozenset[str]]
    phrases: dict[tuple[str, ...], frozenset[str]]
    kind: dict[str, str]  # concept id -> actions | objects | channels | levels
    weak: frozenset[str]
    ignore: frozenset[str]
    max_phrase: int = 1
    # token -> compound parts found in the table (or None), filled as labels are read
    splits: dict[str, list[frozenset[str]] | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    def lookup(self, token: str) -> frozenset[str] | None:
        """Return the concepts of one folded token, or None when the word is unknown."""
        hit = self.raw.get(token)
        if hit is None:
            hit = self.stemmed.get(stem(token))
        return hit


def _read(path: Path) -> dict[str, Any]:
    loaded = load_yaml(path, error=ProcessMapError, syntax="cannot read synonym file")
    if not isinstance(loaded, dict):
        raise ProcessMapError(
            "synonym file must be a mapping", path=path, expected="keys actions, objects, …"
        )
    for key in _CATEGORIES:
        section = loaded.get(key, {}) or {}
        if not isinstance(section, dict) or not all(isinstance(v, list) for v in section.values()):
            raise ProcessMapError(
                "synonym section must map a concept id to a list of words",
                path=path,
                key=key,
                expected="CONCEPT: [word, word]",
            )
    return loaded


def _build(files: tuple[Path, ...]) -> Synonyms:
    raw: dict[str, set[str]] = {}
    stems: dict[str, set[str]] = {}
    exact_stem: dict[str, bool] = {}
    phrases: dict[tuple[str, ...], set[str]] = {}
    kind: dict[str, str] = {}
    weak: set[str] = set()
    ignore: set[str] = set()
    for path in files:
        data = _read(path)
        for category in _CATEGORIES:
            for concept, words in (data.get(category) or {}).items():
                kind[str(concept)] = category
                for word in words:
                    toks = tuple(_tokens(str(word)))
                    if len(toks) > 1:
                        key = tuple(stem(t) for t in toks)
                        phrases.setdefault(key, set()).add(str(concept))
                    elif toks:
                        tok = toks[0]
                        raw.setdefault(tok, set()).add(str(concept))
                        st = stem(tok)
                        is_exact = st == tok
                        if st not in stems or (is_exact and not exact_stem[st]):
                            stems[st] = set()
                            exact_stem[st] = is_exact
                        if is_exact or not exact_stem[st]:
                            stems[st].add(str(concept))
        weak.update(str(w) for w in data.get("weak_objects") or [])
        ignore.update(fold(str(w)) for w in data.get("ignore") or [])
    return Synonyms(
        raw={k: frozenset(v) for k, v in raw.items()},
        stemmed={k: frozenset(v) for k, v in stems.items()},
        phrases={k: frozenset(v) for k, v in phrases.items()},
        kind=kind,
        weak=frozenset(weak),
        ignore=frozenset(ignore),
        max_phrase=max((len(p) for p in phrases), default=1),
    )


@cache
def _cached(files: tuple[Path, ...]) -> Synonyms:
    return _build(files)


def load_synonyms(extra: Path | None = None) -> Synonyms:
    """Return the shipped receivables vocabulary, extended by an engagement's own file."""
    if extra is not None and not Path(extra).is_file():
        raise ProcessMapError(
            "synonym file not found", path=extra, expected="an existing YAML file"
        )
    files = (_SHIPPED,) if extra is None else (_SHIPPED, Path(extra).resolve())
    return _cached(files)


@dataclass(frozen=True)
class Signature:
    """What an activity label says: actions, objects, channel and level qualifiers, other words.

    Concepts of the synonym table are upper-case ids (CHECK, INVOICE); words the table does not
    know keep their Snowball key in `verbs` (generic actions), `nouns` (generic objects) or
    `qualifiers` (adjectives such as "provisional" that tell two objects apart).
    """

    actions: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    weak_objects: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()
    levels: frozenset[str] = frozenset()
    residual: tuple[str, ...] = field(default_factory=tuple)
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    qualifiers: frozenset[str] = frozenset()
    named_actions: frozenset[str] = frozenset()  # actions named as things ("of Approval")
    topic: frozenset[str] = frozenset()  # for elliptical labels: what the map is about

    @cached_property
    def elliptical(self) -> bool:
        """Return True when the label's only object is an action named as a thing.

        "Send confirmation", "Notify Employee of Refusal": what is confirmed or refused is
        the subject of the map, not written in the label (see `topic`).
        """
        return bool(self.named_actions) and not (self.objects | (self.nouns - self.named_actions))

    def subjects(self) -> frozenset[str]:
        """Return what the label is about: its objects, or the map's topic when elliptical."""
        if self.elliptical:
            return self.topic
        return self.objects | (self.nouns - self.named_actions) | self.weak_objects

    @property
    def core_objects(self) -> frozenset[str]:
        """Return the objects that define the work (weak ones only when nothing else is named)."""
        return self.objects or self.weak_objects

    @cached_property
    def all_objects(self) -> frozenset[str]:
        """Return every object the label names: table concepts (weak ones too) and other nouns."""
        return self.objects | self.weak_objects | self.nouns

    @property
    def specific(self) -> bool:
        """Return True when the label says what is worked on (not just "prüfen" or "check")."""
        return bool(self.all_objects or self.verbs)

    def text(self) -> str:
        """Return the concept string: ids and leftover keys, sorted (the comparable form)."""
        parts = sorted({c.lower() for c in self.actions | self.core_objects | self.levels})
        return " ".join(parts + sorted(self.residual))


def _ignored(part: str, syn: Synonyms) -> frozenset[str] | None:
    """Return an empty concept set for a filler word of 4+ letters inside a compound."""
    return frozenset() if len(part) > 3 and part in syn.ignore else None


def _split(token: str, syn: Synonyms, depth: int = 0) -> list[frozenset[str]] | None:
    """Split a German compound into known parts (Kundenanruf → kunde + anruf), or None."""
    if depth > 2 or len(token) < 7:
        return None
    for i in range(3, len(token) - 2):
        left, right = token[:i], token[i:]
        right_hit = syn.lookup(right) or (
            frozenset() if len(right) > 3 and right in syn.ignore else None
        )
        right_parts = [right_hit] if right_hit is not None else _split(right, syn, depth + 1)
        if right_parts is None:
            continue
        left_hit = syn.lookup(left) or (
            frozenset() if len(left) > 3 and left in syn.ignore else None
        )
        if left_hit is None:
            for link in _LINKS:
                if left.endswith(link) and len(left) - len(link) >= 3:
                    left_hit = syn.lookup(left[: -len(link)])
                    if left_hit is not None:
                        break
        if left_hit is not None:
            return [left_hit, *right_parts]
    return None


_WRITTEN = re.compile(r"[\w-]+", re.UNICODE)
_UNSPLIT: list[frozenset[str]] = []  # marks a token not looked up in `Synonyms.splits` yet
_WHEN_EN = frozenset({"before", "after", "prior", "until", "once", "when"})


def _named_action(key: str, syn: Synonyms) -> str:
    """Return the table action a noun names ("confirmation" → APPROVE), else the noun's key.

    A nominalised action is the same thing whichever word family it is written in: the
    confirmation sent, the approval notified, the "Bestätigung" are one object.
    """
    if key.endswith(("er", "or")):
        return key  # a person: "approver", "Prüfer"
    hit = syn.lookup(key)
    if hit and len(hit) == 1 and all(syn.kind[c] == "actions" for c in hit):
        return next(iter(hit))
    return key


@lru_cache(maxsize=65536)
def _word_tokens(word: str) -> tuple[str, ...]:
    """Return the folded tokens of one written word (words repeat across labels)."""
    return tuple(_TOKEN.findall(fold(word)))


def _written_tokens(label: str) -> list[tuple[str, str]]:
    """Return (word as written, folded token) pairs; folding may split a word ("E-Mail")."""
    return [(word, tok) for word in _WRITTEN.findall(label) for tok in _word_tokens(word)]


@lru_cache(maxsize=65536)
def _compound(token: str, vocab: frozenset[str]) -> tuple[str, ...] | None:
    """Return `split_compound(token, vocab)` as a tuple (cached: tokens repeat across labels)."""
    parts = split_compound(token, vocab)
    return None if parts is None else tuple(parts)


def signature(
    label: str, syn: Synonyms, *, obj: str | None = None, vocab: frozenset[str] | None = None
) -> Signature:
    """Return the concepts of an activity label (plus its `object` field) for matching.

    Words of the synonym table become its concepts; German compounds are split against the
    table, then against `vocab` (every folded word of the maps compared); other words get a
    role (action, object, qualifier) and a Snowball key from `kit.process.lexicon`.

    Long because it is the hot path of `kit duplicates` (one call per distinct label) and the
    matching steps depend on each other's results.
    """
    pairs = _written_tokens(label)
    language = language_of([w for w, _ in pairs])
    if language == "en":  # "Check credit limit before order release": the rest is when
        cut = next((n for n, (_, t) in enumerate(pairs) if n and t in _WHEN_EN), len(pairs))
        pairs = pairs[:cut]
    toks = [t for _, t in pairs]
    stems = [stem(t) for t in toks]
    found: list[frozenset[str]] = []
    unknown: list[tuple[str, str, int, bool]] = []
    modifiers: list[str] = []  # leading parts of a compound: objects
    single: list[tuple[int, str, int]] = []  # (content position, token, index in found)
    content = 0  # position among the words that are not ignored
    i = 0
    while i < len(toks):
        for size in range(min(syn.max_phrase, len(toks) - i), 1, -1):
            hit = syn.phrases.get(tuple(stems[i : i + size]))
            if hit is not None:
                found.append(hit)
                i += size
                content += 1
                break
        else:
            written, tok = pairs[i]
            i += 1
            known = syn.lookup(tok)
            if known is not None:
                single.append((content, tok, len(found)))
                found.append(known)
                content += 1
                continue
            if tok in syn.ignore or tok.isdigit():
                continue
            position = content
            content += 1
            parts = syn.splits.get(tok, _UNSPLIT)
            if parts is _UNSPLIT:
                parts = syn.splits[tok] = _split(tok, syn)
            if parts is not None:
                found.extend(parts)
                continue
            before_noun = i < len(pairs) and pairs[i][0][:1].isupper()
            pieces = _compound(tok, vocab) if vocab and language == "de" else None
            if pieces is None:
                unknown.append((written, tok, position, before_noun))
                continue
            for n, piece in enumerate(pieces):
                hit = syn.lookup(piece)
                if hit is not None:
                    found.append(hit)
                elif n < len(pieces) - 1:
                    modifiers.append(word_key(piece, language))  # "Zulassungs|bescheid"
                elif piece not in syn.ignore:
                    unknown.append((written, piece, position, False))
    if language == "en":
        # Verb-object style: the first word is the action, so a later word the table reads as
        # an action is a noun here ("Assign approver", "Reject customer request").
        first_is_action = any(p == 0 for _, _, p, _ in unknown) or any(
            p == 0 and any(syn.kind[c] == "actions" for c in found[k]) for p, _, k in single
        )
        if first_is_action:
            for p, tok, k in single:
                if p > 0 and found[k] and all(syn.kind[c] == "actions" for c in found[k]):
                    if tok.endswith(("er", "or")):
                        modifiers.append(word_key(tok, language))  # a person: "Assign Approver"
                    else:
                        modifiers.extend(found[k])  # the action named as a thing: "of Approval"
                    found[k] = frozenset()
    concepts: dict[str, set[str]] = {c: set() for c in _CATEGORIES}
    for hit in found:
        for concept in hit:
            concepts[syn.kind[concept]].add(concept)
    title_case = all(w[:1].isupper() for w, t in pairs if t not in syn.ignore and w[:1].isalpha())
    words = analyse_words(
        unknown, language, has_action=bool(concepts["actions"]), title_case=title_case
    )
    verbs = {w.key for w in words if w.role == "action"}
    nouns = {_named_action(w.key, syn) for w in words if w.role == "object"} | set(modifiers)
    named = frozenset(n for n in nouns if n in syn.kind and syn.kind[n] == "actions")
    qualifiers = {w.key for w in words if w.role == "qualifier"}
    if obj:
        of_object = signature(obj, syn, vocab=vocab)
        concepts["objects"] |= of_object.objects | of_object.weak_objects
        nouns |= of_object.nouns | of_object.verbs
        qualifiers |= of_object.qualifiers
    objects = concepts["objects"]
    return Signature(
        actions=frozenset(concepts["actions"]),
        objects=frozenset(objects - syn.weak),
        weak_objects=frozenset(objects & syn.weak),
        channels=frozenset(concepts["channels"]),
        levels=frozenset(concepts["levels"]),
        residual=tuple(sorted(verbs | nouns | qualifiers)),
        verbs=frozenset(verbs),
        nouns=frozenset(nouns),
        qualifiers=frozenset(qualifiers),
        named_actions=named,
    )
