"""Decide which source column feeds each canonical field.

Order of authority: the params' `columns:` (confidence 1), then header
keywords (`fields.header_scores`), then for survey scales the shape of the
answers (1–5 against 0–10). Every decision carries how it was made, so that
`peakreport validate` can show it and the user can correct it in the params.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from ..errors import DataError
from ..params import (
    ATTENDANCE_FIELDS,
    REGISTRATION_FIELDS,
    SURVEY_FIELDS,
    SourceParams,
    SurveyParams,
)
from ..text import fold
from .fields import SHAREABLE, HeaderMatch, header_scores, is_payer, rating_score
from .grids import Grid, column_groups, named_grids, rating_grids, unread_grids
from .load import Table
from .presets import Preset
from .presets import find as find_header
from .shapes import Profile, profile
from .values import (
    NPS_GROUPS,
    PRESENCE_WORDS,
    UNKNOWN,
    inclusive,
    is_completion_label,
    is_test_response,
    parse_checked_in,
    parse_duration,
)

_MIN_SCORE = 0.6


@dataclass
class Mapping:
    preset: Preset | None = None
    fields: dict[str, HeaderMatch] = field(default_factory=dict)
    questions: dict[str, str] = field(default_factory=dict)  # header -> short label
    unmatched: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # survey columns that say whether a response was submitted: (header, rule), rule
    # "blank" (blank = unfinished, LimeSurvey's submitdate) or "label" ("partial"…)
    completion: list[tuple[str, str]] = field(default_factory=list)
    # survey grid questions whose rows are rated sessions (read.grids)
    grids: list[Grid] = field(default_factory=list)

    @property
    def dayfirst(self) -> bool | None:
        """The platform's day/month order, when its preset knows it."""
        return self.preset.dayfirst if self.preset is not None else None

    def column(self, name: str) -> str | None:
        m = self.fields.get(name)
        return m.header if m else None


def _find_header(table: Table, wanted: str) -> str | None:
    for h in table.headers:
        if h == wanted:
            return h
    fw = fold(wanted)
    for h in table.headers:
        if fold(h) == fw:
            return h
    return None


def _can_share(a: str, b: str) -> bool:
    return frozenset({a, b}) in SHAREABLE


_CLOCK = re.compile(r"\d{1,2}[:h]\d{2}")

# Content tiers: a candidate column of the right shape and at least this filled beats
# any nearly empty or wrongly shaped one, whatever their headers say.
_FILLED = 0.1


# Fields that may fall back on an empty or odd column when nothing better exists: an
# e-mail column without addresses marks an anonymous survey; the others then say
# "no usable value" rather than "no column".
_LAST_RESORT = frozenset({"email", "postcode", "status"})
# Fields whose blanks mean "no": a cancellation flag column is mostly empty by nature.
_SPARSE = frozenset({"status"})


def _fit(f: str, p: Profile, header: str, labels: dict | None = None,
         score: float = 0.0) -> tuple[int, str]:
    """(tier, problem): 2 filled and of the field's shape, 1 nearly empty, 0 unusable.

    `labels` are the params' (and preset's) own labels for the field: they fit too."""
    if p.fill == 0:
        return 0, "empty"
    ok, problem = True, ""
    if f == "email":
        named = 1 - p.placeholder
        ok, problem = named > 0 and p.email / named >= 0.5, "no e-mail addresses"
    elif f in ("first_name", "last_name", "organisation", "community"):
        ok, problem = p.text >= 0.5, "not names or words"
    elif f == "postcode":
        ok, problem = p.postcode >= 0.5, "not postcodes"
    elif f in ("checked_in", "present"):
        known = {fold(k) for k in (labels or {})}
        marks = p.share(lambda v: fold(v) in known or parse_checked_in(v) is not UNKNOWN)
        # a column named for check-in is the check-in even with marks we cannot read
        # (initials on a sign-in sheet): validate lists its labels for `values:`
        ok, problem = marks >= 0.5 or score >= 1.0, "not check-in marks"
    elif f in ("registered_at", "submitted_at"):
        ok, problem = p.date >= 0.5, "not dates"
    elif f == "joined_at":
        ok = score >= 1.0 or p.share(lambda v: bool(_CLOCK.search(v))) >= 0.5
        problem = "not times"
    elif f == "duration":
        ok = score >= 1.0 or p.share(lambda v: parse_duration(v) is not None) >= 0.5
        problem = "not durations"
    elif f == "name":
        ok, problem = p.text >= 0.5, "not names"
    elif f == "satisfaction":
        # worded as satisfaction: the question even when answers fail (bad rows are
        # rejected); worded as a mere rating: only when its answers fit 1–5
        ok = p.scale == "scale5" if _is_rating(header) else p.scale != "scale10"
        problem = "answers do not fit 1–5"
    elif f == "nps":
        ok, problem = p.scale != "scale5", "answers do not fit 0–10"
    elif f == "would_join_next":
        ok, problem = p.yes_no >= 0.5, "not yes/no answers"
    elif f == "comment":
        # numbers on a scale or yes/no are not comments; "Bien", "Très bien" may be
        ok = not ((p.scale and p.number >= 0.9) or p.is_yes_no)
        problem = "answers are a scale, not free text"
    if not ok:
        return 0, problem
    return (2 if p.fill >= _FILLED else 1), ("" if p.fill >= _FILLED else "nearly empty")


def map_columns(table: Table, src: SourceParams, kind: str,
                preset: Preset | None = None) -> Mapping:
    """Map the table's headers to canonical fields; fail only on a missing named column.

    Candidates come from the params (always win), the platform preset and header
    keywords; each is then weighed by its content (`shapes.Profile`): a column of
    the right shape and filled wins over an empty or wrongly shaped one, whatever
    the headers say, and the mapping notes every such override.
    """
    fields = {"registrations": REGISTRATION_FIELDS, "attendance": ATTENDANCE_FIELDS}.get(
        kind, SURVEY_FIELDS)
    m = Mapping(preset=preset)
    used: dict[str, list[str]] = {}
    ignored = {fold(h) for h in (preset.ignore if preset else ())}
    prof = functools.cache(lambda h: profile(table.frame[h]))
    for f, wanted in src.columns.items():
        header = _find_header(table, wanted)
        if header is None:
            raise DataError(
                f"column {wanted!r} (set for {f} in the params) is not in the {kind} file; "
                f"its headers are: {_list(table.headers)}",
                path=table.path, row=table.header_row, column=wanted,
            )
        m.fields[f] = HeaderMatch(f, header, 1.0, "params", prof(header).fill)
        used.setdefault(header, []).append(f)

    question_headers: set[str] = set()
    if isinstance(src, SurveyParams):
        for q, label in src.questions.items():
            header = _find_header(table, q)
            if header is None:
                raise DataError(
                    f"question {q!r} (listed under survey.questions) is not in the survey file; "
                    f"its headers are: {_list(table.headers)}",
                    path=table.path, row=table.header_row, column=q,
                )
            m.questions[header] = label
            question_headers.add(header)

    # A question spread over several columns (a grid) is never one field: its columns are
    # kept out of shape-only detection (a 0–10 or yes/no column is not the NPS or the
    # "next phase" question when it is a row of a grid), and a grid of ratings out of
    # every field (one row of it is not the overall satisfaction).
    in_groups: set[str] = set()
    in_grids: set[str] = set()
    if isinstance(src, SurveyParams):
        in_groups, in_grids = _grids(table, src, m, {*used, *question_headers}, ignored, prof)

    def free(h: str) -> bool:
        return h not in question_headers and fold(h) not in ignored and h not in in_grids

    # a platform's derived column (Qualtrics' NPS group, its text analytics…) and one row
    # of a grid question are never the satisfaction or the NPS question
    derived = {h for h in table.headers if _derived(h, table.ids.get(h, ""), prof)}
    for h in sorted(derived, key=table.headers.index):
        m.notes.append(f"column {h!r} is derived by the platform from another question "
                       "(a group or a text analysis): never used as a question")

    # (field, header) -> (header score, how)
    cand: dict[tuple[str, str], tuple[float, str]] = {}
    if preset is not None:
        for f, names in preset.columns.items():
            for k, name in enumerate(names):
                h = find_header(table.headers, (name,))
                if h is not None and free(h) and (f, h) not in cand:
                    # the preset's first choice first
                    cand[(f, h)] = (1.0 - 0.01 * k, f"preset {preset.name}")
    for h in table.headers:
        if not free(h):
            continue
        for f, s in header_scores(kind, h).items():
            if f in fields and s >= _MIN_SCORE and (f, h) not in cand:
                cand[(f, h)] = (s, "exact header" if s >= 1.0 else "header keyword")
    for f, h, s, how in _by_content(table, kind, prof, free):
        cand.setdefault((f, h), (s, how))

    order = {h: j for j, h in enumerate(table.headers)}
    ranked = []
    for (f, h), (s, how) in cand.items():
        if f in m.fields:
            continue
        if f in ("satisfaction", "nps") and (h in derived or h in in_groups):
            continue
        tier, problem = _fit(f, prof(h), h, src.values.get(f), s)
        ranked.append((tier, s, -order[h], f, h, how, problem))
    ranked.sort(reverse=True)
    rating_ties = _rating_ties(ranked)
    for tier, s, _, f, h, how, problem in ranked:
        if f in m.fields:
            continue
        if h in used and not all(_can_share(f, g) for g in used[h]):
            continue
        if tier == 0 and f not in _LAST_RESORT:
            if f in ("satisfaction", "nps") and problem != "empty":
                m.warnings.append(
                    f"column {h!r} reads like the {f} question but its {problem}; "
                    f"not used for {f}")
            elif f == "checked_in" and problem == "empty":
                m.warnings.append(
                    f"column {h!r} would give the check-in but it is empty in this file: "
                    "attendance cannot be measured")
            continue
        if f == "satisfaction" and h in rating_ties:
            m.warnings.append(
                f"several 1–5 questions are worded as a rating ({_list(sorted(rating_ties))}); "
                "none taken as overall satisfaction: name it under `columns: satisfaction:`")
            continue
        fill = prof(h).fill
        conf = s
        if how.startswith("header keyword") and f in ("satisfaction", "nps") and tier == 2:
            scale = "1–5" if f == "satisfaction" else "0–10"
            if prof(h).scale == ("scale5" if f == "satisfaction" else "scale10"):
                conf, how = 0.9, f"question wording, answers fit {scale}"
        m.fields[f] = HeaderMatch(f, h, conf, how, fill)
        used.setdefault(h, []).append(f)
        _note_override(m, f, h, ranked, prof)
        if tier < 2 and f not in _SPARSE:
            m.warnings.append(
                f"{f} taken from column {h!r}, which is "
                f"{'empty' if fill == 0 else problem or 'nearly empty'} in this file "
                f"({fill:.0%} filled); check the export")

    if kind == "survey":
        _by_shape(table, m, used, lambda h: free(h) and h not in derived and h not in in_groups,
                  prof)
        m.completion = _completion(table, preset, prof)

    rated = {h for g in m.grids for h in g.headers}
    for h in table.headers:
        if h not in used and h not in m.questions and h not in rated:
            m.unmatched.append(h)
    if preset is not None and preset.note:
        m.notes.append(f"{preset.label}: {preset.note}")
    for f, hm in m.fields.items():
        if hm.confidence < 0.75:
            m.warnings.append(
                f"{f} guessed from column {hm.header!r} ({hm.how}, confidence "
                f"{hm.confidence:.0%}); name it under `columns:` to confirm"
            )
    return m


def _grids(table: Table, src: SurveyParams, m: Mapping, claimed: set[str], ignored: set[str],
           prof) -> tuple[set[str], set[str]]:
    """Find the survey's grid questions; set `m.grids` to the ones read as sessions (all the
    grids of ratings, or those the params name). Returns the headers of every multi-column
    question, and of every grid of ratings (chosen or not)."""
    groups = column_groups(h for h in table.headers
                           if h not in claimed and fold(h) not in ignored)
    if not groups:
        return set(), set()

    def values(h: str) -> Counter:
        return Counter({str(v): int(n) for v, n in prof(h).values.items()})

    overrides = src.values.get("sessions", {})
    found = rating_grids(groups, values, overrides)
    if src.sessions is True:
        m.grids = found
        m.notes.extend(unread_grids(groups, found, values))
    elif src.sessions is not False:
        m.grids, notes = named_grids(groups, values, src.sessions, overrides,
                                     path=table.path, header_row=table.header_row)
        m.notes.extend(notes)
    return ({h for g in groups for h in g.headers},
            {h for g in (*found, *m.grids) for h in g.headers})


def _rating_ties(ranked: list[tuple]) -> set[str]:
    """1–5 questions worded only as a rating that tie as the best satisfaction candidate:
    one of a grid of ratings must not be picked as the overall score."""
    tops = [r for r in ranked if r[3] == "satisfaction" and r[0] == 2]
    if len(tops) < 2 or not _is_rating(tops[0][4]):
        return set()
    tied = {r[4] for r in tops if r[1] == tops[0][1] and _is_rating(r[4])}
    return tied if len(tied) > 1 else set()


def _is_rating(header: str) -> bool:
    return rating_score(header) > 0 and not any(
        k in fold(header) for k in ("satisf", "satglob", "csat"))


def _note_override(m: Mapping, f: str, h: str, ranked: list[tuple], prof) -> None:
    """Say so when content overruled a better header (an empty preset column…)."""
    for tier, s, _, g, other, how, problem in ranked:
        if g != f or other == h:
            continue
        if s > m.fields[f].confidence and tier < 2:
            m.notes.append(
                f"{f}: column {other!r} ({how}) is {problem or 'nearly empty'} in this file "
                f"({prof(other).fill:.0%} filled); {h!r} used instead")
        break


# Dates of something else than an arrival: a cancellation, a refund, a payment, an
# order, a birthday… a column of these is never the check-in, however sparse.
_NOT_ARRIVAL = ("annul", "cancel", "refund", "rembours", "paiement", "payment", "paye",
                "paid", "commande", "order", "achat", "purchase", "naissance", "birth",
                "modif", "update", "creat", "inscri", "registr", "envoi", "sent", "expir",
                "factur", "invoice", "desist", "naiss")


def _other_event(header: str) -> bool:
    h = fold(header)
    return any(w in h for w in _NOT_ARRIVAL)


def _by_content(table: Table, kind: str, prof, free) -> list[tuple[str, str, float, str]]:
    """Candidates found by their values alone, whatever their header says."""
    out = []
    for h in table.headers:
        if not free(h):
            continue
        p = prof(h)
        if p.fill == 0:
            continue
        if p.email >= 0.8 and not is_payer(h):
            out.append(("email", h, 0.7, "answers are e-mail addresses"))
        if kind == "registrations" and p.share(
                lambda v: inclusive(fold(v)) in PRESENCE_WORDS) > 0:
            # a status column whose labels say who came ("Présent", "Checked In")
            out.append(("checked_in", h, 0.7, "its labels say who came"))
        if (kind == "registrations" and p.date >= 0.9 and p.fill < 1 and 0 < p.days <= 3
                and not _other_event(h)):
            # scan timestamps: blank for who did not come, on the event's day(s)
            out.append(("checked_in", h, 0.7,
                        f"timestamps on {p.days} day{'s' if p.days > 1 else ''}, "
                        "blank when not scanned"))
    return out


# Headers of a platform's response-status column (whole header, folded): an ordinary
# question such as "État d'avancement de votre projet ?" answered "En cours" is not one.
_STATUS_HEADERS = frozenset({
    "response type", "type de reponse", "status", "statut", "etat", "response status",
    "statut de la reponse", "etat de la reponse", "completion status", "statut de completion",
    "complete", "completed", "termine", "progress", "progression", "response completed"})


# Headers of a platform's own markers, whole header folded: a Finished flag, a Draft
# flag, a submission's id (the same id twice is one submission sent twice).
_FINISHED_HEADERS = frozenset({"finished", "termine", "terminee", "fini", "beendet",
                               "is finished", "completed flag"})
_DRAFT_HEADERS = frozenset({"draft", "is draft", "brouillon", "est un brouillon"})
_SUBMISSION_ID_HEADERS = frozenset({"uuid", "instanceid", "meta instanceid", "instance id"})


def _completion(table: Table, preset: Preset | None, prof) -> list[tuple[str, str]]:
    """Columns that tell a submitted response from an unfinished, test or repeated one:
    (header, rule), rule "blank" (blank = not submitted), "label" ("partial"…), "false"
    (a Finished column saying no), "draft" (a Draft column saying yes), "test" (a
    preview, test or spam status) or "duplicate" (a submission id already seen)."""
    out: list[tuple[str, str]] = []

    def add(h: str | None, rule: str) -> None:
        if h is not None and (h, rule) not in out and (h, f"{rule}-codes") not in out:
            out.append((h, rule))

    if preset is not None:
        for name in preset.complete:
            add(find_header(table.headers, (name,)), "blank")
        for name, rule in preset.markers:
            add(find_header(table.headers, (name,)), rule)
    for h in table.headers:
        p = prof(h)
        if p.fill == 0:
            continue
        f = fold(h)
        if f in _STATUS_HEADERS and p.share(is_completion_label) == 1.0:
            add(h, "label")
        if f in _STATUS_HEADERS and p.share(is_test_response) > 0:
            add(h, "test")
        if f in _FINISHED_HEADERS and p.yes_no >= 0.9:
            add(h, "false")
        if f in _DRAFT_HEADERS and p.yes_no >= 0.9:
            add(h, "draft")
        if f in _SUBMISSION_ID_HEADERS:
            add(h, "duplicate")
    return out


def _by_shape(table: Table, m: Mapping, used: dict[str, list[str]], candidate,
              prof) -> None:
    """Find scale questions by their answers; unclaimed 1–5 columns become extra questions.
    `candidate` excludes the params' questions and the preset's metadata columns."""
    free = [h for h in table.headers if h not in used and candidate(h)]
    shapes = {h: prof(h).scale for h in free}
    if "nps" not in m.fields:
        # a "note sur 10" rates, it does not ask for a recommendation
        tens = [h for h in free if shapes[h] == "scale10" and not rating_score(h)
                and "satisf" not in fold(h)]
        if len(tens) == 1:
            m.fields["nps"] = HeaderMatch("nps", tens[0], 0.6, "answers 0–10", prof(tens[0]).fill)
            used[tens[0]] = ["nps"]
        elif len(tens) > 1:
            m.warnings.append(
                f"several columns answer 0–10 ({_list(tens)}); none taken as NPS: "
                "name one under `columns: nps:`"
            )
    if "would_join_next" not in m.fields:
        yes_no = [h for h in free if h not in used and prof(h).is_yes_no]
        if len(yes_no) == 1:
            m.fields["would_join_next"] = HeaderMatch(
                "would_join_next", yes_no[0], 0.6, "answers yes/no", prof(yes_no[0]).fill)
            used[yes_no[0]] = ["would_join_next"]
    fives = [h for h in free if shapes[h] == "scale5" and h not in used]
    if "satisfaction" not in m.fields and fives:
        m.warnings.append(
            "no satisfaction question found by its wording; the 1–5 columns "
            f"({_list(fives)}) are charted as extra questions. Name the overall one under "
            "`columns: satisfaction:`"
        )
    if not m.questions:
        for h in fives:
            m.questions[h] = _short_label(h)
            used[h] = ["question"]


def _short_label(header: str, width: int = 48) -> str:
    h = " ".join(header.split())
    return h if len(h) <= width else h[: width - 1].rstrip() + "…"


def _list(items: list[str], n: int = 12) -> str:
    shown = ", ".join(repr(i) for i in items[:n])
    return shown + (f" and {len(items) - n} more" if len(items) > n else "")


# Qualtrics' text analytics and NPS group columns, Microsoft Forms' quiz points: computed
# from another column by the platform.
_DERIVED_SUFFIXES = (" group", " nps group", " topics", " parent topics", " sentiment",
                     " sentiment polarity", " sentiment score", " topic sentiment label",
                     " topic sentiment score", " actionability", " emotion",
                     " emotion intensity", " effort", " nps group numeric")
_DERIVED_PREFIXES = ("points ", "feedback ", "score ")


def _derived(header: str, column_id: str, prof) -> bool:
    h, ident = fold(header), fold(column_id)
    if " - " in header and h.endswith(_DERIVED_SUFFIXES):
        return True
    if any(x.endswith(("nps group", "_group")) or "nps group" in x for x in (h, ident)):
        return True
    if header.split(" - ", 1)[0].strip().lower() in ("points", "feedback"):
        return True
    p = prof(header)
    return p.fill > 0 and p.share(lambda v: fold(v) in NPS_GROUPS) >= 0.9
