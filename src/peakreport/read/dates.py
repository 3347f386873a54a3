"""Parse a column of dates the way exports write them, vectorised.

Why not `pd.to_datetime(format="mixed")` on every cell: it guesses per cell,
so 03/04/2021 and 13/04/2021 can be read with different day/month orders, and
it is slow on 400,000 timestamps. We pick one format from a sample, then check
the day/month order on the whole column: a day above 12 proves day-first, a
value only month-first can read proves month-first. When no value can decide
(every day falls on the 1st–12th), the platform's known order decides
(`dayfirst`), and without one the order is reported "ambiguous", never guessed
silently.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import pandas as pd

_TZ_SUFFIX = re.compile(r"\s*(?:(?:UTC|GMT)\s*[+-]?\d{0,2}(?::?\d{2})?|[A-Z]{3,5}|Z)$")
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_DASHED_TIME = re.compile(r"^(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}) - (\d{1,2}:\d{2})")

_TIMES = ("%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p", "%Hh%M", "%H:%M:%S.%f")
_DAY_FIRST = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
_MONTH_FIRST = ("%m/%d/%Y", "%m-%d-%Y", "%m/%d/%y")
_YEAR_FIRST = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d")


def _candidates(dayfirst: bool) -> list[str]:
    dates = [*_YEAR_FIRST, *(_DAY_FIRST + _MONTH_FIRST if dayfirst else _MONTH_FIRST + _DAY_FIRST)]
    out = []
    for d in dates:
        out.append(d)
        for t in _TIMES:
            out.append(f"{d} {t}")
            if d.startswith("%Y-"):
                out.append(f"{d}T{t}")
    return out


class Dates(NamedTuple):
    values: pd.Series        # datetime64, NaT where unparsed
    format: str | None       # the strptime format used, "Excel serial", "ISO8601", "mixed"
    order: str | None        # day/month order: "params", "proved", "platform",
    #                          "ambiguous" (day-first taken), or None (no such choice)


def _twin(fmt: str) -> str | None:
    """The same format with day and month swapped."""
    if "%d" not in fmt or "%m" not in fmt or fmt.index("%Y" if "%Y" in fmt else "%y") == 0:
        return None
    d, m = fmt.index("%d"), fmt.index("%m")
    return fmt[:min(d, m)] + ("%m" if d < m else "%d") + fmt[min(d, m) + 2:max(d, m)] + (
        "%d" if d < m else "%m") + fmt[max(d, m) + 2:]


def parse_dates(
    series: pd.Series, *, date_format: str | None = None, dayfirst: bool | None = None
) -> Dates:
    """Parse a column of dates; `dayfirst` is the platform's known order, if any."""
    s = series.fillna("").astype(str).str.strip()
    blank = s.eq("")
    if blank.all():
        return Dates(pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]"), None, None)
    if date_format:
        out = pd.to_datetime(s.where(~blank), format=date_format, errors="coerce")
        return Dates(out, date_format, "params")
    sample = s[~blank].drop_duplicates().head(300)
    numeric = pd.to_numeric(sample.str.replace(",", ".", regex=False), errors="coerce")
    if numeric.notna().all() and numeric.between(20000, 80000).all():
        days = pd.to_numeric(s.str.replace(",", ".", regex=False), errors="coerce")
        out = _EXCEL_EPOCH + pd.to_timedelta(days, unit="D")
        return Dates(out.dt.round("s"), "Excel serial", None)
    sample = s[~blank].drop_duplicates().head(300)
    if sample.str.match(_DASHED_TIME).any():  # Drupal's "15/12/2021 - 17:00"
        s = s.str.replace(_DASHED_TIME, r"\1 \2", regex=True)
        sample = s[~blank].drop_duplicates().head(300)
    if sample.str.contains(_TZ_SUFFIX).any():
        s = s.str.replace(_TZ_SUFFIX, "", regex=True)
        sample = s[~blank].drop_duplicates().head(300)
    # Parse each distinct text once: exports repeat dates, and a take is cheap.
    codes, uniques = pd.factorize(s.where(~blank))
    uniques = pd.Series(uniques, dtype=object)
    # the first format that reads the whole sample; else the one that reads most of it
    # (a footer's "159 billets" in a date column must not turn the column to "mixed")
    best, best_share = None, 0.9
    for fmt in _candidates(dayfirst is not False):
        share = pd.to_datetime(sample, format=fmt, errors="coerce").notna().mean()
        if share == 1.0:
            best = fmt
            break
        if share > best_share:
            best, best_share = fmt, share
    if best is not None:
        parsed, fmt, order = _settle_order(uniques, best, dayfirst)
        return Dates(_take(parsed, codes, series.index), fmt, order)
    try:
        parsed = pd.to_datetime(uniques, format="ISO8601", errors="coerce", utc=True)
        if parsed.notna().sum() >= 0.9 * len(uniques):
            return Dates(_take(parsed.dt.tz_convert(None), codes, series.index), "ISO8601",
                         None)
    except (ValueError, TypeError):
        pass
    parsed = pd.to_datetime(uniques, format="mixed", dayfirst=dayfirst is not False,
                            errors="coerce")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_convert(None)
    return Dates(_take(parsed, codes, series.index), "mixed", "ambiguous")


def _settle_order(uniques: pd.Series, fmt: str, dayfirst: bool | None):
    """Parse every distinct value with `fmt`, then settle day/month on all of them."""
    parsed = pd.to_datetime(uniques, format=fmt, errors="coerce")
    twin = _twin(fmt)
    if twin is None:
        return parsed, fmt, None
    first_is_day = fmt.index("%d") < fmt.index("%m")
    failed = parsed.isna() & uniques.notna()
    if failed.any():
        other = pd.to_datetime(uniques, format=twin, errors="coerce")
        if other.notna().sum() > parsed.notna().sum():
            return other, twin, "proved"
        if other.notna().sum() < parsed.notna().sum():
            return parsed, fmt, "proved"
    if (parsed.dt.day > 12).any():
        return parsed, fmt, "proved"  # a day past 12: this order is the only one
    if dayfirst is not None and dayfirst != first_is_day:
        return pd.to_datetime(uniques, format=twin, errors="coerce"), twin, "platform"
    return parsed, fmt, ("platform" if dayfirst is not None else "ambiguous")


def _take(parsed: pd.Series, codes: np.ndarray, index: pd.Index) -> pd.Series:
    values = parsed.to_numpy(dtype="datetime64[ns]")
    out = np.full(len(codes), np.datetime64("NaT"), dtype="datetime64[ns]")
    ok = codes >= 0
    out[ok] = values[codes[ok]]
    return pd.Series(out, index=index)
