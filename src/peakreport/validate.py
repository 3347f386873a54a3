"""Turn a raw table into canonical columns; set aside the rows that cannot be used.

Errors are data: a row that breaks a rule is not an exception but a line in
the rejected table, with its source row number and the reason in words. Labels
that were not understood are counted, so that the data-quality summary can
show them and the params' `values:` can fix them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .dates import parse_dates
from .load import Table
from .mapping import Mapping
from .params import RegistrationsParams, SurveyParams
from .territory import departement_of
from .text import fold
from .values import (
    UNKNOWN,
    map_unique,
    parse_cancelled,
    parse_checked_in,
    parse_community,
    parse_nps,
    parse_satisfaction,
    parse_yes_no,
)


@dataclass
class Validated:
    """Kept rows in canonical columns, and the rejected rows with their reasons."""

    kind: str
    table: Table
    mapping: Mapping
    frame: pd.DataFrame            # kept rows; `source_row` plus canonical columns
    rejected: pd.DataFrame         # source_row, reason, code, then the original cells
    unknown_labels: dict[str, Counter] = field(default_factory=dict)
    other_labels: Counter = field(default_factory=Counter)  # community labels left in `other`
    notes: list[str] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return len(self.table.frame) + len(self.table.unparsed)

    def reasons(self) -> Counter:
        return Counter(self.rejected["reason"]) if len(self.rejected) else Counter()


def _col(table: Table, mapping: Mapping, name: str) -> pd.Series | None:
    h = mapping.column(name)
    if h is None:
        return None
    return table.frame[h].fillna("").astype(str).str.strip()


def _blank(n: int) -> pd.Series:
    return pd.Series([""] * n, dtype=object)


def _labels(series: pd.Series, parser, overrides, unknown: Counter | None = None) -> np.ndarray:
    values, mapped = map_unique(series, parser, overrides)
    if unknown is not None:
        bad = {label for label, v in mapped.items() if v is UNKNOWN}
        if bad:
            counts = series[series.isin(bad)].value_counts()
            unknown.update({str(k): int(v) for k, v in counts.items()})
    return values


def _unparsed_frame(table: Table) -> pd.DataFrame:
    if not table.unparsed:
        return pd.DataFrame(columns=["source_row", "reason", "code"])
    return pd.DataFrame({"source_row": [r for r, _ in table.unparsed],
                         "reason": [m for _, m in table.unparsed], "code": "shifted_row"})


def _rejected(table: Table, mask: np.ndarray, reasons: np.ndarray,
              codes: np.ndarray) -> pd.DataFrame:
    """Rejected rows: the reason in words (with the cell value) and a code (i18n.REASONS),
    so that the report can count reasons without reading the words back."""
    rej = table.frame.loc[mask].copy()
    rej.insert(0, "code", codes[mask])
    rej.insert(0, "reason", reasons[mask])
    rej.insert(0, "source_row", table.source_rows[mask])
    out = pd.concat([_unparsed_frame(table), rej], ignore_index=True)
    return out.sort_values("source_row", kind="stable").reset_index(drop=True)


_FOOTER_WORDS = r"(sous[- ]?)?tota(l|ux|le)s?( general| général)?|nombre|count|sum|somme"


def _cancel_flag(raw: str) -> bool:
    return parse_checked_in(raw) is True or parse_cancelled(raw) is True


def validate_registrations(
    table: Table, mapping: Mapping, params: RegistrationsParams
) -> Validated:
    n = len(table.frame)
    get = lambda f: _col(table, mapping, f)  # noqa: E731
    email = get("email")
    if email is None:
        email = _blank(n)
    email = email.str.lower().str.replace(" ", "", regex=False)
    notes = []
    bad_email = email.ne("") & ~email.str.contains("@", regex=False)
    if bad_email.any():
        notes.append(f"{int(bad_email.sum())} e-mail cells without '@' were ignored")
        email = email.where(~bad_email, "")
    first = get("first_name") if mapping.column("first_name") else _blank(n)
    last = get("last_name") if mapping.column("last_name") else _blank(n)
    org = get("organisation") if mapping.column("organisation") else _blank(n)

    reasons = np.full(n, None, dtype=object)
    codes = np.full(n, None, dtype=object)
    no_id = (email.eq("") & first.eq("") & last.eq("")).to_numpy()
    reasons[no_id] = "neither an e-mail nor a name (a total line or a stray row?)"
    codes[no_id] = "no_identity"
    # A footer such as ";TOTAL;;;146 billets" has a word where a name goes.
    names = (first + " " + last).str.strip().str.lower()
    footer = (email.eq("") & names.str.fullmatch(_FOOTER_WORDS)).to_numpy() & ~no_id
    reasons[footer] = "a total or footer line, not a person"
    codes[footer] = "footer"
    keep = reasons == None  # noqa: E711 - elementwise on an object array

    unknown: dict[str, Counter] = {}
    values = params.values
    out = pd.DataFrame({"source_row": table.source_rows})
    out["email"], out["first_name"], out["last_name"], out["organisation"] = (
        email, first, last, org)

    status = get("status")
    if status is not None:
        over = {k: v == "cancelled" for k, v in values.get("status", {}).items()}
        parser = parse_cancelled
        if any(w in fold(mapping.column("status")) for w in ("annul", "cancel", "desist")):
            # a column named "Annulé" holds flags: "oui" / "x" there mean cancelled
            parser = _cancel_flag
        out["cancelled"] = _labels(status, parser, over).astype(bool)
    else:
        out["cancelled"] = False
    checked = get("checked_in")
    if checked is not None:
        unknown["checked_in"] = Counter()
        if mapping.column("checked_in") == mapping.column("status"):
            # one "Attendee Status" column: its cancel/registered labels are not check-in labels
            cin = _labels(checked, parse_checked_in, values.get("checked_in"))
        else:
            cin = _labels(checked, parse_checked_in, values.get("checked_in"),
                          unknown["checked_in"])
        out["checked_in"] = np.array([v is True for v in cin], dtype=bool)
    else:
        out["checked_in"] = False
        notes.append("no check-in column: attendance cannot be measured")

    other = Counter()
    comm = get("community")
    if comm is not None:
        cv = _labels(comm, parse_community, values.get("community"))
        out["community"] = pd.Series(cv, dtype=object)
        fell = comm[pd.Series(cv).eq("other").to_numpy() & comm.ne("").to_numpy()]
        other.update({str(k): int(v) for k, v in fell.value_counts().items()})
    else:
        out["community"] = None
    for f in ("sector", "company_size"):
        s = get(f)
        out[f] = s.where(s.ne(""), None) if s is not None else None
    pc = get("postcode")
    if pc is not None:
        out["postcode"] = pc
        out["departement"] = pd.Series(_labels(pc, departement_of, None), dtype=object)
    else:
        out["postcode"] = ""
        out["departement"] = None
    reg_at = get("registered_at")
    if reg_at is not None:
        dates, fmt = parse_dates(reg_at, date_format=params.date_format)
        out["registered_at"] = dates
        bad = int((dates.isna() & reg_at.ne("")).to_numpy()[keep].sum())
        if bad:
            notes.append(f"{bad} registration dates could not be read (format {fmt})")
    else:
        out["registered_at"] = pd.NaT

    return Validated(
        kind="registrations", table=table, mapping=mapping,
        frame=out.loc[keep].reset_index(drop=True),
        rejected=_rejected(table, ~keep, reasons, codes),
        unknown_labels={k: v for k, v in unknown.items() if v},
        other_labels=other, notes=notes,
    )


def validate_survey(table: Table, mapping: Mapping, params: SurveyParams) -> Validated:
    n = len(table.frame)
    get = lambda f: _col(table, mapping, f)  # noqa: E731
    values = params.values
    out = pd.DataFrame({"source_row": table.source_rows})
    reasons = np.full(n, None, dtype=object)
    codes = np.full(n, None, dtype=object)
    unknown: dict[str, Counter] = {}
    notes: list[str] = []

    email = get("email")
    if email is not None:
        email = email.str.lower().str.replace(" ", "", regex=False)
        email = email.where(email.str.contains("@", regex=False), "")
        out["email"] = email
    else:
        out["email"] = ""

    for f, parser, rule in (
        ("satisfaction", parse_satisfaction, "is not an answer from 1 to 5"),
        ("nps", parse_nps, "is not a whole number from 0 to 10"),
    ):
        s = get(f)
        if s is None:
            out[f] = np.nan
            continue
        v = _labels(s, parser, values.get(f))
        bad = np.array([x is UNKNOWN for x in v], dtype=bool)
        label = "satisfaction" if f == "satisfaction" else "NPS"
        msgs = np.array([f"{label} answer {x!r} {rule}" for x in s.to_numpy()[bad]],
                        dtype=object)
        free = reasons[bad] == None  # noqa: E711 - a row keeps its first reason
        rows = np.flatnonzero(bad)[free]
        reasons[rows] = msgs[free]
        codes[rows] = f"bad_{f}"
        out[f] = pd.to_numeric(
            pd.Series([np.nan if (x is None or x is UNKNOWN) else x for x in v], dtype=object),
            errors="coerce",
        ).to_numpy()

    wj = get("would_join_next")
    if wj is not None:
        unknown["would_join_next"] = Counter()
        v = _labels(wj, parse_yes_no, values.get("would_join_next"), unknown["would_join_next"])
        out["would_join_next"] = [x if isinstance(x, bool) else None for x in v]
    else:
        out["would_join_next"] = None
    c = get("comment")
    out["comment"] = c if c is not None else ""
    sub = get("submitted_at")
    if sub is not None:
        dates, fmt = parse_dates(sub, date_format=params.date_format)
        out["submitted_at"] = dates
        bad = int((dates.isna() & sub.ne("")).sum())
        if bad:
            notes.append(f"{bad} submission timestamps could not be read (format {fmt})")
    else:
        out["submitted_at"] = pd.NaT
    for i, (h, _label) in enumerate(mapping.questions.items()):
        s = table.frame[h].fillna("").astype(str).str.strip()
        v = _labels(s, parse_satisfaction, None)
        vals = [np.nan if (x is None or x is UNKNOWN) else x for x in v]
        out[f"q{i}"] = pd.to_numeric(pd.Series(vals, dtype=object), errors="coerce").to_numpy()
        bad = sum(1 for x in v if x is UNKNOWN)
        if bad:
            notes.append(f"{bad} answers to {h!r} are not 1–5 and were left out of that question")
    # Exact duplicate rows count once: compare every original cell.
    out["_row_key"] = pd.util.hash_pandas_object(table.frame, index=False).to_numpy()

    keep = reasons == None  # noqa: E711
    return Validated(
        kind="survey", table=table, mapping=mapping,
        frame=out.loc[keep].reset_index(drop=True),
        rejected=_rejected(table, ~keep, reasons, codes),
        unknown_labels={k: v for k, v in unknown.items() if v}, notes=notes,
    )


def fold_name(first: pd.Series, last: pd.Series, org: pd.Series) -> pd.Series:
    """An identity key from names and organisation, for rows without an e-mail."""
    key = first.fillna("") + "|" + last.fillna("") + "|" + org.fillna("")
    codes, uniques = pd.factorize(key)
    folded = np.array(["|".join(fold(p) for p in u.split("|")) for u in uniques], dtype=object)
    return pd.Series(folded[codes] if len(codes) else [], index=first.index, dtype=object)
