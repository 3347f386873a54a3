"""The forum report end to end: notebook executed by Papermill, HTML, PDF, atomic outputs.

These tests run the real pipeline on the sample forum (a kernel, nbconvert and
Chromium), once per language, and assert on the files a funder receives.
"""

from __future__ import annotations

import io
import json
import re
import time

import pytest
from pypdf import PdfReader

from peakreport.errors import CellExecutionError
from peakreport.measure.analysis import analyse
from peakreport.measure.metrics import json_safe
from peakreport.publish.run import run_report

from .conftest import ROOT, SAMPLE, pdf_text


def test_output_layout(report_fr):
    names = {p.relative_to(report_fr).as_posix() for p in report_fr.rglob("*") if p.is_file()}
    assert names == {"report.html", "report.pdf", "metrics.json", "README.txt",
                     "internal/report.ipynb",
                     "internal/rejected_registrations.csv", "internal/rejected_survey.csv"}
    assert not list(report_fr.parent.glob(".*staging*"))


def test_metrics_json_is_the_analysis(report_fr):
    written = json.loads((report_fr / "metrics.json").read_text(encoding="utf-8"))
    assert written == json_safe(analyse(SAMPLE).metrics.data)


def test_rejected_csv_lists_source_rows(report_fr):
    text = (report_fr / "internal" / "rejected_registrations.csv").read_text("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header.startswith("source_row,reason,")
    # the footer's row number, counted in the source file itself (no multi-line cells there)
    source = (ROOT / "data/sample/forum-peak-2021/registrations.csv").read_text("cp1252")
    footer_row = next(i for i, line in enumerate(source.splitlines(), 1) if ";Total;" in line)
    assert first.startswith(f'{footer_row},"a total or footer line')


def test_html_is_self_contained_with_no_code(report_fr):
    html = (report_fr / "report.html").read_text(encoding="utf-8")
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html, flags=re.I)
    assert all(not re.search(r"(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", t, re.I) for t in tags)
    assert "<link" not in html  # no external stylesheet either
    assert "MathJax.js" not in html and "require.js" not in html
    for code in ("EventReport(", "params_path", "import ", "report.audience()", "In&nbsp;[",
                 "jp-InputArea", "injected-parameters"):
        assert code not in html, code
    assert 'id="key_figures"' in html and '<nav class="pr-toc">' in html
    assert "@media print" in html
    charts = re.findall(r'<div class="pr-plot" id="(chart-\d+)"', html)
    draws = re.findall(r"peakreport\.draw\('(chart-\d+)'", html)
    assert len(charts) >= 7 and charts == draws
    assert html.count("plotly.js (basic - minified)") == 1  # plotly.js embedded once


def test_html_size_is_bounded(report_fr):
    assert (report_fr / "report.html").stat().st_size <= 6 * 1024 * 1024


def test_french_report_text(report_fr):
    html = (report_fr / "report.html").read_text(encoding="utf-8")
    m = json.loads((report_fr / "metrics.json").read_text(encoding="utf-8"))
    assert '<html lang="fr">' in html
    assert "15 décembre 2021" in html and "Chiffres clés" in html
    rate = round(m["registrations"]["attendance_rate"] * 100)
    assert f"{rate}\u202f%" in html


def test_pdf_has_cover_title_and_headline_numbers(report_fr):
    reader = PdfReader(report_fr / "report.pdf")
    assert 5 <= len(reader.pages) <= 12
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4 portrait
    text = pdf_text(report_fr / "report.pdf")
    flat = " ".join(text.split())
    m = json.loads((report_fr / "metrics.json").read_text(encoding="utf-8"))
    assert "Forum PEAK 2021" in flat and "15 décembre 2021" in flat
    assert f"{m['registrations']['attended']} Participants présents" in flat
    assert f"+{round(m['survey']['nps'])}" in flat
    # page numbers in the footer
    assert re.search(r"\b1 / \d+", text)


def test_pdf_pages_are_not_blank(report_fr):
    for i, page in enumerate(PdfReader(report_fr / "report.pdf").pages):
        assert len(page.extract_text().strip()) > 40, f"page {i + 1} is (almost) blank"


def test_english_report(report_en):
    html = (report_en / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "15 December 2021" in html and "Key figures" in html
    assert "Chiffres clés" not in html and "Participants présents" not in html
    flat = " ".join(pdf_text(report_en / "report.pdf").split())
    assert "Attendees" in flat and "Data quality and method" in flat


def test_charts_render_offline_in_a_real_browser(report_fr, chromium):
    from .browser import offline_page

    with offline_page(report_fr / "report.html") as (page, seen):
        charts = page.eval_on_selector_all(
            ".pr-chart:not(.pr-map)",
            "els => els.map(e => e.querySelectorAll('svg.main-svg').length)")
        shapes = page.eval_on_selector_all(
            "#territory-map path", "els => els.map(e => [e.getBBox().width, "
            "e.querySelector('title') && e.querySelector('title').textContent])")
        failed = page.evaluate("() => window.peakreport.failed")
    assert charts and all(n > 0 for n in charts)
    # the map is drawn from the page alone: every shape has a size and a titled count
    titled = [t for w, t in shapes if w > 0 and t and re.search(r" : \d+ présents$", t)]
    assert len(titled) >= 90
    assert failed == 0
    assert seen.errors == []
    assert seen.requests == []


def test_story_in_metrics_html_and_pdf(report_fr):
    """The change since 2020 and the highlights reach every output; no highlight says a
    change the tests did not find."""
    m = json.loads((report_fr / "metrics.json").read_text(encoding="utf-8"))
    assert m["change"]["previous_event"]["id"] == "forum-peak-2020"
    assert 1 <= len(m["highlights"]) <= 5
    html = (report_fr / "report.html").read_text(encoding="utf-8")
    flat = " ".join(pdf_text(report_fr / "report.pdf").split())
    for h in m["highlights"]:
        section, name = h["key"].split(".")
        assert name in m[section]
        text = h["text"].replace("'", "&#x27;")
        assert text in html
        assert " ".join(h["text"].split()) in flat
    significant = {k for k, c in m["change"].items()
                   if k != "previous_event" and c and c.get("significant")}
    for h in m["highlights"]:
        if h["rule"].startswith("change"):
            assert h["key"] in significant
    # the key figures say it in words
    assert html.count("stable (dans la marge d&#x27;erreur)") >= len(
        [c for k, c in m["change"].items() if k != "previous_event" and c
         and c.get("significant") is False])
    assert "Fond de carte : IGN – ADMIN EXPRESS COG 2024" in html
    assert "Fond de carte : IGN" in flat


def test_failing_cell_keeps_previous_report(report_fr, tmp_path):
    import shutil

    import nbformat

    out = tmp_path / "out"
    shutil.copytree(report_fr, out / "forum-peak-2021")
    before = {p.name: p.read_bytes() for p in (out / "forum-peak-2021").glob("*.*")}
    nb = nbformat.read(ROOT / "notebooks" / "event_report.ipynb", as_version=4)
    nb.cells.insert(4, nbformat.v4.new_code_cell("raise ValueError('broken section')"))
    bad = tmp_path / "bad.ipynb"
    nbformat.write(nb, bad)
    with pytest.raises(CellExecutionError) as err:
        run_report(SAMPLE, out=out, to="html", quiet=True, notebook=bad)
    assert "ValueError: broken section" in str(err.value)
    # the fifth cell of the author's notebook (inserted at index 4), not counting the
    # parameters cell that Papermill injects
    assert "cell 5 " in str(err.value) and "raise ValueError" in str(err.value)
    after = {p.name: p.read_bytes() for p in (out / "forum-peak-2021").glob("*.*")}
    assert after == before
    kept = out / "forum-peak-2021" / "internal" / "failed-report.ipynb"
    assert kept.exists() and "broken section" in kept.read_text()
    assert not list(out.glob(".*staging*"))


def test_without_a_browser_a_run_asking_for_a_pdf_changes_nothing(report_fr, tmp_path,
                                                                  monkeypatch):
    # regression: the new HTML and metrics were published beside the previous run's PDF
    import shutil

    import peakreport.publish.pdf as export
    from peakreport.errors import BrowserNotFoundError

    out = tmp_path / "out"
    shutil.copytree(report_fr, out / "forum-peak-2021")
    before = {p: (p.stat().st_ino, p.read_bytes()) for p in out.rglob("*") if p.is_file()}
    monkeypatch.setattr(export, "find_chromium", lambda: None)
    with pytest.raises(BrowserNotFoundError) as err:
        run_report(SAMPLE, out=out, quiet=True)
    assert "apt-get install chromium-headless-shell" in str(err.value)
    assert "nothing was written (`--to html` writes the report without its PDF)" in str(
        err.value)
    assert {p: (p.stat().st_ino, p.read_bytes()) for p in out.rglob("*")
            if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging left
    run_report(SAMPLE, out=out, to="html", quiet=True)  # the way out it names
    assert {p.name for p in (out / "forum-peak-2021").iterdir()} == {
        "report.html", "metrics.json", "README.txt", "internal"}


def test_metrics_only_run_writes_no_report(tmp_path):
    run_report(SAMPLE, out=tmp_path, to="", quiet=True)
    names = sorted(p.name for p in (tmp_path / "forum-peak-2021").iterdir())
    assert names == ["README.txt", "internal", "metrics.json"]


def test_cli_run_with_a_relative_out_folder(tmp_path, monkeypatch, capsys):
    from peakreport.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["run", str(SAMPLE), "--out", "exports", "--to", "html", "--quiet"]) == 0
    assert (tmp_path / "exports/forum-peak-2021/report.html").exists()
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("width", [400, 900])
def test_the_html_fits_a_phone_and_a_laptop_without_sideways_scrolling(report_fr, width):
    from .browser import offline_page

    with offline_page(report_fr / "report.html", width=width) as (page, _seen):
        root = "document.documentElement"
        assert page.evaluate(f"{root}.scrollWidth") <= page.evaluate(f"{root}.clientWidth")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_only_and_not_when_quiet():
    from peakreport.publish.progress import Progress

    term = _Terminal()
    p = Progress(stream=term)
    p.step("data", "Reading the data")
    p.detail("reading the exports")
    time.sleep(0.6)  # the status line is refreshed twice a second while a step runs
    assert "Reading the data… 00:00, reading the exports" in term.getvalue()
    p.step("html", "Exporting HTML")
    p.done()
    lines = [ln.split("\r")[-1] for ln in term.getvalue().splitlines()]
    assert [ln for ln in lines if ln.endswith(" s")] == [
        f"  Reading the data… {p.timings['data']:.1f} s",
        f"  Exporting HTML… {p.timings['html']:.1f} s"]
    for quiet, stream in ((True, _Terminal()), (False, io.StringIO())):
        p = Progress(quiet=quiet, stream=stream)
        p.step("data", "Reading the data")
        p.detail("x")
        p.done()
        assert stream.getvalue() == "" and "data" in p.timings


def test_a_stop_during_publishing_waits_until_the_switch_is_done(tmp_path, monkeypatch):
    # a Ctrl-C (or SIGTERM) while the new report replaces the old one is held until the
    # switch is done, then stops the run as usual: never half a report
    import os
    import signal

    from peakreport.publish import staging as R

    out = tmp_path / "out"
    final = R.report_folder(out, "forum")
    final.mkdir(parents=True)
    (final / "report.html").write_text("old", encoding="utf-8")
    staging = R.new_staging(out, "forum")
    (staging / "internal").mkdir()
    for name in ("report.html", "report.pdf", "metrics.json", "internal/report.ipynb"):
        (staging / name).write_text("new", encoding="utf-8")
    real_swap = R._swap

    def swap(new, old):
        os.kill(os.getpid(), signal.SIGINT)  # arrives while the switch is under way
        real_swap(new, old)

    monkeypatch.setattr(R, "_swap", swap)
    with pytest.raises(KeyboardInterrupt):
        R.publish(staging, final)
    assert all((final / n).read_text() == "new" for n in ("report.html", "report.pdf",
                                                          "metrics.json"))
    R.discard(staging)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert sorted(p.name for p in out.iterdir()) == ["forum"]
