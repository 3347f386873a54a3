"""The command line: options, then one call into the Python API per command.

argparse rather than typer/rich: it ships with Python, so `peakreport --help`
and `peakreport metrics` start without importing a UI toolkit.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import PeakreportError, Terminated, handle_termination

EPILOG = """examples:
  peakreport demo                                    the sample forum, end to end
  peakreport demo --copy peak-demo                   its exports and params, to try on
  cd peak-demo                                       (the params/ below are those files)
  peakreport init --registrations inscrits.csv --survey enquete.csv --id forum-2022
  peakreport init --registrations inscrits.csv --onsite emargement.xlsx --online zoom.csv
  peakreport validate params/forum-peak-2021.yaml    what was read, kept, rejected
  peakreport metrics params/forum-peak-2021.yaml > metrics.json
  peakreport run params/forum-peak-2021.yaml --lang en --to html
  peakreport notebook new my-report                  an editable copy of the report notebook
  peakreport run params/forum-peak-2021.yaml --notebook my-report.ipynb
  peakreport programme params/peak-3.yaml
  peakreport batch params/forum-peak-*.yaml --jobs 2

exit codes: 0 success; 2 invalid params or input data; 1 any other failure."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="peakreport",
        description="Event impact reports from a registration export, a survey export and "
        "one YAML params file.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"peakreport {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.add_argument("--quiet", "-q", action="store_true", help="no progress messages")
        return sp

    r = add("run", "build one forum's report: report.html, report.pdf and metrics.json")
    r.add_argument("params", type=Path, metavar="PARAMS.yaml")
    _run_options(r)
    _notebook_option(r, "event_report.ipynb")
    d = add("demo", "build the bundled sample forum's report, end to end")
    d.add_argument("--out", type=Path, default=Path("exports"),
                   help="export folder (default: exports/)")
    d.add_argument("--lang", choices=("fr", "en"), help="report language (default: fr)")
    d.add_argument("--copy", type=Path, metavar="DIR",
                   help="instead, copy the sample forums' exports and params into DIR "
                        "(params/, data/sample/), to try every command on them from DIR")
    b = add("batch", "build several forum reports in parallel; one failure does not stop the "
                     "others")
    b.add_argument("params", type=Path, nargs="+", metavar="PARAMS.yaml")
    b.add_argument("--jobs", "-j", type=int, default=2,
                   help="at most this many reports at once (default: 2); fewer when a worker's "
                        "start would cost more than it saves (a few forums on few cores)")
    _run_options(b)
    g = add("programme", "build the programme report across its forums")
    g.add_argument("params", type=Path, metavar="PROGRAMME.yaml")
    _run_options(g)
    _notebook_option(g, "programme_report.ipynb", "--programme")
    n = add("notebook", "write an editable copy of the report notebook, for a custom report")
    nsub = n.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = nsub.add_parser("new", help="copy the bundled notebook to NAME.ipynb (never "
                                      "replaces a file)",
                          description="Copy the bundled report notebook to NAME.ipynb, to add "
                                      "your own cells; then `peakreport run PARAMS.yaml "
                                      "--notebook NAME.ipynb`. An existing file is never "
                                      "replaced.")
    new.add_argument("name", type=Path, metavar="NAME", help="the new notebook (.ipynb added "
                                                              "when missing)")
    new.add_argument("--programme", action="store_true",
                     help="copy the programme notebook instead of the forum's")
    new.add_argument("--params", type=Path, metavar="PARAMS.yaml",
                     help="the params the copy reads when run in JupyterLab (default: the "
                          "bundled sample)")
    new.add_argument("--quiet", "-q", action="store_true", help="no progress messages")
    i = add("init", "write a params file for a registration export (and a survey export)")
    i.add_argument("--registrations", type=Path, required=True, metavar="FILE")
    i.add_argument("--survey", type=Path, metavar="FILE")
    i.add_argument("--attendance", type=Path, action="append", default=[], metavar="FILE",
                   help="an attendance list of a hybrid forum (Zoom or Teams report, sign-in "
                        "sheet…); repeat for several; on site or online is detected")
    i.add_argument("--online", type=Path, action="append", default=[], metavar="FILE",
                   help="an attendance list of people who attended online")
    i.add_argument("--onsite", type=Path, action="append", default=[], metavar="FILE",
                   help="an attendance list of people who attended on site")
    i.add_argument("--id", help="event id: lower-case letters, digits, hyphens")
    i.add_argument("--title", help="event title, as funders should read it")
    i.add_argument("--date", help="event date, YYYY-MM-DD (else guessed from the exports)")
    i.add_argument("--out", type=Path, default=Path("params"),
                   help="folder for the params file (default: params/)")
    i.add_argument("--force", action="store_true", help="replace an existing params file")
    v = add("validate", "read, validate and link one forum's exports; print a data-quality "
                        "summary")
    v.add_argument("params", type=Path, metavar="PARAMS.yaml")
    m = add("metrics", "print the forum's metrics.json on stdout (no notebook, no kernel)")
    m.add_argument("params", type=Path, metavar="PARAMS.yaml")
    m.add_argument("--lang", choices=("fr", "en"), help="override the params' language")
    return p


def _run_options(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--out", type=Path, default=Path("exports"),
                    help="export folder; the report goes to OUT/<event.id>/ (default: exports/)")
    sp.add_argument("--to", default="html,pdf", metavar="html,pdf",
                    help="formats to write (default: html,pdf); metrics.json is always written")
    sp.add_argument("--lang", choices=("fr", "en"), help="override the params' language")


def _notebook_option(sp: argparse.ArgumentParser, bundled: str, new: str = "") -> None:
    sp.add_argument("--notebook", type=Path, metavar="FILE",
                    help=f"run this customised copy of {bundled} instead of the bundled one "
                         f"(`peakreport notebook new NAME{' ' + new if new else ''}` writes "
                         "one)")


def _report(params: Path, args: argparse.Namespace, to: str, *, programme: bool = False) -> int:
    from .publish.progress import Progress
    from .publish.run import run_programme, run_report

    progress = Progress(args.quiet)
    progress.say(f"peakreport: {params}")
    build = run_programme if programme else run_report
    extra = {}
    if getattr(args, "notebook", None) is not None:
        from .publish.execute import custom_notebook

        extra["notebook"] = custom_notebook(args.notebook)
    result = build(params, out=args.out, to=to, language=args.lang, progress=progress,
                   **extra)
    for w in result.warnings:
        print(f"peakreport: warning: {w}", file=sys.stderr)
    for note in result.notes:
        print(f"peakreport: note: {note}", file=sys.stderr)
    if not args.quiet:
        names = ", ".join(f.name for f in result.files if f.parent == result.folder)
        print(f"peakreport: wrote {result.folder}/ ({names})", file=sys.stderr)
    return 1 if result.warnings else 0


def cmd_run(args: argparse.Namespace) -> int:
    return _report(args.params, args, args.to)


def cmd_batch(args: argparse.Namespace) -> int:
    from .publish.batch import run_batch, summary_table, worker_count

    talk = not args.quiet and sys.stderr.isatty()
    workers = worker_count(args.jobs, len(args.params), os.cpu_count() or 1)
    if talk and workers < args.jobs and workers < len(args.params):
        print(f"  {len(args.params)} forums on {workers} worker(s): starting more would cost "
              f"more than it saves on {os.cpu_count()} cores", file=sys.stderr)

    def done(item) -> None:
        if talk:
            print(f"  {item.params.name}: {item.status} ({item.seconds:.1f} s)", file=sys.stderr)

    items = run_batch(args.params, out=args.out, jobs=args.jobs, to=args.to,
                      language=args.lang, on_done=done)
    print(summary_table(items))
    return 1 if any(it.status == "failed" for it in items) else 0


def cmd_programme(args: argparse.Namespace) -> int:
    return _report(args.params, args, args.to, programme=True)


def cmd_demo(args: argparse.Namespace) -> int:
    from .bundle import sample_params

    if args.copy is not None:
        return _copy_sample(args.copy, args.quiet)
    params = sample_params()
    if not params.exists():
        raise PeakreportError(f"the sample forum is not installed with peakreport ({params})")
    return _report(params, args, "html,pdf")


def _copy_sample(dest: Path, quiet: bool) -> int:
    from .bundle import SAMPLE, copy_sample

    files = copy_sample(dest)
    print(f"peakreport: copied {len(files)} files of the sample forums into {dest}/ "
          "(params/, data/sample/)", file=sys.stderr)
    if not quiet:
        print(f"next: cd {dest}  then  peakreport validate params/{SAMPLE}  and  "
              f"peakreport run params/{SAMPLE}", file=sys.stderr)
    return 0


def cmd_notebook(args: argparse.Namespace) -> int:
    from .bundle import new_notebook

    path = new_notebook(args.name, programme=args.programme, params=args.params)
    print(f"peakreport: wrote {path}", file=sys.stderr)
    if not args.quiet:
        params = args.params or ("PROGRAMME.yaml" if args.programme else "PARAMS.yaml")
        command = "programme" if args.programme else "run"
        print(f"next: open it in JupyterLab, add cells, then  peakreport {command} {params} "
              f"--notebook {path}", file=sys.stderr)
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from .data.params_writer import write_params

    lists = [*args.attendance, *((f, "online") for f in args.online),
             *((f, "onsite") for f in args.onsite)]
    path, to_check = write_params(
        args.registrations, args.survey, event_id=args.id, title=args.title, date=args.date,
        out_dir=args.out, force=args.force, attendance=lists)
    print(f"peakreport: wrote {path} (loaded and validated: it runs as written)",
          file=sys.stderr)
    if not args.quiet:
        print(f"next: peakreport validate {path}  then  peakreport run {path}", file=sys.stderr)
    if to_check:
        print(f"check before running ({len(to_check)}: guesses, placeholders, labels not "
              "understood):", file=sys.stderr)
        for line in to_check:
            print(f"  {line}", file=sys.stderr)
    else:
        print("nothing to check: every setting was found for sure", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .measure.analysis import analyse
    from .measure.summary import data_quality_summary

    print(data_quality_summary(analyse(args.params)))
    return 0


def cmd_metrics(args: argparse.Namespace) -> int:
    from .measure.analysis import analyse
    from .measure.metrics import json_safe

    a = analyse(args.params)
    json.dump(json_safe(a.metrics.data), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


COMMANDS = {"run": cmd_run, "demo": cmd_demo, "init": cmd_init, "validate": cmd_validate,
            "batch": cmd_batch, "programme": cmd_programme,
            "metrics": cmd_metrics, "notebook": cmd_notebook}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handle_termination()  # `kill`, systemd and CI stop a run like Ctrl-C does
    try:
        return COMMANDS[args.command](args)
    except PeakreportError as exc:
        print(f"peakreport: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("peakreport: interrupted", file=sys.stderr)
        return 130
    except Terminated as exc:
        import signal

        print(f"peakreport: stopped by {signal.Signals(exc.signum).name}; unfinished reports "
              "were not published", file=sys.stderr)
        return 128 + exc.signum
    except BrokenPipeError:  # `peakreport metrics … | head`
        sys.stderr.close()
        return 0
    except OSError as exc:  # the disk, a permission: one sentence naming the path
        from .errors import file_error

        print(f"peakreport: {file_error(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: say so in one line; PEAKREPORT_DEBUG shows the trace
        if os.environ.get("PEAKREPORT_DEBUG"):
            raise
        print(f"peakreport: unexpected error {type(exc).__name__}: {exc} "
              "(set PEAKREPORT_DEBUG=1 for the traceback)", file=sys.stderr)
        return 1


def entry() -> None:
    """The `peakreport` command: `main`, then an exit without Python's own teardown.

    By then every file is written and closed and every child process (kernel, Chromium)
    has ended; freeing pandas, pyarrow and ZeroMQ object by object would only add ~0.3 s
    to every command. Exit handlers still run.
    """
    import atexit
    from contextlib import suppress

    code = main()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe or stream: nothing left to say
            stream.flush()
    atexit._run_exitfuncs()
    os._exit(code)
