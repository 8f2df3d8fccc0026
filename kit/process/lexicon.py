"""Generic German/English word analysis for activity labels: stems, compounds and roles.

Library choice. The Snowball stemmers (`snowballstemmer`, BSD, the Snowball project's own
Python build) give one key per word family in German and English — inflection and the common
derivations ("Prüfung"/"prüfen", "approval"/"approve", "checking"/"check") — and load in a few
milliseconds. simplemma's dictionary lemmas were measured too: its German table takes about 2 s
to load per process on this machine, which alone breaks the 2-second goal of `kit duplicates`
on 1,000 maps; compound-split (charsplit) is GPL-3.0 and imports a 39 MB Python module. German
compounds are therefore split against a vocabulary — the shipped synonym table plus every word
of the maps being compared — choosing the split whose parts are all known words (the
frequency-free form of Koehn & Knight's corpus splitting): "Kundenanruf" → kunden + anruf when
"Kunde" and "Anruf" appear anywhere.

Roles without a tagger, from how activity labels are written (verb-object style):
- German: an infinitive (lower case, -en/-ern/-eln) or a -ung noun is the action; other
  capitalised words are objects; remaining lower-case words (adjectives) are qualifiers.
- English: the first word (imperative) or an -ing form is the action; adjectives (by suffix,
  or a capitalised word inside the label such as "English") are qualifiers; the rest objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

__all__ = ["Word", "analyse_words", "language_of", "split_compound", "word_key"]

_DE = snowballstemmer.stemmer("german")
_EN = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_UMLAUT = re.compile("[äöüß]")
_GERMAN_HINTS = frozenset(
    "der die das den dem des ein eine einen einem einer und oder für fuer von vom zum zur zu "
    "bei auf aus nach wegen über ueber mit im ins an".split()
)
_EN_ADJECTIVE = ("al", "ive", "ous", "ful", "able", "ible", "ic", "ary", "ish", "less", "ary")
_LINKS = ("s", "es", "n", "en", "")
_MIN_PART = 4


@lru_cache(maxsize=65536)
def word_key(token: str, language: str) -> str:
    """Return the Snowball stem of a folded token in 'de' or 'en' (the word-family key)."""
    stemmer = _DE if language == "de" else _EN
    key: str = stemmer.stemWord(token)
    if language == "de" and key.endswith("ung") and len(key) > 6:
        key = key[:-3]  # nominalised action: pruefung → pruef, like pruefen
    return key


def language_of(words: list[str]) -> str:
    """Return 'de' or 'en' for the words of one label as written (original case)."""
    low = [w.lower() for w in words]
    if not _GERMAN_HINTS.isdisjoint(low) or _UMLAUT.search("".join(low)):
        return "de"
    if len(words) >= 2 and words[-1].islower() and words[-1].endswith(("en", "ern", "eln")):
        return "de"  # "Rechnung prüfen": the infinitive comes last
    if len(words) == 1 and words[0][:1].isupper() and words[0].lower().endswith("ung"):
        return "de"
    return "en"


def split_compound(token: str, known: frozenset[str] | set[str]) -> list[str] | None:
    """Return the parts of a folded German compound whose parts are all `known`, or None.

    Parts are at least four letters; a linking s/es/n/en may end a left part. The split with
    the fewest parts wins, then the longest head (the last part names the thing).
    """
    best: list[str] | None = None

    def walk(rest: str, parts: list[str], depth: int) -> None:
        nonlocal best
        if rest in known and len(rest) >= _MIN_PART and parts:
            found = [*parts, rest]
            if best is None or (len(found), -len(rest)) < (len(best), -len(best[-1])):
                best = found
        if depth >= 2:
            return
        for i in range(_MIN_PART, len(rest) - _MIN_PART + 1):
            left = rest[:i]
            for link in _LINKS:
                if link and not left.endswith(link):
                    continue
                base = left[: len(left) - len(link)] if link else left
                if len(base) >= _MIN_PART - 1 and base in known:
                    walk(rest[i:], [*parts, base], depth + 1)
                    break

    if len(token) >= 2 * _MIN_PART:
        walk(token, [], 0)
    return best


class Word:
    """One content word of a label with its role: action, object or qualifier."""

    __slots__ = ("key", "role")

    def __init__(self, key: str, role: str) -> None:
        self.key = key
        self.role = role

    def __repr__(self) -> str:
        return f"Word({self.key!r}, {self.role!r})"


def analyse_words(
    words: Iterable[tuple[str, str, int, bool]],
    language: str,
    *,
    has_action: bool,
    title_case: bool = False,
) -> list[Word]:
    """Return the roles of unknown words as (as written, folded, position, before a noun).

    `has_action` says whether the label already has an action from the synonym table;
    `title_case` that every word is capitalised ("Notify Employee of Refusal"), so capitals
    then say nothing about adjectives.
    """
    out: list[Word] = []
    action_found = has_action
    for written, folded, position, before_noun in words:
        key = word_key(folded, language)
        if language == "de":
            verb_like = folded.endswith(("en", "ern", "eln")) and len(folded) > 4
            if written.islower() and verb_like and not before_noun:
                role = "action"  # "offenen Posten": an adjective before its noun
            elif folded.endswith(("ung", "ungen")) and len(folded) > 6:
                role = "action"
            elif folded.endswith(("ende", "enden", "ender")) and len(folded) > 6:
                role = "qualifier"  # participle adjectives: "Fehlende Unterlagen"
            elif written[:1].isupper():
                role = "object"
            else:
                role = "qualifier"
        else:
            if position == 0:
                role = "action"  # imperative: "Reject customer request"
            elif folded.endswith("ing") and len(folded) > 5 and not action_found:
                role = "action"
            elif (
                position > 0 and not title_case and written[:1].isupper() and not written.isupper()
            ):
                role = "qualifier"  # "certificate of English language"
            elif folded.endswith(_EN_ADJECTIVE) and len(folded) > 5:
                role = "qualifier"
            else:
                role = "object"
        if role == "action":
            action_found = True
        out.append(Word(key, role))
    return out
