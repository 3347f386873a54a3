"""Custom reports: a copy of the notebook with cells added, run with `--notebook`.

What a cell shows the ordinary way (a plotly figure ending a cell, `fig.show()`, a pandas
DataFrame, IPython's Markdown) must reach report.html and report.pdf, drawn offline with
the page's plotly.js, escaped, and under the same privacy scan as the bundled notebook.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from peakreport.cli import main

from .conftest import SAMPLE, pdf_text

WEEKDAY_TITLE = "Inscriptions par jour de la semaine"
SHOW_TITLE = "Satisfaction moyenne selon la structure"
CELLS = [
    # a figure ending a cell, from the pseudonymised registrations (pandas imported here)
    "import plotly.express as px\n"
    "days = report.registrations['registered_at'].dt.day_of_week.value_counts().sort_index()\n"
    f"fig = px.bar(x=list(days.index), y=list(days.values), title={WEEKDAY_TITLE!r})\n"
    "fig",
    # fig.show(), from the responses frame
    "import plotly.graph_objects as go\n"
    "by = report.responses.groupby('community')['satisfaction'].mean()\n"
    f"go.Figure(go.Bar(x=list(by.index), y=list(by.values)), layout_title_text={SHOW_TITLE!r}"
    ").show()",
    # a table whose data carry markup
    "import pandas as pd\n"
    "pd.DataFrame({'Structure': ['<script>alert(1)</script>', 'B & C'], 'n': [3, 4], "
    "'moyenne': [1.5, 2.25]})",
    "from IPython.display import Markdown\n"
    "Markdown('**Note** <img src=x onerror=alert(2)> {{ x }}')",
    "print('printed text stays out of the report')",
]


def custom_notebook(folder: Path, cells: list[str], name: str = "custom") -> Path:
    """`peakreport notebook new`, then cells appended as an author would."""
    assert main(["notebook", "new", str(folder / name), "--quiet"]) == 0
    path = folder / f"{name}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, source in enumerate(cells):
        nb["cells"].append({"cell_type": "code", "id": f"added-{i}", "metadata": {},
                            "execution_count": None, "outputs": [], "source": source})
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def custom_report(tmp_path_factory, chromium) -> Path:
    folder = tmp_path_factory.mktemp("custom")
    notebook = custom_notebook(folder, CELLS)
    assert main(["run", str(SAMPLE), "--notebook", str(notebook), "--out",
                 str(folder / "out"), "--quiet"]) == 0
    return folder / "out" / "forum-peak-2021"


def _charts(html: str) -> list[str]:
    return re.findall(r'<div class="pr-plot" id="([\w-]+)"', html)


def test_two_custom_charts_are_drawn_offline(custom_report, report_fr):
    from peakreport.notebook.figures import FONT

    from .browser import offline_page

    html = (custom_report / "report.html").read_text(encoding="utf-8")
    bundled = _charts((report_fr / "report.html").read_text(encoding="utf-8"))
    assert _charts(html) == [*bundled, "custom-chart-1", "custom-chart-2"]
    with offline_page(custom_report / "report.html") as (page, seen):
        drawn = page.evaluate("document.querySelectorAll('.pr-chart .main-svg').length")
        # the caption is the chart's title, drawn outside the SVG (so it wraps)
        titles = page.evaluate("['custom-chart-1', 'custom-chart-2'].map(id => "
                               "document.getElementById(id + '-title').textContent)")
        font = page.evaluate("document.getElementById('custom-chart-1')._fullLayout.font.family")
        failed = page.evaluate("window.peakreport.failed")
    assert drawn >= len(bundled) + 2 and failed == 0
    assert titles == [WEEKDAY_TITLE, SHOW_TITLE]
    assert font == FONT  # the "peakreport" template is the kernel's default
    assert seen.errors == [] and seen.requests == []


def test_custom_chart_titles_are_in_the_pdf(custom_report):
    flat = " ".join(pdf_text(custom_report / "report.pdf").split())
    assert WEEKDAY_TITLE in flat and SHOW_TITLE in flat


def test_a_dataframe_is_an_escaped_report_table(custom_report):
    html = (custom_report / "report.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="pr-table">(?:(?!</table>).)*Structure.*?</table>', html)
    assert table, "the DataFrame's table is missing"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table.group(0)
    assert "B &amp; C" in table.group(0)
    assert ">1,50<" in table.group(0) and ">2,25<" in table.group(0)  # French decimals
    assert "<script>alert(1)" not in html and 'class="dataframe"' not in html


def test_markdown_is_rendered_with_its_html_escaped(custom_report):
    html = (custom_report / "report.html").read_text(encoding="utf-8")
    assert "<strong>Note</strong> &lt;img src=x onerror=alert(2)&gt;" in html
    assert "<img src=x" not in html and "{{ x }}" not in html
    assert "printed text stays out" not in html


def test_the_privacy_scan_covers_custom_cells(tmp_path, report_fr, capsys):
    """A cell that shows an attendee's e-mail address fails the run; nothing is replaced."""
    import shutil

    shutil.copytree(report_fr, tmp_path / "out" / "forum-peak-2021")
    before = (tmp_path / "out" / "forum-peak-2021" / "report.html").read_bytes()
    notebook = custom_notebook(tmp_path, [
        "from IPython.display import HTML\n"
        "HTML(report.analysis().people.frame['identity'].iloc[0])"])
    code = main(["run", str(SAMPLE), "--notebook", str(notebook), "--out",
                 str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1 and "privacy scan" in err and "report.html" in err
    assert (tmp_path / "out" / "forum-peak-2021" / "report.html").read_bytes() == before


def test_notebook_new_never_replaces_a_file(tmp_path, capsys):
    params = tmp_path / "params" / "forum.yaml"
    params.parent.mkdir()
    params.write_text("x")
    assert main(["notebook", "new", str(tmp_path / "nb" / "mine"), "--params", str(params),
                 "-q"]) == 0
    path = tmp_path / "nb" / "mine.ipynb"
    cell = next(c for c in json.loads(path.read_text())["cells"]
                if "parameters" in c["metadata"].get("tags", []))
    # relative to the notebook's folder: JupyterLab's working directory when it is open
    assert 'params_path = "../params/forum.yaml"' in "".join(cell["source"])
    path.write_text("edited")
    assert main(["notebook", "new", str(path), "-q"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "edited"


@pytest.mark.parametrize("content, message", [
    (None, "notebook not found"),
    ("not json", "is not a readable Jupyter notebook"),
    ('{"cells": [], "metadata": {}}', "has no cell tagged 'parameters'"),
])
def test_a_wrong_notebook_is_an_input_error(tmp_path, capsys, content, message):
    path = tmp_path / "mine.ipynb"
    if content is not None:
        path.write_text(content)
    code = main(["run", str(SAMPLE), "--notebook", str(path), "--out", str(tmp_path)])
    assert code == 2 and message in capsys.readouterr().err
    assert not (tmp_path / "forum-peak-2021").exists()


def test_the_readme_worked_example_runs(tmp_path):
    """The README's "Customise a report" cells, pasted after `report.audience()` as it says,
    give their chart and their table."""
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Customise a report"):]
    section = section[:section.index("\n## ", 1)]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    path = custom_notebook(tmp_path, [])
    nb = json.loads(path.read_text(encoding="utf-8"))
    at = next(i for i, c in enumerate(nb["cells"]) if "report.audience()" in "".join(c["source"]))
    for j, source in enumerate(blocks, 1):
        nb["cells"].insert(at + j, {"cell_type": "code", "id": f"readme-{j}", "metadata": {},
                                    "execution_count": None, "outputs": [], "source": source})
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert main(["run", str(SAMPLE), "--notebook", str(path), "--out", str(tmp_path / "out"),
                 "--to", "html", "--quiet"]) == 0
    html = (tmp_path / "out" / "forum-peak-2021" / "report.html").read_text(encoding="utf-8")
    assert "Inscriptions par jour de la semaine" in html and "custom-chart-1" in html
    assert re.search(r"<strong>\d+ secteurs</strong> comptent au moins 5 réponses\.", html)
    assert ">secteur</th>" in html and ">satisfaction moyenne</th>" in html
    # after the audience section, before the registrations over time
    assert html.index("custom-chart-1") < html.index('id="registrations_over_time"')


def test_programme_runs_a_custom_notebook(tmp_path):
    from .conftest import ROOT

    assert main(["notebook", "new", str(tmp_path / "prog"), "--programme", "-q"]) == 0
    path = tmp_path / "prog.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert any("ProgrammeReport(" in "".join(c["source"]) for c in nb["cells"])
    nb["cells"].append({"cell_type": "code", "id": "added", "metadata": {},
                        "execution_count": None, "outputs": [], "source":
                        "from IPython.display import Markdown\n"
                        "n = report.attendances.groupby('forum')['person'].nunique()\n"
                        "Markdown(f'Forums : **{len(n)}**, présents en 2021 : **{n[\"2021\"]}**')"})
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert main(["programme", str(ROOT / "params" / "peak-3.yaml"), "--notebook", str(path),
                 "--out", str(tmp_path / "out"), "--to", "html", "--quiet"]) == 0
    html = (tmp_path / "out" / "peak-3" / "report.html").read_text(encoding="utf-8")
    metrics = json.loads((tmp_path / "out" / "peak-3" / "metrics.json").read_text())
    attended_2021 = metrics["forums"][-1]["registrations"]["attended"]
    assert f"Forums : <strong>4</strong>, présents en 2021 : <strong>{attended_2021}</strong>" \
        in html
