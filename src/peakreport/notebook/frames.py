"""Row-level data for custom analysis in a report notebook, with no personal data.

The report's own sections work from aggregates (`measure.aggregates.ReportData`); an analyst who
adds a chart ("registrations by weekday") needs rows. These frames give one row per
person or per response, without what identifies anyone: no name, e-mail address, phone
number, organisation name, postcode or free text, and no source row number (which would
lead back to the export). People are numbered instead (`person`), in an order drawn
from a keyed hash of their identity, the same number in both frames of one forum, and
across the forums of a programme.

What a chart of these columns shows is in the report's words: `community` holds the
report's label ("Entreprises", "Formation"… or "Companies"… in English) and `departement`
the département's name and number ("Isère (38)"), as the report's own charts write
them; the codes stay beside them, for filtering, in `community_code` (company, training,
institution, expert, other) and `departement_code` ("38", "2A").
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ..i18n import Lang
    from ..measure.analysis import Analysis
    from ..measure.programme import ProgrammeAnalysis

PEOPLE_COLUMNS = ["person", "registered_at", "registered", "cancelled", "attended",
                  "community", "sector", "company_size", "departement", "community_code",
                  "departement_code"]


def _in_words(frame: pd.DataFrame, L: Lang) -> pd.DataFrame:
    """`community` and `departement` as the report writes them; their codes kept in
    `community_code` and `departement_code`."""
    from ..territory import DEPARTEMENTS

    out = frame.copy()
    if "community" in out.columns:
        codes = out["community"]
        out["community_code"] = codes
        out["community"] = codes.map(lambda c: L.t(c) if isinstance(c, str) and c else None)
    if "departement" in out.columns:
        codes = out["departement"]
        out["departement_code"] = codes
        out["departement"] = codes.map(
            lambda c: f"{DEPARTEMENTS.get(c, c)} ({c})" if isinstance(c, str) and c else None)
    return out


def _numbers(identities: pd.Series, salt: str) -> pd.Series:
    """1, 2, 3… in an order unrelated to the identities themselves (not reversible by
    hashing a guessed e-mail address: the number is a rank, not the hash)."""
    import pandas as pd

    unique = pd.unique(identities.dropna())
    order = sorted(unique, key=lambda s: hashlib.sha256(f"{salt}\n{s}".encode()).hexdigest())
    number = {ident: i for i, ident in enumerate(order, 1)}
    return identities.map(number).astype("Int64")


def _lang(a, L: Lang | None) -> Lang:
    from ..i18n import lang

    return L or lang(a.params.language)


def people(a: Analysis, L: Lang | None = None) -> pd.DataFrame:
    """One row per person who registered (cancelled ones included, `cancelled` says so);
    labels in the language `L` (the params' language unless given)."""
    p = a.people.frame
    out = _in_words(p.assign(person=_numbers(p["identity"], a.params.event.id),
                             registered_at=p["first_registered_at"]), _lang(a, L))
    return out[PEOPLE_COLUMNS].sort_values("person", ignore_index=True)


def attendees(a: Analysis, L: Lang | None = None) -> pd.DataFrame:
    """People who came (`people` where `attended`)."""
    frame = people(a, L)
    return frame[frame["attended"]].drop(columns=["registered", "cancelled", "attended"]
                                         ).reset_index(drop=True)


def responses(a: Analysis, L: Lang | None = None) -> pd.DataFrame | None:
    """One row per survey response kept (duplicates removed as for the metrics): scores
    and yes/no answers, the questions under their report labels; no free text. `person`
    is the respondent's number in `people` when the response matches a registration."""
    if a.responses is None:
        return None
    r = a.responses.frame
    p = a.people.frame
    numbers = dict(zip(p["identity"], _numbers(p["identity"], a.params.event.id),
                       strict=True))
    out = r.assign(person=r["identity"].map(numbers).astype("Int64"))
    labels = {f"q{i}": label for i, label in enumerate(a.survey.mapping.questions.values())}
    community = dict(zip(p["identity"], p["community"], strict=True))
    out = out.assign(community=r["identity"].map(community))
    out = _in_words(out, _lang(a, L))
    keep = ["person", "submitted_at", "satisfaction", "nps", "would_join_next", "community",
            *labels, "community_code"]
    return out[[c for c in keep if c in out.columns]].rename(columns=labels)


def attendances(pa: ProgrammeAnalysis, forum_labels: list[str],
                L: Lang | None = None) -> pd.DataFrame:
    """The programme: one row per person and forum attended; `forum` is its label."""
    att = pa.attendance
    out = _in_words(att.assign(person=_numbers(att["identity"], pa.params.programme.id),
                               forum=att["forum"].map(dict(enumerate(forum_labels)))),
                    _lang(pa, L))
    return out[["person", "forum", "community", "departement", "community_code",
                "departement_code"]].sort_values(["forum", "person"], ignore_index=True)
