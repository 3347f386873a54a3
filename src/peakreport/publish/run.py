"""`peakreport run`: params → data → metrics.json → notebook → HTML → PDF, replaced atomically.

The report is built in a private staging folder (`staging`); its files replace the
previous report only once every requested output exists and has passed the privacy
scan. A failed, interrupted or terminated run leaves the previous report as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BrowserNotFoundError, CellExecutionError, PeakreportError, file_error
from ..params import EventParams, load_params, load_programme_params
from ..privacy import OutputScan, merge, of_analysis
from .chromium import remove_stale_profiles
from .progress import Progress
from .staging import discard, keep_failed, new_staging, publish, remove_stale, report_folder

FORMATS = ("html", "pdf")


@dataclass
class RunResult:
    folder: Path
    files: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # the run did not do all it was asked
    notes: list[str] = field(default_factory=list)  # for the user to know (images shown…)
    scan: OutputScan | None = None


def _formats(to: str | Iterable[str]) -> tuple[str, ...]:
    items = [t.strip().lower() for t in (to.split(",") if isinstance(to, str) else to)]
    items = [t for t in items if t]
    bad = [t for t in items if t not in FORMATS]
    if bad:
        raise PeakreportError(f"unknown output format {bad[0]!r} (known: html, pdf)")
    return tuple(dict.fromkeys(t for t in items if t))


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
               _data_writer(params, progress), "peakreport.notebook.event",
               params.report.allow_images)
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
                from .pdf import PdfPrinter

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
    progress = progress or Progress(quiet)
    progress.step("data", "Starting the kernel; reading and checking every forum")
    pp = load_programme_params(params, language=language)
    for forum in pp.forums:  # a wrong forum params file fails before any kernel starts
        load_params(forum)
    job = _Job(pp.programme.id, pp.programme.title, pp.language,
               notebook or "programme_report.ipynb",
               str(pp.source), lambda staging: _write_programme_data(pp, staging),
               "peakreport.notebook.programme", pp.report.allow_images)
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
    allow_images: bool = False  # the params' report.allow_images


def _build(job: _Job, out: Path, formats: tuple[str, ...], progress: Progress,
           shared: Shared | None = None) -> RunResult:
    try:
        final = report_folder(out, job.folder)
        if "pdf" in formats:
            _check_browser(shared)
        remove_stale(final.parent)
        remove_stale_profiles()
        staging = new_staging(final.parent, job.folder)
        (staging / "internal").mkdir(mode=0o700)
    except OSError as exc:
        raise file_error(exc, out, "nothing was written") from None
    result = RunResult(folder=final)
    try:
        _stage(job, staging, formats, progress, result, shared)
        progress.step("scan", "Checking the outputs for personal data")
        result.scan.check(staging / "metrics.json")
        result.scan.raise_if_leaked()
        result.notes += result.scan.notes()
        _write_readme(staging, job.language)
        progress.step("publish", "Replacing the previous report")
        result.files = publish(staging, final, on_wait=lambda holder: progress.say(
            f"  waiting for {holder} to finish publishing {final}"))
        progress.done()
    except OSError as exc:  # named by its own path, else by the report it was for
        raise file_error(exc, final, "nothing was replaced") from None
    finally:
        left = discard(staging)
        if left:
            result.notes.append(left)
    result.timings = dict(progress.timings)
    return result


def _check_browser(shared: Shared | None) -> None:
    """A PDF is asked for: without a Chromium to print it, stop before anything starts
    (a report without its PDF beside an older PDF would be two runs' files)."""
    from .pdf import INSTALL_HINT, find_chromium

    if (shared is None or shared.printer is None) and find_chromium() is None:
        raise BrowserNotFoundError(f"no Chromium found to print the PDF: {INSTALL_HINT}; "
                                   "nothing was written (`--to html` writes the report "
                                   "without its PDF)")


def _stage(job: _Job, staging: Path, formats: tuple[str, ...], progress: Progress,
           result: RunResult, shared: Shared | None) -> None:
    """Everything the report folder will hold, built in `staging`."""
    own = shared is None  # a single report: its kernel and Chromium end with it
    shared = shared or Shared()
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
        # used at the end, on every funder-facing file
        result.scan = OutputScan(ids, allow_images=job.allow_images)
        if km is None:
            return
        import pickle

        from .execute import NotebookRun, notebook_path

        # may hold personal data: beside the report being built, never in it
        handover = staging.parent / "handover.pickle"
        handover.write_bytes(pickle.dumps(handed, protocol=pickle.HIGHEST_PROTOCOL))
        template = (job.notebook if isinstance(job.notebook, Path)
                    else notebook_path(job.notebook))

        def run(km):
            return NotebookRun(template, staging / "internal" / "report.ipynb",
                               {"params_path": job.params_path,
                                "language": job.language, "interactive": False,
                                "analysis_path": str(handover)}, km=km)

        try:
            _render(job, staging, formats, progress, result, run, printer, result.scan,
                    shared)
        finally:
            handover.unlink(missing_ok=True)


def _write_data(params: EventParams, staging: Path, progress: Progress | None = None):
    """metrics.json and the rejected rows; the report's data, for the notebook."""
    progress = progress or Progress(quiet=True)
    progress.detail("reading the exports")
    from ..data.rejected import write_rejected
    from ..i18n import lang
    from ..measure.aggregates import report_data
    from ..measure.analysis import analyse
    from ..measure.metrics import json_safe

    analysis = analyse(params)
    progress.detail("indexing the participants' names and addresses")
    ids = of_analysis(analysis)
    progress.detail("writing metrics.json and the rejected rows")
    (staging / "metrics.json").write_text(
        json.dumps(json_safe(analysis.metrics.data), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8")
    write_rejected(analysis.registrations.rejected,
                   staging / "internal" / "rejected_registrations.csv")
    write_rejected(analysis.rejected_survey(), staging / "internal" / "rejected_survey.csv")
    write_rejected(analysis.rejected_attendance(),
                   staging / "internal" / "rejected_attendance.csv")
    # the notebook gets what the report shows, not the rows: its kernel needs no pandas
    progress.detail("aggregating the report's figures")
    return ids, report_data(analysis, other=lang(params.language).t("other"))


def _write_programme_data(pp, staging: Path):
    """The programme's metrics.json; identifiers of every forum's inputs."""
    from ..measure.programme import analyse_programme

    pa = analyse_programme(pp)
    (staging / "metrics.json").write_text(
        json.dumps(pa.metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return merge([of_analysis(a) for a in pa.forums]), pa


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
    from .html import prepare_html_export

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
            raise exc.kept_at(_keep_failed(executed, result.folder)) from None
    with shared.output_lock:
        _export(job, staging, formats, progress, result, printer, scanner)


def _keep_failed(executed: Path, final: Path) -> Path | None:
    """Keep the failed notebook for reading, beside (not over) the last good one; a
    folder that cannot take it does not hide the cell's error."""
    if not executed.exists():
        return None
    try:
        return keep_failed(executed, final)
    except (OSError, PeakreportError):
        return None


def _export(job: _Job, staging: Path, formats: tuple[str, ...], progress: Progress,
            result: RunResult, printer, scanner: OutputScan) -> None:
    from .html import export_html

    executed = staging / "internal" / "report.ipynb"
    progress.step("html", "Exporting HTML")
    html = staging / "report.html"
    nb = export_html(executed, html, title=job.title, language=job.language)
    if printer is not None:
        progress.step("pdf", "Printing the PDF")
        printer.submit(html, staging / "report.pdf")
        scanner.check(html, notebook=nb)  # while Chromium prints
        printer.result()
        scanner.check(staging / "report.pdf")
    else:
        scanner.check(html, notebook=nb)
    if "html" not in formats:
        html.unlink()
