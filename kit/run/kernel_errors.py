"""An IPython extension for report kernels: a `KitError` a cell raises is kept for the runner.

papermill hands the runner only the error's class name and its English text. So that `kit run`
can say what went wrong in the engagement's language, the kernel of every step loads this
extension (`--ext kit.run.kernel_errors`, see `kit.run.execute`); it registers a handler for
`KitError` with IPython's `set_custom_exc` that pickles the error (message id, parameters,
location and hint survive, see `KitError.__reduce__`) into the file named by the environment
variable `KIT_STEP_ERROR`, then shows the usual traceback in the notebook.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from types import TracebackType
from typing import Any

from kit.errors import KitError

__all__ = ["ERROR_ENV", "keep_error", "load_ipython_extension"]

#: The file a failing cell's KitError is pickled to (set by the runner for each step's kernel).
ERROR_ENV = "KIT_STEP_ERROR"


def keep_error(
    shell: Any,
    etype: type[BaseException],
    value: BaseException,
    tb: TracebackType | None,
    tb_offset: int | None = None,
) -> Any:
    """Pickle `value` to `$KIT_STEP_ERROR` and return the traceback IPython shows as usual."""
    target = os.environ.get(ERROR_ENV)
    if target:
        try:
            Path(target).write_bytes(pickle.dumps(value))
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass  # the runner then reports the error as a technical one
    return shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)


def load_ipython_extension(ipython: Any) -> None:
    """Register `keep_error` for every KitError raised in this kernel."""
    ipython.set_custom_exc((KitError,), keep_error)
