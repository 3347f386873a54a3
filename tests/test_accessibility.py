"""Accessibility (SPEC, Accessibility): contrast and colour-blind safety of the palette, the
charts' text alternatives, words rather than colour, lang on foreign text, the tagged PDF and
its bookmarks, and axe-core in a real Chromium at 1280 px and 320 px."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from peakreport.i18n import Foreign, guess_language, lang
from peakreport.notebook import figures
from peakreport.notebook import fragments as render

from .conftest import ROOT

FR, EN = lang("fr"), lang("en")
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# ---------------------------------------------------------------- colour

def _luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str = "#ffffff") -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_against_published_values():
    # WebAIM's checker: #767676 on white is 4.54:1; black on white 21:1
    assert round(contrast("#767676"), 2) == 4.54
    assert round(contrast("#000000"), 1) == 21.0


MARKS = [*figures.PALETTE.values(), *figures.COMMUNITY_COLOURS.values(), *figures.SCALE5,
         *figures.NPS_COLOURS]


@pytest.mark.parametrize("colour", sorted(set(MARKS)))
def test_every_mark_takes_white_text_at_4_5_to_1(colour):
    # 4.5:1 against white: the mark reaches 3:1 (WCAG 1.4.11) and the white labels inside
    # stacked bars reach 4.5:1 (1.4.3)
    assert contrast(colour) >= 4.5


def test_the_old_palette_failed_the_same_check():
    old = ["#2a9d8f", "#e9c46a", "#d9e2ec", "#bdc3c7", "#7fb3d5", "#e67e22", "#8d99ae"]
    assert all(contrast(c) < 4.5 for c in old)


def _distances(colours: list[str], pairs) -> dict[str, float]:
    """The smallest CAM02-UCS distance between the given pairs of colours, as seen with
    normal vision and with each simulated deficiency at full severity (Machado et al. 2009,
    as implemented by colorspacious)."""
    import numpy as np
    from colorspacious import cspace_convert

    pairs = list(pairs)
    rgb = np.array([[int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)] for c in colours])
    out = {}
    for kind in ("normal", "deuteranomaly", "protanomaly", "tritanomaly"):
        seen = rgb if kind == "normal" else np.clip(cspace_convert(
            rgb, {"name": "sRGB1+CVD", "cvd_type": kind, "severity": 100}, "sRGB1"), 0, 1)
        ucs = cspace_convert(seen, "sRGB1", "CAM02-UCS")
        out[kind] = min(float(np.linalg.norm(ucs[a] - ucs[b])) for a, b in pairs)
    return out


# ΔE 10 in CAM02-UCS: clearly different at a glance (a just-noticeable difference is ~1–2)
MIN_DISTANCE = 10


def test_community_colours_stay_apart_for_colour_blind_readers():
    colours = list(figures.COMMUNITY_COLOURS.values())
    d = _distances(colours, itertools.combinations(range(len(colours)), 2))
    assert min(d.values()) >= MIN_DISTANCE, d


def test_neighbours_of_the_1_to_5_scale_and_of_the_nps_stay_apart():
    for colours in (figures.SCALE5, figures.NPS_COLOURS):
        d = _distances(colours, [(i, i + 1) for i in range(len(colours) - 1)])
        assert min(d.values()) >= MIN_DISTANCE, (colours, d)


def test_the_old_stacked_colours_were_too_close():
    old_communities = ["#1d3f72", "#2a9d8f", "#e9c46a", "#e76f51", "#8d99ae"]
    d = _distances(old_communities, itertools.combinations(range(5), 2))
    assert d["deuteranomaly"] < MIN_DISTANCE


# ---------------------------------------------------------------- charts in text

def all_figures(L):
    day = dt.date(2021, 10, 1)
    return [
        figures.hbar(["A", "B", "C"], [6, 3, 1], L, "t", category="cat"),
        figures.hbar(["Rhône (69)", "Allier (03)"], [3, 1], L, "t", inside=[True, False]),
        figures.cumulative_registrations([day, day + dt.timedelta(days=3)], [2, 8],
                                         dt.date(2021, 12, 15), L),
        figures.satisfaction_distribution([1, 0, 2, 3, 4], L),
        figures.nps_bar(2, 3, 5, L),
        figures.questions_stacked(["Q1", "Q2"], [[0, 1, 2, 3, 4], [5, 0, 0, 0, 5]], L),
        figures.grouped_bars(["2020", "2021"], {"Inscrits": [10, 12], "Présents": [8, 9]}, L,
                             "t", colours=figures.NPS_COLOURS),
        figures.grouped_bars(["2020", "2021"], {"a": [0.25, 0.5], "b": [0.75, 0.5]}, L, "t",
                             colours=figures.NPS_COLOURS, stacked=True, percent=True),
        figures.trend_with_errors(["2020", "2021"], [10.0, -5.0], [12.0, 9.0], L, "t", "NPS"),
        figures.lines(["2020", "2021"], {"x": [3.5, 4.25]}, L, "t",
                      colours=[figures.PALETTE["primary"]], y_range=(1, 5.4)),
        figures.ranked_means(["A", "B", "C"], [3.5, 4.25, 2.0], [(3.1, 3.9), (4.0, 4.5), None],
                             L, "t"),
    ]


NUMBER = re.compile(r"[−+]?\d+(?:[,.\u202f]\d+)*(?:\u202f?%)?")


@pytest.mark.parametrize("L", [FR, EN], ids=["fr", "en"])
def test_every_number_drawn_on_a_chart_is_in_its_table(L):
    for fig in all_figures(L):
        alt = figures.describe(fig)
        values = {n for row in alt.rows for cell in row for n in NUMBER.findall(cell)}
        drawn = [t for trace in fig.data for t in (trace.text or []) if t]
        if getattr(fig.data[0], "mode", None) != "lines":  # the timeline draws a line, no numbers
            assert drawn, fig
        for text in drawn:
            assert set(NUMBER.findall(text)) <= values, (text, alt.rows)
        assert alt.summary and all(h for h in alt.headers)  # no empty header cell


def test_ranked_means_table_and_summary_by_hand():
    fig = figures.ranked_means(["A", "B", "C"], [3.5, 4.25, 2.0],
                               [(3.1, 3.9), (4.0, 4.5), None], FR, "t")
    alt = figures.describe(fig)
    # best first; an interval that could not be computed is a dash, not a made-up width
    assert alt.rows == [["B", "4,2", "4,0 – 4,5"], ["A", "3,5", "3,1 – 3,9"], ["C", "2,0", "–"]]
    assert "".join(alt.summary) == (
        "3 sessions : la mieux notée est « B » (4,2 sur 5, intervalle 4,0 – 4,5), la moins "
        "bien notée « C » (2,0, intervalle –).")
    assert list(fig.data[0].error_x.array) == pytest.approx([0.25, 0.4, 0])
    assert list(fig.data[0].error_x.arrayminus) == pytest.approx([0.25, 0.4, 0])


def test_hbar_table_and_summary_by_hand():
    alt = figures.describe(figures.hbar(["A", "B", "C"], [6, 3, 1], FR, "t", category="cat"))
    assert alt.headers == ["cat", "Personnes", "Part"]
    assert alt.rows == [["A", "6", "60\u202f%"], ["B", "3", "30\u202f%"], ["C", "1", "10\u202f%"]]
    assert "".join(alt.summary) == ("Sur 10 personnes, la plus grande part est « A » avec 6 "
                                    "(60\u202f%), puis « B » avec 3 (30\u202f%).")


def test_territory_is_said_in_words_and_drawn_in_outline():
    fig = figures.hbar(["Rhône (69)", "Allier (03)"], [3, 1], EN, "t", inside=[True, False])
    alt = figures.describe(fig)
    assert [r[-1] for r in alt.rows] == ["In the territory", "Outside the territory"]
    assert "In the territory: 3; outside it: 1." in "".join(alt.summary)
    # bars are drawn bottom-up: Allier first, in outline (white, with a grey border)
    assert fig.data[0].marker.color == ("white", figures.PALETTE["primary"])
    assert fig.data[0].marker.line.width == 2


def test_nps_summary_and_satisfaction_summary_by_hand():
    assert "".join(figures.describe(figures.nps_bar(2, 3, 5, EN)).summary) == (
        "Of 10 answers: 50% promoters, 30% passives, 20% detractors.")
    # 10 answers: 4 of "5", 3 of "4" -> 70 % answered 4 or 5
    assert "".join(figures.describe(figures.satisfaction_distribution(
        [1, 0, 2, 3, 4], EN)).summary) == (
        "Of 10 answers, the most frequent is “5 – Very satisfied” (40%); 70% answered 4 or 5.")


def test_chart_labels_are_never_smaller_than_the_small_text_and_segments_are_separated():
    # the report's small text, .pr-note, is 0.85rem of a 15 px root: 12.75 px
    for fig in all_figures(FR):
        assert fig.layout.font.size >= 12.75
        assert fig.layout.uniformtext.minsize == fig.layout.font.size
        assert fig.layout.uniformtext.mode == "hide"  # too small to fit: left out, not shrunk
        assert not fig.layout.title.text  # the title is the chart's HTML caption
        if fig.layout.barmode == "stack":
            assert all(t.marker.line.width >= 1 and t.marker.line.color == "white"
                       for t in fig.data)


def test_a_figure_made_elsewhere_gets_a_table_from_its_traces():
    import plotly.graph_objects as go

    # the values drawn, not the texts written on the bars (which may round or hide them)
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2.5], name="n", text=["1 u", "3 u"]))
    alt = figures.describe(fig, "Catégorie")
    assert alt.rows == [["a", "1"], ["b", "2,5"]] and alt.headers == ["Catégorie", "n"]
    fig.update_xaxes(title_text="Forum")
    assert figures.describe(fig).headers == ["Forum", "n"]


def test_chart_html_links_caption_summary_and_table():
    fig = figures.hbar([Foreign("Décolletage", "fr"), "B"], [2, 1], EN, "t")
    html = render.chart(fig, "chart-3", "By sector", values_label="Values",
                        values_caption="By sector: values")
    assert '<div class="pr-chart" role="group" aria-labelledby="chart-3-title" ' \
           'aria-describedby="chart-3-summary">' in html
    assert '<div class="pr-chart-title" id="chart-3-title">By sector</div>' in html
    # the drawing's SVG becomes the image named by the summary once drawn (draw.js)
    assert '<div class="pr-plot" id="chart-3"></div>' in html
    assert '<details class="pr-chart-values" id="chart-3-values">' in html
    assert '<p class="pr-chart-summary" id="chart-3-summary">' in html
    # the foreign label keeps its language in the summary and in the table
    assert '“<span lang="fr">Décolletage</span>” with 2' in html
    assert '<th scope="row" lang="fr">Décolletage</th>' in html
    assert "<details" in html and "<caption>By sector: values</caption>" in html
    assert "peakreport.draw('chart-3', " in html


def test_tables_are_keyboard_reachable_named_regions():
    html = render.table(["a", "b"], [["x", "1"]], numeric={1}, caption="Cap")
    assert html.startswith('<div class="pr-scroll" role="region" tabindex="0" '
                           'aria-label="Cap"><table')
    assert '<th scope="col" class="">a</th>' in html and '<th scope="row">x</th>' in html


def test_badges_say_met_or_missed_in_words():
    html = render.card("NPS", "+23", status=False, target="objectif +30",
                       verdict=FR.t("not_met"))
    assert 'class="pr-badge missed"><span aria-hidden="true">✗</span> ' \
           "objectif non atteint (objectif +30)</div>" in html
    assert "target met" in render.card("x", "1", status=True, target="target 1",
                                       verdict=EN.t("met"))


def test_guess_language():
    assert guess_language(["Les ateliers étaient trop courts", "Échanges entre participants"]
                          ) == "fr"
    assert guess_language(["The workshops were too short", "Networking with the others"]
                          ) == "en"
    assert guess_language(["Robotique", "Optique"]) is None  # one-word labels say nothing


# ---------------------------------------------------------------- the reports

def test_english_report_marks_french_input_text(report_en):
    html = (report_en / "report.html").read_text(encoding="utf-8")
    assert '<blockquote lang="fr">' in html
    assert '<th scope="row" lang="fr">Échanges entre participants</th>' in html
    assert '<h1><span lang="fr">Forum PEAK 2021' in html


def test_french_report_has_no_foreign_marks(report_fr):
    html = (report_fr / "report.html").read_text(encoding="utf-8")
    assert 'lang="en"' not in html and 'lang="fr"' not in html.split("<html", 1)[1][20:]


@pytest.fixture(scope="session")
def programme_report(tmp_path_factory, chromium) -> Path:
    from peakreport.publish.run import run_programme

    out = tmp_path_factory.mktemp("prog")
    run_programme(ROOT / "params" / "peak-3.yaml", out=out, quiet=True)
    return out / "peak-3"


def _outline(pdf: Path) -> list[tuple[int, str]]:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        return [(b.level, b.get_title()) for b in doc.get_toc()]
    finally:
        doc.close()


def _tagged(pdf: Path) -> bool:
    """pdfinfo's answer (poppler-utils) where it is installed, else the catalog's own."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                              check=True).stdout
        return re.search(r"^Tagged:\s+yes$", info, re.M) is not None
    from pypdf import PdfReader

    root = PdfReader(pdf).trailer["/Root"]
    return bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root


def test_forum_pdf_is_tagged_with_bookmarks_and_figure_alternatives(report_fr):
    pdf = report_fr / "report.pdf"
    assert _tagged(pdf)
    outline = _outline(pdf)
    titles = [t for level, t in outline if level == 1]
    assert titles[:13] == ["Sommaire", "Chiffres clés", "Faits marquants",
                           "Par rapport au forum précédent", "Public", "Inscriptions dans le temps",
                           "Satisfaction et recommandation", "Questions complémentaires",
                           "Sessions et ateliers", "Participation par groupe",
                           "Thèmes des commentaires", "Paroles de participants",
                           "Qualité des données et méthode"]
    assert titles[-1] == "Annexe : valeurs des graphiques"
    # each chart is one figure whose alternative text is its summary, numbers included
    from pypdf import PdfReader

    alts: list[str | None] = []

    def walk(node) -> None:
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if node.get("/S") == "/Figure":
            alts.append(str(node["/Alt"]) if node.get("/Alt") else None)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"])
    assert len(alts) == 11 and None not in alts  # no nested or nameless figure
    assert alts[0].startswith("Sur 124 personnes, la plus grande part est « Entreprises »")
    # the sessions chart (the 2021 sample's workshop grid) and the themes chart, by their text
    assert any(a.startswith("2 sessions : la mieux notée est « Atelier A") for a in alts)
    assert any(a.startswith("Sur 33 commentaires, le thème le plus fréquent") for a in alts)


def test_programme_pdf_is_tagged_with_bookmarks(programme_report):
    pdf = programme_report / "report.pdf"
    assert _tagged(pdf)
    titles = [t for level, t in _outline(pdf) if level == 1]
    assert "Évolution d'un forum à l'autre" in titles and "Couverture territoriale" in titles


def _axe(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})", WCAG_TAGS)
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]]


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("which", ["report_fr", "report_en", "programme_report"])
def test_axe_finds_no_wcag_a_or_aa_violation(which, width, request):
    from .browser import offline_page

    folder = request.getfixturevalue(which)
    with offline_page(folder / "report.html", width=width) as (page, seen):
        violations = _axe(page)
        # what a screen reader gets from each chart, and what plotly.js drew on it
        maps = page.eval_on_selector_all(".pr-map", """els => els.map(e => ({
            svg: [e.querySelector('svg').getAttribute('role'),
                  e.querySelector('svg').getAttribute('aria-labelledby')],
            summary_id: e.getAttribute('aria-describedby'),
            drawn: Array.from(e.querySelectorAll('svg text')).map(t => t.textContent),
            legend: Array.from(e.querySelectorAll('.pr-map-legend li')).map(
                li => li.textContent),
            cells: Array.from(e.querySelectorAll('table th, table td')).map(
                c => c.textContent)}))""")
        charts = page.eval_on_selector_all(".pr-chart:not(.pr-map)", """els => els.map(e => ({
            drawn: Array.from(e.querySelectorAll('.pr-plot svg text.bartext, '
                   + '.pr-plot svg .textpoint text')).map(t => t.textContent),
            sizes: Array.from(e.querySelectorAll('.pr-plot svg text')).map(
                t => parseFloat(getComputedStyle(t).fontSize)),
            summary: document.getElementById(e.getAttribute('aria-describedby')).textContent,
            cells: Array.from(e.querySelectorAll('table th, table td')).map(
                c => c.textContent),
            image: Array.from(e.querySelectorAll('.pr-plot svg')).map(
                s => [s.getAttribute('role'), s.getAttribute('aria-hidden'),
                      s.getAttribute('aria-labelledby'), s.getAttribute('aria-details')]),
            summary_id: e.getAttribute('aria-describedby'),
            values_id: e.querySelector('details').id}))""")
        tester = page.evaluate(
            "() => document.getElementById('js-plotly-tester').getAttribute('aria-hidden')")
        uncaptioned = page.evaluate("""() => Array.from(document.querySelectorAll('table'))
            .filter(t => !(t.caption && t.caption.textContent.trim())).length""")
        first_link = page.evaluate("""() => { const a = document.querySelector('a[href]');
            return [a.getAttribute('href'), a.textContent]; }""")
    assert violations == []
    assert seen.errors == []
    assert uncaptioned == 0
    assert first_link == ["#main", "Aller au contenu" if which != "report_en" else
                          "Skip to content"]
    assert charts and tester == "true"
    for chart in charts:
        # one image, named by the summary and pointing to the values; plotly's other SVG
        # layers hidden
        first, *others = chart["image"]
        assert first == ["img", None, chart["summary_id"], chart["values_id"]]
        assert others and all(o[:2] == [None, "true"] for o in others)
        assert min(chart["sizes"]) >= 12.75  # no label under the report's small text
        assert chart["summary"].strip()
        # every number drawn on the chart is a value of its table
        values = {n for cell in chart["cells"] for n in NUMBER.findall(cell)}
        for text in chart["drawn"]:
            assert set(NUMBER.findall(text)) <= values, (text, chart["cells"])
    assert sum(len(c["drawn"]) for c in charts) >= 20
    for m in maps:
        # the map is one image named by its summary; its legend is text; every count
        # written on it is a value of its table
        assert m["svg"] == ["img", m["summary_id"]]
        assert m["legend"] and all(t.strip() for t in m["legend"])
        values = {n for cell in m["cells"] for n in NUMBER.findall(cell)}
        counts = [t for t in m["drawn"] if NUMBER.fullmatch(t)]
        assert counts and set(counts) <= values


def test_axe_is_vendored_with_its_licence():
    head = AXE.read_text(encoding="utf-8")[:200]
    assert head.startswith("/*! axe v4.14.1")
    assert "Mozilla Public License" in (AXE.parent / "LICENSE").read_text(encoding="utf-8")
