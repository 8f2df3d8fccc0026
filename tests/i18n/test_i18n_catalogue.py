"""Every message `pybabel extract` finds in kit/ has a German and an English entry, and back.

The extraction uses the project's `babel.cfg` (the same as `pybabel extract -F babel.cfg kit`).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from kit.i18n.translations import LANGUAGES, catalogue_path

REPO = Path(__file__).resolve().parents[2]
Key = tuple[str | None, str]


@cache
def extracted() -> dict[Key, tuple[str, ...] | None]:
    """Return (context, id) -> plural form (or None) of every message found under kit/."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[Key, tuple[str, ...] | None] = {}
    for _file, _line, message, _comments, context in extract_from_dir(
        str(REPO / "kit"), method_map, options_map
    ):
        if isinstance(message, tuple):
            found[(context, message[0])] = tuple(m for m in message[1:] if m)
        elif message:
            found.setdefault((context, message), None)
    return found


def _catalogue(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as file:
        return read_po(file, locale=language, domain="kit")


def _entries(language: str) -> dict[Key, object]:
    return {
        (m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m.string
        for m in _catalogue(language)
        if m.id
    }


def test_extraction_finds_the_messages() -> None:
    assert len(extracted()) > 1000


def test_every_extracted_message_has_a_german_and_an_english_entry() -> None:
    for language in LANGUAGES:
        entries = _entries(language)
        missing = [key for key in extracted() if key not in entries]
        assert missing == [], f"{len(missing)} ids without a {language} entry: {missing[:5]}"
        empty = [key for key, text in entries.items() if not text or text == ("", "")]
        assert empty == [], f"{language} entries without a translation: {empty[:5]}"


def test_no_catalogue_entry_is_unused() -> None:
    found = set(extracted())
    for language in LANGUAGES:
        unused = [key for key in _entries(language) if key not in found]
        assert unused == [], f"{len(unused)} {language} entries no code uses: {unused[:5]}"


def test_plural_messages_are_plural_entries_with_two_forms() -> None:
    plurals = {key for key, plural in extracted().items() if plural}
    assert plurals, "trn(...) calls are found"
    for language in LANGUAGES:
        catalogue = _catalogue(language)
        assert catalogue.plural_forms == "nplurals=2; plural=(n != 1);"
        for context, msgid in plurals:
            entry = catalogue.get(msgid, context=context)
            assert entry is not None and entry.pluralizable, msgid
            assert len(entry.string) == 2 and all(entry.string), msgid


def test_german_entries_keep_the_placeholders_of_their_id() -> None:
    placeholder = re.compile(r"\{(\w+)\}")
    for message in _catalogue("de"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(placeholder.findall(i) for i in ids)) - {"count"}
        found = set().union(*(placeholder.findall(t) for t in texts)) - {"count"}
        # a singular form may say "one" instead of naming the count
        assert found <= wanted and wanted - found <= {"n", "groups", "loops"}, message.id


def test_english_entries_equal_their_ids() -> None:
    for message in _catalogue("en"):
        if message.id:
            assert message.string == message.id, message.id
