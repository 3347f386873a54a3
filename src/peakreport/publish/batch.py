"""`peakreport batch`: many forum reports in parallel processes, one failure not stopping others.

Each forum runs in its own worker process (a report holds a kernel and a Chromium
of its own), so a crash or a bad export stays inside its forum; the summary
lists each forum with its status, time and output path.
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path


@dataclass
class BatchItem:
    params: Path
    status: str          # "ok", "warning", "failed"
    seconds: float
    folder: Path | None
    message: str = ""


_SHARED = None
_IN_POOL = False


def _worker_init() -> None:
    """A pool worker: SIGTERM ends its forum like Ctrl-C (staging removed, kernel and
    Chromium stopped), then the worker."""
    global _IN_POOL
    from ..errors import handle_termination

    _IN_POOL = True
    handle_termination()


def _shared():
    """This worker's kernel and Chromium, reused by each forum it runs."""
    global _SHARED
    if _SHARED is None:
        import atexit
        from multiprocessing import util

        from .run import Shared

        _SHARED = Shared()
        atexit.register(_SHARED.close)  # jobs=1: this process
        # pool workers end with os._exit, which skips atexit: multiprocessing's own
        # finalizers still run there
        util.Finalize(None, _SHARED.close, exitpriority=10)
    return _SHARED


def _one(params: str, out: str, to: str, language: str | None) -> BatchItem:
    from ..errors import PeakreportError, Terminated
    from .run import run_report

    t0 = time.perf_counter()
    try:
        result = run_report(params, out=out, to=to, language=language, quiet=True,
                            shared=_shared())
    except Terminated:
        if _IN_POOL:  # the pool would hand this worker the next forum: end it here
            _shared().close()
            import os

            os._exit(143)
        raise
    except PeakreportError as exc:
        return BatchItem(Path(params), "failed", time.perf_counter() - t0, None, str(exc))
    except OSError as exc:  # the disk, a permission: one sentence naming the path
        from ..errors import file_error

        return BatchItem(Path(params), "failed", time.perf_counter() - t0, None,
                         str(file_error(exc)))
    except Exception as exc:  # a bug in one forum must not hide the others' results
        return BatchItem(Path(params), "failed", time.perf_counter() - t0, None,
                         f"unexpected error {type(exc).__name__}: {exc}")
    status = "warning" if result.warnings else "ok"
    return BatchItem(Path(params), status, time.perf_counter() - t0, result.folder,
                     "; ".join(result.warnings))


def worker_count(jobs: int, forums: int, cores: int) -> int:
    """How many worker processes to start for `forums` reports: at most `jobs`.

    The in-process worker (`jobs` 1, or 2 cores) runs two forums at once, one's notebook
    while the other prints, and keeps about two cores busy; a worker's start (a Python
    with pandas, Papermill and nbconvert, a kernel, a Chromium) costs about 2.5
    CPU-seconds, three forums' work. So at most a worker per two cores: on 2 cores, one
    worker made 8 forums in 5.8 s where two worker processes took 9.4 s.
    """
    return max(1, min(jobs, forums, cores // 2))


def _gather(executor, params: list[Path], args: tuple, results: dict[int, BatchItem],
            on_done) -> None:
    """Submit every forum to `executor`; file each result under its place in `params`
    as it finishes (and tell `on_done`)."""
    futures = {executor.submit(_one, str(Path(p).resolve()), *args): i
               for i, p in enumerate(params)}
    for fut in as_completed(futures):
        results[futures[fut]] = fut.result()
        if on_done:
            on_done(results[futures[fut]])


def run_batch(params: list[Path], out: Path = Path("exports"), jobs: int = 2,
              to: str = "html,pdf", language: str | None = None,
              on_done=None, cores: int | None = None) -> list[BatchItem]:
    """Run every forum report; results in the order of `params`.

    `jobs` is the most worker processes to use; `worker_count` may use fewer (`cores`
    defaults to this machine's)."""
    import os

    out = Path(out).resolve()
    results: dict[int, BatchItem] = {}
    workers = worker_count(jobs, len(params), cores or os.cpu_count() or 1)
    if workers <= 1:
        # two forums in flight in this process, one kernel and one Chromium: one forum's
        # data are read and its notebook runs while the previous one exports and prints
        from concurrent.futures import ThreadPoolExecutor

        import papermill  # noqa: F401 - imported here once, not by two threads at a time

        from ..measure import aggregates, analysis  # noqa: F401 - same
        from . import execute, html, pdf  # noqa: F401 - same

        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="forum") as threads:
            try:
                _gather(threads, params, (str(out), to, language), results, on_done)
            except BaseException:  # Ctrl-C or SIGTERM: the forums under way end, no more
                threads.shutdown(wait=True, cancel_futures=True)
                raise
    else:
        # spawn, not fork: the caller may hold ZeroMQ sockets and threads (a kernel
        # client, a Chromium reader) that a forked child would inherit half-locked
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                                 initializer=_worker_init) as pool:
            try:
                _gather(pool, params, (str(out), to, language), results, on_done)
            except BaseException:  # Ctrl-C or SIGTERM: the workers stop and clean up too
                pool.shutdown(wait=False, cancel_futures=True)
                for proc in list(getattr(pool, "_processes", {}).values()):
                    proc.terminate()
                raise
    return [results[i] for i in range(len(params))]


def summary_table(items: list[BatchItem]) -> str:
    rows = [("forum", "status", "time", "output / error")]
    for it in items:
        where = str(it.folder) if it.folder else ""
        detail = it.message if it.status != "ok" else where
        rows.append((it.params.name, it.status, f"{it.seconds:.1f} s", detail))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = []
    for r in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r[:3], widths, strict=True))
                     + "  " + r[3])
    ok = sum(it.status != "failed" for it in items)
    lines.append(f"{ok} of {len(items)} forum reports written")
    return "\n".join(lines)
