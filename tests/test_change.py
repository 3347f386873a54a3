"""`change` in metrics.json: against the latest earlier forum, with exact previous values and
deltas, and significance worked out by hand."""

from __future__ import annotations

import math

import pytest

from peakreport.measure.analysis import analyse
from peakreport.measure.change import KEYS

from .conftest import ROOT, SAMPLE, base_params, write_params


@pytest.fixture(scope="module")
def sample():
    return analyse(SAMPLE).metrics


def test_sample_compares_with_2020_the_latest_of_its_history(sample):
    ch = sample.data["change"]
    assert ch["previous_event"] == {"id": "forum-peak-2020", "date": "2020-12-10",
                                    "title": "Forum PEAK 2020 — Innover ensemble malgré la crise"}
    assert set(ch) == {"previous_event", *KEYS}


def test_sample_previous_values_are_2020s_own_metrics(sample):
    """2020's own report, run alone, gives exactly the previous values; deltas are exact."""
    own = analyse(ROOT / "params" / "forum-peak-2020.yaml").metrics.data
    ch, now = sample.data["change"], sample.data
    for key in KEYS:
        section, name = key.split(".")
        assert ch[key]["previous"] == own[section][name]
        assert ch[key]["delta"] == now[section][name] - own[section][name]
    # as counted in the sample files: 124 attended in 2021, 82 in 2020
    assert ch["registrations.attended"] == {"previous": 82, "delta": 42}


def test_sample_attendance_rate_by_hand(sample):
    # 2021: 124 attended of 146 registered; 2020: 82 of 96. Pooled 206/242, N = 242.
    c = sample.data["change"]["registrations.attendance_rate"]
    pooled = 206 / 242
    detectable = 1.96 * math.sqrt(pooled * (1 - pooled) * (1 / 146 + 1 / 96)) * math.sqrt(
        242 / 241)
    assert c["delta"] == pytest.approx(124 / 146 - 82 / 96)
    assert c["detectable"] == pytest.approx(detectable)
    assert c["significant"] is False  # -0.5 points, against a detectable 9.2


def test_sample_nps_by_hand(sample):
    # 2021: 33 promoters and 16 detractors of 73; 2020: 19 and 17 of 49
    c = sample.data["change"]["survey.nps"]
    p1, d1, p2, d2 = 33.75 / 76, 16.75 / 76, 19.75 / 52, 17.75 / 52
    se = math.sqrt((p1 + d1 - (p1 - d1) ** 2) / 76 + (p2 + d2 - (p2 - d2) ** 2) / 52)
    assert c["delta"] == pytest.approx(100 * (17 / 73 - 2 / 49))
    assert c["detectable"] == pytest.approx(100 * 1.96 * se)
    # +19 points looks like a rise; 49 and 73 answers cannot tell it from chance
    assert c["delta"] > 19 and c["significant"] is False


def test_sample_significance_agrees_with_delta_and_detectable(sample):
    for key, c in sample.data["change"].items():
        if key in ("previous_event", "registrations.attended"):
            continue
        assert c["significant"] == (abs(c["delta"]) > c["detectable"])


def test_counts_get_no_test(sample):
    assert set(sample.data["change"]["registrations.attended"]) == {"previous", "delta"}


# ------------------------------------------------------------------ small forums


def _forum(folder, name, date, survey=True, history=()):
    """The hand-checked forum's exports (conftest) under another id, date and history."""
    from .conftest import HAND_REGISTRATIONS, HAND_SURVEY

    folder.mkdir(exist_ok=True)
    (folder / "registrations.csv").write_bytes(HAND_REGISTRATIONS.encode("cp1252"))
    (folder / "survey.csv").write_text(HAND_SURVEY, encoding="utf-8")
    data = base_params(survey="survey.csv" if survey else None, history=list(history))
    data["event"] = {"id": name, "title": name.title(), "date": date}
    return write_params(folder, data, f"{name}.yaml")


def test_no_history_no_change(hand_forum):
    m = analyse(hand_forum).metrics
    assert m.data["change"] is None
    assert m.reasons["change"] == "no_history"


def test_latest_by_date_not_by_list_order(tmp_path):
    a = _forum(tmp_path, "forum-a", "2019-06-01")
    b = _forum(tmp_path, "forum-b", "2020-06-01")
    now = _forum(tmp_path, "forum-c", "2021-06-01", history=[b.name, a.name])
    assert analyse(now).metrics.data["change"]["previous_event"]["id"] == "forum-b"


def test_a_forum_compared_with_itself_changes_by_nothing(tmp_path):
    before = _forum(tmp_path, "forum-a", "2020-06-01")
    now = _forum(tmp_path, "forum-b", "2021-06-01", history=[before.name])
    ch = analyse(now).metrics.data["change"]
    assert ch["registrations.attended"] == {"previous": 4, "delta": 0}
    # 6 registered, 5 satisfaction answers: tested; 3 attendees with a postcode, 4 NPS
    # answers, 4 attendees answering: fewer than 5, so given but not tested
    tested = {"registrations.attendance_rate", "survey.satisfaction_mean", "survey.csat"}
    for key in KEYS[1:]:
        assert ch[key]["delta"] == 0
        assert ch[key]["significant"] is (False if key in tested else None), key


def test_a_metric_null_on_either_side_is_null(tmp_path):
    before = _forum(tmp_path, "forum-a", "2020-06-01", survey=False)
    now = _forum(tmp_path, "forum-b", "2021-06-01", history=[before.name])
    ch = analyse(now).metrics.data["change"]
    for key in KEYS:
        assert (ch[key] is None) == key.startswith("survey."), key


def test_history_of_later_forums_only_compares_with_nothing(tmp_path):
    later = _forum(tmp_path, "forum-z", "2023-06-01")
    now = _forum(tmp_path, "forum-b", "2021-06-01", history=[later.name])
    m = analyse(now).metrics
    assert m.data["change"] is None
    assert m.reasons["change"] == "history_not_earlier"
    # returning participants still count the listed forum's attendees, as before
    assert m.data["audience"]["returning_participants"] == 4


def test_previous_forum_edited_is_read_again(tmp_path):
    """The previous forum's analysis is cached while its files are unchanged only."""
    before = _forum(tmp_path, "forum-a", "2020-06-01")
    now = _forum(tmp_path, "forum-b", "2021-06-01", history=[before.name])
    assert analyse(now).metrics.data["change"]["registrations.attended"]["previous"] == 4
    reg = tmp_path / "registrations.csv"
    text = reg.read_bytes().decode("cp1252").replace("Simon;Zoé;zoe@f.fr;Gamma;Entreprise;"
                                                     "38000;Validé;Non", "Simon;Zoé;zoe@f.fr;"
                                                     "Gamma;Entreprise;38000;Validé;Oui")
    reg.write_bytes(text.encode("cp1252"))
    # both forums read the same file here: 5 attended on each side now
    assert analyse(now).metrics.data["change"]["registrations.attended"] == {
        "previous": 5, "delta": 0}


def test_validate_says_which_forum_is_compared_and_what_moved():
    from peakreport.measure.summary import data_quality_summary

    a = analyse(ROOT / "params" / "forum-peak-2021.yaml")
    text = data_quality_summary(a)
    # every change of the sample is within its detectable change (see the tests above)
    assert "change compared with forum-peak-2020 (2020-12-10): no change larger" in text
    a.metrics.data["change"]["survey.nps"]["significant"] = True
    assert "forum-peak-2020 (2020-12-10): significant for survey.nps" in data_quality_summary(a)
