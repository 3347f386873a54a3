"""One exception base, one subclass per failure kind.

The CLI maps them to exit codes: input problems (params, data files) are exit 2,
everything else that we anticipated is exit 1. Messages are full sentences meant
for a programme manager, so they name the file, and the row and column when one
is at fault.
"""

from __future__ import annotations

import contextlib
from pathlib import Path


class Terminated(BaseException):
    """SIGTERM (or SIGHUP) arrived: unwind like Ctrl-C, cleaning up on the way."""

    def __init__(self, signum: int = 15) -> None:
        super().__init__(signum)
        self.signum = signum


def handle_termination() -> None:
    """Make SIGTERM and SIGHUP raise `Terminated` in the main thread, once: cleanup
    (staging, kernel, Chromium) runs in `finally` blocks as for Ctrl-C, and a second
    signal does not interrupt it."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def raise_terminated(signum: int, frame) -> None:
        for s in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(s, signal.SIG_IGN)
        raise Terminated(signum)

    for s in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, raise_terminated)


@contextlib.contextmanager
def signals_deferred():
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block ends, then stop as they ask.

    For what must not be cut in half, such as moving a report's files over the
    previous ones: a stop that arrives meanwhile takes effect once every file is
    in place. Outside the main thread (where handlers cannot be set) it does nothing.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    stops = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {s: signal.signal(s, lambda signum, frame: caught.append(signum))
                for s in stops}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if caught:
        signum = caught[0]
        handler = previous[signum]
        if callable(handler):
            handler(signum, None)  # KeyboardInterrupt or Terminated, as without the block
        elif handler == signal.SIG_DFL:
            signal.raise_signal(signum)


class PeakreportError(Exception):
    """Base of every error peakreport reports to its user."""

    exit_code = 1


class InputError(PeakreportError):
    """Invalid params or input data: exit code 2."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.row = row
        self.column = column
        self.detail = message
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.path is not None:
            where.append(str(self.path))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.detail}" if prefix else self.detail


class ParamsError(InputError):
    """The params file is missing, unreadable or does not follow the contract."""


class DataError(InputError):
    """A registration or survey export cannot be read as a table."""


class CellExecutionError(PeakreportError):
    """A notebook cell failed while Papermill executed the report."""

    def __init__(self, cell: int, ename: str, evalue: str, notebook: Path) -> None:
        # `cell`: the cell's position in the notebook as its author sees it (Papermill's
        # injected parameters not counted, Markdown cells counted); 0 for that injected cell
        self.cell, self.ename, self.evalue, self.notebook = cell, ename, evalue, notebook
        where = (f"cell {cell} (counting every cell from the top)" if cell
                 else "the parameters cell that peakreport adds")
        super().__init__(
            f"report notebook {where} failed with {ename}: {evalue} "
            f"(executed notebook kept at {notebook})"
        )


class PrivacyError(PeakreportError):
    """The output scan found personal data in a funder-facing file."""


class BrowserNotFoundError(PeakreportError):
    """No Chromium could be found to print the PDF."""
