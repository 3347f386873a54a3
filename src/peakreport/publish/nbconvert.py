"""peakreport's HTML and PDF exports as nbconvert exporters.

Registered under nbconvert's entry points (pyproject.toml), so that

    jupyter nbconvert --to peakreport_html executed.ipynb
    jupyter nbconvert --to peakreport_pdf executed.ipynb

and JupyterLab's *File → Save and Export Notebook As…* menu give the report that
`peakreport run` gives: the same conversion (`html.ReportHTMLExporter`: outputs only,
plotly.js inline once, no CDN), the PDF printed by the same Chromium step
(`pdf.PdfPrinter`, which waits until every chart is drawn), and the privacy scan of the
result against the inputs' personal data when the notebook's params are known. Stock
`--to html` shows code and both parameter cells and loads scripts from CDNs; stock
`--to webpdf` only finds a browser that Playwright downloaded.
"""

from __future__ import annotations

import ast
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from traitlets import default

from ..bundle import sample_params
from ..errors import PeakreportError
from ..params import load_params, load_programme_params
from ..privacy import OutputScan, merge, of_analysis
from .html import ReportHTMLExporter
from .pdf import PdfPrinter


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
        loader = load_programme_params if self.programme else load_params
        self.params = loader(path, language=values.get("language") or None)
        self.language = self.params.language
        self.title = (self.params.programme.title if self.programme
                      else self.params.event.title)

    def _path(self, value: object, folder: Path | None) -> Path | None:
        if value in ("", None):
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
        if self.programme:  # imported here: listing the exporters does not load pandas
            from ..measure.programme import analyse_programme

            ids = merge([of_analysis(a) for a in analyse_programme(self.params).forums])
        else:
            from ..measure.analysis import analyse

            ids = of_analysis(analyse(self.params))
        return OutputScan(ids, allow_images=self.params.report.allow_images)


@contextmanager
def one_line(log):
    """A refusal (a privacy scan hit, bad params, no Chromium) is one line, not a
    traceback: on `jupyter nbconvert`'s command line it is logged and ends the command
    (exit 1); elsewhere (JupyterLab's export menu) the exception goes on, and the
    server shows its message."""
    from nbconvert.nbconvertapp import NbConvertApp

    try:
        yield
    except PeakreportError as exc:
        if not NbConvertApp.initialized():
            raise
        log.critical("peakreport: %s", exc)
        raise SystemExit(exc.exit_code) from None


class PeakreportHTMLExporter(ReportHTMLExporter):
    """The report as one self-contained HTML file: `--to peakreport_html`. The title and
    language come from the notebook's params, and the result is scanned for the inputs'
    personal data."""

    export_from_notebook = "peakreport report (HTML)"
    output_mimetype = "text/html"

    def page_settings(self, nb, resources: dict) -> dict[str, str]:
        folder = resources.get("metadata", {}).get("path") or None
        context = ReportContext(nb, Path(folder) if folder else None)
        resources["peakreport_context"] = context
        if context.params is None:
            self.log.warning("peakreport: no params file found in the notebook's "
                             "parameters: the export is not scanned for personal data")
        page = super().page_settings(nb, resources)
        return {**page, "title": context.title or page["title"], "lang": context.language}

    def from_notebook_node(self, nb, resources: dict | None = None, **kw: Any):
        with one_line(self.log):
            html, resources = super().from_notebook_node(nb, resources, **kw)
            context = resources.pop("peakreport_context", None)
            if context is not None:
                resources["peakreport_scan"] = scan = context.scanner()
                if scan is not None:
                    scan.check_html(html, "report.html", notebook=nb)
                    scan.raise_if_leaked()
                    for note in scan.notes():
                        self.log.warning("peakreport: note: %s", note)
        return html, resources


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

        html, resources = super().from_notebook_node(nb, resources, **kw)
        scan = resources.pop("peakreport_scan", None)
        with one_line(self.log), tempfile.TemporaryDirectory() as tmp:
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
