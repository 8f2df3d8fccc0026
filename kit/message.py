"""Messages as ids with parameters, rendered in a language at the edge (errors and report wording).

A message id is the English sentence with `{name}` placeholders (`"file is {size} bytes"`); its
German lives in a gettext domain: `errors` for errors, warnings and hints (`msg`, `plural`), `kit`
for report wording that domain functions return as data (`wording`, `wording_plural`), both in
`kit/locale/<language>/LC_MESSAGES/<domain>.po`. A `Msg` is a `str` whose value is the English
sentence, so logs, `str(error)` and comparisons in tests read English, while `render(text,
language)` makes the sentence in the user's language; the presentation layer calls it with the
report language.

Parameter values are formatted when the sentence is made: an `int` or `float` with the
language's separators (`1,234` / `1.234`; a float with its own decimals, at most three), an
`Amount` with two decimals, a `Figure` with its kind's unit and decimals, a `Day` as the
language writes a date, `Joined` values each in the language, a nested `Msg` in the same
language; any other value (a file's own text, a configuration value) is shown as written, so
pass `str(n)` for a number that must stay literal (a `skiprows:` value, a row number, a byte
offset).
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

Report wording returned by a domain function is written the same way with `wording(...)` (or
`wording_plural(...)`); an id chosen at run time from a dict marked with `N_` is passed as is.
Its entries live in `kit.po` (both languages), where `pybabel extract -F babel.cfg kit` finds
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from kit.i18n.translations import Language

__all__ = [
    "DOMAIN",
    "WORDING",
    "Amount",
    "Day",
    "Figure",
    "Joined",
    "Msg",
    "as_msg",
    "literal",
    "msg",
    "plural",
    "render",
    "wording",
    "wording_plural",
]

#: The gettext domain of errors, warnings and hints.
DOMAIN = "errors"
#: The gettext domain of report and CLI wording.
WORDING = "kit"


@dataclass(frozen=True)
class Amount:
    """An amount of money in a message, shown with two decimals in the message's language."""

    value: float


@dataclass(frozen=True)
class Figure:
    """A figure in a message, shown in the message's language as `kit.i18n.fmt_value` shows it.

    `kind` is days, percent (`12.5` is 12.5 %), hours, count or number; `digits` the decimals
    (None: the kind's own).
    """

    value: float
    kind: str = "number"
    digits: int | None = None


@dataclass(frozen=True)
class Joined:
    """Several values (messages or text) in a message, each in its language, joined by `sep`."""

    parts: tuple[object, ...]
    sep: str = ", "


@dataclass(frozen=True)
class Day:
    """A calendar day in a message, written as the message's language writes dates."""

    value: date


#: Parameter types kept as they are (formatted when rendered); others are kept as their text.
_KEPT = (str, int, float, Amount, Figure, Day, Joined)


class Msg(str):
    """A message id with parameters whose string value is the English sentence.

    `plural_id` (set by `plural()`) is the English plural id; `plural_count` picks the form;
    `domain` names the catalogue (`errors` or `kit`); `context` is the gettext context of an id
    marked with `NP_` (the same English text with several meanings).
    """

    id: str
    params: tuple[tuple[str, object], ...]
    plural_id: str | None
    plural_count: int | None
    domain: str
    context: str | None

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
        domain: str = DOMAIN,
        context: str | None = None,
    ) -> Self:
        # Anything but text, a number or an amount (a path, an exception) is kept as its text,
        # so a message pickles and reads the same in every process.
        values: dict[str, object]
        if all(type(v) is str for _, v in params):  # the common case, checked fast
            values = dict(params)
        else:
            params = tuple((k, v if isinstance(v, _KEPT) else str(v)) for k, v in params)
            # the English value of a nested message is its own English sentence
            values = {k: _english(v) for k, v in params}
        template = id if plural_id is None or count == 1 else plural_id
        if count is not None:
            values.setdefault("count", _shown(count, "en"))
        self = super().__new__(cls, template.format(**values) if values else template)
        self.id = str(id)
        self.params = params
        self.plural_id = plural_id
        self.plural_count = count
        self.domain = domain
        self.context = context if context is not None else getattr(id, "context", None)
        return self

    def render(self, language: Language) -> str:
        """Return the sentence in `language`, parameters formatted for it (empty id: empty)."""
        if not self.id:
            return ""
        from kit.i18n.translations import gettext, ngettext, pgettext, translation

        values = {k: _shown(v, language) for k, v in self.params}
        if self.plural_id is not None and self.plural_count is not None:
            values.pop("count", None)
            # ngettext records a missing translation; the form is filled with the count as
            # formatted for the language (ngettext itself would fill the bare number).
            ngettext(
                self.id, self.plural_id, self.plural_count, language, domain=self.domain, **values
            )
            form = translation(language, self.domain).ngettext(
                self.id, self.plural_id, self.plural_count
            )
            return form.format(**values, count=_shown(self.plural_count, language))
        if self.context is not None:
            return pgettext(self.context, self.id, language, domain=self.domain, **values)
        return gettext(self.id, language, domain=self.domain, **values)

    def __reduce__(self) -> tuple[object, ...]:
        """Return how pickle rebuilds the message (id, parameters, plural form, catalogue)."""
        fields = (self.id, self.params, self.plural_id, self.plural_count)
        return (type(self)._make, (*fields, self.domain, self.context))


def msg(id: str, /, **params: object) -> Msg:
    """Return the message `id` (English with `{placeholders}`) carrying `params`."""
    return Msg(id, **params)


def as_msg(text: str) -> Msg:
    """Return `text` as a message, rendered in the reader's language even inside another one.

    A plain string filling another message's placeholder stays as it is; a message id does not.
    """
    return text if isinstance(text, Msg) else msg(text)


def plural(singular: str, plural_id: str, count: int, /, **params: object) -> Msg:
    """Return a message whose form follows `count` (`{count}` is filled too), via ngettext."""
    return Msg._make(singular, tuple(params.items()), plural_id, count)


def wording(id: str, /, **params: object) -> Msg:
    """Return the report wording `id` (English with `{placeholders}`, domain `kit`) with `params`.

    An empty id (a glossary term without a formula) stays empty when rendered; an id marked with
    `NP_` keeps its context.
    """
    return Msg._make(id, tuple(params.items()), None, None, WORDING)


def wording_plural(singular: str, plural_id: str, count: int, /, **params: object) -> Msg:
    """Return report wording whose form follows `count` (`{count}` is filled too)."""
    return Msg._make(singular, tuple(params.items()), plural_id, count, WORDING)


def _english(value: object) -> object:
    """Return a parameter value as the English sentence shows it (a message: its own value)."""
    if isinstance(value, Msg):
        return str(value)
    if isinstance(value, Joined):
        return value.sep.join(str(_english(part)) for part in value.parts)
    return _shown(value, "en")


def _shown(value: object, language: Language) -> object:
    """Return a parameter value as shown in `language` (numbers with its separators)."""
    if isinstance(value, Msg):
        english = language == "en" and value.domain == DOMAIN  # error ids are their English
        return str(value) if english else value.render(language)
    if isinstance(value, Joined):
        return value.sep.join(str(_shown(part, language)) for part in value.parts)
    if isinstance(value, str) or isinstance(value, bool) or value is None:
        return value if not isinstance(value, bool) else str(value)
    return _number(value, "de" if language == "de" else "en")


def _number(value: object, language: Language) -> object:
    """Return an int, float or Amount with the separators of `language`; anything else as is."""
    from babel.numbers import format_decimal

    from kit.i18n.format import fmt_date, fmt_number, fmt_value, locale_of

    if isinstance(value, Amount):
        return fmt_number(value.value, language, digits=2)
    if isinstance(value, Figure):
        return fmt_value(value.value, value.kind, language, digits=value.digits)
    if isinstance(value, Day):
        return fmt_date(value.value, language)
    if isinstance(value, int):
        return fmt_number(value, language, digits=0)
    if isinstance(value, float):  # as many decimals as it has, at most three
        return format_decimal(value, format="#,##0.###", locale=locale_of(language))
    return value


def render(text: str | None, language: Language) -> str:
    """Return `text` (a `Msg`, or a message id without parameters) in `language`; empty stays."""
    if not text:
        return ""
    if isinstance(text, Msg):
        return text.render(language) if text.id else ""
    from kit.i18n.translations import gettext

    return gettext(text, language, domain=DOMAIN)


def literal(text: str) -> Msg:
    """Return text shown as written in every language (a list of the file's own column names)."""
    return Msg("{text}", text=text)
