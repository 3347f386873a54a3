"""Who is who: registration rows to people, survey answers to responses and attendees.

Identity is the e-mail, lower-cased with spaces removed; without an e-mail it is
the folded first name + last name + organisation, attached to an e-mail
identity when the same name and organisation appear on a row that has one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .validate import Validated, fold_name


@dataclass
class People:
    """One row per person with the facts the metrics need."""

    frame: pd.DataFrame      # identity, cancelled, registered, attended, community, ...
    rows: pd.DataFrame       # kept registration rows with their `identity`
    duplicate_rows: int      # kept rows minus people: rows merged into an earlier one


@dataclass
class Responses:
    frame: pd.DataFrame      # counted responses, with `identity` ("" when anonymous)
    superseded: pd.DataFrame  # source_row, reason: answers replaced by a later one
    anonymous: bool          # no e-mail column: responses cannot be linked


def identities(v: Validated) -> pd.Series:
    f = v.frame
    name_key = "name:" + fold_name(f["first_name"], f["last_name"], f["organisation"])
    has_email = f["email"].ne("")
    ident = f["email"].where(has_email, name_key)
    if has_email.any() and (~has_email).any():
        known = pd.Series(f["email"][has_email].to_numpy(), index=name_key[has_email].to_numpy())
        known = known[~known.index.duplicated(keep="last")]
        attach = name_key[~has_email].map(known)
        ident.loc[~has_email] = attach.fillna(ident[~has_email])
    return ident


def link_people(v: Validated) -> People:
    rows = v.frame.copy()
    rows["identity"] = identities(v).to_numpy()
    rows["active_check"] = rows["checked_in"] & ~rows["cancelled"]
    # latest row first: a person's attributes come from their latest non-cancelled row
    order = rows.assign(_t=rows["registered_at"].fillna(pd.Timestamp.min))
    order = order.sort_values(["cancelled", "_t", "source_row"], ascending=[False, True, True],
                              kind="stable")
    g = order.groupby("identity", sort=False)
    latest = g.tail(1).set_index("identity")
    people = pd.DataFrame({
        "cancelled": g["cancelled"].all(),
        "attended_any": g["active_check"].any(),
        "first_registered_at": g["registered_at"].min(),
    })
    people = people.join(latest[["community", "sector", "company_size", "postcode",
                                 "departement", "organisation"]])
    people["registered"] = ~people["cancelled"]
    people["attended"] = people["registered"] & people["attended_any"]
    people.index.name = "identity"
    return People(frame=people.reset_index(), rows=rows,
                  duplicate_rows=len(rows) - len(people))


def dedupe_responses(v: Validated) -> Responses:
    f = v.frame.copy()
    anonymous = v.mapping.column("email") is None
    f["identity"] = f["email"]
    dup_exact = f.duplicated("_row_key", keep="first").to_numpy()
    superseded = [
        pd.DataFrame({"source_row": f.loc[dup_exact, "source_row"],
                      "reason": "exact duplicate of an earlier row"})
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
            }))
        f = f.loc[~drop]
    sup = pd.concat(superseded, ignore_index=True).sort_values("source_row")
    return Responses(frame=f.drop(columns="_row_key").reset_index(drop=True),
                     superseded=sup.reset_index(drop=True), anonymous=anonymous)


def attended_identities(people: People) -> np.ndarray:
    p = people.frame
    return p.loc[p["attended"], "identity"].to_numpy()
