"""The engagement.yaml model: loading, validation with key paths, path resolution."""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticKnownError

from kit.errors import ConfigError, Problem
from kit.files import load_yaml
from kit.i18n.markers import ENGAGEMENT_LANGUAGE, Language
from kit.message import msg

__all__ = [
    "Branding",
    "BusinessCaseSettings",
    "DataSources",
    "Engagement",
    "Goal",
    "LedgerSource",
    "Phase",
    "PhaseSchedule",
    "Source",
    "StrategySettings",
    "Team",
    "load_engagement",
    "load_yaml_text",
    "repo_root",
    "require_files",
    "resolve_engagement_dir",
]

ENGAGEMENT_FILE = "engagement.yaml"
MAX_CONFIG_BYTES = 1_000_000
KPI_DIRECTIONS = ("up", "down")


def _iso_currency(value: str) -> str:
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise ValueError("currency must be a three-letter ISO code such as EUR")
    return value


#: A three-letter ISO currency code such as EUR (the ledger's and the hourly cost's currency).
CurrencyCode = Annotated[str, AfterValidator(_iso_currency)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


#: Why a step that needs the ledger's rows refuses tables named in the engine.
NAMED_ONLY = "a ledger named in the engine is read by kit kpis and kit validate only"
#: What to do instead.
NAMED_HINT = "give the ledger as files (path:) for this step"
#: Keys of a source that apply to a table named in the engine (every other key reads a file).
TABLE_KEYS = ("table", "columns", "on_error")


class Source(_Strict):
    """How one ledger file is read and mapped to a canonical table, or which engine table it is.

    Exactly one of `path` (a file) and `table` (`name`, `schema.name` or
    `catalog.schema.name` of a table the KPI engine holds) is given.
    """

    path: Path | None = None
    table: str | None = None
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

    @model_validator(mode="after")
    def _path_or_table(self) -> Self:
        if (self.path is None) == (self.table is None):
            raise ValueError("give either path (a file) or table (a table of the engine), not both")
        if self.table is not None:
            if not self.table.strip() or any(not part.strip() for part in self.table.split(".")):
                raise ValueError(
                    msg("table '{table}' is not a name such as schema.table", table=self.table)
                )
            extra = sorted(self.model_fields_set - set(TABLE_KEYS))
            if extra:
                raise ValueError(
                    msg(
                        "{key} reads a file: a table named in the engine takes only table, "
                        "columns and on_error",
                        key=extra[0],
                    )
                )
        return self

    @property
    def file(self) -> Path:
        """Return the file of a source read from a file; ConfigError for a table of the engine."""
        if self.path is None:
            raise ConfigError(NAMED_ONLY, key="table", value=self.table, hint=NAMED_HINT)
        return self.path

    @field_validator("encoding")
    @classmethod
    def _known_codec(cls, value: str) -> str:
        import codecs

        try:
            codecs.lookup(value)
        except LookupError as exc:
            raise ValueError(
                msg(
                    "unknown encoding '{encoding}' (use e.g. utf-8, cp1252, latin-1)",
                    encoding=value,
                )
            ) from exc
        return value

    @field_validator("columns")
    @classmethod
    def _nfc_headers(cls, value: dict[str, str]) -> dict[str, str]:
        import unicodedata

        # headers are read in NFC form (kit.ingest.plausibility), so the mapping is too
        return {unicodedata.normalize("NFC", k): v for k, v in value.items()}

    @field_validator("fx")
    @classmethod
    def _positive_rates(cls, value: dict[str, float]) -> dict[str, float]:
        for currency, rate in value.items():
            if rate <= 0:
                raise ValueError(msg("fx rate for {currency} must be > 0", currency=currency))
        return value


class LedgerSource(Source):
    """A file of signed line items (ERP export) split into invoices, credit notes and payments.

    `ledgers.md` is the contract; a `preset` supplies every key the user does not give.
    """

    preset: str | None = None
    document_types: dict[str, str] = Field(default_factory=dict)
    sign: Literal["signed", "indicator"] = "signed"
    contains: Literal["all_items", "open_items"] = "all_items"
    extracted_on: date | None = None
    group_rows: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _preset_contains(cls, data: Any) -> Any:
        # What a file holds decides which KPIs exist, so the preset's `contains` counts here.
        if isinstance(data, dict) and isinstance(data.get("preset"), str):
            from kit.ingest.presets import load_preset, preset_names

            if data["preset"] in preset_names() and "contains" not in data:
                contains = load_preset(data["preset"]).get("contains")
                if contains is not None:
                    data = {**data, "contains": contains}
        return data

    @field_validator("preset")
    @classmethod
    def _known_preset(cls, value: str | None) -> str | None:
        from kit.ingest.presets import preset_names

        if value is not None and value not in preset_names():
            raise ValueError(
                msg(
                    "unknown preset '{preset}' (one of {presets})",
                    preset=value,
                    presets=", ".join(preset_names()),
                )
            )
        return value

    @field_validator("document_types")
    @classmethod
    def _known_types(cls, value: dict[str, str]) -> dict[str, str]:
        kinds = ("invoice", "credit_note", "payment", "residual", "other")
        for raw, kind in value.items():
            if kind not in kinds:
                raise ValueError(
                    msg(
                        "document type {raw}: '{kind}' is not one of {kinds}",
                        raw=raw,
                        kind=kind,
                        kinds=", ".join(kinds),
                    )
                )
        return value

    @model_validator(mode="after")
    def _dated(self) -> LedgerSource:
        if self.contains == "open_items" and self.extracted_on is None:
            raise ValueError("contains: open_items needs extracted_on (the date of the export)")
        return self


class DataSources(_Strict):
    """The ledger files of an engagement: invoices (and payments) or one ledger of line items."""

    invoices: Source | None = None
    payments: Source | None = None
    ledger: LedgerSource | None = None
    customers: Source | None = None
    disputes: Source | None = None
    dunning_events: Source | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> DataSources:
        if self.ledger is not None and (self.invoices is not None or self.payments is not None):
            given = " and ".join(
                f"data.{n}" for n in ("invoices", "payments") if getattr(self, n) is not None
            )
            raise ValueError(
                msg(
                    "data.ledger replaces {given}: give either a ledger of line items or "
                    "invoices and payments, not both",
                    given=given,
                )
            )
        if self.ledger is None and self.invoices is None:
            raise ValueError("data needs invoices (and payments) or a ledger of line items")
        named = self.named()
        if named:
            _named_alone(self, named)
        return self

    def named(self) -> list[str]:
        """Return the names of the tables given as tables of the engine (`table:`)."""
        return [name for name, source in self.items() if source.table is not None]

    def items(self) -> list[tuple[str, Source]]:
        """Return (table name, source) for every configured table."""
        names = ("invoices", "payments", "ledger", "customers", "disputes", "dunning_events")
        return [(n, s) for n in names if (s := getattr(self, n)) is not None]


def _named_alone(data: DataSources, named: list[str]) -> None:
    """Refuse a ledger of line items, customers or files next to tables named in the engine."""
    if data.ledger is not None and data.ledger.table is not None:
        raise ValueError(
            "data.ledger reads a file of line items: name invoices and payments as tables instead"
        )
    if data.customers is not None:
        raise ValueError(
            "data.customers is not read next to tables named in the engine: leave it out"
        )
    files = [name for name, _ in data.items() if name not in named]
    if files:
        raise ValueError(
            msg(
                "data.{name} is a file while data.{table} names a table in the engine: name "
                "every table in the engine or give every one as a file",
                name=files[0],
                table=named[0],
            )
        )


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


class PhaseSchedule(_Strict):
    """A rollout phase's id, optional own name, owner and planned dates (end not before start)."""

    id: str
    name: str | None = None
    owner: str | None = None
    start: date | None = None
    end: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start and self.end and self.end < self.start:
            raise ValueError(
                msg(
                    "phase '{phase}' ends ({end}) before it starts ({start})",
                    phase=self.id,
                    end=self.end,
                    start=self.start,
                )
            )
        return self


class Phase(PhaseSchedule):
    """One rollout phase of the plan."""

    exit_criteria: list[str] = Field(default_factory=list)


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


class Plausibility(_Strict):
    """Bounds on ledger amounts (see kit.ingest.plausibility)."""

    max_amount: float = Field(default=1e11, gt=0, le=1e15)  # largest |amount| accepted
    max_overpayment_share: float = Field(default=1.0, ge=0)  # 1.0: an invoice paid twice


class BusinessCaseSettings(_Strict):
    """Inputs of the business case that the ledger does not hold (defaults stated here)."""

    interest_rate: float = Field(default=0.06, ge=0, le=1)  # per year, 0.06 = 6 %
    hourly_cost: float = Field(default=55.0, ge=0)  # fully loaded cost of one hour of work
    currency: CurrencyCode | None = None  # of hourly_cost; the engagement's when not set


class Engagement(_Strict):
    """An engagement: one client's rollout, as described by its engagement.yaml."""

    root: Path = Field(exclude=True)
    client: str
    language: Language = ENGAGEMENT_LANGUAGE
    currency: CurrencyCode = "EUR"
    as_of: date | None = None
    baseline_date: date | None = None
    period_days: int = Field(default=90, gt=0, le=3660)
    goal_days: int = Field(default=45, gt=0)
    #: What runs the KPI aggregates: duckdb (default), numpy (in memory), spark[:MASTER-URL |
    #: :sc://HOST] or a warehouse URL.
    engine: str = "duckdb"
    branding: Branding = Field(default_factory=Branding)
    privacy: Literal["none", "pseudonymise"] = "none"
    #: b2b: CRF medians apply; subscription: receeve's MRR collection benchmark applies.
    business: Literal["b2b", "subscription"] = "b2b"
    data: DataSources
    goals: list[Goal] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    team: Team = Field(default_factory=Team)
    strategy: StrategySettings = Field(default_factory=StrategySettings)
    business_case: BusinessCaseSettings = Field(default_factory=BusinessCaseSettings)
    stakeholders: Path = Path("stakeholders.csv")
    process_maps: Path = Path("process_maps")
    status_log: Path = Path("tracking/status.csv")
    backlog: Path = Path("tracking/backlog.csv")
    synonyms: Path | None = None
    allow_outside: list[str] = Field(default_factory=list)
    plausibility: Plausibility = Field(default_factory=Plausibility)

    @model_validator(mode="after")
    def _open_items_date(self) -> Engagement:
        # An open-items list is read as of its export date unless as_of says otherwise.
        ledger = self.data.ledger
        if ledger is None or ledger.contains != "open_items" or ledger.extracted_on is None:
            return self
        if self.as_of is None:
            object.__setattr__(self, "as_of", ledger.extracted_on)
        elif self.as_of != ledger.extracted_on:
            raise ValueError(
                msg(
                    "as_of {as_of} differs from data.ledger.extracted_on {extracted_on}: an "
                    "open-items list holds that day only",
                    as_of=self.as_of.isoformat(),
                    extracted_on=ledger.extracted_on.isoformat(),
                )
            )
        return self

    @model_validator(mode="after")
    def _named_in_a_warehouse(self) -> Engagement:
        # A table named in the engine must live in an engine that holds tables.
        named = self.data.named()
        if named and self.engine in ("duckdb", "numpy"):
            raise ValueError(
                msg(
                    "data.{table} names a table in the engine, but engine {engine} holds no "
                    "tables: set engine to spark or a warehouse URL such as "
                    "duckdb:///path/to/file.duckdb or postgres://host/db",
                    table=named[0],
                    engine=self.engine,
                )
            )
        return self

    @field_validator("engine")
    @classmethod
    def _engine(cls, value: str) -> str:
        from kit.engines import check_engine

        return check_engine(value)

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


def require_files(engagement: Engagement) -> None:
    """Raise ConfigError when a ledger table is named in the engine (a step that reads files)."""
    named = engagement.data.named()
    if named:
        source = getattr(engagement.data, named[0])
        raise ConfigError(
            NAMED_ONLY, key=f"data.{named[0]}.table", value=source.table, hint=NAMED_HINT
        )


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
        "no engagement.yaml found",
        path=str(candidate),
        hint="give the folder that holds engagement.yaml; `kit new PATH` creates one",
    )


def load_yaml_text(text: str) -> Any:
    """Return the data of a YAML text read safely (see `kit.files.load_yaml`: dates as text)."""
    return load_yaml(text)


def _read_yaml(file: Path) -> dict[str, Any]:
    loaded = load_yaml(file, max_bytes=MAX_CONFIG_BYTES, error=ConfigError)
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
        LedgerSource,
        Branding,
        Goal,
        Phase,
        Team,
        StrategySettings,
        Plausibility,
        BusinessCaseSettings,
    )
    return sorted({name for model in models for name in model.model_fields if name != "root"})


def _problems_from(exc: ValidationError, file: Path, raw: dict[str, Any]) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = ".".join(str(part) for part in err["loc"])
        if err["type"] == "extra_forbidden":
            message: str = msg("unknown key '{key}'", key=str(err["loc"][-1]))
            unknown = str(err["loc"][-1])
            close = [_ALIASES[unknown.lower()]] if unknown.lower() in _ALIASES else []
            close = close or difflib.get_close_matches(unknown, _known_keys(), n=1)
            expected: str | None = (
                msg("'{key}'?", key=close[0])
                if close
                else "one of the keys documented in engagement.yaml"
            )
        elif err["type"] == "missing":
            message = "required key is missing"
            expected = None
        else:
            message = _pydantic_message(err)
            expected = None
        value = err.get("input")
        shown = None if isinstance(value, dict | list) or err["type"] == "missing" else str(value)
        problems.append(Problem(message, path=str(file), key=loc, value=shown, expected=expected))
    return problems


def _pydantic_message(err: Any) -> str:
    """Return a validation error of pydantic as a message id with its values.

    A check of the kit raises ValueError with a message id (kept as it is); a type check of
    pydantic has a message template per error type, filled from the error's context.
    """
    ctx = err.get("ctx") or {}
    if err["type"] == "value_error" and isinstance(ctx.get("error"), ValueError):
        text = ctx["error"].args[0] if ctx["error"].args else ""
        return text if isinstance(text, str) else str(text)
    try:
        template = PydanticKnownError(err["type"], ctx or None).message_template
    except (KeyError, TypeError, ValueError):
        return str(err["msg"])
    # The reason pydantic gives for a date (`day value is outside expected range`) is a message.
    values = {k: msg(str(v)) if k == "error" else str(v) for k, v in ctx.items()}
    return msg(template, **values) if ctx else template


def _check_files(engagement: Engagement, file: Path) -> list[Problem]:
    from kit.containment import check_logo, containment_problems, map_file_problems

    problems = containment_problems(engagement, file)
    if problems:  # nothing outside the folder is even looked at
        return problems
    problems = map_file_problems(engagement, file)
    for name, source in engagement.data.items():
        if source.path is None:
            continue  # a table of the engine: the engine looks it up (kit kpis, kit validate)
        resolved = engagement.resolve(source.path)
        if not resolved.is_file():
            problems.append(
                Problem(
                    "data file not found",
                    path=str(file),
                    key=f"data.{name}.path",
                    value=str(source.path),
                    expected=msg("a file relative to {root}", root=engagement.root),
                )
            )
    logo = engagement.branding.logo
    if logo is not None and not engagement.resolve(logo).is_file():
        problems.append(
            Problem("logo file not found", path=str(file), key="branding.logo", value=str(logo))
        )
    elif logo is not None:
        problems.extend(check_logo(engagement.resolve(logo), file=file))
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
