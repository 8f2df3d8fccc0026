"""`kit duplicates`, `kit import-bpmn`: the process maps, alone or inside an engagement."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kit.cli.boundary import language_near, speak
from kit.cli.options import JsonOpt, LanguageOpt
from kit.cli.output import emit_json, show
from kit.i18n import N_

__all__ = ["duplicates", "import_bpmn"]


def duplicates(
    paths: Annotated[list[Path], typer.Argument(help=N_("Process maps or folders of maps."))],
    threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help=N_("Similarity threshold 0..1."))
    ] = 0.85,
    as_json: JsonOpt = False,
    language: LanguageOpt = None,
) -> None:
    """Find duplicate work, rework loops and handoffs across process maps."""
    from kit.cli.commands import duplicates_command
    from kit.process.loading import gc_paused

    if language is not None:
        speak(language.value)
    # The collector stays paused until the maps and the document are freed: resumed while they
    # are alive, its first pass would walk every one of their objects once more (0.1 s or more).
    with gc_paused():
        view, document = duplicates_command(
            paths,
            threshold=threshold,
            as_json=as_json,
            language=language.value if language is not None else None,
        )
        if as_json:  # one line: tens of thousands of activities print in a fraction of a second
            emit_json(document, indent=None)
        else:
            show(view)
        del view, document


def import_bpmn(
    file: Annotated[Path, typer.Argument(help=N_("A BPMN 2.0 file."))],
    output: Annotated[
        Path | None, typer.Option(help=N_("Where to write the map (default: FILE with .yaml)."))
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Replace an existing map even if it was edited."))
    ] = False,
    language: LanguageOpt = None,
) -> None:
    """Convert a BPMN 2.0 model into the kit's YAML map form so effort can be added."""
    from kit.files import atomic_write_text
    from kit.i18n import tr
    from kit.process import import_bpmn as read_bpmn
    from kit.process.native import yaml_text

    chosen = speak(language.value if language is not None else language_near(file))
    pmap = read_bpmn(file)
    target = output or file.with_suffix(".yaml")
    text = yaml_text(pmap)
    _refuse_overwrite(target, text, force=force)
    atomic_write_text(target, text)
    for warning in pmap.warnings:
        typer.echo(f"{tr('Note', chosen)}: {warning.describe(chosen)}", err=True)
    typer.echo(str(target))


def _refuse_overwrite(target: Path, text: str, *, force: bool) -> None:
    """Raise ProcessMapError when `target` exists and differs from `text` (edits would be lost)."""
    from kit.errors import ProcessMapError

    if force or not (target.exists() or target.is_symlink()):
        return
    if target.is_file() and not target.is_symlink():
        with target.open("rb") as handle:
            current = handle.read(len(text.encode("utf-8")) + 1)
        if current == text.encode("utf-8"):
            return
    raise ProcessMapError(
        "the map file exists and differs from this import (it may hold edits)",
        path=target,
        hint="use --output for a new file, or --force to replace it",
    )
