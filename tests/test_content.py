"""content: aggregates for the report, small groups suppressed, comments masked."""

from __future__ import annotations

from peakreport.measure import aggregates as content
from peakreport.measure.analysis import analyse

from .conftest import base_params, write_params


def _forum(tmp_path, survey_rows, reg_rows, **extra):
    (tmp_path / "r.csv").write_text("Email;Prénom;Nom;Type de structure;Présent\n"
                                    + "\n".join(reg_rows) + "\n", encoding="utf-8")
    (tmp_path / "s.csv").write_text("Adresse e-mail,Satisfaction globale,Commentaires\n"
                                    + "\n".join(survey_rows) + "\n", encoding="utf-8")
    return analyse(write_params(tmp_path, base_params("r.csv", "s.csv", **extra)))


def test_one_small_group_forces_a_second_suppression(tmp_path):
    # companies: 6 respondents, training: 5, experts: 2 (< 5).
    # Hiding experts alone would let a reader subtract: the next smallest (training) goes too.
    reg, sur = [], []
    for i, (comm, n) in enumerate([("Entreprise", 6), ("Université", 5), ("Consultant", 2)]):
        for j in range(n):
            reg.append(f"p{i}{j}@x.fr;P;N{i}{j};{comm};oui")
            sur.append(f"p{i}{j}@x.fr,{4 + (j % 2)},")
    a = _forum(tmp_path, sur, reg)
    stats = {g.group: g for g in content.satisfaction_by_community(a)}
    assert stats["company"].suppressed is False and stats["company"].n == 6
    assert stats["expert"].suppressed and stats["expert"].mean is None
    assert stats["training"].suppressed and stats["training"].n is None


def test_no_second_suppression_when_none_is_small(tmp_path):
    reg = [f"p{j}@x.fr;P;N{j};Entreprise;oui" for j in range(5)]
    sur = [f"p{j}@x.fr,5," for j in range(5)]
    stats = content.satisfaction_by_community(_forum(tmp_path, sur, reg))
    assert [(g.group, g.suppressed) for g in stats] == [("company", False)]


def test_comments_masked_deduplicated_and_not_in_submission_order(tmp_path):
    reg = ["camille@x.fr;Camille;Rousseau;Entreprise;oui", "b@x.fr;Louis;Martin;PME;oui"]
    numbered = [f",5,Commentaire numéro {i} sur le forum" for i in range(8)]
    sur = ["camille@x.fr,5,Merci à Rousseau Camille pour l'accueil",
           "b@x.fr,4,Écrivez-moi : louis.martin@exemple.fr ou 06 12 34 56 78",
           ",4,Merci pour tout !",
           ",4,Merci pour tout !", *numbered]
    a = _forum(tmp_path, sur, reg)
    shown = content.comments(a)
    assert "Merci à […] pour l'accueil" in shown
    assert "Écrivez-moi : […] ou […]" in shown
    assert shown.count("Merci pour tout !") == 1
    assert len(shown) == 11
    order = [c for c in shown if c.startswith("Commentaire numéro")]
    assert len(order) == 8 and order != sorted(order)  # 1 chance in 40,320 to coincide
    assert content.comments(a) == shown  # and the order is stable between runs


def test_comments_excluded(tmp_path):
    a = _forum(tmp_path, ["a@x.fr,5,un commentaire assez long"], ["a@x.fr;A;B;PME;oui"],
               privacy={"comments": "exclude"})
    assert content.comments(a) is None


def test_questions_below_group_size_are_suppressed(hand_forum):
    a = analyse(hand_forum)
    assert content.questions(a) == []  # the hand forum has no extra question


def test_quality_reasons_hold_no_cell_values(hand_forum):
    files = content.quality(analyse(hand_forum))
    keys = {k for f in files for k, _ in f.reasons}
    assert keys == {"footer", "bad_satisfaction", "bad_nps", "exact_duplicate", "superseded"}


def test_top_counts_merges_labels_that_differ_by_case_or_spaces():
    import pandas as pd

    labels = pd.Series(["Automobile"] * 3 + [" automobile", "optique", "Optique", "Optique ",
                                             "Plasturgie", None, " "])
    assert content.top_counts(labels) == [("Automobile", 4), ("Optique", 3), ("Plasturgie", 1)]
    assert content.top_counts(labels, top=1, other="Autres") == [("Automobile", 4),
                                                                 ("Autres", 4)]
