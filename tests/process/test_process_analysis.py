from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit.errors import ConfigError
from kit.message import render
from kit.process.analysis import analyse, findings
from kit.process.compare import compare_with_reference, load_reference
from kit.process.loading import load_maps

ACME = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh" / "process_maps"


def test_json_shape_of_kit_duplicates() -> None:
    doc = analyse(load_maps([ACME])).to_json_dict()
    json.dumps(doc)  # plain JSON types only
    assert doc["maps"] == 5
    assert {
        "maps",
        "activities",
        "duplicate_hours_per_month",
        "rework_hours_per_month",
        "groups",
    } <= set(doc)
    group = doc["groups"][0]
    assert set(group) == {"activities", "avoidable_hours_per_month", "reason"}
    assert set(group["activities"][0]) == {"map", "id", "name", "lane", "hours_per_month"}
    # the largest group is the reminder: 79 h − 32 h = 47 h
    assert group["avoidable_hours_per_month"] == pytest.approx(47.0)
    # rework in Reklamationsbearbeitung: (20 h + 15 h) × 0.3 / 0.7 = 15 h
    assert doc["rework_hours_per_month"] == pytest.approx(15.0)
    assert doc["duplicate_hours_per_month"] == pytest.approx(
        sum(g["avoidable_hours_per_month"] for g in doc["groups"])
    )
    assert {"map": "reklamationen", "id": "r6"} in doc["unknown_effort"]


def test_findings_in_both_languages() -> None:
    analysis = analyse(load_maps([ACME]))
    de = [render(m, "de") for m in findings(analysis)]
    en = [render(m, "en") for m in findings(analysis)]
    assert de[0].startswith("126 Stunden Doppelarbeit pro Monat in 7 Gruppen")
    assert en[0].startswith("126 hours per month of duplicate work in 7 groups")
    assert "15 hours per month of rework" in en[1]


def test_threshold_out_of_range() -> None:
    with pytest.raises(ConfigError):
        analyse([], threshold=1.5)


@pytest.mark.parametrize("language", ["de", "en"])
def test_compare_with_reference(language: str) -> None:
    maps = load_maps([ACME])
    comparison = compare_with_reference(maps, language=language)
    ref = load_reference(language)
    # Acme has no pre-due reminder, instalment plan or after-care review
    missing = set(comparison.missing["id"])
    assert {"b3", "b10", "b14"} <= missing
    assert "b8" not in missing  # reminder e-mail exists at Acme
    assert comparison.to_be_hours_per_month == pytest.approx(ref.total_hours())
    assert comparison.saved_hours_per_month == pytest.approx(
        comparison.as_is_hours_per_month - comparison.to_be_hours_per_month
    )
    assert "Mahnvorschlag mit Vertrieb abstimmen" in set(comparison.avoided["name"])
