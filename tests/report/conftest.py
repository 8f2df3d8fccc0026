"""Fixtures for report tests: a fixture engagement and one shared run of the fixture notebooks.

`report_run` is the run every report check looks at. To check the real sample engagement instead,
change `report_run` to run `data/samples/acme-gmbh` with the real notebooks (notebooks_dir=None,
only=None) — every test below reads whatever `report_run` returns.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kit.run.engine import RunResult, run_engagement
from kit.run.pdf import find_chromium

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "notebooks"
FIXTURE_ENGAGEMENT = FIXTURES / "engagement"
FOOTER = re.compile(r'<span class="kit-run-footer">[^<]*</span>')


#: The step notebooks of the kit, each a client report.
STEPS = (
    "01_goals",
    "02_stakeholders",
    "03_process",
    "04_kpis",
    "05_strategy",
    "06_rollout",
    "07_aftercare",
)


def copy_engagement(target: Path) -> Path:
    """Return a fresh copy of the fixture engagement in `target` (reports are written into it)."""
    shutil.copytree(FIXTURE_ENGAGEMENT, target)
    return target


def mask_footer(html: str) -> str:
    """Return the HTML with the run footer (run id and time) blanked."""
    return FOOTER.sub('<span class="kit-run-footer">RUN</span>', html)


def image_count(html: str) -> int:
    """Return the number of inline PNG images (figures and logo) in a report."""
    return len(re.findall(r'<img[^>]*\ssrc="data:image/png;base64,', html))


@pytest.fixture(scope="session")
def agg_backend() -> Iterator[None]:
    """Set MPLBACKEND=Agg in this process, as a CI shell would; the kernels must not inherit it."""
    old = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "Agg"
    yield
    if old is None:
        os.environ.pop("MPLBACKEND", None)
    else:
        os.environ["MPLBACKEND"] = old


@pytest.fixture(scope="session")
def report_run(tmp_path_factory: pytest.TempPathFactory, agg_backend: None) -> RunResult:
    """Return one run of fixture notebooks 01 and 02 (two jobs) on a fixture engagement copy."""
    engagement = copy_engagement(tmp_path_factory.mktemp("run") / "engagement")
    return run_engagement(
        engagement,
        only=["01", "02"],
        jobs=2,
        notebooks_dir=FIXTURES,
        progress=False,
        pdf=find_chromium() is not None,  # PDFs too where Chromium is installed
    )


SAMPLE = REPO / "data" / "samples" / "acme-gmbh"


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory, agg_backend: None) -> RunResult:
    """Return one run of the seven real notebooks on a copy of the sample engagement."""
    engagement = tmp_path_factory.mktemp("sample") / "acme-gmbh"
    shutil.copytree(SAMPLE, engagement, ignore=shutil.ignore_patterns("output"))
    return run_engagement(engagement, jobs=2, progress=False)


def _run_of(request: pytest.FixtureRequest) -> RunResult:
    """Return the run fixture the parameter names (`RUNS`): one run per parameter in turn."""
    run: RunResult = request.getfixturevalue(RUNS[request.param])
    return run


#: The run fixture of each parameter of `any_run` and `client_run`.
RUNS = {
    "fixture-notebooks": "report_run",
    "sample-engagement": "sample_run",
    "long-names": "long_names_run",
}


@pytest.fixture(scope="session", params=["fixture-notebooks", "sample-engagement"])
def any_run(request: pytest.FixtureRequest) -> RunResult:
    """Return the fixture run and the sample run in turn (browser checks apply to both)."""
    return _run_of(request)


LONG_NAMES = (
    "Hochleistungskältetechnik Großhandelsgesellschaft mbH & Co. KG, Niederlassung Süd-West",
    "Internationale Landmaschinen- und Werkzeugvertriebsgesellschaft Mecklenburg-Vorpommern AG",
    "Zweckverband Wasserversorgung und Abwasserbeseitigung Oberschwäbisches Allgäu",
)


@pytest.fixture(scope="session")
def long_names_run(tmp_path_factory: pytest.TempPathFactory, agg_backend: None) -> RunResult:
    """Return a run of the seven notebooks on the sample with long client and customer names."""
    engagement = tmp_path_factory.mktemp("long") / "long-names"
    shutil.copytree(SAMPLE, engagement, ignore=shutil.ignore_patterns("output"))
    config = engagement / "engagement.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("client: Acme GmbH", f"client: {LONG_NAMES[0]}", 1)
    text = text.replace("consultant: Dr. Jana Becker", f"consultant: {LONG_NAMES[2]}", 1)
    config.write_text(text, encoding="utf-8")
    customers = engagement / "data" / "kunden.csv"
    lines = customers.read_text(encoding="utf-8").splitlines()
    renamed = [lines[0]]
    for i, line in enumerate(lines[1:]):
        cells = line.split(";")
        cells[1] = f"{LONG_NAMES[i % 2]} {i}"
        renamed.append(";".join(cells))
    customers.write_text("\n".join(renamed) + "\n", encoding="utf-8")
    return run_engagement(engagement, jobs=2, progress=False)


@pytest.fixture(scope="session", params=["sample-engagement", "long-names"])
def client_run(request: pytest.FixtureRequest) -> RunResult:
    """Return the sample run and the long-names run in turn (layout checks apply to both)."""
    return _run_of(request)


ENGLISH_SAMPLE = REPO / "data" / "samples" / "ibm-ar"
IBM_LEDGER = REPO.parent / "shared" / "data" / "ibm-accounts-receivable"


@pytest.fixture(scope="session")
def english_sample_run(tmp_path_factory: pytest.TempPathFactory, agg_backend: None) -> RunResult:
    """Return one run of the seven notebooks on a copy of the English sample (IBM ledger, USD)."""
    ledger = IBM_LEDGER / "WA_Fn-UseC_-Accounts-Receivable.csv"
    if not ledger.is_file():
        pytest.skip(f"the public IBM ledger is not in {IBM_LEDGER}")
    engagement = tmp_path_factory.mktemp("english") / "ibm-ar"
    shutil.copytree(ENGLISH_SAMPLE, engagement, ignore=shutil.ignore_patterns("output"))
    config = engagement / "engagement.yaml"
    text = config.read_text(encoding="utf-8")
    start = text.index("path: ") + len("path: ")
    end = text.index("\n", start)
    config.write_text(text[:start] + str(ledger) + text[end:], encoding="utf-8")
    return run_engagement(engagement, jobs=2, progress=False)
