"""dates: one format per column; the day/month order proved by the whole column, else the
platform's, else day-first reported as ambiguous."""

from __future__ import annotations

import pandas as pd

from peakreport.read.dates import parse_dates


def test_day_first_by_default():
    out, fmt, order = parse_dates(pd.Series(["03/04/2021 10:00", "05/06/2021 11:30", ""]))
    assert fmt == "%d/%m/%Y %H:%M"
    assert order == "ambiguous"  # no day above 12 and no platform: said, not hidden
    assert out[0] == pd.Timestamp("2021-04-03 10:00") and pd.isna(out[2])


def test_month_first_when_the_data_proves_it():
    out, _, _ = parse_dates(pd.Series(["03/04/2021", "12/25/2021"]))
    assert out[0] == pd.Timestamp("2021-03-04")


def test_us_twelve_hour_clock():
    out, _, _ = parse_dates(pd.Series(["12/15/2021 06:04:12 PM", "12/16/2021 09:00:00 AM"]))
    assert out[0] == pd.Timestamp("2021-12-15 18:04:12")


def test_iso_and_timezone_suffix():
    out, _, _ = parse_dates(pd.Series(["2021/12/15 18:04:12 UTC+1", "2021/12/16 09:00:00 UTC+1"]))
    assert out[1] == pd.Timestamp("2021-12-16 09:00:00")


def test_excel_serials():
    out, fmt, _ = parse_dates(pd.Series(["44545", "44545.5"]))
    assert fmt == "Excel serial"
    assert out[0] == pd.Timestamp("2021-12-15") and out[1] == pd.Timestamp("2021-12-15 12:00")


def test_explicit_format_wins():
    out, _, _ = parse_dates(pd.Series(["03/04/2021"]), date_format="%m/%d/%Y")
    assert out[0] == pd.Timestamp("2021-03-04")


def test_google_forms_english_timestamps_with_zone():
    out, _, _ = parse_dates(pd.Series(["2021/12/15 6:04:12 PM GMT+1",
                                       "2021/12/16 9:00:00 AM GMT+1"]))
    assert out[0] == pd.Timestamp("2021-12-15 18:04:12")
    assert out[1] == pd.Timestamp("2021-12-16 09:00:00")


def test_order_is_proved_by_a_value_past_the_first_300():
    # 300 distinct ambiguous dates, then one only month-first can read: the whole
    # column decides, not the sample the format was picked from
    ambiguous = [f"{m:02d}/{d:02d}/20{y:02d}" for y in range(10, 13) for m in range(1, 13)
                 for d in range(1, 13)][:300]
    out, fmt, order = parse_dates(pd.Series([*ambiguous, "12/25/2021"]))
    assert (fmt, order) == ("%m/%d/%Y", "proved")
    assert out.iloc[0] == pd.Timestamp("2010-01-01") and out.iloc[-1] == pd.Timestamp("2021-12-25")
    assert out.iloc[1] == pd.Timestamp("2010-01-02")  # 01/02 read month-first


def test_a_day_past_twelve_proves_day_first():
    out, fmt, order = parse_dates(pd.Series(["03/04/2021", "13/04/2021"]), dayfirst=False)
    assert (fmt, order) == ("%d/%m/%Y", "proved")  # the data beat the platform's habit
    assert out[0] == pd.Timestamp("2021-04-03")


def test_the_platform_order_decides_when_the_data_cannot():
    # English Google Forms: month-first; every day here is 1–12
    out, fmt, order = parse_dates(pd.Series(["12/1/2021 18:00:00", "12/2/2021 9:00:00"]),
                                  dayfirst=False)
    assert (fmt, order) == ("%m/%d/%Y %H:%M:%S", "platform")
    assert out[0] == pd.Timestamp("2021-12-01 18:00") and out[1] == pd.Timestamp("2021-12-02 09:00")
