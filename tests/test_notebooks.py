"""The seven step notebooks: committed clean, one parameters cell, both languages, thin code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
STEPS = ["01_goals", "02_stakeholders", "03_process", "04_kpis", "05_strategy", "06_rollout",
         "07_aftercare"]  # fmt: skip


def test_the_seven_steps_are_there() -> None:
    assert [p.stem for p in NOTEBOOKS] == STEPS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_and_with_python3_kernel(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: outputs committed"
            assert cell.execution_count is None, f"{path.name}: execution count committed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_parameters_cell_with_the_sample_defaults(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert tagged[0].source.strip() == (
        'engagement = "data/samples/acme-gmbh"\nas_of = None\nlanguage = None'
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_markdown_in_both_languages(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    tags = [tuple(c.metadata.get("tags", [])) for c in nb.cells if c.cell_type == "markdown"]
    german = sum("lang-de" in t for t in tags)
    english = sum("lang-en" in t for t in tags)
    assert german == english > 0
    assert all(("lang-de" in t) != ("lang-en" in t) for t in tags), "untagged markdown"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_cells_are_thin(path: Path) -> None:
    """No loops, function or class definitions in notebooks: logic lives in kit/."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        heavy = [
            type(node).__name__
            for node in ast.walk(tree)
            if isinstance(node, ast.For | ast.While | ast.FunctionDef | ast.ClassDef | ast.Lambda)
        ]
        assert heavy == [], f"{path.name}: {heavy} in a cell; move the logic into kit/"
        assert "eval(" not in cell.source and "exec(" not in cell.source


MAX_CELL_LINES = 15


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_import_line_for_the_step(path: Path) -> None:
    """A notebook imports its step package and nothing else: `from kit.steps import kpis`."""
    nb = nbformat.read(path, as_version=4)
    imports = [
        ast.unparse(node)
        for cell in nb.cells
        if cell.cell_type == "code"
        for node in ast.walk(ast.parse(cell.source))
        if isinstance(node, ast.Import | ast.ImportFrom)
    ]
    assert len(imports) == 1, imports
    assert re.fullmatch(r"from kit\.steps import [a-z]+", imports[0]), imports


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_code_cell_is_longer_than_fifteen_lines(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    long = [
        (index, len(cell.source.splitlines()))
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and len(cell.source.splitlines()) > MAX_CELL_LINES
    ]
    assert long == [], f"{path.name}: cells (index, lines) over {MAX_CELL_LINES} lines: {long}"
