"""`kit --help` and the usage errors follow the user's language; typer's messages come from
the `typer` catalogue; the compiled typer.mo matches its .po file."""

from __future__ import annotations

import gettext
from io import BytesIO
from pathlib import Path

import pytest
import typer
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from kit.cli import app
from kit.cli.language import TYPER_DOMAIN, TYPER_MESSAGES, cli_language, typer_messages
from kit.i18n.translations import LOCALE_DIR

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "samples" / "acme-gmbh"  # language: de


@pytest.fixture
def english_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    """A shell with no language preference: no KIT_LANGUAGE, a C locale."""
    for name in ("KIT_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def test_the_language_rule(english_shell: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli_language(["kpis", "/nowhere"]) == "en"
    assert cli_language(["kpis", str(SAMPLE)]) == "de"  # the engagement named on the line
    assert cli_language(["kpis", str(SAMPLE / "data")]) == "de"  # a folder inside it
    assert cli_language(["new", str(SAMPLE), "--language", "en"]) == "en"  # the option first
    assert cli_language(["new", "x", "--language=de"]) == "de"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert cli_language(["--help"]) == "de"
    monkeypatch.setenv("KIT_LANGUAGE", "en")
    assert cli_language(["--help"]) == "en"  # KIT_LANGUAGE before the locale
    assert cli_language(["kpis", str(SAMPLE)]) == "de"  # the engagement before KIT_LANGUAGE
    monkeypatch.setenv("KIT_LANGUAGE", "fr")  # not a kit language: the locale decides
    assert cli_language(["--help"]) == "de"


def test_german_help(english_shell: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIT_LANGUAGE", "de")
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    for german in ("Aufruf: kit [OPTIONEN] BEFEHL", "Optionen", "Befehle", "Tracebacks anzeigen",
                   "Diese Hilfe zeigen und beenden", "Einen Engagement-Ordner anlegen",
                   "Sprache der Hilfe und der Aufruffehler"):  # fmt: skip
        assert german in result.output, german
    for english in ("Usage:", "Options", "Commands", "Show this message", "Scaffold"):
        assert english not in result.output, english
    result = CliRunner().invoke(app, ["kpis", "--help"])
    assert "Argumente" in result.output and "[erforderlich]" in result.output
    assert "Jede Kennzahl der Spezifikation zum Stichtag berechnen" in result.output


def test_english_help_in_an_english_shell(english_shell: None) -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Usage: kit [OPTIONS] COMMAND [ARGS]..." in result.output
    assert "Options" in result.output and "Commands" in result.output
    assert "Show this message and exit." in result.output
    assert "Optionen" not in result.output


@pytest.mark.parametrize(
    ("args", "german"),
    [
        (["kpis", str(SAMPLE), "--bogus"], "Unbekannte Option: --bogus"),
        (["kpis"], "Argument 'engagement' fehlt."),
        (["new", "/nowhere/x", "--language", "fr"], "Ungültiger Wert 'fr' für '--language': "),
        (["run", str(SAMPLE), "--jobs", "0"], "Ungültiger Wert '0' für '--jobs': erlaubt: 1"),
        (["run", str(SAMPLE), "--only", "09"], "'09' ist keiner der Schritte 01, 02"),
        (["kpis", str(SAMPLE), "extra"], "Unerwartete zusätzliche Argumente: extra"),
        (["--debug=yes", "kpis"], "Option '--debug' nimmt keinen Wert."),
        (["bogus"], "Unbekannter Befehl 'bogus'."),
    ],
)
def test_german_usage_errors_keep_exit_code_2(
    english_shell: None, monkeypatch: pytest.MonkeyPatch, args: list[str], german: str
) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert german in " ".join(result.output.split()), result.output
    assert "Fehler" in result.output and "Usage" not in result.output


def test_the_engagement_on_the_line_decides_before_the_shell(
    english_shell: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIT_LANGUAGE", "en")
    result = CliRunner().invoke(app, ["kpis", str(SAMPLE), "--bogus"])
    assert result.exit_code == 2 and "Unbekannte Option: --bogus" in result.output
    english = CliRunner().invoke(app, ["kpis", "/nowhere", "--bogus"])
    assert english.exit_code == 2 and "No such option: --bogus" in english.output


def test_typer_messages_are_restored_after_the_command(english_shell: None) -> None:
    before = gettext.textdomain()
    CliRunner().invoke(app, ["kpis", str(SAMPLE), "--bogus"])
    assert gettext.textdomain() == before
    import typer.rich_utils as rich_utils

    assert rich_utils.OPTIONS_PANEL_TITLE == "Options"
    with typer_messages("de"):
        assert rich_utils.OPTIONS_PANEL_TITLE == "Optionen"
        assert gettext.gettext("Missing command.") == "Befehl fehlt."


def _typer_ids() -> set[str]:
    """Return every message typer marks with gettext (read from its installed sources)."""
    source = Path(typer.__file__).parent
    found = extract_from_dir(
        str(source), [("**.py", "python")], keywords={"_": None, "gettext": None}
    )
    return {message for _file, _line, message, _comments, _context in found}


def test_every_typer_message_has_a_german_and_an_english_entry() -> None:
    ids = _typer_ids()
    assert set(TYPER_MESSAGES.values()) <= ids  # the constants typer reads on import
    for language in ("de", "en"):
        po = LOCALE_DIR / language / "LC_MESSAGES" / f"{TYPER_DOMAIN}.po"
        with po.open("rb") as file:
            catalogue = read_po(file, locale=language)
        entries = {m.id: m.string for m in catalogue if m.id}
        assert ids <= set(entries), sorted(ids - set(entries))
        assert all(entries.values())
        if language == "en":
            assert all(text == key for key, text in entries.items())


def test_the_compiled_typer_catalogue_matches_its_po_file() -> None:
    for language in ("de", "en"):
        folder = LOCALE_DIR / language / "LC_MESSAGES"
        with (folder / f"{TYPER_DOMAIN}.po").open("rb") as file:
            po = {m.id: m.string for m in read_po(file, locale=language) if m.id}
        mo = {
            m.id: m.string
            for m in read_mo(BytesIO((folder / f"{TYPER_DOMAIN}.mo").read_bytes()))
            if m.id
        }
        assert mo == po, "run: pybabel compile -D typer -d kit/locale"


def test_a_bare_path_outside_any_engagement_follows_the_shell(
    english_shell: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere"
    result = CliRunner().invoke(app, ["duplicates", str(missing)])
    assert result.exit_code == 2 and "file or folder not found" in result.output
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    result = CliRunner().invoke(app, ["duplicates", str(missing)])
    assert result.exit_code == 2 and "Datei oder Ordner nicht gefunden" in result.output
    monkeypatch.setenv("KIT_LANGUAGE", "en")  # KIT_LANGUAGE before the locale
    result = CliRunner().invoke(app, ["duplicates", str(missing)])
    assert "file or folder not found" in result.output


def test_an_engagement_that_names_no_language_speaks_its_default(
    english_shell: None, tmp_path: Path
) -> None:
    # engagement.yaml without `language:` loads as German (the model's default): its help and
    # its errors before loading say the same.
    (tmp_path / "engagement.yaml").write_text("client: Beispiel GmbH\n", encoding="utf-8")
    assert cli_language(["kpis", str(tmp_path)]) == "de"
    result = CliRunner().invoke(app, ["kpis", str(tmp_path), "--bogus"])
    assert result.exit_code == 2 and "Unbekannte Option: --bogus" in result.output
