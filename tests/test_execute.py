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


def test_a_failing_cell_is_named_as_its_author_sees_it_and_the_notebook_kept(tmp_path):
    """Named by its position in the author's notebook — Markdown cells counted, the
    parameters cell Papermill injects not — and its first line."""
    template = _notebook(tmp_path / "t.ipynb", "1 + 1", "\nraise ValueError('bad forum')")
    nb = nbformat.read(template, as_version=4)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell("A note"))
    nbformat.write(nb, template)
    # the author's cells: 1 parameters, 2 the note, 3 `1 + 1`, 4 the failing one
    km = start_kernel()
    try:
        with pytest.raises(CellExecutionError) as err:
            execute(template, tmp_path / "out.ipynb", {"x": 1}, km)
    finally:
        km.close()
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    tags = [c.metadata.get("tags", []) for c in executed.cells]
    assert ["injected-parameters"] in tags  # one cell more in the executed notebook
    assert err.value.cell == 4 and "cell 4 (counting every cell" in str(err.value)
    assert err.value.ename == "ValueError" and "bad forum" in err.value.evalue
    assert "(in `raise ValueError('bad forum')`)" in err.value.evalue


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
