"""The programme across forums: who came back, who was new, what the programme reached.

Each forum is analysed exactly as for its own report; people are matched across
forums by the same identity (e-mail lower-cased without spaces, else folded name
+ organisation), so the numbers here agree with each forum's metrics.json.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..params import (
    COMMUNITIES,
    PROGRAMME_TARGET_KEYS,
    ProgrammeParams,
    load_params,
    load_programme_params,
)
from ..territory import territory_codes
from .analysis import Analysis, add_highlights, analyse
from .change import change
from .metrics import SCHEMA_VERSION, json_safe, nps_margin_of_error, nps_parts


@dataclass
class ProgrammeAnalysis:
    params: ProgrammeParams
    forums: list[Analysis]
    attendance: pd.DataFrame  # one row per (forum index, identity) attended, with attributes
    metrics: dict[str, Any] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)


def analyse_programme(params: ProgrammeParams | str | Path) -> ProgrammeAnalysis:
    if not isinstance(params, ProgrammeParams):
        params = load_programme_params(params)
    forums = []
    for path in params.forums:
        fp = load_params(path, language=params.language)
        if params.privacy.min_group_size != fp.privacy.min_group_size:
            fp.privacy = params.privacy
        forums.append(analyse(fp, history=False))  # the programme has its own list
    frames = []
    for i, a in enumerate(forums):
        p = a.people.frame
        att = p.loc[p["attended"], ["identity", "community", "organisation", "departement"]]
        frames.append(att.assign(forum=i))
    attendance = pd.concat(frames, ignore_index=True)
    pa = ProgrammeAnalysis(params, forums, attendance)
    pa.metrics, pa.reasons = programme_metrics(pa)
    return pa


def new_and_returning(attendance: pd.DataFrame, n_forums: int) -> list[tuple[int, int]]:
    """(new, returning) per forum: returning = attended an earlier forum of the list."""
    seen: set[str] = set()
    out = []
    for i in range(n_forums):
        ids = set(attendance.loc[attendance["forum"] == i, "identity"])
        returning = len(ids & seen)
        out.append((len(ids) - returning, returning))
        seen |= ids
    return out


def retention(attendance: pd.DataFrame, n_forums: int) -> list[dict[str, Any]]:
    """Of the people at forum i, how many came to forum i+1, by community."""
    rows = []
    for i in range(n_forums - 1):
        now = attendance[attendance["forum"] == i]
        nxt = set(attendance.loc[attendance["forum"] == i + 1, "identity"])
        came = now["identity"].isin(nxt)
        by = {}
        for c in COMMUNITIES:
            sel = now["community"].fillna("other").eq(c)
            by[c] = (int((came & sel).sum()), int(sel.sum()))
        rows.append({"from": i, "to": i + 1, "back": int(came.sum()), "of": len(now),
                     "by_community": by})
    return rows


def cumulative(attendance: pd.DataFrame, n_forums: int) -> list[tuple[int, int]]:
    """(unique participants, unique organisations) so far, after each forum."""
    people: set[str] = set()
    orgs: set[str] = set()
    out = []
    for i in range(n_forums):
        f = attendance[attendance["forum"] == i]
        people |= set(f["identity"])
        orgs |= {o for o in (f["organisation"].fillna("").astype(str).str.strip().str.casefold())
                 if o}
        out.append((len(people), len(orgs)))
    return out


def forum_theme_counts(a: Analysis) -> tuple[int, list[tuple[str, str, int]]] | None:
    """One forum's comments and (key, name, count) per theme, before suppression; None
    without a comment question."""
    from .metrics import comment_texts
    from .themes import dictionary, theme_counts

    if a.survey is None or a.responses is None or a.survey.mapping.column("comment") is None:
        return None
    texts = comment_texts(a.responses)
    themes = dictionary(a.params.language, a.params.survey.themes)
    counts = theme_counts(texts, themes)
    return len(texts), [(t.key, t.name, c) for t, c in zip(themes, counts, strict=True)]


def programme_story(pa: ProgrammeAnalysis) -> dict[str, Any]:
    """The programme's `comments` (themes summed over the forums' comments) and
    `breakdown` (each breakdown some forum's params ask for, its groups summed over the
    forums that ask for it: registrations and attendances, not unique people; satisfaction
    pooled over their linked answers), under the same small-group rule as a forum's."""
    from .breakdown import group_counts, pooled, suppress
    from .metrics import linkable

    k = pa.params.privacy.min_group_size
    n, counts, names = 0, Counter(), {}
    per_forum = [forum_theme_counts(a) for a in pa.forums]
    for found in per_forum:
        if found is None:
            continue
        n += found[0]
        for key, name, c in found[1]:
            counts[key] += c
            names.setdefault(key, name)
    comments = None
    if any(f is not None for f in per_forum):
        order = list(names)
        shown = sorted((key for key in order if counts[key] >= k),
                       key=lambda key: (-counts[key], order.index(key)))
        hidden = [key for key in order if 0 < counts[key] < k]
        comments = {"count": n, "themes": [
            {"theme": names[key], "key": key,
             "count": None if key in hidden else counts[key],
             "share": None if key in hidden else counts[key] / n}
            for key in (*shown, *hidden)]}
    entries = list(dict.fromkeys(e for a in pa.forums for e in a.params.report.breakdown))
    breakdown = {}
    for entry in entries:
        asked = [a for a in pa.forums if entry in a.params.report.breakdown]
        linked = [linkable(a.survey, a.responses, a.people) for a in asked]
        groups = pooled([group_counts(entry, a.registrations, a.people, a.responses, ok)
                         for a, ok in zip(asked, linked, strict=True)])
        breakdown[entry] = suppress(
            groups, k, all(a.metrics.data["registrations"]["attended"] is not None
                           for a in asked), any(linked))
    return {"comments": comments, "breakdown": breakdown}


def programme_metrics(pa: ProgrammeAnalysis) -> tuple[dict[str, Any], dict[str, str]]:
    reasons: dict[str, str] = {}
    att = pa.attendance
    n = len(pa.forums)
    nr = new_and_returning(att, n)
    forums = []
    for i, (a, (new, ret)) in enumerate(zip(pa.forums, nr, strict=True)):
        # each forum against the one before it in the list, as its own report compares
        # with the latest of its history
        a.metrics.data["change"] = change(a.metrics, pa.forums[i - 1].metrics) if i else None
        add_highlights(a.metrics, a.params)
        m = json_safe(a.metrics.data)
        m["new_participants"], m["returning_participants"] = new, ret
        # in its audience too, as its own report counts them: earlier = earlier in this list
        m["audience"]["new_participants"], m["audience"]["returning_participants"] = new, ret
        forums.append(m)
    # each person's community and département from their latest forum
    latest = att.sort_values("forum", kind="stable").drop_duplicates("identity", keep="last")
    counts = latest["community"].fillna("other").value_counts()
    by_community = {c: int(counts.get(c, 0)) for c in COMMUNITIES}
    orgs = att["organisation"].fillna("").astype(str).str.strip().str.casefold()
    sat = np.concatenate([a.responses.frame["satisfaction"].dropna().to_numpy()
                          for a in pa.forums if a.responses is not None] or [np.array([])])
    nps_scores = np.concatenate([a.responses.frame["nps"].dropna().to_numpy()
                                 for a in pa.forums if a.responses is not None]
                                or [np.array([])])
    p, d, k = nps_parts(nps_scores)
    if not len(sat):
        reasons["totals.satisfaction_mean"] = "no_satisfaction_answers"
    if not k:
        reasons["totals.nps"] = "no_nps_answers"
    codes = territory_codes(pa.params.territory)
    known = latest["departement"].dropna()
    if codes is None:
        share = None
        reasons["totals.regional_share"] = "no_territory"
    else:
        share = float(known.isin(codes).mean()) if len(known) else None
    attended_total = sum(f["registrations"]["attended"] or 0 for f in forums)
    totals = {
        "unique_participants": int(att["identity"].nunique()),
        "unique_organisations": int(orgs[orgs.ne("")].nunique()),
        "by_community": by_community,
        "satisfaction_mean": float(sat.mean()) if len(sat) else None,
        "nps": 100 * (p - d) if k else None,
        "nps_margin_of_error": nps_margin_of_error(p, d, k, None),
        "nps_answers": k,
        "regional_share": share,
        "attended": attended_total,
    }
    totals.update(programme_story(pa))
    targets = {}
    for key, target in pa.params.targets.items():
        actual = totals.get(key)
        met = None if actual is None else (
            actual >= target if PROGRAMME_TARGET_KEYS[key] else actual <= target)
        targets[key] = {"target": target, "actual": actual, "met": met}
    data = {
        "schema_version": SCHEMA_VERSION,
        "programme": {"id": pa.params.programme.id, "title": pa.params.programme.title},
        "forums": forums,
        "totals": totals,
        "targets": targets,
    }
    return json_safe(data), reasons
