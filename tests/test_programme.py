"""programme and batch: new and returning people across forums, counted by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peakreport.cli import main
from peakreport.measure.programme import analyse_programme, cumulative, retention
from peakreport.publish.batch import run_batch, summary_table, worker_count

from .conftest import ROOT, write_params

# Three forums. A's e-mail changes case and spacing in 2020; C was a no-show in 2019;
# D came in 2020 and was a no-show in 2021. See the test docstrings for the counts.
FORUMS = {
    2019: ["a@x.fr;Anne;Roux;Alpha;Entreprise;74000;oui",
           "b@x.fr;Paul;Blanc;Beta;Université;69001;oui",
           "c@x.fr;Marc;Noir;Gamma;PME;75011;non"],
    2020: [" A@X.FR ;Anne;Roux;alpha ;Collectivité;74000;oui",
           "d@x.fr;Lise;Vert;Delta;Consultant;38000;oui",
           "c@x.fr;Marc;Noir;Gamma;PME;75011;oui"],
    2021: ["a@x.fr;Anne;Roux;Alpha;Entreprise;74000;oui",
           "b@x.fr;Paul;Blanc;Beta;Université;69001;oui",
           "e@x.fr;Zoé;Petit;ALPHA;Entreprise;73000;oui",
           "d@x.fr;Lise;Vert;Delta;Consultant;38000;non"],
}
ANSWERS = {2019: [("a@x.fr", 5, 10), ("b@x.fr", 4, 9)],
           2020: [("a@x.fr", 3, 6), ("d@x.fr", 4, 8)],
           2021: [("a@x.fr", 5, 9), ("e@x.fr", 2, 0), ("b@x.fr", 4, 7)]}


@pytest.fixture
def programme(tmp_path) -> Path:
    forums = []
    for year, rows in FORUMS.items():
        (tmp_path / f"r{year}.csv").write_text(
            "Email;Prénom;Nom;Société;Type de structure;Code postal;Présent\n"
            + "\n".join(rows) + "\n", encoding="utf-8")
        (tmp_path / f"s{year}.csv").write_text(
            "Horodateur,Adresse e-mail,Satisfaction globale,Recommanderiez-vous le forum ?\n"
            + "".join(f"15/12/{year} 10:0{i}:00,{e},{s},{n}\n"
                      for i, (e, s, n) in enumerate(ANSWERS[year])), encoding="utf-8")
        forums.append(write_params(tmp_path, {
            "event": {"id": f"forum-{year}", "title": f"Forum {year}",
                      "date": f"{year}-12-15"},
            "territory": "auvergne-rhone-alpes",
            "registrations": {"path": f"r{year}.csv"}, "survey": {"path": f"s{year}.csv"},
        }, name=f"forum-{year}.yaml").name)
    return write_params(tmp_path, {
        "programme": {"id": "prog", "title": "Programme test"},
        "territory": "auvergne-rhone-alpes",
        "forums": forums, "targets": {"unique_participants": 5, "unique_organisations": 5},
    }, name="prog.yaml")


def test_new_and_returning_by_hand(programme):
    """2019: A, B attend (2 new). 2020: A (case/space variant, returning), D and C (C was a
    no-show in 2019: new). 2021: A and B return, E is new (D is a no-show)."""
    m = analyse_programme(programme).metrics
    assert [(f["new_participants"], f["returning_participants"]) for f in m["forums"]] == [
        (2, 0), (2, 1), (1, 2)]
    assert [f["event"]["id"] for f in m["forums"]] == ["forum-2019", "forum-2020", "forum-2021"]


def _with_history(folder: Path, year: int, history: list[str]) -> Path:
    import yaml

    path = folder / f"forum-{year}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["history"] = history
    return write_params(folder, data, name=f"forum-{year}-h.yaml")


def test_a_forum_report_counts_returning_people_from_its_history(programme):
    """The same hand counts from one forum's own params: 2021 lists 2019 and 2020, so A
    and B are returning (A under another spelling of the e-mail in 2020), E is new; 2020
    listing 2019: A returning; C (a 2019 no-show) and D new."""
    from peakreport.measure.analysis import analyse

    folder = programme.parent
    a21 = analyse(_with_history(folder, 2021, ["forum-2019.yaml", "forum-2020.yaml"]))
    assert a21.metrics.data["audience"]["new_participants"] == 1
    assert a21.metrics.data["audience"]["returning_participants"] == 2
    assert a21.history.titles == ["Forum 2019", "Forum 2020"]
    a20 = analyse(_with_history(folder, 2020, ["forum-2019.yaml"]))
    assert (a20.metrics.data["audience"]["new_participants"],
            a20.metrics.data["audience"]["returning_participants"]) == (2, 1)
    # and the programme's own entries carry the same numbers in their audience
    forums = analyse_programme(programme).metrics["forums"]
    assert [(f["audience"]["new_participants"], f["audience"]["returning_participants"])
            for f in forums] == [(2, 0), (2, 1), (1, 2)]


def test_without_history_new_and_returning_are_null_with_a_reason(programme):
    from peakreport.measure.analysis import analyse

    a = analyse(programme.parent / "forum-2021.yaml")
    assert a.metrics.data["audience"]["returning_participants"] is None
    assert a.metrics.reasons["audience.returning_participants"] == "no_history"


def test_an_earlier_forum_without_check_in_leaves_returning_null(programme):
    from peakreport.measure.analysis import analyse

    folder = programme.parent
    (folder / "r2018.csv").write_text("Email;Prénom;Nom\na@x.fr;Anne;Roux\n", encoding="utf-8")
    write_params(folder, {"event": {"id": "forum-2018", "title": "Forum 2018",
                                    "date": "2018-12-15"},
                          "registrations": {"path": "r2018.csv"}}, name="forum-2018.yaml")
    a = analyse(_with_history(folder, 2019, ["forum-2018.yaml"]))
    assert a.metrics.data["audience"]["returning_participants"] is None
    assert a.metrics.reasons["audience.new_participants"] == "history_without_checkin"


@pytest.mark.parametrize("history, expected", [
    (["forum-2021-h.yaml"], "lists this forum's own params file"),
    (["forum-1999.yaml"], "earlier forum's params file not found"),
])
def test_a_wrong_history_names_the_entry(programme, history, expected, capsys):
    _with_history(programme.parent, 2021, history)
    path = programme.parent / "forum-2021-h.yaml"
    assert main(["metrics", str(path)]) == 2
    err = capsys.readouterr().err
    assert "history[0]" in err and expected in err and str(path.name) in err


def test_totals_by_hand(programme):
    """Unique people A B C D E; organisations alpha beta gamma delta ('alpha ', 'ALPHA'
    are Alpha); communities from each person's latest attended forum: A 2021 company (not
    2020's Collectivité), B training, C company (2020), D expert (2020, no-show in 2021),
    E company. Satisfaction pooled: (5+4+3+4+5+2+4)/7; NPS: 3 promoters (10, 9, 9) and
    2 detractors (6, 0) of 7."""
    m = analyse_programme(programme).metrics
    t = m["totals"]
    assert t["unique_participants"] == 5
    assert t["unique_organisations"] == 4
    assert t["by_community"] == {"company": 3, "training": 1, "institution": 0, "expert": 1,
                                 "other": 0}
    assert t["satisfaction_mean"] == pytest.approx(27 / 7)
    assert t["nps"] == pytest.approx(100 * (3 - 2) / 7)
    assert t["nps_answers"] == 7
    assert m["targets"]["unique_participants"] == {"target": 5, "actual": 5, "met": True}
    assert m["targets"]["unique_organisations"]["met"] is False
    assert m["schema_version"] == 1 and m["programme"] == {"id": "prog",
                                                          "title": "Programme test"}


def test_retention_and_cumulative_by_hand(programme):
    pa = analyse_programme(programme)
    r = retention(pa.attendance, 3)
    assert [(x["back"], x["of"]) for x in r] == [(1, 2), (1, 3)]  # A back each year
    assert r[0]["by_community"]["company"] == (1, 1)  # A, a company in 2019, came back
    assert cumulative(pa.attendance, 3) == [(2, 2), (4, 4), (5, 4)]


def test_each_forum_is_compared_with_the_one_before_it(programme):
    """As each forum's report compares with the latest of its history: 2019 has nothing
    before it; 2020's NPS against 2019's, by the adjusted-Wald difference."""
    forums = analyse_programme(programme).metrics["forums"]
    assert forums[0]["change"] is None
    assert [f["change"]["previous_event"]["id"] for f in forums[1:]] == ["forum-2019",
                                                                        "forum-2020"]
    # NPS 2019: answers 10, 9 -> +100; 2020: 6, 8 -> one detractor of 2 -> -50
    nps = forums[1]["change"]["survey.nps"]
    assert nps["previous"] == 100 and nps["delta"] == pytest.approx(-150)
    # two answers a side: the change is given, never tested (stats.MIN_N)
    assert nps["detectable"] is None and nps["significant"] is None
    # the programme's report says so in words
    assert all("hausse" not in h["text"] and "baisse" not in h["text"]
               for f in forums for h in f["highlights"])


def test_programme_report_end_to_end(programme, tmp_path):
    from peakreport.publish.run import run_programme

    run_programme(programme, out=tmp_path / "out", quiet=True)
    folder = tmp_path / "out" / "prog"
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "Programme test" in html and 'id="participants_section"' in html
    # forum-to-forum changes in words, and the maps by region and by département
    # (two or three answers a forum: every change given, none tested)
    assert "Évolution d&#x27;un forum au suivant" in html
    assert "non testable (trop peu de réponses)" in html
    assert 'id="regions-map"' in html and 'id="territory-map"' in html
    assert "<script src=" not in html and "params_path" not in html
    m = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    assert m["totals"]["unique_participants"] == 5
    for leak in ("a@x.fr", "Anne Roux", "Roux Anne"):
        assert leak not in html and leak not in json.dumps(m)
    assert (folder / "report.pdf").stat().st_size > 10_000


def test_sample_programme_params():
    pa = analyse_programme(ROOT / "params" / "peak-3.yaml")
    assert [f["event"]["id"] for f in pa.metrics["forums"]] == [
        f"forum-peak-{y}" for y in range(2018, 2022)]
    f = pa.metrics["forums"]
    assert f[0]["returning_participants"] == 0
    assert all(x["new_participants"] + x["returning_participants"]
               == x["registrations"]["attended"] for x in f)


@pytest.mark.parametrize("jobs, forums, cores, expected", [
    (2, 8, 2, 1),   # the benchmark: one worker, two forums at a time, keeps 2 cores busy
    (2, 4, 2, 1),
    (2, 8, 4, 2),   # a worker per two cores
    (2, 5, 4, 2),
    (4, 8, 4, 2),
    (4, 12, 8, 4),
    (3, 2, 16, 2),  # never more workers than forums
    (0, 5, 2, 1),
])
def test_worker_count(jobs, forums, cores, expected):
    assert worker_count(jobs, forums, cores) == expected


def test_batch_with_one_broken_forum(programme, tmp_path, capsys, monkeypatch):
    import tempfile

    # a temp folder of its own: another run on the machine (a second test suite) makes
    # and removes Chromium profiles in the shared one while this test looks
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setenv("TMPDIR", str(private))
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    forums = [programme.parent / "forum-2019.yaml", programme.parent / "forum-2020.yaml"]
    broken = programme.parent / "broken.yaml"
    broken.write_text(programme.parent.joinpath("forum-2021.yaml").read_text()
                      .replace("r2021.csv", "missing.csv"), encoding="utf-8")
    # as on a machine with cores to spare: two worker processes for three forums
    items = run_batch([forums[0], broken, forums[1]], out=tmp_path / "out", jobs=2,
                      to="html,pdf", cores=8)
    assert [it.status for it in items] == ["ok", "failed", "ok"]
    assert "missing.csv: registrations file not found" in items[1].message
    assert (tmp_path / "out/forum-2019/report.html").exists()
    assert (tmp_path / "out/forum-2020/report.html").exists()
    assert (tmp_path / "out/forum-2020/report.pdf").exists()  # the workers ran a Chromium
    # the workers' Chromium profiles are removed when the pool ends (not left for the next
    # run's sweep of dead processes' profiles)
    assert not list(private.glob("peakreport-chromium-*"))
    table = summary_table(items)
    assert "broken.yaml" in table and "2 of 3 forum reports written" in table
    code = main(["batch", str(forums[0]), str(broken), "--jobs", "2", "--to", "html",
                 "--out", str(tmp_path / "cli"), "--quiet"])
    out = capsys.readouterr().out
    assert code == 1 and "failed" in out and "1 of 2 forum reports written" in out


def test_batch_in_one_process_runs_two_forums_at_a_time(programme, tmp_path):
    """jobs=1: one kernel and one Chromium, two forums in flight (one's notebook runs
    while the other prints); each forum's report is its own, a failure stays in its forum."""
    forums = [programme.parent / f"forum-{y}.yaml" for y in (2019, 2020, 2021)]
    broken = tmp_path / "broken.yaml"
    broken.write_text(forums[2].read_text().replace("r2021.csv", "missing.csv"),
                      encoding="utf-8")
    items = run_batch([forums[0], forums[1], forums[2], broken], out=tmp_path / "out", jobs=1,
                      to="html,pdf")
    assert [it.status for it in items] == ["ok", "ok", "ok", "failed"]
    for year in (2019, 2020, 2021):
        folder = tmp_path / f"out/forum-{year}"
        metrics = json.loads((folder / "metrics.json").read_text("utf-8"))
        assert metrics["event"]["id"] == f"forum-{year}"
        assert str(year) in (folder / "report.html").read_text("utf-8")
        assert (folder / "report.pdf").stat().st_size > 10_000
