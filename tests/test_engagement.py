from __future__ import annotations

from pathlib import Path

import pytest

from kit.engagement import load_engagement, repo_root, resolve_engagement_dir
from kit.errors import ConfigError

MINIMAL = "client: Beispiel AG\ndata:\n  invoices:\n    path: data/invoices.csv\n"


def _engagement(tmp_path: Path, text: str) -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "invoices.csv").write_text("invoice_id\n")
    (tmp_path / "engagement.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_minimal_engagement_defaults(tmp_path: Path) -> None:
    eng = load_engagement(_engagement(tmp_path, MINIMAL))
    assert eng.client == "Beispiel AG"
    assert eng.language == "de"
    assert eng.period_days == 90
    assert eng.goal_days == 45
    assert eng.resolve(eng.data.invoices.path) == tmp_path.resolve() / "data" / "invoices.csv"


def test_sample_engagement_loads() -> None:
    eng = load_engagement("data/samples/acme-gmbh")
    assert eng.client == "Acme GmbH"
    assert eng.data.invoices.columns["Belegnr"] == "invoice_id"
    assert eng.phases[0].id == "blueprint"


def test_relative_path_resolves_from_repo_root(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert (
        resolve_engagement_dir("data/samples/acme-gmbh") == repo_root() / "data/samples/acme-gmbh"
    )


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        (MINIMAL + "colour: blue\n", "colour", "unknown key 'colour'"),
        (MINIMAL.replace("path:", "pfad:"), "data.invoices.pfad", "unknown key 'pfad'"),
        (MINIMAL + "period_days: viele\n", "period_days", "valid integer"),
        (MINIMAL + "language: fr\n", "language", "'de' or 'en'"),
        (MINIMAL + "currency: euro\n", "currency", "three-letter"),
        (MINIMAL + "as_of: 2026-02-31\n", "as_of", "date"),
        (MINIMAL + "branding: {primary_color: blue}\n", "branding.primary_color", "colour"),
        ("data:\n  invoices:\n    path: data/invoices.csv\n", "client", "required key is missing"),
        (
            MINIMAL
            + "goals:\n  - {kpi: dso, target: 40, direction: sideways, deadline: 2026-12-31}\n",
            "goals.0.direction",
            "'up' or 'down'",
        ),
        (
            MINIMAL + "phases:\n  - {id: setup, start: 2026-05-01, end: 2026-04-01}\n",
            "phases.0",
            "ends (2026-04-01) before it starts",
        ),
        (
            MINIMAL.replace("invoices.csv", "missing.csv"),
            "data.invoices.path",
            "data file not found",
        ),
        (
            MINIMAL + "  payments: {path: data/invoices.csv, encoding: klingon}\n",
            "data.payments.encoding",
            "unknown encoding",
        ),
    ],
)
def test_bad_config_names_key(tmp_path: Path, text: str, key: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_engagement(_engagement(tmp_path, text))
    described = info.value.describe()
    assert f"key '{key}'" in described
    assert fragment in described
    assert "engagement.yaml" in described


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("client: [unclosed\n", "YAML syntax error"),
        ("client: !!python/object/apply:os.system ['echo hacked']\n", "YAML syntax error"),
        ("", "the file is empty"),
        ("- a\n- b\n", "top level is not a mapping"),
    ],
)
def test_unreadable_config(tmp_path: Path, text: str, fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        load_engagement(_engagement(tmp_path, text))


def test_not_an_engagement_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no engagement\.yaml found"):
        load_engagement(tmp_path / "nowhere")


def test_syntax_error_names_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_engagement(_engagement(tmp_path, "client: A\ndata:\n  invoices: [\n"))
    assert info.value.row is not None


def test_yes_no_keys_stay_text(tmp_path: Path) -> None:
    text = MINIMAL + "    values: {disputed: {Yes: true, No: false, Ja: true}}\n"
    eng = load_engagement(_engagement(tmp_path, text))
    assert eng.data.invoices.values["disputed"] == {"Yes": True, "No": False, "Ja": True}


@pytest.mark.parametrize(
    ("line", "suggestion"),
    [("languag: de\n", "'language'?"), ("separator: ';'\n", None)],
)
def test_unknown_key_suggests_the_expected_one(
    tmp_path: Path, line: str, suggestion: str | None
) -> None:
    text = MINIMAL + line if suggestion else MINIMAL + "    " + line
    with pytest.raises(ConfigError) as info:
        load_engagement(_engagement(tmp_path, text))
    assert (suggestion or "expected 'sep'?") in info.value.describe()
