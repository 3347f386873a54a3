"""Groups that really differ from the whole: the facts behind "this group stands out".

A group (a type of organisation, a sector, a company size, a département) is named only
when it has at least `min_group_size` people and the interval of its figure excludes the
whole's figure. Figures: the attendance rate of the group's registered people (Wilson
interval) and the mean satisfaction of its respondents (Student's t interval).

Many groups are looked at (a dozen sectors, a dozen départements): at 95 % each, one in
twenty groups of a forum where nothing differs would still stand out by chance. The
intervals are therefore simultaneous for each breakdown (Bonferroni): with k groups
compared, each interval is at the 1 − 0.05/k level, so that the chance of naming any group
of that breakdown wrongly stays under 5 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .stats import Mean, Proportion, mean_interval, normal_quantile, wilson

if TYPE_CHECKING:
    from ..data.link import People, Responses

DIMENSIONS = ("community", "sector", "company_size", "departement")
ALPHA = 0.05


@dataclass(frozen=True)
class GroupFact:
    """A group's figure against the whole's, with the interval that decides."""

    key: str                      # the whole's metric: "survey.satisfaction_mean"
    dimension: str                # one of DIMENSIONS
    group: str                    # a community key, a label from the inputs, a code
    n: int                        # registered people, or respondents
    value: float                  # the group's figure
    interval: tuple[float, float]
    level: float                  # the interval's confidence level (Bonferroni)
    whole: float                  # the whole forum's figure (metrics.json's value)

    @property
    def differs(self) -> bool:
        return not self.interval[0] <= self.whole <= self.interval[1]


def group_facts(people: People, responses: Responses | None, data: dict,
                min_group_size: int, known: set[str]) -> list[GroupFact]:
    """Each group of each breakdown the registrations hold (`known`: the canonical fields
    mapped to a column), with at least `min_group_size` people, against the whole.

    Plain Python over a few hundred rows: a pandas groupby per breakdown cost a report
    run ~0.1 s."""
    p = people.frame
    out: list[GroupFact] = []
    rate = data["registrations"]["attendance_rate"]
    dims = [d for d in DIMENSIONS if d in known or (d == "departement" and "postcode" in known)]
    columns = {d: p[d].tolist() for d in dims}
    if rate is not None:
        registered = p["registered"].tolist()
        came = p["attended"].tolist()
        for dim in dims:
            groups = _groups([x for x, r in zip(columns[dim], registered, strict=True) if r],
                             min_group_size)
            flags = [c for c, r in zip(came, registered, strict=True) if r]
            z = normal_quantile(1 - ALPHA / (2 * len(groups))) if groups else 0
            for name, rows in groups.items():
                s = Proportion(sum(bool(flags[i]) for i in rows), len(rows))
                out.append(GroupFact("registrations.attendance_rate", dim, name, s.n,
                                     s.successes / s.n, wilson(s, z),
                                     1 - ALPHA / len(groups), rate))
    sur = data["survey"]
    if sur and sur["satisfaction_mean"] is not None and responses is not None \
            and not responses.anonymous:
        r = responses.frame
        answered = [(i, float(v)) for i, v in zip(r["identity"].tolist(),
                                                  r["satisfaction"].tolist(), strict=True)
                    if v == v and v is not None]  # v == v: not NaN
        ids = p["identity"].tolist()
        for dim in dims:
            attr = dict(zip(ids, columns[dim], strict=True))
            groups = _groups([attr.get(i) for i, _ in answered], min_group_size)
            level = 1 - ALPHA / len(groups) if groups else 0
            for name, rows in groups.items():
                sat = [answered[i][1] for i in rows]
                n, mean = len(sat), sum(sat) / len(sat)
                s = Mean(n, mean, sum((x - mean) ** 2 for x in sat) / (n - 1))
                out.append(GroupFact("survey.satisfaction_mean", dim, name, s.n, s.mean,
                                     mean_interval(s, level), level, sur["satisfaction_mean"]))
    return out


def _groups(labels: list, min_group_size: int) -> dict[str, list[int]]:
    """Positions per group label (blank and unknown labels are no group, nor "other" types
    of organisation), groups of at least `min_group_size` rows (and never fewer than 2: one
    answer has no spread), in the labels' order."""
    out: dict[str, list[int]] = {}
    for i, x in enumerate(labels):
        if x is None or x != x:  # None or NaN
            continue
        text = str(x).strip()
        if text and text != "other":
            out.setdefault(text, []).append(i)
    return {k: v for k, v in sorted(out.items()) if len(v) >= max(min_group_size, 2)}


def largest(by_community: dict[str, int] | None) -> tuple[str, int] | None:
    """The largest type of organisation among attendees, if one is strictly the largest
    and is a named type ("other" is no group to speak of)."""
    if not by_community:
        return None
    counts = sorted(by_community.items(), key=lambda kv: -kv[1])
    (top, n), rest = counts[0], counts[1:]
    if top == "other" or n == 0 or (rest and rest[0][1] == n):
        return None
    return top, n

