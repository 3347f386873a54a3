"""Who is who: registration rows to people, survey answers to responses and attendees.

Identity is the e-mail, lower-cased with spaces removed; without an e-mail it is
the folded first name + last name + organisation, attached to an e-mail
identity when the same name and organisation appear on a row that has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..text import fold
from .validate import Validated, fold_name


@dataclass
class People:
    """One row per person with the facts the metrics need."""

    frame: pd.DataFrame      # identity, cancelled, registered, attended, community, ...,
                             # source_row (of the latest row: the attributes' row)
    rows: pd.DataFrame       # kept registration rows with their `identity`
    duplicate_rows: int      # kept rows minus people: rows merged into an earlier one
    # whether anything says who came: a check-in column, or attendance lists
    attendance_known: bool = True
    lists: list[Any] = field(default_factory=list)  # attendance.Listed, one per list
    unregistered: int | None = None  # present on a list, not among the registered
    onsite_known: bool = True        # a check-in column or an on-site list


@dataclass
class Responses:
    frame: pd.DataFrame      # counted responses, with `identity` ("" when anonymous)
    superseded: pd.DataFrame  # source_row, reason, code: answers replaced by a later one
    anonymous: bool          # no respondent e-mail address: responses cannot be linked


_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# words that are not a name: a guest or external marker, a civility
_NOT_NAME = frozenset({"ext", "externe", "external", "guest", "invite", "invitee", "m", "mme",
                       "mr", "mrs", "ms", "mlle", "dr", "pr", "unverified", "non verifie"})


def name_key(*parts: str) -> str:
    """A person's name compared without order, case, accents, punctuation or what is in
    brackets: "García Ruiz, Lucía", "Lucía GARCIA RUIZ" and "GARCIA RUIZ LUCIA (EXT)"
    give one key. "" when no name is left."""
    words = sorted(w for p in parts for w in fold(_PARENS.sub(" ", p or "")).split()
                   if w not in _NOT_NAME)
    return " ".join(words)


def identities(v: Validated) -> pd.Series:
    f = v.frame
    has_email = f["email"].ne("")
    ident = f["email"].astype(object).copy()
    if has_email.all():
        return ident
    no = ~has_email
    name_key = "name:" + fold_name(f["first_name"][no], f["last_name"][no], f["organisation"][no])
    ident.loc[no] = name_key
    if has_email.any():
        # Attach a name-only row to the e-mail of a row with the same name and organisation.
        # Pre-filter on the last name so that a million e-mail rows are not all folded.
        lasts = set(f["last_name"][no].str.strip().str.lower())
        cand = has_email & f["last_name"].str.strip().str.lower().isin(lasts)
        if cand.any():
            keys = "name:" + fold_name(f["first_name"][cand], f["last_name"][cand],
                                       f["organisation"][cand])
            known = pd.Series(f["email"][cand].to_numpy(), index=keys.to_numpy())
            known = known[~known.index.duplicated(keep="last")]
            attach = name_key.map(known)
            ident.loc[no] = attach.fillna(name_key).to_numpy()
    return ident


def link_people(v: Validated) -> People:
    rows = v.frame.copy()
    ident = identities(v)
    rows["identity"] = ident
    # group on integer codes: a million string keys group ten times slower
    codes, uniques = pd.factorize(ident)
    rows["pid"] = codes
    if "waitlisted" not in rows:
        rows["waitlisted"] = False
    rows["active"] = ~rows["cancelled"] & ~rows["waitlisted"]
    rows["active_check"] = rows["checked_in"] & rows["active"]
    # latest row last: a person's attributes come from their latest active row
    t = rows["registered_at"].fillna(pd.Timestamp.min)
    order = np.lexsort((rows["source_row"].to_numpy(), t.to_numpy(),
                        rows["active"].to_numpy()))
    ordered = rows.iloc[order]
    g = ordered.groupby("pid", sort=True)
    latest = ordered.drop_duplicates("pid", keep="last").set_index("pid").sort_index()
    people = pd.DataFrame({
        "registered": g["active"].any(),
        "on_waitlist": g["waitlisted"].any(),
        "attended_any": g["active_check"].any(),
        "first_registered_at": g["registered_at"].min(),
    })
    # `source_row`: the row the person's attributes come from, so that any other column
    # of the export (a breakdown's) is read from the same row
    people = people.join(latest[["community", "sector", "company_size", "postcode",
                                 "departement", "organisation", "source_row"]])
    people.insert(0, "identity", np.asarray(uniques, dtype=object)[people.index.to_numpy()])
    # a person is registered with one active row; else waitlisted (on a waiting list:
    # neither registered nor cancelled) with one waitlisted row; else cancelled
    people["waitlisted"] = ~people["registered"] & people.pop("on_waitlist")
    people["cancelled"] = ~people["registered"] & ~people["waitlisted"]
    people["attended"] = people["registered"] & people["attended_any"]
    # the registrations' own check-in is on site; attendance lists add to it (attendance.py)
    people["attended_onsite"] = people["attended"]
    people["attended_online"] = False
    return People(frame=people.reset_index(drop=True), rows=rows,
                  duplicate_rows=len(rows) - len(people),
                  attendance_known=v.mapping.column("checked_in") is not None,
                  onsite_known=v.mapping.column("checked_in") is not None)


def dedupe_responses(v: Validated) -> Responses:
    f = v.frame.copy()
    # anonymous: no e-mail column, or one that holds no address (all blank, or a
    # platform's "anonymous"): responses cannot be linked to anybody
    anonymous = v.mapping.column("email") is None or not f["email"].ne("").any()
    f["identity"] = f["email"]
    dup_exact = f.duplicated("_row_key", keep="first").to_numpy()
    superseded = [
        pd.DataFrame({"source_row": f.loc[dup_exact, "source_row"],
                      "reason": "exact duplicate of an earlier row",
                      "code": "exact_duplicate"})
    ]
    f = f.loc[~dup_exact]
    named = f["identity"].ne("")
    if named.any():
        t = f["submitted_at"].fillna(pd.Timestamp.min)
        order = f.assign(_t=t).sort_values(["_t", "source_row"], kind="stable")
        last = order[named.loc[order.index]].drop_duplicates("identity", keep="last")
        keep_idx = set(last.index)
        drop = named & ~f.index.isin(keep_idx)
        if drop.any():
            kept_row = last.set_index("identity")["source_row"]
            superseded.append(pd.DataFrame({
                "source_row": f.loc[drop, "source_row"],
                "reason": [f"replaced by a later answer from the same respondent (row {r})"
                           for r in f.loc[drop, "identity"].map(kept_row)],
                "code": "superseded",
            }))
        f = f.loc[~drop]
    sup = pd.concat(superseded, ignore_index=True).sort_values("source_row")
    return Responses(frame=f.drop(columns="_row_key").reset_index(drop=True),
                     superseded=sup.reset_index(drop=True), anonymous=anonymous)
