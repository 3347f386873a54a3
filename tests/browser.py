"""A real headless Chromium with the network blocked, for the browser tests."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Seen:
    requests: list[str] = field(default_factory=list)  # every non-file request attempted
    errors: list[str] = field(default_factory=list)    # console errors and page errors
    dialogs: list[str] = field(default_factory=list)   # alert/confirm/prompt messages


@contextmanager
def offline_page(html: Path, width: int = 900):
    """Open `html` in Chromium where only file: URLs load; yield (page, seen)."""
    from playwright.sync_api import sync_playwright

    from peakreport.publish.pdf import CHROMIUM_ARGS, find_chromium

    seen = Seen()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 1200})
        page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: seen.errors.append(str(e)))
        page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))

        def block(route) -> None:
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                seen.requests.append(route.request.url)
                route.abort()

        page.route("**/*", block)
        page.goto(html.as_uri())
        page.wait_for_function("() => window.peakreport.ready()", timeout=30_000)
        try:
            yield page, seen
        finally:
            browser.close()
