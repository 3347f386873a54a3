"""Highlights: each rule says its sentence when it holds and nothing otherwise; every number
in a sentence is the metric it names, formatted as the report formats it."""

from __future__ import annotations

import string
from types import SimpleNamespace

import pandas as pd
import pytest

from peakreport.i18n import lang
from peakreport.measure.groups import GroupFact, group_facts
from peakreport.measure.highlights import LIMIT, RULES, highlights

FR, EN = lang("fr"), lang("en")
NNBSP = "\u202f"  # French puts a narrow no-break space before % and between thousands


def data(**over):
    """A forum's metrics, only what the rules read."""
    d = {
        "event": {"id": "forum-b", "title": "Forum B", "date": "2021-12-15"},
        "registrations": {"registered": 146, "attended": 124, "attendance_rate": 124 / 146},
        "audience": {"by_community": {"company": 57, "training": 19, "institution": 28,
                                      "expert": 17, "other": 3},
                     "regional_share": 118 / 121},
        "survey": {"satisfaction_mean": 4.26, "csat": 59 / 73, "nps": 100 * 17 / 73,
                   "response_rate": 71 / 124},
        "targets": {},
        "change": None,
    }
    d.update(over)
    return d


def texts(d, groups=(), L=FR, k=5):
    return [h["text"] for h in highlights(d, list(groups), L, k)]


def change(**entries):
    return {"previous_event": {"id": "forum-a", "title": "Forum A", "date": "2020-12-10"},
            **entries}


# ------------------------------------------------------------------ the table


def test_every_rule_speaks_both_languages_with_the_same_numbers():
    for rule in RULES:
        names = {lang_: {f for _, f, _, _ in string.Formatter().parse(t) if f}
                 for lang_, t in rule.text.items()}
        assert set(names) == {"fr", "en"}, rule.name
        assert names["fr"] == names["en"], rule.name


def test_nothing_holds_nothing_is_said():
    d = data(audience={"by_community": {"company": 3, "training": 3, "institution": 0,
                                        "expert": 0, "other": 0}, "regional_share": None})
    assert highlights(d, [], FR, 5) == []


# ------------------------------------------------------------------ targets


def test_target_met_and_missed():
    d = data(targets={"attended": {"target": 100, "actual": 124, "met": True},
                      "nps": {"target": 30, "actual": 23.29, "met": False}})
    out = highlights(d, [], FR, 5)
    # a missed target comes before a met one
    assert [(h["key"], h["rule"]) for h in out[:2]] == [("survey.nps", "target_missed"),
                                                        ("registrations.attended", "target_met")]
    # NPS 100 * 17/73 = 23.29 -> "+23"; attended 124
    assert out[0]["text"] == "Net Promoter Score : +23, l'objectif de +30 n'est pas atteint."
    assert out[1]["text"] == "Participants présents : 124, l'objectif de 100 est atteint."
    en = texts(d, L=EN)
    assert en[:2] == ["Net Promoter Score: +23, the target of +30 is missed.",
                      "Attendees: 124, the target of 100 is met."]


def test_target_rates_are_percentages_in_the_languages_format():
    d = data(targets={"regional_share": {"target": 0.6, "actual": 118 / 121, "met": True}})
    # 118/121 = 0.9752 -> 98 %
    assert texts(d)[0] == f"Part du territoire : 98{NNBSP}%, l'objectif de 60{NNBSP}% est atteint."
    assert texts(d, L=EN)[0] == "Share from the territory: 98%, the target of 60% is met."


def test_target_missed_by_less_than_the_rounding_shows_more_digits():
    """3.98 against 4.0 read "4,0, objectif de 4,0 non atteint"; it must read 3,98."""
    d = data(survey={**data()["survey"], "satisfaction_mean": 3.98},
             targets={"satisfaction_mean": {"target": 4.0, "actual": 3.98, "met": False}})
    assert texts(d)[0] == "Satisfaction moyenne : 3,98, l'objectif de 4,00 n'est pas atteint."


def test_target_that_cannot_be_judged_is_silent():
    d = data(targets={"nps": {"target": 30, "actual": None, "met": None}})
    assert not any(h["rule"].startswith("target") for h in highlights(d, [], FR, 5))


# ------------------------------------------------------------------ changes


def test_significant_rise_and_fall():
    d = data(change=change(**{
        # NPS +23 against +4: +19 points, detectable 12 -> a real rise
        "survey.nps": {"previous": 4.08, "delta": 19.21, "detectable": 12.4,
                       "significant": True},
        # attendance rate 84.9 % against 95 %: -10.1 points, detectable 6.2 -> a real fall
        "registrations.attendance_rate": {"previous": 0.95, "delta": 124 / 146 - 0.95,
                                          "detectable": 0.062, "significant": True}}))
    out = highlights(d, [], FR, 5)
    assert [h["rule"] for h in out[:2]] == ["change_up", "change_down"]
    assert out[0]["text"] == ("Net Promoter Score en hausse depuis 2020 : +23 contre +4 "
                              "(+19 points), un écart plus grand que la marge d'erreur "
                              "(± 12 points).")
    assert out[1]["text"] == (f"Taux de présence en baisse depuis 2020 : 85{NNBSP}% contre "
                              f"95{NNBSP}% (−10 points), un écart plus grand que la marge "
                              "d'erreur (± 6 points).")
    assert texts(d, L=EN)[1] == ("Attendance rate down since 2020: 85% against 95% "
                                 "(−10 percentage points), a change larger than the margin of "
                                 "error (± 6 percentage points).")


def test_change_within_the_margin_is_never_up_or_down():
    d = data(change=change(**{
        "survey.nps": {"previous": 4.08, "delta": 19.21, "detectable": 29.0,
                       "significant": False},
        "survey.satisfaction_mean": {"previous": 4.0, "delta": 0.26, "detectable": None,
                                     "significant": None},
        "registrations.attended": {"previous": 82, "delta": 42}}))
    out = highlights(d, [], FR, 5)
    assert not any(h["rule"].startswith("change") for h in out)
    words = " ".join(texts(d) + texts(d, L=EN))
    for claim in ("hausse", "baisse", " up ", " down "):
        assert claim not in words


def test_previous_forum_of_the_same_year_is_named_by_its_title():
    d = data(change={"previous_event": {"id": "a", "title": "Forum de juin",
                                        "date": "2021-06-01"},
                     "survey.nps": {"previous": 4.0, "delta": 19.0, "detectable": 12.0,
                                    "significant": True}})
    assert "depuis « Forum de juin »" in texts(d)[0]


def test_a_tiny_significant_change_is_not_written_as_zero():
    # 0.4 points on a large forum: "+0 points" would contradict "significant"
    d = data(change=change(**{"registrations.attendance_rate": {
        "previous": 124 / 146 - 0.004, "delta": 0.004, "detectable": 0.003,
        "significant": True}}))
    assert "(+0,4 points)" in texts(d)[0]


# ------------------------------------------------------------------ groups


def fact(value, interval, whole=4.26, n=12, dim="sector", group="Mécanique",
         key="survey.satisfaction_mean"):
    return GroupFact(key, dim, group, n, value, interval, 0.99, whole)


def test_group_above_and_below_the_whole():
    above = fact(4.75, (4.4, 5.1))
    below = fact(0.5, (0.3, 0.7), whole=124 / 146, n=20, dim="departement", group="42",
                 key="registrations.attendance_rate")
    out = highlights(data(), [above, below], FR, 5)
    assert [h["rule"] for h in out[:2]] == ["group_above", "group_below"]
    assert out[0]["text"] == ("Satisfaction moyenne : 4,8 parmi « Mécanique » (secteur, "
                              "12 répondants), au-dessus de l'ensemble (4,3) au-delà de la "
                              "marge d'erreur.")
    assert out[1]["text"] == (f"Taux de présence : 50{NNBSP}% parmi « Loire (42) » "
                              f"(département, 20 inscrits), en dessous de l'ensemble "
                              f"(85{NNBSP}%) au-delà de la marge d'erreur.")
    # the group's own numbers are in metrics.json, with the highlight
    assert out[0]["group"] == {"by": "sector", "name": "Mécanique", "n": 12, "value": 4.75,
                               "interval": [4.4, 5.1], "level": 0.99}


def test_group_whose_interval_holds_the_whole_is_silent():
    assert not any(h["rule"].startswith("group") for h in
                   highlights(data(), [fact(4.6, (4.1, 5.1))], FR, 5))


def test_group_facts_never_name_a_small_group():
    """Five satisfied respondents of a sector of four registrants: a strong difference,
    but under min_group_size (5) the sector is never a fact, so never named."""
    people = pd.DataFrame({
        "identity": [f"p{i}" for i in range(24)],
        "registered": True, "attended": [i % 6 != 0 for i in range(24)],
        "community": None, "company_size": None, "departement": None,
        "sector": ["Optique"] * 4 + ["Mécanique"] * 20})
    responses = pd.DataFrame({"identity": [f"p{i}" for i in range(24)],
                              "satisfaction": [5.0] * 4 + [3.0, 4.0] * 10})
    d = {"registrations": {"attendance_rate": 20 / 24},
         "survey": {"satisfaction_mean": (20 + 70) / 24}}
    out = group_facts(SimpleNamespace(frame=people),
                      SimpleNamespace(frame=responses, anonymous=False), d, 5, {"sector"})
    assert {f.group for f in out} == {"Mécanique"}
    assert group_facts(SimpleNamespace(frame=people),
                       SimpleNamespace(frame=responses, anonymous=False), d, 4, {"sector"})


def test_group_facts_intervals_are_simultaneous_by_breakdown():
    # two sectors of 12: each interval at 1 - 0.05/2 = 97.5 %
    people = pd.DataFrame({"identity": [f"p{i}" for i in range(24)], "registered": True,
                           "attended": [i % 4 != 0 for i in range(24)], "community": None,
                           "company_size": None, "departement": None,
                           "sector": ["A"] * 12 + ["B"] * 12})
    d = {"registrations": {"attendance_rate": 18 / 24}, "survey": None}
    out = group_facts(SimpleNamespace(frame=people), None, d, 5, {"sector"})
    assert [f.level for f in out] == [0.975, 0.975]
    # group A: 9 of 12 attended (every 4th is a no-show)
    assert out[0].n == 12 and out[0].value == pytest.approx(9 / 12)


# ------------------------------------------------------------------ the largest group


def test_largest_audience_group():
    out = highlights(data(), [], FR, 5)
    assert out == [{"key": "audience.by_community", "rule": "largest_group",
                    "text": "Premier public du forum : Entreprises, 57 des 124 présents."}]
    assert texts(data(), L=EN) == ["Largest audience group: Companies, 57 of the 124 "
                                   "attendees."]


@pytest.mark.parametrize("by", [
    {"company": 20, "training": 20, "institution": 3, "expert": 0, "other": 0},  # a tie
    {"company": 4, "training": 1, "institution": 0, "expert": 0, "other": 0},    # < 5 people
    {"company": 2, "training": 1, "institution": 0, "expert": 0, "other": 30},   # "other"
])
def test_largest_group_silent_cases(by):
    d = data(audience={"by_community": by, "regional_share": None})
    assert highlights(d, [], FR, 5) == []


# ------------------------------------------------------------------ at most five


def test_at_most_five_the_most_telling_first():
    targets = {k: {"target": 1, "actual": 2, "met": True}
               for k in ("attended", "registered", "attendance_rate", "regional_share",
                         "satisfaction_mean", "csat")}
    targets["nps"] = {"target": 30, "actual": 23.3, "met": False}
    out = highlights(data(targets=targets), [], FR, 5)
    assert len(out) == LIMIT
    assert out[0]["rule"] == "target_missed"
    assert all(h["rule"] == "target_met" for h in out[1:])


def test_groups_merge_labels_that_differ_by_case_or_spaces():
    import pandas as pd

    from peakreport.measure.groups import _codes

    codes, names = _codes(pd.Series(["automobile", "Automobile", " Automobile ", "Optique",
                                     None, "other", "", "OPTIQUE"]))
    assert names == ["Automobile", "Optique"]  # the most frequent spelling (a tie: the first)
    assert codes.tolist() == [0, 0, 0, 1, -1, -1, -1, 1]
