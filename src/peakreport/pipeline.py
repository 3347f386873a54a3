"""The data half of a report, top to bottom: params → load → validate → link → metrics."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .errors import ParamsError
from .link import People, Responses, dedupe_responses, link_people
from .load import read_table
from .mapping import map_columns
from .metrics import Metrics, compute
from .params import EventParams, SourceParams, load_params
from .presets import BY_NAME
from .presets import detect as detect_preset
from .presets import names as preset_names
from .validate import Validated, validate_registrations, validate_survey


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


def read_source(src: SourceParams, kind: str, extra: tuple[str, ...] = ()):
    """Read one export and recognise its platform; returns (table, mapping)."""
    table = read_table(src, kind, extra_headers=extra)
    if src.preset == "generic":
        preset = None
    elif src.preset != "auto":
        preset = BY_NAME[src.preset]
        if preset.kind != kind:
            raise ParamsError(f"{kind}.preset: {src.preset!r} is a {preset.kind} preset "
                              f"(for {kind}: {', '.join(preset_names(kind))})", path=None)
    else:
        preset = detect_preset(table.headers, kind)
    if (preset is not None and preset.header_rows != table.header_rows
            and "header_rows" not in src.model_fields_set):
        src = src.model_copy(update={"header_rows": preset.header_rows,
                                     "header_row": table.header_row})
        table = read_table(src, kind, extra_headers=extra)
        table.detected["header_rows"] = f"{preset.header_rows} (preset {preset.name})"
    if preset is not None:
        how = "params" if src.preset != "auto" else "recognised by its headers"
        table.detected["preset"] = f"{preset.name} ({how})"
        for f, labels in preset.values.items():  # the params' own labels win
            src.values[f] = {**labels, **src.values.get(f, {})}
    return table, map_columns(table, src, kind, preset)


def _people(params: EventParams):
    reg_table, reg_map = read_source(params.registrations, "registrations",
                                     tuple(params.registrations.columns.values()))
    reg = validate_registrations(reg_table, reg_map, params.registrations)
    return reg, link_people(reg)


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
                      for f in (path, hp.registrations.path) if f.exists())
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
    reg, people = _people(load_params(path))
    p = people.frame
    return (reg.mapping.column("checked_in") is not None,
            frozenset(p.loc[p["attended"], "identity"]))


def analyse(params: EventParams | str | Path, history: bool = True) -> Analysis:
    """Read, validate, link and measure one forum; with `history`, also who of its
    attendees came to one of the earlier forums its params list."""
    if not isinstance(params, EventParams):
        params = load_params(params)
    reg, people = _people(params)
    survey = responses = None
    if params.survey is not None:
        extra = (*params.survey.columns.values(), *params.survey.questions)
        s_table, s_map = read_source(params.survey, "survey", tuple(extra))
        survey = validate_survey(s_table, s_map, params.survey)
        responses = dedupe_responses(survey)
    earlier = earlier_attendees(params) if history else None
    metrics = compute(params, reg, people, survey, responses, earlier)
    return Analysis(params, reg, people, survey, responses, metrics, earlier)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Neutralise cells that a spreadsheet would run as a formula (CSV injection)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            s = out[col].astype("string")
            risky = s.str.startswith(_FORMULA_START).fillna(False)
            if risky.any():
                out[col] = s.where(~risky, "'" + s)
    return out


def write_rejected(frame: pd.DataFrame | None, path: Path) -> None:
    """Write a rejected-rows CSV (UTF-8 with BOM so that Excel reads accents)."""
    if frame is None:
        return
    tmp = path.with_name(path.name + ".tmp")
    excel_safe(frame).to_csv(tmp, index=False, encoding="utf-8-sig")
    tmp.replace(path)
