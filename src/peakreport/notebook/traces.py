"""A plotly figure made in a custom cell, read back as the numbers it draws.

The report's own charts get their text alternative from the function that drew them
(`figures`). A figure made in a custom cell comes with nothing but its traces, in whatever
form plotly keeps them: lists, numpy arrays, or — plotly ≥ 6, and plotly.express even for
plain lists — typed arrays, `{"dtype": "i1", "bdata": "<base64>"}`. `read` turns such a
figure into

- what the report draws: the report's plotly.js is the *basic* bundle (bar, scatter, pie),
  so a histogram becomes the bars of its bins and a box plot a box made of bars (quartiles
  either side of the median) with whiskers (minimum, maximum), computed here, so that the
  drawing and the table show the same numbers; the title is left out (it is the caption);
- its text alternative (`alternative.TextAlternative`): the values as a table, in the report's
  language, and a summary that states the largest and smallest values with their labels.

A figure that holds a kind of trace the report can neither draw nor tabulate (a heatmap,
a map, a 3-D chart…) is not drawn: `read` says which kind, and the report says so in words,
rather than showing a drawing or a table that would be wrong.

Nothing here imports numpy or pandas: typed arrays are decoded with `struct`.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import math
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..i18n import Lang, parts
from .alternative import TextAlternative

DRAWN = {"bar", "scatter", "pie"}  # what the basic plotly.js bundle draws (bundle.py)
CONVERTED = {"histogram", "box", "scattergl"}  # drawn by the report as bars / scatter
# the value axis's title plotly.express gives a histogram: replaced by the table's header
PX_COUNT_TITLES = {"count", "percent", "probability"}
# plotly's typed arrays: dtype -> struct format (little-endian, as numpy and plotly.js)
TYPED = {"i1": "b", "u1": "B", "u1c": "B", "i2": "h", "u2": "H", "i4": "i", "u4": "I",
         "f4": "f", "f8": "d"}
INK = "#1f2933"
SEPARATOR = {"color": "white", "width": 1.5}

TEXT = {
    "value": {"fr": "Valeur", "en": "Value"},
    "series": {"fr": "Série {n}", "en": "Series {n}"},
    "share": {"fr": "Part", "en": "Share"},
    "interval": {"fr": "Intervalle", "en": "Interval"},
    "count": {"fr": "Effectif", "en": "Count"},
    "n": {"fr": "Nombre de valeurs", "en": "Number of values"},
    "min": {"fr": "Minimum", "en": "Minimum"},
    "q1": {"fr": "1er quartile", "en": "1st quartile"},
    "median": {"fr": "Médiane", "en": "Median"},
    "q3": {"fr": "3e quartile", "en": "3rd quartile"},
    "max": {"fr": "Maximum", "en": "Maximum"},
    "values": {"fr": "Valeurs", "en": "Values"},
    "sum_extremes": {
        "fr": "Sur {n} valeurs, la plus haute est {top} (« {top_label} »), "
              "la plus basse {bottom} (« {bottom_label} »).",
        "en": "Of {n} values, the highest is {top} (“{top_label}”), "
              "the lowest {bottom} (“{bottom_label}”)."},
    "sum_series_extremes": {
        "fr": "{name} : de {bottom} (« {bottom_label} ») à {top} (« {top_label} »).",
        "en": "{name}: from {bottom} (“{bottom_label}”) to {top} (“{top_label}”)."},
    "sum_one": {"fr": "Une seule valeur : {top} (« {top_label} »).",
                "en": "A single value: {top} (“{top_label}”)."},
    "sum_pie": {
        "fr": "Sur un total de {total}, la plus grande part est « {top_label} » avec {top} "
              "({top_p}), la plus petite « {bottom_label} » avec {bottom} ({bottom_p}).",
        "en": "Of a total of {total}, the largest share is “{top_label}” with {top} "
              "({top_p}), the smallest “{bottom_label}” with {bottom} ({bottom_p})."},
    "sum_box_one": {
        "fr": "{n} valeurs, de {min} à {max} ; médiane {median}, la moitié centrale entre "
              "{q1} et {q3}.",
        "en": "{n} values, from {min} to {max}; median {median}, the middle half between "
              "{q1} and {q3}."},
    "sum_box": {
        "fr": "La médiane la plus haute est celle de « {top_label} » ({top}), la plus basse "
              "celle de « {bottom_label} » ({bottom}) ; valeurs de {min} à {max} en tout.",
        "en": "The highest median is that of “{top_label}” ({top}), the lowest that of "
              "“{bottom_label}” ({bottom}); values from {min} to {max} in all."},
    "sum_empty": {"fr": "Ce graphique ne contient aucune valeur.",
                  "en": "This chart holds no value."},
    "not_drawn": {
        "fr": "Ce graphique n'est pas reproduit dans le rapport : le rapport ne sait ni "
              "dessiner ni mettre en tableau {what}. Les barres, lignes, nuages de points, "
              "secteurs, histogrammes et boîtes à moustaches le sont.",
        "en": "This chart is not shown in the report: the report can neither draw nor "
              "tabulate {what}. Bars, lines, scatter plots, pies, histograms and box plots "
              "it can."},
    "kind": {"fr": "les graphiques de type « {kind} »", "en": "charts of type “{kind}”"},
    "mixed": {"fr": "un graphique qui mêle secteurs, histogrammes ou boîtes à d'autres "
                    "tracés", "en": "a chart that mixes pies, histograms or boxes with other "
                                    "traces"},
    "two_d": {"fr": "des données en deux dimensions", "en": "two-dimensional data"},
    "histfunc": {"fr": "un histogramme autre qu'un décompte (« {how} »)",
                 "en": "a histogram other than a count (“{how}”)"},
}


def _t(L: Lang, key: str, **kw: object) -> str:
    text = TEXT[key].get(L.code, TEXT[key]["en"])
    return text.format(**kw) if kw else text


class NotTabulated(Exception):
    """What the report cannot draw or tabulate, in words (`read` reports it)."""


@dataclass
class Reading:
    """A custom figure as the report shows it."""

    figure: dict | None  # what to draw; None: not drawn (see `not_drawn`)
    alt: TextAlternative
    not_drawn: str = ""  # why, in the report's language


def values(v: Any) -> list | None:
    """A trace's data array as a list: a list or tuple, anything with `tolist` (numpy,
    pandas), or a plotly typed array. None for a missing or scalar value; NotTabulated for
    a two-dimensional array."""
    if v is None or isinstance(v, str | bytes | int | float):
        return None
    if isinstance(v, dict):
        if "bdata" not in v or "dtype" not in v:
            return None
        code = TYPED.get(str(v["dtype"]).lstrip("<>|="))
        if code is None:
            raise NotTabulated(str(v["dtype"]))
        shape = [s for s in str(v.get("shape", "")).replace(" ", "").split(",") if s]
        if len(shape) > 1:
            raise NotTabulated("two_d")
        raw = base64.b64decode(v["bdata"])
        return list(struct.unpack(f"<{len(raw) // struct.calcsize(code)}{code}", raw))
    if hasattr(v, "tolist"):
        v = v.tolist()
    if isinstance(v, list | tuple):
        if any(isinstance(x, list | tuple) for x in v):
            raise NotTabulated("two_d")
        return list(v)
    return None


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and not (
        isinstance(v, float) and math.isnan(v))


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


# ---------------------------------------------------------------- formats


def number(L: Lang, v: float, percent: bool = False) -> str:
    """A value as the report writes it: whole numbers without decimals, others with one
    or two; a share (a percent axis) as a percentage."""
    if percent:
        return L.percent(v, 0 if abs(v * 100 - round(v * 100)) < 1e-9 else 1)
    if abs(v - round(v)) < 1e-9:
        return L.number(round(v))
    return L.number(v, 1 if abs(v * 10 - round(v * 10)) < 1e-6 else 2)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$")


def label(L: Lang, k: Any) -> str:
    """A category (a bar's, a slice's, a point's x) as text: numbers and dates in the
    report's language; plotly's HTML entities decoded (the table escapes on its own)."""
    if isinstance(k, dt.datetime):
        k = k.isoformat()
    elif isinstance(k, dt.date):
        return L.date(k)
    if _is_number(k):  # a year reads 2021, not 2 021
        return str(round(k)) if abs(k) < 10000 and abs(k - round(k)) < 1e-9 else number(L, k)
    text = html.unescape(re.sub(r"<br\s*/?>", " ", str(k)))
    m = _ISO_DATE.match(text)
    if m:
        day = dt.date.fromisoformat(text[:10])
        if not m.group(1) or (m.group(1) == "00" and m.group(2) == "00"):
            return L.date(day)
        return f"{L.date(day)} {m.group(1)}:{m.group(2)}"
    return text


def _title(obj: Any) -> str:
    title = obj.get("title") if isinstance(obj, dict) else None
    text = title.get("text") if isinstance(title, dict) else title
    if not text:
        return ""
    return " ".join(html.unescape(re.sub(r"<br\s*/?>|<[^>]*>", lambda m: " " if m.group(0)
                                         .startswith("<br") else "", str(text))).split())


def _percent_axis(axis: dict) -> bool:
    return "%" in str(axis.get("tickformat") or "")


# ---------------------------------------------------------------- reading


def read(fig: Any, L: Lang, category: str | None = None) -> Reading:
    """`fig` (a plotly Figure or its dict) as the report draws and tabulates it."""
    if not isinstance(fig, dict):
        fig = fig.to_dict()
    layout = dict(fig.get("layout") or {})
    traces = [dict(t) for t in fig.get("data") or []
              if t.get("visible", True) not in (False, "legendonly")]
    kinds = {t.get("type") or "scatter" for t in traces}
    try:
        other = sorted(kinds - DRAWN - CONVERTED)
        if other:
            raise NotTabulated(_t(L, "kind", kind=", ".join(other)))
        if len(kinds) > 1 and kinds & {"pie", "histogram", "box"}:
            raise NotTabulated(_t(L, "mixed"))
        if kinds == {"pie"}:
            alt = _pie(traces, L)
        elif kinds == {"histogram"}:
            traces, alt = _histogram(traces, layout, L, category)
        elif kinds == {"box"}:
            traces, alt = _box(traces, layout, L, category)
        else:
            for t in traces:
                if t.get("type") == "scattergl":
                    t["type"] = "scatter"
            alt = _cartesian(traces, layout, L, category)
    except NotTabulated as exc:
        why = str(exc)
        what = _t(L, "two_d") if why == "two_d" else why
        return Reading(None, TextAlternative([], [], [], set()), _t(L, "not_drawn", what=what))
    return Reading({**fig, "data": traces, "layout": layout}, alt)


def _axes(t: dict, layout: dict) -> tuple[dict, dict]:
    """The (x, y) axes of a trace's layout."""
    def axis(ref: str | None, letter: str) -> dict:
        ref = ref or letter
        return layout.get(f"{letter}axis{ref[1:]}") or {}

    return axis(t.get("xaxis"), "x"), axis(t.get("yaxis"), "y")


def _horizontal(t: dict) -> bool:
    """plotly.js's rule: a trace is horizontal when it says so; else a bar or a box with
    only x, a histogram with only y."""
    if t.get("orientation") in ("h", "v"):
        return t["orientation"] == "h"
    x, y = t.get("x") is not None, t.get("y") is not None
    return (y and not x) if t.get("type") == "histogram" else (x and not y)


def _positions(t: dict, letter: str, n: int) -> list:
    given = values(t.get(letter))
    if given is not None:
        return given
    start, step = t.get(f"{letter}0", 0), t.get(f"d{letter}", 1)
    if not _is_number(start) or not _is_number(step):
        return list(range(n))
    return [start + i * step for i in range(n)]


def _cartesian(traces: list[dict], layout: dict, L: Lang, category: str | None):
    """Bars, lines and points: a row per category (x, or y for horizontal bars), a column
    per trace; a row per point when a trace has several values at one x (a cloud)."""
    series: list[tuple[str, list[tuple[Any, float]]]] = []
    key_title = value_title = ""
    percent = False
    for i, t in enumerate(traces):
        horizontal = t.get("type") == "bar" and _horizontal(t)
        k, v = ("y", "x") if horizontal else ("x", "y")
        vals = values(t.get(v))
        if vals is None:
            continue
        keys = _positions(t, k, len(vals))
        xa, ya = _axes(t, layout)
        key_axis, value_axis = (ya, xa) if horizontal else (xa, ya)
        key_title = key_title or _title(key_axis)
        value_title = value_title or _title(value_axis)
        percent = percent or _percent_axis(value_axis)
        points = [(key, val) for key, val in zip(keys, vals, strict=False)
                  if not _missing(key) and _is_number(val)]
        series.append((_name(t, i), points))
    if not series or not any(points for _, points in series):
        return TextAlternative([_t(L, "sum_empty")], [category or L.t("category")], [], set())
    single = len(series) == 1
    names = [value_title or _t(L, "value")] if single and not series[0][0] else [
        name or _t(L, "series", n=i + 1) for i, (name, _) in enumerate(series)]
    fmt = [(name, [(label(L, key), val) for key, val in points])
           for name, (_, points) in zip(names, series, strict=True)]
    head = key_title or category or L.t("category")
    cloud = any(len({k for k, _ in pts}) < len(pts) for _, pts in fmt)
    if cloud:  # a row per point
        headers = [head, *([L.t("group")] if not single else []), names[0] if single
                   else value_title or _t(L, "value")]
        rows = [[k, *([name] if not single else []), number(L, v, percent)]
                for name, pts in fmt for k, v in pts]
        numeric = {len(headers) - 1}
    else:
        order: dict[str, list[str]] = {}
        for j, (_, pts) in enumerate(fmt):
            for k, v in pts:
                order.setdefault(k, ["–"] * len(fmt))[j] = number(L, v, percent)
        headers = [head, *names]
        rows = [[k, *cells] for k, cells in order.items()]
        numeric = set(range(1, len(names) + 1))
    return TextAlternative(_extremes(fmt, L, percent), headers, rows, numeric)


def _name(t: dict, i: int) -> str:
    name = t.get("name")
    return label_text(name) if name not in (None, "") else ""


def label_text(text: Any) -> str:
    return " ".join(html.unescape(re.sub(r"<br\s*/?>", " ", str(text))).split())


def _extremes(series: Sequence[tuple[str, Sequence[tuple[str, float]]]], L: Lang,
              percent: bool = False) -> list[str]:
    """The summary: each series' highest and lowest value, with its label."""
    out: list[str] = []
    for name, pts in series:
        if not pts:
            continue
        top = max(pts, key=lambda p: p[1])
        bottom = min(pts, key=lambda p: p[1])
        kw = {"top": number(L, top[1], percent), "top_label": top[0],
              "bottom": number(L, bottom[1], percent), "bottom_label": bottom[0],
              "n": L.number(len(pts))}
        if len(series) > 1:
            piece = parts(_t(L, "sum_series_extremes"), name=name, **kw)
        elif len(pts) == 1:
            piece = parts(_t(L, "sum_one"), **kw)
        else:
            piece = parts(_t(L, "sum_extremes"), **kw)
        out += ([" "] if out else []) + piece
    return out


def _pie(traces: list[dict], L: Lang):
    """Slices: label, value, share of the total."""
    rows, summary = [], []
    for t in traces:
        labels = values(t.get("labels"))
        vals = values(t.get("values"))
        if vals is None:  # plotly counts the labels
            counts: dict[Any, int] = {}
            for k in labels or []:
                counts[k] = counts.get(k, 0) + 1
            labels, vals = list(counts), list(counts.values())
        if labels is None:
            labels = _positions(t, "label", len(vals))
        pts = [(label(L, k), float(v)) for k, v in zip(labels, vals, strict=False)
               if _is_number(v) and v >= 0]
        total = sum(v for _, v in pts)
        if not pts:
            continue
        rows += [[k, number(L, v), L.percent(v / total) if total else "–"] for k, v in pts]
        top, bottom = max(pts, key=lambda p: p[1]), min(pts, key=lambda p: p[1])
        summary += ([" "] if summary else []) + parts(
            _t(L, "sum_pie"), total=number(L, total), top_label=top[0],
            top=number(L, top[1]), top_p=L.percent(top[1] / total) if total else "–",
            bottom_label=bottom[0], bottom=number(L, bottom[1]),
            bottom_p=L.percent(bottom[1] / total) if total else "–")
    return TextAlternative(summary or [_t(L, "sum_empty")],
                           [L.t("category"), _t(L, "value"), _t(L, "share")], rows, {1, 2})


# ---------------------------------------------------------------- histograms


def bins(data: Sequence[float], count: int | None = None) -> tuple[float, float, int]:
    """(start, size, number of bins) for numbers: about `count` bins (else Sturges' rule,
    5 to 20) of a round size (1, 2 or 5 × a power of ten); whole numbers get whole-number
    bins, centred on them when a bin holds one value."""
    lo, hi = min(data), max(data)
    whole = all(float(v).is_integer() for v in data)
    target = count or min(max(math.ceil(math.log2(len(data))) + 1, 5), 20)
    raw = (hi - lo) / target if hi > lo else 1
    power = 10 ** math.floor(math.log10(raw))
    size = next(m * power for m in (1, 2, 5, 10) if m * power >= raw * (1 - 1e-9))
    if whole:
        size = max(1, round(size))
    start = lo - 0.5 if whole and size == 1 else math.floor(lo / size) * size
    n = int((hi - start) // size) + 1
    return start, size, n


def _histogram(traces: list[dict], layout: dict, L: Lang, category: str | None):
    """A histogram as bars: the bins' counts (or shares), computed here."""
    horizontal = _horizontal(traces[0])
    k = "y" if horizontal else "x"
    samples = []
    for t in traces:
        how = t.get("histfunc") or "count"
        norm = t.get("histnorm") or ""
        if how != "count" or norm not in ("", "percent", "probability") or (
                (t.get("cumulative") or {}).get("enabled")):
            raise NotTabulated(_t(L, "histfunc", how=" ".join(x for x in (how, norm) if x)))
        if _horizontal(t) != horizontal:
            raise NotTabulated(_t(L, "mixed"))
        samples.append([v for v in values(t.get(k)) or [] if not _missing(v)])
    every = [v for s in samples for v in s]
    numeric = bool(every) and all(_is_number(v) for v in every)
    given = traces[0].get(f"{k}bins") or {}
    if numeric:
        if all(_is_number(given.get(f)) for f in ("start", "size")) and given["size"] > 0:
            start, size = float(given["start"]), float(given["size"])
            end = float(given["end"]) if _is_number(given.get("end")) else max(every)
            n = int((end - start) // size) + 1
        else:
            start, size, n = bins(every, traces[0].get(f"nbins{k}") or None)
        whole_bins = size == 1 and float(start + 0.5).is_integer()
        keys = [start + (i + 0.5) * size for i in range(n)]
        names = [number(L, c) if whole_bins else
                 f"{number(L, start + i * size)} – {number(L, start + (i + 1) * size)}"
                 for i, c in enumerate(keys)]
        counts = []
        for s in samples:
            c = [0] * n
            for v in s:
                i = int((v - start) // size)
                if 0 <= i < n:
                    c[i] += 1
            counts.append(c)
    else:
        keys = list(dict.fromkeys(v for v in every))
        names = [label(L, v) for v in keys]
        counts = [[s.count(key) for key in keys] for s in samples]
        size, whole_bins = None, False
    series, drawn = [], []
    percent = False
    for i, (t, c) in enumerate(zip(traces, counts, strict=True)):
        norm = t.get("histnorm") or ""
        total = sum(c)
        shown = [x / total * (100 if norm == "percent" else 1) if total and norm else x
                 for x in c]
        percent = percent or bool(norm)
        series.append((_name(t, i), list(zip(names, [(x / total if total else 0) if norm else x
                                                       for x in c], strict=True))))
        bar = {k2: v for k2, v in t.items() if k2 in (
            "name", "marker", "showlegend", "legendgroup", "opacity", "xaxis", "yaxis",
            "offsetgroup", "alignmentgroup")}
        bar.update({"type": "bar", k: keys, ("x" if horizontal else "y"): shown,
                    "orientation": "h" if horizontal else "v", "hoverinfo": "skip"})
        if size is not None and (len(traces) == 1 or layout.get("barmode") in (
                "stack", "relative", "overlay")):
            bar["width"] = size
            bar["marker"] = {**(bar.get("marker") or {}), "line": SEPARATOR}
        drawn.append(bar)
    head = _title(layout.get(f"{k}axis") or {}) or _t(L, "interval" if size else "value")
    single = len(series) == 1
    col = [(_t(L, "share") if percent else _t(L, "count"))] if single and not series[0][0] \
        else [name or _t(L, "series", n=i + 1) for i, (name, _) in enumerate(series)]
    value_axis = "xaxis" if horizontal else "yaxis"
    if _title(layout.get(value_axis) or {}) in PX_COUNT_TITLES:  # plotly.express's English
        layout[value_axis] = {**(layout.get(value_axis) or {}),
                              "title": {"text": _t(L, "share" if percent else "count")}}
    if size == 1 and whole_bins:  # a tick per whole number, not 1.5, 2, 2.5…
        axis = layout.get(f"{k}axis") or {}
        if not any(axis.get(f) is not None for f in ("dtick", "tickvals", "nticks")):
            layout[f"{k}axis"] = {**axis, "dtick": 1}
    rows = [[name, *[number(L, s[j][1], percent) for _, s in series]]
            for j, name in enumerate(names)]
    alt = TextAlternative(_extremes(list(zip(col, [s for _, s in series], strict=True)),
                                    L, percent), [head, *col], rows,
                          set(range(1, len(col) + 1)))
    return drawn, alt


# ---------------------------------------------------------------- box plots


def quantile(sorted_values: Sequence[float], p: float) -> float:
    """plotly.js's default quartile method ("linear", numpy's default too)."""
    pos = (len(sorted_values) - 1) * p
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def _box(traces: list[dict], layout: dict, L: Lang, category: str | None):
    """Box plots: per box, its number of values, minimum, quartiles and maximum; drawn
    as two bars (first quartile to median, median to third quartile, split by a white
    line) and whiskers to the minimum and maximum."""
    template = (layout.get("template") or {}).get("layout") or {}
    colours = layout.get("colorway") or template.get("colorway") or ["#1d3f72"]
    horizontal = _horizontal(traces[0])
    v, k = ("x", "y") if horizontal else ("y", "x")
    boxes: list[tuple[str, list[float], str, dict]] = []  # label, values, colour, trace
    for i, t in enumerate(traces):
        if _horizontal(t) != horizontal:
            raise NotTabulated(_t(L, "mixed"))
        if t.get("q1") is not None:  # precomputed boxes: the numbers are given
            raise NotTabulated(_t(L, "kind", kind="box (q1, median, q3)"))
        data = values(t.get(v)) or []
        groups = values(t.get(k))
        name = _name(t, i)
        marker = t.get("marker") or {}
        colour = marker.get("color") if isinstance(marker.get("color"), str) else (
            colours[i % len(colours)])
        if groups is None:
            boxes.append((name or _t(L, "values"), data, colour, t))
            continue
        by: dict[Any, list] = {}
        for g, x in zip(groups, data, strict=False):
            if not _missing(g):  # plotly.js leaves out a value without a position
                by.setdefault(g, []).append(x)
        for g, xs in by.items():
            g_label = label(L, g)
            boxes.append((f"{g_label} · {name}" if name and len(traces) > 1 else g_label,
                          xs, colour, t))
    stats = []
    for name, data, colour, t in boxes:
        xs = sorted(x for x in data if _is_number(x))
        if xs:
            stats.append((name, len(xs), xs[0], quantile(xs, .25), quantile(xs, .5),
                          quantile(xs, .75), xs[-1], colour, t))
    value_axis = layout.get(f"{v}axis") or {}
    percent = _percent_axis(value_axis)
    head = _title(layout.get(f"{k}axis") or {}) or category or L.t("category")
    headers = [head, _t(L, "n"), _t(L, "min"), _t(L, "q1"), _t(L, "median"), _t(L, "q3"),
               _t(L, "max")]
    rows = [[s[0], L.number(s[1]), *[number(L, x, percent) for x in s[2:7]]] for s in stats]
    if not stats:
        summary = [_t(L, "sum_empty")]
    elif len(stats) == 1:
        s = stats[0]
        summary = parts(_t(L, "sum_box_one"), n=L.number(s[1]),
                        **{key: number(L, x, percent) for key, x in zip(
                            ("min", "q1", "median", "q3", "max"), s[2:7], strict=True)})
    else:
        top = max(stats, key=lambda s: s[4])
        bottom = min(stats, key=lambda s: s[4])
        summary = parts(_t(L, "sum_box"), top_label=top[0], top=number(L, top[4], percent),
                        bottom_label=bottom[0], bottom=number(L, bottom[4], percent),
                        min=number(L, min(s[2] for s in stats), percent),
                        max=number(L, max(s[6] for s in stats), percent))
    drawn = []
    shown_legend: set[str] = set()
    for name, _n, lo, q1, med, q3, hi, colour, t in stats:
        group = _name(t, 0)
        legend = bool(group) and len(traces) > 1 and group not in shown_legend
        shown_legend.add(group)
        common = {"orientation": "h" if horizontal else "v", "hoverinfo": "skip",
                  k: [name], "marker": {"color": colour, "line": SEPARATOR},
                  "legendgroup": group or name, "name": group or name}
        drawn.append({**common, "type": "bar", "base": [q1], v: [med - q1],
                      "showlegend": legend})
        drawn.append({**common, "type": "bar", "base": [med], v: [q3 - med],
                      "showlegend": False})
        # whiskers: from the box to the extremes, a cap at each extreme
        drawn.append({"type": "scatter", "mode": "lines+markers", "showlegend": False,
                      "hoverinfo": "skip", k: [name, name, None, name, name],
                      v: [q3, hi, None, q1, lo], "line": {"color": INK, "width": 1.5},
                      "marker": {"symbol": "line-ns-open" if horizontal else "line-ew-open",
                                 "size": [0, 12, 0, 0, 12], "color": INK,
                                 "line": {"color": INK, "width": 1.5}}})
    layout["barmode"] = "overlay"
    layout.setdefault(f"{k}axis", {})
    layout[f"{k}axis"] = {**layout[f"{k}axis"], "type": "category"}
    return drawn, TextAlternative(summary, headers, rows, set(range(1, 7)))
