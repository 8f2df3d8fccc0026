"""Error, warning and hint texts as message ids with parameters, rendered in a language at the edge.

A message id is the English sentence with `{name}` placeholders (`"file is {size} bytes"`); its
German lives in the gettext domain `errors` (`kit/locale/<language>/LC_MESSAGES/errors.po`). A
`Msg` is a `str` whose value is the English sentence, so logs, `str(error)` and comparisons in
tests read English, while `render(text, language)` makes the sentence in the user's language.

Parameter values are formatted when the sentence is made: an `int` or `float` with the
language's separators (`1,234` / `1.234`; a float with its own decimals, at most three), an
`Amount` with two decimals, a nested `Msg` in the same language; any other value (a file's own
text, a configuration value) is shown as written, so pass `str(n)` for a number that must stay
literal (a `skiprows:` value, a row number, a byte offset).
A plain `str` given where a message is expected is a message id without parameters.

Writing a new error, warning or hint:

    raise DataError(
        msg("row has {fields} fields but the header has {width}", fields=n, width=width),
        path=path, row=row, expected="one value per column", hint="check `sep`",
    )
    Problem(plural("{count} row left out", "{count} rows left out", n), severity=Severity.WARNING)

never an f-string or `+` (the sentence must stay one id); a text inside another is a parameter
that is itself a `msg(...)`; "did you mean" goes in `suggestion=`. Then add the id with its German
to `kit/locale/de/LC_MESSAGES/errors.po` and, unchanged, to `.../en/...` (`msgstr` = `msgid`;
a plural has `msgid_plural` and `msgstr[0]`/`msgstr[1]`); `tests/test_error_catalogue.py` fails
on an id without both entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from kit.i18n.translations import Language

__all__ = ["DOMAIN", "Amount", "Msg", "literal", "msg", "plural", "render"]

#: The gettext domain of errors, warnings and hints.
DOMAIN = "errors"


@dataclass(frozen=True)
class Amount:
    """An amount of money in a message, shown with two decimals in the message's language."""

    value: float


#: Parameter types kept as they are (formatted when rendered); others are kept as their text.
_KEPT = (str, int, float, Amount)


class Msg(str):
    """A message id with parameters whose string value is the English sentence.

    `plural_id` (set by `plural()`) is the English plural id; `plural_count` picks the form.
    """

    id: str
    params: tuple[tuple[str, object], ...]
    plural_id: str | None
    plural_count: int | None

    def __new__(cls, id: str, /, **params: object) -> Self:
        """Return the message `id` with `params`; its value is the English sentence."""
        return cls._make(id, tuple(params.items()), None, None)

    @classmethod
    def _make(
        cls,
        id: str,
        params: tuple[tuple[str, object], ...],
        plural_id: str | None,
        count: int | None,
    ) -> Self:
        # Anything but text, a number or an amount (a path, an exception) is kept as its text,
        # so a message pickles and reads the same in every process.
        values: dict[str, object]
        if all(type(v) is str for _, v in params):  # the common case, checked fast
            values = dict(params)
        else:
            params = tuple((k, v if isinstance(v, _KEPT) else str(v)) for k, v in params)
            values = {k: _shown(v, "en") for k, v in params}
        template = id if plural_id is None or count == 1 else plural_id
        if count is not None:
            values.setdefault("count", _shown(count, "en"))
        self = super().__new__(cls, template.format(**values) if values else template)
        self.id = id
        self.params = params
        self.plural_id = plural_id
        self.plural_count = count
        return self

    def render(self, language: Language) -> str:
        """Return the sentence in `language`, parameters formatted for it."""
        from kit.i18n.translations import gettext, ngettext, translation

        values = {k: _shown(v, language) for k, v in self.params}
        if self.plural_id is not None and self.plural_count is not None:
            values.pop("count", None)
            # ngettext records a missing translation; the form is filled with the count as
            # formatted for the language (ngettext itself would fill the bare number).
            ngettext(self.id, self.plural_id, self.plural_count, language, domain=DOMAIN, **values)
            form = translation(language, DOMAIN).ngettext(
                self.id, self.plural_id, self.plural_count
            )
            return form.format(**values, count=_shown(self.plural_count, language))
        return gettext(self.id, language, domain=DOMAIN, **values)

    def __reduce__(self) -> tuple[object, ...]:
        """Return how pickle rebuilds the message (id, parameters and plural form)."""
        return (_restore, (self.id, self.params, self.plural_id, self.plural_count))


def _restore(
    id: str,
    params: tuple[tuple[str, object], ...],
    plural_id: str | None,
    count: int | None,
) -> Msg:
    """Return the message pickled with these fields."""
    return Msg._make(id, params, plural_id, count)


def msg(id: str, /, **params: object) -> Msg:
    """Return the message `id` (English with `{placeholders}`) carrying `params`."""
    return Msg(id, **params)


def plural(singular: str, plural_id: str, count: int, /, **params: object) -> Msg:
    """Return a message whose form follows `count` (`{count}` is filled too), via ngettext."""
    return Msg._make(singular, tuple(params.items()), plural_id, count)


def _shown(value: object, language: Language) -> object:
    """Return a parameter value as shown in `language` (numbers with its separators)."""
    if isinstance(value, Msg):
        return value.render(language) if language != "en" else str(value)
    if isinstance(value, str) or isinstance(value, bool) or value is None:
        return value if not isinstance(value, bool) else str(value)
    return _number(value, "de" if language == "de" else "en")


def _number(value: object, language: Language) -> object:
    """Return an int, float or Amount with the separators of `language`; anything else as is."""
    from babel.numbers import format_decimal

    from kit.i18n.format import fmt_number, locale_of

    if isinstance(value, Amount):
        return fmt_number(value.value, language, digits=2)
    if isinstance(value, int):
        return fmt_number(value, language, digits=0)
    if isinstance(value, float):  # as many decimals as it has, at most three
        return format_decimal(value, format="#,##0.###", locale=locale_of(language))
    return value


def render(text: str | None, language: Language) -> str:
    """Return `text` (a `Msg`, or a message id without parameters) in `language`."""
    if text is None:
        return ""
    if isinstance(text, Msg):
        return text.render(language)
    from kit.i18n.translations import gettext

    return gettext(text, language, domain=DOMAIN)


def literal(text: str) -> Msg:
    """Return text shown as written in every language (a list of the file's own column names)."""
    return Msg("{text}", text=text)
