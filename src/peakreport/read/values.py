"""Understand the labels that platforms and people write in export cells.

Every parser takes one raw cell (a string) and returns a canonical value, None
for a blank, or `UNKNOWN` for a label it does not understand. Parsers are applied
to the distinct values of a column only (`map_unique`), so a million-row export
costs as much as its few hundred distinct labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from ..text import fold
from .scales import NO_OPINION, label_position, order_scale, place


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()

_TRUE = {"yes", "y", "oui", "o", "true", "vrai", "1", "x", "checked in", "check in", "checkin",
         "present", "presente", "presents", "pointe", "pointee", "scanne", "scanned", "attended",
         "venu", "venue", "ok", "emarge", "emargee", "checked", "signe", "signee", "signed"}
# Words that say someone came (not a bare "oui" or "1"): a status column holding them
# also gives the check-in.
PRESENCE_WORDS = frozenset({"checked in", "check in", "checkin", "present", "presente",
                            "presents", "pointe", "pointee", "scanne", "scanned", "attended",
                            "venu", "venue", "emarge", "emargee"})
_FALSE = {"no", "n", "non", "false", "faux", "0", "absent", "absente", "not checked in",
          "non present", "non presente", "no show", "noshow", "not attended", "attending",
          "inscrit", "registered", "valide", "confirmed", "confirme", "paid", "paye",
          "not attending", "non venu", "excuse", "excusee"}
_DATEISH = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ t]\d{1,2}[:h]\d{2}.*)?$", re.I)

_CANCEL_WORDS = ("cancel", "annul", "refund", "rembours", "deleted", "supprim", "declin",
                 "refuse", "desist", "desinscri", "unsubscribed", "void", "not attending",
                 "transferred", "transfere", "withdraw", "reject", "rejet", "expired", "denied",
                 "no longer attending", "revoked", "revoque")
# whole labels only: "Retiré" is Indico's French "Withdrawn", "billet retiré" a ticket
# collected at the door
_CANCEL_LABELS = frozenset({"retire", "retiree", "expire", "expiree", "abandonne"})
# on a waiting list: not (yet) registered, and not cancelled either
_WAITLIST = ("liste d attente", "waitlist", "waiting list", "wait list", "waitlisted",
             "en attente de place", "sur liste d attente", "liste attente")


def inclusive(f: str) -> str:
    """'présent(e)' and 'venu·e' fold to 'present e', 'venu e': drop the inclusive ending."""
    return f[:-2] if f.endswith(" e") else f


_TICKS = {"✓", "✔", "☑", "✅", "☒", "•", "*", "+"}


def parse_checked_in(raw: str) -> bool | _Unknown | None:
    f = inclusive(fold(raw))
    if not f:
        return raw.strip() in _TICKS  # a tick is a mark; a blank (or "-") is not
    if f in _TRUE:
        return True
    if f in _FALSE:
        return False
    if _DATEISH.match(raw.strip()) or re.match(r"^\d{1,2}[:h]\d{2}", raw.strip()):
        # a check-in timestamp; Weezevent writes "0000-00-00 00:00:00" for never scanned
        return not re.fullmatch(r"[0\W_]*", raw.strip())
    if any(w in f for w in _CANCEL_WORDS):
        return False
    return UNKNOWN


def parse_cancelled(raw: str) -> bool | _Unknown:
    f = fold(raw)
    if not f:
        return False
    return any(w in f for w in _CANCEL_WORDS) or inclusive(f) in _CANCEL_LABELS


def parse_status(raw: str) -> str:
    """A registration's state: "active", "cancelled" or "waitlisted" (on a waiting list:
    neither registered nor cancelled)."""
    f = fold(raw)
    if f and any(w in f for w in _WAITLIST):
        return "waitlisted"
    return "cancelled" if parse_cancelled(raw) else "active"


_SCALE_LABELS = {  # LimeSurvey-style answer codes and star ratings
    "a1": 1, "a2": 2, "a3": 3, "a4": 4, "a5": 5,
}
_LEADING_NUMBER = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(?:$|[-–—:/|)]|\s|etoile|star|sur)")


def _leading_number(raw: str) -> float | None:
    m = _LEADING_NUMBER.match(raw)
    if not m:
        return None
    try:
        return float(m.group(1).replace(",", "."))
    except ValueError:
        return None


def parse_satisfaction(raw: str) -> int | _Unknown | None:
    """1–5 as a number ("4", "4.0", "4/5", "4 - Satisfait") or as a label, placed on
    the scale by its words alone (`scales`); a column's labels are checked together by
    `scales.order_scale`."""
    if not raw.strip():
        return None
    f = fold(raw)
    if f in _SCALE_LABELS:
        return _SCALE_LABELS[f]
    n = _leading_number(raw)
    if n is not None:
        return int(n) if n.is_integer() and 1 <= n <= 5 else UNKNOWN
    if f in NO_OPINION:
        return None  # "Sans avis", "N/A": a skipped question, not a bad answer
    p = label_position(raw)
    return UNKNOWN if p is None else place(p)


def scale_column(labels, overrides: Mapping[str, object] | None = None
                 ) -> tuple[dict[str, object], list[str]]:
    """The 1–5 value of each distinct label of one rating column, the word labels judged
    together as one ordered scale (`scales.order_scale`).

    Returns ({label: 1–5, None or UNKNOWN}, conflicting labels): when the column's word
    labels cannot all be placed on one scale, they are returned as the conflict and the
    caller must not score the column."""
    folded_over = {fold(k): v for k, v in (overrides or {}).items()}
    out: dict[str, object] = {}
    words: list[str] = []
    for u in labels:
        fu = fold(u)
        if fu in folded_over:
            out[u] = folded_over[fu]
            continue
        v = parse_satisfaction(u)
        if v is None or v is UNKNOWN or fu in _SCALE_LABELS or _leading_number(u) is not None:
            out[u] = v
        else:
            words.append(u)
    placed, conflict = order_scale(words)
    out.update(placed)
    return out, conflict


def parse_nps(raw: str) -> int | _Unknown | None:
    """0–10 as a whole number, or "10 - Extrêmement probable"."""
    if not raw.strip():
        return None
    n = _leading_number(raw)
    if n is None:
        f = fold(raw)
        if f.startswith("a") and f[1:].isdigit():  # LimeSurvey A0..A10 codes
            n = float(f[1:]) if f[1:] else None
    if n is not None and n.is_integer() and 0 <= n <= 10:
        return int(n)
    return UNKNOWN


_YES = {"oui", "yes", "y", "o", "true", "vrai", "1", "certainement", "absolument",
        "oui certainement", "bien sur", "definitely", "sure", "probablement", "probably",
        "plutot oui", "oui probablement"}
_NO = {"non", "no", "n", "false", "faux", "0", "plutot non", "probably not", "pas du tout",
       "certainement pas", "definitely not", "non merci"}
_MAYBE = {"peut etre", "maybe", "ne sait pas", "je ne sais pas", "nsp", "don t know",
          "not sure", "unsure", "perhaps", "a voir", "indecis"}


def parse_yes_no(raw: str) -> bool | _Unknown | None:
    """Would join next: yes → True, no or maybe → False (an answer that is not yes)."""
    f = inclusive(fold(raw))
    if not f:
        return None
    if f in _YES or f.startswith("oui"):
        return True
    if f in _NO or f in _MAYBE or f.startswith("non"):
        return False
    return UNKNOWN


# A survey platform's mark of a response that was started but not submitted.
_UNFINISHED = ("partial", "partiel", "partielle", "incomplete", "incomplet", "incomplete",
               "non termine", "non terminee", "not completed", "not complete", "in progress",
               "en cours", "abandon", "unfinished", "not submitted", "non soumis",
               "non soumise", "started")
_FINISHED = ("completed", "complete", "complet", "complete e", "termine", "terminee",
             "finished", "submitted", "soumis", "soumise", "done", "fini", "finie", "valide",
             "validee")


_UNIT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(h|heures?|hours?|hrs?|min|mins|minutes?|mn|m|"
                   r"s|sec|secs|secondes?|seconds?)\b\.?", re.IGNORECASE)
_CLOCK_DURATION = re.compile(r"^(\d{1,3}):(\d{2})(?::(\d{2}))?$")


def parse_duration(raw: str) -> float | None:
    """A time spent, in minutes: "1h 27m", "21m 7s", "1 h 1 min 55 s", "1h27", "01:27:00",
    or a bare number (minutes, as "Durée (minutes)" columns hold). None when the cell
    is not a duration ("--", a name…)."""
    t = raw.strip().lower()
    if not t:
        return None
    t = t.replace(",", ".")
    try:
        return max(float(t), 0.0)
    except ValueError:
        pass
    m = _CLOCK_DURATION.match(t)
    if m:
        h, mi, sec = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        return h * 60 + mi + sec / 60 if m.group(3) else h * 60 + mi
    m = re.fullmatch(r"(\d+)\s*h\s*(\d{1,2})", t)  # "1h27", "1 h 27"
    if m:
        return int(m.group(1)) * 60 + int(m.group(2))
    total, end = 0.0, 0
    for m in _UNIT.finditer(t):
        if t[end:m.start()].strip():
            return None
        n, unit = float(m.group(1)), m.group(2)[0]
        total += n * 60 if unit == "h" else n / 60 if unit == "s" else n
        end = m.end()
    return total if end and not t[end:].strip() else None


# A platform's group of a 0–10 answer: derived from the NPS question, never the question.
NPS_GROUPS = frozenset({"promoter", "promoters", "passive", "passives", "detractor",
                        "detractors", "promoteur", "promoteurs", "passif", "passifs",
                        "detracteur", "detracteurs", "neutre", "neutres", "promotor",
                        "detraktor", "passiv", "kritiker", "favorable", "unfavorable",
                        "neutral"})


def is_unfinished(raw: str) -> bool:
    """True for "partial", "Incomplet", "En cours"…: not a submitted response."""
    f = fold(raw)
    return bool(f) and any(f == w or f.startswith(w + " ") for w in _UNFINISHED)


# A response the platform marks as a preview, a test or spam (Qualtrics' Status, also
# its numeric codes: 1 preview, 2 test, 8 spam, 9 preview spam, 12 imported spam,
# 17 offline preview).
_TEST_LABELS = frozenset({"survey preview", "survey test", "spam", "preview", "test",
                          "apercu", "apercu de l enquete", "test de l enquete",
                          "previsualisation", "preview spam", "imported spam",
                          "offline survey preview"})
_TEST_CODES = frozenset({"1", "2", "8", "9", "12", "17"})


def is_test_response(raw: str, codes: bool = False) -> bool:
    """True for "Survey Preview", "Survey Test", "Spam"…: not a real respondent; with
    `codes`, also Qualtrics' numeric status codes of those."""
    f = fold(raw)
    return f in _TEST_LABELS or (codes and f in _TEST_CODES)


def is_completion_label(raw: str) -> bool:
    """A label of a response-status column (finished or not)."""
    f = fold(raw)
    return is_unfinished(raw) or any(f == w or f.startswith(w + " ") for w in _FINISHED)


_COMMUNITY_KEYWORDS = [
    # expert before company: "cabinet de conseil" is an expert, not a company
    ("expert", ("expert", "consultant", "conseil", "laboratoire", "labo", "recherche",
                "bureau d etudes", "ingenierie",
                "research", "chercheur", "researcher", "centre technique", "cetim", "cnrs",
                "inria", "cea", "freelance", "independant")),
    ("training", ("formation", "ecole", "universite", "university", "school", "lycee",
                  "iut", "campus", "enseignement", "training", "education", "academie",
                  "cfa", "afpa", "greta", "college")),
    ("institution", ("collectivite", "region", "departement", "metropole", "mairie",
                     "commune", "institution", "agence", "public", "publique", "etat",
                     "prefecture", "ministere", "government", "chambre", "cci", "cma",
                     "bpifrance", "pole emploi", "france travail", "communaute de communes",
                     "federation", "uimm", "pole de competitivite", "cluster",
                     "institutionnel")),
    ("company", ("entreprise", "pme", "tpe", "eti", "industriel", "industrie", "company",
                 "startup", "start up", "societe", "sme", "business", "grand groupe",
                 "groupe", "corporate", "manufacturer", "industry", "artisan", "sas", "sarl",
                 "fabricant", "sous traitant")),
]


def parse_community(raw: str) -> str | None:
    """company / training / institution / expert by keywords; anything else is other."""
    f = fold(raw)
    if not f:
        return None
    if f in ("company", "training", "institution", "expert", "other"):
        return f
    words = f" {f} "
    for community, keys in _COMMUNITY_KEYWORDS:
        for k in keys:
            if f" {k} " in words or (len(k) >= 6 and k in f):
                return community
    return "other"


def map_unique(
    series: pd.Series,
    parser: Callable[[str], object],
    overrides: Mapping[str, object] | None = None,
) -> tuple[np.ndarray, dict[str, object]]:
    """Apply `parser` to each distinct value of `series`; return values and the label map.

    `overrides` (the params file's `values:`) are compared on folded labels and
    win over the parser.
    """
    codes, uniques = pd.factorize(series.fillna("").astype(str), sort=False)
    folded_over = {fold(k): v for k, v in (overrides or {}).items()}
    mapped: dict[str, object] = {}
    out = np.empty(len(uniques), dtype=object)
    for i, u in enumerate(uniques):
        fu = fold(u)
        v = folded_over[fu] if fu in folded_over else parser(u)
        out[i] = v
        mapped[u] = v
    if len(codes) == 0:
        return np.empty(0, dtype=object), mapped
    return out[codes], mapped
