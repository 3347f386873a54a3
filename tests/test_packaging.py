"""Packaging: environment.yml and pyproject.toml declare the same dependencies; the wheel
carries what a run needs; a user who only pip-installs the wheel can run the sample."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
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


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built as a user would from a clone (`pip wheel --no-deps .`); without
    build isolation, so that no network is needed for the build itself."""
    import subprocess
    import sys

    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (built,) = dist.glob("peakreport-*.whl")
    return built


def test_the_wheel_runs_installed_from_any_folder(tmp_path, chromium, hand_forum, wheel):
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


@pytest.mark.index
def test_a_pip_user_installs_the_wheel_and_runs_the_demo_from_an_empty_folder(
        tmp_path, chromium, wheel):
    """The README's path for a user without a clone: a fresh virtual environment, `pip
    install` of the wheel with its dependencies resolved from the package index (pip's
    own configuration), then from an empty folder `peakreport demo`, and `demo --copy`
    whose params run `validate` as the README and `--help` show.

    Marked `index` and left out of `make test` (`make test-install` runs it): it needs
    the network and takes about 35 s here (30 s of pip, 3 s of demo), against 10 s for
    the test above, which proves the wheel's content with borrowed dependencies."""
    import os
    import subprocess
    import sys

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    install = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install",
                              "--quiet", str(wheel)], capture_output=True, text=True,
                             timeout=900)
    assert install.returncode == 0, install.stderr[-3000:]
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH")}
    peakreport = str(venv / "bin" / "peakreport")
    empty = tmp_path / "empty"
    empty.mkdir()

    def run(*args: str, cwd: Path = empty) -> subprocess.CompletedProcess:
        return subprocess.run([peakreport, *args], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=300)

    demo = run("demo", "--quiet")
    assert demo.returncode == 0, demo.stderr
    report = empty / "exports" / "forum-peak-2021"
    assert {"report.html", "report.pdf", "metrics.json"} <= {p.name for p in report.iterdir()}
    # nothing else in the user's folder (the empty staging folder is issue 21's)
    assert set(os.listdir(empty)) - {".peakreport-staging"} == {"exports"}

    assert "demo --copy" in run("--help").stdout
    copied = run("demo", "--copy", "sample")
    assert copied.returncode == 0, copied.stderr
    sample = empty / "sample"
    params = yaml.safe_load((sample / "params" / "forum-peak-2021.yaml").read_text())
    # relative to the params file, inside the user's folder: not into the installed package
    assert params["registrations"]["path"].startswith("../data/sample/")
    assert (sample / "params" / params["registrations"]["path"]).resolve().is_file()
    validate = run("validate", "params/forum-peak-2021.yaml", cwd=sample)
    assert validate.returncode == 0, validate.stderr
    assert "rows read 160" in validate.stdout
