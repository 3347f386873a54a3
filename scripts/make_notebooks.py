"""Write notebooks/*.ipynb from the cell lists below (outputs empty, ids fixed).

The notebooks are committed; this script is how they are kept thin and
diffable. Run: python scripts/make_notebooks.py
"""

from __future__ import annotations

from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTE = {"tags": ["author-note"]}

EVENT = [
    ("markdown", NOTE, """# Event impact report — notebook template

This notebook builds one forum's report. `peakreport run PARAMS.yaml` executes it with
Papermill and exports its **outputs only** to HTML and PDF: these markdown notes, the code
and the parameters never reach the funders. Every section is one call into
`peakreport.notebook.EventReport`; the logic and its tests live in `src/peakreport/`.

To work on it in JupyterLab: `pip install -e '.[authoring]'`, then open this file and run
all cells (it reads `params_path` below)."""),
    ("code", {"tags": ["parameters"]},
     """# Parameters: Papermill replaces this cell's values for each forum.
# (No equals sign in comments here: it would break Papermill's parameter parsing.)
params_path = "../params/forum-peak-2021.yaml"
language = ""
interactive = True
analysis_path = None  # the run hands over its own analysis of the data"""),
    ("code", {}, """from peakreport.notebook import EventReport

report = EventReport(params_path, language=language, interactive=interactive,
                     analysis=analysis_path)
report.cover()"""),
    ("code", {}, "report.contents()"),
    ("markdown", NOTE, "Key figures, each against its target from the params' `targets:`."),
    ("code", {}, "report.key_figures()"),
    ("markdown", NOTE, "Who came: communities, sectors, company sizes, départements."),
    ("code", {}, "report.audience()"),
    ("code", {}, "report.registrations_over_time()"),
    ("markdown", NOTE, "Satisfaction distribution, NPS with its margin of error, small groups "
                       "suppressed."),
    ("code", {}, "report.satisfaction()"),
    ("code", {}, "report.questions()"),
    ("markdown", NOTE, "Comments are masked (e-mails, phones, links, participants' names) and "
                       "shown in an order unrelated to submission."),
    ("code", {}, "report.comments()"),
    ("code", {}, "report.method()"),
]


PROGRAMME = [
    ("markdown", NOTE, """# Programme report — notebook template

Built by `peakreport programme PROGRAMME.yaml`: Papermill executes it, nbconvert exports its
outputs only. Each section is one call into `peakreport.programme_notebook.ProgrammeReport`;
every forum listed in the programme params is analysed exactly as for its own report."""),
    ("code", {"tags": ["parameters"]},
     """# Parameters: Papermill replaces this cell's values for each programme.
params_path = "../params/peak-3.yaml"
language = ""
interactive = True
analysis_path = None  # the run hands over its own analysis of the data"""),
    ("code", {}, """from peakreport.programme_notebook import ProgrammeReport

report = ProgrammeReport(params_path, language=language, interactive=interactive,
                         analysis=analysis_path)
report.cover()"""),
    ("code", {}, "report.contents()"),
    ("code", {}, "report.key_figures()"),
    ("markdown", NOTE, "Registered, attended, satisfaction and NPS (with its margin of error) "
                       "per forum."),
    ("code", {}, "report.trends()"),
    ("markdown", NOTE, "New against returning participants; who came back the next year."),
    ("code", {}, "report.participants()"),
    ("code", {}, "report.mix()"),
    ("code", {}, "report.coverage()"),
    ("code", {}, "report.method()"),
]


def build(cells: list[tuple[str, dict, str]], name: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    for i, (kind, meta, source) in enumerate(cells):
        maker = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        cell = maker(source=source, metadata=dict(meta))
        cell["id"] = f"{name.split('_')[0]}-{i:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    nbformat.write(nb, ROOT / "notebooks" / name)


if __name__ == "__main__":
    build(EVENT, "event_report.ipynb")
    build(PROGRAMME, "programme_report.ipynb")
