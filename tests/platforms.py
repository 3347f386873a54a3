"""One small export per platform, shaped like the real one (see presets.py for sources).

Each registration export holds the same five people, so that the numbers worked
out by hand are the same for every platform:

    Anne Roux    anne@a.fr   Entreprise     74000  checked in
    Paul Blanc   paul@b.fr   Université     69001  registered, did not come
    Marc Noir    marc@c.fr   PME            38000  cancelled / refunded
    Lise Vert    lise@d.fr   Collectivité   75011  checked in
    Anne Roux    (again: a duplicate registration, e-mail in capitals)

    registered 3 (Anne, Paul, Lise) · cancelled 1 (Marc) · attended 2 (Anne, Lise)
    duplicate rows 1 · attendance 2/3 · community: company 1, institution 1
    regional share (Auvergne-Rhône-Alpes): Anne 74 in, Lise 75 out → 1/2

Each survey export holds four answers:

    anne@a.fr  satisfaction 5  NPS 10  next yes
    lise@d.fr  satisfaction 4  NPS 8   next yes
    paul@b.fr  satisfaction 2  NPS 3   next no    (a no-show: counts in means, not linked)
    anne@a.fr  an EARLIER answer: satisfaction 1, NPS 0 (replaced by her later one)

    responses 3 · linked 2 (Anne, Lise) · response rate 2/2 = 1
    satisfaction mean (5+4+2)/3 = 11/3 · csat 2/3 · NPS: 1 promoter, 1 detractor of 3 → 0
    would join next 2/3
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

EXPECTED = {
    "registrations": {"registered": 3, "cancelled": 1, "attended": 2, "duplicate_rows": 1},
    "attendance_rate": 2 / 3,
    "by_community": {"company": 1, "training": 0, "institution": 1, "expert": 0, "other": 0},
    "regional_share": 1 / 2,
    "survey": {"responses": 3, "linked_to_attendees": 2, "response_rate": 1.0,
               "satisfaction_mean": 11 / 3, "csat": 2 / 3, "nps": 0.0, "nps_answers": 3,
               "would_join_next_share": 2 / 3},
}


def _csv(rows: list[list[object]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


# ------------------------------------------------------------------ registrations

def eventbrite_attendees(folder: Path) -> Path:
    head = ["Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity",
            "Price Tier", "Ticket Type", "Attendee #", "Group", "Order Type", "Currency",
            "Total Paid", "Fees Paid", "Eventbrite Fees", "Eventbrite Payment Processing",
            "Attendee Status", "Home Address 1", "Home Address 2", "Home City", "Home State",
            "Home Zip", "Home Country", "Type of organisation", "Job Title", "Company"]

    def row(n, date, first, last, email, status, zip_, kind, company):
        return [1000 + n, date, first, last, email, 1, "", "General Admission", 2000 + n, "",
                "Free Order", "EUR", 0, 0, 0, 0, status, "", "", "", "", zip_, "FR", kind, "",
                company]

    rows = [head,
            row(1, "11/29/21 22:28", "Anne", "Roux", "anne@a.fr", "Checked In", "74000",
                "Entreprise", "Alpha"),
            row(2, "11/30/21 10:00", "Paul", "Blanc", "paul@b.fr", "Attending", "69001",
                "Université", "Univ"),
            row(3, "12/01/21 10:00", "Marc", "Noir", "marc@c.fr", "Refunded", "38000", "PME",
                "Gamma"),
            row(4, "12/02/21 10:00", "Lise", "Vert", "lise@d.fr", "Checked In", "75011",
                "Collectivité", "Région"),
            row(5, "12/03/21 10:00", "Anne", "Roux", "ANNE@A.FR", "Attending", "74000",
                "Entreprise", "Alpha")]
    path = folder / "eventbrite-attendees.csv"
    path.write_text(_csv(rows), encoding="utf-8-sig")
    return path


def eventbrite_attendees_fr(folder: Path) -> Path:
    rows = [["N° de commande", "Date de commande", "Prénom", "Nom", "E-mail", "Quantité",
             "Type de billet", "N° de participant", "Statut du participant",
             "Type de structure", "Entreprise", "Code postal professionnel"],
            [1001, "29/11/2021 22:28", "Anne", "Roux", "anne@a.fr", 1, "Entrée", 1,
             "Enregistré", "Entreprise", "Alpha", "74000"],
            [1002, "30/11/2021 10:00", "Paul", "Blanc", "paul@b.fr", 1, "Entrée", 2,
             "Participant", "Université", "Univ", "69001"],
            [1003, "01/12/2021 10:00", "Marc", "Noir", "marc@c.fr", 1, "Entrée", 3,
             "Remboursé", "PME", "Gamma", "38000"],
            [1004, "02/12/2021 10:00", "Lise", "Vert", "lise@d.fr", 1, "Entrée", 4,
             "Enregistré", "Collectivité", "Région", "75011"],
            [1005, "03/12/2021 10:00", "Anne", "Roux", " Anne@A.fr", 1, "Entrée", 5,
             "Participant", "Entreprise", "Alpha", "74000"]]
    path = folder / "eventbrite-fr.csv"
    path.write_text(_csv(rows, ";"), encoding="utf-8-sig")
    return path


def weezevent(folder: Path) -> Path:
    rows = [["ID commande", "Date d'achat", "Nom", "Prénom", "E-mail", "Tarif", "Code-barre",
             "Statut", "Contrôlé", "Société", "Type de structure", "Code postal"],
            ["W1", "29/11/2021 22:28", "Roux", "Anne", "anne@a.fr", "Gratuit", "1111", "Validé",
             "Oui", "Alpha", "Entreprise", "74000"],
            ["W2", "30/11/2021 10:00", "Blanc", "Paul", "paul@b.fr", "Gratuit", "2222", "Validé",
             "Non", "Univ", "Université", "69001"],
            ["W3", "01/12/2021 10:00", "Noir", "Marc", "marc@c.fr", "Gratuit", "3333", "Annulé",
             "Non", "Gamma", "PME", "38000"],
            ["W4", "02/12/2021 10:00", "Vert", "Lise", "lise@d.fr", "Gratuit", "4444", "Validé",
             "Oui", "Région", "Collectivité", "75011"],
            ["W5", "03/12/2021 10:00", "Roux", "Anne", "ANNE@a.fr", "Gratuit", "5555", "Validé",
             "Non", "Alpha", "Entreprise", "74000"]]
    path = folder / "weezevent.csv"
    path.write_bytes(_csv(rows, ";").encode("cp1252"))
    return path


def helloasso(folder: Path) -> Path:
    """Paul pays for Anne's second registration: the payer is not the participant."""
    rows = [["Référence commande", "Date de la commande", "Statut de la commande",
             "Nom participant", "Prénom participant", "Nom payeur", "Prénom payeur",
             "Email payeur", "Raison sociale", "Moyen de paiement", "Billet",
             "Numéro de billet", "Email participant", "Catégorie", "Code postal participant",
             "Présent"],
            ["H1", "29/11/2021 22:28", "Validé", "Roux", "Anne", "Roux", "Anne", "anne@a.fr",
             "Alpha", "Carte", "Entrée", "1", "anne@a.fr", "Entreprise", "74000", "oui"],
            ["H2", "30/11/2021 10:00", "Validé", "Blanc", "Paul", "Blanc", "Paul", "paul@b.fr",
             "Univ", "Carte", "Entrée", "2", "paul@b.fr", "Université", "69001", ""],
            ["H3", "01/12/2021 10:00", "Remboursé", "Noir", "Marc", "Blanc", "Paul",
             "paul@b.fr", "Gamma", "Carte", "Entrée", "3", "marc@c.fr", "PME", "38000", ""],
            ["H4", "02/12/2021 10:00", "Validé", "Vert", "Lise", "Vert", "Lise", "lise@d.fr",
             "Région", "Carte", "Entrée", "4", "lise@d.fr", "Collectivité", "75011", "oui"],
            ["H5", "03/12/2021 10:00", "Validé", "Roux", "Anne", "Blanc", "Paul", "paul@b.fr",
             "Alpha", "Carte", "Entrée", "5", "ANNE@A.FR", "Entreprise", "74000", ""]]
    path = folder / "helloasso.csv"
    path.write_text(_csv(rows, ";"), encoding="utf-8")
    return path


def generic_xlsx(folder: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Participants"
    ws.append(["Inscriptions — feuille tenue à la main"])
    ws.append(["NOM", "Prénom", "Mail", "Structure", "Catégorie", "CP", "Annulé", "Pointage"])
    ws.append(["Roux", "Anne", "anne@a.fr", "Alpha", "Entreprise", 74000, "", "x"])
    ws.append(["Blanc", "Paul", "paul@b.fr", "Univ", "Université", 69001, "", ""])
    ws.append(["Noir", "Marc", "marc@c.fr", "Gamma", "PME", 38000, "oui", ""])
    ws.append(["Vert", "Lise", "lise@d.fr", "Région", "Collectivité", 75011, "", "x"])
    ws.append(["ROUX", "Anne", "anne@a.fr ", "Alpha", "Entreprise", 74000, "", ""])
    path = folder / "inscrits.xlsx"
    wb.save(path)
    return path


def eventbrite_attendees_uk(folder: Path) -> Path:
    # Header row of a real UK attendee report (katharinebeaumont/badge-service,
    # src/main/resources/event-report.csv), plus a custom question and Company.
    head = ["Order no.", "Attendee no.", "Order Date", "First Name", "Surname", "Email",
            "Quantity", "Ticket Type", "Order Type", "Total Paid", "Eventbrite Fees",
            "Eventbrite Payment Processing", "Attendee Status", "Home Address 1",
            "Home Address 2", "Home City", "County of Residence", "Home Postcode",
            "Home Country", "Type of organisation", "Company"]

    def row(n, date, first, last, email, status, pc, kind, company):
        return [590811290 + n, 1231240 + n, date, first, last, email, 1, "RSVP", "Free Order",
                "0.00", "0.00", "0.00", status, "", "", "", "", pc, "France", kind, company]

    rows = [head,
            row(1, "2021-11-29 22:28:00+00:00", "Anne", "Roux", "anne@a.fr", "Checked In",
                "74000", "Entreprise", "Alpha"),
            row(2, "2021-11-30 10:00:00+00:00", "Paul", "Blanc", "paul@b.fr", "Attending",
                "69001", "Université", "Univ"),
            row(3, "2021-12-01 10:00:00+00:00", "Marc", "Noir", "marc@c.fr", "Not Attending",
                "38000", "PME", "Gamma"),
            row(4, "2021-12-02 10:00:00+00:00", "Lise", "Vert", "lise@d.fr", "Checked In",
                "75011", "Collectivité", "Région"),
            row(5, "2021-12-03 10:00:00+00:00", "Anne", "Roux", "ANNE@A.FR", "Attending",
                "74000", "Entreprise", "Alpha")]
    path = folder / "eventbrite-uk.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


def eventbrite_attendees_2023(folder: Path) -> Path:
    """The layout with buyer columns (a 2023 conference mailer reads Order ID, Attendee
    Status, Ticket Quantity, Buyer …). Paul buys Anne's second ticket: his e-mail as
    buyer must not make her him. The standard "Home Zip" is empty; a custom question
    holds the postcodes: content must win over the preset's header."""
    head = ["Order ID", "Order Date", "Attendee Status", "First Name", "Last Name", "Email",
            "Event Name", "Ticket Quantity", "Ticket Type", "Ticket Price", "Buyer First Name",
            "Buyer Last Name", "Buyer Email", "Home Zip", "Code postal de votre structure",
            "Type of organisation", "Company"]

    def row(n, date, first, last, email, status, buyer, pc, kind, company):
        bf, bl, be = buyer
        return [3000 + n, date, status, first, last, email, "Forum X", 1, "Entrée", "0",
                bf, bl, be, "", pc, kind, company]

    rows = [head,
            row(1, "11/29/2021 22:28", "Anne", "Roux", "anne@a.fr", "Checked In",
                ("Anne", "Roux", "anne@a.fr"), "74000", "Entreprise", "Alpha"),
            row(2, "11/30/2021 10:00", "Paul", "Blanc", "paul@b.fr", "Attending",
                ("Paul", "Blanc", "paul@b.fr"), "69001", "Université", "Univ"),
            row(3, "12/1/2021 10:00", "Marc", "Noir", "marc@c.fr", "Deleted",
                ("Marc", "Noir", "marc@c.fr"), "38000", "PME", "Gamma"),
            row(4, "12/2/2021 10:00", "Lise", "Vert", "lise@d.fr", "Checked In",
                ("Lise", "Vert", "lise@d.fr"), "75011", "Collectivité", "Région"),
            row(5, "12/3/2021 10:00", "Anne", "Roux", "ANNE@A.FR", "Attending",
                ("Paul", "Blanc", "paul@b.fr"), "74000", "Entreprise", "Alpha")]
    path = folder / "eventbrite-2023.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


def helloasso_adhesion(folder: Path) -> Path:
    """HelloAsso membership export (readers of real ones list Référence commande … Nom
    adhérent, Prénom adhérent, Nom payeur, Prénom payeur, Email payeur, then custom
    fields). Paul pays for Marc and for Anne's second row: one payer, three people.
    No member e-mail column and no check-in: people by name + organisation,
    attendance unknown (null)."""
    rows = [["Référence commande", "Date de la commande", "Statut de la commande", "Tarif",
             "Montant tarif", "Nom adhérent", "Prénom adhérent", "Nom payeur", "Prénom payeur",
             "Email payeur", "Structure", "Catégorie", "Code postal"],
            ["A1", "29/11/2021 22:28", "Validé", "Adhésion", "10,00", "Roux", "Anne", "Roux",
             "Anne", "anne@a.fr", "Alpha", "Entreprise", "74000"],
            ["A2", "30/11/2021 10:00", "Validé", "Adhésion", "10,00", "Blanc", "Paul", "Blanc",
             "Paul", "paul@b.fr", "Univ", "Université", "69001"],
            ["A3", "01/12/2021 10:00", "Remboursé", "Adhésion", "10,00", "Noir", "Marc",
             "Blanc", "Paul", "paul@b.fr", "Gamma", "PME", "38000"],
            ["A4", "02/12/2021 10:00", "Validé", "Adhésion", "10,00", "Vert", "Lise", "Vert",
             "Lise", "lise@d.fr", "Région", "Collectivité", "75011"],
            ["A5", "03/12/2021 10:00", "Validé", "Adhésion", "10,00", "ROUX", "Anne", "Blanc",
             "Paul", "paul@b.fr", "Alpha", "Entreprise", "74000"]]
    path = folder / "helloasso-adhesion.csv"
    path.write_text("\ufeff" + _csv(rows, ";"), encoding="utf-8")
    return path


REGISTRATIONS = {"eventbrite-attendees": eventbrite_attendees,
                 "eventbrite-attendees-fr": eventbrite_attendees_fr,
                 "eventbrite-attendees-uk": eventbrite_attendees_uk,
                 "eventbrite-attendees-2023": eventbrite_attendees_2023,
                 "weezevent": weezevent, "helloasso": helloasso,
                 "helloasso-adhesion": helloasso_adhesion, "generic": generic_xlsx}

# ------------------------------------------------------------------ surveys
# (email, satisfaction 1-5, nps, next yes?, when) — Anne's first line is the earlier answer
ANSWERS = [("anne@a.fr", 1, 0, False, (12, 15, 17, 0)), ("anne@a.fr", 5, 10, True, (12, 16, 9, 0)),
           ("lise@d.fr", 4, 8, True, (12, 15, 18, 30)), ("paul@b.fr", 2, 3, False, (12, 15, 19, 0))]
SAT_FR = {5: "Très satisfait", 4: "Satisfait", 2: "Peu satisfait", 1: "Pas du tout satisfait"}
SAT_EN = {5: "Very satisfied", 4: "Satisfied", 2: "Dissatisfied", 1: "Very dissatisfied"}


def google_forms_fr(folder: Path) -> Path:
    rows = [["Horodateur", "Adresse e-mail", "Globalement, êtes-vous satisfait(e) du forum ?",
             "Recommanderiez-vous le forum à un collègue ? (0 à 10)",
             "Souhaitez-vous participer à la prochaine phase ?", "Commentaires"]]
    for email, sat, nps, nxt, (mo, d, h, mi) in ANSWERS:
        rows.append([f"{d:02d}/{mo:02d}/2021 {h:02d}:{mi:02d}:00", email, SAT_FR[sat], nps,
                     "Oui" if nxt else "Non", ""])
    path = folder / "google-fr.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


def google_forms_en(folder: Path) -> Path:
    rows = [["Timestamp", "Email Address", "Overall, how satisfied were you with the forum?",
             "How likely are you to recommend the forum to a colleague?",
             "Would you join the next phase of the programme?", "Any other comments?"]]
    for email, sat, nps, nxt, (mo, d, h, mi) in ANSWERS:
        rows.append([f"{mo}/{d}/2021 {h}:{mi:02d}:00", email, sat, nps, "Yes" if nxt else "No",
                     "Great day" if sat == 5 else ""])
    path = folder / "google-en.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


def _surveymonkey_rows() -> list[list[object]]:
    rows = [["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
             "Email Address", "First Name", "Last Name", "Custom Data 1",
             "Overall, how satisfied were you with the forum?",
             "How likely is it that you would recommend this forum to a friend or colleague?",
             "Would you join the next phase?", "Any comments?"],
            ["", "", "", "", "", "", "", "", "", "Response", "Response", "Response",
             "Open-Ended Response"]]
    for i, (email, sat, nps, nxt, (mo, d, h, mi)) in enumerate(ANSWERS):
        at = f"{mo:02d}/{d:02d}/2021 {h % 12 or 12:02d}:{mi:02d}:00 {'PM' if h >= 12 else 'AM'}"
        rows.append([11000 + i, 42, at, at, "10.0.0.1", email, "", "", "", SAT_EN[sat], nps,
                     "Yes" if nxt else "No", ""])
    return rows


def surveymonkey_csv(folder: Path) -> Path:
    path = folder / "surveymonkey.csv"
    path.write_text(_csv(_surveymonkey_rows()), encoding="utf-8")
    return path


def surveymonkey_xlsx(folder: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet"
    for r in _surveymonkey_rows():
        ws.append(r)
    path = folder / "surveymonkey.xlsx"
    wb.save(path)
    return path


def limesurvey(folder: Path) -> Path:
    rows = [["id", "submitdate", "lastpage", "startlanguage", "seed", "token", "email",
             "SATGLOB", "NPS", "EVAL[SQ001]", "EVAL[SQ002]", "SUITE", "COMMENT"]]
    for i, (email, sat, nps, nxt, (mo, d, h, mi)) in enumerate(ANSWERS):
        rows.append([i + 1, f"2021-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:00", 3, "fr", 12345,
                     f"tok{i}", email, f"A{sat}", nps, "A4", "A3", "Y" if nxt else "N", ""])
    path = folder / "limesurvey.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


def microsoft_forms_en(folder: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["ID", "Start time", "Completion time", "Email", "Name",
               "How satisfied are you with the forum overall?",
               "How likely are you to recommend the forum? (0-10)",
               "Will you take part in the next phase?", "Comments"])
    import datetime as dt

    for i, (email, sat, nps, nxt, (mo, d, h, mi)) in enumerate(ANSWERS):
        at = dt.datetime(2021, mo, d, h, mi)
        ws.append([i + 1, at, at, email, "", sat, nps, "Yes" if nxt else "No", ""])
    path = folder / "msforms-en.xlsx"
    wb.save(path)
    return path


def microsoft_forms_fr(folder: Path) -> Path:
    rows = [["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom",
             "Êtes-vous satisfait(e) du forum dans l'ensemble ?",
             "Quelle est la probabilité que vous recommandiez le forum ?",
             "Participerez-vous à la prochaine phase ?", "Commentaires"]]
    for i, (email, sat, nps, nxt, (mo, d, h, mi)) in enumerate(ANSWERS):
        at = f"{d:02d}/{mo:02d}/2021 {h:02d}:{mi:02d}:00"
        rows.append([i + 1, at, at, email, "", sat, nps, "Oui" if nxt else "Non", ""])
    path = folder / "msforms-fr.csv"
    path.write_text(_csv(rows, ";"), encoding="utf-8-sig")
    return path


def typeform(folder: Path) -> Path:
    rows = [["#", "Quelle est votre adresse e-mail ?", "Êtes-vous satisfait(e) du forum ?",
             "Quelle est la probabilité que vous recommandiez le forum à un collègue ?",
             "Souhaitez-vous rejoindre la prochaine phase ?", "Un commentaire ?",
             "Start Date (UTC)", "Submit Date (UTC)", "Network ID"]]
    for i, (email, sat, nps, nxt, (mo, d, h, mi)) in enumerate(ANSWERS):
        at = f"2021-{mo:02d}-{d:02d} {h - 1:02d}:{mi:02d}:00"
        rows.append([f"id{i}", email, sat, nps, "1" if nxt else "0", "", at, at, f"n{i}"])
    path = folder / "typeform.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


def google_forms_en_early_days(folder: Path) -> Path:
    """English Google Forms (month-first) where every day is the 1st–12th, so only the
    platform's order can decide: Anne answered on 2/3 (3 February) then 3/1 (1 March).
    Read day-first, her "later" answer would be the 2/3 one (2 March) and the numbers
    would change."""
    when = ["2/3/2021 17:00:00", "3/1/2021 9:00:00", "2/4/2021 18:30:00", "2/4/2021 19:00:00"]
    rows = [["Timestamp", "Email address", "Overall, how satisfied were you with the forum?",
             "How likely are you to recommend the forum to a colleague?",
             "Would you join the next phase of the programme?", "Any other comments?"]]
    for (email, sat, nps, nxt, _), at in zip(ANSWERS, when, strict=True):
        rows.append([at, email, sat, nps, "Yes" if nxt else "No", ""])
    path = folder / "google-en-early.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


def limesurvey_full(folder: Path) -> Path:
    """LimeSurvey with full headings (LimeSurvey's createFieldMap: Response ID, Date
    submitted, Last page, Start language, Seed, Access code, Date started, Date last
    action, IP address, Referrer URL), plus one unfinished response (blank Date
    submitted) that must not count."""
    rows = [["Response ID", "Date submitted", "Last page", "Start language", "Seed",
             "Access code", "Date started", "Date last action", "IP address", "Referrer URL",
             "Email address", "Globalement, êtes-vous satisfait(e) du forum ?",
             "Recommanderiez-vous le forum à un collègue ? (0 à 10)",
             "Souhaitez-vous participer à la prochaine phase ?", "Commentaires"]]
    for i, (email, sat, nps, nxt, (mo, d, h, mi)) in enumerate(ANSWERS):
        at = f"2021-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:00"
        rows.append([i + 1, at, 3, "fr", 1, "", at, at, "", "", email, SAT_FR[sat], nps,
                     "Oui" if nxt else "Non", ""])
    # Lise started again and stopped on page 1: no submit date, a 1 that is not an answer
    rows.append([9, "", 1, "fr", 1, "", "2021-12-17 10:00:00", "2021-12-17 10:01:00", "",
                 "", "lise@d.fr", SAT_FR[1], "", "", ""])
    path = folder / "limesurvey-full.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


def typeform_2023(folder: Path) -> Path:
    """Typeform's current layout (…, Response Type, Start Date (UTC), Stage Date (UTC),
    Submit Date (UTC), Network ID, Tags) with a partial response that must not count."""
    rows = [["#", "Quelle est votre adresse e-mail ?", "Êtes-vous satisfait(e) du forum ?",
             "Quelle est la probabilité que vous recommandiez le forum à un collègue ?",
             "Souhaitez-vous rejoindre la prochaine phase ?", "Un commentaire ?",
             "Response Type", "Start Date (UTC)", "Stage Date (UTC)", "Submit Date (UTC)",
             "Network ID", "Tags"]]
    for i, (email, sat, nps, nxt, (mo, d, h, mi)) in enumerate(ANSWERS):
        at = f"2021-{mo:02d}-{d:02d} {h - 1:02d}:{mi:02d}:00"
        rows.append([f"tok{i}", email, sat, nps, "1" if nxt else "0", "", "completed", at, "",
                     at, f"n{i}", ""])
    rows.append(["tok9", "marc@c.fr", 1, "", "", "", "partial", "2021-12-15 20:00:00",
                 "2021-12-15 20:01:00", "", "n9", ""])
    path = folder / "typeform-2023.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    return path


SURVEYS = {"google-forms-fr": google_forms_fr, "google-forms": google_forms_en,
           "google-forms-early-days": google_forms_en_early_days,
           "surveymonkey": surveymonkey_csv, "surveymonkey-xlsx": surveymonkey_xlsx,
           "limesurvey": limesurvey, "limesurvey-full": limesurvey_full,
           "microsoft-forms": microsoft_forms_en, "microsoft-forms-fr": microsoft_forms_fr,
           "typeform": typeform, "typeform-2023": typeform_2023}
