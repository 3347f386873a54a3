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

    def kept_at(self, notebook: Path | None) -> CellExecutionError:
        """The same error, its executed notebook now kept at `notebook`."""
        return CellExecutionError(self.cell, self.ename, self.evalue, notebook)


class KernelDiedError(CellExecutionError):
    """The kernel's process ended while a cell ran (out of memory, a crash, os._exit)."""

    def __init__(self, cell: int, first_line: str, notebook: Path | None) -> None:
        self.first_line = first_line
        where = f"cell {cell} (`{first_line}`)" if cell else "a cell"
        kept = f" (executed notebook kept at {notebook})" if notebook is not None else ""
        evalue = "the kernel stopped while it ran"
        PeakreportError.__init__(
            self, f"report notebook {where} was running when the kernel died (out of "
                  f"memory, a crash or os._exit in the cell); nothing was published{kept}")
        self.cell, self.ename, self.evalue, self.notebook = cell, "KernelDied", evalue, notebook

    def kept_at(self, notebook: Path | None) -> KernelDiedError:
        return KernelDiedError(self.cell, self.first_line, notebook)


class PrivacyError(PeakreportError):
    """The output scan found personal data in a funder-facing file."""


class BrowserNotFoundError(PeakreportError):
    """No Chromium could be found to print the PDF."""


class FileSystemError(PeakreportError):
    """A file could not be written or read: the disk, a permission, a read-only or
    other file system. One sentence naming the path and what to do (exit 1)."""


def file_error(exc: OSError, path: str | Path | None = None,
               outcome: str = "") -> FileSystemError:
    """`exc` as one sentence: the path (the error's own, else `path`), what happened in
    words, and what to do about it; `outcome` says what the run left as it was."""
    import errno

    out = "or write the report elsewhere with --out"
    reasons = {
        errno.ENOSPC: ("the disk is full", f"free some space on it, {out}"),
        errno.EDQUOT: ("the disk quota is reached", f"free some space, {out}"),
        errno.EFBIG: ("the file is larger than this system allows (ulimit -f)",
                      f"raise that limit, {out}"),
        errno.EACCES: ("permission denied", "check that you may write there (the "
                       f"folder's owner and mode), {out}"),
        errno.EPERM: ("operation not permitted", "check the folder's owner, mode and "
                      f"attributes (chattr, a locked file), {out}"),
        errno.EROFS: ("the file system is read-only", "write the report elsewhere with --out"),
        errno.EXDEV: ("it is on another file system than its staging folder",
                      "write the report elsewhere with --out"),
        errno.ENOENT: ("it does not exist (a folder on its path is missing or was "
                       "removed meanwhile)", "check the path and run again"),
        errno.ENOTDIR: ("a part of its path is a file, not a folder", "check the path"),
        errno.EISDIR: ("it is a folder where a file was expected", "move that folder away"),
        errno.ENOTEMPTY: ("a folder is in the way and is not empty", "move it away"),
        errno.EBUSY: ("it is in use by another program", "close that program and run again"),
        errno.ETXTBSY: ("it is in use by another program", "close that program and run again"),
        errno.EMFILE: ("too many files are open", "close some programs and run again"),
        errno.ENFILE: ("too many files are open", "close some programs and run again"),
        errno.ENAMETOOLONG: ("its name is too long", "use a shorter export folder path"),
        errno.EIO: ("the disk reported an input/output error", "check the disk, "
                    "or write the report elsewhere with --out"),
    }
    reason, todo = reasons.get(exc.errno, (exc.strerror or type(exc).__name__,
                                            "check that folder and run again"))
    if getattr(exc, "winerror", None) in (32, 33):  # Windows: a sharing violation
        reason, todo = "it is open in another program", "close it and run again"
    where = exc.filename if exc.filename is not None else path
    where = f"{where}: " if where is not None else ""
    tail = f"; {outcome}" if outcome else ""
    return FileSystemError(f"{where}{reason}; {todo}{tail}")
