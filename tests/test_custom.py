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
    # kinds the report's plotly.js (the basic bundle) cannot draw as they are: drawn as bars
    "px.histogram(report.responses, x='satisfaction', title='Notes de satisfaction')",
    "px.box(report.responses, x='community', y='nps', title='Recommandation par structure')",
    "px.pie(report.registrations, names='community', title='Inscrits par structure')",
]
CUSTOM_CHARTS = [f"custom-chart-{i}" for i in range(1, 6)]


def custom_notebook(folder: Path, cells: list[str], name: str = "custom") -> Path:
    """`peakreport notebook new`, then cells added as an author would: where the notebook
    says "Your own cells go here", before its closing `report.end()`."""
    assert main(["notebook", "new", str(folder / name), "--quiet"]) == 0
    path = folder / f"{name}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    closing = next(i for i, c in enumerate(nb["cells"]) if "report.end()" in "".join(c["source"]))
    for i, source in enumerate(cells):
        nb["cells"].insert(closing + i, {"cell_type": "code", "id": f"added-{i}",
                                         "metadata": {}, "execution_count": None,
                                         "outputs": [], "source": source})
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


def test_custom_charts_are_drawn_offline(custom_report, report_fr):
    from peakreport.notebook.figures import FONT

    from .browser import offline_page

    html = (custom_report / "report.html").read_text(encoding="utf-8")
    bundled = _charts((report_fr / "report.html").read_text(encoding="utf-8"))
    assert _charts(html) == [*bundled, *CUSTOM_CHARTS]
    with offline_page(custom_report / "report.html") as (page, seen):
        drawn = page.evaluate("document.querySelectorAll('.pr-chart .main-svg').length")
        # the caption is the chart's title, drawn outside the SVG (so it wraps), and only
        # there: not again inside the drawing
        titles = page.evaluate(f"{CUSTOM_CHARTS!r}.map(id => "
                               "document.getElementById(id + '-title').textContent)")
        inside = page.evaluate(f"{CUSTOM_CHARTS!r}.map(id => "
                               "document.getElementById(id).querySelectorAll('.gtitle').length)")
        font = page.evaluate("document.getElementById('custom-chart-1')._fullLayout.font.family")
        # what plotly.js drew, trace by trace: a histogram or a box it cannot draw would
        # have been drawn as a scatter line
        kinds = page.evaluate(f"{CUSTOM_CHARTS[2:]!r}.map(id => document.getElementById(id)"
                              "._fullData.map(t => t.type))")
        tick = page.evaluate("getComputedStyle(document.querySelector("
                             "'#custom-chart-1 .xtick text')).fontSize")
        failed = page.evaluate("window.peakreport.failed")
    assert drawn >= len(bundled) + len(CUSTOM_CHARTS) and failed == 0
    assert titles == [WEEKDAY_TITLE, SHOW_TITLE, "Notes de satisfaction",
                      "Recommandation par structure", "Inscrits par structure"]
    assert inside == [0] * len(CUSTOM_CHARTS)
    assert set(kinds[0]) == {"bar"} and set(kinds[1]) == {"bar", "scatter"}
    assert kinds[2] == ["pie"]
    assert float(tick.removesuffix("px")) >= 12.75  # the report's small text
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


def test_the_readme_worked_example_gives_a_report_a_funder_can_trust(tmp_path, monkeypatch,
                                                                     chromium):
    """The README's "Customise a report" cells — plotly.express with a numpy array, a
    DataFrame by type of organisation — pasted after `report.audience()` as it says, run
    with `peakreport run --notebook` from the author's folder: the chart's values table
    holds the real counts (not plotly's `dtype`/`bdata`), its summary the busiest and
    quietest days, the table French labels and percentages; both sit where the cells are,
    before the sign-off and the appendix (which gathers the chart's values), in HTML and
    PDF; the executed notebook is trusted; the folder holds nothing new but the report."""
    import os
    from collections import Counter

    import nbformat
    from nbformat.sign import NotebookNotary
    from pypdf import PdfReader

    from peakreport.notebook import EventReport

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Customise a report"):]
    section = section[:section.index("\n## ", 1)]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 2 and "px.bar(" in blocks[0] and "counts.values" in blocks[0]
    monkeypatch.chdir(tmp_path)
    path = custom_notebook(tmp_path, [])
    nb = json.loads(path.read_text(encoding="utf-8"))
    at = next(i for i, c in enumerate(nb["cells"]) if "report.audience()" in "".join(c["source"]))
    for j, source in enumerate(blocks, 1):
        nb["cells"].insert(at + j, {"cell_type": "code", "id": f"readme-{j}", "metadata": {},
                                    "execution_count": None, "outputs": [], "source": source})
    path.write_text(json.dumps(nb), encoding="utf-8")
    before = set(os.listdir(tmp_path))
    assert main(["run", str(SAMPLE), "--notebook", "custom.ipynb", "--out", "out",
                 "--quiet"]) == 0
    folder = tmp_path / "out" / "forum-peak-2021"
    html = (folder / "report.html").read_text(encoding="utf-8")
    body = html[html.index("<main"):]

    # by hand, from the rows the cells read: registrations per weekday (Monday = 0)
    frame = EventReport(SAMPLE, interactive=False).registrations
    per_day = Counter(ts.weekday() for ts in frame["registered_at"].dropna())
    days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    values = re.search(r'id="custom-chart-1-values">(.*?)</details>', body, re.S).group(1)
    rows = re.findall(r'<tr><th scope="row">([^<]*)</th><td class="num">([^<]*)</td></tr>',
                      values)
    assert rows == [(d, str(per_day[i])) for i, d in enumerate(days)]
    assert "dtype" not in values and "bdata" not in values
    top = max(range(7), key=lambda i: (per_day[i], -i))  # the first of equals
    low = min(range(7), key=lambda i: (per_day[i], i))
    summary = re.search(r'id="custom-chart-1-summary">(.*?)</p>', body).group(1)
    assert f"la plus haute est {per_day[top]} (« {days[top]} »)" in summary
    assert f"la plus basse {per_day[low]} (« {days[low]} »)" in summary

    # by hand: registered people and the share who came, per type of organisation
    labels = {"company": "Entreprises", "training": "Formation", "institution": "Institutions",
              "expert": "Experts", "other": "Autres"}
    registered = frame[frame["registered"]]
    n = Counter(registered["community_code"])
    came = Counter(registered.loc[registered["attended"], "community_code"])
    expected = sorted((labels[c], str(k), f"{round(100 * came[c] / k)}\u202f%")
                      for c, k in n.items() if k >= 5)
    table = re.search(r'<table class="pr-table"><thead><tr><th scope="col" class="">type de '
                      r"structure</th>.*?</table>", body, re.S).group(0)
    cells = re.findall(r'<tr><th scope="row">([^<]*)</th><td class="num">([^<]*)</td>'
                       r'<td class="num">([^<]*)</td></tr>', table)
    assert cells == expected and "company" not in table
    assert f"<strong>{len(expected)} types de structure</strong>" in body

    # where the author put them: after the audience, before the next section, the sign-off
    # and the appendix; the appendix has the custom chart's values
    assert body.index('id="audience"') < body.index('id="custom-chart-1"') < body.index(
        ">type de structure<") < body.index('id="registrations_over_time"')
    assert body.index('class="pr-footer"') < body.index('id="chart_values"')
    appendix = body[body.index('id="chart_values"'):]
    assert "Inscriptions par jour de la semaine : valeurs" in appendix
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(folder / "report.pdf").pages]
    chart_page = next(i for i, t in enumerate(pages) if "la plus haute est" in t)
    closing = next(i for i, t in enumerate(pages) if "Annexe : valeurs des graphiques" in t)
    assert "Inscriptions par jour de la semaine" in pages[chart_page] and chart_page < closing
    assert "Inscriptions par jour de la semaine : valeurs" in " ".join(pages[closing:])
    assert not any("taux de présence" in t for t in pages[closing:])  # not in the appendix

    executed = nbformat.read(folder / "internal" / "report.ipynb", as_version=4)
    assert NotebookNotary().check_signature(executed)  # opens trusted in JupyterLab
    # the author's folder: the notebook and the export folder (the staging folder left
    # beside it is issue 21's)
    assert set(os.listdir(tmp_path)) - {".peakreport-staging"} == before | {"out"}


def test_a_notebook_without_its_closing_cell_is_refused(tmp_path, capsys):
    """Without `report.end()` the report would have no sign-off and no appendix of chart
    values (their text alternative in print): exit 2, saying what to add."""
    path = custom_notebook(tmp_path, [])
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"] = [c for c in nb["cells"] if "report.end()" not in "".join(c["source"])]
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert main(["run", str(SAMPLE), "--notebook", str(path), "--out", str(tmp_path)]) == 2
    assert "report.end()" in capsys.readouterr().err


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
