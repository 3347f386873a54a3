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

from .i18n import Lang

PALETTE = {
    "primary": "#1d3f72",
    "secondary": "#2a9d8f",
    "accent": "#e76f51",
    "warm": "#e9c46a",
    "muted": "#8d99ae",
    "light": "#d9e2ec",
}
COMMUNITY_COLOURS = {"company": "#1d3f72", "training": "#2a9d8f", "institution": "#e9c46a",
                     "expert": "#e76f51", "other": "#8d99ae"}
SCALE5 = ["#c0392b", "#e67e22", "#bdc3c7", "#7fb3d5", "#1d3f72"]
NPS_COLOURS = ["#c0392b", "#bdc3c7", "#2a9d8f"]
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"


def safe(label: object) -> str:
    """Escape a data label for plotly's HTML-like text rendering."""
    return html.escape(str(label), quote=True)


def _percent_axis(fig: go.Figure, L: Lang) -> None:
    ticks = [0, 0.25, 0.5, 0.75, 1]
    fig.update_xaxes(range=[0, 1], tickvals=ticks, ticktext=[L.percent(t) for t in ticks])


def _layout(fig: go.Figure, title: str, height: int = 300, *, L: Lang | None = None,
            **kw) -> go.Figure:
    if L is not None and L.code == "fr":
        kw.setdefault("separators", ",\u202f")
    fig.update_layout(
        template="none",  # our own styling; plotly's default template adds ~8 kB per chart
        title={"text": safe(title), "x": 0, "xanchor": "left", "font": {"size": 14}},
        font={"family": FONT, "size": 11, "color": "#1f2933"},
        height=height,
        margin={"l": 10, "r": 20, "t": 44, "b": 36},
        paper_bgcolor="white",
        plot_bgcolor="white",
        showlegend=kw.pop("showlegend", False),
        **kw,
    )
    fig.update_xaxes(automargin=True, gridcolor="#e4e7eb", zerolinecolor="#cbd2d9")
    fig.update_yaxes(automargin=True, gridcolor="#e4e7eb", zerolinecolor="#cbd2d9")
    return fig


def hbar(
    labels: Sequence[str], values: Sequence[int], L: Lang, title: str, *,
    colours: Sequence[str] | str = PALETTE["primary"], total: int | None = None,
    axis_title: str | None = None,
) -> go.Figure:
    """Horizontal bars, largest on top, each labelled with its count and share."""
    total = total if total is not None else sum(values)
    text = [f"{L.number(v)} ({L.percent(v / total)})" if total else L.number(v) for v in values]
    fig = go.Figure(go.Bar(
        x=list(values)[::-1], y=[safe(x) for x in labels][::-1], orientation="h",
        marker={"color": list(colours)[::-1] if not isinstance(colours, str) else colours},
        text=text[::-1], textposition="outside", cliponaxis=False, hoverinfo="skip",
    ))
    height = max(180, 60 + 28 * len(labels))
    _layout(fig, title, height=height, L=L)
    fig.update_xaxes(title_text=axis_title or L.t("people"), rangemode="tozero",
                     range=[0, max(values, default=1) * 1.3 or 1])
    fig.update_yaxes(title_text=None)
    return fig


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
    return fig


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
    return fig


def nps_bar(detractors: int, passives: int, promoters: int, L: Lang) -> go.Figure:
    """One 100 % stacked bar: detractors, passives, promoters."""
    n = detractors + passives + promoters
    fig = go.Figure()
    for key, value, colour in zip(("detractors", "passives", "promoters"),
                                  (detractors, passives, promoters), NPS_COLOURS, strict=True):
        share = value / n if n else 0
        fig.add_trace(go.Bar(
            x=[share], y=[""], orientation="h", name=L.t(key), marker={"color": colour},
            text=[L.percent(share)] if share >= 0.06 else [""], textposition="inside",
            insidetextanchor="middle", hoverinfo="skip",
        ))
    _layout(fig, L.t("nps_distribution"), height=170, L=L, barmode="stack", showlegend=True,
            legend={"orientation": "h", "y": -0.35, "x": 0, "traceorder": "normal"})
    _percent_axis(fig, L)
    fig.update_xaxes(showgrid=False)
    fig.update_yaxes(showticklabels=False, showgrid=False)
    return fig


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
            y=[safe(x) for x in labels], x=shares, orientation="h", name=str(score + 1),
            marker={"color": SCALE5[score]},
            text=[L.percent(s) if s >= 0.08 else "" for s in shares], textposition="inside",
            insidetextanchor="middle", hoverinfo="skip",
        ))
    height = max(200, 110 + 46 * len(labels))
    _layout(fig, L.t("questions_chart"), height=height, L=L, barmode="stack",
            showlegend=True, legend={"orientation": "h", "y": -0.18, "x": 0,
                                     "traceorder": "normal"})
    _percent_axis(fig, L)
    fig.update_yaxes(autorange="reversed")
    return fig


def grouped_bars(categories: Sequence[str], series: dict[str, Sequence[float]], L: Lang,
                 title: str, *, colours: Sequence[str], stacked: bool = False,
                 y_title: str | None = None, percent: bool = False) -> go.Figure:
    """Bars per category (a forum), one trace per series; stacked or side by side."""
    fig = go.Figure()
    for (name, values), colour in zip(series.items(), colours, strict=False):
        text = [L.percent(v) if percent else L.number(v) for v in values]
        fig.add_trace(go.Bar(x=[safe(c) for c in categories], y=list(values), name=safe(name),
                             marker={"color": colour}, text=text,
                             textposition="inside" if stacked else "outside",
                             cliponaxis=False, hoverinfo="skip"))
    _layout(fig, title, height=320, L=L, barmode="stack" if stacked else "group",
            showlegend=True, legend={"orientation": "h", "y": -0.2, "x": 0,
                                     "traceorder": "normal"})
    fig.update_xaxes(type="category")  # years are labels, not numbers
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    if percent:
        ticks = [0, 0.25, 0.5, 0.75, 1]
        fig.update_yaxes(range=[0, 1], tickvals=ticks, ticktext=[L.percent(t) for t in ticks])
    return fig


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
    return fig


def lines(categories: Sequence[str], series: dict[str, Sequence[float]], L: Lang, title: str,
          *, colours: Sequence[str], y_title: str | None = None,
          y_range: Sequence[float] | None = None) -> go.Figure:
    fig = go.Figure()
    for (name, values), colour in zip(series.items(), colours, strict=False):
        fig.add_trace(go.Scatter(
            x=[safe(c) for c in categories], y=list(values), name=safe(name),
            mode="lines+markers+text", text=[L.number(v, 1 if y_range else 0)
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
    return fig
