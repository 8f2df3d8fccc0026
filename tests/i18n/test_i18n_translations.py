"""The gettext catalogues: lookups, plurals, contexts, markers and the record of fallbacks."""

from __future__ import annotations

import pytest

from kit.errors import ConfigError
from kit.i18n import N_, NP_, tr, trn, trp
from kit.i18n.translations import STRICT_ENV, fallbacks, gettext, ngettext, pgettext


def test_german_lookup_plural_and_context() -> None:
    assert gettext("days", "de") == "Tage"
    assert ngettext("in one loop", "in {loops} loops", 1, "de", loops=1) == "in einer Schleife"
    assert ngettext("in one loop", "in {loops} loops", 3, "de", loops=3) == "in 3 Schleifen"
    assert pgettext("report.figure", "Figure", "de") == "Abbildung"
    assert pgettext("col.figure", "Figure", "de") == "Kennzahl"


def test_english_catalogue_has_the_same_ids() -> None:
    assert gettext("days", "en") == "days"
    assert ngettext("in one loop", "in {loops} loops", 2, "en", loops=2) == "in 2 loops"
    assert pgettext("report.figure", "Figure", "en") == "Figure"


def test_tr_fills_placeholders_after_translation() -> None:
    assert tr("Customer {n}", "de", n="07") == "Kunde 07"
    assert tr("Customer {n}", "en", n="07") == "Customer 07"
    assert trn("in one loop", "in {loops} loops", 4, "de", loops=4) == "in 4 Schleifen"
    assert trp("col.figure", "Figure", "en") == "Figure"


def test_markers_return_the_id_and_a_context_id_is_looked_up_with_its_context() -> None:
    assert N_("days") == "days"
    marked = NP_("report.figure", "Figure")
    assert marked == "Figure"
    assert tr(marked, "de") == "Abbildung"
    assert tr("", "de") == ""  # a glossary term without a formula stays empty


def test_an_unknown_language_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        tr("days", "fr")


def test_a_missing_id_falls_back_to_english_and_is_recorded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(STRICT_ENV, raising=False)
    assert gettext("a message no catalogue holds", "de") == "a message no catalogue holds"
    assert ("de", "kit", "a message no catalogue holds") in fallbacks()
    assert ("de", "kit", "days") not in fallbacks()


def test_strict_mode_raises_on_a_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(STRICT_ENV, "1")
    with pytest.raises(LookupError, match="no de translation"):
        tr("another message no catalogue holds", "de")
    assert tr("days", "de") == "Tage"


def test_german_counts_of_one_take_the_singular() -> None:
    from kit.i18n.counts import activities_text, maps_text

    rework = (
        "{hours} hours per month of rework in one loop.",
        "{hours} hours per month of rework in {loops} loops.",
    )
    assert (
        trn(*rework, 1, "de", hours="5", loops=1)
        == "5 Stunden Nacharbeit pro Monat in einer Schleife."
    )
    assert (
        trn(*rework, 2, "de", hours="5", loops=2)
        == "5 Stunden Nacharbeit pro Monat in 2 Schleifen."
    )
    unknown = (
        "One activity has no effort given; it counts as 0 hours.",
        "{count} activities have no effort given; they count as 0 hours.",
    )
    assert (
        trn(*unknown, 1, "de") == "Für eine Aktivität fehlt der Aufwand; sie zählt mit 0 Stunden."
    )
    assert trn(*unknown, 3, "de").startswith("Für 3 Aktivitäten fehlt der Aufwand")
    assert (maps_text(1, "de"), activities_text(1, "de")) == ("1 Prozesslandkarte", "1 Aktivität")
    assert (maps_text(2, "en"), activities_text(2, "en")) == ("2 process maps", "2 activities")


def test_the_compiled_catalogues_the_kit_reads_match_their_po_files() -> None:
    from io import BytesIO

    from babel.messages.mofile import read_mo

    from kit.i18n.translations import DOMAINS, LANGUAGES, compiled, compiled_path

    def entries(data: bytes | None) -> tuple[object, dict[object, object]]:
        assert data is not None
        catalog = read_mo(BytesIO(data))
        return catalog.plural_forms, {
            (m.context, str(m.id)): str(m.string) for m in catalog if m.id
        }

    for language in LANGUAGES:
        for domain in DOMAINS:
            mo = compiled_path(language, domain)
            assert entries(mo.read_bytes()) == entries(compiled(language, domain)), (
                f"{mo.name} ({language}) differs from its .po file: run make catalogues"
            )
