"""Benchmark `peakreport batch` (8 forums by default, --jobs 2 against --jobs 1) and
`peakreport programme` (the 4 sample forums) against one forum report.

Targets (issue 5/5): --jobs 2 at least 1.6x faster than --jobs 1 on 2 cores; the
programme report no more than 1.5x one forum report.

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
        res = {}
        for jobs in (1, 2):
            runs = [timed([str(BIN), "batch", *batch, "--jobs", str(jobs), "--out",
                           str(tmp / f"out{jobs}"), "--quiet"]) for _ in range(args.repeat)]
            res[jobs] = statistics.median(runs)
            print(f"batch of {args.forums} forums, --jobs {jobs}: {res[jobs]:.2f} s "
                  f"({', '.join(f'{r:.2f}' for r in runs)})")
        print(f"speed-up --jobs 2 / --jobs 1: {res[1] / res[2]:.2f}x (target >= 1.6x)")
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
