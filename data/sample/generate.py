"""Generate the sample forums of the PEAK 3.0 programme (2018–2021).

Fictional and deterministic: every name, e-mail, phone number and organisation
is made up from the lists below with a fixed seed; running this script again
writes byte-identical files. The exports imitate what organisers download:

- 2021: a French ticketing export (`;`, cp1252) and a French Google Forms CSV;
- 2020: the same platforms, a smaller on-site edition;
- 2019: an English Eventbrite-style attendee report (one "Attendee Status"
  column gives both cancellation and check-in) and a SurveyMonkey-style CSV
  with two header rows;
- 2018: a hand-kept Excel sheet with a title row above the header, postcodes
  stored as numbers, and a Google Forms survey.

Each file also carries the mess real exports have (a "Total" footer, blank
lines, duplicate registrations, cancel-then-re-register, a check-in mark on a
cancelled row, invalid survey answers, a double submission). The numbers each
forum must give are written in `expected.json` beside its files.

Run: python data/sample/generate.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

FIRST = ["Camille", "Louis", "Emma", "Hugo", "Léa", "Lucas", "Chloé", "Jules", "Manon", "Arthur",
         "Inès", "Gabriel", "Sarah", "Raphaël", "Julie", "Thomas", "Clara", "Nathan", "Zoé",
         "Mathis", "Anaïs", "Théo", "Pauline", "Maxime", "Élodie", "Antoine", "Margaux",
         "Nicolas", "Céline", "Julien", "Océane", "Baptiste", "Laure", "Pierre", "Hélène",
         "François", "Agnès", "Yannick", "Sophie", "Mehdi", "Nadia", "Karim", "Aurélie",
         "Stéphane", "Isabelle", "Benoît", "Sandrine", "Olivier", "Noémie", "Damien"]
LAST = ["Rousseau", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
        "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia",
        "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André",
        "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier",
        "Faure", "Chevalier", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Perrin",
        "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chabert",
        "Brun", "Meunier"]
ORGS = {
    "company": [("Mécanique Savoyarde SAS", "Entreprise", "Mécanique", "PME (10-249)"),
                ("Plasturgie du Bugey", "Entreprise", "Plasturgie", "PME (10-249)"),
                ("Décolletage Arve Industries", "PME", "Décolletage", "PME (10-249)"),
                ("Alpes Composites", "Start-up", "Matériaux", "TPE (<10)"),
                ("Rhône Automotive Systems", "Grand groupe", "Automobile", "GE (5000+)"),
                ("Forges de la Loire", "Entreprise industrielle", "Métallurgie", "ETI (250-4999)"),
                ("Optique Jura Précision", "Entreprise", "Optique", "PME (10-249)"),
                ("Robotique Dauphiné", "Start-up", "Robotique", "TPE (<10)"),
                ("Usinage Forez", "Entreprise", "Mécanique", "PME (10-249)"),
                ("Électronique Auvergne", "Entreprise", "Électronique", "ETI (250-4999)"),
                ("Textiles Techniques Roannais", "Entreprise", "Textile", "PME (10-249)"),
                ("Fonderie du Velay", "Entreprise industrielle", "Fonderie", "PME (10-249)"),
                ("Paris Digital Factory", "Entreprise", "Numérique", "PME (10-249)"),
                ("Ain Plastiques", "PME", "Plasturgie", "PME (10-249)")],
    "training": [("Université Savoie Mont Blanc", "Université", "Enseignement supérieur", ""),
                 ("Lycée technique La Martinière", "Établissement d'enseignement", "Formation", ""),
                 ("AFPI Rhône", "Organisme de formation", "Formation", ""),
                 ("École Centrale de Lyon", "École d'ingénieurs", "Enseignement supérieur", ""),
                 ("IUT d'Annecy", "Organisme de formation", "Formation", "")],
    "institution": [("Région Auvergne-Rhône-Alpes", "Collectivité territoriale", "Public", ""),
                    ("Grand Annecy Agglomération", "Collectivité", "Public", ""),
                    ("CCI Lyon Métropole", "Chambre consulaire", "Public", ""),
                    ("Agence régionale de développement", "Agence publique", "Public", ""),
                    ("Bpifrance Lyon", "Institution financière publique", "Public", "")],
    "expert": [("Cabinet Innov'Conseil", "Consultant", "Conseil", "TPE (<10)"),
               ("Laboratoire SYMME", "Laboratoire de recherche", "Recherche", ""),
               ("CETIM Cluses", "Centre technique", "Recherche", ""),
               ("Expert indépendant", "Expert", "Conseil", "")],
    "other": [("Association Mont-Blanc Industries", "Association", "Réseau", ""),
              ("Journal Le Dauphiné", "Presse", "Médias", "")],
}
COMMUNITY_WEIGHTS = {"company": 55, "training": 15, "institution": 14, "expert": 12, "other": 4}
POSTCODES = ["74000", "74300", "74100", "69001", "69003", "69007", "69100", "38000", "38100",
             "73000", "73200", "42000", "63000", "01000", "01250", "26000", "43000", "03100",
             "75011", "13001", "39100", "21000", "67000"]
POSTCODE_WEIGHTS = [8, 8, 5, 8, 6, 5, 4, 6, 3, 5, 3, 3, 3, 2, 2, 2, 1, 1, 2, 1, 1, 1, 1]

SAT_LABELS = {5: "Très satisfait", 4: "Satisfait", 3: "Moyennement satisfait",
              2: "Peu satisfait", 1: "Pas du tout satisfait"}
COMMENTS = [
    "Très bonne organisation, merci à toute l'équipe.",
    "Les ateliers étaient trop courts, on aimerait plus de temps d'échange.",
    "Excellent forum, j'ai rencontré deux partenaires potentiels.",
    "Salle un peu bruyante pendant les pitchs.",
    "Merci à {name} pour son animation de l'atelier robotique !",
    "Pouvez-vous m'envoyer les supports ? Mon adresse : {email}",
    "Contactez-moi au {phone} pour le projet commun.",
    "Bonne dynamique, à refaire l'an prochain.",
    "Plus d'entreprises de la Loire seraient bienvenues.",
    "Les retours d'expérience industriels étaient les plus utiles.",
    "Un peu trop de présentations descendantes.",
    "Voir aussi https://exemple.org/peak pour le compte rendu.",
]


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def make_pool(rng: random.Random, n: int) -> list[dict]:
    people, seen = [], set()
    communities = list(COMMUNITY_WEIGHTS)
    weights = list(COMMUNITY_WEIGHTS.values())
    while len(people) < n:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if (first, last) in seen:
            continue
        seen.add((first, last))
        community = rng.choices(communities, weights)[0]
        org, label, sector, size = rng.choice(ORGS[community])
        domain = strip_accents(org.split()[0]).lower().replace("'", "") + ".example"
        email = f"{strip_accents(first).lower()}.{strip_accents(last).lower()}@{domain}"
        pc = rng.choices(POSTCODES, POSTCODE_WEIGHTS)[0]
        phone = f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} " \
                f"{rng.randint(10, 99)}"
        people.append({"first": first, "last": last, "org": org, "community": community,
                       "label": label, "sector": sector, "size": size, "email": email,
                       "postcode": pc, "phone": phone})
    return people


def registration_rows(rng, people, n_attended, n_noshow, n_cancel, date, start):
    """Rows for one forum, plus the expected counts."""
    rng.shuffle(people)
    attended = people[:n_attended]
    noshow = people[n_attended:n_attended + n_noshow]
    cancelled = people[n_attended + n_noshow:n_attended + n_noshow + n_cancel]
    rows = []

    def when():
        return start + dt.timedelta(days=rng.randint(0, (date - start.date()).days - 1),
                                    minutes=rng.randint(0, 24 * 60 - 1))

    for p in attended:
        rows.append({**p, "status": "active", "present": True, "at": when()})
    for p in noshow:
        rows.append({**p, "status": "active", "present": False, "at": when()})
    for p in cancelled:
        rows.append({**p, "status": "cancelled", "present": False, "at": when()})
    # cancel then re-register: an attendee has an earlier cancelled row
    rows.append({**attended[0], "status": "cancelled", "present": False,
                 "at": start + dt.timedelta(days=1)})
    # a check-in mark on a cancelled row does not count: that person stays cancelled
    rows.append({**cancelled[0], "status": "cancelled", "present": True, "at": when()})
    # duplicate registrations of attendees with case/space variants of the e-mail
    for p in attended[1:3]:
        rows.append({**p, "email": " " + p["email"].upper() + " ", "status": "active",
                     "present": False, "at": when()})
    rng.shuffle(rows)
    expected = {"registered": n_attended + n_noshow, "attended": n_attended,
                "cancelled": n_cancel, "duplicate_rows": 4}
    return rows, expected, attended, noshow


def survey_rows(rng, attended, noshow, n_resp, date):
    """Survey answers: attendees, one no-show, one unknown e-mail, a double submission."""
    resp = rng.sample(attended, n_resp)
    base = dt.datetime.combine(date, dt.time(17, 30))
    rows = []
    for i, p in enumerate(resp):
        sat = rng.choices([5, 4, 3, 2, 1], [40, 38, 14, 6, 2])[0]
        nps = max(0, min(10, sat * 2 + rng.choice([-2, -1, 0, 0, 1])))
        comment = ""
        if rng.random() < 0.45:
            other = rng.choice(attended)
            comment = rng.choice(COMMENTS).format(name=f"{other['first']} {other['last']}",
                                                  email=p["email"], phone=p["phone"])
        rows.append({"email": p["email"], "sat": sat, "nps": nps,
                     "q1": rng.choices([5, 4, 3, 2], [30, 45, 20, 5])[0],
                     "q2": rng.choices([5, 4, 3, 2, 1], [35, 40, 15, 7, 3])[0],
                     "next": rng.choices(["Oui", "Non", "Peut-être"], [65, 10, 25])[0],
                     "comment": comment, "at": base + dt.timedelta(minutes=7 * i + 3)})
    rows.append({**rows[0], "email": noshow[0]["email"], "at": base + dt.timedelta(hours=30)})
    rows.append({**rows[1], "email": "inconnu.participant@exemple.fr",
                 "at": base + dt.timedelta(hours=31)})
    # the same respondent answers again later; the later answer counts (placed first in file)
    again = {**rows[2], "sat": 2, "nps": 5, "at": rows[2]["at"] + dt.timedelta(days=1)}
    rows.insert(0, again)
    rows.append(dict(rows[5]))  # an exact duplicate row (a double click)
    rows.append({**rows[6], "email": "faux.satisfaction@exemple.fr", "sat": 7})  # not 1–5
    rows.append({**rows[7], "email": "faux.nps@exemple.fr", "nps": "8,5"})        # not 0–10
    return rows


# 2021 only: a Google Forms grid rating the afternoon's workshops ("Question [Row]"), the
# columns 1–5 and "Je n'y ai pas participé"; the third workshop was small (few ratings).
GRID_QUESTION = "Comment évaluez-vous les ateliers de l'après-midi ?"
WORKSHOPS = [("Atelier A – Robotique collaborative", 0.65, [30, 45, 15, 7, 3]),
             ("Atelier B – Financer son projet d'innovation", 0.5, [20, 35, 30, 10, 5]),
             ("Atelier C – Compétences de demain", 0.06, [40, 40, 10, 5, 5])]
NOT_ATTENDED = "Je n'y ai pas participé"


def grid_answers(email: str) -> list[str]:
    """One respondent's grid answers, drawn from their own seed: a repeated or duplicated
    answer of the same person gets the same grid, and the other files stay as they were."""
    rng = random.Random(f"grid:{email}")
    out = []
    for _, p_attend, weights in WORKSHOPS:
        if rng.random() < p_attend:
            out.append(str(rng.choices([5, 4, 3, 2, 1], weights)[0]))
        else:
            out.append(NOT_ATTENDED if rng.random() < 0.8 else "")
    return out


def write_csv(path: Path, header: list[str], records: list[list], *, delimiter: str,
              encoding: str, pre: list[str] = (), post: list[list] = ()) -> None:
    buf = io.StringIO()
    for line in pre:
        buf.write(line + "\r\n")
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(records)
    w.writerows(post)
    path.write_bytes(buf.getvalue().encode(encoding))


def forum_2021_like(folder: Path, rng, pool, year, n_att, n_noshow, n_cancel, n_resp):
    date = {2021: dt.date(2021, 12, 15), 2020: dt.date(2020, 12, 10)}[year]
    rows, expected, attended, noshow = registration_rows(
        rng, pool, n_att, n_noshow, n_cancel, date, dt.datetime(year, 10, 1, 9))
    header = ["N° billet", "Nom", "Prénom", "Email", "Société", "Type de structure",
              "Secteur d'activité", "Taille de l'entreprise", "Code postal", "Ville",
              "Téléphone", "Statut", "Présent", "Date d'inscription"]
    records = []
    for i, r in enumerate(rows):
        records.append([f"T{year}-{1000 + i}", r["last"].upper(), r["first"], r["email"],
                        r["org"], r["label"], r["sector"], r["size"], r["postcode"], "",
                        r["phone"], "Annulé" if r["status"] == "cancelled" else "Validé",
                        "Oui" if r["present"] else "", r["at"].strftime("%d/%m/%Y %H:%M")])
        if i == len(rows) // 2:
            records.append([""] * len(header))  # a blank record in the middle
    # missing postcodes for 3 attendees
    for rec in records[:40]:
        if rec[12] == "Oui" and rec[8] and sum(1 for x in records if not x[8]) < 4:
            rec[8] = ""
    footer = [["", "Total", "", "", "", "", "", "", "", "", "", "", "", f"{len(rows)} billets"],
              [""] * len(header)]
    write_csv(folder / "registrations.csv", header, records, delimiter=";", encoding="cp1252",
              post=footer)
    s_rows = survey_rows(rng, attended, noshow, n_resp, date)
    s_header = ["Horodateur", "Adresse e-mail",
                "Globalement, quel est votre niveau de satisfaction concernant le forum ?",
                "Quelle est la probabilité que vous recommandiez le Forum PEAK à un collègue "
                "ou partenaire ?",
                "Les ateliers vous ont-ils été utiles ?",
                "Les échanges avec les autres participants ont-ils été utiles ?",
                "Souhaitez-vous participer à la prochaine phase du programme PEAK ?",
                "Avez-vous des commentaires ou suggestions ?"]
    s_records = [[r["at"].strftime("%d/%m/%Y %H:%M:%S"), r["email"],
                  SAT_LABELS.get(r["sat"], str(r["sat"])), r["nps"], r["q1"], r["q2"],
                  r["next"], r["comment"]] for r in s_rows]
    if year == 2021:
        at = s_header.index("Souhaitez-vous participer à la prochaine phase du programme PEAK ?")
        s_header[at:at] = [f"{GRID_QUESTION} [{w}]" for w, _, _ in WORKSHOPS]
        for rec, r in zip(s_records, s_rows, strict=True):
            rec[at:at] = grid_answers(r["email"])
    write_csv(folder / "survey.csv", s_header, s_records, delimiter=",", encoding="utf-8")
    return expected


def forum_2019(folder: Path, rng, pool):
    date = dt.date(2019, 12, 12)
    rows, expected, attended, noshow = registration_rows(
        rng, pool, 108, 19, 7, date, dt.datetime(2019, 10, 1, 9))
    header = ["Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity",
              "Ticket Type", "Attendee Status", "Company", "Organisation type", "Industry",
              "Company size", "Zip Code"]
    records = []
    for i, r in enumerate(rows):
        status = ("Refunded" if r["status"] == "cancelled"
                  else "Checked In" if r["present"] else "Attending")
        records.append([str(1_200_000 + i), r["at"].strftime("%Y-%m-%d %H:%M:%S"), r["first"],
                        r["last"], r["email"], "1", "Entrée gratuite", status, r["org"],
                        r["label"], r["sector"], r["size"], r["postcode"]])
    # in one Attendee Status column, a check-in mark cannot sit on a cancelled row
    expected["duplicate_rows"] = 4
    write_csv(folder / "registrations.csv", header, records, delimiter=",", encoding="utf-8-sig")
    s_rows = survey_rows(rng, attended, noshow, 52, date)
    q = ["Respondent ID", "Collector ID", "Start Date", "End Date", "Email Address",
         "Overall, how satisfied were you with the forum?",
         "How likely is it that you would recommend the PEAK forum to a colleague?",
         "How useful were the workshops?", "", "Would you join the next phase of PEAK?",
         "Any other comments?"]
    sub = ["", "", "", "", "", "Response", "Response", "Workshops", "Networking", "Response",
           "Open-Ended Response"]
    labels_en = {5: "Very satisfied", 4: "Satisfied",
                 3: "Neither satisfied nor dissatisfied", 2: "Dissatisfied",
                 1: "Very dissatisfied"}
    recs = []
    for i, r in enumerate(s_rows):
        nxt = {"Oui": "Yes", "Non": "No", "Peut-être": "Maybe"}[r["next"]]
        at = r["at"].strftime("%m/%d/%Y %I:%M:%S %p")
        recs.append([str(11_000_000_000 + i), "234567890", at, at, r["email"],
                     labels_en.get(r["sat"], str(r["sat"])), r["nps"], r["q1"], r["q2"], nxt,
                     r["comment"]])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(q)
    w.writerow(sub)
    w.writerows(recs)
    (folder / "survey.csv").write_bytes(buf.getvalue().encode("utf-8"))
    return expected


def forum_2018(folder: Path, rng, pool):
    from openpyxl import Workbook

    date = dt.date(2018, 12, 13)
    rows, expected, attended, noshow = registration_rows(
        rng, pool, 96, 15, 5, date, dt.datetime(2018, 10, 1, 9))
    wb = Workbook()
    ws = wb.active
    ws.title = "Inscrits"
    ws.append(["Forum PEAK 2018 — liste des inscrits (tenue à la main)"])
    ws.append([])
    ws.append(["Prénom", "NOM", "Courriel", "Structure", "Catégorie", "Secteur", "Effectif",
               "CP", "Annulation", "Émargement", "Inscrit le"])
    for r in rows:
        pc = int(r["postcode"])  # Excel turns 01250 into 1250
        ws.append([r["first"], r["last"], r["email"], r["org"], r["label"], r["sector"],
                   r["size"], pc, "annulé" if r["status"] == "cancelled" else "",
                   "x" if r["present"] else "", r["at"]])
    ws.append([])
    ws.append(["", "TOTAL", "", "", "", "", "", "", "", "", len(rows)])
    notes = wb.create_sheet("Notes")
    notes.append(["Liste tenue par l'équipe Thésame"])
    wb.save(folder / "registrations.xlsx")
    s_rows = survey_rows(rng, attended, noshow, 58, date)
    header = ["Horodateur", "Adresse e-mail", "Êtes-vous satisfait(e) du forum ?",
              "Recommanderiez-vous le forum à un collègue ? (0 = pas du tout, 10 = certainement)",
              "Les ateliers vous ont-ils été utiles ?", "Qualité des échanges",
              "Souhaitez-vous participer à la prochaine édition ?", "Vos remarques"]
    recs = [[r["at"].strftime("%d/%m/%Y %H:%M:%S"), r["email"], r["sat"], r["nps"], r["q1"],
             r["q2"], r["next"], r["comment"]] for r in s_rows]
    write_csv(folder / "survey.csv", header, recs, delimiter=",", encoding="utf-8")
    return expected


def main() -> None:
    rng = random.Random(20211215)
    pool = make_pool(rng, 330)
    forums = {
        "forum-peak-2018": lambda f: forum_2018(f, rng, pool),
        "forum-peak-2019": lambda f: forum_2019(f, rng, pool),
        "forum-peak-2020": lambda f: forum_2021_like(f, rng, pool, 2020, 82, 14, 6, 47),
        "forum-peak-2021": lambda f: forum_2021_like(f, rng, pool, 2021, 124, 22, 9, 71),
    }
    for name, make in forums.items():
        folder = HERE / name
        folder.mkdir(exist_ok=True)
        expected = make(folder)
        (folder / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")


if __name__ == "__main__":
    main()
