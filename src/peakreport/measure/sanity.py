"""Warnings on data that look wrong: a number can be computed and still be suspect.

Each check returns a `Check` (a code and its figures), never a failure: the run
goes on, and both `peakreport validate` and the report's data-quality section
show the warning with its figure, in the reader's language (`i18n.SANITY`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..data.validate import Validated
    from ..i18n import Lang
    from .analysis import Analysis

MAX_REJECTED = 0.10       # more rejected rows than this share of a file
MAX_EMPTY = 0.90          # a mapped column emptier than this
MIN_LINKED = 0.20         # a survey answered by fewer of the attendees than this
MAX_UNRECOGNISED = 0.50   # organisation types or postcodes mostly not understood


@dataclass(frozen=True)
class Check:
    code: str                                     # a key of i18n.SANITY
    figures: dict[str, Any] = field(default_factory=dict)


def _file_checks(v: Validated, kind: str) -> list[Check]:
    out = []
    name = v.table.path.name
    read = v.rows_read
    if read and len(v.rejected) / read > MAX_REJECTED:
        out.append(Check("many_rejected", {"file": name, "kind": kind,
                                           "rejected": len(v.rejected), "read": read,
                                           "share": len(v.rejected) / read}))
    frame = v.table.frame
    if len(frame):
        for f, m in v.mapping.fields.items():
            if f in ("status", "comment"):
                continue  # blank = not cancelled; most people leave no comment
            empty = float(frame[m.header].str.strip().eq("").mean())
            if empty > MAX_EMPTY:
                out.append(Check("mostly_empty", {"file": name, "kind": kind, "field": f,
                                                  "column": m.header, "share": empty}))
    lines = getattr(v.table, "line_check", None)  # read.records.LineCheck
    if lines is not None and lines.inside_cells:
        rows = sorted({s.row for s in lines.spans})
        out.append(Check("lines_in_cells", {
            "file": name, "kind": kind, "inside": lines.inside_cells, "lines": lines.lines,
            "rows": ", ".join(map(str, rows[:5])) + (", …" if len(rows) > 5 else "")}))
    for column, labels in v.scale_problems.items():
        out.append(Check("unordered_labels", {"file": name, "kind": kind, "column": column,
                                              "labels": _labels(labels)}))
    sat = v.mapping.column("satisfaction")
    if sat is not None and v.unknown_labels.get("satisfaction"):
        out.append(Check("unknown_labels", {
            "file": name, "kind": kind, "column": sat,
            "labels": _labels(list(v.unknown_labels["satisfaction"]))}))
    for date_field, (fmt, order) in v.date_orders.items():
        if order == "ambiguous":
            out.append(Check("ambiguous_dates", {"file": name, "kind": kind,
                                                 "field": date_field, "format": fmt}))
    return out


def _labels(labels: list[str], n: int = 6) -> str:
    shown = ", ".join(repr(x) for x in labels[:n])
    return shown + (f" … (+{len(labels) - n})" if len(labels) > n else "")


def _audience_checks(a: Analysis) -> list[Check]:
    out = []
    reg = a.registrations
    rows = reg.frame
    if reg.mapping.column("community") is not None:
        labelled = rows["community"].notna()
        if labelled.any():
            share = float(rows.loc[labelled, "community"].eq("other").mean())
            if share > MAX_UNRECOGNISED:
                out.append(Check("community_unrecognised",
                                 {"column": reg.mapping.column("community"), "share": share}))
    if reg.mapping.column("postcode") is not None:
        given = rows["postcode"].ne("")
        if given.any():
            share = float(rows.loc[given, "departement"].isna().mean())
            if share > MAX_UNRECOGNISED:
                out.append(Check("postcodes_unusable",
                                 {"column": reg.mapping.column("postcode"), "share": share}))
    return out


def _survey_checks(a: Analysis) -> list[Check]:
    s = a.metrics.data.get("survey")
    attended = a.metrics.data["registrations"]["attended"]
    if not s or attended is None:
        return []
    out = []
    if s["responses"] > attended:
        out.append(Check("more_responses", {"responses": s["responses"], "attended": attended}))
    linked = s["linked_to_attendees"]
    if linked is not None and attended and linked / attended < MIN_LINKED:
        out.append(Check("low_linkage", {"linked": linked, "attended": attended,
                                         "share": linked / attended}))
    return out


def checks(a: Analysis) -> list[Check]:
    """Every warning on one forum's data, registrations first."""
    out = _file_checks(a.registrations, "registrations")
    if a.survey is not None:
        out += _file_checks(a.survey, "survey")
    return out + _audience_checks(a) + _survey_checks(a)


def describe(c: Check, L: Lang) -> str:
    """The warning in words, with its figure formatted for the language."""
    from ..i18n import FIELD_LABELS, SANITY

    f = dict(c.figures)
    if "share" in f:
        f["share"] = L.percent(f["share"])
    for k in ("rejected", "read", "responses", "attended", "linked", "inside", "lines"):
        if k in f:
            f[k] = L.number(f[k])
    if "kind" in f:
        f["kind"] = L.t(f"{f['kind']}_file")
    if "field" in f:
        f["field"] = FIELD_LABELS.get(f["field"], {}).get(L.code, f["field"])
    return SANITY[c.code][L.code].format(**f)
