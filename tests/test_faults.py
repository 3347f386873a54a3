"""A run stopped by SIGTERM (kill, systemd, CI) or SIGKILL leaves nothing behind that matters.

Each case starts `peakreport run` on the sample forum over a published report, waits
for a given point of the run (seen from its staging folder), sends the signal, then
checks: the previous report is byte for byte as it was; the export folder holds only
that report (no staging, no personal data outside its `internal/`); no process of the
run is left; with SIGTERM the run cleaned up itself and said so in one line, with
SIGKILL the next run removes what the killed one left (staging, Chromium profile).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from peakreport.publish.chromium import PROFILE_PREFIX
from peakreport.publish.staging import STAGING_DIR, staging_root

from .conftest import ROOT, SAMPLE

BIN = Path(sys.executable).parent / "peakreport"
FUNDER_FILES = {"report.html", "report.pdf", "metrics.json", "README.txt"}


def _emails() -> set[str]:
    text = (ROOT / "data/sample/forum-peak-2021/registrations.csv").read_text("cp1252")
    return {e.lower() for e in re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", text)}


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Each file's inode and bytes: a file replaced by identical bytes is still new."""
    return {str(p.relative_to(folder)): (p.stat().st_ino, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _all_new(before: dict, after: dict) -> bool:
    """Every file of the report replaced (a whole new report), none left from before."""
    return before.keys() == after.keys() and all(
        after[k][0] != before[k][0] for k in before)


def _tagged(tag: str) -> list[str]:
    """Command lines of the processes started with PEAKREPORT_TEST_TAG=tag (the run,
    its kernel, its Chromium: each inherits the environment)."""
    found = []
    for env in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"PEAKREPORT_TEST_TAG={tag}".encode() in env.read_bytes():
                found.append((env.parent / "cmdline").read_bytes().replace(b"\0", b" ")
                             .decode(errors="replace")[:120])
        except OSError:
            continue
    return found


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def _staged(root: Path, pid: int, name: str) -> bool:
    return any((d / "report" / name).exists() for d in root.glob(f"*.{pid}.*"))


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    out = tmp_path_factory.mktemp("faults") / "out"
    subprocess.run([str(BIN), "run", str(SAMPLE), "--out", str(out), "--quiet"], check=True)
    return out


# the points of a run: just started (kernel and Chromium starting, data being read);
# the notebook running (metrics and rejected rows staged); the PDF printing and the
# privacy scan (report.html staged, not yet scanned)
POINTS = {"start": None, "notebook": "metrics.json", "printing": "report.html"}


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
@pytest.mark.parametrize("point", list(POINTS))
def test_a_stopped_run_leaves_the_previous_report_and_nothing_else(published, point, sig):
    out = published
    before = _snapshot(out)
    root = out.parent / STAGING_DIR  # beside the export folder, while a run uses it
    tag = uuid.uuid4().hex
    proc = subprocess.Popen([str(BIN), "run", str(SAMPLE), "--out", str(out), "--quiet"],
                            env={**os.environ, "PEAKREPORT_TEST_TAG": tag},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if POINTS[point] is None:
        assert _wait_for(lambda: any(root.glob(f"*.{proc.pid}.*")), 30)
    else:
        assert _wait_for(lambda: _staged(root, proc.pid, POINTS[point]), 60), point
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)

    # the previous report, byte for byte; nothing else in the export folder. Stopped while
    # printing, the run may already be publishing: then its stop waits until every file
    # is moved, and the report is wholly new; never half old, half new.
    after = _snapshot(out)
    assert after == before or (point == "printing" and _all_new(before, after))
    assert sorted(p.name for p in out.iterdir()) == ["forum-peak-2021"]
    report = out / "forum-peak-2021"
    outside_internal = [p for p in report.rglob("*")
                        if p.is_file() and "internal" not in p.relative_to(report).parts]
    assert {p.name for p in outside_internal} == FUNDER_FILES
    emails = _emails()
    assert len(emails) > 100
    for p in outside_internal:
        assert not emails & set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+",
                                           p.read_text("utf-8", errors="replace").lower()))
    # staging is private to its owner (and gone once no run uses it)
    assert not root.exists() or root.stat().st_mode & 0o777 == 0o700

    # no process of the run is left (the kernel notices its parent died within a second
    # or so, Chromium its closed pipe)
    assert _wait_for(lambda: not _tagged(tag), 15), _tagged(tag)
    profiles = list(Path(tempfile.gettempdir()).glob(f"{PROFILE_PREFIX}{proc.pid}-*"))
    if sig == signal.SIGTERM:
        assert proc.returncode == 128 + signal.SIGTERM
        assert err.strip().splitlines() == [
            "peakreport: stopped by SIGTERM; unfinished reports were not published"]
        assert not root.exists() and not profiles
    else:
        assert proc.returncode == -signal.SIGKILL
        # what a killed run left is removed by the next run
        subprocess.run([str(BIN), "run", str(SAMPLE), "--out", str(out), "--quiet"],
                       check=True)
        assert not root.exists()  # the killed run's staging removed, with the root
        assert not list(Path(tempfile.gettempdir()).glob(f"{PROFILE_PREFIX}{proc.pid}-*"))
        assert sorted(p.name for p in out.iterdir()) == ["forum-peak-2021"]


def test_a_batch_stopped_by_sigterm_ends_its_forums_and_processes(tmp_path):
    """The forums under way finish or are not published; none starts after the signal;
    no staging, kernel or Chromium is left."""
    import yaml

    forums = []
    for i in range(6):
        data = yaml.safe_load(SAMPLE.read_text("utf-8"))
        data["event"]["id"] = f"forum-{i}"
        for part in ("registrations", "survey"):
            data[part]["path"] = str((SAMPLE.parent / data[part]["path"]).resolve())
        data["history"] = [str(SAMPLE.parent / h) for h in data["history"]]
        forums.append(tmp_path / f"forum-{i}.yaml")
        forums[-1].write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    out = tmp_path / "out"
    tag = uuid.uuid4().hex
    proc = subprocess.Popen([str(BIN), "batch", *map(str, forums), "--jobs", "1", "--out",
                             str(out), "--quiet"],
                            env={**os.environ, "PEAKREPORT_TEST_TAG": tag},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert _wait_for(lambda: (out / "forum-0" / "report.pdf").exists(), 90)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert err.strip().splitlines()[-1] == (
        "peakreport: stopped by SIGTERM; unfinished reports were not published")
    published = sorted(p.name for p in out.iterdir())
    assert "forum-0" in published and len(published) < 6
    for name in published:  # every published forum is whole
        assert {p.name for p in (out / name).iterdir()} == FUNDER_FILES | {"internal"}
    assert not (out.parent / STAGING_DIR).exists()
    assert _wait_for(lambda: not _tagged(tag), 15), _tagged(tag)
    assert not list(Path(tempfile.gettempdir()).glob(f"{PROFILE_PREFIX}{proc.pid}-*"))


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_stale_staging_and_profiles_of_dead_processes_only_are_removed(tmp_path):
    import socket

    from peakreport.publish.chromium import remove_stale_profiles
    from peakreport.publish.staging import remove_stale

    out = tmp_path / "out"
    out.mkdir()
    root = staging_root(out)
    dead, alive, host = _dead_pid(), os.getpid(), socket.gethostname()
    folders = {
        root / f"forum-a.{host}.{dead}.x1y2": False,       # a killed run: removed
        root / f"forum-a.{host}.{alive}.x1y2": True,       # a run under way: kept
        root / f"forum-a.other-host.{dead}.x1y2": True,    # another machine's (shared disk)
        out / f".forum-a.staging-{dead}": False,           # left by an earlier version
        out / f".forum-a.staging-{alive}": True,
        out / "forum-a": True,                             # a published report
    }
    for folder in folders:
        (folder / "internal").mkdir(parents=True)
        (folder / "internal" / "rejected_registrations.csv").write_text("x")
    remove_stale(out)
    assert {f: f.exists() for f in folders} == folders
    profiles = {
        tmp_path / f"{PROFILE_PREFIX}{dead}-abc": False,
        tmp_path / f"{PROFILE_PREFIX}{alive}-abc": True,
        tmp_path / f"{PROFILE_PREFIX}12345678": True,      # not ours to judge: no pid in it
    }
    for folder in profiles:
        folder.mkdir()
    remove_stale_profiles(str(tmp_path))
    assert {f: f.exists() for f in profiles} == profiles
