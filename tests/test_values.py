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
