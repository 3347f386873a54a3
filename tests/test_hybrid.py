"""Hybrid forums: attendance lists (Zoom, Teams, a webinar list, a sign-in sheet) beside
the registrations, from `init` to metrics.json and the report, with figures by hand.

The registrations are Weezevent's of tests/platforms.py (Anne and Lise checked in on
site, Paul registered but not checked in, Marc cancelled, Anne registered twice); the
lists are in tests/attendance_lists.py. The survey is the French Google Forms one
(Anne 5/10 after an earlier 1/0, Lise 4/8, Paul 2/3).
"""

from __future__ import annotations

import json

import pytest

from peakreport.cli import main
from peakreport.data.params_writer import write_params
from peakreport.measure.analysis import analyse
from peakreport.measure.metrics import nps_margin_of_error

from . import attendance_lists as A
from . import platforms as P


def _forum(tmp_path, *lists, reg=P.weezevent, survey=P.google_forms_fr):
    exports = tmp_path / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    r = reg(exports)
    s = survey(exports) if survey else None
    files = [(f(exports), mode) if mode else f(exports) for f, mode in lists]
    path, checks = write_params(r, s, event_id="forum-x", date="2021-12-15",
                                out_dir=tmp_path / "params", attendance=files)
    return path, checks


@pytest.mark.parametrize("name", list(A.ONLINE))
def test_an_online_list_gives_onsite_online_and_unregistered_by_hand(tmp_path, name):
    path, _ = _forum(tmp_path, (A.ONLINE[name], None))
    a = analyse(path)
    reg = a.metrics.data["registrations"]
    # on site: Anne and Lise checked in; online: Paul (Lise is on the list too: on site)
    assert (reg["attended_onsite"], reg["attended_online"], reg["attended"]) == (2, 1, 3)
    assert (reg["registered"], reg["cancelled"]) == (3, 1)  # lists add nobody to these
    assert reg["attendance_rate"] == 3 / 3
    # Zoé never registered (and, on Teams and the Zoom meeting, the organiser's account)
    assert reg["unregistered_attendees"] == A.UNREGISTERED[name]
    lst = a.people.lists[0]
    assert lst.mode == "online"
    assert (lst.mapping.preset.name if lst.mapping.preset else None) == A.PRESET_OF[name]
    # attended is the union, so the survey and the audience follow it: Paul now counts
    aud, sur = a.metrics.data["audience"], a.metrics.data["survey"]
    assert aud["by_community"] == {"company": 1, "training": 1, "institution": 1, "expert": 0,
                                   "other": 0}
    assert aud["regional_share"] == pytest.approx(2 / 3)  # 74 and 69 in, 75 out
    assert (sur["linked_to_attendees"], sur["response_rate"]) == (3, 1.0)
    # NPS of Anne 10, Lise 8, Paul 3: p = d = 1/3, n = 3 of N = 3 attendees
    assert sur["nps_margin_of_error"] == pytest.approx(nps_margin_of_error(1 / 3, 1 / 3, 3, 3))


def test_zoom_webinar_rows_are_used_or_listed_with_their_reason(tmp_path):
    path, _ = _forum(tmp_path, (A.zoom_webinar, None))
    a = analyse(path)
    rej = a.rejected_attendance()
    assert dict(zip(rej["source_row"], rej["code"], strict=True)) == A.ZOOM_WEBINAR_NOT_USED
    assert set(rej["list"]) == {"zoom-webinar.csv"}
    # every other row of the attendees' table was used: Paul twice (he rejoined), Lise
    lst = a.people.lists[0]
    table_rows = set(lst.table.source_rows)
    assert table_rows - set(rej["source_row"]) == {13, 14, 15}
    assert lst.rows_read == 6 + 3  # the table's six rows and three rows of other sections
    # the report's data-quality table: three rows kept for two people, Paul's rejoining merged
    from peakreport.measure.aggregates import quality

    (q,) = [f for f in quality(a) if f.kind == "attendance"]
    assert (q.rows_kept, q.duplicates) == (3, 1)


def test_teams_report_is_read_from_its_participants_section(tmp_path):
    path, _ = _forum(tmp_path, (A.teams, None))
    lst = analyse(path).people.lists[0]
    t = lst.table
    assert (t.encoding, t.delimiter, t.header_row) == ("utf-16", "\t", 10)
    assert list(t.frame["Name"]) == ["Equipe Forum", "Blanc, Paul", "VERT LISE (EXT)",
                                     "Zoé Gris"]
    # the "3. In-Meeting activities" rows are listed, not read as people
    assert [r for r, _ in t.outside] == [18, 19, 20, 21, 22]
    # Lise joined with another address: found by her name ("VERT LISE (EXT)")
    assert lst.matched == 2


def test_a_person_on_both_lists_counts_on_site(tmp_path):
    # the registrations (pretix) say nobody came; the check-in list says Anne and Lise;
    # the webinar list says Paul, Lise (again) and Zoé
    path, _ = _forum(tmp_path, (A.pretix_checkin, None), (A.webinar_list_fr, "online"),
                     reg=P.pretix_positions)
    reg = analyse(path).metrics.data["registrations"]
    assert (reg["attended_onsite"], reg["attended_online"], reg["attended"]) == (2, 1, 3)
    assert reg["unregistered_attendees"] == 1


def test_one_unregistered_person_on_two_lists_counts_once(tmp_path):
    # Zoé is on the Teams report by her address and on the sign-in sheet by her name
    path, _ = _forum(tmp_path, (A.teams, None), (A.sign_in_sheet, "onsite"))
    reg = analyse(path).metrics.data["registrations"]
    assert reg["unregistered_attendees"] == 2  # Zoé and the Teams organiser
    assert (reg["attended_onsite"], reg["attended_online"]) == (2, 1)


def test_a_cancelled_person_present_online_is_counted_apart(tmp_path):
    def marc_came(folder):
        path = A.webinar_list_fr(folder)
        text = path.read_text(encoding="utf-8-sig").replace(
            "Marc;Noir;marc@c.fr;01/12/2021;;0", "Marc;Noir;marc@c.fr;01/12/2021;"
                                                  "15/12/2021 09:30;40")
        path.write_text("\ufeff" + text, encoding="utf-8")
        return path

    path, _ = _forum(tmp_path, (marc_came, "online"))
    a = analyse(path)
    reg = a.metrics.data["registrations"]
    assert (reg["registered"], reg["cancelled"], reg["attended"]) == (3, 1, 3)
    assert reg["unregistered_attendees"] == 2  # Zoé, and Marc whose registration he cancelled
    rej = a.rejected_attendance()
    marc = rej[rej["E-mail"] == "marc@c.fr"]
    assert list(marc["reason"]) == ["present, but their registration is cancelled: counted "
                                    "apart (unregistered attendees)"]


def test_a_name_shared_by_two_registered_people_matches_neither(tmp_path):
    def two_camilles(folder):
        path = folder / "r.csv"
        path.write_text("Email;Nom;Prénom;Présent\ncamille.a@x.fr;Martin;Camille;\n"
                        "camille.b@y.fr;Martin;Camille;\n", encoding="utf-8")
        return path

    def sheet(folder):
        path = folder / "zoom.csv"
        path.write_text("Name (Original Name),User Email,Join Time,Leave Time,"
                        "Duration (Minutes),Guest\nCamille Martin,,12/15/2021 09:00:00 AM,"
                        "12/15/2021 10:00:00 AM,60,Yes\n", encoding="utf-8")
        return path

    path, _ = _forum(tmp_path, (sheet, None), reg=two_camilles, survey=None)
    a = analyse(path)
    assert a.metrics.data["registrations"]["attended"] == 0
    assert list(a.rejected_attendance()["code"]) == ["ambiguous_name"]


def test_a_forum_without_lists_keeps_its_numbers_and_says_online_is_unknown(tmp_path):
    path, _ = _forum(tmp_path)
    m = analyse(path).metrics
    reg = m.data["registrations"]
    assert (reg["attended"], reg["attended_onsite"]) == (2, 2)  # the check-in is on site
    assert reg["attended_online"] is None and reg["unregistered_attendees"] is None
    assert m.reasons["registrations.attended_online"] == "no_attendance_list"


def test_registrations_without_checkin_and_an_online_list_only(tmp_path):
    # HelloAsso's membership export has no check-in: on site is unknown, online is known
    path, _ = _forum(tmp_path, (A.zoom_webinar, None), reg=P.helloasso_adhesion, survey=None)
    m = analyse(path).metrics
    reg = m.data["registrations"]
    assert reg["attended_onsite"] is None
    assert m.reasons["registrations.attended_onsite"] == "no_onsite_source"
    # people by name + organisation: Paul and Lise are on the list by name and address;
    # the list's names match; Zoé is apart
    assert (reg["attended_online"], reg["attended"], reg["unregistered_attendees"]) == (2, 2, 1)


def test_init_cli_writes_the_lists_and_validate_prints_them(tmp_path, capsys):
    exports = tmp_path / "exports"
    exports.mkdir()
    r, z, s = P.weezevent(exports), A.zoom_webinar(exports), A.sign_in_sheet(exports)
    out = tmp_path / "params"
    assert main(["init", "--registrations", str(r), "--online", str(z), "--onsite", str(s),
                 "--id", "forum-x", "--date", "2021-12-15", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "check before running" in err and "placeholder" in err
    text = (out / "forum-x.yaml").read_text()
    assert "mode: online   # from --online" in text and "mode: onsite   # from --onsite" in text
    assert main(["validate", str(out / "forum-x.yaml")]) == 0
    shown = capsys.readouterr().out
    assert "Attendance list (online, params)" in shown
    assert "hybrid forum: attended on site 2, online 1" in shown
    assert main(["metrics", str(out / "forum-x.yaml")]) == 0
    reg = json.loads(capsys.readouterr().out)["registrations"]
    assert (reg["attended_onsite"], reg["attended_online"], reg["unregistered_attendees"]) == (
        2, 1, 1)


def test_unregistered_attendees_names_are_masked_in_comments(tmp_path):
    from peakreport.privacy import of_analysis

    path, _ = _forum(tmp_path, (A.zoom_webinar, None))
    ids = of_analysis(analyse(path))
    text = "Merci à Zoé Gris pour ses questions"
    assert ids.names.matcher([text]).spans(text)
    assert "zoe@e.fr" in ids.emails


def test_run_writes_rejected_attendance_and_the_onsite_online_line(tmp_path):
    from peakreport.publish.run import run_report

    path, _ = _forum(tmp_path, (A.teams, None))
    run_report(path, out=tmp_path / "out", to="html", quiet=True)
    folder = tmp_path / "out" / "forum-x"
    rej = (folder / "internal" / "rejected_attendance.csv").read_text(encoding="utf-8-sig")
    assert rej.splitlines()[0].startswith("list,source_row,reason,code")
    assert len(rej.splitlines()) == 1 + 2 + 5  # organiser and Zoé, five activity rows
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "2 sur place, 1 à distance" in html
    assert "1 à distance ; 2 présents non inscrits, comptés à part" in html
    assert "zoe@e.fr" not in html and "Gris" not in html


def test_programme_method_counts_the_attendance_lists_and_defines_them(tmp_path):
    """A programme with a hybrid forum: its rows table gains the lists' columns, whose
    rejected rows are the ones the reasons table adds in, and the hybrid definition."""
    import yaml

    from peakreport.i18n import HYBRID_DEFINITION
    from peakreport.measure.aggregates import quality
    from peakreport.notebook import ProgrammeReport

    path, _ = _forum(tmp_path, (A.zoom_webinar, None))
    prog = tmp_path / "params" / "prog.yaml"
    prog.write_text(yaml.safe_dump({"programme": {"id": "p", "title": "P"},
                                    "forums": [path.name]}), encoding="utf-8")
    report = ProgrammeReport(str(prog), interactive=False)
    html = report.method().html
    (lst,) = [f for f in quality(analyse(path)) if f.kind == "attendance"]
    assert "Liste de présence" in html
    rows_table = html[:html.index("</table>")]
    total_row = rows_table[rows_table.rindex("<tr"):]
    assert f">{lst.rows_read}<" in total_row and f">{lst.rows_rejected}<" in total_row
    assert HYBRID_DEFINITION["fr"].split("**")[1] in html  # "Forum hybride"
