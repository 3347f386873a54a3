"""A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe`.

Why not Playwright here: printing one page needs five protocol commands, and
Playwright adds a Node.js driver that takes ~0.4 s to start and ~0.4 s to stop,
about a fifth of a whole report run. Chromium reads commands on file descriptor 3
and writes replies on 4, each a JSON message ended by a NUL byte.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any


class _Child:
    """A child process started with posix_spawn, with the few Popen methods used here.

    Chromium must find its pipes on fds 3 and 4. subprocess can only place them there
    with a `preexec_fn`, which runs Python between fork and exec and can hang the child
    when another thread holds a lock at that moment (a report run has several threads).
    posix_spawn maps the fds without running any Python in the child.
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    @classmethod
    def spawn(cls, argv: list[str], fds: dict[int, int]) -> _Child:
        path = shutil.which(argv[0]) or argv[0]
        actions = [(os.POSIX_SPAWN_OPEN, n, os.devnull, os.O_RDWR, 0) for n in (0, 1, 2)]
        actions += [(os.POSIX_SPAWN_DUP2, fd, n) for n, fd in fds.items()]
        # its own process group: a wrapper script's Chromium is ended with it
        try:
            pid = os.posix_spawn(path, argv, os.environ, file_actions=actions, setsid=True)
        except NotImplementedError:  # no POSIX_SPAWN_SETSID on this system
            pid = os.posix_spawn(path, argv, os.environ, file_actions=actions, setpgroup=0)
        return cls(pid)

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.returncode = -1
            else:
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGKILL)

    def wait(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.01)
        return self.returncode  # type: ignore[return-value]


PROFILE_PREFIX = "peakreport-chromium-"


def remove_stale_profiles(folder: str | None = None) -> None:
    """Remove the Chromium profiles of peakreport processes that have ended (killed
    before they could remove their own): `peakreport-chromium-<pid>-*` in the temp folder."""
    folder = folder or tempfile.gettempdir()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            pid, dash, _ = entry.name[len(PROFILE_PREFIX):].partition("-")
            if not (entry.name.startswith(PROFILE_PREFIX) and pid.isdigit() and dash):
                continue
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                shutil.rmtree(entry.path, ignore_errors=True)
            except OSError:
                pass


class CDPError(RuntimeError):
    """Chromium answered a command with an error, died, or did not answer in time."""


class Chromium:
    """One headless Chromium process and a flat-mode session per page."""

    def __init__(self, executable: str, args: list[str], timeout_s: float = 30) -> None:
        self.timeout_s = timeout_s
        remove_stale_profiles()
        # the pid in the name: a killed run's profile is found and removed by the next
        self.profile = tempfile.mkdtemp(prefix=f"{PROFILE_PREFIX}{os.getpid()}-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        try:
            self.proc = _Child.spawn(
                [executable, "--headless", "--remote-debugging-pipe", *args,
                 f"--user-data-dir={self.profile}", "about:blank"],
                {3: to_child_r, 4: from_child_w})
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self._ids = itertools.count(1)
        self._replies: dict[int, queue.Queue] = {}
        self._events: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, name="cdp-reader", daemon=True)
        self._reader.start()

    # ----------------------------------------------------------------- transport
    def _read(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_child, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw)
                if "id" in msg:
                    q = self._replies.pop(msg["id"], None)
                    if q is not None:
                        q.put(msg)
                else:
                    self._events.put(msg)
        for q in list(self._replies.values()):
            q.put({"error": {"message": "Chromium closed the connection"}})
        self._events.put(None)

    def post(self, method: str, params: dict | None = None,
             session: str | None = None) -> queue.Queue:
        """Send a command; its reply will arrive on the returned queue."""
        msg_id = next(self._ids)
        q: queue.Queue = queue.Queue(maxsize=1)
        self._replies[msg_id] = q
        msg: dict[str, Any] = {"id": msg_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode() + b"\0"
        with self._lock:
            try:
                os.write(self._to_child, data)
            except OSError:  # Chromium has exited (a broken pipe): its reply says so
                self._replies.pop(msg_id, None)
                q.put({"error": {"message": "Chromium closed the connection"}})
        return q

    def reply(self, q: queue.Queue, method: str, timeout_s: float | None = None) -> dict:
        try:
            reply = q.get(timeout=self.timeout_s if timeout_s is None else timeout_s)
        except queue.Empty:
            raise CDPError(f"no answer to {method} in time") from None
        if "error" in reply:
            raise CDPError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout_s: float | None = None) -> dict[str, Any]:
        return self.reply(self.post(method, params, session), method, timeout_s)

    def events(self, timeout_s: float) -> dict | None:
        try:
            return self._events.get(timeout=timeout_s)
        except queue.Empty:
            return None

    # ----------------------------------------------------------------- pages
    def new_page(self, width: int, height: int) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"]
        page = Page(self, session)
        for method, params in (
            ("Page.enable", {}), ("Runtime.enable", {}),
            ("Emulation.setDeviceMetricsOverride",
             {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}),
            ("Emulation.setEmulatedMedia", {"media": "print"}),
            # every request pauses here; only file: URLs may continue
            ("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}),
        ):
            self.send(method, params, session)
        return page

    def close(self) -> None:
        """End Chromium. Its printed files are already written, and its profile is a
        throw-away folder: a kill is as safe as Browser.close here, and ~0.2 s faster."""
        try:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            for fd in (self._to_child, self._from_child):
                with contextlib.suppress(OSError):
                    os.close(fd)
            shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    def __init__(self, browser: Chromium, session: str) -> None:
        self.browser, self.session = browser, session
        self.errors: list[str] = []
        self.blocked: list[str] = []

    def _pump(self, until: str | None, deadline: float) -> None:
        """Handle events (requests, console errors) until `until` arrives for this page."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CDPError(f"timed out waiting for {until}")
            msg = self.browser.events(min(left, 0.05))
            if msg is None:
                if until is None:
                    return
                if self.browser.proc.poll() is not None:
                    raise CDPError("Chromium exited")
                continue
            if msg.get("sessionId") != self.session:
                continue
            method, params = msg.get("method"), msg.get("params", {})
            if method == "Fetch.requestPaused":
                url = params["request"]["url"]
                if url.startswith(("file:", "data:", "about:")):
                    self.browser.send("Fetch.continueRequest",
                                      {"requestId": params["requestId"]}, self.session)
                else:
                    self.blocked.append(url)
                    self.browser.send("Fetch.failRequest", {
                        "requestId": params["requestId"], "errorReason": "BlockedByClient"},
                        self.session)
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                self.errors.append(" ".join(str(a.get("value", a.get("description", "")))
                                            for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                self.errors.append(details.get("exception", {}).get("description")
                                   or details.get("text", "exception"))
            if until is not None and method == until:
                return

    def goto(self, url: str, timeout_s: float = 60) -> None:
        self.errors.clear()
        self.blocked.clear()
        # the navigation's own request pauses in Fetch: pump events while it is answered
        pending = self.browser.post("Page.navigate", {"url": url}, self.session)
        self._pump("Page.loadEventFired", time.monotonic() + timeout_s)
        result = self.browser.reply(pending, "Page.navigate", timeout_s=1)
        if result.get("errorText"):
            raise CDPError(f"cannot open {url}: {result['errorText']}")

    def evaluate(self, expression: str) -> Any:
        result = self.browser.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": True}, self.session)
        if "exceptionDetails" in result:
            raise CDPError(f"script failed: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while not self.evaluate(expression):
            if time.monotonic() > deadline:
                raise CDPError(f"timed out waiting for {expression}")
            self._pump(None, deadline)

    def pdf(self, path: Path, *, footer: str, margins_mm: tuple[float, float, float, float],
            timeout_s: float = 60) -> None:
        top, right, bottom, left = (m / 25.4 for m in margins_mm)
        result = self.browser.send("Page.printToPDF", {
            "paperWidth": 210 / 25.4, "paperHeight": 297 / 25.4, "printBackground": True,
            "displayHeaderFooter": True, "headerTemplate": "<span></span>",
            "footerTemplate": footer, "preferCSSPageSize": True, "marginTop": top,
            "marginRight": right, "marginBottom": bottom, "marginLeft": left,
            # a tagged PDF (structure from the accessibility tree, on by default in
            # headless Chromium, asked for explicitly) with bookmarks from the headings
            "generateTaggedPDF": True, "generateDocumentOutline": True,
        }, self.session, timeout_s=timeout_s)
        Path(path).write_bytes(base64.b64decode(result["data"]))
