"""Benchmark `peakreport run` (HTML + PDF) on the sample forum, step by step, against a floor.

The floor is what any report run must pay: Papermill executing a one-cell notebook
(the `papermill` command, kernel start included) plus Chromium printing a one-line
HTML page to PDF (`chromium --headless --print-to-pdf`). Target: the whole run in
under 2x the floor. Also checks that report.html stays small and does not grow with
the number of participants (no raw rows in figures).

Usage: python benchmarks/bench_report.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SAMPLE = ROOT / "params" / "forum-peak-2021.yaml"


def timed(cmd: list[str], **kw) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t


def floor(tmp: Path, repeat: int) -> tuple[float, float]:
    from peakreport.export import CHROMIUM_ARGS, find_chromium

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, tmp / "one.ipynb")
    (tmp / "one.html").write_text("<html><body><p>Hello</p></body></html>")
    chromium = find_chromium()
    pm = [timed([str(BIN / "papermill"), "--no-progress-bar", str(tmp / "one.ipynb"),
                 str(tmp / "one-out.ipynb")]) for _ in range(repeat)]
    pdf = [timed([chromium, "--headless", *CHROMIUM_ARGS, f"--print-to-pdf={tmp / 'one.pdf'}",
                  (tmp / "one.html").as_uri()]) for _ in range(repeat)]
    return statistics.median(pm), statistics.median(pdf)


def steps(tmp: Path) -> dict[str, float]:
    code = ("import json,sys;from peakreport.report import run_report;"
            f"r=run_report({str(SAMPLE)!r},out={str(tmp / 'steps')!r},quiet=True);"
            "print(json.dumps(r.timings))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def scaled_forum(tmp: Path, factor: int) -> Path:
    """The sample forum with every registration and answer repeated `factor` times
    under new e-mail addresses: the same shape, `factor` times the people."""
    src = ROOT / "data/sample/forum-peak-2021"
    reg = (src / "registrations.csv").read_text("cp1252").splitlines()
    sur = (src / "survey.csv").read_text("utf-8").splitlines()
    folder = tmp / f"x{factor}"
    folder.mkdir()
    body = [line.replace("@", f"+{k}@") for k in range(factor) for line in reg[1:]]
    (folder / "registrations.csv").write_text("\n".join([reg[0], *body]), encoding="cp1252")
    answers = [line.replace("@", f"+{k}@") for k in range(factor) for line in sur[1:]]
    (folder / "survey.csv").write_text("\n".join([sur[0], *answers]), encoding="utf-8")
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    data["registrations"]["path"] = "registrations.csv"
    data["survey"]["path"] = "survey.csv"
    data["history"] = [str(SAMPLE.parent / h) for h in data.get("history", [])]
    params = folder / "forum.yaml"
    params.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return params


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        pm, pdf = floor(tmp, args.repeat)
        print(f"floor: papermill one-cell {pm:.2f} s + chromium one-line PDF {pdf:.2f} s "
              f"= {pm + pdf:.2f} s")
        runs = [timed([str(BIN / "peakreport"), "run", str(SAMPLE), "--out", str(tmp / "run"),
                       "--quiet"]) for _ in range(args.repeat)]
        run = statistics.median(runs)
        print(f"peakreport run (html+pdf), sample forum: median {run:.2f} s "
              f"({', '.join(f'{r:.2f}' for r in runs)}) = {run / (pm + pdf):.2f}x floor "
              "(target < 2x)")
        t = steps(tmp)
        print("steps: " + ", ".join(f"{k} {v:.2f} s" for k, v in t.items()))
        size = (tmp / "run/forum-peak-2021/report.html").stat().st_size
        params10 = scaled_forum(tmp, 10)
        subprocess.run([str(BIN / "peakreport"), "run", str(params10), "--out",
                        str(tmp / "x10out"), "--to", "html", "--quiet"], check=True)
        size10 = (tmp / "x10out/forum-peak-2021/report.html").stat().st_size
        print(f"report.html: {size / 1e6:.2f} MB for the sample (124 attendees), "
              f"{size10 / 1e6:.2f} MB with 10x the participants (target <= 6 MB, flat)")
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
