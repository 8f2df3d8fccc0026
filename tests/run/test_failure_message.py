"""A failed step is told in the engagement's language: a KitError with its own words, else a
sentence that names the step and points to the log with the technical detail."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from kit.errors import RunError
from kit.run.engine import run_engagement

FIXTURE_ENGAGEMENT = Path(__file__).resolve().parents[1] / "notebooks" / "engagement"

_REFUSE = (
    "from kit.errors import DataError\n"
    "from kit.message import msg\n"
    "raise DataError(msg('row has {record} fields but the header has {header}', record=3, "
    "header=5), path='data/invoices.csv', row=7)"
)


def _step(folder: Path, name: str, source: str) -> Path:
    """Write a step notebook: the parameters cell, then one cell with `source`."""
    folder.mkdir(exist_ok=True)
    notebook = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell('engagement = ""\nas_of = None\nlanguage = None')
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells = [parameters, nbformat.v4.new_code_cell(source)]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.metadata["language_info"] = {"name": "python"}
    path = folder / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return path


def _failed_run(tmp_path: Path, name: str, source: str) -> tuple[RunError, dict[str, object]]:
    engagement = shutil.copytree(FIXTURE_ENGAGEMENT, tmp_path / "engagement")  # language: de
    notebooks = tmp_path / "notebooks"
    _step(notebooks, name, source)
    with pytest.raises(RunError) as caught:
        run_engagement(engagement, notebooks_dir=notebooks, progress=False)
    run_json = Path(str(caught.value.executed)).parent / "run.json"
    record = json.loads(run_json.read_text("utf-8"))["notebooks"][name]
    return caught.value, record


def test_a_kit_error_of_a_notebook_is_told_in_the_engagement_language(tmp_path: Path) -> None:
    error, record = _failed_run(tmp_path, "09_refuse", _REFUSE)
    german = error.describe("de")
    assert german.startswith(
        "Schritt 09_refuse in Zelle 2 fehlgeschlagen: data/invoices.csv, Zeile 7: "
        "die Zeile hat 3 Felder, die Kopfzeile aber 5"
    )
    assert "Traceback" not in german and "DataError" not in german
    assert record["message"] == german  # run.json's text for people
    assert str(record["error"]).startswith("DataError: ")  # and the technical one-liner


def test_any_other_error_names_the_step_and_the_log_with_the_detail(tmp_path: Path) -> None:
    error, record = _failed_run(tmp_path, "09_fail", "raise ValueError('boom')")
    german = error.describe("de")
    log = Path(str(error.executed)).with_suffix(".kernel.log")
    assert german.startswith(
        "Schritt 09_fail in Zelle 2 fehlgeschlagen: ein technischer Fehler; die Einzelheiten "
        f"stehen im Protokoll {log}"
    )
    assert "boom" not in german and "Traceback" not in german
    detail = log.read_text("utf-8")
    assert "ValueError: boom" in detail and "\x1b[" not in detail
    assert record["message"] == german and record["error"] == "ValueError: boom"
