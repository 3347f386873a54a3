"""Turn a raw table into canonical columns; set aside the rows that cannot be used.

Errors are data: a row that breaks a rule is not an exception but a line in
the rejected table, with its source row number and the reason in words. Labels
that were not understood are counted, so that the data-quality summary can
show them and the params' `values:` can fix them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import DataError
from ..params import RegistrationsParams, SurveyParams
from ..read.dates import parse_dates
from ..read.grids import NOT_ATTENDED
from ..read.load import Table
from ..read.mapping import Mapping
from ..read.values import (
    UNKNOWN,
    is_test_response,
    is_unfinished,
    map_unique,
    parse_cancelled,
    parse_checked_in,
    parse_community,
    parse_nps,
    parse_satisfaction,
    parse_status,
    parse_yes_no,
    scale_column,
)
from ..territory import departement_of
from ..text import fold


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
    # date field -> (format, day/month order: "proved", "platform", "ambiguous"…)
    date_orders: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    # rating column -> its labels that cannot all be placed on one ordered scale: the
    # column is not scored, and the data warnings name the labels
    scale_problems: dict[str, list[str]] = field(default_factory=dict)

    @property
    def rows_read(self) -> int:
        return len(self.table.frame) + len(self.table.unparsed) + len(self.table.outside)

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


def _outside_frame(table: Table) -> pd.DataFrame:
    """A report's rows outside its people's table (other sections): listed, not read."""
    if not table.outside:
        return pd.DataFrame(columns=["source_row", "reason", "code"])
    return pd.DataFrame({"source_row": [r for r, _ in table.outside],
                         "reason": [m for _, m in table.outside], "code": "outside_table"})


def _rejected(table: Table, mask: np.ndarray, reasons: np.ndarray,
              codes: np.ndarray) -> pd.DataFrame:
    """Rejected rows: the reason in words (with the cell value) and a code (i18n.REASONS),
    so that the report can count reasons without reading the words back."""
    rej = table.frame.loc[mask].copy()
    rej.insert(0, "code", codes[mask])
    rej.insert(0, "reason", reasons[mask])
    rej.insert(0, "source_row", table.source_rows[mask])
    parts = [f for f in (_unparsed_frame(table), _outside_frame(table)) if len(f)]
    out = pd.concat([*parts, rej], ignore_index=True)
    return out.sort_values("source_row", kind="stable").reset_index(drop=True)


# A footer or summary line, on folded text: "Total : 146 lignes", "Sous-total",
# "146 inscrits", "Nombre de participants", "Count"…
_FOOTER = re.compile(
    r"^(?:(?:sous |grand )?tota(?:l|ux|le)s?\b.*"
    r"|(?:nombre|nb|count|somme|sum|effectif total)\b.*"
    r"|\d+ (?:lignes?|inscrits?|inscriptions?|participants?|personnes?|billets?|tickets?"
    r"|rows?|records?|entries|entrees|attendees|registrations|commandes?|orders?"
    r"|reponses?|responses?)\b.*)$")
# A spreadsheet formula or its result standing where a name should be.
_FORMULA = re.compile(r"^(?:=.*|#(?:REF!|N/A|VALUE!|VALEUR!|DIV/0!|NAME\?|NOM\?|NUM!|NULL!)"
                      r"|[-+]?\d+(?:[.,]\d+)?)$", re.IGNORECASE)


def footer_text(cells: pd.Series) -> pd.Series:
    """True where a cell reads as a footer, a summary or a formula (not a person)."""
    codes, uniques = pd.factorize(cells.fillna("").astype(str).str.strip())
    flags = np.array([bool(u) and (bool(_FOOTER.match(fold(u))) or bool(_FORMULA.match(u)))
                      for u in uniques], dtype=bool)
    return pd.Series(flags[codes] if len(codes) else [], index=cells.index, dtype=bool)


def _footer_rows(table: Table, no_email: np.ndarray, no_id: np.ndarray,
                 first: pd.Series, last: pd.Series) -> np.ndarray:
    """Rows without an e-mail whose name is a footer text or a number, or whose only
    text (no name at all) is one, e.g. ";TOTAL;;;146 billets" or "Total : 12 lignes"."""
    out = np.zeros(len(no_email), dtype=bool)
    named = no_email & ~no_id
    if named.any():
        idx = np.flatnonzero(named)
        f, la = first.iloc[idx], last.iloc[idx]
        hit = (footer_text(f) | f.eq("")) & (footer_text(la) | la.eq("")) & (
            footer_text(f) | footer_text(la))
        out[idx[hit.to_numpy()]] = True
    if no_id.any():
        idx = np.flatnonzero(no_id)
        sub = table.frame.iloc[idx]
        hit = np.zeros(len(idx), dtype=bool)
        for col in sub.columns:
            hit |= footer_text(sub[col]).to_numpy() & ~sub[col].str.strip().str.fullmatch(
                r"[-+]?\d+(?:[.,]\d+)?").fillna(False).to_numpy()
        out[idx[hit]] = True
    return out


def _no_usable_row(table: Table, kind: str, rejected: pd.DataFrame) -> DataError:
    n = len(table.frame) + len(table.unparsed)
    if n == 0:
        return DataError(f"has no {kind} row below its header (row {table.header_row})",
                         path=table.path)
    top = Counter(rejected["reason"]).most_common(1)[0]
    return DataError(
        f"no usable {kind} row: all {n} rows were rejected (the most common reason, "
        f"{top[1]} × {top[0]}); check the header row and the columns with "
        "`peakreport validate`", path=table.path)


def _cancel_flag(raw: str) -> bool:
    return parse_checked_in(raw) is True or parse_cancelled(raw) is True


def _cancel_state(raw: str) -> str:
    return "cancelled" if _cancel_flag(raw) else "active"


def _signature_mark(raw: str) -> bool | object:
    """A sign-in sheet's column: any mark (initials, a tick) says the person came."""
    v = parse_checked_in(raw)
    return True if v is UNKNOWN else v


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
    no_email = email.eq("").to_numpy()
    no_id = no_email & (first.eq("") & last.eq("")).to_numpy()
    reasons[no_id] = "neither an e-mail nor a name (a stray row?)"
    codes[no_id] = "no_identity"
    footer = _footer_rows(table, no_email, no_id, first, last)
    reasons[footer] = "a total or footer line, not a person"
    codes[footer] = "footer"
    keep = reasons == None  # noqa: E711 - elementwise on an object array
    if not keep.any():
        raise _no_usable_row(table, "registrations", _rejected(table, ~keep, reasons, codes))

    unknown: dict[str, Counter] = {}
    date_orders: dict[str, tuple[str | None, str | None]] = {}
    values = params.values
    out = pd.DataFrame({"source_row": table.source_rows})
    out["email"], out["first_name"], out["last_name"], out["organisation"] = (
        email, first, last, org)

    status = get("status")
    if status is not None:
        over = dict(values.get("status", {}))
        parser = parse_status
        if any(w in fold(mapping.column("status")) for w in ("annul", "cancel", "desist")):
            # a column named "Annulé" holds flags: "oui" / "x" there mean cancelled
            parser = _cancel_state
        state = _labels(status, parser, over)
        out["cancelled"] = np.array([x == "cancelled" for x in state], dtype=bool)
        out["waitlisted"] = np.array([x == "waitlisted" for x in state], dtype=bool)
    else:
        out["cancelled"] = False
        out["waitlisted"] = False
    checked = get("checked_in")
    if checked is not None:
        unknown["checked_in"] = Counter()
        if mapping.column("checked_in") == mapping.column("status"):
            # one "Attendee Status" column: its cancel/registered labels are not check-in labels
            cin = _labels(checked, parse_checked_in, values.get("checked_in"))
        else:
            signed = any(w in fold(mapping.column("checked_in"))
                         for w in ("emargement", "signature"))
            cin = _labels(checked, _signature_mark if signed else parse_checked_in,
                          values.get("checked_in"), unknown["checked_in"])
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
        # rejected rows (a footer's "159 billets") have no say in the date format
        dates, fmt, order = parse_dates(reg_at.where(keep, ""), date_format=params.date_format,
                                        dayfirst=mapping.dayfirst)
        out["registered_at"] = dates
        date_orders["registered_at"] = (fmt, order)
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
        other_labels=other, notes=notes, date_orders=date_orders,
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
    date_orders: dict[str, tuple[str | None, str | None]] = {}
    scale_problems: dict[str, list[str]] = {}

    _markers(table, mapping, reasons, codes)

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
        if f == "satisfaction":
            v, conflict = _scaled(s, values.get(f), unknown.setdefault(f, Counter()))
            if conflict:
                scale_problems[mapping.column(f)] = conflict
                v = np.full(len(s), None, dtype=object)  # never scored silently
        else:
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
        dates, fmt, order = parse_dates(sub, date_format=params.date_format,
                                        dayfirst=mapping.dayfirst)
        out["submitted_at"] = dates
        date_orders["submitted_at"] = (fmt, order)
        bad = int((dates.isna() & sub.ne("")).sum())
        if bad:
            notes.append(f"{bad} submission timestamps could not be read (format {fmt})")
    else:
        out["submitted_at"] = pd.NaT
    for i, (h, _label) in enumerate(mapping.questions.items()):
        s = table.frame[h].fillna("").astype(str).str.strip()
        v, conflict = _scaled(s, None)
        if conflict:
            scale_problems[h] = conflict
            v = np.full(len(s), None, dtype=object)
        vals = [np.nan if (x is None or x is UNKNOWN) else x for x in v]
        out[f"q{i}"] = pd.to_numeric(pd.Series(vals, dtype=object), errors="coerce").to_numpy()
        bad = sum(1 for x in v if x is UNKNOWN)
        if bad:
            notes.append(f"{bad} answers to {h!r} are not 1–5 and were left out of that question")
    # grid questions: one score column per session, g0, g1… in the grids' order, and
    # whether each answer says the respondent did not attend (counted apart)
    k = 0
    for grid in mapping.grids:
        for h in grid.headers:
            out[f"g{k}"], out[f"g{k}_na"], bad = _grid_scores(
                table.frame[h], grid.score, values.get("sessions"))
            if bad:
                notes.append(f"{bad} answers to {h!r} are not on the grid's "
                             f"{grid.scale.name} scale and were left out of that session")
            k += 1
    # Exact duplicate rows count once: compare every original cell.
    out["_row_key"] = pd.util.hash_pandas_object(table.frame, index=False).to_numpy()

    keep = reasons == None  # noqa: E711
    rejected = _rejected(table, ~keep, reasons, codes)
    if not keep.any():
        raise _no_usable_row(table, "survey", rejected)
    return Validated(
        kind="survey", table=table, mapping=mapping,
        frame=out.loc[keep].reset_index(drop=True), rejected=rejected,
        unknown_labels={k: v for k, v in unknown.items() if v}, notes=notes,
        date_orders=date_orders, scale_problems=scale_problems,
    )


def _scaled(s: pd.Series, overrides, unknown: Counter | None = None
            ) -> tuple[np.ndarray, list[str]]:
    """A rating column's values, its word labels placed on one ordered scale; the
    labels that conflict (the column is then not scored). Word labels not understood
    are counted in `unknown` (numbers out of range are bad answers, not labels)."""
    codes, uniques = pd.factorize(s.fillna("").astype(str), sort=False)
    mapped, conflict = scale_column(list(uniques), overrides)
    values = np.array([mapped.get(u) for u in uniques], dtype=object)
    if unknown is not None:
        words = {u for u in uniques if mapped.get(u) is UNKNOWN and re.search(r"[^\W\d_]", u)}
        if words:
            counts = s[s.isin(words)].value_counts()
            unknown.update({str(k): int(n) for k, n in counts.items()})
    return (values[codes] if len(codes) else np.empty(0, dtype=object)), conflict


def _grid_scores(cells: pd.Series, parser, overrides) -> tuple[np.ndarray, np.ndarray, int]:
    """A grid column's scores (NaN when blank or not a rating), whether each answer says
    the respondent did not attend, and how many answers could not be read. Parsed once
    per distinct answer; the params' `values: sessions:` labels win."""
    codes, uniques = pd.factorize(cells.fillna("").astype(str).str.strip(), sort=False)
    over = {fold(k): v for k, v in (overrides or {}).items()}
    score = np.full(len(uniques), np.nan)
    absent = np.zeros(len(uniques), dtype=bool)
    unknown = np.zeros(len(uniques), dtype=bool)
    for i, u in enumerate(uniques):
        v = over[fold(u)] if fold(u) in over else parser(u)
        if v is NOT_ATTENDED or v == "not_attended":
            absent[i] = True
        elif v is UNKNOWN:
            unknown[i] = True
        elif v is not None:
            score[i] = float(v)
    if len(codes) == 0:
        return np.empty(0), np.zeros(0, dtype=bool), 0
    return score[codes], absent[codes], int(unknown[codes].sum())


_ROW_REF = "row {}"


def discounted(table: Table, mapping: Mapping) -> np.ndarray:
    """Rows the platform marks as not counting (unfinished, a test, sent twice)."""
    reasons = np.full(len(table.frame), None, dtype=object)
    _markers(table, mapping, reasons, np.full(len(table.frame), None, dtype=object))
    return reasons != None  # noqa: E711


def _markers(table: Table, mapping: Mapping, reasons: np.ndarray, codes: np.ndarray) -> None:
    """Responses a platform marks as not counting, with their reason: unfinished (a
    blank submit date, a "partial" status, Finished = False, Draft = 1), a preview, test
    or spam (Qualtrics' Status), the same submission sent again (KoboToolbox's _uuid).
    A row keeps its first reason."""
    for header, rule in mapping.completion:
        cells = table.frame[header].fillna("").astype(str).str.strip()
        why = np.full(len(cells), None, dtype=object)
        code = "unfinished"
        if rule == "blank":
            hit = cells.eq("").to_numpy()
            why[hit] = "an unfinished response (the platform marks it incomplete)"
        elif rule == "label":
            hit = map_unique(cells, is_unfinished)[0].astype(bool)
            why[hit] = "an unfinished response (the platform marks it incomplete)"
        elif rule in ("false", "draft"):
            flags = map_unique(cells, parse_yes_no)[0]
            hit = np.array([x is (rule == "draft") for x in flags], dtype=bool)
            what = "not finished" if rule == "false" else "a draft, not submitted"
            for i in np.flatnonzero(hit):
                why[i] = f"an unfinished response ({what}: {header} = {cells.iat[i]!r})"
        elif rule in ("test", "test-codes"):
            numeric = rule == "test-codes"
            hit = map_unique(cells, lambda c, k=numeric: is_test_response(c, k))[0]
            hit = hit.astype(bool)
            code = "test_response"
            for i in np.flatnonzero(hit):
                why[i] = f"a preview, test or spam response ({header} = {cells.iat[i]!r})"
        else:  # duplicate: the same submission id as an earlier row
            filled = cells.ne("")
            hit = (cells.duplicated(keep="first") & filled).to_numpy()
            code = "duplicate_submission"
            first = {}
            for i, c in enumerate(cells):
                if c and c not in first:
                    first[c] = int(table.source_rows[i])
            for i in np.flatnonzero(hit):
                why[i] = (f"the same submission sent again ({header} as on "
                          f"{_ROW_REF.format(first[cells.iat[i]])})")
        free = hit & (reasons == None)  # noqa: E711 - elementwise on an object array
        reasons[free] = why[free]
        codes[free] = code


def fold_name(first: pd.Series, last: pd.Series, org: pd.Series) -> pd.Series:
    """An identity key from names and organisation, for rows without an e-mail."""
    key = first.fillna("") + "|" + last.fillna("") + "|" + org.fillna("")
    codes, uniques = pd.factorize(key)
    folded = np.array(["|".join(fold(p) for p in u.split("|")) for u in uniques], dtype=object)
    return pd.Series(folded[codes] if len(codes) else [], index=first.index, dtype=object)
