"""HTML fragments of the report: pure functions, every data string escaped.

Anything that comes from an input file or a params file (titles, labels,
comments, organisation names) passes through `esc` before it reaches HTML. The
only markup allowed is the one written here. Charts are embedded as a JSON spec
that the page's own `peakreport.draw` hands to the inline plotly.js.
"""

from __future__ import annotations

import html
import re

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


def chart(fig: object, chart_id: str, title: str) -> str:
    """A placeholder element and the call that draws the figure into it."""
    spec = pio.to_json(fig, validate=False, pretty=False, remove_uids=True)
    # Inside <script>, "</" would end the element: escape it (valid in JSON strings).
    spec = spec.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (
        f'<figure class="pr-chart" id="{esc(chart_id)}" role="img" aria-label="{esc(title)}">'
        f"</figure>\n<script>peakreport.draw({chart_id!r}, {spec});</script>"
    )


def table(headers: list[str], rows: list[list[str]], *, numeric: set[int] = frozenset(),
          caption: str | None = None, cls: str = "pr-table") -> str:
    """A table of already formatted cells; every cell is escaped here."""
    head = "".join(f'<th class="{"num" if i in numeric else ""}">{esc(h)}</th>'
                   for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f'<td class="{"num" if i in numeric else ""}">{esc(c)}</td>'
                         for i, c in enumerate(r)) + "</tr>"
        for r in rows)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f'<table class="{cls}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def card(label: str, value: str, note: str = "", status: bool | None = None,
         target: str = "") -> str:
    """One key figure: a big number, its label, a note, and the target badge."""
    badge = ""
    if status is not None:
        cls, mark = ("met", "✓") if status else ("missed", "✗")
        badge = f'<div class="pr-badge {cls}">{mark} {esc(target)}</div>'
    elif target:
        badge = f'<div class="pr-badge none">{esc(target)}</div>'
    return (f'<div class="pr-card"><div class="pr-value">{esc(value)}</div>'
            f'<div class="pr-label">{esc(label)}</div>'
            + (f'<div class="pr-note">{esc(note)}</div>' if note else "")
            + badge + "</div>")


def section(section_id: str, title: str, body: str, *, new_page: bool = False) -> str:
    """A titled part of the report; `new_page` starts it on a new page when printed."""
    cls = "pr-section pr-newpage" if new_page else "pr-section"
    return (f'<section class="{cls}" id="{esc(section_id)}">'
            f"<h2>{esc(title)}</h2>{body}</section>")


def paragraph(text: str, cls: str = "") -> str:
    return f'<p class="{esc(cls)}">{esc(text)}</p>' if cls else f"<p>{esc(text)}</p>"
