"""The offline map: bundled geometry, colour classes worked out by hand, a title per shape,
the text alternative, the credit."""

from __future__ import annotations

import re

import pytest

from peakreport.i18n import lang
from peakreport.notebook.maps import GEO, choropleth, classes, geometry, svg
from peakreport.territory import REGIONS, territory_codes

FR, EN = lang("fr"), lang("en")
ARA = territory_codes("auvergne-rhone-alpes")
# the sample forum 2021's attendees per département (as in its report)
SAMPLE = {"74": 36, "69": 28, "38": 18, "73": 11, "01": 8, "42": 6, "63": 4, "26": 4,
          "21": 2, "03": 2, "13": 1, "43": 1}


def test_geometry_is_small_and_complete():
    size = sum(f.stat().st_size for f in GEO.glob("*.json"))
    assert size <= 250 * 1024
    deps = geometry("departements")["departements"]
    # every département of the SPEC's regions has a shape ("20" is Corsica unplaced: none)
    wanted = {c for _, codes in REGIONS.values() for c in codes} - {"20"}
    assert set(deps) == wanted and len(deps) == 101
    regions = geometry("regions")["regions"]
    assert {frozenset(r["departements"]) for r in regions.values()} == {
        frozenset(c for c in codes if c != "20") for _, codes in REGIONS.values()}


def test_the_credit_is_the_geometrys_own():
    assert FR.t("map_credit") == geometry("departements")["credit"]
    assert "IGN" in EN.t("map_credit") and "Licence 2.0" in EN.t("map_credit")


def test_classes_by_hand():
    # 12 départements: 1 1 2 2 4 4 6 8 11 18 28 36. Quartiles (by rank 3, 6, 9): 2, 6, 18;
    # rounded down to round numbers: 2, 6, 15. Classes 1-2, 3-6, 7-15, 16-36.
    assert classes(list(SAMPLE.values())) == [(1, 2), (3, 6), (7, 15), (16, 36)]
    assert classes([0, 0]) == []
    assert classes([5, 5, 0]) == [(1, 5)]       # one value: one class
    assert classes([1, 2]) == [(1, 1), (2, 2)]
    assert len(classes(list(range(1, 500)))) <= 4


def test_every_departement_is_a_shape_titled_with_its_count():
    m = choropleth("departements", SAMPLE, FR, unit="présents", territory=ARA,
                   territory_name="Auvergne-Rhône-Alpes")
    html = svg(m, "territory-map", "s")
    titles = re.findall(r"<path [^>]*><title>([^<]*)</title></path>", html)
    # 101 départements, and Paris with its three neighbours again in the enlarged box
    assert len(titles) == 105
    assert "Haute-Savoie (74) : 36 présents" in titles
    assert "Cantal (15) : 0 présents" in titles
    assert titles.count("Paris (75) : 0 présents") == 2
    # drawn with nothing from outside the page
    assert not re.search(r"\b(?:href|src)\s*=|url\(", html)
    assert html.startswith('<svg id="territory-map" ') and 'role="img"' in html
    # the counts are written on the map, not left to the colours
    assert re.findall(r"<text x=[^>]*>(\d+)</text>", html).count("36") == 1


def test_legend_has_at_most_five_colour_classes_named_in_words():
    m = choropleth("departements", SAMPLE, FR, unit="présents", territory=ARA,
                   territory_name="Auvergne-Rhône-Alpes")
    words = [w for _, _, w in m.legend]
    assert words == ["aucun", "1 à 2", "3 à 6", "7 à 15", "16 à 36",
                     "trait épais : le territoire (Auvergne-Rhône-Alpes)"]
    fills = {f for f, _, _ in m.legend if f != "none"}
    assert len(fills) <= 5


def test_the_territory_is_outlined_by_its_regions_shape():
    m = choropleth("departements", SAMPLE, FR, unit="présents", territory=ARA,
                   territory_name="Auvergne-Rhône-Alpes")
    ara = next(r for r in geometry("regions")["regions"].values()
               if r["name"] == "Auvergne-Rhône-Alpes")
    assert '<g class="pr-map-territory" fill="none"' in m.body and ara["d"] in m.body


def test_places_not_on_the_map_are_said_below_it():
    m = choropleth("departements", {"74": 3, "20": 2, "975": 1}, FR, unit="présents")
    assert m.notes == ["Hors de la carte : Corse, département non précisé (20) 2, "
                       "Saint-Pierre-et-Miquelon (975) 1."]
    # and in the table, which lists every place with somebody
    assert [r[0] for r in m._pr_alt.rows] == ["Haute-Savoie (74)",
                                              "Corse, département non précisé (20)",
                                              "Saint-Pierre-et-Miquelon (975)"]


def test_the_table_is_the_maps_text_alternative():
    m = choropleth("departements", SAMPLE, EN, unit="attendees", territory=ARA,
                   territory_name="Auvergne-Rhône-Alpes", category="Département")
    alt = m._pr_alt
    assert alt.headers == ["Département", "People", "Share", "Territory"]
    # 121 people: Haute-Savoie 36 (30%), Rhône 28 (23%); Côte-d'Or and Bouches-du-Rhône
    # (3 people) are outside the territory, 118 inside
    assert alt.rows[0] == ["Haute-Savoie (74)", "36", "30%", "In the territory"]
    assert ["Côte-d'Or (21)", "2", "2%", "Outside the territory"] in alt.rows
    assert "".join(alt.summary).endswith("In the territory: 118; outside it: 3.")


def test_regions_map():
    m = choropleth("regions", {"84": 300, "11": 12}, EN, unit="participants",
                   territory=frozenset({"84"}), territory_name="Auvergne-Rhône-Alpes")
    titles = re.findall(r"<title>([^<]*)</title>", m.body)
    assert len(titles) == 18
    assert "Auvergne-Rhône-Alpes: 300 participants" in titles


@pytest.mark.parametrize("L", [FR, EN])
def test_empty_map_has_no_classes(L):
    m = choropleth("departements", {}, L, unit="x")
    assert len(m.legend) == 1 and m._pr_alt.rows == []
