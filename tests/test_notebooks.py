"""The committed notebooks: thin, without outputs, parameters Papermill can parse."""

from __future__ import annotations

import ast

import nbformat
import pytest

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell(path):
    nb = nbformat.read(path, as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    for line in params[0].source.splitlines():
        if "#" in line:  # a comment holding "=" breaks Papermill's parameter parsing
            assert "=" not in line.split("#", 1)[1], line


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin(path):
    nb = nbformat.read(path, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert all(len(src.splitlines()) <= 6 for src in code)
    tree = ast.parse("\n".join(code))
    logic = (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.If, ast.Lambda,
             ast.comprehension)
    assert not [type(n).__name__ for n in ast.walk(tree) if isinstance(n, logic)]


def test_event_report_uses_the_analysis_it_is_handed(tmp_path):
    """`peakreport run` analyses the data once and hands the analysis to the kernel as a
    pickle: the report must show that analysis, not one of its own."""
    import pickle

    from peakreport.measure.analysis import analyse
    from peakreport.notebook import EventReport

    sample = ROOT / "params" / "forum-peak-2021.yaml"
    own = EventReport(sample, interactive=False)
    attended = own.metrics["registrations"]["attended"]
    assert f">{attended}<" in own.key_figures().html

    handed = analyse(sample)
    handed.metrics.data["registrations"]["attended"] = 987  # not a number the data give
    path = tmp_path / "analysis.pickle"
    path.write_bytes(pickle.dumps(handed))
    report = EventReport(sample, interactive=False, analysis=str(path))
    assert ">987<" in report.key_figures().html
    assert f">{attended}<" not in report.key_figures().html
    assert EventReport(sample, interactive=False, analysis=handed).metrics[
        "registrations"]["attended"] == 987


def test_the_report_kernel_needs_no_pandas(tmp_path):
    """`peakreport run` hands the kernel the report's data (plain numbers and labels):
    building every section from it must not import pandas or numpy, which makes the
    kernel's start-up ~0.35 s lighter."""
    import pickle
    import subprocess
    import sys

    from peakreport.measure.aggregates import report_data
    from peakreport.measure.analysis import analyse

    sample = ROOT / "params" / "forum-peak-2021.yaml"
    path = tmp_path / "data.pickle"
    path.write_bytes(pickle.dumps(report_data(analyse(sample), other="Autres")))
    code = ("import sys\n"
            "from peakreport.notebook import SECTIONS, EventReport\n"
            "r = EventReport(sys.argv[1], interactive=False, analysis=sys.argv[2])\n"
            "html = ''.join(getattr(r, s)().html for s in ('cover', 'contents', *SECTIONS))\n"
            "print('pandas' in sys.modules, 'numpy' in sys.modules, 'chart-8' in html)")
    out = subprocess.run([sys.executable, "-c", code, str(sample), str(path)],
                         capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "True"]


def _nbstripout(path, *extra: str) -> str:
    """The notebook as the git filter of `make authoring` stores it."""
    import shlex
    import subprocess
    import sys

    line = next(ln for ln in (ROOT / "Makefile").read_text().splitlines()
                if ln.startswith("NBSTRIPOUT_FLAGS"))
    flags = shlex.split(line.split(":=", 1)[1])
    return subprocess.run([sys.executable, "-m", "nbstripout", "-t", *flags, *extra],
                          stdin=path.open("rb"), capture_output=True, check=True).stdout.decode()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebooks_are_what_the_git_filter_keeps(path):
    """Installing the filter (`make authoring`) must not show the committed notebooks as
    modified: they are already stripped, cell ids and all."""
    assert _nbstripout(path) == path.read_text(encoding="utf-8")


def test_the_git_filter_strips_an_executed_notebook(report_fr):
    import json

    executed = report_fr / "internal" / "report.ipynb"
    stripped = json.loads(_nbstripout(executed))
    code = [c for c in stripped["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert "papermill" not in stripped["metadata"]
    assert not [c for c in stripped["cells"] if "papermill" in c["metadata"]]
    assert len(json.dumps(stripped)) < executed.stat().st_size / 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_committed_kernelspec_is_the_one_jupyterlab_saves(path):
    """JupyterLab writes the running kernel's spec into the notebook when it saves: the
    committed one must be the same, or every save shows a change (the git filter keeps
    the kernelspec, which Papermill needs to pick the kernel)."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    saved = {"name": "python3", "display_name": spec.display_name, "language": spec.language}
    assert nbformat.read(path, as_version=4).metadata.kernelspec == saved


def test_run_and_save_leaves_a_clean_tree_through_the_git_filter(tmp_path):
    """As in JupyterLab after `make authoring`: run every cell of the forum notebook, save
    it (outputs, execution counts, the kernel's language_info and kernelspec), and git
    sees no change, through the filter `make authoring` installs."""
    import shlex
    import shutil
    import subprocess
    import sys

    from jupyter_client.kernelspec import KernelSpecManager
    from nbclient import NotebookClient

    def git(*args: str) -> str:
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                               *args], cwd=tmp_path, check=True, capture_output=True,
                              text=True).stdout

    flags = next(ln for ln in (ROOT / "Makefile").read_text().splitlines()
                 if ln.startswith("NBSTRIPOUT_FLAGS")).split(":=", 1)[1].strip()
    git("init", "-q")
    git("config", "filter.nbstripout.clean",
        f"{shlex.quote(sys.executable)} -m nbstripout {flags}")
    git("config", "filter.nbstripout.smudge", "cat")
    git("config", "filter.nbstripout.required", "true")
    shutil.copy(ROOT / ".gitattributes", tmp_path / ".gitattributes")
    notebook = tmp_path / "event_report.ipynb"
    shutil.copy(ROOT / "notebooks" / "event_report.ipynb", notebook)
    git("add", ".")
    git("commit", "-q", "-m", "notebook")

    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=300,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    spec = KernelSpecManager().get_kernel_spec("python3")
    nb.metadata.kernelspec = {"name": "python3", "display_name": spec.display_name,
                              "language": spec.language}  # what JupyterLab writes
    nbformat.write(nb, notebook)
    assert "Forum PEAK 2021" in notebook.read_text(encoding="utf-8")  # it did run
    assert git("diff") == ""
    # `git status` lists a file whose size changed until `git add` runs the filter on it
    # (git's stat check, with any clean filter); `add` then stages nothing
    git("add", "-A")
    assert git("status", "--porcelain") == ""
