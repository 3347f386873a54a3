"""A hybrid forum's attendance lists: who was there, on site or online.

An attendance list is a Zoom or Teams report, a webinar platform's list, a check-in
list or a sign-in sheet. A row says someone was there by a mark (Attended = Yes, a
signature, a check-in time), by a join time, by a duration above zero, or — when the
list has none of those — by being listed at all.

A listed person is matched to a registration by e-mail, else by name compared without
order, case, accents or bracketed notes (`link.name_key`); a name shared by two
registered people matches neither. A registered person present on a list attended:
`attended_onsite` (the registrations' own check-in counts as on site) or
`attended_online` (a person on both counts on site); `attended` is their union. A
present person matched to no registered person — who never registered, or whose
registration was cancelled or is on a waiting list — is counted apart
(`unregistered_attendees`), never added to the registered.

Every row of a list that did not make a registered person attended is listed with its
source row and reason (internal/rejected_attendance.csv): not present, no name, a name
that matches several people, present but not registered, or a row of another section of
the report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..params import AttendanceParams, EventParams
from ..read.load import Table
from ..read.mapping import Mapping
from ..read.source import read_source
from ..read.values import UNKNOWN, map_unique, parse_checked_in, parse_duration
from ..text import fold
from .link import People, name_key
from .validate import footer_text

# a join time that says nobody joined (Zoom writes "--" for a registrant who never came)
_NO_TIME = re.compile(r"^[-–—\s]*$|^0{2,4}[-/.]0{2}[-/.]0{2,4}")


@dataclass
class Listed:
    """One attendance list, read, its rows judged present or not, matched to people."""

    params: AttendanceParams
    mode: str                      # "onsite" | "online"
    mode_how: str
    table: Table
    mapping: Mapping
    presence_how: str              # what says a row was there
    rejected: pd.DataFrame         # source_row, reason, code, then the list's cells
    present_rows: int = 0
    matched: int = 0               # registered people found present on it
    unregistered: int = 0          # present people not among the registered
    unknown_labels: Counter = field(default_factory=Counter)
    first_names: pd.Series = field(default_factory=lambda: pd.Series(dtype=object))
    last_names: pd.Series = field(default_factory=lambda: pd.Series(dtype=object))

    @property
    def rows_read(self) -> int:
        return len(self.table.frame) + len(self.table.unparsed) + len(self.table.outside)

    @property
    def name(self) -> str:
        return Path(self.params.path).name


def _col(table: Table, mapping: Mapping, name: str) -> pd.Series | None:
    h = mapping.column(name)
    return None if h is None else table.frame[h].fillna("").astype(str).str.strip()


def _mode(ap: AttendanceParams, mapping: Mapping) -> tuple[str, str]:
    if ap.mode != "auto":
        return ap.mode, "params"
    if mapping.preset is not None and mapping.preset.online is not None:
        return ("online" if mapping.preset.online else "onsite"), f"preset {mapping.preset.name}"
    if mapping.column("duration") is not None:
        return "online", "a connection duration column"
    return "onsite", "no video-conference platform recognised"


def _presence(table: Table, mapping: Mapping, ap: AttendanceParams,
              unknown: Counter) -> tuple[np.ndarray, np.ndarray, str]:
    """(present, why not) per row, and what says a row was there."""
    n = len(table.frame)
    why = np.full(n, None, dtype=object)
    flag = _col(table, mapping, "present")
    if flag is not None:
        h = mapping.column("present")
        signed = any(w in fold(h) for w in ("emargement", "signature", "signe"))

        def mark(raw: str) -> object:
            v = parse_checked_in(raw)
            return True if (signed and v is UNKNOWN) else v

        values, labels = map_unique(flag, mark, ap.values.get("present"))
        unknown.update({k: int((flag == k).sum()) for k, v in labels.items() if v is UNKNOWN})
        present = np.array([v is True for v in values], dtype=bool)
        for i in np.flatnonzero(~present):
            cell = flag.iat[i]
            why[i] = f"not present: {h} = {cell!r}" if cell else f"not present: {h} is blank"
        return present, why, f"column {h!r} ({'any mark' if signed else 'yes/no or a time'})"
    joined = _col(table, mapping, "joined_at")
    duration = _col(table, mapping, "duration")
    minutes = None
    if duration is not None:
        minutes = np.array([parse_duration(c) for c in duration], dtype=object)
    if joined is not None:
        h = mapping.column("joined_at")
        present = ~joined.str.match(_NO_TIME).to_numpy()
        for i in np.flatnonzero(~present):
            why[i] = f"not present: no {h}"
        if minutes is not None:
            zero = np.array([m is not None and m <= 0 for m in minutes], dtype=bool) & present
            for i in np.flatnonzero(zero):
                why[i] = f"not present: {mapping.column('duration')} = {duration.iat[i]!r}"
            present &= ~zero
        return present, why, f"a join time in {h!r}"
    if minutes is not None:
        h = mapping.column("duration")
        present = np.array([m is not None and m > 0 for m in minutes], dtype=bool)
        for i in np.flatnonzero(~present):
            why[i] = f"not present: {h} = {duration.iat[i]!r}"
        return present, why, f"a duration above zero in {h!r}"
    return np.ones(n, dtype=bool), why, "being listed (no mark, time or duration column)"


def _split_name(full: str) -> tuple[str, str]:
    """(first, last) of a full name, for masking names in comments: "Last, First" or
    "First Last…"."""
    full = re.sub(r"\([^)]*\)", " ", full).strip()
    if "," in full:
        last, _, first = full.partition(",")
        return first.strip(), last.strip()
    first, _, last = full.partition(" ")
    return first, last.strip()


class _Index:
    """The registrations' people by e-mail and by name key."""

    def __init__(self, people: People) -> None:
        rows = people.rows
        status = people.frame.set_index("identity")
        self.registered = status["registered"].to_dict()
        self.state = {i: ("registered" if r else "waitlisted" if w else "cancelled")
                      for i, r, w in zip(status.index, status["registered"],
                                         status["waitlisted"], strict=True)}
        self.by_email = {e: i for e, i in zip(rows["email"], rows["identity"], strict=True) if e}
        self.by_name: dict[str, set[str]] = {}
        for f, la, i in zip(rows["first_name"], rows["last_name"], rows["identity"],
                            strict=True):
            key = name_key(f, la)
            if key:
                self.by_name.setdefault(key, set()).add(i)

    def match(self, email: str, names: list[str]) -> tuple[str | None, str]:
        """(identity or None, how or why not)."""
        if email and email in self.by_email:
            return self.by_email[email], "e-mail"
        for key in names:
            hits = self.by_name.get(key) if key else None
            if hits and len(hits) == 1:
                return next(iter(hits)), "name"
            if hits:
                return None, "ambiguous"
        return None, ""


def read_list(ap: AttendanceParams, params_file: Path | None = None) -> tuple[Table, Mapping]:
    return read_source(ap, "attendance", tuple(ap.columns.values()), params_file=params_file)


def judge_list(ap: AttendanceParams, table: Table, mapping: Mapping, index: _Index,
               ) -> tuple[Listed, pd.DataFrame]:
    """One list's rows judged; returns it and its present rows (identity, registered)."""
    n = len(table.frame)
    blank = pd.Series([""] * n, dtype=object)
    email = _col(table, mapping, "email")
    email = blank if email is None else email.str.lower().str.replace(" ", "", regex=False)
    email = email.where(email.str.contains("@", regex=False), "")
    first = _col(table, mapping, "first_name")
    last = _col(table, mapping, "last_name")
    full = _col(table, mapping, "name")
    first = blank if first is None else first
    last = blank if last is None else last
    full = blank if full is None else full
    unknown: Counter = Counter()
    present, why, how = _presence(table, mapping, ap, unknown)
    mode, mode_how = _mode(ap, mapping)
    codes = np.where(why != None, "not_present", None).astype(object)  # noqa: E711
    reasons = why.copy()
    ids = np.full(n, "", dtype=object)
    keys = np.empty(n, dtype=object)
    keys[:] = [()] * n
    registered = np.zeros(n, dtype=bool)
    no_name = email.eq("").to_numpy() & (first.eq("") & last.eq("") & full.eq("")).to_numpy()
    footer = email.eq("").to_numpy() & (footer_text(full) | footer_text(last)).to_numpy()
    for i in range(n):
        if no_name[i] or footer[i]:
            reasons[i] = ("a total or footer line, not a person" if footer[i] else
                          "neither an e-mail nor a name")
            codes[i] = "footer" if footer[i] else "no_identity"
            continue
        if not present[i]:
            continue
        inner = re.findall(r"\(([^)]*)\)", full.iat[i])
        names = [name_key(first.iat[i], last.iat[i]), name_key(full.iat[i]),
                 *(name_key(x) for x in inner)]
        ident, how_matched = index.match(email.iat[i], names)
        if how_matched == "ambiguous":
            reasons[i] = "its name matches several registered people: cannot tell who"
            codes[i] = "ambiguous_name"
            continue
        who = tuple(k for k in (email.iat[i], *(f"name:{x}" for x in names)) if k and k != "name:")
        if ident is None:
            ids[i] = who[0]
            keys[i] = who
            reasons[i] = ("present, but matched to no registration: counted apart "
                          "(unregistered attendees)")
            codes[i] = "unregistered"
            continue
        ids[i] = ident
        keys[i] = (ident, *who)
        if index.registered.get(ident, False):
            registered[i] = True
        else:
            reasons[i] = (f"present, but their registration is {index.state[ident]}: "
                          "counted apart (unregistered attendees)")
            codes[i] = "unregistered"
    used = reasons == None  # noqa: E711
    rej = table.frame.loc[~used].copy()
    rej.insert(0, "code", codes[~used])
    rej.insert(0, "reason", reasons[~used])
    rej.insert(0, "source_row", table.source_rows[~used])
    extra = [(r, m, "shifted_row") for r, m in table.unparsed] + [
        (r, m, "outside_table") for r, m in table.outside]
    if extra:
        rej = pd.concat([pd.DataFrame(extra, columns=["source_row", "reason", "code"]), rej],
                        ignore_index=True)
    rej = rej.sort_values("source_row", kind="stable").reset_index(drop=True)
    pairs = [_split_name(f) for f in full]
    firsts = first.where(first.ne(""), pd.Series([a for a, _ in pairs], dtype=object))
    lasts = last.where(last.ne("") | first.eq(""),
                       pd.Series([b for _, b in pairs], dtype=object))
    listed = Listed(ap, mode, mode_how, table, mapping, how, rej,
                    present_rows=int(present.sum()), unknown_labels=unknown,
                    first_names=firsts, last_names=lasts.where(lasts.ne(""), last))
    ok = present & (ids != "")
    return listed, pd.DataFrame({"identity": ids[ok], "registered": registered[ok],
                                 "keys": keys[ok]})


def apply_attendance(params: EventParams, people: People) -> None:
    """Read the params' attendance lists and mark who of the registered attended on
    site or online; count the present people who are not among the registered."""
    if not params.attendance:
        return
    index = _Index(people)
    onsite: set[str] = set()
    online: set[str] = set()
    apart: list[tuple[str, ...]] = []
    for ap in params.attendance:
        table, mapping = read_list(ap, params.source)
        listed, rows = judge_list(ap, table, mapping, index)
        mine = set(rows.loc[rows["registered"], "identity"])
        (onsite if listed.mode == "onsite" else online).update(mine)
        others = rows.loc[~rows["registered"]]
        apart += [tuple(k) for k in others["keys"]]
        listed.matched, listed.unregistered = len(mine), _people(list(others["keys"]))
        people.lists.append(listed)
    p = people.frame
    ident = p["identity"]
    checked = p["attended"] if people.attendance_known else pd.Series(False, index=p.index)
    on = (checked | ident.isin(onsite)) & p["registered"]
    off = ident.isin(online) & p["registered"] & ~on
    p["attended_onsite"] = on
    p["attended_online"] = off
    p["attended"] = on | off
    people.onsite_known = people.attendance_known or any(
        lst.mode == "onsite" for lst in people.lists)
    people.attendance_known = True
    people.unregistered = _people(apart)


def _people(keys: list) -> int:
    """How many people these rows are: rows sharing an e-mail or a name are one person
    (Zoé listed by her address online and by her name on the sign-in sheet)."""
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[str, int] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            if k in seen:
                parent[root(i)] = root(seen[k])
            else:
                seen[k] = i
    return len({root(i) for i in range(len(keys))})


def rejected_attendance(people: People) -> pd.DataFrame | None:
    """Every list's rows that did not make a registered person attended, one table:
    the list's file name first."""
    if not people.lists:
        return None
    frames = [lst.rejected.assign(list=lst.name) for lst in people.lists]
    out = pd.concat(frames, ignore_index=True)
    return out[["list", *[c for c in out.columns if c != "list"]]]
