"""sanity: data that look wrong are flagged with their figure, in validate and the report."""

from __future__ import annotations

from peakreport.i18n import lang
from peakreport.measure.analysis import analyse
from peakreport.measure.sanity import checks, describe

from .conftest import base_params, write_params


def _forum(tmp_path, reg: str, survey: str | None = None):
    (tmp_path / "r.csv").write_text(reg, encoding="utf-8")
    if survey is not None:
        (tmp_path / "s.csv").write_text(survey, encoding="utf-8")
    return analyse(write_params(tmp_path, base_params("r.csv", "s.csv" if survey else None)))


def test_a_clean_forum_raises_no_warning(tmp_path):
    # 10 rows, 1 footer rejected (10 %, not over); 3 attendees, 2 responses, both linked;
    # dates proved day-first by the 25th
    reg = "Email;Type de structure;Code postal;Présent;Date d'inscription\n" + "".join(
        f"p{i}@x.fr;PME;74000;{'oui' if i < 3 else ''};{i + 20}/11/2021\n" for i in range(9)
    ) + "Total : 9 lignes;;;;\n"
    survey = "Adresse e-mail,Êtes-vous satisfait du forum ?\np0@x.fr,5\np1@x.fr,4\n"
    assert checks(_forum(tmp_path, reg, survey)) == []


def test_the_hand_forum_is_flagged_where_it_is_odd(hand_forum):
    # its registration dates run 01/10–09/10: day/month cannot be told; 2 of its 9 survey
    # rows are invalid (22 % > 10 %); 5 responses for 4 attendees
    found = checks(analyse(hand_forum))
    assert [c.code for c in found] == ["ambiguous_dates", "many_rejected", "more_responses"]
    # funders read field names in words, not the canonical keys
    fr = describe(found[0], lang("fr"))
    assert "(date d'inscription)" in fr and "registered_at" not in fr


def test_each_warning_carries_its_figure(tmp_path):
    # 10 registrations: rows 10 and 11 are stray, so 2 of 10 rows rejected (20 % > 10 %);
    # the postcode column is 7 of 8 kept rows blank... counted on all 10 rows: 9 blank
    # (90 %, not over 90 %); community labels: 4 of 8 unknown ("Presse", 50 %, not over);
    # 8 attendees, 9 survey responses, 1 of them an attendee (12.5 % < 20 %)
    people = [("a", "Entreprise"), ("b", "PME"), ("c", "Université"), ("d", "Région"),
              ("e", "Presse"), ("f", "Presse"), ("g", "Presse"), ("h", "Presse")]
    reg = "Email;Type de structure;Code postal;Présent\n" + "".join(
        f"{p}@x.fr;{k};{'74000' if p == 'a' else ''};oui\n" for p, k in people
    ) + ";;;\n;;;oui\n;;;oui\n"
    survey = "Adresse e-mail,Êtes-vous satisfait du forum ?\na@x.fr,5\n" + "".join(
        f"z{i}@y.fr,4\n" for i in range(8))
    a = _forum(tmp_path, reg, survey)
    found = {c.code: c.figures for c in checks(a)}
    assert set(found) == {"many_rejected", "more_responses", "low_linkage"}
    assert found["many_rejected"]["rejected"] == 2 and found["many_rejected"]["read"] == 10
    assert found["more_responses"] == {"responses": 9, "attended": 8}
    assert found["low_linkage"]["share"] == 1 / 8
    fr = {c.code: describe(c, lang("fr")) for c in checks(a)}
    assert "2 lignes rejetées sur 10 (20\u202f%)" in fr["many_rejected"]
    assert "seuls 1 présents sur 8 (12\u202f%)" in fr["low_linkage"]


def test_empty_columns_unknown_labels_and_unusable_postcodes(tmp_path):
    # 11 people: the sector column is filled on 1 row (10 of 11 blank, 91 % > 90 %);
    # 6 of 11 organisation types unknown (55 % > 50 %); 6 of 11 postcodes foreign (55 %)
    rows = [(f"p{i}@x.fr", "Entreprise" if i < 5 else "Autre chose",
             "74000" if i < 5 else "SW1A 1AA", "Auto" if i == 0 else "") for i in range(11)]
    reg = "Email;Type de structure;Code postal;Secteur;Présent\n" + "".join(
        f"{e};{k};{pc};{s};oui\n" for e, k, pc, s in rows)
    a = _forum(tmp_path, reg)
    found = {c.code: c.figures for c in checks(a)}
    assert set(found) == {"mostly_empty", "community_unrecognised", "postcodes_unusable"}
    assert found["mostly_empty"]["column"] == "Secteur"
    assert found["mostly_empty"]["share"] == 10 / 11
    assert found["community_unrecognised"]["share"] == 6 / 11
    assert found["postcodes_unusable"]["share"] == 6 / 11
    en = describe(next(c for c in checks(a) if c.code == "mostly_empty"), lang("en"))
    assert en == "Registrations (r.csv): column 'Secteur' (sector) is 91% empty"


def test_validate_and_the_report_data_show_the_warnings(tmp_path, capsys):
    from peakreport.cli import main
    from peakreport.measure.aggregates import report_data

    reg = "Email;Présent\n" + "".join(f"p{i}@x.fr;oui\n" for i in range(4)) + ";x\n;x\n"
    (tmp_path / "r.csv").write_text(reg, encoding="utf-8")
    path = write_params(tmp_path, base_params("r.csv", None))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Data that look wrong (warnings, not failures):" in out
    assert "2 of 6 rows rejected (33%), over 10%" in out
    data = report_data(analyse(path), other="autres")
    assert [c.code for c in data.checks] == ["many_rejected"]
