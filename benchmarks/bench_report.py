"""Benchmark `peakreport run` (HTML + PDF + metrics + privacy scan) against a floor, on
the sample forum and on a 50,000-registration forum.

The floor is what any report run must pay: Papermill executing a one-cell notebook
(the `papermill` command, kernel start included) plus Chromium printing a one-line
HTML page to PDF (`chromium --headless --print-to-pdf`, a fresh profile each time).
Each round runs the floor, the sample forum and the 50k forum back to back, so that
the machine's load weighs on all of them alike; figures are medians of the rounds.

Targets (round 2, 4/4): the sample forum's run <= 1.3x the floor; the 50k forum's run
<= 1.3x the sample forum's; report.html the same size for both.

Usage: python benchmarks/bench_report.py [--repeat 5] [--factor 309]
The 50k forum (the sample's rows repeated `factor` times under new e-mail addresses)
is generated once under benchmarks/_data/ (ignored by git).
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
DATA = ROOT / "benchmarks" / "_data"
BIN = Path(sys.executable).parent
SAMPLE = ROOT / "params" / "forum-peak-2021.yaml"


def timed(cmd: list[str], **kw) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t


def floor_once(tmp: Path) -> tuple[float, float]:
    """One measure of the floor: (papermill one-cell, chromium one-line PDF) seconds."""
    from peakreport.publish.pdf import CHROMIUM_ARGS, find_chromium

    if not (tmp / "one.ipynb").exists():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("x = 1")]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nbformat.write(nb, tmp / "one.ipynb")
        (tmp / "one.html").write_text("<html><body><p>Hello</p></body></html>")
    pm = timed([str(BIN / "papermill"), "--no-progress-bar", str(tmp / "one.ipynb"),
                str(tmp / "one-out.ipynb")])
    profile = tempfile.mkdtemp(prefix="bench-profile-")
    try:
        pdf = timed([find_chromium(), "--headless", *CHROMIUM_ARGS,
                     f"--user-data-dir={profile}", f"--print-to-pdf={tmp / 'one.pdf'}",
                     (tmp / "one.html").as_uri()])
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return pm, pdf


def steps(tmp: Path, params: Path = SAMPLE) -> dict[str, float]:
    code = ("import json,sys;from peakreport.publish.run import run_report;"
            f"r=run_report({str(params)!r},out={str(tmp / 'steps')!r},quiet=True);"
            "print(json.dumps(r.timings))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def scaled_forum(tmp: Path, factor: int) -> Path:
    """The sample forum with every registration and answer repeated `factor` times
    under new e-mail addresses: the same shape, `factor` times the people."""
    src = ROOT / "data/sample/forum-peak-2021"
    folder = tmp / f"x{factor}"
    if (folder / "forum.yaml").exists():
        return folder / "forum.yaml"
    reg = (src / "registrations.csv").read_text("cp1252").splitlines()
    sur = (src / "survey.csv").read_text("utf-8").splitlines()
    folder.mkdir(parents=True, exist_ok=True)
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
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--factor", type=int, default=309, help="50k forum: sample x factor")
    args = ap.parse_args()
    big = scaled_forum(DATA, args.factor)
    rows = sum(1 for _ in (big.parent / "registrations.csv").open("rb")) - 1
    answers = sum(1 for _ in (big.parent / "survey.csv").open("rb")) - 1
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        pms, pdfs, runs, bigs = [], [], [], []
        for i in range(args.repeat):  # back to back: the same load on each
            pm, pdf = floor_once(tmp)
            pms.append(pm)
            pdfs.append(pdf)
            runs.append(timed([str(BIN / "peakreport"), "run", str(SAMPLE), "--out",
                               str(tmp / "run"), "--quiet"]))
            bigs.append(timed([str(BIN / "peakreport"), "run", str(big), "--out",
                               str(tmp / "big"), "--quiet"]))
            print(f"round {i + 1}: floor {pm:.2f} + {pdf:.2f} s, sample {runs[-1]:.2f} s, "
                  f"50k {bigs[-1]:.2f} s", flush=True)
        pm, pdf = statistics.median(pms), statistics.median(pdfs)
        floor = statistics.median([a + b for a, b in zip(pms, pdfs, strict=True)])
        run, run_big = statistics.median(runs), statistics.median(bigs)
        print(f"floor: papermill one-cell {pm:.2f} s + chromium one-line PDF {pdf:.2f} s; "
              f"sum {floor:.2f} s (median of {args.repeat})")
        print(f"peakreport run, sample forum (124 attendees): {run:.2f} s = {run / floor:.2f}x "
              f"floor (target <= 1.3x; per round: "
              f"{', '.join(f'{r / (a + b):.2f}' for r, a, b in zip(runs, pms, pdfs, strict=True))}"
              ")")
        print(f"peakreport run, {rows:,} registrations + {answers:,} responses: {run_big:.2f} s "
              f"= {run_big / run:.2f}x the sample's (target <= 1.3x; per round: "
              f"{', '.join(f'{b / r:.2f}' for b, r in zip(bigs, runs, strict=True))})")
        for name, params in (("sample", SAMPLE), ("50k", big)):
            t = steps(tmp, params)
            print(f"steps, {name}: " + ", ".join(f"{k} {v:.2f} s" for k, v in t.items()))
        size = (tmp / "run/forum-peak-2021/report.html").stat().st_size
        size_big = (tmp / "big/forum-peak-2021/report.html").stat().st_size
        print(f"report.html: {size / 1e6:.2f} MB for the sample, {size_big / 1e6:.2f} MB for "
              f"the {rows:,}-registration forum (target: flat)")


if __name__ == "__main__":
    main()
