"""Parse a column of dates the way exports write them, vectorised.

Why not `pd.to_datetime(format="mixed")` on every cell: it guesses per cell,
so 03/04/2021 and 13/04/2021 can be read with different day/month orders, and
it is slow on 400,000 timestamps. We pick one format from a sample, day-first
unless the sample proves month-first, then parse the whole column with it.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

_TZ_SUFFIX = re.compile(r"\s*(?:(?:UTC|GMT)\s*[+-]?\d{0,2}(?::?\d{2})?|[A-Z]{3,5}|Z)$")
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")

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


def parse_dates(
    series: pd.Series, *, date_format: str | None = None, dayfirst: bool = True
) -> tuple[pd.Series, str | None]:
    """Return (datetime64 series with NaT where unparsed, the format used)."""
    s = series.fillna("").astype(str).str.strip()
    blank = s.eq("")
    if blank.all():
        return pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]"), None
    if date_format:
        out = pd.to_datetime(s.where(~blank), format=date_format, errors="coerce")
        return out, date_format
    sample = s[~blank].drop_duplicates().head(300)
    numeric = pd.to_numeric(sample.str.replace(",", ".", regex=False), errors="coerce")
    if numeric.notna().all() and numeric.between(20000, 80000).all():
        days = pd.to_numeric(s.str.replace(",", ".", regex=False), errors="coerce")
        out = _EXCEL_EPOCH + pd.to_timedelta(days, unit="D")
        return out.dt.round("s"), "Excel serial"
    sample = s[~blank].drop_duplicates().head(300)
    if sample.str.contains(_TZ_SUFFIX).any():
        s = s.str.replace(_TZ_SUFFIX, "", regex=True)
        sample = s[~blank].drop_duplicates().head(300)
    # Parse each distinct text once: exports repeat dates, and a take is cheap.
    codes, uniques = pd.factorize(s.where(~blank))
    uniques = pd.Series(uniques, dtype=object)
    for fmt in _candidates(dayfirst):
        if pd.to_datetime(sample, format=fmt, errors="coerce").notna().all():
            parsed = pd.to_datetime(uniques, format=fmt, errors="coerce")
            return _take(parsed, codes, series.index), fmt
    try:
        parsed = pd.to_datetime(uniques, format="ISO8601", errors="coerce", utc=True)
        if parsed.notna().sum() >= 0.9 * len(uniques):
            return _take(parsed.dt.tz_convert(None), codes, series.index), "ISO8601"
    except (ValueError, TypeError):
        pass
    parsed = pd.to_datetime(uniques, format="mixed", dayfirst=dayfirst, errors="coerce")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_convert(None)
    return _take(parsed, codes, series.index), "mixed"


def _take(parsed: pd.Series, codes: np.ndarray, index: pd.Index) -> pd.Series:
    values = parsed.to_numpy(dtype="datetime64[ns]")
    out = np.full(len(codes), np.datetime64("NaT"), dtype="datetime64[ns]")
    ok = codes >= 0
    out[ok] = values[codes[ok]]
    return pd.Series(out, index=index)
