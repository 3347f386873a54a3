"""What a notebook cell shows, shown as the report shows it: plotly figures, tables, Markdown.

Left alone, a custom cell's output would not reach the report, or not in its style: in a
Papermill kernel plotly emits only its JSON MIME type (which an HTML export drops, with a
mere warning), pandas writes its own unstyled table, and `IPython.display.Markdown` is a
MIME type the report template does not show. `install()`, called when a report object is
made inside a kernel, registers with IPython and plotly:

- a plotly renderer, the default: a figure ending a cell or passed to `fig.show()` becomes
  the same placeholder and `peakreport.draw` call as the report's own charts, so the page's
  inline plotly.js draws it offline and the PDF printer waits until it is drawn;
- a plotly template "peakreport", the default: custom charts get the report's fonts,
  colours and margins;
- HTML for pandas DataFrames and Series (the report's table, every cell escaped) and for
  Markdown (rendered with raw HTML escaped, so data formatted into it stays text).

Nothing here imports pandas: the formatters are registered by name and only run on a
frame that a cell already made.
"""

from __future__ import annotations

import html as _html
import itertools
import re
from functools import lru_cache
from typing import Any

from . import fragments

TEMPLATE = "peakreport"
ASSETS = {"peakreport": {"assets": True}}  # output metadata: page scripts, never exported
HEIGHT = 320  # px, a custom chart's height unless it sets its own
MAX_ROWS = 60  # a longer table is cut, with a note: a report is read, not scrolled
CHART = {"fr": "Graphique", "en": "Chart"}
MORE_ROWS = {"fr": "… et {n} lignes de plus", "en": "… and {n} more rows"}

_state: dict[str, Any] = {"language": "fr", "count": itertools.count(1), "values": []}


def install(language: str = "fr", values: list | None = None) -> None:
    """Make the running kernel show figures, tables and Markdown as the report does.

    Called by `EventReport` and `ProgrammeReport` when made in a kernel; safe to call
    again (each report restarts the numbering of custom charts, so a run's HTML is the
    same from run to run). `values` is the report's list of (title, chart) for its
    appendix of chart values: each custom chart is added to it, so that the appendix,
    shown by the report's closing call, gathers them too."""
    _state["language"] = language
    _state["count"] = itertools.count(1)
    _state["values"] = values if values is not None else []
    import plotly.io as pio

    if TEMPLATE not in pio.templates:
        pio.templates[TEMPLATE] = template()
    pio.templates.default = TEMPLATE
    if "peakreport" not in pio.renderers:
        pio.renderers["peakreport"] = _renderer()
    pio.renderers.default = "peakreport"
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing displays anything
        return
    shell = get_ipython()
    if shell is None:
        return
    formatter = shell.display_formatter.formatters["text/html"]
    # by name, so that pandas is not imported here; pandas 3 names its classes' module
    # "pandas", earlier versions "pandas.core.frame" / "pandas.core.series"
    for module in ("pandas", "pandas.core.frame", "pandas.core.series"):
        for name in ("DataFrame", "Series"):
            formatter.for_type_by_name(module, name, table_html)
    formatter.for_type_by_name("IPython.core.display", "Markdown",
                               lambda m: markdown_html(m.data or ""))


def remember(values: list, title: str, chart: Any) -> None:
    """Add a chart (its figure or its text alternative) to a report's appendix list.

    In JupyterLab a cell may run again: the charts it added on its previous run are
    replaced, in place, rather than listed twice (the cell is known by the id JupyterLab
    sends with it; a run by `peakreport run` executes each cell once and sends none)."""
    key = _running_cell()
    entry = (title, chart, key)
    if key is None:
        values.append(entry)
        return
    cell, run = key
    stale = [i for i, e in enumerate(values) if e[2] is not None and e[2][0] == cell
             and e[2][1] != run]
    same = [i for i, e in enumerate(values) if e[2] == key]
    if stale:
        at = stale[0]
        values[:] = [e for i, e in enumerate(values) if i not in set(stale)]
        values.insert(at, entry)
    elif same:
        values.insert(same[-1] + 1, entry)
    else:
        values.append(entry)


def _running_cell() -> tuple[str, int] | None:
    """(JupyterLab's id of the running cell, the kernel's execution count), or None."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
        header = getattr(shell, "parent_header", None) or {}
        cell = (header.get("metadata") or {}).get("cellId")
        return (str(cell), int(shell.execution_count)) if cell else None
    except Exception:  # not in a kernel, or an older one: no id, nothing to replace
        return None


def template():
    """The report's chart style as a plotly template (the colours of `figures.PALETTE`)."""
    import plotly.graph_objects as go

    from .figures import FONT, FONT_SIZE, PALETTE

    grid = {"automargin": True, "gridcolor": "#e4e7eb", "zerolinecolor": "#cbd2d9",
            "linecolor": "#cbd2d9", "title": {"standoff": 8}}
    colours = [PALETTE[k] for k in ("primary", "secondary", "accent", "warm", "muted")]
    # no label smaller than the report's small text (FONT_SIZE); the title is not drawn
    # (the report shows it as the chart's caption), so the top margin is the report's own
    return go.layout.Template(layout={
        "font": {"family": FONT, "size": FONT_SIZE, "color": "#1f2933"},
        "title": {"x": 0, "xanchor": "left", "font": {"size": 15}},
        "colorway": colours,
        "paper_bgcolor": "white", "plot_bgcolor": "white",
        "margin": {"l": 10, "r": 20, "t": 16, "b": 36},
        "height": HEIGHT,
        "xaxis": grid, "yaxis": grid,
        "legend": {"orientation": "h", "y": -0.2, "x": 0},
        "hoverlabel": {"font": {"family": FONT}},
    })


def _renderer():
    from plotly.io._base_renderers import MimetypeRenderer

    class ReportRenderer(MimetypeRenderer):
        """A figure as the report draws its own: placeholder + `peakreport.draw`."""

        def to_mimebundle(self, fig_dict: dict) -> dict:
            return {"text/html": chart_html(fig_dict),
                    "text/plain": f"<figure: {figure_title(fig_dict) or 'chart'}>"}

    return ReportRenderer()


def figure_title(fig: Any) -> str:
    """The title text of a figure or figure dict, without plotly's inline markup."""
    layout = fig.get("layout", {}) if isinstance(fig, dict) else fig.to_dict()["layout"]
    title = layout.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    if not text:
        return ""
    return " ".join(_html.unescape(re.sub(r"<br\s*/?>|<[^>]*>", lambda m: " " if
                                          m.group(0).startswith("<br") else "",
                                          str(text))).split())


def chart_html(fig: Any) -> str:
    """A custom chart: numbered apart from the report's own; its caption is its title,
    which is not drawn again inside the chart; its values table and summary are read from
    its traces (`traces.read`), and it joins the report's appendix of chart values. A
    chart the report can neither draw nor tabulate is named in words instead."""
    from ..i18n import lang
    from .traces import read

    n = next(_state["count"])
    title = figure_title(fig) or f"{CHART.get(_state['language'], 'Chart')} {n}"
    L = lang(_state["language"])
    reading = read(fig, L, L.t("category"))
    if reading.figure is None:
        return (f'<div class="pr-chart-missing" id="custom-chart-{n}">'
                f'<div class="pr-chart-title">{fragments.esc(title)}</div>'
                f"{fragments.paragraph(reading.not_drawn, 'pr-note')}</div>")
    remember(_state["values"], title, reading.alt)
    return fragments.chart(drawn_figure(reading.figure), f"custom-chart-{n}", title,
                           values_label=L.t("chart_data"),
                           values_caption=L.t("chart_data_caption", title=title),
                           category=L.t("category"), alt=reading.alt)


def drawn_figure(fig: dict) -> dict:
    """A custom figure as the report draws it: without its title (the caption says it,
    once), no text smaller than the report's small text, numbers in the report's
    language, and a height of its own (a chart sized by its box would get the box's
    minimum height: the template's)."""
    from .figures import FONT_SIZE

    layout = {k: v for k, v in (fig.get("layout") or {}).items() if k != "title"}
    layout.setdefault("height", HEIGHT)
    if _state["language"] == "fr":  # 1 234,5 on the axes, as in the report's own charts
        layout.setdefault("separators", ",\u202f")

    def at_least(font: Any) -> Any:
        if isinstance(font, dict) and isinstance(font.get("size"), int | float) \
                and font["size"] < FONT_SIZE:
            return {**font, "size": FONT_SIZE}
        return font

    for key, part in list(layout.items()):
        if isinstance(part, dict) and (re.fullmatch(r"[xy]axis\d*", key) or key == "legend"):
            layout[key] = {**part, **{f: at_least(part[f]) for f in ("tickfont", "font")
                                      if f in part}}
    if "font" in layout:
        layout["font"] = at_least(layout["font"])
    return {**fig, "layout": layout}


# A column of shares (fractions, as pandas computes them) is printed as percentages when
# its name says so — a word among these, accents and case ignored, or a "%" — or when
# `table(..., percent=[column])` names it; and only if all its values are between -1 and 1
# (a column of "taux" already in 0–100 stays as it is).
SHARE_WORDS = frozenset({"part", "parts", "share", "shares", "taux", "rate", "rates",
                         "proportion", "proportions", "pourcentage", "percentage", "ratio"})


def is_share(name: Any) -> bool:
    """Whether a column's name says it holds shares ("part des entreprises", "taux de
    présence", "response rate", pandas' `value_counts(normalize=True)`: "proportion")."""
    import unicodedata

    text = unicodedata.normalize("NFKD", _label(name)).encode("ascii", "ignore").decode()
    return "%" in text or bool(SHARE_WORDS & set(re.findall(r"[a-z]+", text.lower())))


def table_html(frame: Any, caption: str | None = None, percent: Any = ()) -> str:
    """A pandas DataFrame or Series as the report's table: numbers in the report's
    language, right-aligned, shares as percentages (see `is_share`; `percent` names more
    columns); every cell escaped; the index shown when it means something."""
    import pandas as pd

    from ..i18n import lang

    L = lang(_state["language"])
    if isinstance(frame, pd.Series):
        frame = frame.to_frame(name=frame.name if frame.name is not None else "")
    show_index = not isinstance(frame.index, pd.RangeIndex)
    body = frame.head(MAX_ROWS)
    columns = [("index", body.index)] if show_index else []
    columns += [(c, body[c]) for c in body.columns] if body.columns.is_unique else [
        (c, body.iloc[:, i]) for i, c in enumerate(body.columns)]
    headers = [str(frame.index.name or "") if show_index else ""][:int(show_index)]
    headers += [_label(c) for c in body.columns]
    numeric, cells = set(), []
    percent = {_label(c) for c in ([percent] if isinstance(percent, str) else percent)}
    for i, (name, values) in enumerate(columns):
        values = pd.Series(values)
        if pd.api.types.is_bool_dtype(values):
            cells.append([_cell(v, L) for v in values])
        elif pd.api.types.is_numeric_dtype(values) and (
                _label(name) in percent or is_share(name)) and (
                values.dropna().abs() <= 1).all():
            numeric.add(i)
            cells.append([L.percent(v) if pd.notna(v) else "" for v in values])
        elif pd.api.types.is_numeric_dtype(values):
            numeric.add(i)
            digits = 0 if pd.api.types.is_integer_dtype(values) or (
                values.dropna() % 1 == 0).all() else 2
            cells.append([L.number(v, digits) if pd.notna(v) else "" for v in values])
        else:
            cells.append([_cell(v, L) for v in values])
    rows = [list(r) for r in zip(*cells, strict=True)] if cells else []
    out = fragments.table(headers, rows, numeric=numeric, caption=caption)
    if len(frame) > MAX_ROWS:
        out += fragments.paragraph(
            MORE_ROWS.get(L.code, MORE_ROWS["en"]).format(n=L.number(len(frame) - MAX_ROWS)),
            "pr-note")
    return out


def _label(column: Any) -> str:
    return " · ".join(map(str, column)) if isinstance(column, tuple) else str(column)


def _cell(value: Any, L) -> str:
    import datetime as dt

    import pandas as pd

    if value is None or (not isinstance(value, str | list | tuple | dict) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes") if (
            value.hour or value.minute) else L.date(value.date())
    if isinstance(value, dt.date):
        return L.date(value)
    if isinstance(value, bool):
        return {"fr": ("oui", "non"), "en": ("yes", "no")}.get(L.code, ("yes", "no"))[
            0 if value else 1]
    return str(value)


@lru_cache(maxsize=1)
def _markdown():
    import mistune  # nbconvert's own Markdown library
    from mistune.renderers.html import HTMLRenderer

    class Renderer(HTMLRenderer):
        """Raw HTML escaped, images shown as their text (a report loads nothing)."""

        def image(self, text: str, url: str, title: str | None = None) -> str:
            return text

    return mistune.create_markdown(renderer=Renderer(escape=True),
                                   plugins=["strikethrough", "table"])


def markdown_html(text: str) -> str:
    """Markdown as HTML, raw HTML in it escaped: data formatted into it stays text.
    Template braces are neutralised as everywhere else in the report."""
    out = _markdown()(text)
    return f'<div class="pr-markdown">{out}</div>'.replace("{", "&#123;").replace("}", "&#125;")


def table(frame: Any, caption: str | None = None, percent: Any = ()):
    """Show a DataFrame as a report table with a caption: `display.table(df, "Titre")`;
    `percent=["colonne"]` prints that column's shares as percentages (columns named
    "part…", "taux…", "share", "rate", "proportion" or with "%" are already)."""
    from .fragments import Fragment

    return Fragment(table_html(frame, caption, percent))


# ---------------------------------------------------------------- JupyterLab


LAB_SCOPE = ".jp-OutputArea-output"


def lab_assets() -> str:
    """What an interactive session needs to look like the report: plotly.js and the draw
    helper, and the report's stylesheet limited to the notebook's outputs (so it styles
    the report's sections, not JupyterLab itself). Shown once, with `ASSETS` metadata,
    which the exporters use to leave it out of any export."""
    from ..bundle import page_scripts, stylesheet

    return f"<style>{scoped_css(stylesheet(), LAB_SCOPE)}</style>\n{page_scripts()}"


def show_lab_assets() -> None:
    from IPython.display import HTML, display

    display(HTML(lab_assets()), metadata=ASSETS)


INHERITED = {"color", "font-family", "font-size", "line-height"}


def scoped_css(css: str, scope: str) -> str:
    """`css` with every rule limited to elements inside `scope`. `:root`, `html` and
    `body` become the scope itself, keeping only custom properties and what text inherits
    (the page's margins and background are not an output's); `@page` and print-only rules
    are dropped."""
    import tinycss2  # nbconvert's sanitiser's CSS parser

    def rules(text: str) -> str:
        out = []
        for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
            if rule.type == "qualified-rule":
                sels = [_scope_selector(s, scope)
                        for s in _split_selectors(tinycss2.serialize(rule.prelude))]
                body = tinycss2.serialize(rule.content)
                if scope in sels:  # the page's own rules: only what text inherits
                    decls = tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                            skip_whitespace=True)
                    body = "; ".join(
                        f"{d.name}: {tinycss2.serialize(d.value).strip()}" for d in decls
                        if d.type == "declaration" and (d.name.startswith("--")
                                                        or d.name in INHERITED))
                    if not body:
                        continue
                out.append(f"{', '.join(sels)} {{{body}}}")
            elif rule.type == "at-rule":
                prelude = tinycss2.serialize(rule.prelude).strip()
                if rule.lower_at_keyword == "media" and "print" not in prelude.split(
                        " and ")[0]:
                    out.append(f"@media {prelude} {{{rules(tinycss2.serialize(rule.content))}}}")
                elif rule.lower_at_keyword in ("font-face", "keyframes"):
                    out.append(tinycss2.serialize([rule]))
        return "\n".join(out)

    return rules(css)


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(prelude):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return [p.strip() for p in parts if p.strip()]


def _scope_selector(selector: str, scope: str) -> str:
    m = re.match(r"(:root|html|body)\b(.*)$", selector)
    if m:
        rest = m.group(2).strip()
        rest = re.sub(r"^(html|body)\b", "", rest).strip()  # `html body …`
        return f"{scope} {rest}" if rest else scope
    return f"{scope} {selector}"
