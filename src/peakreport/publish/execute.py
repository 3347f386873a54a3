"""Run the report notebook with Papermill, in a kernel of this same Python."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import CellExecutionError, KernelDiedError


def notebook_path(name: str) -> Path:
    """A bundled notebook (`notebooks/` of a clone, or the installed package's copy)."""
    from ..bundle import notebook

    return notebook(name)


def custom_notebook(path: str | Path) -> Path:
    """A customised report notebook given on the command line: it must exist and be a
    notebook, or the run stops before anything starts (exit 2)."""
    from ..errors import InputError

    path = Path(path).expanduser()
    if path.exists() and not path.is_file():
        raise InputError("is not a notebook file (a folder, a named pipe, a device…)",
                         path=path)
    if not path.is_file():
        raise InputError("notebook not found", path=path)
    if path.suffix != ".ipynb":
        raise InputError("is not a Jupyter notebook (.ipynb)", path=path)
    try:
        import json

        nb = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(nb, dict) or "cells" not in nb:
            raise ValueError("no cells")
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"is not a readable Jupyter notebook ({exc})", path=path) from None
    if not any("parameters" in c.get("metadata", {}).get("tags", []) for c in nb["cells"]):
        raise InputError("has no cell tagged 'parameters' (copy the bundled notebook with "
                         "`peakreport notebook new NAME`)", path=path)
    if not any(c.get("cell_type") == "code" and CLOSING.search(_source(c))
               for c in nb["cells"]):
        raise InputError("has no closing cell `report.end()` (the sign-off and the printed "
                         "appendix of chart values): add it as the notebook's last cell",
                         path=path)
    return path.resolve()


CLOSING = re.compile(r"\.end\(\s*\)")


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]


# how long a wait for the kernel's next message lasts before the kernel's process is
# checked: a message arriving ends the wait at once, so this only bounds how long a dead
# kernel goes unnoticed
ALIVE_CHECK_S = 0.5


def _alive(km) -> bool:
    """Whether the kernel's process still runs (a poll of the child, no message)."""
    process = getattr(getattr(km, "provisioner", None), "process", None)
    if process is not None:
        return process.poll() is None
    return km.is_alive()


@lru_cache(maxsize=1)
def _kernel_manager_class():
    """A KernelManager whose `client()` is always the same connected client.

    nbclient asks the manager for a new client per notebook: each one waits ~0.2 s for
    its IOPub subscription to take (jupyter_client's `wait_for_ready`), and a kept
    kernel would collect their sockets. One client per kernel, connected while the
    kernel boots, takes both away.

    Its channels never wait blind: a blocking client's `get_msg(timeout=None)` blocks
    nbclient's whole event loop, so nbclient's own check for a dead kernel never runs
    and a kernel that dies in a cell (out of memory, a crash, `os._exit`) would hang the
    run for ever. `WatchedChannel` waits in slices and checks the kernel's process
    between them.
    """
    import asyncio
    from queue import Empty

    from jupyter_client import KernelManager
    from jupyter_client.blocking import BlockingKernelClient
    from jupyter_client.channels import ZMQSocketChannel
    from nbclient.exceptions import DeadKernelError
    from traitlets import Type

    class WatchedChannel(ZMQSocketChannel):
        km = None  # set by KeptClient: the manager whose kernel answers here
        iopub = False

        def get_msg(self, timeout: float | None = None):
            if timeout is not None or self.km is None:
                return super().get_msg(timeout)
            while True:
                try:
                    return super().get_msg(timeout=ALIVE_CHECK_S)
                except Empty:
                    if not _alive(self.km):
                        break
            if self.iopub:
                # nbclient reads IOPub in a task of its own whose failure nobody
                # collects: it ends as cancelled (nothing logged) and the shell
                # channel's wait, right after, reports the death
                raise asyncio.CancelledError
            raise DeadKernelError("Kernel died")

    class KeptClient(BlockingKernelClient):
        was_ready = False
        shell_channel_class = Type(WatchedChannel)
        iopub_channel_class = Type(WatchedChannel)
        last_code: str | None = None  # the code of the last execute request: the cell

        def start_channels(self, *args, **kwargs) -> None:
            if not self.channels_running:
                super().start_channels(*args, **kwargs)
                for channel in (self.shell_channel, self.iopub_channel):
                    channel.km = self.parent
                self.iopub_channel.iopub = True

        def execute(self, code: str, *args, **kwargs):
            self.last_code = code
            return super().execute(code, *args, **kwargs)

        def wait_for_ready(self, timeout: float | None = None) -> None:
            # once connected, a live kernel is ready: waiting again would only sleep
            if not (self.was_ready and self.is_alive()):
                super().wait_for_ready(timeout=timeout)
                self.was_ready = True

    class OneClientKernelManager(KernelManager):
        kept = None
        connecting = None  # the thread that connects `kept` while the kernel boots

        def client(self, **kwargs):
            if self.kept is None:
                kw = {**self.get_connection_info(session=True),
                      "connection_file": self.connection_file, "parent": self, **kwargs}
                self.kept = KeptClient(**kw)
            return self.kept

        def connect_in_background(self) -> None:
            import threading

            def connect() -> None:
                try:
                    kc = self.client()
                    kc.start_channels()
                    kc.wait_for_ready(timeout=120)
                except Exception:  # nbclient reports a dead kernel itself, with its cause
                    return

            self.connecting = threading.Thread(target=connect, name="kernel-connect",
                                               daemon=True)
            self.connecting.start()

        def ready(self) -> None:
            if self.connecting is not None:
                self.connecting.join()
                self.connecting = None

        def close(self) -> None:
            self.ready()
            try:
                self.shutdown_kernel(now=True)
            finally:
                if self.kept is not None:
                    self.kept.stop_channels()
                    self.kept = None

    return OneClientKernelManager


def start_kernel(preload: str | None = None):
    """Start a kernel of this Python now, without waiting for it to be ready.

    It boots (and imports `preload`) while the caller checks the data, and its client
    connects meanwhile; Papermill then runs the notebook in it. A batch run keeps it
    for several notebooks in turn.
    """
    km = _kernel_manager_class()(kernel_name="python3")
    extra = list(KERNEL_ARGS)
    if preload:  # imported, and its first-use costs paid, before the notebook runs
        extra.append(f"--IPKernelApp.exec_lines=['import {preload}', "
                     "\"__import__('peakreport.notebook.sections').notebook.sections.warm_up()\"]")
    km.start_kernel(extra_arguments=extra)
    km.connect_in_background()
    return km


def execute(template: Path, output: Path, parameters: dict[str, Any], km=None) -> None:
    """Execute `template` into `output`; a failing cell raises CellExecutionError.

    The executed notebook is written even when a cell fails, so that the failure
    can be opened and read; either way it is signed (`sign`), so that it opens trusted.
    """
    import papermill as pm
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    # their errors become our one-line message (a dead kernel is logged there too)
    for name in ("papermill", "traitlets", "nbclient"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    extra = {"km": km} if km is not None else {}
    if hasattr(km, "ready"):
        km.ready()  # its client is connected: nbclient must not use it from two threads
    try:
        pm.execute_notebook(
            str(template), str(output), parameters=parameters, kernel_name="python3", **extra,
            # no `cwd`: papermill would chdir the whole process while the caller's
            # thread works with relative paths; the notebook gets absolute paths
            progress_bar=False, log_output=False,
            # no save after every cell: 15 notebook writes and validations cost ~0.3 s
            request_save_on_cell_execute=False,
            extra_arguments=KERNEL_ARGS,
            shutdown_kernel="immediate",  # a graceful shutdown waits ~0.4 s for nothing
        )
        sign(output)
    except DeadKernelError:
        raise _kernel_died(template, output, km) from None
    except PapermillExecutionError as exc:
        sign(output)  # a failed notebook is opened to read the failure: with its charts
        first_line = next((ln for ln in str(exc.source).splitlines() if ln.strip()), "")
        raise CellExecutionError(
            cell=author_position(template, exc.cell_index), ename=exc.ename,
            evalue=f"{exc.evalue} (in `{first_line.strip()[:60]}`)", notebook=output,
        ) from None


def _kernel_died(template: Path, output: Path, km) -> KernelDiedError:
    """The cell that was running when the kernel died, named by its place in the
    template (the notebook as its author sees it) and its first line."""
    import json

    code = getattr(getattr(km, "kept", None), "last_code", None)
    cell, first = 0, ""
    try:
        cells = json.loads(template.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        cells = []
    for n, c in enumerate(cells, 1):
        source = "".join(c.get("source", ""))
        if code is not None and c.get("cell_type") == "code" and source == code:
            cell = n
            first = next((ln.strip() for ln in source.splitlines() if ln.strip()), "")
            break
    return KernelDiedError(cell, first[:60], output if output.exists() else None)


def sign(path: Path) -> None:
    """Mark the executed notebook as trusted for the user's Jupyter, so that JupyterLab
    opens it with its charts and the report's style (an untrusted notebook shows neither:
    its HTML outputs and scripts are not run).

    nbformat's own notary, with its defaults: the signature (an HMAC of the notebook with
    the user's secret) goes into the user's Jupyter data folder (`jupyter --data-dir`, or
    $JUPYTER_DATA_DIR: `nbsignatures.db`, keyed by `notebook_secret`), which JupyterLab
    reads; the notebook file itself is not changed. About 10 ms. A notebook that cannot be
    signed (a read-only home) is left untrusted: it still opens, without its charts."""
    import json

    try:
        import nbformat
        from nbformat.sign import NotebookNotary

        nb = nbformat.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
        notary = NotebookNotary()
        try:
            notary.sign(nb)
        finally:
            notary.store.close()
    except Exception:  # trust is a convenience, never a reason to fail a report
        return


def author_position(template: Path, executed_index: int) -> int:
    """A cell's position (1 for the first) in the notebook as its author sees it: the
    executed notebook has one more cell, the parameters Papermill injects after the cell
    tagged `parameters`; execution counts would not do either (markdown cells have none,
    and a session in JupyterLab counts differently). 0: the injected cell itself."""
    import json

    try:
        cells = json.loads(Path(template).read_text(encoding="utf-8"))["cells"]
        tagged = next(i for i, c in enumerate(cells)
                      if "parameters" in c.get("metadata", {}).get("tags", []))
    except (OSError, ValueError, KeyError, StopIteration):
        return executed_index + 1
    injected = tagged + 1
    if executed_index == injected:
        return 0
    return executed_index + (1 if executed_index < injected else 0)


class NotebookRun:
    """`execute` in a background thread, so that the kernel starts while the caller
    reads and checks the data (about half a second saved on a forum report).

    papermill is imported here, on the caller's thread, before the thread starts:
    two threads importing jupyter_client's modules at once can see them half-built.
    """

    def __init__(self, template: Path, output: Path, parameters: dict[str, Any],
                 km=None) -> None:
        import threading

        import papermill  # noqa: F401 - see the class docstring

        self.error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(template, output, parameters, km), name="papermill",
            daemon=True)
        self._thread.start()

    def _run(self, template: Path, output: Path, parameters: dict[str, Any], km) -> None:
        try:
            execute(template, output, parameters, km)
        except BaseException as exc:  # handed to the caller's thread by wait()
            self.error = exc

    def wait(self) -> None:
        """Block until the notebook has run; re-raise its failure here."""
        self._thread.join()
        if self.error is not None:
            raise self.error
