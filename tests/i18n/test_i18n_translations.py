"""The gettext catalogues: lookups, plurals, contexts and the record of fallbacks."""

from __future__ import annotations

from kit.i18n.translations import fallbacks, gettext, ngettext, pgettext


def test_german_lookup_plural_and_context() -> None:
    assert gettext("days", "de") == "Tage"
    assert ngettext("{count} group", "{count} groups", 1, "de") == "1 Gruppe"
    assert ngettext("{count} group", "{count} groups", 3, "de") == "3 Gruppen"
    assert pgettext("aging", "current", "de") == "nicht fällig"


def test_english_catalogue_has_the_same_ids() -> None:
    assert gettext("days", "en") == "days"
    assert ngettext("{count} group", "{count} groups", 2, "en") == "2 groups"
    assert pgettext("aging", "current", "en") == "current"


def test_a_missing_id_falls_back_to_english_and_is_recorded() -> None:
    assert gettext("a message no catalogue holds", "de") == "a message no catalogue holds"
    assert ("de", "kit", "a message no catalogue holds") in fallbacks()
    assert ("de", "kit", "days") not in fallbacks()
