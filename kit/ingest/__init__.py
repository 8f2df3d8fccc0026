"""Ledger ingest: read CSV/XLSX/Parquet sources, map columns, parse strictly, validate."""

from __future__ import annotations

from kit.ingest.load import load_ledger
from kit.ingest.quality import DataQuality, data_quality
from kit.ingest.readers import MAX_FILE_BYTES, read_table
from kit.ingest.summary import ValidationSummary, validate_engagement

__all__ = [
    "MAX_FILE_BYTES",
    "DataQuality",
    "ValidationSummary",
    "data_quality",
    "load_ledger",
    "read_table",
    "validate_engagement",
]
