"""BPMN 2.0 import with defusedxml: tasks, sub-processes, events, gateways, lanes, pools."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from defusedxml import ElementTree as SafeET

from kit.errors import Problem, ProcessMapError, Severity
from kit.message import msg, plural
from kit.process.model import Activity, ProcessMap
from kit.process.native import parse_number, read_rows

__all__ = ["MAX_BPMN_BYTES", "import_bpmn"]

MAX_BPMN_BYTES = 20 * 1024 * 1024
_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
_TASKS = {
    "task",
    "userTask",
    "serviceTask",
    "sendTask",
    "receiveTask",
    "manualTask",
    "scriptTask",
    "businessRuleTask",
    "callActivity",
}
_SUBPROCESSES = {"subProcess", "transaction", "adHocSubProcess"}
_GATEWAYS = {
    "exclusiveGateway",
    "parallelGateway",
    "inclusiveGateway",
    "eventBasedGateway",
    "complexGateway",
}
_EVENTS = {
    "startEvent": "start",
    "endEvent": "end",
    "intermediateCatchEvent": "wait",
    "intermediateThrowEvent": "task",
    "boundaryEvent": "wait",
}
_STRUCTURE = {
    "laneSet",
    "lane",
    "childLaneSet",
    "flowNodeRef",
    "sequenceFlow",
    "documentation",
    "extensionElements",
    "incoming",
    "outgoing",
    "conditionExpression",
    "ioSpecification",
    "property",
    "multiInstanceLoopCharacteristics",
    "standardLoopCharacteristics",
}
_METRICS = ("minutes", "per_month", "system", "object")
_SPACE = re.compile(r"\s+")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _ref(value: str | None) -> str:
    """Return the id an IDREF/QName reference names: "A.3.0-export:bpmnid-1" → "bpmnid-1".

    XML ids never contain a colon, so a prefix before the last colon is a namespace prefix.
    """
    return (value or "").strip().rsplit(":", 1)[-1]


@dataclass
class _Reader:
    path: Path
    acts: dict[str, Activity] = field(default_factory=dict)
    docs: dict[str, str] = field(default_factory=dict)
    extras: dict[str, dict[str, str]] = field(default_factory=dict)
    flows: list[tuple[str, str]] = field(default_factory=list)
    entry: dict[str, list[str]] = field(default_factory=dict)  # sub-process id -> first children
    exit: dict[str, list[str]] = field(default_factory=dict)  # sub-process id -> last children
    boundary: list[tuple[str, str]] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)

    def lanes_of(self, process: Element, pool: str | None) -> dict[str, str]:
        """Map flow-node ids to their (innermost) lane name; unnamed lanes take the parent's."""
        found: dict[str, str] = {}

        def walk(lane_set: Element, parent: str | None) -> None:
            for lane in lane_set:
                if _local(lane.tag) != "lane":
                    continue
                name = _clean(lane.get("name")) or parent or ""
                for ref in lane:
                    if _local(ref.tag) == "flowNodeRef" and ref.text:
                        found[_ref(ref.text)] = name
                for child in lane:
                    if _local(child.tag) == "childLaneSet":
                        walk(child, name)

        for lane_set in process:
            if _local(lane_set.tag) == "laneSet":
                walk(lane_set, pool)
        return found

    def read_container(self, node: Element, lanes: dict[str, str], default: str | None) -> None:
        """Add the flow nodes and sequence flows of a process or sub-process."""
        for child in node:
            tag = _local(child.tag)
            ident = child.get("id", "")
            lane = lanes.get(ident, default) or None
            if tag in _SUBPROCESSES:
                inner_ids = [c.get("id", "") for c in child if _is_node(c)]
                if not inner_ids:
                    self._add(child, "task", lane)
                    continue
                self.read_container(child, lanes, lane)
                inner = set(inner_ids)
                inner_flows = [
                    (_ref(c.get("sourceRef")), _ref(c.get("targetRef")))
                    for c in child
                    if _local(c.tag) == "sequenceFlow"
                ]
                targets = {t for s, t in inner_flows if s in inner}
                sources = {s for s, t in inner_flows if t in inner}
                self.entry[ident] = [i for i in inner_ids if i not in targets] or inner_ids[:1]
                self.exit[ident] = [i for i in inner_ids if i not in sources] or inner_ids[-1:]
            elif tag in _TASKS:
                self._add(child, "task", lane)
            elif tag in _GATEWAYS:
                self._add(child, "decision", lane)
            elif tag in _EVENTS:
                self._add(child, _kind_of_event(child, tag), lane)
                if tag == "boundaryEvent" and child.get("attachedToRef"):
                    self.boundary.append((_ref(child.get("attachedToRef")), ident))
            elif tag == "sequenceFlow":
                self.flows.append((_ref(child.get("sourceRef")), _ref(child.get("targetRef"))))
            elif tag not in _STRUCTURE:
                self.ignored[tag] += 1

    def _add(self, element: Element, kind: str, lane: str | None) -> None:
        ident = element.get("id", "")
        doc = " ".join(
            _clean(d.text) for d in element if _local(d.tag) == "documentation" and d.text
        )
        extras = _extension_properties(element)
        name = _clean(element.get("name")) or doc or ("" if kind != "task" else ident)
        self.docs[ident] = doc
        self.extras[ident] = extras
        self.acts[ident] = Activity(
            id=ident,
            name=name,
            lane=lane,
            kind=kind,
            system=extras.get("system"),
            object=extras.get("object"),
            minutes=parse_number(extras.get("minutes"), path=self.path, key=f"{ident}.minutes"),
            per_month=parse_number(
                extras.get("per_month"), path=self.path, key=f"{ident}.per_month"
            ),
        )


def _resolve(table: dict[str, list[str]], ident: str, depth: int = 0) -> list[str]:
    """Return the flow nodes that stand for `ident` (sub-processes resolve to their children)."""
    if ident not in table or depth > 20:
        return [ident]
    return [n for child in table[ident] for n in _resolve(table, child, depth + 1)]


def _is_node(element: Element) -> bool:
    tag = _local(element.tag)
    return tag in _TASKS or tag in _GATEWAYS or tag in _EVENTS or tag in _SUBPROCESSES


def _kind_of_event(element: Element, tag: str) -> str:
    if tag == "intermediateCatchEvent" and not any(
        _local(c.tag)
        in (
            "timerEventDefinition",
            "messageEventDefinition",
            "conditionalEventDefinition",
            "signalEventDefinition",
        )
        for c in element
    ):
        return "task"
    return _EVENTS[tag]


def _extension_properties(element: Element) -> dict[str, str]:
    """Return minutes/per_month/system/object found in extensionElements, any namespace."""
    found: dict[str, str] = {}
    for ext in element:
        if _local(ext.tag) != "extensionElements":
            continue
        for item in ext.iter():
            local = _local(item.tag)
            if local in _METRICS and item.text and item.text.strip():
                found[local] = item.text.strip()
            key = item.get("name") or item.get("key") or item.get("metaKey")
            value = item.get("value") if item.get("value") is not None else item.get("metaValue")
            if key in _METRICS and value is not None and value.strip():
                found[key] = value.strip()
    return found


_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _stray_bytes(data: bytes) -> tuple[bytes, list[int]]:
    """Return UTF-8 `data` with stray single bytes read as Latin-1, and their line numbers.

    Some exporters write one label in Latin-1 inside a UTF-8 file; other BPMN tools read it.
    Files that declare another encoding are returned unchanged.
    """
    declared = _DECLARED.match(data)
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    if encoding.replace("_", "-") not in ("utf-8", "utf8"):
        return data, []
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return data, []
    lines: list[int] = []
    out: list[str] = []
    start = 0
    while True:
        try:
            out.append(data[start:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            bad = start + exc.start
            out.append(data[start:bad].decode("utf-8"))
            out.append(data[bad : bad + 1].decode("latin-1"))
            lines.append(data.count(b"\n", 0, bad) + 1)
            start = bad + 1
    return "".join(out).encode("utf-8"), lines


def _parse(path: Path, notes: list[Problem] | None = None) -> Element:
    """Return the root element of a BPMN file, read safely (size, entities, XML bombs).

    Long because each refusal of a hostile or broken file has its own message.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ProcessMapError(
            msg("cannot read the BPMN file: {error}", error=str(exc)), path=path
        ) from None
    if size > MAX_BPMN_BYTES:
        raise ProcessMapError(
            msg("BPMN file too large ({size} bytes)", size=size),
            path=path,
            expected=msg("at most {max_bpmn_bytes} bytes", max_bpmn_bytes=MAX_BPMN_BYTES),
        )
    data, stray = _stray_bytes(path.read_bytes())
    if stray and notes is not None:
        shown = ", ".join(map(str, stray[:5])) + (" …" if len(stray) > 5 else "")
        notes.append(
            Problem(
                plural(
                    "BPMN file is UTF-8 but line {shown} holds {count} byte that is not; "
                    "read as Latin-1 (check the label there)",
                    "BPMN file is UTF-8 but line {shown} holds {count} bytes that are not; "
                    "read as Latin-1 (check the label there)",
                    len(stray),
                    shown=shown,
                ),
                path=str(path),
                row=stray[0],
                severity=Severity.WARNING,
            )
        )
    try:
        root: Element = SafeET.fromstring(data, forbid_dtd=True)
    except DTDForbidden:
        raise ProcessMapError(
            "BPMN file contains a DTD (refused for security)",
            path=path,
            expected="plain BPMN 2.0 XML without <!DOCTYPE>",
        ) from None
    except EntitiesForbidden:
        raise ProcessMapError(
            "BPMN file declares XML entities (refused for security)",
            path=path,
            expected="plain BPMN 2.0 XML",
        ) from None
    except ExternalReferenceForbidden:
        raise ProcessMapError(
            "BPMN file refers to external resources (refused for security)",
            path=path,
            expected="plain BPMN 2.0 XML",
        ) from None
    except DefusedXmlException as exc:
        raise ProcessMapError(
            msg("BPMN file refused for security: {error}", error=str(exc)), path=path
        ) from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise ProcessMapError(
            msg("not well-formed XML: {error}", error=str(exc)),
            path=path,
            row=line,
            expected="a complete BPMN 2.0 XML file",
        ) from None
    _check_depth(root, path=path)
    if root.tag != f"{{{_NS}}}definitions":
        raise ProcessMapError(
            msg("not a BPMN 2.0 file (root element '{tag}')", tag=root.tag),
            path=path,
            expected=msg("<definitions> in namespace {ns}", ns=_NS),
        )
    return root


#: Deepest XML nesting read (elements; a sub-process takes one level).
MAX_BPMN_DEPTH = 200


def _check_depth(root: Element, *, path: Path) -> None:
    """Raise ProcessMapError when elements nest deeper than MAX_BPMN_DEPTH (no recursion)."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_BPMN_DEPTH:
            raise ProcessMapError(
                msg(
                    "BPMN elements nested deeper than {max_bpmn_depth} levels",
                    max_bpmn_depth=MAX_BPMN_DEPTH,
                ),
                path=path,
                value=_local(element.tag),
                expected="sub-processes nested a few levels deep",
            )
        stack.extend((child, depth + 1) for child in element)


def _apply_metrics(path: Path, reader: _Reader) -> None:
    side = path.with_name(path.stem + ".metrics.csv")
    if not side.is_file():
        return
    rows = read_rows(side, ())
    by_name = {a.name.lower(): i for i, a in reader.acts.items() if a.name}
    for row_no, row in rows:
        ref = (row.get("activity") or row.get("id") or row.get("name") or "").strip()
        ident = ref if ref in reader.acts else by_name.get(ref.lower())
        if ident is None:
            raise ProcessMapError(
                "metrics row names no activity of the BPMN file",
                path=side,
                row=row_no,
                column="activity",
                value=ref,
                expected="an activity id or name",
            )
        act = reader.acts[ident]
        updates = {
            "minutes": parse_number(row.get("minutes"), path=side, key="minutes", row=row_no),
            "per_month": parse_number(row.get("per_month"), path=side, key="per_month", row=row_no),
        }
        reader.acts[ident] = Activity(
            id=act.id,
            name=act.name,
            lane=act.lane,
            kind=act.kind,
            system=(row.get("system") or "").strip() or act.system,
            object=(row.get("object") or "").strip() or act.object,
            minutes=act.minutes if updates["minutes"] is None else updates["minutes"],
            per_month=act.per_month if updates["per_month"] is None else updates["per_month"],
        )


def import_bpmn(path: Path) -> ProcessMap:
    """Return the map of a BPMN 2.0 file: all pools flattened into one map, lanes kept.

    Long because pools, lanes, tasks, gateways and flows are read in one walk of the same element
    tree.
    """
    path = Path(path)
    notes: list[Problem] = []
    root = _parse(path, notes)
    pools = {
        _ref(p.get("processRef")): _clean(p.get("name"))
        for p in root.iter(f"{{{_NS}}}participant")
        if p.get("processRef")
    }
    processes = [p for p in root if _local(p.tag) == "process"]
    if not processes:
        raise ProcessMapError(
            "BPMN file has no <process>", path=path, expected="at least one process with tasks"
        )
    reader = _Reader(path)
    for process in processes:
        pool = pools.get(process.get("id", "")) or _clean(process.get("name")) or None
        reader.read_container(process, reader.lanes_of(process, pool), pool)
    if not any(a.kind == "task" for a in reader.acts.values()):
        raise ProcessMapError(
            "BPMN file has no activity (task, sub-process or call activity)",
            path=path,
            expected="at least one task in a process",
        )
    edges: list[tuple[str, str]] = []
    for src, dst in reader.flows:
        for s in _resolve(reader.exit, src):
            edges.extend((s, t) for t in _resolve(reader.entry, dst))
    for attached, event in reader.boundary:
        edges.extend((s, event) for s in _resolve(reader.exit, attached))
    dangling = [(s, t) for s, t in edges if s not in reader.acts or t not in reader.acts]
    if dangling:
        edges = [(s, t) for s, t in edges if s in reader.acts and t in reader.acts]
        shown = ", ".join(f"{s} → {t}" for s, t in dangling[:3]) + (
            " …" if len(dangling) > 3 else ""
        )
        notes.append(
            Problem(
                plural(
                    "{count} sequence flow leads to or from elements that are not "
                    "activities of the map and was left out: {shown}",
                    "{count} sequence flows lead to or from elements that are not "
                    "activities of the map and were left out: {shown}",
                    len(dangling),
                    shown=shown,
                ),
                path=str(path),
                severity=Severity.WARNING,
            )
        )
    _apply_metrics(path, reader)
    warnings = notes + [
        Problem(
            msg(
                "BPMN element '{tag}' is not part of a process map and was ignored ({n}×)",
                tag=tag,
                n=n,
            ),
            path=str(path),
            severity=Severity.WARNING,
        )
        for tag, n in sorted(reader.ignored.items())
    ]
    out_degree = Counter(s for s, _ in edges)
    flows: list[tuple[str, str, float]] = []
    split: list[str] = []
    for src, dst in edges:
        prob = 1.0
        if src in reader.acts and reader.acts[src].kind == "decision" and out_degree[src] > 1:
            prob = 1.0 / out_degree[src]
            split.append(src)
        flows.append((src, dst, prob))
    if split:
        warnings.append(
            Problem(
                plural(
                    "BPMN has no branch probabilities: outgoing flows of {count} gateway were "
                    "split equally; set the probabilities in the YAML map where they matter",
                    "BPMN has no branch probabilities: outgoing flows of {count} gateways were "
                    "split equally; set the probabilities in the YAML map where they matter",
                    len(set(split)),
                ),
                path=str(path),
                severity=Severity.WARNING,
            )
        )
    name = (
        _clean(root.get("name"))
        or ", ".join(_clean(p.get("name")) for p in processes if p.get("name"))
        or path.stem
    )
    return ProcessMap.build(
        id=path.stem,
        name=name,
        activities=list(reader.acts.values()),
        flows=flows,
        source=path,
        warnings=warnings,
    )
