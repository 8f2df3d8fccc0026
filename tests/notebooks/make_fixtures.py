"""Write the fixture notebooks of the runner tests (run once; the .ipynb files are committed).

Cell ids are fixed so executed notebooks and reports are reproducible.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).parent
PARAMS = 'engagement = "data/samples/acme-gmbh"\nas_of = None\nlanguage = None'
OPEN = (
    "from kit.report import Tile, glossary, headline, new_figure, note\n"
    "from kit.report import open_report, summary, table, tiles\n"
    "ctx = open_report(engagement, as_of=as_of, language=language)"
)


def _nb(name: str, cells: list[tuple[str, str, list[str]]]) -> None:
    made = []
    for number, (kind, source, tags) in enumerate(cells, start=1):
        cell = new_code_cell(source) if kind == "code" else new_markdown_cell(source)
        cell.id = f"{name[:2]}-cell-{number:02d}"
        if tags:
            cell.metadata["tags"] = tags
        made.append(cell)
    nb = new_notebook(cells=made)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, HERE / f"{name}.ipynb")


def _in_both_languages(de: str, en: str) -> list[tuple[str, str, list[str]]]:
    """Return two markdown cells: `de` for the German report and `en` for the English one."""
    return [("md", de, ["lang-de"]), ("md", en, ["lang-en"])]


def _report(
    name: str, title_de: str, title_en: str, cells: list[tuple[str, str, list[str]]]
) -> None:
    """Write a report notebook: the parameters, its title in both languages, then `cells`."""
    _nb(name, [("code", PARAMS, ["parameters"]), *_in_both_languages(title_de, title_en), *cells])


_report(
    "01_figures",
    "# Testbericht mit Abbildung\nDieser Abschnitt ist **deutsch**.",
    "# Test report with a figure\nThis section is in **English**.",
    [
        ("code", OPEN, []),
        (
            "code",
            "summary(\n"
            "    ctx,\n"
            '    found=[f"{ctx.engagement.client} zahlt im Schnitt nach {ctx.days(41.2)}."],\n'
            '    means=["Liquidität & Planung leiden <sofort>."],\n'
            '    next_steps=["Mahnlauf wöchentlich statt monatlich."],\n'
            ")",
            [],
        ),
        (
            "code",
            "tiles(ctx, [\n"
            '    Tile("DSO", 41.2, unit="days", reference=38.0, source="CRF-Median",'
            ' status="bad"),\n'
            '    Tile("CEI", 84.1, unit="percent", reference=88, status="warn"),\n'
            '    Tile("Offene Posten", 1234567.891, unit="money", digits=0, status="neutral"),\n'
            "])",
            [],
        ),
        ("code", "import sys\nprint('debug noise for the console', file=sys.stderr)", []),
        (
            "code",
            "import numpy as np\n"
            "import matplotlib.pyplot as plt\n"
            "rng = np.random.default_rng(7)\n"
            "fig, ax = new_figure(xlabel='Monat', ylabel='DSO (Tage)', title='DSO je Monat')\n"
            "ax.plot(range(1, 13), 45 + rng.normal(0, 2, 12).cumsum(), marker='o', label='DSO')\n"
            "ax.axhline(40, linestyle='--', color='#D55E00', label='Ziel')\n"
            "ax.legend()\n"
            "plt.show()",
            [],
        ),
        *_in_both_languages("## Verantwortliche", "## Owners"),
        (
            "code",
            "import pandas as pd\n"
            "df = pd.DataFrame({\n"
            "    'Name': ['<script>alert(1)</script>', 'Müller & Söhne'],\n"
            "    'Offen': [1234567.5, 89.0],\n"
            "    'Quote': [84.123, 91.0],\n"
            "    'verfehlt': [True, False],\n"
            "})\n"
            "table(ctx, df, formats={'Offen': 'money', 'Quote': 'percent'}, highlight='verfehlt')",
            [],
        ),
        ("code", "secret_internal_value = 'DO-NOT-SHOW'\nsecret_internal_value", ["remove"]),
        ("code", "plt.plot([1, 2], [3, 4])", []),
        ("code", "note(ctx, 'Werte vorläufig & ungeprüft.')", []),
        (
            "code",
            "headline(ctx, title='DSO', value_text=ctx.days(41.2), "
            "takeaway=f'{ctx.engagement.client}: Ziel 40 Tage verfehlt')",
            [],
        ),
        (
            "code",
            "glossary(ctx, [('DSO', 'Forderungslaufzeit', 'Forderungen / Umsatz × Tage')])",
            [],
        ),
    ],
)

_report(
    "02_tables",
    "# Zweiter Testbericht",
    "# Second test report",
    [
        ("code", OPEN, []),
        (
            "code",
            "import matplotlib.pyplot as plt\n"
            "fig, ax = new_figure(xlabel='Segment', ylabel='Anteil (%)')\n"
            "ax.bar(['A', 'B', 'C'], [40, 35, 25])\n"
            "plt.show()",
            [],
        ),
        *_in_both_languages("## Phasen", "## Phases"),
        (
            "code",
            "import pandas as pd\n"
            "table(ctx, pd.DataFrame({'Phase': [p.id for p in ctx.engagement.phases]}))",
            [],
        ),
    ],
)

_report(
    "08_sleep",
    "# Langsamer Bericht",
    "# Slow report",
    [
        ("code", "import os, time\ntime.sleep(float(os.environ.get('KIT_TEST_SLEEP', '1.0')))", []),
        ("code", OPEN + "\nnote(ctx, 'fertig')", []),
    ],
)

_nb(
    "09_fail",
    [
        ("code", PARAMS, ["parameters"]),
        ("md", "# Fehlerhafter Bericht", ["lang-de"]),
        ("code", "x = 1", []),
        ("code", "raise ValueError('boom & <b>bad</b>')", []),
        ("code", "y = 2", []),
    ],
)
