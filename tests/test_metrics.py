"""Metrics of the hand-checked forum (tests/conftest.py), each worked out by hand."""

from __future__ import annotations

import math

import pytest

from peakreport.measure.analysis import analyse
from peakreport.measure.metrics import nps_margin_of_error, wilson_interval


@pytest.fixture
def metrics(hand_forum):
    return analyse(hand_forum).metrics.data


def test_registrations_by_hand(metrics):
    r = metrics["registrations"]
    # rows 2-7 and 9-12 are rows; row 8 is all-empty. Row 9 ("Total") is rejected.
    assert r["rows_read"] == 10
    assert r["rows_rejected"] == 1
    # 9 kept rows, 7 people: A (rows 2, 12) and C (rows 4, 5) are merged.
    assert r["duplicate_rows"] == 2
    # D (row 6) has only cancelled rows; C re-registered after cancelling.
    assert r["cancelled"] == 1
    assert r["registered"] == 6  # A B C E F G
    # A (Oui), C (Oui on the active row), E (x), F (oui); D's check-in is on a cancelled row.
    assert r["attended"] == 4
    assert r["attendance_rate"] == pytest.approx(4 / 6)
    assert r["no_show_rate"] == pytest.approx(2 / 6)


def test_audience_by_hand(metrics):
    a = metrics["audience"]
    # attended: A Entreprise, C Collectivité, E PME, F Association (-> other)
    assert a["by_community"] == {"company": 2, "training": 0, "institution": 1, "expert": 0,
                                 "other": 1}
    # A 74 (in region), C 75 (Paris), F 20090 (Corse-du-Sud); E has no postcode.
    assert a["regional_share"] == pytest.approx(1 / 3)
    assert a["without_postcode"] == 1


def test_survey_by_hand(metrics):
    s = metrics["survey"]
    assert s["rows_read"] == 9
    assert s["rows_rejected"] == 2       # row 6 (satisfaction 6), row 9 (NPS 11)
    assert s["duplicate_rows"] == 2      # row 8 duplicates row 7; row 4 replaced by row 3
    assert s["responses"] == 5           # rows 2, 3, 5, 7, 10
    assert s["linked_to_attendees"] == 3  # camille (A), emma (C), jules (F); louis is a no-show
    assert s["response_rate"] == pytest.approx(3 / 4)
    # satisfaction 5 (Très satisfait), 3, 4 (Satisfait), 5, 5
    assert s["satisfaction_mean"] == pytest.approx(22 / 5)
    assert s["csat"] == pytest.approx(4 / 5)
    # NPS answers 10, 6, 8, 7 (row 7 skipped it): 1 promoter, 1 detractor of 4
    assert s["nps_answers"] == 4
    assert s["nps"] == pytest.approx(0.0)
    # n = N = 4 attended: the finite population correction is sqrt(0/3) = 0
    assert s["nps_margin_of_error"] == pytest.approx(0.0)
    # Oui, Non, Peut-être, Oui, Oui
    assert s["would_join_next_share"] == pytest.approx(3 / 5)


def test_targets_by_hand(metrics):
    t = metrics["targets"]
    assert t["attended"] == {"target": 5, "actual": 4, "met": False}
    assert t["nps"]["met"] is True
    # lower is better for the no-show rate: 2/6 <= 0.5
    assert t["no_show_rate"]["met"] is True


def test_nps_margin_of_error_formula():
    # p = .5, d = .2, n = 50 answers among N = 124 attendees (40 % > 5 %: correction applies)
    # var = (.5 + .2) - (.5 - .2)^2 = .61 ; moe = 1.96 * 100 * sqrt(.61 / 50) = 21.649...
    # fpc = sqrt((124 - 50) / 123) = 0.77564 ; moe * fpc = 16.792
    assert nps_margin_of_error(0.5, 0.2, 50, 124) == pytest.approx(16.7917, abs=1e-3)
    # 50 answers among 10,000 people: 0.5 % coverage, no correction
    assert nps_margin_of_error(0.5, 0.2, 50, 10_000) == pytest.approx(21.6493, abs=1e-3)
    assert nps_margin_of_error(0, 0, 0, 10) is None


def test_wilson_interval():
    # 8 of 10: centre = (0.8 + 1.96²/20) / (1 + 1.96²/10) = 0.7167,
    # half = 1.96 * sqrt(.16/10 + 1.96²/400) / 1.38416 = 0.2258
    lo, hi = wilson_interval(8, 10)
    assert lo == pytest.approx(0.4902, abs=1e-3)
    assert hi == pytest.approx(0.9433, abs=1e-3)
    assert wilson_interval(0, 0) is None
    assert math.isclose(wilson_interval(10, 10)[1], 1.0)


def test_null_metrics_carry_a_reason(tmp_path):
    from .conftest import base_params, write_params

    (tmp_path / "r.csv").write_text("Email;Nom;Présent\na@b.fr;A;oui\n", encoding="utf-8")
    (tmp_path / "s.csv").write_text("Commentaires\nbien\n", encoding="utf-8")
    p = write_params(tmp_path, base_params("r.csv", "s.csv", territory=None))
    m = analyse(p).metrics
    assert m.data["audience"]["regional_share"] is None
    assert m.reasons["audience.regional_share"] == "no_territory"
    assert m.data["survey"]["nps"] is None and "survey.nps" in m.reasons
    assert m.data["survey"]["response_rate"] is None
    assert m.reasons["survey.response_rate"] == "anonymous_survey"
    assert m.data["audience"]["by_community"] is None


def test_without_a_check_in_column_attendance_is_unknown_not_zero(tmp_path):
    from .conftest import base_params, write_params

    (tmp_path / "r.csv").write_text("Email;Nom;Statut\na@b.fr;A;Validé\nb@b.fr;B;Annulé\n",
                                    encoding="utf-8")
    m = analyse(write_params(tmp_path, base_params("r.csv", None))).metrics
    r = m.data["registrations"]
    assert r["registered"] == 1 and r["cancelled"] == 1
    assert r["attended"] is None and r["attendance_rate"] is None and r["no_show_rate"] is None
    assert m.reasons["registrations.attended"] == "no_checkin_column"
    assert m.data["audience"]["by_community"] is None
