"""values: the labels the SPEC lists are understood without help."""

from __future__ import annotations

import pandas as pd
import pytest

from peakreport.read.values import (
    UNKNOWN,
    map_unique,
    parse_cancelled,
    parse_checked_in,
    parse_community,
    parse_nps,
    parse_satisfaction,
    parse_status,
    parse_yes_no,
)


@pytest.mark.parametrize("raw", ["yes", "Oui", " OUI ", "true", "1", "x", "X", "Checked In",
                                 "présent", "Présente", "Présent(e)", "venu·e",
                                 "15/12/2021 09:12", "2021-12-15 09:12"])
def test_checked_in_yes(raw):
    assert parse_checked_in(raw) is True


@pytest.mark.parametrize("raw", ["no", "Non", "false", "0", "", "  ", "absent", "Attending",
                                 "Not checked in",
                                 "0000-00-00 00:00:00"])  # Weezevent: never scanned
def test_checked_in_no(raw):
    assert parse_checked_in(raw) is False


def test_checked_in_unknown_label():
    assert parse_checked_in("peut-être") is UNKNOWN


@pytest.mark.parametrize("raw", ["Cancelled", "annulé", "ANNULEE", "Refunded", "remboursé",
                                 "Deleted", "Commande annulée", "Not attending"])
def test_cancelled(raw):
    assert parse_cancelled(raw) is True


@pytest.mark.parametrize("raw", ["Validé", "Attending", "Checked In", "", "Payé"])
def test_not_cancelled(raw):
    assert parse_cancelled(raw) is False


@pytest.mark.parametrize(
    ("raw", "value"),
    [("5", 5), ("1", 1), ("4.0", 4), ("4,0", 4), ("4/5", 4), ("3 - Moyen", 3),
     ("Très satisfait", 5), ("très satisfait(e)", 5), ("Satisfait", 4), ("Plutôt satisfait", 4),
     ("Moyennement satisfait", 3), ("Ni satisfait ni insatisfait", 3), ("Peu satisfait", 2),
     ("Insatisfait", 2), ("Très insatisfait", 1), ("Pas du tout satisfait", 1),
     ("Pas satisfait du tout", 1), ("Plutôt pas satisfait", 2), ("Très satisfait(e)", 5),
     ("Moyennement satisfait(e)", 3), ("Extremely satisfied", 5), ("Somewhat dissatisfied", 2),
     ("Very satisfied", 5), ("Satisfied", 4), ("Neutral", 3), ("Dissatisfied", 2),
     ("Very dissatisfied", 1), ("A4", 4), ("", None)],
)
def test_satisfaction(raw, value):
    assert parse_satisfaction(raw) == value


@pytest.mark.parametrize("raw", ["0", "6", "7", "4.5", "bof", "-1"])
def test_satisfaction_invalid(raw):
    assert parse_satisfaction(raw) is UNKNOWN


@pytest.mark.parametrize(
    ("raw", "value"),
    [("0", 0), ("10", 10), ("7.0", 7), ("10 - Extrêmement probable", 10),
     ("0 - Pas du tout probable", 0), ("9 – very likely", 9), ("", None)],
)
def test_nps(raw, value):
    assert parse_nps(raw) == value


@pytest.mark.parametrize("raw", ["11", "-1", "8,5", "8.5", "dix", "100"])
def test_nps_invalid(raw):
    assert parse_nps(raw) is UNKNOWN


@pytest.mark.parametrize(
    ("raw", "value"),
    [("Oui", True), ("yes", True), ("Oui, certainement", True), ("Non", False), ("No", False),
     ("Peut-être", False), ("Maybe", False), ("", None)],
)
def test_yes_no(raw, value):
    assert parse_yes_no(raw) == value


@pytest.mark.parametrize(
    ("raw", "community"),
    [("Entreprise", "company"), ("PME", "company"), ("Industriel", "company"),
     ("Start-up", "company"), ("Organisme de formation", "training"), ("École", "training"),
     ("Université", "training"), ("Collectivité territoriale", "institution"),
     ("Région", "institution"), ("Agence publique", "institution"),
     ("Institution", "institution"), ("Expert", "expert"), ("Consultant", "expert"),
     ("Laboratoire de recherche", "expert"), ("Bureau d'études", "expert"),
     ("Établissement public", "institution"), ("Association", "other"), ("Presse", "other"),
     ("", None)],
)
def test_community(raw, community):
    assert parse_community(raw) == community


def test_map_unique_applies_overrides_on_folded_labels():
    s = pd.Series(["Cluster", "cluster ", "Entreprise"])
    values, _ = map_unique(s, parse_community, {"CLUSTER": "institution"})
    assert list(values) == ["institution", "institution", "company"]


# ----------------------------------------------------------------- issue 17 vocabulary

@pytest.mark.parametrize("raw", ["Withdrawn", "Rejected", "Désinscrit", "Désinscrite",
                                 "Annulée", "Refusée", "Refusé", "canceled", "expired",
                                 "Retiré", "No longer attending"])
def test_more_cancellation_words(raw):
    assert parse_status(raw) == "cancelled"


@pytest.mark.parametrize("raw", ["Liste d'attente", "Waitlist", "Waiting list", "waitlisted",
                                 "Sur liste d'attente"])
def test_waiting_list_is_neither_registered_nor_cancelled(raw):
    assert parse_status(raw) == "waitlisted"


@pytest.mark.parametrize("raw", ["Completed", "Pending", "Awaiting payment", "paid", "Validé",
                                 "En attente", "En attente du paiement", "Billet retiré", ""])
def test_registered_states(raw):
    # Indico's Pending and pretix's pending are registrations; "billet retiré" a ticket
    # collected at the door, not Indico's "Retiré" (withdrawn)
    assert parse_status(raw) == "active"


@pytest.mark.parametrize(("raw", "value"), [
    ("Extrêmement satisfait", 5), ("Tout à fait satisfait(e)", 5), ("Plutôt satisfait", 4),
    ("Assez satisfait·e", 4), ("satisfait.e", 4), ("Satisfait-e", 4), ("Satisfaite", 4),
    ("Peu satisfait·e", 2), ("Pas du tout satisfait.e", 1), ("Ni satisfait ni insatisfait", 3),
    ("Neither satisfied nor dissatisfied", 3), ("Somewhat satisfied", 4),
    ("Extremely dissatisfied", 1), ("Plutôt pas satisfait(e)", 2), ("Très bien", 5),
    ("Bien", 4), ("Moyen", 3), ("Mauvais", 2), ("Excellent", 5),
    ("Tout à fait d'accord", 5), ("Pas du tout d'accord", 1),
])
def test_rating_words_with_intensifiers_and_inclusive_writing(raw, value):
    assert parse_satisfaction(raw) == value


@pytest.mark.parametrize("raw", ["Sans avis", "N/A", "Ne se prononce pas", "Non concerné"])
def test_no_opinion_is_a_skipped_answer_not_a_bad_one(raw):
    assert parse_satisfaction(raw) is None


def test_a_column_is_one_scale_of_all_its_labels():
    from peakreport.read.values import scale_column

    # five labels, two of them "strong": ranked as one five-point scale
    five = ["Extrêmement satisfait", "Très satisfait", "Satisfait", "Peu satisfait",
            "Pas du tout satisfait"]
    assert scale_column(five) == ({x: 5 - i for i, x in enumerate(five)}, [])
    # four labels that cannot share the five places without a tie: not scored, named
    four = ["Satisfait", "Plutôt satisfait", "Très satisfait", "Extrêmement satisfait"]
    mapped, conflict = scale_column(four)
    assert sorted(conflict) == sorted(four) and not any(x in mapped for x in four)
    # numbers and the params' own labels are never part of the ranking
    assert scale_column(["5", "Bof"], {"Bof": 3}) == ({"5": 5, "Bof": 3}, [])


@pytest.mark.parametrize(("raw", "minutes"), [
    ("1h 27m", 87), ("21m 7s", 21 + 7 / 60), ("1 h 1 min 55 s", 61 + 55 / 60), ("1h27", 87),
    ("01:27:00", 87), ("87", 87), ("0", 0), ("55m", 55), ("--", None), ("Paul", None)])
def test_durations(raw, minutes):
    from peakreport.read.values import parse_duration

    assert parse_duration(raw) == (pytest.approx(minutes) if minutes is not None else None)


@pytest.mark.parametrize(("raw", "codes", "test"), [
    ("Survey Preview", False, True), ("Spam", False, True), ("Survey Test", False, True),
    ("IP Address", False, False), ("1", False, False), ("1", True, True), ("0", True, False)])
def test_test_responses(raw, codes, test):
    from peakreport.read.values import is_test_response

    assert is_test_response(raw, codes) is test
