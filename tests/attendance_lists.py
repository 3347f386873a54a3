"""Attendance lists of a hybrid forum, shaped like the real ones (sources beside each).

They go with the registrations of tests/platforms.py (Anne Roux and Lise Vert checked in
on site, Paul Blanc registered and not checked in, Marc Noir cancelled). Each ONLINE list
below says the same thing in its platform's way:

    Paul Blanc   present online                    -> attended online
    Lise Vert    present online too                -> counts on site (checked in there)
    Zoé Gris     present, never registered         -> counted apart
    Marc Noir    listed, not present (or absent)   -> nothing
    Anne Roux    listed, not present online        -> nothing (she came on site)

    attended_onsite 2 (Anne, Lise) · attended_online 1 (Paul) · attended 3
    unregistered_attendees 1 (Zoé) — 2 for Teams and the Zoom meeting, whose reports list
    the organiser's account among the participants
"""

from __future__ import annotations

import csv
import io
from pathlib import Path


def _csv(rows: list[list[object]], delimiter: str = ",", terminator: str = "\r\n",
         quoting: int = csv.QUOTE_MINIMAL) -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=terminator,
               quoting=quoting).writerows(rows)
    return buf.getvalue()


def zoom_webinar(folder: Path) -> Path:
    """Zoom's webinar "Attendee Report", 2025 layout (a report quoted in public test code;
    the 2020 one is beemyfriend/ZoomReports): a preamble, then Host Details, Panelist
    Details and Attendee Details sections, every record padded to 14 cells, comma, no BOM.
    Paul left and joined again: two rows. "--" when absent."""
    def pad(rec: list[object]) -> list[object]:
        return rec + [""] * (14 - len(rec))

    rows = [pad(["Attendee Report"]),
            pad(["Report Generated:", "Dec 16, 2021 6:26 PM"]),
            pad(["Topic", "Webinar ID", "Actual Start Time", "Actual Duration (minutes)",
                 "# Registered", "# Cancelled", "Unique Viewers", "Total Users",
                 "Max Concurrent Views", "Enable Registration"]),
            pad(["Forum X en ligne", "812 3456 7890", "Dec 15, 2021 9:00 AM", 240, 5, 0, 3,
                 4, 3, "Yes"]),
            pad(["Host Details"]),
            pad(["Attended", "User Name (Original Name)", "Email", "Join Time", "Leave Time",
                 "Time in Session (minutes)", "Is Guest", "Country/Region Name"]),
            pad(["Yes", "Equipe Forum", "host@forum.fr", "Dec 15, 2021 08:50:00",
                 "Dec 15, 2021 13:00:00", 250, "No", "France"]),
            pad(["Panelist Details"]),
            pad(["Attended", "User Name (Original Name)", "Email", "Join Time", "Leave Time",
                 "Time in Session (minutes)", "Is Guest", "Country/Region Name"]),
            pad(["Yes", "Camille Orateur", "speaker@x.fr", "Dec 15, 2021 09:00:00",
                 "Dec 15, 2021 10:00:00", 60, "Yes", "France"]),
            pad(["Attendee Details"]),
            ["Attended", "User Name (Original Name)", "First Name", "Last Name", "Email",
             "Phone", "Registration Time", "Approval Status", "Join Time", "Leave Time",
             "Time in Session (minutes)", "Is Guest", "Structure", "Country/Region Name"],
            ["Yes", "Paul Blanc", "Paul", "Blanc", "paul@b.fr", "", "Dec 01, 2021 10:00:00",
             "approved", "Dec 15, 2021 09:02:00", "Dec 15, 2021 09:40:00", 38, "Yes", "Univ",
             "France"],
            ["Yes", "Paul Blanc", "Paul", "Blanc", "paul@b.fr", "", "", "",
             "Dec 15, 2021 10:00:00", "Dec 15, 2021 11:00:00", 60, "Yes", "Univ", "France"],
            ["Yes", "Lise Vert", "Lise", "Vert", "lise@d.fr", "", "Dec 02, 2021 10:00:00",
             "approved", "Dec 15, 2021 14:00:00", "Dec 15, 2021 14:30:00", 30, "Yes", "Région",
             "France"],
            ["No", "Marc Noir", "Marc", "Noir", "marc@c.fr", "", "Dec 01, 2021 11:00:00",
             "approved", "--", "--", "--", "--", "Gamma", ""],
            ["No", "Anne Roux", "Anne", "Roux", "anne@a.fr", "", "Nov 29, 2021 22:28:00",
             "approved", "--", "--", "--", "--", "Alpha", ""],
            ["Yes", "Zoé Gris", "Zoé", "Gris", "zoe@e.fr", "", "Dec 14, 2021 08:00:00",
             "approved", "Dec 15, 2021 09:05:00", "Dec 15, 2021 12:00:00", 175, "Yes", "Zeta",
             "France"]]
    path = folder / "zoom-webinar.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


# rows of zoom_webinar that made no registered person attended, by their source row:
# the preamble's values (4), the host (7) and the panelist (10) are other sections;
# Marc (16) and Anne (17) are "No"; Zoé (18) is present and not registered
ZOOM_WEBINAR_NOT_USED = {4: "outside_table", 7: "outside_table", 10: "outside_table",
                         16: "not_present", 17: "not_present", 18: "unregistered"}


def zoom_meeting(folder: Path) -> Path:
    """Zoom's meeting participants report exported with the meeting's data (a Meeting
    ID, Topic… table, a blank line, then Name (Original Name), User Email, Join Time,
    Leave Time, Duration (Minutes), Guest: public code quoting real exports). Lise joined
    under a nickname: her registered name is in brackets, as Zoom writes a renamed
    participant, and no e-mail."""
    rows = [["Meeting ID", "Topic", "Start Time", "End Time", "User Email",
             "Duration (Minutes)", "Participants", ""],
            ["81234567890", "Forum X", "12/15/2021 08:55:00 AM", "12/15/2021 12:20:00 PM",
             "host@forum.fr", 205, 4, ""],
            [],
            ["Name (Original Name)", "User Email", "Join Time", "Leave Time",
             "Duration (Minutes)", "Guest"],
            ["Equipe Forum", "host@forum.fr", "12/15/2021 08:55:00 AM",
             "12/15/2021 12:20:00 PM", 205, "No"],
            ["Paul Blanc", "paul@b.fr", "12/15/2021 09:00:30 AM", "12/15/2021 10:17:06 AM", 77,
             "Yes"],
            ["Lili (Lise Vert)", "", "12/15/2021 09:10:00 AM", "12/15/2021 09:40:00 AM", 30,
             "Yes"],
            ["Zoé Gris", "zoe@e.fr", "12/15/2021 09:05:00 AM", "12/15/2021 09:35:00 AM", 30,
             "Yes"]]
    path = folder / "zoom-meeting.csv"
    path.write_text("\ufeff" + _csv(rows), encoding="utf-8")
    return path


def teams(folder: Path) -> Path:
    """Microsoft Teams' attendance report (dvaneynde/teams-attendance, 2022 layout; the
    parsers that read real downloads open them as UTF-16LE with a BOM): "1. Summary",
    "2. Participants", "3. In-Meeting activities", TAB-separated; names "Last, First" or
    "NAME (EXT)"; durations "1h 2m 10s". The start time holds a comma, as the real one
    does. Lise joined with another address: she is found by her name. The organiser is
    listed as a participant."""
    lines = ["1. Summary",
             "Meeting title\tForum X en ligne",
             "Attended participants\t4",
             "Start time\t15/12/21, 09:00:07",
             "End time\t15/12/21, 12:50:14",
             "Meeting duration\t3h 50m 7s",
             "Average attendance time\t1h 10m 4s",
             "",
             "2. Participants",
             "Name\tFirst join\tLast leave\tIn-meeting duration\tEmail\tParticipant ID (UPN)"
             "\tRole",
             "Equipe Forum\t15/12/21, 09:00:07\t15/12/21, 12:50:14\t3h 50m 7s\torga@forum.fr"
             "\torga@forum.fr\tOrganizer",
             "Blanc, Paul\t15/12/21, 09:01:02\t15/12/21, 10:03:12\t1h 2m 10s\tpaul@b.fr"
             "\tpaul@b.fr\tAttendee",
             "VERT LISE (EXT)\t15/12/21, 09:30:46\t15/12/21, 09:50:12\t19m 26s"
             "\tlise.vert@region.fr\tlise.vert@region.fr\tAttendee",
             "Zoé Gris\t15/12/21, 09:10:00\t15/12/21, 09:14:46\t4m 46s\tzoe@e.fr\tzoe@e.fr"
             "\tAttendee",
             "",
             "3. In-Meeting activities",
             "Name\tJoin time\tLeave time\tDuration\tEmail\tRole",
             "Equipe Forum\t15/12/21, 09:00:07\t15/12/21, 12:50:14\t3h 50m 7s\torga@forum.fr"
             "\tOrganizer",
             "Blanc, Paul\t15/12/21, 09:01:02\t15/12/21, 09:30:00\t28m 58s\tpaul@b.fr"
             "\tAttendee",
             "Blanc, Paul\t15/12/21, 09:31:00\t15/12/21, 10:03:12\t32m 12s\tpaul@b.fr"
             "\tAttendee",
             "VERT LISE (EXT)\t15/12/21, 09:30:46\t15/12/21, 09:50:12\t19m 26s"
             "\tlise.vert@region.fr\tAttendee",
             "Zoé Gris\t15/12/21, 09:10:00\t15/12/21, 09:14:46\t4m 46s\tzoe@e.fr\tAttendee"]
    path = folder / "teams.csv"
    path.write_bytes(b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le"))
    return path


def webinar_list_fr(folder: Path) -> Path:
    """A French webinar platform's list (Livestorm-style: no public Livestorm export was
    found, so its column names are not claimed): everyone who registered for the online
    session, an arrival time and "Durée (minutes)" — blank and 0 for who never came."""
    rows = [["Prénom", "Nom", "E-mail", "Date d'inscription", "Heure d'arrivée",
             "Durée (minutes)"],
            ["Paul", "Blanc", "paul@b.fr", "01/12/2021", "15/12/2021 09:02", 52],
            ["Marc", "Noir", "marc@c.fr", "01/12/2021", "", 0],
            ["Anne", "Roux", "anne@a.fr", "29/11/2021", "", 0],
            ["Lise", "Vert", "lise@d.fr", "02/12/2021", "15/12/2021 14:00", 25],
            ["Zoé", "Gris", "zoe@e.fr", "14/12/2021", "15/12/2021 09:05", 12]]
    path = folder / "webinaire.csv"
    path.write_text("\ufeff" + _csv(rows, ";"), encoding="utf-8")
    return path


def sign_in_sheet(folder: Path) -> Path:
    """A printed sign-in sheet typed back into Excel: a title row, then Nom, Prénom,
    Structure, Signature; a signature (initials, a tick) says who came; Zoé walked in
    without registering; a total line at the bottom."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Émargement"
    ws.append(["Feuille d'émargement — Forum X, 15 décembre 2021"])
    ws.append(["Nom", "Prénom", "Structure", "Signature"])
    ws.append(["ROUX", "Anne", "Alpha", "AR"])
    ws.append(["Blanc", "Paul", "Univ", None])
    ws.append(["Vert", "Lise", "Région", "✓"])
    ws.append(["Gris", "Zoé", "Zeta", "ZG"])
    ws.append(["Total : 3 présents", None, None, None])
    path = folder / "emargement.xlsx"
    wb.save(path)
    return path


def pretix_checkin(folder: Path) -> Path:
    """pretix's check-in list CSV (its exporter: Order code, Attendee name, Product,
    Price, Checked in — the last check-in's time, blank when never —, Checked out,
    Automatically checked in, E-mail, Company, Voucher code, Order date, Requires special
    attention, Comment), all cells quoted, UTF-8 without BOM."""
    rows = [["Order code", "Attendee name", "Product", "Price", "Checked in", "Checked out",
             "Automatically checked in", "E-mail", "Company", "Voucher code", "Order date",
             "Requires special attention", "Comment"],
            ["A1B2C", "Anne Roux", "Entrée", "0.00", "15/12/2021 09:03", "", "No",
             "anne@a.fr", "Alpha", "", "2021-11-29", "No", ""],
            ["D3E4F", "Paul Blanc", "Entrée", "0.00", "", "", "No", "paul@b.fr", "Univ", "",
             "2021-11-30", "No", ""],
            ["G5H6J", "Lise Vert", "Entrée", "0.00", "15/12/2021 09:20", "", "No",
             "lise@d.fr", "Région", "", "2021-12-02", "No", ""],
            ["K7L8M", "Anne Roux", "Entrée", "0.00", "", "", "No", "anne@a.fr", "Alpha", "",
             "2021-12-03", "No", ""]]
    path = folder / "pretix-checkin.csv"
    path.write_text(_csv(rows, quoting=csv.QUOTE_ALL), encoding="utf-8")
    return path


ONLINE = {"zoom-webinar": zoom_webinar, "zoom-meeting": zoom_meeting, "teams": teams,
          "webinar-fr": webinar_list_fr}
PRESET_OF = {"zoom-webinar": "zoom-webinar", "zoom-meeting": "zoom-meeting", "teams": "teams",
             "webinar-fr": None}
UNREGISTERED = {"zoom-webinar": 1, "zoom-meeting": 2, "teams": 2, "webinar-fr": 1}
