"""Reading and writing the kit's native map forms: YAML (one map per file) and a CSV pair."""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping, Set
from pathlib import Path
from typing import Any

import yaml

from kit.errors import ProcessMapError
from kit.files import atomic_write_text, load_yaml
from kit.message import literal, msg
from kit.process.model import Activity, ProcessMap

__all__ = [
    "ACTIVITY_COLUMNS",
    "FLOW_COLUMNS",
    "parse_number",
    "read_csv_pair",
    "read_rows",
    "read_yaml",
    "write_yaml",
    "yaml_text",
]

ACTIVITY_COLUMNS = (
    "map_id",
    "id",
    "name",
    "lane",
    "system",
    "object",
    "minutes",
    "per_month",
    "kind",
)
FLOW_COLUMNS = ("map_id", "from", "to", "probability")
_ACTIVITY_KEYS = {"id", "name", "lane", "system", "object", "minutes", "per_month", "kind"}
_MAP_KEYS = {"id", "name", "owner", "activities", "flows", "description"}


def parse_number(value: object, *, path: Path, key: str, row: int | None = None) -> float | None:
    """Return a map field as a float (None when blank); refuses text and booleans with the key."""
    kind = type(value)
    if (kind is int or kind is float) and math.isfinite(value):  # type: ignore[arg-type]
        return float(value)  # type: ignore[arg-type]  # the common case: a YAML number
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    not_a_number = ProcessMapError(
        "not a number",
        path=path,
        key=key,
        row=row,
        value=value,
        expected="a number such as 12 or 12.5",
    )
    if isinstance(value, bool):
        raise not_a_number
    if isinstance(value, int | float):
        result = float(value)
    else:
        text = str(value).strip()
        try:
            result = (
                float(text.replace(",", "."))
                if text.count(",") == 1 and "." not in text
                else float(text)
            )
        except ValueError:
            raise not_a_number from None
    if math.isnan(result) or math.isinf(result):
        raise ProcessMapError(
            "not a finite number",
            path=path,
            key=key,
            row=row,
            value=value,
            expected="a number such as 12 or 12.5",
        )
    return result


def _text(value: object) -> str | None:
    if type(value) is str:
        return value.strip() or None
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _activity(raw: Mapping[str, Any], *, path: Path, key: str, row: int | None) -> Activity:
    act_id = _text(raw.get("id"))
    if act_id is None:
        raise ProcessMapError(
            "activity without id", path=path, key=key, row=row, expected="an id such as a1"
        )
    kind = _text(raw.get("kind")) or "task"
    unnamed_ok = ("start", "end", "decision", "wait")  # events and gateways are often unnamed
    name = _text(raw.get("name")) or ("" if kind.lower() in unnamed_ok else None)
    if name is None:
        raise ProcessMapError(
            msg("activity '{activity}' has no name", activity=act_id),
            path=path,
            key=f"{key}.name",
            row=row,
            expected="the activity's label",
        )
    return Activity(
        id=act_id,
        name=name,
        lane=_text(raw.get("lane")),
        system=_text(raw.get("system")),
        object=_text(raw.get("object")),
        minutes=parse_number(raw.get("minutes"), path=path, key=f"{key}.minutes", row=row),
        per_month=parse_number(raw.get("per_month"), path=path, key=f"{key}.per_month", row=row),
        kind=kind.lower(),
        row=row,
    )


#: Largest native YAML map read (bytes); the other YAML limits are those of kit.files.load_yaml.
MAX_MAP_BYTES = 16_000_000


#: The refusal of an unknown key, per part of a map (message ids of the errors catalogue).
_UNKNOWN_KEY = {
    "process map": "unknown key in process map",
    "activity": "unknown key in activity",
}


def _refuse_unknown_keys(
    raw: dict[Any, Any], allowed: Set[str], *, path: Path, what: str, at: str | None = None
) -> None:
    """Refuse (ProcessMapError) the first key of `raw` not in `allowed`, under the key `at`."""
    if raw.keys() <= allowed:  # the common case, without building sets
        return
    unknown = sorted(set(map(str, raw)) - allowed)
    if unknown:
        raise ProcessMapError(
            _UNKNOWN_KEY[what],
            path=path,
            key=unknown[0] if at is None else f"{at}.{unknown[0]}",
            expected=literal(", ".join(sorted(allowed))),
        )


def read_yaml(path: Path) -> ProcessMap:
    """Return the validated map of one native YAML file (read with `kit.files.load_yaml`)."""
    loaded = load_yaml(
        Path(path), max_bytes=MAX_MAP_BYTES, error=ProcessMapError, syntax="not valid YAML"
    )
    if not isinstance(loaded, dict):
        raise ProcessMapError(
            "a process map must be a mapping",
            path=path,
            expected="keys id, name, activities, flows",
        )
    _refuse_unknown_keys(loaded, _MAP_KEYS, path=path, what="process map")
    map_id = _text(loaded.get("id")) or path.stem
    acts_raw = loaded.get("activities") or []
    flows_raw = loaded.get("flows") or []
    if not isinstance(acts_raw, list) or not isinstance(flows_raw, list):
        raise ProcessMapError("activities and flows must be lists", path=path, key="activities")
    activities = []
    for i, raw in enumerate(acts_raw):
        if not isinstance(raw, dict):
            raise ProcessMapError(
                "activity must be a mapping",
                path=path,
                key=f"activities[{i}]",
                value=raw,
                expected="{id: a1, name: ...}",
            )
        at = f"activities[{i}]"
        if not raw.keys() <= _ACTIVITY_KEYS:
            _refuse_unknown_keys(raw, _ACTIVITY_KEYS, path=path, what="activity", at=at)
        activities.append(_activity(raw, path=path, key=at, row=None))
    flows: list[tuple[str, str, float]] = []
    for i, raw in enumerate(flows_raw):
        if not isinstance(raw, dict) or "from" not in raw or "to" not in raw:
            raise ProcessMapError(
                "flow must name from and to",
                path=path,
                key=f"flows[{i}]",
                value=raw,
                expected="{from: a1, to: a2}",
            )
        prob = raw.get("probability")  # mostly not given: 1.0
        if prob is not None:
            prob = parse_number(prob, path=path, key=f"flows[{i}].probability")
        flows.append((str(raw["from"]), str(raw["to"]), 1.0 if prob is None else prob))
    return ProcessMap.build(
        id=map_id,
        name=_text(loaded.get("name")) or map_id,
        owner=_text(loaded.get("owner")),
        activities=activities,
        flows=flows,
        source=path,
    )


def read_rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Return the rows of a map CSV as (row number, cells), refusing a file without `required`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProcessMapError(
            msg("cannot read the file: {error}", error=str(exc)), path=path
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        raise ProcessMapError(
            "missing column",
            path=path,
            row=1,
            column=missing[0],
            expected=literal(", ".join(required)),
        )
    return [
        (n, {str(k).strip(): (v or "") for k, v in row.items() if k is not None})
        for n, row in enumerate(reader, start=2)
    ]


def read_csv_pair(activities_csv: Path, flows_csv: Path) -> list[ProcessMap]:
    """Return the maps of an activities.csv + flows.csv pair (a map_id column groups them)."""
    acts: dict[str, list[Activity]] = {}
    for row_no, row in read_rows(activities_csv, ("map_id", "id", "name")):
        map_id = row["map_id"].strip()
        if not map_id:
            raise ProcessMapError(
                "empty map_id",
                path=activities_csv,
                row=row_no,
                column="map_id",
                expected="the id of the map",
            )
        acts.setdefault(map_id, []).append(
            _activity(row, path=activities_csv, key=f"{map_id}/{row.get('id', '')}", row=row_no)
        )
    flows: dict[str, list[tuple[str, str, float]]] = {}
    for row_no, row in read_rows(flows_csv, ("map_id", "from", "to")):
        map_id = row["map_id"].strip()
        if map_id not in acts:
            raise ProcessMapError(
                "flow of an unknown map",
                path=flows_csv,
                row=row_no,
                column="map_id",
                value=map_id,
                expected="a map_id that appears in activities.csv",
            )
        prob = parse_number(row.get("probability"), path=flows_csv, key="probability", row=row_no)
        flows.setdefault(map_id, []).append(
            (row["from"].strip(), row["to"].strip(), 1.0 if prob is None else prob)
        )
    return [
        ProcessMap.build(
            id=map_id,
            name=map_id,
            activities=items,
            flows=flows.get(map_id, []),
            source=activities_csv,
        )
        for map_id, items in acts.items()
    ]


def _plain(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def write_yaml(pmap: ProcessMap, path: Path) -> Path:
    """Write `pmap` in the native YAML form (atomic: temp file + os.replace); return the path."""
    return atomic_write_text(Path(path), yaml_text(pmap))


def yaml_text(pmap: ProcessMap) -> str:
    """Return the native YAML form of `pmap` as `write_yaml` writes it."""
    acts: list[dict[str, Any]] = []
    for act in pmap.activities():
        item: dict[str, Any] = {"id": act.id, "name": act.name}
        for key in ("lane", "system", "object"):
            if getattr(act, key):
                item[key] = getattr(act, key)
        if act.kind in ("task", "wait") or act.minutes is not None or act.per_month is not None:
            item["minutes"] = _plain(act.minutes)  # left empty for the consultant to fill in
            item["per_month"] = _plain(act.per_month)
        if act.kind != "task":
            item["kind"] = act.kind
        acts.append(item)
    flows: list[dict[str, Any]] = []
    for src, dst, prob in pmap.flows():
        flow: dict[str, Any] = {"from": src, "to": dst}
        if prob != 1.0:
            flow["probability"] = round(float(prob), 6)
        flows.append(flow)
    doc: dict[str, Any] = {"id": pmap.id, "name": pmap.name}
    if pmap.owner:
        doc["owner"] = pmap.owner
    doc["activities"] = acts
    doc["flows"] = flows
    return str(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100))
