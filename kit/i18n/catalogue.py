"""Message catalogue for every word the kit writes, in German and English.

Catalogues are YAML files in `kit/i18n/messages/`, one per domain, mapping a dotted key to
`{de: ..., en: ...}`. Texts may hold `{name}` placeholders filled with `str.format`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from kit.errors import ConfigError
from kit.files import load_yaml
from kit.message import msg

__all__ = ["LANGUAGES", "Language", "catalogue", "t"]

#: A report language: every word the kit writes exists in German and English.
Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
_MESSAGES = Path(__file__).parent / "messages"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Return every message of every catalogue file: key -> {language: text}."""
    merged: dict[str, dict[str, str]] = {}
    for file in sorted(_MESSAGES.glob("*.yaml")):
        loaded: Any = load_yaml(file) or {}
        for key, texts in loaded.items():
            if key in merged:
                raise ConfigError("message key defined twice", path=file, key=str(key))
            merged[str(key)] = {str(lang): str(text) for lang, text in texts.items()}
    return merged


def t(key: str, language: str, /, **values: object) -> str:
    """Return the message `key` in `language` ("de" or "en"), placeholders filled from `values`."""
    if language not in LANGUAGES:
        raise ConfigError(
            msg("unsupported language '{language}'", language=language),
            key="language",
            expected="de or en",
        )
    texts = catalogue().get(key)
    if texts is None:
        raise KeyError(f"no message '{key}' in the catalogue")
    text = texts[language]
    return text.format(**values) if values else text
