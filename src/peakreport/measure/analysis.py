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
from ..i18n import lang
from ..params import EventParams, load_params
from .change import change
from .highlights import highlights
from .metrics import Metrics, compute


@dataclass
class History:
    """The earlier forums a forum's params list: who attended them (new/returning), and
    the latest of them, analysed as for its own report (`change`)."""

    titles: list[str]
    attended: set[str] = field(repr=False)   # identities of their attended people
    without_checkin: list[str]               # titles of those that cannot tell who came
    previous: Analysis | None = field(default=None, repr=False)  # the latest by date


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
    """Who attended the forums of `params.history` (read, checked and linked exactly as
    for their own reports), and the latest of them analysed whole; None without history."""
    if not params.history:
        return None
    earlier = [(path, load_params(path)) for path in params.history]
    latest = previous_forum(params, earlier)
    seen: set[str] = set()
    titles, unknown = [], []
    previous = None
    for path, hp in earlier:
        files = (path, hp.registrations.path, *(a.path for a in hp.attendance))
        if path == latest:
            previous = _analysed(path, _stamp((*files, hp.survey.path if hp.survey else None)))
            p = previous.people.frame
            checkin_known = previous.people.attendance_known
            attended = frozenset(p.loc[p["attended"], "identity"])
        else:
            checkin_known, attended = _attended(path, _stamp(files))
        titles.append(hp.event.title)
        if not checkin_known:
            unknown.append(hp.event.title)
        seen |= attended
    return History(titles, seen, unknown, previous)


def previous_forum(params: EventParams, earlier: list[tuple[Path, EventParams]]
                   ) -> Path | None:
    """The forum `change` compares with: of the listed forums held before this one, the
    latest by date (on the same date, the later in the list); None if none is earlier."""
    before = [(hp.event.date, i, path) for i, (path, hp) in enumerate(earlier)
              if hp.event.date < params.event.date]
    return max(before)[2] if before else None


def _stamp(files) -> tuple:
    """What says a file changed: its modification time and size."""
    return tuple((f.stat().st_mtime_ns, f.stat().st_size) for f in files
                 if f is not None and f.exists())


@lru_cache(maxsize=32)
def _attended(path: Path, stamp: tuple) -> tuple[bool, frozenset[str]]:
    """An earlier forum's attended identities, kept while its params and registrations
    files are unchanged (`stamp`): a batch reads each earlier forum once, not once per
    later forum that lists it."""
    _, people = prepare_registrations(load_params(path))
    p = people.frame
    return people.attendance_known, frozenset(p.loc[p["attended"], "identity"])


@lru_cache(maxsize=8)
def _analysed(path: Path, stamp: tuple) -> Analysis:
    """The previous forum analysed as for its own report (without its own history, which
    none of the compared figures depends on), kept while its files are unchanged."""
    return analyse(path, history=False)


def analyse(params: EventParams | str | Path, history: bool = True) -> Analysis:
    """Read, validate, link and measure one forum; with `history`, also who of its
    attendees came to one of the earlier forums its params list."""
    if not isinstance(params, EventParams):
        params = load_params(params)
    reg, people = prepare_registrations(params)
    survey, responses = prepare_survey(params)
    earlier = earlier_attendees(params) if history else None
    metrics = compute(params, reg, people, survey, responses, earlier)
    add_change(metrics, earlier, history)
    add_highlights(metrics, params)
    return Analysis(params, reg, people, survey, responses, metrics, earlier)


def add_highlights(metrics: Metrics, params: EventParams) -> None:
    """metrics.json's `highlights`, in the report's language (after `change`: they read
    it)."""
    metrics.data["highlights"] = highlights(metrics.data, metrics.groups,
                                            lang(params.language),
                                            params.privacy.min_group_size)


def add_change(metrics: Metrics, earlier: History | None, history: bool = True) -> None:
    """metrics.json's `change`: against the latest earlier forum, null without one (the
    reason says why). `history=False` (an earlier forum analysed for a later one, or a
    programme's forum) leaves it to the caller."""
    data = metrics.data
    if earlier is not None and earlier.previous is not None:
        data["change"] = change(metrics, earlier.previous.metrics)
        return
    data["change"] = None
    if history:
        metrics.reasons["change"] = "no_history" if earlier is None else "history_not_earlier"
