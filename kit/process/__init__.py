"""Process maps: import (YAML, CSV, BPMN), duplicate work, rework, best practice."""

from __future__ import annotations

from kit.process.analysis import ProcessAnalysis, analyse, findings
from kit.process.bpmn import MAX_BPMN_BYTES, import_bpmn
from kit.process.compare import Comparison, compare_with_reference, load_reference
from kit.process.duplicates import DuplicateGroup, Member, find_duplicates, similarity
from kit.process.loading import load_maps
from kit.process.model import KINDS, Activity, ProcessMap, hours_per_month
from kit.process.native import read_csv_pair, read_yaml, write_yaml
from kit.process.normalise import Signature, Synonyms, load_synonyms, signature
from kit.process.waste import ReworkLoop, handoffs, rework_loops, waits

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
