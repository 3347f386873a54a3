"""The forum's numbers, exactly as SPEC.md defines them: pure functions, then JSON.

A metric that cannot be computed is None, and `reasons` says why in words the
report can show; we never write a made-up 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..data.link import People, Responses
from ..data.validate import Validated
from ..params import COMMUNITIES, TARGET_KEYS, EventParams
from ..privacy import scrub, suppress_groups
from ..territory import territory_codes
from .groups import DIMENSIONS, group_facts
from .stats import Mean, NpsSample, Proportion, Sample, wilson

SCHEMA_VERSION = 1


@dataclass
class Metrics:
    data: dict[str, Any]
    # "survey.nps" -> why it is null, as a key of i18n.NULL_REASONS
    reasons: dict[str, str] = field(default_factory=dict)
    # "survey.nps" -> the counts behind it, for the tests of a change (change.py); not in
    # metrics.json, whose rates and means they reproduce exactly
    samples: dict[str, Sample] = field(default_factory=dict)
    # groups.GroupFact of every group big enough to be named: what highlights read
    groups: list[Any] = field(default_factory=list)


def ratio(num: float, den: float) -> float | None:
    return None if den == 0 else num / den


def nps_parts(scores: np.ndarray) -> tuple[float, float, int]:
    """(promoter share, detractor share, n) among 0–10 answers."""
    n = len(scores)
    if n == 0:
        return 0.0, 0.0, 0
    return float((scores >= 9).sum() / n), float((scores <= 6).sum() / n), n


def nps_margin_of_error(p: float, d: float, n: int, population: int | None) -> float | None:
    """95 % margin of error of an NPS, in NPS points, per SPEC.md.

    Var(promoter − detractor indicator) = (p + d) − (p − d)²; the finite population
    correction applies when the answers cover more than 5 % of the attendees.
    """
    if n == 0:
        return None
    moe = 1.96 * 100 * math.sqrt(max((p + d) - (p - d) ** 2, 0.0) / n)
    if population and population > 1 and n <= population and n / population > 0.05:
        moe *= math.sqrt((population - n) / (population - 1))
    return moe


def wilson_interval(successes: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    """Wilson score interval of a proportion: sound for small n and shares near 0 or 1."""
    return wilson(Proportion(successes, n), z)


def registration_metrics(v: Validated, people: People,
                         reasons: dict[str, str] | None = None) -> dict[str, Any]:
    p = people.frame
    reasons = {} if reasons is None else reasons
    registered = int(p["registered"].sum())
    if not people.attendance_known:
        attended, rate = None, None  # no check-in column nor list: unknown, not zero
    else:
        attended = int(p["attended"].sum())
        rate = ratio(attended, registered)
    hybrid = bool(people.lists)
    onsite = int(p["attended_onsite"].sum()) if people.onsite_known else None
    online = None
    if any(lst.mode == "online" for lst in people.lists):
        online = int(p["attended_online"].sum())
    if onsite is None:
        reasons["registrations.attended_onsite"] = (
            "no_onsite_source" if hybrid else "no_checkin_column")
    if online is None:
        reasons["registrations.attended_online"] = (
            "no_online_list" if hybrid else "no_attendance_list")
    if not hybrid:
        reasons["registrations.unregistered_attendees"] = "no_attendance_list"
    return {
        "rows_read": v.rows_read,
        "rows_rejected": len(v.rejected),
        "duplicate_rows": people.duplicate_rows,
        "registered": registered,
        "cancelled": int(p["cancelled"].sum()),
        "attended": attended,
        "attendance_rate": rate,
        "no_show_rate": None if rate is None else 1 - rate,
        # on a waiting list: neither registered nor cancelled
        "waitlisted": int(p["waitlisted"].sum()),
        # a hybrid forum (attendance lists): who came on site, who online (a person on
        # both counts on site), and present people who are not among the registered
        "attended_onsite": onsite,
        "attended_online": online,
        "unregistered_attendees": people.unregistered,
    }


def audience_metrics(
    v: Validated, people: People, params: EventParams, reasons: dict[str, str]
) -> dict[str, Any]:
    att = people.frame[people.frame["attended"]]
    if not people.attendance_known:
        for key in ("by_community", "regional_share"):
            reasons[f"audience.{key}"] = "no_checkin_column"
        return {"by_community": None, "regional_share": None, "without_postcode": None}
    if v.mapping.column("community") is None:
        by_community = None
        reasons["audience.by_community"] = "no_community_column"
    else:
        counts = att["community"].fillna("other").value_counts()
        by_community = {c: int(counts.get(c, 0)) for c in COMMUNITIES}
    dep = att["departement"]
    without = int(dep.isna().sum())
    codes = territory_codes(params.territory)
    if codes is None:
        share = None
        reasons["audience.regional_share"] = "no_territory"
    elif v.mapping.column("postcode") is None:
        share = None
        reasons["audience.regional_share"] = "no_postcode_column"
    else:
        known = dep.dropna()
        share = ratio(int(known.isin(codes).sum()), len(known))
        if share is None:
            reasons["audience.regional_share"] = "no_usable_postcode"
    return {"by_community": by_community, "regional_share": share, "without_postcode": without}


def history_metrics(people: People, earlier, checkin_known: bool,
                    reasons: dict[str, str]) -> dict[str, int | None]:
    """New and returning attendees: returning = attended one of the earlier forums the
    params list (`earlier`, an `analysis.History`), matched by identity as in the programme."""
    keys = ("new_participants", "returning_participants")
    if earlier is None:
        why = "no_history"
    elif not checkin_known:
        why = "no_checkin_column"
    elif earlier.without_checkin:
        why = "history_without_checkin"
    else:
        ids = people.frame.loc[people.frame["attended"], "identity"]
        returning = int(ids.isin(earlier.attended).sum())
        return {"new_participants": len(ids) - returning, "returning_participants": returning}
    for key in keys:
        reasons[f"audience.{key}"] = why
    return dict.fromkeys(keys)


def survey_metrics(
    v: Validated, responses: Responses, people: People, reasons: dict[str, str],
    min_group_size: int = 5, attendance_known: bool = True,
) -> dict[str, Any]:
    r = responses.frame
    attended_ids = people.frame.loc[people.frame["attended"], "identity"]
    n_attended = len(attended_ids)
    linked: int | None = None
    # registrations without any e-mail: nobody can be matched to an answer by address
    reg_emails = bool(people.frame["identity"].str.contains("@", regex=False).any())
    if responses.anonymous or not attendance_known or not reg_emails:
        # nobody can be linked, or nobody is known to have attended: unknown, not 0
        response_rate = None
        why = ("anonymous_survey" if responses.anonymous else
               "no_checkin_column" if not attendance_known else "no_registration_email")
        for key in ("response_rate", "linked_to_attendees"):
            reasons[f"survey.{key}"] = why
    else:
        linked = int(pd.Index(attended_ids).get_indexer(r["identity"]).__ge__(0).sum())
        response_rate = ratio(linked, n_attended)
        if response_rate is None:
            reasons["survey.response_rate"] = "nobody_attended"
    sat = r["satisfaction"].dropna().to_numpy()
    if v.mapping.column("satisfaction") is None:
        reasons["survey.satisfaction_mean"] = "no_satisfaction_question"
    elif v.mapping.column("satisfaction") in v.scale_problems:
        reasons["survey.satisfaction_mean"] = "satisfaction_labels_unordered"
    elif len(sat) == 0:
        reasons["survey.satisfaction_mean"] = "no_satisfaction_answers"
    nps_scores = r["nps"].dropna().to_numpy()
    p, d, n = nps_parts(nps_scores)
    if v.mapping.column("nps") is None:
        reasons["survey.nps"] = "no_nps_question"
    elif n == 0:
        reasons["survey.nps"] = "no_nps_answers"
    by_community = satisfaction_by_community(r, people, responses.anonymous, min_group_size)
    wj = r["would_join_next"].dropna()
    if v.mapping.column("would_join_next") is None:
        reasons["survey.would_join_next_share"] = "no_next_question"
    return {
        "rows_read": v.rows_read,
        "rows_rejected": len(v.rejected),
        "duplicate_rows": len(responses.superseded),
        "responses": len(r),
        "linked_to_attendees": linked,
        "response_rate": response_rate,
        "satisfaction_mean": float(sat.mean()) if len(sat) else None,
        "satisfaction_answers": len(sat),
        "csat": float((sat >= 4).mean()) if len(sat) else None,
        "nps": 100 * (p - d) if n else None,
        "nps_margin_of_error": nps_margin_of_error(p, d, n, n_attended or None),
        "nps_answers": n,
        "would_join_next_share": float(wj.astype(bool).mean()) if len(wj) else None,
        "satisfaction_by_community": by_community,
    }


def satisfaction_by_community(
    r: pd.DataFrame, people: People, anonymous: bool, min_group_size: int
) -> dict[str, dict[str, Any]] | None:
    """Satisfaction per community of the respondent ("unknown" when not registered).

    Groups too small to publish (privacy.suppress_groups) are null, never a number.
    """
    if anonymous or r["satisfaction"].notna().sum() == 0:
        return None
    community = people.frame.set_index("identity")["community"]
    comm = r["identity"].map(community).astype(object).fillna("unknown").to_numpy()
    sat = r["satisfaction"].to_numpy()
    groups = {}
    for g in (*COMMUNITIES, "unknown"):
        s = sat[(comm == g) & ~np.isnan(sat)]
        if len(s):
            groups[g] = s
    hidden = suppress_groups({g: len(s) for g, s in groups.items()}, min_group_size)
    return {
        g: ({"responses": None, "satisfaction_mean": None, "csat": None} if g in hidden else
            {"responses": len(s), "satisfaction_mean": float(s.mean()),
             "csat": float((s >= 4).mean())})
        for g, s in groups.items()
    }


def linkable(survey: Validated | None, responses: Responses | None, people: People) -> bool:
    """Whether survey answers can be told apart by registered person: a survey with
    respondent addresses, a satisfaction question, and registrations with addresses."""
    return (survey is not None and responses is not None and not responses.anonymous
            and survey.mapping.column("satisfaction") is not None
            and bool(people.frame["identity"].str.contains("@", regex=False).any()))


_COMMENTS: dict[int, list[str]] = {}


def comment_texts(responses: Responses) -> list[str]:
    """The counted responses' comments (a comment has a letter or a digit), with e-mail
    addresses, links and phone numbers masked: a theme is found in what was written, not
    in "contact@…" or a URL's words. Masked once per distinct comment, and once per run:
    the metrics count themes in them, the report quotes them."""
    import weakref

    from .themes import is_comment

    cached = _COMMENTS.get(id(responses))
    if cached is not None:
        return cached
    # each distinct answer looked at once (a large survey repeats its comments)
    codes, uniques = pd.factorize(responses.frame["comment"], sort=False)
    masked = np.array([scrub(t.strip()) if is_comment(t) else None for t in uniques],
                      dtype=object)
    kept = masked[codes[codes >= 0]] if len(masked) else masked
    out = _COMMENTS[id(responses)] = [t for t in kept if t is not None]
    weakref.finalize(responses, _COMMENTS.pop, id(responses), None)
    return out


def story_metrics(params: EventParams, reg: Validated, people: People,
                  survey: Validated | None, responses: Responses | None,
                  reasons: dict[str, str], attendance_known: bool) -> dict[str, Any]:
    """`sessions` (grid questions), `comments` (themes) and `breakdown` (by registration
    column), as SPEC.md's story section defines them. `attendance_known`: whether the
    forum's `registrations.attended` could be counted (groups' attendance is, then)."""
    from .breakdown import breakdown_metrics
    from .sessions import session_metrics
    from .themes import comment_metrics, dictionary

    k = params.privacy.min_group_size
    out: dict[str, Any] = {"sessions": None, "comments": None}
    if survey is None or responses is None:
        reasons["sessions"] = reasons["comments"] = "no_survey"
    else:
        out["sessions"] = session_metrics(responses.frame, survey.mapping.grids, k)
        if survey.mapping.column("comment") is None:
            reasons["comments"] = "no_comment_question"
        else:
            themes = dictionary(params.language, params.survey.themes)
            out["comments"] = comment_metrics(comment_texts(responses), themes, k)
    out["breakdown"] = breakdown_metrics(
        params.report.breakdown, reg, people, responses, min_group_size=k,
        attendance_known=attendance_known,
        linkable=bool(params.report.breakdown) and linkable(survey, responses, people))
    return out


def target_results(params: EventParams, data: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {**data["registrations"], **data["audience"]}
    if data["survey"]:
        flat.update(data["survey"])
    out = {}
    for key, target in params.targets.items():
        actual = flat.get(key)
        met = None if actual is None else (
            actual >= target if TARGET_KEYS[key] else actual <= target)
        out[key] = {"target": target, "actual": actual, "met": met}
    return out


def compute(
    params: EventParams,
    reg: Validated,
    people: People,
    survey: Validated | None,
    responses: Responses | None,
    earlier=None,
) -> Metrics:
    reasons: dict[str, str] = {}
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "event": {"id": params.event.id, "title": params.event.title,
                  "date": params.event.date.isoformat()},
        "registrations": registration_metrics(reg, people, reasons),
        "audience": audience_metrics(reg, people, params, reasons),
        "survey": (survey_metrics(survey, responses, people, reasons,
                                  params.privacy.min_group_size, people.attendance_known)
                   if survey is not None and responses is not None else None),
    }
    data["audience"].update(history_metrics(people, earlier, people.attendance_known, reasons))
    data.update(story_metrics(params, reg, people, survey, responses, reasons,
                              data["registrations"]["attended"] is not None))
    if data["survey"] is None:
        reasons["survey"] = "no_survey"
    if not people.attendance_known:
        for key in ("attended", "attendance_rate", "no_show_rate"):
            reasons[f"registrations.{key}"] = "no_checkin_column"
    data["targets"] = target_results(params, data)
    known = {f for f in (*DIMENSIONS, "postcode") if reg.mapping.column(f) is not None}
    return Metrics(data=data, reasons=reasons,
                   samples=samples(reg, people, params, responses, data),
                   groups=group_facts(people, responses, data, params.privacy.min_group_size,
                                      known))


def samples(reg: Validated, people: People, params: EventParams,
            responses: Responses | None, data: dict[str, Any]) -> dict[str, Sample]:
    """The counts behind each tested metric that could be computed: successes and n of a
    rate, n, mean and variance of the satisfaction, promoters and detractors of the NPS."""
    out: dict[str, Sample] = {}
    reg_m, aud, sur = data["registrations"], data["audience"], data["survey"]
    if reg_m["attendance_rate"] is not None:
        out["registrations.attendance_rate"] = Proportion(reg_m["attended"],
                                                          reg_m["registered"])
    if aud["regional_share"] is not None:
        known = people.frame.loc[people.frame["attended"], "departement"].dropna()
        codes = territory_codes(params.territory) or frozenset()
        out["audience.regional_share"] = Proportion(int(known.isin(codes).sum()), len(known))
    if sur is None or responses is None:
        return out
    if sur["response_rate"] is not None:
        out["survey.response_rate"] = Proportion(sur["linked_to_attendees"],
                                                 reg_m["attended"])
    sat = responses.frame["satisfaction"].dropna().to_numpy(dtype=float)
    if sur["satisfaction_mean"] is not None:
        out["survey.satisfaction_mean"] = Mean(
            len(sat), float(sat.mean()), float(sat.var(ddof=1)) if len(sat) > 1 else 0.0)
        out["survey.csat"] = Proportion(int((sat >= 4).sum()), len(sat))
    scores = responses.frame["nps"].dropna().to_numpy()
    if sur["nps"] is not None:
        out["survey.nps"] = NpsSample(int((scores >= 9).sum()), int((scores <= 6).sum()),
                                      len(scores))
    return out


def json_safe(obj: Any) -> Any:
    """numpy scalars to Python, NaN to None: metrics.json holds only JSON values."""
    if isinstance(obj, dict):
        return {k: json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_safe(v) for v in obj]
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating, float)):
        f = float(obj)
        return None if math.isnan(f) or math.isinf(f) else f
    if isinstance(obj, np.bool_):
        return bool(obj)
    if obj is pd.NaT:
        return None
    return obj
