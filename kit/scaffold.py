"""`kit new`: create an engagement folder from templates/engagement/."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from string import Template

from kit.engagement import repo_root
from kit.errors import ConfigError
from kit.files import atomic_directory, load_yaml
from kit.message import msg

__all__ = ["TEMPLATE_DIR", "create_engagement"]

TEMPLATE_DIR = repo_root() / "templates" / "engagement"
_LANGUAGES = ("de", "en")
#: A template file for one language only: NAME.de.EXT / NAME.en.EXT becomes NAME.EXT.
_LANGUAGE_VARIANT = re.compile(r"^(?P<stem>.+)\.(?P<language>de|en)(?P<suffix>\.[^.]+)$")


def create_engagement(
    path: Path, *, client: str | None = None, language: str = "de", today: date | None = None
) -> Path:
    """Create a new engagement folder at `path` and return it; refuses a non-empty folder."""
    if language not in _LANGUAGES:
        raise ConfigError(
            msg("unsupported language '{language}'", language=language),
            key="--language",
            expected="de or en",
        )
    target = _ignored_place(path.resolve())
    _check_parents(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ConfigError(
            "the folder exists and is not empty",
            path=target,
            hint="choose a new folder; `kit new` never overwrites an engagement",
        )
    name = (client or target.name).strip()
    if not name:
        raise ConfigError("the client name is empty", key="--client")
    if any("\udc80" <= ch <= "\udcff" for ch in name):  # bytes the terminal could not decode
        raise ConfigError(
            "the client name is not valid UTF-8 text",
            key="--client",
            value=name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"),
            hint="type the name again in a UTF-8 terminal",
        )
    when = today or date.today()
    values = {
        # json.dumps yields a double-quoted string that is valid YAML, whatever the name holds
        "client": _yaml_string(name),
        "today": when.isoformat(),
        "deadline": date(when.year + 1, when.month, min(when.day, 28)).isoformat(),
    }

    def fill(staging: Path) -> None:
        _copy_templates(staging, language=language)
        text = (TEMPLATE_DIR / f"engagement.{language}.yaml").read_text(encoding="utf-8")
        written = Template(text).substitute(values)
        if load_yaml(written, where=target / "engagement.yaml").get("client") != name:
            raise ConfigError(
                "the client name cannot be written to engagement.yaml", key="--client"
            )
        (staging / "engagement.yaml").write_text(written, encoding="utf-8")

    return atomic_directory(target, fill)


def _copy_templates(staging: Path, *, language: str) -> None:
    """Copy templates/engagement/ into `staging`, keeping the files of `language` only."""
    for source in sorted(TEMPLATE_DIR.rglob("*")):
        relative = source.relative_to(TEMPLATE_DIR)
        if source.is_dir() or relative.name.startswith("engagement."):
            continue
        variant = _LANGUAGE_VARIANT.match(relative.name)
        if variant is not None:  # e.g. LIESMICH.de.md: only in a German engagement
            if variant["language"] != language:
                continue
            relative = relative.with_name(variant["stem"] + variant["suffix"])
        destination = staging / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)


# Characters YAML reads as a line break or does not allow in a document (besides \n, \t):
# written as JSON/YAML escapes so the client name survives a round trip.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _yaml_string(name: str) -> str:
    """Return `name` as a double-quoted YAML scalar that reads back as exactly `name`."""
    quoted = json.dumps(name, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _check_parents(target: Path) -> None:
    """Raise ConfigError when a folder above `target` is a file (the folder cannot be made)."""
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise ConfigError(
                    "a part of the path is a file, not a folder",
                    path=parent,
                    hint="choose a folder that is not below a file",
                )
            return


def _ignored_place(target: Path) -> Path:
    """Return where a new engagement goes: inside the kit's own checkout under engagements/.

    Client ledgers in the repository would be committed by a careless `git add -A`;
    `engagements/` is listed in .gitignore. Outside the checkout the folder is used as given.
    """
    root = repo_root()
    if not (root / ".git").exists() or not target.is_relative_to(root):
        return target
    allowed = root / "engagements"
    if target.is_relative_to(allowed):
        return target
    moved = allowed / target.name
    return moved
