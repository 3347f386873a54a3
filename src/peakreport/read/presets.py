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

from ..text import fold


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    kind: str                                   # "registrations" | "survey" | "attendance"
    signature: tuple[str, ...]                  # folded headers that must all be present
    #                                             (fold: "_uuid" is "uuid")
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    header_rows: int = 1
    ignore: tuple[str, ...] = ()                # headers never to use (a payer's e-mail…)
    values: dict[str, dict[str, object]] = field(default_factory=dict)  # platform labels
    dayfirst: bool | None = None                # the platform's day/month order, if known
    complete: tuple[str, ...] = ()              # survey: blank here = an unfinished response
    # survey: (header, rule) marking responses that do not count: "false" (a Finished
    # column saying no), "draft" (a Draft column saying yes), "test" (a preview, test or
    # spam status), "duplicate" (a submission id seen on an earlier row)
    markers: tuple[tuple[str, str], ...] = ()
    online: bool | None = None                  # attendance: a video-conference report
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
        # Real export: rherardi/eb2ez test_input_file_1.csv (anonymised, 2024): Order #,
        # Order Date, First Name, Last Name, Email, Quantity, Price Tier, Ticket Type,
        # Attendee #, Group, Order Type, Currency, Total Paid, Fees Paid, Eventbrite Fees,
        # Eventbrite Payment Processing, Attendee Status, Home Address 1, Home Address 2,
        # Home City, Home State, Home Zip, Home Country, <custom questions>, Job Title,
        # Company; Order Date "11/29/24 22:28" (month-first). Status labels (Attending,
        # Checked In, Not Attending, Deleted) from Eventbrite's attendee API documentation.
        source="a real attendee report in public code (rherardi/eb2ez test_input_file_1.csv); "
               "status labels from Eventbrite's attendee API",
        note="one 'Attendee Status' column gives both cancellation (Refunded, Not Attending, "
             "Deleted) and check-in (Checked In)",
        dayfirst=False,
    ),
    Preset(
        "eventbrite-attendees-uk", "Eventbrite attendee report (UK account)", "registrations",
        ("order no", "attendee status", "surname"),
        {"email": ("Email",), "first_name": ("First Name",), "last_name": ("Surname",),
         "status": ("Attendee Status",), "checked_in": ("Attendee Status",),
         "registered_at": ("Order Date",), "organisation": ("Company",),
         "postcode": ("Work Postcode", "Home Postcode")},
        # Real export: katharinebeaumont/badge-service src/main/resources/event-report.csv
        # (2017): Order no., Attendee no., Order Date, First Name, Surname, Email, Quantity,
        # Ticket Type, Order Type, Total Paid, Eventbrite Fees, Eventbrite Payment
        # Processing, Attendee Status, Home Address 1, Home Address 2, Home City, County of
        # Residence, Home Postcode, Home Country; Order Date "2017-01-27 15:51:40+00:00".
        source="a real UK attendee report in public code "
               "(katharinebeaumont/badge-service event-report.csv)",
        note="one 'Attendee Status' column gives both cancellation and check-in",
        dayfirst=True,
    ),
    Preset(
        "eventbrite-attendees-2023", "Eventbrite attendee report (layout with buyer columns)",
        "registrations", ("order id", "attendee status", "ticket quantity"),
        {"email": ("Email", "Attendee Email"), "first_name": ("First Name",),
         "last_name": ("Last Name", "Surname", "Name"), "status": ("Attendee Status",),
         "checked_in": ("Attendee Status",), "registered_at": ("Order Date",),
         "organisation": ("Company", "Company Name"),
         "postcode": ("Work Zip", "Home Zip", "Zip Code", "Home Postcode")},
        ignore=("Buyer Name", "Buyer Email", "Buyer First Name", "Buyer Last Name"),
        # Public code: a 2023 conference mailer (PyCon Sweden) reading "Order ID, Order Date,
        # Attendee Status, Name, Email, Event Name, Ticket Quantity, Ticket Type, Ticket
        # Price, Buyer Name, Buyer Email" and falling back on First Name / Last Name;
        # fixtures with Buyer First Name / Buyer Last Name / Buyer Email beside the
        # attendee's own columns. Not seen as a whole file.
        source="public code reading the newer attendee layout (a 2023 conference mailer); "
               "the full column order is not confirmed by a real file",
        note="the buyer of an order is not the attendee: Buyer columns are never used as "
             "the participant's identity",
        dayfirst=False,
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
        source="Eventbrite's French interface labels for the English columns above; none "
               "found in public code or files (searched: no French attendee report)",
        dayfirst=True,
    ),
    Preset(
        "eventbrite-orders", "Eventbrite order report", "registrations",
        ("order", "order date", "total paid", "quantity"),
        {"email": ("Email",), "first_name": ("First Name",), "last_name": ("Last Name",),
         "registered_at": ("Order Date",), "organisation": ("Company",)},
        source="Eventbrite's Orders report help; no real order report found in public "
               "files (only the API's order object: name, first_name, last_name, email)",
        note="one row per order and its buyer: no check-in, so attendance cannot be measured",
        dayfirst=False,
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
        # Public code: Futurolan/WeezBadge (Participant, ControlStatus entities of the API:
        # barcode, owner first_name/last_name/email, control_status.scan_date "Y-m-d H:i:s"
        # or "0000-00-00 00:00:00" when never scanned, refund, deleted).
        source="Weezevent's participant export as its help centre describes it; no export "
               "file found in public code, only the API's fields (Futurolan/WeezBadge)",
        dayfirst=True,
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
        # Public code (importers with a pasted export, ';' and a BOM): Référence commande;
        # Date de la commande; Statut de la commande; Nom participant; Prénom participant;
        # Nom payeur; Prénom payeur; Email payeur; Raison sociale; Moyen de paiement;
        # Billet; Numéro de billet; Tarif; Montant tarif; Code Promo; Montant code promo;
        # <custom fields>. There is no built-in participant e-mail: organisers add one as a
        # custom field ("Adresse Mail de Contact", "e-mail"), found by keywords.
        source="public code importing HelloAsso billetterie exports (a pasted export with "
               "'Nom participant' … 'Email payeur')",
        note="the payer is not the participant: the payer's e-mail is never used as the "
             "participant's identity (one payer can register several people)",
        dayfirst=True,
    ),
    Preset(
        "helloasso-adhesion", "HelloAsso membership export (adhésion)", "registrations",
        ("nom adherent", "prenom adherent", "email payeur"),
        {"first_name": ("Prénom adhérent", "Prenom adherent"),
         "last_name": ("Nom adhérent", "Nom adherent"),
         "status": ("Statut de la commande", "Statut"),
         "registered_at": ("Date de la commande", "Date"),
         "organisation": ("Raison sociale", "Structure", "Société"),
         "postcode": ("Code postal", "Code Postal")},
        ignore=("Email payeur", "Nom payeur", "Prénom payeur", "Prenom payeur"),
        # Public code, several independent readers: Référence commande, Date de la commande,
        # Statut de la commande, Tarif, Montant tarif, Nom adhérent, Prénom adhérent, Nom
        # payeur, Prénom payeur, Email payeur, <custom fields such as "e-mail">.
        source="public code importing HelloAsso membership exports (sync tools and tests "
               "reading 'Nom adhérent' / 'Email payeur')",
        note="the payer is not the member: with no member e-mail column, people are told "
             "apart by name and organisation, never by the payer's e-mail",
        dayfirst=True,
    ),
    Preset(
        "indico", "Indico registrations (CSV or XLSX)", "registrations",
        ("id", "name", "registration date", "registration state"),
        {"email": ("Email Address", "Email", "E-mail"), "first_name": ("First Name",),
         "last_name": ("Last Name",), "organisation": ("Affiliation",),
         "status": ("Registration state",), "checked_in": ("Checked in",),
         "registered_at": ("Registration date",)},
        # Indico's source (indico/modules/events/registration/util.py,
        # generate_spreadsheet_from_registrations; indico/util/spreadsheets.py): ID, Name,
        # then one column per form field titled as configured (defaults First Name, Last
        # Name, Email Address, Affiliation), then Registration date, Modification date,
        # Registration state, Created by, Price, Checked in, Check-in date, Payment date,
        # Tags; English headers, UTF-8 with BOM, comma, booleans Yes/No; states Completed,
        # Pending, Rejected, Withdrawn, Awaiting payment (French: Terminé, En attente,
        # Refusé, Retiré, En attente du paiement).
        source="Indico's own export code (registration spreadsheet); no exported file seen",
        note="'Rejected' and 'Withdrawn' registrations are cancelled; 'Pending' and "
             "'Awaiting payment' ones are registered",
        ignore=("Name", "Created by", "Modification date", "Payment date", "Check-in date"),
    ),
    Preset(
        "pretix-positions", "pretix order positions (attendees)", "registrations",
        ("event slug", "order code", "position id", "attendee name"),
        {"email": ("Attendee email",), "last_name": ("Attendee name",),
         "first_name": ("Attendee name: Given name",),
         "organisation": ("Company",), "status": ("Status",),
         "registered_at": ("Order date",), "postcode": ("ZIP code",)},
        ignore=("Email", "Phone number", "Invoice address name"),
        # pretix's source (src/pretix/base/exporters/orderlist.py, sheet "Order
        # positions"): Event slug, Order code, Position ID, Status, Email, Phone number,
        # Order date, Order time, Product, Variation, Price, Tax rate, Tax rule, Tax
        # value, Attendee name, [Attendee name: <part>], Attendee email, Company, Address,
        # ZIP code, City, Country, State, Voucher, Pseudonymization ID, Seat …, Order
        # comment, Follow-up date, <questions>, …; status pending / paid / expired /
        # canceled; "Email" is the order's (the buyer's).
        source="pretix's own exporter code (order positions sheet); no exported file seen",
        note="no check-in in this export: give pretix's check-in list as an on-site "
             "`attendance:` list; the order's Email is the buyer's, never the attendee's",
    ),
    Preset(
        "billetweb", "Billetweb attendee export", "registrations",
        ("seance", "tarif", "commande", "paye", "valide"),
        {"email": ("Email",), "first_name": ("Prénom",), "last_name": ("Nom",),
         "status": ("Valide",)},
        values={"status": {"Non": "cancelled", "Oui": "active", "No": "cancelled",
                           "Yes": "active"}},
        # Public code: a Billetweb import service reading Séance, Tarif, Nom, Prénom,
        # Email, Commande, Payé, Valide (Oui/Non), custom order questions as
        # "<label> (Commande) - #<n>" (Code postal (Commande) - #8…). No check-in column
        # named there.
        source="one public importer's column names (a Billetweb import service); no whole "
               "file seen, so delimiter and encoding are detected",
        note="'Valide = Non' is a cancelled ticket; no check-in column known: give a "
             "sign-in sheet or check-in list as an `attendance:` list",
        dayfirst=True,
    ),
    # ------------------------------------------------------------------ surveys
    Preset(
        "google-forms-fr", "Google Forms (French)", "survey", ("horodateur",),
        {"submitted_at": ("Horodateur",),
         "email": ("Adresse e-mail", "Adresse email", "Nom d'utilisateur")},
        # Public code: readers of "Horodateur","Adresse e-mail",… response sheets.
        source="public code reading French Google Forms response sheets ('Horodateur', "
               "'Adresse e-mail')",
        dayfirst=True,
    ),
    Preset(
        "google-forms", "Google Forms (English)", "survey", ("timestamp",),
        {"submitted_at": ("Timestamp",), "email": ("Email Address", "Email address",
                                                   "Username")},
        # Public code: many readers drop or parse 'Timestamp' and 'Email Address' (newer
        # sheets: 'Email address'); timestamps "8/4/2025 23:25:41" (month-first).
        source="public code reading Google Forms response sheets ('Timestamp', 'Email "
               "Address' / 'Email address', 'Score')",
        dayfirst=False,
    ),
    Preset(
        "surveymonkey", "SurveyMonkey (CSV or XLSX, two header rows)", "survey",
        ("respondent id", "collector id"),
        {"submitted_at": ("End Date",), "email": ("Email Address",)},
        header_rows=2,
        # Real export: markshepherd/IPIP-NEO-Scorer test/*.csv (2020): Respondent ID,
        # Collector ID, Start Date, End Date, IP Address, Email Address, First Name, Last
        # Name, Custom Data 1, <questions>; second row "Response", "Open-Ended Response",
        # "Other (please specify):" or the options; dates "01/24/2020 10:12:04 AM". The
        # CSV has no completion column (partials are only marked in the API).
        source="a real 'All responses' CSV in public code (markshepherd/IPIP-NEO-Scorer)",
        note="a second header row holds 'Response' or the answer options",
        dayfirst=False,
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
             "scales are found by their answers; a blank submitdate is an unfinished "
             "response",
        complete=("submitdate",),
        ignore=("id", "lastpage", "startlanguage", "seed", "token", "startdate", "datestamp",
                "ipaddr", "refurl", "interviewtime"),
    ),
    Preset(
        "limesurvey-full", "LimeSurvey (full question texts)", "survey",
        ("response id", "date submitted", "last page"),
        {"submitted_at": ("Date submitted", "Date last action"),
         "email": ("Email address", "Email", "E-mail")},
        # LimeSurvey's own createFieldMap (application/helpers/common_helper.php): id →
        # "Response ID", submitdate → "Date submitted", lastpage → "Last page",
        # startlanguage → "Start language", seed → "Seed", token → "Access code",
        # startdate → "Date started", datestamp → "Date last action", ipaddr → "IP
        # address", refurl → "Referrer URL"; readers of real exports drop those.
        source="LimeSurvey's source (the export's full headings) and public code reading "
               "such exports",
        note="a blank 'Date submitted' is an unfinished response",
        complete=("Date submitted",),
        ignore=("Response ID", "Last page", "Start language", "Seed", "Access code", "Token",
                "Date started", "IP address", "Referrer URL", "Total time"),
    ),
    Preset(
        "microsoft-forms", "Microsoft Forms (English)", "survey",
        ("start time", "completion time"),
        {"submitted_at": ("Completion time",), "email": ("Email",)},
        # Public code: acl-org/acl-anthology bin/add_attachments.py ("ID,Start time,
        # Completion time,Email,Name,…"); newer workbooks add "Last modified time"; dates
        # "7/2/20 11:00:22" (month-first); anonymous forms: Email "anonymous".
        source="public code reading Microsoft Forms workbooks (acl-org/acl-anthology "
               "add_attachments.py and others)",
        note="an anonymous form has 'anonymous' in the Email column: no linking then",
        dayfirst=False,
    ),
    Preset(
        "microsoft-forms-fr", "Microsoft Forms (French)", "survey",
        ("heure de debut", "heure de fin"),
        {"submitted_at": ("Heure de fin",), "email": ("Adresse de messagerie", "E-mail")},
        source="the French labels of the Microsoft Forms workbook (Heure de début, Heure de "
               "fin, Adresse de messagerie, Nom); none found in public code or files",
        dayfirst=True,
    ),
    Preset(
        "typeform", "Typeform", "survey", ("submit date utc", "network id"),
        {"submitted_at": ("Submit Date (UTC)",)},
        # Public code: readers of '#', <questions>, 'Response Type', 'Start Date (UTC)',
        # 'Stage Date (UTC)', 'Submit Date (UTC)', 'Network ID', 'Tags' (older exports
        # lack Response Type, Stage Date and Tags); Response Type "completed"/"partial".
        source="public code reading Typeform CSV exports (current and older layouts)",
        note="the e-mail is an ordinary question, found by its wording; 'Response Type' "
             "partial rows are unfinished responses",
    ),
    Preset(
        "qualtrics", "Qualtrics (CSV, three header rows)", "survey",
        ("responseid", "finished", "recordeddate"),
        {"submitted_at": ("RecordedDate", "EndDate"),
         "email": ("RecipientEmail", "Email", "email")},
        # Real export: ropensci/qualtRics tests/testthat/files/sample.csv: row 1 column
        # ids StartDate, EndDate, Status, IPAddress, Progress, Duration (in seconds),
        # Finished, RecordedDate, ResponseId, RecipientLastName, RecipientFirstName,
        # RecipientEmail, ExternalReference, LocationLatitude, LocationLongitude,
        # DistributionChannel, UserLanguage, Q1…; row 2 their texts in the exporting
        # user's language; row 3 {"ImportId":"startDate"}…. Finished True/False (or
        # 1/0); Status "IP Address", "Survey Preview", "Survey Test", "Spam" (numeric
        # codes 0 normal, 1 preview, 2 test, 8 spam… from Qualtrics' documentation);
        # NPS questions add a Q…_NPS_GROUP column (Promoter / Passive / Detractor).
        source="a real export in public code (ropensci/qualtRics sample.csv); status "
               "labels from R scripts reading exports",
        note="three header rows (ids, question texts, ImportIds); Finished = False, "
             "previews, tests and spam are not responses; the NPS group column is derived",
        markers=(("Finished", "false"), ("Status", "test-codes")),
        ignore=("StartDate", "EndDate", "Status", "IPAddress", "Progress",
                "Duration (in seconds)", "Finished", "ResponseId", "RecipientLastName",
                "RecipientFirstName", "ExternalReference", "LocationLatitude",
                "LocationLongitude", "DistributionChannel", "UserLanguage"),
    ),
    Preset(
        "webform-7", "Drupal 7 Webform / Framaforms (three header rows)", "survey",
        ("serial", "sid", "time", "draft"),
        {"submitted_at": ("Completed Time", "Submitted Time", "Time")},
        # Webform 7.x-4.x source (includes/webform.report.inc,
        # webform_results_download_headers): row 1 the form's title, row 2 "Submission
        # Details" (and a grid's name), row 3 Serial, SID, Time, Draft, IP Address, UID,
        # Username, then the components' labels; every cell quoted. Framaforms runs this
        # module; its French labels were not found in public files.
        source="Drupal Webform 7.x-4.x's export code (the module Framaforms runs); no "
               "exported file seen, French labels not confirmed",
        note="the header is the third row; Draft = 1 is an unfinished response",
        markers=(("Draft", "draft"), ("Brouillon", "draft")),
        ignore=("Serial", "SID", "Draft", "IP Address", "UID", "Username"),
        dayfirst=None,
    ),
    Preset(
        "webform", "Drupal 8+ Webform", "survey",
        ("serial number", "submission id", "is draft"),
        {"submitted_at": ("Completed", "Created")},
        # Webform 6.x source (WebformSubmission::baseFieldDefinitions, the exporter's
        # defaults: one header row of labels): Serial number, Submission ID, Submission
        # URI, Created, Completed, Changed, Is draft, Current page, Remote IP address,
        # Submitted by, Language, Submitted to…, Locked, Sticky, Notes.
        source="Drupal Webform 6.x's code (field labels, exporter defaults); no exported "
               "file seen",
        note="'Is draft' marks an unfinished response",
        markers=(("Is draft", "draft"),),
        ignore=("Serial number", "Submission ID", "Submission URI", "Created", "Changed",
                "Is draft", "Current page", "Remote IP address", "Language", "Locked",
                "Sticky", "Notes"),
    ),
    Preset(
        "kobotoolbox", "KoboToolbox (CSV)", "survey", ("uuid", "submission time"),
        {"submitted_at": ("_submission_time", "end")},
        # KoboToolbox's own tests (kpi test_csv_export_default_options; formpack
        # export.py): ';', every cell quoted, CRLF, UTF-8; the questions, then _id, _uuid,
        # _submission_time, _validation_status, _notes, _status, _submitted_by,
        # [__version__,] _tags, _index. A submission sent twice keeps its _uuid.
        source="KoboToolbox's own export tests (kpi, formpack)",
        note="a row repeating an earlier row's _uuid is the same submission sent again",
        markers=(("_uuid", "duplicate"),),
        ignore=("start", "end", "today", "_id", "_uuid", "_validation_status", "_notes",
                "_status", "_submitted_by", "__version__", "_tags", "_index", "deviceid"),
    ),
    Preset(
        "tally", "Tally (CSV)", "survey", ("submission id", "respondent id", "submitted at"),
        {"submitted_at": ("Submitted at",)},
        # Public tests quoting real exports: "Submission ID","Respondent ID","Submitted
        # at",<question titles>; every cell quoted, comma; Submitted at "2026-08-14
        # 13:22:05" (UTC). How partial submissions show in a CSV was not found: a blank
        # "Submitted at" is taken as one.
        source="public code quoting real Tally exports (headers verbatim)",
        note="the e-mail is an ordinary question; a blank 'Submitted at' is taken as a "
             "partial submission (not confirmed by a real file)",
        complete=("Submitted at",),
        ignore=("Submission ID", "Respondent ID"),
    ),
    # ------------------------------------------------------------------ attendance lists
    Preset(
        "zoom-webinar", "Zoom webinar attendee report", "attendance",
        ("attended", "join time", "leave time", "time in session minutes"),
        {"present": ("Attended",), "email": ("Email",), "first_name": ("First Name",),
         "last_name": ("Last Name",), "name": ("User Name (Original Name)", "User Name"),
         "joined_at": ("Join Time",), "duration": ("Time in Session (minutes)",)},
        # Real files: beemyfriend/ZoomReports Anonymized_Zoom_Attendee_Report.csv (2020)
        # and a 2025 report quoted in public test code: "Attendee Report" preamble, then
        # Host Details, Panelist Details, Attendee Details sections (Attended, [User Name
        # (Original Name),] First Name, Last Name, Email, [Phone,] Registration Time,
        # Approval Status, Join Time, Leave Time, Time in Session (minutes), [Is Guest,]
        # Country/Region Name); one row per join; "--" when absent.
        source="real attendee reports in public code (beemyfriend/ZoomReports, 2020; a "
               "2025 report quoted in a test)",
        note="the 'Attendee Details' section is the list; hosts and panelists are listed "
             "apart; Attended = No is not present",
        online=True,
    ),
    Preset(
        "zoom-meeting", "Zoom meeting participants report", "attendance",
        ("name original name", "join time", "leave time", "duration minutes"),
        {"name": ("Name (Original Name)",), "email": ("User Email",),
         "joined_at": ("Join Time",), "duration": ("Duration (Minutes)",)},
        # Public code quoting real exports: Name (Original Name), User Email, Join Time,
        # Leave Time, Duration (Minutes), Guest [or Recording Consent]; with meeting data,
        # a Meeting ID, Topic… table and a blank line above it.
        source="public code quoting real participants reports (course scripts, parsers)",
        online=True,
    ),
    Preset(
        "zoom-meeting-unique", "Zoom meeting participants (unique users)", "attendance",
        ("name original name", "total duration minutes"),
        {"name": ("Name (Original Name)",), "email": ("User Email",),
         "duration": ("Total Duration (Minutes)",)},
        source="public code quoting real participants reports ('Show unique users')",
        online=True,
    ),
    Preset(
        "teams", "Microsoft Teams attendance report", "attendance",
        ("name", "first join", "last leave", "in meeting duration"),
        {"name": ("Name",), "email": ("Email",), "joined_at": ("First Join",),
         "duration": ("In-Meeting Duration",)},
        # Real files: dvaneynde/teams-attendance data/IDL-14-11-22.csv (2022): sections
        # "1. Summary", "2. Participants" (Name, First join, Last leave, In-meeting
        # duration, Email, Participant ID (UPN), Role), "3. In-Meeting activities";
        # TAB-separated UTF-16 (LE with a BOM from Teams, by the parsers that read it);
        # durations "19m 26s", "1h 2m 10s"; names "Last, First" or "NAME (EXT)".
        source="real reports in public code (dvaneynde/teams-attendance) and parsers "
               "reading them",
        note="the '2. Participants' section is the list; the organiser is listed too",
        ignore=("Participant ID (UPN)",),
        online=True,
    ),
    Preset(
        "teams-2021", "Microsoft Teams attendance list (2021)", "attendance",
        ("full name", "join time", "leave time", "duration", "role"),
        {"name": ("Full Name",), "email": ("Email",), "joined_at": ("Join Time",),
         "duration": ("Duration", "In-meeting Duration")},
        # Public parsers of the 2021 layout: "Meeting Summary" lines, a blank line, then
        # Full Name, Join Time, Leave Time, Duration, Email, Role, Participant ID (UPN).
        source="public parsers of the 2021 layout; no file seen",
        ignore=("Participant ID (UPN)",),
        online=True,
    ),
    Preset(
        "pretix-checkin", "pretix check-in list", "attendance",
        ("order code", "attendee name", "checked in", "automatically checked in"),
        {"name": ("Attendee name",), "email": ("E-mail", "Email"),
         "present": ("Checked in",), "organisation": ("Company",)},
        # pretix's source (plugins/checkinlists/exporters.py): Order code, Attendee name,
        # Product, Price, Checked in (the last check-in's time, or blank), Checked out,
        # Automatically checked in, [Paid], [Secret], E-mail, <questions>, Company,
        # Voucher code, Order date, Requires special attention, Comment, Seat ….
        source="pretix's own exporter code (check-in list); no exported file seen",
        online=False,
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
