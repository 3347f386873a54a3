"""Where a run builds its report, and the one step that puts it in place.

A run builds its whole report folder in a private staging folder (mode 0700), then
switches it with the previous report in one step (`publish`):

- on Linux (renameat2) and macOS (renamex_np), the two folders are exchanged by one
  atomic system call: a reader of `exports/<id>/report.html` gets the old report or the
  new one, never a mix and never nothing, and a crash at any instant leaves one of them;
- elsewhere (Windows, or a file system without the exchange: NFS, SMB), two renames a
  few milliseconds apart: the old folder aside, the new one in; if the second fails the
  first is undone, and a run killed between them is repaired by the next run
  (`remove_stale` puts the old folder back).

Either way the switch happens under the report folder's lock (`lock.PublishLock`), and
only once every file exists and has passed the privacy scan: a failed run changes
nothing. Files of the old folder that peakreport did not write (a user's notes) are
carried into the new one (hard links). A report folder that is a symbolic link is
followed: the report is written where it points.

The staging root is `.peakreport-staging/` beside the export folder, on the same file
system as the report folder (a rename from there is atomic), else inside it. It holds a
folder per run, named `<id>.<host>.<pid>.<random>`, and is removed when the last run
using it ends: nothing is left behind. A killed run's folder is removed by the next.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

from ..errors import PeakreportError, signals_deferred
from .lock import PublishLock

STAGING_DIR = ".peakreport-staging"
# what peakreport writes in a report folder: anything else found there is the user's,
# and is carried into the new folder
OWN_FILES = {"report.html", "report.pdf", "metrics.json", "README.txt", "internal"}
OWN_INTERNAL = {"report.ipynb", "rejected_registrations.csv", "rejected_survey.csv",
                "rejected_attendance.csv", "failed-report.ipynb"}
_MARKER = "publishing"  # in a run's folder: the report folder it is switching


def report_folder(out: Path, name: str) -> Path:
    """`<out>/<name>` with links followed: the real folder the report goes to (a report
    folder that is a link to elsewhere stays a link). Nothing is created here: a run
    that fails leaves no new folder either."""
    out = Path(out).expanduser().resolve()
    final = out / name
    if final.is_symlink():
        final = final.resolve()
    elif final.exists() and not final.is_dir():
        raise PeakreportError(f"{final} is a file, not a report folder: move it away, or "
                              "choose another export folder with --out")
    return final


def staging_root(out: Path) -> Path:
    """Where runs writing into `out` stage their work: `.peakreport-staging/` beside
    `out`, when that is on the same file system and writable; else inside `out`.
    Mode 0700: it may hold personal data."""
    existing = next(p for p in (out, *out.parents) if p.exists())
    out_dev = existing.stat().st_dev
    failure: OSError | None = None
    for root in (out.parent / STAGING_DIR, out / STAGING_DIR):
        try:
            if root.parent == out:  # inside: the export folder must exist for it
                out.mkdir(parents=True, exist_ok=True)
            elif not root.parent.is_dir():
                continue
            root.mkdir(mode=0o700, exist_ok=True)
            if root.stat().st_dev != out_dev:
                _remove_if_empty(root)
                continue
            os.chmod(root, 0o700)
            return root
        except OSError as exc:
            failure = exc  # the one inside the export folder: the one that matters
    if failure is not None:
        raise failure
    raise PeakreportError(f"cannot create a staging folder beside or inside {out}: check "
                          "that you may write there, or choose another folder with --out")


def _remove_if_empty(folder: Path) -> None:
    with suppress(OSError):  # not empty (another run stages there), or already gone
        folder.rmdir()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(out: Path) -> None:
    """Remove the staging of runs that were killed: any of this machine whose process
    has ended, in the staging root and (left by earlier versions) in `out` itself. A
    run killed halfway through a two-rename switch gets its old report back first."""
    import re
    import socket

    host = socket.gethostname()
    own = re.compile(rf"^[a-z0-9-]+\.{re.escape(host)}\.(\d+)\.[^.]+$")
    old = re.compile(r"^\.[a-z0-9-]+\.staging-(\d+)$")
    root = staging_root(out)
    for folder, pattern in ((root, own), (out, old)):
        with suppress(OSError):
            for entry in os.scandir(folder):
                m = pattern.match(entry.name)
                if m and entry.is_dir(follow_symlinks=False) and not _alive(int(m.group(1))):
                    _restore(Path(entry.path))
                    shutil.rmtree(entry.path, ignore_errors=True)
    _remove_if_empty(root)


def _restore(run: Path) -> None:
    """A killed run's two-rename switch: the old report back, if the new one never
    came in."""
    marker, previous = run / _MARKER, run / "previous"
    if not (marker.exists() and previous.is_dir()):
        return
    with suppress(OSError, PeakreportError):
        final = Path(marker.read_text(encoding="utf-8"))
        with PublishLock(final):
            if not os.path.lexists(final):
                os.rename(previous, final)


def new_staging(out: Path, name: str) -> Path:
    """A new, empty report folder to build in (`<root>/<run>/report`, mode 0700)."""
    import socket
    import tempfile

    for _ in range(5):  # another run may remove the root between its creation and ours
        root = staging_root(out)
        try:
            run = Path(tempfile.mkdtemp(
                prefix=f"{name}.{socket.gethostname()}.{os.getpid()}.", dir=root))
        except FileNotFoundError:
            continue
        (run / "report").mkdir(mode=0o700)
        return run / "report"
    raise PeakreportError(f"cannot create a staging folder in {root}")


def discard(staging: Path) -> str | None:
    """Remove a run's staging (what it built, or the old report it replaced), and the
    staging root when no other run uses it. Returns what could not be removed, if any."""
    run = staging.parent
    shutil.rmtree(run, ignore_errors=True)
    if run.exists():  # a folder without write permission: make room and retry
        _make_writable(run)
        shutil.rmtree(run, ignore_errors=True)
    _remove_if_empty(run.parent)
    if run.exists():
        return (f"the previous report could not be removed from {run} (a file there may be "
                "immutable or in use): remove that folder by hand")
    return None


def _make_writable(folder: Path) -> None:
    for path, dirs, _files in os.walk(folder):
        for d in (path, *(os.path.join(path, d) for d in dirs)):
            with suppress(OSError):
                os.chmod(d, 0o700)


# --------------------------------------------------------------------------- publish

def publish(staging: Path, final: Path, on_wait=None) -> list[Path]:
    """Put the report built in `staging` in place of `final`, in one step, under the
    report folder's lock; a stop (Ctrl-C, SIGTERM) that arrives meanwhile waits until
    it is done. Returns the files now in `final` that this run wrote."""
    _set_modes(staging, final)
    written = sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file())
    final.parent.mkdir(parents=True, exist_ok=True)
    with PublishLock(final, on_wait=on_wait), signals_deferred():
        _switch(staging, final)
    return [final / p for p in written]


def _switch(staging: Path, final: Path) -> None:
    if os.path.lexists(final) and not final.is_dir():
        raise PeakreportError(f"{final} is not a folder: move it away, or choose another "
                              "export folder with --out")
    if final.is_dir():
        _carry_over(final, staging)
    try:
        _swap(staging, final)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        # same device number, another mount (a bind mount): copied inside, then switched
        inside = _restage_inside(staging, final)
        try:
            _swap(inside, final)
        finally:
            discard(inside)


def _swap(staging: Path, final: Path) -> None:
    if not os.path.lexists(final):
        os.rename(staging, final)
        return
    if _exchange(staging, final):
        return
    run = staging.parent
    (run / _MARKER).write_text(str(final), encoding="utf-8")
    os.rename(final, run / "previous")
    try:
        os.rename(staging, final)
    except BaseException:
        os.rename(run / "previous", final)
        raise
    os.rename(run / "previous", staging)  # discarded with the run's folder


@lru_cache(maxsize=1)
def _libc():
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one system call; False where the system cannot."""
    import ctypes

    libc = _libc()
    if sys.platform.startswith("linux") and libc is not None and hasattr(libc, "renameat2"):
        rc = libc.renameat2(-100, os.fsencode(a), -100, os.fsencode(b), 2)  # AT_FDCWD, EXCHANGE
    elif sys.platform == "darwin" and libc is not None and hasattr(libc, "renamex_np"):
        rc = libc.renamex_np(os.fsencode(a), os.fsencode(b), 2)  # RENAME_SWAP
    else:
        return False
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # not on this file system: two renames
    raise OSError(err, os.strerror(err), str(b))


def _restage_inside(staging: Path, final: Path) -> Path:
    import socket
    import tempfile

    root = final.parent / STAGING_DIR
    root.mkdir(mode=0o700, exist_ok=True)
    run = Path(tempfile.mkdtemp(prefix=f"{final.name}.{socket.gethostname()}.{os.getpid()}.",
                                dir=root))
    inside = run / "report"
    shutil.copytree(staging, inside, symlinks=True)
    os.chmod(inside, staging.stat().st_mode & 0o7777)
    return inside


def _carry_over(final: Path, staging: Path) -> None:
    """Hard-link into the new folder what the old one holds that peakreport did not
    write (a user's notes beside the report), so that the switch keeps them."""
    for entry in os.scandir(final):
        if entry.name in OWN_FILES and entry.name != "internal":
            continue
        if entry.name == "internal" and entry.is_dir(follow_symlinks=False):
            for inner in os.scandir(entry.path):
                if inner.name not in OWN_INTERNAL:
                    _link_tree(Path(inner.path), staging / "internal" / inner.name)
            continue
        _link_tree(Path(entry.path), staging / entry.name)


def _link_tree(src: Path, dest: Path) -> None:
    if os.path.lexists(dest):
        return
    if src.is_symlink():
        os.symlink(os.readlink(src), dest)
    elif src.is_dir():
        dest.mkdir()
        shutil.copystat(src, dest)
        for entry in os.scandir(src):
            _link_tree(Path(entry.path), dest / entry.name)
    else:
        try:
            os.link(src, dest)
        except OSError:
            shutil.copy2(src, dest)


def _set_modes(staging: Path, final: Path) -> None:
    """The new folder gets the old one's mode (a fresh one: as the user's umask makes
    folders); `internal/` 0700 and its files 0600: they hold e-mails and comments."""
    if final.is_dir():
        st = final.stat()
        os.chmod(staging, st.st_mode & 0o7777)
        if hasattr(os, "chown"):  # not on Windows
            with suppress(OSError):
                os.chown(staging, -1, st.st_gid)
    else:
        probe = staging.parent / "mode"
        probe.mkdir(0o777)
        mode = probe.stat().st_mode & 0o777
        probe.rmdir()
        os.chmod(staging, mode)
    internal = staging / "internal"
    if internal.is_dir():
        os.chmod(internal, 0o700)
        for path in internal.rglob("*"):
            os.chmod(path, 0o700 if path.is_dir() else 0o600)


def keep_failed(executed: Path, final: Path, name: str = "failed-report.ipynb") -> Path:
    """Keep a failed run's executed notebook for reading, as `internal/<name>` beside
    (not over) the last good report; written whole, under the report folder's lock."""
    kept = final / "internal" / name
    final.parent.mkdir(parents=True, exist_ok=True)
    with PublishLock(final):
        kept.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = kept.with_name(f".{name}.{os.getpid()}.partial")
        try:
            shutil.copyfile(executed, partial)
            os.chmod(partial, 0o600)
            os.replace(partial, kept)
        finally:
            with suppress(OSError):
                partial.unlink()
    return kept
