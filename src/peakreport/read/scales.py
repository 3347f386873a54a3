"""Rating words as an ordered scale: "Tout à fait satisfait(e)" … "Pas du tout satisfait".

A label is read as a position on one axis: the word that carries the judgement (satisfait,
satisfied, utile, bien, d'accord…) gives its sign, a negation flips it ("pas", "not",
"peu", "in-", "dis-", "mé-"), and an intensifier gives its strength ("extrêmement", "tout à
fait" > "très" > the bare word > "plutôt", "assez", "somewhat"); "ni … ni …", "neither …
nor", "neutre", "moyennement" are the middle. Inclusive writing is read as the word itself:
satisfait(e), satisfait·e, satisfait.e, satisfait-e.

Each position has a place on the 1–5 scale (strong positive 5, positive 4, middle 3,
negative 2, strong negative 1). A column is read as ONE scale from all its labels
(`order_scale`): when two of its labels would share a place (a "Très satisfait" and an
"Extrêmement satisfait"), the labels are ranked instead if there are exactly five of them,
and otherwise the column cannot be scored: the caller says so and names the labels,
rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..text import fold

# words that carry the judgement, by sign (stems, matched at a word's start)
_POSITIVE = ("satisf", "content", "heureux", "ravi", "happy", "pleased", "utile", "useful",
             "interessant", "interesting", "pertinent", "relevant", "agree", "accord",
             "bien", "bon", "bonne", "good", "great", "super", "positif", "positive",
             "recommand", "likely", "probable", "favorable", "appreci", "enjoy")
_NEGATIVE = ("insatisf", "dissatisf", "unsatisf", "mecontent", "malheureux", "unhappy",
             "inutile", "useless", "desaccord", "disagree", "mauvais", "mauvaise", "bad",
             "poor", "mediocre", "insuffisant", "decevant", "decu", "disappoint",
             "negatif", "negative", "unlikely", "improbable", "defavorable", "nul", "nulle")
# words that are a judgement and a strength at once
_INHERENT = {"excellent": 3.0, "excellente": 3.0, "parfait": 3.0, "parfaite": 3.0,
             "perfect": 3.0, "exceptionnel": 3.0, "exceptionnelle": 3.0, "outstanding": 3.0,
             "terrible": -2.0, "horrible": -3.0, "catastrophique": -3.0}
_MIDDLE = ("neutre", "neutral", "moyen", "moyenne", "moyennement", "passable", "mitige",
           "mitigee", "average", "ok", "correct", "correcte", "indifferent", "indifferente",
           "so so", "mixed")
_STRONGEST = ("extremement", "extremely", "tout a fait", "totalement", "completement",
              "entierement", "absolument", "completely", "totally", "fully", "parfaitement",
              "perfectly", "pleinement", "tres tres", "vraiment tres", "absolutely",
              "enormement", "exceptionnellement")
_STRONG = ("tres", "very", "vraiment", "really", "highly", "fort", "hautement", "particulierement",
           "particularly", "bien", "so")
_MILD = ("plutot", "assez", "somewhat", "fairly", "rather", "quite", "moderately",
         "moderement", "relativement", "relatively", "mostly", "partly", "partiellement",
         "un peu", "slightly", "legerement", "a little", "kind of")
_NEGATIONS = ("pas", "not", "non", "no", "ne", "n", "never", "jamais", "aucunement")
_STRONGEST_NEGATION = ("pas du tout", "not at all", "absolument pas", "pas satisfait du tout",
                       "aucunement", "nullement", "not satisfied at all", "pas utile du tout",
                       "aucun interet", "not at all")
# answers that are no answer: a skipped question, not a bad one
NO_OPINION = frozenset({
    "sans avis", "sans opinion", "ne sait pas", "je ne sais pas", "nsp", "ne se prononce pas",
    "nspp", "n a", "na", "non applicable", "non concerne", "non concernee",
    "pas concerne", "pas concernee", "not applicable", "don t know", "no opinion",
    "prefer not to say", "je prefere ne pas repondre", "no answer", "pas de reponse"})
# inclusive endings once folded: "satisfait e", "satisfait es", "content e s"
_INCLUSIVE = re.compile(r"(?<=\w) (?:e|es|e s|s|ne|ne s)(?= |$)")
_BETWEEN = re.compile(r"^(?:ni .+ ni .+|neither .+ nor .+|ni l un ni l autre)$")


def _words(label: str) -> str:
    f = fold(label)
    return _INCLUSIVE.sub("", f).strip()


def _has(text: str, phrases: Iterable[str]) -> bool:
    padded = f" {text} "
    return any(f" {p} " in padded for p in phrases)


def label_position(label: str) -> float | None:
    """The label's signed strength on a judgement axis (±3 strongest, 0 the middle), or
    None when it carries no judgement word we know."""
    t = _words(label)
    if not t:
        return None
    if _BETWEEN.match(t) or _has(t, _MIDDLE):
        return 0.0
    words = t.split()
    for w in words:
        if w in _INHERENT:
            v = _INHERENT[w]
            return v if not _has(t, _NEGATIONS) else -1.0
    sign = 0
    stem_at = None
    for i, w in enumerate(words):
        if any(w.startswith(s) for s in _NEGATIVE):
            sign, stem_at = -1, i
            break
        if any(w.startswith(s) for s in _POSITIVE) and not (w == "bien" and i + 1 < len(words)
                                                             and words[i + 1] != "e"):
            sign, stem_at = 1, i
            break
    if sign == 0 and words and words[-1] == "bien":
        sign, stem_at = 1, len(words) - 1
    if sign == 0:
        return None
    before = " ".join(words[:stem_at])
    around = t
    if _has(around, _STRONGEST_NEGATION):
        return -3.0 * sign
    strength = 1.0
    if _has(before, _STRONGEST):
        strength = 3.0
    elif _has(before, _STRONG) and not (words[stem_at] == "bien" and before.endswith("bien")):
        strength = 2.0
    elif _has(before, _MILD):
        strength = 0.5
    if before.split()[-1:] == ["peu"] and not before.endswith("un peu"):
        return -1.0 * sign  # "peu satisfait": little satisfied, a negative answer
    if _has(before, _NEGATIONS):
        # "pas satisfait" −1, "plutôt pas satisfait" −0.5, "pas très satisfait" −0.5
        return -(0.5 if strength != 1.0 else 1.0) * sign
    return strength * sign


def place(position: float) -> int:
    """The position's place on the 1–5 scale."""
    if position >= 2:
        return 5
    if position > 0:
        return 4
    if position == 0:
        return 3
    if position > -2:
        return 2
    return 1


def order_scale(labels: Iterable[str]) -> tuple[dict[str, int], list[str]]:
    """Place each word label of one column on the 1–5 scale, judged on all of them.

    Returns ({label: 1–5}, conflicting labels). Labels that share a place are ranked
    when the column has exactly five distinct positions; otherwise they are returned as
    the conflict (and left out of the mapping), for the caller to name."""
    pos = {lab: p for lab in labels if (p := label_position(lab)) is not None}
    by_place: dict[int, set[float]] = {}
    for p in pos.values():
        by_place.setdefault(place(p), set()).add(p)
    if all(len(ps) == 1 for ps in by_place.values()):
        return {lab: place(p) for lab, p in pos.items()}, []
    distinct = sorted(set(pos.values()))
    if len(distinct) == 5:
        rank = {p: i + 1 for i, p in enumerate(distinct)}
        return {lab: rank[p] for lab, p in pos.items()}, []
    return {}, sorted(pos, key=lambda lab: -pos[lab])
