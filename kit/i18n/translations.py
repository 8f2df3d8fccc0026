"""gettext catalogues: English message ids, German and English translations, plurals.

Catalogues are `.po` files in `kit/locale/<language>/LC_MESSAGES/<domain>.po`, read directly
with Babel (no compile step) and cached per process. A message id is the English text with
`{name}` placeholders; the value of a placeholder is filled after translation, so a translator
may move it. A message id missing from a catalogue falls back to the English id and is recorded,
so a test can fail on every fallback a German run met (`fallbacks()`). With the environment
variable `KIT_I18N_STRICT=1` a fallback raises instead (a notebook kernel inherits it, so a test
run of every report fails on the first message without a translation); with
`KIT_I18N_FALLBACK_LOG=<file>` every fallback is also appended to that file, which a test can
read even when the report caught the error.

Call sites pass the English text literally: `tr("Total", language)`, `trn("{n} goal",
"{n} goals", n, language, n=n)`, `trp("aging", "current", language)`. Texts chosen at run time
are dicts of literal ids marked with `N_("...")` (or `NP_("context", "...")`), so `pybabel
extract -F babel.cfg kit` finds every message.
"""

from __future__ import annotations

import gettext as _stdlib_gettext
import os
from datetime import UTC, datetime
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Literal, get_args

from babel.support import Translations

from kit.errors import ConfigError
from kit.i18n.markers import LANGUAGES, N_, NP_, Language, Message

__all__ = [
    "DOMAINS",
    "LANGUAGES",
    "LOCALE_DIR",
    "NP_",
    "N_",
    "Language",
    "Message",
    "catalogue_path",
    "compiled",
    "compiled_path",
    "fallbacks",
    "gettext",
    "ngettext",
    "pgettext",
    "tr",
    "translation",
    "trn",
    "trp",
    "write_compiled",
]

STRICT_ENV = "KIT_I18N_STRICT"
FALLBACK_LOG_ENV = "KIT_I18N_FALLBACK_LOG"

#: The catalogue domains: report and CLI wording (`kit`), errors, warnings and hints (`errors`).
Domain = Literal["kit", "errors"]
DOMAINS: tuple[Domain, ...] = get_args(Domain)
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
_FALLBACKS: set[tuple[str, str, str]] = set()


def catalogue_path(language: str, domain: str = "kit") -> Path:
    """Return the `.po` file of `domain` in `language` (it may not exist yet)."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def compiled_path(language: str, domain: str = "kit") -> Path:
    """Return the compiled `.mo` file of `domain` in `language` (`make catalogues` writes it)."""
    return catalogue_path(language, domain).with_suffix(".mo")


def compiled(language: str, domain: str = "kit") -> bytes | None:
    """Return the `.po` file of `domain` in `language` compiled to `.mo` bytes (None: no file)."""
    path = catalogue_path(language, domain)
    if not path.is_file():
        return None
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    raw = path.read_bytes()
    catalog = read_po(BytesIO(raw), locale=language, domain=domain)
    if b"POT-Creation-Date" not in raw:  # else Babel writes the time of compiling into the file
        catalog.creation_date = datetime(1970, 1, 1, tzinfo=UTC)
    out = BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def write_compiled() -> list[Path]:
    """Write the compiled `.mo` file of every catalogue (`make catalogues`); return them."""
    written = []
    for language in LANGUAGES:
        for domain in DOMAINS:
            data = compiled(language, domain)
            if data is not None:
                target = compiled_path(language, domain)
                target.write_bytes(data)
                written.append(target)
    return written


@cache
def translation(language: str, domain: str = "kit") -> _stdlib_gettext.NullTranslations:
    """Return the translations of `domain` in `language`, read once.

    From the compiled `.mo` file (`make catalogues` writes it; a test keeps it equal to the
    `.po` file), else from the `.po` file compiled here (a tenth of a second on every command).
    """
    compiled_file = compiled_path(language, domain)
    data = compiled_file.read_bytes() if compiled_file.is_file() else compiled(language, domain)
    if data is None:
        return _stdlib_gettext.NullTranslations()
    return Translations(BytesIO(data), domain=domain)


def _known(language: str, domain: str, key: str) -> bool:
    found = translation(language, domain)
    messages = getattr(found, "_catalog", {})
    return key in messages or (key, 0) in messages


def _record(language: str, domain: str, key: str) -> None:
    if not _known(language, domain, key):
        _FALLBACKS.add((language, domain, key))
        log = os.environ.get(FALLBACK_LOG_ENV)
        if log:  # a notebook kernel is another process: it appends to the file the test reads
            with Path(log).open("a", encoding="utf-8") as file:
                file.write(f"{language}\t{domain}\t{key.replace(chr(4), ' | ')}\n")
        # Strict for the report and CLI wording; error texts are checked by their own tests
        # (tests/test_error_catalogue.py), and tests build ad-hoc problems freely.
        if os.environ.get(STRICT_ENV) == "1" and domain == "kit":
            shown = key.replace("\x04", " | ")
            raise LookupError(f"no {language} translation in {domain}.po for {shown!r}")


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
    return text.format(**{"count": count, **values})


def fallbacks() -> set[tuple[str, str, str]]:
    """Return (language, domain, message id) of every lookup that fell back to the English id."""
    return set(_FALLBACKS)


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise ConfigError(f"unsupported language '{language}'", key="language", expected="de or en")
    return language


def tr(message: str, language: str, /, **values: object) -> str:
    """Return the report/CLI text `message` (English id) in `language`, placeholders filled.

    An empty message (a glossary term without a formula) stays empty.
    """
    if not message:
        return ""
    context = getattr(message, "context", None)
    if context is not None:
        return trp(context, str(message), language, **values)
    found = translation(_language(language)).gettext(str(message))
    _record(language, "kit", str(message))
    return found.format(**values) if values else found


def trp(context: str, message: str, language: str, /, **values: object) -> str:
    """Return `message` in `language` where the same English text has several meanings."""
    found = translation(_language(language)).pgettext(context, message)
    _record(language, "kit", f"{context}\x04{message}")
    return found.format(**values) if values else found


def trn(singular: str, plural: str, count: int, language: str, /, **values: object) -> str:
    """Return the singular or plural form for `count` in `language`; `{count}` is filled too."""
    found = translation(_language(language)).ngettext(singular, plural, count)
    _record(language, "kit", singular)
    return found.format(**{"count": count, **values})
