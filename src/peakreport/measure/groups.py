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
    import pandas as pd

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
    mapped to a column), with at least `min_group_size` people, against the whole."""
    p = people.frame
    out: list[GroupFact] = []
    rate = data["registrations"]["attendance_rate"]
    dims = [d for d in DIMENSIONS if d in known or (d == "departement" and "postcode" in known)]
    if rate is not None:
        reg = p[p["registered"]]
        for dim in dims:
            groups = _groups(reg[dim], min_group_size)
            z = normal_quantile(1 - ALPHA / (2 * len(groups))) if groups else 0
            for name, idx in groups.items():
                came = reg.loc[idx, "attended"]
                s = Proportion(int(came.sum()), len(came))
                out.append(GroupFact("registrations.attendance_rate", dim, name, s.n,
                                     s.successes / s.n, wilson(s, z),
                                     1 - ALPHA / len(groups), rate))
    sur = data["survey"]
    if sur and sur["satisfaction_mean"] is not None and responses is not None \
            and not responses.anonymous:
        r = responses.frame
        attrs = p.set_index("identity")
        answered = r[r["satisfaction"].notna()]
        for dim in dims:
            labels = answered["identity"].map(attrs[dim])
            groups = _groups(labels, min_group_size)
            level = 1 - ALPHA / len(groups) if groups else 0
            for name, idx in groups.items():
                sat = answered.loc[idx, "satisfaction"].to_numpy(dtype=float)
                s = Mean(len(sat), float(sat.mean()), float(sat.var(ddof=1)))
                out.append(GroupFact("survey.satisfaction_mean", dim, name, s.n, s.mean,
                                     mean_interval(s, level), level, sur["satisfaction_mean"]))
    return out


def _groups(labels: pd.Series, min_group_size: int) -> dict[str, pd.Index]:
    """Rows per group label (blank and unknown labels are no group), groups of at least
    `min_group_size` rows (and never fewer than 2: one answer has no spread)."""
    text = labels.dropna().astype(str).str.strip()
    text = text[text.ne("") & text.ne("other")]  # "other" types of organisation: no group
    out = {}
    for name, idx in text.groupby(text, sort=True).groups.items():
        if len(idx) >= max(min_group_size, 2):
            out[str(name)] = idx
    return out


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

