"""mapping: headers found by keywords, by the params, and by the shape of answers."""

from __future__ import annotations

import pytest

from peakreport.errors import DataError
from peakreport.params import RegistrationsParams, SurveyParams
from peakreport.read.load import read_table
from peakreport.read.mapping import map_columns


def _map(tmp_path, text, kind="registrations", **kw):
    p = tmp_path / "f.csv"
    p.write_text(text, encoding="utf-8")
    cls = RegistrationsParams if kind == "registrations" else SurveyParams
    src = cls(path=p, **kw)
    return map_columns(read_table(src, kind), src, kind)


def test_french_headers_by_keyword(tmp_path):
    m = _map(tmp_path, "Courriel;NOM;Prénom;Nom de la structure;Catégorie;CP;Pointage;"
                       "Date d'inscription;Téléphone\n" + "a@b.fr;A;B;C;PME;74000;x;01/01/2021;0\n")
    cols = {f: hm.header for f, hm in m.fields.items()}
    assert cols == {"email": "Courriel", "last_name": "NOM", "first_name": "Prénom",
                    "organisation": "Nom de la structure", "community": "Catégorie",
                    "postcode": "CP", "checked_in": "Pointage",
                    "registered_at": "Date d'inscription"}
    assert m.unmatched == ["Téléphone"]


def test_english_headers(tmp_path):
    m = _map(tmp_path, "First Name,Last Name,Email Address,Company,Zip Code,Checked In\n"
                       "a,b,a@b.fr,c,74000,yes\n")
    assert m.column("email") == "Email Address" and m.column("postcode") == "Zip Code"
    assert m.column("checked_in") == "Checked In" and m.column("organisation") == "Company"


def test_params_columns_override_and_one_column_may_feed_two_fields(tmp_path):
    m = _map(tmp_path, "Mail,Attendee Status\na@b.fr,Checked In\n",
             columns={"email": "Mail", "status": "Attendee Status",
                      "checked_in": "Attendee Status"})
    assert m.column("status") == m.column("checked_in") == "Attendee Status"
    assert m.fields["email"].how == "params"


def test_missing_mapped_column_names_file_row_and_column(tmp_path):
    with pytest.raises(DataError) as err:
        _map(tmp_path, "Email;Nom\na@b.fr;A\n", columns={"postcode": "Code postal"})
    msg = str(err.value)
    assert "f.csv, row 1, column 'Code postal'" in msg
    assert "its headers are: 'Email', 'Nom'" in msg


def test_survey_scales_found_by_their_answers(tmp_path):
    text = "Horodateur,Q1,Q2,Q3\n" + "".join(
        f"15/12/2021 10:0{i},{s},{n},{q}\n"
        for i, (s, n, q) in enumerate([(5, 9, 4), (4, 10, 5), (3, 6, 3), (5, 8, 4)]))
    m = _map(tmp_path, text, kind="survey")
    assert m.column("nps") == "Q2"  # the only 0–10 column
    assert m.column("satisfaction") is None  # never guessed silently among several 1–5 columns
    assert set(m.questions) == {"Q1", "Q3"}
    assert any("no satisfaction question found" in w for w in m.warnings)


def test_satisfaction_wording_with_one_bad_answer_is_still_satisfaction(tmp_path):
    text = "Êtes-vous satisfait du forum ?\n" + "\n".join(["5", "4", "4", "3", "5", "4", "5",
                                                           "4", "5", "4", "7"]) + "\n"
    m = _map(tmp_path, text, kind="survey")
    assert m.column("satisfaction") == "Êtes-vous satisfait du forum ?"
    assert m.fields["satisfaction"].confidence == 0.9


# ---------------------------------------------------------------- content beats headers

def test_an_empty_preset_column_loses_to_a_filled_custom_question(tmp_path):
    # Eventbrite's standard "Home Zip" is empty; the organiser's question holds the postcodes
    m = _map(tmp_path, "Order #,Order Date,Attendee Status,Ticket Type,Email,Home Zip,"
                       "Code postal de votre structure\n"
                       "1,11/29/21 22:28,Checked In,A,a@b.fr,,74000\n"
                       "2,11/29/21 22:30,Attending,A,c@d.fr,,69001\n")
    assert m.preset is None  # detection is pipeline's job; here the keywords compete
    assert m.column("postcode") == "Code postal de votre structure"
    assert any("'Home Zip'" in n and "empty" in n for n in m.notes)


def test_an_empty_respondent_email_column_loses_to_a_question_asking_for_it(tmp_path):
    m = _map(tmp_path, "Horodateur,Adresse e-mail,Quelle est votre adresse e-mail ?,"
                       "Êtes-vous satisfait du forum ?\n"
                       "15/12/2021 10:00,,a@b.fr,5\n15/12/2021 11:00,,c@d.fr,4\n",
             kind="survey")
    assert m.column("email") == "Quelle est votre adresse e-mail ?"


def test_e_mail_addresses_are_found_by_their_values_under_any_header(tmp_path):
    m = _map(tmp_path, "Qui êtes-vous ?;Structure;Présent\nx@y.fr;Alpha;oui\nz@y.fr;Beta;non\n")
    assert m.column("email") == "Qui êtes-vous ?"
    assert m.fields["email"].how == "answers are e-mail addresses"


def test_comment_ca_va_is_a_question_not_a_comment_box(tmp_path):
    # French "Comment évaluez-vous…" asks *how*: a rating grid, not the comment column
    m = _map(tmp_path, "Comment évaluez-vous l'accueil ?,Comment évaluez-vous les ateliers ?,"
                       "Vos commentaires\n4,5,Très bien\n3,4,\n5,5,Merci\n", kind="survey")
    assert m.column("comment") == "Vos commentaires"


def test_a_scale_column_is_never_the_comment_even_when_its_header_says_so(tmp_path):
    m = _map(tmp_path, "Commentaire sur l'accueil (1 à 5),Remarques\n4,bien\n5,\n3,ok\n",
             kind="survey")
    assert m.column("comment") == "Remarques"


def test_satisfaction_worded_as_a_mark_is_found_when_its_answers_are_1_to_5(tmp_path):
    m = _map(tmp_path, "Horodateur,Quelle note globale donnez-vous au forum ?,Vos remarques\n"
                       "15/12/2021 10:00,4,bien\n15/12/2021 11:00,5,\n", kind="survey")
    assert m.column("satisfaction") == "Quelle note globale donnez-vous au forum ?"


def test_a_grid_of_ratings_gives_no_overall_satisfaction_but_a_warning(tmp_path):
    m = _map(tmp_path, "How would you rate the workshops?,How would you rate the talks?\n"
                       "4,5\n3,4\n", kind="survey")
    assert m.column("satisfaction") is None
    assert any("several 1–5 questions are worded as a rating" in w for w in m.warnings)
    assert set(m.questions) == {"How would you rate the workshops?",
                                "How would you rate the talks?"}


def test_scan_timestamps_under_a_plain_header_are_the_check_in(tmp_path):
    # "Horodatage" says neither présence nor check-in: the values do (timestamps on the
    # event's day, blank for who did not come); the registration dates spread over weeks
    m = _map(tmp_path, "Email;Date d'inscription;Horodatage\n"
                       "a@b.fr;01/11/2021 10:00;15/12/2021 09:02\n"
                       "c@d.fr;20/11/2021 10:00;\n"
                       "e@f.fr;02/12/2021 10:00;15/12/2021 09:40\n")
    assert m.column("registered_at") == "Date d'inscription"
    assert m.column("checked_in") == "Horodatage"


def test_an_empty_check_in_column_is_no_check_in_column(tmp_path):
    # nobody scanned: attendance is unknown, not zero
    m = _map(tmp_path, "Email;Présent\na@b.fr;\nc@d.fr;\n")
    assert m.column("checked_in") is None
    assert any("'Présent' would give the check-in but it is empty" in w for w in m.warnings)


def test_payer_columns_are_never_the_participants_identity(tmp_path):
    m = _map(tmp_path, "Nom adhérent;Prénom adhérent;Email payeur;Buyer Email\n"
                       "Roux;Anne;p@x.fr;p@x.fr\nBlanc;Paul;p@x.fr;p@x.fr\n")
    assert m.column("email") is None
    assert m.column("last_name") == "Nom adhérent" and m.column("first_name") == "Prénom adhérent"


def test_a_status_column_that_says_who_came_gives_the_check_in_too(tmp_path):
    m = _map(tmp_path, "Email;Statut\na@b.fr;Présent\nc@d.fr;Absent\ne@f.fr;Annulé\n"
                       "g@h.fr;Inscrit\n")
    assert m.column("status") == "Statut" and m.column("checked_in") == "Statut"


def test_a_mark_out_of_ten_is_not_taken_for_the_nps(tmp_path):
    m = _map(tmp_path, "Quelle note sur 10 donnez-vous au forum ?,Q2\n8,4\n9,5\n7,3\n",
             kind="survey")
    assert m.column("nps") is None


# ------------------------------------------------------ found by a second reader

def test_a_refund_date_is_never_the_check_in(tmp_path):
    # sparse dates on one day, but of a refund: attendance stays unknown
    m = _map(tmp_path, "Email;Refund Date;Date d'annulation\n"
                       "a@b.fr;;\nc@d.fr;10/12/2021 10:00;10/12/2021 09:00\ne@f.fr;;\n")
    assert m.column("checked_in") is None


def test_a_column_blank_in_its_first_rows_is_still_found(tmp_path):
    # an export sorted by date: check-in and organisation type filled only after row 2,000
    rows = [f"p{i}@x.fr;;" for i in range(2000)] + [f"q{i}@x.fr;oui;PME" for i in range(500)]
    m = _map(tmp_path, "Email;Présent;Type de structure\n" + "\n".join(rows) + "\n")
    assert m.column("checked_in") == "Présent" and m.column("community") == "Type de structure"
    assert m.fields["checked_in"].fill == 500 / 2500


def test_limesurvey_metadata_never_competes_with_the_questions(tmp_path):
    from peakreport.read.presets import BY_NAME

    p = tmp_path / "s.csv"
    p.write_text("id,submitdate,lastpage,startlanguage,email,REC\n"
                 "1,2021-12-15 10:00:00,7,fr,a@b.fr,9\n2,2021-12-15 11:00:00,8,fr,c@d.fr,10\n"
                 "3,2021-12-15 12:00:00,8,fr,e@f.fr,3\n", encoding="utf-8")
    src = SurveyParams(path=p)
    m = map_columns(read_table(src, "survey"), src, "survey", BY_NAME["limesurvey"])
    assert m.column("nps") == "REC"  # 'lastpage' (7, 8) is not a second 0–10 question


def test_a_french_free_text_question_starting_with_comment_is_the_comment(tmp_path):
    m = _map(tmp_path, "Êtes-vous satisfait du forum ?,Comment pourrions-nous améliorer le "
                       "forum ?\n5,Plus de pauses\n4,\n", kind="survey")
    assert m.column("comment") == "Comment pourrions-nous améliorer le forum ?"


def test_short_word_comments_are_still_comments(tmp_path):
    # "Bien", "Très bien" read like satisfaction labels, but they are not numbers
    m = _map(tmp_path, "Commentaires\nBien\nTrès bien\nBien\n", kind="survey")
    assert m.column("comment") == "Commentaires"


def test_rating_words_are_whole_words():
    from peakreport.read.fields import rating_score

    assert rating_score("Start Date") == 0 and rating_score("Notes") == 0
    assert rating_score("Quelle note donnez-vous ?") == 0.7
    assert rating_score("How would you rate the forum overall?") == 0.8
