"""The report languages and the markers of message ids, without the catalogues.

Domain packages return data, not sentences: they may name a language (`Language`) and mark a
literal message id chosen at run time (`N_`, `NP_`) so `pybabel extract -F babel.cfg kit` finds
it, but the translation functions (`kit.i18n.translations`) belong to the presentation layer.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["ENGAGEMENT_LANGUAGE", "LANGUAGES", "NP_", "N_", "Language", "Message"]

#: A report language: every word the kit writes exists in German and English.
Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
#: The language of an engagement whose engagement.yaml names none.
ENGAGEMENT_LANGUAGE: Language = "de"


class Message(str):
    """A message id that carries its gettext context (made by `NP_`)."""

    context: str | None = None


def N_(message: str, /) -> str:
    """Return `message` unchanged: marks a literal id looked up later with `tr`."""
    return message


def NP_(context: str, message: str, /) -> str:
    """Return `message` marked with its context; `tr` looks it up with `pgettext`."""
    marked = Message(message)
    marked.context = context
    return marked
