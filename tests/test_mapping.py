"""mapping: headers found by keywords, by the params, and by the shape of answers."""

from __future__ import annotations

import pytest

from peakreport.errors import DataError
from peakreport.load import read_table
from peakreport.mapping import map_columns
from peakreport.params import RegistrationsParams, SurveyParams


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
