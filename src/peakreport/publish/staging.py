"""Where a run builds its report, and the one step that puts it in place.

Everything is built in a private staging folder (mode 0700) outside the export folder
but on the same file system (`staging_root`), so that work in progress — a report not
yet scanned, the kernel's hand-over file, rejected rows — is never found among the
reports, and the publish stays one atomic rename per file. A killed run's staging is
removed by the next run (`remove_stale`).
"""

from __future__ import annotations

import os
import shutil
from contextlib import suppress
from pathlib import Path

from ..errors import PeakreportError, signals_deferred

STAGING_DIR = ".peakreport-staging"


def staging_root(out: Path) -> Path:
    """Where runs writing into `out` stage their work: `.peakreport-staging/` beside
    `out`, when that is on the same file system (a rename from there is atomic) and
    writable; else inside `out`. Mode 0700: it may hold personal data."""
    for root in (out.parent / STAGING_DIR, out / STAGING_DIR):
        try:
            root.mkdir(mode=0o700, exist_ok=True)
            if root.stat().st_dev != out.stat().st_dev:
                continue
            os.chmod(root, 0o700)
            return root
        except OSError:
            continue
    raise PeakreportError(f"cannot create a staging folder for {out}")


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
    has ended, in the staging root and (left by earlier versions) in `out` itself."""
    import re
    import socket

    host = socket.gethostname()
    own = re.compile(rf"^[a-z0-9-]+\.{re.escape(host)}\.(\d+)\.[^.]+$")
    old = re.compile(r"^\.[a-z0-9-]+\.staging-(\d+)$")
    for folder, pattern in ((staging_root(out), own), (out, old)):
        with suppress(OSError):
            for entry in os.scandir(folder):
                m = pattern.match(entry.name)
                if m and entry.is_dir(follow_symlinks=False) and not _alive(int(m.group(1))):
                    shutil.rmtree(entry.path, ignore_errors=True)


def new_staging(out: Path, name: str) -> Path:
    import socket
    import tempfile

    return Path(tempfile.mkdtemp(prefix=f"{name}.{socket.gethostname()}.{os.getpid()}.",
                                 dir=staging_root(out)))


def publish(staging: Path, final: Path) -> list[Path]:
    """Move every staged file over the previous report, one atomic rename per file;
    a stop (Ctrl-C, SIGTERM) that arrives meanwhile waits until all are moved, so a
    report is never half replaced."""
    moved = []
    with signals_deferred():
        for src in sorted(staging.rglob("*")):
            if src.is_dir():
                continue
            dest = final / src.relative_to(staging)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dest)
            moved.append(dest)
    return moved
