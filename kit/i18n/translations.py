"""gettext catalogues: English message ids, German and English translations, plurals.

Catalogues are `.po` files in `kit/locale/<language>/LC_MESSAGES/<domain>.po`, read directly
with Babel (no compile step) and cached per process. A message id is the English text with
`{name}` placeholders; the value of a placeholder is filled after translation, so a translator
may move it. A message id missing from a catalogue falls back to the English id and is recorded,
so a test can fail on every fallback a German run met (`fallbacks()`).
"""

from __future__ import annotations

import gettext as _stdlib_gettext
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Literal, get_args

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

__all__ = [
    "DOMAINS",
    "LOCALE_DIR",
    "catalogue_path",
    "fallbacks",
    "gettext",
    "ngettext",
    "pgettext",
    "translation",
]

#: The catalogue domains: report and CLI wording (`kit`), errors, warnings and hints (`errors`).
Domain = Literal["kit", "errors"]
DOMAINS: tuple[Domain, ...] = get_args(Domain)
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
_FALLBACKS: set[tuple[str, str, str]] = set()


def catalogue_path(language: str, domain: str = "kit") -> Path:
    """Return the `.po` file of `domain` in `language` (it may not exist yet)."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


@cache
def translation(language: str, domain: str = "kit") -> _stdlib_gettext.NullTranslations:
    """Return the translations of `domain` in `language`, read from its `.po` file once."""
    path = catalogue_path(language, domain)
    if not path.is_file():
        return _stdlib_gettext.NullTranslations()
    with path.open("rb") as file:
        catalog = read_po(file, locale=language, domain=domain)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=domain)


def _known(language: str, domain: str, key: str) -> bool:
    found = translation(language, domain)
    messages = getattr(found, "_catalog", {})
    return key in messages or (key, 0) in messages


def _record(language: str, domain: str, key: str) -> None:
    if not _known(language, domain, key):
        _FALLBACKS.add((language, domain, key))


def gettext(message: str, language: str, /, *, domain: str = "kit", **values: object) -> str:
    """Return `message` in `language`, its `{placeholders}` filled from `values`."""
    _record(language, domain, message)
    text = translation(language, domain).gettext(message)
    return text.format(**values) if values else text


def pgettext(
    context: str, message: str, language: str, /, *, domain: str = "kit", **values: object
) -> str:
    """Return `message` in `language` where the same English text has several meanings."""
    _record(language, domain, f"{context}\x04{message}")
    text = translation(language, domain).pgettext(context, message)
    return text.format(**values) if values else text


def ngettext(
    singular: str,
    plural: str,
    count: int,
    language: str,
    /,
    *,
    domain: str = "kit",
    **values: object,
) -> str:
    """Return the singular or plural form for `count` in `language`; `{count}` is filled too."""
    _record(language, domain, singular)
    text = translation(language, domain).ngettext(singular, plural, count)
    return text.format(count=count, **values)


def fallbacks() -> set[tuple[str, str, str]]:
    """Return (language, domain, message id) of every lookup that fell back to the English id."""
    return set(_FALLBACKS)
