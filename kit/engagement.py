"""The engagement.yaml model: loading, validation with key paths, path resolution."""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kit.errors import ConfigError, Problem, read_utf8_text

__all__ = [
    "Branding",
    "DataSources",
    "Engagement",
    "Goal",
    "Phase",
    "Source",
    "StrategySettings",
    "Team",
    "load_engagement",
    "load_yaml_text",
    "repo_root",
    "resolve_engagement_dir",
]

ENGAGEMENT_FILE = "engagement.yaml"
MAX_CONFIG_BYTES = 1_000_000
KPI_DIRECTIONS = ("up", "down")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """How one ledger file is read and mapped to a canonical table."""

    path: Path
    format: Literal["csv", "xlsx", "parquet"] | None = None
    sep: str | None = None
    decimal: str = "."
    thousands: str | None = None
    encoding: str = "utf-8"
    date_format: str | None = None
    dayfirst: bool = False
    sheet: str | int = 0
    skiprows: int = Field(default=0, ge=0)
    columns: dict[str, str] = Field(default_factory=dict)
    values: dict[str, dict[str, Any]] = Field(default_factory=dict)
    filter: dict[str, list[Any]] = Field(default_factory=dict)
    fx: dict[str, float] = Field(default_factory=dict)
    on_error: Literal["fail", "skip"] = "fail"

    @field_validator("encoding")
    @classmethod
    def _known_codec(cls, value: str) -> str:
        import codecs

        try:
            codecs.lookup(value)
        except LookupError as exc:
            raise ValueError(
                f"unknown encoding '{value}' (use e.g. utf-8, cp1252, latin-1)"
            ) from exc
        return value

    @field_validator("fx")
    @classmethod
    def _positive_rates(cls, value: dict[str, float]) -> dict[str, float]:
        for currency, rate in value.items():
            if rate <= 0:
                raise ValueError(f"fx rate for {currency} must be > 0")
        return value


class DataSources(_Strict):
    """The ledger files of an engagement; only invoices are required."""

    invoices: Source
    payments: Source | None = None
    customers: Source | None = None
    disputes: Source | None = None
    dunning_events: Source | None = None

    def items(self) -> list[tuple[str, Source]]:
        """Return (table name, source) for every configured table."""
        names = ("invoices", "payments", "customers", "disputes", "dunning_events")
        return [(n, s) for n in names if (s := getattr(self, n)) is not None]


class Branding(_Strict):
    """What the client sees on every report."""

    logo: Path | None = None
    primary_color: str = "#0b5394"
    consultant: str | None = None
    consultancy: str | None = None

    @field_validator("primary_color")
    @classmethod
    def _hex_colour(cls, value: str) -> str:
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError("primary_color must be a colour like '#0b5394'")
        return value


class Goal(_Strict):
    """A measurable target on one KPI."""

    kpi: str
    target: float
    direction: Literal["up", "down"]
    deadline: date
    statement: str | None = None
    owner: str | None = None


class Phase(_Strict):
    """One rollout phase of the plan."""

    id: str
    name: str | None = None
    owner: str | None = None
    start: date | None = None
    end: date | None = None
    exit_criteria: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ordered(self) -> Phase:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"phase '{self.id}' ends ({self.end}) before it starts ({self.start})")
        return self


class Team(_Strict):
    """The collection team's capacity."""

    fte: float = Field(default=0.0, ge=0)
    hours_per_fte_month: float = Field(default=140.0, gt=0)


class StrategySettings(_Strict):
    """Settings of the collection strategy step."""

    agency_days_overdue: int = Field(default=90, ge=1)
    agency_min_amount: float = Field(default=0.0, ge=0)
    ladder: Path | None = None
    clustering: bool = False


class Engagement(_Strict):
    """An engagement: one client's rollout, as described by its engagement.yaml."""

    root: Path = Field(exclude=True)
    client: str
    language: Literal["de", "en"] = "de"
    currency: str = "EUR"
    as_of: date | None = None
    baseline_date: date | None = None
    period_days: int = Field(default=90, gt=0, le=3660)
    goal_days: int = Field(default=45, gt=0)
    branding: Branding = Field(default_factory=Branding)
    privacy: Literal["none", "pseudonymise"] = "none"
    #: b2b: CRF medians apply; subscription: receeve's MRR collection benchmark applies.
    business: Literal["b2b", "subscription"] = "b2b"
    data: DataSources
    goals: list[Goal] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    team: Team = Field(default_factory=Team)
    strategy: StrategySettings = Field(default_factory=StrategySettings)
    stakeholders: Path = Path("stakeholders.csv")
    process_maps: Path = Path("process_maps")
    status_log: Path = Path("tracking/status.csv")
    backlog: Path = Path("tracking/backlog.csv")
    synonyms: Path | None = None

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Z]{3}", value):
            raise ValueError("currency must be a three-letter ISO code such as EUR")
        return value

    @field_validator("client")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("client must not be empty")
        return value

    def resolve(self, path: Path) -> Path:
        """Return a path of engagement.yaml resolved against the engagement folder."""
        return path if path.is_absolute() else self.root / path

    @property
    def output_dir(self) -> Path:
        """Return the folder that holds runs/ and reports/."""
        return self.root / "output"


def repo_root() -> Path:
    """Return the folder that holds the kit package (the repository root in a checkout)."""
    return Path(__file__).resolve().parent.parent


def resolve_engagement_dir(path: str | Path) -> Path:
    """Return the engagement folder for a folder or engagement.yaml path.

    Relative paths are tried against the working directory first, then the repository root, so
    notebooks run from any folder find `data/samples/acme-gmbh`.
    """
    candidate = Path(path)
    options = (
        [candidate]
        if candidate.is_absolute()
        else [Path.cwd() / candidate, repo_root() / candidate]
    )
    for option in options:
        if option.is_file() and option.name.endswith((".yaml", ".yml")):
            return option.parent.resolve()
        if (option / ENGAGEMENT_FILE).is_file():
            return option.resolve()
    raise ConfigError(
        f"no {ENGAGEMENT_FILE} found",
        path=str(candidate),
        hint="give the folder that holds engagement.yaml; `kit new PATH` creates one",
    )


class _Loader(yaml.SafeLoader):
    """Safe YAML; dates stay text so pydantic reports bad ones with their key path."""


_SKIPPED_TAGS = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _SKIPPED_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.2 booleans only: `Ja`, `Yes`, `No`, `on` stay text (value maps use them as keys).
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def load_yaml_text(text: str) -> Any:
    """Return the data of a YAML text read safely (no tags that build objects, dates as text)."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader


def _read_yaml(file: Path) -> dict[str, Any]:
    size = file.stat().st_size
    if size > MAX_CONFIG_BYTES:
        raise ConfigError(f"file is {size} bytes; at most {MAX_CONFIG_BYTES} are read", path=file)
    text = read_utf8_text(file, error=ConfigError, hint="save engagement.yaml as UTF-8")
    try:
        loaded = load_yaml_text(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(
            f"YAML syntax error: {problem}",
            path=file,
            row=row,
            hint="check indentation and quoting near that line; only plain YAML is accepted",
        ) from None
    if loaded is None:
        raise ConfigError(
            "the file is empty", path=file, expected="a mapping with at least 'client' and 'data'"
        )
    if not isinstance(loaded, dict):
        raise ConfigError(
            "top level is not a mapping", path=file, expected="keys such as client, language, data"
        )
    return loaded


# Words consultants write for a key, mapped to the key the kit expects.
_ALIASES = {
    "separator": "sep",
    "seperator": "sep",
    "delimiter": "sep",
    "trennzeichen": "sep",
    "decimal_separator": "decimal",
    "pfad": "path",
    "file": "path",
    "spalten": "columns",
    "mapping": "columns",
    "sprache": "language",
    "kunde": "client",
    "waehrung": "currency",
    "stichtag": "as_of",
    "zeitraum": "period_days",
}


def _known_keys() -> list[str]:
    models: tuple[type[BaseModel], ...] = (
        Engagement,
        DataSources,
        Source,
        Branding,
        Goal,
        Phase,
        Team,
        StrategySettings,
    )
    return sorted({name for model in models for name in model.model_fields if name != "root"})


def _problems_from(exc: ValidationError, file: Path, raw: dict[str, Any]) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = ".".join(str(part) for part in err["loc"])
        if err["type"] == "extra_forbidden":
            message = f"unknown key '{err['loc'][-1]}'"
            unknown = str(err["loc"][-1])
            close = [_ALIASES[unknown.lower()]] if unknown.lower() in _ALIASES else []
            close = close or difflib.get_close_matches(unknown, _known_keys(), n=1)
            expected = (
                f"'{close[0]}'?" if close else "one of the keys documented in engagement.yaml"
            )
        elif err["type"] == "missing":
            message = "required key is missing"
            expected = None
        else:
            message = err["msg"].removeprefix("Value error, ")
            expected = None
        value = err.get("input")
        shown = None if isinstance(value, dict | list) or err["type"] == "missing" else str(value)
        problems.append(Problem(message, path=str(file), key=loc, value=shown, expected=expected))
    return problems


def _check_files(engagement: Engagement, file: Path) -> list[Problem]:
    problems = []
    for name, source in engagement.data.items():
        resolved = engagement.resolve(source.path)
        if not resolved.is_file():
            problems.append(
                Problem(
                    "data file not found",
                    path=str(file),
                    key=f"data.{name}.path",
                    value=str(source.path),
                    expected=f"a file relative to {engagement.root}",
                )
            )
    logo = engagement.branding.logo
    if logo is not None and not engagement.resolve(logo).is_file():
        problems.append(
            Problem("logo file not found", path=str(file), key="branding.logo", value=str(logo))
        )
    ids = [p.id for p in engagement.phases]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem("phase id used twice", path=str(file), key="phases", value=dup))
    return problems


def load_engagement(path: str | Path) -> Engagement:
    """Return the validated Engagement of a folder or engagement.yaml; ConfigError if invalid."""
    root = resolve_engagement_dir(path)
    file = root / ENGAGEMENT_FILE
    raw = _read_yaml(file)
    try:
        engagement = Engagement.model_validate({**raw, "root": root})
    except ValidationError as exc:
        raise ConfigError.from_problems(
            _problems_from(exc, file, raw),
            path=file,
            hint="see the commented engagement.yaml that `kit new` writes for every key",
        ) from None
    problems = _check_files(engagement, file)
    if problems:
        raise ConfigError.from_problems(problems, path=file)
    return engagement
