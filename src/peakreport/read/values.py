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
                 "transferred", "transfere")


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
    return any(w in f for w in _CANCEL_WORDS)


_SATISFACTION_LABELS = [
    # most specific first: "tres insatisfait" contains "satisfait"
    (("pas du tout satisfait", "pas satisfait du tout", "tres insatisfait",
      "very dissatisfied", "very unsatisfied",
      "extremely dissatisfied", "not at all satisfied", "tres mecontent"), 1),
    (("peu satisfait", "insatisfait", "dissatisfied", "unsatisfied", "not satisfied",
      "plutot insatisfait", "somewhat dissatisfied", "mecontent", "pas satisfait"), 2),
    (("ni satisfait ni insatisfait", "moyennement satisfait", "neutre", "neutral",
      "neither satisfied nor dissatisfied", "neither", "moyen", "passable", "mitige"), 3),
    (("tres satisfait", "very satisfied", "extremely satisfied", "completely satisfied",
      "totalement satisfait", "excellent"), 5),
    (("plutot satisfait", "satisfait", "satisfied", "somewhat satisfied", "assez satisfait",
      "bien", "good"), 4),
]
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
    """1–5 as a number ("4", "4.0", "4/5", "4 - Satisfait") or as a label."""
    if not raw.strip():
        return None
    f = fold(raw)
    if f in _SCALE_LABELS:
        return _SCALE_LABELS[f]
    n = _leading_number(raw)
    if n is not None:
        return int(n) if n.is_integer() and 1 <= n <= 5 else UNKNOWN
    for labels, value in _SATISFACTION_LABELS:
        if f in labels:
            return value
    for labels, value in _SATISFACTION_LABELS:
        if any(lab in f for lab in labels if len(lab) > 6):
            return value
    return UNKNOWN


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


def is_unfinished(raw: str) -> bool:
    """True for "partial", "Incomplet", "En cours"…: not a submitted response."""
    f = fold(raw)
    return bool(f) and any(f == w or f.startswith(w + " ") for w in _UNFINISHED)


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
