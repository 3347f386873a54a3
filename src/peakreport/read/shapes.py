"""What a column's values look like, so that content can overrule a header.

Exports lie in their headers: a platform's standard "Home Zip" column is empty
while a custom question holds the postcodes; an anonymous form keeps its
"Email" column, blank, beside a question asking for the e-mail. Mapping
therefore weighs each candidate column by its fill rate and by the share of its
values that have the shape the field needs (an e-mail address, a postcode, a
1–5 answer, a timestamp…). Profiles are computed on the first rows only
(`SAMPLE`) and on distinct values, so a million-row export costs as much as a
small one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from ..territory import departement_of
from ..text import fold
from .values import UNKNOWN, parse_nps, parse_satisfaction, parse_yes_no

SAMPLE = 2000
EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[a-z]{2,}$", re.IGNORECASE)
_DATE = re.compile(
    r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ t]\d{1,2}[:h]\d{2}.*)?$", re.IGNORECASE)
_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)?$")
_PLACEHOLDERS = {"anonymous", "anonyme", "anonymous user", "utilisateur anonyme", "n a",
                 "na", "none", "aucun", "aucune", "inconnu", "unknown", "", "-"}


@dataclass
class Profile:
    """Shares over the non-blank values of a column's first rows (each in [0, 1])."""

    values: pd.Series          # distinct non-blank values (stripped) -> count
    _total: int = 0            # non-blank cells
    _blank: int = 0            # blank cells

    @property
    def rows(self) -> int:
        return self._total + self._blank

    @property
    def fill(self) -> float:
        """Share of rows with a non-blank cell."""
        return 0.0 if self.rows == 0 else self._total / self.rows

    def share(self, test) -> float:
        """Share of non-blank cells (counted with repeats) whose value passes `test`."""
        seen = int(self.values.sum())
        if seen == 0:
            return 0.0
        ok = sum(int(n) for v, n in self.values.items() if test(v))
        return ok / seen

    @cached_property
    def number(self) -> float:
        return self.share(lambda v: bool(_NUMBER.match(v)))

    @cached_property
    def email(self) -> float:
        return self.share(lambda v: bool(EMAIL.match(v)))

    @cached_property
    def placeholder(self) -> float:
        """Share of values that say "anonymous" (a platform's stand-in for no address)."""
        return self.share(lambda v: fold(v) in _PLACEHOLDERS)

    @cached_property
    def postcode(self) -> float:
        return self.share(lambda v: departement_of(v) is not None)

    @cached_property
    def date(self) -> float:
        return self.share(lambda v: bool(_DATE.match(v)) or _excel_serial(v))

    @cached_property
    def scale5(self) -> float:
        return self.share(lambda v: parse_satisfaction(v) not in (None, UNKNOWN))

    @cached_property
    def scale10(self) -> float:
        return self.share(lambda v: parse_nps(v) not in (None, UNKNOWN))

    @cached_property
    def above5(self) -> float:
        return self.share(lambda v: (n := parse_nps(v)) not in (None, UNKNOWN) and n > 5)

    @cached_property
    def yes_no(self) -> float:
        return self.share(lambda v: parse_yes_no(v) not in (None, UNKNOWN))

    @cached_property
    def text(self) -> float:
        """Share of values that are words: not an e-mail, a number or a date."""
        return self.share(lambda v: not (EMAIL.match(v) or _NUMBER.match(v) or _DATE.match(v)))

    @cached_property
    def days(self) -> int:
        """Distinct calendar days among date-shaped values (timestamps of one event
        fall on one or two days; registration dates spread over weeks)."""
        from .dates import parse_dates

        dates = [v for v in self.values.index if _DATE.match(v)]
        if not dates:
            return 0
        parsed = parse_dates(pd.Series(dates, dtype=object))
        return int(parsed.values.dropna().dt.normalize().nunique())

    @cached_property
    def scale(self) -> str | None:
        """'scale5' when answers fit 1–5, 'scale10' when they fit 0–10 and reach above 5.

        Judged on answer counts with 10 % tolerance, so that one bad answer (a 7
        in a 1–5 question) neither hides the question nor turns it into an NPS.
        """
        if self._total == 0:
            return None
        if self.scale5 >= 0.9:
            return "scale5"
        if self.scale10 >= 0.9 and self.above5 > 0.1:
            return "scale10"
        return None

    @cached_property
    def is_yes_no(self) -> bool:
        if self._total == 0:
            return False
        folded = {fold(v) for v in self.values.index}
        return self.yes_no >= 0.9 and bool(folded & {"y", "yes", "oui", "o"})


def _excel_serial(v: str) -> bool:
    try:
        return 20000 <= float(v.replace(",", ".")) <= 80000
    except ValueError:
        return False


# Under this many filled cells in the first rows, the whole column is looked at: an
# export sorted by date can leave a column blank for its first thousands of rows.
_SPARSE_HEAD = 20


def profile(column: pd.Series) -> Profile:
    """Profile of a text column: its first `SAMPLE` rows, or, when those are (nearly)
    blank, its first `SAMPLE` filled cells and its fill over the whole column."""
    col = column.head(SAMPLE).fillna("").astype(str).str.strip()
    blank = col.eq("")
    filled = int((~blank).sum())
    if filled < _SPARSE_HEAD and len(column) > SAMPLE:
        whole = column.fillna("").astype(str).str.strip()
        kept = whole[whole.ne("")]
        return Profile(values=kept.head(SAMPLE).value_counts(), _total=len(kept),
                       _blank=len(whole) - len(kept))
    return Profile(values=col[~blank].value_counts(), _total=filled, _blank=int(blank.sum()))
