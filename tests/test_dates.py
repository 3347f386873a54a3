"""dates: one format per column, day-first unless the data proves month-first."""

from __future__ import annotations

import pandas as pd

from peakreport.dates import parse_dates


def test_day_first_by_default():
    out, fmt = parse_dates(pd.Series(["03/04/2021 10:00", "05/06/2021 11:30", ""]))
    assert fmt == "%d/%m/%Y %H:%M"
    assert out[0] == pd.Timestamp("2021-04-03 10:00") and pd.isna(out[2])


def test_month_first_when_the_data_proves_it():
    out, _ = parse_dates(pd.Series(["03/04/2021", "12/25/2021"]))
    assert out[0] == pd.Timestamp("2021-03-04")


def test_us_twelve_hour_clock():
    out, _ = parse_dates(pd.Series(["12/15/2021 06:04:12 PM", "12/16/2021 09:00:00 AM"]))
    assert out[0] == pd.Timestamp("2021-12-15 18:04:12")


def test_iso_and_timezone_suffix():
    out, _ = parse_dates(pd.Series(["2021/12/15 18:04:12 UTC+1", "2021/12/16 09:00:00 UTC+1"]))
    assert out[1] == pd.Timestamp("2021-12-16 09:00:00")


def test_excel_serials():
    out, fmt = parse_dates(pd.Series(["44545", "44545.5"]))
    assert fmt == "Excel serial"
    assert out[0] == pd.Timestamp("2021-12-15") and out[1] == pd.Timestamp("2021-12-15 12:00")


def test_explicit_format_wins():
    out, _ = parse_dates(pd.Series(["03/04/2021"]), date_format="%m/%d/%Y")
    assert out[0] == pd.Timestamp("2021-03-04")


def test_google_forms_english_timestamps_with_zone():
    out, _ = parse_dates(pd.Series(["2021/12/15 6:04:12 PM GMT+1", "2021/12/16 9:00:00 AM GMT+1"]))
    assert out[0] == pd.Timestamp("2021-12-15 18:04:12")
    assert out[1] == pd.Timestamp("2021-12-16 09:00:00")
