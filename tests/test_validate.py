"""validate and link: every row used or rejected with its row number; people merged."""

from __future__ import annotations

import pandas as pd

from peakreport.pipeline import analyse

from .conftest import base_params, write_params


def test_rejected_rows_carry_source_row_and_reason(hand_forum):
    a = analyse(hand_forum)
    rej = a.registrations.rejected
    assert list(rej["source_row"]) == [9]
    assert rej["reason"][0] == "a total or footer line, not a person"
    srej = a.rejected_survey()
    assert list(srej["source_row"]) == [4, 6, 8, 9]
    reasons = dict(zip(srej["source_row"], srej["reason"], strict=True))
    assert reasons[6] == "satisfaction answer '6' is not an answer from 1 to 5"
    assert reasons[9] == "NPS answer '11' is not a whole number from 0 to 10"
    assert reasons[8] == "exact duplicate of an earlier row"
    assert reasons[4] == "replaced by a later answer from the same respondent (row 3)"


def test_every_row_is_used_or_rejected(hand_forum):
    a = analyse(hand_forum)
    used = set(a.registrations.frame["source_row"])
    rejected = set(a.registrations.rejected["source_row"])
    assert used.isdisjoint(rejected)
    assert used | rejected == {2, 3, 4, 5, 6, 7, 9, 10, 11, 12}  # row 8 is blank: not a row
    s_used = set(a.responses.frame["source_row"])
    assert s_used | set(a.rejected_survey()["source_row"]) == set(range(2, 11))


def test_identity_merges_case_and_space_variants_and_name_only_rows(tmp_path):
    (tmp_path / "r.csv").write_text(
        "Email;Prénom;Nom;Société;Présent\n"
        "Anne@X.fr ;Anne;Roux;Alpha;\n"
        "anne@x.fr;Anne;Roux;Alpha;oui\n"
        ";Anne;Roux;Alpha;\n"             # no e-mail: same name and organisation as above
        ";Anne;Roux;Beta;oui\n"            # another organisation: another person
        ";ANNE ;Roüx;beta;\n",             # folded name: the same as the row above
        encoding="utf-8")
    a = analyse(write_params(tmp_path, base_params("r.csv", None)))
    people = a.people.frame
    assert len(people) == 2
    assert a.metrics.data["registrations"]["duplicate_rows"] == 3
    assert a.metrics.data["registrations"]["attended"] == 2


def test_latest_row_gives_the_persons_attributes(tmp_path):
    (tmp_path / "r.csv").write_text(
        "Email;Nom;Type de structure;Statut;Présent;Date d'inscription\n"
        "a@x.fr;A;Entreprise;Validé;oui;02/10/2021\n"
        "a@x.fr;A;Université;Validé;;01/10/2021\n"   # earlier, although below
        "a@x.fr;A;Région;Annulé;;03/10/2021\n",       # later, but cancelled
        encoding="utf-8")
    a = analyse(write_params(tmp_path, base_params("r.csv", None)))
    assert a.metrics.data["audience"]["by_community"]["company"] == 1


def test_survey_keeps_latest_submission_by_timestamp_not_row_order(tmp_path):
    (tmp_path / "r.csv").write_text("Email;Nom;Présent\na@x.fr;A;oui\n", encoding="utf-8")
    (tmp_path / "s.csv").write_text(
        "Horodateur,Adresse e-mail,Satisfaction globale\n"
        "2021-12-16 10:00:00,a@x.fr,2\n"
        "2021-12-15 10:00:00, A@X.FR,5\n", encoding="utf-8")
    a = analyse(write_params(tmp_path, base_params("r.csv", "s.csv")))
    assert a.metrics.data["survey"]["satisfaction_mean"] == 2
    assert a.metrics.data["survey"]["linked_to_attendees"] == 1


def test_labels_not_understood_are_counted(tmp_path):
    (tmp_path / "r.csv").write_text(
        "Email;Nom;Présent;Type de structure\na@x.fr;A;peut-être;Presse\nb@x.fr;B;oui;PME\n",
        encoding="utf-8")
    a = analyse(write_params(tmp_path, base_params("r.csv", None)))
    assert a.registrations.unknown_labels["checked_in"] == {"peut-être": 1}
    assert a.registrations.other_labels == {"Presse": 1}


def test_values_override_in_params(tmp_path):
    (tmp_path / "r.csv").write_text(
        "Email;Nom;Présent;Type de structure\na@x.fr;A;venu(e);Cluster\n", encoding="utf-8")
    data = base_params("r.csv", None)
    data["registrations"]["values"] = {"checked_in": {"venu(e)": True},
                                       "community": {"Cluster": "institution"}}
    m = analyse(write_params(tmp_path, data)).metrics.data
    assert m["registrations"]["attended"] == 1
    assert m["audience"]["by_community"]["institution"] == 1


def test_rejected_csv_is_safe_for_excel(tmp_path):
    from peakreport.pipeline import write_rejected

    frame = pd.DataFrame({"source_row": [3], "reason": ["x"], "Nom": ["=HYPERLINK(\"h\")"],
                          "Note": ["-2+3"], "Ok": ["fine"]})
    out = tmp_path / "rejected.csv"
    write_rejected(frame, out)
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'-2+3" in text and ",fine" in text
