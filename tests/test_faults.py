"""The fault campaign: what a hostile environment does to a run, and what must hold.

- A run stopped by SIGTERM (kill, systemd, CI) or SIGKILL leaves nothing behind that
  matters. Each case starts `peakreport run` on the sample forum over a published
  report, waits for a given point of the run (seen from its staging folder), sends the
  signal, then checks: the previous report is byte for byte as it was; the export folder
  holds only that report (no staging, no personal data outside its `internal/`); no
  process of the run is left; with SIGTERM the run cleaned up itself and said so in one
  line, with SIGKILL the next run removes what the killed one left.
- Publishing is all-or-nothing per report folder: one run's files only (two runs at
  once, a lock held by another process, a switch that fails halfway), links to other
  file systems followed, a failed run (no Chromium, a disk full, a folder that cannot be
  replaced) changes nothing and says so in one sentence naming the path; nothing is
  left beside the export folder.
- Every wait has a bound: a kernel that dies in a cell ends the run naming the cell, and
  a batch goes on; a FIFO or a device is refused before it is read.
- Inputs are read with bounded memory and no silent row loss (NUL-filled files, devices,
  a quote left open, wide files, huge cells, a workbook lying about its sizes), and bad
  params values exit 2 naming the key.
- The output scan reads what a reader sees (character references, names across table
  cells, script strings, attributes), on HTML-only runs and the nbconvert exporters too;
  images are refused unless the params allow them, then listed.

Disk full is simulated two ways: a real 2 MB tmpfs mounted as the export folder when
this process may mount one (root with CAP_SYS_ADMIN, as in the project's CI container),
and, always, a monkeypatched write raising ENOSPC. Permission and read-only errors are
monkeypatched (as root, file modes do not stop a write).
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
    forums = _forum_copies(tmp_path, 6)
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


# =========================================================================== publishing

def _metrics_only(out: Path, *extra: str, params: Path = SAMPLE) -> int:
    """A run without notebook or browser (`--to ""`): the same staging and publish."""
    from peakreport.cli import main

    return main(["run", str(params), "--out", str(out), "--to", "", "--quiet", *extra])


def _tree(folder: Path) -> dict[str, tuple[int, bytes]]:
    return _snapshot(folder) if folder.exists() else {}


def test_two_runs_of_one_forum_at_once_leave_one_runs_files(published, tmp_path):
    """Regression: metrics.json of one run beside report.html and report.pdf of another.
    Two runs (French, English, HTML only) over a French report with its PDF: the folder
    ends with one of them whole, and no PDF (neither run made one)."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(published / "forum-peak-2021", out / "forum-peak-2021")
    procs = [subprocess.Popen([str(BIN), "run", str(SAMPLE), "--out", str(out), "--quiet",
                               "--to", "html", "--lang", lang],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for lang in ("fr", "en")]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    report = out / "forum-peak-2021"
    assert {p.name for p in report.iterdir()} == {"report.html", "metrics.json",
                                                  "README.txt", "internal"}
    lang = re.search(r'<html lang="(\w+)"', (report / "report.html").read_text()).group(1)
    readme = (report / "README.txt").read_text(encoding="utf-8")
    assert readme.startswith("Rapport produit" if lang == "fr" else "Report produced")
    notebook = (report / "internal" / "report.ipynb").read_text(encoding="utf-8")
    assert f'language = \\"{lang}\\"' in notebook  # Papermill's injected parameters
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _hold_lock(folder: Path, seconds: float) -> subprocess.Popen:
    """Another process holding `folder`'s publish lock for `seconds`."""
    code = ("import sys, time; from pathlib import Path\n"
            "from peakreport.publish.lock import PublishLock\n"
            f"with PublishLock(Path({str(folder)!r})):\n"
            "    print('held', flush=True); time.sleep(float(sys.argv[1]))\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_run_waits_for_the_publish_lock_then_publishes(tmp_path):
    out = tmp_path / "out"
    assert _metrics_only(out) == 0
    holder = _hold_lock(out / "forum-peak-2021", 1.5)
    t0 = time.monotonic()
    assert _metrics_only(out) == 0  # waits for the holder, then publishes
    assert time.monotonic() - t0 > 1.0
    holder.wait(timeout=10)
    assert sorted(p.name for p in out.iterdir()) == ["forum-peak-2021"]  # lock file gone


def test_a_run_does_not_wait_for_ever_and_names_who_holds_the_lock(tmp_path, monkeypatch,
                                                                    capsys):
    import socket

    from peakreport.publish import lock

    out = tmp_path / "out"
    assert _metrics_only(out) == 0
    before = _tree(out)
    monkeypatch.setattr(lock, "LOCK_WAIT_S", 1.0)
    holder = _hold_lock(out / "forum-peak-2021", 60)  # stuck, or stopped (SIGSTOP)
    try:
        t0 = time.monotonic()
        assert _metrics_only(out) == 1
        assert time.monotonic() - t0 < 10
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"peakreport: {out / 'forum-peak-2021'}: run {holder.pid} on "
                             f"{socket.gethostname()}, since ")
    assert "has been publishing this report for over 1 s" in err[0]
    assert err[0].endswith("nothing was replaced: run again once it has ended, or stop it")
    after = _tree(out)
    after.pop(".forum-peak-2021.lock", None)  # the dead holder's file: harmless, reused
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _fake_report(folder: Path, tag: str, pdf: bool = True) -> None:
    (folder / "internal").mkdir(parents=True)
    names = ["report.html", "metrics.json", "README.txt", "internal/report.ipynb"]
    for name in names + (["report.pdf"] if pdf else []):
        (folder / name).write_text(f"{tag} {name}", encoding="utf-8")


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_the_switch_replaces_the_whole_folder_and_keeps_the_users_files(tmp_path,
                                                                       monkeypatch, exchange):
    from peakreport.publish import staging as S

    out = tmp_path / "out"
    final = S.report_folder(out, "forum")
    _fake_report(final, "old")
    (final / "notes.txt").write_text("mine", encoding="utf-8")      # the user's, kept
    (final / "internal" / "failed-report.ipynb").write_text("stale")  # ours, dropped
    notes_inode = (final / "notes.txt").stat().st_ino
    os.chmod(final, 0o750)  # the new folder takes the old one's mode
    new = S.new_staging(out, "forum")
    _fake_report(new, "new", pdf=False)  # an HTML-only run
    if not exchange:
        monkeypatch.setattr(S, "_exchange", lambda a, b: False)
    written = S.publish(new, final)
    assert sorted(p.relative_to(final).as_posix() for p in written) == [
        "README.txt", "internal/report.ipynb", "metrics.json", "report.html"]
    assert {p.name for p in final.iterdir()} == {"report.html", "metrics.json", "README.txt",
                                                 "internal", "notes.txt"}
    assert (final / "report.html").read_text() == "new report.html"
    assert (final / "notes.txt").stat().st_ino == notes_inode  # a hard link, not a copy
    assert not (final / "internal" / "failed-report.ipynb").exists()
    assert final.stat().st_mode & 0o777 == 0o750
    assert (final / "internal").stat().st_mode & 0o777 == 0o700
    assert (final / "internal" / "report.ipynb").stat().st_mode & 0o777 == 0o600
    assert S.discard(new) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_switch_that_fails_halfway_is_undone(tmp_path, monkeypatch):
    """Without an atomic exchange: the old folder aside, then the new one in; when the
    second rename fails, the first is undone."""
    import errno

    from peakreport.publish import staging as S

    out = tmp_path / "out"
    final = S.report_folder(out, "forum")
    _fake_report(final, "old")
    before = _tree(final)
    new = S.new_staging(out, "forum")
    _fake_report(new, "new")
    monkeypatch.setattr(S, "_exchange", lambda a, b: False)
    real_rename = os.rename

    def rename(src, dest):
        if Path(src) == new:
            raise OSError(errno.EBUSY, "Device or resource busy", str(dest))
        real_rename(src, dest)

    monkeypatch.setattr(S.os, "rename", rename)
    with pytest.raises(OSError):
        S.publish(new, final)
    assert _tree(final) == before
    S.discard(new)


def test_a_run_killed_between_the_two_renames_is_repaired_by_the_next(tmp_path):
    import socket

    from peakreport.publish import staging as S

    out = tmp_path / "out"
    out.mkdir()
    run = S.staging_root(out) / f"forum.{socket.gethostname()}.{_dead_pid()}.abcd"
    _fake_report(run / "previous", "old")
    _fake_report(run / "report", "new")
    (run / "publishing").write_text(str(out / "forum"), encoding="utf-8")
    S.remove_stale(out)  # the next run's first step
    assert (out / "forum" / "report.html").read_text() == "old report.html"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize(("code", "says"), [
    ("EBUSY", "it is in use by another program; close that program and run again"),
    ("EACCES", "permission denied; check that you may write there (the folder's owner and "
               "mode), or write the report elsewhere with --out"),
    ("EROFS", "the file system is read-only; write the report elsewhere with --out"),
])
def test_a_report_folder_that_cannot_be_replaced_is_left_as_it_was(tmp_path, monkeypatch,
                                                                   capsys, code, says):
    """report.pdf open on a shared drive, a folder the user may not write: the switch
    fails, and the previous report stays, with one sentence naming the folder."""
    import errno

    from peakreport.publish import staging as S

    out = tmp_path / "out"
    assert _metrics_only(out) == 0
    before = _tree(out)
    final = out / "forum-peak-2021"

    def refuse(a, b):
        raise OSError(getattr(errno, code), os.strerror(getattr(errno, code)), str(b))

    monkeypatch.setattr(S, "_exchange", refuse)
    assert _metrics_only(out) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        f"peakreport: {final}: {says}; nothing was replaced"]
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_run_leaves_nothing_beside_or_inside_the_export_folder(tmp_path, monkeypatch):
    """Regression (issue 20): every run left an empty `.peakreport-staging/` in the
    working folder."""
    monkeypatch.chdir(tmp_path)
    assert _metrics_only(Path("exports")) == 0
    assert _metrics_only(Path("exports")) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == ["forum-peak-2021"]
    internal = tmp_path / "exports" / "forum-peak-2021" / "internal"
    assert internal.stat().st_mode & 0o777 == 0o700  # it holds e-mails and comments
    assert {p.stat().st_mode & 0o777 for p in internal.iterdir()} == {0o600}


def _other_file_system(tmp_path: Path):
    """A folder on another file system than `tmp_path`: /dev/shm, else a tmpfs mounted
    for the test; None when neither is possible."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and shm.stat().st_dev != tmp_path.stat().st_dev:
        folder = shm / f"peakreport-test-{uuid.uuid4().hex}"
        folder.mkdir()
        return folder, lambda: __import__("shutil").rmtree(folder)
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        return None
    return mnt, lambda: subprocess.run(["umount", str(mnt)], check=True)


@pytest.mark.parametrize("linked", ["export folder", "report folder"])
def test_a_link_to_another_file_system_is_written_where_it_points(tmp_path, linked):
    """Regression: a cross-device rename made such an export folder unwritable."""
    other = _other_file_system(tmp_path)
    if other is None:
        pytest.skip("no second file system here (/dev/shm, or a tmpfs mount)")
    target, cleanup = other
    try:
        if linked == "export folder":
            (target / "exports").mkdir()
            (tmp_path / "exports").symlink_to(target / "exports")
            report = target / "exports" / "forum-peak-2021"
        else:
            (tmp_path / "exports").mkdir()
            (target / "forum").mkdir()
            (tmp_path / "exports" / "forum-peak-2021").symlink_to(target / "forum")
            report = target / "forum"
        for _ in range(2):  # the second run replaces the first's report
            assert _metrics_only(tmp_path / "exports") == 0
        assert {p.name for p in report.iterdir()} == {"metrics.json", "README.txt",
                                                      "internal"}
        assert (tmp_path / "exports").is_symlink() == (linked == "export folder")
        link = tmp_path / "exports" / "forum-peak-2021"
        assert link.is_symlink() == (linked == "report folder")
        assert sorted(p.name for p in target.iterdir()) == [report.relative_to(target).parts[0]]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"] + (
            ["mnt"] if (tmp_path / "mnt").exists() else [])
    finally:
        cleanup()


def test_a_disk_full_while_staging_is_one_sentence_and_changes_nothing(tmp_path,
                                                                       monkeypatch, capsys):
    """Simulated by a write that raises ENOSPC without a file name, as write() does."""
    import errno

    out = tmp_path / "out"
    assert _metrics_only(out) == 0
    before = _tree(out)
    real_write_text = Path.write_text

    def write_text(self, *args, **kwargs):
        if self.name == "metrics.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)
    assert _metrics_only(out) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        f"peakreport: {out / 'forum-peak-2021'}: the disk is full; free some space on it, "
        "or write the report elsewhere with --out; nothing was replaced"]
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_real_full_disk_is_one_sentence_and_changes_nothing(tmp_path):
    """A 2 MB tmpfs as the export folder: the previous HTML report (1.3 MB) fits, a second
    one beside it does not."""
    mnt = tmp_path / "full"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)")
    try:
        run = [str(BIN), "run", str(SAMPLE), "--out", str(mnt), "--to", "html", "--quiet"]
        subprocess.run(run, check=True, timeout=120)
        before = _tree(mnt)
        failed = subprocess.run(run, capture_output=True, text=True, timeout=120)
        assert failed.returncode == 1
        err = failed.stderr.strip().splitlines()
        assert len(err) == 1 and ": the disk is full; free some space on it, or write the " \
            "report elsewhere with --out; nothing was replaced" in err[0], err
        assert err[0].startswith(f"peakreport: {mnt}/")
        assert _tree(mnt) == before
    finally:
        subprocess.run(["umount", str(mnt)], check=True)


# =========================================================================== hangs

def _notebook_with(tmp_path: Path, code: str, at: int = 4, name: str = "custom") -> Path:
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / "event_report.ipynb", as_version=4)
    nb.cells.insert(at, nbformat.v4.new_code_cell(code))
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.parametrize("code", ["import os\nos._exit(1)",
                                  "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"],
                         ids=["os._exit", "SIGKILL (out of memory)"])
def test_a_kernel_that_dies_in_a_cell_ends_the_run_naming_the_cell(published, tmp_path, code):
    """Regression: the run hung for ever."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(published / "forum-peak-2021", out / "forum-peak-2021")
    before = _snapshot(out / "forum-peak-2021")
    notebook = _notebook_with(tmp_path, code, at=4)  # the 5th cell of the author's notebook
    tag = uuid.uuid4().hex
    t0 = time.monotonic()
    proc = subprocess.run([str(BIN), "run", str(SAMPLE), "--out", str(out), "--quiet",
                           "--notebook", str(notebook)], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PEAKREPORT_TEST_TAG": tag})
    assert time.monotonic() - t0 < 30
    assert proc.returncode == 1
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1, err
    first = code.splitlines()[0]
    assert err[0].startswith(f"peakreport: report notebook cell 5 (`{first}`) was running "
                             "when the kernel died (out of memory, a crash or os._exit in "
                             "the cell); nothing was published")
    # the notebook of a dead kernel has nothing to read past the cell named: none is kept
    assert _snapshot(out / "forum-peak-2021") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["custom.ipynb", "out"]
    assert _wait_for(lambda: not _tagged(tag), 15), _tagged(tag)


def test_a_batch_goes_on_after_a_kernel_died_in_one_forum(tmp_path, monkeypatch):
    from peakreport.publish import batch
    from peakreport.publish import run as run_module

    forums = _forum_copies(tmp_path, 3)
    crash = _notebook_with(tmp_path, "import os\nos._exit(3)", at=4, name="crash")
    real = run_module.run_report

    def run_report(params, **kw):  # the second forum's notebook kills its kernel
        if Path(params).name == "forum-1.yaml":
            kw["notebook"] = crash
        return real(params, **kw)

    monkeypatch.setattr(run_module, "run_report", run_report)
    t0 = time.monotonic()
    try:
        items = batch.run_batch(forums, out=tmp_path / "out", jobs=1, to="html")
    finally:
        if batch._SHARED is not None:
            batch._SHARED.close()
            batch._SHARED = None
    assert time.monotonic() - t0 < 60
    assert [it.status for it in items] == ["ok", "failed", "ok"]
    assert items[1].message.startswith("report notebook cell 5 (`import os`) was running "
                                       "when the kernel died")
    for name in ("forum-0", "forum-2"):
        assert {p.name for p in (tmp_path / "out" / name).iterdir()} == {
            "report.html", "metrics.json", "README.txt", "internal"}
    assert not (tmp_path / "out" / "forum-1" / "report.html").exists()


def _forum_copies(tmp_path: Path, n: int) -> list[Path]:
    import yaml

    forums = []
    for i in range(n):
        data = yaml.safe_load(SAMPLE.read_text("utf-8"))
        data["event"]["id"] = f"forum-{i}"
        for part in ("registrations", "survey"):
            data[part]["path"] = str((SAMPLE.parent / data[part]["path"]).resolve())
        data["history"] = [str(SAMPLE.parent / h) for h in data["history"]]
        forums.append(tmp_path / f"forum-{i}.yaml")
        forums[-1].write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return forums


def _cli(*args: str, cwd: Path | None = None, timeout: float = 30):
    """The command in its own process, so that a hang fails the test, not the suite."""
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=timeout,
                          cwd=cwd)


def _params_for(tmp_path: Path, registrations: str, **extra) -> Path:
    from .conftest import base_params, write_params

    return write_params(tmp_path, base_params(reg=registrations, survey=None, **extra))


def test_a_fifo_or_a_device_is_refused_before_it_is_read(tmp_path):
    """Regression: a FIFO as input hung the run."""
    fifo = tmp_path / "inscrits.csv"
    os.mkfifo(fifo)
    for path, what in ((fifo, "a named pipe (FIFO)"), ("/dev/zero", "a device")):
        proc = _cli("validate", str(_params_for(tmp_path, str(path))))
        assert proc.returncode == 2
        assert proc.stderr.strip().splitlines() == [
            f"peakreport: {path}: is {what}, not a file; point `registrations.path` at the "
            "export file itself"]
    params_fifo = tmp_path / "forum-fifo.yaml"
    os.mkfifo(params_fifo)
    proc = _cli("validate", str(params_fifo))
    assert (proc.returncode, proc.stderr.strip()) == (2, f"peakreport: {params_fifo}: is not "
                                                      "a file (a named pipe, a device…); give "
                                                      "the params file itself")
    proc = _cli("run", str(SAMPLE), "--notebook", str(fifo), "--out", str(tmp_path / "o"))
    assert (proc.returncode, proc.stderr.strip()) == (2, f"peakreport: {fifo}: is not a "
                                                      "notebook file (a folder, a named pipe, "
                                                      "a device…)")


# =========================================================================== inputs

_MEASURED = (  # a small Python between: a child's peak memory counts its parent's at fork
    "import resource, subprocess, sys, time\n"
    "t = time.monotonic()\n"
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, "
    "text=True, timeout=60)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024\n"
    "print(p.returncode, time.monotonic() - t, peak)\n"
    "sys.stdout.write(p.stderr)\n")


def _validate_with_rusage(params: Path) -> tuple[int, str, float, int]:
    """(exit code, stderr, seconds, peak memory in MB) of `peakreport validate`."""
    out = subprocess.run([sys.executable, "-c", _MEASURED, str(BIN), "validate", str(params)],
                         capture_output=True, text=True, timeout=90).stdout
    first, _, err = out.partition("\n")
    code, seconds, peak = first.split()
    return int(code), err, float(seconds), int(peak)


@pytest.mark.parametrize("kind", ["NUL-filled 2 GB", "/dev/zero", "no line break",
                                  "lying workbook"])
def test_binary_and_endless_inputs_are_refused_with_bounded_memory(tmp_path, kind):
    """Regression: /dev/zero and NUL-filled files grew to gigabytes before any refusal."""
    if kind == "NUL-filled 2 GB":
        path = tmp_path / "inscrits.csv"
        with path.open("wb") as f:  # sparse: 2 GB on paper, nothing on disk
            f.truncate(2 << 30)
        says = "is not a CSV or Excel file (binary content: NUL bytes in its first megabyte)"
    elif kind == "/dev/zero":
        path, says = Path("/dev/zero"), "is a device, not a file"
    elif kind == "no line break":
        path = tmp_path / "inscrits.csv"
        path.write_bytes(b"a;" * (2 << 20))
        says = "is not a CSV or Excel file (no line break in its first megabyte"
    else:
        path = _lying_workbook(tmp_path / "inscrits.xlsx")
        says = ("is a damaged or forged workbook: its part xl/worksheets/sheet1.xml declares "
                "2,000 bytes but expands to more than 67 MB")
    code, err, seconds, peak_mb = _validate_with_rusage(_params_for(tmp_path, str(path)))
    assert code == 2
    assert err.startswith(f"peakreport: {path}: {says}"), err
    assert len(err.strip().splitlines()) == 1
    assert seconds < 20
    assert peak_mb < 400  # the program itself is ~120 MB; the inputs are 2 GB and endless


def _lying_workbook(path: Path) -> Path:
    """A real workbook whose sheet, 200 MB of XML, declares 2,000 bytes in its zip
    headers (local and central), as a forged file can."""
    import io
    import struct
    import zipfile

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Email", "Nom", "Prénom"])
    plain = io.BytesIO()
    wb.save(plain)
    sheet = b"xl/worksheets/sheet1.xml"
    row = b'<row><c t="inlineStr"><is><t>AAAAAAAAAA</t></is></c></row>'
    big = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b"<sheetData>" + row * (200_000_000 // len(row)) + b"</sheetData></worksheet>")
    packed = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(packed, "w",
                                                        zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, big if info.filename == sheet.decode() else
                         src.read(info))
    raw = bytearray(packed.getvalue())
    for sig, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30),
                                               (b"PK\x01\x02", 24, 28, 46)):
        i = raw.find(sig)
        while i != -1:
            n = struct.unpack("<H", raw[i + name_len_at:i + name_len_at + 2])[0]
            if raw[i + name_at:i + name_at + n] == sheet:
                raw[i + size_at:i + size_at + 4] = struct.pack("<I", 2000)
            i = raw.find(sig, i + 4)
    path.write_bytes(raw)
    return path


def _registrations(n: int = 100, **cells) -> str:
    """n rows; `cells` replaces a row's company: {row index (1-based data row): text}."""
    lines = ["Nom;Prénom;Email;Société;Présent"]
    for i in range(1, n + 1):
        company = cells.get(f"r{i}", f"Société {i}")
        lines.append(f"Nom{i};Prénom{i};p{i}@exemple.fr;{company};Oui")
    return "\n".join(lines) + "\n"


def test_a_quote_left_open_that_swallows_rows_exits_2_naming_its_row(tmp_path):
    """Regression: a stray quote in row 5 of 100 gave 'rows read 5' and 95 people lost."""
    (tmp_path / "r.csv").write_text(_registrations(100, r5='"Acme'), encoding="utf-8")
    proc = _cli("validate", str(_params_for(tmp_path, "r.csv")))
    assert proc.returncode == 2
    # data row 5 is the spreadsheet's row 6 (the header is row 1), and the file's line 6;
    # the 95 rows after it were read into its cell
    assert proc.stderr.strip().splitlines() == [
        f"peakreport: {tmp_path / 'r.csv'}, row 6: a quote opened in column 4 (line 6 of "
        "the file) runs to the end of the file: 95 lines that look like rows were read as "
        "one cell (6 records for 101 lines); close or remove that quote in the file"]


def test_a_few_lines_swallowed_are_listed_and_warned_never_silent(tmp_path):
    (tmp_path / "r.csv").write_text(_registrations(100, r98='"Acme'), encoding="utf-8")
    proc = _cli("validate", str(_params_for(tmp_path, "r.csv")))
    assert proc.returncode == 0
    # 98 records for 101 lines: the damaged row (its cell holds rows 99 and 100) rejected
    assert "rows read 98, kept 97, rejected 1" in proc.stdout
    assert ("1 × a quote opened in column 4 runs over 2 more line(s) of the file, which look "
            "like rows: close that quote in the file") in proc.stdout
    assert ("2 of the file's 101 lines are inside cells that span several lines "
            "(spreadsheet rows 99)") in proc.stdout


def test_a_comment_with_line_breaks_is_read_and_warned(tmp_path):
    (tmp_path / "r.csv").write_text(_registrations(10, r4='"Société\n4\nbis"'),
                                    encoding="utf-8")
    proc = _cli("validate", str(_params_for(tmp_path, "r.csv")))
    assert proc.returncode == 0
    assert "rows read 10, kept 10, rejected 0" in proc.stdout
    assert "2 of the file's 13 lines are inside cells that span several lines (spreadsheet " \
           "rows 5)" in proc.stdout


def test_wide_files_and_long_lines_are_read_or_refused_naming_the_limit(tmp_path):
    """Regression: lines over 128 KB gave "unexpected error Error" (the csv module's own
    field limit)."""
    def write(name: str, columns: int = 5, cell: str = "ok") -> Path:
        header = ["Email", "Nom", "Prénom", "Présent"] + [f"Q{i}" for i in range(columns - 4)]
        rows = [";".join(header)]
        for i in range(20):
            rows.append(";".join([f"p{i}@x.fr", f"Nom{i}", "Léa", "Oui",
                                  *([cell if i == 3 else ""] * (columns - 4))]))
        (tmp_path / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
        return _params_for(tmp_path, name)

    wide = _cli("validate", str(write("wide.csv", columns=20_000)))
    assert (wide.returncode, wide.stderr.strip()) == (
        2, f"peakreport: {tmp_path / 'wide.csv'}: has about 20,000 columns, past the limit "
           "of 5,000 columns for an export")
    long_line = _cli("validate", str(write("long.csv", cell="x" * 300_000)))  # 300 KB line
    assert long_line.returncode == 0, long_line.stderr
    assert "rows read 20, kept 20" in long_line.stdout
    huge = _cli("validate", str(write("huge.csv", cell="x" * (30 << 20))))  # a 30 MB cell
    assert (huge.returncode, huge.stderr.strip()) == (
        2, f"peakreport: {tmp_path / 'huge.csv'}, row 5: its cell in column 5 holds 31.5 MB "
           "of text, past the limit of 1.0 MB for one cell")


def test_a_workbook_cell_past_the_limit_is_refused_naming_its_row(tmp_path):
    from peakreport.errors import DataError
    from peakreport.read.records import check_sheet

    check_sheet(tmp_path / "ok.xlsx", [["Email", "Nom"], ["a@b.fr", "x" * 40_000]])
    with pytest.raises(DataError, match=r"ok\.xlsx, row 2: its cell in column 2 holds 2\.0 MB"):
        check_sheet(tmp_path / "ok.xlsx", [["Email", "Nom"], ["a@b.fr", "x" * 2_000_000]])


@pytest.mark.parametrize(("targets", "says"), [
    ("{nps: .nan}", "targets.nps: nan is not a finite number"),
    ("{attended: .inf}", "targets.attended: inf is not a finite number"),
    ("{regional_share: 60}", "targets.regional_share: 60 must be within 0–1 (a rate is a "
                             "fraction: 0.6 for 60 %)"),
])
def test_bad_target_values_exit_2_naming_the_key(tmp_path, targets, says):
    import yaml

    (tmp_path / "r.csv").write_text(_registrations(5), encoding="utf-8")
    params = _params_for(tmp_path, "r.csv", targets=yaml.safe_load(targets))
    proc = _cli("validate", str(params))
    assert (proc.returncode, proc.stderr.strip()) == (2, f"peakreport: {params}: {says}")


def test_an_unknown_date_code_exits_2_naming_the_key(tmp_path):
    """Regression: `date_format: "%Q"` gave "unexpected error"."""
    (tmp_path / "r.csv").write_text(_registrations(5), encoding="utf-8")
    params = _params_for(tmp_path, "r.csv")
    text = params.read_text(encoding="utf-8").replace("path: r.csv",
                                                      "path: r.csv\n  date_format: '%Q'")
    params.write_text(text, encoding="utf-8")
    proc = _cli("validate", str(params))
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith(
        f"peakreport: {params}: registrations.date_format: 'Q' is a bad directive in format "
        "'%Q'")


# =========================================================================== output scan

def _ids():
    from peakreport.privacy import Identifiers

    return Identifiers.from_cells(["camille.rousseau@alpha.fr", "06 11 22 33 44"],
                                  [("Camille", "Rousseau"), ("Jean-Pierre", "Lefèvre")])


@pytest.mark.parametrize("page", [
    "<p>camille.rousseau&#64;alpha&#46;fr</p>",                       # character references
    "<p>&#67;amille &#x52;ousseau</p>",
    "<table><tr><td>Camille</td><td>Rousseau</td></tr></table>",      # across a row's cells
    "<table><tr><th>Rousseau</th><td class='x'>Camille</td></tr></table>",
    "<p>Cam<b>ille</b> Rous<span class='x'>seau</span></p>",         # inline tags join
    "<p>LEFÈVRE\n      Jean-Pierre</p>",                              # a source line break
    '<script>draw("c", {"y": ["\\u0043amille Rousseau"]})</script>',  # a chart's JSON
    '<a href="mailto:camille.rousseau%40alpha.fr">écrire</a>',        # a link's target
    '<abbr title="Camille&#32;Rousseau">CR</abbr>',                   # a tooltip
    "<!-- camille.rousseau@alpha.fr -->",                             # in the source
    "<p>06&nbsp;11&nbsp;22&nbsp;33&nbsp;44</p>",
], ids=["email-refs", "name-refs", "cells", "cells-reversed", "inline", "source-break",
        "script-json", "href", "title", "comment", "phone-nbsp"])
def test_the_scan_reads_what_a_reader_of_the_page_sees(page):
    """Regression: names in separate table columns, character references and the like
    went through."""
    from peakreport.privacy import OutputScan

    scan = OutputScan(_ids())
    scan.check_html(f"<html><body>{page}</body></html>", "report.html")
    assert scan.leaks, page


def test_a_name_is_not_made_of_two_rows_or_two_words_apart():
    from peakreport.privacy import OutputScan

    scan = OutputScan(_ids())
    scan.check_html("<table><tr><td>Rousseau</td></tr><tr><td>Camille</td></tr></table>"
                    "<p>Camille Dupont et M. Rousseau</p>", "report.html")
    assert scan.leaks == []


def _png() -> bytes:
    """A 1×1 PNG, built by hand (signature, IHDR, IDAT, IEND)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def _params_copy(tmp_path: Path, **extra) -> Path:
    import yaml

    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    for part in ("registrations", "survey"):
        data[part]["path"] = str((SAMPLE.parent / data[part]["path"]).resolve())
    data["history"] = [str((SAMPLE.parent / h).resolve()) for h in data["history"]]
    data.update(extra)
    path = tmp_path / "forum.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def test_names_in_table_cells_of_a_custom_cell_stop_an_html_only_run(tmp_path):
    """Regression: with `--to html`, a custom table of first and last names was published
    (the PDF's text, which reads across cells, was the only catch)."""
    notebook = _notebook_with(tmp_path, "from IPython.display import HTML\n"
                              "HTML('<table><tr><td>Sarah</td><td>CHABERT</td></tr></table>')")
    proc = _cli("run", str(SAMPLE), "--out", str(tmp_path / "out"), "--to", "html",
                "--notebook", str(notebook), "--quiet", timeout=90)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "peakreport: privacy scan: report.html contains a participant's name (S… C…); "
        "nothing was written or replaced"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["custom.ipynb"]


def test_an_image_from_a_custom_cell_is_refused_unless_the_params_allow_it(tmp_path):
    """The scan cannot read a PNG of a name: no image reaches funders unless the params
    say so, and then the run lists each."""
    (tmp_path / "pixel.png").write_bytes(_png())
    notebook = _notebook_with(tmp_path, "from IPython.display import Image\n"
                              f"Image(filename={str(tmp_path / 'pixel.png')!r})")
    out = tmp_path / "out"
    refused = _cli("run", str(_params_copy(tmp_path)), "--out", str(out), "--to", "html",
                   "--notebook", str(notebook), "--quiet", timeout=90)
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [
        "peakreport: privacy scan: report.html: cell 5 (a PNG image) shows an image, which "
        "the scan cannot read for names; allow images with `report: {allow_images: true}` "
        "in the params once you have checked they show no personal data; nothing was "
        "written or replaced"]
    assert not out.exists()
    allowed = _cli("run", str(_params_copy(tmp_path, report={"allow_images": True})),
                   "--out", str(out), "--to", "html", "--notebook", str(notebook), "--quiet",
                   timeout=90)
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stderr.strip().splitlines() == [
        "peakreport: note: the report shows 1 image(s) from custom cells, allowed by "
        "report.allow_images (check they hold no personal data): report.html: cell 5 (a PNG "
        "image)"]
    assert '<img class="pr-image"' in (out / "forum-peak-2021" / "report.html").read_text()


@pytest.mark.parametrize("shown", ["entities", "image"])
def test_the_nbconvert_exporter_refuses_in_one_line(report_fr, tmp_path, shown):
    import base64

    import nbformat

    nb = nbformat.read(report_fr / "internal" / "report.ipynb", as_version=4)
    data = ({"text/html": "<table><tr><td>&#83;arah</td><td>CHABERT</td></tr></table>"}
            if shown == "entities" else {"image/png": base64.b64encode(_png()).decode()})
    [c for c in nb.cells if c.cell_type == "code"][-1].outputs.append(
        nbformat.v4.new_output("display_data", data=data))
    nbformat.write(nb, tmp_path / "leaky.ipynb")
    proc = subprocess.run([sys.executable, "-m", "nbconvert", "--to", "peakreport_html",
                           "leaky.ipynb"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=90)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    refusal = [ln for ln in proc.stderr.splitlines() if "peakreport:" in ln]
    assert len(refusal) == 1 and "privacy scan: report.html" in refusal[0]
    assert ("participant's name (S… C…)" if shown == "entities" else "(a PNG image) shows "
            "an image") in refusal[0]
    assert not (tmp_path / "leaky.html").exists()


def test_a_report_folder_keeps_the_users_files_not_stale_rejected_rows(tmp_path):
    """The switch carries the user's own files into the new folder, never a file
    peakreport wrote: a forum that drops its attendance lists must not keep the old
    rejected_attendance.csv (personal data) in every later report."""
    from peakreport.publish.staging import _carry_over

    final, staging = tmp_path / "final", tmp_path / "staging"
    (final / "internal").mkdir(parents=True)
    (staging / "internal").mkdir(parents=True)
    for name in ("rejected_attendance.csv", "rejected_survey.csv", "notes-de-l-equipe.txt"):
        (final / "internal" / name).write_text("x", encoding="utf-8")
    (final / "report.html").write_text("old", encoding="utf-8")
    (final / "mes-notes.md").write_text("mine", encoding="utf-8")
    _carry_over(final, staging)
    assert sorted(p.name for p in (staging / "internal").iterdir()) == ["notes-de-l-equipe.txt"]
    assert sorted(p.name for p in staging.iterdir()) == ["internal", "mes-notes.md"]
