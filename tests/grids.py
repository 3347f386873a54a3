"""A forum whose survey rates three workshops in a grid, once per platform encoding.

Every survey export holds the same answers, written as its platform writes a grid
(sources beside each function), so that the figures worked out by hand below hold for
all of them. Registrations (one generic `;` CSV, with a "Filière" column) hold:

    r1–r6   Automobile     r5 did not come (a no-show who answered the survey)
    r7–r9   Aéronautique
    r10     (blank filière)
    r11     Mécanique
    p12     Automobile     did not come, did not answer
    p13     Automobile     cancelled

Grid answers (IA, Robotique, Financement); "NA" = an answer saying "did not attend",
"" = left blank; r1 also answered EARLIER with 1, 1, 1 and satisfaction 1 (superseded):

    r1 5 4 NA · r2 4 NA 2 · r3 5 3 NA · r4 3 NA NA · r5 4 5 "" · r6 NA 4 NA
    r7 5 "" 1 · r8 4 5 NA · r9 2 4 NA · r10 5 NA 3 · r11 "" 3 NA

Satisfaction: r1 5, r2 4, r3 4, r4 3, r5 2, r6 5, r7 4, r8 5, r9 3, r10 4, r11 4.
Comments: networking words in r1, r3, r6, r8, r9; one each for other themes in r2, r10,
r11; "RAS" (r4) is a comment in no theme; "-" (r5) and blank (r7) are not comments.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

SESSIONS = ["Atelier IA", "Atelier Robotique", "Atelier Financement"]
NA = "NA"
PEOPLE = [f"r{i}" for i in range(1, 12)]
GRID = {"r1": (5, 4, NA), "r2": (4, NA, 2), "r3": (5, 3, NA), "r4": (3, NA, NA),
        "r5": (4, 5, ""), "r6": (NA, 4, NA), "r7": (5, "", 1), "r8": (4, 5, NA),
        "r9": (2, 4, NA), "r10": (5, NA, 3), "r11": ("", 3, NA)}
SATISFACTION = {"r1": 5, "r2": 4, "r3": 4, "r4": 3, "r5": 2, "r6": 5, "r7": 4, "r8": 5,
                "r9": 3, "r10": 4, "r11": 4}
COMMENTS = {"r1": "Très bon réseau, merci", "r2": "Les ateliers étaient trop courts",
            "r3": "De belles rencontres", "r4": "RAS", "r5": "-", "r6": "Des échanges riches",
            "r7": "", "r8": "Great networking", "r9": "Réseaux utiles",
            "r10": "Salle bruyante", "r11": "Très bonne organisation"}
EARLIER = ("r1", (1, 1, 1), 1, "Contact: r1@auto.fr")  # superseded by r1's later answer


def email(person: str) -> str:
    return f"{person}@auto.fr"


def _answers():
    """(email, grid scores, satisfaction, comment, submitted) in file order: r1's earlier
    answer first, then everyone's answer an hour apart."""
    start = dt.datetime(2021, 12, 15, 9, 30)
    who, grid, sat, comment = EARLIER
    yield email(who), grid, sat, comment, start
    for i, p in enumerate(PEOPLE, 1):
        yield email(p), GRID[p], SATISFACTION[p], COMMENTS[p], start + dt.timedelta(hours=i)


def _csv(rows: list[list[object]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def registrations(folder: Path) -> Path:
    rows = [["Nom", "Prénom", "Email", "Société", "Type de structure", "Filière",
             "Code postal", "Statut", "Présent"]]
    filiere = {**dict.fromkeys(["r1", "r2", "r3", "r4", "r5", "r6"], "Automobile"),
               "r7": "Aéronautique", "r8": " aéronautique", "r9": "Aéronautique",
               "r10": "", "r11": "Mécanique"}
    for p in PEOPLE:
        rows.append([f"Nom{p}", f"Prénom{p}", email(p), f"Société {p}", "Entreprise",
                     filiere[p], "74000", "Validé", "" if p == "r5" else "Oui"])
    rows.append(["Nomp12", "Prénomp12", "p12@auto.fr", "Société p12", "Entreprise",
                 "Automobile", "74000", "Validé", ""])
    rows.append(["Nomp13", "Prénomp13", "p13@auto.fr", "Société p13", "Entreprise",
                 "Automobile", "74000", "Annulé", "Oui"])
    path = folder / "inscriptions.csv"
    path.write_text(_csv(rows, ";"), encoding="utf-8")
    return path


# ------------------------------------------------------------------ the grid, per platform

def google_forms(folder: Path) -> Path:
    """Google Forms (French): a grid is one column per row, `Question [Row]`
    (lesmana/google-sheet-format-form-grid-responses: "Jog [Spring]"), each cell the
    chosen column's label; here the columns are 1 … 5 and "Je n'ai pas assisté"."""
    q = "Comment évaluez-vous les ateliers ?"
    rows = [["Horodateur", "Adresse e-mail", "Globalement, êtes-vous satisfait(e) du forum ?",
             *[f"{q} [{s}]" for s in SESSIONS], "Commentaires"]]
    for mail, grid, sat, comment, at in _answers():
        rows.append([at.strftime("%d/%m/%Y %H:%M:%S"), mail, sat,
                     *["Je n'ai pas assisté" if g == NA else g for g in grid], comment])
    path = folder / "google-forms.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


def microsoft_forms(folder: Path) -> Path:
    """Microsoft Forms (English workbook: ID, Start time, Completion time, Email, Name, as in
    acl-org/acl-anthology add_attachments.py); a Likert question written `Question [Row]`
    as SPEC.md lists it, its options the satisfaction labels and "Did not attend"."""
    from openpyxl import Workbook

    labels = {5: "Very satisfied", 4: "Satisfied", 3: "Neutral", 2: "Dissatisfied",
              1: "Very dissatisfied", NA: "Did not attend", "": None}
    q = "How would you rate each workshop?"
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["ID", "Start time", "Completion time", "Email", "Name",
               "How satisfied are you with the forum overall?",
               *[f"{q} [{s}]" for s in SESSIONS], "Comments"])
    for i, (mail, grid, sat, comment, at) in enumerate(_answers(), 1):
        ws.append([i, at, at, mail, "", sat, *[labels[g] for g in grid], comment or None])
    path = folder / "msforms.xlsx"
    wb.save(path)
    return path


def limesurvey_codes(folder: Path) -> Path:
    """LimeSurvey, question codes: an array's sub-questions are `CODE[SQ001]` (readers of
    LimeSurvey exports; its manual's "Export responses"), answers by their codes: the
    author's A1 … A5, and NA for the author's "did not attend" option."""
    rows = [["id", "submitdate", "lastpage", "startlanguage", "seed", "token", "email",
             "SATGLOB", "EVAL[SQ001]", "EVAL[SQ002]", "EVAL[SQ003]", "COMMENT"]]
    for i, (mail, grid, sat, comment, at) in enumerate(_answers(), 1):
        rows.append([i, at.strftime("%Y-%m-%d %H:%M:%S"), 3, "fr", 1, f"tok{i}", mail,
                     f"A{sat}", *[g if g in (NA, "") else f"A{g}" for g in grid], comment])
    path = folder / "limesurvey-codes.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


def limesurvey_full(folder: Path) -> Path:
    """LimeSurvey, full question texts: `Question [Sub-question]` (getFullFieldSubHeading
    puts the sub-question in brackets), the answers' texts, "Non concerné" for the author's
    "did not attend" option; `Date submitted` as in its field map."""
    labels = {5: "Très satisfait", 4: "Satisfait", 3: "Moyennement satisfait",
              2: "Peu satisfait", 1: "Pas du tout satisfait", NA: "Non concerné", "": ""}
    q = "Votre avis sur chaque atelier"
    rows = [["Response ID", "Date submitted", "Last page", "Start language", "Seed",
             "Email address", "Globalement, êtes-vous satisfait(e) du forum ?",
             *[f"{q} [{s}]" for s in SESSIONS], "Commentaires"]]
    for i, (mail, grid, sat, comment, at) in enumerate(_answers(), 1):
        rows.append([i, at.strftime("%Y-%m-%d %H:%M:%S"), 3, "fr", 1, mail, labels[sat],
                     *[labels[g] for g in grid], comment])
    path = folder / "limesurvey-full.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


def surveymonkey(folder: Path) -> Path:
    """SurveyMonkey: two header rows; a matrix has its question over its columns in row 1
    (blank after the first) and the row labels in row 2 (real exports in public code:
    markshepherd/IPIP-NEO-Scorer; row 2 holds "Response", "Open-Ended Response" or the
    row/choice labels). Answers on the quality scale Excellent … Poor, and "N/A"."""
    labels = {5: "Excellent", 4: "Very good", 3: "Good", 2: "Fair", 1: "Poor", NA: "N/A",
              "": ""}
    sat_en = {5: "Very satisfied", 4: "Satisfied", 3: "Neither satisfied nor dissatisfied",
              2: "Dissatisfied", 1: "Very dissatisfied"}
    rows = [["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
             "Email Address", "First Name", "Last Name", "Custom Data 1",
             "Overall, how satisfied were you with the forum?",
             "How would you rate the workshops?", "", "", "Any comments?"],
            ["", "", "", "", "", "", "", "", "", "Response", *SESSIONS,
             "Open-Ended Response"]]
    for i, (mail, grid, sat, comment, at) in enumerate(_answers()):
        when = at.strftime("%m/%d/%Y %I:%M:%S %p")
        rows.append([11000 + i, 42, when, when, "10.0.0.1", mail, "", "", "", sat_en[sat],
                     *[labels[g] for g in grid], comment])
    path = folder / "surveymonkey.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


QUALTRICS_LABELS = {5: "Extremely satisfied", 4: "Somewhat satisfied",
                    3: "Neither satisfied nor dissatisfied", 2: "Somewhat dissatisfied",
                    1: "Extremely dissatisfied", NA: "Not applicable", "": ""}


def qualtrics_labels(folder: Path) -> Path:
    """Qualtrics, as its label row (the second of its three header rows) names the columns:
    a matrix row is `<question text> - <row label>` (ropensci/qualtRics sample.csv; readers
    of real exports: "Q2 - Topics", "… - Selected Choice"); choice-text answers, "Not
    applicable" for the N/A option. The three header rows themselves are the reader's work
    (issue 17): this file starts at the label row, which is what the grid detection reads."""
    q = "How satisfied were you with each workshop?"
    rows = [["Start Date", "End Date", "Response Type", "IP Address", "Progress",
             "Duration (in seconds)", "Finished", "Recorded Date", "Response ID",
             "Recipient Email", "Overall, how satisfied were you with the forum?",
             *[f"{q} - {s}" for s in SESSIONS], "Any comments? - Topics", "Any comments?"]]
    for i, (mail, grid, sat, comment, at) in enumerate(_answers()):
        when = at.strftime("%Y-%m-%d %H:%M:%S")
        rows.append([when, when, "IP Address", "10.0.0.1", 100, 60, "True", when, f"R_{i}",
                     mail, QUALTRICS_LABELS[sat], *[QUALTRICS_LABELS[g] for g in grid], "",
                     comment])
    path = folder / "qualtrics.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


SURVEYS = {"google-forms": google_forms, "microsoft-forms": microsoft_forms,
           "limesurvey-codes": limesurvey_codes, "limesurvey-full": limesurvey_full,
           "surveymonkey": surveymonkey, "qualtrics-labels": qualtrics_labels}
# what each export calls the grid question and its rows
QUESTION = {"google-forms": "Comment évaluez-vous les ateliers ?",
            "microsoft-forms": "How would you rate each workshop?",
            "limesurvey-codes": "EVAL", "limesurvey-full": "Votre avis sur chaque atelier",
            "surveymonkey": "How would you rate the workshops?",
            "qualtrics-labels": "How satisfied were you with each workshop?"}
ROWS = {k: SESSIONS for k in SURVEYS} | {"limesurvey-codes": ["SQ001", "SQ002", "SQ003"]}
