"""Sections whose blocks show nothing leave the client report, with the words around them."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kit.run.sections import drop_empty_sections


def _shown(html: str = "<p>x</p>") -> nbformat.NotebookNode:
    return new_code_cell(outputs=[new_output("display_data", data={"text/html": html})])


def test_empty_sections_and_their_explanations_go() -> None:
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Title\n\nIntro."),
            _shown('<section class="kit-summary"><h2>Summary</h2></section>'),
            new_markdown_cell("## Empty section\n\nExplains a chart."),
            new_code_cell(),  # the chart had no data
            new_markdown_cell("## Kept section\n\nExplains a table."),
            _shown(),
            new_markdown_cell("A sentence about a second chart."),
            new_code_cell(),  # no data for that chart: the sentence goes
            new_markdown_cell("## Register\n\nThe full register."),
            new_code_cell(),  # empty register: the heading goes although the glossary follows
            _shown('<section class="kit-glossary"><h2>Glossary</h2></section>'),
        ]
    )
    kept = drop_empty_sections(nb).cells
    sources = [c.source.split("\n")[0] for c in kept if c.cell_type == "markdown"]
    assert sources == ["# Title", "## Kept section"]
    html = [o["data"]["text/html"] for c in kept for o in c.get("outputs", [])]
    assert any("Glossary" in h for h in html) and any("Summary" in h for h in html)
