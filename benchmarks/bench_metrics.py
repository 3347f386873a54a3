"""Benchmark `peakreport metrics` and the full `peakreport run` (HTML, PDF, metrics.json,
privacy scan) on a 1,000,000-row registration export and a 400,000-row survey export.

Targets: metrics <= 15 s and <= 3 GB peak RSS (round 1); the full run <= 30 s and <= 4 GB
peak memory (round 2, 4/4), on 2 cores.

Usage: python benchmarks/bench_metrics.py [--rows 1000000] [--responses 400000] [--repeat 3]
                                          [--skip-metrics]

The files are generated once under benchmarks/_data/ (ignored by git), shaped like the
sample forum's exports: cp1252, `;`, French headers, duplicates, cancellations, blank
postcodes; a UTF-8 Google Forms survey with labels and a few invalid answers.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"

COMMUNITIES = ["Entreprise", "PME", "Organisme de formation", "Université",
               "Collectivité territoriale", "Agence publique", "Consultant",
               "Laboratoire de recherche", "Association"]
POSTCODES = ["74000", "69003", "38000", "73000", "1250", "75011", "13001", "", "20090"]
SAT = ["Très satisfait", "Satisfait", "Moyennement satisfait", "Peu satisfait", "5", "4"]


def make_files(rows: int, responses: int) -> tuple[Path, Path]:
    DATA.mkdir(exist_ok=True)
    reg, survey = DATA / f"registrations-{rows}.csv", DATA / f"survey-{responses}.csv"
    rng = random.Random(1)
    if not reg.exists():
        with reg.open("w", encoding="cp1252", newline="") as f:
            f.write("N° billet;Nom;Prénom;Email;Société;Type de structure;Code postal;"
                    "Statut;Présent;Date d'inscription\r\n")
            for i in range(rows):
                person = i if rng.random() > 0.05 else rng.randrange(max(i, 1))
                status = "Annulé" if rng.random() < 0.06 else "Validé"
                present = "Oui" if rng.random() < 0.8 else ""
                f.write(f"T{i};Nom{person};Prénom{person};p{person}@exemple.fr;"
                        f"Société {person % 5000};{rng.choice(COMMUNITIES)};"
                        f"{rng.choice(POSTCODES)};{status};{present};"
                        f"{1 + i % 28:02d}/{1 + i % 12:02d}/2021 {i % 24:02d}:{i % 60:02d}\r\n")
            f.write(";Total;;;;;;;;\r\n")
    if not survey.exists():
        with survey.open("w", encoding="utf-8", newline="") as f:
            f.write("Horodateur,Adresse e-mail,Globalement êtes-vous satisfait du forum ?,"
                    "Quelle est la probabilité que vous recommandiez le forum ?,"
                    "Les ateliers vous ont-ils été utiles ?,"
                    "Souhaitez-vous participer à la prochaine phase ?,Commentaires\n")
            for i in range(responses):
                person = rng.randrange(rows)
                nps = rng.randrange(11) if rng.random() > 0.001 else 11
                f.write(f"{1 + i % 28:02d}/12/2021 {i % 24:02d}:{i % 60:02d}:{i % 59:02d},"
                        f"p{person}@exemple.fr,{rng.choice(SAT)},{nps},{rng.randint(1, 5)},"
                        f"{rng.choice(['Oui', 'Non', 'Peut-être'])},\"Merci, très bien\"\n")
    return reg, survey


def params_file(reg: Path, survey: Path) -> Path:
    p = DATA / "bench.yaml"
    p.write_text(
        "event: {id: bench, title: Benchmark, date: 2021-12-15}\n"
        "territory: auvergne-rhone-alpes\n"
        f"registrations: {{path: {reg.name}}}\n"
        f"survey: {{path: {survey.name}}}\n", encoding="utf-8")
    return p


def time_command(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--responses", type=int, default=400_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-metrics", action="store_true", help="only the full run")
    args = ap.parse_args()
    t0 = time.perf_counter()
    reg, survey = make_files(args.rows, args.responses)
    print(f"inputs: {reg.stat().st_size / 1e6:.0f} MB registrations ({args.rows:,} rows), "
          f"{survey.stat().st_size / 1e6:.0f} MB survey ({args.responses:,} rows) "
          f"[{time.perf_counter() - t0:.1f} s to prepare]")
    params = params_file(reg, survey)
    if not args.skip_metrics:
        walls, peaks = measure([sys.executable, "-m", "peakreport", "metrics", str(params)],
                               args.repeat)
        print(f"peakreport metrics: median {statistics.median(walls):.2f} s, "
              f"max peak RSS {max(peaks):.0f} MB (target <= 15 s, <= 3072 MB)")
    out = DATA / "out"
    walls, peaks = measure([sys.executable, "-m", "peakreport", "run", str(params), "--out",
                            str(out), "--quiet"], args.repeat)
    print(f"peakreport run (html, pdf, metrics, scan): median {statistics.median(walls):.2f} s, "
          f"max peak RSS {max(peaks):.0f} MB (largest process; target <= 30 s, <= 4096 MB)")
    code = ("import json;from peakreport.publish.run import run_report;"
            f"r=run_report({str(params)!r},out={str(out)!r},quiet=True);"
            "print(json.dumps(r.timings))")
    steps = json.loads(subprocess.run([sys.executable, "-c", code], check=True,
                                      capture_output=True, text=True).stdout.splitlines()[-1])
    print("steps: " + ", ".join(f"{k} {v:.2f} s" for k, v in steps.items()))


def measure(cmd: list[str], repeat: int) -> tuple[list[float], list[float]]:
    """Wall seconds and peak RSS (MB, the largest process) of `repeat` fresh runs."""
    walls, peaks = [], []
    for i in range(repeat):
        # each run in a fresh process; ru_maxrss of children is a running max, so
        # the peak is measured by a one-shot wrapper
        wrapper = [sys.executable, "-c",
                   "import resource,subprocess,sys;"
                   "subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL);"
                   "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)", *cmd]
        t = time.perf_counter()
        out = subprocess.run(wrapper, check=True, capture_output=True, text=True).stdout
        walls.append(time.perf_counter() - t)
        peaks.append(int(out.strip()) / 1024)
        print(f"  {cmd[3]} run {i + 1}: {walls[-1]:.2f} s, peak RSS {peaks[-1]:.0f} MB",
              flush=True)
    return walls, peaks


if __name__ == "__main__":
    main()
