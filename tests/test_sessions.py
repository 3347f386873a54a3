"""Sessions: grid questions in every platform's encoding, figures worked out by hand.

The forum and its answers are in tests/grids.py. Per session, over the 11 counted
responses (r1's earlier answer is superseded):

    Atelier IA          ratings 5 4 5 3 4 5 4 2 5 (r1 r2 r3 r4 r5 r7 r8 r9 r10)
                        n 9, sum 37, mean 37/9; 4 or 5: seven of nine
                        Σx² = 25+16+25+9+16+25+16+4+25 = 161, SS = 161 − 37²/9 = 80/9,
                        s² = SS/8 = 10/9; t(0.975, 8) = 2.306004 (Student's table)
                        not attended: r6 → 1
    Atelier Robotique   ratings 4 3 5 4 5 4 3 (r1 r3 r5 r6 r8 r9 r11)
                        n 7, mean 28/7 = 4; 4 or 5: five of seven
                        SS = 0+1+1+0+1+0+1 = 4, s² = 4/6; t(0.975, 6) = 2.446912
                        not attended: r2 r4 r10 → 3
    Atelier Financement ratings 2 1 3 (r2 r7 r10): 3 < min_group_size 5 → null
                        not attended: r1 r3 r4 r6 r8 r9 r11 → 7
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
import yaml

from peakreport.cli import main
from peakreport.data.params_writer import write_params
from peakreport.measure.analysis import analyse
from peakreport.measure.sessions import mean_interval
from peakreport.measure.stats import t_quantile
from peakreport.measure.summary import data_quality_summary
from peakreport.read.grids import (
    NOT_ATTENDED,
    column_groups,
    detect_scale,
    is_not_attended,
)

from . import grids as G
from .conftest import base_params
from .conftest import write_params as write_yaml

T8, T6 = 2.306004, 2.446912  # Student's t, 0.975, 8 and 6 degrees of freedom (tables)
IA_HALF = T8 * math.sqrt(10 / 9) / math.sqrt(9)
ROBOT_HALF = T6 * math.sqrt(4 / 6) / math.sqrt(7)
EXPECTED = [  # (respondents, mean, top2_share, ci95, not_attended)
    (9, 37 / 9, 7 / 9, (37 / 9 - IA_HALF, 37 / 9 + IA_HALF), 1),
    (7, 4.0, 5 / 7, (4 - ROBOT_HALF, 4 + ROBOT_HALF), 3),
    (None, None, None, None, 7),
]


def _init(tmp_path, survey: str, extra: str = ""):
    exports = tmp_path / "exports"
    exports.mkdir()
    reg = G.registrations(exports)
    path, _ = write_params(reg, G.SURVEYS[survey](exports), event_id="forum-grid",
                           date="2021-12-15", out_dir=tmp_path / "params")
    if extra:
        with path.open("a", encoding="utf-8") as f:
            f.write(extra)
    return path


@pytest.mark.parametrize("survey", list(G.SURVEYS))
def test_init_then_metrics_gives_the_hand_sessions(tmp_path, survey):
    """No hand edit: `init` finds the grid, the run gives the figures above."""
    a = analyse(_init(tmp_path, survey))
    sessions = a.metrics.data["sessions"]
    assert [s["question"] for s in sessions] == [G.QUESTION[survey]] * 3
    assert [s["session"] for s in sessions] == G.ROWS[survey]
    for s, (n, mean, top2, ci, absent) in zip(sessions, EXPECTED, strict=True):
        assert s["respondents"] == n
        assert s["not_attended"] == absent
        assert s["scale"] == [1, 5]
        if mean is None:
            assert s["mean"] is s["top2_share"] is s["ci95"] is None
            continue
        assert s["mean"] == pytest.approx(mean)
        assert s["top2_share"] == pytest.approx(top2)
        assert s["ci95"] == pytest.approx(list(ci), abs=1e-6)
    # the grid is one question: never the overall satisfaction, never loose questions
    m = a.survey.mapping
    assert not any(h in m.questions for g in m.grids for h in g.headers)
    assert m.column("satisfaction") not in {h for g in m.grids for h in g.headers}
    assert m.column("nps") is None
    assert a.metrics.data["survey"]["satisfaction_mean"] == pytest.approx(43 / 11)


def test_init_writes_the_grid_and_validate_lists_the_sessions(tmp_path):
    path = _init(tmp_path, "google-forms")
    params = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert params["survey"]["sessions"] == {
        "Comment évaluez-vous les ateliers ?": "Comment évaluez-vous les ateliers ?"}
    text = data_quality_summary(analyse(path))
    assert "sessions ← grid 'Comment évaluez-vous les ateliers ?'" in text
    assert "3 sessions: 'Atelier IA', 'Atelier Robotique', 'Atelier Financement'" in text
    assert "'Atelier IA': 9, 4.11; 1" in text
    assert "'Atelier Financement': under 5 respondents; 7" in text


def test_a_superseded_answer_leaves_no_rating(tmp_path):
    # r1 first rated every workshop 1: had it counted, IA's mean would fall to 38/10
    a = analyse(_init(tmp_path, "google-forms"))
    assert a.metrics.data["sessions"][0]["respondents"] == 9
    assert a.metrics.data["sessions"][0]["mean"] == pytest.approx(37 / 9)


def test_t_quantiles_against_the_published_table():
    for df, t in ((1, 12.706205), (4, 2.776445), (6, T6), (8, T8), (30, 2.042272),
                  (120, 1.979930)):
        assert t_quantile(0.975, df) == pytest.approx(t, abs=1e-6)


def test_mean_interval_by_hand_and_cut_to_the_scale():
    # 4, 5, 5: mean 14/3, s² = ((−2/3)² + 2·(1/3)²)/2 = 1/3, t(0.975, 2) = 4.302653
    half = 4.302653 * math.sqrt(1 / 3) / math.sqrt(3)
    lo, hi = mean_interval(np.array([4.0, 5.0, 5.0]), 1, 5)
    assert lo == pytest.approx(14 / 3 - half, abs=1e-6)
    assert hi == 5  # 14/3 + 1.43 is past the scale's top
    assert mean_interval(np.array([3.0]), 1, 5) is None


@pytest.mark.parametrize("answer", [
    "N/A", "n/a", "NA", "Pas assisté", "Pas assistée", "Je n'y ai pas participé",
    "Je n'ai pas assisté à cet atelier", "Did not attend", "Didn't attend", "Non concerné",
    "Non concernée", "Sans objet", "Not applicable", "Absent"])
def test_did_not_attend_answers(answer):
    assert is_not_attended(answer)


@pytest.mark.parametrize("answer", ["Pas du tout satisfait", "Pas satisfait", "5", "Très bien",
                                    "Neutre", "", "Ne sait pas"])
def test_ratings_and_no_opinion_are_not_absence(answer):
    assert not is_not_attended(answer)


def test_column_groups_by_header():
    headers = [
        "Horodateur", "Q [A]", "Q [B]",                          # Google Forms
        "EVAL[SQ001]", "EVAL[SQ002]", "M3[other]", "M3[SQ001]",  # LimeSurvey codes
        "Q2 - Topics", "Q2",                                     # Qualtrics text topics
        "R - A - matin", "R - A - soir", "R - B - matin",        # dashes inside rows
        "S - Other (please specify)", "S",                       # SurveyMonkey "other"
        "Lonely [one]",                                          # one row: not a grid
    ]
    groups = {g.question: [r for _, r in g.rows] for g in column_groups(headers)}
    assert groups == {"Q": ["A", "B"], "EVAL": ["SQ001", "SQ002"],
                      "R": ["A - matin", "A - soir", "B - matin"]}


def test_scales():
    # numbers; 0–10 by a number above 5; "sur 10" in the question decides for small numbers
    assert detect_scale(Counter({"4": 3, "5": 2, "1": 1}))[0].name == "1–5"
    assert detect_scale(Counter({"8": 3, "0": 1}))[0].name == "0–10"
    assert detect_scale(Counter({"4": 3, "5": 1}), "Note sur 10")[0].high == 10
    assert detect_scale(Counter({"0": 1, "3": 2, "5": 1}))[0].name == "0–5"
    # a whole labelled scale: "Good" is 3 on Excellent … Poor, not the satisfaction parser's 4
    quality, _ = detect_scale(Counter({"Excellent": 2, "Good": 3, "Poor": 1}))
    assert quality.name == "quality" and quality.score("Good") == 3
    sat, _ = detect_scale(Counter({"Très satisfait": 2, "Peu satisfait": 1}))
    assert sat.score("Peu satisfait") == 2 and sat.score("Non concerné") is NOT_ATTENDED
    assert detect_scale(Counter({"Matin": 3, "Après-midi": 2}))[0] is None


def _quality_grid(tmp_path, a: list[str], b: list[str]):
    """Six respondents rating sessions A and B of a grid 'Qualité' with `a` and `b`."""
    rows = [[f"{c}@x.fr", x, y] for c, x, y in zip("abcdef", a, b, strict=True)]
    return _survey(tmp_path, ["Adresse e-mail", "Qualité [A]", "Qualité [B]"], rows)


def _survey(tmp_path, header: list[str], rows: list[list[str]], **survey):
    import csv

    with (tmp_path / "survey.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    (tmp_path / "registrations.csv").write_text(
        "Email;Nom;Prénom;Présent\r\na@x.fr;A;Anne;Oui\r\nb@x.fr;B;Bob;Oui\r\n",
        encoding="utf-8")
    data = base_params()
    data["survey"].update(survey)
    return write_yaml(tmp_path, data)


RATED = [[f"{c}@x.fr", *r] for c, r in zip("abcdef", (
    ("5", "4", "3"), ("4", "4", "N/A"), ("3", "5", "4"), ("5", "2", "5"), ("4", "3", "4"),
    ("2", "5", "N/A")), strict=True)]


def test_a_grid_worded_as_a_rating_is_never_the_overall_satisfaction(tmp_path):
    # every row of the grid says "notez" (a rating word) and answers 1–5: before grids were
    # recognised, one of them could win the satisfaction, or all be charted as questions
    header = ["Adresse e-mail", *[f"Notez chaque atelier [{s}]" for s in "ABC"]]
    a = analyse(_survey(tmp_path, header, RATED))
    m = a.survey.mapping
    assert m.column("satisfaction") is None and m.questions == {}
    assert [r for _, r in m.grids[0].rows] == ["A", "B", "C"]
    assert a.metrics.data["sessions"][2]["not_attended"] == 2


def test_a_grid_of_0_to_10_is_never_the_nps(tmp_path):
    header = ["Adresse e-mail", "Recommanderiez-vous chaque atelier ? [A]",
              "Recommanderiez-vous chaque atelier ? [B]"]
    rows = [[f"{c}@x.fr", str(i), str(10 - i)] for i, c in enumerate("abcdef")]
    a = analyse(_survey(tmp_path, header, rows))
    assert a.survey.mapping.column("nps") is None
    g = a.survey.mapping.grids[0]
    assert (g.scale.low, g.scale.high) == (0, 10)
    # A: 0..5, mean 2.5, none is 9 or 10; B: 10..5, 9 or 10 twice of six
    s = a.metrics.data["sessions"]
    assert s[0]["mean"] == pytest.approx(2.5) and s[0]["top2_share"] == 0
    assert s[1]["mean"] == pytest.approx(7.5) and s[1]["top2_share"] == pytest.approx(2 / 6)


def test_a_choice_spread_over_columns_is_not_a_grid(tmp_path):
    # SurveyMonkey writes a multiple choice one column per option, each cell the option's
    # own label: "Very satisfied" under "… - Very satisfied" rates nothing
    header = ["Email Address", "Which sessions did you attend? - Keynote",
              "Which sessions did you attend? - Workshops",
              "Multi [SQ001]", "Multi [SQ002]"]
    rows = [[f"{c}@x.fr", "Keynote" if i % 2 else "", "Workshops", "Y", "" if i % 2 else "Y"]
            for i, c in enumerate("abcdef")]
    a = analyse(_survey(tmp_path, header, rows))
    m = a.survey.mapping
    assert m.grids == []
    # and a ticked Y / blank is not the "join the next phase" question either
    assert m.column("would_join_next") is None


def test_params_name_the_grid_its_label_and_rows(tmp_path):
    header = ["Adresse e-mail", *[f"Notez chaque atelier [{s}]" for s in "ABC"],
              "Autre [X]", "Autre [Y]"]
    rows = [[*r, "4", "5"] for r in RATED]
    path = _survey(tmp_path, header, rows, sessions={
        "notez chaque atelier": {"label": "Ateliers", "sessions": {"A": "Atelier IA"}}})
    a = analyse(path)
    (g,) = a.survey.mapping.grids  # only the named grid; "Autre" is not read as sessions
    assert g.label == "Ateliers"
    assert [r for _, r in g.rows] == ["Atelier IA", "B", "C"]
    assert "Autre [X]" not in a.survey.mapping.questions  # nor charted loose
    assert a.metrics.data["sessions"][0]["session"] == "Atelier IA"


def test_sessions_false_reads_no_grid(tmp_path):
    header = ["Adresse e-mail", *[f"Notez chaque atelier [{s}]" for s in "ABC"]]
    a = analyse(_survey(tmp_path, header, RATED, sessions=False))
    assert a.survey.mapping.grids == [] and a.metrics.data["sessions"] == []
    assert a.survey.mapping.questions == {}


def test_values_map_a_grid_scale_and_its_absence_label(tmp_path):
    header = ["Adresse e-mail", "Q [A]", "Q [B]"]
    rows = [[f"{c}@x.fr", a, b] for c, a, b in zip("abcdef", [
        "Top", "Bof", "Top", "Moyen", "Zappé", "Top"], [
        "Moyen", "Top", "Zappé", "Top", "Bof", "Top"], strict=True)]
    path = _survey(tmp_path, header, rows, sessions={"Q": "Q"},
                   values={"sessions": {"Top": 5, "Moyen": 3, "Bof": 2, "Zappé": "n/a"}})
    s = analyse(path).metrics.data["sessions"]
    # A: 5 2 5 3 5 → mean 20/5 = 4, top-2 3/5, one "Zappé"; B: 3 5 5 2 5 → 4, 3/5, one
    assert [(x["respondents"], x["mean"], x["top2_share"], x["not_attended"]) for x in s] == [
        (5, pytest.approx(4.0), pytest.approx(3 / 5), 1),
        (5, pytest.approx(4.0), pytest.approx(3 / 5), 1)]


def test_an_unknown_grid_in_the_params_exits_2_naming_it(tmp_path, capsys):
    header = ["Adresse e-mail", *[f"Notez chaque atelier [{s}]" for s in "ABC"]]
    path = _survey(tmp_path, header, RATED, sessions={"Ateliers du matin": "Matin"})
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "survey.csv" in err and "'Ateliers du matin'" in err
    assert "grid questions found: 'Notez chaque atelier'" in err and "Traceback" not in err


def test_sessions_section_ranks_suppresses_and_escapes(tmp_path):
    from peakreport.notebook import EventReport

    header = ["Adresse e-mail", "Ateliers [<script>alert(1)</script>]", "Ateliers [Petit]",
              "Ateliers [B]"]
    script = ["5", "4", "3", "5", "4", "2"]         # 23/6 ≈ 3,8
    petit = ["4", "4", "N/A", "N/A", "N/A", "N/A"]  # two ratings: under 5
    b = ["5", "5", "4", "5", "4", "5"]              # 28/6 ≈ 4,7
    rows = [[f"{c}@x.fr", x, y, z] for c, x, y, z in zip("abcdef", script, petit, b,
                                                          strict=True)]
    report = EventReport(_survey(tmp_path, header, rows), interactive=False)
    html = report.sessions().html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    table = html[html.index("Notes par session"):]
    # ranked by mean, the small session last, its four figures "< 5", its absences shown
    assert table.index(">B<") < table.index("alert(1)") < table.index(">Petit<")
    assert table.count('<td class="num">&lt; 5</td>') == 4
    assert '<td class="num">4</td></tr>' in table  # Petit: four "did not attend"
    # the chart draws B and the script-named session only, best first, with intervals
    chart = html[:html.index("Notes par session")]
    assert "Petit" not in chart and '"y":["B","' in chart
    assert '"error_x"' in chart and "4,7" in chart and "3,8" in chart


def test_a_grid_on_an_unknown_scale_is_named_with_a_way_out(tmp_path):
    # (medals: a ranking no scale knows; "Très bien … Insuffisant" is now read as 1–5)
    a = analyse(_quality_grid(tmp_path, ["Or", "Argent", "Bronze", "Or", "Argent", "Fer"],
                              ["Argent", "Or", "Argent", "Bronze", "Or", "Argent"]))
    assert a.survey.mapping.grids == []
    text = data_quality_summary(a)
    assert "grid 'Qualité' (2 columns) is not read as sessions" in text
    assert "values: sessions:" in text


def test_a_grid_of_quality_words_is_scored_as_the_satisfaction_question_is(tmp_path):
    """Five words judged together as one ordered scale: très bien 5, bien 4, assez bien 3,
    passable 2, insuffisant 1 (read one by one, 'assez bien' and 'bien' both gave 4)."""
    a = analyse(_quality_grid(
        tmp_path, ["Très bien", "Bien", "Assez bien", "Passable", "Insuffisant", "Très bien"],
        ["Bien", "Bien", "Passable", "Très bien", "Assez bien", "Bien"]))
    assert len(a.survey.mapping.grids) == 1
    means = {s["session"]: s["mean"] for s in a.metrics.data["sessions"]}
    assert means["A"] == pytest.approx((5 + 4 + 3 + 2 + 1 + 5) / 6)
    assert means["B"] == pytest.approx((4 + 4 + 2 + 5 + 3 + 4) / 6)


def test_a_grid_whose_words_cannot_make_one_scale_is_not_scored(tmp_path):
    """'Très bien, Bien, Assez bien, Insuffisant': four words for five places, which the
    satisfaction question refuses to score; a grid of them is not read either."""
    a = analyse(_quality_grid(
        tmp_path, ["Très bien", "Bien", "Assez bien", "Très bien", "Bien", "Insuffisant"],
        ["Bien", "Très bien", "Bien", "Assez bien", "Très bien", "Bien"]))
    assert a.survey.mapping.grids == []
    assert "grid 'Qualité' (2 columns) is not read as sessions" in data_quality_summary(a)
