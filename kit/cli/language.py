"""The language of `kit --help` and of the usage errors, decided before click reads the line.

`cli_language` chooses it:
1. `--language de|en` on the command line;
2. else the engagement of a folder or file named on the command line (its `language:`);
3. else the environment variable KIT_LANGUAGE (`de` or `en`);
4. else the locale: the first of LC_ALL, LC_MESSAGES and LANG that is set, `de…` meaning German;
5. else English.

Three kinds of words follow it:
- the kit's help texts (`help=` of every command and option, the epilog): message ids of kit.po,
  turned into the language on the click objects typer builds for this one command line
  (`translate_help`);
- typer's own messages (help panel titles, the error panel, "Try … for help"): typer marks them
  with the standard `gettext` functions, which read the current gettext domain in the language
  of the LANGUAGE variable; `typer_messages` binds the domain `typer`
  (kit/locale/<language>/LC_MESSAGES/typer.mo) and that variable for the time of the command.
  typer reads some of them once, when `typer.rich_utils` is first imported; they are read again,
  from the same domain, whenever the language is set;
- the usage line and the usage errors of the click copy inside typer, which are English f-strings
  without gettext: `kit.cli.usage` words them again from their fields.
"""

from __future__ import annotations

import gettext
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kit.errors import KitError
from kit.i18n import LANGUAGES, Language, tr
from kit.i18n.markers import ENGAGEMENT_LANGUAGE
from kit.i18n.translations import LOCALE_DIR

if TYPE_CHECKING:
    from typer.core import TyperCommand, TyperGroup

__all__ = [
    "ENV",
    "TYPER_DOMAIN",
    "TYPER_MESSAGES",
    "cli_language",
    "declared_language",
    "default_language",
    "engagement_language",
    "translate_help",
    "typer_messages",
]

#: The gettext domain of typer's own messages.
TYPER_DOMAIN = "typer"
#: The environment variable that chooses the language where no engagement does.
ENV = "KIT_LANGUAGE"
#: The messages typer reads when `typer.rich_utils` is imported: module constant -> message id.
TYPER_MESSAGES = {
    "DEPRECATED_STRING": "(deprecated) ",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}


def _known(value: str | None) -> Language | None:
    return next((lang for lang in LANGUAGES if lang == value), None)


def declared_language(folder: Path) -> Language | None:
    """Return the `language:` of `folder/engagement.yaml`, None when it cannot be read.

    A file that names no language gets the one the engagement loads with (ENGAGEMENT_LANGUAGE).
    """
    from kit.files import load_yaml  # not kit.engagement: `kit duplicates` stays light

    try:
        raw = load_yaml(folder / "engagement.yaml")
    except (KitError, OSError, ValueError):
        return None
    if isinstance(raw, dict) and "language" not in raw:
        return ENGAGEMENT_LANGUAGE
    return _known(raw.get("language") if isinstance(raw, dict) else None)


def engagement_language(path: Path) -> Language | None:
    """Return the language of the engagement `path` belongs to, None when it is in none.

    `path` may be an engagement folder, a file or folder inside one, or the engagement.yaml
    itself: the folders from `path` upward are searched; the first engagement.yaml decides.
    """
    try:
        start = path.resolve()
    except OSError:
        return None
    for folder in (start, *start.parents):
        if (folder / "engagement.yaml").is_file():
            return declared_language(folder) or "en"
    return None


def _option_language(args: Sequence[str]) -> Language | None:
    for i, arg in enumerate(args):
        if arg == "--language" and i + 1 < len(args):
            return _known(args[i + 1])
        if arg.startswith("--language="):
            return _known(arg.partition("=")[2])
    return None


def _named_engagement(args: Sequence[str]) -> Language | None:
    for arg in args:
        if arg.startswith("-") or not arg:
            continue
        path = Path(arg)
        if path.exists():
            found = engagement_language(path)
            if found is not None:
                return found
    return None


def _locale_language() -> Language | None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "de" if value.lower().startswith("de") else None
    return None


def default_language() -> Language:
    """Return the language no option or engagement decides: KIT_LANGUAGE, the locale, else en."""
    return _known(os.environ.get(ENV)) or _locale_language() or "en"


def cli_language(args: Sequence[str]) -> Language:
    """Return the language of the help and usage messages for the command line `args`."""
    return _option_language(args) or _named_engagement(args) or default_language()


def translate_help(command: TyperCommand | TyperGroup, language: Language) -> None:
    """Turn the help texts (message ids) of `command` and its subcommands into `language`."""
    from typer.core import TyperGroup

    command.options_metavar = f"[{tr('OPTIONS', language)}]"
    if isinstance(command, TyperGroup):
        command.subcommand_metavar = tr("COMMAND [ARGS]...", language)
    for attribute in ("help", "short_help", "epilog"):
        text = getattr(command, attribute, None)
        if text:
            setattr(command, attribute, tr(text, language))
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            setattr(param, "help", tr(text, language))  # noqa: B010 - Argument has no typed help
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            translate_help(sub, language)  # type: ignore[arg-type]


def _read_typer_messages() -> None:
    """Read typer's import-time messages again through the gettext domain bound now."""
    module = sys.modules.get("typer.rich_utils")
    if module is None:  # typer reads them on its first import, in the language bound then
        return
    for name, message in TYPER_MESSAGES.items():
        setattr(module, name, gettext.gettext(message))


@contextmanager
def typer_messages(language: Language) -> Iterator[None]:
    """Let typer write its own messages in `language` inside the block."""
    previous_domain = gettext.textdomain()
    previous_language = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(TYPER_DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(TYPER_DOMAIN)
    os.environ["LANGUAGE"] = language
    _read_typer_messages()
    try:
        yield
    finally:
        if previous_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = previous_language
        gettext.textdomain(previous_domain)
        _read_typer_messages()
