"""Building blocks of `kit run` (engine: the run itself): execute, convert, manifest, pdf, publish.

Nothing is imported here so that light modules (publish) load without papermill and nbformat.
"""

from __future__ import annotations

__all__: list[str] = []
