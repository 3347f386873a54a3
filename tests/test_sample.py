"""The bundled sample forums give the counts their generator planted (expected.json)."""

from __future__ import annotations

import json

import pytest

from peakreport.measure.analysis import analyse

from .conftest import ROOT

YEARS = [2018, 2019, 2020, 2021]


@pytest.mark.parametrize("year", YEARS)
def test_sample_forum_counts(year):
    expected = json.loads((ROOT / f"data/sample/forum-peak-{year}/expected.json").read_text())
    m = analyse(ROOT / f"params/forum-peak-{year}.yaml").metrics.data
    r = m["registrations"]
    for key in ("registered", "attended", "cancelled", "duplicate_rows"):
        assert r[key] == expected[key], key
    s = m["survey"]
    # each survey holds one invalid satisfaction, one invalid NPS, a duplicate, a resubmission
    assert s["rows_rejected"] == 2 and s["duplicate_rows"] == 2
    assert s["satisfaction_mean"] is not None and s["nps"] is not None


def test_forum_2021_is_the_first_users_forum():
    m = analyse(ROOT / "params/forum-peak-2021.yaml").metrics.data
    assert m["registrations"]["attended"] == 124
    assert m["event"]["date"] == "2021-12-15"


def test_generator_is_deterministic(tmp_path):
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "sample"
    shutil.copytree(ROOT / "data/sample", copy)
    subprocess.run([sys.executable, str(copy / "generate.py")], check=True)
    for f in sorted((ROOT / "data/sample").rglob("*.csv")):
        assert (copy / f.relative_to(ROOT / "data/sample")).read_bytes() == f.read_bytes(), f
