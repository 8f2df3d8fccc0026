"""Execute one notebook with papermill in a kernel whose environment keeps figures inline.

The kernel loads `kit.run.kernel_errors`, so a `KitError` that fails a cell comes back whole
(`StepOutcome.kit_error`) and can be told in the engagement's language; any other error is
written with its traceback to the step's kernel log (`StepOutcome.log`).
"""

from __future__ import annotations

import os
import pickle
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, ClassVar

import nbformat
from jupyter_client.manager import AsyncKernelManager

from kit.errors import KitError
from kit.files import EXPORTS_ENV
from kit.run.kernel_errors import ERROR_ENV

__all__ = [
    "EXPORTS_ENV",
    "KERNEL_NAME",
    "CleanEnvKernelManager",
    "StepOutcome",
    "execute_step",
    "kernel_env",
]

KERNEL_NAME = "python3"
# Variables that must not leak from the caller into the kernel: a non-inline matplotlib backend
# (MPLBACKEND=Agg in a test or CI shell) makes every figure of every report silently disappear.
_DROPPED_ENV = ("MPLBACKEND",)


def kernel_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """Return the environment for report kernels: the caller's, minus MPLBACKEND."""
    env = dict(os.environ if base is None else base)
    for name in _DROPPED_ENV:
        env.pop(name, None)
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # quiets a debugger warning on frozen modules
    return env


class CleanEnvKernelManager(AsyncKernelManager):
    """Kernel manager that starts kernels with `kernel_env()` instead of the inherited env."""

    kernel_log: ClassVar[IO[bytes] | None] = None
    extra_env: ClassVar[dict[str, str]] = {}
    #: Arguments for the kernel: it keeps a failing cell's KitError for the runner.
    kernel_arguments: ClassVar[tuple[str, ...]] = ("--ext=kit.run.kernel_errors",)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        """Return the kernel's command line with `kernel_arguments` added."""
        return super().format_kernel_cmd([*(extra_arguments or []), *self.kernel_arguments])

    async def _async_pre_start_kernel(self, **kw: Any) -> Any:
        kw["env"] = {**kernel_env(kw.get("env")), **self.extra_env}
        if self.kernel_log is not None:  # the kernel's own chatter goes to a log, not the console
            kw.setdefault("stdout", self.kernel_log)
            kw.setdefault("stderr", self.kernel_log)
        return await super()._async_pre_start_kernel(**kw)


def _manager_for(log: IO[bytes], env: dict[str, str]) -> type[CleanEnvKernelManager]:
    """Return a kernel manager class whose kernels write stdout/stderr to `log` and get `env`."""
    return type(
        "StepKernelManager", (CleanEnvKernelManager,), {"kernel_log": log, "extra_env": env}
    )


@dataclass(frozen=True)
class StepOutcome:
    """The result of executing one notebook: status, time and where the executed copy is."""

    step: str
    executed: Path
    seconds: float
    ok: bool
    cell: int | None = None
    error: str | None = None  # technical, one line: class and English text
    kit_error: KitError | None = None  # the KitError that failed the cell, when it was one
    log: Path | None = None  # where the technical detail of a failure is


def _source_cell_number(source: Path, executed: Path, index: int) -> int | None:
    """Return the 1-based position in the source notebook of executed cell `index`."""
    try:
        run_nb = nbformat.read(executed, as_version=4)
        src_nb = nbformat.read(source, as_version=4)
    except (OSError, ValueError):
        return index + 1
    cells = [
        c for c in run_nb.cells if "papermill-error-cell-tag" not in c.metadata.get("tags", [])
    ]
    if not 0 <= index < len(cells):
        return index + 1
    wanted = cells[index].get("id")
    for position, cell in enumerate(src_nb.cells, start=1):
        if wanted is not None and cell.get("id") == wanted:
            return position
    injected = sum(1 for c in cells[:index] if "injected-parameters" in c.metadata.get("tags", []))
    return index - injected + 1


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _kept_error(path: Path) -> KitError | None:
    """Return the KitError the kernel pickled to `path` (None when there is none)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    # Written by this step's own kernel into this run's new folder (kit.run.kernel_errors).
    error = pickle.loads(data)  # noqa: S301
    return error if isinstance(error, KitError) else None


def _log_failure(log: Path, ename: str, evalue: str, traceback: list[str]) -> Path:
    """Append the technical detail of a failure (class, text, traceback) to the step's log."""
    with log.open("a", encoding="utf-8") as file:
        file.write(f"\n{ename}: {evalue}\n")
        file.writelines(_ANSI.sub("", line) + "\n" for line in traceback)
    return log


def _one_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return lines[0] if lines else ""


def execute_step(
    source: Path,
    executed: Path,
    *,
    parameters: dict[str, Any],
    cwd: Path,
    timeout: int | None = None,
    env: dict[str, str] | None = None,
) -> StepOutcome:
    """Return the outcome of running `source` with papermill into `executed` (never raises)."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    step = source.stem
    started = time.perf_counter()
    log_path = executed.with_suffix(".kernel.log")
    kept = executed.with_suffix(".error.pickle")
    log = log_path.open("wb")
    try:
        pm.execute_notebook(
            str(source),
            str(executed),
            parameters=parameters,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            # The kernel's working directory, without papermill's process-wide chdir (threads).
            resources={"metadata": {"path": str(cwd)}},
            kernel_manager_class=_manager_for(log, {**(env or {}), ERROR_ENV: str(kept)}),
        )
    except PapermillExecutionError as exc:
        log.close()
        kit_error = _kept_error(kept)
        if kit_error is not None:  # the kernel's own report of it may lack the class and text
            error = f"{type(kit_error).__name__}: {_one_line(str(kit_error))}"
        else:
            error = f"{exc.ename}: {_one_line(exc.evalue)}" if exc.evalue else str(exc.ename)
        return StepOutcome(
            step,
            executed,
            time.perf_counter() - started,
            ok=False,
            cell=_source_cell_number(source, executed, exc.cell_index),
            error=error,
            kit_error=kit_error,
            log=_log_failure(log_path, exc.ename, exc.evalue, list(exc.traceback or [])),
        )
    except Exception as exc:  # kernel died, bad notebook file, missing parameters cell ...
        log.close()
        return StepOutcome(
            step,
            executed,
            time.perf_counter() - started,
            ok=False,
            error=f"{type(exc).__name__}: {_one_line(str(exc))}",
            log=_log_failure(log_path, type(exc).__name__, str(exc), []),
        )
    finally:
        log.close()
    return StepOutcome(step, executed, time.perf_counter() - started, ok=True)
