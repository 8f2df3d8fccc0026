"""What `kit` prints: one JSON document, and tables that keep their rows on one line when piped."""

from __future__ import annotations

import json

import pytest

from kit.cli.output import emit_json, lines, show, stack, table


def test_emit_json_is_one_document(capsys: pytest.CaptureFixture[str]) -> None:
    emit_json({"dso": 41.25, "client": "Müller GmbH"}, indent=None)
    out = capsys.readouterr().out
    assert out == '{"dso":41.25,"client":"Müller GmbH"}\n'
    assert json.loads(out)["client"] == "Müller GmbH"


def test_piped_tables_do_not_fold(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    long = "Durchschnittliche Klärungsdauer von Reklamationen " * 3
    show(stack(lines(["Titel"]), table(("Kennzahl", "Wert"), [(long, "29,8 Tage")], right=(1,))))
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Titel" and out[1] == ""  # a blank line between the parts
    row = next(line for line in out if line.startswith("Durchschnittliche"))
    assert row.rstrip().endswith("29,8 Tage")  # one line, however long (no fold at 80)


def test_markup_in_data_is_printed_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    show(table(("Name",), [("[bold]Kunde[/bold] [1]",)]))
    assert "[bold]Kunde[/bold] [1]" in capsys.readouterr().out
