"""Papermill in a kept kernel: one connected client for every notebook, failures named."""

from __future__ import annotations

import threading

import nbformat
import pytest

from peakreport.errors import CellExecutionError
from peakreport.publish.execute import execute, start_kernel


def _notebook(path, *sources: str):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}
    nb.cells = [nbformat.v4.new_code_cell("x = 0")]
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.cells += [nbformat.v4.new_code_cell(src) for src in sources]
    nbformat.write(nb, path)
    return path


def test_a_kept_kernel_runs_notebooks_in_turn_with_one_client(tmp_path):
    template = _notebook(tmp_path / "t.ipynb", "y = x * 2\ny")
    km = start_kernel()
    try:
        execute(template, tmp_path / "a.ipynb", {"x": 21}, km)
        client, threads = km.client(), threading.active_count()
        execute(template, tmp_path / "b.ipynb", {"x": 5}, km)
        # a client per notebook would leave its channels' threads and sockets behind
        assert km.client() is client and threading.active_count() == threads
        out_a = nbformat.read(tmp_path / "a.ipynb", as_version=4).cells[-1].outputs
        out_b = nbformat.read(tmp_path / "b.ipynb", as_version=4).cells[-1].outputs
        assert out_a[0]["data"]["text/plain"] == "42"
        assert out_b[0]["data"]["text/plain"] == "10"  # the kernel is the same, the run new
    finally:
        km.close()
    assert not km.is_alive()


def test_a_failing_cell_is_named_and_the_notebook_kept(tmp_path):
    template = _notebook(tmp_path / "t.ipynb", "1 + 1", "raise ValueError('bad forum')")
    km = start_kernel()
    try:
        with pytest.raises(CellExecutionError) as err:
            execute(template, tmp_path / "out.ipynb", {}, km)
    finally:
        km.close()
    assert err.value.ename == "ValueError" and "bad forum" in err.value.evalue
    assert "raise ValueError" in err.value.evalue
    assert (tmp_path / "out.ipynb").exists()


def test_the_report_kernel_starts_warm():
    """The kernel imports the report code and pays its first-use costs while it boots."""
    km = start_kernel("peakreport.notebook.event")
    try:
        km.ready()
        reply = km.client().execute_interactive(
            "import peakreport.notebook as n\nassert n.warmed_up", timeout=60)
    finally:
        km.close()
    assert reply["content"]["status"] == "ok"
