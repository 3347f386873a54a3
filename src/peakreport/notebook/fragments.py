"""HTML fragments of the report: pure functions, every data string escaped.

Anything that comes from an input file or a params file (titles, labels,
comments, organisation names) passes through `esc` before it reaches HTML. The
only markup allowed is the one written here. Charts are embedded as a JSON spec
that the page's own `peakreport.draw` hands to the inline plotly.js.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import plotly.io as pio

_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")


def esc(text: object) -> str:
    """Escape for HTML text and attributes; also neutralise template braces."""
    s = html.escape(str(text), quote=True)
    # `{{ … }}` and `{% … %}` stay literal text if any later step were a template engine
    return s.replace("{", "&#123;").replace("}", "&#125;")


def md_bold(text: str) -> str:
    """Our own definitions use **bold**; escape first, then add <strong>."""
    return _MD_BOLD.sub(r"<strong>\1</strong>", esc(text))


def pieces(items: list[str]) -> str:
    """Text pieces as HTML: each escaped, and text in another language than the report's
    (an `i18n.Foreign`) marked with its `lang`."""
    return "".join(_in_lang(x) for x in items)


def _in_lang(text: object) -> str:
    language = getattr(text, "lang", None)
    return f'<span lang="{esc(language)}">{esc(text)}</span>' if language else esc(text)


def _lang_attr(text: object) -> str:
    language = getattr(text, "lang", None)
    return f' lang="{esc(language)}"' if language else ""


def chart(fig: object, chart_id: str, title: str, *, values_label: str = "Values",
          values_caption: str | None = None, category: str = "Category",
          alt: object = None) -> str:
    """A chart with its text alternative (SPEC, Accessibility).

    The chart is a group named by its visible caption (the title, outside the SVG so that
    it wraps) and described by a summary written from the data (a group, not a <figure>: in
    the tagged PDF a figure's alternative text would replace the summary and table inside);
    the plotted values follow as a table (collapsed on screen; the printed report has them
    in an appendix instead, see `chart_values`). Once drawn, plotly's SVG is one image named
    by the summary and pointing to the table (`aria-details`; draw.js), so that its axes,
    legends and shapes are not read piece by piece, and the tagged PDF gets one figure per
    chart with the summary as its alternative text.
    """
    from .figures import describe

    spec = pio.to_json(fig, validate=False, pretty=False, remove_uids=True)
    # Inside <script>, "</" would end the element: escape it (valid in JSON strings).
    spec = spec.replace("</", "<\\/").replace("\u2028", "\\u2028").replace(
        "\u2029", "\\u2029")
    alt = alt if alt is not None else describe(fig, category)
    cid = esc(chart_id)
    summary = pieces(alt.summary) or esc(title)
    values = chart_values(alt, values_caption or title)
    return (
        f'<div class="pr-chart" role="group" aria-labelledby="{cid}-title" '
        f'aria-describedby="{cid}-summary">'
        f'<div class="pr-chart-title" id="{cid}-title">{esc(title)}</div>'
        f'<div class="pr-plot" id="{cid}">'
        f'</div><p class="pr-chart-summary" id="{cid}-summary">{summary}</p>'
        f'<details class="pr-chart-values" id="{cid}-values">'
        f"<summary>{esc(values_label)}</summary>{values}"
        f"</details></div>\n"
        f"<script>peakreport.draw({chart_id!r}, {spec});</script>"
    )


def map_chart(m: object, chart_id: str, drawing: str, title: str, *, credit: str,
              legend_label: str, values_label: str = "Values",
              values_caption: str | None = None) -> str:
    """A map (`maps.MapFigure`, drawn as `drawing`: its SVG, named by the element
    `{chart_id}-summary`) with the same text alternative as a chart: a visible caption, a
    summary that names the map image, its legend in words, its values as a table; and the
    base map's credit. Nothing to draw in the page: the SVG is inline."""
    cid = esc(chart_id)
    alt = m._pr_alt
    summary = pieces(alt.summary) or esc(title)
    keys = "".join(
        f'<li><span class="pr-swatch" aria-hidden="true" style="background:{esc(fill)};'
        f'border-color:{esc(border)}"></span>{esc(words)}</li>'
        for fill, border, words in m.legend)
    notes = "".join(f'<p class="pr-note">{esc(n)}</p>' for n in m.notes)
    return (
        f'<div class="pr-chart pr-map" role="group" aria-labelledby="{cid}-title" '
        f'aria-describedby="{cid}-summary">'
        f'<div class="pr-chart-title" id="{cid}-title">{esc(title)}</div>'
        f"{drawing}"
        f'<ul class="pr-map-legend" aria-label="{esc(legend_label)}">{keys}</ul>{notes}'
        f'<p class="pr-chart-summary" id="{cid}-summary">{summary}</p>'
        f'<p class="pr-map-credit">{esc(credit)}</p>'
        f'<details class="pr-chart-values" id="{cid}-values">'
        f"<summary>{esc(values_label)}</summary>"
        f"{chart_values(alt, values_caption or title)}</details></div>\n")


def chart_values(alt: object, caption: str) -> str:
    """A chart's plotted values as a table (on screen in the chart, in print in the
    appendix)."""
    return table(alt.headers, alt.rows, numeric=alt.numeric, caption=caption)


def table(headers: list[str], rows: list[list[str]], *, numeric: set[int] = frozenset(),
          caption: str | None = None, cls: str = "pr-table") -> str:
    """A table of already formatted cells; every cell is escaped here.

    The first column heads its row (`th scope="row"`), columns have `scope="col"`; a
    table that may scroll sideways on a narrow screen is in a region that the keyboard
    can reach and that is named after the caption (WCAG 2.1.1)."""
    head = "".join(f'<th scope="col" class="{"num" if i in numeric else ""}">{esc(h)}</th>'
                   for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(
            (f'<th scope="row"{_lang_attr(c)}>{esc(c)}</th>' if i == 0 else
             f'<td class="{"num" if i in numeric else ""}"{_lang_attr(c)}>{esc(c)}</td>')
            for i, c in enumerate(r)) + "</tr>"
        for r in rows)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    name = f' aria-label="{esc(caption)}"' if caption else ""
    return (f'<div class="pr-scroll" role="region" tabindex="0"{name}>'
            f'<table class="{cls}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
            "</table></div>")


def card(label: str, value: str, note: str = "", status: bool | None = None,
         target: str = "", verdict: str = "", trend: tuple[str, str] | None = None) -> str:
    """One key figure: a big number, its label, a note, the target badge, and the change
    since the previous forum (`trend`: an arrow, or "", and words). The badge says met or
    missed in words (`verdict`) and the trend up, down or stable in words: neither by its
    colour or mark only (the marks are hidden from screen readers, the words are not)."""
    badge = ""
    if status is not None:
        cls, mark = ("met", "✓") if status else ("missed", "✗")
        words = f"{esc(verdict)} ({esc(target)})" if verdict else esc(target)
        badge = (f'<div class="pr-badge {cls}"><span aria-hidden="true">{mark}</span> '
                 f"{words}</div>")
    elif target:
        badge = f'<div class="pr-badge none">{esc(target)}</div>'
    return (f'<div class="pr-card"><div class="pr-value">{esc(value)}</div>'
            f'<div class="pr-label">{esc(label)}</div>'
            + (f'<div class="pr-note"{_lang_attr(note)}>{esc(note)}</div>' if note else "")
            + badge + _trend(trend) + "</div>")


def _trend(trend: tuple[str, str] | None) -> str:
    if not trend:
        return ""
    arrow, words = trend
    mark = f'<span class="pr-arrow" aria-hidden="true">{esc(arrow)}</span> ' if arrow else ""
    return f'<div class="pr-trend">{mark}{esc(words)}</div>'


def section(section_id: str, title: str, body: str, *, new_page: bool = False) -> str:
    """A titled part of the report; `new_page` starts it on a new page when printed."""
    cls = "pr-section pr-newpage" if new_page else "pr-section"
    return (f'<section class="{cls}" id="{esc(section_id)}">'
            f"<h2>{esc(title)}</h2>{body}</section>")


def paragraph(text: str, cls: str = "") -> str:
    return (f'<p class="{esc(cls)}"{_lang_attr(text)}>{esc(text)}</p>' if cls
            else f"<p{_lang_attr(text)}>{esc(text)}</p>")


@dataclass
class Fragment:
    """A piece of the report: HTML that Jupyter shows and nbconvert keeps.

    Every section method returns one; a cell that ends with it shows it. Its `html` is
    already escaped: it is the report's own markup around data passed through `esc`.
    """

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:  # what a text-only front end shows
        return "<peakreport section>"
