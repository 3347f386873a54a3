"""Registration states beyond cancelled (issue 17, class 4), rating columns that cannot be
scored silently (class 8), and columns that are never the satisfaction or NPS question
(derived columns, class 6; grid rows). Figures worked out by hand in each test."""

from __future__ import annotations

import pytest

from peakreport.cli import main
from peakreport.data.params_writer import write_params
from peakreport.i18n import lang
from peakreport.measure.analysis import analyse
from peakreport.measure.sanity import checks, describe

from .conftest import base_params
from .conftest import write_params as write_yaml

# Indico, pretix, Billetweb and Weezevent wording of one registration state each
STATES = """Email;Nom;Statut;Présent
a@x.fr;A;Completed;oui
b@x.fr;B;Withdrawn;
c@x.fr;C;Rejected;
d@x.fr;D;Désinscrit;
e@x.fr;E;Annulée;
f@x.fr;F;Refusée;
g@x.fr;G;Liste d'attente;
h@x.fr;H;Waitlist;oui
i@x.fr;I;Validé;
j@x.fr;J;canceled;
j@x.fr;J;Validé;oui
k@x.fr;K;Waitlist;
k@x.fr;K;Annulé;
"""


def test_cancellation_words_and_the_waiting_list(tmp_path):
    (tmp_path / "r.csv").write_text(STATES, encoding="utf-8")
    reg = analyse(write_yaml(tmp_path, base_params("r.csv", None))).metrics.data["registrations"]
    # registered: A, I, and J (cancelled once, then registered again) = 3
    # cancelled: B, C, D, E, F (all their rows cancelled) = 5
    # waitlisted (neither): G, H, and K (waitlisted, then cancelled: never registered) = 3
    # attended: A and J; H was marked present but is not registered = 2
    assert (reg["registered"], reg["cancelled"], reg["waitlisted"]) == (3, 5, 3)
    assert reg["attended"] == 2 and reg["attendance_rate"] == pytest.approx(2 / 3)


def test_waitlisted_labels_in_the_params_values(tmp_path):
    (tmp_path / "r.csv").write_text("Email;Statut\na@x.fr;OK\nb@x.fr;En réserve\n",
                                    encoding="utf-8")
    data = base_params("r.csv", None)
    data["registrations"]["values"] = {"status": {"En réserve": "waitlisted"}}
    reg = analyse(write_yaml(tmp_path, data)).metrics.data["registrations"]
    assert (reg["registered"], reg["cancelled"], reg["waitlisted"]) == (1, 0, 1)


REG = "Email;Nom;Présent\na@x.fr;A;oui\nb@x.fr;B;oui\nc@x.fr;C;oui\n"


def _survey(tmp_path, labels, name="s.csv"):
    rows = ["Horodateur,Adresse e-mail,Êtes-vous satisfait(e) du forum ?,"
            "Recommanderiez-vous le forum ? (0 à 10)"]
    rows += [f"15/12/2021 1{i}:00:00,{e},{lab},{9 - i}"
             for i, (e, lab) in enumerate(zip(["a@x.fr", "b@x.fr", "c@x.fr", "d@x.fr"],
                                              labels, strict=False))]
    (tmp_path / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "r.csv").write_text(REG, encoding="utf-8")


def test_intensifiers_give_the_hand_mean(tmp_path):
    # Extrêmement 5, Tout à fait 5, Plutôt 4, Peu 2: (5 + 5 + 4 + 2) / 4 = 4.0; the old
    # reading ("satisfait" inside every label = 4) gave (4 + 4 + 4 + 2) / 4 = 3.5
    _survey(tmp_path, ["Extrêmement satisfait·e", "Tout à fait satisfait(e)",
                       "Plutôt satisfait.e", "Peu satisfait(e)"])
    s = analyse(write_yaml(tmp_path, base_params("r.csv", "s.csv"))).metrics.data["survey"]
    assert s["satisfaction_mean"] == pytest.approx((5 + 5 + 4 + 2) / 4)


def test_labels_that_are_not_one_scale_are_never_scored_silently(tmp_path, capsys):
    # "Très satisfait" and "Extrêmement satisfait" both mean the top; with "Satisfait" and
    # "Plutôt satisfait" there are four labels for the two upper places of five
    labels = ["Extrêmement satisfait", "Très satisfait", "Satisfait", "Plutôt satisfait"]
    _survey(tmp_path, labels)
    params = write_yaml(tmp_path, base_params("r.csv", "s.csv"))
    a = analyse(params)
    s = a.metrics.data["survey"]
    assert s["satisfaction_mean"] is None and s["csat"] is None
    assert a.metrics.reasons["survey.satisfaction_mean"] == "satisfaction_labels_unordered"
    assert s["nps"] is not None and s["responses"] == 4  # the rows are kept
    # the report's data warnings name the labels
    warned = [describe(c, lang("en")) for c in checks(a) if c.code == "unordered_labels"]
    assert len(warned) == 1 and all(repr(x) in warned[0] for x in labels)
    # validate names them too
    assert main(["validate", str(params)]) == 0
    assert "cannot all be placed on one 1–5 scale ('Extrêmement satisfait'" in (
        capsys.readouterr().out)
    # init marks the column "check"
    path, to_check = write_params(tmp_path / "r.csv", tmp_path / "s.csv", event_id="x",
                                  date="2021-12-15", out_dir=tmp_path / "params")
    assert "# check: its labels (" in path.read_text()
    assert any("cannot all be placed" in c for c in to_check)


def test_a_derived_nps_group_column_is_never_the_nps(tmp_path):
    # an NPS group column (Promoter / Passive / Detractor) named like the question, first
    (tmp_path / "r.csv").write_text(REG, encoding="utf-8")
    (tmp_path / "s.csv").write_text(
        "Email,Recommanderiez-vous le forum ? - Group,Recommanderiez-vous le forum ?\n"
        "a@x.fr,Promoter,10\nb@x.fr,Passive,7\nc@x.fr,Detractor,2\n", encoding="utf-8")
    a = analyse(write_yaml(tmp_path, base_params("r.csv", "s.csv")))
    assert a.survey.mapping.column("nps") == "Recommanderiez-vous le forum ?"
    assert a.metrics.data["survey"]["nps"] == pytest.approx(100 * (1 / 3 - 1 / 3))


def test_a_grid_row_is_never_the_satisfaction(tmp_path):
    # Google Forms grid: "Question [Row]"; no overall satisfaction question
    (tmp_path / "r.csv").write_text(REG, encoding="utf-8")
    (tmp_path / "s.csv").write_text(
        "Horodateur,Adresse e-mail,Êtes-vous satisfait(e) des ateliers ? [Atelier A],"
        "Êtes-vous satisfait(e) des ateliers ? [Atelier B]\n"
        "15/12/2021 10:00:00,a@x.fr,5,4\n15/12/2021 11:00:00,b@x.fr,3,2\n", encoding="utf-8")
    a = analyse(write_yaml(tmp_path, base_params("r.csv", "s.csv")))
    assert a.survey.mapping.column("satisfaction") is None
    assert a.metrics.reasons["survey.satisfaction_mean"] == "no_satisfaction_question"


def test_kobotoolbox_submission_sent_twice_counts_once_even_when_anonymous(tmp_path):
    # no e-mail question: only the _uuid tells the same submission sent twice
    (tmp_path / "r.csv").write_text(REG, encoding="utf-8")
    head = '"Êtes-vous satisfait·e du forum ?";"_id";"_uuid";"_submission_time";"_index"'
    rows = ['"Très satisfait·e";"1";"u-1";"2021-12-15T10:00:00";"1"',
            '"Peu satisfait·e";"2";"u-2";"2021-12-15T11:00:00";"2"',
            '"Très satisfait·e";"3";"u-1";"2021-12-15T10:00:00";"3"']
    (tmp_path / "s.csv").write_text("\r\n".join([head, *rows]) + "\r\n", encoding="utf-8")
    a = analyse(write_yaml(tmp_path, base_params("r.csv", "s.csv")))
    s = a.metrics.data["survey"]
    assert s["responses"] == 2 and s["satisfaction_mean"] == pytest.approx((5 + 2) / 2)
    assert list(a.survey.rejected["code"]) == ["duplicate_submission"]
