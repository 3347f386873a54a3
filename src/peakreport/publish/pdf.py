"""The report's HTML page → an A4 PDF, printed by a headless Chromium.

Why not nbconvert's `--to webpdf`: it can neither be pointed at a system Chromium nor
wait for charts to finish drawing. So: our own print step (`PdfPrinter`, over the
minimal DevTools client of `chromium`), which waits until every chart reports it is
drawn, and prints each report in one warm page.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from ..bundle import page_scripts
from ..errors import BrowserNotFoundError, PeakreportError
from .chromium import Chromium

A4_CONTENT_WIDTH_PX = 680  # 210 mm − 2 × 15 mm margins at 96 px per inch
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic",
                 "--disable-extensions", "--mute-audio"]
CHROMIUM_NAMES = ("chromium-headless-shell", "chrome-headless-shell", "chromium",
                  "chromium-browser", "google-chrome")
# said to whoever installed peakreport, with or without a clone (no `make` here)
INSTALL_HINT = ("on Debian or Ubuntu, install the system package chromium-headless-shell "
                "(`sudo apt-get install chromium-headless-shell`) or chromium; on macOS or "
                "Windows, `pip install playwright` then `playwright install chromium`; or set "
                "PEAKREPORT_CHROMIUM to the path of a Chrome or Chromium binary")



def find_chromium() -> str | None:
    """PEAKREPORT_CHROMIUM, then chromium-headless-shell / chromium / chromium-browser /
    google-chrome on PATH, then Playwright's own browser.

    The headless shell comes first: it prints the same pages, and starts with a quarter
    of the full browser's CPU (0.4 s against 1.4 s here), which a batch pays per worker.
    """
    env = os.environ.get("PEAKREPORT_CHROMIUM")
    if env and Path(env).is_file() and os.access(env, os.X_OK):
        return env
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
        if path and Path(path).is_file():
            return path
    except Exception:  # no driver or no browser downloaded: not found, not a crash
        return None
    return None


FOOTER = ('<div style="width:100%;font-size:8px;color:#52606d;font-family:DejaVu Sans,sans-serif;'
          'padding:0 15mm;display:flex;justify-content:space-between;">'
          '<span>{title}</span><span><span class="pageNumber"></span> / '
          '<span class="totalPages"></span></span></div>')


WARM_UP = "warm-up"  # a printer job that prints nothing


class PdfPrinter:
    """Prints HTML files to A4 PDF with one headless Chromium, started in the background.

    A worker thread starts Chromium as soon as the printer is created (while the
    notebook still executes), opens a page and loads plotly.js into it once; each
    file it is then handed is shown and printed in that warm page.
    """

    def __init__(self, chromium: str | None = None, timeout_s: float = 60) -> None:
        import queue
        import threading

        self.chromium = chromium or find_chromium()
        self.timeout_s = timeout_s
        self._jobs: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._thread = None
        self._warmed = False
        if self.chromium is not None:
            self._thread = threading.Thread(target=self._work, name="pdf-printer", daemon=True)
            self._thread.start()

    def _work(self) -> None:
        browser = None
        try:
            browser = Chromium(self.chromium, CHROMIUM_ARGS)
            page = _open_page(browser)
        except Exception as exc:  # launch failed: every job gets the error
            if browser is not None:
                browser.close()
            while (job := self._jobs.get()) is not None:
                if job != WARM_UP:
                    self._results.put(exc)
            return
        try:
            while (job := self._jobs.get()) is not None:
                if job == WARM_UP:
                    with contextlib.suppress(Exception):  # only ever a head start
                        page.evaluate("window.peakreport.warmUp()")
                    continue
                try:
                    self._results.put(_print(page, *job, self.timeout_s))
                except Exception as exc:  # handed back to the caller's thread
                    self._results.put(exc)
                    try:
                        page = _open_page(browser)
                    except Exception as again:  # Chromium is gone: fail every later job
                        while (job := self._jobs.get()) is not None:
                            if job != WARM_UP:
                                self._results.put(again)
                        break
        finally:
            browser.close()

    def warm_up(self) -> None:
        """Have Chromium draw a few throw-away charts now (the caller is about to wait
        for the kernel, so a core is free): the first report then draws ~0.15 s faster.
        Once per printer: later reports find the code compiled anyway."""
        if self._thread is not None and not self._warmed:
            self._warmed = True
            self._jobs.put(WARM_UP)

    def submit(self, html_path: Path, pdf_path: Path) -> None:
        """Start printing; `result()` waits for it."""
        if self._thread is None:
            raise BrowserNotFoundError(f"no Chromium found to print the PDF: {INSTALL_HINT}")
        self._jobs.put((html_path, pdf_path))

    def print(self, html_path: Path, pdf_path: Path) -> dict:
        self.submit(html_path, pdf_path)
        return self.result()

    def result(self) -> dict:
        import queue

        try:
            result = self._results.get(timeout=self.timeout_s * 2)
        except queue.Empty:
            raise PeakreportError(f"Chromium ({self.chromium}) did not print the PDF within "
                                  f"{self.timeout_s * 2:.0f} s") from None
        if isinstance(result, (PeakreportError, OSError)):  # an OSError: the disk, named
            raise result
        if isinstance(result, Exception):
            first = str(result).splitlines()[0] if str(result) else type(result).__name__
            raise PeakreportError(
                f"Chromium ({self.chromium}) could not print the PDF: {first}") from None
        return result

    def close(self) -> None:
        """Close Chromium and wait for it to exit."""
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join(timeout=30)
            self._thread = None

    def __enter__(self) -> PdfPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _open_page(browser):
    """A page at A4 content width holding plotly.js, loaded while the notebook runs:
    every report is then shown in it in place (`peakreport.show`), so the library is
    parsed and compiled once per Chromium, not once per PDF."""
    import tempfile

    page = browser.new_page(A4_CONTENT_WIDTH_PX, 960)
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False,
                                     encoding="utf-8") as f:
        f.write(f"<!DOCTYPE html><html><head>{page_scripts()}</head><body></body></html>")
    try:
        page.goto(Path(f.name).as_uri())
    finally:
        Path(f.name).unlink(missing_ok=True)
    return page


def _print(page, html_path: Path, pdf_path: Path, timeout_s: float) -> dict:
    import json
    from html import escape

    html = html_path.read_text(encoding="utf-8")
    library = page_scripts()
    if library in html:  # our own page: shown in place, with the page's plotly.js
        page.errors.clear()
        page.blocked.clear()
        page.evaluate(f"window.peakreport.show({json.dumps(html.replace(library, '', 1))})")
    else:
        page.goto(html_path.resolve().as_uri(), timeout_s=timeout_s)
    page.wait_for("window.peakreport === undefined || window.peakreport.ready()", timeout_s)
    failed = page.evaluate("window.peakreport ? window.peakreport.failed : 0")
    if failed:
        raise PeakreportError(f"{failed} chart(s) could not be drawn in the PDF: "
                              + "; ".join(page.errors[:3]))
    # the title is written into the footer: Chromium's own `title` field is not updated
    # for a report shown in place
    title = escape(page.evaluate("document.title") or "")
    page.pdf(pdf_path, footer=FOOTER.format(title=title), margins_mm=(16, 15, 18, 15),
             timeout_s=timeout_s)
    return {"console_errors": list(page.errors), "blocked_requests": list(page.blocked)}
