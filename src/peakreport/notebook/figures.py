"""Pure functions: aggregated numbers in, plotly figures out.

Figures only ever receive aggregates (counts per category, per day), never
rows, so the report's size does not grow with the number of participants.
Every label that comes from the data is HTML-escaped, because plotly renders a
subset of HTML (links included) inside chart text.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

import plotly.graph_objects as go

from ..i18n import Lang, parts
from .alternative import TextAlternative

# Every mark reaches 4.5:1 against white (3:1 is the floor for marks, WCAG 1.4.11), so
# that the white labels inside bars reach 4.5:1 too (1.4.3); the categorical colours and
# the neighbours of the 1–5 scale stay apart under simulated colour-vision deficiencies
# (tests/test_figures.py measures both). Stacked segments are also separated by a white
# line, and every value is in the chart's table: colour is never the only clue.
PALETTE = {
    "primary": "#1d3f72",    # navy, 10.5:1
    "secondary": "#0f7b6c",  # teal, 5.2:1
    "accent": "#b5384b",     # crimson, 5.8:1
    "warm": "#9a5b00",       # ochre, 5.4:1
    "muted": "#6b7280",      # grey, 4.8:1
    "light": "#4a6fa5",      # mid blue, 5.2:1 (beside the navy: lighter, not paler than 3:1)
}
COMMUNITY_COLOURS = {"company": "#1d3f72", "training": "#0f7b6c", "institution": "#9a5b00",
                     "expert": "#b5384b", "other": "#6a51a3"}
SCALE5 = ["#a51d4a", "#a85a00", "#6b7280", "#2f6db3", "#1d3f72"]
NPS_COLOURS = [SCALE5[0], SCALE5[2], SCALE5[3]]
INK = "#1f2933"
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
# the report's small text (.pr-note: 0.85rem of 15 px): no chart label is drawn smaller;
# a label that would have to shrink below it inside its bar is left out (its value is
# in the chart's table)
FONT_SIZE = 13
SEPARATOR = {"color": "white", "width": 1.5}


def describe(fig: go.Figure | dict | TextAlternative, category: str = "Category",
             L: Lang | None = None) -> TextAlternative:
    """A chart's text alternative: the one its figure function wrote, else one read from its
    traces (for a figure made elsewhere, e.g. in a custom notebook; see `traces.read`): the
    values in the report's language `L` (French unless given), the first column headed by
    the category axis's title, else by `category`."""
    if isinstance(fig, TextAlternative):
        return fig
    alt = getattr(fig, "_pr_alt", None)
    if alt is not None:
        return alt
    from ..i18n import lang
    from .traces import read

    return read(fig, L or lang("fr"), category).alt


def _alt(fig: go.Figure, alt: TextAlternative) -> go.Figure:
    fig._pr_alt = alt  # a plain attribute: never part of the JSON sent to plotly.js
    return fig


def safe(label: object) -> str:
    """Escape a data label for plotly's HTML-like text rendering."""
    return html.escape(str(label), quote=True)


def _percent_axis(fig: go.Figure, L: Lang) -> None:
    ticks = [0, 0.25, 0.5, 0.75, 1]
    fig.update_xaxes(range=[0, 1], tickvals=ticks, ticktext=[L.percent(t) for t in ticks])


def _layout(fig: go.Figure, title: str, height: int = 300, *, L: Lang | None = None,
            **kw) -> go.Figure:
    """The report's chart style. The title is not drawn in the chart: the report shows it
    as the figure's caption, where it wraps instead of being clipped on a narrow screen."""
    if L is not None and L.code == "fr":
        kw.setdefault("separators", ",\u202f")
    fig.update_layout(
        template="none",  # our own styling; plotly's default template adds ~8 kB per chart
        font={"family": FONT, "size": FONT_SIZE, "color": INK},
        height=height - 28,
        margin={"l": 10, "r": 20, "t": 16, "b": 36},
        paper_bgcolor="white",
        plot_bgcolor="white",
        showlegend=kw.pop("showlegend", False),
        uniformtext={"minsize": FONT_SIZE, "mode": "hide"},
        **kw,
    )
    fig.update_xaxes(automargin=True, gridcolor="#e4e7eb", zerolinecolor="#cbd2d9")
    fig.update_yaxes(automargin=True, gridcolor="#e4e7eb", zerolinecolor="#cbd2d9")
    return fig


def _share(L: Lang, v: float, total: float) -> str:
    return L.percent(v / total) if total else "–"


def hbar(
    labels: Sequence[str], values: Sequence[int], L: Lang, title: str, *,
    colours: Sequence[str] | str = PALETTE["primary"], total: int | None = None,
    axis_title: str | None = None, category: str | None = None,
    inside: Sequence[bool] | None = None,
) -> go.Figure:
    """Horizontal bars, largest on top, each labelled with its count and share.

    `inside` marks the bars of the territory: the others are drawn in outline (not only in
    another colour), and the table and the summary say which in words. (Not a hatch
    pattern: Chromium prints patterned fills as bitmaps, 70 kB each.)"""
    total = total if total is not None else sum(values)
    text = [f"{L.number(v)} ({L.percent(v / total)})" if total else L.number(v) for v in values]
    marker: dict = {"color": list(colours)[::-1] if not isinstance(colours, str) else colours}
    if inside is not None:
        marker = {"color": [c if i else "white" for c, i in zip(
                      [colours] * len(inside) if isinstance(colours, str) else colours,
                      inside, strict=True)][::-1],
                  "line": {"color": [c for c in ([colours] * len(inside)
                                                  if isinstance(colours, str) else colours)
                                     ][::-1], "width": 2}}
    fig = go.Figure(go.Bar(
        x=list(values)[::-1], y=[safe(x) for x in labels][::-1], orientation="h",
        marker=marker, text=text[::-1], textposition="outside", cliponaxis=False,
        hoverinfo="skip",
    ))
    height = max(180, 60 + 28 * len(labels))
    _layout(fig, title, height=height, L=L)
    # the labels beside the bars get a right margin of their own, so that on a narrow
    # screen they are not cut off at the chart's edge
    fig.update_layout(margin_r=int(0.62 * FONT_SIZE * max((len(t) for t in text), default=4)))
    fig.update_xaxes(title_text=axis_title or L.t("people"), rangemode="tozero",
                     range=[0, max(values, default=1) * 1.05 or 1])
    fig.update_yaxes(title_text=None)
    return _alt(fig, counts_alternative(labels, values, L, total=total, inside=inside,
                                        category=category, axis_title=axis_title))


def counts_alternative(labels: Sequence[str], values: Sequence[int], L: Lang, *,
                       total: int | None = None, inside: Sequence[bool] | None = None,
                       category: str | None = None, axis_title: str | None = None,
                       ) -> TextAlternative:
    """The text alternative of counts per category (bars, or a map): the two largest in a
    sentence, in and outside the territory when `inside` says which, and every count with
    its share in the table."""
    total = total if total is not None else sum(values)
    headers = [category or L.t("category"), axis_title or L.t("people"), L.t("share")]
    rows = [[lab, L.number(v), _share(L, v, total)] for lab, v in zip(labels, values,
                                                                       strict=True)]
    if inside is not None:
        headers.append(L.t("territory_column"))
        for row, i in zip(rows, inside, strict=True):
            row.append(L.t("in_territory") if i else L.t("outside_territory"))
    ranked = sorted(zip(values, range(len(labels)), strict=True), key=lambda x: (-x[0], x[1]))
    summary: list[str] = []
    if ranked:
        (n, a), *rest = ranked
        kw = {"total": L.number(total), "top": labels[a], "n": L.number(n),
              "p": _share(L, n, total)}
        if rest:
            n2, b = rest[0]
            kw.update(second=labels[b], n2=L.number(n2), p2=_share(L, n2, total))
        summary = parts(L.t("sum_hbar" if rest else "sum_hbar_one"), **kw)
        if inside is not None:
            summary += parts(L.t("sum_territory"),
                             inside=L.number(sum(v for v, i in zip(values, inside, strict=True)
                                                 if i)),
                             outside=L.number(sum(v for v, i in zip(values, inside, strict=True)
                                                  if not i)))
    return TextAlternative(summary, headers, rows, {1, 2})


def cumulative_registrations(
    days: Sequence[dt.date], cumulative: Sequence[int], event_date: dt.date, L: Lang
) -> go.Figure:
    fig = go.Figure(go.Scatter(
        x=[d.isoformat() for d in days], y=list(cumulative), mode="lines",
        line={"color": PALETTE["primary"], "width": 2.5, "shape": "hv"},
        fill="tozeroy", fillcolor="rgba(29,63,114,0.10)", hoverinfo="skip",
    ))
    fig.add_vline(x=event_date.isoformat(), line={"color": PALETTE["accent"], "dash": "dash"})
    fig.add_annotation(x=event_date.isoformat(), y=1, yref="paper", text=safe(
        L.t("event_day")), showarrow=False, xanchor="right", yanchor="top", xshift=-4,
        font={"color": PALETTE["accent"]})
    _layout(fig, L.t("cumulative_registrations"), height=280, L=L)
    ticks = _month_ticks(min(days[0], event_date), max(days[-1], event_date))
    fig.update_xaxes(title_text=L.t("date"), tickvals=[t.isoformat() for t in ticks],
                     ticktext=[L.month(t) for t in ticks])
    fig.update_yaxes(title_text=L.t("registered"), rangemode="tozero")
    total = cumulative[-1] if cumulative else 0
    half = next((d for d, c in zip(days, cumulative, strict=True) if c * 2 >= total), days[-1])
    summary = parts(L.t("sum_timeline"), start=L.date(days[0]), end=L.date(days[-1]),
                    total=L.number(total), half=L.date(half))
    rows = [[L.date(d), L.number(c)] for d, c in zip(days, cumulative, strict=True)]
    return _alt(fig, TextAlternative(summary, [L.t("date"), L.t("cumulative")], rows, {1}))


def _month_ticks(start: dt.date, end: dt.date) -> list[dt.date]:
    ticks, d = [], dt.date(start.year, start.month, 1)
    while d <= end:
        ticks.append(d)
        d = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    step = max(1, len(ticks) // 8)
    return ticks[::step]


def satisfaction_distribution(counts: Sequence[int], L: Lang) -> go.Figure:
    """Bars for scores 1..5, coloured from dissatisfied (red) to very satisfied (blue)."""
    # our own labels: escape, then break lines where the label text asks
    labels = [safe(L.t(f"sat_{i}")).replace("\n", "<br>") for i in range(1, 6)]
    total = sum(counts)
    fig = go.Figure(go.Bar(
        x=labels, y=list(counts), marker={"color": SCALE5},
        text=[L.percent(c / total) if total else "" for c in counts], textposition="outside",
        cliponaxis=False, hoverinfo="skip",
    ))
    _layout(fig, L.t("satisfaction_distribution"), height=300, L=L)
    fig.update_yaxes(title_text=L.t("respondents"), rangemode="tozero",
                     range=[0, max(counts, default=1) * 1.25 or 1])
    fig.update_xaxes(title_text=None)
    names = [L.t(f"sat_{i}").replace("\n", " ") for i in range(1, 6)]
    rows = [[name, L.number(c), _share(L, c, total)]
            for name, c in zip(names, counts, strict=True)]
    mode = max(range(5), key=lambda i: (counts[i], i))
    summary = parts(L.t("sum_satisfaction"), n=L.number(total), mode=names[mode],
                    p=_share(L, counts[mode], total),
                    top2=_share(L, counts[3] + counts[4], total))
    return _alt(fig, TextAlternative(summary, [L.t("answer"), L.t("respondents"),
                                               L.t("share")], rows, {1, 2}))


def nps_bar(detractors: int, passives: int, promoters: int, L: Lang) -> go.Figure:
    """One 100 % stacked bar: detractors, passives, promoters."""
    n = detractors + passives + promoters
    fig = go.Figure()
    for key, value, colour in zip(("detractors", "passives", "promoters"),
                                  (detractors, passives, promoters), NPS_COLOURS, strict=True):
        share = value / n if n else 0
        fig.add_trace(go.Bar(
            x=[share], y=[""], orientation="h", name=L.t(key),
            marker={"color": colour, "line": SEPARATOR},
            text=[L.percent(share)] if share >= 0.06 else [""], textposition="inside",
            insidetextanchor="middle", insidetextfont={"color": "white"}, hoverinfo="skip",
        ))
    _layout(fig, L.t("nps_distribution"), height=170, L=L, barmode="stack", showlegend=True,
            legend={"orientation": "h", "y": -0.35, "x": 0, "traceorder": "normal"})
    _percent_axis(fig, L)
    fig.update_xaxes(showgrid=False)
    fig.update_yaxes(showticklabels=False, showgrid=False)
    values = (detractors, passives, promoters)
    rows = [[L.t(k), L.number(v), _share(L, v, n)]
            for k, v in zip(("detractors", "passives", "promoters"), values, strict=True)]
    summary = parts(L.t("sum_nps"), n=L.number(n), pr=_share(L, promoters, n),
                    pa=_share(L, passives, n), de=_share(L, detractors, n))
    return _alt(fig, TextAlternative(summary, [L.t("group"), L.t("answers_header"),
                                               L.t("share")], rows, {1, 2}))


def questions_stacked(
    labels: Sequence[str], distributions: Sequence[Sequence[int]], L: Lang
) -> go.Figure:
    """One 100 % stacked bar per question, scores 1 to 5."""
    fig = go.Figure()
    for score in range(5):
        shares = []
        for dist in distributions:
            n = sum(dist)
            shares.append(dist[score] / n if n else 0)
        fig.add_trace(go.Bar(
            y=[_wrap(safe(x)) for x in labels], x=shares, orientation="h",
            name=str(score + 1),
            marker={"color": SCALE5[score], "line": SEPARATOR},
            text=[L.percent(s) if s >= 0.08 else "" for s in shares], textposition="inside",
            insidetextanchor="middle", insidetextfont={"color": "white"}, hoverinfo="skip",
        ))
    height = max(200, 110 + 46 * len(labels))
    _layout(fig, L.t("questions_chart"), height=height, L=L, barmode="stack",
            showlegend=True, legend={"orientation": "h", "y": -0.18, "x": 0,
                                     "traceorder": "normal"})
    _percent_axis(fig, L)
    fig.update_yaxes(autorange="reversed")
    rows = []
    summary: list[str] = [L.t("sum_questions")]
    for i, (label, dist) in enumerate(zip(labels, distributions, strict=True)):
        n = sum(dist)
        rows.append([label, L.number(n), *[_share(L, c, n) for c in dist]])
        summary += [label, f" {_share(L, dist[3] + dist[4], n)}",
                    "." if i == len(labels) - 1 else ", "]
    return _alt(fig, TextAlternative(summary, [L.t("question"), L.t("respondents"),
                                               *[str(i) for i in range(1, 6)]],
                                     rows, set(range(1, 7))))


def ranked_means(labels: Sequence[str], means: Sequence[float],
                 intervals: Sequence[tuple[float, float] | None], L: Lang, title: str, *,
                 low: int = 1, high: int = 5, table: Sequence[Sequence[str]] = (),
                 headers: Sequence[str] = ()) -> go.Figure:
    """One point per session, its mean score, with a 95 % interval as a horizontal bar; the
    best-rated on top. `table` (rows already formatted, in `labels` order) and `headers`
    give the chart's values table; by default, each label's mean and interval."""
    order = sorted(range(len(labels)), key=lambda i: (-means[i], i))
    x = [means[i] for i in order]
    plus = [(intervals[i][1] - means[i]) if intervals[i] else 0 for i in order]
    minus = [(means[i] - intervals[i][0]) if intervals[i] else 0 for i in order]
    fig = go.Figure(go.Scatter(
        x=x, y=[_wrap(safe(labels[i]), 22) for i in order], mode="markers+text",
        text=[L.number(m, 1) for m in x], textposition="top center",
        marker={"size": 11, "color": PALETTE["primary"], "symbol": "diamond"},
        error_x={"type": "data", "symmetric": False, "array": plus, "arrayminus": minus,
                 "color": PALETTE["muted"], "thickness": 2, "width": 7, "visible": True},
        hoverinfo="skip", cliponaxis=False))
    _layout(fig, title, height=max(200, 90 + 52 * len(labels)), L=L)
    fig.update_xaxes(range=[low - 0.15, high + 0.15], tickvals=list(range(low, high + 1)),
                     title_text=L.t("mean_score"))
    # best on top, and room below the last session for its wrapped label above the ticks
    fig.update_yaxes(autorange=False, range=[len(labels) - 0.3, -0.7], title_text=None)

    def interval(i: int) -> str:
        ci = intervals[i]
        return f"{L.number(ci[0], 1)} – {L.number(ci[1], 1)}" if ci else "–"

    rows = [list(table[i]) for i in order] if table else [
        [labels[i], L.number(means[i], 1), interval(i)] for i in order]
    head = list(headers) or [L.t("session"), L.t("mean"), L.t("interval_header")]
    best, worst = order[0], order[-1]
    kw = {"count": L.number(len(labels)), "best": labels[best],
          "m1": L.number(means[best], 1), "i1": interval(best), "high": L.number(high),
          "worst": labels[worst], "m2": L.number(means[worst], 1), "i2": interval(worst)}
    summary = parts(L.t("sum_sessions" if len(labels) > 1 else "sum_sessions_one"), **kw)
    return _alt(fig, TextAlternative(summary, head, rows, set(range(1, len(head)))))


def _wrap(label: str, width: int = 18) -> str:
    """An (escaped) axis label broken into lines of about `width` characters, so that long
    question labels leave the bars room on a narrow screen."""
    lines: list[str] = []
    for word in label.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _series_alt(categories: Sequence[str], series: dict[str, Sequence[float | None]],
                fmt, L: Lang, category: str) -> TextAlternative:
    """The table (a row per category, a column per series) and a summary giving each series'
    first and last value, for the charts across forums."""
    rows = [[c, *[fmt(v[i]) for v in series.values()]] for i, c in enumerate(categories)]
    summary: list[str] = []
    if categories:
        for k, (name, values) in enumerate(series.items()):
            summary += parts(L.t("sum_series"), name=name, first=fmt(values[0]),
                             c0=categories[0], last=fmt(values[-1]), cn=categories[-1])
            summary.append("." if k == len(series) - 1 else " ; " if L.code == "fr" else "; ")
    return TextAlternative(summary, [category, *series], rows, set(range(1, len(series) + 1)))


def grouped_bars(categories: Sequence[str], series: dict[str, Sequence[float]], L: Lang,
                 title: str, *, colours: Sequence[str], stacked: bool = False,
                 y_title: str | None = None, percent: bool = False,
                 category: str | None = None) -> go.Figure:
    """Bars per category (a forum), one trace per series; stacked or side by side."""
    fig = go.Figure()
    for (name, values), colour in zip(series.items(), colours, strict=False):
        text = [L.percent(v) if percent else L.number(v) for v in values]
        fig.add_trace(go.Bar(x=[safe(c) for c in categories], y=list(values), name=safe(name),
                             marker={"color": colour, "line": SEPARATOR if stacked else
                                     {"width": 0}},
                             text=text, textposition="inside" if stacked else "outside",
                             insidetextfont={"color": "white"}, outsidetextfont={"color": INK},
                             cliponaxis=False, hoverinfo="skip"))
    _layout(fig, title, height=320, L=L, barmode="stack" if stacked else "group",
            showlegend=True, legend={"orientation": "h", "y": -0.2, "x": 0,
                                     "traceorder": "normal"})
    fig.update_xaxes(type="category")  # years are labels, not numbers
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    if percent:
        ticks = [0, 0.25, 0.5, 0.75, 1]
        fig.update_yaxes(range=[0, 1], tickvals=ticks, ticktext=[L.percent(t) for t in ticks])
    return _alt(fig, _series_alt(categories, series, L.percent if percent else L.number, L,
                                 category or L.t("forum")))


def trend_with_errors(categories: Sequence[str], values: Sequence[float | None],
                      errors: Sequence[float | None], L: Lang, title: str,
                      y_title: str) -> go.Figure:
    """One point per forum with a 95 % error bar (NPS)."""
    fig = go.Figure(go.Scatter(
        x=[safe(c) for c in categories], y=list(values), mode="lines+markers+text",
        text=[L.signed(v) if v is not None else "" for v in values], textposition="top right",
        marker={"size": 10, "color": PALETTE["primary"]},
        line={"color": PALETTE["primary"], "width": 2},
        error_y={"type": "data", "array": [e or 0 for e in errors], "visible": True,
                 "color": PALETTE["muted"], "thickness": 1.5, "width": 6},
        hoverinfo="skip", cliponaxis=False))
    _layout(fig, title, height=260, L=L)
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text=y_title, zeroline=True)
    rows = [[c, L.signed(v), f"± {L.number(e)}" if e is not None else "–"]
            for c, v, e in zip(categories, values, errors, strict=True)]
    summary = (parts(L.t("sum_errors"), name=y_title, first=L.signed(values[0]),
                     e0=L.number(errors[0]), c0=categories[0], last=L.signed(values[-1]),
                     en=L.number(errors[-1]), cn=categories[-1]) if categories else [])
    return _alt(fig, TextAlternative(summary, [L.t("forum"), y_title, L.t("margin_header")],
                                     rows, {1, 2}))


def lines(categories: Sequence[str], series: dict[str, Sequence[float]], L: Lang, title: str,
          *, colours: Sequence[str], y_title: str | None = None,
          y_range: Sequence[float] | None = None) -> go.Figure:
    fig = go.Figure()
    digits = 1 if y_range else 0
    for (name, values), colour in zip(series.items(), colours, strict=False):
        fig.add_trace(go.Scatter(
            x=[safe(c) for c in categories], y=list(values), name=safe(name),
            mode="lines+markers+text", text=[L.number(v, digits)
                                             if v is not None else "" for v in values],
            textposition="top center", line={"color": colour, "width": 2.5},
            marker={"size": 8, "color": colour}, hoverinfo="skip", cliponaxis=False))
    _layout(fig, title, height=250 if len(series) == 1 else 290, L=L,
            showlegend=len(series) > 1,
            legend={"orientation": "h", "y": -0.2, "x": 0, "traceorder": "normal"})
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    if y_range:
        fig.update_yaxes(range=list(y_range))
    return _alt(fig, _series_alt(categories, series, lambda v: L.number(v, digits), L,
                                 L.t("forum")))
