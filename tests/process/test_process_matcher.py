"""The matcher on generic business vocabulary: roles, the object as a hard constraint, pairs."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kit.cli.app import app
from kit.process.duplicates import find_duplicates, similarity
from kit.process.lexicon import split_compound, word_key
from kit.process.model import Activity, ProcessMap
from kit.process.native import write_yaml
from kit.process.normalise import load_synonyms, signature

PHONE_CALL = (
    "Kunde telefonisch kontaktieren",
    "Kundenanruf wegen offener Rechnung",
    "Call customer about overdue invoice",
)


def _score(a: str, b: str) -> float:
    syn = load_synonyms()
    return similarity(signature(a, syn), signature(b, syn))


def _one_task_maps(labels: list[str]) -> list[ProcessMap]:
    return [
        ProcessMap.build(
            id=f"m{n}",
            name=f"M{n}",
            activities=[Activity(id="t", name=label, minutes=10, per_month=30 + n)],
            flows=[],
        )
        for n, label in enumerate(labels)
    ]


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(PHONE_CALL, 2)))
def test_phone_call_about_an_overdue_invoice_is_one_work(a: str, b: str) -> None:
    assert _score(a, b) >= 0.85


def test_phone_call_forms_one_group_with_pairs() -> None:
    (group,) = find_duplicates(_one_task_maps(list(PHONE_CALL)))
    assert {m.map for m in group.members} == {"m0", "m1", "m2"}
    # kept: the largest (10 min × 32 / 60 h); each other member is paired with it
    assert group.members[0].map == "m2"
    assert [(p.a.map, p.b.map) for p in group.pairs] == [("m2", "m1"), ("m2", "m0")]
    # m2/m1 name the same concepts (1.0); m0 names no reminder: one extra object, 0.92
    assert [p.score for p in group.pairs] == pytest.approx([1.0, 0.92])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Check application complete", "Checking if complete"),  # -ing form, one extra noun
        ("Immatriculate", "Matriculate"),  # one word written two ways
        ("Rechnung prüfen", "Prüfung der Rechnung"),  # nominalised action
        ("Approve order", "Order approval"),
    ],
)
def test_generic_vocabulary_matches(a: str, b: str) -> None:
    assert _score(a, b) >= 0.85


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Add certificate of English language", "Add certificate of German language"),
        ("Send letter of provisional acceptance", "Send acceptance"),
        ("Antrag prüfen", "Zeugnis prüfen"),  # same action, another object
        ("Check application", "Archive application"),  # same object, another action
    ],
)
def test_object_and_qualifier_are_hard_constraints(a: str, b: str) -> None:
    assert _score(a, b) < 0.75  # below the band in which neighbours could still join them


def test_roles_and_keys() -> None:
    syn = load_synonyms()
    sig = signature("Zulassungsbescheid versenden", syn, vocab=frozenset({"zulassung", "bescheid"}))
    assert sig.actions == {"CONTACT"} and sig.nouns == {word_key("zulassung", "de"), "bescheid"}
    assert split_compound("zulassungsbescheid", {"zulassung", "bescheid"}) == [
        "zulassung",
        "bescheid",
    ]
    assert split_compound("bescheid", {"zulassung", "bescheid"}) is None  # not a compound
    assert word_key("approval", "en") == word_key("approve", "en")


def test_groups_do_not_chain_unrelated_work() -> None:
    # b is close to a and to c, but a and c differ in the object: no group holds a and c
    labels = ["Send acceptance", "Send letter of acceptance", "Send letter"]
    for group in find_duplicates(_one_task_maps(labels)):
        names = {m.name for m in group.members}
        assert not {"Send acceptance", "Send letter"} <= names
    labels = ["Send acceptance letter", "Send acceptance", "Send commitment letter"]
    groups = find_duplicates(_one_task_maps(labels))
    syn = load_synonyms()
    for group in groups:  # every two members of a group are the same work
        for x, y in itertools.combinations(group.members, 2):
            assert similarity(x.signature, y.signature, synonyms=syn) >= 0.75


def test_json_lists_the_pairs_behind_each_group(tmp_path: Path) -> None:
    for pmap in _one_task_maps(list(PHONE_CALL)):
        write_yaml(pmap, tmp_path / f"{pmap.id}.yaml")
    result = CliRunner().invoke(app, ["duplicates", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert len(document["groups"]) == 1
    pairs = document["pairs"]
    assert [(p["a"], p["b"]) for p in pairs] == [
        ({"map": "m2", "id": "t"}, {"map": "m1", "id": "t"}),
        ({"map": "m2", "id": "t"}, {"map": "m0", "id": "t"}),
    ]
    assert all(p["group"] == 0 and p["reason"] for p in pairs)
    assert pairs[1]["score"] == pytest.approx(0.92)


def _map(map_id: str, labels: list[str]) -> ProcessMap:
    acts = [
        Activity(id=f"t{n}", name=label, minutes=5, per_month=10) for n, label in enumerate(labels)
    ]
    flows = [(f"t{n}", f"t{n + 1}", 1.0) for n in range(len(labels) - 1)]
    return ProcessMap.build(id=map_id, name=map_id, activities=acts, flows=flows)


def _paired(maps: list[ProcessMap]) -> set[frozenset[str]]:
    return {
        frozenset({f"{p.a.map}/{p.a.id}", f"{p.b.map}/{p.b.id}"})
        for g in find_duplicates(maps)
        for p in g.pairs
    }


def test_an_action_named_as_a_thing_is_one_object_whatever_the_word() -> None:
    syn = load_synonyms()
    sent = signature("Send confirmation e-mail", syn)
    told = signature("Notify Employee of Approval", syn)
    assert sent.named_actions == told.named_actions == frozenset({"APPROVE"})
    assert sent.elliptical and told.elliptical  # what was approved is not in the label
    assert not signature("Assign Approver", syn).named_actions  # a person, not an approval
    assert _score("Grant loan", "Approve Loan") >= 0.85
    assert _score("Send rejection", "Notify Employee of Refusal") >= 0.85  # labels alone


def test_elliptical_labels_match_only_within_maps_about_the_same_thing() -> None:
    vacation_a = _map(
        "va", ["Handle vacation request", "Send confirmation e-mail", "Adjust vacation request"]
    )
    vacation_b = _map(
        "vb",
        ["Fetch Vacation Information", "Notify Employee of Approval", "Update Remaining Vacation"],
    )
    insurance = _map(
        "ins", ["Check insurance application", "Send confirmation", "File insurance application"]
    )
    pairs = _paired([vacation_a, vacation_b, insurance])
    assert frozenset({"va/t1", "vb/t1"}) in pairs  # both maps are about vacation
    assert not any("ins/t1" in p for p in pairs)  # a confirmation of an insurance application
