"""One forum analysed: its data prepared, its earlier forums' attendees, its metrics.

`analyse` is what `peakreport validate`, `metrics` and `run` start with, and what a
report notebook reads: the data stage's people and responses, and the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..data.attendance import rejected_attendance
from ..data.link import People, Responses
from ..data.prepare import prepare_registrations, prepare_survey
from ..data.validate import Validated
from ..params import EventParams, load_params
from .metrics import Metrics, compute


@dataclass
class History:
    """The earlier forums a forum's params list, as far as new/returning needs them."""

    titles: list[str]
    attended: set[str] = field(repr=False)   # identities of their attended people
    without_checkin: list[str]               # titles of those that cannot tell who came


@dataclass
class Analysis:
    params: EventParams
    registrations: Validated
    people: People
    survey: Validated | None
    responses: Responses | None
    metrics: Metrics
    history: History | None = None

    def rejected_survey(self) -> pd.DataFrame | None:
        """Invalid survey rows, plus answers replaced by a later one (listed, not counted)."""
        if self.survey is None or self.responses is None:
            return None
        sup = self.responses.superseded.merge(
            self.survey.table.frame.assign(source_row=self.survey.table.source_rows),
            on="source_row", how="left")
        out = pd.concat([self.survey.rejected, sup], ignore_index=True)
        return out.sort_values("source_row", kind="stable").reset_index(drop=True)

    def rejected_attendance(self) -> pd.DataFrame | None:
        """The attendance lists' rows that made no registered person attended (None
        without lists): not present, unmatched, another section of the report…"""
        return rejected_attendance(self.people)


def earlier_attendees(params: EventParams) -> History | None:
    """Who attended the forums of `params.history` (their registrations only: read,
    checked and linked exactly as for their own reports); None without history."""
    if not params.history:
        return None
    seen: set[str] = set()
    titles, unknown = [], []
    for path in params.history:
        hp = load_params(path)
        stamp = tuple((f.stat().st_mtime_ns, f.stat().st_size)
                      for f in (path, hp.registrations.path, *(a.path for a in hp.attendance))
                      if f.exists())
        checkin_known, attended = _attended(path, stamp)
        titles.append(hp.event.title)
        if not checkin_known:
            unknown.append(hp.event.title)
        seen |= attended
    return History(titles, seen, unknown)


@lru_cache(maxsize=32)
def _attended(path: Path, stamp: tuple) -> tuple[bool, frozenset[str]]:
    """An earlier forum's attended identities, kept while its params and registrations
    files are unchanged (`stamp`): a batch reads each earlier forum once, not once per
    later forum that lists it."""
    _, people = prepare_registrations(load_params(path))
    p = people.frame
    return people.attendance_known, frozenset(p.loc[p["attended"], "identity"])


def analyse(params: EventParams | str | Path, history: bool = True) -> Analysis:
    """Read, validate, link and measure one forum; with `history`, also who of its
    attendees came to one of the earlier forums its params list."""
    if not isinstance(params, EventParams):
        params = load_params(params)
    reg, people = prepare_registrations(params)
    survey, responses = prepare_survey(params)
    earlier = earlier_attendees(params) if history else None
    metrics = compute(params, reg, people, survey, responses, earlier)
    return Analysis(params, reg, people, survey, responses, metrics, earlier)
