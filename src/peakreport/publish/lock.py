"""One run publishes a report folder at a time: a lock file beside it, held with flock.

Two runs of one forum may build at the same time (each in its own staging folder);
only their last step, the switch from the old report to the new one, is taken in turn,
so a report folder always holds one run's files. The lock is an advisory `flock` on
`.<report>.lock` in the export folder: the kernel releases it when its holder ends,
however it ends (even SIGKILL), so there is no stale lock to clear by hand. The holder
writes its pid, host and start time into the file; a second run waits for it at most
`LOCK_WAIT_S` seconds, then says who holds it. The file is removed on release, so it
is there only while a run publishes (a few milliseconds).

Removing a lock file that others may be waiting on is safe because a waiter, once it
holds the lock, checks that the path still names the file it locked, and starts again
if not. Where `flock` is emulated by byte-range locks (NFS), those are per process:
a lock per path within the process (threads of a batch) covers that case.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from ..errors import PeakreportError

LOCK_WAIT_S = 30.0   # a publish takes milliseconds: a holder past this is stuck or stopped
_POLL_S = 0.05
_IN_PROCESS: dict[str, threading.Lock] = {}
_IN_PROCESS_GUARD = threading.Lock()


class LockTimeout(PeakreportError):
    """Another run has held the report folder's lock for longer than the wait allows."""


def lock_path(folder: Path) -> Path:
    return folder.parent / f".{folder.name}.lock"


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows: a byte-range lock on the file's first byte
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        import errno

        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
            return True  # a file system without locks: publish unguarded, as before
        raise
    return True


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        text = ""
    return text or "another run"


class PublishLock:
    """`with PublishLock(folder):` holds `folder`'s publish lock, waiting at most `wait_s`.

    `on_wait(holder)` is called once when the lock is taken by someone else (to say so
    on a terminal)."""

    def __init__(self, folder: Path, wait_s: float | None = None,
                 on_wait: Callable[[str], None] | None = None) -> None:
        self.folder, self.path = folder, lock_path(folder)
        self.wait_s = LOCK_WAIT_S if wait_s is None else wait_s
        self.on_wait = on_wait
        self.fd: int | None = None
        with _IN_PROCESS_GUARD:
            self._thread_lock = _IN_PROCESS.setdefault(str(self.path), threading.Lock())

    def __enter__(self) -> PublishLock:
        deadline = time.monotonic() + self.wait_s
        if not self._thread_lock.acquire(timeout=self.wait_s):
            raise self._timeout("another report of this process")
        try:
            self._acquire(deadline)
        except BaseException:
            self._thread_lock.release()
            raise
        return self

    def _acquire(self, deadline: float) -> None:
        import socket

        said = False
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                if _try_lock(fd):
                    try:
                        same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
                    except FileNotFoundError:
                        same = False
                    if same:  # not a file its last holder removed meanwhile
                        os.ftruncate(fd, 0)
                        os.write(fd, f"run {os.getpid()} on {socket.gethostname()}, since "
                                     f"{time.strftime('%H:%M:%S')}".encode())
                        self.fd, fd = fd, None
                        return
                    continue
                holder = _holder(self.path)
                if time.monotonic() > deadline:
                    raise self._timeout(holder)
                if not said and self.on_wait is not None:
                    said = True
                    self.on_wait(holder)
            finally:
                if fd is not None:
                    os.close(fd)
            time.sleep(_POLL_S)

    def _timeout(self, holder: str) -> LockTimeout:
        return LockTimeout(
            f"{self.folder}: {holder} has been publishing this report for over "
            f"{self.wait_s:.0f} s (lock {self.path}); nothing was replaced: run again once "
            "it has ended, or stop it")

    def __exit__(self, *exc: object) -> None:
        try:
            if self.fd is not None:
                with suppress(OSError):
                    os.unlink(self.path)  # while held: a waiter then sees a new file
                os.close(self.fd)  # releases the flock
                self.fd = None
        finally:
            self._thread_lock.release()
