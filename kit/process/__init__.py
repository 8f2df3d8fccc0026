"""Process maps: import (YAML, CSV, BPMN), duplicate work, rework, best practice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.lazy import lazy_getattr as _lazy_getattr

if TYPE_CHECKING:
    from kit.process.analysis import ProcessAnalysis, analyse, findings
    from kit.process.bpmn import MAX_BPMN_BYTES, import_bpmn
    from kit.process.compare import Comparison, compare_with_reference, load_reference
    from kit.process.duplicates import DuplicateGroup, Member, find_duplicates, similarity
    from kit.process.loading import load_maps
    from kit.process.model import KINDS, Activity, ProcessMap, hours_per_month
    from kit.process.native import read_csv_pair, read_yaml, write_yaml
    from kit.process.normalise import Signature, Synonyms, load_synonyms, signature
    from kit.process.waste import ReworkLoop, handoffs, rework_loops, waits

# Imported on first use, so reading maps and finding duplicates loads no pandas (tables);
# the drawings are in kit.charts.
_LAZY = {
    "ProcessAnalysis": "kit.process.analysis",
    "analyse": "kit.process.analysis",
    "findings": "kit.process.analysis",
    "MAX_BPMN_BYTES": "kit.process.bpmn",
    "import_bpmn": "kit.process.bpmn",
    "Comparison": "kit.process.compare",
    "compare_with_reference": "kit.process.compare",
    "load_reference": "kit.process.compare",
    "DuplicateGroup": "kit.process.duplicates",
    "Member": "kit.process.duplicates",
    "find_duplicates": "kit.process.duplicates",
    "similarity": "kit.process.duplicates",
    "load_maps": "kit.process.loading",
    "KINDS": "kit.process.model",
    "Activity": "kit.process.model",
    "ProcessMap": "kit.process.model",
    "hours_per_month": "kit.process.model",
    "read_csv_pair": "kit.process.native",
    "read_yaml": "kit.process.native",
    "write_yaml": "kit.process.native",
    "Signature": "kit.process.normalise",
    "Synonyms": "kit.process.normalise",
    "load_synonyms": "kit.process.normalise",
    "signature": "kit.process.normalise",
    "ReworkLoop": "kit.process.waste",
    "handoffs": "kit.process.waste",
    "rework_loops": "kit.process.waste",
    "waits": "kit.process.waste",
}


__getattr__ = _lazy_getattr(__name__, _LAZY)


__all__ = [
    "KINDS",
    "MAX_BPMN_BYTES",
    "Activity",
    "Comparison",
    "DuplicateGroup",
    "Member",
    "ProcessAnalysis",
    "ProcessMap",
    "ReworkLoop",
    "Signature",
    "Synonyms",
    "analyse",
    "compare_with_reference",
    "find_duplicates",
    "findings",
    "handoffs",
    "hours_per_month",
    "import_bpmn",
    "load_maps",
    "load_reference",
    "load_synonyms",
    "read_csv_pair",
    "read_yaml",
    "rework_loops",
    "signature",
    "similarity",
    "waits",
    "write_yaml",
]
