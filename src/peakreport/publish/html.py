"""Executed notebook → one self-contained HTML page, with the report's template.

Why not the stock exporters: the `lab` template loads require.js and MathJax from
CDNs, and plotly's own HTML pulls MathJax per figure. The report's template
(`templates/peakreport`) shows outputs only, with plotly.js inline once. One
conversion, `ReportHTMLExporter`, serves `peakreport run` (`export_html`) and the
nbconvert entry points (`nbconvert.PeakreportHTMLExporter` extends it with the
notebook's params and the privacy scan): one template, one result.
"""

from __future__ import annotations

import copy
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

from nbconvert.exporters import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from traitlets import default

from ..bundle import TEMPLATES, page_scripts, stylesheet

SHOWN = {"text/html", "image/png"}  # what the report template shows (index.html.j2)
log = logging.getLogger("peakreport")


def _is_asset(output: dict) -> bool:
    """The page scripts and stylesheet an interactive session shows (`display.ASSETS`)."""
    return bool(output.get("metadata", {}).get("peakreport", {}).get("assets"))


def without_session_assets(nb):
    """The notebook without what a JupyterLab session added for itself: an export has its
    own plotly.js and stylesheet (and plotly.js twice would be 1.2 MB more)."""
    if not any(_is_asset(o) for c in nb.cells for o in c.get("outputs", [])):
        return nb
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if "outputs" in cell:
            cell.outputs = [o for o in cell.outputs if not _is_asset(o)]
    return nb


def dropped_outputs(nb) -> list[tuple[int, str]]:
    """(cell number, MIME types) of the rich outputs the report cannot show: a widget, a
    figure shown with another plotly renderer, JSON, SVG… Printed text and plain values
    are left out on purpose and not listed."""
    dropped = []
    for n, cell in enumerate(nb.cells, 1):
        for out in cell.get("outputs", []):
            if out.get("output_type") not in ("display_data", "execute_result"):
                continue
            kinds = set(out.get("data", {})) - {"text/plain"}
            if kinds and not kinds & SHOWN and not _is_asset(out):
                dropped.append((n, ", ".join(sorted(kinds))))
    return dropped


class ReportHTMLExporter(HTMLExporter):
    """The report's template: outputs only (no code, no prompts), plotly.js inline once.

    `resources["peakreport"]` gives the page's title, language, stylesheet and scripts;
    without it, `page_settings` decides them."""

    @default("template_name")
    def _template_name_default(self) -> str:
        return "peakreport"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES)]

    @default("exclude_input")
    def _exclude_input_default(self) -> bool:
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self) -> bool:
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self) -> bool:
        return True

    def page_settings(self, nb, resources: dict) -> dict[str, str]:
        """The page's title (the notebook's name) and language, with the report's
        stylesheet and scripts."""
        name = resources.get("metadata", {}).get("name") or "report"
        return {"title": name, "lang": "fr", "css": stylesheet(), "scripts": page_scripts()}

    def from_notebook_node(self, nb, resources: dict | None = None, **kw: Any):
        """HTMLExporter's conversion minus its BeautifulSoup pass (it re-parses the whole
        page to add attributes to Jupyter's own cell markup, which this template does not
        have: ~0.3 s on a page carrying plotly.js)."""
        resources = self._init_resources(resources)
        nb = without_session_assets(nb)
        if "peakreport" not in resources:
            resources["peakreport"] = self.page_settings(nb, resources)
        for n, kinds in dropped_outputs(nb):  # said, not silently lost
            log.warning("peakreport: warning: notebook cell %d shows %s, which a report "
                        "cannot show (it shows HTML, PNG images, plotly figures, pandas "
                        "tables and Markdown): left out", n, kinds)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


@lru_cache(maxsize=1)
def _exporter() -> ReportHTMLExporter:
    return ReportHTMLExporter()


def render_page(nb, *, title: str, language: str) -> str:
    """The executed notebook `nb` as the report's HTML page."""
    resources = {"peakreport": {"title": title, "lang": language, "css": stylesheet(),
                                "scripts": page_scripts()}}
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return body


def prepare_html_export() -> None:
    """Import nbconvert and compile the report template now: called while the kernel
    runs the notebook (this thread only waits then), it takes ~0.2 s off the export."""
    import nbformat

    render_page(nbformat.v4.new_notebook(), title="", language="fr")


def export_html(notebook: Path, html_path: Path, *, title: str, language: str):
    """Render the executed notebook's outputs into one self-contained HTML file; returns
    the notebook (the privacy scan names the cells of its images)."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    html_path.write_text(render_page(nb, title=title, language=language), encoding="utf-8")
    return nb
