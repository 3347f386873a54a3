"""i18n: numbers and dates in the language's format."""

from __future__ import annotations

import datetime as dt

from peakreport.i18n import NULL_REASONS, REASONS, TEXT, lang


def test_french_formats():
    fr = lang("fr")
    assert fr.percent(0.425, 1) == "42,5\u202f%"
    assert fr.number(1234.5, 1) == "1\u202f234,5"
    assert fr.date(dt.date(2021, 12, 15)) == "15 décembre 2021"
    assert fr.signed(23.3) == "+23" and fr.signed(-4) == "−4"


def test_english_formats():
    en = lang("en")
    assert en.percent(0.425, 1) == "42.5%"
    assert en.number(1234.5, 1) == "1,234.5"
    assert en.date(dt.date(2021, 12, 15)) == "15 December 2021"


def test_every_label_exists_in_both_languages():
    for table in (TEXT, REASONS, NULL_REASONS):
        for key, texts in table.items():
            assert set(texts) == {"fr", "en"}, key
            assert all(texts.values()), key
