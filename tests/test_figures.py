"""figures: aggregates in, figures out; only basic plotly.js traces; labels escaped."""

from __future__ import annotations

import datetime as dt

from peakreport.bundle import PLOTLY_TRACE_TYPES
from peakreport.i18n import lang
from peakreport.notebook import figures

L = lang("fr")


def all_figures():
    return [
        figures.hbar(["<b>A</b>", "B"], [3, 1], L, "t"),
        figures.cumulative_registrations([dt.date(2021, 10, 1), dt.date(2021, 11, 2)], [1, 5],
                                         dt.date(2021, 12, 15), L),
        figures.satisfaction_distribution([0, 1, 2, 3, 4], L),
        figures.nps_bar(1, 2, 3, L),
        figures.questions_stacked(["Q1"], [[0, 1, 2, 3, 4]], L),
    ]


def test_only_trace_types_of_the_basic_bundle():
    for fig in all_figures():
        assert {t.type for t in fig.data} <= PLOTLY_TRACE_TYPES


def test_data_labels_are_escaped_for_plotly():
    fig = figures.hbar(['<a href="javascript:x">A</a>'], [3], L, "t")
    assert fig.data[0].y == ("&lt;a href=&quot;javascript:x&quot;&gt;A&lt;/a&gt;",)


def test_french_axis_and_bar_texts():
    fig = figures.nps_bar(1, 1, 2, L)
    assert fig.layout.separators == ",\u202f"
    assert fig.layout.xaxis.ticktext[2] == "50\u202f%"
    assert fig.data[2].text == ("50\u202f%",)


def test_figure_size_does_not_grow_with_participants():
    small = figures.hbar(["A", "B"], [3, 1], L, "t").to_json()
    large = figures.hbar(["A", "B"], [30000, 10000], L, "t").to_json()
    assert abs(len(large) - len(small)) < 60
