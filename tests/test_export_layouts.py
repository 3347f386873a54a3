"""Export layouts peakreport had never seen (issue 17), read with no setting given.

Each fixture is built from public facts about the platform (header rows, encodings,
delimiters, sections), noted beside it: Microsoft Teams' attendance report, Zoom's
webinar and meeting reports, Qualtrics' three header rows, Drupal Webform's three header
rows. The research notes they come from are summarised in tests/attendance_lists.py and
tests/platforms.py.
"""

from __future__ import annotations

import pytest

from peakreport.params import AttendanceParams, SurveyParams, load_params
from peakreport.read.load import _detect_delimiter, read_table

from . import attendance_lists as A
from . import platforms as P


def test_teams_delimiter_is_not_guessed_from_its_summary_lines(tmp_path):
    # "Start time<TAB>15/12/21, 09:00:07": counting the commonest record width picked
    # the comma (one per time in the summary, two per participant row)
    lines = A.teams(tmp_path).read_bytes()[2:].decode("utf-16-le").splitlines()
    assert _detect_delimiter(lines, "auto") == ("\t", "detected")


def test_teams_table_ends_at_the_next_section(tmp_path):
    t = read_table(AttendanceParams(path=A.teams(tmp_path)), "attendance")
    assert t.headers == ["Name", "First join", "Last leave", "In-meeting duration", "Email",
                         "Participant ID (UPN)", "Role"]
    assert list(t.source_rows) == [11, 12, 13, 14]  # the blank line (15) ends the table
    assert "'2. Participants' section" in t.detected["header_row"]


def test_zoom_webinar_header_is_the_attendees_table(tmp_path):
    t = read_table(AttendanceParams(path=A.zoom_webinar(tmp_path)), "attendance")
    assert t.header_row == 12 and t.headers[:3] == ["Attended", "User Name (Original Name)",
                                                    "First Name"]
    assert list(t.source_rows) == [13, 14, 15, 16, 17, 18]
    # the other sections' people (host, panelist) and the preamble's values are listed
    assert [r for r, _ in t.outside] == [4, 7, 10]
    assert "'Host Details' section" in dict(t.outside)[7]


def test_zoom_webinar_2020_layout_unpadded_and_quoted(tmp_path):
    # beemyfriend/ZoomReports Anonymized_Zoom_Attendee_Report.csv (2020): host header
    # unquoted, panelist and attendee headers quoted, an "Other Attended" section last
    path = tmp_path / "zoom2020.csv"
    path.write_text(
        'Attendee Report,\nReport Generated:,"Apr 09, 2020 8:50 PM"\n'
        "Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,"
        "# Cancelled,Unique Viewers,Total Users,Max Concurrent Views\n"
        'Forum,328-972-509,"Mar 28, 2020 8:07 AM", 548, 461, 0,446,991,0\n'
        "Host Details,\nAttended,User Name,Email,Join Time,Leave Time,"
        "Time in Session (minutes),Country/Region Name\n"
        'Yes,host,host@x.org,"Mar 28, 2020 08:07:27","Mar 28, 2020 17:14:45",548,France\n'
        'Panelist Details,\n"Attended","User Name","Email","Join Time","Leave Time",'
        '"Time in Session (minutes)","Country/Region Name"\n'
        '"Yes","pan","pan@x.org","Mar 28, 2020 09:39:09","Mar 28, 2020 10:03:38",25,"France"\n'
        'Attendee Details,\n"Attended","First Name","Last Name","Email","Registration Time",'
        '"Approval Status","Join Time","Leave Time","Time in Session (minutes)",'
        '"Country/Region Name"\n'
        '"Yes","Paul","Blanc","paul@b.fr","Mar 28, 2020 09:07:11","approved",'
        '"Mar 28, 2020 09:07:39","Mar 28, 2020 09:26:54","20","France"\n'
        '"No","Marc","Noir","marc@c.fr","Mar 28, 2020 07:31:48","approved","--","--","--",'
        '"--"\nOther Attended,\n"User Name","Join Time","Leave Time",'
        '"Time in Session (minutes)","Country/Region Name"\n'
        '"other","Mar 28, 2020 2:20 PM","Mar 28, 2020 2:21 PM",1,"India"\n', encoding="utf-8")
    t = read_table(AttendanceParams(path=path), "attendance")
    assert (t.delimiter, t.header_row) == (",", 12)
    assert list(t.frame["Email"]) == ["paul@b.fr", "marc@c.fr"]
    assert [r for r, _ in t.outside] == [4, 7, 10, 17]  # preamble, host, panelist, other


def test_zoom_meeting_participants_below_a_meeting_table_and_a_blank_line(tmp_path):
    t = read_table(AttendanceParams(path=A.zoom_meeting(tmp_path)), "attendance")
    assert t.header_row == 4 and t.headers[0] == "Name (Original Name)"
    assert len(t.frame) == 4


def test_qualtrics_three_header_rows(tmp_path):
    t = read_table(SurveyParams(path=P.qualtrics(tmp_path)), "survey")
    # the platform's own columns by their ids (their texts follow the exporting user's
    # language), the questions by their text; the ImportId row is not a response
    assert t.headers[:3] == ["StartDate", "EndDate", "Status"]
    assert "Overall, how satisfied were you with the forum?" in t.headers
    assert t.header_row == 2 and t.source_rows[0] == 4
    assert not t.frame["StartDate"].str.contains("ImportId").any()
    assert len(t.frame) == 6  # four answers, an unfinished one, a preview


def test_qualtrics_real_sample_header(tmp_path):
    # ropensci/qualtRics sample.csv: ids, German texts, ImportIds without time zones
    path = tmp_path / "sample.csv"
    path.write_text(
        "StartDate,EndDate,Status,IPAddress,Progress,Duration (in seconds),Finished,"
        "RecordedDate,ResponseId,Q1,Q2\n"
        "Anfangsdatum,Enddatum,Antworttyp,IP-Adresse,Aktueller Stand,Dauer (in Sekunden),"
        "Beendet,Erfassungsdatum,Antwort-ID,This is a multiple choice question.,"
        "This is a free text question.\n"
        + ",".join(f'"{{""ImportId"":""{i}""}}"' for i in (
            "startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished",
            "recordedDate", "_recordId", "QID1", "QID2_TEXT")) + "\n"
        "2017-07-18 08:28:09,2017-07-18 08:28:48,0,192.0.2.10,100,38,1,2017-07-18 08:28:48,"
        "R_2YPOQ602ER1jkf1,2,Hello World!\n", encoding="utf-8")
    t = read_table(SurveyParams(path=path), "survey")
    assert t.headers == ["StartDate", "EndDate", "Status", "IPAddress", "Progress",
                         "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId",
                         "This is a multiple choice question.", "This is a free text question."]
    assert len(t.frame) == 1 and t.source_rows[0] == 4


def test_webform_three_header_rows(tmp_path):
    t = read_table(SurveyParams(path=P.framaforms(tmp_path)), "survey")
    assert t.header_row == 3 and t.headers[:4] == ["Serial", "SID", "Time", "Draft"]
    assert list(t.source_rows) == [4, 5, 6, 7, 8]


@pytest.mark.parametrize("written", ['"\\t"', "tab", "'\t'"])
def test_a_tab_delimiter_loads_however_it_is_written(tmp_path, written):
    (tmp_path / "r.tsv").write_text("Email\tNom\na@x.fr\tA\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "event: {id: x, title: X, date: 2021-12-15}\nregistrations:\n  path: r.tsv\n"
        f"  delimiter: {written}\n  columns:\n", encoding="utf-8")
    params = load_params(tmp_path / "p.yaml")
    assert params.registrations.delimiter == "\t" and params.registrations.columns == {}


def test_teams_2021_list_below_a_meeting_summary(tmp_path):
    # the 2021 layout as public parsers read it (UTF-16LE, TAB): "Meeting Summary" lines,
    # a blank line, then Full Name, Join Time, Leave Time, Duration, Email, Role,
    # Participant ID (UPN)
    from peakreport.read.source import read_source

    lines = ["Meeting Summary", "Total Number of Participants\t2", "Meeting Title\tForum X",
             "Meeting Start Time\t12/15/2021, 9:00:07 AM",
             "Meeting End Time\t12/15/2021, 12:50:14 PM", "",
             "Full Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\tParticipant ID (UPN)",
             "Paul Blanc\t12/15/2021, 9:01:02 AM\t12/15/2021, 10:03:12 AM\t1h 2m 10s\t"
             "paul@b.fr\tAttendee\tpaul@b.fr",
             "Zoé Gris\t12/15/2021, 9:10:00 AM\t12/15/2021, 9:14:46 AM\t4m 46s\tzoe@e.fr\t"
             "Attendee\tzoe@e.fr"]
    path = tmp_path / "meetingAttendanceList.csv"
    path.write_bytes(b"\xff\xfe" + "\r\n".join(lines).encode("utf-16-le"))
    t, m = read_source(AttendanceParams(path=path), "attendance")
    assert (t.delimiter, t.header_row, m.preset.name) == ("\t", 7, "teams-2021")
    assert list(t.frame["Email"]) == ["paul@b.fr", "zoe@e.fr"]
    assert (m.column("name"), m.column("duration")) == ("Full Name", "Duration")


def test_drupal_8_webform_is_draft_is_not_a_response(tmp_path):
    # Webform 6.x labels (one header row): Serial number, Submission ID, …, Is draft
    from peakreport.data.validate import validate_survey
    from peakreport.read.source import read_source

    path = tmp_path / "webform.csv"
    path.write_text(
        "Serial number,Submission ID,Submission URI,Created,Completed,Changed,Is draft,"
        "Current page,Remote IP address,Language,Email,Êtes-vous satisfait(e) du forum ?\n"
        "1,11,/form/x,2021-12-15 10:00,2021-12-15 10:05,2021-12-15 10:05,0,,192.0.2.1,fr,"
        "a@x.fr,Satisfait(e)\n"
        "2,12,/form/x,2021-12-15 11:00,,2021-12-15 11:01,1,page_2,192.0.2.2,fr,b@x.fr,"
        "Peu satisfait(e)\n", encoding="utf-8")
    src = SurveyParams(path=path)
    t, m = read_source(src, "survey")
    assert m.preset.name == "webform"
    v = validate_survey(t, m, src)
    assert list(v.rejected["code"]) == ["unfinished"] and list(v.frame["satisfaction"]) == [4]


def test_a_sheet_with_subtitles_is_not_read_as_a_report(tmp_path):
    # titled like sections, but what follows each sub-title is more people, not a table
    # of its own: one table, every person read (none left "outside")
    from peakreport.params import RegistrationsParams

    path = tmp_path / "r.csv"
    path.write_text("Liste des participants\nNom;Prénom;Email;Présent\n"
                    "Participants entreprises\nRoux;Anne;anne@a.fr;x\n"
                    "Participants universités\nBlanc;Paul;paul@b.fr;\n", encoding="utf-8")
    t = read_table(RegistrationsParams(path=path), "registrations")
    assert t.header_row == 2 and t.outside == []
    assert {"anne@a.fr", "paul@b.fr"} <= set(t.frame["Email"])
