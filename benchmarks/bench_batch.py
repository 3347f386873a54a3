"""Benchmark `peakreport batch` over 8 forums against a shell loop of `peakreport run`
over the same 8, and `peakreport programme` (the 4 sample forums) against one forum.

Targets: the batch at least 3.5x faster than the loop (round 2, 4/4); the programme
report no more than 1.5x one forum report. (`--jobs 2` against `--jobs 1`, once a
target of 1.6x, is shown for information: docs/performance.md explains why 2 cores cannot give it.)
Each round runs the loop and the batches back to back, under the same machine load.

Usage: python benchmarks/bench_batch.py [--repeat 2] [--forums 8]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import yaml
from bench_report import timed

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent / "peakreport"


def forums(tmp: Path, n: int = 8) -> list[Path]:
    """The four sample forums, over and over under distinct ids, `n` in all."""
    out = []
    for i in range(n):
        copy, year = i // 4 + 1, 2018 + i % 4
        params = ROOT / "params"
        data = yaml.safe_load((params / f"forum-peak-{year}.yaml").read_text("utf-8"))
        data["event"]["id"] += f"-{copy}"
        for part in ("registrations", "survey"):
            if part in data:
                data[part]["path"] = str((params / data[part]["path"]).resolve())
        data["history"] = [str(params / h) for h in data.get("history", [])]
        path = tmp / f"forum-{year}-{copy}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        out.append(path)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--forums", type=int, default=8, help="forums in the batch (default 8)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        batch = [str(p) for p in forums(tmp, args.forums)]
        loops, b2, b1 = [], [], []
        for i in range(args.repeat):
            loop = " && ".join(f"{BIN} run {p} --out {tmp / 'loop'} --quiet" for p in batch)
            loops.append(timed(["sh", "-c", loop]))
            b2.append(timed([str(BIN), "batch", *batch, "--jobs", "2", "--out",
                             str(tmp / "out2"), "--quiet"]))
            b1.append(timed([str(BIN), "batch", *batch, "--jobs", "1", "--out",
                             str(tmp / "out1"), "--quiet"]))
            print(f"round {i + 1}: loop {loops[-1]:.2f} s, batch --jobs 2 {b2[-1]:.2f} s, "
                  f"--jobs 1 {b1[-1]:.2f} s", flush=True)
        loop, jobs2, jobs1 = (statistics.median(x) for x in (loops, b2, b1))
        print(f"{args.forums} forums: loop of `peakreport run` {loop:.2f} s; batch --jobs 2 "
              f"{jobs2:.2f} s = {loop / jobs2:.2f}x faster (target >= 3.5x); --jobs 1 "
              f"{jobs1:.2f} s = {loop / jobs1:.2f}x; --jobs 2 / --jobs 1 = {jobs1 / jobs2:.2f}x")
        one = statistics.median(timed([str(BIN), "run", str(ROOT / "params/forum-peak-2021.yaml"),
                                       "--out", str(tmp / "one"), "--quiet"])
                                for _ in range(args.repeat + 1))
        prog = statistics.median(timed([str(BIN), "programme", str(ROOT / "params/peak-3.yaml"),
                                        "--out", str(tmp / "prog"), "--quiet"])
                                 for _ in range(args.repeat + 1))
        print(f"one forum report {one:.2f} s; programme report (4 forums) {prog:.2f} s = "
              f"{prog / one:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
