"""environment.yml and pyproject.toml declare the same dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from .conftest import ROOT


def _name(spec: str) -> str:
    return re.split(r"[<>=!~\[ ]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(d) for d in project["dependencies"]}
    wanted |= {_name(d) for d in project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    have = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            have |= {_name(d) for d in dep["pip"] if not d.startswith("-e")}
        elif not dep.startswith(("python=", "pip")):
            have.add(_name(dep))
    assert have == wanted


def test_the_wheel_runs_installed_from_any_folder(tmp_path, chromium, hand_forum):
    """Build the wheel, install it alone in a fresh virtual environment, and run `demo` and
    `run` from a folder that is not the clone.

    Quick by design: the wheel is built without build isolation, installed with
    `--no-deps`, and the new environment borrows the dev environment's dependencies (a
    .pth line; JUPYTER_PATH for nbconvert's base templates, which are data files of the
    dev environment). So this proves what the wheel itself carries — the code, the
    templates, the notebooks, the sample forum, the console script, the nbconvert entry
    points — and that they are found from the installed package, not from the clone; it
    does not prove that pip resolves the dependencies."""
    import os
    import subprocess
    import sys
    import sysconfig
    import zipfile

    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = dist.glob("peakreport-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        meta = z.read(next(n for n in names if n.endswith("dist-info/METADATA"))).decode()
        entry_points = z.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert {"peakreport/bundled/notebooks/event_report.ipynb",
            "peakreport/bundled/notebooks/programme_report.ipynb",
            "peakreport/bundled/params/forum-peak-2021.yaml",
            "peakreport/bundled/data/sample/forum-peak-2021/registrations.csv",
            "peakreport/templates/peakreport/index.html.j2",
            "peakreport/templates/peakreport/vendor/plotly-basic.min.js"} <= names
    assert not [n for n in names if ".ipynb_checkpoints" in n]
    assert "Requires-Dist: playwright>=1.40; extra == \"playwright\"" in meta
    assert not re.search(r"^Requires-Dist: playwright[^;]*$", meta, re.M)
    assert "peakreport_pdf = peakreport.publish.nbconvert:PeakreportPDFExporter" in entry_points

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True,
                   timeout=300)
    site = subprocess.run([str(python), "-c", "import sysconfig; "
                           "print(sysconfig.get_paths()['purelib'])"], check=True,
                          capture_output=True, text=True).stdout.strip()
    (Path(site) / "dev-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {**os.environ, "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter")}
    env.pop("PYTHONPATH", None)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run([str(python), "-c", "import peakreport; print(peakreport.__file__)"],
                           cwd=elsewhere, env=env, check=True, capture_output=True, text=True)
    assert where.stdout.startswith(str(venv))  # the wheel's copy, not the clone's

    peakreport = str(venv / "bin" / "peakreport")
    demo = subprocess.run([peakreport, "demo", "--out", "exports", "--quiet"], cwd=elsewhere,
                          env=env, capture_output=True, text=True, timeout=300)
    assert demo.returncode == 0, demo.stderr
    assert {p.name for p in (elsewhere / "exports" / "forum-peak-2021").iterdir()} >= {
        "report.html", "report.pdf", "metrics.json"}
    run = subprocess.run([peakreport, "run", str(hand_forum), "--to", "html", "--quiet"],
                         cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "Forum test" in (elsewhere / "exports" / "forum-test" / "report.html").read_text()
