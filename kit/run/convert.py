"""Turn an executed notebook into the client's self-contained HTML report."""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path
from typing import Any

import nbformat

from kit.engagement import Engagement
from kit.i18n import Language
from kit.report.blocks import HEADLINE_MIME
from kit.report.consultant import CONSULTANT_MIME
from kit.report.index import TEMPLATE_DIR
from kit.run.sections import drop_empty_sections

__all__ = [
    "TEMPLATE_DIR",
    "convert_notebook",
    "logo_data_uri",
    "page_metadata",
    "prepare_notebook",
    "read_headline",
    "report_title",
]

_LANG_TAGS = {"de": "lang-de", "en": "lang-en"}
_REMOVED_TAGS = {"parameters", "injected-parameters", "remove", "papermill-error-cell-tag"}
# A bare object repr such as "<Figure size 640x480 with 1 Axes>" or "[<matplotlib.lines...>]":
# meaningless to a client and, with its memory address, different in every run.
_BARE_REPR = re.compile(r"^\[?<[^>]*>\]?$|<[^>]* at 0x[0-9a-f]+>", re.DOTALL)


def logo_data_uri(engagement: Engagement) -> str | None:
    """Return the engagement logo as a data: URI (inline in the HTML), or None without a logo."""
    if engagement.branding.logo is None:
        return None
    path = engagement.resolve(engagement.branding.logo)
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix.lower() == ".svg":
        mime = "image/svg+xml"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def read_headline(nb: Any) -> dict[str, Any] | None:
    """Return the last headline a notebook published (see kit.report.headline), or None."""
    found = None
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if HEADLINE_MIME in data:
                found = dict(data[HEADLINE_MIME])
    return found


def report_title(nb: Any, step: str, language: Language) -> str:
    """Return a report's title: the catalogue's title for the step, else its first heading."""
    from kit.i18n import tr
    from kit.i18n.labels import REPORT_TITLE

    slug = step.split("_", 1)[1] if "_" in step else step
    title = REPORT_TITLE.get(slug)
    if title:
        return tr(title, language)
    other = _LANG_TAGS["en" if language == "de" else "de"]
    for cell in nb.cells:
        if cell.cell_type == "markdown" and other not in cell.metadata.get("tags", []):
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return str(line[2:].strip())
    return slug.replace("_", " ").capitalize()


def _keep_output(output: Any) -> bool:
    if output.get("output_type") == "stream":
        return bool(output.get("name") != "stderr")
    data = output.get("data", {})
    if HEADLINE_MIME in data or CONSULTANT_MIME in data:
        return False
    if output.get("output_type") == "execute_result" and set(data) <= {"text/plain"}:
        return not _BARE_REPR.search(str(data.get("text/plain", "")).strip())
    return True


def prepare_notebook(nb: Any, *, language: Language, kit_meta: dict[str, Any]) -> Any:
    """Return a copy of an executed notebook with only what the client should see, plus metadata.

    Removes cells of the other language, parameter/remove-tagged cells, stderr streams, headline
    bundles, bare object reprs and sections that show nothing; writes `kit_meta` into
    `nb.metadata["kit"]` for the template.
    """
    from nbconvert.preprocessors import TagRemovePreprocessor

    other = _LANG_TAGS["en" if language == "de" else "de"]
    remover = TagRemovePreprocessor(remove_cell_tags={other, *_REMOVED_TAGS}, enabled=True)
    copy = nbformat.from_dict(nb)
    copy, _ = remover.preprocess(copy, {})
    for cell in copy.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if _keep_output(o)]
    drop_empty_sections(copy)
    copy.metadata["kit"] = kit_meta
    copy.metadata["title"] = f"{kit_meta['title']} – {kit_meta['client']}"
    copy.metadata.pop("papermill", None)
    return copy


def _exporter() -> Any:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="report",
        extra_template_basedirs=[str(TEMPLATE_DIR.parent)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    # Belt and braces: even a block that slipped through must not point at a CDN.
    exporter.mathjax_url = ""
    exporter.require_js_url = ""
    exporter.mermaid_js_url = ""
    return exporter


def convert_notebook(nb: Any, target: Path) -> Path:
    """Write the prepared notebook `nb` as a self-contained HTML report to `target`."""
    body, _ = _exporter().from_notebook_node(
        nb, resources={"metadata": {"path": str(target.parent)}}
    )
    target.write_text(body, encoding="utf-8")
    return target


def page_metadata(
    engagement: Engagement, *, language: Language, title: str, as_of_text: str, footer: str
) -> dict[str, Any]:
    """Return the dict the page template reads: branding, names, labels, dates, run footer."""
    from kit.i18n import tr, trp

    branding = engagement.branding
    return {
        "title": title,
        "client": engagement.client,
        "consultant": branding.consultant or "",
        "consultancy": branding.consultancy or "",
        "primary": branding.primary_color,
        "logo": logo_data_uri(engagement),
        "language": language,
        "as_of": as_of_text,
        "footer": footer,
        "labels": {
            "as_of": tr("As of", language),
            "prepared_by": tr("Prepared by", language),
            "overview": tr("Overview", language),
            "figure": trp("report.figure", "Figure", language),
        },
    }
