"""HTML export and PDF printing: which Chromium, and the warm page that prints every report."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from peakreport.errors import PeakreportError
from peakreport.publish import pdf as export
from peakreport.publish.chromium import Chromium
from peakreport.publish.pdf import CHROMIUM_ARGS, FOOTER, PdfPrinter, find_chromium

from .conftest import pdf_text


def _fake_browser(folder, name):
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path


def test_the_headless_shell_is_preferred(tmp_path, monkeypatch):
    monkeypatch.delenv("PEAKREPORT_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    full = _fake_browser(tmp_path, "chromium")
    assert find_chromium() == str(full)
    shell = _fake_browser(tmp_path, "chromium-headless-shell")
    assert find_chromium() == str(shell)
    chosen = _fake_browser(tmp_path, "my-chrome")
    monkeypatch.setenv("PEAKREPORT_CHROMIUM", str(chosen))
    assert find_chromium() == str(chosen)


def test_reports_shown_in_the_warm_page_print_as_when_opened(report_fr, report_en, tmp_path,
                                                             chromium):
    """The printer keeps one page with plotly.js loaded and shows each report in it
    (`peakreport.show`). Two reports in turn: the second must print exactly as the same
    file opened on its own, with nothing left of the first."""
    browser = Chromium(chromium, CHROMIUM_ARGS)
    try:
        page = export._open_page(browser)
        # the printer's head start: throw-away charts, drawn and gone without a trace
        assert page.evaluate("window.peakreport.warmUp()") is True
        assert page.evaluate("document.querySelectorAll('.js-plotly-plot').length") == 0
        assert page.evaluate(  # plotly's own text-measuring element may stay, nothing else
            "[...document.body.children].every(e => e.id === 'js-plotly-tester')")
        export._print(page, report_fr / "report.html", tmp_path / "fr.pdf", 60)
        heads = page.evaluate("document.head.children.length")
        warm = export._print(page, report_en / "report.html", tmp_path / "warm.pdf", 60)
        assert warm["console_errors"] == [] and warm["blocked_requests"] == []
        assert page.evaluate("document.head.children.length") == heads  # no build-up
        assert page.evaluate("document.documentElement.lang") == "en"
        # the page's own title (the map's shapes have SVG titles of their own)
        assert page.evaluate("document.querySelectorAll('head > title').length") == 1
        drawn = page.evaluate("document.querySelectorAll('.js-plotly-plot').length")
        assert drawn == page.evaluate(
            "document.querySelectorAll('.pr-chart:not(.pr-map)').length") > 5

        cold = browser.new_page(export.A4_CONTENT_WIDTH_PX, 960)
        cold.goto((report_en / "report.html").as_uri())
        cold.wait_for("window.peakreport.ready()")
        title = cold.evaluate("document.title")
        cold.pdf(tmp_path / "cold.pdf", footer=FOOTER.format(title=title),
                 margins_mm=(16, 15, 18, 15))
    finally:
        browser.close()
    text = pdf_text(tmp_path / "warm.pdf")
    assert text == pdf_text(tmp_path / "cold.pdf")
    assert "Attendees by type of organisation" in text
    assert "Participants par type de structure" in pdf_text(tmp_path / "fr.pdf")
    assert "Participants par type de structure" not in text
    # the footer carries the shown report's title and the page number on every page
    pages = PdfReader(tmp_path / "warm.pdf").pages
    for n, pg in enumerate(pages, 1):
        assert f"collaborative ouverte {n} / {len(pages)}" in pg.extract_text()


def test_a_page_of_another_kind_is_opened_directly(tmp_path, chromium):
    """HTML without peakreport's scripts (a custom template) is printed by opening it."""
    (tmp_path / "a.html").write_text("<title>Autre</title><p>Bonjour le forum</p>",
                                     encoding="utf-8")
    with PdfPrinter(chromium, timeout_s=30) as printer:
        printer.print(tmp_path / "a.html", tmp_path / "a.pdf")
    text = pdf_text(tmp_path / "a.pdf")
    assert "Bonjour le forum" in text and "Autre" in text  # the title, in the footer


def test_a_chromium_that_dies_gives_an_error_not_a_hang(tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    (tmp_path / "a.html").write_text("<p>x</p>")
    with PdfPrinter(str(fake), timeout_s=5) as printer, pytest.raises(PeakreportError) as err:
        printer.print(tmp_path / "a.html", tmp_path / "a.pdf")
    assert "could not print the PDF" in str(err.value)


def _processes_using(marker: str) -> list[int]:
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if marker in cmdline:
            pids.append(int(pid))
    return pids


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_closing_chromium_ends_all_of_its_processes(chromium):
    """Debian's chromium commands are wrapper scripts: killing only the wrapper would leave
    the browser, its zygote and renderers running."""
    browser = Chromium(chromium, CHROMIUM_ARGS)
    export._open_page(browser)  # a renderer is running now
    profile = browser.profile
    assert len(_processes_using(profile)) >= 2
    browser.close()
    deadline = time.monotonic() + 5
    while _processes_using(profile) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_using(profile) == []
