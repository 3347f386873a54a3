"""Aggregates for the report: counts and shares per category, never rows.

Every function takes an `Analysis` and returns plain numbers and labels, so that
figures and HTML are pure functions of them, and so that the report's size does
not depend on the number of participants. Survey breakdowns go through the
small-group rule here, before anything is drawn.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..privacy import of_analysis, scrub, shuffled
from ..territory import DEPARTEMENTS, territory_codes, territory_label
from .sanity import Check, checks

if TYPE_CHECKING:  # pandas is the data side's: a report kernel works without it
    import pandas as pd

    from .analysis import Analysis


def attendees(a: Analysis) -> pd.DataFrame:
    p = a.people.frame
    return p[p["attended"]]


def community_counts(a: Analysis) -> dict[str, int] | None:
    return a.metrics.data["audience"]["by_community"]


def top_counts(series: pd.Series, top: int = 10, other: str = "…") -> list[tuple[str, int]]:
    """Counts of the most frequent labels, the rest summed under `other`. Labels that
    differ only by case or surrounding spaces ("Automobile", " automobile") are one
    group, shown in its most frequent spelling, as the breakdowns and highlights count
    them."""
    labels = series.dropna().astype(str).str.strip()
    labels = labels[labels.ne("")]
    if labels.empty:
        return []
    key = labels.str.casefold()
    counts = key.value_counts()
    spelling = labels.groupby(key.to_numpy()).agg(lambda x: x.value_counts().index[0])
    head = [(str(spelling[k]), int(v)) for k, v in counts.head(top).items()]
    rest = int(counts.iloc[top:].sum())
    if rest:
        head.append((other, rest))
    return head


@dataclass
class Territory:
    name: str | None
    share: float | None
    without_postcode: int
    rows: list[tuple[str, int, bool]]  # ("Haute-Savoie (74)", count, in territory)
    counts: dict[str, int] = field(default_factory=dict)  # every département code: attendees
    codes: frozenset[str] = frozenset()                   # the territory's départements


def territory(a: Analysis, top: int = 12) -> Territory:
    att = attendees(a)
    codes = territory_codes(a.params.territory) or frozenset()
    counts = att["departement"].dropna().value_counts()
    rows = [(f"{DEPARTEMENTS.get(c, c)} ({c})", int(n), c in codes)
            for c, n in counts.head(top).items()]
    rest = int(counts.iloc[top:].sum())
    if rest:
        rows.append(("…", rest, False))
    aud = a.metrics.data["audience"]
    share, without = aud["regional_share"], aud["without_postcode"]
    return Territory(territory_label(a.params.territory),
                     None if share is None else float(share),
                     0 if without is None else int(without), rows,
                     {str(c): int(n) for c, n in counts.items()}, frozenset(codes))


def registrations_timeline(a: Analysis) -> tuple[list[dt.date], list[int]] | None:
    """Cumulative count of registered people by the day of their first registration."""
    p = a.people.frame
    when = p.loc[p["registered"], "first_registered_at"].dropna()
    if when.empty:
        return None
    per_day = when.dt.normalize().value_counts().sort_index()
    days = [d.date() for d in per_day.index]
    return days, [int(x) for x in per_day.cumsum()]


def responses(a: Analysis) -> pd.DataFrame | None:
    return a.responses.frame if a.responses is not None else None


def satisfaction_counts(a: Analysis) -> list[int] | None:
    r = responses(a)
    if r is None or a.survey.mapping.column("satisfaction") is None:
        return None
    s = r["satisfaction"].dropna()
    return [int((s == i).sum()) for i in range(1, 6)] if len(s) else None


def nps_counts(a: Analysis) -> tuple[int, int, int] | None:
    r = responses(a)
    if r is None or a.survey.mapping.column("nps") is None:
        return None
    s = r["nps"].dropna()
    if not len(s):
        return None
    return int((s <= 6).sum()), int(((s >= 7) & (s <= 8)).sum()), int((s >= 9).sum())


@dataclass
class Question:
    label: str
    distribution: list[int] | None  # counts of 1..5; None when suppressed
    mean: float | None
    n: int
    suppressed: bool


def questions(a: Analysis) -> list[Question]:
    r = responses(a)
    if r is None:
        return []
    k = a.params.privacy.min_group_size
    out = []
    for i, label in enumerate(a.survey.mapping.questions.values()):
        s = r[f"q{i}"].dropna()
        n = len(s)
        if n < k:
            out.append(Question(label, None, None, n, True))
        else:
            out.append(Question(label, [int((s == j).sum()) for j in range(1, 6)],
                                float(s.mean()), n, False))
    return out


@dataclass
class GroupStat:
    group: str          # a community key, or "unknown"
    n: int | None       # None when suppressed
    mean: float | None  # None when suppressed
    csat: float | None
    suppressed: bool


def satisfaction_by_community(a: Analysis) -> list[GroupStat]:
    """The metrics' satisfaction per community, small groups already suppressed there."""
    from .metrics import json_safe

    s = a.metrics.data.get("survey") or {}
    groups = json_safe(s.get("satisfaction_by_community") or {})
    return [GroupStat(g, v["responses"], v["satisfaction_mean"], v["csat"],
                      v["responses"] is None) for g, v in groups.items()]


def comments(a: Analysis, limit: int = 12, shown: frozenset[str] = frozenset()
             ) -> list[str] | None:
    """Scrubbed comments in an order unrelated to submission; None when excluded. `shown`:
    comments already quoted under a theme, not repeated."""
    if a.params.privacy.comments == "exclude":
        return None
    r = responses(a)
    if r is None or a.survey.mapping.column("comment") is None:
        return []
    texts = [t.strip() for t in r["comment"].astype(str) if t and t.strip()]
    texts = list(dict.fromkeys(texts))  # identical comments ("Merci !") are shown once
    names = of_analysis(a).names.matcher(texts)  # the index the output scan uses too
    scrubbed = list(dict.fromkeys(scrub(t, names) for t in texts))
    # longer comments say more; keep the informative ones, then shuffle
    informative = [t for t in scrubbed if len(t) >= 12 and t not in shown]
    return shuffled(informative, a.params.event.id)[:limit]


@dataclass
class SessionGrid:
    """One grid question's sessions, as metrics.json has them (small groups null)."""

    question: str                  # as the export writes it
    label: str                     # its short label
    low: int                       # the scale's ends
    high: int
    sessions: list[dict[str, Any]]


def session_grids(a: Analysis) -> list[SessionGrid]:
    entries = a.metrics.data.get("sessions") or []
    out, k = [], 0
    for g in a.survey.mapping.grids if a.survey is not None else []:
        rows = entries[k:k + len(g.rows)]
        k += len(g.rows)
        out.append(SessionGrid(g.question, g.label, g.scale.low, g.scale.high, rows))
    return out


@dataclass
class ThemeStat:
    name: str
    count: int | None              # None when under the small-group rule
    share: float | None            # of the comments
    quotes: list[str]              # one or two masked comments of the theme


QUOTE_LENGTH = (12, 280)           # a quote says something, and fits beside its theme


def themes(a: Analysis, per_theme: int = 2) -> list[ThemeStat] | None:
    """The comment themes of metrics.json, each with up to `per_theme` masked quotes (none
    for a theme under the small-group rule, none with `privacy.comments: exclude`): those
    in the fewest themes first (the most about this one), then in an order unrelated to
    submission; a comment quoted under one theme only when the theme has others."""
    from .metrics import comment_texts
    from .themes import dictionary, match

    c = a.metrics.data.get("comments")
    if c is None:
        return None
    quotes: dict[str, list[str]] = {}
    if a.params.privacy.comments != "exclude" and any(t["count"] for t in c["themes"]):
        bank = dictionary(a.params.language, a.params.survey.themes)
        index = {th.key: i for i, th in enumerate(bank)}
        texts = list(dict.fromkeys(comment_texts(a.responses)))
        found = match(texts, bank)
        lo, hi = QUOTE_LENGTH
        # a few candidates per theme, in a keyed order (a CRC, not a hash of every comment
        # of a large survey); only they are masked for names
        shown = [t for t in c["themes"] if t["count"]]
        pools = {}
        for t in shown:
            i, salt = index[t["key"]], f"{a.params.event.id}:{t['key']}\n".encode()
            ranked = sorted((len(f), zlib.crc32(salt + x.encode()), x)
                            for x, f in zip(texts, found, strict=True)
                            if i in f and lo <= len(x) <= hi)
            pools[t["key"]] = [x for _, _, x in ranked[:per_theme * 4]]
        candidates = list(dict.fromkeys(x for p in pools.values() for x in p))
        names = of_analysis(a).names.matcher(candidates)
        masked = {x: scrub(x, names) for x in candidates}
        used: set[str] = set()
        for t in shown:
            pool = [masked[x] for x in pools[t["key"]] if lo <= len(masked[x]) <= hi]
            # another theme's quote only when the theme has none of its own
            picked = [q for q in pool if q not in used][:per_theme] or pool[:1]
            used.update(picked)
            quotes[t["key"]] = picked
    return [ThemeStat(t["theme"], t["count"], t["share"], quotes.get(t["key"], []))
            for t in c["themes"]]


@dataclass
class Breakdown:
    entry: str                     # as the params write it
    field: str | None              # the canonical field it names, None for a column
    rows: list[dict[str, Any]]     # metrics.json's rows


def breakdowns(a: Analysis) -> list[Breakdown]:
    from .breakdown import resolve

    out = []
    for entry, rows in (a.metrics.data.get("breakdown") or {}).items():
        kind, name = resolve(entry, a.registrations)
        out.append(Breakdown(entry, name if kind == "field" else None, rows))
    return out


@dataclass
class FileQuality:
    kind: str           # "registrations" | "survey"
    name: str           # file name only: paths can hold personal folders
    rows_read: int
    rows_kept: int
    rows_rejected: int
    duplicates: int
    reasons: list[tuple[str, int]]


def quality(a: Analysis) -> list[FileQuality]:
    reg = a.registrations
    m = a.metrics.data
    out = [FileQuality(
        "registrations", reg.table.path.name, reg.rows_read, len(reg.frame), len(reg.rejected),
        m["registrations"]["duplicate_rows"],
        _count_reasons(reg.rejected["code"]) if len(reg.rejected) else [])]
    if a.survey is not None:
        rej = a.rejected_survey()
        out.append(FileQuality(
            "survey", a.survey.table.path.name, a.survey.rows_read,
            len(a.survey.frame), len(a.survey.rejected), m["survey"]["duplicate_rows"],
            _count_reasons(rej["code"]) if len(rej) else []))
    for lst in a.people.lists:  # a hybrid forum's attendance lists
        rej = lst.rejected
        out.append(FileQuality(
            "attendance", lst.name, lst.rows_read, lst.rows_read - len(rej), len(rej),
            # rows kept beyond one per person found: the same person joining again
            max(0, lst.rows_read - len(rej) - lst.matched),
            _count_reasons(rej["code"]) if len(rej) else []))
    return out


def _count_reasons(codes: pd.Series) -> list[tuple[str, int]]:
    counts = codes.fillna("other_reason").value_counts()
    return [(str(k), int(v)) for k, v in counts.items()]


def wilson_csat(a: Analysis) -> tuple[float, float] | None:
    from .metrics import wilson_interval

    r = responses(a)
    if r is None:
        return None
    s = r["satisfaction"].dropna().to_numpy()
    if not len(s):
        return None
    lo, hi = wilson_interval(int((s >= 4).sum()), len(s))
    return float(lo), float(hi)


@dataclass
class ReportData:
    """Everything a forum report shows, as plain numbers and labels: no rows, no pandas.

    The run builds it once from its analysis and hands it to the report kernel, which
    then needs neither the data nor pandas (its start-up is ~0.35 s lighter)."""

    metrics: dict[str, Any]            # metrics.json's content
    reasons: dict[str, str]            # metric key -> why it is null
    has_survey: bool
    communities: dict[str, int] | None
    sectors: list[tuple[str, int]]
    sizes: list[tuple[str, int]]
    attended: int
    territory: Territory
    timeline: tuple[list[dt.date], list[int]] | None
    satisfaction: list[int] | None
    csat_interval: tuple[float, float] | None
    nps: tuple[int, int, int] | None
    by_community: list[GroupStat]
    questions: list[Question]
    comments: list[str] | None
    quality: list[FileQuality]
    history: list[str] | None          # titles of the earlier forums, when listed
    checks: list[Check] = field(default_factory=list)  # data that look wrong (sanity.py)
    sessions: list[SessionGrid] = field(default_factory=list)  # grid questions
    themes: list[ThemeStat] | None = None                    # comment themes, with quotes
    breakdowns: list[Breakdown] = field(default_factory=list)  # report.breakdown
    breakdown_linked: bool = False     # satisfaction can be broken down (survey linked)


def report_data(a: Analysis, other: str) -> ReportData:
    """`other` names the rest of a top-10 list, in the report's language."""
    from .metrics import json_safe, linkable

    att = attendees(a)
    theme_stats = themes(a)
    quoted = frozenset(q for t in theme_stats or [] for q in t.quotes)
    return ReportData(
        metrics=json_safe(a.metrics.data), reasons=dict(a.metrics.reasons),
        has_survey=a.survey is not None, communities=community_counts(a),
        sectors=top_counts(att["sector"], top=10, other=other),
        sizes=top_counts(att["company_size"], top=10, other=other),
        attended=len(att), territory=territory(a), timeline=registrations_timeline(a),
        satisfaction=satisfaction_counts(a), csat_interval=wilson_csat(a), nps=nps_counts(a),
        by_community=satisfaction_by_community(a), questions=questions(a),
        comments=comments(a, shown=quoted), quality=quality(a),
        history=a.history.titles if a.history is not None else None, checks=checks(a),
        sessions=session_grids(a), themes=theme_stats, breakdowns=breakdowns(a),
        breakdown_linked=bool(a.params.report.breakdown)
        and linkable(a.survey, a.responses, a.people))
