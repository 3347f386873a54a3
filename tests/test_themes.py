"""Comment themes: the bundled dictionary, the params' changes, counts by hand, masked quotes."""

from __future__ import annotations

import pytest

from peakreport.measure.analysis import analyse
from peakreport.measure.themes import (
    Matcher,
    Theme,
    bundled,
    comment_metrics,
    dictionary,
    is_comment,
    stem,
)
from peakreport.text import fold

from . import grids as G
from .conftest import base_params, write_params


@pytest.mark.parametrize(("a", "b"), [
    ("réseau", "Réseaux"), ("rencontre", "rencontrés"), ("rencontre", "rencontrer"),
    ("atelier", "ateliers"), ("intervenant", "intervenantes"), ("local", "locaux"),
    ("networking", "network"), ("activity", "activities"), ("contenu", "contenus"),
    ("échange", "échangé"), ("organisée", "organisé"), ("durée", "durées")])
def test_forms_of_one_word_meet(a, b):
    assert stem(fold(a)) == stem(fold(b))


@pytest.mark.parametrize(("a", "b"), [("durée", "dure"), ("avis", "avi"), ("bus", "bu"),
                                      ("salle", "sall"), ("venue", "venu")])
def test_short_words_keep_their_ending(a, b):
    # a rule that cut every final e or s would make "durée" (length) "dure" (hard)
    assert stem(fold(a)) != stem(fold(b))


def test_phrases_prefixes_and_words():
    themes = [Theme("a", "A", ("mise en relation",)), Theme("b", "B", ("organis*",)),
              Theme("c", "C", ("salle",))]
    match = Matcher(themes)
    assert match("Très bonnes mises en relation !") == {0}
    assert match("La mise, en somme, relation") == set()  # words apart are not the phrase
    assert match("Organisateurs au top") == {1}
    assert match("Les SALLES étaient froides") == {2}
    assert match("Salle bien organisée, belle mise en relation") == {0, 1, 2}


def test_every_bundled_theme_has_both_names_and_words():
    for key, t in bundled().items():
        assert t["fr"] and t["en"] and t["words"], key
    assert {"networking", "content", "speakers", "organisation", "timing", "follow_up",
            "venue"} <= set(bundled())


def test_params_replace_extend_and_remove_themes():
    base = {t.key: t for t in dictionary("fr")}
    themes = {t.key: t for t in dictionary("fr", {
        "Réseautage": ["réseau", "rencontre", "échanges"],  # the bundled French name
        "Venue and rooms": [],                               # the bundled English name
        "Innovation": ["innovation", "innover"]})}
    assert themes["networking"].words == ("réseau", "rencontre", "échanges")
    assert themes["networking"].name == "Réseautage"
    assert "venue" not in themes
    assert themes["Innovation"].words == ("innovation", "innover")
    assert set(themes) == set(base) - {"venue"} | {"Innovation"}
    assert dictionary("en")[0].name == "Networking"


def test_comment_metrics_by_hand():
    themes = [Theme("n", "Réseau", ("réseau",)), Theme("s", "Salle", ("salle",)),
              Theme("x", "Absent", ("zzz",))]
    texts = ["Réseau", "réseaux !", "Bon réseau, salle froide", "Salle", "RAS"]
    m = comment_metrics(texts, themes, min_group_size=3)
    # réseau in 3 of 5 comments; salle in 2 (< 3: null); zzz in none (not listed)
    assert m == {"count": 5, "themes": [
        {"theme": "Réseau", "key": "n", "count": 3, "share": 3 / 5},
        {"theme": "Salle", "key": "s", "count": None, "share": None}]}


@pytest.mark.parametrize(("text", "is_one"), [("RAS", True), ("-", False), (" ", False),
                                              ("...", False), ("5", True), (None, False)])
def test_what_is_a_comment(text, is_one):
    assert is_comment(text) is is_one


def test_the_grid_forum_themes_by_hand(tmp_path):
    """tests/grids.py: 9 comments (r1 r2 r3 r4 r6 r8 r9 r10 r11; r5 "-" and r7 blank are
    not); networking in r1 réseau, r3 rencontres, r6 échanges, r8 networking, r9 Réseaux
    → 5/9; content and timing (r2), venue (r10), organisation (r11) once each → "< 5",
    listed after, in the dictionary's order; r1's superseded "Contact: …" not counted."""
    exports = tmp_path / "x"
    exports.mkdir()
    reg, survey = G.registrations(exports), G.google_forms(exports)
    data = base_params(reg=str(reg), survey=str(survey))
    c = analyse(write_params(tmp_path, data)).metrics.data["comments"]
    assert c["count"] == 9
    assert c["themes"][0] == {"theme": "Réseautage", "key": "networking", "count": 5,
                              "share": pytest.approx(5 / 9)}
    assert [(t["key"], t["count"]) for t in c["themes"][1:]] == [
        ("content", None), ("organisation", None), ("timing", None), ("venue", None)]


def test_a_params_theme_counts_its_own_words(tmp_path):
    exports = tmp_path / "x"
    exports.mkdir()
    reg, survey = G.registrations(exports), G.google_forms(exports)
    data = base_params(reg=str(reg), survey=str(survey))
    data["survey"]["themes"] = {"Réseautage": ["réseau"], "Ateliers": ["atelier", "salle"]}
    c = analyse(write_params(tmp_path, data)).metrics.data["comments"]
    got = {t["key"]: t["count"] for t in c["themes"]}
    # réseau: r1 "réseau", r9 "Réseaux" → 2 (< 5); atelier/salle: r2, r10 → 2
    assert got["networking"] is None and got["Ateliers"] is None
    assert c["themes"][-1]["theme"] == "Ateliers"


def test_theme_quotes_are_masked_escaped_and_not_repeated(tmp_path):
    from peakreport.notebook import EventReport

    survey = ["Horodateur,Adresse e-mail,Commentaires"]
    texts = ["Super réseau avec Camille Rousseau, écrivez-moi : c.r@alpha.fr",
             "Réseau <b>riche</b> et <script>alert(1)</script> rencontres",
             "Bon réseau", "Beau réseau", "Un réseau utile pour nous", "Réseau"]
    for i, t in enumerate(texts):
        survey.append(f'15/12/2021 1{i}:00:00,p{i}@x.fr,"{t}"')
    (tmp_path / "survey.csv").write_text("\n".join(survey) + "\n", encoding="utf-8")
    (tmp_path / "registrations.csv").write_text(
        "Email;Nom;Prénom;Présent\r\ncamille@a.fr;Rousseau;Camille;Oui\r\n", encoding="utf-8")
    report = EventReport(write_params(tmp_path, base_params()), interactive=False)
    quotes = report.data.themes[0].quotes
    assert len(quotes) == 2
    html = report.themes().html
    assert "Camille" not in html and "c.r@alpha.fr" not in html
    assert "<script>alert" not in html and "<b>riche" not in html
    # a comment quoted under its theme is not repeated in the selection that follows
    assert not set(quotes) & set(report.data.comments)


def test_no_quotes_when_comments_are_excluded(tmp_path):
    exports = tmp_path / "x"
    exports.mkdir()
    reg, survey = G.registrations(exports), G.google_forms(exports)
    data = base_params(reg=str(reg), survey=str(survey), privacy={"comments": "exclude"})
    from peakreport.notebook import EventReport

    report = EventReport(write_params(tmp_path, data), interactive=False)
    assert report.data.themes[0].count == 5 and report.data.themes[0].quotes == []
    assert "blockquote" not in report.themes().html
