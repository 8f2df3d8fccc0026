"""engagement.yaml naming ledger tables in the engine (`data.<table>.table`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.engagement import load_engagement, require_files
from kit.errors import ConfigError

NAMED = (
    "client: Beispiel AG\nlanguage: en\nengine: spark\ndata:\n"
    "  invoices: {table: finance.ar_items, columns: {Belegnr: invoice_id}}\n"
    "  payments: {table: finance.ar_payments, on_error: skip}\n"
)


def _engagement(tmp_path: Path, text: str) -> Path:
    (tmp_path / "engagement.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _refused(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load_engagement(_engagement(tmp_path, text))
    return caught.value.describe("en")


def test_tables_named_in_the_engine_load(tmp_path: Path) -> None:
    eng = load_engagement(_engagement(tmp_path, NAMED))
    assert eng.data.invoices is not None and eng.data.invoices.table == "finance.ar_items"
    assert eng.data.invoices.path is None and eng.data.invoices.columns == {"Belegnr": "invoice_id"}
    assert eng.data.named() == ["invoices", "payments"]


def test_a_warehouse_url_holds_tables(tmp_path: Path) -> None:
    text = NAMED.replace("engine: spark", "engine: 'duckdb:///data/wh.duckdb'")
    assert load_engagement(_engagement(tmp_path, text)).engine == "duckdb:///data/wh.duckdb"


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("table: finance.ar_items,", "table: finance.ar_items, path: x.csv,", "not both"),
        ("table: finance.ar_items,", "", "give either path (a file) or table"),
        ("on_error: skip", "sep: ';'", "sep reads a file: a table named in the engine takes"),
        ("on_error: skip", "encoding: cp1252", "encoding reads a file"),
        ("on_error: skip", "skiprows: 2", "skiprows reads a file"),
        ("finance.ar_payments", "finance..x", "is not a name such as schema.table"),
        ("engine: spark", "engine: duckdb", "engine duckdb holds no tables"),
        ("engine: spark", "engine: numpy", "engine numpy holds no tables"),
        ("engine: spark\n", "", "engine duckdb holds no tables"),  # duckdb is the default
        (
            "{table: finance.ar_payments, on_error: skip}",
            "{path: payments.csv}",
            "data.payments is a file while data.invoices names a table in the engine",
        ),
        (
            "  payments:",
            "  customers: {table: finance.customers}\n  payments:",
            "data.customers is not read next to tables named in the engine",
        ),
    ],
)
def test_a_table_source_is_refused_with_a_clear_message(
    tmp_path: Path, old: str, new: str, fragment: str
) -> None:
    assert old in NAMED
    assert fragment in _refused(tmp_path, NAMED.replace(old, new, 1))


def test_the_refusal_reads_in_german(tmp_path: Path) -> None:
    text = NAMED.replace("language: en", "language: de").replace("on_error: skip", "sep: ';'")
    with pytest.raises(ConfigError) as caught:
        load_engagement(_engagement(tmp_path, text))
    assert "sep liest eine Datei" in caught.value.describe("de")


def test_a_ledger_of_line_items_cannot_be_a_table(tmp_path: Path) -> None:
    text = "client: X\nengine: spark\ndata:\n  ledger: {table: finance.items}\n"
    assert "data.ledger reads a file of line items" in _refused(tmp_path, text)


def test_steps_that_read_files_refuse_a_ledger_named_in_the_engine(tmp_path: Path) -> None:
    from kit.ingest import load_ledger

    eng = load_engagement(_engagement(tmp_path, NAMED))
    for step in (require_files, load_ledger):
        with pytest.raises(ConfigError) as caught:
            step(eng)
        text = caught.value.describe("en")
        assert "key 'data.invoices.table'" in text
        assert "read by kit kpis and kit validate only" in text
        assert "Forderungsdaten, die in der Engine benannt sind" in caught.value.describe("de")


def test_kit_run_refuses_before_any_notebook_runs(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kit.cli import app

    result = CliRunner().invoke(app, ["run", str(_engagement(tmp_path, NAMED))])
    assert result.exit_code == 2
    assert "read by kit kpis and kit validate only" in result.output
    assert not (tmp_path / "output" / "runs").exists()


def test_containment_and_the_manifest_skip_a_table(tmp_path: Path) -> None:
    from kit.containment import path_keys
    from kit.run.manifest import input_files

    eng = load_engagement(_engagement(tmp_path, NAMED))
    assert not [key for key, _ in path_keys(eng) if key.startswith("data.")]
    assert input_files(eng) == [tmp_path.resolve() / "engagement.yaml"]
