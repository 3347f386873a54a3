"""nbconvert, the Jupyter way: `--to peakreport_html|peakreport_pdf` give `peakreport run`'s
report; the JupyterLab session path; stock Papermill from any folder of the repository."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import nbformat
import pytest

from peakreport.errors import BrowserNotFoundError
from peakreport.privacy import pdf_text

from .conftest import ROOT, SAMPLE


def nbconvert(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nbconvert", *args], cwd=cwd,
                          capture_output=True, text=True, check=False, timeout=300)


def test_the_exporters_are_registered_with_nbconvert():
    from nbconvert.exporters.base import get_export_names, get_exporter

    assert {"peakreport_html", "peakreport_pdf"} <= set(get_export_names())
    assert get_exporter("peakreport_pdf").output_mimetype == "application/pdf"


def test_nbconvert_gives_the_report_that_run_gives(report_fr, tmp_path):
    """The executed notebook that `peakreport run` kept, exported by nbconvert: the same
    HTML, byte for byte, and a PDF with the same text."""
    shutil.copy(report_fr / "internal" / "report.ipynb", tmp_path / "executed.ipynb")
    html = nbconvert("--to", "peakreport_html", "executed.ipynb", cwd=tmp_path)
    assert html.returncode == 0, html.stderr
    assert (tmp_path / "executed.html").read_bytes() == (report_fr / "report.html").read_bytes()
    pdf = nbconvert("--to", "peakreport_pdf", "executed.ipynb", cwd=tmp_path)
    assert pdf.returncode == 0, pdf.stderr
    assert pdf_text(tmp_path / "executed.pdf") == pdf_text(report_fr / "report.pdf")


def test_nbconvert_runs_the_privacy_scan(report_fr, tmp_path):
    from peakreport.measure.analysis import analyse

    email = analyse(SAMPLE).people.frame["identity"].iloc[0]
    nb = nbformat.read(report_fr / "internal" / "report.ipynb", as_version=4)
    last_code = [c for c in nb.cells if c.cell_type == "code"][-1]
    last_code.outputs.append(nbformat.v4.new_output(
        "display_data", data={"text/html": f"<p>{email}</p>"}))
    nbformat.write(nb, tmp_path / "leaky.ipynb")
    result = nbconvert("--to", "peakreport_html", "leaky.ipynb", cwd=tmp_path)
    assert result.returncode != 0
    assert "privacy scan" in result.stderr and email not in result.stderr
    assert not (tmp_path / "leaky.html").exists()


def test_a_jupyterlab_session_looks_like_the_report_and_exports_as_one(tmp_path, report_fr):
    """The bundled notebook as JupyterLab runs it (`interactive`, the sample by default):
    one output carries plotly.js and the report's stylesheet scoped to the outputs; the
    export leaves it out and has the run's charts, plotly.js once."""
    import re

    from peakreport.publish.execute import execute, start_kernel
    from peakreport.publish.nbconvert import PeakreportHTMLExporter

    km = start_kernel("peakreport.notebook.event")
    try:
        execute(ROOT / "notebooks" / "event_report.ipynb", tmp_path / "lab.ipynb",
                {"interactive": True}, km)
    finally:
        km.close()
    nb = nbformat.read(tmp_path / "lab.ipynb", as_version=4)
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assets = [o for o in outputs if o.get("metadata", {}).get("peakreport", {}).get("assets")]
    assert len(assets) == 1
    assert ".jp-OutputArea-output .pr-card {" in assets[0].data["text/html"]
    assert "plotly.js (basic - minified)" in assets[0].data["text/html"]

    html, _ = PeakreportHTMLExporter().from_notebook_node(
        nb, resources={"metadata": {"path": str(tmp_path), "name": "lab"}})
    assert '<html lang="fr">' in html
    assert "<title>Forum PEAK 2021 — Développer l&#39;innovation collaborative" in html
    assert html.count("plotly.js (basic - minified)") == 1
    assert ".jp-OutputArea-output" not in html
    expected = re.findall(r'id="(chart-\d+)"', (report_fr / "report.html").read_text("utf-8"))
    assert re.findall(r'id="(chart-\d+)"', html) == expected


@pytest.mark.parametrize("folder", [".", "notebooks"])
def test_stock_papermill_runs_the_notebook_from_the_root_and_from_notebooks(tmp_path, folder):
    notebook = "notebooks/event_report.ipynb" if folder == "." else "event_report.ipynb"
    out = tmp_path / "out.ipynb"
    result = subprocess.run([sys.executable, "-m", "papermill", "--log-level", "ERROR",
                             notebook, str(out)], cwd=ROOT / folder, capture_output=True,
                            text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    cover = json.dumps(nbformat.read(out, as_version=4).cells[2].outputs)
    assert "Forum PEAK 2021" in cover


def test_without_chromium_both_ways_out_are_named(monkeypatch, tmp_path):
    from peakreport.publish import pdf as export

    monkeypatch.setattr(export, "find_chromium", lambda: None)
    with export.PdfPrinter() as printer, pytest.raises(BrowserNotFoundError) as err:
        printer.submit(tmp_path / "a.html", tmp_path / "a.pdf")
    message = str(err.value)
    assert "apt-get install chromium-headless-shell" in message  # the system package
    assert "pip install playwright" in message and "playwright install chromium" in message
    assert "PEAKREPORT_CHROMIUM" in message
    # said to a pip user too: nothing that needs a clone (`make browser`), nor the package
    # index (peakreport is not on it: `pip install 'peakreport[…]'` would look there)
    assert "make " not in message and "peakreport[" not in message


def test_an_output_the_report_cannot_show_is_named(caplog):
    """A rich output the template leaves out (a widget, JSON, another plotly renderer's
    MIME type) is said, with its cell; plain text and the session's assets are not."""
    from peakreport.publish.nbconvert import PeakreportHTMLExporter

    nb = nbformat.v4.new_notebook()
    cells = [nbformat.v4.new_code_cell("a"), nbformat.v4.new_code_cell("b"),
             nbformat.v4.new_code_cell("c")]
    cells[0].outputs = [nbformat.v4.new_output("execute_result", execution_count=1,
                                               data={"text/plain": "42"})]
    cells[1].outputs = [nbformat.v4.new_output(
        "display_data", data={"application/vnd.plotly.v1+json": {}, "text/plain": "Figure"})]
    cells[2].outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<p>ok</p>"})]
    nb.cells = cells
    with caplog.at_level("WARNING", logger="peakreport"):
        html, _ = PeakreportHTMLExporter().from_notebook_node(
            nb, resources={"peakreport": {"title": "t", "lang": "fr", "css": "",
                                          "scripts": ""}})
    assert "<p>ok</p>" in html
    warned = [r.getMessage() for r in caplog.records]
    assert len(warned) == 1 and "cell 2 shows application/vnd.plotly.v1+json" in warned[0]
