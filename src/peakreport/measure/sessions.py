"""Sessions: each row of a survey's grid questions (a workshop, a talk, a speaker) rated.

Per session, over the counted responses (duplicates and superseded answers removed, as
for every survey metric): `respondents` who rated it, their `mean` score, `top2_share`
(the share of the scale's two best scores: 4 or 5 on 1–5, 9 or 10 on 0–10), `ci95`, the
95 % confidence interval of the mean, and `not_attended`, the answers saying the
respondent did not attend ("N/A", "Pas assisté"…), which are not ratings and stay out of
the mean.

The interval is Student's t interval, mean ± t(0.975, n − 1) × s / √n with s the sample
standard deviation, cut to the scale's ends: the usual interval for a mean, and sound
for the small groups a workshop has (its t quantile widens it where a normal quantile
would claim too much). With every rating equal it has no width, which is what these
answers show. A session rated by fewer than `privacy.min_group_size` respondents has its
respondents, mean, share and interval null ("< N" in the report); `not_attended` stays, as
it says nothing of anyone's opinion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .stats import Mean  # one Student t for the whole report
from .stats import mean_interval as stats_interval

if TYPE_CHECKING:
    import pandas as pd

    from ..read.grids import Grid


def mean_interval(scores: np.ndarray, low: float, high: float) -> tuple[float, float] | None:
    """Student's t 95 % interval of the mean of `scores` (`stats.mean_interval`), cut to
    [low, high]; None under two scores (no spread to measure)."""
    if len(scores) < 2:
        return None
    lo, hi = stats_interval(Mean(len(scores), float(scores.mean()),
                                 float(scores.var(ddof=1))))
    return max(low, lo), min(high, hi)


def session_metrics(responses: pd.DataFrame, grids: list[Grid],
                    min_group_size: int) -> list[dict[str, Any]]:
    """metrics.json's `sessions`, one entry per grid row, in the export's order.

    `responses` holds the validated grid columns: `g0`, `g1`… the scores (NaN when not a
    rating) and `g0_na`… whether the answer says the respondent did not attend."""
    out = []
    k = 0
    for grid in grids:
        top = grid.scale.top2
        for _header, label in grid.rows:
            col = responses[f"g{k}"].to_numpy(dtype=float)
            scores = col[~np.isnan(col)]
            absent = int(responses[f"g{k}_na"].sum())
            n = len(scores)
            entry: dict[str, Any] = {"question": grid.question, "session": label,
                                     "respondents": None, "mean": None, "top2_share": None,
                                     "ci95": None, "not_attended": absent,
                                     "scale": [grid.scale.low, grid.scale.high]}
            if n >= min_group_size and n:
                ci = mean_interval(scores, grid.scale.low, grid.scale.high)
                entry.update(respondents=n, mean=float(scores.mean()),
                             top2_share=float(np.isin(scores, top).mean()),
                             ci95=None if ci is None else [ci[0], ci[1]])
            out.append(entry)
            k += 1
    return out
