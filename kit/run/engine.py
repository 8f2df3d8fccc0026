"""`kit run`: execute the step notebooks, convert them to client reports, publish atomically."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import nbformat
from filelock import FileLock, Timeout

from kit.containment import check_outputs
from kit.engagement import Engagement, load_engagement, repo_root
from kit.errors import ConfigError, RunError
from kit.i18n import Language, fmt_date, fmt_datetime, tr, trn
from kit.message import msg
from kit.report.consultant import read_consultant_notes
from kit.report.index import IndexCard, PhaseStatusSource, phase_states, render_index
from kit.run.carry import carry_over, save_cards
from kit.run.convert import (
    convert_notebook,
    page_metadata,
    prepare_notebook,
    read_headline,
    report_title,
)
from kit.run.execute import EXPORTS_ENV, StepOutcome, execute_step
from kit.run.manifest import environment, input_hashes, new_run_id, write_manifest
from kit.run.pack import build_run_pack
from kit.run.pdf import combined_html, find_chromium, html_to_pdf
from kit.run.progress import RunProgress
from kit.run.publish import publish_reports, recover_reports
from kit.run.status import StepStatus

__all__ = ["RunResult", "StepResult", "StepStatus", "find_notebooks", "run_engagement"]

_STEP_NAME = re.compile(r"^\d{2}_[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class StepResult:
    """One notebook of a run: status, seconds, executed notebook, report and headline."""

    step: str
    status: StepStatus
    seconds: float
    executed: Path
    html: Path | None = None
    pdf: Path | None = None
    title: str | None = None
    headline: dict[str, Any] | None = None
    cell: int | None = None
    error: str | None = None
    consultant: tuple[str, ...] = ()  # instructions for the consultant, kept out of the report


@dataclass(frozen=True)
class RunResult:
    """A finished run: id, folders, per-step results and the published reports folder."""

    run_id: str
    run_dir: Path
    reports_dir: Path
    started: datetime
    finished: datetime
    steps: list[StepResult] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        """Return the wall-clock duration of the run in seconds."""
        return (self.finished - self.started).total_seconds()


def find_notebooks(notebooks_dir: Path, only: Sequence[str] | None = None) -> list[Path]:
    """Return the step notebooks (NN_name.ipynb, sorted); `only` picks by number or name."""
    found = sorted(p for p in notebooks_dir.glob("*.ipynb") if _STEP_NAME.match(p.stem))
    if not found:
        raise ConfigError("no step notebooks (NN_name.ipynb) found", path=notebooks_dir)
    if not only:
        return found
    chosen: list[Path] = []
    for wanted in only:
        key = wanted.strip().removesuffix(".ipynb")
        hits = [p for p in found if p.stem == key or p.stem.split("_", 1)[0] == key.zfill(2)]
        if not hits:
            raise ConfigError(
                "unknown step",
                key="only",
                value=wanted,
                expected=msg("one of {values}", values=", ".join(p.stem for p in found)),
            )
        chosen.extend(h for h in hits if h not in chosen)
    return sorted(chosen)


def _footer(run_id: str, started: datetime, language: Language) -> str:
    return tr(
        "Run {run_id} of {time}", language, run_id=run_id, time=fmt_datetime(started, language)
    )


def _convert(
    outcome: StepOutcome,
    *,
    engagement: Engagement,
    language: Language,
    as_of_text: str,
    footer: str,
) -> StepResult:
    executed_nb = nbformat.read(outcome.executed, as_version=4)
    title = report_title(executed_nb, outcome.step, language)
    meta = page_metadata(
        engagement, language=language, title=title, as_of_text=as_of_text, footer=footer
    )
    prepared = prepare_notebook(executed_nb, language=language, kit_meta=meta)
    html = convert_notebook(prepared, outcome.executed.with_suffix(".html"))
    return StepResult(
        outcome.step,
        StepStatus.OK,
        round(outcome.seconds, 3),
        outcome.executed,
        html=html,
        title=title,
        headline=read_headline(executed_nb),
        consultant=tuple(read_consultant_notes(executed_nb)),
    )


@contextmanager
def _run_lock(output: Path) -> Iterator[None]:
    """Hold an exclusive lock on the engagement's output folder; refuse a second run at once."""
    output.mkdir(parents=True, exist_ok=True)
    lock = FileLock(output / ".run.lock", timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise ConfigError(
            "another `kit run` on this engagement is still running",
            path=output,
            hint="wait until it has finished; two runs would replace each other's reports",
        ) from None
    try:
        yield
    finally:
        lock.release()


def run_engagement(
    path: str | Path,
    *,
    only: Sequence[str] | None = None,
    as_of: date | None = None,
    jobs: int = 1,
    pdf: bool = False,
    notebooks_dir: Path | None = None,
    progress: bool = True,
    phase_status: PhaseStatusSource | None = None,
) -> RunResult:
    """Run the engagement's notebooks into output/runs/<run-id>/ and publish output/reports/.

    `reports/` is replaced only when every notebook succeeded; a failure raises RunError naming
    the step, the cell and the error, and keeps the executed notebook in the run folder. Only one
    run per engagement at a time (a second one is refused with ConfigError).
    """
    engagement = load_engagement(path)
    check_outputs(engagement)
    with _run_lock(engagement.output_dir):
        return _run(
            engagement,
            only=only,
            as_of=as_of,
            jobs=jobs,
            pdf=pdf,
            notebooks_dir=notebooks_dir,
            progress=progress,
            phase_status=phase_status,
        )


def _run(
    engagement: Engagement,
    *,
    only: Sequence[str] | None,
    as_of: date | None,
    jobs: int,
    pdf: bool,
    notebooks_dir: Path | None,
    progress: bool,
    phase_status: PhaseStatusSource | None,
) -> RunResult:
    """Check the request, execute the notebooks, convert them and publish the reports.

    Long because it reads as the story of a run (check, execute, convert, publish) with each step a
    call.
    """
    from kit.kpis.open_items import refuse_as_of

    refuse_as_of(engagement, as_of)
    notebooks = find_notebooks(notebooks_dir or repo_root() / "notebooks", only)
    _refuse_options(jobs=jobs, pdf=pdf)
    language = engagement.language
    output = engagement.output_dir
    output.mkdir(parents=True, exist_ok=True)
    recover_reports(output)
    started = datetime.now(UTC).replace(microsecond=0)
    hashes = input_hashes(engagement)
    run_id = new_run_id(started, hashes)
    run_dir = output / "runs" / run_id
    run_dir.mkdir(parents=True)
    shown_as_of = as_of or engagement.as_of or started.date()
    parameters = {
        "engagement": str(engagement.root),
        "as_of": as_of.isoformat() if as_of else None,
        "language": language,
    }
    manifest = _new_manifest(engagement, run_id, started, hashes, parameters)
    write_manifest(run_dir / "run.json", manifest)
    bar = RunProgress(len(notebooks), enabled=progress, language=language)
    footer = _footer(run_id, started, language)
    outcomes = _execute_all(notebooks, run_dir, parameters=parameters, jobs=jobs, bar=bar)
    failed = [o for o in outcomes if not o.ok]
    results = [
        _convert(
            outcome,
            engagement=engagement,
            language=language,
            as_of_text=fmt_date(shown_as_of, language),
            footer=footer,
        )
        if outcome.ok and not failed
        else _unconverted(outcome)
        for outcome in outcomes
    ]
    manifest["notebooks"] = {r.step: _step_record(r, run_dir) for r in results}
    if failed:
        error = _run_error(failed[0], language)
        manifest["notebooks"][failed[0].step]["message"] = error.describe(language)
        manifest.update(status=StepStatus.FAILED.value, finished=_now())
        write_manifest(run_dir / "run.json", manifest)
        bar.end(tr("Failed at {step}; reports/ left unchanged", language, step=failed[0].step))
        raise error
    kit_meta = page_metadata(
        engagement,
        language=language,
        title=tr("Credit-management rollout reports", language),
        as_of_text=fmt_date(shown_as_of, language),
        footer=footer,
    )
    files = _finish_pages(
        results, run_dir, kit_meta, engagement, language, pdf, phase_status, shown_as_of
    )
    finished = datetime.now(UTC)
    reports = _publish(files, results, manifest, run_dir, finished=finished, output=output)
    bar.end(
        trn(
            "{count} report published to {reports}",
            "{count} reports published to {reports}",
            len(results),
            language,
            reports=reports,
        )
    )
    return RunResult(run_id, run_dir, reports, started, finished, results)


def _publish(
    files: list[Path],
    results: list[StepResult],
    manifest: dict[str, Any],
    run_dir: Path,
    *,
    finished: datetime,
    output: Path,
) -> Path:
    """Complete run.json of a successful run and publish its files; return the reports folder."""
    manifest.update(status=StepStatus.OK.value, finished=finished.isoformat())
    _record_accounting(manifest, run_dir)
    manifest["notebooks"] = {r.step: _step_record(r, run_dir) for r in results}
    write_manifest(run_dir / "run.json", manifest)
    return publish_reports(
        files, output, run_id=str(manifest["run_id"]), folders=[run_dir / "exports"]
    )


def _refuse_options(*, jobs: int, pdf: bool) -> None:
    """Refuse `jobs` below 1 (ConfigError) and a PDF without Chromium (ReportError)."""
    if jobs < 1:
        raise ConfigError("jobs must be at least 1", key="jobs", value=jobs)
    if pdf and find_chromium() is None:
        from kit.errors import ReportError

        raise ReportError(
            "Chromium is not installed, so no PDF can be printed",
            hint="install it (Debian/Ubuntu: apt-get install chromium) or run without --pdf",
        )


def _new_manifest(
    engagement: Engagement,
    run_id: str,
    started: datetime,
    hashes: dict[str, Any],
    parameters: dict[str, Any],
) -> dict[str, Any]:
    """Return run.json of a run that has started: inputs, environment, no notebooks yet."""
    return {
        "run_id": run_id,
        "started": started.isoformat(),
        "finished": None,
        "status": StepStatus.RUNNING.value,
        "kit_version": _kit_version(),
        "engagement": str(engagement.root),
        "parameters": parameters,
        "inputs": hashes,
        "environment": environment(),
        "notebooks": {},
    }


def _execute_all(
    notebooks: list[Path],
    run_dir: Path,
    *,
    parameters: dict[str, Any],
    jobs: int,
    bar: RunProgress,
) -> list[StepOutcome]:
    """Execute the notebooks into `run_dir`, `jobs` at a time; return their outcomes in order."""

    def one(source: Path) -> StepOutcome:
        bar.start(source.stem)
        outcome = execute_step(
            source,
            run_dir / source.name,
            parameters=parameters,
            cwd=repo_root(),
            env={EXPORTS_ENV: str(run_dir / "exports")},
        )
        bar.finish(outcome)
        return outcome

    with ThreadPoolExecutor(max_workers=min(jobs, len(notebooks))) as pool:
        return list(pool.map(one, notebooks))


def _run_error(first: StepOutcome, language: Language) -> RunError:
    """Return the error of a failed run: the first failed step, its cell and what went wrong.

    A KitError of the notebook is told in `language` (its message id and parameters came back
    from the kernel); any other error is named a technical one whose detail is in the step's log.
    """
    if first.kit_error is not None:
        error: str = first.kit_error.describe(language)
    else:
        error = msg(
            "a technical error; the details are in {log}", log=str(first.log or first.executed)
        )
    return RunError(step=first.step, cell=first.cell, error=error, executed=str(first.executed))


def _unconverted(outcome: StepOutcome) -> StepResult:
    """Return the result of a step that is not converted (it failed, or another one did)."""
    return StepResult(
        outcome.step,
        StepStatus.OK if outcome.ok else StepStatus.FAILED,
        round(outcome.seconds, 3),
        outcome.executed,
        cell=outcome.cell,
        error=outcome.error,
    )


def _finish_pages(
    results: list[StepResult],
    run_dir: Path,
    kit_meta: dict[str, Any],
    engagement: Engagement,
    language: Language,
    pdf: bool,
    phase_status: PhaseStatusSource | None,
    today: date,
) -> list[Path]:
    """Write index.html (and PDFs when asked) into the run folder; return the files to publish.

    Long because the index, the carried-over reports, the pack and the PDFs are written in the order
    the index needs them.
    """
    if pdf:
        for i, result in enumerate(results):
            assert result.html is not None  # noqa: S101 - converted steps always have HTML
            results[i] = _with_pdf(
                result, html_to_pdf(result.html, result.html.with_suffix(".pdf"))
            )
    cards = [
        IndexCard(
            r.step,
            r.title or r.step,
            r.html.name if r.html else "",
            r.headline,
            r.pdf.name if r.pdf else None,
        )
        for r in results
    ]
    carried, carried_files = carry_over(
        engagement.output_dir / "reports",
        run_dir,
        ran={r.step for r in results},
        as_of=today.isoformat(),
        language=language,
    )
    cards = sorted([*cards, *carried], key=lambda c: c.step)
    phases = phase_states(engagement, language=language, status=phase_status, today=today)
    combined_name = "reports.pdf" if pdf else None
    downloads, _ = build_run_pack(engagement, run_dir, cards, language=language, as_of=today)
    index = run_dir / "index.html"
    index.write_text(
        render_index(
            kit_meta=kit_meta,
            cards=cards,
            phases=phases,
            combined_pdf=combined_name,
            downloads=downloads,
        ),
        encoding="utf-8",
    )
    pages = [index, *sorted([*(r.html for r in results if r.html), *carried_html(carried_files)])]
    files = [
        *pages,
        *(f for f in carried_files if f.suffix == ".pdf"),
        save_cards(cards, run_dir, as_of=today.isoformat(), language=language),
    ]
    if pdf:
        combined = combined_html(pages, run_dir / ".combined.html")
        files.append(html_to_pdf(combined, run_dir / "reports.pdf"))
        combined.unlink()
        files.extend(r.pdf for r in results if r.pdf)
    return files


def carried_html(files: list[Path]) -> list[Path]:
    """Return the HTML reports among carried-over files."""
    return [f for f in files if f.suffix == ".html"]


def _with_pdf(result: StepResult, pdf: Path) -> StepResult:
    from dataclasses import replace

    return replace(result, pdf=pdf)


def _step_record(result: StepResult, run_dir: Path) -> dict[str, Any]:
    return {
        "status": result.status.value,
        "seconds": result.seconds,
        "executed": result.executed.relative_to(run_dir).as_posix(),
        "output": result.html.relative_to(run_dir).as_posix() if result.html else None,
        "pdf": result.pdf.relative_to(run_dir).as_posix() if result.pdf else None,
        "cell": result.cell,
        "error": result.error,
        "consultant_notes": list(result.consultant),
    }


def _record_accounting(manifest: dict[str, Any], run_dir: Path) -> None:
    """Put the row accounting of every data source (from the KPI step) into run.json."""
    from kit.ingest.accounting import recorded_in_run

    accounting = recorded_in_run(run_dir)
    if accounting is not None:
        manifest["data_accounting"] = accounting


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _kit_version() -> str:
    from kit import __version__

    return __version__
