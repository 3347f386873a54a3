"""Breakdown by any registration column: each group's registered, attended, attendance rate
and satisfaction (`report.breakdown` in the params).

A breakdown names a column of the registration export as its header reads ("Filière"),
or a canonical field (`community`, `sector`, `company_size`, `departement`, `postcode`,
`organisation`), or a header word that names a mapped field ("Secteur" for the sector
column). Each person is in the group of their value on the row their other attributes
come from (their latest registration that is not cancelled); values are compared without
case or surrounding spaces, and shown as most people wrote them; people who left it blank
are a group of their own (`"group": null`).

Groups are of registered people. Satisfaction is the mean of the responses linked to the
group's people (by e-mail, as the response rate), when the survey can be linked.
Suppression (privacy): a group of fewer than `min_group_size` registered people has every
figure null; a group with fewer satisfaction answers has its satisfaction null; as for
satisfaction by type of organisation, when exactly one group would be hidden the next
smallest is hidden too, since the totals are published beside them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import DataError
from ..privacy import suppress_groups
from ..read.fields import header_scores
from ..text import fold

if TYPE_CHECKING:
    import pandas as pd

    from ..data.link import People, Responses
    from ..data.validate import Validated

# canonical fields a breakdown may name: each a column of `People.frame`
FIELDS = ("community", "sector", "company_size", "departement", "postcode", "organisation")
_SOURCE = {"departement": "postcode"}  # the field whose column a derived one needs


@dataclass
class GroupCounts:
    """One group's raw numbers, before suppression (summed over forums by the programme)."""

    key: str | None                  # the folded value; None for a blank
    label: str | None                # as shown
    registered: int = 0
    attended: int = 0
    sat_sum: float = 0.0
    sat_n: int = 0
    spellings: Counter = field(default_factory=Counter)


def resolve(entry: str, v: Validated) -> tuple[str, str]:
    """("field", name) or ("column", header) for one `report.breakdown` entry; a DataError
    naming the params key when the registration export has no such column."""
    headers = v.table.headers
    for h in headers:
        if h == entry:
            return "column", h
    for h in headers:
        if fold(h) == fold(entry):
            return "column", h
    name = entry.strip().lower()
    if name in ("département", "departement", "department"):
        name = "departement"
    if name not in FIELDS:
        exact = [f for f, s in header_scores("registrations", entry).items() if s >= 1.0]
        name = exact[0] if exact else name
    if name in FIELDS:
        if v.mapping.column(_SOURCE.get(name, name)) is None:
            raise DataError(
                f"report.breakdown: {entry!r} names the {name} field, but no registration "
                "column gives it; name the column as its header reads", path=v.table.path)
        return "field", name
    shown = ", ".join(repr(h) for h in headers[:20])
    raise DataError(
        f"report.breakdown: {entry!r} is not a column of the registration file nor a field "
        f"({', '.join(FIELDS)}); its headers are: {shown}", path=v.table.path,
        row=v.table.header_row, column=entry)


def _values(kind: str, name: str, v: Validated, people: pd.DataFrame) -> list[str | None]:
    """Each person's value (cleaned text, None when blank)."""
    if kind == "field":
        raw = people[name]
    else:
        import pandas as pd

        cells = pd.Series(v.table.frame[name].to_numpy(), index=v.table.source_rows)
        raw = people["source_row"].map(cells)
    out: list[str | None] = []
    for x in raw.tolist():
        text = " ".join(str(x).split()) if isinstance(x, str) else ""
        out.append(text or None)
    return out


def group_counts(entry: str, v: Validated, people: People, responses: Responses | None,
                 linkable: bool) -> list[GroupCounts]:
    """The raw numbers of each group of one breakdown (registered people only)."""
    kind, name = resolve(entry, v)
    p = people.frame
    reg = p[p["registered"]]
    values = _values(kind, name, v, reg)
    groups: dict[str | None, GroupCounts] = {}
    for value, attended in zip(values, reg["attended"].tolist(), strict=True):
        key = None if value is None else value.casefold()
        g = groups.setdefault(key, GroupCounts(key, value))
        g.registered += 1
        g.attended += bool(attended)
        if value is not None:
            g.spellings[value] += 1
    if linkable and responses is not None:
        by_identity = dict(zip(reg["identity"].tolist(),
                               (None if x is None else x.casefold() for x in values),
                               strict=True))
        r = responses.frame
        sat = r["satisfaction"].to_numpy(dtype=float)
        for ident, s in zip(r["identity"].tolist(), sat, strict=True):
            if np.isnan(s) or ident not in by_identity:
                continue
            g = groups[by_identity[ident]]
            g.sat_sum += float(s)
            g.sat_n += 1
    for g in groups.values():
        if g.spellings:
            g.label = min(g.spellings, key=lambda s: (-g.spellings[s], s))
    return list(groups.values())


def suppress(groups: list[GroupCounts], min_group_size: int, attendance_known: bool,
             linkable: bool) -> list[dict[str, Any]]:
    """The published rows of one breakdown: largest group first, hidden groups and then the
    blank group last; figures under the small-group rule are null."""
    hidden = suppress_groups({str(i): g.registered for i, g in enumerate(groups)},
                             min_group_size)
    answered = {str(i): g.sat_n for i, g in enumerate(groups)
                if str(i) not in hidden and g.sat_n}
    no_sat = suppress_groups(answered, min_group_size)
    rows = []
    for i, g in enumerate(groups):
        if str(i) in hidden:
            rows.append((2, g, {"group": g.label, "registered": None, "attended": None,
                                "attendance_rate": None, "satisfaction_mean": None,
                                "respondents": None}))
            continue
        sat = (g.sat_sum / g.sat_n if linkable and g.sat_n and str(i) not in no_sat
               else None)
        rows.append((1, g, {
            "group": g.label, "registered": g.registered,
            "attended": g.attended if attendance_known else None,
            "attendance_rate": (g.attended / g.registered
                                if attendance_known and g.registered else None),
            "satisfaction_mean": sat,
            "respondents": (None if not linkable or str(i) in no_sat else g.sat_n)}))
    rows.sort(key=lambda r: (r[1].key is None, r[0],
                             -r[1].registered if r[0] == 1 else 0, fold(r[1].label or "")))
    return [r[2] for r in rows]


def breakdown_metrics(entries: list[str], v: Validated, people: People,
                      responses: Responses | None, *, min_group_size: int,
                      attendance_known: bool, linkable: bool) -> dict[str, list[dict]]:
    """metrics.json's `breakdown`: for each entry of `report.breakdown`, its groups."""
    return {e: suppress(group_counts(e, v, people, responses, linkable), min_group_size,
                        attendance_known, linkable)
            for e in entries}


def pooled(per_forum: list[list[GroupCounts]]) -> list[GroupCounts]:
    """One breakdown's groups summed over forums (the programme): groups meet by their
    folded value, the most common spelling shown."""
    out: dict[str | None, GroupCounts] = {}
    for groups in per_forum:
        for g in groups:
            t = out.setdefault(g.key, GroupCounts(g.key, g.label))
            t.registered += g.registered
            t.attended += g.attended
            t.sat_sum += g.sat_sum
            t.sat_n += g.sat_n
            t.spellings.update(g.spellings)
    for t in out.values():
        if t.spellings:
            t.label = min(t.spellings, key=lambda s: (-t.spellings[s], s))
    return list(out.values())
