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
    import numpy as np
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
    mapped to a column), with at least `min_group_size` people, against the whole.

    Counted with numpy over codes (`_codes`): a forum of a million registrations costs
    what a few hundred rows do in a Python loop, and a small forum pays no groupby.
    (numpy and pandas imported here: the report kernel imports this module for
    `largest` and must not load them.)"""
    import numpy as np
    import pandas as pd

    p = people.frame
    out: list[GroupFact] = []
    rate = data["registrations"]["attendance_rate"]
    dims = [d for d in DIMENSIONS if d in known or (d == "departement" and "postcode" in known)]
    coded = {d: _codes(p[d]) for d in dims}
    if rate is not None:
        registered = p["registered"].to_numpy(dtype=bool)
        came = p["attended"].to_numpy(dtype=bool) & registered
        for dim in dims:
            codes, names = coded[dim]
            kept = registered & (codes >= 0)
            n = np.bincount(codes[kept], minlength=len(names))
            k = np.bincount(codes[kept & came], minlength=len(names))
            groups = _large(names, n, min_group_size)
            z = normal_quantile(1 - ALPHA / (2 * len(groups))) if groups else 0
            for name, g in groups:
                s = Proportion(int(k[g]), int(n[g]))
                out.append(GroupFact("registrations.attendance_rate", dim, name, s.n,
                                     s.successes / s.n, wilson(s, z),
                                     1 - ALPHA / len(groups), rate))
    sur = data["survey"]
    if sur and sur["satisfaction_mean"] is not None and responses is not None \
            and not responses.anonymous:
        r = responses.frame
        sat = pd.to_numeric(r["satisfaction"], errors="coerce").to_numpy(dtype=float)
        answered = ~np.isnan(sat)
        ids = pd.Index(p["identity"])
        rows = np.flatnonzero(~ids.duplicated(keep="last"))  # one row per identity
        person = ids[rows].get_indexer(r["identity"])  # -1: not registered
        person = np.where(person >= 0, rows[person], -1)
        for dim in dims:
            codes, names = coded[dim]
            code = np.where(person >= 0, codes[person], -1)
            kept = answered & (code >= 0)
            n = np.bincount(code[kept], minlength=len(names))
            total = np.bincount(code[kept], weights=sat[kept], minlength=len(names))
            groups = _large(names, n, min_group_size)
            level = 1 - ALPHA / len(groups) if groups else 0
            for name, g in groups:
                m = float(total[g] / n[g])
                x = sat[kept & (code == g)]
                s = Mean(int(n[g]), m, float(((x - m) ** 2).sum() / (n[g] - 1)))
                out.append(GroupFact("survey.satisfaction_mean", dim, name, s.n, s.mean,
                                     mean_interval(s, level), level, sur["satisfaction_mean"]))
    return out


def _codes(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Each row's group as a code into the group names (-1: no group). Blank and unknown
    labels are no group, nor "other" types of organisation; labels that differ only by
    case or surrounding spaces are one group, named by its most frequent spelling."""
    import numpy as np
    import pandas as pd

    raw, uniques = pd.factorize(column, use_na_sentinel=True)
    seen = np.bincount(raw[raw >= 0], minlength=len(uniques))
    where: dict[str, int] = {}
    spellings: list[dict[str, int]] = []  # per group: each spelling's rows
    to = np.full(len(uniques) + 1, -1, dtype=np.int64)  # the last slot: NA's -1
    for j, x in enumerate(uniques):
        text = str(x).strip() if x == x else ""  # x == x: not NaN
        if not text or text == "other":
            continue
        g = where.setdefault(text.casefold(), len(spellings))
        if g == len(spellings):
            spellings.append({})
        spellings[g][text] = spellings[g].get(text, 0) + int(seen[j])
        to[j] = g
    # max keeps the first of equals: dicts keep the order spellings were first seen
    names = [max(sp, key=sp.__getitem__) for sp in spellings]
    return to[raw], names


def _large(names: list[str], n: np.ndarray, min_group_size: int) -> list[tuple[str, int]]:
    """The groups of at least `min_group_size` rows (and never fewer than 2: one answer has
    no spread), by name."""
    return sorted((name, g) for g, name in enumerate(names)
                  if n[g] >= max(min_group_size, 2))


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

