"""Every error, warning and hint text has a German and an English entry in the `errors` domain.

The message ids are read from the code (`msg(...)`, `plural(...)` and the literal texts given to
`KitError`, `Problem` and `Finding`); a German run of every bad-input and hostile case must not
meet a message that falls back to English.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest
import test_bad_inputs
import test_hostile
from typer.testing import CliRunner

import kit
from kit.cli.app import app
from kit.i18n.translations import fallbacks, translation
from kit.message import DOMAIN

KIT = Path(kit.__file__).parent
CALLS = {"KitError", "ConfigError", "DataError", "ProcessMapError", "ReportError", "Problem"}
TEXT_FIELDS = {"message", "expected", "hint"}


def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def message_ids() -> dict[str, str]:
    """Return every message id written in kit/ with the file that uses it."""
    found: dict[str, str] = {}
    for path in sorted(KIT.rglob("*.py")):
        where = str(path.relative_to(KIT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node)
            texts: list[ast.expr] = []
            if name in ("msg", "Msg", "plural"):
                texts = node.args[:1]  # a plural's entry is keyed by its singular
            elif name in CALLS or name == "Finding":
                positional = node.args[:1]
                if name == "Problem" and len(node.args) > 5:  # Problem(message, ..., expected)
                    positional = [*positional, node.args[5]]
                texts = [*positional, *(k.value for k in node.keywords if k.arg in TEXT_FIELDS)]
            for text in filter(None, map(_text, texts)):
                found.setdefault(text, where)
    return found


def _catalogue(language: str) -> dict[object, str]:
    return dict(getattr(translation(language, DOMAIN), "_catalog", {}))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_code_uses_hundreds_of_message_ids() -> None:
    assert len(message_ids()) > 350


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_message_id_has_an_entry_in_both_languages(language: str) -> None:
    entries = _catalogue(language)
    keys = {k if isinstance(k, str) else k[0] for k in entries}
    missing = {i: where for i, where in message_ids().items() if i not in keys}
    assert not missing, f"no {language} entry in errors.po for: {missing}"


def test_translations_use_the_same_placeholders_as_their_id() -> None:
    wrong = []
    for key, german in _catalogue("de").items():
        if not key:
            continue
        english = key if isinstance(key, str) else key[0]
        if _fields(german) - _fields(english) - {"count"}:
            wrong.append((english, german))
    assert not wrong


def test_english_entries_are_the_ids_themselves() -> None:
    for key, text in _catalogue("en").items():
        if isinstance(key, str) and key:
            assert text == key


def _german(engagement: Path) -> None:
    config = engagement / "engagement.yaml"
    if config.is_file():
        raw = config.read_bytes()
        config.write_bytes(raw.replace(b"language: en", b"language: de"))


def _new_fallbacks(before: set[tuple[str, str, str]]) -> set[str]:
    return {key for lang, domain, key in fallbacks() - before if (lang, domain) == ("de", DOMAIN)}


@pytest.mark.parametrize("case", test_bad_inputs.CASES)
def test_a_german_run_of_a_bad_input_has_no_english_message(case: str, tmp_path: Path) -> None:
    engagement, meta = test_bad_inputs._prepare(case, tmp_path)
    _german(engagement)
    before = fallbacks()
    result = CliRunner().invoke(app, test_bad_inputs._arguments(meta, engagement))
    assert result.exit_code == 2, result.output
    assert not _new_fallbacks(before), result.output


_SLOW = {"run", "publish", "pack"}


@pytest.mark.parametrize("case", test_hostile.CASES)
def test_a_german_run_of_a_hostile_case_has_no_english_message(case: str, tmp_path: Path) -> None:
    engagement, meta = test_hostile._prepare(case, tmp_path)
    if str(meta["command"]) in _SLOW:
        pytest.skip("runs notebooks: its messages are checked by the bad-input cases")
    _german(engagement)
    before = fallbacks()
    result = CliRunner().invoke(app, test_hostile._arguments(meta, engagement, tmp_path))
    assert result.exit_code == meta.get("exit", 2), result.output
    assert not _new_fallbacks(before), result.output
