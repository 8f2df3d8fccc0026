from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from kit.process.duplicates import find_duplicates, similarity
from kit.process.loading import load_maps
from kit.process.model import Activity, ProcessMap
from kit.process.normalise import fold, load_synonyms, signature

HERE = Path(__file__).resolve().parent
LABELLED = HERE / "labelled"
ACME = HERE.parents[1] / "data" / "samples" / "acme-gmbh" / "process_maps"


def _pairs(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in itertools.combinations(g, 2)}


def test_precision_and_recall_on_labelled_sets() -> None:
    truth = yaml.safe_load((LABELLED / "truth.yaml").read_text(encoding="utf-8"))
    tp = fp = fn = 0
    for name in ("de", "en", "mixed", "phone"):
        maps = load_maps([LABELLED / name])
        found = [[f"{m.map}/{m.id}" for m in g.members] for g in find_duplicates(maps)]
        predicted, true = _pairs(found), _pairs(truth[name])
        s_tp, s_fp, s_fn = len(predicted & true), len(predicted - true), len(true - predicted)
        print(
            f"{name}: {sum(m.graph.number_of_nodes() for m in maps)} activities, "
            f"{len(true)} true pairs, tp={s_tp} fp={s_fp} fn={s_fn}"
        )
        tp, fp, fn = tp + s_tp, fp + s_fp, fn + s_fn
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"pairwise precision {precision:.3f}, recall {recall:.3f} ({tp + fn} true pairs)")
    assert tp + fn >= 25
    assert precision >= 0.9
    assert recall >= 0.9


def test_acme_sample_duplicate_groups_exactly() -> None:
    groups = find_duplicates(load_maps([ACME]))
    found = {frozenset((m.map, m.id) for m in g.members) for g in groups}
    assert found == {
        frozenset(
            {("mahnlauf-fibu", "a5"), ("vertrieb-forderungen", "v3"), ("ssc_collections", "t1")}
        ),  # reminder: e-mail, phone call, SSC e-mail
        frozenset(
            {("mahnlauf-fibu", "a4"), ("vertrieb-forderungen", "v2"), ("ssc_collections", "t3")}
        ),  # credit limit checked three times
        frozenset(
            {("reklamationen", "r1"), ("vertrieb-forderungen", "v5"), ("ssc_collections", "t2")}
        ),  # dispute entered in SAP, CRM, SSC tool
        frozenset({("mahnlauf-fibu", "a9"), ("reklamationen", "r2")}),  # dunning block
        frozenset({("mahnlauf-fibu", "a11"), ("vertrieb-forderungen", "v4")}),  # promise to pay
        frozenset({("zahlungseingang", "z2"), ("ssc_collections", "t6")}),  # cash application
        frozenset({("zahlungseingang", "z1"), ("ssc_collections", "t5")}),  # bank statement
    }
    by_members = {frozenset(m.id for m in g.members): g for g in groups}
    # a9: 6 min × 60 / 60 = 6 h; r2: 5 min × 60 / 60 = 5 h → avoidable 6 + 5 − 6 = 5 h
    assert by_members[frozenset({"a9", "r2"})].avoidable_hours_per_month == pytest.approx(5.0)
    # v3 12×160/60 = 32 h, a5 4×420/60 = 28 h, t1 3×380/60 = 19 h → 79 − 32 = 47 h
    assert by_members[frozenset({"a5", "v3", "t1"})].avoidable_hours_per_month == pytest.approx(47)


#: Pairs of labels, each True where the two name the same work (in two languages) and False
#: where they only look alike (a decoy).
LABEL_PAIRS = {
    ("Mahnsperre setzen", "Mahnsperre aufheben"): False,
    ("Kreditlimit prüfen", "Offene Posten prüfen"): False,
    ("1. Mahnung per Brief versenden", "2. Mahnung per Brief versenden"): False,
    ("Zahlungserinnerung per E-Mail senden", "2. Mahnung per Brief versenden"): False,
    ("prüfen", "prüfen"): False,
    ("Set dunning block", "Lift dunning block"): False,
    ("Zahlungserinnerung senden", "Send payment reminder"): True,
    ("Reklamation erfassen", "Record customer dispute"): True,
    ("Übergabe an Inkasso", "Hand over to collection agency"): True,
    ("Kreditlimit prüfen", "Verify credit limit"): True,
}


@pytest.mark.parametrize(("a", "b"), [pair for pair, same in LABEL_PAIRS.items() if not same])
def test_decoys_are_not_similar(a: str, b: str) -> None:
    syn = load_synonyms()
    assert similarity(signature(a, syn), signature(b, syn)) == 0.0


@pytest.mark.parametrize(("a", "b"), [pair for pair, same in LABEL_PAIRS.items() if same])
def test_cross_language_equivalents_match(a: str, b: str) -> None:
    syn = load_synonyms()
    assert similarity(signature(a, syn), signature(b, syn)) >= 0.85


def test_normalisation_folds_and_splits_compounds() -> None:
    syn = load_synonyms()
    assert fold("Prüfung Größe") == "pruefung groesse"
    sig = signature("Kundenanruf", syn)
    assert sig.weak_objects == {"CUSTOMER"} and "CONTACT" in sig.actions
    assert signature("Bonitätsprüfung", syn).objects == {"CREDITWORTHINESS"}


def test_same_map_rules_channel_steps_and_loop_twins() -> None:
    acts = [
        Activity(id="a", name="Mahnung per E-Mail senden", minutes=2, per_month=60),
        Activity(id="b", name="Mahnung per Brief senden", minutes=3, per_month=60),
        Activity(id="c", name="Reklamation im CRM erfassen", system="CRM", minutes=5, per_month=60),
        Activity(id="d", name="Reklamation in SAP erfassen", system="SAP", minutes=5, per_month=60),
    ]
    flows = [("a", "b", 1.0), ("b", "c", 1.0), ("c", "d", 1.0)]
    pmap = ProcessMap.build(id="m", name="M", activities=acts, flows=flows)
    groups = find_duplicates([pmap])
    assert [{m.id for m in g.members} for g in groups] == [{"c", "d"}]  # double entry only
    assert "double entry" in groups[0].reason


def test_extra_synonym_file_extends_vocabulary(tmp_path: Path) -> None:
    extra = tmp_path / "syn.yaml"
    extra.write_text("objects:\n  REMINDER: [zahlungsavis]\n", encoding="utf-8")
    syn = load_synonyms(extra)
    assert signature("Zahlungsavis senden", syn).objects == {"REMINDER"}
