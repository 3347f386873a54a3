"""`peakreport run`: params → data → metrics.json → notebook → HTML → PDF, replaced atomically.

Everything is built in a private staging folder (mode 0700) outside the export folder
but on the same file system (`staging_root`), so that work in progress — a report not
yet scanned, the kernel's hand-over file, rejected rows — is never found among the
reports, and the publish stays one atomic rename per file. Files replace the previous
report only once every requested output exists and has passed the privacy scan. A
failed, interrupted or terminated run leaves the previous report as it was; a killed
run's staging is removed by the next run (`remove_stale`).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Iterable
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BrowserNotFoundError, CellExecutionError, PeakreportError, PrivacyError
from .params import EventParams, load_params

FORMATS = ("html", "pdf")


class Progress:
    """One line per step on a terminal (stderr); silent when quiet or not a terminal.

    While a step runs, a tqdm status line shows its elapsed time and what it is doing
    (`detail`), refreshed twice a second: a million-row forum's data step takes tens of
    seconds, and a still line would look hung. tqdm is imported only on a terminal.
    """

    def __init__(self, quiet: bool = False, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = not quiet and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.t0 = time.perf_counter()
        self.timings: dict[str, float] = {}
        self._step: str | None = None
        self._label = ""
        self._start = 0.0
        self._bar = None
        self._ticker = None

    def step(self, name: str, label: str) -> None:
        self.done()
        self._step, self._label, self._start = name, label, time.perf_counter()
        if self.enabled:
            import threading

            from tqdm import tqdm

            self._bar = tqdm(total=None, desc=f"  {label}", file=self.stream, leave=False,
                             bar_format="{desc}… {elapsed}{postfix}", mininterval=0.5,
                             ncols=self._size()[0], nrows=self._size()[1])
            stop = threading.Event()
            bar = self._bar

            def tick() -> None:
                while not stop.wait(0.5):
                    bar.refresh()

            self._ticker = (stop, threading.Thread(target=tick, daemon=True))
            self._ticker[1].start()

    def _size(self) -> tuple[int, int]:
        """The terminal's width and height; 80 x 24 where it has none (on a pseudo-terminal
        of size 0, as `script` or some CI runners make, tqdm would print nothing)."""
        try:
            size = os.get_terminal_size(self.stream.fileno())
            return size.columns or 80, size.lines or 24
        except (OSError, AttributeError, ValueError):
            return 80, 24

    def detail(self, text: str) -> None:
        """What the current step is doing now (shown beside its elapsed time)."""
        if self._bar is not None:
            self._bar.set_postfix_str(text, refresh=True)

    def done(self) -> None:
        if self._step is None:
            return
        took = time.perf_counter() - self._start
        self.timings[self._step] = took
        if self._bar is not None:
            stop, thread = self._ticker
            stop.set()
            thread.join()
            self._bar.close()
            self._bar = None
        if self.enabled:
            self.stream.write(f"  {self._label}… {took:.1f} s\n")
            self.stream.flush()
        self._step = None

    def say(self, text: str) -> None:
        if self.enabled:
            self.stream.write(text + "\n")
            self.stream.flush()


@dataclass
class RunResult:
    folder: Path
    files: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _formats(to: str | Iterable[str]) -> tuple[str, ...]:
    items = [t.strip().lower() for t in (to.split(",") if isinstance(to, str) else to)]
    items = [t for t in items if t]
    bad = [t for t in items if t not in FORMATS]
    if bad:
        raise PeakreportError(f"unknown output format {bad[0]!r} (known: html, pdf)")
    return tuple(dict.fromkeys(t for t in items if t))


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


def _new_staging(out: Path, name: str) -> Path:
    import socket
    import tempfile

    return Path(tempfile.mkdtemp(prefix=f"{name}.{socket.gethostname()}.{os.getpid()}.",
                                 dir=staging_root(out)))


def _publish(staging: Path, final: Path) -> list[Path]:
    """Move every staged file over the previous report, one atomic rename per file;
    a stop (Ctrl-C, SIGTERM) that arrives meanwhile waits until all are moved, so a
    report is never half replaced."""
    from .errors import signals_deferred

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


def run_report(
    params: str | Path | EventParams,
    out: str | Path = "exports",
    to: str | Iterable[str] = FORMATS,
    language: str | None = None,
    quiet: bool = False,
    progress: Progress | None = None,
    notebook: Path | None = None,
    shared: Shared | None = None,
) -> RunResult:
    """Build one forum's report into `<out>/<event.id>/`.

    `notebook` replaces the bundled `notebooks/event_report.ipynb` (a custom report).
    The kernel and Chromium start first, in the background; the data are read and
    checked meanwhile, and a data error still ends the run before anything is written.
    """
    progress = progress or Progress(quiet)
    progress.step("data", "Starting the kernel; reading and checking the data")
    if not isinstance(params, EventParams):
        params = load_params(params, language=language)
    elif language:
        params.language = language  # type: ignore[assignment]
    job = _Job(params.event.id, params.event.title, params.language,
               notebook or "event_report.ipynb", str(params.source),
               _data_writer(params, progress), "peakreport.notebook")
    return _build(job, Path(out), _formats(to), progress, shared)


def _data_writer(params: EventParams, progress: Progress):
    return lambda staging: _write_data(params, staging, progress)


class Shared:
    """A kernel and a Chromium kept across several reports of one process (batch runs)."""

    def __init__(self) -> None:
        import threading

        self.km = None
        self.printer = None
        # two reports of one process may overlap (batch): one runs its notebook
        # (kernel_lock) while the other exports and prints (output_lock)
        self.kernel_lock = threading.Lock()
        self.output_lock = threading.Lock()
        self._starting = threading.Lock()

    def kernel(self, preload: str | None = None):
        with self._starting:
            if self.km is None or not self.km.is_alive():
                from .execute import start_kernel

                self.km = start_kernel(preload)
            return self.km

    def pdf_printer(self):
        with self._starting:
            if self.printer is None:
                from .export import PdfPrinter

                self.printer = PdfPrinter()
            return self.printer

    def after_failure(self) -> None:
        """A failed notebook may leave state behind: the next report gets a new kernel."""
        if self.km is not None:
            with suppress(Exception):
                self.km.close()
            self.km = None

    def close(self) -> None:
        self.after_failure()
        if self.printer is not None:
            self.printer.close()
            self.printer = None


def run_programme(
    params: str | Path,
    out: str | Path = "exports",
    to: str | Iterable[str] = FORMATS,
    language: str | None = None,
    quiet: bool = False,
    progress: Progress | None = None,
    notebook: Path | None = None,
) -> RunResult:
    """Build the programme report into `<out>/<programme.id>/`; `notebook` replaces the
    bundled `notebooks/programme_report.ipynb` (a custom report)."""
    from .params import load_programme_params

    progress = progress or Progress(quiet)
    progress.step("data", "Starting the kernel; reading and checking every forum")
    pp = load_programme_params(params, language=language)
    for forum in pp.forums:  # a wrong forum params file fails before any kernel starts
        load_params(forum)
    job = _Job(pp.programme.id, pp.programme.title, pp.language,
               notebook or "programme_report.ipynb",
               str(pp.source), lambda staging: _write_programme_data(pp, staging),
               "peakreport.programme_notebook")
    return _build(job, Path(out), _formats(to), progress)


@dataclass
class _Job:
    """What differs between a forum report and a programme report."""

    folder: str
    title: str
    language: str
    notebook: str | Path
    params_path: str
    write_data: object  # (staging folder) -> (Identifiers of the inputs, the notebook's data)
    preload: str  # the module the kernel imports while it boots


def _build(job: _Job, out: Path, formats: tuple[str, ...], progress: Progress,
           shared: Shared | None = None) -> RunResult:
    out = out.resolve()
    final = out / job.folder
    out.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    from .cdp import remove_stale_profiles

    remove_stale_profiles()
    staging = _new_staging(out, job.folder)
    (staging / "internal").mkdir()
    result = RunResult(folder=final)
    own = shared is None  # a single report: its kernel and Chromium end with it
    shared = shared or Shared()
    try:
        with ExitStack() as stack:
            if own:
                stack.callback(shared.close)
            km = printer = None
            if formats:
                # the kernel first (it boots and imports the report code while the data
                # are read here), then Chromium
                km = shared.kernel(job.preload)  # booting; _render takes it when it is its turn
                if "pdf" in formats:
                    printer = shared.pdf_printer()
            # the data are read and checked once, here: a data error ends the run before
            # the notebook starts, and the notebook is handed the result, not the files
            ids, handed = job.write_data(staging)
            scanner = OutputScan(ids)  # used at the end, on every funder-facing file
            if km is not None:
                import pickle

                from .execute import NotebookRun, notebook_path

                handover = staging / ".handover.pickle"  # may hold personal data: never published
                handover.write_bytes(pickle.dumps(handed, protocol=pickle.HIGHEST_PROTOCOL))
                template = (job.notebook if isinstance(job.notebook, Path)
                            else notebook_path(job.notebook))
                def run(km):
                    return NotebookRun(template, staging / "internal" / "report.ipynb",
                                       {"params_path": job.params_path,
                                        "language": job.language, "interactive": False,
                                        "analysis_path": str(handover)}, km=km)

                try:
                    _render(job, staging, formats, progress, result, run, printer, scanner,
                            shared)
                finally:
                    handover.unlink(missing_ok=True)
        progress.step("scan", "Checking the outputs for personal data")
        scanner.check(staging / "metrics.json")
        scanner.raise_if_leaked()
        _write_readme(staging, job.language)
        progress.step("publish", "Replacing the previous report")
        result.files = _publish(staging, final)
        progress.done()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.timings = dict(progress.timings)
    return result


def _write_data(params: EventParams, staging: Path, progress: Progress | None = None):
    """metrics.json and the rejected rows; the report's data, for the notebook."""
    progress = progress or Progress(quiet=True)
    progress.detail("reading the exports")
    from .content import report_data
    from .i18n import lang
    from .metrics import json_safe
    from .pipeline import analyse, write_rejected

    analysis = analyse(params)
    progress.detail("indexing the participants' names and addresses")
    ids = identifiers(analysis)
    progress.detail("writing metrics.json and the rejected rows")
    (staging / "metrics.json").write_text(
        json.dumps(json_safe(analysis.metrics.data), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8")
    write_rejected(analysis.registrations.rejected,
                   staging / "internal" / "rejected_registrations.csv")
    write_rejected(analysis.rejected_survey(), staging / "internal" / "rejected_survey.csv")
    # the notebook gets what the report shows, not the rows: its kernel needs no pandas
    progress.detail("aggregating the report's figures")
    return ids, report_data(analysis, other=lang(params.language).t("other"))


def _write_programme_data(pp, staging: Path):
    """The programme's metrics.json; identifiers of every forum's inputs."""
    from .privacy import merge
    from .programme import analyse_programme

    pa = analyse_programme(pp)
    (staging / "metrics.json").write_text(
        json.dumps(pa.metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return merge([identifiers(a) for a in pa.forums]), pa


def identifiers(analysis):
    """Every e-mail, phone number and participant name of the forum's inputs (built once
    per analysis: the comments were masked with the same index)."""
    from .privacy import of_analysis

    return of_analysis(analysis)


class OutputScan:
    """Scans the funder-facing files for the inputs' personal data. A hit fails the
    run before anything is published; the message never shows the value in full."""

    def __init__(self, ids) -> None:
        self.ids = ids
        self.leaks: list = []

    @staticmethod
    def prepare() -> None:
        import pypdfium2  # noqa: F401 - imported while the kernel works

    def check(self, path: Path) -> None:
        from .privacy import scan

        if not path.exists():
            return
        if path.suffix == ".pdf":
            from .export import pdf_text

            text = pdf_text(path)
        else:
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".html":
                from .export import _plotly_js

                text = text.replace(_plotly_js(), "")  # the vendored library is not data
        self.leaks += scan(text, self.ids, path.name)

    def raise_if_leaked(self) -> None:
        if self.leaks:
            more = f" and {len(self.leaks) - 1} more" if len(self.leaks) > 1 else ""
            raise PrivacyError(
                f"privacy scan: {self.leaks[0]}{more}; nothing was written or replaced")


README_TEXT = {
    "fr": """Rapport produit par peakreport.

Peuvent être transmis aux financeurs : report.html, report.pdf, metrics.json.
Ils ne contiennent ni nom, ni adresse e-mail, ni numéro de téléphone de participant
(vérifié avant écriture).

Ne pas transmettre : le dossier internal/. Il contient des données personnelles
(lignes écartées des exports, notebook exécuté) et sert au contrôle des données.
""",
    "en": """Report produced by peakreport.

May be shared with funders: report.html, report.pdf, metrics.json.
They hold no participant's name, e-mail address or phone number (checked before writing).

Do not share: the internal/ folder. It holds personal data (rows set aside from the
exports, the executed notebook) and is for checking the data.
""",
}


def _write_readme(folder: Path, language: str) -> None:
    other = "en" if language == "fr" else "fr"
    text = README_TEXT[language] + "\n---\n\n" + README_TEXT[other]
    (folder / "README.txt").write_text(text, encoding="utf-8")


def _render(job: _Job, staging: Path, formats: tuple[str, ...], progress: Progress,
            result: RunResult, run, printer, scanner: OutputScan, shared: Shared) -> None:
    """Execute the notebook (holding the kernel), then export and print (holding the
    printer): in a batch, one forum's notebook runs while the previous one prints."""
    from .export import prepare_html_export

    executed = staging / "internal" / "report.ipynb"
    progress.step("execute", "Executing the report notebook")
    with shared.kernel_lock:
        # fetched here: a notebook that failed in another forum replaced the kernel
        notebook = run(shared.kernel(job.preload))
        if printer is not None:
            printer.warm_up()  # these three while the kernel works
        prepare_html_export()
        scanner.prepare()
        try:
            notebook.wait()
        except CellExecutionError as exc:
            shared.after_failure()  # the next report gets a new kernel
            # keep the failed notebook for reading, beside (not over) the last good one
            kept = result.folder / "internal" / "failed-report.ipynb"
            kept.parent.mkdir(parents=True, exist_ok=True)
            if executed.exists():
                os.replace(executed, kept)
            raise CellExecutionError(exc.cell, exc.ename, exc.evalue, kept) from None
    with shared.output_lock:
        _export(job, staging, formats, progress, result, printer, scanner)


def _export(job: _Job, staging: Path, formats: tuple[str, ...], progress: Progress,
            result: RunResult, printer, scanner: OutputScan) -> None:
    from .export import export_html

    executed = staging / "internal" / "report.ipynb"
    progress.step("html", "Exporting HTML")
    html = staging / "report.html"
    export_html(executed, html, title=job.title, language=job.language)
    if printer is not None:
        progress.step("pdf", "Printing the PDF")
        try:
            printer.submit(html, staging / "report.pdf")
            scanner.check(html)  # while Chromium prints
            printer.result()
            scanner.check(staging / "report.pdf")
        except BrowserNotFoundError as exc:
            result.warnings.append(str(exc))
            scanner.check(html)
    else:
        scanner.check(html)
    if "html" not in formats:
        html.unlink()
