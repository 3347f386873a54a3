"""Canonical fields, and how to recognise them from a header.

A header is matched to a canonical field by French and English keywords,
compared on folded text (no case, no accents, no punctuation). Exact synonyms
beat keyword containment; the score becomes the confidence shown by
`peakreport validate`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..params import ATTENDANCE_FIELDS, REGISTRATION_FIELDS, SURVEY_FIELDS
from ..text import compact, fold

# Fields that may share one source column (an "Attendee Status" column gives both).
SHAREABLE = {frozenset({"status", "checked_in"})}

# Exact synonyms (folded). The first list per field is matched exactly; the
# second holds keywords that a longer header may contain.
_REG_EXACT: dict[str, tuple[str, ...]] = {
    "email": ("email", "e mail", "mail", "courriel", "adresse email", "adresse e mail",
              "adresse mail", "adresse courriel", "email address", "e mail address",
              "adresse electronique", "email du participant", "email participant",
              "attendee email", "adresse e mail du participant", "email adherent",
              "email de l adherent", "courriel du participant"),
    "first_name": ("prenom", "first name", "firstname", "given name", "prenom du participant",
                   "prenom participant", "attendee first name", "prenom adherent",
                   "prenom de l adherent", "forename"),
    "last_name": ("nom", "last name", "lastname", "surname", "family name", "nom de famille",
                  "nom du participant", "nom participant", "attendee last name", "nom adherent",
                  "nom de l adherent", "attendee surname"),
    "organisation": ("organisation", "organization", "societe", "entreprise", "structure",
                     "company", "organisme", "etablissement", "employeur", "raison sociale",
                     "nom de la structure", "nom de l entreprise", "nom de l organisation",
                     "company name", "organisation name", "organization name", "employer"),
    "community": ("type de structure", "type d organisation", "type d organisme",
                  "type de l organisation", "categorie", "category", "communaute", "college",
                  "profil", "organisation type", "organization type", "type de participant",
                  "vous etes", "you are", "type", "type of organisation", "type of organization",
                  "organisation category", "type de structure d accueil"),
    "sector": ("secteur", "secteur d activite", "sector", "industry", "filiere",
               "domaine d activite", "activite"),
    "company_size": ("taille", "taille de l entreprise", "taille de la structure", "effectif",
                     "effectifs", "company size", "size", "nombre de salaries",
                     "tranche d effectif"),
    "postcode": ("code postal", "cp", "postcode", "post code", "postal code", "zip",
                 "zip code", "code postal de la structure", "home postcode", "work postcode",
                 "home zip", "work zip"),
    "status": ("statut", "status", "etat", "attendee status", "statut de la commande",
               "order status", "statut du billet", "statut participant", "statut de l inscription",
               "annulation", "annule", "annulee", "cancelled", "canceled", "cancellation",
               "desistement"),
    "checked_in": ("present", "presence", "pointage", "checked in", "check in", "emargement",
                   "badge scanne", "scanne", "date de check in", "checkin", "attended",
                   "attendee status", "present e", "venu", "controle", "check in date",
                   "checked in date", "date du controle", "date de controle"),
    "registered_at": ("date d inscription", "date de commande", "order date", "registration date",
                      "date inscription", "inscrit le", "date de creation", "created",
                      "date de l inscription", "date"),
}
_REG_KEYWORDS: dict[str, tuple[str, ...]] = {
    "email": ("email", "courriel", "e mail"),
    "first_name": ("prenom", "first name"),
    "last_name": ("last name", "nom de famille", "surname"),
    "organisation": ("societe", "entreprise", "organisation", "organization", "structure",
                     "company", "organisme", "etablissement"),
    "community": ("type de structure", "categorie", "type d organisation", "communaute",
                  "category", "type d organisme", "type of organi", "organisation type",
                  "organization type"),
    "sector": ("secteur", "sector", "industry", "filiere"),
    "company_size": ("taille", "effectif", "company size", "salaries"),
    "postcode": ("code postal", "postcode", "postal code", "zip", "post code"),
    "status": ("statut", "status", "annulation", "cancel"),
    "checked_in": ("present", "pointage", "check in", "checked in", "emargement", "scan",
                   "arrivee", "arrival", "entree", "controle", "accueil"),
    "registered_at": ("date d inscription", "date de commande", "order date", "registration date",
                      "inscription le"),
}

_SURVEY_EXACT: dict[str, tuple[str, ...]] = {
    "email": _REG_EXACT["email"] + ("nom d utilisateur", "username", "respondent email",
                                    "email address"),
    "submitted_at": ("horodateur", "horodatage", "timestamp", "date de soumission",
                     "submitted at", "submit date", "date submitted", "end date",
                     "heure de fin", "completion time", "date de fin", "date", "submitdate",
                     "date d envoi", "submitted", "date de reponse", "heure de soumission"),
}
_SURVEY_KEYWORDS: dict[str, tuple[str, ...]] = {
    "email": ("email", "courriel", "e mail"),
    "submitted_at": ("horodat", "timestamp", "submit", "soumission", "completion time"),
    "satisfaction": ("satisf", "satglob", "csat"),
    # Ratings worded as a mark ("Quelle note donnez-vous…", "How would you rate…") are
    # weaker evidence (`RATING`): a grid of them rates workshops, not the forum.
    "nps": ("recommand", "recommend", "nps", "net promoter"),
    "comment": ("commentaire", "comment", "remarque", "suggestion", "feedback",
                "texte libre", "observations", "avis", "ameliorer", "improve"),
    "would_join_next": ("prochaine", "next phase", "next edition", "next forum",
                        "participer a nouveau", "revenir", "rejoindre", "join the next",
                        "participer de nouveau", "next year", "prochain"),
}

# An attendance list: a video-conference report (Zoom, Teams, Livestorm), a check-in list
# or a sign-in sheet. A full name often stands in one column ("Name", "Nom complet").
_ATT_EXACT: dict[str, tuple[str, ...]] = {
    "email": _REG_EXACT["email"] + ("user email", "email de l utilisateur",
                                    "adresse e mail de l utilisateur", "e mail de l utilisateur",
                                    "participant email", "guest email"),
    "name": ("name", "full name", "nom complet", "nom et prenom", "nom prenom", "prenom nom",
             "user name", "user name original name", "name original name",
             "nom nom d origine", "nom nom original", "participant", "participant name",
             "nom du participant", "display name", "nom d affichage", "attendee name",
             "attendee", "participant e", "nom et prenom du participant", "identite"),
    "first_name": _REG_EXACT["first_name"],
    "last_name": _REG_EXACT["last_name"],
    "organisation": _REG_EXACT["organisation"],
    "present": ("attended", "present", "presence", "presente", "present e", "emargement",
                "signature", "signe", "checked in", "check in", "checkin", "pointage", "venu",
                "a participe", "participe", "attendance", "assiste", "a assiste"),
    "joined_at": ("join time", "first join", "joined", "joined at", "heure d arrivee",
                  "arrivee", "heure d entree", "arrival", "arrival time", "heure de connexion",
                  "premiere connexion", "heure de participation", "date de connexion",
                  "first joined", "connexion", "joined at utc", "heure d arrivee utc"),
    "duration": ("duration", "duree", "duration minutes", "duree minutes",
                 "time in session minutes", "in meeting duration", "total duration minutes",
                 "temps de presence", "temps de connexion", "attendance duration",
                 "duree de presence", "duree de participation", "duree de connexion",
                 "duree dans la reunion", "watch time", "minutes", "temps passe",
                 "attendance duration minutes", "duree totale"),
}
_ATT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "email": ("email", "courriel", "e mail"),
    "name": ("full name", "nom complet", "user name", "participant name", "display name"),
    "first_name": ("prenom", "first name"),
    "last_name": ("last name", "nom de famille", "surname"),
    "organisation": _REG_KEYWORDS["organisation"],
    "present": ("emargement", "signature", "attended", "check in", "checked in", "present"),
    "joined_at": ("join time", "first join", "arrivee", "arrival", "connexion", "joined"),
    "duration": ("duration", "duree", "time in session", "temps de presence",
                 "temps de connexion"),
}


# A question worded as a mark or rating: satisfaction when its answers are 1–5 and no
# better-worded question exists; "overall" cues say it rates the whole event.
# Whole words only: "Notes" and "Start Date" are not ratings.
RATING = frozenset({"note", "notez", "noteriez", "noter", "notation", "rate", "rating",
                    "evaluez", "evaluer", "evaluation", "evalueriez", "appreciation",
                    "appreciez", "score", "etoile", "etoiles", "star", "stars"})
OVERALL = frozenset({"global", "globale", "globalement", "overall", "ensemble", "general",
                     "generale", "forum", "evenement", "event", "journee", "manifestation",
                     "rencontre"})
# The payer of an order is not the participant: these words in a header bar it from
# the identity fields, in every preset and in keyword detection.
PAYER = ("payeur", "payer", "acheteur", "buyer", "purchaser", "facturation", "billing")
IDENTITY_FIELDS = frozenset({"email", "first_name", "last_name"})


def is_payer(header: str) -> bool:
    words = f" {fold(header)} "
    return any(f" {w} " in words for w in PAYER)


def how_question(header: str) -> bool:
    """French "Comment …-vous ?" asks *how*: a rating or choice, not a comment box."""
    h = fold(header)
    # "Comment pourrions-nous améliorer…" asks for free text: only the "-vous" form rates
    return h.startswith("comment ") and " vous" in f" {h}" and not any(
        w in h for w in ("ameliorer", "suggestion", "pourrions"))


def rating_score(header: str) -> float:
    """0.7 for a question worded as a mark, 0.8 when it also names the whole event."""
    words = set(fold(header).split())
    if not words & RATING:
        return 0.0
    return 0.8 if words & OVERALL else 0.7


@dataclass(frozen=True)
class HeaderMatch:
    field: str
    header: str
    confidence: float  # 1.0 exact synonym or named in params, lower for a keyword hit
    how: str           # "params", "preset", "exact", "keyword", "answers"
    fill: float | None = None  # share of non-blank cells in the first rows


@functools.cache
def _compacted(exact: tuple[str, ...]) -> frozenset[str]:
    return frozenset(e.replace(" ", "") for e in exact)


def _score(
    header: str, exact: tuple[str, ...], keywords: tuple[str, ...], question: bool = False
) -> float:
    h = fold(header)
    if not h:
        return 0.0
    if h in exact or compact(header) in _compacted(exact):
        return 1.0
    for k in keywords:
        if f" {k} " in f" {h} " or (len(k) > 4 and k in h):
            # A long registration header is unusual, so a keyword hit in it is weaker
            # evidence; survey questions are long by nature.
            return 0.8 if (question or len(h) <= 40) else 0.6
    return 0.0


@functools.lru_cache(maxsize=4096)
def header_scores(kind: str, header: str) -> dict[str, float]:
    """Score of one header against every canonical field of `kind` (cached: finding the
    header row scores every cell of a file's first rows, where values repeat; callers
    must not change the dict)."""
    if kind == "registrations":
        exact, keywords = _REG_EXACT, _REG_KEYWORDS
        fields = REGISTRATION_FIELDS
    elif kind == "attendance":
        exact, keywords = _ATT_EXACT, _ATT_KEYWORDS
        fields = ATTENDANCE_FIELDS
    else:
        exact, keywords = _SURVEY_EXACT, _SURVEY_KEYWORDS
        fields = SURVEY_FIELDS
    out = {}
    for f in fields:
        if f in IDENTITY_FIELDS and is_payer(header):
            continue
        if f == "comment" and how_question(header):
            continue
        question = kind == "survey" and f not in ("email", "submitted_at")
        s = _score(header, exact.get(f, ()), keywords.get(f, ()), question)
        if s:
            out[f] = s
    if kind == "survey" and "satisfaction" not in out and (r := rating_score(header)):
        out["satisfaction"] = r
    return out
