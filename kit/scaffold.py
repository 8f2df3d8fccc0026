"""`kit new`: create an engagement folder from templates/engagement/."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path
from string import Template

from kit.engagement import repo_root
from kit.errors import ConfigError

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
            f"unsupported language '{language}'", key="--language", expected="de or en"
        )
    target = path.resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ConfigError(
            "the folder exists and is not empty",
            path=target,
            hint="choose a new folder; `kit new` never overwrites an engagement",
        )
    name = (client or target.name).strip()
    if not name:
        raise ConfigError("the client name is empty", key="--client")
    when = today or date.today()
    values = {
        # json.dumps yields a double-quoted string that is valid YAML, whatever the name holds
        "client": json.dumps(name, ensure_ascii=False),
        "today": when.isoformat(),
        "deadline": date(when.year + 1, when.month, min(when.day, 28)).isoformat(),
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
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
        text = (TEMPLATE_DIR / f"engagement.{language}.yaml").read_text(encoding="utf-8")
        (staging / "engagement.yaml").write_text(
            Template(text).substitute(values), encoding="utf-8"
        )
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
