"""display: custom cells' figures, tables and Markdown as the report shows them; the
JupyterLab session's stylesheet; frames: row-level data without personal data."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from peakreport.measure.analysis import analyse
from peakreport.notebook import display
from peakreport.notebook.frames import attendees, people, responses

from .conftest import ROOT


@pytest.fixture(autouse=True)
def french():
    display.install("fr")


def test_a_figure_becomes_a_report_chart_captioned_by_its_title():
    fig = go.Figure(go.Bar(x=[1], y=[2]), layout_title_text="Par <b>jour</b> & heure")
    bundle = display._renderer().to_mimebundle(fig.to_dict())
    html = bundle["text/html"]
    placeholder, script = html.split("<script>", 1)
    assert 'id="custom-chart-1"' in placeholder
    assert "Par jour &amp; heure" in placeholder  # its caption: the title, as text
    assert script.startswith("peakreport.draw('custom-chart-1', ")
    assert '"height":320' in script  # sized, not squeezed to its box's minimum
    untitled = display.chart_html(go.Figure(go.Bar(x=[1], y=[2])).to_dict())
    assert 'id="custom-chart-2"' in untitled and "Graphique 2" in untitled.split("<script>")[0]


def test_the_report_template_is_the_default_for_new_figures():
    from peakreport.notebook.figures import FONT, PALETTE

    layout = go.Figure().layout
    assert layout.template.layout.font.family == FONT
    assert layout.template.layout.colorway[0] == PALETTE["primary"]


def test_a_dataframe_is_a_report_table_in_the_report_language():
    frame = pd.DataFrame({"Structure": ["<b>A</b>", "B"], "n": [1200, 3],
                          "moyenne": [0.5, 0.25], "venu": [True, False]},
                         index=pd.Index(["x", "y"], name="clé"))
    html = display.table_html(frame, caption="Mon {tableau}")
    assert html.startswith('<div class="pr-scroll" role="region" tabindex="0" '
                           'aria-label="Mon &#123;tableau&#125;"><table class="pr-table">'
                           '<caption>Mon &#123;tableau&#125;</caption>')
    assert '<th scope="col" class="">clé</th>' in html  # a meaningful index is shown
    assert "&lt;b&gt;A&lt;/b&gt;" in html and "<b>" not in html
    assert '<td class="num">1\u202f200</td>' in html  # French thousands
    assert '<td class="num">0,50</td>' in html
    assert '<td class="">oui</td><' in html and '<td class="">non</td>' in html
    # a RangeIndex means nothing: not shown
    assert display.table_html(pd.DataFrame({"a": [1]})).count('<th scope="col"') == 1
    assert display.table_html(pd.Series([1, 2], name="n")).count("<tr>") == 3


def test_a_column_of_shares_prints_as_percentages():
    """Recognised by its name (a word such as part, taux, share, rate, proportion, or a
    "%"), or named in `percent=`; only when every value is a fraction (-1 to 1)."""
    frame = pd.DataFrame({"secteur": ["a", "b"], "Part des présents": [0.08, 0.5],
                          "partenaires": [0.25, 0.5], "taux (%)": [45.5, 50.0],
                          "écart": [-0.125, 0.0]})
    html = display.table_html(frame, percent=["écart"])
    cells = [c.split(">")[-1] for c in html.split("</td>")[:-1]]
    # row a: 0.08 -> 8 %; "partenaires" is not the word "part"; 45.5 is not a fraction;
    # -0.125 -> -12 % (babel rounds half to even)
    assert cells[:4] == ["8\u202f%", "0,25", "45,50", "-12\u202f%"]
    assert cells[4:8] == ["50\u202f%", "0,50", "50,00", "0\u202f%"]
    # pandas names a normalised value_counts "proportion": 2 of 3, 1 of 3
    counts = display.table_html(pd.Series(["x", "y", "x"]).value_counts(normalize=True))
    assert ">67\u202f%<" in counts and ">33\u202f%<" in counts


def test_a_long_dataframe_is_cut_with_a_note():
    html = display.table_html(pd.DataFrame({"n": range(100)}))
    assert html.count("<tr>") == 1 + display.MAX_ROWS
    assert "… et 40 lignes de plus" in html


def test_markdown_escapes_raw_html_and_loads_nothing():
    html = display.markdown_html("# Titre\n\n*a* <script>x()</script> ![logo](https://x/y.png) "
                                 "[lien](javascript:alert(1))")
    assert "<h1>Titre</h1>" in html and "<em>a</em>" in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<img" not in html and "logo" in html
    assert "javascript:" not in html


def test_the_stylesheet_is_scoped_to_notebook_outputs():
    css = display.scoped_css(
        ":root { --ink: #000; }\nbody { margin: 0; }\n* { box-sizing: border-box; }\n"
        "h1, .pr-card > p { color: red; }\n@page { size: A4; }\n"
        "@media print { h1 { color: black; } }\n"
        "@media screen and (max-width: 700px) { .pr-cards { display: block; } }",
        ".out")
    rules = [r.strip() for r in css.splitlines()]
    assert rules[0].startswith(".out {") and "--ink" in rules[0]
    assert rules[1].startswith(".out * {")  # body's margin is the page's, not an output's
    assert rules[2].startswith(".out h1, .out .pr-card > p {")
    assert "margin" not in css
    assert "@page" not in css and "black" not in css
    assert "@media screen and (max-width: 700px) {.out .pr-cards {" in css


def test_in_jupyterlab_the_report_style_applies_to_outputs_only(tmp_path, chromium):
    """The session's assets in one output, the report's sections in others, JupyterLab's
    own heading outside any output: the cards are laid out as in the report, the
    JupyterLab heading keeps its style."""
    from peakreport.notebook import EventReport

    from .browser import offline_page

    report = EventReport(ROOT / "params" / "forum-peak-2021.yaml", interactive=False)
    outputs = [display.lab_assets(), report.cover().html, report.key_figures().html]
    page_html = ("<!DOCTYPE html><html><head><title>lab</title></head><body>"
                 '<h2 id="lab">JupyterLab</h2>'
                 + "".join(f'<div class="jp-OutputArea-output">{o}</div>' for o in outputs)
                 + "</body></html>")
    (tmp_path / "lab.html").write_text(page_html, encoding="utf-8")
    with offline_page(tmp_path / "lab.html") as (page, seen):
        cards = page.evaluate("getComputedStyle(document.querySelector('.pr-cards')).display")
        value = page.evaluate("getComputedStyle(document.querySelector('.pr-value')).color")
        outside = page.evaluate("getComputedStyle(document.getElementById('lab')).color")
    assert cards == "grid"
    assert value == "rgb(29, 63, 114)"  # the report's primary colour
    assert outside == "rgb(0, 0, 0)"
    assert seen.errors == []


# ------------------------------------------------------------------------------ frames

PERSONAL = ("identity", "email", "first_name", "last_name", "organisation", "postcode",
            "comment", "source_row")


def test_frames_hold_no_personal_data(hand_forum):
    a = analyse(hand_forum)
    reg, att, res = people(a), attendees(a), responses(a)
    for frame in (reg, att, res):
        assert not set(frame.columns) & set(PERSONAL)
        text = frame.astype(str).to_string()
        assert "@" not in text and "Rousseau" not in text and "Alpha SAS" not in text
    # the hand forum: 7 people registered (A–G), 4 attended (A, C, E, F)
    assert len(reg) == 7 and sorted(reg["person"]) == list(range(1, 8))
    assert len(att) == 4 == a.metrics.data["registrations"]["attended"]
    # responses kept: camille, emma (latest), louis, the anonymous one, jules (latest)
    assert len(res) == 5 and res["person"].isna().sum() == 1
    assert sorted(res["satisfaction"].dropna()) == [3.0, 4.0, 5.0, 5.0, 5.0]
    # the same person has the same number in both frames: Camille answered 5 and came
    camille = res.loc[res["nps"] == 10, "person"].iloc[0]
    assert bool(reg.loc[reg["person"] == camille, "attended"].iloc[0])


def test_the_sample_responses_name_their_questions():
    a = analyse(ROOT / "params" / "forum-peak-2021.yaml")
    res = responses(a)
    assert {"Ateliers", "Échanges entre participants"} <= set(res.columns)
    assert len(res) == a.metrics.data["survey"]["responses"]


def test_frames_speak_the_reports_language_and_keep_the_codes(hand_forum):
    """A chart of `community` shows "Entreprises", not `company`; the codes stay beside
    the labels for filtering."""
    from peakreport.i18n import lang

    a = analyse(hand_forum)
    reg = people(a)  # the params' language: French
    # Camille (row 2): "Entreprise", 74000; Louis (row 3): "Université", 69001
    camille = reg[reg["departement_code"] == "74"].iloc[0]
    assert (camille["community"], camille["community_code"]) == ("Entreprises", "company")
    assert camille["departement"] == "Haute-Savoie (74)"
    louis = reg[reg["departement_code"] == "69"].iloc[0]
    assert (louis["community"], louis["community_code"]) == ("Formation", "training")
    assert louis["departement"] == "Rhône (69)"
    assert set(people(a, lang("en"))["community"].dropna()) <= {
        "Companies", "Training bodies", "Public institutions", "Experts", "Other"}
    res = responses(a)
    assert set(res["community_code"].dropna()) <= {"company", "training", "institution",
                                                   "expert", "other"}
    assert "Entreprises" in set(res["community"])
