"""shapes: a column's fill and value shapes, counted by hand on small columns."""

from __future__ import annotations

import pandas as pd

from peakreport.read.shapes import profile


def test_fill_and_shares_count_cells_not_distinct_values():
    # 5 cells: 4 filled (fill 4/5); of those, 3 are the same address and 1 is "anonymous"
    p = profile(pd.Series(["a@b.fr", "a@b.fr", " a@b.fr ", "", "anonymous"]))
    assert p.fill == 4 / 5
    assert p.email == 3 / 4 and p.placeholder == 1 / 4


def test_scales_tolerate_one_stray_answer_in_ten():
    # 10 answers 1–5 and one 7: 10/11 fit 1–5 (≥ 90 %) so still a 1–5 question
    assert profile(pd.Series(["4"] * 10 + ["7"])).scale == "scale5"
    # answers reaching 9 and 10: a 0–10 question
    assert profile(pd.Series(["9", "10", "3", "0", "7"])).scale == "scale10"
    assert profile(pd.Series(["bien", "moyen", "rien à dire"])).scale is None


def test_timestamps_of_one_event_fall_on_few_days():
    scans = pd.Series(["15/12/2021 09:02", "", "15/12/2021 10:40", "16/12/2021 09:00"])
    assert profile(scans).days == 2
    registrations = pd.Series([f"{d:02d}/11/2021 10:00" for d in range(1, 21)])
    assert profile(registrations).days == 20


def test_postcodes_and_words():
    p = profile(pd.Series(["74000", "1250", "SW1A 1AA", "69 001"]))
    assert p.postcode == 3 / 4  # 1250 is 01250 (Ain); SW1A 1AA is not French
    assert profile(pd.Series(["Alpha", "12", "a@b.fr", "Beta"])).text == 2 / 4
