"""traces: a custom cell's plotly figure read back as the numbers it draws.

plotly ≥ 6 stores numbers as typed arrays (`{"dtype", "bdata"}`), plotly.express even for
plain lists: the values tables were built from that form (`lundi: dtype`, `mardi: bdata`).
Every expected value below is computed by hand in the test.
"""

from __future__ import annotations

import base64
import struct

import numpy as np
import plotly.express as px
import plotly.graph_objects as go
import pytest

from peakreport.i18n import lang
from peakreport.notebook import display
from peakreport.notebook.traces import NotTabulated, bins, quantile, read, values

FR, EN = lang("fr"), lang("en")
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
COUNTS = [23, 19, 21, 23, 26, 22, 21]
NNBSP = "\u202f"


def typed(fmt: str, dtype: str, data: list) -> dict:
    return {"dtype": dtype, "bdata": base64.b64encode(struct.pack(f"<{len(data)}{fmt}",
                                                                  *data)).decode()}


@pytest.mark.parametrize("fmt, dtype, data", [
    ("b", "i1", [5, -2, 7]), ("B", "u1", [0, 255]), ("h", "i2", [-300, 300]),
    ("H", "u2", [65535]), ("i", "i4", [-70000, 1]), ("I", "u4", [4000000000]),
    ("d", "f8", [0.08, 1e9]),
])
def test_typed_arrays_are_decoded(fmt, dtype, data):
    assert values(typed(fmt, dtype, data)) == data


def test_float32_is_decoded_to_its_nearest_double():
    assert values(typed("f", "f4", [0.5, 2.25])) == [0.5, 2.25]  # exact in float32


def test_a_two_dimensional_array_is_named_not_garbled():
    with pytest.raises(NotTabulated):
        values({**typed("b", "i1", [1, 2, 3, 4]), "shape": "2, 2"})
    with pytest.raises(NotTabulated):
        values([[1, 2], [3, 4]])


def test_readme_bar_of_numpy_counts_as_plotly_express_stores_it():
    """The README's chart: plotly.express with a numpy array, which plotly stores as a
    typed array (int8 here): the table holds the counts, not `dtype`/`bdata`."""
    fig = px.bar(x=DAYS, y=np.array(COUNTS), labels={"x": "", "y": "inscriptions"})
    assert isinstance(fig.to_dict()["data"][0]["y"], dict)  # the form that was misread
    alt = read(fig, FR, "Catégorie").alt
    assert alt.headers == ["Catégorie", "inscriptions"]
    assert alt.rows == [[d, str(c)] for d, c in zip(DAYS, COUNTS, strict=True)]
    # largest 26 (vendredi), smallest 19 (mardi), of 7 values
    assert "".join(alt.summary) == ("Sur 7 valeurs, la plus haute est 26 (« vendredi »), "
                                    "la plus basse 19 (« mardi »).")


def test_plain_lists_in_plotly_express_are_typed_arrays_too():
    fig = px.bar(x=["a", "b"], y=[1.5, 2.25])
    assert read(fig, FR).alt.rows == [["a", "1,5"], ["b", "2,25"]]


def test_horizontal_bars_read_their_categories_on_y():
    fig = go.Figure(go.Bar(y=["a", "b"], x=[3, 1], orientation="h", name="n"))
    assert read(fig, EN).alt.rows == [["a", "3"], ["b", "1"]]


def test_lines_per_series_with_a_percent_axis_and_years():
    fig = px.line(x=[2019, 2020, 2021, 2019, 2020, 2021], y=[0.5, 0.6, 0.7, 0.2, 0.25, 0.1],
                  color=["A"] * 3 + ["B"] * 3)
    fig.update_yaxes(tickformat=".0%")
    alt = read(fig, FR).alt
    assert alt.headers == ["x", "A", "B"]
    assert alt.rows == [["2019", f"50{NNBSP}%", f"20{NNBSP}%"],
                        ["2020", f"60{NNBSP}%", f"25{NNBSP}%"],
                        ["2021", f"70{NNBSP}%", f"10{NNBSP}%"]]
    summary = "".join(alt.summary)
    assert f"A : de 50{NNBSP}% (« 2019 ») à 70{NNBSP}% (« 2021 »)." in summary
    assert f"B : de 10{NNBSP}% (« 2021 ») à 25{NNBSP}% (« 2020 »)." in summary


def test_a_point_cloud_has_a_row_per_point():
    fig = px.scatter(x=[1, 1, 2], y=[3, 4, 5], labels={"x": "note", "y": "âge"})
    alt = read(fig, FR).alt
    assert alt.headers == ["note", "âge"] and alt.rows == [["1", "3"], ["1", "4"], ["2", "5"]]


def test_dates_read_as_dates():
    fig = go.Figure(go.Scatter(x=["2021-12-15", "2021-12-16T00:00:00"], y=[1, 2]))
    assert [r[0] for r in read(fig, FR).alt.rows] == ["15 décembre 2021", "16 décembre 2021"]


def test_pie_values_and_shares():
    # 2 + 5 + 13 = 20: shares 10 %, 25 %, 65 %
    fig = px.pie(values=np.array([2, 5, 13]), names=["a", "b", "c"])
    alt = read(fig, FR).alt
    assert alt.rows == [["a", "2", f"10{NNBSP}%"], ["b", "5", f"25{NNBSP}%"],
                        ["c", "13", f"65{NNBSP}%"]]
    assert "".join(alt.summary) == (
        f"Sur un total de 20, la plus grande part est « c » avec 13 (65{NNBSP}%), la plus "
        f"petite « a » avec 2 (10{NNBSP}%).")


def test_histogram_of_whole_numbers_counts_each_value_and_is_drawn_as_those_bars():
    answers = [1, 2, 2, 3, 3, 3, 5, 5]  # no 4: its bin is drawn, empty
    reading = read(px.histogram(x=np.array(answers), labels={"x": "note"}), FR)
    assert reading.alt.headers == ["note", "Effectif"]
    assert reading.alt.rows == [["1", "1"], ["2", "2"], ["3", "3"], ["4", "0"], ["5", "2"]]
    (bar,) = reading.figure["data"]
    assert bar["type"] == "bar" and bar["x"] == [1, 2, 3, 4, 5] and bar["y"] == [1, 2, 3, 0, 2]
    assert "la plus haute est 3 (« 3 »), la plus basse 0 (« 4 »)" in "".join(reading.alt.summary)


def test_histogram_bins_of_decimals_by_hand():
    data = [0.5, 1.2, 1.7, 2.2, 9.9]
    # Sturges: ceil(log2 5) + 1 = 4, at least 5 bins; (9.9 - 0.5) / 5 = 1.88 -> size 2;
    # start floor(0.5 / 2) * 2 = 0; bins [0, 2) [2, 4) [4, 6) [6, 8) [8, 10)
    assert bins(data) == (0, 2, 5)
    alt = read(px.histogram(x=data), EN).alt
    assert alt.rows == [["0 – 2", "3"], ["2 – 4", "1"], ["4 – 6", "0"], ["6 – 8", "0"],
                        ["8 – 10", "1"]]


def test_histogram_of_labels_and_as_percentages():
    fig = px.histogram(x=["oui", "non", "oui", "oui"], histnorm="percent")
    alt = read(fig, FR).alt
    assert alt.rows == [["oui", f"75{NNBSP}%"], ["non", f"25{NNBSP}%"]]
    assert read(fig, FR).figure["data"][0]["y"] == [75.0, 25.0]  # what plotly would draw


def test_histogram_other_than_a_count_is_named():
    reading = read(px.histogram(x=["a", "b"], y=[1, 2], histfunc="sum"), FR)
    assert reading.figure is None and "« sum »" in reading.not_drawn


def test_quartiles_are_plotly_linear_ones():
    # linear: position (n - 1) p; [2, 2, 3, 9]: Q1 at 0.75 -> 2, median at 1.5 -> 2.5,
    # Q3 at 2.25 -> 3 + 0.25 × (9 - 3) = 4.5
    assert [quantile([2, 2, 3, 9], p) for p in (.25, .5, .75)] == [2, 2.5, 4.5]


def test_box_plot_five_numbers_and_drawing():
    fig = px.box(x=["a"] * 5 + ["b"] * 4, y=[1, 2, 3, 4, 5, 2, 2, 3, 9],
                 labels={"x": "groupe", "y": "note"})
    reading = read(fig, FR)
    alt = reading.alt
    assert alt.headers == ["groupe", "Nombre de valeurs", "Minimum", "1er quartile", "Médiane",
                           "3e quartile", "Maximum"]
    assert alt.rows == [["a", "5", "1", "2", "3", "4", "5"],
                        ["b", "4", "2", "2", "2,5", "4,5", "9"]]
    assert "".join(alt.summary) == ("La médiane la plus haute est celle de « a » (3), la plus "
                                    "basse celle de « b » (2,5) ; valeurs de 1 à 9 en tout.")
    drawn = reading.figure["data"]
    assert {t["type"] for t in drawn} == {"bar", "scatter"}  # the basic bundle draws them
    lower, upper = drawn[0], drawn[1]
    assert (lower["base"], lower["y"], upper["base"], upper["y"]) == ([2], [1], [3], [1])


@pytest.mark.parametrize("fig, kind", [
    (px.imshow([[1, 2], [3, 4]]), "heatmap"),
    (go.Figure(go.Violin(y=[1, 2, 3])), "violin"),
])
def test_what_cannot_be_drawn_is_named_in_words(fig, kind):
    reading = read(fig, FR)
    assert reading.figure is None and f"« {kind} »" in reading.not_drawn


def test_a_custom_chart_is_captioned_once_summarised_with_numbers_and_joins_the_appendix():
    appendix: list = []
    display.install("fr", values=appendix)
    fig = px.bar(x=DAYS, y=np.array(COUNTS), title="Inscriptions par jour")
    fig.update_layout(font_size=9, xaxis_tickfont_size=8)
    html = display.chart_html(fig.to_dict())
    placeholder, script = html.split("<script>", 1)
    caption = '<div class="pr-chart-title" id="custom-chart-1-title">Inscriptions par jour'
    assert caption in placeholder
    assert "Inscriptions par jour" not in script  # not drawn again in the chart
    summary = placeholder.split('class="pr-chart-summary"', 1)[1].split("</p>", 1)[0]
    assert "Inscriptions" not in summary and "la plus haute est 26 (« vendredi »)" in summary
    assert '"size":13' in script and '"size":8' not in script and '"size":9' not in script
    assert '"separators":",\\u202f"' in script or '"separators":",\u202f"' in script
    assert [title for title, _, _ in appendix] == ["Inscriptions par jour"]
    assert appendix[0][1].rows[4] == ["vendredi", "26"]
    missing = display.chart_html(px.imshow([[1, 2], [3, 4]], title="Carte").to_dict())
    assert "<script>" not in missing and "heatmap" in missing and 'class="pr-chart"' not in missing
    assert len(appendix) == 1  # nothing to tabulate: not in the appendix


def test_a_box_leaves_out_values_without_a_group_as_plotly_does():
    # anonymous responses have no type of organisation: not a "nan" box
    reading = read(px.box(x=["a", "a", None, "a"], y=[1, 2, 9, 3]), EN)
    assert reading.alt.rows == [["a", "3", "1", "1.5", "2", "2.5", "3"]]


def test_a_histogram_axis_says_count_in_the_reports_language_with_a_tick_per_value():
    reading = read(px.histogram(x=[1.0, 2.0, 2.0, 5.0]), FR)
    layout = reading.figure["layout"]
    assert layout["yaxis"]["title"]["text"] == "Effectif"  # plotly.express wrote "count"
    assert layout["xaxis"]["dtick"] == 1


def test_a_cell_run_again_in_jupyterlab_replaces_its_charts_in_the_appendix(monkeypatch):
    """JupyterLab sends the cell's id with each run: the second run of a cell replaces
    what its first run put in the appendix, where it was, instead of listing it twice."""
    runs = iter([("cell-a", 1), ("cell-b", 2), ("cell-a", 3), ("cell-a", 3), None])
    monkeypatch.setattr(display, "_running_cell", lambda: next(runs))
    appendix: list = []
    for title in ("A1", "B", "A2", "A2 bis", "elsewhere"):
        display.remember(appendix, title, None)
    assert [t for t, _, _ in appendix] == ["A2", "A2 bis", "B", "elsewhere"]
