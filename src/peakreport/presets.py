"""Platform presets: recognise an export by its headers, and know which column is which.

A preset is recognised when every header of its signature is in the file
(compared folded: no case, accents or punctuation); the most specific match
wins. Its `columns` give candidate headers per canonical field, first present
wins. What a preset does not name is left to keyword and answer-shape detection
(`mapping.py`), and the params' own `columns:` always win.

Where each header list comes from is written beside it. "Public code" means a
file of a public repository that reads or writes that export; "documentation"
the platform's help pages as we know them. Lists not confirmed by public code
are marked so; exports drift, and detection falls back to keywords anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .text import fold


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    kind: str                                   # "registrations" | "survey"
    signature: tuple[str, ...]                  # folded headers that must all be present
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    header_rows: int = 1
    ignore: tuple[str, ...] = ()                # headers never to use (a payer's e-mail…)
    values: dict[str, dict[str, object]] = field(default_factory=dict)  # platform labels
    source: str = ""
    note: str = ""


PRESETS: tuple[Preset, ...] = (
    # ------------------------------------------------------------------ registrations
    Preset(
        "eventbrite-attendees", "Eventbrite attendee report (English account)",
        "registrations", ("order", "order date", "attendee status", "ticket type"),
        {"email": ("Email",), "first_name": ("First Name",), "last_name": ("Last Name",),
         "status": ("Attendee Status",), "checked_in": ("Attendee Status",),
         "registered_at": ("Order Date",), "organisation": ("Company",),
         "postcode": ("Work Zip", "Zip Code", "Zip", "Home Zip")},
        # Public code: rherardi/eb2ez README (an Attendee Report CSV: Order #, Order Date,
        # First Name, Last Name, Email, Quantity, Price Tier, Ticket Type, Attendee #, Group,
        # Order Type, Currency, Total Paid, Fees Paid, Eventbrite Fees, Eventbrite Payment
        # Processing, Attendee Status, Home Address 1…, Home Zip, Job Title, Company).
        source="public code (rherardi/eb2ez) and Eventbrite's Attendee Summary report help",
        note="one 'Attendee Status' column gives both cancellation (Refunded, Not Attending, "
             "Deleted) and check-in (Checked In)",
    ),
    Preset(
        "eventbrite-attendees-fr", "Eventbrite attendee report (French account)",
        "registrations", ("n de commande", "statut du participant", "type de billet"),
        {"email": ("E-mail", "Adresse e-mail", "Email"), "first_name": ("Prénom",),
         "last_name": ("Nom",), "status": ("Statut du participant",),
         "checked_in": ("Statut du participant",),
         "registered_at": ("Date de commande", "Date de la commande"),
         "organisation": ("Entreprise", "Société"),
         "postcode": ("Code postal professionnel", "Code postal", "Code postal du domicile")},
        values={"checked_in": {"Enregistré": True, "Enregistrée": True, "Présent": True,
                               "Participant": False, "Participe": False}},
        source="Eventbrite's French interface labels for the English columns above "
               "(not confirmed by public code in our index)",
    ),
    Preset(
        "eventbrite-orders", "Eventbrite order report", "registrations",
        ("order", "order date", "total paid", "quantity"),
        {"email": ("Email",), "first_name": ("First Name",), "last_name": ("Last Name",),
         "registered_at": ("Order Date",), "organisation": ("Company",)},
        source="Eventbrite's Orders report help; the buyer columns are those of the attendee "
               "report (public code rherardi/eb2ez)",
        note="one row per order and its buyer: no check-in, so attendance cannot be measured",
    ),
    Preset(
        "weezevent", "Weezevent participant export", "registrations",
        ("nom", "prenom", "tarif", "code barre"),
        {"email": ("E-mail", "Email", "Adresse e-mail"), "first_name": ("Prénom",),
         "last_name": ("Nom",), "status": ("Statut", "Statut de la commande"),
         "checked_in": ("Contrôlé", "Date du contrôle", "Date de contrôle", "Scanné"),
         "registered_at": ("Date d'achat", "Date de la commande", "Date de commande"),
         "organisation": ("Société", "Entreprise", "Structure", "Organisme"),
         "postcode": ("Code postal",)},
        source="Weezevent's participant list export as described in its help centre "
               "(not confirmed by public code in our index)",
    ),
    Preset(
        "helloasso", "HelloAsso order export (billetterie)", "registrations",
        ("nom participant", "prenom participant", "email payeur"),
        {"first_name": ("Prénom participant", "Prenom participant"),
         "last_name": ("Nom participant",), "email": ("Email participant",
                                                     "Adresse email participant"),
         "status": ("Statut de la commande", "Statut du paiement", "Statut"),
         "registered_at": ("Date de la commande", "Date du paiement", "Date"),
         "organisation": ("Raison sociale", "Structure", "Société"),
         "postcode": ("Code postal participant", "Code Postal", "Code postal")},
        ignore=("Email payeur", "Nom payeur", "Prénom payeur", "Prenom payeur"),
        # Public code: headers 'Référence commande', 'Date de la commande', 'Statut de la
        # commande', 'Nom participant', 'Prénom participant', 'Nom payeur', 'Prénom payeur',
        # 'Email payeur', 'Raison sociale', 'Moyen de paiement', 'Billet', 'Numéro de billet'
        # read by an importer, and 'Nom payeur', 'Prénom payeur', 'Email payeur',
        # 'Raison sociale' in a HelloAsso/Google Sheets export writer.
        source="public code reading and writing HelloAsso exports (importers of 'Nom "
               "participant' / 'Email payeur' columns)",
        note="the payer is not the participant: the payer's e-mail is never used as the "
             "participant's identity (one payer can register several people)",
    ),
    # ------------------------------------------------------------------ surveys
    Preset(
        "google-forms-fr", "Google Forms (French)", "survey", ("horodateur",),
        {"submitted_at": ("Horodateur",),
         "email": ("Adresse e-mail", "Adresse email", "Nom d'utilisateur")},
        source="Google Forms' response sheet in a French account (first column 'Horodateur', "
               "then 'Adresse e-mail' when addresses are collected)",
    ),
    Preset(
        "google-forms", "Google Forms (English)", "survey", ("timestamp",),
        {"submitted_at": ("Timestamp",), "email": ("Email Address", "Email address",
                                                   "Username")},
        # Public code: many readers drop or parse 'Timestamp' and 'Email Address'.
        source="Google Forms' response sheet (first column 'Timestamp'); public code",
    ),
    Preset(
        "surveymonkey", "SurveyMonkey (CSV or XLSX, two header rows)", "survey",
        ("respondent id", "collector id"),
        {"submitted_at": ("End Date",), "email": ("Email Address",)},
        header_rows=2,
        # Public code: df.drop(["Respondent ID","Collector ID","Start Date","End Date",
        # "IP Address","Email Address","First Name","Last Name","Custom Data 1"]) then
        # df.slice(1) to remove the second header row.
        source="public code reading SurveyMonkey's 'All responses' export",
        note="a second header row holds 'Response' or the answer options",
    ),
    Preset(
        "limesurvey", "LimeSurvey (question codes)", "survey",
        ("submitdate", "lastpage", "startlanguage"),
        {"submitted_at": ("submitdate", "datestamp"), "email": ("email", "Email")},
        # Public code: R scripts dropping submitdate, lastpage, startlanguage, startdate,
        # datestamp; sub-questions as CODE[SQ001] (CODE.SQ001. once read by R).
        source="public code reading LimeSurvey response exports; LimeSurvey manual "
               "('Export responses': question codes, answer codes)",
        note="questions are codes (SATGLOB, EVAL[SQ001]); answers may be codes (A1…A5, Y/N): "
             "scales are found by their answers",
    ),
    Preset(
        "microsoft-forms", "Microsoft Forms (English)", "survey",
        ("start time", "completion time"),
        {"submitted_at": ("Completion time",), "email": ("Email",)},
        source="Microsoft Forms' 'Open in Excel' workbook: ID, Start time, Completion time, "
               "Email, Name, then one column per question (not confirmed by public code)",
        note="an anonymous form has 'anonymous' in the Email column: no linking then",
    ),
    Preset(
        "microsoft-forms-fr", "Microsoft Forms (French)", "survey",
        ("heure de debut", "heure de fin"),
        {"submitted_at": ("Heure de fin",), "email": ("Adresse de messagerie", "E-mail")},
        source="the French labels of the Microsoft Forms workbook (Heure de début, Heure de "
               "fin, Adresse de messagerie, Nom); not confirmed by public code",
    ),
    Preset(
        "typeform", "Typeform", "survey", ("submit date utc", "network id"),
        {"submitted_at": ("Submit Date (UTC)",)},
        # Public code: readers of '#', 'Start Date (UTC)', 'Submit Date (UTC)', 'Network ID'.
        source="public code reading Typeform CSV exports",
        note="the e-mail is an ordinary question; found by its wording",
    ),
)

BY_NAME = {p.name: p for p in PRESETS}


def names(kind: str) -> list[str]:
    return [p.name for p in PRESETS if p.kind == kind]


def detect(headers: list[str], kind: str) -> Preset | None:
    """The most specific preset whose whole signature is among the headers."""
    folded = {fold(h) for h in headers}
    hits = [p for p in PRESETS if p.kind == kind and all(s in folded for s in p.signature)]
    return max(hits, key=lambda p: len(p.signature), default=None)


def find(headers: list[str], candidates: tuple[str, ...]) -> str | None:
    """The first candidate present among the headers (folded comparison)."""
    by_fold = {fold(h): h for h in reversed(headers)}
    for c in candidates:
        if fold(c) in by_fold:
            return by_fold[fold(c)]
    return None
