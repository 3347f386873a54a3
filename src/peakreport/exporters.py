"""peakreport's HTML and PDF exports as nbconvert exporters.

Registered under nbconvert's entry points (pyproject.toml), so that

    jupyter nbconvert --to peakreport_html executed.ipynb
    jupyter nbconvert --to peakreport_pdf executed.ipynb

and JupyterLab's *File → Save and Export Notebook As…* menu give the report that
`peakreport run` gives: outputs only (no code, no parameter cells, no prompts), the report
template with plotly.js inline once (no CDN), the PDF printed by the same Chromium step
(`export.PdfPrinter`, which waits until every chart is drawn), and the privacy scan of the
result against the inputs' personal data when the notebook's params are known. Stock
`--to html` shows code and both parameter cells and loads scripts from CDNs; stock
`--to webpdf` only finds a browser that Playwright downloaded.

`peakreport run` uses `PeakreportHTMLExporter` too (`export._exporter`): one class, one
result.
"""

from __future__ import annotations

import ast
import copy
import logging
from pathlib import Path
from typing import Any

from nbconvert.exporters import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from traitlets import default


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


SHOWN = {"text/html", "image/png"}  # what the report template shows (index.html.j2)
log = logging.getLogger("peakreport")


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


def notebook_parameters(nb) -> dict[str, Any]:
    """The values of the `parameters` cell, overridden by Papermill's `injected-parameters`
    cell: literal assignments only (nothing is executed)."""
    values: dict[str, Any] = {}
    for tag in ("parameters", "injected-parameters"):
        for cell in nb.cells:
            if cell.cell_type != "code" or tag not in cell.metadata.get("tags", []):
                continue
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                continue
            for node in tree.body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                        node.targets[0], ast.Name):
                    try:
                        values[node.targets[0].id] = ast.literal_eval(node.value)
                    except ValueError:
                        continue
    return values


class ReportContext:
    """What an export needs to know from the notebook's params: the report's title and
    language, and the identifiers the privacy scan looks for. Unknown (no params found),
    the export still works, titled by the notebook's name, without the scan."""

    def __init__(self, nb, folder: Path | None) -> None:
        self.title, self.language, self.ids, self.params = "", "fr", None, None
        values = notebook_parameters(nb)
        if "params_path" not in values:
            return
        source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        self.programme = "ProgrammeReport" in source
        path = self._path(values["params_path"], folder)
        if path is None:
            return
        from .params import load_params, load_programme_params

        loader = load_programme_params if self.programme else load_params
        self.params = loader(path, language=values.get("language") or None)
        self.language = self.params.language
        self.title = (self.params.programme.title if self.programme
                      else self.params.event.title)

    def _path(self, value: object, folder: Path | None) -> Path | None:
        if value in ("", None):
            from .bundle import sample_params

            return sample_params("peak-3.yaml" if self.programme else "forum-peak-2021.yaml")
        if not isinstance(value, str):
            return None
        path = Path(value).expanduser()
        # relative: to the notebook's folder (JupyterLab's working directory), else here
        for candidate in ([folder / path] if folder is not None else []) + [path]:
            if candidate.is_file():
                return candidate
        return None

    def scanner(self):
        """An output scan for the inputs' personal data, or None without params."""
        if self.params is None:
            return None
        from .report import OutputScan, identifiers

        if self.programme:
            from .privacy import merge
            from .programme import analyse_programme

            ids = merge([identifiers(a) for a in analyse_programme(self.params).forums])
        else:
            from .pipeline import analyse

            ids = identifiers(analyse(self.params))
        return OutputScan(ids)


class PeakreportHTMLExporter(HTMLExporter):
    """The report as one self-contained HTML file: `--to peakreport_html`."""

    export_from_notebook = "peakreport report (HTML)"
    output_mimetype = "text/html"

    @default("template_name")
    def _template_name_default(self) -> str:
        return "peakreport"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        from .export import TEMPLATES

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

    def from_notebook_node(self, nb, resources: dict | None = None, **kw: Any):
        """HTMLExporter's conversion minus its BeautifulSoup pass (it re-parses the whole
        page to add attributes to Jupyter's own cell markup, which this template does not
        have: ~0.3 s on a page carrying plotly.js). Without `resources["peakreport"]`
        (set by `peakreport run`), the title and language come from the notebook's params,
        and the result is scanned for the inputs' personal data."""
        from .export import page_scripts, stylesheet

        resources = self._init_resources(resources)
        nb = without_session_assets(nb)
        context = None
        if "peakreport" not in resources:
            folder = resources.get("metadata", {}).get("path") or None
            context = ReportContext(nb, Path(folder) if folder else None)
            name = resources.get("metadata", {}).get("name") or "report"
            resources["peakreport"] = {"title": context.title or name,
                                       "lang": context.language, "css": stylesheet(),
                                       "scripts": page_scripts()}
            if context.params is None:
                self.log.warning("peakreport: no params file found in the notebook's "
                                 "parameters: the export is not scanned for personal data")
        for n, kinds in dropped_outputs(nb):  # said, not silently lost
            log.warning("peakreport: warning: notebook cell %d shows %s, which a report "
                        "cannot show (it shows HTML, PNG images, plotly figures, pandas "
                        "tables and Markdown): left out", n, kinds)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        if context is not None:
            resources["peakreport_scan"] = scan = context.scanner()
            if scan is not None:
                self._scan_text(scan, html, "report.html")
        return html, resources

    @staticmethod
    def _scan_text(scan, text: str, name: str) -> None:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / name
            path.write_text(text, encoding="utf-8")
            scan.check(path)
        scan.raise_if_leaked()


class PeakreportPDFExporter(PeakreportHTMLExporter):
    """The report as an A4 PDF, printed by headless Chromium: `--to peakreport_pdf`."""

    export_from_notebook = "peakreport report (PDF)"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    @default("template_extension")
    def _template_extension_default(self) -> str:
        return ".html.j2"  # the HTML template: the PDF is printed from its page

    def from_notebook_node(self, nb, resources: dict | None = None, **kw: Any):
        import tempfile

        from .export import PdfPrinter

        html, resources = super().from_notebook_node(nb, resources, **kw)
        scan = resources.pop("peakreport_scan", None)
        with tempfile.TemporaryDirectory() as tmp:
            html_path, pdf_path = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
            html_path.write_text(html, encoding="utf-8")
            with PdfPrinter() as printer:
                printer.print(html_path, pdf_path)
            if scan is not None:
                scan.check(pdf_path)
                scan.raise_if_leaked()
            pdf = pdf_path.read_bytes()
        resources["output_extension"] = ".pdf"
        return pdf, resources
