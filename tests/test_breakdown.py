"""Breakdown by any registration column (`report.breakdown`): figures worked out by hand."""

from __future__ import annotations

from collections import Counter

import pytest

from peakreport.cli import main
from peakreport.measure.analysis import analyse
from peakreport.measure.breakdown import GroupCounts, pooled, suppress

from . import grids as G
from .conftest import base_params, write_params


def _forum(tmp_path, breakdown, **extra):
    exports = tmp_path / "x"
    exports.mkdir(exist_ok=True)
    reg, survey = G.registrations(exports), G.google_forms(exports)
    data = base_params(reg=str(reg), survey=str(survey), report={"breakdown": breakdown},
                       **extra)
    return write_params(tmp_path, data)


def test_filiere_by_hand(tmp_path):
    """tests/grids.py, registered people (p13 cancelled is not): Automobile r1–r6 and p12
    → 7, attended r1 r2 r3 r4 r6 → 5 (r5 and p12 did not come), rate 5/7; satisfaction of
    its respondents r1–r6: 5 4 4 3 2 5 → 23/6 over 6 answers. Aéronautique r7 r8 r9 (r8
    typed " aéronautique": the same group) → 3 < 5; Mécanique 1; blank (r10) 1: hidden,
    by name, then the blank group last."""
    rows = analyse(_forum(tmp_path, ["Filière"])).metrics.data["breakdown"]["Filière"]
    hidden = dict.fromkeys(("registered", "attended", "attendance_rate",
                            "satisfaction_mean", "respondents"))
    assert rows == [
        {"group": "Automobile", "registered": 7, "attended": 5,
         "attendance_rate": pytest.approx(5 / 7), "satisfaction_mean": pytest.approx(23 / 6),
         "respondents": 6},
        {"group": "Aéronautique", **hidden},
        {"group": "Mécanique", **hidden},
        {"group": None, **hidden}]


def test_a_canonical_field_and_a_header_word_name_columns(tmp_path):
    # "community": every registrant is an "Entreprise" → company, 12 registered, 10 came
    # (r5 and p12 did not), 11 linked answers: 43/11; "Filière" folded, "filiere", too
    b = analyse(_forum(tmp_path, ["community", "filiere"])).metrics.data["breakdown"]
    assert b["community"] == [{"group": "company", "registered": 12, "attended": 10,
                               "attendance_rate": pytest.approx(10 / 12),
                               "satisfaction_mean": pytest.approx(43 / 11),
                               "respondents": 11}]
    assert b["filiere"][0]["group"] == "Automobile"


def test_an_anonymous_survey_breaks_down_attendance_only(tmp_path):
    exports = tmp_path / "x"
    exports.mkdir()
    reg = G.registrations(exports)
    (exports / "survey.csv").write_text("Horodateur,Satisfaction\n15/12/2021 10:00:00,5\n",
                                        encoding="utf-8")
    data = base_params(reg=str(reg), survey=str(exports / "survey.csv"),
                       report={"breakdown": ["Filière"]})
    row = analyse(write_params(tmp_path, data)).metrics.data["breakdown"]["Filière"][0]
    assert (row["registered"], row["attended"]) == (7, 5)
    assert row["satisfaction_mean"] is None and row["respondents"] is None


def test_the_next_smallest_group_is_hidden_with_a_single_small_one():
    groups = [GroupCounts("a", "A", 10, 8, 40.0, 10), GroupCounts("b", "B", 6, 6, 24.0, 6),
              GroupCounts("c", "C", 9, 7, 27.0, 9), GroupCounts("d", "D", 2, 1, 5.0, 1)]
    rows = {r["group"]: r for r in suppress(groups, 5, True, True)}
    # D (2 < 5) alone would be found as total − A − B − C: B (6), the next smallest, goes too
    assert rows["D"]["registered"] is None and rows["B"]["registered"] is None
    assert rows["A"] == {"group": "A", "registered": 10, "attended": 8, "attendance_rate": 0.8,
                         "satisfaction_mean": 4.0, "respondents": 10}
    assert rows["C"]["satisfaction_mean"] == 3.0
    # satisfaction: of the shown groups, none under 5 answers
    groups[2].sat_n = 4  # C now has 4 answers: hidden, and A (the next smallest) with it
    rows = {r["group"]: r for r in suppress(groups, 5, True, True)}
    assert rows["C"]["satisfaction_mean"] is None and rows["A"]["satisfaction_mean"] is None
    assert rows["C"]["registered"] == 9  # its attendance stays: 9 people are enough


def test_groups_summed_over_forums():
    one = [GroupCounts("auto", "Automobile", 4, 3, 8.0, 2, Counter(
        {"Automobile": 4}))]
    two = [GroupCounts("auto", "automobile", 3, 3, 13.0, 3, Counter(
        {"automobile": 3})), GroupCounts(None, None, 2, 1)]
    (auto, blank) = pooled([one, two])
    assert (auto.label, auto.registered, auto.attended, auto.sat_sum, auto.sat_n) == (
        "Automobile", 7, 6, 21.0, 5)
    assert (blank.key, blank.registered) == (None, 2)


def test_an_unknown_column_exits_2_naming_the_key(tmp_path, capsys):
    path = _forum(tmp_path, ["Région d'origine"])
    assert main(["metrics", str(path)]) == 2
    err = capsys.readouterr().err
    assert "inscriptions.csv" in err and "report.breakdown: \"Région d'origine\"" in err
    assert "'Filière'" in err and "Traceback" not in err


def test_breakdown_section_shows_and_hides(tmp_path):
    from peakreport.notebook import EventReport

    html = EventReport(_forum(tmp_path, ["Filière", "community"]), interactive=False
                       ).breakdown().html
    assert "par « Filière »" in html and "par « Type de structure »" in html
    assert html.count('<td class="num">&lt; 5</td>') == 3 * 5  # three hidden groups
    assert "Non renseigné" in html and "Entreprises" in html
    assert "3,8" in html and "71\u202f%" in html  # 23/6 and 5/7 (French: a narrow space)


def test_programme_sums_themes_and_breakdowns_by_hand(tmp_path):
    """The grid forum three times (three editions, the same people): themes over 3 × 9 = 27
    comments, networking 3 × 5 = 15 → 15/27; content, organisation, timing, venue 3 × 1
    (< 5). "Filière" is asked by the first two forums' params only, and summed over them:
    Automobile 7 + 7 registrations, 5 + 5 attendances, satisfaction (23 + 23) / 12;
    Aéronautique now 3 + 3 = 6 (shown): all came, satisfaction r7 4, r8 5, r9 3 → 24 / 6;
    Mécanique 2 and the blank 2 stay hidden. The third forum adds nothing to it."""
    from peakreport.measure.programme import analyse_programme

    forums = []
    for year in (2021, 2022, 2023):
        folder = tmp_path / str(year)
        folder.mkdir()
        data = base_params(reg=str(G.registrations(folder)), survey=str(G.google_forms(folder)),
                           event={"id": f"forum-{year}", "title": f"Forum {year}",
                                  "date": f"{year}-12-15"})
        if year != 2023:
            data["report"] = {"breakdown": ["Filière"]}
        forums.append(write_params(tmp_path, data, name=f"forum-{year}.yaml").name)
    prog = write_params(tmp_path, {"programme": {"id": "prog", "title": "P"},
                                   "forums": forums}, name="prog.yaml")
    totals = analyse_programme(prog).metrics["totals"]
    c = totals["comments"]
    assert c["count"] == 27
    assert c["themes"][0] == {"theme": "Réseautage", "key": "networking", "count": 15,
                              "share": pytest.approx(15 / 27)}
    assert [t["count"] for t in c["themes"][1:]] == [None] * 4
    rows = {r["group"]: r for r in totals["breakdown"]["Filière"]}
    assert rows["Automobile"] == {"group": "Automobile", "registered": 14, "attended": 10,
                                  "attendance_rate": pytest.approx(10 / 14),
                                  "satisfaction_mean": pytest.approx(46 / 12),
                                  "respondents": 12}
    assert rows["Aéronautique"] == {"group": "Aéronautique", "registered": 6, "attended": 6,
                                    "attendance_rate": 1.0,
                                    "satisfaction_mean": pytest.approx(24 / 6),
                                    "respondents": 6}
    assert rows["Mécanique"]["registered"] is None and rows[None]["registered"] is None
