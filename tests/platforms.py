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


def _csv(rows: list[list[object]], delimiter: str = ",",
         quoting: int = csv.QUOTE_MINIMAL, terminator: str = "\r\n") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=terminator,
               quoting=quoting).writerows(rows)
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


def indico(folder: Path) -> Path:
    """Indico's registrations export, as its code writes it (registration spreadsheet):
    ID, Name, the form's fields by their titles (First Name, Last Name, Email Address,
    Affiliation, and two custom ones), then Registration date, Registration state,
    Checked in (Yes/No), Check-in date; UTF-8 with BOM, comma; dates str() of a UTC
    datetime. Marc withdrew."""
    head = ["ID", "Name", "First Name", "Last Name", "Email Address", "Affiliation",
            "Type de structure", "Code postal", "Registration date", "Registration state",
            "Checked in", "Check-in date"]

    def row(n, date, first, last, email, org, kind, pc, state, checked):
        when = f"2021-{date} 10:00:00.123456+00:00"
        return [n, f"{first} {last}", first, last, email, org, kind, pc, when, state,
                "Yes" if checked else "No", "2021-12-15 08:55:00+00:00" if checked else ""]

    rows = [head,
            row(1, "11-29", "Anne", "Roux", "anne@a.fr", "Alpha", "Entreprise", "74000",
                "Completed", True),
            row(2, "11-30", "Paul", "Blanc", "paul@b.fr", "Univ", "Université", "69001",
                "Completed", False),
            row(3, "12-01", "Marc", "Noir", "marc@c.fr", "Gamma", "PME", "38000", "Withdrawn",
                False),
            row(4, "12-02", "Lise", "Vert", "lise@d.fr", "Région", "Collectivité", "75011",
                "Completed", True),
            row(5, "12-03", "Anne", "Roux", "ANNE@A.FR", "Alpha", "Entreprise", "74000",
                "Completed", False)]
    path = folder / "registrations-indico.csv"
    path.write_text("\ufeff" + _csv(rows), encoding="utf-8")
    return path


def pretix_positions(folder: Path) -> Path:
    """pretix's "Order positions" sheet as CSV (its exporter, orderlist.py): Event slug,
    Order code, Position ID, Status, Email (the order's, the buyer's), Phone number,
    Order date, Order time, Product, Variation, Price, Tax rate, Tax rule, Tax value,
    Attendee name, Attendee email, Company, Address, ZIP code, City, Country, State,
    Voucher, Pseudonymization ID, then a question; every cell quoted (its "CSV (with
    commas)" option). Paul's order holds Anne's second ticket: his e-mail as the order's
    must not make her him. Marc's order was canceled. No check-in here: that is the
    check-in list (tests/attendance_lists.py pretix_checkin)."""
    head = ["Event slug", "Order code", "Position ID", "Status", "Email", "Phone number",
            "Order date", "Order time", "Product", "Variation", "Price", "Tax rate",
            "Tax rule", "Tax value", "Attendee name", "Attendee email", "Company", "Address",
            "ZIP code", "City", "Country", "State", "Voucher", "Pseudonymization ID",
            "Type de structure"]

    def row(code, pos, status, buyer, date, name, email, org, pc, kind):
        return ["forum-x", code, pos, status, buyer, "", date, "10:00:00", "Entrée", "",
                "0.00", "0.00", "", "0.00", name, email, org, "", pc, "", "FR", "", "",
                f"P{code}{pos}", kind]

    rows = [head,
            row("A1B2C", 1, "paid", "anne@a.fr", "2021-11-29", "Anne Roux", "anne@a.fr",
                "Alpha", "74000", "Entreprise"),
            row("D3E4F", 1, "paid", "paul@b.fr", "2021-11-30", "Paul Blanc", "paul@b.fr",
                "Univ", "69001", "Université"),
            row("N9P8Q", 1, "canceled", "marc@c.fr", "2021-12-01", "Marc Noir", "marc@c.fr",
                "Gamma", "38000", "PME"),
            row("G5H6J", 1, "paid", "lise@d.fr", "2021-12-02", "Lise Vert", "lise@d.fr",
                "Région", "75011", "Collectivité"),
            row("K7L8M", 2, "paid", "paul@b.fr", "2021-12-03", "Anne Roux", "ANNE@A.FR",
                "Alpha", "74000", "Entreprise")]
    path = folder / "forum-x_positions.csv"
    path.write_text(_csv(rows, quoting=csv.QUOTE_ALL), encoding="utf-8")
    return path


def billetweb(folder: Path) -> Path:
    """Billetweb's attendee export, with the columns one public importer reads by name
    (Séance, Tarif, Nom, Prénom, Email, Commande, Payé, Valide) and order questions
    written "<label> (Commande) - #<n>"; no check-in column is known (a sign-in sheet
    gives presence). Marc's ticket is no longer valid."""
    head = ["Séance", "Tarif", "Nom", "Prénom", "Email", "Commande", "Payé", "Valide",
            "Structure (Commande) - #6", "Type de structure (Commande) - #7",
            "Code postal (Commande) - #8"]
    rows = [head,
            ["2021-12-15 09:00", "Gratuit", "Roux", "Anne", "anne@a.fr", "C1", "Oui", "Oui",
             "Alpha", "Entreprise", "74000"],
            ["2021-12-15 09:00", "Gratuit", "Blanc", "Paul", "paul@b.fr", "C2", "Oui", "Oui",
             "Univ", "Université", "69001"],
            ["2021-12-15 09:00", "Gratuit", "Noir", "Marc", "marc@c.fr", "C3", "Oui", "Non",
             "Gamma", "PME", "38000"],
            ["2021-12-15 09:00", "Gratuit", "Vert", "Lise", "lise@d.fr", "C4", "Oui", "Oui",
             "Région", "Collectivité", "75011"],
            ["2021-12-15 09:00", "Gratuit", "Roux", "Anne", "Anne@a.fr", "C5", "Oui", "Oui",
             "Alpha", "Entreprise", "74000"]]
    path = folder / "billetweb.csv"
    path.write_text(_csv(rows, ";"), encoding="utf-8")
    return path


REGISTRATIONS = {"eventbrite-attendees": eventbrite_attendees,
                 "eventbrite-attendees-fr": eventbrite_attendees_fr,
                 "eventbrite-attendees-uk": eventbrite_attendees_uk,
                 "eventbrite-attendees-2023": eventbrite_attendees_2023,
                 "weezevent": weezevent, "helloasso": helloasso,
                 "helloasso-adhesion": helloasso_adhesion, "generic": generic_xlsx,
                 "indico": indico, "pretix-positions": pretix_positions,
                 "billetweb": billetweb}

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


# Qualtrics' 5-point satisfaction labels (its default "Satisfaction" scale)
SAT_QUALTRICS = {5: "Extremely satisfied", 4: "Somewhat satisfied",
                 2: "Somewhat dissatisfied", 1: "Extremely dissatisfied"}


def qualtrics(folder: Path) -> Path:
    """A Qualtrics CSV (ropensci/qualtRics sample.csv layout): row 1 column ids, row 2
    their texts (English labels as R scripts list them), row 3 {"ImportId": …} JSON with
    time zones; choice-text export (Finished True/False, Status "IP Address"). The NPS
    question's derived Q2_NPS_GROUP column stands before its 0–10 score (the order the
    API lists them in). Marc stopped half-way (Finished False) and a "Survey Preview"
    answer was left in: neither is a response."""
    meta = [("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Europe/Paris"}'),
            ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"Europe/Paris"}'),
            ("Status", "Response Type", '{"ImportId":"status"}'),
            ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
            ("Progress", "Progress", '{"ImportId":"progress"}'),
            ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
            ("Finished", "Finished", '{"ImportId":"finished"}'),
            ("RecordedDate", "Recorded Date",
             '{"ImportId":"recordedDate","timeZone":"Europe/Paris"}'),
            ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
            ("RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}'),
            ("RecipientFirstName", "Recipient First Name",
             '{"ImportId":"recipientFirstName"}'),
            ("RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}'),
            ("ExternalReference", "External Data Reference",
             '{"ImportId":"externalDataReference"}'),
            ("LocationLatitude", "Location Latitude", '{"ImportId":"locationLatitude"}'),
            ("LocationLongitude", "Location Longitude", '{"ImportId":"locationLongitude"}'),
            ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
            ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}'),
            ("Q1", "Overall, how satisfied were you with the forum?", '{"ImportId":"QID1"}'),
            ("Q2_NPS_GROUP", "How likely are you to recommend the forum to a colleague? - Group",
             '{"ImportId":"QID2_NPS_GROUP"}'),
            ("Q2", "How likely are you to recommend the forum to a colleague?",
             '{"ImportId":"QID2"}'),
            ("Q3", "Would you join the next phase of the programme?", '{"ImportId":"QID3"}'),
            ("Q4", "Any other comments?", '{"ImportId":"QID4_TEXT"}')]
    rows = [[m[0] for m in meta], [m[1] for m in meta], [m[2] for m in meta]]

    def group(n: int) -> str:
        return "Promoter" if n >= 9 else "Passive" if n >= 7 else "Detractor"

    for i, (email, sat, nps, nxt, (mo, d, h, mi)) in enumerate(ANSWERS):
        at = f"2021-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:00"
        rows.append([at, at, "IP Address", "192.0.2.10", 100, 300, "True", at, f"R_{i}abc",
                     "", "", email, "", "45.9", "6.1", "email", "EN", SAT_QUALTRICS[sat],
                     group(nps), nps, "Yes" if nxt else "No", ""])
    rows.append(["2021-12-15 20:00:00", "2021-12-15 20:03:00", "IP Address", "192.0.2.11", 40,
                 180, "False", "2021-12-22 20:03:00", "R_9abc", "", "", "marc@c.fr", "",
                 "45.9", "6.1", "email", "EN", SAT_QUALTRICS[1], "", "", "", ""])
    rows.append(["2021-12-14 18:00:00", "2021-12-14 18:01:00", "Survey Preview", "", 100, 60,
                 "True", "2021-12-14 18:01:00", "R_8abc", "", "", "", "", "", "", "preview",
                 "EN", SAT_QUALTRICS[5], "Promoter", 10, "Yes", "test"])
    path = folder / "qualtrics.csv"
    path.write_text(_csv(rows, terminator="\n"), encoding="utf-8")
    return path


# "Tout à fait", "Plutôt", "Peu", "Pas du tout", in inclusive writing
SAT_INCLUSIVE = {5: "Tout à fait satisfait·e", 4: "Plutôt satisfait·e",
                 2: "Peu satisfait·e", 1: "Pas du tout satisfait·e"}


def kobotoolbox(folder: Path) -> Path:
    """A KoboToolbox CSV as its own export tests write it: ';', every cell quoted, CRLF,
    UTF-8; labels as headers; then _id, _uuid, _submission_time, _validation_status,
    _notes, _status, _submitted_by, __version__, _tags, _index. Lise's phone sent her
    submission twice: the same _uuid on two rows."""
    rows = [["start", "end", "Adresse e-mail", "Êtes-vous satisfait·e du forum ?",
             "Recommanderiez-vous le forum à un·e collègue ? (0 à 10)",
             "Souhaitez-vous participer à la prochaine phase ?", "Commentaires", "_id",
             "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
             "_submitted_by", "__version__", "_tags", "_index"]]
    for i, (email, sat, nps, nxt, (mo, d, h, mi)) in enumerate(ANSWERS):
        at = f"2021-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:00"
        rows.append([f"{at}.000+01:00", f"{at}.000+01:00", email, SAT_INCLUSIVE[sat], nps,
                     "Oui" if nxt else "Non", "", 61 + i, f"4858395{i}-1892-4931-8d9c-869e7b49bafb",
                     at, "", "", "submitted_via_web", "", "vPQvi8", "", i + 1])
    lise = list(rows[3])
    lise[7], lise[16] = 99, 9
    rows.append(lise)
    path = folder / "kobo.csv"
    path.write_text(_csv(rows, ";", quoting=csv.QUOTE_ALL), encoding="utf-8")
    return path


def tally(folder: Path) -> Path:
    """A Tally CSV (public tests quoting real exports): "Submission ID","Respondent ID",
    "Submitted at", then the questions' titles (long ones cut with "..."); every cell
    quoted; "Submitted at" in UTC. Satisfaction in inclusive writing with brackets."""
    sat = {5: "Très satisfait(e)", 4: "Satisfait(e)", 2: "Peu satisfait(e)",
           1: "Pas du tout satisfait(e)"}
    rows = [["Submission ID", "Respondent ID", "Submitted at", "Votre adresse e-mail",
             "Êtes-vous satisfait(e) du forum ?",
             "Quelle est la probabilité que vous recommandiez le forum à un collègue...",
             "Souhaitez-vous rejoindre la prochaine phase ?", "Un commentaire ?"]]
    for i, (email, s, nps, nxt, (mo, d, h, mi)) in enumerate(ANSWERS):
        rows.append([f"J1Wdz7{i}", f"7RzAXo{i}", f"2021-{mo:02d}-{d:02d} {h - 1:02d}:{mi:02d}:00",
                     email, sat[s], nps, "Oui" if nxt else "Non", ""])
    path = folder / "tally.csv"
    path.write_text(_csv(rows, quoting=csv.QUOTE_ALL), encoding="utf-8")
    return path


def framaforms(folder: Path) -> Path:
    """A Framaforms (Drupal 7 Webform 4.x) delimited export as the module's code writes
    it: three header rows — the form's title, "Submission Details", then Serial, SID,
    Time, Draft, IP Address, UID, Username and the questions' labels —, every cell
    quoted, "\\n" line ends; Time in the site's short format (a French site: d/m/Y -
    H:i). Satisfaction words with intensifiers and "satisfait.e". A draft (Draft = 1) is
    not a response."""
    sat = {5: "Extrêmement satisfait.e", 4: "Satisfait.e", 2: "Peu satisfait.e",
           1: "Pas du tout satisfait.e"}
    labels = ["Serial", "SID", "Time", "Draft", "IP Address", "UID", "Username",
              "Adresse e-mail", "Êtes-vous satisfait.e du forum ?",
              "Recommanderiez-vous le forum à un collègue ? (0 à 10)",
              "Souhaitez-vous participer à la prochaine phase ?", "Commentaires"]
    rows = [["Forum X — questionnaire"] + [""] * (len(labels) - 1),
            ["Submission Details"] + [""] * (len(labels) - 1), labels]
    for i, (email, s, nps, nxt, (mo, d, h, mi)) in enumerate(ANSWERS):
        rows.append([i + 1, 100 + i, f"{d:02d}/{mo:02d}/2021 - {h:02d}:{mi:02d}", 0,
                     "192.0.2.1", 0, "Anonyme", email, sat[s], nps, "Oui" if nxt else "Non",
                     ""])
    rows.append([9, 109, "17/12/2021 - 10:00", 1, "192.0.2.1", 0, "Anonyme", "marc@c.fr",
                 sat[1], "", "", ""])
    path = folder / "framaforms.csv"
    path.write_text(_csv(rows, quoting=csv.QUOTE_ALL, terminator="\n"), encoding="utf-8")
    return path


SURVEYS = {"google-forms-fr": google_forms_fr, "google-forms": google_forms_en,
           "google-forms-early-days": google_forms_en_early_days,
           "surveymonkey": surveymonkey_csv, "surveymonkey-xlsx": surveymonkey_xlsx,
           "limesurvey": limesurvey, "limesurvey-full": limesurvey_full,
           "microsoft-forms": microsoft_forms_en, "microsoft-forms-fr": microsoft_forms_fr,
           "typeform": typeform, "typeform-2023": typeform_2023,
           "qualtrics": qualtrics, "kobotoolbox": kobotoolbox, "tally": tally,
           "webform-7": framaforms}
