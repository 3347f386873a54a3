"""validate and link: every row used or rejected with its row number; people merged."""

from __future__ import annotations

import pandas as pd
import pytest

from peakreport.measure.analysis import analyse

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
    from peakreport.data.rejected import write_rejected

    frame = pd.DataFrame({"source_row": [3], "reason": ["x"], "Nom": ["=HYPERLINK(\"h\")"],
                          "Note": ["-2+3"], "Ok": ["fine"]})
    out = tmp_path / "rejected.csv"
    write_rejected(frame, out)
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'-2+3" in text and ",fine" in text


# ---------------------------------------------------------------- real-export rows

def _analyse(tmp_path, reg: str, survey: str | None = None, **extra):
    (tmp_path / "r.csv").write_text(reg, encoding="utf-8")
    if survey is not None:
        (tmp_path / "s.csv").write_text(survey, encoding="utf-8")
    return analyse(write_params(tmp_path, base_params("r.csv", "s.csv" if survey else None,
                                                      **extra)))


def test_footer_lines_are_rejected_even_in_the_name_column(tmp_path):
    a = _analyse(tmp_path, "Nom;Prénom;Email;Présent\n"
                           "Roux;Anne;anne@a.fr;oui\n"                 # 2
                           "Blanc;Paul;;oui\n"                         # 3 a person without e-mail
                           "Total : 3 lignes;;;\n"                     # 4 footer in the name
                           ";12 inscrits;;\n"                          # 5 footer in the first name
                           "Sous-total;;;2\n"                          # 6
                           "=NBVAL(C2:C4);;;\n"                        # 7 a formula
                           "#REF!;;;\n"                                # 8 a formula's error
                           ";;;Nombre de présents : 2\n")              # 9 footer elsewhere
    rej = a.registrations.rejected
    assert list(rej["source_row"]) == [4, 5, 6, 7, 8, 9]
    assert set(rej["code"]) == {"footer"}
    reg = a.metrics.data["registrations"]
    assert (reg["registered"], reg["attended"]) == (2, 2)  # Anne and Paul, nobody else


def test_blank_header_columns_are_kept_and_never_reject_a_row(tmp_path):
    # a hand-kept sheet: two blank header cells at the end, notes in them on some rows;
    # the last row has one cell more than the header record: listed, not lost
    a = _analyse(tmp_path, "Nom;Prénom;Email;Présent;;\n"
                           "Roux;Anne;anne@a.fr;oui;rappeler;\n"   # 2
                           "Blanc;Paul;paul@b.fr;non;;VIP\n"       # 3
                           "Noir;Marc;marc@c.fr;oui;;\n"           # 4
                           "Vert;Lise;lise@d.fr;oui;;;décalé\n")   # 5
    t = a.registrations.table
    assert t.headers == ["Nom", "Prénom", "Email", "Présent", "column 5", "column 6"]
    assert list(a.registrations.rejected["source_row"]) == [5]
    assert a.registrations.rejected["code"][0] == "shifted_row"
    assert a.metrics.data["registrations"]["registered"] == 3


def test_a_file_without_a_usable_row_is_bad_input(tmp_path, capsys):
    from peakreport.cli import main

    (tmp_path / "r.csv").write_text("Nom;Prénom;Email\nTotal;;\n;;\n;12 lignes;\n",
                                    encoding="utf-8")
    path = write_params(tmp_path, base_params("r.csv", None))
    assert main(["metrics", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "r.csv" in err and "no usable registrations row: all 2 rows were rejected" in err
    (tmp_path / "r.csv").write_text("Nom;Prénom;Email\n\n", encoding="utf-8")
    assert main(["metrics", str(path)]) == 2
    assert "has no registrations row below its header (row 1)" in capsys.readouterr().err


REG = ("Email;Nom;Présent\nanne@a.fr;Roux;oui\npaul@b.fr;Blanc;\nlise@d.fr;Vert;oui\n")


def test_an_anonymous_survey_links_nobody_and_says_so(tmp_path):
    # Microsoft Forms writes "anonymous" in its Email column when addresses are not collected
    a = _analyse(tmp_path, REG, "ID,Email,Êtes-vous satisfait du forum ?\n"
                                "1,anonymous,5\n2,anonymous,4\n3,anonymous,4\n")
    s = a.metrics.data["survey"]
    assert a.responses.anonymous
    assert s["responses"] == 3 and s["satisfaction_mean"] == 13 / 3
    assert s["linked_to_attendees"] is None and s["response_rate"] is None
    assert a.metrics.reasons["survey.response_rate"] == "anonymous_survey"
    assert a.metrics.reasons["survey.linked_to_attendees"] == "anonymous_survey"


def test_unfinished_responses_are_listed_not_counted(tmp_path):
    # LimeSurvey's "all responses": a blank submitdate is a response never submitted
    a = _analyse(tmp_path, REG,
                 "id,submitdate,lastpage,startlanguage,email,SATGLOB\n"
                 "1,2021-12-15 10:00:00,2,fr,anne@a.fr,A5\n"   # 2
                 "2,,1,fr,paul@b.fr,A1\n"                      # 3 unfinished
                 "3,2021-12-15 11:00:00,2,fr,lise@d.fr,A4\n")  # 4
    assert a.survey.mapping.completion == [("submitdate", "blank")]
    rej = a.rejected_survey()
    assert list(rej["source_row"]) == [3] and rej["code"][0] == "unfinished"
    s = a.metrics.data["survey"]
    assert (s["responses"], s["satisfaction_mean"], s["rows_rejected"]) == (2, 4.5, 1)


def test_a_status_column_marks_partial_responses(tmp_path):
    a = _analyse(tmp_path, REG,
                 "Adresse e-mail,Êtes-vous satisfait du forum ?,Statut de la réponse\n"
                 "anne@a.fr,5,Terminé\npaul@b.fr,1,Incomplet\nlise@d.fr,3,Terminé\n")
    assert list(a.rejected_survey()["source_row"]) == [3]
    assert a.metrics.data["survey"]["satisfaction_mean"] == 4.0


def test_a_question_answered_en_cours_is_not_an_unfinished_response(tmp_path):
    # "État d'avancement de votre projet" is a question, not the platform's status column
    a = _analyse(tmp_path, REG,
                 "Adresse e-mail,Êtes-vous satisfait du forum ?,État d'avancement de votre projet\n"
                 "anne@a.fr,5,En cours\npaul@b.fr,4,Terminé\nlise@d.fr,3,En cours\n")
    assert a.survey.mapping.completion == [] and len(a.rejected_survey()) == 0
    assert a.metrics.data["survey"]["responses"] == 3


def test_initials_on_a_sign_in_sheet_mark_who_came(tmp_path):
    a = _analyse(tmp_path, "Email;Nom;Émargement\na@x.fr;A;AR\nb@x.fr;B;\nc@x.fr;C;✓\n"
                           "d@x.fr;D;LV\n")
    assert a.registrations.mapping.column("checked_in") == "Émargement"
    assert a.metrics.data["registrations"]["attended"] == 3  # AR, ✓, LV; B left it blank


@pytest.mark.parametrize(("reg", "why"), [
    ("Email;Nom\nanne@a.fr;Roux\npaul@b.fr;Blanc\n", "no_checkin_column"),
    ("Nom;Prénom;Présent\nRoux;Anne;oui\nBlanc;Paul;\n", "no_registration_email"),
], ids=["no check-in column", "no registration e-mail"])
def test_answers_that_cannot_be_linked_give_null_not_zero(tmp_path, reg, why):
    a = _analyse(tmp_path, reg, "Adresse e-mail,Êtes-vous satisfait du forum ?\nanne@a.fr,5\n")
    s = a.metrics.data["survey"]
    assert s["linked_to_attendees"] is None and s["response_rate"] is None
    assert a.metrics.reasons["survey.response_rate"] == why
    assert a.metrics.reasons["survey.linked_to_attendees"] == why
